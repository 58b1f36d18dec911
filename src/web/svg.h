/* svg.h - inline SVG charts of trust scores, written through the HTML
 * printer (html.h), so every text is escaped and every number printed by
 * it. No script, no external asset; a fixed viewBox and no width or
 * height, so a chart scales to its container (a phone's screen too).
 * Scores are in [0, 1]; anything outside (or NaN) is clamped. */
#ifndef RAPPORT_SVG_H
#define RAPPORT_SVG_H

#include <stddef.h>
#include <stdint.h>

#include "web/html.h"

/* The sparkline's viewBox is 0 0 100 20: point i of n at
 * x = 2 + 96 i / (n - 1) (the middle when n is 1), y = 2 + 16 (1 - v),
 * leaving room for the dot on the latest. */
#define SVG_SPARK_W 100
#define SVG_SPARK_H 20

/* A sparkline of v[0..n-1], oldest first, with a dot on the latest;
 * label (escaped) is its accessible name. Nothing but the frame for n 0. */
void svg_sparkline(struct html *h, const double *v, size_t n, const char *label);

/* The trend chart's viewBox is 0 0 640 240. The plot spans x 40..620 by
 * time, t[0] at 40 and t[n-1] at 620 (the middle when they are equal), and
 * y 20..220 by score: y = 20 + 200 (1 - v), gridlines at 0, 0.5 and 1.
 * Dates are ticked at the first of every 1, 2, 3, 6 or 12 months (the
 * fewest giving at most six ticks), labelled YYYY-MM under the plot (y 238).
 * Text is 16 units high, readable where the chart is 320 px wide. */
#define SVG_TREND_W 640
#define SVG_TREND_H 240

struct svg_line {
	const char *label;    /* "the partner" (escaped) */
	const double *score;  /* n values */
	const double *sigma;  /* n values, or NULL for no band */
};

#define SVG_MAX_LINES 2

struct svg_trend {
	const char *id;       /* unique in the page: the title is id-t, the description id-d */
	const char *title;    /* "Reliability" (escaped) */
	const int64_t *t;     /* n times, seconds UTC, ascending */
	size_t n;
	struct svg_line line[SVG_MAX_LINES];
	size_t nlines;
};

/* A chart of up to two lines over time, each with its uncertainty band
 * (score +- sigma, clamped to [0, 1], as one filled polygon), axes, a
 * legend, and a description of the latest values for screen readers. */
void svg_trend(struct html *h, const struct svg_trend *c);

#endif
