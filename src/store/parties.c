/* parties.c - SQL for the buyer and partners tables. */
#include "store/parties.h"

#include <stdio.h>
#include <string.h>

static const char SQL_BUYER_INSERT[] =
	"INSERT INTO buyer (id, name, country, tz, created) VALUES (1, ?1, ?2, ?3, ?4)";
static const char SQL_BUYER_GET[] = "SELECT 1, name, country, tz, NULL, created FROM buyer WHERE id = 1";
static const char SQL_PARTNER_INSERT[] =
	"INSERT INTO partners (id, name, country, tz, city, since) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_PARTNER_GET[] = "SELECT id, name, country, tz, city, since FROM partners WHERE id = ?1";
static const char SQL_PARTNER_ALL[] = "SELECT id, name, country, tz, city, since FROM partners ORDER BY id";
/* ?1 the words asked for, ?2 the LIKE pattern of them, lower case */
#define PARTNER_MATCH                                                                                          \
	" FROM partners WHERE ?1 = '' OR lower(name) LIKE ?2 ESCAPE '!' OR lower(city) LIKE ?2 ESCAPE '!'"         \
	" OR lower(country) = lower(?1)"
static const char SQL_PARTNER_FIND[] =
	"SELECT id, name, country, tz, city, since" PARTNER_MATCH " ORDER BY id LIMIT ?3 OFFSET ?4";
static const char SQL_PARTNER_FIND_COUNT[] = "SELECT count(*)" PARTNER_MATCH;

/* Copies a text column, cut to size - 1 bytes, as snprintf's "%s" would:
 * without its format machinery (the web server reads every partner per
 * page). */
static void copy_col(struct db_stmt *s, int col, char *out, size_t size)
{
	const char *v = db_col_text(s, col);
	size_t n = v ? strnlen(v, size - 1) : 0;
	memcpy(out, v ? v : "", n);
	out[n] = '\0';
}

static void read_party(struct db_stmt *s, struct party *p)
{
	p->id = db_col_int64(s, 0);
	copy_col(s, 1, p->name, sizeof p->name);
	copy_col(s, 2, p->country, sizeof p->country);
	copy_col(s, 3, p->tz, sizeof p->tz);
	copy_col(s, 4, p->city, sizeof p->city);
	p->since = db_col_int64(s, 5);
}

/* Runs a one-row lookup; 1 found, 0 not found, -1 error. */
static int get_one(struct db *db, struct db_stmt *s, struct party *p, struct err *e)
{
	int rc = db_step(s);
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return db_fail(db, e, "reading a party");
	read_party(s, p);
	db_reset(s);
	return 1;
}

int store_buyer_insert(struct db *db, const struct party *b, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_BUYER_INSERT, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, b->name);
	db_bind_text(s, 2, b->country);
	db_bind_text(s, 3, b->tz);
	db_bind_int64(s, 4, b->since);
	if (db_step(s) != DB_DONE)
		return db_fail(db, e, "recording the buyer");
	return 0;
}

int store_buyer_get(struct db *db, struct party *b, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_BUYER_GET, e);
	return s ? get_one(db, s, b, e) : -1;
}

int store_partner_insert(struct db *db, const struct party *p, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_PARTNER_INSERT, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, p->id);
	db_bind_text(s, 2, p->name);
	db_bind_text(s, 3, p->country);
	db_bind_text(s, 4, p->tz);
	if (p->city[0])
		db_bind_text(s, 5, p->city);
	db_bind_int64(s, 6, p->since);
	if (db_step(s) != DB_DONE)
		return db_fail(db, e, "recording a partner");
	return 0;
}

int store_partner_get(struct db *db, int64_t id, struct party *p, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_PARTNER_GET, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, id);
	return get_one(db, s, p, e);
}

/* Calls fn for each partner s (bound) gives, until fn returns non-zero. */
static int each_party(struct db *db, struct db_stmt *s, int (*fn)(void *ctx, const struct party *p), void *ctx,
                      struct err *e)
{
	int rc, r = 0;
	struct party p;
	while ((rc = db_step(s)) == DB_ROW) {
		read_party(s, &p);
		if ((r = fn(ctx, &p)) != 0)
			break;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "listing partners");
	db_reset(s);
	return r;
}

int store_partner_each(struct db *db, int (*fn)(void *ctx, const struct party *p), void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_PARTNER_ALL, e);
	return s ? each_party(db, s, fn, ctx, e) : -1;
}

/* The LIKE pattern "%q%" in lower case (ASCII letters: SQLite's lower()
 * folds no others), with LIKE's own characters escaped by '!'. */
static void like_pattern(const char *q, char *out, size_t size)
{
	size_t n = 0;
	out[n++] = '%';
	for (; *q && n + 4 <= size; q++) {
		char c = *q >= 'A' && *q <= 'Z' ? (char)(*q - 'A' + 'a') : *q;
		if (c == '%' || c == '_' || c == '!')
			out[n++] = '!';
		out[n++] = c;
	}
	out[n++] = '%';
	out[n] = '\0';
}

static void bind_match(struct db_stmt *s, const char *q, char *pattern, size_t size)
{
	like_pattern(q, pattern, size);
	db_bind_text(s, 1, q);
	db_bind_text(s, 2, pattern);
}

int store_partner_find(struct db *db, const char *q, int64_t offset, int64_t limit, int64_t *total,
                       int (*fn)(void *ctx, const struct party *p), void *ctx, struct err *e)
{
	char pattern[2 * STORE_PARTNER_QUERY_MAX + 4];
	struct db_stmt *s = db_stmt(db, SQL_PARTNER_FIND_COUNT, e);
	if (!s)
		return -1;
	bind_match(s, q, pattern, sizeof pattern);
	int rc = db_step(s);
	*total = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	if (rc != DB_ROW)
		return db_fail(db, e, "counting partners");
	if (!(s = db_stmt(db, SQL_PARTNER_FIND, e)))
		return -1;
	bind_match(s, q, pattern, sizeof pattern);
	db_bind_int64(s, 3, limit);
	db_bind_int64(s, 4, offset);
	return each_party(db, s, fn, ctx, e);
}
