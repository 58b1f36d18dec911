/* route.h - the route table: method, path pattern, handler and who may
 * call it; and the dispatch that walks it. Pages live in page_*.c. */
#ifndef RAPPORT_ROUTE_H
#define RAPPORT_ROUTE_H

#include <stddef.h>

#include "util/err.h"
#include "web/req.h"

/* Who may call a route. route_dispatch fills req->session from the
 * session cookie (auth.c) before it looks at this. */
enum route_who {
	WHO_ANYONE,  /* no sign-in: health checks, the sign-in page */
	/* a signed-in user of either side; without a session a GET (or HEAD)
	 * is sent to /login?next=PATH (303), anything else answers 401 */
	WHO_USER,
};

/* a 1 MiB file and the form around it, or the same file sent back in base64 */
#define ROUTE_UPLOAD_MAX (3 * 1024 * 1024 / 2)

enum {
	ROUTE_READS = 1,  /* reads the database: the handler runs in one read transaction */
	ROUTE_WRITES = 2, /* changes the record (the page or its form): a role that cannot write gets 403 */
	/* its POST is a form with a file (multipart/form-data, up to
	 * ROUTE_UPLOAD_MAX bytes): text fields in r->form, files in r->files */
	ROUTE_UPLOAD = 4,
};

struct route {
	const char *method;  /* "GET" (which answers HEAD too), "POST", ... */
	const char *pattern; /* "/partners/{id}": each {name} stands for one non-empty path segment */
	/* Sends the response and returns 0; or returns -1 with e set and sends
	 * nothing: route_dispatch answers ERR_INPUT with r->fail_status (400
	 * unless the handler set another 4xx, web_fail) and the message, and
	 * anything else with 500 after logging it. */
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

/* The route that takes method on path (a GET route for "HEAD"), or NULL. */
const struct route *route_lookup(const char *method, const char *path);

/* 1 when r's method is m; a HEAD is a GET without the body. */
int route_method_is(const struct req *r, const char *m);

/* The Allow header of r's path: the methods of the routes that match it
 * ("GET, HEAD, POST"; "" when none does), among count entries of a table
 * whose entries begin with a method and a pattern, as struct route and
 * struct api_route do, stride bytes apart. Pool memory. */
const char *route_allow(struct req *r, const void *table, size_t count, size_t stride);

/* When r's Content-Type is type (in any case), what follows it (*len
 * bytes: "" or parameters, "; charset=utf-8"); NULL for another type or
 * none. */
const char *route_media_params(const struct req *r, const char *type, size_t *len);

/* Decodes r's query string into r->query: 0, or -1 with e set and *big
 * when it is too large (413) rather than not text (400). The caller
 * answers in its own form (a page, or the API's JSON). */
int route_read_query(struct req *r, int *big, struct err *e);

/* Runs a request: reads its session and picks its language (auth.c),
 * finds r->path's route (404 page for a path no route has, 405 with Allow
 * for a method it does not take), applies the route's who and flags,
 * decodes the query string and, for a POST, the URL-encoded body (415 for
 * another type, 413 past form.h's limits, 400 for what is not UTF-8 text),
 * refuses a POST without the right CSRF field (403), and runs the handler. */
void route_dispatch(struct req *r);

#endif
