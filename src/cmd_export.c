/* cmd_export.c - `rapport export --kind K`: one partner's rows of a CSV
 * kind, as CSV (RFC 4180, CRLF line ends) or a JSON array, with the
 * columns rapport import reads, so that an export imports again. The
 * queries are in store/export.c. Without --kind, the whole record as a
 * bundle (cmd_export_bundle.c). */
#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "event.h"
#include "import.h"
#include "store/export.h"
#include "store/parties.h"

struct out {
	FILE *f;
	const struct import_kind *k;
	size_t ncol;
	int json;
	int int_col[IMPORT_MAX_COLUMNS]; /* columns whose JSON value is a number */
	json_t *rows;
	size_t n;
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
	o->n++;
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
	if (k->columns[c].role == IMPORT_PARTNER)
		return 1;
	if (k->columns[c].role != IMPORT_FIELD)
		return 0;
	const struct event_kind *ek = event_kind_find(k->event);
	for (const struct field *f = ek->fields; f->name; f++)
		if (!strcmp(f->name, k->columns[c].name))
			return f->type == F_INT;
	return 0;
}

int cmd_export(struct app *app, const args_t *a, struct err *e)
{
	const char *kind = arg_str(a, "kind"), *format = arg_str(a, "format"), *path = arg_str(a, "out");
	if (!kind) {
		if (format)
			return err_set(e, ERR_INPUT, "--format: only with --kind (a bundle is always JSON)");
		return cmd_export_bundle(app, a, e);
	}
	struct out o = {.k = import_kind_find(kind), .e = e};
	if (!o.k)
		return err_set(e, ERR_INPUT, "--kind: %s: \"%s\"", import_kind_list(), kind);
	if (format && strcmp(format, "csv") && strcmp(format, "json"))
		return err_set(e, ERR_INPUT, "--format: csv or json: \"%s\"", format);
	o.json = format && !strcmp(format, "json");
	int64_t rel;
	struct party p;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	o.ncol = import_ncolumns(o.k);
	for (size_t c = 0; c < o.ncol; c++)
		o.int_col[c] = integer_column(o.k, c);

	/* into FILE.tmp, renamed over FILE once complete */
	char tmp[4096];
	o.f = app->out;
	if (path) {
		if ((size_t)snprintf(tmp, sizeof tmp, "%s.tmp", path) >= sizeof tmp)
			return err_set(e, ERR_INPUT, "--out: the path is too long");
		if (!(o.f = fopen(tmp, "wb")))
			return err_set(e, errno == ENOENT || errno == EACCES || errno == EISDIR ? ERR_INPUT : ERR_IO,
			               "--out: %s: %s", tmp, strerror(errno));
	}
	if (o.json) {
		o.rows = json_array();
	} else {
		for (size_t c = 0; c < o.ncol; c++)
			fprintf(o.f, "%s%s", c ? "," : "", o.k->columns[c].name);
		fputs("\r\n", o.f);
	}
	int r = store_export_each(app->db, o.k->name, rel, write_row, &o, e);
	if (o.json) {
		if (r == 0 && json_dumpf(o.rows, o.f, JSON_INDENT(2)) == 0)
			fputc('\n', o.f);
		json_decref(o.rows);
	}
	if (path) {
		int bad = ferror(o.f);
		bad |= fclose(o.f) != 0;
		if (r == 0 && bad)
			r = err_set(e, ERR_IO, "--out: writing %s failed", tmp);
		if (r == 0 && rename(tmp, path))
			r = err_set(e, ERR_IO, "--out: %s: %s", path, strerror(errno));
		if (r)
			unlink(tmp);
	}
	return r ? -1 : 0;
}
