/* order.c - an order with its milestones and payments (order.h). The
 * milestones and the payment terms are the relationship's settings
 * (project.c); the checks are the ledger's. */
#include "order.h"

#include <stdio.h>
#include <string.h>

#include "calendar/day.h"
#include "event.h"
#include "project.h"
#include "record.h"
#include "workcal.h"

/* Milestones worked back from ex-factory (days before it). */
static const struct {
	const char *name;
	int days_before;
} milestones[] = {
#define MILESTONE(name, days) {name, days},
	ORDER_MILESTONES(MILESTONE)
#undef MILESTONE
};

const char *order_milestone_list(void)
{
	/* ", a, b, ...": the literal after its first ", " */
#define NAME(name, days) ", " name
	return (ORDER_MILESTONES(NAME)) + 2;
#undef NAME
}

/* Cents, rounded half up, as "1234.56". */
static void money(char out[32], long long units)
{
	long long cents = (units + 50) / 100;
	snprintf(out, 32, "%lld.%02lld", cents / 100, cents % 100);
}

/* The date days after date (a valid YYYY-MM-DD): plain day arithmetic. */
static void date_add(const char *date, int days, char out[11])
{
	long day = 0;
	day_parse(date, &day);
	day_format(day + days, out);
}

/* One more event of the order, as in but of kind with body; its warning
 * from the partner's calendar w, when there is one. */
static int append(struct ledger *l, int64_t rel, const struct ledger_entry *in, const char *kind, json_t *body,
                  struct workcal *w, struct buf *warnings, int64_t *id, struct err *e)
{
	struct ledger_entry sub = *in;
	sub.kind = kind;
	sub.body = body;
	int r = record_append(l, rel, &sub, NULL, id, e);
	if (!r && w)
		record_warn(w, kind, body, warnings);
	json_decref(body);
	return r;
}

int order_record(struct ledger *l, int64_t rel, const struct ledger_entry *in, const char *deposit_due,
                 struct buf *warnings, int64_t *order_id, int *events, json_t **out, struct err *e)
{
	int64_t id, sub;
	struct project_settings s;
	struct workcal cal, *w = NULL;
	struct err ignored;
	*events = 0;
	if (out)
		*out = NULL;
	if (strcmp(in->kind, "order.add"))
		return err_set(e, ERR_INPUT, "kind: an order is an order.add event, not %s", in->kind);
	/* the partner's calendar, read once for the six milestones' warnings
	 * (a calendar that cannot be read gives none, as record_append); it
	 * holds the relationship's settings too */
	if (warnings && workcal_load(l->db, rel, WORKCAL_PARTNER, &cal, &ignored) == 0)
		w = &cal;
	if (w)
		s = cal.settings;
	if ((!w && project_settings_get(l->db, rel, &s, e)) || record_append(l, rel, in, warnings, &id, e)) {
		if (w)
			workcal_release(w);
		return -1;
	}
	*order_id = id;
	(*events)++;

	/* validated by the append above: a date, a decimal, a whole number */
	const json_t *order = in->body;
	const char *po = json_string_value(json_object_get(order, "po"));
	const char *exf = json_string_value(json_object_get(order, "ex_factory"));
	const char *price = json_string_value(json_object_get(order, "price"));
	const char *currency = json_string_value(json_object_get(order, "currency"));
	long long qty = (long long)json_integer_value(json_object_get(order, "qty"));
	char due[11], what[256], amount[32];
	/* every date the order makes must be one the ledger takes: the first
	 * milestone from 1970, the balance by 9999 */
	long exf_day = 0;
	day_parse(exf, &exf_day);
	int early = exf_day - milestones[0].days_before < 0, late = exf_day + s.payment_terms > day_from_ymd(9999, 12, 31);
	if (early || late) {
		if (w)
			workcal_release(w);
		if (early)
			return err_set(e, ERR_INPUT, "ex_factory: too early: its first milestone would be due %d days before it, "
			               "before 1970", milestones[0].days_before);
		return err_set(e, ERR_INPUT, "ex_factory: too late: its balance would be due %lld days after it, after 9999",
		               (long long)s.payment_terms);
	}
	json_t *res = json_pack("{s:I, s:[], s:[]}", "id", (json_int_t)id, "milestones", "payments");
	for (size_t i = 0; i < sizeof milestones / sizeof milestones[0]; i++) {
		date_add(exf, -milestones[i].days_before, due);
		snprintf(what, sizeof what, "%s: %s", po, milestones[i].name);
		json_t *body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "side", "partner", "what", what, "due", due, "order",
		                         (json_int_t)id, "milestone", milestones[i].name);
		if (append(l, rel, in, "commitment.add", body, w, warnings, &sub, e))
			goto fail;
		(*events)++;
		json_array_append_new(json_object_get(res, "milestones"), json_integer(sub));
	}
	long long total;
	if (__builtin_mul_overflow(qty, event_decimal_units(price), &total) || total / 100 > 99999999999999LL) {
		err_set(e, ERR_INPUT, "qty: the order's value is too large to record");
		goto fail;
	}
	long long deposit = total / 100 * s.deposit_pct;
	date_add(exf, (int)s.payment_terms, due);
	const struct {
		const char *label, *due;
		long long units;
	} pays[] = {{ORDER_DEPOSIT, deposit_due, deposit}, {ORDER_BALANCE, due, total - deposit}};
	for (size_t i = 0; i < 2; i++) {
		if (pays[i].units <= 0)
			continue; /* no deposit agreed, or all of it up front */
		money(amount, pays[i].units);
		json_t *body = json_pack("{s:s, s:s, s:s, s:I, s:s}", "amount", amount, "currency", currency, "due",
		                         pays[i].due, "order", (json_int_t)id, "label", pays[i].label);
		if (append(l, rel, in, "payment.due", body, w, warnings, &sub, e))
			goto fail;
		(*events)++;
		json_array_append_new(json_object_get(res, "payments"), json_integer(sub));
	}
	if (out)
		*out = res;
	else
		json_decref(res);
	if (w)
		workcal_release(w);
	return 0;
fail:
	json_decref(res);
	if (w)
		workcal_release(w);
	return -1;
}
