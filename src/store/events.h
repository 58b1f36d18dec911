/* events.h - SQL for the ledger tables: relationships and events. Only
 * ledger.c calls the writers; readers serve log, verify and exports. */
#ifndef RAPPORT_STORE_EVENTS_H
#define RAPPORT_STORE_EVENTS_H

#include <stdint.h>

#include "event.h"
#include "store/db.h"

struct rel_head {
	int64_t id;
	char uid[REL_UID_LEN + 1];
	int64_t seq;                     /* 0 for an empty chain */
	unsigned char hash[SHA256_LEN];  /* zeros for an empty chain */
};

int store_rel_create(struct db *db, const char *uid, int64_t *id, struct err *e);
/* Returns 1 and fills h, 0 when rel does not exist, -1 on error. */
int store_rel_head(struct db *db, int64_t rel, struct rel_head *h, struct err *e);
/* store_rel_head for an append inside a write transaction: on PostgreSQL
 * it also locks the relationship until the transaction ends. */
int store_rel_head_for_append(struct db *db, int64_t rel, struct rel_head *h, struct err *e);
/* Moves the head from *from to (seq, hash) only if it is still *from and
 * seq is the newest stored event: 1 done, 0 when not, -1 on error. */
int store_rel_advance(struct db *db, const struct rel_head *from, int64_t seq, const unsigned char hash[SHA256_LEN],
                      struct err *e);
/* Calls fn for every relationship (all when rel is 0); fn returns non-zero to stop. */
int store_rel_each(struct db *db, int64_t rel, int (*fn)(void *ctx, const struct rel_head *h), void *ctx,
                   struct err *e);

/* Inserts ev (all fields set) and stores the new row id in ev->id: the
 * database chooses it unless ev->id is positive (an imported event keeps
 * the id its references use). */
int store_event_insert(struct db *db, struct event *ev, struct err *e);

/* Calls fn for each event of rel in sequence order with strings borrowed
 * from the row; fn returns non-zero to stop (that value is returned). */
int store_event_each(struct db *db, const struct rel_head *rel, int (*fn)(void *ctx, const struct event *ev),
                     void *ctx, struct err *e);

/* The timeline: rel's events whose kind is kind, or under it when kind
 * is a group ("issue": issue.raise, issue.ack, ...; NULL: every kind),
 * and whose time (at) is within [from, to]. */
struct timeline_filter {
	const char *kind;
	int64_t from, to;
};
/* How many events pass f. */
int store_timeline_count(struct db *db, int64_t rel, const struct timeline_filter *f, int64_t *n, struct err *e);
/* Calls fn for the events passing f, newest (highest seq) first, after
 * skipping offset of them, at most limit; fn must not run this query
 * itself, and returns non-zero to stop (that value is returned). */
int store_timeline_page(struct db *db, const struct rel_head *rel, const struct timeline_filter *f, int64_t offset,
                        int64_t limit, int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e);
/* The same events oldest first: those with seq above after, at most limit
 * (the API's cursor pagination). */
int store_timeline_after(struct db *db, const struct rel_head *rel, const struct timeline_filter *f, int64_t after,
                         int64_t limit, int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e);
/* Calls fn with rel's event id: 1 when there is one (or fn's non-zero
 * value), 0 when rel has none, -1 on error. */
int store_event_by_id(struct db *db, const struct rel_head *rel, int64_t id,
                    int (*fn)(void *ctx, const struct event *ev), void *ctx, struct err *e);
/* rel's latest checkpoint (its tree size and time): 1 found, 0 when there
 * is none (or no checkpoints are kept yet), -1 on error. */
int store_checkpoint_last(struct db *db, int64_t rel, int64_t *size, int64_t *at, struct err *e);

/* Event seq of rel: its id, kind (room for 64 bytes), time and body (a
 * copy the caller frees; NULL when body is NULL). 1 found, 0 none. */
struct stored_event {
	int64_t id, at;
	char kind[64];
	char side[8]; /* "buyer" or "partner" */
	char *body;
};
int store_event_at(struct db *db, int64_t rel, int64_t seq, struct stored_event *out, struct err *e);

/* How many relationships there are. */
int store_rel_count(struct db *db, int64_t *n, struct err *e);

/* Counts events whose relationship does not exist (only possible if
 * someone bypassed the foreign key). */
int store_event_orphans(struct db *db, int64_t *n, struct err *e);

#endif
