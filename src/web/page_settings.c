/* page_settings.c - GET /settings: for every relationship the user may see,
 * the rules both sides agreed (update cadence, contact gaps, the time to
 * acknowledge a problem, the spec freeze, payment terms, each side's
 * working week and hours), as `rapport settings` shows them, and the trust
 * model's weights, as `rapport weights` does. And GET and POST
 * /partners/{id}/settings: the buyer's admins and members change them, the
 * settings event built and checked exactly as `rapport settings` records
 * it (record.c, event.c, project.c); a refusal shows the form again with
 * the message beside its field and what was typed kept. */
#include <stdint.h>
#include <string.h>

#include "project.h"
#include "record.h"
#include "store/parties.h"
#include "trust.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/route.h"
#include "web/session.h"
#include "web/web.h"
#include "workcal.h"

/* By day_weekday: 0 = Sunday. */
static const char *const weekday_names[7] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"),
                                             N_("Thu"), N_("Fri"), N_("Sat")};

static const char *const dim_titles[TRUST_NDIM] = {N_("Reliability"), N_("Communication"), N_("Transparency"),
                                                   N_("Fairness"), N_("Respect")};

/* What each rule of trust.c's table counts, in words; a rule missing here
 * shows its key. */
static const struct {
	const char *key, *words;
} rule_words[] = {
	{"commitment.kept", N_("a promise kept on time")},
	{"commitment.late", N_("a promise kept late (more for each week late)")},
	{"commitment.broken", N_("a promise broken")},
	{"commitment.renegotiated_early", N_("a new date agreed before the old one passed")},
	{"update.on_time", N_("an update in its slot")},
	{"update.missed", N_("an update slot missed")},
	{"contact.gap", N_("each 30 days of silence past the agreed gap")},
	{"issue.self_disclosed", N_("a problem disclosed by the side responsible")},
	{"issue.discovered", N_("a problem hidden, then discovered by the other side")},
	{"issue.acked_in_sla", N_("a problem acknowledged in time")},
	{"issue.ack_overdue", N_("a problem left unacknowledged past the agreed time")},
	{"issue.resolved", N_("a problem resolved")},
	{"payment.on_time", N_("a payment on time")},
	{"payment.late", N_("a payment late (more for each fortnight late)")},
	{"spec.change_with_notice", N_("a spec change with notice")},
	{"spec.change_in_freeze", N_("a spec change inside the freeze window without agreement")},
	{"spec.change_last_week", N_("a spec change in the last week before production")},
	{"visit", N_("a visit to the factory")},
	{"person.met", N_("a person met")},
	{"suggestion.answered", N_("a suggestion answered")},
	{"suggestion.ignored", N_("a suggestion left unanswered past 30 days")},
	{"observance.acknowledged", N_("a holiday or event of the other side acknowledged")},
};

static const char *words_of(const char *key)
{
	for (size_t i = 0; i < sizeof rule_words / sizeof rule_words[0]; i++)
		if (!strcmp(rule_words[i].key, key))
			return _(rule_words[i].words);
	return key;
}

static const char *const class_keys[TRUST_NCLASS] = {"half_life.positive", "half_life.negative", "half_life.hidden"};
static const char *const class_titles[TRUST_NCLASS] = {
	N_("Good evidence is half forgotten after"),
	N_("Bad evidence is half forgotten after"),
	N_("A problem hidden and then discovered is half forgotten after"),
};

/* A side's working days in the page's language: "Mon-Sat". */
static void days_text(unsigned weekend, char *out, size_t size)
{
	const char *names[7];
	for (int i = 0; i < 7; i++)
		names[i] = _(weekday_names[i]);
	workcal_days_text_with(weekend, names, _("no day"), out, size);
}

/* "weekly:MON,THU@09:00" in words: "Mon, Thu at 09:00 (Asia/Shanghai
 * time)"; as it is recorded when it does not parse. */
