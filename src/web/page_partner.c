/* page_partner.c - GET /partners/{id}: one relationship as both sides see
 * it: the partner (country, city, local time), how trustworthy each side
 * has been per dimension with a year's trend and what moved each score,
 * the timeline of events (filtered by kind and dates, 50 a page) and the
 * state of the shared record's hash chain, and the contact-gap clock.
 * Reads only. Written in the page layout (layout.h), every string in the
 * reader's language. Runs on a server thread: zones through
 * calendar/zone.c and web/fmt.c, scores through series.c (all
 * thread-safe), never util/time.c's zone functions. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/day.h"
#include "calendar/zone.h"
#include "event.h"
#include "ledger.h"
#include "project.h"
#include "series.h"
#include "store/agenda.h"
#include "store/domain.h"
#include "store/events.h"
#include "store/parties.h"
#include "trust.h"
#include "util/buf.h"
#include "util/time.h"
#include "web/fmt.h"
#include "web/form.h"
#include "web/gap.h"
#include "web/i18n.h"
#include "web/flash.h"
#include "web/layout.h"
#include "web/memo.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/svg.h"
#include "web/web.h"

#define DAY 86400
#define WEEKS 52        /* the trend: a year, weekly */
#define PER_PAGE 50     /* timeline rows per page */
#define EXPLAIN_TOP 3   /* what moved each score */
#define MAX_PAGE 1000000000LL

/* --- the request ------------------------------------------------------------------ */

/* The value of name in the query string (route.c decoded it, refusing a
 * NUL or invalid UTF-8 with 400), the last one given; NULL when absent or
 * empty. */
static int query(struct req *r, const char *name, const char **out, struct err *e)
{
	(void)e;
	size_t n = form_count(&r->query, name);
	const char *v = n ? form_get_nth(&r->query, name, n - 1) : NULL;
	*out = v && *v ? v : NULL;
	return 0;
}

/* What the query string asks of the timeline. */
struct filter {
	const char *kind, *from, *to; /* as given (NULL: none) */
	int64_t page;                 /* from 1 */
	struct timeline_filter tf;
};

static int read_date(const char *v, const char *field, int64_t *out, struct err *e)
{
	int y, m, d;
	/* time_parse_date and time_date_utc use timegm, not TZ: thread-safe */
	if (time_parse_date(v, field, &y, &m, &d, e))
		return -1;
	*out = time_date_utc(v);
	return 0;
}

static int read_filter(struct req *r, struct filter *f, struct err *e)
{
	const char *page;
	*f = (struct filter){.page = 1, .tf = {NULL, INT64_MIN, INT64_MAX}};
	if (query(r, "kind", &f->kind, e) || query(r, "from", &f->from, e) || query(r, "to", &f->to, e) ||
	    query(r, "page", &page, e))
		return -1;
	if (f->kind && !event_kind_or_group(f->kind))
		return err_set(e, ERR_INPUT, _("kind: no kind of event is called \"%s\""), f->kind);
	f->tf.kind = f->kind;
	if (f->from && read_date(f->from, "from", &f->tf.from, e))
		return -1;
	if (f->to && read_date(f->to, "to", &f->tf.to, e))
		return -1;
	if (f->to)
		f->tf.to += DAY - 1; /* the whole day */
	if (f->tf.to < f->tf.from)
		return err_set(e, ERR_INPUT, "%s", _("to: before from"));
	if (page) {
		char *end;
		long long v = strtoll(page, &end, 10);
		if (*end || end == page || v < 1 || v > MAX_PAGE || *page == '+' || *page == ' ')
			return err_set(e, ERR_INPUT, _("page: not a page number: \"%s\""), page);
		f->page = v;
	}
	return 0;
}

/* --- formatting -------------------------------------------------------------------- */

/* "2026-11-23 02:56" of t + offset seconds. */
static void minute_text(int64_t t, int32_t offset, char out[17])
{
	int64_t local = t + offset;
	long day = day_of_time(local);
	int64_t secs = local - (int64_t)day * DAY;
	char date[11];
	day_format(day, date);
	unsigned m = (unsigned)(secs / 60); /* 0 .. 1439 */
	snprintf(out, 17, "%.10s %02u:%02u", date, m / 60 % 24, m % 60);
}

/* Trust dimension names as headings: "Reliability". */
static const char *const dim_titles[TRUST_NDIM] = {N_("Reliability"), N_("Communication"), N_("Transparency"),
                                                    N_("Fairness"), N_("Respect")};
static const char *const dir_titles[TRUST_NDIR] = {N_("the partner"), N_("the buyer")};
static const char *const dir_how[TRUST_NDIR] = {N_("How the partner has been:"), N_("How the buyer has been:")};

/* The bands trust_band names, in words. */
static const struct {
	const char *band, *words;
} band_words[] = {
	{"no evidence", N_("no evidence")}, {"little evidence", N_("little evidence")},
	{"critical", N_("critical")},       {"at risk", N_("at risk")},
	{"ok", N_("ok")},
};

