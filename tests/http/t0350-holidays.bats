#!/usr/bin/env bats
# GET /holidays: a month of both sides' calendars on the demo record,
# checked day by day against `rapport holidays` on the same database;
# who may see which partner's; a bad month; text from the record escaped.

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

# days FILE SIDE: the "DATE KIND" of the marked days listed under SIDE's grid.
days() {
	sed -n "/<section class=\"side\" data-side=\"$2\">/,/<\/section>/p" "$1" |
		sed -n 's/^<li data-date="\([0-9-]*\)" data-kind="\([a-z]*\)">.*/\1 \2/p'
}

# cell FILE SIDE DATE: the class of DATE's cell in SIDE's grid.
cell() {
	sed -n "/<section class=\"side\" data-side=\"$2\">/,/<\/section>/p" "$1" | grep -o "<td data-date=\"$3\" class=\"[^\"]*\"" |
		sed 's/.*class="\([^"]*\)"/\1/'
}

@test "without a session /holidays goes to the sign-in page" {
	init_db
	start_server --threads 1
	get '/holidays?month=2027-02'
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fholidays%3Fmonth%3D2027-02" ]
}

@test "February 2027 for the buyer's admin: the Spring Festival days as rapport holidays --partner 1 lists them" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as '/holidays?month=2027-02'
	[ "$STATUS" = 200 ]
	grep -qF '<title>Holidays: February 2027 - Rapport</title>' "$BODY"
	grep -qF '<option value="1" selected>Dongguan Evergreen Knitwear Co., Ltd.</option>' "$BODY" # the first partner
	grep -qF '<a href="/holidays" aria-current="page">Holidays</a>' "$BODY"
	# the CLI's days of February, kind for kind, are the page's list
	run rapport holidays --partner 1 --year 2027 --json
	want=$(jsonq '"\n".join(d["date"] + " " + d["kind"] for d in x if d["date"].startswith("2027-02"))' <<<"$output")
	[ -n "$want" ]
	[ "$(days "$BODY" partner)" = "$want" ]
	# by hand: the closure from 30 January, the four days off from Friday 5, the closure to Monday 15
	[ "$(cell "$BODY" partner 2027-02-04)" = closure ]
	[ "$(cell "$BODY" partner 2027-02-05)" = public ]
	[ "$(cell "$BODY" partner 2027-02-07)" = "public off" ] # a Sunday, the factory's day off
	[ "$(cell "$BODY" partner 2027-02-15)" = closure ]
	[ "$(cell "$BODY" partner 2027-02-16)" = "" ]
	[ "$(cell "$BODY" partner 2027-02-20)" = observance ] # the Lantern Festival
	[ "$(cell "$BODY" partner 2027-02-27)" = "" ]       # a Saturday the factory works
	[ "$(cell "$BODY" partner 2027-02-28)" = off ]
	grep -qF '<li data-date="2027-02-06" data-kind="public"><time datetime="2027-02-06">Feb 6, 2027</time> Public holiday: Spring Festival (春节) <em>estimated</em></li>' "$BODY"
	# the buyer's side: England has nothing in February, and rests on Saturday and Sunday
	run rapport holidays --country GB --year 2027 --json
	[ "$(jsonq '[d for d in x if d["date"].startswith("2027-02")]' <<<"$output")" = '[]' ]
	[ -z "$(days "$BODY" buyer)" ]
	[ "$(cell "$BODY" buyer 2027-02-05)" = "" ]
	[ "$(cell "$BODY" buyer 2027-02-06)" = off ]
	[ "$(cell "$BODY" buyer 2027-02-07)" = off ]
	grep -qF '<p class="hint">Works Mon-Fri, 09:00-18:00, Europe/London time.</p>' "$BODY"
	grep -qF '<p class="hint">Works Mon-Sat, 09:00-18:00, Asia/Shanghai time.</p>' "$BODY"
	# four weeks from Monday 1 to Sunday 28: no blank cell
	[ "$(sed -n '/data-side="partner"/,/<\/section>/p' "$BODY" | grep -c '^<tr><td data-date')" = 4 ]
	run ! grep -qF '<td></td>' "$BODY"
	# the months either side
	grep -qF '<a rel="prev" href="/holidays?partner=1&amp;month=2027-01">&larr; January 2027</a>' "$BODY"
	grep -qF '<a rel="next" href="/holidays?partner=1&amp;month=2027-03">March 2027 &rarr;</a>' "$BODY"
}

@test "another partner's country: Viet Nam's Tết for partner 2, as the CLI lists it" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as '/holidays?partner=2&month=2027-02'
	[ "$STATUS" = 200 ]
	grep -qF '<option value="2" selected>Saigon Loom Garments JSC</option>' "$BODY"
	run rapport holidays --partner 2 --year 2027 --json
	want=$(jsonq '"\n".join(d["date"] + " " + d["kind"] for d in x if d["date"].startswith("2027-02"))' <<<"$output")
	[ -n "$want" ]
	[ "$(days "$BODY" partner)" = "$want" ]
}

