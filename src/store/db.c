/* db.c - the SQLite implementation of db.h: opening SQLite for the ledger,
 * the statement cache, binding, reading and the transaction hooks. The only
 * file that calls SQLite. Knows no table: the schema is schema.c's, the
 * queries live beside their module. */
#include "store/db.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "store/schema.h"

#define DB_STMT_CACHE 256

struct db {
	sqlite3 *h;
	char *path;
	struct {
		const char *sql;     /* the static string is the key */
		sqlite3_stmt *stmt;
	} cache[DB_STMT_CACHE];
	int ncache;
	struct db_hooks hooks;
	void *hooks_ctx;
};

/* A struct db_stmt is SQLite's own statement under another name: never
 * defined, only converted, so a statement costs nothing to wrap. */
static sqlite3_stmt *raw(struct db_stmt *st)
{
	return (sqlite3_stmt *)(void *)st;
}

static struct db_stmt *wrap(sqlite3_stmt *s)
{
	return (struct db_stmt *)(void *)s;
}

/* SQLite runs a RETURNING clause as a trigger program writing to a
 * temporary table, which costs more than the INSERT of an event itself
 * (2 to 4 us a row against the ledger's 7 to 8 us an append). So a
 * statement whose SQL ends in exactly " RETURNING id" is prepared without
 * it, and db_step_id reads the same id from the connection's last rowid:
 * the SQL stays the portable form a second backend runs as written. */
static const char RETURNING_ID[] = " RETURNING id";

static int prepare(struct db *db, const char *sql, unsigned flags, sqlite3_stmt **s)
{
	size_t n = strlen(sql), k = sizeof RETURNING_ID - 1;
	if (n > k && !memcmp(sql + n - k, RETURNING_ID, k))
		n -= k;
	return sqlite3_prepare_v3(db->h, sql, (int)n, flags, s, NULL);
}

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

const char *db_path(const struct db *db)
{
	return db->path;
}

struct db_stmt *db_stmt(struct db *db, const char *sql, struct err *e)
{
	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			sqlite3_stmt *s = db->cache[i].stmt;
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			return wrap(s);
		}
	}
	sqlite3_stmt *s = NULL;
	if (prepare(db, sql, SQLITE_PREPARE_PERSISTENT, &s) != SQLITE_OK) {
		db_fail(db, e, "prepare");
		return NULL;
	}
	if (db->ncache == DB_STMT_CACHE) /* more statements than expected: do not cache */
		abort();
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = s;
	db->ncache++;
	return wrap(s);
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *e)
{
	sqlite3_stmt *s = NULL;
	if (prepare(db, sql, 0, &s) != SQLITE_OK) {
		db_fail(db, e, "prepare");
		sqlite3_finalize(s);
		return NULL;
	}
	return wrap(s);
}

void db_finalize(struct db_stmt *st)
{
	sqlite3_finalize(raw(st));
}

void db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	sqlite3_bind_int64(raw(st), i, v);
}

void db_bind_int(struct db_stmt *st, int i, int v)
{
	sqlite3_bind_int(raw(st), i, v);
}

void db_bind_double(struct db_stmt *st, int i, double v)
{
	sqlite3_bind_double(raw(st), i, v);
}

void db_bind_text(struct db_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(raw(st), i, v, -1, SQLITE_STATIC);
}

void db_bind_textn(struct db_stmt *st, int i, const char *v, size_t len)
{
	sqlite3_bind_text(raw(st), i, v, (int)len, SQLITE_STATIC);
}

void db_bind_blob(struct db_stmt *st, int i, const void *v, size_t len)
{
	sqlite3_bind_blob(raw(st), i, v, (int)len, SQLITE_STATIC);
}

void db_bind_null(struct db_stmt *st, int i)
{
	sqlite3_bind_null(raw(st), i);
}

int db_step(struct db_stmt *st)
{
	int rc = sqlite3_step(raw(st));
	return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : -1;
}

int db_step_id(struct db_stmt *st, int64_t *id)
{
	sqlite3_stmt *s = raw(st);
	if (sqlite3_column_count(s) == 0) { /* prepared without its RETURNING id */
		if (sqlite3_step(s) != SQLITE_DONE)
			return -1;
		*id = sqlite3_last_insert_rowid(sqlite3_db_handle(s));
		return 0;
	}
	if (db_step(st) != DB_ROW)
		return -1;
	*id = db_col_int64(st, 0);
	return db_step(st) == DB_DONE ? 0 : -1;
}

void db_reset(struct db_stmt *st)
{
	sqlite3_reset(raw(st));
}

int64_t db_col_int64(struct db_stmt *st, int c)
{
	return sqlite3_column_int64(raw(st), c);
}

int db_col_int(struct db_stmt *st, int c)
{
	return sqlite3_column_int(raw(st), c);
}

double db_col_double(struct db_stmt *st, int c)
{
	return sqlite3_column_double(raw(st), c);
}

const char *db_col_text(struct db_stmt *st, int c)
{
	return (const char *)sqlite3_column_text(raw(st), c);
}

const void *db_col_blob(struct db_stmt *st, int c)
{
	return sqlite3_column_blob(raw(st), c);
}

int db_col_bytes(struct db_stmt *st, int c)
{
	return sqlite3_column_bytes(raw(st), c);
}

int db_col_is_null(struct db_stmt *st, int c)
{
	return sqlite3_column_type(raw(st), c) == SQLITE_NULL;
}

enum db_type db_col_type(struct db_stmt *st, int c)
{
	switch (sqlite3_column_type(raw(st), c)) {
	case SQLITE_INTEGER:
		return DB_INTEGER;
	case SQLITE_FLOAT:
		return DB_FLOAT;
	case SQLITE_TEXT:
		return DB_TEXT;
	case SQLITE_BLOB:
		return DB_BLOB;
	default:
		return DB_NULL;
	}
}

int db_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(raw(st));
}

const char *db_col_name(struct db_stmt *st, int c)
{
	return sqlite3_column_name(raw(st), c);
}

int db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
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
	if (db->hooks.before_commit && db->hooks.before_commit(db->hooks_ctx, e))
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
	struct db_stmt *s = db_stmt(db, "BEGIN", e);
	if (!s)
		return -1;
	int rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? 0 : db_fail(db, e, "starting a read");
}

void db_read_end(struct db *db)
{
	/* a read has nothing to keep: COMMIT and ROLLBACK both just end it */
	struct db_stmt *s = db_stmt(db, "COMMIT", NULL);
	if (s) {
		db_step(s);
		db_reset(s);
	}
	if (!sqlite3_get_autocommit(db->h))
		db_rollback(db);
}

/* SQLite calls these for every commit and rollback on the connection,
 * whatever ran it: the hooks see every end of a transaction without each
 * path having to remember to call them. */
static int commit_hook(void *p)
{
	struct db *db = p;
	return db->hooks.on_commit ? db->hooks.on_commit(db->hooks_ctx) : 0;
}

static void rollback_hook(void *p)
{
	struct db *db = p;
	if (db->hooks.on_rollback)
		db->hooks.on_rollback(db->hooks_ctx);
}

void db_set_hooks(struct db *db, const struct db_hooks *h, void *ctx)
{
	if (h) {
		db->hooks = *h;
		db->hooks_ctx = ctx;
		sqlite3_commit_hook(db->h, commit_hook, db);
		sqlite3_rollback_hook(db->h, rollback_hook, db);
	} else {
		db->hooks = (struct db_hooks){0};
		db->hooks_ctx = NULL;
		sqlite3_commit_hook(db->h, NULL, NULL);
		sqlite3_rollback_hook(db->h, NULL, NULL);
	}
}
