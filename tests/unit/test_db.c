/* test_db.c - the statement interface of store/db.h: values bound come
 * back as they went in, the cache hands out one statement per SQL string,
 * RETURNING gives the new id, and the transaction hooks hear of every
 * commit and rollback, whichever way it was asked for. */
#include <criterion/criterion.h>
#include <string.h>

#include "store/db.h"
#include "testutil.h"

static struct db *db;

static void setup(void)
{
	struct err e = {0};
	db = tu_db_new();
	cr_assert(db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, i INTEGER, d REAL, s TEXT, b BLOB)", &e) == 0,
	          "%s", e.msg);
}

static void teardown(void)
{
	tu_db_close(db);
}

TestSuite(db, .init = setup, .fini = teardown);

static const char SQL_INSERT[] = "INSERT INTO t (i, d, s, b) VALUES (?1, ?2, ?3, ?4) RETURNING id";
static const char SQL_GET[] = "SELECT i, d, s, b, id FROM t WHERE id = ?1";

Test(db, bound_values_read_back_with_their_types)
{
	struct err e = {0};
	struct db_stmt *s = db_stmt(db, SQL_INSERT, &e);
	cr_assert(s, "%s", e.msg);
	char text[] = "Dongguan\0tail"; /* textn takes the bytes it is given */
	const unsigned char blob[3] = {0, 0xff, 7};
	db_bind_int64(s, 1, INT64_C(-9007199254740993));
	db_bind_double(s, 2, 0.25);
	db_bind_textn(s, 3, text, 8);
	db_bind_blob(s, 4, blob, sizeof blob);
	int64_t id = 0;
	cr_assert(db_step_id(s, &id) == 0);
	cr_expect_eq(id, 1);

	s = db_stmt(db, SQL_GET, &e);
	cr_assert(s, "%s", e.msg);
	db_bind_int(s, 1, 1);
	cr_assert_eq(db_step(s), DB_ROW);
	cr_expect_eq(db_col_count(s), 5);
	cr_expect_str_eq(db_col_name(s, 2), "s");
	cr_expect_eq(db_col_type(s, 0), DB_INTEGER);
	cr_expect_eq(db_col_int64(s, 0), INT64_C(-9007199254740993));
	cr_expect_eq(db_col_type(s, 1), DB_FLOAT);
	cr_expect_eq(db_col_double(s, 1), 0.25);
	cr_expect_eq(db_col_type(s, 2), DB_TEXT);
	cr_expect_str_eq(db_col_text(s, 2), "Dongguan");
	cr_expect_eq(db_col_bytes(s, 2), 8);
	cr_expect_eq(db_col_type(s, 3), DB_BLOB);
	const unsigned char *got = db_col_blob(s, 3);
	cr_expect_eq(db_col_bytes(s, 3), 3);
	cr_expect(got && !memcmp(got, blob, 3));
	cr_expect_eq(db_col_int(s, 4), 1);
	cr_expect_eq(db_step(s), DB_DONE);
}

Test(db, null_binds_and_reads_as_null)
{
	struct err e = {0};
	struct db_stmt *s = db_stmt(db, SQL_INSERT, &e);
	cr_assert(s, "%s", e.msg);
	db_bind_null(s, 1);
	db_bind_text(s, 3, NULL);
	db_bind_blob(s, 4, NULL, 0);
	int64_t id;
	cr_assert(db_step_id(s, &id) == 0);
	s = db_stmt(db, SQL_GET, &e);
	db_bind_int64(s, 1, id);
	cr_assert_eq(db_step(s), DB_ROW);
	for (int c = 0; c < 4; c++) {
		cr_expect(db_col_is_null(s, c), "column %d", c);
		cr_expect_eq(db_col_type(s, c), DB_NULL, "column %d", c);
	}
	cr_expect_null(db_col_text(s, 2));
	cr_expect_null(db_col_blob(s, 3));
	cr_expect_eq(db_col_int64(s, 0), 0);
	db_reset(s);
}

Test(db, the_cache_gives_one_statement_per_string_reset_and_cleared)
{
	struct err e = {0};
	struct db_stmt *a = db_stmt(db, SQL_INSERT, &e);
	db_bind_int64(a, 1, 5);
	int64_t id;
	cr_assert(db_step_id(a, &id) == 0);
	struct db_stmt *b = db_stmt(db, SQL_INSERT, &e);
	cr_expect_eq(a, b);
	/* bindings cleared: this row's i is NULL, not 5 */
	cr_assert(db_step_id(b, &id) == 0);
	cr_expect_eq(id, 2);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM t WHERE i IS NULL"), 1);
	/* a statement of its own is another one */
	struct db_stmt *c = db_prepare(db, SQL_INSERT, &e);
	cr_assert(c, "%s", e.msg);
	cr_expect_neq(c, a);
	db_finalize(c);
}

