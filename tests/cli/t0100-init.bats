#!/usr/bin/env bats
# rapport init: creates the database for a buyer, once.

load helper

@test "init creates the database and records the buyer" {
	run rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	[[ "$output" == *"Initialised $RAPPORT_DB for Linden & Rowe (GB, Europe/London)."* ]]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT name, country, tz FROM buyer')" = "Linden & Rowe|GB|Europe/London" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'PRAGMA journal_mode')" = "wal" ]
}

@test "init --json prints the buyer" {
	run rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_get '["buyer"]')" = "Linden & Rowe" ]
	[ "$(echo "$output" | json_get '["tz"]')" = "Europe/London" ]
}

@test "init twice is refused and keeps the first buyer" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	refuses 2 "is already initialised for Linden & Rowe" init --buyer Other --country FR --tz Europe/Paris
}

@test "init refuses a country that is not ISO 3166-1 alpha-2" {
	refuses 2 'buyer.country: "XX" is not an ISO 3166-1 alpha-2 country code' init --buyer B --country XX --tz Europe/London
	refuses 2 'buyer.country: "gb" is not' init --buyer B --country gb --tz Europe/London
	refuses 2 'buyer.country: "GBR" is not' init --buyer B --country GBR --tz Europe/London
}

@test "init refuses a zone that is not in the system zoneinfo" {
	refuses 2 'buyer.tz: "Mars/Olympus" is not a time zone' init --buyer B --country GB --tz Mars/Olympus
	refuses 2 'buyer.tz: "../etc/passwd" is not a time zone' init --buyer B --country GB --tz ../etc/passwd
}

@test "init refuses a blank name and missing options" {
	refuses 2 "buyer.name: must not be empty" init --buyer "  " --country GB --tz Europe/London
	refuses 2 "--tz: required" init --buyer B --country GB
}

@test "a database in a directory that does not exist is an I/O error" {
	run --separate-stderr rapport --db "$BATS_TEST_TMPDIR/no/such/dir/r.db" init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"cannot open database"* ]]
}

@test "a directory given as the database is an I/O error" {
	mkdir "$BATS_TEST_TMPDIR/adir"
	run --separate-stderr rapport --db "$BATS_TEST_TMPDIR/adir" init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 3 ]
	[ -d "$BATS_TEST_TMPDIR/adir" ]
}
