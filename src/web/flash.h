/* flash.h - a message for the page a form redirects to: a write that
 * succeeded with a warning (a due date on the partner's day off) sets it
 * on its 303, and the page it leads to shows it once and deletes it. It
 * travels in a cookie scoped to that page's path, living a minute and
 * signed with the server's key (web.h), so that no other site can plant a
 * message on a page of this one. A restart draws a new key: a message in
 * flight across it is dropped. */
#ifndef RAPPORT_FLASH_H
#define RAPPORT_FLASH_H

#include <stddef.h>

#include "util/buf.h"
#include "web/html.h"
#include "web/req.h"
#include "web/web.h"

#define FLASH_COOKIE "rapport_flash"
#define FLASH_MAX_BYTES 1500 /* a longer message is cut at a line's end: a cookie holds about 4 KB */
#define FLASH_TTL 60

/* The cookie's value for msg on the page at path: msg (cut to
 * FLASH_MAX_BYTES at the end of a line, or of a character) and its MAC
 * under key, both in URL-safe base64, joined by a dot. */
void flash_encode(const unsigned char key[WEB_KEY_LEN], const char *path, const char *msg, struct buf *out);
/* The message of value when it was made by flash_encode for path under
 * key: 0 with it in out, else -1 (out empty). */
int flash_decode(const unsigned char key[WEB_KEY_LEN], const char *path, const char *value, struct buf *out);

/* Sets msg for the page at path (a path of this site, e.g. /partners/1)
 * on the response r is about to send. */
void flash_set(struct req *r, const char *path, const char *msg);
/* The message set for this page (r->path), or NULL; a cookie that came
 * with the request is deleted whether or not it held a good message.
 * Pool memory. */
const char *flash_take(struct req *r);

/* Writes msg as a status notice: one paragraph per line. */
void flash_html(struct html *h, const char *msg);

#endif
