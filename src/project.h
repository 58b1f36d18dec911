/* project.h - events -> projection rows, run inside the append transaction:
 * check() refuses what the current state does not allow, before anything is
 * written; apply() writes the rows (also during rebuild). */
#ifndef RAPPORT_PROJECT_H
#define RAPPORT_PROJECT_H

#include <jansson.h>
#include <stdint.h>

#include "event.h"
#include "store/db.h"

/* The relationship's agreed rules, with defaults where none were agreed. */
struct project_settings {
	char cadence[64];
	int64_t gap_ideal;     /* days */
	int64_t gap_max;       /* days */
	int64_t ack_sla;       /* hours */
	int64_t freeze_days;
	int64_t payment_terms; /* days after ex-factory */
	int64_t deposit_pct;   /* share of an order paid a week after it is placed */
	int64_t cadence_since; /* when the cadence was agreed; 0: never (the default applies) */
	/* working calendars, as recorded ("MON-SAT", "08:00-17:30"); "" when
	 * not agreed: the country's week and 09:00-18:00 */
	char workweek[32], hours[32], buyer_workweek[32], buyer_hours[32];
};

int project_settings_get(struct db *db, int64_t rel, struct project_settings *s, struct err *e);

/* The state rules for one validated event (ev->rel, kind, at set). */
int project_check(struct db *db, const struct event *ev, const json_t *body, struct err *e);
/* Updates the projections for one event (ev->id set). */
int project_apply(struct db *db, const struct event *ev, const json_t *body, struct err *e);

/* The trust model for rel as of as_of: the defaults with every weights
 * change recorded by then (rel 0: the latest changes in any record). */
struct trust_model;
int project_model(struct db *db, int64_t rel, int64_t as_of, struct trust_model *m, struct err *e);

/* The current-scores projection of rel: its recorded evidence summed. */
struct trust_sums;
int project_trust_sums(struct db *db, int64_t rel, struct trust_sums *sums, struct err *e);

/* Clears every projection and replays all events into them, relationship by
 * relationship in sequence order; *events receives how many. */
int project_rebuild(struct db *db, int64_t *events, struct err *e);

/* 1 when kind has a row in the projection table (a test walks event_kinds). */
int project_knows(const char *kind);

/* The update slot an update at `at` answers: the latest cadence slot at or
 * before at + 24 h, in the partner's zone; 0 for a malformed cadence or
 * zone. Thread-safe (calendar/zone.c). */
int64_t project_update_slot(const char *cadence, const char *tz, int64_t at);

#endif
