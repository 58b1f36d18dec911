/* series.c - scores at many times from one reading of the record
 * (evidence_series), and the explanations at the last of them. Used by
 * `rapport score` (--series, --as-of, --explain) and the relationship page.
 * Does calendar arithmetic in UTC through day numbers only: no zone, no
 * TZ, safe on any thread. */
#include "series.h"

#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "evidence.h"

#define DAY 86400

int series_step_parse(const char *s, enum series_step *out)
{
	if (!strcmp(s, "week"))
		*out = SERIES_WEEK;
	else if (!strcmp(s, "month"))
		*out = SERIES_MONTH;
	else
		return -1;
	return 0;
}

static int64_t floor_day(int64_t t)
{
	return day_of_time(t);
}

void series_times(int64_t from, int64_t to, enum series_step step, int64_t **times, size_t *n)
{
	size_t cap = 0;
	*times = NULL;
	*n = 0;
	int y, m, d;
	long day0 = floor_day(from);
	int64_t secs = from - (int64_t)day0 * DAY; /* the time of day kept at every step */
	day_to_ymd(day0, &y, &m, &d);
	for (int k = 0;; k++) {
		int64_t t;
		if (step == SERIES_WEEK) {
			t = from + (int64_t)k * 7 * DAY;
		} else if (k == 0) {
			t = from;
		} else { /* the same day of the k-th next month, the 28th at most */
			int mm = m - 1 + k;
			t = (int64_t)day_from_ymd(y + mm / 12, mm % 12 + 1, d > 28 ? 28 : d) * DAY + secs;
		}
		if (t > to)
			break;
		if (*n == cap) {
			cap = cap ? 2 * cap : 64;
			*times = realloc(*times, cap * sizeof **times);
			if (!*times)
				abort();
		}
		(*times)[(*n)++] = t;
	}
}

struct walk {
	const int64_t *times;
	size_t n;
	struct trust_result *out;
	struct series_explain *explain;
};

static int at_time(void *arg, size_t i, const struct trust_model *m, const struct evidence *ev)
{
	struct walk *w = arg;
	int64_t t = w->times[i];
	trust_compute(m, ev->items, ev->n, t, &w->out[i]);
	if (!w->explain || i + 1 != w->n)
		return 0;
	size_t k = w->explain->k > SERIES_WHY_MAX ? SERIES_WHY_MAX : w->explain->k;
	for (int dir = 0; dir < TRUST_NDIR; dir++)
		for (int dim = 0; dim < TRUST_NDIM; dim++) {
			struct series_why *why = &w->explain->why[dir][dim];
			size_t idx[SERIES_WHY_MAX];
			why->n = trust_explain(m, ev->items, ev->n, t, (enum trust_dir)dir, (enum trust_dim)dim, idx, k);
			for (size_t j = 0; j < why->n; j++) {
				why->item[j] = ev->items[idx[j]];
				why->contribution[j] = trust_contribution(m, &ev->items[idx[j]], t);
			}
		}
	return 0;
}

int series_scores(struct db *db, int64_t rel, const int64_t *times, size_t n, struct trust_result *out,
                  struct series_explain *explain, struct err *e)
{
	struct walk w = {times, n, out, explain};
	if (explain)
		for (int dir = 0; dir < TRUST_NDIR; dir++)
			for (int dim = 0; dim < TRUST_NDIM; dim++)
				explain->why[dir][dim].n = 0;
	return evidence_series(db, rel, times, n, at_time, &w, e);
}
