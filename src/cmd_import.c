/* cmd_import.c - `rapport import`: the rows of a CSV file appended as
 * events through the same validation and ledger as the recording commands
 * (an order through cmd_order_record, as `rapport order add`), all in the
 * command's one transaction: every row lands or none does. Bad rows are
 * reported as FILE:ROW: ..., up to IMPORT_MAX_ERRORS of them. */
#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"
#include "import.h"
#include "store/domain.h"
#include "store/parties.h"
#include "util/csvfile.h"
#include "util/time.h"

#define IMPORT_MAX_ERRORS 20
#define IMPORT_MAX_WARNINGS 20
/* SQLite's page cache during an import: with its default 2 MiB, a large
 * import writes index pages out to the WAL and reads them back; 64 MiB made
 * 100 000 orders (900 000 events) a quarter faster (bench/import), 256 MiB
 * little more for four times the memory. */
#define IMPORT_CACHE_MIB 64
/* A file at least this large gets a progress bar (when stderr is a terminal). */
#define PROGRESS_MIN_BYTES (1 << 20)

struct run {
	struct app *app;
	const struct cmd_import_opts *o;
	const struct import_kind *k;
	struct import_header h;
	int have_header;
	char tz[65];            /* the buyer's zone, for the at column */
	int64_t partner_ok;     /* the last partner id found to exist */
	struct cmd_import_result *res;
	struct err *e;          /* a fatal error */
	int fatal;
	struct buf warnings;    /* the rows' warnings, FILE:ROW: prefixed */
	size_t nwarnings;
	/* orders appended so far: their ids (ascending) and rows, to name the
	 * row a repeated PO was first on */
	int64_t *order_id;
	size_t *order_row;
	size_t norders, cap;
	int shown_pct;
	size_t known_po;        /* bad rows whose order was recorded before this file */
};

/* Prints one bad row's message; 1 when reading should stop. */
static int bad_row(struct run *r, size_t line, const char *msg)
{
	if (r->o->progress && r->shown_pct >= 0)
		fputs("\r\033[K", stderr); /* the message takes the progress bar's line */
	fprintf(r->o->errors, "%s:%zu: %s\n", r->o->name, line, msg);
	r->res->bad++;
	return r->res->bad >= IMPORT_MAX_ERRORS;
}

static void progress(struct run *r, long long offset, int done)
{
	if (!r->o->progress || r->o->size <= 0)
		return;
	int pct = done ? 100 : (int)(offset * 100 / r->o->size);
	if (pct > 100)
		pct = 100;
	if (pct == r->shown_pct && !done)
		return;
	r->shown_pct = pct;
	char bar[41];
	memset(bar, '#', (size_t)(pct * 40 / 100));
	memset(bar + pct * 40 / 100, '.', (size_t)(40 - pct * 40 / 100));
	bar[40] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%% %zu rows", r->o->name, bar, pct, r->res->rows + r->res->bad);
	if (done)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* The partner a row is for: --partner, or its partner column. */
static int row_partner(struct run *r, const char *v, int64_t *rel, struct err *e)
{
	if (!v) {
		if (!r->o->partner)
			return err_set(e, ERR_INPUT, "column \"partner\": required (or give --partner)");
		*rel = r->o->partner;
		return 0;
	}
	char *end;
	errno = 0;
	long long id = strtoll(v, &end, 10);
	if (*end || id <= 0 || errno || v[0] < '0' || v[0] > '9')
		return err_set(e, ERR_INPUT, "column \"partner\": not a partner id (a positive integer): \"%s\"", v);
	if (r->o->partner && id != r->o->partner)
		return err_set(e, ERR_INPUT, "column \"partner\": %lld, but --partner says %lld", id,
		               (long long)r->o->partner);
	*rel = id;
	if (id == r->partner_ok)
		return 0;
	struct party p;
	int found = store_partner_get(r->app->db, id, &p, e);
	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, ERR_INPUT, "column \"partner\": no partner with id %lld (see rapport partner list)", id);
	r->partner_ok = id;
	return 0;
}

/* A repeated PO: say which row of this file has it, if one does. */
static void duplicate_po(struct run *r, int64_t rel, const json_t *body, struct err *e)
{
	const char *po = json_string_value(json_object_get(body, "po"));
	struct store_row row;
	struct err ignored;
	if (!po || store_row(r->app->db, store_sql[SQL_ORDER_BY_PO], &ignored, &row, "it", rel, po) <= 0)
		return;
	size_t lo = 0, hi = r->norders;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->order_id[mid] < row.i[0])
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->norders && r->order_id[lo] == row.i[0])
		err_set(e, ERR_INPUT, "column \"po\": order %s is already on row %zu of this file", po, r->order_row[lo]);
}

static void remember_order(struct run *r, int64_t id, size_t line)
{
	if (r->norders == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->order_id = realloc(r->order_id, r->cap * sizeof *r->order_id);
		r->order_row = realloc(r->order_row, r->cap * sizeof *r->order_row);
		if (!r->order_id || !r->order_row)
			abort();
	}
	r->order_id[r->norders] = id;
	r->order_row[r->norders++] = line;
}

