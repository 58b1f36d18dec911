/* holidays.c - each country's days as rules in tables: China's announced
 * schedules (cn_schedule.c) where they exist and the statutory rules,
 * marked estimated, where they do not; Vietnam's statutory days; lunar dates
 * from lunisolar.c. Knows no I/O. Dates go through timegm/gmtime_r. */
#include "calendar/holidays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/cn_schedule.h"
#include "calendar/lunisolar.h"

const char *const holiday_kind_names[] = {"public", "observance", "closure", "workday"};
const char holiday_countries[] = "CN VN";

/* Dates as day numbers (days since 1970-01-01) for arithmetic. */
static long day_of(int y, int m, int d)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	return (long)(timegm(&tm) / 86400);
}

static void format_day(long day, char out[11])
{
	time_t t = (time_t)day * 86400;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 11, "%Y-%m-%d", &tm);
}

static long lunar(enum lunisolar_kind kind, int year, int month, int day)
{
	int y, m, d;
	if (lunisolar_date(kind, year, month, day, &y, &m, &d))
		return -1;
	return day_of(y, m, d);
}

static void add(struct holidays *h, long day, const char *name, const char *local, enum holiday_kind kind,
                int estimated)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->days = realloc(h->days, h->cap * sizeof *h->days);
		if (!h->days)
			abort();
	}
	struct holiday *x = &h->days[h->n++];
	format_day(day, x->date);
	x->name = name;
	x->local_name = local;
	x->kind = kind;
	x->estimated = estimated;
}

static void add_range(struct holidays *h, long from, long to, const char *name, const char *local,
                      enum holiday_kind kind, int estimated)
{
	for (long d = from; d <= to; d++)
		add(h, d, name, local, kind, estimated);
}

/* Which entry a day keeps when several fall on it. */
static int rank(enum holiday_kind k)
{
	static const int order[] = {[HOLIDAY_PUBLIC] = 0, [HOLIDAY_WORKDAY] = 1, [HOLIDAY_CLOSURE] = 2,
	                            [HOLIDAY_OBSERVANCE] = 3};
	return order[k];
}

static int by_date(const void *a, const void *b)
{
	const struct holiday *x = a, *y = b;
	int c = strcmp(x->date, y->date);
	return c ? c : rank(x->kind) - rank(y->kind);
}

/* Sorted, one entry per day, only the year's days. */
static void finish(struct holidays *h, int year)
{
	qsort(h->days, h->n, sizeof *h->days, by_date);
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%04d-", year % 10000);
	size_t w = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (strncmp(h->days[i].date, prefix, 5))
			continue;
		if (w > 0 && !strcmp(h->days[w - 1].date, h->days[i].date))
			continue;
		h->days[w++] = h->days[i];
	}
	h->n = w;
}

/* Factories close around the new year while workers travel home: seven
 * days before it to the ninth day after, where not already a holiday. A
 * custom, not a law, so always estimated. */
static void new_year_closure(struct holidays *h, long new_year, const char *name, const char *local)
{
	add_range(h, new_year - 7, new_year + 9, name, local, HOLIDAY_CLOSURE, 1);
}

/* --- China ------------------------------------------------------------------------ */

static void china(struct holidays *h, int year)
{
	const enum lunisolar_kind L = LUNISOLAR_CHINESE;
	long spring = lunar(L, year, 1, 1);
	char prefix[8];
	snprintf(prefix, sizeof prefix, "%04d-", year % 10000);
	int announced = 0;
	for (unsigned i = 0; i < cn_schedule_count; i++) {
		if (strncmp(cn_schedule[i].date, prefix, 5))
			continue;
		announced = 1;
		const struct cn_schedule_day *s = &cn_schedule[i];
		int y = atoi(s->date), m = atoi(s->date + 5), d = atoi(s->date + 8);
		add(h, day_of(y, m, d), cn_schedule_names[s->name][0], cn_schedule_names[s->name][1],
		    s->off ? HOLIDAY_PUBLIC : HOLIDAY_WORKDAY, 0);
	}
	if (!announced) {
		/* the statutory days (the State Council's rules of 1999 and of
		 * 2024); an announced schedule adds bridges and make-up days */
		int q_y, q_m, q_d;
		lunisolar_solar_term(L, year, 15, &q_y, &q_m, &q_d);
		add(h, day_of(year, 1, 1), "New Year's Day", "元旦", HOLIDAY_PUBLIC, 1);
		if (year >= 2025) {
			add_range(h, spring - 1, spring + 2, "Spring Festival", "春节", HOLIDAY_PUBLIC, 1);
			add(h, day_of(q_y, q_m, q_d), "Qingming Festival", "清明节", HOLIDAY_PUBLIC, 1);
			add_range(h, day_of(year, 5, 1), day_of(year, 5, 2), "Labour Day", "劳动节", HOLIDAY_PUBLIC, 1);
			add(h, lunar(L, year, 5, 5), "Dragon Boat Festival", "端午节", HOLIDAY_PUBLIC, 1);
			add(h, lunar(L, year, 8, 15), "Mid-Autumn Festival", "中秋节", HOLIDAY_PUBLIC, 1);
		} else {
			add_range(h, spring, spring + 2, "Spring Festival", "春节", HOLIDAY_PUBLIC, 1);
			add_range(h, day_of(year, 5, 1), day_of(year, 5, 3), "Labour Day", "劳动节", HOLIDAY_PUBLIC, 1);
		}
		add_range(h, day_of(year, 10, 1), day_of(year, 10, 3), "National Day", "国庆节", HOLIDAY_PUBLIC, 1);
	}
	/* observances: always computed, so never estimated */
	int y, m, d;
	add(h, spring - 1, "Spring Festival Eve", "除夕", HOLIDAY_OBSERVANCE, 0);
	add(h, spring, "Spring Festival", "春节", HOLIDAY_OBSERVANCE, 0);
	add(h, lunar(L, year, 1, 15), "Lantern Festival", "元宵节", HOLIDAY_OBSERVANCE, 0);
	lunisolar_solar_term(L, year, 15, &y, &m, &d);
	add(h, day_of(y, m, d), "Qingming Festival", "清明节", HOLIDAY_OBSERVANCE, 0);
	add(h, lunar(L, year, 5, 5), "Dragon Boat Festival", "端午节", HOLIDAY_OBSERVANCE, 0);
	add(h, lunar(L, year, 8, 15), "Mid-Autumn Festival", "中秋节", HOLIDAY_OBSERVANCE, 0);
	add(h, lunar(L, year, 9, 9), "Double Ninth Festival", "重阳节", HOLIDAY_OBSERVANCE, 0);
	lunisolar_solar_term(L, year, 270, &y, &m, &d);
	add(h, day_of(y, m, d), "Winter Solstice", "冬至", HOLIDAY_OBSERVANCE, 0);
	new_year_closure(h, spring, "Spring Festival factory closure", "春节停工");
	/* the next lunar year may begin its closure in this December */
	new_year_closure(h, lunar(L, year + 1, 1, 1), "Spring Festival factory closure", "春节停工");
}

