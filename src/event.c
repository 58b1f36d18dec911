/* event.c - the table of event kinds with their body schemas, validation of
 * bodies, summaries, and the canonical envelope that the hash chain covers.
 * Adding a kind is adding a row here and one in project.c. No SQL, no I/O
 * beyond the iso-codes tables read by util/iso.c. */
#include "event.h"

#include <stdio.h>
#include <string.h>

#include "util/buf.h"
#include "util/iso.h"
#include "util/jcs.h"
#include "util/time.h"
#include "util/utf8.h"

const char *const event_sides[] = {"buyer", "partner", NULL};
const char *const event_contact_kinds[] = {"call", "video", "message", "email", "meeting", "visit", NULL};
const char *const event_roles[] = {"manager", "line_worker", "qc", "merchandiser", "sourcing", "owner", "other", NULL};
const char *const event_update_statuses[] = {"on_track", "at_risk", "late", "blocked", NULL};
const char *const event_severities[] = {"minor", "major", "critical", NULL};
const char *const event_disclosures[] = {"self", "discovered", NULL};
const char *const event_outcomes[] = {"acknowledged", "adopted", "declined", NULL};

#define NAME_MAX_BYTES 200
#define NOTE_MAX_BYTES 4000

/* Shorthands for the tables below. */
#define TEXT(n, req) {.name = n, .type = F_TEXT, .required = req, .maxlen = NAME_MAX_BYTES}
#define NOTE(n, req) {.name = n, .type = F_NOTE, .required = req, .maxlen = NOTE_MAX_BYTES}
#define ENUM(n, req, v) {.name = n, .type = F_ENUM, .required = req, .values = v}
#define REF(n, req, ent) {.name = n, .type = F_REF, .required = req, .entity = ent}
#define DATE(n, req) {.name = n, .type = F_DATE, .required = req}
#define INT(n, req, lo, hi) {.name = n, .type = F_INT, .required = req, .min = lo, .max = hi}
#define TYPED(n, req, t) {.name = n, .type = t, .required = req}

static const struct field party_fields[] = {
	TEXT("name", 1), TYPED("country", 1, F_COUNTRY), TYPED("tz", 1, F_ZONE), TEXT("city", 0), {0},
};

/* The first event of every chain names both parties, so an exported chain
 * says on its own whose relationship it is. Partner fields sit at the top
 * level because they come from the user; the buyer's from the database. */
static const struct field relationship_open_fields[] = {
	TEXT("name", 1), TYPED("country", 1, F_COUNTRY), TYPED("tz", 1, F_ZONE), TEXT("city", 0),
	{.name = "buyer", .type = F_OBJECT, .required = 1, .fields = party_fields},
	{0},
};

/* Every member is optional; a settings event changes those it names. */
static const struct field settings_fields[] = {
	TYPED("cadence", 0, F_CADENCE),
	INT("gap_ideal", 0, 1, 365),     /* days */
	INT("gap_max", 0, 1, 730),       /* days */
	INT("ack_sla", 0, 1, 720),       /* hours */
	INT("freeze_days", 0, 0, 365),
	INT("payment_terms", 0, 0, 365), /* days after ex-factory */
	INT("deposit_pct", 0, 0, 100),
	TYPED("workweek", 0, F_WEEKDAYS),       /* the partner's working days, overriding its country's */
	TYPED("hours", 0, F_HOURS),             /* the partner's working hours, local */
	TYPED("buyer_workweek", 0, F_WEEKDAYS), /* the buyer's, for meeting slots */
	TYPED("buyer_hours", 0, F_HOURS),
	{0},
};

static const struct field closure_fields[] = {DATE("from", 1), DATE("to", 1), TEXT("reason", 1), {0}};

static const struct field contact_fields[] = {
	ENUM("by", 1, event_sides), ENUM("kind", 1, event_contact_kinds), NOTE("note", 0), {0},
};

