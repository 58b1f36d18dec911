#!/usr/bin/env bats
# rapport contact: times in every accepted form, and refusals.

load helper

# The `at` of the last event of partner 1, as stored (ISO-8601 UTC).
last_at() {
	rapport log --partner 1 --json | json_get '[-1]["at"]'
}

@test "contact records an event and prints its id" {
	init_db
	run --separate-stderr rapport contact --partner 1 --by buyer --kind video --note "Reviewed the lab dips"
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	[ "$stderr" = "" ]
	run rapport log --partner 1 --json
	echo "$output" | json_is 'len(v)' '2'
	echo "$output" | json_is '{k: v[1][k] for k in ("id", "seq", "kind", "at", "recorded", "side", "author", "body")}' \
		'{"id": 2, "seq": 2, "kind": "contact", "at": "2026-11-25T10:00:00Z", "recorded": "2026-11-25T10:00:00Z",
		  "side": "buyer", "author": "Maya Okafor",
		  "body": {"by": "buyer", "kind": "video", "note": "Reviewed the lab dips"}}'
	run rapport partner list --json
	echo "$output" | json_is 'v[0]["last_contact"]' '"2026-11-25T10:00:00Z"'
	[ "$(db_query 'SELECT rel, at, event_id, by_side, kind, note FROM contacts')" = "1|1795600800|2|buyer|video|Reviewed the lab dips" ]
}

@test "contact --json prints the id as an object" {
	init_db
	run rapport contact --partner 1 --by partner --kind email --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '{"id": 2}'
}

@test "the printed id counts events across partners; seq counts within one" {
	init_db
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null # event 2
	run rapport contact --partner 1 --by buyer --kind call
	[ "$output" = "3" ]
	run rapport contact --partner 2 --by buyer --kind call
	[ "$output" = "4" ]
	rapport log --partner 1 --json | json_is '[[e["id"], e["seq"]] for e in v]' '[[1, 1], [3, 2]]'
	rapport log --partner 2 --json | json_is '[[e["id"], e["seq"]] for e in v]' '[[2, 1], [4, 2]]'
}

