/* page_home.c - GET /: the partners with their countries, read from this
 * thread's connection. The first page; the dashboard grows from here. */
#include "store/parties.h"
#include "web/pages.h"

static int partner_row(void *ctx, const struct party *p)
{
	html_printf(ctx, "<tr><td>%h</td><td>%h</td><td>%h</td></tr>\n", p->name, p->country, p->city);
	return 0;
}

int page_home(struct req *r, struct err *e)
{
	struct html h;
	struct party buyer;
	int have = store_buyer_get(r->db, &buyer, e);
	if (have < 0)
		return -1;
	html_init(&h, r->pool);
	html_begin(&h, "Partners");
	html_printf(&h, "<h1>%h</h1>\n<h2>Partners</h2>\n", have ? buyer.name : "Rapport");
	html_lit(&h, "<table>\n<thead><tr><th>Name</th><th>Country</th><th>City</th></tr></thead>\n<tbody>\n");
	if (store_partner_each(r->db, partner_row, &h, e))
		return -1;
	html_lit(&h, "</tbody>\n</table>\n");
	html_end(&h);
	req_send_html(r, 200, &h);
	return 0;
}
