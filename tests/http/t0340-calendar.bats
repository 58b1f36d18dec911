#!/usr/bin/env bats
# The calendar feed on the web: GET /calendar shows the signed-in user's
# feed address, POST /calendar makes or replaces its secret token (the one
# `rapport calendar token` prints for the same author), and GET
# /calendar/TOKEN.ics serves the feed without a session. A buyer's user gets
# one calendar of every partner (each relationship's events exactly as
# `rapport calendar --partner N` gives them, the buyer's days once), a
# partner's user its own relationship's, byte for byte `rapport calendar
# --partner N --side partner`. Both are read back by ical.js and
# python3-icalendar. The token never reaches the access log.

load helper

ICAL_DIR="$BATS_TEST_DIRNAME/../ical"

setup_file() {
	export RAPPORT_NOW="2026-11-25T10:00:00Z"
	prepared_db demo --today 2026-11-25
}

teardown_file() {
	drop_prepared_db
}

demo_server() {
	use_prepared_db
	start_server --threads 2
}

sign_in() {
	login "$1" rapport-demo
	[ "$STATUS" = 303 ]
}

# token_of EMAIL: the author's token in the database.
token_of() {
	db_query "SELECT token FROM feed_tokens WHERE author = '$1'"
}

# events FILE: the feed's events as JSON, UID -> the event's text
# (python3-icalendar's reading of it, DTSTAMP included).
events() {
	/usr/bin/python3 - "$1" <<'PY'
import icalendar, json, sys
cal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())
print(json.dumps({str(e["UID"]): e.to_ical().decode() for e in cal.walk("VEVENT")}, sort_keys=True))
PY
}

@test "without a session: /calendar leads to the sign-in, the POST answers 401, a bad token 404" {
	demo_server
	get /calendar
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fcalendar" ]
	get /calendar -d x=1
	[ "$STATUS" = 401 ]
	[ "$(db_query "SELECT count(*) FROM feed_tokens")" = 0 ]
	# a token of the right shape that no one has, and shapes that are none
	good=$(rapport calendar token --author maya@lindenrowe.example)
	[ "${#good}" = 43 ]
	for bad in AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics "${good:1}.ics" "${good}A.ics" "$good" \
		"$good.ICS" "$good.ics.ics" "${good:0:42}!.ics" x.ics .ics; do
		get "/calendar/$bad"
		[ "$STATUS" = 404 ] || { echo "$bad: $STATUS" >&2; return 1; }
		grep -qF '<h1>404 Not Found</h1>' "$BODY"
	done
	get "/calendar/$good.ics"
	[ "$STATUS" = 200 ]
}

@test "a buyer's admin makes a feed address; the feed holds every partner's events, as rapport calendar gives them" {
	demo_server
	sign_in maya@lindenrowe.example
	as /calendar
	[ "$STATUS" = 200 ]
	grep -qF '<title>Calendar feed - Rapport</title>' "$BODY"
	grep -qF '<p>You have no feed address yet.</p>' "$BODY"
	grep -qF '<button type="submit">Make my feed address</button>' "$BODY"
	post_form /calendar
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /calendar ]
	token=$(token_of maya@lindenrowe.example)
	[ "${#token}" = 43 ]
	# the CLI reads the same token for the same author
	[ "$(rapport calendar token --author maya@lindenrowe.example)" = "$token" ]
	as /calendar
	grep -qF "<input id=\"feed-url\" type=\"text\" readonly value=\"$URL/calendar/$token.ics\">" "$BODY"
	grep -qF 'Make a new address (the old one stops working)' "$BODY"

	# the feed, with no cookie at all
	get "/calendar/$token.ics"
	[ "$STATUS" = 200 ]
	[ "$(header content-type)" = "text/calendar; charset=utf-8" ]
	cp "$BODY" feed.ics
	grep -qF $'X-WR-CALNAME:Rapport: Linden & Rowe and 3 partners\r' feed.ics
	grep -qF $'X-WR-TIMEZONE:Europe/London\r' feed.ics
	# the events: rapport calendar's for each partner, seen from the buyer's
	# side; the buyer's own days once, under partner 1's relationship
	for p in 1 2 3; do rapport calendar --partner "$p" >"p$p.ics"; done
	events feed.ics >web.json
	/usr/bin/python3 - p1.ics p2.ics p3.ics <<'PY' >cli.json
import icalendar, json, sys
out = {}
for i, f in enumerate(sys.argv[1:]):
    for e in icalendar.Calendar.from_ical(open(f, "rb").read()).walk("VEVENT"):
        uid = str(e["UID"])
        if i > 0 and uid.startswith("holiday-buyer-"):
            continue
        out[uid] = e.to_ical().decode()
