/* holidays.c - each country's days as rules in tables: China's and Viet
 * Nam's announced schedules (cn_schedule.c, vn_schedule.c) where they exist
 * and the statutory rules, marked estimated, where they do not; the other
 * countries as rows of one rule table (fixed dates, n-th weekdays, Easter,
 * Islamic dates from islamic.c, festival tables, lunar dates) with their
 * substitution rules. Knows no I/O. */
#include "calendar/holidays.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/cn_schedule.h"
#include "calendar/day.h"
#include "calendar/festivals.h"
#include "calendar/islamic.h"
#include "calendar/lunisolar.h"
#include "calendar/vn_schedule.h"

const char *const holiday_kind_names[] = {"public", "observance", "closure", "workday"};
const char holiday_countries[] = "BD CN DE FR GB ID IN IT JP KH LK MX PK PT TR US VN";

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

/* By date and rank, and stable (qsort promises no order for equals): of
 * two rules naming the same day the earlier in its table names it. */
static void sort_days(struct holidays *h)
{
	for (size_t i = 1; i < h->n; i++) {
		struct holiday x = h->days[i];
		size_t j = i;
		for (; j > 0 && by_date(&h->days[j - 1], &x) > 0; j--)
			h->days[j] = h->days[j - 1];
		h->days[j] = x;
	}
}

