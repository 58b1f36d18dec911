/* cmd_settings.c - `rapport settings`: shows a relationship's agreed rules,
 * or records a settings event changing the ones given. */
#include <jansson.h>
#include <string.h>

#include "cmd.h"
#include "project.h"
#include "store/parties.h"

static const char *const rules[] = {"cadence", "gap-ideal", "gap-max", "ack-sla", "freeze-days", "payment-terms",
                                    "deposit-pct", NULL};

int cmd_settings(struct app *app, const args_t *a, struct err *e)
{
	for (const char *const *r = rules; *r; r++)
		if (arg_find(a, *r))
			return cmd_record(app, a, e);
	int64_t rel;
	struct party p;
	struct project_settings s;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e) || project_settings_get(app->db, rel, &s, e))
		return -1;
	if (app->json) {
		cmd_print_json(app, json_pack("{s:I, s:s, s:I, s:I, s:I, s:I, s:I, s:I}", "partner", (json_int_t)rel,
		                              "cadence", s.cadence, "gap_ideal", (json_int_t)s.gap_ideal, "gap_max",
		                              (json_int_t)s.gap_max, "ack_sla", (json_int_t)s.ack_sla, "freeze_days",
		                              (json_int_t)s.freeze_days, "payment_terms", (json_int_t)s.payment_terms,
		                              "deposit_pct", (json_int_t)s.deposit_pct));
		return 0;
	}
	fprintf(app->out,
	        "%s (partner %lld, %s)\n"
	        "  updates due      %s (%s time)\n"
	        "  contact          every %lld days, never more than %lld\n"
	        "  problems         acknowledged within %lld hours\n"
	        "  spec freeze      %lld days before production\n"
	        "  payment terms    deposit %lld %% a week after the order, balance %lld days after ex-factory\n",
	        p.name, (long long)rel, p.tz, s.cadence, p.tz, (long long)s.gap_ideal, (long long)s.gap_max,
	        (long long)s.ack_sla, (long long)s.freeze_days, (long long)s.deposit_pct, (long long)s.payment_terms);
	return 0;
}
