/* err.h - the error value every library layer returns.
 * Library code fills a struct err and returns -1; only main.c and cmd_*.c
 * print it and turn its code into the process exit status. */
#ifndef RAPPORT_ERR_H
#define RAPPORT_ERR_H

/* The codes double as exit statuses (DESIGN.md section 6). */
enum err_code {
	ERR_OK = 0,
	ERR_CHECK = 1,  /* a check failed, e.g. verify found tampering */
	ERR_INPUT = 2,  /* bad usage or bad input; the message names the field */
	ERR_IO = 3,     /* I/O or database error */
};

struct err {
	enum err_code code;
	char msg[512];
};

/* Sets e (when not NULL) and returns -1 so callers can `return err_set(...)`. */
int err_set(struct err *e, enum err_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void err_clear(struct err *e);

#endif
