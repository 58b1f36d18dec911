#!/usr/bin/env bats
# t0400-outage.bats - a rapport serve on PostgreSQL outlives the database's
# restart: while the database is down /healthz answers 503 (a load balancer
# then sends requests to another server) and requests get 503 rather than
# a broken page; once it is back, the same process reads and writes again
# without a restart of its own. The test has a PostgreSQL of its own
# (tests/pg/server), stopped and started again under the running server.
# Needs RAPPORT_TEST_PG (make check-pg sets it).

load helper

OWN=

teardown() {
	[ -n "${SERVER_PID:-}" ] && kill "$SERVER_PID" 2>/dev/null && wait "$SERVER_PID" 2>/dev/null
	[ -n "$OWN" ] && "$BATS_TEST_DIRNAME/server" stop "$OWN"
	pg_drop_db
}

# req METHOD PATH [CURL-OPTION...]: STATUS and BODY (a file).
req() {
	local m=$1 path=$2
	shift 2
	BODY=$BATS_TEST_TMPDIR/body
	STATUS=$(curl -s -o "$BODY" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $TOKEN" "$@" "$URL$path")
}

contacts() {
	psql "$RAPPORT_DB" -qAtc "SELECT count(*) FROM events WHERE kind = 'contact'"
}

@test "after PostgreSQL restarts, the same server reads and writes again; meanwhile 503s" {
	OWN=$(mktemp -d /tmp/rapport-pg.XXXXXX)
	chmod 755 "$OWN"
	RAPPORT_DB=$("$BATS_TEST_DIRNAME/server" start "$OWN")
	export RAPPORT_DB
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai >/dev/null
	rapport user add --org buyer --email maya@lindenrowe.example --role admin >/dev/null
	TOKEN=$(rapport token add --user maya@lindenrowe.example --name outage --json |
		python3 -c 'import json, sys; print(json.load(sys.stdin)["token"])')
	"$RAPPORT" serve --listen 127.0.0.1:0 --threads 1 2>"$BATS_TEST_TMPDIR/log" 3>&- &
	SERVER_PID=$!
	URL=
	for _ in $(seq 200); do
		URL=$(sed -n 's/^.* info listening on \(http:\/\/127\.0\.0\.1:[0-9]*\) .*$/\1/p' "$BATS_TEST_TMPDIR/log")
		[ -n "$URL" ] && break
		sleep 0.05
	done
	[ -n "$URL" ]
	req GET /healthz
	[ "$STATUS" = 200 ]
	[ "$(cat "$BODY")" = ok ]
	contact='{"kind":"contact","body":{"by":"buyer","kind":"call","note":"before"}}'
	req POST /api/v1/partners/1/events -H 'Content-Type: application/json' --data-binary "$contact"
	[ "$STATUS" = 201 ]

	"$BATS_TEST_DIRNAME/server" halt "$OWN"
	req GET /healthz
	[ "$STATUS" = 503 ]
	[ "$(cat "$BODY")" = "the database cannot be reached" ]
	# a page: 503 with the reason, not a broken answer
	req GET /api/v1/partners
	[ "$STATUS" = 503 ]
	# the API's in its own JSON shape
	python3 -c 'import json, sys; e = json.load(open(sys.argv[1]))["error"]; assert e["code"] == "unavailable", e' "$BODY"
	req POST /api/v1/partners/1/events -H 'Content-Type: application/json' --data-binary "$contact"
	[[ "$STATUS" = 5* ]]
	kill -0 "$SERVER_PID"

	"$BATS_TEST_DIRNAME/server" resume "$OWN"
	# the writer's connection is found lost by its first command and
	# opened again: the write goes through at once
	req POST /api/v1/partners/1/events -H 'Content-Type: application/json' \
		--data-binary '{"kind":"contact","body":{"by":"buyer","kind":"call","note":"after"}}'
	[ "$STATUS" = 201 ]
	req GET /api/v1/partners
	[ "$STATUS" = 200 ]
	python3 -c 'import json, sys; assert [p["id"] for p in json.load(open(sys.argv[1]))["partners"]] == [1]' "$BODY"
	req GET /healthz
	[ "$STATUS" = 200 ]
	# the call made while the database was down was not recorded; both others were
	[ "$(contacts)" = 2 ]
	run rapport verify
	[ "$status" -eq 0 ]
	kill "$SERVER_PID"
	status=0
	wait "$SERVER_PID" || status=$?
	SERVER_PID=
	[ "$status" -eq 0 ] || { cat "$BATS_TEST_TMPDIR/log"; false; }
}