Test(db, step_id_gives_the_id_the_row_was_given)
{
	struct err e = {0};
	struct db_stmt *s = db_stmt(db, "INSERT INTO t (id, i) VALUES (?1, ?2) RETURNING id", &e);
	cr_assert(s, "%s", e.msg);
	int64_t id = 0;
	db_bind_int64(s, 1, 41); /* an id of its own, as an imported event has */
	cr_assert(db_step_id(s, &id) == 0);
	cr_expect_eq(id, 41);
	s = db_stmt(db, "INSERT INTO t (id, i) VALUES (?1, ?2) RETURNING id", &e);
	cr_assert(db_step_id(s, &id) == 0); /* NULL: the next one */
	cr_expect_eq(id, 42);
	/* any other RETURNING is rows for db_step, and db_step_id reads the first */
	s = db_stmt(db, "INSERT INTO t (i) VALUES (?1) RETURNING id, i", &e);
	cr_assert(s, "%s", e.msg);
	db_bind_int64(s, 1, 7);
	cr_assert_eq(db_step(s), DB_ROW);
	cr_expect_eq(db_col_int64(s, 0), 43);
	cr_expect_eq(db_col_int64(s, 1), 7);
	cr_expect_eq(db_step(s), DB_DONE);
	s = db_stmt(db, "INSERT INTO t (i) VALUES (?1) RETURNING id, i", &e);
	cr_assert(db_step_id(s, &id) == 0);
	cr_expect_eq(id, 44);
	/* a failed insert is an error, and sets nothing */
	s = db_stmt(db, "INSERT INTO t (id, i) VALUES (?1, ?2) RETURNING id", &e);
	db_bind_int64(s, 1, 41);
	id = 0;
	cr_expect_eq(db_step_id(s, &id), -1);
	cr_expect_eq(id, 0);
}

Test(db, a_bad_statement_fails_with_the_databases_words)
{
	struct err e = {0};
	cr_expect_null(db_prepare(db, "SELECT x FROM nowhere", &e));
	cr_expect_eq(e.code, ERR_IO);
	cr_expect(strstr(e.msg, "no such table: nowhere"), "%s", e.msg);
	/* a constraint failure comes from the step */
	cr_assert(db_exec(db, "CREATE TABLE u (k TEXT PRIMARY KEY)", &e) == 0);
	struct db_stmt *s = db_prepare(db, "INSERT INTO u (k) VALUES ('a')", &e);
	cr_assert(s);
	cr_expect_eq(db_step(s), DB_DONE);
	db_reset(s);
	cr_expect_eq(db_step(s), -1);
	db_fail(db, &e, "writing");
	cr_expect(strstr(e.msg, "UNIQUE constraint failed: u.k"), "%s", e.msg);
	db_finalize(s);
}

Test(db, changes_counts_the_rows_of_the_last_write)
{
	struct err e = {0};
	cr_assert(db_exec(db, "INSERT INTO t (i) VALUES (1), (1), (2)", &e) == 0);
	struct db_stmt *s = db_stmt(db, "UPDATE t SET d = 1 WHERE i = ?1", &e);
	db_bind_int64(s, 1, 1);
	cr_assert_eq(db_step(s), DB_DONE);
	cr_expect_eq(db_changes(db), 2);
}

/* --- the transaction hooks ---------------------------------------------------- */

struct heard {
	int before, commits, rollbacks;
	int refuse_before, refuse_commit;
};

static int on_before(void *ctx, struct err *e)
{
	struct heard *h = ctx;
	h->before++;
	return h->refuse_before ? err_set(e, ERR_IO, "refused before commit") : 0;
}

static int on_commit(void *ctx)
{
	struct heard *h = ctx;
	h->commits++;
	return h->refuse_commit;
}

static void on_rollback(void *ctx)
{
	struct heard *h = ctx;
	h->rollbacks++;
}

static const struct db_hooks hooks = {on_before, on_commit, on_rollback};

