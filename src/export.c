/* export.c - the rows of a CSV kind as CSV or JSON (export.h). */
#include "export.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "store/export.h"

struct out {
	FILE *f;
	const struct import_kind *k;
	size_t ncol;
	int json;
	int int_col[IMPORT_MAX_COLUMNS]; /* columns whose JSON value is a number */
	json_t *rows;
	int checked;
	struct err *e;
};

/* RFC 4180 quoting where it is needed, and where libcsv would otherwise
 * drop spaces at the ends of a value. */
static void csv_value(FILE *f, const char *v)
{
	size_t len = strlen(v);
	/* a value a spreadsheet would run as a formula goes out as text */
	const char *guard = import_needs_guard(v) ? "'" : "";
	int quote = len && (strpbrk(v, ",\"\r\n") || v[0] == ' ' || v[0] == '\t' || v[len - 1] == ' ' ||
	                    v[len - 1] == '\t');
	if (!quote) {
		fputs(guard, f);
		fputs(v, f);
		return;
	}
	fputc('"', f);
	fputs(guard, f);
	for (const char *p = v; *p; p++) {
		if (*p == '"')
			fputc('"', f);
		fputc(*p, f);
	}
	fputc('"', f);
}

static int write_row(void *ctx, int n, const char *const *names, const char *const *values)
{
	struct out *o = ctx;
	if (!o->checked) {
		/* the query and import's table must agree, or the export would not import */
		for (size_t c = 0; c < o->ncol; c++)
			if ((size_t)n != o->ncol || strcmp(names[c], o->k->columns[c].name))
				return err_set(o->e, ERR_IO, "export: the %s query's column %zu is \"%s\", import reads \"%s\"",
				               o->k->name, c + 1, (size_t)n > c ? names[c] : "", o->k->columns[c].name);
		o->checked = 1;
	}
	if (o->json) {
		json_t *row = json_object();
		for (size_t c = 0; c < o->ncol; c++) {
			json_t *v = !values[c] ? json_null()
			            : o->int_col[c] ? json_integer(strtoll(values[c], NULL, 10))
			                            : json_string(values[c]);
			json_object_set_new(row, o->k->columns[c].name, v ? v : json_null());
		}
		json_array_append_new(o->rows, row);
		return 0;
	}
	for (size_t c = 0; c < o->ncol; c++) {
		if (c)
			fputc(',', o->f);
		if (values[c])
			csv_value(o->f, values[c]);
	}
	fputs("\r\n", o->f);
	return 0;
}

/* Whether column c of k holds a whole number (or a partner id). */
static int integer_column(const struct import_kind *k, size_t c)
{
	const struct field *f = import_column_field(k, c);
	return k->columns[c].role == IMPORT_PARTNER || (f && f->type == F_INT);
}

int export_rows(struct db *db, const struct import_kind *k, int64_t rel, enum export_format format, FILE *f,
                struct err *e)
{
	struct out o = {.f = f, .k = k, .ncol = import_ncolumns(k), .json = format == EXPORT_JSON, .e = e};
	for (size_t c = 0; c < o.ncol; c++)
		o.int_col[c] = integer_column(k, c);
	if (o.json) {
		o.rows = json_array();
	} else {
		for (size_t c = 0; c < o.ncol; c++)
			fprintf(f, "%s%s", c ? "," : "", k->columns[c].name);
		fputs("\r\n", f);
	}
	int r = store_export_each(db, k->name, rel, write_row, &o, e);
	if (o.json) {
		if (r == 0 && json_dumpf(o.rows, f, JSON_INDENT(2)) == 0)
			fputc('\n', f);
		json_decref(o.rows);
	}
	return r ? -1 : 0;
}
