/* lunisolar.c - the Chinese and Vietnamese calendars from astronomy: the
 * instants of new moons and solar terms are found by Newton steps on the
 * apparent longitudes of the moon and the sun from libnova (VSOP87, ELP2000)
 * in Terrestrial Time, then the calendar's rules are applied to local days:
 * a month begins on the day of a new moon; month 11 holds the winter
 * solstice; a year of 13 months repeats the first month that holds no
 * principal solar term. Pure: no I/O, no state. */
#include "calendar/lunisolar.h"

#include <libnova/libnova.h>
#include <math.h>
#include <stdint.h>

#define SYNODIC 29.530588853

/* Delta T (TT - UT) in seconds: the polynomials of Espenak & Meeus (NASA,
 * 2006) for 1941-2150; libnova's own extrapolation gives twice the
 * observed value for the 2020s. */
static double delta_t(double jd)
{
	double y = 2000.0 + (jd - 2451544.5) / 365.2425, t;
	if (y < 1961) {
		t = y - 1950;
		return 29.07 + 0.407 * t - t * t / 233 + t * t * t / 2547;
	}
	if (y < 1986) {
		t = y - 1975;
		return 45.45 + 1.067 * t - t * t / 260 - t * t * t / 718;
	}
	if (y < 2005) {
		t = y - 2000;
		return 63.86 + 0.3345 * t - 0.060374 * t * t + 0.0017275 * t * t * t + 0.000651814 * t * t * t * t +
		       0.00002373599 * t * t * t * t * t;
	}
	if (y < 2050) {
		t = y - 2000;
		return 62.92 + 0.32217 * t + 0.005589 * t * t;
	}
	t = (y - 1820) / 100;
	return -20 + 32 * t * t - 0.5628 * (2150 - y);
}

static double jde(double jd)
{
	return jd + delta_t(jd) / 86400.0;
}

/* The moon's series truncated at about 2" (libnova's precision, radians):
 * a few seconds of time, at a fraction of the cost of the full ELP2000. */
#define MOON_PRECISION 0.00001

/* The sun's apparent longitude at instant jd (UT): libnova's VSOP87
 * position is referred to the J2000 equinox, so add the general precession
 * since then (IAU 1976), the nutation in longitude and the aberration. */
static double sun_longitude(double jd)
{
	double t = jde(jd), c = (t - 2451545.0) / 36525.0;
	struct ln_helio_posn h;
	struct ln_nutation n;
	ln_get_solar_geom_coords(t, &h);
	ln_get_nutation(t, &n);
	double precession = (5029.0966 * c + 1.11113 * c * c - 0.000006 * c * c * c) / 3600.0;
	double aberration = 20.4898 / 3600.0 / h.R;
	return fmod(h.L + precession + n.longitude - aberration + 720.0, 360.0);
}

/* The moon's longitude less the sun's, in (-180, 180]: 0 at a new moon.
 * Both are taken in libnova's J2000 frame, where precession and nutation
 * cancel; only the sun's aberration remains. */
static double elongation(double jd)
{
	double t = jde(jd);
	struct ln_helio_posn h;
	struct ln_lnlat_posn m;
	ln_get_solar_geom_coords(t, &h);
	ln_get_lunar_ecl_coords(t, &m, MOON_PRECISION);
	double sun = h.L - 20.4898 / 3600.0 / h.R;
	return fmod(m.lng - sun + 540.0, 360.0) - 180.0;
}

/* a - b wrapped into (-180, 180]. */
static double wrap(double d)
{
	return fmod(d + 540.0, 360.0) - 180.0;
}

/* Newton steps from est towards the zero of f, which grows at about rate
 * degrees a day, until the step is under a second. */
static double solve(double (*f)(double, double), double arg, double est, double rate)
{
	for (int i = 0; i < 20; i++) {
		double step = -f(est, arg) / rate;
		est += step;
		if (step < 1.0 / 86400.0 && step > -1.0 / 86400.0)
			break;
	}
	return est;
}

static double moon_f(double jd, double unused)
{
	(void)unused;
	return elongation(jd);
}

static double sun_f(double jd, double longitude)
{
	return wrap(sun_longitude(jd) - longitude);
}

