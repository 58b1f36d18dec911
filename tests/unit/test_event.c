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
	                 "name: control character at byte 3");
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
		cr_expect(k->summary != NULL, "kind %s has no summary", k->name);
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
