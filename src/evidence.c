/* evidence.c - builds trust evidence from the projections (store/domain.c
 * holds the SQL). Each outcome carries its time there, so the evidence as
 * of any date is the outcomes up to it plus what was overdue then. Due
 * dates are whole days in UTC: a promise due on the 10th is late from the
 * 11th 00:00 UTC. */
#include "evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "calendar/zone.h"
#include "project.h"
#include "store/domain.h"
#include "store/parties.h"
#include "util/time.h"

#define DAY 86400
#define SLOT_WINDOW DAY         /* an update within a day of its slot answers it */
#define SLOT_MARGIN (3 * DAY)   /* more than a slot's window either side, in any zone */
#define SUGGESTION_ANSWER_DAYS 30

struct ctx {
	struct db *db;
	const struct trust_model *m;
	struct evidence *ev;
	int64_t rel, as_of;
	int64_t after;  /* only items later than this (open ones whatever their time) */
	unsigned want;  /* EVIDENCE_RECORDED, _SETTLED, _OPEN */
	struct project_settings settings;
	char tz[65];        /* the partner's zone, for the update slots */
	struct zone *zone;  /* loaded when first needed; owned */
	struct err *e;
	/* renegotiations, kept to find the due date in force at a time */
	struct {
		int64_t commitment, at;
		char new_due[11];
	} * reneg;
	size_t nreneg, capreneg;
	int64_t *touches, *updates;
	size_t ntouches, captouches, nupdates, capupdates;
	/* evidence_series: the promises and payments that can be open at some
	 * time asked about, kept to give their open evidence at each */
	int keep;
	struct openable {
		int64_t id, closed; /* closed: 0 while open */
		enum trust_dir dir;
		char due[11];       /* as agreed first (commitments) or as due (payments) */
		int payment;
	} * openable;
	size_t nopenable, capopenable;
};

static enum trust_dir dir_of(const char *side)
{
	return strcmp(side, "partner") ? TRUST_BUYER : TRUST_PARTNER;
}

static enum trust_dir other(enum trust_dir d)
{
	return d == TRUST_PARTNER ? TRUST_BUYER : TRUST_PARTNER;
}

static void *grow(void *p, size_t *cap, size_t n, size_t size)
{
	if (n < *cap)
		return p;
	*cap = *cap ? 2 * *cap : 64;
	p = realloc(p, *cap * size);
	if (!p)
		abort();
	return p;
}

/* Adds an item of the kind wanted when it happened by as_of (and after
 * c->after, unless it is open). */
static int add_item(struct ctx *c, unsigned kind, const char *key, enum trust_dir dir, int64_t t, double days,
                    int64_t ref)
{
	if (t > c->as_of || !(c->want & kind) || (kind != EVIDENCE_OPEN && t <= c->after))
		return 0;
	c->ev->items = grow(c->ev->items, &c->ev->cap, c->ev->n, sizeof *c->ev->items);
	return trust_item(c->m, key, dir, t, days, ref, &c->ev->items[c->ev->n++], c->e);
}

/* Evidence of an outcome someone recorded. */
static int add(struct ctx *c, const char *key, enum trust_dir dir, int64_t t, double days, int64_t ref)
{
	return add_item(c, EVIDENCE_RECORDED, key, dir, t, days, ref);
}

/* Evidence that time made and that stays once made. */
static int add_settled(struct ctx *c, const char *key, enum trust_dir dir, int64_t t, double days, int64_t ref)
{
	return add_item(c, EVIDENCE_SETTLED, key, dir, t, days, ref);
}

/* Evidence of something overdue and still open, as of the time asked about. */
static int add_open(struct ctx *c, const char *key, enum trust_dir dir, int64_t t, double days, int64_t ref)
{
	return add_item(c, EVIDENCE_OPEN, key, dir, t, days, ref);
}

/* Whole days from the end of day `due` to t: 0 when t is on or before it. */
static double days_after(const char *due, int64_t t)
{
	int64_t end = time_date_utc(due) + DAY;
	return t < end ? 0 : (double)((t - end) / DAY + 1);
}

