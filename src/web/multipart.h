/* multipart.h - a multipart/form-data body (RFC 7578: a form with a file
 * input, sent with enctype="multipart/form-data") into its text fields
 * and its files. GMime (a MIME parser kept by the GNOME project) reads the
 * parts; this module checks what a form may hold and copies the values
 * into the request's pool. Thread-safe: each call parses on its own
 * objects (GMime is set up once, on first use). */
#ifndef RAPPORT_MULTIPART_H
#define RAPPORT_MULTIPART_H

#include <h2o.h>
#include <stddef.h>

#include "util/err.h"
#include "web/form.h"

#define MULTIPART_MAX_FILES 4

struct form_file {
	const char *name;     /* the form field's name */
	const char *filename; /* as the browser sent it, valid UTF-8 ("" when it is not) */
	const char *data;     /* the bytes as sent (NUL-terminated for convenience; may hold NULs) */
	size_t len;
};

struct form_files {
	struct form_file f[MULTIPART_MAX_FILES];
	size_t n;
};

/* Decodes len bytes at body, sent with the Content-Type content_type
 * (ct_len bytes, "multipart/form-data; boundary=..."). A part with a
 * filename goes into *files (the empty file input of a form sent without
 * a file included), any other into *fields as form_parse would put it:
 * valid UTF-8 without NUL, in the order sent, at most FORM_MAX_FIELDS.
 * Memory from pool. -1 with ERR_INPUT when the type has no boundary, a
 * part is not form-data with a name, a text field is not text (named), or
 * there are too many fields or files; *fields and *files are then empty. */
int multipart_parse(h2o_mem_pool_t *pool, const char *content_type, size_t ct_len, const char *body, size_t len,
                    struct form *fields, struct form_files *files, struct err *e);

/* The file sent as field name, or NULL. */
const struct form_file *multipart_file(const struct form_files *files, const char *name);

#endif
