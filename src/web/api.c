/* api.c - the JSON API (web/api.h): its route table, the Bearer token,
 * JSON answers with ETags, errors in one shape, and the handlers. The
 * handlers read through the same store functions as the CLI and the web
 * pages, and append through record.c and web_write, so the API accepts and
 * refuses exactly what `rapport` does. */
#include "web/api.h"

#include <ctype.h>
#include <sodium.h>
#include <stddef.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "agenda.h"
#include "calendar/day.h"
#include "calendar/holidays.h"
#include "calendar/zone.h"
#include "import.h"
#include "order.h"
#include "record.h"
#include "score_json.h"
#include "series.h"
#include "store/apitokens.h"
#include "store/domain.h"
#include "store/events.h"
#include "store/parties.h"
#include "util/charset.h"
#include "util/log.h"
#include "util/time.h"
#include "web/csv_import.h"
#include "web/fmt.h"
#include "web/forms.h"
#include "web/layout.h"
#include "web/route.h"
#include "web/session.h"
#include "web/token.h"
#include "web/web.h"
#include "workcal.h"
#include "workcal_json.h"

/* --- answers ---------------------------------------------------------------- */

static const char *error_code(int status)
{
	switch (status) {
	case 401: return "unauthorized";
	case 403: return "forbidden";
	case 404: return "not_found";
	case 405: return "method_not_allowed";
	case 409: return "conflict";
	case 413: return "too_large";
	case 415: return "unsupported_media_type";
	case 429: return "too_many_requests";
	case 422: return "invalid";
	case 500: return "internal";
	case 503: return "unavailable";
	default: return "bad_request";
	}
}

/* The answer's text in pool memory. */
static const char *pool_dump(struct req *r, json_t *j, size_t *len)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_REAL_PRECISION(10));
	json_decref(j);
	*len = s ? strlen(s) : 0;
	char *out = h2o_mem_alloc_pool(r->pool, *len + 1);
	memcpy(out, s ? s : "", *len + 1);
	free(s);
	return out;
}

/* 1 when the If-None-Match header lists tag (or is "*"). */
static int none_match(struct req *r, const char *tag)
{
	size_t n = strlen(tag);
	/* each If-None-Match line, as one list (RFC 9110 5.3) */
	for (ssize_t i = -1; (i = h2o_find_header(&r->h->headers, H2O_TOKEN_IF_NONE_MATCH, i)) != -1;) {
		const h2o_iovec_t *v = &r->h->headers.entries[i].value;
		for (size_t p = 0; p < v->len;) {
			while (p < v->len && (v->base[p] == ' ' || v->base[p] == '\t' || v->base[p] == ','))
				p++;
			size_t q = p;
			while (q < v->len && v->base[q] != ',')
				q++;
			size_t end = q;
			while (end > p && (v->base[end - 1] == ' ' || v->base[end - 1] == '\t'))
				end--;
			const char *t = v->base + p;
			size_t tl = end - p;
			if (tl > 2 && t[0] == 'W' && t[1] == '/') /* weak comparison, as RFC 9110 asks for If-None-Match */
				t += 2, tl -= 2;
			if ((tl == 1 && *t == '*') || (tl == n && !memcmp(t, tag, n)))
				return 1;
			p = q;
		}
	}
	return 0;
}

/* Sends j (consumed) with status; a 200 to a GET carries its ETag, and
 * answers 304 when the client has it already. */
static void send_json(struct req *r, int status, json_t *j)
{
	size_t len;
	const char *body = pool_dump(r, j, &len);
	if (status == 200 && route_method_is(r, "GET")) {
		unsigned char h[crypto_hash_sha256_BYTES];
		crypto_hash_sha256(h, (const unsigned char *)body, len);
		char *tag = h2o_mem_alloc_pool(r->pool, 2 + 32 + 1);
		tag[0] = '"';
		sodium_bin2hex(tag + 1, 33, h, 16);
		tag[33] = '"';
		tag[34] = '\0';
		req_header(r, "etag", tag);
		req_header(r, "cache-control", "private, no-cache");
		if (none_match(r, tag)) {
			req_send(r, 304, "application/json", "", 0);
			return;
		}
	}
	req_send(r, status, "application/json", body, len);
}

static void send_error(struct req *r, int status, const char *field, const char *msg)
{
	json_t *err = json_pack("{s:s, s:s?, s:s}", "code", error_code(status), "field", field && *field ? field : NULL,
	                        "message", msg);
	if (status == 401)
		req_header(r, "www-authenticate", "Bearer realm=\"rapport\"");
	send_json(r, status, json_pack("{s:o}", "error", err));
}

void api_send_error(struct req *r, int status, const char *msg)
{
	send_error(r, status, NULL, msg);
}

/* Sets e and the status for the dispatcher to answer: `return fail(...)`. */
static int fail(struct req *r, struct err *e, int status, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int fail(struct req *r, struct err *e, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof e->msg, fmt, ap);
	va_end(ap);
	e->code = ERR_INPUT;
	r->fail_status = status;
	return -1;
}

/* --- request pieces ------------------------------------------------------------- */

static const char *query(struct req *r, const char *name)
{
	const char *v = form_get(&r->query, name);
	return v && *v ? v : NULL;
}

/* A whole number from the query between lo and hi, else def. */
static int query_int(struct req *r, const char *name, int64_t lo, int64_t hi, int64_t def, int64_t *out, struct err *e)
{
	const char *v = query(r, name);
	*out = def;
	if (!v)
		return 0;
	char *end;
	long long n = strtoll(v, &end, 10);
	/* digits, a '-' before them at most: no '+', no spaces */
	if (*end || end == v || !(v[0] == '-' || (v[0] >= '0' && v[0] <= '9')) || n < lo || n > hi)
		return fail(r, e, 400, "%s: not a whole number from %lld to %lld: \"%.40s\"", name, (long long)lo,
		            (long long)hi, v);
	*out = n;
	return 0;
}

/* A true/false query parameter (also 1/0), *out 0 when absent. */
static int query_bool(struct req *r, const char *name, int *out, struct err *e)
{
	const char *v = query(r, name);
	*out = v && (!strcmp(v, "true") || !strcmp(v, "1"));
	if (v && !*out && strcmp(v, "false") && strcmp(v, "0"))
		return fail(r, e, 400, "%s: true or false: \"%.40s\"", name, v);
	return 0;
}

