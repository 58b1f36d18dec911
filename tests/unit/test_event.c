/* test_event.c - the canonical envelope and its hash against values worked
 * out independently (printf | sha256sum, shown in docs/ledger.md), body
 * validation, and a walk of the event-kind table. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "event.h"
#include "project.h"
#include "util/jcs.h"

#define UID "6f1c3f0e-2b7a-4c1d-9e8f-0123456789ab"
#define BODY1 "{\"buyer\":{\"country\":\"GB\",\"name\":\"Linden & Rowe\",\"tz\":\"Europe/London\"}," \
              "\"city\":\"Dongguan\",\"country\":\"CN\",\"name\":\"东莞长青针织\",\"tz\":\"Asia/Shanghai\"}"
#define BODY2 "{\"by\":\"partner\",\"kind\":\"call\",\"note\":\"Line 1\\nsaid \\\"ok\\\"\"}"
/* (head -c 32 /dev/zero; printf '%s' "$envelope1") | sha256sum */
#define HASH1 "b6ed602d2afff46772322623774f46913c3c2a11e8cbb789c696a1ee16eb518f"
/* (printf '%s' $HASH1 | xxd -r -p; printf '%s' "$envelope2") | sha256sum */
#define HASH2 "ecfb21f313627bb5f9ae19baa3d6910c3bc1ef323a4d838fdabed9048e7551e7"

static struct event make(int64_t seq, const char *kind, int64_t at, const char *body)
{
	struct event ev = {
		.rel_uid = UID, .seq = seq, .kind = kind, .kind_len = strlen(kind), .at = at, .recorded = at + 3600,
		.side = "buyer", .side_len = 5, .author = "Maya Okafor", .author_len = 11,
		.body = body, .body_len = strlen(body),
	};
	return ev;
}

static void hex(const unsigned char *h, char out[65])
{
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", h[i]);
}

Test(event, envelope_bytes_are_the_documented_layout)
{
	struct event ev = make(1, "relationship.open", 1764547200, BODY1);
	struct buf b = BUF_INIT;
	event_envelope(&b, &ev);
	cr_expect_str_eq(b.data, "{\"at\":1764547200,\"author\":\"Maya Okafor\",\"body\":" BODY1
	                         ",\"kind\":\"relationship.open\",\"recorded\":1764550800,\"rel\":\"" UID
	                         "\",\"seq\":1,\"side\":\"buyer\"}");
	buf_release(&b);
}

Test(event, chain_hashes_match_independent_sha256sum)
{
	struct sha256 *h = sha256_new();
	struct buf scratch = BUF_INIT;
	char got[65];
	struct event e1 = make(1, "relationship.open", 1764547200, BODY1);
	memset(e1.prev_hash, 0, 32);
	event_hash(h, &scratch, &e1, e1.hash);
	hex(e1.hash, got);
	cr_expect_str_eq(got, HASH1);

	struct event e2 = make(2, "contact", 1764633600, BODY2);
	memcpy(e2.prev_hash, e1.hash, 32);
	event_hash(h, &scratch, &e2, e2.hash);
	hex(e2.hash, got);
	cr_expect_str_eq(got, HASH2);

	/* one byte of the body changed: a different hash */
	char altered[] = BODY2;
	altered[strlen(altered) - 3] = 'K';
	e2.body = altered;
	unsigned char again[32];
	event_hash(h, &scratch, &e2, again);
	cr_expect(memcmp(again, e2.hash, 32) != 0);
	buf_release(&scratch);
	sha256_release(h);
}

/* Validates body (JSON text) as kind and returns the error message. */
static const char *invalid(const char *kind, const char *body)
{
	static struct err e;
	err_clear(&e);
	json_t *v = json_loads(body, 0, NULL);
	cr_assert(v != NULL, "test body does not parse: %s", body);
	int r = event_validate(kind, v, &e);
	json_decref(v);
	cr_assert_eq(r, -1, "%s was accepted", body);
	cr_assert_eq(e.code, ERR_INPUT);
	return e.msg;
}

