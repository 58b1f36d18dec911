#!/usr/bin/env bats
# Who may do what: every route of the route table that needs a user,
# without one; CSRF on every POST; viewers; tenant isolation between
# partners; text from the record rendered inert.

load helper

# The routes of src/web/route.c's table that need a signed-in user, as
# "METHOD PATH" lines, each {name} replaced by 1.
user_routes() {
	sed -n 's/^[[:space:]]*{"\([A-Z]*\)", "\([^"]*\)", [a-z_]*, WHO_USER.*/\1 \2/p' \
		"$BATS_TEST_DIRNAME/../../src/web/route.c" | sed 's/{[a-z_]*}/1/g'
}

@test "every route that needs a user: a GET goes to /login?next=PATH, anything else answers 401" {
	init_db
	start_server --threads 1
	run user_routes
	[ "${#lines[@]}" -ge 4 ] # /, /logout and the contact form's two
	for line in "${lines[@]}"; do
		method=${line%% *} path=${line#* }
		if [ "$method" = GET ]; then
			get "$path"
			[ "$STATUS" = 303 ] || { echo "GET $path: $STATUS" >&2; return 1; }
			want="/login?next=$(python3 -c 'import sys, urllib.parse; print(urllib.parse.quote(sys.argv[1], safe=""))' "$path")"
			[ "$(header location)" = "$want" ] || { echo "GET $path: $(header location)" >&2; return 1; }
			# HEAD likewise
			[ "$(curl -s -I -o /dev/null -w '%{http_code}' "$URL$path")" = 303 ]
		else
			get "$path" -X "$method" -d x=1
			[ "$STATUS" = 401 ] || { echo "$method $path: $STATUS" >&2; return 1; }
			grep -qF '<h1>401 Unauthorized</h1>' "$BODY"
		fi
	done
	# the query string comes along
	get '/?a=1&b=%C3%A9'
	[ "$(header location)" = "/login?next=%2F%3Fa%3D1%26b%3D%25C3%25A9" ]
	# nothing was read for them: the log has no error
	run ! grep -q ' error ' "$LOG"
}

@test "a POST without the CSRF field, or with another session's, answers 403 and changes nothing" {
	init_db
	add_user buyer maya@lindenrowe.example member
	add_user buyer tom@lindenrowe.example member
	start_server --threads 1
	JAR=tom.jar login tom@lindenrowe.example
	JAR=tom.jar as /
	toms=$(csrf_of "$BODY")
	login maya@lindenrowe.example
	events=$(db_query "SELECT count(*) FROM events")
	for token in "" "$toms" "x"; do
		as /partners/1/contact --data-urlencode by=buyer --data-urlencode kind=call \
			--data-urlencode at=2026-11-25T09:00 ${token:+--data-urlencode "csrf=$token"}
		[ "$STATUS" = 403 ]
		grep -qF 'This form has expired or did not come from this site.' "$BODY"
	done
	[ "$(db_query "SELECT count(*) FROM events")" = "$events" ]
	# logout and the language switch are POSTs too
	as /logout -X POST -d x=1
	[ "$STATUS" = 403 ]
	as / && [ "$STATUS" = 200 ] # still signed in
	as /lang -d lang=zh-CN
	[ "$STATUS" = 403 ]
	# a body that is not a form is refused before it is read
	as /partners/1/contact -H 'Content-Type: application/json' -d '{"csrf":"x"}'
	[ "$STATUS" = 415 ]
}

@test "a viewer's POST answers 403, and so does the form it cannot send" {
	init_db
	add_user buyer tom@lindenrowe.example viewer
	start_server --threads 1
	login tom@lindenrowe.example
	as /
	csrf=$(csrf_of "$BODY")
	as /partners/1/contact --data-urlencode "csrf=$csrf" --data-urlencode by=buyer --data-urlencode kind=call \
		--data-urlencode at=2026-11-25T09:00
	[ "$STATUS" = 403 ]
	grep -qF '<h1>403 Forbidden</h1>' "$BODY"
	grep -qF 'Your role lets you read the record but not change it.' "$BODY"
	[ "$(db_query "SELECT count(*) FROM events WHERE kind = 'contact'")" = 0 ]
	as /partners/1/contact
	[ "$STATUS" = 403 ]
	# a viewer may still sign out and choose a language: they change no record
	post_from / /lang lang=zh-CN next=/
	[ "$STATUS" = 303 ]
	post_from / /logout
	[ "$STATUS" = 303 ]
}

@test "a partner's user asking for another partner's page gets the same 404 as for no partner at all" {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user partner:1 chen.jing@evergreen.example member
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login chen.jing@evergreen.example
	as /partners/1/contact
	[ "$STATUS" = 200 ]
	as /partners/2/contact
	[ "$STATUS" = 404 ]
	run ! grep -qF 'Saigon' "$BODY"
	cp "$BODY" other.html
	as /partners/99/contact
	[ "$STATUS" = 404 ]
	diff <(sed 's/value="[^"]*"/V/g' other.html) <(sed 's/value="[^"]*"/V/g' "$BODY")
	for bad in 0 -1 1x abc 99999999999999999999; do
		as "/partners/$bad/contact"
		[ "$STATUS" = 404 ] || { echo "$bad: $STATUS" >&2; return 1; }
	done
	# and a POST to the other partner writes nothing
	csrf=$(csrf_of "$BODY")
	as /partners/2/contact --data-urlencode "csrf=$csrf" --data-urlencode by=partner --data-urlencode kind=call \
		--data-urlencode at=2026-11-25T09:00
	[ "$STATUS" = 404 ]
	[ "$(db_query "SELECT count(*) FROM events WHERE kind = 'contact'")" = 0 ]
	# the buyer's users see both
	JAR=maya.jar login maya@lindenrowe.example
	JAR=maya.jar as /partners/2/contact
	[ "$STATUS" = 200 ]
	grep -qF 'Saigon Loom Garments' "$BODY"
}

@test "<script> in a partner's name renders inert in the contact form" {
	init_db
	rapport partner add --name '<script>alert("x")</script>' --country BD --tz Asia/Dhaka >/dev/null
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	as /partners/2/contact
	[ "$STATUS" = 200 ]
	grep -qF '<title>Log a contact with &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; - Rapport</title>' "$BODY"
	grep -qF '<h1>Log a contact with &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</h1>' "$BODY"
	grep -qF '<option value="partner">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</option>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
}
