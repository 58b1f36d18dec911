/* test_session.c - web logins over the store: a right password gives a
 * session and a wrong one, an unknown address or a disabled user none;
 * sessions end exactly at their expiry; the table holds the token's SHA-256
 * and never the token; CSRF tokens belong to one session and resist
 * tampering; failed logins are limited per account (5) and per address
 * (20) within 15 minutes from the first failure; what each role and
 * organisation may do; the cookie's attributes. Times are worked by hand
 * from NOW; the limits are the ones documented in session.h, written out. */
#define _GNU_SOURCE /* memmem */
#include <criterion/criterion.h>
#include <openssl/sha.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/users.h"
#include "testutil.h"
#include "user.h"
#include "web/session.h"

#define NOW 1795600800 /* 2026-11-25T10:00:00Z */
#define WEEK 604800    /* 7 * 86400 */
#define WINDOW 900     /* 15 minutes */

#define PW "correct horse battery staple"

static struct db *db;

static void setup(void)
{
	db = tu_db_new();
	/* users of partners 1 and 2 refer to their relationships */
	struct err e = {0};
	cr_assert(db_exec(db, "INSERT INTO relationships (id, uid) VALUES (1, 'rel-1'), (2, 'rel-2')", &e) == 0, "%s",
	          e.msg);
}

static void teardown(void)
{
	tu_db_close(db);
}

TestSuite(session, .init = setup, .fini = teardown);

static int64_t add_user(int64_t partner, const char *email, const char *role, const char *password)
{
	struct err e = {0};
	struct store_user u = {.partner = partner, .created_at = NOW - 86400};
	snprintf(u.email, sizeof u.email, "%s", email);
	snprintf(u.role, sizeof u.role, "%s", role);
	cr_assert(user_password_hash(password, strlen(password), u.password, &e) == 0, "%s", e.msg);
	int64_t id;
	cr_assert(store_user_insert(db, &u, &id, &e) == 0, "%s", e.msg);
	return id;
}

static enum session_result login_at(const char *email, const char *pw, const char *addr, int64_t now,
                                    struct session_login *out)
{
	struct err e = {0};
	cr_assert(session_login(db, email, pw, strlen(pw), addr, now, out, &e) == 0, "%s", e.msg);
	return out->result;
}

static int lookup_at(const char *token, int64_t now, struct session_user *u)
{
	struct err e = {0};
	int r = session_lookup(db, token, now, u, &e);
	cr_assert(r >= 0, "%s", e.msg);
	return r;
}

Test(session, the_right_password_logs_in_and_the_token_finds_the_user)
{
	int64_t id = add_user(1, "chen.jing@evergreen.example", "member", PW);
	struct session_login in;
	cr_assert_eq(login_at("chen.jing@evergreen.example", PW, "203.0.113.7", NOW, &in), SESSION_OK);
	cr_expect_eq(strlen(in.token), 43);
	cr_expect_eq(in.user.user_id, id);
	cr_expect_eq(in.user.partner, 1);
	cr_expect_str_eq(in.user.role, "member");
	cr_expect_eq(in.user.expires, NOW + WEEK);
	cr_expect_eq(strlen(in.user.csrf), 43);
	struct session_user u;
	cr_assert_eq(lookup_at(in.token, NOW + 60, &u), 1);
	cr_expect_eq(u.user_id, id);
	cr_expect_eq(u.partner, 1);
	cr_expect_str_eq(u.email, "chen.jing@evergreen.example");
	cr_expect_str_eq(u.role, "member");
	cr_expect_eq(u.expires, NOW + WEEK);
	cr_expect_str_eq(u.csrf, in.user.csrf, "the CSRF token stays the same for the session");
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 1);
	/* two logins, two sessions with different tokens */
	struct session_login again;
	cr_assert_eq(login_at("chen.jing@evergreen.example", PW, "203.0.113.7", NOW + 1, &again), SESSION_OK);
	cr_expect_str_neq(again.token, in.token);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 2);
}

Test(session, the_address_is_matched_ignoring_case)
{
	add_user(0, "Maya@LindenRowe.example", "admin", PW);
	struct session_login in;
	cr_expect_eq(login_at("maya@lindenrowe.EXAMPLE", PW, NULL, NOW, &in), SESSION_OK);
	cr_expect_str_eq(in.user.email, "Maya@LindenRowe.example");
}

