/* ledger.c - append and verify the per-relationship hash chains
 * (docs/ledger.md). The only code that inserts into events. An append is
 * validate -> chain -> insert -> project inside one savepoint, so it nests
 * in the caller's transaction and leaves nothing behind when it fails. */
#include "ledger.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "project.h"
#include "store/events.h"
#include "util/jcs.h"

/* Clock skew tolerated between "when it happened" and "now". */
#define FUTURE_SLACK_SECONDS 300

/* A failed write poisons the transaction (as in PostgreSQL): the commit
 * hook (db_hooks.on_commit) then turns COMMIT into ROLLBACK, so half an
 * append can never be committed, and appends are refused until the caller
 * rolls back. This
 * costs nothing per append, unlike a savepoint around each one.
 *
 * The chain head (relationships.head_seq/head_hash) is kept in memory
 * during a transaction and written once, by flush_head, which db_commit
 * runs before COMMIT; a COMMIT that bypassed it is refused by the hook. */
static int on_commit(void *ctx)
{
	struct ledger *l = ctx;
	int refuse = l->poisoned || l->head_dirty;
	/* Another writer may append once this transaction ends. */
	l->head_valid = 0;
	return refuse;
}

static void on_rollback(void *ctx)
{
	struct ledger *l = ctx;
	l->poisoned = 0;
	l->head_valid = 0;
	l->head_dirty = 0;
}

/* Writes the cached head, checking it against what it was read as. */
static int flush_head(void *ctx, struct err *e)
{
	struct ledger *l = ctx;
	if (!l->head_dirty)
		return 0;
	int r = store_rel_advance(l->db, &l->head_read, l->head.seq, l->head.hash, e);
	if (r == 0) {
		l->poisoned = 1;
		return err_set(e, ERR_IO, "relationship %lld: the chain changed under this transaction",
		               (long long)l->head.id);
	}
	if (r < 0) {
		l->poisoned = 1;
		return -1;
	}
	l->head_read = l->head;
	l->head_dirty = 0;
	return 0;
}

int ledger_init(struct ledger *l, struct db *db, struct err *e)
{
	memset(l, 0, sizeof *l);
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	l->db = db;
	l->sha = sha256_new();
	if (!l->sha)
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	static const struct db_hooks hooks = {flush_head, on_commit, on_rollback};
	db_set_hooks(db, &hooks, l);
	return 0;
}

void ledger_release(struct ledger *l)
{
	if (l->db)
		db_set_hooks(l->db, NULL, NULL);
	sha256_release(l->sha);
	buf_release(&l->scratch);
	buf_release(&l->body);
	memset(l, 0, sizeof *l);
}

/* Makes l->head the head of rel: the cached one during a transaction, else
 * read from the store (after flushing another relationship's). */
static int load_head(struct ledger *l, int64_t rel, struct err *e)
{
	if (l->head_valid && l->head.id == rel)
		return 0;
	if (flush_head(l, e))
		return -1;
	l->head_valid = 0;
	int r = store_rel_head_for_append(l->db, rel, &l->head, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "partner: no relationship with id %lld", (long long)rel);
	l->head_read = l->head;
	l->head_valid = 1;
	return 0;
}

/* Runs inside the caller's transaction. Everything that can be refused is
 * checked before the first write. */
