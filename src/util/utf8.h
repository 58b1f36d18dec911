/* utf8.h - strict UTF-8 validation (RFC 3629: no overlongs, no surrogates,
 * nothing above U+10FFFF), without allocating. */
#ifndef RAPPORT_UTF8_H
#define RAPPORT_UTF8_H

#include <stddef.h>

/* 1 when the n bytes at s are well-formed UTF-8 (NUL bytes included). */
int utf8_valid(const char *s, size_t n);

#endif
