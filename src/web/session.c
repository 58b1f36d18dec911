/* session.c - logins, sessions, CSRF tokens and the limits on failed
 * logins (web/session.h), over store/users.c. Never stores or logs a raw
 * session token or password; compares secrets in constant time. */
#include "web/session.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "user.h"

_Static_assert(crypto_auth_BYTES == 32 && crypto_auth_KEYBYTES == 32, "the CSRF token is a 32-byte HMAC");

/* The SHA-256 of the cookie's text in hex: what the sessions table keys on.
 * The token has 256 random bits, so a fast hash suffices (no salt, no
 * argon2): nobody can guess a preimage, and a stolen table opens nothing. */
static void token_hash(const char *token, char out[STORE_HEX32])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, STORE_HEX32, h, sizeof h);
}

/* 43 characters of the URL-safe base64 alphabet. Anything else is refused
 * before it reaches the database. */
int session_token_well_formed(const char *t)
{
	size_t n = 0;
	for (; t[n]; n++) {
		char c = t[n];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
		if (n >= SESSION_TOKEN_LEN)
			return 0;
	}
	return n == SESSION_TOKEN_LEN;
}

/* The session's CSRF token: HMAC-SHA-512-256 (crypto_auth) of the
 * session's token hash under its own random key. Another session's token,
 * or this one altered, does not match. */
