# helper.bash - shared set-up for the CLI tests: a fresh database per test,
# a pinned clock and author, and a check that a refused command names what
# was wrong and leaves the database exactly as it was.

bats_require_minimum_version 1.5.0

RAPPORT=${RAPPORT:-$BATS_TEST_DIRNAME/../../build/asan/rapport}

setup() {
	export RAPPORT_DB="$BATS_TEST_TMPDIR/r.db"
	export RAPPORT_AUTHOR="Maya Okafor"
	export RAPPORT_NOW="2026-11-25T10:00:00Z"
	unset TZ
	cd "$BATS_TEST_TMPDIR" || return 1
}

rapport() {
	"$RAPPORT" "$@"
}

# A buyer and one partner (id 1).
init_db() {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan >/dev/null
}

# Every table's rows, for "nothing was written" checks.
dump() {
	if [ -e "$RAPPORT_DB" ]; then
		sqlite3 "$RAPPORT_DB" .dump
	else
		echo "(no database)"
	fi
}

# refuses STATUS MESSAGE COMMAND...: the command exits with STATUS, its
# stderr contains MESSAGE, and the database is unchanged.
refuses() {
	local want_status=$1 want_msg=$2
	shift 2
	local before after
	before=$(dump)
	run --separate-stderr rapport "$@"
	after=$(dump)
	if [ "$status" -ne "$want_status" ]; then
		echo "exit $status, wanted $want_status; stderr: $stderr" >&3
		return 1
	fi
	if [[ "$stderr" != *"$want_msg"* ]]; then
		echo "stderr \"$stderr\" does not contain \"$want_msg\"" >&3
		return 1
	fi
	if [ "$before" != "$after" ]; then
		echo "the database changed" >&3
		return 1
	fi
}

# The JSON value at a Python expression over the parsed stdin, e.g.
# json_get '[0]["seq"]'.
json_get() {
	python3 -c "import json,sys; v=json.load(sys.stdin)$1; print(json.dumps(v) if isinstance(v,(dict,list,bool)) or v is None else v)"
}
