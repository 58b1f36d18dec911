/* test_import.c - the CSV kinds: header names mapped to columns, rows
 * decoded into event bodies, and validation messages named by column. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <string.h>

#include "event.h"
#include "import.h"
#include "util/buf.h"

static int map(const char *kind, const char *const *names, int partner_given, struct import_header *h,
               struct err *e)
{
	size_t n = 0, lens[IMPORT_MAX_COLUMNS * 2];
	while (names[n]) {
		lens[n] = strlen(names[n]);
		n++;
	}
	return import_header_map(import_kind_find(kind), names, lens, n, partner_given, h, e);
}

static int decode(const struct import_header *h, const char *const *values, struct import_row *row, struct err *e)
{
	size_t n = 0, lens[IMPORT_MAX_COLUMNS * 2];
	while (values[n]) {
		lens[n] = strlen(values[n]);
		n++;
	}
	return import_row_decode(h, values, lens, n, row, e);
}

Test(import, every_kind_appends_a_known_event_and_its_columns_are_its_fields)
{
	cr_assert_eq(import_nkinds, 5);
	for (size_t i = 0; i < import_nkinds; i++) {
		const struct import_kind *k = &import_kinds[i];
		const struct event_kind *ek = event_kind_find(k->event);
		cr_assert(ek != NULL, "%s: no event kind %s", k->name, k->event);
		cr_expect_str_eq(k->columns[0].name, "partner", "%s: partner comes first", k->name);
		cr_expect_leq(import_ncolumns(k), IMPORT_MAX_COLUMNS);
		for (size_t c = 0; k->columns[c].name; c++) {
			if (k->columns[c].role != IMPORT_FIELD)
				continue;
			const struct field *f = ek->fields;
			while (f->name && strcmp(f->name, k->columns[c].name))
				f++;
			cr_expect(f->name != NULL, "%s: column %s is no field of %s", k->name, k->columns[c].name, k->event);
		}
		/* every required field of the event has a column */
		for (const struct field *f = ek->fields; f->name; f++) {
			if (!f->required)
				continue;
			size_t c = 0;
			while (k->columns[c].name && strcmp(k->columns[c].name, f->name))
				c++;
			cr_expect(k->columns[c].name != NULL, "%s: required field %s has no column", k->name, f->name);
		}
	}
	cr_expect(import_kind_find("orders") != NULL);
	cr_expect(import_kind_find("order") == NULL);
}

Test(import, a_kind_that_can_be_closed_names_events_that_close_its_record)
{
	size_t closable = 0;
	for (size_t i = 0; i < import_nkinds; i++) {
		const struct import_kind *k = &import_kinds[i];
		int closed = 0, outcome = 0;
		for (size_t c = 0; k->columns[c].name; c++) {
			closed += k->columns[c].role == IMPORT_CLOSED;
			outcome += k->columns[c].role == IMPORT_OUTCOME;
			if (k->columns[c].role != IMPORT_CLOSE_FIELD)
				continue;
			/* a closing field belongs to one of the closing events */
			int found = 0;
			for (const struct import_close *cl = k->closes; cl && cl->event; cl++) {
				const struct event_kind *ek = event_kind_find(cl->event);
				cr_assert(ek != NULL, "%s: no event kind %s", k->name, cl->event);
				for (const struct field *f = ek->fields; f->name; f++)
					found |= !strcmp(f->name, k->columns[c].field);
			}
			cr_expect(found, "%s: column %s is no field of its closing events", k->name, k->columns[c].name);
		}
		cr_expect_eq(closed, k->closes != NULL, "%s: a closed column if and only if closes", k->name);
		cr_expect_leq(outcome, closed);
		if (!k->closes)
			continue;
		closable++;
		cr_expect_str_eq(import_closed_column(k), k->name[0] == 'p' ? "paid" : "closed");
		for (const struct import_close *cl = k->closes; cl->event; cl++) {
			/* the reference to the row's record is a required field */
			const struct event_kind *ek = event_kind_find(cl->event);
			cr_assert(ek != NULL, "%s: no event kind %s", k->name, cl->event);
			const struct field *f = ek->fields;
			while (f->name && strcmp(f->name, cl->ref))
				f++;
			cr_expect(f->name && f->required && f->type == F_REF, "%s: %s has no required %s", k->name, cl->event,
			          cl->ref);
			/* with an outcome column every close is picked by a value */
			cr_expect_eq(cl->outcome != NULL, outcome, "%s: %s", k->name, cl->event);
		}
	}
	cr_expect_eq(closable, 2); /* payments and commitments */
}

