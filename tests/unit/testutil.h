/* testutil.h - helpers shared by the unit tests: vector files, scratch
 * databases and the ledger over one. Not a test file itself. */
#ifndef RAPPORT_TESTUTIL_H
#define RAPPORT_TESTUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "ledger.h"
#include "store/db.h"

/* Reads tests/vectors/<rel> (under $RAPPORT_VECTORS when set) into a
 * NUL-terminated buffer the caller frees; aborts the test when missing. */
char *tu_vector(const char *rel, size_t *len);

/* A fresh database in a new temporary directory, with the buyer row
 * (Linden & Rowe, GB, Europe/London). Free with tu_db_close. When
 * $RAPPORT_TEST_PG names a PostgreSQL server (postgresql://.../DB, as
 * tests/pg/server prints), a fresh database there instead: CREATE
 * DATABASE ... TEMPLATE template0, dropped by tu_db_close. */
struct db *tu_db_new(void);
void tu_db_close(struct db *db);
/* Removes a SQLite database file of tu_db_new's, its -wal and -shm, and
 * its directory, once the test has closed it itself. */
void tu_db_remove(const char *path);
/* Skips the test when it runs against PostgreSQL ($RAPPORT_TEST_PG): for
 * what only SQLite has (its own error words, PRAGMAs, the file). */
void tu_sqlite_only(const char *why);
/* The schema version: PRAGMA user_version, or PostgreSQL's rapport_schema. */
#define TU_SQL_VERSION(db) db_sql(db, "PRAGMA user_version", "SELECT version FROM rapport_schema")
/* 32 zero bytes as an SQL value. */
#define TU_SQL_ZERO32(db) \
	db_sql(db, "zeroblob(32)", "'\\x0000000000000000000000000000000000000000000000000000000000000000'::bytea")
/* A scratch directory for files beside the database (keys, bundles). */
void tu_db_dir(struct db *db, char *out, size_t size);
/* Runs one SQL statement returning a single integer. */
long long tu_int(struct db *db, const char *sql);

/* A fresh database (tu_db_new) in *db and a ledger over it in l: a
 * suite's setup. Free both with tu_ledger_close, its teardown. */
void tu_ledger_new(struct db **db, struct ledger *l);
void tu_ledger_close(struct db *db, struct ledger *l);
/* Opens a relationship with the partner name, country and zone tz and
 * tu_db_new's buyer: a relationship.open event of the buyer's (Maya
 * Okafor) that happened and was recorded at at. Returns its id. */
int64_t tu_rel_open(struct ledger *l, const char *name, const char *country, const char *tz, int64_t at);

#endif
