/* page_partner.c - GET /partners/{id}: one relationship as both sides see
 * it: the partner (country, city, local time), how trustworthy each side
 * has been per dimension with a year's trend and what moved each score,
 * the timeline of events (filtered by kind and dates, 50 a page) and the
 * state of the shared record's hash chain. Reads only. Runs on a server
 * thread: zones through calendar/zone.c, scores through series.c (both
 * thread-safe), never util/time.c's zone functions. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "calendar/day.h"
#include "calendar/zone.h"
#include "event.h"
#include "ledger.h"
#include "series.h"
#include "store/events.h"
#include "store/parties.h"
#include "trust.h"
#include "util/buf.h"
#include "util/time.h"
#include "web/flash.h"
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

/* A path segment that is a whole positive decimal id, without sign or
 * leading zero; anything else names no partner. */
static int parse_id(const char *s, int64_t *out)
{
	int64_t v = 0;
	if (!*s || *s == '0' || strlen(s) > 18)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	*out = v;
	return 0;
}

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* The value of name in the query string, decoded (%XX, '+' a space), in
 * the request's pool; NULL when absent or empty. A value decoding to a NUL
 * byte is an ERR_INPUT. Temporary: the form decoder (web/form.c) will
 * own this once it lands. */
static int query(struct req *r, const char *name, const char **out, struct err *e)
{
	*out = NULL;
	const h2o_iovec_t *path = &r->h->path;
	if (r->h->query_at == SIZE_MAX || r->h->query_at >= path->len)
		return 0;
	const char *p = path->base + r->h->query_at + 1, *end = path->base + path->len;
	size_t nlen = strlen(name);
	while (p < end) {
		const char *amp = memchr(p, '&', (size_t)(end - p)), *stop = amp ? amp : end;
		const char *eq = memchr(p, '=', (size_t)(stop - p));
		if (eq && (size_t)(eq - p) == nlen && !memcmp(p, name, nlen)) {
			const char *v = eq + 1;
			char *d = h2o_mem_alloc_pool(r->pool, (size_t)(stop - v) + 1);
			size_t n = 0;
			for (const char *q = v; q < stop; q++) {
				int hi, lo;
				if (*q == '+') {
					d[n++] = ' ';
				} else if (*q == '%' && stop - q >= 3 && (hi = hexval(q[1])) >= 0 && (lo = hexval(q[2])) >= 0) {
					d[n++] = (char)(hi * 16 + lo);
					q += 2;
				} else {
					d[n++] = *q;
				}
			}
			d[n] = '\0';
			if (strlen(d) != n)
				return err_set(e, ERR_INPUT, "%s: a NUL byte in the address", name);
			*out = n ? d : NULL; /* the last one given wins */
		}
		p = stop + 1;
	}
	return 0;
}

/* 1 when k is an event kind or the group of some ("issue" for issue.*). */
static int kind_known(const char *k)
{
	size_t n = strlen(k);
	for (size_t i = 0; i < event_nkinds; i++) {
		const char *name = event_kinds[i].name;
		if (!strcmp(name, k) || (!strncmp(name, k, n) && name[n] == '.'))
			return 1;
	}
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
	if (f->kind && !kind_known(f->kind))
		return err_set(e, ERR_INPUT, "kind: no kind of event is called \"%s\"", f->kind);
	f->tf.kind = f->kind;
	if (f->from && read_date(f->from, "from", &f->tf.from, e))
		return -1;
	if (f->to && read_date(f->to, "to", &f->tf.to, e))
		return -1;
	if (f->to)
		f->tf.to += DAY - 1; /* the whole day */
	if (f->tf.to < f->tf.from)
		return err_set(e, ERR_INPUT, "to: before from");
	if (page) {
		char *end;
		long long v = strtoll(page, &end, 10);
		if (*end || end == page || v < 1 || v > MAX_PAGE || *page == '+' || *page == ' ')
			return err_set(e, ERR_INPUT, "page: not a page number: \"%s\"", page);
		f->page = v;
	}
	return 0;
}

/* --- formatting -------------------------------------------------------------------- */

static long day_of(int64_t t)
{
	return (long)(t / DAY - (t % DAY < 0));
}

