# helper.bash - shared set-up for the HTTP tests: a fresh database per test,
# a real `rapport serve` (the ASan build) on a loopback port the kernel
# picks (--listen 127.0.0.1:0; the port is read from its "listening on"
# line), requests with curl, and a stop with SIGTERM whose exit status the
# test can check. Loaded by every tests/http/*.bats.

bats_require_minimum_version 1.5.0

# With RAPPORT_TEST_PG, a database of each test's own on that server
# (pg_fresh_db, pg_drop_db, sqlite_only, prepared_db)
source "$BATS_TEST_DIRNAME/../lib/pg.bash"

RAPPORT=${RAPPORT:-$BATS_TEST_DIRNAME/../../build/asan/rapport}
# h2o's per-thread chunk cache outlives the server threads (see the file)
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$BATS_TEST_DIRNAME/../lsan.supp:print_suppressions=0}

setup() {
	export RAPPORT_DB="$BATS_TEST_TMPDIR/r.db"
	export RAPPORT_AUTHOR="Maya Okafor"
	export RAPPORT_NOW="2026-11-25T10:00:00Z"
	unset TZ
	cd "$BATS_TEST_TMPDIR" || return 1
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then pg_fresh_db || return 1; fi
	SERVER_PID=
	LOG="$BATS_TEST_TMPDIR/server.log"
}

teardown() {
	if [ -n "${SERVER_PID:-}" ]; then
		kill -KILL "$SERVER_PID" 2>/dev/null || true
		wait "$SERVER_PID" 2>/dev/null || true
	fi
	pg_drop_db
}

rapport() {
	"$RAPPORT" "$@"
}

# A buyer and one partner (id 1).
init_db() {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan >/dev/null
}

