/* logtree.c - a relationship's Merkle tree over its events' chain hashes,
 * served from the store's cache of perfect subtrees (merkle_nodes), which
 * logtree_extend fills as the record grows. A node missing from the cache
 * is computed from its children, so every answer is right even before the
 * cache is filled; the cache only makes it O(log n). */
#include "logtree.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "note.h"
#include "store/events.h"
#include "store/verify.h"

static int leaf_of(struct logtree *t, uint64_t idx, merkle_hash out, struct err *e)
{
	unsigned char h[SHA256_LEN];
	int r = store_event_hash(t->db, t->rel, (int64_t)idx + 1, h, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_CHECK, "event %lld is missing", (long long)idx + 1);
	merkle_leaf(t->sha, h, SHA256_LEN, out);
	return 0;
}

static int node(void *ctx, unsigned level, uint64_t idx, merkle_hash out, struct err *e)
{
	struct logtree *t = ctx;
	if (level == 0)
		return leaf_of(t, idx, out, e);
	if (t->use_cache) {
		int r = store_tree_node(t->db, t->rel, level, (int64_t)idx, out, e);
		if (r)
			return r < 0 ? -1 : 0;
	}
	merkle_hash l, r;
	if (node(ctx, level - 1, 2 * idx, l, e) || node(ctx, level - 1, 2 * idx + 1, r, e))
		return -1;
	merkle_node(t->sha, l, r, out);
	return 0;
}

