/* cmd_correct.c - `rapport correct SEQ`: a correction event. Its field
 * options are typed by the kind of the event corrected, so `--due` means a
 * date for a commitment and `--qty` a number for an order. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "record.h"
#include "store/events.h"
#include "store/parties.h"

/* Options of correct that are not fields of the corrected event. */
static const char *const own[] = {"partner", "reason", "void", "at", NULL};

int cmd_correct(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel, id;
	struct party p;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	if (a->npos < 1)
		return err_set(e, ERR_INPUT, "correct: which event? (usage: rapport correct SEQ --partner ID --reason TEXT)");
	char *end;
	long long seq = strtoll(a->pos[0], &end, 10);
	if (*end || seq < 1)
		return err_set(e, ERR_INPUT, "SEQ: not a sequence number: \"%s\" (see rapport log --partner %lld)", a->pos[0],
		               (long long)rel);
	struct stored_event t;
	int r = store_event_at(app->db, rel, seq, &t, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "SEQ: this partner's record has no event %lld", seq);
	free(t.body);
	const struct event_kind *k = event_kind_find(t.kind);

	json_t *body = json_pack("{s:I, s:s}", "seq", (json_int_t)seq, "reason", arg_str(a, "reason"));
	if (arg_str(a, "void"))
		json_object_set_new(body, "void", json_true());
	json_t *set = json_object();
	char field[64];
	for (int i = 0; a->cmd->opts[i].name; i++) {
		const char *opt = a->cmd->opts[i].name, *v = a->val[i];
		if (!v || event_in(opt, own))
			continue;
		snprintf(field, sizeof field, "%s", opt);
		for (char *c = field; *c; c++)
			if (*c == '-')
				*c = '_';
		const struct field *f = k ? k->fields : NULL;
		while (f && f->name && strcmp(f->name, field))
			f++;
		if (!f || !f->name) {
			json_decref(set);
			json_decref(body);
			return err_set(e, ERR_INPUT, "--%s: event %lld (%s) has no field %s", opt, seq, t.kind, field);
		}
		char label[72];
		snprintf(label, sizeof label, "--%s", opt);
		json_t *val = record_value(f, label, v, e);
		if (!val) {
			json_decref(set);
			json_decref(body);
			return -1;
		}
		json_object_set_new(set, f->name, val);
	}
	if (json_object_size(set))
		json_object_set(body, "set", set);
	json_decref(set);
	r = cmd_append(app, a, rel, "correct", body, &id, e);
	json_decref(body);
	if (r)
		return -1;
	cmd_print_id(app, id);
	return 0;
}
