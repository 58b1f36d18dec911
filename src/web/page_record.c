/* page_record.c - the forms that record an event with a relationship, one
 * per kind that has one (web/forms.h): GET and POST
 * /partners/{id}/record/{kind}, the contact's also at
 * /partners/{id}/contact; and GET /partners/{id}/record, the list of the
 * forms the user's side may use.
 *
 * A form is event.c's field table of its kind, each field drawn by its
 * type: text, a textarea for notes, a select for an enumeration (labels
 * from forms.c) or for an entity of the relationship (read from the
 * store), a checkbox, ticks for a list of people, number and date inputs;
 * and "when it happened", read in the zone of the user's own side. A POST
 * builds the body exactly as the command line does (record.c's
 * record_body; an order with its milestones and payments through
 * order.c) and appends it on the writer, where event.c and ledger.c check
 * it as they check everything. A refusal shows the form again with status
 * 400, the message beside its field and what was typed kept, and nothing
 * is written; a field left empty is told before anything is built. An id
 * of an entity that is not this relationship's, in the query or the form,
 * answers 404 as an unknown relationship does. Success goes back to the
 * relationship's page (303), which shows any warning once (flash.h).
 *
 * The author is the user's e-mail address, the side the user's
 * organisation's. Runs on a server thread: zones through fmt_zone
 * (calendar/zone.c), never util/time.c's. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"
#include "calendar/zone.h"
#include "order.h"
#include "record.h"
#include "store/choices.h"
#include "store/domain.h"
#include "store/parties.h"
#include "util/time.h"
#include "util/utf8.h"
#include "web/flash.h"
#include "web/fmt.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/route.h"
#include "web/session.h"
#include "web/web.h"

#define MAX_ERRORS 24   /* more fields than any kind has, and "at" */
#define LABEL_TEXT 60   /* bytes of an entity's text in a select's label */

struct ctx {
	struct req *r;
	int64_t rel;
	struct party partner, buyer;
	const char *side;              /* the user's side: "buyer" or "partner" */
	const struct forms_kind *fk;   /* the form, once load() was given a kind */
	const struct event_kind *k;
	/* what the form shows: a new form's values come from the query string
	 * and the defaults, a refused one's from the POST */
	const struct form *in;
	int fresh;
	const char *at;
	const char *err_field[MAX_ERRORS], *err_msg[MAX_ERRORS];
	int nerr;
	const char *notice;
};

/* 1 with c filled when the partner exists, the user may see it and (with
 * a kind) the kind has a form the user's side may use; 0 when the page
 * answered (404, 403); -1 on a database error. */
static int load(struct req *r, struct ctx *c, const char *kind, struct err *e)
{
	memset(c, 0, sizeof *c);
	c->r = r;
	if (!web_param_id(r, 0, &c->rel) || !web_partner_visible(r, c->rel))
		return web_not_found(r);
	int found = store_partner_get(r->db, c->rel, &c->partner, e);
	if (found <= 0)
		return found < 0 ? -1 : web_not_found(r);
	if (store_buyer_get(r->db, &c->buyer, e) < 0)
		return -1;
	c->side = r->session->partner ? "partner" : "buyer";
	if (!kind)
		return 1;
	c->fk = forms_kind(kind);
	c->k = c->fk ? event_kind_find(kind) : NULL;
	if (!c->k)
		return web_not_found(r);
	if (!forms_side_may(c->fk, c->side)) {
		req_send_error(r, 403, _("Your side does not record this kind of event: the other side does."));
		return 0;
	}
	return 1;
}

static const char *tz_of(const struct ctx *c)
{
	return strcmp(c->side, "buyer") ? c->partner.tz : c->buyer.tz;
}

/* A side as the pages name it: by its party's name. */
static const char *side_name(const struct ctx *c, const char *side)
{
	if (!strcmp(side, "partner"))
		return c->partner.name;
	if (!strcmp(side, "buyer"))
		return c->buyer.name[0] ? c->buyer.name : _("The buyer");
	return side;
}

