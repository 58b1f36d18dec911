/* test_holidays.c - holiday lists against the published facts: China's
 * State Council notice for 2026 (gov.cn, content_7047091), the statutory
 * rules for a year not yet announced, Viet Nam's Labour Code days. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "calendar/holidays.h"

static struct holidays list(const char *cc, int year)
{
	struct holidays h;
	struct err e = {0};
	cr_assert(holiday_list(cc, year, &h, &e) == 0, "%s", e.msg);
	return h;
}

static const struct holiday *on(const struct holidays *h, const char *date)
{
	for (size_t i = 0; i < h->n; i++)
		if (!strcmp(h->days[i].date, date))
			return &h->days[i];
	return NULL;
}

static void expect(const struct holidays *h, const char *date, enum holiday_kind kind, const char *name, int estimated)
{
	const struct holiday *d = on(h, date);
	cr_assert(d != NULL, "nothing on %s", date);
	cr_expect_eq(d->kind, kind, "%s: %s, want %s", date, holiday_kind_names[d->kind], holiday_kind_names[kind]);
	cr_expect_str_eq(d->name, name, "%s", date);
	cr_expect_eq(d->estimated, estimated, "%s", date);
}

static void expect_sorted_once(const struct holidays *h)
{
	for (size_t i = 1; i < h->n; i++)
		cr_expect_lt(strcmp(h->days[i - 1].date, h->days[i].date), 0, "%s then %s", h->days[i - 1].date,
		             h->days[i].date);
}

Test(holidays, china_2026_as_the_state_council_announced)
{
	struct holidays h = list("CN", 2026);
	expect_sorted_once(&h);
	/* Spring Festival 15-23 February; Saturdays 14 and 28 February worked */
	for (int d = 15; d <= 23; d++) {
		char date[16];
		snprintf(date, sizeof date, "2026-02-%02d", d % 100);
		expect(&h, date, HOLIDAY_PUBLIC, "Spring Festival", 0);
	}
	expect(&h, "2026-02-14", HOLIDAY_WORKDAY, "Spring Festival", 0);
	expect(&h, "2026-02-28", HOLIDAY_WORKDAY, "Spring Festival", 0);
	/* National Day 1-7 October; Sunday 20 September and Saturday 10 October worked */
	expect(&h, "2026-10-01", HOLIDAY_PUBLIC, "National Day", 0);
	expect(&h, "2026-10-07", HOLIDAY_PUBLIC, "National Day", 0);
	expect(&h, "2026-09-20", HOLIDAY_WORKDAY, "National Day", 0);
	expect(&h, "2026-10-10", HOLIDAY_WORKDAY, "National Day", 0);
	/* the factories' custom around the new year, and a greeting-worthy day */
	expect(&h, "2026-02-10", HOLIDAY_CLOSURE, "Spring Festival factory closure", 1);
	expect(&h, "2026-03-03", HOLIDAY_OBSERVANCE, "Lantern Festival", 0);
	cr_expect_null(on(&h, "2026-02-27"), "the closure ends nine days after the new year");
	holidays_release(&h);
}

Test(holidays, china_2030_follows_the_statutory_rules_and_says_so)
{
	struct holidays h = list("CN", 2030);
	expect_sorted_once(&h);
	/* 2024 rules: Spring Festival Eve and days 1-3 (new year 3 February
	 * 2030), Qingming, Labour Day 1-2 May, Dragon Boat, Mid-Autumn, 1-3 October */
	expect(&h, "2030-02-02", HOLIDAY_PUBLIC, "Spring Festival", 1);
	expect(&h, "2030-02-05", HOLIDAY_PUBLIC, "Spring Festival", 1);
	expect(&h, "2030-04-05", HOLIDAY_PUBLIC, "Qingming Festival", 1);
	expect(&h, "2030-05-02", HOLIDAY_PUBLIC, "Labour Day", 1);
	cr_expect(on(&h, "2030-05-03") == NULL || on(&h, "2030-05-03")->kind != HOLIDAY_PUBLIC);
	expect(&h, "2030-06-05", HOLIDAY_PUBLIC, "Dragon Boat Festival", 1);
	expect(&h, "2030-09-12", HOLIDAY_PUBLIC, "Mid-Autumn Festival", 1);
	expect(&h, "2030-10-03", HOLIDAY_PUBLIC, "National Day", 1);
	cr_expect_null(on(&h, "2030-10-04"));
	holidays_release(&h);
}

Test(holidays, viet_nam_2026_by_the_labour_code)
{
	struct holidays h = list("VN", 2026);
	expect_sorted_once(&h);
	/* Tet 17 February 2026: five days from the last day of the old year */
	expect(&h, "2026-02-16", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 1);
	expect(&h, "2026-02-20", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 1);
	expect(&h, "2026-02-21", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	expect(&h, "2026-04-26", HOLIDAY_PUBLIC, "Hung Kings' Commemoration Day", 0);
	expect(&h, "2026-04-30", HOLIDAY_PUBLIC, "Reunification Day", 0);
	expect(&h, "2026-05-01", HOLIDAY_PUBLIC, "Labour Day", 0);
	expect(&h, "2026-09-02", HOLIDAY_PUBLIC, "National Day", 0);
	expect(&h, "2026-09-25", HOLIDAY_OBSERVANCE, "Mid-Autumn Festival", 0);
	expect(&h, "2026-10-20", HOLIDAY_OBSERVANCE, "Vietnamese Women's Day", 0);
	/* a closure outranks an observance on the same day: one entry a day */
	expect(&h, "2026-02-10", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	holidays_release(&h);
}

Test(holidays, tet_1985_and_2030_fall_on_vietnams_own_dates)
{
	struct holidays h = list("VN", 2030);
	/* Tet 2 February 2030, a day before China's new year */
	expect(&h, "2030-02-01", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 1);
	holidays_release(&h);
	h = list("CN", 2030);
	cr_expect_eq(on(&h, "2030-02-01")->kind, HOLIDAY_CLOSURE);
	holidays_release(&h);
}

Test(holidays, unknown_countries_and_years_are_refused)
{
	struct holidays h;
	struct err e = {0};
	cr_expect_eq(holiday_list("XX", 2026, &h, &e), -1);
	cr_expect_str_eq(e.msg, "country: no holidays for XX in this rapport yet (it knows CN VN)");
	cr_expect_eq(holiday_list("CN", 1999, &h, &e), -1);
	cr_expect_str_eq(e.msg, "year: from 2000 to 2040");
	cr_expect_eq(holiday_list("CN", 2041, &h, &e), -1);
}
