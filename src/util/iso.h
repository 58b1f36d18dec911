/* iso.h - ISO 3166-1 countries, ISO 4217 currencies and ISO 639-1 languages
 * from Debian's iso-codes data (kept current by its maintainers; no table of
 * our own). */
#ifndef RAPPORT_ISO_H
#define RAPPORT_ISO_H

#include <stddef.h>

#include "util/err.h"

enum iso_table {
	ISO_COUNTRY,   /* alpha-2, upper case: "CN" */
	ISO_CURRENCY,  /* alpha-3, upper case: "USD" */
	ISO_LANGUAGE,  /* ISO 639-1 alpha-2, lower case: "zh" */
};

/* Looks code up. Returns 1 and the English name in name (when not NULL), 0
 * when code is not assigned, -1 (ERR_IO) when the data cannot be read. */
int iso_lookup(enum iso_table t, const char *code, char *name, size_t size, struct err *e);

#endif