static int append_in_txn(struct ledger *l, int64_t rel, const struct ledger_entry *in, const unsigned char *want,
                         int64_t id, struct event *ev, struct err *e)
{
	if (l->poisoned)
		return err_set(e, ERR_IO, "an earlier append in this transaction failed: roll it back first");
	if (load_head(l, rel, e))
		return -1;
	int opening = !strcmp(in->kind, "relationship.open");
	if (l->head.seq == 0 && !opening)
		return err_set(e, ERR_INPUT, "kind: a chain must start with relationship.open");
	if (l->head.seq > 0 && opening)
		return err_set(e, ERR_INPUT, "kind: relationship %lld is already open", (long long)rel);
	buf_reset(&l->body);
	jcs_write(&l->body, in->body);
	struct event probe = {.rel = rel, .kind = in->kind, .at = in->at, .seq = l->head.seq + 1};
	if (project_check(l->db, &probe, in->body, e))
		return -1;
	*ev = (struct event){
		.rel = rel,
		.rel_uid = l->head.uid,
		.seq = l->head.seq + 1,
		.kind = in->kind,
		.kind_len = strlen(in->kind),
		.at = in->at,
		.recorded = in->recorded,
		.side = in->side,
		.side_len = strlen(in->side),
		.author = in->author,
		.author_len = strlen(in->author),
		.body = l->body.data,
		.body_len = l->body.len,
	};
	memcpy(ev->prev_hash, l->head.hash, SHA256_LEN);
	event_hash(l->sha, &l->scratch, ev, ev->hash);
	if (want && memcmp(ev->hash, want, SHA256_LEN))
		return err_set(e, ERR_INPUT, "event %lld: its fields, written canonically, do not hash to its hash",
		               (long long)ev->seq);
	ev->id = id;
	ev->rel_uid = NULL; /* points into the cache, which the next append changes */
	if (store_event_insert(l->db, ev, e) || project_apply(l->db, ev, in->body, e)) {
		l->poisoned = 1;
		return -1;
	}
	l->head.seq = ev->seq;
	memcpy(l->head.hash, ev->hash, SHA256_LEN);
	l->head_dirty = 1;
	return 0;
}

/* Gives a lone append its own transaction; inside one, joins it. */
static int in_txn(struct ledger *l, int64_t *rel, const char *uid, const struct ledger_entry *in,
                  const unsigned char *want, int64_t id, struct event *ev, struct err *e)
{
	int own = !db_in_transaction(l->db);
	if (own && db_begin(l->db, e))
		return -1;
	int r = uid ? store_rel_create(l->db, uid, rel, e) : 0;
	if (r == 0)
		r = append_in_txn(l, *rel, in, want, id, ev, e);
	if (own) {
		if (r == 0)
			r = db_commit(l->db, e);
		if (r)
			db_rollback(l->db);
	}
	return r;
}

static int check_entry(const struct ledger_entry *in, struct err *e)
{
	if (event_validate(in->kind, in->body, e) || event_validate_author(in->side, in->author, e))
		return -1;
	if (in->at < 0)
		return err_set(e, ERR_INPUT, "at: before 1970");
	if (in->at > in->recorded + FUTURE_SLACK_SECONDS)
		return err_set(e, ERR_INPUT, "at: in the future; record events once they have happened");
	return 0;
}

int ledger_append(struct ledger *l, int64_t rel, const struct ledger_entry *in, struct event *out,
                  struct err *e)
{
	return check_entry(in, e) ? -1 : in_txn(l, &rel, NULL, in, NULL, 0, out, e);
}

/* An RFC 4122 version 4 UUID from libsodium's CSPRNG: the relationship's
 * name in every hash, stable when a chain is exported to another database. */
static void new_uid(char out[REL_UID_LEN + 1])
{
	unsigned char b[16];
	randombytes_buf(b, sizeof b);
	b[6] = (unsigned char)((b[6] & 0x0f) | 0x40);
	b[8] = (unsigned char)((b[8] & 0x3f) | 0x80);
	snprintf(out, REL_UID_LEN + 1,
	         "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1], b[2],
	         b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14], b[15]);
}

int ledger_open_uid(struct ledger *l, const char *uid, const struct ledger_entry *in, int64_t *rel, struct event *out,
                    struct err *e)
{
	if (strcmp(in->kind, "relationship.open"))
		return err_set(e, ERR_INPUT, "kind: a chain must start with relationship.open");
	if (strlen(uid) != REL_UID_LEN)
		return err_set(e, ERR_INPUT, "uid: not a UUID: \"%s\"", uid);
	return check_entry(in, e) ? -1 : in_txn(l, rel, uid, in, NULL, 0, out, e);
}

int ledger_open(struct ledger *l, const struct ledger_entry *in, int64_t *rel, struct event *out,
                struct err *e)
{
	char uid[REL_UID_LEN + 1];
	new_uid(uid);
	return ledger_open_uid(l, uid, in, rel, out, e);
}

