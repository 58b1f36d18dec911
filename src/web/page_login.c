/* page_login.c - signing in and out: GET /login (the form), POST /login
 * (the e-mail address and password, checked on the thread's reader by
 * session_login_check, then the session or the failure it counts written
 * on the writer by session_login_finish),
 * POST /logout. Says nothing that would tell whether an address has an
 * account. */
#include <sodium.h>
#include <string.h>

#include "web/auth.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

/* Where to go once signed in: the form's (or the address's) next when it
 * is a path on this site, else the dashboard. */
static const char *next_of(struct req *r)
{
	const char *n = form_get(&r->form, "next");
	if (!n)
		n = form_get(&r->query, "next");
	return web_local_path(n) ? n : "/";
}

static void login_form(struct req *r, int status, const char *email, const char *next, const char *notice)
{
	struct html h;
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Sign in"));
	html_printf(&h, "<div class=\"card\">\n<h1>%h</h1>\n", _("Sign in"));
	if (notice)
		layout_notice(&h, notice);
	layout_form_begin(&h, r, "/login");
	if (strcmp(next, "/"))
		html_printf(&h, "<input type=\"hidden\" name=\"next\" value=\"%h\">\n", next);
	layout_field(&h, &(struct layout_field){.name = "email", .label = _("Email address"), .type = "email", .value = email,
	                                        .required = 1, .autocomplete = "username"});
	layout_field(&h, &(struct layout_field){.name = "password", .label = _("Password"), .type = "password",
	                                        .required = 1, .autocomplete = "current-password"});
	html_printf(&h, "<button type=\"submit\">%h</button>\n", _("Sign in"));
	layout_form_end(&h);
	html_lit(&h, "</div>\n");
	layout_end(&h, r);
	req_send_html(r, status, &h);
}

int page_login(struct req *r, struct err *e)
{
	(void)e;
	if (r->session) {
		web_redirect(r, next_of(r));
		return 0;
	}
	login_form(r, 200, NULL, next_of(r), NULL);
	return 0;
}

struct login {
	struct session_attempt attempt;
	struct session_login out;
};

static int do_login(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	(void)r;
	struct login *c = ctx;
	/* committed whatever the result: a refusal counts against the limits */
	return session_login_finish(tx->db, &c->attempt, tx->now, &c->out, e);
}

int page_login_post(struct req *r, struct err *e)
{
	const char *email = form_get(&r->form, "email"), *password = form_get(&r->form, "password");
	const char *next = next_of(r);
	if (!email || !*email || !password || !*password) {
		login_form(r, 400, email, next, _("Enter your email and your password."));
		return 0;
	}
	/* the password is checked on this thread's reader, outside the
	 * writer's lock: an argon2id hash takes tens of milliseconds, which
	 * every other write would otherwise wait for */
	struct login c;
	memset(&c.out, 0, sizeof c.out);
	c.out.result = SESSION_REFUSED;
	int rc = session_login_check(r->db, email, password, strlen(password), r->addr, web_now(r), &c.attempt, e);
	if (rc == 0)
		rc = web_write(r, do_login, &c, NULL, e);
	session_attempt_release(&c.attempt);
	if (rc)
		return -1;
	char msg[256];
	switch (c.out.result) {
	case SESSION_OK:
		auth_session_cookie(r, c.out.token, c.out.user.expires);
		sodium_memzero(c.out.token, sizeof c.out.token);
		web_redirect(r, next);
		return 0;
	case SESSION_DISABLED:
		login_form(r, 403, email, next, _("This account is disabled. Ask your organisation's administrator to enable it."));
		return 0;
	case SESSION_LIMITED: {
		long minutes = (long)((c.out.retry_after + 59) / 60);
		char secs[24];
		snprintf(secs, sizeof secs, "%lld", (long long)c.out.retry_after);
		req_header(r, "retry-after", h2o_strdup(r->pool, secs, SIZE_MAX).base);
		i18n_snprintf(msg, sizeof msg,
		              P_("Too many failed sign-ins. Try again in %ld minute.",
		                 "Too many failed sign-ins. Try again in %ld minutes.", minutes),
		              minutes);
		login_form(r, 429, email, next, msg);
		return 0;
	}
	case SESSION_REFUSED:
	default:
		login_form(r, 401, email, next, _("The email or password is wrong."));
		return 0;
	}
}

static int do_logout(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	(void)ctx;
	return session_logout(tx->db, r->session_token, e);
}

int page_logout(struct req *r, struct err *e)
{
	if (web_write(r, do_logout, NULL, NULL, e))
		return -1;
	auth_session_cookie(r, NULL, 0);
	web_redirect(r, "/login");
	return 0;
}
