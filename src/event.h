/* event.h - ledger events: the kinds table, body validation and the
 * canonical bytes that are hashed (docs/ledger.md). No SQL, no I/O. */
#ifndef RAPPORT_EVENT_H
#define RAPPORT_EVENT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "util/buf.h"
#include "util/err.h"
#include "util/sha256.h"

#define REL_UID_LEN 36 /* an RFC 4122 version 4 UUID in text form */

/* One ledger entry. Strings are borrowed: from the caller on append, from
 * the database row while iterating. Lengths allow embedded NULs to be seen
 * (and so hashed) exactly as stored. */
struct event {
	int64_t id;       /* events.id, 0 before it is appended */
	int64_t rel;      /* relationships.id */
	const char *rel_uid;
	int64_t seq;      /* 1, 2, ... within the relationship */
	const char *kind;
	size_t kind_len;
	int64_t at;       /* when it happened, seconds UTC */
	int64_t recorded; /* when it was appended, seconds UTC */
	const char *side; /* "buyer" or "partner": the author's side */
	size_t side_len;
	const char *author;
	size_t author_len;
	const char *body; /* canonical JSON object */
	size_t body_len;
	unsigned char prev_hash[SHA256_LEN];
	unsigned char hash[SHA256_LEN];
};

enum field_type {
	F_TEXT,     /* one line of text */
	F_NOTE,     /* free text, newlines allowed */
	F_ENUM,     /* one of values[] */
	F_COUNTRY,  /* ISO 3166-1 alpha-2 */
	F_ZONE,     /* IANA zone in the system zoneinfo */
	F_INT,      /* integer in [min, max] */
	F_OBJECT,   /* nested object described by fields[] */
	F_DATE,     /* "YYYY-MM-DD" */
	F_DECIMAL,  /* a positive decimal string, at most 4 places: "12.50" */
	F_CURRENCY, /* ISO 4217 alpha-3 */
	F_LANG,     /* ISO 639-1 */
	F_REF,      /* the id of an entity (entity names its kind, e.g. "commitment") */
	F_REFS,     /* a non-empty array of distinct ids of entity */
	F_BOOL,
	F_CADENCE,  /* "weekly:MON@09:00" or "weekly:MON,THU@09:00" */
	F_PATCH,    /* a non-empty object of fields of another event's kind, checked against that kind */
	F_NUMBER,   /* a decimal string with an optional minus sign, at most 4 places: "-1.5" */
	F_WEEKDAYS, /* working days: "MON-SAT", "SAT-THU", "MON,TUE,THU" */
	F_HOURS,    /* local working hours: "09:00-18:00" */
};

struct field {
	const char *name;
	enum field_type type;
	int required;
	size_t maxlen;              /* F_TEXT, F_NOTE: bytes */
	const char *const *values;  /* F_ENUM: NULL-terminated */
	long long min, max;         /* F_INT */
	const struct field *fields; /* F_OBJECT: {0}-terminated */
	const char *entity;         /* F_REF, F_REFS: what the id names */
};

struct event_kind {
	const char *name;
	const char *what;           /* one line for --help and docs */
	const struct field *fields; /* the body, {0}-terminated */
	/* A one-line summary: "{field}" is replaced by the body's value (first
	 * line, at most 60 bytes) and "[...]" is kept only when every field in
	 * it is present; a kept "[, ...]" right after a ':' loses its comma. */
	const char *summary;
	int min_fields;             /* a body with fewer members is refused */
};

extern const struct event_kind event_kinds[];
extern const size_t event_nkinds;

extern const char *const event_sides[];         /* "buyer", "partner", NULL */
extern const char *const event_contact_kinds[]; /* "call", ..., NULL */

const struct event_kind *event_kind_find(const char *name);
/* 1 when k names a kind or a group of kinds ("issue" for issue.raise,
 * issue.ack, ...), as the timeline's kind filter takes it; else 0. */
int event_kind_or_group(const char *k);

/* ev as JSON, as `rapport log --json` and the API give it: id, seq, kind,
 * at and recorded (UTC), side, author, body (the object itself), and
 * prev_hash and hash in lowercase hex. A new object. */
json_t *event_as_json(const struct event *ev);

/* Checks body against kind's table: required fields present, no unknown
 * keys, types and ranges, no floats anywhere. Errors name the field. */
int event_validate(const char *kind, const json_t *body, struct err *e);

/* Checks a party (name, country, tz, city) as in relationship.open's buyer
 * block; errors are named prefix.field. */
int event_validate_party(const char *prefix, const json_t *party, struct err *e);

/* Checks an author name and side (the envelope fields a caller supplies). */
int event_validate_author(const char *side, const char *author, struct err *e);

/* Appends the canonical bytes of every field but prev_hash: an RFC 8785
 * object {at, author, body, kind, recorded, rel, seq, side}. */
void event_envelope(struct buf *out, const struct event *ev);

/* hash = SHA-256(prev_hash || envelope); scratch is reused between calls. */
void event_hash(struct sha256 *h, struct buf *scratch, const struct event *ev,
                unsigned char out[SHA256_LEN]);

/* Appends the kind's one-line summary of the event's body. */
void event_summary(struct buf *out, const struct event *ev);
/* The same from a parsed body. */
void event_summary_body(struct buf *out, const char *kind, const json_t *body);

/* Enumerations shared with commands and projections. */
extern const char *const event_roles[];
extern const char *const event_update_statuses[];
extern const char *const event_severities[];
extern const char *const event_disclosures[];
extern const char *const event_outcomes[];

/* Parses a cadence ("weekly:MON,THU@09:00"): days is a bit set (bit 0 =
 * Monday), minutes the local time of day. -1 when malformed. */
int event_cadence_parse(const char *s, unsigned *days, int *minutes);
/* Working days ("MON-SAT", wrapping "SAT-THU", or "MON,WED-FRI") into
 * bits 1 << wday, 0 = Sunday (calendar/workweek.h's order): 0, or -1 when
 * it does not parse or names a day twice. */
int event_weekdays_parse(const char *s, unsigned *days);
/* "HH:MM-HH:MM" (the end may be 24:00) into seconds after local midnight,
 * start before end: 0, or -1. */
int event_hours_parse(const char *s, int *start, int *end);

/* A positive decimal as the ledger takes one (up to 12 integer digits and
 * 4 places) in 1/10 000: "1104" and "1104.00" are 11040000. -1 for any
 * other text. */
long long event_decimal_units(const char *s);

/* 1 when s is one of the NULL-terminated values. */
int event_in(const char *s, const char *const *values);

#endif
