/* evidence.h - what the shared record says about each side, as trust
 * evidence items as of a given time: outcomes from the projections, and
 * evidence nobody recorded but time made (missed update slots, silences
 * past the agreed gap, promises and payments overdue, problems left
 * unacknowledged, suggestions left unanswered). docs/trust.md lists them. */
#ifndef RAPPORT_EVIDENCE_H
#define RAPPORT_EVIDENCE_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "trust.h"

struct evidence {
	struct trust_item *items; /* sorted with trust_sort; owned */
	size_t n, cap;
};

enum {
	EVIDENCE_RECORDED = 1, /* outcomes someone recorded */
	/* what time made and no later record can change, only one dated
	 * before it: missed update slots, silences past the agreed gap,
	 * problems left unacknowledged, suggestions left unanswered */
	EVIDENCE_SETTLED = 2,
	EVIDENCE_OPEN = 4, /* promises and payments overdue and still open: they grow by the day */
	EVIDENCE_DERIVED = EVIDENCE_SETTLED | EVIDENCE_OPEN,
};

/* Collects the evidence wanted of relationship rel as of as_of, sorted;
 * with entity ("commitment", "payment", ...) only that record's, id. */
int evidence_gather(struct db *db, const struct trust_model *m, int64_t rel, int64_t as_of, unsigned want,
                    const char *entity, int64_t id, struct evidence *ev, struct err *e);
/* The same with t > after only -- and every open item, whatever its time --
 * reading only the records that can give them (scores.c adds the sums of
 * the rest). */
int evidence_after(struct db *db, const struct trust_model *m, int64_t rel, int64_t as_of, int64_t after,
                   unsigned want, struct evidence *ev, struct err *e);
/* 1 when records of entity carry trust evidence. */
int evidence_has(const char *entity);

/* Collects all the evidence of relationship rel known as of as_of, sorted. */
int evidence_collect(struct db *db, const struct trust_model *m, int64_t rel, int64_t as_of, struct evidence *ev,
                     struct err *e);
void evidence_release(struct evidence *ev);

/* Called with the evidence as of times[i] (sorted, valid until the call
 * returns) and the weights in force then; non-zero stops the walk (set e). */
typedef int (*evidence_series_fn)(void *arg, size_t i, const struct trust_model *m, const struct evidence *ev);

/* The evidence of rel as of each of times[0..n-1] (ascending), the same
 * items evidence_collect gives at each, in the same order, with the model
 * project_model gives then; but the record is read once (again only where
 * the weights in force change), and at each time only the promises and
 * payments still open are looked at. Thread-safe: no TZ switching. */
int evidence_series(struct db *db, int64_t rel, const int64_t *times, size_t n, evidence_series_fn fn, void *arg,
                    struct err *e);

#endif
