/* test_i18n.c - language tags and Accept-Language (RFC 9110 section
 * 12.5.4): which of the app's languages a browser gets. */
#include <criterion/criterion.h>
#include <string.h>

#include "web/i18n.h"

static int tag(const char *s)
{
	return i18n_from_tag(s, strlen(s));
}

static int accept(const char *s)
{
	return i18n_accept(s, strlen(s));
}

Test(i18n, tags_name_english_and_simplified_chinese)
{
	cr_expect_eq(tag("en"), I18N_EN);
	cr_expect_eq(tag("en-GB"), I18N_EN);
	cr_expect_eq(tag("EN-us"), I18N_EN);
	cr_expect_eq(tag("zh"), I18N_ZH_CN);
	cr_expect_eq(tag("zh-CN"), I18N_ZH_CN);
	cr_expect_eq(tag("zh-cn"), I18N_ZH_CN);
	cr_expect_eq(tag("zh-SG"), I18N_ZH_CN);
	cr_expect_eq(tag("zh-Hans"), I18N_ZH_CN);
	cr_expect_eq(tag("zh-Hans-CN"), I18N_ZH_CN);
}

Test(i18n, traditional_chinese_and_other_tags_are_none_of_ours)
{
	cr_expect_eq(tag("zh-TW"), -1);
	cr_expect_eq(tag("zh-HK"), -1);
	cr_expect_eq(tag("zh-Hant"), -1);
	cr_expect_eq(tag("zh-Hant-CN"), -1);
	cr_expect_eq(tag("fr"), -1);
	cr_expect_eq(tag("eng"), -1, "a prefix must end at a hyphen");
	cr_expect_eq(tag("zhx"), -1);
	cr_expect_eq(tag(""), -1);
	cr_expect_eq(tag("*"), -1);
}

Test(i18n, every_language_has_a_tag_a_locale_and_its_own_name)
{
	for (int i = 0; i < I18N_COUNT; i++) {
		cr_expect_eq(tag(i18n_langs[i].tag), i, "%s reads back", i18n_langs[i].tag);
		cr_expect_not_null(i18n_langs[i].locale);
		cr_expect_not_null(i18n_langs[i].icu);
		cr_expect_gt(strlen(i18n_langs[i].name), 0);
	}
	cr_expect_null(i18n_langs[I18N_EN].catalog, "English is the source: no catalog");
	cr_expect_str_eq(i18n_langs[I18N_ZH_CN].catalog, "zh_CN");
}

Test(i18n, accept_language_takes_the_highest_q_among_ours)
{
	cr_expect_eq(accept("zh-CN,zh;q=0.9,en;q=0.8"), I18N_ZH_CN);
	cr_expect_eq(accept("en-GB,en;q=0.9,zh-CN;q=0.8"), I18N_EN);
	cr_expect_eq(accept("fr-FR, en;q=0.5, zh;q=0.7"), I18N_ZH_CN);
	cr_expect_eq(accept("fr-FR, zh;q=0.4, en;q=0.5"), I18N_EN);
	cr_expect_eq(accept("de;q=1, zh-TW;q=0.9, zh-CN;q=0.2"), I18N_ZH_CN);
	cr_expect_eq(accept("zh-CN;q=0.500, en;q=0.5"), I18N_ZH_CN, "a tie goes to the first listed");
	cr_expect_eq(accept("en;q=0.5, zh-CN;q=0.5"), I18N_EN);
	cr_expect_eq(accept("zh-CN ; q=0.8 , en ; q=0.7"), I18N_ZH_CN, "spaces around ; and =");
	cr_expect_eq(accept("zh-CN;Q=1"), I18N_ZH_CN);
}

Test(i18n, q_zero_refuses_and_nothing_of_ours_is_minus_one)
{
	cr_expect_eq(accept("zh-CN;q=0, en;q=0.1"), I18N_EN);
	cr_expect_eq(accept("zh-CN;q=0"), -1);
	cr_expect_eq(accept("zh-CN;q=0.000"), -1);
	cr_expect_eq(accept("fr, de"), -1);
	cr_expect_eq(accept("*"), -1);
	cr_expect_eq(accept(""), -1);
	cr_expect_eq(accept(",,;;"), -1);
}

Test(i18n, a_malformed_q_value_counts_for_nothing)
{
	cr_expect_eq(accept("zh-CN;q=2, en;q=0.1"), I18N_EN);
	cr_expect_eq(accept("zh-CN;q=0.1234, en;q=0.1"), I18N_EN, "at most three decimals");
	cr_expect_eq(accept("zh-CN;q=abc, en;q=0.1"), I18N_EN);
	cr_expect_eq(accept("zh-CN;q=, en;q=0.1"), I18N_EN);
	cr_expect_eq(accept("zh-CN;q=1.001, en;q=0.1"), I18N_EN);
	cr_expect_eq(accept("zh-CN;q=1.000, en;q=0.999"), I18N_ZH_CN);
}

Test(i18n, the_length_given_is_respected)
{
	const char *h = "en;q=0.1, zh-CN";
	cr_expect_eq(i18n_accept(h, 8), I18N_EN);
	cr_expect_eq(i18n_accept(h, strlen(h)), I18N_ZH_CN);
}

Test(i18n, a_translated_format_is_printed_with_its_arguments)
{
	char out[64];
	cr_expect_eq(i18n_snprintf(out, sizeof out, "Try again in %ld minutes.", 15L), 24);
	cr_expect_str_eq(out, "Try again in 15 minutes.");
	i18n_snprintf(out, 8, "%s", "truncated text");
	cr_expect_str_eq(out, "truncat");
}