/* decode() of one row against a header of names, expecting an error. */
static void refused(const char *kind, const char *const *names, const char *const *values, const char *msg)
{
	struct import_header h;
	struct import_row row;
	struct err e = {0};
	cr_assert_eq(map(kind, names, 1, &h, &e), 0, "%s", e.msg);
	cr_assert_eq(decode(&h, values, &row, &e), -1, "%s", values[0]);
	cr_expect_str_eq(e.msg, msg);
	cr_expect(row.body == NULL && row.close_body == NULL && row.close == NULL);
}

Test(import, a_closed_record_becomes_a_second_event_with_its_own_fields)
{
	static const char *const pay[] = {"amount", "currency", "due", "paid", "paid_amount", NULL};
	struct import_header h;
	struct import_row row;
	struct err e = {0};
	cr_assert_eq(map("payments", pay, 1, &h, &e), 0, "%s", e.msg);
	static const char *const part[] = {"5000.00", "USD", "2026-12-01", "2026-12-03", "4000", NULL};
	cr_assert_eq(decode(&h, part, &row, &e), 0, "%s", e.msg);
	cr_assert(row.close != NULL);
	cr_expect_str_eq(row.close->event, "payment.paid");
	cr_expect_str_eq(row.closed, "2026-12-03");
	json_t *want = json_pack("{s:s}", "amount", "4000");
	cr_expect(json_equal(row.close_body, want));
	json_decref(want);
	/* the amount is the payment's own, not the paid amount */
	cr_expect_str_eq(json_string_value(json_object_get(row.body, "amount")), "5000.00");
	import_row_release(&row);
	cr_expect(row.body == NULL && row.close_body == NULL);
	/* paid in full: the closing event's body is empty until the reference goes in */
	static const char *const full[] = {"5000.00", "USD", "2026-12-01", "2026-12-03", "", NULL};
	cr_assert_eq(decode(&h, full, &row, &e), 0, "%s", e.msg);
	cr_expect(row.close != NULL && json_object_size(row.close_body) == 0);
	import_row_release(&row);
	/* open: no second event */
	static const char *const open[] = {"5000.00", "USD", "2026-12-01", "", "", NULL};
	cr_assert_eq(decode(&h, open, &row, &e), 0, "%s", e.msg);
	cr_expect(row.close == NULL && row.closed == NULL && row.close_body == NULL);
	import_row_release(&row);
	refused("payments", pay, (const char *const[]){"5000.00", "USD", "2026-12-01", "", "4000", NULL},
	        "column \"paid_amount\": given without \"paid\"");

	static const char *const com[] = {"side", "what", "due", "outcome", "closed", "reason", NULL};
	cr_assert_eq(map("commitments", com, 1, &h, &e), 0, "%s", e.msg);
	static const char *const broken[] = {"partner", "Trims card", "2026-12-10", "broken", "2026-12-12", "Supplier", NULL};
	cr_assert_eq(decode(&h, broken, &row, &e), 0, "%s", e.msg);
	cr_expect_str_eq(row.close->event, "commitment.break");
	cr_expect_str_eq(row.close->ref, "commitment");
	cr_expect_str_eq(json_string_value(json_object_get(row.close_body, "reason")), "Supplier");
	cr_expect(json_object_get(row.body, "reason") == NULL);
	import_row_release(&row);
	static const char *const kept[] = {"partner", "Trims card", "2026-12-10", "kept", "2026-12-09", "", NULL};
	cr_assert_eq(decode(&h, kept, &row, &e), 0, "%s", e.msg);
	cr_expect_str_eq(row.close->event, "commitment.keep");
	import_row_release(&row);
	refused("commitments", com, (const char *const[]){"partner", "T", "2026-12-10", "done", "2026-12-09", "", NULL},
	        "column \"outcome\": \"done\" is not kept or broken (leave it empty while it is open)");
	refused("commitments", com, (const char *const[]){"partner", "T", "2026-12-10", "kept", "", "", NULL},
	        "column \"closed\": required with outcome \"kept\" (when it was kept)");
	refused("commitments", com, (const char *const[]){"partner", "T", "2026-12-10", "", "2026-12-09", "", NULL},
	        "column \"outcome\": required with \"closed\" (kept or broken)");
	refused("commitments", com, (const char *const[]){"partner", "T", "2026-12-10", "kept", "2026-12-09", "Late", NULL},
	        "column \"reason\": not for outcome \"kept\"");
	refused("commitments", com, (const char *const[]){"partner", "T", "2026-12-10", "", "", "Late", NULL},
	        "column \"reason\": given without \"outcome\"");
}

