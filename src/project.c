/* project.c - turns each event into rows of the current-state tables that
 * pages and scores read. check() enforces the state rules (no keeping a
 * broken commitment, no paying twice, ...) before anything is written;
 * apply() runs inside ledger_append's transaction and during rebuild. It
 * never writes events. Every kind has a row in the table at the bottom. */
#include "project.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "calendar/zone.h"
#include "scores.h"
#include "store/contacts.h"
#include "store/domain.h"
#include "store/events.h"
#include "evidence.h"
#include "store/parties.h"
#include "trust.h"
#include "util/time.h"

/* Defaults for settings not agreed yet (DESIGN.md section 1). */
static const struct project_settings defaults = {
	.cadence = "weekly:MON@09:00",
	.gap_ideal = 7,
	.gap_max = 14,
	.ack_sla = 48,
	.freeze_days = 14,
	.payment_terms = 30,
	.deposit_pct = 30,
};

/* An update counts for a slot from 24 h before it until 24 h after. */
#define SLOT_WINDOW (24 * 3600)

typedef int (*step_fn)(struct db *db, const struct event *ev, const json_t *body, struct err *e);

static const char *str(const json_t *o, const char *key)
{
	return json_string_value(json_object_get(o, key));
}

static int64_t num(const json_t *o, const char *key)
{
	return (int64_t)json_integer_value(json_object_get(o, key));
}

static int flag(const json_t *o, const char *key)
{
	return json_is_true(json_object_get(o, key));
}

/* 0 when the write succeeded, -1 otherwise. */
static int ok(int changes)
{
	return changes < 0 ? -1 : 0;
}

int project_settings_get(struct db *db, int64_t rel, struct project_settings *s, struct err *e)
{
	struct store_row row;
	*s = defaults;
	int r = store_row(db, store_sql[SQL_SETTINGS_GET], e, &row, "i", rel);
	if (r <= 0)
		return r;
	if (!row.null[0])
		snprintf(s->cadence, sizeof s->cadence, "%.63s", row.t[0]);
	int64_t *fields[] = {NULL, &s->gap_ideal, &s->gap_max, &s->ack_sla, &s->freeze_days, &s->payment_terms,
	                     &s->deposit_pct, &s->cadence_since};
	for (int c = 1; c < 8; c++)
		if (!row.null[c])
			*fields[c] = row.i[c];
	if ((r = store_row(db, store_sql[SQL_SETTINGS_CALENDAR_GET], e, &row, "i", rel)) <= 0)
		return r;
	char *cal[] = {s->workweek, s->hours, s->buyer_workweek, s->buyer_hours};
	for (int c = 0; c < 4; c++)
		snprintf(cal[c], sizeof s->workweek, "%.31s", row.null[c] ? "" : row.t[c]);
	return 0;
}

static int partner_tz(struct db *db, int64_t rel, char tz[65], struct err *e)
{
	struct store_row row;
	int r = store_row(db, store_sql[SQL_PARTNER_TZ], e, &row, "i", rel);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "partner: no partner with id %lld", (long long)rel);
	snprintf(tz, 65, "%.64s", row.t[0]);
	return 0;
}

int64_t project_update_slot(const char *cadence, const char *tz, int64_t at)
{
	unsigned days;
	int minutes;
	struct zone *z;
	struct err ignored = {0};
	/* calendar/zone.c rather than TZ: thread-safe, and a local time that
	 * happened twice is the first, as in evidence.c's missed slots */
	if (event_cadence_parse(cadence, &days, &minutes) || zone_load(tz, &z, &ignored))
		return 0;
	/* the latest slot at or before at + window, walking back local days */
	int64_t limit = at + SLOT_WINDOW, slot = 0;
	long today = zone_day(z, limit);
	for (int back = 0; back < 9 && !slot; back++) {
		long day = today - back;
		if (!(days & (1u << ((day_weekday(day) + 6) % 7)))) /* bit 0 = Monday */
			continue;
		int y, m, d;
		day_to_ymd(day, &y, &m, &d);
		int64_t s = zone_from_local(z, y, m, d, minutes * 60);
		if (s <= limit)
			slot = s;
	}
	zone_free(z);
	return slot;
}

/* Every F_REF / F_REFS field must name an entity of the same relationship. */
static int check_refs(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	const struct event_kind *k = event_kind_find(ev->kind);
	for (const struct field *f = k->fields; f->name; f++) {
		json_t *v = json_object_get(body, f->name);
		if (!v || (f->type != F_REF && f->type != F_REFS))
			continue;
		size_t n = f->type == F_REFS ? json_array_size(v) : 1;
		for (size_t i = 0; i < n; i++) {
			int64_t id = (int64_t)json_integer_value(f->type == F_REFS ? json_array_get(v, i) : v), rel = 0;
			int r = store_entity_rel(db, f->entity, id, &rel, e);
			if (r < 0)
				return -1;
			if (r == 0 || rel != ev->rel)
				return err_set(e, ERR_INPUT, "%s: no %s with id %lld for this partner", f->name, f->entity,
				               (long long)id);
		}
	}
	return 0;
}

