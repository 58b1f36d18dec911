/* bench/agenda.c - the agenda of every partner, both sides, on the demo at
 * --scale N (default 100: 300 factories and over a million events): builds
 * the demo into a fresh database, then times agenda_build six times: the
 * first fills each partner's settled-evidence cache (scores.c), the rest
 * find it; prints that first time, the fastest and the median of the rest,
 * and how many items. Then the falling-scores check alone, scores at two
 * dates for every partner, beside the same by replaying all the evidence.
 * Figures only. */
#include "agenda.h"
#include "bench.h"
#include "evidence.h"
#include "project.h"
#include "scores.h"
#include "store/parties.h"
#include "trust.h"

#define RUNS 6
#define NOW BENCH_NOW

static int by_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct scores_ctx {
	struct db *db;
	struct err *e;
	int replay;
	int rc;
};

/* What the falling-scores check costs alone: each partner's scores now
 * and 30 days ago, from the projections or by replaying the evidence. */
static int score_one(void *p, const struct party *party)
{
	struct scores_ctx *c = p;
	int64_t times[2] = {NOW - 30 * 86400, NOW};
	struct trust_result r[2];
	if (!c->replay)
		return c->rc = scores_at(c->db, party->id, times, 2, r, c->e);
	struct trust_model m;
	struct evidence ev = {0};
	if (project_model(c->db, party->id, NOW, &m, c->e) || evidence_collect(c->db, &m, party->id, NOW, &ev, c->e))
		return c->rc = -1;
	for (int i = 0; i < 2; i++)
		trust_compute(&m, ev.items, ev.n, times[i], &r[i]);
	evidence_release(&ev);
	return 0;
}

static int time_scores(struct db *db, int replay, double *out, struct err *e)
{
	for (int i = 0; i < RUNS - 1; i++) {
		struct scores_ctx c = {db, e, replay, 0};
		double t0 = now_s();
		if (store_partner_each(db, score_one, &c, e) || c.rc)
			return -1;
		out[i] = now_s() - t0;
	}
	qsort(out, RUNS - 1, sizeof out[0], by_double);
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
	double t[RUNS], fast[RUNS - 1], slow[RUNS - 1];
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
	}
	if (time_scores(db, 0, fast, &e) || time_scores(db, 1, slow, &e)) {
		fprintf(stderr, "bench-agenda: %s\n", e.msg);
		return 3;
	}
	double first = t[0];
	qsort(t + 1, RUNS - 1, sizeof t[0], by_double);
	printf("agenda bench: --scale %d: %lld partners, %lld events, %zu items (both sides)\n", scale,
	       (long long)st.partners, (long long)st.events, items);
	printf("  agenda, every partner   first %7.1f ms (fills the caches)\n", first * 1e3);
	printf("                          then fastest %7.1f ms   median %7.1f ms   (goal < 200 ms)\n", t[1] * 1e3,
	       t[1 + (RUNS - 1) / 2] * 1e3);
	printf("  falling scores alone    fastest %7.1f ms   median %7.1f ms\n", fast[0] * 1e3, fast[(RUNS - 1) / 2] * 1e3);
	printf("    the same by replay    fastest %7.1f ms   median %7.1f ms   (%.1fx)\n", slow[0] * 1e3,
	       slow[(RUNS - 1) / 2] * 1e3, slow[(RUNS - 1) / 2] / fast[(RUNS - 1) / 2]);
	bench_demo_remove(&bd);
	return 0;
}
