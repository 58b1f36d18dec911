/* test_csvfile.c - the CSV reader against the csv-spectrum vectors
 * (tests/vectors/csv-spectrum) and the line numbers, byte order marks and
 * malformed files worked out by hand. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "util/csvfile.h"

/* What a read gave: each record's values as a JSON array, and its line. */
struct got {
	json_t *records;
	size_t lines[64];
	int blank[64];
	size_t n;
	int stop_at; /* stop after this many records (0: never) */
};

static int collect(void *ctx, const struct csvfile_record *r)
{
	struct got *g = ctx;
	json_t *rec = json_array();
	for (size_t i = 0; i < r->n; i++)
		json_array_append_new(rec, json_stringn_nocheck(r->value[i], r->len[i]));
	json_array_append_new(g->records, rec);
	if (g->n < 64) {
		g->lines[g->n] = r->line;
		g->blank[g->n] = r->blank;
	}
	g->n++;
	return g->stop_at && (int)g->n == g->stop_at ? 7 : 0;
}

static int read_bytes(const char *data, size_t len, struct got *g, struct csvfile_where *w, struct err *e)
{
	FILE *f = fmemopen((void *)data, len, "rb");
	cr_assert(f != NULL);
	g->records = json_array();
	memset(w, 0xAA, sizeof *w); /* csvfile_read must set every field */
	int r = csvfile_read(f, collect, g, w, e);
	fclose(f);
	return r;
}

static int read_str(const char *s, struct got *g, struct csvfile_where *w, struct err *e)
{
	return read_bytes(s, strlen(s), g, w, e);
}

/* The records as csv-spectrum's JSON has them: objects keyed by the header. */
static json_t *as_objects(json_t *records)
{
	json_t *out = json_array(), *header = json_array_get(records, 0);
	for (size_t i = 1; i < json_array_size(records); i++) {
		json_t *o = json_object(), *rec = json_array_get(records, i);
		for (size_t c = 0; c < json_array_size(rec); c++)
			json_object_set(o, json_string_value(json_array_get(header, c)), json_array_get(rec, c));
		json_array_append_new(out, o);
	}
	return out;
}

static void check_vector(const char *name)
{
	char path[96];
	size_t len;
	snprintf(path, sizeof path, "csv-spectrum/csvs/%s.csv", name);
	char *csv = tu_vector(path, &len);
	snprintf(path, sizeof path, "csv-spectrum/json/%s.json", name);
	char *js = tu_vector(path, NULL);
	json_error_t je;
	json_t *want = json_loads(js, 0, &je);
	cr_assert(want != NULL, "%s: %s", name, je.text);
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_bytes(csv, len, &g, &w, &e), 0, "%s: %s (line %zu)", name, e.msg, w.line);
	json_t *objs = as_objects(g.records);
	char *a = json_dumps(objs, JSON_SORT_KEYS), *b = json_dumps(want, JSON_SORT_KEYS);
	cr_expect(json_equal(objs, want), "%s:\n got: %s\nwant: %s", name, a, b);
	free(a);
	free(b);
	json_decref(objs);
	json_decref(want);
	json_decref(g.records);
	free(csv);
	free(js);
}

Test(csvfile, spectrum_comma_in_quotes) { check_vector("comma_in_quotes"); }
Test(csvfile, spectrum_empty) { check_vector("empty"); }
Test(csvfile, spectrum_empty_crlf) { check_vector("empty_crlf"); }
Test(csvfile, spectrum_escaped_quotes) { check_vector("escaped_quotes"); }
Test(csvfile, spectrum_json) { check_vector("json"); }
Test(csvfile, spectrum_newlines) { check_vector("newlines"); }
Test(csvfile, spectrum_newlines_crlf) { check_vector("newlines_crlf"); }
Test(csvfile, spectrum_quotes_and_newlines) { check_vector("quotes_and_newlines"); }
Test(csvfile, spectrum_simple) { check_vector("simple"); }
Test(csvfile, spectrum_simple_crlf) { check_vector("simple_crlf"); }
Test(csvfile, spectrum_utf8) { check_vector("utf8"); }

/* Lines by hand: newlines.csv is header (1), "1,2,3" (2), a record whose
 * quoted value spans lines 3-4, then "7,8,9" (5). */
Test(csvfile, each_record_names_the_line_it_starts_on)
{
	static const char *const files[] = {"newlines", "newlines_crlf"};
	for (int i = 0; i < 2; i++) {
		char path[96];
		size_t len;
		snprintf(path, sizeof path, "csv-spectrum/csvs/%s.csv", files[i]);
		char *csv = tu_vector(path, &len);
		struct got g = {0};
		struct csvfile_where w;
		struct err e = {0};
		cr_assert_eq(read_bytes(csv, len, &g, &w, &e), 0, "%s", e.msg);
		cr_assert_eq(g.n, 4);
		size_t want[] = {1, 2, 3, 5};
		for (int k = 0; k < 4; k++)
			cr_expect_eq(g.lines[k], want[k], "%s record %d: line %zu, want %zu", files[i], k, g.lines[k], want[k]);
		json_decref(g.records);
		free(csv);
	}
	/* quotes_and_newlines: the second record spans lines 2-4 */
	size_t len;
	char *csv = tu_vector("csv-spectrum/csvs/quotes_and_newlines.csv", &len);
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_bytes(csv, len, &g, &w, &e), 0, "%s", e.msg);
	cr_assert_eq(g.n, 3);
	cr_expect_eq(g.lines[1], 2);
	cr_expect_eq(g.lines[2], 5);
	json_decref(g.records);
	free(csv);
}