static const char *band_label(const char *band)
{
	for (size_t i = 0; i < sizeof band_words / sizeof band_words[0]; i++)
		if (!strcmp(band_words[i].band, band))
			return _(band_words[i].words);
	return band;
}

/* What each rule's evidence means, in words. */
static const struct {
	const char *key, *words;
} rule_words[] = {
	{"commitment.kept", N_("a promise kept on time")},
	{"commitment.late", N_("a promise late")},
	{"commitment.broken", N_("a promise broken")},
	{"commitment.renegotiated_early", N_("a new date agreed in time")},
	{"update.on_time", N_("an update in its slot")},
	{"update.missed", N_("an update slot missed")},
	{"contact.gap", N_("a silence past the agreed gap")},
	{"issue.self_disclosed", N_("a problem disclosed by the side responsible")},
	{"issue.discovered", N_("a problem hidden, then discovered")},
	{"issue.acked_in_sla", N_("a problem acknowledged in time")},
	{"issue.ack_overdue", N_("a problem left unacknowledged")},
	{"issue.resolved", N_("a problem resolved")},
	{"payment.on_time", N_("a payment on time")},
	{"payment.late", N_("a payment late")},
	{"spec.change_with_notice", N_("a spec change with notice")},
	{"spec.change_in_freeze", N_("a spec change inside the freeze window")},
	{"spec.change_last_week", N_("a spec change in the last week before production")},
	{"visit", N_("a visit")},
	{"person.met", N_("a person met")},
	{"suggestion.answered", N_("a suggestion answered")},
	{"suggestion.ignored", N_("a suggestion left unanswered")},
	{"observance.acknowledged", N_("a holiday or event acknowledged")},
};

static const char *words_of(const char *key)
{
	for (size_t i = 0; i < sizeof rule_words / sizeof rule_words[0]; i++)
		if (!strcmp(rule_words[i].key, key))
			return _(rule_words[i].words);
	return key;
}

