/* workcal.h - one side's working calendar in a relationship: its country's
 * week and holidays (calendar/), the working days and hours the two sides
 * agreed in settings, the partner's recorded closures and its time zone.
 * Reads through store/ and project.c; prints nothing. */
#ifndef RAPPORT_WORKCAL_H
#define RAPPORT_WORKCAL_H

#include <stdint.h>

#include "calendar/holidays.h"
#include "calendar/slots.h"
#include "calendar/workweek.h"
#include "calendar/zone.h"
#include "project.h"
#include "store/db.h"
#include "store/parties.h"

enum workcal_side { WORKCAL_BUYER, WORKCAL_PARTNER };

struct workcal {
	enum workcal_side side;
	struct party party;     /* whose calendar: the partner, or the buyer */
	struct project_settings settings; /* the relationship's agreed rules, as read */
	int holidays_known;     /* 0: no holiday tables for its country, weekends only */
	int week_agreed;        /* the working days come from settings, not the country */
	struct workweek week;   /* days off, holidays, closures */
	struct zone *zone;      /* owned */
	int start, end;         /* working hours, seconds after local midnight */
	struct workweek_closure *closures; /* owned, with their reasons; the partner's only */
	size_t nclosures;
};

/* Loads side's calendar in relationship rel. ERR_INPUT when there is no
 * such partner. Release with workcal_release. */
int workcal_load(struct db *db, int64_t rel, enum workcal_side side, struct workcal *w, struct err *e);
void workcal_release(struct workcal *w);

/* Whether YYYY-MM-DD is a working day: 1, or 0 with *why (the holiday,
 * closure or "weekend") and next (the next working day); -1 with e set for a
 * year outside the holiday tables. next may be NULL. */
int workcal_check(struct workcal *w, const char *date, const char **why, char next[11], struct err *e);

/* The country's days of year with the partner's closures merged in: a
 * closure takes a day unless the day is a public holiday. Names borrow
 * from w. Release out with holidays_release. */
int workcal_holidays(struct workcal *w, int year, struct holidays *out, struct err *e);

/* The side's local date at instant now. */
void workcal_today(const struct workcal *w, int64_t now, int *y, int *m, int *d);

/* The side as calendar/slots.c wants it (borrows from w). */
void workcal_slot_side(struct workcal *w, struct slot_side *out);

/* Meeting slots: how many days are looked at by default and at most. */
#define WORKCAL_SLOT_DAYS 7
#define WORKCAL_SLOT_MAX_DAYS 92

/* The meeting slots on the `days` dates of the buyer from y-m-d on: the
 * times both sides are at work on a working day of each (slot_list over
 * the two calendars). ERR_INPUT naming "from" when the days, or the
 * partner's dates up to two days either side of them, leave the years the
 * holiday tables cover, or "days" outside 1 ... WORKCAL_SLOT_MAX_DAYS.
 * Release out with slot_release. */
int workcal_slots(struct workcal *buyer, struct workcal *partner, int y, int m, int d, int days, struct slots *out,
                  struct err *e);

/* The working hours as "09:00-18:00". */
void workcal_hours_text(const struct workcal *w, char out[32]);

/* "Mon-Sat", "Sat-Thu", "Mon, Wed-Fri": the working days of a week mask
 * (the days off), for people. */
void workcal_days_text(unsigned weekend, char out[40]);
/* The same with names[0] (Sunday) ... names[6] for the days and none for
 * a week without a working day, into out (size bytes): a page's language. */
void workcal_days_text_with(unsigned weekend, const char *const names[7], const char *none, char *out, size_t size);

#endif