/* The user's own side and its zone. */
static const char *side_of(const struct req *r)
{
	return r->session->partner ? "partner" : "buyer";
}

/* An instant from text: RFC 3339 with its offset or Z, a local time or a
 * date in the zone of the user's side. */
static int instant(struct req *r, const char *text, const char *field, const char *tz, int64_t *out, struct err *e)
{
	const struct zone *z = fmt_zone(r->fmt, tz, e);
	if (!z)
		return -1;
	struct err bad = {0};
	if (time_parse_with(text, zone_local_time, (void *)z, field, out, &bad))
		return fail(r, e, 400, "%s", bad.msg);
	return 0;
}

/* The end of what text names: as instant, but a date alone is its last
 * second (the instant before the next day's midnight, in the zone), so
 * that "to=2026-11-23" takes in all of the 23rd, as the web's timeline
 * does. */
static int instant_end(struct req *r, const char *text, const char *field, const char *tz, int64_t *out,
                       struct err *e)
{
	long day;
	char next[11];
	if (strlen(text) != 10 || day_parse(text, &day))
		return instant(r, text, field, tz, out, e);
	if (instant(r, text, field, tz, out, e)) /* the date's own errors: no such date, before 1970 */
		return -1;
	day_format(day + 1, next);
	if (instant(r, next, field, tz, out, e))
		return -1;
	(*out)--;
	return 0;
}

/* The zone the signed-in user's local times are in (into tz): their
 * factory's for a partner's user (p, the partner in the path, is theirs),
 * else the buyer's. 0, or -1 with e. */
static int user_tz(struct req *r, const struct party *p, char tz[sizeof p->tz], struct err *e)
{
	struct party buyer;
	if (r->session->partner) {
		memcpy(tz, p->tz, sizeof p->tz);
		return 0;
	}
	int found = store_buyer_get(r->db, &buyer, e);
	if (found <= 0)
		return found < 0 ? -1 : err_set(e, ERR_IO, "the record has no buyer");
	memcpy(tz, buyer.tz, sizeof buyer.tz);
	return 0;
}

/* The partner {id} names, visible to the caller: 1 with *p, else the
 * request fails with 404 (also for another partner's id). */
static int partner_param(struct req *r, struct party *p, struct err *e)
{
	int64_t id;
	if (!web_param_id(r, 0, &id) || !web_partner_visible(r, id))
		return fail(r, e, 404, "no such partner");
	int found = store_partner_get(r->db, id, p, e);
	if (found < 0)
		return -1;
	return found ? 0 : fail(r, e, 404, "no such partner");
}

/* --- JSON of records --------------------------------------------------------------- */

static json_t *party_json(const struct party *p)
{
	char since[21];
	time_format_utc(p->since, since);
	return json_pack("{s:I, s:s, s:s, s:s, s:s?, s:s}", "id", (json_int_t)p->id, "name", p->name, "country",
	                 p->country, "tz", p->tz, "city", p->city[0] ? p->city : NULL, "since", since);
}

static int append_event(void *ctx, const struct event *ev)
{
	json_array_append_new(ctx, event_as_json(ev));
	return 0;
}

/* --- handlers ------------------------------------------------------------------------ */

static int api_me(struct req *r, struct err *e)
{
	(void)e;
	const struct session_user *u = r->session;
	send_json(r, 200, json_pack("{s:s, s:s, s:s, s:o, s:s}", "email", u->email, "role", u->role, "org", side_of(r),
	                            "partner", u->partner ? json_integer(u->partner) : json_null(), "org_name", u->org));
	return 0;
}

struct partners_ctx {
	struct req *r;
	json_t *list;
};

static int partner_one(void *ctx, const struct party *p)
{
	struct partners_ctx *c = ctx;
	if (web_partner_visible(c->r, p->id))
		json_array_append_new(c->list, party_json(p));
	return 0;
}

static int api_partners(struct req *r, struct err *e)
{
	struct partners_ctx c = {r, json_array()};
	if (store_partner_each(r->db, partner_one, &c, e)) {
		json_decref(c.list);
		return -1;
	}
	send_json(r, 200, json_pack("{s:o}", "partners", c.list));
	return 0;
}

static int api_partner(struct req *r, struct err *e)
{
	struct party p, buyer;
	struct rel_head h;
	if (partner_param(r, &p, e) || store_buyer_get(r->db, &buyer, e) < 0 || store_rel_head(r->db, p.id, &h, e) < 0)
		return -1;
	json_t *o = party_json(&p);
	json_object_set_new(o, "buyer", party_json(&buyer));
	json_object_set_new(o, "events", json_integer(h.seq));
	send_json(r, 200, o);
	return 0;
}

static int api_events(struct req *r, struct err *e)
{
	struct party p;
	struct rel_head h;
	if (partner_param(r, &p, e))
		return -1;
	if (store_rel_head(r->db, p.id, &h, e) <= 0)
		return e->msg[0] ? -1 : fail(r, e, 404, "no such partner");
	struct timeline_filter f = {.kind = query(r, "kind"), .from = INT64_MIN, .to = INT64_MAX};
	int64_t after, limit;
	const char *from = query(r, "from"), *to = query(r, "to");
	char tz[sizeof p.tz];
	if (((from || to) && user_tz(r, &p, tz, e)) || (from && instant(r, from, "from", tz, &f.from, e)) ||
	    (to && instant_end(r, to, "to", tz, &f.to, e)) ||
	    query_int(r, "after", 0, INT64_MAX / 2, 0, &after, e) ||
	    query_int(r, "limit", 1, API_PAGE_MAX, API_PAGE_DEFAULT, &limit, e))
		return -1;
	if (f.kind && !event_kind_or_group(f.kind))
		return fail(r, e, 400, "kind: no such kind of event: \"%.40s\"", f.kind);
	if (f.from > f.to)
		return fail(r, e, 400, "to: before from");
	json_t *list = json_array();
	if (store_timeline_after(r->db, &h, &f, after, limit + 1, append_event, list, e)) {
		json_decref(list);
		return -1;
	}
	json_t *next = json_null();
	if ((int64_t)json_array_size(list) > limit) {
		json_array_remove(list, (size_t)limit);
		json_t *last = json_array_get(list, (size_t)limit - 1);
		char cursor[24];
		snprintf(cursor, sizeof cursor, "%lld", (long long)json_integer_value(json_object_get(last, "seq")));
		next = json_string(cursor);
	}
	send_json(r, 200, json_pack("{s:o, s:o}", "events", list, "next_after", next));
	return 0;
}

