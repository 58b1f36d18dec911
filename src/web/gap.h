/* gap.h - the contact-gap clock for the pages (the dashboard and the
 * relationship page): agenda_gap (agenda.h) with the relationship's agreed
 * gaps read from its settings, and its state in words. Reads only. */
#ifndef RAPPORT_WEB_GAP_H
#define RAPPORT_WEB_GAP_H

#include <stdint.h>

#include "agenda.h"
#include "store/db.h"
#include "store/parties.h"
#include "util/err.h"

int gap_read(struct db *db, const struct party *p, int64_t now, struct agenda_gap *g, struct err *e);

/* The state in words, translated: "Contact on track", ... */
const char *gap_state_words(const struct agenda_gap *g);

#endif
