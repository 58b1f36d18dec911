/* page_agenda.c - GET /agenda: what needs attention, as `rapport agenda`
 * builds it (agenda.c), for the signed-in user: by default what the user's
 * own side owes, every partner's for a buyer's user and its own
 * relationship's for a partner's, without the items the user snoozed.
 * ?partner=ID (buyer's users) and ?side=buyer|partner|both narrow or widen
 * it. Items are grouped overdue, due, upcoming, each with its partner, what,
 * when in both sides' local times, the trust dimension it affects and what
 * to do. POST /agenda/snooze hides one item from the user's agenda through
 * a date (not a ledger event; viewers read but do not snooze). The items'
 * own texts are agenda.c's, in English; the page around them is translated. */
#include <stdio.h>
#include <string.h>

#include "agenda.h"
#include "calendar/day.h"
#include "calendar/zone.h"
#include "store/parties.h"
#include "util/time.h"
#include "web/fmt.h"
#include "web/forms.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/route.h"
#include "web/session.h"
#include "web/web.h"

static const struct {
	const char *key, *label;
} kinds[] = {
	{"update", N_("Update")},         {"contact", N_("Contact")},       {"commitment", N_("Commitment")},
	{"milestone", N_("Milestone")},   {"payment", N_("Payment")},       {"ack", N_("Acknowledgement")},
	{"action", N_("Corrective action")}, {"suggestion", N_("Suggestion")}, {"greeting", N_("Greeting")},
	{"closure", N_("Closure")},       {"spec-change", N_("Spec change")}, {"score", N_("Falling score")},
}, dimensions[] = {
	{"reliability", N_("Reliability")}, {"communication", N_("Communication")}, {"transparency", N_("Transparency")},
	{"fairness", N_("Fairness")},       {"respect", N_("Respect")},
};

#define LABEL(table, key) label_of(table, sizeof table / sizeof table[0], key)

static const char *label_of(const void *table, size_t n, const char *key)
{
	const struct {
		const char *key, *label;
	} *t = table;
	for (size_t i = 0; i < n; i++)
		if (!strcmp(t[i].key, key))
			return _(t[i].label);
	return key;
}

/* What the page shows: the filters, the parties, and a refused snooze. */
struct view {
	int64_t rel;          /* 0: every partner the user may see */
	const char *side;     /* "buyer", "partner" or NULL for both */
	const char *side_arg; /* as the filter form shows it: buyer, partner or both */
	struct party buyer;
	struct party *partners; /* those the user may see, by id (pool memory) */
	size_t npartners, cap;
	const char *err_item, *err_msg, *err_until;
};

static int add_partner(void *ctx, const struct party *p)
{
	struct req *r = ((void **)ctx)[0];
	struct view *v = ((void **)ctx)[1];
	if (!web_partner_visible(r, p->id))
		return 0;
	if (v->npartners == v->cap) { /* doubling: the pool frees nothing before the request ends */
		v->cap = v->cap ? 2 * v->cap : 8;
		struct party *n = h2o_mem_alloc_pool(r->pool, v->cap * sizeof *n);
		if (v->npartners)
			memcpy(n, v->partners, v->npartners * sizeof *n);
		v->partners = n;
	}
	v->partners[v->npartners++] = *p;
	return 0;
}

/* The partner id among those the user may see (in id order, as
 * store_partner_each gives them), or NULL. */
