#!/usr/bin/env bats
# rapport init: creates the database for a buyer, once.

load helper

@test "init creates the database and records the buyer" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	[ ! -e "$RAPPORT_DB" ]
	run --separate-stderr rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	[ "${lines[0]}" = "Initialised $RAPPORT_DB for Linden & Rowe (GB, Europe/London)." ]
	[ -f "$RAPPORT_DB" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT id, name, country, tz, created FROM buyer')" = "1|Linden & Rowe|GB|Europe/London|1795600800" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'PRAGMA journal_mode')" = "wal" ]
	# no partner and no event yet
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT (SELECT count(*) FROM partners) + (SELECT count(*) FROM events)')" = "0" ]
}

@test "init --json prints the database and the buyer" {
	run --separate-stderr rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '{"db": "'"$RAPPORT_DB"'", "buyer": "Linden & Rowe", "country": "GB", "tz": "Europe/London"}'
}

@test "init writes where --db says, before or after the command" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	run rapport --db "$BATS_TEST_TMPDIR/a.db" init --buyer A --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	run rapport init --buyer B --country FR --tz Europe/Paris --db="$BATS_TEST_TMPDIR/b.db"
	[ "$status" -eq 0 ]
	[ "$(sqlite3 "$BATS_TEST_TMPDIR/a.db" 'SELECT name FROM buyer')" = "A" ]
	[ "$(sqlite3 "$BATS_TEST_TMPDIR/b.db" 'SELECT name FROM buyer')" = "B" ]
	[ ! -e "$RAPPORT_DB" ]
}

@test "a buyer's name in Chinese is stored as given" {
	run rapport init --buyer "长青服饰" --country CN --tz Asia/Shanghai
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Initialised $RAPPORT_DB for 长青服饰 (CN, Asia/Shanghai)." ]
	[ "$(db_query 'SELECT name FROM buyer')" = "长青服饰" ]
}

@test "init twice is refused and keeps the first buyer" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	refuses 2 "--db: $RAPPORT_DB is already initialised for Linden & Rowe" init --buyer Other --country FR --tz Europe/Paris
	refuses 2 "is already initialised for Linden & Rowe" init --buyer "Linden & Rowe" --country GB --tz Europe/London
	[ "$(db_query 'SELECT name, country, tz FROM buyer')" = "Linden & Rowe|GB|Europe/London" ]
}

@test "init refuses a country that is not ISO 3166-1 alpha-2 and creates no file" {
	sqlite_only "checks that no SQLite file was made"
	refuses 2 'buyer.country: "XX" is not an ISO 3166-1 alpha-2 country code' init --buyer B --country XX --tz Europe/London
	refuses 2 'buyer.country: "gb" is not an ISO 3166-1 alpha-2 country code' init --buyer B --country gb --tz Europe/London
	refuses 2 'buyer.country: "GBR" is not an ISO 3166-1 alpha-2 country code' init --buyer B --country GBR --tz Europe/London
	refuses 2 'buyer.country: "" is not an ISO 3166-1 alpha-2 country code' init --buyer B --country "" --tz Europe/London
	no_database
}

@test "init refuses a zone that is not in the system zoneinfo" {
	refuses 2 'buyer.tz: "Mars/Olympus" is not a time zone' init --buyer B --country GB --tz Mars/Olympus
	refuses 2 'buyer.tz: "../etc/passwd" is not a time zone' init --buyer B --country GB --tz ../etc/passwd
	refuses 2 'buyer.tz: "/etc/passwd" is not a time zone' init --buyer B --country GB --tz /etc/passwd
	refuses 2 'buyer.tz: "Europe" is not a time zone' init --buyer B --country GB --tz Europe
	refuses 2 'buyer.tz: "europe/london" is not a time zone' init --buyer B --country GB --tz europe/london
	[ ! -e "$RAPPORT_DB" ]
}

@test "init refuses an empty or blank name" {
	refuses 2 "buyer.name: must not be empty" init --buyer "" --country GB --tz Europe/London
	refuses 2 "buyer.name: must not be empty" init --buyer "  " --country GB --tz Europe/London
	refuses 2 "buyer.name: a line break at byte 6 (this field takes one line)" init --buyer $'Linden\nRowe' --country GB --tz Europe/London
	[ ! -e "$RAPPORT_DB" ]
}

@test "init refuses missing, repeated and unknown options" {
	refuses 2 "--buyer: required (see rapport init --help)" init --country GB --tz Europe/London
	refuses 2 "--country: required (see rapport init --help)" init --buyer B --tz Europe/London
	refuses 2 "--tz: required (see rapport init --help)" init --buyer B --country GB
	refuses 2 "--buyer: given twice" init --buyer B --buyer C --country GB --tz Europe/London
	refuses 2 "init: unknown option --city (see rapport init --help)" init --buyer B --country GB --tz Europe/London --city London
	refuses 2 "--tz: needs a value (ZONE)" init --buyer B --country GB --tz
	refuses 2 'init: unexpected argument "now"' init now --buyer B --country GB --tz Europe/London
	[ ! -e "$RAPPORT_DB" ]
}

@test "a database in a directory that does not exist is an I/O error" {
	run --separate-stderr rapport --db "$BATS_TEST_TMPDIR/no/such/dir/r.db" init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 3 ]
	[ "$output" = "" ]
	[[ "$stderr" == *"cannot open database $BATS_TEST_TMPDIR/no/such/dir/r.db"* ]]
	[ ! -e "$BATS_TEST_TMPDIR/no" ]
}

@test "a directory given as the database is bad input, named as a directory, and stays empty" {
	mkdir "$BATS_TEST_TMPDIR/adir"
	run --separate-stderr rapport --db "$BATS_TEST_TMPDIR/adir" init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --db: $BATS_TEST_TMPDIR/adir is a directory, not a database file" ]
	[ -d "$BATS_TEST_TMPDIR/adir" ]
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/adir")" ]
	[ ! -e "$BATS_TEST_TMPDIR/adir-wal" ]
	[ ! -e "$BATS_TEST_TMPDIR/adir-journal" ]
}
