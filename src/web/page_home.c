/* page_home.c - GET /, the dashboard: the relationships the signed-in
 * user's organisation may see (every partner for the buyer's users, its
 * own for a partner's), read from this thread's connection, each with
 * both directions' overall trust (the score, its uncertainty and a
 * sparkline of the last HOME_WEEKS weeks), the contact-gap clock, and how
 * many items of the user's side's agenda are overdue, due and upcoming
 * (agenda.c, without the user's snoozes, as /agenda shows them). The
 * buyer's users see HOME_PAGE partners a page (?page=N), and may look for
 * some by name, city or country (?q=WORDS): every partner's agenda and
 * series are a few milliseconds of work, too much to redo for hundreds of
 * rows on every visit. */
#include <stdlib.h>
#include <string.h>

#include "agenda.h"
#include "calendar/zone.h"
#include "scores.h"
#include "series.h"
#include "store/agenda.h"
#include "store/domain.h"
#include "store/events.h"
#include "store/parties.h"
#include "trust.h"
#include "web/fmt.h"
#include "web/gap.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/memo.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/svg.h"
#include "web/web.h"

#define HOME_PAGE 50 /* partners a page */
#define HOME_WEEKS 12 /* the sparklines' span */
#define DAY 86400

/* The page's own rules, after the layout's. */
static const char home_css[] =
	"svg.spark{width:5rem;height:1.2rem;color:#1f6feb;vertical-align:middle}\n"
	".score .num{white-space:nowrap}.sigma{color:#57606a;font-size:.85em}\n"
	".gap-overdue{color:#b3261e}.gap-due{color:#9a6700}\n"
	"form.find{margin:.5rem 0}form.find input{width:16rem;max-width:100%}\n"
	".pages{margin:.75rem 0}.pages a{margin-left:1rem}\n";

struct rows {
	struct req *r;
	struct html *h;
	const struct zone *zone; /* the user's side's, for the dates (the thread's: not freed here) */
	int can_write;
	int n;
	struct err *e;
	const char *version;             /* the record's, for home_agenda */
};

static int home_agenda(struct req *r, const struct agenda_query *q, const char *version, struct agenda *out,
                       int *kept, struct err *e);

/* The agenda cell of partner id: the counts of the user's side's items,
 * each a link to the list. */
static int agenda_cell(struct rows *c, int64_t id)
{
	static const char *const words[] = {N_("%d overdue"), N_("%d due"), N_("%d upcoming")};
	const struct session_user *u = c->r->session;
	struct agenda_query q = {.now = c->r->now, .rel = id, .side = u->partner ? "partner" : "buyer",
	                         .author = u->email};
	struct agenda ag;
	int kept, count[3] = {0, 0, 0};
	if (home_agenda(c->r, &q, c->version, &ag, &kept, c->e))
		return -1;
	for (size_t i = 0; i < ag.n; i++)
		count[ag.v[i].state]++;
	if (!kept)
		agenda_release(&ag);
	html_printf(c->h, "<td class=\"agenda\"><a href=\"/agenda?partner=%lld\">", (long long)id);
	for (int s = 0; s < 3; s++) {
		char text[64];
		i18n_snprintf(text, sizeof text, _(words[s]), count[s]);
		html_printf(c->h, "%h<span class=\"%h\" data-count=\"%d\">%h</span>", s ? ", " : "", agenda_state_names[s],
		            count[s], text);
	}
	html_lit(c->h, "</a></td>");
	return 0;
}

/* The scores of rel at times[0..n-1], read once a minute while its record
 * stays as it is and shared by every reader (memo.h). */
static int home_scores(struct req *r, int64_t rel, const int64_t *times, size_t n, struct trust_result *res,
                       struct err *e)
{
	struct memo *m = r->web ? r->web->memo : NULL;
	char key[MEMO_KEY_MAX], version[64];
	size_t len;
	struct rel_head h = {.id = rel};
	if (store_rel_head(r->db, rel, &h, e) < 0)
		return -1;
	web_rel_version(&h, version);
	snprintf(key, sizeof key, "home:%lld:%zu:%lld", (long long)rel, n, (long long)times[n - 1]);
	void *v = memo_get(m, key, version, r->pool, &len);
	if (v && len == n * sizeof *res) {
		memcpy(res, v, len);
		return 0;
	}
	if (n > 1 ? series_scores(r->db, rel, times, n, res, NULL, e) : scores_at(r->db, rel, times, 1, res, e))
		return -1;
	memo_put(m, key, version, res, n * sizeof *res);
	return 0;
}