/* "2026-11-23 02:56" of t + offset seconds. */
static void minute_text(int64_t t, int32_t offset, char out[17])
{
	int64_t local = t + offset;
	long day = day_of(local);
	int64_t secs = local - (int64_t)day * DAY;
	char date[11];
	day_format(day, date);
	unsigned m = (unsigned)(secs / 60); /* 0 .. 1439 */
	snprintf(out, 17, "%.10s %02u:%02u", date, m / 60 % 24, m % 60);
}

/* Trust dimension names as headings: "Reliability". */
static const char *const dim_titles[TRUST_NDIM] = {"Reliability", "Communication", "Transparency", "Fairness",
                                                    "Respect"};
static const char *const dir_titles[TRUST_NDIR] = {"the partner", "the buyer"};

/* What each rule's evidence means, in words. */
static const struct {
	const char *key, *words;
} rule_words[] = {
	{"commitment.kept", "a promise kept on time"},
	{"commitment.late", "a promise late"},
	{"commitment.broken", "a promise broken"},
	{"commitment.renegotiated_early", "a new date agreed in time"},
	{"update.on_time", "an update in its slot"},
	{"update.missed", "an update slot missed"},
	{"contact.gap", "a silence past the agreed gap"},
	{"issue.self_disclosed", "a problem disclosed by the side responsible"},
	{"issue.discovered", "a problem hidden, then discovered"},
	{"issue.acked_in_sla", "a problem acknowledged in time"},
	{"issue.ack_overdue", "a problem left unacknowledged"},
	{"issue.resolved", "a problem resolved"},
	{"payment.on_time", "a payment on time"},
	{"payment.late", "a payment late"},
	{"spec.change_with_notice", "a spec change with notice"},
	{"spec.change_in_freeze", "a spec change inside the freeze window"},
	{"spec.change_last_week", "a spec change in the last week before production"},
	{"visit", "a visit"},
	{"person.met", "a person met"},
	{"suggestion.answered", "a suggestion answered"},
	{"suggestion.ignored", "a suggestion left unanswered"},
	{"observance.acknowledged", "a holiday or event acknowledged"},
};

static const char *words_of(const char *key)
{
	for (size_t i = 0; i < sizeof rule_words / sizeof rule_words[0]; i++)
		if (!strcmp(rule_words[i].key, key))
			return rule_words[i].words;
	return key;
}

/* A page shell of its own. TEMPORARY: src/web/layout.c (being written
 * with sign-in) gives every page one; this goes when it lands. */
