/* test_merkle.c - RFC 6962 Merkle trees against published vectors
 * (transparency-dev/merkle, the leaves the certificate-transparency
 * implementations use; tests/vectors/README.md), against upstream's 196
 * proof probes, and against an independent Python implementation
 * (merkle_ref.py) for every size up to 64 and random sizes up to 1000. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "merkle.h"
#include "testutil.h"
#include "util/buf.h"

static struct sha256 *sha;

static void setup(void)
{
	sha = sha256_new();
	cr_assert(sha);
}

static void teardown(void)
{
	sha256_release(sha);
}

TestSuite(merkle, .init = setup, .fini = teardown);

static json_t *load_flags(const char *rel, size_t flags)
{
	char *text = tu_vector(rel, NULL);
	json_error_t je;
	json_t *v = json_loads(text, flags, &je);
	free(text);
	cr_assert(v, "%s: line %d: %s", rel, je.line, je.text);
	return v;
}

static json_t *load(const char *rel)
{
	return load_flags(rel, 0);
}

/* The probes hold 2^64 - 1 (an index "minus one" from 0), more than
 * jansson's integers: they are read as reals, exact below 2^53. */
static uint64_t u64(json_t *v)
{
	if (json_is_integer(v))
		return (uint64_t)json_integer_value(v);
	cr_assert(json_is_real(v));
	double d = json_real_value(v);
	if (d >= 18446744073709551615.0)
		return UINT64_MAX;
	cr_assert(d >= 0 && d < 9007199254740992.0, "%f is not exact", d);
	return (uint64_t)d;
}

/* Decodes hex of any length into out (room for max bytes); the length. */
static size_t unhex(const char *s, unsigned char *out, size_t max)
{
	size_t n = strlen(s) / 2;
	cr_assert(n <= max && strlen(s) % 2 == 0, "bad hex %s", s);
	cr_assert(hex_decode(s, out, n) == 0, "bad hex %s", s);
	return n;
}

static void hash_of(const char *s, merkle_hash out)
{
	cr_assert_eq(unhex(s, out, MERKLE_HASH_LEN), MERKLE_HASH_LEN, "%s is not a 32-byte hash", s);
}

static const char *hexs(const unsigned char *p, size_t n)
{
	static char out[8][2 * 64 + 1];
	static int k;
	char *o = out[k++ % 8];
	for (size_t i = 0; i < n; i++)
		sprintf(o + 2 * i, "%02x", p[i]);
	o[2 * n] = '\0';
	return o;
}

/* The 8 leaf hashes of the vectors. */
static void vector_leaves(json_t *v, merkle_hash leaves[8])
{
	json_t *arr = json_object_get(v, "leaves");
	cr_assert_eq(json_array_size(arr), 8);
	for (size_t i = 0; i < 8; i++) {
		unsigned char data[64];
		size_t n = unhex(json_string_value(json_array_get(arr, i)), data, sizeof data);
		merkle_leaf(sha, data, n, leaves[i]);
	}
}

Test(merkle, the_roots_of_sizes_0_to_8_are_rfc6962s)
{
	json_t *v = load("merkle/rfc6962-vectors.json");
	merkle_hash leaves[8];
	vector_leaves(v, leaves);
	json_t *roots = json_object_get(v, "roots");
	cr_assert_eq(json_array_size(roots), 9);
	for (size_t i = 0; i < 9; i++) {
		json_t *r = json_array_get(roots, i);
		uint64_t size = (uint64_t)json_integer_value(json_object_get(r, "size"));
		const char *want = json_string_value(json_object_get(r, "root"));
		/* streaming */
		struct merkle_stack s;
		merkle_stack_init(&s);
		for (uint64_t j = 0; j < size; j++)
			merkle_stack_push(&s, sha, leaves[j], NULL, NULL);
		merkle_hash got;
		merkle_stack_root(&s, sha, got);
		cr_expect_str_eq(hexs(got, 32), want, "size %llu (stack)", (unsigned long long)size);
		/* from a node source */
		struct merkle_mem t;
		merkle_mem_build(&t, sha, (const merkle_hash *)leaves, 8);
		struct err e = {0};
		cr_assert_eq(merkle_src_root(&t.src, size, got, &e), 0, "%s", e.msg);
		cr_expect_str_eq(hexs(got, 32), want, "size %llu (source)", (unsigned long long)size);
		merkle_mem_release(&t);
	}
	json_decref(v);
}