/* --- commitments ------------------------------------------------------------ */

static int on_reneg(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	c->reneg = grow(c->reneg, &c->capreneg, c->nreneg, sizeof *c->reneg);
	c->reneg[c->nreneg].commitment = r->i[1];
	c->reneg[c->nreneg].at = r->i[2];
	snprintf(c->reneg[c->nreneg].new_due, 11, "%.10s", r->t[4]);
	c->nreneg++;
	/* a new date agreed before the old one passed is a small slip; after
	 * it, the promise was late by then */
	double late = days_after(r->t[3], r->i[2]);
	return late > 0 ? add(c, "commitment.late", dir_of(r->t[5]), r->i[2], late, r->i[0])
	                : add(c, "commitment.renegotiated_early", dir_of(r->t[5]), r->i[2], 0, r->i[0]);
}

/* The due date in force at t: the last one agreed by then. */
static const char *due_at(struct ctx *c, int64_t commitment, const char *original, int64_t t)
{
	const char *due = original;
	for (size_t i = 0; i < c->nreneg; i++)
		if (c->reneg[i].commitment == commitment && c->reneg[i].at <= t)
			due = c->reneg[i].new_due;
	return due;
}

/* Keeps a promise or payment that is open at some time asked about (its
 * open evidence is made at each time by open_evidence). */
static void keep_openable(struct ctx *c, int64_t id, int64_t closed, enum trust_dir d, const char *due, int payment)
{
	if (!c->keep)
		return;
	c->openable = grow(c->openable, &c->capopenable, c->nopenable, sizeof *c->openable);
	struct openable *o = &c->openable[c->nopenable++];
	*o = (struct openable){.id = id, .closed = closed, .dir = d, .payment = payment};
	snprintf(o->due, sizeof o->due, "%.10s", due);
}

/* A promise open as of c->as_of: overdue counts as late by the days so far. */
static int open_commitment(struct ctx *c, int64_t id, enum trust_dir d, const char *original_due)
{
	const char *due = due_at(c, id, original_due, c->as_of);
	double late = days_after(due, c->as_of);
	return late > 0 ? add_open(c, "commitment.late", d, time_date_utc(due) + DAY, late, id) : 0;
}

static int on_commitment(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int64_t id = r->i[0], closed = r->null[4] ? 0 : r->i[4];
	enum trust_dir d = dir_of(r->t[1]);
	keep_openable(c, id, closed, d, r->t[2], 0);
	if (closed && closed <= c->as_of) {
		if (!strcmp(r->t[3], "broken"))
			return add(c, "commitment.broken", d, closed, 0, id);
		double late = days_after(due_at(c, id, r->t[2], closed), closed);
		return late > 0 ? add(c, "commitment.late", d, closed, late, id) : add(c, "commitment.kept", d, closed, 0, id);
	}
	return open_commitment(c, id, d, r->t[2]);
}

/* --- updates and contact ---------------------------------------------------------- */

static int on_update(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	c->updates = grow(c->updates, &c->capupdates, c->nupdates, sizeof *c->updates);
	c->updates[c->nupdates++] = r->i[1];
	return r->i[2] ? add(c, "update.on_time", TRUST_PARTNER, r->i[1], 0, r->i[0]) : 0;
}

static int on_touch(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	c->touches = grow(c->touches, &c->captouches, c->ntouches, sizeof *c->touches);
	c->touches[c->ntouches++] = r->i[0];
	return 0;
}

/* Every cadence slot from the start of the relationship whose window has
 * closed by as_of without an update in it. The partner's zone is read
 * with calendar/zone.c, so that the web server's threads can ask too. */