static void shell_begin(struct html *h, const char *title)
{
	html_printf(h,
	            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	            "<title>%h - Rapport</title>\n"
	            "<style>\n"
	            "body{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;color:#222;"
	            "line-height:1.4}\n"
	            "h1{margin:.2rem 0}h2{margin-top:2rem;border-bottom:1px solid #ddd}\n"
	            ".meta{color:#555}\n"
	            "table{border-collapse:collapse;width:100%%}th,td{text-align:left;padding:.3rem .5rem;"
	            "border-bottom:1px solid #eee;vertical-align:top}\n"
	            ".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	            ".sigma{color:#666;font-size:.85em}.scores td{white-space:nowrap}\n"
	            ".band-ok{color:#1a7f37}.band-at-risk{color:#9a6700}.band-critical{color:#cf222e}"
	            ".band-little-evidence,.band-no-evidence{color:#666}\n"
	            "svg.spark{width:6rem;height:1.2rem;color:#1f6feb}\n"
	            ".charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%%,26rem),1fr));gap:1rem}\n"
	            ".wide{overflow-x:auto}\n"
	            "figure{margin:0}svg.trend{width:100%%;height:auto}figcaption{font-weight:600}\n"
	            ".why li{margin:.2rem 0}.pos{color:#1a7f37}.neg{color:#cf222e}\n"
	            ".filters{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:end;margin:.5rem 0}\n"
	            ".filters label{display:flex;flex-direction:column;font-size:.9em}\n"
	            ".timeline td{font-size:.9em}.timeline code{font-size:.85em}\n"
	            ".pages{display:flex;gap:1rem;margin:.8rem 0}\n"
	            ".ok{color:#1a7f37}.bad{color:#cf222e;font-weight:600}\n"
	            ".notice{padding:.4rem .8rem;border:1px solid #d4a72c;border-radius:4px;background:#fff8c5}\n"
	            "@media (max-width:40rem){.timeline .hash,.timeline .by{display:none}}\n"
	            "</style>\n</head>\n<body>\n"
	            "<!-- temporary page shell (page_partner.c) until src/web/layout.c lands -->\n",
	            title);
}

static void shell_end(struct html *h)
{
	html_lit(h, "</body>\n</html>\n");
}

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

static void header(struct page *pg, const char *buyer)
{
	struct html *h = pg->h;
	struct zone_local l;
	zone_at(pg->zone, pg->now, &l);
	char local[17];
	minute_text(pg->now, l.utoff, local);
	int32_t off = l.utoff < 0 ? -l.utoff : l.utoff;
	html_printf(h, "<header>\n<p><a href=\"/\">Partners</a></p>\n<h1>%h</h1>\n", pg->p.name);
	html_printf(h, "<p class=\"meta\">Partner of %h. <span class=\"country\">%h</span>", buyer, pg->p.country);
	if (pg->p.city[0])
		html_printf(h, ", <span class=\"city\">%h</span>", pg->p.city);
	html_printf(h, ". Local time there: <time class=\"local\">%h</time> %h (UTC%h%02d:%02d, %h).</p>\n</header>\n",
	            local, l.abbr, l.utoff < 0 ? "-" : "+", off / 3600, off / 60 % 60, pg->p.tz);
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
	            dir, dim, s->score, s->sigma, s->score, s->sigma, cls, band, (long long)s->evidence);
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
	const char *title = dim == TRUST_NDIM ? "Overall" : dim_titles[dim];
	html_printf(h, "<tr data-dim=\"%h\"><th scope=\"row\">%h</th>", name, title);
	for (int d = 0; d < TRUST_NDIR; d++) {
		const struct trust_result *now = &pg->res[WEEKS];
		score_cells(h, trust_dir_names[d], name, dim == TRUST_NDIM ? &now->overall[d] : &now->dim[d][dim]);
		char label[96];
		snprintf(label, sizeof label, "%s, %s, the last %d weeks", title, dir_titles[d], WEEKS);
		html_lit(h, "<td class=\"spark-cell\">");
		svg_sparkline(h, values(pg, d, dim, 0), WEEKS + 1, label);
		html_lit(h, "</td>");
	}
	html_lit(h, "</tr>\n");
}

static void scores(struct page *pg)
{
	struct html *h = pg->h;
	char day[11];
	day_format(day_of(pg->now), day);
	html_printf(h,
	            "<section id=\"scores\">\n<h2>Trust</h2>\n"
	            "<p class=\"meta\">How trustworthy each side has been to the other, as of %h (UTC): the score "
	            "from 0 to 1 with its uncertainty (&plusmn;&sigma;), which shrinks only as evidence accumulates.</p>\n"
	            "<div class=\"wide\"><table class=\"scores\">\n<thead><tr><th rowspan=\"2\">Dimension</th>"
	            "<th colspan=\"4\">The partner has been</th><th colspan=\"4\">The buyer has been</th></tr>\n"
	            "<tr><th class=\"num\">Score</th><th>Band</th><th class=\"num items\">Items</th>"
	            "<th class=\"spark-cell\">%d weeks</th><th class=\"num\">Score</th><th>Band</th>"
	            "<th class=\"num items\">Items</th><th class=\"spark-cell\">%d weeks</th></tr></thead>\n"
	            "<tbody>\n",
	            day, WEEKS, WEEKS);
	score_row(pg, TRUST_NDIM);
	for (int k = 0; k < TRUST_NDIM; k++)
		score_row(pg, k);
	html_lit(h, "</tbody>\n</table></div>\n");

	html_printf(h, "<h3>The last %d weeks</h3>\n<div class=\"charts\">\n", WEEKS);
	for (int i = -1; i < TRUST_NDIM; i++) { /* the overall first, then each dimension */
		int dim = i < 0 ? TRUST_NDIM : i;
		const char *name = dim == TRUST_NDIM ? "overall" : trust_dim_names[dim];
		const char *title = dim == TRUST_NDIM ? "Overall" : dim_titles[dim];
		char id[32];
		snprintf(id, sizeof id, "trend-%s", name);
		struct svg_trend c = {.id = id, .title = title, .t = pg->times, .n = WEEKS + 1, .nlines = TRUST_NDIR};
		for (int d = 0; d < TRUST_NDIR; d++)
			c.line[d] = (struct svg_line){dir_titles[d], values(pg, d, dim, 0), values(pg, d, dim, 1)};
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
	day_format(day_of(it->t), date);
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
		html_printf(h, " &mdash; %h %h local time", !strcmp(key, "update.missed") ? "the slot of" : "no contact since",
		            when);
	}
	html_lit(h, "</li>\n");
	return 0;
}

