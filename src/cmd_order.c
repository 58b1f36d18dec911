/* cmd_order.c - `rapport order add`: the order, its standard milestones as
 * the partner's commitments and the buyer's deposit and balance payments,
 * appended together in the command's one transaction. cmd_order_record is
 * the one place that does this; rapport import uses it for every row. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "project.h"
#include "store/parties.h"
#include "util/time.h"

/* Milestones worked back from ex-factory (days before it). */
static const struct {
	const char *name;
	int days_before;
} milestones[] = {
	{"sample approval", 60}, {"bulk fabric in", 45},   {"production start", 30},
	{"inline inspection", 14}, {"final inspection", 3}, {"ex-factory", 0},
};

/* Decimal strings as integers in 1/10 000 (4 places, as validated). */
static long long to_units(const char *s)
{
	long long whole = 0, frac = 0;
	int places = 0;
	const char *p = s;
	for (; *p && *p != '.'; p++)
		whole = whole * 10 + (*p - '0');
	if (*p == '.')
		for (p++; *p && places < 4; p++, places++)
			frac = frac * 10 + (*p - '0');
	while (places++ < 4)
		frac *= 10;
	return whole * 10000 + frac;
}

/* Cents, rounded half up, as "1234.56". */
static void money(char out[32], long long units)
{
	long long cents = (units + 50) / 100;
	snprintf(out, 32, "%lld.%02lld", cents / 100, cents % 100);
}

static void date_add(const char *date, int days, char out[11])
{
	time_format_date(time_date_utc(date) + (int64_t)days * 86400, "UTC", out);
}

int cmd_order_record(struct app *app, int64_t rel, json_t *order, int64_t at, int64_t *order_id, int *events,
                     json_t **out, struct err *e)
{
	int64_t id, sub;
	struct project_settings s;
	char tz[65];
	*events = 0;
	if (out)
		*out = NULL;
	if (project_settings_get(app->db, rel, &s, e) || cmd_buyer_tz(app, tz, e) ||
	    cmd_append_at(app, rel, "order.add", order, at, &id, e))
		return -1;
	*order_id = id;
	(*events)++;

	/* validated by the append above: a date, a decimal, a whole number */
	const char *po = json_string_value(json_object_get(order, "po"));
	const char *exf = json_string_value(json_object_get(order, "ex_factory"));
	const char *price = json_string_value(json_object_get(order, "price"));
	const char *currency = json_string_value(json_object_get(order, "currency"));
	long long qty = (long long)json_integer_value(json_object_get(order, "qty"));
	char due[11], what[256], amount[32], placed[11];
	json_t *body, *res = json_pack("{s:I, s:[], s:[]}", "id", (json_int_t)id, "milestones", "payments");
	for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++) {
		date_add(exf, -milestones[i].days_before, due);
		snprintf(what, sizeof what, "%s: %s", po, milestones[i].name);
		body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "side", "partner", "what", what, "due", due, "order",
		                 (json_int_t)id, "milestone", milestones[i].name);
		int r = cmd_append_at(app, rel, "commitment.add", body, at, &sub, e);
		json_decref(body);
		if (r)
			goto fail;
		(*events)++;
		json_array_append_new(json_object_get(res, "milestones"), json_integer(sub));
	}
	long long total;
	if (__builtin_mul_overflow(qty, to_units(price), &total) || total / 100 > 99999999999999LL) {
		err_set(e, ERR_INPUT, "qty: the order's value is too large to record");
		goto fail;
	}
	long long deposit = total / 100 * s.deposit_pct;
	time_format_date(at + 7 * 86400, tz, placed);
	date_add(exf, (int)s.payment_terms, due);
	const struct {
		const char *label, *due;
		long long units;
	} pays[] = {{"deposit", placed, deposit}, {"balance", due, total - deposit}};
	for (size_t i = 0; i < 2; i++) {
		if (pays[i].units <= 0)
			continue; /* no deposit agreed, or all of it up front */
		money(amount, pays[i].units);
		body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "amount", amount, "currency", currency, "due", pays[i].due,
		                 "order", (json_int_t)id, "label", pays[i].label);
		int r = cmd_append_at(app, rel, "payment.due", body, at, &sub, e);
		json_decref(body);
		if (r)
			goto fail;
		(*events)++;
		json_array_append_new(json_object_get(res, "payments"), json_integer(sub));
	}
	if (out)
		*out = res;
	else
		json_decref(res);
	return 0;
fail:
	json_decref(res);
	return -1;
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
