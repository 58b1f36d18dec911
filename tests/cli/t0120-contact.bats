#!/usr/bin/env bats
# rapport contact: times in every accepted form, and refusals.

load helper

# The `at` of the last event of partner 1, as stored (ISO-8601 UTC).
last_at() {
	rapport log --partner 1 --json | json_get '[-1]["at"]'
}

@test "contact records an event and prints its id" {
	init_db
	run rapport contact --partner 1 --by buyer --kind video --note "Reviewed the lab dips"
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	[ "$(last_at)" = "2026-11-25T10:00:00Z" ]
	run rapport partner list --json
	[ "$(echo "$output" | json_get '[0]["last_contact"]')" = "2026-11-25T10:00:00Z" ]
}

@test "a time without an offset is the buyer's local time (London, BST in July)" {
	init_db
	rapport contact --partner 1 --by buyer --kind call --at 2026-07-01T09:00
	[ "$(last_at)" = "2026-07-01T08:00:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-01-15T09:00
	[ "$(last_at)" = "2026-01-15T09:00:00Z" ]
}

@test "a bare date is midnight in the buyer's zone" {
	init_db
	rapport contact --partner 1 --by partner --kind email --at 2026-07-01
	[ "$(last_at)" = "2026-06-30T23:00:00Z" ]
}

@test "offsets and Z are honoured" {
	init_db
	rapport contact --partner 1 --by partner --kind message --at 2026-11-20T09:00+08:00
	[ "$(last_at)" = "2026-11-20T01:00:00Z" ]
	rapport contact --partner 1 --by partner --kind message --at 2026-11-20T09:00:30Z
	[ "$(last_at)" = "2026-11-20T09:00:30Z" ]
	rapport contact --partner 1 --by partner --kind message --at 2026-11-20T09:00-05:00
	[ "$(last_at)" = "2026-11-20T14:00:00Z" ]
}

@test "contact refuses bad input, naming the option, and writes nothing" {
	init_db
	refuses 2 "--partner: no partner with id 99" contact --partner 99 --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): "one"' contact --partner one --by buyer --kind call
	refuses 2 '--at: no such date: "2026-02-30"' contact --partner 1 --by buyer --kind call --at 2026-02-30
	refuses 2 '--at: no such date: "2026-13-01"' contact --partner 1 --by buyer --kind call --at 2026-13-01
	refuses 2 '--at: not an ISO-8601 time' contact --partner 1 --by buyer --kind call --at yesterday
	refuses 2 "at: in the future" contact --partner 1 --by buyer --kind call --at 2026-11-25T10:06:00Z
	refuses 2 "by: must be one of buyer|partner" contact --partner 1 --by factory --kind call
	refuses 2 "kind: must be one of call|video|message|email|meeting|visit" contact --partner 1 --by buyer --kind fax
	refuses 2 "--kind: required" contact --partner 1 --by buyer
	refuses 2 "--note: not valid UTF-8 text" contact --partner 1 --by buyer --kind call --note $'caf\xe9'
}

@test "five minutes of clock skew are tolerated" {
	init_db
	run rapport contact --partner 1 --by buyer --kind call --at 2026-11-25T10:05:00Z
	[ "$status" -eq 0 ]
}
