#!/usr/bin/env bats
# rapport score: scenarios on real databases built with the CLI.

load helper

# The score at a JSON path of `rapport score --partner ID --json`.
score() {
	rapport score --partner "$1" --json ${3:+--as-of "$3"} | json_get "$2"
}

# Two factories; each gets three milestones due Nov 2, 9 and 16.
two_factories() {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Keeps dates" --country CN --tz Asia/Shanghai --at 2026-10-01 >/dev/null
	rapport partner add --name "Runs late" --country VN --tz Asia/Ho_Chi_Minh --at 2026-10-01 >/dev/null
	for p in 1 2; do
		for d in 02 09 16; do
			rapport commitment add --partner $p --side partner --what "Milestone $d" --due 2026-11-$d --at 2026-10-01 >/dev/null
		done
	done
}

@test "a partner that keeps every milestone outranks one that is late" {
	two_factories
	# partner 1's commitments 3, 4 and 5 kept the day before they were due
	for id in 3 4 5; do rapport commitment keep $id --at "2026-11-$(printf %02d $((id * 7 - 20)))T10:00Z" >/dev/null; done
	# partner 2's 6, 7 and 8 kept 10, 10 and 9 days late
	rapport commitment keep 6 --at 2026-11-12T10:00Z >/dev/null
	rapport commitment keep 7 --at 2026-11-19T10:00Z >/dev/null
	rapport commitment keep 8 --at 2026-11-25T09:00Z >/dev/null
	good=$(score 1 '["directions"]["partner"]["dimensions"]["reliability"]["score"]')
	late=$(score 2 '["directions"]["partner"]["dimensions"]["reliability"]["score"]')
	python3 -c "import sys; g, l = $good, $late; sys.exit(0 if g > 0.6 and l < 0.3 and g > l else 1)"
	# the buyer made no promises: nothing said about its reliability
	[ "$(score 1 '["directions"]["buyer"]["dimensions"]["reliability"]["band"]')" = "no evidence" ]
}

@test "three promises kept on time score exactly as worked by hand" {
	two_factories
	for id in 3 4 5; do rapport commitment keep $id --at "2026-11-$(printf %02d $((id * 7 - 19)))T10:00:00Z" >/dev/null; done
	got=$(score 1 '["directions"]["partner"]["dimensions"]["reliability"]["score"]' 2026-11-16)
	# kept Nov 2, 9 and 16 at 10:00; as of Nov 16 23:59:59 each weighs 2^(-age / 180 days):
	# r = sum of them, s = 0, E = (r + 1) / (r + 2)
	python3 -c "
end = 1794873599  # 2026-11-16T23:59:59Z
kept = [1793613600, 1794218400, 1794823200]  # Nov 2, 9, 16 10:00Z
r = sum(2 ** (-(end - t) / (180 * 86400)) for t in kept)
import sys; sys.exit(0 if abs($got - round((r + 1) / (r + 2), 6)) < 1e-6 else 1)"
}

@test "a hidden problem discovered costs more than the same problem disclosed, for months" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Discloses" --country CN --tz Asia/Shanghai --at 2026-01-01 >/dev/null
	rapport partner add --name "Hides" --country BD --tz Asia/Dhaka --at 2026-01-01 >/dev/null
	rapport issue raise --partner 1 --title "Shade variation" --severity major --responsible partner --disclosure self --at 2026-02-01 >/dev/null
	rapport issue raise --partner 2 --title "Shade variation" --severity major --responsible partner --disclosure discovered --at 2026-02-01 >/dev/null
	for as_of in 2026-02-02 2026-05-01 2026-08-01 2026-11-01; do
		open=$(score 1 '["directions"]["partner"]["dimensions"]["transparency"]["score"]' $as_of)
		hid=$(score 2 '["directions"]["partner"]["dimensions"]["transparency"]["score"]' $as_of)
		python3 -c "import sys; sys.exit(0 if $open > 0.5 > $hid else 1)" || { echo "$as_of: $open vs $hid" >&3; return 1; }
	done
	# nine months on, the hidden problem still holds the score below 0.35
	python3 -c "import sys; sys.exit(0 if $hid < 0.35 else 1)"
}

@test "a buyer that pays late scores lower on fairness as seen by the partner" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Paid on time" --country CN --tz Asia/Shanghai --at 2026-01-01 >/dev/null
	rapport partner add --name "Paid late" --country VN --tz Asia/Ho_Chi_Minh --at 2026-01-01 >/dev/null
	for p in 1 2; do
		rapport payment due --partner $p --amount 1000.00 --currency USD --due 2026-03-01 --at 2026-01-15 >/dev/null
	done
	rapport payment paid 3 --at 2026-02-28T12:00Z >/dev/null
	rapport payment paid 4 --at 2026-04-10T12:00Z >/dev/null
	on_time=$(score 1 '["directions"]["buyer"]["dimensions"]["fairness"]["score"]' 2026-04-30)
	late=$(score 2 '["directions"]["buyer"]["dimensions"]["fairness"]["score"]' 2026-04-30)
	python3 -c "import sys; sys.exit(0 if $on_time > 0.5 > $late else 1)"
	# due Mar 1, so late from Mar 2 00:00Z; paid Apr 10 12:00Z: 39.5 days, counted as 40:
	# -min(1 + 40/15, 4) = -11/3, decayed to Apr 30 23:59:59Z (20 days + 43199 s) at a
	# 270-day half-life; E = (0 + 1) / (s + 2)
	python3 -c "
