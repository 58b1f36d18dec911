/* domain.c - SQL for the practice projections and their listings. All
 * statements are string literals with bound parameters, prepared once
 * through db_stmt. */
#include "store/domain.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static int bind_args(struct db_stmt *s, const char *types, va_list ap)
{
	for (int i = 0; types[i]; i++) {
		int p = i + 1;
		switch (types[i]) {
		case 'i':
			db_bind_int64(s, p, va_arg(ap, int64_t));
			break;
		case 'I': {
			int64_t v = va_arg(ap, int64_t);
			if (v)
				db_bind_int64(s, p, v);
			else
				db_bind_null(s, p);
			break;
		}
		case 'b':
			db_bind_int(s, p, va_arg(ap, int) != 0);
			break;
		case 'd':
			db_bind_double(s, p, va_arg(ap, double));
			break;
		case 't': {
			db_bind_text(s, p, va_arg(ap, const char *)); /* NULL binds NULL */
			break;
		}
		default:
			return -1;
		}
	}
	return 0;
}

/* The cached statement for sql with the arguments bound; NULL with e set
 * (naming the caller `who` when types is wrong). */
static const char *dialect(struct db *db, const char *sql);

static struct db_stmt *bound(struct db *db, const char *sql, struct err *e, const char *who, const char *types, va_list ap)
{
	struct db_stmt *s = db_stmt(db, dialect(db, sql), e);
	if (s && bind_args(s, types, ap)) {
		err_set(e, ERR_IO, "%s: bad type string \"%s\"", who, types);
		return NULL;
	}
	return s;
}

/* The current row of s, in every form a caller may read it (the first 8
 * columns). Integers are written out by hand: this runs for every row of
 * every scan, and snprintf or SQLite's own text conversion cost more than
 * the query. */
static void int_text(char *out, int64_t v)
{
	char tmp[24];
	int n = 0;
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	do
		tmp[n++] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*out++ = '-';
	while (n)
		*out++ = tmp[--n];
	*out = 0;
}

static void read_row(struct db_stmt *s, struct store_row *row)
{
	int n = db_col_count(s);
	if (n > 8)
		n = 8;
	for (int c = 0; c < n; c++) {
		enum db_type type = db_col_type(s, c);
		row->null[c] = type == DB_NULL;
		if (type == DB_INTEGER) {
			row->i[c] = db_col_int64(s, c);
			row->d[c] = (double)row->i[c];
			int_text(row->t[c], row->i[c]);
			continue;
		}
		row->i[c] = db_col_int64(s, c);
		row->d[c] = db_col_double(s, c);
		const char *t = db_col_text(s, c);
		size_t len = t ? (size_t)db_col_bytes(s, c) : 0;
		if (len >= sizeof row->t[c])
			len = sizeof row->t[c] - 1;
		memcpy(row->t[c], t ? t : "", len);
		row->t[c][len] = 0;
	}
	for (int c = n; c < 8; c++) {
		row->i[c] = 0;
		row->d[c] = 0;
		row->t[c][0] = 0;
		row->null[c] = 0;
	}
}

int store_run(struct db *db, const char *sql, struct err *e, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = bound(db, sql, e, "store_run", types, ap);
	va_end(ap);
	if (!s)
		return -1;
	if (db_step(s) != DB_DONE)
		return db_fail(db, e, "writing");
	return db_changes(db);
}

int store_run_id(struct db *db, const char *sql, struct err *e, int64_t *id, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = bound(db, sql, e, "store_run_id", types, ap);
	va_end(ap);
	if (!s)
		return -1;
	return db_step_id(s, id) ? db_fail(db, e, "writing") : 0;
}

int store_row(struct db *db, const char *sql, struct err *e, struct store_row *row, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = bound(db, sql, e, "store_row", types, ap);
	va_end(ap);
	if (!s)
		return -1;
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading");
	read_row(s, row);
	db_reset(s);
	return 1;
}

int store_each(struct db *db, const char *sql, struct err *e, int (*fn)(void *ctx, const struct store_row *row),
               void *ctx, const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	struct db_stmt *s = bound(db, sql, e, "store_each", types, ap);
	va_end(ap);
	if (!s)
		return -1;
	struct store_row row;
	int r = 0, rc;
	while (r == 0 && (rc = db_step(s)) == DB_ROW) {
		read_row(s, &row);
		r = fn(ctx, &row);
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "reading");
	db_reset(s);
	return r;
}

