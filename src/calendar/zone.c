/* zone.c - reads TZif files (RFC 8536, version 2 and later) and answers
 * local-time questions from their transitions, and past the last one from
 * the POSIX TZ string in the footer. Any thread may use any zone. A file is
 * read and parsed at its first load in a process and copied at every later
 * one, from a small cache behind a lock (the system zoneinfo does not
 * change under a running command; a server rereads it when restarted).
 * Does no calendar arithmetic of its own beyond the footer's "Mm.w.d"
 * rule: dates go through timegm/gmtime_r. */
#include "calendar/zone.h"

#include <ctype.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/time.h"

struct ttype {
	int32_t utoff;
	int isdst;
	char abbr[16];
};

/* A POSIX TZ rule day: month, week (5 = last), weekday (0 = Sunday) and
 * the local time of the change in seconds (may exceed a day). */
struct rule {
	int month, week, wday;
	int32_t time;
};

struct zone {
	char name[72];
	int64_t *when;        /* transition instants, ascending */
	unsigned char *idx;   /* type after each transition */
	size_t n;
	struct ttype *types;
	size_t ntypes;
	/* the footer: std (and dst with its two rules) after the last transition */
	int has_footer, has_dst;
	struct ttype std, dst;
	struct rule start, end;
};

static uint32_t be32(const unsigned char *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int64_t be64(const unsigned char *p)
{
	return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4));
}

/* --- the POSIX TZ footer ------------------------------------------------------ */

static const char *parse_name(const char *p, char out[16])
{
	size_t n = 0;
	if (*p == '<') {
		for (p++; *p && *p != '>'; p++)
			if (n < 15)
				out[n++] = *p;
		if (*p != '>')
			return NULL;
		p++;
	} else {
		for (; isalpha((unsigned char)*p); p++)
			if (n < 15)
				out[n++] = *p;
	}
	out[n] = '\0';
	return n >= 3 ? p : NULL;
}

/* [+-]hh[:mm[:ss]], hours up to 167 (RFC 8536 extension). */
static const char *parse_hms(const char *p, int32_t *out)
{
	int sign = 1;
	if (*p == '+' || *p == '-')
		sign = *p++ == '-' ? -1 : 1;
	if (!isdigit((unsigned char)*p))
		return NULL;
	long h = strtol(p, (char **)&p, 10), m = 0, s = 0;
	if (*p == ':') {
		m = strtol(p + 1, (char **)&p, 10);
		if (*p == ':')
			s = strtol(p + 1, (char **)&p, 10);
	}
	if (h > 167 || m > 59 || s > 59)
		return NULL;
	*out = (int32_t)(sign * (h * 3600 + m * 60 + s));
	return p;
}

static const char *parse_rule(const char *p, struct rule *r)
{
	if (*p != 'M')
		return NULL; /* tzdata writes every rule as Mm.w.d */
	char *end;
	r->month = (int)strtol(p + 1, &end, 10);
	if (*end != '.')
		return NULL;
	r->week = (int)strtol(end + 1, &end, 10);
	if (*end != '.')
		return NULL;
	r->wday = (int)strtol(end + 1, &end, 10);
	if (r->month < 1 || r->month > 12 || r->week < 1 || r->week > 5 || r->wday < 0 || r->wday > 6)
		return NULL;
	p = end;
	r->time = 2 * 3600;
	if (*p == '/')
		p = parse_hms(p + 1, &r->time);
	return p;
}

static int parse_footer(struct zone *z, const char *s)
{
	int32_t off;
	const char *p = parse_name(s, z->std.abbr);
	if (!p || !(p = parse_hms(p, &off)))
		return -1;
	z->std.utoff = -off; /* POSIX counts west as positive */
	z->std.isdst = 0;
	z->has_footer = 1;
	if (!*p)
		return 0;
	if (!(p = parse_name(p, z->dst.abbr)))
		return -1;
	z->dst.utoff = z->std.utoff + 3600;
	z->dst.isdst = 1;
	if (*p && *p != ',') {
		if (!(p = parse_hms(p, &off)))
			return -1;
		z->dst.utoff = -off;
	}
	if (*p != ',' || !(p = parse_rule(p + 1, &z->start)) || *p != ',' || !(p = parse_rule(p + 1, &z->end)) || *p)
		return -1;
	z->has_dst = 1;
	return 0;
}

/* Midnight (as if UTC) of the rule's day in year y. */
static int64_t rule_day(const struct rule *r, int y)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = r->month - 1;
	tm.tm_mday = 1;
	time_t first = timegm(&tm);
	struct tm back;
	gmtime_r(&first, &back);
	int day = 1 + (r->wday - back.tm_wday + 7) % 7 + (r->week - 1) * 7;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int last = mdays[r->month - 1] + (r->month == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)));
	while (day > last)
		day -= 7; /* week 5: the last such weekday */
	return (int64_t)first + (int64_t)(day - 1) * 86400;
}

