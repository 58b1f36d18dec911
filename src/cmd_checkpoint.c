/* cmd_checkpoint.c - `rapport checkpoint`, `checkpoint cosign` and
 * `checkpoints`: C2SP checkpoints of a relationship's Merkle tree, signed
 * by one side and countersigned by the other (docs/verify.md). */
#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "keys.h"
#include "logtree.h"
#include "note.h"
#include "store/events.h"
#include "store/parties.h"
#include "store/verify.h"
#include "util/table.h"
#include "util/time.h"

static int side_of(struct app *app, const args_t *a, const char **side, struct err *e)
{
	const char *v = arg_str(a, "as");
	*side = v ? v : app->side;
	if (strcmp(*side, "buyer") && strcmp(*side, "partner"))
		return err_set(e, ERR_INPUT, "--as: buyer or partner: \"%s\"", *side);
	return 0;
}

static int origin_of(struct app *app, int64_t rel, char *out, size_t len, struct err *e)
{
	struct party b;
	struct rel_head h;
	int r;
	if (cmd_buyer_get(app, &b, e))
		return -1;
	if ((r = store_rel_head(app->db, rel, &h, e)) <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--partner: no partner with id %lld", (long long)rel);
	keys_origin(out, len, b.name, h.uid);
	return 0;
}

/* Appends the stored checkpoint as a signed note: its text, a blank line,
 * the buyer's signature line and then the partner's. */
int cmd_checkpoint_note(struct app *app, const struct stored_checkpoint *c, struct buf *out, json_t *signers,
                        struct err *e)
{
	struct stored_signature sig[2];
	int n;
	if (store_signatures(app->db, c->id, sig, &n, e))
		return -1;
	buf_adds(out, c->text);
	buf_addc(out, '\n');
	for (int i = 0; i < n; i++) {
		note_sig_line(out, sig[i].key_name, sig[i].key_id, sig[i].sig, 64);
		if (signers) {
			char id[9];
			snprintf(id, sizeof id, "%08x", sig[i].key_id);
			json_array_append_new(signers, json_pack("{s:s, s:s, s:s}", "side", sig[i].side, "key_name",
			                                         sig[i].key_name, "key_id", id));
		}
	}
	return 0;
}

static json_t *checkpoint_json(struct app *app, const struct stored_checkpoint *c, struct err *e)
{
	struct buf note = BUF_INIT, root = BUF_INIT, hex = BUF_INIT;
	json_t *signers = json_array();
	if (cmd_checkpoint_note(app, c, &note, signers, e)) {
		json_decref(signers);
		buf_release(&note);
		return NULL;
	}
	note_base64(&root, c->root, 32);
	buf_addhex(&hex, c->root, 32);
	char created[21];
	time_format_utc(c->created, created);
	json_t *o = json_pack("{s:I, s:I, s:I, s:s, s:s, s:s, s:o, s:s}", "id", (json_int_t)c->id, "partner",
	                      (json_int_t)c->rel, "size", (json_int_t)c->size, "root", root.data, "root_hex", hex.data,
	                      "created", created, "signatures", signers, "note", note.data);
	buf_release(&note);
	buf_release(&root);
	buf_release(&hex);
	return o;
}

/* Prints the stored checkpoint of rel at size: the note, or with --json
 * an object (appended to all when given). */
static int print_checkpoint(struct app *app, int64_t rel, int64_t size, json_t *all, struct err *e)
{
	struct stored_checkpoint c;
	int r = store_checkpoint_get(app->db, rel, size, &c, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_IO, "checkpoint at size %lld vanished", (long long)size);
	if (app->json) {
		json_t *o = checkpoint_json(app, &c, e);
		free(c.text);
		if (!o)
			return -1;
		if (all)
			json_array_append_new(all, o);
		else
			cmd_print_json(app, o);
		return 0;
	}
	struct buf note = BUF_INIT;
	r = cmd_checkpoint_note(app, &c, &note, NULL, e);
	if (r == 0)
		fputs(note.data, app->out);
	buf_release(&note);
	free(c.text);
	return r;
}

/* Records the checkpoint (rel, size, root, text) unless it is stored, and
 * returns its id; ERR_CHECK when one at this size has another root. */
/* Stores the checkpoint text of rel at size unless it is stored: *id is
 * its id and *sign the text to sign. A checkpoint stored before the
 * rapport-ids line existed keeps its text when legacy (the same checkpoint
 * without that line) is given, so that both sides sign one text. */
static int record_checkpoint(struct app *app, int64_t rel, int64_t size, const merkle_hash root, const char *text,
                             const char *legacy, int64_t *id, const char **sign, struct err *e)
{
	struct stored_checkpoint c;
	int r = store_checkpoint_get(app->db, rel, size, &c, e);
	if (r < 0)
		return -1;
	if (r > 0) {
		int same_root = !memcmp(c.root, root, 32);
		const char *match = !strcmp(c.text, text) ? text : legacy && !strcmp(c.text, legacy) ? legacy : NULL;
		const char *form = strstr(c.text, "\n" NOTE_IDS_PREFIX) ? "with" : "without";
		free(c.text);
		if (!same_root)
			return err_set(e, ERR_CHECK, "checkpoint #%lld signed another root at %lld events: the record was "
			               "rewritten since (see rapport verify)", (long long)c.id, (long long)size);
		if (!match)
			return err_set(e, ERR_CHECK, "checkpoint #%lld at %lld events is stored with another text (%s the "
			               "event ids' line): sign that one", (long long)c.id, (long long)size, form);
		*id = c.id;
		*sign = match;
		return 0;
	}
	c = (struct stored_checkpoint){.rel = rel, .size = size, .text = (char *)text, .created = app->now};
	memcpy(c.root, root, 32);
	if (store_checkpoint_insert(app->db, &c, e))
		return -1;
	*id = c.id;
	*sign = text;
	return 0;
}

/* Adds side's signature of text to checkpoint id unless it has one. */
static int add_signature(struct app *app, int64_t id, const char *side, const struct note_key *key,
                         const unsigned char sig[64], struct err *e)
{
	struct stored_signature have[2];
	int n;
	if (store_signatures(app->db, id, have, &n, e))
		return -1;
	for (int i = 0; i < n; i++)
		if (!strcmp(have[i].side, side))
			return 0;
	struct stored_signature s = {.key_id = key->id, .at = app->now};
	snprintf(s.side, sizeof s.side, "%s", side);
	snprintf(s.key_name, sizeof s.key_name, "%s", key->name);
	memcpy(s.sig, sig, 64);
	return store_signature_insert(app->db, id, &s, e);
}

/* Signs text with side's key and stores the signature on checkpoint id. */
static int sign_as(struct app *app, const args_t *a, int64_t rel, const char *side, int64_t id, const char *text,
                   struct err *e)
{
	char dir[1024];
	struct note_signer s;
	if (cmd_keys_dir(app, a, dir, sizeof dir, e) ||
	    keys_load(app->db, app->ledger.sha, strcmp(side, "buyer") ? rel : ORG_BUYER, dir, &s, e))
		return -1;
	unsigned char sig[64];
	note_sign(&s, text, strlen(text), sig);
	int r = add_signature(app, id, side, &s.key, sig, e);
	note_signer_wipe(&s);
	return r;
}

/* Nothing is signed over a chain that does not verify. */
static int chain_intact(struct app *app, int64_t rel, struct err *e)
{
	struct verify_report vr;
	int rc = ledger_verify(&app->ledger, rel, &vr, e);
	if (rc > 0)
		return err_set(e, ERR_CHECK, "refusing to sign: relationship %lld, event %lld: %s (see rapport verify)",
		               (long long)rel, (long long)vr.bad_seq, vr.reason);
	return rc;
}

static int checkpoint_one(struct app *app, const args_t *a, int64_t rel, const char *side, json_t *all,
                          struct err *e)
{
	struct logtree t;
	char origin[NOTE_NAME_MAX];
	if (chain_intact(app, rel, e) || origin_of(app, rel, origin, sizeof origin, e) ||
	    logtree_open(&t, app->db, app->ledger.sha, rel, e) || logtree_extend(&t, e))
		return -1;
	struct note_checkpoint c = {.size = (uint64_t)t.size};
	snprintf(c.origin, sizeof c.origin, "%s", origin);
	/* What is signed is recomputed from the events; the cache that serves
	 * proofs must agree with it. */
	merkle_hash cached;
	if (logtree_recompute(&t, t.size, c.root, e) || logtree_root(&t, t.size, cached, e))
		return -1;
	if (memcmp(cached, c.root, 32))
		return err_set(e, ERR_CHECK, "refusing to sign: the Merkle cache of relationship %lld disagrees with its "
		               "events (see rapport verify)", (long long)rel);
	struct buf text = BUF_INIT, legacy = BUF_INIT;
	note_checkpoint_format(&legacy, &c);
	if (logtree_ids(&t, t.size, c.ids, e)) {
		buf_release(&legacy);
		return -1;
	}
	c.has_ids = 1;
	note_checkpoint_format(&text, &c);
	int64_t id;
	const char *sign;
	int r = record_checkpoint(app, rel, t.size, c.root, text.data, legacy.data, &id, &sign, e);
	if (r == 0)
		r = sign_as(app, a, rel, side, id, sign, e);
	buf_release(&text);
	buf_release(&legacy);
	return r ? -1 : print_checkpoint(app, rel, t.size, all, e);
}

struct each_ctx {
	struct app *app;
	const args_t *a;
	const char *side;
	json_t *all;
	struct err *e;
	int n;
};

static int each_partner(void *ctx, const struct party *p)
{
	struct each_ctx *c = ctx;
	if (c->n++ && !c->all)
		fputc('\n', c->app->out);
	return checkpoint_one(c->app, c->a, p->id, c->side, c->all, c->e);
}

int cmd_checkpoint(struct app *app, const args_t *a, struct err *e)
{
	const char *side;
	if (side_of(app, a, &side, e))
		return -1;
	/* one partner: one note (or object); every partner: notes one after
	 * another, or a JSON array */
	json_t *all = app->json && !arg_str(a, "partner") ? json_array() : NULL;
	int r;
	if (arg_str(a, "partner")) {
		int64_t rel;
		struct party p;
		r = arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e) ? -1
		                                                                      : checkpoint_one(app, a, rel, side, NULL, e);
	} else {
		struct each_ctx c = {.app = app, .a = a, .side = side, .all = all, .e = e};
		r = store_partner_each(app->db, each_partner, &c, e);
		if (r == 0 && c.n == 0)
			r = err_set(e, ERR_INPUT, "no partners yet: nothing to sign");
	}
	if (r == 0 && all)
		cmd_print_json(app, all);
	else
		json_decref(all);
	return r ? -1 : 0;
}