Test(merkle, the_perfect_subtrees_are_the_published_node_hashes)
{
	json_t *v = load("merkle/rfc6962-vectors.json");
	merkle_hash leaves[8];
	vector_leaves(v, leaves);
	struct merkle_mem t;
	merkle_mem_build(&t, sha, (const merkle_hash *)leaves, 8);
	json_t *levels = json_object_get(v, "node_hashes");
	cr_assert_eq(json_array_size(levels), 4);
	for (size_t l = 0; l < 4; l++) {
		json_t *lv = json_array_get(levels, l);
		cr_assert_eq(json_integer_value(json_object_get(lv, "level")), (json_int_t)l);
		json_t *hs = json_object_get(lv, "hashes");
		cr_assert_eq(json_array_size(hs), 8u >> l);
		for (size_t i = 0; i < json_array_size(hs); i++)
			cr_expect_str_eq(hexs(t.level[l][i], 32), json_string_value(json_array_get(hs, i)), "level %zu node %zu", l, i);
	}
	merkle_mem_release(&t);
	json_decref(v);
}

/* A collector of the perfect subtrees a stack reports. */
struct seen {
	merkle_hash *level[11];
	int count;
};

static void on_done(void *ctx, unsigned level, uint64_t idx, const merkle_hash h)
{
	struct seen *s = ctx;
	cr_assert(level >= 1 && level < 11);
	memcpy(s->level[level][idx], h, 32);
	s->count++;
}

Test(merkle, a_stack_reports_every_perfect_subtree_once_with_its_position)
{
	enum { N = 1000 };
	merkle_hash *leaves = malloc(N * sizeof *leaves);
	for (int i = 0; i < N; i++) {
		char d[32];
		int n = snprintf(d, sizeof d, "rapport leaf %d", i);
		merkle_leaf(sha, d, (size_t)n, leaves[i]);
	}
	struct merkle_mem t;
	merkle_mem_build(&t, sha, (const merkle_hash *)leaves, N);
	struct seen s = {0};
	for (int l = 1; l < 11; l++)
		s.level[l] = calloc(N, sizeof(merkle_hash));
	struct merkle_stack st;
	merkle_stack_init(&st);
	for (int i = 0; i < N; i++)
		merkle_stack_push(&st, sha, leaves[i], on_done, &s);
	int want = 0;
	for (int l = 1; l < 11; l++) {
		want += N >> l;
		for (int i = 0; i < (N >> l); i++)
			cr_expect(memcmp(s.level[l][i], t.level[l][i], 32) == 0, "level %d node %d", l, i);
	}
	cr_expect_eq(s.count, want);
	for (int l = 1; l < 11; l++)
		free(s.level[l]);
	merkle_mem_release(&t);
	free(leaves);
}

static size_t proof_of(json_t *arr, merkle_hash *out)
{
	size_t n = json_array_size(arr);
	cr_assert(n <= MERKLE_MAX_PROOF);
	for (size_t i = 0; i < n; i++)
		hash_of(json_string_value(json_array_get(arr, i)), out[i]);
	return n;
}