Test(session, a_wrong_password_or_an_unknown_address_gives_no_session_and_counts)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	cr_expect_eq(login_at("maya@lindenrowe.example", PW "!", "198.51.100.1", NOW, &in), SESSION_REFUSED);
	cr_expect_eq(in.token[0], '\0');
	cr_expect_eq(login_at("maya@lindenrowe.example", "", "198.51.100.1", NOW + 1, &in), SESSION_REFUSED);
	cr_expect_eq(login_at("nobody@lindenrowe.example", PW, "198.51.100.1", NOW + 2, &in), SESSION_REFUSED);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 0);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"), 2);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:nobody@lindenrowe.example'"), 1);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'address:198.51.100.1'"), 3);
	cr_expect_eq(tu_int(db, "SELECT window_start FROM login_attempts WHERE key = 'address:198.51.100.1'"), NOW);
}

Test(session, a_disabled_user_cannot_log_in_and_loses_their_sessions)
{
	struct err e = {0};
	int64_t id = add_user(2, "lan.nguyen@saigonloom.example", "admin", PW);
	struct session_login in;
	cr_assert_eq(login_at("lan.nguyen@saigonloom.example", PW, NULL, NOW, &in), SESSION_OK);
	cr_assert(store_user_set_disabled(db, id, 1, &e) == 0, "%s", e.msg);
	struct session_user u;
	cr_expect_eq(lookup_at(in.token, NOW + 1, &u), 0, "a session of a disabled user is no longer valid");
	struct session_login again;
	cr_expect_eq(login_at("lan.nguyen@saigonloom.example", PW, NULL, NOW + 2, &again), SESSION_DISABLED);
	cr_expect_eq(again.token[0], '\0');
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 1, "no new session");
	/* a wrong password for a disabled user is a wrong password */
	cr_expect_eq(login_at("lan.nguyen@saigonloom.example", "not the password", NULL, NOW + 3, &again),
	             SESSION_REFUSED);
	cr_assert(store_user_set_disabled(db, id, 0, &e) == 0, "%s", e.msg);
	cr_expect_eq(login_at("lan.nguyen@saigonloom.example", PW, NULL, NOW + 4, &again), SESSION_OK);
}

Test(session, a_new_password_or_disabling_ends_every_session_of_the_user)
{
	struct err e = {0};
	int64_t maya = add_user(0, "maya@lindenrowe.example", "admin", PW);
	add_user(0, "tom@lindenrowe.example", "viewer", PW);
	struct session_login a, b, t;
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &a), SESSION_OK);
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &b), SESSION_OK);
	cr_assert_eq(login_at("tom@lindenrowe.example", PW, NULL, NOW, &t), SESSION_OK);
	char hash[STORE_PWHASH_MAX];
	cr_assert(user_password_hash("a brand new password", 20, hash, &e) == 0, "%s", e.msg);
	cr_assert(session_password_set(db, maya, hash, &e) == 0, "%s", e.msg);
	struct session_user u;
	cr_expect_eq(lookup_at(a.token, NOW + 1, &u), 0);
	cr_expect_eq(lookup_at(b.token, NOW + 1, &u), 0);
	cr_expect_eq(lookup_at(t.token, NOW + 1, &u), 1, "other users stay logged in");
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW + 2, &a), SESSION_REFUSED);
	cr_expect_eq(login_at("maya@lindenrowe.example", "a brand new password", NULL, NOW + 3, &a), SESSION_OK);
	cr_assert(session_user_disable(db, maya, 1, &e) == 0, "%s", e.msg);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions WHERE user_id = 1"), 0, "the rows are gone");
	cr_expect_eq(lookup_at(t.token, NOW + 4, &u), 1);
	cr_assert(session_user_disable(db, maya, 0, &e) == 0, "%s", e.msg);
	cr_expect_eq(login_at("maya@lindenrowe.example", "a brand new password", NULL, NOW + 5, &a), SESSION_OK);
}

