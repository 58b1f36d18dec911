/* demo.c - generates the demo history: for each partner a plan of events
 * (a seeded generator, so the same --today gives the same database), sorted
 * by time and appended through ledger_append so that every rule and
 * projection applies as it would to real input. Knows no SQL. */
#include "demo.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keys.h"
#include "logtree.h"
#include "note.h"
#include "store/events.h"
#include "store/parties.h"
#include "store/verify.h"
#include "util/time.h"

#define DAY 86400
#define HOUR 3600
#define COMMIT_EVERY 5000

/* --- deterministic randomness (splitmix64) --------------------------------- */

struct rng {
	uint64_t s;
};

static uint64_t next(struct rng *r)
{
	uint64_t z = (r->s += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* Uniform in [lo, hi]. */
static int64_t between(struct rng *r, int64_t lo, int64_t hi)
{
	return lo + (int64_t)(next(r) % (uint64_t)(hi - lo + 1));
}

/* True with probability pct / 100. */
static int chance(struct rng *r, int pct)
{
	return (int)(next(r) % 100) < pct;
}

/* --- the factories ------------------------------------------------------------ */

struct person {
	const char *name, *role;
};

/* Festival dates as published (lunar new year: vacanza/holidays' tables;
 * Eid al-Fitr: as observed in Bangladesh). Greetings outside them are
 * skipped rather than guessed. */
static const char *const spring_festival[] = {
	"2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12",
	"2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", NULL,
};
static const char *const tet[] = {
	"2015-02-19", "2016-02-08", "2017-01-28", "2018-02-16", "2019-02-05", "2020-01-25", "2021-02-12",
	"2022-02-01", "2023-01-22", "2024-02-10", "2025-01-29", "2026-02-17", "2027-02-06", "2028-01-26", NULL,
};
static const char *const eid_bd[] = {
	"2015-07-18", "2016-07-07", "2017-06-26", "2018-06-16", "2019-06-05", "2020-05-25", "2021-05-14",
	"2022-05-03", "2023-04-22", "2024-04-11", "2025-03-31", "2026-03-21", NULL,
};

struct profile {
	const char *name, *country, *tz, *city, *lang, *cadence, *festival;
	int day_off;             /* the factory's weekly day off, 0 = Monday */
	const char *const *festival_dates;
	struct person people[4]; /* manager first */
	int late_pct;            /* milestones kept late */
	int miss_pct;            /* update slots missed */
	int paid_late;           /* the buyer paid one season late */
	int disclosed_problem;   /* a problem the factory disclosed itself */
	int hidden_problem;      /* one found at final inspection */
	int sudden_spec;         /* a spec change inside the freeze window */
	const char *styles[4];
	const char *login;       /* the manager's e-mail address, their demo login */
};

static const struct profile profiles[] = {
	{"Dongguan Evergreen Knitwear Co., Ltd.", "CN", "Asia/Shanghai", "Dongguan", "zh", "weekly:MON@09:00",
	 "Spring Festival", 6, spring_festival,
	 {{"Chen Jing", "manager"}, {"Wang Fang", "qc"}, {"Li Wei", "line_worker"}, {"Zhang Min", "merchandiser"}},
	 8, 4, 0, 1, 0, 1,
	 {"Cable crew W27", "Mohair cardigan", "Merino rib polo", "Lambswool V-neck"},
	 "chen.jing@evergreen.example"},
	{"Saigon Loom Garments JSC", "VN", "Asia/Ho_Chi_Minh", "Ho Chi Minh City", "vi", "weekly:MON@09:00", "Tết", 6,
	 tet,
	 {{"Nguyễn Thị Lan", "manager"}, {"Trần Văn Minh", "qc"}, {"Lê Thị Hoa", "line_worker"},
	  {"Phạm Quốc Bảo", "merchandiser"}},
	 22, 10, 1, 0, 0, 0,
	 {"Cotton boucle jumper", "Linen blend cardigan", "Organic cotton crew", "Textured knit vest"},
	 "lan.nguyen@saigonloom.example"},
	{"Padma Knit Composite Ltd.", "BD", "Asia/Dhaka", "Dhaka", "bn", "weekly:SUN@10:00", "Eid al-Fitr", 4, eid_bd,
	 {{"Rahim Uddin", "manager"}, {"Kamal Hossain", "qc"}, {"Nasrin Akter", "line_worker"},
	  {"Farhana Islam", "merchandiser"}},
	 14, 7, 0, 0, 1, 0,
	 {"Fine gauge turtleneck", "Cotton cashmere crew", "Chunky rib beanie set", "Striped breton knit"},
	 "rahim.uddin@padmaknit.example"},
};

static const struct person buyer_people[] = {
	{"Maya Okafor", "sourcing"}, {"Tom Hartley", "qc"}, {"Priya Shah", "merchandiser"},
};

/* --- a plan: events to append, in any order, with references by index ----- */

struct gen {
	int64_t at;
	int order;
	const char *kind;
	int by_partner;       /* recorded by the partner's manager */
	json_t *body;
	struct {
		const char *field; /* filled at append with the id (or seq) of ... */
		int target;        /* ... this plan index; -1 for none */
		int as_seq;
	} ref[2];
	int met[4];           /* visit.add: plan indexes of the people met */
	int nmet;
};

struct plan {
	struct gen *g;
	int n, cap;
	int64_t today;
};

static int gen(struct plan *p, int64_t at, const char *kind, int by_partner, json_t *body)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 1024;
		p->g = realloc(p->g, (size_t)p->cap * sizeof *p->g);
		if (!p->g)
			abort();
	}
	p->g[p->n] = (struct gen){.at = at, .order = p->n, .kind = kind, .by_partner = by_partner, .body = body,
	                          .ref = {{NULL, -1, 0}, {NULL, -1, 0}}};
	return p->n++;
}

