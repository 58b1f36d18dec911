/* testutil.c - see testutil.h. */
#include "testutil.h"

#include <criterion/criterion.h>
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

struct db *tu_db_new(void)
{
	char dir[] = "/tmp/rapport-unit-XXXXXX";
	cr_assert(mkdtemp(dir) != NULL);
	char path[128];
	snprintf(path, sizeof path, "%s/t.db", dir);
	struct db *db;
	struct err e = {0};
	cr_assert(db_open(&db, path, DB_CREATE, &e) == 0, "%s", e.msg);
	struct party b = {.id = 1, .name = "Linden & Rowe", .country = "GB", .tz = "Europe/London", .since = 1764547200};
	cr_assert(store_buyer_insert(db, &b, &e) == 0, "%s", e.msg);
	return db;
}

void tu_db_close(struct db *db)
{
	char *path = strdup(db_path(db)), *slash;
	db_close(db);
	char aux[160];
	unlink(path);
	snprintf(aux, sizeof aux, "%s-wal", path);
	unlink(aux);
	snprintf(aux, sizeof aux, "%s-shm", path);
	unlink(aux);
	if ((slash = strrchr(path, '/'))) {
		*slash = '\0';
		rmdir(path);
	}
	free(path);
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
