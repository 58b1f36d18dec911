/* cmd_serve.c - `rapport serve`: reads the options into a server_conf,
 * brings the database to the current schema and runs the web server
 * (web/server.c) until SIGTERM or SIGINT. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "web/server.h"

int cmd_serve(struct app *app, const args_t *a, struct err *e)
{
	struct server_conf conf = {.db_path = app->db_path};
	const char *listen = arg_str(a, "listen"), *cert = arg_str(a, "cert"), *key = arg_str(a, "key");
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int dflt = cpus < 1 ? 1 : cpus > SERVER_MAX_THREADS ? SERVER_MAX_THREADS : (int)cpus;
	if (server_listen_parse(listen ? listen : "127.0.0.1:8080", &conf, e) ||
	    arg_count(a, "threads", 1, SERVER_MAX_THREADS, dflt, &conf.threads, e))
		return -1;
	if (cert && !key)
		return err_set(e, ERR_INPUT, "--key: required with --cert (the certificate's private key)");
	if (key && !cert)
		return err_set(e, ERR_INPUT, "--cert: required with --key (the certificate for the private key)");
	conf.cert = cert;
	conf.key = key;
	/* The threads read through read-only connections, which cannot migrate
	 * a database: this connection does, and stays open while serving as
	 * the one writer every thread's writes go through (web/web.h). */
	if (db_open(&conf.writer, app->db_path, DB_EXISTING, e))
		return -1;
	/* $RAPPORT_NOW stops the clock for the tests (sessions, login limits) */
	conf.pinned_now = getenv("RAPPORT_NOW") ? app->now : 0;
	int r = server_run(&conf, e);
	db_close(conf.writer);
	return r;
}
