/* importer.c - CSV rows appended as events (importer.h): each row decoded
 * by import.c's column map, then appended as `rapport` would append it,
 * in the caller's transaction. Bad rows are reported through the
 * caller's function, up to IMPORTER_MAX_ERRORS of them. */
#include "importer.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "event.h"
#include "import.h"
#include "order.h"
#include "record.h"
#include "store/domain.h"
#include "store/parties.h"
#include "store/recorded.h"
#include "util/csvfile.h"
#include "util/time.h"
#include "util/utf8.h"

struct run {
	struct ledger *l;
	const struct importer_opts *o;
	const struct import_kind *k;
	struct import_header h;
	int have_header;
	int64_t partner_ok;     /* the last partner id found to exist */
	struct importer_result *res;
	struct err *e;          /* a fatal error */
	int fatal;
	int64_t before;         /* the last event before this import: records up to it were there already */
	struct buf row_warnings; /* the warnings of the row being appended */
	/* orders appended so far: their ids (ascending) and rows, to name the
	 * row a repeated PO was first on */
	int64_t *order_id;
	size_t *order_row;
	size_t norders, cap;
};

/* Reports one bad row; 1 when reading should stop. */
static int bad_row(struct run *r, size_t line, const char *msg)
{
	r->o->bad(r->o->ctx, line, msg);
	r->res->bad++;
	return r->res->bad >= IMPORTER_MAX_ERRORS;
}

/* The partner a row is for: the one given, or its partner column. */
static int row_partner(struct run *r, const char *v, int64_t *rel, struct err *e)
{
	if (!v) {
		if (!r->o->partner)
			return err_set(e, ERR_INPUT, "column \"partner\": required (or give --partner)");
		*rel = r->o->partner;
		return 0;
	}
	char *end;
	errno = 0;
	long long id = strtoll(v, &end, 10);
	if (*end || id <= 0 || errno || v[0] < '0' || v[0] > '9')
		return err_set(e, ERR_INPUT, "column \"partner\": not a partner id (a positive integer): \"%.*s\"",
		               (int)utf8_quote(v), v);
	if (r->o->partner && id != r->o->partner)
		return err_set(e, ERR_INPUT, "column \"partner\": %lld, but %s %lld", id,
		               r->o->partner_said ? r->o->partner_said : "--partner says", (long long)r->o->partner);
	*rel = id;
	if (id == r->partner_ok)
		return 0;
	struct party p;
	int found = store_partner_get(r->l->db, id, &p, e);
	if (found < 0)
		return -1;
	if (!found)
		return err_set(e, ERR_INPUT, "column \"partner\": no partner with id %lld (see rapport partner list)", id);
	r->partner_ok = id;
	return 0;
}

/* A repeated PO: say which row of this file has it, if one does. */
static void duplicate_po(struct run *r, int64_t rel, const json_t *body, struct err *e)
{
	const char *po = json_string_value(json_object_get(body, "po"));
	struct store_row row;
	struct err ignored;
	if (!po || store_row(r->l->db, store_sql[SQL_ORDER_BY_PO], &ignored, &row, "it", rel, po) <= 0)
		return;
	size_t lo = 0, hi = r->norders;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (r->order_id[mid] < row.i[0])
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < r->norders && r->order_id[lo] == row.i[0])
		err_set(e, ERR_INPUT, "column \"po\": order %s is already on row %zu of this file", po, r->order_row[lo]);
}

static void remember_order(struct run *r, int64_t id, size_t line)
{
	if (r->norders == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 1024;
		r->order_id = realloc(r->order_id, r->cap * sizeof *r->order_id);
		r->order_row = realloc(r->order_row, r->cap * sizeof *r->order_row);
		if (!r->order_id || !r->order_row)
			abort();
	}
	r->order_id[r->norders] = id;
	r->order_row[r->norders++] = line;
}

