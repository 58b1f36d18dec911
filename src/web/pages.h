/* pages.h - the handlers of route.c's table, one page_<name>.c each.
 * Handlers run on the server's threads: they must not call util/time.c's
 * zone functions (time_parse with a zone, time_format_local, ...), which
 * switch TZ with setenv and are not thread-safe; calendar/zone.c is. */
#ifndef RAPPORT_PAGES_H
#define RAPPORT_PAGES_H

#include "util/err.h"
#include "web/req.h"

int page_home(struct req *r, struct err *e);
int page_healthz(struct req *r, struct err *e);
int page_partner(struct req *r, struct err *e);

#endif
