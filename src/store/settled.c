/* settled.c - SQL for the trust_settled cache. One row per non-empty cell
 * (direction, dimension, class) and one of direction -1 that carries the
 * mark, so that a cache of nothing is still a cache. */
#include "store/settled.h"

#include <string.h>

#include "store/domain.h"

static const char SQL_SETTLED_GET[] = "SELECT dir, dim, cls, r, s, n, mark FROM trust_settled WHERE rel = ?1";
static const char SQL_SETTLED_PUT[] =
	"INSERT INTO trust_settled (rel, mark, dir, dim, cls, r, s, n) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char SQL_SETTLED_DROP[] = "DELETE FROM trust_settled WHERE rel = ?1 AND (?2 OR mark >= ?3)";
static const char SQL_SETTLED_DROP_PG[] = "DELETE FROM trust_settled WHERE rel = ?1 AND (?2 <> 0 OR mark >= ?3)";

struct get_ctx {
	struct trust_sums *sums;
	int64_t mark;
	int found;
};

static int get_row(void *p, const struct store_row *row)
{
	struct get_ctx *c = p;
	int d = (int)row->i[0], k = (int)row->i[1], cls = (int)row->i[2];
	c->found = 1;
	c->mark = row->i[6];
	if (d < 0 || d >= TRUST_NDIR || k < 0 || k >= TRUST_NDIM || cls < 0 || cls >= TRUST_NCLASS)
		return 0; /* the row of the mark */
	c->sums->r[d][k][cls] = row->d[3];
	c->sums->s[d][k][cls] = row->d[4];
	c->sums->n[d][k][cls] = row->i[5];
	return 0;
}

int store_settled_get(struct db *db, int64_t rel, struct trust_sums *sums, int64_t *mark, struct err *e)
{
	struct get_ctx c = {.sums = sums};
	memset(sums, 0, sizeof *sums);
	if (store_each(db, SQL_SETTLED_GET, e, get_row, &c, "i", rel) < 0)
		return -1;
	*mark = c.mark;
	return c.found;
}

static int put_cells(struct db *db, int64_t rel, int64_t mark, const struct trust_sums *sums, struct err *e)
{
	if (store_settled_drop(db, rel, 1, 0, e) ||
	    store_run(db, SQL_SETTLED_PUT, e, "iiiiiddi", rel, mark, (int64_t)-1, (int64_t)0, (int64_t)0, 0.0, 0.0,
	              (int64_t)0) < 0)
		return -1;
	for (int d = 0; d < TRUST_NDIR; d++)
		for (int k = 0; k < TRUST_NDIM; k++)
			for (int c = 0; c < TRUST_NCLASS; c++)
				if (sums->n[d][k][c] &&
				    store_run(db, SQL_SETTLED_PUT, e, "iiiiiddi", rel, mark, (int64_t)d, (int64_t)k, (int64_t)c,
				              sums->r[d][k][c], sums->s[d][k][c], sums->n[d][k][c]) < 0)
					return -1;
	return 0;
}

int store_settled_put(struct db *db, int64_t rel, int64_t mark, const struct trust_sums *sums, struct err *e)
{
	if (db_exec(db, "SAVEPOINT settled", e))
		return -1;
	if (put_cells(db, rel, mark, sums, e)) {
		struct err ignored = {0};
		db_exec(db, "ROLLBACK TO settled", &ignored);
		db_exec(db, "RELEASE settled", &ignored);
		return -1;
	}
	return db_exec(db, "RELEASE settled", e);
}

int store_settled_drop(struct db *db, int64_t rel, int all, int64_t at, struct err *e)
{
	return store_run(db, db_sql(db, SQL_SETTLED_DROP, SQL_SETTLED_DROP_PG), e, "iii", rel, (int64_t)(all != 0), at) < 0 ? -1 : 0;
}