static int missed_slots(struct ctx *c)
{
	unsigned days;
	int minutes;
	/* only a cadence both sides agreed makes a slot that can be missed */
	if (!c->settings.cadence_since || event_cadence_parse(c->settings.cadence, &days, &minutes))
		return 0;
	if (!c->zone && zone_load(c->tz, &c->zone, c->e))
		return -1;
	int64_t since = c->settings.cadence_since + DAY;
	/* slots whose window closed by c->after are not wanted: start a few
	 * days before it (the updates read start SLOT_MARGIN before it too) */
	if (c->after > since + SLOT_MARGIN)
		since = c->after - SLOT_MARGIN;
	size_t u = 0;
	/* walk the local calendar by day numbers, so DST never skips or
	 * repeats a day; w: 0 = Monday, as in the cadence */
	long day = zone_day(c->zone, since);
	int w = (day_weekday(day) + 6) % 7;
	for (;; day++, w = (w + 1) % 7) {
		if (!(days & (1u << w)))
			continue;
		int y, m, d;
		day_to_ymd(day, &y, &m, &d);
		int64_t slot = zone_from_local(c->zone, y, m, d, minutes * 60);
		if (slot + SLOT_WINDOW > c->as_of)
			break;
		while (u < c->nupdates && c->updates[u] < slot - SLOT_WINDOW)
			u++;
		if (u < c->nupdates && c->updates[u] <= slot + SLOT_WINDOW)
			continue;
		if (add_settled(c, "update.missed", TRUST_PARTNER, slot + SLOT_WINDOW, 0, -slot))
			return -1;
	}
	return 0;
}

/* Silences longer than the agreed gap, from the first contact on: -0.5
 * for each 30 days begun past it, against both sides, dated when each
 * began. A relationship that never started talking is not scored as bad. */
static int gaps(struct ctx *c)
{
	int64_t limit = c->settings.gap_max * DAY;
	for (size_t i = 0; i < c->ntouches; i++) {
		int64_t prev = c->touches[i], next = i + 1 < c->ntouches ? c->touches[i + 1] : INT64_MAX;
		for (int64_t at = prev + limit; at < next && at <= c->as_of; at += 30 * DAY)
			for (int d = 0; d < TRUST_NDIR; d++)
				if (add_settled(c, "contact.gap", (enum trust_dir)d, at, 0, -prev))
					return -1;
	}
	return 0;
}

/* --- problems, payments, specs, respect ---------------------------------------------- */

static int on_issue(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int64_t id = r->i[0], raised = r->i[3], sla = c->settings.ack_sla * 3600;
	enum trust_dir resp = dir_of(r->t[1]);
	int self = !strcmp(r->t[2], "self");
	if (add(c, self ? "issue.self_disclosed" : "issue.discovered", resp, raised, 0, id))
		return -1;
	/* whoever raised it waits for the other side's acknowledgement */
	enum trust_dir acker = self ? other(resp) : resp;
	int64_t acked = r->null[4] ? 0 : r->i[4];
	if (acked && acked <= raised + sla) {
		if (add(c, "issue.acked_in_sla", acker, acked, 0, id))
			return -1;
	} else if (add_settled(c, "issue.ack_overdue", acker, raised + sla, 0, id)) {
		return -1;
	}
	return !r->null[5] ? add(c, "issue.resolved", resp, r->i[5], 0, id) : 0;
}

/* A payment unpaid as of c->as_of: overdue counts as late by the days so far. */
static int open_payment(struct ctx *c, int64_t id, const char *due)
{
	double late = days_after(due, c->as_of);
	return late > 0 ? add_open(c, "payment.late", TRUST_BUYER, time_date_utc(due) + DAY, late, id) : 0;
}

static int on_payment(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int64_t id = r->i[0], paid = r->null[2] ? 0 : r->i[2];
	keep_openable(c, id, paid, TRUST_BUYER, r->t[1], 1);
	if (paid && paid <= c->as_of) {
		double late = days_after(r->t[1], paid);
		return late > 0 ? add(c, "payment.late", TRUST_BUYER, paid, late, id)
		                : add(c, "payment.on_time", TRUST_BUYER, paid, 0, id);
	}
	return open_payment(c, id, r->t[1]);
}

