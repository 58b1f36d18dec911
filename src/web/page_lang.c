/* page_lang.c - POST /lang: the language switch in every page's header.
 * Remembers the choice in a cookie (so the sign-in page follows it too)
 * and, for a signed-in user, as their setting, which then wins on every
 * device; then goes back to the page it was sent from. Any user may
 * change their own language, viewers included: it changes no record. */
#include <stdio.h>
#include <string.h>

#include "store/users.h"
#include "web/auth.h"
#include "web/i18n.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

#define LANG_COOKIE_AGE (365 * 86400)

static int set_lang(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	return store_user_set_lang(tx->db, r->session->user_id, ctx, e);
}

int page_lang(struct req *r, struct err *e)
{
	const char *v = form_get(&r->form, "lang"), *next = form_get(&r->form, "next");
	int lang = v ? i18n_from_tag(v, strlen(v)) : -1;
	if (lang < 0)
		return web_fail(r, e, 400, "%s", _("Choose one of the languages offered."));
	const char *tag = i18n_langs[lang].tag;
	if (r->session && web_write(r, set_lang, (void *)tag, NULL, e))
		return -1;
	char line[128];
	snprintf(line, sizeof line, AUTH_LANG_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Lax%s", tag,
	         LANG_COOKIE_AGE, r->web->tls ? "; Secure" : "");
	auth_set_cookie(r, line);
	web_redirect(r, web_local_path(next) ? next : "/");
	return 0;
}
