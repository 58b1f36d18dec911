/* agenda.c - builds each side's agenda from the projections, the agreed
 * settings, both sides' working calendars and the trust scores. An item is
 * due from one instant (`from`) and overdue from another (`until`); things
 * due on a day are due through that day in the owing side's zone. Never
 * writes except the snoozes, which are no ledger events. */
#include "agenda.h"
#include "util/time.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "event.h"
#include "scores.h"
#include "project.h"
#include "store/agenda.h"
#include "store/domain.h"
#include "trust.h"
#include "workcal.h"

#define DAY 86400
#define SLOT_WINDOW DAY /* an update within a day of its slot answers it */

const char *const agenda_state_names[] = {"overdue", "due", "upcoming"};

/* One relationship's context while its items are gathered. */
struct ctx {
	struct db *db;
	const struct agenda_query *q;
	struct agenda *out;
	struct workcal buyer, partner;
	struct agenda_item skipped; /* where items the query does not want are written, and dropped */
	char today[11];     /* the buyer's date at q->now */
	char horizon[11];   /* today + AGENDA_HORIZON_DAYS */
	char **snoozed;
	size_t nsnoozed;
	int64_t *updates;
	size_t nupdates;
	int64_t t; /* the record as of this time (store/agenda.h's T) */
	struct err *e;
};

static int wants(const struct ctx *c, const char *owes)
{
	return !c->q->side || !strcmp(owes, "both") || !strcmp(c->q->side, owes);
}

static struct workcal *cal_of(struct ctx *c, const char *side)
{
	return !strcmp(side, "partner") ? &c->partner : &c->buyer;
}

/* The instant local midnight of a day starts in w's zone. */
static int64_t day_start(const struct workcal *w, long day)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	return zone_from_local(w->zone, y, m, d, 0);
}

/* A date the projections hold: valid by the time it was recorded. */
static long parse_day(const char *date)
{
	long day = 0;
	day_parse(date, &day);
	return day;
}

/* Adds an item due from `from`, overdue from `until`, shown at `at`. */
static struct agenda_item *add(struct ctx *c, const char *owes, const char *kind, const char *dimension, int64_t from,
                               int64_t until, int64_t at, const char *id_fmt, ...)
	__attribute__((format(printf, 8, 9)));

static struct agenda_item *add(struct ctx *c, const char *owes, const char *kind, const char *dimension, int64_t from,
                               int64_t until, int64_t at, const char *id_fmt, ...)
{
	if (!wants(c, owes))
		return &c->skipped;
	char id[128];
	va_list ap;
	va_start(ap, id_fmt);
	vsnprintf(id, sizeof id, id_fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < c->nsnoozed; i++)
		if (!strcmp(c->snoozed[i], id))
			return &c->skipped;
	struct agenda *a = c->out;
	if (a->n == a->cap) {
		a->cap = a->cap ? 2 * a->cap : 64;
		a->v = realloc(a->v, a->cap * sizeof *a->v);
		if (!a->v)
			abort();
	}
	struct agenda_item *it = &a->v[a->n++];
	memset(it, 0, sizeof *it);
	snprintf(it->id, sizeof it->id, "%s", id);
	it->rel = c->partner.party.id;
	snprintf(it->partner, sizeof it->partner, "%s", c->partner.party.name);
	it->owes = owes;
	it->kind = kind;
	it->dimension = dimension;
	it->state = c->q->now >= until ? AGENDA_OVERDUE : c->q->now >= from ? AGENDA_DUE : AGENDA_UPCOMING;
	it->at = at;
	zone_format(c->buyer.zone, at, it->at_buyer);
	zone_format(c->partner.zone, at, it->at_partner);
	return it;
}

/* Something due on a date: due through that day in the owing side's zone. */
static struct agenda_item *add_on(struct ctx *c, const char *owes, const char *kind, const char *dimension,
                                  const char *date, int64_t id)
{
	const struct workcal *w = cal_of(c, !strcmp(owes, "both") ? "buyer" : owes);
	long day = parse_day(date);
	int64_t from = day_start(w, day);
	struct agenda_item *it = add(c, owes, kind, dimension, from, day_start(w, day + 1), from, "%s:%lld", kind,
	                             (long long)id);
	snprintf(it->due_date, sizeof it->due_date, "%.10s", date);
	snprintf(it->at_buyer, sizeof it->at_buyer, "%.10s", date);
	snprintf(it->at_partner, sizeof it->at_partner, "%.10s", date);
	return it;
}

