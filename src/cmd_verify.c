/* cmd_verify.c - `rapport verify`: recomputes the hash chains, then checks
 * the Merkle cache and every signed checkpoint against them (audit.h);
 * exit 1 and the first bad event or checkpoint when anything was altered,
 * removed or reordered. */
#include <jansson.h>

#include "audit.h"
#include "bundle.h"
#include "cmd.h"
#include "note.h"
#include "store/events.h"
#include "store/parties.h"

/* Checkpoints signed before they carried the events' ids vouch for the
 * events but not for the ids their references use: say how many. */
static void without_ids(struct app *app, int64_t n)
{
	if (n)
		fprintf(app->out, "; %lld signed without the event ids' line", (long long)n);
}

/* After the chains: the checkpoints. 0 all hold, 1 reported, -1 error. */
static int audit(struct app *app, int64_t rel, const struct verify_report *vr, struct err *e)
{
	struct {
		struct audit_report r;
		int64_t bad_rel;
	} w = {0};
	int rc = audit_all(app->db, app->ledger.sha, rel, &w.r, &w.bad_rel, e);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		if (app->json) {
			json_t *o = json_pack("{s:b, s:I, s:I}", "ok", 1, "relationships", (json_int_t)vr->relationships,
			                      "events", (json_int_t)vr->events);
			if (w.r.checkpoints) {
				json_object_set_new(o, "checkpoints", json_integer(w.r.checkpoints));
				json_object_set_new(o, "signatures", json_integer(w.r.signatures));
				if (w.r.without_ids)
					json_object_set_new(o, "checkpoints_without_ids", json_integer(w.r.without_ids));
			}
			cmd_print_json(app, o);
		} else {
			fprintf(app->out, "ok: %lld relationship%s, %lld events; every chain is intact", (long long)vr->relationships,
			        vr->relationships == 1 ? "" : "s", (long long)vr->events);
			if (w.r.checkpoints)
				fprintf(app->out, "; %lld checkpoint%s and %lld signature%s hold", (long long)w.r.checkpoints,
				        w.r.checkpoints == 1 ? "" : "s", (long long)w.r.signatures, w.r.signatures == 1 ? "" : "s");
			without_ids(app, w.r.without_ids);
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

/* 1 (the file released, e set) when the bundle was cut short while it
 * was read: what was read cannot be trusted either way. */
static int cut_short(struct cmd_file *data, const char *path, struct err *e)
{
	if (!cmd_file_cut_short(data))
		return 0;
	cmd_file_release(data);
	err_set(e, ERR_IO, "%s: the file changed size while it was read; nothing was verified: verify it again", path);
	return 1;
}

/* --bundle: the same checks on an exported bundle, with no database. */
static int verify_bundle(struct app *app, const char *path, struct err *e)
{
	struct cmd_file data;
	struct bundle b;
	if (cmd_map_file(path, BUNDLE_MAX_FILE, &data, e))
		return -1;
	if (bundle_parse(&b, data.data, data.len, cmd_cores(), e)) {
		if (cut_short(&data, path, e))
			return -1;
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		cmd_file_release(&data);
		return err_set(e, ERR_INPUT, "%s: %s", path, msg);
	}
	struct bundle_report r;
	int rc = bundle_verify(&b, cmd_cores(), &r, e);
	if (rc >= 0 && cut_short(&data, path, e))
		rc = -1;
	if (rc < 0) {
		bundle_release(&b);
		cmd_file_release(&data);
		return -1;
	}
	/* the keys it was checked with, for the reader to compare */
	struct buf ids = BUF_INIT;
	json_t *keys = json_object();
	static const char *const side[2] = {"buyer", "partner"};
	for (int i = 0; i < 2; i++) {
		if (!b.have_key[i])
			continue;
		struct buf vk = BUF_INIT;
		note_key_format(&vk, &b.key[i]);
		json_object_set_new(keys, side[i], json_string(vk.data));
		buf_release(&vk);
		buf_printf(&ids, "%s%s key %s+%08x", ids.len ? ", " : "", side[i], b.key[i].name, b.key[i].id);
	}
	if (app->json) {
		json_t *o = json_pack("{s:b, s:s, s:I, s:I, s:I}", "ok", rc == 0, "origin", r.origin, "events",
		                      (json_int_t)r.events, "checkpoints", (json_int_t)r.checkpoints, "signatures",
		                      (json_int_t)r.signatures);
		json_object_set(o, "keys", keys);
		if (r.without_ids)
			json_object_set_new(o, "checkpoints_without_ids", json_integer(r.without_ids));
		if (rc) {
			json_object_set_new(o, "reason", json_string(r.reason));
			if (r.bad_seq)
				json_object_set_new(o, "seq", json_integer(r.bad_seq));
			if (r.bad_checkpoint)
				json_object_set_new(o, "checkpoint", json_integer(r.bad_checkpoint));
		}
		cmd_print_json(app, o);
	} else if (rc == 0) {
		fprintf(app->out, "ok: %s: %lld events, the chain is intact; %lld checkpoint%s and %lld signature%s hold",
		        r.origin, (long long)r.events, (long long)r.checkpoints, r.checkpoints == 1 ? "" : "s",
		        (long long)r.signatures, r.signatures == 1 ? "" : "s");
		without_ids(app, r.without_ids);
		fprintf(app->out, " (%s)\n", ids.len ? ids.data : "no keys");
	} else {
		fprintf(app->out, "TAMPERED: %s: %s\n", path, r.reason);
	}
	json_decref(keys);
	buf_release(&ids);
	bundle_release(&b);
	cmd_file_release(&data);
	if (rc) {
		e->code = ERR_CHECK;
		e->msg[0] = '\0';
		return -1;
	}
	return 0;
}

int cmd_verify(struct app *app, const args_t *a, struct err *e)
{
	if (arg_str(a, "bundle")) {
		if (arg_str(a, "partner"))
			return err_set(e, ERR_INPUT, "--bundle: a bundle is one partner's record already; leave out --partner");
		return verify_bundle(app, arg_str(a, "bundle"), e);
	}
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
