/* form.h - application/x-www-form-urlencoded: a POST body or a query
 * string into name/value pairs, decoded as the HTML standard's URL-encoded
 * parser does (pairs split on '&', the name at the first '=', '+' a space,
 * %XX a byte, a '%' without two hex digits kept as it is), then refused
 * when the result is not valid UTF-8 or holds a NUL. The pairs live in an
 * h2o memory pool, so a request's form is freed with the request. */
#ifndef RAPPORT_FORM_H
#define RAPPORT_FORM_H

#include <h2o.h>
#include <stddef.h>

#include "util/err.h"

#define FORM_MAX_BYTES (256 * 1024) /* a body or query string longer than this is refused */
#define FORM_MAX_FIELDS 512         /* and one with more pairs than this */

struct form_field {
	const char *name, *value; /* NUL-terminated, valid UTF-8 without NUL */
	size_t name_len, value_len;
};

struct form {
	struct form_field *f; /* in the order they came; a name may repeat */
	size_t n;
};

/* Decodes len bytes at s (not NUL-terminated) into *out, its memory from
 * pool. An empty input is an empty form. -1 with ERR_INPUT when s is
 * longer than FORM_MAX_BYTES or has more than FORM_MAX_FIELDS pairs
 * (*too_big set, when not NULL, for a 413), or a name or value decodes to
 * invalid UTF-8 or a NUL (the message says which name, never the value);
 * *out is then empty. */
int form_parse(struct form *out, h2o_mem_pool_t *pool, const char *s, size_t len, int *too_big, struct err *e);

/* The value of the first field called name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* How many fields are called name; the i-th of them (from 0) with
 * form_get_nth, or NULL. */
size_t form_count(const struct form *f, const char *name);
const char *form_get_nth(const struct form *f, const char *name, size_t i);

#endif