/* Makes field of event i name event target (its id, or its seq). */
static void refer(struct plan *p, int i, const char *field, int target, int as_seq)
{
	int k = p->g[i].ref[0].target < 0 ? 0 : 1;
	p->g[i].ref[k].field = field;
	p->g[i].ref[k].target = target;
	p->g[i].ref[k].as_seq = as_seq;
}

/* An event acting on another: its body names the other's id at append. */
static int gen_on(struct plan *p, int64_t at, const char *kind, int by_partner, json_t *body, const char *field,
                  int target)
{
	int i = gen(p, at, kind, by_partner, body);
	refer(p, i, field, target, 0);
	return i;
}

static int by_time(const void *a, const void *b)
{
	const struct gen *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	return x->order - y->order;
}

static void date_of(int64_t t, const char *tz, char out[11])
{
	time_format_date(t, tz, out);
}

/* --- what happens in a relationship -------------------------------------------- */

struct ctx {
	struct plan *plan;
	struct rng rng;
	const struct profile *pf;
	int64_t start, end;
	int people[7]; /* buyer 0-2, partner 3-6 */
};

/* Local working-day time: day d at hour h in the partner's zone. */
static int64_t local_at(const struct ctx *c, int64_t day, int hour)
{
	int y, m, d, w;
	time_local_date(day, c->pf->tz, &y, &m, &d, &w);
	return time_from_local(c->pf->tz, y, m, d, hour * 60);
}

static void weekly_updates(struct ctx *c)
{
	unsigned days;
	int minutes;
	event_cadence_parse(c->pf->cadence, &days, &minutes);
	static const char *const status[] = {"on_track", "on_track", "on_track", "at_risk", "on_track", "late"};
	for (int64_t day = c->start + 2 * DAY; day < c->end; day += DAY) {
		int y, m, d, w;
		time_local_date(day, c->pf->tz, &y, &m, &d, &w);
		if (!(days & (1u << w)) || chance(&c->rng, c->pf->miss_pct))
			continue;
		int64_t slot = time_from_local(c->pf->tz, y, m, d, minutes);
		int64_t at = slot + between(&c->rng, -2 * HOUR, 3 * HOUR);
		if (chance(&c->rng, 6))
			at += 30 * HOUR; /* sent a day late */
		const char *st = status[next(&c->rng) % 6];
		json_t *b = json_pack("{s:s, s:I}", "status", st, "progress", (json_int_t)between(&c->rng, 10, 95));
		static const char *const nexts[] = {"Bulk knitting on lines 2 and 3", "Linking and washing",
		                                    "Final inspection booked", "Yarn dyeing", "Sample approval"};
		json_object_set_new(b, "next", json_string(nexts[next(&c->rng) % 5]));
		if (strcmp(st, "on_track"))
			json_object_set_new(b, "blockers", json_string("Yarn delivery slipped by three days"));
		gen(c->plan, at, "update.submit", 1, b);
	}
}

