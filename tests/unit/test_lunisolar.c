/* test_lunisolar.c - the computed Chinese and Vietnamese calendars against
 * published tables for every year 1950-2100, Viet Nam's reckoned at UTC+7
 * throughout as the table is: tests/vectors/calendar/lunisolar.csv,
 * from vacanza/holidays (see tests/vectors/README.md). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar/lunisolar.h"
#include "testutil.h"

static void expect_date(const char *what, int year, int ok, int y, int m, int d, const char *want, int *bad)
{
	char got[16];
	snprintf(got, sizeof got, "%04d-%02d-%02d", y % 10000, m % 100, d % 100);
	if (!ok || strcmp(got, want)) {
		if ((*bad)++ < 12)
			cr_log_error("%d %s: computed %s, published %s", year, what, ok ? got : "none", want);
	}
}

Test(lunisolar, every_year_1950_2100_matches_the_published_tables)
{
	char *data = tu_vector("calendar/lunisolar.csv", NULL), *save = NULL;
	int years = 0, bad = 0, y, m, d;
	strtok_r(data, "\n", &save); /* the header */
	for (char *line = strtok_r(NULL, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char cny[11], boat[11], autumn[11], tet[11], hung[11];
		int year;
		cr_assert(sscanf(line, "%d,%10[^,],%10[^,],%10[^,],%10[^,],%10s", &year, cny, boat, autumn, tet, hung) == 6);
		int ok = lunisolar_date(LUNISOLAR_CHINESE, year, 1, 1, &y, &m, &d) == 0;
		expect_date("Spring Festival", year, ok, y, m, d, cny, &bad);
		ok = lunisolar_date(LUNISOLAR_CHINESE, year, 5, 5, &y, &m, &d) == 0;
		expect_date("Dragon Boat", year, ok, y, m, d, boat, &bad);
		ok = lunisolar_date(LUNISOLAR_CHINESE, year, 8, 15, &y, &m, &d) == 0;
		expect_date("Mid-Autumn", year, ok, y, m, d, autumn, &bad);
		ok = lunisolar_date(LUNISOLAR_VIETNAMESE, year, 1, 1, &y, &m, &d) == 0;
		expect_date("Tet", year, ok, y, m, d, tet, &bad);
		ok = lunisolar_date(LUNISOLAR_VIETNAMESE, year, 3, 10, &y, &m, &d) == 0;
		expect_date("Hung Kings", year, ok, y, m, d, hung, &bad);
		years++;
	}
	cr_expect_eq(years, 151);
	cr_expect_eq(bad, 0, "%d dates differ from the published tables", bad);
	free(data);
}

/* The years DESIGN.md warns about: Vietnam and China apart, and ICU wrong. */
Test(lunisolar, the_hard_years)
{
	int y, m, d;
	cr_assert_eq(lunisolar_date(LUNISOLAR_VIETNAMESE, 1985, 1, 1, &y, &m, &d), 0);
	cr_expect(y == 1985 && m == 1 && d == 21, "Tet 1985 was 21 January, a month before China's new year");
	cr_assert_eq(lunisolar_date(LUNISOLAR_CHINESE, 1985, 1, 1, &y, &m, &d), 0);
	cr_expect(y == 1985 && m == 2 && d == 20);
	cr_assert_eq(lunisolar_date(LUNISOLAR_CHINESE, 2027, 1, 1, &y, &m, &d), 0);
	cr_expect(y == 2027 && m == 2 && d == 6, "Spring Festival 2027 is 6 February (ICU 72 says the 7th)");
	cr_assert_eq(lunisolar_date(LUNISOLAR_CHINESE, 2030, 1, 1, &y, &m, &d), 0);
	cr_expect(y == 2030 && m == 2 && d == 3);
	cr_assert_eq(lunisolar_date(LUNISOLAR_VIETNAMESE, 2030, 1, 1, &y, &m, &d), 0);
	cr_expect(y == 2030 && m == 2 && d == 2, "Tet 2030 is a day before China's new year");
	cr_assert_eq(lunisolar_date(LUNISOLAR_CHINESE, 2026, 1, 1, &y, &m, &d), 0);
	cr_expect(y == 2026 && m == 2 && d == 17, "Spring Festival 2026: 17 February");
}

Test(lunisolar, qingming_is_the_solar_term_at_15_degrees)
{
	int y, m, d;
	/* Qingming: 4 April 2024, 4 April 2025, 5 April 2026 (China's published holidays) */
	lunisolar_solar_term(LUNISOLAR_CHINESE, 2024, 15, &y, &m, &d);
	cr_expect(y == 2024 && m == 4 && d == 4);
	lunisolar_solar_term(LUNISOLAR_CHINESE, 2025, 15, &y, &m, &d);
	cr_expect(y == 2025 && m == 4 && d == 4);
	lunisolar_solar_term(LUNISOLAR_CHINESE, 2026, 15, &y, &m, &d);
	cr_expect(y == 2026 && m == 4 && d == 5);
	/* the December solstice of 2025 is 21 December 15:03 UTC, 23:03 in
	 * Beijing; that of 2026 is 21 December 20:50 UTC, already the 22nd there */
	lunisolar_solar_term(LUNISOLAR_CHINESE, 2025, 270, &y, &m, &d);
	cr_expect(y == 2025 && m == 12 && d == 21);
	lunisolar_solar_term(LUNISOLAR_CHINESE, 2026, 270, &y, &m, &d);
	cr_expect(y == 2026 && m == 12 && d == 22);
	/* the March equinox of 2024: 20 March 03:06 UTC */
	lunisolar_solar_term(LUNISOLAR_CHINESE, 2024, 0, &y, &m, &d);
	cr_expect(y == 2024 && m == 3 && d == 20);
}
