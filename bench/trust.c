/* bench/trust.c - the trust engine's replay speed: 1 M evidence items over
 * 500 relationships, scored in C, against the same decayed sums computed by
 * one SQL aggregate in an in-memory SQLite (SUM(w * pow(2, -(T - t) / H))
 * grouped by relationship, direction and dimension), in the same run. The
 * two must agree, and so must the O(1) running sums of the projection;
 * the figures are printed, not asserted. */
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "trust.h"

#define RELS 500
#define PER_REL 2000
#define T_END 1795600800 /* 2026-11-25T10:00Z */

static uint64_t rng = 0x7275737421ULL;

static uint64_t next(void)
{
	uint64_t z = (rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static double half_life(const struct trust_model *m, const struct trust_item *it)
{
	enum trust_class c = trust_rules[it->rule].cls == TRUST_HIDDEN ? TRUST_HIDDEN
	                     : it->v >= 0                              ? TRUST_POSITIVE
	                                                               : TRUST_NEGATIVE;
	return m->half_life_days[c] * 86400.0;
}

/* pow(x, y) for an SQLite built without its math functions */
static void sql_pow(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3_result_double(ctx, pow(sqlite3_value_double(argv[0]), sqlite3_value_double(argv[1])));
}

int main(void)
{
	struct trust_model m;
	trust_model_default(&m);
	size_t n = (size_t)RELS * PER_REL;
	struct trust_item *items = malloc(n * sizeof *items);
	struct err e = {0};
	for (size_t i = 0; i < n; i++) {
		int rule = (int)(next() % trust_nrules);
		trust_item(&m, trust_rules[rule].key, next() % 2 ? TRUST_PARTNER : TRUST_BUYER,
		           T_END - (int64_t)(next() % (2 * 365 * 86400)), (double)(next() % 40), (int64_t)i, &items[i], &e);
	}
	for (int r = 0; r < RELS; r++)
		trust_sort(items + (size_t)r * PER_REL, PER_REL);

	/* C: every relationship replayed as of T_END, best of 5 */
	static struct trust_result results[RELS];
	double best = 1e9;
	for (int round = 0; round < 5; round++) {
		double t0 = now_s();
		for (int r = 0; r < RELS; r++)
			trust_compute(&m, items + (size_t)r * PER_REL, PER_REL, T_END, &results[r]);
		double t = now_s() - t0;
		best = t < best ? t : best;
	}

	/* the projection: every item added to its relationship's running sums
	 * in O(1), then scored as of T_END; it must give the replayed r and s */
	static struct trust_sums sums[RELS];
	double inc_best = 1e9, inc_diff = 0;
	for (int round = 0; round < 5; round++) {
		memset(sums, 0, sizeof sums);
		double t0 = now_s();
		for (size_t i = 0; i < n; i++)
			trust_sums_add(&m, &sums[i / PER_REL], &items[i], 1);
		double t = now_s() - t0;
		inc_best = t < inc_best ? t : inc_best;
	}
	for (int r = 0; r < RELS; r++) {
		struct trust_result p;
		trust_compute_sums(&m, &sums[r], NULL, 0, T_END, &p);
		for (int d = 0; d < TRUST_NDIR; d++)
			for (int k = 0; k < TRUST_NDIM; k++) {
				const struct trust_score *a = &results[r].dim[d][k], *b = &p.dim[d][k];
				inc_diff = fmax(inc_diff, fabs(a->r - b->r) / fmax(1e-300, fabs(a->r)));
				inc_diff = fmax(inc_diff, fabs(a->s - b->s) / fmax(1e-300, fabs(a->s)));
			}
	}

	/* SQL: the same sums by one aggregate */
	sqlite3 *db;
	sqlite3_open(":memory:", &db);
	/* pow() exists only when SQLite was built with its math functions */
	const char *pow_from = "SQLite's own";
	if (sqlite3_exec(db, "SELECT pow(2, 0.5)", NULL, NULL, NULL) != SQLITE_OK) {
		sqlite3_create_function(db, "pow", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, sql_pow, NULL, NULL);
		pow_from = "a C function registered by this bench (SQLite lacks its math functions)";
	}
	sqlite3_exec(db, "CREATE TABLE items (rel INTEGER, dir INTEGER, dim INTEGER, t INTEGER, half REAL, wr REAL, ws REAL)",
	             NULL, NULL, NULL);
	sqlite3_exec(db, "BEGIN", NULL, NULL, NULL);
	sqlite3_stmt *ins;
	sqlite3_prepare_v2(db, "INSERT INTO items VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)", -1, &ins, NULL);
	for (size_t i = 0; i < n; i++) {
		const struct trust_item *it = &items[i];
		sqlite3_bind_int(ins, 1, (int)(i / PER_REL));
		sqlite3_bind_int(ins, 2, it->dir);
		sqlite3_bind_int(ins, 3, trust_rules[it->rule].dim);
		sqlite3_bind_int64(ins, 4, it->t);
		sqlite3_bind_double(ins, 5, half_life(&m, it));
		sqlite3_bind_double(ins, 6, it->w * (1 + it->v) / 2);
		sqlite3_bind_double(ins, 7, it->w * (1 - it->v) / 2);
		sqlite3_step(ins);
		sqlite3_reset(ins);
	}
	sqlite3_finalize(ins);
	sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
	sqlite3_stmt *q;
	if (sqlite3_prepare_v2(db,
	                       "SELECT rel, dir, dim, sum(wr * pow(2, -(?1 - t) / half)), sum(ws * pow(2, -(?1 - t) / half))"
	                       " FROM items GROUP BY rel, dir, dim",
	                       -1, &q, NULL) != SQLITE_OK) {
		fprintf(stderr, "bench-trust: %s\n", sqlite3_errmsg(db));
		return 3;
	}
	double sql_best = 1e9, worst_diff = 0;
	int groups = 0;
	for (int round = 0; round < 3; round++) {
		sqlite3_reset(q);
		sqlite3_bind_int64(q, 1, T_END);
		double t0 = now_s();
		groups = 0;
		while (sqlite3_step(q) == SQLITE_ROW) {
			int rel = sqlite3_column_int(q, 0), dir = sqlite3_column_int(q, 1), dim = sqlite3_column_int(q, 2);
			double r = sqlite3_column_double(q, 3), s = sqlite3_column_double(q, 4);
			const struct trust_score *c = &results[rel].dim[dir][dim];
			double d = fmax(fabs(r - c->r) / fmax(1e-300, fabs(c->r)), fabs(s - c->s) / fmax(1e-300, fabs(c->s)));
			if ((c->r || c->s) && d > worst_diff)
				worst_diff = d;
			groups++;
		}
		double t = now_s() - t0;
		sql_best = t < sql_best ? t : sql_best;
	}
	sqlite3_finalize(q);
	sqlite3_close(db);

	double c_rate = (double)n / best, sql_rate = (double)n / sql_best;
	printf("trust bench: %zu evidence items over %d relationships\n", n, RELS);
	printf("  C replay        %12.0f items/s  (%.4f s, best of 5; goal >= 20 000 000)\n", c_rate, best);
	printf("  C projection    %12.0f items/s  (%.4f s, O(1) adds, best of 5; r, s within %.1e of the replay)\n",
	       (double)n / inc_best, inc_best, inc_diff);
	printf("  SQL aggregate   %12.0f items/s  (%.4f s, best of 3, %d groups)\n", sql_rate, sql_best, groups);
	printf("  SQL pow()       %s\n", pow_from);
	printf("  C / SQL         %12.1f x        (goal >= 20)\n", c_rate / sql_rate);
	printf("  largest relative difference of r, s: %.2e %s\n", worst_diff, worst_diff < 1e-9 ? "(agree)" : "(DISAGREE)");
	free(items);
	return worst_diff < 1e-9 && inc_diff < 1e-9 ? 0 : 1;
}