/* The page's own rules, after the layout's. */
static const char page_css[] =
	".page-head{margin-bottom:1rem}.page-head h1{margin-bottom:.2rem}\n"
	".meta{color:#57606a}.page-head p{margin:.2rem 0}\n"
	"h2{margin-top:2rem;border-bottom:1px solid #d8dee4}\n"
	".num{font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	".sigma{color:#57606a;font-size:.85em}.scores td,.scores th{white-space:nowrap}\n"
	".band-ok{color:#1a7f37}.band-at-risk{color:#9a6700}.band-critical{color:#cf222e}"
	".band-little-evidence,.band-no-evidence{color:#57606a}\n"
	"svg.spark{width:6rem;height:1.2rem;color:#1f6feb}\n"
	".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,26rem),1fr));gap:1rem}\n"
	"figure{margin:0;background:#fff;border:1px solid #d8dee4;border-radius:6px;padding:.5rem}"
	"svg.trend{width:100%;height:auto}figcaption{font-weight:600}\n"
	".why li{margin:.2rem 0;overflow-wrap:anywhere}.pos{color:#1a7f37}.neg{color:#cf222e}\n"
	".filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}\n"
	".filters label{display:flex;flex-direction:column;font-size:.9em}.filters select,.filters input{width:auto}\n"
	".timeline td{font-size:.9em}.timeline td:last-child{overflow-wrap:anywhere}"
	".timeline code{font-size:.85em;white-space:nowrap}\n"
	".pages{display:flex;gap:1rem;margin:.8rem 0}\n"
	".ok{color:#1a7f37}.bad{color:#cf222e;font-weight:600}\n"
	".gap-state{font-weight:600;margin-right:.4rem}.gap-due .gap-state{color:#9a6700}.gap-overdue .gap-state{color:#cf222e}"
	".gap-ok .gap-state{color:#1a7f37}\n"
	/* a phone: each event of the timeline a card, its time and kind on
	 * one line and its summary under them; no sequence, author or hash;
	 * the score table without its sparklines */
	"@media (max-width:40rem){.timeline thead{position:absolute;left:-9999px}"
	".timeline tr{display:block;padding:.5rem .6rem;border-bottom:1px solid #d8dee4}"
	".timeline td{display:inline;border:0;padding:0 .8rem 0 0}.timeline td:last-child{display:block;padding:.2rem 0 0}"
	".timeline .hash,.timeline .by,.timeline tr>:first-child{display:none}"
	/* the charts below show the trends the sparklines sketch */
	".scores .spark-cell{display:none}}\n";

/* --- the page -------------------------------------------------------------------- */

struct page {
	struct req *r;
	struct html *h;
	struct party p;
	struct rel_head head;
	struct zone *zone;
	int64_t now;
	int64_t times[WEEKS + 1];
	struct trust_result *res; /* WEEKS + 1, the last now; from the pool */
	struct series_explain why;
	struct buf scratch;
	const char *flash; /* a form's warning, shown once (flash.h) */
};

/* The contact-gap clock, as the agenda keeps it: the last contact,
 * update or visit (else the start of the relationship), against the
 * agreed ideal and maximum gaps; the time in the reader's own side's
 * zone. data-last is the last touch in UTC, data-days the whole days
 * since. */
static int gap_clock(struct page *pg, const struct party *buyer, struct err *e)
{
	struct html *h = pg->h;
	struct req *r = pg->r;
	struct agenda_gap g;
	if (gap_read(r->db, &pg->p, pg->now, &g, e))
		return -1;
	int none = g.none;
	int64_t last = g.last;
	long days = g.days;
	const char *state = g.state, *state_words = gap_state_words(&g);
	char utc[17], when[96], text[320], agreed[200];
	minute_text(last, 0, utc);
	struct err ignored;
	const struct zone *z = fmt_zone(r->fmt, r->session && r->session->partner ? pg->p.tz : buyer->tz, &ignored);
	if (z)
		fmt_datetime(r->fmt, r->lang, last, z, when, sizeof when);
	else
		snprintf(when, sizeof when, "%s UTC", utc);
	if (none)
		i18n_snprintf(text, sizeof text,
		              P_("No contact recorded yet: the relationship began %s, %ld day ago.",
		                 "No contact recorded yet: the relationship began %s, %ld days ago.", days),
		              when, days);
	else
		i18n_snprintf(text, sizeof text, P_("Last contact %s, %ld day ago.", "Last contact %s, %ld days ago.", days),
		              when, days);
	i18n_snprintf(agreed, sizeof agreed, _("Agreed: every %lld days, never more than %lld."),
	              (long long)g.ideal, (long long)g.max);
	html_printf(h,
	            "<p class=\"gap gap-%h\" data-last=\"%h\" data-days=\"%ld\"><span class=\"gap-state\">%h</span> "
	            "<span class=\"gap-last\">%h</span> %h</p>\n",
	            state, utc, days, state_words, text, agreed);
	return 0;
}

static int header(struct page *pg, const struct party *buyer, struct err *e)
{
	struct html *h = pg->h;
	struct req *r = pg->r;
	struct zone_local l;
	zone_at(pg->zone, pg->now, &l);
	char local[17], text[PARTY_NAME_MAX + 64], country[96];
	minute_text(pg->now, l.utoff, local);
	int32_t off = l.utoff < 0 ? -l.utoff : l.utoff;
	html_printf(h, "<div class=\"page-head\">\n<h1>%h</h1>\n", pg->p.name);
	i18n_snprintf(text, sizeof text, _("Partner of %s."), buyer->name[0] ? buyer->name : _("the buyer"));
	html_printf(h, "<p class=\"meta\">%h</p>\n", text);
	html_printf(h, "<p class=\"meta\"><span class=\"country\">%h</span>",
	            fmt_country(r->fmt, r->lang, pg->p.country, country, sizeof country));
	if (pg->p.city[0])
		html_printf(h, ", <span class=\"city\">%h</span>", pg->p.city);
	html_printf(h, " &middot; %h <time class=\"local\">%h</time> %h (UTC%h%02d:%02d, %h)</p>\n", _("Local time there:"), local,
	            l.abbr, l.utoff < 0 ? "-" : "+", off / 3600, off / 60 % 60, pg->p.tz);
	if (gap_clock(pg, buyer, e))
		return -1;
	html_printf(h, "<p class=\"links\"><a href=\"/partners/%lld/slots\">%h</a></p>\n", (long long)pg->p.id,
	            _("Meeting slots"));
	html_lit(h, "</div>\n");
	return 0;
}

/* One score cell: the number with its sigma, the band and the items;
 * the exact values (rounded as `rapport score --json` rounds them) ride
 * along as data attributes. */
static void score_cells(struct html *h, const char *dir, const char *dim, const struct trust_score *s)
{
	const char *band = trust_band(s);
	char cls[32];
	snprintf(cls, sizeof cls, "band-%s", band);
	for (char *c = cls; *c; c++)
		*c = *c == ' ' ? '-' : *c;
	html_printf(h,
	            "<td class=\"num score\" data-dir=\"%h\" data-dim=\"%h\" data-score=\"%.6f\" data-sigma=\"%.6f\">"
	            "%.2f <span class=\"sigma\">&plusmn;%.2f</span></td><td class=\"%h\">%h</td>"
	            "<td class=\"num items\">%lld</td>",
	            dir, dim, s->score, s->sigma, s->score, s->sigma, cls, band_label(band), (long long)s->evidence);
}

/* The score of (dir, dim) at every time; dim TRUST_NDIM is the overall. */
static double *values(struct page *pg, int dir, int dim, int sigma)
{
	double *v = h2o_mem_alloc_pool(pg->r->pool, sizeof *v * (WEEKS + 1));
	for (int i = 0; i <= WEEKS; i++) {
		const struct trust_score *s = dim == TRUST_NDIM ? &pg->res[i].overall[dir] : &pg->res[i].dim[dir][dim];
		v[i] = sigma ? s->sigma : s->score;
	}
	return v;
}

static void score_row(struct page *pg, int dim)
{
	struct html *h = pg->h;
	const char *name = dim == TRUST_NDIM ? "overall" : trust_dim_names[dim];
	const char *title = _(dim == TRUST_NDIM ? N_("Overall") : dim_titles[dim]);
	html_printf(h, "<tr data-dim=\"%h\"><th scope=\"row\">%h</th>", name, title);
	for (int d = 0; d < TRUST_NDIR; d++) {
		const struct trust_result *now = &pg->res[WEEKS];
		score_cells(h, trust_dir_names[d], name, dim == TRUST_NDIM ? &now->overall[d] : &now->dim[d][dim]);
		char label[160];
		i18n_snprintf(label, sizeof label, _("%s, %s, the last %d weeks"), title, _(dir_titles[d]), WEEKS);
		html_lit(h, "<td class=\"spark-cell\">");
		svg_sparkline(h, values(pg, d, dim, 0), WEEKS + 1, label);
		html_lit(h, "</td>");
	}
	html_lit(h, "</tr>\n");
}

static void scores(struct page *pg)
{
	struct html *h = pg->h;
	char day[11], text[400], weeks[64];
	day_format(day_of_time(pg->now), day);
	i18n_snprintf(text, sizeof text,
	              _("How trustworthy each side has been to the other, as of %s (UTC): the score from 0 to 1 with its "
	                "uncertainty (±σ), which shrinks only as evidence accumulates."),
	              day);
	i18n_snprintf(weeks, sizeof weeks, P_("%d week", "%d weeks", WEEKS), WEEKS);
	html_printf(h,
	            "<section id=\"scores\">\n<h2>%h</h2>\n<p class=\"meta\">%h</p>\n"
	            "<div class=\"scroll\"><table class=\"scores\">\n<thead><tr><th rowspan=\"2\">%h</th>"
	            "<th colspan=\"4\">%h</th><th colspan=\"4\">%h</th></tr>\n",
	            _("Trust"), text, _("Dimension"), _("The partner has been"), _("The buyer has been"));
	html_lit(h, "<tr>");
	for (int d = 0; d < TRUST_NDIR; d++)
		html_printf(h,
		            "<th class=\"num\">%h</th><th>%h</th><th class=\"num items\">%h</th>"
		            "<th class=\"spark-cell\">%h</th>",
		            _("Score"), _("Band"), _("Items"), weeks);
	html_lit(h, "</tr></thead>\n<tbody>\n");
	score_row(pg, TRUST_NDIM);
	for (int k = 0; k < TRUST_NDIM; k++)
		score_row(pg, k);
	html_lit(h, "</tbody>\n</table></div>\n");

	i18n_snprintf(text, sizeof text, P_("The last %d week", "The last %d weeks", WEEKS), WEEKS);
	html_printf(h, "<h3>%h</h3>\n<div class=\"charts\">\n", text);
	for (int i = -1; i < TRUST_NDIM; i++) { /* the overall first, then each dimension */
		int dim = i < 0 ? TRUST_NDIM : i;
		const char *name = dim == TRUST_NDIM ? "overall" : trust_dim_names[dim];
		const char *title = _(dim == TRUST_NDIM ? N_("Overall") : dim_titles[dim]);
		char id[32];
		snprintf(id, sizeof id, "trend-%s", name);
		struct svg_trend c = {.id = id, .title = title, .t = pg->times, .n = WEEKS + 1, .nlines = TRUST_NDIR};
		for (int d = 0; d < TRUST_NDIR; d++)
			c.line[d] = (struct svg_line){_(dir_titles[d]), values(pg, d, dim, 0), values(pg, d, dim, 1)};
		html_printf(h, "<figure>\n<figcaption>%h</figcaption>\n", title);
		svg_trend(h, &c);
		html_lit(h, "</figure>\n");
	}
	html_lit(h, "</div>\n</section>\n");
}

/* Names the event an explanation comes from: "#57 commitment.add: ...". */
static int name_event(void *arg, const struct event *ev)
{
	struct page *pg = arg;
	buf_reset(&pg->scratch);
	event_summary(&pg->scratch, ev);
	html_printf(pg->h, " &mdash; <span class=\"event\">#%lld <code>%.*h</code>: %h</span>", (long long)ev->seq,
	            (int)ev->kind_len, ev->kind, pg->scratch.data);
	return 0;
}

static int explanation(struct page *pg, const struct trust_item *it, double contribution, struct err *e)
{
	struct html *h = pg->h;
	const char *key = trust_rules[it->rule].key;
	char date[11];
	day_format(day_of_time(it->t), date);
	html_printf(h, "<li><span class=\"num %h\">%+.2f</span> <time>%h</time> %h", contribution < 0 ? "neg" : "pos",
	            contribution, date, words_of(key));
	if (it->ref > 0) {
		int r = store_event_by_id(pg->r->db, &pg->head, it->ref, name_event, pg, e);
		if (r < 0)
			return -1;
	} else if (!strcmp(key, "update.missed") || !strcmp(key, "contact.gap")) {
		/* evidence time made: ref is minus the slot, or the last contact */
		struct zone_local l;
		zone_at(pg->zone, -it->ref, &l);
		char when[17];
		minute_text(-it->ref, l.utoff, when);
		char text[120];
		i18n_snprintf(text, sizeof text,
		              !strcmp(key, "update.missed") ? _("the slot of %s local time") : _("no contact since %s local time"),
		              when);
		html_printf(h, " &mdash; %h", text);
	}
	html_lit(h, "</li>\n");
	return 0;
}

static int explanations(struct page *pg, struct err *e)
{
	struct html *h = pg->h;
	char text[300];
	i18n_snprintf(text, sizeof text,
	              P_("The %d piece of evidence that weighs most in each score today, after forgetting (older "
	                 "evidence counts less).",
	                 "The %d pieces of evidence that weigh most in each score today, after forgetting (older "
	                 "evidence counts less).",
	                 EXPLAIN_TOP),
	              EXPLAIN_TOP);
	html_printf(h, "<section id=\"why\">\n<h2>%h</h2>\n<p class=\"meta\">%h</p>\n", _("What moved these scores"), text);
	for (int k = 0; k < TRUST_NDIM; k++) {
		html_printf(h, "<h3>%h</h3>\n", _(dim_titles[k]));
		for (int d = 0; d < TRUST_NDIR; d++) {
			const struct series_why *w = &pg->why.why[d][k];
			html_printf(h, "<p>%h</p>\n", _(dir_how[d]));
			if (!w->n) {
				html_printf(h, "<p class=\"meta\">%h</p>\n", _("No evidence yet: the score is the prior."));
				continue;
			}
			html_printf(h, "<ul class=\"why\" data-dir=\"%h\" data-dim=\"%h\">\n", trust_dir_names[d],
			            trust_dim_names[k]);
			for (size_t j = 0; j < w->n; j++)
				if (explanation(pg, &w->item[j], w->contribution[j], e))
					return -1;
			html_lit(h, "</ul>\n");
		}
	}
	html_lit(h, "</section>\n");
	return 0;
}

/* --- the timeline ------------------------------------------------------------------ */

/* The address of this page with the filter and page p. */
static void page_link(struct page *pg, const struct filter *f, int64_t p)
{
	struct html *h = pg->h;
	html_printf(h, "/partners/%lld?", (long long)pg->p.id);
	if (f->kind)
		html_printf(h, "kind=%t&amp;", f->kind);
	if (f->from)
		html_printf(h, "from=%t&amp;", f->from);
	if (f->to)
		html_printf(h, "to=%t&amp;", f->to);
	html_printf(h, "page=%lld#timeline", (long long)p);
}

static void kind_option(struct html *h, const char *value, const char *label, const char *selected)
{
	html_printf(h, "<option value=\"%h\"%h>%h</option>", value,
	            selected && !strcmp(selected, value) ? " selected" : "", label);
}

static void filter_form(struct page *pg, const struct filter *f)
{
	struct html *h = pg->h;
	html_printf(h,
	            "<form class=\"filters\" method=\"get\" action=\"/partners/%lld#timeline\">\n"
	            "<label>%h <select name=\"kind\">",
	            (long long)pg->p.id, _("Kind"));
	kind_option(h, "", _("every kind"), f->kind);
	/* each group of kinds ("issue": every issue.*) before its kinds */
	for (size_t i = 0; i < event_nkinds; i++) {
		const char *name = event_kinds[i].name, *dot = strchr(name, '.');
		if (dot) {
			size_t n = (size_t)(dot - name);
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++)
				seen = !strncmp(event_kinds[j].name, name, n) && event_kinds[j].name[n] == '.';
			if (!seen) {
				char group[64], label[120];
				snprintf(group, sizeof group, "%.*s", (int)n, name);
				i18n_snprintf(label, sizeof label, _("%s (all)"), group);
				kind_option(h, group, label, f->kind);
			}
		}
		kind_option(h, name, name, f->kind);
	}
	html_printf(h,
	            "</select></label>\n"
	            "<label>%h <input type=\"date\" name=\"from\" value=\"%h\"></label>\n"
	            "<label>%h <input type=\"date\" name=\"to\" value=\"%h\"></label>\n"
	            "<button type=\"submit\">%h</button> <a href=\"/partners/%lld#timeline\">%h</a>\n</form>\n",
	            _("From"), f->from ? f->from : "", _("To"), f->to ? f->to : "", _("Show"), (long long)pg->p.id,
	            _("Every event"));
}

