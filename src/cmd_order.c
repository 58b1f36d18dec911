/* cmd_order.c - `rapport order add`: the order, its standard milestones as
 * the partner's commitments and the buyer's deposit and balance payments,
 * appended together in the command's one transaction by order.c's
 * order_record (which the web app's order form shares); rapport import
 * uses cmd_order_record for every row. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "order.h"
#include "store/parties.h"
#include "util/time.h"

int cmd_order_record(struct app *app, int64_t rel, json_t *order, int64_t at, int64_t *order_id, int *events,
                     json_t **out, struct err *e)
{
	char tz[65], deposit_due[11];
	*events = 0;
	if (out)
		*out = NULL;
	if (cmd_buyer_tz(app, tz, e))
		return -1;
	/* the command line runs on one thread: util/time.c's zone switch is safe here */
	time_format_date(at + (int64_t)ORDER_DEPOSIT_DAYS * 86400, tz, deposit_due);
	struct ledger_entry in = {
		.kind = "order.add", .side = app->side, .author = app->author, .at = at, .recorded = app->now, .body = order,
	};
	struct buf warnings = {0};
	int r = order_record(&app->ledger, rel, &in, deposit_due, &warnings, order_id, events, out, e);
	/* one line per warning, as cmd_append_at prints them */
	for (char *p = warnings.data, *nl; r == 0 && p && *p; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		buf_printf(&app->warnings, "rapport: warning: %.*s\n", (int)(nl - p), p);
	}
	buf_release(&warnings);
	return r;
}

int cmd_order_add(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel, at;
	struct party p;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	char *end;
	long long qty = strtoll(arg_str(a, "qty"), &end, 10);
	if (*end || !*arg_str(a, "qty"))
		return err_set(e, ERR_INPUT, "--qty: not a whole number: \"%s\"", arg_str(a, "qty"));
	if (cmd_at(app, a, &at, e))
		return -1;
	json_t *body = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "po", arg_str(a, "po"), "style", arg_str(a, "style"),
	                         "qty", (json_int_t)qty, "price", arg_str(a, "price"), "currency", arg_str(a, "currency"),
	                         "ex_factory", arg_str(a, "ex-factory"));
	json_t *out;
	int64_t id;
	int events;
	int r = cmd_order_record(app, rel, body, at, &id, &events, &out, e);
	json_decref(body);
	if (r)
		return -1;
	if (app->json)
		cmd_print_json(app, out);
	else {
		fprintf(app->out, "%lld\n", (long long)id);
		json_decref(out);
	}
	return 0;
}
