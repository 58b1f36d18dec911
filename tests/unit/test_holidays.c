/* test_holidays.c - holiday lists against the published facts: China's
 * State Council notice for 2026 (gov.cn, content_7047091) and every
 * schedule announced 2007-2026 (tests/vectors/calendar/cn-holiday-cn.csv),
 * the statutory rules for a year not yet announced, Viet Nam's Labour Code
 * days, and the public holidays of 2024-2026 of fifteen more countries
 * the statutory rules for a year not yet announced, Viet Nam's schedules
 * announced 2010-2026 (tests/vectors/calendar/vn-schedule.csv; the notices
 * for 2025 and 2026 by hand) and its Labour Code for the other years, and
 * the public holidays of 2024-2026 of fourteen countries
 * (tests/vectors/calendar/public-holidays-2024-2026.csv); sources in
 * tests/vectors/README.md. */
#include <criterion/criterion.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/festivals.h"
#include "calendar/holidays.h"
#include "testutil.h"

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

static void expect_range(const struct holidays *h, const char *from, const char *to, enum holiday_kind kind,
                         const char *name, int estimated)
{
	int y = atoi(from), m = atoi(from + 5), d = atoi(from + 8);
	for (;;) {
		char date[16];
		snprintf(date, sizeof date, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
		expect(h, date, kind, name, estimated);
		if (!strcmp(date, to))
			break;
		/* the ranges here stay inside one month or cross one month's end */
		static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
		if (++d > days[m - 1])
			d = 1, m++;
		cr_assert_leq(m, 12);
	}
}

Test(holidays, viet_nam_2026_as_announced)
{
	struct holidays h = list("VN", 2026);
	expect_sorted_once(&h);
	/* New Year 1-4 January, Friday 2 January worked on Saturday 10 January
	 * (Government Office dispatch 12729/VPCP-KGVX, 25 December 2025) */
	expect(&h, "2026-01-01", HOLIDAY_PUBLIC, "New Year's Day", 0);
	expect_range(&h, "2026-01-02", "2026-01-04", HOLIDAY_PUBLIC, "New Year holiday", 0);
	expect(&h, "2026-01-10", HOLIDAY_WORKDAY, "New Year holiday", 0);
	/* Tet 17 February 2026: off Saturday 14 to Sunday 22 February, the five
	 * Labour Code days 16-20 February (Government Office 9859/VPCP-KGVX) */
	expect_range(&h, "2026-02-14", "2026-02-22", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 0);
	expect(&h, "2026-02-13", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	expect(&h, "2026-02-23", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	/* Hung Kings' day on Sunday 26 April, Monday 27 April off instead */
	expect(&h, "2026-04-26", HOLIDAY_PUBLIC, "Hung Kings' Commemoration Day", 0);
	expect(&h, "2026-04-27", HOLIDAY_PUBLIC, "Hung Kings' Commemoration Day (observed)", 0);
	expect(&h, "2026-04-30", HOLIDAY_PUBLIC, "Reunification Day", 0);
	expect(&h, "2026-05-01", HOLIDAY_PUBLIC, "Labour Day", 0);
	cr_expect_null(on(&h, "2026-05-04"));
	/* National Day 29 August - 2 September, Monday 31 August worked on
	 * Saturday 22 August (Ministry of Home Affairs, October 2025) */
	expect(&h, "2026-08-22", HOLIDAY_WORKDAY, "National Day holiday", 0);
	expect_range(&h, "2026-08-29", "2026-09-01", HOLIDAY_PUBLIC, "National Day holiday", 0);
	expect(&h, "2026-09-02", HOLIDAY_PUBLIC, "National Day", 0);
	cr_expect_null(on(&h, "2026-09-03"));
	expect(&h, "2026-09-25", HOLIDAY_OBSERVANCE, "Mid-Autumn Festival", 0);
	expect(&h, "2026-10-20", HOLIDAY_OBSERVANCE, "Vietnamese Women's Day", 0);
	/* a closure outranks an observance on the same day: one entry a day */
	expect(&h, "2026-02-10", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	holidays_release(&h);
}

Test(holidays, viet_nam_2025_as_announced)
{
	struct holidays h = list("VN", 2025);
	expect_sorted_once(&h);
	/* Tet 29 January 2025: off Saturday 25 January to Sunday 2 February,
	 * the five days 27-31 January (the Prime Minister's approval, 26
	 * November 2024); the days either side are the factories' custom */
	expect_range(&h, "2025-01-25", "2025-02-02", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 0);
	expect(&h, "2025-01-24", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	expect(&h, "2025-02-03", HOLIDAY_CLOSURE, "Tết factory closure", 1);
	expect(&h, "2025-04-07", HOLIDAY_PUBLIC, "Hung Kings' Commemoration Day", 0);
	/* 30 April - 4 May, Friday 2 May worked on Saturday 26 April */
	expect(&h, "2025-04-26", HOLIDAY_WORKDAY, "Reunification Day and Labour Day holiday", 0);
	expect(&h, "2025-04-30", HOLIDAY_PUBLIC, "Reunification Day", 0);
	expect(&h, "2025-05-01", HOLIDAY_PUBLIC, "Labour Day", 0);
	expect_range(&h, "2025-05-02", "2025-05-04", HOLIDAY_PUBLIC, "Reunification Day and Labour Day holiday", 0);
	cr_expect_null(on(&h, "2025-04-29"));
	cr_expect_null(on(&h, "2025-05-05"));
	/* National Day on Tuesday 2 September with Monday 1 September */
	expect(&h, "2025-09-01", HOLIDAY_PUBLIC, "National Day holiday", 0);
	expect(&h, "2025-09-02", HOLIDAY_PUBLIC, "National Day", 0);
	cr_expect_null(on(&h, "2025-09-03"));
	holidays_release(&h);
}

Test(holidays, viet_nam_2014_tet_brought_forward)
{
	/* Tet 31 January 2014: off 28 January - 5 February, Saturdays 25
	 * January and 8 February worked (the Prime Minister's approval) */
	struct holidays h = list("VN", 2014);
	expect(&h, "2014-01-25", HOLIDAY_WORKDAY, "Lunar New Year (Tết)", 0);
	expect_range(&h, "2014-01-28", "2014-02-05", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 0);
	expect(&h, "2014-02-08", HOLIDAY_WORKDAY, "Lunar New Year (Tết)", 0);
	holidays_release(&h);
}

Test(holidays, viet_nam_2030s_by_the_labour_code)
{
	/* not announced: the Labour Code's days, a day on a Saturday or Sunday
	 * giving the next working day, the substitutes estimated */
	struct holidays h = list("VN", 2033);
	expect_sorted_once(&h);
	expect(&h, "2033-01-01", HOLIDAY_PUBLIC, "New Year's Day", 0);
	expect(&h, "2033-01-03", HOLIDAY_PUBLIC, "New Year's Day (observed)", 1);
	expect(&h, "2033-04-09", HOLIDAY_PUBLIC, "Hung Kings' Commemoration Day", 0);
	expect(&h, "2033-04-11", HOLIDAY_PUBLIC, "Hung Kings' Commemoration Day (observed)", 1);
	/* Saturday 30 April and Sunday 1 May: Monday 2 and Tuesday 3 May */
	expect(&h, "2033-04-30", HOLIDAY_PUBLIC, "Reunification Day", 0);
	expect(&h, "2033-05-01", HOLIDAY_PUBLIC, "Labour Day", 0);
	expect(&h, "2033-05-02", HOLIDAY_PUBLIC, "Reunification Day (observed)", 1);
	expect(&h, "2033-05-03", HOLIDAY_PUBLIC, "Labour Day (observed)", 1);
	/* Friday 2 September with the Thursday before */
	expect(&h, "2033-09-01", HOLIDAY_PUBLIC, "National Day holiday", 1);
	expect(&h, "2033-09-02", HOLIDAY_PUBLIC, "National Day", 0);
	/* Tet 31 January: five days from the 30th, the Sunday's given on the 4th */
	expect_range(&h, "2033-01-30", "2033-02-04", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 1);
	cr_expect(on(&h, "2033-02-05") == NULL || on(&h, "2033-02-05")->kind != HOLIDAY_PUBLIC);
	cr_expect(on(&h, "2033-09-05") == NULL || on(&h, "2033-09-05")->kind != HOLIDAY_PUBLIC);
	holidays_release(&h);
	/* 2028: National Day on a Saturday, Friday the 1st with it, Monday
	 * the 4th for the Saturday; Tet's Saturday (29 January) moved to the
	 * working day before the break, Monday 24 January, as notices do */
	h = list("VN", 2028);
	expect(&h, "2028-09-01", HOLIDAY_PUBLIC, "National Day holiday", 1);
	expect(&h, "2028-09-04", HOLIDAY_PUBLIC, "National Day (observed)", 1);
	expect_range(&h, "2028-01-24", "2028-01-29", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 1);
	cr_expect(on(&h, "2028-01-31") == NULL || on(&h, "2028-01-31")->kind != HOLIDAY_PUBLIC);
	holidays_release(&h);
	/* before 2013 Tet had four days; before 2021 National Day one */
	h = list("VN", 2005);
	expect_range(&h, "2005-02-08", "2005-02-11", HOLIDAY_PUBLIC, "Lunar New Year (Tết)", 1);
	cr_expect_neq(on(&h, "2005-02-12")->kind, HOLIDAY_PUBLIC);
	cr_expect(on(&h, "2005-09-01") == NULL || on(&h, "2005-09-01")->kind != HOLIDAY_PUBLIC);
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
	cr_expect_str_eq(e.msg, "country: no holidays for XX in this rapport yet (it knows BD CN DE FR GB ID IN IT JP KH LK "
	                        "MX PK PT TR US VN)");
	cr_expect_eq(holiday_list("CN", 1999, &h, &e), -1);
	cr_expect_str_eq(e.msg, "year: from 2000 to 2040");
	cr_expect_eq(holiday_list("CN", 2041, &h, &e), -1);
}

/* Every public day of 2024-2026 in the published lists, and no other. */
Test(holidays, public_days_2024_2026_match_the_official_lists)
{
	static const char *const countries[] = {"BD", "DE", "FR", "GB", "ID", "IN", "IT", "JP",
	                                        "KH", "LK", "MX", "PK", "PT", "TR", "US", "VN"};
	char *data = tu_vector("calendar/public-holidays-2024-2026.csv", NULL);
	int bad = 0, checked = 0;
	for (size_t c = 0; c < sizeof countries / sizeof countries[0]; c++)
		for (int year = 2024; year <= 2026; year++) {
			struct holidays h = list(countries[c], year);
			expect_sorted_once(&h);
			char key[16];
			snprintf(key, sizeof key, "%s,%04d-", countries[c], year);
			/* each published day is a public day here */
			for (char *line = strchr(data, '\n'); line; line = strchr(line + 1, '\n')) {
				if (strncmp(line + 1, key, 8))
					continue;
				char date[11];
				memcpy(date, line + 4, 10);
				date[10] = 0;
				const struct holiday *d = on(&h, date);
				if (!d || d->kind != HOLIDAY_PUBLIC) {
					if (bad++ < 20)
						cr_log_error("%s %s: published, but %s here", countries[c], date,
						             d ? holiday_kind_names[d->kind] : "nothing");
				}
				checked++;
			}
			/* and no public day here is missing from the list */
			for (size_t i = 0; i < h.n; i++) {
				if (h.days[i].kind != HOLIDAY_PUBLIC)
					continue;
				char needle[32];
				snprintf(needle, sizeof needle, "\n%s,%s,", countries[c], h.days[i].date);
				if (!strstr(data, needle) && bad++ < 20)
					cr_log_error("%s %s (%s): public here, not in the published list", countries[c],
					             h.days[i].date, h.days[i].name);
			}
			holidays_release(&h);
		}
	cr_expect_eq(bad, 0, "%d days differ from the published lists", bad);
	cr_expect_gt(checked, 500);
	free(data);
}

/* Every day off and every make-up working day China announced, 2007-2026. */
Test(holidays, china_every_announced_schedule)
{
	char *data = tu_vector("calendar/cn-holiday-cn.csv", NULL), *save = NULL;
	int bad = 0, rows = 0, workdays = 0, year = 0;
	struct holidays h = {0};
	strtok_r(data, "\n", &save);
	for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char date[11];
		int off = line[strlen(line) - 1] == '1';
		memcpy(date, line, 10);
		date[10] = 0;
		/* the 2007 notice's make-up days in December 2006, a year with no
		 * schedule of its own here */
		if (atoi(date) < 2007)
			continue;
		if (atoi(date) != year) {
			holidays_release(&h);
			year = atoi(date);
			h = list("CN", year);
		}
		const struct holiday *d = on(&h, date);
		enum holiday_kind want = off ? HOLIDAY_PUBLIC : HOLIDAY_WORKDAY;
		if (!d || d->kind != want || d->estimated) {
			if (bad++ < 20)
				cr_log_error("%s: announced %s, here %s", date, holiday_kind_names[want],
				             d ? holiday_kind_names[d->kind] : "nothing");
		}
		workdays += !off;
		rows++;
	}
	holidays_release(&h);
	cr_expect_eq(bad, 0, "%d announced days differ", bad);
	cr_expect_eq(rows, 676);
	cr_expect_gt(workdays, 100);
	free(data);
}

/* Every day off and every Saturday worked that Viet Nam announced,
 * 2010-2026, under the name the notices give it. */
Test(holidays, viet_nam_every_announced_schedule)
{
	char *data = tu_vector("calendar/vn-schedule.csv", NULL), *save = NULL;
	int bad = 0, rows = 0, workdays = 0, year = 0;
	struct holidays h = {0};
	strtok_r(data, "\n", &save);
	for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char date[11];
		size_t len = strlen(line);
		int off = line[len - 1] == '1';
		memcpy(date, line, 10);
		date[10] = 0;
		line[len - 2] = 0; /* the name, between the date and ",off" */
		const char *name = line + 11;
		if (atoi(date) != year) {
			holidays_release(&h);
			year = atoi(date);
			h = list("VN", year);
		}
		const struct holiday *d = on(&h, date);
		enum holiday_kind want = off ? HOLIDAY_PUBLIC : HOLIDAY_WORKDAY;
		if (!d || d->kind != want || d->estimated || strcmp(d->local_name, name)) {
			if (bad++ < 20)
				cr_log_error("%s: announced %s %s, here %s %s", date, holiday_kind_names[want], name,
				             d ? holiday_kind_names[d->kind] : "nothing", d ? d->local_name : "");
		}
		workdays += !off;
		rows++;
	}
	holidays_release(&h);
	cr_expect_eq(bad, 0, "%d announced days differ", bad);
	cr_expect_eq(rows, 360);
	cr_expect_eq(workdays, 16);
	/* and no day off or Saturday worked beyond them (strtok_r cut the
	 * first copy into lines) */
	free(data);
	data = tu_vector("calendar/vn-schedule.csv", NULL);
	for (year = 2010; year <= 2026; year++) {
		h = list("VN", year);
		for (size_t i = 0; i < h.n; i++) {
			if (h.days[i].kind != HOLIDAY_PUBLIC && h.days[i].kind != HOLIDAY_WORKDAY)
				continue;
			char needle[16];
			snprintf(needle, sizeof needle, "\n%s,", h.days[i].date);
			if (!strstr(data, needle) && bad++ < 20)
				cr_log_error("%s (%s): here, not announced", h.days[i].date, h.days[i].name);
		}
		holidays_release(&h);
	}
	cr_expect_eq(bad, 0);
	free(data);
}

Test(holidays, substitutes_and_moved_days)
{
	/* US: Independence Day 2026 is a Saturday, observed Friday 3 July */
	struct holidays h = list("US", 2026);
	expect(&h, "2026-07-03", HOLIDAY_PUBLIC, "Independence Day (observed)", 0);
	holidays_release(&h);
	/* England: Boxing Day 2026 a Saturday, observed Monday 28 December;
	 * 2020's early May bank holiday moved to Friday 8 May (VE Day) */
	h = list("GB", 2026);
	expect(&h, "2026-12-28", HOLIDAY_PUBLIC, "Boxing Day (observed)", 0);
	holidays_release(&h);
	h = list("GB", 2020);
	expect(&h, "2020-05-08", HOLIDAY_PUBLIC, "May Day", 0);
	cr_expect_null(on(&h, "2020-05-04"));
	holidays_release(&h);
	/* Japan: 2026-09-22 lies between two holidays; 2025-11-24 substitutes a Sunday */
	h = list("JP", 2026);
	expect(&h, "2026-09-22", HOLIDAY_PUBLIC, "Citizens' Holiday", 0);
	holidays_release(&h);
	h = list("JP", 2025);
	expect(&h, "2025-11-24", HOLIDAY_PUBLIC, "振替休日", 0);
	holidays_release(&h);
	/* Mexico: the change of government every six years, 1 October from 2024 */
	h = list("MX", 2030);
	expect(&h, "2030-10-01", HOLIDAY_PUBLIC, "Change of Federal Government", 0);
	holidays_release(&h);
}

Test(holidays, islamic_days_observed_or_estimated)
{
	/* Bangladesh 2026: Eid al-Fitr Saturday 21 March (Saudi Arabia: the 20th),
	 * as the Ministry of Public Administration announced */
	struct holidays h = list("BD", 2026);
	expect(&h, "2026-03-21", HOLIDAY_PUBLIC, "Eid al-Fitr", 0);
	expect(&h, "2026-03-23", HOLIDAY_PUBLIC, "Eid al-Fitr", 0);
	/* the factories' closure around it */
	expect(&h, "2026-03-18", HOLIDAY_CLOSURE, "Eid factory closure", 1);
	expect(&h, "2026-03-27", HOLIDAY_CLOSURE, "Eid factory closure", 1);
	holidays_release(&h);
	/* 2030 is not announced: Umm al-Qura plus a day, estimated (Eid al-Fitr
	 * 1451 is 5 February 2030 in the Umm al-Qura calendar) */
	h = list("BD", 2030);
	expect(&h, "2030-02-06", HOLIDAY_PUBLIC, "Eid al-Fitr", 1);
	holidays_release(&h);
	/* Turkey keeps Diyanet's computed dates: Kurban Bayrami 2026 is 27-30 May */
	h = list("TR", 2026);
	expect(&h, "2026-05-27", HOLIDAY_PUBLIC, "Eid al-Adha", 0);
	expect(&h, "2026-05-30", HOLIDAY_PUBLIC, "Eid al-Adha", 0);
	holidays_release(&h);
}

Test(holidays, festivals_only_from_the_published_tables)
{
	/* Diwali 2026 is 8 November (DESIGN.md); the tables end in 2035 */
	struct holidays h = list("IN", 2026);
	expect(&h, "2026-11-08", HOLIDAY_PUBLIC, "Diwali", 0);
	holidays_release(&h);
	h = list("IN", 2036);
	for (size_t i = 0; i < h.n; i++)
		cr_expect_str_neq(h.days[i].name, "Diwali", "no table for 2036, so no guess");
	holidays_release(&h);
}

Test(holidays, every_country_and_year_is_sorted_one_a_day)
{
	static const char *const countries[] = {"BD", "CN", "DE", "FR", "GB", "ID", "IN", "IT", "JP",
	                                        "KH", "LK", "MX", "PK", "PT", "TR", "US", "VN"};
	for (size_t c = 0; c < sizeof countries / sizeof countries[0]; c++)
		for (int year = HOLIDAY_FIRST_YEAR; year <= HOLIDAY_LAST_YEAR; year++) {
			struct holidays h = list(countries[c], year);
			expect_sorted_once(&h);
			cr_expect_gt(h.n, 4, "%s %d", countries[c], year);
			holidays_release(&h);
		}
}

/* Nothing of `name` in h. */
static void expect_none(const struct holidays *h, const char *name)
{
	for (size_t i = 0; i < h->n; i++)
		cr_expect_str_neq(h->days[i].name, name, "%s on %s", name, h->days[i].date);
}

Test(holidays, cambodia_2025_by_the_khmer_calendar)
{
	struct holidays h = list("KH", 2025);
	expect_sorted_once(&h);
	/* Choul Chnam Thmey 14-16 April; Visak Bochea 11 May, the Royal
	 * Ploughing Ceremony 15 May; Pchum Ben 21-23 September; Bon Om Touk
	 * 4-6 November */
	cr_expect_null(on(&h, "2025-04-13"));
	expect(&h, "2025-04-14", HOLIDAY_PUBLIC, "Khmer New Year", 0);
	expect(&h, "2025-04-16", HOLIDAY_PUBLIC, "Khmer New Year", 0);
	cr_expect_null(on(&h, "2025-04-17"));
	expect(&h, "2025-05-11", HOLIDAY_PUBLIC, "Visak Bochea", 0);
	expect(&h, "2025-05-14", HOLIDAY_PUBLIC, "King's Birthday", 0);
	expect(&h, "2025-05-15", HOLIDAY_PUBLIC, "Royal Ploughing Ceremony", 0);
	cr_expect_null(on(&h, "2025-09-20"));
	expect(&h, "2025-09-21", HOLIDAY_PUBLIC, "Pchum Ben", 0);
	expect(&h, "2025-09-23", HOLIDAY_PUBLIC, "Pchum Ben", 0);
	expect(&h, "2025-11-04", HOLIDAY_PUBLIC, "Water Festival (Bon Om Touk)", 0);
	expect(&h, "2025-11-06", HOLIDAY_PUBLIC, "Water Festival (Bon Om Touk)", 0);
	expect(&h, "2025-12-29", HOLIDAY_PUBLIC, "Peace Day", 0);
	cr_expect_str_eq(on(&h, "2025-04-14")->local_name, "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ");
	holidays_release(&h);
}

Test(holidays, cambodia_the_lists_changes_over_the_years)
{
	/* 2019: the King's birthday three days, Meak Bochea, Children's Day,
	 * Paris Peace Agreements Day and Human Rights Day still off; Pchum Ben
	 * three days from 2017 */
	struct holidays h = list("KH", 2019);
	expect(&h, "2019-05-13", HOLIDAY_PUBLIC, "King's Birthday", 0);
	expect(&h, "2019-05-15", HOLIDAY_PUBLIC, "King's Birthday", 0);
	expect(&h, "2019-02-19", HOLIDAY_PUBLIC, "Meak Bochea", 0);
	expect(&h, "2019-06-01", HOLIDAY_PUBLIC, "International Children's Day", 0);
	expect(&h, "2019-10-23", HOLIDAY_PUBLIC, "Paris Peace Agreements Day", 0);
	expect(&h, "2019-12-10", HOLIDAY_PUBLIC, "International Human Rights Day", 0);
	expect(&h, "2019-09-27", HOLIDAY_PUBLIC, "Pchum Ben", 0);
	expect(&h, "2019-09-29", HOLIDAY_PUBLIC, "Pchum Ben", 0);
	holidays_release(&h);
	/* 2020: those went; the new year's days moved to 17-21 August */
	h = list("KH", 2020);
	cr_expect_null(on(&h, "2020-05-13"));
	expect(&h, "2020-05-14", HOLIDAY_PUBLIC, "King's Birthday", 0);
	expect(&h, "2020-02-08", HOLIDAY_OBSERVANCE, "Meak Bochea", 0);
	expect(&h, "2020-04-13", HOLIDAY_OBSERVANCE, "Khmer New Year", 0);
	expect(&h, "2020-08-17", HOLIDAY_PUBLIC, "Khmer New Year (moved from April)", 0);
	expect(&h, "2020-08-21", HOLIDAY_PUBLIC, "Khmer New Year (moved from April)", 0);
	expect_none(&h, "International Children's Day");
	expect_none(&h, "Paris Peace Agreements Day");
	expect_none(&h, "International Human Rights Day");
	expect_none(&h, "Peace Day");
	holidays_release(&h);
	/* 2016: Pchum Ben two days */
	h = list("KH", 2016);
	expect(&h, "2016-09-30", HOLIDAY_PUBLIC, "Pchum Ben", 0);
	expect(&h, "2016-10-01", HOLIDAY_PUBLIC, "Pchum Ben", 0);
	cr_expect_null(on(&h, "2016-10-02"));
	holidays_release(&h);
	/* 2024: a fourth new year's day */
	h = list("KH", 2024);
	expect(&h, "2024-04-13", HOLIDAY_PUBLIC, "Khmer New Year", 0);
	expect(&h, "2024-04-16", HOLIDAY_PUBLIC, "Khmer New Year", 0);
	holidays_release(&h);
}

Test(holidays, cambodia_lunar_days_outside_the_checked_years_are_estimated)
{
	/* computed by the Khmer calendar, not on an announced list */
	struct holidays h = list("KH", 2030);
	expect(&h, "2030-04-14", HOLIDAY_PUBLIC, "Khmer New Year", 1);
	expect(&h, "2030-05-01", HOLIDAY_PUBLIC, "Labour Day", 0);
	expect(&h, "2030-11-09", HOLIDAY_PUBLIC, "Independence Day", 0);
	holidays_release(&h);
	h = list("KH", 2010);
	expect(&h, "2010-04-28", HOLIDAY_PUBLIC, "Visak Bochea", 1);
	expect(&h, "2010-10-29", HOLIDAY_PUBLIC, "Coronation Day", 0);
	holidays_release(&h);
	/* the tables stop at 2040: no guess after */
	const char *d[2];
	cr_expect_eq(festival_dates(FEST_KH_WATER_FESTIVAL, 2040, d), 1);
	cr_expect_eq(festival_dates(FEST_KH_WATER_FESTIVAL, 2041, d), 0);
}

Test(holidays, sri_lanka_2025_poya_and_the_rest)
{
	struct holidays h = list("LK", 2025);
	expect_sorted_once(&h);
	/* Vesak 12 May and the day after; a Poya every full moon */
	expect(&h, "2025-05-12", HOLIDAY_PUBLIC, "Vesak Full Moon Poya Day", 0);
	expect(&h, "2025-05-13", HOLIDAY_PUBLIC, "Day after Vesak Full Moon Poya Day", 0);
	expect(&h, "2025-01-13", HOLIDAY_PUBLIC, "Duruthu Full Moon Poya Day", 0);
	expect(&h, "2025-06-10", HOLIDAY_PUBLIC, "Poson Full Moon Poya Day", 0);
	expect(&h, "2025-12-04", HOLIDAY_PUBLIC, "Unduvap Full Moon Poya Day", 0);
	expect(&h, "2025-01-14", HOLIDAY_PUBLIC, "Tamil Thai Pongal Day", 0);
	cr_expect_str_eq(on(&h, "2025-01-14")->local_name, "தமிழ் தைப்பொங்கல் தினம்");
	expect(&h, "2025-02-04", HOLIDAY_PUBLIC, "Independence Day", 0);
	expect(&h, "2025-02-26", HOLIDAY_PUBLIC, "Maha Shivaratri", 0);
	expect(&h, "2025-04-13", HOLIDAY_PUBLIC, "Day before Sinhala and Tamil New Year", 0);
	expect(&h, "2025-04-14", HOLIDAY_PUBLIC, "Sinhala and Tamil New Year", 0);
	cr_expect_str_eq(on(&h, "2025-04-14")->local_name, "සිංහල හා දෙමළ අලුත් අවුරුදු දිනය");
	expect(&h, "2025-04-18", HOLIDAY_PUBLIC, "Good Friday", 0);
	expect(&h, "2025-10-20", HOLIDAY_PUBLIC, "Deepavali", 0);
	/* Islamic days as Sri Lanka observed them */
	expect(&h, "2025-03-31", HOLIDAY_PUBLIC, "Eid al-Fitr", 0);
	expect(&h, "2025-06-07", HOLIDAY_PUBLIC, "Eid al-Adha", 0);
	expect(&h, "2025-09-05", HOLIDAY_PUBLIC, "Milad-un-Nabi", 0);
	holidays_release(&h);
	/* the leap months' Poya days; Duruthu twice in 2009, none in 2010 */
	h = list("LK", 2026);
	expect(&h, "2026-05-30", HOLIDAY_PUBLIC, "Adhi Poson Full Moon Poya Day", 0);
	holidays_release(&h);
	h = list("LK", 2009);
	expect(&h, "2009-01-10", HOLIDAY_PUBLIC, "Duruthu Full Moon Poya Day", 0);
	expect(&h, "2009-12-31", HOLIDAY_PUBLIC, "Duruthu Full Moon Poya Day", 0);
	holidays_release(&h);
	h = list("LK", 2010);
	expect_none(&h, "Duruthu Full Moon Poya Day");
	expect(&h, "2010-04-28", HOLIDAY_PUBLIC, "Adhi Vesak Full Moon Poya Day", 0);
	holidays_release(&h);
}

Test(holidays, sri_lanka_beyond_the_tables_omits_rather_than_guesses)
{
	/* the Poya, Hindu and Thai Pongal tables end in 2026 */
	static const char *const table_days[] = {"Duruthu Full Moon Poya Day", "Vesak Full Moon Poya Day",
	                                         "Day after Vesak Full Moon Poya Day", "Tamil Thai Pongal Day",
	                                         "Maha Shivaratri", "Deepavali"};
	const int years[] = {2002, 2027, 2040};
	for (size_t y = 0; y < sizeof years / sizeof years[0]; y++) {
		struct holidays h = list("LK", years[y]);
		for (size_t i = 0; i < sizeof table_days / sizeof table_days[0]; i++)
			expect_none(&h, table_days[i]);
		holidays_release(&h);
	}
	/* what needs no table stays, and what the government fixes each year
	 * is marked estimated */
	struct holidays h = list("LK", 2027);
	expect(&h, "2027-02-04", HOLIDAY_PUBLIC, "Independence Day", 0);
	expect(&h, "2027-03-26", HOLIDAY_PUBLIC, "Good Friday", 0);
	expect(&h, "2027-04-14", HOLIDAY_PUBLIC, "Sinhala and Tamil New Year", 1);
	expect(&h, "2027-12-25", HOLIDAY_PUBLIC, "Christmas Day", 0);
	int eids = 0;
	for (size_t i = 0; i < h.n; i++)
		if (!strcmp(h.days[i].name, "Eid al-Fitr")) {
			cr_expect_eq(h.days[i].estimated, 1, "Eid al-Fitr 2027 is not announced");
			eids++;
		}
	cr_expect_eq(eids, 1);
	holidays_release(&h);
}

/* A list served from the per-thread cache is the caller's own copy. */
Test(holidays, a_cached_list_is_an_independent_copy)
{
	struct holidays a = list("CN", 2026), b;
	struct err e = {0};
	cr_assert(a.n > 20);
	char first[11];
	snprintf(first, sizeof first, "%s", a.days[0].date);
	a.days[0].date[0] = 'X';
	holidays_release(&a);
	cr_assert_eq(holiday_list("CN", 2026, &b, &e), 0, "%s", e.msg);
	cr_expect_str_eq(b.days[0].date, first);
	/* more (country, year) pairs than the cache holds, then the first again */
	for (int y = 2000; y <= 2040; y++) {
		struct holidays x;
		cr_assert_eq(holiday_list("VN", y, &x, &e), 0, "%s", e.msg);
		holidays_release(&x);
		cr_assert_eq(holiday_list("GB", y, &x, &e), 0, "%s", e.msg);
		holidays_release(&x);
	}
	struct holidays c;
	cr_assert_eq(holiday_list("CN", 2026, &c, &e), 0, "%s", e.msg);
	cr_expect_eq(c.n, b.n);
	for (size_t i = 0; i < c.n && i < b.n; i++)
		cr_expect_str_eq(c.days[i].date, b.days[i].date);
	holidays_release(&b);
	holidays_release(&c);
}

/* A server thread computes lists (the agenda's), then frees its cache
 * before it ends: LeakSanitizer, which checks this process at exit, finds
 * nothing of it left; and a list asked for again after the release is
 * computed afresh, the same. */
static void *lists_on_a_thread(void *arg)
{
	struct holidays *out = arg;
	struct err e = {0};
	struct holidays again;
	if (holiday_list("CN", 2027, out, &e) || holiday_list("GB", 2027, &again, &e))
		return "holiday_list failed";
	holidays_release(&again);
	holiday_cache_release();
	if (holiday_list("CN", 2027, &again, &e))
		return "holiday_list after the release failed";
	int same = again.n == out->n && !memcmp(again.days, out->days, out->n * sizeof *out->days);
	holidays_release(&again);
	holiday_cache_release();
	return same ? NULL : "a list computed after the release differs";
}

Test(holidays, a_thread_frees_its_cache_of_lists)
{
	pthread_t t;
	struct holidays h = {0};
	void *failed = NULL;
	cr_assert_eq(pthread_create(&t, NULL, lists_on_a_thread, &h), 0);
	cr_assert_eq(pthread_join(t, &failed), 0);
	cr_assert_null(failed, "%s", (const char *)failed);
	cr_expect_gt(h.n, 10);
	holidays_release(&h);
}
