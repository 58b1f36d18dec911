#!/usr/bin/env bats
# Working calendars in a relationship: the partner's closures, working
# days counted at the partner, agreed working weeks and hours, warnings on
# due dates that fall on a day off, and meeting slots in both zones. The
# expected dates are worked by hand from the State Council's 2026 notice,
# the England and Wales bank holidays of 2027 and the zones' DST rules.

load helper

@test "a closure is recorded, listed, merged into the partner's holidays and can be withdrawn" {
	init_db
	run rapport closure add --partner 1 --from 2026-07-27 --to 2026-08-07 --reason "Summer shutdown" \
		--author-side partner
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	run rapport closures --json
	[ "$(echo "$output" | json_get '[0]["from"]')" = "2026-07-27" ]
	[ "$(echo "$output" | json_get '[0]["to"]')" = "2026-08-07" ]
	[ "$(echo "$output" | json_get '[0]["days"]')" = "12" ]
	[ "$(echo "$output" | json_get '[0]["by"]')" = "partner" ]
	run rapport log --partner 1
	[[ "$output" == *"closure.add"*"factory closed 2026-07-27 to 2026-08-07: Summer shutdown"* ]]
	# --country defaults to the partner's; twelve closure days in the year's list
	run rapport holidays --partner 1 --year 2026 --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | python3 -c 'import json,sys; print(sum(1 for d in json.load(sys.stdin) if d["name"] == "Summer shutdown" and d["kind"] == "closure" and not d["estimated"]))')" = "12" ]
	# the country's own days are still there
	[ "$(echo "$output" | json_get '[0]["date"]')" = "2026-01-01" ]
	run rapport holidays --partner 1 --year 2026 --country VN
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --country: partner 1 is in CN; leave --country out" ]
	rapport correct 2 --partner 1 --reason "Shutdown cancelled" --void >/dev/null
	run rapport closures
	[ "$output" = "No closures." ]
	run rapport holidays --partner 1 --year 2026 --json
	[[ "$output" != *"Summer shutdown"* ]]
}

@test "a closure a public holiday already covers keeps the holiday's name" {
	init_db
	rapport closure add --partner 1 --from 2026-09-28 --to 2026-10-09 --reason "Golden week shutdown" >/dev/null
	run rapport holidays --partner 1 --year 2026 --json
	# 1 October is National Day (public); 9 October was a working day, now closed
	[ "$(echo "$output" | python3 -c 'import json,sys; d={x["date"]:x for x in json.load(sys.stdin)}; print(d["2026-10-01"]["name"], "/", d["2026-10-09"]["name"], d["2026-10-09"]["kind"])')" = \
		"National Day / Golden week shutdown closure" ]
}

@test "a bad closure is refused and writes nothing" {
	init_db
	before=$(dump)
	run rapport closure add --partner 1 --from 2026-08-07 --to 2026-07-27 --reason "Summer shutdown"
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: to: 2026-07-27 is before from (2026-08-07)" ]
	run rapport closure add --partner 1 --from 2026-08-07 --to 2026-08-09
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --reason: required (see rapport closure add --help)" ]
	run rapport closure add --partner 1 --from 2026-02-30 --to 2026-03-02 --reason x
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: from: no such date: "2026-02-30"' ]
	run rapport closure add --partner 7 --from 2026-08-01 --to 2026-08-02 --reason x
	[ "$status" -eq 2 ]
	[ "$(dump)" = "$before" ]
}

@test "workdays skip weekends, holidays and closures and count make-up working days" {
	init_db
	# 2026 notice: 1-5 May off; 6, 7, 8 May are the first working days after
	run rapport workdays --partner 1 --from 2026-05-01 --days 3
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Fri 2026-05-08: 3 working days after Fri 2026-05-01 at Dongguan Evergreen Knitwear (CN; works Mon-Sat)." ]
	[ "${lines[1]}" = "Days off on the way:" ]
	[ "${lines[2]}" = "  Sat 2026-05-02 to Tue 2026-05-05  Labour Day (4 days)" ]
	# Sunday 20 September 2026 is a make-up working day for National Day
	run rapport workdays --partner 1 --from 2026-09-19 --days 1 --json
	[ "$(echo "$output" | json_get '["date"]')" = "2026-09-20" ]
	[ "$(echo "$output" | json_get '["skipped"]')" = "[]" ]
	# 30 September + 1: National Day and Mid-Autumn run 1-7 October
	run rapport workdays --partner 1 --from 2026-09-30 --days 1 --json
	[ "$(echo "$output" | json_get '["date"]')" = "2026-10-08" ]
	[ "$(echo "$output" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["skipped"]))')" = "7" ]
	# a closure: Saturday 25 July + 1 steps over Sunday and the shutdown
	rapport closure add --partner 1 --from 2026-07-27 --to 2026-08-07 --reason "Summer shutdown" >/dev/null
	run rapport workdays --partner 1 --from 2026-07-25 --days 1
	[ "${lines[0]}" = "Sat 2026-08-08: 1 working day after Sat 2026-07-25 at Dongguan Evergreen Knitwear (CN; works Mon-Sat)." ]
	[ "${lines[2]}" = "  Sun 2026-07-26                  weekend" ]
	[ "${lines[3]}" = "  Mon 2026-07-27 to Fri 2026-08-07  Summer shutdown (12 days)" ]
	# 0 days: the day itself when it is a working day, else the next one
	run rapport workdays --partner 1 --from 2026-07-27 --days 0 --json
	[ "$(echo "$output" | json_get '["date"]')" = "2026-08-08" ]
	# without --from: today (25 November 2026, a Wednesday) at the partner
	run rapport workdays --partner 1 --days 2 --json
	[ "$(echo "$output" | json_get '["from"]')" = "2026-11-25" ]
	[ "$(echo "$output" | json_get '["date"]')" = "2026-11-27" ]
}

