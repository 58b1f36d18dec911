/* workweek.c - working days per country: a table of weekly days off and the
 * rule that joins them with holidays, make-up workdays and the caller's
 * closures. Caches one year's holiday list per struct workweek; knows no
 * I/O and no SQL. */
#include "calendar/workweek.h"

#include <string.h>

#include "calendar/day.h"

#define SAT_SUN (WORKWEEK_DAY(0) | WORKWEEK_DAY(6))
#define SUN WORKWEEK_DAY(0)
#define FRI WORKWEEK_DAY(5)

/* Garment and textile factories in producing countries mostly work Monday
 * to Saturday; Bangladesh's week runs Saturday to Thursday; offices in the
 * buyers' countries, and factories in Italy and Portugal, Monday to Friday. */
static const struct {
	const char *country;
	unsigned weekend;
} weeks[] = {
	{"BD", FRI}, {"CN", SUN}, {"VN", SUN}, {"IN", SUN}, {"PK", SUN}, {"ID", SUN}, {"KH", SUN}, {"LK", SUN},
	{"TR", SUN}, {"MX", SUN}, {"PT", SAT_SUN}, {"IT", SAT_SUN}, {"US", SAT_SUN}, {"GB", SAT_SUN},
	{"DE", SAT_SUN}, {"FR", SAT_SUN}, {"JP", SAT_SUN},
};

unsigned workweek_weekend(const char *country)
{
	for (size_t i = 0; i < sizeof weeks / sizeof weeks[0]; i++)
		if (!strcmp(weeks[i].country, country))
			return weeks[i].weekend;
	return 0;
}

int workweek_init(struct workweek *w, const char *country, struct err *e)
{
	memset(w, 0, sizeof *w);
	w->weekend = workweek_weekend(country);
	if (!w->weekend || strlen(country) != 2)
		return err_set(e, ERR_INPUT, "country: no working week for %s in this rapport yet", country);
	memcpy(w->country, country, 3);
	return 0;
}

void workweek_release(struct workweek *w)
{
	holidays_release(&w->holidays);
	w->year = 0;
}

/* *out: the holiday on date (of year y) or NULL. */
static int holiday_on(struct workweek *w, int y, const char *date, const struct holiday **out, struct err *e)
{
	*out = NULL;
	if (!w->country[0])
		return 0; /* a country without tables: weekends and closures only */
	if (w->year != y) {
		holidays_release(&w->holidays);
		w->year = 0;
		if (holiday_list(w->country, y, &w->holidays, e))
			return -1;
		w->year = y;
	}
	/* sorted, one a day: a binary search */
	size_t lo = 0, hi = w->holidays.n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(w->holidays.days[mid].date, date);
		if (!c) {
			*out = &w->holidays.days[mid];
			break;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int workweek_is_working(struct workweek *w, int y, int m, int d, const char **why, struct err *e)
{
	char date[11];
	long day = day_from_ymd(y, m, d);
	day_format(day, date);
	const char *dummy;
	if (!why)
		why = &dummy;
	*why = NULL;
	for (size_t i = 0; i < w->nclosures; i++)
		if (strcmp(date, w->closures[i].from) >= 0 && strcmp(date, w->closures[i].to) <= 0) {
			*why = w->closures[i].reason ? w->closures[i].reason : "closure";
			return 0;
		}
	const struct holiday *h;
	if (holiday_on(w, y, date, &h, e))
		return -1;
	if (h && (h->kind == HOLIDAY_PUBLIC || h->kind == HOLIDAY_CLOSURE)) {
		*why = h->name;
		return 0;
	}
	if (h && h->kind == HOLIDAY_WORKDAY)
		return 1;
	if (w->weekend & WORKWEEK_DAY(day_weekday(day))) {
		*why = "weekend";
		return 0;
	}
	return 1;
}

int workweek_add(struct workweek *w, int y, int m, int d, int n, int *oy, int *om, int *od, struct err *e)
{
	if (n < 0)
		return err_set(e, ERR_INPUT, "days: a number of working days from 0 on");
	/* n = 0 stops at the first working day from y-m-d on; n > 0 counts the
	 * working days after it, so a Saturday + 1 is the Monday, not Tuesday */
	long day = day_from_ymd(y, m, d) + (n > 0);
	int left = n > 0 ? n - 1 : 0;
	/* a year of closures in a row would be a bug in the tables */
	for (long guard = 0; guard < 366L * 2 + 7L * n; guard++, day++) {
		int dy, dm, dd;
		day_to_ymd(day, &dy, &dm, &dd);
		int r = workweek_is_working(w, dy, dm, dd, NULL, e);
		if (r < 0)
			return -1;
		if (r && left-- == 0) {
			*oy = dy, *om = dm, *od = dd;
			return 0;
		}
	}
	return err_set(e, ERR_INPUT, "days: no working day found");
}
