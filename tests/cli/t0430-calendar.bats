#!/usr/bin/env bats
# rapport calendar: the iCalendar feed read back by two independent
# parsers, ical.js (Thunderbird's, tests/ical/check.mjs) and
# python3-icalendar (tests/ical/check.py, which expands the cadence with
# dateutil and the system zoneinfo instead of the file's VTIMEZONE). The
# expected instants are worked out by hand: Asia/Shanghai is UTC+8 all
# year; Europe/Lisbon moves from UTC+0 to UTC+1 on Sunday 2027-03-28;
# Mexico City stays at UTC-6 since tzdata 2022f abolished its DST (under the
# old rule it would have moved on Sunday 2027-04-04). And rapport calendar
# token: the per-author secret for the feed's URL.

load helper

ICAL_DIR="$BATS_TEST_DIRNAME/../ical"

ical_js() {
	node "$ICAL_DIR/check.mjs" "$@"
}

ical_py() {
	"$ICAL_DIR/check.py" "$@"
}

uid() {
	db_query "SELECT uid FROM relationships WHERE id = $1"
}

# A buyer, partner 1 in Dongguan with a commitment each way, an order (six
# milestones, a deposit and a balance) and one more payment.
record() {
	init_db
	rapport commitment add --partner 1 --side buyer --what "Approve the lab dips" --due 2026-12-04 >/dev/null
	rapport commitment add --partner 1 --side partner --what "Send the trim card" --due 2026-12-07 >/dev/null
	rapport order add --partner 1 --po LR-2027-014 --style "Cable crew W27" --qty 2400 --price 18.40 \
		--currency USD --ex-factory 2027-03-15 >/dev/null 2>&1
	rapport payment due --partner 1 --amount 12500.00 --currency USD --due 2027-04-14 --label "Trims" >/dev/null
}

@test "ical.js reads every component: commitments, milestones and payments all-day with an alarm the day before" {
	record
	rapport calendar --partner 1 >feed.ics
	run ical_js feed.ics
	[ "$status" -eq 0 ]
	echo "$output" >read.json
	u=$(uid 1)
	# 2 commitments + 6 milestones + 3 payments, the cadence, the holidays
	json_is 'v["categories"]["Commitment"]' '2' <read.json
	json_is 'v["categories"]["Milestone"]' '6' <read.json
	json_is 'v["categories"]["Payment"]' '3' <read.json
	json_is 'v["categories"]["Update"]' '1' <read.json
	json_is 'v["components"]["VALARM"]' '11' <read.json
	json_is 'v["components"]["VTIMEZONE"]' '1' <read.json
	json_is 'v["events"] - v["all_day"]' '1' <read.json
	json_is 'sorted(set(v["alarms"].values()))' '["DISPLAY -P1D"]' <read.json
	json_is "v[\"summaries\"][\"commitment-2@$u\"]" '"Due to Dongguan Evergreen Knitwear: Approve the lab dips"' <read.json
	json_is "v[\"summaries\"][\"commitment-3@$u\"]" '"Due from Dongguan Evergreen Knitwear: Send the trim card"' <read.json
	json_is "v[\"summaries\"][\"payment-13@$u\"]" '"Pay Dongguan Evergreen Knitwear: USD 12500.00 (Trims)"' <read.json
	json_is "[s for k, s in v[\"summaries\"].items() if s.endswith(\"sample approval (Cable crew W27)\")]" \
		'["Milestone at Dongguan Evergreen Knitwear: LR-2027-014: sample approval (Cable crew W27)"]' <read.json
	# the description gives the command that closes it, and the dates are the due dates
	grep -q 'DTSTART;VALUE=DATE:20261204' feed.ics
	tr -d '\r' <feed.ics | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' >unfolded.ics
	grep -q 'When kept: rapport commitment keep 2\\n' unfolded.ics
	grep -q 'When paid: rapport payment paid 13$' unfolded.ics
	grep -q "^DTSTAMP:20261125T100000Z$" unfolded.ics
}