/* Entities that events refer to by id, and the table that holds them. */
static const struct {
	const char *entity;
	const char *rel_sql;
	const char *void_sql;
} entities[] = {
	{"person", "SELECT rel FROM people WHERE id = ?1", "DELETE FROM people WHERE id = ?1"},
	{"commitment", "SELECT rel FROM commitments WHERE id = ?1", "DELETE FROM commitments WHERE id = ?1"},
	{"order", "SELECT rel FROM orders WHERE id = ?1", "DELETE FROM orders WHERE id = ?1"},
	{"issue", "SELECT rel FROM issues WHERE id = ?1", "DELETE FROM issues WHERE id = ?1"},
	{"action", "SELECT rel FROM actions WHERE id = ?1", "DELETE FROM actions WHERE id = ?1"},
	{"visit", "SELECT rel FROM visits WHERE id = ?1", "DELETE FROM visits WHERE id = ?1"},
	{"suggestion", "SELECT rel FROM suggestions WHERE id = ?1", "DELETE FROM suggestions WHERE id = ?1"},
	{"payment", "SELECT rel FROM payments WHERE id = ?1", "DELETE FROM payments WHERE id = ?1"},
	{"spec", "SELECT rel FROM specs WHERE id = ?1", "DELETE FROM specs WHERE id = ?1"},
	{"update", "SELECT rel FROM updates WHERE id = ?1", "DELETE FROM updates WHERE id = ?1"},
	{"greeting", "SELECT rel FROM greetings WHERE id = ?1", "DELETE FROM greetings WHERE id = ?1"},
	{"contact", "SELECT rel FROM contacts WHERE event_id = ?1", "DELETE FROM contacts WHERE event_id = ?1"},
	{"closure", "SELECT rel FROM closures WHERE id = ?1", "DELETE FROM closures WHERE id = ?1"},
};

static int entity_index(const char *entity)
{
	for (size_t i = 0; i < sizeof entities / sizeof entities[0]; i++)
		if (!strcmp(entities[i].entity, entity))
			return (int)i;
	return -1;
}

int store_entity_rel(struct db *db, const char *entity, int64_t id, int64_t *rel, struct err *e)
{
	int i = entity_index(entity);
	if (i < 0)
		return err_set(e, ERR_IO, "no table for entity \"%s\"", entity);
	struct store_row row;
	int r = store_row(db, entities[i].rel_sql, e, &row, "i", id);
	if (r > 0)
		*rel = row.i[0];
	return r;
}

int store_entity_void(struct db *db, const char *entity, int64_t id, struct err *e)
{
	int i = entity_index(entity);
	if (i < 0)
		return err_set(e, ERR_IO, "no table for entity \"%s\"", entity);
	if (!strcmp(entity, "visit") && store_run(db, "DELETE FROM visit_people WHERE visit = ?1", e, "i", id) < 0)
		return -1;
	return store_run(db, entities[i].void_sql, e, "i", id) < 0 ? -1 : 0;
}

/* Times are shown as ISO-8601 UTC; ?1 NULL lists every partner. The
 * listings are written once, with the dialect's date and aggregate
 * functions as macros: SQLite's below, PostgreSQL's before listings_pg. */
#define ISO(col) "strftime('%Y-%m-%dT%H:%M:%SZ', " col ", 'unixepoch')"
#define DAY(col) "date(" col ", 'unixepoch')"
#define DAYS(a, b) "CAST(julianday(" a ") - julianday(" b ") AS INTEGER)"
#define GROUP_CONCAT(x) "group_concat(" x ", ', ')"
/* The comparison comes before IS NULL: PostgreSQL types a parameter from
 * its first use, and IS NULL alone gives it none. */
#define FOR_PARTNER " (rel = ?1 OR ?1 IS NULL) "