/* The state of the whole record and of author's snoozes, for memo.h: a
 * new event anywhere or a snooze changes it (and the number of partners,
 * should the projection be written some other way). */
static int record_version(struct req *r, const char *author, char out[96], struct err *e)
{
	struct store_row row;
	if (store_row(r->db, store_agenda_sql[AG_VERSION], e, &row, "t", author) < 0)
		return -1;
	snprintf(out, 96, "%lld:%lld:%lld:%lld", (long long)row.i[0], (long long)row.i[1], (long long)row.i[2],
	         (long long)row.i[3]);
	return 0;
}

/* The agenda of q, read once a minute while the record and the user's
 * snoozes stay as they are (memo.h); *kept says out->v is pool memory,
 * not agenda_release's. */
static int home_agenda(struct req *r, const struct agenda_query *q, const char *version, struct agenda *out,
                       int *kept, struct err *e)
{
	struct memo *m = r->web ? r->web->memo : NULL;
	char key[MEMO_KEY_MAX];
	size_t len;
	*kept = 0;
	int64_t minute = q->now - q->now % 60;
	if (snprintf(key, sizeof key, "agenda:%s:%s:%lld:%lld", q->author, q->side, (long long)q->rel,
	             (long long)minute) >= (int)sizeof key)
		return agenda_build(r->db, q, out, e); /* an address too long to key: not kept */
	void *v = memo_get(m, key, version, r->pool, &len);
	if (v && len % sizeof *out->v == 0) {
		*out = (struct agenda){.v = v, .n = len / sizeof *out->v, .cap = len / sizeof *out->v};
		*kept = 1;
		return 0;
	}
	if (agenda_build(r->db, q, out, e))
		return -1;
	memo_put(m, key, version, out->v, out->n * sizeof *out->v);
	return 0;
}

/* One direction's overall score: the number with its uncertainty, and
 * its sparkline when there is a series (n > 1). */
static void score_cell(struct rows *c, int dir, const struct trust_result *res, size_t n, const char *partner)
{
	const struct trust_score *s = &res[n - 1].overall[dir];
	html_printf(c->h,
	            "<td class=\"score\" data-dir=\"%h\" data-score=\"%.6f\" data-sigma=\"%.6f\"><span class=\"num\">"
	            "%.2f <span class=\"sigma\">&plusmn;%.2f</span></span>",
	            trust_dir_names[dir], s->score, s->sigma, s->score, s->sigma);
	if (n > 1) {
		double v[HOME_WEEKS + 1];
		for (size_t i = 0; i < n; i++)
			v[i] = res[i].overall[dir].score;
		char label[PARTY_NAME_MAX + 160];
		i18n_snprintf(label, sizeof label, _("%s: %s, the last %d weeks"), partner,
		              dir == TRUST_PARTNER ? _("Partner's score") : _("Buyer's score"), HOME_WEEKS);
		html_lit(c->h, " ");
		svg_sparkline(c->h, v, n, label);
	}
	html_lit(c->h, "</td>");
}

