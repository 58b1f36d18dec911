/* record.h - one event recorded from text: each field's text typed by the
 * event kind's field table, the body built from those fields, the
 * relationship an id names, and the append with its warning about a date
 * on a day off. The CLI's recording commands (cmd_record.c, cmd_correct.c,
 * ...) and the web app's forms both go through here, so both accept and
 * refuse exactly the same input; the validation itself is event.c's and
 * ledger.c's. No output and no HTTP: the caller shows the warnings. */
#ifndef RAPPORT_RECORD_H
#define RAPPORT_RECORD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "ledger.h"
#include "util/buf.h"
#include "util/err.h"

struct workcal;

/* The JSON a field's text stands for, by f->type: a whole number for F_INT
 * and F_REF, a list for F_REFS ("3, 4"), true for F_BOOL, else the string
 * (checked later by event_validate). label names the input in errors
 * ("--qty" on the command line, "qty" in a form). NULL with e set when the
 * text does not read; the caller frees the value. */
json_t *record_value(const struct field *f, const char *label, const char *v, struct err *e);

/* Where record_body finds a field's text: returns it, or NULL when the
 * field was left out (a form's getter says so for an empty field too; on
 * the command line "" is a given flag), and writes the label its errors
 * name into label (size bytes). */
typedef const char *(*record_get_fn)(void *ctx, const struct field *f, char *label, size_t size);

/* The body of an event of kind k from the text get gives for each of its
 * fields, typed by record_value; fields get gives no text for are left out
 * (event_validate refuses a missing required one). *out is a new object
 * the caller frees; -1 with e set and nothing in *out otherwise. */
int record_body(const struct event_kind *k, record_get_fn get, void *ctx, json_t **out, struct err *e);

/* The relationship of the entity whose id the F_REF field f holds in body
 * (the order of "order": 7): 0 and *rel set, or ERR_INPUT naming label
 * when there is none. */
int record_rel(struct db *db, const struct field *f, const json_t *body, const char *label, int64_t *rel,
               struct err *e);

/* Appends in to relationship rel through l (ledger_append: the kind's
 * body, the author and the times are validated there) and sets *id. A date
 * set on a day the partner does not work adds a line to warnings (when not
 * NULL; a sentence ending in a newline, for the caller to prefix): it
 * blocks nothing. Inside the caller's transaction as
 * ledger_append describes. */
/* The warning record_append adds for an event of kind with body, from the
 * partner's working calendar w already loaded (several appends at once
 * load it once, then append with warnings NULL and call this). */
void record_warn(struct workcal *w, const char *kind, const json_t *body, struct buf *warnings);
int record_append(struct ledger *l, int64_t rel, const struct ledger_entry *in, struct buf *warnings, int64_t *id,
                  struct err *e);

#endif
