/* cmd_slots.c - `rapport slots`: the times in the coming days when both
 * sides are at work on a working day of each, in both local times. The
 * overlap itself is calendar/slots.c's. */
#include <jansson.h>
#include <string.h>

#include "calendar/day.h"
#include "cmd.h"
#include "util/table.h"
#include "util/time.h"
#include "workcal.h"
#include "workcal_json.h"

/* "Wed 2026-11-25 09:00-10:00 +00:00" from two zone_format strings
 * ("2026-11-25T09:00:00+00:00"); an end at the next midnight is 24:00. */
static void span(const char *from, const char *to, char out[64])
{
	long day = 0;
	day_parse(from, &day);
	const char *end = strncmp(from, to, 10) && !strncmp(to + 11, "00:00", 5) ? "24:00" : to + 11;
	snprintf(out, 64, "%s %.10s %.5s-%.5s %s", day_abbr(day_weekday(day)), from, from + 11, end, from + 19);
}

static void side_line(FILE *f, const char *label, const struct workcal *w)
{
	char days[40], hours[32];
	workcal_days_text(w->week.weekend, days);
	workcal_hours_text(w, hours);
	fprintf(f, "  %-8s %s, %s: %s, %s\n", label, w->party.name, w->party.tz, days, hours);
}

int cmd_slots(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	int ndays, y, m, d;
	struct party p;
	if (arg_id(a, "partner", &rel, e) || cmd_partner_get(app, rel, &p, e) ||
	    arg_count(a, "days", 1, WORKCAL_SLOT_MAX_DAYS, WORKCAL_SLOT_DAYS, &ndays, e))
		return -1;
	if (arg_str(a, "from") && time_parse_date(arg_str(a, "from"), "--from", &y, &m, &d, e))
		return -1;
	struct workcal buyer, partner;
	if (workcal_load(app->db, rel, WORKCAL_BUYER, &buyer, e))
		return -1;
	if (workcal_load(app->db, rel, WORKCAL_PARTNER, &partner, e)) {
		workcal_release(&buyer);
		return -1;
	}
	if (!arg_str(a, "from"))
		workcal_today(&buyer, app->now, &y, &m, &d);
	struct slots out = {0};
	int rc = -1;
	long first = day_from_ymd(y, m, d);
	if (workcal_slots(&buyer, &partner, y, m, d, ndays, &out, e)) {
		if (e->code == ERR_INPUT) { /* the option the message names */
			struct err inner = *e;
			err_set(e, inner.code, "--%s", inner.msg);
		}
		goto done;
	}
	char last[11], fdate[11];
	day_format(first, fdate);
	day_format(first + ndays - 1, last);
	if (app->json) {
		json_t *list = slots_json(&out);
		cmd_print_json(app, list);
		rc = 0;
		goto done;
	}
	fprintf(app->out, "Meeting slots with %s, %s to %s (the buyer's dates)\n", p.name, fdate, last);
	side_line(app->out, "buyer", &buyer);
	side_line(app->out, "partner", &partner);
	if (out.n == 0) {
		fprintf(app->out, "\nNo time in these %d days when both sides are at work on a working day of each.\n"
		                  "Look further (--days) or agree other hours: rapport settings --partner %lld --hours "
		                  "or --buyer-hours.\n",
		        ndays, (long long)rel);
		rc = 0;
		goto done;
	}
	char head_a[96], head_b[96];
	snprintf(head_a, sizeof head_a, "BUYER (%s)", buyer.party.tz);
	snprintf(head_b, sizeof head_b, "PARTNER (%s)", partner.party.tz);
	const char *header[] = {head_a, head_b, "LENGTH", NULL};
	struct table t;
	table_init(&t, header);
	for (size_t i = 0; i < out.n; i++) {
		char cell[64];
		span(out.v[i].a_from, out.v[i].a_to, cell);
		table_cell(&t, cell);
		span(out.v[i].b_from, out.v[i].b_to, cell);
		table_cell(&t, cell);
		int64_t min = (out.v[i].to - out.v[i].from) / 60;
		snprintf(cell, sizeof cell, "%lldh%02lld", (long long)(min / 60), (long long)(min % 60));
		table_cell(&t, cell);
	}
	fputc('\n', app->out);
	table_print(&t, app->out);
	table_release(&t);
	rc = 0;
done:
	slot_release(&out);
	workcal_release(&partner);
	workcal_release(&buyer);
	return rc;
}
