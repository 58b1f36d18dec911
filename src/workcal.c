/* workcal.c - builds a side's working calendar from the record: the party's
 * country and zone, the working days and hours agreed in settings (the
 * country's week and 09:00-18:00 otherwise) and, for the partner, its
 * closures. The rules themselves are calendar/workweek.c's. */
#include "workcal.h"

#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "event.h"
#include "project.h"
#include "store/domain.h"

/* Weekly days off where this rapport has no holiday tables: offices rest
 * on Saturday and Sunday, factories on Sunday. */
#define FALLBACK_BUYER (WORKWEEK_DAY(0) | WORKWEEK_DAY(6))
#define FALLBACK_PARTNER WORKWEEK_DAY(0)

static int closure_row(void *ctx, const struct store_row *row)
{
	struct workcal *w = ctx;
	struct workweek_closure *c = realloc(w->closures, (w->nclosures + 1) * sizeof *c);
	if (!c)
		abort();
	w->closures = c;
	c += w->nclosures++;
	snprintf(c->from, sizeof c->from, "%.10s", row->t[0]);
	snprintf(c->to, sizeof c->to, "%.10s", row->t[1]);
	c->reason = strdup(row->t[2]);
	if (!c->reason)
		abort();
	return 0;
}

int workcal_load(struct db *db, int64_t rel, enum workcal_side side, struct workcal *w, struct err *e)
{
	memset(w, 0, sizeof *w);
	w->side = side;
	struct project_settings *s = &w->settings;
	int r = side == WORKCAL_PARTNER ? store_partner_get(db, rel, &w->party, e) : store_buyer_get(db, &w->party, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "partner: no partner with id %lld", (long long)rel);
	if (project_settings_get(db, rel, s, e))
		return -1;
	struct err ignored;
	w->holidays_known = workweek_init(&w->week, w->party.country, &ignored) == 0;
	if (!w->holidays_known)
		w->week.weekend = side == WORKCAL_BUYER ? FALLBACK_BUYER : FALLBACK_PARTNER;
	const char *days = side == WORKCAL_PARTNER ? s->workweek : s->buyer_workweek;
	const char *hours = side == WORKCAL_PARTNER ? s->hours : s->buyer_hours;
	unsigned working;
	if (*days && event_weekdays_parse(days, &working) == 0) {
		w->week.weekend = ~working & 0x7fu;
		w->week_agreed = 1;
	}
	w->start = SLOT_DEFAULT_START;
	w->end = SLOT_DEFAULT_END;
	if (*hours)
		event_hours_parse(hours, &w->start, &w->end);
	if (side == WORKCAL_PARTNER &&
	    store_each(db, store_sql[SQL_CLOSURES_FOR], e, closure_row, w, "itt", rel, "0000-01-01", "9999-12-31")) {
		workcal_release(w);
		return -1;
	}
	w->week.closures = w->closures;
	w->week.nclosures = w->nclosures;
	if (zone_load(w->party.tz, &w->zone, e)) {
		workcal_release(w);
		return -1;
	}
	return 0;
}

void workcal_release(struct workcal *w)
{
	workweek_release(&w->week);
	for (size_t i = 0; i < w->nclosures; i++)
		free((char *)w->closures[i].reason);
	free(w->closures);
	zone_free(w->zone);
	memset(w, 0, sizeof *w);
}

int workcal_check(struct workcal *w, const char *date, const char **why, char next[11], struct err *e)
{
	int y, m, d;
	long day;
	if (day_parse(date, &day))
		return err_set(e, ERR_INPUT, "date: not YYYY-MM-DD: \"%s\"", date);
	day_to_ymd(day, &y, &m, &d);
	int r = workweek_is_working(&w->week, y, m, d, why, e);
	if (r != 0 || !next)
		return r;
	int ny, nm, nd;
	if (workweek_add(&w->week, y, m, d, 0, &ny, &nm, &nd, e))
		return -1;
	day_format(day_from_ymd(ny, nm, nd), next);
	return 0;
}

static int by_date(const void *a, const void *b)
{
	return strcmp(((const struct holiday *)a)->date, ((const struct holiday *)b)->date);
}

