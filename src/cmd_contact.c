/* cmd_contact.c - `rapport contact`: records a call, video, message, email,
 * meeting or visit; every contact resets the gap clock. */
#include <jansson.h>

#include "cmd.h"
#include "store/parties.h"

int cmd_contact(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel, at;
	struct party p, b;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	int r = store_buyer_get(app->db, &b, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--db: %s is not initialised (run rapport init)", app->db_path);
	/* A time without an offset is read in the buyer's zone: the CLI is the
	 * buyer's, and its user thinks in local time. */
	if (arg_time(a, "at", b.tz, app->now, &at, e))
		return -1;
	json_t *body = json_pack("{s:s, s:s}", "by", arg_str(a, "by"), "kind", arg_str(a, "kind"));
	if (arg_str(a, "note"))
		json_object_set_new(body, "note", json_string(arg_str(a, "note")));
	struct ledger_entry in = {
		.kind = "contact",
		.side = app->side,
		.author = app->author,
		.at = at,
		.recorded = app->now,
		.body = body,
	};
	struct event ev;
	r = ledger_append(&app->ledger, rel, &in, &ev, e);
	json_decref(body);
	if (r)
		return -1;
	if (app->json)
		cmd_print_json(app, json_pack("{s:I, s:I}", "id", (json_int_t)ev.id, "seq", (json_int_t)ev.seq));
	else
		fprintf(app->out, "%lld\n", (long long)ev.id);
	return 0;
}
