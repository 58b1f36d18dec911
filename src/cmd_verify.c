/* cmd_verify.c - `rapport verify`: recomputes the hash chains, then checks
 * the Merkle cache and every signed checkpoint against them (audit.h);
 * exit 1 and the first bad event or checkpoint when anything was altered,
 * removed or reordered. */
#include <jansson.h>

#include "audit.h"
#include "cmd.h"
#include "store/events.h"
#include "store/parties.h"

struct audit_walk {
	struct app *app;
	struct audit_report r;
	int64_t bad_rel;
	struct err *e;
};

static int audit_one(void *ctx, const struct rel_head *h)
{
	struct audit_walk *w = ctx;
	int rc = audit_rel(w->app->db, w->app->ledger.sha, h->id, &w->r, w->e);
	if (rc > 0)
		w->bad_rel = h->id;
	return rc;
}

/* After the chains: the checkpoints. 0 all hold, 1 reported, -1 error. */
static int audit(struct app *app, int64_t rel, const struct verify_report *vr, struct err *e)
{
	struct audit_walk w = {.app = app, .e = e};
	int rc = store_rel_each(app->db, rel, audit_one, &w, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (app->json) {
			json_t *o = json_pack("{s:b, s:I, s:I}", "ok", 1, "relationships", (json_int_t)vr->relationships,
			                      "events", (json_int_t)vr->events);
			if (w.r.checkpoints) {
				json_object_set_new(o, "checkpoints", json_integer(w.r.checkpoints));
				json_object_set_new(o, "signatures", json_integer(w.r.signatures));
			}
			cmd_print_json(app, o);
		} else {
			fprintf(app->out, "ok: %lld relationship%s, %lld events; every chain is intact", (long long)vr->relationships,
			        vr->relationships == 1 ? "" : "s", (long long)vr->events);
			if (w.r.checkpoints)
				fprintf(app->out, "; %lld checkpoint%s and %lld signature%s hold", (long long)w.r.checkpoints,
				        w.r.checkpoints == 1 ? "" : "s", (long long)w.r.signatures, w.r.signatures == 1 ? "" : "s");
			fputc('\n', app->out);
		}
		return 0;
	}
	struct party p = {0};
	if (store_partner_get(app->db, w.bad_rel, &p, NULL) <= 0)
		snprintf(p.name, sizeof p.name, "?");
	if (app->json) {
		json_t *o = json_pack("{s:b, s:s, s:I, s:s}", "ok", 0, "reason", w.r.reason, "partner", (json_int_t)w.bad_rel,
		                      "partner_name", p.name);
		if (w.r.bad_checkpoint)
			json_object_set_new(o, "checkpoint", json_integer(w.r.bad_checkpoint));
		cmd_print_json(app, o);
	} else {
		fprintf(app->out, "TAMPERED: relationship %lld (%s): %s\n", (long long)w.bad_rel, p.name, w.r.reason);
	}
	return 1;
}

int cmd_verify(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel = 0;
	struct party p = {0};
	if (arg_str(a, "partner") && (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e)))
		return -1;
	struct verify_report r;
	int rc = ledger_verify(&app->ledger, rel, &r, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		rc = audit(app, rel, &r, e);
		if (rc <= 0)
			return rc;
		e->code = ERR_CHECK;
		e->msg[0] = '\0';
		return -1;
	}
	if (r.bad_rel && !p.name[0] && store_partner_get(app->db, r.bad_rel, &p, NULL) <= 0)
		snprintf(p.name, sizeof p.name, "?");
	if (app->json) {
		json_t *o = json_pack("{s:b, s:s}", "ok", 0, "reason", r.reason);
		if (r.bad_rel) {
			json_object_set_new(o, "partner", json_integer(r.bad_rel));
			json_object_set_new(o, "partner_name", json_string(p.name));
			json_object_set_new(o, "seq", json_integer(r.bad_seq));
		}
		cmd_print_json(app, o);
	} else if (r.bad_rel) {
		fprintf(app->out, "TAMPERED: relationship %lld (%s), event %lld: %s\n", (long long)r.bad_rel, p.name,
		        (long long)r.bad_seq, r.reason);
	} else {
		fprintf(app->out, "TAMPERED: %s\n", r.reason);
	}
	e->code = ERR_CHECK;
	e->msg[0] = '\0';
	return -1;
}
