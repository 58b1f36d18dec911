/* month.c - the month grid of a calendar page (month.h): which column the
 * first day falls in, how many rows it takes, and "YYYY-MM" read strictly
 * (a page's month comes from its address). */
#include "calendar/month.h"

#include "calendar/day.h"

int month_days(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return days[(m - 1) % 12];
}

void month_grid(int y, int m, struct month_grid *g)
{
	g->year = y;
	g->month = m;
	g->days = month_days(y, m);
	g->first_day = day_from_ymd(y, m, 1);
	g->first_col = (day_weekday(g->first_day) + 6) % 7; /* day_weekday: 0 = Sunday */
	g->weeks = (g->first_col + g->days + 6) / 7;
}

int month_cell(const struct month_grid *g, int week, int col)
{
	int d = week * 7 + col - g->first_col + 1;
	return d >= 1 && d <= g->days ? d : 0;
}

static int digit(char c)
{
	return c >= '0' && c <= '9';
}

int month_parse(const char *s, int *y, int *m)
{
	for (int i = 0; i < 7; i++)
		if (i == 4 ? s[i] != '-' : !digit(s[i]))
			return -1;
	if (s[7] != '\0')
		return -1;
	int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int month = (s[5] - '0') * 10 + (s[6] - '0');
	if (month < 1 || month > 12)
		return -1;
	*y = year;
	*m = month;
	return 0;
}

void month_step(int *y, int *m, int delta)
{
	int k = *y * 12 + (*m - 1) + delta;
	int q = k >= 0 ? k / 12 : (k - 11) / 12;
	*y = q;
	*m = k - q * 12 + 1;
}
