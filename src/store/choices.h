/* choices.h - what a form offers for a field that names an entity (the
 * commitment kept, the order a payment is for, the people met on a
 * visit): one relationship's entities of that kind, each with a few
 * columns to name it by. Reads only; the web app's forms (web/forms.h)
 * say which entities each field offers. */
#ifndef RAPPORT_STORE_CHOICES_H
#define RAPPORT_STORE_CHOICES_H

#include <stdint.h>

#include "store/db.h"

struct store_row; /* store/domain.h */

/* At most this many rows a list: a select longer than that helps nobody
 * (the newest, or the soonest due, come first). */
#define STORE_CHOICES_MAX 500

enum store_choice_which {
	CHOICE_ALL,      /* every entity of the kind */
	CHOICE_OPEN,     /* commitments, issues and actions still open, payments unpaid, suggestions unanswered */
	CHOICE_UNACKED,  /* issues open and not acknowledged */
	CHOICE_RESOLVED, /* issues resolved (to reopen) */
};

/* Calls fn for each of rel's entities of kind entity ("person",
 * "commitment", "order", "issue", "action", "visit", "suggestion",
 * "payment") that which selects, with the row: i[0] the id, then text
 * columns t[1] to t[4] (NULL ones flagged in null[]):
 *   person      name, role, side
 *   commitment  what, due, side
 *   order       po, style, ex_factory
 *   issue       title, severity, responsible
 *   action      what, due, owner
 *   visit       date, by side, note
 *   suggestion  text, the name of the person who made it
 *   payment     amount, currency, due, label
 * fn returns non-zero to stop (that value is returned). ERR_IO for an
 * entity or a which this file has no query for. */
int store_choices(struct db *db, const char *entity, enum store_choice_which which, int64_t rel,
                  int (*fn)(void *ctx, const struct store_row *row), void *ctx, struct err *e);

/* 1 when store_choices has a query for entity and which. */
int store_choices_known(const char *entity, enum store_choice_which which);

#endif
