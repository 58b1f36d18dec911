/* lunisolar.h - the Chinese (UTC+8) and Vietnamese (UTC+7) lunisolar
 * calendars computed from the true new moons and solar terms (libnova's
 * VSOP87 sun and ELP2000 moon), not from ICU's Chinese calendar, which is
 * wrong in years whose new moon falls minutes from midnight. */
#ifndef RAPPORT_LUNISOLAR_H
#define RAPPORT_LUNISOLAR_H

enum lunisolar_kind {
	LUNISOLAR_CHINESE = 8,    /* the offset from UTC, in hours, the calendar is kept in */
	LUNISOLAR_VIETNAMESE = 7,
};

/* The Gregorian date of day `day` of lunar month `month` (1-12, not the
 * leap month) of the lunar year that begins in Gregorian year `year`.
 * Returns 0, or -1 when that month has no such day (a 29-day month). */
int lunisolar_date(enum lunisolar_kind kind, int year, int month, int day, int *y, int *m, int *d);

/* The Gregorian date of the solar term at ecliptic longitude `longitude`
 * (a multiple of 15 degrees; Qingming is 15) in Gregorian year `year`, as a
 * local date of the calendar's zone. */
void lunisolar_solar_term(enum lunisolar_kind kind, int year, int longitude, int *y, int *m, int *d);

#endif
