/* test_token.c - API tokens over the store: a new token has the documented
 * form and only its SHA-256 is stored; it stands for its user (organisation,
 * role, e-mail) until it is revoked or the user disabled; anything else
 * that looks like a token, or does not, stands for nobody. And the kept
 * answers of Idempotency-Key, which outlive nothing but their day. */
#include <criterion/criterion.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/apitokens.h"
#include "store/users.h"
#include "testutil.h"
#include "web/token.h"

#define NOW 1795600800 /* 2026-11-25T10:00:00Z */

static struct db *db;

static void setup(void)
{
	db = tu_db_new();
	struct err e = {0};
	cr_assert(db_exec(db,
	                  "INSERT INTO relationships (id, uid) VALUES (1, 'rel-1');"
	                  "INSERT INTO partners (id, name, country, tz, city, since)"
	                  " VALUES (1, 'Dongguan Evergreen', 'CN', 'Asia/Shanghai', 'Dongguan', 0)",
	                  &e) == 0,
	          "%s", e.msg);
}

static void teardown(void)
{
	tu_db_close(db);
}

TestSuite(token, .init = setup, .fini = teardown);

static int64_t add_user(int64_t partner, const char *email, const char *role)
{
	struct err e = {0};
	struct store_user u = {.partner = partner, .created_at = NOW};
	snprintf(u.email, sizeof u.email, "%s", email);
	snprintf(u.role, sizeof u.role, "%s", role);
	snprintf(u.password, sizeof u.password, "not a hash");
	int64_t id;
	cr_assert(store_user_insert(db, &u, &id, &e) == 0, "%s", e.msg);
	return id;
}

static void make(int64_t user, char tok[TOKEN_LEN + 1], int64_t *id)
{
	struct err e = {0};
	cr_assert(token_create(db, user, "ERP sync", NOW, tok, id, &e) == 0, "%s", e.msg);
}

static int lookup(const char *tok, struct session_user *u)
{
	struct err e = {0};
	int r = token_lookup(db, tok, u, &e);
	cr_assert(r >= 0, "%s", e.msg);
	return r;
}

Test(token, form_and_hash)
{
	char tok[TOKEN_LEN + 1];
	int64_t id;
	make(add_user(0, "maya@lindenrowe.example", "admin"), tok, &id);
	cr_assert_eq(strlen(tok), 47);
	cr_assert(!strncmp(tok, "rpt_", 4));
	for (const char *c = tok + 4; *c; c++)
		cr_assert(strchr("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_", *c), "%c", *c);
	unsigned char h[SHA256_DIGEST_LENGTH];
	SHA256((const unsigned char *)tok, strlen(tok), h);
	char hex[65];
	for (int i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", h[i]);
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM api_tokens WHERE token_hash = '%s' AND id = %lld", hex,
	         (long long)id);
	cr_assert_eq(tu_int(db, sql), 1);
	cr_assert_eq(tu_int(db, "SELECT count(*) FROM api_tokens WHERE replace(token_hash, 'rpt_', '') <> token_hash"), 0);
	/* two tokens of one user differ */
	char again[TOKEN_LEN + 1];
	make(1, again, &id);
	cr_assert_str_neq(tok, again);
}

Test(token, stands_for_its_user)
{
	char tok[TOKEN_LEN + 1];
	int64_t id;
	make(add_user(1, "chen.jing@evergreen.example", "viewer"), tok, &id);
	struct session_user u;
	cr_assert_eq(lookup(tok, &u), 1);
	cr_assert_str_eq(u.email, "chen.jing@evergreen.example");
	cr_assert_str_eq(u.role, "viewer");
	cr_assert_str_eq(u.org, "Dongguan Evergreen");
	cr_assert_eq(u.partner, 1);
	cr_assert_str_eq(u.csrf, ""); /* the API takes no cookies, so no forms */
}

