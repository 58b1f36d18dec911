/* bench/calendar.c - every country's holidays for every year 2000-2040
 * (lunisolar, Islamic and festival dates included) and a working-day walk
 * through them; prints the time. Goal: under 100 ms. Not a test. */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "calendar/holidays.h"
#include "calendar/workweek.h"

static double now_ms(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

int main(void)
{
	char countries[128];
	snprintf(countries, sizeof countries, "%s", holiday_countries);
	size_t days = 0, lists = 0;
	double t0 = now_ms();
	char *save = NULL;
	for (char *cc = strtok_r(countries, " ", &save); cc; cc = strtok_r(NULL, " ", &save))
		for (int y = HOLIDAY_FIRST_YEAR; y <= HOLIDAY_LAST_YEAR; y++) {
			struct holidays h;
			struct err e;
			if (holiday_list(cc, y, &h, &e)) {
				fprintf(stderr, "%s %d: %s\n", cc, y, e.msg);
				return 1;
			}
			days += h.n;
			lists++;
			holidays_release(&h);
		}
	double t1 = now_ms();
	/* the working days of one factory country, every day of 41 years */
	struct workweek w;
	struct err e;
	long working = 0;
	if (workweek_init(&w, "CN", &e))
		return 1;
	for (int y = HOLIDAY_FIRST_YEAR; y <= HOLIDAY_LAST_YEAR; y++)
		for (int m = 1; m <= 12; m++)
			for (int d = 1; d <= 28; d++)
				working += workweek_is_working(&w, y, m, d, NULL, &e) == 1;
	workweek_release(&w);
	double t2 = now_ms();
	printf("calendar: %zu holiday lists (%zu days), all countries x %d-%d: %.1f ms\n", lists, days, HOLIDAY_FIRST_YEAR,
	       HOLIDAY_LAST_YEAR, t1 - t0);
	printf("calendar: %ld working days of CN found among %d days: %.1f ms\n", working,
	       (HOLIDAY_LAST_YEAR - HOLIDAY_FIRST_YEAR + 1) * 12 * 28, t2 - t1);
	return 0;
}