static int timeline_row(void *arg, const struct event *ev)
{
	struct page *pg = arg;
	struct html *h = pg->h;
	char when[17], hash[13];
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 6; i++) {
		hash[2 * i] = hex[ev->hash[i] >> 4];
		hash[2 * i + 1] = hex[ev->hash[i] & 15];
	}
	hash[12] = '\0';
	minute_text(ev->at, 0, when);
	buf_reset(&pg->scratch);
	event_summary(&pg->scratch, ev);
	html_printf(h,
	            "<tr id=\"e%lld\"><td class=\"num\">%lld</td><td class=\"num\"><time>%h</time></td>"
	            "<td><code>%.*h</code></td><td class=\"by\">%.*h/%.*h</td><td class=\"hash\"><code>%h</code></td>"
	            "<td>%h</td></tr>\n",
	            (long long)ev->seq, (long long)ev->seq, when, (int)ev->kind_len, ev->kind, (int)ev->side_len, ev->side,
	            (int)ev->author_len, ev->author, hash, pg->scratch.data);
	return 0;
}

static int timeline(struct page *pg, const struct filter *f, struct err *e)
{
	struct html *h = pg->h;
	int64_t total;
	if (store_timeline_count(pg->r->db, pg->p.id, &f->tf, &total, e))
		return -1;
	int64_t pages = total ? (total + PER_PAGE - 1) / PER_PAGE : 1;
	char text[200];
	html_printf(h, "<section id=\"timeline\">\n<h2>%h</h2>\n", _("Timeline"));
	filter_form(pg, f);
	html_printf(h, "<p class=\"meta count\"><span class=\"total\">%lld</span> %h", (long long)total,
	            P_("event", "events", total));
	if (f->kind) {
		i18n_snprintf(text, sizeof text, _("of kind %s"), f->kind);
		html_printf(h, " %h", text);
	}
	if (f->from) {
		i18n_snprintf(text, sizeof text, _("from %s"), f->from);
		html_printf(h, " %h", text);
	}
	if (f->to) {
		i18n_snprintf(text, sizeof text, _("to %s"), f->to);
		html_printf(h, " %h", text);
	}
	i18n_snprintf(text, sizeof text, _("(UTC), newest first; page %lld of %lld."), (long long)f->page,
	              (long long)pages);
	html_printf(h, " %h</p>\n", text);
	html_printf(h,
	            "<div class=\"scroll\"><table class=\"timeline\">\n<thead><tr><th class=\"num\">%h</th><th>%h</th>"
	            "<th>%h</th><th class=\"by\">%h</th><th class=\"hash\">%h</th><th>%h</th></tr></thead>\n<tbody>\n",
	            _("Seq"), _("When (UTC)"), _("Kind"), _("Recorded by"), _("Hash"), _("Summary"));
	if (store_timeline_page(pg->r->db, &pg->head, &f->tf, (f->page - 1) * PER_PAGE, PER_PAGE, timeline_row, pg, e))
		return -1;
	html_printf(h, "</tbody>\n</table></div>\n<nav class=\"pages\" aria-label=\"%h\">", _("Timeline pages"));
	if (f->page > 1) {
		html_lit(h, "<a rel=\"prev\" href=\"");
		page_link(pg, f, f->page - 1 < pages ? f->page - 1 : pages);
		html_printf(h, "\">&larr; %h</a>", _("Newer"));
	}
	if (f->page < pages) {
		html_lit(h, "<a rel=\"next\" href=\"");
		page_link(pg, f, f->page + 1);
		html_printf(h, "\">%h &rarr;</a>", _("Older"));
	}
	html_lit(h, "</nav>\n</section>\n");
	return 0;
}

