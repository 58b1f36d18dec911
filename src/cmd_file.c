/* cmd_file.c - files the user names, read whole (cmd.h): cmd_read_file
 * into memory, cmd_map_file mapped when it is a regular file. A mapped
 * file cut short while it is read (another program truncates it) would
 * end the process with SIGBUS on the first page past the new end; here
 * such a page reads as zeros instead, and cmd_file_cut_short says so (it
 * also sees a cut within the last page, which reads as zeros without a
 * signal), so the command reports it rather than crashing or trusting
 * what it read. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd.h"

int cmd_cores(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 8 ? 8 : (int)n;
}

int cmd_read_stream(FILE *f, const char *name, size_t max, struct buf *out, struct err *e)
{
	/* a regular file is read in one go, into room made once */
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size <= max) {
		buf_grow(out, (size_t)st.st_size + 1);
		out->len += fread(out->data + out->len, 1, (size_t)st.st_size, f);
		out->data[out->len] = '\0';
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0) {
		buf_add(out, chunk, n);
		if (out->len > max)
			return err_set(e, ERR_INPUT, "%s: longer than %zu bytes", name, max);
	}
	return ferror(f) ? err_set(e, ERR_INPUT, "%s: cannot read: %s", name, strerror(errno)) : 0;
}

int cmd_read_file(const char *path, size_t max, struct buf *out, struct err *e)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return err_set(e, ERR_INPUT, "%s: cannot read: %s", path, strerror(errno));
	int rc = cmd_read_stream(f, path, max, out, e);
	fclose(f);
	return rc;
}

/* The one mapping the SIGBUS handler guards (a command maps one file at a
 * time; a second one is read instead), and whether a page of it was past
 * the file's end. */
static struct {
	char *base;
	size_t len, page;
	struct sigaction old;
} guarded;
static volatile sig_atomic_t cut_short;

static void on_sigbus(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	char *at = si->si_addr;
	if (si->si_code == BUS_ADRERR && guarded.base && at >= guarded.base && at < guarded.base + guarded.len) {
		/* a zero page in place of the one the file no longer has; the
		 * faulting read runs again and finds it */
		char *p = guarded.base + ((uintptr_t)(at - guarded.base) & ~(uintptr_t)(guarded.page - 1));
		if (mmap(p, guarded.page, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != MAP_FAILED) {
			cut_short = 1;
			return;
		}
	}
	/* not ours: as if no handler were here */
	signal(sig, SIG_DFL);
	raise(sig);
}

int cmd_map_file(const char *path, size_t max, struct cmd_file *f, struct err *e)
{
	memset(f, 0, sizeof *f);
	/* Mapping saves copying a file of hundreds of MB that is read once,
	 * and MAP_POPULATE maps its pages in one go. What cannot be mapped (a
	 * pipe, an empty or too long file, an error, a second file) is left
	 * to cmd_read_file, which says what is wrong with it. */
	int fd = open(path, O_RDONLY);
	struct stat st;
	long page = sysconf(_SC_PAGESIZE);
	if (!guarded.base && page > 0 && fd >= 0 && fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size <= max) {
#ifndef MAP_POPULATE
#define MAP_POPULATE 0
#endif
		void *m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
		if (m != MAP_FAILED) {
			struct sigaction sa;
			memset(&sa, 0, sizeof sa);
			sa.sa_sigaction = on_sigbus;
			sa.sa_flags = SA_SIGINFO;
			sigemptyset(&sa.sa_mask);
			guarded.base = m;
			guarded.len = (size_t)st.st_size;
			guarded.page = (size_t)page;
			cut_short = 0;
			if (sigaction(SIGBUS, &sa, &guarded.old) == 0) {
				f->map = m;
				f->data = m;
				f->len = (size_t)st.st_size;
				f->fd = fd; /* kept to see whether the file changed size */
				return 0;
			}
			guarded.base = NULL;
			munmap(m, (size_t)st.st_size);
		}
	}
	if (fd >= 0)
		close(fd);
	if (cmd_read_file(path, max, &f->buf, e))
		return -1;
	f->data = f->buf.data ? f->buf.data : "";
	f->len = f->buf.len;
	return 0;
}

int cmd_file_cut_short(const struct cmd_file *f)
{
	/* a cut within the last page reads as zeros without a SIGBUS */
	struct stat st;
	return f->map && (cut_short || fstat(f->fd, &st) || (uintmax_t)st.st_size != f->len);
}

void cmd_file_release(struct cmd_file *f)
{
	if (f->map) {
		munmap(f->map, f->len);
		close(f->fd);
		sigaction(SIGBUS, &guarded.old, NULL);
		guarded.base = NULL;
		guarded.len = 0;
	}
	buf_release(&f->buf);
	memset(f, 0, sizeof *f);
}