static const char *pool_str(struct ctx *c, const char *s)
{
	return h2o_strdup(c->r->pool, s, SIZE_MAX).base;
}

/* The first line of s, at most LABEL_TEXT bytes, "..." when cut. */
static const char *short_text(struct ctx *c, const char *s)
{
	int cut;
	size_t n = utf8_line(s, LABEL_TEXT, &cut);
	char *out = h2o_mem_alloc_pool(c->r->pool, n + 4);
	memcpy(out, s, n);
	strcpy(out + n, cut ? "..." : "");
	return out;
}

static void add_error(struct ctx *c, const char *field, const char *msg)
{
	if (c->nerr < MAX_ERRORS) {
		c->err_field[c->nerr] = pool_str(c, field);
		c->err_msg[c->nerr++] = pool_str(c, msg);
	}
}

static const char *error_for(const struct ctx *c, const char *field)
{
	for (int i = 0; i < c->nerr; i++)
		if (!strcmp(c->err_field[i], field))
			return c->err_msg[i];
	return NULL;
}

/* --- drawing a form ------------------------------------------------------------ */

/* A growing list of select options (value, label pairs) in the pool. */
struct options {
	struct ctx *c;
	const char **v;
	size_t n, cap;
};

static void option(struct options *o, const char *value, const char *label)
{
	if (o->n + 3 > o->cap) {
		size_t cap = o->cap ? 2 * o->cap : 16;
		const char **v = h2o_mem_alloc_pool(o->c->r->pool, cap * sizeof *v);
		if (o->n)
			memcpy(v, o->v, o->n * sizeof *v);
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n++] = pool_str(o->c, value);
	o->v[o->n++] = pool_str(o->c, label);
	o->v[o->n] = NULL;
}

static int has_option(const struct options *o, const char *value)
{
	for (size_t i = 0; i < o->n; i += 2)
		if (!strcmp(o->v[i], value))
			return 1;
	return 0;
}

/* One entity of a choice list, named by its columns (choices.h). */
struct choosing {
	struct options *o;
	const char *entity;
};

static int choice_row(void *arg, const struct store_row *row)
{
	struct choosing *ch = arg;
	struct ctx *c = ch->o->c;
	const char *ent = ch->entity, *id = row->t[0];
	const char *a = short_text(c, row->t[1]), *b = row->t[2], *d = row->t[3];
	char label[512];
	if (!strcmp(ent, "person")) {
		const char *role = forms_value_label(event_roles, b);
		i18n_snprintf(label, sizeof label, _("%s (%s, %s)"), a, role ? _(role) : b, side_name(c, d));
	} else if (!strcmp(ent, "commitment") || !strcmp(ent, "action")) {
		i18n_snprintf(label, sizeof label, _("#%s %s (due %s, %s)"), id, a, b, side_name(c, d));
	} else if (!strcmp(ent, "order")) {
		i18n_snprintf(label, sizeof label, _("%s: %s, ex-factory %s"), a, short_text(c, b), d);
	} else if (!strcmp(ent, "issue")) {
		const char *sev = forms_value_label(event_severities, b);
		i18n_snprintf(label, sizeof label, _("#%s %s (%s)"), id, a, sev ? _(sev) : b);
	} else if (!strcmp(ent, "visit")) {
		i18n_snprintf(label, sizeof label, _("%s, visit by %s"), a, side_name(c, b));
	} else if (!strcmp(ent, "suggestion")) {
		i18n_snprintf(label, sizeof label, _("#%s %s (from %s)"), id, a, row->null[2] ? "?" : short_text(c, b));
	} else if (!strcmp(ent, "payment")) {
		if (row->null[4] || !row->t[4][0])
			i18n_snprintf(label, sizeof label, _("#%s %s %s due %s"), id, a, b, d);
		else
			i18n_snprintf(label, sizeof label, _("#%s %s %s due %s (%s)"), id, a, b, d, short_text(c, row->t[4]));
	} else {
		snprintf(label, sizeof label, "#%s", id);
	}
	option(ch->o, id, label);
	return 0;
}

