/* session.h - who is logged in to the web app: logins with a password,
 * session tokens for the cookie, CSRF tokens for forms, limits on failed
 * logins, and what a user's organisation and role allow. Pure logic over
 * the store: no HTTP, no output; the server sets the cookie and reads the
 * form fields, this module decides.
 *
 * Transactions are the caller's: session_login and session_logout write
 * (run them in a write transaction and commit when they return 0, also
 * when the login was refused: the failure must be counted); session_lookup
 * only reads. */
#ifndef RAPPORT_WEB_SESSION_H
#define RAPPORT_WEB_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/parties.h"
#include "store/users.h"

#define SESSION_COOKIE "rapport_session"
#define SESSION_TOKEN_LEN 43   /* 32 random bytes in URL-safe base64 without padding */
#define SESSION_CSRF_LEN 43    /* a 32-byte HMAC, encoded the same way */
#define SESSION_TTL (7 * 86400) /* a session lasts a week from login, then log in again */

/* Failed logins: at most SESSION_MAX_FAILURES per account and
 * SESSION_MAX_FAILURES_ADDRESS per remote address within a window of
 * SESSION_WINDOW seconds that starts with the first failure; past that,
 * every login with that account or from that address is refused, the
 * password unchecked, until the window ends. A whole factory often shares
 * one address behind its router, hence the larger count per address. */
#define SESSION_WINDOW (15 * 60)
#define SESSION_MAX_FAILURES 5
#define SESSION_MAX_FAILURES_ADDRESS 20

/* The user a valid session belongs to. */
struct session_user {
	int64_t user_id;
	int64_t partner;                 /* the user's partner, 0 for the buyer */
	char org[PARTY_NAME_MAX];        /* the organisation's name: the buyer's or the partner's */
	char email[STORE_EMAIL_MAX + 1];
	char role[8];                    /* admin, member or viewer */
	char lang[8];                    /* en, zh-CN or "" for no preference */
	int64_t expires;                 /* seconds UTC; the session is valid while now < expires */
	char csrf[SESSION_CSRF_LEN + 1]; /* the token every form of this session carries */
};

enum session_result {
	SESSION_OK,        /* logged in */
	SESSION_REFUSED,   /* no such user or a wrong password: the same answer for both */
	SESSION_DISABLED,  /* the right password of a disabled user */
	SESSION_LIMITED,   /* too many failed logins: try again in retry_after seconds */
};

struct session_login {
	enum session_result result;
	char token[SESSION_TOKEN_LEN + 1]; /* SESSION_OK: the cookie's value */
	struct session_user user;          /* SESSION_OK */
	int64_t retry_after;               /* SESSION_LIMITED: seconds until the window ends */
};

#define SESSION_KEY_MAX (16 + STORE_EMAIL_MAX + 1) /* "account:" or "address:" and the rest */

/* A login in two halves, so that the slow part (one argon2id hash) runs
 * outside the write transaction: session_login_check reads (the limits,
 * the user) and checks the password, and writes nothing, so it may run on
 * a read-only connection; session_login_finish then writes, in one
 * transaction: the failure it counts, or the session. Between the two the
 * attempt holds the user's row as read (and the new hash when the stored
 * one is due a rehash); session_attempt_release wipes it. */
struct session_attempt {
	enum session_result result; /* as far as the check could tell */
	int counts;                 /* a password was tried: finish counts a failure */
	int by_addr;
	int password_ok;
	int64_t retry_after;
	char akey[SESSION_KEY_MAX], rkey[SESSION_KEY_MAX];
	struct store_user user;           /* found by the check's e-mail address */
	char rehash[STORE_PWHASH_MAX];    /* "" or the password hashed at today's limits */
};

/* Returns 0 with a filled (release it whatever the result), -1 with e
 * set on a database error. */
int session_login_check(struct db *db, const char *email, const char *password, size_t len, const char *addr,
                        int64_t now, struct session_attempt *a, struct err *e);
/* Counts a failure or creates the session, as session_login. The limits
 * are read again, so tries in flight at once cannot pass them; a user
 * whose password changed after the check is refused. */
int session_login_finish(struct db *db, struct session_attempt *a, int64_t now, struct session_login *out,
                         struct err *e);
void session_attempt_release(struct session_attempt *a);

/* Checks email and password (len bytes) and, when they match an enabled
 * user and no limit is reached, creates a session: the check and the
 * finish above on one connection. addr is the remote
 * address (NULL or "" counts no failures per address). Returns 0 with
 * out->result set, -1 with e set on a database error. Takes about as long
 * as one argon2id hash whether or not the user exists. The only place a
 * raw session token exists is out->token: the table holds its SHA-256. */
int session_login(struct db *db, const char *email, const char *password, size_t len, const char *addr,
                  int64_t now, struct session_login *out, struct err *e);

/* 1 when t is 43 characters of the URL-safe base64 alphabet: the form of
 * a session's token (and of an API token after its prefix). */
int session_token_well_formed(const char *t);

/* The user of the session whose cookie holds token: 1 with *u filled, 0
 * when token is malformed, unknown, expired (at now >= expires) or its user
 * disabled; -1 on a database error. */
int session_lookup(struct db *db, const char *token, int64_t now, struct session_user *u, struct err *e);

/* Ends the session of token (nothing when there is none). */
int session_logout(struct db *db, const char *token, struct err *e);

/* Stores a new password hash (user_password_hash) for user_id and ends
 * every session of theirs, so whoever knew the old password is out. For
 * rapport user passwd and the web app's own password page alike. */
int session_password_set(struct db *db, int64_t user_id, const char *hash, struct err *e);
/* Disables (1) or enables (0) user_id; disabling ends their sessions. */
int session_user_disable(struct db *db, int64_t user_id, int disabled, struct err *e);

/* 1 when given (a form's CSRF field, may be NULL) is u's CSRF token,
 * compared in constant time; else 0. */
int session_csrf_ok(const struct session_user *u, const char *given);

/* The Set-Cookie value for token: HttpOnly, SameSite=Lax, Path=/, Max-Age
 * until expires, and Secure when the connection is TLS. A NULL token gives
 * the value that deletes the cookie (logout). Returns the length written
 * (out is always terminated), as snprintf. */
int session_cookie(char *out, size_t size, const char *token, int64_t expires, int64_t now, int tls);

/* 1 when u's role may change the record (viewers may not). */
int session_can_write(const struct session_user *u);
/* 1 when u's role manages its organisation's users (admins). */
int session_can_admin(const struct session_user *u);
/* 1 when u's organisation may see the relationship with partner: a buyer
 * user sees every partner, a partner user only its own. */
int session_can_see(const struct session_user *u, int64_t partner);

#endif