static void contacts(struct ctx *c)
{
	static const char *const kinds[] = {"call", "video", "message", "email", "video", "message"};
	static const char *const notes[] = {"Weekly check-in", "Reviewed lab dips", "Discussed the next season's capacity",
	                                    "Trims approval", "Shipping schedule", "Costing for the new styles"};
	for (int64_t t = c->start + DAY; t < c->end;) {
		int y, m, d, w;
		time_local_date(t, c->pf->tz, &y, &m, &d, &w);
		if (w == c->pf->day_off)
			t += DAY; /* nobody is at the factory */
		int by_partner = chance(&c->rng, 45);
		json_t *b = json_pack("{s:s, s:s, s:s}", "by", by_partner ? "partner" : "buyer", "kind",
		                      kinds[next(&c->rng) % 6], "note", notes[next(&c->rng) % 6]);
		gen(c->plan, local_at(c, t, (int)between(&c->rng, 9, 17)), "contact", by_partner, b);
		/* mostly every few days, now and then a longer silence */
		t += chance(&c->rng, 8) ? between(&c->rng, 15, 24) * DAY : between(&c->rng, 3, 9) * DAY;
	}
}

/* An order with its milestones, spec, payments and what became of them. */
static void season(struct ctx *c, int n, int64_t placed)
{
	static const struct {
		const char *name;
		int before;
	} ms[] = {{"sample approval", 60}, {"bulk fabric in", 45}, {"production start", 30},
	          {"inline inspection", 14}, {"final inspection", 3}, {"ex-factory", 0}};
	const struct profile *pf = c->pf;
	char po[32], due[11], what[128], amount[32], date[11];
	int64_t exf = placed + between(&c->rng, 100, 125) * DAY;
	long long qty = between(&c->rng, 12, 48) * 100, cents = between(&c->rng, 1450, 2800);
	const char *style = pf->styles[n % 4];
	snprintf(po, sizeof po, "LR-%s-%03d", pf->country, n + 1);
	date_of(exf, "UTC", date);
	int order = gen(c->plan, placed, "order.add", 0,
	                json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "po", po, "style", style, "qty", (json_int_t)qty,
	                          "price", (snprintf(amount, sizeof amount, "%lld.%02lld", cents / 100, cents % 100), amount),
	                          "currency", "USD", "ex_factory", date));
	/* the tech pack, production starting with the milestone */
	char version[16], start[11];
	snprintf(version, sizeof version, "%d", 1 + n / 4); /* a new version each time a style returns */
	date_of(exf - 30 * DAY, "UTC", start);
	gen(c->plan, placed + HOUR, "spec.publish", 0,
	    json_pack("{s:s, s:s, s:s}", "style", style, "version", version, "production_start", start));
	for (size_t i = 0; i < sizeof ms / sizeof ms[0]; i++) {
		int64_t due_t = exf - ms[i].before * DAY;
		date_of(due_t, "UTC", due);
		snprintf(what, sizeof what, "%s: %s", po, ms[i].name);
		int cm = gen_on(c->plan, placed + 2 * HOUR, "commitment.add", 0,
		                json_pack("{s:s, s:s, s:s, s:s}", "side", "partner", "what", what, "due", due, "milestone",
		                          ms[i].name),
		                "order", order);
		if (chance(&c->rng, 4)) { /* agreed a later date well before */
			date_of(due_t + 7 * DAY, "UTC", due);
			gen_on(c->plan, due_t - 10 * DAY, "commitment.renegotiate", 1, json_pack("{s:s}", "due", due), "commitment",
			       cm);
			due_t += 7 * DAY;
		}
		int64_t kept = chance(&c->rng, pf->late_pct) ? due_t + between(&c->rng, 1, 9) * DAY
		                                             : due_t - between(&c->rng, 0, 2) * DAY;
		gen_on(c->plan, local_at(c, kept, 16), "commitment.keep", 1, json_object(), "commitment", cm);
	}
	/* the buyer's payments: deposit a week after the order, balance 30 days after ex-factory */
	long long total = qty * cents, deposit = total * 30 / 100;
	const struct {
		const char *label;
		int64_t due;
		long long cents;
	} pays[] = {{"deposit", placed + 7 * DAY, deposit}, {"balance", exf + 30 * DAY, total - deposit}};
	for (int i = 0; i < 2; i++) {
		date_of(pays[i].due, "UTC", due);
		snprintf(amount, sizeof amount, "%lld.%02lld", pays[i].cents / 100, pays[i].cents % 100);
		int p = gen_on(c->plan, placed + 3 * HOUR, "payment.due", 0,
		               json_pack("{s:s, s:s, s:s, s:s}", "amount", amount, "currency", "USD", "due", due, "label",
		                         pays[i].label),
		               "order", order);
		/* one season in the second year the buyer paid this factory late */
		int late = pf->paid_late && n == 5;
		int64_t paid = late ? pays[i].due + between(&c->rng, 20, 35) * DAY : pays[i].due - between(&c->rng, 0, 3) * DAY;
		gen_on(c->plan, paid + 10 * HOUR, "payment.paid", 0, json_object(), "payment", p);
	}
	/* a spec change: with notice and agreed, or a sudden shift */
	if (pf->sudden_spec && n == 4)
		gen(c->plan, exf - 35 * DAY, "spec.change", 0,
		    json_pack("{s:s, s:s, s:b}", "style", style, "what", "Switch the neck rib from 1x1 to 2x2", "agreed", 0));
	else if (n % 3 == 1)
		gen(c->plan, placed + 20 * DAY, "spec.change", 0,
		    json_pack("{s:s, s:s, s:b}", "style", style, "what", "Body length +1 cm on sizes L and XL", "agreed", 1));
}

