/* charset.c - text in another encoding read as UTF-8 (charset.h). */
#include "util/charset.h"

#include <errno.h>
#include <iconv.h>
#include <string.h>
#include <strings.h>

int charset_is_utf8(const char *name)
{
	return !strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8") || !strcasecmp(name, "us-ascii") ||
	       !strcasecmp(name, "ascii");
}

/* A name iconv_open may be given: its own syntax ("//TRANSLIT", a path to
 * a module) stays out. */
static int plain_name(const char *name)
{
	size_t n = strlen(name);
	if (n == 0 || n > CHARSET_NAME_MAX)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.' || c == ':'))
			return 0;
	}
	return 1;
}

static iconv_t open_from(const char *name)
{
	return plain_name(name) ? iconv_open("UTF-8", name) : (iconv_t)-1;
}

int charset_known(const char *name)
{
	if (charset_is_utf8(name))
		return 1;
	iconv_t cd = open_from(name);
	if (cd == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

const char *charset_sniff(const char *in, size_t len)
{
	if (len >= 2 && (((unsigned char)in[0] == 0xFF && (unsigned char)in[1] == 0xFE) ||
	                 ((unsigned char)in[0] == 0xFE && (unsigned char)in[1] == 0xFF)))
		return "UTF-16";
	return NULL;
}

const char *charset_choose(const char *given, const char *head, size_t len)
{
	if (given && !charset_is_utf8(given))
		return given;
	return charset_sniff(head, len);
}

/* The line of the converted text that its next character is on: lines
 * end in LF, CR LF or CR, as csvfile.h reads them. */
static size_t line_of(const struct buf *out)
{
	size_t line = 1;
	for (size_t i = 0; i < out->len; i++)
		if (out->data[i] == '\n' || (out->data[i] == '\r' && (i + 1 == out->len || out->data[i + 1] != '\n')))
			line++;
	return line;
}

int charset_to_utf8(const char *name, const char *in, size_t len, struct buf *out, size_t *line, struct err *e)
{
	buf_reset(out);
	iconv_t cd = open_from(name);
	if (cd == (iconv_t)-1)
		return err_set(e, ERR_INPUT, "\"%.*s\" is not an encoding this system knows", CHARSET_NAME_MAX, name);
	/* UTF-8 takes at most three bytes for what one byte of a single-byte
	 * encoding, or two of UTF-16 or a double-byte one, hold; four for
	 * four (GB18030 beyond the BMP, a UTF-16 surrogate pair) */
	buf_grow(out, len * 3 + 16);
	char *src = (char *)in;
	size_t left = len;
	int rc = 0;
	while (left > 0) {
		char *dst = out->data + out->len;
		size_t room = out->cap - out->len - 1, before = room; /* and the NUL */
		size_t r = iconv(cd, &src, &left, &dst, &room);
		out->len += before - room;
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_grow(out, left * 4 + 16);
			continue;
		}
		/* EILSEQ: an invalid sequence; EINVAL: one cut short by the end */
		if (line)
			*line = line_of(out);
		rc = err_set(e, ERR_INPUT, "byte %zu of the file is not %s text", (size_t)(src - in) + 1, name);
		break;
	}
	if (!rc) {
		/* the shift state back to its initial one (stateful encodings) */
		char *dst = out->data + out->len;
		size_t room = out->cap - out->len - 1, before = room; /* and the NUL */
		iconv(cd, NULL, NULL, &dst, &room);
		out->len += before - room;
	}
	out->data[out->len] = '\0';
	iconv_close(cd);
	return rc;
}
