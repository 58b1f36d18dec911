/* jcs.h - RFC 8785 JSON Canonicalization Scheme over jansson values.
 * Owns the canonical byte form that the ledger hashes; knows nothing of
 * events. Keys sort by UTF-16 code units, strings escape only what ES6's
 * JSON.stringify escapes, numbers print as ES6 Number.prototype.toString. */
#ifndef RAPPORT_JCS_H
#define RAPPORT_JCS_H

#include <jansson.h>
#include <stddef.h>

#include "util/buf.h"

/* Appends the canonical form of v to out. */
void jcs_write(struct buf *out, const json_t *v);
/* The same, as a NUL-terminated string the caller frees with free(). */
char *jcs_dump(const json_t *v);

/* Pieces for writers that build a canonical object by hand (the ledger's
 * envelope); the caller emits keys in canonical order. */
void jcs_string(struct buf *out, const char *s, size_t len);
void jcs_number(struct buf *out, double d);
void jcs_int(struct buf *out, long long v);

/* Compares two UTF-8 strings by their UTF-16 code units (RFC 8785 3.2.3). */
int jcs_keycmp(const char *a, size_t alen, const char *b, size_t blen);

#endif
