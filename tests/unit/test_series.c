/* test_series.c - series_scores against a replay at every time (the same
 * bits as trust_compute over evidence_collect with the weights in force
 * then), across a change of weights; the explanations at the last time;
 * the dates of a weekly and a monthly series worked by hand; and the
 * update slots of a zone with daylight saving, which the evidence reads
 * through calendar/zone.c. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "demo.h"
#include "evidence.h"
#include "ledger.h"
#include "project.h"
#include "series.h"
#include "testutil.h"
#include "trust.h"

#define DAY 86400
#define TODAY 1795600800 /* 2026-11-25T10:00Z */

static struct db *db;
static struct ledger l;

static void setup(void)
{
	tu_ledger_new(&db, &l);
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(series, .init = setup, .fini = teardown);

static void demo(void)
{
	struct err e = {0};
	struct demo_stats st;
	cr_assert(db_begin(db, &e) == 0 && demo_build(&l, TODAY, 1, &st, &e) == 0 && db_commit(db, &e) == 0, "%s",
	          e.msg);
}

static void append(int64_t rel, const char *kind, int64_t at, const char *json)
{
	struct err e = {0};
	json_t *body = json_loads(json, 0, NULL);
	cr_assert(body, "%s", json);
	struct ledger_entry in = {kind, "buyer", "Maya Okafor", at, TODAY, body};
	struct event ev;
	cr_assert(db_begin(db, &e) == 0 && ledger_append(&l, rel, &in, &ev, &e) == 0 && db_commit(db, &e) == 0, "%s",
	          e.msg);
	json_decref(body);
}

/* The replay of rel as of t: the model then, every item, trust_compute. */
static void replay(int64_t rel, int64_t t, struct trust_model *m, struct evidence *ev, struct trust_result *out)
{
	struct err e = {0};
	cr_assert(project_model(db, rel, t, m, &e) == 0 && evidence_collect(db, m, rel, t, ev, &e) == 0, "%s", e.msg);
	trust_compute(m, ev->items, ev->n, t, out);
}

/* series_scores over times gives, bit for bit, the replay at each, and
 * at the last time the replay's top explanations; returns the items
 * counted over all times. */
static long check(int64_t rel, const int64_t *times, size_t n)
{
	struct err e = {0};
	struct trust_result *got = calloc(n, sizeof *got);
	struct series_explain ex = {.k = 3};
	cr_assert(series_scores(db, rel, times, n, got, &ex, &e) == 0, "%s", e.msg);
	long items = 0;
	for (size_t i = 0; i < n; i++) {
		struct trust_model m;
		struct evidence ev = {0};
		struct trust_result want;
		replay(rel, times[i], &m, &ev, &want);
		cr_expect(!memcmp(&got[i], &want, sizeof want), "partner %lld at %lld: not the replay's bits", (long long)rel,
		          (long long)times[i]);
		for (int d = 0; d < TRUST_NDIR; d++)
			items += want.overall[d].evidence;
		if (i + 1 == n)
			for (int d = 0; d < TRUST_NDIR; d++)
				for (int k = 0; k < TRUST_NDIM; k++) {
					size_t idx[3];
					size_t k3 = trust_explain(&m, ev.items, ev.n, times[i], d, k, idx, 3);
					cr_expect_eq(ex.why[d][k].n, k3, "dir %d dim %d: %zu explanations vs %zu", d, k, ex.why[d][k].n, k3);
					for (size_t j = 0; j < k3 && j < ex.why[d][k].n; j++) {
						cr_expect(!memcmp(&ex.why[d][k].item[j], &ev.items[idx[j]], sizeof ev.items[0]));
						cr_expect_eq(ex.why[d][k].contribution[j], trust_contribution(&m, &ev.items[idx[j]], times[i]));
					}
				}
		evidence_release(&ev);
	}
	free(got);
	return items;
}

Test(series, equal_to_a_replay_at_every_week_of_two_years)
{
	demo();
	long items = 0;
	long long nrel = tu_int(db, "SELECT count(*) FROM partners");
	cr_assert_geq(nrel, 3);
	int64_t *times;
	size_t n;
	/* from before the record began to after today, at a time of day */
	series_times(TODAY - 800 * DAY, TODAY + 30 * DAY, SERIES_WEEK, &times, &n);
	cr_assert_eq(n, 119);
	for (int64_t rel = 1; rel <= nrel; rel++)
		items += check(rel, times, n);
	free(times);
	cr_expect_gt(items, 20000, "the demo gives plenty of evidence: %ld", items);
}

Test(series, equal_to_a_replay_across_a_change_of_weights)
{
	demo();
	/* a harsher weight for late promises from 200 days ago: the weeks
	 * before it are scored with the old weights, those after with the new */
	append(1, "weights.set", TODAY - 200 * DAY, "{\"key\":\"commitment.late\",\"value\":\"-3\"}");
	append(1, "weights.set", TODAY - 100 * DAY, "{\"key\":\"half_life.positive\",\"value\":\"90\"}");
	int64_t *times;
	size_t n;
	series_times(TODAY - 364 * DAY, TODAY, SERIES_WEEK, &times, &n);
	cr_assert_eq(n, 53);
	check(1, times, n);
	/* and the scores did change with the weights */
	struct trust_result a, b;
	struct err e = {0};
	int64_t before = TODAY - 201 * DAY, after = TODAY - 199 * DAY;
	cr_assert(series_scores(db, 1, &before, 1, &a, NULL, &e) == 0 && series_scores(db, 1, &after, 1, &b, NULL, &e) == 0);
	cr_expect_neq(a.dim[TRUST_PARTNER][TRUST_RELIABILITY].score, b.dim[TRUST_PARTNER][TRUST_RELIABILITY].score);
	free(times);
}

Test(series, one_time_and_none)
{
	demo();
	int64_t t = TODAY;
	check(2, &t, 1);
	struct err e = {0};
	cr_expect_eq(series_scores(db, 2, &t, 0, NULL, NULL, &e), 0, "no time, nothing to do");
}

Test(series, refuses_an_unknown_partner_and_times_out_of_order)
{
	demo();
	struct err e = {0};
	struct trust_result r[2];
	int64_t t[2] = {TODAY, TODAY - DAY};
	cr_expect_eq(series_scores(db, 99, t, 1, r, NULL, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect(strstr(e.msg, "99"), "%s", e.msg);
	e = (struct err){0};
	cr_expect_eq(series_scores(db, 1, t, 2, r, NULL, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
}

/* The dates as `rapport score --series` gives them: the end of each day. */
static void expect_days(int64_t from, int64_t to, enum series_step step, const char *const *want, size_t nwant)
{
	int64_t *times;
	size_t n;
	series_times(from, to, step, &times, &n);
	cr_assert_eq(n, nwant, "%zu dates, want %zu", n, nwant);
	for (size_t i = 0; i < n; i++) {
		char day[11];
		time_t tt = (time_t)times[i];
		struct tm tm;
		gmtime_r(&tt, &tm);
		strftime(day, sizeof day, "%Y-%m-%d", &tm);
		cr_expect_str_eq(day, want[i]);
		cr_expect_eq(tm.tm_hour * 3600 + tm.tm_min * 60 + tm.tm_sec, 86399, "the time of day is kept");
	}
	free(times);
}

Test(series, weekly_dates)
{
	static const char *const want[] = {"2026-01-01", "2026-01-08", "2026-01-15", "2026-01-22", "2026-01-29"};
	/* 2026-01-01T23:59:59Z to 2026-01-29T23:59:59Z, both ends included */
	expect_days(1767311999, 1767311999 + 28 * DAY, SERIES_WEEK, want, 5);
	/* one second short of the last week */
	expect_days(1767311999, 1767311999 + 28 * DAY - 1, SERIES_WEEK, want, 4);
	expect_days(1767311999, 1767311999 - 1, SERIES_WEEK, NULL, 0);
}

Test(series, monthly_dates_keep_the_day_up_to_the_28th)
{
	/* from 31 January: then the 28th of every month, across a leap year's
	 * February and the turn of the year */
	static const char *const jan31[] = {"2024-01-31", "2024-02-28", "2024-03-28", "2024-04-28"};
	expect_days(1706745599 /* 2024-01-31T23:59:59Z */, 1706745599 + 88 * DAY, SERIES_MONTH, jan31, 4);
	static const char *const nov15[] = {"2025-11-15", "2025-12-15", "2026-01-15", "2026-02-15"};
	expect_days(1763251199 /* 2025-11-15T23:59:59Z */, 1763251199 + 92 * DAY, SERIES_MONTH, nov15, 4);
	enum series_step s;
	cr_expect(series_step_parse("week", &s) == 0 && s == SERIES_WEEK);
	cr_expect(series_step_parse("month", &s) == 0 && s == SERIES_MONTH);
	cr_expect_eq(series_step_parse("day", &s), -1);
}

/* A factory in London with an update due every Sunday at 01:30 local and
 * no update sent: every Sunday is a missed slot, at the instant the
 * partner's clock said 01:30 (worked out from the UK's rules). */
Test(series, update_slots_follow_the_local_clock_across_daylight_saving)
{
	struct err e = {0};
	const int64_t t0 = 1764547200; /* 2025-12-01T00:00Z */
	int64_t rel = tu_rel_open(&l, "Thames Knit", "GB", "Europe/London", t0);
	append(rel, "settings", t0, "{\"cadence\":\"weekly:SUN@01:30\"}");
	struct trust_model m;
	struct evidence evi = {0};
	const int64_t as_of = 1795600800; /* 2026-11-25T10:00Z */
	cr_assert(project_model(db, rel, as_of, &m, &e) == 0 && evidence_collect(db, &m, rel, as_of, &evi, &e) == 0, "%s",
	          e.msg);
	int rule = trust_rule_find("update.missed");
	size_t missed = 0;
	int found[4] = {0};
	static const int64_t slots[4] = {
		1767490200, /* Sun 2026-01-04 01:30 GMT = 01:30Z */
		1774747800, /* Sun 2026-03-29 01:30 never happened (clocks went 01:00 -> 02:00): read in GMT, 01:30Z */
		1783211400, /* Sun 2026-07-05 01:30 BST = 00:30Z */
		1792888200, /* Sun 2026-10-25 01:30 happened twice: the first, in BST, 00:30Z */
	};
	for (size_t i = 0; i < evi.n; i++) {
		if (evi.items[i].rule != rule)
			continue;
		missed++;
		cr_expect_eq(evi.items[i].t, -evi.items[i].ref + DAY, "missed when the slot's day-long window closed");
		for (int k = 0; k < 4; k++)
			found[k] |= -evi.items[i].ref == slots[k];
	}
	/* Sundays from 2025-12-07 (the day after the cadence was agreed, plus
	 * a day) through 2026-11-22: 51 */
	cr_expect_eq(missed, 51);
	for (int k = 0; k < 4; k++)
		cr_expect(found[k], "slot %lld", (long long)slots[k]);
	evidence_release(&evi);
	/* an update sent at the autumn slot's instant answers that slot */
	cr_expect_eq(project_update_slot("weekly:SUN@01:30", "Europe/London", 1792888200), 1792888200);
	cr_expect_eq(project_update_slot("weekly:SUN@01:30", "Europe/London", 1783211400 + 3600), 1783211400);
	cr_expect_eq(project_update_slot("weekly:SUN@01:30", "Mars/Olympus", 1783211400), 0);
}
