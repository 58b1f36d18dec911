/* contacts.h - SQL for the contacts projection (one row per contact event). */
#ifndef RAPPORT_STORE_CONTACTS_H
#define RAPPORT_STORE_CONTACTS_H

#include <stdint.h>

#include "store/db.h"

struct contact {
	int64_t event_id;
	int64_t rel;
	const char *by_side;
	const char *kind;
	int64_t at;
	const char *note; /* NULL when none */
};

int store_contact_insert(struct db *db, const struct contact *c, struct err *e);
/* The time of rel's latest contact: 1 and *at set, 0 when none yet. */
int store_contact_last(struct db *db, int64_t rel, int64_t *at, struct err *e);

#endif
