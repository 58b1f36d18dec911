/* test_logtree.c - a relationship's Merkle tree from the store: the cache
 * filled in steps holds exactly the perfect subtrees of the whole tree, the
 * roots and proofs it serves equal those of a tree built in memory from the
 * event hashes (and those computed with no cache at all), and an altered
 * cache is found. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "ledger.h"
#include "logtree.h"
#include "store/verify.h"
#include "testutil.h"

#define T0 1764547200 /* 2025-12-01T00:00:00Z */

static struct db *db;
static struct ledger l;
static int64_t rel;

static void append(int n)
{
	struct err e = {0};
	struct event ev;
	for (int i = 0; i < n; i++) {
		json_t *body = json_pack("{s:s, s:s}", "by", i % 2 ? "partner" : "buyer", "kind", "call");
		struct ledger_entry in = {"contact", "buyer", "Maya Okafor", T0 + i, T0 + 86400, body};
		cr_assert(ledger_append(&l, rel, &in, &ev, &e) == 0, "%s", e.msg);
		json_decref(body);
	}
}

static void setup(void)
{
	tu_ledger_new(&db, &l);
	rel = tu_rel_open(&l, "Dongguan Evergreen", "CN", "Asia/Shanghai", T0);
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(logtree, .init = setup, .fini = teardown);

static void open_tree(struct logtree *t)
{
	struct err e = {0};
	cr_assert(logtree_open(t, db, l.sha, rel, &e) == 0, "%s", e.msg);
}

Test(logtree, a_cache_filled_in_steps_serves_the_roots_and_proofs_of_the_tree_in_memory)
{
	struct err e = {0};
	struct logtree t;
	/* 1, 2, ... events: extend after each batch of 1, 2, 3, ... */
	int total = 1;
	for (int batch = 1; total < 100; batch++) {
		append(batch);
		total += batch;
		open_tree(&t);
		cr_assert_eq(t.size, total);
		cr_assert(logtree_extend(&t, &e) == 0, "%s", e.msg);
	}
	open_tree(&t);
	cr_assert_eq(tu_int(db, "SELECT size FROM merkle_trees"), total);
	/* level >= 1 perfect subtrees only: n - popcount(n) of them */
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM merkle_nodes"), total - __builtin_popcount((unsigned)total));
	struct merkle_mem mem;
	cr_assert(logtree_mem(&t, &mem, &e) == 0);
	char why[256] = "";
	cr_expect_eq(logtree_check_cache(&t, &mem, why, sizeof why, &e), 0, "%s", why);
	struct logtree slow = t;
	slow.use_cache = 0;
	slow.src.ctx = &slow;
	for (int64_t size = 1; size <= total; size++) {
		merkle_hash a, b, c;
		cr_assert(logtree_root(&t, size, a, &e) == 0);
		cr_assert(logtree_recompute(&t, size, b, &e) == 0);
		cr_assert(merkle_src_root(&mem.src, (uint64_t)size, c, &e) == 0);
		cr_expect(!memcmp(a, b, 32) && !memcmp(a, c, 32), "root at %lld", (long long)size);
		for (int64_t seq = 1; seq <= size; seq += 7) {
			merkle_hash p1[MERKLE_MAX_PROOF], p2[MERKLE_MAX_PROOF], p3[MERKLE_MAX_PROOF];
			size_t n1, n2, n3;
			cr_assert(logtree_inclusion(&t, seq, size, p1, &n1, &e) == 0, "%s", e.msg);
			cr_assert(logtree_inclusion(&slow, seq, size, p2, &n2, &e) == 0, "%s", e.msg);
			cr_assert(merkle_src_inclusion(&mem.src, (uint64_t)seq - 1, (uint64_t)size, p3, &n3, &e) == 0);
			cr_expect(n1 == n3 && n2 == n3 && !memcmp(p1, p3, n3 * 32) && !memcmp(p2, p3, n3 * 32),
			          "inclusion of %lld in %lld", (long long)seq, (long long)size);
			cr_assert(logtree_consistency(&t, seq, size, p1, &n1, &e) == 0, "%s", e.msg);
			cr_assert(merkle_src_consistency(&mem.src, (uint64_t)seq, (uint64_t)size, p3, &n3, &e) == 0);
			cr_expect(n1 == n3 && !memcmp(p1, p3, n3 * 32), "consistency %lld to %lld", (long long)seq,
			          (long long)size);
		}
	}
	merkle_mem_release(&mem);
}

Test(logtree, an_altered_or_stale_cache_is_found)
{
	struct err e = {0};
	struct logtree t;
	append(20);
	open_tree(&t);
	cr_assert(logtree_extend(&t, &e) == 0);
	struct merkle_mem mem;
	cr_assert(logtree_mem(&t, &mem, &e) == 0);
	char why[256] = "";
	cr_assert(db_exec(db, db_sql(db, "UPDATE merkle_nodes SET hash = zeroblob(32) WHERE level = 2 AND idx = 1",
	                             "UPDATE merkle_nodes SET hash = '\\x"
	                             "0000000000000000000000000000000000000000000000000000000000000000'::bytea"
	                             " WHERE level = 2 AND idx = 1"),
	                  &e) == 0);
	cr_expect_eq(logtree_check_cache(&t, &mem, why, sizeof why, &e), 1);
	cr_expect_str_eq(why, "the Merkle cache's node over events 5 to 8 is not their hash (altered)");
	/* roots read the largest cached nodes (8 events: the node of 1-8; 21:
	 * 1-16, 17-20, 21) and stay right, but the path of event 1 in the
	 * first 8 takes the altered node and no longer leads to the root */
	merkle_hash a, b, leaf, p[MERKLE_MAX_PROOF];
	size_t n;
	cr_assert(logtree_recompute(&t, 8, b, &e) == 0);
	cr_assert(logtree_inclusion(&t, 1, 8, p, &n, &e) == 0);
	cr_assert(mem.src.node(mem.src.ctx, 0, 0, leaf, &e) == 0);
	cr_expect_eq(merkle_verify_inclusion(l.sha, 0, 8, leaf, (const merkle_hash *)p, n, b, 32, NULL), 1);
	cr_assert(logtree_root(&t, 21, a, &e) == 0);
	cr_assert(logtree_recompute(&t, 21, b, &e) == 0);
	cr_expect(memcmp(a, b, 32) == 0);
	/* a cache claiming more events than the record holds */
	cr_assert(db_exec(db, "UPDATE merkle_trees SET size = 99", &e) == 0);
	cr_expect_eq(logtree_extend(&t, &e), -1);
	cr_expect_eq(e.code, ERR_CHECK);
	cr_expect_str_eq(e.msg, "the Merkle cache covers 99 events but the record holds 21 (events removed?)");
	merkle_mem_release(&mem);
}

Test(logtree, sizes_and_events_outside_the_record_are_refused)
{
	struct err e = {0};
	struct logtree t;
	append(4);
	open_tree(&t);
	merkle_hash p[MERKLE_MAX_PROOF];
	size_t n;
	cr_expect_eq(logtree_inclusion(&t, 6, 5, p, &n, &e), -1);
	cr_expect_str_eq(e.msg, "--seq: 6 is not an event of the tree of 5 events");
	cr_expect_eq(logtree_inclusion(&t, 1, 6, p, &n, &e), -1);
	cr_expect_str_eq(e.msg, "--size: the record has 5 events: 6 is not from 1 to 5");
	cr_expect_eq(logtree_consistency(&t, 0, 5, p, &n, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_eq(logtree_open(&t, db, l.sha, 99, &e), -1);
	cr_expect_str_eq(e.msg, "--partner: no relationship with id 99");
}