Test(event, validation_names_the_field)
{
	cr_expect_str_eq(invalid("contact", "{\"kind\":\"call\"}"), "by: required");
	cr_expect_str_eq(invalid("contact", "{\"by\":\"factory\",\"kind\":\"call\"}"), "by: must be one of buyer|partner");
	cr_expect_str_eq(invalid("contact", "{\"by\":\"buyer\",\"kind\":\"fax\"}"),
	                 "kind: must be one of call|video|message|email|meeting|visit");
	cr_expect_str_eq(invalid("contact", "{\"by\":\"buyer\",\"kind\":\"call\",\"mood\":\"good\"}"), "mood: unknown field");
	cr_expect_str_eq(invalid("contact", "{\"by\":\"buyer\",\"kind\":\"call\",\"note\":null}"),
	                 "note: omit the field rather than give null");
	cr_expect_str_eq(invalid("contact", "{\"by\":\"buyer\",\"kind\":\"call\",\"note\":1.5}"), "note: must be a string");
	cr_expect_str_eq(invalid("contact", "{\"by\":\"buyer\",\"kind\":\"call\",\"note\":\"  \"}"),
	                 "note: must not be empty");
	cr_expect_str_eq(invalid("contact", "[]"), "body: must be a JSON object");
	cr_expect_str_eq(invalid("nonsense", "{}"), "kind: unknown event kind \"nonsense\"");
	cr_expect_str_eq(invalid("relationship.open",
	                         "{\"name\":\"X\",\"country\":\"XX\",\"tz\":\"Asia/Shanghai\",\"buyer\":{}}"),
	                 "country: \"XX\" is not an ISO 3166-1 alpha-2 country code (e.g. CN)");
	cr_expect_str_eq(invalid("relationship.open",
	                         "{\"name\":\"X\",\"country\":\"CN\",\"tz\":\"Asia/Shanghai\","
	                         "\"buyer\":{\"name\":\"B\",\"country\":\"GB\",\"tz\":\"Europe/Londres\"}}"),
	                 "buyer.tz: \"Europe/Londres\" is not a time zone in the system zoneinfo (e.g. Asia/Shanghai)");
	cr_expect_str_eq(invalid("relationship.open",
	                         "{\"name\":\"Tab\\there\",\"country\":\"CN\",\"tz\":\"Asia/Shanghai\",\"buyer\":{}}"),
	                 "name: a tab at byte 3 (this field takes none)");
}

Test(event, notes_may_span_lines_and_are_bounded)
{
	json_t *v = json_pack("{s:s, s:s, s:s}", "by", "buyer", "kind", "visit", "note", "line 1\nline 2\ttab");
	struct err e = {0};
	cr_expect_eq(event_validate("contact", v, &e), 0, "%s", e.msg);
	char *longnote = malloc(4002);
	memset(longnote, 'x', 4001);
	longnote[4001] = '\0';
	json_object_set_new(v, "note", json_string(longnote));
	cr_expect_eq(event_validate("contact", v, &e), -1);
	cr_expect_str_eq(e.msg, "note: longer than 4000 bytes");
	free(longnote);
	json_decref(v);
}

Test(event, author_and_side_are_checked)
{
	struct err e = {0};
	cr_expect_eq(event_validate_author("buyer", "Maya Okafor", &e), 0);
	cr_expect_eq(event_validate_author("agent", "Maya", &e), -1);
	cr_expect_str_eq(e.msg, "side: must be buyer or partner");
	cr_expect_eq(event_validate_author("partner", "", &e), -1);
	cr_expect_str_eq(e.msg, "author: must not be empty");
	cr_expect_eq(event_validate_author("partner", "\xff\xfe", &e), -1);
	cr_expect_str_eq(e.msg, "author: not valid UTF-8");
}

/* One valid body per kind. A kind added to event_kinds without a sample
 * here fails the walk below. */
