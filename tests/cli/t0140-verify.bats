#!/usr/bin/env bats
# rapport verify: an intact record passes; an altered, removed or
# reordered event is named by relationship and sequence number.

load helper

# Partner 1 with events 1..6, partner 2 with events 1..2.
chain() {
	init_db
	for k in call video message email meeting; do
		rapport contact --partner 1 --by buyer --kind "$k" --at 2026-11-20T09:00Z >/dev/null
	done
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	rapport contact --partner 2 --by partner --kind call >/dev/null
}

# Runs SQL as someone who edits the file behind rapport's back.
tamper() {
	sqlite3 "$RAPPORT_DB" "PRAGMA foreign_keys = OFF; DROP TRIGGER IF EXISTS events_append_only_update;
		DROP TRIGGER IF EXISTS events_append_only_delete; $1"
}

@test "an intact record verifies" {
	chain
	run rapport verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 2 relationships, 8 events; every chain is intact" ]
	run rapport verify --json
	[ "$(echo "$output" | json_get '["ok"]')" = "true" ]
	[ "$(echo "$output" | json_get '["events"]')" = "8" ]
}

@test "the database itself refuses to update or delete events" {
	chain
	run sqlite3 "$RAPPORT_DB" "UPDATE events SET body = '{}' WHERE seq = 3"
	[ "$status" -ne 0 ]
	[[ "$output" == *"append-only"* ]]
	run sqlite3 "$RAPPORT_DB" "DELETE FROM events WHERE seq = 3"
	[ "$status" -ne 0 ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "an altered body is named" {
	chain
	tamper "UPDATE events SET body = replace(body, 'video', 'visit') WHERE rel = 1 AND seq = 3"
	run rapport verify
	[ "$status" -eq 1 ]
	[ "$output" = "TAMPERED: relationship 1 (Dongguan Evergreen Knitwear), event 3: event 3 does not match its hash (altered)" ]
	run rapport verify --json
	[ "$status" -eq 1 ]
	[ "$(echo "$output" | json_get '["seq"]')" = "3" ]
	[ "$(echo "$output" | json_get '["partner"]')" = "1" ]
	[ "$(echo "$output" | json_get '["ok"]')" = "false" ]
}

@test "an altered author or time is named" {
	chain
	tamper "UPDATE events SET author = 'Someone Else' WHERE rel = 1 AND seq = 4"
	run rapport verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"relationship 1 "*"event 4: event 4 does not match its hash"* ]]
}

@test "a deleted event is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1 AND seq = 2"
	run rapport verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"event 2: event 2 is missing (the next stored is 3)" ]]
}

@test "a deleted last event is named" {
	chain
	tamper "DELETE FROM events WHERE rel = 1 AND seq = 6"
	run rapport verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"event 6: event 6 is missing (the chain ends at 5)" ]]
}

@test "two swapped events are named by the first" {
	chain
	tamper "UPDATE events SET seq = 100 WHERE rel = 1 AND seq = 4;
		UPDATE events SET seq = 4 WHERE rel = 1 AND seq = 5;
		UPDATE events SET seq = 5 WHERE rel = 1 AND seq = 100"
	run rapport verify
	[ "$status" -eq 1 ]
	[[ "$output" == *"event 4: event 4 does not link to event 3"* ]]
}

@test "verify --partner checks one chain only" {
	chain
	tamper "UPDATE events SET body = replace(body, 'video', 'visit') WHERE rel = 1 AND seq = 3"
	run rapport verify --partner 2
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 2 events; every chain is intact" ]
	run rapport verify --partner 1
	[ "$status" -eq 1 ]
}