static int one_event(void *ctx, const struct event *ev)
{
	*(json_t **)ctx = event_as_json(ev);
	return 1;
}

static int api_event(struct req *r, struct err *e)
{
	struct party p;
	struct rel_head h;
	int64_t id;
	if (partner_param(r, &p, e) || store_rel_head(r->db, p.id, &h, e) < 0)
		return -1;
	json_t *ev = NULL;
	if (!web_param_id(r, 1, &id))
		return fail(r, e, 404, "no such event");
	int found = store_event_by_id(r->db, &h, id, one_event, &ev, e);
	if (found < 0)
		return -1;
	if (!ev)
		return fail(r, e, 404, "no such event");
	send_json(r, 200, ev);
	return 0;
}

/* The listing the route's last path segment names. */
static const struct listing *listing_of(const struct req *r)
{
	const char *name = strrchr(r->path, '/') + 1;
	for (size_t i = 0; i < store_nlistings; i++)
		if (!strcmp(store_listings[i].name, name))
			return &store_listings[i];
	return NULL;
}

static int api_listing(struct req *r, struct err *e)
{
	struct party p;
	if (partner_param(r, &p, e))
		return -1;
	const struct listing *l = listing_of(r);
	const char *open = query(r, "open");
	if (open && strcmp(open, "true") && strcmp(open, "false"))
		return fail(r, e, 400, "open: true or false, not \"%.20s\"", open);
	int open_only = open && !strcmp(open, "true");
	if (open_only && !l->has_open)
		return fail(r, e, 400, "open: %s have no open or closed state", l->name);
	json_t *rows = json_array();
	if (store_list(r->db, l, p.id, open_only, rows, e)) {
		json_decref(rows);
		return -1;
	}
	send_json(r, 200, json_pack("{s:o}", l->name, rows));
	return 0;
}

/* The end of a date given as a query parameter (23:59:59 UTC), as the
 * CLI's --as-of reads it; def when absent. */
static int end_of_day(struct req *r, const char *name, int64_t def, int64_t *out, struct err *e)
{
	const char *v = query(r, name);
	*out = def;
	if (!v)
		return 0;
	int y, m, d;
	struct err bad = {0};
	if (time_parse_date(v, name, &y, &m, &d, &bad))
		return fail(r, e, 400, "%s", bad.msg);
	*out = time_date_utc(v) + 86400 - 1;
	return 0;
}

static int api_scores(struct req *r, struct err *e)
{
	struct party p;
	if (partner_param(r, &p, e))
		return -1;
	int64_t as_of;
	if (end_of_day(r, "as_of", r->now, &as_of, e))
		return -1;
	struct trust_result res;
	struct series_explain ex = {.k = 3};
	if (series_scores(r->db, p.id, &as_of, 1, &res, &ex, e))
		return -1;
	char day[21];
	time_format_utc(as_of, day);
	day[10] = '\0';
	send_json(r, 200, json_pack("{s:I, s:s, s:s, s:o}", "partner", (json_int_t)p.id, "name", p.name, "as_of", day,
	                            "directions", score_result_json(&res, &ex)));
	return 0;
}

#define API_SERIES_MAX 520 /* ten years of weeks */

static int api_series(struct req *r, struct err *e)
{
	struct party p;
	int64_t from, to;
	if (partner_param(r, &p, e) || end_of_day(r, "to", r->now, &to, e) ||
	    end_of_day(r, "from", to - 26 * 7 * 86400, &from, e))
		return -1;
	const char *step = query(r, "step") ? query(r, "step") : "week";
	enum series_step st;
	if (series_step_parse(step, &st))
		return fail(r, e, 400, "step: week or month, not \"%.20s\"", step);
	if (to < from)
		return fail(r, e, 400, "to: before from");
	if ((to - from) / (st == SERIES_WEEK ? 7 * 86400 : 28 * 86400) >= API_SERIES_MAX)
		return fail(r, e, 400, "from: at most %d steps in one series", API_SERIES_MAX);
	json_t *rows;
	if (score_series(r->db, p.id, from, to, st, &rows, e))
		return -1;
	send_json(r, 200, json_pack("{s:I, s:s, s:o}", "partner", (json_int_t)p.id, "step", step, "series", rows));
	return 0;
}

/* One side's days off in year: its country's and, for the partner, its
 * own closures. */
static int side_holidays(struct req *r, int64_t rel, enum workcal_side side, int year, json_t **out, struct err *e)
{
	struct workcal w;
	struct holidays h;
	if (workcal_load(r->db, rel, side, &w, e))
		return -1;
	int rc = workcal_holidays(&w, year, &h, e);
	if (rc == 0) {
		*out = json_pack("{s:s, s:s, s:b, s:o}", "name", w.party.name, "country", w.party.country, "known",
		                 w.holidays_known, "days", holidays_json(&h));
		holidays_release(&h);
	}
	workcal_release(&w);
	return rc;
}

static int api_holidays(struct req *r, struct err *e)
{
	struct party p;
	if (partner_param(r, &p, e))
		return -1;
	const struct zone *z = fmt_zone(r->fmt, p.tz, e);
	if (!z)
		return -1;
	int y, m, d;
	day_to_ymd(zone_day(z, r->now), &y, &m, &d);
	int64_t year;
	if (query_int(r, "year", HOLIDAY_FIRST_YEAR, HOLIDAY_LAST_YEAR, y, &year, e))
		return -1;
	json_t *partner = NULL, *buyer = NULL;
	if (side_holidays(r, p.id, WORKCAL_PARTNER, (int)year, &partner, e) ||
	    side_holidays(r, p.id, WORKCAL_BUYER, (int)year, &buyer, e)) {
		json_decref(partner);
		return -1;
	}
	send_json(r, 200, json_pack("{s:I, s:I, s:o, s:o}", "partner_id", (json_int_t)p.id, "year", (json_int_t)year,
	                            "partner", partner, "buyer", buyer));
	return 0;
}

/* The meeting slots both sides can make over ?days= (default 7) of the
 * buyer's dates from ?from= (default the buyer's today), as `rapport
 * slots --json` lists them. */
