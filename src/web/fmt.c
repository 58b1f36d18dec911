/* fmt.c - locale formatting of dates and numbers through ICU (fmt.h).
 * Everything ICU formats here is in the "UTC" zone of a time already made
 * local, so ICU's own zone rules never decide what a clock said. */
#include "web/fmt.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unicode/udat.h>
#include <unicode/uloc.h>
#include <unicode/unum.h>
#include <unicode/ustring.h>

#include "calendar/zone.h"

static const UChar utc[] = {'U', 'T', 'C', 0};

void fmt_init(struct fmt *f)
{
	memset(f, 0, sizeof *f);
}

void fmt_release(struct fmt *f)
{
	for (int i = 0; i < I18N_COUNT; i++) {
		if (f->date[i])
			udat_close(f->date[i]);
		if (f->datetime[i])
			udat_close(f->datetime[i]);
		if (f->number[i])
			unum_close(f->number[i]);
	}
	for (size_t i = 0; i < f->nzones; i++) {
		free(f->zones[i].name);
		zone_free(f->zones[i].z);
	}
	free(f->zones);
	free(f->countries);
	memset(f, 0, sizeof *f);
}

const struct zone *fmt_zone(struct fmt *f, const char *name, struct err *e)
{
	for (size_t i = 0; i < f->nzones; i++)
		if (!strcmp(f->zones[i].name, name))
			return f->zones[i].z;
	struct zone *z;
	if (zone_load(name, &z, e))
		return NULL;
	/* zones already handed out stay where they are: only the index moves */
	struct fmt_zone *grown = realloc(f->zones, (f->nzones + 1) * sizeof *grown);
	char *copy = strdup(name);
	if (!grown || !copy)
		abort();
	f->zones = grown;
	f->zones[f->nzones++] = (struct fmt_zone){copy, z};
	return z;
}

static int lang_ok(int lang)
{
	return lang >= 0 && lang < I18N_COUNT;
}

static UDateFormat *date_fmt(struct fmt *f, int lang, int with_time)
{
	void **slot = with_time ? &f->datetime[lang] : &f->date[lang];
	if (!*slot) {
		UErrorCode st = U_ZERO_ERROR;
		UDateFormat *d = udat_open(with_time ? UDAT_SHORT : UDAT_NONE, UDAT_MEDIUM, i18n_langs[lang].icu, utc, -1,
		                           NULL, -1, &st);
		if (U_FAILURE(st)) {
			if (d)
				udat_close(d);
			return NULL;
		}
		*slot = d;
	}
	return *slot;
}

/* ICU's UTF-16 into out as UTF-8; 0 on success. */
static int utf8_of(const UChar *u, int32_t n, char *out, size_t size)
{
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	u_strToUTF8(out, (int32_t)size, &len, u, n, &st);
	if (U_FAILURE(st) || st == U_STRING_NOT_TERMINATED_WARNING || (size_t)len >= size)
		return -1;
	return 0;
}

/* Formats a wall time given as seconds since 1970 "UTC". */
static int format_wall(struct fmt *f, int lang, int64_t wall, int with_time, char *out, size_t size)
{
	UDateFormat *d = lang_ok(lang) ? date_fmt(f, lang, with_time) : NULL;
	if (!d)
		return -1;
	UChar buf[128];
	UErrorCode st = U_ZERO_ERROR;
	int32_t n = udat_format(d, (UDate)wall * 1000.0, buf, 128, NULL, &st);
	if (U_FAILURE(st) || n >= 128)
		return -1;
	return utf8_of(buf, n, out, size);
}

/* The fallback: ISO 8601, cut short (and terminated) when out is too small. */
static void iso(int64_t wall, int with_time, char *out, size_t size)
{
	time_t t = (time_t)wall;
	struct tm tm;
	char buf[32];
	gmtime_r(&t, &tm);
	if (!strftime(buf, sizeof buf, with_time ? "%Y-%m-%d %H:%M" : "%Y-%m-%d", &tm))
		buf[0] = '\0';
	snprintf(out, size, "%s", buf);
}

const char *fmt_date(struct fmt *f, int lang, int y, int m, int d, char *out, size_t size)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = 12};
	int64_t wall = (int64_t)timegm(&tm);
	if (format_wall(f, lang, wall, 0, out, size))
		iso(wall, 0, out, size);
	return out;
}