static const struct {
	const char *kind, *body;
} samples[] = {
	{"relationship.open", "{\"name\":\"Saigon Loom\",\"country\":\"VN\",\"tz\":\"Asia/Ho_Chi_Minh\","
	                      "\"buyer\":{\"name\":\"Linden & Rowe\",\"country\":\"GB\",\"tz\":\"Europe/London\"}}"},
	{"contact", "{\"note\":\"Agreed the slot: Mon 09:00 ICT\",\"kind\":\"video\",\"by\":\"partner\"}"},
	{"settings", "{\"cadence\":\"weekly:MON,THU@09:00\",\"gap_max\":10,\"freeze_days\":0,\"workweek\":\"SAT-THU\","
	             "\"hours\":\"08:00-17:00\"}"},
	{"person.add", "{\"side\":\"partner\",\"name\":\"Nguyễn Thị Lan\",\"role\":\"qc\",\"lang\":\"vi\"}"},
	{"commitment.add", "{\"side\":\"buyer\",\"what\":\"Approve lab dips\",\"due\":\"2026-12-04\"}"},
	{"commitment.keep", "{\"commitment\":4}"},
	{"commitment.renegotiate", "{\"commitment\":4,\"due\":\"2026-12-11\"}"},
	{"commitment.break", "{\"commitment\":4,\"reason\":\"Supplier failed\"}"},
	{"order.add", "{\"po\":\"LR-1\",\"style\":\"Cable crew\",\"qty\":2400,\"price\":\"18.40\",\"currency\":\"USD\","
	              "\"ex_factory\":\"2027-03-15\"}"},
	{"update.submit", "{\"status\":\"at_risk\",\"progress\":45,\"blockers\":\"Yarn late\"}"},
	{"issue.raise", "{\"title\":\"Shade variation\",\"severity\":\"major\",\"responsible\":\"partner\","
	                "\"disclosure\":\"self\"}"},
	{"issue.ack", "{\"issue\":9}"},
	{"issue.action", "{\"issue\":9,\"owner\":\"buyer\",\"what\":\"New lab dip\",\"due\":\"2026-12-02\"}"},
	{"issue.action_done", "{\"action\":11}"},
	{"issue.resolve", "{\"issue\":9,\"note\":\"Re-dyed\"}"},
	{"issue.reopen", "{\"issue\":9}"},
	{"visit.add", "{\"by\":\"buyer\",\"date\":\"2026-11-18\",\"met\":[3]}"},
	{"suggestion.add", "{\"person\":3,\"text\":\"Pre-shrink the rib trims\",\"visit\":15}"},
	{"suggestion.respond", "{\"suggestion\":16,\"outcome\":\"declined\",\"reason\":\"Changes the hand feel\"}"},
	{"spec.publish", "{\"style\":\"Cable crew\",\"version\":\"3\",\"production_start\":\"2027-02-10\"}"},
	{"spec.change", "{\"style\":\"Cable crew\",\"what\":\"Neck rib 2x2\",\"agreed\":true}"},
	{"payment.due", "{\"amount\":\"13248.00\",\"currency\":\"USD\",\"due\":\"2026-11-27\",\"label\":\"deposit\"}"},
	{"payment.paid", "{\"payment\":20}"},
	{"greet", "{\"by\":\"buyer\",\"occasion\":\"Tết 2027\"}"},
	{"closure.add", "{\"from\":\"2027-07-26\",\"to\":\"2027-08-06\",\"reason\":\"Summer shutdown\"}"},
	{"correct", "{\"seq\":2,\"reason\":\"Wrong partner\",\"void\":true}"},
	{"weights.set", "{\"key\":\"payment.late\",\"value\":\"-1.5\"}"},
};

Test(event, every_kind_validates_round_trips_and_projects)
{
	for (size_t i = 0; i < event_nkinds; i++) {
		const struct event_kind *k = &event_kinds[i];
		size_t j = 0;
		while (j < sizeof samples / sizeof samples[0] && strcmp(samples[j].kind, k->name))
			j++;
		cr_assert(j < sizeof samples / sizeof samples[0], "kind %s has no sample body in test_event.c", k->name);
		cr_expect(k->what && *k->what, "kind %s has no description", k->name);
		cr_expect(k->summary != NULL && *k->summary, "kind %s has no summary", k->name);
		cr_expect(project_knows(k->name), "kind %s has no row in project.c", k->name);
		json_t *v = json_loads(samples[j].body, 0, NULL);
		struct err e = {0};
		cr_expect_eq(event_validate(k->name, v, &e), 0, "%s: %s", k->name, e.msg);
		/* canonical -> parse -> canonical is the identity */
		char *c1 = jcs_dump(v);
		json_t *back = json_loads(c1, 0, NULL);
		char *c2 = jcs_dump(back);
		cr_expect_str_eq(c1, c2);
		cr_expect(json_equal(v, back), "%s does not round-trip", k->name);
		free(c1);
		free(c2);
		json_decref(back);
		json_decref(v);
	}
}

