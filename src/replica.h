/* replica.h - a side's own copy of a record, kept from the bundles the
 * other side exports (docs/verify.md, "A factory's own copy"): the first
 * bundle is imported whole; a later one must extend the copy, which an
 * RFC 6962 consistency proof between the stored tree and the bundle's
 * checks, and only its new events are appended. A bundle that forks the
 * record is refused with both signed checkpoints as evidence. Runs in the
 * caller's transaction; writes nothing when it refuses (the caller rolls
 * back). */
#ifndef RAPPORT_REPLICA_H
#define RAPPORT_REPLICA_H

#include <jansson.h>
#include <stdint.h>

#include "bundle.h"
#include "ledger.h"

enum replica_fork {
	REPLICA_NO_FORK = 0,
	REPLICA_SAME_SIZE,     /* same size, another root */
	REPLICA_REWRITTEN,     /* the bundle's first events are not the ones held */
};

struct replica_result {
	int64_t rel;             /* the relationship (partner id) in this database */
	int created;             /* this import created it */
	int64_t held;            /* events held before */
	int64_t size;            /* events in the bundle */
	int64_t appended;        /* events appended */
	int64_t checkpoints;     /* checkpoints added */
	int64_t signatures;      /* signatures added (with those of new checkpoints) */
	int64_t proof_hashes;    /* the consistency proof checked (-1: none needed) */
	/* when refused (return 1) */
	enum replica_fork fork;  /* REPLICA_NO_FORK: the keys differ */
	int64_t first_diff;      /* the first event that differs */
	char reason[640];
	json_t *evidence;        /* rapport-fork/1 (docs/verify.md); the caller frees */
};

/* Imports b (already checked by bundle_verify) into l's database at now.
 * 0 imported (res says what was new), 1 refused: a fork (res->evidence
 * holds both sides' signed checkpoints) or keys that are not this record's,
 * -1 error: ERR_INPUT naming the event, checkpoint or field the database
 * cannot take, ERR_CHECK when the copy held here does not verify. */
int replica_import(struct ledger *l, const struct bundle *b, int64_t now, struct replica_result *res, struct err *e);

#endif
