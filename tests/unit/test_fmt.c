/* test_fmt.c - dates, numbers and country names as each language writes
 * them (ICU), with local times worked out from the system zoneinfo, never
 * ICU's. Expected strings from CLDR's medium date formats. */
#include <criterion/criterion.h>
#include <string.h>

#include "calendar/zone.h"
#include "web/fmt.h"

static struct fmt f;

static void setup(void)
{
	fmt_init(&f);
}

static void teardown(void)
{
	fmt_release(&f);
}

TestSuite(fmt, .init = setup, .fini = teardown);

Test(fmt, a_calendar_date_in_english_and_chinese)
{
	char out[64];
	cr_expect_str_eq(fmt_date(&f, I18N_EN, 2026, 11, 25, out, sizeof out), "Nov 25, 2026");
	cr_expect_str_eq(fmt_date(&f, I18N_ZH_CN, 2026, 11, 25, out, sizeof out), "2026年11月25日");
	cr_expect_str_eq(fmt_date(&f, I18N_EN, 2024, 2, 29, out, sizeof out), "Feb 29, 2024");
	cr_expect_str_eq(fmt_date(&f, I18N_ZH_CN, 1970, 1, 1, out, sizeof out), "1970年1月1日");
}

Test(fmt, an_instant_is_shown_on_the_local_day_of_its_zone)
{
	struct zone *sh, *la;
	struct err e;
	cr_assert_eq(zone_load("Asia/Shanghai", &sh, &e), 0, "%s", e.msg);
	cr_assert_eq(zone_load("America/Los_Angeles", &la, &e), 0, "%s", e.msg);
	char out[64];
	int64_t t = 1795629600; /* 2026-11-25T18:00:00Z (date -u -d 2026-11-25T18:00:00Z +%s) */
	cr_expect_str_eq(fmt_day_of(&f, I18N_ZH_CN, t, sh, out, sizeof out), "2026年11月26日", "02:00 the next day in Shanghai");
	cr_expect_str_eq(fmt_day_of(&f, I18N_EN, t, la, out, sizeof out), "Nov 25, 2026");
	cr_expect_str_eq(fmt_datetime(&f, I18N_ZH_CN, t, sh, out, sizeof out), "2026年11月26日 02:00");
	/* ICU's short English time has a narrow no-break space before PM */
	cr_expect_str_eq(fmt_datetime(&f, I18N_EN, t, la, out, sizeof out), "Nov 25, 2026, 10:00\xE2\x80\xAF" "AM");
	/* 2026-07-01T12:00Z: in summer Los Angeles is 7 hours behind (PDT) */
	cr_expect_str_eq(fmt_datetime(&f, I18N_EN, 1782907200, la, out, sizeof out), "Jul 1, 2026, 5:00\xE2\x80\xAF" "AM");
	zone_free(sh);
	zone_free(la);
}

Test(fmt, numbers_with_the_languages_grouping)
{
	char out[64];
	cr_expect_str_eq(fmt_int(&f, I18N_EN, 1234567, out, sizeof out), "1,234,567");
	cr_expect_str_eq(fmt_int(&f, I18N_ZH_CN, 1234567, out, sizeof out), "1,234,567");
	cr_expect_str_eq(fmt_int(&f, I18N_EN, -42, out, sizeof out), "-42");
	cr_expect_str_eq(fmt_decimal(&f, I18N_EN, 0.8234, 2, out, sizeof out), "0.82");
	cr_expect_str_eq(fmt_decimal(&f, I18N_EN, 12400.5, 1, out, sizeof out), "12,400.5");
	cr_expect_str_eq(fmt_decimal(&f, I18N_EN, 3, 2, out, sizeof out), "3.00");
	cr_expect_str_eq(fmt_decimal(&f, I18N_EN, 3, 0, out, sizeof out), "3");
}

Test(fmt, country_names_from_their_codes)
{
	char out[64];
	cr_expect_str_eq(fmt_country(&f, I18N_EN, "CN", out, sizeof out), "China");
	cr_expect_str_eq(fmt_country(&f, I18N_ZH_CN, "CN", out, sizeof out), "中国");
	cr_expect_str_eq(fmt_country(&f, I18N_EN, "BD", out, sizeof out), "Bangladesh");
	cr_expect_str_eq(fmt_country(&f, I18N_ZH_CN, "VN", out, sizeof out), "越南");
	cr_expect_str_eq(fmt_country(&f, I18N_EN, "GB", out, sizeof out), "United Kingdom");
	cr_expect_str_eq(fmt_country(&f, I18N_EN, "QQ", out, sizeof out), "QQ", "unknown: the code itself");
	cr_expect_str_eq(fmt_country(&f, I18N_EN, "", out, sizeof out), "");
}

Test(fmt, a_buffer_too_small_gets_a_terminated_fallback)
{
	char out[6];
	fmt_date(&f, I18N_EN, 2026, 11, 25, out, sizeof out);
	cr_expect_eq(strlen(out), 5, "cut short, terminated: \"%s\"", out);
	char n[3];
	fmt_int(&f, I18N_EN, 1234567, n, sizeof n);
	cr_expect_eq(strlen(n), 2);
}