static const struct field person_fields[] = {
	ENUM("side", 1, event_sides), TEXT("name", 1), ENUM("role", 1, event_roles), TYPED("lang", 0, F_LANG), {0},
};

static const struct field commitment_fields[] = {
	ENUM("side", 1, event_sides), TEXT("what", 1), DATE("due", 1), REF("order", 0, "order"),
	TEXT("milestone", 0), {0},
};

static const struct field commitment_ref_fields[] = {REF("commitment", 1, "commitment"), {0}};
static const struct field renegotiate_fields[] = {REF("commitment", 1, "commitment"), DATE("due", 1), {0}};
static const struct field break_fields[] = {REF("commitment", 1, "commitment"), NOTE("reason", 0), {0}};

static const struct field order_fields[] = {
	TEXT("po", 1), TEXT("style", 1), INT("qty", 1, 1, 100000000), TYPED("price", 1, F_DECIMAL),
	TYPED("currency", 1, F_CURRENCY), DATE("ex_factory", 1), {0},
};

static const struct field update_fields[] = {
	ENUM("status", 1, event_update_statuses), INT("progress", 1, 0, 100), NOTE("next", 0),
	NOTE("blockers", 0), NOTE("needs", 0), {0},
};

static const struct field issue_fields[] = {
	TEXT("title", 1), ENUM("severity", 1, event_severities), ENUM("responsible", 1, event_sides),
	ENUM("disclosure", 1, event_disclosures), NOTE("note", 0), {0},
};

static const struct field issue_ref_fields[] = {REF("issue", 1, "issue"), {0}};
static const struct field issue_note_fields[] = {REF("issue", 1, "issue"), NOTE("note", 0), {0}};
static const struct field action_fields[] = {
	REF("issue", 1, "issue"), ENUM("owner", 1, event_sides), TEXT("what", 1), DATE("due", 1), {0},
};
static const struct field action_ref_fields[] = {REF("action", 1, "action"), {0}};

static const struct field visit_fields[] = {
	ENUM("by", 1, event_sides), DATE("date", 1), {.name = "met", .type = F_REFS, .entity = "person"},
	NOTE("note", 0), {0},
};

static const struct field suggestion_fields[] = {
	REF("person", 1, "person"), NOTE("text", 1), REF("visit", 0, "visit"), {0},
};

static const struct field respond_fields[] = {
	REF("suggestion", 1, "suggestion"), ENUM("outcome", 1, event_outcomes), NOTE("reason", 0), {0},
};

static const struct field spec_fields[] = {TEXT("style", 1), TEXT("version", 1), DATE("production_start", 1), {0}};
static const struct field spec_change_fields[] = {TEXT("style", 1), NOTE("what", 1), TYPED("agreed", 0, F_BOOL), {0}};

static const struct field payment_fields[] = {
	TYPED("amount", 1, F_DECIMAL), TYPED("currency", 1, F_CURRENCY), DATE("due", 1), REF("order", 0, "order"),
	TEXT("label", 0), {0},
};

static const struct field paid_fields[] = {REF("payment", 1, "payment"), TYPED("amount", 0, F_DECIMAL), {0}};
static const struct field greet_fields[] = {ENUM("by", 1, event_sides), TEXT("occasion", 1), NOTE("note", 0), {0}};
static const struct field weights_fields[] = {TEXT("key", 1), TYPED("value", 1, F_NUMBER), {0}};

static const struct field correct_fields[] = {
	INT("seq", 1, 1, 9007199254740991LL), NOTE("reason", 1), TYPED("void", 0, F_BOOL), TYPED("set", 0, F_PATCH), {0},
};