/* --- the chain ---------------------------------------------------------------------- */

/* Checking a chain reads and hashes every event of it (some 4 ms for the
 * 4 000 of a 20-year relationship): each thread keeps its last verdicts
 * and reuses one for CHAIN_TTL seconds (of the monotonic clock, not the
 * request's, which $RAPPORT_NOW may pin) while the head is unchanged.
 * An edit behind rapport's back shows within that time. */
#define CHAIN_TTL 60
#define CHAIN_SEEN 16

static _Thread_local struct chain_seen {
	int64_t rel, seq;
	unsigned char hash[SHA256_LEN];
	double checked; /* monotonic seconds; 0: empty */
	int verdict;
	struct verify_report rep;
} chain_seen[CHAIN_SEEN];
static _Thread_local unsigned chain_next;

static double monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ledger_check of the page's relationship, or a recent verdict on the
 * same head. */
static int chain_verdict(struct page *pg, struct verify_report *rep, struct err *e)
{
	double now = monotonic();
	for (unsigned i = 0; i < CHAIN_SEEN; i++) {
		struct chain_seen *c = &chain_seen[i];
		if (c->checked > 0 && c->rel == pg->p.id && c->seq == pg->head.seq &&
		    !memcmp(c->hash, pg->head.hash, SHA256_LEN) && now - c->checked < CHAIN_TTL) {
			*rep = c->rep;
			return c->verdict;
		}
	}
	int v = ledger_check(pg->r->db, pg->p.id, rep, e);
	if (v < 0)
		return -1;
	struct chain_seen *c = &chain_seen[chain_next++ % CHAIN_SEEN];
	*c = (struct chain_seen){.rel = pg->p.id, .seq = pg->head.seq, .checked = now, .verdict = v, .rep = *rep};
	memcpy(c->hash, pg->head.hash, SHA256_LEN);
	return v;
}

