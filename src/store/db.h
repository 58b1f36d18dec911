/* db.h - the SQLite connection: open with the ledger's pragmas, migrations,
 * transactions and a cache of prepared statements. All SQL lives in store/. */
#ifndef RAPPORT_DB_H
#define RAPPORT_DB_H

#include <sqlite3.h>

#include "util/err.h"

#define DB_STMT_CACHE 256

struct db {
	sqlite3 *h;
	char *path;
	struct {
		const char *sql;     /* the static string is the key */
		sqlite3_stmt *stmt;
	} cache[DB_STMT_CACHE];
	int ncache;
	/* Run by db_commit before COMMIT (the ledger flushes its chain head). */
	int (*before_commit)(void *ctx, struct err *e);
	void *before_commit_ctx;
};

enum db_open_mode {
	DB_EXISTING,  /* the file must exist */
	DB_CREATE,    /* create it when missing */
	DB_READONLY,  /* the file must exist at the current schema; nothing is written */
};

/* Opens path, sets WAL, foreign keys, a busy timeout and synchronous=FULL,
 * and applies pending migrations. DB_READONLY (the web server's readers)
 * only sets the busy timeout and refuses a schema other than the current
 * one. Free with db_close. */
int db_open(struct db **out, const char *path, enum db_open_mode mode, struct err *e);
void db_close(struct db *db);

/* Returns the cached statement for sql (a string literal), reset and with its
 * bindings cleared; NULL with e set when it cannot be prepared. */
sqlite3_stmt *db_stmt(struct db *db, const char *sql, struct err *e);

/* Runs SQL without results (pragmas, DDL, transaction control). */
int db_exec(struct db *db, const char *sql, struct err *e);

/* Lets SQLite keep up to mib MiB of pages in memory (its default is 2):
 * a bulk import that outgrows the cache writes pages out to the WAL and
 * reads them back as its indexes grow. */
int db_cache_mib(struct db *db, int mib, struct err *e);

/* One write transaction per command: BEGIN IMMEDIATE takes the write lock
 * up front so a busy database fails before any work, not half-way. */
int db_begin(struct db *db, struct err *e);
/* 1 inside a transaction. */
int db_in_transaction(struct db *db);
/* Runs before_commit, then COMMIT. */
int db_commit(struct db *db, struct err *e);
void db_rollback(struct db *db);

/* A read transaction: every read until db_read_end sees one snapshot, and
 * SQLite takes its locks once instead of once a statement (the web
 * server's handlers run inside one). A cache written on the way (scores.c)
 * takes the write lock then, and db_read_end commits it. */
int db_read_begin(struct db *db, struct err *e);
void db_read_end(struct db *db);

/* Fills e from the connection's last error; always returns -1. */
int db_fail(struct db *db, struct err *e, const char *what);

#endif