/* --- relationship.open, settings, contact ------------------------------ */

static int apply_open(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct party p = {.id = ev->rel, .since = ev->at};
	const char *city = str(body, "city");
	snprintf(p.name, sizeof p.name, "%s", str(body, "name"));
	snprintf(p.country, sizeof p.country, "%s", str(body, "country"));
	snprintf(p.tz, sizeof p.tz, "%s", str(body, "tz"));
	snprintf(p.city, sizeof p.city, "%s", city ? city : "");
	if (store_partner_insert(db, &p, e))
		return -1;
	return ok(store_run(db, store_sql[SQL_SETTINGS_OPEN], e, "i", ev->rel));
}

static int check_settings(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct project_settings s;
	if (project_settings_get(db, ev->rel, &s, e))
		return -1;
	int64_t ideal = json_object_get(body, "gap_ideal") ? num(body, "gap_ideal") : s.gap_ideal;
	int64_t max = json_object_get(body, "gap_max") ? num(body, "gap_max") : s.gap_max;
	if (ideal > max)
		return err_set(e, ERR_INPUT, "gap_ideal: %lld days is longer than gap_max (%lld days)", (long long)ideal,
		               (long long)max);
	return 0;
}

/* An absent setting binds 0, which the update turns into "unchanged". */
static int64_t opt(const json_t *o, const char *key)
{
	return json_object_get(o, key) ? num(o, key) : 0;
}

static int apply_settings(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	/* 0 is a legal freeze window and payment term: bind those as text so
	 * that NULL, not 0, means "unchanged" */
	char freeze[24], terms[24], deposit[24];
	snprintf(freeze, sizeof freeze, "%lld", (long long)num(body, "freeze_days"));
	snprintf(terms, sizeof terms, "%lld", (long long)num(body, "payment_terms"));
	snprintf(deposit, sizeof deposit, "%lld", (long long)num(body, "deposit_pct"));
	if (store_run(db, store_sql[SQL_SETTINGS_SET], e, "itIIItttI", ev->rel, str(body, "cadence"),
	              opt(body, "gap_ideal"), opt(body, "gap_max"), opt(body, "ack_sla"),
	              json_object_get(body, "freeze_days") ? freeze : NULL,
	              json_object_get(body, "payment_terms") ? terms : NULL,
	              json_object_get(body, "deposit_pct") ? deposit : NULL, ev->at) < 0)
		return -1;
	return ok(store_run(db, store_sql[SQL_SETTINGS_CALENDAR_SET], e, "itttt", ev->rel, str(body, "workweek"),
	                    str(body, "hours"), str(body, "buyer_workweek"), str(body, "buyer_hours")));
}

static int apply_contact(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct contact c = {
		.event_id = ev->id,
		.rel = ev->rel,
		.by_side = str(body, "by"),
		.kind = str(body, "kind"),
		.at = ev->at,
		.note = str(body, "note"),
	};
	return store_contact_insert(db, &c, e);
}

/* --- people and commitments -------------------------------------------- */

static int apply_person(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_PERSON_INSERT], e, "iitttti", ev->id, ev->rel, str(body, "side"),
	                    str(body, "name"), str(body, "role"), str(body, "lang"), ev->at));
}

static int apply_commitment(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_COMMITMENT_INSERT], e, "iitttIti", ev->id, ev->rel, str(body, "side"),
	                    str(body, "what"), str(body, "due"), opt(body, "order"), str(body, "milestone"), ev->at));
}

/* The commitment must still be open. */
static int check_open_commitment(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct store_row row;
	int64_t id = num(body, "commitment");
	int r = store_row(db, store_sql[SQL_COMMITMENT_GET], e, &row, "i", id);
	if (r <= 0)
		return -1; /* check_refs has already refused a missing one */
	if (strcmp(row.t[0], "open"))
		return err_set(e, ERR_INPUT, "commitment: #%lld is already %s", (long long)id, row.t[0]);
	if (!strcmp(ev->kind, "commitment.renegotiate") && !strcmp(row.t[1], str(body, "due")))
		return err_set(e, ERR_INPUT, "due: commitment #%lld is already due on %s", (long long)id, row.t[1]);
	return 0;
}

static int apply_keep(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_COMMITMENT_KEEP], e, "ii", num(body, "commitment"), ev->at));
}

