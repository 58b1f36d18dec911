/* audit.c - the Merkle cache and the signed checkpoints of a relationship,
 * checked against its events in one pass over their hashes. A signed
 * checkpoint the record no longer matches means the record was rewritten
 * after both sides agreed on it: the case the hash chain alone cannot see. */
#include "audit.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "keys.h"
#include "logtree.h"
#include "merkle.h"
#include "note.h"
#include "store/events.h"
#include "store/parties.h"
#include "store/verify.h"

struct audit_ctx {
	struct db *db;
	struct sha256 *h;
	struct logtree *t;
	const struct merkle_mem *mem;
	struct audit_report *r;
	int64_t *ids;          /* the events' ids in seq order */
	struct note_ids digest;
	struct note_key keys[2];
	int have[2];           /* buyer's, partner's key known */
	char origin[NOTE_NAME_MAX];
	struct err *e;
};

__attribute__((format(printf, 3, 4))) static int bad(struct audit_ctx *c, int64_t id, const char *fmt, ...)
{
	va_list ap;
	c->r->bad_checkpoint = id;
	va_start(ap, fmt);
	vsnprintf(c->r->reason, sizeof c->r->reason, fmt, ap);
	va_end(ap);
	return 1;
}

static int check_one(void *ctx, const struct stored_checkpoint *cp)
{
	struct audit_ctx *c = ctx;
	c->r->checkpoints++;
	if (cp->size > c->t->size)
		return bad(c, cp->id, "checkpoint #%lld is of %lld events but the record holds %lld: events were removed",
		           (long long)cp->id, (long long)cp->size, (long long)c->t->size);
	merkle_hash root;
	if (merkle_src_root(&c->mem->src, (uint64_t)cp->size, root, c->e))
		return -1;
	if (memcmp(root, cp->root, 32))
		return bad(c, cp->id, "checkpoint #%lld: the record's root at %lld events is not the one signed: the record "
		           "was rewritten after the checkpoint", (long long)cp->id, (long long)cp->size);
	/* The text signed: the checkpoint of this origin, size, root and ids,
	 * or, signed before the ids' line existed, of the first three. */
	struct note_checkpoint want = {.size = (uint64_t)cp->size, .has_ids = 1};
	snprintf(want.origin, sizeof want.origin, "%s", c->origin);
	memcpy(want.root, root, 32);
	note_ids_digest(&c->digest, c->ids, (size_t)cp->size, want.ids);
	struct buf text = BUF_INIT;
	note_checkpoint_format(&text, &want);
	if (strcmp(text.data, cp->text)) {
		struct note_checkpoint got;
		int ids_differ = note_checkpoint_parse(&got, cp->text, strlen(cp->text), NULL) == 0 && got.has_ids &&
		                 memcmp(got.ids, want.ids, 32) && got.size == want.size && !memcmp(got.root, root, 32);
		want.has_ids = 0;
		buf_reset(&text);
		note_checkpoint_format(&text, &want);
		if (ids_differ || strcmp(text.data, cp->text)) {
			buf_release(&text);
			return ids_differ ? bad(c, cp->id, "checkpoint #%lld: the record's event ids at %lld events are not the "
			                        "ones signed: ids were changed after the checkpoint", (long long)cp->id,
			                        (long long)cp->size)
			                  : bad(c, cp->id, "checkpoint #%lld: its text is not the checkpoint of its size and root "
			                        "(altered)", (long long)cp->id);
		}
		c->r->without_ids++;
	}
	struct stored_signature sig[2];
	int n, r = 0;
	if (store_signatures(c->db, cp->id, sig, &n, c->e)) {
		buf_release(&text);
		return -1;
	}
	for (int i = 0; i < n && r == 0; i++) {
		int k = strcmp(sig[i].side, "buyer") ? 1 : 0;
		c->r->signatures++;
		if (!c->have[k])
			r = bad(c, cp->id, "checkpoint #%lld: signed by the %s, whose public key is missing", (long long)cp->id,
			        sig[i].side);
		else if (strcmp(sig[i].key_name, c->keys[k].name) || sig[i].key_id != c->keys[k].id)
			r = bad(c, cp->id, "checkpoint #%lld: the %s's signature names key %s+%08x, not the %s's key",
			        (long long)cp->id, sig[i].side, sig[i].key_name, sig[i].key_id, sig[i].side);
		else if (crypto_sign_verify_detached(sig[i].sig, (const unsigned char *)text.data, text.len,
		                                     c->keys[k].pub) != 0)
			r = bad(c, cp->id, "checkpoint #%lld: the %s's signature does not verify", (long long)cp->id,
			        sig[i].side);
	}
	buf_release(&text);
	return r;
}

int audit_rel(struct db *db, struct sha256 *h, int64_t rel, struct audit_report *r, struct err *e)
{
	struct logtree t;
	struct merkle_mem mem;
	if (logtree_open(&t, db, h, rel, e) || logtree_mem(&t, &mem, e))
		return -1;
	struct audit_ctx c = {.db = db, .h = h, .t = &t, .mem = &mem, .r = r, .e = e};
	struct party b;
	struct rel_head head;
	struct sha256 *ids_h = sha256_new();
	int rc = store_buyer_get(db, &b, e) < 0 || store_rel_head(db, rel, &head, e) < 0 ? -1 : 0;
	if (rc == 0 && !ids_h)
		rc = err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	if (rc == 0 && store_event_ids(db, rel, t.size, &c.ids, e))
		rc = -1;
	if (rc == 0)
		note_ids_init(&c.digest, ids_h);
	if (rc == 0)
		keys_origin(c.origin, sizeof c.origin, b.name, head.uid);
	for (int k = 0; rc == 0 && k < 2; k++) {
		struct org_key key;
		int got = store_key_get(db, k ? rel : ORG_BUYER, &key, e);
		if (got < 0)
			rc = -1;
		else if ((c.have[k] = got))
			keys_verifier(&key, &c.keys[k]);
	}
	/* The checkpoints first: a signed root that no longer matches says more
	 * than a cache that does not. */
	if (rc == 0)
		rc = store_checkpoint_each(db, rel, check_one, &c, e);
	if (rc == 0)
		rc = logtree_check_cache(&t, &mem, r->reason, sizeof r->reason, e);
	merkle_mem_release(&mem);
	sha256_release(ids_h);
	free(c.ids);
	return rc;
}

struct audit_walk {
	struct db *db;
	struct sha256 *h;
	struct audit_report *r;
	int64_t *bad_rel;
	struct err *e;
};

static int audit_one(void *ctx, const struct rel_head *head)
{
	struct audit_walk *w = ctx;
	int rc = audit_rel(w->db, w->h, head->id, w->r, w->e);
	if (rc > 0)
		*w->bad_rel = head->id;
	return rc;
}

int audit_all(struct db *db, struct sha256 *h, int64_t rel, struct audit_report *r, int64_t *bad_rel, struct err *e)
{
	struct audit_walk w = {.db = db, .h = h, .r = r, .bad_rel = bad_rel, .e = e};
	*bad_rel = 0;
	return store_rel_each(db, rel, audit_one, &w, e);
}
