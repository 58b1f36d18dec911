/* utf8.c - the well-formed byte sequences of RFC 3629 section 4 (the same
 * table as Unicode 15 Table 3-7), checked byte by byte. */
#include "util/utf8.h"

#include <string.h>

size_t utf8_quote(const char *s)
{
	/* a character the limit cuts in two is not well-formed: left out */
	return utf8_valid_prefix(s, strnlen(s, UTF8_QUOTE_MAX));
}

size_t utf8_line(const char *s, size_t max, int *cut)
{
	/* the line ends at any C0 control or DEL: a CR, a tab or an escape
	 * would garble the one-line column it is shown in */
	size_t n = 0;
	while (s[n] && (unsigned char)s[n] >= 0x20 && s[n] != 0x7F)
		n++;
	*cut = n > max;
	if (!*cut)
		return n;
	n = max;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* s[n] continues a character */
		n--;
	return n;
}

size_t utf8_seq(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n == 0)
		return 0;
	unsigned char c = *s;
	if (c < 0x80)
		return 1;
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF; /* range of the second byte */
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0; /* no overlongs */
		else if (c == 0xED)
			hi = 0x9F; /* no surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90; /* no overlongs */
		else if (c == 0xF4)
			hi = 0x8F; /* nothing above U+10FFFF */
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t i = 2; i < len; i++)
		if (s[i] < 0x80 || s[i] > 0xBF)
			return 0;
	return len;
}

int utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

size_t utf8_valid_prefix(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n) {
		size_t len = utf8_seq(s + i, n - i);
		if (len == 0)
			return i;
		i += len;
	}
	return n;
}