int ledger_import(struct ledger *l, int64_t *rel, const char *uid, const struct ledger_entry *in, int64_t seq,
                  int64_t id, const unsigned char hash[SHA256_LEN], struct event *out, struct err *e)
{
	if (check_entry(in, e))
		return -1;
	if (seq == 1) {
		if (strcmp(in->kind, "relationship.open"))
			return err_set(e, ERR_INPUT, "kind: a chain must start with relationship.open");
		if (strlen(uid) != REL_UID_LEN)
			return err_set(e, ERR_INPUT, "uid: not a UUID: \"%s\"", uid);
		return in_txn(l, rel, uid, in, hash, id, out, e);
	}
	if (load_head(l, *rel, e))
		return -1;
	if (l->head.seq + 1 != seq)
		return err_set(e, ERR_INPUT, "event %lld does not follow the record's head (event %lld)", (long long)seq,
		               (long long)l->head.seq);
	return in_txn(l, rel, NULL, in, hash, id, out, e);
}

/* Verification state for one chain. */
struct walk {
	struct ledger *l;
	struct verify_report *r;
	struct err *e;
	const struct rel_head *head;
	int64_t expect;                  /* the next sequence number */
	unsigned char prev[SHA256_LEN];  /* hash of the last good event */
};

__attribute__((format(printf, 3, 4))) static int tampered(struct walk *w, int64_t seq, const char *fmt, ...)
{
	va_list ap;
	w->r->bad_rel = w->head->id;
	w->r->bad_seq = seq;
	va_start(ap, fmt);
	vsnprintf(w->r->reason, sizeof w->r->reason, fmt, ap);
	va_end(ap);
	return 1;
}

static int walk_event(void *ctx, const struct event *ev)
{
	struct walk *w = ctx;
	unsigned char h[SHA256_LEN];
	if (ev->seq != w->expect)
		return ev->seq > w->expect
		               ? tampered(w, w->expect, "event %lld is missing (the next stored is %lld)",
		                          (long long)w->expect, (long long)ev->seq)
		               : tampered(w, w->expect, "event %lld is out of order (found %lld)",
		                          (long long)w->expect, (long long)ev->seq);
	if (memcmp(ev->prev_hash, w->prev, SHA256_LEN))
		return tampered(w, ev->seq, "event %lld does not link to event %lld (removed, reordered or altered)",
		                (long long)ev->seq, (long long)ev->seq - 1);
	event_hash(w->l->sha, &w->l->scratch, ev, h);
	if (memcmp(h, ev->hash, SHA256_LEN))
		return tampered(w, ev->seq, "event %lld does not match its hash (altered)", (long long)ev->seq);
	memcpy(w->prev, ev->hash, SHA256_LEN);
	w->expect++;
	w->r->events++;
	return 0;
}

static int walk_rel(void *ctx, const struct rel_head *head)
{
	struct walk *w = ctx;
	w->head = head;
	w->expect = 1;
	memset(w->prev, 0, SHA256_LEN);
	w->r->relationships++;
	int r = store_event_each(w->l->db, head, walk_event, w, w->e);
	if (r)
		return r;
	int64_t last = w->expect - 1;
	if (head->seq > last)
		return tampered(w, last + 1, "event %lld is missing (the chain ends at %lld)", (long long)last + 1,
		                (long long)last);
	if (head->seq < last || (last > 0 && memcmp(head->hash, w->prev, SHA256_LEN)))
		return tampered(w, head->seq, "the recorded head (event %lld) disagrees with the chain (%lld events)",
		                (long long)head->seq, (long long)last);
	return 0;
}

int ledger_check(struct db *db, int64_t rel, struct verify_report *r, struct err *e)
{
	/* only what the walk uses: no hooks on db, which may be a reader's */
	struct ledger l = {.db = db, .sha = sha256_new()};
	if (!l.sha)
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	int rc = ledger_verify(&l, rel, r, e);
	sha256_release(l.sha);
	buf_release(&l.scratch);
	return rc;
}

int ledger_verify(struct ledger *l, int64_t rel, struct verify_report *r, struct err *e)
{
	memset(r, 0, sizeof *r);
	struct walk w = {.l = l, .r = r, .e = e};
	int rc = store_rel_each(l->db, rel, walk_rel, &w, e);
	if (rc)
		return rc;
	int64_t orphans = 0;
	if (!rel && store_event_orphans(l->db, &orphans, e))
		return -1;
	if (orphans) {
		snprintf(r->reason, sizeof r->reason, "%lld events belong to no relationship", (long long)orphans);
		return 1;
	}
	return 0;
}
