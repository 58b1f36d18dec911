/* export.c - the queries behind rapport export. Their column names must be
 * import.c's column names in its order; cmd_export.c checks they are.
 * Payments and commitments come in the order they were agreed (their at),
 * not of their ids: imported into another database after the orders, an
 * order's records get ids before those agreed earlier, and the export
 * made there must be the same bytes.
 * The deposit, balance and milestones an order made carry its PO (and a
 * milestone its name): importing the order makes them again, and importing
 * them after it records how they went. Other records given an order (a
 * second "deposit", a promise of another name) are left out: no import
 * could name them. A renegotiated commitment carries the date it was
 * first due and each new date with the time it was agreed, so that its
 * import renegotiates it again (SQL of both dialects here cannot join
 * them in order, SQLite 3.40's group_concat having no ORDER BY, so the
 * query gives the commitment's id in that column and C writes them). */
#include "store/export.h"

#include <stdlib.h>
#include <string.h>

#include "import.h"
#include "order.h"
#include "store/recorded.h"
#include "util/buf.h"
#include "util/time.h"

/* x's record is the first of its order with its name (label, milestone),
 * one of the names an order makes: the one the order made */
#define OWN(x, table, name, names)                                                                          \
	"(" x ".order_id IS NULL OR (" x "." name " IN (" names ") AND " x ".id = (SELECT min(y.id) FROM " table \
	" y WHERE y.order_id = " x ".order_id AND y." name " = " x "." name ")))"
#define SQL_NAME(name, days) "'" name "', "
#define MILESTONE_NAMES ORDER_MILESTONES(SQL_NAME) "''"
#define PAYMENT_NAMES "'" ORDER_DEPOSIT "', '" ORDER_BALANCE "'"

/* The queries are written once with the dialect's date function as a
 * macro: SQLite's in queries, PostgreSQL's in queries_pg. */
#define QUERIES(ISO) \
	Q("orders", "SELECT rel AS partner, po, style, qty, price, currency, ex_factory, " ISO("placed_at") " AS at" \
	           " FROM orders WHERE rel = ?1 ORDER BY id") \
	Q("payments", "SELECT p.rel AS partner, p.amount, p.currency, p.due, p.label, " ISO("e.at") " AS at, " \
	             ISO("p.paid_at") " AS paid, p.paid_amount, o.po" \
	             " FROM payments p JOIN events e ON e.id = p.id LEFT JOIN orders o ON o.id = p.order_id" \
	             " WHERE p.rel = ?1 AND " OWN("p", "payments", "label", PAYMENT_NAMES) " ORDER BY e.at, p.id") \
	Q("contacts", "SELECT rel AS partner, by_side AS \"by\", kind, note, " ISO("at") " AS at" \
	             " FROM contacts WHERE rel = ?1 ORDER BY event_id") \
	Q("people", "SELECT rel AS partner, side, name, role, lang, " ISO("added_at") " AS at" \
	           " FROM people WHERE rel = ?1 ORDER BY id") \
	Q("commitments", "SELECT c.rel AS partner, c.side, c.what, c.due, " ISO("c.made_at") " AS at," \
	                " CASE WHEN c.state = 'open' THEN NULL ELSE c.state END AS outcome, " ISO("c.closed_at") \
	                " AS closed," \
	                " c.reason, o.po, CASE WHEN c.order_id IS NOT NULL THEN c.milestone END AS milestone," \
	                " (SELECT r.old_due FROM renegotiations r WHERE r.commitment = c.id ORDER BY r.id LIMIT 1)" \
	                " AS first_due, CASE WHEN c.renegotiations > 0 THEN c.id END AS renegotiated" \
	                " FROM commitments c LEFT JOIN orders o ON o.id = c.order_id" \
	                " WHERE c.rel = ?1 AND " OWN("c", "commitments", "milestone", MILESTONE_NAMES) " ORDER BY c.made_at, c.id") \
	/* end of QUERIES */

#define ISO_SQLITE(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"
#define ISO_PG(col) "to_char(to_timestamp(" col ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"

static const struct {
	const char *kind, *sql;
} queries[] = {
#define Q(kind, sql) {kind, sql},
	QUERIES(ISO_SQLITE)
#undef Q
};
static const char *const queries_pg[] = {
#define Q(kind, sql) sql,
	QUERIES(ISO_PG)
#undef Q
};

#define MAX_COLUMNS 16

/* The renegotiated column of commitment id: "DATE on TIME; ..." */
static int renegotiations(struct db *db, int64_t id, struct buf *out, struct err *e)
{
	enum { FEW = 16 };
	int64_t few_at[FEW], *at = few_at;
	char few_due[FEW][11], (*due)[11] = few_due;
	int n = store_renegotiations(db, id, at, due, FEW, e), room = FEW;
	if (n > FEW) {
		/* more than a few: read them again into room for all */
		room = n;
		if (!(at = malloc((size_t)n * sizeof *at)) || !(due = malloc((size_t)n * sizeof *due)))
			abort();
		n = store_renegotiations(db, id, at, due, (size_t)n, e);
	}
	out->len = 0;
	buf_printf(out, "%s", "");
	for (int i = 0; i < n && i < room; i++) {
		char when[21];
		time_format_utc(at[i], when);
		import_renegotiation_format(out, i == 0, due[i], when);
	}
	if (at != few_at) {
		free(at);
		free(due);
	}
	return n < 0 ? -1 : 0;
}

int store_export_each(struct db *db, const char *kind, int64_t rel, store_export_fn fn, void *ctx, struct err *e)
{
	size_t q = 0, nq = sizeof queries / sizeof queries[0];
	while (q < nq && strcmp(queries[q].kind, kind))
		q++;
	if (q == nq)
		return err_set(e, ERR_IO, "export: no query for \"%s\"", kind);
	struct db_stmt *s = db_stmt(db, db_sql(db, queries[q].sql, queries_pg[q]), e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	int n = db_col_count(s), rc, r = 0;
	if (n > MAX_COLUMNS)
		n = MAX_COLUMNS;
	const char *names[MAX_COLUMNS], *values[MAX_COLUMNS];
	int renegotiated = -1;
	for (int c = 0; c < n; c++)
		if (!strcmp(names[c] = db_col_name(s, c), "renegotiated"))
			renegotiated = c;
	struct buf list = BUF_INIT;
	while (r == 0 && (rc = db_step(s)) == DB_ROW) {
		for (int c = 0; c < n; c++)
			values[c] = db_col_text(s, c);
		if (renegotiated >= 0 && values[renegotiated]) {
			if (renegotiations(db, strtoll(values[renegotiated], NULL, 10), &list, e)) {
				r = -1;
				break;
			}
			values[renegotiated] = list.data;
		}
		r = fn(ctx, n, names, values);
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "exporting");
	db_reset(s);
	buf_release(&list);
	return r;
}
