/* user.c - what a user's fields may hold and how passwords are made,
 * hashed and checked (user.h). Crypto is libsodium's; no SQL, no output. */
#include "user.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

_Static_assert(STORE_PWHASH_MAX == crypto_pwhash_STRBYTES, "the stored hash holds crypto_pwhash_str's string");

/* Viewers read everything their organisation may see and change nothing;
 * members record; admins also manage their organisation's users. */
const struct user_role user_roles[] = {
	{"admin", 1, 1},
	{"member", 1, 0},
	{"viewer", 0, 0},
	{NULL, 0, 0},
};

/* The languages the web app is written in. */
const char *const user_langs[] = {"en", "zh-CN", NULL};

/* argon2id at libsodium's INTERACTIVE limits (2 passes over 64 MiB), the
 * cost it recommends for logins: about 0.05 s in the release build on this
 * project's 2-core machine and 0.09 s under ASan in `make check` (libsodium
 * itself is not instrumented), so the tests use the real cost and there is
 * no weaker setting, not even for tests. Raising the cost later is safe:
 * a login re-hashes a password made at another cost (session.c). */
#define PWHASH_OPS crypto_pwhash_OPSLIMIT_INTERACTIVE
#define PWHASH_MEM crypto_pwhash_MEMLIMIT_INTERACTIVE

/* Generated passwords: no 0 1 i l o, which read alike in many fonts. */
static const char gen_alphabet[] = "23456789abcdefghjkmnpqrstuvwxyz";
#define GEN_SYMBOLS 20 /* 20 * log2(31) = 99.1 bits */

static int sodium_ready(struct err *e)
{
	return sodium_init() < 0 ? err_set(e, ERR_IO, "libsodium failed to initialise") : 0;
}

const struct user_role *user_role_find(const char *name)
{
	for (const struct user_role *r = user_roles; name && r->name; r++)
		if (!strcmp(r->name, name))
			return r;
	return NULL;
}

int user_role_check(const char *v, const char *field, struct err *e)
{
	return user_role_find(v) ? 0 : err_set(e, ERR_INPUT, "%s: admin, member or viewer: \"%s\"", field, v);
}

int user_lang_check(const char *v, const char *field, struct err *e)
{
	for (int i = 0; user_langs[i]; i++)
		if (!strcmp(v, user_langs[i]))
			return 0;
	return err_set(e, ERR_INPUT, "%s: en or zh-CN: \"%s\"", field, v);
}

/* RFC 5322 atext: what a local part may hold besides dots. */
static int atext(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       (c && strchr("!#$%&'*+-/=?^_`{|}~", c));
}

static int label_char(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

/* Atoms joined by single dots (dot-atom). */
static int local_ok(const char *s, size_t n)
{
	if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!(atext(s[i]) || (s[i] == '.' && s[i + 1] != '.')))
			return 0;
	return 1;
}

/* At least two DNS labels of letters, digits and inner hyphens (an
 * internationalised domain is written in its xn-- form). */
static int domain_ok(const char *s)
{
	int labels = 0;
	while (*s) {
		size_t n = 0;
		while (label_char(s[n]))
			n++;
		if (n == 0 || n > 63 || s[0] == '-' || s[n - 1] == '-' || (s[n] && s[n] != '.'))
			return 0;
		labels++;
		s += n;
		if (*s == '.' && !*++s)
			return 0; /* a trailing dot */
	}
	return labels >= 2;
}

int user_email_check(const char *email, const char *field, struct err *e)
{
	size_t n = strlen(email);
	const char *at = strchr(email, '@');
	if (n > STORE_EMAIL_MAX)
		return err_set(e, ERR_INPUT, "%s: an e-mail address has at most %d bytes", field, STORE_EMAIL_MAX);
	if (!at || !local_ok(email, (size_t)(at - email)) || !domain_ok(at + 1))
		return err_set(e, ERR_INPUT, "%s: not an e-mail address (name@example.com): \"%s\"", field, email);
	return 0;
}

int user_org_parse(const char *v, const char *field, int64_t *partner, struct err *e)
{
	if (!strcmp(v, "buyer")) {
		*partner = 0;
		return 0;
	}
	if (!strncmp(v, "partner:", 8) && v[8] >= '1' && v[8] <= '9') {
		char *end;
		errno = 0;
		long long id = strtoll(v + 8, &end, 10);
		if (!*end && errno != ERANGE) {
			*partner = id;
			return 0;
		}
	}
	return err_set(e, ERR_INPUT, "%s: buyer or partner:ID (e.g. partner:1): \"%s\"", field, v);
}

void user_org_format(int64_t partner, char out[32])
{
	if (partner)
		snprintf(out, 32, "partner:%lld", (long long)partner);
	else
		snprintf(out, 32, "buyer");
}

int user_password_check(const char *pw, size_t len, const char *field, struct err *e)
{
	if (len > USER_PASSWORD_MAX)
		return err_set(e, ERR_INPUT, "%s: a password has at most %d bytes", field, USER_PASSWORD_MAX);
	if (!utf8_valid(pw, len))
		return err_set(e, ERR_INPUT, "%s: the password is not valid UTF-8 text", field);
	size_t chars = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)pw[i];
		if (c < 0x20 || c == 0x7F)
			return err_set(e, ERR_INPUT, "%s: the password holds a control character (byte %zu)", field, i);
		chars += (c & 0xC0) != 0x80; /* count the first byte of each character */
	}
	if (chars < USER_PASSWORD_MIN)
		return err_set(e, ERR_INPUT, "%s: a password needs at least %d characters (this one has %zu)", field,
		               USER_PASSWORD_MIN, chars);
	return 0;
}

int user_password_new(char out[USER_PASSWORD_GEN_LEN + 1], struct err *e)
{
	if (sodium_ready(e))
		return -1;
	size_t o = 0;
	for (int i = 0; i < GEN_SYMBOLS; i++) {
		if (i && i % 4 == 0)
			out[o++] = '-';
		out[o++] = gen_alphabet[randombytes_uniform(sizeof gen_alphabet - 1)];
	}
	out[o] = '\0';
	return 0;
}

int user_password_hash(const char *pw, size_t len, char out[STORE_PWHASH_MAX], struct err *e)
{
	if (sodium_ready(e))
		return -1;
	if (crypto_pwhash_str(out, pw, len, PWHASH_OPS, PWHASH_MEM) != 0)
		return err_set(e, ERR_IO, "hashing the password: out of memory (argon2id needs %zu MiB)",
		               (size_t)(PWHASH_MEM >> 20));
	return 0;
}

int user_password_verify(const char *hash, const char *pw, size_t len)
{
	if (sodium_init() < 0)
		return 0;
	return crypto_pwhash_str_verify(hash, pw, len) == 0;
}

int user_password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, PWHASH_OPS, PWHASH_MEM) != 0;
}
