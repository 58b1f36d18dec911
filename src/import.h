/* import.h - the CSV shapes of rapport import and export: for each kind
 * its columns (the header names, docs/csv.md), the event a row becomes, and
 * how a header and a row's values are read. Pure: no SQL, no I/O; the
 * command (cmd_import.c) appends what this decodes. */
#ifndef RAPPORT_IMPORT_H
#define RAPPORT_IMPORT_H

#include <jansson.h>
#include <stddef.h>

#include "util/err.h"

#define IMPORT_MAX_COLUMNS 12

enum import_role {
	IMPORT_FIELD,   /* the event body field of the same name */
	IMPORT_PARTNER, /* the partner's id (or --partner) */
	IMPORT_AT,      /* when it happened (default: now) */
};

struct import_column {
	const char *name; /* the header name, as export writes it */
	enum import_role role;
};

struct import_kind {
	const char *name;  /* "orders" */
	const char *event; /* the event each row appends: "order.add" */
	const char *what;  /* one line for --help and docs */
	const struct import_column *columns; /* {0}-terminated; partner first */
};

extern const struct import_kind import_kinds[];
extern const size_t import_nkinds;

const struct import_kind *import_kind_find(const char *name);
/* The kinds' names joined: "orders, payments, contacts, people or commitments". */
const char *import_kind_list(void);
/* How many columns k has. */
size_t import_ncolumns(const struct import_kind *k);
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
 * partner_given), or the separator when the names are joined by ';' or a
 * tab. */
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
};

/* Decodes one row of n values, as many as the header has columns, or
 * fewer when those left out are unnamed, or more when the extra ones are
 * empty: every value must be UTF-8 without NUL bytes; an empty value
 * leaves its field out (the event's validation then says if it was
 * required); integer fields take whole numbers. ERR_INPUT with the message
 * `column "NAME": ...` (`column N: ...` for a value with no named column). */
int import_row_decode(const struct import_header *h, const char *const *values, const size_t *lens, size_t n,
                      struct import_row *out, struct err *e);

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

#endif
