/* req.c - the responses a handler sends (req.h): status, headers that
 * every page carries, the body from the request's pool, and the HTML error
 * pages. Knows no route and no database. */
#include "web/req.h"

#include <string.h>

#include "web/i18n.h"
#include "web/layout.h"

const char *req_reason(int status)
{
	switch (status) {
	case 200: return N_("OK");
	case 201: return N_("Created");
	case 204: return N_("No Content");
	case 303: return N_("See Other");
	case 304: return N_("Not Modified");
	case 400: return N_("Bad Request");
	case 401: return N_("Unauthorized");
	case 403: return N_("Forbidden");
	case 404: return N_("Not Found");
	case 405: return N_("Method Not Allowed");
	case 409: return N_("Conflict");
	case 413: return N_("Payload Too Large");
	case 415: return N_("Unsupported Media Type");
	case 422: return N_("Unprocessable Content");
	case 429: return N_("Too Many Requests");
	case 500: return N_("Internal Server Error");
	case 503: return N_("Service Unavailable");
	default: return status < 400 ? N_("OK") : N_("Error");
	}
}

void req_header(struct req *r, const char *name, const char *value)
{
	h2o_set_header_by_str(r->pool, &r->h->res.headers, name, strlen(name), 1, value, strlen(value), 1);
}

void req_send(struct req *r, int status, const char *content_type, const char *body, size_t len)
{
	static h2o_generator_t generator = {NULL, NULL};
	h2o_req_t *h = r->h;
	h->res.status = status;
	h->res.reason = req_reason(status);
	h->res.content_length = len;
	h2o_add_header(r->pool, &h->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, content_type, strlen(content_type));
	/* Pages are never framed, never sniffed into another type, say where
	 * they came from only to this site, load nothing from elsewhere and
	 * post their forms only here. */
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("x-content-type-options"), 0, NULL,
	                      H2O_STRLIT("nosniff"));
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("x-frame-options"), 0, NULL, H2O_STRLIT("DENY"));
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("referrer-policy"), 0, NULL,
	                      H2O_STRLIT("same-origin"));
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("content-security-policy"), 0, NULL,
	                      H2O_STRLIT("default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; "
	                                 "frame-ancestors 'none'"));
	h2o_start_response(h, &generator);
	h2o_iovec_t buf = h2o_iovec_init(body, len);
	if (r->head || len == 0)
		h2o_send(h, NULL, 0, H2O_SEND_STATE_FINAL);
	else
		h2o_send(h, &buf, 1, H2O_SEND_STATE_FINAL);
}

void req_send_html(struct req *r, int status, const struct html *h)
{
	req_send(r, status, "text/html; charset=utf-8", h->data ? h->data : "", h->len);
}

void req_send_error(struct req *r, int status, const char *detail)
{
	struct html h;
	const char *reason = _(req_reason(status));
	html_init(&h, r->pool);
	layout_begin(&h, r, reason);
	html_printf(&h, "<h1>%d %h</h1>\n", status, reason);
	if (detail)
		html_printf(&h, "<p>%h</p>\n", detail);
	html_printf(&h, "<p><a href=\"/\">%h</a></p>\n", _("Go to the dashboard"));
	layout_end(&h, r);
	req_send_html(r, status, &h);
}

const char *req_target(struct req *r)
{
	const h2o_req_t *h = r->h;
	if (h->query_at == SIZE_MAX || h->query_at >= h->path.len)
		return r->path;
	size_t n = strlen(r->path), q = h->path.len - h->query_at;
	char *s = h2o_mem_alloc_pool(r->pool, n + q + 1);
	memcpy(s, r->path, n);
	memcpy(s + n, h->path.base + h->query_at, q);
	s[n + q] = '\0';
	return s;
}
