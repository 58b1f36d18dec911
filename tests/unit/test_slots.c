/* test_slots.c - meeting slots worked by hand: London (09:00-18:00,
 * Monday-Friday) with a Shanghai factory (09:00-18:00, Monday-Saturday)
 * across the UK's change to summer time on Sunday 29 March 2026, and New
 * York with Dhaka, whose working hours never meet. */
#include <criterion/criterion.h>
#include <string.h>

#include "calendar/slots.h"

struct pair {
	struct zone *za, *zb;
	struct workweek wa, wb;
	struct slot_side a, b;
};

static void open_pair(struct pair *p, const char *za, const char *ca, const char *zb, const char *cb)
{
	struct err e = {0};
	cr_assert_eq(zone_load(za, &p->za, &e), 0, "%s", e.msg);
	cr_assert_eq(zone_load(zb, &p->zb, &e), 0, "%s", e.msg);
	cr_assert_eq(workweek_init(&p->wa, ca, &e), 0);
	cr_assert_eq(workweek_init(&p->wb, cb, &e), 0);
	p->a = (struct slot_side){p->za, &p->wa, SLOT_DEFAULT_START, SLOT_DEFAULT_END};
	p->b = (struct slot_side){p->zb, &p->wb, SLOT_DEFAULT_START, SLOT_DEFAULT_END};
}

static void close_pair(struct pair *p)
{
	workweek_release(&p->wa);
	workweek_release(&p->wb);
	zone_free(p->za);
	zone_free(p->zb);
}

Test(slots, london_shanghai_across_the_change_to_summer_time)
{
	struct pair p;
	open_pair(&p, "Europe/London", "GB", "Asia/Shanghai", "CN");
	struct slots s;
	struct err e = {0};
	cr_assert_eq(slot_list(&p.a, &p.b, 2026, 3, 27, 5, &s, &e), 0, "%s", e.msg);
	/* Fri 27 (GMT): 09:00-10:00 London is 17:00-18:00 Shanghai; Sat 28 and
	 * Sun 29 London rests; Mon 30 and Tue 31 (BST): 09:00-11:00 London is
	 * 16:00-18:00 Shanghai */
	cr_assert_eq(s.n, 3);
	cr_expect_str_eq(s.v[0].a_from, "2026-03-27T09:00:00+00:00");
	cr_expect_str_eq(s.v[0].a_to, "2026-03-27T10:00:00+00:00");
	cr_expect_str_eq(s.v[0].b_from, "2026-03-27T17:00:00+08:00");
	cr_expect_str_eq(s.v[0].b_to, "2026-03-27T18:00:00+08:00");
	cr_expect_str_eq(s.v[1].a_from, "2026-03-30T09:00:00+01:00");
	cr_expect_str_eq(s.v[1].a_to, "2026-03-30T11:00:00+01:00");
	cr_expect_str_eq(s.v[1].b_from, "2026-03-30T16:00:00+08:00");
	cr_expect_str_eq(s.v[1].b_to, "2026-03-30T18:00:00+08:00");
	cr_expect_eq(s.v[2].to - s.v[2].from, 2 * 3600);
	slot_release(&s);
	close_pair(&p);
}

Test(slots, holidays_on_either_side_remove_the_day)
{
	struct pair p;
	open_pair(&p, "Europe/London", "GB", "Asia/Shanghai", "CN");
	struct slots s;
	struct err e = {0};
	/* Mon 5 - Fri 9 October 2026: National Day in China to the 7th, so
	 * only Thursday 8 and Friday 9 */
	cr_assert_eq(slot_list(&p.a, &p.b, 2026, 10, 5, 5, &s, &e), 0);
	cr_assert_eq(s.n, 2);
	cr_expect_str_eq(s.v[0].a_from, "2026-10-08T09:00:00+01:00");
	cr_expect_str_eq(s.v[1].b_to, "2026-10-09T18:00:00+08:00");
	slot_release(&s);
	close_pair(&p);
}

Test(slots, hours_that_never_meet)
{
	struct pair p;
	open_pair(&p, "America/New_York", "US", "Asia/Dhaka", "BD");
	struct slots s;
	struct err e = {0};
	cr_assert_eq(slot_list(&p.a, &p.b, 2026, 6, 1, 14, &s, &e), 0);
	cr_expect_eq(s.n, 0, "09:00 in New York is 19:00 in Dhaka");
	/* a longer day in Dhaka (07:00-22:00) meets New York's morning:
	 * 09:00-12:00 EDT is 19:00-22:00 in Dhaka, Monday to Thursday (the
	 * week after the Eid al-Adha closure, which lasts to 3 June 2026) */
	p.b.start = 7 * 3600;
	p.b.end = 22 * 3600;
	cr_assert_eq(slot_list(&p.a, &p.b, 2026, 6, 8, 5, &s, &e), 0);
	cr_assert_eq(s.n, 4, "Friday 12 June is Dhaka's day off");
	cr_expect_str_eq(s.v[0].a_from, "2026-06-08T09:00:00-04:00");
	cr_expect_str_eq(s.v[0].b_to, "2026-06-08T22:00:00+06:00");
	slot_release(&s);
	/* and the Eid closure removes Monday 1 to Wednesday 3 June */
	cr_assert_eq(slot_list(&p.a, &p.b, 2026, 6, 1, 5, &s, &e), 0);
	cr_expect_eq(s.n, 1, "only Thursday 4 June");
	slot_release(&s);
	p.b.end = 3600;
	cr_expect_eq(slot_list(&p.a, &p.b, 2026, 6, 1, 5, &s, &e), -1);
	close_pair(&p);
}