static int apply_renegotiate(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	/* agreed after the old due date passed: it counts as late */
	char today[11];
	day_format(day_of_time(ev->at), today); /* UTC, without TZ */
	if (store_run(db, store_sql[SQL_RENEGOTIATION_INSERT], e, "iiti", ev->id, ev->at, str(body, "due"),
	              num(body, "commitment")) < 0)
		return -1;
	return ok(store_run(db, store_sql[SQL_COMMITMENT_RENEGOTIATE], e, "itt", num(body, "commitment"),
	                    str(body, "due"), today));
}

static int apply_break(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_COMMITMENT_BREAK], e, "iit", num(body, "commitment"), ev->at,
	                    str(body, "reason")));
}

/* --- orders, updates ------------------------------------------------------ */

static int check_order(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct store_row row;
	int r = store_row(db, store_sql[SQL_ORDER_BY_PO], e, &row, "it", ev->rel, str(body, "po"));
	if (r < 0)
		return -1;
	return r ? err_set(e, ERR_INPUT, "po: order %s already exists (#%lld)", str(body, "po"), (long long)row.i[0]) : 0;
}

static int apply_order(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_ORDER_INSERT], e, "iittittti", ev->id, ev->rel, str(body, "po"),
	                    str(body, "style"), num(body, "qty"), str(body, "price"), str(body, "currency"),
	                    str(body, "ex_factory"), ev->at));
}

static int apply_update(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct project_settings s;
	char tz[65];
	if (project_settings_get(db, ev->rel, &s, e) || partner_tz(db, ev->rel, tz, e))
		return -1;
	int64_t slot = project_update_slot(s.cadence, tz, ev->at);
	int on_time = slot && ev->at >= slot - SLOT_WINDOW && ev->at <= slot + SLOT_WINDOW;
	return ok(store_run(db, store_sql[SQL_UPDATE_INSERT], e, "iiititttIb", ev->id, ev->rel, ev->at,
	                    str(body, "status"), num(body, "progress"), str(body, "next"), str(body, "blockers"),
	                    str(body, "needs"), slot, on_time));
}

/* --- issues and their actions ---------------------------------------------- */

static int apply_issue(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_ISSUE_INSERT], e, "iittttti", ev->id, ev->rel, str(body, "title"),
	                    str(body, "severity"), str(body, "responsible"), str(body, "disclosure"), str(body, "note"),
	                    ev->at));
}

static int check_issue_state(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct store_row row;
	int64_t id = num(body, "issue");
	if (store_row(db, store_sql[SQL_ISSUE_GET], e, &row, "i", id) <= 0)
		return -1;
	int open = !strcmp(row.t[0], "open");
	if (!strcmp(ev->kind, "issue.reopen"))
		return open ? err_set(e, ERR_INPUT, "issue: #%lld is open, not resolved", (long long)id) : 0;
	if (!open)
		return err_set(e, ERR_INPUT, "issue: #%lld is resolved; reopen it first (rapport issue reopen %lld)",
		               (long long)id, (long long)id);
	if (!strcmp(ev->kind, "issue.ack") && !row.null[1])
		return err_set(e, ERR_INPUT, "issue: #%lld is already acknowledged", (long long)id);
	return 0;
}

static int apply_issue_ack(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_ISSUE_ACK], e, "ii", num(body, "issue"), ev->at));
}

static int apply_issue_resolve(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_ISSUE_RESOLVE], e, "ii", num(body, "issue"), ev->at));
}

static int apply_issue_reopen(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	(void)ev;
	return ok(store_run(db, store_sql[SQL_ISSUE_REOPEN], e, "i", num(body, "issue")));
}

static int apply_action(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_ACTION_INSERT], e, "iiittt", ev->id, ev->rel, num(body, "issue"),
	                    str(body, "owner"), str(body, "what"), str(body, "due")));
}

static int check_action_done(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	(void)ev;
	struct store_row row;
	int64_t id = num(body, "action");
	if (store_row(db, store_sql[SQL_ACTION_GET], e, &row, "i", id) <= 0)
		return -1;
	if (row.i[0])
		return err_set(e, ERR_INPUT, "action: #%lld is already done", (long long)id);
	if (strcmp(row.t[1], "open"))
		return err_set(e, ERR_INPUT, "action: its issue is resolved; reopen it first");
	return 0;
}

static int apply_action_done(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_ACTION_DONE], e, "ii", num(body, "action"), ev->at));
}

/* --- visits and suggestions ------------------------------------------------ */