static void cadence_text(const char *cadence, const char *tz, char *out, size_t size)
{
	unsigned days;
	int minutes;
	if (event_cadence_parse(cadence, &days, &minutes)) {
		snprintf(out, size, "%s", cadence);
		return;
	}
	char list[96] = "";
	size_t n = 0;
	for (int d = 0; d < 7 && n < sizeof list; d++) /* bit 0 is Monday */
		if (days & (1u << d))
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "", _(weekday_names[(d + 1) % 7]));
	i18n_snprintf(out, size, _("every week on %s at %02d:%02d (%s time)"), list, minutes / 60, minutes % 60, tz);
}

/* One row of the rules: its name, what it says, and the value as
 * recorded (a data attribute, for machines). */
static void rule_row(struct html *h, const char *rule, const char *title, const char *text, const char *value)
{
	html_printf(h, "<tr data-rule=\"%h\" data-value=\"%h\"><th scope=\"row\">%h</th><td>%h</td></tr>\n", rule, value,
	            title, text);
}

static void week_row(struct html *h, const char *rule, const char *title, const struct workcal *w)
{
	char days[96], hours[32], text[256], value[160];
	days_text(w->week.weekend, days, sizeof days);
	workcal_hours_text(w, hours);
	i18n_snprintf(text, sizeof text, _("%s, %s, %s time (%s)"), days, hours, w->party.tz,
	              w->week_agreed     ? _("as agreed")
	              : w->holidays_known ? _("its country's week")
	                                  : _("the usual week: no tables for its country"));
	char raw[40];
	workcal_days_text(w->week.weekend, raw);
	snprintf(value, sizeof value, "%s %s%s", raw, hours, w->week_agreed ? " agreed" : "");
	rule_row(h, rule, title, text, value);
}

struct list {
	struct req *r;
	struct html *h;
	int n;
	struct err *e;
};

static int relationship(void *ctx, const struct party *p)
{
	struct list *c = ctx;
	struct req *r = c->r;
	struct html *h = c->h;
	if (!web_partner_visible(r, p->id))
		return 0;
	struct workcal wb, wp;
	if (workcal_load(r->db, p->id, WORKCAL_BUYER, &wb, c->e))
		return -1;
	if (workcal_load(r->db, p->id, WORKCAL_PARTNER, &wp, c->e)) {
		workcal_release(&wb);
		return -1;
	}
	const struct project_settings *s = &wp.settings;
	char text[512], value[64];
	html_printf(h, "<section class=\"rel\" id=\"partner-%lld\" data-partner=\"%lld\">\n<h2>%h</h2>\n",
	            (long long)p->id, (long long)p->id, p->name);
	char path[64];
	snprintf(path, sizeof path, "/partners/%lld/settings", (long long)p->id);
	if (!r->session->partner && session_can_write(r->session) && route_lookup("GET", path))
		html_printf(h, "<p><a href=\"%h\">%h</a></p>\n", path, _("Change these settings"));
	html_lit(h, "<div class=\"scroll\"><table class=\"rules\">\n<tbody>\n");
	cadence_text(s->cadence, p->tz, text, sizeof text);
	rule_row(h, "cadence", _("Updates due"), text, s->cadence);
	i18n_snprintf(text, sizeof text, _("every %lld days, never more than %lld days without contact"),
	              (long long)s->gap_ideal, (long long)s->gap_max);
	snprintf(value, sizeof value, "%lld %lld", (long long)s->gap_ideal, (long long)s->gap_max);
	rule_row(h, "gap", _("Contact"), text, value);
	i18n_snprintf(text, sizeof text, _("acknowledged within %lld hours"), (long long)s->ack_sla);
	snprintf(value, sizeof value, "%lld", (long long)s->ack_sla);
	rule_row(h, "ack_sla", _("Problems"), text, value);
	i18n_snprintf(text, sizeof text, _("no change without agreement in the %lld days before production"),
	              (long long)s->freeze_days);
	snprintf(value, sizeof value, "%lld", (long long)s->freeze_days);
	rule_row(h, "freeze_days", _("Spec freeze"), text, value);
	i18n_snprintf(text, sizeof text,
	              _("deposit %lld%% a week after the order, balance %lld days after ex-factory"),
	              (long long)s->deposit_pct, (long long)s->payment_terms);
	snprintf(value, sizeof value, "%lld %lld", (long long)s->deposit_pct, (long long)s->payment_terms);
	rule_row(h, "payment", _("Payment terms"), text, value);
	char who[PARTY_NAME_MAX + 64];
	i18n_snprintf(who, sizeof who, _("%s works"), p->name);
	week_row(h, "partner_week", who, &wp);
	i18n_snprintf(who, sizeof who, _("%s works"), wb.party.name);
	week_row(h, "buyer_week", who, &wb);
	html_lit(h, "</tbody>\n</table></div>\n</section>\n");
	workcal_release(&wp);
	workcal_release(&wb);
	c->n++;
	return 0;
}

