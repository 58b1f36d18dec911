#!/usr/bin/env bats
# GET /, the dashboard: the relationships the signed-in user's organisation
# may see, read by the serving thread and written through the layout and
# the HTML printer.

load helper

# row_of ID: the dashboard's row of partner ID in $BODY, one line.
row_of() {
	grep "^<tr><td><a href=\"/partners/$1\">" "$BODY"
}

# cells ID: a row's cells after its name, without the sparklines' SVG,
# which is tested in test_svg.c.
cells() {
	row_of "$1" | perl -pe 's/ <svg[^>]*>.*?<\/svg>//g; s/^<tr><td><a href="[^"]*">[^<]*<\/a><\/td>//'
}

# score_of ID DIR: rapport score's overall score and sigma of DIR, as the
# dashboard's data attributes write them.
score_of() {
	rapport score --partner "$1" --json |
		jsonq "'data-score=\"%.6f\" data-sigma=\"%.6f\"' % (x['directions']['$2']['overall']['score'], x['directions']['$2']['overall']['sigma'])"
}

@test "GET / lists every partner for a buyer user: name, country, city, since, scores, gap clock, agenda" {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as /
	[ "$STATUS" = 200 ]
	[ "$(header content-type)" = "text/html; charset=utf-8" ]
	grep -qF '<title>Dashboard - Rapport</title>' "$BODY"
	grep -qxF '<h1>Linden &amp; Rowe</h1>' "$BODY"
	grep -qxF '<h2>Partners</h2>' "$BODY"
	run grep -c '^<tr><td>' "$BODY"
	[ "$output" = 2 ]
	# both were added at RAPPORT_NOW, shown as the buyer's day in English;
	# the buyer's agenda holds one item of each: the first contact, due
	# within the ideal 7 days (rapport agenda --side buyer)
	grep -qF '<th>Name</th><th>Country</th><th>City</th><th>Since</th><th>Partner&#39;s score</th><th>Buyer&#39;s score</th><th>Last contact</th><th>Agenda</th><th>Actions</th>' "$BODY"
	# each direction's overall score as rapport score gives it, with no
	# evidence yet; no contact in the 0 days since the start: on track
	for id in 1 2; do
		[ "$(cells $id | sed 's/<td class="score".*//')" = "<td>$([ $id = 1 ] && echo China || echo Vietnam)</td><td>$([ $id = 1 ] && echo Dongguan)</td><td>Nov 25, 2026</td>" ]
		cells $id | grep -qF "<td class=\"score\" data-dir=\"partner\" $(score_of $id partner)><span class=\"num\">"
		cells $id | grep -qF "<td class=\"score\" data-dir=\"buyer\" $(score_of $id buyer)><span class=\"num\">"
		cells $id | grep -qF "<td class=\"gap gap-ok\" data-days=\"0\">0 days ago<br><span class=\"hint\">Contact on track</span></td><td class=\"agenda\"><a href=\"/agenda?partner=$id\"><span class=\"overdue\" data-count=\"0\">0 overdue</span>, <span class=\"due\" data-count=\"0\">0 due</span>, <span class=\"upcoming\" data-count=\"1\">1 upcoming</span></a></td><td><a href=\"/partners/$id/contact\">Log a contact</a></td></tr>"
		# a sparkline of each direction: 13 weekly points
		[ "$(row_of $id | grep -o '<svg class="spark"' | wc -l)" = 2 ]
	done
	# shown to two places: 0.5 and 0.135401
	cells 1 | grep -qF '<span class="num">0.50 <span class="sigma">&plusmn;0.14</span></span>'
	[ "$(score_of 1 partner)" = 'data-score="0.500000" data-sigma="0.135401"' ]
}

@test "GET / shows a partner's user only its own relationship" {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user partner:2 lan.nguyen@saigonloom.example member
	start_server --threads 1
	login lan.nguyen@saigonloom.example
	as /
	[ "$STATUS" = 200 ]
	grep -qxF '<h1>Saigon Loom Garments</h1>' "$BODY"
	grep -qxF '<h2>Your relationship</h2>' "$BODY"
	grep -qF '<a class="brand" href="/">Saigon Loom Garments</a>' "$BODY"
	run grep -c '^<tr><td>' "$BODY"
	[ "$output" = 1 ]
	grep -qF '<tr><td><a href="/partners/2">Saigon Loom Garments</a></td>' "$BODY"
	run ! grep -qF 'Dongguan' "$BODY"
	run ! grep -qF '/partners/1/' "$BODY"
}

@test "GET / offers a viewer no form to record anything" {
	init_db
	add_user buyer tom@lindenrowe.example viewer
	start_server --threads 1
	login tom@lindenrowe.example
	as /
	[ "$STATUS" = 200 ]
	cells 1 | grep -qF '<span class="upcoming" data-count="1">1 upcoming</span></a></td></tr>'
	run ! grep -qF '<th>Actions</th>' "$BODY"
	run ! grep -qF 'Log a contact' "$BODY"
}

@test "GET / escapes a partner's name: <script>&\"' becomes text" {
	init_db
	rapport partner add --name "Evil <script>alert(1)</script> & \"Sons\" 'Ltd'" --country BD --tz Asia/Dhaka \
		--city "<b>Dhaka</b>" >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as /
	[ "$STATUS" = 200 ]
	grep -qF '<tr><td><a href="/partners/2">Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; &#39;Ltd&#39;</a></td><td>Bangladesh</td><td>&lt;b&gt;Dhaka&lt;/b&gt;</td>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
	run ! grep -qF '<b>' "$BODY"
}

