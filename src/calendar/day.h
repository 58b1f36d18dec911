/* day.h - dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian) for the calendar modules' arithmetic: plain integer formulas
 * (H. Hinnant's days_from_civil), no time zones, no libc state. */
#ifndef RAPPORT_DAY_H
#define RAPPORT_DAY_H

#include <stdint.h>
#include <stdio.h>

/* The UTC day of t, seconds since the epoch (rounded down, also before 1970). */
static inline long day_of_time(int64_t t)
{
	return (long)(t / 86400 - (t % 86400 < 0));
}

static inline long day_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static inline void day_to_ymd(long z, int *y, int *m, int *d)
{
	z += 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
static inline int day_weekday(long z)
{
	return (int)(z >= -4 ? (z + 4) % 7 : (z + 5) % 7 + 6);
}

/* "YYYY-MM-DD"; out has room for 11 bytes. */
static inline void day_format(long z, char out[11])
{
	int y, m, d;
	day_to_ymd(z, &y, &m, &d);
	snprintf(out, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)m % 100u, (unsigned)d % 100u);
}

/* "Sun" ... "Sat" for wday 0 ... 6. */
static inline const char *day_abbr(int wday)
{
	static const char *const names[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	return names[((wday % 7) + 7) % 7];
}

/* Reads the "YYYY-MM-DD" that s starts with into its day number: 0, or -1
 * when s does not start with one (month 1-12, day 1-31). */
static inline int day_parse(const char *s, long *out)
{
	int y = 0, m = 0, d = 0;
	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	*out = day_from_ymd(y, m, d);
	return 0;
}

#endif