@test "python3-icalendar reads every component too, with lines of at most 75 octets" {
	record
	rapport person add --partner 1 --side partner --name "Nguyễn Thị Lan" --role qc >/dev/null
	rapport commitment add --partner 1 --side partner \
		--what "陈 and Nguyễn Thị Lan re-check the shade of every dye lot against the approved lab dip 陈陈陈陈陈陈陈陈" \
		--due 2026-12-09 >/dev/null
	rapport calendar --partner 1 >feed.ics
	run ical_py feed.ics
	[ "$status" -eq 0 ]
	echo "$output" >py.json
	run ical_js feed.ics
	[ "$status" -eq 0 ]
	echo "$output" >js.json
	# both parsers read the same events with the same summaries
	json_is 'v["components"]["VEVENT"]' "$(json_get '["events"]' <js.json)" <py.json
	python3 -c 'import json,sys; a=json.load(open("py.json"))["summaries"]; b=json.load(open("js.json"))["summaries"]; sys.exit(a != b)'
	grep -q "re-check the shade" py.json
}

@test "every holiday, closure and make-up workday of both sides this year and next has its own UID" {
	record
	rapport closure add --partner 1 --from 2027-07-26 --to 2027-07-30 --reason "Summer shutdown" >/dev/null
	rapport calendar --partner 1 >feed.ics
	ical_js feed.ics >read.json
	u=$(uid 1)
	n=0
	for y in 2026 2027; do
		rapport holidays --partner 1 --year $y --json >cn.json
		rapport holidays --country GB --year $y --json >gb.json
		for d in $(json_get '' <cn.json | python3 -c 'import json,sys; print(" ".join(x["date"] for x in json.load(sys.stdin)))'); do
			grep -q "\"holiday-partner-CN-$d@$u\"" read.json || { echo "no partner day $d" >&2; return 1; }
			n=$((n + 1))
		done
		for d in $(python3 -c 'import json; print(" ".join(x["date"] for x in json.load(open("gb.json"))))'); do
			grep -q "\"holiday-buyer-GB-$d@$u\"" read.json || { echo "no buyer day $d" >&2; return 1; }
			n=$((n + 1))
		done
	done
	json_is 'v["categories"]["Holiday"]' "$n" <read.json
	json_is "v[\"summaries\"][\"holiday-partner-CN-2027-07-27@$u\"]" '"Dongguan Evergreen Knitwear: Summer shutdown, closed"' <read.json
	json_is "v[\"summaries\"][\"holiday-partner-CN-2026-10-01@$u\"]" '"Dongguan Evergreen Knitwear: National Day (国庆节), day off"' <read.json
	json_is "v[\"summaries\"][\"holiday-partner-CN-2026-09-20@$u\"]" \
		'"Dongguan Evergreen Knitwear: National Day (国庆节), make-up working day"' <read.json
	json_is "v[\"summaries\"][\"holiday-buyer-GB-2026-12-25@$u\"]" '"Linden & Rowe: Christmas Day, day off"' <read.json
	# nothing from 2025 or 2028
	run ! grep -q -- '-2025-[0-9-]*@\|-2028-[0-9-]*@' read.json
}