int logtree_open(struct logtree *t, struct db *db, struct sha256 *sha, int64_t rel, struct err *e)
{
	memset(t, 0, sizeof *t);
	struct rel_head h;
	int r = store_rel_head(db, rel, &h, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--partner: no relationship with id %lld", (long long)rel);
	t->db = db;
	t->sha = sha;
	t->rel = rel;
	t->size = h.seq;
	t->use_cache = 1;
	t->src = (struct merkle_src){.sha = sha, .node = node, .ctx = t};
	return 0;
}

struct extend_ctx {
	struct logtree *t;
	struct merkle_stack st;
	struct err *e;
	int failed;
};

static void put_node(void *ctx, unsigned level, uint64_t idx, const merkle_hash hash)
{
	struct extend_ctx *x = ctx;
	if (!x->failed && store_tree_node_put(x->t->db, x->t->rel, level, (int64_t)idx, hash, x->e))
		x->failed = 1;
}

static int push_event(void *ctx, int64_t seq, const unsigned char hash[SHA256_LEN])
{
	(void)seq;
	struct extend_ctx *x = ctx;
	merkle_hash leaf;
	merkle_leaf(x->t->sha, hash, SHA256_LEN, leaf);
	merkle_stack_push(&x->st, x->t->sha, leaf, put_node, x);
	return x->failed ? -1 : 0;
}

/* Resumes a stack at size n from the perfect subtrees n decomposes into. */
static int resume(struct logtree *t, struct merkle_stack *st, int64_t n, struct err *e)
{
	merkle_stack_init(st);
	uint64_t at = 0;
	for (int level = 62; level >= 0; level--) {
		uint64_t size = (uint64_t)1 << level;
		if (!((uint64_t)n & size))
			continue;
		if (node(t, (unsigned)level, at >> level, st->node[st->count++], e))
			return -1;
		at += size;
	}
	st->n = (uint64_t)n;
	return 0;
}

int logtree_extend(struct logtree *t, struct err *e)
{
	int64_t cached;
	if (store_tree_size(t->db, t->rel, &cached, e))
		return -1;
	if (cached > t->size)
		return err_set(e, ERR_CHECK, "the Merkle cache covers %lld events but the record holds %lld (events removed?)",
		               (long long)cached, (long long)t->size);
	if (cached == t->size)
		return 0;
	struct extend_ctx x = {.t = t, .e = e};
	if (resume(t, &x.st, cached, e) ||
	    store_event_hashes(t->db, t->rel, cached + 1, t->size, push_event, &x, e))
		return -1;
	return store_tree_set_size(t->db, t->rel, t->size, e);
}

static int check_size(struct logtree *t, const char *what, int64_t size, struct err *e)
{
	if (size < 1 || size > t->size)
		return err_set(e, ERR_INPUT, "%s: the record has %lld events: %lld is not from 1 to %lld", what,
		               (long long)t->size, (long long)size, (long long)t->size);
	return 0;
}

int logtree_root(struct logtree *t, int64_t size, merkle_hash out, struct err *e)
{
	if (check_size(t, "size", size, e))
		return -1;
	return merkle_src_root(&t->src, (uint64_t)size, out, e);
}

int logtree_inclusion(struct logtree *t, int64_t seq, int64_t size, merkle_hash path[MERKLE_MAX_PROOF], size_t *n,
                      struct err *e)
{
	if (check_size(t, "--size", size, e))
		return -1;
	if (seq < 1 || seq > size)
		return err_set(e, ERR_INPUT, "--seq: %lld is not an event of the tree of %lld events", (long long)seq,
		               (long long)size);
	return merkle_src_inclusion(&t->src, (uint64_t)seq - 1, (uint64_t)size, path, n, e);
}

int logtree_consistency(struct logtree *t, int64_t size1, int64_t size2, merkle_hash proof[MERKLE_MAX_PROOF],
                        size_t *n, struct err *e)
{
	if (check_size(t, "--to", size2, e))
		return -1;
	if (size1 < 1 || size1 > size2)
		return err_set(e, ERR_INPUT, "--from: %lld is not from 1 to --to (%lld)", (long long)size1, (long long)size2);
	return merkle_src_consistency(&t->src, (uint64_t)size1, (uint64_t)size2, proof, n, e);
}

struct stream_ctx {
	struct sha256 *sha;
	struct merkle_stack st;
};

static int stream_event(void *ctx, int64_t seq, const unsigned char hash[SHA256_LEN])
{
	(void)seq;
	struct stream_ctx *c = ctx;
	merkle_hash leaf;
	merkle_leaf(c->sha, hash, SHA256_LEN, leaf);
	merkle_stack_push(&c->st, c->sha, leaf, NULL, NULL);
	return 0;
}

int logtree_recompute(struct logtree *t, int64_t size, merkle_hash out, struct err *e)
{
	if (check_size(t, "size", size, e))
		return -1;
	struct stream_ctx c = {.sha = t->sha};
	merkle_stack_init(&c.st);
	if (store_event_hashes(t->db, t->rel, 1, size, stream_event, &c, e))
		return -1;
	merkle_stack_root(&c.st, t->sha, out);
	return 0;
}

struct leaves_ctx {
	struct sha256 *sha;
	merkle_hash *leaves;
};

static int add_leaf(void *ctx, int64_t seq, const unsigned char hash[SHA256_LEN])
{
	struct leaves_ctx *c = ctx;
	merkle_leaf(c->sha, hash, SHA256_LEN, c->leaves[seq - 1]);
	return 0;
}

int logtree_mem(struct logtree *t, struct merkle_mem *mem, struct err *e)
{
	struct leaves_ctx lc = {.sha = t->sha, .leaves = malloc((size_t)(t->size ? t->size : 1) * sizeof(merkle_hash))};
	if (!lc.leaves)
		abort();
	int r = t->size ? store_event_hashes(t->db, t->rel, 1, t->size, add_leaf, &lc, e) : 0;
	if (r == 0)
		merkle_mem_build(mem, t->sha, (const merkle_hash *)lc.leaves, (uint64_t)t->size);
	free(lc.leaves);
	return r ? -1 : 0;
}

struct check_ctx {
	const struct merkle_mem *mem;
	char *why;
	size_t len;
};

static int check_node(void *ctx, unsigned level, int64_t idx, const unsigned char *hash, int len)
{
	struct check_ctx *c = ctx;
	if (level == 0 || level > 63 || idx < 0 || (uint64_t)idx >= c->mem->n >> level) {
		snprintf(c->why, c->len, "the Merkle cache holds a node (level %u, index %lld) outside the record", level,
		         (long long)idx);
		return 1;
	}
	if (len != SHA256_LEN || memcmp(hash, c->mem->level[level][idx], SHA256_LEN)) {
		snprintf(c->why, c->len, "the Merkle cache's node over events %lld to %lld is not their hash (altered)",
		         ((long long)idx << level) + 1, ((long long)(idx + 1) << level));
		return 1;
	}
	return 0;
}

int logtree_check_cache(struct logtree *t, const struct merkle_mem *mem, char *why, size_t len, struct err *e)
{
	int64_t cached;
	if (store_tree_size(t->db, t->rel, &cached, e))
		return -1;
	if (cached > t->size) {
		snprintf(why, len, "the Merkle cache covers %lld events but the record holds %lld", (long long)cached,
		         (long long)t->size);
		return 1;
	}
	struct check_ctx c = {.mem = mem, .why = why, .len = len};
	return store_tree_each(t->db, t->rel, check_node, &c, e);
}

int logtree_ids(struct logtree *t, int64_t size, unsigned char out[32], struct err *e)
{
	int64_t *ids;
	if (store_event_ids(t->db, t->rel, size, &ids, e))
		return -1;
	/* t->sha may be in use by the caller: the digest runs in a context of its own */
	struct sha256 *h = sha256_new();
	if (!h) {
		free(ids);
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	}
	struct note_ids d;
	note_ids_init(&d, h);
	note_ids_digest(&d, ids, (size_t)size, out);
	sha256_release(h);
	free(ids);
	return 0;
}