static void weights(struct req *r, struct html *h, const struct trust_model *m)
{
	struct trust_model d;
	trust_model_default(&d);
	char a[32], b[32];
	html_printf(h,
	            "<section id=\"weights\">\n<h2>%h</h2>\n<p class=\"hint\">%h</p>\n"
	            "<div class=\"scroll\"><table class=\"list weights\">\n<thead><tr><th>%h</th><th>%h</th>"
	            "<th class=\"num\">%h</th><th class=\"num\">%h</th></tr></thead>\n<tbody>\n",
	            _("How trust is weighed"),
	            _("What each piece of evidence adds to a side's score (positive) or takes from it (negative), by "
	              "default and now."),
	            _("Evidence"), _("Dimension"), _("Default"), _("Now"));
	for (size_t i = 0; i < trust_nrules; i++) {
		const struct trust_rule *t = &trust_rules[i];
		html_printf(h,
		            "<tr data-key=\"%h\" data-value=\"%.17g\"><td>%h <code>%h</code></td><td>%h</td>"
		            "<td class=\"num\">%h</td><td class=\"num\">%h</td></tr>\n",
		            t->key, m->weight[i], words_of(t->key), t->key, _(dim_titles[t->dim]),
		            fmt_decimal(r->fmt, r->lang, d.weight[i], 2, a, sizeof a),
		            fmt_decimal(r->fmt, r->lang, m->weight[i], 2, b, sizeof b));
	}
	for (int c = 0; c < TRUST_NCLASS; c++) {
		char days[64];
		i18n_snprintf(days, sizeof days, _("%s days"), fmt_decimal(r->fmt, r->lang, m->half_life_days[c], 0, a, sizeof a));
		html_printf(h,
		            "<tr data-key=\"%h\" data-value=\"%.17g\"><td>%h <code>%h</code></td><td></td>"
		            "<td class=\"num\">%h</td><td class=\"num\">%h</td></tr>\n",
		            class_keys[c], m->half_life_days[c], _(class_titles[c]), class_keys[c],
		            fmt_decimal(r->fmt, r->lang, d.half_life_days[c], 0, b, sizeof b), days);
	}
	for (int k = 0; k < TRUST_NDIM; k++) {
		char key[64], what[128];
		snprintf(key, sizeof key, "overall.%s", trust_dim_names[k]);
		i18n_snprintf(what, sizeof what, _("%s's share of the overall score"), _(dim_titles[k]));
		html_printf(h,
		            "<tr data-key=\"%h\" data-value=\"%.17g\"><td>%h <code>%h</code></td><td>%h</td>"
		            "<td class=\"num\">%h</td><td class=\"num\">%h</td></tr>\n",
		            key, m->dim_weight[k], what, key, _(dim_titles[k]),
		            fmt_decimal(r->fmt, r->lang, d.dim_weight[k], 2, a, sizeof a),
		            fmt_decimal(r->fmt, r->lang, m->dim_weight[k], 2, b, sizeof b));
	}
	html_lit(h, "</tbody>\n</table></div>\n");
	if (!r->session->partner && session_can_admin(r->session))
		html_printf(h, "<p><a href=\"/settings/weights\">%h</a></p>\n", _("Change a weight"));
	html_lit(h, "</section>\n");
}