/* The relationship's entities the field f offers, as options. */
static int choices(struct ctx *c, const struct field *f, const struct forms_field *ff, struct options *o,
                   struct err *e)
{
	struct choosing ch = {o, f->entity};
	return store_choices(c->r->db, f->entity, ff->which, c->rel, choice_row, &ch, e);
}

/* The value a field shows: what came in, else on a new form its default. */
static const char *value_of(const struct ctx *c, const char *name, const struct forms_field *ff)
{
	const char *v = form_get(c->in, name);
	if (v || !c->fresh || !ff || !ff->dflt)
		return v;
	return strcmp(ff->dflt, FORMS_OWN_SIDE) ? ff->dflt : c->side;
}

static int field_html(struct html *h, struct ctx *c, const struct field *f, struct err *e)
{
	const struct forms_field *ff = forms_field(c->fk->kind, f->name);
	struct layout_field lf = {
		.name = f->name,
		.label = ff ? _(ff->label) : f->name,
		.hint = ff && ff->hint ? _(ff->hint) : NULL,
		.error = error_for(c, f->name),
		.required = f->required,
		.value = value_of(c, f->name, ff),
		.type = "text",
	};
	struct options o = {.c = c};
	char lo[24], hi[24];
	switch (f->type) {
	case F_NOTE:
		lf.type = "textarea";
		break;
	case F_INT:
		lf.type = "number";
		snprintf(lo, sizeof lo, "%lld", f->min);
		snprintf(hi, sizeof hi, "%lld", f->max);
		lf.min = lo;
		lf.max = hi;
		break;
	case F_DATE:
		lf.type = "date";
		break;
	case F_DECIMAL:
		lf.inputmode = "decimal";
		break;
	case F_BOOL:
		layout_checkbox(h, &lf, lf.value && *lf.value);
		return 0;
	case F_ENUM:
		/* a choice to make: no value is taken for granted unless the
		 * form has a default; an optional one may stay unmade */
		if (!ff || !ff->dflt || !f->required)
			option(&o, "", f->required ? _("Choose...") : _("None"));
		for (const char *const *v = f->values; *v; v++) {
			const char *l = f->values == event_sides ? side_name(c, *v) : forms_value_label(f->values, *v);
			option(&o, *v, f->values == event_sides ? l : l ? _(l) : *v);
		}
		if (lf.value && *lf.value && !has_option(&o, lf.value))
			option(&o, lf.value, lf.value); /* kept as typed: its error says why */
		lf.type = "select";
		lf.options = o.v;
		break;
	case F_REF:
		option(&o, "", f->required ? _("Choose...") : _("None"));
		if (choices(c, f, ff, &o, e))
			return -1;
		if (lf.value && *lf.value && !has_option(&o, lf.value))
			option(&o, lf.value, pool_str(c, lf.value));
		lf.type = "select";
		lf.options = o.v;
		break;
	case F_REFS: {
		if (choices(c, f, ff, &o, e))
			return -1;
		size_t n = form_count(c->in, f->name);
		const char **ticked = h2o_mem_alloc_pool(c->r->pool, (n + 1) * sizeof *ticked);
		for (size_t i = 0; i < n; i++) {
			ticked[i] = form_get_nth(c->in, f->name, i);
			if (*ticked[i] && !has_option(&o, ticked[i]))
				option(&o, ticked[i], ticked[i]);
		}
		ticked[n] = NULL;
		lf.options = o.v;
		layout_checkboxes(h, &lf, ticked, _("None recorded yet."));
		return 0;
	}
	default: /* F_TEXT, F_CURRENCY, F_LANG: one line, checked by event.c */
		break;
	}
	layout_field(h, &lf);
	return 0;
}