Test(merkle, inclusion_proofs_are_the_published_ones_and_verify)
{
	json_t *v = load("merkle/rfc6962-vectors.json");
	merkle_hash leaves[8];
	vector_leaves(v, leaves);
	struct merkle_mem t;
	merkle_mem_build(&t, sha, (const merkle_hash *)leaves, 8);
	json_t *cases = json_object_get(v, "inclusion");
	cr_assert_eq(json_array_size(cases), 5);
	for (size_t c = 0; c < json_array_size(cases); c++) {
		json_t *k = json_array_get(cases, c);
		uint64_t index = (uint64_t)json_integer_value(json_object_get(k, "leaf_index"));
		uint64_t size = (uint64_t)json_integer_value(json_object_get(k, "tree_size"));
		merkle_hash want[MERKLE_MAX_PROOF], got[MERKLE_MAX_PROOF], root;
		size_t nwant = proof_of(json_object_get(k, "proof"), want), ngot;
		struct err e = {0};
		cr_assert_eq(merkle_src_inclusion(&t.src, index, size, got, &ngot, &e), 0, "%s", e.msg);
		cr_expect_eq(ngot, nwant, "leaf %llu of %llu", (unsigned long long)index, (unsigned long long)size);
		for (size_t i = 0; i < nwant && i < ngot; i++)
			cr_expect(memcmp(got[i], want[i], 32) == 0, "leaf %llu of %llu: hash %zu", (unsigned long long)index,
			          (unsigned long long)size, i);
		cr_assert_eq(merkle_src_root(&t.src, size, root, &e), 0);
		struct merkle_why why;
		cr_expect_eq(merkle_verify_inclusion(sha, index, size, leaves[index], (const merkle_hash *)want, nwant, root, 32,
		                                     &why), 0, "%s: %s", why.step, why.msg);
	}
	/* and every leaf of every size 1..8 round-trips */
	for (uint64_t size = 1; size <= 8; size++)
		for (uint64_t i = 0; i < size; i++) {
			merkle_hash p[MERKLE_MAX_PROOF], root;
			size_t n;
			struct err e = {0};
			struct merkle_why why;
			cr_assert_eq(merkle_src_inclusion(&t.src, i, size, p, &n, &e), 0);
			cr_assert_eq(merkle_src_root(&t.src, size, root, &e), 0);
			cr_expect_eq(merkle_verify_inclusion(sha, i, size, leaves[i], (const merkle_hash *)p, n, root, 32, &why), 0,
			             "leaf %llu of %llu: %s", (unsigned long long)i, (unsigned long long)size, why.msg);
			/* a wrong leaf does not */
			cr_expect_eq(merkle_verify_inclusion(sha, i, size, leaves[(i + 1) % 8], (const merkle_hash *)p, n, root, 32,
			                                     &why), 1);
		}
	merkle_mem_release(&t);
	json_decref(v);
}

Test(merkle, consistency_proofs_are_the_published_ones_and_verify)
{
	json_t *v = load("merkle/rfc6962-vectors.json");
	merkle_hash leaves[8];
	vector_leaves(v, leaves);
	struct merkle_mem t;
	merkle_mem_build(&t, sha, (const merkle_hash *)leaves, 8);
	json_t *cases = json_object_get(v, "consistency");
	cr_assert_eq(json_array_size(cases), 5);
	for (size_t c = 0; c < json_array_size(cases); c++) {
		json_t *k = json_array_get(cases, c);
		uint64_t m = (uint64_t)json_integer_value(json_object_get(k, "size1"));
		uint64_t n = (uint64_t)json_integer_value(json_object_get(k, "size2"));
		merkle_hash want[MERKLE_MAX_PROOF], got[MERKLE_MAX_PROOF], r1, r2;
		size_t nwant = proof_of(json_object_get(k, "proof"), want), ngot;
		struct err e = {0};
		cr_assert_eq(merkle_src_consistency(&t.src, m, n, got, &ngot, &e), 0, "%s", e.msg);
		cr_expect_eq(ngot, nwant, "%llu to %llu", (unsigned long long)m, (unsigned long long)n);
		for (size_t i = 0; i < nwant && i < ngot; i++)
			cr_expect(memcmp(got[i], want[i], 32) == 0, "%llu to %llu: hash %zu", (unsigned long long)m,
			          (unsigned long long)n, i);
		merkle_src_root(&t.src, m, r1, &e);
		merkle_src_root(&t.src, n, r2, &e);
		struct merkle_why why;
		cr_expect_eq(merkle_verify_consistency(sha, m, n, r1, 32, r2, 32, (const merkle_hash *)want, nwant, &why), 0,
		             "%s: %s", why.step, why.msg);
	}
	for (uint64_t n = 1; n <= 8; n++)
		for (uint64_t m = 1; m <= n; m++) {
			merkle_hash p[MERKLE_MAX_PROOF], r1, r2;
			size_t k;
			struct err e = {0};
			struct merkle_why why;
			cr_assert_eq(merkle_src_consistency(&t.src, m, n, p, &k, &e), 0);
			merkle_src_root(&t.src, m, r1, &e);
			merkle_src_root(&t.src, n, r2, &e);
			cr_expect_eq(merkle_verify_consistency(sha, m, n, r1, 32, r2, 32, (const merkle_hash *)p, k, &why), 0,
			             "%llu to %llu: %s", (unsigned long long)m, (unsigned long long)n, why.msg);
			if (m < n) /* the roots swapped do not */
				cr_expect_eq(merkle_verify_consistency(sha, m, n, r2, 32, r1, 32, (const merkle_hash *)p, k, &why), 1);
		}
	struct err e = {0};
	merkle_hash p[MERKLE_MAX_PROOF];
	size_t k;
	cr_expect_eq(merkle_src_consistency(&t.src, 0, 8, p, &k, &e), -1, "no proof from the empty tree");
	cr_expect_eq(merkle_src_consistency(&t.src, 5, 4, p, &k, &e), -1, "no proof to a smaller tree");
	merkle_mem_release(&t);
	json_decref(v);
}