/* Prefixes e's message with the file's name. */
static int in_file(const char *path, struct err *e)
{
	char msg[sizeof e->msg];
	snprintf(msg, sizeof msg, "%s", e->msg);
	return err_set(e, e->code, "%s: %s", path, msg);
}

int cmd_checkpoint_cosign(struct app *app, const args_t *a, struct err *e)
{
	const char *path = a->pos[0], *side;
	if (side_of(app, a, &side, e))
		return -1;
	if (!path)
		return err_set(e, ERR_INPUT, "checkpoint cosign: needs the FILE of a signed checkpoint");
	struct buf data = BUF_INIT;
	struct note n = {0};
	struct note_checkpoint c;
	int r = cmd_read_file(path, NOTE_MAX_SIZE, &data, e);
	if (r == 0 && (note_parse(&n, data.data, data.len, e) || note_checkpoint_parse(&c, n.text, n.text_len, e)))
		r = in_file(path, e);
	if (r == 0 && c.extensions)
		r = err_set(e, ERR_INPUT, "%s: line %d: a rapport checkpoint has no extension line but %s", path,
		            c.extension_line, NOTE_IDS_PREFIX "...");
	/* The origin names the relationship by its uid, the same in every copy. */
	const char *slash = r == 0 ? strrchr(c.origin, '/') : NULL;
	int64_t rel = 0;
	char origin[NOTE_NAME_MAX];
	if (r == 0) {
		int found = slash ? store_rel_by_uid(app->db, slash + 1, &rel, e) : 0;
		if (found < 0)
			r = -1;
		else if (!found)
			r = err_set(e, ERR_INPUT, "%s: line 1: origin %s names no relationship in this database", path, c.origin);
		else if (origin_of(app, rel, origin, sizeof origin, e))
			r = -1;
		else if (strcmp(origin, c.origin))
			r = err_set(e, ERR_INPUT, "%s: line 1: origin %s is not this record's (%s)", path, c.origin, origin);
	}
	/* The tree, recomputed from the events themselves. */
	struct logtree t;
	merkle_hash root;
	if (r == 0 && (chain_intact(app, rel, e) || logtree_open(&t, app->db, app->ledger.sha, rel, e)))
		r = -1;
	if (r == 0 && (c.size < 1 || c.size > (uint64_t)t.size))
		r = err_set(e, ERR_CHECK, "%s: line 2: the checkpoint is of %llu events; the local record has %lld", path,
		            (unsigned long long)c.size, (long long)t.size);
	if (r == 0 && logtree_recompute(&t, (int64_t)c.size, root, e))
		r = -1;
	if (r == 0 && memcmp(root, c.root, 32))
		r = err_set(e, ERR_CHECK, "%s: line 3: the root at %llu events is not the local record's: the records differ",
		            path, (unsigned long long)c.size);
	/* The root covers the events' content, the ids line the ids their
	 * references use: both must be this record's. */
	unsigned char ids[32];
	if (r == 0 && c.has_ids && logtree_ids(&t, (int64_t)c.size, ids, e))
		r = -1;
	if (r == 0 && c.has_ids && memcmp(ids, c.ids, 32))
		r = err_set(e, ERR_CHECK, "%s: line 4: the event ids at %llu events are not the local record's: the records "
		            "differ", path, (unsigned long long)c.size);
	/* Every signature by a key of this relationship must hold. */
	struct note_key keys[2];
	const char *sides[2];
	size_t nk = 0;
	for (int i = 0; r == 0 && i < 2; i++) {
		struct org_key k;
		int got = store_key_get(app->db, i ? rel : ORG_BUYER, &k, e);
		if (got < 0)
			r = -1;
		else if (got) {
			keys_verifier(&k, &keys[nk]);
			sides[nk++] = i ? "partner" : "buyer";
		}
	}
	int ok[2] = {0, 0}, verified = 0;
	if (r == 0 && (verified = note_verify(&n, keys, nk, ok, e)) < 0)
		r = in_file(path, e);
	if (r == 0 && verified == 0)
		r = err_set(e, ERR_CHECK, "%s: no signature by the buyer's or the partner's key", path);
	int64_t id = 0;
	char *text = r == 0 ? strndup(n.text, n.text_len) : NULL;
	const char *sign = NULL;
	if (r == 0 && record_checkpoint(app, rel, (int64_t)c.size, root, text, NULL, &id, &sign, e))
		r = -1;
	for (size_t k = 0; r == 0 && k < nk; k++) {
		if (!ok[k])
			continue;
		for (size_t i = 0; i < n.nsigs; i++)
			if (n.sigs[i].id == keys[k].id && !strcmp(n.sigs[i].name, keys[k].name) &&
			    add_signature(app, id, sides[k], &keys[k], n.sigs[i].sig, e)) {
				r = -1;
				break;
			}
	}
	if (r == 0)
		r = sign_as(app, a, rel, side, id, text, e);
	if (r == 0)
		r = print_checkpoint(app, rel, (int64_t)c.size, NULL, e);
	free(text);
	note_release(&n);
	buf_release(&data);
	return r ? -1 : 0;
}