@test "--at in every accepted form is stored as the instant it names (London in November is UTC+0)" {
	init_db
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20
	[ "$(last_at)" = "2026-11-20T00:00:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00
	[ "$(last_at)" = "2026-11-20T09:00:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00:30
	[ "$(last_at)" = "2026-11-20T09:00:30Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00+08:00
	[ "$(last_at)" = "2026-11-20T01:00:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00Z
	[ "$(last_at)" = "2026-11-20T09:00:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00-05:00
	[ "$(last_at)" = "2026-11-20T14:00:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00+05:30
	[ "$(last_at)" = "2026-11-20T03:30:00Z" ]
	# the same instants as seconds in the contacts projection
	[ "$(db_query 'SELECT at FROM contacts ORDER BY event_id' | paste -sd ' ')" = \
		"1795132800 1795165200 1795165230 1795136400 1795165200 1795183200 1795145400" ]
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

@test "local times follow the buyer's clock change (London, 29 March 2026 at 01:00 UTC)" {
	init_db
	rapport contact --partner 1 --by buyer --kind call --at 2026-03-29T00:59
	[ "$(last_at)" = "2026-03-29T00:59:00Z" ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-03-29T02:00
	[ "$(last_at)" = "2026-03-29T01:00:00Z" ]
}

@test "the buyer's zone, not the partner's, reads times without an offset" {
	rapport init --buyer "Bayside Apparel" --country US --tz America/New_York
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00
	[ "$(last_at)" = "2026-11-20T14:00:00Z" ]
}

@test "author and side come from the environment or the global options" {
	init_db
	rapport contact --partner 1 --by partner --kind call --author "Chen Jing" --author-side partner
	rapport log --partner 1 --json | json_is '[v[-1]["author"], v[-1]["side"]]' '["Chen Jing", "partner"]'
	RAPPORT_AUTHOR="陈静" rapport contact --partner 1 --by partner --kind call
	rapport log --partner 1 --json | json_is '[v[-1]["author"], v[-1]["side"]]' '["陈静", "buyer"]'
}

@test "five minutes of clock skew are tolerated, one second more is not" {
	init_db
	run rapport contact --partner 1 --by buyer --kind call --at 2026-11-25T10:05:00Z
	[ "$status" -eq 0 ]
	run rapport contact --partner 1 --by buyer --kind call --at 2026-11-25T18:05:00+08:00
	[ "$status" -eq 0 ]
	refuses 2 "at: in the future; record events once they have happened" contact --partner 1 --by buyer --kind call --at 2026-11-25T10:05:01Z
	refuses 2 "at: in the future" contact --partner 1 --by buyer --kind call --at 2026-11-25T18:05:01+08:00
	refuses 2 "at: in the future" contact --partner 1 --by buyer --kind call --at 2026-11-26
}

@test "contact refuses an unknown or malformed partner, naming --partner, and writes nothing" {
	init_db
	refuses 2 "--partner: no partner with id 99 (see rapport partner list)" contact --partner 99 --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): "one"' contact --partner one --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): "0"' contact --partner 0 --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): "-1"' contact --partner -1 --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): "99999999999999999999"' contact --partner 99999999999999999999 --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): "1.5"' contact --partner 1.5 --by buyer --kind call
	refuses 2 '--partner: not an id (a positive integer): ""' contact --partner "" --by buyer --kind call
	refuses 2 "--partner: required" contact --by buyer --kind call
	refuses 2 "--partner: given twice" contact --partner 1 --partner 1 --by buyer --kind call
}

@test "contact refuses bad times, naming --at, and writes nothing" {
	init_db
	refuses 2 '--at: no such date: "2026-02-30"' contact --partner 1 --by buyer --kind call --at 2026-02-30
	refuses 2 '--at: no such date: "2026-13-01"' contact --partner 1 --by buyer --kind call --at 2026-13-01
	refuses 2 '--at: no such date: "2025-02-29"' contact --partner 1 --by buyer --kind call --at 2025-02-29
	refuses 2 '--at: not an ISO-8601 time: "yesterday" (want YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])' contact --partner 1 --by buyer --kind call --at yesterday
	refuses 2 '--at: not an ISO-8601 time' contact --partner 1 --by buyer --kind call --at ""
	refuses 2 '--at: not an ISO-8601 time' contact --partner 1 --by buyer --kind call --at 2026-11-20T09
	refuses 2 '--at: not an ISO-8601 time' contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00+25:00
	refuses 2 '--at: not an ISO-8601 time' contact --partner 1 --by buyer --kind call --at "2026-11-20T09:00 UTC"
	refuses 2 '--at: no such time of day: "2026-11-20T24:00"' contact --partner 1 --by buyer --kind call --at 2026-11-20T24:00
	refuses 2 '--at: no such time of day: "2026-11-20T09:60"' contact --partner 1 --by buyer --kind call --at 2026-11-20T09:60
}

@test "contact refuses bad values and options and writes nothing" {
	init_db
	refuses 2 "by: must be one of buyer|partner" contact --partner 1 --by factory --kind call
	refuses 2 "by: must be one of buyer|partner" contact --partner 1 --by Buyer --kind call
	refuses 2 "kind: must be one of call|video|message|email|meeting|visit" contact --partner 1 --by buyer --kind fax
	refuses 2 "kind: must be one of call|video|message|email|meeting|visit" contact --partner 1 --by buyer --kind ""
	refuses 2 "--kind: required" contact --partner 1 --by buyer
	refuses 2 "--by: required" contact --partner 1 --kind call
	refuses 2 "--kind: given twice" contact --partner 1 --by buyer --kind call --kind video
	refuses 2 "contact: unknown option --channel" contact --partner 1 --by buyer --kind call --channel wechat
	refuses 2 "--note: not valid UTF-8 text" contact --partner 1 --by buyer --kind call --note $'caf\xe9'
	refuses 2 "note: must not be empty" contact --partner 1 --by buyer --kind call --note " "
	refuses 2 "note: longer than 4000 bytes" contact --partner 1 --by buyer --kind call --note "$(printf 'x%.0s' {1..4001})"
	refuses 2 "note: control character U+0001 at byte 1" contact --partner 1 --by buyer --kind call --note $'a\x01b'
	refuses 2 "author: must not be empty" contact --partner 1 --by buyer --kind call --author ""
	refuses 2 '--author-side: buyer or partner: "factory"' contact --partner 1 --by buyer --kind call --author-side factory
	[ "$(db_query 'SELECT count(*) FROM events')" = "1" ]
}

@test "a note keeps its lines and tabs" {
	init_db
	rapport contact --partner 1 --by buyer --kind meeting --note $'Trims:\n\t- buttons\r\n\t- labels'
	rapport log --partner 1 --json | json_is 'v[-1]["body"]["note"]' '"Trims:\n\t- buttons\r\n\t- labels"'
}
