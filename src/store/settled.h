/* settled.h - SQL for the cache of each relationship's settled trust
 * evidence (the trust_settled table): its sums up to a mark. scores.c
 * says what goes in it and when it is wrong. */
#ifndef RAPPORT_STORE_SETTLED_H
#define RAPPORT_STORE_SETTLED_H

#include <stdint.h>

#include "store/db.h"
#include "trust.h"

/* rel's cached sums and mark: 1 found, 0 none, -1 error. */
int store_settled_get(struct db *db, int64_t rel, struct trust_sums *sums, int64_t *mark, struct err *e);
/* Replaces rel's cache, all or nothing (a savepoint, inside the caller's
 * transaction when there is one). */
int store_settled_put(struct db *db, int64_t rel, int64_t mark, const struct trust_sums *sums, struct err *e);
/* Deletes rel's cache when all is set or its mark is at or after at. */
int store_settled_drop(struct db *db, int64_t rel, int all, int64_t at, struct err *e);

#endif