Test(csvfile, empty_lines_are_skipped_but_counted_in_every_line_end)
{
	/* LF, CRLF and a lone CR each end one line; a CR LF pair ends one */
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_str("a,b\n\n1,2\r\n\r\n3,4\r5,6\n\n,\n7,8", &g, &w, &e), 0, "%s", e.msg);
	cr_assert_eq(g.n, 6);
	size_t want[] = {1, 3, 5, 6, 8, 9};
	for (int k = 0; k < 6; k++)
		cr_expect_eq(g.lines[k], want[k], "record %d: line %zu, want %zu", k, g.lines[k], want[k]);
	/* ",": two empty values, passed on marked blank */
	cr_expect(g.blank[4]);
	cr_expect(!g.blank[3]);
	json_decref(g.records);
}

Test(csvfile, a_utf8_byte_order_mark_is_skipped_a_utf16_one_refused)
{
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_str("\xEF\xBB\xBFpo,qty\nA,1\n", &g, &w, &e), 0, "%s", e.msg);
	cr_expect_str_eq(json_string_value(json_array_get(json_array_get(g.records, 0), 0)), "po");
	json_decref(g.records);
	struct got h = {0};
	cr_assert_eq(read_bytes("\xFF\xFEp\0o\0", 6, &h, &w, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "the file is UTF-16: save it as CSV UTF-8, or name its encoding");
	cr_expect_eq(w.line, 1);
	cr_expect_eq(w.file, 1); /* the file's error, no value's */
	json_decref(h.records);
}

Test(csvfile, malformed_quoting_names_the_record_and_the_value)
{
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	/* the third record (line 4, after a two-line one) opens a quote in its
	 * second value that never closes */
	cr_assert_eq(read_str("a,b\n\"x\ny\",1\nz,\"open\n2,3\n", &g, &w, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "a quoted value has no closing quote");
	cr_expect_eq(w.line, 4);
	cr_expect_eq(w.value, 1);
	cr_expect_eq(w.file, 0); /* a value's error: its column is named */
	json_decref(g.records);

	struct got h = {0};
	cr_assert_eq(read_str("a,b\n1,x\"y\n", &h, &w, &e), -1);
	cr_expect_eq(w.line, 2);
	cr_expect_eq(w.value, 1);
	cr_expect_eq(w.file, 0);
	cr_expect(strstr(e.msg, "a quote inside an unquoted value"), "%s", e.msg);
	json_decref(h.records);

	struct got k = {0};
	cr_assert_eq(read_str("a,b\n\"x\"y,1\n", &k, &w, &e), -1);
	cr_expect_eq(w.line, 2);
	cr_expect_eq(w.value, 0);
	cr_expect(strstr(e.msg, "text after the closing quote"), "%s", e.msg);
	json_decref(k.records);
}

Test(csvfile, spaces_around_unquoted_values_go_quoted_ones_stay)
{
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_str(" a , \" b \" ,c\t\n", &g, &w, &e), 0, "%s", e.msg);
	json_t *rec = json_array_get(g.records, 0);
	cr_expect_str_eq(json_string_value(json_array_get(rec, 0)), "a");
	cr_expect_str_eq(json_string_value(json_array_get(rec, 1)), " b ");
	cr_expect_str_eq(json_string_value(json_array_get(rec, 2)), "c");
	json_decref(g.records);
}

Test(csvfile, a_runaway_value_is_refused_not_buffered)
{
	size_t n = 2 * (size_t)CSVFILE_MAX_VALUE;
	char *big = malloc(n + 8);
	memcpy(big, "a\n\"", 3);
	memset(big + 3, 'x', n);
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_bytes(big, n + 3, &g, &w, &e), -1);
	cr_expect(strstr(e.msg, "a value longer than"), "%s", e.msg);
	cr_expect_eq(w.line, 2);
	json_decref(g.records);
	free(big);
}

Test(csvfile, the_callback_stops_the_read_and_its_value_is_returned)
{
	struct got g = {.stop_at = 2};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_str("a\nb\n\"c\n", &g, &w, &e), 7);
	cr_expect_eq(g.n, 2);
	json_decref(g.records);
}

Test(csvfile, a_value_may_hold_a_nul_byte_seen_through_its_length)
{
	struct got g = {0};
	struct csvfile_where w;
	struct err e = {0};
	cr_assert_eq(read_bytes("a,b\nx\0y,z\n", 10, &g, &w, &e), 0, "%s", e.msg);
	json_t *v = json_array_get(json_array_get(g.records, 1), 0);
	cr_expect_eq(json_string_length(v), 3);
	json_decref(g.records);
}