# start_server [OPTION...]: runs rapport serve --listen 127.0.0.1:0 with the
# options, its stderr in $LOG; sets SERVER_PID, URL (http://127.0.0.1:PORT
# or https://...) and PORT once the server logged where it listens and
# /healthz answers. CURL_OPTS (an array) is passed to that first request.
start_server() {
	local i
	: >"$LOG" # exists before the background job opens it: sed below may run first
	"$RAPPORT" serve --listen 127.0.0.1:0 "$@" 2>"$LOG" 3>&- &
	SERVER_PID=$!
	URL=
	for i in $(seq 200); do
		URL=$(sed -n 's/^.* info listening on \(https\{0,1\}:\/\/127\.0\.0\.1:[0-9]*\) .*$/\1/p' "$LOG")
		[ -n "$URL" ] && break
		if ! kill -0 "$SERVER_PID" 2>/dev/null; then
			echo "rapport serve ended before listening:" >&2
			cat "$LOG" >&2
			return 1
		fi
		sleep 0.05
	done
	[ -n "$URL" ] || { echo "rapport serve never logged where it listens" >&2; cat "$LOG" >&2; return 1; }
	PORT=${URL##*:}
	for i in $(seq 100); do
		curl -s -o /dev/null "${CURL_OPTS[@]}" "$URL/healthz" && return 0
		sleep 0.05
	done
	echo "$URL/healthz never answered" >&2
	return 1
}

# stop_server [SIGNAL]: sends SIGTERM (or SIGNAL) and waits; sets
# SERVER_STATUS to the exit status.
stop_server() {
	kill -"${1:-TERM}" "$SERVER_PID"
	wait_server
}

# wait_server: waits for the server to end (after a signal sent some other
# way); sets SERVER_STATUS to its exit status.
wait_server() {
	SERVER_STATUS=0
	wait "$SERVER_PID" || SERVER_STATUS=$?
	SERVER_PID=
}

# get URL-PATH [CURL-OPTION...]: one request; sets STATUS, BODY (the file
# with the body) and HEADERS (the file with the response headers).
get() {
	local path=$1
	shift
	BODY="$BATS_TEST_TMPDIR/body" HEADERS="$BATS_TEST_TMPDIR/headers"
	STATUS=$(curl -s -o "$BODY" -D "$HEADERS" -w '%{http_code}' "${CURL_OPTS[@]}" "$@" "$URL$path")
}

# header NAME: the value of a response header in $HEADERS (names compared
# without case), without the CR.
header() {
	awk -v n="$(echo "$1" | tr 'A-Z' 'a-z')" -F': ' 'tolower($1) == n { sub(/\r$/, "", $2); print $2 }' "$HEADERS"
}

# raw_get PATH: a GET of PATH, given as a Python bytes literal's content
# (e.g. '/caf\xc3\xa9'), sent byte for byte over a plain socket; prints
# the status line, or with RAW_BODY_LEN=1 in the environment the length of
# the body.
raw_get() {
	python3 - "$PORT" "$1" <<'PY'
import ast, os, socket, sys
path = ast.literal_eval("b'" + sys.argv[2] + "'")
s = socket.create_connection(("127.0.0.1", int(sys.argv[1])))
s.sendall(b"GET " + path + b" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
data = b""
while True:
    chunk = s.recv(65536)
    if not chunk:
        break
    data += chunk
head, _, body = data.partition(b"\r\n\r\n")
print(len(body) if os.environ.get("RAW_BODY_LEN") else head.split(b"\r\n", 1)[0].decode())
PY
}

# record_of ID: what relationship ID's record holds, for "nothing changed":
# every event with its hash, and the listings read from them.
record_of() {
	rapport log --partner "$1" --json
	local what
	for what in orders payments commitments contacts people; do
		rapport "$what" --partner "$1" --json
	done
}

# two_partners_users [LANG]: a buyer and two partners (init_db's and Saigon
# Loom, id 2); the buyer's admin maya and viewer tom, and partner 1's member
# chen.jing (in LANG, when given).
two_partners_users() {
	init_db
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user buyer maya@lindenrowe.example admin
	add_user buyer tom@lindenrowe.example viewer
	add_user partner:1 chen.jing@evergreen.example member "$@"
}

# users: a password each test's users share (user add prints a random one)
PASSWORD="correct-horse-battery-staple"

# add_user ORG EMAIL ROLE [LANG]: a user (rapport user add) whose password
# is $PASSWORD.
add_user() {
	rapport user add --org "$1" --email "$2" --role "$3" ${4:+--lang "$4"} >/dev/null
	printf '%s\n' "$PASSWORD" | rapport user passwd --email "$2" >/dev/null
}

# csrf_of FILE: the value of the first csrf field in an HTML page.
csrf_of() {
	sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' "$1" | head -1
}

# login EMAIL [PASSWORD]: signs in through the form, as a browser does:
# GET /login (its pre-session cookie and token), then POST /login, keeping
# cookies in $JAR (default jar, in the test's directory). Sets STATUS,
# BODY and HEADERS of the POST; 303 on success.
login() {
	JAR=${JAR:-$BATS_TEST_TMPDIR/jar}
	get /login -c "$JAR" -b "$JAR"
	local csrf
	csrf=$(csrf_of "$BODY")
	get /login -c "$JAR" -b "$JAR" --data-urlencode "email=$1" --data-urlencode "password=${2:-$PASSWORD}" \
		--data-urlencode "csrf=$csrf"
}

# as URL-PATH [CURL-OPTION...]: get with the cookies in $JAR (a signed-in
# user's after login).
as() {
	local path=$1
	shift
	get "$path" -c "$JAR" -b "$JAR" "$@"
}

# post_from PAGE ACTION FIELD=VALUE...: submits a form as a browser does
# from PAGE (fetched first with $JAR's cookies, for its csrf field) to
# ACTION; fields are URL-encoded. Sets STATUS, BODY and HEADERS.
post_from() {
	local page=$1 action=$2 csrf args=() f
	shift 2
	as "$page"
	csrf=$(csrf_of "$BODY")
	for f in "$@"; do args+=(--data-urlencode "$f"); done
	as "$action" --data-urlencode "csrf=$csrf" "${args[@]}"
}

# post_form URL-PATH FIELD=VALUE...: post_from a page to itself.
post_form() {
	local path=$1
	shift
	post_from "$path" "$path" "$@"
}

# session_cookie: the session cookie's value in $JAR.
session_cookie() {
	awk '$6 == "rapport_session" { print $7 }' "$JAR"
}

# jsonq EXPR: a Python expression over the JSON document on stdin (as x);
# prints a string as it is and anything else as compact JSON.
jsonq() {
	python3 -c 'import json, sys
x = json.load(sys.stdin)
r = eval(sys.argv[1])
print(r if isinstance(r, str) else json.dumps(r, separators=(",", ":"), ensure_ascii=False))' "$1"
}

CURL_OPTS=()