@test "--side marks whose days are whose in CATEGORIES" {
	record
	rapport calendar --partner 1 >buyer.ics
	rapport calendar --partner 1 --side partner >partner.ics
	tr -d '\r' <buyer.ics | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' >b.txt
	tr -d '\r' <partner.ics | sed -e ':a' -e 'N' -e '$!ba' -e 's/\n //g' >p.txt
	grep -q '^CATEGORIES:Holiday,Public holiday,Other side,Partner calendar$' b.txt
	grep -q '^CATEGORIES:Holiday,Public holiday,Own side,Buyer calendar$' b.txt
	grep -q '^CATEGORIES:Holiday,Public holiday,Own side,Partner calendar$' p.txt
	grep -q '^CATEGORIES:Holiday,Public holiday,Other side,Buyer calendar$' p.txt
	grep -q '^CATEGORIES:Payment,Own side,Owed by buyer$' b.txt
	grep -q '^CATEGORIES:Payment,Other side,Owed by buyer$' p.txt
	# a greeting is proposed for the other side's holidays only
	grep -q 'rapport greet --partner 1 --by buyer --occasion "Spring Festival 2027"' b.txt
	run ! grep -q 'rapport greet --partner 1 --by buyer --occasion "Christmas Day' b.txt
	grep -q 'rapport greet --partner 1 --by partner --occasion "Christmas Day 2026"' p.txt
	# --author-side is the default view
	rapport calendar --partner 1 --author-side partner | cmp - partner.ics
	run --separate-stderr rapport calendar --partner 1 --side factory
	[ "$status" -eq 2 ]
	[ "$stderr" = 'rapport: --side: buyer or partner: "factory"' ]
	[ -z "$output" ]
}

@test "the cadence recurs at its time in the partner's zone: Shanghai 09:00 is 01:00Z" {
	init_db
	rapport settings --partner 1 --cadence weekly:MON@09:00 >/dev/null
	rapport calendar --partner 1 >feed.ics
	grep -q $'^DTSTART;TZID=Asia/Shanghai:20261130T090000\r$' feed.ics
	grep -q $'^RRULE:FREQ=WEEKLY;BYDAY=MO\r$' feed.ics
	grep -q $'^TZID:Asia/Shanghai\r$' feed.ics
	want='["2027-03-15T01:00:00Z", "2027-03-22T01:00:00Z", "2027-03-29T01:00:00Z", "2027-04-05T01:00:00Z"]'
	ical_js feed.ics 2027-03-15T00:00:00Z 2027-04-06T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
	ical_py feed.ics 2027-03-15T00:00:00Z 2027-04-06T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
}

@test "across Lisbon's DST change the cadence's UTC instant moves an hour earlier" {
	init_db
	rapport partner add --name "Malhas do Minho" --country PT --tz Europe/Lisbon >/dev/null
	rapport settings --partner 2 --cadence weekly:MON,THU@09:00 >/dev/null
	rapport calendar --partner 2 >feed.ics
	grep -q $'^RRULE:FREQ=WEEKLY;BYDAY=MO,TH\r$' feed.ics
	# agreed on Wednesday 2026-11-25: the first instance is the Thursday after
	grep -q $'^DTSTART;TZID=Europe/Lisbon:20261126T090000\r$' feed.ics
	want='["2027-03-22T09:00:00Z", "2027-03-25T09:00:00Z", "2027-03-29T08:00:00Z", "2027-04-01T08:00:00Z"]'
	ical_js feed.ics 2027-03-21T00:00:00Z 2027-04-02T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
	ical_py feed.ics 2027-03-21T00:00:00Z 2027-04-02T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
	# and back on Sunday 2027-10-31
	want='["2027-10-28T08:00:00Z", "2027-11-01T09:00:00Z"]'
	ical_js feed.ics 2027-10-27T00:00:00Z 2027-11-02T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
	ical_py feed.ics 2027-10-27T00:00:00Z 2027-11-02T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
}

@test "Mexico City keeps UTC-6 all year: no DST from the system tzdata" {
	init_db
	rapport partner add --name "Textiles del Valle" --country MX --tz America/Mexico_City >/dev/null
	rapport settings --partner 2 --cadence weekly:MON@09:00 >/dev/null
	rapport calendar --partner 2 >feed.ics
	want='["2027-03-29T15:00:00Z", "2027-04-05T15:00:00Z", "2027-04-12T15:00:00Z"]'
	ical_js feed.ics 2027-03-28T00:00:00Z 2027-04-13T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
	ical_py feed.ics 2027-03-28T00:00:00Z 2027-04-13T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
	want='["2027-07-05T15:00:00Z"]'
	ical_js feed.ics 2027-07-04T00:00:00Z 2027-07-06T00:00:00Z | json_is 'v["cadence"]["instants"]' "$want"
}

