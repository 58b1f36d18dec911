/* bench/agenda.c - the agenda of every partner, both sides, on the demo at
 * --scale N (default 100: 300 factories and over a million events): builds
 * the demo into a fresh database, then times agenda_build five times and
 * prints the fastest and the median, with how many items it found; and the
 * share spent on the falling-scores check (evidence and trust for every
 * partner at two dates). Figures only. */
#include "agenda.h"
#include "bench.h"
#include "evidence.h"
#include "project.h"
#include "store/parties.h"
#include "trust.h"

#define RUNS 5
#define NOW BENCH_NOW

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct scores_ctx {
	struct db *db;
	struct err *e;
	int rc;
};

/* What the falling-scores check costs alone: evidence of each partner and
 * its scores now and 30 days ago. */
static int score_one(void *p, const struct party *party)
{
	struct scores_ctx *c = p;
	struct trust_model m;
	struct evidence ev = {0};
	struct trust_result a, b;
	if (project_model(c->db, party->id, NOW, &m, c->e) || evidence_collect(c->db, &m, party->id, NOW, &ev, c->e))
		return c->rc = -1;
	trust_compute(&m, ev.items, ev.n, NOW, &a);
	trust_compute(&m, ev.items, ev.n, NOW - 30 * 86400, &b);
	evidence_release(&ev);
	return 0;
}

int main(int argc, char **argv)
{
	int scale = argc > 1 ? atoi(argv[1]) : 100;
	struct bench_db bd;
	struct err e = {0};
	if (bench_demo(&bd, "agenda", scale))
		return 3;
	struct db *db = bd.db;
	struct demo_stats st = bd.st;
	double t[RUNS], s[RUNS];
	size_t items = 0;
	for (int i = 0; i < RUNS; i++) {
		struct agenda ag;
		struct agenda_query q = {.now = NOW};
		double t0 = now_s();
		if (agenda_build(db, &q, &ag, &e)) {
			fprintf(stderr, "bench-agenda: %s\n", e.msg);
			return 3;
		}
		t[i] = now_s() - t0;
		items = ag.n;
		agenda_release(&ag);
		struct scores_ctx c = {db, &e, 0};
		t0 = now_s();
		if (store_partner_each(db, score_one, &c, &e) || c.rc) {
			fprintf(stderr, "bench-agenda: %s\n", e.msg);
			return 3;
		}
		s[i] = now_s() - t0;
	}
	qsort(t, RUNS, sizeof t[0], by_double);
	qsort(s, RUNS, sizeof s[0], by_double);
	printf("agenda bench: --scale %d: %lld partners, %lld events, %zu items (both sides)\n", scale,
	       (long long)st.partners, (long long)st.events, items);
	printf("  agenda, every partner   fastest %7.1f ms   median %7.1f ms   (goal < 200 ms)\n", t[0] * 1e3,
	       t[RUNS / 2] * 1e3);
	printf("  of which falling scores fastest %7.1f ms   median %7.1f ms\n", s[0] * 1e3, s[RUNS / 2] * 1e3);
	bench_demo_remove(&bd);
	return 0;
}
