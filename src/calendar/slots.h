/* slots.h - meeting slots: the times both sides' working hours overlap on
 * a day that is a working day for both, in both local times. Pure: the
 * caller loads the zones and the working weeks. */
#ifndef RAPPORT_SLOTS_H
#define RAPPORT_SLOTS_H

#include <stddef.h>
#include <stdint.h>

#include "calendar/workweek.h"
#include "calendar/zone.h"
#include "util/err.h"

#define SLOT_DEFAULT_START (9 * 3600)  /* 09:00 local */
#define SLOT_DEFAULT_END (18 * 3600)   /* 18:00 local */

struct slot_side {
	const struct zone *zone;
	struct workweek *week;
	int start, end; /* working hours: seconds after local midnight, start < end */
};

struct slot {
	int64_t from, to;         /* UTC seconds */
	char a_from[40], a_to[40]; /* in side a's zone, "2026-03-30T09:00:00+01:00" */
	char b_from[40], b_to[40]; /* in side b's zone */
};

struct slots {
	struct slot *v; /* ascending; owned, free with slot_release */
	size_t n, cap;
};

/* The slots on the `days` local dates of side a from y-m-d on. */
int slot_list(const struct slot_side *a, const struct slot_side *b, int y, int m, int d, int days, struct slots *out,
              struct err *e);
void slot_release(struct slots *s);

#endif
