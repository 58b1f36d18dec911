/* memo.h - answers the pages compute from the record (score series, an
 * agenda), kept in memory and shared by the server's threads while what
 * they were computed from stays the same: each is stored under a key that
 * names the question (which relationship, which times) and a version that
 * names the state of the record it was read from (the relationship's head,
 * the newest event, a user's snoozes). A lookup with another version is a
 * miss, so an answer is never older than the record. A fixed number of
 * slots, each key in one of them (by its hash), the newer answer taking the
 * slot: memory stays bounded and nothing is ever swept. */
#ifndef RAPPORT_WEB_MEMO_H
#define RAPPORT_WEB_MEMO_H

#include <h2o.h>
#include <stddef.h>

#define MEMO_SLOTS 4096
#define MEMO_BYTES (16 << 20) /* all answers together; past it a new one is not kept */
#define MEMO_KEY_MAX 160

struct memo;

struct memo *memo_new(void);
void memo_free(struct memo *m);

/* A copy of the answer to key at version, in pool memory: its address
 * (and *len), or NULL when there is none or it is of another version. */
void *memo_get(struct memo *m, const char *key, const char *version, h2o_mem_pool_t *pool, size_t *len);
/* Keeps a copy of the len bytes at v as the answer to key at version. */
void memo_put(struct memo *m, const char *key, const char *version, const void *v, size_t len);

#endif
