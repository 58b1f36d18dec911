/* apitokens.h (store) - SQL for the JSON API's personal tokens and the
 * answers kept for Idempotency-Key. Like users and sessions these are each
 * organisation's own access control, not ledger events (store/users.h). */
#ifndef RAPPORT_STORE_APITOKENS_H
#define RAPPORT_STORE_APITOKENS_H

#include <stdint.h>

#include "store/db.h"
#include "store/users.h"

struct store_apitoken {
	int64_t id, user_id;
	char name[65];
	char email[STORE_EMAIL_MAX + 1]; /* the user's, for listings */
	int64_t created, revoked;        /* revoked 0 while the token works */
};

/* token_hash is 64 hex digits. */
int store_apitoken_insert(struct db *db, int64_t user_id, const char *name, const char *token_hash, int64_t now,
                          int64_t *id, struct err *e);
/* The token whose hash is token_hash: 1 with *t, 0 none, -1. */
int store_apitoken_by_hash(struct db *db, const char *token_hash, struct store_apitoken *t, struct err *e);
/* Every token (of user_id, or all when 0), oldest first. */
int store_apitoken_each(struct db *db, int64_t user_id, int (*fn)(void *ctx, const struct store_apitoken *t),
                        void *ctx, struct err *e);
/* Revokes token id at now: 1 done, 0 when there is no such working token. */
int store_apitoken_revoke(struct db *db, int64_t id, int64_t now, struct err *e);

/* The answer kept for user_id's Idempotency-Key key since the instant
 * since: 1 with its request hash (65 bytes), status and body (a copy the
 * caller frees), 0 none. */
int store_idempotency_get(struct db *db, int64_t user_id, const char *key, int64_t since,
                          char request_hash[STORE_HEX32], int *status, char **body, struct err *e);
int store_idempotency_put(struct db *db, int64_t user_id, const char *key, const char *request_hash, int status,
                          const char *body, int64_t now, struct err *e);
/* Forgets answers kept since before `before`. */
int store_idempotency_forget(struct db *db, int64_t before, struct err *e);

#endif