/* A probe value: hex of any length; 1 when it is 32 bytes. */
static int probe_hash(json_t *s, unsigned char *out, size_t *len)
{
	*len = unhex(json_string_value(s), out, 64);
	return *len == MERKLE_HASH_LEN;
}

/* A probe's proof; 0 when some component is not 32 bytes. */
static int probe_proof(json_t *arr, merkle_hash *out, size_t *n)
{
	*n = json_array_size(arr);
	cr_assert(*n <= MERKLE_MAX_PROOF);
	for (size_t i = 0; i < *n; i++) {
		unsigned char b[64];
		size_t len;
		if (!probe_hash(json_array_get(arr, i), b, &len))
			return 0;
		memcpy(out[i], b, 32);
	}
	return 1;
}

/* Rapport's proofs carry 32-byte hashes only (proof.c refuses anything
 * else as malformed), so a probe whose leaf or proof component is not 32
 * bytes must be one upstream wants refused: that is asserted, and the
 * verifier is asked about every other probe. */
Test(merkle, the_verifiers_answer_every_upstream_probe_as_upstream_does)
{
	json_t *v = load_flags("merkle/proof-probes.json", JSON_DECODE_INT_AS_REAL);
	json_t *incl = json_object_get(v, "inclusion"), *cons = json_object_get(v, "consistency");
	cr_assert_eq(json_array_size(incl), 98);
	cr_assert_eq(json_array_size(cons), 98);
	int passed = 0;
	for (size_t i = 0; i < json_array_size(incl); i++) {
		json_t *p = json_array_get(incl, i);
		const char *file = json_string_value(json_object_get(p, "file"));
		int want_err = json_is_true(json_object_get(p, "wantErr"));
		unsigned char leaf[64], root[64];
		size_t leaf_len, root_len, n;
		merkle_hash proof[MERKLE_MAX_PROOF];
		int ok_leaf = probe_hash(json_object_get(p, "leafHash"), leaf, &leaf_len);
		int ok_proof = probe_proof(json_object_get(p, "proof"), proof, &n);
		probe_hash(json_object_get(p, "root"), root, &root_len);
		if (!ok_leaf || !ok_proof) {
			cr_expect(want_err, "%s: a non-32-byte hash in a probe upstream accepts", file);
			continue;
		}
		uint64_t idx = u64(json_object_get(p, "leafIdx"));
		uint64_t size = u64(json_object_get(p, "treeSize"));
		struct merkle_why why = {{0}, {0}};
		int r = merkle_verify_inclusion(sha, idx, size, leaf, (const merkle_hash *)proof, n, root, root_len, &why);
		cr_expect_eq(r, want_err, "%s: verify said %d (%s %s)", file, r, why.step, why.msg);
		passed += r == want_err;
	}
	for (size_t i = 0; i < json_array_size(cons); i++) {
		json_t *p = json_array_get(cons, i);
		const char *file = json_string_value(json_object_get(p, "file"));
		int want_err = json_is_true(json_object_get(p, "wantErr"));
		unsigned char r1[64], r2[64];
		size_t l1, l2, n;
		merkle_hash proof[MERKLE_MAX_PROOF];
		probe_hash(json_object_get(p, "root1"), r1, &l1);
		probe_hash(json_object_get(p, "root2"), r2, &l2);
		if (!probe_proof(json_object_get(p, "proof"), proof, &n)) {
			cr_expect(want_err, "%s: a non-32-byte hash in a probe upstream accepts", file);
			continue;
		}
		uint64_t s1 = u64(json_object_get(p, "size1"));
		uint64_t s2 = u64(json_object_get(p, "size2"));
		struct merkle_why why = {{0}, {0}};
		int r = merkle_verify_consistency(sha, s1, s2, r1, l1, r2, l2, (const merkle_hash *)proof, n, &why);
		cr_expect_eq(r, want_err, "%s: verify said %d (%s %s)", file, r, why.step, why.msg);
		passed += r == want_err;
	}
	/* 29 of the 196 carry garbage or an empty value where a hash goes */
	cr_expect_eq(passed, 167, "%d probes reached the verifier and agreed", passed);
	json_decref(v);
}

