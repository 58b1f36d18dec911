/* verify.h - SQL for the verifiable record: organisations' public keys,
 * signed checkpoints and their signatures, the cache of perfect Merkle
 * subtrees, and the event hashes the tree is built from. */
#ifndef RAPPORT_STORE_VERIFY_H
#define RAPPORT_STORE_VERIFY_H

#include <stdint.h>

#include "store/db.h"
#include "store/events.h"
#include "util/sha256.h"

#define ORG_BUYER 0 /* org of the buyer's key; a partner's org is its id */

struct org_key {
	int64_t org;
	char name[256];
	uint32_t key_id;
	unsigned char pub[32];
	int64_t created;
};

int store_key_insert(struct db *db, const struct org_key *k, struct err *e);
/* 1 and fills k, 0 when org has no key. */
int store_key_get(struct db *db, int64_t org, struct org_key *k, struct err *e);

struct stored_checkpoint {
	int64_t id, rel, size, created;
	unsigned char root[SHA256_LEN];
	char *text; /* the note text; the caller frees it */
};

struct stored_signature {
	char side[8];
	char key_name[256];
	uint32_t key_id;
	unsigned char sig[64];
	int64_t at;
};

/* 1 and fills c (the caller frees c->text), 0 when rel has none at size. */
int store_checkpoint_get(struct db *db, int64_t rel, int64_t size, struct stored_checkpoint *c, struct err *e);
/* Inserts c (rel, size, root, text, created) and sets c->id. */
int store_checkpoint_insert(struct db *db, struct stored_checkpoint *c, struct err *e);
/* Calls fn for each checkpoint of rel by size (c->text borrowed). */
int store_checkpoint_each(struct db *db, int64_t rel, int (*fn)(void *ctx, const struct stored_checkpoint *c),
                          void *ctx, struct err *e);
int store_signature_insert(struct db *db, int64_t checkpoint, const struct stored_signature *s, struct err *e);
/* The signatures of a checkpoint, the buyer's first; *n of at most 2. */
int store_signatures(struct db *db, int64_t checkpoint, struct stored_signature out[2], int *n, struct err *e);

/* The Merkle cache of rel: how many leaves it covers (0 when none). */
int store_tree_size(struct db *db, int64_t rel, int64_t *size, struct err *e);
int store_tree_set_size(struct db *db, int64_t rel, int64_t size, struct err *e);
/* 1 and fills hash, 0 when the node is not cached. */
int store_tree_node(struct db *db, int64_t rel, unsigned level, int64_t idx, unsigned char hash[SHA256_LEN],
                    struct err *e);
int store_tree_node_put(struct db *db, int64_t rel, unsigned level, int64_t idx, const unsigned char hash[SHA256_LEN],
                        struct err *e);
/* Calls fn for every cached node of rel (for checking the cache). */
int store_tree_each(struct db *db, int64_t rel,
                    int (*fn)(void *ctx, unsigned level, int64_t idx, const unsigned char *hash, int len), void *ctx,
                    struct err *e);

/* The chain hash of event seq of rel: 1, or 0 when there is none. A
 * stored hash that is not 32 bytes reads as -1 with ERR_CHECK. */
int store_event_hash(struct db *db, int64_t rel, int64_t seq, unsigned char hash[SHA256_LEN], struct err *e);
/* Calls fn with the chain hashes of events from..to of rel in order; a
 * gap or a hash that is not 32 bytes is ERR_CHECK naming the event. */
int store_event_hashes(struct db *db, int64_t rel, int64_t from, int64_t to,
                       int (*fn)(void *ctx, int64_t seq, const unsigned char hash[SHA256_LEN]), void *ctx,
                       struct err *e);
/* The ids of events 1..to of rel in seq order, in *ids (the caller frees
 * it); a gap is ERR_CHECK naming the missing event. */
int store_event_ids(struct db *db, int64_t rel, int64_t to, int64_t **ids, struct err *e);
/* Calls fn with event seq of rel (strings borrowed for the call): 1, 0
 * when there is no such event, -1 on error or when fn fails. */
int store_event_get(struct db *db, const struct rel_head *rel, int64_t seq,
                    int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e);
/* 1 when some event has this id, else 0. */
int store_event_exists(struct db *db, int64_t id, struct err *e);
/* The relationship whose uid this is: 1 and *rel, or 0. */
int store_rel_by_uid(struct db *db, const char *uid, int64_t *rel, struct err *e);

#endif
