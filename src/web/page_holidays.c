/* page_holidays.c - GET /holidays: a month of both sides' calendars, the
 * buyer's country and a partner's (?partner=ID, the first one by default;
 * a partner's user sees its own), each as a grid of weeks from Monday
 * marking public holidays, observances, the factory's closures, make-up
 * workdays and weekly days off, with their names; ?month=YYYY-MM, links to
 * the months either side, today marked. The days come from workcal.c (the
 * country's tables with the partner's recorded closures merged in, as
 * `rapport holidays --partner` lists them); reads only. */
#include <string.h>

#include "calendar/day.h"
#include "calendar/holidays.h"
#include "calendar/month.h"
#include "store/parties.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"
#include "workcal.h"

static const char *const month_names[12] = {
	N_("January"), N_("February"), N_("March"),     N_("April"),   N_("May"),      N_("June"),
	N_("July"),    N_("August"),   N_("September"), N_("October"), N_("November"), N_("December"),
};

/* Monday first, as the grid's columns */
static const char *const weekday_names[7] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"),
                                             N_("Fri"), N_("Sat"), N_("Sun")};

/* A side's working days in the page's language: "Mon-Sat". */
static void days_text(unsigned weekend, char *out, size_t size)
{
	const char *names[7];
	for (int i = 0; i < 7; i++)
		names[i] = _(weekday_names[(i + 6) % 7]); /* names[0] is Sunday */
	workcal_days_text_with(weekend, names, _("no day"), out, size);
}

/* By enum holiday_kind. */
static const char *const kind_labels[] = {N_("Public holiday"), N_("Observance"), N_("Factory closure"),
                                          N_("Make-up workday")};

#define STYLE                                                                                                    \
	"<style>\n"                                                                                              \
	".month{table-layout:fixed}.month th{text-align:center;font-size:.85rem}\n"                             \
	".month td{height:4.5rem;font-size:.8rem;padding:.2rem;overflow-wrap:anywhere}\n"                       \
	".month .d{font-weight:600;display:block}\n"                                                            \
	".month .off{background:#eef0f3}.month .public{background:#fde2e1}.month .closure{background:#fbe7c6}\n" \
	".month .observance{background:#e3f0fb}.month .workday{background:#e3f6e5}\n"                           \
	".month .today{outline:3px solid #0b5cad;outline-offset:-3px}\n"                                        \
	".months{display:flex;gap:1rem;margin:.5rem 0}\n"                                                       \
	".choose{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}\n"                  \
	".choose label{display:flex;flex-direction:column;font-size:.9rem}\n"                                   \
	".choose select,.choose input{width:auto}\n"                                                            \
	"@media (max-width:40rem){.month .name{display:none}.month td{height:2.5rem}}\n"                        \
	"</style>\n"

/* The partner a query string's ?partner= names: 1 with *id, 0 when it
 * names none the user may see (the page answers 404). */
static int partner_param(struct req *r, const char *s, int64_t *id)
{
	int64_t v = 0;
	if (!s || *s < '1' || *s > '9' || strlen(s) > 18)
		return 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	*id = v;
	return web_partner_visible(r, v);
}

/* The partners the user may see, for the chooser; the first is the
 * default. The list lives in the request's pool. */
struct partners {
	struct req *r;
	struct party *v;
	size_t n, cap;
};

static int partner_seen(void *ctx, const struct party *p)
{
	struct partners *c = ctx;
	if (!web_partner_visible(c->r, p->id))
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 8;
		struct party *v = h2o_mem_alloc_pool(c->r->pool, sizeof *v * cap);
		if (c->n)
			memcpy(v, c->v, sizeof *v * c->n);
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = *p;
	return 0;
}

/* One side's month: its calendar, its days of the year and the grid. */
struct side {
	const char *key; /* "buyer", "partner" */
	struct workcal w;
	struct holidays days;
	int loaded, have_days;
};

static const struct holiday *day_of(const struct side *s, const char *date)
{
	for (size_t i = 0; i < s->days.n; i++)
		if (!strcmp(s->days.days[i].date, date))
			return &s->days.days[i];
	return NULL;
}

