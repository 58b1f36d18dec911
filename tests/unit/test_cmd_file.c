/* test_cmd_file.c - a file read whole: mapped when it can be, and a
 * mapping cut short while it is read gives zeros and says so instead of
 * ending the process with SIGBUS (a bundle truncated by another program
 * while rapport verify --bundle reads it). */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"

static char path[64];

/* A file of n bytes 'x' in a fresh temporary name. */
static void make_file(size_t n)
{
	snprintf(path, sizeof path, "/tmp/rapport-map.XXXXXX");
	int fd = mkstemp(path);
	cr_assert(fd >= 0);
	char *bytes = malloc(n);
	cr_assert(bytes);
	memset(bytes, 'x', n);
	cr_assert_eq(write(fd, bytes, n), (ssize_t)n);
	free(bytes);
	close(fd);
}

static void fini(void)
{
	if (path[0])
		unlink(path);
}

TestSuite(cmd_file, .fini = fini);

Test(cmd_file, a_regular_file_is_mapped_whole_and_not_cut_short)
{
	struct err e = {0};
	struct cmd_file f;
	make_file(10000);
	cr_assert(cmd_map_file(path, 1 << 20, &f, &e) == 0, "%s", e.msg);
	cr_expect_not_null(f.map);
	cr_expect_eq(f.len, 10000);
	cr_expect_eq(f.data[0], 'x');
	cr_expect_eq(f.data[9999], 'x');
	cr_expect_eq(cmd_file_cut_short(&f), 0);
	cmd_file_release(&f);
}

Test(cmd_file, pages_past_a_new_end_read_as_zeros_and_the_file_says_it_was_cut_short)
{
	struct err e = {0};
	struct cmd_file f;
	long page = sysconf(_SC_PAGESIZE);
	make_file((size_t)page * 3 + 100);
	cr_assert(cmd_map_file(path, 1 << 20, &f, &e) == 0, "%s", e.msg);
	cr_assert_not_null(f.map);
	cr_assert(truncate(path, 100) == 0);
	/* the first page still holds the file's first 100 bytes */
	cr_expect_eq(f.data[99], 'x');
	/* the second page and the last have no file under them any more */
	cr_expect_eq(f.data[page + 5], '\0');
	cr_expect_eq(f.data[page * 3 + 99], '\0');
	cr_expect_eq(cmd_file_cut_short(&f), 1);
	cmd_file_release(&f);
}

Test(cmd_file, a_cut_within_the_last_page_is_seen_too)
{
	struct err e = {0};
	struct cmd_file f;
	make_file(5000);
	cr_assert(cmd_map_file(path, 1 << 20, &f, &e) == 0, "%s", e.msg);
	cr_assert(truncate(path, 4500) == 0);
	cr_expect_eq(f.data[4600], '\0');
	cr_expect_eq(cmd_file_cut_short(&f), 1);
	cmd_file_release(&f);
}

Test(cmd_file, a_second_file_at_once_is_read_instead_of_mapped)
{
	struct err e = {0};
	struct cmd_file a, b;
	make_file(3000);
	cr_assert(cmd_map_file(path, 1 << 20, &a, &e) == 0, "%s", e.msg);
	cr_assert(cmd_map_file(path, 1 << 20, &b, &e) == 0, "%s", e.msg);
	cr_expect_not_null(a.map);
	cr_expect_null(b.map);
	cr_expect_eq(b.len, 3000);
	cr_expect_eq(b.data[2999], 'x');
	cr_expect_eq(cmd_file_cut_short(&b), 0);
	cmd_file_release(&b);
	cmd_file_release(&a);
	/* with the first released, mapping works again */
	cr_assert(cmd_map_file(path, 1 << 20, &a, &e) == 0, "%s", e.msg);
	cr_expect_not_null(a.map);
	cmd_file_release(&a);
}

Test(cmd_file, a_sigbus_elsewhere_still_ends_the_process, .signal = SIGBUS)
{
	struct err e = {0};
	struct cmd_file f;
	make_file(3000);
	cr_assert(cmd_map_file(path, 1 << 20, &f, &e) == 0, "%s", e.msg);
	unlink(path);
	path[0] = '\0';
	raise(SIGBUS); /* not a fault in the mapping: the handler lets it through */
}
