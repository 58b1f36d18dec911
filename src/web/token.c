/* token.c - personal API tokens (web/token.h). */
#include "web/token.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "store/apitokens.h"
#include "store/parties.h"
#include "store/users.h"

static void hash_hex(const char *token, char out[STORE_HEX32])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)token, strlen(token));
	sodium_bin2hex(out, STORE_HEX32, h, sizeof h);
}

int token_create(struct db *db, int64_t user_id, const char *name, int64_t now, char out[TOKEN_LEN + 1], int64_t *id,
                 struct err *e)
{
	size_t len = name ? strlen(name) : 0;
	if (len == 0 || len > TOKEN_NAME_MAX)
		return err_set(e, ERR_INPUT, "--name: say what the token is for in 1 to %d bytes", TOKEN_NAME_MAX);
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	unsigned char raw[32];
	randombytes_buf(raw, sizeof raw);
	memcpy(out, TOKEN_PREFIX, 4);
	sodium_bin2base64(out + 4, TOKEN_LEN - 4 + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	char hash[STORE_HEX32];
	hash_hex(out, hash);
	return store_apitoken_insert(db, user_id, name, hash, now, id, e);
}

int token_lookup(struct db *db, const char *token, struct session_user *u, struct err *e)
{
	if (!token || strncmp(token, TOKEN_PREFIX, 4) || !session_token_well_formed(token + 4))
		return 0;
	char hash[STORE_HEX32];
	hash_hex(token, hash);
	struct store_apitoken t;
	struct store_user su;
	int r = store_apitoken_by_hash(db, hash, &t, e);
	if (r <= 0 || t.revoked)
		return r < 0 ? -1 : 0;
	r = store_user_by_id(db, t.user_id, &su, e);
	if (r <= 0 || su.disabled)
		return r < 0 ? -1 : 0;
	struct party org;
	int found = su.partner ? store_partner_get(db, su.partner, &org, e) : store_buyer_get(db, &org, e);
	if (found < 0)
		return -1;
	memset(u, 0, sizeof *u);
	snprintf(u->org, sizeof u->org, "%s", found ? org.name : "");
	u->user_id = su.id;
	u->partner = su.partner;
	snprintf(u->email, sizeof u->email, "%s", su.email);
	snprintf(u->role, sizeof u->role, "%s", su.role);
	snprintf(u->lang, sizeof u->lang, "%s", su.lang);
	u->expires = INT64_MAX;
	return 1;
}
