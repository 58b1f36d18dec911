/* lunisolar.c - the Chinese and Vietnamese calendars from astronomy: the
 * instants of new moons and solar terms are found by Newton steps on the
 * apparent longitudes of the moon and the sun from libnova (VSOP87, ELP2000)
 * in Terrestrial Time (estimated first with Meeus's formulas, which are
 * close enough except near a midnight), then the calendar's rules are applied to local days:
 * a month begins on the day of a new moon; month 11 holds the winter
 * solstice; a year of 13 months repeats the first month that holds no
 * principal solar term. Pure: no I/O; a per-thread cache of recent years. */
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

/* --- fast estimates: Meeus, Astronomical Algorithms (2nd ed.), ch. 49 and 25.
 * The true new moon of lunation k to a few seconds (at most about 20 s) and
 * the sun's apparent longitude to 0.01 degree (15 minutes of time) cost a
 * microsecond where libnova's series cost a hundred; the full series are
 * used only when an estimate lies within MARGIN of a local midnight, the
 * one case where the error could change the day. */
#define MARGIN_MOON (10.0 / 1440.0)
#define MARGIN_SUN (60.0 / 1440.0)

static double rad(double deg)
{
	return deg * (M_PI / 180.0);
}

/* The instant (UT) of the true new moon of lunation k (k = 0: 6 January 2000). */
static double meeus_new_moon(double k)
{
	static const double c[][5] = {
		/* coefficient, multiples of E, M, M', F: sin(m M + mp M' + f F) */
		{-0.40720, 0, 0, 1, 0}, {0.17241, 1, 1, 0, 0},  {0.01608, 0, 0, 2, 0},  {0.01039, 0, 0, 0, 2},
		{0.00739, 1, -1, 1, 0}, {-0.00514, 1, 1, 1, 0}, {0.00208, 2, 2, 0, 0},  {-0.00111, 0, 0, 1, -2},
		{-0.00057, 0, 0, 1, 2}, {0.00056, 1, 1, 2, 0},  {-0.00042, 0, 0, 3, 0}, {0.00042, 1, 1, 0, 2},
		{0.00038, 1, 1, 0, -2}, {-0.00024, 1, -1, 2, 0}, {-0.00007, 0, 2, 1, 0}, {0.00004, 0, 0, 2, -2},
		{0.00004, 0, 3, 0, 0},  {0.00003, 0, 1, 1, -2}, {0.00003, 0, 0, 2, 2},  {-0.00003, 0, 1, 1, 2},
		{0.00003, 0, -1, 1, 2}, {-0.00002, 0, -1, 1, -2}, {-0.00002, 0, 1, 3, 0}, {0.00002, 0, 0, 4, 0},
	};
	static const double planet[][3] = {
		/* coefficient, A at k = 0, A's rate per lunation (A1 has a T^2 term) */
		{0.000325, 299.77, 0.107408}, {0.000165, 251.88, 0.016321}, {0.000164, 251.83, 26.651886},
		{0.000126, 349.42, 36.412478}, {0.000110, 84.66, 18.206239}, {0.000062, 141.74, 53.303771},
		{0.000060, 207.14, 2.453732},  {0.000056, 154.84, 7.306860}, {0.000047, 34.52, 27.261239},
		{0.000042, 207.19, 0.121824},  {0.000040, 291.34, 1.844379}, {0.000037, 161.72, 24.198154},
		{0.000035, 239.56, 25.513099}, {0.000023, 331.55, 3.592518},
	};
	double t = k / 1236.85, t2 = t * t, t3 = t2 * t, t4 = t3 * t;
	double jde = 2451550.09766 + 29.530588861 * k + 0.00015437 * t2 - 0.000000150 * t3 + 0.00000000073 * t4;
	double e = 1 - 0.002516 * t - 0.0000074 * t2;
	double m = rad(2.5534 + 29.10535670 * k - 0.0000014 * t2 - 0.00000011 * t3);
	double mp = rad(201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4);
	double f = rad(160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4);
	double om = rad(124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3);
	double sum = -0.00017 * sin(om);
	for (size_t i = 0; i < sizeof c / sizeof c[0]; i++) {
		double ef = c[i][1] == 0 ? 1 : c[i][1] == 1 ? e : e * e;
		sum += c[i][0] * ef * sin(c[i][2] * m + c[i][3] * mp + c[i][4] * f);
	}
	for (size_t i = 0; i < sizeof planet / sizeof planet[0]; i++) {
		double a = planet[i][1] + planet[i][2] * k - (i == 0 ? 0.009173 * t2 : 0);
		sum += planet[i][0] * sin(rad(a));
	}
	jde += sum;
	/* to UT: Delta T at the instant, which is within a minute of jde */
	return jde - delta_t(jde) / 86400.0;
}

