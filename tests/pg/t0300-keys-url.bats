#!/usr/bin/env bats
# t0300-keys-url.bats - what a PostgreSQL URL changes on the command line:
# private keys have no default directory (the default is beside a database
# file; a URL has none), so a command that needs one without --keys or
# RAPPORT_KEYS refuses with exit 2 and writes nothing; and a URL's
# password never shows in what rapport prints or logs. Needs
# RAPPORT_TEST_PG (make check-pg sets it).

load helper

q() {
	psql "$RAPPORT_DB" -qAtc "$1"
}

KEYS_MSG="--keys: required with a PostgreSQL database (or set RAPPORT_KEYS)"

# refused COMMAND...: exit 2 naming --keys and RAPPORT_KEYS, and the
# database's rows as they were.
refused() {
	local before after
	before=$(pg_dump --data-only --inserts "$RAPPORT_DB" | grep '^INSERT')
	run --separate-stderr rapport "$@"
	after=$(pg_dump --data-only --inserts "$RAPPORT_DB" | grep '^INSERT')
	[ "$status" -eq 2 ] || { echo "exit $status; stderr: $stderr" >&2; return 1; }
	[[ "$stderr" == *"$KEYS_MSG"* ]] || { echo "stderr: $stderr" >&2; return 1; }
	[ "$before" = "$after" ] || { echo "the database changed" >&2; return 1; }
}

@test "without --keys or RAPPORT_KEYS, init on a URL refuses and leaves the database empty" {
	unset RAPPORT_KEYS
	run --separate-stderr rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: $KEYS_MSG: the private keys are files, and a URL has no directory beside it to keep them in" ]
	[ "$(q "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ]
	[ ! -e "$RAPPORT_DB.keys" ]
	# no directory named after the URL either
	[ ! -e postgresql: ]
	# the demo too, before it builds anything
	run --separate-stderr rapport demo --today 2026-11-25
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"$KEYS_MSG"* ]]
	[ "$(q "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")" = 0 ]
}

@test "every command that writes a private key or signs with one refuses without a keys directory" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai >/dev/null
	rapport contact --partner 1 --by buyer --kind call >/dev/null
	keys=$RAPPORT_KEYS
	unset RAPPORT_KEYS
	refused partner add --name "Porto Malhas" --country PT --tz Europe/Lisbon
	refused checkpoint --partner 1
	# --keys, or RAPPORT_KEYS, is all it takes
	run rapport checkpoint --partner 1 --keys "$keys"
	[ "$status" -eq 0 ]
	RAPPORT_KEYS=$keys run rapport partner add --name "Porto Malhas" --country PT --tz Europe/Lisbon
	[ "$status" -eq 0 ]
	[ -f "$keys/partner-$output.key" ] # (a PostgreSQL sequence does not give back the id the refusal took)
	# what needs no key works without one
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "a URL's password is never printed: messages, output and the server's log show ***" {
	local with_pw="${RAPPORT_DB/:\/\/rapport@/://rapport:s3cret@}"
	[ "$with_pw" != "$RAPPORT_DB" ]
	local shown="${RAPPORT_DB/:\/\/rapport@/://rapport:***@}"
	# trust authentication ignores the password: the commands succeed
	run --separate-stderr rapport --db "$with_pw" init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Initialised $shown for B (GB, Europe/London)." ]
	run --separate-stderr rapport --db "$with_pw" --json init --buyer B --country GB --tz Europe/London
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: --db: $shown is already initialised for B" ]
	# a database that is not there: the server's answer, the URL without the password
	run --separate-stderr rapport --db "${with_pw%/*}/no_such_db?password=s3cret" partner list
	[ "$status" -eq 3 ]
	[[ "$stderr" == *"${shown%/*}/no_such_db?password=***"* ]]
	[[ "$stderr" != *s3cret* ]]
	# the server logs where its database is
	"$RAPPORT" --db "$with_pw" serve --listen 127.0.0.1:0 2>serve.log 3>&- &
	local pid=$! i
	for i in $(seq 100); do grep -q 'listening on' serve.log && break; sleep 0.1; done
	kill "$pid"
	wait "$pid"
	grep -qF "database $shown" serve.log
	run ! grep -q s3cret serve.log
}
