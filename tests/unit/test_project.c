/* test_project.c - every event kind through the real ledger into its
 * projection, the state rules with their messages, and rebuild giving the
 * very same rows. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "ledger.h"
#include "project.h"
#include "store/domain.h"
#include "evidence.h"
#include "testutil.h"
#include "trust.h"

#define T0 1764547200 /* 2025-12-01T00:00:00Z, a Monday */

static struct db *db;
static struct ledger l;
static int64_t rel;
static char used[64][32];
static int nused;

static void setup(void)
{
	tu_ledger_new(&db, &l);
	rel = tu_rel_open(&l, "Dongguan Evergreen", "CN", "Asia/Shanghai", T0);
	snprintf(used[nused++], sizeof used[0], "relationship.open");
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(project, .init = setup, .fini = teardown);

/* Appends kind with the JSON body at T0 + hours; returns the event id, or
 * -1 with *msg set when refused. */
static int64_t add(const char *kind, int hours, const char *json, const char **msg)
{
	static struct err e;
	err_clear(&e);
	json_error_t je;
	json_t *body = json_loads(json, 0, &je);
	cr_assert(body != NULL, "%s: %s", json, je.text);
	struct ledger_entry in = {kind, "buyer", "Maya Okafor", T0 + hours * 3600, T0 + 400 * 86400, body};
	struct event ev;
	int r = ledger_append(&l, rel, &in, &ev, &e);
	json_decref(body);
	if (msg)
		*msg = e.msg;
	if (r)
		return -1;
	int seen = 0;
	for (int i = 0; i < nused; i++)
		seen |= !strcmp(used[i], kind);
	if (!seen)
		snprintf(used[nused++], sizeof used[0], "%s", kind);
	return ev.id;
}

static int64_t ok(const char *kind, int hours, const char *fmt, ...)
{
	char json[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(json, sizeof json, fmt, ap);
	va_end(ap);
	const char *msg;
	int64_t id = add(kind, hours, json, &msg);
	cr_assert_gt(id, 0, "%s %s refused: %s", kind, json, msg);
	return id;
}

static const char *refused(const char *kind, const char *fmt, ...)
{
	char json[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(json, sizeof json, fmt, ap);
	va_end(ap);
	const char *msg;
	cr_assert_eq(add(kind, 300, json, &msg), -1, "%s %s was accepted", kind, json);
	return msg;
}

/* Compares a refusal with the message it should give. */
__attribute__((format(printf, 2, 3))) static void said(const char *got, const char *fmt, ...)
{
	char want[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(want, sizeof want, fmt, ap);
	va_end(ap);
	cr_expect_str_eq(got, want);
}

static json_t *list(const char *name)
{
	struct err e = {0};
	json_t *rows = json_array();
	for (size_t i = 0; i < store_nlistings; i++)
		if (!strcmp(store_listings[i].name, name))
			cr_assert(store_list(db, &store_listings[i], rel, 0, rows, &e) == 0, "%s", e.msg);
	return rows;
}

static const char *field(json_t *rows, size_t i, const char *key)
{
	json_t *v = json_object_get(json_array_get(rows, i), key);
	static char buf[64];
	if (json_is_integer(v)) {
		snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
		return buf;
	}
	return json_is_string(v) ? json_string_value(v) : "null";
}

Test(project, every_kind_projects_obeys_its_rules_and_rebuilds_identically)
{
	struct err e = {0};
	ok("settings", 1, "{\"cadence\":\"weekly:MON@09:00\",\"freeze_days\":21}");
	cr_expect_str_eq(refused("settings", "{\"gap_ideal\":20}"), "gap_ideal: 20 days is longer than gap_max (14 days)");
	ok("contact", 2, "{\"by\":\"buyer\",\"kind\":\"call\"}");
	int64_t chen = ok("person.add", 3, "{\"side\":\"partner\",\"name\":\"Chen Jing\",\"role\":\"qc\",\"lang\":\"zh\"}");

	/* commitments: kept late, renegotiated late, broken; no second outcome */
	int64_t c1 = ok("commitment.add", 4, "{\"side\":\"partner\",\"what\":\"Lab dips\",\"due\":\"2025-12-03\"}");
	int64_t c2 = ok("commitment.add", 5, "{\"side\":\"buyer\",\"what\":\"Approve dips\",\"due\":\"2025-12-05\"}");
	int64_t c3 = ok("commitment.add", 6, "{\"side\":\"partner\",\"what\":\"Trims\",\"due\":\"2025-12-10\"}");
	ok("commitment.keep", 24 * 4 + 1, "{\"commitment\":%lld}", (long long)c1); /* Dec 5: two days late */
	said(refused("commitment.keep", "{\"commitment\":%lld}", (long long)c1), "commitment: #%lld is already kept",
	     (long long)c1);
	said(refused("commitment.break", "{\"commitment\":%lld}", (long long)c1), "commitment: #%lld is already kept",
	     (long long)c1);
	ok("commitment.renegotiate", 24 * 6, "{\"commitment\":%lld,\"due\":\"2025-12-12\"}", (long long)c2); /* Dec 7 */
	ok("commitment.break", 24 * 11, "{\"commitment\":%lld,\"reason\":\"Supplier failed\"}", (long long)c3);
	said(refused("commitment.renegotiate", "{\"commitment\":%lld,\"due\":\"2025-12-12\"}", (long long)c2),
	     "due: commitment #%lld is already due on 2025-12-12", (long long)c2);
	json_t *cs = list("commitments");
	cr_assert_eq(json_array_size(cs), 3);
	/* sorted by due date: c1 (Dec 3), c3 (Dec 10), c2 (Dec 12) */
	cr_expect_str_eq(field(cs, 0, "state"), "kept");
	cr_expect_str_eq(field(cs, 0, "days_late"), "2");
	cr_expect_str_eq(field(cs, 1, "state"), "broken");
	cr_expect_str_eq(field(cs, 2, "original_due"), "2025-12-05");
	cr_expect_str_eq(field(cs, 2, "due"), "2025-12-12");
	cr_expect_str_eq(field(cs, 2, "renegotiations"), "1");
	json_decref(cs);
	cr_expect_eq(tu_int(db, "SELECT renegotiated_late FROM commitments WHERE id = 6"), 1, "agreed after Dec 5");

	/* orders, updates */
	int64_t order = ok("order.add", 30, "{\"po\":\"LR-1\",\"style\":\"Cable crew\",\"qty\":2400,\"price\":\"18.40\",\"currency\":\"USD\","
	                    "\"ex_factory\":\"2026-03-15\"}");
	const char *last = refused("order.add", "{\"po\":\"LR-1\",\"style\":\"x\",\"qty\":1,\"price\":\"1\","
	                                         "\"currency\":\"USD\",\"ex_factory\":\"2026-03-15\"}");
	said(last, "po: order LR-1 already exists (#%lld)", (long long)order);
	/* Mon Dec 8 09:00 Shanghai is 01:00Z: 02:00Z is on time, Wed is not */
	ok("update.submit", 24 * 7 + 2, "{\"status\":\"on_track\",\"progress\":40}");
	ok("update.submit", 24 * 9 + 2, "{\"status\":\"at_risk\",\"progress\":45}");
	json_t *us = list("updates");
	cr_expect_str_eq(field(us, 0, "slot"), "2025-12-08T01:00:00Z");
	cr_expect_str_eq(field(us, 0, "on_time"), "1");
	cr_expect_str_eq(field(us, 1, "on_time"), "0");
	json_decref(us);

	/* issues and their actions */
	int64_t is = ok("issue.raise", 40, "{\"title\":\"Shade\",\"severity\":\"major\",\"responsible\":\"partner\","
	                                   "\"disclosure\":\"self\"}");
	ok("issue.ack", 41, "{\"issue\":%lld}", (long long)is);
	said(refused("issue.ack", "{\"issue\":%lld}", (long long)is), "issue: #%lld is already acknowledged", (long long)is);
	int64_t act = ok("issue.action", 42, "{\"issue\":%lld,\"owner\":\"buyer\",\"what\":\"Dip\",\"due\":\"2025-12-04\"}",
	                 (long long)is);
	ok("issue.action_done", 43, "{\"action\":%lld}", (long long)act);
	said(refused("issue.action_done", "{\"action\":%lld}", (long long)act), "action: #%lld is already done", (long long)act);
	ok("issue.resolve", 44, "{\"issue\":%lld}", (long long)is);
	said(refused("issue.action", "{\"issue\":%lld,\"owner\":\"buyer\",\"what\":\"x\",\"due\":\"2025-12-04\"}",
	             (long long)is),
	     "issue: #%lld is resolved; reopen it first (rapport issue reopen %lld)", (long long)is, (long long)is);
	ok("issue.reopen", 45, "{\"issue\":%lld,\"note\":\"Lot 4\"}", (long long)is);
	said(refused("issue.reopen", "{\"issue\":%lld}", (long long)is), "issue: #%lld is open, not resolved", (long long)is);
	cr_expect_str_eq(refused("issue.ack", "{\"issue\":999}"), "issue: no issue with id 999 for this partner");

	/* visits and suggestions */
	int64_t v = ok("visit.add", 50, "{\"by\":\"buyer\",\"date\":\"2025-12-02\",\"met\":[%lld]}", (long long)chen);
	said(refused("visit.add", "{\"by\":\"buyer\",\"date\":\"2025-12-02\",\"met\":[%lld]}", (long long)v),
	     "met: no person with id %lld for this partner", (long long)v);
	int64_t s = ok("suggestion.add", 51, "{\"person\":%lld,\"text\":\"Pre-shrink\",\"visit\":%lld}", (long long)chen,
	               (long long)v);
	cr_expect_str_eq(refused("suggestion.respond", "{\"suggestion\":%lld,\"outcome\":\"declined\"}", (long long)s),
	                 "reason: required when a suggestion is declined");
	ok("suggestion.respond", 52, "{\"suggestion\":%lld,\"outcome\":\"adopted\"}", (long long)s);
	said(refused("suggestion.respond", "{\"suggestion\":%lld,\"outcome\":\"adopted\"}", (long long)s),
	     "suggestion: #%lld was already answered (adopted)", (long long)s);

	/* specs: notice counted to the production start; 21-day freeze */
	cr_expect_str_eq(refused("spec.change", "{\"style\":\"Cable crew\",\"what\":\"x\"}"),
	                 "style: no spec published for Cable crew (rapport spec publish)");
	ok("spec.publish", 60, "{\"style\":\"Cable crew\",\"version\":\"3\",\"production_start\":\"2025-12-20\"}");
	cr_expect_str_eq(refused("spec.publish", "{\"style\":\"Cable crew\",\"version\":\"3\",\"production_start\":\"2025-12-20\"}"),
	                 "version: Cable crew v3 is already published");
	/* at T0 + 72 h = Dec 4 00:00Z: 16 days before Dec 20, inside 21 */
	ok("spec.change", 72, "{\"style\":\"Cable crew\",\"what\":\"Neck rib\"}");
	json_t *sc = list("spec-changes");
	cr_expect_str_eq(field(sc, 0, "notice_days"), "16");
	cr_expect_str_eq(field(sc, 0, "in_freeze"), "1");
	json_decref(sc);

	/* payments */
	int64_t pay = ok("payment.due", 80, "{\"amount\":\"13248.00\",\"currency\":\"USD\",\"due\":\"2025-12-01\"}");
	ok("payment.paid", 24 * 5, "{\"payment\":%lld}", (long long)pay);
	said(refused("payment.paid", "{\"payment\":%lld}", (long long)pay), "payment: #%lld is already paid", (long long)pay);
	json_t *ps = list("payments");
	cr_expect_str_eq(field(ps, 0, "days_late"), "5");
	cr_expect_str_eq(field(ps, 0, "paid_amount"), "13248.00");
	json_decref(ps);

	int64_t g = ok("greet", 90, "{\"by\":\"buyer\",\"occasion\":\"Dongzhi\"}");
	/* a correction of fields: checked against the greeting's kind, then applied */
	char greet_seq[32];
	snprintf(greet_seq, sizeof greet_seq, "%lld", tu_int(db, "SELECT seq FROM events WHERE kind = 'greet'"));
	cr_expect_str_eq(refused("correct", "{\"seq\":%s,\"reason\":\"x\",\"set\":{\"by\":\"nobody\"}}", greet_seq),
	                 "by: must be one of buyer|partner");
	ok("correct", 90, "{\"seq\":%s,\"reason\":\"Wrong festival\",\"set\":{\"occasion\":\"Winter solstice\"}}",
	   greet_seq);
	json_t *gs = list("greetings");
	cr_expect_str_eq(field(gs, 0, "occasion"), "Winter solstice");
	cr_expect_str_eq(field(gs, 0, "id"), (snprintf(greet_seq, sizeof greet_seq, "%lld", (long long)g), greet_seq));
	json_decref(gs);

	/* a closure: forwards, at most a year; a corrected one keeps the rule;
	 * the side that recorded it is kept through a correction */
	cr_expect_str_eq(refused("closure.add", "{\"from\":\"2026-08-07\",\"to\":\"2026-07-27\",\"reason\":\"x\"}"),
	                 "to: 2026-07-27 is before from (2026-08-07)");
	cr_expect_str_eq(refused("closure.add", "{\"from\":\"2026-01-01\",\"to\":\"2027-01-02\",\"reason\":\"x\"}"),
	                 "to: a closure of 367 days; at most 366");
	ok("closure.add", 92, "{\"from\":\"2026-07-27\",\"to\":\"2026-08-07\",\"reason\":\"Summer shutdown\"}");
	char closure_seq[32];
	snprintf(closure_seq, sizeof closure_seq, "%lld", tu_int(db, "SELECT seq FROM events WHERE kind = 'closure.add'"));
	cr_expect_str_eq(refused("correct", "{\"seq\":%s,\"reason\":\"x\",\"set\":{\"from\":\"2026-09-01\"}}",
	                         closure_seq),
	                 "to: 2026-08-07 is before from (2026-09-01)");
	ok("correct", 92, "{\"seq\":%s,\"reason\":\"Starts a week earlier\",\"set\":{\"from\":\"2026-07-20\"}}",
	   closure_seq);
	json_t *cl = list("closures");
	cr_expect_str_eq(field(cl, 0, "from"), "2026-07-20");
	cr_expect_str_eq(field(cl, 0, "days"), "19");
	cr_expect_str_eq(field(cl, 0, "by"), "buyer");
	json_decref(cl);

	/* working calendars agreed in settings, read back with the rest */
	ok("settings", 93, "{\"workweek\":\"MON-FRI\",\"buyer_hours\":\"08:00-16:30\"}");
	struct project_settings st;
	cr_assert(project_settings_get(db, rel, &st, &e) == 0, "%s", e.msg);
	cr_expect_str_eq(st.workweek, "MON-FRI");
	cr_expect_str_eq(st.hours, "");
	cr_expect_str_eq(st.buyer_hours, "08:00-16:30");
	cr_expect_str_eq(st.buyer_workweek, "");

	/* corrections: void what nothing depends on; not what has moved on */
	cr_expect_str_eq(refused("correct", "{\"seq\":5,\"reason\":\"x\",\"void\":true}"),
	                 "seq: later events depend on the commitment of event 5; correct those first");
	cr_expect_str_eq(refused("correct", "{\"seq\":1,\"reason\":\"x\"}"), "seq: event 1 (relationship.open) cannot be corrected");
	cr_expect_str_eq(refused("correct", "{\"seq\":999,\"reason\":\"x\"}"), "seq: this partner's record has no event 999");
	ok("correct", 91, "{\"seq\":3,\"reason\":\"Logged twice\",\"void\":true}"); /* the contact */
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM contacts"), 0);
	cr_expect_str_eq(refused("correct", "{\"seq\":3,\"reason\":\"again\",\"void\":true}"), "seq: event 3 is already void");

	/* a weights change: checked against the model, recorded, and in force from its time */
	cr_expect_str_eq(refused("weights.set", "{\"key\":\"payment.late\",\"value\":\"2\"}"),
	                 "payment.late: bad evidence keeps its sign: from -100 to 0");
	ok("weights.set", 95, "{\"key\":\"payment.late\",\"value\":\"-2.5\"}");
	struct trust_model model;
	cr_assert(project_model(db, rel, T0 + 95 * 3600, &model, &e) == 0, "%s", e.msg);
	cr_expect_eq(model.weight[trust_rule_find("payment.late")], -2.5);
	cr_assert(project_model(db, rel, T0 + 94 * 3600, &model, &e) == 0, "%s", e.msg);
	cr_expect_eq(model.weight[trust_rule_find("payment.late")], -1.0);

	/* every kind was exercised */
	for (size_t k = 0; k < event_nkinds; k++) {
		int seen = 0;
		for (int i = 0; i < nused; i++)
			seen |= !strcmp(used[i], event_kinds[k].name);
		cr_expect(seen, "kind %s is not exercised by this test", event_kinds[k].name);
	}

	/* the current-scores projection gives what a full replay gives */
	struct trust_sums sums;
	struct evidence all = {0}, derived = {0};
	struct trust_result from_sums, replayed;
	int64_t now = T0 + 400 * 86400;
	cr_assert(project_model(db, rel, now, &model, &e) == 0);
	cr_assert(project_trust_sums(db, rel, &sums, &e) == 0, "%s", e.msg);
	cr_assert(evidence_gather(db, &model, rel, now, EVIDENCE_DERIVED, NULL, 0, &derived, &e) == 0, "%s", e.msg);
	cr_assert(evidence_collect(db, &model, rel, now, &all, &e) == 0, "%s", e.msg);
	trust_compute_sums(&model, &sums, derived.items, derived.n, now, &from_sums);
	trust_compute(&model, all.items, all.n, now, &replayed);
	cr_expect_gt(all.n, 15, "the scenario has evidence");
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++) {
			cr_expect(fabs(from_sums.dim[d][k].score - replayed.dim[d][k].score) < 1e-9, "dir %d dim %d: %f vs %f", d,
			          k, from_sums.dim[d][k].score, replayed.dim[d][k].score);
			cr_expect_eq(from_sums.dim[d][k].evidence, replayed.dim[d][k].evidence, "dir %d dim %d", d, k);
		}
	evidence_release(&all);
	evidence_release(&derived);

	/* rebuild gives the same rows */
	json_t *before = json_object(), *after = json_object();
	cr_assert(store_projections_dump(db, before, &e) == 0, "%s", e.msg);
	int64_t n;
	cr_assert(db_begin(db, &e) == 0);
	cr_assert(project_rebuild(db, &n, &e) == 0, "%s", e.msg);
	cr_assert(db_commit(db, &e) == 0, "%s", e.msg);
	cr_assert(store_projections_dump(db, after, &e) == 0, "%s", e.msg);
	cr_expect_eq(n, tu_int(db, "SELECT count(*) FROM events"));
	char *a = json_dumps(before, JSON_SORT_KEYS), *b = json_dumps(after, JSON_SORT_KEYS);
	cr_expect_str_eq(a, b);
	cr_expect_gt(strlen(a), 500, "the dump holds the projections");
	free(a);
	free(b);
	json_decref(before);
	json_decref(after);
}

Test(project, update_slots_follow_the_partner_zone)
{
	/* weekly Monday 09:00 in Ho Chi Minh City (UTC+7): Mon 2025-12-08 02:00Z */
	cr_expect_eq(project_update_slot("weekly:MON@09:00", "Asia/Ho_Chi_Minh", 1765159200 + 3600), 1765159200);
	/* 23 hours before the slot it already answers it */
	cr_expect_eq(project_update_slot("weekly:MON@09:00", "Asia/Ho_Chi_Minh", 1765159200 - 23 * 3600), 1765159200);
	/* two days before, it answers the previous Monday */
	cr_expect_eq(project_update_slot("weekly:MON@09:00", "Asia/Ho_Chi_Minh", 1765159200 - 48 * 3600),
	             1765159200 - 7 * 86400);
	cr_expect_eq(project_update_slot("nonsense", "Asia/Ho_Chi_Minh", 1765159200), 0);
}
