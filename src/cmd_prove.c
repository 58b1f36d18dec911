/* cmd_prove.c - `rapport prove` (an inclusion or a consistency proof from
 * the record) and `rapport verify-proof` (checks one with no database).
 * The proof format is proof.c's and docs/verify.md's. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "keys.h"
#include "logtree.h"
#include "proof.h"
#include "store/events.h"
#include "store/parties.h"
#include "store/verify.h"

#define PROOF_MAX_FILE (1 << 20)

/* A size option: absent gives dflt. */
static int arg_size(const args_t *a, const char *name, int64_t dflt, int64_t *out, struct err *e)
{
	if (!arg_str(a, name)) {
		*out = dflt;
		return 0;
	}
	return arg_id(a, name, out, e);
}

struct event_ctx {
	struct app *app;
	struct proof *p;
	struct buf env;
	struct err *e;
};

/* Puts the event's envelope and link into the proof, after checking that
 * they still hash to its stored chain hash. */
static int take_event(void *ctx, const struct event *ev)
{
	struct event_ctx *c = ctx;
	unsigned char h[SHA256_LEN];
	event_hash(c->app->ledger.sha, &c->env, ev, h);
	if (memcmp(h, ev->hash, SHA256_LEN))
		return err_set(c->e, ERR_CHECK, "event %lld does not match its hash (altered): see rapport verify",
		               (long long)ev->seq);
	buf_reset(&c->env);
	event_envelope(&c->env, ev);
	c->p->event = buf_detach(&c->env);
	c->p->event_len = strlen(c->p->event);
	memcpy(c->p->prev_hash, ev->prev_hash, SHA256_LEN);
	memcpy(c->p->event_hash, ev->hash, SHA256_LEN);
	return 0;
}

int cmd_prove(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	struct party party;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &party, e))
		return -1;
	int incl = arg_str(a, "seq") != NULL, cons = arg_str(a, "from") != NULL;
	if (incl == cons)
		return err_set(e, ERR_INPUT, "prove: either --seq N (an inclusion proof) or --from SIZE1 (a consistency proof)");
	if (incl && arg_str(a, "to"))
		return err_set(e, ERR_INPUT, "--to: goes with --from, not --seq (use --size)");
	if (cons && arg_str(a, "size"))
		return err_set(e, ERR_INPUT, "--size: goes with --seq, not --from (use --to)");

	struct logtree t;
	struct party b;
	struct rel_head h;
	if (logtree_open(&t, app->db, app->ledger.sha, rel, e) || store_buyer_get(app->db, &b, e) < 0 ||
	    store_rel_head(app->db, rel, &h, e) < 0 || logtree_extend(&t, e))
		return -1;
	struct proof p = {.kind = incl ? PROOF_INCLUSION : PROOF_CONSISTENCY};
	keys_origin(p.origin, sizeof p.origin, b.name, h.uid);
	int r;
	if (incl) {
		r = arg_id(a, "seq", &p.seq, e) || arg_size(a, "size", t.size, &p.size, e) ||
		    logtree_inclusion(&t, p.seq, p.size, p.path, &p.npath, e) || logtree_root(&t, p.size, p.root, e);
		struct event_ctx c = {.app = app, .p = &p, .e = e};
		if (r == 0 && store_event_get(app->db, &h, p.seq, take_event, &c, e) != 1)
			r = -1;
		buf_release(&c.env);
	} else {
		r = arg_id(a, "from", &p.old_size, e) || arg_size(a, "to", t.size, &p.size, e) ||
		    logtree_consistency(&t, p.old_size, p.size, p.path, &p.npath, e) ||
		    logtree_root(&t, p.old_size, p.old_root, e) || logtree_root(&t, p.size, p.root, e);
	}
	if (r == 0 && app->json) {
		cmd_print_json(app, proof_json(&p));
	} else if (r == 0) {
		struct buf out = BUF_INIT;
		proof_write(&out, &p);
		fputs(out.data, app->out);
		buf_release(&out);
	}
	proof_release(&p);
	return r ? -1 : 0;
}

int cmd_verify_proof(struct app *app, const args_t *a, struct err *e)
{
	const char *path = a->pos[0];
	if (!path)
		return err_set(e, ERR_INPUT, "verify-proof: needs the FILE of a proof");
	struct buf data = BUF_INIT;
	struct proof p;
	if (cmd_read_file(path, PROOF_MAX_FILE, &data, e)) {
		buf_release(&data);
		return -1;
	}
	int r = proof_parse(&p, data.data, data.len, e);
	buf_release(&data);
	if (r) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		return err_set(e, ERR_INPUT, "%s: %s", path, msg);
	}
	struct sha256 *h = sha256_new();
	if (!h) {
		proof_release(&p);
		return err_set(e, ERR_IO, "OpenSSL has no SHA-256");
	}
	struct merkle_why why = {{0}, {0}};
	int bad = proof_check(h, &p, &why);
	sha256_release(h);
	struct buf root = BUF_INIT, old = BUF_INIT;
	buf_addhex(&root, p.root, MERKLE_HASH_LEN);
	buf_addhex(&old, p.old_root, MERKLE_HASH_LEN);
	const char *type = p.kind == PROOF_INCLUSION ? "inclusion" : "consistency";
	if (app->json) {
		json_t *o = json_pack("{s:b, s:s, s:s}", "ok", !bad, "type", type, "origin", p.origin);
		if (bad) {
			json_object_set_new(o, "step", json_string(why.step));
			json_object_set_new(o, "reason", json_string(why.msg));
		}
		cmd_print_json(app, o);
	} else if (bad) {
		fprintf(app->out, "BAD PROOF (%s): %s: %s\n", type, why.step, why.msg);
	} else if (p.kind == PROOF_INCLUSION) {
		fprintf(app->out, "ok: event %lld is in the record %s of %lld events with root %s\n", (long long)p.seq,
		        p.origin, (long long)p.size, root.data);
	} else {
		fprintf(app->out, "ok: the record %s of %lld events (root %s) is a prefix of the record of %lld events "
		        "(root %s)\n", p.origin, (long long)p.old_size, old.data, (long long)p.size, root.data);
	}
	buf_release(&root);
	buf_release(&old);
	proof_release(&p);
	if (bad) {
		e->code = ERR_CHECK;
		e->msg[0] = '\0';
		return -1;
	}
	return 0;
}