static void insert_one(void)
{
	struct err e = {0};
	cr_assert(db_exec(db, "INSERT INTO t (i) VALUES (1)", &e) == 0, "%s", e.msg);
}

Test(db, db_commit_runs_before_commit_then_commits)
{
	struct heard h = {0};
	struct err e = {0};
	db_set_hooks(db, &hooks, &h);
	cr_assert(db_begin(db, &e) == 0);
	cr_expect(db_in_transaction(db));
	insert_one();
	cr_expect_eq(db_commit(db, &e), 0, "%s", e.msg);
	cr_expect(!db_in_transaction(db));
	cr_expect_eq(h.before, 1);
	cr_expect_eq(h.commits, 1);
	cr_expect_eq(h.rollbacks, 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM t"), 1);
}

Test(db, a_refusal_before_commit_leaves_the_transaction_open)
{
	struct heard h = {.refuse_before = 1};
	struct err e = {0};
	db_set_hooks(db, &hooks, &h);
	cr_assert(db_begin(db, &e) == 0);
	insert_one();
	cr_expect_eq(db_commit(db, &e), -1);
	cr_expect_str_eq(e.msg, "refused before commit");
	cr_expect(db_in_transaction(db));
	cr_expect_eq(h.commits, 0);
	db_rollback(db);
	cr_expect_eq(h.rollbacks, 1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM t"), 0);
}

Test(db, every_commit_is_heard_and_may_be_refused)
{
	struct heard h = {0};
	struct err e = {0};
	db_set_hooks(db, &hooks, &h);
	/* a COMMIT through db_exec skips before_commit, not on_commit */
	cr_assert(db_exec(db, "BEGIN IMMEDIATE", &e) == 0);
	insert_one();
	cr_expect_eq(db_exec(db, "COMMIT", &e), 0, "%s", e.msg);
	cr_expect_eq(h.before, 0);
	cr_expect_eq(h.commits, 1);
	/* so does a lone write outside a transaction */
	insert_one();
	cr_expect_eq(h.commits, 2);
	/* a refused commit is a rollback */
	h.refuse_commit = 1;
	cr_assert(db_begin(db, &e) == 0);
	insert_one();
	cr_expect_eq(db_commit(db, &e), -1);
	cr_expect_eq(h.commits, 3);
	cr_expect_eq(h.rollbacks, 1);
	cr_expect(!db_in_transaction(db));
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM t"), 2);
}

Test(db, every_rollback_is_heard)
{
	struct heard h = {0};
	struct err e = {0};
	db_set_hooks(db, &hooks, &h);
	cr_assert(db_begin(db, &e) == 0);
	insert_one();
	db_rollback(db);
	cr_expect_eq(h.rollbacks, 1);
	cr_assert(db_begin(db, &e) == 0);
	insert_one();
	cr_expect_eq(db_exec(db, "ROLLBACK", &e), 0);
	cr_expect_eq(h.rollbacks, 2);
	/* a rollback outside a transaction does nothing, and says nothing */
	db_rollback(db);
	cr_expect_eq(h.rollbacks, 2);
	cr_expect_eq(h.commits, 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM t"), 0);
}

Test(db, a_rollback_the_database_makes_on_an_error_is_heard)
{
	struct heard h = {0};
	struct err e = {0};
	cr_assert(db_exec(db, "CREATE TABLE u (k TEXT PRIMARY KEY)", &e) == 0);
	db_set_hooks(db, &hooks, &h);
	cr_assert(db_begin(db, &e) == 0);
	insert_one();
	cr_assert(db_exec(db, "INSERT INTO u (k) VALUES ('a')", &e) == 0);
	/* OR ROLLBACK: the constraint error ends the whole transaction */
	cr_expect_eq(db_exec(db, "INSERT OR ROLLBACK INTO u (k) VALUES ('a')", &e), -1);
	cr_expect(!db_in_transaction(db));
	cr_expect_eq(h.rollbacks, 1);
	cr_expect_eq(h.commits, 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM t"), 0);
}

Test(db, hooks_removed_hear_nothing)
{
	struct heard h = {0};
	struct err e = {0};
	db_set_hooks(db, &hooks, &h);
	db_set_hooks(db, NULL, NULL);
	cr_assert(db_begin(db, &e) == 0);
	insert_one();
	cr_expect_eq(db_commit(db, &e), 0);
	cr_assert(db_begin(db, &e) == 0);
	db_rollback(db);
	cr_expect_eq(h.before + h.commits + h.rollbacks, 0);
}
