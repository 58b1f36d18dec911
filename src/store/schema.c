/* schema.c - the database schema as numbered migrations. A migration is
 * never edited once released: add a new one. Tables fall in two groups:
 * the ledger (relationships, events: append-only, the source of truth) and
 * projections (partners, contacts, ...), rebuilt from the ledger. */
#include "store/schema.h"

#include <sqlite3.h>
#include <stdio.h>

#include "store/db.h"

static const char *const migrations[] = {
	/* 1: the ledger and the first projections */
	"CREATE TABLE buyer ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  name TEXT NOT NULL,"
	"  country TEXT NOT NULL,"
	"  tz TEXT NOT NULL,"
	"  created INTEGER NOT NULL);"
	/* head_seq/head_hash mirror the newest event so an append needs no
	 * scan and a truncated chain (last rows deleted) is still detected. */
	"CREATE TABLE relationships ("
	"  id INTEGER PRIMARY KEY,"
	"  uid TEXT NOT NULL UNIQUE,"
	"  head_seq INTEGER NOT NULL DEFAULT 0,"
	"  head_hash BLOB NOT NULL DEFAULT (zeroblob(32)));"
	"CREATE TABLE events ("
	"  id INTEGER PRIMARY KEY,"
	"  rel INTEGER NOT NULL REFERENCES relationships(id),"
	"  seq INTEGER NOT NULL CHECK (seq >= 1),"
	"  kind TEXT NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  recorded INTEGER NOT NULL,"
	"  side TEXT NOT NULL CHECK (side IN ('buyer', 'partner')),"
	"  author TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  prev_hash BLOB NOT NULL CHECK (length(prev_hash) = 32),"
	"  hash BLOB NOT NULL CHECK (length(hash) = 32),"
	"  UNIQUE (rel, seq));"
	"CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'events are append-only: record a correcting event instead');"
	"END;"
	"CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events BEGIN"
	"  SELECT RAISE(ABORT, 'events are append-only: record a correcting event instead');"
	"END;"
	"CREATE TABLE partners ("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  country TEXT NOT NULL,"
	"  tz TEXT NOT NULL,"
	"  city TEXT,"
	"  since INTEGER NOT NULL);"
	/* Projections carry no foreign keys: they are derived from the ledger
	 * and rebuilt from it, so the check would only slow every append. */
	"CREATE TABLE contacts ("
	"  rel INTEGER NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  event_id INTEGER NOT NULL,"
	"  by_side TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  note TEXT,"
	"  PRIMARY KEY (rel, at, event_id)) WITHOUT ROWID;",
};

#define NMIGRATIONS ((int)(sizeof migrations / sizeof migrations[0]))

int schema_latest(void)
{
	return NMIGRATIONS;
}

static int user_version(struct db *db, int *v, struct err *e)
{
	sqlite3_stmt *s = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &s, NULL) != SQLITE_OK ||
	    sqlite3_step(s) != SQLITE_ROW) {
		sqlite3_finalize(s);
		return db_fail(db, e, "reading the schema version");
	}
	*v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return 0;
}

int schema_migrate(struct db *db, struct err *e)
{
	int v = 0;
	if (user_version(db, &v, e))
		return -1;
	if (v > NMIGRATIONS)
		return err_set(e, ERR_IO,
		               "database %s has schema version %d, newer than this rapport knows (%d): "
		               "upgrade rapport",
		               db->path, v, NMIGRATIONS);
	for (; v < NMIGRATIONS; v++) {
		char pragma[48];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", v + 1);
		if (db_begin(db, e) || db_exec(db, migrations[v], e) || db_exec(db, pragma, e) ||
		    db_commit(db, e)) {
			db_rollback(db);
			return -1;
		}
	}
	return 0;
}