int page_settings(struct req *r, struct err *e)
{
	struct html h;
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Settings"));
	html_printf(&h, "<h1>%h</h1>\n<p>%h</p>\n", _("Settings"),
	            _("The rules each relationship agreed. A change is recorded in the shared record, so both sides see "
	              "which rules applied when."));
	struct list c = {.r = r, .h = &h, .e = e};
	if (store_partner_each(r->db, relationship, &c, e))
		return -1;
	if (c.n == 0)
		html_printf(&h, "<p>%h</p>\n", _("No partners yet."));
	/* the weights in force: the latest change in any record for the
	 * buyer's users (as rapport weights shows them), the partner's own
	 * record for a partner's */
	struct trust_model m;
	if (project_model(r->db, r->session->partner, r->session->partner ? web_now(r) : 0, &m, e))
		return -1;
	weights(r, &h, &m);
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}

/* --- the form: GET and POST /partners/{id}/settings ------------------------------ */

/* The form's fields, named as the settings event's body (event.c), in the
 * order they are shown. */
static const struct {
	const char *name, *label, *type, *hint;
} fields[] = {
	{"cadence", N_("Updates due"), "text", N_("weekly:DAY@HH:MM in the partner's local time, e.g. weekly:MON@09:00 or weekly:MON,THU@15:30")},
	{"gap_ideal", N_("Contact at least every (days)"), "number", NULL},
	{"gap_max", N_("Never longer without contact than (days)"), "number", NULL},
	{"ack_sla", N_("Acknowledge a problem within (hours)"), "number", NULL},
	{"freeze_days", N_("Spec freeze before production (days)"), "number", NULL},
	{"payment_terms", N_("Balance due after ex-factory (days)"), "number", NULL},
	{"deposit_pct", N_("Deposit, per cent of the order (due a week after it)"), "number", NULL},
	{"workweek", N_("The partner's working days"), "text", N_("e.g. MON-SAT, SAT-THU or MON,WED-FRI; left empty, it stays as it is (its country's week until one is agreed)")},
	{"hours", N_("The partner's working hours"), "text", N_("HH:MM-HH:MM, its local time; left empty, it stays as it is (09:00-18:00 until other hours are agreed)")},
	{"buyer_workweek", N_("The buyer's working days"), "text", N_("e.g. MON-FRI; left empty, it stays as it is (its country's week until one is agreed)")},
	{"buyer_hours", N_("The buyer's working hours"), "text", N_("HH:MM-HH:MM, its local time; left empty, it stays as it is (09:00-18:00 until other hours are agreed)")},
};
#define NFIELDS (sizeof fields / sizeof fields[0])

struct form_ctx {
	int64_t rel;
	struct party partner;
	const char *now[NFIELDS];   /* the values agreed now, as the form shows them */
	const char *typed[NFIELDS]; /* what was sent; NULL on a GET */
	char err_field[32];
	const char *err_msg, *notice;
};

static int field_index(const char *name)
{
	for (size_t i = 0; i < NFIELDS; i++)
		if (!strcmp(fields[i].name, name))
			return (int)i;
	return -1;
}

/* 1 with c filled when the relationship exists and the user may change
 * its settings; 0 when the page answered (404 for one it may not see);
 * -1 with e set (403 for a partner's user: the buyer's side agrees them
 * here, as with rapport settings). */
static int form_load(struct req *r, struct form_ctx *c, struct err *e)
{
	memset(c, 0, sizeof *c);
	if (!web_param_id(r, 0, &c->rel) || !web_partner_visible(r, c->rel))
		return web_not_found(r);
	int found = store_partner_get(r->db, c->rel, &c->partner, e);
	if (found <= 0)
		return found < 0 ? -1 : web_not_found(r);
	if (r->session->partner)
		return web_fail(r, e, 403, "%s", _("The settings are changed by the buyer's admins and members."));
	struct project_settings s;
	if (project_settings_get(r->db, c->rel, &s, e))
		return -1;
	char *num[] = {NULL, NULL, NULL, NULL, NULL, NULL, NULL};
	int64_t v[] = {0, s.gap_ideal, s.gap_max, s.ack_sla, s.freeze_days, s.payment_terms, s.deposit_pct};
	for (int i = 1; i < 7; i++) {
		num[i] = h2o_mem_alloc_pool(r->pool, 24);
		snprintf(num[i], 24, "%lld", (long long)v[i]);
		c->now[i] = num[i];
	}
	const char *text[] = {s.cadence, s.workweek, s.hours, s.buyer_workweek, s.buyer_hours};
	int at[] = {0, 7, 8, 9, 10};
	for (int i = 0; i < 5; i++)
		c->now[at[i]] = h2o_strdup(r->pool, text[i], SIZE_MAX).base;
	return 1;
}

