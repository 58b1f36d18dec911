/* pages.h - the handlers of route.c's table, one page_<name>.c each. */
#ifndef RAPPORT_PAGES_H
#define RAPPORT_PAGES_H

#include "util/err.h"
#include "web/req.h"

int page_home(struct req *r, struct err *e);
int page_healthz(struct req *r, struct err *e);

#endif