/* Passes an appended row's warnings (one line each) on, at most
 * IMPORTER_MAX_WARNINGS in all. */
static void take_warnings(struct run *r, size_t line)
{
	struct buf *w = &r->row_warnings;
	for (char *p = w->data, *nl; p && p < w->data + w->len; p = nl + 1) {
		if (!(nl = strchr(p, '\n')))
			break;
		*nl = '\0';
		if (r->res->nwarnings++ < IMPORTER_MAX_WARNINGS && r->o->warn)
			r->o->warn(r->o->ctx, line, p);
	}
	w->len = 0;
}

/* Appends what closed the record id (kept, broken, paid), as the row says. */
static int append_close(struct run *r, struct import_row *row, int64_t rel, int64_t id, int64_t closed,
                        struct err *e)
{
	int64_t close_id;
	json_object_set_new(row->close_body, row->close->ref, json_integer(id));
	struct ledger_entry close = {
		.kind = row->close->event, .side = r->o->side, .author = r->o->author, .at = closed,
		.recorded = r->o->now, .body = row->close_body,
	};
	if (record_append(r->l, rel, &close, &r->row_warnings, &close_id, e)) {
		if (e->code == ERR_INPUT)
			import_close_error_column(r->k, e);
		return -1;
	}
	return 0;
}

/* A commitments row's renegotiations (first_due and renegotiated), read:
 * the new due dates in order and the times they were agreed. */
struct plan {
	int n;
	int64_t *at;
	char (*due)[11];
};

static void plan_release(struct plan *p)
{
	free(p->at);
	free(p->due);
	*p = (struct plan){0};
}

/* Reads the row's renegotiations into p (none when it gives none; the
 * caller releases it): the dates and times each checked, first_due given
 * with them, the last new date the row's due. Their times are not
 * compared with at or closed: `rapport commitment renegotiate --at` takes
 * any time before now, so that every export imports. */
static int read_plan(struct run *r, const struct import_row *row, struct plan *p, struct err *e)
{
	const char *due = json_string_value(json_object_get(row->body, "due"));
	int y, m, d;
	if (row->first_due && time_parse_date(row->first_due, "column \"first_due\"", &y, &m, &d, e))
		return -1;
	if (!row->renegotiated) {
		if (row->first_due && (!due || strcmp(row->first_due, due)))
			return err_set(e, ERR_INPUT,
			               "column \"renegotiated\": required when first_due is not due (the new dates agreed, "
			               "\"DATE on TIME; ...\")");
		return 0;
	}
	if (!row->first_due)
		return err_set(e, ERR_INPUT, "column \"first_due\": required with renegotiated (the date it was first due)");
	/* room for as many entries as the value has pieces between ';' */
	size_t max = 1;
	for (const char *c = row->renegotiated; *c; c++)
		max += *c == ';';
	struct import_renegotiation *list = malloc(max * sizeof *list);
	p->at = malloc(max * sizeof *p->at);
	p->due = malloc(max * sizeof *p->due);
	if (!list || !p->at || !p->due)
		abort();
	int n = import_renegotiations(row->renegotiated, list, max, e), rc = n < 0 ? -1 : 0;
	for (int i = 0; rc == 0 && i < n; i++) {
		char where[48];
		snprintf(where, sizeof where, "column \"renegotiated\": entry %d", i + 1);
		rc = time_parse_with(list[i].at, r->o->local, r->o->local_ctx, where, &p->at[i], e);
		memcpy(p->due[i], list[i].due, sizeof p->due[i]);
	}
	free(list);
	if (rc)
		return -1;
	p->n = n;
	if (due && strcmp(due, p->due[n - 1]))
		return err_set(e, ERR_INPUT, "column \"due\": %s, but the last of the renegotiated dates is %s", due,
		               p->due[n - 1]);
	return 0;
}

/* Appends p's renegotiations from the from'th on to commitment id, one
 * made before this import or, fresh, by this row (which a refusal does
 * not name: it is rolled back). */
