#!/usr/bin/env bats
# t0200-migrate.bats - rapport migrate between SQLite and PostgreSQL: a
# record copied into PostgreSQL verifies there, every table holds the same
# rows, new rows take the next ids, and the copy comes back to SQLite row
# for row. Needs RAPPORT_TEST_PG (make check-pg sets it).

load helper
load ../lib/record

# A SQLite record (RAPPORT_DB becomes its file; $PG stays the PostgreSQL
# database): 12 events, a user, an API token, a checkpoint signed by both
# sides and the Merkle cache.
record() {
	export RAPPORT_DB="$BATS_TEST_TMPDIR/r.db"
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai >/dev/null
	fill_record
}

# counts DB: every table's row count, one "table n" line each
counts() {
	local t
	for t in $(sqlite3 "$RAPPORT_DB" "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"); do
		if [[ "$1" == postgresql://* ]]; then
			echo "$t $(psql "$1" -qAtc "SELECT count(*) FROM $t")"
		else
			echo "$t $(sqlite3 "$1" "SELECT count(*) FROM $t")"
		fi
	done
}

@test "a SQLite record migrates into PostgreSQL, verifies there, goes on, and comes back row for row" {
	record
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB" --to "$PG"
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "copied "*" rows: 1 relationship, 12 events, 1 checkpoint; every chain and checkpoint verified in the copy" ]]
	[ "$(counts "$PG")" = "$(counts "$RAPPORT_DB")" ]
	run rapport --db "$PG" verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 12 events; every chain is intact; 1 checkpoint and 2 signatures hold" ]
	# the same listings from both
	for what in orders commitments payments issues; do
		[ "$(rapport --db "$PG" "$what" --json)" = "$(rapport "$what" --json)" ] || { echo "$what" >&2; return 1; }
	done
	# the copy goes on: the next event and the next user get the next ids
	last=$(sqlite3 "$RAPPORT_DB" 'SELECT max(id) FROM events')
	rapport --db "$PG" contact --partner 1 --by partner --kind call >/dev/null
	[ "$(psql "$PG" -qAtc 'SELECT max(id) FROM events')" = "$((last + 1))" ]
	rapport --db "$PG" user add --org partner:1 --email chen.jing@evergreen.example --role admin >/dev/null
	[ "$(psql "$PG" -qAtc "SELECT id FROM users WHERE email = 'chen.jing@evergreen.example'")" = 2 ]
	# and back to SQLite: the same rows as PostgreSQL holds
	run --separate-stderr rapport migrate --from "$PG" --to sqlite:back.db
	[ "$status" -eq 0 ]
	[ "$(counts back.db)" = "$(counts "$PG")" ]
	[ "$(sqlite3 back.db 'SELECT id, seq, kind, hex(hash) FROM events ORDER BY id')" = \
		"$(psql "$PG" -qAtF'|' -c "SELECT id, seq, kind, upper(encode(hash, 'hex')) FROM events ORDER BY id")" ]
	run rapport --db back.db verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 13 events; every chain is intact; 1 checkpoint and 2 signatures hold" ]
	# a PostgreSQL database that holds a record is refused, unchanged
	before=$(counts "$PG")
	run --separate-stderr rapport migrate --from "sqlite:$RAPPORT_DB" --to "$PG"
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --to: $PG already holds a record: migrate copies into an empty database" ]
	[ "$(counts "$PG")" = "$before" ]
}
