/* replica.c - imports a checked bundle into this database as the local
 * copy of its record: the buyer row and the relationship when new, the
 * events through the ledger (validated and projected as any append), the
 * public keys and every checkpoint with its signatures. A later bundle must
 * extend the copy (RFC 6962 2.1.2); a fork is refused with the two signed
 * checkpoints that cannot both be true. Never holds a private key. */
#include "replica.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "audit.h"
#include "keys.h"
#include "logtree.h"
#include "merkle.h"
#include "note.h"
#include "proof.h"
#include "store/events.h"
#include "store/parties.h"
#include "store/verify.h"

static const char *const sides[2] = {"buyer", "partner"};

/* --- an envelope read back into the fields of an append ---------------------- */

struct fields {
	json_t *doc;
	struct ledger_entry in;
};

static const char *get_str(json_t *doc, const char *k)
{
	return json_string_value(json_object_get(doc, k));
}

/* The eight members of docs/ledger.md's envelope, with their types. */
static int read_envelope(const struct bundle_event *ev, struct fields *f, struct err *e)
{
	f->doc = json_loadb(ev->env, ev->env_len, JSON_REJECT_DUPLICATES, NULL);
	json_t *d = f->doc;
	json_t *at = json_object_get(d, "at"), *rec = json_object_get(d, "recorded"), *body = json_object_get(d, "body");
	if (!json_is_object(d) || json_object_size(d) != 8 || !json_is_integer(at) || !json_is_integer(rec) ||
	    !json_is_object(body) || !get_str(d, "author") || !get_str(d, "kind") || !get_str(d, "side") ||
	    !get_str(d, "rel") || !json_is_integer(json_object_get(d, "seq")))
		return err_set(e, ERR_INPUT, "event %lld: \"event\" is not an envelope of docs/ledger.md (at, author, body, "
		               "kind, recorded, rel, seq, side)", (long long)ev->seq);
	f->in = (struct ledger_entry){
		.kind = get_str(d, "kind"),
		.side = get_str(d, "side"),
		.author = get_str(d, "author"),
		.at = (int64_t)json_integer_value(at),
		.recorded = (int64_t)json_integer_value(rec),
		.body = body,
	};
	return 0;
}

/* The buyer named by the record's first event, for a database that has
 * none yet. */
static int buyer_of(const struct bundle *b, struct party *out, struct err *e)
{
	struct fields f;
	int r = read_envelope(&b->events[0], &f, e);
	json_t *buyer = r == 0 ? json_object_get(f.in.body, "buyer") : NULL;
	if (r == 0 && (strcmp(f.in.kind, "relationship.open") || !json_is_object(buyer)))
		r = err_set(e, ERR_INPUT, "event 1: a record starts with relationship.open, which names the buyer");
	if (r == 0 && event_validate_party("buyer", buyer, e)) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		r = err_set(e, ERR_INPUT, "event 1: %s", msg);
	}
	if (r == 0) {
		*out = (struct party){.id = 1, .since = f.in.at};
		snprintf(out->name, sizeof out->name, "%s", get_str(buyer, "name"));
		snprintf(out->country, sizeof out->country, "%s", get_str(buyer, "country"));
		snprintf(out->tz, sizeof out->tz, "%s", get_str(buyer, "tz"));
	}
	json_decref(f.doc);
	return r;
}

/* --- the checkpoints held here ---------------------------------------------------- */

struct held_cp {
	int64_t id, size;
	unsigned char root[32];
};

struct held {
	struct held_cp *cp;
	size_t n, cap;
};

static int collect(void *ctx, const struct stored_checkpoint *c)
{
	struct held *h = ctx;
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->cp = realloc(h->cp, h->cap * sizeof *h->cp);
		if (!h->cp)
			abort();
	}
	h->cp[h->n] = (struct held_cp){.id = c->id, .size = c->size};
	memcpy(h->cp[h->n++].root, c->root, 32);
	return 0;
}