static int renegotiate(struct run *r, const struct plan *p, int from, int fresh, int64_t rel, int64_t id,
                       struct err *e)
{
	for (int i = from; i < p->n; i++) {
		json_t *body = json_pack("{s:I, s:s}", "commitment", (json_int_t)id, "due", p->due[i]);
		struct ledger_entry in = {
			.kind = "commitment.renegotiate", .side = r->o->side, .author = r->o->author, .at = p->at[i],
			.recorded = r->o->now, .body = body,
		};
		int64_t moved;
		int rc = record_append(r->l, rel, &in, &r->row_warnings, &moved, e);
		json_decref(body);
		if (rc && e->code == ERR_INPUT) {
			/* the ledger's "due: commitment #5 is already due on ...",
			 * "at: in the future; ...", "commitment: #5 is already kept",
			 * said of the entry */
			char msg[sizeof e->msg], before[24] = "first_due";
			const char *m = e->msg;
			if (!strncmp(m, "due: ", 5) || !strncmp(m, "at: ", 4))
				m += m[0] == 'd' ? 5 : 4;
			int ref = !strncmp(m, "commitment: ", 12);
			if (i)
				snprintf(before, sizeof before, "entry %d", i);
			if (fresh && strstr(m, " is already due on "))
				snprintf(msg, sizeof msg, "column \"renegotiated\": entry %d: %s is not a new date (%s says it already)",
				         i + 1, p->due[i], before);
			else
				snprintf(msg, sizeof msg, "column \"renegotiated\": entry %d: %s%.400s", i + 1,
				         ref ? "commitment " : "", ref ? m + 12 : m);
			snprintf(e->msg, sizeof e->msg, "%s", msg);
		}
		if (rc)
			return -1;
	}
	return 0;
}

/* The record id made before this import, which the row names: the
 * renegotiations the row gives are compared with the record's, in order,
 * and those the row adds are appended. How many it appended (0 also when
 * the record has as many or more: the file is older than it), or -1 with
 * ERR_INPUT naming the column where they differ. */
static int renegotiate_known(struct run *r, const struct import_row *row, const struct plan *p, int64_t rel,
                             int64_t id, struct err *e)
{
	if (!row->first_due)
		return 0;
	/* an order's milestone was first due when the order says (its due
	 * and at are not compared either: a milestone corrected since the
	 * order was made is first due on another date in another record) */
	char first[11];
	int found = row->po ? 0 : store_first_due(r->l->db, id, first, e);
	if (found < 0)
		return -1;
	if (found && strcmp(first, row->first_due))
		return err_set(e, ERR_INPUT, "column \"first_due\": %s #%lld was first due on %s in this record", r->k->one,
		               (long long)id, first);
	if (!p->n)
		return 0;
	int64_t *at = malloc((size_t)p->n * sizeof *at);
	char(*due)[11] = malloc((size_t)p->n * sizeof *due);
	if (!at || !due)
		abort();
	int n = store_renegotiations(r->l->db, id, at, due, (size_t)p->n, e), rc = n < 0 ? -1 : 0;
	for (int i = 0; rc == 0 && i < n && i < p->n; i++)
		if (at[i] != p->at[i] || strcmp(due[i], p->due[i])) {
			char when[40];
			zone_format(r->o->zone, at[i], when);
			rc = err_set(e, ERR_INPUT, "column \"renegotiated\": entry %d: %s #%lld was renegotiated to %s at %s "
			             "in this record", i + 1, r->k->one, (long long)id, due[i], when);
		}
	free(at);
	free(due);
	if (rc || n >= p->n)
		return rc;
	return renegotiate(r, p, n, 0, rel, id, e) ? -1 : p->n - n;
}

