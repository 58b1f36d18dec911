/* import.h - the CSV shapes of rapport import and export: for each kind
 * its columns (the header names, docs/csv.md), the event a row becomes, and
 * how a header and a row's values are read. Pure: no SQL, no I/O; the
 * command (cmd_import.c) appends what this decodes. */
#ifndef RAPPORT_IMPORT_H
#define RAPPORT_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "util/err.h"

#define IMPORT_MAX_COLUMNS 16

enum import_role {
	IMPORT_FIELD,       /* the event body field of the same name */
	IMPORT_PARTNER,     /* the partner's id (or --partner) */
	IMPORT_AT,          /* when it happened (default: now) */
	IMPORT_CLOSED,      /* when the record was closed (paid, kept, broken): empty while it is open */
	IMPORT_OUTCOME,     /* how it was closed, naming one of the kind's closes ("kept") */
	IMPORT_CLOSE_FIELD, /* a body field of the closing event (field) */
	IMPORT_PO,          /* an order's PO: the row is that order's payment or milestone, which the order made */
	IMPORT_FIRST_DUE,   /* the date a renegotiated record was first due (its due column: the date now) */
	IMPORT_RENEGOTIATED, /* the new dates agreed, in order: "DATE on TIME; ..." (import_renegotiations) */
};

struct import_column {
	const char *name;  /* the header name, as export writes it */
	enum import_role role;
	const char *field; /* IMPORT_CLOSE_FIELD: the closing event's field ("amount" for paid_amount) */
};

/* How a row's record may already be closed: a second event, appended
 * after the row's own, at the closed column's time. */
struct import_close {
	const char *outcome; /* the outcome column's value choosing it; NULL when the closed column alone does */
	const char *event;   /* "payment.paid" */
	const char *ref;     /* its body field naming the row's record: "payment" */
};

struct import_kind {
	const char *name;  /* "orders" */
	const char *one;   /* one row's record: "order" */
	const char *event; /* the event each row appends: "order.add" */
	const char *what;  /* one line for --help and docs */
	const struct import_column *columns; /* {0}-terminated; partner first */
	const struct import_close *closes;   /* {0}-terminated, or NULL: rows are never closed */
	const char *part; /* with a po: the column naming which of the order's records ("label"), or NULL */
};

extern const struct import_kind import_kinds[];
extern const size_t import_nkinds;

const struct import_kind *import_kind_find(const char *name);
/* The kinds' names joined: "orders, payments, contacts, people or commitments". */
const char *import_kind_list(void);
/* How many columns k has. */
size_t import_ncolumns(const struct import_kind *k);
/* The event body field column c of k fills (its name and type), or NULL
 * for a column that is no field of the row's own event (partner, at, a
 * closing column). */
struct field;
const struct field *import_column_field(const struct import_kind *k, size_t c);
/* Whether column c of k must have a value in every row (partner: unless
 * --partner is given). */
int import_column_required(const struct import_kind *k, size_t c);

/* A mapped header row. */
struct import_header {
	const struct import_kind *kind;
	size_t n;                        /* values in the header (and in every row) */
	int col[IMPORT_MAX_COLUMNS];     /* for each header value, the kind's column */
	int pos[IMPORT_MAX_COLUMNS];     /* for each kind column, its header position, -1 when absent */
};

/* Maps the header row's names to k's columns: case is ignored, and a '-'
 * or a space reads as '_' ("Ex-Factory" is ex_factory); an empty name is a
 * column to leave empty. ERR_INPUT naming every unknown or repeated name,
 * or every required column that is missing (partner is required unless
 * partner_given; with a po column only partner is, and k's part column),
 * or the separator when the names are joined by ';' or a tab. */
int import_header_map(const struct import_kind *k, const char *const *names, const size_t *lens, size_t n,
                      int partner_given, struct import_header *h, struct err *e);

/* The kind's column at header position i; -1 for one the header leaves
 * without a name (a spreadsheet's empty column: its values must be empty). */
int import_column_at(const struct import_header *h, size_t i);

/* One row read against its header. */
struct import_row {
	json_t *body;        /* the event body: owned, release with json_decref */
	const char *partner; /* the partner column's value, NULL when absent or empty */
	const char *at;      /* the at column's value, NULL when absent or empty */
	const char *po;      /* the po column's value (an order's record), NULL when absent or empty */
	const char *first_due;    /* the first_due column's value, NULL when absent or empty */
	const char *renegotiated; /* the renegotiated column's value, NULL when absent or empty */
	/* a record closed already: the closing event, its time and its body
	 * (owned; without the reference to the record, which the row's append
	 * gives), or NULLs for an open one */
	const struct import_close *close;
	const char *closed;
	json_t *close_body;
};

/* Decodes one row of n values, as many as the header has columns, or
 * fewer when those left out are unnamed, or more when the extra ones are
 * empty: every value must be UTF-8 without NUL bytes; an empty value
 * leaves its field out (the event's validation then says if it was
 * required); integer fields take whole numbers. ERR_INPUT with the message
 * `column "NAME": ...` (`column N: ...` for a value with no named column). */
int import_row_decode(const struct import_header *h, const char *const *values, const size_t *lens, size_t n,
                      struct import_row *out, struct err *e);
/* One entry of a renegotiated column: the new due date and the time it
 * was agreed, as written (the caller reads the time as it reads at). */
struct import_renegotiation {
	char due[11];
	char at[48];
};

/* Splits a renegotiated value, entries "DATE on TIME" joined by ';'
 * ("2026-12-18 on 2026-11-30T09:00:00Z; 2027-01-08 on 2026-12-10"), each
 * date checked, into up to max entries: their number, or -1 with
 * ERR_INPUT naming the column and the entry. */
int import_renegotiations(const char *v, struct import_renegotiation *out, size_t max, struct err *e);
/* Writes one entry as import_renegotiations reads it, with "; " before it
 * when it is not the first. */
struct buf;
void import_renegotiation_format(struct buf *b, int first, const char *due, const char *at);

/* Releases what import_row_decode made. */
void import_row_release(struct import_row *row);
/* The name of k's first column of role, or NULL. */
const char *import_role_column(const struct import_kind *k, enum import_role role);
/* The name of k's column of role IMPORT_CLOSED ("paid"), or NULL. */
const char *import_closed_column(const struct import_kind *k);
/* How many of v's len bytes to quote in a message: at most max, cut at a
 * whole character (and before any ill-formed byte). */
size_t import_cut(const char *v, size_t len, size_t max);

/* Spreadsheets run a cell that starts with = + - @, a tab or a carriage
 * return as a formula, so a note one side typed could run in the other's
 * spreadsheet. Export writes such a value, and one that is already a
 * quote-prefixed such value, with one more ' in front; import takes one '
 * off a value of '+ followed by one of those characters. 1 when v starts
 * with ' followed by such a value (import drops that quote), or 0. */
int import_guarded(const char *v, size_t len);
/* 1 when export must put a ' before v. */
int import_needs_guard(const char *v);

/* Turns a validation message "field: ..." about one of k's columns into
 * `column "field": ...`; other messages stay as they are. */
void import_error_column(const struct import_kind *k, struct err *e);
/* The same for the closing event's message: its fields are the
 * IMPORT_CLOSE_FIELD columns, its at the closed column. */
void import_close_error_column(const struct import_kind *k, struct err *e);

#endif
