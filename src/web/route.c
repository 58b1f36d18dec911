/* route.c - the route table (the one place that says which pages exist and
 * who may see them) and the dispatch: session, language, pattern match,
 * method, who, role, form decoding, CSRF, handler, and the 4xx and 500
 * answers. */
#include "web/route.h"

#include <stddef.h>
#include <string.h>
#include <strings.h>

#include "util/log.h"
#include "web/api.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

const struct route route_table[] = {
	{"GET", "/", page_home, WHO_USER, ROUTE_READS},
	{"GET", "/healthz", page_healthz, WHO_ANYONE, 0},
	{"GET", "/partners/{id}", page_partner, WHO_USER, ROUTE_READS},
	{"GET", "/login", page_login, WHO_ANYONE, 0},
	{"POST", "/login", page_login_post, WHO_ANYONE, 0},
	{"POST", "/logout", page_logout, WHO_USER, 0},
	{"POST", "/lang", page_lang, WHO_ANYONE, 0},
	{"GET", "/partners/{id}/contact", page_contact, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"POST", "/partners/{id}/contact", page_contact_post, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"GET", "/holidays", page_holidays, WHO_USER, ROUTE_READS},
	{"GET", "/partners/{id}/slots", page_slots, WHO_USER, ROUTE_READS},
	{"GET", "/partners/{id}/export/{file}", page_export, WHO_USER, ROUTE_READS},
	{"GET", "/partners/{id}/import", page_import, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"POST", "/partners/{id}/import", page_import_post, WHO_USER, ROUTE_READS | ROUTE_WRITES | ROUTE_UPLOAD},
	{"GET", "/settings", page_settings, WHO_USER, ROUTE_READS},
	{"GET", "/partners/{id}/settings", page_settings_form, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"POST", "/partners/{id}/settings", page_settings_post, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"GET", "/agenda", page_agenda, WHO_USER, ROUTE_READS},
	{"POST", "/agenda/snooze", page_agenda_snooze, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"GET", "/people", page_people, WHO_USER, ROUTE_READS},
	/* the feed's token is its credential; a viewer may have one (not a ledger write) */
	{"GET", "/calendar", page_calendar, WHO_USER, ROUTE_READS},
	{"POST", "/calendar", page_calendar_post, WHO_USER, ROUTE_READS},
	{"GET", "/calendar/{token}", page_calendar_feed, WHO_ANYONE, ROUTE_READS},
	{"GET", "/partners/{id}/record", page_record_list, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"GET", "/partners/{id}/record/{kind}", page_record, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"POST", "/partners/{id}/record/{kind}", page_record_post, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"GET", "/settings/weights", page_weights, WHO_USER, ROUTE_READS | ROUTE_WRITES},
	{"POST", "/settings/weights", page_weights_post, WHO_USER, ROUTE_READS | ROUTE_WRITES},
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

static int method_eq(const char *got, size_t len, const char *m)
{
	if (len == strlen(m) && !memcmp(got, m, len))
		return 1;
	return len == 4 && !memcmp(got, "HEAD", 4) && !strcmp(m, "GET"); /* HEAD is GET without the body */
}

int route_method_is(const struct req *r, const char *m)
{
	return method_eq(r->h->method.base, r->h->method.len, m);
}

const struct route *route_lookup(const char *method, const char *path)
{
	struct route_span spans[REQ_MAX_PARAMS];
	int n;
	for (size_t i = 0; i < route_count; i++)
		if (method_eq(method, strlen(method), route_table[i].method) &&
		    route_match(route_table[i].pattern, path, spans, &n))
			return &route_table[i];
	return NULL;
}

_Static_assert(offsetof(struct route, method) == 0 && offsetof(struct route, pattern) == sizeof(const char *),
               "route_allow reads a route as a method and a pattern");

const char *route_allow(struct req *r, const void *table, size_t count, size_t stride)
{
	char list[128] = "";
	size_t len = 0;
	struct route_span spans[REQ_MAX_PARAMS];
	int n;
	for (size_t i = 0; i < count; i++) {
		const char *const *entry = (const char *const *)(const void *)((const char *)table + i * stride);
		const char *m = entry[0];
		if (!route_match(entry[1], r->path, spans, &n) || strstr(list, m))
			continue;
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s%s", len ? ", " : "", m,
		                        strcmp(m, "GET") ? "" : ", HEAD");
		if (len >= sizeof list)
			break;
	}
	return h2o_strdup(r->pool, list, SIZE_MAX).base;
}

const char *route_media_params(const struct req *r, const char *type, size_t *len)
{
	const h2o_headers_t *hs = &r->h->headers;
	ssize_t i = h2o_find_header(hs, H2O_TOKEN_CONTENT_TYPE, -1);
	if (i == -1)
		return NULL;
	const h2o_iovec_t *v = &hs->entries[i].value;
	size_t n = strlen(type);
	if (v->len < n || strncasecmp(v->base, type, n) ||
	    !(v->len == n || v->base[n] == ';' || v->base[n] == ' ' || v->base[n] == '\t'))
		return NULL;
	*len = v->len - n;
	return v->base + n;
}

/* 1 when the request's body is declared URL-encoded (parameters after it
 * such as "; charset=UTF-8" are allowed). */
static int urlencoded(const struct req *r)
{
	size_t len;
	return route_media_params(r, "application/x-www-form-urlencoded", &len) != NULL;
}

/* A request without a session on a WHO_USER route: a page is sent to
 * the sign-in form, which comes back here afterwards; anything else is
 * refused. */