Test(import, header_names_ignore_case_dashes_and_spaces_and_any_order)
{
	static const char *const names[] = {"Ex-Factory", "PO", "style", "QTY", "Price", "currency", "Partner", NULL};
	struct import_header h;
	struct err e = {0};
	cr_assert_eq(map("orders", names, 0, &h, &e), 0, "%s", e.msg);
	const struct import_kind *k = import_kind_find("orders");
	cr_expect_eq(h.n, 7);
	cr_expect_str_eq(k->columns[h.col[0]].name, "ex_factory");
	cr_expect_str_eq(k->columns[h.col[6]].name, "partner");
	/* at is optional and absent */
	size_t at = 0;
	while (strcmp(k->columns[at].name, "at"))
		at++;
	cr_expect_eq(h.pos[at], -1);
	static const char *const spaced[] = {"ex factory", "po", "style", "qty", "price", "currency", NULL};
	cr_expect_eq(map("orders", spaced, 1, &h, &e), 0, "%s", e.msg);
}

Test(import, unknown_repeated_and_missing_columns_are_named)
{
	struct import_header h;
	struct err e = {0};
	static const char *const unknown[] = {"po", "colour", "style", "size", "qty", NULL};
	cr_assert_eq(map("orders", unknown, 1, &h, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "unknown columns \"colour\", \"size\" (orders have: partner, po, style, qty, price, currency,"
	                        " ex_factory, at)");
	static const char *const twice[] = {"po", "style", "PO", NULL};
	cr_assert_eq(map("orders", twice, 1, &h, &e), -1);
	cr_expect_str_eq(e.msg, "column \"po\" appears twice");
	static const char *const missing[] = {"po", "style", "qty", NULL};
	cr_assert_eq(map("orders", missing, 1, &h, &e), -1);
	cr_expect_str_eq(e.msg, "missing columns \"price\", \"currency\", \"ex_factory\" (required for orders)");
	/* without --partner the partner column is required too */
	static const char *const people[] = {"side", "name", "role", NULL};
	cr_assert_eq(map("people", people, 0, &h, &e), -1);
	cr_expect_str_eq(e.msg, "missing column \"partner\" (required for people; or give the partner with --partner)");
	cr_expect_eq(map("people", people, 1, &h, &e), 0, "%s", e.msg);
	/* a spreadsheet's empty columns have no name; a name beyond the 16th
	 * column is refused */
	static const char *const blank[] = {"side", "", "name", "role", "", NULL};
	cr_expect_eq(map("people", blank, 1, &h, &e), 0, "%s", e.msg);
	cr_expect_eq(h.col[1], -1);
	cr_expect_eq(h.col[4], -1);
	static const char *const far[] = {"side", "name", "", "", "", "", "", "", "", "", "", "", "", "", "", "",
	                                  "role", NULL};
	cr_assert_eq(map("people", far, 1, &h, &e), -1);
	cr_expect_str_eq(e.msg, "column 17: too far right (a header has at most 16 columns, empty ones included)");
	static const char *const near[] = {"side", "name", "", "", "", "", "", "", "", "", "", "", "", "", "", "role",
	                                   NULL};
	cr_expect_eq(map("people", near, 1, &h, &e), 0, "%s", e.msg);
	cr_expect_eq(h.pos[3], 15); /* role, the fourth of people's columns */
}

Test(import, a_column_without_a_name_must_stay_empty)
{
	/* as a spreadsheet saves it: an empty column in the middle and one at
	 * the end, so every row ends in a comma */
	static const char *const names[] = {"side", "", "name", "role", "", NULL};
	struct import_header h;
	struct import_row row;
	struct err e = {0};
	cr_assert_eq(map("people", names, 1, &h, &e), 0, "%s", e.msg);
	static const char *const ok[] = {"partner", "", "Chen Jing", "QC lead", "", NULL};
	cr_assert_eq(decode(&h, ok, &row, &e), 0, "%s", e.msg);
	json_t *want = json_pack("{s:s, s:s, s:s}", "side", "partner", "name", "Chen Jing", "role", "QC lead");
	cr_expect(json_equal(row.body, want));
	json_decref(want);
	json_decref(row.body);
	/* a row that stops before the empty column at the end */
	static const char *const shorter[] = {"partner", "", "Chen Jing", "QC lead", NULL};
	cr_assert_eq(decode(&h, shorter, &row, &e), 0, "%s", e.msg);
	json_decref(row.body);
	/* a row with more empty values than the header has columns */
	static const char *const longer[] = {"partner", "", "Chen Jing", "QC lead", "", "", NULL};
	cr_assert_eq(decode(&h, longer, &row, &e), 0, "%s", e.msg);
	json_decref(row.body);
	static const char *const stray[] = {"partner", "x", "Chen Jing", "QC lead", "", NULL};
	cr_assert_eq(decode(&h, stray, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column 2: the header gives it no name, but this row has a value in it: \"x\"");
	cr_expect(row.body == NULL);
	static const char *const beyond[] = {"partner", "", "Chen Jing", "QC lead", "", "", "Line 3", NULL};
	cr_assert_eq(decode(&h, beyond, &row, &e), -1);
	cr_expect_str_eq(e.msg,
	                 "column 7: a value beyond the header's 5 columns: \"Line 3\" (a comma that should be quoted?)");
	static const char *const cut[] = {"partner", "", "Chen Jing", NULL};
	cr_assert_eq(decode(&h, cut, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column \"role\": missing (the row has 3 values, the header 5)");
}

Test(import, a_row_becomes_the_event_body_with_empty_cells_left_out)
{
	static const char *const names[] = {"partner", "po", "style", "qty", "price", "currency", "ex_factory", "at", NULL};
	static const char *const values[] = {"1", "LR-1", "Cable crew", "2400", "18.40", "USD", "2027-03-15", "", NULL};
	struct import_header h;
	struct import_row row;
	struct err e = {0};
	cr_assert_eq(map("orders", names, 0, &h, &e), 0, "%s", e.msg);
	cr_assert_eq(decode(&h, values, &row, &e), 0, "%s", e.msg);
	cr_expect_str_eq(row.partner, "1");
	cr_expect(row.at == NULL);
	json_t *want = json_pack("{s:s, s:s, s:i, s:s, s:s, s:s}", "po", "LR-1", "style", "Cable crew", "qty", 2400, "price",
	                         "18.40", "currency", "USD", "ex_factory", "2027-03-15");
	cr_expect(json_equal(row.body, want));
	cr_expect_eq(event_validate("order.add", row.body, &e), 0, "%s", e.msg);
	json_decref(want);
	json_decref(row.body);
}

Test(import, bad_cells_are_named_by_column)
{
	static const char *const names[] = {"po", "style", "qty", "price", "currency", "ex_factory", NULL};
	struct import_header h;
	struct import_row row;
	struct err e = {0};
	cr_assert_eq(map("orders", names, 1, &h, &e), 0, "%s", e.msg);
	static const char *const ten[] = {"P", "S", "ten", "1", "USD", "2027-01-01", NULL};
	cr_assert_eq(decode(&h, ten, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column \"qty\": not a whole number: \"ten\"");
	cr_expect(row.body == NULL);
	static const char *const plus[] = {"P", "S", "+5", "1", "USD", "2027-01-01", NULL};
	cr_assert_eq(decode(&h, plus, &row, &e), -1);
	static const char *const latin1[] = {"P", "Caf\xe9", "5", "1", "USD", "2027-01-01", NULL};
	cr_assert_eq(decode(&h, latin1, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column \"style\": not valid UTF-8 (byte 4 of the value): save the file as CSV "
	                        "UTF-8, or name its encoding");
	static const char *const short_row[] = {"P", "S", "5", "1", NULL};
	cr_assert_eq(decode(&h, short_row, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column \"currency\": missing (the row has 4 values, the header 6)");
	static const char *const long_row[] = {"P", "S", "5", "1", "USD", "2027-01-01", "x", NULL};
	cr_assert_eq(decode(&h, long_row, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column 7: a value beyond the header's 6 columns: \"x\" (a comma that should be quoted?)");
	/* a NUL byte is seen through the length */
	const char *vals[] = {"P", "S\0x", "5", "1", "USD", "2027-01-01"};
	size_t lens[] = {1, 3, 1, 1, 3, 10};
	cr_assert_eq(import_row_decode(&h, vals, lens, 6, &row, &e), -1);
	cr_expect_str_eq(e.msg, "column \"style\": a NUL byte (byte 2 of the value)");
}

Test(import, validation_messages_name_the_column)
{
	const struct import_kind *k = import_kind_find("commitments");
	struct err e = {0};
	err_set(&e, ERR_INPUT, "due: not a date: \"31/02/2026\" (want YYYY-MM-DD)");
	import_error_column(k, &e);
	cr_expect_str_eq(e.msg, "column \"due\": not a date: \"31/02/2026\" (want YYYY-MM-DD)");
	/* a field that is not a column of the kind keeps its name */
	err_set(&e, ERR_INPUT, "order: must be the id of a order");
	import_error_column(k, &e);
	cr_expect_str_eq(e.msg, "order: must be the id of a order");
	err_set(&e, ERR_INPUT, "at: in the future; record events once they have happened");
	import_error_column(k, &e);
	cr_expect_str_eq(e.msg, "column \"at\": in the future; record events once they have happened");
	/* a message without a field is left alone */
	err_set(&e, ERR_INPUT, "nothing to say");
	import_error_column(k, &e);
	cr_expect_str_eq(e.msg, "nothing to say");
	/* the closing event's fields are its columns: at is the closed column */
	err_set(&e, ERR_INPUT, "at: in the future; record events once they have happened");
	import_close_error_column(k, &e);
	cr_expect_str_eq(e.msg, "column \"closed\": in the future; record events once they have happened");
	const struct import_kind *p = import_kind_find("payments");
	err_set(&e, ERR_INPUT, "amount: not a decimal: \"4,000\"");
	import_close_error_column(p, &e);
	cr_expect_str_eq(e.msg, "column \"paid_amount\": not a decimal: \"4,000\"");
	/* and the row's own event's amount is the amount column */
	err_set(&e, ERR_INPUT, "amount: not a decimal: \"4,000\"");
	import_error_column(p, &e);
	cr_expect_str_eq(e.msg, "column \"amount\": not a decimal: \"4,000\"");
}

Test(import, formula_guards_are_added_and_taken_off_one_quote_at_a_time)
{
	static const struct {
		const char *v;
		int needs;   /* export puts a ' before it */
		int guarded; /* import takes its first ' off */
	} cases[] = {
		{"=1+1", 1, 0},         {"+86 20 8888 0000", 1, 0}, {"-5", 1, 0},     {"@SUM(A1)", 1, 0},
		{"\tx", 1, 0},          {"\rx", 1, 0},              {"'=1+1", 1, 1},  {"''-x", 1, 1},
		{"it's", 0, 0},         {"'quoted'", 0, 0},         {"'", 0, 0},      {"", 0, 0},
		{"a=b", 0, 0},          {"陈静", 0, 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		cr_expect_eq(import_needs_guard(cases[i].v), cases[i].needs, "%s", cases[i].v);
		cr_expect_eq(import_guarded(cases[i].v, strlen(cases[i].v)), cases[i].guarded, "%s", cases[i].v);
		/* what export writes, import reads back as it was */
		char out[64];
		snprintf(out, sizeof out, "%s%s", cases[i].needs ? "'" : "", cases[i].v);
		int skip = import_guarded(out, strlen(out));
		cr_expect_str_eq(out + skip, cases[i].v);
	}
}

Test(import, renegotiated_is_a_list_of_new_dates_with_when_each_was_agreed)
{
	struct import_renegotiation r[3];
	struct err e = {0};
	/* spaces around the entries and the parts, and a ';' at the end */
	cr_assert_eq(import_renegotiations(" 2026-12-18 on 2026-11-30T09:00:00Z ;2027-01-08  on 2026-12-10; ", r, 3, &e), 2,
	             "%s", e.msg);
	cr_expect_str_eq(r[0].due, "2026-12-18");
	cr_expect_str_eq(r[0].at, "2026-11-30T09:00:00Z");
	cr_expect_str_eq(r[1].due, "2027-01-08");
	cr_expect_str_eq(r[1].at, "2026-12-10");
	/* what export writes reads back the same */
	struct buf b = BUF_INIT;
	import_renegotiation_format(&b, 1, r[0].due, r[0].at);
	import_renegotiation_format(&b, 0, r[1].due, r[1].at);
	cr_expect_str_eq(b.data, "2026-12-18 on 2026-11-30T09:00:00Z; 2027-01-08 on 2026-12-10");
	cr_expect_eq(import_renegotiations(b.data, r, 3, &e), 2, "%s", e.msg);
	buf_release(&b);
	/* each entry named by its place */
	cr_expect_eq(import_renegotiations("2026-12-18 on 2026-11-30; 2026-12-20", r, 3, &e), -1);
	cr_expect_str_eq(e.msg, "column \"renegotiated\": entry 2: not \"DATE on TIME\" (the new due date and when it was "
	                        "agreed): \"2026-12-20\"");
	cr_expect_eq(import_renegotiations("2026-12-18 on 2026-11-30;; 2026-12-20 on 2026-12-01", r, 3, &e), -1);
	cr_expect_str_eq(e.msg,
	                 "column \"renegotiated\": entry 2: not \"DATE on TIME\" (the new due date and when it was agreed): \"\"");
	cr_expect_eq(import_renegotiations("18/12/2026 on 2026-11-30", r, 3, &e), -1);
	cr_expect_str_eq(e.msg, "column \"renegotiated\": entry 1: not a date: \"18/12/2026\" (want YYYY-MM-DD)");
	cr_expect_eq(import_renegotiations("2026-13-01 on 2026-11-30", r, 3, &e), -1);
	cr_expect_str_eq(e.msg, "column \"renegotiated\": entry 1: no such date: \"2026-13-01\"");
	cr_expect_eq(import_renegotiations("2027-02-29 on 2026-11-30", r, 3, &e), -1);
	cr_expect_str_eq(e.msg, "column \"renegotiated\": entry 1: no such date: \"2027-02-29\"");
	cr_expect_eq(import_renegotiations("2026-12-18 on ", r, 3, &e), -1);
	cr_expect_str_eq(e.msg,
	                 "column \"renegotiated\": entry 1: not \"DATE on TIME\" (the new due date and when it was agreed): "
	                 "\"2026-12-18 on\"");
	/* at most max of them */
	cr_expect_eq(import_renegotiations("2026-12-18 on 2026-11-30; 2026-12-19 on 2026-12-01", r, 1, &e), -1);
	cr_expect_str_eq(e.msg, "column \"renegotiated\": more than 1 new dates");
}