Test(session, a_session_ends_exactly_a_week_after_login)
{
	add_user(0, "tom@lindenrowe.example", "viewer", PW);
	struct session_login in;
	cr_assert_eq(login_at("tom@lindenrowe.example", PW, NULL, NOW, &in), SESSION_OK);
	struct session_user u;
	cr_expect_eq(lookup_at(in.token, NOW, &u), 1);
	cr_expect_eq(lookup_at(in.token, NOW + WEEK - 1, &u), 1, "valid one second before expiry");
	cr_expect_eq(lookup_at(in.token, NOW + WEEK, &u), 0, "expired at the expiry second");
	cr_expect_eq(lookup_at(in.token, NOW + WEEK + 1, &u), 0);
	/* the next login clears expired sessions away */
	struct session_login later;
	cr_assert_eq(login_at("tom@lindenrowe.example", PW, NULL, NOW + WEEK, &later), SESSION_OK);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 1);
	cr_expect_eq(lookup_at(in.token, NOW + WEEK, &u), 0);
	cr_expect_eq(lookup_at(later.token, NOW + WEEK, &u), 1);
}

Test(session, logout_ends_the_session)
{
	struct err e = {0};
	add_user(0, "tom@lindenrowe.example", "viewer", PW);
	struct session_login a, b;
	cr_assert_eq(login_at("tom@lindenrowe.example", PW, NULL, NOW, &a), SESSION_OK);
	cr_assert_eq(login_at("tom@lindenrowe.example", PW, NULL, NOW, &b), SESSION_OK);
	cr_assert(session_logout(db, a.token, &e) == 0, "%s", e.msg);
	struct session_user u;
	cr_expect_eq(lookup_at(a.token, NOW + 1, &u), 0);
	cr_expect_eq(lookup_at(b.token, NOW + 1, &u), 1, "the user's other session goes on");
	cr_expect(session_logout(db, a.token, &e) == 0, "logging out twice is no error");
	cr_expect(session_logout(db, "junk", &e) == 0);
}

/* The bytes of the file at path, or NULL when there is none. */
static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	char *p = malloc((size_t)len + 1);
	cr_assert(p);
	cr_assert_eq(fread(p, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	*n = (size_t)len;
	return p;
}

Test(session, the_table_holds_the_tokens_sha256_and_never_the_token)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &in), SESSION_OK);
	/* SHA-256 of the cookie's text, computed here with OpenSSL, not session.c's code */
	unsigned char h[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)in.token, strlen(in.token), h);
	char hex[65];
	for (int i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", h[i]);
	struct db_stmt *s = db_prepare(db, "SELECT token_hash, csrf_key FROM sessions", NULL);
	cr_assert(s);
	cr_assert_eq(db_step(s), DB_ROW);
	cr_expect_str_eq(db_col_text(s, 0), hex);
	cr_expect_str_neq(db_col_text(s, 1), in.token);
	cr_expect_null(strstr(db_col_text(s, 1), in.token));
	db_finalize(s);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions WHERE length(token_hash) = 64"), 1);
	/* nor anywhere in the database's files */
	const char *suffix[] = {"", "-wal"};
	for (int i = 0; i < 2; i++) {
		char path[256];
		snprintf(path, sizeof path, "%s%s", db_path(db), suffix[i]);
		size_t n;
		char *bytes = slurp(path, &n);
		if (!bytes)
			continue;
		cr_expect_null(memmem(bytes, n, in.token, strlen(in.token)), "the raw token is in %s", path);
		cr_expect_null(memmem(bytes, n, PW, strlen(PW)), "the password is in %s", path);
		free(bytes);
	}
}

Test(session, malformed_tokens_find_nothing)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &in), SESSION_OK);
	char shorter[64], longer[64], padded[64], other_alphabet[64];
	snprintf(shorter, sizeof shorter, "%.42s", in.token);
	snprintf(longer, sizeof longer, "%sA", in.token);
	snprintf(padded, sizeof padded, "%.42s=", in.token);
	snprintf(other_alphabet, sizeof other_alphabet, "%s", in.token);
	other_alphabet[5] = '+';
	const char *bad[] = {"", shorter, longer, padded, other_alphabet, "' OR 1=1 --", NULL};
	struct session_user u;
	for (int i = 0; bad[i]; i++)
		cr_expect_eq(lookup_at(bad[i], NOW, &u), 0, "\"%s\"", bad[i]);
	cr_expect_eq(lookup_at(NULL, NOW, &u), 0);
	cr_expect_eq(u.user_id, 0, "nothing filled in");
	cr_expect_eq(lookup_at(in.token, NOW, &u), 1);
}