const struct event_kind event_kinds[] = {
	{"relationship.open", "a buyer and a partner start their shared record", relationship_open_fields,
	 "relationship opened: {buyer.name} and {name} ({country}, {tz})", 0},
	{"settings", "the agreed rules: update cadence, contact gaps, SLA, freeze window, payment terms",
	 settings_fields,
	 "settings:[ cadence {cadence}][, contact every {gap_ideal} d][, at most {gap_max} d]"
	 "[, acknowledge within {ack_sla} h][, freeze {freeze_days} d][, pay {payment_terms} d after ex-factory]"
	 "[, deposit {deposit_pct} %][, partner works {workweek}][, partner hours {hours}]"
	 "[, buyer works {buyer_workweek}][, buyer hours {buyer_hours}]",
	 1},
	{"contact", "an interaction: call, video, message, email, meeting or visit", contact_fields,
	 "{kind} by {by}[: {note}]", 0},
	{"person.add", "someone at either side", person_fields, "{name} ({role}, {side})", 0},
	{"commitment.add", "a promise by one side with a due date", commitment_fields, "{side} promises: {what} by {due}", 0},
	{"commitment.keep", "a promise kept", commitment_ref_fields, "commitment #{commitment} kept", 0},
	{"commitment.renegotiate", "a new due date agreed for a promise", renegotiate_fields,
	 "commitment #{commitment} moved to {due}", 0},
	{"commitment.break", "a promise broken", break_fields, "commitment #{commitment} broken[: {reason}]", 0},
	{"order.add", "a purchase order", order_fields,
	 "order {po}: {qty} x {style} at {price} {currency}, ex-factory {ex_factory}", 0},
	{"update.submit", "a structured status update", update_fields, "update: {status}, {progress} %[; next: {next}]", 0},
	{"issue.raise", "a problem, disclosed or discovered", issue_fields,
	 "issue: {title} ({severity}, {responsible}, {disclosure})", 0},
	{"issue.ack", "a problem acknowledged", issue_ref_fields, "issue #{issue} acknowledged", 0},
	{"issue.action", "a joint corrective action with an owner", action_fields,
	 "issue #{issue}: {owner} will {what} by {due}", 0},
	{"issue.action_done", "a corrective action done", action_ref_fields, "action #{action} done", 0},
	{"issue.resolve", "a problem resolved", issue_note_fields, "issue #{issue} resolved[: {note}]", 0},
	{"issue.reopen", "a resolved problem reopened", issue_note_fields, "issue #{issue} reopened[: {note}]", 0},
	{"visit.add", "a site visit and the people met", visit_fields, "visit by {by} on {date}[: {note}]", 0},
	{"suggestion.add", "a suggestion from someone met", suggestion_fields, "suggestion from #{person}: {text}", 0},
	{"suggestion.respond", "what became of a suggestion", respond_fields,
	 "suggestion #{suggestion} {outcome}[: {reason}]", 0},
	{"spec.publish", "a version of a specification (tech pack)", spec_fields,
	 "spec {style} v{version}, production starts {production_start}", 0},
	{"spec.change", "a change to a specification", spec_change_fields, "spec {style} changed: {what}", 0},
	{"payment.due", "a payment the buyer owes", payment_fields, "payment due {due}: {amount} {currency}[ ({label})]", 0},
	{"payment.paid", "a payment made", paid_fields, "payment #{payment} paid[: {amount}]", 0},
	{"closure.add", "days the partner's factory is closed beyond its country's holidays", closure_fields,
	 "factory closed {from} to {to}: {reason}", 0},
	{"greet", "an acknowledgement of the other side's holiday or event", greet_fields, "{by} greeted: {occasion}", 0},
	{"weights.set", "a change to the trust model's weights, recorded in every partner's record", weights_fields,
	 "trust weight {key} set to {value}", 0},
	{"correct", "a correction of an earlier event; the original stays", correct_fields,
	 "correction of event {seq}: {reason}[ (withdrawn: {void})]", 0},
};

const size_t event_nkinds = sizeof event_kinds / sizeof event_kinds[0];

