/* feed.h - a relationship's calendar as iCalendar (RFC 5545) text, for a
 * calendar client to subscribe to: what each side owes by a date, the update
 * cadence, and both sides' holidays. Builds the text; prints nothing and
 * serves nothing (the command and, later, the web server do). */
#ifndef RAPPORT_FEED_H
#define RAPPORT_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "util/err.h"

/* The calendar of relationship rel as seen by view ("buyer" or "partner":
 * whose side is "own" in CATEGORIES; the other side's days matter most),
 * stamped at now (seconds UTC), holidays for view's current local year and
 * the next. *out receives the text (CRLF lines), freed by the caller with
 * free(). ERR_INPUT when there is no such partner. */
int feed_calendar(struct db *db, int64_t rel, const char *view, int64_t now, char **out, struct err *e);

/* One calendar for the n relationships rels (in that order) as seen by
 * view, for a person who follows them all: each relationship's events as
 * feed_calendar gives them (the same UIDs), each zone's VTIMEZONE once,
 * and the buyer's days once, those of rels[0] (every relationship has the
 * same buyer; repeated under each relationship's UIDs they would show up n
 * times in a calendar). With n == 1 it is feed_calendar's text; with n == 0
 * an empty calendar named after the buyer. */
int feed_calendar_many(struct db *db, const int64_t *rels, size_t n, const char *view, int64_t now, char **out,
                       struct err *e);

/* A new secret feed token: 32 random bytes in URL-safe base64 without
 * padding (43 characters), safe in a path such as /calendar/TOKEN.ics. */
#define FEED_TOKEN_LEN 43
int feed_token_new(char out[FEED_TOKEN_LEN + 1], struct err *e);

#endif
