#!/usr/bin/env bats
# rapport serve: the server itself. /healthz, the 404 and 405 answers, the
# access log, the graceful stop, TLS, several threads, the bad options.

load helper

@test "GET /healthz answers ok as text/plain" {
	init_db
	start_server --threads 1
	get /healthz
	[ "$STATUS" = 200 ]
	[ "$(xxd -p "$BODY")" = "6f6b0a" ] # "ok\n"
	[ "$(header content-type)" = "text/plain; charset=utf-8" ]
	[ "$(header content-length)" = 3 ]
	[ "$(header x-content-type-options)" = nosniff ]
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
}

@test "a path no route has answers 404 with an HTML page" {
	init_db
	start_server --threads 1
	get /no/such/page
	[ "$STATUS" = 404 ]
	[ "$(header content-type)" = "text/html; charset=utf-8" ]
	grep -qF '<title>Not Found - Rapport</title>' "$BODY"
	grep -qF '<h1>404 Not Found</h1>' "$BODY"
	[ "$(header content-length)" = "$(stat -c %s "$BODY")" ]
	get /healthz/extra
	[ "$STATUS" = 404 ]
}

@test "a method the route does not take answers 405 with Allow" {
	init_db
	start_server --threads 1
	get /healthz -X POST -d x=1
	[ "$STATUS" = 405 ]
	[ "$(header allow)" = "GET, HEAD" ]
	grep -qF '<h1>405 Method Not Allowed</h1>' "$BODY"
	get / -X DELETE
	[ "$STATUS" = 405 ]
	[ "$(header allow)" = "GET, HEAD" ]
}

@test "HEAD answers the headers of GET without the body" {
	init_db
	start_server --threads 1
	get /login
	[ "$STATUS" = 200 ]
	length=$(stat -c %s "$BODY")
	run curl -s -I -o /dev/null -D head.txt -w '%{http_code} %{size_download}' "$URL/login"
	[ "$output" = "200 0" ]
	HEADERS=head.txt
	[ "$(header content-length)" = "$length" ]
	[ "$(header content-type)" = "text/html; charset=utf-8" ]
}

@test "each request writes one access log line: time, address, method, path, status, bytes, duration, thread" {
	init_db
	start_server --threads 1
	get /healthz
	get '/healthz?token=s3cret'
	get /missing
	n404=$(stat -c %s "$BODY")
	get /healthz -X POST -d x=1
	n405=$(stat -c %s "$BODY")
	# a quote and a non-ASCII byte in the path are written as \xHH
	get '/caf%C3%A9"x' --path-as-is
	n404q=$(stat -c %s "$BODY") # an error page's language switch returns to its own path: sizes differ
	[ "$(raw_get '/caf\xc3\xa9')" = "HTTP/1.1 404 Not Found" ] # curl would percent-encode the bytes
	n404c=$(RAW_BODY_LEN=1 raw_get '/caf\xc3\xa9')
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
	cat "$LOG"
	run grep -c ' access ' "$LOG"
	[ "$output" = 8 ] # with start_server's own GET /healthz first
	ts='[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\.[0-9]{3}Z'
	ms='[0-9]+\.[0-9]{3}ms'
	mapfile -t log_lines < <(grep ' access ' "$LOG")
	re() { [[ "${log_lines[$1]}" =~ ^$ts\ access\ 127\.0\.0\.1\ $2\ $ms\ thread=1$ ]] || { echo "line $1: ${log_lines[$1]}" >&2; return 1; }; }
	re 0 'GET /healthz 200 3'
	re 1 'GET /healthz 200 3'
	# the query string stays out of the log: it may carry a token
	re 2 'GET /healthz 200 3'
	run ! grep -q s3cret "$LOG"
	re 3 "GET /missing 404 $n404"
	re 4 "POST /healthz 405 $n405"
	re 5 "GET /caf%C3%A9\\\\x22x 404 $n404q"
	re 6 "GET /caf\\\\xc3\\\\xa9 404 $n404c"
	re 7 "GET /caf\\\\xc3\\\\xa9 404 $n404c"
	# the lines between: where it listened, the stop
	grep -Eq '^'"$ts"' info listening on http://127\.0\.0\.1:[0-9]* with 1 thread, database ' "$LOG"
	grep -Eq '^'"$ts"' info SIGTERM: stopping' "$LOG"
	[ "$(tail -1 "$LOG" | cut -d' ' -f2-)" = "info stopped" ]
}

