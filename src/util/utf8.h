/* utf8.h - strict UTF-8 validation (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), without allocating. */
#ifndef RAPPORT_UTF8_H
#define RAPPORT_UTF8_H

#include <stddef.h>

/* 1 when the n bytes at s are well-formed UTF-8 (NUL bytes included). */
int utf8_valid(const char *s, size_t n);
/* How many of the n bytes at s are well-formed UTF-8 before the first that
 * is not: n when all are (the offset of the bad byte otherwise). */
size_t utf8_valid_prefix(const char *s, size_t n);

/* The length (1 to 4) of the well-formed character that starts the n bytes
 * at s; 0 when they start with an ill-formed sequence or n is 0. */
size_t utf8_seq(const char *s, size_t n);

/* How much of the string s an error message quotes: its first
 * UTF8_QUOTE_MAX bytes at most, cut back to a whole character (and before
 * any ill-formed byte), for "%.*s" with (int)utf8_quote(s). A value pasted
 * into a field may be megabytes long. */
#define UTF8_QUOTE_MAX 40
size_t utf8_quote(const char *s);

/* The length of the first line of s (up to its first control character:
 * newline, CR, tab, escape, DEL), cut to at most max bytes without
 * splitting a character; *cut is set when it was cut short. */
size_t utf8_line(const char *s, size_t max, int *cut);

#endif
