#!/usr/bin/env bats
# rapport demo: a realistic, deterministic history that verifies.

load helper

@test "the demo has three factories, every kind of event, and verifies" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	run rapport demo --today 2026-11-25
	[ "$status" -eq 0 ]
	[[ "$output" == *"3 factories"* ]]
	run rapport partner list --json
	[ "$(echo "$output" | json_get '[0]["tz"]')" = "Asia/Shanghai" ]
	[ "$(echo "$output" | json_get '[1]["tz"]')" = "Asia/Ho_Chi_Minh" ]
	[ "$(echo "$output" | json_get '[2]["tz"]')" = "Asia/Dhaka" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT count(DISTINCT kind) FROM events')" = "25" ]
	# the disclosed problem in Dongguan and the discovered one in Dhaka
	[ "$(sqlite3 "$RAPPORT_DB" "SELECT rel || ':' || disclosure FROM issues ORDER BY rel")" = "$(printf '1:self\n3:discovered')" ]
	# the season the buyer paid Ho Chi Minh City late
	[ "$(sqlite3 "$RAPPORT_DB" "SELECT count(*) FROM payments WHERE rel = 2 AND date(paid_at, 'unixepoch') > due")" -ge 2 ]
	# nothing after --today
	[ "$(sqlite3 "$RAPPORT_DB" "SELECT max(at) <= strftime('%s', '2026-11-25T18:00:00') FROM events")" = "1" ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "the same --today gives the same database" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	rapport demo --today 2026-06-30 >/dev/null
	RAPPORT_DB="$BATS_TEST_TMPDIR/b.db" rapport demo --today 2026-06-30 >/dev/null
	a=$(sqlite3 "$RAPPORT_DB" "SELECT hex(hash) FROM events ORDER BY id")
	b=$(sqlite3 "$BATS_TEST_TMPDIR/b.db" "SELECT hex(hash) FROM events ORDER BY id")
	[ -n "$a" ]
	[ "$a" = "$b" ]
}

@test "the demo refuses a database that already has partners" {
	init_db
	refuses 2 "already holds partners; the demo needs a new database" demo
	refuses 2 '--scale: a whole number from 1 to 1000: "0"' demo --db "$BATS_TEST_TMPDIR/x.db" --scale 0
	[ ! -e "$BATS_TEST_TMPDIR/x.db" ]
}

@test "the demo signs each record at its head by both sides, so it exports and verifies at once" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	run rapport demo --today 2026-11-25
	[ "$status" -eq 0 ]
	[[ "$output" == *"Each record is signed by both sides at its head"* ]]
	# both sides' keys, private halves readable by their owner only
	[ "$(cd "$RAPPORT_DB.keys" && ls)" = "$(printf 'buyer.key\npartner-1.key\npartner-2.key\npartner-3.key')" ]
	[ "$(stat -c %a "$RAPPORT_DB.keys"/*.key | sort -u)" = "600" ]
	for p in 1 2 3; do
		size=$(sqlite3 "$RAPPORT_DB" "SELECT count(*) FROM events WHERE rel = $p")
		run rapport checkpoints --partner "$p" --json
		echo "$output" | json_is '[[c["size"], [s["side"] for s in c["signatures"]]] for c in v]' "[[$size, [\"buyer\", \"partner\"]]]"
	done
	run rapport verify
	[ "$output" = "ok: 3 relationships, 1193 events; every chain is intact; 3 checkpoints and 6 signatures hold" ]
	rapport export --partner 2 --out p2.json >/dev/null
	run env RAPPORT_DB=/nonexistent/r.db "$RAPPORT" verify --bundle p2.json
	[ "$status" -eq 0 ]
	[[ "$output" == *": 386 events, the chain is intact; 1 checkpoint and 2 signatures hold (buyer key "*", partner key "*")" ]]
	# the factory's own copy gives the same projections
	run env RAPPORT_DB=f.db "$RAPPORT" import-bundle p2.json
	[ "$status" -eq 0 ]
	for listing in orders payments issues updates visits suggestions commitments; do
		[ "$(RAPPORT_DB=f.db rapport "$listing" --partner 1 --json | sed 's/"partner": 1/"partner": 2/')" = "$(rapport "$listing" --partner 2 --json)" ] ||
			{ echo "$listing differs" >&2; false; }
	done
	[ "$(RAPPORT_DB=f.db rapport score --partner 1 --json | sed 's/"partner": 1/"partner": 2/')" = "$(rapport score --partner 2 --json)" ]
}
