/* event.c - the table of event kinds with their body schemas, validation of
 * bodies and the canonical envelope that the hash chain covers. Adding a
 * kind is adding a row here (and, when it feeds a table, one in project.c). */
#include "event.h"

#include <stdio.h>
#include <string.h>

#include "util/country.h"
#include "util/jcs.h"
#include "util/time.h"
#include "util/utf8.h"

const char *const event_sides[] = {"buyer", "partner", NULL};
const char *const event_contact_kinds[] = {"call", "video", "message", "email", "meeting", "visit", NULL};

#define NAME_MAX_BYTES 200
#define NOTE_MAX_BYTES 4000

static const struct field party_fields[] = {
	{.name = "name", .type = F_TEXT, .required = 1, .maxlen = NAME_MAX_BYTES},
	{.name = "country", .type = F_COUNTRY, .required = 1},
	{.name = "tz", .type = F_ZONE, .required = 1},
	{.name = "city", .type = F_TEXT, .maxlen = NAME_MAX_BYTES},
	{0},
};

/* The first event of every chain names both parties, so an exported chain
 * says on its own whose relationship it is. Partner fields sit at the top
 * level because they come from the user; the buyer's from the database. */
static const struct field relationship_open_fields[] = {
	{.name = "name", .type = F_TEXT, .required = 1, .maxlen = NAME_MAX_BYTES},
	{.name = "country", .type = F_COUNTRY, .required = 1},
	{.name = "tz", .type = F_ZONE, .required = 1},
	{.name = "city", .type = F_TEXT, .maxlen = NAME_MAX_BYTES},
	{.name = "buyer", .type = F_OBJECT, .required = 1, .fields = party_fields},
	{0},
};

static const struct field contact_fields[] = {
	{.name = "by", .type = F_ENUM, .required = 1, .values = event_sides},
	{.name = "kind", .type = F_ENUM, .required = 1, .values = event_contact_kinds},
	{.name = "note", .type = F_NOTE, .maxlen = NOTE_MAX_BYTES},
	{0},
};

static const char *str(const json_t *body, const char *key)
{
	const char *s = json_string_value(json_object_get(body, key));
	return s ? s : "";
}

static void summary_relationship_open(struct buf *out, const json_t *body)
{
	buf_printf(out, "relationship opened: %s and %s (%s, %s)", str(json_object_get(body, "buyer"), "name"),
	           str(body, "name"), str(body, "country"), str(body, "tz"));
}

static void summary_contact(struct buf *out, const json_t *body)
{
	buf_printf(out, "%s by %s", str(body, "kind"), str(body, "by"));
	const char *note = str(body, "note");
	if (*note) {
		buf_adds(out, ": ");
		/* first line only, at most 60 bytes without splitting a character */
		size_t n = strcspn(note, "\n");
		if (n > 60) {
			n = 60;
			while (n > 0 && ((unsigned char)note[n] & 0xC0) == 0x80)
				n--;
			buf_add(out, note, n);
			buf_adds(out, "...");
		} else {
			buf_add(out, note, n);
		}
	}
}

const struct event_kind event_kinds[] = {
	{"relationship.open", "a buyer and a partner start their shared record", relationship_open_fields,
	 summary_relationship_open},
	{"contact", "an interaction: call, video, message, email, meeting or visit", contact_fields,
	 summary_contact},
};

const size_t event_nkinds = sizeof event_kinds / sizeof event_kinds[0];

const struct event_kind *event_kind_find(const char *name)
{
	for (size_t i = 0; i < event_nkinds; i++)
		if (!strcmp(event_kinds[i].name, name))
			return &event_kinds[i];
	return NULL;
}

int event_in(const char *s, const char *const *values)
{
	for (; *values; values++)
		if (!strcmp(s, *values))
			return 1;
	return 0;
}

static void join_values(char *out, size_t size, const char *const *values)
{
	size_t n = 0;
	out[0] = '\0';
	for (; *values && n < size; values++)
		n += (size_t)snprintf(out + n, size - n, "%s%s", n ? "|" : "", *values);
}

/* Text must be non-blank; F_TEXT refuses every control character, F_NOTE
 * allows newlines and tabs. */
static int check_text(const char *path, const char *s, size_t len, const struct field *f, struct err *e)
{
	if (len > f->maxlen)
		return err_set(e, ERR_INPUT, "%s: longer than %zu bytes", path, f->maxlen);
	int blank = 1;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7f) {
			if (f->type == F_NOTE && (c == '\n' || c == '\t' || c == '\r'))
				continue;
			return err_set(e, ERR_INPUT, "%s: control character at byte %zu", path, i);
		}
		if (c != ' ')
			blank = 0;
	}
	if (blank)
		return err_set(e, ERR_INPUT, "%s: must not be empty", path);
	return 0;
}

static int validate_fields(const char *prefix, const struct field *fields, const json_t *obj, struct err *e);

