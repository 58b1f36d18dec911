/* buddhist.h - the generated Cambodian and Sri Lankan date tables
 * (buddhist.c, from scripts/gen-buddhist-tables); festivals.c reads them,
 * nothing else should. */
#ifndef RAPPORT_BUDDHIST_H
#define RAPPORT_BUDDHIST_H

#include "calendar/festivals.h"

struct festival_row {
	enum festival f;
	const char *date; /* "YYYY-MM-DD" */
};

extern const struct festival_row buddhist_rows[];
extern const unsigned buddhist_rows_count;

#endif