@test "SIGTERM and SIGINT stop the server with exit 0" {
	init_db
	start_server --threads 2
	stop_server TERM
	[ "$SERVER_STATUS" -eq 0 ]
	start_server --threads 1
	stop_server INT
	[ "$SERVER_STATUS" -eq 0 ]
	grep -q ' info SIGINT: stopping' "$LOG"
	# nothing listens any more
	run curl -s -o /dev/null "$URL/healthz"
	[ "$status" -eq 7 ] # curl: failed to connect
}

@test "SIGTERM closes idle keep-alive connections and exits 0" {
	init_db
	start_server --threads 1
	# a client that connected and sent nothing yet
	exec 4<>"/dev/tcp/127.0.0.1/$PORT"
	sleep 0.2
	start=$(date +%s%N)
	stop_server
	elapsed_ms=$((($(date +%s%N) - start) / 1000000))
	exec 4<&-
	[ "$SERVER_STATUS" -eq 0 ]
	# the grace for a request on its way is 300 ms; the deadline (10 s) is not waited for
	[ "$elapsed_ms" -lt 5000 ]
}

# An answer of about 9 MB, more than the kernel's socket buffers hold (the
# send buffer grows to 4 MB at most, tcp_wmem), read by a client that
# waits: the response is still being written when SIGTERM arrives. The
# partners projection is filled directly (the API reads only projections)
# so that the test needs no twenty thousand ledger appends; 20000 partners
# of GET /api/v1/partners (about 470 bytes each: a name and a city of 200
# characters) make the 9 MB.
@test "SIGTERM lets a response in flight finish, refuses new connections, then exits 0" {
	sqlite_only "makes its many partners with SQLite's printf() and zeroblob()"
	init_db
	db_query "WITH RECURSIVE n(i) AS (SELECT 2 UNION ALL SELECT i + 1 FROM n WHERE i < 20001)
		INSERT INTO partners (id, name, country, tz, city, since)
		SELECT i, printf('Partner %05d ', i) || hex(zeroblob(93)), 'VN', 'Asia/Ho_Chi_Minh', hex(zeroblob(100)), 0 FROM n"
	add_user buyer maya@lindenrowe.example member
	token=$(rapport token add --user maya@lindenrowe.example --name test --json | jsonq 'x["token"]')
	start_server --threads 1
	get /api/v1/partners -H "Authorization: Bearer $token"
	[ "$STATUS" = 200 ]
	full=$(stat -c %s "$BODY")
	[ "$full" -gt 8000000 ]
	run python3 - "$PORT" "$SERVER_PID" "$full" "$token" <<'PY'
import json, os, signal, socket, sys, time
port, pid, full, token = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
s.connect(("127.0.0.1", port))
s.sendall(b"GET /api/v1/partners HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token.encode() + b"\r\n\r\n")
data = s.recv(4096)                  # the answer has begun: it is made and being written
time.sleep(0.5)                      # the server has answered as much as fits
os.kill(pid, signal.SIGTERM)
time.sleep(1.0)                      # well past the 300 ms grace
os.kill(pid, 0)                      # still running: the response is not done
try:
    socket.create_connection(("127.0.0.1", port), timeout=2).close()
    sys.exit("a new connection was accepted after SIGTERM")
except ConnectionRefusedError:
    pass
while True:
    chunk = s.recv(1 << 16)
    if not chunk:                    # the stop closes the connection once it is idle
        break
    data += chunk
head, _, body = data.partition(b"\r\n\r\n")
assert head.startswith(b"HTTP/1.1 200 OK\r\n"), head[:40]
assert len(body) == full, (len(body), full)
assert len(json.loads(body)["partners"]) == 20001
print("complete")
PY
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = complete ]
	wait_server
	[ "$SERVER_STATUS" -eq 0 ]
	# the response was logged whole
	grep -Eq " access 127\.0\.0\.1 GET /api/v1/partners 200 $full [0-9.]+ms thread=1$" "$LOG"
}

