#!/usr/bin/env bats
# rapport agenda: each kind of item in a hand-built record, its state the
# day before, on and after its due time, due times in both zones, the side
# filter and snoozing. London is on GMT (UTC+0) in November, Dongguan on
# China Standard Time (UTC+8); --date DATE means 09:00 London time.

load helper

# agenda_item DATE ID [FIELD]: the field (default state) of item ID in the
# agenda of DATE, or "absent".
agenda_item() {
	rapport agenda --date "$1" --json | python3 -c '
import json, sys
items = {i["id"]: i for i in json.load(sys.stdin)}
item = items.get(sys.argv[1])
print("absent" if item is None else item[sys.argv[2]])' "$2" "${3:-state}"
}

setup_partner() {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan \
		--at 2026-10-01T00:00Z >/dev/null
}

@test "the update slot: upcoming, due within a day of it, missed after; in both zones" {
	setup_partner
	rapport settings --partner 1 --cadence weekly:MON@09:00 --at 2026-11-01T00:00Z >/dev/null
	# Monday 2 November 09:00 in Dongguan is 01:00 in London
	id="update:1:$(date -u -d 2026-11-02T01:00:00Z +%s)"
	[ "$(agenda_item 2026-10-31 "$id")" = "upcoming" ]
	[ "$(agenda_item 2026-11-02 "$id")" = "due" ]
	[ "$(agenda_item 2026-11-03 "$id")" = "overdue" ]
	[ "$(agenda_item 2026-11-03 "$id" due_partner)" = "2026-11-02T09:00:00+08:00" ]
	[ "$(agenda_item 2026-11-03 "$id" due_buyer)" = "2026-11-02T01:00:00+00:00" ]
	[ "$(agenda_item 2026-11-03 "$id" owes)" = "partner" ]
	[ "$(agenda_item 2026-11-03 "$id" dimension)" = "reliability" ]
	[[ "$(agenda_item 2026-11-03 "$id" command)" == "rapport update submit --partner 1 "* ]]
	# an update within a day of the slot answers it; the next slot is shown
	rapport update submit --partner 1 --status on_track --progress 10 --at 2026-11-02T03:00Z >/dev/null
	[ "$(agenda_item 2026-11-03 "$id")" = "absent" ]
	next="update:1:$(date -u -d 2026-11-09T01:00:00Z +%s)"
	[ "$(agenda_item 2026-11-03 "$next")" = "upcoming" ]
}

@test "without an agreed cadence the next slot shows but none is missed" {
	setup_partner
	id="update:1:$(date -u -d 2026-11-02T01:00:00Z +%s)"
	[ "$(agenda_item 2026-11-02 "$id")" = "due" ]
	[ "$(agenda_item 2026-11-03 "$id")" = "absent" ]
}

@test "contact gaps: upcoming before the ideal interval, due past it, overdue past the maximum" {
	setup_partner
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-01T10:00Z >/dev/null
	# ideal 7 days: 8 November 10:00; at most 14: 15 November 10:00
	[ "$(agenda_item 2026-11-07 contact:1)" = "upcoming" ]
	[ "$(agenda_item 2026-11-07 contact:1 due_buyer)" = "2026-11-08T10:00:00+00:00" ]
	[ "$(agenda_item 2026-11-09 contact:1)" = "due" ]
	[ "$(agenda_item 2026-11-09 contact:1 due_buyer)" = "2026-11-15T10:00:00+00:00" ]
	[ "$(agenda_item 2026-11-16 contact:1)" = "overdue" ]
	[ "$(agenda_item 2026-11-16 contact:1 owes)" = "both" ]
	# a visit resets the clock
	rapport visit add --partner 1 --by buyer --date 2026-11-12 --at 2026-11-12T06:00Z >/dev/null
	[ "$(agenda_item 2026-11-16 contact:1)" = "upcoming" ]
}

