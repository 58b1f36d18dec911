/* buf.h - a growable byte buffer, always NUL-terminated after its data.
 * Allocation failure aborts: there is nothing sensible to do without memory. */
#ifndef RAPPORT_BUF_H
#define RAPPORT_BUF_H

#include <stddef.h>

struct buf {
	char *data;   /* owned; free with buf_release */
	size_t len;
	size_t cap;
};

#define BUF_INIT {0, 0, 0}

void buf_release(struct buf *b);
void buf_reset(struct buf *b);                 /* len = 0, keeps the memory */
void buf_grow(struct buf *b, size_t extra);
void buf_add(struct buf *b, const void *p, size_t n);
void buf_adds(struct buf *b, const char *s);
void buf_addc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends 2*n lowercase hex digits. */
void buf_addhex(struct buf *b, const unsigned char *p, size_t n);
/* Detaches the data; the caller frees it with free(). Never NULL. */
char *buf_detach(struct buf *b);

/* Decodes exactly 2*n hex digits of s into out; -1 on any other input. */
int hex_decode(const char *s, unsigned char *out, size_t n);

#endif
