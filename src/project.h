/* project.h - events -> projection rows, run inside the append transaction. */
#ifndef RAPPORT_PROJECT_H
#define RAPPORT_PROJECT_H

#include <jansson.h>

#include "event.h"
#include "store/db.h"

/* Updates the projections for one validated event (ev->id set). */
int project_apply(struct db *db, const struct event *ev, const json_t *body, struct err *e);

/* 1 when kind has a row in the projection table (a test walks event_kinds). */
int project_knows(const char *kind);

#endif