static int apply_visit(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	if (store_run(db, store_sql[SQL_VISIT_INSERT], e, "iittti", ev->id, ev->rel, str(body, "by"), str(body, "date"),
	              str(body, "note"), ev->at) < 0)
		return -1;
	json_t *met = json_object_get(body, "met");
	for (size_t i = 0; i < json_array_size(met); i++)
		if (store_run(db, store_sql[SQL_VISIT_PERSON], e, "ii", ev->id,
		              (int64_t)json_integer_value(json_array_get(met, i))) < 0)
			return -1;
	return 0;
}

static int apply_suggestion(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_SUGGESTION_INSERT], e, "iiiIti", ev->id, ev->rel, num(body, "person"),
	                    opt(body, "visit"), str(body, "text"), ev->at));
}

static int check_respond(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	(void)ev;
	struct store_row row;
	int64_t id = num(body, "suggestion");
	if (store_row(db, store_sql[SQL_SUGGESTION_GET], e, &row, "i", id) <= 0)
		return -1;
	if (!row.null[0])
		return err_set(e, ERR_INPUT, "suggestion: #%lld was already answered (%s)", (long long)id, row.t[0]);
	if (!strcmp(str(body, "outcome"), "declined") && !json_object_get(body, "reason"))
		return err_set(e, ERR_INPUT, "reason: required when a suggestion is declined");
	return 0;
}

static int apply_respond(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_SUGGESTION_RESPOND], e, "itit", num(body, "suggestion"),
	                    str(body, "outcome"), ev->at, str(body, "reason")));
}

/* --- specs ----------------------------------------------------------------- */

static int check_spec(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct store_row row;
	int r = store_row(db, store_sql[SQL_SPEC_EXISTS], e, &row, "itt", ev->rel, str(body, "style"),
	                  str(body, "version"));
	if (r < 0)
		return -1;
	return r ? err_set(e, ERR_INPUT, "version: %s v%s is already published", str(body, "style"), str(body, "version"))
	         : 0;
}

static int apply_spec(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_SPEC_INSERT], e, "iittti", ev->id, ev->rel, str(body, "style"),
	                    str(body, "version"), str(body, "production_start"), ev->at));
}

static int check_spec_change(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct store_row row;
	int r = store_row(db, store_sql[SQL_SPEC_LATEST], e, &row, "it", ev->rel, str(body, "style"));
	if (r < 0)
		return -1;
	return r ? 0 : err_set(e, ERR_INPUT, "style: no spec published for %s (rapport spec publish)", str(body, "style"));
}

static int apply_spec_change(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	struct store_row row;
	struct project_settings s;
	if (store_row(db, store_sql[SQL_SPEC_LATEST], e, &row, "it", ev->rel, str(body, "style")) <= 0 ||
	    project_settings_get(db, ev->rel, &s, e))
		return -1;
	/* whole days of notice before production starts (negative: after) */
	int64_t start = time_date_utc(row.t[0]);
	int64_t notice = start >= ev->at ? (start - ev->at) / 86400 : -((ev->at - start + 86399) / 86400);
	return ok(store_run(db, store_sql[SQL_SPEC_CHANGE_INSERT], e, "iittibib", ev->id, ev->rel, str(body, "style"),
	                    str(body, "what"), ev->at, flag(body, "agreed"), notice, notice < s.freeze_days));
}

/* --- payments, greetings ------------------------------------------------------ */

static int apply_payment(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_PAYMENT_INSERT], e, "iitttIt", ev->id, ev->rel, str(body, "amount"),
	                    str(body, "currency"), str(body, "due"), opt(body, "order"), str(body, "label")));
}

static int check_paid(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	(void)ev;
	struct store_row row;
	int64_t id = num(body, "payment");
	if (store_row(db, store_sql[SQL_PAYMENT_GET], e, &row, "i", id) <= 0)
		return -1;
	return row.null[0] ? 0 : err_set(e, ERR_INPUT, "payment: #%lld is already paid", (long long)id);
}

static int apply_paid(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_PAYMENT_PAID], e, "iit", num(body, "payment"), ev->at,
	                    str(body, "amount")));
}

/* --- closures ------------------------------------------------------------------- */

/* A closure runs forwards and for at most a year: longer is a typo. */
static int check_closure(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	(void)db;
	(void)ev;
	int y1, m1, d1, y2, m2, d2;
	struct err ignored;
	time_parse_date(str(body, "from"), "from", &y1, &m1, &d1, &ignored);
	time_parse_date(str(body, "to"), "to", &y2, &m2, &d2, &ignored);
	long days = day_from_ymd(y2, m2, d2) - day_from_ymd(y1, m1, d1);
	if (days < 0)
		return err_set(e, ERR_INPUT, "to: %s is before from (%s)", str(body, "to"), str(body, "from"));
	if (days >= 366)
		return err_set(e, ERR_INPUT, "to: a closure of %lld days; at most 366", (long long)days + 1);
	return 0;
}

