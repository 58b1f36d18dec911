/* feed.c - builds a relationship's iCalendar feed with libical: open
 * commitments, order milestones and unpaid payments as all-day events with
 * an alarm the day before, the update cadence as a weekly event in the
 * partner's zone with that zone's VTIMEZONE, and both sides' holidays,
 * closures and make-up workdays. Reads through store/, workcal.c and
 * project.c; prints nothing. Every UID is derived from the relationship's
 * UUID and the record's id or date, so a client updates what it has. */
#include "feed.h"

#include <libical/ical.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/day.h"
#include "event.h"
#include "project.h"
#include "store/feed.h"
#include "store/parties.h"
#include "util/buf.h"
#include "workcal.h"

struct feed {
	icalcomponent *cal;
	char uid[64];           /* the relationship's UUID */
	const char *view;       /* "buyer" or "partner" */
	char view_tz[65];       /* the view's side's zone, from the first relationship */
	int64_t now;
	struct workcal side[2]; /* by enum workcal_side */
	icaltimetype stamp;
};

/* "Own side" or "Other side": whose it is, seen from the view. */
static const char *whose(const struct feed *f, const char *side)
{
	return !strcmp(side, f->view) ? "Own side" : "Other side";
}

static struct workcal *cal_of(struct feed *f, const char *side)
{
	return &f->side[!strcmp(side, "partner") ? WORKCAL_PARTNER : WORKCAL_BUYER];
}

/* A property value, formatted; freed with free(). */
static char *str(const char *format, ...) __attribute__((format(printf, 1, 2)));
static char *str(const char *format, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;
	va_start(ap, format);
	int n = vsnprintf(NULL, 0, format, ap);
	va_end(ap);
	buf_grow(&b, (size_t)n + 1);
	va_start(ap, format);
	vsnprintf(b.data, (size_t)n + 1, format, ap);
	va_end(ap);
	b.len = (size_t)n;
	return buf_detach(&b);
}

/* A new VEVENT in the calendar with its UID ("<key>@<relationship uuid>")
 * and DTSTAMP (the pinned clock, so the same record gives the same text). */
static icalcomponent *event(struct feed *f, const char *key)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	char *uid = str("%s@%s", key, f->uid);
	icalcomponent_add_property(ev, icalproperty_new_uid(uid));
	free(uid);
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(f->stamp));
	icalcomponent_add_component(f->cal, ev);
	return ev;
}

static icaltimetype date_of(long day)
{
	icaltimetype t = icaltime_null_date();
	day_to_ymd(day, &t.year, &t.month, &t.day);
	return t;
}

/* DTSTART and DTEND (the next day, which Outlook wants spelled out) of an
 * all-day event on date; shown as free time, not busy. */
static void all_day(icalcomponent *ev, const char *date)
{
	int y = 1970, m = 1, d = 1;
	sscanf(date, "%4d-%2d-%2d", &y, &m, &d);
	long day = day_from_ymd(y, m, d);
	icalcomponent_add_property(ev, icalproperty_new_dtstart(date_of(day)));
	icalcomponent_add_property(ev, icalproperty_new_dtend(date_of(day + 1)));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
}

/* One CATEGORIES property listing the NULL-terminated names (none has a
 * comma: commas separate them). */
static void categories(icalcomponent *ev, ...)
{
	va_list ap;
	struct buf b = BUF_INIT;
	va_start(ap, ev);
	for (const char *c; (c = va_arg(ap, const char *));)
		buf_printf(&b, "%s%s", b.len ? "," : "", c);
	va_end(ap);
	icalcomponent_add_property(ev, icalproperty_new_categories(b.data));
	buf_release(&b);
}

/* SUMMARY and DESCRIPTION, both taken (freed here). */
static void texts(icalcomponent *ev, char *summary, char *description)
{
	icalcomponent_add_property(ev, icalproperty_new_summary(summary));
	icalcomponent_add_property(ev, icalproperty_new_description(description));
	free(summary);
	free(description);
}

/* A display alarm at the start of the day before: a negative duration
 * from DTSTART (RFC 5545 3.8.6.3), so it follows a moved date. */
static void alarm_day_before(icalcomponent *ev)
{
	icalcomponent *a = icalcomponent_new(ICAL_VALARM_COMPONENT);
	icalcomponent_add_property(a, icalproperty_new_action(ICAL_ACTION_DISPLAY));
	icalcomponent_add_property(a, icalproperty_new_trigger(icaltriggertype_from_string("-P1D")));
	icalcomponent_add_property(a, icalproperty_new_description(icalcomponent_get_summary(ev)));
	icalcomponent_add_component(ev, a);
}

/* --- what each side owes ----------------------------------------------------------- */