@test "an agreed working week replaces the country's" {
	init_db
	rapport settings --partner 1 --workweek MON-FRI --hours 08:00-17:30 >/dev/null
	run rapport settings --partner 1
	[ "${lines[6]}" = "  partner works    Mon-Fri, 08:00-17:30 Asia/Shanghai (days as agreed)" ]
	[ "${lines[7]}" = "  buyer works      Mon-Fri, 09:00-18:00 Europe/London (its country's week)" ]
	# Friday 18 September + 1: Saturday is now off, Sunday 20th is the make-up day
	run rapport workdays --partner 1 --from 2026-09-18 --days 1 --json
	[ "$(echo "$output" | json_get '["date"]')" = "2026-09-20" ]
	[ "$(echo "$output" | json_get '["skipped"][0]')" = '{"date": "2026-09-19", "why": "weekend"}' ]
	run rapport settings --partner 1 --json
	[ "$(echo "$output" | json_get '["partner_week"]["days"]')" = "Mon-Fri" ]
	[ "$(echo "$output" | json_get '["partner_week"]["agreed"]')" = "true" ]
	[ "$(echo "$output" | json_get '["buyer_week"]["agreed"]')" = "false" ]
	# a Bangladeshi week wraps past Sunday
	rapport settings --partner 1 --workweek SAT-THU >/dev/null
	run rapport settings --partner 1
	[ "${lines[6]}" = "  partner works    Sat-Thu, 08:00-17:30 Asia/Shanghai (days as agreed)" ]
}

@test "bad working weeks and hours are refused by name and write nothing" {
	init_db
	before=$(dump)
	run rapport settings --partner 1 --workweek MON-SUN
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: workweek: a working week needs a day off: "MON-SUN"' ]
	run rapport settings --partner 1 --workweek Monday
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: workweek: not working days (e.g. MON-SAT, SAT-THU or MON,TUE,THU): "Monday"' ]
	run rapport settings --partner 1 --buyer-hours 18:00-09:00
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: buyer_hours: not working hours, start before end (e.g. 08:00-17:30): "18:00-09:00"' ]
	[ "$(dump)" = "$before" ]
}

@test "workdays refuses what it cannot count" {
	init_db
	run rapport workdays --partner 1 --from 2026-05-01
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --days: required (see rapport workdays --help)" ]
	run rapport workdays --partner 1 --from 2026-05-01 --days -1
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: --days: a whole number from 0 to 3650: "-1"' ]
	run rapport workdays --partner 1 --from 1999-12-31 --days 1
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --from: a date from 2000 to 2040, the years the holiday tables cover" ]
	run rapport workdays --partner 1 --from 2040-12-20 --days 30
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --days: 30 working days run past 2040, the last year the holiday tables cover" ]
	run rapport workdays --partner 9 --days 1
	[ "$status" -eq 2 ]
	[[ "$output" == "rapport: --partner: "* ]]
}

@test "a due date on the partner's day off is recorded with a warning" {
	init_db
	run --separate-stderr rapport commitment add --partner 1 --side buyer --what "Approve the lab dips" \
		--due 2026-10-01
	[ "$status" -eq 0 ]
	[ "$output" = "2" ]
	[ "$stderr" = 'rapport: warning: "Approve the lab dips" due 2026-10-01 falls on a day off at Dongguan Evergreen Knitwear (CN: National Day); their next working day is 2026-10-08' ]
	run --separate-stderr rapport commitment renegotiate 2 --due 2026-10-04
	[ "$status" -eq 0 ]
	[ "$stderr" = 'rapport: warning: commitment #2 now due 2026-10-04 falls on a day off at Dongguan Evergreen Knitwear (CN: National Day); their next working day is 2026-10-08' ]
	# a working day: no warning
	run --separate-stderr rapport commitment renegotiate 2 --due 2026-10-09
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	run --separate-stderr rapport spec publish --partner 1 --style "Cable crew" --version 1 \
		--production-start 2026-07-29
	[ "$stderr" = "" ]
	rapport closure add --partner 1 --from 2026-07-27 --to 2026-08-07 --reason "Summer shutdown" >/dev/null
	run --separate-stderr rapport spec publish --partner 1 --style "Cable crew" --version 2 \
		--production-start 2026-07-29
	[ "$stderr" = 'rapport: warning: production start of "Cable crew" 2026-07-29 falls on a day off at Dongguan Evergreen Knitwear (CN: Summer shutdown); their next working day is 2026-08-08' ]
	# a refused command prints its error, not the warning
	run --separate-stderr rapport commitment add --partner 1 --side nobody --what x --due 2026-10-01
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: side: must be one of buyer|partner" ]
}