Test(token, refused)
{
	char tok[TOKEN_LEN + 1], bad[TOKEN_LEN + 2];
	int64_t id, user = add_user(0, "tom@lindenrowe.example", "member");
	make(user, tok, &id);
	struct session_user u;
	/* one character changed, cut short, one too many, another prefix, not base64url */
	snprintf(bad, sizeof bad, "%s", tok);
	bad[10] = bad[10] == 'A' ? 'B' : 'A';
	cr_assert_eq(lookup(bad, &u), 0);
	snprintf(bad, sizeof bad, "%.46s", tok);
	cr_assert_eq(lookup(bad, &u), 0);
	snprintf(bad, sizeof bad, "%sA", tok);
	cr_assert_eq(lookup(bad, &u), 0);
	snprintf(bad, sizeof bad, "xpt_%s", tok + 4);
	cr_assert_eq(lookup(bad, &u), 0);
	snprintf(bad, sizeof bad, "%s", tok);
	bad[20] = '+';
	cr_assert_eq(lookup(bad, &u), 0);
	cr_assert_eq(lookup("", &u), 0);
	cr_assert_eq(lookup(NULL, &u), 0);
	/* the right one, until its user is disabled, and again once enabled */
	struct err e = {0};
	cr_assert_eq(lookup(tok, &u), 1);
	cr_assert(store_user_set_disabled(db, user, 1, &e) == 0);
	cr_assert_eq(lookup(tok, &u), 0);
	cr_assert(store_user_set_disabled(db, user, 0, &e) == 0);
	cr_assert_eq(lookup(tok, &u), 1);
	/* revoked: for good, and only once */
	cr_assert_eq(store_apitoken_revoke(db, id, NOW + 60, &e), 1);
	cr_assert_eq(store_apitoken_revoke(db, id, NOW + 120, &e), 0);
	cr_assert_eq(lookup(tok, &u), 0);
	cr_assert_eq(tu_int(db, "SELECT revoked FROM api_tokens"), NOW + 60);
}

Test(token, names)
{
	char tok[TOKEN_LEN + 1], name[TOKEN_NAME_MAX + 2];
	int64_t id, user = add_user(0, "maya@lindenrowe.example", "admin");
	struct err e = {0};
	cr_assert_eq(token_create(db, user, "", NOW, tok, &id, &e), -1);
	cr_assert_str_eq(e.msg, "--name: say what the token is for in 1 to 64 bytes");
	memset(name, 'n', TOKEN_NAME_MAX + 1);
	name[TOKEN_NAME_MAX + 1] = '\0';
	cr_assert_eq(token_create(db, user, name, NOW, tok, &id, &e), -1);
	name[TOKEN_NAME_MAX] = '\0';
	cr_assert_eq(token_create(db, user, name, NOW, tok, &id, &e), 0, "%s", e.msg);
	cr_assert_eq(tu_int(db, "SELECT count(*) FROM api_tokens"), 1);
}

Test(token, idempotency_kept_answers)
{
	struct err e = {0};
	int64_t a = add_user(0, "maya@lindenrowe.example", "admin"), b = add_user(1, "chen@x.example", "member");
	const char *h1 = "1111111111111111111111111111111111111111111111111111111111111111";
	char hash[STORE_HEX32], *body = NULL;
	int status;
	cr_assert_eq(store_idempotency_get(db, a, "k", NOW, hash, &status, &body, &e), 0);
	cr_assert(store_idempotency_put(db, a, "k", h1, 201, "{\"event\":{}}", NOW, &e) == 0, "%s", e.msg);
	cr_assert_eq(store_idempotency_get(db, a, "k", NOW, hash, &status, &body, &e), 1);
	cr_assert_str_eq(hash, h1);
	cr_assert_eq(status, 201);
	cr_assert_str_eq(body, "{\"event\":{}}");
	free(body);
	/* an answer kept before since is not an answer any more */
	cr_assert_eq(store_idempotency_get(db, a, "k", NOW + 1, hash, &status, &body, &e), 0);
	/* keys are per user */
	cr_assert_eq(store_idempotency_get(db, b, "k", NOW, hash, &status, &body, &e), 0);
	/* a second answer for a key is refused by the table */
	cr_assert_eq(store_idempotency_put(db, a, "k", h1, 201, "{}", NOW, &e), -1);
	/* forgotten once older than the cut, not before */
	cr_assert(store_idempotency_forget(db, NOW, &e) == 0);
	cr_assert_eq(tu_int(db, "SELECT count(*) FROM api_idempotency"), 1);
	cr_assert(store_idempotency_forget(db, NOW + 1, &e) == 0);
	cr_assert_eq(tu_int(db, "SELECT count(*) FROM api_idempotency"), 0);
}