static int on_commitment(void *ctx, const struct store_feed_item *it)
{
	struct feed *f = ctx;
	const char *side = it->side && !strcmp(it->side, "partner") ? "partner" : "buyer";
	const char *partner = f->side[WORKCAL_PARTNER].party.name;
	char key[40];
	snprintf(key, sizeof key, "commitment-%lld", (long long)it->id);
	icalcomponent *ev = event(f, key);
	all_day(ev, it->due);
	char *title;
	if (it->milestone)
		title = str("Milestone at %s: %s%s%s%s", partner, it->what, it->style ? " (" : "", it->style ? it->style : "",
		            it->style ? ")" : "");
	else
		title = str("Due %s %s: %s", !strcmp(side, "partner") ? "from" : "to", partner, it->what);
	texts(ev, title,
	      str("%s owed by the %s, %s, due %s.\n"
	          "When kept: rapport commitment keep %lld\n"
	          "When a new date is agreed: rapport commitment renegotiate %lld --due YYYY-MM-DD",
	          it->milestone ? "An order milestone" : "A commitment", side, cal_of(f, side)->party.name, it->due,
	          (long long)it->id, (long long)it->id));
	categories(ev, it->milestone ? "Milestone" : "Commitment", whose(f, side),
	           !strcmp(side, "partner") ? "Owed by partner" : "Owed by buyer", (const char *)NULL);
	alarm_day_before(ev);
	return 0;
}

static int on_payment(void *ctx, const struct store_feed_item *it)
{
	struct feed *f = ctx;
	char key[40];
	snprintf(key, sizeof key, "payment-%lld", (long long)it->id);
	icalcomponent *ev = event(f, key);
	all_day(ev, it->due);
	texts(ev,
	      str("Pay %s: %s %s%s%s%s", f->side[WORKCAL_PARTNER].party.name, it->currency, it->amount,
	          it->label ? " (" : "", it->label ? it->label : "", it->label ? ")" : ""),
	      str("A payment owed by the buyer, %s, to %s, due %s%s%s.\n"
	          "When paid: rapport payment paid %lld",
	          f->side[WORKCAL_BUYER].party.name, f->side[WORKCAL_PARTNER].party.name, it->due,
	          it->po ? ", order " : "", it->po ? it->po : "", (long long)it->id));
	categories(ev, "Payment", whose(f, "buyer"), "Owed by buyer", (const char *)NULL);
	alarm_day_before(ev);
	return 0;
}

/* --- the update cadence ------------------------------------------------------------ */

/* The zone's VTIMEZONE, generated by libical from the system zoneinfo:
 * icaltzutil_fetch_timezone reads the same TZif files as calendar/zone.c
 * (DESIGN.md: zones come from the system tzdata) and turns their
 * transitions and POSIX footer into observances with RRULEs, so a client
 * gets the rules to come as well (London's DST every year, Mexico City's
 * ending in 2022). The alternatives are worse: libical's builtin timezones
 * are its own zoneinfo copy where it was built with one (the lagging copy
 * DESIGN.md rules out; turned off here for that reason), and writing the
 * VTIMEZONE from zone.c's transitions would duplicate libical's converter.
 * libical ignores $TZDIR (it searches /usr/share/zoneinfo first), so only
 * with $TZDIR pointing elsewhere could the two read different files;
 * tests/unit/test_feed.c checks that the offsets libical computes from this
 * VTIMEZONE are zone.c's. The TZID is the bare IANA name, which Google and
 * Outlook recognise, not libical's "/freeassociation.sourceforge.net/..." */
static int add_vtimezone(struct feed *f, const char *tz, struct err *e)
{
	icaltimezone_set_builtin_tzdata(0);
	icalcomponent *vtz = icaltzutil_fetch_timezone(tz);
	if (!vtz)
		return err_set(e, ERR_IO, "libical cannot read the time zone %s from the system zoneinfo", tz);
	icalproperty *id = icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY);
	if (id)
		icalproperty_set_tzid(id, tz);
	else
		icalcomponent_add_property(vtz, icalproperty_new_tzid(tz));
	icalcomponent_add_component(f->cal, vtz);
	return 0;
}

/* A weekly event at the cadence's local time in the partner's zone. Its
 * first instance is the first cadence day on or after the day the cadence
 * was agreed (the relationship's start for the default), so the text does
 * not change from day to day. */