static const struct ttype *footer_at(const struct zone *z, int64_t t)
{
	if (!z->has_dst)
		return &z->std;
	time_t local = (time_t)(t + z->std.utoff);
	struct tm tm;
	gmtime_r(&local, &tm);
	int y = tm.tm_year + 1900;
	/* the start is given in standard time, the end in daylight time */
	int64_t start = rule_day(&z->start, y) + z->start.time - z->std.utoff;
	int64_t end = rule_day(&z->end, y) + z->end.time - z->dst.utoff;
	int in_dst = start < end ? (t >= start && t < end) : (t >= start || t < end); /* south of the equator */
	return in_dst ? &z->dst : &z->std;
}

/* --- loading --------------------------------------------------------------------- */

/* The zones read so far, by file: kept for the process (reachable from
 * here, so never reported as leaked). */
#define ZONE_CACHE 64
static struct {
	char path[512];
	struct zone *z;
} cache[ZONE_CACHE];
static size_t ncache;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static struct zone *zone_copy(const struct zone *src)
{
	struct zone *z = malloc(sizeof *z);
	if (!z)
		abort();
	*z = *src;
	z->when = malloc((z->n ? z->n : 1) * sizeof *z->when);
	z->idx = malloc(z->n ? z->n : 1);
	z->types = malloc(z->ntypes * sizeof *z->types);
	if (!z->when || !z->idx || !z->types)
		abort();
	memcpy(z->when, src->when, z->n * sizeof *z->when);
	memcpy(z->idx, src->idx, z->n);
	memcpy(z->types, src->types, z->ntypes * sizeof *z->types);
	return z;
}

/* A copy of the zone read from path, or NULL when it was not read yet. */
static struct zone *cached(const char *path)
{
	struct zone *z = NULL;
	pthread_mutex_lock(&cache_lock);
	for (size_t i = 0; i < ncache && !z; i++)
		if (!strcmp(cache[i].path, path))
			z = zone_copy(cache[i].z);
	pthread_mutex_unlock(&cache_lock);
	return z;
}

static void keep(const char *path, const struct zone *z)
{
	pthread_mutex_lock(&cache_lock);
	int have = 0;
	for (size_t i = 0; i < ncache && !have; i++)
		have = !strcmp(cache[i].path, path);
	if (!have && ncache < ZONE_CACHE && strlen(path) < sizeof cache[0].path) {
		strcpy(cache[ncache].path, path);
		cache[ncache++].z = zone_copy(z);
	}
	pthread_mutex_unlock(&cache_lock);
}

static int zone_read(const char *name, const char *path, struct zone **out, struct err *e);

int zone_load(const char *name, struct zone **out, struct err *e)
{
	*out = NULL;
	const char *dir = getenv("TZDIR");
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir && *dir ? dir : "/usr/share/zoneinfo", name);
	if ((*out = cached(path)))
		return 0;
	if (!time_zone_valid(name))
		return err_set(e, ERR_INPUT, "zone: \"%s\" is not a time zone in the system zoneinfo", name);
	if (zone_read(name, path, out, e))
		return -1;
	keep(path, *out);
	return 0;
}