static int form_page(struct ctx *c, int status, struct err *e)
{
	struct req *r = c->r;
	struct html h;
	char title[PARTY_NAME_MAX + 160];
	html_init(&h, r->pool);
	i18n_snprintf(title, sizeof title, _(c->fk->title), c->partner.name);
	layout_begin(&h, r, title);
	html_printf(&h,
	            "<p class=\"crumbs\"><a href=\"/partners/%lld\">%h</a> &middot; "
	            "<a href=\"/partners/%lld/record\">%h</a></p>\n",
	            (long long)c->rel, c->partner.name, (long long)c->rel, _("Record an event"));
	html_printf(&h, "<h1>%h</h1>\n", title);
	if (c->notice)
		layout_notice(&h, c->notice);
	html_printf(&h, "<form method=\"post\" action=\"%h\" class=\"record\" data-kind=\"%h\">\n", r->path, c->fk->kind);
	layout_csrf(&h, r);
	html_lit(&h, "\n");
	for (const struct field *f = c->k->fields; f->name; f++)
		if (field_html(&h, c, f, e))
			return -1;
	char hint[160];
	i18n_snprintf(hint, sizeof hint, _(forms_at_hint), tz_of(c));
	layout_field(&h, &(struct layout_field){.name = FORMS_AT, .label = _(forms_at_label), .type = "datetime-local",
	                                        .value = c->at, .error = error_for(c, FORMS_AT), .hint = hint,
	                                        .required = 1});
	html_printf(&h, "<button type=\"submit\">%h</button>\n", _(c->fk->submit));
	layout_form_end(&h);
	layout_end(&h, r);
	req_send_html(r, status, &h);
	return 0;
}

/* --- reading a form -------------------------------------------------------------- */

/* The ids an F_REF or F_REFS field holds in body. */
static size_t ids_of(const struct field *f, const json_t *body, size_t i, int64_t *id)
{
	const json_t *v = json_object_get(body, f->name);
	if (!v)
		return 0;
	if (f->type == F_REFS) {
		if (i >= json_array_size(v))
			return 0;
		v = json_array_get(v, i);
	} else if (i > 0) {
		return 0;
	}
	*id = (int64_t)json_integer_value(v);
	return 1;
}

/* 1 when every entity body names is this relationship's; 0 when one is
 * not (missing or another's: the page answers 404 alike); -1 on error. */
static int refs_ours(struct ctx *c, const json_t *body, struct err *e)
{
	for (const struct field *f = c->k->fields; f->name; f++) {
		if (f->type != F_REF && f->type != F_REFS)
			continue;
		int64_t id, rel;
		for (size_t i = 0; ids_of(f, body, i, &id); i++) {
			int r = store_entity_rel(c->r->db, f->entity, id, &rel, e);
			if (r < 0)
				return -1;
			if (r == 0 || rel != c->rel)
				return 0;
		}
	}
	return 1;
}

/* A field of the form, as record_body asks: NULL when left empty (or
 * unticked); a list of ticks joined by commas. */
static const char *form_text(void *arg, const struct field *f, char *label, size_t size)
{
	struct ctx *c = arg;
	const struct form *in = c->in;
	snprintf(label, size, "%s", f->name);
	if (f->type == F_REFS) {
		struct buf list = {0};
		for (size_t i = 0, n = form_count(in, f->name); i < n; i++) {
			const char *v = form_get_nth(in, f->name, i);
			if (*v)
				buf_printf(&list, "%s%s", list.len ? "," : "", v);
		}
		const char *out = list.len ? pool_str(c, list.data) : NULL;
		buf_release(&list);
		return out;
	}
	const char *v = form_get(in, f->name);
	return v && *v ? v : NULL;
}

/* Shows the form again for a refusal e: beside its field when it names
 * one of the form's, else over the form. */
