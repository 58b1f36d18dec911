/* token.h - personal API tokens: `rapport token add` makes one for a user,
 * the JSON API takes it as "Authorization: Bearer TOKEN" and acts as that
 * user, with the user's organisation, role and tenant rules. A token is
 * "rpt_" and 32 random bytes in URL-safe base64; only its SHA-256 is kept,
 * so it is shown once. A revoked token, or a disabled user's, opens
 * nothing. Pure logic over store/apitokens.c: no HTTP, no output. */
#ifndef RAPPORT_WEB_TOKEN_H
#define RAPPORT_WEB_TOKEN_H

#include <stdint.h>

#include "store/db.h"
#include "web/session.h"

#define TOKEN_PREFIX "rpt_"
#define TOKEN_LEN (4 + SESSION_TOKEN_LEN)
#define TOKEN_NAME_MAX 64

/* Makes a token for user_id called name (1 to TOKEN_NAME_MAX bytes, e.g.
 * "ERP sync"): the token into out and its row's id into *id. Inside the
 * caller's write transaction. */
int token_create(struct db *db, int64_t user_id, const char *name, int64_t now, char out[TOKEN_LEN + 1], int64_t *id,
                 struct err *e);

/* The user token stands for: 1 with *u filled (no CSRF token: the API
 * takes no cookies), 0 when token is malformed, unknown, revoked or its
 * user disabled; -1 on a database error. Only reads. */
int token_lookup(struct db *db, const char *token, struct session_user *u, struct err *e);

#endif
