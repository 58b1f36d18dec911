#!/usr/bin/env bats
# GET /partners/{id}/slots: the meeting slots both sides can make, in both
# local times, slot for slot what `rapport slots --json` computes on the
# same database at the same pinned time; who may see them; bad input.

load helper

# The demo record, made once for the file (prepared_db); each test
# starts from a copy of it.
setup_file() {
	export RAPPORT_NOW="2026-11-25T10:00:00Z" RAPPORT_AUTHOR="Maya Okafor"
	prepared_db demo --today 2026-11-25
}

teardown_file() {
	drop_prepared_db
}

demo_server() {
	use_prepared_db
	start_server --threads 1
}

# page_slots FILE: one line per slot: buyer from, to, partner from, to and minutes.
page_slots() {
	python3 - "$1" <<'PY'
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
for row in re.findall(r'<tr data-minutes="(\d+)">(.*?)</tr>', html):
    print(" ".join(re.findall(r'datetime="([^"]*)"', row[1]) + [row[0]]))
PY
}

# cli_slots JSON: the same lines from rapport slots --json.
cli_slots() {
	jsonq '"\n".join(" ".join([s["buyer"]["from"], s["buyer"]["to"], s["partner"]["from"], s["partner"]["to"], str(s["minutes"])]) for s in x)'
}

@test "without a session the slots page goes to the sign-in page" {
	init_db
	start_server --threads 1
	get '/partners/1/slots?days=3'
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fpartners%2F1%2Fslots%3Fdays%3D3" ]
}

@test "across the start of British Summer Time: the slots rapport slots lists, in both local times" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as '/partners/1/slots?from=2027-03-22&days=10'
	[ "$STATUS" = 200 ]
	grep -qF '<title>Meeting slots with Dongguan Evergreen Knitwear Co., Ltd. - Rapport</title>' "$BODY"
	run rapport slots --partner 1 --from 2027-03-22 --days 10 --json
	[ "$status" -eq 0 ]
	want=$(cli_slots <<<"$output")
	[ -n "$want" ]
	[ "$(page_slots "$BODY")" = "$want" ]
	# by hand: London 09:00-10:00 GMT is 17:00-18:00 in Dongguan; after
	# 28 March, 09:00 BST is 16:00 there and the overlap is two hours;
	# Good Friday (26th) and Easter Monday (29th) are England's days off
	grep -qF '<time datetime="2027-03-22T09:00:00+00:00">Mon Mar 22, 2027</time> <time class="hours" datetime="2027-03-22T10:00:00+00:00">09:00&ndash;10:00</time> <span class="utc">UTC+00:00</span>' "$BODY"
	grep -qF '<time datetime="2027-03-30T16:00:00+08:00">Tue Mar 30, 2027</time> <time class="hours" datetime="2027-03-30T18:00:00+08:00">16:00&ndash;18:00</time> <span class="utc">UTC+08:00</span></td><td class="num">2 h 00 min</td>' "$BODY"
	run ! grep -qF '2027-03-26T' "$BODY"
	run ! grep -qF '2027-03-29T' "$BODY"
	grep -qF '<li data-side="buyer">Linden &amp; Rowe works Mon-Fri, 09:00-18:00, Europe/London time.</li>' "$BODY"
	grep -qF 'value="2027-03-22"' "$BODY"
	grep -qF 'value="10"' "$BODY"
}

@test "by default the next seven days from today at the buyer's, as the CLI at the same pinned time" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as /partners/2/slots
	[ "$STATUS" = 200 ]
	grep -qF 'value="2026-11-25"' "$BODY"
	grep -qF 'value="7"' "$BODY"
	run rapport slots --partner 2 --json
	want=$(cli_slots <<<"$output")
	[ -n "$want" ]
	[ "$(page_slots "$BODY")" = "$want" ]
}

@test "the relationship page links to the slots" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as /partners/1
	grep -qF '<a href="/partners/1/slots">Meeting slots</a>' "$BODY"
}

@test "a viewer reads the slots; a partner's user its own only, in Chinese" {
	demo_server
	login tom@lindenrowe.example rapport-demo
	as '/partners/3/slots?from=2027-01-04&days=5'
	[ "$STATUS" = 200 ]
	JAR=chen.jar login chen.jing@evergreen.example rapport-demo
	JAR=chen.jar as '/partners/1/slots?from=2027-03-22&days=1'
	[ "$STATUS" = 200 ]
	grep -qF '<title>与 Dongguan Evergreen Knitwear Co., Ltd. 的可开会时段 - Rapport</title>' "$BODY"
	grep -qF '<time datetime="2027-03-22T17:00:00+08:00">周一 2027年3月22日</time>' "$BODY"
	grep -qF '<td class="num">1 小时 00 分钟</td>' "$BODY"
	for other in 2 3 99; do
		JAR=chen.jar as "/partners/$other/slots"
		[ "$STATUS" = 404 ] || { echo "partner $other: $STATUS" >&2; return 1; }
	done
	run ! grep -qF 'Saigon' "$BODY"
}

@test "bad input answers 400 naming the field; no slot on days nobody works is said plainly" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	for bad in 0 93 x -1 7.5; do
		as "/partners/1/slots?days=$bad"
		[ "$STATUS" = 400 ] || { echo "days=$bad: $STATUS" >&2; return 1; }
		grep -qF '<p>days: a number of days from 1 to 92</p>' "$BODY"
	done
	as '/partners/1/slots?from=2027-02-30'
	[ "$STATUS" = 400 ]
	grep -qF '<p>from: ' "$BODY"
	as '/partners/1/slots?from=1999-06-01'
	[ "$STATUS" = 400 ]
	grep -qF '<p>from: the days must lie from 2000-01-03 to 2040-12-29, the years the holiday tables cover</p>' "$BODY"
	run rapport slots --partner 1 --from 1999-06-01
	[ "$status" -eq 2 ]
	[[ "$output" == *"--from: the days must lie from 2000-01-03 to 2040-12-29"* ]]
	# the Spring Festival closure: no slot all week
	as '/partners/1/slots?from=2027-02-06&days=7'
	[ "$STATUS" = 200 ]
	grep -qF '<p class="none">No time in these days when both sides are at work on a working day of each.' "$BODY"
	run rapport slots --partner 1 --from 2027-02-06 --days 7 --json
	[ "$output" = "[]" ]
}

@test "the partner's name is escaped" {
	init_db
	rapport partner add --name '<script>alert(1)</script>' --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as '/partners/2/slots?from=2027-03-01&days=2'
	[ "$STATUS" = 200 ]
	grep -qF '<h1>Meeting slots with &lt;script&gt;alert(1)&lt;/script&gt;</h1>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
}
