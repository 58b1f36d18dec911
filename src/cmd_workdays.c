/* cmd_workdays.c - `rapport workdays`: the date N working days after a date
 * at the partner, and the days off the count stepped over (weekends,
 * holidays, the customary and the partner's own closures). */
#include <jansson.h>
#include <string.h>

#include "calendar/day.h"
#include "cmd.h"
#include "util/time.h"
#include "workcal.h"

#define WORKDAYS_MAX 3650

static const char *weekday(long day)
{
	return day_abbr(day_weekday(day));
}

/* Prints runs of days off with the same reason as one line. */
static void print_skipped(FILE *f, const json_t *skipped)
{
	size_t n = json_array_size(skipped);
	for (size_t i = 0; i < n;) {
		const json_t *x = json_array_get(skipped, i);
		const char *why = json_string_value(json_object_get(x, "why"));
		const char *from = json_string_value(json_object_get(x, "date"));
		long first = json_integer_value(json_object_get(x, "day")), last = first;
		size_t j = i + 1;
		for (; j < n; j++) {
			const json_t *y = json_array_get(skipped, j);
			if (strcmp(json_string_value(json_object_get(y, "why")), why) ||
			    json_integer_value(json_object_get(y, "day")) != last + 1)
				break;
			last++;
		}
		if (first == last) {
			fprintf(f, "  %s %s                  %s\n", weekday(first), from, why);
		} else {
			char to[11];
			day_format(last, to);
			fprintf(f, "  %s %s to %s %s  %s (%ld days)\n", weekday(first), from, weekday(last), to, why,
			        last - first + 1);
		}
		i = j;
	}
}

int cmd_workdays(struct app *app, const args_t *a, struct err *e)
{
	int64_t rel;
	int n, y, m, d;
	struct workcal w;
	if (arg_id(a, "partner", &rel, e) || arg_count(a, "days", 0, WORKDAYS_MAX, -1, &n, e))
		return -1;
	struct party p;
	if (cmd_partner_get(app, rel, &p, e))
		return -1;
	if (arg_str(a, "from") && time_parse_date(arg_str(a, "from"), "--from", &y, &m, &d, e))
		return -1;
	if (workcal_load(app->db, rel, WORKCAL_PARTNER, &w, e))
		return -1;
	if (!arg_str(a, "from"))
		workcal_today(&w, app->now, &y, &m, &d);
	int ry, rm, rd;
	if (y < HOLIDAY_FIRST_YEAR || y > HOLIDAY_LAST_YEAR) {
		workcal_release(&w);
		return err_set(e, ERR_INPUT, "--from: a date from %d to %d, the years the holiday tables cover",
		               HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR);
	}
	if (workweek_add(&w.week, y, m, d, n, &ry, &rm, &rd, e)) {
		workcal_release(&w);
		return err_set(e, ERR_INPUT, "--days: %d working days run past %d, the last year the holiday tables cover",
		               n, HOLIDAY_LAST_YEAR);
	}
	long from = day_from_ymd(y, m, d), to = day_from_ymd(ry, rm, rd);
	char fdate[11], tdate[11], days[40];
	day_format(from, fdate);
	day_format(to, tdate);
	json_t *skipped = json_array();
	for (long day = from + (n > 0); day < to; day++) {
		int dy, dm, dd;
		const char *why;
		day_to_ymd(day, &dy, &dm, &dd);
		if (workweek_is_working(&w.week, dy, dm, dd, &why, e) == 0) {
			char date[11];
			day_format(day, date);
			json_array_append_new(skipped, json_pack("{s:s, s:s, s:I}", "date", date, "why", why, "day",
			                                         (json_int_t)day));
		}
	}
	if (app->json) {
		for (size_t i = 0; i < json_array_size(skipped); i++)
			json_object_del(json_array_get(skipped, i), "day");
		cmd_print_json(app, json_pack("{s:I, s:s, s:i, s:s, s:o}", "partner", (json_int_t)rel, "from", fdate, "days",
		                              n, "date", tdate, "skipped", skipped));
	} else {
		workcal_days_text(w.week.weekend, days);
		fprintf(app->out, "%s %s: %d working day%s after %s %s at %s (%s; works %s%s).\n", weekday(to), tdate, n,
		        n == 1 ? "" : "s", weekday(from), fdate, w.party.name, w.party.country, days,
		        w.week_agreed ? ", as agreed" : "");
		if (n == 0)
			fprintf(app->out, "(0 working days: %s itself when it is a working day, else the next one.)\n", fdate);
		if (json_array_size(skipped)) {
			fprintf(app->out, "Days off on the way:\n");
			print_skipped(app->out, skipped);
		}
		if (!w.holidays_known)
			fprintf(app->out, "No holiday tables for %s: only its weekends and recorded closures count.\n",
			        w.party.country);
		json_decref(skipped);
	}
	workcal_release(&w);
	return 0;
}