static int explanations(struct page *pg, struct err *e)
{
	struct html *h = pg->h;
	html_printf(h,
	            "<section id=\"why\">\n<h2>What moved these scores</h2>\n"
	            "<p class=\"meta\">The %d pieces of evidence that weigh most in each score today, after forgetting "
	            "(older evidence counts less).</p>\n",
	            EXPLAIN_TOP);
	for (int k = 0; k < TRUST_NDIM; k++) {
		html_printf(h, "<h3>%h</h3>\n", dim_titles[k]);
		for (int d = 0; d < TRUST_NDIR; d++) {
			const struct series_why *w = &pg->why.why[d][k];
			html_printf(h, "<p>How %h has been:</p>\n", dir_titles[d]);
			if (!w->n) {
				html_lit(h, "<p class=\"meta\">No evidence yet: the score is the prior.</p>\n");
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
	            "<label>Kind <select name=\"kind\">",
	            (long long)pg->p.id);
	kind_option(h, "", "every kind", f->kind);
	/* each group of kinds ("issue": every issue.*) before its kinds */
	for (size_t i = 0; i < event_nkinds; i++) {
		const char *name = event_kinds[i].name, *dot = strchr(name, '.');
		if (dot) {
			size_t n = (size_t)(dot - name);
			int seen = 0;
			for (size_t j = 0; j < i && !seen; j++)
				seen = !strncmp(event_kinds[j].name, name, n) && event_kinds[j].name[n] == '.';
			if (!seen) {
				char group[64], label[80];
				snprintf(group, sizeof group, "%.*s", (int)n, name);
				snprintf(label, sizeof label, "%s (all)", group);
				kind_option(h, group, label, f->kind);
			}
		}
		kind_option(h, name, name, f->kind);
	}
	html_printf(h,
	            "</select></label>\n"
	            "<label>From <input type=\"date\" name=\"from\" value=\"%h\"></label>\n"
	            "<label>To <input type=\"date\" name=\"to\" value=\"%h\"></label>\n"
	            "<button type=\"submit\">Show</button> <a href=\"/partners/%lld#timeline\">Every event</a>\n</form>\n",
	            f->from ? f->from : "", f->to ? f->to : "", (long long)pg->p.id);
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
	html_lit(h, "<section id=\"timeline\">\n<h2>Timeline</h2>\n");
	filter_form(pg, f);
	html_printf(h, "<p class=\"meta count\"><span class=\"total\">%lld</span> event%h", (long long)total,
	            total == 1 ? "" : "s");
	if (f->kind)
		html_printf(h, " of kind %h", f->kind);
	if (f->from)
		html_printf(h, " from %h", f->from);
	if (f->to)
		html_printf(h, " to %h", f->to);
	html_printf(h, " (UTC), newest first; page %lld of %lld.</p>\n", (long long)f->page, (long long)pages);
	html_lit(h, "<div class=\"wide\"><table class=\"timeline\">\n<thead><tr><th class=\"num\">Seq</th><th>When (UTC)</th><th>Kind</th>"
	            "<th class=\"by\">Recorded by</th><th class=\"hash\">Hash</th><th>Summary</th></tr></thead>\n<tbody>\n");
	if (store_timeline_page(pg->r->db, &pg->head, &f->tf, (f->page - 1) * PER_PAGE, PER_PAGE, timeline_row, pg, e))
		return -1;
	html_lit(h, "</tbody>\n</table></div>\n<nav class=\"pages\" aria-label=\"Timeline pages\">");
	if (f->page > 1) {
		html_lit(h, "<a rel=\"prev\" href=\"");
		page_link(pg, f, f->page - 1 < pages ? f->page - 1 : pages);
		html_lit(h, "\">&larr; Newer</a>");
	}
	if (f->page < pages) {
		html_lit(h, "<a rel=\"next\" href=\"");
		page_link(pg, f, f->page + 1);
		html_lit(h, "\">Older &rarr;</a>");
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
	html_lit(h, "<section id=\"chain\">\n<h2>The shared record</h2>\n");
	if (v == 0)
		html_printf(h,
		            "<p class=\"ok chain-status\">Verified: %lld events, each linked to the one before by its "
		            "hash; nothing was altered, removed or reordered (checked within the last minute).</p>\n",
		            (long long)rep.events);
	else
		html_printf(h, "<p class=\"bad chain-status\">Not verified: the first bad event is #%lld: %h.</p>\n",
		            (long long)rep.bad_seq, rep.reason);
	char hash[13];
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < 6; i++) {
		hash[2 * i] = hex[pg->head.hash[i] >> 4];
		hash[2 * i + 1] = hex[pg->head.hash[i] & 15];
	}
	hash[12] = '\0';
	html_printf(h, "<p>Head: event #%lld, hash <code class=\"head\">%h</code>&hellip;</p>\n", (long long)pg->head.seq,
	            hash);
	int64_t size, at;
	int c = store_checkpoint_last(pg->r->db, pg->p.id, &size, &at, e);
	if (c < 0)
		return -1;
	if (c) {
		char when[17];
		minute_text(at, 0, when);
		html_printf(h, "<p class=\"checkpoint\">Last checkpoint: %lld events, signed %h UTC.</p>\n", (long long)size,
		            when);
	} else {
		html_lit(h, "<p class=\"checkpoint\">Last checkpoint: no checkpoint yet.</p>\n");
	}
	html_lit(h, "</section>\n");
	return 0;
}

/* --- the handler ------------------------------------------------------------------- */

static int render(struct page *pg, const struct filter *f, const char *buyer, struct err *e)
{
	struct html *h = pg->h;
	if (zone_load(pg->p.tz, &pg->zone, e))
		return -1;
	/* a year weekly, the last point now: one reading of the record */
	for (int i = 0; i <= WEEKS; i++)
		pg->times[i] = pg->now - (int64_t)(WEEKS - i) * 7 * DAY;
	pg->res = h2o_mem_alloc_pool(pg->r->pool, sizeof *pg->res * (WEEKS + 1));
	pg->why.k = EXPLAIN_TOP;
	if (series_scores(pg->r->db, pg->p.id, pg->times, WEEKS + 1, pg->res, &pg->why, e))
		return -1;
	shell_begin(h, pg->p.name);
	header(pg, buyer);
	if (pg->flash)
		flash_html(h, pg->flash);
	if (session_can_write(pg->r->session))
		html_printf(h, "<p class=\"record\"><a href=\"/partners/%lld/record\">%h</a></p>\n", (long long)pg->p.id,
		            _("Record an event"));
	scores(pg);
	if (explanations(pg, e) || timeline(pg, f, e) || chain(pg, e))
		return -1;
	shell_end(h);
	return 0;
}

int page_partner(struct req *r, struct err *e)
{
	int64_t id;
	/* a partner's user sees its own relationship only: any other id is
	 * answered as one that does not exist */
	if (r->nparam < 1 || parse_id(r->param[0], &id) || !web_partner_visible(r, id)) {
		req_send_error(r, 404, "There is no partner at this address.");
		return 0;
	}
	struct html h;
	struct page pg = {.r = r, .h = &h, .now = r->now};
	struct party buyer;
	int found = store_partner_get(r->db, id, &pg.p, e);
	if (found < 0)
		return -1;
	int rel = found ? store_rel_head(r->db, id, &pg.head, e) : 0;
	if (rel < 0)
		return -1;
	if (!found || !rel) {
		req_send_error(r, 404, "There is no partner with this id.");
		return 0;
	}
	pg.flash = flash_take(r);
	struct filter f;
	int have_buyer = store_buyer_get(r->db, &buyer, e);
	if (have_buyer < 0 || read_filter(r, &f, e))
		return -1;
	html_init(&h, r->pool);
	int rc = render(&pg, &f, have_buyer ? buyer.name : "the buyer", e);
	zone_free(pg.zone);
	buf_release(&pg.scratch);
	if (rc)
		return -1;
	req_send_html(r, 200, &h);
	return 0;
}
