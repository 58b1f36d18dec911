/* cmd_log.c - `rapport log`: one partner's events with sequence and hash. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "store/events.h"
#include "store/parties.h"
#include "util/table.h"
#include "util/time.h"

struct log_ctx {
	struct app *app;
	struct table table;
	json_t *json;
	struct buf scratch;
};

static int log_one(void *ctx, const struct event *ev)
{
	struct log_ctx *c = ctx;
	char at[21];
	time_format_utc(ev->at, at);
	struct buf *b = &c->scratch;
	if (c->json) {
		json_array_append_new(c->json, event_as_json(ev));
		return 0;
	}
	char seq[24];
	snprintf(seq, sizeof seq, "%lld", (long long)ev->seq);
	table_cell(&c->table, seq);
	table_cell(&c->table, at);
	table_cell(&c->table, ev->kind);
	buf_reset(b);
	buf_printf(b, "%s/%s", ev->side, ev->author);
	table_cell(&c->table, b->data);
	buf_reset(b);
	buf_addhex(b, ev->hash, 6);
	table_cell(&c->table, b->data);
	buf_reset(b);
	event_summary(b, ev);
	table_cell(&c->table, b->data);
	return 0;
}

int cmd_log(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	struct party p;
	struct rel_head head;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	int r = store_rel_head(app->db, rel, &head, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--partner: no relationship with id %lld", (long long)rel);
	static const char *const header[] = {"SEQ", "AT (UTC)", "KIND", "RECORDED BY", "HASH", "SUMMARY", NULL};
	struct log_ctx c = {.app = app, .json = app->json ? json_array() : NULL};
	if (!app->json)
		table_init(&c.table, header);
	r = store_event_each(app->db, &head, log_one, &c, e);
	buf_release(&c.scratch);
	return cmd_list_end(app, r, c.json, &c.table, NULL);
}