static int add_cadence(struct feed *f, struct err *e)
{
	static const char *const byday[] = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
	static const char *const dayname[] = {"Monday", "Tuesday", "Wednesday", "Thursday",
	                                      "Friday", "Saturday", "Sunday"};
	struct workcal *p = &f->side[WORKCAL_PARTNER];
	const struct project_settings *s = &p->settings;
	unsigned days;
	int minutes;
	if (event_cadence_parse(s->cadence, &days, &minutes))
		return err_set(e, ERR_IO, "settings: the recorded cadence does not parse: \"%s\"", s->cadence);
	int y, m, d;
	workcal_today(p, s->cadence_since ? s->cadence_since : p->party.since, &y, &m, &d);
	long day = day_from_ymd(y, m, d);
	while (!(days & (1u << ((day_weekday(day) + 6) % 7)))) /* bit 0 is Monday */
		day++;
	icaltimetype start = icaltime_null_time();
	day_to_ymd(day, &start.year, &start.month, &start.day);
	start.hour = minutes / 60;
	start.minute = minutes % 60;
	struct buf rule = BUF_INIT, when = BUF_INIT;
	buf_adds(&rule, "FREQ=WEEKLY;BYDAY=");
	for (int i = 0, n = 0; i < 7; i++)
		if (days & (1u << i)) {
			buf_printf(&rule, "%s%s", n ? "," : "", byday[i]);
			buf_printf(&when, "%s%s", n++ ? ", " : "", dayname[i]);
		}

	icalcomponent *ev = event(f, "cadence");
	icalproperty *dt = icalproperty_new_dtstart(start);
	icalproperty_add_parameter(dt, icalparameter_new_tzid(p->party.tz));
	icalcomponent_add_property(ev, dt);
	icalcomponent_add_property(ev, icalproperty_new_duration(icaldurationtype_from_int(30 * 60)));
	icalcomponent_add_property(ev, icalproperty_new_rrule(icalrecurrencetype_from_string(rule.data)));
	icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_TRANSPARENT));
	texts(ev, str("Update due from %s", p->party.name),
	      str("The partner's structured update, due every %s at %02d:%02d %s time (cadence %s%s).\n"
	          "Submit it: rapport update submit --partner %lld --status on_track|at_risk|late|blocked --progress PCT",
	          when.data, minutes / 60, minutes % 60, p->party.tz, s->cadence,
	          s->cadence_since ? "" : ", the default", (long long)p->party.id));
	buf_release(&rule);
	buf_release(&when);
	categories(ev, "Update", whose(f, "partner"), "Owed by partner", (const char *)NULL);
	return 0;
}

/* --- holidays -------------------------------------------------------------------------- */

static const struct {
	const char *words;    /* in SUMMARY */
	const char *what;     /* in DESCRIPTION */
	const char *category;
} kinds[] = {
	[HOLIDAY_PUBLIC] = {"day off", "A public holiday", "Public holiday"},
	[HOLIDAY_OBSERVANCE] = {"observance", "An observance, worth a greeting (not a day off)", "Observance"},
	[HOLIDAY_CLOSURE] = {"closed", "A closure", "Closure"},
	[HOLIDAY_WORKDAY] = {"make-up working day", "A weekend day made a working day", "Make-up workday"},
};

static void add_day(struct feed *f, struct workcal *w, const struct holiday *h)
{
	const char *side = w->side == WORKCAL_PARTNER ? "partner" : "buyer";
	char key[64];
	/* the side is in the key: a buyer and a partner in one country each
	 * have the day, and the partner's may be one of its own closures */
	snprintf(key, sizeof key, "holiday-%s-%s-%s", side, w->party.country, h->date);
	icalcomponent *ev = event(f, key);
	all_day(ev, h->date);
	int local = h->local_name && *h->local_name && strcmp(h->local_name, h->name);
	int theirs = strcmp(side, f->view) != 0;
	struct buf greet = BUF_INIT;
	if (theirs && (h->kind == HOLIDAY_PUBLIC || h->kind == HOLIDAY_OBSERVANCE))
		buf_printf(&greet, "\nSend a greeting: rapport greet --partner %lld --by %s --occasion \"%s %.4s\"",
		           (long long)f->side[WORKCAL_PARTNER].party.id, f->view, h->name, h->date);
	texts(ev,
	      str("%s: %s%s%s%s, %s", w->party.name, h->name, local ? " (" : "", local ? h->local_name : "",
	          local ? ")" : "", kinds[h->kind].words),
	      str("%s at the %s, %s (%s, %s)%s.%s", kinds[h->kind].what, side, w->party.name, w->party.country,
	          w->party.tz, h->estimated ? "; the date is estimated, not announced" : "", greet.len ? greet.data : ""));
	buf_release(&greet);
	categories(ev, "Holiday", kinds[h->kind].category, whose(f, side),
	           w->side == WORKCAL_PARTNER ? "Partner calendar" : "Buyer calendar", (const char *)NULL);
}

static int add_holidays(struct feed *f, struct workcal *w, int year, struct err *e)
{
	for (int y = year; y <= year + 1 && y <= HOLIDAY_LAST_YEAR; y++) {
		struct holidays h;
		if (workcal_holidays(w, y, &h, e)) {
			holidays_release(&h);
			return -1;
		}
		for (size_t i = 0; i < h.n; i++)
			add_day(f, w, &h.days[i]);
		holidays_release(&h);
	}
	return 0;
}

