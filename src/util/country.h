/* country.h - ISO 3166-1 alpha-2 codes and English names from Debian's
 * iso-codes data (kept current by its maintainers; no table of our own). */
#ifndef RAPPORT_COUNTRY_H
#define RAPPORT_COUNTRY_H

#include "util/err.h"

/* Looks code up ("CN"). Returns 1 and the country's name in name (when not
 * NULL), 0 when code is not an assigned alpha-2 code, -1 (ERR_IO) when the
 * iso-codes data cannot be read. */
int country_lookup(const char *code, char *name, size_t size, struct err *e);

#endif
