/* page_slots.c - GET /partners/{id}/slots: the times in the coming days
 * when both sides are at work on a working day of each, every slot in both
 * local times (?from=YYYY-MM-DD, the buyer's date, today there by default;
 * ?days=N, 7 by default, at most WORKCAL_SLOT_MAX_DAYS). The slots are
 * workcal_slots', the same as `rapport slots` lists; reads only. */
#include <string.h>

#include "calendar/day.h"
#include "store/parties.h"
#include "util/time.h"
#include "web/fmt.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/web.h"
#include "workcal.h"

/* By day_weekday: 0 = Sunday. */
static const char *const weekday_names[7] = {N_("Sun"), N_("Mon"), N_("Tue"), N_("Wed"),
                                             N_("Thu"), N_("Fri"), N_("Sat")};

/* One side of a slot from zone_format's "2027-03-22T09:00:00+00:00" pair:
 * the weekday and date in the page's language, the hours (an end at the
 * next midnight is 24:00) and the offset from UTC. */
static void slot_cell(struct req *r, struct html *h, const char *from, const char *to)
{
	long day = 0;
	int y, m, d;
	day_parse(from, &day);
	day_to_ymd(day, &y, &m, &d);
	char date[64];
	fmt_date(r->fmt, r->lang, y, m, d, date, sizeof date);
	const char *end = strncmp(from, to, 10) && !strncmp(to + 11, "00:00", 5) ? "24:00" : to + 11;
	html_printf(h,
	            "<td><time datetime=\"%h\">%h %h</time> <time class=\"hours\" datetime=\"%h\">%.*h&ndash;%.*h</time>"
	            " <span class=\"utc\">UTC%h</span></td>",
	            from, _(weekday_names[day_weekday(day)]), date, to, 5, from + 11, 5, end, from + 19);
}

/* A side's working days in the page's language: "Mon-Sat". */
static void days_text(unsigned weekend, char *out, size_t size)
{
	const char *names[7];
	for (int i = 0; i < 7; i++)
		names[i] = _(weekday_names[i]);
	workcal_days_text_with(weekend, names, _("no day"), out, size);
}

static void side_line(struct html *h, const char *label, const struct workcal *w)
{
	char days[96], hours[32], line[PARTY_NAME_MAX + 256];
	days_text(w->week.weekend, days, sizeof days);
	workcal_hours_text(w, hours);
	i18n_snprintf(line, sizeof line, _("%s works %s, %s, %s time."), w->party.name, days, hours, w->party.tz);
	html_printf(h, "<li data-side=\"%h\">%h</li>\n", label, line);
}

/* ?days=N: 1 ... WORKCAL_SLOT_MAX_DAYS in plain digits, else -1. */
static int days_param(const char *s)
{
	int v = 0;
	if (!*s || strlen(s) > 3)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v >= 1 && v <= WORKCAL_SLOT_MAX_DAYS ? v : -1;
}

