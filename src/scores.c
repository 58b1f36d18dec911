/* scores.c - a relationship's scores at a few times without replaying its
 * whole history, for the agenda's "which score fell" on every partner.
 *
 * The evidence as of a time X is: the recorded items with t <= X, the
 * settled derived items with t <= X (evidence.h) and the open ones as of
 * X. The current-scores projection (trust_state) holds the sums of every
 * recorded item ever; trust_settled caches the sums of the settled items
 * with t <= a mark M < X, computed once by reading the whole record. So
 * the sums as of X are those two, less the recorded items after M, plus
 * the items after M that hold as of X -- and only the records after M
 * (and the open promises and payments) are read. A settled item can
 * change only with a record dated before it, or with the rules (settings,
 * weights, a correction): project.c drops the cache then. */
#include "scores.h"

#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "evidence.h"
#include "project.h"
#include "store/settled.h"

#define DAY 86400

/* The settled sums up to a mark before tmin: the cached ones when the mark
 * is recent enough, else computed from the whole record and kept. */
static int settled(struct db *db, const struct trust_model *m, int64_t rel, int64_t tmin, struct trust_sums *sums,
                   int64_t *mark, struct err *e)
{
	int r = store_settled_get(db, rel, sums, mark, e);
	if (r < 0)
		return -1;
	if (r == 1 && *mark < tmin && tmin - *mark <= SCORES_MARK_REUSE * (int64_t)DAY)
		return 0;
	/* a whole UTC day, so that every time asked on one day finds it */
	int64_t day = day_of_time(tmin);
	*mark = (day - SCORES_MARK_LEAD) * DAY;
	struct evidence ev = {0};
	if (evidence_gather(db, m, rel, *mark, EVIDENCE_SETTLED, NULL, 0, &ev, e))
		return -1;
	memset(sums, 0, sizeof *sums);
	for (size_t i = 0; i < ev.n; i++)
		trust_sums_add(m, sums, &ev.items[i], 1);
	evidence_release(&ev);
	/* a cache that cannot be written now (a busy or read-only database)
	 * is only not kept: the sums are right either way */
	struct err ignored = {0};
	store_settled_put(db, rel, *mark, sums, &ignored);
	return 0;
}

/* The scores as of t by replaying the evidence: when the weights in force
 * then differ from today's, which the projection's sums are made with. */
static int replay(struct db *db, const struct trust_model *m, int64_t rel, int64_t t, struct trust_result *out,
                  struct err *e)
{
	struct evidence ev = {0};
	if (evidence_collect(db, m, rel, t, &ev, e))
		return -1;
	trust_compute(m, ev.items, ev.n, t, out);
	evidence_release(&ev);
	return 0;
}

int scores_at(struct db *db, int64_t rel, const int64_t *times, int n, struct trust_result *out, struct err *e)
{
	if (n <= 0)
		return 0;
	struct trust_model latest, m;
	int64_t tmin = times[0];
	for (int i = 1; i < n; i++)
		tmin = times[i] < tmin ? times[i] : tmin;
	struct trust_sums base, cached;
	int64_t mark;
	struct evidence recorded = {0}, later = {0};
	int rc = -1;
	if (project_model(db, rel, INT64_MAX, &latest, e) || project_trust_sums(db, rel, &base, e) ||
	    settled(db, &latest, rel, tmin, &cached, &mark, e) ||
	    evidence_after(db, &latest, rel, INT64_MAX, mark, EVIDENCE_RECORDED, &recorded, e))
		goto out;
	/* base: every recorded item with t <= mark, and the settled ones */
	for (size_t k = 0; k < recorded.n; k++)
		trust_sums_add(&latest, &base, &recorded.items[k], -1);
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++)
			for (int c = 0; c < TRUST_NCLASS; c++) {
				base.r[d][k][c] += cached.r[d][k][c];
				base.s[d][k][c] += cached.s[d][k][c];
				base.n[d][k][c] += cached.n[d][k][c];
			}
	for (int i = 0; i < n; i++) {
		if (project_model(db, rel, times[i], &m, e))
			goto out;
		if (memcmp(&m, &latest, sizeof m)) {
			if (replay(db, &m, rel, times[i], &out[i], e))
				goto out;
			continue;
		}
		/* what happened after the mark, as of times[i]: the recorded items
		 * and the derived ones, all added where t <= times[i] */
		if (evidence_after(db, &latest, rel, times[i], mark, EVIDENCE_DERIVED, &later, e))
			goto out;
		size_t total = later.n + recorded.n;
		if (total > later.cap) {
			later.items = realloc(later.items, total * sizeof *later.items);
			if (!later.items)
				abort();
			later.cap = total;
		}
		if (recorded.n)
			memcpy(later.items + later.n, recorded.items, recorded.n * sizeof *recorded.items);
		later.n = total;
		trust_sort(later.items, later.n);
		trust_compute_sums(&latest, &base, later.items, later.n, times[i], &out[i]);
		evidence_release(&later);
	}
	rc = 0;
out:
	evidence_release(&recorded);
	evidence_release(&later);
	return rc;
}

int scores_forget(struct db *db, int64_t rel, int rules_changed, int64_t at, struct err *e)
{
	return store_settled_drop(db, rel, rules_changed, at, e);
}
