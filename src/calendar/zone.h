/* zone.h - IANA time zones read from the system zoneinfo (TZif, RFC 8536),
 * never from ICU's copy: instants to local time and back, thread-safe (no
 * TZ environment variable). Calendar arithmetic goes through libc's
 * timegm/gmtime_r. */
#ifndef RAPPORT_ZONE_H
#define RAPPORT_ZONE_H

#include <stdint.h>

#include "util/err.h"

struct zone;

/* Loads zone name ("Asia/Dhaka") from $TZDIR or /usr/share/zoneinfo.
 * Free with zone_free. */
int zone_load(const char *name, struct zone **out, struct err *e);
void zone_free(struct zone *z);
const char *zone_name(const struct zone *z);

/* What the clocks said at instant t. */
struct zone_local {
	int32_t utoff;     /* seconds east of UTC */
	int isdst;
	char abbr[16];     /* "EST", "+0545" */
};

void zone_at(const struct zone *z, int64_t t, struct zone_local *out);

/* The instant of a local wall time (seconds since the local midnight of
 * y-m-d). A time that a change skipped moves forward by the change (as
 * mktime does); one that happened twice is the first. */
int64_t zone_from_local(const struct zone *z, int y, int m, int d, int seconds);
/* zone_from_local with the zone as an untyped context: the conversion
 * time_parse_with (util/time.h) takes, for threads that must not switch TZ. */
int64_t zone_local_time(void *zone, int y, int m, int d, int seconds);

/* The local date of instant t as a day number (days since 1970-01-01,
 * calendar/day.h). */
long zone_day(const struct zone *z, int64_t t);

/* "2024-07-01T06:00:00-06:00"; out has room for 40 bytes. */
void zone_format(const struct zone *z, int64_t t, char out[40]);

#endif
