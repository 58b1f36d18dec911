/* test_time.c - ISO-8601 parsing against instants computed with GNU date,
 * and zone names checked against the system zoneinfo. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "util/time.h"

static int64_t parse(const char *s, const char *zone)
{
	int64_t t = -1;
	struct err e = {0};
	cr_assert(time_parse(s, zone, "--at", &t, &e) == 0, "%s: %s", s, e.msg);
	return t;
}

static const char *bad(const char *s)
{
	static struct err e;
	int64_t t;
	cr_assert_eq(time_parse(s, "UTC", "--at", &t, &e), -1, "%s was accepted", s);
	cr_assert_eq(e.code, ERR_INPUT);
	return e.msg;
}

Test(time, utc_and_offsets)
{
	cr_expect_eq(parse("2026-11-25T03:37:21Z", "Asia/Shanghai"), 1795577841);
	cr_expect_eq(parse("2026-11-25 03:37:21z", "Asia/Shanghai"), 1795577841);
	cr_expect_eq(parse("2026-11-25T11:37:21+08:00", "UTC"), 1795577841);
	cr_expect_eq(parse("2026-11-25T09:07:21+0530", "UTC"), 1795577841);
	cr_expect_eq(parse("2026-11-25T00:07:21-03:30", "UTC"), 1795577841);
	cr_expect_eq(parse("@1795577841", "UTC"), 1795577841);
	cr_expect_eq(parse("2024-02-29T00:00Z", "UTC"), 1709164800);
	/* RFC 3339's fraction of a second: the second it falls in */
	cr_expect_eq(parse("2026-11-25T03:37:21.000Z", "Asia/Shanghai"), 1795577841);
	cr_expect_eq(parse("2026-11-25T11:37:21.999999+08:00", "UTC"), 1795577841);
	cr_expect_eq(parse("2026-11-25T11:37:21.5", "Asia/Shanghai"), 1795577841);
}

Test(time, local_times_use_the_zone_and_its_daylight_saving)
{
	/* London is on BST (+1) in July, Shanghai +8 all year */
	cr_expect_eq(parse("2026-07-01T09:00", "Europe/London"), 1782892800);
	cr_expect_eq(parse("2026-01-15", "Asia/Shanghai"), 1768406400);
	/* Mexico City dropped DST in 2022: July 2023 is UTC-6, not -5 */
	cr_expect_eq(parse("2023-07-01T12:00", "America/Mexico_City"), 1688234400);
	/* the last second before and the first after London's 2026 change */
	cr_expect_eq(parse("2026-03-29T00:59:59", "Europe/London"), 1774745999);
	cr_expect_eq(parse("2026-03-29T02:00:00", "Europe/London"), 1774746000);
}

Test(time, local_times_skipped_or_repeated_read_as_the_web_reads_them)
{
	/* the times of test_zone.c's zone_from_local test, through the C
	 * library: 2026-03-08 02:30 never happened in New York (EST: 07:30Z);
	 * 2026-11-01 01:30 happened twice (the first, EDT: 05:30Z) */
	cr_expect_eq(parse("2026-03-08T02:30", "America/New_York"), 1772955000);
	cr_expect_eq(parse("2026-11-01T01:30", "America/New_York"), 1793511000);
	/* London's 2026-10-25 01:30 twice: BST first, 00:30Z (GNU date: 1792888200) */
	cr_expect_eq(parse("2026-10-25T01:30", "Europe/London"), 1792888200);
	/* Moscow moved from +03 to +04 at 02:00 on 2011-03-27 without a
	 * daylight-saving flag: 02:30 never happened, read with +03, 23:30Z
	 * the day before (GNU date: 1301182200); an hour later, +04 */
	cr_expect_eq(parse("2011-03-27T02:30", "Europe/Moscow"), 1301182200);
	cr_expect_eq(parse("2011-03-27T03:30", "Europe/Moscow"), 1301182200);
	/* and on 2014-10-26 from +04 to +03 at 02:00: 01:30 twice, the first
	 * with +04, 21:30Z the day before (date -d 2014-10-25T21:30Z: GNU
	 * date itself reads the local time as the second, 22:30Z) */
	cr_expect_eq(parse("2014-10-26T01:30", "Europe/Moscow"), 1414272600);
}

