/* page_people.c - GET /people: the people of the relationships the user
 * may see (the person.add events projected in the people table), grouped
 * by partner: for a buyer's user every partner, for a partner's user its
 * own relationship only (?partner=ID narrows a buyer's list; another
 * partner's id answers 404). Each person with side, role, language and the
 * suggestions they made and what became of them. The rows are those of
 * `rapport people --json` and `rapport suggestions --json` (store/domain.c's
 * listings). Reads only. */
#include <jansson.h>
#include <string.h>

#include "store/domain.h"
#include "store/parties.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

static const struct {
	const char *key, *label;
} roles[] = {
	{"manager", N_("Manager")},
	{"line_worker", N_("Line worker")},
	{"qc", N_("Quality control")},
	{"merchandiser", N_("Merchandiser")},
	{"sourcing", N_("Sourcing")},
	{"owner", N_("Owner")},
	{"other", N_("Other")},
},
  outcomes[] = {
	{"acknowledged", N_("Acknowledged")},
	{"adopted", N_("Adopted")},
	{"declined", N_("Declined")},
};

#define LABEL(table, key) label_of(table, sizeof table / sizeof table[0], key)

static const char *label_of(const void *table, size_t n, const char *key)
{
	const struct {
		const char *key, *label;
	} *t = table;
	for (size_t i = 0; key && i < n; i++)
		if (!strcmp(t[i].key, key))
			return _(t[i].label);
	return key ? key : "";
}

static const struct listing *listing(const char *name)
{
	for (size_t i = 0; i < store_nlistings; i++)
		if (!strcmp(store_listings[i].name, name))
			return &store_listings[i];
	return NULL;
}

static const char *str(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

struct page {
	struct req *r;
	struct html *h;
	struct party buyer;
	int64_t only; /* the partner asked for, 0 for all */
	json_t *people, *suggestions;
	int shown;
	int64_t id; /* the partner whose people are listed */
};

/* The suggestions person id made, as a list in the cell. */
static void suggestions_of(struct page *pg, json_int_t person)
{
	struct html *h = pg->h;
	size_t i, n = 0;
	json_t *s;
	json_array_foreach(pg->suggestions, i, s)
		n += json_integer_value(json_object_get(s, "person")) == person;
	if (!n) {
		html_lit(h, "<td class=\"suggestions\"></td>");
		return;
	}
	html_lit(h, "<td class=\"suggestions\"><ul>");
	json_array_foreach(pg->suggestions, i, s)
	{
		if (json_integer_value(json_object_get(s, "person")) != person)
			continue;
		const char *outcome = str(s, "outcome");
		html_printf(h, "<li data-id=\"%lld\">%h <small class=\"outcome\">(%h)</small></li>",
		            (long long)json_integer_value(json_object_get(s, "id")), str(s, "text"),
		            outcome ? LABEL(outcomes, outcome) : _("Not answered yet"));
	}
	html_lit(h, "</ul></td>");
}

static int partner_people(void *ctx, const struct party *p)
{
	struct page *pg = ctx;
	struct req *r = pg->r;
	struct html *h = pg->h;
	if (!web_partner_visible(r, p->id) || (pg->only && p->id != pg->only))
		return 0;
	pg->shown++;
	html_printf(h, "<h2 id=\"partner-%lld\"><a href=\"/partners/%lld\">%h</a></h2>\n", (long long)p->id,
	            (long long)p->id, p->name);
	size_t i, n = 0;
	json_t *o;
	json_array_foreach(pg->people, i, o)
		n += json_integer_value(json_object_get(o, "partner")) == p->id;
	if (!n) {
		html_printf(h, "<p>%h</p>\n", _("No people recorded yet."));
		return 0;
	}
	html_printf(h,
	            "<div class=\"scroll\"><table class=\"list people\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th>"
	            "<th>%h</th><th>%h</th><th>%h</th></tr></thead>\n<tbody>\n",
	            _("Name"), _("Side"), _("Role"), _("Language"), _("Added"), _("Suggestions"));
	json_array_foreach(pg->people, i, o)
	{
		if (json_integer_value(json_object_get(o, "partner")) != p->id)
			continue;
		json_int_t id = json_integer_value(json_object_get(o, "id"));
		const char *side = str(o, "side"), *lang = str(o, "lang"), *added = str(o, "added");
		char day[64] = "";
		int y, m, d;
		if (added && sscanf(added, "%4d-%2d-%2d", &y, &m, &d) == 3)
			fmt_date(r->fmt, r->lang, y, m, d, day, sizeof day); /* the UTC date, as the CLI lists it */
		html_printf(h, "<tr id=\"person-%lld\" data-side=\"%h\" data-role=\"%h\"><td>%h</td><td>%h</td><td>%h</td>"
		               "<td>%h</td><td><time datetime=\"%h\">%h</time></td>",
		            (long long)id, side, str(o, "role"), str(o, "name"),
		            side && !strcmp(side, "partner") ? p->name : pg->buyer.name, LABEL(roles, str(o, "role")),
		            lang ? lang : "", added ? added : "", day);
		suggestions_of(pg, id);
		html_lit(h, "</tr>\n");
	}
	html_lit(h, "</tbody>\n</table></div>\n");
	return 0;
}

int page_people(struct req *r, struct err *e)
{
	struct html h;
	struct page pg = {.r = r, .h = &h};
	const char *q = form_get(&r->query, "partner");
	if (q && *q && (!web_id_parse(q, &pg.only) || !web_partner_visible(r, pg.only)))
		return web_not_found(r);
	if (r->session->partner)
		pg.only = r->session->partner;
	int have = store_buyer_get(r->db, &pg.buyer, e);
	if (have <= 0)
		return have < 0 ? -1 : web_not_found(r);
	const struct listing *lp = listing("people"), *ls = listing("suggestions");
	if (!lp || !ls)
		return err_set(e, ERR_IO, "no people or suggestions listing");
	pg.people = json_array();
	pg.suggestions = json_array();
	int rc = store_list(r->db, lp, pg.only, 0, pg.people, e) || store_list(r->db, ls, pg.only, 0, pg.suggestions, e);
	if (rc == 0) {
		html_init(&h, r->pool);
		layout_begin(&h, r, _("People"));
		html_printf(&h, "<h1>%h</h1>\n", _("People"));
		rc = store_partner_each(r->db, partner_people, &pg, e) ? -1 : 0;
	}
	json_decref(pg.people);
	json_decref(pg.suggestions);
	if (rc)
		return -1;
	if (pg.only && !pg.shown)
		return web_not_found(r); /* no such partner */
	if (!pg.shown)
		html_printf(&h, "<p>%h</p>\n", _("No partners yet."));
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}
