#!/usr/bin/env bats
# Appends killed with SIGKILL at random moments: every acknowledged append
# is present, nothing half-written remains, and the chains verify.
# CRASH_RUNS sets the number of kills (20 here, 100 in `make crashtest`).

load helper

APPENDER=${RAPPORT_CRASH_APPENDER:-$BATS_TEST_DIRNAME/../../build/asan/crash-appender}

# The highest sequence number stored for partner 1.
stored_max() {
	db_query 'SELECT max(seq) FROM events WHERE rel = 1'
}

@test "every acknowledged append survives SIGKILL and the chain verifies" {
	[ -x "$APPENDER" ] || { echo "no $APPENDER: run make build/asan/crash-appender" >&2; return 1; }
	init_db
	runs=${CRASH_RUNS:-20}
	acked_total=0
	prev=$(stored_max) # 1: the relationship.open
	[ "$prev" = "1" ]
	for i in $(seq "$runs"); do
		"$APPENDER" "$RAPPORT_DB" >"$BATS_TEST_TMPDIR/acked" 2>"$BATS_TEST_TMPDIR/err" &
		pid=$!
		sleep "$(printf '0.%02d' $((RANDOM % 36 + 5)))" # 0.05 to 0.40 s
		if ! kill -9 "$pid" 2>/dev/null; then
			echo "run $i: the appender ended before the kill: $(cat "$BATS_TEST_TMPDIR/err")" >&2
			return 1
		fi
		wait "$pid" 2>/dev/null || true
		stored=$(stored_max)
		# what this run acknowledged: consecutive numbers from the head it
		# found; one more may have been committed but not yet printed
		python3 - "$BATS_TEST_TMPDIR/acked" "$prev" "$stored" "$i" <<-'EOF'
			import sys
			path, prev, stored, run = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
			acked = [int(x) for x in open(path).read().split("\n") if x]
			want = list(range(prev + 1, prev + 1 + len(acked)))
			if acked != want:
			    sys.exit("run %s: acknowledged %s..%s, not consecutive from %d" % (run, acked[:1], acked[-1:], prev + 1))
			last = acked[-1] if acked else prev
			if not last <= stored <= last + 1:
			    sys.exit("run %s: acknowledged up to %d, stored up to %d" % (run, last, stored))
		EOF
		acked_total=$((acked_total + $(wc -l <"$BATS_TEST_TMPDIR/acked")))
		run rapport verify --partner 1
		[ "$status" -eq 0 ] || { echo "run $i: $output" >&2; return 1; }
		prev=$stored
	done
	# the kills came while appends were being made
	[ "$acked_total" -ge "$runs" ] || { echo "only $acked_total appends acknowledged in $runs runs" >&2; return 1; }
	# the whole chain, as log shows it: 1..n without gaps, each linked to
	# the one before, every contact in the contacts projection exactly once
	rapport log --partner 1 --json | python3 -c '
import json, sys
events = json.load(sys.stdin)
seqs = [e["seq"] for e in events]
assert seqs == list(range(1, len(seqs) + 1)), "gaps in the sequence"
assert all(events[i]["prev_hash"] == events[i - 1]["hash"] for i in range(1, len(events))), "broken links"
print(len(events))
' >"$BATS_TEST_TMPDIR/n"
	[ "$(cat "$BATS_TEST_TMPDIR/n")" = "$prev" ]
	[ "$(db_query "SELECT count(*) FROM contacts WHERE rel = 1")" = "$((prev - 1))" ]
	[ "$(db_query "SELECT count(DISTINCT event_id) FROM contacts")" = "$((prev - 1))" ]
	[ "$(db_query "SELECT head_seq FROM relationships WHERE id = 1")" = "$prev" ]
	run rapport verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, $prev events; every chain is intact" ]
}
