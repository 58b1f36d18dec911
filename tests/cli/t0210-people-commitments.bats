#!/usr/bin/env bats
# People, and commitments with their outcomes.

load helper

@test "people at both sides are listed with their roles and languages" {
	init_db
	run rapport person add --partner 1 --side partner --name "陈静" --role qc --lang zh
	[ "$output" = "2" ]
	rapport person add --partner 1 --side buyer --name "Tom Hartley" --role qc
	run rapport people --json
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Tom Hartley" ]
	[ "$(echo "$output" | json_get '[1]["name"]')" = "陈静" ]
	[ "$(echo "$output" | json_get '[1]["lang"]')" = "zh" ]
	refuses 2 "role: must be one of manager|line_worker|qc|merchandiser|sourcing|owner|other" \
		person add --partner 1 --side partner --name X --role boss
	refuses 2 'lang: "chinese" is not an ISO 639-1 language code' \
		person add --partner 1 --side partner --name X --role qc --lang chinese
}

@test "a kept promise after its due date shows the days late; the original due date stays" {
	init_db
	run rapport commitment add --partner 1 --side partner --what "Lab dips" --due 2026-11-10
	[ "$output" = "2" ]
	rapport commitment add --partner 1 --side buyer --what "Approve dips" --due 2026-11-12
	rapport commitment keep 2 --at 2026-11-13T12:00Z
	rapport commitment renegotiate 3 --due 2026-11-30 --at 2026-11-11
	run rapport commitments --json
	[ "$(echo "$output" | json_get '[0]["state"]')" = "kept" ]
	[ "$(echo "$output" | json_get '[0]["days_late"]')" = "3" ]
	[ "$(echo "$output" | json_get '[1]["due"]')" = "2026-11-30" ]
	[ "$(echo "$output" | json_get '[1]["original_due"]')" = "2026-11-12" ]
	[ "$(echo "$output" | json_get '[1]["renegotiations"]')" = "1" ]
	run rapport commitments --open --json
	[ "$(echo "$output" | json_get '[0]["id"]')" = "3" ]
	[ "$(echo "$output" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = "1" ]
}

@test "a renegotiation after the due date passed counts as late" {
	init_db
	rapport commitment add --partner 1 --side buyer --what "Approve dips" --due 2026-11-12
	rapport commitment renegotiate 2 --due 2026-11-30 --at 2026-11-14
	[ "$(db_query 'SELECT renegotiated_late FROM commitments WHERE id = 2')" = "1" ]
}

@test "an outcome cannot follow another" {
	init_db
	rapport commitment add --partner 1 --side partner --what "Trims" --due 2026-11-10
	rapport commitment break 2 --reason "Supplier failed" --at 2026-11-11
	refuses 2 "commitment: #2 is already broken" commitment keep 2
	refuses 2 "commitment: #2 is already broken" commitment renegotiate 2 --due 2026-12-01
	refuses 2 "ID: no commitment with id 9" commitment keep 9
	refuses 2 "commitment keep: which one? (usage: rapport commitment keep ID)" commitment keep
	refuses 2 'due: no such date: "2026-11-31"' commitment add --partner 1 --side buyer --what X --due 2026-11-31
}