@test "out of file descriptors, the server stops accepting instead of spinning, then accepts again" {
	init_db
	printf '#!/bin/sh\nulimit -n 40\nexec "%s" "$@"\n' "$RAPPORT" >limited
	chmod +x limited
	RAPPORT=$PWD/limited start_server --threads 1
	run python3 - "$PORT" "$SERVER_PID" <<'PY'
import os, socket, sys, time
port, pid = int(sys.argv[1]), sys.argv[2]
def cpu_ticks():
    f = open("/proc/%s/stat" % pid).read().rsplit(")", 1)[1].split()
    return int(f[11]) + int(f[12])  # utime + stime
socks = [socket.create_connection(("127.0.0.1", port)) for _ in range(60)]  # more than 40 descriptors
time.sleep(0.5)
t0 = cpu_ticks()
time.sleep(1.5)
used = cpu_ticks() - t0
assert used < 50, "the server used %d ticks in 1.5 s while out of descriptors" % used
for s in socks:
    s.close()
time.sleep(0.3)
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
data = b""
while True:
    chunk = s.recv(4096)
    if not chunk:
        break
    data += chunk
assert data.startswith(b"HTTP/1.1 200 OK\r\n") and data.endswith(b"\r\n\r\nok\n"), data
print("served")
PY
	echo "$output"
	[ "$status" -eq 0 ]
	[ "$output" = served ]
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
	n=$(grep -c ' warn accept: Too many open files; accepting again when a connection closes$' "$LOG")
	[ "$n" -ge 1 ]
	[ "$n" -le 5 ]
}

@test "two threads each serve requests from their own socket" {
	init_db
	start_server --threads 2
	grep -q ' info listening on http://127\.0\.0\.1:[0-9]* with 2 threads, ' "$LOG"
	# separate connections: the kernel spreads them over the two sockets
	# (by a hash of the addresses and ports; 40 all on one: 1 in 2^39)
	for i in $(seq 40); do
		get /login
		[ "$STATUS" = 200 ]
	done
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
	n1=$(grep -c ' access 127\.0\.0\.1 GET /login 200 .* thread=1$' "$LOG")
	n2=$(grep -c ' access 127\.0\.0\.1 GET /login 200 .* thread=2$' "$LOG")
	echo "thread 1: $n1, thread 2: $n2"
	[ $((n1 + n2)) -eq 40 ]
	[ "$n1" -gt 0 ]
	[ "$n2" -gt 0 ]
}