static int apply_closure(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_CLOSURE_INSERT], e, "iitttti", ev->id, ev->rel, str(body, "from"),
	                    str(body, "to"), str(body, "reason"), ev->side, ev->at));
}

static int apply_greet(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_GREETING_INSERT], e, "iittti", ev->id, ev->rel, str(body, "by"),
	                    str(body, "occasion"), str(body, "note"), ev->at));
}

/* --- the trust model -------------------------------------------------------------- */

static int check_weights(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	(void)db;
	(void)ev;
	struct trust_model m;
	trust_model_default(&m);
	return trust_model_set(&m, str(body, "key"), atof(str(body, "value")), e);
}

static int apply_weights(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	return ok(store_run(db, store_sql[SQL_WEIGHTS_INSERT], e, "iitti", ev->id, ev->rel, str(body, "key"),
	                    str(body, "value"), ev->at));
}

static int model_row(void *ctx, const struct store_row *row)
{
	/* a value the model refuses now was valid when recorded: keep the rest */
	struct err ignored;
	trust_model_set(ctx, row->t[0], atof(row->t[1]), &ignored);
	return 0;
}

int project_model(struct db *db, int64_t rel, int64_t as_of, struct trust_model *m, struct err *e)
{
	trust_model_default(m);
	return rel ? store_each(db, store_sql[SQL_WEIGHTS_FOR], e, model_row, m, "ii", rel, as_of)
	           : store_each(db, store_sql[SQL_WEIGHTS_LATEST], e, model_row, m, "");
}

/* --- corrections ------------------------------------------------------------------ */

/* Kinds whose event creates an entity that a correction can void, and the
 * query that says whether later events already depend on it. */
static const struct {
	const char *kind, *entity;
	/* counts later entities or state changes that depend on it;
	 * SQL__COUNT when nothing can */
	enum store_sql_id dependents;
	/* the kind's own rules a corrected body must still meet; NULL: none */
	step_fn recheck;
} voidable[] = {
	{"contact", "contact", SQL__COUNT, NULL},
	{"person.add", "person", SQL_PERSON_DEPENDENTS, NULL},
	{"commitment.add", "commitment", SQL_COMMITMENT_MOVED, NULL},
	{"order.add", "order", SQL_ORDER_DEPENDENTS, NULL},
	{"update.submit", "update", SQL__COUNT, NULL},
	{"issue.raise", "issue", SQL_ISSUE_MOVED, NULL},
	{"issue.action", "action", SQL_ACTION_MOVED, NULL},
	{"visit.add", "visit", SQL_VISIT_DEPENDENTS, NULL},
	{"suggestion.add", "suggestion", SQL_SUGGESTION_MOVED, NULL},
	{"spec.publish", "spec", SQL__COUNT, NULL},
	{"payment.due", "payment", SQL_PAYMENT_MOVED, NULL},
	{"greet", "greeting", SQL__COUNT, NULL},
	{"closure.add", "closure", SQL__COUNT, check_closure},
};

static int find_voidable(const char *kind)
{
	for (size_t i = 0; i < sizeof voidable / sizeof voidable[0]; i++)
		if (!strcmp(voidable[i].kind, kind))
			return (int)i;
	return -1;
}

/* The corrected event's body as it stands: the original with every earlier
 * correction's changes, then `set` (may be NULL) on top. Caller frees. */
static json_t *corrected_body(struct db *db, int64_t rel, int64_t seq, const struct stored_event *t, const json_t *set,
                              struct err *e)
{
	json_t *body = json_loads(t->body ? t->body : "", 0, NULL);
	if (!body) {
		err_set(e, ERR_CHECK, "event %lld: its body is not JSON (run rapport verify)", (long long)seq);
		return NULL;
	}
	struct store_row row;
	if (store_row(db, store_sql[SQL_CORRECTION_PATCHES], e, &row, "ii", rel, seq) < 0) {
		json_decref(body);
		return NULL;
	}
	json_t *patches = json_loads(row.t[0], 0, NULL);
	for (size_t i = 0; i < json_array_size(patches); i++)
		json_object_update(body, json_array_get(patches, i));
	json_decref(patches);
	if (set)
		json_object_update(body, (json_t *)set);
	return body;
}

