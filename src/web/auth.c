/* auth.c - cookies, the session of a request, CSRF tokens and the
 * language a request is answered in (auth.h). Secrets are compared in
 * constant time and never logged.
 *
 * Forms before sign-in (the login form, the language switch) have no
 * session whose CSRF token they could carry. They use a signed
 * double-submit token instead: the first page with a form sets a cookie
 * rapport_form holding 32 random bytes, and the form's csrf field holds
 * HMAC(key, that value) under the web app's key, which the first server
 * draws and keeps in the database (store_web_key) so that every server
 * process on it accepts the forms of the others. A POST passes when its
 * field is the HMAC of its own cookie. Another site cannot read the cookie
 * to compute the field, and one that manages to plant a cookie (from a
 * sibling subdomain) cannot compute it either without the key. */
#include "web/auth.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "util/log.h"
#include "web/session.h"
#include "web/web.h"

_Static_assert(crypto_auth_BYTES == 32 && crypto_auth_KEYBYTES == WEB_KEY_LEN, "the form token is a 32-byte HMAC");

#define FORM_TOKEN_LEN 43 /* 32 bytes in URL-safe base64 without padding, as a session's */

/* Finds name=value in one Cookie header's value (n bytes). */
static const char *cookie_in(struct req *r, const char *s, size_t n, const char *name)
{
	size_t nl = strlen(name), i = 0;
	while (i < n) {
		while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == ';'))
			i++;
		size_t start = i;
		while (i < n && s[i] != ';')
			i++;
		size_t len = i - start;
		if (len > nl && s[start + nl] == '=' && !memcmp(s + start, name, nl)) {
			size_t vs = start + nl + 1, ve = i;
			while (ve > vs && (s[ve - 1] == ' ' || s[ve - 1] == '\t'))
				ve--;
			if (ve - vs >= 2 && s[vs] == '"' && s[ve - 1] == '"')
				vs++, ve--;
			return h2o_strdup(r->pool, s + vs, ve - vs).base;
		}
	}
	return NULL;
}

const char *auth_cookie(struct req *r, const char *name)
{
	const h2o_headers_t *hs = &r->h->headers;
	/* HTTP/2 may send each cookie in a header of its own */
	for (ssize_t i = -1; (i = h2o_find_header(hs, H2O_TOKEN_COOKIE, i)) != -1;) {
		const h2o_iovec_t *v = &hs->entries[i].value;
		const char *c = cookie_in(r, v->base, v->len, name);
		if (c)
			return c;
	}
	return NULL;
}

/* 43 characters of the URL-safe base64 alphabet: what both tokens look like. */
static int token_shape(const char *t)
{
	size_t n = 0;
	for (; t[n]; n++) {
		char c = t[n];
		if (n >= FORM_TOKEN_LEN ||
		    !((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return n == FORM_TOKEN_LEN;
}

int auth_load(struct req *r, struct err *e)
{
	const char *token = auth_cookie(r, SESSION_COOKIE);
	if (token) {
		struct session_user *u = h2o_mem_alloc_pool(r->pool, sizeof *u);
		int found = session_lookup(r->db, token, web_now(r), u, e);
		if (found < 0)
			return -1;
		if (found) {
			r->session = u;
			r->session_token = token;
		}
	}
	const char *form = auth_cookie(r, AUTH_FORM_COOKIE);
	r->form_token = form && token_shape(form) ? form : NULL;
	return 0;
}

void auth_lang(struct req *r)
{
	int lang = -1;
	if (r->session && r->session->lang[0])
		lang = i18n_from_tag(r->session->lang, strlen(r->session->lang));
	if (lang < 0) {
		const char *c = auth_cookie(r, AUTH_LANG_COOKIE);
		if (c)
			lang = i18n_from_tag(c, strlen(c));
	}
	if (lang < 0) {
		const h2o_headers_t *hs = &r->h->headers;
		ssize_t i = h2o_find_header(hs, H2O_TOKEN_ACCEPT_LANGUAGE, -1);
		if (i != -1)
			lang = i18n_accept(hs->entries[i].value.base, hs->entries[i].value.len);
	}
	r->lang = i18n_served(&r->web->i18n, lang);
	i18n_use(&r->web->i18n, r->lang);
}

/* The form field for a pre-session cookie value: HMAC under the server's key. */
static void form_mac(const struct web *w, const char *cookie, char out[FORM_TOKEN_LEN + 1])
{
	unsigned char mac[crypto_auth_BYTES];
	crypto_auth(mac, (const unsigned char *)cookie, strlen(cookie), w->form_key);
	sodium_bin2base64(out, FORM_TOKEN_LEN + 1, mac, sizeof mac, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

void auth_set_cookie(struct req *r, const char *line)
{
	h2o_add_header(r->pool, &r->h->res.headers, H2O_TOKEN_SET_COOKIE, NULL, h2o_strdup(r->pool, line, SIZE_MAX).base,
	               strlen(line));
}

const char *auth_csrf_token(struct req *r)
{
	if (r->session)
		return r->session->csrf;
	if (!r->form_token) {
		unsigned char raw[32];
		char *t = h2o_mem_alloc_pool(r->pool, FORM_TOKEN_LEN + 1);
		randombytes_buf(raw, sizeof raw);
		sodium_bin2base64(t, FORM_TOKEN_LEN + 1, raw, sizeof raw, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		r->form_token = t;
		/* lives as long as the browser session; only ever sent back here */
		char line[160];
		snprintf(line, sizeof line, AUTH_FORM_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax%s", t,
		         r->web->tls ? "; Secure" : "");
		auth_set_cookie(r, line);
	}
	char *mac = h2o_mem_alloc_pool(r->pool, FORM_TOKEN_LEN + 1);
	form_mac(r->web, r->form_token, mac);
	return mac;
}

int auth_csrf_ok(struct req *r)
{
	const char *given = form_get(&r->form, "csrf");
	if (r->session)
		return session_csrf_ok(r->session, given);
	if (!r->form_token || !given || strlen(given) != FORM_TOKEN_LEN)
		return 0;
	char want[FORM_TOKEN_LEN + 1];
	form_mac(r->web, r->form_token, want);
	return sodium_memcmp(want, given, FORM_TOKEN_LEN) == 0;
}

void auth_session_cookie(struct req *r, const char *token, int64_t expires)
{
	char line[256];
	session_cookie(line, sizeof line, token, expires, web_now(r), r->web->tls);
	auth_set_cookie(r, line);
}
