/* req.h - one HTTP request as the handlers see it (struct req), and the
 * responses they send. Everything a request allocates comes from h2o's
 * request pool and is freed in one place when the request ends
 * (CONVENTIONS.md habit 3). */
#ifndef RAPPORT_REQ_H
#define RAPPORT_REQ_H

#include <h2o.h>
#include <stdint.h>

#include "store/db.h"
#include "web/form.h"
#include "web/html.h"
#include "web/multipart.h"

#define REQ_MAX_PARAMS 4

struct route;
struct web;
struct fmt;
struct session_user;

struct req {
	h2o_req_t *h;              /* h2o's request; h->pool owns this struct */
	h2o_mem_pool_t *pool;      /* &h->pool: for a handler's allocations */
	struct db *db;             /* the serving thread's read-only connection */
	struct web *web;           /* what the threads share: the writer, keys, languages (web.h) */
	struct fmt *fmt;           /* the serving thread's date and number formatters */
	int thread;                /* which serving thread, from 1 */
	const struct route *route; /* the route that matched, or NULL */
	const char *path;          /* the normalized path without the query, NUL-terminated */
	int head;                  /* a HEAD request: headers only */
	int64_t now;               /* when it arrived, seconds UTC ($RAPPORT_NOW pins it) */
	/* the {name} segments of the route's pattern, in order, NUL-terminated */
	const char *param[REQ_MAX_PARAMS];
	int nparam;
	/* The signed-in user (web/session.h: id, e-mail, organisation and its
	 * name, role, language, CSRF token), filled from the session cookie
	 * before the route runs; NULL while nobody is signed in. */
	const struct session_user *session;
	const char *session_token; /* the session cookie's value with session, else NULL */
	const char *form_token;    /* the pre-session cookie's value (auth.c), or NULL */
	int lang;                  /* enum i18n_lang the page is written in */
	const char *addr;          /* the client's address ("203.0.113.9"), "" when unknown */
	struct form form;          /* a POST's URL-encoded body (or an upload's text fields); empty otherwise */
	struct form_files files;   /* an upload's files (ROUTE_UPLOAD); none otherwise */
	struct form query;         /* the query string's fields */
	/* The status an ERR_INPUT the handler returns is answered with: 400
	 * unless the handler set another 4xx (web_fail). */
	int fail_status;
};

/* Sends body (len bytes, which must live until the request ends: from the
 * pool or static) with status and content_type (a literal). For HEAD only
 * the headers go out. */
void req_send(struct req *r, int status, const char *content_type, const char *body, size_t len);
/* Sends the page h as text/html; charset=utf-8. */
void req_send_html(struct req *r, int status, const struct html *h);
/* Sends a literal as text/plain; charset=utf-8. */
#define req_send_text(r, status, lit) req_send((r), (status), "text/plain; charset=utf-8", "" lit, sizeof(lit) - 1)
/* Sends an HTML error page in the page layout (layout.h): its title is the
 * status's reason ("Not Found") in the request's language, detail
 * (escaped, may be NULL; already translated) a sentence under it. */
void req_send_error(struct req *r, int status, const char *detail);
/* Adds (or replaces) a response header; name is lowercase; name and value
 * must outlive the request (literals or pool memory). */
void req_header(struct req *r, const char *name, const char *value);

/* The normalized path and the query string as sent ("/x?a=1"), for a
 * redirect back here. Pool memory. */
const char *req_target(struct req *r);

/* The reason phrase of a status code ("Not Found"), in English (the
 * status line's); _() of it gives the page's. */
const char *req_reason(int status);

#endif