@test "GET / escapes a partner's name in its own user's header too" {
	init_db
	rapport partner add --name "<script>alert(1)</script>" --country BD --tz Asia/Dhaka >/dev/null
	add_user partner:2 rahim@padmaknit.example member
	start_server --threads 1
	login rahim@padmaknit.example
	as /
	[ "$STATUS" = 200 ]
	grep -qF '<a class="brand" href="/">&lt;script&gt;alert(1)&lt;/script&gt;</a>' "$BODY"
	grep -qxF '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
}

@test "GET / sees partners added while the server runs" {
	init_db
	add_user buyer maya@lindenrowe.example member
	start_server --threads 2
	login maya@lindenrowe.example
	as /
	run ! grep -qF 'Padma Knit' "$BODY"
	rapport partner add --name "Padma Knit Composite" --country BD --tz Asia/Dhaka --city Dhaka >/dev/null
	# both threads' connections read the new row (new connections spread over the two)
	for i in $(seq 6); do
		as /
		grep -qF '<tr><td><a href="/partners/2">Padma Knit Composite</a></td><td>Bangladesh</td><td>Dhaka</td>' "$BODY"
	done
}

@test "GET / shows each partner's contact-gap clock: days since the last contact against the agreed gaps" {
	RAPPORT_NOW=2026-11-01T10:00:00Z init_db
	RAPPORT_NOW=2026-11-01T10:00:00Z rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-10T09:00Z >/dev/null
	rapport contact --partner 2 --by partner --kind email --at 2026-11-20T09:00Z >/dev/null
	rapport settings --partner 2 --gap-ideal 3 >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as /
	# now is Nov 25 10:00: 15 days past the default maximum of 14, and 5
	# days past partner 2's ideal of 3 but within its maximum
	cells 1 | grep -qF '<td class="gap gap-overdue" data-days="15">15 days ago<br><span class="hint">Contact overdue</span></td>'
	cells 2 | grep -qF '<td class="gap gap-due" data-days="5">5 days ago<br><span class="hint">Contact due</span></td>'
	rapport contact --partner 1 --by buyer --kind video --at 2026-11-25T08:00Z >/dev/null
	as /
	cells 1 | grep -qF '<td class="gap gap-ok" data-days="0">0 days ago<br><span class="hint">Contact on track</span></td>'
}

@test "GET / shows 50 partners a page, each with its agenda counted, and links the pages" {
	init_db
	for i in $(seq 2 55); do
		if [ $((i % 2)) = 0 ]; then
			rapport partner add --name "Factory $i" --country VN --tz Asia/Ho_Chi_Minh --city Hanoi >/dev/null
		else
			rapport partner add --name "Factory $i" --country BD --tz Asia/Dhaka --city Dhaka >/dev/null
		fi
	done
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as /
	[ "$STATUS" = 200 ]
	[ "$(grep -c '^<tr><td>' "$BODY")" = 50 ]
	row_of 1 >/dev/null
	row_of 50 >/dev/null
	run ! row_of 51
	# every row's agenda is counted: the first contact, due within 7 days
	[ "$(grep -c '<span class="upcoming" data-count="1">1 upcoming</span></a></td>' "$BODY")" = 50 ]
	grep -qF '<nav class="pages" aria-label="Pages"><span>Partners 1 to 50 of 55</span> <a href="/?page=2">Next page</a></nav>' "$BODY"
	run ! grep -qF 'Previous page' "$BODY"
	as '/?page=2'
	[ "$STATUS" = 200 ]
	[ "$(grep -c '^<tr><td>' "$BODY")" = 5 ]
	row_of 51 >/dev/null
	row_of 55 >/dev/null
	grep -qF '<span>Partners 51 to 55 of 55</span> <a href="/">Previous page</a></nav>' "$BODY"
	run ! grep -qF 'Next page' "$BODY"
	# past the last page: not found; not a page number: refused, saying why
	as '/?page=3'
	[ "$STATUS" = 404 ]
	for bad in 0 -1 x 2.5; do
		as "/?page=$bad"
		[ "$STATUS" = 400 ]
		grep -qF 'page: not a page number.' "$BODY"
	done
	# the server ends cleanly: nothing the agendas computed on its thread is left behind
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
}

@test "GET /?q= finds partners by name, city or country code, in either case" {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh --city "Ho Chi Minh City" >/dev/null
	rapport partner add --name "Padma Knit Composite" --country BD --tz Asia/Dhaka --city Gazipur >/dev/null
	rapport partner add --name "100% Cotton Mills" --country IN --tz Asia/Kolkata --city Tiruppur >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as /
	grep -qF '<form method="get" action="/" class="find" role="search"><label for="find-q">Find partners by name, city or country</label> <input type="search" id="find-q" name="q" value="" maxlength="100"> <button type="submit">Find</button></form>' "$BODY"
	# found: [query]=[partner ids]
	for case in 'loom=2' 'LOOM=2' 'dongguan=1' 'bd=3' 'Vn=2' 'knit=1 3' '%25=4' '%20gazipur%20=3' 'i=1 2 3 4'; do
		as "/?q=${case%%=*}"
		[ "$STATUS" = 200 ]
		[ "$(grep -o '^<tr><td><a href="/partners/[0-9]*"' "$BODY" | grep -o '[0-9]*' | tr '\n' ' ')" = "${case#*=} " ]
	done
	# the words are kept in the form, as text; LIKE's own characters are
	# looked for as they are
	as '/?q=%3Cb%3E_'
	[ "$STATUS" = 200 ]
	grep -qF 'name="q" value="&lt;b&gt;_"' "$BODY"
	grep -qF "<p>No partner&#39;s name, city or country matches.</p>" "$BODY"
	run ! grep -q '^<tr><td>' "$BODY"
	as "/?q=$(printf 'x%.0s' $(seq 101))"
	[ "$STATUS" = 400 ]
	grep -qF 'q: at most 100 characters to look for.' "$BODY"
}
