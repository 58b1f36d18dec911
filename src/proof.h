/* proof.h - Rapport's proof files (docs/verify.md): an inclusion proof of
 * one event, or a consistency proof between two sizes of a record, as
 * line-oriented text or JSON; reading either with errors naming the line,
 * and checking one with no database (the RFC 9162 algorithms, merkle.h).
 * Pure: no SQL, no files. */
#ifndef RAPPORT_PROOF_H
#define RAPPORT_PROOF_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "merkle.h"
#include "util/buf.h"
#include "util/err.h"

enum proof_kind {
	PROOF_INCLUSION = 1,
	PROOF_CONSISTENCY = 2,
};

struct proof {
	enum proof_kind kind;
	char origin[256];
	/* inclusion: event seq of the tree of size events with root */
	int64_t size;
	merkle_hash root;
	int64_t seq;
	merkle_hash prev_hash;   /* the event's chain link ... */
	char *event;             /* ... its envelope (canonical JSON, one line; owned) ... */
	size_t event_len;
	merkle_hash event_hash;  /* ... and its chain hash: the leaf data */
	/* consistency: from old_size events with old_root to size with root */
	int64_t old_size;
	merkle_hash old_root;
	merkle_hash path[MERKLE_MAX_PROOF]; /* the audit path or consistency proof */
	size_t npath;
};

/* Appends p as text. */
void proof_write(struct buf *out, const struct proof *p);
/* p as a JSON object (the caller owns it). */
json_t *proof_json(const struct proof *p);

/* Reads a proof file, text or JSON (by its first character), into p:
 * ERR_INPUT naming the line (and for JSON the field) when malformed.
 * Release with proof_release. */
int proof_parse(struct proof *p, const char *data, size_t len, struct err *e);
void proof_release(struct proof *p);

/* Checks p: 0 when it holds, 1 with why naming the failing step. */
int proof_check(struct sha256 *h, const struct proof *p, struct merkle_why *why);

#endif
