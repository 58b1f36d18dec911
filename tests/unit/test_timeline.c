/* test_timeline.c - the timeline queries of store/events.c (filter by kind
 * or group of kinds and by time, count, pages newest first, one event by
 * id within its relationship), the last checkpoint (none while no table
 * keeps them), and ledger_check on a read-only connection. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <stdint.h>
#include <string.h>

#include "ledger.h"
#include "store/events.h"
#include "testutil.h"

#define T0 1764547200 /* 2025-12-01T00:00Z */
#define DAY 86400

static struct db *db;
static struct ledger l;
static int64_t rel1, rel2;

static int64_t open_rel(const char *name)
{
	return tu_rel_open(&l, name, "CN", "Asia/Shanghai", T0);
}

static int64_t append(int64_t rel, const char *kind, int64_t at, const char *json)
{
	struct err e = {0};
	struct event ev;
	json_t *body = json_loads(json, 0, NULL);
	cr_assert(body, "%s", json);
	struct ledger_entry in = {kind, "buyer", "Maya Okafor", at, T0 + 30 * DAY, body};
	cr_assert(ledger_append(&l, rel, &in, &ev, &e) == 0, "%s: %s", kind, e.msg);
	json_decref(body);
	return ev.id;
}

/* Partner 1: the opening (seq 1, day 0), contacts on days 1, 2 and 3
 * (seq 2-4), a promise on day 4 (seq 5) kept on day 5 (seq 6). Partner 2:
 * its opening and a contact. */
