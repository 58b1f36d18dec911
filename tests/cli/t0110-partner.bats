#!/usr/bin/env bats
# rapport partner add / list.

load helper

@test "partner add prints the new ids in order" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	run rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan
	[ "$status" -eq 0 ]
	[ "$output" = "1" ]
	run rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_get '["id"]')" = "2" ]
}

@test "the first event of a partner's chain names both sides" {
	init_db
	run rapport log --partner 1 --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_get '[0]["kind"]')" = "relationship.open" ]
	[ "$(echo "$output" | json_get '[0]["body"]["buyer"]["name"]')" = "Linden & Rowe" ]
	[ "$(echo "$output" | json_get '[0]["body"]["city"]')" = "Dongguan" ]
	[ "$(echo "$output" | json_get '[0]["prev_hash"]')" = "0000000000000000000000000000000000000000000000000000000000000000" ]
}

@test "partner list shows every partner, as text and JSON" {
	init_db
	rapport partner add --name "东莞长青针织" --country CN --tz Asia/Shanghai
	run rapport partner list
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "ID"*"NAME"*"COUNTRY"*"CITY"*"TIME ZONE"*"SINCE"*"LAST CONTACT" ]]
	[[ "${lines[1]}" == "1   Dongguan Evergreen Knitwear  CN       Dongguan  Asia/Shanghai  2026-11-25  never" ]]
	[[ "${lines[2]}" == "2   东莞长青针织"*"CN"*"-"*"never" ]]
	run rapport partner list --json
	[ "$(echo "$output" | json_get '[1]["name"]')" = "东莞长青针织" ]
	[ "$(echo "$output" | json_get '[1]["city"]')" = "null" ]
	[ "$(echo "$output" | json_get '[0]["last_contact"]')" = "null" ]
	[ "$(echo "$output" | json_get '[0]["since"]')" = "2026-11-25T10:00:00Z" ]
}

@test "partner add refuses bad input and writes nothing" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	refuses 2 'country: "cn" is not an ISO 3166-1' partner add --name X --country cn --tz Asia/Shanghai
	refuses 2 'tz: "Asia/Dongguan" is not a time zone' partner add --name X --country CN --tz Asia/Dongguan
	refuses 2 "--name: required" partner add --country CN --tz Asia/Shanghai
	refuses 2 "--name: given twice" partner add --name X --name Y --country CN --tz Asia/Shanghai
	refuses 2 "partner add: unknown option --colour" partner add --name X --country CN --tz Asia/Shanghai --colour red
	refuses 2 "name: control character at byte 1" partner add --name $'A\tB' --country CN --tz Asia/Shanghai
}

@test "commands on a database that does not exist say how to create one" {
	refuses 2 "no database at $RAPPORT_DB (create one with: rapport init)" partner list
	[ ! -e "$RAPPORT_DB" ]
}

@test "global options work before and after the command, and from the environment" {
	init_db
	other="$BATS_TEST_TMPDIR/other.db"
	rapport --db "$other" init --buyer B --country FR --tz Europe/Paris
	rapport partner add --db="$other" --name "Porto Malhas" --country PT --tz Europe/Lisbon
	run rapport --db "$other" partner list --json
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Porto Malhas" ]
	run rapport partner list --json
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Dongguan Evergreen Knitwear" ]
	RAPPORT_DB="$other" run rapport partner list
	[[ "$output" == *"Porto Malhas"* ]]
}