@test "this month by default, today marked; a month starting on a Sunday has a blank first week" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as /holidays
	[ "$STATUS" = 200 ]
	grep -qF '<h1>Holidays: November 2026</h1>' "$BODY"
	grep -qF '<td data-date="2026-11-25" class="today" aria-current="date">' "$BODY"
	# Sunday 1 November sits in the last column of the first row
	grep -qF '<tr><td></td><td></td><td></td><td></td><td></td><td></td><td data-date="2026-11-01" class="off">' "$BODY"
}

@test "a viewer reads the calendar" {
	demo_server
	login tom@lindenrowe.example rapport-demo
	as '/holidays?month=2027-02&partner=3'
	[ "$STATUS" = 200 ]
	grep -qF '<option value="3" selected>Padma Knit Composite Ltd.</option>' "$BODY"
}

@test "a partner's user sees its own calendar and the buyer's, in Chinese; another partner's is a 404" {
	demo_server
	login chen.jing@evergreen.example rapport-demo
	as '/holidays?month=2027-02'
	[ "$STATUS" = 200 ]
	grep -qF '<title>节假日：2027年2月 - Rapport</title>' "$BODY"
	grep -qF '<th scope="col">周一</th>' "$BODY"
	grep -qF '<p class="hint">工作日：周一-周六，09:00-18:00（Asia/Shanghai 时间）。</p>' "$BODY"
	grep -qF '2027年2月5日</time> 法定节假日：Spring Festival (春节) <em>推算</em></li>' "$BODY"
	run ! grep -qF 'name="partner"' "$BODY" # no other partner to choose
	run ! grep -qF 'Saigon' "$BODY"
	as '/holidays?month=2027-02&partner=1'
	[ "$STATUS" = 200 ]
	for other in 2 3 99 0 x; do
		as "/holidays?month=2027-02&partner=$other"
		[ "$STATUS" = 404 ] || { echo "partner=$other: $STATUS" >&2; return 1; }
	done
	run ! grep -qF 'Saigon' "$BODY"
}

@test "a month that is not one answers 400 naming the field" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	for bad in 2027-13 2027-2 27-02 2027-02-01 February 1999-12 2041-01; do
		as "/holidays?month=$bad"
		[ "$STATUS" = 400 ] || { echo "month=$bad: $STATUS" >&2; return 1; }
		grep -qF '<p>month: ' "$BODY"
	done
	as '/holidays?month=2027-13'
	grep -qF '<p>month: not a month (want YYYY-MM): &quot;2027-13&quot;</p>' "$BODY"
	as '/holidays?month=2041-01'
	grep -qF '<p>month: the calendars cover the years 2000 to 2040</p>' "$BODY"
	# the edges have no link past them
	as '/holidays?month=2040-12'
	[ "$STATUS" = 200 ]
	run ! grep -qF 'rel="next"' "$BODY"
}

@test "a recorded closure is merged in, its reason and the partner's name escaped" {
	init_db
	rapport partner add --name '<script>alert(1)</script>' --country CN --tz Asia/Shanghai >/dev/null
	rapport closure add --partner 2 --from 2027-03-01 --to 2027-03-02 --reason '<b>audit</b> & "power"' >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as '/holidays?partner=2&month=2027-03'
	[ "$STATUS" = 200 ]
	grep -qF '<option value="2" selected>&lt;script&gt;alert(1)&lt;/script&gt;</option>' "$BODY"
	grep -qF '<h2>&lt;script&gt;alert(1)&lt;/script&gt; (China)</h2>' "$BODY"
	grep -qF '<td data-date="2027-03-01" class="closure"><span class="d">1</span><span class="name">&lt;b&gt;audit&lt;/b&gt; &amp; &quot;power&quot;</span></td>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
	run ! grep -qF '<b>audit' "$BODY"
	run rapport holidays --partner 2 --year 2027 --json
	[ "$(jsonq '[d["kind"] for d in x if d["date"] in ("2027-03-01", "2027-03-02")]' <<<"$output")" = '["closure","closure"]' ]
	[ "$(days "$BODY" partner)" = "$(printf '2027-03-01 closure\n2027-03-02 closure')" ]
}

@test "a make-up workday on a Sunday is a working day, not a day off (China, September 2026)" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as '/holidays?partner=1&month=2026-09'
	[ "$STATUS" = 200 ]
	run rapport holidays --partner 1 --year 2026 --json
	want=$(jsonq '"\n".join(d["date"] + " " + d["kind"] for d in x if d["date"].startswith("2026-09"))' <<<"$output")
	[ "$(days "$BODY" partner)" = "$want" ]
	# the State Council's notice for 2026: Sunday 20 September is worked for National Day
	[ "$(cell "$BODY" partner 2026-09-20)" = workday ]
	[ "$(cell "$BODY" partner 2026-09-13)" = off ]
	[ "$(cell "$BODY" partner 2026-09-27)" = "public off" ] # Mid-Autumn on a Sunday
	grep -qF '<td data-date="2026-09-20" class="workday"><span class="d">20</span><span class="name">' "$BODY"
	grep -qF 'Make-up workday: ' "$BODY"
}
