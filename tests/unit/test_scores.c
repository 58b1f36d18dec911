/* test_scores.c - scores_at against a full replay (trust_compute over
 * evidence_collect) on the demo record at dates across its history, with
 * the settled-evidence cache filled, reused and dropped by appends dated
 * before its mark or changing the rules. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <math.h>
#include <string.h>

#include "demo.h"
#include "evidence.h"
#include "ledger.h"
#include "project.h"
#include "scores.h"
#include "store/settled.h"
#include "testutil.h"
#include "trust.h"

#define DAY 86400
#define TODAY 1795600800 /* 2026-11-25T10:00Z */

static struct db *db;
static struct ledger l;

static void setup(void)
{
	struct err e = {0};
	struct demo_stats st;
	tu_ledger_new(&db, &l);
	cr_assert(db_begin(db, &e) == 0 && demo_build(&l, TODAY, 1, &st, &e) == 0 && db_commit(db, &e) == 0, "%s",
	          e.msg);
	cr_assert_geq(st.partners, 3);
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(scores, .init = setup, .fini = teardown);

static void replay(int64_t rel, int64_t t, struct trust_result *out)
{
	struct err e = {0};
	struct trust_model m;
	struct evidence ev = {0};
	cr_assert(project_model(db, rel, t, &m, &e) == 0 && evidence_collect(db, &m, rel, t, &ev, &e) == 0, "%s", e.msg);
	trust_compute(&m, ev.items, ev.n, t, out);
	evidence_release(&ev);
}

/* scores_at at t - 30 days and t agrees with the replay at both; returns
 * how many items the replay counted. */
static long check(int64_t rel, int64_t t)
{
	struct err e = {0};
	int64_t times[2] = {t - 30 * DAY, t};
	struct trust_result got[2], want;
	cr_assert(scores_at(db, rel, times, 2, got, &e) == 0, "%s", e.msg);
	long items = 0;
	for (int i = 0; i < 2; i++) {
		replay(rel, times[i], &want);
		for (int d = 0; d < TRUST_NDIR; d++) {
			for (int k = 0; k < TRUST_NDIM; k++) {
				const struct trust_score *a = &got[i].dim[d][k], *b = &want.dim[d][k];
				cr_expect(fabs(a->score - b->score) < 1e-9 && fabs(a->uncertainty - b->uncertainty) < 1e-9,
				          "partner %lld at %lld, dir %d dim %d: %.12f vs %.12f", (long long)rel, (long long)times[i],
				          d, k, a->score, b->score);
				cr_expect_eq(a->evidence, b->evidence, "partner %lld at %lld, dir %d dim %d: %lld items vs %lld",
				             (long long)rel, (long long)times[i], d, k, (long long)a->evidence,
				             (long long)b->evidence);
			}
			items += want.overall[d].evidence;
		}
	}
	return items;
}

static long long cached(int64_t rel)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM trust_settled WHERE rel = %lld", (long long)rel);
	return tu_int(db, sql);
}

static long long mark(int64_t rel)
{
	char sql[96];
	snprintf(sql, sizeof sql, "SELECT coalesce(max(mark), -1) FROM trust_settled WHERE rel = %lld", (long long)rel);
	return tu_int(db, sql);
}

static void append(int64_t rel, const char *kind, int64_t at, const char *json)
{
	struct err e = {0};
	json_t *body = json_loads(json, 0, NULL);
	struct ledger_entry in = {kind, "buyer", "Maya Okafor", at, TODAY, body};
	struct event ev;
	cr_assert(db_begin(db, &e) == 0 && ledger_append(&l, rel, &in, &ev, &e) == 0 && db_commit(db, &e) == 0, "%s",
	          e.msg);
	json_decref(body);
}

Test(scores, equal_to_a_replay_across_the_history)
{
	long long nrel = tu_int(db, "SELECT count(*) FROM partners");
	long items = 0;
	for (int64_t rel = 1; rel <= nrel; rel++) {
		/* forwards, so the cache is both reused and moved on */
		/* from before the record began (four years ago) to after today */
		for (int64_t t = TODAY - 1500 * DAY; t <= TODAY + 60 * DAY; t += 11 * DAY)
			items += check(rel, t);
		/* and the cache carries settled evidence, not only a mark */
		struct trust_sums sums;
		int64_t m;
		struct err e = {0};
		cr_assert(store_settled_get(db, rel, &sums, &m, &e) == 1, "partner %lld has a cache", (long long)rel);
		int64_t n = 0;
		for (int d = 0; d < TRUST_NDIR; d++)
			for (int k = 0; k < TRUST_NDIM; k++)
				for (int c = 0; c < TRUST_NCLASS; c++)
					n += sums.n[d][k][c];
		cr_expect_gt(n, 0, "partner %lld: settled items before the mark", (long long)rel);
	}
	cr_expect_gt(items, 10000, "the demo gives plenty of evidence");
}

Test(scores, the_cache_is_reused_while_the_record_grows_after_its_mark)
{
	check(1, TODAY);
	long long m = mark(1);
	cr_assert_eq(m, (TODAY / DAY - 30 - SCORES_MARK_LEAD) * DAY, "whole days before the earlier time: %lld", m);
	/* a contact today is after the mark: the cache stays, and counts it */
	append(1, "contact", TODAY - 3600, "{\"by\":\"buyer\",\"kind\":\"call\"}");
	cr_expect_eq(mark(1), m);
	check(1, TODAY);
	/* a day later the same mark serves, and for the current score alone */
	check(1, TODAY + DAY);
	cr_expect_eq(mark(1), m);
	int64_t now = TODAY + DAY;
	struct trust_result r;
	struct err e = {0};
	cr_assert(scores_at(db, 1, &now, 1, &r, &e) == 0, "%s", e.msg);
	cr_expect_eq(mark(1), m);
	/* past the reuse limit it moves */
	check(1, TODAY + (SCORES_MARK_REUSE + 31) * DAY);
	cr_expect_gt(mark(1), m);
}

Test(scores, a_record_dated_before_the_mark_drops_the_cache)
{
	check(2, TODAY);
	cr_assert_gt(cached(2), 0);
	/* a call logged late, dated 200 days ago: it ends a silence there */
	append(2, "contact", TODAY - 200 * DAY, "{\"by\":\"partner\",\"kind\":\"message\",\"note\":\"logged late\"}");
	cr_expect_eq(cached(2), 0, "dropped");
	cr_expect_gt(cached(1) + cached(3), -1, "other partners untouched");
	check(2, TODAY);
	cr_expect_gt(cached(2), 0, "filled again");
}

Test(scores, a_change_of_rules_drops_the_cache)
{
	check(3, TODAY);
	cr_assert_gt(cached(3), 0);
	append(3, "settings", TODAY - 3600, "{\"gap_ideal\":3,\"gap_max\":5}");
	cr_expect_eq(cached(3), 0, "new settings recount every silence");
	check(3, TODAY);
	check(3, TODAY);
	append(3, "weights.set", TODAY - 1800, "{\"key\":\"contact.gap\",\"value\":\"-2\"}");
	cr_expect_eq(cached(3), 0, "new weights");
	check(3, TODAY);
	/* before the change the weights then are not today's: a replay */
	check(3, TODAY - 10 * DAY);
}
