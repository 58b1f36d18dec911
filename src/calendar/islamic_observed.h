/* islamic_observed.h - officially observed Islamic dates (islamic_observed.c). */
#ifndef RAPPORT_ISLAMIC_OBSERVED_H
#define RAPPORT_ISLAMIC_OBSERVED_H

#include "calendar/islamic.h"

struct islamic_observed {
	const char country[3];
	enum islamic_event event;
	const char *date; /* "YYYY-MM-DD"; rows grouped by country and event */
};

extern const struct islamic_observed islamic_observed[];
extern const unsigned islamic_observed_count;

#endif
