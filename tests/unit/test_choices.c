/* test_choices.c - what the web app's forms offer for a field naming an
 * entity (store/choices.c): one relationship's entities only, each list
 * holding those its kind can still use; and an order appended with its
 * milestones and payments as order.c does it for the command line and
 * the web app alike. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "order.h"
#include "record.h"
#include "store/choices.h"
#include "store/domain.h"
#include "testutil.h"

#define T0 1764547200 /* 2025-12-01T00:00:00Z */

static struct db *db;
static struct ledger l;

static void setup(void)
{
	tu_ledger_new(&db, &l);
}

static void teardown(void)
{
	tu_ledger_close(db, &l);
}

TestSuite(choices, .init = setup, .fini = teardown);

static int64_t open_rel(const char *name)
{
	return tu_rel_open(&l, name, "CN", "Asia/Shanghai", T0);
}

/* Appends kind with body (taken) as the buyer; the new event's id. */
static int64_t add(int64_t rel, const char *kind, json_t *body)
{
	struct ledger_entry in = {kind, "buyer", "Maya Okafor", T0 + 3600, T0 + 3600, body};
	struct event ev;
	struct err e = {0};
	cr_assert_not_null(body);
	cr_assert(ledger_append(&l, rel, &in, &ev, &e) == 0, "%s: %s", kind, e.msg);
	json_decref(body);
	return ev.id;
}

/* A problem raised, the partner's or the buyer's as disclosure says. */
static int64_t issue(int64_t rel, const char *title, const char *severity, const char *disclosure)
{
	return add(rel, "issue.raise", json_pack("{s:s, s:s, s:s, s:s}", "title", title, "severity", severity,
	                                         "responsible", "partner", "disclosure", disclosure));
}

/* The ids and first text column a list gives, as "id:text,...". */
struct seen {
	char text[1024];
};

static int collect(void *ctx, const struct store_row *row)
{
	struct seen *s = ctx;
	size_t n = strlen(s->text);
	snprintf(s->text + n, sizeof s->text - n, "%s%lld:%s", n ? "," : "", (long long)row->i[0], row->t[1]);
	return 0;
}

static const char *list(const char *entity, enum store_choice_which which, int64_t rel)
{
	static struct seen s;
	struct err e = {0};
	s.text[0] = '\0';
	cr_assert(store_choices(db, entity, which, rel, collect, &s, &e) == 0, "%s", e.msg);
	return s.text;
}

