/* export.h - one partner's rows of a CSV kind written out in the shape
 * rapport import reads (import.h's columns, in order): CSV (RFC 4180, CRLF
 * line ends, UTF-8 without a byte order mark, a ' before a value a
 * spreadsheet would run as a formula) or a JSON array of objects. Shared by
 * rapport export and the web app's downloads; the queries are
 * store/export.c's. */
#ifndef RAPPORT_EXPORT_H
#define RAPPORT_EXPORT_H

#include <stdint.h>
#include <stdio.h>

#include "import.h"
#include "store/db.h"

enum export_format { EXPORT_CSV, EXPORT_JSON };

/* Writes partner rel's rows of kind k to f: 0, or -1 with e set (ERR_IO
 * when a query's columns are not import's). Does not check f for write
 * errors: the caller does, as it knows what f is. */
int export_rows(struct db *db, const struct import_kind *k, int64_t rel, enum export_format format, FILE *f,
                struct err *e);

#endif
