/* test_workweek.c - working days per country, worked by hand from the
 * calendars: weekends, holidays, China's make-up Saturdays (State Council
 * notice for 2026), Viet Nam's (the notices for 2025 and 2026) and closures
 * the caller adds. */
#include <criterion/criterion.h>

#include "calendar/workweek.h"

static struct workweek week(const char *cc)
{
	struct workweek w;
	struct err e = {0};
	cr_assert_eq(workweek_init(&w, cc, &e), 0, "%s", e.msg);
	return w;
}

static int working(struct workweek *w, int y, int m, int d)
{
	struct err e = {0};
	int r = workweek_is_working(w, y, m, d, NULL, &e);
	cr_assert(r >= 0, "%s", e.msg);
	return r;
}

Test(workweek, weekly_days_off)
{
	cr_expect_eq(workweek_weekend("BD"), WORKWEEK_DAY(5), "Bangladesh rests on Friday");
	cr_expect_eq(workweek_weekend("CN"), WORKWEEK_DAY(0), "factories work Monday to Saturday");
	cr_expect_eq(workweek_weekend("GB"), WORKWEEK_DAY(0) | WORKWEEK_DAY(6));
	cr_expect_eq(workweek_weekend("XX"), 0);
	struct workweek w;
	struct err e = {0};
	cr_expect_eq(workweek_init(&w, "XX", &e), -1);
}

Test(workweek, bangladesh_works_saturday_not_friday)
{
	struct workweek w = week("BD");
	cr_expect_eq(working(&w, 2026, 6, 5), 0, "Friday 5 June 2026");
	cr_expect_eq(working(&w, 2026, 6, 6), 1, "Saturday 6 June 2026");
	cr_expect_eq(working(&w, 2026, 6, 7), 1, "Sunday 7 June 2026");
	/* Eid al-Fitr 21-23 March 2026 and the factory closure around it */
	cr_expect_eq(working(&w, 2026, 3, 22), 0);
	cr_expect_eq(working(&w, 2026, 3, 25), 0);
	workweek_release(&w);
}

Test(workweek, china_make_up_saturdays_and_spring_festival)
{
	struct workweek w = week("CN");
	const char *why;
	struct err e = {0};
	cr_expect_eq(workweek_is_working(&w, 2026, 2, 16, &why, &e), 0);
	cr_expect_str_eq(why, "Spring Festival");
	cr_expect_eq(working(&w, 2026, 2, 28), 1, "Saturday 28 February is worked");
	cr_expect_eq(working(&w, 2026, 9, 20), 1, "Sunday 20 September is worked");
	cr_expect_eq(working(&w, 2026, 9, 13), 0, "an ordinary Sunday");
	cr_expect_eq(workweek_is_working(&w, 2026, 9, 13, &why, &e), 0);
	cr_expect_str_eq(why, "weekend");
	workweek_release(&w);
}

Test(workweek, viet_nam_make_up_saturdays_and_tet)
{
	/* factories work Monday to Saturday */
	cr_expect_eq(workweek_weekend("VN"), WORKWEEK_DAY(0));
	struct workweek w = week("VN");
	const char *why;
	struct err e = {0};
	/* Tet 2025: off Saturday 25 January to Sunday 2 February */
	cr_expect_eq(workweek_is_working(&w, 2025, 1, 25, &why, &e), 0);
	cr_expect_str_eq(why, "Lunar New Year (Tết)");
	cr_expect_eq(working(&w, 2025, 2, 2), 0);
	/* 30 April - 4 May 2025, Saturday 26 April worked */
	cr_expect_eq(working(&w, 2025, 4, 26), 1);
	cr_expect_eq(working(&w, 2025, 5, 3), 0, "Saturday 3 May is in the break");
	cr_expect_eq(working(&w, 2025, 4, 27), 0, "an ordinary Sunday");
	cr_expect_eq(working(&w, 2025, 5, 5), 1);
	workweek_release(&w);
	/* an office's week: the make-up Saturdays are worked, other Saturdays not */
	w = week("VN");
	w.weekend = WORKWEEK_DAY(0) | WORKWEEK_DAY(6);
	cr_expect_eq(working(&w, 2025, 4, 26), 1, "Saturday 26 April 2025");
	cr_expect_eq(working(&w, 2025, 4, 19), 0, "Saturday 19 April 2025");
	cr_expect_eq(working(&w, 2026, 1, 10), 1, "Saturday 10 January 2026");
	cr_expect_eq(working(&w, 2026, 8, 22), 1, "Saturday 22 August 2026");
	cr_expect_eq(working(&w, 2026, 8, 31), 0, "Monday 31 August 2026, swapped");
	int y, m, d;
	cr_assert_eq(workweek_add(&w, 2025, 4, 25, 1, &y, &m, &d, &e), 0, "%s", e.msg);
	cr_expect(y == 2025 && m == 4 && d == 26, "the next working day after Friday 25 April is %d-%d-%d", y, m, d);
	cr_assert_eq(workweek_add(&w, 2025, 4, 29, 1, &y, &m, &d, &e), 0, "%s", e.msg);
	cr_expect(y == 2025 && m == 5 && d == 5, "after Tuesday 29 April comes %d-%d-%d", y, m, d);
	workweek_release(&w);
}

Test(workweek, closures_added_by_the_caller)
{
	static const struct workweek_closure shut[] = {{"2026-07-27", "2026-08-07", "annual shutdown"}};
	struct workweek w = week("VN");
	w.closures = shut;
	w.nclosures = 1;
	const char *why;
	struct err e = {0};
	cr_expect_eq(workweek_is_working(&w, 2026, 8, 3, &why, &e), 0);
	cr_expect_str_eq(why, "annual shutdown");
	cr_expect_eq(working(&w, 2026, 8, 8), 1, "Saturday 8 August, the shutdown over");
	workweek_release(&w);
}

Test(workweek, adding_working_days)
{
	struct workweek w = week("US");
	int y, m, d;
	struct err e = {0};
	/* Thursday 2 July 2026 + 1 working day: Friday 3 July is the observed
	 * Independence Day, so Monday 6 July */
	cr_assert_eq(workweek_add(&w, 2026, 7, 2, 1, &y, &m, &d, &e), 0);
	cr_expect(y == 2026 && m == 7 && d == 6, "%d-%d-%d", y, m, d);
	/* across New Year: Wednesday 30 December 2026 + 2 -> Monday 4 January 2027 */
	cr_assert_eq(workweek_add(&w, 2026, 12, 30, 2, &y, &m, &d, &e), 0);
	cr_expect(y == 2027 && m == 1 && d == 4, "%d-%d-%d", y, m, d);
	/* from a day off the count starts the day after: Saturday 4 July 2026
	 * + 1 is Monday 6 July, + 0 the same Monday */
	cr_assert_eq(workweek_add(&w, 2026, 7, 4, 1, &y, &m, &d, &e), 0);
	cr_expect(y == 2026 && m == 7 && d == 6, "%d-%d-%d", y, m, d);
	cr_assert_eq(workweek_add(&w, 2026, 7, 4, 0, &y, &m, &d, &e), 0);
	cr_expect(y == 2026 && m == 7 && d == 6, "%d-%d-%d", y, m, d);
	cr_expect_eq(workweek_add(&w, 2026, 7, 4, -1, &y, &m, &d, &e), -1);
	workweek_release(&w);
}