/* Formats into one of an item's text fields. */
static void fill(char *dst, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void fill(char *dst, size_t size, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, size, fmt, ap);
	va_end(ap);
}

#define what(it, ...) fill((it)->what, sizeof (it)->what, __VA_ARGS__)

/* msgid in the reader's language: the query's translate (the web app's
 * gettext), else as it is. What an item says goes through here; the
 * command that deals with it is the command line's and stays as it is.
 * xgettext finds these texts as tr_'s second argument (make po). */
static const char *tr_(const struct ctx *c, const char *msgid) __attribute__((format_arg(2)));
static const char *tr_(const struct ctx *c, const char *msgid)
{
	return c->q->translate ? c->q->translate(msgid) : msgid;
}

/* A dimension of trust in words, in the reader's language. */
static const char *dim_text(const struct ctx *c, int k)
{
	switch (k) {
	case 0: return tr_(c, "reliability");
	case 1: return tr_(c, "communication");
	case 2: return tr_(c, "transparency");
	case 3: return tr_(c, "fairness");
	default: return tr_(c, "respect");
	}
}

/* A problem's severity in words, in the reader's language. */
static const char *severity_text(const struct ctx *c, const char *s)
{
	return !strcmp(s, "minor")      ? tr_(c, "minor")
	       : !strcmp(s, "major")    ? tr_(c, "major")
	       : !strcmp(s, "critical") ? tr_(c, "critical")
	                                : s;
}
#define command(it, ...) fill((it)->command, sizeof (it)->command, __VA_ARGS__)

static const char *other(const char *side)
{
	return !strcmp(side, "buyer") ? "partner" : "buyer";
}

/* --- update slots ----------------------------------------------------------------- */

static int on_update(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	int64_t *v = realloc(c->updates, (c->nupdates + 1) * sizeof *v);
	if (!v)
		abort();
	c->updates = v;
	c->updates[c->nupdates++] = r->i[0];
	return 0;
}

static int answered(const struct ctx *c, int64_t slot)
{
	for (size_t i = 0; i < c->nupdates; i++)
		if (c->updates[i] >= slot - SLOT_WINDOW && c->updates[i] <= slot + SLOT_WINDOW)
			return 1;
	return 0;
}

/* Missed slots of the last weeks (only an agreed cadence makes one that can
 * be missed) and the next slot not yet answered. */
static int update_slots(struct ctx *c)
{
	unsigned days;
	int minutes;
	if (event_cadence_parse(c->partner.settings.cadence, &days, &minutes))
		return 0;
	int64_t now = c->q->now, first = now - AGENDA_MISSED_DAYS * (int64_t)DAY;
	if (store_each(c->db, store_agenda_sql[AG_UPDATES], c->e, on_update, c, "iii", c->partner.party.id,
	               first - 2 * SLOT_WINDOW, now + 8 * (int64_t)DAY))
		return -1;
	/* cadence days count Monday as 0; day_weekday counts Sunday as 0 */
	long today = zone_day(c->partner.zone, now);
	int next_shown = 0;
	for (long day = zone_day(c->partner.zone, first); day <= today + 8 && !next_shown; day++) {
		if (!(days & (1u << ((day_weekday(day) + 6) % 7))))
			continue;
		int y, m, d;
		day_to_ymd(day, &y, &m, &d);
		int64_t slot = zone_from_local(c->partner.zone, y, m, d, minutes * 60);
		if (slot < first || answered(c, slot))
			continue;
		int missed = slot + SLOT_WINDOW <= now;
		if (missed && (!c->partner.settings.cadence_since || slot < c->partner.settings.cadence_since))
			continue; /* the default cadence: nothing agreed, nothing missed */
		if (!missed)
			next_shown = 1;
		struct agenda_item *it = add(c, "partner", "update", "reliability", slot - SLOT_WINDOW, slot + SLOT_WINDOW,
		                             slot, "update:%lld:%lld", (long long)c->partner.party.id, (long long)slot);
		what(it, missed ? tr_(c, "Weekly update missed (%s)") : tr_(c, "Weekly update (%s)"),
		     c->partner.settings.cadence);
		command(it, "rapport update submit --partner %lld --status on_track --progress PCT --next \"...\"",
		        (long long)c->partner.party.id);
	}
	return 0;
}

