/* web.c - the state the server's threads share and the handler helpers
 * (web.h): writes as one transaction on the one writer, tenant isolation,
 * redirects and ids. */
#include "web/web.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "store/events.h"
#include "store/users.h"
#include "web/i18n.h"
#include "web/session.h"

int web_init(struct web *w, struct db *writer, int64_t pinned_now, int tls, const char **warning, struct err *e)
{
	memset(w, 0, sizeof *w);
	if (sodium_init() < 0)
		return err_set(e, ERR_IO, "libsodium failed to initialise");
	if (ledger_init(&w->ledger, writer, e))
		return -1;
	pthread_mutex_init(&w->write_lock, NULL);
	w->writer = writer;
	w->pinned_now = pinned_now;
	w->tls = tls;
	/* One key for every server process on the database: a form one served
	 * is accepted by another behind the same load balancer. */
	unsigned char fresh[WEB_KEY_LEN];
	randombytes_buf(fresh, sizeof fresh);
	int r = store_web_key(writer, "form", fresh, pinned_now ? pinned_now : time(NULL), w->form_key, e);
	sodium_memzero(fresh, sizeof fresh);
	if (r)
		return -1;
	i18n_init(&w->i18n, warning);
	if (!(w->memo = memo_new()))
		return err_set(e, ERR_IO, "out of memory");
	return 0;
}

void web_release(struct web *w)
{
	if (!w->writer)
		return;
	ledger_release(&w->ledger);
	pthread_mutex_destroy(&w->write_lock);
	i18n_release(&w->i18n);
	memo_free(w->memo);
	sodium_memzero(w->form_key, sizeof w->form_key);
	memset(w, 0, sizeof *w);
}

void web_rel_version(const struct rel_head *h, char out[64])
{
	snprintf(out, 64, "%lld:%lld", (long long)h->id, (long long)h->seq);
}

int64_t web_now(const struct req *r)
{
	return r->web && r->web->pinned_now ? r->web->pinned_now : (int64_t)time(NULL);
}

int web_write(struct req *r, web_write_fn fn, void *ctx, struct buf *warnings, struct err *e)
{
	struct web *w = r->web;
	struct web_tx tx = {.db = w->writer, .ledger = &w->ledger, .now = web_now(r)};
	pthread_mutex_lock(&w->write_lock);
	int rc = db_begin(w->writer, e);
	/* BEGIN is the first command since the writer's last write: when the
	 * connection was lost meanwhile (PostgreSQL restarted), it fails; once
	 * opened again, the write goes ahead */
	if (rc && db_alive(w->writer, 0) == 2)
		rc = db_begin(w->writer, e);
	if (rc == 0) {
		rc = fn(r, &tx, ctx, e);
		if (rc == 0 && !tx.discard)
			rc = db_commit(w->writer, e);
		if (rc || tx.discard)
			db_rollback(w->writer);
	}
	pthread_mutex_unlock(&w->write_lock);
	if (rc == 0 && warnings)
		*warnings = tx.warnings; /* the caller's to release now */
	else
		buf_release(&tx.warnings);
	return rc;
}

int web_fail(struct req *r, struct err *e, int status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char msg[sizeof e->msg];
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	r->fail_status = status;
	return err_set(e, ERR_INPUT, "%s", msg);
}

int web_partner_visible(const struct req *r, int64_t partner_id)
{
	return r->session && partner_id > 0 && session_can_see(r->session, partner_id);
}

int web_not_found(struct req *r)
{
	req_send_error(r, 404, _("There is no page at this address."));
	return 0;
}

int web_id_parse(const char *s, int64_t *id)
{
	if (!s || *s < '1' || *s > '9' || strlen(s) > 18)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return 0;
		v = v * 10 + (*s - '0');
	}
	*id = v;
	return 1;
}

int web_param_id(const struct req *r, int i, int64_t *id)
{
	return web_id_parse(i < r->nparam ? r->param[i] : NULL, id);
}

int web_local_path(const char *s)
{
	if (!s || s[0] != '/' || s[1] == '/' || s[1] == '\\')
		return 0;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f || *s == '\\')
			return 0;
	return 1;
}

const char *web_log_path(const char *normalized, size_t len)
{
	static const char prefix[] = "/calendar/";
	size_t n = sizeof prefix - 1;
	if (len > n && !memcmp(normalized, prefix, n))
		return "/calendar/[token].ics";
	return NULL;
}

void web_redirect(struct req *r, const char *location)
{
	req_header(r, "location", h2o_strdup(r->pool, location, SIZE_MAX).base);
	req_send(r, 303, "text/plain; charset=utf-8", "", 0);
}