/* Moves the warnings the row's appends left in app->warnings (from len
 * on) into the run's own, prefixed with the row, at most
 * IMPORT_MAX_WARNINGS of them; a bad row's (line 0) are dropped with it. */
static void take_warnings(struct run *r, size_t len, size_t line)
{
	struct buf *w = &r->app->warnings;
	static const char prefix[] = "rapport: warning: ";
	if (w->len == len)
		return; /* none (and w->data may still be NULL) */
	for (char *p = w->data + len, *nl; line && p < w->data + w->len; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		if (r->nwarnings++ >= IMPORT_MAX_WARNINGS)
			continue;
		if (!strncmp(p, prefix, sizeof prefix - 1))
			p += sizeof prefix - 1;
		buf_printf(&r->warnings, "%s:%zu: warning: %.*s\n", r->o->name, line, (int)(nl - p), p);
	}
	w->len = len;
	if (w->data)
		w->data[len] = '\0';
}

/* Appends one row's event(s); ERR_INPUT is a bad row, anything else fatal. */
static int append_row(struct run *r, const struct csvfile_record *rec, struct err *e)
{
	struct import_row row;
	int64_t rel = 0, at = r->app->now, id;
	if (import_row_decode(&r->h, rec->value, rec->len, rec->n, &row, e))
		return -1;
	int rc = -1, events = 1;
	int64_t closed = 0;
	char closed_label[40];
	snprintf(closed_label, sizeof closed_label, "column \"%s\"", row.close ? import_closed_column(r->k) : "");
	if (row_partner(r, row.partner, &rel, e) || (row.at && time_parse(row.at, r->tz, "column \"at\"", &at, e)) ||
	    (row.close && time_parse(row.closed, r->tz, closed_label, &closed, e)))
		goto out;
	/* a closing time before at is taken, as the commands take it, so that
	 * every export imports; without at, the record was made by then */
	if (row.close && !row.at && closed < at)
		at = closed;
	size_t wlen = r->app->warnings.len;
	if (!strcmp(r->k->event, "order.add"))
		rc = cmd_order_record(r->app, rel, row.body, at, &id, &events, NULL, e);
	else
		rc = cmd_append_at(r->app, rel, r->k->event, row.body, at, &id, e);
	if (rc == 0 && row.close) {
		/* the record closed already: kept, broken or paid */
		int64_t close_id;
		json_object_set_new(row.close_body, row.close->ref, json_integer(id));
		if ((rc = cmd_append_at(r->app, rel, row.close->event, row.close_body, closed, &close_id, e)) == 0)
			events++;
		else if (e->code == ERR_INPUT)
			import_close_error_column(r->k, e);
	}
	take_warnings(r, wlen, rc ? 0 : rec->line);
	if (rc == 0) {
		r->res->rows++;
		r->res->events += (size_t)events;
		if (!strcmp(r->k->event, "order.add"))
			remember_order(r, id, rec->line);
	} else if (e->code == ERR_INPUT) {
		import_error_column(r->k, e);
		if (!strncmp(e->msg, "column \"po\": order ", 19)) {
			duplicate_po(r, rel, row.body, e);
			r->known_po += strstr(e->msg, " already exists ") != NULL;
		}
	}
out:
	import_row_release(&row);
	return rc;
}

/* "column \"note\"" for the value at index i of a record, as far as the
 * header tells. */
static void value_name(const struct run *r, size_t i, char *out, size_t size)
{
	if (r->have_header && i < r->h.n && import_column_at(&r->h, i) >= 0)
		snprintf(out, size, "column \"%s\"", r->k->columns[import_column_at(&r->h, i)].name);
	else
		snprintf(out, size, "column %zu", i + 1);
}

static int on_record(void *ctx, const struct csvfile_record *rec)
{
	struct run *r = ctx;
	struct err e = {0};
	if (!r->have_header) {
		if (import_header_map(r->k, rec->value, rec->len, rec->n, r->o->partner != 0, &r->h, &e)) {
			bad_row(r, rec->line, e.msg);
			return 1;
		}
		r->have_header = 1;
		return 0;
	}
	progress(r, rec->offset, 0);
	if (rec->blank)
		return 0; /* a spreadsheet's empty row: ",,,," */
	if (append_row(r, rec, &e) == 0)
		return 0;
	if (e.code != ERR_INPUT) {
		*r->e = e;
		r->fatal = 1;
		return 1;
	}
	return bad_row(r, rec->line, e.msg);
}

