/* csvfile.c - CSV records with their line numbers, on top of libcsv's
 * push parser. libcsv reports values and record ends but no positions, so
 * lines are counted here: the newlines inside a record's quoted values,
 * plus one per record end (a CR LF pair counts once). */
#include "util/csvfile.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

#define CHUNK 65536

struct reader {
	struct buf data;      /* the values of the record being read, each followed by a NUL */
	size_t *off, *len;    /* where each value starts in data, and its length */
	const char **ptr;
	size_t n, cap;
	size_t line;          /* the line the next record starts on */
	size_t rec_line;      /* the line the record being read started on */
	size_t rec_newlines;  /* newlines inside its quoted values */
	int after_cr;         /* the last record ended with a CR: a LF right after it is the same line end */
	int blank;
	long long offset;
	csvfile_fn fn;
	void *ctx;
	int stop;             /* what fn returned, once non-zero */
	size_t records;       /* records passed to fn */
};

/* libcsv grows its value buffer with this: refusing past the limit makes
 * csv_parse fail with CSV_ENOMEM instead of buffering a runaway value. */
static void *capped_realloc(void *p, size_t size)
{
	return size > CSVFILE_MAX_VALUE + 4096 ? NULL : realloc(p, size);
}

static size_t newlines(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += s[i] == '\n' || (s[i] == '\r' && (i + 1 == n || s[i + 1] != '\n'));
	return k;
}

static void on_value(void *s, size_t len, void *ctx)
{
	struct reader *r = ctx;
	if (r->stop)
		return;
	if (r->n == 0) {
		r->rec_line = r->line;
		r->rec_newlines = 0;
		r->blank = 1;
		buf_reset(&r->data);
	}
	if (r->n == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		r->off = realloc(r->off, r->cap * sizeof *r->off);
		r->len = realloc(r->len, r->cap * sizeof *r->len);
		r->ptr = realloc(r->ptr, r->cap * sizeof *r->ptr);
		if (!r->off || !r->len || !r->ptr)
			abort(); /* as buf.c: nothing sensible to do without memory */
	}
	r->off[r->n] = r->data.len;
	r->len[r->n] = len;
	if (len) {
		buf_add(&r->data, s, len);
		r->rec_newlines += newlines(s, len);
		r->blank = 0;
	}
	buf_addc(&r->data, '\0');
	r->n++;
	r->after_cr = 0;
}

static void on_end(int c, void *ctx)
{
	struct reader *r = ctx;
	if (r->stop)
		return;
	if (r->n == 0) {
		/* an empty line, or the LF of a CR LF that ended the last record */
		if (!(c == '\n' && r->after_cr) && c != -1)
			r->line++;
		r->after_cr = c == '\r';
		return;
	}
	for (size_t i = 0; i < r->n; i++)
		r->ptr[i] = r->data.data + r->off[i];
	struct csvfile_record rec = {
		.line = r->rec_line,
		.n = r->n,
		.value = r->ptr,
		.len = r->len,
		.blank = r->blank,
		.offset = r->offset,
	};
	r->n = 0;
	r->line = r->rec_line + r->rec_newlines + (c != -1);
	r->after_cr = c == '\r';
	r->records++;
	r->stop = r->fn(r->ctx, &rec);
}

/* The record being read when the parser stopped. */
static void where_now(const struct reader *r, struct csvfile_where *w)
{
	w->line = r->n ? r->rec_line : r->line;
	w->value = r->n;
}

/* c: the byte the parser stopped at (a tab when tabs came before it). */
static int parse_error(struct csv_parser *p, const struct reader *r, unsigned char c, struct csvfile_where *w,
                       struct err *e)
{
	where_now(r, w);
	switch (csv_error(p)) {
	case CSV_EPARSE:
		/* a header of quoted names joined by semicolons or tabs: "By";"Kind" */
		if (p->quoted && !r->records && (c == ';' || c == '\t')) {
			w->file = 1;
			return err_set(e, ERR_INPUT, "the file separates its values with %s, not commas (save it as CSV UTF-8, "
			               "comma-delimited)", c == ';' ? "semicolons" : "tabs");
		}
		/* libcsv says only "parse error"; its state says which rule broke */
		if (p->quoted)
			return err_set(e, ERR_INPUT, "text after the closing quote of a quoted value"
			                              " (a quote inside a quoted value is written twice: \"\")");
		return err_set(e, ERR_INPUT, "a quote inside an unquoted value"
		                              " (quote the whole value and write the quote twice: \"\")");
	case CSV_ENOMEM:
	case CSV_ETOOBIG:
		return err_set(e, ERR_INPUT, "a value longer than %u bytes (a quote that is never closed?)",
		               CSVFILE_MAX_VALUE);
	default:
		return err_set(e, ERR_INPUT, "%s", csv_strerror(csv_error(p)));
	}
}

int csvfile_read(FILE *f, csvfile_fn fn, void *ctx, struct csvfile_where *where, struct err *e)
{
	struct csv_parser p;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_REPALL_NL))
		return err_set(e, ERR_IO, "the CSV parser failed to start");
	csv_set_realloc_func(&p, capped_realloc);
	csv_set_blk_size(&p, 4096);
	struct reader r = {.line = 1, .fn = fn, .ctx = ctx};
	unsigned char *chunk = malloc(CHUNK);
	int rc = 0, first = 1;
	size_t got;
	if (!chunk)
		abort();
	*where = (struct csvfile_where){0};
	while (!r.stop && (got = fread(chunk, 1, CHUNK, f)) > 0) {
		size_t skip = 0;
		if (first) {
			first = 0;
			if (got >= 2 && ((chunk[0] == 0xFF && chunk[1] == 0xFE) || (chunk[0] == 0xFE && chunk[1] == 0xFF))) {
				where->line = 1;
				where->file = 1;
				rc = err_set(e, ERR_INPUT, "the file is UTF-16: save it as CSV UTF-8, or name its encoding");
				goto out;
			}
			if (got >= 3 && chunk[0] == 0xEF && chunk[1] == 0xBB && chunk[2] == 0xBF)
				skip = 3; /* the byte order mark some spreadsheets write */
		}
		r.offset += (long long)got;
		size_t done = csv_parse(&p, chunk + skip, got - skip, on_value, on_end, &r);
		if (!r.stop && done < got - skip) {
			/* the byte it stopped at; libcsv passes over the tabs after a
			 * closing quote, and stops at the next value's quote */
			size_t at = skip + done;
			unsigned char c = chunk[at];
			for (size_t k = at; k > skip && (chunk[k - 1] == ' ' || chunk[k - 1] == '\t'); k--)
				if (chunk[k - 1] == '\t')
					c = '\t';
			rc = parse_error(&p, &r, c, where, e);
			goto out;
		}
	}
	if (r.stop) {
		rc = r.stop;
		goto out;
	}
	if (ferror(f)) {
		rc = err_set(e, ERR_IO, "reading failed");
		goto out;
	}
	/* the last record when the file does not end with a line end */
	struct csvfile_where at_end = {0};
	where_now(&r, &at_end);
	if (csv_fini(&p, on_value, on_end, &r)) {
		*where = at_end;
		rc = err_set(e, ERR_INPUT, "a quoted value has no closing quote");
	} else if (r.stop) {
		rc = r.stop;
	}
out:
	csv_free(&p);
	free(chunk);
	buf_release(&r.data);
	free(r.off);
	free(r.len);
	free(r.ptr);
	return rc;
}