Test(choices, each_list_holds_what_its_kind_can_still_use_of_one_relationship)
{
	int64_t a = open_rel("Dongguan Evergreen"), b = open_rel("Saigon Loom");
	char want[256];
	int64_t chen = add(a, "person.add", json_pack("{s:s, s:s, s:s}",
	                                              "side", "partner", "name", "Chen Jing", "role", "qc"));
	add(b, "person.add", json_pack("{s:s, s:s, s:s}", "side", "partner", "name", "Lan Nguyen", "role", "owner"));
	snprintf(want, sizeof want, "%lld:Chen Jing", (long long)chen);
	cr_expect_str_eq(list("person", CHOICE_ALL, a), want);

	int64_t c1 = add(a, "commitment.add", json_pack("{s:s, s:s, s:s}",
	                                                "side", "buyer", "what", "Approve lab dips", "due", "2025-12-10"));
	int64_t c2 = add(a, "commitment.add", json_pack("{s:s, s:s, s:s}",
	                                                "side", "partner", "what", "Ship samples", "due", "2025-12-05"));
	add(a, "commitment.keep", json_pack("{s:I}", "commitment", (json_int_t)c1));
	snprintf(want, sizeof want, "%lld:Ship samples", (long long)c2);
	cr_expect_str_eq(list("commitment", CHOICE_OPEN, a), want, "the kept one is gone");
	cr_expect_str_eq(list("commitment", CHOICE_OPEN, b), "");

	int64_t i1 = issue(a, "Shade", "major", "self");
	int64_t i2 = issue(a, "Trims", "minor", "discovered");
	int64_t i3 = issue(a, "Labels", "minor", "self");
	add(a, "issue.ack", json_pack("{s:I}", "issue", (json_int_t)i2));
	add(a, "issue.resolve", json_pack("{s:I}", "issue", (json_int_t)i3));
	snprintf(want, sizeof want, "%lld:Trims,%lld:Shade", (long long)i2, (long long)i1);
	cr_expect_str_eq(list("issue", CHOICE_OPEN, a), want, "open ones, newest first");
	snprintf(want, sizeof want, "%lld:Shade", (long long)i1);
	cr_expect_str_eq(list("issue", CHOICE_UNACKED, a), want);
	snprintf(want, sizeof want, "%lld:Labels", (long long)i3);
	cr_expect_str_eq(list("issue", CHOICE_RESOLVED, a), want);

	int64_t x1 = add(a, "issue.action", json_pack("{s:I, s:s, s:s, s:s}", "issue", (json_int_t)i1, "owner",
	                                              "partner", "what", "Re-dye", "due", "2025-12-20"));
	int64_t x2 = add(a, "issue.action", json_pack("{s:I, s:s, s:s, s:s}", "issue", (json_int_t)i2, "owner", "buyer",
	                                              "what", "New trims", "due", "2025-12-21"));
	add(a, "issue.action_done", json_pack("{s:I}", "action", (json_int_t)x2));
	snprintf(want, sizeof want, "%lld:Re-dye", (long long)x1);
	cr_expect_str_eq(list("action", CHOICE_OPEN, a), want);
	/* an action whose issue is resolved cannot be done until it is reopened */
	add(a, "issue.resolve", json_pack("{s:I}", "issue", (json_int_t)i1));
	cr_expect_str_eq(list("action", CHOICE_OPEN, a), "");

	int64_t v1 = add(a, "visit.add", json_pack("{s:s, s:s, s:[I]}",
	                                           "by", "buyer", "date", "2025-11-20", "met", (json_int_t)chen));
	snprintf(want, sizeof want, "%lld:2025-11-20", (long long)v1);
	cr_expect_str_eq(list("visit", CHOICE_ALL, a), want);
	int64_t s1 = add(a, "suggestion.add", json_pack("{s:I, s:s}",
	                                                "person", (json_int_t)chen, "text", "Pre-shrink the rib"));
	int64_t s2 = add(a, "suggestion.add", json_pack("{s:I, s:s}",
	                                                "person", (json_int_t)chen, "text", "Bigger cartons"));
	add(a, "suggestion.respond", json_pack("{s:I, s:s}", "suggestion", (json_int_t)s1, "outcome", "adopted"));
	snprintf(want, sizeof want, "%lld:Bigger cartons", (long long)s2);
	cr_expect_str_eq(list("suggestion", CHOICE_OPEN, a), want);

	int64_t p1 = add(a, "payment.due", json_pack("{s:s, s:s, s:s, s:s}", "amount", "100.00", "currency", "USD",
	                                             "due", "2025-12-31", "label", "deposit"));
	int64_t p2 = add(a, "payment.due",
	                 json_pack("{s:s, s:s, s:s}", "amount", "250.00", "currency", "USD", "due", "2026-01-31"));
	add(a, "payment.paid", json_pack("{s:I}", "payment", (json_int_t)p1));
	snprintf(want, sizeof want, "%lld:250.00", (long long)p2);
	cr_expect_str_eq(list("payment", CHOICE_OPEN, a), want);
	cr_expect_str_eq(list("payment", CHOICE_OPEN, b), "");
}

Test(choices, a_list_no_query_has_is_an_error)
{
	struct seen s = {""};
	struct err e = {0};
	cr_expect(store_choices_known("order", CHOICE_ALL));
	cr_expect(!store_choices_known("order", CHOICE_RESOLVED));
	cr_expect(!store_choices_known("nonsense", CHOICE_ALL));
	cr_expect_eq(store_choices(db, "order", CHOICE_RESOLVED, 1, collect, &s, &e), -1);
	cr_expect_eq(e.code, ERR_IO);
}

Test(choices, an_order_comes_with_its_milestones_and_payments_on_the_dates_given)
{
	int64_t a = open_rel("Dongguan Evergreen");
	json_t *order = json_pack("{s:s, s:s, s:I, s:s, s:s, s:s}", "po", "LR-1", "style", "Cable crew", "qty",
	                          (json_int_t)1000, "price", "10.00", "currency", "USD", "ex_factory", "2026-06-30");
	struct ledger_entry in = {"order.add", "buyer", "maya@lindenrowe.example", T0, T0, order};
	struct buf warnings = {0};
	int64_t id;
	int events;
	json_t *out;
	struct err e = {0};
	cr_assert(order_record(&l, a, &in, "2025-12-08", &warnings, &id, &events, &out, &e) == 0, "%s", e.msg);
	cr_expect_eq(events, 1 + 6 + 2);
	cr_expect_eq(json_integer_value(json_object_get(out, "id")), id);
	cr_expect_eq(json_array_size(json_object_get(out, "milestones")), 6);
	/* the deposit on the date the caller gave, 30 % of 10 000.00; the balance 30 days after ex-factory */
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM payments WHERE label = 'deposit' AND due = '2025-12-08'"
	                        " AND amount = '3000.00'"),
	             1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM payments WHERE label = 'balance' AND due = '2026-07-30'"
	                        " AND amount = '7000.00'"),
	             1);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM commitments WHERE side = 'partner' AND order_id IS NOT NULL"), 6);
	/* every event is the author's */
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events WHERE author = 'maya@lindenrowe.example'"), 9);
	json_decref(out);
	/* anything but an order is refused */
	in.kind = "payment.due";
	cr_expect_eq(order_record(&l, a, &in, "2025-12-08", &warnings, &id, &events, NULL, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	buf_release(&warnings);
	json_decref(order);
}
