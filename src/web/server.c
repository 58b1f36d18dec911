/* server.c - the HTTP server behind `rapport serve`: listening sockets,
 * threads with one h2o event loop each, TLS, the access log and the
 * graceful stop. A request becomes a struct req here and is handed to
 * route_dispatch; this file knows no route and no page.
 *
 * Handlers run on their thread's event loop and must not block it for long,
 * and must not call util/time.c's zone functions: they switch TZ with
 * setenv, which is not thread-safe (see the note in on_req). */
#define _GNU_SOURCE /* accept4 */
#include "web/server.h"

#include <errno.h>
#include <h2o.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "calendar/holidays.h"
#include "store/db.h"
#include "util/log.h"
#include "web/api.h"
#include "web/fmt.h"
#include "web/req.h"
#include "web/route.h"
#include "web/web.h"

/* After SIGTERM: how long a request already on the wire may take to arrive
 * before idle connections are closed, and how long anything may take at
 * all (h2o's own request timeout is 10 s). */
#define STOP_GRACE_MS 300
#define STOP_DEADLINE_MS 10000
#define ACCEPTS_PER_WAKEUP 16

struct worker;

/* One accepted connection, so that the stop can close the idle ones. */
struct conn {
	struct conn *next, **prev;
	struct worker *w;
	int fd;
};

/* A connection idle this many seconds is asked whether it still works
 * before it serves a request (db_alive). */
#define DB_PROBE_IDLE 2

struct worker {
	struct server *srv;
	int index; /* from 1, for the log */
	pthread_t tid;
	int started;
	int listen_fd;
	h2o_socket_t *listener;
	h2o_context_t ctx;
	h2o_accept_ctx_t accept_ctx;
	h2o_multithread_receiver_t wake;
	struct db *db;
	struct fmt fmt; /* this thread's ICU formatters */
	struct conn *conns;
	size_t nconns;
	size_t inflight; /* requests from on_req until their pool is freed */
	int paused;      /* out of file descriptors: accepting again once a connection closes */
	int warned;      /* said so once; reset when no connection is left waiting */
	h2o_timeout_entry_t resume; /* ... or a second later at the latest */
	int64_t last_req; /* when the last request came, for db_alive's probe */
};

struct server {
	const struct server_conf *conf;
	h2o_globalconf_t config;
	SSL_CTX *ssl;
	struct worker *workers;
	struct web web; /* the writer, the form key, the languages: shared by the threads */
	atomic_int stopping;
};

/* h2o's handler with the server it belongs to. */
struct handler {
	h2o_handler_t super;
	struct server *srv;
};

/* A request's struct req and the worker that counts it in flight. */
struct live {
	struct req r;
	struct worker *w;
};

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static struct worker *worker_of(h2o_conn_t *conn)
{
	return H2O_STRUCT_FROM_MEMBER(struct worker, ctx, conn->ctx);
}

/* Listen address */

int server_listen_parse(const char *s, struct server_conf *conf, struct err *e)
{
	char host[256];
	const char *colon = strrchr(s, ':'), *port;
	size_t hl;
	if (s[0] == '[') { /* [v6]:port */
		const char *close = strchr(s, ']');
		if (!close || close[1] != ':')
			return err_set(e, ERR_INPUT, "--listen: HOST:PORT, e.g. 127.0.0.1:8080 or [::1]:8080: \"%s\"", s);
		hl = (size_t)(close - s - 1);
		port = close + 2;
	} else {
		if (!colon || colon == s)
			return err_set(e, ERR_INPUT, "--listen: HOST:PORT, e.g. 127.0.0.1:8080: \"%s\"", s);
		hl = (size_t)(colon - s);
		if (memchr(s, ':', hl))
			return err_set(e, ERR_INPUT, "--listen: put an IPv6 address in brackets, e.g. [::1]:8080: \"%s\"", s);
		port = colon + 1;
	}
	if (hl == 0 || hl >= sizeof host)
		return err_set(e, ERR_INPUT, "--listen: HOST:PORT needs a host, e.g. 127.0.0.1:8080: \"%s\"", s);
	memcpy(host, s[0] == '[' ? s + 1 : s, hl);
	host[hl] = '\0';
	char *end;
	errno = 0;
	long p = strtol(port, &end, 10);
	if (!*port || *end || p < 0 || p > 65535 || errno || port[0] == '+' || port[0] == '-' || port[0] == ' ')
		return err_set(e, ERR_INPUT, "--listen: the port is a number from 0 to 65535: \"%s\"", s);
	struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM, .ai_flags = AI_PASSIVE}, *res;
	int rc = getaddrinfo(host, port, &hints, &res);
	if (rc != 0)
		return err_set(e, ERR_INPUT, "--listen: cannot resolve \"%s\": %s", host, gai_strerror(rc));
	memcpy(&conf->addr, res->ai_addr, res->ai_addrlen);
	conf->addrlen = res->ai_addrlen;
	freeaddrinfo(res);
	return 0;
}