/* --- the calendar -------------------------------------------------------------------- */

static void x_prop(icalcomponent *c, const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	icalcomponent_add_property(c, p);
}

/* Adds relationship rel's events to f->cal: its partner's VTIMEZONE unless
 * an earlier relationship had that zone (zones, zones_n: the TZIDs added so
 * far), the cadence, what each side owes, the partner's days and, when
 * buyer_days, the buyer's. Sets *names (when not NULL) to "BUYER and
 * PARTNER" for the calendar's name, freed by the caller. */
static int add_relationship(struct feed *f, struct db *db, int64_t rel, int buyer_days, char (*zones)[65],
                            size_t *zones_n, char **names, struct err *e)
{
	int r = store_feed_uid(db, rel, f->uid, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--partner: no partner with id %lld", (long long)rel);
	if (workcal_load(db, rel, WORKCAL_BUYER, &f->side[WORKCAL_BUYER], e))
		return -1;
	if (workcal_load(db, rel, WORKCAL_PARTNER, &f->side[WORKCAL_PARTNER], e)) {
		workcal_release(&f->side[WORKCAL_BUYER]);
		return -1;
	}
	struct workcal *p = &f->side[WORKCAL_PARTNER], *b = &f->side[WORKCAL_BUYER];
	if (names) {
		*names = str("%s and %s", b->party.name, p->party.name);
		snprintf(f->view_tz, sizeof f->view_tz, "%s", cal_of(f, f->view)->party.tz);
	}
	int y, m, d;
	workcal_today(cal_of(f, f->view), f->now, &y, &m, &d);
	int rc = -1, seen = 0;
	for (size_t i = 0; i < *zones_n && !seen; i++)
		seen = !strcmp(zones[i], p->party.tz);
	if (!seen) {
		if (add_vtimezone(f, p->party.tz, e))
			goto done;
		snprintf(zones[(*zones_n)++], 65, "%s", p->party.tz);
	}
	if (add_cadence(f, e) || store_feed_commitments(db, rel, on_commitment, f, e) ||
	    store_feed_payments(db, rel, on_payment, f, e) || add_holidays(f, p, y, e) ||
	    (buyer_days && add_holidays(f, b, y, e)))
		goto done;
	rc = 0;
done:
	workcal_release(&f->side[WORKCAL_PARTNER]);
	workcal_release(&f->side[WORKCAL_BUYER]);
	return rc;
}

int feed_calendar(struct db *db, int64_t rel, const char *view, int64_t now, char **out, struct err *e)
{
	return feed_calendar_many(db, &rel, 1, view, now, out, e);
}

int feed_calendar_many(struct db *db, const int64_t *rels, size_t n, const char *view, int64_t now, char **out,
                       struct err *e)
{
	*out = NULL;
	struct feed f = {.view = !strcmp(view, "partner") ? "partner" : "buyer", .now = now};
	struct party buyer;
	int r = store_buyer_get(db, &buyer, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--db: the database is not initialised (run rapport init)");
	f.stamp = icaltime_from_timet_with_zone((time_t)now, 0, icaltimezone_get_utc_timezone());
	f.cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	char(*zones)[65] = calloc(n ? n : 1, sizeof *zones);
	size_t zones_n = 0;
	char *names = NULL;
	if (!zones)
		abort();
	int rc = -1;
	for (size_t i = 0; i < n; i++) {
		/* the buyer's days once: every relationship has the same buyer */
		if (add_relationship(&f, db, rels[i], i == 0, zones, &zones_n, i == 0 ? &names : NULL, e))
			goto done;
	}
	/* properties print before the components, in the order added */
	icalcomponent_add_property(f.cal, icalproperty_new_prodid("-//Rapport//Rapport calendar feed//EN"));
	icalcomponent_add_property(f.cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(f.cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(f.cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	char *name = n == 1   ? str("Rapport: %s", names)
	             : n == 0 ? str("Rapport: %s", buyer.name)
	                      : str("Rapport: %s and %zu partners", buyer.name, n);
	x_prop(f.cal, "X-WR-CALNAME", name);
	free(name);
	x_prop(f.cal, "X-WR-TIMEZONE", f.view_tz[0] ? f.view_tz : buyer.tz);
	x_prop(f.cal, "X-PUBLISHED-TTL", "PT1H");
	char *text = icalcomponent_as_ical_string_r(f.cal);
	*out = strdup(text);
	icalmemory_free_buffer(text);
	if (!*out)
		abort();
	rc = 0;
done:
	free(names);
	free(zones);
	icalcomponent_free(f.cal);
	return rc;
}

int feed_token_new(char out[FEED_TOKEN_LEN + 1], struct err *e)
{
	unsigned char raw[32];
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, FEED_TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	return 0;
}
