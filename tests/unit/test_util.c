/* test_util.c - the small utilities: buffers and hex, ISO 3166 lookups
 * from iso-codes, display widths for tables. */
#include <criterion/criterion.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"
#include "util/country.h"
#include "util/table.h"

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
	cr_expect_eq(country_lookup("CN", name, sizeof name, &e), 1);
	cr_expect_str_eq(name, "China");
	cr_expect_eq(country_lookup("VN", name, sizeof name, &e), 1);
	cr_expect_str_eq(name, "Viet Nam");
	cr_expect_eq(country_lookup("BD", name, sizeof name, &e), 1);
	cr_expect_str_eq(name, "Bangladesh");
	cr_expect_eq(country_lookup("XX", name, sizeof name, &e), 0);
	cr_expect_eq(country_lookup("cn", name, sizeof name, &e), 0);
	cr_expect_eq(country_lookup("CHN", name, sizeof name, &e), 0);
	cr_expect_eq(country_lookup("YU", name, sizeof name, &e), 0, "withdrawn codes are not assigned");
}

Test(util, a_missing_iso_codes_table_is_an_io_error)
{
	setenv("RAPPORT_ISO3166", "/nonexistent/iso_3166-1.json", 1);
	struct err e = {0};
	cr_expect_eq(country_lookup("CN", NULL, 0, &e), -1);
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
