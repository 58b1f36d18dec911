/* bench/http.c - `rapport serve` against a bare h2o server, in one run:
 * builds the demo at --scale 100 (300 partners, 20 years), starts
 * ./rapport serve on it (one thread, access log to a file) and, for each
 * page measured, a bare h2o "hello" server in a child process (one event
 * loop, a body of exactly the size of rapport's page, no routing, no
 * database, no log), loads each in turn with `wrk -t1 -c32 -d5s --latency`
 * (rapport's as a signed-in buyer user: the pages need a session) on the
 * dashboard (GET /) and a relationship page (GET /partners/1), and prints
 * req/s, the 99th percentile latency, their ratio, and each server's peak
 * RSS (VmHWM from /proc/PID/status, read after the load). Figures only.
 *
 * RAPPORT_BIN names the binary (default ./rapport); BENCH_HTTP_DURATION
 * the seconds per run (default 5); BENCH_HTTP_SCALE the demo's scale
 * (default 100). Needs wrk (make deps installs it). */
#include <fcntl.h>
#include <h2o.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"
#include "user.h"
#include "web/session.h"

#define SCALE 100

/* The bare server */

static h2o_iovec_t hello_body;

static int hello(h2o_handler_t *self, h2o_req_t *req)
{
	static h2o_generator_t generator = {NULL, NULL};
	(void)self;
	req->res.status = 200;
	req->res.reason = "OK";
	req->res.content_length = hello_body.len;
	h2o_add_header(&req->pool, &req->res.headers, H2O_TOKEN_CONTENT_TYPE, NULL, H2O_STRLIT("text/html; charset=utf-8"));
	h2o_start_response(req, &generator);
	h2o_send(req, &hello_body, 1, H2O_SEND_STATE_FINAL);
	return 0;
}

static h2o_accept_ctx_t bare_accept;

static void bare_on_accept(h2o_socket_t *listener, const char *err)
{
	h2o_socket_t *sock;
	if (err == NULL && (sock = h2o_evloop_socket_accept(listener)) != NULL)
		h2o_accept(&bare_accept, sock);
}

/* Runs in the child: listens on a free loopback port, writes the port to
 * fd, serves until killed. */
static void bare_serve(int fd, size_t size)
{
	static h2o_globalconf_t config;
	static h2o_context_t ctx;
	char *body = malloc(size);
	memset(body, 'x', size);
	hello_body = h2o_iovec_init(body, size);
	signal(SIGPIPE, SIG_IGN);
	h2o_config_init(&config);
	h2o_hostconf_t *host = h2o_config_register_host(&config, h2o_iovec_init(H2O_STRLIT("default")), 65535);
	h2o_pathconf_t *path = h2o_config_register_path(host, "/", 0);
	h2o_create_handler(path, sizeof(h2o_handler_t))->on_req = hello;
	h2o_context_init(&ctx, h2o_evloop_create(), &config);
	bare_accept.ctx = &ctx;
	bare_accept.hosts = config.hosts;

	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof a;
	int s = socket(AF_INET, SOCK_STREAM, 0), one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (bind(s, (struct sockaddr *)&a, sizeof a) || listen(s, SOMAXCONN) || getsockname(s, (struct sockaddr *)&a, &len))
		_exit(1);
	unsigned short port = ntohs(a.sin_port);
	if (write(fd, &port, sizeof port) != sizeof port)
		_exit(1);
	close(fd);
	h2o_socket_read_start(h2o_evloop_socket_create(ctx.loop, s, H2O_SOCKET_FLAG_DONT_READ), bare_on_accept);
	for (;;)
		h2o_evloop_run(ctx.loop, INT32_MAX);
}

/* Helpers */

/* The body length of GET path on 127.0.0.1:port with the Cookie header
 * cookie ("" for none), or -1. */
static long body_size(int port, const char *path, const char *cookie)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((unsigned short)port),
	                        .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	int s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&a, sizeof a))
		return -1;
	char req[256];
	int len = snprintf(req, sizeof req, "GET %s HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n%s%s%s\r\n",
	                   path, *cookie ? "Cookie: " : "", cookie, *cookie ? "\r\n" : "");
	if (len < 0 || (size_t)len >= sizeof req || write(s, req, (size_t)len) != (ssize_t)len)
		return -1;
	static char buf[1 << 20];
	size_t n = 0;
	ssize_t r;
	while (n < sizeof buf - 1 && (r = read(s, buf + n, sizeof buf - 1 - n)) > 0)
		n += (size_t)r;
	close(s);
	buf[n] = '\0';
	char *end = strstr(buf, "\r\n\r\n");
	if (strncmp(buf, "HTTP/1.1 200", 12) || !end)
		return -1;
	return (long)(n - (size_t)(end + 4 - buf));
}