static int refused(struct ctx *c, const struct err *bad, struct err *e)
{
	char field[32];
	const char *msg = layout_error_split(bad->msg, field, sizeof field);
	int ours = !strcmp(field, FORMS_AT);
	for (const struct field *f = c->k->fields; f->name && !ours; f++)
		ours = !strcmp(f->name, field);
	if (ours) {
		add_error(c, field, msg);
		c->notice = _(c->fk->refused);
	} else {
		c->notice = pool_str(c, bad->msg);
	}
	return form_page(c, 400, e);
}

struct append {
	int64_t rel;
	struct ledger_entry in;
	char deposit_due[11]; /* an order's */
};

static int do_append(struct req *r, struct web_tx *tx, void *arg, struct err *e)
{
	(void)r;
	struct append *a = arg;
	int64_t id;
	int events;
	a->in.recorded = tx->now;
	if (!strcmp(a->in.kind, "order.add"))
		return order_record(tx->ledger, a->rel, &a->in, a->deposit_due, &tx->warnings, &id, &events, NULL, e);
	return record_append(tx->ledger, a->rel, &a->in, &tx->warnings, &id, e);
}

static int form_get_page(struct req *r, const char *kind, struct err *e)
{
	struct ctx c;
	int ok = load(r, &c, kind, e);
	if (ok <= 0)
		return ok;
	c.in = &r->query;
	c.fresh = 1;
	/* an entity named in the address must be this relationship's */
	for (const struct field *f = c.k->fields; f->name; f++) {
		if (f->type != F_REF && f->type != F_REFS)
			continue;
		for (size_t i = 0, n = form_count(c.in, f->name); i < n; i++) {
			const char *v = form_get_nth(c.in, f->name, i);
			if (!*v)
				continue; /* left empty: none chosen */
			char *end;
			long long id = strtoll(v, &end, 10);
			int64_t rel;
			int found = !*end && id > 0 ? store_entity_rel(r->db, f->entity, id, &rel, e) : 0;
			if (found < 0)
				return -1;
			if (!found || rel != c.rel)
				return web_not_found(r);
		}
	}
	/* now, as the user's own clock shows it, for "when" */
	char now[20] = "";
	const char *at = form_get(c.in, FORMS_AT);
	if (!at) {
		const struct zone *z = fmt_zone(r->fmt, tz_of(&c), e);
		if (z) {
			char full[40];
			zone_format(z, web_now(r), full);
			snprintf(now, sizeof now, "%.16s", full); /* YYYY-MM-DDTHH:MM */
		}
		at = now;
	}
	c.at = at;
	return form_page(&c, 200, e);
}