static int api_slots(struct req *r, struct err *e)
{
	struct party p;
	int64_t days;
	int y, m, d;
	const char *from = query(r, "from");
	struct err bad = {0};
	if (partner_param(r, &p, e) || query_int(r, "days", 1, WORKCAL_SLOT_MAX_DAYS, 7, &days, e))
		return -1;
	if (from && time_parse_date(from, "from", &y, &m, &d, &bad))
		return fail(r, e, 400, "%s", bad.msg);
	struct workcal buyer, partner;
	if (workcal_load(r->db, p.id, WORKCAL_BUYER, &buyer, e))
		return -1;
	if (workcal_load(r->db, p.id, WORKCAL_PARTNER, &partner, e)) {
		workcal_release(&buyer);
		return -1;
	}
	if (!from)
		workcal_today(&buyer, r->now, &y, &m, &d);
	struct slots out = {0};
	int rc = workcal_slots(&buyer, &partner, y, m, d, (int)days, &out, &bad);
	workcal_release(&buyer);
	workcal_release(&partner);
	if (rc) {
		slot_release(&out);
		if (bad.code != ERR_INPUT) {
			*e = bad;
			return -1;
		}
		return fail(r, e, 400, "%s", bad.msg);
	}
	char first[11];
	snprintf(first, sizeof first, "%04d-%02d-%02d", y, m, d);
	send_json(r, 200, json_pack("{s:I, s:s, s:I, s:o}", "partner", (json_int_t)p.id, "from", first, "days",
	                            (json_int_t)days, "slots", slots_json(&out)));
	slot_release(&out);
	return 0;
}

static int api_agenda(struct req *r, struct err *e)
{
	struct agenda_query q = {.now = r->now, .author = r->session->email};
	const char *side = query(r, "side");
	int64_t rel;
	if (query_int(r, "partner", 1, INT64_MAX / 2, 0, &rel, e))
		return -1;
	struct party p;
	int found = rel && web_partner_visible(r, rel) ? store_partner_get(r->db, rel, &p, e) : 0;
	if (found < 0)
		return -1;
	if (rel && !found)
		return fail(r, e, 404, "no such partner");
	if (side && strcmp(side, "buyer") && strcmp(side, "partner"))
		return fail(r, e, 400, "side: buyer or partner, not \"%.20s\"", side);
	/* a partner's users see their own relationship, their side by default */
	q.rel = r->session->partner ? r->session->partner : rel;
	q.side = side ? side : side_of(r);
	const char *date = query(r, "date");
	if (date) {
		int y, m, d;
		struct err bad = {0};
		if (time_parse_date(date, "date", &y, &m, &d, &bad))
			return fail(r, e, 400, "%s", bad.msg);
		q.now = time_date_utc(date) + 12 * 3600; /* noon UTC of that day, as rapport agenda --date */
	}
	struct agenda ag;
	if (agenda_build(r->db, &q, &ag, e))
		return -1;
	json_t *list = json_array();
	for (size_t i = 0; i < ag.n; i++)
		json_array_append_new(list, agenda_item_json(&ag.v[i]));
	agenda_release(&ag);
	send_json(r, 200, json_pack("{s:s, s:o}", "side", q.side, "items", list));
	return 0;
}

/* --- Idempotency-Key ------------------------------------------------------------------ */

/* A POST's key and its answer. */
struct idem {
	const char *key;                     /* Idempotency-Key, or NULL */
	char request_hash[STORE_HEX32];      /* what the request asks, hashed (idem_hash) */
	/* the answer: made inside the write, kept for the key with it */
	int status;
	char *body;                          /* malloc'd */
	int replayed;                        /* the answer kept for the key */
	int mismatch;                        /* the key was used for another request */
};

/* k->request_hash: the path, then the bytes of a and b (either may be
 * NULL), which say what the request asks. */
static void idem_hash(struct idem *k, const char *path, const void *a, size_t alen, const void *b, size_t blen)
{
	unsigned char dig[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)path, strlen(path) + 1);
	if (a)
		crypto_hash_sha256_update(&st, a, alen);
	if (b)
		crypto_hash_sha256_update(&st, b, blen);
	crypto_hash_sha256_final(&st, dig);
	sodium_bin2hex(k->request_hash, sizeof k->request_hash, dig, sizeof dig);
}

/* Inside the write, first: 1 when an answer is kept for the key (the
 * request was answered before: nothing to do), 0 to go on, -1 with e. */
static int idem_lookup(struct req *r, struct web_tx *tx, struct idem *k, struct err *e)
{
	if (!k->key)
		return 0;
	char hash[STORE_HEX32];
	int kept = store_idempotency_get(tx->db, r->session->user_id, k->key, tx->now - API_IDEMPOTENCY_TTL, hash,
	                                 &k->status, &k->body, e);
	if (kept <= 0)
		return kept;
	k->replayed = 1;
	k->mismatch = strcmp(hash, k->request_hash) != 0;
	return 1;
}

/* Inside the write, once k->status and k->body are the answer: keeps it
 * for the key (and forgets those past their time). */
static int idem_keep(struct req *r, struct web_tx *tx, struct idem *k, struct err *e)
{
	if (!k->key)
		return 0;
	return store_idempotency_forget(tx->db, tx->now - API_IDEMPOTENCY_TTL, e) ||
	               store_idempotency_put(tx->db, r->session->user_id, k->key, k->request_hash, k->status, k->body,
	                                     tx->now, e)
	           ? -1
	           : 0;
}

/* Sends the answer of a write that went through: its own, the one kept
 * for the key, or 422 when the key was used for another request. */
static void idem_send(struct req *r, struct idem *k)
{
	if (k->mismatch) {
		free(k->body);
		send_error(r, 422, "Idempotency-Key",
		           "this Idempotency-Key was used for another request: use a new key for a new request");
		return;
	}
	size_t len = strlen(k->body);
	char *out = h2o_mem_alloc_pool(r->pool, len + 1);
	memcpy(out, k->body, len + 1);
	free(k->body);
	if (k->replayed)
		req_header(r, "idempotent-replayed", "true");
	req_send(r, k->status, "application/json", out, len);
}

/* --- appending an event ------------------------------------------------------------- */

