/* test_record.c - events from text fields, as the command line and the
 * web app's forms both build them: each field typed by its kind's table,
 * the relationship an id names, and the warning for a date on the
 * partner's day off. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "record.h"
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

TestSuite(record, .init = setup, .fini = teardown);

static int64_t open_rel(void)
{
	return tu_rel_open(&l, "Dongguan Evergreen", "CN", "Asia/Shanghai", T0);
}

/* A getter over name=value pairs, labelling fields as a form does. */
struct pairs {
	const char *const *kv; /* name, value, ..., NULL */
};

static const char *pair_text(void *ctx, const struct field *f, char *label, size_t size)
{
	const struct pairs *p = ctx;
	snprintf(label, size, "[%s]", f->name);
	for (const char *const *kv = p->kv; kv[0]; kv += 2)
		if (!strcmp(kv[0], f->name))
			return kv[1];
	return NULL;
}

static const struct field *field_of(const char *kind, const char *name)
{
	const struct field *f = event_kind_find(kind)->fields;
	while (f->name && strcmp(f->name, name))
		f++;
	cr_assert_not_null(f->name, "%s has no field %s", kind, name);
	return f;
}

Test(record, text_is_typed_by_the_field_table)
{
	struct err e = {0};
	json_t *v = record_value(field_of("order.add", "qty"), "--qty", "2400", &e);
	cr_assert_not_null(v, "%s", e.msg);
	cr_expect(json_is_integer(v) && json_integer_value(v) == 2400);
	json_decref(v);
	v = record_value(field_of("order.add", "price"), "--price", "18.40", &e);
	cr_expect_str_eq(json_string_value(v), "18.40", "a decimal stays a string: no float is hashed");
	json_decref(v);
	v = record_value(field_of("visit.add", "met"), "--met", "3, 4,5", &e);
	cr_assert_not_null(v, "%s", e.msg);
	char *s = json_dumps(v, JSON_COMPACT);
	cr_expect_str_eq(s, "[3,4,5]");
	free(s);
	json_decref(v);
	cr_expect_null(record_value(field_of("order.add", "qty"), "qty", "many", &e));
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "qty: not a whole number: \"many\"");
	cr_expect_null(record_value(field_of("visit.add", "met"), "met", "3,x", &e));
	cr_expect_str_eq(e.msg, "met: not a whole number: \"x\"");
	cr_expect_null(record_value(field_of("order.add", "qty"), "qty", "+5", &e));
}

Test(record, a_body_holds_the_fields_given_and_leaves_out_the_rest)
{
	static const char *const kv[] = {"side", "partner", "what", "Approve the lab dips", "due", "2026-10-01",
	                                 "unknown", "ignored", NULL};
	struct pairs p = {kv};
	json_t *body;
	struct err e = {0};
	cr_assert_eq(record_body(event_kind_find("commitment.add"), pair_text, &p, &body, &e), 0, "%s", e.msg);
	char *s = json_dumps(body, JSON_COMPACT | JSON_SORT_KEYS);
	cr_expect_str_eq(s, "{\"due\":\"2026-10-01\",\"side\":\"partner\",\"what\":\"Approve the lab dips\"}");
	free(s);
	json_decref(body);
}

Test(record, a_field_that_does_not_read_is_named_by_the_getters_label)
{
	static const char *const kv[] = {"po", "LR-1", "qty", "lots", NULL};
	struct pairs p = {kv};
	json_t *body = (json_t *)1;
	struct err e = {0};
	cr_expect_eq(record_body(event_kind_find("order.add"), pair_text, &p, &body, &e), -1);
	cr_expect_null(body);
	cr_expect_str_eq(e.msg, "[qty]: not a whole number: \"lots\"");
}

Test(record, an_id_names_its_relationship)
{
	int64_t rel = open_rel();
	json_t *body = json_pack("{s:s, s:s, s:s}", "side", "partner", "what", "Send the swatches", "due", "2026-03-02");
	struct ledger_entry in = {"commitment.add", "buyer", "Maya Okafor", T0, T0, body};
	int64_t id;
	struct err e = {0};
	cr_assert_eq(record_append(&l, rel, &in, NULL, &id, &e), 0, "%s", e.msg);
	json_decref(body);
	const struct field *f = field_of("commitment.keep", "commitment");
	int64_t commitment = tu_int(db, "SELECT id FROM commitments");
	json_t *ref = json_pack("{s:I}", "commitment", (json_int_t)commitment);
	int64_t found = 0;
	cr_expect_eq(record_rel(db, f, ref, "ID", &found, &e), 0, "%s", e.msg);
	cr_expect_eq(found, rel);
	json_decref(ref);
	ref = json_pack("{s:i}", "commitment", 99);
	cr_expect_eq(record_rel(db, f, ref, "ID", &found, &e), -1);
	cr_expect_str_eq(e.msg, "ID: no commitment with id 99");
	json_decref(ref);
}

Test(record, a_due_date_on_the_partners_day_off_is_appended_with_a_warning)
{
	int64_t rel = open_rel();
	struct buf w = BUF_INIT;
	struct err e = {0};
	int64_t id;
	/* 2026-10-01 is National Day in China; the first working day after the
	 * Golden Week is 2026-10-08 (DESIGN.md section 8) */
	json_t *body = json_pack("{s:s, s:s, s:s}", "side", "partner", "what", "Approve the lab dips", "due", "2026-10-01");
	struct ledger_entry in = {"commitment.add", "buyer", "Maya Okafor", T0, T0, body};
	cr_assert_eq(record_append(&l, rel, &in, &w, &id, &e), 0, "%s", e.msg);
	cr_expect_gt(id, 0);
	cr_expect_str_eq(w.data, "\"Approve the lab dips\" due 2026-10-01 falls on a day off at Dongguan Evergreen "
	                         "(CN: National Day); their next working day is 2026-10-08\n");
	json_decref(body);
	/* a working day: nothing */
	buf_reset(&w);
	body = json_pack("{s:s, s:s, s:s}", "side", "partner", "what", "Ship", "due", "2026-10-09");
	in.body = body;
	cr_assert_eq(record_append(&l, rel, &in, &w, &id, &e), 0, "%s", e.msg);
	cr_expect_eq(w.len, 0);
	json_decref(body);
	buf_release(&w);
}

Test(record, a_refusal_appends_nothing_and_warns_of_nothing)
{
	int64_t rel = open_rel();
	struct buf w = BUF_INIT;
	struct err e = {0};
	int64_t id = 0;
	json_t *body = json_pack("{s:s, s:s}", "by", "buyer", "kind", "fax");
	struct ledger_entry in = {"contact", "buyer", "Maya Okafor", T0, T0, body};
	cr_expect_eq(record_append(&l, rel, &in, &w, &id, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "kind: must be one of call|video|message|email|meeting|visit");
	cr_expect_eq(w.len, 0);
	cr_expect_eq(tu_int(db, "SELECT count(*) FROM events"), 1);
	json_decref(body);
	buf_release(&w);
}