static int partner_row(void *ctx, const struct party *p)
{
	struct rows *c = ctx;
	struct req *r = c->r;
	if (!web_partner_visible(r, p->id))
		return 0;
	struct err *e = c->e;
	/* today's scores and those a week apart before them */
	struct trust_result res[HOME_WEEKS + 1];
	int64_t times[HOME_WEEKS + 1], minute = r->now - r->now % 60;
	size_t n = HOME_WEEKS + 1;
	for (size_t i = 0; i < n; i++)
		times[i] = minute - (int64_t)(n - 1 - i) * 7 * DAY;
	struct agenda_gap g;
	if (home_scores(r, p->id, times, n, res, e) || gap_read(r->db, p, r->now, &g, e))
		return -1;
	char since[64], country[96], days[64];
	html_printf(c->h, "<tr><td><a href=\"/partners/%lld\">%h</a></td><td>%h</td><td>%h</td><td>%h</td>", (long long)p->id,
	            p->name, fmt_country(r->fmt, r->lang, p->country, country, sizeof country), p->city,
	            c->zone ? fmt_day_of(r->fmt, r->lang, p->since, c->zone, since, sizeof since) : "");
	score_cell(c, TRUST_PARTNER, res, n, p->name);
	score_cell(c, TRUST_BUYER, res, n, p->name);
	i18n_snprintf(days, sizeof days, P_("%ld day ago", "%ld days ago", g.days), g.days);
	html_printf(c->h, "<td class=\"gap gap-%h\" data-days=\"%ld\">%h<br><span class=\"hint\">%h</span></td>", g.state,
	            g.days, days, gap_state_words(&g));
	if (agenda_cell(c, p->id))
		return -1;
	if (c->can_write)
		html_printf(c->h, "<td><a href=\"/partners/%lld/contact\">%h</a></td>", (long long)p->id, _("Log a contact"));
	html_lit(c->h, "</tr>\n");
	c->n++;
	return 0;
}

/* What the buyer's users asked for: ?q=WORDS (trimmed) and ?page=N. */
struct find {
	char q[STORE_PARTNER_QUERY_MAX + 1];
	int64_t page;
};

/* 1 with f filled; -1 with e set and 400 the answer for a bad value. */
static int find_args(struct req *r, struct find *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	f->page = 1;
	const char *q = form_get(&r->query, "q"), *page = form_get(&r->query, "page");
	if (q) {
		while (*q == ' ')
			q++;
		size_t n = strlen(q);
		while (n && q[n - 1] == ' ')
			n--;
		if (n > STORE_PARTNER_QUERY_MAX)
			return web_fail(r, e, 400, _("q: at most %d characters to look for."), STORE_PARTNER_QUERY_MAX);
		memcpy(f->q, q, n);
		f->q[n] = '\0';
	}
	if (page && *page && !web_id_parse(page, &f->page))
		return web_fail(r, e, 400, "%s", _("page: not a page number."));
	return 1;
}

/* "?q=...&page=N" for another page of the same search. */
static void page_link(struct html *h, const struct find *f, int64_t page, const char *text)
{
	html_lit(h, "<a href=\"/");
	if (*f->q)
		html_printf(h, "?q=%t", f->q);
	if (page > 1)
		html_printf(h, "%hpage=%lld", *f->q ? "&amp;" : "?", (long long)page);
	html_printf(h, "\">%h</a>", text);
}

/* The search form, above the list. */
static void find_form(struct html *h, const struct find *f)
{
	html_printf(h,
	            "<form method=\"get\" action=\"/\" class=\"find\" role=\"search\">"
	            "<label for=\"find-q\">%h</label> <input type=\"search\" id=\"find-q\" name=\"q\" value=\"%h\""
	            " maxlength=\"%d\"> <button type=\"submit\">%h</button></form>\n",
	            _("Find partners by name, city or country"), f->q, STORE_PARTNER_QUERY_MAX, _("Find"));
}

/* Where the page is in the list, and the links to the pages around it. */
static void pages(struct html *h, const struct find *f, int64_t total, int64_t last)
{
	int64_t first = (f->page - 1) * HOME_PAGE + 1, end = first + HOME_PAGE - 1 < total ? first + HOME_PAGE - 1 : total;
	char text[160];
	i18n_snprintf(text, sizeof text, P_("Partner %lld to %lld of %lld", "Partners %lld to %lld of %lld", total),
	              (long long)first, (long long)end, (long long)total);
	html_printf(h, "<nav class=\"pages\" aria-label=\"%h\"><span>%h</span> ", _("Pages"), text);
	if (f->page > 1)
		page_link(h, f, f->page - 1, _("Previous page"));
	if (f->page < last)
		page_link(h, f, f->page + 1, _("Next page"));
	html_lit(h, "</nav>\n");
}

