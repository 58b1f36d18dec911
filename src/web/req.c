/* req.c - the responses a handler sends (req.h): status, headers that
 * every page carries, the body from the request's pool, and the HTML error
 * pages. Knows no route and no database. */
#include "web/req.h"

#include <string.h>

const char *req_reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 204: return "No Content";
	case 303: return "See Other";
	case 304: return "Not Modified";
	case 400: return "Bad Request";
	case 401: return "Unauthorized";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 409: return "Conflict";
	case 413: return "Payload Too Large";
	case 500: return "Internal Server Error";
	case 503: return "Service Unavailable";
	default: return status < 400 ? "OK" : "Error";
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
	/* Pages are never framed, never sniffed into another type, and say
	 * where they came from only to this site. */
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("x-content-type-options"), 0, NULL,
	                      H2O_STRLIT("nosniff"));
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("x-frame-options"), 0, NULL, H2O_STRLIT("DENY"));
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("referrer-policy"), 0, NULL,
	                      H2O_STRLIT("same-origin"));
	h2o_add_header_by_str(r->pool, &h->res.headers, H2O_STRLIT("content-security-policy"), 0, NULL,
	                      H2O_STRLIT("default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"));
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
	const char *reason = req_reason(status);
	html_init(&h, r->pool);
	html_begin(&h, reason);
	html_printf(&h, "<h1>%d %h</h1>\n", status, reason);
	if (detail)
		html_printf(&h, "<p>%h</p>\n", detail);
	html_lit(&h, "<p><a href=\"/\">Rapport</a></p>\n");
	html_end(&h);
	req_send_html(r, status, &h);
}
