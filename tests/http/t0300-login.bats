#!/usr/bin/env bats
# Signing in and out: the form, the session cookie, where a login goes
# next, the one message for a wrong address or password, the limit on
# failed logins, disabled users, logout, and the pre-session CSRF token the
# login form carries.

load helper


@test "GET /login: a labelled form with a pre-session CSRF token and its cookie" {
	init_db
	start_server --threads 1
	get /login
	[ "$STATUS" = 200 ]
	grep -qF '<title>Sign in - Rapport</title>' "$BODY"
	grep -qF '<html lang="en">' "$BODY"
	grep -qF '<meta name="viewport" content="width=device-width, initial-scale=1">' "$BODY"
	grep -qF '<form method="post" action="/login">' "$BODY"
	grep -qF '<label for="f-email">Email address</label>' "$BODY"
	grep -qF '<input type="email" id="f-email" name="email" required autocomplete="username">' "$BODY"
	grep -qF '<label for="f-password">Password</label>' "$BODY"
	grep -qF '<input type="password" id="f-password" name="password" required autocomplete="current-password">' "$BODY"
	# every input has its label (the hidden ones carry no text)
	for id in $(grep -o '<input[^>]*id="[^"]*"' "$BODY" | sed 's/.*id="//;s/"//'); do
		grep -qF "<label for=\"$id\">" "$BODY"
	done
	grep -qF '<label for="lang-switch">Language</label>' "$BODY"
	# no asset from anywhere: no script, no stylesheet link, no image; and
	# the browser is told to load none and to post forms only here
	run ! grep -Eq '<script|<link|<img|src=' "$BODY"
	[ "$(header content-security-policy)" = "default-src 'self'; style-src 'self' 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'" ]
	# the form's token is an HMAC of the cookie's value, not the value itself
	cookie=$(header set-cookie)
	[[ "$cookie" =~ ^rapport_form=([A-Za-z0-9_-]{43})\;\ Path=/\;\ HttpOnly\;\ SameSite=Lax$ ]]
	value=${BASH_REMATCH[1]}
	csrf=$(csrf_of "$BODY")
	[[ "$csrf" =~ ^[A-Za-z0-9_-]{43}$ ]]
	[ "$csrf" != "$value" ]
	# with the cookie sent back, the same token and no new cookie
	get /login -H "Cookie: rapport_form=$value"
	[ "$(csrf_of "$BODY")" = "$csrf" ]
	[ -z "$(header set-cookie)" ]
}

@test "a login sets the session cookie and goes to the dashboard" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	login maya@lindenrowe.example
	[ "$STATUS" = 303 ]
	[ "$(header location)" = / ]
	cookie=$(header set-cookie)
	[[ "$cookie" =~ ^rapport_session=[A-Za-z0-9_-]{43}\;\ Path=/\;\ Max-Age=604800\;\ HttpOnly\;\ SameSite=Lax$ ]]
	as /
	[ "$STATUS" = 200 ]
	grep -qF '<a class="brand" href="/">Linden &amp; Rowe</a>' "$BODY"
	grep -qF '<span>maya@lindenrowe.example</span><button type="submit">Sign out</button>' "$BODY"
	# the address is matched ignoring case
	JAR=jar2 login MAYA@LindenRowe.example
	[ "$STATUS" = 303 ]
	# the session table holds the token's SHA-256, never the token
	token=$(session_cookie)
	run db_query "SELECT count(*) FROM sessions WHERE token_hash = '$(printf %s "$token" | sha256sum | cut -d' ' -f1)'"
	[ "$output" = 1 ]
	run db_query "SELECT count(*) FROM sessions WHERE token_hash = '$token'"
	[ "$output" = 0 ]
}