static void side_grid(struct req *r, struct html *h, struct side *s, const struct month_grid *g, long today)
{
	char country[96], title[PARTY_NAME_MAX + 128], days[96], hours[32];
	fmt_country(r->fmt, r->lang, s->w.party.country, country, sizeof country);
	snprintf(title, sizeof title, "%s (%s)", s->w.party.name, country);
	days_text(s->w.week.weekend, days, sizeof days);
	workcal_hours_text(&s->w, hours);
	html_printf(h, "<section class=\"side\" data-side=\"%h\">\n<h2>%h</h2>\n", s->key, title);
	char line[256];
	i18n_snprintf(line, sizeof line, _("Works %s, %s, %s time."), days, hours, s->w.party.tz);
	html_printf(h, "<p class=\"hint\">%h</p>\n", line);
	if (!s->w.holidays_known)
		html_printf(h, "<p class=\"hint\">%h</p>\n",
		            _("Rapport has no holiday tables for this country yet: only the weekly days off and recorded "
		              "closures are shown."));
	html_printf(h, "<div class=\"scroll\"><table class=\"month\">\n<thead><tr>");
	for (int c = 0; c < 7; c++)
		html_printf(h, "<th scope=\"col\">%h</th>", _(weekday_names[c]));
	html_lit(h, "</tr></thead>\n<tbody>\n");
	for (int wk = 0; wk < g->weeks; wk++) {
		html_lit(h, "<tr>");
		for (int c = 0; c < 7; c++) {
			int d = month_cell(g, wk, c);
			if (!d) {
				html_lit(h, "<td></td>");
				continue;
			}
			long day = g->first_day + d - 1;
			char date[11];
			day_format(day, date);
			const struct holiday *hd = day_of(s, date);
			/* a weekend day made a working day is no day off */
			int off = ((s->w.week.weekend >> day_weekday(day)) & 1u) && !(hd && hd->kind == HOLIDAY_WORKDAY);
			const char *kind = hd ? holiday_kind_names[hd->kind] : off ? "off" : "";
			char cls[48];
			snprintf(cls, sizeof cls, "%s%s%s%s", kind, *kind && off && hd ? " off" : "",
			         *kind && day == today ? " " : "", day == today ? "today" : "");
			html_printf(h, "<td data-date=\"%h\" class=\"%h\"", date, cls);
			if (day == today)
				html_lit(h, " aria-current=\"date\"");
			html_lit(h, ">");
			html_printf(h, "<span class=\"d\">%d</span>", d);
			if (hd)
				html_printf(h, "<span class=\"name\">%h</span>", hd->name);
			else if (off)
				html_printf(h, "<span class=\"name\">%h</span>", _("Day off"));
			html_lit(h, "</td>");
		}
		html_lit(h, "</tr>\n");
	}
	html_lit(h, "</tbody>\n</table></div>\n");

	/* the same days as a list: the names whole, also on a phone */
	int any = 0;
	for (int d = 1; d <= g->days; d++) {
		char date[11], when[64];
		day_format(g->first_day + d - 1, date);
		const struct holiday *hd = day_of(s, date);
		if (!hd)
			continue;
		if (!any++)
			html_lit(h, "<ul class=\"days\">\n");
		fmt_date(r->fmt, r->lang, g->year, g->month, d, when, sizeof when);
		char what[256];
		/* TRANSLATORS: a kind of day and its name, "Public holiday: Spring Festival" */
		i18n_snprintf(what, sizeof what, _("%s: %s"), _(kind_labels[hd->kind]), hd->name);
		html_printf(h, "<li data-date=\"%h\" data-kind=\"%h\"><time datetime=\"%h\">%h</time> %h", date,
		            holiday_kind_names[hd->kind], date, when, what);
		if (hd->local_name && *hd->local_name && strcmp(hd->local_name, hd->name))
			html_printf(h, " (%h)", hd->local_name);
		if (hd->estimated)
			html_printf(h, " <em>%h</em>", _("estimated"));
		html_lit(h, "</li>\n");
	}
	if (any)
		html_lit(h, "</ul>\n");
	else
		html_printf(h, "<p>%h</p>\n", _("No holidays, observances or closures this month."));
	html_lit(h, "</section>\n");
}

static void month_link(struct html *h, int64_t rel, int y, int m, int next, const char *label)
{
	html_printf(h, "<a rel=\"%h\" href=\"/holidays?", next ? "next" : "prev");
	if (rel)
		html_printf(h, "partner=%lld&amp;", (long long)rel);
	html_printf(h, "month=%04d-%02d\">", y, m);
	if (next)
		html_printf(h, "%h &rarr;</a>", label);
	else
		html_printf(h, "&larr; %h</a>", label);
}

static void month_title(int y, int m, char *out, size_t size)
{
	/* TRANSLATORS: a month and its year, "February 2027" */
	i18n_snprintf(out, size, _("%1$s %2$d"), _(month_names[m - 1]), y);
}