/* A problem, its acknowledgement, joint actions on both sides, resolution. */
static void problem(struct ctx *c, int64_t at, const char *title, const char *severity, const char *disclosure,
                    const char *partner_action, const char *buyer_action, int64_t ack_after, int came_back)
{
	char due[11];
	int is = gen(c->plan, at, "issue.raise", !strcmp(disclosure, "self"),
	             json_pack("{s:s, s:s, s:s, s:s}", "title", title, "severity", severity, "responsible", "partner",
	                       "disclosure", disclosure));
	gen_on(c->plan, at + ack_after, "issue.ack", strcmp(disclosure, "self") != 0, json_object(), "issue", is);
	date_of(at + 7 * DAY, "UTC", due);
	int a1 = gen_on(c->plan, at + ack_after + HOUR, "issue.action", 1,
	                json_pack("{s:s, s:s, s:s}", "owner", "partner", "what", partner_action, "due", due), "issue", is);
	date_of(at + 3 * DAY, "UTC", due);
	int a2 = gen_on(c->plan, at + ack_after + 2 * HOUR, "issue.action", 0,
	                json_pack("{s:s, s:s, s:s}", "owner", "buyer", "what", buyer_action, "due", due), "issue", is);
	gen_on(c->plan, at + 2 * DAY, "issue.action_done", 0, json_object(), "action", a2);
	gen_on(c->plan, at + 6 * DAY, "issue.action_done", 1, json_object(), "action", a1);
	gen_on(c->plan, at + 8 * DAY, "issue.resolve", 0, json_pack("{s:s}", "note", "Checked on the next lot"), "issue",
	       is);
	if (!came_back)
		return;
	gen_on(c->plan, at + 15 * DAY, "issue.reopen", 0, json_pack("{s:s}", "note", "Found again in lot 5"), "issue", is);
	date_of(at + 19 * DAY, "UTC", due);
	int a3 = gen_on(c->plan, at + 15 * DAY + HOUR, "issue.action", 1,
	                json_pack("{s:s, s:s, s:s}", "owner", "partner", "what", "Replace the worn needles on line 2", "due",
	                          due),
	                "issue", is);
	gen_on(c->plan, at + 18 * DAY, "issue.action_done", 1, json_object(), "action", a3);
	gen_on(c->plan, at + 21 * DAY, "issue.resolve", 0, json_pack("{s:s}", "note", "Two clean lots in a row"), "issue",
	       is);
}