static int form_post(struct req *r, const char *kind, struct err *e)
{
	struct ctx c;
	int ok = load(r, &c, kind, e);
	if (ok <= 0)
		return ok;
	c.in = &r->form;
	c.at = form_get(c.in, FORMS_AT);

	struct append a = {.rel = c.rel};
	a.in.kind = c.fk->kind;
	a.in.side = c.side;
	a.in.author = r->session->email;
	struct err bad = {0};
	const struct zone *z = fmt_zone(r->fmt, tz_of(&c), e);
	if (!z)
		return -1;
	/* what was left empty, every field at once; then when */
	for (const struct field *f = c.k->fields; f->name; f++)
		if (f->required && !form_text(&c, f, (char[72]){0}, 72))
			add_error(&c, f->name,
			          f->type == F_ENUM || f->type == F_REF ? _("Choose one.") : _("Fill in this field."));
	if (!c.at || !*c.at)
		add_error(&c, FORMS_AT, _(c.fk->at_missing));
	else if (time_parse_with(c.at, zone_local_time, (void *)z, FORMS_AT, &a.in.at, &bad)) {
		char field[32];
		add_error(&c, FORMS_AT, layout_error_split(bad.msg, field, sizeof field));
	}
	if (c.nerr) {
		c.notice = _(c.fk->refused);
		return form_page(&c, 400, e);
	}
	json_t *body;
	if (record_body(c.k, form_text, &c, &body, &bad))
		return refused(&c, &bad, e);
	int ours = refs_ours(&c, body, e);
	if (ours <= 0) {
		json_decref(body);
		return ours < 0 ? -1 : web_not_found(r);
	}
	a.in.body = body;
	if (!strcmp(a.in.kind, "order.add")) {
		/* the deposit: a week after the order, on the buyer's calendar */
		const struct zone *bz = fmt_zone(r->fmt, c.buyer.tz, e);
		if (!bz) {
			json_decref(body);
			return -1;
		}
		day_format(zone_day(bz, a.in.at + (int64_t)ORDER_DEPOSIT_DAYS * 86400), a.deposit_due);
	}
	struct buf warnings = {0};
	int rc = web_write(r, do_append, &a, &warnings, &bad);
	json_decref(body);
	if (rc) {
		buf_release(&warnings);
		if (bad.code != ERR_INPUT) {
			*e = bad;
			return -1;
		}
		return refused(&c, &bad, e);
	}
	char to[64];
	snprintf(to, sizeof to, "/partners/%lld", (long long)c.rel);
	if (warnings.len) {
		struct buf msg = {0};
		buf_printf(&msg, "%s\n%s", _("Recorded, with a warning:"), warnings.data);
		flash_set(r, to, msg.data);
		buf_release(&msg);
	}
	buf_release(&warnings);
	web_redirect(r, route_lookup("GET", to) ? to : "/");
	return 0;
}

/* --- the handlers ------------------------------------------------------------------ */

int page_record(struct req *r, struct err *e)
{
	return form_get_page(r, r->nparam > 1 ? r->param[1] : "", e);
}

int page_record_post(struct req *r, struct err *e)
{
	return form_post(r, r->nparam > 1 ? r->param[1] : "", e);
}

int page_contact(struct req *r, struct err *e)
{
	return form_get_page(r, "contact", e);
}

int page_contact_post(struct req *r, struct err *e)
{
	return form_post(r, "contact", e);
}

int page_record_list(struct req *r, struct err *e)
{
	struct ctx c;
	int ok = load(r, &c, NULL, e);
	if (ok <= 0)
		return ok;
	struct html h;
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Record an event"));
	html_printf(&h, "<p class=\"crumbs\"><a href=\"/partners/%lld\">%h</a></p>\n<h1>%h</h1>\n<div class=\"forms\">\n",
	            (long long)c.rel, c.partner.name, _("Record an event"));
	for (int g = 0; g < FORMS_NGROUPS; g++) {
		int n = 0;
		for (size_t i = 0; i < forms_nkinds; i++) {
			const struct forms_kind *k = &forms_kinds[i];
			if (k->group != (enum forms_group)g || !forms_side_may(k, c.side))
				continue;
			if (n++ == 0)
				html_printf(&h, "<section id=\"%h\">\n<h2>%h</h2>\n<ul>\n", forms_group_ids[g],
				            _(forms_group_titles[g]));
			char title[PARTY_NAME_MAX + 160];
			i18n_snprintf(title, sizeof title, _(k->title), c.partner.name);
			if (!strcmp(k->kind, "contact"))
				html_printf(&h, "<li data-kind=\"%h\"><a href=\"/partners/%lld/contact\">%h</a><br>", k->kind,
				            (long long)c.rel, title);
			else
				html_printf(&h, "<li data-kind=\"%h\"><a href=\"/partners/%lld/record/%h\">%h</a><br>", k->kind,
				            (long long)c.rel, k->kind, title);
			html_printf(&h, "<span class=\"hint\">%h</span></li>\n", _(k->what));
		}
		if (n)
			html_lit(&h, "</ul>\n</section>\n");
	}
	html_lit(&h, "</div>\n");
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}