static int check_correct(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	int64_t seq = num(body, "seq");
	const json_t *set = json_object_get(body, "set");
	struct stored_event t;
	struct store_row row;
	int r = store_event_at(db, ev->rel, seq, &t, e);
	if (r < 0)
		return -1;
	if (r == 0)
		return err_set(e, ERR_INPUT, "seq: this partner's record has no event %lld", (long long)seq);
	int rc = 0;
	if (!strcmp(t.kind, "correct") || !strcmp(t.kind, "relationship.open")) {
		rc = err_set(e, ERR_INPUT, "seq: event %lld (%s) cannot be corrected", (long long)seq, t.kind);
		goto out;
	}
	if (flag(body, "void") && set) {
		rc = err_set(e, ERR_INPUT, "void: either withdraw the event or change its fields, not both");
		goto out;
	}
	if (!flag(body, "void") && !set)
		goto out; /* a note that the event was wrong, changing nothing */
	int v = find_voidable(t.kind);
	if (v < 0) {
		rc = err_set(e, ERR_INPUT, "seq: event %lld (%s) records an outcome; record the right outcome instead",
		             (long long)seq, t.kind);
		goto out;
	}
	if ((rc = store_row(db, store_sql[SQL_CORRECTION_VOIDED], e, &row, "ii", ev->rel, seq)) < 0)
		goto out;
	int64_t rel;
	if (row.i[0] || (rc = store_entity_rel(db, voidable[v].entity, t.id, &rel, e)) == 0) {
		rc = err_set(e, ERR_INPUT, "seq: event %lld is already void", (long long)seq);
		goto out;
	}
	if (rc < 0)
		goto out;
	rc = 0;
	if (voidable[v].dependents != SQL__COUNT) {
		if ((rc = store_row(db, store_sql[voidable[v].dependents], e, &row, "i", t.id)) < 0)
			goto out;
		rc = 0;
		if (row.i[0]) {
			rc = err_set(e, ERR_INPUT, "seq: later events depend on the %s of event %lld; correct those first",
			             voidable[v].entity, (long long)seq);
			goto out;
		}
	}
	if (set) {
		/* the corrected body must be a valid event of its kind */
		json_t *merged = corrected_body(db, ev->rel, seq, &t, set, e);
		struct event probe = {.rel = ev->rel, .kind = t.kind, .at = t.at, .seq = seq};
		rc = !merged || event_validate(t.kind, merged, e) || check_refs(db, &probe, merged, e) ||
		             (voidable[v].recheck && voidable[v].recheck(db, &probe, merged, e))
		         ? -1
		         : 0;
		json_decref(merged);
	}
out:
	free(t.body);
	return rc;
}

static int apply_correct(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	int64_t seq = num(body, "seq");
	const json_t *set = json_object_get(body, "set");
	struct stored_event t = {0};
	char *patch = set ? json_dumps(set, JSON_COMPACT | JSON_SORT_KEYS) : NULL;
	int rc = -1;
	if (store_event_at(db, ev->rel, seq, &t, e) <= 0)
		goto out;
	/* the changes as they stood before this correction */
	json_t *merged = set ? corrected_body(db, ev->rel, seq, &t, set, e) : NULL;
	if (store_run(db, store_sql[SQL_CORRECTION_INSERT], e, "iiitbti", ev->id, ev->rel, seq, str(body, "reason"),
	              flag(body, "void"), patch, ev->at) < 0)
		goto done;
	int v = find_voidable(t.kind);
	if (!flag(body, "void") && !set) {
		rc = 0;
		goto done;
	}
	if (v < 0 || store_entity_void(db, voidable[v].entity, t.id, e))
		goto done;
	if (!set) {
		rc = 0;
		goto done;
	}
	/* the entity again, as if it had been recorded right */
	struct event again = {.id = t.id, .rel = ev->rel, .seq = seq, .kind = t.kind, .at = t.at, .side = t.side,
	                      .side_len = strlen(t.side)};
	rc = merged ? project_apply(db, &again, merged, e) : -1;
done:
	json_decref(merged);
out:
	free(patch);
	free(t.body);
	return rc;
}

/* --- the table ----------------------------------------------------------------- */

static const struct {
	const char *kind;
	step_fn check; /* state rules, before anything is written; NULL: none */
	step_fn apply;
} projections[] = {
	{"relationship.open", NULL, apply_open},
	{"settings", check_settings, apply_settings},
	{"contact", NULL, apply_contact},
	{"person.add", NULL, apply_person},
	{"commitment.add", NULL, apply_commitment},
	{"commitment.keep", check_open_commitment, apply_keep},
	{"commitment.renegotiate", check_open_commitment, apply_renegotiate},
	{"commitment.break", check_open_commitment, apply_break},
	{"order.add", check_order, apply_order},
	{"update.submit", NULL, apply_update},
	{"issue.raise", NULL, apply_issue},
	{"issue.ack", check_issue_state, apply_issue_ack},
	{"issue.action", check_issue_state, apply_action},
	{"issue.action_done", check_action_done, apply_action_done},
	{"issue.resolve", check_issue_state, apply_issue_resolve},
	{"issue.reopen", check_issue_state, apply_issue_reopen},
	{"visit.add", NULL, apply_visit},
	{"suggestion.add", NULL, apply_suggestion},
	{"suggestion.respond", check_respond, apply_respond},
	{"spec.publish", check_spec, apply_spec},
	{"spec.change", check_spec_change, apply_spec_change},
	{"payment.due", NULL, apply_payment},
	{"payment.paid", check_paid, apply_paid},
	{"greet", NULL, apply_greet},
	{"closure.add", check_closure, apply_closure},
	{"weights.set", check_weights, apply_weights},
	{"correct", check_correct, apply_correct},
};

