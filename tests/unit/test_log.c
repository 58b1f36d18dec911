/* test_log.c - the server's log lines: the layout of a line and the
 * escaping of user input in it. */
#include <criterion/criterion.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util/log.h"

Test(log, escape_leaves_printable_ascii_and_writes_the_rest_as_hex)
{
	char out[128];
	const char in[] = "/a b\"c\\d\n\x1b[0m\xc3\xa9~!";
	cr_expect_str_eq(log_escape(in, sizeof in - 1, out, sizeof out),
	                 "/a\\x20b\\x22c\\x5cd\\x0a\\x1b[0m\\xc3\\xa9~!");
	cr_expect_str_eq(log_escape("x\0y", 3, out, sizeof out), "x\\x00y");
	cr_expect_str_eq(log_escape("", 0, out, sizeof out), "");
}

Test(log, escape_cuts_long_input_with_an_ellipsis)
{
	char out[12];
	/* room for 11 characters: 8 of the input and "..." */
	cr_expect_str_eq(log_escape("abcdefghijklmnop", 16, out, sizeof out), "abcdefgh...");
	/* an escape is never split: "\x20" does not fit after "abcde" */
	cr_expect_str_eq(log_escape("abcde fghij", 11, out, sizeof out), "abcde...");
	/* what fits exactly is not cut */
	cr_expect_str_eq(log_escape("abcdefgh", 8, out, sizeof out), "abcdefgh");
}

/* Runs log_info with stderr sent to a file; returns what was written. */
static char *capture(const char *word)
{
	char path[] = "/tmp/rapport-log-XXXXXX";
	int fd = mkstemp(path), saved = dup(2);
	cr_assert_geq(fd, 0);
	dup2(fd, 2);
	log_info("request from %s done", word);
	dup2(saved, 2);
	close(saved);
	static char text[256];
	ssize_t n = pread(fd, text, sizeof text - 1, 0);
	close(fd);
	unlink(path);
	text[n < 0 ? 0 : n] = '\0';
	return text;
}

Test(log, a_line_is_utc_time_level_and_message)
{
	char *line = capture("%s%n"); /* an argument, never a format */
	regex_t re;
	cr_assert_eq(regcomp(&re,
	                     "^[0-9]{4}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-6][0-9]\\.[0-9]{3}Z "
	                     "info request from %s%n done\n$",
	                     REG_EXTENDED | REG_NOSUB),
	             0);
	cr_expect_eq(regexec(&re, line, 0, NULL, 0), 0, "line: %s", line);
	regfree(&re);
}