static int validate_value(const char *path, const struct field *f, const json_t *v, struct err *e)
{
	char list[256];
	switch (f->type) {
	case F_TEXT:
	case F_NOTE:
		if (!json_is_string(v))
			return err_set(e, ERR_INPUT, "%s: must be a string", path);
		return check_text(path, json_string_value(v), json_string_length(v), f, e);
	case F_ENUM:
		if (!json_is_string(v) || !event_in(json_string_value(v), f->values)) {
			join_values(list, sizeof list, f->values);
			return err_set(e, ERR_INPUT, "%s: must be one of %s", path, list);
		}
		return 0;
	case F_COUNTRY: {
		if (!json_is_string(v))
			return err_set(e, ERR_INPUT, "%s: must be a string", path);
		int r = country_lookup(json_string_value(v), NULL, 0, e);
		if (r < 0)
			return -1;
		if (r == 0)
			return err_set(e, ERR_INPUT, "%s: \"%s\" is not an ISO 3166-1 alpha-2 country code (e.g. CN)",
			               path, json_string_value(v));
		return 0;
	}
	case F_ZONE:
		if (!json_is_string(v) || !time_zone_valid(json_string_value(v)))
			return err_set(e, ERR_INPUT, "%s: \"%s\" is not a time zone in the system zoneinfo (e.g. Asia/Shanghai)",
			               path, json_is_string(v) ? json_string_value(v) : "");
		return 0;
	case F_INT:
		if (!json_is_integer(v) || json_integer_value(v) < f->min || json_integer_value(v) > f->max)
			return err_set(e, ERR_INPUT, "%s: must be an integer from %lld to %lld", path, f->min, f->max);
		return 0;
	case F_OBJECT:
		if (!json_is_object(v))
			return err_set(e, ERR_INPUT, "%s: must be an object", path);
		return validate_fields(path, f->fields, v, e);
	}
	return err_set(e, ERR_INPUT, "%s: unknown field type", path);
}

/* "prefix.key", or "key" at the top level. */
static const char *field_path(char *out, size_t size, const char *prefix, const char *key)
{
	if (!*prefix)
		return key;
	snprintf(out, size, "%s.%s", prefix, key);
	return out;
}

static int validate_fields(const char *prefix, const struct field *fields, const json_t *obj, struct err *e)
{
	char buf[128];
	const char *key, *path;
	json_t *v;
	json_object_foreach((json_t *)obj, key, v) {
		const struct field *f = fields;
		while (f->name && strcmp(f->name, key))
			f++;
		path = field_path(buf, sizeof buf, prefix, key);
		if (!f->name)
			return err_set(e, ERR_INPUT, "%s: unknown field", path);
		if (json_is_null(v) && !f->required)
			return err_set(e, ERR_INPUT, "%s: omit the field rather than give null", path);
		if (validate_value(path, f, v, e))
			return -1;
	}
	for (const struct field *f = fields; f->name; f++)
		if (f->required && !json_object_get(obj, f->name))
			return err_set(e, ERR_INPUT, "%s: required", field_path(buf, sizeof buf, prefix, f->name));
	return 0;
}

int event_validate(const char *kind, const json_t *body, struct err *e)
{
	const struct event_kind *k = event_kind_find(kind);
	if (!k)
		return err_set(e, ERR_INPUT, "kind: unknown event kind \"%s\"", kind);
	if (!json_is_object(body))
		return err_set(e, ERR_INPUT, "body: must be a JSON object");
	return validate_fields("", k->fields, body, e);
}

int event_validate_party(const char *prefix, const json_t *party, struct err *e)
{
	return validate_fields(prefix, party_fields, party, e);
}

int event_validate_author(const char *side, const char *author, struct err *e)
{
	if (!event_in(side, event_sides))
		return err_set(e, ERR_INPUT, "side: must be buyer or partner");
	static const struct field author_field = {.name = "author", .type = F_TEXT, .maxlen = NAME_MAX_BYTES};
	size_t len = strlen(author);
	if (!utf8_valid(author, len))
		return err_set(e, ERR_INPUT, "author: not valid UTF-8");
	return check_text("author", author, len, &author_field, e);
}

void event_envelope(struct buf *out, const struct event *ev)
{
	/* Keys in RFC 8785 order; the body is already canonical and goes in
	 * verbatim, so any change to its stored bytes changes the hash. */
	buf_adds(out, "{\"at\":");
	jcs_int(out, ev->at);
	buf_adds(out, ",\"author\":");
	jcs_string(out, ev->author, ev->author_len);
	buf_adds(out, ",\"body\":");
	buf_add(out, ev->body, ev->body_len);
	buf_adds(out, ",\"kind\":");
	jcs_string(out, ev->kind, ev->kind_len);
	buf_adds(out, ",\"recorded\":");
	jcs_int(out, ev->recorded);
	buf_adds(out, ",\"rel\":");
	jcs_string(out, ev->rel_uid, strlen(ev->rel_uid));
	buf_adds(out, ",\"seq\":");
	jcs_int(out, ev->seq);
	buf_adds(out, ",\"side\":");
	jcs_string(out, ev->side, ev->side_len);
	buf_addc(out, '}');
}

void event_hash(struct sha256 *h, struct buf *scratch, const struct event *ev, unsigned char out[SHA256_LEN])
{
	buf_reset(scratch);
	event_envelope(scratch, ev);
	sha256_two(h, ev->prev_hash, SHA256_LEN, scratch->data, scratch->len, out);
}

void event_summary(struct buf *out, const struct event *ev)
{
	const struct event_kind *k = event_kind_find(ev->kind);
	json_t *body = json_loadb(ev->body, ev->body_len, 0, NULL);
	if (k && k->summary && json_is_object(body))
		k->summary(out, body);
	else
		buf_add(out, ev->kind, ev->kind_len);
	json_decref(body);
}
