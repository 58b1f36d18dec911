/* demo.h - a realistic, deterministic demo history: one UK knitwear brand,
 * factories in Dongguan, Ho Chi Minh City and Dhaka, two years of every
 * practice, appended through the ledger like any other events. */
#ifndef RAPPORT_DEMO_H
#define RAPPORT_DEMO_H

#include <stdint.h>

#include "ledger.h"
#include "store/users.h"

/* Every demo login's password, printed by rapport demo and in README.md.
 * A demo database is for trying Rapport out, never for real data. */
#define DEMO_PASSWORD "rapport-demo"

struct demo_stats {
	int64_t partners;
	int64_t events;
};

/* Builds the demo into an initialised, empty database: history ending at
 * today (seconds UTC), scale times the partners and, from scale 10 on,
 * scale / 5 years. Commits every few thousand events. */
int demo_build(struct ledger *l, int64_t today, int scale, struct demo_stats *stats, struct err *e);

/* Called for each demo user added (u->password is the hash); non-zero stops. */
typedef int (*demo_login_fn)(void *ctx, const struct store_user *u, const char *org_name);

/* Adds the demo's web logins to a database demo_build filled: an admin and
 * a viewer at the buyer and an admin at each partner (its manager), all
 * with the password whose argon2id string is hash: hashed once by the
 * caller, as each hash costs 64 MiB and tens of milliseconds. */
int demo_users(struct db *db, int64_t now, const char *hash, demo_login_fn fn, void *ctx, struct err *e);

/* Gives a database demo_build filled what both sides of a real record
 * would have: a signing key for the buyer (unless it has one) and for each
 * partner, private halves written to keys_dir, and one checkpoint of each
 * record at its head, signed by the buyer and countersigned by the partner,
 * created at now. So a demo can be exported and verified at once. On error
 * the key files it wrote are removed again. *signed_out gets how many
 * records were signed. */
int demo_sign(struct db *db, struct sha256 *h, const char *keys_dir, int64_t now, int64_t *signed_out,
              struct err *e);

#endif
