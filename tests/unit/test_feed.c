/* test_feed.c - the calendar feed's text: UIDs from the relationship's UUID
 * that do not change between runs, an alarm the day before every due date,
 * paid payments and kept commitments leaving the feed, RFC 5545 folding at
 * 75 octets that never splits a UTF-8 character, the cadence's VTIMEZONE
 * giving zone.c's offsets, and the feed token's shape. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <libical/ical.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/zone.h"
#include "feed.h"
#include "ledger.h"
#include "testutil.h"
#include "util/utf8.h"

#define T0 1764547200   /* 2025-12-01T00:00:00Z */
#define NOW 1795600800  /* 2026-11-25T10:00:00Z */

static struct db *db;
static struct ledger l;

static void setup(void)
{
	tu_ledger_new(&db, &l);
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(feed, .init = setup, .fini = teardown);

/* Appends an event; returns its id (the id of what it creates). */
static int64_t append(int64_t rel, const char *kind, const char *json)
{
	struct err e = {0};
	struct event ev;
	json_t *body = json_loads(json, 0, NULL);
	cr_assert(body, "%s", json);
	struct ledger_entry in = {kind, "buyer", "Maya Okafor", T0 + 3600, T0 + 3600, body};
	cr_assert(ledger_append(&l, rel, &in, &ev, &e) == 0, "%s: %s", kind, e.msg);
	json_decref(body);
	return ev.id;
}

static char *feed(int64_t rel, const char *view)
{
	struct err e = {0};
	char *text;
	cr_assert(feed_calendar(db, rel, view, NOW, &text, &e) == 0, "%s", e.msg);
	return text;
}

static char *rel_uid(int64_t rel)
{
	struct err e = {0};
	struct db_stmt *s = db_prepare(db, "SELECT uid FROM relationships WHERE id = ?1", &e);
	cr_assert(s, "%s", e.msg);
	db_bind_int64(s, 1, rel);
	cr_assert(db_step(s) == DB_ROW);
	char *u = strdup(db_col_text(s, 0));
	db_finalize(s);
	return u;
}

/* The text with every fold (CRLF and one space) taken out. */
static char *unfold(const char *text)
{
	char *out = malloc(strlen(text) + 1), *o = out;
	for (const char *p = text; *p;) {
		if (p[0] == '\r' && p[1] == '\n' && p[2] == ' ')
			p += 3;
		else
			*o++ = *p++;
	}
	*o = '\0';
	return out;
}

/* The unfolded VEVENT whose UID line is uid, or NULL. Freed by the caller. */
static char *vevent(const char *text, const char *uid)
{
	char *u = unfold(text), want[200];
	snprintf(want, sizeof want, "\r\nUID:%s\r\n", uid);
	char *at = strstr(u, want);
	if (!at) {
		free(u);
		return NULL;
	}
	char *start = at, *end = strstr(at, "END:VEVENT\r\n");
	while (start > u && strncmp(start, "BEGIN:VEVENT", 12))
		start--;
	char *ev = strndup(start, (size_t)(end - start) + 12);
	free(u);
	return ev;
}

Test(feed, uids_come_from_the_relationship_and_stay_the_same_across_runs)
{
	int64_t rel = tu_rel_open(&l, "Dongguan Evergreen Knitwear", "CN", "Asia/Shanghai", T0);
	int64_t c = append(rel, "commitment.add", "{\"side\":\"partner\",\"what\":\"Send the trim card\",\"due\":\"2026-12-07\"}");
	int64_t p = append(rel, "payment.due", "{\"amount\":\"12500.00\",\"currency\":\"USD\",\"due\":\"2027-04-14\"}");
	char *one = feed(rel, "buyer"), *two = feed(rel, "buyer"), *u = rel_uid(rel), want[160];
	cr_expect_str_eq(one, two, "the same record gives the same text");
	snprintf(want, sizeof want, "commitment-%lld@%s", (long long)c, u);
	char *ev = vevent(one, want);
	cr_expect(ev != NULL, "no %s", want);
	free(ev);
	snprintf(want, sizeof want, "payment-%lld@%s", (long long)p, u);
	cr_expect((ev = vevent(one, want)) != NULL, "no %s", want);
	free(ev);
	snprintf(want, sizeof want, "cadence@%s", u);
	cr_expect((ev = vevent(one, want)) != NULL, "no %s", want);
	free(ev);
	/* Spring Festival 2027 (6 February), a public holiday at the partner */
	snprintf(want, sizeof want, "holiday-partner-CN-2027-02-06@%s", u);
	cr_expect((ev = vevent(one, want)) != NULL, "no %s", want);
	cr_expect(ev && strstr(ev, "\r\nDTSTART;VALUE=DATE:20270206\r\nDTEND;VALUE=DATE:20270207\r\n"));
	free(ev);
	cr_expect(strstr(one, "\r\nDTSTAMP:20261125T100000Z\r\n"), "DTSTAMP is the clock given");
	free(one);
	free(two);
	free(u);
}

Test(feed, every_due_date_has_an_alarm_the_day_before)
{
	int64_t rel = tu_rel_open(&l, "Dongguan Evergreen Knitwear", "CN", "Asia/Shanghai", T0);
	int64_t ids[3];
	ids[0] = append(rel, "commitment.add", "{\"side\":\"buyer\",\"what\":\"Approve the lab dips\",\"due\":\"2026-12-04\"}");
	ids[1] = append(rel, "commitment.add", "{\"side\":\"partner\",\"what\":\"Send the trim card\",\"due\":\"2026-12-07\"}");
	ids[2] = append(rel, "payment.due", "{\"amount\":\"500.00\",\"currency\":\"EUR\",\"due\":\"2026-12-20\"}");
	char *text = feed(rel, "buyer"), *u = rel_uid(rel);
	for (int i = 0; i < 3; i++) {
		char want[160];
		snprintf(want, sizeof want, "%s-%lld@%s", i < 2 ? "commitment" : "payment", (long long)ids[i], u);
		char *ev = vevent(text, want);
		cr_assert(ev, "no %s", want);
		cr_expect(strstr(ev, "BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER:-P1D\r\n"), "%s has no alarm: %s", want, ev);
		free(ev);
	}
	/* an alarm for every dated thing owed, and none for holidays */
	size_t alarms = 0;
	for (const char *p = text; (p = strstr(p, "BEGIN:VALARM")); p++)
		alarms++;
	cr_expect_eq(alarms, 3);
	free(text);
	free(u);
}

Test(feed, a_paid_payment_and_a_kept_commitment_leave_the_feed)
{
	int64_t rel = tu_rel_open(&l, "Dongguan Evergreen Knitwear", "CN", "Asia/Shanghai", T0);
	int64_t c = append(rel, "commitment.add", "{\"side\":\"partner\",\"what\":\"Send the trim card\",\"due\":\"2026-12-07\"}");
	int64_t p = append(rel, "payment.due", "{\"amount\":\"500.00\",\"currency\":\"EUR\",\"due\":\"2026-12-20\"}");
	char *u = rel_uid(rel), pay[160], com[160], json[64];
	snprintf(pay, sizeof pay, "payment-%lld@%s", (long long)p, u);
	snprintf(com, sizeof com, "commitment-%lld@%s", (long long)c, u);
	char *before = feed(rel, "buyer"), *ev;
	cr_expect((ev = vevent(before, pay)) != NULL);
	free(ev);
	snprintf(json, sizeof json, "{\"payment\":%lld}", (long long)p);
	append(rel, "payment.paid", json);
	char *after = feed(rel, "buyer");
	cr_expect((ev = vevent(after, pay)) == NULL, "a paid payment is still in the feed");
	free(ev);
	cr_expect((ev = vevent(after, com)) != NULL, "the open commitment is still there");
	free(ev);
	snprintf(json, sizeof json, "{\"commitment\":%lld}", (long long)c);
	append(rel, "commitment.keep", json);
	char *kept = feed(rel, "buyer");
	cr_expect((ev = vevent(kept, com)) == NULL, "a kept commitment is still in the feed");
	free(ev);
	free(before);
	free(after);
	free(kept);
	free(u);
}

Test(feed, lines_fold_at_75_octets_and_never_inside_a_character)
{
	int64_t rel = tu_rel_open(&l, "Xưởng may Nguyễn Thị Lan 陈", "VN", "Asia/Ho_Chi_Minh", T0);
	/* shift the text by 0 to 3 bytes so a fold boundary falls at every
	 * position inside the two- and three-byte characters */
	const char *pads[] = {"", "a", "ab", "abc"};
	for (int i = 0; i < 4; i++) {
		char json[512];
		snprintf(json, sizeof json,
		         "{\"side\":\"partner\",\"what\":\"%sNguyễn Thị Lan and 陈 check every dye lot 陈陈陈陈陈陈陈陈陈陈陈陈陈"
		         "陈陈陈陈陈陈陈陈陈 ễễễễễễễễễễễễễễễễễễễễ\",\"due\":\"2026-12-0%d\"}",
		         pads[i], i + 1);
		append(rel, "commitment.add", json);
	}
	char *text = feed(rel, "buyer");
	size_t folds = 0;
	for (const char *line = text; *line;) {
		const char *end = strstr(line, "\r\n");
		cr_assert(end, "the text ends without CRLF");
		size_t n = (size_t)(end - line);
		cr_expect(n <= 75, "a line of %zu octets: %.*s", n, (int)n, line);
		cr_expect(utf8_valid(line, n), "a line is not UTF-8 on its own (folded inside a character): %.*s", (int)n,
		          line);
		folds += *line == ' ';
		line = end + 2;
	}
	cr_expect(folds > 8);
	/* unfolded, every text is whole */
	char *u = unfold(text);
	for (int i = 0; i < 4; i++) {
		char want[512];
		snprintf(want, sizeof want,
		         "SUMMARY:Due from Xưởng may Nguyễn Thị Lan 陈: %sNguyễn Thị Lan and 陈 check every dye lot "
		         "陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈陈 ễễễễễễễễễễễễễễễễễễễễ\r\n",
		         pads[i]);
		cr_expect(strstr(u, want), "not found unfolded: %s", want);
	}
	free(u);
	free(text);
}

/* The offset the feed's VTIMEZONE gives at instant t, through libical. */
static int vtimezone_offset(icaltimezone *tz, int64_t t)
{
	int dst;
	icaltimetype utc = icaltime_from_timet_with_zone((time_t)t, 0, icaltimezone_get_utc_timezone());
	return icaltimezone_get_utc_offset_of_utc_time(tz, &utc, &dst);
}

Test(feed, the_vtimezone_gives_the_system_zoneinfo_offsets)
{
	const char *zones[] = {"Asia/Shanghai", "Europe/London", "America/Mexico_City", "Europe/Lisbon",
	                       "America/New_York", "Asia/Dhaka", "Australia/Sydney", "Asia/Kathmandu"};
	for (size_t z = 0; z < sizeof zones / sizeof zones[0]; z++) {
		struct err e = {0};
		int64_t rel = tu_rel_open(&l, "Factory", "CN", zones[z], T0);
		char *text = feed(rel, "buyer");
		icalcomponent *cal = icalparser_parse_string(text);
		cr_assert(cal, "libical does not read its own feed");
		icalcomponent *vtz = icalcomponent_get_first_component(cal, ICAL_VTIMEZONE_COMPONENT);
		cr_assert(vtz);
		cr_expect_str_eq(icalproperty_get_tzid(icalcomponent_get_first_property(vtz, ICAL_TZID_PROPERTY)), zones[z]);
		icaltimezone *tz = icaltimezone_new();
		cr_assert(icaltimezone_set_component(tz, icalcomponent_new_clone(vtz)));
		struct zone *zc;
		cr_assert(zone_load(zones[z], &zc, &e) == 0, "%s", e.msg);
		/* every 6 hours through 2026-2028: both sides of every change */
		for (int64_t t = 1767225600; t < 1861920000; t += 6 * 3600) {
			struct zone_local want;
			zone_at(zc, t, &want);
			int got = vtimezone_offset(tz, t);
			if (got != want.utoff) {
				cr_expect_eq(got, want.utoff, "%s at %lld: VTIMEZONE %d, zoneinfo %d", zones[z], (long long)t, got,
				             want.utoff);
				break;
			}
		}
		zone_free(zc);
		icaltimezone_free(tz, 1);
		icalcomponent_free(cal);
		free(text);
	}
}

Test(feed, the_cadence_is_a_weekly_event_at_its_local_time)
{
	int64_t rel = tu_rel_open(&l, "Dongguan Evergreen Knitwear", "CN", "Asia/Shanghai", T0);
	append(rel, "settings", "{\"cadence\":\"weekly:MON,THU@15:30\"}");
	char *text = feed(rel, "buyer"), *u = rel_uid(rel), want[160];
	snprintf(want, sizeof want, "cadence@%s", u);
	char *ev = vevent(text, want);
	cr_assert(ev);
	/* agreed on Monday 2025-12-01 at 09:00 Shanghai time: that Monday is the first */
	cr_expect(strstr(ev, "\r\nDTSTART;TZID=Asia/Shanghai:20251201T153000\r\n"), "%s", ev);
	cr_expect(strstr(ev, "\r\nRRULE:FREQ=WEEKLY;BYDAY=MO,TH\r\n"), "%s", ev);
	cr_expect(strstr(ev, "\r\nDURATION:PT30M\r\n"), "%s", ev);
	free(ev);
	free(text);
	free(u);
}

Test(feed, an_unknown_partner_is_bad_input_naming_partner)
{
	struct err e = {0};
	char *text = (char *)"unchanged";
	cr_expect_eq(feed_calendar(db, 42, "buyer", NOW, &text, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect(strstr(e.msg, "--partner") != NULL, "%s", e.msg);
	cr_expect(text == NULL);
}

Test(feed, tokens_are_43_url_safe_characters_and_never_repeat)
{
	struct err e = {0};
	char a[FEED_TOKEN_LEN + 1], b[FEED_TOKEN_LEN + 1];
	cr_assert(feed_token_new(a, &e) == 0 && feed_token_new(b, &e) == 0);
	cr_expect_eq(strlen(a), 43);
	cr_expect_eq(strspn(a, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"), 43);
	cr_expect_str_neq(a, b);
}

/* How many times line (without CRLF) is a whole line of text. */
static int lines(const char *text, const char *line)
{
	char want[200];
	snprintf(want, sizeof want, "\r\n%s\r\n", line);
	int n = 0;
	for (const char *p = text; (p = strstr(p, want)); p += 2)
		n++;
	return n;
}

Test(feed, one_calendar_for_many_relationships_holds_each_ones_events_and_the_buyers_days_once)
{
	struct err e = {0};
	int64_t a = tu_rel_open(&l, "Dongguan Evergreen Knitwear", "CN", "Asia/Shanghai", T0);
	int64_t b = tu_rel_open(&l, "Saigon Loom Garments", "VN", "Asia/Ho_Chi_Minh", T0);
	int64_t c = tu_rel_open(&l, "Ningbo Purl", "CN", "Asia/Shanghai", T0);
	int64_t ca = append(a, "commitment.add", "{\"side\":\"partner\",\"what\":\"Send the trim card\",\"due\":\"2026-12-07\"}");
	int64_t pb = append(b, "payment.due", "{\"amount\":\"12500.00\",\"currency\":\"USD\",\"due\":\"2027-04-14\"}");
	char *ua = rel_uid(a), *ub = rel_uid(b), *uc = rel_uid(c), want[200];

	/* one relationship: feed_calendar's text, byte for byte */
	char *one = feed(a, "partner"), *many;
	cr_assert(feed_calendar_many(db, &a, 1, "partner", NOW, &many, &e) == 0, "%s", e.msg);
	cr_expect_str_eq(many, one);
	free(many);
	free(one);

	int64_t rels[] = {a, b, c};
	cr_assert(feed_calendar_many(db, rels, 3, "buyer", NOW, &many, &e) == 0, "%s", e.msg);
	char *text = unfold(many);
	cr_expect_eq(lines(text, "X-WR-CALNAME:Rapport: Linden & Rowe and 3 partners"), 1);
	cr_expect_eq(lines(text, "X-WR-TIMEZONE:Europe/London"), 1);
	/* each zone's VTIMEZONE once: two partners share Shanghai's */
	cr_expect_eq(lines(text, "BEGIN:VTIMEZONE"), 2);
	cr_expect_eq(lines(text, "TZID:Asia/Shanghai"), 1);
	cr_expect_eq(lines(text, "TZID:Asia/Ho_Chi_Minh"), 1);
	/* each relationship's own events under its own UIDs */
	snprintf(want, sizeof want, "UID:commitment-%lld@%s", (long long)ca, ua);
	cr_expect_eq(lines(text, want), 1, "%s", want);
	snprintf(want, sizeof want, "UID:payment-%lld@%s", (long long)pb, ub);
	cr_expect_eq(lines(text, want), 1, "%s", want);
	const char *uids[] = {ua, ub, uc};
	for (int i = 0; i < 3; i++) {
		snprintf(want, sizeof want, "UID:cadence@%s", uids[i]);
		cr_expect_eq(lines(text, want), 1, "%s", want);
	}
	/* Spring Festival 2027 at both Chinese partners, Tet at the Vietnamese */
	snprintf(want, sizeof want, "UID:holiday-partner-CN-2027-02-06@%s", ua);
	cr_expect_eq(lines(text, want), 1, "%s", want);
	snprintf(want, sizeof want, "UID:holiday-partner-CN-2027-02-06@%s", uc);
	cr_expect_eq(lines(text, want), 1, "%s", want);
	snprintf(want, sizeof want, "UID:holiday-partner-VN-2027-02-06@%s", ub);
	cr_expect_eq(lines(text, want), 1, "%s", want);
	/* Christmas at the buyer once, under the first relationship's UID */
	snprintf(want, sizeof want, "UID:holiday-buyer-GB-2026-12-25@%s", ua);
	cr_expect_eq(lines(text, want), 1, "%s", want);
	snprintf(want, sizeof want, "UID:holiday-buyer-GB-2026-12-25@%s", ub);
	cr_expect_eq(lines(text, want), 0, "%s", want);
	snprintf(want, sizeof want, "UID:holiday-buyer-GB-2026-12-25@%s", uc);
	cr_expect_eq(lines(text, want), 0, "%s", want);
	/* this year's and next year's, not three times each */
	cr_expect_eq(lines(text, "SUMMARY:Linden & Rowe: Christmas Day\\, day off"), 2);
	free(text);
	free(many);

	/* none: an empty calendar named after the buyer */
	cr_assert(feed_calendar_many(db, NULL, 0, "buyer", NOW, &many, &e) == 0, "%s", e.msg);
	cr_expect_eq(lines(many, "X-WR-CALNAME:Rapport: Linden & Rowe"), 1);
	cr_expect_null(strstr(many, "BEGIN:VEVENT"));
	free(many);
	free(ua);
	free(ub);
	free(uc);
}
