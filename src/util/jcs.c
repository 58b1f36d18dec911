/* jcs.c - RFC 8785 canonical JSON. Pure: no I/O, no allocation beyond the
 * output buffer and a sort array. Input strings are assumed valid UTF-8
 * (jansson guarantees it for every json_t string). */
#include "util/jcs.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Decodes one UTF-8 sequence at s (valid input assumed); returns its length. */
static size_t utf8_next(const unsigned char *s, unsigned long *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] < 0xE0) {
		*cp = (unsigned long)(s[0] & 0x1F) << 6 | (s[1] & 0x3F);
		return 2;
	}
	if (s[0] < 0xF0) {
		*cp = (unsigned long)(s[0] & 0x0F) << 12 | (unsigned long)(s[1] & 0x3F) << 6 | (s[2] & 0x3F);
		return 3;
	}
	*cp = (unsigned long)(s[0] & 0x07) << 18 | (unsigned long)(s[1] & 0x3F) << 12 |
	      (unsigned long)(s[2] & 0x3F) << 6 | (s[3] & 0x3F);
	return 4;
}

/* The first UTF-16 code unit of a code point: what decides the order of two
 * strings at their first differing character. Supplementary characters
 * start with a high surrogate (D800-DBFF), so they sort before E000-FFFF. */
static unsigned long utf16_first_unit(unsigned long cp)
{
	return cp < 0x10000 ? cp : 0xD800 + ((cp - 0x10000) >> 10);
}

static unsigned long utf16_second_unit(unsigned long cp)
{
	return 0xDC00 + ((cp - 0x10000) & 0x3FF);
}

int jcs_keycmp(const char *a, size_t alen, const char *b, size_t blen)
{
	const unsigned char *p = (const unsigned char *)a, *q = (const unsigned char *)b;
	const unsigned char *pe = p + alen, *qe = q + blen;
	while (p < pe && q < qe) {
		unsigned long cp, cq;
		p += utf8_next(p, &cp);
		q += utf8_next(q, &cq);
		if (cp == cq)
			continue;
		unsigned long up = utf16_first_unit(cp), uq = utf16_first_unit(cq);
		if (up == uq) /* two supplementary characters with the same high surrogate */
			up = utf16_second_unit(cp), uq = utf16_second_unit(cq);
		return up < uq ? -1 : 1;
	}
	if (p < pe)
		return 1;
	if (q < qe)
		return -1;
	return 0;
}

void jcs_string(struct buf *out, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";
	buf_grow(out, len + 2);
	buf_addc(out, '"');
	size_t run = 0; /* start of the pending literal run */
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *esc = NULL;
		char u[7];
		switch (c) {
		case '"': esc = "\\\""; break;
		case '\\': esc = "\\\\"; break;
		case '\b': esc = "\\b"; break;
		case '\f': esc = "\\f"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\t': esc = "\\t"; break;
		default:
			if (c < 0x20) {
				memcpy(u, "\\u00", 4);
				u[4] = hex[c >> 4];
				u[5] = hex[c & 15];
				u[6] = '\0';
				esc = u;
			}
		}
		if (esc) {
			buf_add(out, s + run, i - run);
			buf_adds(out, esc);
			run = i + 1;
		}
	}
	buf_add(out, s + run, len - run);
	buf_addc(out, '"');
}

/* ES6 Number.prototype.toString (ECMA-262 7.1.12.1) for finite d: the
 * shortest digit string that reads back as d, placed by the exponent rules.
 * printf's %.*e is correctly rounded, so the first precision that round-trips
 * yields the nearest shortest digits, as ES6 requires. */
