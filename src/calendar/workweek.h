/* workweek.h - whether a day is a working day for a country: its weekly
 * days off, its holidays and customary closures (holidays.c), the weekend
 * days it makes working days, and closures the caller adds (a factory's
 * annual shutdown, power cuts). Pure: no I/O, no SQL. */
#ifndef RAPPORT_WORKWEEK_H
#define RAPPORT_WORKWEEK_H

#include <stddef.h>

#include "calendar/holidays.h"
#include "util/err.h"

#define WORKWEEK_DAY(wday) (1u << (wday)) /* wday: 0 = Sunday ... 6 = Saturday */

/* A closure the caller adds, both days inclusive, "YYYY-MM-DD". */
struct workweek_closure {
	char from[11], to[11];
	const char *reason;
};

struct workweek {
	char country[3];                         /* "" for a country without holiday tables */
	unsigned weekend;                        /* WORKWEEK_DAY bits of the weekly days off */
	const struct workweek_closure *closures; /* borrowed from the caller; may be NULL */
	size_t nclosures;
	int year;                                /* the year whose holidays are cached, 0 none */
	struct holidays holidays;                /* owned */
};

/* The weekly days off of a country's factories or offices: BD Friday;
 * factory countries Sunday; buyers' countries Saturday and Sunday. 0 when
 * the country is unknown. */
unsigned workweek_weekend(const char *country);

/* Starts w for country with its default weekend (set w->weekend to
 * override it, w->closures to add closures). ERR_INPUT for an unknown
 * country. Release with workweek_release. */
int workweek_init(struct workweek *w, const char *country, struct err *e);
void workweek_release(struct workweek *w);

/* 1 when y-m-d is a working day, 0 when not; *why (when not NULL) gets the
 * holiday's or closure's name, "weekend", or NULL on a plain working day.
 * -1 with e set for a year outside the holiday tables. */
int workweek_is_working(struct workweek *w, int y, int m, int d, const char **why, struct err *e);

/* The n-th working day after y-m-d, counting from the day after it
 * whatever y-m-d is (n = 0: y-m-d itself when it is a working day, else
 * the next one). ERR_INPUT for n < 0. */
int workweek_add(struct workweek *w, int y, int m, int d, int n, int *oy, int *om, int *od, struct err *e);

#endif
