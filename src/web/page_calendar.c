/* page_calendar.c - the calendar feed on the web: GET /calendar shows the
 * signed-in user's feed address and POST /calendar makes (or replaces) its
 * secret token; GET /calendar/{token}.ics serves the feed itself, with no
 * session: the token is the credential. A token belongs to an author (an
 * e-mail address, store/feed.h); the feed is that web user's: a partner's
 * user gets its relationship seen from the partner's side, a buyer's user
 * every relationship from the buyer's side, in one calendar (feed.h's
 * feed_calendar_many). Tokens are not ledger events: viewers may have one. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "feed.h"
#include "store/feed.h"
#include "store/parties.h"
#include "store/users.h"
#include "web/i18n.h"
#include "web/layout.h"
#include "web/pages.h"
#include "web/session.h"
#include "web/web.h"

/* libical keeps process-wide state (its zone directory, the builtin-zone
 * switch feed.c sets): one feed is built at a time. Calendar clients poll
 * hourly; the wait is short. */
static pthread_mutex_t feed_lock = PTHREAD_MUTEX_INITIALIZER;

/* 1 when s is a token feed_token_new could have made: FEED_TOKEN_LEN
 * characters of URL-safe base64. */
static int token_shaped(const char *s, size_t n)
{
	if (n != FEED_TOKEN_LEN)
		return 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

struct rels {
	int64_t *v;
	size_t n, cap;
};

static int add_rel(void *ctx, const struct party *p)
{
	struct rels *x = ctx;
	if (x->n == x->cap) {
		x->cap = x->cap ? 2 * x->cap : 8;
		int64_t *v = realloc(x->v, x->cap * sizeof *v);
		if (!v)
			abort();
		x->v = v;
	}
	x->v[x->n++] = p->id;
	return 0;
}

int page_calendar_feed(struct req *r, struct err *e)
{
	const char *seg = r->param[0];
	size_t len = strlen(seg);
	if (len < 5 || strcmp(seg + len - 4, ".ics") || !token_shaped(seg, len - 4))
		return web_not_found(r);
	char token[FEED_TOKEN_LEN + 1], author[STORE_EMAIL_MAX + 1];
	memcpy(token, seg, FEED_TOKEN_LEN);
	token[FEED_TOKEN_LEN] = '\0';
	int found = store_feed_token_author(r->db, token, author, sizeof author, e);
	if (found <= 0)
		return found < 0 ? -1 : web_not_found(r);
	/* the author must be a web user still allowed in: what they may see
	 * is their organisation's */
	struct store_user u;
	found = store_user_by_email(r->db, author, &u, e);
	if (found <= 0 || u.disabled)
		return found < 0 ? -1 : web_not_found(r);
	struct rels rels = {0};
	if (u.partner) {
		struct party p;
		found = store_partner_get(r->db, u.partner, &p, e);
		if (found <= 0)
			return found < 0 ? -1 : web_not_found(r);
		add_rel(&rels, &p);
	} else if (store_partner_each(r->db, add_rel, &rels, e)) {
		free(rels.v);
		return -1;
	}
	char *text;
	pthread_mutex_lock(&feed_lock);
	int rc = feed_calendar_many(r->db, rels.v, rels.n, u.partner ? "partner" : "buyer", r->now, &text, e);
	pthread_mutex_unlock(&feed_lock);
	free(rels.v);
	if (rc) {
		if (e->code == ERR_INPUT) /* the record is not set up: nothing to serve */
			return web_not_found(r);
		return -1;
	}
	size_t n = strlen(text);
	char *body = h2o_mem_alloc_pool(r->pool, n + 1);
	memcpy(body, text, n + 1);
	free(text);
	req_header(r, "cache-control", "private, no-cache");
	req_send(r, 200, "text/calendar; charset=utf-8", body, n);
	return 0;
}

int page_calendar(struct req *r, struct err *e)
{
	const struct session_user *u = r->session;
	char token[128];
	int have = store_feed_token_get(r->db, u->email, token, e);
	if (have < 0)
		return -1;
	struct html h;
	html_init(&h, r->pool);
	layout_begin(&h, r, _("Calendar feed"));
	html_printf(&h, "<h1>%h</h1>\n", _("Calendar feed"));
	html_printf(&h, "<p>%h</p>\n",
	            u->partner ? _("Subscribe to this address in your calendar app to see what each side owes by a date, "
	                           "the update cadence and both sides' holidays for your relationship.")
	                       : _("Subscribe to this address in your calendar app to see what each side owes by a date, "
	                           "the update cadence and both sides' holidays for every partner."));
	html_lit(&h, "<div class=\"card\">\n");
	if (have == 1) {
		const h2o_iovec_t *host = &r->h->authority;
		html_printf(&h, "<p><label for=\"feed-url\">%h</label></p>\n", _("Your feed address"));
		html_printf(&h, "<p><input id=\"feed-url\" type=\"text\" readonly value=\"%h://%.*h/calendar/%h.ics\"></p>\n",
		            r->web && r->web->tls ? "https" : "http", (int)host->len, host->base, token);
		html_printf(&h, "<p class=\"hint\">%h</p>\n",
		            _("Keep it secret: anyone with this address can read the calendar without signing in."));
	} else {
		html_printf(&h, "<p>%h</p>\n", _("You have no feed address yet."));
	}
	layout_form_begin(&h, r, "/calendar");
	html_printf(&h, "<button type=\"submit\">%h</button>\n",
	            have == 1 ? _("Make a new address (the old one stops working)") : _("Make my feed address"));
	layout_form_end(&h);
	html_lit(&h, "</div>\n");
	layout_end(&h, r);
	req_send_html(r, 200, &h);
	return 0;
}

static int set_token(struct req *r, struct web_tx *tx, void *ctx, struct err *e)
{
	(void)ctx;
	char token[FEED_TOKEN_LEN + 1];
	if (feed_token_new(token, e))
		return -1;
	return store_feed_token_set(tx->db, r->session->email, token, tx->now, e);
}

int page_calendar_post(struct req *r, struct err *e)
{
	if (web_write(r, set_token, NULL, NULL, e))
		return -1;
	web_redirect(r, "/calendar");
	return 0;
}
