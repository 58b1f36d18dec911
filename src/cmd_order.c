/* cmd_order.c - `rapport order add`: the order, its standard milestones as
 * the partner's commitments and the buyer's deposit and balance payments,
 * appended together in the command's one transaction. */
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

int cmd_order_add(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel, id, sub;
	struct party p;
	struct project_settings s;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e) || project_settings_get(app->db, rel, &s, e))
		return -1;
	char *end;
	long long qty = strtoll(arg_str(a, "qty"), &end, 10);
	if (*end || !*arg_str(a, "qty"))
		return err_set(e, ERR_INPUT, "--qty: not a whole number: \"%s\"", arg_str(a, "qty"));
	json_t *body = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "po", arg_str(a, "po"), "style", arg_str(a, "style"),
	                         "qty", (json_int_t)qty, "price", arg_str(a, "price"), "currency", arg_str(a, "currency"),
	                         "ex_factory", arg_str(a, "ex-factory"));
	int r = cmd_append(app, a, rel, "order.add", body, &id, e);
	json_decref(body);
	if (r)
		return -1;

	/* validated by the append above: a date and a decimal */
	const char *exf = arg_str(a, "ex-factory");
	char due[11], what[256], amount[32], placed[11];
	json_t *out = json_pack("{s:I, s:[], s:[]}", "id", (json_int_t)id, "milestones", "payments");
	for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++) {
		date_add(exf, -milestones[i].days_before, due);
		snprintf(what, sizeof what, "%s: %s", arg_str(a, "po"), milestones[i].name);
		body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "side", "partner", "what", what, "due", due, "order",
		                 (json_int_t)id, "milestone", milestones[i].name);
		r = cmd_append(app, a, rel, "commitment.add", body, &sub, e);
		json_decref(body);
		if (r)
			goto fail;
		json_array_append_new(json_object_get(out, "milestones"), json_integer(sub));
	}
	long long total;
	if (__builtin_mul_overflow(qty, to_units(arg_str(a, "price")), &total) || total / 100 > 99999999999999LL) {
		err_set(e, ERR_INPUT, "--qty: the order's value is too large to record");
		goto fail;
	}
	long long deposit = total / 100 * s.deposit_pct;
	int64_t at;
	char tz[65];
	if (cmd_buyer_tz(app, tz, e) || arg_time(a, "at", tz, app->now, &at, e))
		goto fail;
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
		body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "amount", amount, "currency", arg_str(a, "currency"), "due",
		                 pays[i].due, "order", (json_int_t)id, "label", pays[i].label);
		r = cmd_append(app, a, rel, "payment.due", body, &sub, e);
		json_decref(body);
		if (r)
			goto fail;
		json_array_append_new(json_object_get(out, "payments"), json_integer(sub));
	}
	if (app->json)
		cmd_print_json(app, out);
	else {
		fprintf(app->out, "%lld\n", (long long)id);
		json_decref(out);
	}
	return 0;
fail:
	json_decref(out);
	return -1;
}
