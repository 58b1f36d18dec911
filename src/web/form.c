/* form.c - URL-encoded form decoding (form.h). Owns nothing but the
 * decoding: which fields a page wants and what they may hold is the
 * page's and record.c's business. */
#include "web/form.h"

#include <string.h>

#include "util/utf8.h"

static int hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Decodes n bytes at s into out (room for n + 1): '+' a space, %XX a
 * byte, anything else as it is. Returns the decoded length; out is
 * NUL-terminated. */
static size_t decode(const char *s, size_t n, char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		int hi, lo;
		if (c == '+') {
			out[o++] = ' ';
		} else if (c == '%' && i + 2 < n && (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		           (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			out[o++] = (char)(hi << 4 | lo);
			i += 2;
		} else {
			out[o++] = (char)c;
		}
	}
	out[o] = '\0';
	return o;
}

/* A decoded name or value is text: valid UTF-8 and no NUL. */
static int text_ok(const char *s, size_t n)
{
	return utf8_valid(s, n) && !memchr(s, '\0', n);
}

int form_parse(struct form *out, h2o_mem_pool_t *pool, const char *s, size_t len, int *too_big, struct err *e)
{
	*out = (struct form){0};
	if (too_big)
		*too_big = 0;
	if (len > FORM_MAX_BYTES) {
		if (too_big)
			*too_big = 1;
		return err_set(e, ERR_INPUT, "form: more than %d KiB", FORM_MAX_BYTES / 1024);
	}
	/* at most one pair per '&' plus one */
	size_t pairs = 1;
	for (size_t i = 0; i < len; i++)
		pairs += s[i] == '&';
	if (pairs > FORM_MAX_FIELDS) {
		/* empty pairs ("a=1&&&") count too: a limit on the work, not the fields */
		if (too_big)
			*too_big = 1;
		return err_set(e, ERR_INPUT, "form: more than %d fields", FORM_MAX_FIELDS);
	}
	struct form_field *f = h2o_mem_alloc_pool(pool, pairs * sizeof *f);
	/* every decoded string is no longer than its encoding: one block for all */
	char *text = h2o_mem_alloc_pool(pool, len + 2 * pairs + 1);
	size_t n = 0, at = 0;
	const char *p = s, *end = s + len;
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p));
		const char *stop = amp ? amp : end;
		if (stop > p) { /* an empty pair is skipped */
			const char *eq = memchr(p, '=', (size_t)(stop - p));
			const char *name_end = eq ? eq : stop;
			struct form_field *x = &f[n];
			char *name = text + at;
			x->name_len = decode(p, (size_t)(name_end - p), name);
			at += x->name_len + 1;
			char *value = text + at;
			x->value_len = eq ? decode(eq + 1, (size_t)(stop - eq - 1), value) : (value[0] = '\0', 0);
			at += x->value_len + 1;
			x->name = name;
			x->value = value;
			if (!text_ok(name, x->name_len))
				return err_set(e, ERR_INPUT, "form: a field's name is not UTF-8 text");
			if (!text_ok(value, x->value_len))
				return err_set(e, ERR_INPUT, "form: %.60s: not UTF-8 text", name);
			n++;
		}
		p = stop + 1;
	}
	out->f = f;
	out->n = n;
	return 0;
}

const char *form_get(const struct form *f, const char *name)
{
	return form_get_nth(f, name, 0);
}

size_t form_count(const struct form *f, const char *name)
{
	size_t c = 0;
	for (size_t i = 0; i < f->n; i++)
		c += !strcmp(f->f[i].name, name);
	return c;
}

const char *form_get_nth(const struct form *f, const char *name, size_t nth)
{
	for (size_t i = 0; i < f->n; i++)
		if (!strcmp(f->f[i].name, name) && nth-- == 0)
			return f->f[i].value;
	return NULL;
}
