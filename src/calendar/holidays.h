/* holidays.h - the days a country's factories and offices stop, or mark:
 * public holidays, observances worth a greeting, customary factory closures
 * and weekend days made working days. Pure: no I/O. */
#ifndef RAPPORT_HOLIDAYS_H
#define RAPPORT_HOLIDAYS_H

#include <stddef.h>

#include "util/err.h"

enum holiday_kind {
	HOLIDAY_PUBLIC,     /* a day off by law or by announced schedule */
	HOLIDAY_OBSERVANCE, /* a cultural event worth a greeting, not a day off */
	HOLIDAY_CLOSURE,    /* the customary factory shutdown around a holiday */
	HOLIDAY_WORKDAY,    /* a weekend day made a working day */
};

extern const char *const holiday_kind_names[]; /* "public", "observance", "closure", "workday" */

struct holiday {
	char date[11];          /* YYYY-MM-DD */
	const char *name;       /* English */
	const char *local_name; /* in the country's language */
	enum holiday_kind kind;
	int estimated;          /* computed from rules or custom, not announced */
};

struct holidays {
	struct holiday *days; /* sorted by date, one per day; owned */
	size_t n, cap;
};

#define HOLIDAY_FIRST_YEAR 2000
#define HOLIDAY_LAST_YEAR 2040

/* The countries this rapport knows, space-separated ("CN VN"). */
extern const char holiday_countries[];

/* Fills out with country's days in year. ERR_INPUT for a country or year it
 * does not know. */
int holiday_list(const char *country, int year, struct holidays *out, struct err *e);
void holidays_release(struct holidays *h);
/* Frees the calling thread's cache of the lists holiday_list computed (a
 * thread that computed some calls it before it ends; the main thread's
 * goes at exit with the process). */
void holiday_cache_release(void);

#endif