static void form_page(struct req *r, struct form_ctx *c, int status)
{
	struct html h;
	char title[PARTY_NAME_MAX + 64], action[64];
	html_init(&h, r->pool);
	i18n_snprintf(title, sizeof title, _("Settings with %s"), c->partner.name);
	layout_begin(&h, r, title);
	html_printf(&h, "<p><a href=\"/settings\">%h</a></p>\n<h1>%h</h1>\n<p>%h</p>\n", _("Settings"), title,
	            _("Change what was agreed; the values left as they are stay as they are. The change is recorded in "
	              "the shared record."));
	if (c->notice)
		layout_notice(&h, c->notice);
	snprintf(action, sizeof action, "/partners/%lld/settings", (long long)c->rel);
	layout_form_begin(&h, r, action);
	for (size_t i = 0; i < NFIELDS; i++)
		layout_field(&h, &(struct layout_field){
		                     .name = fields[i].name,
		                     .label = _(fields[i].label),
		                     .type = fields[i].type,
		                     .value = c->typed[i] ? c->typed[i] : c->now[i],
		                     .error = c->err_msg && !strcmp(c->err_field, fields[i].name) ? c->err_msg : NULL,
		                     .hint = fields[i].hint ? _(fields[i].hint) : NULL,
		                 });
	html_printf(&h, "<button type=\"submit\">%h</button>\n", _("Record the change"));
	layout_form_end(&h);
	layout_end(&h, r);
	req_send_html(r, status, &h);
}

int page_settings_form(struct req *r, struct err *e)
{
	struct form_ctx c;
	int ok = form_load(r, &c, e);
	if (ok <= 0)
		return ok;
	form_page(r, &c, 200);
	return 0;
}

/* A field's text for record_body: what was typed, when it is not empty
 * and not what is agreed already (a settings event names the rules it
 * changes, as rapport settings records only the options given). */
static const char *changed(void *ctx, const struct field *f, char *label, size_t size)
{
	const struct form_ctx *c = ctx;
	snprintf(label, size, "%s", f->name);
	int i = field_index(f->name);
	if (i < 0 || !c->typed[i] || !*c->typed[i] || !strcmp(c->typed[i], c->now[i]))
		return NULL;
	return c->typed[i];
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
	a->in.at = tx->now;
	a->in.recorded = tx->now;
	return record_append(tx->ledger, a->rel, &a->in, &tx->warnings, &id, e);
}

/* Shows the form again for the refusal e, beside its field when it names one. */
static int refused(struct req *r, struct form_ctx *c, const struct err *e)
{
	char field[32];
	const char *msg = layout_error_split(e->msg, field, sizeof field);
	if (field_index(field) >= 0) {
		snprintf(c->err_field, sizeof c->err_field, "%s", field);
		c->err_msg = msg;
		c->notice = _("The settings were not changed: see the message below.");
	} else {
		c->notice = e->msg;
	}
	form_page(r, c, 400);
	return 0;
}

int page_settings_post(struct req *r, struct err *e)
{
	struct form_ctx c;
	int ok = form_load(r, &c, e);
	if (ok <= 0)
		return ok;
	for (size_t i = 0; i < NFIELDS; i++)
		c.typed[i] = form_get(&r->form, fields[i].name);
	json_t *body;
	struct err bad = {0};
	if (record_body(event_kind_find("settings"), changed, &c, &body, &bad))
		return refused(r, &c, &bad);
	if (json_object_size(body) == 0) {
		json_decref(body);
		c.notice = _("Nothing to record: every value is the one agreed already.");
		form_page(r, &c, 400);
		return 0;
	}
	struct append a = {.rel = c.rel};
	a.in.kind = "settings";
	a.in.side = "buyer";
	a.in.author = r->session->email;
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
	web_redirect(r, "/settings");
	return 0;
}