@test "two servers on one database accept each other's login forms, and a restart keeps them valid" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	first=$SERVER_PID first_url=$URL
	LOG="$BATS_TEST_TMPDIR/server2.log" start_server --threads 1
	second_url=$URL
	# the form from the first, posted to the second, as a load balancer may send them
	JAR=$BATS_TEST_TMPDIR/jar
	URL=$first_url get /login -c "$JAR" -b "$JAR"
	csrf=$(csrf_of "$BODY")
	URL=$second_url get /login -c "$JAR" -b "$JAR" --data-urlencode "email=maya@lindenrowe.example" \
		--data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$csrf"
	[ "$STATUS" = 303 ]
	[ "$(header location)" = / ]
	# and the session works on either
	URL=$first_url as /
	[ "$STATUS" = 200 ]
	URL=$second_url as /
	[ "$STATUS" = 200 ]
	if [ -n "${RAPPORT_TEST_PG:-}" ]; then
		[ "$(psql "$RAPPORT_DB" -qAtc "SELECT name || '|' || octet_length(key) FROM web_keys")" = "form|32" ]
	else
		[ "$(sqlite3 "$RAPPORT_DB" 'SELECT name, length(key) FROM web_keys')" = "form|32" ]
	fi
	# a form left open across a restart still signs in
	URL=$first_url get /login -c jar3 -b jar3
	csrf=$(csrf_of "$BODY")
	stop_server
	kill -TERM "$first"
	wait "$first" || true
	start_server --threads 1
	get /login -c jar3 -b jar3 --data-urlencode "email=maya@lindenrowe.example" \
		--data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$csrf"
	[ "$STATUS" = 303 ]
	[ "$(header location)" = / ]
}

@test "a login goes back to next= when it is a path on this site, else to the dashboard" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	try_next() {
		rm -f "$JAR"
		get "/login?next=$1" -c "$JAR" -b "$JAR"
		csrf=$(csrf_of "$BODY")
		# the login form's own next field (the language switch has one too)
		next=$(sed -n 's/^<input type="hidden" name="next" value="\([^"]*\)">$/\1/p' "$BODY" | sed 's/&amp;/\&/g')
		get /login -c "$JAR" -b "$JAR" --data-urlencode email=maya@lindenrowe.example \
			--data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$csrf" ${next:+--data-urlencode "next=$next"}
		[ "$STATUS" = 303 ]
		header location
	}
	JAR=$BATS_TEST_TMPDIR/jar
	[ "$(try_next %2Fpartners%2F1%2Fcontact)" = /partners/1/contact ]
	[ "$(try_next '%2F%3Fa%3D1%26b%3D2')" = '/?a=1&b=2' ]
	[ "$(try_next %2F%2Fevil.example%2F)" = / ]
	[ "$(try_next https%3A%2F%2Fevil.example%2F)" = / ]
	[ "$(try_next %2F%5Cevil.example)" = / ]
	[ "$(try_next evil)" = / ]
	# signed in already, /login goes straight on
	get '/login?next=%2Fpartners%2F1%2Fcontact' -b "$JAR"
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /partners/1/contact ]
}

@test "a wrong password and an unknown address get the same answer, and the address typed is kept" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	login maya@lindenrowe.example wrong-password-here
	[ "$STATUS" = 401 ]
	grep -qF '<p class="notice" role="alert">The email or password is wrong.</p>' "$BODY"
	grep -qF '<input type="email" id="f-email" name="email" required autocomplete="username" value="maya@lindenrowe.example">' "$BODY"
	run ! grep -qF 'wrong-password-here' "$BODY"
	[ -z "$(session_cookie)" ]
	cp "$BODY" wrong.html
	rm -f "$JAR"
	login nobody@lindenrowe.example wrong-password-here
	[ "$STATUS" = 401 ]
	# the same page but for the address typed and the tokens
	diff <(sed 's/nobody@/maya@/; s/value="[A-Za-z0-9_-]\{43\}"/TOKEN/g' "$BODY") <(sed 's/value="[A-Za-z0-9_-]\{43\}"/TOKEN/g' wrong.html)
	# an empty password says what is missing
	get /login -c "$JAR" -b "$JAR"
	get /login -b "$JAR" --data-urlencode email=maya@lindenrowe.example --data-urlencode password= \
		--data-urlencode "csrf=$(csrf_of "$BODY")"
	[ "$STATUS" = 400 ]
	grep -qF 'Enter your email and your password.' "$BODY"
}