#define LISTINGS(X) \
	X("people", \
	 "SELECT id, rel AS partner, side, name, role, lang, " ISO("added_at") " AS added" \
	 " FROM people WHERE" FOR_PARTNER "ORDER BY rel, side, name", \
	 "id partner side name role lang", 0) \
	X("commitments", \
	 "SELECT id, rel AS partner, side, what, due, original_due, state, " ISO("closed_at") " AS closed," \
	 " CASE WHEN state = 'kept' AND " DAY("closed_at") " > original_due" \
	 "  THEN " DAYS(DAY("closed_at"), "original_due") " ELSE 0 END AS days_late," \
	 " renegotiations, order_id AS \"order\", milestone, reason" \
	 " FROM commitments WHERE" FOR_PARTNER "AND (?2 = 0 OR state = 'open') ORDER BY due, id", \
	 "id partner side due state days_late what", 1) \
	X("orders", \
	 "SELECT id, rel AS partner, po, style, qty, price, currency, ex_factory, " ISO("placed_at") " AS placed" \
	 " FROM orders WHERE" FOR_PARTNER "ORDER BY ex_factory, id", \
	 "id partner po style qty price currency ex_factory", 0) \
	X("updates", \
	 "SELECT id, rel AS partner, " ISO("at") " AS at, status, progress, next, blockers, needs," \
	 " " ISO("slot") " AS slot, on_time FROM updates WHERE" FOR_PARTNER "ORDER BY at, id", \
	 "id partner at status progress on_time next", 0) \
	X("issues", \
	 "SELECT id, rel AS partner, title, severity, responsible, disclosure, state, " ISO("raised_at") " AS raised," \
	 " " ISO("acked_at") " AS acknowledged, " ISO("resolved_at") " AS resolved, reopened, note," \
	 " (SELECT count(*) FROM actions a WHERE a.issue = issues.id) AS actions," \
	 " (SELECT count(*) FROM actions a WHERE a.issue = issues.id AND a.done_at IS NULL) AS actions_open" \
	 " FROM issues WHERE" FOR_PARTNER "AND (?2 = 0 OR state = 'open') ORDER BY raised_at, id", \
	 "id partner severity responsible disclosure state actions_open title", 1) \
	X("actions", \
	 "SELECT id, rel AS partner, issue, owner, what, due, " ISO("done_at") " AS done" \
	 " FROM actions WHERE" FOR_PARTNER "AND (?2 = 0 OR done_at IS NULL) ORDER BY due, id", \
	 "id partner issue owner due done what", 1) \
	X("visits", \
	 "SELECT id, rel AS partner, by_side AS \"by\", date, note," \
	 " (SELECT " GROUP_CONCAT("p.name") " FROM visit_people vp JOIN people p ON p.id = vp.person" \
	 "  WHERE vp.visit = visits.id) AS met" \
	 " FROM visits WHERE" FOR_PARTNER "ORDER BY date, id", \
	 "id partner by date met note", 0) \
	X("suggestions", \
	 "SELECT s.id, s.rel AS partner, s.person, p.name AS person_name, p.role, s.visit, s.text," \
	 " " ISO("s.at") " AS at, s.outcome, " ISO("s.responded_at") " AS responded, s.reason" \
	 " FROM suggestions s LEFT JOIN people p ON p.id = s.person" \
	 " WHERE (s.rel = ?1 OR ?1 IS NULL) AND (?2 = 0 OR s.outcome IS NULL) ORDER BY s.at, s.id", \
	 "id partner person_name role outcome text", 1) \
	X("specs", \
	 "SELECT id, rel AS partner, style, version, production_start, " ISO("published_at") " AS published," \
	 " (SELECT count(*) FROM spec_changes c WHERE c.rel = specs.rel AND c.style = specs.style) AS changes" \
	 " FROM specs WHERE" FOR_PARTNER "ORDER BY style, published_at, id", \
	 "id partner style version production_start changes", 0) \
	X("spec-changes", \
	 "SELECT id, rel AS partner, style, what, " ISO("at") " AS at, agreed, notice_days, in_freeze" \
	 " FROM spec_changes WHERE" FOR_PARTNER "ORDER BY at, id", \
	 "id partner style notice_days in_freeze agreed what", 0) \
	X("payments", \
	 "SELECT id, rel AS partner, amount, currency, due, order_id AS \"order\", label, " ISO("paid_at") " AS paid," \
	 " paid_amount," \
	 " CASE WHEN paid_at IS NOT NULL AND " DAY("paid_at") " > due" \
	 "  THEN " DAYS(DAY("paid_at"), "due") " ELSE 0 END AS days_late" \
	 " FROM payments WHERE" FOR_PARTNER "AND (?2 = 0 OR paid_at IS NULL) ORDER BY due, id", \
	 "id partner due amount currency label paid days_late", 1) \
	X("greetings", \
	 "SELECT id, rel AS partner, by_side AS \"by\", occasion, note, " ISO("at") " AS at" \
	 " FROM greetings WHERE" FOR_PARTNER "ORDER BY at, id", \
	 "id partner by at occasion", 0) \
	X("closures", \
	 "SELECT id, rel AS partner, from_date AS \"from\", to_date AS \"to\"," \
	 " " DAYS("to_date", "from_date") " + 1 AS days, reason, by_side AS \"by\"," \
	 " " ISO("at") " AS recorded FROM closures WHERE" FOR_PARTNER "ORDER BY from_date, id", \
	 "id partner from to days reason", 0) \
	X("contacts", \
	 "SELECT event_id AS id, rel AS partner, by_side AS \"by\", kind, " ISO("at") " AS at, note" \
	 " FROM contacts WHERE" FOR_PARTNER "ORDER BY at, event_id", \
	 "id partner by kind at note", 0) \
	X("corrections", \
	 "SELECT id, rel AS partner, target_seq AS seq, reason, void, patch AS changes, " ISO("at") " AS at" \
	 " FROM corrections WHERE" FOR_PARTNER "ORDER BY at, id", \
	 "id partner seq void changes reason", 0) \
	/* end of LISTINGS */