static void visits(struct ctx *c)
{
	static const struct {
		const char *text;
		int from;       /* partner person index (1 qc, 2 line worker) */
		const char *outcome, *reason;
	} ideas[] = {
		{"Pre-shrink the rib trims before linking", 2, "adopted", NULL},
		{"Move the needle check before washing, not after", 1, "adopted", NULL},
		{"Send the tech pack in Chinese and English", 0, "acknowledged", NULL},
		{"Switch to a cheaper yarn for the body", 2, "declined", "It changes the hand feel customers expect"},
		{"Add a second inline inspection for dark shades", 1, NULL, NULL},
	};
	int k = 0;
	for (int64_t t = c->start + 80 * DAY; t < c->end - 10 * DAY; t += between(&c->rng, 200, 260) * DAY) {
		char date[11];
		date_of(t, c->pf->tz, date);
		int v = gen(c->plan, local_at(c, t, 18), "visit.add", 0,
		            json_pack("{s:s, s:s, s:s}", "by", "buyer", "date", date, "note",
		                      "Walked lines 1-3, the linking room and the QC area"));
		for (int i = 0; i < 3; i++)
			c->plan->g[v].met[c->plan->g[v].nmet++] = c->people[3 + i];
		for (int i = 0; i < 2; i++, k++) {
			int s = gen_on(c->plan, local_at(c, t, 18) + HOUR + i, "suggestion.add", 0,
			               json_pack("{s:s}", "text", ideas[k % 5].text), "visit", v);
			refer(c->plan, s, "person", c->people[3 + ideas[k % 5].from], 0);
			if (ideas[k % 5].outcome) {
				json_t *b = json_pack("{s:s}", "outcome", ideas[k % 5].outcome);
				if (ideas[k % 5].reason)
					json_object_set_new(b, "reason", json_string(ideas[k % 5].reason));
				gen_on(c->plan, t + between(&c->rng, 5, 20) * DAY, "suggestion.respond", 0, b, "suggestion", s);
			}
		}
	}
}

static void greetings(struct ctx *c)
{
	char occasion[64];
	for (const char *const *d = c->pf->festival_dates; *d; d++) {
		int64_t t = time_date_utc(*d) - 3 * DAY + 9 * HOUR;
		if (t < c->start || t >= c->end)
			continue;
		snprintf(occasion, sizeof occasion, "%s %.4s", c->pf->festival, *d);
		gen(c->plan, t, "greet", 0,
		    json_pack("{s:s, s:s, s:s}", "by", "buyer", "occasion", occasion, "note",
		              "Warm wishes to everyone at the factory and your families"));
	}
	int y, m, d, w;
	time_local_date(c->start, "UTC", &y, &m, &d, &w);
	for (; y <= 9999; y++) {
		char date[16];
		snprintf(date, sizeof date, "%04d-12-22", y % 10000);
		int64_t t = time_date_utc(date) + 10 * HOUR;
		if (t >= c->end)
			break;
		if (t < c->start)
			continue;
		snprintf(occasion, sizeof occasion, "Christmas %d", y);
		gen(c->plan, t, "greet", 1, json_pack("{s:s, s:s}", "by", "partner", "occasion", occasion));
	}
}

static void buyer_promises(struct ctx *c)
{
	static const char *const whats[] = {"Send the approved trims card", "Confirm the colour standards",
	                                    "Share the next season's forecast", "Approve the fit samples"};
	int n = 0;
	char due[11];
	for (int64_t t = c->start + 20 * DAY; t < c->end; t += between(&c->rng, 45, 75) * DAY, n++) {
		int64_t due_t = t + 10 * DAY;
		date_of(due_t, "UTC", due);
		int cm = gen(c->plan, t, "commitment.add", 0,
		             json_pack("{s:s, s:s, s:s}", "side", "buyer", "what", whats[n % 4], "due", due));
		if (n == 5)
			gen_on(c->plan, due_t + 2 * DAY, "commitment.break", 0,
			       json_pack("{s:s}", "reason", "The forecast was delayed by our merchandising review"), "commitment",
			       cm);
		else /* mostly on time, now and then a few days late */
			gen_on(c->plan, due_t + (chance(&c->rng, 12) ? between(&c->rng, 1, 4) : -between(&c->rng, 0, 3)) * DAY,
			       "commitment.keep", 0, json_object(), "commitment", cm);
	}
}

/* --- building one relationship ------------------------------------------------------ */

/* Appends the plan, resolving references; events after today are dropped
 * with everything that refers to them. */