Test(time, malformed_and_impossible_times_name_the_field)
{
	cr_expect_str_eq(bad("2026-02-29"), "--at: no such date: \"2026-02-29\"");
	cr_expect_str_eq(bad("2026-13-01"), "--at: no such date: \"2026-13-01\"");
	cr_expect_str_eq(bad("2026-04-31T10:00Z"), "--at: no such date: \"2026-04-31T10:00Z\"");
	cr_expect_str_eq(bad("2026-01-01T24:00"), "--at: no such time of day: \"2026-01-01T24:00\"");
	cr_expect_str_eq(bad("1969-12-31T23:59:59Z"), "--at: before 1970: \"1969-12-31T23:59:59Z\"");
	/* 00:30 on 1 January 1970 at UTC+1 is 23:30Z the day before */
	cr_expect_str_eq(bad("1970-01-01T00:30+01:00"), "--at: before 1970: \"1970-01-01T00:30+01:00\"");
	const char *malformed[] = {"yesterday", "26-1-1", "2026-1-01", "2026-01-01T9:00", "2026-01-01T10:00+1",
	                           "2026-01-01T10:00 UTC", "2026-01-01T10:00Zulu", "",
	                           /* a fraction only after whole seconds, with a digit */
	                           "2026-01-01T10:00.5Z", "2026-01-01T10:00:00.Z", "2026-01-01T10:00:00.5.5Z"};
	for (size_t i = 0; i < sizeof malformed / sizeof *malformed; i++) {
		char want[160];
		snprintf(want, sizeof want, "--at: not an ISO-8601 time: \"%s\" (want YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])",
		         malformed[i]);
		cr_expect_str_eq(bad(malformed[i]), want);
	}
	cr_expect_str_eq(bad("@-5"), "--at: not a time: \"@-5\"");
}

Test(time, dates_parse_strictly)
{
	int y, m, d;
	struct err e = {0};
	cr_expect_eq(time_parse_date("2028-02-29", "--due", &y, &m, &d, &e), 0);
	cr_expect(y == 2028 && m == 2 && d == 29);
	cr_expect_eq(time_parse_date("2028-02-29T00:00", "--due", &y, &m, &d, &e), -1);
	cr_expect_str_eq(e.msg, "--due: not a date: \"2028-02-29T00:00\" (want YYYY-MM-DD)");
	cr_expect_eq(time_parse_date("2027-02-29", "--due", &y, &m, &d, &e), -1);
	cr_expect_str_eq(e.msg, "--due: no such date: \"2027-02-29\"");
	cr_expect_eq(time_parse_date("1969-12-31", "--due", &y, &m, &d, &e), -1);
	cr_expect_str_eq(e.msg, "--due: before 1970: \"1969-12-31\"");
	cr_expect_eq(time_parse_date("1970-01-01", "--due", &y, &m, &d, &e), 0);
}

Test(time, zones_come_from_the_system_zoneinfo)
{
	cr_expect(time_zone_valid("Asia/Shanghai"));
	cr_expect(time_zone_valid("Asia/Ho_Chi_Minh"));
	cr_expect(time_zone_valid("America/Argentina/Buenos_Aires"));
	cr_expect(time_zone_valid("UTC"));
	cr_expect(time_zone_valid("Etc/GMT+7"));
	cr_expect(!time_zone_valid("Mars/Olympus"));
	cr_expect(!time_zone_valid("../../etc/passwd"));
	cr_expect(!time_zone_valid("/usr/share/zoneinfo/UTC"));
	cr_expect(!time_zone_valid("Asia"), "a directory is not a zone");
	cr_expect(!time_zone_valid("zone.tab"), "a table is not a TZif file");
	cr_expect(!time_zone_valid("posixrules"));
	cr_expect(!time_zone_valid(""));
}

Test(time, formatting)
{
	char utc[21], local[32];
	time_format_utc(1795577841, utc);
	cr_expect_str_eq(utc, "2026-11-25T03:37:21Z");
	time_format_local(1795577841, "Asia/Shanghai", local);
	cr_expect_str_eq(local, "2026-11-25 11:37 +0800");
	time_format_local(1795577841, "Asia/Kathmandu", local);
	cr_expect_str_eq(local, "2026-11-25 09:22 +0545");
}
