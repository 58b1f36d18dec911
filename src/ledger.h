/* ledger.h - the only writer of events: validate, chain, append, project,
 * all inside one savepoint; and verification of every chain. */
#ifndef RAPPORT_LEDGER_H
#define RAPPORT_LEDGER_H

#include <jansson.h>
#include <stdint.h>

#include "event.h"
#include "store/db.h"
#include "store/events.h"
#include "util/buf.h"

/* One per connection: it owns the connection's transaction hooks
 * (db_set_hooks). Commit through db_commit; roll back the
 * whole transaction, never to a savepoint that spans appends. */
struct ledger {
	struct db *db;
	struct sha256 *sha;
	struct buf scratch;   /* envelope bytes, reused */
	struct buf body;      /* canonical body of the last append */
	struct rel_head head;      /* of the relationship last appended to */
	struct rel_head head_read; /* the same as stored when this transaction read it */
	int head_valid;            /* head is current within this transaction */
	int head_dirty;            /* head is ahead of the stored one until flushed */
	int poisoned;              /* a write failed: the transaction must roll back */
};

/* What a caller asks to append; everything else is the ledger's to fill. */
struct ledger_entry {
	const char *kind;
	const char *side;
	const char *author;
	int64_t at;         /* when it happened */
	int64_t recorded;   /* now */
	const json_t *body;
};

int ledger_init(struct ledger *l, struct db *db, struct err *e);
void ledger_release(struct ledger *l);

/* Appends in to relationship rel. On success fills out (id, seq, hashes;
 * out->body points into l and lives until the next append).
 * Outside a transaction the append is its own transaction. Inside the
 * caller's, a refusal (bad input) writes nothing and the transaction goes
 * on; a failed write poisons it: COMMIT then rolls back, so nothing
 * half-written is ever committed, and the caller must roll back. */
int ledger_append(struct ledger *l, int64_t rel, const struct ledger_entry *in, struct event *out,
                  struct err *e);

/* Creates a relationship with a fresh random uid and appends in (a
 * relationship.open event) as its first event; *rel receives its id. */
int ledger_open(struct ledger *l, const struct ledger_entry *in, int64_t *rel, struct event *out,
                struct err *e);
/* The same with a given uid (a chain imported or generated elsewhere). */
int ledger_open_uid(struct ledger *l, const char *uid, const struct ledger_entry *in, int64_t *rel, struct event *out,
                    struct err *e);

/* Appends an event recorded elsewhere (a bundle's), with its own author,
 * side and times, as event seq of rel: validated and projected as any
 * append, and refused (ERR_INPUT) unless it follows rel's head and its
 * fields hash to hash. It keeps id (when positive): later events refer to
 * it by that id. Event 1 creates the relationship with uid (*rel receives
 * its id). */
int ledger_import(struct ledger *l, int64_t *rel, const char *uid, const struct ledger_entry *in, int64_t seq,
                  int64_t id, const unsigned char hash[SHA256_LEN], struct event *out, struct err *e);

struct verify_report {
	int64_t relationships;
	int64_t events;
	int64_t bad_rel;     /* 0 when intact */
	int64_t bad_seq;     /* the first bad sequence number */
	char reason[256];
};

/* Recomputes every chain (or only rel's when non-zero). Returns 0 when
 * intact, 1 when something was altered, removed or reordered (report says
 * where first), -1 when the database could not be read. */
int ledger_verify(struct ledger *l, int64_t rel, struct verify_report *r, struct err *e);
/* The same on any connection, without a struct ledger: it installs no
 * hooks, so a web server thread's read-only connection can check a chain. */
int ledger_check(struct db *db, int64_t rel, struct verify_report *r, struct err *e);

#endif
