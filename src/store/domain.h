/* domain.h - SQL for the projections of the relationship's practices
 * (people, commitments, orders, updates, issues, visits, suggestions, specs,
 * payments, greetings, corrections, settings) and the listings read from
 * them. project.c decides what to write; this file only holds the SQL. */
#ifndef RAPPORT_STORE_DOMAIN_H
#define RAPPORT_STORE_DOMAIN_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* Binds the arguments described by types to sql's parameters ?1, ?2, ...:
 * 'i' an int64_t, 'I' an int64_t bound as NULL when 0, 't' a const char *
 * (NULL binds NULL), 'b' an int stored as 0/1, 'd' a double. Returns the number of rows
 * changed, or -1. */
int store_run(struct db *db, const char *sql, struct err *e, const char *types, ...);

/* store_run for an INSERT whose SQL ends in RETURNING id: sets *id to the
 * new row's id; 0 or -1. */
int store_run_id(struct db *db, const char *sql, struct err *e, int64_t *id, const char *types, ...);

/* One row of a lookup: integer columns land in i[], text columns in t[]. */
struct store_row {
	int64_t i[8];
	double d[8];
	char t[8][256];
	int null[8];
};

/* Copies a row's text s into out of size bytes, cut short when longer
 * (a column's CHECK usually keeps it shorter already). */
void store_text_copy(char *out, size_t size, const char *s);

/* Runs a query and reads its first row: 1 found, 0 none, -1 error. */
int store_row(struct db *db, const char *sql, struct err *e, struct store_row *row, const char *types, ...);

/* Runs a query and calls fn for each row (fn returns non-zero to stop;
 * that value is returned). The statement is the cached one, so fn must not
 * run the same query. The row's text columns are truncated at 255 bytes:
 * for keys, dates and enums, not free text. */
int store_each(struct db *db, const char *sql, struct err *e, int (*fn)(void *ctx, const struct store_row *row),
               void *ctx, const char *types, ...);

/* The relationship an entity belongs to: 1 and *rel set, 0 when there is
 * no such entity. entity is a field's entity name ("commitment", ...). */
int store_entity_rel(struct db *db, const char *entity, int64_t id, int64_t *rel, struct err *e);
/* Removes the projection row(s) of the entity an event created. */
int store_entity_void(struct db *db, const char *entity, int64_t id, struct err *e);

/* A listing: rows of one projection as JSON objects (column name -> value). */
struct listing {
	const char *name;        /* "commitments" */
	const char *sql;         /* ?1 = partner id or NULL for all, ?2 = 1 for open only */
	const char *columns;     /* columns shown in text output, space-separated */
	int has_open;            /* takes --open */
};

extern const struct listing store_listings[];
extern const size_t store_nlistings;

/* Appends every row of l (for partner rel, or all when 0) to out. */
int store_list(struct db *db, const struct listing *l, int64_t rel, int open_only, json_t *out, struct err *e);

/* Every projection table, in the order rebuild clears them. */
extern const char *const store_projection_tables[];
/* Deletes every projection row (rebuild). */
int store_projections_clear(struct db *db, struct err *e);
/* Appends a dump of every projection table (sorted rows) to out. */
int store_projections_dump(struct db *db, json_t *out, struct err *e);

#endif

/* The statements project.c runs, by name; the SQL text is in domain.c. */
enum store_sql_id {
	SQL_SETTINGS_OPEN, SQL_SETTINGS_SET, SQL_SETTINGS_GET, SQL_SETTINGS_CALENDAR_SET, SQL_SETTINGS_CALENDAR_GET,
	SQL_CLOSURE_INSERT, SQL_CLOSURES_FOR,
	SQL_PERSON_INSERT,
	SQL_COMMITMENT_INSERT, SQL_COMMITMENT_GET, SQL_COMMITMENT_KEEP, SQL_COMMITMENT_RENEGOTIATE, SQL_COMMITMENT_BREAK,
	SQL_RENEGOTIATION_INSERT,
	SQL_ORDER_INSERT, SQL_ORDER_BY_PO, SQL_ORDER_DEPENDENTS,
	SQL_UPDATE_INSERT,
	SQL_ISSUE_INSERT, SQL_ISSUE_GET, SQL_ISSUE_ACK, SQL_ISSUE_RESOLVE, SQL_ISSUE_REOPEN,
	SQL_ACTION_INSERT, SQL_ACTION_GET, SQL_ACTION_DONE,
	SQL_VISIT_INSERT, SQL_VISIT_PERSON, SQL_PERSON_DEPENDENTS,
	SQL_SUGGESTION_INSERT, SQL_SUGGESTION_GET, SQL_SUGGESTION_RESPOND, SQL_VISIT_DEPENDENTS,
	SQL_SPEC_INSERT, SQL_SPEC_EXISTS, SQL_SPEC_LATEST, SQL_SPEC_CHANGE_INSERT,
	SQL_PAYMENT_INSERT, SQL_PAYMENT_GET, SQL_PAYMENT_PAID,
	SQL_GREETING_INSERT,
	SQL_CORRECTION_INSERT, SQL_CORRECTION_VOIDED, SQL_CORRECTION_PATCHES,
	SQL_PARTNER_TZ,
	SQL_COMMITMENT_MOVED, SQL_ISSUE_MOVED, SQL_ACTION_MOVED, SQL_SUGGESTION_MOVED, SQL_PAYMENT_MOVED,
	/* evidence.c: the facts trust is computed from, per relationship ?1 */
	SQL_EV_COMMITMENTS, SQL_EV_RENEGOTIATIONS, SQL_EV_UPDATES, SQL_EV_TOUCHES, SQL_EV_ISSUES, SQL_EV_PAYMENTS,
	SQL_EV_SPEC_CHANGES, SQL_EV_VISITS, SQL_EV_SUGGESTIONS, SQL_EV_GREETINGS,
	SQL_EV_COMMITMENTS_ONE, SQL_EV_RENEGOTIATIONS_ONE, SQL_EV_UPDATES_ONE, SQL_EV_ISSUES_ONE, SQL_EV_PAYMENTS_ONE,
	SQL_EV_SPEC_CHANGES_ONE, SQL_EV_VISITS_ONE, SQL_EV_SUGGESTIONS_ONE, SQL_EV_GREETINGS_ONE,
	SQL_EV_COMMITMENTS_SINCE, SQL_EV_RENEGOTIATIONS_SINCE, SQL_EV_UPDATES_SINCE, SQL_EV_TOUCHES_SINCE,
	SQL_EV_PAYMENTS_SINCE, SQL_EV_SPEC_CHANGES_SINCE, SQL_EV_VISITS_SINCE, SQL_EV_GREETINGS_SINCE,
	SQL_WEIGHTS_INSERT, SQL_WEIGHTS_FOR, SQL_WEIGHTS_LATEST, SQL_TRUST_ADD, SQL_TRUST_CLEAR, SQL_TRUST_GET,
	SQL__COUNT
};

extern const char *const store_sql[SQL__COUNT];
