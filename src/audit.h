/* audit.h - checks what was derived from and said about a relationship's
 * record against its events: the Merkle cache, and every stored checkpoint
 * (its size, its root recomputed from the events, its text with the
 * digest of the events' ids, and each side's signature). `rapport verify` runs it after the hash chains. */
#ifndef RAPPORT_AUDIT_H
#define RAPPORT_AUDIT_H

#include <stdint.h>

#include "store/db.h"
#include "util/sha256.h"

struct audit_report {
	int64_t checkpoints;   /* checkpoints checked */
	int64_t signatures;    /* signatures checked */
	int64_t without_ids;   /* checkpoints signed without the event ids' line */
	int64_t bad_checkpoint; /* the first bad one's id, 0 when the cache is */
	char reason[384];
};

/* 0 when everything holds, 1 with r->reason at the first thing that does
 * not, -1 on error. Adds to r's counts. */
int audit_rel(struct db *db, struct sha256 *h, int64_t rel, struct audit_report *r, struct err *e);
/* audit_rel over every relationship (rel 0) or rel's alone, stopping at the
 * first that does not hold: 1 with *bad_rel naming it, 0, or -1. */
int audit_all(struct db *db, struct sha256 *h, int64_t rel, struct audit_report *r, int64_t *bad_rel, struct err *e);

#endif