@test "commitments, milestones, payments and actions: listed 7 days ahead, due on the day in the owing side's zone" {
	setup_partner
	rapport commitment add --partner 1 --side partner --what "Lab dips" --due 2026-11-10 --at 2026-10-20 >/dev/null
	rapport payment due --partner 1 --amount 500.00 --currency USD --due 2026-11-10 --label deposit \
		--at 2026-10-20 >/dev/null
	[ "$(agenda_item 2026-11-02 commitment:2)" = "absent" ]
	[ "$(agenda_item 2026-11-03 commitment:2)" = "upcoming" ]
	# 10 November begins at 16:00 on the 9th in London for Dongguan's promise ...
	[ "$(agenda_item 2026-11-10 commitment:2)" = "due" ]
	[ "$(agenda_item 2026-11-10 commitment:2 due_date)" = "2026-11-10" ]
	[ "$(agenda_item 2026-11-11 commitment:2)" = "overdue" ]
	[ "$(agenda_item 2026-11-10 payment:3)" = "due" ]
	[ "$(agenda_item 2026-11-10 payment:3 owes)" = "buyer" ]
	[ "$(agenda_item 2026-11-10 payment:3 what)" = "Pay 500.00 USD (deposit)" ]
	[ "$(agenda_item 2026-11-11 payment:3)" = "overdue" ]
	rapport commitment keep 2 --at 2026-11-10T05:00Z >/dev/null
	rapport payment paid 3 --at 2026-11-10T12:00Z >/dev/null
	[ "$(agenda_item 2026-11-11 commitment:2)" = "absent" ]
	[ "$(agenda_item 2026-11-11 payment:3)" = "absent" ]
	# an order's milestones are milestones
	rapport order add --partner 1 --po P1 --style S --qty 10 --price 1.00 --currency USD --ex-factory 2026-12-12 \
		--at 2026-10-20 >/dev/null 2>&1
	[ "$(agenda_item 2026-12-08 milestone:11 what)" = "Milestone: P1: final inspection" ]
	[ "$(agenda_item 2026-12-08 milestone:12 owes)" = "partner" ]
}

@test "problems: acknowledgement within the SLA by the side that owes it; actions by their owner" {
	setup_partner
	# discovered by the buyer: the responsible partner owes the acknowledgement within 48 hours
	rapport issue raise --partner 1 --title "Shade variation" --severity major --responsible partner \
		--disclosure discovered --at 2026-11-02T08:00Z >/dev/null
	[ "$(agenda_item 2026-11-02 ack:2)" = "due" ]
	[ "$(agenda_item 2026-11-02 ack:2 owes)" = "partner" ]
	[ "$(agenda_item 2026-11-02 ack:2 due_partner)" = "2026-11-04T16:00:00+08:00" ]
	[ "$(agenda_item 2026-11-05 ack:2)" = "overdue" ]
	# disclosed by the partner itself: the buyer owes it
	rapport issue raise --partner 1 --title "Late yarn" --severity minor --responsible partner \
		--disclosure self --at 2026-11-02T08:00Z >/dev/null
	[ "$(agenda_item 2026-11-02 ack:3 owes)" = "buyer" ]
	rapport issue ack 2 --at 2026-11-03T08:00Z >/dev/null
	[ "$(agenda_item 2026-11-05 ack:2)" = "absent" ]
	rapport issue action 2 --owner buyer --what "Approve a new lab dip" --due 2026-11-06 --at 2026-11-03T09:00Z \
		>/dev/null
	[ "$(agenda_item 2026-11-05 action:5)" = "upcoming" ]
	[ "$(agenda_item 2026-11-06 action:5 owes)" = "buyer" ]
	[ "$(agenda_item 2026-11-07 action:5)" = "overdue" ]
}

@test "a past day's agenda reads the record as it stood then; today's as it stands" {
	setup_partner
	rapport commitment add --partner 1 --side partner --what "Lab dips" --due 2026-11-10 --at 2026-10-20 >/dev/null
	rapport payment due --partner 1 --amount 500.00 --currency USD --due 2026-11-10 --label deposit \
		--at 2026-10-20 >/dev/null
	rapport commitment add --partner 1 --side partner --what "Trims" --due 2026-11-09 --at 2026-10-20 >/dev/null
	rapport commitment renegotiate 4 --due 2026-11-30 --at 2026-11-08T08:00Z >/dev/null
	rapport commitment add --partner 1 --side partner --what "Care labels" --due 2026-11-09 --at 2026-11-07 >/dev/null
	rapport issue raise --partner 1 --title "Shade variation" --severity major --responsible partner \
		--disclosure discovered --at 2026-11-02T08:00Z >/dev/null
	rapport issue ack 7 --at 2026-11-04T08:00Z >/dev/null
	rapport commitment keep 2 --at 2026-11-10T05:00Z >/dev/null
	rapport payment paid 3 --at 2026-11-10T12:00Z >/dev/null
	# today is 25 November: on 5 November the promise and the payment were
	# still open, the trims still due on the 9th, the care labels not yet
	# promised
	[ "$(agenda_item 2026-11-05 commitment:2)" = "upcoming" ]
	[ "$(agenda_item 2026-11-05 payment:3)" = "upcoming" ]
	[ "$(agenda_item 2026-11-05 commitment:4 due_date)" = "2026-11-09" ]
	[ "$(agenda_item 2026-11-05 commitment:6)" = "absent" ]
	# the problem waited for its acknowledgement on the 3rd, not on the 5th
	[ "$(agenda_item 2026-11-03 ack:7)" = "due" ]
	[ "$(agenda_item 2026-11-05 ack:7)" = "absent" ]
	# the agenda of the 8th is at 09:00 London time, an hour after the trims
	# moved to the 30th: beyond the 7 days ahead
	[ "$(agenda_item 2026-11-08 commitment:4)" = "absent" ]
	[ "$(agenda_item 2026-11-08 commitment:6)" = "upcoming" ]
	# as the record stands, both are settled
	[ "$(agenda_item 2026-11-25 commitment:2)" = "absent" ]
	[ "$(agenda_item 2026-11-25 payment:3)" = "absent" ]
	[ "$(agenda_item 2026-11-24 commitment:6)" = "overdue" ]
	# today's agenda is the record as it stands, even what was recorded
	# after 09:00 this morning
	rapport commitment keep 6 --at 2026-11-25T09:30Z >/dev/null
	[ "$(agenda_item 2026-11-24 commitment:6)" = "overdue" ]
	[ "$(agenda_item 2026-11-25 commitment:6)" = "absent" ]
	rapport agenda --json | python3 -c '
import json, sys
ids = {i["id"] for i in json.load(sys.stdin)}
assert not ids & {"commitment:2", "payment:3", "commitment:6"}, ids
assert "commitment:4" in ids, ids'
}