/* "127.0.0.1:8080" or "[::1]:8080" for the log. */
static void addr_text(const struct sockaddr_storage *ss, socklen_t len, char out[80])
{
	char host[NI_MAXHOST], port[NI_MAXSERV];
	if (getnameinfo((const struct sockaddr *)ss, len, host, sizeof host, port, sizeof port,
	                NI_NUMERICHOST | NI_NUMERICSERV) != 0) {
		snprintf(out, 80, "?");
		return;
	}
	snprintf(out, 80, ss->ss_family == AF_INET6 ? "[%s]:%s" : "%s:%s", host, port);
}

/* One listening socket; SO_REUSEPORT lets every thread have its own on the
 * same address, and the kernel spreads the connections between them. */
static int listen_socket(const struct sockaddr_storage *ss, socklen_t len, struct err *e)
{
	char where[80];
	int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0), one = 1;
	if (fd < 0)
		return err_set(e, ERR_IO, "--listen: cannot make a socket: %s", strerror(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) ||
	    setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) ||
	    bind(fd, (const struct sockaddr *)ss, len) || listen(fd, SOMAXCONN)) {
		int err = errno;
		addr_text(ss, len, where);
		close(fd);
		/* an address this machine does not have is a bad --listen;
		 * one that is taken is the machine's state */
		return err_set(e, err == EADDRNOTAVAIL ? ERR_INPUT : ERR_IO, "--listen: cannot listen on %s: %s", where,
		               strerror(err));
	}
	return fd;
}

/* TLS */

static int ssl_fail(struct err *e, const char *opt, const char *file, const char *what)
{
	char detail[256] = "";
	unsigned long code = ERR_peek_last_error();
	if (code)
		ERR_error_string_n(code, detail, sizeof detail);
	ERR_clear_error();
	return err_set(e, ERR_INPUT, "%s: %s %s%s%s", opt, file, what, detail[0] ? ": " : "", detail);
}

static int readable(const char *opt, const char *file, struct err *e)
{
	FILE *f = fopen(file, "r");
	if (!f)
		return err_set(e, ERR_INPUT, "%s: cannot read %s: %s", opt, file, strerror(errno));
	fclose(f);
	return 0;
}

static int ssl_setup(struct server *srv, struct err *e)
{
	const struct server_conf *c = srv->conf;
	if (readable("--cert", c->cert, e) || readable("--key", c->key, e))
		return -1;
	SSL_CTX *ctx = SSL_CTX_new(TLS_server_method());
	if (!ctx)
		return err_set(e, ERR_IO, "TLS: cannot make a context");
	srv->ssl = ctx;
	SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
	SSL_CTX_set_options(ctx, SSL_OP_NO_COMPRESSION | SSL_OP_NO_RENEGOTIATION);
	if (SSL_CTX_use_certificate_chain_file(ctx, c->cert) != 1)
		return ssl_fail(e, "--cert", c->cert, "is not a PEM certificate");
	if (SSL_CTX_use_PrivateKey_file(ctx, c->key, SSL_FILETYPE_PEM) != 1)
		return ssl_fail(e, "--key", c->key, "is not a PEM private key");
	if (SSL_CTX_check_private_key(ctx) != 1)
		return ssl_fail(e, "--key", c->key, "does not belong to the --cert certificate");
	/* HTTP/2 where the client offers it, else HTTP/1.1 */
	h2o_ssl_register_alpn_protocols(ctx, h2o_http2_alpn_protocols);
	return 0;
}

