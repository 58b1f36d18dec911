/* db.c - opening SQLite for the ledger and the statement cache. Knows no
 * table: the schema is schema.c's, the queries live beside their module. */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "store/schema.h"

int db_fail(struct db *db, struct err *e, const char *what)
{
	int rc = sqlite3_extended_errcode(db->h);
	const char *msg = sqlite3_errmsg(db->h);
	if ((rc & 0xff) == SQLITE_READONLY)
		return err_set(e, ERR_IO, "%s: database %s is read-only: %s", what, db->path, msg);
	if ((rc & 0xff) == SQLITE_BUSY)
		return err_set(e, ERR_IO, "%s: database %s is busy (another writer holds it): %s", what,
		               db->path, msg);
	return err_set(e, ERR_IO, "%s: %s: %s", what, db->path, msg);
}

int db_exec(struct db *db, const char *sql, struct err *e)
{
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "database");
	return 0;
}

int db_open(struct db **out, const char *path, enum db_open_mode mode, struct err *e)
{
	*out = NULL;
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	db->path = strdup(path);
	int flags = (mode == DB_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
	if (mode == DB_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		struct stat st;
		if (rc == SQLITE_CANTOPEN && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			err_set(e, ERR_INPUT, "--db: %s is a directory, not a database file", path);
		else if (mode != DB_CREATE && rc == SQLITE_CANTOPEN)
			err_set(e, ERR_INPUT, "--db: no database at %s (create one with: rapport init)", path);
		else
			err_set(e, ERR_IO, "cannot open database %s: %s", path,
			        db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		db_close(db);
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	if (mode == DB_READONLY) {
		/* a reader cannot migrate: whoever opened the file for writing
		 * first (rapport serve does) brought it to this schema */
		int v;
		if (schema_version(db, &v, e) ||
		    (v != schema_latest() &&
		     err_set(e, ERR_IO, "database %s has schema version %d, this rapport reads %d", path, v, schema_latest()))) {
			db_close(db);
			return -1;
		}
		*out = db;
		return 0;
	}
	/* The schema is checked before anything is written, so that a database
	 * this rapport refuses is left exactly as it was. WAL lets readers (the
	 * web server) run beside the one writer; FULL syncs the WAL on every
	 * commit so an acknowledged append survives a power cut, not only a
	 * crash. */
	if (db_exec(db, "PRAGMA foreign_keys=ON;", e) || schema_migrate(db, e) ||
	    db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", e)) {
		db_close(db);
		return -1;
	}
	*out = db;
	return 0;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++)
		sqlite3_finalize(db->cache[i].stmt);
	sqlite3_close(db->h);
	free(db->path);
	free(db);
}

sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct err *e)
{
	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			sqlite3_stmt *s = db->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return s;
		}
	}
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK) {
		db_fail(db, e, "prepare");
		return NULL;
	}
	if (db->ncache == DB_STMT_CACHE) /* more statements than expected: do not cache */
		abort();
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = s;
	db->ncache++;
	return s;
}

int db_cache_mib(struct db *db, int mib, struct err *e)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", -1024 * mib);
	return db_exec(db, sql, e);
}

int db_begin(struct db *db, struct err *e)
{
	return db_exec(db, "BEGIN IMMEDIATE", e);
}

int db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->h);
}

int db_commit(struct db *db, struct err *e)
{
	if (db->before_commit && db->before_commit(db->before_commit_ctx, e))
		return -1;
	return db_exec(db, "COMMIT", e);
}

void db_rollback(struct db *db)
{
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int db_read_begin(struct db *db, struct err *e)
{
	sqlite3_stmt *s = db_stmt(db, "BEGIN", e);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_fail(db, e, "starting a read");
}

void db_read_end(struct db *db)
{
	/* a read has nothing to keep: COMMIT and ROLLBACK both just end it */
	sqlite3_stmt *s = db_stmt(db, "COMMIT", NULL);
	if (s) {
		sqlite3_step(s);
		sqlite3_reset(s);
	}
	if (!sqlite3_get_autocommit(db->h))
		db_rollback(db);
}
