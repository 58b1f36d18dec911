# pg.bash - the PostgreSQL side of the CLI, HTTP and PostgreSQL-only
# tests' set-up: with RAPPORT_TEST_PG (a PostgreSQL URL, as tests/pg/server
# prints) each test gets a database of its own on that server, dropped
# after it, and a keys directory of its own; a file's prepared record is a
# template database each test copies. Sourced by tests/cli/helper.bash,
# tests/http/helper.bash and tests/pg/helper.bash.

# pg_name WHAT: a database name unique to this test run and WHAT (made of
# letters, digits and underscores, as an unquoted SQL name must be).
pg_name() {
	printf 'rapport_%s_%s' "$(printf '%s' "$1" | tr -c 'a-zA-Z0-9' _ | tr 'A-Z' 'a-z')" "$$"
}

# A new database is a copy of its template's files (FILE_COPY): for the
# few megabytes of a test's, several times faster than writing it all to
# the WAL (WAL_LOG, PostgreSQL 15's default).
PG_CREATE_STRATEGY="STRATEGY FILE_COPY"

# pg_sql SQL: runs SQL on the server's first database (CREATE and DROP
# DATABASE cannot run inside the database they name).
pg_sql() {
	psql "$RAPPORT_TEST_PG" -v ON_ERROR_STOP=1 -qAtc "$1" >/dev/null
}

# pg_fresh_db [TEMPLATE]: RAPPORT_DB becomes a new database for this test
# (empty, or a copy of the database TEMPLATE), PG_DB_NAME its name,
# RAPPORT_KEYS a directory of its own (the default, beside the database
# file, needs a file: a URL has none). pg_drop_db drops it.
pg_fresh_db() {
	local name
	name=$(pg_name "$(basename "$BATS_TEST_TMPDIR")")
	pg_sql "CREATE DATABASE $name TEMPLATE ${1:-template0} $PG_CREATE_STRATEGY" || return 1
	export PG_DB_NAME=$name
	export RAPPORT_DB="${RAPPORT_TEST_PG%/*}/$name"
	export RAPPORT_KEYS="$BATS_TEST_TMPDIR/keys"
}

# pg_drop_db: drops the database pg_fresh_db made, and the test's other
# databases (in_db), if any; a server the test left running is
# disconnected.
pg_drop_db() {
	if [ -n "${RAPPORT_TEST_PG:-}" ] && [ -n "${PG_DB_NAME:-}" ]; then
		local d
		for d in $PG_DB_NAME $(psql "$RAPPORT_TEST_PG" -qAtc \
			"SELECT datname FROM pg_database WHERE datname LIKE '${PG_DB_NAME}\\_x\\_%'"); do
			pg_sql "DROP DATABASE IF EXISTS $d WITH (FORCE)" || true
		done
		PG_DB_NAME=
	fi
	return 0
}

# db_of NAME: where the test's other database NAME is: a SQLite file in the
# test's directory, or a database on the PostgreSQL server, made empty on
# first use.
db_of() {
	if [ -z "${RAPPORT_TEST_PG:-}" ]; then
		echo "$BATS_TEST_TMPDIR/$1.db"
		return
	fi
	local name="${PG_DB_NAME}_x_$(printf '%s' "$1" | tr -c 'a-zA-Z0-9' _ | tr 'A-Z' 'a-z')"
	if [ -z "$(psql "$RAPPORT_TEST_PG" -qAtc "SELECT 1 FROM pg_database WHERE datname = '$name'")" ]; then
		pg_sql "CREATE DATABASE $name TEMPLATE template0 $PG_CREATE_STRATEGY" || return 1
	fi
	echo "${RAPPORT_TEST_PG%/*}/$name"
}

# in_db NAME COMMAND...: runs COMMAND with RAPPORT_DB naming the test's
# other database NAME (db_of) and, on PostgreSQL, RAPPORT_KEYS a keys
# directory of its own (a SQLite file's are beside it).
in_db() {
	local db
	db=$(db_of "$1") || return 1
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		RAPPORT_DB=$db RAPPORT_KEYS="$BATS_TEST_TMPDIR/$1.keys" "${@:2}"
	else
		RAPPORT_DB=$db "${@:2}"
	fi
}

# sqlite_only WHY: skips the test against PostgreSQL, for what only the
# SQLite file has.
sqlite_only() {
	[ -z "${RAPPORT_TEST_PG:-}" ] || skip "SQLite only: $1"
}

# db_query SQL: runs SQL on the test's database ($RAPPORT_DB), SQLite or
# PostgreSQL, and prints the rows as sqlite3 does (columns joined by |).
# For SQL both accept.
db_query() {
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		psql "$RAPPORT_DB" -v ON_ERROR_STOP=1 -qAtX -c "$1"
	else
		sqlite3 "$RAPPORT_DB" "$1"
	fi
}

# opens_no_database WHY: skips the test against PostgreSQL: it opens no
# database at all, so the run on SQLite covers every bit of it.
opens_no_database() {
	[ -z "${RAPPORT_TEST_PG:-}" ] || skip "opens no database: $1"
}

# prepared_db COMMAND...: in setup_file, makes the file's prepared record
# once by running `rapport COMMAND...` into a new database: a SQLite file
# in $BATS_FILE_TMPDIR or, with RAPPORT_TEST_PG, a database on that server
# (its keys in $BATS_FILE_TMPDIR/prepared.keys). use_prepared_db gives a
# test a copy of it.
prepared_db() {
	local rapport=${RAPPORT:-$BATS_TEST_DIRNAME/../../build/asan/rapport}
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		PREPARED_DB_NAME=$(pg_name "prepared_$(basename "$BATS_TEST_FILENAME" .bats)")
		export PREPARED_DB_NAME
		pg_sql "DROP DATABASE IF EXISTS $PREPARED_DB_NAME" &&
			pg_sql "CREATE DATABASE $PREPARED_DB_NAME TEMPLATE template0 $PG_CREATE_STRATEGY" &&
			"$rapport" --db "${RAPPORT_TEST_PG%/*}/$PREPARED_DB_NAME" "$@" \
				--keys "$BATS_FILE_TMPDIR/prepared.keys" >/dev/null
	else
		"$rapport" --db "$BATS_FILE_TMPDIR/prepared.db" "$@" >/dev/null
	fi
}

# use_prepared_db: RAPPORT_DB becomes a copy of the file's prepared record
# (a file copied, or a database made from it as a template).
use_prepared_db() {
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		pg_drop_db
		pg_fresh_db "$PREPARED_DB_NAME"
	else
		cp "$BATS_FILE_TMPDIR/prepared.db" "$RAPPORT_DB"
	fi
}

# drop_prepared_db: in teardown_file, drops the prepared database.
drop_prepared_db() {
	if [ -n "${RAPPORT_TEST_PG:-}" ] && [ -n "${PREPARED_DB_NAME:-}" ]; then
		pg_sql "DROP DATABASE IF EXISTS $PREPARED_DB_NAME WITH (FORCE)" || true
	fi
	return 0
}