/* Connections */

static void on_accept(h2o_socket_t *listener, const char *err);

/* Accepting stops when the process runs out of file descriptors (the
 * listener would stay readable and the loop spin on it) and starts again
 * when a connection closes, or after a second. */
static void accept_pause(struct worker *w)
{
	w->paused = 1;
	h2o_socket_read_stop(w->listener);
	if (!h2o_timeout_is_linked(&w->resume))
		h2o_timeout_link(w->ctx.loop, &w->ctx.one_sec_timeout, &w->resume);
}

static void accept_resume(struct worker *w)
{
	if (h2o_timeout_is_linked(&w->resume))
		h2o_timeout_unlink(&w->resume);
	if (w->paused && w->listener) {
		w->paused = 0;
		h2o_socket_read_start(w->listener, on_accept);
	}
}

static void on_resume(h2o_timeout_entry_t *entry)
{
	accept_resume(H2O_STRUCT_FROM_MEMBER(struct worker, resume, entry));
}

static void conn_closed(void *p)
{
	struct conn *c = p;
	struct worker *w = c->w;
	*c->prev = c->next;
	if (c->next)
		c->next->prev = c->prev;
	w->nconns--;
	free(c);
	accept_resume(w); /* a descriptor is free again */
}

static void on_accept(h2o_socket_t *listener, const char *err)
{
	struct worker *w = listener->data;
	if (err)
		return;
	for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
		/* accepted here rather than by h2o_evloop_socket_accept so that the
		 * stop can shut an idle connection's socket down */
		int fd = accept4(w->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC), one = 1;
		if (fd < 0) {
			if (errno == EMFILE || errno == ENFILE || errno == ENOBUFS || errno == ENOMEM) {
				if (!w->warned)
					log_warn("accept: %s; accepting again when a connection closes", strerror(errno));
				w->warned = 1;
				accept_pause(w);
			} else if (errno == EAGAIN || errno == EWOULDBLOCK) {
				w->warned = 0; /* every waiting connection taken: the shortage is over */
			} else if (errno != EINTR && errno != ECONNABORTED) {
				log_warn("accept: %s", strerror(errno));
			}
			return;
		}
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		struct conn *c = malloc(sizeof *c);
		if (!c)
			abort();
		*c = (struct conn){.next = w->conns, .prev = &w->conns, .w = w, .fd = fd};
		if (w->conns)
			w->conns->prev = &c->next;
		w->conns = c;
		w->nconns++;
		h2o_socket_t *sock = h2o_evloop_socket_create(w->ctx.loop, fd, H2O_SOCKET_FLAG_IS_ACCEPTED_CONNECTION);
		sock->on_close.cb = conn_closed;
		sock->on_close.data = c;
		h2o_accept(&w->accept_ctx, sock);
	}
}

/* Requests */

static void req_done(void *p)
{
	struct live *l = p;
	l->w->inflight--;
}

/* The client's address, for the login limits: "" when unknown. */
static const char *peer_addr(h2o_req_t *h)
{
	struct sockaddr_storage ss;
	char host[NI_MAXHOST];
	socklen_t sl = h->conn->callbacks->get_peername(h->conn, (struct sockaddr *)&ss);
	if (sl == 0 || h2o_socket_getnumerichost((struct sockaddr *)&ss, sl, host) == SIZE_MAX)
		return "";
	return h2o_strdup(&h->pool, host, SIZE_MAX).base;
}

