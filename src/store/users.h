/* users.h (store) - the SQL for users, their web sessions and the count of
 * failed logins. No crypto and no rules here: user.c checks what is stored,
 * web/session.c decides who is logged in.
 *
 * None of this is a ledger event. The ledger is the record both sides share
 * and verify; who holds a login at the buyer, a password hash, a session or
 * a failed login is each organisation's own access control: it changes for
 * reasons that are nobody else's business (a new hire, a lost laptop), it
 * must be deletable (a password hash must never live forever in an
 * append-only chain, nor be exported in a bundle to the other side), and
 * `rapport rebuild` must not touch it. */
#ifndef RAPPORT_STORE_USERS_H
#define RAPPORT_STORE_USERS_H

#include <stdint.h>

#include "store/db.h"

#define STORE_EMAIL_MAX 254   /* RFC 5321's limit on a path, in bytes */
#define STORE_PWHASH_MAX 128  /* crypto_pwhash_STRBYTES, with its NUL */
#define STORE_HEX32 65        /* 32 bytes in hex and a NUL */

struct store_user {
	int64_t id;
	int64_t partner;                   /* the partner's id, 0 for a buyer user */
	char email[STORE_EMAIL_MAX + 1];
	char role[8];                      /* admin, member or viewer */
	char lang[8];                      /* en, zh-CN or "" for no preference */
	char password[STORE_PWHASH_MAX];   /* the argon2id string */
	int64_t created_at;
	int disabled;
};

/* Inserts u (its id is ignored) and sets *id. Checks nothing: the caller
 * checked the fields and that the e-mail address is free. */
int store_user_insert(struct db *db, const struct store_user *u, int64_t *id, struct err *e);
/* By e-mail address, ignoring ASCII case: 1 and *u filled, 0 none, -1. */
int store_user_by_email(struct db *db, const char *email, struct store_user *u, struct err *e);
/* By id: 1, 0, -1. */
int store_user_by_id(struct db *db, int64_t id, struct store_user *u, struct err *e);
/* Calls fn for every user, buyer users first, then by partner and e-mail;
 * fn returns non-zero to stop, and that value is returned. */
int store_user_each(struct db *db, int (*fn)(void *ctx, const struct store_user *u), void *ctx, struct err *e);
int store_user_set_password(struct db *db, int64_t id, const char *hash, struct err *e);
int store_user_set_disabled(struct db *db, int64_t id, int disabled, struct err *e);
/* lang "" stores no preference. */
int store_user_set_lang(struct db *db, int64_t id, const char *lang, struct err *e);

struct store_session {
	int64_t user_id;
	int64_t created, expires;
	char csrf_key[STORE_HEX32];
};

/* token_hash and csrf_key are 64 hex digits. */
int store_session_insert(struct db *db, const char *token_hash, const struct store_session *s, struct err *e);
/* 1 and *s filled, 0 none, -1. Expiry is the caller's to judge. */
int store_session_get(struct db *db, const char *token_hash, struct store_session *s, struct err *e);
int store_session_delete(struct db *db, const char *token_hash, struct err *e);
/* Ends every session of a user (password changed, user disabled). */
int store_session_delete_user(struct db *db, int64_t user_id, struct err *e);
/* Deletes the sessions that expired at or before now. */
int store_session_delete_expired(struct db *db, int64_t now, struct err *e);

/* The failed logins counted under key: 1 with *window_start and *failures,
 * 0 when there are none, -1. */
int store_login_failures(struct db *db, const char *key, int64_t *window_start, int *failures, struct err *e);
/* Counts one failure under key at now: starts a window of `window` seconds
 * at now when there is none or the last one ended (window_start + window <=
 * now), else adds one to it. */
int store_login_fail(struct db *db, const char *key, int64_t now, int64_t window, struct err *e);
int store_login_clear(struct db *db, const char *key, struct err *e);
/* Forgets every window that ended at or before now. */
int store_login_forget_ended(struct db *db, int64_t now, int64_t window, struct err *e);

/* The web app's secret key named name (32 bytes) into key: the stored one,
 * or, the first time, fresh (the caller's random bytes, stored with now):
 * every server process on the database reads the same. */
int store_web_key(struct db *db, const char *name, const unsigned char fresh[32], int64_t now, unsigned char key[32],
                  struct err *e);

#endif
