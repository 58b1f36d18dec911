/* apitokens.c (store) - SQL for API tokens and kept idempotent answers
 * (store/apitokens.h). Bound parameters only. */
#include "store/apitokens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/domain.h"

static const char SQL_INSERT[] =
	"INSERT INTO api_tokens (user_id, name, token_hash, created) VALUES (?1, ?2, ?3, ?4) RETURNING id";
#define COLS "t.id, t.user_id, t.name, u.email, t.created, t.revoked"
static const char SQL_BY_HASH[] =
	"SELECT " COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_hash = ?1";
static const char SQL_EACH[] = "SELECT " COLS " FROM api_tokens t JOIN users u ON u.id = t.user_id"
                               " WHERE t.user_id = ?1 OR ?1 IS NULL ORDER BY t.id"; /* typed first: see FOR_PARTNER */
static const char SQL_REVOKE[] = "UPDATE api_tokens SET revoked = ?2 WHERE id = ?1 AND revoked IS NULL";
static const char SQL_IDEM_GET[] =
	"SELECT request_hash, status, response FROM api_idempotency WHERE user_id = ?1 AND key = ?2 AND created >= ?3";
static const char SQL_IDEM_PUT[] = "INSERT INTO api_idempotency (user_id, key, request_hash, status, response, created)"
                                   " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char SQL_IDEM_FORGET[] = "DELETE FROM api_idempotency WHERE created < ?1";

static void read_token(const struct store_row *row, struct store_apitoken *t)
{
	memset(t, 0, sizeof *t);
	t->id = row->i[0];
	t->user_id = row->i[1];
	store_text_copy(t->name, sizeof t->name, row->t[2]);
	store_text_copy(t->email, sizeof t->email, row->t[3]);
	t->created = row->i[4];
	t->revoked = row->null[5] ? 0 : row->i[5];
}

int store_apitoken_insert(struct db *db, int64_t user_id, const char *name, const char *token_hash, int64_t now,
                          int64_t *id, struct err *e)
{
	return store_run_id(db, SQL_INSERT, e, id, "itti", user_id, name, token_hash, now);
}

int store_apitoken_by_hash(struct db *db, const char *token_hash, struct store_apitoken *t, struct err *e)
{
	struct store_row row;
	int r = store_row(db, SQL_BY_HASH, e, &row, "t", token_hash);
	if (r == 1)
		read_token(&row, t);
	return r;
}

struct each_ctx {
	int (*fn)(void *ctx, const struct store_apitoken *t);
	void *ctx;
};

static int each_row(void *ctx, const struct store_row *row)
{
	struct each_ctx *c = ctx;
	struct store_apitoken t;
	read_token(row, &t);
	return c->fn(c->ctx, &t);
}

int store_apitoken_each(struct db *db, int64_t user_id, int (*fn)(void *ctx, const struct store_apitoken *t),
                        void *ctx, struct err *e)
{
	struct each_ctx c = {fn, ctx};
	return store_each(db, SQL_EACH, e, each_row, &c, "I", user_id);
}

int store_apitoken_revoke(struct db *db, int64_t id, int64_t now, struct err *e)
{
	return store_run(db, SQL_REVOKE, e, "ii", id, now);
}

/* The kept answer's body may be longer than a store_row's text, so this
 * one statement is stepped by hand. */
int store_idempotency_get(struct db *db, int64_t user_id, const char *key, int64_t since,
                          char request_hash[STORE_HEX32], int *status, char **body, struct err *e)
{
	struct db_stmt *s = db_stmt(db, SQL_IDEM_GET, e);
	if (!s)
		return -1;
	db_bind_int64(s, 1, user_id);
	db_bind_text(s, 2, key);
	db_bind_int64(s, 3, since);
	int rc = db_step(s), r = 0;
	if (rc == DB_ROW) {
		snprintf(request_hash, STORE_HEX32, "%s", db_col_text(s, 0));
		*status = db_col_int(s, 1);
		const char *b = db_col_text(s, 2);
		*body = strdup(b ? b : "");
		r = *body ? 1 : err_set(e, ERR_IO, "out of memory");
	} else if (rc != DB_DONE) {
		r = db_fail(db, e, "reading an idempotency key");
	}
	db_reset(s);
	return r;
}

int store_idempotency_put(struct db *db, int64_t user_id, const char *key, const char *request_hash, int status,
                          const char *body, int64_t now, struct err *e)
{
	return store_run(db, SQL_IDEM_PUT, e, "ittiti", user_id, key, request_hash, (int64_t)status, body, now) < 0
	               ? -1
	               : 0;
}

int store_idempotency_forget(struct db *db, int64_t before, struct err *e)
{
	return store_run(db, SQL_IDEM_FORGET, e, "i", before) < 0 ? -1 : 0;
}
