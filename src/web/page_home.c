/* page_home.c - GET /, the dashboard: the relationships the signed-in
 * user's organisation may see (every partner for the buyer's users, its
 * own for a partner's), read from this thread's connection. The scores,
 * gap clocks and agenda counts grow from here. */
#include <string.h>

#include "calendar/zone.h"
#include "store/parties.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

struct rows {
	struct req *r;
	struct html *h;
	const struct zone *zone; /* the user's side's, for the dates (the thread's: not freed here) */
	int can_write;
	int n;
};

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
	if (c->can_write)
		html_printf(c->h, "<td><a href=\"/partners/%lld/contact\">%h</a></td>", (long long)p->id, _("Log a contact"));
	html_lit(c->h, "</tr>\n");
	c->n++;
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
	struct rows c = {.r = r, .h = &h, .can_write = session_can_write(u)};
	struct err ignored;
	if (have)
		c.zone = fmt_zone(r->fmt, own.tz, &ignored); /* NULL: dates are left out rather than the page */
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Dashboard"));
	html_printf(&h, "<h1>%h</h1>\n<h2>%h</h2>\n", have ? own.name : "Rapport",
	            u->partner ? _("Your relationship") : _("Partners"));
	html_printf(&h, "<div class=\"scroll\"><table class=\"list\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th>",
	            _("Name"), _("Country"), _("City"), _("Since"));
	if (c.can_write)
		html_printf(&h, "<th>%h</th>", _("Actions"));
	html_lit(&h, "</tr></thead>\n<tbody>\n");
	if (store_partner_each(r->db, partner_row, &c, e))
		return -1;
	html_lit(&h, "</tbody>\n</table></div>\n");
	if (c.n == 0)
		html_printf(&h, "<p>%h</p>\n", _("No partners yet."));
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}