/* --- contact ---------------------------------------------------------------------- */

int agenda_gap(struct db *db, const struct party *p, int64_t ideal, int64_t max, int64_t now, struct agenda_gap *g,
               struct err *e)
{
	struct store_row row;
	if (store_row(db, store_agenda_sql[AG_LAST_TOUCH], e, &row, "ii", p->id, now) < 0)
		return -1;
	g->none = row.null[0];
	g->last = g->none ? p->since : row.i[0];
	g->days = (long)((now - g->last) / DAY);
	g->ideal = ideal;
	g->max = max;
	g->state = now >= g->last + max * DAY ? "overdue" : now >= g->last + ideal * DAY ? "due" : "ok";
	return 0;
}

static int contact_gap(struct ctx *c)
{
	struct agenda_gap g;
	if (agenda_gap(c->db, &c->partner.party, c->partner.settings.gap_ideal, c->partner.settings.gap_max, c->q->now,
	               &g, c->e))
		return -1;
	int64_t ideal = g.last + g.ideal * DAY, max = g.last + g.max * DAY;
	struct agenda_item *it = add(c, "both", "contact", "communication", ideal, max, c->q->now < ideal ? ideal : max,
	                             "contact:%lld", (long long)c->partner.party.id);
	long days = g.days;
	if (g.none)
		what(it,
		     tr_(c, "No contact recorded yet: the relationship began %ld days ago (ideal every %lld days, at most "
		            "%lld)"),
		     days, (long long)c->partner.settings.gap_ideal, (long long)c->partner.settings.gap_max);
	else
		what(it,
		     days == 1 ? tr_(c, "Last contact %ld day ago (ideal every %lld days, at most %lld)")
		               : tr_(c, "Last contact %ld days ago (ideal every %lld days, at most %lld)"),
		     days, (long long)c->partner.settings.gap_ideal, (long long)c->partner.settings.gap_max);
	command(it, "rapport contact --partner %lld --by %s --kind call --note \"...\"", (long long)c->partner.party.id,
	        c->q->side ? c->q->side : "buyer");
	return 0;
}

/* --- promises, payments, problems ------------------------------------------------- */

static int on_commitment(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	const char *side = !strcmp(r->t[1], "partner") ? "partner" : "buyer";
	int milestone = !r->null[4];
	struct agenda_item *it = add_on(c, side, milestone ? "milestone" : "commitment", "reliability", r->t[3], r->i[0]);
	what(it, milestone ? tr_(c, "Milestone: %s") : "%s", r->t[2]);
	command(it, "rapport commitment keep %lld (or: rapport commitment renegotiate %lld --due DATE)",
	        (long long)r->i[0], (long long)r->i[0]);
	return 0;
}

static int on_payment(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	struct agenda_item *it = add_on(c, "buyer", "payment", "fairness", r->t[3], r->i[0]);
	if (r->null[4])
		what(it, tr_(c, "Pay %s %s"), r->t[1], r->t[2]);
	else
		what(it, tr_(c, "Pay %s %s (%s)"), r->t[1], r->t[2], r->t[4]);
	command(it, "rapport payment paid %lld", (long long)r->i[0]);
	return 0;
}

static int on_unacked(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	/* whoever raised it waits for the other side's acknowledgement */
	const char *resp = !strcmp(r->t[3], "partner") ? "partner" : "buyer";
	const char *acker = !strcmp(r->t[4], "self") ? other(resp) : resp;
	int64_t raised = r->i[5], until = raised + c->partner.settings.ack_sla * 3600;
	struct agenda_item *it = add(c, acker, "ack", "communication", raised, until, until, "ack:%lld",
	                             (long long)r->i[0]);
	what(it, tr_(c, "Acknowledge the %s problem \"%s\" (within %lld hours)"), severity_text(c, r->t[2]), r->t[1],
	     (long long)c->partner.settings.ack_sla);
	command(it, "rapport issue ack %lld --author-side %s", (long long)r->i[0], acker);
	return 0;
}

static int on_action(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	const char *owner = !strcmp(r->t[2], "partner") ? "partner" : "buyer";
	struct agenda_item *it = add_on(c, owner, "action", "reliability", r->t[4], r->i[0]);
	what(it, tr_(c, "Corrective action on problem #%lld: %s"), (long long)r->i[1], r->t[3]);
	command(it, "rapport issue action-done %lld", (long long)r->i[0]);
	return 0;
}

