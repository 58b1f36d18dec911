/* page_contact.c - GET and POST /partners/{id}/contact: log a contact (a
 * call, a video call, a message, ...) with a relationship. The body is
 * built and checked exactly as `rapport contact` builds and checks it
 * (record.c, event.c, ledger.c) and appended on the writer; a refusal
 * shows the form again with the message beside its field and what was
 * typed kept. Times are read in the zone of the user's own side. */
#include <stdio.h>
#include <string.h>

#include "calendar/zone.h"
#include "record.h"
#include "store/parties.h"
#include "util/time.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/route.h"
#include "web/session.h"
#include "web/web.h"

/* How each kind of contact reads in a page; a kind missing here shows its
 * name as stored. */
static const struct {
	const char *kind, *label;
} kind_labels[] = {
	{"call", N_("Call")},       {"video", N_("Video call")}, {"message", N_("Message")},
	{"email", N_("Email")},     {"meeting", N_("Meeting")},  {"visit", N_("Visit")},
};

static const char *kind_label(const char *kind)
{
	for (size_t i = 0; i < sizeof kind_labels / sizeof kind_labels[0]; i++)
		if (!strcmp(kind_labels[i].kind, kind))
			return _(kind_labels[i].label);
	return kind;
}

/* The relationship the path names, if the user may see it. */
struct ctx {
	int64_t rel;
	struct party partner, buyer;
	const char *side; /* the user's side */
	/* what the form shows: the values typed and the error per field */
	const char *by, *kind, *at, *note;
	char err_field[32];
	const char *err_msg;
	const char *notice;
};

/* 1 with c filled when the partner exists and the user may see it; 0 when
 * the page answered 404; -1 on a database error. */
static int load(struct req *r, struct ctx *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (!web_param_id(r, 0, &c->rel) || !web_partner_visible(r, c->rel))
		return web_not_found(r);
	int found = store_partner_get(r->db, c->rel, &c->partner, e);
	if (found <= 0)
		return found < 0 ? -1 : web_not_found(r);
	if (store_buyer_get(r->db, &c->buyer, e) < 0)
		return -1;
	c->side = r->session->partner ? "partner" : "buyer";
	return 1;
}

static const char *tz_of(const struct ctx *c)
{
	return strcmp(c->side, "buyer") ? c->partner.tz : c->buyer.tz;
}

static int64_t zone_local(void *z, int y, int m, int d, int seconds)
{
	return zone_from_local(z, y, m, d, seconds);
}

/* The error for field, when the refusal named it. */
static const char *error_for(const struct ctx *c, const char *field)
{
	return c->err_msg && !strcmp(c->err_field, field) ? c->err_msg : NULL;
}

static void form_page(struct req *r, struct ctx *c, int status)
{
	struct html h;
	char title[PARTY_NAME_MAX + 64], action[64];
	html_init(&h, r->pool);
	i18n_snprintf(title, sizeof title, _("Log a contact with %s"), c->partner.name);
	layout_begin(&h, r, title);
	html_printf(&h, "<h1>%h</h1>\n", title);
	if (c->notice)
		layout_notice(&h, c->notice);
	snprintf(action, sizeof action, "/partners/%lld/contact", (long long)c->rel);
	layout_form_begin(&h, r, action);

	const char *by[] = {"buyer", c->buyer.name, "partner", c->partner.name, NULL};
	layout_field(&h, &(struct layout_field){.name = "by", .label = _("Who made contact"), .type = "select",
	                                        .value = c->by ? c->by : c->side, .options = by,
	                                        .error = error_for(c, "by"), .required = 1});
	const char *kinds[2 * 16 + 1];
	size_t k = 0;
	for (int i = 0; event_contact_kinds[i] && k + 2 < sizeof kinds / sizeof kinds[0]; i++) {
		kinds[k++] = event_contact_kinds[i];
		kinds[k++] = kind_label(event_contact_kinds[i]);
	}
	kinds[k] = NULL;
	layout_field(&h, &(struct layout_field){.name = "kind", .label = _("How"), .type = "select", .value = c->kind,
	                                        .options = kinds, .error = error_for(c, "kind"), .required = 1});
	char hint[160];
	i18n_snprintf(hint, sizeof hint, _("Local time in %s."), tz_of(c));
	layout_field(&h, &(struct layout_field){.name = "at", .label = _("When"), .type = "datetime-local", .value = c->at,
	                                        .error = error_for(c, "at"), .hint = hint, .required = 1});
	layout_field(&h, &(struct layout_field){.name = "note", .label = _("Note"), .type = "textarea", .value = c->note,
	                                        .error = error_for(c, "note"),
	                                        .hint = _("What was discussed or agreed (optional).")});
	html_printf(&h, "<button type=\"submit\">%h</button>\n", _("Log the contact"));
	layout_form_end(&h);
	layout_end(&h, r);
	req_send_html(r, status, &h);
}

