/* bundle.h - an offline bundle of one relationship's record (docs/verify.md):
 * the events in canonical form with their chain links, both sides' public
 * keys and every signed checkpoint, as one JSON document; and its
 * verification with no database. Pure: no SQL, no files. */
#ifndef RAPPORT_BUNDLE_H
#define RAPPORT_BUNDLE_H

#include <jansson.h>
#include <stdint.h>

#include "util/err.h"
#include "util/sha256.h"

#define BUNDLE_FORMAT "rapport-bundle/1"

struct bundle_report {
	int64_t events;       /* events whose chain link and hash hold */
	int64_t checkpoints;  /* checkpoints whose root and signatures hold */
	int64_t signatures;
	int64_t bad_seq;      /* the first bad event, 0 when the events hold */
	int64_t bad_checkpoint; /* 1-based, in the bundle's order; 0 when none */
	char origin[256];
	char reason[384];
};

/* Checks bundle b: every event's sequence number, chain link and hash, then
 * every checkpoint's origin, size, root (recomputed from the events) and
 * its signatures by the bundle's keys. 0 when all hold; 1 with r saying
 * what is the first to fail; -1 with ERR_INPUT naming the field when b is
 * not a bundle. */
int bundle_verify(struct sha256 *h, const json_t *b, struct bundle_report *r, struct err *e);

#endif
