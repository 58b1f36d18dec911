#!/usr/bin/env bats
# The database file: schema versions and refusals.

load helper

@test "a database from a newer rapport is refused and left as it was" {
	init_db
	sqlite3 "$RAPPORT_DB" "PRAGMA user_version = 99"
	before=$(dump)
	run --separate-stderr rapport partner list
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"has schema version 99, newer than this rapport knows"*"upgrade rapport"* ]]
	[ "$(dump)" = "$before" ]
}

@test "a file that is not a database is an I/O error" {
	echo "not a database" > "$RAPPORT_DB"
	run --separate-stderr rapport partner list
	[ "$status" -eq 3 ]
	[ "$(cat "$RAPPORT_DB")" = "not a database" ]
}

@test "an uninitialised database says to run init" {
	sqlite3 "$RAPPORT_DB" "PRAGMA user_version = 0"
	rapport partner list >/dev/null # applies the migrations
	refuses 2 "is not initialised (run rapport init)" partner add --name X --country CN --tz Asia/Shanghai
}
