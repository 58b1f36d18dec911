/* agenda.h - what needs attention now, per side: update slots, contact
 * gaps, promises, payments, problems, suggestions, the other side's
 * festivals and closures, spec changes awaiting agreement and falling
 * scores, each with its state, deadline in both zones, the trust dimension
 * it touches and the command that deals with it. Reads the projections;
 * prints nothing. */
#ifndef RAPPORT_AGENDA_H
#define RAPPORT_AGENDA_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "store/parties.h"
#include "util/err.h"

enum agenda_state { AGENDA_OVERDUE, AGENDA_DUE, AGENDA_UPCOMING };
extern const char *const agenda_state_names[]; /* "overdue", "due", "upcoming" */

#define AGENDA_HORIZON_DAYS 7       /* promises, payments, actions due this soon are listed */
#define AGENDA_FESTIVAL_DAYS 14     /* the other side's festivals and closures this soon */
#define AGENDA_SUGGESTION_DAYS 14   /* a suggestion unanswered this long */
#define AGENDA_MISSED_DAYS 28       /* missed update slots this recent */
#define AGENDA_SCORE_DROP 0.1       /* a dimension falling more than this ... */
#define AGENDA_SCORE_DAYS 30        /* ... over this many days */

struct agenda_item {
	char id[128];              /* stable, for snoozing: "commitment:12", "update:3:1764547200" */
	int64_t rel;
	char partner[PARTY_NAME_MAX];
	const char *owes;          /* "buyer", "partner" or "both" */
	const char *kind;          /* "update", "contact", "commitment", "milestone", "payment", "ack", "action",
	                              "suggestion", "greeting", "closure", "spec-change", "score" */
	enum agenda_state state;
	int64_t at;                /* when it is due (UTC): the deadline, or the slot, the day */
	char due_date[11];         /* "YYYY-MM-DD" for things due on a day, else "" */
	char at_buyer[40], at_partner[40]; /* `at` in each side's zone, "2026-11-30T09:00:00+08:00" */
	const char *dimension;     /* the trust dimension it affects */
	char what[400];
	char command[400];
};

struct agenda {
	struct agenda_item *v; /* most urgent first; owned */
	size_t n, cap;
};

struct agenda_query {
	int64_t now;
	/* The record as it stood at this time: what was recorded by then, with
	 * what was settled, paid, acknowledged or moved later still open (the
	 * agenda of a past day); 0: the record as it stands (today or later). */
	int64_t recorded_by;
	int64_t rel;          /* 0: every partner */
	const char *side;     /* "buyer", "partner", or NULL for both */
	const char *author;   /* whose snoozes hide items; NULL: none */
	/* What an item says, in the reader's language: each English text
	 * (a printf format) through this (the web app's gettext); NULL for
	 * English. The commands stay the command line's. */
	const char *(*translate)(const char *msgid);
};

/* Fills out with the items of q, sorted: overdue, due, upcoming, each by
 * time. Release with agenda_release. */
int agenda_build(struct db *db, const struct agenda_query *q, struct agenda *out, struct err *e);
void agenda_release(struct agenda *a);

/* For people: "the buyer", "the partner" or "either side". */
const char *agenda_owes_text(const char *owes);
/* "Mon 2026-11-23 09:00 +08:00" from "2026-11-23T09:00:00+08:00", or
 * "Mon 2026-11-23" from a date; anything else is copied. */
void agenda_when(const char *iso, char out[48]);

/* The contact-gap clock: the last contact, update or visit with partner p
 * up to now (else the start of the relationship) against the agreed
 * ideal and maximum gaps, in days. The agenda's contact item and the web
 * pages read it here. */
struct agenda_gap {
	int64_t last;       /* the last touch (UTC), or the relationship's start when none */
	int none;           /* no contact, update or visit yet */
	long days;          /* whole days since last */
	int64_t ideal, max; /* the agreed gaps, in days */
	const char *state;  /* "ok", "due" (past the ideal) or "overdue" (past the maximum) */
};
int agenda_gap(struct db *db, const struct party *p, int64_t ideal, int64_t max, int64_t now, struct agenda_gap *g,
               struct err *e);

/* Hides item from author's agenda until the end of `until` (YYYY-MM-DD). */
int agenda_snooze(struct db *db, const char *author, const char *item, const char *until, int64_t now, struct err *e);

/* An item as JSON, the shape `rapport agenda --json` and the API give:
 * id, partner, partner_name, owes, kind, state, due (UTC), due_date (or
 * null), due_buyer, due_partner, dimension, what, command. */
json_t *agenda_item_json(const struct agenda_item *it);

#endif
