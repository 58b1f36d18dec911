#!/usr/bin/env bats
# The libFuzzer harnesses (tests/fuzz) build and run their seed corpora
# once: every seed, and every input that once crashed one (kept there as a
# regression), passes. `make fuzz` runs them for longer.

load helper

FUZZ=${RAPPORT_FUZZ:-$BATS_TEST_DIRNAME/../../build/fuzz}
CORPUS=$BATS_TEST_DIRNAME/../fuzz/corpus

replays() {
	local name=$1
	opens_no_database "the harnesses read their seed files"
	[ -x "$FUZZ/fuzz-$name" ] || { echo "$FUZZ/fuzz-$name: not built (make check builds it)" >&2; return 1; }
	run "$FUZZ/fuzz-$name" -runs=0 "$CORPUS/$name"
	[ "$status" -eq 0 ] || { echo "$output" | tail -30 >&2; return 1; }
	[[ "$output" == *"Done "*" runs"* ]]
}

@test "the CSV import harness runs every seed clean" {
	replays csv
}

@test "the JSON event harness runs every seed clean" {
	replays event
}

@test "the bundle readers' harness runs every seed clean" {
	replays bundle
}

@test "the web form decoder's harness runs every seed clean" {
	replays form
}

@test "the multipart form decoder's harness runs every seed clean" {
	replays multipart
}
