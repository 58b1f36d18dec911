/* test_ledger.c - appending links the chain, failures leave nothing behind,
 * the database refuses edits, and verify finds the first bad event. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "ledger.h"
#include "store/events.h"
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

TestSuite(ledger, .init = setup, .fini = teardown);

static int64_t open_rel(const char *name)
{
	return tu_rel_open(&l, name, "CN", "Asia/Shanghai", T0);
}

static int contact(int64_t rel, const char *by, int64_t at, struct event *ev, struct err *e)
{
	json_t *body = json_pack("{s:s, s:s}", "by", by, "kind", "call");
	struct ledger_entry in = {"contact", "buyer", "Maya Okafor", at, T0 + 86400 * 30, body};
	int r = ledger_append(&l, rel, &in, ev, e);
	json_decref(body);
	return r;
}

Test(ledger, appends_link_each_event_to_the_previous_hash)
{
	int64_t rel = open_rel("Dongguan Evergreen");
	struct event ev;
	struct err e = {0};
	struct rel_head h;
	cr_assert_eq(store_rel_head(db, rel, &h, &e), 1);
	cr_expect_eq(h.seq, 1);
	unsigned char prev[32];
	memcpy(prev, h.hash, 32);
	for (int i = 0; i < 5; i++) {
		cr_assert(contact(rel, i % 2 ? "partner" : "buyer", T0 + 3600 * i, &ev, &e) == 0, "%s", e.msg);
		cr_expect_eq(ev.seq, i + 2);
		cr_expect(memcmp(ev.prev_hash, prev, 32) == 0, "seq %lld does not link", (long long)ev.seq);
		memcpy(prev, ev.hash, 32);
	}
	cr_assert_eq(store_rel_head(db, rel, &h, &e), 1);
	cr_expect_eq(h.seq, 6);
	cr_expect(memcmp(h.hash, prev, 32) == 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM contacts"), 5);
	struct verify_report r;
	cr_expect_eq(ledger_verify(&l, 0, &r, &e), 0, "%s", r.reason);
	cr_expect_eq(r.events, 6);
	cr_expect_eq(r.relationships, 1);
}

Test(ledger, first_event_hashes_from_32_zero_bytes)
{
	open_rel("Saigon Loom");
	cr_expect_eq(tu_int(db, db_sql(db, "SELECT count(*) FROM events WHERE seq = 1 AND prev_hash = zeroblob(32)",
	                            "SELECT count(*) FROM events WHERE seq = 1 AND prev_hash = '\\x"
	                            "0000000000000000000000000000000000000000000000000000000000000000'::bytea")), 1);
}

Test(ledger, chains_are_independent_per_relationship)
{
	int64_t a = open_rel("A"), b = open_rel("B");
	struct event ev;
	struct err e = {0};
	cr_assert(contact(a, "buyer", T0, &ev, &e) == 0);
	cr_assert(contact(b, "buyer", T0, &ev, &e) == 0);
	cr_expect_eq(ev.seq, 2);
	cr_expect_eq(tu_int(db, "SELECT count(DISTINCT uid) FROM relationships"), 2);
}

Test(ledger, a_bad_event_leaves_the_database_as_it_was)
{
	int64_t rel = open_rel("Padma Knit");
	struct event ev;
	struct err e = {0};
	cr_assert(db_begin(db, &e) == 0);
	cr_assert(contact(rel, "buyer", T0, &ev, &e) == 0);
	long long events = tu_int(db, "SELECT count(*) FROM events");
	cr_expect_eq(contact(rel, "factory", T0, &ev, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "by: must be one of buyer|partner");
	cr_expect_eq(contact(999, "buyer", T0, &ev, &e), -1);
	cr_expect_str_eq(e.msg, "partner: no relationship with id 999");
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events"), events);
	/* refusals do not spoil the transaction: it commits, intact */
	cr_assert(db_commit(db, &e) == 0, "%s", e.msg);
	cr_expect_eq(tu_int(db, "SELECT head_seq FROM relationships"), 2);
	struct verify_report r;
	cr_expect_eq(ledger_verify(&l, 0, &r, &e), 0, "%s", r.reason);
}