struct list_ctx {
	struct app *app;
	struct table table;
	json_t *json;
	struct err *e;
};

static int list_one(void *ctx, const struct stored_checkpoint *c)
{
	struct list_ctx *l = ctx;
	if (l->json) {
		json_t *o = checkpoint_json(l->app, c, l->e);
		return o ? json_array_append_new(l->json, o), 0 : -1;
	}
	struct stored_signature sig[2];
	int n;
	if (store_signatures(l->app->db, c->id, sig, &n, l->e))
		return -1;
	char id[24], size[24], created[21];
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	snprintf(size, sizeof size, "%lld", (long long)c->size);
	time_format_utc(c->created, created);
	struct buf root = BUF_INIT, by = BUF_INIT;
	note_base64(&root, c->root, 32);
	for (int i = 0; i < n; i++)
		buf_printf(&by, "%s%s", i ? ", " : "", sig[i].side);
	table_cell(&l->table, id);
	table_cell(&l->table, size);
	table_cell(&l->table, root.data);
	table_cell(&l->table, n ? by.data : "-");
	table_cell(&l->table, created);
	buf_release(&root);
	buf_release(&by);
	return 0;
}

int cmd_checkpoints(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	struct party p;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	static const char *const header[] = {"ID", "SIZE", "ROOT", "SIGNED BY", "CREATED", NULL};
	struct list_ctx l = {.app = app, .e = e, .json = app->json ? json_array() : NULL};
	if (!app->json)
		table_init(&l.table, header);
	int r = store_checkpoint_each(app->db, rel, list_one, &l, e);
	if (r == 0 && app->json)
		cmd_print_json(app, l.json);
	else if (r == 0 && l.table.ncells == (size_t)l.table.ncols)
		fprintf(app->out, "No checkpoints yet. Sign one with: rapport checkpoint --partner %lld\n", (long long)rel);
	else if (r == 0)
		table_print(&l.table, app->out);
	else
		json_decref(l.json);
	if (!app->json)
		table_release(&l.table);
	return r ? -1 : 0;
}
