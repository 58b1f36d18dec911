#!/usr/bin/env bats
# rapport log: the chain with sequence numbers and hashes.

load helper

@test "log lists events in order with linked hashes" {
	init_db
	rapport contact --partner 1 --by buyer --kind video --at 2026-11-20T09:00Z --note "Lab dips"
	rapport contact --partner 1 --by partner --kind email --at 2026-11-21T09:00Z --note $'Trims\nsecond line'
	run rapport log --partner 1 --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_get '[2]["seq"]')" = "3" ]
	[ "$(echo "$output" | json_get '[1]["prev_hash"]')" = "$(echo "$output" | json_get '[0]["hash"]')" ]
	[ "$(echo "$output" | json_get '[2]["prev_hash"]')" = "$(echo "$output" | json_get '[1]["hash"]')" ]
	[ "$(echo "$output" | json_get '[2]["author"]')" = "Maya Okafor" ]
	[ "$(echo "$output" | json_get '[2]["side"]')" = "buyer" ]
	[ "$(echo "$output" | json_get '[2]["recorded"]')" = "2026-11-25T10:00:00Z" ]
	run rapport log --partner 1
	[[ "${lines[0]}" == "SEQ"*"AT (UTC)"*"KIND"*"RECORDED BY"*"HASH"*"SUMMARY" ]]
	[[ "${lines[2]}" == "2    2026-11-20T09:00:00Z  contact "*"buyer/Maya Okafor"*"video by buyer: Lab dips" ]]
	[[ "${lines[3]}" == *"email by partner: Trims" ]]
}

@test "a stored hash is SHA-256 of the previous hash and the canonical envelope" {
	init_db
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00Z
	json=$(rapport log --partner 1 --json)
	uid=$(sqlite3 "$RAPPORT_DB" 'SELECT uid FROM relationships WHERE id = 1')
	prev=$(echo "$json" | json_get '[1]["prev_hash"]')
	env='{"at":1795165200,"author":"Maya Okafor","body":{"by":"buyer","kind":"call"},"kind":"contact","recorded":1795600800,"rel":"'$uid'","seq":2,"side":"buyer"}'
	want=$( (printf '%s' "$prev" | xxd -r -p; printf '%s' "$env") | sha256sum | cut -c1-64)
	[ "$(echo "$json" | json_get '[1]["hash"]')" = "$want" ]
}

@test "log needs a known partner" {
	init_db
	refuses 2 "--partner: no partner with id 5" log --partner 5
	refuses 2 "--partner: required" log
}
