/* test_svg.c - the inline SVG charts: coordinates of tiny series worked
 * out by hand from the geometry in svg.h, clamping to [0, 1], empty and
 * one-point series, date ticks, and escaping of every text. */
#include <criterion/criterion.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "web/svg.h"

static h2o_mem_pool_t pool;
static struct html h;

static void start(void)
{
	h2o_mem_init_pool(&pool);
	html_init(&h, &pool);
}

static void finish(void)
{
	h2o_mem_clear_pool(&pool);
}

TestSuite(svg, .init = start, .fini = finish);

static int count(const char *s, const char *needle)
{
	int n = 0;
	for (const char *p = s; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

#define expect_has(s) cr_expect(strstr(h.data, s), "missing %s in\n%s", s, h.data)

/* --- sparkline: x = 2 + 96 i / (n - 1), y = 2 + 16 (1 - v) ---------------------- */

Test(svg, sparkline_of_three_points)
{
	const double v[] = {0, 0.5, 1};
	svg_sparkline(&h, v, 3, "reliability");
	/* x 2, 50, 98; y 2 + 16 = 18, 2 + 8 = 10, 2 */
	expect_has("points=\"2,18 50,10 98,2\"");
	/* the dot on the latest */
	expect_has("<circle r=\"2\" fill=\"currentColor\" cx=\"98\" cy=\"2\"/>");
	expect_has("<svg class=\"spark\" viewBox=\"0 0 100 20\" role=\"img\"><title>reliability</title>");
	cr_expect(!strncmp(h.data, "<svg", 4) && !strcmp(h.data + h.len - 6, "</svg>"));
}

Test(svg, sparkline_clamps_and_rounds_to_two_places)
{
	const double v[] = {0.2, 0.9, 1.3, -0.1, NAN};
	svg_sparkline(&h, v, 5, "x");
	/* x 2, 26, 50, 74, 98; 0.2 -> 2 + 12.8 = 14.8; 0.9 -> 3.6; 1.3 -> 1 -> 2;
	 * -0.1 -> 0 -> 18; NaN -> 0 -> 18 */
	expect_has("points=\"2,14.8 26,3.6 50,2 74,18 98,18\"");
	h.len = 0;
	const double w[] = {0.2, 0.9, 1, 0.123};
	svg_sparkline(&h, w, 4, "x");
	/* x 2, 34, 66, 98 (steps of 96 / 3 = 32); 0.123 -> 2 + 14.032 = 16.032 */
	expect_has("points=\"2,14.8 34,3.6 66,2 98,16.03\"");
	h.len = 0;
	const double x[] = {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1};
	svg_sparkline(&h, x, 8, "x");
	/* steps of 96 / 7 = 13.714..: the second at 15.71, the seventh at 84.29 */
	expect_has("points=\"2,10 15.71,10 29.43,10 43.14,10 56.86,10 70.57,10 84.29,10 98,2\"");
}

Test(svg, sparkline_of_one_point_and_of_none)
{
	const double v[] = {0.75};
	svg_sparkline(&h, v, 1, "one");
	cr_expect(!strstr(h.data, "<polyline"), "no line through one point");
	expect_has("<circle r=\"2\" fill=\"currentColor\" cx=\"50\" cy=\"6\"/>");
	h.len = 0;
	svg_sparkline(&h, NULL, 0, "none");
	cr_expect(!strstr(h.data, "<polyline") && !strstr(h.data, "<circle"), "%s", h.data);
	expect_has("<title>none</title>");
	expect_has("</svg>");
}

Test(svg, sparkline_label_is_escaped)
{
	const double v[] = {0.5, 0.5};
	svg_sparkline(&h, v, 2, "<script>alert(1)</script> & \"q\"");
	expect_has("<title>&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;q&quot;</title>");
	cr_expect(!strstr(h.data, "<script>"));
}

/* --- trend: x = 40 + 580 (t - t0) / (t1 - t0), y = 20 + 200 (1 - v) ------------ */

#define JAN1 1767225600 /* 2026-01-01T00:00Z */
#define DAY 86400

Test(svg, trend_of_three_points_with_a_band)
{
	/* 2026-01-01, 2026-01-30 12:00 and 2026-03-01: 0, 29.5 and 59 days */
	const int64_t t[] = {JAN1, JAN1 + 59 * DAY / 2, JAN1 + 59 * DAY};
	const double score[] = {0, 0.5, 1}, sigma[] = {0.1, 0.1, 0.1};
	struct svg_trend c = {.id = "rel", .title = "Reliability", .t = t, .n = 3,
	                      .line = {{"the partner", score, sigma}}, .nlines = 1};
	svg_trend(&h, &c);
	/* x 40, 330, 620; the line at y 220, 120, 20 */
	expect_has("<polyline fill=\"none\" stroke=\"#1f6feb\" stroke-width=\"2\" points=\"40,220 330,120 620,20\"/>");
	/* upper 0.1, 0.6, 1.1 -> 1: y 200, 100, 20; lower right to left
	 * 0.9, 0.4, -0.1 -> 0: y 40, 140, 220 */
	expect_has("<polygon class=\"band\" fill=\"#1f6feb\" fill-opacity=\"0.15\" stroke=\"none\" "
	           "points=\"40,200 330,100 620,20 620,40 330,140 40,220\"/>");
	expect_has("<circle r=\"3\" fill=\"#1f6feb\" cx=\"620\" cy=\"20\"/>");
	/* gridlines at 1, 0.5 and 0 */
	expect_has("<line x1=\"40\" y1=\"20\" x2=\"620\" y2=\"20\"/>");
	expect_has("<line x1=\"40\" y1=\"120\" x2=\"620\" y2=\"120\" stroke-dasharray=\"4 4\"/>");
	expect_has("<line x1=\"40\" y1=\"220\" x2=\"620\" y2=\"220\"/>");
	expect_has("<text x=\"34\" y=\"125\">0.5</text>");
	/* two months: a tick at the first of each, 1 Feb at 40 + 580 * 31 / 59 */
	expect_has("x1=\"40\" x2=\"40\"/><text y=\"238\" x=\"40\">2026-01</text>");
	expect_has("x1=\"344.75\" x2=\"344.75\"/><text y=\"238\" x=\"344.75\">2026-02</text>");
	expect_has("x1=\"620\" x2=\"620\"/><text y=\"238\" x=\"620\">2026-03</text>");
	cr_expect_eq(count(h.data, "<text y=\"238\""), 3);
	/* accessible: role, title and a description of the latest values */
	expect_has("<svg class=\"trend\" viewBox=\"0 0 640 240\" role=\"img\" aria-labelledby=\"rel-t rel-d\">"
	           "<title id=\"rel-t\">Reliability</title>"
	           "<desc id=\"rel-d\">From 2026-01-01 to 2026-03-01. Latest: the partner 1.00 \xC2\xB1 0.10.</desc>");
	cr_expect(!strstr(h.data, "href") && !strstr(h.data, "<script"), "no external asset, no script");
}

Test(svg, trend_of_two_lines_one_without_a_band)
{
	const int64_t t[] = {JAN1, JAN1 + 10 * DAY};
	const double a[] = {0.25, 0.75}, sa[] = {0.5, 0.3}, b[] = {0.6, 0.4};
	struct svg_trend c = {.id = "o", .title = "Overall", .t = t, .n = 2,
	                      .line = {{"the partner", a, sa}, {"the buyer", b, NULL}}, .nlines = 2};
	svg_trend(&h, &c);
	/* a: y 170, 70; band upper 0.75, 1.05 -> 1: 70, 20; lower 0.45, -0.25 -> 0: 130, 220 */
	expect_has("points=\"40,170 620,70\"");
	expect_has("points=\"40,70 620,20 620,130 40,220\"");
	/* b: y 100, 140, in the second colour, no band */
	expect_has("<polyline fill=\"none\" stroke=\"#c2410c\" stroke-width=\"2\" points=\"40,100 620,140\"/>");
	cr_expect_eq(count(h.data, "<polygon"), 1);
	expect_has("Latest: the partner 0.75 \xC2\xB1 0.30, the buyer 0.40.</desc>");
	/* the legend names both */
	expect_has("<text x=\"56\" y=\"14\">the partner</text>");
	expect_has("<text x=\"206\" y=\"14\">the buyer</text>");
	/* ten days inside January: no month starts after the first instant */
	cr_expect_eq(count(h.data, "<text y=\"238\""), 1, "2026-01 at the first instant, which is a month start");
}

Test(svg, trend_ticks_a_year_every_two_months)
{
	/* 53 weekly points from 2025-11-26 to 2026-11-25 (as the relationship
	 * page draws): twelve firsts of months, too many; every second month
	 * of the calendar (Jan, Mar, ..., Nov) gives six ticks */
	int64_t t[53];
	double v[53];
	for (int i = 0; i < 53; i++) {
		t[i] = 1764115200 /* 2025-11-26T00:00Z */ + (int64_t)i * 7 * DAY;
		v[i] = 0.5;
	}
	struct svg_trend c = {.id = "y", .title = "Year", .t = t, .n = 53, .line = {{"p", v, NULL}}, .nlines = 1};
	svg_trend(&h, &c);
	cr_expect_eq(count(h.data, "<text y=\"238\""), 6, "%s", h.data);
	expect_has(">2026-01</text>");
	expect_has(">2026-11</text>");
	cr_expect(!strstr(h.data, ">2025-12</text>") && !strstr(h.data, ">2026-02</text>"));
}

Test(svg, trend_clamps_and_handles_one_point)
{
	const int64_t t[] = {JAN1};
	const double s[] = {1.5}, sg[] = {0.2};
	struct svg_trend c = {.id = "c", .title = "T", .t = t, .n = 1, .line = {{"p", s, sg}}, .nlines = 1};
	svg_trend(&h, &c);
	/* one time: the middle, x 330; 1.5 -> 1: y 20; band 1.7 -> 1 and 1.3 -> 1 */
	cr_expect(!strstr(h.data, "<polyline"));
	expect_has("<circle r=\"3\" fill=\"#1f6feb\" cx=\"330\" cy=\"20\"/>");
	expect_has("points=\"330,20 330,20\"");
	expect_has("Latest: p 1.00 \xC2\xB1 0.20.");
}

Test(svg, trend_of_an_empty_series)
{
	struct svg_trend c = {.id = "e", .title = "Empty", .t = NULL, .n = 0, .line = {{"p", NULL, NULL}}, .nlines = 1};
	svg_trend(&h, &c);
	expect_has("<desc id=\"e-d\">No scores to show.</desc>");
	cr_expect(!strstr(h.data, "<polyline") && !strstr(h.data, "<polygon") && !strstr(h.data, "<circle"));
	expect_has("<line x1=\"40\" y1=\"220\" x2=\"620\" y2=\"220\"/>");
	cr_expect(!strcmp(h.data + h.len - 7, "</svg>\n"));
}

Test(svg, trend_texts_are_escaped)
{
	const int64_t t[] = {JAN1, JAN1 + DAY};
	const double s[] = {0.5, 0.5};
	struct svg_trend c = {.id = "a\"b", .title = "<script>alert(1)</script>", .t = t, .n = 2,
	                      .line = {{"<b>&", s, NULL}}, .nlines = 1};
	svg_trend(&h, &c);
	expect_has("<title id=\"a&quot;b-t\">&lt;script&gt;alert(1)&lt;/script&gt;</title>");
	expect_has("aria-labelledby=\"a&quot;b-t a&quot;b-d\"");
	expect_has(">&lt;b&gt;&amp;</text>");
	expect_has("Latest: &lt;b&gt;&amp; 0.50.");
	cr_expect(!strstr(h.data, "<script>") && !strstr(h.data, "<b>"));
}
