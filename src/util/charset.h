/* charset.h - a file in another character encoding read as UTF-8, through
 * the C library's iconv. A spreadsheet saves CSV in the computer's own
 * code page unless told otherwise: Excel on a Chinese Windows writes
 * GB18030 (GBK), on a Western one Windows-1252, on a Vietnamese one
 * Windows-1258; its "Unicode text" is UTF-16. */
#ifndef RAPPORT_CHARSET_H
#define RAPPORT_CHARSET_H

#include <stddef.h>

#include "util/buf.h"
#include "util/err.h"

/* The longest encoding name taken. */
#define CHARSET_NAME_MAX 40

/* 1 when name says UTF-8 or US-ASCII (a part of it), in any case: the
 * bytes are read as they are. */
int charset_is_utf8(const char *name);

/* 1 when the C library can read text in name: letters, digits and
 * - _ . : only, at most CHARSET_NAME_MAX bytes. */
int charset_known(const char *name);

/* The encoding the len bytes at in say they are in by their byte order
 * mark when it is UTF-16 ("UTF-16"), else NULL: a UTF-16 file read as
 * UTF-8 is all NUL bytes. */
const char *charset_sniff(const char *in, size_t len);

/* The encoding to convert a file from, given the one its user named
 * (NULL: none) and its first len bytes at head: the named one unless it
 * is UTF-8; for UTF-8 or none, UTF-16 when the byte order mark says so
 * (FF FE and FE FF never start UTF-8); else NULL, the bytes as they are. */
const char *charset_choose(const char *given, const char *head, size_t len);

/* The len bytes at in, in the encoding name, as UTF-8 in out (which is
 * reset first). 0; or -1 with e ERR_INPUT: name unknown ("not an encoding
 * this system knows"), or bytes that are not name, when *line (if not
 * NULL) is set to the line they are on, counting from 1, and e says
 * "byte N of the file is not NAME text" (N counts from 1). A byte order
 * mark stays in front, as U+FEFF in UTF-8. */
int charset_to_utf8(const char *name, const char *in, size_t len, struct buf *out, size_t *line, struct err *e);

#endif
