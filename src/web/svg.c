/* svg.c - sparklines and trend charts with uncertainty bands as inline
 * SVG (svg.h). Owns the charts' geometry; knows nothing of trust, routes
 * or the database: it is given numbers and labels. Writes only through
 * the HTML printer, so labels are escaped; coordinates are rounded to
 * two decimals. Dates are UTC day numbers (calendar/day.h): no TZ. */
#include "web/svg.h"

#include <math.h>

#include "calendar/day.h"
#include "web/i18n.h"

#define DAY 86400

/* The trend chart's plot area (svg.h). */
#define PLOT_X0 40
#define PLOT_X1 620
#define PLOT_Y0 20  /* score 1 */
#define PLOT_Y1 220 /* score 0 */

static const char *const colour[SVG_MAX_LINES] = {"#1f6feb", "#c2410c"};

static double clamp(double v)
{
	return v >= 0 ? (v <= 1 ? v : 1) : 0; /* NaN fails both tests: 0 */
}

/* x rounded to two decimals, without trailing zeros: 14.8, 33.33, 2. */
static void num(struct html *h, double x)
{
	long long c = llround(x * 100);
	if (c < 0) {
		html_lit(h, "-");
		c = -c;
	}
	html_printf(h, "%lld", c / 100);
	long long f = c % 100;
	if (f % 10 == 0 && f)
		html_printf(h, ".%lld", f / 10);
	else if (f) {
		char two[3] = {'.', (char)('0' + f / 10), (char)('0' + f % 10)};
		html_raw_(h, two, 3);
	}
}

static void point(struct html *h, double x, double y, int first)
{
	if (!first)
		html_lit(h, " ");
	num(h, x);
	html_lit(h, ",");
	num(h, y);
}

/* --- sparkline ----------------------------------------------------------------- */

static double spark_x(size_t i, size_t n)
{
	return n == 1 ? SVG_SPARK_W / 2.0 : 2 + (double)(SVG_SPARK_W - 4) * (double)i / (double)(n - 1);
}

static double spark_y(double v)
{
	return 2 + 16 * (1 - clamp(v));
}

void svg_sparkline(struct html *h, const double *v, size_t n, const char *label)
{
	html_printf(h,
	            "<svg class=\"spark\" viewBox=\"0 0 %d %d\" role=\"img\"><title>%h</title>"
	            "<line x1=\"0\" y1=\"10\" x2=\"100\" y2=\"10\" stroke=\"#ddd\" stroke-width=\"1\"/>",
	            SVG_SPARK_W, SVG_SPARK_H, label);
	if (n >= 2) {
		html_lit(h, "<polyline fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\" points=\"");
		for (size_t i = 0; i < n; i++)
			point(h, spark_x(i, n), spark_y(v[i]), i == 0);
		html_lit(h, "\"/>");
	}
	if (n >= 1) {
		html_lit(h, "<circle r=\"2\" fill=\"currentColor\" cx=\"");
		num(h, spark_x(n - 1, n));
		html_lit(h, "\" cy=\"");
		num(h, spark_y(v[n - 1]));
		html_lit(h, "\"/>");
	}
	html_lit(h, "</svg>");
}

/* --- trend chart ------------------------------------------------------------------- */

static double trend_x(const struct svg_trend *c, int64_t t)
{
	int64_t t0 = c->t[0], t1 = c->t[c->n - 1];
	if (t1 <= t0)
		return (PLOT_X0 + PLOT_X1) / 2.0;
	return PLOT_X0 + (double)(PLOT_X1 - PLOT_X0) * (double)(t - t0) / (double)(t1 - t0);
}

static double trend_y(double v)
{
	return PLOT_Y0 + (double)(PLOT_Y1 - PLOT_Y0) * (1 - clamp(v));
}

/* The month index (12 y + m - 1) of the first month starting at or after t. */
static long first_month_from(int64_t t)
{
	int y, m, d;
	long day = day_of_time(t);
	day_to_ymd(day, &y, &m, &d);
	long mi = (long)y * 12 + m - 1;
	return d == 1 && (int64_t)day * DAY == t ? mi : mi + 1;
}

static int64_t month_start(long mi)
{
	return (int64_t)day_from_ymd((int)(mi / 12), (int)(mi % 12) + 1, 1) * DAY;
}

/* Ticks at the first of every step months within [t0, t1]: the smallest
 * step of the table giving at most six. */
static void ticks(struct html *h, const struct svg_trend *c)
{
	static const int steps[] = {1, 2, 3, 6, 12, 24, 60, 120};
	int64_t t0 = c->t[0], t1 = c->t[c->n - 1];
	long a = first_month_from(t0), step = 0;
	for (size_t s = 0; s < sizeof steps / sizeof steps[0] && !step; s++) {
		int count = 0;
		for (long mi = a; month_start(mi) <= t1 && count <= 6; mi++)
			count += mi % steps[s] == 0;
		if (count <= 6)
			step = steps[s];
	}
	if (!step)
		return; /* more than 720 years: no ticks */
	html_lit(h, "<g font-size=\"16\" fill=\"#555\" text-anchor=\"middle\">");
	for (long mi = a; month_start(mi) <= t1; mi++) {
		if (mi % step)
			continue;
		double x = trend_x(c, month_start(mi));
		html_lit(h, "<line stroke=\"#999\" y1=\"220\" y2=\"225\" x1=\"");
		num(h, x);
		html_lit(h, "\" x2=\"");
		num(h, x);
		html_lit(h, "\"/><text y=\"238\" x=\"");
		num(h, x);
		html_printf(h, "\">%04ld-%02ld</text>", mi / 12, mi % 12 + 1);
	}
	html_lit(h, "</g>");
}