/* The row's record id was made before this import and the row closes it
 * (the file sent again once the payment was made, the promise kept).
 * Still open, the row records how it closed: 0, counted as a row. Closed
 * otherwise than the row says, the row is refused (-1 with ERR_INPUT,
 * naming the column that differs). Closed the same way: 1, the row is
 * recorded already. -1 with e on a fatal error too. The caller has
 * cleared the row's warnings. */
static int close_known(struct run *r, struct import_row *row, int64_t rel, int64_t id, int64_t closed, size_t line,
                       struct err *e)
{
	struct store_outcome was;
	int n = store_outcome(r->l->db, r->k->event, id, row->close_body, &was, e);
	if (n < 0)
		return -1;
	if (n == 0) {
		if (append_close(r, row, rel, id, closed, e))
			return -1;
		take_warnings(r, line);
		r->res->rows++;
		r->res->events++;
		r->res->closed++;
		return 0;
	}
	if (!strcmp(was.event, row->close->event) && was.at == closed && was.same_field)
		return 1;
	/* how it was closed, in the row's words: "kept", or the closed
	 * column's name ("paid") where that alone closes it */
	const char *how = import_closed_column(r->k);
	for (const struct import_close *c = r->k->closes; c->event; c++)
		if (!strcmp(c->event, was.event) && c->outcome)
			how = c->outcome;
	char when[40];
	zone_format(r->o->zone, was.at, when);
	if (strcmp(was.event, row->close->event))
		return err_set(e, ERR_INPUT, "column \"%s\": %s #%lld is recorded %s already, not %s",
		               import_role_column(r->k, IMPORT_OUTCOME), r->k->one, (long long)id, how, row->close->outcome);
	if (was.at != closed)
		return err_set(e, ERR_INPUT, "column \"%s\": %s #%lld is recorded %s already, at %s", import_closed_column(r->k),
		               r->k->one, (long long)id, how, when);
	/* the amount or reason column; for a payment, the paid one where the
	 * file has no paid_amount (paid in full, it says) */
	int payment = !strcmp(r->k->event, "payment.due");
	const char *field = import_role_column(r->k, IMPORT_CLOSE_FIELD);
	for (size_t c = 0; payment && r->k->columns[c].name; c++)
		if (r->k->columns[c].role == IMPORT_CLOSE_FIELD && r->h.pos[c] < 0)
			field = import_closed_column(r->k);
	return err_set(e, ERR_INPUT, "column \"%s\": %s #%lld is recorded %s already, with another %s", field, r->k->one,
	               (long long)id, how, payment ? "amount" : "reason");
}

/* What a row adds to the record id made before this import: the new due
 * dates and the outcome it gives that the record lacks, appended. 0 when
 * it added any (the row counted, as closed or renegotiated), 1 when it
 * adds nothing (recorded already), -1 with e (ERR_INPUT: the row says
 * otherwise than the record). */
static int known_record(struct run *r, struct import_row *row, const struct plan *p, int64_t rel, int64_t id,
                        int64_t closed, size_t line, struct err *e)
{
	r->row_warnings.len = 0;
	int moved = renegotiate_known(r, row, p, rel, id, e);
	if (moved < 0)
		return -1;
	int n = row->close ? close_known(r, row, rel, id, closed, line, e) : 1;
	if (n < 0)
		return -1;
	r->res->events += (size_t)moved;
	if (moved && n == 1) {
		take_warnings(r, line);
		r->res->rows++;
		r->res->renegotiated++;
	}
	return moved || n == 0 ? 0 : 1;
}

/* A row naming an order's PO: one of the records the order made (its
 * deposit or balance by label, a milestone by name). Such a row makes no
 * record; it says how that one went. Still open and closed by the row,
 * the row records that outcome; as the record has it already (open, or
 * closed the same way), the row is left out: nothing new. An order, a
 * record or a payment's amount that does not match is a bad row. */
