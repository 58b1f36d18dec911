#!/usr/bin/env bats
# rapport verify: an intact record passes; an altered, removed or
# reordered event is named by relationship and sequence number.

load helper

# Partner 1 (Dongguan Evergreen Knitwear) with events 1..6: the opening,
# then a video (2), a call (3), a message (4), an email (5) and a meeting
# (6). Partner 2 (Saigon Loom) with events 1..2.
chain() {
	init_db
	for k in video call message email meeting; do
		rapport contact --partner 1 --by buyer --kind "$k" --at 2026-11-20T09:00Z >/dev/null
	done
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	rapport contact --partner 2 --by partner --kind call >/dev/null
}

# tamper SQL ROWS: runs SQL as someone who edits the database behind
# rapport's back (past the triggers that keep events append-only and the
# foreign keys: SQLite's dropped or off, PostgreSQL's session in replica
# mode, which fires neither) and checks that it changed ROWS rows, so a
# test never passes on a no-op.
tamper() {
	local n
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		# each statement's command tag (UPDATE 1, DELETE 2, INSERT 0 2) ends in its count
		n=$(printf 'SET session_replication_role = replica;\n%s;\n' "$1" |
			psql "$RAPPORT_DB" -v ON_ERROR_STOP=1 -AtX -f - | awk '/^(UPDATE|DELETE|INSERT) / { n += $NF } END { print n + 0 }')
	else
		n=$(sqlite3 "$RAPPORT_DB" "PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS events_append_only_update;
			DROP TRIGGER IF EXISTS events_append_only_delete; $1; SELECT total_changes();")
	fi
	if [ "$n" != "$2" ]; then
		echo "the tampering changed $n rows, not $2" >&2
		return 1
	fi
}

# verify_names SEQ REASON [PARTNER NAME]: rapport verify exits 1 and names
# the relationship (default 1, Dongguan Evergreen Knitwear), the first bad
# event and why, as text and as JSON; it writes nothing.
verify_names() {
	local seq=$1 reason=$2 rel=${3:-1} name=${4:-Dongguan Evergreen Knitwear} before
	before=$(dump)
	run --separate-stderr rapport verify
	[ "$status" -eq 1 ] || { echo "verify: exit $status: $output $stderr" >&2; return 1; }
	[ "$output" = "TAMPERED: relationship $rel ($name), event $seq: $reason" ] ||
		{ echo "verify said: $output" >&2; return 1; }
	run --separate-stderr rapport verify --json
	[ "$status" -eq 1 ]
	echo "$output" | json_is 'v' "{\"ok\": false, \"partner\": $rel, \"partner_name\": \"$name\", \"seq\": $seq,
		\"reason\": \"$reason\"}"
	[ "$(dump)" = "$before" ] || { echo "verify changed the database" >&2; return 1; }
}

@test "an intact record verifies, as text and JSON" {
	chain
	run --separate-stderr rapport verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 2 relationships, 8 events; every chain is intact" ]
	[ "$stderr" = "" ]
	run rapport verify --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '{"ok": true, "relationships": 2, "events": 8}'
	run rapport verify --partner 2
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 2 events; every chain is intact" ]
}

@test "a database without partners verifies" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	run rapport verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 0 relationships, 0 events; every chain is intact" ]
}

@test "the database itself refuses to update or delete events" {
	chain
	before=$(dump)
	run db_query "UPDATE events SET body = replace(body, 'call', 'visit') WHERE rel = 1 AND seq = 3"
	[ "$status" -ne 0 ]
	[[ "$output" == *"events are append-only: record a correcting event instead"* ]]
	run db_query "DELETE FROM events WHERE rel = 1 AND seq = 3"
	[ "$status" -ne 0 ]
	[[ "$output" == *"events are append-only: record a correcting event instead"* ]]
	[ "$(dump)" = "$before" ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "an altered body is named" {
	chain
	tamper "UPDATE events SET body = replace(body, 'call', 'visit') WHERE rel = 1 AND seq = 3" 1
	verify_names 3 "event 3 does not match its hash (altered)"
}

@test "an altered time is named" {
	chain
	tamper "UPDATE events SET at = at - 86400 WHERE rel = 1 AND seq = 4" 1
	verify_names 4 "event 4 does not match its hash (altered)"
}

@test "an altered author is named" {
	chain
	tamper "UPDATE events SET author = 'Someone Else' WHERE rel = 1 AND seq = 5" 1
	verify_names 5 "event 5 does not match its hash (altered)"
}

@test "an altered side is named" {
	chain
	tamper "UPDATE events SET side = 'partner' WHERE rel = 1 AND seq = 2" 1
	verify_names 2 "event 2 does not match its hash (altered)"
}

@test "an altered recording time is named" {
	chain
	tamper "UPDATE events SET recorded = recorded + 1 WHERE rel = 1 AND seq = 6" 1
	verify_names 6 "event 6 does not match its hash (altered)"
}

@test "a replaced stored hash is named" {
	sqlite_only "zeroes the hash with SQLite's zeroblob()"
	chain
	tamper "UPDATE events SET hash = zeroblob(32) WHERE rel = 1 AND seq = 2" 1
	verify_names 2 "event 2 does not match its hash (altered)"
}

@test "a deleted middle event is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1 AND seq = 3" 1
	verify_names 3 "event 3 is missing (the next stored is 4)"
}

@test "a deleted first event is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1 AND seq = 1" 1
	verify_names 1 "event 1 is missing (the next stored is 2)"
}

