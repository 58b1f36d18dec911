/* fmt.h - dates and numbers as a page's language writes them, through ICU
 * (udat, unum): "Nov 25, 2026" and "2026年11月25日", "12,400" and
 * "12,400". ICU never converts a time zone here (its zone data lags
 * behind: DESIGN.md section 8): a calendar date is formatted as it is, and
 * an instant is first turned into local wall time by calendar/zone.c.
 *
 * ICU's formatters are not to be shared between threads: each serving
 * thread has its own struct fmt, which opens them on first use. */
#ifndef RAPPORT_FMT_H
#define RAPPORT_FMT_H

#include <stddef.h>
#include <stdint.h>

#include "web/i18n.h"

struct zone;

struct fmt {
	void *date[I18N_COUNT];     /* UDateFormat *, a medium date */
	void *datetime[I18N_COUNT]; /* UDateFormat *, a medium date and a short time */
	void *number[I18N_COUNT];   /* UNumberFormat *, a decimal */
	/* the zones the thread's pages have needed, each read from the
	 * zoneinfo once (the names are those of the record's parties: few) */
	struct fmt_zone {
		char *name;
		struct zone *z;
	} *zones;
	size_t nzones;
	/* country names by language, looked up in ICU once each */
	struct fmt_country {
		char cc[3];
		int lang;
		char name[96];
	} *countries;
	size_t ncountries;
};

void fmt_init(struct fmt *f);
void fmt_release(struct fmt *f);

/* The zone called name (an IANA name from the record), read once per
 * thread and owned by f until fmt_release; NULL with e set when the
 * zoneinfo has no such zone. */
const struct zone *fmt_zone(struct fmt *f, const char *name, struct err *e);

/* Each writes into out (size bytes, always terminated) and returns out. On
 * an ICU error (none is expected) they fall back to ISO 8601 and plain
 * digits, so a page is never left with a hole. */

/* The calendar date y-m-d: "Nov 25, 2026", "2026年11月25日". */
const char *fmt_date(struct fmt *f, int lang, int y, int m, int d, char *out, size_t size);
/* The date of instant t in zone z. */
const char *fmt_day_of(struct fmt *f, int lang, int64_t t, const struct zone *z, char *out, size_t size);
/* Instant t as local date and time in zone z: "Nov 25, 2026, 6:00 PM",
 * "2026年11月25日 18:00". */
const char *fmt_datetime(struct fmt *f, int lang, int64_t t, const struct zone *z, char *out, size_t size);
/* A country's name from its ISO 3166-1 alpha-2 code: "China", "中国";
 * the code itself when ICU does not know it. */
const char *fmt_country(struct fmt *f, int lang, const char *cc, char *out, size_t size);
/* A whole number with the language's grouping: "12,400". */
const char *fmt_int(struct fmt *f, int lang, long long v, char *out, size_t size);
/* A number with exactly frac decimals (0 to 6): "0.82". */
const char *fmt_decimal(struct fmt *f, int lang, double v, int frac, char *out, size_t size);

#endif
