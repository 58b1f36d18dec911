/* test_workcal.c - a side's working calendar built from the record: the
 * country's week or the agreed one, agreed hours, the partner's closures
 * merged into its holidays, and countries without holiday tables. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "ledger.h"
#include "testutil.h"
#include "workcal.h"

#define T0 1764547200 /* 2025-12-01T00:00:00Z */

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

TestSuite(workcal, .init = setup, .fini = teardown);

static void append(int64_t rel, const char *kind, const char *json)
{
	struct err e = {0};
	struct event ev;
	json_t *body = json_loads(json, 0, NULL);
	cr_assert(body, "%s", json);
	struct ledger_entry in = {kind, "partner", "Chen Jing", T0 + 3600, T0 + 3600, body};
	cr_assert(ledger_append(&l, rel, &in, &ev, &e) == 0, "%s", e.msg);
	json_decref(body);
}

Test(workcal, days_text_names_runs_and_wraps_past_sunday)
{
	char out[40];
	workcal_days_text(WORKWEEK_DAY(0) | WORKWEEK_DAY(6), out);
	cr_expect_str_eq(out, "Mon-Fri");
	workcal_days_text(WORKWEEK_DAY(0), out);
	cr_expect_str_eq(out, "Mon-Sat");
	workcal_days_text(WORKWEEK_DAY(5), out);
	cr_expect_str_eq(out, "Sat-Thu");
	workcal_days_text(WORKWEEK_DAY(0) | WORKWEEK_DAY(2) | WORKWEEK_DAY(4), out);
	cr_expect_str_eq(out, "Mon, Wed, Fri-Sat");
	workcal_days_text(0x7f, out);
	cr_expect_str_eq(out, "no day");
}

Test(workcal, the_country_week_until_one_is_agreed)
{
	struct err e = {0};
	struct workcal w;
	char hours[32];
	int64_t rel = tu_rel_open(&l, "Factory", "BD", "Asia/Dhaka", T0);
	cr_assert(workcal_load(db, rel, WORKCAL_PARTNER, &w, &e) == 0, "%s", e.msg);
	cr_expect_eq(w.week.weekend, WORKWEEK_DAY(5), "Bangladesh rests on Friday");
	cr_expect(w.holidays_known && !w.week_agreed);
	workcal_hours_text(&w, hours);
	cr_expect_str_eq(hours, "09:00-18:00");
	workcal_release(&w);
	cr_assert(workcal_load(db, rel, WORKCAL_BUYER, &w, &e) == 0, "%s", e.msg);
	cr_expect_str_eq(w.party.country, "GB");
	cr_expect_eq(w.week.weekend, WORKWEEK_DAY(0) | WORKWEEK_DAY(6));
	workcal_release(&w);

	append(rel, "settings", "{\"workweek\":\"SUN-THU\",\"hours\":\"08:30-17:00\",\"buyer_hours\":\"07:00-15:00\"}");
	cr_assert(workcal_load(db, rel, WORKCAL_PARTNER, &w, &e) == 0, "%s", e.msg);
	cr_expect_eq(w.week.weekend, WORKWEEK_DAY(5) | WORKWEEK_DAY(6));
	cr_expect(w.week_agreed);
	cr_expect(w.start == 8 * 3600 + 1800 && w.end == 17 * 3600);
	workcal_release(&w);
	cr_assert(workcal_load(db, rel, WORKCAL_BUYER, &w, &e) == 0, "%s", e.msg);
	cr_expect(w.start == 7 * 3600 && w.end == 15 * 3600, "the buyer's own hours");
	cr_expect(!w.week_agreed);
	workcal_release(&w);
}

Test(workcal, closures_merge_into_the_year_and_yield_to_public_holidays)
{
	struct err e = {0};
	struct workcal w;
	struct holidays h;
	int64_t rel = tu_rel_open(&l, "Factory", "CN", "Asia/Shanghai", T0);
	/* 1 October 2026 is National Day; the shutdown runs into 2027 */
	append(rel, "closure.add", "{\"from\":\"2026-09-30\",\"to\":\"2026-10-02\",\"reason\":\"Audit\"}");
	append(rel, "closure.add", "{\"from\":\"2026-12-30\",\"to\":\"2027-01-05\",\"reason\":\"Year-end stocktake\"}");
	cr_assert(workcal_load(db, rel, WORKCAL_PARTNER, &w, &e) == 0, "%s", e.msg);
	cr_expect_eq(w.nclosures, 2);
	cr_assert(workcal_holidays(&w, 2026, &h, &e) == 0, "%s", e.msg);
	const char *want[][3] = {
		{"2026-09-30", "Audit", "closure"},
		{"2026-10-01", "National Day", "public"},
		{"2026-12-30", "Year-end stocktake", "closure"},
		{"2026-12-31", "Year-end stocktake", "closure"},
	};
	for (size_t k = 0; k < sizeof want / sizeof want[0]; k++) {
		size_t i = 0;
		while (i < h.n && strcmp(h.days[i].date, want[k][0]))
			i++;
		cr_assert(i < h.n, "%s missing", want[k][0]);
		cr_expect_str_eq(h.days[i].name, want[k][1]);
		cr_expect_str_eq(holiday_kind_names[h.days[i].kind], want[k][2]);
	}
	for (size_t i = 1; i < h.n; i++)
		cr_expect(strcmp(h.days[i - 1].date, h.days[i].date) < 0, "sorted, one a day: %s", h.days[i].date);
	holidays_release(&h);
	/* the closure counts as a day off, with its reason */
	const char *why;
	char next[11];
	cr_expect_eq(workcal_check(&w, "2026-09-30", &why, next, &e), 0);
	cr_expect_str_eq(why, "Audit");
	cr_expect_eq(workcal_check(&w, "2027-01-04", &why, next, &e), 0);
	cr_expect_str_eq(next, "2027-01-06");
	cr_expect_eq(workcal_check(&w, "2027-01-06", &why, next, &e), 1);
	workcal_release(&w);
}

Test(workcal, a_country_without_tables_has_its_weekend_and_closures)
{
	struct err e = {0};
	struct workcal w;
	struct holidays h;
	int64_t rel = tu_rel_open(&l, "Factory", "ET", "Africa/Addis_Ababa", T0);
	append(rel, "closure.add", "{\"from\":\"2027-01-07\",\"to\":\"2027-01-07\",\"reason\":\"Genna\"}");
	cr_assert(workcal_load(db, rel, WORKCAL_PARTNER, &w, &e) == 0, "%s", e.msg);
	cr_expect(!w.holidays_known);
	cr_expect_eq(w.week.weekend, WORKWEEK_DAY(0), "a factory's Sunday");
	cr_assert(workcal_holidays(&w, 2027, &h, &e) == 0, "%s", e.msg);
	cr_expect_eq(h.n, 1);
	cr_expect_str_eq(h.days[0].name, "Genna");
	holidays_release(&h);
	const char *why;
	cr_expect_eq(workcal_check(&w, "2027-01-10", &why, NULL, &e), 0);
	cr_expect_str_eq(why, "weekend");
	cr_expect_eq(workcal_check(&w, "2027-01-08", &why, NULL, &e), 1);
	workcal_release(&w);
}

Test(workcal, no_such_partner)
{
	struct err e = {0};
	struct workcal w;
	cr_expect_eq(workcal_load(db, 42, WORKCAL_PARTNER, &w, &e), -1);
	cr_expect_str_eq(e.msg, "partner: no partner with id 42");
}