@test "a suggestion waits 14 days for the other side's answer" {
	setup_partner
	rapport person add --partner 1 --side partner --name "Chen Jing" --role line_worker --at 2026-10-19 >/dev/null
	rapport suggestion add --partner 1 --person 2 --text "Pre-shrink the rib trims" --at 2026-10-20T08:00Z >/dev/null
	[ "$(agenda_item 2026-11-02 suggestion:3)" = "absent" ]
	[ "$(agenda_item 2026-11-03 suggestion:3)" = "overdue" ]
	[ "$(agenda_item 2026-11-03 suggestion:3 owes)" = "buyer" ]
	[ "$(agenda_item 2026-11-03 suggestion:3 what)" = "Answer Chen Jing's suggestion: Pre-shrink the rib trims" ]
}

@test "a spec change inside the freeze waits for the partner's agreement until production starts" {
	setup_partner
	rapport spec publish --partner 1 --style "Cable crew" --version 1 --production-start 2026-11-20 \
		--at 2026-10-01T08:00Z >/dev/null
	rapport spec change --partner 1 --style "Cable crew" --what "Neck rib 2x2" --at 2026-11-10T08:00Z >/dev/null
	[ "$(agenda_item 2026-11-12 spec-change:3)" = "due" ]
	[ "$(agenda_item 2026-11-12 spec-change:3 owes)" = "partner" ]
	[ "$(agenda_item 2026-11-20 spec-change:3)" = "overdue" ]
	[ "$(agenda_item 2026-11-21 spec-change:3)" = "absent" ]
}

@test "the other side's festival: a greeting prompt with the shutdown around it, gone once greeted" {
	setup_partner
	# 2026: Spring Festival 15-23 February (State Council), customary closure
	# 10-13 and 24-26 February; Saturday the 14th is a make-up working day
	[ "$(agenda_item 2026-02-05 "greeting:1:2026-02-15:Spring Festival" what)" = \
		"Spring Festival (春节) starts 2026-02-15 in Dongguan (CN): send a greeting; the factory is closed 2026-02-15 to 2026-02-26" ]
	[ "$(agenda_item 2026-02-05 "greeting:1:2026-02-15:Spring Festival")" = "upcoming" ]
	[ "$(agenda_item 2026-02-13 "greeting:1:2026-02-15:Spring Festival")" = "due" ]
	[ "$(agenda_item 2026-02-05 "closure:1:partner:2026-02-10")" = "due" ]
	[ "$(agenda_item 2026-02-05 "closure:1:partner:2026-02-15" owes)" = "buyer" ]
	rapport commitment add --partner 1 --side partner --what "Bulk fabric" --due 2026-02-20 --at 2026-01-20 \
		>/dev/null 2>&1
	[ "$(agenda_item 2026-02-05 "closure:1:partner:2026-02-15" what)" = \
		"The factory in Dongguan (CN) is closed 2026-02-15 to 2026-02-26 (Spring Festival, Spring Festival factory closure): 1 open commitment falls inside" ]
	rapport greet --partner 1 --by buyer --occasion "Spring Festival 2026" --at 2026-02-05T10:00Z >/dev/null
	[ "$(agenda_item 2026-02-06 "greeting:1:2026-02-15:Spring Festival")" = "absent" ]
}