/* --- Viet Nam ----------------------------------------------------------------------- */

static void vietnam(struct holidays *h, int year)
{
	const enum lunisolar_kind L = LUNISOLAR_VIETNAMESE;
	long tet = lunar(L, year, 1, 1);
	/* Labour Code: Tet is five days from 2013 (four before), the last day of
	 * the old year and the first of the new; the government fixes which,
	 * so they are estimated. Hung Kings' day is a holiday from 2007; a day
	 * next to National Day from 2021 (also fixed each year). */
	int tet_days = year >= 2013 ? 5 : 4;
	add(h, day_of(year, 1, 1), "New Year's Day", "Tết Dương lịch", HOLIDAY_PUBLIC, 0);
	add_range(h, tet - 1, tet - 2 + tet_days, "Lunar New Year (Tết)", "Tết Nguyên Đán", HOLIDAY_PUBLIC, 1);
	if (year >= 2007)
		add(h, lunar(L, year, 3, 10), "Hung Kings' Commemoration Day", "Giỗ Tổ Hùng Vương", HOLIDAY_PUBLIC, 0);
	add(h, day_of(year, 4, 30), "Reunification Day", "Ngày Giải phóng miền Nam", HOLIDAY_PUBLIC, 0);
	add(h, day_of(year, 5, 1), "Labour Day", "Ngày Quốc tế Lao động", HOLIDAY_PUBLIC, 0);
	add(h, day_of(year, 9, 2), "National Day", "Quốc khánh", HOLIDAY_PUBLIC, 0);
	if (year >= 2021)
		add(h, day_of(year, 9, 1), "National Day holiday", "Nghỉ lễ Quốc khánh", HOLIDAY_PUBLIC, 1);
	add(h, tet, "Lunar New Year (Tết)", "Tết Nguyên Đán", HOLIDAY_OBSERVANCE, 0);
	add(h, lunar(L, year, 8, 15), "Mid-Autumn Festival", "Tết Trung Thu", HOLIDAY_OBSERVANCE, 0);
	add(h, day_of(year, 10, 20), "Vietnamese Women's Day", "Ngày Phụ nữ Việt Nam", HOLIDAY_OBSERVANCE, 0);
	new_year_closure(h, tet, "Tết factory closure", "Nghỉ Tết");
	new_year_closure(h, lunar(L, year + 1, 1, 1), "Tết factory closure", "Nghỉ Tết");
}

int holiday_list(const char *country, int year, struct holidays *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR)
		return err_set(e, ERR_INPUT, "year: from %d to %d", HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR);
	static const struct {
		const char *country;
		void (*fill)(struct holidays *h, int year);
	} countries[] = {{"CN", china}, {"VN", vietnam}};
	for (size_t i = 0; i < sizeof countries / sizeof countries[0]; i++) {
		if (strcmp(countries[i].country, country))
			continue;
		countries[i].fill(out, year);
		finish(out, year);
		return 0;
	}
	return err_set(e, ERR_INPUT, "country: no holidays for %s in this rapport yet (it knows %s)", country,
	               holiday_countries);
}

void holidays_release(struct holidays *h)
{
	free(h->days);
	memset(h, 0, sizeof *h);
}