static int find(const char *kind)
{
	for (size_t i = 0; i < sizeof projections / sizeof projections[0]; i++)
		if (!strcmp(projections[i].kind, kind))
			return (int)i;
	return -1;
}

int project_knows(const char *kind)
{
	return find(kind) >= 0;
}

int project_check(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	int i = find(ev->kind);
	if (i < 0)
		return err_set(e, ERR_INPUT, "kind: no projection for \"%s\"", ev->kind);
	if (check_refs(db, ev, body, e))
		return -1;
	return projections[i].check ? projections[i].check(db, ev, body, e) : 0;
}

/* --- the current-scores projection ------------------------------------------------- */

/* Which record's evidence an event changes: the one it creates (ref NULL)
 * or the one it names. Not commitment.add nor payment.due: a promise or a
 * payment is made open, with no outcome recorded, so its recorded
 * evidence is none (what it says once overdue is open evidence, which the
 * current-scores projection does not hold); its outcomes are tracked. */
static const struct {
	const char *kind, *entity, *ref;
} tracked[] = {
	{"commitment.keep", "commitment", "commitment"},
	{"commitment.renegotiate", "commitment", "commitment"}, {"commitment.break", "commitment", "commitment"},
	{"update.submit", "update", NULL},         {"issue.raise", "issue", NULL},
	{"issue.ack", "issue", "issue"},           {"issue.resolve", "issue", "issue"},
	{"issue.reopen", "issue", "issue"},
	{"payment.paid", "payment", "payment"},    {"spec.change", "spec_change", NULL},
	{"visit.add", "visit", NULL},              {"suggestion.add", "suggestion", NULL},
	{"suggestion.respond", "suggestion", "suggestion"}, {"greet", "greeting", NULL},
};

/* *creates: the event creates the record (its id is the event's), so the
 * record has no evidence before it. */
static int track_target(struct db *db, const struct event *ev, const json_t *body, const char **entity, int64_t *id,
                        int *creates, struct err *e)
{
	*entity = NULL;
	*creates = 0;
	for (size_t i = 0; i < sizeof tracked / sizeof tracked[0]; i++) {
		if (strcmp(tracked[i].kind, ev->kind))
			continue;
		*entity = tracked[i].entity;
		*id = tracked[i].ref ? num(body, tracked[i].ref) : ev->id;
		*creates = !tracked[i].ref;
		return 0;
	}
	if (strcmp(ev->kind, "correct"))
		return 0;
	/* a correction changes the record of the event it corrects */
	struct stored_event t;
	int r = store_event_at(db, ev->rel, num(body, "seq"), &t, e);
	if (r <= 0)
		return r;
	free(t.body);
	int v = find_voidable(t.kind);
	if (v >= 0 && evidence_has(voidable[v].entity)) {
		*entity = voidable[v].entity;
		*id = t.id;
	}
	return 0;
}

/* Writes the non-zero cells of delta into rel's trust_state rows. */
static int write_sums(struct db *db, int64_t rel, const struct trust_sums *delta, struct err *e)
{
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++)
			for (int c = 0; c < TRUST_NCLASS; c++) {
				double r = delta->r[d][k][c], s = delta->s[d][k][c];
				int64_t n = delta->n[d][k][c];
				if (!n && r == 0 && s == 0)
					continue;
				if (store_run(db, store_sql[SQL_TRUST_ADD], e, "iiiiddi", rel, (int64_t)d, (int64_t)k, (int64_t)c, r, s,
				              n) < 0)
					return -1;
			}
	return 0;
}

/* rel's trust_state from all its recorded evidence (the model or the
 * settings changed). */
static int trust_recompute(struct db *db, int64_t rel, struct err *e)
{
	struct trust_model m;
	struct evidence all = {0};
	struct trust_sums sums;
	memset(&sums, 0, sizeof sums);
	int r = store_run(db, store_sql[SQL_TRUST_CLEAR], e, "i", rel) < 0 || project_model(db, rel, INT64_MAX, &m, e) ||
	        evidence_gather(db, &m, rel, INT64_MAX, EVIDENCE_RECORDED, NULL, 0, &all, e);
	for (size_t i = 0; !r && i < all.n; i++)
		trust_sums_add(&m, &sums, &all.items[i], 1);
	if (!r)
		r = write_sums(db, rel, &sums, e);
	evidence_release(&all);
	return r ? -1 : 0;
}

