/* logtree.h - the Merkle tree of one relationship's record (docs/verify.md):
 * leaf i is the chain hash of event i + 1, so the tree of size n covers
 * events 1..n. Perfect subtrees are cached in the store as the record
 * grows, so a root or a proof costs O(log n) reads and hashes. */
#ifndef RAPPORT_LOGTREE_H
#define RAPPORT_LOGTREE_H

#include <stdint.h>

#include "merkle.h"
#include "store/db.h"

struct logtree {
	struct db *db;
	struct sha256 *sha;
	int64_t rel;
	int64_t size;           /* events in the record: its head */
	int use_cache;          /* 0: every node from the event hashes */
	struct merkle_src src;
};

/* Opens rel's tree (ERR_INPUT naming --partner when rel does not exist).
 * sha is borrowed. */
int logtree_open(struct logtree *t, struct db *db, struct sha256 *sha, int64_t rel, struct err *e);
/* Caches the perfect subtrees of the events not yet covered: O(new events)
 * hashes and rows. Writes: run it inside a write transaction. ERR_CHECK
 * when the cache covers more events than the record holds. */
int logtree_extend(struct logtree *t, struct err *e);
/* The root of the first size events (1 <= size <= t->size). */
int logtree_root(struct logtree *t, int64_t size, merkle_hash out, struct err *e);
/* The inclusion proof of event seq in the tree of size events. */
int logtree_inclusion(struct logtree *t, int64_t seq, int64_t size, merkle_hash path[MERKLE_MAX_PROOF], size_t *n,
                      struct err *e);
/* The consistency proof from size1 to size2 events. */
int logtree_consistency(struct logtree *t, int64_t size1, int64_t size2, merkle_hash proof[MERKLE_MAX_PROOF],
                        size_t *n, struct err *e);
/* The root of the first size events from the event hashes alone, ignoring
 * the cache: O(size) hashes, for checking a tree rather than trusting it. */
int logtree_recompute(struct logtree *t, int64_t size, merkle_hash out, struct err *e);
/* The whole tree in memory, from the event hashes alone (about 2n hashes
 * and 64n bytes); release with merkle_mem_release. */
int logtree_mem(struct logtree *t, struct merkle_mem *mem, struct err *e);
/* Compares every cached node with mem (logtree_mem's): 0 when all agree,
 * 1 with why filled at the first that does not. */
int logtree_check_cache(struct logtree *t, const struct merkle_mem *mem, char *why, size_t len, struct err *e);

/* The digest of the rapport-ids line of a checkpoint of size events
 * (note_ids_digest), from the stored ids. */
int logtree_ids(struct logtree *t, int64_t size, unsigned char out[32], struct err *e);

#endif
