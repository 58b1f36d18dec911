/* import.c - the table of CSV kinds (the columns of each, which export
 * writes and import reads) and the reading of a header and of a row into
 * an event body. Validation proper is the event's own (event.c, project.c)
 * when the row is appended; here only what CSV adds: names, empty cells,
 * UTF-8, whole numbers. No SQL, no I/O. */
#include "import.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "util/buf.h"
#include "util/time.h"
#include "util/utf8.h"

#define PARTNER {"partner", IMPORT_PARTNER, NULL}
#define AT {"at", IMPORT_AT, NULL}
#define FIELD(n) {n, IMPORT_FIELD, NULL}

static const struct import_column order_columns[] = {
	PARTNER, FIELD("po"), FIELD("style"), FIELD("qty"), FIELD("price"), FIELD("currency"), FIELD("ex_factory"), AT,
	{0},
};
static const struct import_column payment_columns[] = {
	PARTNER, FIELD("amount"), FIELD("currency"), FIELD("due"), FIELD("label"), AT,
	{"paid", IMPORT_CLOSED, NULL}, {"paid_amount", IMPORT_CLOSE_FIELD, "amount"}, {"po", IMPORT_PO, NULL}, {0},
};
static const struct import_close payment_closes[] = {{NULL, "payment.paid", "payment"}, {0}};
static const struct import_column contact_columns[] = {
	PARTNER, FIELD("by"), FIELD("kind"), FIELD("note"), AT, {0},
};
static const struct import_column person_columns[] = {
	PARTNER, FIELD("side"), FIELD("name"), FIELD("role"), FIELD("lang"), AT, {0},
};
static const struct import_column commitment_columns[] = {
	PARTNER, FIELD("side"), FIELD("what"), FIELD("due"), AT, {"outcome", IMPORT_OUTCOME, NULL},
	{"closed", IMPORT_CLOSED, NULL}, {"reason", IMPORT_CLOSE_FIELD, "reason"}, {"po", IMPORT_PO, NULL},
	FIELD("milestone"), {"first_due", IMPORT_FIRST_DUE, NULL}, {"renegotiated", IMPORT_RENEGOTIATED, NULL}, {0},
};
static const struct import_close commitment_closes[] = {
	{"kept", "commitment.keep", "commitment"}, {"broken", "commitment.break", "commitment"}, {0},
};

const struct import_kind import_kinds[] = {
	{"orders", "order", "order.add",
	 "purchase orders, each with its milestones and payments as rapport order add makes them", order_columns, NULL, NULL},
	{"payments", "payment", "payment.due",
	 "payments the buyer owes, paid or not (an order's deposit and balance by its po and label)",
	 payment_columns, payment_closes, "label"},
	{"contacts", "contact", "contact", "calls, visits, messages and other contacts", contact_columns, NULL, NULL},
	{"people", "person", "person.add", "people at either side", person_columns, NULL, NULL},
	{"commitments", "commitment", "commitment.add",
	 "promises with a due date, open or closed (an order's milestones by its po and milestone)", commitment_columns,
	 commitment_closes, "milestone"},
};

const size_t import_nkinds = sizeof import_kinds / sizeof import_kinds[0];

const struct import_kind *import_kind_find(const char *name)
{
	for (size_t i = 0; i < import_nkinds; i++)
		if (!strcmp(import_kinds[i].name, name))
			return &import_kinds[i];
	return NULL;
}

const char *import_kind_list(void)
{
	return "orders, payments, contacts, people or commitments";
}

size_t import_ncolumns(const struct import_kind *k)
{
	size_t n = 0;
	while (k->columns[n].name)
		n++;
	return n;
}

static const struct field *event_field(const char *event, const char *name)
{
	const struct event_kind *ek = event_kind_find(event);
	if (!ek)
		return NULL;
	for (const struct field *f = ek->fields; f->name; f++)
		if (!strcmp(f->name, name))
			return f;
	return NULL;
}

const struct field *import_column_field(const struct import_kind *k, size_t c)
{
	return k->columns[c].role == IMPORT_FIELD ? event_field(k->event, k->columns[c].name) : NULL;
}

const char *import_role_column(const struct import_kind *k, enum import_role role)
{
	for (size_t c = 0; k->columns[c].name; c++)
		if (k->columns[c].role == role)
			return k->columns[c].name;
	return NULL;
}

const char *import_closed_column(const struct import_kind *k)
{
	return import_role_column(k, IMPORT_CLOSED);
}