/* The stored checkpoint at size as its signed note (the buyer's line first). */
static int stored_note(struct db *db, int64_t rel, int64_t size, struct buf *out, struct err *e)
{
	struct stored_checkpoint c;
	struct stored_signature sig[2];
	int n;
	int r = store_checkpoint_get(db, rel, size, &c, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_IO, "checkpoint at size %lld vanished", (long long)size);
	r = store_signatures(db, c.id, sig, &n, e);
	if (r == 0) {
		buf_adds(out, c.text);
		buf_addc(out, '\n');
		for (int i = 0; i < n; i++)
			note_sig_line(out, sig[i].key_name, sig[i].key_id, sig[i].sig, 64);
	}
	free(c.text);
	return r;
}

/* --- forks ---------------------------------------------------------------------- */

static json_t *hex(const unsigned char *h)
{
	struct buf b = BUF_INIT;
	buf_addhex(&b, h, 32);
	json_t *s = json_string(b.data);
	buf_release(&b);
	return s;
}

static json_t *event_json(int64_t seq, const unsigned char *prev, const char *env, size_t len,
                          const unsigned char *hash)
{
	return json_pack("{s:I, s:o, s:s%, s:o}", "seq", (json_int_t)seq, "prev_hash", hex(prev), "event", env, len,
	                 "hash", hex(hash));
}

struct stored_event_ctx {
	json_t *out;
};

static int take_event(void *ctx, const struct event *ev)
{
	struct stored_event_ctx *c = ctx;
	struct buf env = BUF_INIT;
	event_envelope(&env, ev);
	c->out = event_json(ev->seq, ev->prev_hash, env.data, env.len, ev->hash);
	buf_release(&env);
	return 0;
}

/* The two trees: the one held here (sm, N events) and the bundle's (bm, M). */
struct trees {
	struct db *db;
	struct sha256 *h;
	const struct bundle *b;
	int64_t rel;
	const char *origin;
	struct merkle_mem sm, bm;
	int64_t n, m;
	merkle_hash root_n, root_m;
};

/* Explains a fork at event d + 1 and gathers the evidence: the first
 * checkpoint signed here and the first one in the bundle that cover the
 * differing event (the same size when there is one), and when their sizes
 * differ, a consistency proof in the larger one's tree showing its root at
 * the smaller size is not the smaller one's. */