static int on_suggestion(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	/* the other side owes the answer */
	const char *answerer = other(!strcmp(r->t[1], "partner") ? "partner" : "buyer");
	int64_t until = r->i[4] + AGENDA_SUGGESTION_DAYS * (int64_t)DAY;
	struct agenda_item *it = add(c, answerer, "suggestion", "respect", until, until, until, "suggestion:%lld",
	                             (long long)r->i[0]);
	what(it, tr_(c, "Answer %s's suggestion: %.200s"), r->t[2], r->t[3]);
	command(it, "rapport suggestion respond %lld --outcome adopted|acknowledged|declined [--reason T]",
	        (long long)r->i[0]);
	return 0;
}

static int on_spec_change(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	if (r->null[4] || strcmp(r->t[4], c->today) < 0)
		return 0; /* production started: too late to agree */
	long start = parse_day(r->t[4]);
	struct agenda_item *it = add(c, "partner", "spec-change", "fairness", r->i[3], day_start(&c->partner, start),
	                             day_start(&c->partner, start), "spec-change:%lld", (long long)r->i[0]);
	what(it, tr_(c, "Spec change to %s inside the freeze window awaits agreement: %.200s (production starts %s)"),
	     r->t[1], r->t[2], r->t[4]);
	command(it, "rapport spec change --partner %lld --style \"%s\" --what \"...\" --agreed", (long long)c->partner.party.id,
	        r->t[1]);
	return 0;
}

/* --- the other side's festivals and closures ---------------------------------------- */

static int on_greeted(void *p, const struct store_row *r)
{
	/* p: the festival's name; 1 stops the walk when an occasion names it */
	const char *name = p, *occasion = r->t[0];
	size_t n = strlen(name);
	for (const char *s = occasion; *s; s++)
		if (!strncasecmp(s, name, n))
			return 1;
	return 0;
}

/* The last index of the run of days from i on with the same name and kind. */
static size_t run_end(const struct holidays *h, size_t i)
{
	size_t j = i;
	while (j + 1 < h->n && !strcmp(h->days[j + 1].name, h->days[i].name) && h->days[j + 1].kind == h->days[i].kind &&
	       parse_day(h->days[j + 1].date) == parse_day(h->days[j].date) + 1)
		j++;
	return j;
}

struct count_ctx {
	long from, to;
	int n;
};

static int count_due(void *p, const struct store_row *r)
{
	struct count_ctx *k = p;
	long d = parse_day(r->t[3]);
	k->n += d >= k->from && d <= k->to;
	return 0;
}

/* A run of days off around holidays: public days and closures in a row. */
struct span {
	long from, to;
	int closure; /* it holds a closure day: a shutdown, not just a holiday */
	const char *name, *other; /* the first two names in it */
};

static size_t spans_of(const struct holidays *h, struct span *v)
{
	size_t n = 0;
	for (size_t i = 0; i < h->n; i++) {
		const struct holiday *x = &h->days[i];
		if (x->kind != HOLIDAY_PUBLIC && x->kind != HOLIDAY_CLOSURE)
			continue;
		long d = parse_day(x->date);
		struct span *s = n ? &v[n - 1] : NULL;
		if (!s || d != s->to + 1) {
			s = &v[n++];
			*s = (struct span){d, d, 0, x->name, NULL};
		}
		s->to = d;
		s->closure |= x->kind == HOLIDAY_CLOSURE;
		if (strcmp(s->name, x->name) && !s->other)
			s->other = x->name;
	}
	return n;
}

static void date_text(struct agenda_item *it, long day)
{
	day_format(day, it->due_date);
	snprintf(it->at_buyer, sizeof it->at_buyer, "%s", it->due_date);
	snprintf(it->at_partner, sizeof it->at_partner, "%s", it->due_date);
}

/* Festivals and shutdowns of the side `whose` in the next days: the other
 * side greets the one and plans around the other. */