static int chain(struct page *pg, struct err *e)
{
	struct html *h = pg->h;
	struct verify_report rep;
	int v = chain_verdict(pg, &rep, e);
	if (v < 0)
		return -1;
	char text[400];
	html_printf(h, "<section id=\"chain\">\n<h2>%h</h2>\n", _("The shared record"));
	if (v == 0) {
		i18n_snprintf(text, sizeof text,
		              _("Verified: %lld events, each linked to the one before by its hash; nothing was altered, "
		                "removed or reordered (checked within the last minute)."),
		              (long long)rep.events);
		html_printf(h, "<p class=\"ok chain-status\">%h</p>\n", text);
	} else {
		i18n_snprintf(text, sizeof text, _("Not verified: the first bad event is #%lld: %s."), (long long)rep.bad_seq,
		              rep.reason);
		html_printf(h, "<p class=\"bad chain-status\">%h</p>\n", text);
	}
	char hash[13];
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 6; i++) {
		hash[2 * i] = hex[pg->head.hash[i] >> 4];
		hash[2 * i + 1] = hex[pg->head.hash[i] & 15];
	}
	hash[12] = '\0';
	i18n_snprintf(text, sizeof text, _("Head: event #%lld, hash"), (long long)pg->head.seq);
	html_printf(h, "<p>%h <code class=\"head\">%h</code>&hellip;</p>\n", text, hash);
	int64_t size, at;
	int c = store_checkpoint_last(pg->r->db, pg->p.id, &size, &at, e);
	if (c < 0)
		return -1;
	if (c) {
		char when[17];
		minute_text(at, 0, when);
		i18n_snprintf(text, sizeof text, _("Last checkpoint: %lld events, signed %s UTC."), (long long)size, when);
		html_printf(h, "<p class=\"checkpoint\">%h</p>\n", text);
	} else {
		html_printf(h, "<p class=\"checkpoint\">%h</p>\n", _("Last checkpoint: no checkpoint yet."));
	}
	html_lit(h, "</section>\n");
	return 0;
}