const struct event_kind *event_kind_find(const char *name)
{
	for (size_t i = 0; i < event_nkinds; i++)
		if (!strcmp(event_kinds[i].name, name))
			return &event_kinds[i];
	return NULL;
}

int event_kind_or_group(const char *k)
{
	size_t n = strlen(k);
	for (size_t i = 0; i < event_nkinds; i++) {
		const char *name = event_kinds[i].name;
		if (!strcmp(name, k) || (!strncmp(name, k, n) && name[n] == '.'))
			return 1;
	}
	return 0;
}

json_t *event_as_json(const struct event *ev)
{
	char at[21], rec[21];
	time_format_utc(ev->at, at);
	time_format_utc(ev->recorded, rec);
	struct buf prev = BUF_INIT, hash = BUF_INIT;
	buf_addhex(&prev, ev->prev_hash, SHA256_LEN);
	buf_addhex(&hash, ev->hash, SHA256_LEN);
	json_t *body = json_loadb(ev->body, ev->body_len, 0, NULL);
	json_t *o = json_pack("{s:I, s:I, s:s%, s:s, s:s, s:s%, s:s%, s:o, s:s, s:s}", "id", (json_int_t)ev->id, "seq",
	                      (json_int_t)ev->seq, "kind", ev->kind, ev->kind_len, "at", at, "recorded", rec, "side",
	                      ev->side, ev->side_len, "author", ev->author, ev->author_len, "body",
	                      body ? body : json_stringn(ev->body, ev->body_len), "prev_hash", prev.data, "hash", hash.data);
	buf_release(&prev);
	buf_release(&hash);
	return o;
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
			if (c == '\n' || c == '\r')
				return err_set(e, ERR_INPUT, "%s: a line break at byte %zu (this field takes one line)", path, i);
			if (c == '\t')
				return err_set(e, ERR_INPUT, "%s: a tab at byte %zu (this field takes none)", path, i);
			return err_set(e, ERR_INPUT, "%s: control character U+%04X at byte %zu", path, c, i);
		}
		if (c != ' ')
			blank = 0;
	}
	if (blank)
		return err_set(e, ERR_INPUT, "%s: must not be empty", path);
	return 0;
}

/* Up to 12 integer digits and 4 decimals, greater than zero: amounts and
 * prices are strings so that no float ever enters a hashed body. */
static int decimal_valid(const char *s)
{
	int digits = 0, places = -1, nonzero = 0;
	for (const char *p = s; *p; p++) {
		if (*p == '.' && places < 0 && digits > 0) {
			places = 0;
			continue;
		}
		if (*p < '0' || *p > '9')
			return 0;
		nonzero |= *p != '0';
		if (places >= 0)
			places++;
		else
			digits++;
	}
	return digits >= 1 && digits <= 12 && places != 0 && places <= 4 && nonzero && !(digits > 1 && s[0] == '0');
}

long long event_decimal_units(const char *s)
{
	if (!s || !decimal_valid(s))
		return -1;
	long long whole = 0, frac = 0;
	int places = -1;
	for (const char *p = s; *p; p++) {
		if (*p == '.')
			places = 0;
		else if (places < 0)
			whole = whole * 10 + (*p - '0');
		else
			frac = frac * 10 + (*p - '0'), places++;
	}
	for (int i = places < 0 ? 0 : places; i < 4; i++)
		frac *= 10;
	return whole * 10000 + frac;
}

