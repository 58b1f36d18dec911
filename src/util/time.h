/* time.h - ISO-8601 parsing and formatting, and IANA zones from the system
 * zoneinfo (never ICU's copy: DESIGN.md section 8). Times are int64 seconds
 * since the epoch, UTC. Local conversions go through libc's TZif reader.
 * NOT thread-safe: every function taking a zone switches TZ with setenv
 * for the call, so the web server's handler threads must not call them
 * (see web/pages.h; calendar/zone.c reads the zoneinfo without TZ). */
#ifndef RAPPORT_TIME_H
#define RAPPORT_TIME_H

#include <stdint.h>

#include "util/err.h"

/* 1 when zone names a TZif file in the system zoneinfo ("Asia/Shanghai"). */
int time_zone_valid(const char *zone);

/* Parses "YYYY-MM-DD", "YYYY-MM-DDTHH:MM[:SS[.fff]]" (or a space for T;
 * a fraction of a second is dropped) with an optional "Z" or
 * "+HH:MM"/"-HH:MM", or "@SECONDS". A time without an offset
 * is local to zone; a bare date is midnight there. field names the input in
 * the error message. */
int time_parse(const char *s, const char *zone, const char *field, int64_t *out, struct err *e);

/* The instant of a local wall time: y-m-d and seconds after its midnight. */
typedef int64_t (*time_local_fn)(void *ctx, int y, int m, int d, int seconds);
/* time_parse with the local conversion given instead of a zone name: for
 * the web server's threads, which convert with calendar/zone.c
 * (zone_from_local) and must not touch TZ. Thread-safe itself. */
int time_parse_with(const char *s, time_local_fn local, void *ctx, const char *field, int64_t *out, struct err *e);
/* The instant a wall time names, naive being that wall time read as if
 * it were UTC, in a zone whose offset from UTC (seconds east) at an
 * instant offset(ctx, t) gives: read with the offsets a day before and a
 * day after it, which bracket any change, each checked by reading it
 * back. Of two readings that hold (the hour passed twice), the first; of
 * none (an hour the clocks skipped), the one with the offset before the
 * change. RFC 5545 3.3.5 reads local times so. */
int64_t time_from_wall(int64_t naive, long (*offset)(void *ctx, int64_t t), void *ctx);

/* time_parse's own conversion, ctx a zone name: time_from_wall with the C
 * library's offsets under TZ=ctx, so it reads a time as
 * calendar/zone.c's zone_from_local does. Not thread-safe. */
int64_t time_local_tz(void *ctx, int y, int m, int d, int seconds);

/* Parses exactly "YYYY-MM-DD" into a calendar date. */
int time_parse_date(const char *s, const char *field, int *y, int *m, int *d, struct err *e);

/* Midnight UTC of a valid "YYYY-MM-DD" (for day arithmetic on agreed dates). */
int64_t time_date_utc(const char *date);
/* The local calendar date of t in zone; wday 0 = Monday. */
void time_local_date(int64_t t, const char *zone, int *y, int *m, int *d, int *wday);
/* The instant of a local date and minute of day in zone. */
int64_t time_from_local(const char *zone, int y, int m, int d, int minute);
/* "YYYY-MM-DD" of t in zone; out has room for 11 bytes. */
void time_format_date(int64_t t, const char *zone, char out[11]);

/* "2026-11-25T03:37:21Z"; out has room for 21 bytes. */
void time_format_utc(int64_t t, char out[21]);
/* "2026-11-25 11:37 +0800" in zone; out has room for 32 bytes. */
void time_format_local(int64_t t, const char *zone, char out[32]);

#endif
