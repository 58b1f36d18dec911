/* test_web.c - the handler helpers that need no server: which redirect
 * targets are paths on this site, ids from the path, and tenant
 * isolation by organisation. */
#include <criterion/criterion.h>

#include "web/session.h"
#include "web/web.h"

Test(web, local_paths_only)
{
	cr_expect(web_local_path("/"));
	cr_expect(web_local_path("/partners/1/contact"));
	cr_expect(web_local_path("/?a=1&b=%2F"));
	cr_expect(web_local_path("/caf\xC3\xA9"));
	cr_expect_not(web_local_path(NULL));
	cr_expect_not(web_local_path(""));
	cr_expect_not(web_local_path("partners"));
	cr_expect_not(web_local_path("//evil.example/"), "scheme-relative: another host");
	cr_expect_not(web_local_path("/\\evil.example"), "browsers read \\ as /");
	cr_expect_not(web_local_path("/a\\b"));
	cr_expect_not(web_local_path("https://evil.example/"));
	cr_expect_not(web_local_path("javascript:alert(1)"));
	cr_expect_not(web_local_path("/a\r\nSet-Cookie: x=1"), "no header splitting");
	cr_expect_not(web_local_path("/a\tb"));
	cr_expect_not(web_local_path("/a\x7f"));
}

Test(web, ids_from_the_path)
{
	struct req r = {.nparam = 1};
	int64_t id = 0;
	static const char *const good[] = {"1", "42", "999999999999999999"};
	static const long long want[] = {1, 42, 999999999999999999LL};
	for (int i = 0; i < 3; i++) {
		r.param[0] = good[i];
		cr_expect_eq(web_param_id(&r, 0, &id), 1, "%s", good[i]);
		cr_expect_eq(id, want[i]);
	}
	static const char *const bad[] = {"0", "-1", "01", "1x", "x", "", "+1", " 1", "9999999999999999999"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		r.param[0] = bad[i];
		cr_expect_eq(web_param_id(&r, 0, &id), 0, "\"%s\" is no id", bad[i]);
	}
	cr_expect_eq(web_param_id(&r, 1, &id), 0, "no such parameter");
}

Test(web, a_partner_user_sees_only_its_partner_and_a_buyer_user_every_one)
{
	struct session_user buyer = {.user_id = 1, .partner = 0};
	struct session_user p2 = {.user_id = 2, .partner = 2};
	struct req r = {0};
	cr_expect_not(web_partner_visible(&r, 1), "nobody signed in");
	r.session = &buyer;
	cr_expect(web_partner_visible(&r, 1));
	cr_expect(web_partner_visible(&r, 2));
	cr_expect_not(web_partner_visible(&r, 0));
	r.session = &p2;
	cr_expect(web_partner_visible(&r, 2));
	cr_expect_not(web_partner_visible(&r, 1));
	cr_expect_not(web_partner_visible(&r, 3));
	cr_expect_not(web_partner_visible(&r, 0));
	cr_expect_not(web_partner_visible(&r, -2));
}

Test(web, the_access_log_never_holds_a_calendar_token)
{
	static const char token[] = "/calendar/fAmqeLn6OOvNJg-7SblmBxqkTw8E3V1pjWo-cxCMyRk.ics";
	cr_expect_str_eq(web_log_path(token, sizeof token - 1), "/calendar/[token].ics");
	cr_expect_str_eq(web_log_path("/calendar/x", 11), "/calendar/[token].ics", "a wrong token is a secret too");
	/* only len bytes count: the normalized path is not NUL-terminated */
	cr_expect_str_eq(web_log_path("/calendar/abcdef", 11), "/calendar/[token].ics");
	cr_expect_null(web_log_path("/calendar/abcdef", 10), "/calendar/ alone names no token");
	cr_expect_null(web_log_path("/calendar", 9), "the page that shows the address is logged as it is");
	cr_expect_null(web_log_path("/agenda", 7));
	cr_expect_null(web_log_path("/", 1));
	cr_expect_null(web_log_path(NULL, 0));
	cr_expect_null(web_log_path("/partners/1/calendar/x", 22));
}
