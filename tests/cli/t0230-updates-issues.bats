#!/usr/bin/env bats
# Structured updates matched to their slot; problems and joint actions.

load helper

@test "an update within a day of its slot is on time; later it is not" {
	init_db
	# Monday 2026-11-23 09:00 in Shanghai is 01:00Z
	rapport update submit --partner 1 --status on_track --progress 40 --next "Bulk knitting" --at 2026-11-23T09:30+08:00
	rapport update submit --partner 1 --status at_risk --progress 45 --blockers "Yarn late" --at 2026-11-25T09:00Z
	run rapport updates --json
	[ "$(echo "$output" | json_get '[0]["slot"]')" = "2026-11-23T01:00:00Z" ]
	[ "$(echo "$output" | json_get '[0]["on_time"]')" = "1" ]
	[ "$(echo "$output" | json_get '[1]["on_time"]')" = "0" ]
	refuses 2 "status: must be one of on_track|at_risk|late|blocked" update submit --partner 1 --status fine --progress 1
	refuses 2 "progress: must be an integer from 0 to 100" update submit --partner 1 --status late --progress 140
}

@test "a problem's life: raised, acknowledged, joint actions, resolved, reopened" {
	init_db
	run rapport issue raise --partner 1 --title "Dye lot shade variation" --severity major --responsible partner \
		--disclosure self
	[ "$output" = "2" ]
	rapport issue ack 2
	refuses 2 "issue: #2 is already acknowledged" issue ack 2
	run rapport issue action 2 --owner buyer --what "Approve a new lab dip" --due 2026-12-02
	[ "$output" = "4" ]
	rapport issue action 2 --owner partner --what "Re-dye lot 3" --due 2026-12-05
	rapport issue action-done 4
	refuses 2 "action: #4 is already done" issue action-done 4
	run rapport issues --json
	[ "$(echo "$output" | json_get '[0]["actions"]')" = "2" ]
	[ "$(echo "$output" | json_get '[0]["actions_open"]')" = "1" ]
	[ "$(echo "$output" | json_get '[0]["acknowledged"]')" = "2026-11-25T10:00:00Z" ]
	rapport issue resolve 2 --note "Re-dyed"
	refuses 2 "issue: #2 is resolved; reopen it first (rapport issue reopen 2)" issue action 2 --owner buyer --what X --due 2026-12-09
	refuses 2 "action: its issue is resolved; reopen it first" issue action-done 5
	run rapport issues --open --json
	[ "$output" = "[]" ]
	rapport issue reopen 2 --note "Lot 4 too"
	refuses 2 "issue: #2 is open, not resolved" issue reopen 2
	run rapport issues --open --json
	[ "$(echo "$output" | json_get '[0]["reopened"]')" = "1" ]
}

@test "a problem needs its disclosure and a responsible side" {
	init_db
	refuses 2 "disclosure: must be one of self|discovered" issue raise --partner 1 --title T --severity minor \
		--responsible partner --disclosure hidden
	refuses 2 "--responsible: required" issue raise --partner 1 --title T --severity minor --disclosure self
	refuses 2 "ID: no issue with id 3" issue ack 3
}