struct post {
	int64_t rel;
	struct ledger_entry in;
	char deposit_due[11];                /* an order's, on the buyer's calendar */
	struct idem k;
};

/* Whether the token's user may append kind to rel: the web's rules. A
 * kind with a form, by the sides that have it (forms.c); the settings, by
 * the buyer's users (page_settings.c); the weights, by the buyer's admins
 * (page_weights.c); a correction, of an event its own side recorded. 0,
 * or -1 with a 403 in e. */
static int may_append(struct req *r, int64_t rel, const char *kind, const json_t *body, struct err *e)
{
	const struct forms_kind *fk = forms_kind(kind);
	const char *side = side_of(r), *other = r->session->partner ? "buyer" : "factory";
	if (fk && !forms_side_may(fk, side))
		return fail(r, e, 403, "kind: %s events are recorded by the %s's users", kind, other);
	if (!strcmp(kind, "settings") && r->session->partner)
		return fail(r, e, 403, "kind: the settings are changed by the buyer's admins and members");
	if (!strcmp(kind, "weights.set") && (r->session->partner || !session_can_admin(r->session)))
		return fail(r, e, 403, "kind: the trust model's weights are changed by the buyer's admins");
	const json_t *seq = json_object_get(body, "seq");
	if (strcmp(kind, "correct") || !json_is_integer(seq))
		return 0; /* a correction without a seq is refused as the CLI refuses it */
	struct stored_event ev;
	int found = store_event_at(r->db, rel, (int64_t)json_integer_value(seq), &ev, e);
	if (found <= 0)
		return found;
	free(ev.body);
	if (strcmp(ev.side, side))
		return fail(r, e, 403, "body.seq: event %lld was recorded by the %s: only its own side corrects it",
		            (long long)json_integer_value(seq), other);
	return 0;
}

static int post_write(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	struct post *p = ctx;
	int kept = idem_lookup(r, tx, &p->k, e);
	if (kept)
		return kept < 0 ? -1 : 0;
	int64_t id;
	int events;
	json_t *order = NULL; /* an order's milestones and payments, as order_record made them */
	p->in.recorded = tx->now;
	if (!strcmp(p->in.kind, "order.add")
	        ? order_record(tx->ledger, p->rel, &p->in, p->deposit_due, &tx->warnings, &id, &events, &order, e)
	        : record_append(tx->ledger, p->rel, &p->in, &tx->warnings, &id, e))
		return -1;
	struct rel_head h;
	json_t *ev = NULL;
	if (store_rel_head(tx->db, p->rel, &h, e) <= 0 || store_event_by_id(tx->db, &h, id, one_event, &ev, e) < 0) {
		json_decref(order);
		return -1;
	}
	json_t *warnings = json_array();
	for (char *s = tx->warnings.data, *nl; s && *s; s = nl + 1) {
		nl = strchr(s, '\n');
		if (!nl)
			nl = s + strlen(s) - 1;
		json_array_append_new(warnings, json_stringn(s, (size_t)(nl - s) + (*nl != '\n')));
	}
	p->k.status = 201;
	json_t *answer = json_pack("{s:o, s:o}", "event", ev, "warnings", warnings);
	if (order) {
		json_object_set(answer, "milestones", json_object_get(order, "milestones"));
		json_object_set(answer, "payments", json_object_get(order, "payments"));
		json_decref(order);
	}
	p->k.body = json_dumps(answer, JSON_COMPACT);
	json_decref(answer);
	if (!p->k.body)
		return err_set(e, ERR_IO, "out of memory");
	return idem_keep(r, tx, &p->k, e);
}

/* The Idempotency-Key header: 1 with its value in pool memory, 0 when
 * absent, -1 when it is not 1 to API_KEY_MAX visible ASCII characters. */
static int idempotency_key(struct req *r, const char **key)
{
	static const char name[] = "idempotency-key";
	ssize_t i = h2o_find_header_by_str(&r->h->headers, name, sizeof name - 1, -1);
	*key = NULL;
	if (i == -1)
		return 0;
	const h2o_iovec_t *v = &r->h->headers.entries[i].value;
	if (v->len == 0 || v->len > API_KEY_MAX)
		return -1;
	for (size_t k = 0; k < v->len; k++)
		if (v->base[k] <= ' ' || v->base[k] > '~')
			return -1;
	*key = h2o_strdup(r->pool, v->base, v->len).base;
	return 1;
}

/* 1 when events of kind have a body member named field. */
static int body_has(const char *kind, const char *field)
{
	const struct event_kind *k = event_kind_find(kind);
	for (const struct field *f = k ? k->fields : NULL; f && f->name; f++)
		if (!strcmp(f->name, field))
			return 1;
	return 0;
}

/* "field: ..." with a field that is the body's: the 422's field is
 * "body.FIELD"; kind and at are the request's own, unless the body of
 * the request's kind has one too (a contact's kind: call, video, ...). */
static void refusal(struct req *r, const char *kind, const json_t *body, const struct err *bad)
{
	char field[64], path[80];
	const char *msg = layout_error_split(bad->msg, field, sizeof field);
	/* the trust model's words name the weight ("charm: no such weight"),
	 * which may be any text, "kind" too: the member at fault is the key
	 * when there is no such weight, else its value; the message keeps
	 * the weight's name */
	const char *weight = json_string_value(json_object_get(body, "key"));
	size_t wlen = weight ? strlen(weight) : 0;
	if (!strcmp(kind, "weights.set") && weight && !strncmp(bad->msg, weight, wlen) &&
	    !strncmp(bad->msg + wlen, ": ", 2)) {
		const char *what = bad->msg + wlen + 2;
		send_error(r, 422, strncmp(what, "no such weight", 14) ? "body.value" : "body.key", bad->msg);
		return;
	}
	/* a contradiction with the record rather than a malformed value: the
	 * state checks' words (project.c) */
	static const char *const conflicts[] = {" already ", " is resolved", " is open, not resolved", " depend on "};
	int status = 422;
	for (size_t i = 0; i < sizeof conflicts / sizeof conflicts[0]; i++)
		if (strstr(msg, conflicts[i]))
			status = 409;
	if (field[0] && ((strcmp(field, "kind") && strcmp(field, "at")) || body_has(kind, field)))
		snprintf(path, sizeof path, "body.%s", field);
	else
		snprintf(path, sizeof path, "%s", field);
	send_error(r, status, path, msg);
}

