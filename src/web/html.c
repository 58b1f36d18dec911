/* html.c - the HTML printer (html.h). Owns escaping for HTML text and
 * attribute values and the page frame; knows nothing of routes, the
 * database or h2o beyond its memory pool. */
#include "web/html.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "util/utf8.h"

void html_init(struct html *h, h2o_mem_pool_t *pool)
{
	*h = (struct html){.pool = pool};
}

/* Makes room for n more bytes and the NUL. The pool keeps the old block
 * until the request ends; doubling bounds that waste by the final size. */
static void reserve(struct html *h, size_t n)
{
	if (h->len + n + 1 <= h->cap)
		return;
	size_t cap = h->cap ? h->cap : 1024;
	while (cap < h->len + n + 1)
		cap *= 2;
	char *p = h2o_mem_alloc_pool(h->pool, cap);
	if (h->len)
		memcpy(p, h->data, h->len);
	p[h->len] = '\0';
	h->data = p;
	h->cap = cap;
}

void html_reserve(struct html *h, size_t n)
{
	reserve(h, n);
}

static void put(struct html *h, const char *s, size_t n)
{
	reserve(h, n);
	memcpy(h->data + h->len, s, n);
	h->len += n;
	h->data[h->len] = '\0';
}

void html_raw_(struct html *h, const char *s, size_t n)
{
	put(h, s, n);
}

void html_text(struct html *h, const char *s, size_t n)
{
	size_t i = 0;
	reserve(h, n); /* the usual case: nothing to escape */
	while (i < n) {
		/* copy the longest run that needs nothing */
		size_t run = i;
		while (run < n) {
			unsigned char c = (unsigned char)s[run];
			if (c >= 0x80 || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '\0')
				break;
			run++;
		}
		if (run > i) {
			put(h, s + i, run - i);
			i = run;
			if (i == n)
				break;
		}
		unsigned char c = (unsigned char)s[i];
		size_t len;
		switch (c) {
		case '&': put(h, "&amp;", 5); i++; break;
		case '<': put(h, "&lt;", 4); i++; break;
		case '>': put(h, "&gt;", 4); i++; break;
		case '"': put(h, "&quot;", 6); i++; break;
		case '\'': put(h, "&#39;", 5); i++; break;
		case '\0': put(h, "\xEF\xBF\xBD", 3); i++; break; /* a NUL is no text */
		default:
			len = utf8_seq(s + i, n - i);
			if (len) {
				put(h, s + i, len);
				i += len;
			} else {
				/* U+FFFD for the ill-formed byte, then resynchronise */
				put(h, "\xEF\xBF\xBD", 3);
				i++;
			}
		}
	}
}

static void url_part(struct html *h, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~') {
			put(h, (const char *)&c, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			put(h, e, 3);
		}
	}
}

/* A number directive: rebuilds its conversion spec (at most flags, width,
 * precision, length and conversion) and prints the argument with snprintf.
 * Numbers hold no markup, so they need no escaping. */
/* The digits of v (its sign when neg) at the end of out[24]: the first. */
static char *digits(unsigned long long v, int neg, char out[24])
{
	char *d = out + 24;
	do
		*--d = (char)('0' + v % 10);
	while (v /= 10);
	if (neg)
		*--d = '-';
	return d;
}

/* The plain integer directives (%d, %ld, %lld, %zu, %u, ... with no flag,
 * width or precision: nearly every number a page prints) without snprintf;
 * NULL when p holds another kind. */
static const char *plain_integer(struct html *h, const char *p, va_list *ap)
{
	int longs = 0, size = 0;
	const char *q = p;
	if (*q == 'z')
		size = 1, q++;
	else
		while (*q == 'l' && longs < 2)
			longs++, q++;
	int sign = *q == 'd' || *q == 'i';
	if (!sign && *q != 'u')
		return NULL;
	char buf[24], *d;
	if (sign) {
		long long v = size ? (long long)va_arg(*ap, ssize_t)
		              : longs == 2 ? va_arg(*ap, long long)
		              : longs == 1 ? (long long)va_arg(*ap, long)
		                           : (long long)va_arg(*ap, int);
		d = digits(v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v, v < 0, buf);
	} else {
		unsigned long long v = size ? (unsigned long long)va_arg(*ap, size_t)
		                       : longs == 2 ? va_arg(*ap, unsigned long long)
		                       : longs == 1 ? (unsigned long long)va_arg(*ap, unsigned long)
		                                    : (unsigned long long)va_arg(*ap, unsigned);
		d = digits(v, 0, buf);
	}
	put(h, d, (size_t)(buf + 24 - d));
	return q + 1;
}

