/* test_zone.c - calendar/zone.c against zdump (glibc's own reader of the
 * same files) at every transition 1970-2037, and hand-worked instants for
 * the footer rules beyond the last transition. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/zone.h"

static struct zone *load(const char *name)
{
	struct zone *z;
	struct err e = {0};
	cr_assert(zone_load(name, &z, &e) == 0, "%s", e.msg);
	return z;
}

/* "Sun Mar 12 06:59:59 2023" -> seconds as if UTC */
static int64_t stamp(const char *s)
{
	struct tm tm = {0};
	cr_assert(strptime(s, "%a %b %d %H:%M:%S %Y", &tm) != NULL, "cannot read \"%s\"", s);
	return (int64_t)timegm(&tm);
}

/* Compares zone_at with every line of zdump -v for 1970..2037. */
static void against_zdump(const char *name)
{
	struct zone *z = load(name);
	char cmd[160], line[256];
	snprintf(cmd, sizeof cmd, "zdump -v -c 1970,2038 %s", name);
	FILE *f = popen(cmd, "r");
	cr_assert(f != NULL);
	int checked = 0;
	while (fgets(line, sizeof line, f)) {
		char *ut = line + strlen(name), *eq = strstr(line, " UT = ");
		if (!eq)
			continue; /* the NULL lines at the ends */
		while (*ut == ' ')
			ut++;
		*eq = '\0';
		char *loc = eq + 6, abbr[16];
		int isdst, gmtoff;
		char *tail = loc + 24; /* "Sun Mar 12 01:59:59 2023" */
		cr_assert(sscanf(tail, " %15s isdst=%d gmtoff=%d", abbr, &isdst, &gmtoff) == 3, "%s", tail);
		*tail = '\0';
		int64_t t = stamp(ut);
		struct zone_local l;
		zone_at(z, t, &l);
		cr_expect_eq(l.utoff, gmtoff, "%s at %s UT: offset %d, zdump %d", name, ut, l.utoff, gmtoff);
		cr_expect_eq(l.isdst, isdst, "%s at %s UT", name, ut);
		cr_expect_str_eq(l.abbr, abbr, "%s at %s UT", name, ut);
		cr_expect_eq(t + l.utoff, stamp(loc), "%s at %s UT: local time", name, ut);
		checked++;
	}
	pclose(f);
	zone_free(z);
	cr_expect_gt(checked, 0, "zdump said nothing about %s", name);
}

Test(zone, every_transition_matches_zdump_1970_2037)
{
	static const char *const zones[] = {"America/New_York", "Europe/London",   "Europe/Berlin",  "America/Mexico_City",
	                                    "Asia/Shanghai",    "Asia/Dhaka",      "Asia/Ho_Chi_Minh", "Australia/Lord_Howe",
	                                    "Asia/Kathmandu",   "America/Sao_Paulo", "Europe/Istanbul", "Asia/Karachi"};
	for (size_t i = 0; i < sizeof zones / sizeof *zones; i++)
		against_zdump(zones[i]);
}

Test(zone, the_footer_rule_holds_after_the_last_transition)
{
	struct zone *z = load("America/New_York");
	char s[40];
	/* EST5EDT,M3.2.0,M11.1.0: DST from the second Sunday of March to the first of November */
	zone_format(z, 2225016000 /* 2040-07-04T12:00:00Z */, s);
	cr_expect_str_eq(s, "2040-07-04T08:00:00-04:00");
	zone_format(z, 4102444800 /* 2100-01-01T00:00:00Z */, s);
	cr_expect_str_eq(s, "2099-12-31T19:00:00-05:00");
	/* 2050: March 13 is the second Sunday; 02:00 EST = 07:00Z */
	struct zone_local l;
	zone_at(z, 2530767599 /* 2050-03-13T06:59:59Z */, &l);
	cr_expect_eq(l.utoff, -18000);
	zone_at(z, 2530767600 /* 2050-03-13T07:00:00Z */, &l);
	cr_expect_eq(l.utoff, -14400);
	cr_expect_str_eq(l.abbr, "EDT");
	zone_free(z);
	/* Sydney, south of the equator: summer time across the new year */
	z = load("Australia/Sydney");
	zone_format(z, 2240611200 /* 2041-01-01T00:00:00Z */, s);
	cr_expect_str_eq(s, "2041-01-01T11:00:00+11:00");
	zone_format(z, 2256076800 /* 2041-06-29T00:00:00Z */, s);
	cr_expect_str_eq(s, "2041-06-29T10:00:00+10:00");
	zone_free(z);
}

