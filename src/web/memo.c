/* memo.c - shared answers (web/memo.h): MEMO_SLOTS slots in sets of
 * MEMO_WAYS behind one lock, a key in one set by its hash, the set's least
 * recently used slot taking a new key; a copy goes in and a copy comes
 * out, so no thread holds a pointer into a slot another may replace. */
#include "web/memo.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MEMO_WAYS 8
#define MEMO_SETS (MEMO_SLOTS / MEMO_WAYS)

struct slot {
	char key[MEMO_KEY_MAX], version[MEMO_KEY_MAX];
	void *data;
	size_t len;
	uint64_t used; /* the clock when it was last put or got */
};

struct memo {
	pthread_mutex_t lock;
	size_t bytes; /* of every slot's data */
	uint64_t clock;
	struct slot slot[MEMO_SLOTS];
};

/* The first slot of key's set (FNV-1a). */
static size_t set_of(const char *key)
{
	uint64_t h = 14695981039346656037ULL;
	for (const unsigned char *p = (const unsigned char *)key; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return (size_t)(h % MEMO_SETS) * MEMO_WAYS;
}

/* key's slot in its set, or NULL. */
static struct slot *find(struct memo *m, const char *key)
{
	struct slot *set = &m->slot[set_of(key)];
	for (int i = 0; i < MEMO_WAYS; i++)
		if (set[i].data && !strcmp(set[i].key, key))
			return &set[i];
	return NULL;
}

/* The slot a new key takes: an empty one, else the least recently used. */
static struct slot *victim(struct memo *m, const char *key)
{
	struct slot *set = &m->slot[set_of(key)], *v = &set[0];
	for (int i = 0; i < MEMO_WAYS; i++) {
		if (!set[i].data)
			return &set[i];
		if (set[i].used < v->used)
			v = &set[i];
	}
	return v;
}

struct memo *memo_new(void)
{
	struct memo *m = calloc(1, sizeof *m);
	if (m)
		pthread_mutex_init(&m->lock, NULL);
	return m;
}

void memo_free(struct memo *m)
{
	if (!m)
		return;
	for (size_t i = 0; i < MEMO_SLOTS; i++)
		free(m->slot[i].data);
	pthread_mutex_destroy(&m->lock);
	free(m);
}

void *memo_get(struct memo *m, const char *key, const char *version, h2o_mem_pool_t *pool, size_t *len)
{
	if (!m || strlen(key) >= MEMO_KEY_MAX || strlen(version) >= MEMO_KEY_MAX)
		return NULL;
	void *out = NULL;
	pthread_mutex_lock(&m->lock);
	struct slot *s = find(m, key);
	if (s && !strcmp(s->version, version)) {
		s->used = ++m->clock;
		out = h2o_mem_alloc_pool(pool, s->len ? s->len : 1);
		memcpy(out, s->data, s->len);
		*len = s->len;
	}
	pthread_mutex_unlock(&m->lock);
	return out;
}

void memo_put(struct memo *m, const char *key, const char *version, const void *v, size_t len)
{
	if (!m || strlen(key) >= MEMO_KEY_MAX || strlen(version) >= MEMO_KEY_MAX)
		return;
	void *copy = malloc(len ? len : 1);
	if (!copy)
		return;
	memcpy(copy, v, len);
	pthread_mutex_lock(&m->lock);
	struct slot *s = find(m, key);
	if (!s)
		s = victim(m, key);
	if (m->bytes - s->len + len > MEMO_BYTES) {
		pthread_mutex_unlock(&m->lock);
		free(copy);
		return;
	}
	m->bytes += len - s->len;
	void *old = s->data;
	strcpy(s->key, key);
	strcpy(s->version, version);
	s->data = copy;
	s->len = len;
	s->used = ++m->clock;
	pthread_mutex_unlock(&m->lock);
	free(old);
}