static int festivals(struct ctx *c, const char *whose)
{
	struct workcal *w = cal_of(c, whose);
	const char *greeter = other(whose), *place = !strcmp(whose, "partner") ? tr_(c, "factory") : tr_(c, "office");
	long today = zone_day(w->zone, c->q->now);
	int y0, m0, d0;
	day_to_ymd(today, &y0, &m0, &d0);
	if (y0 < HOLIDAY_FIRST_YEAR || y0 >= HOLIDAY_LAST_YEAR)
		return 0;
	struct holidays h[2];
	if (workcal_holidays(w, y0, &h[0], c->e))
		return -1;
	if (workcal_holidays(w, y0 + 1, &h[1], c->e)) {
		holidays_release(&h[0]);
		return -1;
	}
	/* one list over the new year */
	struct holidays all = {0};
	all.n = h[0].n + h[1].n;
	all.days = malloc((all.n ? all.n : 1) * sizeof *all.days);
	struct span *spans = malloc((all.n ? all.n : 1) * sizeof *spans);
	if (!all.days || !spans)
		abort();
	memcpy(all.days, h[0].days, h[0].n * sizeof *all.days);
	memcpy(all.days + h[0].n, h[1].days, h[1].n * sizeof *all.days);
	size_t nspans = spans_of(&all, spans);
	int rc = 0;
	char where[PARTY_NAME_MAX * 2 + 16], a[11], b[11];
	if (*w->party.city)
		snprintf(where, sizeof where, tr_(c, "in %s (%s)"), w->party.city, w->party.country);
	else
		snprintf(where, sizeof where, tr_(c, "at %s (%s)"), w->party.name, w->party.country);
	/* shutdowns: what falls inside them */
	for (size_t i = 0; i < nspans && rc == 0; i++) {
		const struct span *s = &spans[i];
		if (!s->closure || s->to < today || s->from > today + AGENDA_FESTIVAL_DAYS)
			continue;
		day_format(s->from, a);
		day_format(s->to, b);
		struct count_ctx k = {s->from, s->to, 0};
		if (store_each(c->db, store_agenda_sql[AG_COMMITMENTS], c->e, count_due, &k, "iti", c->partner.party.id, b,
		               c->t) < 0) {
			rc = -1;
			break;
		}
		int64_t start = day_start(w, s->from);
		struct agenda_item *it = add(c, greeter, "closure", "reliability", start - 7 * (int64_t)DAY, start, start,
		                             "closure:%lld:%s:%s", (long long)c->partner.party.id, whose, a);
		what(it,
		     k.n == 1 ? tr_(c, "The %s %s is closed %s to %s (%s%s%s): %d open commitment falls inside")
		              : tr_(c, "The %s %s is closed %s to %s (%s%s%s): %d open commitments fall inside"),
		     place, where, a, b, s->name, s->other ? ", " : "", s->other ? s->other : "", k.n);
		command(it, "rapport workdays --partner %lld --from %s --days 1", (long long)c->partner.party.id, b);
		date_text(it, s->from);
	}
	/* festivals: a greeting, unless one naming it was sent in the last 30 days */
	for (size_t i = 0; i < all.n && rc == 0; i = run_end(&all, i) + 1) {
		size_t j = run_end(&all, i);
		long from = parse_day(all.days[i].date), to = parse_day(all.days[j].date);
		const struct holiday *x = &all.days[i];
		if (to < today || from > today + AGENDA_FESTIVAL_DAYS || x->kind == HOLIDAY_WORKDAY ||
		    x->kind == HOLIDAY_CLOSURE)
			continue;
		int r = store_each(c->db, store_agenda_sql[AG_GREETED], c->e, on_greeted, (void *)x->name, "itii",
		                   c->partner.party.id, greeter, c->q->now - 30 * (int64_t)DAY, c->t);
		if (r < 0) {
			rc = -1;
			break;
		}
		if (r > 0)
			continue;
		day_format(from, a);
		day_format(to, b);
		char closed[96] = "";
		for (size_t k = 0; k < nspans; k++)
			if (spans[k].closure && spans[k].from <= from && spans[k].to >= from) {
				char sa[11], sb[11];
				day_format(spans[k].from, sa);
				day_format(spans[k].to, sb);
				snprintf(closed, sizeof closed, tr_(c, "; the %s is closed %s to %s"), place, sa, sb);
			}
		int64_t start = day_start(w, from);
		struct agenda_item *it = add(c, greeter, "greeting", "respect", start - 3 * (int64_t)DAY, start + DAY, start,
		                             "greeting:%lld:%s:%s", (long long)c->partner.party.id, a, x->name);
		int local = x->local_name && strcmp(x->local_name, x->name);
		what(it,
		     from == to ? tr_(c, "%s%s%s%s on %s %s: send a greeting%s")
		                : tr_(c, "%s%s%s%s starts %s %s: send a greeting%s"),
		     x->name, local ? " (" : "", local ? x->local_name : "", local ? ")" : "", a, where, closed);
		command(it, "rapport greet --partner %lld --by %s --occasion \"%s %d\"", (long long)c->partner.party.id,
		        greeter, x->name, (int)(from >= day_from_ymd(y0 + 1, 1, 1) ? y0 + 1 : y0));
		date_text(it, from);
	}
	free(spans);
	free(all.days);
	holidays_release(&h[0]);
	holidays_release(&h[1]);
	return rc;
}