/* The first new moon after jd. */
static double new_moon_after(double jd)
{
	/* the moon gains about 12.2 degrees a day on the sun, between 10.5 and 15 */
	double e = elongation(jd);
	double t = solve(moon_f, 0, jd + (e < 0 ? -e : 360.0 - e) / 12.19, 12.19);
	return t > jd ? t : new_moon_after(jd + 1);
}

/* The first instant after jd when the sun reaches longitude. */
static double solar_term_after(double jd, double longitude)
{
	double ahead = fmod(longitude - sun_longitude(jd) + 720.0, 360.0);
	return solve(sun_f, longitude, jd + ahead / 0.9856, 0.9856);
}

/* The local day (a Julian day number) of instant jd at UTC+offset. */
static int64_t local_day(double jd, int offset)
{
	return (int64_t)floor(jd + 0.5 + offset / 24.0);
}

static double jd_of(int y, int m, int d)
{
	struct ln_date date = {.years = y, .months = m, .days = d};
	return ln_get_julian_day(&date); /* 00:00 UT */
}

static void date_of(int64_t day, int *y, int *m, int *d)
{
	struct ln_date date;
	ln_get_date((double)day, &date); /* a day number is that day's noon */
	*y = date.years;
	*m = date.months;
	*d = date.days;
}

/* The local day the month holding the winter solstice of year y begins. */
static int64_t month_eleven(int y, int offset, double *solstice)
{
	*solstice = solar_term_after(jd_of(y, 12, 1), 270.0);
	int64_t sday = local_day(*solstice, offset);
	double nm = new_moon_after(*solstice - 32);
	for (double next = new_moon_after(nm + 1); local_day(next, offset) <= sday; next = new_moon_after(nm + 1))
		nm = next;
	return local_day(nm, offset);
}

/* The months from month 11 of year-1 (start[0]) to month 11 of year
 * (start[n]), with each month's number and whether it is the leap month. */
struct sui {
	int64_t start[14];
	int number[13];
	int leap[13];
	int n;
};

static void sui(int year, int offset, struct sui *s)
{
	double ws1, ws2;
	int64_t a = month_eleven(year - 1, offset, &ws1), b = month_eleven(year, offset, &ws2);
	s->n = 0;
	double nm = new_moon_after(jd_of(year - 1, 11, 1));
	while (local_day(nm, offset) < a)
		nm = new_moon_after(nm + 1);
	while (s->n < 13 && local_day(nm, offset) < b) {
		s->start[s->n++] = local_day(nm, offset);
		nm = new_moon_after(nm + 1);
	}
	s->start[s->n] = b;
	/* the principal terms (multiples of 30 degrees) from the first solstice on */
	int64_t term[12];
	double t = ws1;
	for (int k = 0; k < 12; k++) {
		t = solar_term_after(t + 20, fmod(270.0 + 30.0 * (k + 1), 360.0));
		term[k] = local_day(t, offset);
	}
	int leap = 0;
	if (s->n == 13)
		for (int i = 1; i < 13 && !leap; i++) {
			int has = 0;
			for (int k = 0; k < 12; k++)
				has |= term[k] >= s->start[i] && term[k] < s->start[i + 1];
			if (!has)
				leap = i;
		}
	for (int i = 0; i < s->n; i++) {
		int num = 11 + i - (leap && i >= leap ? 1 : 0);
		s->number[i] = (num - 1) % 12 + 1;
		s->leap[i] = i == leap && leap;
	}
}

int lunisolar_date(enum lunisolar_kind kind, int year, int month, int day, int *y, int *m, int *d)
{
	/* months 1 to 10 of the lunar year lie in the sui that ends with its
	 * month 11; months 11 and 12 open the next one */
	struct sui s;
	sui(month >= 11 ? year + 1 : year, (int)kind, &s);
	for (int i = 0; i < s.n; i++) {
		if (s.number[i] != month || s.leap[i])
			continue;
		if (day > s.start[i + 1] - s.start[i])
			return -1;
		date_of(s.start[i] + day - 1, y, m, d);
		return 0;
	}
	return -1;
}

void lunisolar_solar_term(enum lunisolar_kind kind, int year, int longitude, int *y, int *m, int *d)
{
	double t = solar_term_after(jd_of(year, 1, 1) - 1, (double)longitude);
	if (local_day(t, (int)kind) < local_day(jd_of(year, 1, 1), (int)kind))
		t = solar_term_after(t + 20, (double)longitude);
	date_of(local_day(t, (int)kind), y, m, d);
}