/* --- the handler ------------------------------------------------------------------- */

/* The year's series and what moved the scores, computed once a minute
 * while the record stays as it is and shared by every reader (memo.h). */
struct series_answer {
	struct trust_result res[WEEKS + 1];
	struct series_explain why;
};

static int series_memo(struct page *pg, struct err *e)
{
	struct req *r = pg->r;
	struct memo *m = r->web ? r->web->memo : NULL;
	char key[MEMO_KEY_MAX], version[64];
	size_t len;
	web_rel_version(&pg->head, version);
	snprintf(key, sizeof key, "partner:%lld:%lld", (long long)pg->p.id, (long long)pg->now);
	struct series_answer *a = memo_get(m, key, version, r->pool, &len);
	if (a && len == sizeof *a) {
		memcpy(pg->res, a->res, sizeof a->res);
		pg->why = a->why;
		return 0;
	}
	if (series_scores(r->db, pg->p.id, pg->times, WEEKS + 1, pg->res, &pg->why, e))
		return -1;
	a = h2o_mem_alloc_pool(r->pool, sizeof *a);
	memcpy(a->res, pg->res, sizeof a->res);
	a->why = pg->why;
	memo_put(m, key, version, a, sizeof *a);
	return 0;
}

/* The page's parts that come from the record: above the form's warning
 * and links (the header with the gap clock) into a, below them (scores,
 * explanations, timeline, chain) into b. */
static int parts(struct page *pg, const struct filter *f, const struct party *buyer, struct html *a, struct html *b,
                 struct err *e)
{
	if (zone_load(pg->p.tz, &pg->zone, e))
		return -1;
	/* a year weekly, the last point now: one reading of the record */
	for (int i = 0; i <= WEEKS; i++)
		pg->times[i] = pg->now - (int64_t)(WEEKS - i) * 7 * DAY;
	pg->res = h2o_mem_alloc_pool(pg->r->pool, sizeof *pg->res * (WEEKS + 1));
	pg->why.k = EXPLAIN_TOP;
	if (series_memo(pg, e))
		return -1;
	pg->h = a;
	if (header(pg, buyer, e))
		return -1;
	pg->h = b;
	scores(pg);
	return explanations(pg, e) || timeline(pg, f, e) || chain(pg, e) ? -1 : 0;
}