void jcs_number(struct buf *out, double d)
{
	if (d == 0) { /* +0 and -0 both print as 0 */
		buf_addc(out, '0');
		return;
	}
	if (d < 0) {
		buf_addc(out, '-');
		d = -d;
	}
	char tmp[40];
	int k;
	for (k = 1; k <= 17; k++) {
		snprintf(tmp, sizeof tmp, "%.*e", k - 1, d);
		if (strtod(tmp, NULL) == d)
			break;
	}
	/* tmp is "D.DDDDe[+-]XX" or "De[+-]XX" */
	char digits[20];
	int nd = 0;
	char *p = tmp;
	for (; *p != 'e'; p++)
		if (*p != '.')
			digits[nd++] = *p;
	while (nd > 1 && digits[nd - 1] == '0')
		nd--;
	digits[nd] = '\0';
	int n = atoi(p + 1) + 1; /* d = 0.DIGITS x 10^n */

	if (nd <= n && n <= 21) {
		buf_add(out, digits, (size_t)nd);
		for (int i = nd; i < n; i++)
			buf_addc(out, '0');
	} else if (0 < n && n <= 21) {
		buf_add(out, digits, (size_t)n);
		buf_addc(out, '.');
		buf_add(out, digits + n, (size_t)(nd - n));
	} else if (-6 < n && n <= 0) {
		buf_adds(out, "0.");
		for (int i = 0; i < -n; i++)
			buf_addc(out, '0');
		buf_add(out, digits, (size_t)nd);
	} else {
		buf_addc(out, digits[0]);
		if (nd > 1) {
			buf_addc(out, '.');
			buf_add(out, digits + 1, (size_t)(nd - 1));
		}
		buf_printf(out, "e%c%d", n - 1 < 0 ? '-' : '+', abs(n - 1));
	}
}

void jcs_int(struct buf *out, long long v)
{
	/* Within 2^53 an integer is exactly a double and ES6 prints it plainly;
	 * beyond it JCS sees the nearest double, so print that. */
	if (v > 9007199254740991LL || v < -9007199254740991LL) {
		jcs_number(out, (double)v);
		return;
	}
	/* Digits by hand: this runs for every event hashed, and printf's
	 * format parsing costs more than the SHA-256 of the envelope. */
	char tmp[24], *p = tmp + sizeof tmp;
	unsigned long long u = v < 0 ? (unsigned long long)-v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	buf_add(out, p, (size_t)(tmp + sizeof tmp - p));
}

struct member {
	const char *key;
	size_t len;
	json_t *value;
};

static int member_cmp(const void *a, const void *b)
{
	const struct member *x = a, *y = b;
	return jcs_keycmp(x->key, x->len, y->key, y->len);
}

void jcs_write(struct buf *out, const json_t *v)
{
	switch (json_typeof(v)) {
	case JSON_OBJECT: {
		/* Event bodies are small objects: sort them on the stack. */
		size_t n = json_object_size(v), i = 0;
		struct member small[16];
		struct member *m = n <= 16 ? small : malloc(n * sizeof *m);
		if (!m)
			abort();
		const char *key;
		size_t klen;
		json_t *val;
		json_object_keylen_foreach((json_t *)v, key, klen, val) {
			m[i].key = key;
			m[i].len = klen;
			m[i].value = val;
			i++;
		}
		if (n > 1)
			qsort(m, n, sizeof *m, member_cmp);
		buf_addc(out, '{');
		for (i = 0; i < n; i++) {
			if (i)
				buf_addc(out, ',');
			jcs_string(out, m[i].key, m[i].len);
			buf_addc(out, ':');
			jcs_write(out, m[i].value);
		}
		buf_addc(out, '}');
		if (m != small)
			free(m);
		break;
	}
	case JSON_ARRAY:
		buf_addc(out, '[');
		for (size_t i = 0; i < json_array_size(v); i++) {
			if (i)
				buf_addc(out, ',');
			jcs_write(out, json_array_get(v, i));
		}
		buf_addc(out, ']');
		break;
	case JSON_STRING:
		jcs_string(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		jcs_int(out, (long long)json_integer_value(v));
		break;
	case JSON_REAL:
		jcs_number(out, json_real_value(v));
		break;
	case JSON_TRUE:
		buf_adds(out, "true");
		break;
	case JSON_FALSE:
		buf_adds(out, "false");
		break;
	case JSON_NULL:
		buf_adds(out, "null");
		break;
	}
}

char *jcs_dump(const json_t *v)
{
	struct buf b = BUF_INIT;
	jcs_write(&b, v);
	return buf_detach(&b);
}
