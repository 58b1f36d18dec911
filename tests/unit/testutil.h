/* testutil.h - helpers shared by the unit tests: vector files and scratch
 * databases. Not a test file itself. */
#ifndef RAPPORT_TESTUTIL_H
#define RAPPORT_TESTUTIL_H

#include <stddef.h>

#include "store/db.h"

/* Reads tests/vectors/<rel> (under $RAPPORT_VECTORS when set) into a
 * NUL-terminated buffer the caller frees; aborts the test when missing. */
char *tu_vector(const char *rel, size_t *len);

/* A fresh database in a new temporary directory, with the buyer row
 * (Linden & Rowe, GB, Europe/London). Free with tu_db_close. */
struct db *tu_db_new(void);
void tu_db_close(struct db *db);
/* Runs one SQL statement returning a single integer. */
long long tu_int(struct db *db, const char *sql);

#endif