#define LISTING(name, sql, columns, has_open) {name, sql, columns, has_open},
const struct listing store_listings[] = {LISTINGS(LISTING)};

#undef ISO
#undef DAY
#undef DAYS
#undef GROUP_CONCAT
#define ISO(col) "to_char(to_timestamp(" col ") AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
#define DAY(col) "to_char(to_timestamp(" col ") AT TIME ZONE 'UTC', 'YYYY-MM-DD')"
#define DAYS(a, b) "((" a ")::date - (" b ")::date)"
#define GROUP_CONCAT(x) "string_agg(" x ", ', ')"
#define LISTING_PG(name, sql, columns, has_open) sql,
static const char *const listings_pg[] = {LISTINGS(LISTING_PG)};

const size_t store_nlistings = sizeof store_listings / sizeof store_listings[0];

int store_list(struct db *db, const struct listing *l, int64_t rel, int open_only, json_t *out, struct err *e)
{
	struct db_stmt *s = db_stmt(db, db_sql(db, l->sql, listings_pg[l - store_listings]), e);
	if (!s)
		return -1;
	if (rel)
		db_bind_int64(s, 1, rel);
	db_bind_int(s, 2, open_only);
	int rc;
	while ((rc = db_step(s)) == DB_ROW) {
		json_t *o = json_object();
		for (int c = 0; c < db_col_count(s); c++) {
			json_t *v;
			switch (db_col_type(s, c)) {
			case DB_INTEGER:
				v = json_integer(db_col_int64(s, c));
				break;
			case DB_NULL:
				v = json_null();
				break;
			default:
				v = json_stringn(db_col_text(s, c), (size_t)db_col_bytes(s, c));
				if (!v) /* not UTF-8: only possible by editing the file */
					v = json_string("?");
			}
			json_object_set_new(o, db_col_name(s, c), v);
		}
		json_array_append_new(out, o);
	}
	db_reset(s);
	return rc == DB_DONE ? 0 : db_fail(db, e, "listing");
}

const char *const store_projection_tables[] = {
	"partners", "contacts", "settings", "people", "commitments", "renegotiations", "orders", "updates", "issues",
	"actions",
	"visits", "visit_people", "suggestions", "specs", "spec_changes", "payments", "greetings", "weights", "closures",
	"corrections", "trust_state", NULL,
};

/* Derived from the projections, not the ledger: emptied with them, never
 * compared (a rebuild leaves them empty; the next read fills them). */
static const char *const store_cache_tables[] = {"trust_settled", NULL};

int store_projections_clear(struct db *db, struct err *e)
{
	/* Table names come from the constant list above, never from input. */
	char sql[96];
	for (int k = 0; k < 2; k++)
		for (const char *const *t = k ? store_cache_tables : store_projection_tables; *t; t++) {
			snprintf(sql, sizeof sql, "DELETE FROM %s", *t);
			if (db_exec(db, sql, e))
				return -1;
		}
	return 0;
}

int store_projections_dump(struct db *db, json_t *out, struct err *e)
{
	char sql[96];
	for (const char *const *t = store_projection_tables; *t; t++) {
		snprintf(sql, sizeof sql, "SELECT * FROM %s ORDER BY 1, 2", *t);
		/* not cached: the SQL is built here, and once per table */
		struct db_stmt *s = db_prepare(db, sql, NULL);
		if (!s)
			return db_fail(db, e, "dumping projections");
		json_t *rows = json_array();
		while (db_step(s) == DB_ROW) {
			json_t *r = json_array();
			for (int c = 0; c < db_col_count(s); c++) {
				const char *v = db_col_text(s, c);
				json_array_append_new(r, v ? json_stringn(v, (size_t)db_col_bytes(s, c))
				                           : json_null());
			}
			json_array_append_new(rows, r);
		}
		db_finalize(s);
		json_object_set_new(out, *t, rows);
	}
	return 0;
}