int workcal_holidays(struct workcal *w, int year, struct holidays *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (w->holidays_known && holiday_list(w->party.country, year, out, e))
		return -1;
	size_t country_days = out->n;
	long first = day_from_ymd(year, 1, 1), last = day_from_ymd(year, 12, 31);
	for (size_t i = 0; i < w->nclosures; i++) {
		/* recorded closures are valid dates */
		long from = 0, to = -1;
		day_parse(w->closures[i].from, &from);
		day_parse(w->closures[i].to, &to);
		for (long day = from > first ? from : first; day <= to && day <= last; day++) {
			struct holiday h = {.name = w->closures[i].reason, .local_name = w->closures[i].reason,
			                    .kind = HOLIDAY_CLOSURE};
			day_format(day, h.date);
			/* the country's list is sorted: a binary search */
			struct holiday *same = country_days ? bsearch(&h, out->days, country_days, sizeof h, by_date) : NULL;
			if (same) {
				if (same->kind != HOLIDAY_PUBLIC)
					*same = h;
				continue;
			}
			/* two closures on one day: the first recorded names it */
			int seen = 0;
			for (size_t j = country_days; j < out->n && !seen; j++)
				seen = !strcmp(out->days[j].date, h.date);
			if (seen)
				continue;
			if (out->n == out->cap) {
				out->cap = out->cap ? 2 * out->cap : 32;
				out->days = realloc(out->days, out->cap * sizeof *out->days);
				if (!out->days)
					abort();
			}
			out->days[out->n++] = h;
		}
	}
	qsort(out->days, out->n, sizeof *out->days, by_date);
	return 0;
}

void workcal_today(const struct workcal *w, int64_t now, int *y, int *m, int *d)
{
	day_to_ymd(zone_day(w->zone, now), y, m, d);
}

void workcal_slot_side(struct workcal *w, struct slot_side *out)
{
	out->zone = w->zone;
	out->week = &w->week;
	out->start = w->start;
	out->end = w->end;
}

int workcal_slots(struct workcal *buyer, struct workcal *partner, int y, int m, int d, int days, struct slots *out,
                  struct err *e)
{
	memset(out, 0, sizeof *out);
	if (days < 1 || days > WORKCAL_SLOT_MAX_DAYS)
		return err_set(e, ERR_INPUT, "days: a number of days from 1 to %d", WORKCAL_SLOT_MAX_DAYS);
	long first = day_from_ymd(y, m, d);
	/* the partner's dates reach up to two days either side of the buyer's */
	long lo = day_from_ymd(HOLIDAY_FIRST_YEAR, 1, 1) + 2, hi = day_from_ymd(HOLIDAY_LAST_YEAR, 12, 31) - 2;
	if (first < lo || first + days - 1 > hi) {
		char l[11], h[11];
		day_format(lo, l);
		day_format(hi, h);
		return err_set(e, ERR_INPUT, "from: the days must lie from %s to %s, the years the holiday tables cover", l,
		               h);
	}
	struct slot_side a, b;
	workcal_slot_side(buyer, &a);
	workcal_slot_side(partner, &b);
	return slot_list(&a, &b, y, m, d, days, out, e);
}

void workcal_hours_text(const struct workcal *w, char out[32])
{
	snprintf(out, 32, "%02d:%02d-%02d:%02d", w->start / 3600, w->start / 60 % 60, w->end / 3600, w->end / 60 % 60);
}

void workcal_days_text(unsigned weekend, char out[40])
{
	static const char *const names[7] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	workcal_days_text_with(weekend, names, "no day", out, 40);
}

void workcal_days_text_with(unsigned weekend, const char *const names[7], const char *none, char *out, size_t size)
{
	size_t n = 0;
	out[0] = '\0';
	if ((weekend & 0x7fu) == 0x7fu) {
		snprintf(out, size, "%s", none);
		return;
	}
	/* start the walk on a day off, so a run wrapping past Sunday (Sat-Thu)
	 * comes out whole */
	int start = 0;
	while (!(weekend & (1u << start)) && start < 7)
		start++;
	for (int i = 1; i <= 7 && n < size; i++) {
		int d = (start + i) % 7;
		if (weekend & (1u << d))
			continue;
		int run = d;
		while (i < 7 && !(weekend & (1u << ((start + i + 1) % 7))))
			i++, run = (start + i) % 7;
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? ", " : "", names[d]);
		if (run != d && n < size)
			n += (size_t)snprintf(out + n, size - n, "-%s", names[run]);
	}
}