/* The sun's apparent longitude to 0.01 degree (Meeus ch. 25). */
static double sun_longitude_fast(double jd)
{
	double t = (jde(jd) - 2451545.0) / 36525.0;
	double l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
	double m = rad(357.52911 + 35999.05029 * t - 0.0001537 * t * t);
	double c = (1.914602 - 0.004817 * t - 0.000014 * t * t) * sin(m) + (0.019993 - 0.000101 * t) * sin(2 * m) +
	           0.000289 * sin(3 * m);
	double om = rad(125.04 - 1934.136 * t);
	return fmod(l0 + c - 0.00569 - 0.00478 * sin(om) + 7200.0, 360.0);
}

static double sun_fast_f(double jd, double longitude)
{
	return wrap(sun_longitude_fast(jd) - longitude);
}

/* How far instant jd lies from the nearest midnight at UTC+offset, in days. */
static double from_midnight(double jd, int offset)
{
	double x = jd + 0.5 + offset / 24.0;
	double frac = x - floor(x);
	return frac < 0.5 ? frac : 1.0 - frac;
}

/* The first new moon after jd, exact enough to give its day at UTC+offset. */
static double new_moon_after(double jd, int offset)
{
	double k = floor((jd - 2451550.09766) / 29.530588861) - 1;
	double t = meeus_new_moon(k);
	while (t <= jd)
		t = meeus_new_moon(++k);
	if (from_midnight(t, offset) < MARGIN_MOON)
		t = solve(moon_f, 0, t, 12.19);
	return t;
}

/* The first instant after jd when the sun reaches longitude, exact enough
 * to give its day at UTC+offset. */
static double solar_term_after(double jd, double longitude, int offset)
{
	double ahead = fmod(longitude - sun_longitude_fast(jd) + 720.0, 360.0);
	double t = solve(sun_fast_f, longitude, jd + ahead / 0.9856, 0.9856);
	if (from_midnight(t, offset) < MARGIN_SUN)
		t = solve(sun_f, longitude, t, 0.9856);
	return t;
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
	*solstice = solar_term_after(jd_of(y, 12, 1), 270.0, offset);
	int64_t sday = local_day(*solstice, offset);
	double nm = new_moon_after(*solstice - 32, offset);
	for (double next = new_moon_after(nm + 1, offset); local_day(next, offset) <= sday;
	     next = new_moon_after(nm + 1, offset))
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
	double nm = new_moon_after(jd_of(year - 1, 11, 1), offset);
	while (local_day(nm, offset) < a)
		nm = new_moon_after(nm + 1, offset);
	while (s->n < 13 && local_day(nm, offset) < b) {
		s->start[s->n++] = local_day(nm, offset);
		nm = new_moon_after(nm + 1, offset);
	}
	s->start[s->n] = b;
	/* the principal terms (multiples of 30 degrees) from the first solstice on */
	int64_t term[12];
	double t = ws1;
	for (int k = 0; k < 12; k++) {
		t = solar_term_after(t + 20, fmod(270.0 + 30.0 * (k + 1), 360.0), offset);
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

/* The last few sui each thread computed: a holiday list asks for several
 * dates of the same two years. Per thread, so no locks and no sharing. */
static const struct sui *sui_cached(int year, int offset)
{
	static _Thread_local struct {
		int year, offset;
		struct sui s;
	} cache[4];
	static _Thread_local unsigned next;
	for (unsigned i = 0; i < 4; i++)
		if (cache[i].offset == offset && cache[i].year == year)
			return &cache[i].s;
	unsigned i = next++ % 4;
	sui(year, offset, &cache[i].s);
	cache[i].year = year;
	cache[i].offset = offset;
	return &cache[i].s;
}

int lunisolar_date(enum lunisolar_kind kind, int year, int month, int day, int *y, int *m, int *d)
{
	/* months 1 to 10 of the lunar year lie in the sui that ends with its
	 * month 11; months 11 and 12 open the next one */
	const struct sui *sp = sui_cached(month >= 11 ? year + 1 : year, (int)kind);
	const struct sui s = *sp;
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
	double t = solar_term_after(jd_of(year, 1, 1) - 1, (double)longitude, (int)kind);
	if (local_day(t, (int)kind) < local_day(jd_of(year, 1, 1), (int)kind))
		t = solar_term_after(t + 20, (double)longitude, (int)kind);
	date_of(local_day(t, (int)kind), y, m, d);
}