static const struct party *partner_of(const struct view *v, int64_t id)
{
	size_t lo = 0, hi = v->npartners;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v->partners[mid].id == id)
			return &v->partners[mid];
		if (v->partners[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Reads the filters from the query string: 1, 0 when the page answered
 * (404 for a partner the user may not see), -1 with e (400 for a side that
 * is not one). */
static int load(struct req *r, struct view *v, struct err *e)
{
	const struct session_user *u = r->session;
	memset(v, 0, sizeof *v);
	int have = store_buyer_get(r->db, &v->buyer, e);
	if (have <= 0)
		return have < 0 ? -1 : web_not_found(r);
	void *ctx[2] = {r, v};
	if (store_partner_each(r->db, add_partner, ctx, e))
		return -1;
	const char *p = form_get(&r->query, "partner");
	if (p && *p) {
		if (!web_id_parse(p, &v->rel) || !partner_of(v, v->rel))
			return web_not_found(r);
	} else if (u->partner) {
		v->rel = u->partner;
	}
	const char *own = u->partner ? "partner" : "buyer", *s = form_get(&r->query, "side");
	if (!s || !*s)
		s = own;
	if (strcmp(s, "buyer") && strcmp(s, "partner") && strcmp(s, "both"))
		return web_fail(r, e, 400, "%s", _("side: choose the buyer, the partner or both."));
	v->side_arg = s;
	v->side = strcmp(s, "both") ? s : NULL;
	return 1;
}

/* "?partner=ID&side=S" of the filters, "" when they are the defaults. */
static const char *filter_query(struct req *r, const struct view *v)
{
	const char *own = r->session->partner ? "partner" : "buyer";
	struct html q;
	html_init(&q, r->pool);
	html_lit(&q, "");
	if (v->rel && !r->session->partner)
		html_printf(&q, "?partner=%lld", (long long)v->rel);
	if (strcmp(v->side_arg, own)) {
		if (q.len)
			html_lit(&q, "&");
		else
			html_lit(&q, "?");
		html_printf(&q, "side=%t", v->side_arg);
	}
	return q.data;
}

static void filters(struct html *h, struct req *r, const struct view *v)
{
	const struct session_user *u = r->session;
	html_printf(h, "<form method=\"get\" action=\"/agenda\" class=\"filters\">\n");
	if (!u->partner) {
		html_printf(h, "<label for=\"f-partner\">%h</label> <select id=\"f-partner\" name=\"partner\">\n",
		            _("Partner"));
		html_printf(h, "<option value=\"\"%h>%h</option>\n", v->rel ? "" : " selected", _("Every partner"));
		for (size_t i = 0; i < v->npartners; i++)
			html_printf(h, "<option value=\"%lld\"%h>%h</option>\n", (long long)v->partners[i].id,
			            v->partners[i].id == v->rel ? " selected" : "", v->partners[i].name);
		html_lit(h, "</select>\n");
	}
	const struct party *own_partner = u->partner ? partner_of(v, u->partner) : NULL;
	char buyer_owes[PARTY_NAME_MAX + 64], partner_owes[PARTY_NAME_MAX + 64];
	i18n_snprintf(buyer_owes, sizeof buyer_owes, _("Owed by %s"), v->buyer.name);
	if (own_partner)
		i18n_snprintf(partner_owes, sizeof partner_owes, _("Owed by %s"), own_partner->name);
	else
		snprintf(partner_owes, sizeof partner_owes, "%s", _("Owed by the partners"));
	html_printf(h, "<label for=\"f-side\">%h</label> <select id=\"f-side\" name=\"side\">\n", _("Side"));
	html_printf(h, "<option value=\"buyer\"%h>%h</option>\n", strcmp(v->side_arg, "buyer") ? "" : " selected",
	            buyer_owes);
	html_printf(h, "<option value=\"partner\"%h>%h</option>\n", strcmp(v->side_arg, "partner") ? "" : " selected",
	            partner_owes);
	html_printf(h, "<option value=\"both\"%h>%h</option>\n", strcmp(v->side_arg, "both") ? "" : " selected",
	            _("Both sides"));
	html_printf(h, "</select>\n<button type=\"submit\">%h</button>\n</form>\n", _("Show"));
}

/* One local time: <time datetime="ISO">as the language writes it</time>. */
static void when(struct html *h, struct req *r, const char *who, const char *tz, int64_t at, const char *iso)
{
	struct err ignored;
	const struct zone *z = fmt_zone(r->fmt, tz, &ignored);
	char text[96];
	html_printf(h, "<span class=\"when\">%h: <time datetime=\"%h\">%h</time> <span class=\"offset\">%h</span></span>",
	            who, iso, z ? fmt_datetime(r->fmt, r->lang, at, z, text, sizeof text) : iso,
	            strlen(iso) > 19 ? iso + 19 : "");
}

/* What an item asks for, as a link to the page that does it: the form of
 * the event that settles it, filled in with the entity it is about, or the
 * page to look at. Each kind of item, the event kind of its form (NULL: a
 * page to read), the query field naming its entity, and the link's words. */
static const struct {
	const char *item, *kind, *field, *words;
} actions[] = {
	{"update", "update.submit", NULL, N_("Submit the update")},
	{"contact", "contact", NULL, N_("Log a contact")},
	{"commitment", "commitment.keep", "commitment", N_("Mark it kept")},
	{"milestone", "commitment.keep", "commitment", N_("Mark it kept")},
	{"payment", "payment.paid", "payment", N_("Record the payment")},
	{"ack", "issue.ack", "issue", N_("Acknowledge it")},
	{"action", "issue.action_done", "action", N_("Mark it done")},
	{"suggestion", "suggestion.respond", "suggestion", N_("Answer it")},
	{"greeting", "greet", NULL, N_("Send a greeting")},
	{"spec-change", "spec.change", NULL, N_("Review the change")},
	{"closure", NULL, NULL, N_("See the calendar")},
	{"score", NULL, NULL, N_("See what moved it")},
};

static void action_link(struct html *h, struct req *r, const struct agenda_item *it)
{
	size_t i = 0, n = sizeof actions / sizeof actions[0];
	while (i < n && strcmp(actions[i].item, it->kind))
		i++;
	if (i == n)
		return;
	if (!actions[i].kind) {
		if (!strcmp(it->kind, "closure"))
			html_printf(h, "<a class=\"do\" href=\"/holidays?partner=%lld\">%h</a>", (long long)it->rel,
			            _(actions[i].words));
		else
			html_printf(h, "<a class=\"do\" href=\"/partners/%lld\">%h</a>", (long long)it->rel, _(actions[i].words));
		return;
	}
	/* a form only for those who may record it, on the side that may */
	const struct forms_kind *k = forms_kind(actions[i].kind);
	if (!session_can_write(r->session) || !k || !forms_side_may(k, r->session->partner ? "partner" : "buyer"))
		return;
	int64_t id = 0;
	const char *colon = strchr(it->id, ':');
	if (!strcmp(actions[i].kind, "contact"))
		html_printf(h, "<a class=\"do\" href=\"/partners/%lld/contact\">%h</a>", (long long)it->rel, _(actions[i].words));
	else if (actions[i].field && colon && web_id_parse(colon + 1, &id))
		html_printf(h, "<a class=\"do\" href=\"/partners/%lld/record/%h?%h=%lld\">%h</a>", (long long)it->rel,
		            actions[i].kind, actions[i].field, (long long)id, _(actions[i].words));
	else
		html_printf(h, "<a class=\"do\" href=\"/partners/%lld/record/%h\">%h</a>", (long long)it->rel,
		            actions[i].kind, _(actions[i].words));
}

static void item_row(struct html *h, struct req *r, const struct view *v, const struct agenda_item *it, int n,
                     const char *action)
{
	const struct party *p = partner_of(v, it->rel);
	html_printf(h, "<tr id=\"item-%d\" data-id=\"%h\" data-state=\"%h\" data-owes=\"%h\">", n, it->id,
	            agenda_state_names[it->state], it->owes);
	html_printf(h, "<td><a href=\"/partners/%lld\">%h</a></td>", (long long)it->rel, it->partner);
	char owes[PARTY_NAME_MAX + 64];
	if (!strcmp(it->owes, "both"))
		snprintf(owes, sizeof owes, "%s", _("Owed by either side"));
	else
		i18n_snprintf(owes, sizeof owes, _("Owed by %s"),
		              !strcmp(it->owes, "buyer") ? v->buyer.name : p ? p->name : it->partner);
	html_printf(h, "<td><span class=\"kind\">%h</span> <span class=\"what\">%h</span><br><small>%h</small></td>",
	            LABEL(kinds, it->kind), it->what, owes);
	html_lit(h, "<td class=\"due\">");
	if (it->due_date[0]) {
		int y = 0, m = 0, d = 0;
		char text[64];
		sscanf(it->due_date, "%4d-%2d-%2d", &y, &m, &d);
		html_printf(h, "<time datetime=\"%h\">%h</time>", it->due_date, fmt_date(r->fmt, r->lang, y, m, d, text, sizeof text));
	} else {
		when(h, r, v->buyer.name, v->buyer.tz, it->at, it->at_buyer);
		html_lit(h, "<br>");
		when(h, r, p ? p->name : it->partner, p ? p->tz : "UTC", it->at, it->at_partner);
	}
	html_printf(h, "</td><td class=\"dimension\">%h</td><td class=\"action\">", LABEL(dimensions, it->dimension));
	action_link(h, r, it);
	html_printf(h, "<br><small><code>%h</code></small></td>", it->command);
	if (session_can_write(r->session)) {
		int bad = v->err_item && !strcmp(v->err_item, it->id);
		html_lit(h, "<td>");
		layout_form_begin(h, r, action);
		html_printf(h, "<input type=\"hidden\" name=\"item\" value=\"%h\">\n", it->id);
		html_printf(h, "<div class=\"field%h\"><label for=\"until-%d\">%h</label>", bad ? " invalid" : "", n,
		            _("Snooze until"));
		html_printf(h, "<input type=\"date\" id=\"until-%d\" name=\"until\" required", n);
		if (bad)
			html_printf(h, " aria-invalid=\"true\" aria-describedby=\"until-%d-err\" value=\"%h\"", n,
			            v->err_until ? v->err_until : "");
		html_lit(h, ">");
		if (bad)
			html_printf(h, "<p class=\"error\" id=\"until-%d-err\">%h</p>", n, v->err_msg);
		html_printf(h, "</div><button type=\"submit\">%h</button>\n", _("Snooze"));
		layout_form_end(h);
		html_lit(h, "</td>");
	}
	html_lit(h, "</tr>\n");
}

static const char *const state_titles[] = {N_("Overdue"), N_("Due"), N_("Upcoming")};

static int page(struct req *r, struct view *v, int status, struct err *e)
{
	struct agenda ag;
	struct agenda_query q = {.now = r->now, .rel = v->rel, .side = v->side, .author = r->session->email,
	                         .translate = i18n_text};
	if (agenda_build(r->db, &q, &ag, e))
		return -1;
	struct html h;
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Agenda"));
	html_printf(&h, "<h1>%h</h1>\n", _("Agenda"));
	if (v->err_msg && !v->err_item)
		layout_notice(&h, v->err_msg);
	else if (v->err_msg)
		layout_notice(&h, _("The item was not snoozed: see the message beside it."));
	filters(&h, r, v);
	struct html action;
	html_init(&action, r->pool);
	html_lit(&action, "/agenda/snooze"); /* the filters come back with the answer */
	const char *fq = filter_query(r, v);
	html_raw_(&action, fq, strlen(fq));
	int can_write = session_can_write(r->session);
	size_t i = 0;
	for (int s = AGENDA_OVERDUE; s <= AGENDA_UPCOMING; s++) {
		size_t j = i;
		while (j < ag.n && (int)ag.v[j].state == s)
			j++;
		html_printf(&h, "<h2 id=\"%h\">%h <span class=\"count\">(%zu)</span></h2>\n", agenda_state_names[s],
		            _(state_titles[s]), j - i);
		if (j == i) {
			html_printf(&h, "<p>%h</p>\n", _("Nothing here."));
			continue;
		}
		html_printf(&h,
		            "<div class=\"scroll\"><table class=\"list agenda\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th>"
		            "<th>%h</th><th>%h</th>",
		            _("Partner"), _("What"), _("Due"), _("Affects"), _("What to do"));
		if (can_write)
			html_printf(&h, "<th>%h</th>", _("Snooze"));
		html_lit(&h, "</tr></thead>\n<tbody>\n");
		for (; i < j; i++)
			item_row(&h, r, v, &ag.v[i], (int)i + 1, action.data);
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	agenda_release(&ag);
	layout_end(&h, r);
	req_send_html(r, status, &h);
	return 0;
}

int page_agenda(struct req *r, struct err *e)
{
	struct view v;
	int ok = load(r, &v, e);
	if (ok <= 0)
		return ok;
	return page(r, &v, 200, e);
}

struct snooze {
	const char *item, *until;
};

static int do_snooze(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	struct snooze *s = ctx;
	return agenda_snooze(tx->db, r->session->email, s->item, s->until, tx->now, e);
}

int page_agenda_snooze(struct req *r, struct err *e)
{
	struct view v;
	int ok = load(r, &v, e);
	if (ok <= 0)
		return ok;
	struct snooze s = {form_get(&r->form, "item"), form_get(&r->form, "until")};
	v.err_until = s.until;
	if (!s.item || !*s.item) {
		v.err_msg = _("Say which item to snooze.");
		return page(r, &v, 400, e);
	}
	/* only an item of the user's agenda, snoozed or not (as the CLI) */
	struct agenda ag;
	struct agenda_query q = {.now = r->now, .rel = r->session->partner};
	if (agenda_build(r->db, &q, &ag, e))
		return -1;
	size_t i = 0;
	while (i < ag.n && strcmp(ag.v[i].id, s.item))
		i++;
	int known = i < ag.n;
	agenda_release(&ag);
	if (!known) {
		v.err_msg = _("That item is not on your agenda.");
		return page(r, &v, 400, e);
	}
	v.err_item = s.item;
	int y, m, d;
	struct err bad = {0};
	if (!s.until || time_parse_date(s.until, "until", &y, &m, &d, &bad)) {
		v.err_msg = _("Give a date as YYYY-MM-DD.");
		return page(r, &v, 400, e);
	}
	/* a snooze lasts through its day in the buyer's zone (agenda.c) */
	const struct zone *z = fmt_zone(r->fmt, v.buyer.tz, e);
	if (!z)
		return -1;
	char today[11];
	day_format(zone_day(z, r->now), today);
	if (strcmp(s.until, today) < 0) {
		char msg[160];
		i18n_snprintf(msg, sizeof msg, _("That date has passed: today is %s."), today);
		v.err_msg = h2o_strdup(r->pool, msg, SIZE_MAX).base;
		return page(r, &v, 400, e);
	}
	if (web_write(r, do_snooze, &s, NULL, e))
		return -1;
	struct html to;
	html_init(&to, r->pool);
	html_lit(&to, "/agenda");
	const char *fq = filter_query(r, &v);
	html_raw_(&to, fq, strlen(fq));
	web_redirect(r, to.data);
	return 0;
}