static int order_part(struct run *r, struct import_row *row, const struct plan *p, int64_t rel, int64_t closed,
                      size_t line, struct err *e)
{
	int payment = !strcmp(r->k->event, "payment.due");
	const char *column = r->k->part;
	const char *name = json_string_value(json_object_get(row->body, column));
	struct store_part part;
	if (!name)
		return err_set(e, ERR_INPUT, "column \"%s\": which of order %.*s's %s (%s)", column,
		               (int)utf8_quote(row->po), row->po, payment ? "payments" : "milestones",
		               payment ? "deposit or balance" : order_milestone_list());
	if (store_order_part(r->l->db, r->k->event, rel, row->po, name, &part, e))
		return -1;
	if (!part.order)
		return err_set(e, ERR_INPUT, "column \"po\": no order %.*s in this record (import the orders first)",
		               (int)utf8_quote(row->po), row->po);
	if (!part.id)
		return err_set(e, ERR_INPUT, "column \"%s\": order %.*s has no %s \"%.*s\" (%s)", column,
		               (int)utf8_quote(row->po), row->po, payment ? "payment" : "milestone", (int)utf8_quote(name),
		               name, payment ? "deposit or balance" : order_milestone_list());
	/* a payment's amount is the order's: another is another payment */
	const char *amount = json_string_value(json_object_get(row->body, "amount"));
	const char *currency = json_string_value(json_object_get(row->body, "currency"));
	long long units = amount ? event_decimal_units(amount) : 0;
	if (payment && units < 0)
		return err_set(e, ERR_INPUT,
		               "column \"amount\": not a positive decimal with at most 4 places (e.g. 12.50): \"%.*s\"",
		               (int)utf8_quote(amount), amount);
	int other_amount = payment && amount && units != event_decimal_units(part.amount);
	if (other_amount || (payment && currency && strcmp(currency, part.currency)))
		/* an amount made by the share of this relationship's settings
		 * when the order was recorded here: another database's may differ */
		return err_set(e, ERR_INPUT, "column \"%s\": order %.*s's %s is %s %s in this record%s",
		               other_amount ? "amount" : "currency", (int)utf8_quote(row->po), row->po, name, part.amount,
		               part.currency,
		               other_amount ? " (an order's deposit and balance follow the deposit share the relationship "
		                              "had when the order was recorded: see rapport settings)"
		                            : "");
	int n = known_record(r, row, p, rel, part.id, closed, line, e);
	if (n == 1)
		r->res->skipped++;
	return n < 0 ? -1 : 0;
}

/* Appends what the row records, then what closed it (kept, broken, paid). */
static int append_decoded(struct run *r, struct import_row *row, const struct plan *p, int64_t rel, int64_t at,
                          int64_t closed, int64_t *id, int *events, struct err *e)
{
	struct ledger_entry in = {
		.kind = r->k->event, .side = r->o->side, .author = r->o->author, .at = at, .recorded = r->o->now,
		.body = row->body,
	};
	*events = 1;
	if (!strcmp(r->k->event, "order.add")) {
		/* the deposit: a week after the order, on the buyer's calendar, as
		 * rapport order add works it out */
		char deposit_due[11];
		day_format(zone_day(r->o->zone, at + (int64_t)ORDER_DEPOSIT_DAYS * 86400), deposit_due);
		if (order_record(r->l, rel, &in, deposit_due, &r->row_warnings, id, events, NULL, e))
			return -1;
	} else if (record_append(r->l, rel, &in, &r->row_warnings, id, e)) {
		return -1;
	}
	if (renegotiate(r, p, 0, 1, rel, *id, e))
		return -1;
	*events += p->n;
	if (!row->close)
		return 0;
	(*events)++;
	return append_close(r, row, rel, *id, closed, e);
}