static void setup(void)
{
	tu_ledger_new(&db, &l);
	rel1 = open_rel("Dongguan Evergreen");
	for (int d = 1; d <= 3; d++)
		append(rel1, "contact", T0 + d * DAY, "{\"by\":\"buyer\",\"kind\":\"call\"}");
	int64_t c = append(rel1, "commitment.add", T0 + 4 * DAY,
	                   "{\"side\":\"partner\",\"what\":\"Lab dips\",\"due\":\"2025-12-10\"}");
	char body[64];
	snprintf(body, sizeof body, "{\"commitment\":%lld}", (long long)c);
	append(rel1, "commitment.keep", T0 + 5 * DAY, body);
	rel2 = open_rel("Saigon Loom");
	append(rel2, "contact", T0 + DAY, "{\"by\":\"partner\",\"kind\":\"message\"}");
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(timeline, .init = setup, .fini = teardown);

struct seen {
	int64_t seq[16];
	int n;
};

static int collect(void *ctx, const struct event *ev)
{
	struct seen *s = ctx;
	cr_assert_lt(s->n, 16);
	s->seq[s->n++] = ev->seq;
	return 0;
}

/* The seqs of rel's events passing (kind, from, to), all on one page, as
 * "6 5 4"; and their count agrees. */
static const char *seqs(int64_t rel, const char *kind, int64_t from, int64_t to, int64_t offset, int64_t limit)
{
	static char out[128];
	struct err e = {0};
	struct rel_head head;
	cr_assert(store_rel_head(db, rel, &head, &e) == 1, "%s", e.msg);
	struct timeline_filter f = {kind, from, to};
	struct seen s = {.n = 0};
	cr_assert(store_timeline_page(db, &head, &f, offset, limit, collect, &s, &e) == 0, "%s", e.msg);
	out[0] = '\0';
	for (int i = 0; i < s.n; i++)
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%lld", i ? " " : "", (long long)s.seq[i]);
	if (offset == 0 && limit >= 16) {
		int64_t n;
		cr_assert(store_timeline_count(db, rel, &f, &n, &e) == 0, "%s", e.msg);
		cr_expect_eq(n, s.n, "count %lld, rows %d", (long long)n, s.n);
	}
	return out;
}

Test(timeline, every_event_newest_first_and_only_the_relationships)
{
	cr_expect_str_eq(seqs(rel1, NULL, INT64_MIN, INT64_MAX, 0, 50), "6 5 4 3 2 1");
	cr_expect_str_eq(seqs(rel2, NULL, INT64_MIN, INT64_MAX, 0, 50), "2 1");
}

Test(timeline, a_kind_or_a_group_of_kinds)
{
	cr_expect_str_eq(seqs(rel1, "contact", INT64_MIN, INT64_MAX, 0, 50), "4 3 2");
	/* "commitment" is commitment.add and commitment.keep */
	cr_expect_str_eq(seqs(rel1, "commitment", INT64_MIN, INT64_MAX, 0, 50), "6 5");
	cr_expect_str_eq(seqs(rel1, "commitment.keep", INT64_MIN, INT64_MAX, 0, 50), "6");
	/* a prefix that is not a whole group matches nothing, nor do wildcards */
	cr_expect_str_eq(seqs(rel1, "commit", INT64_MIN, INT64_MAX, 0, 50), "");
	cr_expect_str_eq(seqs(rel1, "commitment.%", INT64_MIN, INT64_MAX, 0, 50), "");
	cr_expect_str_eq(seqs(rel1, "contac_", INT64_MIN, INT64_MAX, 0, 50), "");
}

Test(timeline, times_from_and_to_both_included)
{
	cr_expect_str_eq(seqs(rel1, NULL, T0 + 2 * DAY, T0 + 4 * DAY, 0, 50), "5 4 3");
	cr_expect_str_eq(seqs(rel1, "contact", T0 + 2 * DAY, INT64_MAX, 0, 50), "4 3");
	cr_expect_str_eq(seqs(rel1, NULL, INT64_MIN, T0 + DAY - 1, 0, 50), "1");
	cr_expect_str_eq(seqs(rel1, NULL, T0 + 6 * DAY, INT64_MAX, 0, 50), "");
}

Test(timeline, pages)
{
	cr_expect_str_eq(seqs(rel1, NULL, INT64_MIN, INT64_MAX, 0, 4), "6 5 4 3");
	cr_expect_str_eq(seqs(rel1, NULL, INT64_MIN, INT64_MAX, 4, 4), "2 1");
	cr_expect_str_eq(seqs(rel1, NULL, INT64_MIN, INT64_MAX, 8, 4), "");
	cr_expect_str_eq(seqs(rel1, "contact", INT64_MIN, INT64_MAX, 1, 1), "3");
}

Test(timeline, one_event_by_id_within_its_relationship)
{
	struct err e = {0};
	struct rel_head h1, h2;
	cr_assert(store_rel_head(db, rel1, &h1, &e) == 1 && store_rel_head(db, rel2, &h2, &e) == 1);
	int64_t id = tu_int(db, "SELECT id FROM events WHERE rel = 1 AND seq = 5");
	struct seen s = {.n = 0};
	cr_expect_eq(store_event_by_id(db, &h1, id, collect, &s, &e), 1);
	cr_expect(s.n == 1 && s.seq[0] == 5);
	/* the same id asked of another relationship is none of its */
	s.n = 0;
	cr_expect_eq(store_event_by_id(db, &h2, id, collect, &s, &e), 0);
	cr_expect_eq(s.n, 0);
	cr_expect_eq(store_event_by_id(db, &h1, 999999, collect, &s, &e), 0);
}

Test(timeline, the_newest_checkpoint_of_the_relationship)
{
	struct err e = {0};
	int64_t size = -1, at = -1;
	cr_expect_eq(store_checkpoint_last(db, rel1, &size, &at, &e), 0, "%s", e.msg);
	cr_expect(size == -1 && at == -1, "untouched");
	char sql[512];
	snprintf(sql, sizeof sql,
	         "INSERT INTO checkpoints (rel, size, root, text, created) VALUES"
	         " (1, 3, %s, 'a', 1764900000), (1, 6, %s, 'b', 1765000000);",
	         TU_SQL_ZERO32(db), TU_SQL_ZERO32(db));
	cr_assert(db_exec(db, sql, &e) == 0, "%s", e.msg);
	cr_expect_eq(store_checkpoint_last(db, rel1, &size, &at, &e), 1, "%s", e.msg);
	cr_expect(size == 6 && at == 1765000000, "%lld %lld", (long long)size, (long long)at);
	cr_expect_eq(store_checkpoint_last(db, 3, &size, &at, &e), 0, "no checkpoint of a third");
}

Test(timeline, ledger_check_on_a_read_only_connection)
{
	struct err e = {0};
	struct db *ro;
	cr_assert(db_open(&ro, db_path(db), DB_READONLY, &e) == 0, "%s", e.msg);
	struct verify_report rep;
	cr_expect_eq(ledger_check(ro, rel1, &rep, &e), 0, "%s", e.msg);
	cr_expect_eq(rep.events, 6);
	cr_expect_eq(ledger_check(ro, rel2, &rep, &e), 0);
	cr_expect_eq(rep.events, 2);
	/* an edit behind rapport's back: the first bad event is named */
	cr_assert(db_exec(db,
	                  db_sql(db, "DROP TRIGGER events_append_only_update;"
	                             "UPDATE events SET at = at + 1 WHERE rel = 1 AND seq = 3;",
	                         "DROP TRIGGER events_append_only_update ON events;"
	                         "UPDATE events SET at = at + 1 WHERE rel = 1 AND seq = 3;"),
	                  &e) == 0,
	          "%s", e.msg);
	cr_expect_eq(ledger_check(ro, rel1, &rep, &e), 1);
	cr_expect_eq(rep.bad_rel, rel1);
	cr_expect_eq(rep.bad_seq, 3);
	cr_expect(strstr(rep.reason, "does not match its hash"), "%s", rep.reason);
	cr_expect_eq(ledger_check(ro, rel2, &rep, &e), 0, "the other chain is intact");
	db_close(ro);
}
