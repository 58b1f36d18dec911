/* page_home.c - GET /, the dashboard: the relationships the signed-in
 * user's organisation may see (every partner for the buyer's users, its
 * own for a partner's), read from this thread's connection, each with how
 * many items of the user's side's agenda are overdue, due and upcoming
 * (agenda.c, without the user's snoozes, as /agenda shows them). Past
 * HOME_AGENDA_MAX partners the counts are left out, each row linking to
 * its agenda instead: every partner's agenda is a few milliseconds of work
 * (its calendars, its scores a month apart), too much to redo for
 * thousands of rows on every visit to the first page. */
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "calendar/zone.h"
#include "store/parties.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

#define HOME_AGENDA_MAX 100

struct rows {
	struct req *r;
	struct html *h;
	const struct zone *zone; /* the user's side's, for the dates (the thread's: not freed here) */
	int can_write;
	int n;
	const struct agenda *agenda; /* the user's side's, every visible partner's; NULL: not counted */
};

/* The agenda cell of partner id: its counts, each a link to the list. */
static void agenda_cell(struct rows *c, int64_t id)
{
	static const char *const words[] = {N_("%d overdue"), N_("%d due"), N_("%d upcoming")};
	int count[3] = {0, 0, 0};
	if (!c->agenda) {
		html_printf(c->h, "<td class=\"agenda\"><a href=\"/agenda?partner=%lld\">%h</a></td>", (long long)id,
		            _("See the agenda"));
		return;
	}
	for (size_t i = 0; i < c->agenda->n; i++)
		if (c->agenda->v[i].rel == id)
			count[c->agenda->v[i].state]++;
	html_printf(c->h, "<td class=\"agenda\"><a href=\"/agenda?partner=%lld\">", (long long)id);
	for (int s = 0; s < 3; s++) {
		char text[64];
		i18n_snprintf(text, sizeof text, _(words[s]), count[s]);
		html_printf(c->h, "%h<span class=\"%h\" data-count=\"%d\">%h</span>", s ? ", " : "", agenda_state_names[s],
		            count[s], text);
	}
	html_lit(c->h, "</a></td>");
}

static int partner_row(void *ctx, const struct party *p)
{
	struct rows *c = ctx;
	struct req *r = c->r;
	if (!web_partner_visible(r, p->id))
		return 0;
	char since[64], country[96];
	html_printf(c->h, "<tr><td>%h</td><td>%h</td><td>%h</td><td>%h</td>", p->name,
	            fmt_country(r->fmt, r->lang, p->country, country, sizeof country), p->city,
	            c->zone ? fmt_day_of(r->fmt, r->lang, p->since, c->zone, since, sizeof since) : "");
	agenda_cell(c, p->id);
	if (c->can_write)
		html_printf(c->h, "<td><a href=\"/partners/%lld/contact\">%h</a></td>", (long long)p->id, _("Log a contact"));
	html_lit(c->h, "</tr>\n");
	c->n++;
	return 0;
}

static int count_partner(void *ctx, const struct party *p)
{
	(void)p;
	++*(int *)ctx;
	return 0;
}

int page_home(struct req *r, struct err *e)
{
	struct html h;
	const struct session_user *u = r->session;
	struct party own;
	int have = u->partner ? store_partner_get(r->db, u->partner, &own, e) : store_buyer_get(r->db, &own, e);
	if (have < 0)
		return -1;
	struct agenda ag;
	struct agenda_query q = {.now = r->now, .rel = u->partner, .side = u->partner ? "partner" : "buyer",
	                         .author = u->email};
	int partners = 0;
	if (!u->partner && store_partner_each(r->db, count_partner, &partners, e))
		return -1;
	int counted = have && partners <= HOME_AGENDA_MAX;
	if (counted && agenda_build(r->db, &q, &ag, e))
		return -1;
	if (!counted)
		ag = (struct agenda){0};
	struct rows c = {.r = r, .h = &h, .can_write = session_can_write(u), .agenda = counted ? &ag : NULL};
	struct err ignored;
	if (have)
		c.zone = fmt_zone(r->fmt, own.tz, &ignored); /* NULL: dates are left out rather than the page */
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Dashboard"));
	html_printf(&h, "<h1>%h</h1>\n<h2>%h</h2>\n", have ? own.name : "Rapport",
	            u->partner ? _("Your relationship") : _("Partners"));
	html_printf(&h, "<div class=\"scroll\"><table class=\"list\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th>"
	                "<th>%h</th>",
	            _("Name"), _("Country"), _("City"), _("Since"), _("Agenda"));
	if (c.can_write)
		html_printf(&h, "<th>%h</th>", _("Actions"));
	html_lit(&h, "</tr></thead>\n<tbody>\n");
	int rc = store_partner_each(r->db, partner_row, &c, e);
	agenda_release(&ag);
	if (rc)
		return -1;
	html_lit(&h, "</tbody>\n</table></div>\n");
	if (c.n == 0)
		html_printf(&h, "<p>%h</p>\n", _("No partners yet."));
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}
