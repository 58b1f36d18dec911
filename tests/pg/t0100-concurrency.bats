#!/usr/bin/env bats
# t0100-concurrency.bats - appends from several rapport processes at once to
# one relationship on PostgreSQL never fork its chain: each waits for the
# relationship's row lock, and every append lands in one sequence. Needs
# RAPPORT_TEST_PG (make check-pg sets it).

load helper

q() {
	psql "$RAPPORT_DB" -qAtc "$1"
}

@test "four writers appending 50 contacts each to one partner at once leave one intact chain of every event" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai >/dev/null
	local before
	before=$(q "SELECT count(*) FROM events WHERE rel = 1")
	local w pids=()
	for w in 1 2 3 4; do
		(
			for i in $(seq 50); do
				rapport contact --partner 1 --by buyer --kind call --note "writer $w call $i" >/dev/null || exit 1
			done
		) &
		pids+=($!)
	done
	local failed=0 p
	for p in "${pids[@]}"; do
		wait "$p" || failed=$((failed + 1))
	done
	[ "$failed" -eq 0 ]
	run rapport verify
	[ "$status" -eq 0 ]
	[[ "$output" == ok:* ]]
	[ "$(q "SELECT count(*) FROM events WHERE rel = 1")" -eq $((before + 200)) ]
	# one sequence 1..N with no gap or repeat, and the stored head is its end
	[ "$(q "SELECT count(DISTINCT seq) || ' ' || min(seq) || ' ' || max(seq) FROM events WHERE rel = 1")" = "$((before + 200)) 1 $((before + 200))" ]
	[ "$(q "SELECT head_seq FROM relationships WHERE id = 1")" -eq $((before + 200)) ]
	# every writer's every call is there once
	for w in 1 2 3 4; do
		[ "$(q "SELECT count(*) FROM contacts WHERE rel = 1 AND note LIKE 'writer $w call %'")" -eq 50 ]
	done
}

@test "two appends to different partners at once both land" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai >/dev/null
	rapport partner add --name "Padma Knit" --country IN --tz Asia/Kolkata >/dev/null
	local a b
	( for i in $(seq 20); do rapport contact --partner 1 --by buyer --kind call >/dev/null || exit 1; done ) & a=$!
	( for i in $(seq 20); do rapport contact --partner 2 --by partner --kind email >/dev/null || exit 1; done ) & b=$!
	wait "$a"
	wait "$b"
	run rapport verify
	[ "$status" -eq 0 ]
	[ "$(q "SELECT count(*) FROM contacts")" -eq 40 ]
}