static int evidence(struct trees *t, size_t d, struct replica_result *res, struct err *e)
{
	struct held held = {0};
	if (store_checkpoint_each(t->db, t->rel, collect, &held, e))
		return -1;
	const struct held_cp *sc = NULL;
	const struct bundle_checkpoint *bc = NULL;
	for (size_t i = 0; i < held.n; i++)
		for (size_t k = 0; k < t->b->ncps; k++)
			if (held.cp[i].size > (int64_t)d && (uint64_t)held.cp[i].size == t->b->cps[k].cp.size &&
			    (!sc || held.cp[i].size < sc->size))
				sc = &held.cp[i], bc = &t->b->cps[k];
	for (size_t i = 0; !sc && i < held.n; i++)
		if (held.cp[i].size > (int64_t)d && (!sc || held.cp[i].size < sc->size))
			sc = &held.cp[i];
	for (size_t i = 0; !bc && i < t->b->ncps; i++)
		if (t->b->cps[i].cp.size > d && (!bc || t->b->cps[i].cp.size < bc->cp.size))
			bc = &t->b->cps[i];

	json_t *keys = json_object();
	for (int i = 0; i < 2; i++)
		if (t->b->have_key[i]) {
			struct buf vk = BUF_INIT;
			note_key_format(&vk, &t->b->key[i]);
			json_object_set_new(keys, sides[i], json_string(vk.data));
			buf_release(&vk);
		}
	struct rel_head head;
	struct stored_event_ctx ec = {NULL};
	int r = store_rel_head(t->db, t->rel, &head, e) < 0 ||
	                store_event_get(t->db, &head, (int64_t)d + 1, take_event, &ec, e) < 0
	            ? -1
	            : 0;
	struct buf note = BUF_INIT;
	if (r == 0 && sc && stored_note(t->db, t->rel, sc->size, &note, e))
		r = -1;
	const struct bundle_event *bev = &t->b->events[d];
	json_t *stored = json_pack("{s:I, s:o, s:o, s:o}", "size", (json_int_t)t->n, "root", hex(t->root_n), "checkpoint",
	                           sc && r == 0 ? json_string(note.data) : json_null(), "event",
	                           ec.out ? ec.out : json_null());
	json_t *bundle = json_pack("{s:I, s:o, s:o, s:o}", "size", (json_int_t)t->m, "root", hex(t->root_m), "checkpoint",
	                           bc ? json_stringn(bc->text, bc->len) : json_null(), "event",
	                           event_json(bev->seq, bev->prev_hash, bev->env, bev->env_len, bev->hash));
	res->evidence = json_pack("{s:s, s:s, s:s, s:s, s:s, s:I, s:o, s:o, s:o}", "format", "rapport-fork/1", "origin",
	                          t->origin, "relationship", t->b->uid, "fork",
	                          res->fork == REPLICA_SAME_SIZE ? "same-size" : "rewritten", "reason", res->reason,
	                          "first_difference", (json_int_t)d + 1, "keys", keys, "stored", stored, "bundle", bundle);
	buf_release(&note);

	/* The proof that two checkpoints of different sizes disagree. */
	if (r == 0 && sc && bc && (uint64_t)sc->size != bc->cp.size) {
		int stored_larger = (uint64_t)sc->size > bc->cp.size;
		struct merkle_mem *tree = stored_larger ? &t->sm : &t->bm;
		struct proof p = {.kind = PROOF_CONSISTENCY};
		snprintf(p.origin, sizeof p.origin, "%s", t->origin);
		p.old_size = stored_larger ? (int64_t)bc->cp.size : sc->size;
		p.size = stored_larger ? sc->size : (int64_t)bc->cp.size;
		memcpy(p.root, stored_larger ? sc->root : bc->cp.root, 32);
		if (merkle_src_root(&tree->src, (uint64_t)p.old_size, p.old_root, e) ||
		    merkle_src_consistency(&tree->src, (uint64_t)p.old_size, (uint64_t)p.size, p.path, &p.npath, e))
			r = -1;
		else
			json_object_set_new(res->evidence, "proof", proof_json(&p));
	}
	if (r == 0 && (!sc || !bc))
		json_object_set_new(res->evidence, "note",
		                    json_string(!sc && !bc ? "neither copy has a signed checkpoint that covers the event that "
		                                             "differs: the events alone show the fork"
		                                : !sc ? "no checkpoint signed here covers the event that differs"
		                                      : "no checkpoint in the bundle covers the event that differs"));
	free(held.cp);
	return r;
}

/* Builds both trees and checks the bundle's against the one held here by a
 * consistency proof: 0 it extends (or is a prefix of) the copy, 1 a fork
 * (res filled), -1 error. */
