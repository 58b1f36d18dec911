#!/usr/bin/env bats
# Visits and suggestions, specs and changes, greetings, corrections, rebuild.

load helper

@test "a visit lists the people met; their suggestions get answers" {
	init_db
	rapport person add --partner 1 --side partner --name "Li Wei" --role line_worker
	rapport person add --partner 1 --side partner --name "Wang Fang" --role qc
	run rapport visit add --partner 1 --by buyer --date 2026-11-18 --met 2,3 --note "Line 3"
	[ "$output" = "4" ]
	run rapport suggestion add --partner 1 --person 2 --text "Pre-shrink the rib trims" --visit 4
	[ "$output" = "5" ]
	refuses 2 "reason: required when a suggestion is declined" suggestion respond 5 --outcome declined
	rapport suggestion respond 5 --outcome adopted
	refuses 2 "suggestion: #5 was already answered (adopted)" suggestion respond 5 --outcome declined --reason x
	run rapport visits --json
	[ "$(echo "$output" | json_get '[0]["met"]')" = "Li Wei, Wang Fang" ]
	run rapport suggestions --json
	[ "$(echo "$output" | json_get '[0]["person_name"]')" = "Li Wei" ]
	[ "$(echo "$output" | json_get '[0]["outcome"]')" = "adopted" ]
	refuses 2 "met: no person with id 4 for this partner" visit add --partner 1 --by buyer --date 2026-11-18 --met 4
	refuses 2 "met: person 2 is listed twice" visit add --partner 1 --by buyer --date 2026-11-18 --met 2,2
}

@test "people of one partner cannot be met at another's" {
	init_db
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh
	rapport person add --partner 1 --side partner --name "Li Wei" --role line_worker
	refuses 2 "met: no person with id 3 for this partner" visit add --partner 2 --by buyer --date 2026-11-18 --met 3
}

@test "a spec change counts its notice to the production start" {
	init_db
	refuses 2 "style: no spec published for Cable crew" spec change --partner 1 --style "Cable crew" --what X
	rapport spec publish --partner 1 --style "Cable crew" --version 3 --production-start 2026-12-10
	refuses 2 "version: Cable crew v3 is already published" spec publish --partner 1 --style "Cable crew" \
		--version 3 --production-start 2026-12-10
	rapport spec change --partner 1 --style "Cable crew" --what "Neck rib 2x2"
	rapport spec change --partner 1 --style "Cable crew" --what "Care label" --agreed --at 2026-11-01T10:00Z
	run rapport spec-changes --json
	# Nov 1 10:00 to Dec 10: 38 whole days; Nov 25 10:00: 14 whole days, inside 14? no: 14 < 14 is false
	[ "$(echo "$output" | json_get '[0]["notice_days"]')" = "38" ]
	[ "$(echo "$output" | json_get '[0]["agreed"]')" = "1" ]
	[ "$(echo "$output" | json_get '[1]["notice_days"]')" = "14" ]
	[ "$(echo "$output" | json_get '[1]["in_freeze"]')" = "0" ]
	rapport settings --partner 1 --freeze-days 21
	rapport spec change --partner 1 --style "Cable crew" --what "Cuff length"
	run rapport spec-changes --json
	[ "$(echo "$output" | json_get '[2]["in_freeze"]')" = "1" ]
}

@test "greetings are listed; a correction can withdraw an event but keeps it in the ledger" {
	init_db
	rapport greet --partner 1 --by buyer --occasion "Spring Festival 2027" --note "新春快乐"
	rapport contact --partner 1 --by buyer --kind call
	run rapport greetings --json
	[ "$(echo "$output" | json_get '[0]["occasion"]')" = "Spring Festival 2027" ]
	run rapport correct 3 --partner 1 --reason "Logged against the wrong factory" --void
	[ "$status" -eq 0 ]
	run rapport contacts --json
	[ "$output" = "[]" ]
	[ "$(db_query "SELECT count(*) FROM events WHERE kind = 'contact'")" = "1" ]
	refuses 2 "seq: event 3 is already void" correct 3 --partner 1 --reason again --void
	refuses 2 "seq: event 1 (relationship.open) cannot be corrected" correct 1 --partner 1 --reason x
	refuses 2 "SEQ: this partner's record has no event 40" correct 40 --partner 1 --reason x
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "rebuild recomputes every projection to the same rows" {
	rapport demo --today 2026-11-25 >/dev/null
	tables="partners contacts settings people commitments orders updates issues actions visits visit_people
		suggestions specs spec_changes payments greetings corrections"
	snapshot() {
		for t in $tables; do echo "== $t"; db_query "SELECT * FROM $t ORDER BY 1, 2"; done
	}
	before=$(snapshot)
	# a real snapshot: every table has rows
	[ "$(echo "$before" | wc -l)" -gt 500 ]
	run rapport rebuild
	[ "$status" -eq 0 ]
	[ "$output" = "rebuilt the projections from $(db_query 'SELECT count(*) FROM events') events" ]
	[ "$(snapshot)" = "$before" ]
}

@test "a correction with field options replaces those fields; later corrections build on it" {
	init_db
	rapport commitment add --partner 1 --side partner --what "Lab dips" --due 2026-11-10
	rapport correct 2 --partner 1 --reason "Typo" --due 2026-11-12 --what "Lab dips (3 shades)"
	rapport correct 2 --partner 1 --reason "Agreed on the call" --due 2026-11-14
	run rapport commitments --json
	[ "$(echo "$output" | json_get '[0]["due"]')" = "2026-11-14" ]
	[ "$(echo "$output" | json_get '[0]["what"]')" = "Lab dips (3 shades)" ]
	run rapport corrections --json
	[ "$(echo "$output" | json_get '[0]["changes"]')" = '{"due":"2026-11-12","what":"Lab dips (3 shades)"}' ]
	refuses 2 "--qty: event 2 (commitment.add) has no field qty" correct 2 --partner 1 --reason x --qty 3
	refuses 2 'due: no such date: "2026-02-30"' correct 2 --partner 1 --reason x --due 2026-02-30
	refuses 2 "void: either withdraw the event or change its fields, not both" correct 2 --partner 1 --reason x \
		--void --due 2026-11-20
	refuses 2 'SEQ: not a sequence number: "two"' correct two --partner 1 --reason x
	rapport commitment keep 2
	refuses 2 "later events depend on the commitment of event 2" correct 2 --partner 1 --reason x --due 2026-11-20
}

@test "partner add takes --at for a relationship that started earlier" {
	rapport init --buyer B --country GB --tz Europe/London
	rapport partner add --name F --country CN --tz Asia/Shanghai --at 2024-03-01
	run rapport partner list --json
	[ "$(echo "$output" | json_get '[0]["since"]')" = "2024-03-01T00:00:00Z" ]
}