@test "after 5 failed logins the account is refused for 15 minutes, the right password too" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	for i in 1 2 3 4 5; do
		login maya@lindenrowe.example "wrong password $i"
		[ "$STATUS" = 401 ]
	done
	login maya@lindenrowe.example
	[ "$STATUS" = 429 ]
	[ "$(header retry-after)" = 900 ]
	grep -qF '<p class="notice" role="alert">Too many failed sign-ins. Try again in 15 minutes.</p>' "$BODY"
	[ -z "$(session_cookie)" ]
	# the limit is per account: another user still gets in
	add_user buyer tom@lindenrowe.example viewer
	JAR=jar2 login tom@lindenrowe.example
	[ "$STATUS" = 303 ]
}

@test "a disabled user is told so only with the right password" {
	init_db
	add_user buyer tom@lindenrowe.example viewer
	rapport user disable --email tom@lindenrowe.example >/dev/null
	start_server --threads 1
	login tom@lindenrowe.example wrong-password-here
	[ "$STATUS" = 401 ]
	grep -qF 'The email or password is wrong.' "$BODY"
	login tom@lindenrowe.example
	[ "$STATUS" = 403 ]
	grep -qF 'This account is disabled.' "$BODY"
	[ -z "$(session_cookie)" ]
}

@test "logout ends the session: the cookie is cleared and the old token no longer works" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	login maya@lindenrowe.example
	token=$(session_cookie)
	[ -n "$token" ]
	cp "$JAR" before.jar
	post_from / /logout
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /login ]
	[ "$(header set-cookie)" = "rapport_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax" ]
	run db_query "SELECT count(*) FROM sessions"
	[ "$output" = 0 ]
	# the old cookie, replayed, is nobody's
	get / -b before.jar
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2F" ]
}

@test "a login without the form's CSRF token, or with another browser's, is refused with 403" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	# no token at all
	get /login --data-urlencode email=maya@lindenrowe.example --data-urlencode "password=$PASSWORD"
	[ "$STATUS" = 403 ]
	grep -qF '<h1>403 Forbidden</h1>' "$BODY"
	[ -z "$(header set-cookie | grep rapport_session)" ]
	# the token of one browser's form with another browser's cookie
	get /login -c a.jar
	csrf_a=$(csrf_of "$BODY")
	get /login -c b.jar
	get /login -b b.jar --data-urlencode email=maya@lindenrowe.example --data-urlencode "password=$PASSWORD" \
		--data-urlencode "csrf=$csrf_a"
	[ "$STATUS" = 403 ]
	# the cookie's own value as the token (a plain double submit) is not enough
	value=$(awk '$6 == "rapport_form" { print $7 }' a.jar)
	get /login -b a.jar --data-urlencode email=maya@lindenrowe.example --data-urlencode "password=$PASSWORD" \
		--data-urlencode "csrf=$value"
	[ "$STATUS" = 403 ]
	# and the right pair gets in
	get /login -b a.jar --data-urlencode email=maya@lindenrowe.example --data-urlencode "password=$PASSWORD" \
		--data-urlencode "csrf=$csrf_a"
	[ "$STATUS" = 303 ]
	# nothing was counted against the account for the refused posts
	run db_query "SELECT count(*) FROM login_attempts"
	[ "$output" = 0 ]
}

@test "an expired session is signed out" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	login maya@lindenrowe.example
	stop_server
	# a week and a second later
	RAPPORT_NOW=2026-12-02T10:00:01Z start_server --threads 1
	as /
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2F" ]
}