Test(event, summary_of_a_contact_shows_the_first_line_of_the_note)
{
	struct event ev = make(2, "contact", 1764633600, BODY2);
	struct buf b = BUF_INIT;
	event_summary(&b, &ev);
	cr_expect_str_eq(b.data, "call by partner: Line 1");
	buf_release(&b);
}

Test(event, bodies_of_the_new_field_types_are_checked)
{
	cr_expect_str_eq(invalid("order.add", "{\"po\":\"1\",\"style\":\"s\",\"qty\":1,\"price\":\"12.5.0\",\"currency\":\"USD\","
	                                      "\"ex_factory\":\"2027-03-15\"}"),
	                 "price: not a positive decimal with at most 4 places (e.g. 12.50): \"12.5.0\"");
	cr_expect_str_eq(invalid("order.add", "{\"po\":\"1\",\"style\":\"s\",\"qty\":1,\"price\":\"0.00\",\"currency\":\"USD\","
	                                      "\"ex_factory\":\"2027-03-15\"}"),
	                 "price: not a positive decimal with at most 4 places (e.g. 12.50): \"0.00\"");
	cr_expect_str_eq(invalid("order.add", "{\"po\":\"1\",\"style\":\"s\",\"qty\":1,\"price\":\"1.5\",\"currency\":\"usd\","
	                                      "\"ex_factory\":\"2027-03-15\"}"),
	                 "currency: \"usd\" is not an ISO 4217 currency code (e.g. USD)");
	cr_expect_str_eq(invalid("order.add", "{\"po\":\"1\",\"style\":\"s\",\"qty\":0,\"price\":\"1.5\",\"currency\":\"USD\","
	                                      "\"ex_factory\":\"2027-03-15\"}"),
	                 "qty: must be an integer from 1 to 100000000");
	cr_expect_str_eq(invalid("commitment.add", "{\"side\":\"buyer\",\"what\":\"x\",\"due\":\"2026-02-30\"}"),
	                 "due: no such date: \"2026-02-30\"");
	cr_expect_str_eq(invalid("person.add", "{\"side\":\"buyer\",\"name\":\"x\",\"role\":\"qc\",\"lang\":\"zz\"}"),
	                 "lang: \"zz\" is not an ISO 639-1 language code (e.g. zh)");
	cr_expect_str_eq(invalid("visit.add", "{\"by\":\"buyer\",\"date\":\"2026-11-18\",\"met\":[3,3]}"),
	                 "met: person 3 is listed twice");
	cr_expect_str_eq(invalid("visit.add", "{\"by\":\"buyer\",\"date\":\"2026-11-18\",\"met\":[]}"),
	                 "met: must be a non-empty list of person ids");
	cr_expect_str_eq(invalid("settings", "{}"), "settings: give at least one field to change");
	cr_expect_str_eq(invalid("settings", "{\"cadence\":\"weekly:MON@24:00\"}"),
	                 "cadence: not a cadence (e.g. weekly:MON@09:00 or weekly:MON,THU@15:30): \"weekly:MON@24:00\"");
	cr_expect_str_eq(invalid("spec.change", "{\"style\":\"s\",\"what\":\"w\",\"agreed\":\"yes\"}"),
	                 "agreed: must be true or false");
	cr_expect_str_eq(invalid("weights.set", "{\"key\":\"payment.late\",\"value\":\"-1.5e3\"}"),
	                 "value: not a number with at most 4 places (e.g. -1.5): \"-1.5e3\"");
	cr_expect_str_eq(invalid("weights.set", "{\"key\":\"payment.late\",\"value\":-1}"),
	                 "value: not a number with at most 4 places (e.g. -1.5): \"\"");
}

