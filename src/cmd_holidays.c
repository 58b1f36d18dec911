/* cmd_holidays.c - `rapport holidays`: a country's days off, observances,
 * customary factory closures and make-up working days in a year. */
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "calendar/holidays.h"
#include "cmd.h"
#include "store/parties.h"
#include "util/table.h"
#include "workcal.h"
#include "workcal_json.h"

static void print_days(struct app *app, const struct holidays *h)
{
	if (app->json) {
		cmd_print_json(app, holidays_json(h));
	} else {
		static const char *const header[] = {"DATE", "DAY", "KIND", "NAME", "LOCAL NAME", "", NULL};
		struct table t;
		table_init(&t, header);
		for (size_t i = 0; i < h->n; i++) {
			long day = 0;
			day_parse(h->days[i].date, &day);
			table_cell(&t, h->days[i].date);
			table_cell(&t, day_abbr(day_weekday(day)));
			table_cell(&t, holiday_kind_names[h->days[i].kind]);
			table_cell(&t, h->days[i].name);
			table_cell(&t, h->days[i].local_name);
			table_cell(&t, h->days[i].estimated ? "estimated" : "");
		}
		table_print(&t, app->out);
		table_release(&t);
	}
}

int cmd_holidays(struct app *app, const args_t *a, struct err *e)
{
	char *end;
	const char *cc = arg_str(a, "country");
	long year = strtol(arg_str(a, "year"), &end, 10);
	if (*end || year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR)
		return err_set(e, ERR_INPUT, "--year: a year from %d to %d: \"%s\"", HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR,
		               arg_str(a, "year"));
	struct holidays h;
	if (arg_str(a, "partner")) {
		/* the partner's country, with its own closures merged in */
		int64_t rel;
		struct party p;
		struct workcal w;
		if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e))
			return -1;
		if (cc && strcmp(cc, p.country))
			return err_set(e, ERR_INPUT, "--country: partner %lld is in %s; leave --country out", (long long)rel,
			               p.country);
		if (workcal_load(app->db, rel, WORKCAL_PARTNER, &w, e))
			return -1;
		if (!w.holidays_known)
			buf_printf(&app->warnings,
			           "rapport: warning: no holiday tables for %s in this rapport yet (it knows %s): only the "
			           "partner's closures are listed\n",
			           p.country, holiday_countries);
		int r = workcal_holidays(&w, (int)year, &h, e);
		if (r == 0)
			print_days(app, &h);
		holidays_release(&h);
		workcal_release(&w);
		return r;
	}
	if (!cc)
		return err_set(e, ERR_INPUT, "--country: required (or --partner)");
	if (holiday_list(cc, (int)year, &h, e)) {
		struct err inner = *e;
		return err_set(e, inner.code, "--%s", inner.msg);
	}
	print_days(app, &h);
	holidays_release(&h);
	return 0;
}