/* The band: the upper bound left to right, then the lower right to left. */
static void band(struct html *h, const struct svg_trend *c, const struct svg_line *l, size_t k)
{
	html_printf(h, "<polygon class=\"band\" fill=\"%h\" fill-opacity=\"0.15\" stroke=\"none\" points=\"", colour[k]);
	for (size_t i = 0; i < c->n; i++)
		point(h, trend_x(c, c->t[i]), trend_y(l->score[i] + l->sigma[i]), i == 0);
	for (size_t i = c->n; i-- > 0;)
		point(h, trend_x(c, c->t[i]), trend_y(l->score[i] - l->sigma[i]), 0);
	html_lit(h, "\"/>");
}

static void line(struct html *h, const struct svg_trend *c, const struct svg_line *l, size_t k)
{
	if (c->n >= 2) {
		html_printf(h, "<polyline fill=\"none\" stroke=\"%h\" stroke-width=\"2\" points=\"", colour[k]);
		for (size_t i = 0; i < c->n; i++)
			point(h, trend_x(c, c->t[i]), trend_y(l->score[i]), i == 0);
		html_lit(h, "\"/>");
	}
	html_printf(h, "<circle r=\"3\" fill=\"%h\" cx=\"", colour[k]);
	num(h, trend_x(c, c->t[c->n - 1]));
	html_lit(h, "\" cy=\"");
	num(h, trend_y(l->score[c->n - 1]));
	html_lit(h, "\"/>");
}

/* What a screen reader says: the span and the latest values. */
static void describe(struct html *h, const struct svg_trend *c, size_t nlines)
{
	if (c->n == 0) {
		html_printf(h, "%h", _("No scores to show."));
		return;
	}
	char from[11], to[11];
	day_format(day_of_time(c->t[0]), from);
	day_format(day_of_time(c->t[c->n - 1]), to);
	char span[128];
	/* TRANSLATORS: a chart's description for screen readers; the latest values follow */
	i18n_snprintf(span, sizeof span, _("From %s to %s. Latest: "), from, to);
	html_printf(h, "%h", span);
	for (size_t k = 0; k < nlines; k++) {
		const struct svg_line *l = &c->line[k];
		html_printf(h, "%h%h %.2f", k ? ", " : "", l->label, clamp(l->score[c->n - 1]));
		if (l->sigma)
			html_printf(h, " \xC2\xB1 %.2f", l->sigma[c->n - 1]);
	}
	html_lit(h, ".");
}

void svg_trend(struct html *h, const struct svg_trend *c)
{
	size_t nlines = c->nlines > SVG_MAX_LINES ? SVG_MAX_LINES : c->nlines;
	html_printf(h,
	            "<svg class=\"trend\" viewBox=\"0 0 %d %d\" role=\"img\" aria-labelledby=\"%h-t %h-d\">"
	            "<title id=\"%h-t\">%h</title><desc id=\"%h-d\">",
	            SVG_TREND_W, SVG_TREND_H, c->id, c->id, c->id, c->title, c->id);
	describe(h, c, nlines);
	html_lit(h, "</desc>\n"
	            "<g stroke=\"#ccc\" stroke-width=\"1\">"
	            "<line x1=\"40\" y1=\"20\" x2=\"620\" y2=\"20\"/>"
	            "<line x1=\"40\" y1=\"120\" x2=\"620\" y2=\"120\" stroke-dasharray=\"4 4\"/>"
	            "<line x1=\"40\" y1=\"220\" x2=\"620\" y2=\"220\"/></g>"
	            "<g font-size=\"16\" fill=\"#555\" text-anchor=\"end\">"
	            "<text x=\"34\" y=\"25\">1</text><text x=\"34\" y=\"125\">0.5</text><text x=\"34\" y=\"225\">0</text></g>\n");
	/* the legend, above the plot */
	html_lit(h, "<g font-size=\"16\" fill=\"#333\">");
	for (size_t k = 0; k < nlines; k++)
		html_printf(h, "<rect x=\"%d\" y=\"7\" width=\"12\" height=\"4\" fill=\"%h\"/><text x=\"%d\" y=\"14\">%h</text>",
		            40 + (int)k * 150, colour[k], 56 + (int)k * 150, c->line[k].label);
	html_lit(h, "</g>\n");
	if (c->n > 0) {
		ticks(h, c);
		html_lit(h, "\n");
		for (size_t k = 0; k < nlines; k++)
			if (c->line[k].sigma)
				band(h, c, &c->line[k], k);
		html_lit(h, "\n");
		for (size_t k = 0; k < nlines; k++)
			line(h, c, &c->line[k], k);
	}
	html_lit(h, "</svg>\n");
}
