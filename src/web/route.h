/* route.h - the route table: method, path pattern, handler and who may
 * call it; and the dispatch that walks it. Pages live in page_*.c. */
#ifndef RAPPORT_ROUTE_H
#define RAPPORT_ROUTE_H

#include <stddef.h>

#include "util/err.h"
#include "web/req.h"

/* Who may call a route. The session module decides who a request comes
 * from (it fills req->session in route_dispatch); until it exists every
 * route but the public ones is refused. */
enum route_who {
	WHO_ANYONE,  /* no sign-in: health checks, the sign-in page */
	WHO_USER,    /* a signed-in user of either side */
};

enum {
	ROUTE_READS = 1, /* reads the database: the handler runs in one read transaction */
};

struct route {
	const char *method;  /* "GET" (which answers HEAD too), "POST", ... */
	const char *pattern; /* "/partners/{id}": each {name} stands for one non-empty path segment */
	/* Sends the response and returns 0; or returns -1 with e set and sends
	 * nothing: route_dispatch answers 400 with the message for ERR_INPUT,
	 * else logs it and answers 500. */
	int (*handle)(struct req *r, struct err *e);
	enum route_who who;
	unsigned flags;      /* ROUTE_* */
};

extern const struct route route_table[];
extern const size_t route_count;

/* Where a {name} segment matched: path + off, len bytes. */
struct route_span {
	size_t off, len;
};

/* 1 when path matches pattern, with each {name}'s span in spans (room for
 * REQ_MAX_PARAMS) and their count in *n; 0 when it does not. */
int route_match(const char *pattern, const char *path, struct route_span *spans, int *n);

/* Finds r->path's route and runs it: 404 page for a path no route has, 405
 * with Allow for a method it does not take, the handler otherwise. */
void route_dispatch(struct req *r);

#endif