@test "slots: both sides at work, in both local times, across the start of British Summer Time" {
	init_db
	# London GMT then BST from Sunday 28 March 2027; Shanghai UTC+8 all year.
	# Good Friday (26th) and Easter Monday (29th) are bank holidays in
	# England; Saturday 27th only the factory works.
	run rapport slots --partner 1 --from 2027-03-22 --days 10
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "Meeting slots with Dongguan Evergreen Knitwear, 2027-03-22 to 2027-03-31 (the buyer's dates)" ]
	[ "${lines[1]}" = "  buyer    Linden & Rowe, Europe/London: Mon-Fri, 09:00-18:00" ]
	[ "${lines[2]}" = "  partner  Dongguan Evergreen Knitwear, Asia/Shanghai: Mon-Sat, 09:00-18:00" ]
	[ "${lines[4]}" = "Mon 2027-03-22 09:00-10:00 +00:00  Mon 2027-03-22 17:00-18:00 +08:00  1h00" ]
	[ "${lines[7]}" = "Thu 2027-03-25 09:00-10:00 +00:00  Thu 2027-03-25 17:00-18:00 +08:00  1h00" ]
	[ "${lines[8]}" = "Tue 2027-03-30 09:00-11:00 +01:00  Tue 2027-03-30 16:00-18:00 +08:00  2h00" ]
	[ "${lines[9]}" = "Wed 2027-03-31 09:00-11:00 +01:00  Wed 2027-03-31 16:00-18:00 +08:00  2h00" ]
	[ "${#lines[@]}" -eq 10 ]
	run rapport slots --partner 1 --from 2027-03-30 --days 1 --json
	[ "$(echo "$output" | json_get '[0]["from"]')" = "2027-03-30T08:00:00Z" ]
	[ "$(echo "$output" | json_get '[0]["minutes"]')" = "120" ]
	[ "$(echo "$output" | json_get '[0]["partner"]["from"]')" = "2027-03-30T16:00:00+08:00" ]
	[ "$(echo "$output" | json_get '[0]["buyer"]["to"]')" = "2027-03-30T11:00:00+01:00" ]
}

@test "slots follow agreed hours and a partner's Friday weekend; none is said plainly" {
	init_db
	rapport partner add --name "Dhaka Knit" --country BD --tz Asia/Dhaka >/dev/null
	# Tuesday 1 December 2026 on: London 09:00-18:00 GMT, Dhaka 09:00-18:00
	# UTC+6 meet 09:00-12:00 GMT; Friday 4th is Dhaka's weekend
	run rapport slots --partner 2 --from 2026-12-01 --days 5 --json
	[ "$(echo "$output" | python3 -c 'import json,sys; print(" ".join(s["buyer"]["from"][:10] for s in json.load(sys.stdin)))')" = \
		"2026-12-01 2026-12-02 2026-12-03" ]
	[ "$(echo "$output" | json_get '[0]["minutes"]')" = "180" ]
	# Dhaka 12:00-18:00 is 06:00-12:00 UTC; London from 08:00
	rapport settings --partner 2 --hours 12:00-18:00 --buyer-hours 08:00-16:00 >/dev/null
	run rapport slots --partner 2 --from 2026-12-01 --days 1 --json
	[ "$(echo "$output" | json_get '[0]["buyer"]["from"]')" = "2026-12-01T08:00:00+00:00" ]
	[ "$(echo "$output" | json_get '[0]["partner"]["to"]')" = "2026-12-01T18:00:00+06:00" ]
	[ "$(echo "$output" | json_get '[0]["minutes"]')" = "240" ]
	# Dhaka 08:00-12:00 ends at 06:00 UTC, before London starts

	rapport settings --partner 2 --hours 08:00-12:00 --buyer-hours 09:00-17:00 >/dev/null
	run rapport slots --partner 2 --from 2026-12-01 --days 3
	[ "$status" -eq 0 ]
	[ "${lines[3]}" = "No time in these 3 days when both sides are at work on a working day of each." ]
	run rapport slots --partner 2 --from 2026-12-01 --days 3 --json
	[ "$output" = "[]" ]
	run rapport slots --partner 2 --days 93
	[ "$status" -eq 2 ]
	[ "$output" = 'rapport: --days: a whole number from 1 to 92: "93"' ]
}

@test "holidays without a database still work; --partner needs one" {
	sqlite_only "checks that no SQLite file was made"
	run rapport holidays --country VN --year 2026 --json
	[ "$status" -eq 0 ]
	no_database
	run rapport holidays --year 2026
	[ "$status" -eq 2 ]
	[ "$output" = "rapport: --country: required (or --partner)" ]
	run rapport holidays --partner 1 --year 2026
	[ "$status" -eq 2 ]
	no_database
}
