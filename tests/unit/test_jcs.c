/* test_jcs.c - RFC 8785 canonical JSON against the published vectors
 * (tests/vectors/jcs, cyberphone/json-canonicalization). */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/jcs.h"

static void check_vector(const char *name)
{
	char in[64], out[64];
	snprintf(in, sizeof in, "jcs/input/%s.json", name);
	snprintf(out, sizeof out, "jcs/output/%s.json", name);
	size_t ilen, olen;
	char *src = tu_vector(in, &ilen), *want = tu_vector(out, &olen);
	json_error_t je;
	json_t *v = json_loadb(src, ilen, JSON_DECODE_ANY, &je);
	cr_assert(v != NULL, "%s: %s", name, je.text);
	char *got = jcs_dump(v);
	cr_expect_eq(strlen(got), olen, "%s: length %zu, want %zu\n got: %s\nwant: %s", name, strlen(got), olen, got,
	             want);
	cr_expect(memcmp(got, want, olen) == 0, "%s:\n got: %s\nwant: %s", name, got, want);
	free(got);
	free(src);
	free(want);
	json_decref(v);
}

Test(jcs, rfc8785_arrays) { check_vector("arrays"); }
Test(jcs, rfc8785_french_sorts_by_code_unit_not_locale) { check_vector("french"); }
Test(jcs, rfc8785_structures_sort_nested_keys) { check_vector("structures"); }
Test(jcs, rfc8785_unicode_is_not_normalised) { check_vector("unicode"); }
Test(jcs, rfc8785_values_numbers_and_escapes) { check_vector("values"); }
Test(jcs, rfc8785_weird_keys_sort_by_utf16) { check_vector("weird"); }

/* Every line of the ES6 number file: hex IEEE-754 bits, expected text. */
Test(jcs, es6_number_serialisation_10k)
{
	char *data = tu_vector("jcs/es6testfile10k.txt", NULL);
	int lines = 0, bad = 0;
	struct buf b = BUF_INIT;
	for (char *line = strtok(data, "\n"); line; line = strtok(NULL, "\n")) {
		char *comma = strchr(line, ',');
		cr_assert(comma != NULL);
		*comma = '\0';
		unsigned long long bits = strtoull(line, NULL, 16);
		double d;
		memcpy(&d, &bits, sizeof d);
		buf_reset(&b);
		jcs_number(&b, d);
		if (strcmp(b.data, comma + 1)) {
			if (bad++ < 5)
				cr_log_error("%s: got %s want %s", line, b.data, comma + 1);
		}
		lines++;
	}
	cr_expect_eq(lines, 10000);
	cr_expect_eq(bad, 0, "%d of %d numbers differ", bad, lines);
	buf_release(&b);
	free(data);
}

Test(jcs, supplementary_characters_sort_before_e000_ffff)
{
	/* U+1F602 is D83D DE02 in UTF-16, so it sorts before U+FB33 although
	 * its code point (and UTF-8) is larger. */
	cr_expect_lt(jcs_keycmp("\xF0\x9F\x98\x82", 4, "\xEF\xAC\xB3", 3), 0);
	cr_expect_gt(jcs_keycmp("\xEF\xAC\xB3", 3, "\xF0\x9F\x98\x82", 4), 0);
	cr_expect_lt(jcs_keycmp("a", 1, "ab", 2), 0);
	cr_expect_eq(jcs_keycmp("ab", 2, "ab", 2), 0);
	/* two supplementary characters sharing a high surrogate: low decides */
	cr_expect_lt(jcs_keycmp("\xF0\x9F\x98\x80", 4, "\xF0\x9F\x98\x82", 4), 0);
}

Test(jcs, strings_escape_only_what_es6_escapes)
{
	struct buf b = BUF_INIT;
	jcs_string(&b, "a\"b\\c/\x01\x1f\x7f\n\t\b\f\r\xE2\x80\xA8", 17);
	cr_expect_str_eq(b.data, "\"a\\\"b\\\\c/\\u0001\\u001f\x7f\\n\\t\\b\\f\\r\xE2\x80\xA8\"");
	buf_release(&b);
}

Test(jcs, integers_print_plainly_within_2_pow_53)
{
	struct buf b = BUF_INIT;
	jcs_int(&b, -9007199254740991LL);
	buf_addc(&b, ' ');
	jcs_int(&b, 1764547200);
	buf_addc(&b, ' ');
	jcs_int(&b, 0);
	buf_addc(&b, ' ');
	/* beyond 2^53 JCS sees the nearest double: 2^53 + 1 reads as 2^53 */
	jcs_int(&b, 9007199254740993LL);
	cr_expect_str_eq(b.data, "-9007199254740991 1764547200 0 9007199254740992");
	buf_release(&b);
}