static int render(struct req *r, struct side *sides, int nsides, const struct partners *ps, int64_t rel, int y, int m,
                  long today)
{
	struct html h;
	struct month_grid g;
	month_grid(y, m, &g);
	char title[96], heading[160];
	month_title(y, m, title, sizeof title);
	i18n_snprintf(heading, sizeof heading, _("Holidays: %s"), title);
	html_init(&h, r->pool);
	layout_begin(&h, r, heading);
	html_lit(&h, STYLE);
	html_printf(&h, "<h1>%h</h1>\n", heading);

	/* choose a partner and a month (a plain GET form: no script) */
	html_lit(&h, "<form class=\"choose\" method=\"get\" action=\"/holidays\">\n");
	if (!r->session->partner && ps->n) {
		html_printf(&h, "<label>%h <select name=\"partner\">", _("Partner"));
		for (size_t i = 0; i < ps->n; i++)
			html_printf(&h, "<option value=\"%lld\"%h>%h</option>", (long long)ps->v[i].id,
			            ps->v[i].id == rel ? " selected" : "", ps->v[i].name);
		html_lit(&h, "</select></label>\n");
	}
	html_printf(&h, "<label>%h <input type=\"month\" name=\"month\" value=\"%04d-%02d\"></label>\n", _("Month"), y, m);
	html_printf(&h, "<button type=\"submit\">%h</button>\n</form>\n", _("Show"));

	html_lit(&h, "<nav class=\"months\">");
	int py = y, pm = m, ny = y, nm = m;
	month_step(&py, &pm, -1);
	month_step(&ny, &nm, 1);
	char t[96];
	if (py >= HOLIDAY_FIRST_YEAR) {
		month_title(py, pm, t, sizeof t);
		month_link(&h, rel, py, pm, 0, t);
	}
	if (ny <= HOLIDAY_LAST_YEAR) {
		month_title(ny, nm, t, sizeof t);
		month_link(&h, rel, ny, nm, 1, t);
	}
	html_lit(&h, "</nav>\n");
	if (!rel)
		html_printf(&h, "<p>%h</p>\n", _("No partners yet."));
	for (int i = 0; i < nsides; i++)
		side_grid(r, &h, &sides[i], &g, today);
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}

int page_holidays(struct req *r, struct err *e)
{
	const struct session_user *u = r->session;
	struct partners ps = {.r = r};
	if (store_partner_each(r->db, partner_seen, &ps, e))
		return -1;
	int64_t rel = 0;
	const char *want = form_get(&r->query, "partner");
	if (want) {
		if (!partner_param(r, want, &rel))
			return web_not_found(r);
		struct party p;
		int found = store_partner_get(r->db, rel, &p, e);
		if (found <= 0)
			return found < 0 ? -1 : web_not_found(r);
	} else if (u->partner) {
		rel = u->partner;
	} else if (ps.n) {
		rel = ps.v[0].id;
	}

	struct side sides[2] = {{.key = "buyer"}, {.key = "partner"}};
	int nsides = rel ? 2 : 1, rc = -1;
	for (int i = 0; i < nsides; i++) {
		if (workcal_load(r->db, rel, i ? WORKCAL_PARTNER : WORKCAL_BUYER, &sides[i].w, e))
			goto done;
		sides[i].loaded = 1;
	}
	/* the month: as asked, else this month on the user's own side */
	const struct workcal *own = u->partner && nsides == 2 ? &sides[1].w : &sides[0].w;
	long today = zone_day(own->zone, web_now(r));
	int y, m, d;
	day_to_ymd(today, &y, &m, &d);
	const char *month = form_get(&r->query, "month");
	if (month) {
		char msg[256];
		if (month_parse(month, &y, &m)) {
			i18n_snprintf(msg, sizeof msg, _("month: not a month (want YYYY-MM): \"%s\""), month);
			rc = web_fail(r, e, 400, "%s", msg);
			goto done;
		}
		if (y < HOLIDAY_FIRST_YEAR || y > HOLIDAY_LAST_YEAR) {
			i18n_snprintf(msg, sizeof msg, _("month: the calendars cover the years %d to %d"), HOLIDAY_FIRST_YEAR,
			              HOLIDAY_LAST_YEAR);
			rc = web_fail(r, e, 400, "%s", msg);
			goto done;
		}
	}
	for (int i = 0; i < nsides; i++) {
		if (workcal_holidays(&sides[i].w, y, &sides[i].days, e))
			goto done;
		sides[i].have_days = 1;
	}
	rc = render(r, sides, nsides, &ps, rel, y, m, today);
done:
	for (int i = 0; i < 2; i++) {
		if (sides[i].have_days)
			holidays_release(&sides[i].days);
		if (sides[i].loaded)
			workcal_release(&sides[i].w);
	}
	return rc;
}
