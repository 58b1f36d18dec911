#!/usr/bin/env bash
# bench/pg.sh - several `rapport serve` processes on one database: the
# dashboard (GET / as a signed-in buyer) and appends (POST of a contact to
# /api/v1/partners/ID/events, spread over every partner) with 1, 2 and 4
# processes, on SQLite and on PostgreSQL in the same run. The processes
# share one port (SO_REUSEPORT, one event loop each) as they would share a
# load balancer. Builds the demo (BENCH_PG_SCALE, default 20), copies it
# into a throwaway PostgreSQL (tests/pg/server) with rapport migrate, and
# loads each setup with `wrk -t2 -c32 -d${BENCH_PG_DURATION:-5}s`. Prints
# req/s and p99 latency per setup, and each PostgreSQL figure's ratio to
# SQLite's with as many processes. Figures only: nothing is asserted.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${RAPPORT_BIN:-$PWD/rapport}
SCALE=${BENCH_PG_SCALE:-20}
DURATION=${BENCH_PG_DURATION:-5}
for tool in wrk curl; do
	command -v "$tool" >/dev/null || { echo "bench-pg: needs $tool (make deps)" >&2; exit 3; }
done
[ -x "$BIN" ] || { echo "bench-pg: no $BIN (make rapport)" >&2; exit 3; }

work=$(mktemp -d /tmp/rapport-bench-pg.XXXXXX)
pgdir=$(mktemp -d /tmp/rapport-pg.XXXXXX)
pids=()
cleanup() {
	stop_servers
	tests/pg/server stop "$pgdir" 2>/dev/null || true
	rm -rf "$work"
}
stop_servers() {
	local p
	for p in "${pids[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
	for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
	pids=()
}
trap cleanup EXIT

export RAPPORT_AUTHOR=bench
echo "bench-pg: building the demo at --scale $SCALE ..." >&2
"$BIN" --db "$work/demo.db" demo --scale "$SCALE" >/dev/null
partners=$("$BIN" --db "$work/demo.db" partner list --json | python3 -c 'import json, sys; print(len(json.load(sys.stdin)))')
backends=${BENCH_PG_BACKENDS:-sqlite postgresql}
url=
if [[ " $backends " == *" postgresql "* ]]; then
	url=$(tests/pg/server start "$pgdir")
	echo "bench-pg: copying it into PostgreSQL ..." >&2
	"$BIN" migrate --from "sqlite:$work/demo.db" --to "$url" >/dev/null
fi

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# start DB N: N serve processes of one event loop each on $port
start() {
	local db=$1 n=$2 i
	for i in $(seq "$n"); do
		"$BIN" --db "$db" serve --listen "127.0.0.1:$port" --threads 1 2>"$work/serve-$i.log" &
		pids+=($!)
	done
	for i in $(seq 100); do
		curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && return 0
		sleep 0.1
	done
	echo "bench-pg: rapport serve did not start:" >&2
	cat "$work"/serve-*.log >&2
	exit 3
}

# A signed-in buyer's cookie jar and an API token, per database.
credentials() {
	local db=$1 csrf
	rm -f "$work/jar"
	csrf=$(curl -s -c "$work/jar" -b "$work/jar" "http://127.0.0.1:$port/login" |
		sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -1)
	curl -s -o /dev/null -c "$work/jar" -b "$work/jar" --data-urlencode "email=maya@lindenrowe.example" \
		--data-urlencode "password=rapport-demo" --data-urlencode "csrf=$csrf" "http://127.0.0.1:$port/login"
	cookie=$(awk '$6 == "rapport_session" {print $6 "=" $7}' "$work/jar")
	token=$("$BIN" --db "$db" token add --user maya@lindenrowe.example --name "bench $RANDOM" | grep -o 'rpt_[A-Za-z0-9_-]*' | head -1)
	# what is measured must be the page and the append, not a redirect or a refusal
	local got
	got=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port/")
	[ "$got" = 200 ] || { echo "bench-pg: GET / answers $got, not the dashboard" >&2; exit 3; }
	got=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" -H "Content-Type: application/json" \
		-d '{"kind":"contact","body":{"by":"buyer","kind":"call"}}' "http://127.0.0.1:$port/api/v1/partners/1/events")
	[ "$got" = 201 ] || { echo "bench-pg: an append answers $got, not 201" >&2; exit 3; }
}

cat >"$work/append.lua" <<EOF
local n = 0
request = function()
	n = n + 1
	local body = '{"kind":"contact","body":{"by":"buyer","kind":"call","note":"bench ' .. n .. '"}}'
	return wrk.format("POST", "/api/v1/partners/" .. (n % $partners + 1) .. "/events", nil, body)
end
EOF

# load NAME PATH [ARGS]: wrk's req/s and p99 (ms) as "REQS P99"
load() {
	local out
	out=$(wrk -t2 -c32 -d"${DURATION}s" --latency "$@" 2>&1)
	local rps p99
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' <<<"$out")
	p99=$(awk '$1 == "99%" {v = $2; if (v ~ /us$/) {sub(/us/, "", v); v /= 1000} else if (v ~ /ms$/) sub(/ms/, "", v); else if (v ~ /s$/) {sub(/s/, "", v); v *= 1000} print v}' <<<"$out")
	local non2xx
	non2xx=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
	[ -z "$non2xx" ] || echo "bench-pg: $non2xx answers were not 2xx" >&2
	echo "${rps:-0} ${p99:-0}"
}

declare -A result
for backend in $backends; do
	db=$work/demo.db
	[ "$backend" = postgresql ] && db=$url
	for n in 1 2 4; do
		start "$db" "$n"
		credentials "$db"
		result[$backend,$n,dash]=$(load -H "Cookie: $cookie" "http://127.0.0.1:$port/")
		result[$backend,$n,append]=$(load -s "$work/append.lua" -H "Authorization: Bearer $token" \
			-H "Content-Type: application/json" "http://127.0.0.1:$port")
		stop_servers
	done
done

printf 'bench-pg: demo --scale %s (%s partners), %s s per run, wrk -t2 -c32, one event loop per process\n' \
	"$SCALE" "$partners" "$DURATION"
# table WHAT TITLE: one figure of every setup, with PostgreSQL's ratio to
# SQLite's at the same number of processes
table() {
	local what=$1 n backend rps p99 base
	printf '%-10s %-10s %10s %9s %10s\n' backend processes "$2" "p99 ms" "vs sqlite"
	for n in 1 2 4; do
		for backend in $backends; do
			read -r rps p99 <<<"${result[$backend,$n,$what]}"
			read -r base _ <<<"${result[sqlite,$n,$what]}"
			printf '%-10s %-10s %10.0f %9.2f %10.2f\n' "$backend" "$n" "$rps" "$p99" \
				"$(python3 -c "print($rps / $base if $base else 0)")"
		done
	done
}
table dash "dash r/s"
table append "append/s"