int import_column_required(const struct import_kind *k, size_t c)
{
	if (k->columns[c].role == IMPORT_PARTNER)
		return 1;
	const struct field *f = import_column_field(k, c);
	return f && f->required;
}

/* A header name as compared: lower case, '-' and ' ' as '_'. 0 when it
 * does not fit (no column name is that long). */
static int normalise(const char *s, size_t len, char *out, size_t size)
{
	if (len >= size)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		out[i] = c == '-' || c == ' ' ? '_' : (char)tolower((unsigned char)c);
	}
	out[len] = '\0';
	return 1;
}

/* s[0..len) without the characters of set (which holds no NUL) at its ends */
static void trim(const char **s, size_t *len, const char *set)
{
	while (*len && **s && strchr(set, **s))
		(*s)++, (*len)--;
	while (*len && (*s)[*len - 1] && strchr(set, (*s)[*len - 1]))
		(*len)--;
}

/* 1 when name holds sep and one of its pieces between seps names a column
 * of k: "Partner;By;Kind" is a header saved with another separator, where
 * "Notes; internal" is only an unknown name. */
static int joined_by(const struct import_kind *k, const char *name, size_t len, char sep)
{
	if (!memchr(name, sep, len))
		return 0;
	for (size_t a = 0; a <= len;) {
		size_t b = a;
		while (b < len && name[b] != sep)
			b++;
		const char *s = name + a;
		size_t slen = b - a;
		trim(&s, &slen, " \t\"");
		char piece[32];
		if (slen && normalise(s, slen, piece, sizeof piece))
			for (size_t c = 0; k->columns[c].name; c++)
				if (!strcmp(k->columns[c].name, piece))
					return 1;
		a = b + 1;
	}
	return 0;
}

/* "partner, po, style, ..." */
static void column_names(const struct import_kind *k, struct buf *b)
{
	for (size_t c = 0; k->columns[c].name; c++)
		buf_printf(b, "%s%s", c ? ", " : "", k->columns[c].name);
}

int import_header_map(const struct import_kind *k, const char *const *names, const size_t *lens, size_t n,
                      int partner_given, struct import_header *h, struct err *e)
{
	size_t ncol = import_ncolumns(k);
	memset(h, 0, sizeof *h);
	h->kind = k;
	h->n = n;
	for (size_t c = 0; c < IMPORT_MAX_COLUMNS; c++)
		h->pos[c] = -1;
	struct buf unknown = BUF_INIT, twice = BUF_INIT, b = BUF_INIT;
	size_t nunknown = 0, sep_len = 0;
	const char *sep = NULL;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		char name[32];
		if (!lens[i]) {
			/* a spreadsheet's empty column: its cells must be empty too */
			if (i < IMPORT_MAX_COLUMNS)
				h->col[i] = -1;
			continue;
		}
		if (strlen(names[i]) != lens[i] || !utf8_valid(names[i], lens[i])) {
			rc = err_set(e, ERR_INPUT, "column %zu: its name is not UTF-8 text", i + 1);
			goto out;
		}
		size_t c = 0;
		if (normalise(names[i], lens[i], name, sizeof name))
			while (c < ncol && strcmp(k->columns[c].name, name))
				c++;
		else
			c = ncol;
		if (c == ncol) {
			/* "Partner;By;Kind": a spreadsheet saved with another separator */
			if (!sep && (joined_by(k, names[i], lens[i], ';') || joined_by(k, names[i], lens[i], '\t'))) {
				sep = names[i];
				sep_len = lens[i];
			}
			/* a few names are enough to see the mistake */
			if (nunknown++ < 5)
				buf_printf(&unknown, "%s\"%.*s\"", unknown.len ? ", " : "", (int)import_cut(names[i], lens[i], 60),
				           names[i]);
			continue;
		}
		if (h->pos[c] >= 0) {
			if (!twice.len)
				buf_printf(&twice, "%s", k->columns[c].name);
			continue;
		}
		if (i >= IMPORT_MAX_COLUMNS) {
			rc = err_set(e, ERR_INPUT, "column %zu: too far right (a header has at most %d columns, empty ones included)",
			             i + 1, IMPORT_MAX_COLUMNS);
			goto out;
		}
		h->pos[c] = (int)i;
		h->col[i] = (int)c;
	}
	if (sep) {
		rc = err_set(e, ERR_INPUT,
		             "the header \"%.*s\" reads as one name: the file separates its values with %s, not commas "
		             "(save it as CSV UTF-8, comma-delimited)",
		             (int)import_cut(sep, sep_len, 60), sep, joined_by(k, sep, sep_len, ';') ? "semicolons" : "tabs");
		goto out;
	}
	if (nunknown || twice.len) {
		column_names(k, &b);
		if (nunknown)
			rc = err_set(e, ERR_INPUT, "unknown column%s %s%s (%s have: %s)", nunknown > 1 ? "s" : "", unknown.data,
			             nunknown > 5 ? ", ..." : "", k->name, b.data);
		else
			rc = err_set(e, ERR_INPUT, "column \"%s\" appears twice", twice.data);
		goto out;
	}
	/* a file of an order's records names them by po and the kind's part
	 * column, and needs none of the columns a record of its own does (a
	 * row of it without a po is still refused when it lacks a value) */
	int orders_records = 0, partner_missing = 0;
	for (size_t c = 0; c < ncol; c++)
		orders_records |= k->columns[c].role == IMPORT_PO && h->pos[c] >= 0;
	for (size_t c = 0; c < ncol; c++) {
		int part = orders_records && k->part && !strcmp(k->columns[c].name, k->part);
		if (h->pos[c] >= 0 || (!import_column_required(k, c) && !part) ||
		    (k->columns[c].role == IMPORT_PARTNER && partner_given) ||
		    (orders_records && k->columns[c].role != IMPORT_PARTNER && !part))
			continue;
		partner_missing |= k->columns[c].role == IMPORT_PARTNER;
		buf_printf(&b, "%s\"%s\"", b.len ? ", " : "", k->columns[c].name);
	}
	if (b.len)
		rc = err_set(e, ERR_INPUT, "missing column%s %s (required for %s%s%s)", strchr(b.data, ',') ? "s" : "",
		             b.data, k->name, orders_records ? " with a po" : "",
		             partner_missing ? "; or give the partner with --partner" : "");
