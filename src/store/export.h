/* export.h - SQL for rapport export: one partner's rows of a CSV kind with
 * the columns, in the order and under the names, that import reads
 * (import.c's table), oldest first. Prints nothing. */
#ifndef RAPPORT_STORE_EXPORT_H
#define RAPPORT_STORE_EXPORT_H

#include <stdint.h>

#include "store/db.h"

/* One row: n values named by names, each NULL when the cell is empty.
 * Both live until the callback returns; it returns non-zero to stop. */
typedef int (*store_export_fn)(void *ctx, int n, const char *const *names, const char *const *values);

/* Calls fn for each of partner rel's rows of kind ("orders", ...): 0, fn's
 * non-zero value, or -1 with e set (ERR_IO also for a kind with no query). */
int store_export_each(struct db *db, const char *kind, int64_t rel, store_export_fn fn, void *ctx, struct err *e);

#endif
