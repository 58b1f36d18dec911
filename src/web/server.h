/* server.h - `rapport serve`'s HTTP server: h2o event loops, one per thread,
 * each with its own listening socket (SO_REUSEPORT) and its own read-only
 * database connection, and one writer connection they share (web.h); TLS
 * through OpenSSL; an access log line per request; a graceful stop on
 * SIGTERM or SIGINT. Routes are route.c's. */
#ifndef RAPPORT_SERVER_H
#define RAPPORT_SERVER_H

#include <stdint.h>
#include <sys/socket.h>

#include "store/db.h"

#include "util/err.h"

#define SERVER_MAX_THREADS 64

/* Read once by cmd_serve and handed down (CONVENTIONS.md habit 9). */
struct server_conf {
	const char *db_path;       /* each thread opens it read-only */
	struct db *writer;         /* the one read-write connection, at the current schema; not owned */
	int64_t pinned_now;        /* $RAPPORT_NOW for tests: the clock stands still; 0 for the real one */
	struct sockaddr_storage addr; /* where to listen; port 0 picks a free one */
	socklen_t addrlen;
	int threads;               /* 1 to SERVER_MAX_THREADS */
	const char *cert, *key;    /* PEM files: both for HTTPS, neither for HTTP */
};

/* Reads HOST:PORT ("127.0.0.1:8080", "[::1]:8080", "localhost:0") into
 * conf->addr; a host name resolves to its first address. ERR_INPUT naming
 * --listen when it does not read or resolve. */
int server_listen_parse(const char *s, struct server_conf *conf, struct err *e);

/* Listens, logs "listening on URL", and serves until SIGTERM or SIGINT;
 * then stops accepting, lets the requests in flight finish (idle keep-alive
 * connections are closed) and returns 0. Returns -1 with e set when it
 * cannot start: ERR_INPUT for a bad certificate, key or address, ERR_IO
 * otherwise. Blocks SIGTERM and SIGINT in the calling thread while it runs. */
int server_run(const struct server_conf *conf, struct err *e);

#endif
