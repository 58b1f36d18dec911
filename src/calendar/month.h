/* month.h - a month as a calendar page shows it: weeks in rows, weekdays
 * in columns from Monday, the "YYYY-MM" a page's address names it by, and
 * the months either side. Pure integer arithmetic over calendar/day.h: no
 * time zones, no I/O. */
#ifndef RAPPORT_MONTH_H
#define RAPPORT_MONTH_H

struct month_grid {
	int year, month; /* 1 ... 12 */
	int days;        /* 28 ... 31 */
	int first_col;   /* the column of day 1: 0 = Monday ... 6 = Sunday */
	int weeks;       /* rows: 4 ... 6 */
	long first_day;  /* day 1 as a day number (day.h) */
};

/* The number of days of month m (1-12) of year y, Gregorian leap years. */
int month_days(int y, int m);

/* Lays out month y-m (m 1-12). */
void month_grid(int y, int m, struct month_grid *g);

/* The day of the month in row week, column col (0 = Monday), 1 ... days;
 * 0 for a cell before day 1 or after the last day. */
int month_cell(const struct month_grid *g, int week, int col);

/* Reads exactly "YYYY-MM" (month 01-12): 0 with *y and *m, or -1. */
int month_parse(const char *s, int *y, int *m);

/* The month delta months after y-m (delta may be negative), in place. */
void month_step(int *y, int *m, int delta);

#endif
