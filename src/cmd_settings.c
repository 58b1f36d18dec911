/* cmd_settings.c - `rapport settings`: shows a relationship's agreed rules,
 * or records a settings event changing the ones given. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "project.h"
#include "store/parties.h"
#include "workcal.h"

static const char *const rules[] = {"cadence",     "gap-ideal", "gap-max",        "ack-sla",     "freeze-days",
                                    "payment-terms", "deposit-pct", "workweek", "hours", "buyer-workweek",
                                    "buyer-hours", NULL};

/* "Mon-Sat, 09:00-18:00 Asia/Shanghai (its country's week)" for one side. */
static void week_text(const struct workcal *w, char out[256])
{
	char days[40], hours[32];
	workcal_days_text(w->week.weekend, days);
	workcal_hours_text(w, hours);
	snprintf(out, 256, "%s, %s %s (%s)", days, hours, w->party.tz,
	         w->week_agreed        ? "days as agreed"
	         : w->holidays_known ? "its country's week"
	                             : "no tables for its country: the usual week");
}

int cmd_settings(struct app *app, const args_t *a, struct err *e)
{
	for (const char *const *r = rules; *r; r++)
		if (arg_find(a, *r))
			return cmd_record(app, a, e);
	int64_t rel;
	struct party p;
	struct workcal wb, wp;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
		return -1;
	if (workcal_load(app->db, rel, WORKCAL_BUYER, &wb, e))
		return -1;
	if (workcal_load(app->db, rel, WORKCAL_PARTNER, &wp, e)) {
		workcal_release(&wb);
		return -1;
	}
	const struct project_settings s = wp.settings;
	char pdays[40], bdays[40], phours[32], bhours[32];
	workcal_days_text(wp.week.weekend, pdays);
	workcal_days_text(wb.week.weekend, bdays);
	workcal_hours_text(&wp, phours);
	workcal_hours_text(&wb, bhours);
	if (app->json) {
		cmd_print_json(app, json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:{s:s, s:s, s:b}, s:{s:s, s:s, s:b}}",
		                              "partner", (json_int_t)rel, "cadence", s.cadence, "gap_ideal",
		                              (json_int_t)s.gap_ideal, "gap_max", (json_int_t)s.gap_max, "ack_sla",
		                              (json_int_t)s.ack_sla, "freeze_days", (json_int_t)s.freeze_days,
		                              "payment_terms", (json_int_t)s.payment_terms, "deposit_pct",
		                              (json_int_t)s.deposit_pct, "partner_week", "days", pdays, "hours", phours,
		                              "agreed", wp.week_agreed, "buyer_week", "days", bdays, "hours", bhours,
		                              "agreed", wb.week_agreed));
	} else {
		char pw[256], bw[256];
		week_text(&wp, pw);
		week_text(&wb, bw);
		fprintf(app->out,
		        "%s (partner %lld, %s)\n"
		        "  updates due      %s (%s time)\n"
		        "  contact          every %lld days, never more than %lld\n"
		        "  problems         acknowledged within %lld hours\n"
		        "  spec freeze      %lld days before production\n"
		        "  payment terms    deposit %lld %% a week after the order, balance %lld days after ex-factory\n"
		        "  partner works    %s\n"
		        "  buyer works      %s\n",
		        p.name, (long long)rel, p.tz, s.cadence, p.tz, (long long)s.gap_ideal, (long long)s.gap_max,
		        (long long)s.ack_sla, (long long)s.freeze_days, (long long)s.deposit_pct, (long long)s.payment_terms,
		        pw, bw);
	}
	workcal_release(&wp);
	workcal_release(&wb);
	return 0;
}
