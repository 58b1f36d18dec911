#!/usr/bin/env bats
# The database file: schema versions and refusals.

load helper

@test "a database from a newer rapport is refused by every command and left as it was" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	init_db
	known=$(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version')
	[ "$known" -ge 1 ]
	newer=$((known + 1))
	sqlite3 "$RAPPORT_DB" "PRAGMA user_version = $newer"
	before=$(dump)
	sum=$(sha256sum < "$RAPPORT_DB")
	for cmd in "partner list" "partner add --name X --country CN --tz Asia/Shanghai" \
		"contact --partner 1 --by buyer --kind call" "log --partner 1" "verify"; do
		run --separate-stderr rapport $cmd
		[ "$status" -eq 3 ] || { echo "rapport $cmd: exit $status" >&2; return 1; }
		[ "$output" = "" ]
		[ "$stderr" = "rapport: database $RAPPORT_DB has schema version $newer, newer than this rapport knows ($known): upgrade rapport" ]
	done
	run --separate-stderr rapport init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"newer than this rapport knows"* ]]
	[ "$(dump)" = "$before" ]
	[ "$(sha256sum < "$RAPPORT_DB")" = "$sum" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version')" = "$newer" ]
}

@test "a fresh database has the newest schema version this rapport knows" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	rapport init --buyer B --country GB --tz Europe/London
	v=$(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version')
	sqlite3 "$RAPPORT_DB" "PRAGMA user_version = $((v + 1))"
	run --separate-stderr rapport partner list
	[[ "$stderr" == *"has schema version $((v + 1)), newer than this rapport knows ($v)"* ]]
}

@test "a file that is not a database is an I/O error and is left as it was" {
	sqlite_only "writes a file where the SQLite database goes"
	echo "not a database" > "$RAPPORT_DB"
	run --separate-stderr rapport partner list
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"$RAPPORT_DB"* ]]
	[ "$(cat "$RAPPORT_DB")" = "not a database" ]
	run --separate-stderr rapport init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 3 ]
	[ "$(cat "$RAPPORT_DB")" = "not a database" ]
	[ ! -e "$RAPPORT_DB-wal" ]
}

@test "an uninitialised database says to run init" {
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		# an empty PostgreSQL database (it exists before rapport runs): only
		# init makes the tables
		refuses 2 "--db: no rapport database at $RAPPORT_DB (create one with: rapport init)" partner list
		refuses 2 "--db: no rapport database at $RAPPORT_DB (create one with: rapport init)" partner add --name X --country CN --tz Asia/Shanghai
	else
		: > "$RAPPORT_DB" # an empty file is an empty SQLite database
		run rapport partner list
		[ "$status" -eq 0 ]
		refuses 2 "--db: $RAPPORT_DB is not initialised (run rapport init)" partner add --name X --country CN --tz Asia/Shanghai
	fi
	run rapport init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 0 ]
}

@test "a refused command leaves no transaction behind: the next one succeeds" {
	init_db
	refuses 2 "kind: must be one of" contact --partner 1 --by buyer --kind fax
	run rapport contact --partner 1 --by buyer --kind call
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "an empty or in-memory --db is refused before anything runs" {
	for v in "--db=" "--db :memory:"; do
		run --separate-stderr rapport $v init --buyer B --country GB --tz Europe/London
		[ "$status" -eq 2 ]
		[ "$stderr" = "rapport: --db: needs the path of a database file" ]
	done
	run --separate-stderr rapport --db "" partner list
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --db: needs the path of a database file" ]
}

@test "a newer database in rollback-journal mode is not switched to WAL when refused" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	init_db
	newer=$(( $(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version') + 1 ))
	sqlite3 "$RAPPORT_DB" "PRAGMA journal_mode=DELETE; PRAGMA user_version = $newer" >/dev/null
	sum=$(sha256sum < "$RAPPORT_DB")
	run --separate-stderr rapport partner list
	[ "$status" -eq 3 ]
	[ "$(sqlite3 "$RAPPORT_DB" 'PRAGMA journal_mode')" = "delete" ]
	[ "$(sha256sum < "$RAPPORT_DB")" = "$sum" ]
}

@test "an SQLite file that rapport did not create is refused and left as it was" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	sqlite3 "$RAPPORT_DB" "CREATE TABLE photos(id); INSERT INTO photos VALUES (7)"
	sum=$(sha256sum < "$RAPPORT_DB")
	for cmd in "partner list" "init --buyer B --country GB --tz Europe/London"; do
		run --separate-stderr rapport $cmd
		[ "$status" -eq 2 ] || { echo "rapport $cmd: exit $status" >&2; return 1; }
		[ "$stderr" = "rapport: --db: $RAPPORT_DB is a SQLite database that rapport did not create" ]
	done
	[ "$(sha256sum < "$RAPPORT_DB")" = "$sum" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT group_concat(name) FROM sqlite_master')" = "photos" ]
}

@test "a directory given as the database is named as one and left empty" {
	mkdir "$BATS_TEST_TMPDIR/records"
	for cmd in "partner list" "init --buyer B --country GB --tz Europe/London"; do
		run --separate-stderr rapport --db "$BATS_TEST_TMPDIR/records" $cmd
		[ "$status" -eq 2 ] || { echo "rapport $cmd: exit $status" >&2; return 1; }
		[ "$stderr" = "rapport: --db: $BATS_TEST_TMPDIR/records is a directory, not a database file" ]
	done
	[ -z "$(ls -A "$BATS_TEST_TMPDIR/records")" ]
}