static int compare(struct trees *t, struct replica_result *res, struct err *e)
{
	struct logtree lt;
	int64_t n = t->n, m = t->m;
	merkle_hash *leaves = malloc((size_t)m * sizeof *leaves);
	if (!leaves)
		abort();
	for (int64_t i = 0; i < m; i++)
		merkle_leaf(t->h, t->b->events[i].hash, 32, leaves[i]);
	merkle_mem_build(&t->bm, t->h, (const merkle_hash *)leaves, (uint64_t)m);
	free(leaves);
	/* the copy's tree from its events, not from the cache */
	if (logtree_open(&lt, t->db, t->h, t->rel, e) || logtree_mem(&lt, &t->sm, e) ||
	    merkle_src_root(&t->sm.src, (uint64_t)n, t->root_n, e) || merkle_src_root(&t->bm.src, (uint64_t)m, t->root_m, e))
		return -1;
	merkle_hash proof[MERKLE_MAX_PROOF];
	size_t np = 0;
	struct merkle_why why = {{0}, {0}};
	int bad;
	if (m >= n) {
		if (merkle_src_consistency(&t->bm.src, (uint64_t)n, (uint64_t)m, proof, &np, e))
			return -1;
		bad = merkle_verify_consistency(t->h, (uint64_t)n, (uint64_t)m, t->root_n, 32, t->root_m, 32,
		                                (const merkle_hash *)proof, np, &why);
	} else {
		if (merkle_src_consistency(&t->sm.src, (uint64_t)m, (uint64_t)n, proof, &np, e))
			return -1;
		bad = merkle_verify_consistency(t->h, (uint64_t)m, (uint64_t)n, t->root_m, 32, t->root_n, 32,
		                                (const merkle_hash *)proof, np, &why);
	}
	res->proof_hashes = n == m ? -1 : (int64_t)np;
	if (!bad)
		return 0;

	int64_t lim = n < m ? n : m, d = 0;
	while (d < lim && !memcmp(t->sm.level[0][d], t->bm.level[0][d], 32))
		d++;
	if (d == lim)
		return err_set(e, ERR_IO, "the trees disagree but their first %lld events do not", (long long)lim);
	res->first_diff = d + 1;
	res->fork = n == m ? REPLICA_SAME_SIZE : REPLICA_REWRITTEN;
	struct buf rn = BUF_INIT, rm = BUF_INIT;
	buf_addhex(&rn, t->root_n, 32);
	buf_addhex(&rm, t->root_m, 32);
	if (n == m)
		snprintf(res->reason, sizeof res->reason,
		         "the bundle has as many events as the copy held here (%lld) but another root (%.16s… in the bundle, "
		         "%.16s… here): one of the two records was rewritten from event %lld on",
		         (long long)n, rm.data, rn.data, (long long)d + 1);
	else if (m > n)
		snprintf(res->reason, sizeof res->reason,
		         "the bundle's first %lld events do not hash to the root held here: the consistency proof from %lld "
		         "to %lld events fails (RFC 9162 %s: %s); the record was rewritten from event %lld on",
		         (long long)n, (long long)n, (long long)m, why.step, why.msg, (long long)d + 1);
	else
		snprintf(res->reason, sizeof res->reason,
		         "the bundle's %lld events are not the first %lld held here: the consistency proof from %lld to %lld "
		         "events fails (RFC 9162 %s: %s); the record was rewritten from event %lld on",
		         (long long)m, (long long)m, (long long)m, (long long)n, why.step, why.msg, (long long)d + 1);
	buf_release(&rn);
	buf_release(&rm);
	return evidence(t, (size_t)d, res, e) ? -1 : 1;
}

/* --- the import ----------------------------------------------------------------- */

/* Adds the signatures of bundle checkpoint c not yet on stored checkpoint
 * id (all of them were checked by bundle_verify, by the keys stored here). */
static int add_signatures(struct db *db, const struct bundle *b, const struct bundle_checkpoint *c, int64_t id,
                          int64_t now, int64_t *added, struct err *e)
{
	struct stored_signature have[2];
	int n;
	if (store_signatures(db, id, have, &n, e))
		return -1;
	for (size_t s = 0; s < c->note.nsigs; s++) {
		const struct note_sig *sig = &c->note.sigs[s];
		int k = -1, dup = 0;
		for (int j = 0; j < 2; j++)
			if (b->have_key[j] && b->key[j].id == sig->id && !strcmp(b->key[j].name, sig->name))
				k = j;
		for (int i = 0; i < n; i++)
			dup |= k >= 0 && !strcmp(have[i].side, sides[k]);
		if (k < 0 || dup || sig->sig_len != 64)
			continue;
		struct stored_signature add = {.key_id = sig->id, .at = now};
		snprintf(add.side, sizeof add.side, "%s", sides[k]);
		snprintf(add.key_name, sizeof add.key_name, "%s", sig->name);
		memcpy(add.sig, sig->sig, 64);
		if (store_signature_insert(db, id, &add, e))
			return -1;
		have[n++] = add;
		(*added)++;
	}
	return 0;
}

