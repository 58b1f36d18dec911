/* db.c - the SQLite implementation of db.h: opening SQLite for the ledger,
 * the statement cache, binding, reading and the transaction hooks; each
 * function hands a PostgreSQL connection or statement to db_pg.c. The only
 * file that calls SQLite. Knows no table: the schema is schema.c's, the
 * queries live beside their module. */
#include "store/db.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>

#include "store/db_impl.h"
#include "store/schema.h"

/* A SQLite statement is wrapped once, when it is prepared: the wrapper
 * says its backend, and costs one pointer hop a call. */
static sqlite3_stmt *raw(struct db_stmt *st)
{
	return st->s;
}

static struct db_stmt *wrap(struct db *db, sqlite3_stmt *s)
{
	struct db_stmt *st = calloc(1, sizeof *st);
	if (!st)
		abort();
	st->s = s;
	st->db = db;
	return st;
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
	if (db->pg)
		return pg_fail(db, e, what);
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
	if (db->pg)
		return pg_exec(db, sql, e);
	if (sqlite3_exec(db->h, sql, NULL, NULL, NULL) != SQLITE_OK)
		return db_fail(db, e, "database");
	return 0;
}

int db_is_url(const char *path)
{
	return !strncmp(path, "postgresql://", 13) || !strncmp(path, "postgres://", 11);
}

/* Copies [from, to) into out (room left: *room), keeping it NUL-terminated. */
static void put(char **out, size_t *room, const char *from, const char *to)
{
	size_t n = (size_t)(to - from);
	if (n >= *room)
		n = *room - 1;
	memcpy(*out, from, n);
	*out += n;
	*room -= n;
	**out = 0;
}

void db_redact(char *out, size_t len, const char *path)
{
	if (!len)
		return;
	*out = 0;
	if (!db_is_url(path)) {
		snprintf(out, len, "%s", path);
		return;
	}
	static const char stars[] = "***";
	const char *p = strstr(path, "://") + 3;
	/* the authority ends at the path, the query or the fragment; its
	 * user information at its last '@' (a password may hold an '@' that
	 * a careless URL did not percent-encode) */
	const char *end = p + strcspn(p, "/?#");
	const char *at = NULL;
	for (const char *q = p; q < end; q++)
		if (*q == '@')
			at = q;
	const char *colon = at ? memchr(p, ':', (size_t)(at - p)) : NULL;
	if (colon) {
		put(&out, &len, path, colon + 1);
		put(&out, &len, stars, stars + 3);
		p = at;
	} else {
		p = path;
	}
	/* password=... among the query's parameters */
	const char *query = strchr(end, '?');
	if (!query) {
		put(&out, &len, p, p + strlen(p));
		return;
	}
	put(&out, &len, p, query + 1);
	for (const char *q = query + 1; *q;) {
		const char *next = q + strcspn(q, "&#");
		if (!strncmp(q, "password=", 9) && q + 9 <= next) {
			put(&out, &len, q, q + 9);
			put(&out, &len, stars, stars + 3);
		} else {
			put(&out, &len, q, next);
		}
		if (*next == '&') {
			put(&out, &len, next, next + 1);
			q = next + 1;
		} else {
			put(&out, &len, next, next + strlen(next));
			break;
		}
	}
}

