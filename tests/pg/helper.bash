# helper.bash - shared set-up for the PostgreSQL-only tests: a fresh
# database on the server RAPPORT_TEST_PG names (make check-pg starts one),
# as $PG, dropped after the test; a pinned clock and author. Without
# RAPPORT_TEST_PG every test skips. Loaded by every tests/pg/*.bats.

bats_require_minimum_version 1.5.0

RAPPORT=${RAPPORT:-$BATS_TEST_DIRNAME/../../build/asan/rapport}

setup() {
	[ -n "${RAPPORT_TEST_PG:-}" ] || skip "PostgreSQL only: set RAPPORT_TEST_PG (make check-pg)"
	local name="rapport_bats_$$_${BATS_TEST_NUMBER}"
	psql "$RAPPORT_TEST_PG" -qAtc "CREATE DATABASE $name TEMPLATE template0" >/dev/null
	export PG="${RAPPORT_TEST_PG%/*}/$name" DB_NAME=$name
	export RAPPORT_DB="$PG" RAPPORT_KEYS="$BATS_TEST_TMPDIR/keys"
	export RAPPORT_AUTHOR="Maya Okafor" RAPPORT_NOW="2026-11-25T10:00:00Z"
	cd "$BATS_TEST_TMPDIR" || return 1
}

teardown() {
	[ -n "${DB_NAME:-}" ] && psql "$RAPPORT_TEST_PG" -qAtc "DROP DATABASE IF EXISTS $DB_NAME WITH (FORCE)" >/dev/null
	return 0
}

rapport() {
	"$RAPPORT" "$@"
}
