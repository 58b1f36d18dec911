/* recorded.h - SQL for the records an import finds there already: the same
 * record, value for value, recorded at the same time before the import
 * began. A contact at the same second with the same note, a promise with
 * the same words, date and time: a file imported twice, not a new fact. */
#ifndef RAPPORT_STORE_RECORDED_H
#define RAPPORT_STORE_RECORDED_H

#include <jansson.h>
#include <stdint.h>

#include "store/db.h"

/* The newest event id of the database (0 when it has none): records made
 * later are this import's own. */
int store_last_event_id(struct db *db, int64_t *id, struct err *e);

/* Whether rel already has the record an event of kind event with body,
 * dated at, would make, among those created by events up to before: 1
 * with *id (its id), 0 (also for a kind this does not know), -1 with e.
 * Knows contact, person.add, payment.due and commitment.add (records of
 * no order) and order.add (every column of the order). */
int store_recorded(struct db *db, const char *event, int64_t rel, int64_t at, const json_t *body, int64_t before,
                   int64_t *id, struct err *e);

/* What closed a record store_recorded found (a payment.due or a
 * commitment.add): its closing event (payment.paid, commitment.keep or
 * commitment.break), when, and whether what that event carries (the
 * amount paid, as an amount: 720 is 720.00, none is all of it; the reason
 * it was broken, as text) is the same as in body. */
struct store_outcome {
	const char *event;
	int64_t at;
	int same_field;
};

/* Whether the record id of kind event is closed: 0 while it is open (or
 * for a kind that has no outcome), 1 with *out, -1 with e. body is the
 * closing event's body that a row would append (its amount or reason is
 * compared in SQL, whole). */
int store_outcome(struct db *db, const char *event, int64_t id, const json_t *body, struct store_outcome *out,
                  struct err *e);

/* An order's record, found by the order's PO and its name: a payment by
 * its label (deposit, balance), a milestone by its name. */
struct store_part {
	int64_t order;     /* the order's id; 0 when rel has no order of that PO */
	int64_t id;        /* the record's; 0 when the order has none of that name */
	char amount[32];   /* a payment's amount and currency, as recorded */
	char currency[8];
};

/* Looks up the record of rel's order po named name that an event of kind
 * event (payment.due or commitment.add) made: 0 with *out (its order and
 * id 0 when not found), -1 with e. */
int store_order_part(struct db *db, const char *event, int64_t rel, const char *po, const char *name,
                     struct store_part *out, struct err *e);

/* The date commitment id was first due: its first renegotiation's old
 * date, or its due date when it has none. 1 with out, 0 when there is no
 * such commitment, -1 with e. */
int store_first_due(struct db *db, int64_t id, char out[11], struct err *e);

/* The renegotiations of commitment id in the order they were recorded
 * (the order of their events, which is how its due date moved): the
 * first max of their times and new due dates into at and due. Their
 * number (all of them, also beyond max), or -1 with e. */
int store_renegotiations(struct db *db, int64_t id, int64_t *at, char (*due)[11], size_t max, struct err *e);

#endif