Test(session, a_csrf_token_is_accepted_only_for_its_own_session_and_unaltered)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	add_user(1, "chen.jing@evergreen.example", "admin", PW);
	struct session_login a, b, a2;
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &a), SESSION_OK);
	cr_assert_eq(login_at("chen.jing@evergreen.example", PW, NULL, NOW, &b), SESSION_OK);
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &a2), SESSION_OK);
	struct session_user ua, ub, ua2;
	cr_assert_eq(lookup_at(a.token, NOW + 10, &ua), 1);
	cr_assert_eq(lookup_at(b.token, NOW + 10, &ub), 1);
	cr_assert_eq(lookup_at(a2.token, NOW + 10, &ua2), 1);
	cr_expect(session_csrf_ok(&ua, a.user.csrf));
	cr_expect(session_csrf_ok(&ub, b.user.csrf));
	cr_expect_not(session_csrf_ok(&ua, b.user.csrf), "another user's session");
	cr_expect_not(session_csrf_ok(&ub, a.user.csrf));
	cr_expect_not(session_csrf_ok(&ua2, a.user.csrf), "the same user's other session");
	char tampered[64];
	for (int pos = 0; pos < 43; pos += 21) {
		snprintf(tampered, sizeof tampered, "%s", a.user.csrf);
		tampered[pos] = tampered[pos] == 'A' ? 'B' : 'A';
		cr_expect_not(session_csrf_ok(&ua, tampered), "one character changed at %d", pos);
	}
	snprintf(tampered, sizeof tampered, "%.42s", a.user.csrf);
	cr_expect_not(session_csrf_ok(&ua, tampered), "cut short");
	snprintf(tampered, sizeof tampered, "%sA", a.user.csrf);
	cr_expect_not(session_csrf_ok(&ua, tampered), "one character more");
	cr_expect_not(session_csrf_ok(&ua, ""));
	cr_expect_not(session_csrf_ok(&ua, NULL));
	cr_expect_not(session_csrf_ok(&ua, a.token), "the session token is not the CSRF token");
	struct session_user nobody = {0};
	cr_expect_not(session_csrf_ok(&nobody, ""), "no session, no CSRF token");
}

Test(session, five_failures_lock_the_account_until_fifteen_minutes_after_the_first)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	/* failures at NOW, NOW+60, ..., NOW+240: the window runs from NOW to NOW+900 */
	for (int i = 0; i < 5; i++)
		cr_expect_eq(login_at("maya@lindenrowe.example", "guess", "198.51.100.1", NOW + 60 * i, &in),
		             SESSION_REFUSED, "attempt %d", i + 1);
	/* the 6th attempt is refused unchecked, even with the right password */
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, "198.51.100.1", NOW + 300, &in), SESSION_LIMITED);
	cr_expect_eq(in.retry_after, 600);
	cr_expect_eq(in.token[0], '\0');
	/* from another address, and with the address in other case: still the account */
	cr_expect_eq(login_at("MAYA@lindenrowe.example", PW, "192.0.2.50", NOW + 899, &in), SESSION_LIMITED);
	cr_expect_eq(in.retry_after, 1);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"), 5,
	             "refused attempts are not counted, so they do not stretch the window");
	/* the window ends at NOW+900 */
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, "192.0.2.50", NOW + 900, &in), SESSION_OK);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM login_attempts WHERE key LIKE 'account:%'"), 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 1);
}

Test(session, a_failure_after_the_window_starts_a_new_one)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	for (int i = 0; i < 4; i++)
		login_at("maya@lindenrowe.example", "guess", NULL, NOW + i, &in);
	/* the 5th failure comes after the first window ended: it is the 1st of a new one */
	cr_expect_eq(login_at("maya@lindenrowe.example", "guess", NULL, NOW + 900, &in), SESSION_REFUSED);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"), 1);
	cr_expect_eq(tu_int(db, "SELECT window_start FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"),
	             NOW + 900);
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW + 901, &in), SESSION_OK);
}

Test(session, a_successful_login_starts_the_accounts_count_again)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	for (int i = 0; i < 4; i++)
		login_at("maya@lindenrowe.example", "guess", NULL, NOW + i, &in);
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW + 10, &in), SESSION_OK);
	for (int i = 0; i < 4; i++)
		cr_expect_eq(login_at("maya@lindenrowe.example", "guess", NULL, NOW + 20 + i, &in), SESSION_REFUSED);
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW + 30, &in), SESSION_OK, "4 failures, not 8");
}