/* --- falling scores --------------------------------------------------------------- */

static int falling_scores(struct ctx *c)
{
	int64_t times[2] = {c->q->now - AGENDA_SCORE_DAYS * (int64_t)DAY, c->q->now};
	struct trust_result r[2];
	if (scores_at(c->db, c->partner.party.id, times, 2, r, c->e))
		return -1;
	const struct trust_result before = r[0], now = r[1];
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++) {
			double drop = before.dim[d][k].score - now.dim[d][k].score;
			if (drop <= AGENDA_SCORE_DROP)
				continue;
			const char *side = d == TRUST_PARTNER ? "partner" : "buyer";
			struct agenda_item *it = add(c, side, "score", trust_dim_names[k], c->q->now, c->q->now + DAY,
			                             c->q->now, "score:%lld:%s:%s", (long long)c->partner.party.id, side,
			                             trust_dim_names[k]);
			what(it,
			     d == TRUST_PARTNER ? tr_(c, "The partner's %s fell from %.2f to %.2f in %d days")
			                        : tr_(c, "The buyer's %s fell from %.2f to %.2f in %d days"),
			     dim_text(c, k), before.dim[d][k].score, now.dim[d][k].score, AGENDA_SCORE_DAYS);
			command(it, "rapport score --partner %lld --explain", (long long)c->partner.party.id);
		}
	return 0;
}

/* --- the whole agenda ------------------------------------------------------------- */

static int partner_items(struct ctx *c)
{
	int64_t rel = c->partner.party.id;
	if (update_slots(c) || contact_gap(c))
		return -1;
	int64_t t = c->t;
	if (store_each(c->db, store_agenda_sql[AG_COMMITMENTS], c->e, on_commitment, c, "iti", rel, c->horizon, t) < 0 ||
	    store_each(c->db, store_agenda_sql[AG_PAYMENTS], c->e, on_payment, c, "iti", rel, c->horizon, t) < 0 ||
	    store_each(c->db, store_agenda_sql[AG_UNACKED], c->e, on_unacked, c, "ii", rel, t) < 0 ||
	    store_each(c->db, store_agenda_sql[AG_ACTIONS], c->e, on_action, c, "iti", rel, c->horizon, t) < 0 ||
	    store_each(c->db, store_agenda_sql[AG_SUGGESTIONS], c->e, on_suggestion, c, "iii", rel,
	               c->q->now - AGENDA_SUGGESTION_DAYS * (int64_t)DAY, t) < 0 ||
	    store_each(c->db, store_agenda_sql[AG_SPEC_CHANGES], c->e, on_spec_change, c, "ii", rel, t) < 0)
		return -1;
	if (festivals(c, "partner") || festivals(c, "buyer"))
		return -1;
	return falling_scores(c);
}

struct each_ctx {
	struct ctx *c;
	int rc;
};

static int one_partner(void *p, const struct party *party)
{
	struct each_ctx *x = p;
	struct ctx *c = x->c;
	if (workcal_load(c->db, party->id, WORKCAL_BUYER, &c->buyer, c->e))
		return x->rc = -1;
	if (workcal_load(c->db, party->id, WORKCAL_PARTNER, &c->partner, c->e)) {
		workcal_release(&c->buyer);
		return x->rc = -1;
	}
	long today = zone_day(c->buyer.zone, c->q->now);
	day_format(today, c->today);
	day_format(today + AGENDA_HORIZON_DAYS, c->horizon);
	c->nupdates = 0;
	if (partner_items(c))
		x->rc = -1;
	workcal_release(&c->partner);
	workcal_release(&c->buyer);
	return x->rc;
}

