/* test_flash.c - the message a form leaves for the page it redirects to:
 * signed for one page under the server's key, cut to fit a cookie, and
 * refused when anything about it is not what was signed. */
#include <criterion/criterion.h>
#include <string.h>

#include "web/flash.h"

static const unsigned char key[WEB_KEY_LEN] = "0123456789abcdef0123456789abcdef";
static const unsigned char other_key[WEB_KEY_LEN] = "fedcba9876543210fedcba9876543210";

Test(flash, a_message_comes_back_on_its_page_only)
{
	struct buf v = {0}, m = {0};
	flash_encode(key, "/partners/1", "Recorded, with a warning:\n\"Lab dips\" due 2027-02-13 falls on a day off", &v);
	cr_assert(strchr(v.data, '.'));
	cr_expect(!strpbrk(v.data, ";, \"=\\"), "a cookie value as it is: %s", v.data);
	cr_assert_eq(flash_decode(key, "/partners/1", v.data, &m), 0);
	cr_expect_str_eq(m.data, "Recorded, with a warning:\n\"Lab dips\" due 2027-02-13 falls on a day off");
	cr_expect_eq(flash_decode(key, "/partners/2", v.data, &m), -1, "signed for another page");
	cr_expect_eq(m.len, 0);
	cr_expect_eq(flash_decode(other_key, "/partners/1", v.data, &m), -1, "another key: a restarted server");
	buf_release(&v);
	buf_release(&m);
}

Test(flash, a_changed_or_malformed_value_is_refused)
{
	struct buf v = {0}, m = {0}, w = {0};
	flash_encode(key, "/partners/1", "hello", &v);
	/* another message with the first one's MAC */
	flash_encode(key, "/partners/1", "hellp", &w);
	const char *dot = strchr(v.data, '.');
	struct buf forged = {0};
	buf_add(&forged, w.data, (size_t)(strchr(w.data, '.') - w.data));
	buf_adds(&forged, dot);
	cr_expect_eq(flash_decode(key, "/partners/1", forged.data, &m), -1);
	static const char *const bad[] = {"", ".", "aGVsbG8", "aGVsbG8.", "!!!.???", "aGVsbG8.AAAA", NULL};
	for (const char *const *b = bad; *b; b++)
		cr_expect_eq(flash_decode(key, "/partners/1", *b, &m), -1, "%s", *b);
	buf_release(&v);
	buf_release(&w);
	buf_release(&m);
	buf_release(&forged);
}

Test(flash, a_long_message_is_cut_at_a_line_then_at_a_character)
{
	struct buf msg = {0}, v = {0}, m = {0};
	for (int i = 0; i < 40; i++)
		buf_printf(&msg, "warning %02d: a due date falls on a day off at the factory\n", i);
	cr_assert_gt(msg.len, FLASH_MAX_BYTES);
	flash_encode(key, "/partners/1", msg.data, &v);
	cr_assert_eq(flash_decode(key, "/partners/1", v.data, &m), 0);
	cr_expect_leq(m.len, FLASH_MAX_BYTES);
	cr_expect_eq(m.data[m.len - 1], '\n', "whole lines");
	cr_expect_eq(strncmp(m.data, msg.data, m.len), 0);
	/* one long line of three-byte characters: never half of one */
	buf_reset(&msg);
	for (int i = 0; i < 700; i++)
		buf_adds(&msg, "\xe6\x97\xa5");
	flash_encode(key, "/partners/1", msg.data, &v);
	cr_assert_eq(flash_decode(key, "/partners/1", v.data, &m), 0);
	cr_expect_leq(m.len, FLASH_MAX_BYTES);
	cr_expect_eq(m.len % 3, 0);
	buf_release(&msg);
	buf_release(&v);
	buf_release(&m);
}

Test(flash, shown_as_one_paragraph_a_line_escaped)
{
	h2o_mem_pool_t pool;
	struct html h;
	h2o_mem_init_pool(&pool);
	html_init(&h, &pool);
	flash_html(&h, "Recorded, with a warning:\n<b>due</b> on a day off\n");
	cr_expect_str_eq(h.data, "<div class=\"notice flash\" role=\"status\"><p>Recorded, with a warning:</p>"
	                         "<p>&lt;b&gt;due&lt;/b&gt; on a day off</p></div>\n");
	h2o_mem_clear_pool(&pool);
}
