/* test_schema.c - migrations on open, the ledger's pragmas, and refusal of
 * a database written by a newer rapport. */
#include <criterion/criterion.h>
#include <sqlite3.h> /* to read a file rapport refuses to open */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/copy.h"
#include "store/schema.h"
#include "testutil.h"

Test(schema, a_new_database_is_at_the_latest_version_with_the_ledger_pragmas)
{
	tu_sqlite_only("the ledger's pragmas");
	struct db *db = tu_db_new();
	cr_expect_eq(tu_int(db, "PRAGMA user_version"), schema_latest());
	cr_expect_eq(tu_int(db, "PRAGMA foreign_keys"), 1);
	cr_expect_eq(tu_int(db, "PRAGMA synchronous"), 2, "synchronous=FULL");
	cr_expect_gt(tu_int(db, "PRAGMA busy_timeout"), 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode = 'wal'"), 1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'events'"), 2);
	tu_db_close(db);
}

Test(schema, reopening_keeps_the_data_and_the_version)
{
	struct db *db = tu_db_new();
	char *path = strdup(db_path(db));
	struct err e = {0};
	cr_assert(db_exec(db, "INSERT INTO relationships (uid) VALUES ('x')", &e) == 0);
	db_close(db);
	cr_assert(db_open(&db, path, DB_EXISTING, &e) == 0, "%s", e.msg);
	cr_expect_eq(tu_int(db, TU_SQL_VERSION(db)), schema_latest());
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM relationships"), 1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM buyer"), 1);
	tu_db_close(db);
	free(path);
}

Test(schema, a_new_postgresql_database_is_at_the_latest_version_with_its_triggers)
{
	const char *pg = getenv("RAPPORT_TEST_PG");
	if (!pg || !*pg)
		cr_skip_test("PostgreSQL only: set RAPPORT_TEST_PG (make check-pg)");
	struct db *db = tu_db_new();
	cr_expect_eq(tu_int(db, "SELECT version FROM rapport_schema"), schema_latest());
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM rapport_schema"), 1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM information_schema.triggers WHERE event_object_table = 'events'"), 2);
	struct err e = {0};
	cr_expect_eq(db_exec(db, "CREATE TABLE t (x bigint)", &e), 0, "%s", e.msg);
	tu_db_close(db);
}

/* PostgreSQL's DDL is transactional: a database opened to be created with
 * the caller's first rows (rapport init) gets its tables in the caller's
 * transaction, and a rollback leaves the database empty, as it was. */
Test(schema, a_postgresql_database_created_and_rolled_back_is_left_empty)
{
	const char *pg = getenv("RAPPORT_TEST_PG");
	if (!pg || !*pg)
		cr_skip_test("PostgreSQL only: set RAPPORT_TEST_PG (make check-pg)");
	struct db *db = tu_db_new();
	char *url = strdup(db_path(db));
	struct err e = {0};
	cr_assert(db_exec(db, "DROP SCHEMA public CASCADE; CREATE SCHEMA public", &e) == 0, "%s", e.msg);
	db_close(db);
	cr_assert(db_open(&db, url, DB_CREATE_WRITE, &e) == 0, "%s", e.msg);
	cr_expect(db_in_transaction(db));
	cr_expect_eq(tu_int(db, "SELECT version FROM rapport_schema"), schema_latest());
	cr_assert(db_exec(db, "INSERT INTO relationships (uid) VALUES ('x')", &e) == 0, "%s", e.msg);
	db_rollback(db);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"), 0);
	db_close(db);
	cr_expect_eq(db_open(&db, url, DB_EXISTING, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect(strstr(e.msg, "no rapport database at"), "%s", e.msg);
	/* and committed, the tables and the row stay */
	cr_assert(db_open(&db, url, DB_CREATE_WRITE, &e) == 0, "%s", e.msg);
	cr_assert(db_exec(db, "INSERT INTO relationships (uid) VALUES ('x')", &e) == 0, "%s", e.msg);
	cr_assert(db_commit(db, &e) == 0, "%s", e.msg);
	db_close(db);
	cr_assert(db_open(&db, url, DB_EXISTING, &e) == 0, "%s", e.msg);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM relationships"), 1);
	tu_db_close(db);
	free(url);
}

Test(schema, a_newer_database_is_refused_untouched)
{
	tu_sqlite_only("reads the refused file with sqlite3 itself");
	struct db *db = tu_db_new();
	char *path = strdup(db_path(db));
	struct err e = {0};
	char sql[64];
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", schema_latest() + 1);
	cr_assert(db_exec(db, sql, &e) == 0);
	db_close(db);
	cr_expect_eq(db_open(&db, path, DB_EXISTING, &e), -1);
	cr_expect_eq(e.code, ERR_IO);
	char want[256];
	snprintf(want, sizeof want, "database %s has schema version %d, newer than this rapport knows (%d): upgrade rapport",
	         path, schema_latest() + 1, schema_latest());
	cr_expect_str_eq(e.msg, want);
	sqlite3 *raw;
	cr_assert(sqlite3_open(path, &raw) == SQLITE_OK);
	sqlite3_stmt *s;
	sqlite3_prepare_v2(raw, "PRAGMA user_version", -1, &s, NULL);
	sqlite3_step(s);
	cr_expect_eq(sqlite3_column_int(s, 0), schema_latest() + 1);
	sqlite3_finalize(s);
	sqlite3_close(raw);
	tu_db_remove(path);
	free(path);
}

Test(schema, a_missing_database_is_not_created_unless_asked)
{
	struct db *db;
	struct err e = {0};
	cr_expect_eq(db_open(&db, "/tmp/rapport-no-such-dir/x.db", DB_EXISTING, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_eq(db_open(&db, "/tmp/rapport-no-such-dir/x.db", DB_CREATE, &e), -1);
	cr_expect_eq(e.code, ERR_IO);
}

/* rapport migrate copies the tables of its list: one the schema gained and
 * the list did not would be left behind without a word. */
Test(schema, migrate_copies_every_table_of_the_schema)
{
	struct db *db = tu_db_new();
	/* PostgreSQL's has one table more: rapport_schema, its version, which
	 * each side's migrations keep */
	const char *tables = db_sql(db, "SELECT name FROM sqlite_master WHERE type = 'table'",
	                            "SELECT table_name FROM information_schema.tables"
	                            " WHERE table_schema = current_schema() AND table_name <> 'rapport_schema'");
	int listed = 0;
	for (const char *const *t = store_copy_tables; *t; t++) {
		char sql[256];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s) AS t WHERE t.%s = '%s'", tables,
		         db_dialect(db) == DB_POSTGRESQL ? "table_name" : "name", *t);
		cr_expect_eq(tu_int(db, sql), 1, "%s is not a table", *t);
		listed++;
	}
	char sql[256];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s) AS t", tables);
	cr_expect_eq(tu_int(db, sql), listed);
	tu_db_close(db);
}