static int on_snoozed(void *p, const struct store_row *r)
{
	struct ctx *c = p;
	char **v = realloc(c->snoozed, (c->nsnoozed + 1) * sizeof *v);
	if (!v)
		abort();
	c->snoozed = v;
	if (!(c->snoozed[c->nsnoozed++] = strdup(r->t[0])))
		abort();
	return 0;
}

static int by_urgency(const void *pa, const void *pb)
{
	const struct agenda_item *a = pa, *b = pb;
	if (a->state != b->state)
		return (int)a->state - (int)b->state;
	if (a->at != b->at)
		return a->at < b->at ? -1 : 1;
	return strcmp(a->id, b->id);
}

static int build(struct db *db, const struct agenda_query *q, struct agenda *out, struct err *e)
{
	memset(out, 0, sizeof *out);
	struct ctx c = {.db = db, .q = q, .out = out, .t = q->recorded_by > 0 ? q->recorded_by : INT64_MAX, .e = e};
	struct party buyer;
	int r = store_buyer_get(db, &buyer, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_INPUT, "--db: the database is not initialised (run rapport init)");
	if (q->author) {
		/* a snooze lasts through its day in the buyer's zone */
		struct zone *z;
		if (zone_load(buyer.tz, &z, e))
			return -1;
		char today[11];
		day_format(zone_day(z, q->now), today);
		zone_free(z);
		if (store_each(db, store_agenda_sql[AG_SNOOZED], e, on_snoozed, &c, "tt", q->author, today) < 0)
			return -1;
	}
	struct each_ctx x = {&c, 0};
	if (q->rel) {
		struct party p;
		r = store_partner_get(db, q->rel, &p, e);
		if (r <= 0)
			x.rc = r < 0 ? -1 : err_set(e, ERR_INPUT, "--partner: no partner with id %lld", (long long)q->rel);
		else
			one_partner(&x, &p);
	} else if (store_partner_each(db, one_partner, &x, e)) {
		x.rc = -1;
	}
	for (size_t i = 0; i < c.nsnoozed; i++)
		free(c.snoozed[i]);
	free(c.snoozed);
	free(c.updates);
	if (x.rc) {
		agenda_release(out);
		return -1;
	}
	qsort(out->v, out->n, sizeof *out->v, by_urgency);
	return 0;
}

int agenda_build(struct db *db, const struct agenda_query *q, struct agenda *out, struct err *e)
{
	/* one read transaction for every partner: one snapshot of the record,
	 * and the score caches it fills (scores.c) written by one commit */
	int own = !db_in_transaction(db);
	if (own && db_read_begin(db, e))
		return -1;
	int r = build(db, q, out, e);
	if (own)
		db_read_end(db); /* a cache that cannot be committed is only not kept */
	return r;
}

const char *agenda_owes_text(const char *owes)
{
	return !strcmp(owes, "both") ? "either side" : !strcmp(owes, "buyer") ? "the buyer" : "the partner";
}

void agenda_when(const char *iso, char out[48])
{
	long day;
	if (day_parse(iso, &day)) {
		snprintf(out, 48, "%.40s", iso);
		return;
	}
	const char *wd = day_abbr(day_weekday(day));
	if (strlen(iso) == 10)
		snprintf(out, 48, "%s %s", wd, iso);
	else
		snprintf(out, 48, "%s %.10s %.5s %.6s", wd, iso, iso + 11, iso + 19);
}

void agenda_release(struct agenda *a)
{
	free(a->v);
	memset(a, 0, sizeof *a);
}

int agenda_snooze(struct db *db, const char *author, const char *item, const char *until, int64_t now, struct err *e)
{
	return store_run(db, store_agenda_sql[AG_SNOOZE], e, "ttti", author, item, until, now) < 0 ? -1 : 0;
}

json_t *agenda_item_json(const struct agenda_item *it)
{
	char at[21];
	time_format_utc(it->at, at);
	return json_pack("{s:s, s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s, s:s, s:s}", "id", it->id, "partner",
	                 (json_int_t)it->rel, "partner_name", it->partner, "owes", it->owes, "kind", it->kind, "state",
	                 agenda_state_names[it->state], "due", at, "due_date", it->due_date[0] ? it->due_date : NULL,
	                 "due_buyer", it->at_buyer, "due_partner", it->at_partner, "dimension", it->dimension, "what",
	                 it->what, "command", it->command);
}