static void csrf_token(const char *hash, const char *key_hex, char out[SESSION_CSRF_LEN + 1])
{
	unsigned char key[crypto_auth_KEYBYTES], mac[crypto_auth_BYTES];
	memset(key, 0, sizeof key);
	sodium_hex2bin(key, sizeof key, key_hex, strlen(key_hex), NULL, NULL, NULL);
	crypto_auth(mac, (const unsigned char *)hash, strlen(hash), key);
	sodium_bin2base64(out, SESSION_CSRF_LEN + 1, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(key, sizeof key);
}

static int fill_user(struct db *db, const struct store_user *su, const char *hash, const struct store_session *s,
                     struct session_user *u, struct err *e)
{
	struct party org;
	int found = su->partner ? store_partner_get(db, su->partner, &org, e) : store_buyer_get(db, &org, e);
	if (found < 0)
		return -1;
	memset(u, 0, sizeof *u);
	snprintf(u->org, sizeof u->org, "%s", found ? org.name : "");
	u->user_id = su->id;
	u->partner = su->partner;
	snprintf(u->email, sizeof u->email, "%s", su->email);
	snprintf(u->role, sizeof u->role, "%s", su->role);
	snprintf(u->lang, sizeof u->lang, "%s", su->lang);
	u->expires = s->expires;
	csrf_token(hash, s->csrf_key, u->csrf);
	return 0;
}

/* The keys failures are counted under. E-mail addresses are matched
 * ignoring ASCII case, so their counter is too. */
static void account_key(const char *email, char out[SESSION_KEY_MAX])
{
	int n = snprintf(out, SESSION_KEY_MAX, "account:%s", email);
	for (int i = 8; i < n && out[i]; i++)
		if (out[i] >= 'A' && out[i] <= 'Z')
			out[i] = (char)(out[i] - 'A' + 'a');
}

/* 1 with *retry_after raised to the time left when key reached max
 * failures in a window that has not ended; 0 otherwise; -1. */
static int limited(struct db *db, const char *key, int max, int64_t now, int64_t *retry_after, struct err *e)
{
	int64_t start;
	int failures;
	int r = store_login_failures(db, key, &start, &failures, e);
	if (r <= 0)
		return r;
	if (failures < max || now >= start + SESSION_WINDOW)
		return 0;
	if (start + SESSION_WINDOW - now > *retry_after)
		*retry_after = start + SESSION_WINDOW - now;
	return 1;
}

static int new_session(struct db *db, const struct store_user *su, int64_t now, struct session_login *out,
                       struct err *e)
{
	unsigned char raw[32], key[32];
	randombytes_buf(raw, sizeof raw);
	randombytes_buf(key, sizeof key);
	sodium_bin2base64(out->token, sizeof out->token, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	struct store_session s = {.user_id = su->id, .created = now, .expires = now + SESSION_TTL};
	sodium_bin2hex(s.csrf_key, sizeof s.csrf_key, key, sizeof key);
	sodium_memzero(raw, sizeof raw);
	sodium_memzero(key, sizeof key);
	char hash[STORE_HEX32];
	token_hash(out->token, hash);
	if (store_session_insert(db, hash, &s, e) || fill_user(db, su, hash, &s, &out->user, e))
		return -1;
	out->result = SESSION_OK;
	return 0;
}

/* limited() for the attempt's account and, when it has one, its address. */
static int limits(struct db *db, const struct session_attempt *a, int64_t now, int64_t *retry_after, struct err *e)
{
	int la = limited(db, a->akey, SESSION_MAX_FAILURES, now, retry_after, e);
	int lr = a->by_addr ? limited(db, a->rkey, SESSION_MAX_FAILURES_ADDRESS, now, retry_after, e) : 0;
	return la < 0 || lr < 0 ? -1 : la || lr;
}

int session_login_check(struct db *db, const char *email, const char *password, size_t len, const char *addr,
                        int64_t now, struct session_attempt *a, struct err *e)
{
	memset(a, 0, sizeof *a);
	a->result = SESSION_REFUSED;
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	/* no user has such an address or such a password: nothing to count */
	if (!email || !password || strlen(email) > STORE_EMAIL_MAX || len > USER_PASSWORD_MAX)
		return 0;
	a->counts = 1;
	account_key(email, a->akey);
	a->by_addr = addr && *addr;
	if (a->by_addr)
		snprintf(a->rkey, sizeof a->rkey, "address:%s", addr);
	int l = limits(db, a, now, &a->retry_after, e);
	if (l) {
		a->result = SESSION_LIMITED;
		a->counts = 0; /* refused unchecked: nothing to count */
		return l < 0 ? -1 : 0;
	}

	int found = store_user_by_email(db, email, &a->user, e);
	if (found < 0)
		return -1;
	if (found) {
		a->password_ok = user_password_verify(a->user.password, password, len);
	} else {
		/* as slow as a wrong password, so the time taken does not tell
		 * whether the address has an account */
		char dummy[STORE_PWHASH_MAX];
		if (user_password_hash(password, len, dummy, e))
			return -1;
	}
	if (a->password_ok && user_password_needs_rehash(a->user.password) &&
	    user_password_hash(password, len, a->rehash, e))
		return -1;
	a->result = a->password_ok ? SESSION_OK : SESSION_REFUSED;
	return 0;
}

/* The user as the write finds them: found, the same password hash as the
 * check verified, and the disabled flag as it is now. */
static int same_user(struct db *db, const struct session_attempt *a, struct store_user *now, struct err *e)
{
	int found = store_user_by_email(db, a->user.email, now, e);
	if (found <= 0)
		return found;
	return now->id == a->user.id && !strcmp(now->password, a->user.password);
}

int session_login_finish(struct db *db, struct session_attempt *a, int64_t now, struct session_login *out,
                         struct err *e)
{
	memset(out, 0, sizeof *out);
	out->result = a->result;
	out->retry_after = a->retry_after;
	if (!a->counts)
		return 0; /* refused before any password was tried, or limited */
	if (store_login_forget_ended(db, now, SESSION_WINDOW, e) || store_session_delete_expired(db, now, e))
		return -1;
	/* failures counted by other logins since the check: the limit holds
	 * however many tries were in flight at once */
	int l = limits(db, a, now, &out->retry_after, e);
	if (l > 0)
		out->result = SESSION_LIMITED;
	if (l)
		return l < 0 ? -1 : 0;
	struct store_user su;
	int same = a->password_ok ? same_user(db, a, &su, e) : 0;
	if (same < 0)
		return -1;
	if (!same) {
		/* a wrong password, or the account changed while it was checked */
		out->result = SESSION_REFUSED;
		if (store_login_fail(db, a->akey, now, SESSION_WINDOW, e) ||
		    (a->by_addr && store_login_fail(db, a->rkey, now, SESSION_WINDOW, e)))
			return -1;
		return 0;
	}
	if (su.disabled) {
		out->result = SESSION_DISABLED;
		return 0;
	}
	/* The account's count starts again; the address's does not, or one
	 * account of one's own would reset the count for guessing others'. */
	if (store_login_clear(db, a->akey, e))
		return -1;
	if (a->rehash[0] && store_user_set_password(db, su.id, a->rehash, e))
		return -1;
	return new_session(db, &su, now, out, e);
}

void session_attempt_release(struct session_attempt *a)
{
	sodium_memzero(a, sizeof *a);
}

int session_login(struct db *db, const char *email, const char *password, size_t len, const char *addr,
                  int64_t now, struct session_login *out, struct err *e)
{
	struct session_attempt a;
	int r = session_login_check(db, email, password, len, addr, now, &a, e);
	if (r == 0) {
		r = session_login_finish(db, &a, now, out, e);
	} else {
		memset(out, 0, sizeof *out);
		out->result = SESSION_REFUSED;
	}
	session_attempt_release(&a);
	return r;
}

int session_lookup(struct db *db, const char *token, int64_t now, struct session_user *u, struct err *e)
{
	memset(u, 0, sizeof *u);
	if (!token || !session_token_well_formed(token))
		return 0;
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	char hash[STORE_HEX32];
	token_hash(token, hash);
	struct store_session s;
	int r = store_session_get(db, hash, &s, e);
	if (r <= 0 || now >= s.expires)
		return r < 0 ? -1 : 0;
	struct store_user su;
	r = store_user_by_id(db, s.user_id, &su, e);
	if (r <= 0 || su.disabled)
		return r < 0 ? -1 : 0;
	return fill_user(db, &su, hash, &s, u, e) ? -1 : 1;
}

int session_logout(struct db *db, const char *token, struct err *e)
{
	if (!token || !session_token_well_formed(token))
		return 0;
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	char hash[STORE_HEX32];
	token_hash(token, hash);
	return store_session_delete(db, hash, e);
}

int session_password_set(struct db *db, int64_t user_id, const char *hash, struct err *e)
{
	return store_user_set_password(db, user_id, hash, e) || store_session_delete_user(db, user_id, e) ? -1 : 0;
}

int session_user_disable(struct db *db, int64_t user_id, int disabled, struct err *e)
{
	if (store_user_set_disabled(db, user_id, disabled, e))
		return -1;
	return disabled ? store_session_delete_user(db, user_id, e) : 0;
}

int session_csrf_ok(const struct session_user *u, const char *given)
{
	/* the length is no secret; the bytes are compared in constant time */
	if (!given || !u->csrf[0] || strlen(given) != SESSION_CSRF_LEN)
		return 0;
	return sodium_memcmp(given, u->csrf, SESSION_CSRF_LEN) == 0;
}

int session_cookie(char *out, size_t size, const char *token, int64_t expires, int64_t now, int tls)
{
	const char *secure = tls ? "; Secure" : "";
	if (!token)
		return snprintf(out, size, SESSION_COOKIE "=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax%s", secure);
	long long age = expires > now ? (long long)(expires - now) : 0;
	return snprintf(out, size, SESSION_COOKIE "=%s; Path=/; Max-Age=%lld; HttpOnly; SameSite=Lax%s", token, age,
	                secure);
}

int session_can_write(const struct session_user *u)
{
	const struct user_role *r = user_role_find(u->role);
	return r && r->can_write;
}

int session_can_admin(const struct session_user *u)
{
	const struct user_role *r = user_role_find(u->role);
	return r && r->can_admin;
}

int session_can_see(const struct session_user *u, int64_t partner)
{
	if (!u->user_id)
		return 0; /* nobody is logged in */
	return u->partner == 0 || (partner > 0 && u->partner == partner);
}
