/* cmd_import.c - `rapport import`: the rows of a CSV file appended as
 * events by importer.c (the same validation and ledger as the recording
 * commands), all in the command's one transaction: every row lands or
 * none does. Bad rows are printed as FILE:ROW: ..., up to
 * IMPORTER_MAX_ERRORS of them, with a progress bar on a terminal. */
#include <errno.h>
#include <jansson.h>
#include <stdint.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "calendar/zone.h"
#include "cmd.h"
#include "import.h"
#include "importer.h"
#include "store/parties.h"
#include "util/charset.h"
#include "util/utf8.h"

/* SQLite's page cache during an import: with its default 2 MiB, a large
 * import writes index pages out to the WAL and reads them back; 64 MiB made
 * 100 000 orders (900 000 events) a quarter faster (bench/import), 256 MiB
 * little more for four times the memory. */
#define IMPORT_CACHE_MIB 64
/* A file at least this large gets a progress bar (when stderr is a terminal). */
#define PROGRESS_MIN_BYTES (1 << 20)

struct term {
	const struct cmd_import_opts *o;
	int shown_pct;          /* the bar's last percentage, -1 before it is drawn */
	struct buf warnings;    /* FILE:ROW: warning: ... lines, printed once the import landed */
};

static void warn(void *ctx, size_t line, const char *msg)
{
	struct term *t = ctx;
	buf_printf(&t->warnings, "%s:%zu: warning: %s\n", t->o->name, line, msg);
}

/* Prints one bad row's message. */
static void bad_row(void *ctx, size_t line, const char *msg)
{
	struct term *t = ctx;
	if (t->o->progress && t->shown_pct >= 0)
		fputs("\r\033[K", stderr); /* the message takes the progress bar's line */
	/* whole characters: a message cut at its length limit may end inside one */
	fprintf(t->o->errors, "%s:%zu: %.*s\n", t->o->name, line, (int)utf8_valid_prefix(msg, strlen(msg)), msg);
}