static void sign_in_first(struct req *r)
{
	if (route_method_is(r, "GET")) {
		struct html loc;
		html_init(&loc, r->pool);
		html_printf(&loc, "/login?next=%t", req_target(r));
		web_redirect(r, loc.data);
		return;
	}
	req_send_error(r, 401, _("Sign in first: you are not signed in, or your session has ended."));
}

int route_read_query(struct req *r, int *big, struct err *e)
{
	const h2o_req_t *h = r->h;
	*big = 0;
	if (h->query_at == SIZE_MAX || h->query_at >= h->path.len)
		return 0;
	return form_parse(&r->query, r->pool, h->path.base + h->query_at + 1, h->path.len - h->query_at - 1, big, e);
}

/* Decodes the query string and a POST's body into r->query and r->form;
 * answers and returns -1 when they cannot be read. */
static int read_forms(struct req *r)
{
	struct err e = {0};
	int big = 0;
	const h2o_req_t *h = r->h;
	if (route_read_query(r, &big, &e)) {
		req_send_error(r, big ? 413 : 400, _("The address holds characters that are not text."));
		return -1;
	}
	if (!route_method_is(r, "POST"))
		return 0;
	size_t ct_len;
	if (h->entity.base && (r->route->flags & ROUTE_UPLOAD) && route_media_params(r, "multipart/form-data", &ct_len)) {
		ssize_t i = h2o_find_header(&h->headers, H2O_TOKEN_CONTENT_TYPE, -1);
		const h2o_iovec_t *ct = &h->headers.entries[i].value;
		if (h->entity.len > ROUTE_UPLOAD_MAX) {
			req_send_error(r, 413, _("The file is too large: 1 MiB at most."));
			return -1;
		}
		if (multipart_parse(r->pool, ct->base, ct->len, h->entity.base, h->entity.len, &r->form, &r->files, &e)) {
			req_send_error(r, 400, _("The form could not be read."));
			return -1;
		}
		return 0;
	}
	if (h->entity.base && h->entity.len && !urlencoded(r)) {
		req_send_error(r, 415, _("This page takes a form (application/x-www-form-urlencoded)."));
		return -1;
	}
	if (h->entity.base && form_parse(&r->form, r->pool, h->entity.base, h->entity.len, &big, &e)) {
		req_send_error(r, big ? 413 : 400,
		               big ? _("The form is too large.") : _("The form holds characters that are not text."));
		return -1;
	}
	return 0;
}

/* Runs the request; *reading says whether r->db is in a read transaction,
 * which route_dispatch ends. The session lookup and the handler share one
 * transaction: one snapshot, and SQLite's locks taken once. */
static void dispatch(struct req *r, int *reading)
{
	struct err e = {0};
	if (api_path(r->path)) { /* its own token, table and JSON answers */
		api_dispatch(r, reading);
		return;
	}
	if (auth_cookie(r, SESSION_COOKIE) && db_read_begin(r->db, &e) == 0)
		*reading = 1;
	if (e.msg[0] || auth_load(r, &e)) {
		auth_lang(r);
		log_error("session: %s", e.msg);
		req_send_error(r, 500, _("Something went wrong on the server; it has been logged."));
		return;
	}
	auth_lang(r);

	struct route_span spans[REQ_MAX_PARAMS];
	const struct route *rt = NULL;
	int n = 0, path_known = 0;
	for (size_t i = 0; i < route_count && !rt; i++) {
		if (!route_match(route_table[i].pattern, r->path, spans, &n))
			continue;
		path_known = 1;
		if (route_method_is(r, route_table[i].method))
			rt = &route_table[i];
	}
	if (!rt) {
		if (!path_known) {
			web_not_found(r);
			return;
		}
		req_header(r, "allow", route_allow(r, route_table, route_count, sizeof route_table[0]));
		req_send_error(r, 405, _("This page does not take that method."));
		return;
	}
	r->route = rt;
	for (int i = 0; i < n; i++)
		r->param[i] = h2o_strdup(r->pool, r->path + spans[i].off, spans[i].len).base;
	r->nparam = n;

	if (rt->who == WHO_USER && !r->session) {
		sign_in_first(r);
		return;
	}
	if ((rt->flags & ROUTE_WRITES) && (!r->session || !session_can_write(r->session))) {
		req_send_error(r, 403, _("Your role lets you read the record but not change it."));
		return;
	}
	if (read_forms(r))
		return;
	/* every POST, signed in or not (the login form included) */
	if (route_method_is(r, "POST") && !auth_csrf_ok(r)) {
		req_send_error(r, 403, _("This form has expired or did not come from this site. Reload the page and try again."));
		return;
	}

	int rc = 0;
	if ((rt->flags & ROUTE_READS) && !*reading) {
		rc = db_read_begin(r->db, &e);
		*reading = rc == 0;
	}
	if (rc == 0)
		rc = rt->handle(r, &e);
	if (rc == 0)
		return;
	if (e.code == ERR_INPUT) {
		int status = r->fail_status >= 400 && r->fail_status < 500 ? r->fail_status : 400;
		req_send_error(r, status, e.msg);
		return;
	}
	/* the message may name files and SQL: it goes to the log, not the page */
	log_error("%s %s: %s", rt->method, rt->pattern, e.msg);
	req_send_error(r, 500, _("Something went wrong on the server; it has been logged."));
}

void route_dispatch(struct req *r)
{
	int reading = 0;
	dispatch(r, &reading);
	if (reading)
		db_read_end(r->db);
}