static int on_spec_change(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int agreed = (int)r->i[2], in_freeze = (int)r->i[4];
	const char *key = agreed || !in_freeze ? "spec.change_with_notice"
	                  : r->i[3] < 7        ? "spec.change_last_week"
	                                       : "spec.change_in_freeze";
	return add(c, key, TRUST_BUYER, r->i[1], 0, r->i[0]);
}

static int on_visit(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	enum trust_dir d = dir_of(r->t[1]);
	if (add(c, "visit", d, r->i[2], 0, r->i[0]))
		return -1;
	for (int64_t i = 0; i < r->i[3]; i++)
		if (add(c, "person.met", d, r->i[2], 0, r->i[0]))
			return -1;
	return 0;
}

static int on_suggestion(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	/* the other side owes the answer */
	enum trust_dir answerer = other(dir_of(r->t[1]));
	int64_t due = r->i[2] + SUGGESTION_ANSWER_DAYS * DAY, answered = r->null[3] ? 0 : r->i[3];
	if (answered && answered <= c->as_of && answered <= due)
		return add(c, "suggestion.answered", answerer, answered, 0, r->i[0]);
	if (add_settled(c, "suggestion.ignored", answerer, due, 0, r->i[0]))
		return -1;
	/* answered late: it still counts as answered */
	return answered && answered <= c->as_of ? add(c, "suggestion.answered", answerer, answered, 0, r->i[0]) : 0;
}

static int on_greeting(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	return add(c, "observance.acknowledged", dir_of(r->t[1]), r->i[2], 0, r->i[0]);
}

/* Each kind of record with evidence, and the queries that read it. */
static const struct {
	const char *entity;
	/* the relationship's records; one of them; those that give evidence
	 * after a time (SQL__COUNT: all of them, a short list) */
	enum store_sql_id all, one, since;
	int64_t margin; /* read records from this long before that time */
	unsigned gives; /* the kinds of evidence the records give or feed */
	int (*fn)(void *, const struct store_row *);
} steps[] = {
	/* renegotiations first: the commitments need their due dates */
	{"commitment", SQL_EV_RENEGOTIATIONS, SQL_EV_RENEGOTIATIONS_ONE, SQL_EV_RENEGOTIATIONS_SINCE, 0,
	 EVIDENCE_RECORDED | EVIDENCE_OPEN, on_reneg},
	{"commitment", SQL_EV_COMMITMENTS, SQL_EV_COMMITMENTS_ONE, SQL_EV_COMMITMENTS_SINCE, 0,
	 EVIDENCE_RECORDED | EVIDENCE_OPEN, on_commitment},
	{"update", SQL_EV_UPDATES, SQL_EV_UPDATES_ONE, SQL_EV_UPDATES_SINCE, SLOT_MARGIN,
	 EVIDENCE_RECORDED | EVIDENCE_SETTLED, on_update},
	{NULL, SQL_EV_TOUCHES, SQL__COUNT, SQL_EV_TOUCHES_SINCE, 0, EVIDENCE_SETTLED, on_touch}, /* for the gaps */
	{"issue", SQL_EV_ISSUES, SQL_EV_ISSUES_ONE, SQL__COUNT, 0, EVIDENCE_RECORDED | EVIDENCE_SETTLED, on_issue},
	{"payment", SQL_EV_PAYMENTS, SQL_EV_PAYMENTS_ONE, SQL_EV_PAYMENTS_SINCE, 0, EVIDENCE_RECORDED | EVIDENCE_OPEN,
	 on_payment},
	{"spec_change", SQL_EV_SPEC_CHANGES, SQL_EV_SPEC_CHANGES_ONE, SQL_EV_SPEC_CHANGES_SINCE, 0, EVIDENCE_RECORDED,
	 on_spec_change},
	{"visit", SQL_EV_VISITS, SQL_EV_VISITS_ONE, SQL_EV_VISITS_SINCE, 0, EVIDENCE_RECORDED, on_visit},
	{"suggestion", SQL_EV_SUGGESTIONS, SQL_EV_SUGGESTIONS_ONE, SQL__COUNT, 0, EVIDENCE_RECORDED | EVIDENCE_SETTLED,
	 on_suggestion},
	{"greeting", SQL_EV_GREETINGS, SQL_EV_GREETINGS_ONE, SQL_EV_GREETINGS_SINCE, 0, EVIDENCE_RECORDED, on_greeting},
};

