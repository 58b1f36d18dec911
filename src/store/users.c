/* users.c (store) - SQL for users, sessions and failed logins
 * (store/users.h). Bound parameters only, through store_run, store_row and
 * store_each; every row fits their eight columns. */
#include "store/users.h"

#include <string.h>

#include "store/domain.h"

/* The org column is derived from partner, so a row can never say one thing
 * in one and another in the other (the table's CHECK holds them equal too). */
#define USER_COLS "id, partner, email, role, lang, password, created_at, disabled"

static const char SQL_USER_INSERT[] =
	"INSERT INTO users (org, partner, email, role, lang, password, created_at)"
	" VALUES (CASE WHEN ?1 IS NULL THEN 'buyer' ELSE 'partner' END, ?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
/* PostgreSQL cannot type a parameter whose first use is IS NULL */
static const char SQL_USER_INSERT_PG[] =
	"INSERT INTO users (org, partner, email, role, lang, password, created_at)"
	" VALUES (CASE WHEN ?1::bigint IS NULL THEN 'buyer' ELSE 'partner' END, ?1, ?2, ?3, ?4, ?5, ?6) RETURNING id";
/* email is COLLATE NOCASE on SQLite; PostgreSQL's unique index is on lower(email) */
static const char SQL_USER_BY_EMAIL[] = "SELECT " USER_COLS " FROM users WHERE email = ?1";
static const char SQL_USER_BY_EMAIL_PG[] = "SELECT " USER_COLS " FROM users WHERE lower(email) = lower(?1)";
static const char SQL_USER_BY_ID[] = "SELECT " USER_COLS " FROM users WHERE id = ?1";
static const char SQL_USER_ALL[] =
	"SELECT " USER_COLS " FROM users ORDER BY partner IS NOT NULL, partner, email, id";
static const char SQL_USER_ALL_PG[] =
	"SELECT " USER_COLS " FROM users ORDER BY partner IS NOT NULL, partner, lower(email), id";
static const char SQL_USER_PASSWORD[] = "UPDATE users SET password = ?2 WHERE id = ?1";
static const char SQL_USER_DISABLED[] = "UPDATE users SET disabled = ?2 WHERE id = ?1";
static const char SQL_USER_LANG[] = "UPDATE users SET lang = ?2 WHERE id = ?1";

static const char SQL_SESSION_INSERT[] =
	"INSERT INTO sessions (token_hash, user_id, created, expires, csrf_key) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_SESSION_GET[] =
	"SELECT user_id, created, expires, csrf_key FROM sessions WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE[] = "DELETE FROM sessions WHERE token_hash = ?1";
static const char SQL_SESSION_DELETE_USER[] = "DELETE FROM sessions WHERE user_id = ?1";
static const char SQL_SESSION_DELETE_EXPIRED[] = "DELETE FROM sessions WHERE expires <= ?1";

static const char SQL_LOGIN_GET[] = "SELECT window_start, failures FROM login_attempts WHERE key = ?1";
/* Both SET expressions read the row as it was before the update. */
static const char SQL_LOGIN_FAIL[] =
	"INSERT INTO login_attempts (key, window_start, failures) VALUES (?1, ?2, 1)"
	" ON CONFLICT (key) DO UPDATE SET"
	"  window_start = CASE WHEN login_attempts.window_start + ?3 <= excluded.window_start"
	"    THEN excluded.window_start ELSE login_attempts.window_start END,"
	"  failures = CASE WHEN login_attempts.window_start + ?3 <= excluded.window_start"
	"    THEN 1 ELSE login_attempts.failures + 1 END";
static const char SQL_LOGIN_CLEAR[] = "DELETE FROM login_attempts WHERE key = ?1";
static const char SQL_LOGIN_FORGET[] = "DELETE FROM login_attempts WHERE window_start + ?2 <= ?1";

static void read_user(const struct store_row *row, struct store_user *u)
{
	memset(u, 0, sizeof *u);
	u->id = row->i[0];
	u->partner = row->null[1] ? 0 : row->i[1];
	store_text_copy(u->email, sizeof u->email, row->t[2]);
	store_text_copy(u->role, sizeof u->role, row->t[3]);
	store_text_copy(u->lang, sizeof u->lang, row->null[4] ? "" : row->t[4]);
	store_text_copy(u->password, sizeof u->password, row->t[5]);
	u->created_at = row->i[6];
	u->disabled = row->i[7] != 0;
}

int store_user_insert(struct db *db, const struct store_user *u, int64_t *id, struct err *e)
{
	return store_run_id(db, db_sql(db, SQL_USER_INSERT, SQL_USER_INSERT_PG), e, id, "Itttti", u->partner, u->email, u->role,
	                    u->lang[0] ? u->lang : NULL, u->password, u->created_at);
}

static int user_get(int r, const struct store_row *row, struct store_user *u)
{
	if (r == 1)
		read_user(row, u);
	return r;
}

int store_user_by_email(struct db *db, const char *email, struct store_user *u, struct err *e)
{
	struct store_row row;
	return user_get(store_row(db, db_sql(db, SQL_USER_BY_EMAIL, SQL_USER_BY_EMAIL_PG), e, &row, "t", email), &row, u);
}

