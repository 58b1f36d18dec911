#!/usr/bin/env bats
# rapport partner add / list.

load helper

ZEROS=0000000000000000000000000000000000000000000000000000000000000000

@test "partner add prints the new ids in order, as text and JSON" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	run --separate-stderr rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan
	[ "$status" -eq 0 ]
	[ "$output" = "1" ]
	[ "$stderr" = "" ]
	run --separate-stderr rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '{"id": 2}'
	[ "$(db_query 'SELECT id, CAST(uid IS NOT NULL AS INTEGER), head_seq FROM relationships ORDER BY id')" = $'1|1|1\n2|1|1' ]
}

@test "the first event of a partner's chain names both sides" {
	init_db
	run rapport log --partner 1 --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v[0]["body"]' '{"name": "Dongguan Evergreen Knitwear", "country": "CN",
		"tz": "Asia/Shanghai", "city": "Dongguan",
		"buyer": {"name": "Linden & Rowe", "country": "GB", "tz": "Europe/London"}}'
	echo "$output" | json_is 'v[0]["kind"]' '"relationship.open"'
	echo "$output" | json_is 'v[0]["seq"]' '1'
	echo "$output" | json_is 'v[0]["at"]' '"2026-11-25T10:00:00Z"'
	echo "$output" | json_is 'v[0]["prev_hash"]' "\"$ZEROS\""
	echo "$output" | json_is 'len(v)' '1'
}

@test "partner list shows every partner as an aligned table" {
	init_db
	rapport partner add --name "东莞长青针织" --country CN --tz Asia/Shanghai
	run --separate-stderr rapport partner list
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 3 ]
	# NAME is as wide as "Dongguan Evergreen Knitwear" (27 columns); each
	# Chinese character takes two columns; two spaces between columns
	[ "${lines[0]}" = "ID  NAME                         COUNTRY  CITY      TIME ZONE      SINCE       LAST CONTACT" ]
	[ "${lines[1]}" = "1   Dongguan Evergreen Knitwear  CN       Dongguan  Asia/Shanghai  2026-11-25  never" ]
	[ "${lines[2]}" = "2   东莞长青针织                 CN       -         Asia/Shanghai  2026-11-25  never" ]
}

@test "partner list --json gives every field, null for no city and no contact" {
	init_db
	rapport partner add --name "东莞长青针织" --country CN --tz Asia/Shanghai --at 2026-11-20
	run --separate-stderr rapport partner list --json
	[ "$status" -eq 0 ]
	# --at without an offset is the buyer's local midnight: London is on
	# GMT in November, so 00:00Z
	echo "$output" | json_is 'v' '[
		{"id": 1, "name": "Dongguan Evergreen Knitwear", "country": "CN", "city": "Dongguan",
		 "tz": "Asia/Shanghai", "since": "2026-11-25T10:00:00Z", "last_contact": null},
		{"id": 2, "name": "东莞长青针织", "country": "CN", "city": null,
		 "tz": "Asia/Shanghai", "since": "2026-11-20T00:00:00Z", "last_contact": null}]'
}

@test "last contact is the latest time a contact happened, not the latest recorded" {
	init_db
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00Z
	rapport contact --partner 1 --by partner --kind email --at 2026-11-18T09:00Z
	run rapport partner list --json
	echo "$output" | json_is 'v[0]["last_contact"]' '"2026-11-20T09:00:00Z"'
	run rapport partner list
	[ "${lines[1]}" = "1   Dongguan Evergreen Knitwear  CN       Dongguan  Asia/Shanghai  2026-11-25  2026-11-20" ]
}

@test "partner list without partners says how to add one" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	run rapport partner list
	[ "$status" -eq 0 ]
	[ "$output" = "No partners yet. Add one with: rapport partner add --name NAME --country CC --tz ZONE" ]
	run rapport partner list --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '[]'
}

@test "Chinese names round-trip through partner list and log" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	rapport partner add --name "东莞长青针织" --country CN --tz Asia/Shanghai --city "东莞"
	rapport contact --partner 1 --by partner --kind message --at 2026-11-20T09:00+08:00 --note "样衣已寄出"
	run rapport partner list --json
	echo "$output" | json_is 'v[0]["name"]' '"东莞长青针织"'
	echo "$output" | json_is 'v[0]["city"]' '"东莞"'
	run rapport log --partner 1 --json
	echo "$output" | json_is 'v[0]["body"]["name"]' '"东莞长青针织"'
	echo "$output" | json_is 'v[1]["body"]["note"]' '"样衣已寄出"'
	[ "$(db_query 'SELECT name, city FROM partners')" = "东莞长青针织|东莞" ]
	run rapport log --partner 1
	[[ "${lines[1]}" == *"relationship opened: Linden & Rowe and 东莞长青针织 (CN, Asia/Shanghai)" ]]
	[[ "${lines[2]}" == *"message by partner: 样衣已寄出" ]]
}