/* Reads and parses the TZif file at path. */
static int zone_read(const char *name, const char *path, struct zone **out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_IO, "cannot read %s", path);
	unsigned char *d = NULL;
	size_t len = 0, cap = 0;
	for (;;) {
		if (len == cap && !(d = realloc(d, cap = cap ? 2 * cap : 4096)))
			abort();
		size_t got = fread(d + len, 1, cap - len, f);
		len += got;
		if (got == 0)
			break;
	}
	fclose(f);
	struct zone *z = calloc(1, sizeof *z);
	if (!z)
		abort();
	snprintf(z->name, sizeof z->name, "%s", name);
	int rc = -1;
	/* skip the version 1 block: the second header has 64-bit times */
	if (len < 44 || memcmp(d, "TZif", 4) || d[4] < '2')
		goto bad;
	size_t cnt[6];
	for (int i = 0; i < 6; i++)
		cnt[i] = be32(d + 20 + 4 * i);
	size_t v1 = cnt[3] * 5 + cnt[4] * 6 + cnt[5] + cnt[2] * 8 + cnt[1] + cnt[0];
	const unsigned char *h = d + 44 + v1;
	if ((size_t)(h - d) + 44 > len || memcmp(h, "TZif", 4))
		goto bad;
	for (int i = 0; i < 6; i++)
		cnt[i] = be32(h + 20 + 4 * i);
	const unsigned char *p = h + 44;
	size_t need = cnt[3] * 9 + cnt[4] * 6 + cnt[5] + cnt[2] * 12 + cnt[1] + cnt[0];
	if ((size_t)(p - d) + need > len || cnt[4] == 0 || cnt[4] > 255)
		goto bad;
	z->n = cnt[3];
	z->ntypes = cnt[4];
	z->when = malloc((z->n ? z->n : 1) * sizeof *z->when);
	z->idx = malloc(z->n ? z->n : 1);
	z->types = calloc(z->ntypes, sizeof *z->types);
	if (!z->when || !z->idx || !z->types)
		abort();
	for (size_t i = 0; i < z->n; i++)
		z->when[i] = be64(p + 8 * i);
	p += 8 * z->n;
	for (size_t i = 0; i < z->n; i++)
		if ((z->idx[i] = p[i]) >= z->ntypes)
			goto bad;
	p += z->n;
	const unsigned char *chars = p + 6 * z->ntypes;
	for (size_t i = 0; i < z->ntypes; i++) {
		z->types[i].utoff = (int32_t)be32(p + 6 * i);
		z->types[i].isdst = p[6 * i + 4];
		size_t at = p[6 * i + 5];
		if (at >= cnt[5])
			goto bad;
		snprintf(z->types[i].abbr, sizeof z->types[i].abbr, "%.*s", (int)strnlen((const char *)chars + at, cnt[5] - at),
		         chars + at);
	}
	/* the footer: "\nTZ string\n" after the data */
	const unsigned char *foot = p + need - (cnt[3] * 9);
	if ((size_t)(foot - d) < len && *foot == '\n') {
		const unsigned char *nl = memchr(foot + 1, '\n', len - (size_t)(foot + 1 - d));
		if (nl && nl > foot + 1) {
			char tz[128];
			snprintf(tz, sizeof tz, "%.*s", (int)(nl - foot - 1), foot + 1);
			if (parse_footer(z, tz))
				z->has_footer = 0; /* an unusual rule: the last transition's type stands */
		}
	}
	rc = 0;
bad:
	free(d);
	if (rc) {
		zone_free(z);
		return err_set(e, ERR_IO, "%s: not a TZif file this rapport can read", path);
	}
	*out = z;
	return 0;
}

void zone_free(struct zone *z)
{
	if (!z)
		return;
	free(z->when);
	free(z->idx);
	free(z->types);
	free(z);
}

const char *zone_name(const struct zone *z)
{
	return z->name;
}

/* --- questions --------------------------------------------------------------------- */

void zone_at(const struct zone *z, int64_t t, struct zone_local *out)
{
	const struct ttype *ty;
	if (z->n == 0 || t < z->when[0]) {
		ty = z->n == 0 && z->has_footer ? footer_at(z, t) : &z->types[0];
	} else if (t >= z->when[z->n - 1] && z->has_footer) {
		ty = footer_at(z, t);
	} else {
		size_t lo = 0, hi = z->n; /* the last transition at or before t */
		while (hi - lo > 1) {
			size_t mid = (lo + hi) / 2;
			if (z->when[mid] <= t)
				lo = mid;
			else
				hi = mid;
		}
		ty = &z->types[z->idx[lo]];
	}
	out->utoff = ty->utoff;
	out->isdst = ty->isdst;
	snprintf(out->abbr, sizeof out->abbr, "%s", ty->abbr);
}

int64_t zone_local_time(void *zone, int y, int m, int d, int seconds)
{
	return zone_from_local(zone, y, m, d, seconds);
}

/* z's offset from UTC at t, for time_from_wall. */
static long utoff_at(void *z, int64_t t)
{
	struct zone_local l;
	zone_at(z, t, &l);
	return l.utoff;
}

int64_t zone_from_local(const struct zone *z, int y, int m, int d, int seconds)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	int64_t naive = (int64_t)timegm(&tm) + seconds;
	return time_from_wall(naive, utoff_at, (void *)z);
}

void zone_format(const struct zone *z, int64_t t, char out[40])
{
	struct zone_local l;
	zone_at(z, t, &l);
	time_t local = (time_t)(t + l.utoff);
	struct tm tm;
	gmtime_r(&local, &tm);
	char stamp[24];
	strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%S", &tm);
	int32_t off = l.utoff < 0 ? -l.utoff : l.utoff;
	if (off % 60)
		snprintf(out, 40, "%s%c%02d:%02d:%02d", stamp, l.utoff < 0 ? '-' : '+', off / 3600 % 100, off / 60 % 60,
		         off % 60);
	else
		snprintf(out, 40, "%s%c%02d:%02d", stamp, l.utoff < 0 ? '-' : '+', off / 3600 % 100, off / 60 % 60);
}

long zone_day(const struct zone *z, int64_t t)
{
	struct zone_local l;
	zone_at(z, t, &l);
	int64_t local = t + l.utoff;
	return (long)(local >= 0 ? local / 86400 : (local - 86399) / 86400);
}
