# helper.bash - shared set-up for the CLI tests: a fresh directory and
# database per test, a pinned clock and author, a check that a refused
# command names what was wrong and leaves the database exactly as it was,
# and JSON assertions. Loaded by every tests/cli/*.bats.

bats_require_minimum_version 1.5.0

# With RAPPORT_TEST_PG, a database of each test's own on that server
# (pg_fresh_db, pg_drop_db, sqlite_only, prepared_db)
source "$BATS_TEST_DIRNAME/../lib/pg.bash"

RAPPORT=${RAPPORT:-$BATS_TEST_DIRNAME/../../build/asan/rapport}

setup() {
	export RAPPORT_DB="$BATS_TEST_TMPDIR/r.db"
	export RAPPORT_AUTHOR="Maya Okafor"
	export RAPPORT_NOW="2026-11-25T10:00:00Z"
	unset TZ
	cd "$BATS_TEST_TMPDIR" || return 1
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then pg_fresh_db || return 1; fi
}

teardown() {
	pg_drop_db
}

rapport() {
	"$RAPPORT" "$@"
}

# A buyer and one partner (id 1).
init_db() {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan >/dev/null
}

# Every table's rows and the header fields .dump leaves out (the schema
# version and the journal mode), for "nothing was written" checks.
dump() {
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		pg_dump --data-only --inserts "$RAPPORT_DB" | grep -v '^--\|^SET \|^SELECT pg_catalog\|^\\restrict\|^\\unrestrict'
	elif [ -e "$RAPPORT_DB" ]; then
		sqlite3 "$RAPPORT_DB" .dump 'PRAGMA user_version' 'PRAGMA journal_mode'
	else
		echo "(no database)"
	fi
}

# no_database [PATH]: neither the database (default $RAPPORT_DB) nor its
# -wal, -shm or -journal file exists.
no_database() {
	local db=${1:-$RAPPORT_DB} s
	for s in "" -wal -shm -journal; do
		if [ -e "$db$s" ]; then
			echo "$db$s exists" >&2
			return 1
		fi
	done
}

# The SQLite file's bytes (none on PostgreSQL, or before there is a file).
file_sum() {
	if [ -z "${RAPPORT_TEST_PG:-}" ] && [ -e "$RAPPORT_DB" ]; then
		sha256sum "$RAPPORT_DB" | cut -d' ' -f1
	fi
}

# refuses STATUS MESSAGE COMMAND...: the command exits with STATUS, its
# stderr contains MESSAGE, and the database is unchanged: its rows and, on
# SQLite, the file byte for byte.
refuses() {
	local want_status=$1 want_msg=$2
	shift 2
	local before after sum_before sum_after
	before=$(dump)
	sum_before=$(file_sum)
	run --separate-stderr rapport "$@"
	sum_after=$(file_sum)
	after=$(dump)
	if [ "$status" -ne "$want_status" ]; then
		echo "exit $status, wanted $want_status; stderr: $stderr" >&2
		return 1
	fi
	if [[ "$stderr" != *"$want_msg"* ]]; then
		echo "stderr \"$stderr\" does not contain \"$want_msg\"" >&2
		return 1
	fi
	if [ "$before" != "$after" ]; then
		echo "the database changed" >&2
		return 1
	fi
	if [ "$sum_before" != "$sum_after" ]; then
		echo "the database file changed" >&2
		return 1
	fi
}

# The JSON value at a Python expression over the parsed stdin, e.g.
# json_get '[0]["seq"]'.
json_get() {
	python3 -c "import json,sys; v=json.load(sys.stdin)$1; print(json.dumps(v) if isinstance(v,(dict,list,bool)) or v is None else v)"
}

# json_is EXPR WANT: the Python expression EXPR over v, the JSON read from
# stdin, equals the JSON text WANT, compared as values (key order and
# spacing do not matter). E.g. json_is 'v[0]["seq"]' '1', json_is 'len(v)' '3'.
# Prints both on failure.
json_is() {
	python3 -c '
import json, sys
v = json.load(sys.stdin)
got = json.loads(json.dumps(eval(sys.argv[1])))  # tuples read as lists
want = json.loads(sys.argv[2])
if got != want:
    print("%s: got  %s" % (sys.argv[1], json.dumps(got, ensure_ascii=False, sort_keys=True)), file=sys.stderr)
    print("%s: want %s" % (sys.argv[1], json.dumps(want, ensure_ascii=False, sort_keys=True)), file=sys.stderr)
    sys.exit(1)
' "$1" "$2"
}