static const char *number(struct html *h, const char *p, va_list *ap)
{
	const char *plain = plain_integer(h, p, ap);
	if (plain)
		return plain;
	char spec[32] = "%";
	size_t k = 1;
	const char *start = p;
	while (*p && strchr("0-+ ", *p))
		p++;
	while (*p >= '0' && *p <= '9')
		p++;
	if (*p == '.') {
		p++;
		while (*p >= '0' && *p <= '9')
			p++;
	}
	int longs = 0, size = 0;
	if (*p == 'z')
		size = 1, p++;
	else
		while (*p == 'l' && longs < 2)
			longs++, p++;
	char conv = *p;
	int integer = conv && strchr("diux", conv), real = conv && strchr("feg", conv);
	if ((!integer && !real) || (real && (size || longs > 1)) || (size_t)(p - start) + 2 > sizeof spec - 1)
		abort(); /* not a directive html_printf knows: see html.h */
	memcpy(spec + k, start, (size_t)(p - start) + 1);
	k += (size_t)(p - start) + 1;
	spec[k] = '\0';
	char out[64];
	int n;
	/* the spec was built above from the literal format: not user input */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	if (real)
		n = snprintf(out, sizeof out, spec, va_arg(*ap, double));
	else if (size)
		n = conv == 'd' || conv == 'i' ? snprintf(out, sizeof out, spec, va_arg(*ap, ssize_t))
		                               : snprintf(out, sizeof out, spec, va_arg(*ap, size_t));
	else if (longs == 2)
		n = conv == 'd' || conv == 'i' ? snprintf(out, sizeof out, spec, va_arg(*ap, long long))
		                               : snprintf(out, sizeof out, spec, va_arg(*ap, unsigned long long));
	else if (longs == 1)
		n = conv == 'd' || conv == 'i' ? snprintf(out, sizeof out, spec, va_arg(*ap, long))
		                               : snprintf(out, sizeof out, spec, va_arg(*ap, unsigned long));
	else
		n = conv == 'd' || conv == 'i' ? snprintf(out, sizeof out, spec, va_arg(*ap, int))
		                               : snprintf(out, sizeof out, spec, va_arg(*ap, unsigned));
#pragma GCC diagnostic pop
	if (n < 0 || (size_t)n >= sizeof out)
		abort(); /* a width past 63 in a literal format */
	put(h, out, (size_t)n);
	return p + 1;
}

void html_printf_(struct html *h, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	const char *p = fmt;
	while (*p) {
		const char *pct = strchr(p, '%');
		if (!pct) {
			put(h, p, strlen(p));
			break;
		}
		if (pct > p)
			put(h, p, (size_t)(pct - p));
		p = pct + 1;
		if (*p == '%') {
			put(h, "%", 1);
			p++;
		} else if (*p == 'h') {
			const char *s = va_arg(ap, const char *);
			if (s)
				html_text(h, s, strlen(s));
			p++;
		} else if (!strncmp(p, ".*h", 3)) {
			int n = va_arg(ap, int);
			const char *s = va_arg(ap, const char *);
			if (n > 0)
				html_text(h, s, (size_t)n);
			p += 3;
		} else if (*p == 't') {
			const char *s = va_arg(ap, const char *);
			if (s)
				url_part(h, s);
			p++;
		} else {
			p = number(h, p, &ap);
		}
	}
	va_end(ap);
	if (!h->data)
		reserve(h, 0); /* an empty page is "", not NULL */
}

void html_begin(struct html *h, const char *title)
{
	html_printf(h,
	            "<!DOCTYPE html>\n"
	            "<html lang=\"en\">\n"
	            "<head>\n"
	            "<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<title>%h - Rapport</title>\n"
	            "<style>\n"
	            "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#222}\n"
	            "table{border-collapse:collapse}th,td{text-align:left;padding:.3rem .8rem;border-bottom:1px solid #ddd}\n"
	            "</style>\n"
	            "</head>\n"
	            "<body>\n",
	            title);
}

void html_end(struct html *h)
{
	html_lit(h, "</body>\n</html>\n");
}
