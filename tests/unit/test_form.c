/* test_form.c - URL-encoded forms: pairs, percent-decoding, '+', repeated
 * names, empty pairs, the size limits and the refusal of what is not
 * UTF-8 text. Expected values worked out by hand from the HTML standard's
 * application/x-www-form-urlencoded parser. */
#include <criterion/criterion.h>
#include <string.h>

#include "web/form.h"

static h2o_mem_pool_t pool;

static void setup(void)
{
	h2o_mem_init_pool(&pool);
}

static void teardown(void)
{
	h2o_mem_clear_pool(&pool);
}

TestSuite(form, .init = setup, .fini = teardown);

static struct form parse_ok(const char *s)
{
	struct form f;
	struct err e = {0};
	cr_assert_eq(form_parse(&f, &pool, s, strlen(s), NULL, &e), 0, "%s: %s", s, e.msg);
	return f;
}

Test(form, pairs_in_order_with_plus_and_percent_decoded)
{
	struct form f = parse_ok("email=maya%40lindenrowe.example&note=Lab+dips+OK%21&x=a%2Bb");
	cr_assert_eq(f.n, 3);
	cr_expect_str_eq(f.f[0].name, "email");
	cr_expect_str_eq(f.f[0].value, "maya@lindenrowe.example");
	cr_expect_str_eq(f.f[1].value, "Lab dips OK!");
	cr_expect_str_eq(f.f[2].value, "a+b", "%%2B is a plus, + is a space");
	cr_expect_eq(f.f[1].value_len, 12);
	cr_expect_str_eq(form_get(&f, "note"), "Lab dips OK!");
	cr_expect_null(form_get(&f, "missing"));
}

Test(form, utf8_in_percent_escapes_and_raw)
{
	/* 你好 as escapes (either case of hex digits) and as raw bytes */
	struct form f = parse_ok("a=%E4%BD%A0%e5%a5%bd&b=\xE4\xBD\xA0\xE5\xA5\xBD&%E5%90%8D=v");
	cr_expect_str_eq(form_get(&f, "a"), "\xE4\xBD\xA0\xE5\xA5\xBD");
	cr_expect_str_eq(form_get(&f, "b"), "\xE4\xBD\xA0\xE5\xA5\xBD");
	cr_expect_str_eq(form_get(&f, "\xE5\x90\x8D"), "v", "a name is decoded too");
}

Test(form, repeated_names_keep_every_value)
{
	struct form f = parse_ok("met=3&met=4&x=1&met=9");
	cr_expect_eq(form_count(&f, "met"), 3);
	cr_expect_str_eq(form_get_nth(&f, "met", 0), "3");
	cr_expect_str_eq(form_get_nth(&f, "met", 1), "4");
	cr_expect_str_eq(form_get_nth(&f, "met", 2), "9");
	cr_expect_null(form_get_nth(&f, "met", 3));
	cr_expect_str_eq(form_get(&f, "met"), "3", "form_get gives the first");
	cr_expect_eq(form_count(&f, "none"), 0);
}

Test(form, empty_pairs_are_skipped_and_a_missing_equals_gives_an_empty_value)
{
	struct form f = parse_ok("&&a=1&&flag&=v&b=");
	cr_assert_eq(f.n, 4);
	cr_expect_str_eq(f.f[0].name, "a");
	cr_expect_str_eq(f.f[1].name, "flag");
	cr_expect_str_eq(f.f[1].value, "");
	cr_expect_str_eq(f.f[2].name, "", "\"=v\" has an empty name");
	cr_expect_str_eq(f.f[2].value, "v");
	cr_expect_str_eq(f.f[3].name, "b");
	cr_expect_str_eq(f.f[3].value, "");
	cr_expect_eq(parse_ok("").n, 0);
	cr_expect_eq(parse_ok("&").n, 0);
}

Test(form, only_the_first_equals_splits)
{
	struct form f = parse_ok("q=a=b%3Dc");
	cr_expect_str_eq(form_get(&f, "q"), "a=b=c");
}

Test(form, a_percent_without_two_hex_digits_stays_as_it_is)
{
	struct form f = parse_ok("a=100%&b=%zz&c=%4&d=%%41&e=%");
	cr_expect_str_eq(form_get(&f, "a"), "100%");
	cr_expect_str_eq(form_get(&f, "b"), "%zz");
	cr_expect_str_eq(form_get(&f, "c"), "%4");
	cr_expect_str_eq(form_get(&f, "d"), "%A");
	cr_expect_str_eq(form_get(&f, "e"), "%");
}

Test(form, the_length_given_is_respected_without_a_nul)
{
	const char s[] = "a=1&b=2XXXX";
	struct form f;
	struct err e;
	cr_assert_eq(form_parse(&f, &pool, s, 7, NULL, &e), 0);
	cr_expect_eq(f.n, 2);
	cr_expect_str_eq(form_get(&f, "b"), "2");
}

static void refused(const char *s, size_t len, int big, const char *msg)
{
	struct form f = {.n = 99};
	struct err e = {0};
	int too_big = -1;
	cr_expect_eq(form_parse(&f, &pool, s, len, &too_big, &e), -1, "%.40s accepted", s);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_eq(too_big, big);
	cr_expect_eq(f.n, 0, "the form is empty after a refusal");
	cr_expect_str_eq(e.msg, msg);
}

Test(form, invalid_utf8_and_nul_are_refused_naming_the_field)
{
	refused("note=%C3%28", 11, 0, "form: note: not UTF-8 text");
	refused("note=%ED%A0%80", 14, 0, "form: note: not UTF-8 text"); /* a surrogate */
	refused("note=%C0%AF", 11, 0, "form: note: not UTF-8 text");    /* an overlong '/' */
	refused("note=\xff", 6, 0, "form: note: not UTF-8 text");
	refused("note=a%00b", 10, 0, "form: note: not UTF-8 text");
	refused("n%FFme=1", 8, 0, "form: a field's name is not UTF-8 text");
	refused("a=1&x%00=2", 10, 0, "form: a field's name is not UTF-8 text");
}

Test(form, too_long_or_too_many_fields_is_refused_as_too_big)
{
	size_t n = FORM_MAX_BYTES + 1;
	char *big = malloc(n);
	memset(big, 'a', n);
	big[0] = 'x';
	big[1] = '=';
	refused(big, n, 1, "form: more than 256 KiB");
	/* exactly the limit is fine */
	struct form f;
	struct err e;
	cr_expect_eq(form_parse(&f, &pool, big, FORM_MAX_BYTES, NULL, &e), 0);
	cr_expect_eq(strlen(form_get(&f, "x")), FORM_MAX_BYTES - 2);
	free(big);

	char many[FORM_MAX_FIELDS * 4 + 8];
	size_t k = 0;
	for (int i = 0; i < FORM_MAX_FIELDS; i++)
		k += (size_t)sprintf(many + k, "%sa=1", i ? "&" : "");
	cr_expect_eq(form_parse(&f, &pool, many, k, NULL, &e), 0, "%d fields are allowed", FORM_MAX_FIELDS);
	cr_expect_eq(f.n, FORM_MAX_FIELDS);
	k += (size_t)sprintf(many + k, "&");
	refused(many, k, 1, "form: more than 512 fields");
}