/* Sorted, one entry per day, only the year's days. */
static void finish(struct holidays *h, int year)
{
	sort_days(h);
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

/* A statutory day and how it moves off a weekly day off. */
struct vn_day {
	long day;
	enum vn_name name, observed;
	int estimated, tet;
};

static int vn_weekend(long d)
{
	return day_weekday(d) == 0 || day_weekday(d) == 6;
}

static int vn_off(const struct vn_day *v, size_t n, const long *subs, size_t nsubs, long d)
{
	for (size_t i = 0; i < n; i++)
		if (v[i].day == d)
			return 1;
	for (size_t i = 0; i < nsubs; i++)
		if (subs[i] == d)
			return 1;
	return 0;
}

/* The Labour Code's days for a year the government has not announced
 * (2012 art. 115, 2019 art. 112), all of them or their substitutes marked
 * estimated where the government fixes them: Tết five days from 2013 (four
 * before) from the last day of the old year, as the notices have chosen
 * them; Hung Kings' day from 2007; a second National Day from 2021, on the
 * side that joins a weekend as the notices have placed it. A day falling on
 * a weekly day off (Saturday, Sunday: the civil servants' week the notices
 * are written for) gives the next working day off (art. 115(3), 112(3)),
 * except that since 2014 the notices have moved Tết's Saturday to the
 * working day before the break. */
static void vn_labour_code(struct holidays *h, int year, long tet)
{
	/* Monday's second day is the 3rd, Tuesday's the 1st, ... (0 Sunday) */
	static const signed char second[7] = {+1, +1, -1, -1, +1, -1, -1};
	struct vn_day v[16];
	size_t n = 0;
	long sep2 = day_of(year, 9, 2);
	v[n++] = (struct vn_day){day_of(year, 1, 1), VN_NEW_YEAR, VN_NEW_YEAR_OBSERVED, 0, 0};
	for (long d = tet - 1; d <= tet + (year >= 2013 ? 3 : 2); d++)
		v[n++] = (struct vn_day){d, VN_TET, VN_TET, 1, 1};
	if (year >= 2007)
		v[n++] = (struct vn_day){lunar(LUNISOLAR_VIETNAMESE, year, 3, 10), VN_HUNG_KINGS, VN_HUNG_KINGS_OBSERVED,
		                         0, 0};
	v[n++] = (struct vn_day){day_of(year, 4, 30), VN_REUNIFICATION, VN_REUNIFICATION_OBSERVED, 0, 0};
	v[n++] = (struct vn_day){day_of(year, 5, 1), VN_LABOUR, VN_LABOUR_OBSERVED, 0, 0};
	v[n++] = (struct vn_day){sep2, VN_NATIONAL, VN_NATIONAL_OBSERVED, 0, 0};
	if (year >= 2021)
		v[n++] = (struct vn_day){sep2 + second[day_weekday(sep2)], VN_NATIONAL_HOLIDAY, VN_NATIONAL_OBSERVED, 1,
		                         0};
	/* in date order, so that a substitute skips the ones before it */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i; j > 0 && v[j - 1].day > v[j].day; j--) {
			struct vn_day t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	long subs[16];
	size_t nsubs = 0;
	for (size_t i = 0; i < n; i++) {
		add(h, v[i].day, vn_names[v[i].name][0], vn_names[v[i].name][1], HOLIDAY_PUBLIC, v[i].estimated);
		if (!vn_weekend(v[i].day))
			continue;
		int back = v[i].tet && year >= 2014 && day_weekday(v[i].day) == 6;
		long d = v[i].day;
		do
			d += back ? -1 : 1;
		while (vn_weekend(d) || vn_off(v, n, subs, nsubs, d));
		subs[nsubs++] = d;
		add(h, d, vn_names[v[i].observed][0], vn_names[v[i].observed][1], HOLIDAY_PUBLIC, 1);
	}
}

static void vietnam(struct holidays *h, int year)
{
	const enum lunisolar_kind L = LUNISOLAR_VIETNAMESE;
	long tet = lunar(L, year, 1, 1);
	if (year >= VN_SCHEDULE_FIRST_YEAR && year <= VN_SCHEDULE_LAST_YEAR) {
		/* the announced breaks, days off and Saturdays worked */
		char prefix[8];
		snprintf(prefix, sizeof prefix, "%04d-", year % 10000);
		for (unsigned i = 0; i < vn_schedule_count; i++) {
			const struct vn_schedule_day *s = &vn_schedule[i];
			if (strncmp(s->date, prefix, 5))
				continue;
			add(h, day_of(year, atoi(s->date + 5), atoi(s->date + 8)), vn_names[s->name][0],
			    vn_names[s->name][1], s->off ? HOLIDAY_PUBLIC : HOLIDAY_WORKDAY, 0);
		}
	} else {
		vn_labour_code(h, year, tet);
	}
	add(h, tet, "Lunar New Year (Tết)", "Tết Nguyên Đán", HOLIDAY_OBSERVANCE, 0);
	add(h, lunar(L, year, 8, 15), "Mid-Autumn Festival", "Tết Trung Thu", HOLIDAY_OBSERVANCE, 0);
	add(h, day_of(year, 10, 20), "Vietnamese Women's Day", "Ngày Phụ nữ Việt Nam", HOLIDAY_OBSERVANCE, 0);
	new_year_closure(h, tet, "Tết factory closure", "Nghỉ Tết");
	new_year_closure(h, lunar(L, year + 1, 1, 1), "Tết factory closure", "Nghỉ Tết");
}

/* --- the other countries: one table of rules ------------------------------------- */

enum rule_type {
	FIXED,    /* a: month, b: day */
	NTH,      /* a: month, b: n-th (-1 the last), c: weekday (0 Sunday) */
	EASTER,   /* a: days after Easter Sunday */
	ISLAMIC,  /* a: enum islamic_event, b: days after it the first day falls */
	FESTIVAL, /* a: enum festival, b: days after it the first day falls */
	LUNAR,    /* a: month, b: day of the Chinese lunar year */
	EQUINOX,  /* a: 0 March, 1 September (Japan's formula) */
	SPECIAL,  /* a: month, b: day, in the one year `from` */
};

enum rule_flag {
	OBS_NEAREST = 1,  /* Saturday observed the Friday before, Sunday the Monday after (US) */
	OBS_NEXT = 2,     /* Saturday or Sunday observed the next weekday that is no holiday (GB) */
	OBS_SUNDAY = 4,   /* Sunday observed the next day that is no holiday (JP) */
	NOT_SUNDAY = 8,   /* not a holiday when it falls on a Sunday (India's list) */
	ESTIMATED = 16,   /* always estimated: computed, never checked against an announced list */
};

struct rule {
	const char *country;
	unsigned char type;
	signed char a, b, c;
	unsigned char days;       /* how many days in a row; 0 means 1 */
	unsigned char kind;       /* enum holiday_kind */
	unsigned char flags;      /* enum rule_flag */
	short from, to, every;    /* the years it applies (0: open), every n-th year from `from` */
	const short *except;      /* years it does not apply, 0-terminated */
	short estimated_after;    /* a year after this one is estimated (0: never) */
	const char *name, *local;
	const char *observed;     /* the substitute day's name */
};

#define Y(...) ((const short[]){__VA_ARGS__, 0})
#define PUB HOLIDAY_PUBLIC
#define OBS HOLIDAY_OBSERVANCE
#define CLO HOLIDAY_CLOSURE

/* Sources: the governments' lists as vacanza/holidays encodes them
 * (holidays/countries/<country>.py, commit c382fdec, which cites the laws
 * and notices); see tests/vectors/README.md. */
static const struct rule rules[] = {
	/* United States: federal holidays (5 U.S.C. 6103) */
	{"US", FIXED, 1, 1, 0, 0, PUB, OBS_NEAREST, 0, 0, 0, 0, 0, "New Year's Day", NULL, "New Year's Day (observed)"},
	{"US", NTH, 1, 3, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Martin Luther King Jr. Day", NULL, NULL},
	{"US", NTH, 2, 3, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Washington's Birthday", NULL, NULL},
	{"US", NTH, 5, -1, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Memorial Day", NULL, NULL},
	{"US", FIXED, 6, 19, 0, 0, PUB, OBS_NEAREST, 2021, 0, 0, 0, 0, "Juneteenth National Independence Day", NULL,
	 "Juneteenth National Independence Day (observed)"},
	{"US", FIXED, 7, 4, 0, 0, PUB, OBS_NEAREST, 0, 0, 0, 0, 0, "Independence Day", NULL, "Independence Day (observed)"},
	{"US", NTH, 9, 1, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Labor Day", NULL, NULL},
	{"US", NTH, 10, 2, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Columbus Day", NULL, NULL},
	{"US", FIXED, 11, 11, 0, 0, PUB, OBS_NEAREST, 0, 0, 0, 0, 0, "Veterans Day", NULL, "Veterans Day (observed)"},
	{"US", NTH, 11, 4, 4, 0, PUB, 0, 0, 0, 0, 0, 0, "Thanksgiving Day", NULL, NULL},
	{"US", FIXED, 12, 25, 0, 0, PUB, OBS_NEAREST, 0, 0, 0, 0, 0, "Christmas Day", NULL, "Christmas Day (observed)"},

	/* United Kingdom: England and Wales bank holidays (Banking and Financial Dealings Act 1971) */
	{"GB", FIXED, 1, 1, 0, 0, PUB, OBS_NEXT, 0, 0, 0, 0, 0, "New Year's Day", NULL, "New Year's Day (observed)"},
	{"GB", EASTER, -2, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Good Friday", NULL, NULL},
	{"GB", EASTER, 1, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Monday", NULL, NULL},
	{"GB", NTH, 5, 1, 1, 0, PUB, 0, 0, 0, 0, Y(2020), 0, "May Day", NULL, NULL},
	{"GB", SPECIAL, 5, 8, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "May Day", NULL, NULL},
	{"GB", NTH, 5, -1, 1, 0, PUB, 0, 0, 0, 0, Y(2002, 2012, 2022), 0, "Spring Bank Holiday", NULL, NULL},
	{"GB", SPECIAL, 6, 4, 0, 0, PUB, 0, 2002, 0, 0, 0, 0, "Spring Bank Holiday", NULL, NULL},
	{"GB", SPECIAL, 6, 4, 0, 0, PUB, 0, 2012, 0, 0, 0, 0, "Spring Bank Holiday", NULL, NULL},
	{"GB", SPECIAL, 6, 2, 0, 0, PUB, 0, 2022, 0, 0, 0, 0, "Spring Bank Holiday", NULL, NULL},
	{"GB", NTH, 8, -1, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Late Summer Bank Holiday", NULL, NULL},
	{"GB", FIXED, 12, 25, 0, 0, PUB, OBS_NEXT, 0, 0, 0, 0, 0, "Christmas Day", NULL, "Christmas Day (observed)"},
	{"GB", FIXED, 12, 26, 0, 0, PUB, OBS_NEXT, 0, 0, 0, 0, 0, "Boxing Day", NULL, "Boxing Day (observed)"},
	{"GB", SPECIAL, 6, 3, 0, 0, PUB, 0, 2002, 0, 0, 0, 0, "Golden Jubilee of Elizabeth II", NULL, NULL},
	{"GB", SPECIAL, 4, 29, 0, 0, PUB, 0, 2011, 0, 0, 0, 0, "Wedding of William and Catherine", NULL, NULL},
	{"GB", SPECIAL, 6, 5, 0, 0, PUB, 0, 2012, 0, 0, 0, 0, "Diamond Jubilee of Elizabeth II", NULL, NULL},
	{"GB", SPECIAL, 6, 3, 0, 0, PUB, 0, 2022, 0, 0, 0, 0, "Platinum Jubilee of Elizabeth II", NULL, NULL},
	{"GB", SPECIAL, 9, 19, 0, 0, PUB, 0, 2022, 0, 0, 0, 0, "State Funeral of Queen Elizabeth II", NULL, NULL},
	{"GB", SPECIAL, 5, 8, 0, 0, PUB, 0, 2023, 0, 0, 0, 0, "Coronation of Charles III", NULL, NULL},

	/* Germany: the nationwide days */
	{"DE", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Neujahr", NULL},
	{"DE", EASTER, -2, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Good Friday", "Karfreitag", NULL},
	{"DE", EASTER, 1, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Monday", "Ostermontag", NULL},
	{"DE", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", "Erster Mai", NULL},
	{"DE", EASTER, 39, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Ascension Day", "Christi Himmelfahrt", NULL},
	{"DE", EASTER, 50, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Whit Monday", "Pfingstmontag", NULL},
	{"DE", FIXED, 10, 3, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "German Unity Day", "Tag der Deutschen Einheit", NULL},
	{"DE", SPECIAL, 10, 31, 0, 0, PUB, 0, 2017, 0, 0, 0, 0, "Reformation Day", "Reformationstag", NULL},
	{"DE", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "Erster Weihnachtstag", NULL},
	{"DE", FIXED, 12, 26, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Second Day of Christmas", "Zweiter Weihnachtstag", NULL},

	/* France: Code du travail L3133-1 */
	{"FR", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Jour de l'an", NULL},
	{"FR", EASTER, 1, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Monday", "Lundi de Pâques", NULL},
	{"FR", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", "Fête du Travail", NULL},
	{"FR", FIXED, 5, 8, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Victory Day", "Fête de la Victoire", NULL},
	{"FR", EASTER, 39, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Ascension Day", "Ascension", NULL},
	{"FR", EASTER, 50, 0, 0, 0, PUB, 0, 0, 0, 0, Y(2005, 2006, 2007), 0, "Whit Monday", "Lundi de Pentecôte", NULL},
	{"FR", FIXED, 7, 14, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "National Day", "Fête nationale", NULL},
	{"FR", FIXED, 8, 15, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Assumption Day", "Assomption", NULL},
	{"FR", FIXED, 11, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "All Saints' Day", "Toussaint", NULL},
	{"FR", FIXED, 11, 11, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Armistice Day", "Armistice", NULL},
	{"FR", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "Noël", NULL},

	/* Italy: Law 260/1949 and later */
	{"IT", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Capodanno", NULL},
	{"IT", FIXED, 1, 6, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Epiphany", "Epifania", NULL},
	{"IT", EASTER, 0, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Sunday", "Pasqua", NULL},
	{"IT", EASTER, 1, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Monday", "Lunedì dell'Angelo", NULL},
	{"IT", SPECIAL, 3, 17, 0, 0, PUB, 0, 2011, 0, 0, 0, 0, "150th Anniversary of the Unification of Italy",
	 "Anniversario dell'Unità d'Italia", NULL},
	{"IT", FIXED, 4, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Liberation Day", "Anniversario della Liberazione", NULL},
	{"IT", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", "Festa del Lavoro", NULL},
	{"IT", FIXED, 6, 2, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Republic Day", "Festa della Repubblica", NULL},
	{"IT", FIXED, 8, 15, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Assumption Day", "Assunzione della Beata Vergine Maria", NULL},
	{"IT", FIXED, 10, 4, 0, 0, PUB, 0, 2026, 0, 0, 0, 0, "Saint Francis of Assisi", "San Francesco d'Assisi", NULL},
	{"IT", FIXED, 11, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "All Saints' Day", "Ognissanti", NULL},
	{"IT", NTH, 11, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "National Unity Day", "Giorno dell'unità nazionale", NULL},
	{"IT", FIXED, 12, 8, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Immaculate Conception", "Immacolata Concezione", NULL},
	{"IT", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "Natale", NULL},
	{"IT", FIXED, 12, 26, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Saint Stephen's Day", "Santo Stefano", NULL},

	/* Portugal: Código do Trabalho art. 234 (four days suspended 2013-2015) */
	{"PT", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Ano Novo", NULL},
	{"PT", EASTER, -2, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Good Friday", "Sexta-feira Santa", NULL},
	{"PT", EASTER, 0, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Sunday", "Páscoa", NULL},
	{"PT", FIXED, 4, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Freedom Day", "Dia da Liberdade", NULL},
	{"PT", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", "Dia do Trabalhador", NULL},
	{"PT", EASTER, 60, 0, 0, 0, PUB, 0, 0, 0, 0, Y(2013, 2014, 2015), 0, "Corpus Christi", "Corpo de Deus", NULL},
	{"PT", FIXED, 6, 10, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Portugal Day", "Dia de Portugal", NULL},
	{"PT", FIXED, 8, 15, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Assumption Day", "Assunção de Nossa Senhora", NULL},
	{"PT", FIXED, 10, 5, 0, 0, PUB, 0, 0, 0, 0, Y(2013, 2014, 2015), 0, "Republic Day", "Implantação da República", NULL},
	{"PT", FIXED, 11, 1, 0, 0, PUB, 0, 0, 0, 0, Y(2013, 2014, 2015), 0, "All Saints' Day", "Dia de Todos os Santos", NULL},
	{"PT", FIXED, 12, 1, 0, 0, PUB, 0, 0, 0, 0, Y(2013, 2014, 2015), 0, "Restoration of Independence",
	 "Restauração da Independência", NULL},
	{"PT", FIXED, 12, 8, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Immaculate Conception", "Imaculada Conceição", NULL},
	{"PT", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "Dia de Natal", NULL},

	/* Mexico: Ley Federal del Trabajo art. 74 */
	{"MX", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Año Nuevo", NULL},
	{"MX", FIXED, 2, 5, 0, 0, PUB, 0, 0, 2005, 0, 0, 0, "Constitution Day", "Día de la Constitución", NULL},
	{"MX", NTH, 2, 1, 1, 0, PUB, 0, 2006, 0, 0, 0, 0, "Constitution Day", "Día de la Constitución", NULL},
	{"MX", FIXED, 3, 21, 0, 0, PUB, 0, 0, 2006, 0, 0, 0, "Benito Juárez's Birthday", "Natalicio de Benito Juárez", NULL},
	{"MX", NTH, 3, 3, 1, 0, PUB, 0, 2007, 0, 0, 0, 0, "Benito Juárez's Birthday", "Natalicio de Benito Juárez", NULL},
	{"MX", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", "Día del Trabajo", NULL},
	{"MX", FIXED, 9, 16, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", "Día de la Independencia", NULL},
	{"MX", FIXED, 12, 1, 0, 0, PUB, 0, 1970, 2018, 6, 0, 0, "Change of Federal Government",
	 "Transmisión del Poder Ejecutivo Federal", NULL},
	{"MX", FIXED, 10, 1, 0, 0, PUB, 0, 2024, 0, 6, 0, 0, "Change of Federal Government",
	 "Transmisión del Poder Ejecutivo Federal", NULL},
	{"MX", FIXED, 11, 20, 0, 0, PUB, 0, 0, 2005, 0, 0, 0, "Revolution Day", "Día de la Revolución", NULL},
	{"MX", NTH, 11, 3, 1, 0, PUB, 0, 2006, 0, 0, 0, 0, "Revolution Day", "Día de la Revolución", NULL},
	{"MX", FIXED, 12, 12, 0, 0, OBS, 0, 0, 0, 0, 0, 0, "Our Lady of Guadalupe", "Día de la Virgen de Guadalupe", NULL},
	{"MX", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "Navidad", NULL},

	/* Japan: the Act on National Holidays; the equinoxes are announced a
	 * year ahead (the Cabinet Office's gazette each February) */
	{"JP", FIXED, 1, 1, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 0, "New Year's Day", "元日", "振替休日"},
	{"JP", NTH, 1, 2, 1, 0, PUB, 0, 0, 0, 0, 0, 0, "Coming of Age Day", "成人の日", NULL},
	{"JP", FIXED, 2, 11, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 0, "Foundation Day", "建国記念の日", "振替休日"},
	{"JP", FIXED, 2, 23, 0, 0, PUB, OBS_SUNDAY, 2020, 0, 0, 0, 0, "Emperor's Birthday", "天皇誕生日", "振替休日"},
	{"JP", EQUINOX, 0, 0, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 2027, "Vernal Equinox Day", "春分の日", "振替休日"},
	{"JP", FIXED, 4, 29, 0, 0, PUB, OBS_SUNDAY, 0, 2006, 0, 0, 0, "Greenery Day", "みどりの日", "振替休日"},
	{"JP", FIXED, 4, 29, 0, 0, PUB, OBS_SUNDAY, 2007, 0, 0, 0, 0, "Showa Day", "昭和の日", "振替休日"},
	{"JP", FIXED, 5, 3, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 0, "Constitution Day", "憲法記念日", "振替休日"},
	{"JP", FIXED, 5, 4, 0, 0, PUB, OBS_SUNDAY, 2007, 0, 0, 0, 0, "Greenery Day", "みどりの日", "振替休日"},
	{"JP", FIXED, 5, 5, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 0, "Children's Day", "こどもの日", "振替休日"},
	{"JP", FIXED, 7, 20, 0, 0, PUB, OBS_SUNDAY, 0, 2002, 0, 0, 0, "Marine Day", "海の日", "振替休日"},
	{"JP", NTH, 7, 3, 1, 0, PUB, 0, 2003, 0, 0, Y(2020, 2021), 0, "Marine Day", "海の日", NULL},
	{"JP", SPECIAL, 7, 23, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "Marine Day", "海の日", NULL},
	{"JP", SPECIAL, 7, 22, 0, 0, PUB, 0, 2021, 0, 0, 0, 0, "Marine Day", "海の日", NULL},
	{"JP", FIXED, 8, 11, 0, 0, PUB, OBS_SUNDAY, 2016, 0, 0, Y(2020, 2021), 0, "Mountain Day", "山の日", "振替休日"},
	{"JP", SPECIAL, 8, 10, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "Mountain Day", "山の日", NULL},
	{"JP", SPECIAL, 8, 8, 0, 0, PUB, OBS_SUNDAY, 2021, 0, 0, 0, 0, "Mountain Day", "山の日", "振替休日"},
	{"JP", FIXED, 9, 15, 0, 0, PUB, OBS_SUNDAY, 0, 2002, 0, 0, 0, "Respect for the Aged Day", "敬老の日", "振替休日"},
	{"JP", NTH, 9, 3, 1, 0, PUB, 0, 2003, 0, 0, 0, 0, "Respect for the Aged Day", "敬老の日", NULL},
	{"JP", EQUINOX, 1, 0, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 2026, "Autumnal Equinox Day", "秋分の日", "振替休日"},
	{"JP", NTH, 10, 2, 1, 0, PUB, 0, 0, 2019, 0, 0, 0, "Sports Day", "体育の日", NULL},
	{"JP", SPECIAL, 7, 24, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "Sports Day", "スポーツの日", NULL},
	{"JP", SPECIAL, 7, 23, 0, 0, PUB, 0, 2021, 0, 0, 0, 0, "Sports Day", "スポーツの日", NULL},
	{"JP", NTH, 10, 2, 1, 0, PUB, 0, 2022, 0, 0, 0, 0, "Sports Day", "スポーツの日", NULL},
	{"JP", FIXED, 11, 3, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 0, "Culture Day", "文化の日", "振替休日"},
	{"JP", FIXED, 11, 23, 0, 0, PUB, OBS_SUNDAY, 0, 0, 0, 0, 0, "Labour Thanksgiving Day", "勤労感謝の日", "振替休日"},
	{"JP", FIXED, 12, 23, 0, 0, PUB, OBS_SUNDAY, 0, 2018, 0, 0, 0, "Emperor's Birthday", "天皇誕生日", "振替休日"},
	{"JP", SPECIAL, 5, 1, 0, 0, PUB, 0, 2019, 0, 0, 0, 0, "Enthronement Day", "天皇の即位の日", NULL},
	{"JP", SPECIAL, 10, 22, 0, 0, PUB, 0, 2019, 0, 0, 0, 0, "Enthronement Ceremony Day", "即位礼正殿の儀が行われる日", NULL},

	/* Türkiye: Law 2429; the bayrams from Diyanet's computed calendar */
	{"TR", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Yılbaşı", NULL},
	{"TR", ISLAMIC, ISLAMIC_EID_AL_FITR, 0, 0, 3, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Fitr", "Ramazan Bayramı", NULL},
	{"TR", FIXED, 4, 23, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "National Sovereignty and Children's Day",
	 "Ulusal Egemenlik ve Çocuk Bayramı", NULL},
	{"TR", FIXED, 5, 1, 0, 0, PUB, 0, 2009, 0, 0, 0, 0, "Labour and Solidarity Day", "Emek ve Dayanışma Günü", NULL},
	{"TR", FIXED, 5, 19, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Commemoration of Atatürk, Youth and Sports Day",
	 "Atatürk'ü Anma, Gençlik ve Spor Bayramı", NULL},
	{"TR", ISLAMIC, ISLAMIC_EID_AL_ADHA, 0, 0, 4, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Adha", "Kurban Bayramı", NULL},
	{"TR", FIXED, 7, 15, 0, 0, PUB, 0, 2017, 0, 0, 0, 0, "Democracy and National Unity Day",
	 "Demokrasi ve Millî Birlik Günü", NULL},
	{"TR", FIXED, 8, 30, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Victory Day", "Zafer Bayramı", NULL},
	{"TR", FIXED, 10, 29, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Republic Day", "Cumhuriyet Bayramı", NULL},

	/* Pakistan: the Cabinet Division's lists */
	{"PK", FIXED, 2, 5, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Kashmir Solidarity Day", NULL, NULL},
	{"PK", FIXED, 3, 23, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Pakistan Day", NULL, NULL},
	{"PK", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", NULL, NULL},
	{"PK", FIXED, 5, 28, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "Youm-e-Takbeer", NULL, NULL},
	{"PK", FIXED, 8, 14, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", NULL, NULL},
	{"PK", FIXED, 11, 9, 0, 0, PUB, 0, 0, 0, 0, Y(2015, 2016, 2017, 2018, 2019, 2020, 2021), 0, "Iqbal Day", NULL, NULL},
	{"PK", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Quaid-e-Azam Day", NULL, NULL},
	{"PK", ISLAMIC, ISLAMIC_EID_AL_FITR, 0, 0, 3, PUB, 0, 0, 0, 0, 0, 0, "Eid-ul-Fitr", "عید الفطر", NULL},
	{"PK", ISLAMIC, ISLAMIC_EID_AL_ADHA, 0, 0, 3, PUB, 0, 0, 0, 0, 0, 0, "Eid-ul-Adha", "عید الاضحی", NULL},
	{"PK", ISLAMIC, ISLAMIC_MAWLID, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Eid Milad-un-Nabi", "عید میلاد النبی", NULL},
	{"PK", ISLAMIC, ISLAMIC_ASHURA, -1, 0, 2, PUB, 0, 0, 0, 0, 0, 0, "Ashura", "عاشورہ", NULL},
	{"PK", ISLAMIC, ISLAMIC_EID_AL_FITR, -1, 0, 6, CLO, 0, 0, 0, 0, 0, 0, "Eid factory closure", NULL, NULL},
	{"PK", ISLAMIC, ISLAMIC_EID_AL_ADHA, -1, 0, 6, CLO, 0, 0, 0, 0, 0, 0, "Eid factory closure", NULL, NULL},

	/* Bangladesh: the Ministry of Public Administration's general holidays;
	 * garment factories close 8-10 days around each Eid */
	{"BD", FIXED, 2, 21, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Language Martyrs' Day", "শহীদ দিবস", NULL},
	{"BD", FIXED, 3, 17, 0, 0, PUB, 0, 0, 2024, 0, 0, 0, "Sheikh Mujibur Rahman's Birthday", "জাতির পিতার জন্মদিবস", NULL},
	{"BD", FIXED, 3, 26, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", "স্বাধীনতা দিবস", NULL},
	{"BD", FIXED, 4, 14, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Bengali New Year", "পহেলা বৈশাখ", NULL},
	{"BD", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "May Day", "মে দিবস", NULL},
	{"BD", FIXED, 8, 5, 0, 0, PUB, 0, 2025, 0, 0, 0, 0, "July Mass Uprising Day", "জুলাই গণ-অভ্যুত্থান দিবস", NULL},
	{"BD", FIXED, 8, 15, 0, 0, PUB, 0, 0, 2024, 0, 0, 0, "National Mourning Day", "জাতীয় শোক দিবস", NULL},
	{"BD", FIXED, 12, 16, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Victory Day", "বিজয় দিবস", NULL},
	{"BD", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "বড়দিন", NULL},
	{"BD", ISLAMIC, ISLAMIC_ASHURA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Ashura", "আশুরা", NULL},
	{"BD", ISLAMIC, ISLAMIC_MAWLID, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Eid-e-Milad-un-Nabi", "ঈদে মিলাদুন্নবী", NULL},
	{"BD", ISLAMIC, ISLAMIC_SHAB_E_BARAT, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Shab-e-Barat", "শবে বরাত", NULL},
	{"BD", ISLAMIC, ISLAMIC_LAYLAT_AL_QADR, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Shab-e-Qadr", "শবে কদর", NULL},
	{"BD", ISLAMIC, ISLAMIC_JUMUATUL_WIDA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Jumatul Bidah", "জুমাতুল বিদা", NULL},
	{"BD", ISLAMIC, ISLAMIC_EID_AL_FITR, 0, 0, 3, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Fitr", "ঈদুল ফিতর", NULL},
	{"BD", ISLAMIC, ISLAMIC_EID_AL_ADHA, 0, 0, 3, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Adha", "ঈদুল আজহা", NULL},
	{"BD", ISLAMIC, ISLAMIC_EID_AL_FITR, -3, 0, 10, CLO, 0, 0, 0, 0, 0, 0, "Eid factory closure", "ঈদের ছুটি", NULL},
	{"BD", ISLAMIC, ISLAMIC_EID_AL_ADHA, -3, 0, 10, CLO, 0, 0, 0, 0, 0, 0, "Eid factory closure", "ঈদের ছুটি", NULL},
	{"BD", FESTIVAL, FEST_BUDDHA_PURNIMA, 0, 0, 0, OBS, 0, 0, 0, 0, 0, 0, "Buddha Purnima", "বুদ্ধ পূর্ণিমা", NULL},
	{"BD", FESTIVAL, FEST_JANMASHTAMI, 0, 0, 0, OBS, 0, 0, 0, 0, 0, 0, "Janmashtami", "জন্মাষ্টমী", NULL},
	{"BD", FESTIVAL, FEST_DUSSEHRA, 0, 0, 0, OBS, 0, 0, 0, 0, 0, 0, "Durga Puja (Bijoya Dashami)", "বিজয়া দশমী", NULL},
	{"BD", SPECIAL, 1, 7, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "General election", "সাধারণ ছুটি", NULL},
	{"BD", SPECIAL, 8, 5, 0, 3, PUB, 0, 2024, 0, 0, 0, 0, "General holiday", "সাধারণ ছুটি", NULL},

	/* India: the central government's compulsory holidays (with its
	 * restricted-list years for Shivaratri, Holi and Janmashtami) */
	{"IN", FIXED, 1, 26, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Republic Day", "गणतंत्र दिवस", NULL},
	{"IN", FESTIVAL, FEST_MAHA_SHIVARATRI, 0, 0, 0, PUB, 0, 0, 0, 0,
	 Y(2003, 2009, 2010, 2013, 2014, 2015, 2016, 2020, 2021, 2023, 2024, 2026), 0, "Maha Shivaratri", "महाशिवरात्रि", NULL},
	{"IN", FESTIVAL, FEST_HOLI, 0, 0, 0, PUB, 0, 0, 0, 0, Y(2002, 2011), 0, "Holi", "होली", NULL},
	{"IN", EASTER, -2, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Good Friday", NULL, NULL},
	{"IN", FESTIVAL, FEST_RAM_NAVAMI, 0, 0, 0, PUB, NOT_SUNDAY, 0, 0, 0, 0, 0, "Ram Navami", "राम नवमी", NULL},
	{"IN", FESTIVAL, FEST_MAHAVIR_JAYANTI, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Mahavir Jayanti", "महावीर जयंती", NULL},
	{"IN", FIXED, 4, 14, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Dr. B. R. Ambedkar's Jayanti", "आंबेडकर जयंती", NULL},
	{"IN", FESTIVAL, FEST_BUDDHA_PURNIMA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Buddha Purnima", "बुद्ध पूर्णिमा", NULL},
	{"IN", FIXED, 8, 15, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", "स्वतंत्रता दिवस", NULL},
	{"IN", FESTIVAL, FEST_JANMASHTAMI, 0, 0, 0, PUB, 0, 0, 0, 0, Y(2008, 2017), 0, "Janmashtami", "जन्माष्टमी", NULL},
	{"IN", FIXED, 10, 2, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Mahatma Gandhi's Jayanti", "गांधी जयंती", NULL},
	{"IN", FESTIVAL, FEST_DUSSEHRA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Dussehra", "दशहरा", NULL},
	{"IN", SPECIAL, 10, 14, 0, 0, PUB, 0, 2002, 0, 0, 0, 0, "Dussehra (Mahanavami)", "महानवमी", NULL},
	{"IN", FESTIVAL, FEST_DIWALI, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Diwali", "दीपावली", NULL},
	{"IN", FESTIVAL, FEST_GURU_NANAK_JAYANTI, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Guru Nanak's Jayanti", "गुरु नानक जयंती", NULL},
	{"IN", ISLAMIC, ISLAMIC_ASHURA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Muharram", "मुहर्रम", NULL},
	{"IN", ISLAMIC, ISLAMIC_MAWLID, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Milad-un-Nabi", "मिलाद-उन-नबी", NULL},
	{"IN", ISLAMIC, ISLAMIC_EID_AL_FITR, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Id-ul-Fitr", "ईद-उल-फ़ितर", NULL},
	{"IN", ISLAMIC, ISLAMIC_EID_AL_ADHA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Id-ul-Zuha (Bakrid)", "ईद-उल-ज़ुहा", NULL},
	{"IN", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas", "क्रिसमस", NULL},

	/* Indonesia: the joint ministerial decrees; factories stop for the
	 * week of Lebaran (cuti bersama) */
	{"ID", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "Tahun Baru Masehi", NULL},
	{"ID", ISLAMIC, ISLAMIC_ISRA_MIRAJ, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Isra' Mi'raj", "Isra Mikraj Nabi Muhammad", NULL},
	{"ID", LUNAR, 1, 1, 0, 0, PUB, 0, 2003, 0, 0, 0, 0, "Chinese New Year", "Tahun Baru Imlek", NULL},
	{"ID", FESTIVAL, FEST_NYEPI, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Day of Silence (Nyepi)", "Hari Suci Nyepi", NULL},
	{"ID", EASTER, -2, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Good Friday", "Wafat Yesus Kristus", NULL},
	{"ID", EASTER, 0, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Easter Sunday", "Kebangkitan Yesus Kristus", NULL},
	{"ID", ISLAMIC, ISLAMIC_EID_AL_FITR, 0, 0, 2, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Fitr", "Hari Raya Idul Fitri", NULL},
	{"ID", FIXED, 5, 1, 0, 0, PUB, 0, 2014, 0, 0, 0, 0, "Labour Day", "Hari Buruh Internasional", NULL},
	{"ID", EASTER, 39, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Ascension Day", "Kenaikan Yesus Kristus", NULL},
	{"ID", ISLAMIC, ISLAMIC_EID_AL_ADHA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Adha", "Hari Raya Idul Adha", NULL},
	{"ID", FESTIVAL, FEST_VESAK_ID, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Vesak", "Hari Raya Waisak", NULL},
	{"ID", FIXED, 6, 1, 0, 0, PUB, 0, 2017, 0, 0, 0, 0, "Pancasila Day", "Hari Lahir Pancasila", NULL},
	{"ID", ISLAMIC, ISLAMIC_NEW_YEAR, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Islamic New Year", "Tahun Baru Islam", NULL},
	{"ID", FIXED, 8, 17, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", "Hari Kemerdekaan Republik Indonesia", NULL},
	{"ID", ISLAMIC, ISLAMIC_MAWLID, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Prophet's Birthday", "Maulid Nabi Muhammad", NULL},
	{"ID", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "Hari Raya Natal", NULL},
	{"ID", ISLAMIC, ISLAMIC_EID_AL_FITR, -3, 0, 8, CLO, 0, 0, 0, 0, 0, 0, "Lebaran factory closure", "Cuti Lebaran", NULL},
	{"ID", SPECIAL, 4, 5, 0, 0, PUB, 0, 2004, 0, 0, 0, 0, "Legislative election", "Hari Pemilihan Legislatif", NULL},
	{"ID", SPECIAL, 7, 5, 0, 0, PUB, 0, 2004, 0, 0, 0, 0, "Presidential election", "Hari Pemilihan Presiden", NULL},
	{"ID", SPECIAL, 9, 20, 0, 0, PUB, 0, 2004, 0, 0, 0, 0, "Presidential election", "Hari Pemilihan Presiden", NULL},
	{"ID", SPECIAL, 4, 9, 0, 0, PUB, 0, 2009, 0, 0, 0, 0, "Legislative election", "Hari Pemilihan Legislatif", NULL},
	{"ID", SPECIAL, 7, 8, 0, 0, PUB, 0, 2009, 0, 0, 0, 0, "Presidential election", "Hari Pemilihan Presiden", NULL},
	{"ID", SPECIAL, 4, 9, 0, 0, PUB, 0, 2014, 0, 0, 0, 0, "Legislative election", "Hari Pemilihan Legislatif", NULL},
	{"ID", SPECIAL, 7, 9, 0, 0, PUB, 0, 2014, 0, 0, 0, 0, "Presidential election", "Hari Pemilihan Presiden", NULL},
	{"ID", SPECIAL, 12, 9, 0, 0, PUB, 0, 2015, 0, 0, 0, 0, "Regional elections", "Hari Pemilihan Kepala Daerah", NULL},
	{"ID", SPECIAL, 2, 15, 0, 0, PUB, 0, 2017, 0, 0, 0, 0, "Regional elections", "Hari Pemilihan Kepala Daerah", NULL},
	{"ID", SPECIAL, 6, 27, 0, 0, PUB, 0, 2018, 0, 0, 0, 0, "Regional elections", "Hari Pemilihan Kepala Daerah", NULL},
	{"ID", SPECIAL, 4, 17, 0, 0, PUB, 0, 2019, 0, 0, 0, 0, "General election", "Hari Pemilihan Umum", NULL},
	{"ID", SPECIAL, 12, 9, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "Regional elections", "Hari Pemilihan Kepala Daerah", NULL},
	{"ID", SPECIAL, 2, 14, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "General election", "Hari Pemilihan Umum", NULL},
	{"ID", SPECIAL, 11, 27, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "Regional elections", "Hari Pemilihan Kepala Daerah", NULL},

	/* Cambodia: the government's yearly lists (National Bank of Cambodia's
	 * official holidays; Sub-decree on Peace Day, 2024). From 2020 the list
	 * was cut: Meak Bochea, Children's Day, Paris Peace Agreements Day and
	 * Human Rights Day went, the King's birthday became one day. The lunar
	 * days come from the Khmer calendar's tables (buddhist.c): computed, not
	 * checked against an official list before 2015 or announced after 2026,
	 * so estimated there. A Buddhist day names the day it shares with
	 * Labour Day (Visak Bochea 2026). No factory closure: none is documented. */
	{"KH", FIXED, 1, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "New Year's Day", "ទិវាចូលឆ្នាំសាកល", NULL},
	{"KH", FIXED, 1, 7, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Victory over Genocide Day", "ទិវាជ័យជម្នះលើរបបប្រល័យពូជសាសន៍",
	 NULL},
	{"KH", FESTIVAL, FEST_KH_MEAK_BOCHEA, 0, 0, 0, PUB, ESTIMATED, 0, 2014, 0, 0, 0,
	 "Meak Bochea", "ពិធីបុណ្យមាឃបូជា", NULL},
	{"KH", FESTIVAL, FEST_KH_MEAK_BOCHEA, 0, 0, 0, PUB, 0, 2015, 2019, 0, 0, 0,
	 "Meak Bochea", "ពិធីបុណ្យមាឃបូជា", NULL},
	{"KH", FESTIVAL, FEST_KH_MEAK_BOCHEA, 0, 0, 0, OBS, 0, 2020, 0, 0, 0, 2026,
	 "Meak Bochea", "ពិធីបុណ្យមាឃបូជា", NULL},
	{"KH", FIXED, 3, 8, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "International Women's Day", "ទិវាអន្តរជាតិនារី", NULL},
	{"KH", FESTIVAL, FEST_KH_NEW_YEAR, 0, 0, 3, PUB, ESTIMATED, 0, 2014, 0, 0, 0, "Khmer New Year",
	 "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ", NULL},
	{"KH", FESTIVAL, FEST_KH_NEW_YEAR, 0, 0, 3, PUB, 0, 2015, 0, 0, Y(2020), 2026, "Khmer New Year",
	 "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ", NULL},
	{"KH", SPECIAL, 4, 16, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "Khmer New Year", "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ", NULL},
	/* 2020: the new year's days off moved to August (COVID-19) */
	{"KH", FESTIVAL, FEST_KH_NEW_YEAR, 0, 0, 3, OBS, 0, 2020, 2020, 0, 0, 0, "Khmer New Year",
	 "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ", NULL},
	{"KH", SPECIAL, 8, 17, 0, 5, PUB, 0, 2020, 0, 0, 0, 0, "Khmer New Year (moved from April)",
	 "ថ្ងៃឈប់សម្រាកសងជំនួសឲ្យពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ", NULL},
	{"KH", FIXED, 5, 13, 0, 3, PUB, 0, 2005, 2019, 0, 0, 0, "King's Birthday",
	 "ព្រះរាជពិធីបុណ្យចម្រើនព្រះជន្ម ព្រះករុណា ព្រះបាទសម្តេចព្រះបរមនាថ នរោត្តម សីហមុនី", NULL},
	{"KH", FIXED, 5, 14, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "King's Birthday",
	 "ព្រះរាជពិធីបុណ្យចម្រើនព្រះជន្ម ព្រះករុណា ព្រះបាទសម្តេចព្រះបរមនាថ នរោត្តម សីហមុនី", NULL},
	{"KH", FESTIVAL, FEST_KH_VISAK_BOCHEA, 0, 0, 0, PUB, ESTIMATED, 0, 2014, 0, 0, 0,
	 "Visak Bochea", "ពិធីបុណ្យវិសាខបូជា",
	 NULL},
	{"KH", FESTIVAL, FEST_KH_VISAK_BOCHEA, 0, 0, 0, PUB, 0, 2015, 0, 0, 0, 2026,
	 "Visak Bochea", "ពិធីបុណ្យវិសាខបូជា", NULL},
	{"KH", FESTIVAL, FEST_KH_ROYAL_PLOUGHING, 0, 0, 0, PUB, ESTIMATED, 0, 2014, 0, 0, 0, "Royal Ploughing Ceremony",
	 "ព្រះរាជពិធីច្រត់ព្រះនង្គ័ល", NULL},
	{"KH", FESTIVAL, FEST_KH_ROYAL_PLOUGHING, 0, 0, 0, PUB, 0, 2015, 0, 0, 0, 2026, "Royal Ploughing Ceremony",
	 "ព្រះរាជពិធីច្រត់ព្រះនង្គ័ល", NULL},
	{"KH", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Labour Day", "ទិវាពលកម្មអន្តរជាតិ", NULL},
	{"KH", FIXED, 5, 20, 0, 0, PUB, 0, 2018, 2019, 0, 0, 0, "National Day of Remembrance", "ទិវាជាតិនៃការចងចាំ", NULL},
	{"KH", FIXED, 6, 1, 0, 0, PUB, 0, 0, 2019, 0, 0, 0, "International Children's Day", "ទិវាកុមារអន្តរជាតិ", NULL},
	{"KH", FIXED, 6, 18, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Queen Mother's Birthday",
	 "ព្រះរាជពិធីបុណ្យចម្រើនព្រះជន្ម សម្តេចព្រះមហាក្សត្រី ព្រះវររាជមាតា នរោត្តម មុនិនាថ សីហនុ", NULL},
	{"KH", FIXED, 9, 24, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Constitution Day", "ទិវាប្រកាសរដ្ឋធម្មនុញ្ញ", NULL},
	/* Pchum Ben: the day before the new moon of month 10 and the new moon
	 * day, and from 2017 the day after */
	{"KH", FESTIVAL, FEST_KH_PCHUM_BEN, -1, 0, 2, PUB, ESTIMATED, 0, 2014, 0, 0, 0,
	 "Pchum Ben", "ពិធីបុណ្យភ្ផុំបិណ្ឌ", NULL},
	{"KH", FESTIVAL, FEST_KH_PCHUM_BEN, -1, 0, 2, PUB, 0, 2015, 2016, 0, 0, 0,
	 "Pchum Ben", "ពិធីបុណ្យភ្ផុំបិណ្ឌ", NULL},
	{"KH", FESTIVAL, FEST_KH_PCHUM_BEN, -1, 0, 3, PUB, 0, 2017, 0, 0, 0, 2026,
	 "Pchum Ben", "ពិធីបុណ្យភ្ផុំបិណ្ឌ", NULL},
	{"KH", FIXED, 10, 15, 0, 0, PUB, 0, 2012, 0, 0, 0, 0, "King Father Norodom Sihanouk Commemoration Day",
	 "ទិវាប្រារព្ឋពិធីគោរពព្រះវិញ្ញាណក្ខន្ឋ ព្រះករុណា ព្រះបាទសម្តេចព្រះ នរោត្តម សីហនុ ព្រះមហាវីរក្សត្រ "
	 "ព្រះវររាជបិតាឯករាជ្យ បូរណភាពទឹកដី និងឯកភាពជាតិខ្មែរ ព្រះបរមរតនកោដ្ឋ", NULL},
	{"KH", FIXED, 10, 23, 0, 0, PUB, 0, 0, 2019, 0, 0, 0, "Paris Peace Agreements Day",
	 "ទិវារំលឹកសន្ធិសញ្ញាសន្តិភាពទីក្រុងប៉ារីស", NULL},
	{"KH", FIXED, 10, 29, 0, 0, PUB, 0, 2004, 0, 0, 0, 0, "Coronation Day",
	 "ព្រះរាជពិធីគ្រងព្រះបរមរាជសម្បត្តិ របស់ ព្រះករុណា ព្រះបាទសម្តេចព្រះបរមនាថ នរោត្តម សីហមុនី "
	 "ព្រះមហាក្សត្រនៃព្រះរាជាណាចក្រកម្ពុជា", NULL},
	{"KH", FIXED, 11, 9, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", "ពិធីបុណ្យឯករាជ្យជាតិ", NULL},
	/* Bon Om Touk: the eve of the full moon of month 12 to the day after */
	{"KH", FESTIVAL, FEST_KH_WATER_FESTIVAL, -1, 0, 3, PUB, ESTIMATED, 0, 2014, 0, 0, 0, "Water Festival (Bon Om Touk)",
	 "ព្រះរាជពិធីបុណ្យអុំទូក បណ្តែតប្រទីប និងសំពះព្រះខែអកអំបុក", NULL},
	{"KH", FESTIVAL, FEST_KH_WATER_FESTIVAL, -1, 0, 3, PUB, 0, 2015, 0, 0, 0, 2026, "Water Festival (Bon Om Touk)",
	 "ព្រះរាជពិធីបុណ្យអុំទូក បណ្តែតប្រទីប និងសំពះព្រះខែអកអំបុក", NULL},
	{"KH", FIXED, 12, 10, 0, 0, PUB, 0, 0, 2019, 0, 0, 0, "International Human Rights Day", "ទិវាសិទ្ធិមនុស្សអន្តរជាតិ",
	 NULL},
	{"KH", FIXED, 12, 29, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "Peace Day", "ទិវាសន្តិភាពនៅកម្ពុជា", NULL},
	{"KH", SPECIAL, 5, 2, 0, 0, PUB, 0, 2016, 0, 0, 0, 0, "Special holiday (in lieu)", "ថ្ងៃឈប់សម្រាកសងជំនួស", NULL},
	{"KH", SPECIAL, 5, 16, 0, 0, PUB, 0, 2016, 0, 0, 0, 0, "Special holiday (in lieu)", "ថ្ងៃឈប់សម្រាកសងជំនួស", NULL},
	{"KH", SPECIAL, 5, 21, 0, 0, PUB, 0, 2018, 0, 0, 0, 0, "Special holiday (in lieu)", "ថ្ងៃឈប់សម្រាកសងជំនួស", NULL},
	{"KH", SPECIAL, 9, 30, 0, 0, PUB, 0, 2019, 0, 0, 0, 0, "Special holiday (in lieu)", "ថ្ងៃឈប់សម្រាកសងជំនួស", NULL},
	{"KH", SPECIAL, 5, 11, 0, 0, PUB, 0, 2020, 0, 0, 0, 0, "Special holiday (in lieu)", "ថ្ងៃឈប់សម្រាកសងជំនួស", NULL},

	/* Sri Lanka: the Holidays Act (No. 29 of 1971) and the yearly lists
	 * (documents.gov.lk, the Central Bank's). Poya days and the Hindu
	 * festivals are the government's own dates, published 2003-2026
	 * (buddhist.c); other years have none. The new year is fixed each year
	 * by astrologers: 13-14 April, estimated, where no list says. Local
	 * names in Sinhala, in Tamil for the Hindu festivals. All days public:
	 * the bank-only and public-sector-only days are left out. A Poya names
	 * the day it shares with May Day (Vesak 2026). */
	{"LK", FESTIVAL, FEST_LK_POYA_DURUTHU, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Duruthu Full Moon Poya Day",
	 "දුරුතු පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_THAI_PONGAL, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Tamil Thai Pongal Day",
	 "தமிழ் தைப்பொங்கல் தினம்", NULL},
	{"LK", FIXED, 2, 4, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Independence Day", "නිදහස් සමරු දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_NAVAM, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Navam Full Moon Poya Day",
	 "නවම් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_MAHA_SHIVARATRI, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0,
	 "Maha Shivaratri", "மகா சிவராத்திரி தினம்",
	 NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_MEDIN, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Medin Full Moon Poya Day",
	 "මැදින් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", EASTER, -2, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Good Friday", "මහ සිකුරාදා දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_BAK, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0,
	 "Bak Full Moon Poya Day", "බක් පුර පසළොස්වක පෝය දිනය",
	 NULL},
	{"LK", FESTIVAL, FEST_LK_NEW_YEAR, -1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Day before Sinhala and Tamil New Year",
	 "සිංහල හා දෙමළ අලුත් අවුරුදු දිනට පෙර දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_NEW_YEAR, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Sinhala and Tamil New Year",
	 "සිංහල හා දෙමළ අලුත් අවුරුදු දිනය", NULL},
	{"LK", FIXED, 4, 13, 0, 0, PUB, ESTIMATED, 0, 2002, 0, 0, 0, "Day before Sinhala and Tamil New Year",
	 "සිංහල හා දෙමළ අලුත් අවුරුදු දිනට පෙර දිනය", NULL},
	{"LK", FIXED, 4, 14, 0, 0, PUB, ESTIMATED, 0, 2002, 0, 0, 0, "Sinhala and Tamil New Year",
	 "සිංහල හා දෙමළ අලුත් අවුරුදු දිනය", NULL},
	{"LK", FIXED, 4, 13, 0, 0, PUB, ESTIMATED, 2027, 0, 0, 0, 0, "Day before Sinhala and Tamil New Year",
	 "සිංහල හා දෙමළ අලුත් අවුරුදු දිනට පෙර දිනය", NULL},
	{"LK", FIXED, 4, 14, 0, 0, PUB, ESTIMATED, 2027, 0, 0, 0, 0, "Sinhala and Tamil New Year",
	 "සිංහල හා දෙමළ අලුත් අවුරුදු දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_ADHI_VESAK, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Adhi Vesak Full Moon Poya Day",
	 "අධි වෙසක් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_VESAK, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Vesak Full Moon Poya Day",
	 "වෙසක් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_VESAK, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Day after Vesak Full Moon Poya Day",
	 "වෙසක් පුර පසළොස්වක පෝය දිනට පසු දිනය", NULL},
	{"LK", FIXED, 5, 1, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "May Day", "මැයි දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_ADHI_POSON, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Adhi Poson Full Moon Poya Day",
	 "අධි පොසොන් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_POSON, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Poson Full Moon Poya Day",
	 "පොසොන් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_ADHI_ESALA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Adhi Esala Full Moon Poya Day",
	 "අධි ඇසල පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_ESALA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Esala Full Moon Poya Day",
	 "ඇසල පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_NIKINI, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Nikini Full Moon Poya Day",
	 "නිකිණි පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_ADHI_BINARA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Adhi Binara Full Moon Poya Day",
	 "අධි බිනර පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_BINARA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Binara Full Moon Poya Day",
	 "බිනර පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_ADHI_VAP, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Adhi Vap Full Moon Poya Day",
	 "අධි වප් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_VAP, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0,
	 "Vap Full Moon Poya Day", "වප් පුර පසළොස්වක පෝය දිනය",
	 NULL},
	/* Deepavali was a working day in 2003 */
	{"LK", FESTIVAL, FEST_LK_DEEPAVALI, 0, 0, 0, PUB, 0, 2004, 0, 0, 0, 0,
	 "Deepavali", "தீபாவளிப் பண்டிகை தினம்", NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_IL, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0,
	 "Il Full Moon Poya Day", "ඉල් පුර පසළොස්වක පෝය දිනය",
	 NULL},
	{"LK", FESTIVAL, FEST_LK_POYA_UNDUVAP, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Unduvap Full Moon Poya Day",
	 "උඳුවප් පුර පසළොස්වක පෝය දිනය", NULL},
	{"LK", FIXED, 12, 25, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Christmas Day", "නත්තල් උත්සව දිනය", NULL},
	{"LK", ISLAMIC, ISLAMIC_EID_AL_FITR, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Fitr", "ඊදුල් ෆීතර්", NULL},
	{"LK", ISLAMIC, ISLAMIC_EID_AL_ADHA, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Eid al-Adha", "ඊදුල් අල්හා", NULL},
	{"LK", ISLAMIC, ISLAMIC_MAWLID, 0, 0, 0, PUB, 0, 0, 0, 0, 0, 0, "Milad-un-Nabi", "නබි නායකතුමාගේ උපන් දිනය", NULL},
	{"LK", SPECIAL, 5, 7, 0, 0, PUB, 0, 2012, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 4, 15, 0, 0, PUB, 0, 2013, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 4, 15, 0, 0, PUB, 0, 2016, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 5, 20, 0, 0, PUB, 0, 2019, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 3, 16, 0, 4, PUB, 0, 2020, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 4, 11, 0, 2, PUB, 0, 2022, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 5, 2, 0, 0, PUB, 0, 2022, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 4, 15, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
	{"LK", SPECIAL, 9, 29, 0, 0, PUB, 0, 2024, 0, 0, 0, 0, "Special public holiday", "විශේෂ රජයේ නිවාඩු දිනය", NULL},
};

static int rules_country(const char *country)
{
	for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
		if (!strcmp(rules[i].country, country))
			return 1;
	return 0;
}

/* Easter Sunday (the Gregorian computus, Meeus's form). */
static long easter(int y)
{
	int a = y % 19, b = y / 100, c = y % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451, month = (h + l - 7 * m + 114) / 31, day = (h + l - 7 * m + 114) % 31 + 1;
	return day_from_ymd(y, month, day);
}

/* The n-th (n = -1: the last) weekday wday of month m. */
static long nth_weekday(int y, int m, int n, int wday)
{
	if (n < 0) {
		long last = day_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
		return last - (day_weekday(last) - wday + 7) % 7;
	}
	long first = day_from_ymd(y, m, 1);
	return first + (wday - day_weekday(first) + 7) % 7 + 7 * (n - 1);
}

/* Japan's equinox days by the formula the National Astronomical
 * Observatory's announcements follow for 1980-2099. */
static long equinox(int y, int autumn)
{
	double base = autumn ? 23.2488 : 20.8431;
	int d = (int)(base + 0.242194 * (y - 1980)) - (y - 1980) / 4;
	return day_from_ymd(y, autumn ? 9 : 3, d);
}

static int applies(const struct rule *r, int y)
{
	if ((r->from && y < r->from) || (r->to && y > r->to))
		return 0;
	if (r->type == SPECIAL && y != r->from)
		return 0;
	if (r->every && (y - r->from) % r->every)
		return 0;
	for (const short *x = r->except; x && *x; x++)
		if (*x == y)
			return 0;
	return 1;
}

/* The first days of rule r in year y (up to two: an Islamic date). */
static int rule_days(const struct rule *r, int y, long first[2], int est[2])
{
	est[0] = est[1] = (r->flags & ESTIMATED) || (r->estimated_after && y > r->estimated_after);
	switch ((enum rule_type)r->type) {
	case FIXED:
	case SPECIAL:
		first[0] = day_from_ymd(y, r->a, r->b);
		return 1;
	case NTH:
		first[0] = nth_weekday(y, r->a, r->b, r->c);
		return 1;
	case EASTER:
		first[0] = easter(y) + r->a;
		return 1;
	case EQUINOX:
		first[0] = equinox(y, r->a);
		return 1;
	case LUNAR: {
		int ly, lm, ld;
		if (lunisolar_date(LUNISOLAR_CHINESE, y, r->a, r->b, &ly, &lm, &ld))
			return 0;
		first[0] = day_from_ymd(ly, lm, ld);
		return 1;
	}
	case FESTIVAL: {
		const char *s[2];
		int n = festival_dates((enum festival)r->a, y, s);
		for (int i = 0; i < n; i++)
			first[i] = day_from_ymd(atoi(s[i]), atoi(s[i] + 5), atoi(s[i] + 8)) + r->b;
		return n;
	}
	case ISLAMIC: {
		struct islamic_day d[2];
		int n = islamic_dates(r->country, (enum islamic_event)r->a, y, d);
		for (int i = 0; i < n; i++) {
			first[i] = day_from_ymd(d[i].y, d[i].m, d[i].d) + r->b;
			est[i] = d[i].estimated;
		}
		return n;
	}
	}
	return 0;
}

struct day_set {
	long *v;
	size_t n, cap;
};

static int in_set(const struct day_set *s, long d)
{
	for (size_t i = 0; i < s->n; i++)
		if (s->v[i] == d)
			return 1;
	return 0;
}

static void put(struct day_set *s, long d)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v)
			abort();
	}
	s->v[s->n++] = d;
}

/* The day a holiday on `day` is observed on, when it moves. */
static long substitute(const struct rule *r, long day, const struct day_set *off)
{
	int wd = day_weekday(day);
	if (r->flags & OBS_NEAREST)
		return wd == 6 ? day - 1 : wd == 0 ? day + 1 : day;
	if ((r->flags & OBS_NEXT) && (wd == 6 || wd == 0)) {
		long d = day + 1;
		while (day_weekday(d) == 6 || day_weekday(d) == 0 || in_set(off, d))
			d++;
		return d;
	}
	if ((r->flags & OBS_SUNDAY) && wd == 0) {
		long d = day + 1;
		while (in_set(off, d))
			d++;
		return d;
	}
	return day;
}

static void by_rules(struct holidays *h, const char *country, int year)
{
	/* the neighbouring years too: a substitute or a multi-day Eid can
	 * cross New Year; finish() keeps only this year's days */
	struct day_set off = {0};
	for (int pass = 0; pass < 2; pass++)
		for (int y = year - 1; y <= year + 1; y++)
			for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++) {
				const struct rule *r = &rules[i];
				if (strcmp(r->country, country) || !applies(r, y))
					continue;
				long first[2];
				int est[2], n = rule_days(r, y, first, est);
				for (int k = 0; k < n; k++) {
					if ((r->flags & NOT_SUNDAY) && day_weekday(first[k]) == 0)
						continue;
					for (int d = 0; d < (r->days ? r->days : 1); d++) {
						long day = first[k] + d;
						if (pass == 0) {
							/* a closure is a custom, never announced */
							add(h, day, r->name, r->local ? r->local : r->name, r->kind,
							    r->kind == HOLIDAY_CLOSURE || est[k]);
							if (r->kind == HOLIDAY_PUBLIC)
								put(&off, day);
							continue;
						}
						long sub = substitute(r, day, &off);
						if (sub != day) {
							add(h, sub, r->observed, r->observed, r->kind, est[k]);
							put(&off, sub);
						}
					}
				}
			}
	/* Japan: a day between two national holidays is a holiday itself */
	if (!strcmp(country, "JP"))
		for (long d = day_from_ymd(year, 1, 2); d < day_from_ymd(year + 1, 1, 1); d++)
			if (day_weekday(d) != 0 && !in_set(&off, d) && in_set(&off, d - 1) && in_set(&off, d + 1))
				add(h, d, "Citizens' Holiday", "国民の休日", HOLIDAY_PUBLIC, year > 2026);
	free(off.v);
}

static int compute_list(const char *country, int year, struct holidays *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	if (year < HOLIDAY_FIRST_YEAR || year > HOLIDAY_LAST_YEAR)
		return err_set(e, ERR_INPUT, "year: from %d to %d", HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR);
	static const struct {
		const char *country;
		void (*fill)(struct holidays *h, int year);
	} countries[] = {{"CN", china}, {"VN", vietnam}};
	if (rules_country(country)) {
		by_rules(out, country, year);
		finish(out, year);
		return 0;
	}
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

/* A year's list takes lunar and astronomical computation; the agenda and
 * the working-day counts ask for the same few (country, year) pairs over and
 * over. Each thread keeps the last lists it computed (names are string
 * constants, so a copy of the array is a whole list). */
#define LIST_CACHE 64

static _Thread_local struct cached_list {
	char country[3];
	int year;
	struct holidays h;
} cache[LIST_CACHE];
static _Thread_local unsigned cache_next;

int holiday_list(const char *country, int year, struct holidays *out, struct err *e)
{
	struct cached_list *c = NULL;
	for (unsigned i = 0; i < LIST_CACHE && !c; i++)
		if (cache[i].year == year && !strcmp(cache[i].country, country))
			c = &cache[i];
	if (!c) {
		if (compute_list(country, year, out, e))
			return -1;
		c = &cache[cache_next++ % LIST_CACHE];
		holidays_release(&c->h);
		snprintf(c->country, sizeof c->country, "%.2s", country);
		c->year = year;
		c->h = *out;
		c->h.cap = c->h.n;
		c->h.days = malloc((c->h.n ? c->h.n : 1) * sizeof *c->h.days);
		if (!c->h.days)
			abort();
		memcpy(c->h.days, out->days, c->h.n * sizeof *out->days);
		return 0;
	}
	out->n = out->cap = c->h.n;
	out->days = malloc((out->n ? out->n : 1) * sizeof *out->days);
	if (!out->days)
		abort();
	memcpy(out->days, c->h.days, out->n * sizeof *out->days);
	return 0;
}

void holiday_cache_release(void)
{
	for (unsigned i = 0; i < LIST_CACHE; i++) {
		holidays_release(&cache[i].h);
		memset(&cache[i], 0, sizeof cache[i]);
	}
	cache_next = 0;
}

void holidays_release(struct holidays *h)
{
	free(h->days);
	memset(h, 0, sizeof *h);
}
