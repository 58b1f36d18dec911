/* test_util.c - the small utilities: buffers and hex, ISO 3166 lookups
 * from iso-codes, display widths for tables. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/iso.h"
#include "util/table.h"
#include "util/utf8.h"

Test(util, buffers_grow_and_hex_round_trips)
{
	struct buf b = BUF_INIT;
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%03d", i);
	cr_expect_eq(b.len, 3000);
	cr_expect(!strncmp(b.data + 2997, "999", 3));
	buf_reset(&b);
	const unsigned char raw[] = {0x00, 0x9f, 0xff, 0x10};
	buf_addhex(&b, raw, 4);
	cr_expect_str_eq(b.data, "009fff10");
	unsigned char back[4];
	cr_expect_eq(hex_decode("009FFF10", back, 4), 0);
	cr_expect(!memcmp(back, raw, 4));
	cr_expect_eq(hex_decode("009fff1", back, 4), -1);
	cr_expect_eq(hex_decode("009fff1g", back, 4), -1);
	char *s = buf_detach(&b);
	cr_expect_str_eq(s, "009fff10");
	free(s);
}

Test(util, countries_come_from_iso_codes)
{
	char name[64];
	struct err e = {0};
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "CN", name, sizeof name, &e), 1);
	cr_expect_str_eq(name, "China");
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "VN", name, sizeof name, &e), 1);
	cr_expect_str_eq(name, "Viet Nam");
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "BD", name, sizeof name, &e), 1);
	cr_expect_str_eq(name, "Bangladesh");
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "XX", name, sizeof name, &e), 0);
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "cn", name, sizeof name, &e), 0);
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "CHN", name, sizeof name, &e), 0);
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "YU", name, sizeof name, &e), 0, "withdrawn codes are not assigned");
}

Test(util, a_missing_iso_codes_table_is_an_io_error)
{
	setenv("RAPPORT_ISO3166", "/nonexistent/iso_3166-1.json", 1);
	struct err e = {0};
	cr_expect_eq(iso_lookup(ISO_COUNTRY, "CN", NULL, 0, &e), -1);
	cr_expect_eq(e.code, ERR_IO);
	unsetenv("RAPPORT_ISO3166");
}

Test(util, table_widths_count_display_columns)
{
	setlocale(LC_CTYPE, "C.UTF-8");
	cr_expect_eq(table_width("Dongguan"), 8);
	cr_expect_eq(table_width("东莞长青针织"), 12);
	cr_expect_eq(table_width("Tết"), 3);
	cr_expect_eq(table_width(""), 0);
}

/* Cases from Markus Kuhn's UTF-8 decoder stress test and RFC 3629. */
Test(util, utf8_validation_follows_rfc3629)
{
	static const struct {
		const char *s;
		int ok;
	} cases[] = {
		{"plain ASCII", 1},
		{"\xE4\xB8\x9C\xE8\x8E\x9E", 1},      /* 东莞 */
		{"T\xE1\xBA\xBFt", 1},               /* Tết */
		{"\xF0\x9F\x98\x82", 1},              /* U+1F602 */
		{"\xF4\x8F\xBF\xBF", 1},              /* U+10FFFF, the last code point */
		{"\xEF\xBF\xBD", 1},                  /* U+FFFD */
		{"caf\xE9", 0},                       /* Latin-1, not UTF-8 */
		{"\xC0\xAF", 0},                      /* overlong "/" */
		{"\xE0\x80\xAF", 0},                  /* overlong "/" in three bytes */
		{"\xF0\x80\x80\xAF", 0},              /* overlong "/" in four bytes */
		{"\xED\xA0\x80", 0},                  /* U+D800, a surrogate */
		{"\xF4\x90\x80\x80", 0},              /* U+110000 */
		{"\xE4\xB8", 0},                      /* truncated */
		{"\x80", 0},                          /* lone continuation byte */
		{"\xFE", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++)
		cr_expect_eq(utf8_valid(cases[i].s, strlen(cases[i].s)), cases[i].ok, "case %zu", i);
}

Test(util, utf8_valid_prefix_stops_at_the_first_bad_byte)
{
	cr_expect_eq(utf8_valid_prefix("caf\xE9 noir", 9), 3);          /* Latin-1 e-acute */
	cr_expect_eq(utf8_valid_prefix("\xE4\xB8\x9C\xE4\xB8", 5), 3); /* 东 and half a character */
	cr_expect_eq(utf8_valid_prefix("ok\xED\xA0\x80", 5), 2);       /* a surrogate */
	cr_expect_eq(utf8_valid_prefix("T\xE1\xBA\xBFt", 5), 5);       /* all of Tết */
	cr_expect_eq(utf8_valid_prefix("", 0), 0);
}

Test(util, first_lines_are_cut_between_characters)
{
	int cut;
	cr_expect_eq(utf8_line("short\nsecond", 60, &cut), 5);
	cr_expect_eq(cut, 0);
	/* 东 is 3 bytes: 4 of them fit in 12 bytes, not in 11 */
	cr_expect_eq(utf8_line("东莞长青针织", 12, &cut), 12);
	cr_expect_eq(cut, 1);
	cr_expect_eq(utf8_line("东莞长青针织", 11, &cut), 9);
	cr_expect_eq(utf8_line("abc", 3, &cut), 3);
	cr_expect_eq(cut, 0);
	/* Windows line ends, tabs and escapes end the line as \n does */
	cr_expect_eq(utf8_line("Trims\r\nx", 60, &cut), 5);
	cr_expect_eq(cut, 0);
	cr_expect_eq(utf8_line("a\tb", 60, &cut), 1);
	cr_expect_eq(utf8_line("x\x1b[31m", 60, &cut), 1);
	cr_expect_eq(utf8_line("x\x7fy", 60, &cut), 1);
}

Test(util, utf8_seq_gives_the_length_of_one_well_formed_character)
{
	cr_expect_eq(utf8_seq("a", 1), 1);
	cr_expect_eq(utf8_seq("\xC3\xA9", 2), 2);         /* é */
	cr_expect_eq(utf8_seq("\xE4\xB8\xAD!", 4), 3);     /* 中, then more */
	cr_expect_eq(utf8_seq("\xF0\x9F\xA7\xB6", 4), 4); /* 🧶 */
	cr_expect_eq(utf8_seq("", 0), 0);
	cr_expect_eq(utf8_seq("\xE4\xB8", 2), 0);         /* cut short */
	cr_expect_eq(utf8_seq("\xC0\xAF", 2), 0);         /* overlong */
	cr_expect_eq(utf8_seq("\xED\xA0\x80", 3), 0);     /* surrogate */
	cr_expect_eq(utf8_seq("\xF4\x90\x80\x80", 4), 0); /* above U+10FFFF */
	cr_expect_eq(utf8_seq("\xBF", 1), 0);             /* a lone continuation byte */
}

Test(util, long_values_are_quoted_to_a_whole_character)
{
	/* 40 bytes at most: 39 ASCII bytes and a 3-byte 陈 would end at byte 42,
	 * so the quote stops before it */
	char s[128];
	memset(s, 'a', 39);
	strcpy(s + 39, "\xe9\x99\x88tail");
	cr_expect_eq(utf8_quote(s), 39);
	cr_expect_eq(utf8_quote("USD"), 3);
	cr_expect_eq(utf8_quote(""), 0);
	memset(s, 'b', 40);
	s[40] = '\0';
	cr_expect_eq(utf8_quote(s), 40);
	strcpy(s + 37, "\xe9\x99\x88");
	cr_expect_eq(utf8_quote(s), 40); /* 37 + 3 ends on the character's last byte */
}