/* Content-Type: type, in any case, with or without parameters, which must
 * parse (; name=value ...). 1 with the charset parameter's value, unquoted,
 * in charset (size bytes; "" when there is none), or 0: another type,
 * parameters that do not parse, a charset given twice, empty or too long. */
static int media_charset(const struct req *r, const char *type, char *charset, size_t size)
{
	size_t len, at = 0;
	int seen = 0;
	const char *p = route_media_params(r, type, &len);
	charset[0] = '\0';
	if (!p)
		return 0;
	for (;;) {
		while (at < len && (p[at] == ' ' || p[at] == '\t'))
			at++;
		if (at == len)
			return 1;
		if (p[at] != ';')
			return 0;
		at++;
		while (at < len && (p[at] == ' ' || p[at] == '\t'))
			at++;
		if (at == len)
			return 1; /* a ';' with nothing after it */
		size_t name = at;
		while (at < len && p[at] != '=' && p[at] != ';')
			at++;
		if (at == len || p[at] != '=')
			return 0;
		size_t name_len = at - name, value = ++at;
		while (at < len && p[at] != ';' && p[at] != ' ' && p[at] != '\t')
			at++;
		size_t value_len = at - value;
		const char *val = p + value;
		if (value_len >= 2 && val[0] == '"' && val[value_len - 1] == '"') {
			val++;
			value_len -= 2;
		}
		if (name_len == 7 && !strncasecmp(p + name, "charset", 7)) {
			if (seen++ || !value_len || value_len >= size)
				return 0;
			memcpy(charset, val, value_len);
			charset[value_len] = '\0';
		}
	}
}

static int api_event_post(struct req *r, struct err *e)
{
	struct party p;
	if (partner_param(r, &p, e))
		return -1;
	const h2o_req_t *h = r->h;
	/* JSON is UTF-8 alone (RFC 8259 8.1) */
	char charset[CHARSET_NAME_MAX + 1];
	if (!media_charset(r, "application/json", charset, sizeof charset) ||
	    (charset[0] && strcasecmp(charset, "utf-8") && strcasecmp(charset, "utf8")))
		return fail(r, e, 415, "the body must be application/json, in UTF-8");
	if (h->entity.len > API_MAX_BODY)
		return fail(r, e, 413, "the body is longer than %d bytes", API_MAX_BODY);
	/* the headers before the body: a bad key is said first */
	const char *key;
	if (idempotency_key(r, &key) < 0)
		return fail(r, e, 400, "Idempotency-Key: 1 to %d visible ASCII characters", API_KEY_MAX);
	json_error_t je;
	const char *text = h->entity.base ? h->entity.base : "";
	json_t *req = json_loadb(text, h->entity.len, JSON_REJECT_DUPLICATES, &je);
	if (!req) {
		/* JSON all the same, a string or a number: not the object a request is */
		json_t *scalar = json_loadb(text, h->entity.len, JSON_DECODE_ANY | JSON_REJECT_DUPLICATES, NULL);
		json_decref(scalar);
		if (scalar)
			return fail(r, e, 400, "the request is not a JSON object: send {\"kind\": ..., \"body\": {...}}");
		if (strstr(je.text, "JSON_ALLOW_NUL"))
			return fail(r, e, 400,
			            "the request is not JSON this API takes: the string that ends at byte %d holds \\u0000",
			            je.position);
		return fail(r, e, 400, "the request is not JSON: at byte %d: %s", je.position, je.text);
	}
	struct post post = {.rel = p.id};
	int rc = -1;
	const char *kind = json_string_value(json_object_get(req, "kind"));
	json_t *body = json_object_get(req, "body");
	const char *at = json_string_value(json_object_get(req, "at"));
	const char *extra = NULL, *k;
	json_t *v;
	json_object_foreach(req, k, v)
		if (strcmp(k, "kind") && strcmp(k, "body") && strcmp(k, "at"))
			extra = k;
	if (!json_is_object(req))
		fail(r, e, 400, "the request is not a JSON object: send {\"kind\": ..., \"body\": {...}}");
	else if (extra)
		fail(r, e, 400, "%.40s: not a member of an event to append (kind, at, body)", extra);
	else if (!kind)
		fail(r, e, 422, "kind: say which kind of event (a string)");
	else if (!event_kind_find(kind) || !strcmp(kind, "relationship.open"))
		fail(r, e, 422, "kind: no such kind of event to append: \"%.40s\"", kind);
	else if (!json_is_object(body))
		fail(r, e, 422, "body: the event's fields, as a JSON object");
	else if (json_object_get(req, "at") && !at)
		fail(r, e, 422, "at: a time as text, e.g. 2026-12-01T09:30:00+08:00");
	else
		rc = may_append(r, p.id, kind, body, e);
	if (rc) {
		json_decref(req);
		return -1;
	}
	post.k.key = key;
	post.in.kind = kind;
	post.in.side = side_of(r);
	post.in.author = r->session->email;
	post.in.body = body;
	post.in.at = r->now;
	char tz[sizeof p.tz];
	struct party buyer;
	if (user_tz(r, &p, tz, e)) {
		json_decref(req);
		return -1;
	}
	if (at && instant(r, at, "at", tz, &post.in.at, e)) {
		json_decref(req);
		if (r->fail_status)
			r->fail_status = 422; /* a value in the event that does not read */
		return -1;
	}
	if (!strcmp(kind, "order.add")) {
		/* the deposit: a week after the order, on the buyer's calendar, as
		 * rapport order add and the web app's order form */
		if (r->session->partner && store_buyer_get(r->db, &buyer, e) < 0) {
			json_decref(req);
			return -1;
		}
		const struct zone *bz = fmt_zone(r->fmt, r->session->partner ? buyer.tz : tz, e);
		if (!bz) {
			json_decref(req);
			return -1;
		}
		day_format(zone_day(bz, post.in.at + (int64_t)ORDER_DEPOSIT_DAYS * 86400), post.deposit_due);
	}
	if (key) {
		/* the request, as far as its meaning goes: who, where, what */
		char *canon = json_dumps(req, JSON_COMPACT | JSON_SORT_KEYS);
		idem_hash(&post.k, r->path, canon, strlen(canon), NULL, 0);
		free(canon);
	}
	struct err bad = {0};
	rc = web_write(r, post_write, &post, NULL, &bad);
	if (rc) {
		free(post.k.body);
		if (bad.code != ERR_INPUT) {
			json_decref(req);
			*e = bad;
			return -1;
		}
		refusal(r, kind, json_object_get(req, "body"), &bad);
		json_decref(req);
		return 0;
	}
	json_decref(req);
	idem_send(r, &post.k);
	return 0;
}