s = 11 / 3 * 2 ** (-(20 * 86400 + 43199) / (270 * 86400))
import sys; sys.exit(0 if abs($late - round(1 / (s + 2), 6)) < 1e-6 else 1)"
}

@test "a quiet relationship with no events is not scored as bad" {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Quiet" --country CN --tz Asia/Shanghai --at 2026-01-01 >/dev/null
	run rapport score --partner 1 --json
	[ "$(echo "$output" | json_get '["directions"]["partner"]["overall"]["score"]')" = "0.5" ]
	[ "$(echo "$output" | json_get '["directions"]["partner"]["overall"]["uncertainty"]')" = "1.0" ]
	[ "$(echo "$output" | json_get '["directions"]["buyer"]["overall"]["band"]')" = "no evidence" ]
}

@test "as-of replay at a past date equals the score that was current then" {
	rapport demo --today 2026-06-30 >/dev/null
	then=$(RAPPORT_NOW=2026-06-30T23:59:59Z rapport score --json)
	rapport contact --partner 1 --by buyer --kind call --at 2026-08-01 >/dev/null
	rapport issue raise --partner 2 --title Late --severity minor --responsible partner --disclosure discovered --at 2026-08-02 >/dev/null
	[ "$(rapport score --json --as-of 2026-06-30)" = "$then" ]
	[ "$(rapport score --json)" != "$then" ]
}

@test "recording order does not change the score; neither does rebuild" {
	rapport init --buyer B --country GB --tz Europe/London >/dev/null
	rapport partner add --name F --country CN --tz Asia/Shanghai --at 2026-01-01 >/dev/null
	in_db other rapport init --buyer B --country GB --tz Europe/London >/dev/null
	in_db other rapport partner add --name F --country CN --tz Asia/Shanghai --at 2026-01-01 >/dev/null
	rapport commitment add --partner 1 --side partner --what A --due 2026-03-01 --at 2026-02-01 >/dev/null
	rapport commitment keep 2 --at 2026-03-04 >/dev/null
	rapport greet --partner 1 --by buyer --occasion "Spring Festival" --at 2026-02-14 >/dev/null
	# the other database learns of the greeting first (recorded in a different order)
	in_db other rapport greet --partner 1 --by buyer --occasion "Spring Festival" --at 2026-02-14 >/dev/null
	in_db other rapport commitment add --partner 1 --side partner --what A --due 2026-03-01 --at 2026-02-01 >/dev/null
	in_db other rapport commitment keep 3 --at 2026-03-04 >/dev/null
	strip() { python3 -c "import json,sys; print(json.dumps(json.load(sys.stdin)['directions'], sort_keys=True))"; }
	a=$(rapport score --partner 1 --json --as-of 2026-06-01 | strip)
	b=$(in_db other rapport score --partner 1 --json --as-of 2026-06-01 | strip)
	[ "$a" = "$b" ]
	rapport rebuild >/dev/null
	[ "$(rapport score --partner 1 --json --as-of 2026-06-01 | strip)" = "$a" ]
}

@test "explanations name the events that moved a score, and series give one row a step" {
	rapport demo --today 2026-11-25 >/dev/null
	run rapport score --partner 3 --json --explain
	[ "$(echo "$output" | json_get '["directions"]["partner"]["dimensions"]["transparency"]["explain"][0]["kind"]')" = "issue.discovered" ]
	run rapport score --partner 1 --series --from 2026-01-01 --to 2026-06-30 --step month --json
	[ "$(echo "$output" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["series"]))')" = "6" ]
	[ "$(echo "$output" | json_get '["series"][5]["date"]')" = "2026-06-01" ]
	refuses 2 "--series: needs --partner ID" score --series --from 2026-01-01 --to 2026-02-01
	refuses 2 "--step: week or month" score --partner 1 --series --from 2026-01-01 --to 2026-02-01 --step day
	refuses 2 '--as-of: no such date: "2026-02-30"' score --as-of 2026-02-30
}

@test "weights: listed with reasons; a change is recorded in every record and used from then on" {
	rapport demo --today 2026-11-20 >/dev/null
	run rapport weights --json
	[ "$(echo "$output" | json_get '[0]["key"]')" = "commitment.kept" ]
	[ "$(echo "$output" | json_get '[0]["reason"]')" = "a promise kept on time is the basic unit of reliability" ]
	before=$(score 2 '["directions"]["buyer"]["dimensions"]["fairness"]["score"]')
	day_before=$(score 2 '["directions"]["buyer"]["dimensions"]["fairness"]["score"]' 2026-11-24)
	run rapport weights set payment.late -2
	[ "$output" = "payment.late set to -2 in the records of 3 partners" ]
	[ "$(db_query "SELECT count(*) FROM events WHERE kind = 'weights.set'")" = "3" ]
	after=$(score 2 '["directions"]["buyer"]["dimensions"]["fairness"]["score"]')
	python3 -c "import sys; sys.exit(0 if $after < $before else 1)"
	# as of a day before the change, the old weight applies
	[ "$(score 2 '["directions"]["buyer"]["dimensions"]["fairness"]["score"]' 2026-11-24)" = "$day_before" ]
	refuses 2 "payment.late: bad evidence keeps its sign: from -100 to 0" weights set payment.late 2
	refuses 2 "charm: no such weight (see rapport weights)" weights set charm 1
	refuses 2 "half_life.positive: a half-life from 30 to 3650 days" weights set half_life.positive 5000
	refuses 2 'value: not a number with at most 4 places (e.g. -1.5): "lots"' weights set payment.late lots
}
