/* feed.h (store) - the SQL the calendar feed reads (the relationship's
 * UUID, open commitments and milestones, unpaid payments) and each
 * person's secret feed token, which is not a ledger event. */
#ifndef RAPPORT_STORE_FEED_H
#define RAPPORT_STORE_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"

/* One dated thing someone owes. Strings live only during the callback;
 * NULL where the row has no value. */
struct store_feed_item {
	int64_t id;
	const char *side;      /* who owes it: "buyer" or "partner" */
	const char *due;       /* YYYY-MM-DD */
	const char *what;      /* a commitment's text; NULL for a payment */
	const char *milestone; /* an order milestone's name, else NULL */
	const char *po, *style; /* the order it belongs to, else NULL */
	const char *amount, *currency, *label; /* payments */
};

typedef int (*store_feed_fn)(void *ctx, const struct store_feed_item *it);

/* The relationship's UUID into out: 1, 0 when there is none, -1. */
int store_feed_uid(struct db *db, int64_t rel, char out[64], struct err *e);
/* Calls fn for every open commitment (milestones included) of rel, by due
 * date, then id; fn returns non-zero to stop, and that value is returned. */
int store_feed_commitments(struct db *db, int64_t rel, store_feed_fn fn, void *ctx, struct err *e);
/* The same for every payment of rel not yet paid. */
int store_feed_payments(struct db *db, int64_t rel, store_feed_fn fn, void *ctx, struct err *e);

/* author's token into out: 1, 0 when they have none, -1. */
int store_feed_token_get(struct db *db, const char *author, char out[128], struct err *e);
/* The author whose token is token, into out (size bytes): 1, 0 when no
 * one has it, -1. (The token column is unique and indexed.) */
int store_feed_token_author(struct db *db, const char *token, char *out, size_t size, struct err *e);
/* Sets (or replaces) author's token. */
int store_feed_token_set(struct db *db, const char *author, const char *token, int64_t now, struct err *e);

#endif
