/* islamic.c - Islamic holy days from ICU's Umm al-Qura calendar plus a
 * country's offset, or from the dates the country officially observed
 * (islamic_observed.c). Owns the Hijri month table, built once from ICU
 * under call_once; uses ICU only for that conversion, never for time zones,
 * and does no I/O. */
#include "calendar/islamic.h"

#include <stdlib.h>
#include <string.h>
#include <threads.h>
#include <unicode/ucal.h>

#include "calendar/day.h"
#include "calendar/islamic_observed.h"

/* The first day of each Hijri month of years FIRST..LAST (1979-2077), so
 * that a holiday list does not open an ICU calendar per date. */
#define FIRST 1400
#define LAST 1500
static long month_start[LAST - FIRST + 1][12];
static int table_ok;
static once_flag table_once = ONCE_FLAG_INIT;

/* ICU calendars in UTC: the Umm al-Qura date's midnight is the Gregorian
 * date's midnight. */
static int convert(UCalendar *hijri, int hy, int hm, int hd, long *day)
{
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(hijri);
	ucal_set(hijri, UCAL_EXTENDED_YEAR, hy);
	ucal_set(hijri, UCAL_MONTH, hm - 1);
	ucal_set(hijri, UCAL_DATE, hd);
	UDate ms = ucal_getMillis(hijri, &st);
	if (U_FAILURE(st))
		return -1;
	double days = ms / 86400000.0;
	*day = (long)(days >= 0 ? days + 0.5 : days - 0.5);
	return 0;
}

static UCalendar *open_umalqura(void)
{
	static const UChar utc[] = {'U', 'T', 'C', 0};
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *c = ucal_open(utc, -1, "en@calendar=islamic-umalqura", UCAL_DEFAULT, &st);
	if (U_FAILURE(st)) {
		if (c)
			ucal_close(c);
		return NULL;
	}
	return c;
}

static void build_table(void)
{
	UCalendar *c = open_umalqura();
	if (!c)
		return;
	int ok = 1;
	for (int y = FIRST; y <= LAST && ok; y++)
		for (int m = 1; m <= 12 && ok; m++)
			ok = convert(c, y, m, 1, &month_start[y - FIRST][m - 1]) == 0;
	ucal_close(c);
	table_ok = ok;
}

/* The day number of hy-hm-hd, or -1 on failure. */
static int hijri_day(int hy, int hm, int hd, long *day)
{
	if (hy < 1300 || hy > 1600 || hm < 1 || hm > 12 || hd < 1 || hd > 30)
		return -1;
	if (hy >= FIRST && hy <= LAST) {
		call_once(&table_once, build_table);
		if (table_ok) {
			*day = month_start[hy - FIRST][hm - 1] + hd - 1;
			return 0;
		}
	}
	UCalendar *c = open_umalqura();
	if (!c)
		return -1;
	int r = convert(c, hy, hm, hd, day);
	ucal_close(c);
	return r;
}

int islamic_umalqura(int hy, int hm, int hd, int *y, int *m, int *d)
{
	long day;
	if (hijri_day(hy, hm, hd, &day))
		return -1;
	day_to_ymd(day, y, m, d);
	return 0;
}

/* Where the moon is sighted rather than computed the month usually begins
 * a day after Saudi Arabia's (Bangladesh, India, Sri Lanka). Pakistan and
 * Indonesia sight the moon too but as often agree with Umm al-Qura as not;
 * Turkey computes its calendar (Diyanet). */
static const struct {
	const char *country;
	int days;
} offsets[] = {{"BD", 1}, {"IN", 1}, {"LK", 1}};

int islamic_offset(const char *country)
{
	for (size_t i = 0; i < sizeof offsets / sizeof offsets[0]; i++)
		if (!strcmp(offsets[i].country, country))
			return offsets[i].days;
	return 0;
}

/* Each event's Hijri month and day (Jumu'atul-Wida is found from Eid). */
static const struct {
	int month, day;
} hijri[ISLAMIC_EVENT_COUNT] = {
	[ISLAMIC_NEW_YEAR] = {1, 1},        [ISLAMIC_ASHURA] = {1, 10},        [ISLAMIC_MAWLID] = {3, 12},
	[ISLAMIC_ISRA_MIRAJ] = {7, 27},     [ISLAMIC_SHAB_E_BARAT] = {8, 15},  [ISLAMIC_RAMADAN] = {9, 1},
	[ISLAMIC_LAYLAT_AL_QADR] = {9, 27}, [ISLAMIC_JUMUATUL_WIDA] = {10, 1}, [ISLAMIC_EID_AL_FITR] = {10, 1},
	[ISLAMIC_ARAFAH] = {12, 9},         [ISLAMIC_EID_AL_ADHA] = {12, 10},
};

static int push(struct islamic_day out[2], int n, long day, int year, int estimated)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	if (y != year || n == 2)
		return n;
	out[n] = (struct islamic_day){y, m, d, estimated};
	return n + 1;
}

/* The last Friday before a day. */
static long friday_before(long day)
{
	long f = day - 1;
	while (day_weekday(f) != 5)
		f--;
	return f;
}

int islamic_estimate(const char *country, enum islamic_event ev, int year, struct islamic_day out[2])
{
	if ((unsigned)ev >= ISLAMIC_EVENT_COUNT)
		return 0;
	int n = 0, off = islamic_offset(country);
	/* a Gregorian year spans parts of two or three Hijri years: 1 Muharram
	 * of Gregorian year y falls in Hijri year about (y - 622) * 33 / 32 */
	int h0 = (int)((year - 622) * 33L / 32) - 1;
	for (int hy = h0; hy <= h0 + 3; hy++) {
		long day;
		if (hijri_day(hy, hijri[ev].month, hijri[ev].day, &day))
			continue;
		day += off;
		if (ev == ISLAMIC_JUMUATUL_WIDA)
			day = friday_before(day);
		n = push(out, n, day, year, 1);
	}
	return n;
}

static long parse_day(const char *s)
{
	return day_from_ymd(atoi(s), atoi(s + 5), atoi(s + 8));
}

/* The officially observed dates of ev in year, or 0 when none were listed. */
static int observed(const char *country, enum islamic_event ev, int year, struct islamic_day out[2])
{
	int n = 0;
	for (unsigned i = 0; i < islamic_observed_count; i++) {
		const struct islamic_observed *o = &islamic_observed[i];
		if (o->event == ev && atoi(o->date) == year && !strcmp(o->country, country))
			n = push(out, n, parse_day(o->date), year, 0);
	}
	return n;
}

int islamic_dates(const char *country, enum islamic_event ev, int year, struct islamic_day out[2])
{
	int n = observed(country, ev, year, out);
	if (n)
		return n;
	if (ev == ISLAMIC_ARAFAH) {
		/* the eve of the Eid the country observed */
		struct islamic_day eid[2];
		int k = observed(country, ISLAMIC_EID_AL_ADHA, year, eid);
		for (int i = 0; i < k; i++)
			n = push(out, n, day_from_ymd(eid[i].y, eid[i].m, eid[i].d) - 1, year, 0);
		if (k)
			return n;
	}
	return islamic_estimate(country, ev, year, out);
}