static int append_plan(struct ledger *l, int64_t rel, struct plan *p, const struct profile *pf,
                       struct demo_stats *stats, struct err *e)
{
	qsort(p->g, (size_t)p->n, sizeof *p->g, by_time);
	int64_t *ids = calloc((size_t)p->n, sizeof *ids), *seqs = calloc((size_t)p->n, sizeof *seqs);
	int *where = calloc((size_t)p->n, sizeof *where); /* plan index -> sorted position */
	if (!ids || !seqs || !where)
		abort();
	for (int i = 0; i < p->n; i++)
		where[p->g[i].order] = i;
	int r = 0;
	for (int i = 0; i < p->n && r == 0; i++) {
		struct gen *g = &p->g[i];
		int skip = g->at > p->today;
		for (int k = 0; k < 2; k++) {
			if (g->ref[k].target < 0)
				continue;
			int t = where[g->ref[k].target];
			skip |= !ids[t];
			json_object_set_new(g->body, g->ref[k].field, json_integer(g->ref[k].as_seq ? seqs[t] : ids[t]));
		}
		if (g->nmet > 0) {
			json_t *met = json_array();
			for (int k = 0; k < g->nmet; k++)
				json_array_append_new(met, json_integer(ids[where[g->met[k]]]));
			json_object_set_new(g->body, "met", met);
		}
		if (!skip) {
			struct ledger_entry in = {
				.kind = g->kind,
				.side = g->by_partner ? "partner" : "buyer",
				.author = g->by_partner ? pf->people[0].name : buyer_people[0].name,
				.at = g->at,
				.recorded = g->at + 10 * 60,
				.body = g->body,
			};
			struct event ev;
			r = ledger_append(l, rel, &in, &ev, e);
			if (r == 0) {
				ids[i] = ev.id;
				seqs[i] = ev.seq;
				if (++stats->events % COMMIT_EVERY == 0 && (db_commit(l->db, e) || db_begin(l->db, e)))
					r = -1;
			} else {
				char msg[sizeof e->msg];
				snprintf(msg, sizeof msg, "%s", e->msg);
				err_set(e, e->code, "demo: %s at %lld: %.400s", g->kind, (long long)g->at, msg);
			}
		}
	}
	for (int i = 0; i < p->n; i++)
		json_decref(p->g[i].body);
	free(ids);
	free(seqs);
	free(where);
	return r;
}

static int build_partner(struct ledger *l, int idx, int copy, int64_t start, int64_t today, struct demo_stats *stats,
                         struct err *e)
{
	const struct profile *pf = &profiles[idx];
	struct plan plan = {.today = today};
	struct ctx c = {.plan = &plan, .rng = {0x5eed0000ULL + (uint64_t)(idx * 1000 + copy)}, .pf = pf, .start = start,
	                .end = today};
	char name[256], uid[REL_UID_LEN + 1];
	if (copy)
		snprintf(name, sizeof name, "%s (%d)", pf->name, copy + 1);
	else
		snprintf(name, sizeof name, "%s", pf->name);
	/* a uid from the seed, so the same run gives the same bytes */
	uint64_t a = next(&c.rng), b = next(&c.rng);
	snprintf(uid, sizeof uid, "%08llx-%04llx-4%03llx-%04llx-%012llx", (unsigned long long)(a >> 32),
	         (unsigned long long)((a >> 16) & 0xffff), (unsigned long long)(a & 0xfff),
	         (unsigned long long)(0x8000 | ((b >> 48) & 0x3fff)), (unsigned long long)(b & 0xffffffffffffULL));
	json_t *body = json_pack("{s:s, s:s, s:s, s:s, s:{s:s, s:s, s:s}}", "name", name, "country", pf->country, "tz", pf->tz,
	                         "city", pf->city, "buyer", "name", "Linden & Rowe", "country", "GB", "tz", "Europe/London");
	struct ledger_entry in = {"relationship.open", "buyer", buyer_people[0].name, start, start + 600, body};
	struct event ev;
	int64_t rel;
	int r = ledger_open_uid(l, uid, &in, &rel, &ev, e);
	json_decref(body);
	if (r)
		return -1;
	stats->partners++;
	stats->events++;

