/* parties.h - SQL for the buyer row (configuration written by init) and the
 * partners projection (rows derived from relationship.open events). */
#ifndef RAPPORT_STORE_PARTIES_H
#define RAPPORT_STORE_PARTIES_H

#include <stdint.h>

#include "store/db.h"

#define PARTY_NAME_MAX 201 /* 200 bytes and a NUL */

struct party {
	int64_t id;                  /* the relationship id for a partner; 1 for the buyer */
	char name[PARTY_NAME_MAX];
	char country[3];
	char tz[65];
	char city[PARTY_NAME_MAX];   /* empty when unknown */
	int64_t since;               /* seconds UTC */
};

int store_buyer_insert(struct db *db, const struct party *b, struct err *e);
/* Returns 1 and fills b, 0 when the database was never initialised. */
int store_buyer_get(struct db *db, struct party *b, struct err *e);

int store_partner_insert(struct db *db, const struct party *p, struct err *e);
/* Returns 1 and fills p, 0 when there is no such partner. */
int store_partner_get(struct db *db, int64_t id, struct party *p, struct err *e);
/* Calls fn for every partner in id order; fn returns non-zero to stop. */
int store_partner_each(struct db *db, int (*fn)(void *ctx, const struct party *p), void *ctx, struct err *e);
/* The partners whose name or city holds q (ASCII letters in either case)
 * or whose country code is q, in id order: sets *total to how many, and
 * calls fn for at most limit of them from the offset-th (0: the first).
 * q "" finds every partner; at most STORE_PARTNER_QUERY_MAX bytes of q
 * are matched. */
#define STORE_PARTNER_QUERY_MAX 100
int store_partner_find(struct db *db, const char *q, int64_t offset, int64_t limit, int64_t *total,
                       int (*fn)(void *ctx, const struct party *p), void *ctx, struct err *e);

#endif
