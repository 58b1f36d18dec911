/* copy.h (store) - every row of one database into another of the same
 * schema, whatever the backends (rapport migrate): the ledger, the
 * projections and caches, the users, keys and checkpoints. Table by table
 * in an order that satisfies the foreign keys; values keep their types. */
#ifndef RAPPORT_STORE_COPY_H
#define RAPPORT_STORE_COPY_H

#include <stdint.h>

#include "store/db.h"

/* Every table of the schema, parents before the tables that refer to them. */
extern const char *const store_copy_tables[];

/* 1 when db holds no record yet (no buyer, no relationship), 0 when it
 * does, -1 on error. */
int store_copy_empty(struct db *db, struct err *e);

/* Copies every row of every table from src to dst (in dst's transaction,
 * which the caller opens and ends). *rows receives how many rows. */
int store_copy_all(struct db *src, struct db *dst, int64_t *rows, struct err *e);

#endif
