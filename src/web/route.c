/* route.c - the route table (the one place that says which pages exist and
 * who may see them) and the dispatch: pattern match, method, who, handler,
 * and the 404, 405 and 500 answers. */
#include "web/route.h"

#include <string.h>

#include "util/log.h"
#include "web/pages.h"

const struct route route_table[] = {
	/* WHO_USER once the session module can sign people in */
	{"GET", "/", page_home, WHO_ANYONE, ROUTE_READS},
	{"GET", "/healthz", page_healthz, WHO_ANYONE, 0},
	{"GET", "/partners/{id}", page_partner, WHO_ANYONE, ROUTE_READS}, /* WHO_USER + tenant check when sessions land */
};

const size_t route_count = sizeof route_table / sizeof route_table[0];

int route_match(const char *pattern, const char *path, struct route_span *spans, int *n)
{
	const char *p = pattern, *s = path;
	*n = 0;
	while (*p) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			size_t len = strcspn(s, "/");
			if (!close || len == 0 || *n == REQ_MAX_PARAMS)
				return 0;
			spans[*n].off = (size_t)(s - path);
			spans[*n].len = len;
			(*n)++;
			p = close + 1;
			s += len;
		} else if (*p++ != *s++) {
			return 0;
		}
	}
	return *s == '\0';
}

static int method_is(const struct req *r, const char *m)
{
	const h2o_iovec_t *got = &r->h->method;
	if (got->len == strlen(m) && !memcmp(got->base, m, got->len))
		return 1;
	return r->head && !strcmp(m, "GET"); /* HEAD is GET without the body */
}

/* Whether r may call rt. The session module will set r->session before
 * this and answer WHO_USER routes; until then only public routes run. */
static int allowed(const struct req *r, const struct route *rt)
{
	return rt->who == WHO_ANYONE || (rt->who == WHO_USER && r->session != NULL);
}

/* The Allow header of a path: the methods of the routes that match it. */
static const char *allow_of(struct req *r)
{
	char list[128] = "";
	size_t len = 0;
	struct route_span spans[REQ_MAX_PARAMS];
	int n;
	for (size_t i = 0; i < route_count; i++) {
		const char *m = route_table[i].method;
		if (!route_match(route_table[i].pattern, r->path, spans, &n) || strstr(list, m))
			continue;
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s", len ? ", " : "", m,
		                        strcmp(m, "GET") ? "" : ", HEAD");
		if (len >= sizeof list)
			break;
	}
	return h2o_strdup(r->pool, list, SIZE_MAX).base;
}

void route_dispatch(struct req *r)
{
	struct route_span spans[REQ_MAX_PARAMS];
	const struct route *rt = NULL;
	int n = 0, path_known = 0;
	for (size_t i = 0; i < route_count && !rt; i++) {
		if (!route_match(route_table[i].pattern, r->path, spans, &n))
			continue;
		path_known = 1;
		if (method_is(r, route_table[i].method))
			rt = &route_table[i];
	}
	if (!rt) {
		if (!path_known) {
			req_send_error(r, 404, "There is no page at this address.");
			return;
		}
		req_header(r, "allow", allow_of(r));
		req_send_error(r, 405, "This page does not take that method.");
		return;
	}
	r->route = rt;
	for (int i = 0; i < n; i++)
		r->param[i] = h2o_strdup(r->pool, r->path + spans[i].off, spans[i].len).base;
	r->nparam = n;
	if (!allowed(r, rt)) {
		req_send_error(r, 403, "Sign in to see this page.");
		return;
	}
	struct err e = {0};
	int reads = rt->flags & ROUTE_READS, rc = reads ? db_read_begin(r->db, &e) : 0;
	if (rc == 0)
		rc = rt->handle(r, &e);
	if (reads)
		db_read_end(r->db);
	if (rc == 0)
		return;
	if (e.code == ERR_INPUT) {
		req_send_error(r, 400, e.msg);
		return;
	}
	/* the message may name files and SQL: it goes to the log, not the page */
	log_error("%s %s: %s", rt->method, rt->pattern, e.msg);
	req_send_error(r, 500, "Something went wrong on the server; it has been logged.");
}
