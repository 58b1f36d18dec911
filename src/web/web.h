/* web.h - what the server's threads share (struct web: the one writer
 * connection behind its lock, the key that signs pre-session form tokens,
 * the clock, the languages) and the helpers every handler uses: a write as
 * one transaction, tenant isolation, redirects, ids from the path, 4xx
 * answers. No page here; pages are page_*.c. */
#ifndef RAPPORT_WEB_H
#define RAPPORT_WEB_H

#include <pthread.h>
#include <stdint.h>

#include "ledger.h"
#include "store/events.h"
#include "store/db.h"
#include "util/buf.h"
#include "util/err.h"
#include "web/i18n.h"
#include "web/memo.h"
#include "web/req.h"

#define WEB_KEY_LEN 32

struct web {
	/* SQLite lets one connection write at a time anyway; the lock makes
	 * the threads take turns on this one instead of each holding its own
	 * writer and waiting on the database's lock. */
	pthread_mutex_t write_lock;
	struct db *writer;                 /* read-write, opened by cmd_serve; not owned */
	struct ledger ledger;              /* on writer: every append from the web */
	unsigned char form_key[WEB_KEY_LEN]; /* signs pre-session CSRF tokens and flashes; kept in the database */
	int64_t pinned_now;                /* $RAPPORT_NOW (tests), 0 for the clock */
	int tls;                           /* served over TLS: cookies are Secure */
	struct i18n i18n;
	struct memo *memo;                 /* answers computed from the record, shared (memo.h) */
};

/* Sets w up on the writer connection (which must outlive it): the ledger,
 * the lock, a fresh key, the languages; *warning as i18n_init's. */
int web_init(struct web *w, struct db *writer, int64_t pinned_now, int tls, const char **warning, struct err *e);
void web_release(struct web *w);

/* A string naming the state of the record the answers about a
 * relationship are read from, for memo.h: its head h (a new event in it,
 * a new rule or weight, changes it). */
void web_rel_version(const struct rel_head *h, char out[64]);

/* Now in seconds UTC: the pinned time when there is one. */
int64_t web_now(const struct req *r);

/* What a write sees: the writer connection inside its transaction, its
 * ledger, the time the write is done at, and a buffer for warnings (e.g.
 * a due date on the partner's day off) the handler may show. */
struct web_tx {
	struct db *db;
	struct ledger *ledger;
	int64_t now;
	struct buf warnings;
	int discard; /* set by fn: what it wrote is a trial (a dry run), rolled back */
};

typedef int (*web_write_fn)(struct req *r, struct web_tx *tx, void *ctx, struct err *e);

/* Runs fn as ONE transaction on the writer: takes the lock, BEGIN
 * IMMEDIATE, fn, then COMMIT when fn returned 0, else ROLLBACK (nothing
 * of a refused write remains; a write fn marked tx->discard is rolled
 * back too, and still returns 0), and lets go of the lock. fn must not send
 * the response (the commit may still fail); it returns 0, or -1 with e
 * set. Returns 0 once committed, else -1 with e: the handler returns it
 * and route_dispatch answers ERR_INPUT with r->fail_status (400 unless set)
 * and the message, anything else with 500 (logged). warnings, when not
 * NULL, receives what the write warned of (the caller releases it).
 *
 * The lock is held on the calling thread's event loop: keep fn short. */
int web_write(struct req *r, web_write_fn fn, void *ctx, struct buf *warnings, struct err *e);

/* Sets e to ERR_INPUT with the message and r->fail_status to status (a
 * 4xx), and returns -1: `return web_fail(r, e, 404, ...)`. */
int web_fail(struct req *r, struct err *e, int status, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Tenant isolation: 1 when the signed-in user's organisation may see the
 * relationship with partner_id (the buyer's users see every partner, a
 * partner's users only their own), else 0. A handler answers 0 with
 * web_not_found, exactly as for an id that does not exist, so another
 * partner's ids cannot even be told apart from missing ones. */
int web_partner_visible(const struct req *r, int64_t partner_id);
/* Answers 404 with the usual page, for the route's data; returns 0. */
int web_not_found(struct req *r);

/* s as a positive decimal id, without sign or leading zero and at most
 * 18 digits: 1 and *id, or 0 (s may be NULL). */
int web_id_parse(const char *s, int64_t *id);

/* The path parameter i as a positive id: 1 and *id, or 0 when it is not
 * one (a handler answers 404 then). */
int web_param_id(const struct req *r, int i, int64_t *id);

/* 1 when s is a path on this site, safe to redirect to: it starts with a
 * single '/' (not "//" nor "/\\", which browsers take for another host),
 * and holds no control character or backslash. */
int web_local_path(const char *s);

/* What the access log writes instead of a path that holds a secret: the
 * calendar feed's address holds its token (/calendar/TOKEN.ics), which
 * would let anyone who reads the log read the calendar. normalized is the
 * request's normalized path (len bytes: percent-decoded, so an encoded
 * "/calendar/" is caught too). Returns "/calendar/[token].ics", or NULL
 * when the path may be logged as it is. */
const char *web_log_path(const char *normalized, size_t len);

/* Answers 303 See Other to location (a path on this site; copied). */
void web_redirect(struct req *r, const char *location);

#endif
