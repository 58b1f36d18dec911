/* test_charset.c - files in other encodings read as UTF-8. The bytes are
 * those of the encodings' published tables: GB18030 (GBK's two-byte part
 * and the four-byte part beyond the BMP), Big5, Windows-1252 and -1258
 * (whose tone marks combine with the letter before them) and UTF-16. */
#include <criterion/criterion.h>
#include <string.h>

#include "util/charset.h"

/* in (n bytes) in name as UTF-8, which must equal want. */
static void converts(const char *name, const char *in, size_t n, const char *want)
{
	struct buf out = BUF_INIT;
	struct err e = {0};
	cr_assert_eq(charset_to_utf8(name, in, n, &out, NULL, &e), 0, "%s: %s", name, e.msg);
	cr_expect_eq(out.len, strlen(want), "%s: %zu bytes", name, out.len);
	cr_expect(!memcmp(out.data, want, out.len), "%s: %s", name, out.data);
	cr_expect_eq(out.data[out.len], '\0');
	buf_release(&out);
}

Test(charset, chinese_excel_files_read_as_utf8)
{
	/* 陈静: B3C2 BEB2 in GBK; 😀 U+1F600: 9439FC36 in GB18030 */
	converts("gb18030", "name\n\xb3\xc2\xbe\xb2,\x94\x39\xfc\x36\r\n", 16,
	         "name\n\xe9\x99\x88\xe9\x9d\x99,\xf0\x9f\x98\x80\r\n");
	converts("GBK", "\xb3\xc2", 2, "\xe9\x99\x88");
	/* 台灣: A578 C657 in Big5 */
	converts("big5", "\xa5\x78\xc6\x57", 4, "\xe5\x8f\xb0\xe7\x81\xa3");
}

Test(charset, western_and_vietnamese_code_pages)
{
	/* café 0x80: the euro sign */
	converts("windows-1252", "caf\xe9 \x80", 6, "caf\xc3\xa9 \xe2\x82\xac");
	/* Tết: T, ê (EA), the combining acute (EC), t: one letter ế, U+1EBF */
	converts("windows-1258", "T\xea\xect", 4, "T\xe1\xba\xbft");
	/* ğ: F0 in Windows-1254 */
	converts("windows-1254", "\xf0", 1, "\xc4\x9f");
	converts("windows-1252", "", 0, "");
}

Test(charset, utf16_is_sniffed_by_its_byte_order_mark)
{
	static const char le[] = "\xff\xfe" "A\0\n\0" "\x48\x96";  /* A, LF, 陈 (U+9648) */
	static const char be[] = "\xfe\xff" "\0A\0\n" "\x96\x48";
	cr_expect_str_eq(charset_sniff(le, sizeof le - 1), "UTF-16");
	cr_expect_str_eq(charset_sniff(be, sizeof be - 1), "UTF-16");
	cr_expect_null(charset_sniff("\xef\xbb\xbf" "a", 4));
	cr_expect_null(charset_sniff("\xff", 1));
	/* what to convert from: the name given unless UTF-8; else the mark */
	cr_expect_str_eq(charset_choose(NULL, le, 2), "UTF-16");
	cr_expect_str_eq(charset_choose("utf-8", le, 2), "UTF-16");
	cr_expect_str_eq(charset_choose("gb18030", le, 2), "gb18030");
	cr_expect_null(charset_choose("UTF8", "ab", 2));
	cr_expect_null(charset_choose(NULL, "", 0));
	converts("UTF-16", le, sizeof le - 1, "A\n\xe9\x99\x88");
	converts("UTF-16", be, sizeof be - 1, "A\n\xe9\x99\x88");
}

Test(charset, bytes_that_are_not_the_encoding_are_named_with_their_line)
{
	struct buf out = BUF_INIT;
	struct err e = {0};
	size_t line = 0;
	/* 0x81 has no character in Windows-1252 */
	cr_expect_eq(charset_to_utf8("windows-1252", "a\nb\r\nc\x81", 7, &out, &line, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "byte 7 of the file is not windows-1252 text");
	cr_expect_eq(line, 3);
	/* lines that end in CR alone, as an old Mac spreadsheet saves them */
	line = 0;
	cr_expect_eq(charset_to_utf8("windows-1252", "a\rb\r\nc\rd\x81", 9, &out, &line, &e), -1);
	cr_expect_eq(line, 4);
	/* a GBK lead byte the file ends before its second byte */
	line = 0;
	cr_expect_eq(charset_to_utf8("gb18030", "po\n\xb3", 4, &out, &line, &e), -1);
	cr_expect_str_eq(e.msg, "byte 4 of the file is not gb18030 text");
	cr_expect_eq(line, 2);
	/* an unpaired surrogate in UTF-16 */
	cr_expect_eq(charset_to_utf8("UTF-16LE", "a\0\0\xd8" "b\0", 6, &out, &line, &e), -1);
	cr_expect_str_eq(e.msg, "byte 3 of the file is not UTF-16LE text");
	buf_release(&out);
}

Test(charset, names_are_the_c_librarys_and_nothing_else)
{
	cr_expect(charset_is_utf8("UTF-8"));
	cr_expect(charset_is_utf8("utf8"));
	cr_expect(charset_is_utf8("US-ASCII"));
	cr_expect(!charset_is_utf8("utf-16"));
	cr_expect(charset_known("utf-8"));
	cr_expect(charset_known("GB18030"));
	cr_expect(charset_known("cp1252"));
	/* what the web's import form offers */
	static const char *const offered[] = {"gb18030", "big5",      "windows-1258", "windows-1252",
	                                      "windows-1254", "shift_jis", "euc-kr", "utf-16"};
	for (size_t i = 0; i < sizeof offered / sizeof offered[0]; i++)
		cr_expect(charset_known(offered[i]), "%s", offered[i]);
	cr_expect(!charset_known("klingon"));
	cr_expect(!charset_known(""));
	cr_expect(!charset_known("utf-8//TRANSLIT"));
	cr_expect(!charset_known("gb18030//IGNORE"));
	cr_expect(!charset_known("/usr/lib/x86_64-linux-gnu/gconv/GBK.so"));
	cr_expect(!charset_known("windows-1252windows-1252windows-1252windows-1252"));
	struct buf out = BUF_INIT;
	struct err e = {0};
	cr_expect_eq(charset_to_utf8("klingon", "a", 1, &out, NULL, &e), -1);
	cr_expect_eq(e.code, ERR_INPUT);
	cr_expect_str_eq(e.msg, "\"klingon\" is not an encoding this system knows");
	buf_release(&out);
}