Test(zone, zones_without_daylight_saving)
{
	struct zone *z = load("America/Mexico_City");
	char s[40];
	/* no DST since October 2022 */
	zone_format(z, 1719835200 /* 2024-07-01T12:00:00Z */, s);
	cr_expect_str_eq(s, "2024-07-01T06:00:00-06:00");
	zone_free(z);
	z = load("Asia/Kathmandu");
	zone_format(z, 1795577841 /* 2026-11-25T03:37:21Z */, s);
	cr_expect_str_eq(s, "2026-11-25T09:22:21+05:45");
	zone_free(z);
}

Test(zone, local_times_skipped_or_repeated_by_a_change)
{
	struct zone *z = load("America/New_York");
	/* 2026-03-08 02:30 never happened: read with EST, it is 07:30Z (03:30 EDT) */
	cr_expect_eq(zone_from_local(z, 2026, 3, 8, 9000), 1772955000);
	/* 2026-11-01 01:30 happened twice: the first is EDT, 05:30Z */
	cr_expect_eq(zone_from_local(z, 2026, 11, 1, 5400), 1793511000);
	/* an ordinary time */
	cr_expect_eq(zone_from_local(z, 2026, 7, 1, 9 * 3600), 1782910800);
	zone_free(z);
	/* changes of standard offset, as test_time.c reads them through the C
	 * library: Moscow's 2011-03-27 02:30 never happened (+03: 23:30Z the
	 * day before), its 2014-10-26 01:30 twice (the first, +04: 21:30Z) */
	z = load("Europe/Moscow");
	cr_expect_eq(zone_from_local(z, 2011, 3, 27, 9000), 1301182200);
	cr_expect_eq(zone_from_local(z, 2014, 10, 26, 5400), 1414272600);
	zone_free(z);
}

Test(zone, bad_names_are_refused)
{
	struct zone *z;
	struct err e = {0};
	cr_expect_eq(zone_load("Mars/Olympus", &z, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_eq(zone_load("../../etc/passwd", &z, &e), -1);
}

/* A zone loaded again comes from the process's cache: a copy of its own,
 * answering as the first did, and usable after the first is freed. */
Test(zone, a_second_load_is_an_independent_copy)
{
	struct err e = {0};
	struct zone *a, *b;
	cr_assert(zone_load("Europe/London", &a, &e) == 0, "%s", e.msg);
	cr_assert(zone_load("Europe/London", &b, &e) == 0, "%s", e.msg);
	cr_assert_neq(a, b);
	int64_t t[] = {0, 1711846800 - 1, 1711846800, 1729990800, 4102444800LL}; /* around BST 2024, and 2100 */
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++) {
		struct zone_local la, lb;
		zone_at(a, t[i], &la);
		zone_at(b, t[i], &lb);
		cr_assert_eq(la.utoff, lb.utoff, "at %lld", (long long)t[i]);
		cr_assert_str_eq(la.abbr, lb.abbr);
	}
	zone_free(a);
	struct zone_local l;
	zone_at(b, 1711846800, &l); /* 2024-03-31T01:00Z: BST begins */
	cr_assert_eq(l.utoff, 3600);
	cr_assert_str_eq(l.abbr, "BST");
	zone_free(b);
	/* a name that is no zone is refused every time, never kept */
	for (int i = 0; i < 2; i++) {
		cr_assert_eq(zone_load("Europe/Nowhere", &a, &e), -1);
		cr_assert_null(a);
	}
}
