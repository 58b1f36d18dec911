/* merkle.c - RFC 6962 Merkle trees: hashes, a streaming root, proofs from
 * a node source and RFC 9162 verification. Owns no storage and does no
 * I/O; the ledger's tree (leaves, cache) is logtree.c's. */
#include "merkle.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void merkle_leaf(struct sha256 *h, const void *data, size_t len, merkle_hash out)
{
	static const unsigned char zero = 0x00;
	sha256_two(h, &zero, 1, data, len, out);
}

void merkle_node(struct sha256 *h, const merkle_hash left, const merkle_hash right, merkle_hash out)
{
	/* One buffer, so out may alias left or right. */
	unsigned char b[1 + 2 * MERKLE_HASH_LEN];
	b[0] = 0x01;
	memcpy(b + 1, left, MERKLE_HASH_LEN);
	memcpy(b + 1 + MERKLE_HASH_LEN, right, MERKLE_HASH_LEN);
	sha256_two(h, b, sizeof b, NULL, 0, out);
}

void merkle_empty(struct sha256 *h, merkle_hash out)
{
	sha256_two(h, NULL, 0, NULL, 0, out);
}

uint64_t merkle_split(uint64_t n)
{
	uint64_t k = 1;
	while (k < n - k) /* k < n / 2 without overflow: stops at the largest power below n */
		k <<= 1;
	return k;
}

void merkle_stack_init(struct merkle_stack *s)
{
	s->n = 0;
	s->count = 0;
}

void merkle_stack_push(struct merkle_stack *s, struct sha256 *h, const merkle_hash leaf, merkle_done_fn done,
                       void *ctx)
{
	merkle_hash cur;
	memcpy(cur, leaf, MERKLE_HASH_LEN);
	/* Each trailing 1 bit of n is a perfect subtree as large as the one
	 * being carried: merge, as binary addition carries. */
	unsigned level = 0;
	for (uint64_t n = s->n; n & 1; n >>= 1) {
		merkle_node(h, s->node[--s->count], cur, cur);
		level++;
		if (done)
			done(ctx, level, ((s->n + 1) >> level) - 1, cur);
	}
	memcpy(s->node[s->count++], cur, MERKLE_HASH_LEN);
	s->n++;
}

/* Folds perfect subtree roots, largest (leftmost) first, into the root of
 * their concatenation: RFC 6962 splits off the largest power of two, so
 * MTH = H(p0, H(p1, H(p2, ...))). */
static void fold(struct sha256 *h, merkle_hash *node, int count, merkle_hash out)
{
	memcpy(out, node[count - 1], MERKLE_HASH_LEN);
	for (int i = count - 2; i >= 0; i--)
		merkle_node(h, node[i], out, out);
}

void merkle_stack_root(const struct merkle_stack *s, struct sha256 *h, merkle_hash out)
{
	if (s->count == 0)
		merkle_empty(h, out);
	else
		fold(h, (merkle_hash *)s->node, s->count, out);
}

int merkle_src_range(const struct merkle_src *s, uint64_t start, uint64_t len, merkle_hash out, struct err *e)
{
	if (len == 0) {
		merkle_empty(s->sha, out);
		return 0;
	}
	merkle_hash piece[64];
	int count = 0;
	uint64_t at = start;
	for (int level = 63; level >= 0; level--) {
		uint64_t size = (uint64_t)1 << level;
		if (!(len & size))
			continue;
		if (s->node(s->ctx, (unsigned)level, at >> level, piece[count++], e))
			return -1;
		at += size;
	}
	fold(s->sha, piece, count, out);
	return 0;
}

int merkle_src_root(const struct merkle_src *s, uint64_t size, merkle_hash out, struct err *e)
{
	return merkle_src_range(s, 0, size, out, e);
}

/* PATH(m, D[start : start + n]), deepest hash first. */
static int path_of(const struct merkle_src *s, uint64_t m, uint64_t start, uint64_t n, merkle_hash *path, size_t *k,
                   struct err *e)
{
	if (n <= 1)
		return 0;
	uint64_t split = merkle_split(n);
	int r = m < split ? path_of(s, m, start, split, path, k, e) : path_of(s, m - split, start + split, n - split, path, k, e);
	if (r)
		return -1;
	if (*k >= MERKLE_MAX_PROOF)
		return err_set(e, ERR_IO, "merkle: a path longer than %d hashes", MERKLE_MAX_PROOF);
	return m < split ? merkle_src_range(s, start + split, n - split, path[(*k)++], e)
	                 : merkle_src_range(s, start, split, path[(*k)++], e);
}