/* --- importing a CSV file ------------------------------------------------------------- */

struct import_post {
	struct csv_import ci;
	struct idem k;
};

static int import_write(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	struct import_post *p = ctx;
	int kept = idem_lookup(r, tx, &p->k, e);
	if (kept)
		return kept < 0 ? -1 : 0;
	if (csv_import_run(r, tx, &p->ci, e))
		return -1;
	const struct importer_result *res = &p->ci.res;
	p->k.status = p->ci.dry_run ? 200 : 201;
	json_int_t more = (json_int_t)(res->nwarnings - json_array_size(p->ci.warnings));
	/* a header alone imports nothing, and says so, as the command line does */
	if (!res->rows && !res->skipped)
		json_array_append_new(p->ci.warnings, json_pack("{s:i, s:s}", "row", 1, "message",
		                                                "no rows under the header: nothing to import"));
	json_t *answer = json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:b, s:O, s:I}", "kind", p->ci.kind, "rows",
	                           (json_int_t)res->rows, "events", (json_int_t)res->events, "closed",
	                           (json_int_t)res->closed, "renegotiated", (json_int_t)res->renegotiated, "skipped",
	                           (json_int_t)res->skipped, "dry_run", p->ci.dry_run, "warnings", p->ci.warnings,
	                           "more_warnings", more);
	p->k.body = json_dumps(answer, JSON_COMPACT);
	json_decref(answer);
	if (!p->k.body)
		return err_set(e, ERR_IO, "out of memory");
	return p->ci.dry_run ? 0 : idem_keep(r, tx, &p->k, e);
}

static int api_import(struct req *r, struct err *e)
{
	struct party p;
	if (partner_param(r, &p, e))
		return -1;
	const char *kind = r->param[1];
	if (!import_kind_find(kind))
		return fail(r, e, 404, "no such kind of import: \"%.40s\" (%s)", kind, import_kind_list());
	if (!csv_import_side_may(side_of(r), kind))
		return fail(r, e, 403, "kind: %s are the buyer's to record: a factory's users import contacts, people and "
		            "commitments", kind);
	int dry_run, skip;
	if (query_bool(r, "dry_run", &dry_run, e) || query_bool(r, "skip_recorded", &skip, e))
		return -1;
	const h2o_req_t *h = r->h;
	/* a file in another encoding says so: text/csv; charset=gb18030 */
	char charset[CHARSET_NAME_MAX + 1];
	if (!media_charset(r, "text/csv", charset, sizeof charset))
		return fail(r, e, 415, "the body must be text/csv (in UTF-8, or with its charset)");
	if (charset[0] && !charset_known(charset))
		return fail(r, e, 415, "charset: \"%s\" is not an encoding this server reads (utf-8, gb18030, big5, "
		            "windows-1258, windows-1252, utf-16, ...)", charset);
	if (h->entity.len > CSV_IMPORT_MAX)
		return fail(r, e, 413, "the file is longer than %d bytes: split it, or use rapport import", CSV_IMPORT_MAX);
	const char *key;
	if (idempotency_key(r, &key) < 0)
		return fail(r, e, 400, "Idempotency-Key: 1 to %d visible ASCII characters", API_KEY_MAX);
	struct import_post post = {
		.ci = {.rel = p.id, .kind = kind, .name = "body", .text = h->entity.base ? h->entity.base : "",
		       .len = h->entity.len, .charset = charset[0] ? charset : NULL, .dry_run = dry_run,
		       .skip_recorded = skip, .skip_said = "skip_recorded=true imports only the new rows"},
		.k = {.key = key},
	};
	/* a dry run writes nothing, so it neither keeps nor looks up a key
	 * (the import it checks may use the key before or after it) */
	if (dry_run)
		post.k.key = key = NULL;
	/* the request: where (the path with the kind), how, the charset and the file */
	if (key) {
		/* UTF-8 however spelled is the bytes as they are */
		const char *cs = charset[0] && !charset_is_utf8(charset) ? charset : "";
		char what[16 + sizeof charset];
		int n = snprintf(what, sizeof what, "wet%s%s%s", skip ? " skip" : "", cs[0] ? " " : "", cs);
		for (int i = 4; i < n; i++)
			what[i] = (char)tolower((unsigned char)what[i]); /* GB18030 is gb18030 */
		idem_hash(&post.k, r->path, what, (size_t)n + 1, post.ci.text, post.ci.len);
	}
	if (!csv_import_claim()) {
		req_header(r, "retry-after", CSV_IMPORT_RETRY);
		return fail(r, e, 429, "another file is being imported: try again in a few seconds (Retry-After)");
	}
	struct err bad = {0};
	int rc = web_write(r, import_write, &post, NULL, &bad);
	csv_import_release_claim();
	if (rc) {
		free(post.k.body);
		if (bad.code != ERR_INPUT) {
			csv_import_release(&post.ci);
			*e = bad;
			return -1;
		}
		/* the first bad row is the error; all of them follow */
		json_t *first = json_array_get(post.ci.bad, 0);
		const char *summary = !strncmp(bad.msg, "body: ", 6) ? bad.msg + 6 : bad.msg;
		char msg[sizeof bad.msg + 64];
		const char *field = NULL;
		if (first) {
			field = json_string_value(json_object_get(first, "field"));
			snprintf(msg, sizeof msg, "row %lld: %s%s%s%s (%s)",
			         (long long)json_integer_value(json_object_get(first, "row")), field ? "column \"" : "",
			         field ? field : "", field ? "\": " : "", json_string_value(json_object_get(first, "message")),
			         summary);
		} else {
			snprintf(msg, sizeof msg, "%s", summary);
		}
		json_t *err = json_pack("{s:s, s:s?, s:s}", "code", "invalid", "field", field, "message", msg);
		json_t *answer = json_pack("{s:o, s:o}", "error", err, "rows",
		                           post.ci.bad ? json_incref(post.ci.bad) : json_array());
		csv_import_release(&post.ci);
		send_json(r, 422, answer);
		return 0;
	}
	csv_import_release(&post.ci);
	idem_send(r, &post.k);
	return 0;
}

