/* recorded.c - records an import finds there already (recorded.h). */
#include "store/recorded.h"

#include <string.h>

#include "event.h"
#include "store/domain.h"

/* A decimal text column equal to a parameter as an amount: a spreadsheet
 * saves 101.10 as 101.1, and 720 and 720.00 are one price (both dialects
 * read the text as an exact NUMERIC, SQLite as the same REAL). */
#define SAME_AMOUNT(col, n) "CAST(" col " AS NUMERIC) = CAST(?" #n " AS NUMERIC)"
/* A nullable text column equal to a parameter, NULL to NULL. */
#define SAME(col, n) "(" col " = ?" #n " OR (" col " IS NULL AND ?" #n " IS NULL))"

static const struct {
	const char *event, *sql, *types;
	const char *fields[6]; /* the body's, bound after rel and at (an order's qty a number), then before */
} lookups[] = {
	{"contact",
	 "SELECT event_id FROM contacts WHERE rel = ?1 AND at = ?2 AND by_side = ?3 AND kind = ?4 AND " SAME("note", 5)
	 " AND event_id <= ?6 LIMIT 1",
	 "iittti", {"by", "kind", "note"}},
	{"person.add",
	 "SELECT id FROM people WHERE rel = ?1 AND added_at = ?2 AND side = ?3 AND name = ?4 AND role = ?5 AND "
	 SAME("lang", 6) " AND id <= ?7 LIMIT 1",
	 "iitttti", {"side", "name", "role", "lang"}},
	{"payment.due",
	 "SELECT p.id FROM payments p JOIN events e ON e.id = p.id WHERE p.rel = ?1 AND e.at = ?2 AND "
	 SAME_AMOUNT("p.amount", 3) " AND p.currency = ?4 AND p.due = ?5 AND " SAME("p.label", 6) " AND p.order_id IS NULL AND p.id <= ?7 LIMIT 1",
	 "iitttti", {"amount", "currency", "due", "label"}},
	/* due now, or before it was renegotiated; its state listed, so that the
	 * index on (rel, state, due) is used */
	{"commitment.add",
	 "SELECT id FROM commitments WHERE rel = ?1 AND made_at = ?2 AND side = ?3 AND what = ?4 AND "
	 "state IN ('open', 'kept', 'broken') AND due = ?5 AND order_id IS NULL AND id <= ?6 "
	 "UNION ALL SELECT c.id FROM renegotiations g JOIN commitments c ON c.id = g.commitment WHERE g.rel = ?1 "
	 "AND g.old_due = ?5 AND c.made_at = ?2 AND c.side = ?3 AND c.what = ?4 AND c.order_id IS NULL AND c.id <= ?6 "
	 "LIMIT 1",
	 "iittti", {"side", "what", "due"}},
	{"order.add",
	 "SELECT id FROM orders WHERE rel = ?1 AND placed_at = ?2 AND po = ?3 AND style = ?4 AND qty = ?5 AND "
	 SAME_AMOUNT("price", 6) " AND currency = ?7 AND ex_factory = ?8 AND id <= ?9 LIMIT 1",
	 "iittittti", {"po", "style", "qty", "price", "currency", "ex_factory"}},
};

int store_last_event_id(struct db *db, int64_t *id, struct err *e)
{
	struct store_row row;
	int r = store_row(db, "SELECT coalesce(max(id), 0) FROM events", e, &row, "");
	if (r < 0)
		return -1;
	*id = r ? row.i[0] : 0;
	return 0;
}

static const char *text(const json_t *body, const char *name)
{
	return json_string_value(json_object_get(body, name));
}

int store_recorded(struct db *db, const char *event, int64_t rel, int64_t at, const json_t *body, int64_t before,
                   int64_t *id, struct err *e)
{
	size_t k = 0, n = sizeof lookups / sizeof lookups[0];
	while (k < n && strcmp(lookups[k].event, event))
		k++;
	if (k == n)
		return 0;
	const char *const *f = lookups[k].fields;
	const char *sql = lookups[k].sql, *types = lookups[k].types;
	struct store_row row;
	int r;
	if (!strcmp(event, "order.add"))
		r = store_row(db, sql, e, &row, types, rel, at, text(body, f[0]), text(body, f[1]),
		              (int64_t)json_integer_value(json_object_get(body, f[2])), text(body, f[3]), text(body, f[4]),
		              text(body, f[5]), before);
	else if (f[3])
		r = store_row(db, sql, e, &row, types, rel, at, text(body, f[0]), text(body, f[1]), text(body, f[2]),
		              text(body, f[3]), before);
	else
		r = store_row(db, sql, e, &row, types, rel, at, text(body, f[0]), text(body, f[1]), text(body, f[2]),
		              before);
	if (r > 0)
		*id = row.i[0];
	return r;
}

