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

static const char SQL_SAVEPOINT[] = "SAVEPOINT ledger_append";
static const char SQL_RELEASE[] = "RELEASE ledger_append";
static const char SQL_ROLLBACK_TO[] = "ROLLBACK TO ledger_append";

int ledger_init(struct ledger *l, struct db *db, struct err *e)
{
	memset(l, 0, sizeof *l);
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	l->db = db;
	l->sha = sha256_new();
	if (!l->sha)
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	return 0;
}

void ledger_release(struct ledger *l)
{
	sha256_release(l->sha);
	buf_release(&l->scratch);
	buf_release(&l->body);
	l->sha = NULL;
}

static int step_simple(struct ledger *l, const char *sql, struct err *e)
{
	sqlite3_stmt *s = db_stmt(l->db, sql, e);
	if (!s)
		return -1;
	int rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? 0 : db_fail(l->db, e, "ledger transaction");
}

static int append_locked(struct ledger *l, int64_t rel, const struct ledger_entry *in, struct event *ev,
                         struct err *e)
{
	struct rel_head head;
	int r = store_rel_head(l->db, rel, &head, e);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set(e, ERR_INPUT, "partner: no relationship with id %lld", (long long)rel);
	if (head.seq == 0 && strcmp(in->kind, "relationship.open"))
		return err_set(e, ERR_INPUT, "kind: a chain must start with relationship.open");
	if (head.seq > 0 && !strcmp(in->kind, "relationship.open"))
		return err_set(e, ERR_INPUT, "kind: relationship %lld is already open", (long long)rel);

	buf_reset(&l->body);
	jcs_write(&l->body, in->body);
	*ev = (struct event){
		.rel = rel,
		.rel_uid = NULL,
		.seq = head.seq + 1,
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
	ev->rel_uid = head.uid;
	memcpy(ev->prev_hash, head.hash, SHA256_LEN);
	event_hash(l->sha, &l->scratch, ev, ev->hash);
	ev->rel_uid = NULL; /* head is local to this call */
	if (store_event_insert(l->db, ev, e) || store_rel_set_head(l->db, rel, ev->seq, ev->hash, e) ||
	    project_apply(l->db, ev, in->body, e))
		return -1;
	return 0;
}

int ledger_append(struct ledger *l, int64_t rel, const struct ledger_entry *in, struct event *out,
                  struct err *e)
{
	if (event_validate(in->kind, in->body, e) || event_validate_author(in->side, in->author, e))
		return -1;
	if (in->at < 0)
		return err_set(e, ERR_INPUT, "at: before 1970");
	if (in->at > in->recorded + FUTURE_SLACK_SECONDS)
		return err_set(e, ERR_INPUT, "at: in the future; record events once they have happened");
	if (step_simple(l, SQL_SAVEPOINT, e))
		return -1;
	if (append_locked(l, rel, in, out, e)) {
		/* keep e: the rollback's own outcome does not matter to the caller */
		struct err ignored;
		step_simple(l, SQL_ROLLBACK_TO, &ignored);
		step_simple(l, SQL_RELEASE, &ignored);
		return -1;
	}
	return step_simple(l, SQL_RELEASE, e);
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

int ledger_open(struct ledger *l, const struct ledger_entry *in, int64_t *rel, struct event *out,
                struct err *e)
{
	if (strcmp(in->kind, "relationship.open"))
		return err_set(e, ERR_INPUT, "kind: a chain must start with relationship.open");
	char uid[REL_UID_LEN + 1];
	new_uid(uid);
	if (step_simple(l, SQL_SAVEPOINT, e))
		return -1;
	if (store_rel_create(l->db, uid, rel, e) || ledger_append(l, *rel, in, out, e)) {
		struct err ignored;
		step_simple(l, SQL_ROLLBACK_TO, &ignored);
		step_simple(l, SQL_RELEASE, &ignored);
		return -1;
	}
	return step_simple(l, SQL_RELEASE, e);
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