int db_open(struct db **out, const char *path, enum db_open_mode mode, struct err *e)
{
	*out = NULL;
	struct db *db = calloc(1, sizeof *db);
	if (!db)
		abort();
	char shown[4096];
	db_redact(shown, sizeof shown, path);
	db->path = strdup(shown);
	if (!db->path)
		abort();
	if (db_is_url(path)) {
		if (pg_open(db, path, mode, e)) {
			db_close(db);
			return -1;
		}
		*out = db;
		return 0;
	}
	int flags = (mode == DB_READONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_NOMUTEX;
	if (mode == DB_CREATE || mode == DB_CREATE_WRITE)
		flags |= SQLITE_OPEN_CREATE;
	int rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		struct stat st;
		if (rc == SQLITE_CANTOPEN && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
			err_set(e, ERR_INPUT, "--db: %s is a directory, not a database file", path);
		else if (mode != DB_CREATE && mode != DB_CREATE_WRITE && rc == SQLITE_CANTOPEN)
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
	    db_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", e) ||
	    (mode == DB_CREATE_WRITE && db_begin(db, e))) {
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
		db_finalize(db->cache[i].stmt);
	if (db->pg)
		pg_close(db);
	else
		sqlite3_close(db->h);
	free(db->path);
	free(db);
}

int db_alive(struct db *db, int probe)
{
	if (!db->pg)
		return 1; /* a file: there whenever the process is */
	int r = pg_alive(db, probe);
	if (r == 2) {
		/* prepared on the lost connection: made again on their next use */
		for (int i = 0; i < db->ncache; i++)
			db_finalize(db->cache[i].stmt);
		db->ncache = 0;
	}
	return r;
}

const char *db_path(const struct db *db)
{
	return db->path;
}

struct db_stmt *db_stmt(struct db *db, const char *sql, struct err *e)
{
	for (int i = 0; i < db->ncache; i++) {
		if (db->cache[i].sql == sql) {
			struct db_stmt *st = db->cache[i].stmt;
			if (st->pg) {
				pg_reset(st);
				pg_clear(st);
			} else {
				sqlite3_reset(st->s);
				sqlite3_clear_bindings(st->s);
			}
			return st;
		}
	}
	struct db_stmt *st;
	if (db->pg) {
		st = pg_prepare(db, sql, e);
		if (!st)
			return NULL;
	} else {
		sqlite3_stmt *s = NULL;
		if (prepare(db, sql, SQLITE_PREPARE_PERSISTENT, &s) != SQLITE_OK) {
			db_fail(db, e, "prepare");
			return NULL;
		}
		st = wrap(db, s);
	}
	if (db->ncache == DB_STMT_CACHE) /* more statements than expected: do not cache */
		abort();
	db->cache[db->ncache].sql = sql;
	db->cache[db->ncache].stmt = st;
	db->ncache++;
	return st;
}

struct db_stmt *db_prepare(struct db *db, const char *sql, struct err *e)
{
	if (db->pg)
		return pg_prepare(db, sql, e);
	sqlite3_stmt *s = NULL;
	if (prepare(db, sql, 0, &s) != SQLITE_OK) {
		if (e)
			db_fail(db, e, "prepare");
		sqlite3_finalize(s);
		return NULL;
	}
	return wrap(db, s);
}

void db_finalize(struct db_stmt *st)
{
	if (!st)
		return;
	if (st->pg) {
		pg_finalize(st);
		return;
	}
	sqlite3_finalize(raw(st));
	free(st);
}

void db_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	if (st->pg) {
		char t[24];
		snprintf(t, sizeof t, "%lld", (long long)v);
		pg_bind_text(st, i, t, strlen(t));
		return;
	}
	sqlite3_bind_int64(raw(st), i, v);
}

void db_bind_int(struct db_stmt *st, int i, int v)
{
	if (st->pg) {
		db_bind_int64(st, i, v);
		return;
	}
	sqlite3_bind_int(raw(st), i, v);
}

void db_bind_double(struct db_stmt *st, int i, double v)
{
	if (st->pg) {
		char t[40];
		snprintf(t, sizeof t, "%.17g", v);
		pg_bind_text(st, i, t, strlen(t));
		return;
	}
	sqlite3_bind_double(raw(st), i, v);
}

void db_bind_text(struct db_stmt *st, int i, const char *v)
{
	if (st->pg) {
		if (v)
			pg_bind_text(st, i, v, strlen(v));
		else
			pg_bind_null(st, i);
		return;
	}
	sqlite3_bind_text(raw(st), i, v, -1, SQLITE_STATIC);
}

void db_bind_textn(struct db_stmt *st, int i, const char *v, size_t len)
{
	if (st->pg) {
		if (v)
			pg_bind_text(st, i, v, len);
		else
			pg_bind_null(st, i);
		return;
	}
	sqlite3_bind_text(raw(st), i, v, (int)len, SQLITE_STATIC);
}

void db_bind_blob(struct db_stmt *st, int i, const void *v, size_t len)
{
	if (st->pg) {
		if (v)
			pg_bind_blob(st, i, v, len);
		else
			pg_bind_null(st, i);
		return;
	}
	sqlite3_bind_blob(raw(st), i, v, (int)len, SQLITE_STATIC);
}

void db_bind_null(struct db_stmt *st, int i)
{
	if (st->pg) {
		pg_bind_null(st, i);
		return;
	}
	sqlite3_bind_null(raw(st), i);
}

int db_step(struct db_stmt *st)
{
	if (st->pg)
		return pg_step(st);
	int rc = sqlite3_step(raw(st));
	return rc == SQLITE_ROW ? DB_ROW : rc == SQLITE_DONE ? DB_DONE : -1;
}

int db_step_id(struct db_stmt *st, int64_t *id)
{
	if (st->pg)
		return pg_step_id(st, id);
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
	if (st->pg)
		pg_reset(st);
	else
		sqlite3_reset(raw(st));
}

int64_t db_col_int64(struct db_stmt *st, int c)
{
	if (st->pg) {
		const char *t = pg_col_text(st, c);
		return !t ? 0 : *t == 't' ? 1 : *t == 'f' ? 0 : strtoll(t, NULL, 10);
	}
	return sqlite3_column_int64(raw(st), c);
}

int db_col_int(struct db_stmt *st, int c)
{
	if (st->pg)
		return (int)db_col_int64(st, c);
	return sqlite3_column_int(raw(st), c);
}

double db_col_double(struct db_stmt *st, int c)
{
	if (st->pg) {
		const char *t = pg_col_text(st, c);
		return !t ? 0 : *t == 't' ? 1 : *t == 'f' ? 0 : strtod(t, NULL);
	}
	return sqlite3_column_double(raw(st), c);
}

const char *db_col_text(struct db_stmt *st, int c)
{
	if (st->pg)
		return pg_col_text(st, c);
	return (const char *)sqlite3_column_text(raw(st), c);
}

const void *db_col_blob(struct db_stmt *st, int c)
{
	if (st->pg)
		return pg_col_blob(st, c);
	return sqlite3_column_blob(raw(st), c);
}

int db_col_bytes(struct db_stmt *st, int c)
{
	if (st->pg)
		return pg_col_bytes(st, c);
	return sqlite3_column_bytes(raw(st), c);
}

int db_col_is_null(struct db_stmt *st, int c)
{
	if (st->pg)
		return pg_col_is_null(st, c);
	return sqlite3_column_type(raw(st), c) == SQLITE_NULL;
}

enum db_type db_col_type(struct db_stmt *st, int c)
{
	if (st->pg)
		return pg_col_type(st, c);
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
	if (st->pg)
		return pg_col_count(st);
	return sqlite3_column_count(raw(st));
}

const char *db_col_name(struct db_stmt *st, int c)
{
	if (st->pg)
		return pg_col_name(st, c);
	return sqlite3_column_name(raw(st), c);
}

int db_changes(struct db *db)
{
	if (db->pg)
		return pg_changes(db);
	return sqlite3_changes(db->h);
}

int db_cache_mib(struct db *db, int mib, struct err *e)
{
	if (db->pg) /* the server's shared_buffers are the server's */
		return 0;
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", -1024 * mib);
	return db_exec(db, sql, e);
}

int db_begin(struct db *db, struct err *e)
{
	if (db->pg)
		return pg_begin(db, "BEGIN ISOLATION LEVEL READ COMMITTED", e);
	return db_exec(db, "BEGIN IMMEDIATE", e);
}

int db_in_transaction(struct db *db)
{
	if (db->pg)
		return pg_in_transaction(db);
	return !sqlite3_get_autocommit(db->h);
}

int db_commit(struct db *db, struct err *e)
{
	if (db->pg)
		return pg_commit(db, e);
	if (db->hooks.before_commit && db->hooks.before_commit(db->hooks_ctx, e))
		return -1;
	return db_exec(db, "COMMIT", e);
}

void db_rollback(struct db *db)
{
	if (db->pg) {
		pg_rollback(db);
		return;
	}
	if (!sqlite3_get_autocommit(db->h))
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
}

int db_read_begin(struct db *db, struct err *e)
{
	/* one snapshot for every read, as SQLite's read transaction */
	if (db->pg)
		return pg_begin(db, "BEGIN ISOLATION LEVEL REPEATABLE READ", e);
	struct db_stmt *s = db_stmt(db, "BEGIN", e);
	if (!s)
		return -1;
	int rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? 0 : db_fail(db, e, "starting a read");
}

void db_read_end(struct db *db)
{
	if (db->pg) {
		/* COMMIT as SQLite's read_end runs it: without before_commit */
		struct err ignored = {0};
		if (pg_in_transaction(db) && pg_exec(db, "COMMIT", &ignored))
			pg_rollback(db);
		return;
	}
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
	if (db->pg) { /* db_pg.c calls them itself */
		db->hooks = h ? *h : (struct db_hooks){0};
		db->hooks_ctx = h ? ctx : NULL;
		return;
	}
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

enum db_dialect db_dialect(const struct db *db)
{
	return db->pg ? DB_POSTGRESQL : DB_SQLITE;
}

const char *db_sql(const struct db *db, const char *sqlite, const char *postgresql)
{
	return db->pg ? postgresql : sqlite;
}