const char *const store_sql[SQL__COUNT] = {
	[SQL_SETTINGS_OPEN] = "INSERT INTO settings (rel) VALUES (?1)",
	[SQL_SETTINGS_SET] = "UPDATE settings SET cadence = coalesce(?2, cadence),"
	                     " cadence_since = CASE WHEN ?2 IS NULL THEN cadence_since ELSE ?9 END,"
	                     " gap_ideal = coalesce(?3, gap_ideal),"
	                     " gap_max = coalesce(?4, gap_max), ack_sla = coalesce(?5, ack_sla),"
	                     " freeze_days = coalesce(?6, freeze_days), payment_terms = coalesce(?7, payment_terms),"
	                     " deposit_pct = coalesce(?8, deposit_pct) WHERE rel = ?1",
	[SQL_SETTINGS_GET] = "SELECT cadence, gap_ideal, gap_max, ack_sla, freeze_days, payment_terms, deposit_pct,"
	                     " cadence_since FROM settings WHERE rel = ?1",
	[SQL_SETTINGS_CALENDAR_SET] = "UPDATE settings SET workweek = coalesce(?2, workweek), hours = coalesce(?3, hours),"
	                              " buyer_workweek = coalesce(?4, buyer_workweek),"
	                              " buyer_hours = coalesce(?5, buyer_hours) WHERE rel = ?1",
	[SQL_SETTINGS_CALENDAR_GET] = "SELECT workweek, hours, buyer_workweek, buyer_hours FROM settings WHERE rel = ?1",
	[SQL_CLOSURE_INSERT] = "INSERT INTO closures (id, rel, from_date, to_date, reason, by_side, at)"
	                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* the closures touching [?2, ?3], oldest first */
	[SQL_CLOSURES_FOR] = "SELECT from_date, to_date, reason, id FROM closures"
	                     " WHERE rel = ?1 AND to_date >= ?2 AND from_date <= ?3 ORDER BY from_date, id",
	[SQL_PERSON_INSERT] = "INSERT INTO people (id, rel, side, name, role, lang, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[SQL_COMMITMENT_INSERT] = "INSERT INTO commitments (id, rel, side, what, due, original_due, order_id, milestone, made_at)"
	                          " VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?6, ?7, ?8)",
	[SQL_COMMITMENT_GET] = "SELECT state, due, renegotiations FROM commitments WHERE id = ?1",
	[SQL_COMMITMENT_KEEP] = "UPDATE commitments SET state = 'kept', closed_at = ?2 WHERE id = ?1",
	[SQL_COMMITMENT_RENEGOTIATE] = "UPDATE commitments SET renegotiated_late = renegotiated_late OR ?3 > due,"
	                               " due = ?2, renegotiations = renegotiations + 1 WHERE id = ?1",
	[SQL_RENEGOTIATION_INSERT] = "INSERT INTO renegotiations (id, rel, commitment, at, old_due, new_due)"
	                             " SELECT ?1, rel, id, ?2, due, ?3 FROM commitments WHERE id = ?4",
	[SQL_COMMITMENT_BREAK] = "UPDATE commitments SET state = 'broken', closed_at = ?2, reason = ?3 WHERE id = ?1",
	[SQL_ORDER_INSERT] = "INSERT INTO orders (id, rel, po, style, qty, price, currency, ex_factory, placed_at)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[SQL_ORDER_BY_PO] = "SELECT id FROM orders WHERE rel = ?1 AND po = ?2",
	[SQL_ORDER_DEPENDENTS] = "SELECT (SELECT count(*) FROM commitments WHERE order_id = ?1)"
	                         " + (SELECT count(*) FROM payments WHERE order_id = ?1)",
	[SQL_UPDATE_INSERT] = "INSERT INTO updates (id, rel, at, status, progress, next, blockers, needs, slot, on_time)"
	                      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	[SQL_ISSUE_INSERT] = "INSERT INTO issues (id, rel, title, severity, responsible, disclosure, note, raised_at)"
	                     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[SQL_ISSUE_GET] = "SELECT state, acked_at, (SELECT count(*) FROM actions WHERE issue = ?1) FROM issues WHERE id = ?1",
	[SQL_ISSUE_ACK] = "UPDATE issues SET acked_at = ?2 WHERE id = ?1",
	[SQL_ISSUE_RESOLVE] = "UPDATE issues SET state = 'resolved', resolved_at = ?2 WHERE id = ?1",
	[SQL_ISSUE_REOPEN] = "UPDATE issues SET state = 'open', resolved_at = NULL, reopened = reopened + 1 WHERE id = ?1",
	[SQL_ACTION_INSERT] = "INSERT INTO actions (id, rel, issue, owner, what, due) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[SQL_ACTION_GET] = "SELECT a.done_at IS NOT NULL, i.state FROM actions a JOIN issues i ON i.id = a.issue WHERE a.id = ?1",
	[SQL_ACTION_DONE] = "UPDATE actions SET done_at = ?2 WHERE id = ?1",
	[SQL_VISIT_INSERT] = "INSERT INTO visits (id, rel, by_side, date, note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[SQL_VISIT_PERSON] = "INSERT INTO visit_people (visit, person) VALUES (?1, ?2)",
	[SQL_PERSON_DEPENDENTS] = "SELECT (SELECT count(*) FROM visit_people WHERE person = ?1)"
	                          " + (SELECT count(*) FROM suggestions WHERE person = ?1)",
	[SQL_SUGGESTION_INSERT] = "INSERT INTO suggestions (id, rel, person, visit, text, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[SQL_SUGGESTION_GET] = "SELECT outcome FROM suggestions WHERE id = ?1",
	[SQL_SUGGESTION_RESPOND] = "UPDATE suggestions SET outcome = ?2, responded_at = ?3, reason = ?4 WHERE id = ?1",
	[SQL_VISIT_DEPENDENTS] = "SELECT count(*) FROM suggestions WHERE visit = ?1",
	[SQL_SPEC_INSERT] = "INSERT INTO specs (id, rel, style, version, production_start, published_at)"
	                    " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[SQL_SPEC_EXISTS] = "SELECT id FROM specs WHERE rel = ?1 AND style = ?2 AND version = ?3",
	[SQL_SPEC_LATEST] = "SELECT production_start FROM specs WHERE rel = ?1 AND style = ?2"
	                    " ORDER BY published_at DESC, id DESC LIMIT 1",
	[SQL_SPEC_CHANGE_INSERT] = "INSERT INTO spec_changes (id, rel, style, what, at, agreed, notice_days, in_freeze)"
	                           " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[SQL_PAYMENT_INSERT] = "INSERT INTO payments (id, rel, amount, currency, due, order_id, label)"
	                       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[SQL_PAYMENT_GET] = "SELECT paid_at FROM payments WHERE id = ?1",
	[SQL_PAYMENT_PAID] = "UPDATE payments SET paid_at = ?2, paid_amount = coalesce(?3, amount) WHERE id = ?1",
	[SQL_GREETING_INSERT] = "INSERT INTO greetings (id, rel, by_side, occasion, note, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[SQL_CORRECTION_INSERT] = "INSERT INTO corrections (id, rel, target_seq, reason, void, patch, at)"
	                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	/* every change made so far to an event, oldest first, as one JSON array */
	[SQL_CORRECTION_PATCHES] = "SELECT json_group_array(json(patch)) FROM"
	                           " (SELECT patch FROM corrections WHERE rel = ?1 AND target_seq = ?2 AND patch IS NOT NULL"
	                           "  ORDER BY id) AS patches",
	[SQL_CORRECTION_VOIDED] = "SELECT count(*) FROM corrections WHERE rel = ?1 AND target_seq = ?2 AND void = 1",
	[SQL_PARTNER_TZ] = "SELECT tz FROM partners WHERE id = ?1",
	/* whether an entity's state has moved on (later events depend on it) */
	[SQL_COMMITMENT_MOVED] = "SELECT state != 'open' OR renegotiations > 0 FROM commitments WHERE id = ?1",
	[SQL_ISSUE_MOVED] = "SELECT acked_at IS NOT NULL OR state != 'open' OR reopened > 0"
	                    " OR EXISTS (SELECT 1 FROM actions WHERE issue = ?1) FROM issues WHERE id = ?1",
	[SQL_ACTION_MOVED] = "SELECT done_at IS NOT NULL FROM actions WHERE id = ?1",
	[SQL_SUGGESTION_MOVED] = "SELECT outcome IS NOT NULL FROM suggestions WHERE id = ?1",
	[SQL_PAYMENT_MOVED] = "SELECT paid_at IS NOT NULL FROM payments WHERE id = ?1",
	/* all of relationship ?1's records, or (the _ONE forms) record ?2 only:
	 * separate statements, so that each uses its index */
#define EV_COMMITMENTS "SELECT id, side, original_due, state, closed_at FROM commitments"
	[SQL_EV_COMMITMENTS] = EV_COMMITMENTS " WHERE rel = ?1 ORDER BY id",
	[SQL_EV_COMMITMENTS_ONE] = EV_COMMITMENTS " WHERE id = ?2",
#define EV_RENEGOTIATIONS                                                                                  \
	"SELECT r.id, r.commitment, r.at, r.old_due, r.new_due, c.side FROM renegotiations r"                 \
	" JOIN commitments c ON c.id = r.commitment"
	[SQL_EV_RENEGOTIATIONS] = EV_RENEGOTIATIONS " WHERE r.rel = ?1 ORDER BY r.at, r.id",
	[SQL_EV_RENEGOTIATIONS_ONE] = EV_RENEGOTIATIONS " WHERE r.commitment = ?2 ORDER BY r.at, r.id",
	[SQL_EV_UPDATES] = "SELECT id, at, on_time FROM updates WHERE rel = ?1 ORDER BY at, id",
	[SQL_EV_UPDATES_ONE] = "SELECT id, at, on_time FROM updates WHERE id = ?2",
	[SQL_EV_TOUCHES] = "SELECT at FROM contacts WHERE rel = ?1 UNION ALL SELECT at FROM updates WHERE rel = ?1"
	                   " UNION ALL SELECT at FROM visits WHERE rel = ?1 ORDER BY 1",
#define EV_ISSUES "SELECT id, responsible, disclosure, raised_at, acked_at, resolved_at FROM issues"
	[SQL_EV_ISSUES] = EV_ISSUES " WHERE rel = ?1",
	[SQL_EV_ISSUES_ONE] = EV_ISSUES " WHERE id = ?2",
	[SQL_EV_PAYMENTS] = "SELECT id, due, paid_at FROM payments WHERE rel = ?1",
	[SQL_EV_PAYMENTS_ONE] = "SELECT id, due, paid_at FROM payments WHERE id = ?2",
#define EV_SPEC_CHANGES "SELECT id, at, agreed, notice_days, in_freeze FROM spec_changes"
	[SQL_EV_SPEC_CHANGES] = EV_SPEC_CHANGES " WHERE rel = ?1",
	[SQL_EV_SPEC_CHANGES_ONE] = EV_SPEC_CHANGES " WHERE id = ?2",
#define EV_VISITS "SELECT v.id, v.by_side, v.at, (SELECT count(*) FROM visit_people p WHERE p.visit = v.id) FROM visits v"
	[SQL_EV_VISITS] = EV_VISITS " WHERE v.rel = ?1",
	[SQL_EV_VISITS_ONE] = EV_VISITS " WHERE v.id = ?2",
#define EV_SUGGESTIONS "SELECT s.id, p.side, s.at, s.responded_at FROM suggestions s JOIN people p ON p.id = s.person"
	[SQL_EV_SUGGESTIONS] = EV_SUGGESTIONS " WHERE s.rel = ?1",
	[SQL_EV_SUGGESTIONS_ONE] = EV_SUGGESTIONS " WHERE s.id = ?2",
	[SQL_EV_GREETINGS] = "SELECT id, by_side, at FROM greetings WHERE rel = ?1",
	[SQL_EV_GREETINGS_ONE] = "SELECT id, by_side, at FROM greetings WHERE id = ?2",
	/* the _SINCE forms: what evidence after time ?2 needs (scores.c) --
	 * open promises and payments whatever their age, and what happened
	 * after ?2; for the silences, the last touch at or before ?2 too */
	[SQL_EV_COMMITMENTS_SINCE] = EV_COMMITMENTS " WHERE rel = ?1 AND closed_at IS NULL UNION ALL " EV_COMMITMENTS
	                             " WHERE rel = ?1 AND closed_at > ?2 ORDER BY id",
	[SQL_EV_RENEGOTIATIONS_SINCE] = EV_RENEGOTIATIONS " WHERE r.rel = ?1 AND (r.at > ?2 OR c.closed_at IS NULL"
	                                " OR c.closed_at > ?2) ORDER BY r.at, r.id",
	[SQL_EV_UPDATES_SINCE] = "SELECT id, at, on_time FROM updates WHERE rel = ?1 AND at > ?2 ORDER BY at, id",
	[SQL_EV_TOUCHES_SINCE] = "SELECT at FROM contacts WHERE rel = ?1 AND at > ?2"
	                         " UNION ALL SELECT at FROM updates WHERE rel = ?1 AND at > ?2"
	                         " UNION ALL SELECT at FROM visits WHERE rel = ?1 AND at > ?2"
	                         " UNION ALL SELECT max(at) FROM (SELECT max(at) AS at FROM contacts WHERE rel = ?1 AND at <= ?2"
	                         "  UNION ALL SELECT max(at) FROM updates WHERE rel = ?1 AND at <= ?2"
	                         "  UNION ALL SELECT max(at) FROM visits WHERE rel = ?1 AND at <= ?2) AS earlier"
	                         " HAVING max(at) IS NOT NULL"
	                         " ORDER BY 1",
	[SQL_EV_PAYMENTS_SINCE] = "SELECT id, due, paid_at FROM payments WHERE rel = ?1 AND paid_at IS NULL"
	                          " UNION ALL SELECT id, due, paid_at FROM payments WHERE rel = ?1 AND paid_at > ?2",
	[SQL_EV_SPEC_CHANGES_SINCE] = EV_SPEC_CHANGES " WHERE rel = ?1 AND at > ?2",
	[SQL_EV_VISITS_SINCE] = EV_VISITS " WHERE v.rel = ?1 AND v.at > ?2",
	[SQL_EV_GREETINGS_SINCE] = "SELECT id, by_side, at FROM greetings WHERE rel = ?1 AND at > ?2",
	[SQL_TRUST_ADD] = "INSERT INTO trust_state (rel, dir, dim, cls, r, s, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"
	                  /* the old row's columns named by table: unqualified, PostgreSQL
	                   * finds them ambiguous with excluded's */
	                  " ON CONFLICT (rel, dir, dim, cls) DO UPDATE SET r = trust_state.r + excluded.r,"
	                  " s = trust_state.s + excluded.s, n = trust_state.n + excluded.n",
	[SQL_TRUST_CLEAR] = "DELETE FROM trust_state WHERE rel = ?1",
	[SQL_TRUST_GET] = "SELECT dir, dim, cls, r, s, n FROM trust_state WHERE rel = ?1",
	[SQL_WEIGHTS_INSERT] = "INSERT INTO weights (id, rel, key, value, at) VALUES (?1, ?2, ?3, ?4, ?5)",
	/* the changes in force for ?1 as of ?2, oldest first (later ones win) */
	[SQL_WEIGHTS_FOR] = "SELECT key, value FROM weights WHERE rel = ?1 AND at <= ?2 ORDER BY at, id",
	/* the buyer's changes as recorded in any partner's record */
	[SQL_WEIGHTS_LATEST] = "SELECT key, value FROM weights ORDER BY at, id",
};