/* The relationship's rows as files that open in a spreadsheet and import
 * again (page_export.c), for either side. */
static void downloads(struct html *h, const struct req *r, int64_t id)
{
	static const struct {
		const char *kind, *label;
	} kinds[] = {{"orders", N_("Orders")},     {"payments", N_("Payments")},       {"contacts", N_("Contacts")},
	             {"people", N_("People")},     {"commitments", N_("Commitments")}};
	html_printf(h, "<p class=\"downloads\">%h", _("Download as CSV:"));
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++) {
		if (i)
			html_lit(h, " &middot;");
		html_lit(h, " ");
		html_printf(h, "<a href=\"/partners/%lld/export/%t.csv\" download>%h</a>", (long long)id, kinds[i].kind,
		            _(kinds[i].label));
	}
	if (session_can_write(r->session))
		html_printf(h, " &middot; <a href=\"/partners/%lld/import\">%h</a>", (long long)id,
		            _("Import from a CSV file"));
	html_lit(h, "</p>\n");
}

static int render(struct page *pg, const struct filter *f, const struct party *buyer, struct err *e)
{
	struct req *r = pg->r;
	struct html *h = pg->h, a, b;
	html_init(&a, r->pool);
	html_init(&b, r->pool);
	/* The parts are the same for a minute while the relationship's record
	 * stays as it is, for each language, side and filter: kept (memo.h)
	 * as the length of a, then a and b. */
	struct memo *m = r->web ? r->web->memo : NULL;
	char key[MEMO_KEY_MAX], version[64];
	const h2o_req_t *hr = r->h;
	int qlen = hr->query_at != SIZE_MAX && hr->query_at < hr->path.len ? (int)(hr->path.len - hr->query_at) : 0;
	web_rel_version(&pg->head, version);
	snprintf(key, sizeof key, "page:partner:%lld:%d:%d:%lld:%.*s", (long long)pg->p.id, r->session->partner != 0,
	         r->lang, (long long)pg->now, qlen, qlen ? hr->path.base + hr->query_at : "");
	size_t len, alen;
	const char *kept = memo_get(m, key, version, r->pool, &len);
	if (kept && len >= sizeof alen && (memcpy(&alen, kept, sizeof alen), alen <= len - sizeof alen)) {
		html_raw_(&a, kept + sizeof alen, alen);
		html_raw_(&b, kept + sizeof alen + alen, len - sizeof alen - alen);
	} else {
		if (parts(pg, f, buyer, &a, &b, e))
			return -1;
		alen = a.len;
		char *blob = h2o_mem_alloc_pool(r->pool, sizeof alen + a.len + b.len);
		memcpy(blob, &alen, sizeof alen);
		memcpy(blob + sizeof alen, a.data, a.len);
		memcpy(blob + sizeof alen + a.len, b.data, b.len);
		memo_put(m, key, version, blob, sizeof alen + a.len + b.len);
	}
	pg->h = h;
	layout_begin_css(h, r, pg->p.name, page_css);
	html_raw_(h, a.data, a.len);
	if (pg->flash)
		flash_html(h, pg->flash);
	if (session_can_write(r->session))
		html_printf(h, "<p class=\"record\"><a href=\"/partners/%lld/record\">%h</a></p>\n", (long long)pg->p.id,
		            _("Record an event"));
	downloads(h, r, pg->p.id);
	html_raw_(h, b.data, b.len);
	layout_end(h, r);
	return 0;
}

int page_partner(struct req *r, struct err *e)
{
	int64_t id;
	/* a partner's user sees its own relationship only: any other id is
	 * answered as one that does not exist */
	if (r->nparam < 1 || !web_id_parse(r->param[0], &id) || !web_partner_visible(r, id)) {
		req_send_error(r, 404, _("There is no partner at this address."));
		return 0;
	}
	struct html h;
	/* to the minute, so the series read once serves the minute (memo.h) */
	struct page pg = {.r = r, .h = &h, .now = r->now - r->now % 60};
	struct party buyer;
	int found = store_partner_get(r->db, id, &pg.p, e);
	if (found < 0)
		return -1;
	int rel = found ? store_rel_head(r->db, id, &pg.head, e) : 0;
	if (rel < 0)
		return -1;
	if (!found || !rel) {
		req_send_error(r, 404, _("There is no partner with this id."));
		return 0;
	}
	pg.flash = flash_take(r);
	struct filter f;
	int have_buyer = store_buyer_get(r->db, &buyer, e);
	if (have_buyer < 0 || read_filter(r, &f, e))
		return -1;
	if (!have_buyer)
		buyer = (struct party){.tz = "UTC"};
	html_init(&h, r->pool);
	int rc = render(&pg, &f, &buyer, e);
	zone_free(pg.zone);
	buf_release(&pg.scratch);
	if (rc)
		return -1;
	req_send_html(r, 200, &h);
	return 0;
}
