/* flash.c - one-time messages across a redirect (flash.h). */
#include "web/flash.h"

#include <sodium.h>
#include <string.h>

#include "util/utf8.h"
#include "web/auth.h"

_Static_assert(crypto_auth_KEYBYTES == WEB_KEY_LEN, "the flash MAC is keyed by the server's form key");

/* MAC over the path, a NUL, then the message: a message signed for one
 * page is not good on another. */
static void mac_of(const unsigned char *key, const char *path, const char *msg, size_t len,
                   unsigned char out[crypto_auth_BYTES])
{
	crypto_auth_hmacsha512256_state st;
	crypto_auth_hmacsha512256_init(&st, key, WEB_KEY_LEN);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)path, strlen(path) + 1);
	crypto_auth_hmacsha512256_update(&st, (const unsigned char *)msg, len);
	crypto_auth_hmacsha512256_final(&st, out);
}

static void add_base64(struct buf *out, const unsigned char *p, size_t n)
{
	size_t room = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	buf_grow(out, room);
	sodium_bin2base64(out->data + out->len, room, p, n, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	out->len += strlen(out->data + out->len);
}

void flash_encode(const unsigned char key[WEB_KEY_LEN], const char *path, const char *msg, struct buf *out)
{
	size_t len = strlen(msg);
	if (len > FLASH_MAX_BYTES) {
		/* the last whole line that fits, else the last whole character */
		size_t n = FLASH_MAX_BYTES;
		while (n > 0 && msg[n - 1] != '\n')
			n--;
		if (n == 0) {
			n = FLASH_MAX_BYTES;
			while (n > 0 && ((unsigned char)msg[n] & 0xC0) == 0x80)
				n--;
		}
		len = n;
	}
	unsigned char mac[crypto_auth_BYTES];
	mac_of(key, path, msg, len, mac);
	buf_reset(out);
	add_base64(out, (const unsigned char *)msg, len);
	buf_addc(out, '.');
	add_base64(out, mac, sizeof mac);
}

int flash_decode(const unsigned char key[WEB_KEY_LEN], const char *path, const char *value, struct buf *out)
{
	buf_reset(out);
	const char *dot = strchr(value, '.');
	if (!dot || (size_t)(dot - value) > 2 * FLASH_MAX_BYTES)
		return -1;
	size_t n = (size_t)(dot - value), len = 0, maclen = 0;
	unsigned char mac[crypto_auth_BYTES], want[crypto_auth_BYTES];
	buf_grow(out, n + 1);
	if (sodium_base642bin((unsigned char *)out->data, n + 1, value, n, NULL, &len, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    sodium_base642bin(mac, sizeof mac, dot + 1, strlen(dot + 1), NULL, &maclen, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) ||
	    maclen != sizeof mac)
		goto bad;
	mac_of(key, path, out->data, len, want);
	if (sodium_memcmp(mac, want, sizeof mac) || !utf8_valid(out->data, len) || memchr(out->data, '\0', len))
		goto bad;
	out->len = len;
	out->data[len] = '\0';
	return 0;
bad:
	out->len = 0;
	out->data[0] = '\0';
	return -1;
}

/* Set-Cookie for value on path (NULL: the line that deletes it). */
static void cookie(struct req *r, const char *path, const char *value)
{
	/* a path is one attribute: nothing that would end it or start another */
	if (!web_local_path(path) || strpbrk(path, ";, \""))
		return;
	struct buf line = {0};
	buf_printf(&line, FLASH_COOKIE "=%s; Path=%s; Max-Age=%d; HttpOnly; SameSite=Lax%s", value ? value : "", path,
	           value ? FLASH_TTL : 0, r->web->tls ? "; Secure" : "");
	auth_set_cookie(r, line.data);
	buf_release(&line);
}

void flash_set(struct req *r, const char *path, const char *msg)
{
	struct buf v = {0};
	flash_encode(r->web->form_key, path, msg, &v);
	cookie(r, path, v.data);
	buf_release(&v);
}

const char *flash_take(struct req *r)
{
	const char *v = auth_cookie(r, FLASH_COOKIE);
	if (!v)
		return NULL;
	cookie(r, r->path, NULL);
	struct buf msg = {0};
	const char *out = NULL;
	if (flash_decode(r->web->form_key, r->path, v, &msg) == 0)
		out = h2o_strdup(r->pool, msg.data, msg.len).base;
	buf_release(&msg);
	return out;
}

void flash_html(struct html *h, const char *msg)
{
	html_lit(h, "<div class=\"notice flash\" role=\"status\">");
	for (const char *p = msg; *p;) {
		size_t n = strcspn(p, "\n");
		if (n)
			html_printf(h, "<p>%.*h</p>", (int)n, p);
		p += n;
		if (*p)
			p++;
	}
	html_lit(h, "</div>\n");
}
