/* merkle.h - RFC 6962 section 2.1 Merkle tree hashes over leaf data, the
 * inclusion (2.1.1) and consistency (2.1.2) proofs of such a tree, and
 * their verification by the algorithms of RFC 9162 2.1.3.2 and 2.1.4.2.
 * Pure: no SQL, no I/O. Where a tree's nodes come from is the caller's
 * (struct merkle_src); docs/verify.md says what Rapport's leaves are. */
#ifndef RAPPORT_MERKLE_H
#define RAPPORT_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "util/sha256.h"

#define MERKLE_HASH_LEN SHA256_LEN
/* The longest proof of a tree of up to 2^64 - 1 leaves is 64 hashes for an
 * inclusion and 65 for a consistency proof (Go's and Trillian's bounds). */
#define MERKLE_MAX_PROOF 66

typedef unsigned char merkle_hash[MERKLE_HASH_LEN];

/* SHA-256(0x00 || data): the hash of one leaf. */
void merkle_leaf(struct sha256 *h, const void *data, size_t len, merkle_hash out);
/* SHA-256(0x01 || left || right): an interior node. */
void merkle_node(struct sha256 *h, const merkle_hash left, const merkle_hash right, merkle_hash out);
/* SHA-256 of nothing: the hash of the empty tree. */
void merkle_empty(struct sha256 *h, merkle_hash out);

/* The largest power of two smaller than n (n >= 2): where RFC 6962 splits. */
uint64_t merkle_split(uint64_t n);

/* A tree grown one leaf at a time, keeping only the roots of the perfect
 * subtrees its size decomposes into (one per set bit of n, largest first),
 * so the root of any number of leaves costs O(n) hashes and O(log n) memory. */
struct merkle_stack {
	uint64_t n;                 /* leaves pushed */
	int count;                  /* perfect subtrees held: popcount(n) */
	merkle_hash node[64];
};

/* Called for every perfect subtree a push completes: 2^level leaves
 * starting at leaf idx << level (level >= 1). */
typedef void (*merkle_done_fn)(void *ctx, unsigned level, uint64_t idx, const merkle_hash hash);

void merkle_stack_init(struct merkle_stack *s);
/* Adds the leaf whose hash is leaf (already merkle_leaf'd); done may be NULL. */
void merkle_stack_push(struct merkle_stack *s, struct sha256 *h, const merkle_hash leaf, merkle_done_fn done,
                       void *ctx);
/* The root of the n leaves pushed so far (the empty hash when none). */
void merkle_stack_root(const struct merkle_stack *s, struct sha256 *h, merkle_hash out);

/* Where a tree's nodes come from: node() gives the root of the perfect
 * subtree of 2^level leaves starting at leaf idx << level (level 0 is a
 * leaf hash), from a cache or by hashing; 0, or -1 with e set. */
struct merkle_src {
	struct sha256 *sha;
	int (*node)(void *ctx, unsigned level, uint64_t idx, merkle_hash out, struct err *e);
	void *ctx;
};

/* MTH(D[start : start + len]) for a subtree RFC 6962's recursion reaches
 * (start a multiple of the largest power of two not above len): one node()
 * per set bit of len and one hash fewer. len 0 gives the empty hash. */
int merkle_src_range(const struct merkle_src *s, uint64_t start, uint64_t len, merkle_hash out, struct err *e);
/* The root of the first size leaves. */
int merkle_src_root(const struct merkle_src *s, uint64_t size, merkle_hash out, struct err *e);
/* PATH(index, D[0:size]) (RFC 6962 2.1.1), from the leaf up: at most one
 * subtree that is not perfect is hashed, so O(log size) node() calls and
 * hashes. *n receives the number of hashes in path. */
int merkle_src_inclusion(const struct merkle_src *s, uint64_t index, uint64_t size, merkle_hash path[MERKLE_MAX_PROOF],
                         size_t *n, struct err *e);
/* PROOF(size1, D[0:size2]) (RFC 6962 2.1.2) for 0 < size1 <= size2: empty
 * when the sizes are equal. */
int merkle_src_consistency(const struct merkle_src *s, uint64_t size1, uint64_t size2,
                           merkle_hash proof[MERKLE_MAX_PROOF], size_t *n, struct err *e);

/* A whole tree in memory: leaf hashes and every perfect subtree above them
 * (about 2n hashes), built in O(n) hashes. For tests and benches; src()
 * serves proofs from it. Free with merkle_mem_release. */
struct merkle_mem {
	uint64_t n;
	merkle_hash *level[65]; /* level[l] has n >> l entries */
	struct merkle_src src;
};
/* leaves are leaf hashes (already merkle_leaf'd). */
void merkle_mem_build(struct merkle_mem *t, struct sha256 *h, const merkle_hash *leaves, uint64_t n);
void merkle_mem_release(struct merkle_mem *t);

/* Why a proof failed: the step of the RFC 9162 algorithm and a sentence. */
struct merkle_why {
	char step[24];  /* e.g. "2.1.3.2 step 5" */
	char msg[200];
};

/* RFC 9162 2.1.3.2: does path prove that the leaf whose hash is leaf is
 * number index of a tree of size leaves with this root? 0 yes, 1 no
 * (why says where). root may be of any length: only 32 bytes can match. */
int merkle_verify_inclusion(struct sha256 *h, uint64_t index, uint64_t size, const merkle_hash leaf,
                            const merkle_hash *path, size_t n, const unsigned char *root, size_t root_len,
                            struct merkle_why *why);
/* RFC 9162 2.1.4.2: does proof show that the tree of size1 leaves with
 * root1 is a prefix of the tree of size2 leaves with root2? Policy as
 * transparency-dev/merkle's: size1 0 is refused (a proof from the empty
 * tree says nothing), equal sizes need an empty proof and equal roots. */
int merkle_verify_consistency(struct sha256 *h, uint64_t size1, uint64_t size2, const unsigned char *root1,
                              size_t root1_len, const unsigned char *root2, size_t root2_len, const merkle_hash *proof,
                              size_t n, struct merkle_why *why);

#endif