/* --- the table and the dispatch --------------------------------------------------------- */

const struct api_route api_routes[] = {
	{"GET", "/api/v1/me", api_me, 0},
	{"GET", "/api/v1/partners", api_partners, 0},
	{"GET", "/api/v1/partners/{id}", api_partner, 0},
	{"GET", "/api/v1/partners/{id}/events", api_events, 0},
	{"POST", "/api/v1/partners/{id}/events", api_event_post, 1},
	{"GET", "/api/v1/partners/{id}/events/{event}", api_event, 0},
	{"POST", "/api/v1/partners/{id}/import/{kind}", api_import, 1},
	{"GET", "/api/v1/partners/{id}/scores", api_scores, 0},
	{"GET", "/api/v1/partners/{id}/scores/series", api_series, 0},
	{"GET", "/api/v1/partners/{id}/people", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/commitments", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/orders", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/updates", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/issues", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/actions", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/visits", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/suggestions", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/specs", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/payments", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/greetings", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/closures", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/contacts", api_listing, 0},
	{"GET", "/api/v1/partners/{id}/holidays", api_holidays, 0},
	{"GET", "/api/v1/partners/{id}/slots", api_slots, 0},
	{"GET", "/api/v1/agenda", api_agenda, 0},
};

const size_t api_route_count = sizeof api_routes / sizeof api_routes[0];
_Static_assert(offsetof(struct api_route, method) == 0 && offsetof(struct api_route, pattern) == sizeof(const char *),
               "route_allow reads an API route as a method and a pattern");

int api_path(const char *path)
{
	return !strncmp(path, "/api/", 5);
}

/* The token of "Authorization: Bearer TOKEN" (the scheme in any case), or
 * NULL. */
static const char *bearer(struct req *r)
{
	ssize_t i = h2o_find_header(&r->h->headers, H2O_TOKEN_AUTHORIZATION, -1);
	if (i == -1)
		return NULL;
	const h2o_iovec_t *v = &r->h->headers.entries[i].value;
	if (v->len < 8 || strncasecmp(v->base, "Bearer ", 7))
		return NULL;
	size_t off = 7;
	while (off < v->len && v->base[off] == ' ')
		off++;
	return h2o_strdup(r->pool, v->base + off, v->len - off).base;
}

void api_dispatch(struct req *r, int *reading)
{
	struct err e = {0};
	const struct api_route *rt = NULL;
	struct route_span spans[REQ_MAX_PARAMS];
	int n = 0;
	for (size_t i = 0; i < api_route_count && !rt; i++)
		if (route_match(api_routes[i].pattern, r->path, spans, &n) && route_method_is(r, api_routes[i].method))
			rt = &api_routes[i];
	if (!rt) {
		const char *allow = route_allow(r, api_routes, api_route_count, sizeof api_routes[0]);
		if (*allow) {
			req_header(r, "allow", allow);
			send_error(r, 405, NULL, "this resource does not take that method");
		} else {
			send_error(r, 404, NULL, "no such resource (see docs/openapi.yaml)");
		}
		return;
	}
	for (int i = 0; i < n; i++)
		r->param[i] = h2o_strdup(r->pool, r->path + spans[i].off, spans[i].len).base;
	r->nparam = n;

	struct session_user *u = h2o_mem_alloc_pool(r->pool, sizeof(struct session_user));
	int big = 0;
	if (route_read_query(r, &big, &e)) {
		/* "form: more than 512 fields", "form: kind: not UTF-8 text": the
		 * parameter at fault, when one is */
		char field[64];
		const char *msg = layout_error_split(!strncmp(e.msg, "form: ", 6) ? e.msg + 6 : e.msg, field, sizeof field);
		char text[sizeof e.msg + 32];
		snprintf(text, sizeof text, "the query string: %s", msg);
		send_error(r, 400, field, text);
		return;
	}
	/* a parameter given twice says two things: which one was meant? */
	for (size_t i = 0; i < r->query.n; i++)
		if (form_count(&r->query, r->query.f[i].name) > 1) {
			char text[160];
			snprintf(text, sizeof text, "given more than once: send %.40s once", r->query.f[i].name);
			send_error(r, 400, r->query.f[i].name, text);
			return;
		}
	if (db_read_begin(r->db, &e)) {
		log_error("api: %s", e.msg);
		send_error(r, 500, NULL, "something went wrong on the server; it has been logged");
		return;
	}
	*reading = 1;
	const char *token = bearer(r);
	int found = token ? token_lookup(r->db, token, u, &e) : 0;
	if (found < 0) {
		log_error("api: %s", e.msg);
		send_error(r, 500, NULL, "something went wrong on the server; it has been logged");
		return;
	}
	if (!found) {
		send_error(r, 401, NULL,
		           token ? "the token is unknown or revoked" : "send a token: Authorization: Bearer TOKEN (rapport token add)");
		return;
	}
	r->session = u;
	if (rt->writes && !session_can_write(u)) {
		send_error(r, 403, NULL, "this token's user may read the record but not change it");
		return;
	}
	r->fail_status = 0;
	if (rt->handle(r, &e) == 0)
		return;
	if (e.code == ERR_INPUT) {
		char field[64];
		static const char key[] = "Idempotency-Key: "; /* a header, not a field */
		const char *msg = layout_error_split(e.msg, field, sizeof field);
		char inner[56];
		const char *rest;
		if (!strncmp(e.msg, key, sizeof key - 1)) {
			snprintf(field, sizeof field, "%.*s", (int)sizeof key - 3, key);
			msg = e.msg + sizeof key - 1;
		} else if (!strncmp(e.msg, "body.", 5) &&
		           (rest = layout_error_split(e.msg + 5, inner, sizeof inner)) != e.msg + 5) {
			/* a field of the event's body: "body.seq: ..." */
			msg = rest;
			snprintf(field, sizeof field, "body.%s", inner);
		}
		send_error(r, r->fail_status >= 400 && r->fail_status < 500 ? r->fail_status : 400, field, msg);
		return;
	}
	log_error("api %s %s: %s", rt->method, rt->pattern, e.msg);
	send_error(r, 500, NULL, "something went wrong on the server; it has been logged");
}