out:
	buf_release(&unknown);
	buf_release(&twice);
	buf_release(&b);
	return rc;
}

/* A whole number as the command line takes one: digits with an optional
 * minus sign, nothing else. */
static int whole_number(const char *s, long long *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (!*s || *end || errno || !(isdigit((unsigned char)s[0]) || s[0] == '-'))
		return -1;
	*out = v;
	return 0;
}

static int formula_start(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

int import_guarded(const char *v, size_t len)
{
	size_t q = 0;
	while (q < len && v[q] == '\'')
		q++;
	return q > 0 && q < len && formula_start(v[q]);
}

int import_needs_guard(const char *v)
{
	while (*v == '\'')
		v++;
	return formula_start(*v);
}

int import_column_at(const struct import_header *h, size_t i)
{
	return i < IMPORT_MAX_COLUMNS ? h->col[i] : -1;
}

size_t import_cut(const char *v, size_t len, size_t max)
{
	return utf8_valid_prefix(v, len < max ? len : max);
}

/* How much of a value an error message quotes: up to 40 bytes of UTF-8. */
static size_t snippet(const char *v, size_t len)
{
	return import_cut(v, len, 40);
}

/* v as the JSON value of field f: a whole number for an integer field,
 * else a string; NULL when it is not a whole number. */
static json_t *field_value(const struct field *f, const char *name, const char *v, size_t len, struct err *e)
{
	long long num;
	if (f && f->type == F_INT) {
		if (whole_number(v, &num)) {
			err_set(e, ERR_INPUT, "column \"%s\": not a whole number: \"%.*s\"", name, (int)snippet(v, len), v);
			return NULL;
		}
		return json_integer(num);
	}
	return json_stringn(v, len);
}

/* The field of the first of k's closing events that has one named name
 * (its type is the same in each). */
static const struct field *close_field(const struct import_kind *k, const char *name)
{
	const struct field *f = NULL;
	for (const struct import_close *c = k->closes; c->event && !f; c++)
		f = event_field(c->event, name);
	return f;
}

/* "kept or broken": the outcomes of k's closes. */
static void outcome_names(const struct import_kind *k, struct buf *b)
{
	size_t n = 0;
	while (k->closes[n].event)
		n++;
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", k->closes[i].outcome);
}

/* Picks the close a row's closed, outcome and closing fields ask for, or
 * none: each needs the others as the kind has them. */
static int pick_close(const struct import_kind *k, const char *outcome, struct import_row *out, struct err *e)
{
	const char *closed = import_role_column(k, IMPORT_CLOSED), *how = import_role_column(k, IMPORT_OUTCOME);
	struct buf names = BUF_INIT;
	int rc = 0;
	if (outcome) {
		for (const struct import_close *c = k->closes; c->event; c++)
			if (c->outcome && !strcmp(c->outcome, outcome))
				out->close = c;
		if (!out->close) {
			outcome_names(k, &names);
			rc = err_set(e, ERR_INPUT, "column \"%s\": \"%s\" is not %s (leave it empty while it is open)", how,
			             outcome, names.data);
		} else if (!out->closed) {
			rc = err_set(e, ERR_INPUT, "column \"%s\": required with %s \"%s\" (when it was %s)", closed, how, outcome,
			             outcome);
		}
	} else if (out->closed) {
		if (how) {
			outcome_names(k, &names);
			rc = err_set(e, ERR_INPUT, "column \"%s\": required with \"%s\" (%s)", how, closed, names.data);
		} else {
			out->close = k->closes;
		}
	}
	/* the closing event's own fields: only with a close that has them */
	const char *key;
	json_t *v;
	json_object_foreach(out->close_body, key, v)
	{
		if (rc)
			break;
		const char *column = NULL;
		for (size_t c = 0; k->columns[c].name; c++)
			if (k->columns[c].role == IMPORT_CLOSE_FIELD && !strcmp(k->columns[c].field, key))
				column = k->columns[c].name;
		if (!out->close)
			rc = err_set(e, ERR_INPUT, "column \"%s\": given without \"%s\"", column, how ? how : closed);
		else if (!event_field(out->close->event, key))
			rc = err_set(e, ERR_INPUT, "column \"%s\": not for %s \"%s\"", column, how, out->close->outcome);
	}
	buf_release(&names);
	return rc;
}

int import_renegotiations(const char *v, struct import_renegotiation *out, size_t max, struct err *e)
{
	size_t n = 0;
	for (const char *p = v;; p++) {
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		trim(&p, &len, " \t");
		if (!len && !end && n)
			break; /* "...; " at the end */
		char where[64];
		snprintf(where, sizeof where, "column \"renegotiated\": entry %zu", n + 1);
		const char *on = NULL;
		for (size_t i = 0; i + 4 <= len && !on; i++)
			if (!memcmp(p + i, " on ", 4))
				on = p + i;
		if (!on)
			return err_set(e, ERR_INPUT, "%s: not \"DATE on TIME\" (the new due date and when it was agreed): \"%.*s\"",
			               where, (int)snippet(p, len), p);
		if (n == max)
			return err_set(e, ERR_INPUT, "column \"renegotiated\": more than %zu new dates", max);
		const char *date = p, *at = on + 4;
		size_t date_len = (size_t)(on - p), at_len = len - (size_t)(at - p);
		trim(&date, &date_len, " \t");
		trim(&at, &at_len, " \t");
		int y, m, d;
		char buf[sizeof out->due];
		if (date_len != 10)
			return err_set(e, ERR_INPUT, "%s: not a date: \"%.*s\" (want YYYY-MM-DD)", where,
			               (int)snippet(date, date_len), date);
		memcpy(buf, date, date_len);
		buf[date_len] = '\0';
		if (time_parse_date(buf, where, &y, &m, &d, e))
			return -1;
		if (!at_len || at_len >= sizeof out->at)
			return err_set(e, ERR_INPUT, "%s: not a time: \"%.*s\"", where, (int)snippet(at, at_len), at);
		memcpy(out[n].due, buf, sizeof buf);
		memcpy(out[n].at, at, at_len);
		out[n].at[at_len] = '\0';
		n++;
		if (!end)
			break;
		p = end;
	}
	return (int)n;
}

void import_renegotiation_format(struct buf *b, int first, const char *due, const char *at)
{
	buf_printf(b, "%s%s on %s", first ? "" : "; ", due, at);
}

void import_row_release(struct import_row *row)
{
	json_decref(row->body);
	json_decref(row->close_body);
	row->body = row->close_body = NULL;
}

int import_row_decode(const struct import_header *h, const char *const *values, const size_t *lens, size_t n,
                      struct import_row *out, struct err *e)
{
	const struct import_kind *k = h->kind;
	const char *outcome = NULL;
	*out = (struct import_row){.body = json_object()};
	/* a short row may leave out the empty columns at the header's end, a
	 * long one may end in empty values (trailing commas) */
	for (size_t i = n; i < h->n; i++)
		if (import_column_at(h, i) >= 0) {
			err_set(e, ERR_INPUT, "column \"%s\": missing (the row has %zu value%s, the header %zu)",
			        k->columns[import_column_at(h, i)].name, n, n == 1 ? "" : "s", h->n);
			goto fail;
		}
	for (size_t i = h->n; i < n; i++)
		if (lens[i]) {
			err_set(e, ERR_INPUT,
			        "column %zu: a value beyond the header's %zu columns: \"%.*s\" (a comma that should be quoted?)",
			        i + 1, h->n, (int)snippet(values[i], lens[i]), values[i]);
			goto fail;
		}
	for (size_t i = 0; i < n && i < h->n; i++) {
		if (!lens[i])
			continue;
		if (import_column_at(h, i) < 0) {
			err_set(e, ERR_INPUT, "column %zu: the header gives it no name, but this row has a value in it: \"%.*s\"",
			        i + 1, (int)snippet(values[i], lens[i]), values[i]);
			goto fail;
		}
		size_t c = (size_t)import_column_at(h, i);
		const char *name = k->columns[c].name, *v = values[i];
		const char *nul = memchr(v, '\0', lens[i]);
		if (nul) {
			err_set(e, ERR_INPUT, "column \"%s\": a NUL byte (byte %zu of the value)", name, (size_t)(nul - v) + 1);
			goto fail;
		}
		size_t good = utf8_valid_prefix(v, lens[i]);
		if (good < lens[i]) {
			err_set(e, ERR_INPUT,
			        "column \"%s\": not valid UTF-8 (byte %zu of the value): save the file as CSV UTF-8, "
			        "or name its encoding",
			        name, good + 1);
			goto fail;
		}
		size_t skip = (size_t)import_guarded(v, lens[i]), len = lens[i] - skip;
		v += skip;
		json_t *j;
		switch (k->columns[c].role) {
		case IMPORT_PARTNER:
			out->partner = v;
			continue;
		case IMPORT_AT:
			out->at = v;
			continue;
		case IMPORT_CLOSED:
			out->closed = v;
			continue;
		case IMPORT_OUTCOME:
			outcome = v;
			continue;
		case IMPORT_PO:
			out->po = v;
			continue;
		case IMPORT_FIRST_DUE:
			out->first_due = v;
			continue;
		case IMPORT_RENEGOTIATED:
			out->renegotiated = v;
			continue;
		case IMPORT_CLOSE_FIELD:
			if (!out->close_body)
				out->close_body = json_object();
			if (!(j = field_value(close_field(k, k->columns[c].field), name, v, len, e)))
				goto fail;
			json_object_set_new(out->close_body, k->columns[c].field, j);
			continue;
		case IMPORT_FIELD:
			break;
		}
		if (!(j = field_value(import_column_field(k, c), name, v, len, e)))
			goto fail;
		json_object_set_new(out->body, name, j);
	}
	if (k->closes && pick_close(k, outcome, out, e))
		goto fail;
	if (out->close && !out->close_body)
		out->close_body = json_object();
	return 0;
fail:
	import_row_release(out);
	*out = (struct import_row){0};
	return -1;
}

/* "field: ..." as `column "NAME": ...` for the first of k's columns of
 * one of the roles (a mask) whose field is field. */
static void error_column(const struct import_kind *k, unsigned roles, struct err *e)
{
	const char *colon = strstr(e->msg, ": ");
	if (!colon)
		return;
	size_t len = (size_t)(colon - e->msg);
	for (size_t c = 0; k->columns[c].name; c++) {
		const struct import_column *col = &k->columns[c];
		const char *field = col->role == IMPORT_CLOSE_FIELD ? col->field
		                    : col->role == IMPORT_CLOSED   ? "at"
		                                                   : col->name;
		if (!(roles & 1u << col->role) || strlen(field) != len || strncmp(field, e->msg, len))
			continue;
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "column \"%s\": %s", col->name, colon + 2);
		snprintf(e->msg, sizeof e->msg, "%s", msg);
		return;
	}
}

void import_error_column(const struct import_kind *k, struct err *e)
{
	error_column(k, 1u << IMPORT_FIELD | 1u << IMPORT_PARTNER | 1u << IMPORT_AT, e);
}

void import_close_error_column(const struct import_kind *k, struct err *e)
{
	error_column(k, 1u << IMPORT_CLOSED | 1u << IMPORT_CLOSE_FIELD, e);
}
