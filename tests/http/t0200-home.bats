#!/usr/bin/env bats
# GET /: the partners page, read from the database by the serving thread
# and written through the HTML printer.

load helper

@test "GET / lists the partners with name, country and city" {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	start_server --threads 1
	get /
	[ "$STATUS" = 200 ]
	[ "$(header content-type)" = "text/html; charset=utf-8" ]
	grep -qF '<title>Partners - Rapport</title>' "$BODY"
	grep -qxF '<h1>Linden &amp; Rowe</h1>' "$BODY"
	run grep -c '^<tr><td>' "$BODY"
	[ "$output" = 2 ]
	grep -qxF '<tr><td>Dongguan Evergreen Knitwear</td><td>CN</td><td>Dongguan</td></tr>' "$BODY"
	grep -qxF '<tr><td>Saigon Loom Garments</td><td>VN</td><td></td></tr>' "$BODY"
}

@test "GET / escapes a partner's name: <script>&\"' becomes text" {
	init_db
	rapport partner add --name "Evil <script>alert(1)</script> & \"Sons\" 'Ltd'" --country BD --tz Asia/Dhaka \
		--city "<b>Dhaka</b>" >/dev/null
	start_server --threads 1
	get /
	[ "$STATUS" = 200 ]
	grep -qxF '<tr><td>Evil &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;Sons&quot; &#39;Ltd&#39;</td><td>BD</td><td>&lt;b&gt;Dhaka&lt;/b&gt;</td></tr>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
	run ! grep -qF '<b>' "$BODY"
}

@test "GET / sees partners added while the server runs" {
	init_db
	start_server --threads 2
	get /
	run ! grep -qF 'Padma Knit' "$BODY"
	rapport partner add --name "Padma Knit Composite" --country BD --tz Asia/Dhaka --city Dhaka >/dev/null
	# both threads' connections read the new row
	for i in $(seq 6); do
		get /
		grep -qxF '<tr><td>Padma Knit Composite</td><td>BD</td><td>Dhaka</td></tr>' "$BODY"
	done
}
