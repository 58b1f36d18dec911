/* user.h - the rules for people who log in: e-mail addresses,
 * organisations, roles, language preferences, and passwords (argon2id
 * through libsodium). No SQL (store/users.c) and no HTTP (web/session.c);
 * nothing here prints. */
#ifndef RAPPORT_USER_H
#define RAPPORT_USER_H

#include <stddef.h>
#include <stdint.h>

#include "store/users.h"
#include "util/err.h"

#define USER_PASSWORD_MIN 12     /* characters, for a password someone chose */
#define USER_PASSWORD_MAX 1024   /* bytes */
#define USER_PASSWORD_GEN_LEN 24 /* a generated one: five groups of four and four dashes */

/* What each role may do; one row per role, NULL-terminated. */
struct user_role {
	const char *name;
	int can_write;  /* record events, change settings */
	int can_admin;  /* manage the organisation's users */
};
extern const struct user_role user_roles[];
/* The role named name, or NULL. */
const struct user_role *user_role_find(const char *name);

/* The language preferences the web app offers, NULL-terminated. */
extern const char *const user_langs[];

/* Checks an e-mail address: printable ASCII, one @, a local part of atoms
 * joined by dots, a domain of at least two DNS labels; at most 254 bytes.
 * The message names field. */
int user_email_check(const char *email, const char *field, struct err *e);
/* Reads "buyer" (*partner = 0) or "partner:ID" (*partner = ID). Whether the
 * partner exists is the caller's to check. The message names field. */
int user_org_parse(const char *v, const char *field, int64_t *partner, struct err *e);
/* "buyer" or "partner:ID" into out. */
void user_org_format(int64_t partner, char out[32]);
/* Checks a role name and a language preference; messages name field. */
int user_role_check(const char *v, const char *field, struct err *e);
int user_lang_check(const char *v, const char *field, struct err *e);

/* Checks a password someone chose (len bytes at pw): UTF-8, no control
 * characters, at least USER_PASSWORD_MIN characters, at most
 * USER_PASSWORD_MAX bytes. The message names field, never the password. */
int user_password_check(const char *pw, size_t len, const char *field, struct err *e);
/* A new random password into out: 20 symbols from a 31-letter alphabet
 * without look-alikes (0 1 i l o), 99 bits from libsodium's randombytes,
 * grouped for reading aloud: "7kqm-x2hd-...". */
int user_password_new(char out[USER_PASSWORD_GEN_LEN + 1], struct err *e);
/* The argon2id string for the password (len bytes at pw) into out. */
int user_password_hash(const char *pw, size_t len, char out[STORE_PWHASH_MAX], struct err *e);
/* 1 when pw matches hash, else 0 (a malformed hash never matches). Takes
 * as long as one hash at the cost written in hash. */
int user_password_verify(const char *hash, const char *pw, size_t len);
/* 1 when hash was made at another cost than user_password_hash uses now. */
int user_password_needs_rehash(const char *hash);

#endif