int merkle_src_inclusion(const struct merkle_src *s, uint64_t index, uint64_t size, merkle_hash path[MERKLE_MAX_PROOF],
                         size_t *n, struct err *e)
{
	*n = 0;
	if (index >= size)
		return err_set(e, ERR_INPUT, "leaf %llu is not in a tree of %llu leaves", (unsigned long long)index,
		               (unsigned long long)size);
	return path_of(s, index, 0, size, path, n, e);
}

/* SUBPROOF(m, D[start : start + n], b), deepest hash first. */
static int subproof(const struct merkle_src *s, uint64_t m, uint64_t start, uint64_t n, int b, merkle_hash *proof,
                    size_t *k, struct err *e)
{
	if (*k >= MERKLE_MAX_PROOF)
		return err_set(e, ERR_IO, "merkle: a proof longer than %d hashes", MERKLE_MAX_PROOF);
	if (m == n)
		return b ? 0 : merkle_src_range(s, start, n, proof[(*k)++], e);
	uint64_t split = merkle_split(n);
	if (m <= split) {
		if (subproof(s, m, start, split, b, proof, k, e))
			return -1;
		if (*k >= MERKLE_MAX_PROOF)
			return err_set(e, ERR_IO, "merkle: a proof longer than %d hashes", MERKLE_MAX_PROOF);
		return merkle_src_range(s, start + split, n - split, proof[(*k)++], e);
	}
	if (subproof(s, m - split, start + split, n - split, 0, proof, k, e))
		return -1;
	if (*k >= MERKLE_MAX_PROOF)
		return err_set(e, ERR_IO, "merkle: a proof longer than %d hashes", MERKLE_MAX_PROOF);
	return merkle_src_range(s, start, split, proof[(*k)++], e);
}

int merkle_src_consistency(const struct merkle_src *s, uint64_t size1, uint64_t size2,
                           merkle_hash proof[MERKLE_MAX_PROOF], size_t *n, struct err *e)
{
	*n = 0;
	if (size1 == 0 || size1 > size2)
		return err_set(e, ERR_INPUT, "no consistency proof from %llu to %llu leaves: the sizes must be 0 < old <= new",
		               (unsigned long long)size1, (unsigned long long)size2);
	return subproof(s, size1, 0, size2, 1, proof, n, e);
}

static int mem_node(void *ctx, unsigned level, uint64_t idx, merkle_hash out, struct err *e)
{
	struct merkle_mem *t = ctx;
	if (level >= 64 || idx >= t->n >> level)
		return err_set(e, ERR_IO, "merkle: no node %u/%llu in a tree of %llu leaves", level, (unsigned long long)idx,
		               (unsigned long long)t->n);
	memcpy(out, t->level[level][idx], MERKLE_HASH_LEN);
	return 0;
}

void merkle_mem_build(struct merkle_mem *t, struct sha256 *h, const merkle_hash *leaves, uint64_t n)
{
	memset(t, 0, sizeof *t);
	t->n = n;
	t->src = (struct merkle_src){.sha = h, .node = mem_node, .ctx = t};
	for (unsigned l = 0; l < 64 && (n >> l); l++) {
		uint64_t count = n >> l;
		t->level[l] = malloc(count * sizeof(merkle_hash));
		if (!t->level[l])
			abort();
		if (l == 0) {
			memcpy(t->level[0], leaves, count * sizeof(merkle_hash));
			continue;
		}
		for (uint64_t i = 0; i < count; i++)
			merkle_node(h, t->level[l - 1][2 * i], t->level[l - 1][2 * i + 1], t->level[l][i]);
	}
}

void merkle_mem_release(struct merkle_mem *t)
{
	for (int l = 0; l < 65; l++)
		free(t->level[l]);
	memset(t, 0, sizeof *t);
}

__attribute__((format(printf, 3, 4))) static int fail(struct merkle_why *why, const char *step, const char *fmt, ...)
{
	if (why) {
		va_list ap;
		snprintf(why->step, sizeof why->step, "%s", step);
		va_start(ap, fmt);
		vsnprintf(why->msg, sizeof why->msg, fmt, ap);
		va_end(ap);
	}
	return 1;
}

static int same(const unsigned char *a, size_t alen, const merkle_hash b)
{
	return alen == MERKLE_HASH_LEN && !memcmp(a, b, MERKLE_HASH_LEN);
}

