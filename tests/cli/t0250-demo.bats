#!/usr/bin/env bats
# rapport demo: a realistic, deterministic history that verifies.

load helper

@test "the demo has three factories, every kind of event, and verifies" {
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
