#!/usr/bin/env bats
# rapport migrate: a whole database copied into an empty one and verified
# there before it is kept; the source only read. These run SQLite to
# SQLite; make check-pg runs the same copy into PostgreSQL.

load helper
load ../lib/record

# A record with something in most kinds of table: 12 events (the opening,
# a contact, an order with its six milestones and two payments, a problem),
# their projections, a user and an API token, both keys' public halves, a
# checkpoint signed by both sides and the Merkle cache.
record() {
	sqlite_only "copies SQLite files and reads them with sqlite3 (tests/pg/t0200-migrate.bats copies into PostgreSQL)"
	init_db
	fill_record
}

# data DB: every table's rows, in a stable order, without the schema.
data() {
	local t
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		echo "== $t"
		sqlite3 "$1" "SELECT * FROM $t ORDER BY 1, 2"
	done
}

@test "a database copies into an empty one row for row, and the copy verifies" {
	record
	before=$(dump)
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB" --to sqlite:copy.db
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	rows=$(sqlite3 "$RAPPORT_DB" "SELECT name FROM sqlite_master WHERE type = 'table'" |
		while read -r t; do sqlite3 "$RAPPORT_DB" "SELECT count(*) FROM $t"; done | python3 -c "import sys; print(sum(int(l) for l in sys.stdin))")
	[ "${lines[0]}" = "copied $rows rows: 1 relationship, 12 events, 1 checkpoint; every chain and checkpoint verified in the copy" ]
	[ "$(data copy.db)" = "$(data "$RAPPORT_DB")" ]
	[ "$(sqlite3 copy.db 'PRAGMA user_version')" = "$(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version')" ]
	# the source was only read
	[ "$(dump)" = "$before" ]
	run rapport --db copy.db verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 12 events; every chain is intact; 1 checkpoint and 2 signatures hold" ]
	# the copy goes on where the source stopped: the next event gets the next id
	RAPPORT_DB=copy.db rapport contact --partner 1 --by partner --kind call >/dev/null
	[ "$(sqlite3 copy.db 'SELECT max(id) FROM events')" = "$(($(sqlite3 "$RAPPORT_DB" 'SELECT max(id) FROM events') + 1))" ]
	rapport migrate --from "sqlite:$RAPPORT_DB" --to sqlite:copy2.db --json |
		json_is '[v["relationships"], v["events"], v["checkpoints"], v["rows"] == '"$rows"']' '[1, 12, 1, true]'
}

@test "every table of the schema is copied" {
	record
	rapport migrate --from "sqlite:$RAPPORT_DB" --to sqlite:copy.db >/dev/null
	# a table migrate did not know of would be empty in the copy
	for t in $(sqlite3 "$RAPPORT_DB" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		[ "$(sqlite3 copy.db "SELECT count(*) FROM $t")" = "$(sqlite3 "$RAPPORT_DB" "SELECT count(*) FROM $t")" ] ||
			{ echo "$t" >&2; return 1; }
	done
	# and the record above reaches most of them
	[ "$(sqlite3 copy.db "SELECT count(*) FROM events")" -gt 10 ]
	[ "$(sqlite3 copy.db "SELECT count(*) FROM checkpoint_signatures")" = 2 ]
	[ "$(sqlite3 copy.db "SELECT count(*) FROM api_tokens")" = 1 ]
}

@test "a destination that holds a record, or a bad name, is refused with exit 2 and nothing written" {
	record
	rapport migrate --from "sqlite:$RAPPORT_DB" --to sqlite:copy.db >/dev/null
	before=$(data copy.db)
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB" --to sqlite:copy.db
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --to: sqlite:copy.db already holds a record: migrate copies into an empty database" ]
	[ "$(data copy.db)" = "$before" ]
	run --separate-stderr rapport migrate --from "$RAPPORT_DB" --to sqlite:other.db
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --from: sqlite:PATH or postgresql://...: \"$RAPPORT_DB\"" ]
	run --separate-stderr rapport migrate --from sqlite:nowhere.db --to sqlite:other.db
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --from: no database at nowhere.db (create one with: rapport init)" ]
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB" --to "sqlite:$RAPPORT_DB"
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --to: the same database as --from" ]
	no_database other.db
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB"
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--to"* ]]
}

@test "a source altered behind rapport's back is not copied: exit 1, and no destination is left" {
	record
	sqlite3 "$RAPPORT_DB" "DROP TRIGGER events_append_only_update;
		UPDATE events SET body = replace(body, 'video', 'call') WHERE rel = 1 AND seq = 2"
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB" --to sqlite:copy.db
	[ "$status" -eq 1 ]
	[ "$stderr" = "rapport: the copy does not verify: relationship 1, event 2: event 2 does not match its hash (altered); nothing was copied" ]
	no_database copy.db
}