/* Appends one row's event(s); ERR_INPUT is a bad row, anything else fatal. */
static int append_row(struct run *r, const struct csvfile_record *rec, struct err *e)
{
	struct import_row row;
	struct plan plan = {0};
	int64_t rel = 0, at = r->o->now, id, closed = 0;
	if (import_row_decode(&r->h, rec->value, rec->len, rec->n, &row, e))
		return -1;
	int rc = -1, events = 0;
	char closed_label[40];
	snprintf(closed_label, sizeof closed_label, "column \"%s\"", row.close ? import_closed_column(r->k) : "");
	if (row_partner(r, row.partner, &rel, e) ||
	    (row.at && time_parse_with(row.at, r->o->local, r->o->local_ctx, "column \"at\"", &at, e)) ||
	    (row.close && time_parse_with(row.closed, r->o->local, r->o->local_ctx, closed_label, &closed, e)))
		goto out;
	/* a closing time before at is taken, as the commands take it, so that
	 * every export imports; without at, the record was made by then */
	if (row.close && !row.at && closed < at)
		at = closed;
	if (read_plan(r, &row, &plan, e))
		goto out;
	/* likewise a new date agreed before it */
	for (int i = 0; !row.at && i < plan.n; i++)
		if (plan.at[i] < at)
			at = plan.at[i];
	if (row.po) {
		rc = order_part(r, &row, &plan, rel, closed, rec->line, e);
		goto out;
	}
	if (json_object_get(row.body, "milestone")) {
		err_set(e, ERR_INPUT, "column \"milestone\": only an order's promises have one (with its po)");
		goto out;
	}
	/* renegotiated since: the record was made due on the first date */
	if (row.first_due)
		json_object_set_new(row.body, "due", json_string(row.first_due));
	/* the same record, value for value and at the same time, made before
	 * this import: a file imported again (an order's PO the ledger refuses
	 * by itself). Only a row that gives its time: one without is made now,
	 * and two files imported in one second are not one file. */
	int64_t found;
	int known = row.at || row.close ? store_recorded(r->l->db, r->k->event, rel, at, row.body, r->before, &found, e)
	                                : 0;
	if (known < 0)
		goto out;
	/* a record made before that the row closes: a file sent again once
	 * the payment was made or the promise kept */
	if (known) {
		/* a file sent again once the promise was renegotiated, kept or
		 * broken, or the payment made, adds that to the record */
		rc = known_record(r, &row, &plan, rel, found, closed, rec->line, e);
		if (rc <= 0)
			goto out;
		rc = -1; /* as the record has it: recorded already */
	}
	if (known && r->o->skip_recorded) {
		r->res->skipped++;
		rc = 0;
		goto out;
	}
	r->res->matched += known;
	if (known && strcmp(r->k->event, "order.add")) {
		r->res->known++;
		err_set(e, ERR_INPUT, "recorded already: %s #%lld has the same values and time (was this file imported "
		        "before?)", r->k->one, (long long)found);
		goto out;
	}
	r->row_warnings.len = 0;
	rc = append_decoded(r, &row, &plan, rel, at, closed, &id, &events, e);
	if (rc == 0) {
		take_warnings(r, rec->line);
		r->res->rows++;
		r->res->events += (size_t)events;
		if (!strcmp(r->k->event, "order.add"))
			remember_order(r, id, rec->line);
	} else if (e->code == ERR_INPUT) {
		import_error_column(r->k, e);
		if (!strncmp(e->msg, "column \"po\": order ", 19)) {
			duplicate_po(r, rel, row.body, e);
			r->res->known += strstr(e->msg, " already exists ") != NULL;
		}
	}
out:
	import_row_release(&row);
	plan_release(&plan);
	return rc;
}

/* "column \"note\"" for the value at index i of a record, as far as the
 * header tells. */
static void value_name(const struct run *r, size_t i, char *out, size_t size)
{
	if (r->have_header && i < r->h.n && import_column_at(&r->h, i) >= 0)
		snprintf(out, size, "column \"%s\"", r->k->columns[import_column_at(&r->h, i)].name);
	else
		snprintf(out, size, "column %zu", i + 1);
}