int page_contact(struct req *r, struct err *e)
{
	struct ctx c;
	int ok = load(r, &c, e);
	if (ok <= 0)
		return ok;
	/* now, as the user's own clock shows it, for the "when" field */
	const struct zone *z = fmt_zone(r->fmt, tz_of(&c), e);
	char now[20] = "";
	if (z) {
		char full[40];
		zone_format(z, web_now(r), full);
		snprintf(now, sizeof now, "%.16s", full); /* YYYY-MM-DDTHH:MM */
	}
	c.at = now;
	c.kind = "call";
	form_page(r, &c, 200);
	return 0;
}

/* A field of the contact kind from the form; left empty, it was left out. */
static const char *form_text(void *ctx, const struct field *f, char *label, size_t size)
{
	struct req *r = ctx;
	snprintf(label, size, "%s", f->name);
	const char *v = form_get(&r->form, f->name);
	return v && *v ? v : NULL;
}

struct append {
	int64_t rel;
	struct ledger_entry in;
};

static int do_append(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	(void)r;
	struct append *a = ctx;
	int64_t id;
	a->in.recorded = tx->now;
	return record_append(tx->ledger, a->rel, &a->in, &tx->warnings, &id, e);
}

/* Shows the form again for a refusal e, beside its field when it names one
 * of the form's. */
static int refused(struct req *r, struct ctx *c, const struct err *e)
{
	static const char *const fields[] = {"by", "kind", "at", "note", NULL};
	char field[32];
	const char *msg = layout_error_split(e->msg, field, sizeof field);
	if (event_in(field, fields)) {
		snprintf(c->err_field, sizeof c->err_field, "%s", field);
		c->err_msg = msg;
		c->notice = _("The contact was not logged: see the message below.");
	} else {
		c->notice = e->msg;
	}
	form_page(r, c, 400);
	return 0;
}

int page_contact_post(struct req *r, struct err *e)
{
	struct ctx c;
	int ok = load(r, &c, e);
	if (ok <= 0)
		return ok;
	c.by = form_get(&r->form, "by");
	c.kind = form_get(&r->form, "kind");
	c.at = form_get(&r->form, "at");
	c.note = form_get(&r->form, "note");

	struct append a = {.rel = c.rel};
	a.in.kind = "contact";
	a.in.side = c.side;
	a.in.author = r->session->email;
	struct err bad = {0};
	const struct zone *z = fmt_zone(r->fmt, tz_of(&c), e);
	if (!z)
		return -1;
	int r1 = c.at && *c.at ? time_parse_with(c.at, zone_local, (void *)z, "at", &a.in.at, &bad)
	                       : err_set(&bad, ERR_INPUT, "at: %s", _("Say when the contact took place."));
	if (r1)
		return refused(r, &c, &bad);
	json_t *body;
	if (record_body(event_kind_find("contact"), form_text, r, &body, &bad))
		return refused(r, &c, &bad);
	a.in.body = body;
	int rc = web_write(r, do_append, &a, NULL, &bad);
	json_decref(body);
	if (rc) {
		if (bad.code != ERR_INPUT) {
			*e = bad;
			return -1;
		}
		return refused(r, &c, &bad);
	}
	/* to the relationship's page once it exists, else the dashboard */
	char to[64];
	snprintf(to, sizeof to, "/partners/%lld", (long long)c.rel);
	web_redirect(r, route_lookup("GET", to) ? to : "/");
	return 0;
}