print(json.dumps(out, sort_keys=True))
PY
	cmp cli.json web.json
	[ "$(jsonq 'len(x)' <web.json)" -gt 100 ]
	[ "$(jsonq 'len([u for u in x if u.startswith("cadence@")])' <web.json)" = 3 ]
	# both parsers read all of it: one VTIMEZONE per zone, a cadence per partner
	run "$ICAL_DIR/check.py" feed.ics 2026-11-29T00:00:00Z 2026-12-01T00:00:00Z
	[ "$status" -eq 0 ]
	echo "$output" >py.json
	[ "$(jsonq 'x["components"]["VTIMEZONE"]' <py.json)" = 3 ]
	[ "$(jsonq 'x["events"]' <py.json)" = "$(jsonq 'len(x)' <web.json)" ]
	# the demo's cadences (rapport settings): MON@09:00 in Dongguan (UTC+8)
	# and Ho Chi Minh City (UTC+7), SUN@10:00 in Dhaka (UTC+6)
	[ "$(jsonq 'sorted(i for c in x["cadences"].values() for i in c["instants"])' <py.json)" = \
		'["2026-11-29T04:00:00Z","2026-11-30T01:00:00Z","2026-11-30T02:00:00Z"]' ]
	if command -v node >/dev/null && [ -d "$ICAL_DIR/node_modules/ical.js" ]; then
		run node "$ICAL_DIR/check.mjs" feed.ics 2026-11-29T00:00:00Z 2026-12-01T00:00:00Z
		[ "$status" -eq 0 ]
		echo "$output" >js.json
		[ "$(jsonq 'x["events"]' <js.json)" = "$(jsonq 'len(x)' <web.json)" ]
		[ "$(jsonq 'sorted(i for c in x["cadences"].values() for i in c["instants"])' <js.json)" = \
			'["2026-11-29T04:00:00Z","2026-11-30T01:00:00Z","2026-11-30T02:00:00Z"]' ]
	fi

	# a new address: the old one stops working
	post_form /calendar
	[ "$STATUS" = 303 ]
	new=$(token_of maya@lindenrowe.example)
	[ "$new" != "$token" ]
	get "/calendar/$token.ics"
	[ "$STATUS" = 404 ]
	get "/calendar/$new.ics"
	[ "$STATUS" = 200 ]

	# neither token is in the access log; the requests are, with the token replaced
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
	run ! grep -qF "$token" "$LOG"
	run ! grep -qF "$new" "$LOG"
	grep -Eq ' access 127\.0\.0\.1 GET /calendar/\[token\]\.ics 200 [0-9]+ ' "$LOG"
	grep -Eq ' access 127\.0\.0\.1 GET /calendar/\[token\]\.ics 404 [0-9]+ ' "$LOG"
}

@test "a token percent-encoded in the path is kept out of the log too" {
	demo_server
	token=$(rapport calendar token --author maya@lindenrowe.example)
	# "/cal%65ndar/..." and an encoded first letter of the token: the
	# server decodes both, and the log must not hold the raw path
	enc=$(printf '%%%02X' "'${token:0:1}")
	get "/cal%65ndar/$enc${token:1}.ics"
	[ "$STATUS" = 200 ]
	stop_server
	run ! grep -qF "${token:1}" "$LOG"
	grep -qF ' GET /calendar/[token].ics 200 ' "$LOG"
}

@test "a partner's user gets its own relationship, byte for byte rapport calendar --side partner" {
	demo_server
	sign_in chen.jing@evergreen.example
	as /calendar
	[ "$STATUS" = 200 ]
	grep -qF '<html lang="zh-CN">' "$BODY"
	grep -qF '<h1>日历订阅</h1>' "$BODY"
	grep -qF '<button type="submit">生成我的订阅地址</button>' "$BODY"
	post_form /calendar
	[ "$STATUS" = 303 ]
	token=$(token_of chen.jing@evergreen.example)
	get "/calendar/$token.ics"
	[ "$STATUS" = 200 ]
	rapport calendar --partner 1 --side partner >cli.ics
	cmp cli.ics "$BODY"
	run ! grep -qF 'Saigon' "$BODY"
	run ! grep -qF 'Padma' "$BODY"
	# partner 2's user: its own only
	rm -f "$JAR"
	sign_in lan.nguyen@saigonloom.example
	post_form /calendar
	get "/calendar/$(token_of lan.nguyen@saigonloom.example).ics"
	[ "$STATUS" = 200 ]
	rapport calendar --partner 2 --side partner >cli2.ics
	cmp cli2.ics "$BODY"
}

@test "a buyer's viewer may have a feed; a POST without the CSRF field makes none" {
	demo_server
	sign_in tom@lindenrowe.example
	as /calendar --data-urlencode x=1
	[ "$STATUS" = 403 ]
	as /calendar --data-urlencode csrf=wrong
	[ "$STATUS" = 403 ]
	[ "$(db_query "SELECT count(*) FROM feed_tokens")" = 0 ]
	post_form /calendar
	[ "$STATUS" = 303 ]
	get "/calendar/$(token_of tom@lindenrowe.example).ics"
	[ "$STATUS" = 200 ]
	grep -qF $'X-WR-CALNAME:Rapport: Linden & Rowe and 3 partners\r' "$BODY"
}

@test "a token whose author is no web user, or a disabled one, serves nothing" {
	demo_server
	stranger=$(rapport calendar token --author "Maya Okafor")
	get "/calendar/$stranger.ics"
	[ "$STATUS" = 404 ]
	tom=$(rapport calendar token --author tom@lindenrowe.example)
	get "/calendar/$tom.ics"
	[ "$STATUS" = 200 ]
	rapport user disable --email tom@lindenrowe.example >/dev/null
	get "/calendar/$tom.ics"
	[ "$STATUS" = 404 ]
}

@test "the feed address is written escaped" {
	demo_server
	sign_in maya@lindenrowe.example
	post_form /calendar
	token=$(token_of maya@lindenrowe.example)
	# curl sends the jar's cookies only to the jar's host: the cookie by hand
	get /calendar -H 'Host: x"><b>y' -H "Cookie: rapport_session=$(session_cookie)"
	[ "$STATUS" = 200 ]
	grep -qF "value=\"http://x&quot;&gt;&lt;b&gt;y/calendar/$token.ics\">" "$BODY"
	run ! grep -qF '<b>y' "$BODY"
}