static int64_t wall_of(int64_t t, const struct zone *z)
{
	struct zone_local l;
	zone_at(z, t, &l);
	return t + l.utoff;
}

const char *fmt_day_of(struct fmt *f, int lang, int64_t t, const struct zone *z, char *out, size_t size)
{
	int64_t wall = wall_of(t, z);
	if (format_wall(f, lang, wall, 0, out, size))
		iso(wall, 0, out, size);
	return out;
}

const char *fmt_datetime(struct fmt *f, int lang, int64_t t, const struct zone *z, char *out, size_t size)
{
	int64_t wall = wall_of(t, z);
	if (format_wall(f, lang, wall, 1, out, size))
		iso(wall, 1, out, size);
	return out;
}

static UNumberFormat *number_fmt(struct fmt *f, int lang)
{
	if (!lang_ok(lang))
		return NULL;
	if (!f->number[lang]) {
		UErrorCode st = U_ZERO_ERROR;
		UNumberFormat *n = unum_open(UNUM_DECIMAL, NULL, 0, i18n_langs[lang].icu, NULL, &st);
		if (U_FAILURE(st)) {
			if (n)
				unum_close(n);
			return NULL;
		}
		f->number[lang] = n;
	}
	return f->number[lang];
}

const char *fmt_int(struct fmt *f, int lang, long long v, char *out, size_t size)
{
	UNumberFormat *n = number_fmt(f, lang);
	UChar buf[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	if (n)
		len = unum_formatInt64(n, v, buf, 64, NULL, &st);
	if (!n || U_FAILURE(st) || len >= 64 || utf8_of(buf, len, out, size))
		snprintf(out, size, "%lld", v);
	return out;
}

const char *fmt_decimal(struct fmt *f, int lang, double v, int frac, char *out, size_t size)
{
	if (frac < 0)
		frac = 0;
	if (frac > 6)
		frac = 6;
	UNumberFormat *n = number_fmt(f, lang);
	UChar buf[64];
	UErrorCode st = U_ZERO_ERROR;
	int32_t len = 0;
	if (n) {
		/* the formatter is this thread's: set the digits for this call */
		unum_setAttribute(n, UNUM_MIN_FRACTION_DIGITS, frac);
		unum_setAttribute(n, UNUM_MAX_FRACTION_DIGITS, frac);
		len = unum_formatDouble(n, v, buf, 64, NULL, &st);
		unum_setAttribute(n, UNUM_MIN_FRACTION_DIGITS, 0);
		unum_setAttribute(n, UNUM_MAX_FRACTION_DIGITS, 3);
	}
	if (!n || U_FAILURE(st) || len >= 64 || utf8_of(buf, len, out, size))
		snprintf(out, size, "%.*f", frac, v);
	return out;
}

const char *fmt_country(struct fmt *f, int lang, const char *cc, char *out, size_t size)
{
	snprintf(out, size, "%s", cc ? cc : "");
	if (!cc || strlen(cc) != 2 || !lang_ok(lang))
		return out;
	for (size_t i = 0; i < f->ncountries; i++)
		if (f->countries[i].lang == lang && !strcmp(f->countries[i].cc, cc)) {
			snprintf(out, size, "%s", f->countries[i].name);
			return out;
		}
	char loc[16], name[96];
	UChar buf[96];
	UErrorCode st = U_ZERO_ERROR;
	snprintf(loc, sizeof loc, "und_%s", cc);
	int32_t n = uloc_getDisplayCountry(loc, i18n_langs[lang].icu, buf, 96, &st);
	/* ICU answers an unknown code with the code itself */
	if (U_FAILURE(st) || n <= 0 || n >= 96 || utf8_of(buf, n, name, sizeof name))
		snprintf(name, sizeof name, "%s", cc);
	/* at most 250 codes times the languages: kept for the thread's life */
	struct fmt_country *grown = realloc(f->countries, (f->ncountries + 1) * sizeof *grown);
	if (!grown)
		abort();
	f->countries = grown;
	struct fmt_country *c = &f->countries[f->ncountries++];
	memcpy(c->cc, cc, 3);
	c->lang = lang;
	memcpy(c->name, name, sizeof c->name);
	snprintf(out, size, "%s", name);
	return out;
}
