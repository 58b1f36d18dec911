/* feed.c (store) - the calendar feed's queries and the feed tokens
 * (store/feed.h). Reads text columns whole: commitment texts and names may
 * be longer than store_each's 255 bytes. */
#include "store/feed.h"

#include <stdio.h>
#include <string.h>

#define SQL_UID "SELECT uid FROM relationships WHERE id = ?1"
#define SQL_COMMITMENTS                                                                \
	"SELECT c.id, c.side, c.due, c.what, c.milestone, o.po, o.style"                 \
	" FROM commitments c LEFT JOIN orders o ON o.id = c.order_id"                    \
	" WHERE c.rel = ?1 AND c.state = 'open' ORDER BY c.due, c.id"
#define SQL_PAYMENTS                                                                   \
	"SELECT p.id, p.due, p.amount, p.currency, p.label, o.po, o.style"               \
	" FROM payments p LEFT JOIN orders o ON o.id = p.order_id"                       \
	" WHERE p.rel = ?1 AND p.paid_at IS NULL ORDER BY p.due, p.id"
#define SQL_TOKEN_GET "SELECT token FROM feed_tokens WHERE author = ?1"
#define SQL_TOKEN_AUTHOR "SELECT author FROM feed_tokens WHERE token = ?1"
#define SQL_TOKEN_SET                                                                  \
	"INSERT INTO feed_tokens (author, token, created) VALUES (?1, ?2, ?3)"           \
	" ON CONFLICT (author) DO UPDATE SET token = excluded.token, created = excluded.created"

static const char *text(struct db_stmt *s, int col)
{
	return db_col_text(s, col); /* NULL for NULL */
}

int store_feed_uid(struct db *db, int64_t rel, char out[64], struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_UID, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	int rc = db_step(s);
	if (rc == DB_ROW)
		snprintf(out, 64, "%s", text(s, 0) ? text(s, 0) : "");
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, e, "reading the relationship");
	return rc == DB_ROW;
}

/* Steps s (rel bound) and hands each row to fn through read. */
static int each(struct db *db, struct db_stmt *s, void (*read)(struct db_stmt *s, struct store_feed_item *it),
                store_feed_fn fn, void *ctx, struct err *e)
{
	int r = 0, rc;
	while ((rc = db_step(s)) == DB_ROW) {
		struct store_feed_item it = {0};
		read(s, &it);
		if ((r = fn(ctx, &it)) != 0)
			break;
	}
	if (r == 0 && rc != DB_DONE)
		r = db_fail(db, e, "reading");
	db_reset(s);
	return r;
}

static void read_commitment(struct db_stmt *s, struct store_feed_item *it)
{
	it->id = db_col_int64(s, 0);
	it->side = text(s, 1);
	it->due = text(s, 2);
	it->what = text(s, 3);
	it->milestone = text(s, 4);
	it->po = text(s, 5);
	it->style = text(s, 6);
}

static void read_payment(struct db_stmt *s, struct store_feed_item *it)
{
	it->id = db_col_int64(s, 0);
	it->side = "buyer"; /* the buyer pays */
	it->due = text(s, 1);
	it->amount = text(s, 2);
	it->currency = text(s, 3);
	it->label = text(s, 4);
	it->po = text(s, 5);
	it->style = text(s, 6);
}

int store_feed_commitments(struct db *db, int64_t rel, store_feed_fn fn, void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_COMMITMENTS, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	return each(db, s, read_commitment, fn, ctx, e);
}

int store_feed_payments(struct db *db, int64_t rel, store_feed_fn fn, void *ctx, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_PAYMENTS, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, rel);
	return each(db, s, read_payment, fn, ctx, e);
}

int store_feed_token_get(struct db *db, const char *author, char out[128], struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TOKEN_GET, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, author);
	int rc = db_step(s);
	if (rc == DB_ROW)
		snprintf(out, 128, "%s", text(s, 0) ? text(s, 0) : "");
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, e, "reading the feed token");
	return rc == DB_ROW;
}

int store_feed_token_set(struct db *db, const char *author, const char *token, int64_t now, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TOKEN_SET, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, author);
	db_bind_text(s, 2, token);
	db_bind_int64(s, 3, now);
	int rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? 0 : db_fail(db, e, "recording the feed token");
}

int store_feed_token_author(struct db *db, const char *token, char *out, size_t size, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_TOKEN_AUTHOR, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, token);
	int rc = db_step(s);
	if (rc == DB_ROW)
		snprintf(out, size, "%s", text(s, 0) ? text(s, 0) : "");
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return db_fail(db, e, "reading the feed token");
	return rc == DB_ROW;
}