@test "--cert and --key serve HTTPS, HTTP/2 through ALPN, with Secure cookies" {
	init_db
	add_user buyer maya@lindenrowe.example member
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
		-subj /CN=localhost -addext subjectAltName=IP:127.0.0.1 \
		-keyout key.pem -out cert.pem 2>/dev/null
	CURL_OPTS=(--cacert cert.pem)
	start_server --threads 2 --cert cert.pem --key key.pem
	[[ "$URL" == https://127.0.0.1:* ]]
	get /healthz --http1.1
	[ "$STATUS" = 200 ]
	[ "$(cat "$BODY")" = ok ]
	run curl -s -o page.html -D page.headers -w '%{http_code} %{http_version}' --cacert cert.pem --http2 "$URL/login"
	[ "$output" = "200 2" ]
	grep -qF '<h1>Sign in</h1>' page.html
	# under TLS the pre-session cookie and the session cookie are Secure
	grep -Eiq '^set-cookie: rapport_form=[A-Za-z0-9_-]{43}; Path=/; HttpOnly; SameSite=Lax; Secure' page.headers
	login maya@lindenrowe.example
	[ "$STATUS" = 303 ]
	[[ "$(header set-cookie)" == "rapport_session="*"; Path=/; Max-Age=604800; HttpOnly; SameSite=Lax; Secure" ]]
	run curl -s -o page.html -w '%{http_code} %{http_version}' --cacert cert.pem --http2 -b "$JAR" "$URL/"
	[ "$output" = "200 2" ]
	grep -qF '<h1>Linden &amp; Rowe</h1>' page.html
	# without trusting the certificate the request fails
	run curl -s -o /dev/null "$URL/healthz"
	[ "$status" -eq 60 ] # curl: the peer's certificate was not trusted
	# plain HTTP to the TLS port gets no page
	run curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/healthz"
	[ "$output" != 200 ]
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
	grep -Eq ' access 127\.0\.0\.1 GET / 200 [0-9]+ [0-9.]+ms thread=[12]$' "$LOG"
	grep -Eq ' access 127\.0\.0\.1 POST /login 303 0 [0-9.]+ms thread=[12]$' "$LOG"
}

@test "bad --listen, --threads, --cert or --key exit 2 naming the option" {
	init_db
	refuses() {
		run --separate-stderr rapport serve "$@"
		[ "$status" -eq 2 ] || { echo "exit $status for $*: $stderr" >&2; return 1; }
		echo "$stderr"
	}
	out=$(refuses --listen 8080)
	[[ "$out" == "rapport: --listen: HOST:PORT, e.g. 127.0.0.1:8080: \"8080\"" ]]
	out=$(refuses --listen 127.0.0.1:65536)
	[[ "$out" == *"--listen: the port is a number from 0 to 65535"* ]]
	out=$(refuses --listen 127.0.0.1:http)
	[[ "$out" == *"--listen: the port is a number"* ]]
	out=$(refuses --listen :8080)
	[[ "$out" == *"--listen: HOST:PORT"* ]]
	out=$(refuses --listen ::1:8080)
	[[ "$out" == *"--listen: put an IPv6 address in brackets"* ]]
	out=$(refuses --listen no-such-host.invalid:8080)
	[[ "$out" == *"--listen: cannot resolve \"no-such-host.invalid\""* ]]
	out=$(refuses --listen 192.0.2.1:8080)
	[[ "$out" == *"--listen: cannot listen on 192.0.2.1:8080: Cannot assign requested address"* ]]
	out=$(refuses --threads 0)
	[[ "$out" == *"--threads: a whole number from 1 to 64: \"0\""* ]]
	out=$(refuses --cert missing.pem --key missing.pem)
	[[ "$out" == "rapport: --cert: cannot read missing.pem: No such file or directory" ]]
	echo junk >junk.pem
	out=$(refuses --cert junk.pem --key junk.pem)
	[[ "$out" == "rapport: --cert: junk.pem is not a PEM certificate"* ]]
	out=$(refuses --cert junk.pem)
	[[ "$out" == *"--key: required with --cert"* ]]
	out=$(refuses --key junk.pem)
	[[ "$out" == *"--cert: required with --key"* ]]
}

@test "a taken port exits 3 naming --listen" {
	init_db
	# a socket bound without SO_REUSEPORT holds the port
	python3 -c 'import socket, time; s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(); print(s.getsockname()[1], flush=True); time.sleep(30)' >port.txt 3>&- &
	holder=$!
	for i in $(seq 50); do [ -s port.txt ] && break; sleep 0.05; done
	run --separate-stderr rapport serve --listen "127.0.0.1:$(cat port.txt)"
	kill "$holder"
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"--listen: cannot listen on 127.0.0.1:$(cat port.txt): Address already in use"* ]]
}

@test "no database: exit 2 naming --db" {
	run --separate-stderr rapport serve --listen 127.0.0.1:0
	[ "$status" -eq 2 ]
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then # an empty PostgreSQL database
		[[ "$stderr" == *"--db: no rapport database at $RAPPORT_DB (create one with: rapport init)"* ]]
	else
		[[ "$stderr" == *"--db: no database at $RAPPORT_DB (create one with: rapport init)"* ]]
	fi
}