@test "the same record gives the same text; kept, paid and voided things leave the feed" {
	record
	rapport calendar --partner 1 >one.ics
	rapport calendar --partner 1 >two.ics
	cmp one.ics two.ics
	u=$(uid 1)
	grep -q "^UID:payment-13@$u" one.ics
	grep -q "^UID:commitment-2@$u" one.ics
	rapport payment paid 13 >/dev/null
	rapport commitment keep 2 >/dev/null
	rapport calendar --partner 1 >three.ics
	run ! grep -q "^UID:payment-13@" three.ics
	run ! grep -q "^UID:commitment-2@" three.ics
	grep -q "^UID:commitment-3@$u" three.ics
	# the other events are unchanged, byte for byte
	[ "$(grep -c '^BEGIN:VEVENT' three.ics)" -eq $(($(grep -c '^BEGIN:VEVENT' one.ics) - 2)) ]
	# a later clock changes DTSTAMP only
	RAPPORT_NOW=2026-11-26T08:00:00Z rapport calendar --partner 1 >four.ics
	diff <(grep -v '^DTSTAMP' three.ics) <(grep -v '^DTSTAMP' four.ics)
	grep -q $'^DTSTAMP:20261126T080000Z\r$' four.ics
	# a commitment withdrawn by a correction leaves it too
	rapport correct 3 --partner 1 --reason "Recorded twice" --void >/dev/null
	rapport calendar --partner 1 >five.ics
	run ! grep -q "^UID:commitment-3@" five.ics
}

@test "an unknown partner is refused naming --partner, and nothing is written" {
	record
	refuses 2 "--partner: no partner with id 9" calendar --partner 9
	[ -z "$output" ]
	refuses 2 "--partner: required" calendar
	refuses 2 '--partner: not an id' calendar --partner x
}

@test "calendar token: created on first use, kept, rotated, one per author, outside the ledger" {
	init_db
	log_before=$(rapport log --partner 1)
	run --separate-stderr rapport calendar token
	[ "$status" -eq 0 ]
	t1=$output
	[[ "$t1" =~ ^[A-Za-z0-9_-]{43}$ ]]
	[ "$(rapport calendar token)" = "$t1" ]
	[ "$(db_query "SELECT author || ' ' || token FROM feed_tokens")" = "Maya Okafor $t1" ]
	run --separate-stderr rapport calendar token --json
	echo "$output" | json_is 'v' "{\"author\": \"Maya Okafor\", \"token\": \"$t1\", \"path\": \"/calendar/$t1.ics\"}"
	t2=$(rapport calendar token --rotate)
	[[ "$t2" =~ ^[A-Za-z0-9_-]{43}$ ]]
	[ "$t2" != "$t1" ]
	[ "$(rapport calendar token)" = "$t2" ]
	t3=$(rapport calendar token --author "Chen Jing" --author-side partner)
	[ "$t3" != "$t2" ]
	[ "$(db_query "SELECT count(*) FROM feed_tokens")" = "2" ]
	[ "$(rapport log --partner 1)" = "$log_before" ]
	rapport verify >/dev/null
}

@test "calendar and calendar token have help with an example" {
	run rapport calendar --help
	[ "$status" -eq 0 ]
	[[ "$output" == *"usage: rapport calendar --partner ID [--side SIDE]"* ]]
	[[ "$output" == *"example"*"rapport calendar --partner 1"* ]]
	run rapport help calendar token
	[ "$status" -eq 0 ]
	[[ "$output" == *"usage: rapport calendar token [--rotate]"* ]]
	[[ "$output" == *"/calendar/TOKEN.ics"* ]]
}