/* The page's content below the layout's header into h: 1, or 0 when the
 * page asked for is past the last (the caller answers 404), -1 with e. */
static int content(struct req *r, struct html *h, const struct find *f, const char *version, struct err *e)
{
	const struct session_user *u = r->session;
	struct party own;
	int have = u->partner ? store_partner_get(r->db, u->partner, &own, e) : store_buyer_get(r->db, &own, e);
	if (have < 0)
		return -1;
	struct rows c = {.r = r, .h = h, .can_write = session_can_write(u), .e = e, .version = version};
	struct err ignored;
	if (have)
		c.zone = fmt_zone(r->fmt, own.tz, &ignored); /* NULL: dates are left out rather than the page */
	html_printf(h, "<h1>%h</h1>\n<h2>%h</h2>\n", have ? own.name : "Rapport",
	            u->partner ? _("Your relationship") : _("Partners"));
	if (!u->partner)
		find_form(h, f);
	struct html rows;
	html_init(&rows, r->pool);
	c.h = &rows;
	int64_t total = 0;
	if (u->partner) {
		total = have;
		if (have && partner_row(&c, &own))
			return -1;
	} else if (store_partner_find(r->db, f->q, (f->page - 1) * HOME_PAGE, HOME_PAGE, &total, partner_row, &c, e)) {
		return -1;
	}
	int64_t last = total ? (total + HOME_PAGE - 1) / HOME_PAGE : 1;
	if (f->page > last)
		return 0;
	if (c.n > 0) {
		html_printf(h,
		            "<div class=\"scroll\"><table class=\"list\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th>"
		            "<th>%h</th><th>%h</th><th>%h</th><th>%h</th><th>%h</th>",
		            _("Name"), _("Country"), _("City"), _("Since"), _("Partner's score"), _("Buyer's score"),
		            _("Last contact"), _("Agenda"));
		if (c.can_write)
			html_printf(h, "<th>%h</th>", _("Actions"));
		html_lit(h, "</tr></thead>\n<tbody>\n");
		html_raw_(h, rows.data, rows.len);
		html_lit(h, "</tbody>\n</table></div>\n");
	}
	if (!u->partner && total > HOME_PAGE)
		pages(h, f, total, last);
	if (c.n == 0 && *f->q)
		html_printf(h, "<p>%h</p>\n", _("No partner's name, city or country matches."));
	else if (c.n == 0)
		html_printf(h, "<p>%h</p>\n", _("No partners yet."));
	return 1;
}

int page_home(struct req *r, struct err *e)
{
	const struct session_user *u = r->session;
	struct memo *m = r->web ? r->web->memo : NULL;
	struct find f;
	int ok = find_args(r, &f, e);
	if (ok <= 0)
		return ok;
	/* the content is the same for a minute while the record and the
	 * user's snoozes stay as they are: kept per user, language, role and
	 * search (a search too long to key is not kept) */
	char version[96], key[MEMO_KEY_MAX];
	if (record_version(r, u->email, version, e))
		return -1;
	int keyed = snprintf(key, sizeof key, "page:home:%lld:%s:%d:%lld:%lld:%s", (long long)u->user_id, u->role,
	                     r->lang, (long long)(r->now - r->now % 60), (long long)f.page, f.q) < (int)sizeof key;
	size_t len = 0;
	const char *kept = keyed ? memo_get(m, key, version, r->pool, &len) : NULL;
	struct html body, h;
	if (!kept) {
		html_init(&body, r->pool);
		int rc = content(r, &body, &f, version, e);
		if (rc <= 0)
			return rc < 0 ? -1 : web_not_found(r);
		if (keyed)
			memo_put(m, key, version, body.data, body.len);
		kept = body.data;
		len = body.len;
	}
	html_init(&h, r->pool);
	html_reserve(&h, len + 8192); /* the layout's header and style around it */
	layout_begin_css(&h, r, _("Dashboard"), home_css);
	html_raw_(&h, kept, len);
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}
