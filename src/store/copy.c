/* copy.c - every table's rows from one database to another (copy.h). The
 * SQL is built here from the constant table list, never from input, and
 * prepared once a table. */
#include "store/copy.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/buf.h"

const char *const store_copy_tables[] = {
	/* the ledger */
	"buyer", "relationships", "events",
	/* projections and the caches beside them */
	"partners", "contacts", "settings", "people", "commitments", "renegotiations", "orders", "updates", "issues",
	"actions", "visits", "visit_people", "suggestions", "specs", "spec_changes", "payments", "greetings",
	"trust_state", "weights", "corrections", "closures", "trust_settled",
	/* each person's own state */
	"snoozes", "feed_tokens", "users", "sessions", "login_attempts", "api_tokens", "api_idempotency", "web_keys",
	/* the verifiable record */
	"org_keys", "checkpoints", "checkpoint_signatures", "merkle_trees", "merkle_nodes",
	NULL,
};

static const char SQL_EMPTY[] = "SELECT (SELECT count(*) FROM buyer) + (SELECT count(*) FROM relationships)";

int store_copy_empty(struct db *db, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_EMPTY, e);
	if (!s)
		return -1;
	if (db_step(s) != DB_ROW)
		return db_fail(db, e, "reading whether the database is empty");
	int64_t n = db_col_int64(s, 0);
	db_reset(s);
	return n == 0;
}

/* The INSERT of table t with the source's column names: "INSERT INTO t
 * (a, b) VALUES (?1, ?2)". */
static void insert_sql(struct buf *sql, const char *t, struct db_stmt *from)
{
	int n = db_col_count(from);
	buf_printf(sql, "INSERT INTO %s (", t);
	for (int c = 0; c < n; c++)
		buf_printf(sql, "%s%s", c ? ", " : "", db_col_name(from, c));
	buf_adds(sql, ") VALUES (");
	for (int c = 0; c < n; c++)
		buf_printf(sql, "%s?%d", c ? ", " : "", c + 1);
	buf_addc(sql, ')');
}

static void bind_value(struct db_stmt *to, int i, struct db_stmt *from, int c)
{
	switch (db_col_type(from, c)) {
	case DB_INTEGER:
		db_bind_int64(to, i, db_col_int64(from, c));
		break;
	case DB_FLOAT:
		db_bind_double(to, i, db_col_double(from, c));
		break;
	case DB_TEXT: {
		const char *v = db_col_text(from, c);
		db_bind_textn(to, i, v, (size_t)db_col_bytes(from, c));
		break;
	}
	case DB_BLOB: {
		const void *v = db_col_blob(from, c);
		db_bind_blob(to, i, v, (size_t)db_col_bytes(from, c));
		break;
	}
	case DB_NULL:
		db_bind_null(to, i);
		break;
	}
}

static int copy_table(struct db *src, struct db *dst, const char *t, int64_t *rows, struct err *e)
{
	char select[96];
	snprintf(select, sizeof select, "SELECT * FROM %s", t);
	char what[96];
	snprintf(what, sizeof what, "copying table %s", t);
	struct db_stmt *from = db_prepare(src, select, NULL);
	if (!from)
		return db_fail(src, e, what);
	struct buf sql = BUF_INIT;
	insert_sql(&sql, t, from);
	struct db_stmt *to = db_prepare(dst, sql.data, NULL);
	int r = to ? 0 : db_fail(dst, e, what);
	int rc = DB_DONE;
	while (r == 0 && (rc = db_step(from)) == DB_ROW) {
		for (int c = 0; c < db_col_count(from); c++)
			bind_value(to, c + 1, from, c);
		if (db_step(to) != DB_DONE) {
			r = db_fail(dst, e, what);
			break;
		}
		db_reset(to);
		(*rows)++;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(src, e, what);
	db_finalize(to);
	db_finalize(from);
	buf_release(&sql);
	return r;
}

/* PostgreSQL's identity columns take the next id from a sequence, which
 * rows copied with their ids do not move: move each past its table's
 * largest id, so that the next row added gets the id SQLite would give. */
static const char SQL_IDENTITY_TABLES_PG[] =
	"SELECT table_name FROM information_schema.columns"
	" WHERE table_schema = current_schema() AND column_name = 'id' AND is_identity = 'YES' ORDER BY table_name";

static int identities_follow(struct db *dst, struct err *e)
{
	struct db_stmt *s = db_prepare(dst, SQL_IDENTITY_TABLES_PG, NULL);
	if (!s)
		return db_fail(dst, e, "listing the identity columns");
	char tables[64][64];
	int n = 0, rc;
	while ((rc = db_step(s)) == DB_ROW && n < 64)
		snprintf(tables[n++], sizeof tables[0], "%s", db_col_text(s, 0));
	db_finalize(s);
	if (rc == DB_ROW || rc < 0)
		return db_fail(dst, e, "listing the identity columns");
	int r = 0;
	struct buf sql = BUF_INIT;
	for (int i = 0; r == 0 && i < n; i++) {
		/* the names come from the catalog, not from input */
		buf_reset(&sql);
		buf_printf(&sql, "SELECT setval(pg_get_serial_sequence('%s', 'id'), max(id)) FROM %s HAVING max(id) IS NOT NULL",
		           tables[i], tables[i]);
		r = db_exec(dst, sql.data, e);
	}
	buf_release(&sql);
	return r;
}

int store_copy_all(struct db *src, struct db *dst, int64_t *rows, struct err *e)
{
	*rows = 0;
	for (const char *const *t = store_copy_tables; *t; t++)
		if (copy_table(src, dst, *t, rows, e))
			return -1;
	return db_dialect(dst) == DB_POSTGRESQL ? identities_follow(dst, e) : 0;
}
