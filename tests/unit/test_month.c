/* test_month.c - the month grid of the calendar pages, worked by hand from
 * a printed calendar: 1 February 2027 is a Monday (28 days, four full
 * weeks), 1 February 2028 a Tuesday in a leap year, 1 November 2026 a
 * Sunday (the last column, six rows). */
#include <criterion/criterion.h>

#include "calendar/day.h"
#include "calendar/month.h"

Test(month, days_in_month)
{
	int want[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	for (int m = 1; m <= 12; m++)
		cr_expect_eq(month_days(2027, m), want[m - 1], "2027-%02d", m);
	cr_expect_eq(month_days(2028, 2), 29, "2028 is a leap year");
	cr_expect_eq(month_days(2000, 2), 29, "divisible by 400");
	cr_expect_eq(month_days(2100, 2), 28, "divisible by 100, not by 400");
	cr_expect_eq(month_days(2026, 2), 28);
}

Test(month, february_2027_starts_on_a_monday)
{
	struct month_grid g;
	month_grid(2027, 2, &g);
	cr_expect_eq(g.first_col, 0);
	cr_expect_eq(g.days, 28);
	cr_expect_eq(g.weeks, 4);
	cr_expect_eq(month_cell(&g, 0, 0), 1);
	cr_expect_eq(month_cell(&g, 0, 5), 6, "Saturday 6 February, the Spring Festival's eve");
	cr_expect_eq(month_cell(&g, 3, 6), 28);
	cr_expect_eq(g.first_day, day_from_ymd(2027, 2, 1));
}

Test(month, leap_february_2028)
{
	struct month_grid g;
	month_grid(2028, 2, &g);
	cr_expect_eq(g.first_col, 1, "1 February 2028 is a Tuesday");
	cr_expect_eq(g.days, 29);
	cr_expect_eq(g.weeks, 5);
	cr_expect_eq(month_cell(&g, 0, 0), 0, "Monday 31 January is not in the month");
	cr_expect_eq(month_cell(&g, 0, 1), 1);
	cr_expect_eq(month_cell(&g, 4, 1), 29, "Tuesday 29 February");
	cr_expect_eq(month_cell(&g, 4, 2), 0);
}

Test(month, a_month_starting_on_a_sunday)
{
	struct month_grid g;
	month_grid(2026, 11, &g);
	cr_expect_eq(g.first_col, 6, "1 November 2026 is a Sunday");
	cr_expect_eq(g.weeks, 6, "a lone Sunday, four weeks, then Monday 30");
	for (int c = 0; c < 6; c++)
		cr_expect_eq(month_cell(&g, 0, c), 0);
	cr_expect_eq(month_cell(&g, 0, 6), 1);
	cr_expect_eq(month_cell(&g, 1, 0), 2);
	cr_expect_eq(month_cell(&g, 4, 2), 25, "Wednesday 25 November");
	cr_expect_eq(month_cell(&g, 5, 0), 30);
	cr_expect_eq(month_cell(&g, 5, 1), 0);
	month_grid(2027, 3, &g);
	cr_expect_eq(g.first_col, 0, "1 March 2027 follows 28 February, a Sunday");
	cr_expect_eq(g.weeks, 5);
}

Test(month, parse)
{
	int y = 0, m = 0;
	cr_expect_eq(month_parse("2027-02", &y, &m), 0);
	cr_expect_eq(y, 2027);
	cr_expect_eq(m, 2);
	const char *bad[] = {"2027-13", "2027-00", "2027-2", "27-02", "2027-02-01", "2027/02", "", "2027-0x", " 2027-02",
	                     "２０２７-02"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		cr_expect_eq(month_parse(bad[i], &y, &m), -1, "\"%s\"", bad[i]);
}

Test(month, step)
{
	int y = 2027, m = 1;
	month_step(&y, &m, -1);
	cr_expect(y == 2026 && m == 12);
	month_step(&y, &m, 1);
	cr_expect(y == 2027 && m == 1);
	y = 2027, m = 12;
	month_step(&y, &m, 1);
	cr_expect(y == 2028 && m == 1);
	month_step(&y, &m, 14);
	cr_expect(y == 2029 && m == 3);
	month_step(&y, &m, -27);
	cr_expect(y == 2026 && m == 12);
}