@test "a deleted last event is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1 AND seq = 6" 1
	verify_names 6 "event 6 is missing (the chain ends at 5)"
}

@test "a chain with every event deleted is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1" 6
	verify_names 1 "event 1 is missing (the chain ends at 0)"
}

@test "two swapped events are named by the first" {
	chain
	tamper "UPDATE events SET seq = 100 WHERE rel = 1 AND seq = 4;
		UPDATE events SET seq = 4 WHERE rel = 1 AND seq = 5;
		UPDATE events SET seq = 5 WHERE rel = 1 AND seq = 100" 3
	verify_names 4 "event 4 does not link to event 3 (removed, reordered or altered)"
}

@test "a deleted event whose successors were renumbered to close the gap is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1 AND seq = 3;
		UPDATE events SET seq = 3 WHERE rel = 1 AND seq = 4;
		UPDATE events SET seq = 4 WHERE rel = 1 AND seq = 5;
		UPDATE events SET seq = 5 WHERE rel = 1 AND seq = 6" 4
	verify_names 3 "event 3 does not link to event 2 (removed, reordered or altered)"
}

@test "a chain head moved back without deleting is named" {
	chain
	tamper "UPDATE relationships SET head_seq = 5 WHERE id = 1" 1
	verify_names 5 "the recorded head (event 5) disagrees with the chain (6 events)"
}

@test "tampering with the second partner names relationship 2" {
	chain
	tamper "UPDATE events SET body = replace(body, 'call', 'visit') WHERE rel = 2 AND seq = 2" 1
	verify_names 2 "event 2 does not match its hash (altered)" 2 "Saigon Loom"
	run rapport verify --partner 1
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 6 events; every chain is intact" ]
}

@test "verify --partner checks one chain only" {
	chain
	tamper "UPDATE events SET body = replace(body, 'call', 'visit') WHERE rel = 1 AND seq = 3" 1
	run rapport verify --partner 2
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 2 events; every chain is intact" ]
	run rapport verify --partner 2 --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '{"ok": true, "relationships": 1, "events": 2}'
	run rapport verify --partner 1
	[ "$status" -eq 1 ]
	[ "$output" = "TAMPERED: relationship 1 (Dongguan Evergreen Knitwear), event 3: event 3 does not match its hash (altered)" ]
}

@test "the first bad event of a chain is named when several are bad" {
	chain
	tamper "UPDATE events SET author = 'X' WHERE rel = 1 AND seq IN (4, 2, 5)" 3
	verify_names 2 "event 2 does not match its hash (altered)"
}

@test "events that belong to no relationship are reported" {
	chain
	tamper "INSERT INTO events (rel, seq, kind, at, recorded, side, author, body, prev_hash, hash)
		SELECT 99, seq, kind, at, recorded, side, author, body, prev_hash, hash FROM events WHERE rel = 2" 2
	run rapport verify
	[ "$status" -eq 1 ]
	[[ "$output" == "TAMPERED: "*"2 events belong to no relationship" ]]
	run rapport verify --json
	[ "$status" -eq 1 ]
	echo "$output" | json_is 'v["ok"]' 'false'
}

@test "verify refuses an unknown partner" {
	chain
	refuses 2 "--partner: no partner with id 3 (see rapport partner list)" verify --partner 3
	refuses 2 '--partner: not an id (a positive integer): "all"' verify --partner all
}
