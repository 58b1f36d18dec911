/* time.c - ISO-8601 and zone handling over libc (timegm, mktime under TZ,
 * which reads the system's TZif files). Calendar validity is checked by a
 * round trip through timegm/gmtime_r rather than a hand-written table. */
#include "util/time.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util/utf8.h"

static const char *zoneinfo_dir(void)
{
	const char *d = getenv("TZDIR");
	return d && *d ? d : "/usr/share/zoneinfo";
}

int time_zone_valid(const char *zone)
{
	size_t n = strlen(zone);
	if (n == 0 || n > 64 || zone[0] == '/' || zone[0] == '.' || strstr(zone, ".."))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = zone[i];
		if (!isalnum((unsigned char)c) && c != '/' && c != '_' && c != '-' && c != '+')
			return 0;
	}
	/* "posixrules" and "localtime" are files, not zones. */
	if (!strcmp(zone, "posixrules") || !strcmp(zone, "localtime") || !strcmp(zone, "Factory"))
		return 0;
	char path[512];
	snprintf(path, sizeof path, "%s/%s", zoneinfo_dir(), zone);
	FILE *f = fopen(path, "rb");
	if (!f)
		return 0;
	char magic[4] = {0};
	size_t got = fread(magic, 1, 4, f);
	fclose(f);
	return got == 4 && !memcmp(magic, "TZif", 4);
}

/* Local conversions run mktime/localtime_r under TZ=zone. TZ is left set
 * afterwards: switching it makes glibc re-read the zone's TZif file, and
 * nothing in rapport reads the process's own local time (UTC goes through
 * timegm/gmtime_r). Not thread-safe: threads use their own zone code. */
struct tz_saved {
	int unused;
};

static char current_zone[80];

static struct tz_saved tz_enter(const char *zone)
{
	struct tz_saved s = {0};
	if (strcmp(current_zone, zone)) {
		char spec[84];
		snprintf(spec, sizeof spec, ":%s", zone);
		setenv("TZ", spec, 1);
		tzset();
		snprintf(current_zone, sizeof current_zone, "%s", zone);
	}
	return s;
}

static void tz_leave(struct tz_saved s)
{
	(void)s;
}

/* Reads exactly n digits. */
static int digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)(*p)[i]))
			return -1;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return 0;
}

static int valid_ymd(int y, int m, int d)
{
	if (y < 1970 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return 0;
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = 12;
	time_t t = timegm(&tm);
	struct tm back;
	gmtime_r(&t, &back);
	return back.tm_year == y - 1900 && back.tm_mon == m - 1 && back.tm_mday == d;
}

int time_parse_date(const char *s, const char *field, int *y, int *m, int *d, struct err *e)
{
	const char *p = s;
	if (digits(&p, 4, y) || *p++ != '-' || digits(&p, 2, m) || *p++ != '-' ||
	    digits(&p, 2, d) || *p != '\0')
		return err_set(e, ERR_INPUT, "%s: not a date: \"%.*s\" (want YYYY-MM-DD)", field, (int)utf8_quote(s), s);
	if (*y < 1970)
		return err_set(e, ERR_INPUT, "%s: before 1970: \"%.*s\"", field, (int)utf8_quote(s), s);
	if (!valid_ymd(*y, *m, *d))
		return err_set(e, ERR_INPUT, "%s: no such date: \"%.*s\"", field, (int)utf8_quote(s), s);
	return 0;
}

int time_parse_with(const char *s, time_local_fn local, void *ctx, const char *field, int64_t *out, struct err *e)
{
	if (s[0] == '@') {
		char *end;
		long long v = strtoll(s + 1, &end, 10);
		if (end == s + 1 || *end || v < 0 || v > 253402300799LL)
			return err_set(e, ERR_INPUT, "%s: not a time: \"%.*s\"", field, (int)utf8_quote(s), s);
		*out = v;
		return 0;
	}
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0;
	if (digits(&p, 4, &y) || *p++ != '-' || digits(&p, 2, &mo) || *p++ != '-' || digits(&p, 2, &d))
		goto bad;
	if (y < 1970)
		return err_set(e, ERR_INPUT, "%s: before 1970: \"%.*s\"", field, (int)utf8_quote(s), s);
	if (!valid_ymd(y, mo, d))
		return err_set(e, ERR_INPUT, "%s: no such date: \"%.*s\"", field, (int)utf8_quote(s), s);
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if (digits(&p, 2, &h) || *p++ != ':' || digits(&p, 2, &mi))
			goto bad;
		int have_sec = *p == ':';
		if (have_sec && (p++, digits(&p, 2, &sec)))
			goto bad;
		/* a fraction of a second (RFC 3339's time-secfrac, "...:28.000Z"
		 * from JavaScript's toISOString): the ledger keeps whole seconds,
		 * so it is dropped, as the second it falls in */
		if (*p == '.' && have_sec) {
			if (p[1] < '0' || p[1] > '9')
				goto bad;
			while (*++p >= '0' && *p <= '9')
				;
		}
		if (h > 23 || mi > 59 || sec > 59)
			return err_set(e, ERR_INPUT, "%s: no such time of day: \"%.*s\"", field, (int)utf8_quote(s), s);
	}
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = mo - 1;
	tm.tm_mday = d;
	tm.tm_hour = h;
	tm.tm_min = mi;
	tm.tm_sec = sec;
	if (*p == '\0') { /* local */
		*out = local(ctx, y, mo, d, (h * 60 + mi) * 60 + sec);
	} else if ((*p == 'Z' || *p == 'z') && p[1] == '\0') {
		*out = (int64_t)timegm(&tm);
	} else if (*p == '+' || *p == '-') {
		int sign = *p++ == '-' ? -1 : 1, oh, om;
		if (digits(&p, 2, &oh))
			goto bad;
		if (*p == ':')
			p++;
		if (digits(&p, 2, &om) || *p != '\0' || oh > 14 || om > 59)
			goto bad;
		*out = (int64_t)timegm(&tm) - sign * (oh * 3600 + om * 60);
	} else {
		goto bad;
	}
	if (*out < 0)
		return err_set(e, ERR_INPUT, "%s: before 1970: \"%.*s\"", field, (int)utf8_quote(s), s);
	return 0;
bad:
	return err_set(e, ERR_INPUT,
	               "%s: not an ISO-8601 time: \"%.*s\" (want YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])",
	               field, (int)utf8_quote(s), s);
}