int evidence_has(const char *entity)
{
	for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
		if (steps[i].entity && !strcmp(steps[i].entity, entity))
			return 1;
	return 0;
}

/* Reads the records of one step: one record's (entity), those after
 * c->after, or all of the relationship's. */
static int read_step(struct ctx *c, size_t i, const char *entity, int64_t id)
{
	if (entity)
		return store_each(c->db, store_sql[steps[i].one], c->e, steps[i].fn, c, "ii", c->rel, id);
	if (c->after > INT64_MIN && steps[i].since != SQL__COUNT)
		return store_each(c->db, store_sql[steps[i].since], c->e, steps[i].fn, c, "ii", c->rel,
		                  c->after - steps[i].margin);
	return store_each(c->db, store_sql[steps[i].all], c->e, steps[i].fn, c, "i", c->rel);
}

/* The partner's zone and the agreed rules, read once per context. */
static int prepare(struct ctx *c, const char *entity)
{
	struct party p = {0};
	/* one record's evidence (an append tracking it) needs no zone */
	int r = entity ? 1 : store_partner_get(c->db, c->rel, &p, c->e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(c->e, ERR_INPUT, "partner: no partner with id %lld", (long long)c->rel);
	snprintf(c->tz, sizeof c->tz, "%s", p.tz);
	/* the agreed rules matter to the slots, the gaps and the problems'
	 * acknowledgement; one other record's evidence does without them */
	if ((!entity || !strcmp(entity, "issue")) && project_settings_get(c->db, c->rel, &c->settings, c->e))
		return -1;
	return 0;
}

/* Forgets what one reading of the records kept. */
static void forget_records(struct ctx *c)
{
	free(c->reneg);
	free(c->touches);
	free(c->updates);
	free(c->openable);
	c->reneg = NULL;
	c->touches = c->updates = NULL;
	c->openable = NULL;
	c->nreneg = c->capreneg = c->ntouches = c->captouches = c->nupdates = c->capupdates = 0;
	c->nopenable = c->capopenable = 0;
}

static void release(struct ctx *c)
{
	forget_records(c);
	zone_free(c->zone);
	c->zone = NULL;
}

/* Reads the records into c->ev (emptied first), sorted. */
static int read_records(struct ctx *c, const char *entity, int64_t id)
{
	int r = 0;
	c->ev->n = 0;
	for (size_t i = 0; r == 0 && i < sizeof steps / sizeof steps[0]; i++) {
		if (entity ? !steps[i].entity || strcmp(steps[i].entity, entity) : !(steps[i].gives & c->want))
			continue;
		r = read_step(c, i, entity, id);
	}
	if (r == 0 && !entity && (c->want & EVIDENCE_SETTLED))
		r = missed_slots(c);
	if (r == 0 && !entity && (c->want & EVIDENCE_SETTLED))
		r = gaps(c);
	if (r)
		return -1;
	trust_sort(c->ev->items, c->ev->n);
	return 0;
}

static int gather(struct ctx *c, const char *entity, int64_t id)
{
	c->ev->n = 0;
	int r = prepare(c, entity) || read_records(c, entity, id) ? -1 : 0;
	release(c);
	return r;
}

int evidence_gather(struct db *db, const struct trust_model *m, int64_t rel, int64_t as_of, unsigned want,
                    const char *entity, int64_t id, struct evidence *ev, struct err *e)
{
	struct ctx c = {.db = db, .m = m, .ev = ev, .rel = rel, .as_of = as_of, .after = INT64_MIN, .want = want, .e = e};
	return gather(&c, entity, id);
}

int evidence_after(struct db *db, const struct trust_model *m, int64_t rel, int64_t as_of, int64_t after,
                   unsigned want, struct evidence *ev, struct err *e)
{
	struct ctx c = {.db = db, .m = m, .ev = ev, .rel = rel, .as_of = as_of, .after = after, .want = want, .e = e};
	return gather(&c, NULL, 0);
}

/* --- many times, one reading ---------------------------------------------------- */

/* The items of fixed with t <= as_of and every item of open (both sorted),
 * merged into out in the canonical order. */
static void merge(const struct evidence *fixed, const struct evidence *open, int64_t as_of, struct evidence *out)
{
	size_t nf = 0;
	while (nf < fixed->n && fixed->items[nf].t <= as_of)
		nf++; /* sorted by time first: the items up to as_of are a prefix */
	size_t total = nf + open->n;
	if (total > out->cap) {
		out->items = realloc(out->items, total * sizeof *out->items);
		if (!out->items)
			abort();
		out->cap = total;
	}
	size_t i = 0, j = 0, k = 0;
	while (i < nf && j < open->n)
		out->items[k++] = trust_item_cmp(&fixed->items[i], &open->items[j]) <= 0 ? fixed->items[i++] : open->items[j++];
	while (i < nf)
		out->items[k++] = fixed->items[i++];
	while (j < open->n)
		out->items[k++] = open->items[j++];
	out->n = total;
}

int evidence_series(struct db *db, int64_t rel, const int64_t *times, size_t n, evidence_series_fn fn, void *arg,
                    struct err *e)
{
	if (n == 0)
		return 0;
	for (size_t i = 1; i < n; i++)
		if (times[i] < times[i - 1])
			return err_set(e, ERR_INPUT, "evidence_series: times out of order");
	struct trust_model m, used;
	struct evidence fixed = {0}, open = {0}, at = {0};
	struct ctx c = {.db = db, .rel = rel, .after = INT64_MIN, .keep = 1, .e = e};
	int have = 0, rc = -1;
	if (prepare(&c, NULL))
		goto out;
	for (size_t i = 0; i < n; i++) {
		if (project_model(db, rel, times[i], &m, e))
			goto out;
		if (!have || memcmp(&m, &used, sizeof m)) {
			/* what was recorded and what time settled, as of the last time:
			 * as of an earlier one it is the same items up to then (their
			 * times do not depend on the time asked); read again only when
			 * the weights in force change */
			used = m;
			forget_records(&c);
			c.m = &used;
			c.ev = &fixed;
			c.as_of = times[n - 1];
			c.want = EVIDENCE_RECORDED | EVIDENCE_SETTLED;
			if (read_records(&c, NULL, 0))
				goto out;
			have = 1;
		}
		/* what is overdue and still open at this time */
		c.ev = &open;
		c.as_of = times[i];
		c.want = EVIDENCE_OPEN;
		open.n = 0;
		for (size_t k = 0; k < c.nopenable; k++) {
			const struct openable *o = &c.openable[k];
			if (o->closed && o->closed <= times[i])
				continue;
			if (o->payment ? open_payment(&c, o->id, o->due) : open_commitment(&c, o->id, o->dir, o->due))
				goto out;
		}
		trust_sort(open.items, open.n);
		merge(&fixed, &open, times[i], &at);
		if (fn(arg, i, &used, &at))
			goto out;
	}
	rc = 0;
out:
	release(&c);
	evidence_release(&fixed);
	evidence_release(&open);
	evidence_release(&at);
	return rc;
}

int evidence_collect(struct db *db, const struct trust_model *m, int64_t rel, int64_t as_of, struct evidence *ev,
                     struct err *e)
{
	return evidence_gather(db, m, rel, as_of, EVIDENCE_RECORDED | EVIDENCE_DERIVED, NULL, 0, ev, e);
}

void evidence_release(struct evidence *ev)
{
	free(ev->items);
	memset(ev, 0, sizeof *ev);
}
