/* db_impl.h - what db.c (SQLite) and db_pg.c (PostgreSQL) share behind
 * db.h: the connection and the statement with the backend each belongs
 * to. Only those two files include it. */
#ifndef RAPPORT_DB_IMPL_H
#define RAPPORT_DB_IMPL_H

#include <sqlite3.h>

#include "store/db.h"

#define DB_STMT_CACHE 256

struct pg_conn;
struct pg_stmt;

struct db {
	sqlite3 *h;          /* NULL on PostgreSQL */
	struct pg_conn *pg;  /* NULL on SQLite */
	char *path;
	struct {
		const char *sql;     /* the static string is the key */
		struct db_stmt *stmt;
	} cache[DB_STMT_CACHE];
	int ncache;
	struct db_hooks hooks;
	void *hooks_ctx;
};

/* A statement says its backend: s for SQLite, pg for PostgreSQL. */
struct db_stmt {
	sqlite3_stmt *s;
	struct pg_stmt *pg;
	struct db *db;
};

/* db_pg.c: the PostgreSQL side of each db.h function, called by db.c
 * when db->pg (or st->pg) is set. */
int pg_open(struct db *db, const char *url, enum db_open_mode mode, struct err *e);
int pg_alive(struct db *db, int probe);
void pg_close(struct db *db);
int pg_fail(struct db *db, struct err *e, const char *what);
int pg_exec(struct db *db, const char *sql, struct err *e);
struct db_stmt *pg_prepare(struct db *db, const char *sql, struct err *e);
void pg_finalize(struct db_stmt *st);
void pg_bind_text(struct db_stmt *st, int i, const char *v, size_t len);
void pg_bind_blob(struct db_stmt *st, int i, const void *v, size_t len);
void pg_bind_null(struct db_stmt *st, int i);
int pg_step(struct db_stmt *st);
int pg_step_id(struct db_stmt *st, int64_t *id);
void pg_reset(struct db_stmt *st);
void pg_clear(struct db_stmt *st);
const char *pg_col_text(struct db_stmt *st, int c);
const void *pg_col_blob(struct db_stmt *st, int c);
int pg_col_bytes(struct db_stmt *st, int c);
int pg_col_is_null(struct db_stmt *st, int c);
enum db_type pg_col_type(struct db_stmt *st, int c);
int pg_col_count(struct db_stmt *st);
const char *pg_col_name(struct db_stmt *st, int c);
int pg_changes(struct db *db);
int pg_begin(struct db *db, const char *sql, struct err *e);
int pg_in_transaction(struct db *db);
int pg_commit(struct db *db, struct err *e);
void pg_rollback(struct db *db);

#endif
