/* series.h - a relationship's trust scores at regular times, both
 * directions, every dimension and the overall score with its sigma, and
 * the items that moved each score most at the last time: what `rapport
 * score --series` prints and what the web pages chart. Thread-safe (no TZ
 * switching), so the web server's handlers call it. */
#ifndef RAPPORT_SERIES_H
#define RAPPORT_SERIES_H

#include <stddef.h>
#include <stdint.h>

#include "store/db.h"
#include "trust.h"

enum series_step {
	SERIES_WEEK,  /* every 7 days */
	SERIES_MONTH, /* the same day of each following month (days past the 28th: the 28th) */
};

/* Reads "week" or "month"; -1 for anything else. */
int series_step_parse(const char *s, enum series_step *out);

/* from, then every step while <= to, into *times (malloc'd: the caller
 * frees it), their count in *n. None when to < from. */
void series_times(int64_t from, int64_t to, enum series_step step, int64_t **times, size_t *n);

/* The items that moved a score most (trust_explain), as of the last time. */
#define SERIES_WHY_MAX 8

struct series_why {
	struct trust_item item[SERIES_WHY_MAX];
	double contribution[SERIES_WHY_MAX]; /* signed weight as of that time, after decay */
	size_t n;
};

struct series_explain {
	size_t k; /* how many to find per score (<= SERIES_WHY_MAX); set by the caller */
	struct series_why why[TRUST_NDIR][TRUST_NDIM];
};

/* The scores of rel as of each of times[0..n-1] (ascending) into
 * out[0..n-1] -- exactly trust_compute over evidence_collect with the
 * weights in force at each time, but reading the record once
 * (evidence_series). With explain, also the explain->k items that moved
 * each direction and dimension most as of times[n-1]. */
int series_scores(struct db *db, int64_t rel, const int64_t *times, size_t n, struct trust_result *out,
                  struct series_explain *explain, struct err *e);

#endif
