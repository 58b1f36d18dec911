/* choices.c - the SQL behind the forms' lists of entities (choices.h). */
#include "store/choices.h"

#include <string.h>

#include "store/domain.h"

#define LIMIT " LIMIT 500"
_Static_assert(STORE_CHOICES_MAX == 500, "LIMIT says the same");

static const struct {
	const char *entity;
	enum store_choice_which which;
	const char *sql; /* ?1 the relationship */
} queries[] = {
	{"person", CHOICE_ALL,
	 "SELECT id, name, role, side FROM people WHERE rel = ?1 ORDER BY side DESC, name, id" LIMIT},
	{"commitment", CHOICE_OPEN,
	 "SELECT id, what, due, side FROM commitments WHERE rel = ?1 AND state = 'open' ORDER BY due, id" LIMIT},
	{"order", CHOICE_ALL,
	 "SELECT id, po, style, ex_factory FROM orders WHERE rel = ?1 ORDER BY ex_factory DESC, id DESC" LIMIT},
	{"issue", CHOICE_OPEN,
	 "SELECT id, title, severity, responsible FROM issues WHERE rel = ?1 AND state = 'open'"
	 " ORDER BY raised_at DESC, id DESC" LIMIT},
	{"issue", CHOICE_UNACKED,
	 "SELECT id, title, severity, responsible FROM issues WHERE rel = ?1 AND state = 'open' AND acked_at IS NULL"
	 " ORDER BY raised_at DESC, id DESC" LIMIT},
	{"issue", CHOICE_RESOLVED,
	 "SELECT id, title, severity, responsible FROM issues WHERE rel = ?1 AND state <> 'open'"
	 " ORDER BY resolved_at DESC, id DESC" LIMIT},
	/* an action can be done while its issue is open */
	{"action", CHOICE_OPEN,
	 "SELECT a.id, a.what, a.due, a.owner FROM actions a JOIN issues i ON i.id = a.issue"
	 " WHERE a.rel = ?1 AND a.done_at IS NULL AND i.state = 'open' ORDER BY a.due, a.id" LIMIT},
	{"visit", CHOICE_ALL,
	 "SELECT id, date, by_side, note FROM visits WHERE rel = ?1 ORDER BY date DESC, id DESC" LIMIT},
	{"suggestion", CHOICE_OPEN,
	 "SELECT s.id, s.text, p.name FROM suggestions s LEFT JOIN people p ON p.id = s.person"
	 " WHERE s.rel = ?1 AND s.outcome IS NULL ORDER BY s.at, s.id" LIMIT},
	{"payment", CHOICE_OPEN,
	 "SELECT id, amount, currency, due, label FROM payments WHERE rel = ?1 AND paid_at IS NULL ORDER BY due, id"
	 LIMIT},
};

static int find(const char *entity, enum store_choice_which which)
{
	for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++)
		if (!strcmp(queries[i].entity, entity) && queries[i].which == which)
			return (int)i;
	return -1;
}

int store_choices_known(const char *entity, enum store_choice_which which)
{
	return find(entity, which) >= 0;
}

int store_choices(struct db *db, const char *entity, enum store_choice_which which, int64_t rel,
                  int (*fn)(void *ctx, const struct store_row *row), void *ctx, struct err *e)
{
	int i = find(entity, which);
	if (i < 0)
		return err_set(e, ERR_IO, "no list of %s entities (%d)", entity, (int)which);
	return store_each(db, queries[i].sql, e, fn, ctx, "i", rel);
}