Test(event, cadences_parse_to_days_and_minutes)
{
	unsigned days;
	int minutes;
	cr_assert_eq(event_cadence_parse("weekly:MON@09:00", &days, &minutes), 0);
	cr_expect_eq(days, 1u);
	cr_expect_eq(minutes, 540);
	cr_assert_eq(event_cadence_parse("weekly:MON,THU@15:30", &days, &minutes), 0);
	cr_expect_eq(days, 1u | 8u);
	cr_expect_eq(minutes, 930);
	cr_expect_eq(event_cadence_parse("weekly:MON,MON@09:00", &days, &minutes), -1);
	cr_expect_eq(event_cadence_parse("weekly:FUN@09:00", &days, &minutes), -1);
	cr_expect_eq(event_cadence_parse("daily@09:00", &days, &minutes), -1);
	cr_expect_eq(event_cadence_parse("weekly:SUN@9:00", &days, &minutes), -1);
}

Test(event, working_days_and_hours_parse)
{
	unsigned days;
	int from, to;
	/* bit 1 << wday, Sunday 0 */
	cr_assert_eq(event_weekdays_parse("MON-SAT", &days), 0);
	cr_expect_eq(days, 0x7eu);
	cr_assert_eq(event_weekdays_parse("SAT-THU", &days), 0, "a range may wrap past Sunday");
	cr_expect_eq(days, 0x5fu);
	cr_assert_eq(event_weekdays_parse("MON,WED-FRI", &days), 0);
	cr_expect_eq(days, 0x3au);
	cr_assert_eq(event_weekdays_parse("SUN", &days), 0);
	cr_expect_eq(days, 0x01u);
	cr_expect_eq(event_weekdays_parse("MON-FRI,WED", &days), -1, "a day twice");
	cr_expect_eq(event_weekdays_parse("MON-MON", &days), -1);
	cr_expect_eq(event_weekdays_parse("mon-fri", &days), -1);
	cr_expect_eq(event_weekdays_parse("MON-", &days), -1);
	cr_expect_eq(event_weekdays_parse("MON,", &days), -1);
	cr_expect_eq(event_weekdays_parse("", &days), -1);
	cr_assert_eq(event_hours_parse("08:00-17:30", &from, &to), 0);
	cr_expect(from == 8 * 3600 && to == 17 * 3600 + 1800);
	cr_assert_eq(event_hours_parse("00:00-24:00", &from, &to), 0);
	cr_expect(from == 0 && to == 86400);
	cr_expect_eq(event_hours_parse("18:00-09:00", &from, &to), -1, "a night shift is not office hours");
	cr_expect_eq(event_hours_parse("09:00-09:00", &from, &to), -1);
	cr_expect_eq(event_hours_parse("24:00-24:00", &from, &to), -1);
	cr_expect_eq(event_hours_parse("9:00-17:00", &from, &to), -1);
	cr_expect_eq(event_hours_parse("09:60-17:00", &from, &to), -1);
	cr_expect_str_eq(invalid("settings", "{\"workweek\":\"SUN-SAT\"}"),
	                 "workweek: a working week needs a day off: \"SUN-SAT\"");
	cr_expect_str_eq(invalid("settings", "{\"buyer_hours\":\"9-5\"}"),
	                 "buyer_hours: not working hours, start before end (e.g. 08:00-17:30): \"9-5\"");
}

Test(event, summaries_fill_templates_and_drop_absent_parts)
{
	struct buf b = BUF_INIT;
	json_t *v = json_pack("{s:s, s:s}", "by", "buyer", "kind", "call");
	event_summary_body(&b, "contact", v);
	cr_expect_str_eq(b.data, "call by buyer");
	buf_reset(&b);
	json_object_set_new(v, "note", json_string("first line\nsecond"));
	event_summary_body(&b, "contact", v);
	cr_expect_str_eq(b.data, "call by buyer: first line");
	json_decref(v);
	buf_reset(&b);
	v = json_pack("{s:s, s:i}", "cadence", "weekly:MON@09:00", "gap_max", 10);
	event_summary_body(&b, "settings", v);
	cr_expect_str_eq(b.data, "settings: cadence weekly:MON@09:00, at most 10 d");
	json_decref(v);
	/* without the first part the list still reads "settings: ..." */
	buf_reset(&b);
	v = json_pack("{s:s, s:s}", "workweek", "MON-FRI", "buyer_hours", "08:00-16:30");
	event_summary_body(&b, "settings", v);
	cr_expect_str_eq(b.data, "settings: partner works MON-FRI, buyer hours 08:00-16:30");
	json_decref(v);
	buf_release(&b);
}