int project_apply(struct db *db, const struct event *ev, const json_t *body, struct err *e)
{
	int i = find(ev->kind);
	if (i < 0)
		return err_set(e, ERR_INPUT, "kind: no projection for \"%s\"", ev->kind);
	const char *entity;
	int64_t id = 0;
	int creates;
	struct trust_model m;
	struct evidence before = {0}, after = {0};
	/* the record's evidence before and after the event: the difference is
	 * all the current-scores projection needs, whatever the history (a
	 * record the event creates has none before: no need to read it) */
	if (track_target(db, ev, body, &entity, &id, &creates, e) ||
	    (entity && (project_model(db, ev->rel, INT64_MAX, &m, e) ||
	                (!creates &&
	                 evidence_gather(db, &m, ev->rel, INT64_MAX, EVIDENCE_RECORDED, entity, id, &before, e)))))
		goto fail;
	if (projections[i].apply(db, ev, body, e))
		goto fail;
	if (entity) {
		if (evidence_gather(db, &m, ev->rel, INT64_MAX, EVIDENCE_RECORDED, entity, id, &after, e))
			goto fail;
		struct trust_sums delta;
		memset(&delta, 0, sizeof delta);
		for (size_t k = 0; k < before.n; k++)
			trust_sums_add(&m, &delta, &before.items[k], -1);
		for (size_t k = 0; k < after.n; k++)
			trust_sums_add(&m, &delta, &after.items[k], 1);
		if (write_sums(db, ev->rel, &delta, e))
			goto fail;
	} else if (!strcmp(ev->kind, "weights.set") || !strcmp(ev->kind, "settings")) {
		if (trust_recompute(db, ev->rel, e))
			goto fail;
	}
	/* the cached settled evidence (scores.c) holds while nothing is dated
	 * at or before its mark and the rules stay */
	if (scores_forget(db, ev->rel,
	                  !strcmp(ev->kind, "weights.set") || !strcmp(ev->kind, "settings") || !strcmp(ev->kind, "correct"),
	                  ev->at, e))
		goto fail;
	evidence_release(&before);
	evidence_release(&after);
	return 0;
fail:
	evidence_release(&before);
	evidence_release(&after);
	return -1;
}

static int sums_row(void *ctx, const struct store_row *row)
{
	struct trust_sums *s = ctx;
	int d = (int)row->i[0], k = (int)row->i[1], c = (int)row->i[2];
	if (d < 0 || d >= TRUST_NDIR || k < 0 || k >= TRUST_NDIM || c < 0 || c >= TRUST_NCLASS)
		return 0; /* a row no rapport wrote */
	s->r[d][k][c] = row->d[3];
	s->s[d][k][c] = row->d[4];
	s->n[d][k][c] = row->i[5];
	return 0;
}

int project_trust_sums(struct db *db, int64_t rel, struct trust_sums *sums, struct err *e)
{
	memset(sums, 0, sizeof *sums);
	return store_each(db, store_sql[SQL_TRUST_GET], e, sums_row, sums, "i", rel);
}

/* --- rebuild ---------------------------------------------------------------- */

struct replay {
	struct db *db;
	struct err *e;
	int64_t events;
};

static int replay_event(void *ctx, const struct event *ev)
{
	struct replay *r = ctx;
	json_error_t je;
	json_t *body = json_loadb(ev->body, ev->body_len, 0, &je);
	if (!body)
		return err_set(r->e, ERR_CHECK, "relationship %lld, event %lld: body is not JSON: %s (run rapport verify)",
		               (long long)ev->rel, (long long)ev->seq, je.text);
	char kind[64];
	snprintf(kind, sizeof kind, "%.*s", (int)ev->kind_len, ev->kind);
	struct event copy = *ev;
	copy.kind = kind;
	int rc = project_apply(r->db, &copy, body, r->e);
	json_decref(body);
	r->events++;
	return rc;
}

static int replay_rel(void *ctx, const struct rel_head *h)
{
	struct replay *r = ctx;
	return store_event_each(r->db, h, replay_event, r, r->e);
}

int project_rebuild(struct db *db, int64_t *events, struct err *e)
{
	struct replay r = {.db = db, .e = e};
	if (store_projections_clear(db, e) || store_rel_each(db, 0, replay_rel, &r, e))
		return -1;
	*events = r.events;
	return 0;
}