/* A node source over a merkle_mem that counts what it is asked. */
struct counting {
	struct merkle_mem *t;
	int calls;
};

static int count_node(void *ctx, unsigned level, uint64_t idx, merkle_hash out, struct err *e)
{
	struct counting *c = ctx;
	c->calls++;
	return c->t->src.node(c->t, level, idx, out, e);
}

Test(merkle, a_proof_asks_for_logarithmically_many_nodes)
{
	enum { N = 1000 };
	merkle_hash *leaves = calloc(N, sizeof *leaves);
	struct merkle_mem t;
	merkle_mem_build(&t, sha, (const merkle_hash *)leaves, N);
	struct counting c = {.t = &t};
	struct merkle_src src = {.sha = sha, .node = count_node, .ctx = &c};
	int worst_incl = 0, worst_cons = 0;
	for (uint64_t size = 1; size <= N; size += 7)
		for (uint64_t i = 0; i < size; i += 13) {
			merkle_hash p[MERKLE_MAX_PROOF];
			size_t n;
			struct err e = {0};
			c.calls = 0;
			cr_assert_eq(merkle_src_inclusion(&src, i, size, p, &n, &e), 0);
			worst_incl = c.calls > worst_incl ? c.calls : worst_incl;
			c.calls = 0;
			cr_assert_eq(merkle_src_consistency(&src, i + 1, size, p, &n, &e), 0);
			worst_cons = c.calls > worst_cons ? c.calls : worst_cons;
		}
	/* log2(1000) < 10: a path has at most 10 hashes, one of them a subtree
	 * that is not perfect (at most 10 pieces) */
	cr_expect_leq(worst_incl, 20, "an inclusion proof asked for %d nodes", worst_incl);
	cr_expect_leq(worst_cons, 21, "a consistency proof asked for %d nodes", worst_cons);
	merkle_mem_release(&t);
	free(leaves);
}

/* xorshift64*: the same sizes every run */
static uint64_t rnd(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 2685821657736338717ull;
}

static const char *ref_script(void)
{
	static char path[1024];
	const char *v = getenv("RAPPORT_VECTORS");
	snprintf(path, sizeof path, "%s/../unit/merkle_ref.py", v && *v ? v : "tests/vectors");
	return path;
}