static int import_checkpoints(struct db *db, const struct bundle *b, const char *origin, int64_t rel, int64_t now,
                              struct replica_result *res, struct err *e)
{
	for (size_t i = 0; i < b->ncps; i++) {
		const struct bundle_checkpoint *c = &b->cps[i];
		struct buf want = BUF_INIT;
		note_checkpoint_format(&want, &c->cp);
		int canonical = c->cp.extensions == 0 && !strcmp(c->cp.origin, origin) && want.len == c->note.text_len &&
		                !memcmp(want.data, c->note.text, want.len);
		if (!canonical) {
			buf_release(&want);
			return err_set(e, ERR_INPUT, "checkpoint %zu: not a checkpoint rapport writes (origin, size, root and "
			               "the event ids' line, nothing more)", i + 1);
		}
		struct stored_checkpoint sc;
		int r = store_checkpoint_get(db, rel, (int64_t)c->cp.size, &sc, e);
		/* The same checkpoint held in the other form (with or without the
		 * ids' line): the bundle's signatures are of another text. */
		int same_text = 1;
		if (r > 0) {
			int same = !memcmp(sc.root, c->cp.root, 32);
			same_text = !strcmp(sc.text, want.data);
			free(sc.text);
			if (!same)
				r = err_set(e, ERR_CHECK, "checkpoint %zu: the one held here at %llu events has another root (see "
				            "rapport verify)", i + 1, (unsigned long long)c->cp.size);
		} else if (r == 0) {
			sc = (struct stored_checkpoint){.rel = rel, .size = (int64_t)c->cp.size, .text = want.data, .created = now};
			memcpy(sc.root, c->cp.root, 32);
			r = store_checkpoint_insert(db, &sc, e);
			res->checkpoints += r == 0;
		}
		buf_release(&want);
		if (r < 0 || (same_text && add_signatures(db, b, c, sc.id, now, &res->signatures, e)))
			return -1;
	}
	return 0;
}

