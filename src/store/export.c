/* export.c - the queries behind rapport export. Their column names must be
 * import.c's column names in its order; cmd_export.c checks they are.
 * Commitments and payments that belong to an order are left out: importing
 * the order makes them again. */
#include "store/export.h"

#include <string.h>

#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"

static const struct {
	const char *kind, *sql;
} queries[] = {
	{"orders", "SELECT rel AS partner, po, style, qty, price, currency, ex_factory, " ISO("placed_at") " AS at"
	           " FROM orders WHERE rel = ?1 ORDER BY id"},
	{"payments", "SELECT p.rel AS partner, p.amount, p.currency, p.due, p.label, " ISO("e.at") " AS at"
	             " FROM payments p JOIN events e ON e.id = p.id"
	             " WHERE p.rel = ?1 AND p.order_id IS NULL ORDER BY p.id"},
	{"contacts", "SELECT rel AS partner, by_side AS \"by\", kind, note, " ISO("at") " AS at"
	             " FROM contacts WHERE rel = ?1 ORDER BY event_id"},
	{"people", "SELECT rel AS partner, side, name, role, lang, " ISO("added_at") " AS at"
	           " FROM people WHERE rel = ?1 ORDER BY id"},
	{"commitments", "SELECT rel AS partner, side, what, due, " ISO("made_at") " AS at"
	                " FROM commitments WHERE rel = ?1 AND order_id IS NULL ORDER BY id"},
};

#define MAX_COLUMNS 16

int store_export_each(struct db *db, const char *kind, int64_t rel, store_export_fn fn, void *ctx, struct err *e)
{
	size_t q = 0, nq = sizeof queries / sizeof queries[0];
	while (q < nq && strcmp(queries[q].kind, kind))
		q++;
	if (q == nq)
		return err_set(e, ERR_IO, "export: no query for \"%s\"", kind);
	struct db_stmt *s = db_stmt(db, queries[q].sql, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	int n = db_col_count(s), rc, r = 0;
	if (n > MAX_COLUMNS)
		n = MAX_COLUMNS;
	const char *names[MAX_COLUMNS], *values[MAX_COLUMNS];
	for (int c = 0; c < n; c++)
		names[c] = db_col_name(s, c);
	while (r == 0 && (rc = db_step(s)) == DB_ROW) {
		for (int c = 0; c < n; c++)
			values[c] = db_col_text(s, c);
		r = fn(ctx, n, names, values);
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "exporting");
	db_reset(s);
	return r;
}