/* Makes the projection step fail after the event row was inserted. */
static void break_projection(void)
{
	struct err e = {0};
	cr_assert(db_exec(db, db_sql(db, "CREATE TEMP TRIGGER no_contacts BEFORE INSERT ON main.contacts "
	                                 "BEGIN SELECT RAISE(ABORT, 'projection refused'); END",
	                             "CREATE FUNCTION no_contacts() RETURNS trigger LANGUAGE plpgsql AS"
	                             " $$ BEGIN RAISE EXCEPTION 'projection refused'; END $$;"
	                             "CREATE TRIGGER no_contacts BEFORE INSERT ON contacts"
	                             " FOR EACH ROW EXECUTE FUNCTION no_contacts()"),
	                  &e) == 0,
	          "%s", e.msg);
}

Test(ledger, a_lone_append_that_fails_half_way_leaves_nothing)
{
	int64_t rel = open_rel("Padma Knit");
	struct event ev;
	struct err e = {0};
	break_projection();
	cr_expect_eq(contact(rel, "buyer", T0, &ev, &e), -1);
	cr_expect_eq(e.code, ERR_IO);
	cr_expect(strstr(e.msg, "projection refused") != NULL, "%s", e.msg);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events"), 1);
	cr_expect_eq(tu_int(db, "SELECT head_seq FROM relationships"), 1);
	struct verify_report r;
	cr_expect_eq(ledger_verify(&l, 0, &r, &e), 0, "%s", r.reason);
}

Test(ledger, a_failed_write_poisons_the_transaction_so_it_cannot_commit)
{
	int64_t rel = open_rel("Padma Knit");
	struct event ev;
	struct err e = {0};
	cr_assert(db_begin(db, &e) == 0);
	cr_assert(contact(rel, "buyer", T0, &ev, &e) == 0, "%s", e.msg);
	break_projection();
	cr_expect_eq(contact(rel, "buyer", T0, &ev, &e), -1);
	/* the event row of the failed append is in the transaction: it must
	 * not be committed, and nothing more may be appended */
	cr_expect_eq(contact(rel, "partner", T0, &ev, &e), -1);
	cr_expect_str_eq(e.msg, "an earlier append in this transaction failed: roll it back first");
	cr_expect_eq(db_commit(db, &e), -1, "COMMIT must be refused");
	db_rollback(db);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events"), 1);
	cr_expect_eq(tu_int(db, "SELECT head_seq FROM relationships"), 1);
	/* the rollback took the trigger with it, and the ledger works again */
	cr_expect_eq(contact(rel, "buyer", T0, &ev, &e), 0, "%s", e.msg);
	cr_expect_eq(ev.seq, 2);
}

Test(ledger, a_commit_that_bypasses_db_commit_is_refused)
{
	int64_t rel = open_rel("Padma Knit");
	struct event ev;
	struct err e = {0};
	cr_assert(db_begin(db, &e) == 0);
	cr_assert(contact(rel, "buyer", T0, &ev, &e) == 0, "%s", e.msg);
	/* a raw COMMIT would leave the stored head behind the chain */
	cr_expect_eq(db_exec(db, "COMMIT", &e), -1);
	db_rollback(db);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events"), 1);
	struct verify_report r;
	cr_expect_eq(ledger_verify(&l, 0, &r, &e), 0, "%s", r.reason);
}

Test(ledger, many_appends_in_one_transaction_write_the_head_once_at_commit)
{
	int64_t a = open_rel("A"), b = open_rel("B");
	struct event ev;
	struct err e = {0};
	cr_assert(db_begin(db, &e) == 0);
	for (int i = 0; i < 10; i++)
		cr_assert(contact(i % 3 ? a : b, "buyer", T0 + i, &ev, &e) == 0, "%s", e.msg);
	cr_assert(db_commit(db, &e) == 0, "%s", e.msg);
	cr_expect_eq(tu_int(db, "SELECT head_seq FROM relationships WHERE id = 1"), 7);
	cr_expect_eq(tu_int(db, "SELECT head_seq FROM relationships WHERE id = 2"), 5);
	struct verify_report r;
	cr_expect_eq(ledger_verify(&l, 0, &r, &e), 0, "%s", r.reason);
	cr_expect_eq(r.events, 12);
}

Test(ledger, events_in_the_future_are_refused_and_backdated_ones_kept)
{
	int64_t rel = open_rel("A");
	struct event ev;
	struct err e = {0};
	int64_t now = T0 + 86400 * 30;
	cr_expect_eq(contact(rel, "buyer", now + 301, &ev, &e), -1);
	cr_expect_str_eq(e.msg, "at: in the future; record events once they have happened");
	cr_expect_eq(contact(rel, "buyer", now + 300, &ev, &e), 0, "clock skew of 5 minutes is tolerated");
	cr_expect_eq(contact(rel, "buyer", T0 - 86400 * 365, &ev, &e), 0, "%s", e.msg);
	cr_expect_eq(ev.seq, 3);
}