int cmd_import_stream(struct app *app, FILE *in, const struct cmd_import_opts *o, struct cmd_import_result *res,
                      struct err *e)
{
	struct run r = {.app = app, .o = o, .res = res, .e = e, .shown_pct = -1};
	*res = (struct cmd_import_result){0};
	if (!(r.k = import_kind_find(o->kind)))
		return err_set(e, ERR_INPUT, "--kind: %s: \"%s\"", import_kind_list(), o->kind);
	if (cmd_buyer_tz(app, r.tz, e))
		return -1;
	if (db_cache_mib(app->db, IMPORT_CACHE_MIB, e))
		return -1;
	struct csvfile_where where;
	struct err pe = {0};
	int rc = csvfile_read(in, on_record, &r, &where, &pe);
	progress(&r, 0, 1);
	if (rc < 0 && pe.code == ERR_INPUT) {
		/* a malformed file: what was read up to there is still reported */
		char name[80], msg[sizeof pe.msg + 96];
		value_name(&r, where.value, name, sizeof name);
		snprintf(msg, sizeof msg, "%s: %s", name, pe.msg);
		bad_row(&r, where.line, where.file ? pe.msg : msg);
	} else if (rc < 0) {
		rc = err_set(e, pe.code, "%s: %s", o->name, pe.msg);
		goto out;
	}
	if (r.fatal) {
		rc = -1;
		goto out;
	}
	if (!r.have_header && !res->bad) {
		rc = err_set(e, ERR_INPUT, "%s: no header row (the file is empty)", o->name);
		goto out;
	}
	if (res->bad && !r.have_header) {
		rc = err_set(e, ERR_INPUT, "%s: nothing was imported", o->name);
		goto out;
	}
	if (res->bad) {
		/* every row refused for an order recorded before, none new: a file
		 * imported twice */
		const char *hint = res->bad > 1 && r.known_po == res->bad && !res->rows
		                       ? " (each an order already recorded: was this file imported before?)"
		                       : "";
		rc = err_set(e, ERR_INPUT, "%s: %zu bad row%s%s%s; nothing was imported", o->name, res->bad,
		             res->bad == 1 ? "" : "s", res->bad >= IMPORT_MAX_ERRORS ? " (reading stopped there)" : "", hint);
		goto out;
	}
	if (!res->rows)
		buf_printf(&r.warnings, "rapport: warning: %s: no rows under the header: nothing to import\n", o->name);
	if (r.nwarnings > IMPORT_MAX_WARNINGS)
		buf_printf(&r.warnings, "rapport: warning: %s: %zu more warnings like these\n", o->name,
		           r.nwarnings - IMPORT_MAX_WARNINGS);
	if (r.warnings.len)
		buf_add(&app->warnings, r.warnings.data, r.warnings.len);
	rc = 0;
out:
	buf_release(&r.warnings);
	free(r.order_id);
	free(r.order_row);
	return rc;
}

int cmd_import(struct app *app, const args_t *a, struct err *e)
{
	struct cmd_import_opts o = {.kind = arg_str(a, "kind"), .errors = stderr};
	struct party p;
	if (arg_str(a, "partner") && (arg_id(a, "partner", &o.partner, e) || cmd_partner_get(app, o.partner, &p, e)))
		return -1;
	if (!import_kind_find(o.kind))
		return err_set(e, ERR_INPUT, "--kind: %s: \"%s\"", import_kind_list(), o.kind);
	if (a->npos < 1)
		return err_set(e, ERR_INPUT, "import: which file? (usage: rapport import --kind KIND FILE.csv)");
	const char *path = a->pos[0];
	FILE *in = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	o.name = in == stdin ? "(stdin)" : path;
	if (!in)
		return err_set(e, errno == ENOENT || errno == EACCES ? ERR_INPUT : ERR_IO, "%s: %s", path, strerror(errno));
	struct stat st;
	if (fstat(fileno(in), &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			fclose(in);
			return err_set(e, ERR_INPUT, "%s: a directory, not a CSV file", path);
		}
		if (S_ISREG(st.st_mode))
			o.size = (long long)st.st_size;
	}
	o.progress = isatty(STDERR_FILENO) && o.size >= PROGRESS_MIN_BYTES;
	struct cmd_import_result res;
	int rc = cmd_import_stream(app, in, &o, &res, e);
	if (in != stdin)
		fclose(in);
	if (rc)
		return -1;
	int dry = arg_str(a, "dry-run") != NULL;
	app->discard = dry;
	if (app->json)
		cmd_print_json(app, json_pack("{s:s, s:s, s:I, s:I, s:b}", "file", o.name, "kind", o.kind, "rows",
		                              (json_int_t)res.rows, "events", (json_int_t)res.events, "dry_run", dry));
	else if (dry)
		fprintf(app->out, "%s: %zu row%s of %s would be imported (%zu event%s); --dry-run: nothing was written\n",
		        o.name, res.rows, res.rows == 1 ? "" : "s", o.kind, res.events, res.events == 1 ? "" : "s");
	else
		fprintf(app->out, "%s: imported %zu row%s of %s (%zu event%s)\n", o.name, res.rows, res.rows == 1 ? "" : "s",
		        o.kind, res.events, res.events == 1 ? "" : "s");
	return 0;
}