Test(session, twenty_failures_from_one_address_lock_the_address)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_login in;
	/* four guesses at each of five accounts: no account reaches its 5 */
	for (int i = 0; i < 20; i++) {
		char email[64];
		snprintf(email, sizeof email, "user%d@lindenrowe.example", i % 5);
		cr_expect_eq(login_at(email, "guess", "203.0.113.9", NOW + i, &in), SESSION_REFUSED, "attempt %d", i + 1);
	}
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, "203.0.113.9", NOW + 100, &in), SESSION_LIMITED);
	cr_expect_eq(in.retry_after, 800);
	/* the same account from another address is fine */
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, "203.0.113.10", NOW + 100, &in), SESSION_OK);
	/* and a success elsewhere does not free the address */
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, "203.0.113.9", NOW + 899, &in), SESSION_LIMITED);
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, "203.0.113.9", NOW + 900, &in), SESSION_OK);
}

Test(session, a_login_rehashes_a_password_made_at_another_cost)
{
	struct err e = {0};
	int64_t id = add_user(0, "maya@lindenrowe.example", "admin", PW);
	/* as if hashed by an older rapport at a lower cost: libsodium's minimum */
	char weak[128];
	cr_assert(crypto_pwhash_str(weak, PW, strlen(PW), crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) == 0);
	cr_assert(store_user_set_password(db, id, weak, &e) == 0, "%s", e.msg);
	struct session_login in;
	cr_assert_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW, &in), SESSION_OK);
	struct store_user u;
	cr_assert_eq(store_user_by_id(db, id, &u, &e), 1);
	cr_expect_eq(strncmp(u.password, "$argon2id$v=19$m=65536,t=2,p=1$", 31), 0, "%s", u.password);
	cr_expect_eq(login_at("maya@lindenrowe.example", PW, NULL, NOW + 1, &in), SESSION_OK);
}

/* The check half of a login, which must write nothing. */
static void check_at(const char *email, const char *pw, const char *addr, int64_t now, struct session_attempt *a)
{
	struct err e = {0};
	cr_assert(session_login_check(db, email, pw, strlen(pw), addr, now, a, &e) == 0, "%s", e.msg);
}

static enum session_result finish_at(struct session_attempt *a, int64_t now, struct session_login *out)
{
	struct err e = {0};
	cr_assert(session_login_finish(db, a, now, out, &e) == 0, "%s", e.msg);
	session_attempt_release(a);
	return out->result;
}

Test(session, the_check_writes_nothing_and_the_finish_counts_or_logs_in)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_attempt wrong, right;
	struct session_login out;
	check_at("maya@lindenrowe.example", "guess", "198.51.100.1", NOW, &wrong);
	check_at("maya@lindenrowe.example", PW, "198.51.100.1", NOW, &right);
	cr_expect_eq(wrong.result, SESSION_REFUSED);
	cr_expect_eq(right.result, SESSION_OK);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM login_attempts"), 0, "the check counted a failure");
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 0, "the check made a session");
	cr_expect_eq(finish_at(&wrong, NOW + 1, &out), SESSION_REFUSED);
	cr_expect_eq(out.token[0], '\0');
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"), 1);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'address:198.51.100.1'"), 1);
	cr_expect_eq(finish_at(&right, NOW + 2, &out), SESSION_OK);
	cr_expect_eq(strlen(out.token), 43);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM login_attempts WHERE key LIKE 'account:%'"), 0);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'address:198.51.100.1'"), 1);
}

Test(session, guesses_in_flight_at_once_cannot_pass_the_limit)
{
	add_user(0, "maya@lindenrowe.example", "admin", PW);
	/* eight guesses and then the right password, all checked before any
	 * is finished: none of them saw a failure counted */
	struct session_attempt a[9];
	struct session_login out;
	for (int i = 0; i < 8; i++)
		check_at("maya@lindenrowe.example", "guess", NULL, NOW + i, &a[i]);
	check_at("maya@lindenrowe.example", PW, NULL, NOW + 8, &a[8]);
	for (int i = 0; i < 5; i++)
		cr_expect_eq(finish_at(&a[i], NOW + 10 + i, &out), SESSION_REFUSED, "guess %d", i + 1);
	/* the 6th to 8th find the account locked and are not counted */
	for (int i = 5; i < 8; i++)
		cr_expect_eq(finish_at(&a[i], NOW + 10 + i, &out), SESSION_LIMITED, "guess %d", i + 1);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"), 5);
	/* the right password, checked before the lock, is refused after it:
	 * the window runs from the first failure's finish at NOW+10 */
	cr_expect_eq(finish_at(&a[8], NOW + 20, &out), SESSION_LIMITED);
	cr_expect_eq(out.retry_after, 890);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 0);
}

