/* auth.h - who a request comes from, for the server: the cookies it
 * carries, the session behind the session cookie (looked up on the
 * thread's read-only connection with web/session.c), the CSRF token of
 * each form and its check on every POST, the session cookie's Set-Cookie
 * lines, and the language a request is answered in. The rules themselves
 * (tokens, expiry, roles) are session.c's. */
#ifndef RAPPORT_AUTH_H
#define RAPPORT_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "util/err.h"
#include "web/req.h"

#define AUTH_FORM_COOKIE "rapport_form" /* the pre-session token's cookie */
#define AUTH_LANG_COOKIE "rapport_lang" /* the language switch's choice before signing in */

/* The value of the cookie called name in the request's Cookie headers
 * (pool memory), or NULL. */
const char *auth_cookie(struct req *r, const char *name);

/* Fills r->session (and r->session_token) from the session cookie when it
 * names a valid session; r->form_token from the pre-session cookie. 0, or
 * -1 with e set on a database error. */
int auth_load(struct req *r, struct err *e);

/* Chooses r->lang: the signed-in user's setting, else the language switch's
 * cookie, else Accept-Language, else English; and switches the thread's
 * gettext to it. */
void auth_lang(struct req *r);

/* The CSRF token the forms of this page carry: the session's, or before
 * sign-in a pre-session token (see auth.c), whose cookie this sets when
 * the request has none. Pool memory. */
const char *auth_csrf_token(struct req *r);
/* 1 when the POST's csrf field is the token auth_csrf_token gave the page
 * it was sent from, compared in constant time; else 0. */
int auth_csrf_ok(struct req *r);

/* Adds a Set-Cookie header with line (copied). */
void auth_set_cookie(struct req *r, const char *line);

/* Set-Cookie for a new session (token, until expires) or, with token
 * NULL, the line that deletes it; Secure under TLS. */
void auth_session_cookie(struct req *r, const char *token, int64_t expires);

#endif
