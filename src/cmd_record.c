/* cmd_record.c - the commands that append one event from their options:
 * each option fills the body field of the same name (dashes become
 * underscores), typed by the event kind's field table (record.c, which the
 * web app's forms share), so a new kind needs a row in cmd.c's table and
 * no code here. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "record.h"
#include "store/parties.h"

int cmd_buyer_get(struct app *app, struct party *b, struct err *e)
{
	int r = store_buyer_get(app->db, b, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--db: %s is not initialised (run rapport init)", db_path(app->db));
	return 0;
}

int cmd_buyer_tz(struct app *app, char tz[65], struct err *e)
{
	struct party b;
	if (cmd_buyer_get(app, &b, e))
		return -1;
	snprintf(tz, 65, "%s", b.tz);
	return 0;
}

int cmd_at(struct app *app, const args_t *a, int64_t *at, struct err *e)
{
	char tz[65];
	return cmd_buyer_tz(app, tz, e) || arg_time(a, "at", tz, app->now, at, e) ? -1 : 0;
}

int cmd_append(struct app *app, const args_t *a, int64_t rel, const char *kind, json_t *body, int64_t *id,
               struct err *e)
{
	int64_t at;
	return cmd_at(app, a, &at, e) ? -1 : cmd_append_at(app, rel, kind, body, at, id, e);
}

int cmd_append_at(struct app *app, int64_t rel, const char *kind, json_t *body, int64_t at, int64_t *id,
                  struct err *e)
{
	struct ledger_entry in = {
		.kind = kind, .side = app->side, .author = app->author, .at = at, .recorded = app->now, .body = body,
	};
	struct buf warning = {0};
	int r = record_append(&app->ledger, rel, &in, &warning, id, e);
	if (r == 0 && warning.len)
		buf_printf(&app->warnings, "rapport: warning: %s", warning.data);
	buf_release(&warning);
	return r;
}

/* The option a field of the command's kind is read from: the positional
 * ID for its pos_field, else --name with dashes for underscores. */
static const char *option_text(void *ctx, const struct field *f, char *label, size_t size)
{
	const args_t *a = ctx;
	const struct cmd *c = a->cmd;
	if (c->pos_field && !strcmp(f->name, c->pos_field)) {
		snprintf(label, size, "%s", c->synopsis);
		return a->npos >= 1 ? a->pos[0] : NULL;
	}
	snprintf(label, size, "--%s", f->name);
	for (char *p = label; *p; p++)
		if (*p == '_')
			*p = '-';
	return arg_find(a, label + 2);
}

int cmd_record(struct app *app, const args_t *a, struct err *e)
{
	const struct cmd *c = a->cmd;
	const struct event_kind *k = event_kind_find(c->kind);
	int64_t rel = 0, id;
	if (arg_find(a, "partner")) {
		struct party p;
		if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
			return -1;
	}
	if (c->pos_field && a->npos < 1)
		return err_set(e, ERR_INPUT, "%s: which one? (usage: rapport %s %s)", c->name, c->name, c->synopsis);
	json_t *body;
	if (record_body(k, option_text, (void *)a, &body, e))
		return -1;
	/* An id given instead of --partner names its relationship. */
	if (c->pos_field && !rel) {
		const struct field *f = k->fields;
		while (strcmp(f->name, c->pos_field))
			f++;
		if (f->type == F_REF && record_rel(app->db, f, body, c->synopsis, &rel, e)) {
			json_decref(body);
			return -1;
		}
	}
	int r = cmd_append(app, a, rel, c->kind, body, &id, e);
	json_decref(body);
	if (r)
		return -1;
	cmd_print_id(app, id);
	return 0;
}
