/* test_html.c - the HTML printer: every argument escaped, ill-formed UTF-8
 * replaced, numbers and URL parts, pool-backed growth, and an abort for a
 * directive it does not know. Expected strings are worked out by hand. */
#include <criterion/criterion.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/types.h>

#include "web/html.h"

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

TestSuite(html, .init = start, .fini = finish);

Test(html, h_escapes_the_five_characters_that_end_text_or_attributes)
{
	html_printf(&h, "<td title=\"%h\">%h</td>", "a\"b'c", "<script>&\"'");
	cr_expect_str_eq(h.data, "<td title=\"a&quot;b&#39;c\">&lt;script&gt;&amp;&quot;&#39;</td>");
	cr_expect_eq(h.len, strlen(h.data));
}

Test(html, the_format_itself_is_copied_as_it_is)
{
	html_printf(&h, "<a href=\"/\">Home &amp; away</a>\n");
	html_lit(&h, "<p class=\"x\">");
	cr_expect_str_eq(h.data, "<a href=\"/\">Home &amp; away</a>\n<p class=\"x\">");
}

Test(html, text_without_markup_and_utf8_pass_unchanged)
{
	html_printf(&h, "%h|%h|%h", "Linden Rowe", "Nguyễn Thị Lan", "东莞长青针织 🧶");
	cr_expect_str_eq(h.data, "Linden Rowe|Nguyễn Thị Lan|东莞长青针织 🧶");
}

Test(html, null_prints_nothing_and_an_empty_page_is_an_empty_string)
{
	html_printf(&h, "");
	cr_expect_not_null(h.data);
	cr_expect_str_eq(h.data, "");
	html_printf(&h, "[%h]", (const char *)NULL);
	cr_expect_str_eq(h.data, "[]");
}

Test(html, counted_text_stops_at_its_length)
{
	html_printf(&h, "%.*h|%.*h", 4, "abc<def", 0, "ignored");
	cr_expect_str_eq(h.data, "abc&lt;|");
}

/* U+FFFD is EF BF BD in UTF-8. Each byte that starts no well-formed
 * sequence becomes one U+FFFD, so the page is always valid UTF-8. */
#define FFFD "\xEF\xBF\xBD"

Test(html, ill_formed_utf8_becomes_replacement_characters)
{
	html_printf(&h, "%h", "a\xFF" "b");
	cr_expect_str_eq(h.data, "a" FFFD "b");
	html_init(&h, &pool);
	html_printf(&h, "%h", "\xC0\xAF"); /* an overlong "/" */
	cr_expect_str_eq(h.data, FFFD FFFD);
	html_init(&h, &pool);
	html_printf(&h, "%h", "\xED\xA0\x80"); /* a surrogate, U+D800 */
	cr_expect_str_eq(h.data, FFFD FFFD FFFD);
	html_init(&h, &pool);
	html_printf(&h, "%h", "x\xE4\xB8"); /* 中 cut after two of its three bytes */
	cr_expect_str_eq(h.data, "x" FFFD FFFD);
	html_init(&h, &pool);
	html_printf(&h, "%.*h", 3, "a\0<"); /* a NUL is no text either */
	cr_expect_str_eq(h.data, "a" FFFD "&lt;");
}

Test(html, html_text_escapes_like_h)
{
	html_text(&h, "<b>&", 4);
	cr_expect_str_eq(h.data, "&lt;b&gt;&amp;");
}

Test(html, numbers_print_as_printf_would)
{
	html_printf(&h, "%d %u %lld %zu %ld %x %05.1f %.2f %i%%", -42, 42u, -9007199254740993LL, (size_t)7, 123456789L,
	            255u, 3.14159, 2.5, 7);
	cr_expect_str_eq(h.data, "-42 42 -9007199254740993 7 123456789 ff 003.1 2.50 7%");
}

Test(html, t_percent_encodes_all_but_the_unreserved_characters)
{
	html_printf(&h, "<a href=\"/p?q=%t\">", "a b&c/é~x\"<");
	cr_expect_str_eq(h.data, "<a href=\"/p?q=a%20b%26c%2F%C3%A9~x%22%3C\">");
}

Test(html, the_page_grows_in_the_pool)
{
	for (int i = 0; i < 10000; i++)
		html_printf(&h, "%h", "x<");
	cr_expect_eq(h.len, 50000); /* "x&lt;" is 5 bytes */
	cr_expect_eq(strlen(h.data), 50000);
	cr_expect(!memcmp(h.data, "x&lt;x&lt;", 10));
	cr_expect(!memcmp(h.data + 49995, "x&lt;", 5));
}

Test(html, begin_and_end_frame_the_page_with_an_escaped_title)
{
	html_begin(&h, "Q&A <1>");
	html_end(&h);
	cr_expect(!strncmp(h.data, "<!DOCTYPE html>\n<html lang=\"en\">\n", 33));
	cr_expect_not_null(strstr(h.data, "<meta charset=\"utf-8\">\n"));
	cr_expect_not_null(strstr(h.data, "<title>Q&amp;A &lt;1&gt; - Rapport</title>\n"));
	size_t n = strlen(h.data);
	cr_expect_str_eq(h.data + n - 16, "</body>\n</html>\n");
}

/* %s would print its argument unescaped: the printer refuses it. */
Test(html, s_is_refused, .signal = SIGABRT)
{
	html_printf(&h, "%s", "<script>");
}

Test(html, an_unknown_directive_is_refused, .signal = SIGABRT)
{
	html_printf(&h, "%c", 'x');
}

/* Plain integer directives are printed without snprintf: they must print
 * what snprintf prints, at the limits of each type too. */
Test(html, plain_integers_print_as_snprintf_does)
{
	char want[512];
	snprintf(want, sizeof want, "%d|%d|%d|%ld|%ld|%lld|%lld|%lld|%u|%lu|%llu|%zu|%zd|%i", 0, -7, INT_MIN, LONG_MAX,
	         LONG_MIN, LLONG_MAX, LLONG_MIN, -1LL, UINT_MAX, ULONG_MAX, ULLONG_MAX, SIZE_MAX, (ssize_t)-42, 1234567);
	html_printf(&h, "%d|%d|%d|%ld|%ld|%lld|%lld|%lld|%u|%lu|%llu|%zu|%zd|%i", 0, -7, INT_MIN, LONG_MAX, LONG_MIN,
	            LLONG_MAX, LLONG_MIN, -1LL, UINT_MAX, ULONG_MAX, ULLONG_MAX, SIZE_MAX, (ssize_t)-42, 1234567);
	cr_assert_str_eq(h.data, want);
	cr_assert_str_eq(h.data, "0|-7|-2147483648|9223372036854775807|-9223372036854775808|9223372036854775807|"
	                         "-9223372036854775808|-1|4294967295|18446744073709551615|18446744073709551615|"
	                         "18446744073709551615|-42|1234567");
}