int merkle_verify_inclusion(struct sha256 *h, uint64_t index, uint64_t size, const merkle_hash leaf,
                            const merkle_hash *path, size_t n, const unsigned char *root, size_t root_len,
                            struct merkle_why *why)
{
	if (index >= size)
		return fail(why, "2.1.3.2 step 1", "leaf index %llu is not below the tree size %llu",
		            (unsigned long long)index, (unsigned long long)size);
	uint64_t fn = index, sn = size - 1;
	merkle_hash r;
	memcpy(r, leaf, MERKLE_HASH_LEN);
	for (size_t i = 0; i < n; i++) {
		if (sn == 0)
			return fail(why, "2.1.3.2 step 4a", "the path has %zu hashes, more than a tree of %llu leaves needs (%zu)",
			            n, (unsigned long long)size, i);
		if ((fn & 1) || fn == sn) {
			merkle_node(h, path[i], r, r);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node(h, r, path[i], r);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0)
		return fail(why, "2.1.3.2 step 5", "the path has %zu hashes, too few for leaf %llu of a tree of %llu leaves", n,
		            (unsigned long long)index, (unsigned long long)size);
	if (!same(root, root_len, r))
		return fail(why, "2.1.3.2 step 5", "the root the path leads to is not the proof's root");
	return 0;
}

static int pow2(uint64_t n)
{
	return n && !(n & (n - 1));
}

int merkle_verify_consistency(struct sha256 *h, uint64_t size1, uint64_t size2, const unsigned char *root1,
                              size_t root1_len, const unsigned char *root2, size_t root2_len, const merkle_hash *proof,
                              size_t n, struct merkle_why *why)
{
	if (size1 == 0)
		return fail(why, "policy", "a consistency proof from the empty tree proves nothing");
	if (size2 < size1)
		return fail(why, "policy", "the new size %llu is smaller than the old size %llu", (unsigned long long)size2,
		            (unsigned long long)size1);
	if (size1 == size2) {
		if (n)
			return fail(why, "policy", "equal sizes need an empty proof, not %zu hashes", n);
		if (root1_len != root2_len || memcmp(root1, root2, root1_len))
			return fail(why, "policy", "equal sizes but different roots");
		return 0;
	}
	if (n == 0)
		return fail(why, "2.1.4.2 step 1", "the proof is empty");
	if (root1_len != MERKLE_HASH_LEN || root2_len != MERKLE_HASH_LEN)
		return fail(why, "2.1.4.2 step 7", "a root is %zu bytes, not a SHA-256 hash",
		            root1_len != MERKLE_HASH_LEN ? root1_len : root2_len);
	/* Step 2: a power-of-two old tree is a node of the new one: its root
	 * starts the path. */
	const unsigned char *first = pow2(size1) ? root1 : proof[0];
	size_t next = pow2(size1) ? 0 : 1;
	uint64_t fn = size1 - 1, sn = size2 - 1;
	while (fn & 1) {
		fn >>= 1;
		sn >>= 1;
	}
	merkle_hash fr, sr;
	memcpy(fr, first, MERKLE_HASH_LEN);
	memcpy(sr, first, MERKLE_HASH_LEN);
	for (size_t i = next; i < n; i++) {
		if (sn == 0)
			return fail(why, "2.1.4.2 step 6a", "the proof has %zu hashes, more than %llu to %llu leaves needs", n,
			            (unsigned long long)size1, (unsigned long long)size2);
		if ((fn & 1) || fn == sn) {
			merkle_node(h, proof[i], fr, fr);
			merkle_node(h, proof[i], sr, sr);
			while (!(fn & 1) && fn != 0) {
				fn >>= 1;
				sn >>= 1;
			}
		} else {
			merkle_node(h, sr, proof[i], sr);
		}
		fn >>= 1;
		sn >>= 1;
	}
	if (sn != 0)
		return fail(why, "2.1.4.2 step 7", "the proof has %zu hashes, too few for %llu to %llu leaves", n,
		            (unsigned long long)size1, (unsigned long long)size2);
	if (memcmp(fr, root1, MERKLE_HASH_LEN))
		return fail(why, "2.1.4.2 step 7", "the old root the proof leads to is not the proof's old root");
	if (memcmp(sr, root2, MERKLE_HASH_LEN))
		return fail(why, "2.1.4.2 step 7", "the new root the proof leads to is not the proof's new root");
	return 0;
}
