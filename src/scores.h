/* scores.h - a relationship's trust scores at a few times without
 * replaying its whole history: from the current-scores projection, a cache
 * of the settled evidence up to a mark, and the records after the mark. */
#ifndef RAPPORT_SCORES_H
#define RAPPORT_SCORES_H

#include <stdint.h>

#include "store/db.h"
#include "trust.h"

/* How far before the earliest time asked a new mark is put, and how old a
 * cached mark may be before it is moved: far enough that the agenda (now
 * and 30 days ago) and `rapport score` (now) share one mark. The records
 * read one by one are those of at most SCORES_MARK_REUSE days. */
#define SCORES_MARK_LEAD 32
#define SCORES_MARK_REUSE 90

/* The scores of relationship rel as of times[0..n-1] into out[0..n-1],
 * equal to trust_compute over evidence_collect at each time. Fills the
 * cache when it is missing or its mark is too old (inside the caller's
 * transaction if there is one; a cache that cannot be written is only not
 * kept). */
int scores_at(struct db *db, int64_t rel, const int64_t *times, int n, struct trust_result *out, struct err *e);

/* Drops rel's cache when an event dated at (or one that changes the rules
 * it was computed by) makes it wrong; project.c calls it on every append. */
int scores_forget(struct db *db, int64_t rel, int rules_changed, int64_t at, struct err *e);

#endif
