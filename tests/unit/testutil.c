/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <criterion/criterion.h>
#include <jansson.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store/parties.h"

char *tu_vector(const char *rel, size_t *len)
{
	const char *dir = getenv("RAPPORT_VECTORS");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "tests/vectors", rel);
	FILE *f = fopen(path, "rb");
	cr_assert(f != NULL, "cannot open vector %s", path);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)n + 1);
	cr_assert(p != NULL);
	cr_assert(fread(p, 1, (size_t)n, f) == (size_t)n);
	p[n] = '\0';
	fclose(f);
	if (len)
		*len = (size_t)n;
	return p;
}

/* Runs one command on the server of $RAPPORT_TEST_PG, in its own database:
 * CREATE and DROP DATABASE cannot run inside the database they name. */
static void pg_admin(const char *url, const char *sql)
{
	PGconn *c = PQconnectdb(url);
	cr_assert(PQstatus(c) == CONNECTION_OK, "%s: %s", url, PQerrorMessage(c));
	PGresult *r = PQexec(c, sql);
	cr_assert(PQresultStatus(r) == PGRES_COMMAND_OK, "%s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	PQfinish(c);
}

static struct db *pg_db_new(const char *base)
{
	static unsigned n;
	char name[64], sql[160], url[1024];
	snprintf(name, sizeof name, "rapport_unit_%ld_%u", (long)getpid(), ++n);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s TEMPLATE template0 STRATEGY FILE_COPY", name);
	pg_admin(base, sql);
	const char *slash = strrchr(base, '/');
	cr_assert(slash && slash > base + 12, "RAPPORT_TEST_PG: not a postgresql://HOST/DB URL: %s", base);
	snprintf(url, sizeof url, "%.*s/%s", (int)(slash - base), base, name);
	struct db *db;
	struct err e = {0};
	cr_assert(db_open(&db, url, DB_CREATE, &e) == 0, "%s", e.msg);
	return db;
}

struct db *tu_db_new(void)
{
	const char *pg = getenv("RAPPORT_TEST_PG");
	struct db *db;
	struct err e = {0};
	if (pg && *pg) {
		db = pg_db_new(pg);
	} else {
		char dir[] = "/tmp/rapport-unit-XXXXXX";
		cr_assert(mkdtemp(dir) != NULL);
		char path[128];
		snprintf(path, sizeof path, "%s/t.db", dir);
		cr_assert(db_open(&db, path, DB_CREATE, &e) == 0, "%s", e.msg);
	}
	struct party b = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London", .since = 1764547200};
	cr_assert(store_buyer_insert(db, &b, &e) == 0, "%s", e.msg);
	return db;
}

void tu_db_close(struct db *db)
{
	char *path = strdup(db_path(db));
	db_close(db);
	const char *pg = getenv("RAPPORT_TEST_PG");
	if (pg && *pg && !strncmp(path, "postgres", 8)) {
		char sql[160];
		snprintf(sql, sizeof sql, "DROP DATABASE %s WITH (FORCE)", strrchr(path, '/') + 1);
		pg_admin(pg, sql);
		free(path);
		return;
	}
	tu_db_remove(path);
	free(path);
}

void tu_db_remove(const char *path)
{
	char aux[160], *slash;
	unlink(path);
	snprintf(aux, sizeof aux, "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s", path);
	if ((slash = strrchr(aux, '/'))) {
		*slash = '\0';
		rmdir(aux);
	}
}

void tu_sqlite_only(const char *why)
{
	const char *pg = getenv("RAPPORT_TEST_PG");
	if (pg && *pg)
		cr_skip_test("SQLite only: %s", why);
}

void tu_db_dir(struct db *db, char *out, size_t size)
{
	if (db_dialect(db) == DB_POSTGRESQL) {
		char dir[] = "/tmp/rapport-unit-XXXXXX";
		cr_assert(mkdtemp(dir) != NULL);
		snprintf(out, size, "%s", dir);
		return;
	}
	snprintf(out, size, "%s", db_path(db));
	char *slash = strrchr(out, '/');
	cr_assert(slash != NULL);
	*slash = '\0';
}

long long tu_int(struct db *db, const char *sql)
{
	struct err e = {0};
	struct db_stmt *s = db_prepare(db, sql, &e);
	cr_assert(s, "%s", e.msg);
	int rc = db_step(s);
	if (rc != DB_ROW)
		db_fail(db, &e, sql);
	cr_assert(rc == DB_ROW, "%s", e.msg);
	long long v = db_col_int64(s, 0);
	db_finalize(s);
	return v;
}

void tu_ledger_new(struct db **db, struct ledger *l)
{
	struct err e = {0};
	*db = tu_db_new();
	cr_assert(ledger_init(l, *db, &e) == 0, "%s", e.msg);
}

void tu_ledger_close(struct db *db, struct ledger *l)
{
	ledger_release(l);
	tu_db_close(db);
}

int64_t tu_rel_open(struct ledger *l, const char *name, const char *country, const char *tz, int64_t at)
{
	struct err e = {0};
	int64_t rel;
	struct event ev;
	json_t *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "name", name, "country", country, "tz", tz,
	                         "buyer", "name", "Linden & Rowe", "country", "GB", "tz", "Europe/London");
	struct ledger_entry in = {"relationship.open", "buyer", "Maya Okafor", at, at, body};
	cr_assert(ledger_open(l, &in, &rel, &ev, &e) == 0, "%s", e.msg);
	json_decref(body);
	return rel;
}
