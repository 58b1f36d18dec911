/* fuzz_event.c - libFuzzer harness for event.c: arbitrary bytes decoded
 * as a stored event body would be (event_summary parses it), then, when
 * they are JSON, validated against every event kind's schema; a body that
 * validates must canonicalise (RFC 8785) to bytes that parse back to the
 * same body and canonicalise to themselves, and summarise. Strings in the
 * input are also read as cadences, working days and hours. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "event.h"
#include "util/buf.h"
#include "util/jcs.h"

static void fail(const char *why, const char *a, const char *b)
{
	fprintf(stderr, "fuzz_event: %s\n  %s\n  %s\n", why, a, b ? b : "");
	abort();
}

/* The canonical bytes of a valid body parse back to it and are a fixed point. */
static void check_canonical(const json_t *body)
{
	struct buf c1 = BUF_INIT, c2 = BUF_INIT;
	jcs_write(&c1, body);
	json_error_t je;
	json_t *back = json_loadb(c1.data, c1.len, 0, &je);
	if (!back)
		fail("canonical bytes do not parse", c1.data, je.text);
	if (!json_equal(back, (json_t *)body))
		fail("canonical bytes parse to another body", c1.data, NULL);
	jcs_write(&c2, back);
	if (c1.len != c2.len || memcmp(c1.data, c2.data, c1.len))
		fail("canonicalising twice changes the bytes", c1.data, c2.data);
	json_decref(back);
	buf_release(&c1);
	buf_release(&c2);
}

static void strings(const json_t *v)
{
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		unsigned days;
		int a, b;
		event_cadence_parse(s, &days, &a);
		event_weekdays_parse(s, &days);
		event_hours_parse(s, &a, &b);
		return;
	}
	const char *key;
	json_t *x;
	size_t i;
	if (json_is_object(v))
		json_object_foreach((json_t *)v, key, x) strings(x);
	else if (json_is_array(v))
		json_array_foreach(v, i, x) strings(x);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	/* as a stored body, whatever it holds */
	for (size_t k = 0; k < event_nkinds; k += 7) {
		struct event ev = {.kind = event_kinds[k].name, .kind_len = strlen(event_kinds[k].name),
		                   .body = (const char *)data, .body_len = size};
		buf_reset(&out);
		event_summary(&out, &ev);
	}
	json_t *v = json_loadb((const char *)data, size, JSON_DECODE_ANY, NULL);
	if (!v) {
		buf_release(&out);
		return 0;
	}
	strings(v);
	/* {"kind": K, "body": B} names its kind; any other value is tried as
	 * the body of every kind */
	const char *kind = json_string_value(json_object_get(v, "kind"));
	json_t *body = json_object_get(v, "body");
	for (size_t k = 0; k < event_nkinds; k++) {
		const char *name = event_kinds[k].name;
		const json_t *b = kind && body ? body : v;
		if (kind && body && strcmp(kind, name))
			continue;
		struct err e;
		if (event_validate(name, b, &e) == 0) {
			check_canonical(b);
			buf_reset(&out);
			event_summary_body(&out, name, b);
		} else if (e.code != ERR_INPUT) {
			fail("a refusal that is not bad input", name, e.msg);
		}
	}
	if (kind && body) {
		struct err e;
		event_validate(kind, body, &e);
	}
	json_decref(v);
	buf_release(&out);
	return 0;
}
