/* bench/partner.c - what the relationship page (GET /partners/{id})
 * computes, piece by piece, on the demo: a year of weekly scores replayed
 * step by step (project_model + evidence_collect + trust_compute at each
 * of 53 dates, as `rapport score --series` did) against series_scores
 * (one reading of the record), the chain check, and a timeline page.
 * Builds the demo at --scale 5, or uses $BENCH_PARTNER_DB (e.g. a
 * `rapport demo --scale 100` made once) read-only; $BENCH_PARTNER_ID picks
 * the partner (default 1). Figures only: median of the runs, in ms. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "evidence.h"
#include "project.h"
#include "series.h"
#include "store/events.h"

#define WEEKS 52
#define RUNS 9
#define DAY 86400

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_double);
	return v[n / 2];
}

static int count_row(void *ctx, const struct event *ev)
{
	(void)ev;
	(*(int *)ctx)++;
	return 0;
}

int main(void)
{
	struct bench_db b = {0};
	struct db *db;
	struct err e = {0};
	const char *path = getenv("BENCH_PARTNER_DB");
	int64_t rel = getenv("BENCH_PARTNER_ID") ? atoll(getenv("BENCH_PARTNER_ID")) : 1;
	if (path) {
		if (db_open(&db, path, DB_READONLY, &e)) {
			fprintf(stderr, "bench-partner: %s\n", e.msg);
			return 1;
		}
	} else {
		if (bench_demo(&b, "partner", 5))
			return 1;
		db = b.db;
		path = "the --scale 5 demo";
	}
	int64_t times[WEEKS + 1];
	for (int i = 0; i <= WEEKS; i++)
		times[i] = BENCH_NOW - (int64_t)(WEEKS - i) * 7 * DAY;
	struct trust_result res[WEEKS + 1], want;
	double t_step[RUNS], t_once[RUNS], t_chain[RUNS], t_page[RUNS];
	long items = 0, events = 0;
	for (int run = 0; run < RUNS; run++) {
		/* replayed at each date */
		double t0 = now_s();
		if (db_read_begin(db, &e))
			goto fail;
		for (int i = 0; i <= WEEKS; i++) {
			struct trust_model m;
			struct evidence ev = {0};
			if (project_model(db, rel, times[i], &m, &e) || evidence_collect(db, &m, rel, times[i], &ev, &e))
				goto fail;
			trust_compute(&m, ev.items, ev.n, times[i], &want);
			items = (long)ev.n;
			evidence_release(&ev);
		}
		double t1 = now_s();
		/* one reading, with the explanations */
		struct series_explain why = {.k = 3};
		if (series_scores(db, rel, times, WEEKS + 1, res, &why, &e))
			goto fail;
		double t2 = now_s();
		if (memcmp(&res[WEEKS], &want, sizeof want)) {
			fprintf(stderr, "bench-partner: series_scores differs from the replay\n");
			return 1;
		}
		struct verify_report rep;
		if (ledger_check(db, rel, &rep, &e) < 0)
			goto fail;
		events = rep.events;
		double t3 = now_s();
		struct rel_head head;
		struct timeline_filter f = {NULL, INT64_MIN, INT64_MAX};
		int64_t total;
		int rows = 0;
		if (store_rel_head(db, rel, &head, &e) <= 0 || store_timeline_count(db, rel, &f, &total, &e) ||
		    store_timeline_page(db, &head, &f, 0, 50, count_row, &rows, &e))
			goto fail;
		double t4 = now_s();
		db_read_end(db);
		t_step[run] = (t1 - t0) * 1e3;
		t_once[run] = (t2 - t1) * 1e3;
		t_chain[run] = (t3 - t2) * 1e3;
		t_page[run] = (t4 - t3) * 1e3;
	}
	printf("bench-partner: partner %lld of %s: %ld evidence items now, %ld events\n", (long long)rel, path, items,
	       events);
	printf("  53 weekly scores, replayed at each date:     %8.2f ms\n", median(t_step, RUNS));
	printf("  53 weekly scores, one reading (series.c):    %8.2f ms (with explanations)\n", median(t_once, RUNS));
	printf("  chain check (every event's hash):            %8.2f ms\n", median(t_chain, RUNS));
	printf("  timeline count and first page of 50:         %8.2f ms\n", median(t_page, RUNS));
	if (b.db)
		bench_demo_remove(&b);
	else
		db_close(db);
	return 0;
fail:
	fprintf(stderr, "bench-partner: %s\n", e.msg);
	return 1;
}