static int render(struct req *r, const struct party *p, struct workcal *buyer, struct workcal *partner, int y, int m,
                  int d, int days, struct err *e)
{
	struct slots out;
	struct err bad = {0};
	if (workcal_slots(buyer, partner, y, m, d, days, &out, &bad)) {
		if (bad.code != ERR_INPUT) {
			*e = bad;
			return -1;
		}
		return web_fail(r, e, 400, "%s", bad.msg);
	}
	struct html h;
	char title[PARTY_NAME_MAX + 64], first[64], last[64], line[256];
	long first_day = day_from_ymd(y, m, d);
	int ly, lm, ld;
	day_to_ymd(first_day + days - 1, &ly, &lm, &ld);
	fmt_date(r->fmt, r->lang, y, m, d, first, sizeof first);
	fmt_date(r->fmt, r->lang, ly, lm, ld, last, sizeof last);
	i18n_snprintf(title, sizeof title, _("Meeting slots with %s"), p->name);
	html_init(&h, r->pool);
	layout_begin(&h, r, title);
	html_printf(&h, "<p><a href=\"/partners/%lld\">%h</a></p>\n<h1>%h</h1>\n", (long long)p->id, p->name, title);
	i18n_snprintf(line, sizeof line, _("The times from %s to %s (the buyer's dates) when both sides are at work on a "
	                                   "working day of each."),
	              first, last);
	html_printf(&h, "<p>%h</p>\n<ul class=\"sides\">\n", line);
	side_line(&h, "buyer", buyer);
	side_line(&h, "partner", partner);
	html_lit(&h, "</ul>\n");

	char from[11];
	day_format(first_day, from);
	html_printf(&h,
	            "<form method=\"get\" action=\"/partners/%lld/slots\">\n"
	            "<div class=\"field\"><label for=\"f-from\">%h</label><input type=\"date\" id=\"f-from\" name=\"from\" "
	            "value=\"%h\"></div>\n"
	            "<div class=\"field\"><label for=\"f-days\">%h</label><input type=\"number\" id=\"f-days\" name=\"days\" "
	            "min=\"1\" max=\"%d\" value=\"%d\"></div>\n"
	            "<button type=\"submit\">%h</button>\n</form>\n",
	            (long long)p->id, _("From"), from, _("Days"), WORKCAL_SLOT_MAX_DAYS, days, _("Show"));

	if (out.n == 0) {
		html_printf(&h, "<p class=\"none\">%h</p>\n",
		            _("No time in these days when both sides are at work on a working day of each. Look further, "
		              "or agree other working hours in the settings."));
	} else {
		html_printf(&h,
		            "<div class=\"scroll\"><table class=\"list slots\">\n<thead><tr><th>%h (%h)</th><th>%h (%h)</th>"
		            "<th class=\"num\">%h</th></tr></thead>\n<tbody>\n",
		            buyer->party.name, buyer->party.tz, p->name, p->tz, _("Length"));
		for (size_t i = 0; i < out.n; i++) {
			const struct slot *s = &out.v[i];
			int64_t min = (s->to - s->from) / 60;
			char len[64];
			i18n_snprintf(len, sizeof len, _("%lld h %02lld min"), (long long)(min / 60), (long long)(min % 60));
			html_printf(&h, "<tr data-minutes=\"%lld\">", (long long)min);
			slot_cell(r, &h, s->a_from, s->a_to);
			slot_cell(r, &h, s->b_from, s->b_to);
			html_printf(&h, "<td class=\"num\">%h</td></tr>\n", len);
		}
		html_lit(&h, "</tbody>\n</table></div>\n");
	}
	slot_release(&out);
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}

int page_slots(struct req *r, struct err *e)
{
	int64_t rel;
	struct party p;
	if (!web_param_id(r, 0, &rel) || !web_partner_visible(r, rel))
		return web_not_found(r);
	int found = store_partner_get(r->db, rel, &p, e);
	if (found <= 0)
		return found < 0 ? -1 : web_not_found(r);
	const char *from = form_get(&r->query, "from"), *ndays = form_get(&r->query, "days");
	int days = WORKCAL_SLOT_DAYS, y = 0, m = 0, d = 0;
	if (ndays && *ndays && (days = days_param(ndays)) < 0) {
		char msg[128];
		i18n_snprintf(msg, sizeof msg, _("days: a number of days from 1 to %d"), WORKCAL_SLOT_MAX_DAYS);
		return web_fail(r, e, 400, "%s", msg);
	}
	/* time_parse_date reads with timegm, not TZ: thread-safe */
	if (from && *from && time_parse_date(from, "from", &y, &m, &d, e)) {
		r->fail_status = 400;
		return -1;
	}
	struct workcal buyer, partner;
	if (workcal_load(r->db, rel, WORKCAL_BUYER, &buyer, e))
		return -1;
	if (workcal_load(r->db, rel, WORKCAL_PARTNER, &partner, e)) {
		workcal_release(&buyer);
		return -1;
	}
	if (!(from && *from))
		workcal_today(&buyer, web_now(r), &y, &m, &d);
	int rc = render(r, &p, &buyer, &partner, y, m, d, days, e);
	workcal_release(&partner);
	workcal_release(&buyer);
	return rc;
}
