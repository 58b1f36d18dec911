#!/usr/bin/env bats
# rapport settings: defaults, changes as events, refusals.

load helper

@test "settings shows the defaults until something is agreed" {
	init_db
	run rapport settings --partner 1 --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_get '["cadence"]')" = "weekly:MON@09:00" ]
	[ "$(echo "$output" | json_get '["gap_ideal"]')" = "7" ]
	[ "$(echo "$output" | json_get '["gap_max"]')" = "14" ]
	[ "$(echo "$output" | json_get '["ack_sla"]')" = "48" ]
	[ "$(echo "$output" | json_get '["freeze_days"]')" = "14" ]
	[ "$(echo "$output" | json_get '["payment_terms"]')" = "30" ]
	[ "$(echo "$output" | json_get '["deposit_pct"]')" = "30" ]
}

@test "a change is a ledger event and only changes what it names" {
	init_db
	run rapport settings --partner 1 --cadence weekly:MON,THU@15:30 --gap-max 10 --freeze-days 0
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	run rapport settings --partner 1 --json
	[ "$(echo "$output" | json_get '["cadence"]')" = "weekly:MON,THU@15:30" ]
	[ "$(echo "$output" | json_get '["gap_max"]')" = "10" ]
	[ "$(echo "$output" | json_get '["freeze_days"]')" = "0" ]
	[ "$(echo "$output" | json_get '["gap_ideal"]')" = "7" ]
	run rapport log --partner 1
	[[ "${lines[2]}" == *"settings: cadence weekly:MON,THU@15:30, at most 10 d, freeze 0 d" ]]
	run rapport settings --partner 1
	[[ "$output" == *"updates due      weekly:MON,THU@15:30 (Asia/Shanghai time)"* ]]
}

@test "settings refuses what cannot be agreed" {
	init_db
	refuses 2 "cadence: not a cadence" settings --partner 1 --cadence "every monday"
	refuses 2 "gap_ideal: 20 days is longer than gap_max (14 days)" settings --partner 1 --gap-ideal 20
	refuses 2 "gap_max: must be an integer from 1 to 730" settings --partner 1 --gap-max 0
	refuses 2 '--gap-max: not a whole number: "ten"' settings --partner 1 --gap-max ten
	refuses 2 "deposit_pct: must be an integer from 0 to 100" settings --partner 1 --deposit-pct 120
	refuses 2 "--partner: no partner with id 4" settings --partner 4 --gap-max 9
}