	gen(&plan, start + HOUR, "settings", 0,
	    json_pack("{s:s, s:i, s:i, s:i, s:i, s:i, s:i}", "cadence", pf->cadence, "gap_ideal", 7, "gap_max", 14, "ack_sla",
	              48, "freeze_days", 14, "payment_terms", 30, "deposit_pct", 30));
	for (int i = 0; i < 3; i++)
		c.people[i] = gen(&plan, start + 2 * HOUR, "person.add", 0,
		                  json_pack("{s:s, s:s, s:s, s:s}", "side", "buyer", "name", buyer_people[i].name, "role",
		                            buyer_people[i].role, "lang", "en"));
	for (int i = 0; i < 4; i++)
		c.people[3 + i] = gen(&plan, start + 2 * HOUR, "person.add", 1,
		                      json_pack("{s:s, s:s, s:s, s:s}", "side", "partner", "name", pf->people[i].name, "role",
		                                pf->people[i].role, "lang", pf->lang));
	weekly_updates(&c);
	contacts(&c);
	int n = 0;
	for (int64_t t = start + 10 * DAY; t < today - 30 * DAY; t += 91 * DAY)
		season(&c, n++, local_at(&c, t, 10));
	buyer_promises(&c);
	visits(&c);
	greetings(&c);
	if (pf->disclosed_problem)
		problem(&c, local_at(&c, start + 240 * DAY, 11), "Dye lot shade variation on lot 3", "major", "self",
		        "Re-dye lot 3 and send shade bands", "Approve the new lab dip within 48 hours", 3 * HOUR, 0);
	if (pf->hidden_problem)
		problem(&c, local_at(&c, start + 420 * DAY, 15), "Needle holes found at final inspection (AQL 2.5 failed)",
		        "critical", "discovered", "Re-inspect 100 % and repair", "Move our inspection to inline", 30 * HOUR, 1);
	if (idx == 1) { /* a contact logged twice, then withdrawn */
		int64_t t = local_at(&c, start + 30 * DAY, 11);
		int dup = gen(&plan, t, "contact", 0,
		              json_pack("{s:s, s:s, s:s}", "by", "buyer", "kind", "call", "note", "Weekly check-in"));
		gen(&plan, t + 60, "contact", 0, json_pack("{s:s, s:s, s:s}", "by", "buyer", "kind", "call", "note",
		                                           "Weekly check-in"));
		int fix = gen(&plan, t + 2 * HOUR, "correct", 0, json_pack("{s:s, s:b}", "reason", "Logged twice", "void", 1));
		refer(&plan, fix, "seq", dup, 1);
	}
	r = append_plan(l, rel, &plan, pf, stats, e);
	free(plan.g);
	return r;
}

int demo_build(struct ledger *l, int64_t today, int scale, struct demo_stats *stats, struct err *e)
{
	memset(stats, 0, sizeof *stats);
	int years = scale < 10 ? 2 : scale / 5;
	int64_t start = today - (int64_t)years * 365 * DAY;
	for (int copy = 0; copy < scale; copy++)
		for (int i = 0; i < (int)(sizeof profiles / sizeof profiles[0]); i++)
			if (build_partner(l, i, copy, start, today, stats, e))
				return -1;
	return 0;
}

/* --- logins for the web app ---------------------------------------------------- */

/* The buyer's demo users: an admin and a viewer (who can look but not
 * change anything). */
static const struct {
	const char *email, *role;
} buyer_logins[] = {
	{"maya@lindenrowe.example", "admin"},
	{"tom@lindenrowe.example", "viewer"},
};

struct users_ctx {
	const char *hash;
	int64_t now;
	demo_login_fn fn;
	void *ctx;
	struct db *db;
	struct err *e;
};

static int add_user(struct users_ctx *c, int64_t partner, const char *email, const char *role, const char *lang,
                    const char *org_name)
{
	struct store_user u = {.partner = partner, .created_at = c->now};
	snprintf(u.email, sizeof u.email, "%s", email);
	snprintf(u.role, sizeof u.role, "%s", role);
	snprintf(u.lang, sizeof u.lang, "%s", lang);
	snprintf(u.password, sizeof u.password, "%s", c->hash);
	if (store_user_insert(c->db, &u, &u.id, c->e))
		return -1;
	return c->fn ? c->fn(c->ctx, &u, org_name) : 0;
}

/* A partner's admin: the manager of the profile the partner was made from
 * (build_partner names copies "NAME (N)"; their logins are name+N@...). */
static int partner_user(void *ctx, const struct party *p)
{
	struct users_ctx *c = ctx;
	for (size_t i = 0; i < sizeof profiles / sizeof profiles[0]; i++) {
		const struct profile *pf = &profiles[i];
		size_t n = strlen(pf->name);
		int copy = 1;
		if (strncmp(p->name, pf->name, n) || (p->name[n] && sscanf(p->name + n, " (%d)", &copy) != 1))
			continue;
		char email[STORE_EMAIL_MAX + 1];
		const char *at = strchr(pf->login, '@');
		if (copy > 1)
			snprintf(email, sizeof email, "%.*s+%d%s", (int)(at - pf->login), pf->login, copy, at);
		else
			snprintf(email, sizeof email, "%s", pf->login);
		return add_user(c, p->id, email, "admin", strcmp(pf->country, "CN") ? "" : "zh-CN", p->name);
	}
	return 0;
}

