/* csvfile.h - reads a CSV file (RFC 4180) record by record through libcsv
 * and tells the line each record starts on. Knows nothing of what the
 * columns mean (import.c does) and prints nothing. */
#ifndef RAPPORT_CSVFILE_H
#define RAPPORT_CSVFILE_H

#include <stddef.h>
#include <stdio.h>

#include "util/err.h"

/* A value longer than this is refused rather than buffered: a quote that
 * never closes would otherwise swallow the rest of the file. */
#define CSVFILE_MAX_VALUE (1u << 20)

struct csvfile_record {
	size_t line;               /* the file line its first line is on (1: the first line) */
	size_t n;                  /* how many values */
	const char *const *value;  /* each NUL-terminated; one holding a NUL has len > strlen */
	const size_t *len;
	int blank;                 /* every value is empty (",,,") */
	long long offset;          /* bytes of the file read so far, for a progress bar */
};

/* Where a malformed file went wrong. */
struct csvfile_where {
	size_t line;  /* the line the record being read starts on */
	size_t value; /* the 0-based index of the value being read in it */
	int file;     /* the error is the whole file's (UTF-16), not a value's */
};

/* Called for each record; returns non-zero to stop reading. The record
 * and its values live until fn returns. */
typedef int (*csvfile_fn)(void *ctx, const struct csvfile_record *r);

/* Reads f to its end and calls fn for every record with at least one value
 * (empty lines are skipped), until fn returns non-zero: that value is then
 * returned. Quoting is strict RFC 4180 (a quote inside an unquoted value, or
 * text after a closing quote, is an error); lines may end in LF, CRLF or CR;
 * spaces and tabs around an unquoted value are dropped (libcsv's rule); a
 * UTF-8 byte order mark at the start is skipped and a UTF-16 one refused.
 * A malformed file: -1, ERR_INPUT, *where set. Unreadable: -1, ERR_IO. */
int csvfile_read(FILE *f, csvfile_fn fn, void *ctx, struct csvfile_where *where, struct err *e);

#endif
