/* gap.h - the contact-gap clock, as the agenda keeps it: the last contact,
 * update or visit with a partner (else the start of the relationship)
 * against the agreed ideal and maximum gaps. For the dashboard and the
 * relationship page. Reads only. */
#ifndef RAPPORT_WEB_GAP_H
#define RAPPORT_WEB_GAP_H

#include <stdint.h>

#include "store/db.h"
#include "store/parties.h"
#include "util/err.h"

struct gap {
	int64_t last;            /* the last touch (UTC), or the relationship's start when none */
	int none;                /* no contact, update or visit yet */
	long days;               /* whole days since last */
	int64_t ideal, max;      /* the agreed gaps, in days */
	const char *state;       /* "ok", "due" (past the ideal) or "overdue" (past the maximum) */
};

int gap_read(struct db *db, const struct party *p, int64_t now, struct gap *g, struct err *e);

/* The state in words, translated: "Contact on track", ... */
const char *gap_state_words(const struct gap *g);

#endif
