/* test_route.c - the route table (walked: every route well-formed and
 * reachable) and path pattern matching. */
#include <criterion/criterion.h>
#include <string.h>

#include "web/route.h"

Test(route, literal_patterns_match_only_their_path)
{
	struct route_span s[REQ_MAX_PARAMS];
	int n = -1;
	cr_expect_eq(route_match("/", "/", s, &n), 1);
	cr_expect_eq(n, 0);
	cr_expect_eq(route_match("/", "/x", s, &n), 0);
	cr_expect_eq(route_match("/healthz", "/healthz", s, &n), 1);
	cr_expect_eq(route_match("/healthz", "/healthz/", s, &n), 0);
	cr_expect_eq(route_match("/healthz", "/health", s, &n), 0);
	cr_expect_eq(route_match("/healthz", "/healthzz", s, &n), 0);
}

Test(route, a_name_in_braces_takes_one_nonempty_segment)
{
	struct route_span s[REQ_MAX_PARAMS];
	int n;
	const char *p = "/partners/17";
	cr_expect_eq(route_match("/partners/{id}", p, s, &n), 1);
	cr_expect_eq(n, 1);
	cr_expect_eq(s[0].off, 10);
	cr_expect_eq(s[0].len, 2);
	p = "/partners/3/orders/LR-2027-014";
	cr_expect_eq(route_match("/partners/{id}/orders/{po}", p, s, &n), 1);
	cr_expect_eq(n, 2);
	cr_expect_eq(s[0].off, 10);
	cr_expect_eq(s[0].len, 1);
	cr_expect_eq(s[1].off, 19);
	cr_expect_eq(s[1].len, 11);
	cr_expect_eq(route_match("/partners/{id}", "/partners/", s, &n), 0);
	cr_expect_eq(route_match("/partners/{id}", "/partners/1/2", s, &n), 0);
	cr_expect_eq(route_match("/partners/{id}.ics", "/partners/9.ics", s, &n), 0,
	             "a segment runs to the next slash: {id} took \"9.ics\"");
	cr_expect_eq(route_match("/{a}/{b}/{c}/{d}/{e}", "/1/2/3/4/5", s, &n), 0, "more names than REQ_MAX_PARAMS");
}

Test(route, every_route_is_well_formed_unique_and_matches_its_own_pattern)
{
	static const char *const methods[] = {"GET", "POST", "PUT", "DELETE"};
	cr_assert_gt(route_count, 0);
	for (size_t i = 0; i < route_count; i++) {
		const struct route *rt = &route_table[i];
		int known = 0;
		for (size_t m = 0; m < sizeof methods / sizeof methods[0]; m++)
			known |= !strcmp(rt->method, methods[m]);
		cr_expect(known, "%s %s: method", rt->method, rt->pattern);
		cr_expect_eq(rt->pattern[0], '/', "%s: starts with /", rt->pattern);
		cr_expect_not_null(rt->handle, "%s %s: no handler", rt->method, rt->pattern);
		for (size_t j = 0; j < i; j++)
			cr_expect(strcmp(route_table[j].method, rt->method) || strcmp(route_table[j].pattern, rt->pattern),
			          "%s %s appears twice", rt->method, rt->pattern);
		/* a path made from the pattern, each {name} replaced by 1 */
		char path[256];
		size_t k = 0;
		for (const char *p = rt->pattern; *p && k < sizeof path - 2; p++) {
			if (*p == '{') {
				path[k++] = '1';
				p = strchr(p, '}');
				cr_assert_not_null(p, "%s: unclosed {", rt->pattern);
			} else {
				path[k++] = *p;
			}
		}
		path[k] = '\0';
		struct route_span s[REQ_MAX_PARAMS];
		int n;
		cr_expect_eq(route_match(rt->pattern, path, s, &n), 1, "%s does not match %s", rt->pattern, path);
	}
}

Test(route, who_may_call_what)
{
	static const struct {
		const char *method, *pattern;
		enum route_who who;
	} want[] = {
		{"GET", "/healthz", WHO_ANYONE},
		{"GET", "/login", WHO_ANYONE},
		{"POST", "/login", WHO_ANYONE},
		{"POST", "/lang", WHO_ANYONE},
		{"GET", "/", WHO_USER},
		{"POST", "/logout", WHO_USER},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const struct route *rt = route_lookup(want[i].method, want[i].pattern);
		cr_assert_not_null(rt, "%s %s", want[i].method, want[i].pattern);
		cr_expect_eq(rt->who, want[i].who, "%s %s", want[i].method, want[i].pattern);
	}
	for (size_t i = 0; i < route_count; i++) {
		const struct route *rt = &route_table[i];
		/* a write needs someone whose role allows it */
		if (rt->flags & ROUTE_WRITES)
			cr_expect_eq(rt->who, WHO_USER, "%s %s writes without a user", rt->method, rt->pattern);
		/* a route with an id in its path shows one relationship's data */
		if (strstr(rt->pattern, "{id}"))
			cr_expect_eq(rt->who, WHO_USER, "%s %s", rt->method, rt->pattern);
	}
}

Test(route, lookup_finds_a_route_by_method_and_path)
{
	const struct route *rt = route_lookup("GET", "/partners/7/contact");
	cr_assert_not_null(rt);
	cr_expect_str_eq(rt->pattern, "/partners/{id}/contact");
	cr_expect_str_eq(route_lookup("POST", "/partners/7/contact")->method, "POST");
	cr_expect_str_eq(route_lookup("HEAD", "/")->method, "GET", "HEAD finds the GET route");
	cr_expect_null(route_lookup("DELETE", "/"));
	cr_expect_null(route_lookup("GET", "/partners/7/no-such-page"));
	cr_expect_null(route_lookup("GET", "/nowhere"));
}
