/* page_home.c - GET /, the dashboard: the relationships the signed-in
 * user's organisation may see (every partner for the buyer's users, its
 * own for a partner's), read from this thread's connection, each with
 * both directions' overall trust (the score, its uncertainty and a
 * sparkline of the last HOME_WEEKS weeks), the contact-gap clock, and how
 * many items of the user's side's agenda are overdue, due and upcoming
 * (agenda.c, without the user's snoozes, as /agenda shows them). Past
 * HOME_AGENDA_MAX partners the counts and sparklines are left out (the
 * scores are today's alone), each row linking to its agenda instead: every
 * partner's agenda and series are a few milliseconds of work, too much to
 * redo for thousands of rows on every visit to the first page. */
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

#define HOME_AGENDA_MAX 100
#define HOME_WEEKS 12 /* the sparklines' span */
#define DAY 86400

/* The page's own rules, after the layout's. */
static const char home_css[] =
	"svg.spark{width:5rem;height:1.2rem;color:#1f6feb;vertical-align:middle}\n"
	".score .num{white-space:nowrap}.sigma{color:#57606a;font-size:.85em}\n"
	".gap-overdue{color:#b3261e}.gap-due{color:#9a6700}\n";

struct rows {
	struct req *r;
	struct html *h;
	const struct zone *zone; /* the user's side's, for the dates (the thread's: not freed here) */
	int can_write;
	int n;
	struct err *e;
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
	/* today's scores, and with the counts a week apart before them */
	struct trust_result res[HOME_WEEKS + 1];
	int64_t times[HOME_WEEKS + 1], minute = r->now - r->now % 60;
	size_t n = c->agenda ? HOME_WEEKS + 1 : 1;
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

/* The page's content below the layout's header into h. */
static int content(struct req *r, struct html *h, const char *version, struct err *e)
{
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
	int counted = have && partners <= HOME_AGENDA_MAX, kept = 0;
	if (counted && home_agenda(r, &q, version, &ag, &kept, e))
		return -1;
	if (!counted)
		ag = (struct agenda){0};
	struct rows c = {.r = r, .h = h, .can_write = session_can_write(u), .agenda = counted ? &ag : NULL, .e = e};
	struct err ignored;
	if (have)
		c.zone = fmt_zone(r->fmt, own.tz, &ignored); /* NULL: dates are left out rather than the page */
	html_printf(h, "<h1>%h</h1>\n<h2>%h</h2>\n", have ? own.name : "Rapport",
	            u->partner ? _("Your relationship") : _("Partners"));
	html_printf(h,
	            "<div class=\"scroll\"><table class=\"list\">\n<thead><tr><th>%h</th><th>%h</th><th>%h</th><th>%h</th>"
	            "<th>%h</th><th>%h</th><th>%h</th><th>%h</th>",
	            _("Name"), _("Country"), _("City"), _("Since"), _("Partner's score"), _("Buyer's score"),
	            _("Last contact"), _("Agenda"));
	if (c.can_write)
		html_printf(h, "<th>%h</th>", _("Actions"));
	html_lit(h, "</tr></thead>\n<tbody>\n");
	int rc = store_partner_each(r->db, partner_row, &c, e);
	if (!kept)
		agenda_release(&ag);
	if (rc)
		return -1;
	html_lit(h, "</tbody>\n</table></div>\n");
	if (c.n == 0)
		html_printf(h, "<p>%h</p>\n", _("No partners yet."));
	return 0;
}

int page_home(struct req *r, struct err *e)
{
	const struct session_user *u = r->session;
	struct memo *m = r->web ? r->web->memo : NULL;
	/* the content is the same for a minute while the record and the
	 * user's snoozes stay as they are: kept per user, language and role */
	char version[96], key[MEMO_KEY_MAX];
	if (record_version(r, u->email, version, e))
		return -1;
	snprintf(key, sizeof key, "page:home:%lld:%s:%d:%lld", (long long)u->user_id, u->role, r->lang,
	         (long long)(r->now - r->now % 60));
	size_t len = 0;
	const char *kept = memo_get(m, key, version, r->pool, &len);
	struct html body, h;
	if (!kept) {
		html_init(&body, r->pool);
		if (content(r, &body, version, e))
			return -1;
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