@test "partner add refuses a bad country or zone and writes nothing" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	refuses 2 'country: "XX" is not an ISO 3166-1 alpha-2 country code' partner add --name X --country XX --tz Asia/Shanghai
	refuses 2 'country: "cn" is not an ISO 3166-1 alpha-2 country code' partner add --name X --country cn --tz Asia/Shanghai
	refuses 2 'country: "CHN" is not an ISO 3166-1 alpha-2 country code' partner add --name X --country CHN --tz Asia/Shanghai
	refuses 2 'tz: "Mars/Olympus" is not a time zone' partner add --name X --country CN --tz Mars/Olympus
	refuses 2 'tz: "../etc/passwd" is not a time zone' partner add --name X --country CN --tz ../etc/passwd
	refuses 2 'tz: "Asia/Dongguan" is not a time zone' partner add --name X --country CN --tz Asia/Dongguan
	[ "$(db_query 'SELECT count(*) FROM relationships')" = "0" ]
}

@test "partner add refuses bad names and options and writes nothing" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	refuses 2 "name: must not be empty" partner add --name "" --country CN --tz Asia/Shanghai
	refuses 2 "name: must not be empty" partner add --name "   " --country CN --tz Asia/Shanghai
	refuses 2 "name: a tab at byte 1 (this field takes none)" partner add --name $'A\tB' --country CN --tz Asia/Shanghai
	refuses 2 "name: longer than 200 bytes" partner add --name "$(printf 'x%.0s' {1..201})" --country CN --tz Asia/Shanghai
	refuses 2 "city: must not be empty" partner add --name X --country CN --tz Asia/Shanghai --city ""
	refuses 2 "--name: required" partner add --country CN --tz Asia/Shanghai
	refuses 2 "--country: required" partner add --name X --tz Asia/Shanghai
	refuses 2 "--tz: required" partner add --name X --country CN
	refuses 2 "--name: given twice" partner add --name X --name Y --country CN --tz Asia/Shanghai
	refuses 2 "partner add: unknown option --colour" partner add --name X --country CN --tz Asia/Shanghai --colour red
	refuses 2 "at: in the future" partner add --name X --country CN --tz Asia/Shanghai --at 2026-11-26
	refuses 2 '--at: no such date: "2026-02-30"' partner add --name X --country CN --tz Asia/Shanghai --at 2026-02-30
	[ "$(db_query 'SELECT count(*) FROM relationships')" = "0" ]
}

@test "a name of exactly 200 bytes is accepted" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	name=$(printf 'x%.0s' {1..200})
	run rapport partner add --name "$name" --country CN --tz Asia/Shanghai
	[ "$status" -eq 0 ]
	[ "$(db_query 'SELECT length(name) FROM partners')" = "200" ]
}

@test "commands on a database that does not exist say how to create one and create nothing" {
	sqlite_only "checks that no SQLite file was made"
	refuses 2 "--db: no database at $RAPPORT_DB (create one with: rapport init)" partner list
	refuses 2 "--db: no database at $RAPPORT_DB (create one with: rapport init)" partner add --name X --country CN --tz Asia/Shanghai
	refuses 2 "--db: no database at $RAPPORT_DB (create one with: rapport init)" contact --partner 1 --by buyer --kind call
	refuses 2 "--db: no database at $RAPPORT_DB (create one with: rapport init)" log --partner 1
	refuses 2 "--db: no database at $RAPPORT_DB (create one with: rapport init)" verify
	no_database
}

@test "global options work before and after the command, and from the environment" {
	sqlite_only "makes a second database as a SQLite file beside the first"
	init_db
	other="$BATS_TEST_TMPDIR/other.db"
	rapport --db "$other" init --buyer B --country FR --tz Europe/Paris
	rapport partner add --db="$other" --name "Porto Malhas" --country PT --tz Europe/Lisbon
	run rapport --db "$other" partner list --json
	echo "$output" | json_is '[p["name"] for p in v]' '["Porto Malhas"]'
	run rapport partner list --db "$other" --json
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Porto Malhas" ]
	run rapport --json --db="$other" partner list
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Porto Malhas" ]
	# without --db, $RAPPORT_DB
	run rapport partner list --json
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Dongguan Evergreen Knitwear" ]
	RAPPORT_DB="$other" run rapport partner list
	[ "${lines[1]}" = "1   Porto Malhas  PT       -     Europe/Lisbon  2026-11-25  never" ]
	# --db wins over $RAPPORT_DB
	RAPPORT_DB="$other" run rapport partner list --db "$RAPPORT_DB" --json
	[ "$(echo "$output" | json_get '[0]["name"]')" = "Dongguan Evergreen Knitwear" ]
}

@test "without --db or RAPPORT_DB the database is ./rapport.db" {
	unset RAPPORT_DB
	run rapport init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Initialised rapport.db for B (GB, Europe/London)." ]
	[ -f "$BATS_TEST_TMPDIR/rapport.db" ]
}