@test "the factory sees the buyer's holidays; --side keeps what that side owes" {
	setup_partner
	run rapport agenda --date 2026-12-20 --side partner --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | python3 -c 'import json,sys; print(sorted({i["owes"] for i in json.load(sys.stdin)}))')" = \
		"['both', 'partner']" ]
	[ "$(agenda_item 2026-12-20 "greeting:1:2026-12-25:Christmas Day" what)" = \
		"Christmas Day on 2026-12-25 at Linden & Rowe (GB): send a greeting" ]
	[ "$(agenda_item 2026-12-20 "greeting:1:2026-12-25:Christmas Day" owes)" = "partner" ]
	run rapport agenda --date 2026-12-20 --side buyer --json
	[ "$(echo "$output" | python3 -c 'import json,sys; print(sorted({i["owes"] for i in json.load(sys.stdin)}))')" = \
		"['both', 'buyer']" ]
}

@test "a dimension that fell more than 0.1 in 30 days is on the agenda" {
	setup_partner
	for i in 1 2 3 4 5 6; do
		rapport commitment add --partner 1 --side partner --what "Sample $i" --due 2026-09-0$i --at 2026-08-01 \
			>/dev/null 2>&1
	done
	for i in 2 3 4 5 6 7; do rapport commitment keep $i --at 2026-09-01T00:00Z >/dev/null; done
	[ "$(agenda_item 2026-10-20 score:1:partner:reliability)" = "absent" ]
	for i in 1 2 3 4; do
		rapport commitment add --partner 1 --side partner --what "Bulk $i" --due 2026-10-2$i --at 2026-10-01 \
			>/dev/null 2>&1
	done
	for i in 14 15 16 17; do rapport commitment break $i --at 2026-10-25T00:00Z >/dev/null; done
	[ "$(agenda_item 2026-10-26 score:1:partner:reliability owes)" = "partner" ]
	[[ "$(agenda_item 2026-10-26 score:1:partner:reliability what)" == "The partner's reliability fell from "* ]]
}

@test "the agenda is sorted: overdue, due, upcoming, each by time" {
	setup_partner
	rapport settings --partner 1 --cadence weekly:MON@09:00 --at 2026-10-01T00:00Z >/dev/null
	rapport commitment add --partner 1 --side buyer --what "Approve" --due 2026-11-04 --at 2026-10-20 >/dev/null 2>&1
	run rapport agenda --date 2026-11-04 --json
	[ "$(echo "$output" | python3 -c '
import json, sys
items = json.load(sys.stdin)
rank = {"overdue": 0, "due": 1, "upcoming": 2}
keys = [(rank[i["state"]], i["due"]) for i in items]
print(keys == sorted(keys) and len(items) > 3)')" = "True" ]
	run rapport agenda --date 2026-11-04
	[[ "${lines[0]}" == "Agenda for both sides, Wed 2026-11-04: "*" items" ]]
	[[ "${lines[1]}" == "OVERDUE   Dongguan Evergreen Knitwear - owed by the partner - update (reliability)" ]]
}

@test "snooze hides an item for its author only, until the date; bad snoozes are refused" {
	setup_partner
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T10:00Z >/dev/null
	[ "$(agenda_item 2026-11-25 contact:1)" = "upcoming" ]
	before=$(dump)
	run rapport agenda snooze contact:9 --until 2026-11-30
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: ITEM: "contact:9" is not on the agenda (see rapport agenda --json for the ids)' ]
	run rapport agenda snooze contact:1 --until 2026-11-24
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --until: 2026-11-24 is already past (today is 2026-11-25)" ]
	run rapport agenda snooze contact:1 --until 2026-11-31
	[ "$status" -eq 2 ]
	[ "$(dump)" = "$before" ]
	run rapport agenda snooze contact:1 --until 2026-11-27
	[ "$status" -eq 0 ]
	[ "$output" = "contact:1 hidden from Maya Okafor's agenda through 2026-11-27" ]
	[ "$(agenda_item 2026-11-27 contact:1)" = "absent" ]
	[ "$(agenda_item 2026-11-28 contact:1)" = "due" ]
	[ "$(RAPPORT_AUTHOR='Chen Jing' agenda_item 2026-11-27 contact:1)" = "upcoming" ]
	# not a ledger event: the record is as it was
	run rapport verify
	[[ "$output" == "ok: 1 relationship, 2 events; every chain is intact" ]]
}