Test(ledger, the_database_refuses_to_update_or_delete_events)
{
	open_rel("A");
	struct err e = {0};
	cr_expect_eq(db_exec(db, "UPDATE events SET author = 'someone else'", &e), -1);
	cr_expect(strstr(e.msg, "append-only") != NULL, "%s", e.msg);
	cr_expect_eq(db_exec(db, "DELETE FROM events", &e), -1);
	cr_expect(strstr(e.msg, "append-only") != NULL, "%s", e.msg);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events"), 1);
}

static void tamper(const char *sql)
{
	struct err e = {0};
	/* an attacker with the file drops what stands in the way */
	cr_assert(db_exec(db, db_sql(db, "PRAGMA foreign_keys = OFF", "SET session_replication_role = replica"), &e) == 0);
	cr_assert(db_exec(db, db_sql(db, "DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete",
	                             "DROP TRIGGER events_append_only_update ON events;"
	                             " DROP TRIGGER events_append_only_delete ON events"),
	                  &e) == 0);
	cr_assert(db_exec(db, sql, &e) == 0, "%s", e.msg);
}

static struct verify_report verify_bad(void)
{
	struct verify_report r;
	struct err e = {0};
	cr_assert_eq(ledger_verify(&l, 0, &r, &e), 1, "tampering was not detected");
	return r;
}

static int64_t chain_of(int n)
{
	int64_t rel = open_rel("Dongguan Evergreen");
	struct event ev;
	struct err e = {0};
	for (int i = 0; i < n - 1; i++)
		cr_assert(contact(rel, "buyer", T0 + i, &ev, &e) == 0, "%s", e.msg);
	return rel;
}

Test(ledger, verify_names_an_altered_body)
{
	int64_t rel = chain_of(6);
	tamper("UPDATE events SET body = replace(body, 'call', 'visit') WHERE seq = 4");
	struct verify_report r = verify_bad();
	cr_expect_eq(r.bad_rel, rel);
	cr_expect_eq(r.bad_seq, 4);
	cr_expect_str_eq(r.reason, "event 4 does not match its hash (altered)");
}

Test(ledger, verify_names_an_altered_envelope_field)
{
	chain_of(6);
	tamper("UPDATE events SET at = at + 86400 WHERE seq = 2");
	cr_expect_eq(verify_bad().bad_seq, 2);
}

Test(ledger, verify_names_a_deleted_event)
{
	chain_of(6);
	tamper("DELETE FROM events WHERE seq = 3");
	struct verify_report r = verify_bad();
	cr_expect_eq(r.bad_seq, 3);
	cr_expect_str_eq(r.reason, "event 3 is missing (the next stored is 4)");
}

Test(ledger, verify_notices_the_last_event_deleted)
{
	chain_of(6);
	tamper("DELETE FROM events WHERE seq = 6");
	struct verify_report r = verify_bad();
	cr_expect_eq(r.bad_seq, 6);
	cr_expect_str_eq(r.reason, "event 6 is missing (the chain ends at 5)");
}

Test(ledger, verify_names_the_first_of_two_swapped_events)
{
	chain_of(6);
	tamper("UPDATE events SET seq = 1000 WHERE seq = 3; UPDATE events SET seq = 3 WHERE seq = 4;"
	       "UPDATE events SET seq = 4 WHERE seq = 1000");
	struct verify_report r = verify_bad();
	cr_expect_eq(r.bad_seq, 3);
	cr_expect_str_eq(r.reason, "event 3 does not link to event 2 (removed, reordered or altered)");
}

Test(ledger, verify_of_one_relationship_ignores_another)
{
	chain_of(3);
	int64_t other = open_rel("Other");
	tamper("UPDATE events SET author = 'x' WHERE rel = 1 AND seq = 2");
	struct verify_report r;
	struct err e = {0};
	cr_expect_eq(ledger_verify(&l, other, &r, &e), 0);
	cr_expect_eq(ledger_verify(&l, 1, &r, &e), 1);
	cr_expect_eq(r.bad_seq, 2);
}