static void progress(void *ctx, long long offset, size_t rows, int done)
{
	struct term *t = ctx;
	if (!t->o->progress || t->o->size <= 0)
		return;
	int pct = done ? 100 : (int)(offset * 100 / t->o->size);
	if (pct > 100)
		pct = 100;
	if (pct == t->shown_pct && !done)
		return;
	t->shown_pct = pct;
	char bar[41];
	memset(bar, '#', (size_t)(pct * 40 / 100));
	memset(bar + pct * 40 / 100, '.', (size_t)(40 - pct * 40 / 100));
	bar[40] = '\0';
	fprintf(stderr, "\r%s [%s] %3d%% %zu rows", t->o->name, bar, pct, rows);
	if (done)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

int cmd_import_stream(struct app *app, FILE *in, const struct cmd_import_opts *o, struct cmd_import_result *res,
                      struct err *e)
{
	char tz[65];
	struct zone *zone = NULL;
	*res = (struct cmd_import_result){0};
	if (!import_kind_find(o->kind))
		return err_set(e, ERR_INPUT, "--kind: %s: \"%s\"", import_kind_list(), o->kind);
	if (cmd_buyer_tz(app, tz, e) || zone_load(tz, &zone, e) || db_cache_mib(app->db, IMPORT_CACHE_MIB, e)) {
		zone_free(zone);
		return -1;
	}
	struct term t = {.o = o, .shown_pct = -1};
	struct importer_opts io = {
		.name = o->name, .kind = o->kind, .partner = o->partner, .side = app->side, .author = app->author,
		.now = app->now, .zone = zone, .local = time_local_tz, .local_ctx = tz,
		.bad = bad_row, .warn = warn, .progress = progress, .ctx = &t,
		.skip_recorded = o->skip_recorded, .skip_said = "--skip-recorded imports only the new rows",
	};
	struct importer_result ir;
	int rc = importer_run(&app->ledger, in, &io, &ir, e);
	zone_free(zone);
	*res = (struct cmd_import_result){.rows = ir.rows, .events = ir.events, .bad = ir.bad, .skipped = ir.skipped,
	                                     .closed = ir.closed, .renegotiated = ir.renegotiated};
	if (rc == 0) {
		struct buf *w = &app->warnings;
		if (!ir.rows && !ir.skipped)
			buf_printf(w, "rapport: warning: %s: no rows under the header: nothing to import\n", o->name);
		if (t.warnings.len)
			buf_add(w, t.warnings.data, t.warnings.len);
		if (ir.nwarnings > IMPORTER_MAX_WARNINGS)
			buf_printf(w, "rapport: warning: %s: %zu more warnings like these\n", o->name,
			           ir.nwarnings - IMPORTER_MAX_WARNINGS);
	}
	buf_release(&t.warnings);
	return rc;
}

/* The encoding to convert the file from (charset_choose), NULL for none:
 * its byte order mark is looked for where reading starts when the file
 * can be read again (not a pipe). */
static const char *encoding_of(FILE *in, const char *given)
{
	long at = ftell(in); /* -1 for a pipe */
	char head[2];
	size_t n = 0;
	if (at >= 0 && !(given && !charset_is_utf8(given))) {
		n = fread(head, 1, sizeof head, in);
		if (fseek(in, at, SEEK_SET))
			n = 0; /* cannot happen where ftell worked; read as it is */
	}
	return charset_choose(given, head, n);
}

/* A file in another encoding is read whole and converted: *in then reads
 * the UTF-8 text, which text holds (the caller releases it), and o->size
 * is its length. Bytes that are not that encoding refuse the file, named
 * as a bad row is, with the line they are on. */
static int to_utf8(FILE **in, const char *given, struct buf *text, struct cmd_import_opts *o, struct err *e)
{
	if (given && !charset_known(given))
		return err_set(e, ERR_INPUT, "--encoding: \"%.*s\" is not an encoding this system knows (for instance "
		               "gb18030, big5, windows-1258, windows-1252, utf-16)", CHARSET_NAME_MAX, given);
	const char *enc = encoding_of(*in, given);
	if (!enc)
		return 0;
	struct buf raw = BUF_INIT;
	int failed = cmd_read_stream(*in, o->name, SIZE_MAX - 1, &raw, e);
	if (*in != stdin)
		fclose(*in);
	*in = NULL;
	if (failed) {
		buf_release(&raw);
		return -1;
	}
	size_t line = 0;
	struct err bad = {0};
	int rc = charset_to_utf8(enc, raw.data ? raw.data : "", raw.len, text, &line, &bad);
	buf_release(&raw);
	if (rc) {
		fprintf(o->errors, "%s:%zu: %s: is the file in another encoding? (--encoding)\n", o->name, line, bad.msg);
		return err_set(e, ERR_INPUT, "%s: nothing was imported", o->name);
	}
	/* (fmemopen takes no empty buffer) */
	*in = text->len ? fmemopen(text->data, text->len, "rb") : fopen("/dev/null", "rb");
	if (!*in)
		return err_set(e, ERR_IO, "fmemopen: out of memory");
	o->size = (long long)text->len;
	return 0;
}

int cmd_import(struct app *app, const args_t *a, struct err *e)
{
	struct cmd_import_opts o = {.kind = arg_str(a, "kind"), .errors = stderr,
	                            .skip_recorded = arg_str(a, "skip-recorded") != NULL};
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
	struct buf text = BUF_INIT;
	if (to_utf8(&in, arg_str(a, "encoding"), &text, &o, e)) {
		if (in && in != stdin)
			fclose(in);
		buf_release(&text);
		return -1;
	}
	o.progress = isatty(STDERR_FILENO) && o.size >= PROGRESS_MIN_BYTES;
	struct cmd_import_result res;
	int rc = cmd_import_stream(app, in, &o, &res, e);
	if (in != stdin)
		fclose(in);
	buf_release(&text);
	if (rc)
		return -1;
	int dry = arg_str(a, "dry-run") != NULL;
	app->discard = dry;
	char skipped[200] = "";
	size_t at = 0;
	const struct import_kind *k = import_kind_find(o.kind);
	if (res.closed && k) /* "2 were the outcomes of payments recorded before" */
		at += (size_t)snprintf(skipped, sizeof skipped, "; %zu %s the outcome%s of %s%s%s recorded before",
		                       res.closed, dry ? "would be" : res.closed == 1 ? "was" : "were",
		                       res.closed == 1 ? "" : "s", res.closed == 1 ? "a " : "", k->one,
		                       res.closed == 1 ? "" : "s");
	if (res.renegotiated && k) /* "1 gave a commitment recorded before new due dates" */
		at += (size_t)snprintf(skipped + at, sizeof skipped - at, "; %zu %s %s%s%s recorded before new due dates",
		                       res.renegotiated, dry ? "would give" : "gave", res.renegotiated == 1 ? "a " : "",
		                       k->one, res.renegotiated == 1 ? "" : "s");
	if (res.skipped)
		snprintf(skipped + at, sizeof skipped - at, "; %zu row%s recorded before %s left out", res.skipped,
		         res.skipped == 1 ? "" : "s", dry ? "would be" : res.skipped == 1 ? "was" : "were");
	if (app->json)
		cmd_print_json(app, json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:b}", "file", o.name, "kind", o.kind,
		                              "rows", (json_int_t)res.rows, "events", (json_int_t)res.events, "closed",
		                              (json_int_t)res.closed, "renegotiated", (json_int_t)res.renegotiated,
		                              "skipped", (json_int_t)res.skipped, "dry_run", dry));
	else if (dry)
		fprintf(app->out, "%s: %zu row%s of %s would be imported (%zu event%s)%s; --dry-run: nothing was written\n",
		        o.name, res.rows, res.rows == 1 ? "" : "s", o.kind, res.events, res.events == 1 ? "" : "s", skipped);
	else
		fprintf(app->out, "%s: imported %zu row%s of %s (%zu event%s)%s\n", o.name, res.rows, res.rows == 1 ? "" : "s",
		        o.kind, res.events, res.events == 1 ? "" : "s", skipped);
	return 0;
}