static int on_req(h2o_handler_t *self, h2o_req_t *h)
{
	struct server *srv = ((struct handler *)self)->srv;
	struct worker *w = worker_of(h->conn);
	/* freed with the request's pool; req_done runs then */
	struct live *l = h2o_mem_alloc_shared(&h->pool, sizeof *l, req_done);
	memset(l, 0, sizeof *l);
	l->w = w;
	w->inflight++;
	struct req *r = &l->r;
	r->h = h;
	r->pool = &h->pool;
	r->db = w->db;
	r->web = &srv->web;
	r->fmt = &w->fmt;
	r->thread = w->index;
	r->now = w->srv->conf->pinned_now ? w->srv->conf->pinned_now : (int64_t)time(NULL);
	r->addr = peer_addr(h);
	r->head = h2o_memis(h->method.base, h->method.len, H2O_STRLIT("HEAD"));
	/* the API answers in JSON even before it is dispatched */
	int api = h->path_normalized.len >= 5 && !memcmp(h->path_normalized.base, "/api/", 5); /* as api_path */
	if (memchr(h->path_normalized.base, '\0', h->path_normalized.len)) {
		r->path = "";
		if (api)
			api_send_error(r, 400, "the path holds a NUL byte");
		else
			req_send_error(r, 400, "The address holds a NUL byte.");
		return 0;
	}
	r->path = h2o_strdup(&h->pool, h->path_normalized.base, h->path_normalized.len).base;
	/* The thread's connection, opened again if it was lost (PostgreSQL
	 * restarted); asked whether it works after a quiet while, since only a
	 * failed command tells otherwise */
	int alive = db_alive(r->db, r->now - w->last_req >= DB_PROBE_IDLE);
	w->last_req = r->now;
	if (!alive) {
		if (api)
			api_send_error(r, 503, "the database cannot be reached just now: try again in a moment");
		else
			req_send_error(r, 503, _("The database cannot be reached just now. Try again in a moment."));
		return 0;
	}
	/* Handlers run here, on this thread. Any of them that needs local
	 * dates must not use util/time.c's zone functions (setenv("TZ") is not
	 * thread-safe): use calendar/zone.c, which reads the zoneinfo itself. */
	route_dispatch(r);
	i18n_use(&srv->web.i18n, -1); /* the thread's next request picks its own */
	return 0;
}

/* The access log: one line per answered request, user input escaped. */
static void log_access(h2o_logger_t *self, h2o_req_t *h)
{
	(void)self;
	struct worker *w = worker_of(h->conn);
	char addr[NI_MAXHOST] = "-", method[40], path[512];
	struct sockaddr_storage ss;
	socklen_t sl = h->conn->callbacks->get_peername(h->conn, (struct sockaddr *)&ss);
	if (sl == 0 || h2o_socket_getnumerichost((struct sockaddr *)&ss, sl, addr) == SIZE_MAX)
		strcpy(addr, "-");
	size_t plen = h->query_at != SIZE_MAX && h->query_at < h->path.len ? h->query_at : h->path.len;
	/* h2o's timestamps are those of the loop's wake-up: the request's start
	 * is when its bytes arrived, its end is read now */
	struct timeval end;
	gettimeofday(&end, NULL);
	double ms = h2o_timeval_is_null(&h->timestamps.request_begin_at)
	                ? 0
	                : (double)h2o_timeval_subtract(&h->timestamps.request_begin_at, &end) / 1000.0;
	/* the query string is left out: it may carry tokens; and a path that
	 * is itself a secret (the calendar feed's) is replaced */
	const char *secret = web_log_path(h->path_normalized.base, h->path_normalized.len);
	log_line("access", "%s %s %s %d %zu %.3fms thread=%d", addr,
	         log_escape(h->method.base, h->method.len, method, sizeof method),
	         secret ? secret : log_escape(h->path.base, plen, path, sizeof path), h->res.status, h->bytes_sent,
	         ms < 0 ? 0 : ms, w->index);
}

/* Threads */

static void on_wake(h2o_multithread_receiver_t *receiver, h2o_linklist_t *messages)
{
	/* only wakes the loop: the message list is always empty */
	(void)receiver;
	(void)messages;
}