int demo_users(struct db *db, int64_t now, const char *hash, demo_login_fn fn, void *ctx, struct err *e)
{
	struct users_ctx c = {hash, now, fn, ctx, db, e};
	struct party b;
	int r = store_buyer_get(db, &b, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_IO, "the demo has no buyer");
	for (size_t i = 0; i < sizeof buyer_logins / sizeof buyer_logins[0]; i++)
		if (add_user(&c, 0, buyer_logins[i].email, buyer_logins[i].role, "en", b.name))
			return -1;
	return store_partner_each(db, partner_user, &c, e);
}

/* --- keys and checkpoints ------------------------------------------------------- */

struct sign_ctx {
	struct db *db;
	struct sha256 *h;
	const char *dir;
	int64_t now;
	struct note_signer buyer;
	const char *buyer_name;
	char **files;      /* key files written, to remove on error */
	size_t nfiles, cap;
	int64_t signed_n;
	struct err *e;
};

static int new_key(struct sign_ctx *c, int64_t org)
{
	struct org_key k;
	char path[1024];
	if (keys_create(c->db, c->h, org, c->dir, c->now, &k, path, sizeof path, c->e))
		return -1;
	if (c->nfiles == c->cap) {
		c->cap = c->cap ? 2 * c->cap : 16;
		c->files = realloc(c->files, c->cap * sizeof *c->files);
		if (!c->files)
			abort();
	}
	c->files[c->nfiles++] = strdup(path);
	return 0;
}

static int sign_line(struct sign_ctx *c, int64_t id, const char *side, const struct note_signer *s, const char *text)
{
	struct stored_signature sig = {.key_id = s->key.id, .at = c->now};
	snprintf(sig.side, sizeof sig.side, "%s", side);
	snprintf(sig.key_name, sizeof sig.key_name, "%s", s->key.name);
	note_sign(s, text, strlen(text), sig.sig);
	return store_signature_insert(c->db, id, &sig, c->e);
}

/* The partner's key, then the checkpoint of its record at its head: the
 * root recomputed from the stored event hashes, as rapport checkpoint does. */
static int sign_rel(void *ctx, const struct rel_head *h)
{
	struct sign_ctx *c = ctx;
	struct logtree t;
	struct note_checkpoint cp = {.size = (uint64_t)h->seq};
	if (h->seq < 1)
		return 0;
	if (new_key(c, h->id) || logtree_open(&t, c->db, c->h, h->id, c->e) ||
	    logtree_recompute(&t, h->seq, cp.root, c->e) || logtree_ids(&t, h->seq, cp.ids, c->e))
		return -1;
	cp.has_ids = 1;
	keys_origin(cp.origin, sizeof cp.origin, c->buyer_name, h->uid);
	struct buf text = BUF_INIT;
	note_checkpoint_format(&text, &cp);
	struct stored_checkpoint sc = {.rel = h->id, .size = h->seq, .text = text.data, .created = c->now};
	memcpy(sc.root, cp.root, 32);
	struct note_signer partner;
	int r = store_checkpoint_insert(c->db, &sc, c->e) || keys_load(c->db, c->h, h->id, c->dir, &partner, c->e) ? -1 : 0;
	if (r == 0) {
		r = sign_line(c, sc.id, "buyer", &c->buyer, text.data) || sign_line(c, sc.id, "partner", &partner, text.data)
		        ? -1
		        : 0;
		note_signer_wipe(&partner);
	}
	buf_release(&text);
	c->signed_n += r == 0;
	return r;
}

int demo_sign(struct db *db, struct sha256 *h, const char *keys_dir, int64_t now, int64_t *signed_out, struct err *e)
{
	struct sign_ctx c = {.db = db, .h = h, .dir = keys_dir, .now = now, .e = e};
	struct party b;
	struct org_key k;
	int r = store_buyer_get(db, &b, e);
	if (r <= 0)
		return r < 0 ? -1 : err_set(e, ERR_IO, "the demo has no buyer");
	c.buyer_name = b.name;
	r = store_key_get(db, ORG_BUYER, &k, e);
	if (r == 0)
		r = new_key(&c, ORG_BUYER);
	else if (r > 0)
		r = 0;
	if (r == 0)
		r = keys_load(db, h, ORG_BUYER, keys_dir, &c.buyer, e);
	if (r == 0) {
		r = store_rel_each(db, 0, sign_rel, &c, e);
		note_signer_wipe(&c.buyer);
	}
	for (size_t i = 0; i < c.nfiles; i++) {
		if (r)
			unlink(c.files[i]);
		free(c.files[i]);
	}
	free(c.files);
	*signed_out = c.signed_n;
	return r ? -1 : 0;
}
