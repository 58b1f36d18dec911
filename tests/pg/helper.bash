# helper.bash - shared set-up for the PostgreSQL-only tests: a fresh
# database on the server RAPPORT_TEST_PG names (make check-pg starts one),
# as $PG, dropped after the test; a pinned clock and author. Without
# RAPPORT_TEST_PG every test skips. Loaded by every tests/pg/*.bats.

bats_require_minimum_version 1.5.0

source "$BATS_TEST_DIRNAME/../lib/pg.bash"

RAPPORT=${RAPPORT:-$BATS_TEST_DIRNAME/../../build/asan/rapport}

setup() {
	[ -n "${RAPPORT_TEST_PG:-}" ] || skip "PostgreSQL only: set RAPPORT_TEST_PG (make check-pg)"
	pg_fresh_db || return 1
	export PG="$RAPPORT_DB"
	export RAPPORT_AUTHOR="Maya Okafor" RAPPORT_NOW="2026-11-25T10:00:00Z"
	cd "$BATS_TEST_TMPDIR" || return 1
}

teardown() {
	pg_drop_db
}

rapport() {
	"$RAPPORT" "$@"
}