int64_t time_from_wall(int64_t naive, long (*offset)(void *ctx, int64_t t), void *ctx)
{
	int64_t t1 = naive - offset(ctx, naive - 86400), t2 = naive - offset(ctx, naive + 86400);
	int ok1 = t1 + offset(ctx, t1) == naive, ok2 = t2 + offset(ctx, t2) == naive;
	if (ok1 && ok2)
		return t1 < t2 ? t1 : t2;
	return ok2 && !ok1 ? t2 : t1;
}

/* The offset from UTC at t (seconds east) of the zone TZ names. */
static long libc_offset(void *ctx, int64_t t)
{
	(void)ctx;
	time_t tt = (time_t)t;
	struct tm tm;
	return localtime_r(&tt, &tm) ? tm.tm_gmtoff : 0;
}

/* Not mktime: with tm_isdst -1 it settles a repeated hour by the offset
 * its previous call left behind, and a change of standard offset (Moscow,
 * 2011) has no DST flag to tell the two readings apart. */
int64_t time_local_tz(void *ctx, int y, int m, int d, int seconds)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d};
	int64_t naive = (int64_t)timegm(&tm) + seconds;
	struct tz_saved saved = tz_enter(ctx);
	int64_t t = time_from_wall(naive, libc_offset, NULL);
	tz_leave(saved);
	return t;
}

int time_parse(const char *s, const char *zone, const char *field, int64_t *out, struct err *e)
{
	return time_parse_with(s, time_local_tz, (void *)zone, field, out, e);
}

void time_format_utc(int64_t t, char out[21])
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(out, 21, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void time_format_local(int64_t t, const char *zone, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;
	struct tz_saved saved = tz_enter(zone);
	localtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%d %H:%M %z", &tm);
	tz_leave(saved);
}

int64_t time_date_utc(const char *date)
{
	struct tm tm = {0};
	tm.tm_year = atoi(date) - 1900;
	tm.tm_mon = atoi(date + 5) - 1;
	tm.tm_mday = atoi(date + 8);
	return (int64_t)timegm(&tm);
}

void time_local_date(int64_t t, const char *zone, int *y, int *m, int *d, int *wday)
{
	time_t tt = (time_t)t;
	struct tm tm;
	struct tz_saved saved = tz_enter(zone);
	localtime_r(&tt, &tm);
	tz_leave(saved);
	*y = tm.tm_year + 1900;
	*m = tm.tm_mon + 1;
	*d = tm.tm_mday;
	*wday = (tm.tm_wday + 6) % 7;
}

int64_t time_from_local(const char *zone, int y, int m, int d, int minute)
{
	struct tm tm = {0};
	tm.tm_year = y - 1900;
	tm.tm_mon = m - 1;
	tm.tm_mday = d;
	tm.tm_hour = minute / 60;
	tm.tm_min = minute % 60;
	tm.tm_isdst = -1;
	struct tz_saved saved = tz_enter(zone);
	time_t t = mktime(&tm);
	tz_leave(saved);
	return (int64_t)t;
}

void time_format_date(int64_t t, const char *zone, char out[11])
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!strcmp(zone, "UTC")) {
		/* date arithmetic on agreed dates: no zone to switch to (switching
		 * rereads the zone file when the last one was another) */
		gmtime_r(&tt, &tm);
	} else {
		struct tz_saved saved = tz_enter(zone);
		localtime_r(&tt, &tm);
		tz_leave(saved);
	}
	strftime(out, 11, "%Y-%m-%d", &tm);
}
