/* keys.h - each organisation's Ed25519 signing key (docs/verify.md): the
 * names keys and checkpoints go by, the private key file (mode 0600, in a
 * keys directory beside the database) and the public key in the database.
 * Org ORG_BUYER (0) is the buyer; a partner's org is its id. */
#ifndef RAPPORT_KEYS_H
#define RAPPORT_KEYS_H

#include <stddef.h>
#include <stdint.h>

#include "note.h"
#include "store/db.h"
#include "store/verify.h"

#define KEYS_HOST "rapport.example" /* the first part of every origin and key name */

/* The directory of private keys: opt (--keys) when given, else env
 * ($RAPPORT_KEYS) when set, else "<db_path>.keys" beside a SQLite file. A
 * PostgreSQL URL has no "beside": without opt or env, -1 with ERR_INPUT
 * naming both. */
int keys_dir(char *out, size_t len, const char *opt, const char *env, const char *db_path, struct err *e);
/* dir/buyer.key for the buyer, dir/partner-<id>.key for a partner. */
void keys_path(char *out, size_t len, const char *dir, int64_t org);
/* The buyer's name as a key-name part: lowercase ASCII letters and digits,
 * every other run as one '-', at most 40 bytes; "buyer" when nothing is left. */
void keys_slug(char *out, size_t len, const char *name);

/* "rapport.example/<buyer slug>" */
void keys_buyer_name(char *out, size_t len, const char *buyer_name);
/* A relationship's log origin: "rapport.example/<buyer slug>/<uid>" */
void keys_origin(char *out, size_t len, const char *buyer_name, const char *uid);
/* A partner's key name: "<origin>/partner" */
void keys_partner_name(char *out, size_t len, const char *buyer_name, const char *uid);
/* The key name org's key must have in db. */
int keys_name_of(struct db *db, int64_t org, char *out, size_t len, struct err *e);

/* Creates org's key pair: the public half into the database, the private
 * half written once to keys_path(dir, org) (dir made 0700 when missing; an
 * existing file is never overwritten). path receives the file written, for
 * the caller to remove if its transaction does not commit. ERR_INPUT when
 * org already has a key or the file exists. */
int keys_create(struct db *db, struct sha256 *h, int64_t org, const char *dir, int64_t now, struct org_key *out,
                char *path, size_t pathlen, struct err *e);

/* Loads org's signing key from its file under dir and checks it is the one
 * whose public half the database holds. Refuses a file others can read.
 * Wipe out with note_signer_wipe. */
int keys_load(struct db *db, struct sha256 *h, int64_t org, const char *dir, struct note_signer *out, struct err *e);

/* The verifier key of a stored key. */
void keys_verifier(const struct org_key *k, struct note_key *out);

#endif