int store_outcome(struct db *db, const char *event, int64_t id, const json_t *body, struct store_outcome *out,
                  struct err *e)
{
	struct store_row row;
	int r;
	if (!strcmp(event, "payment.due")) {
		r = store_row(db, "SELECT paid_at, paid_amount, amount FROM payments WHERE id = ?1 AND paid_at IS NOT NULL", e,
		              &row, "i", id);
		/* paid without an amount: all of it (project.c) */
		const char *paid = text(body, "amount") ? text(body, "amount") : row.t[2];
		if (r > 0)
			*out = (struct store_outcome){"payment.paid", row.i[0],
			                              event_decimal_units(paid) == event_decimal_units(row.t[1])};
	} else if (!strcmp(event, "commitment.add")) {
		r = store_row(db,
		              "SELECT state, closed_at, CASE WHEN " SAME("reason", 2) " THEN 1 ELSE 0 END FROM commitments "
		              "WHERE id = ?1 AND state <> 'open'",
		              e, &row, "it", id, text(body, "reason"));
		if (r > 0)
			*out = (struct store_outcome){strcmp(row.t[0], "kept") ? "commitment.break" : "commitment.keep",
			                              row.i[1], (int)row.i[2]};
	} else {
		return 0;
	}
	return r;
}

int store_order_part(struct db *db, const char *event, int64_t rel, const char *po, const char *name,
                     struct store_part *out, struct err *e)
{
	struct store_row row;
	*out = (struct store_part){0};
	int r = store_row(db, "SELECT id FROM orders WHERE rel = ?1 AND po = ?2", e, &row, "it", rel, po);
	if (r <= 0)
		return r;
	out->order = row.i[0];
	int payment = !strcmp(event, "payment.due");
	r = store_row(db,
	              /* the first of the name: the one the order made (a payment
	               * given the order later may have the same label) */
	              payment ? "SELECT id, amount, currency FROM payments WHERE order_id = ?1 AND order_id IS NOT NULL AND "
	                        "label = ?2 ORDER BY id LIMIT 1"
	                      : "SELECT id FROM commitments WHERE order_id = ?1 AND order_id IS NOT NULL AND milestone = ?2 "
	                        "ORDER BY id LIMIT 1",
	              e, &row, "it", out->order, name);
	if (r <= 0)
		return r;
	out->id = row.i[0];
	if (payment) {
		store_text_copy(out->amount, sizeof out->amount, row.t[1]);
		store_text_copy(out->currency, sizeof out->currency, row.t[2]);
	}
	return 0;
}

int store_first_due(struct db *db, int64_t id, char out[11], struct err *e)
{
	struct store_row row;
	int r = store_row(db,
	                  "SELECT coalesce((SELECT old_due FROM renegotiations WHERE commitment = ?1 ORDER BY id LIMIT 1), "
	                  "due) FROM commitments WHERE id = ?1",
	                  e, &row, "i", id);
	if (r > 0)
		store_text_copy(out, 11, row.t[0]);
	return r;
}

int store_renegotiations(struct db *db, int64_t id, int64_t *at, char (*due)[11], size_t max, struct err *e)
{
	struct db_stmt *s = db_stmt(db, "SELECT at, new_due FROM renegotiations WHERE commitment = ?1 ORDER BY id", e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, id);
	int rc, n = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		if ((size_t)n < max) {
			at[n] = db_col_int64(s, 0);
			store_text_copy(due[n], sizeof due[n], db_col_text(s, 1));
		}
		n++;
	}
	if (rc != DB_DONE)
		n = db_fail(db, e, "reading renegotiations");
	db_reset(s);
	return n;
}
