/* schema.h - numbered migrations tracked in PRAGMA user_version. */
#ifndef RAPPORT_SCHEMA_H
#define RAPPORT_SCHEMA_H

#include "util/err.h"

struct db;

/* The schema version this binary writes. */
int schema_latest(void);
/* Reads the file's schema version (PRAGMA user_version) into *v. */
int schema_version(struct db *db, int *v, struct err *e);
/* Applies every migration above the file's user_version, each in its own
 * transaction; refuses a database newer than this binary. */
int schema_migrate(struct db *db, struct err *e);

#endif