static void *worker_main(void *p)
{
	struct worker *w = p;
	h2o_socket_read_start(w->listener, on_accept);
	while (!atomic_load(&w->srv->stopping))
		h2o_evloop_run(w->ctx.loop, INT32_MAX);

	/* Stop: take the connections already waiting, close the listener, and
	 * ask h2o to end keep-alive (HTTP/1 answers with Connection: close,
	 * HTTP/2 sends GOAWAY). */
	accept_resume(w);
	on_accept(w->listener, NULL);
	if (h2o_timeout_is_linked(&w->resume))
		h2o_timeout_unlink(&w->resume);
	h2o_socket_read_stop(w->listener);
	h2o_socket_close(w->listener);
	w->listener = NULL;
	w->listen_fd = -1;
	h2o_context_request_shutdown(&w->ctx);
	uint64_t t0 = now_ms();
	int cut = 0;
	while (w->nconns > 0) {
		uint64_t t = now_ms() - t0;
		if (!cut && ((w->inflight == 0 && t >= STOP_GRACE_MS) || t >= STOP_DEADLINE_MS)) {
			/* what is left is idle (or too slow): h2o reads the end of the
			 * stream and closes each connection itself */
			for (struct conn *c = w->conns; c; c = c->next)
				shutdown(c->fd, SHUT_RDWR);
			cut = 1;
		}
		h2o_evloop_run(w->ctx.loop, 50);
	}
	h2o_evloop_run(w->ctx.loop, 0); /* frees the sockets closed last */
	/* h2o keeps freed socket buffers in a per-thread cache; this thread
	 * ends, so they go back to malloc */
	h2o_mem_recycle_t *cache = &h2o_socket_buffer_prototype.allocator;
	while (cache->cnt > 0)
		free(h2o_mem_alloc_recycle(cache, 0));
	/* and the holiday lists its pages computed (the agenda's, the feed's) */
	holiday_cache_release();
	return NULL;
}

static void worker_release(struct worker *w)
{
	if (w->listener)
		h2o_socket_close(w->listener); /* closes listen_fd too */
	else if (w->listen_fd >= 0)
		close(w->listen_fd);
	if (w->ctx.loop) {
		h2o_evloop_t *loop = w->ctx.loop;
		if (h2o_timeout_is_linked(&w->resume))
			h2o_timeout_unlink(&w->resume);
		h2o_multithread_queue_t *queue = w->ctx.queue;
		h2o_multithread_unregister_receiver(w->ctx.queue, &w->wake);
/* h2o's HTTP/2 shutdown leaves its one-second GOAWAY resend armed
		 * even when every connection is gone; the context must not hold it */
		if (h2o_timeout_is_linked(&w->ctx.http2._graceful_shutdown_timeout))
			h2o_timeout_unlink(&w->ctx.http2._graceful_shutdown_timeout);
		h2o_context_dispose(&w->ctx);
		h2o_evloop_run(loop, 0);
		h2o_evloop_destroy(loop);
#if H2O_VERSION_MAJOR == 2 && H2O_VERSION_MINOR == 2
		/* h2o 2.2's h2o_multithread_destroy_queue frees the queue only
		 * with libuv; with its own event loop the memory is left to us */
		free(queue);
#endif
	}
	fmt_release(&w->fmt);
	db_close(w->db);
}

static int worker_init(struct server *srv, struct worker *w, int index, int fd, struct err *e)
{
	w->srv = srv;
	w->index = index;
	w->listen_fd = fd;
	if (db_open(&w->db, srv->conf->db_path, DB_READONLY, e))
		return -1;
	fmt_init(&w->fmt);
	h2o_context_init(&w->ctx, h2o_evloop_create(), &srv->config);
	h2o_multithread_register_receiver(w->ctx.queue, &w->wake, on_wake);
	w->accept_ctx.ctx = &w->ctx;
	w->accept_ctx.hosts = srv->config.hosts;
	w->accept_ctx.ssl_ctx = srv->ssl;
	w->listener = h2o_evloop_socket_create(w->ctx.loop, fd, H2O_SOCKET_FLAG_DONT_READ);
	w->listener->data = w;
	w->resume.cb = on_resume;
	return 0;
}

