/* slots.c - overlapping working hours of two sides in two zones: each
 * side's working window is turned into UTC instants through its own zone
 * (so a DST change moves it), then the windows are intersected. Knows no
 * I/O beyond what zone.c already loaded. */
#include "calendar/slots.h"

#include <stdlib.h>
#include <string.h>

#include "calendar/day.h"

static void add(struct slots *s, const struct slot_side *a, const struct slot_side *b, int64_t from, int64_t to)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->v = realloc(s->v, s->cap * sizeof *s->v);
		if (!s->v)
			abort();
	}
	struct slot *x = &s->v[s->n++];
	x->from = from;
	x->to = to;
	zone_format(a->zone, from, x->a_from);
	zone_format(a->zone, to, x->a_to);
	zone_format(b->zone, from, x->b_from);
	zone_format(b->zone, to, x->b_to);
}

/* The side's working window on local day `day`, or 0 when it does not work. */
static int window(const struct slot_side *s, long day, int64_t *from, int64_t *to, struct err *e)
{
	int y, m, d;
	day_to_ymd(day, &y, &m, &d);
	int r = workweek_is_working(s->week, y, m, d, NULL, e);
	if (r <= 0)
		return r;
	*from = zone_from_local(s->zone, y, m, d, s->start);
	*to = zone_from_local(s->zone, y, m, d, s->end);
	return *to > *from;
}

int slot_list(const struct slot_side *a, const struct slot_side *b, int y, int m, int d, int days, struct slots *out,
              struct err *e)
{
	memset(out, 0, sizeof *out);
	if (a->start < 0 || a->end > 86400 || a->start >= a->end || b->start < 0 || b->end > 86400 || b->start >= b->end)
		return err_set(e, ERR_INPUT, "hours: a working day starts before it ends, within the day");
	long first = day_from_ymd(y, m, d);
	for (long day = first; day < first + days; day++) {
		int64_t af, at;
		int r = window(a, day, &af, &at, e);
		if (r < 0)
			goto fail;
		if (!r)
			continue;
		/* b's local dates that can touch a's window: zones differ by less
		 * than a day and a half */
		for (long bd = day - 2; bd <= day + 2; bd++) {
			int64_t bf, bt;
			r = window(b, bd, &bf, &bt, e);
			if (r < 0)
				goto fail;
			int64_t from = af > bf ? af : bf, to = at < bt ? at : bt;
			if (r && from < to)
				add(out, a, b, from, to);
		}
	}
	return 0;
fail:
	slot_release(out);
	return -1;
}

void slot_release(struct slots *s)
{
	free(s->v);
	memset(s, 0, sizeof *s);
}