Test(session, a_password_changed_between_check_and_finish_is_refused_and_counted)
{
	struct err e = {0};
	int64_t id = add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_attempt a;
	struct session_login out;
	check_at("maya@lindenrowe.example", PW, NULL, NOW, &a);
	cr_assert_eq(a.result, SESSION_OK);
	char other[128];
	cr_assert(user_password_hash("another long passphrase", 23, other, &e) == 0, "%s", e.msg);
	cr_assert(store_user_set_password(db, id, other, &e) == 0, "%s", e.msg);
	cr_expect_eq(finish_at(&a, NOW + 1, &out), SESSION_REFUSED);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 0);
	cr_expect_eq(tu_int(db, "SELECT failures FROM login_attempts WHERE key = 'account:maya@lindenrowe.example'"), 1);
}

Test(session, a_user_disabled_between_check_and_finish_gets_no_session)
{
	struct err e = {0};
	int64_t id = add_user(0, "maya@lindenrowe.example", "admin", PW);
	struct session_attempt a;
	struct session_login out;
	check_at("maya@lindenrowe.example", PW, NULL, NOW, &a);
	cr_assert(store_user_set_disabled(db, id, 1, &e) == 0, "%s", e.msg);
	cr_expect_eq(finish_at(&a, NOW + 1, &out), SESSION_DISABLED);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM sessions"), 0);
}

Test(session, who_may_write)
{
	static const struct {
		const char *role;
		int write, admin;
	} table[] = {
		{"admin", 1, 1}, {"member", 1, 0}, {"viewer", 0, 0}, {"", 0, 0}, {"Admin", 0, 0}, {"root", 0, 0},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		struct session_user u = {.user_id = 1};
		snprintf(u.role, sizeof u.role, "%s", table[i].role);
		cr_expect_eq(session_can_write(&u), table[i].write, "%s", table[i].role);
		cr_expect_eq(session_can_admin(&u), table[i].admin, "%s", table[i].role);
	}
}

Test(session, who_may_see_which_relationship)
{
	static const struct {
		int64_t user_partner; /* 0: a buyer user */
		int64_t rel;
		int sees;
	} table[] = {
		{0, 1, 1}, {0, 2, 1}, {0, 3, 1},       /* the buyer sees every partner */
		{2, 2, 1}, {2, 1, 0}, {2, 3, 0},       /* a partner only its own */
		{2, 0, 0}, {2, -2, 0},                 /* and no made-up ids */
		{1, 1, 1}, {1, 2, 0},
	};
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
		struct session_user u = {.user_id = 7, .partner = table[i].user_partner};
		cr_expect_eq(session_can_see(&u, table[i].rel), table[i].sees, "user of %lld, relationship %lld",
		             (long long)table[i].user_partner, (long long)table[i].rel);
	}
	struct session_user nobody = {0};
	cr_expect_not(session_can_see(&nobody, 1), "nobody logged in sees nothing");
}

Test(session, the_cookie_is_httponly_lax_for_the_whole_site_and_secure_over_tls)
{
	const char *token = "dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGF0IGFsbCE";
	char c[256];
	session_cookie(c, sizeof c, token, NOW + WEEK, NOW, 0);
	cr_expect_str_eq(c, "rapport_session=dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGF0IGFsbCE; Path=/; Max-Age=604800; "
	                    "HttpOnly; SameSite=Lax");
	session_cookie(c, sizeof c, token, NOW + WEEK, NOW + 4, 1);
	cr_expect_str_eq(c, "rapport_session=dGhpcyBpcyBub3QgYSByZWFsIHRva2VuIGF0IGFsbCE; Path=/; Max-Age=604796; "
	                    "HttpOnly; SameSite=Lax; Secure");
	session_cookie(c, sizeof c, NULL, 0, NOW, 0);
	cr_expect_str_eq(c, "rapport_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax");
	session_cookie(c, sizeof c, NULL, 0, NOW, 1);
	cr_expect_str_eq(c, "rapport_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax; Secure");
	session_cookie(c, sizeof c, token, NOW, NOW + 5, 0);
	cr_expect(strstr(c, "; Max-Age=0;") != NULL, "an expired session's cookie is deleted: %s", c);
}
