/* bundle.h - an offline bundle of one relationship's record (docs/verify.md):
 * the events in canonical form with their chain links, both sides' public
 * keys and every signed checkpoint, as one JSON document; reading one, and
 * its verification with no database. Pure: no SQL, no files. */
#ifndef RAPPORT_BUNDLE_H
#define RAPPORT_BUNDLE_H

#include <stddef.h>
#include <stdint.h>

#include "note.h"
#include "util/err.h"
#include "util/sha256.h"

#define BUNDLE_FORMAT "rapport-bundle/1"
#define BUNDLE_MAX_FILE ((size_t)1 << 32) /* a bundle longer than 4 GiB is refused */

/* One event as the bundle gives it. */
struct bundle_event {
	int64_t seq;
	int64_t id;       /* the exporting database's event id, which later events'
	                   * references use; not hashed (0 when the bundle has none) */
	unsigned char prev_hash[32];
	unsigned char hash[32];
	const char *env;  /* its envelope (docs/ledger.md): the exact bytes hashed */
	size_t env_len;
};

/* One checkpoint: the signed note, parsed (note.text points into text). */
struct bundle_checkpoint {
	const char *text;
	size_t len;
	struct note note;
	struct note_checkpoint cp;
};

/* A bundle read into memory. Strings point into the document or into the
 * bundle's own storage; everything lives until bundle_release. */
struct bundle {
	const char *origin;
	const char *uid;             /* "relationship" */
	struct note_key key[2];      /* [0] the buyer's, [1] the partner's ... */
	int have_key[2];             /* ... when the bundle has them */
	struct bundle_event *events;
	size_t nevents;
	struct bundle_checkpoint *cps;
	size_t ncps;
	int fast;                    /* read by the fast reader (else by jansson) */
	void *doc;                   /* private: the jansson document, or NULL */
	char *arena;                 /* private: the fast reader's decoded strings */
};

/* Reads a bundle: ERR_INPUT naming the line (JSON syntax) or the field
 * when data is not one. The fast reader (bundle.c) takes the documents
 * `rapport export` writes; anything it does not take is read by jansson,
 * whose verdict and messages are then the answer. threads: how many
 * threads may share the reading of a long bundle's events (1 or more; the
 * answer is the same for any number). data must outlive b. Release with
 * bundle_release. */
int bundle_parse(struct bundle *b, const char *data, size_t len, int threads, struct err *e);
/* The same through jansson only (for tests comparing the two readers). */
int bundle_parse_jansson(struct bundle *b, const char *data, size_t len, struct err *e);
void bundle_release(struct bundle *b);

struct bundle_report {
	int64_t events;       /* events whose chain link and hash hold */
	int64_t checkpoints;  /* checkpoints whose root and signatures hold */
	int64_t signatures;
	int64_t without_ids;  /* checkpoints without the event ids' line */
	int64_t bad_seq;      /* the first bad event, 0 when the events hold */
	int64_t bad_checkpoint; /* 1-based, in the bundle's order; 0 when none */
	char origin[256];
	char reason[384];
};

/* Checks b: every event's sequence number, chain link, hash and envelope
 * (its "rel" and "seq"), then every checkpoint's origin, size, root
 * (recomputed from the events), the digest of the events' ids when it
 * carries one, and signatures: every signature line must
 * be by the bundle's buyer or partner key and verify, and each checkpoint
 * needs one. 0 when all hold; 1 with r saying what is the first to fail;
 * -1 on error. threads: how many threads share the events (1 or more). */
int bundle_verify(const struct bundle *b, int threads, struct bundle_report *r, struct err *e);

/* 1 when env, the envelope of event seq, names relationship uid and this
 * seq: a strict reading for canonical envelopes, jansson's otherwise. */
int bundle_envelope_ok(const char *env, size_t len, const char *uid, int64_t seq);

#endif
