/* evidence.c - builds trust evidence from the projections (store/domain.c
 * holds the SQL). Each outcome carries its time there, so the evidence as
 * of any date is the outcomes up to it plus what was overdue then. Due
 * dates are whole days in UTC: a promise due on the 10th is late from the
 * 11th 00:00 UTC. */
#include "evidence.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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
	struct err *e;
	/* renegotiations, kept to find the due date in force at a time */
	struct {
		int64_t commitment, at;
		char new_due[11];
	} * reneg;
	size_t nreneg, capreneg;
	int64_t *touches, *updates;
	size_t ntouches, captouches, nupdates, capupdates;
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

static int on_commitment(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int64_t id = r->i[0], closed = r->null[4] ? 0 : r->i[4];
	enum trust_dir d = dir_of(r->t[1]);
	if (closed && closed <= c->as_of) {
		if (!strcmp(r->t[3], "broken"))
			return add(c, "commitment.broken", d, closed, 0, id);
		double late = days_after(due_at(c, id, r->t[2], closed), closed);
		return late > 0 ? add(c, "commitment.late", d, closed, late, id) : add(c, "commitment.kept", d, closed, 0, id);
	}
	/* open as of as_of: overdue counts as late by the days so far */
	const char *due = due_at(c, id, r->t[2], c->as_of);
	double late = days_after(due, c->as_of);
	return late > 0 ? add_open(c, "commitment.late", d, time_date_utc(due) + DAY, late, id) : 0;
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
 * closed by as_of without an update in it. */
static int missed_slots(struct ctx *c, const char *tz)
{
	unsigned days;
	int minutes;
	/* only a cadence both sides agreed makes a slot that can be missed */
	if (!c->settings.cadence_since || event_cadence_parse(c->settings.cadence, &days, &minutes))
		return 0;
	int64_t since = c->settings.cadence_since + DAY;
	/* slots whose window closed by c->after are not wanted: start a few
	 * days before it (the updates read start SLOT_MARGIN before it too) */
	if (c->after > since + SLOT_MARGIN)
		since = c->after - SLOT_MARGIN;
	size_t u = 0;
	int y, m, d, w;
	time_local_date(since, tz, &y, &m, &d, &w);
	/* walk calendar days as UTC dates, so DST never skips or repeats one */
	char date[16];
	snprintf(date, sizeof date, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	for (int64_t day = time_date_utc(date);; day += DAY, w = (w + 1) % 7) {
		if (!(days & (1u << w)))
			continue;
		time_t tt = (time_t)day;
		struct tm tm;
		gmtime_r(&tt, &tm);
		int64_t slot = time_from_local(tz, tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, minutes);
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

static int on_payment(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int64_t id = r->i[0], paid = r->null[2] ? 0 : r->i[2];
	if (paid && paid <= c->as_of) {
		double late = days_after(r->t[1], paid);
		return late > 0 ? add(c, "payment.late", TRUST_BUYER, paid, late, id)
		                : add(c, "payment.on_time", TRUST_BUYER, paid, 0, id);
	}
	double late = days_after(r->t[1], c->as_of);
	return late > 0 ? add_open(c, "payment.late", TRUST_BUYER, time_date_utc(r->t[1]) + DAY, late, id) : 0;
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

static int gather(struct ctx *c, const char *entity, int64_t id)
{
	struct party p = {0};
	c->ev->n = 0;
	/* one record's evidence (an append tracking it) needs no zone */
	int r = entity ? 1 : store_partner_get(c->db, c->rel, &p, c->e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(c->e, ERR_INPUT, "partner: no partner with id %lld", (long long)c->rel);
	/* the agreed rules matter to the slots, the gaps and the problems'
	 * acknowledgement; one other record's evidence does without them */
	if ((!entity || !strcmp(entity, "issue")) && project_settings_get(c->db, c->rel, &c->settings, c->e))
		return -1;
	r = 0;
	for (size_t i = 0; r == 0 && i < sizeof steps / sizeof steps[0]; i++) {
		if (entity ? !steps[i].entity || strcmp(steps[i].entity, entity) : !(steps[i].gives & c->want))
			continue;
		r = read_step(c, i, entity, id);
	}
	if (r == 0 && !entity && (c->want & EVIDENCE_SETTLED))
		r = missed_slots(c, p.tz);
	if (r == 0 && !entity && (c->want & EVIDENCE_SETTLED))
		r = gaps(c);
	free(c->reneg);
	free(c->touches);
	free(c->updates);
	if (r)
		return -1;
	trust_sort(c->ev->items, c->ev->n);
	return 0;
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