/* The PostgreSQL text of the store_sql statements SQLite's cannot be:
 * integers as booleans and json_group_array. */
static const struct {
	enum store_sql_id id;
	const char *pg;
} store_sql_pg[] = {
	{SQL_COMMITMENT_RENEGOTIATE,
	 "UPDATE commitments SET renegotiated_late = CASE WHEN renegotiated_late <> 0 OR ?3 > due THEN 1 ELSE 0 END,"
	 " due = ?2, renegotiations = renegotiations + 1 WHERE id = ?1"},
	{SQL_CORRECTION_PATCHES,
	 "SELECT coalesce(json_agg(patch::json ORDER BY id)::text, '[]') FROM corrections"
	 " WHERE rel = ?1 AND target_seq = ?2 AND patch IS NOT NULL"},
};

/* sql, or its PostgreSQL text when db is PostgreSQL and it has one. */
static const char *dialect(struct db *db, const char *sql)
{
	if (db_dialect(db) == DB_POSTGRESQL)
		for (size_t i = 0; i < sizeof store_sql_pg / sizeof store_sql_pg[0]; i++)
			if (sql == store_sql[store_sql_pg[i].id])
				return store_sql_pg[i].pg;
	return sql;
}

void store_text_copy(char *out, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (n >= size)
		n = size - 1;
	memcpy(out, s, n);
	out[n] = '\0';
}
