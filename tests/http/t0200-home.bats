#!/usr/bin/env bats
# GET /, the dashboard: the relationships the signed-in user's organisation
# may see, read by the serving thread and written through the layout and
# the HTML printer.

load helper

@test "GET / lists every partner for a buyer user: name, country, city, since" {
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
	grep -qxF '<tr><td>Dongguan Evergreen Knitwear</td><td>China</td><td>Dongguan</td><td>Nov 25, 2026</td><td class="agenda"><a href="/agenda?partner=1"><span class="overdue" data-count="0">0 overdue</span>, <span class="due" data-count="0">0 due</span>, <span class="upcoming" data-count="1">1 upcoming</span></a></td><td><a href="/partners/1/contact">Log a contact</a></td></tr>' "$BODY"
	grep -qxF '<tr><td>Saigon Loom Garments</td><td>Vietnam</td><td></td><td>Nov 25, 2026</td><td class="agenda"><a href="/agenda?partner=2"><span class="overdue" data-count="0">0 overdue</span>, <span class="due" data-count="0">0 due</span>, <span class="upcoming" data-count="1">1 upcoming</span></a></td><td><a href="/partners/2/contact">Log a contact</a></td></tr>' "$BODY"
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
	grep -qF '<tr><td>Saigon Loom Garments</td>' "$BODY"
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
	grep -qxF '<tr><td>Dongguan Evergreen Knitwear</td><td>China</td><td>Dongguan</td><td>Nov 25, 2026</td><td class="agenda"><a href="/agenda?partner=1"><span class="overdue" data-count="0">0 overdue</span>, <span class="due" data-count="0">0 due</span>, <span class="upcoming" data-count="1">1 upcoming</span></a></td></tr>' "$BODY"
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
	grep -qF '<tr><td>Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; &#39;Ltd&#39;</td><td>Bangladesh</td><td>&lt;b&gt;Dhaka&lt;/b&gt;</td>' "$BODY"
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
		grep -qF '<tr><td>Padma Knit Composite</td><td>Bangladesh</td><td>Dhaka</td>' "$BODY"
	done
}
