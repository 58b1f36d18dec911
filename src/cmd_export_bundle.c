/* cmd_export_bundle.c - `rapport export` without --kind: a partner's
 * record as an offline bundle (bundle.h, docs/verify.md) that `rapport
 * verify --bundle` checks with no database. Written to a temporary file and renamed, so a reader never
 * sees half a bundle. */
#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bundle.h"
#include "cmd.h"
#include "keys.h"
#include "store/events.h"
#include "store/parties.h"
#include "store/verify.h"

struct export_ctx {
	struct app *app;
	json_t *events, *checkpoints;
	struct buf scratch;
	struct err *e;
};

static json_t *hex_json(struct buf *b, const unsigned char *h)
{
	buf_reset(b);
	buf_addhex(b, h, SHA256_LEN);
	return json_string(b->data);
}

static int add_event(void *ctx, const struct event *ev)
{
	struct export_ctx *c = ctx;
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(ev->seq));
	json_object_set_new(o, "id", json_integer(ev->id)); /* what later events' references use */
	json_object_set_new(o, "prev_hash", hex_json(&c->scratch, ev->prev_hash));
	buf_reset(&c->scratch);
	event_envelope(&c->scratch, ev);
	json_object_set_new(o, "event", json_stringn(c->scratch.data, c->scratch.len));
	json_object_set_new(o, "hash", hex_json(&c->scratch, ev->hash));
	json_array_append_new(c->events, o);
	return 0;
}

static int add_checkpoint(void *ctx, const struct stored_checkpoint *cp)
{
	struct export_ctx *c = ctx;
	struct buf note = BUF_INIT;
	int r = cmd_checkpoint_note(c->app, cp, &note, NULL, c->e);
	if (r == 0)
		json_array_append_new(c->checkpoints, json_string(note.data));
	buf_release(&note);
	return r;
}

int cmd_export_bundle(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	struct party p, b;
	struct rel_head h;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e) || store_buyer_get(app->db, &b, e) < 0 ||
	    store_rel_head(app->db, rel, &h, e) < 0)
		return -1;
	char origin[256];
	keys_origin(origin, sizeof origin, b.name, h.uid);
	struct export_ctx c = {.app = app, .events = json_array(), .checkpoints = json_array(), .e = e};
	json_t *keys = json_object();
	json_t *doc = json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "format", BUNDLE_FORMAT, "origin", origin,
	                        "relationship", h.uid, "keys", keys, "events", c.events, "checkpoints", c.checkpoints);
	int r = 0;
	for (int i = 0; r == 0 && i < 2; i++) {
		struct org_key k;
		int got = store_key_get(app->db, i ? rel : ORG_BUYER, &k, e);
		if (got < 0) {
			r = -1;
		} else if (got) {
			struct note_key vk;
			keys_verifier(&k, &vk);
			buf_reset(&c.scratch);
			note_key_format(&c.scratch, &vk);
			json_object_set_new(keys, i ? "partner" : "buyer", json_string(c.scratch.data));
		}
	}
	if (r == 0)
		r = store_event_each(app->db, &h, add_event, &c, e);
	if (r == 0)
		r = store_checkpoint_each(app->db, rel, add_checkpoint, &c, e);
	const char *out = arg_str(a, "out");
	if (!out) {
		json_decref(doc);
		buf_release(&c.scratch);
		return err_set(e, ERR_INPUT, "--out: required for a bundle (or --kind for rows as CSV or JSON)");
	}
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.tmp", out);
	if (r == 0 && json_dump_file(doc, tmp, JSON_INDENT(1)) != 0)
		r = err_set(e, ERR_INPUT, "--out: cannot write %s", tmp);
	if (r == 0 && rename(tmp, out) != 0)
		r = err_set(e, ERR_INPUT, "--out: cannot write %s", out);
	if (r)
		unlink(tmp);
	if (r == 0 && app->json)
		cmd_print_json(app, json_pack("{s:s, s:I, s:I}", "out", out, "events", (json_int_t)json_array_size(c.events),
		                              "checkpoints", (json_int_t)json_array_size(c.checkpoints)));
	else if (r == 0)
		fprintf(app->out, "exported %zu events and %zu checkpoint%s of %s to %s\n", json_array_size(c.events),
		        json_array_size(c.checkpoints), json_array_size(c.checkpoints) == 1 ? "" : "s", p.name, out);
	json_decref(doc);
	buf_release(&c.scratch);
	return r ? -1 : 0;
}