int event_cadence_parse(const char *s, unsigned *days, int *minutes)
{
	static const char *const names[] = {"MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN"};
	if (strncmp(s, "weekly:", 7))
		return -1;
	const char *p = s + 7;
	*days = 0;
	for (;;) {
		int d = 0;
		while (d < 7 && strncmp(p, names[d], 3))
			d++;
		if (d == 7 || (*days & (1u << d)))
			return -1;
		*days |= 1u << d;
		p += 3;
		if (*p != ',')
			break;
		p++;
	}
	if (*p++ != '@' || strlen(p) != 5 || p[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (p[i] < '0' || p[i] > '9'))
			return -1;
	int h = (p[0] - '0') * 10 + (p[1] - '0'), m = (p[3] - '0') * 10 + (p[4] - '0');
	if (h > 23 || m > 59)
		return -1;
	*minutes = h * 60 + m;
	return 0;
}

static const char *const day_names[] = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

static int day_name(const char *p)
{
	for (int d = 0; d < 7; d++)
		if (!strncmp(p, day_names[d], 3))
			return d;
	return -1;
}

int event_weekdays_parse(const char *s, unsigned *days)
{
	*days = 0;
	const char *p = s;
	for (;;) {
		int a = day_name(p), b;
		if (a < 0)
			return -1;
		p += 3;
		if (*p == '-') {
			/* a range, which may wrap past Sunday: SAT-THU */
			if ((b = day_name(p + 1)) < 0 || b == a)
				return -1;
			p += 4;
		} else {
			b = a;
		}
		for (int d = a;; d = (d + 1) % 7) {
			if (*days & (1u << d))
				return -1;
			*days |= 1u << d;
			if (d == b)
				break;
		}
		if (*p != ',')
			break;
		p++;
	}
	return *p ? -1 : 0;
}

/* "HH:MM" at p into seconds; 24:00 only when end is set. */
static int clock_parse(const char *p, int end, int *seconds)
{
	for (int i = 0; i < 5; i++)
		if (i == 2 ? p[i] != ':' : p[i] < '0' || p[i] > '9')
			return -1;
	int h = (p[0] - '0') * 10 + (p[1] - '0'), m = (p[3] - '0') * 10 + (p[4] - '0');
	if (m > 59 || h > 24 || (h == 24 && (m || !end)))
		return -1;
	*seconds = h * 3600 + m * 60;
	return 0;
}

int event_hours_parse(const char *s, int *start, int *end)
{
	if (strlen(s) != 11 || s[5] != '-' || clock_parse(s, 0, start) || clock_parse(s + 6, 1, end))
		return -1;
	return *start < *end ? 0 : -1;
}

static int validate_fields(const char *prefix, const struct field *fields, const json_t *obj, struct err *e);

static const char *jstr(const json_t *v)
{
	return json_is_string(v) ? json_string_value(v) : "";
}

static int validate_value(const char *path, const struct field *f, const json_t *v, struct err *e)
{
	char list[256];
	int r, y, m, d;
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
	case F_COUNTRY:
		if ((r = iso_lookup(ISO_COUNTRY, jstr(v), NULL, 0, e)) < 0)
			return -1;
		return r ? 0
		         : err_set(e, ERR_INPUT, "%s: \"%.*s\" is not an ISO 3166-1 alpha-2 country code (e.g. CN)", path,
		                   (int)utf8_quote(jstr(v)), jstr(v));
	case F_CURRENCY:
		if ((r = iso_lookup(ISO_CURRENCY, jstr(v), NULL, 0, e)) < 0)
			return -1;
		return r ? 0
		         : err_set(e, ERR_INPUT, "%s: \"%.*s\" is not an ISO 4217 currency code (e.g. USD)", path,
		                   (int)utf8_quote(jstr(v)), jstr(v));
	case F_LANG:
		if ((r = iso_lookup(ISO_LANGUAGE, jstr(v), NULL, 0, e)) < 0)
			return -1;
		return r ? 0
		         : err_set(e, ERR_INPUT, "%s: \"%.*s\" is not an ISO 639-1 language code (e.g. zh)", path,
		                   (int)utf8_quote(jstr(v)), jstr(v));
	case F_ZONE:
		if (!time_zone_valid(jstr(v)))
			return err_set(e, ERR_INPUT, "%s: \"%.*s\" is not a time zone in the system zoneinfo (e.g. Asia/Shanghai)",
			               path, (int)utf8_quote(jstr(v)), jstr(v));
		return 0;
	case F_INT:
		if (!json_is_integer(v) || json_integer_value(v) < f->min || json_integer_value(v) > f->max)
			return err_set(e, ERR_INPUT, "%s: must be an integer from %lld to %lld", path, f->min, f->max);
		return 0;
	case F_OBJECT:
		if (!json_is_object(v))
			return err_set(e, ERR_INPUT, "%s: must be an object", path);
		return validate_fields(path, f->fields, v, e);
	case F_DATE:
		if (!json_is_string(v))
			return err_set(e, ERR_INPUT, "%s: must be a date (YYYY-MM-DD)", path);
		return time_parse_date(json_string_value(v), path, &y, &m, &d, e);
	case F_NUMBER:
		if (!decimal_valid(jstr(v) + (jstr(v)[0] == '-')) && strcmp(jstr(v), "0"))
			return err_set(e, ERR_INPUT, "%s: not a number with at most 4 places (e.g. -1.5): \"%.*s\"", path,
			               (int)utf8_quote(jstr(v)), jstr(v));
		return 0;
	case F_DECIMAL:
		if (!decimal_valid(jstr(v)))
			return err_set(e, ERR_INPUT, "%s: not a positive decimal with at most 4 places (e.g. 12.50): \"%.*s\"",
			               path, (int)utf8_quote(jstr(v)), jstr(v));
		return 0;
	case F_REF:
		if (!json_is_integer(v) || json_integer_value(v) < 1)
			return err_set(e, ERR_INPUT, "%s: must be the id of a %s", path, f->entity);
		return 0;
	case F_REFS:
		if (!json_is_array(v) || json_array_size(v) == 0)
			return err_set(e, ERR_INPUT, "%s: must be a non-empty list of %s ids", path, f->entity);
		for (size_t i = 0; i < json_array_size(v); i++) {
			json_t *x = json_array_get(v, i);
			if (!json_is_integer(x) || json_integer_value(x) < 1)
				return err_set(e, ERR_INPUT, "%s: item %zu is not the id of a %s", path, i + 1, f->entity);
			for (size_t j = 0; j < i; j++)
				if (json_integer_value(json_array_get(v, j)) == json_integer_value(x))
					return err_set(e, ERR_INPUT, "%s: %s %lld is listed twice", path, f->entity,
					               (long long)json_integer_value(x));
		}
		return 0;
	case F_BOOL:
		return json_is_boolean(v) ? 0 : err_set(e, ERR_INPUT, "%s: must be true or false", path);
	case F_PATCH: {
		if (!json_is_object(v) || json_object_size(v) == 0)
			return err_set(e, ERR_INPUT, "%s: must be an object naming at least one field", path);
		const char *key;
		json_t *x;
		json_object_foreach((json_t *)v, key, x) {
			/* the kind of the corrected event checks them later; here only
			 * what no body may hold: floats and nulls */
			if (json_is_real(x) || json_is_null(x) || json_is_object(x))
				return err_set(e, ERR_INPUT, "%s.%s: must be a string, whole number, true/false or a list of ids",
				               path, key);
		}
		return 0;
	}
	case F_WEEKDAYS: {
		unsigned days;
		if (event_weekdays_parse(jstr(v), &days))
			return err_set(e, ERR_INPUT, "%s: not working days (e.g. MON-SAT, SAT-THU or MON,TUE,THU): \"%.*s\"", path,
			               (int)utf8_quote(jstr(v)), jstr(v));
		if (days == 0x7f)
			return err_set(e, ERR_INPUT, "%s: a working week needs a day off: \"%.*s\"", path,
			               (int)utf8_quote(jstr(v)), jstr(v));
		return 0;
	}
	case F_HOURS: {
		int from, to;
		if (event_hours_parse(jstr(v), &from, &to))
			return err_set(e, ERR_INPUT, "%s: not working hours, start before end (e.g. 08:00-17:30): \"%.*s\"", path,
			               (int)utf8_quote(jstr(v)), jstr(v));
		return 0;
	}
	case F_CADENCE: {
		unsigned days;
		int minutes;
		if (event_cadence_parse(jstr(v), &days, &minutes))
			return err_set(e, ERR_INPUT, "%s: not a cadence (e.g. weekly:MON@09:00 or weekly:MON,THU@15:30): \"%.*s\"",
			               path, (int)utf8_quote(jstr(v)), jstr(v));
		return 0;
	}
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
		return err_set(e, ERR_INPUT, "kind: unknown event kind \"%.*s\"", (int)utf8_quote(kind), kind);
	if (!json_is_object(body))
		return err_set(e, ERR_INPUT, "body: must be a JSON object");
	if ((int)json_object_size(body) < k->min_fields)
		return err_set(e, ERR_INPUT, "%s: give at least one field to change", k->name);
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

/* Appends the value at a dotted path of body; 0 when absent. Strings give
 * their first line, at most 60 bytes, never splitting a character. */
static int summary_value(struct buf *out, const json_t *body, const char *path, size_t len)
{
	char key[64];
	const json_t *v = body;
	while (len > 0 && v) {
		size_t n = 0;
		while (n < len && path[n] != '.')
			n++;
		snprintf(key, sizeof key, "%.*s", (int)n, path);
		v = json_object_get(v, key);
		size_t skip = n < len ? n + 1 : n;
		path += skip;
		len -= skip;
	}
	if (!v)
		return 0;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);
		int cut;
		buf_add(out, s, utf8_line(s, 60, &cut));
		if (cut)
			buf_adds(out, "...");
	} else if (json_is_integer(v)) {
		buf_printf(out, "%lld", (long long)json_integer_value(v));
	} else if (json_is_boolean(v)) {
		buf_adds(out, json_is_true(v) ? "yes" : "no");
	} else if (json_is_array(v)) {
		for (size_t i = 0; i < json_array_size(v); i++)
			buf_printf(out, "%s#%lld", i ? ", " : "", (long long)json_integer_value(json_array_get(v, i)));
	}
	return 1;
}