static int on_record(void *ctx, const struct csvfile_record *rec)
{
	struct run *r = ctx;
	struct err e = {0};
	if (!r->have_header) {
		if (import_header_map(r->k, rec->value, rec->len, rec->n, r->o->partner != 0, &r->h, &e)) {
			bad_row(r, rec->line, e.msg);
			return 1;
		}
		r->have_header = 1;
		return 0;
	}
	if (r->o->progress)
		r->o->progress(r->o->ctx, rec->offset, r->res->rows + r->res->bad, 0);
	if (rec->blank)
		return 0; /* a spreadsheet's empty row: ",,,," */
	if (append_row(r, rec, &e) == 0)
		return 0;
	if (e.code != ERR_INPUT) {
		*r->e = e;
		r->fatal = 1;
		return 1;
	}
	return bad_row(r, rec->line, e.msg);
}

int importer_run(struct ledger *l, FILE *in, const struct importer_opts *o, struct importer_result *res,
                 struct err *e)
{
	struct run r = {.l = l, .o = o, .res = res, .e = e};
	*res = (struct importer_result){0};
	if (!(r.k = import_kind_find(o->kind)))
		return err_set(e, ERR_INPUT, "--kind: %s: \"%s\"", import_kind_list(), o->kind);
	if (store_last_event_id(l->db, &r.before, e))
		return -1;
	struct csvfile_where where;
	struct err pe = {0};
	int rc = csvfile_read(in, on_record, &r, &where, &pe);
	if (o->progress)
		o->progress(o->ctx, 0, res->rows + res->bad, 1);
	if (rc < 0 && pe.code == ERR_INPUT) {
		/* a malformed file: what was read up to there is still reported */
		char name[80], msg[sizeof pe.msg + 96];
		value_name(&r, where.value, name, sizeof name);
		snprintf(msg, sizeof msg, "%s: %s", name, pe.msg);
		bad_row(&r, where.line, where.file ? pe.msg : msg);
	} else if (rc < 0) {
		rc = err_set(e, pe.code, "%s: %s", o->name, pe.msg);
		goto out;
	}
	if (r.fatal) {
		rc = -1;
		goto out;
	}
	if (!r.have_header && !res->bad) {
		rc = err_set(e, ERR_INPUT, "%s: no header row (the file is empty)", o->name);
		goto out;
	}
	if (res->bad && !r.have_header) {
		rc = err_set(e, ERR_INPUT, "%s: nothing was imported", o->name);
		goto out;
	}
	if (res->bad) {
		/* every row refused for a record made before: with nothing new
		 * (outcomes and new dates of records made before aside), a file imported twice;
		 * with new rows, a file sent again with more */
		char hint[160] = "";
		/* leaving them out helps when each is the same as its record */
		const char *skip = o->skip_said && res->matched == res->bad && !o->skip_recorded ? o->skip_said : NULL;
		const char *what = strcmp(r.k->event, "order.add") ? "recorded already" : "an order already recorded";
		if (importer_imported_again(res))
			snprintf(hint, sizeof hint, " (%s%s: was this file imported before?%s%s)", res->bad == 1 ? "" : "each ",
			         what, skip ? " " : "", skip ? skip : "");
		else if (res->known == res->bad && skip)
			snprintf(hint, sizeof hint, " (%s%s: %s)", res->bad == 1 ? "" : "each ", what, skip);
		rc = err_set(e, ERR_INPUT, "%s: %zu bad row%s%s%s; nothing was imported", o->name, res->bad,
		             res->bad == 1 ? "" : "s", res->bad >= IMPORTER_MAX_ERRORS ? " (reading stopped there)" : "",
		             hint);
		goto out;
	}
	rc = 0;
out:
	buf_release(&r.row_warnings);
	free(r.order_id);
	free(r.order_row);
	return rc;
}
