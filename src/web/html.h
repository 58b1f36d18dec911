/* html.h - the HTML printer: every page is written through it, and every
 * argument it prints is escaped (Fossil's %h). Text that is not escaped
 * comes only from string literals: the format itself and html_lit(). The
 * output lives in an h2o memory pool, so a request's page is freed with the
 * request. */
#ifndef RAPPORT_HTML_H
#define RAPPORT_HTML_H

#include <h2o.h>
#include <stddef.h>

struct html {
	h2o_mem_pool_t *pool; /* owns data */
	char *data;           /* NUL-terminated after len bytes; NULL until the first write */
	size_t len, cap;
};

/* Starts an empty page whose memory comes from pool. */
void html_init(struct html *h, h2o_mem_pool_t *pool);

/* Appends fmt with its arguments. fmt must be a string literal (the macro
 * refuses anything else at compile time); its text is copied as it is.
 * Directives:
 *   %h     a const char * (NULL prints nothing), HTML-escaped: & < > " '
 *          become entities, and an ill-formed UTF-8 sequence becomes U+FFFD
 *   %.*h   an int length, then the bytes (not NUL-terminated), escaped so
 *   %t     a const char *, percent-encoded for a URL path segment or query
 *          value (every byte but A-Z a-z 0-9 - . _ ~)
 *   %d %i %u %x with the flags 0 - + and space, a width, a precision and the
 *          length modifiers l, ll and z; %f %e %g likewise (l allowed)
 *   %%     a percent sign
 * Anything else (%s above all) is a programming error and aborts, so a test
 * that renders the page finds it. */
#define html_printf(h, ...) html_printf_((h), "" __VA_ARGS__)
void html_printf_(struct html *h, const char *fmt, ...);

/* Appends a string literal as it is. */
/* Makes room for n more bytes at once (a page about to copy a large part). */
void html_reserve(struct html *h, size_t n);
#define html_lit(h, s) html_raw_((h), "" s, sizeof(s) - 1)
void html_raw_(struct html *h, const char *s, size_t n);

/* Appends n bytes of text, escaped as by %h. */
void html_text(struct html *h, const char *s, size_t n);

/* A bare page's start (doctype, head with title, body) and end, without
 * the app's header, style or language: pages are written in layout.h's
 * layout_begin and layout_end instead. The title is escaped. */
void html_begin(struct html *h, const char *title);
void html_end(struct html *h);

#endif