/* Expands the template at *t up to its end or the ']' closing the current
 * optional segment. Returns 0 when a field in this segment was absent. */
static int expand(struct buf *out, const json_t *body, const char **t)
{
	int all = 1;
	while (**t && **t != ']') {
		if (**t == '{') {
			const char *close = strchr(*t, '}');
			if (!close)
				break;
			all &= summary_value(out, body, *t + 1, (size_t)(close - *t - 1));
			*t = close + 1;
		} else if (**t == '[') {
			size_t mark = out->len;
			(*t)++;
			if (!expand(out, body, t)) {
				out->len = mark;
				out->data[mark] = '\0';
			} else if (mark > 0 && out->data[mark - 1] == ':' && out->data[mark] == ',') {
				/* the first of a list of optional parts: "settings: a, b",
				 * not "settings:, a, b" */
				memmove(out->data + mark, out->data + mark + 1, out->len - mark);
				out->len--;
			}
			if (**t == ']')
				(*t)++;
		} else {
			buf_addc(out, *(*t)++);
		}
	}
	return all;
}

void event_summary_body(struct buf *out, const char *kind, const json_t *body)
{
	const struct event_kind *k = event_kind_find(kind);
	if (!k || !json_is_object(body)) {
		buf_adds(out, kind);
		return;
	}
	const char *t = k->summary;
	expand(out, body, &t);
}

void event_summary(struct buf *out, const struct event *ev)
{
	json_t *body = json_loadb(ev->body, ev->body_len, 0, NULL);
	char kind[64];
	snprintf(kind, sizeof kind, "%.*s", (int)ev->kind_len, ev->kind);
	event_summary_body(out, kind, body);
	json_decref(body);
}