static void config_init(struct server *srv)
{
	h2o_config_init(&srv->config);
	srv->config.server_name = h2o_iovec_init(H2O_STRLIT("rapport"));
	/* forms and CSV imports are small; nothing needs h2o's 1 GiB */
	srv->config.max_request_entity_size = 8 * 1024 * 1024;
	h2o_hostconf_t *host = h2o_config_register_host(&srv->config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
	struct handler *hd = (struct handler *)h2o_create_handler(path, sizeof *hd);
	hd->super.on_req = on_req;
	hd->srv = srv;
	/* the fallback path answers what h2o refuses before routing (a bad
	 * request, a body too large): those get their log line too */
	h2o_create_logger(path, sizeof(h2o_logger_t))->log_access = log_access;
	h2o_create_logger(&host->fallback_path, sizeof(h2o_logger_t))->log_access = log_access;
}

int server_run(const struct server_conf *conf, struct err *e)
{
	struct server srv = {.conf = conf};
	int n = conf->threads, rc = -1, ready = 0;
	sigset_t stop, old;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	/* blocked before any thread starts, so every thread inherits the mask
	 * and only sigwait below sees the signals */
	pthread_sigmask(SIG_BLOCK, &stop, &old);
	signal(SIGPIPE, SIG_IGN);
	atomic_init(&srv.stopping, 0);
	config_init(&srv);
	srv.workers = calloc((size_t)n, sizeof *srv.workers);
	if (!srv.workers)
		abort();
	for (int i = 0; i < n; i++)
		srv.workers[i].listen_fd = -1;

	if (conf->cert && ssl_setup(&srv, e))
		goto done;
	const char *warning = NULL;
	if (web_init(&srv.web, conf->writer, conf->pinned_now, conf->cert != NULL, &warning, e))
		goto done;
	if (warning)
		log_warn("%s", warning);
	/* every socket is bound before any thread starts, so that a taken
	 * address fails the command instead of one thread */
	struct sockaddr_storage addr = conf->addr;
	for (int i = 0; i < n; i++) {
		int fd = listen_socket(&addr, conf->addrlen, e);
		if (fd < 0)
			goto done;
		srv.workers[i].listen_fd = fd;
		if (i == 0) { /* port 0: the others take the port the first got */
			socklen_t len = conf->addrlen;
			getsockname(fd, (struct sockaddr *)&addr, &len);
		}
		if (worker_init(&srv, &srv.workers[i], i + 1, fd, e))
			goto done;
	}
	for (int i = 0; i < n; i++) {
		if ((errno = pthread_create(&srv.workers[i].tid, NULL, worker_main, &srv.workers[i])) != 0) {
			err_set(e, ERR_IO, "cannot start a thread: %s", strerror(errno));
			goto stop;
		}
		srv.workers[i].started = 1;
	}
	ready = 1;
	char where[80];
	addr_text(&addr, conf->addrlen, where);
	log_info("listening on %s://%s with %d thread%s, database %s", srv.ssl ? "https" : "http", where, n,
	         n == 1 ? "" : "s", db_path(srv.workers[0].db)); /* without a password */
	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	log_info("%s: stopping; requests in flight finish first", sig == SIGINT ? "SIGINT" : "SIGTERM");
stop:
	atomic_store(&srv.stopping, 1);
	for (int i = 0; i < n; i++)
		if (srv.workers[i].started)
			h2o_multithread_send_message(&srv.workers[i].wake, NULL);
	for (int i = 0; i < n; i++)
		if (srv.workers[i].started)
			pthread_join(srv.workers[i].tid, NULL);
	if (ready) {
		log_info("stopped");
		rc = 0;
	}
done:
	for (int i = 0; i < n; i++)
		worker_release(&srv.workers[i]);
	free(srv.workers);
	web_release(&srv.web);
	h2o_config_dispose(&srv.config);
	if (srv.ssl)
		SSL_CTX_free(srv.ssl);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return rc;
}
