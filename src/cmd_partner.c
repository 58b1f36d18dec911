/* cmd_partner.c - `rapport partner add` (which also creates the partner's
 * signing key) and `rapport partner list`. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "keys.h"
#include "store/contacts.h"
#include "store/parties.h"
#include "util/table.h"
#include "util/time.h"

int cmd_partner_add(struct app *app, const args_t *a, struct err *e)
{
	struct party b;
	if (cmd_buyer_get(app, &b, e))
		return -1;

	json_t *body = json_pack("{s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "name", arg_str(a, "name"), "country",
	                         arg_str(a, "country"), "tz", arg_str(a, "tz"), "buyer", "name", b.name, "country",
	                         b.country, "tz", b.tz);
	if (arg_str(a, "city"))
		json_object_set_new(body, "city", json_string(arg_str(a, "city")));
	int64_t at;
	if (arg_time(a, "at", b.tz, app->now, &at, e)) {
		json_decref(body);
		return -1;
	}
	struct ledger_entry in = {
		.kind = "relationship.open",
		.side = app->side,
		.author = app->author,
		.at = at,
		.recorded = app->now,
		.body = body,
	};
	struct event ev;
	int64_t rel;
	int r = ledger_open(&app->ledger, &in, &rel, &ev, e);
	json_decref(body);
	struct org_key k;
	char keyfile[1024];
	if (r || cmd_key_new(app, a, rel, &k, keyfile, sizeof keyfile, e))
		return -1;
	cmd_print_id(app, rel);
	return 0;
}

struct list_ctx {
	struct app *app;
	struct table table;
	json_t *json;
	struct err *e;
};

static int list_one(void *ctx, const struct party *p)
{
	struct list_ctx *c = ctx;
	int64_t last = 0;
	int has = store_contact_last(c->app->db, p->id, &last, c->e);
	if (has < 0)
		return -1;
	char since[21], lastc[21];
	time_format_utc(p->since, since);
	time_format_utc(last, lastc);
	if (c->json) {
		json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)p->id, "name", p->name, "country",
		                      p->country, "tz", p->tz, "since", since);
		json_object_set_new(o, "city", p->city[0] ? json_string(p->city) : json_null());
		json_object_set_new(o, "last_contact", has ? json_string(lastc) : json_null());
		json_array_append_new(c->json, o);
		return 0;
	}
	char id[24];
	snprintf(id, sizeof id, "%lld", (long long)p->id);
	since[10] = lastc[10] = '\0'; /* dates are enough in the table */
	table_cell(&c->table, id);
	table_cell(&c->table, p->name);
	table_cell(&c->table, p->country);
	table_cell(&c->table, p->city[0] ? p->city : "-");
	table_cell(&c->table, p->tz);
	table_cell(&c->table, since);
	table_cell(&c->table, has ? lastc : "never");
	return 0;
}

int cmd_partner_list(struct app *app, const args_t *a, struct err *e)
{
	(void)a;
	static const char *const header[] = {"ID", "NAME", "COUNTRY", "CITY", "TIME ZONE", "SINCE", "LAST CONTACT", NULL};
	struct list_ctx c = {.app = app, .e = e, .json = app->json ? json_array() : NULL};
	if (!app->json)
		table_init(&c.table, header);
	int r = store_partner_each(app->db, list_one, &c, e);
	return cmd_list_end(app, r, c.json, &c.table, "No partners yet. Add one with: rapport partner add --name NAME --country CC --tz ZONE");
}