int replica_import(struct ledger *l, const struct bundle *b, int64_t now, struct replica_result *res, struct err *e)
{
	memset(res, 0, sizeof *res);
	res->size = (int64_t)b->nevents;
	res->proof_hashes = -1;
	struct db *db = l->db;
	if (b->nevents == 0)
		return err_set(e, ERR_INPUT, "\"events\": the bundle has no events: there is no record to keep");

	/* Whose records this database keeps: the buyer's origin must be the bundle's. */
	struct party buyer;
	int r = store_buyer_get(db, &buyer, e);
	if (r < 0)
		return -1;
	int new_buyer = r == 0;
	if (new_buyer && buyer_of(b, &buyer, e))
		return -1;
	char origin[NOTE_NAME_MAX], name[2][NOTE_NAME_MAX];
	keys_origin(origin, sizeof origin, buyer.name, b->uid);
	if (strcmp(origin, b->origin))
		return err_set(e, ERR_INPUT, "\"origin\": %s is not this record's origin here (%s): this database keeps the "
		               "records of %s", b->origin, origin, buyer.name);
	keys_buyer_name(name[0], sizeof name[0], buyer.name);
	keys_partner_name(name[1], sizeof name[1], buyer.name, b->uid);
	for (int i = 0; i < 2; i++)
		if (b->have_key[i] && strcmp(b->key[i].name, name[i]))
			return err_set(e, ERR_INPUT, "\"keys\".\"%s\": %s is not the name of this record's %s key (%s)", sides[i],
			               b->key[i].name, sides[i], name[i]);

	int64_t rel = 0, held = 0;
	r = store_rel_by_uid(db, b->uid, &rel, e);
	if (r < 0)
		return -1;
	if (r) {
		struct rel_head h;
		if (store_rel_head(db, rel, &h, e) <= 0)
			return -1;
		held = h.seq;
	}
	res->held = held;

	/* A record's keys do not change. */
	struct org_key stored[2];
	int have[2] = {0, 0};
	for (int i = 0; i < 2; i++) {
		if (i == 1 && !rel)
			continue;
		if ((have[i] = store_key_get(db, i ? rel : ORG_BUYER, &stored[i], e)) < 0)
			return -1;
		if (have[i] && b->have_key[i] &&
		    (stored[i].key_id != b->key[i].id || memcmp(stored[i].pub, b->key[i].pub, 32) ||
		     strcmp(stored[i].name, b->key[i].name))) {
			snprintf(res->reason, sizeof res->reason,
			         "the bundle's %s key %s+%08x is not the one this database holds (%s+%08x): a record's keys do "
			         "not change", sides[i], b->key[i].name, b->key[i].id, stored[i].name, stored[i].key_id);
			return 1;
		}
	}

	/* A copy held already: it must verify, and the bundle must extend it. */
	if (rel) {
		struct verify_report vr;
		struct audit_report ar = {0};
		r = ledger_verify(l, rel, &vr, e);
		if (r > 0)
			return err_set(e, ERR_CHECK, "the copy held here does not verify: event %lld: %s (see rapport verify)",
			               (long long)vr.bad_seq, vr.reason);
		if (r == 0 && (r = audit_rel(db, l->sha, rel, &ar, e)) > 0)
			return err_set(e, ERR_CHECK, "the copy held here does not verify: %s (see rapport verify)", ar.reason);
		if (r < 0)
			return -1;
		struct trees t = {.db = db, .h = l->sha, .b = b, .rel = rel, .origin = origin, .n = held,
		                  .m = (int64_t)b->nevents};
		r = compare(&t, res, e);
		merkle_mem_release(&t.sm);
		merkle_mem_release(&t.bm);
		if (r)
			return r;
	}
	res->rel = rel;

	/* The new events, through the ledger. */
	if (new_buyer && store_buyer_insert(db, &buyer, e))
		return -1;
	for (size_t i = (size_t)held; i < b->nevents; i++) {
		const struct bundle_event *ev = &b->events[i];
		struct fields f;
		struct event out;
		r = read_envelope(ev, &f, e);
		int taken = r == 0 && ev->id ? store_event_exists(db, ev->id, e) : 0;
		if (taken < 0)
			r = -1;
		else if (taken)
			r = err_set(e, ERR_INPUT, "event %lld: id %lld is another record's here: a database keeps the records "
			            "one database exported", (long long)ev->seq, (long long)ev->id);
		if (r == 0 && ledger_import(l, &rel, b->uid, &f.in, ev->seq, ev->id, ev->hash, &out, e)) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			if (strncmp(msg, "event ", 6))
				r = err_set(e, e->code, "event %lld: %s", (long long)ev->seq, msg);
			else
				r = -1; /* it names the event already */
		}
		json_decref(f.doc);
		if (r)
			return -1;
		res->appended++;
	}
	res->rel = rel;
	res->created = held == 0;

	/* The public keys, then the checkpoints with their signatures. */
	for (int i = 0; i < 2; i++) {
		if (!b->have_key[i])
			continue;
		struct org_key k = {.org = i ? rel : ORG_BUYER, .key_id = b->key[i].id, .created = now};
		if (i == 1 && !have[1] && (have[1] = store_key_get(db, rel, &stored[1], e)) < 0)
			return -1;
		if (have[i])
			continue;
		snprintf(k.name, sizeof k.name, "%s", b->key[i].name);
		memcpy(k.pub, b->key[i].pub, 32);
		if (store_key_insert(db, &k, e))
			return -1;
	}
	return import_checkpoints(db, b, origin, rel, now, res, e);
}