Test(merkle, every_root_and_proof_agrees_with_an_independent_python_implementation, .timeout = 120)
{
	enum { MAX = 1000 };
	merkle_hash *leaves = malloc(MAX * sizeof *leaves);
	for (int i = 0; i < MAX; i++) {
		char d[32];
		int n = snprintf(d, sizeof d, "rapport leaf %d", i);
		merkle_leaf(sha, d, (size_t)n, leaves[i]);
	}
	struct merkle_mem t;
	merkle_mem_build(&t, sha, (const merkle_hash *)leaves, MAX);

	/* The queries: every size 0..64, then 40 random sizes up to 1000; for
	 * each, proofs for up to 3 leaves and from up to 3 older sizes. */
	char qpath[] = "/tmp/rapport-merkle-q-XXXXXX";
	int fd = mkstemp(qpath);
	cr_assert(fd >= 0);
	FILE *q = fdopen(fd, "w");
	struct buf want = BUF_INIT; /* what C says, one line per query */
	uint64_t seed = 0x9e3779b97f4a7c15ull;
	int queries = 0;
	for (int k = 0; k <= 64 + 40; k++) {
		uint64_t size = k <= 64 ? (uint64_t)k : 65 + rnd(&seed) % (MAX - 64);
		merkle_hash r, p[MERKLE_MAX_PROOF];
		size_t n;
		struct err e = {0};
		merkle_src_root(&t.src, size, r, &e);
		fprintf(q, "root %llu\n", (unsigned long long)size);
		buf_printf(&want, "%s\n", hexs(r, 32));
		queries++;
		for (int j = 0; j < 3 && size > 0; j++) {
			uint64_t i = j == 0 ? size - 1 : rnd(&seed) % size;
			cr_assert_eq(merkle_src_inclusion(&t.src, i, size, p, &n, &e), 0);
			fprintf(q, "incl %llu %llu\n", (unsigned long long)i, (unsigned long long)size);
			for (size_t x = 0; x < n; x++)
				buf_printf(&want, "%s%s", x ? "," : "", hexs(p[x], 32));
			buf_adds(&want, n ? "\n" : "-\n");
			uint64_t m = j == 0 ? 1 : 1 + rnd(&seed) % size;
			cr_assert_eq(merkle_src_consistency(&t.src, m, size, p, &n, &e), 0);
			fprintf(q, "cons %llu %llu\n", (unsigned long long)m, (unsigned long long)size);
			for (size_t x = 0; x < n; x++)
				buf_printf(&want, "%s%s", x ? "," : "", hexs(p[x], 32));
			buf_adds(&want, n ? "\n" : "-\n");
			queries += 2;
		}
	}
	fclose(q);

	char cmd[2200];
	snprintf(cmd, sizeof cmd, "/usr/bin/python3 %s < %s", ref_script(), qpath);
	FILE *py = popen(cmd, "r");
	cr_assert(py, "cannot run %s", cmd);
	struct buf got = BUF_INIT;
	char chunk[4096];
	size_t nread;
	while ((nread = fread(chunk, 1, sizeof chunk, py)) > 0)
		buf_add(&got, chunk, nread);
	int status = pclose(py);
	unlink(qpath);
	cr_assert_eq(status, 0, "%s failed (%d)", cmd, status);

	/* Line by line, naming the query on a difference. */
	char *g = got.data, *w = want.data;
	int lines = 0;
	while (*w) {
		char *gend = strchr(g, '\n'), *wend = strchr(w, '\n');
		cr_assert(gend, "python answered %d of %d queries", lines, queries);
		*gend = *wend = '\0';
		cr_expect_str_eq(g, w, "answer %d differs", lines + 1);
		g = gend + 1;
		w = wend + 1;
		lines++;
	}
	cr_expect_eq(lines, queries);
	cr_expect_str_eq(g, "", "python printed more than asked");
	cr_expect_geq(queries, 300);
	buf_release(&got);
	buf_release(&want);
	merkle_mem_release(&t);
	free(leaves);
}