/* Peak resident set (VmHWM) of pid in KiB, or -1. */
static long vm_hwm(pid_t pid)
{
	char path[64], line[256];
	long kib = -1;
	snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld kB", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

struct load {
	double rps, p99_ms;
	long errors;
};

/* A wrk figure with its unit ("1.23ms", "456.00us", "1.02s") in ms. */
static double wrk_ms(const char *v)
{
	char *unit;
	double x = strtod(v, &unit);
	if (!strncmp(unit, "us", 2))
		return x / 1000;
	if (!strncmp(unit, "ms", 2))
		return x;
	if (!strncmp(unit, "s", 1))
		return x * 1000;
	if (!strncmp(unit, "m", 1))
		return x * 60000;
	return -1;
}

static int run_wrk(int port, const char *path, int seconds, const char *cookie, struct load *out)
{
	char cmd[320], line[512];
	snprintf(cmd, sizeof cmd, "wrk -t1 -c32 -d%ds --latency %s%s%s http://127.0.0.1:%d%s 2>&1", seconds,
	         *cookie ? "-H 'Cookie: " : "", cookie, *cookie ? "'" : "", port, path);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	*out = (struct load){.rps = -1, .p99_ms = -1};
	while (fgets(line, sizeof line, p)) {
		double v;
		char unit[32];
		long n;
		if (sscanf(line, " Requests/sec: %lf", &v) == 1)
			out->rps = v;
		else if (sscanf(line, " 99%% %31s", unit) == 1)
			out->p99_ms = wrk_ms(unit);
		else if (sscanf(line, " Non-2xx or 3xx responses: %ld", &n) == 1)
			out->errors += n;
		else if (sscanf(line, " Socket errors: connect %ld", &n) == 1)
			out->errors += n;
	}
	int rc = pclose(p);
	if (rc != 0 || out->rps < 0 || out->p99_ms < 0) {
		fprintf(stderr, "bench-http: %s failed (exit %d)\n", cmd, rc);
		return -1;
	}
	return 0;
}

/* A buyer user and a session for it in the demo, for the cookie
 * "rapport_session=TOKEN" (out, 128 bytes); 0 or -1 with the error printed. */
static int bench_session(struct bench_db *b, char out[128])
{
	static const char pw[] = "bench-http-password";
	struct err e = {0};
	struct store_user u = {.partner = 0, .email = "bench@lindenrowe.example", .role = "member", .created_at = BENCH_NOW};
	struct session_login s;
	int64_t id;
	if (user_password_hash(pw, sizeof pw - 1, u.password, &e) || db_begin(b->db, &e) ||
	    store_user_insert(b->db, &u, &id, &e) ||
	    session_login(b->db, u.email, pw, sizeof pw - 1, "", (int64_t)time(NULL), &s, &e) || db_commit(b->db, &e)) {
		fprintf(stderr, "bench-http: %s\n", e.msg);
		return -1;
	}
	if (s.result != SESSION_OK) {
		fprintf(stderr, "bench-http: the bench user could not log in\n");
		return -1;
	}
	snprintf(out, 128, SESSION_COOKIE "=%s", s.token);
	return 0;
}

/* Starts rapport serve on the demo; returns its pid and port. */
static pid_t start_rapport(const char *bin, const char *db, const char *log, int *port)
{
	pid_t pid = fork();
	if (pid == 0) {
		int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (fd < 0 || dup2(fd, 2) < 0)
			_exit(127);
		execl(bin, bin, "--db", db, "serve", "--listen", "127.0.0.1:0", "--threads", "1", (char *)NULL);
		_exit(127);
	}
	for (int i = 0; i < 200; i++) {
		char line[512];
		FILE *f = fopen(log, "r");
		if (f) {
			while (fgets(line, sizeof line, f)) {
				const char *at = strstr(line, " listening on http://127.0.0.1:");
				if (at) {
					*port = atoi(at + strlen(" listening on http://127.0.0.1:"));
					fclose(f);
					return pid;
				}
			}
			fclose(f);
		}
		if (waitpid(pid, NULL, WNOHANG) == pid)
			break;
		usleep(50000);
	}
	fprintf(stderr, "bench-http: %s serve did not start (see %s)\n", bin, log);
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	return -1;
}

static void stop(pid_t pid)
{
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
}

/* Starts a bare server whose every answer is size bytes; its pid and port. */
static pid_t start_bare(size_t size, int *port)
{
	int fds[2];
	unsigned short p16;
	if (pipe(fds))
		return -1;
	pid_t pid = fork();
	if (pid == 0) {
		close(fds[0]);
		bare_serve(fds[1], size);
	}
	close(fds[1]);
	if (read(fds[0], &p16, sizeof p16) != sizeof p16) {
		fprintf(stderr, "bench-http: the bare h2o server did not start\n");
		close(fds[0]);
		if (pid > 0)
			stop(pid);
		return -1;
	}
	close(fds[0]);
	*port = p16;
	return pid;
}

/* Loads path on rapport (port rport, process rapport) and on a bare
 * server of the same body size; prints the figures. 0, or 1 on errors. */
static int measure(pid_t rapport, int rport, const char *path, const char *what, const char *cookie, int seconds)
{
	long size = body_size(rport, path, cookie);
	if (size < 0) {
		fprintf(stderr, "bench-http: GET %s on rapport serve failed\n", path);
		return 1;
	}
	int bport;
	pid_t bare = start_bare((size_t)size, &bport);
	if (bare < 0)
		return 1;
	struct load lr, lb;
	int rc = 1;
	if (body_size(bport, "/", "") != size) {
		fprintf(stderr, "bench-http: the bare server's body is not %ld bytes\n", size);
		goto out;
	}
	if (run_wrk(rport, path, seconds, cookie, &lr) || run_wrk(bport, "/", seconds, "", &lb))
		goto out;
	long hr = vm_hwm(rapport), hb = vm_hwm(bare);
	printf("  GET %s (%s, %ld bytes)\n", path, what, size);
	printf("    %-40s %9.0f req/s  p99 %7.3f ms  VmHWM %6.1f MiB\n", "rapport serve (session, route, SQLite, HTML)",
	       lr.rps, lr.p99_ms, hr / 1024.0);
	printf("    %-40s %9.0f req/s  p99 %7.3f ms  VmHWM %6.1f MiB\n", "bare h2o, same body size", lb.rps, lb.p99_ms,
	       hb / 1024.0);
	printf("    rapport / bare: %.2f of the requests per second, %.2fx the p99 latency\n", lr.rps / lb.rps,
	       lr.p99_ms / lb.p99_ms);
	if (lr.errors || lb.errors)
		printf("    errors: rapport %ld, bare %ld (non-2xx answers and failed connections)\n", lr.errors, lb.errors);
	rc = lr.errors || lb.errors;
out:
	stop(bare);
	return rc;
}

int main(void)
{
	const char *bin = getenv("RAPPORT_BIN") ? getenv("RAPPORT_BIN") : "./rapport";
	int seconds = getenv("BENCH_HTTP_DURATION") ? atoi(getenv("BENCH_HTTP_DURATION")) : 5;
	int scale = getenv("BENCH_HTTP_SCALE") ? atoi(getenv("BENCH_HTTP_SCALE")) : SCALE;
	if (seconds < 1)
		seconds = 5;
	if (scale < 1)
		scale = SCALE;
	if (system("command -v wrk >/dev/null 2>&1") != 0) {
		fprintf(stderr, "bench-http: wrk is not installed (make deps installs it)\n");
		return 1;
	}
	if (access(bin, X_OK) != 0) {
		fprintf(stderr, "bench-http: no rapport binary at %s (make builds it; RAPPORT_BIN names another)\n", bin);
		return 1;
	}
	struct bench_db b;
	if (bench_demo(&b, "http", scale))
		return 1;

	char log[160], cookie[128];
	snprintf(log, sizeof log, "%s/serve.log", b.dir);
	if (bench_session(&b, cookie))
		return 1;
	int rport = 0, rc = 1;
	pid_t rapport = start_rapport(bin, b.path, log, &rport);
	if (rapport < 0)
		goto out;
	printf("http: the demo at --scale %d (%lld partners), signed in as a buyer user; wrk -t1 -c32 -d%ds, one server "
	       "thread each\n",
	       scale, (long long)b.st.partners, seconds);
	rc = measure(rapport, rport, "/", "the dashboard", cookie, seconds) |
	     measure(rapport, rport, "/partners/1", "a relationship page", cookie, seconds);
out:
	if (rapport > 0)
		stop(rapport);
	unlink(log);
	bench_demo_remove(&b);
	return rc;
}
