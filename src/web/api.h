/* api.h - the JSON API under /api/v1/ (docs/openapi.yaml describes it).
 * A program authenticates with a personal token ("Authorization: Bearer
 * TOKEN", web/token.h) and acts as that token's user: the same roles and
 * tenant rules as the web app (a partner's token sees only its own
 * relationship, another's ids answer 404; a viewer's token cannot POST).
 * No cookies are read, so no CSRF token is needed.
 *
 * Every answer is JSON. Errors are {"error": {"code", "field", "message"}}
 * with 400 (unreadable request), 401 (no or bad token), 403 (role), 404,
 * 405, 409 (the event contradicts the record: a promise already kept, an
 * order number in use), 413, 415, 422 (the event does not validate, or an
 * Idempotency-Key reused for another request), 429 (an import while
 * another runs), 503 (the database out of reach). GETs carry a strong ETag
 * and answer If-None-Match with 304. A POST with an Idempotency-Key is
 * appended once: a retry with the same key and request gets the first
 * answer again (with "Idempotent-Replayed: true"), for 24 hours. */
#ifndef RAPPORT_WEB_API_H
#define RAPPORT_WEB_API_H

#include <stddef.h>

#include "web/req.h"

#define API_PREFIX "/api/v1/"
#define API_MAX_BODY (1024 * 1024)  /* a POST body longer than this is refused (413) */
#define API_PAGE_DEFAULT 100        /* events per page unless ?limit= says */
#define API_PAGE_MAX 1000
#define API_IDEMPOTENCY_TTL 86400   /* how long an answer is kept for its key */
#define API_KEY_MAX 255             /* an Idempotency-Key's length */

struct api_route {
	const char *method, *pattern; /* pattern as route.c's: "/api/v1/partners/{id}" */
	int (*handle)(struct req *r, struct err *e);
	int writes;                   /* 1: a write (viewers get 403) */
};

extern const struct api_route api_routes[];
extern const size_t api_route_count;

/* 1 when path is the API's. */
int api_path(const char *path);

/* Answers status with {"error": {"code", "field": null, "message": msg}}:
 * what the server says of an API request before it is dispatched (a NUL
 * in its path, the database out of reach). */
void api_send_error(struct req *r, int status, const char *msg);

/* Answers r, a request under API_PREFIX. *reading as route.c's dispatch:
 * set when r->db is left in a read transaction for the caller to end. */
void api_dispatch(struct req *r, int *reading);

#endif