int store_user_by_id(struct db *db, int64_t id, struct store_user *u, struct err *e)
{
	struct store_row row;
	return user_get(store_row(db, SQL_USER_BY_ID, e, &row, "i", id), &row, u);
}

struct each_ctx {
	int (*fn)(void *ctx, const struct store_user *u);
	void *ctx;
};

static int each_row(void *ctx, const struct store_row *row)
{
	struct each_ctx *c = ctx;
	struct store_user u;
	read_user(row, &u);
	return c->fn(c->ctx, &u);
}

int store_user_each(struct db *db, int (*fn)(void *ctx, const struct store_user *u), void *ctx, struct err *e)
{
	struct each_ctx c = {fn, ctx};
	return store_each(db, db_sql(db, SQL_USER_ALL, SQL_USER_ALL_PG), e, each_row, &c, "");
}

int store_user_set_password(struct db *db, int64_t id, const char *hash, struct err *e)
{
	return store_run(db, SQL_USER_PASSWORD, e, "it", id, hash) < 0 ? -1 : 0;
}

int store_user_set_disabled(struct db *db, int64_t id, int disabled, struct err *e)
{
	return store_run(db, SQL_USER_DISABLED, e, "ib", id, disabled) < 0 ? -1 : 0;
}

int store_user_set_lang(struct db *db, int64_t id, const char *lang, struct err *e)
{
	return store_run(db, SQL_USER_LANG, e, "it", id, lang && *lang ? lang : NULL) < 0 ? -1 : 0;
}

int store_session_insert(struct db *db, const char *token_hash, const struct store_session *s, struct err *e)
{
	return store_run(db, SQL_SESSION_INSERT, e, "tiiit", token_hash, s->user_id, s->created, s->expires,
	                 s->csrf_key) < 0
	               ? -1
	               : 0;
}

int store_session_get(struct db *db, const char *token_hash, struct store_session *s, struct err *e)
{
	struct store_row row;
	int r = store_row(db, SQL_SESSION_GET, e, &row, "t", token_hash);
	if (r == 1) {
		memset(s, 0, sizeof *s);
		s->user_id = row.i[0];
		s->created = row.i[1];
		s->expires = row.i[2];
		store_text_copy(s->csrf_key, sizeof s->csrf_key, row.t[3]);
	}
	return r;
}

int store_session_delete(struct db *db, const char *token_hash, struct err *e)
{
	return store_run(db, SQL_SESSION_DELETE, e, "t", token_hash) < 0 ? -1 : 0;
}

int store_session_delete_user(struct db *db, int64_t user_id, struct err *e)
{
	return store_run(db, SQL_SESSION_DELETE_USER, e, "i", user_id) < 0 ? -1 : 0;
}

int store_session_delete_expired(struct db *db, int64_t now, struct err *e)
{
	return store_run(db, SQL_SESSION_DELETE_EXPIRED, e, "i", now) < 0 ? -1 : 0;
}

int store_login_failures(struct db *db, const char *key, int64_t *window_start, int *failures, struct err *e)
{
	struct store_row row;
	int r = store_row(db, SQL_LOGIN_GET, e, &row, "t", key);
	if (r == 1) {
		*window_start = row.i[0];
		*failures = (int)row.i[1];
	}
	return r;
}

int store_login_fail(struct db *db, const char *key, int64_t now, int64_t window, struct err *e)
{
	return store_run(db, SQL_LOGIN_FAIL, e, "tii", key, now, window) < 0 ? -1 : 0;
}

int store_login_clear(struct db *db, const char *key, struct err *e)
{
	return store_run(db, SQL_LOGIN_CLEAR, e, "t", key) < 0 ? -1 : 0;
}

int store_login_forget_ended(struct db *db, int64_t now, int64_t window, struct err *e)
{
	return store_run(db, SQL_LOGIN_FORGET, e, "ii", now, window) < 0 ? -1 : 0;
}

static const char SQL_WEB_KEY_ADD[] =
	"INSERT INTO web_keys (name, key, created) VALUES (?1, ?2, ?3) ON CONFLICT (name) DO NOTHING";
static const char SQL_WEB_KEY_GET[] = "SELECT key FROM web_keys WHERE name = ?1";

int store_web_key(struct db *db, const char *name, const unsigned char fresh[32], int64_t now, unsigned char key[32],
                  struct err *e)
{
	/* Two processes starting at once both insert; the second's is ignored
	 * and both read the first's. */
	struct db_stmt *s = db_stmt(db, SQL_WEB_KEY_ADD, e);
	if (!s)
		return -1;
	db_bind_text(s, 1, name);
	db_bind_blob(s, 2, fresh, 32);
	db_bind_int64(s, 3, now);
	if (db_step(s) != DB_DONE)
		return db_fail(db, e, "storing the web app's key");
	if (!(s = db_stmt(db, SQL_WEB_KEY_GET, e)))
		return -1;
	db_bind_text(s, 1, name);
	if (db_step(s) != DB_ROW)
		return db_fail(db, e, "reading the web app's key");
	const void *k = db_col_blob(s, 0);
	int n = db_col_bytes(s, 0);
	if (n == 32)
		memcpy(key, k, 32);
	db_reset(s);
	return n == 32 ? 0 : err_set(e, ERR_CHECK, "the web app's key %s is not 32 bytes", name);
}
