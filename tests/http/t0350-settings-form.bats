#!/usr/bin/env bats
# GET and POST /partners/{id}/settings: the buyer's admins and members
# change the agreed rules; the settings event is the one `rapport settings`
# records for the same change, refused with the CLI's messages beside
# their fields; viewers and partners' users cannot.

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

events() {
	db_query "SELECT count(*) FROM events"
}

# last_body PARTNER: the body of the partner's last settings event.
last_body() {
	db_query "SELECT body FROM events WHERE rel = $1 AND kind = 'settings' ORDER BY seq DESC LIMIT 1"
}

@test "without a session the form goes to the sign-in page and a POST answers 401" {
	init_db
	start_server --threads 1
	get /partners/1/settings
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fpartners%2F1%2Fsettings" ]
	get /partners/1/settings -d gap_max=21
	[ "$STATUS" = 401 ]
	[ "$(db_query "SELECT count(*) FROM events WHERE kind = 'settings'")" = 0 ]
}

@test "the buyer's admin changes three rules: the same event rapport settings records, shown by the CLI" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	as /settings
	grep -qF '<p><a href="/partners/1/settings">Change these settings</a></p>' "$BODY"
	as /partners/1/settings
	[ "$STATUS" = 200 ]
	grep -qF '<title>Settings with Dongguan Evergreen Knitwear Co., Ltd. - Rapport</title>' "$BODY"
	grep -qF '<input type="text" id="f-cadence" name="cadence" aria-describedby="f-cadence-hint" value="weekly:MON@09:00">' "$BODY"
	grep -qF '<input type="number" id="f-gap_max" name="gap_max" value="14">' "$BODY"
	grep -qF '<input type="text" id="f-workweek" name="workweek" aria-describedby="f-workweek-hint" value="">' "$BODY"
	before=$(events)
	# the form sends every field: only those changed are recorded
	post_form /partners/1/settings cadence=weekly:MON@09:00 gap_ideal=7 gap_max=21 ack_sla=48 freeze_days=14 \
		payment_terms=30 deposit_pct=30 workweek=MON-FRI hours=08:00-17:00 buyer_workweek= buyer_hours=
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /settings ]
	[ "$(events)" = $((before + 1)) ]
	run rapport log --partner 1 --json
	[ "$(jsonq '" ".join(str(x[-1][k]) for k in ("kind", "side", "author", "at"))' <<<"$output")" = "settings buyer maya@lindenrowe.example 2026-11-25T10:00:00Z" ]
	# the CLI records the same change for partner 2: the same body
	rapport settings --partner 2 --gap-max 21 --workweek MON-FRI --hours 08:00-17:00 >/dev/null
	[ "$(last_body 1)" = "$(last_body 2)" ]
	[ "$(last_body 1 | jsonq 'sorted(x)')" = '["gap_max","hours","workweek"]' ]
	# and the CLI shows it
	run rapport settings --partner 1 --json
	[ "$(jsonq '[x["gap_ideal"], x["gap_max"], x["partner_week"]]' <<<"$output")" = '[7,21,{"days":"Mon-Fri","hours":"08:00-17:00","agreed":true}]' ]
	run rapport settings --partner 1
	[[ "$output" == *"contact          every 7 days, never more than 21"* ]]
	[[ "$output" == *"partner works    Mon-Fri, 08:00-17:00 Asia/Shanghai (days as agreed)"* ]]
	# the page too, and the form shows what is agreed now
	as /settings
	grep -qF '<tr data-rule="partner_week" data-value="Mon-Fri 08:00-17:00 agreed">' "$BODY"
	as /partners/1/settings
	grep -qF 'name="workweek" aria-describedby="f-workweek-hint" value="MON-FRI">' "$BODY"
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "refused input: the CLI's message beside its field, the values typed kept, nothing written" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	before=$(events)
	# a cadence that is not one (event.c's check comes before the state rules)
	post_form /partners/1/settings gap_ideal=30 gap_max=14 'cadence=<b>weekly</b>:MON@09:00'
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">The settings were not changed: see the message below.</p>' "$BODY"
	grep -qF '<input type="number" id="f-gap_ideal" name="gap_ideal" value="30">' "$BODY" # kept
	grep -qF '<p class="error" id="f-cadence-err">not a cadence (e.g. weekly:MON@09:00 or weekly:MON,THU@15:30): &quot;&lt;b&gt;weekly&lt;/b&gt;:MON@09:00&quot;</p>' "$BODY"
	grep -qF 'value="&lt;b&gt;weekly&lt;/b&gt;:MON@09:00">' "$BODY"
	run ! grep -qF '<b>weekly' "$BODY"
	# the state rule: the ideal gap longer than the longest one, as the CLI says it
	post_form /partners/1/settings gap_ideal=30 gap_max=14
	[ "$STATUS" = 400 ]
	grep -qF '<input type="number" id="f-gap_ideal" name="gap_ideal" aria-invalid="true" aria-describedby="f-gap_ideal-err" value="30">' "$BODY"
	grep -qF '<p class="error" id="f-gap_ideal-err">30 days is longer than gap_max (14 days)</p>' "$BODY"
	run rapport settings --partner 1 --gap-ideal 30
	[ "$status" -eq 2 ]
	[[ "$output" == *"gap_ideal: 30 days is longer than gap_max (14 days)"* ]]
	post_form /partners/1/settings hours=18:00-09:00
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-hours-err">not working hours, start before end (e.g. 08:00-17:30): &quot;18:00-09:00&quot;</p>' "$BODY"
	grep -qF 'value="18:00-09:00">' "$BODY"
	post_form /partners/1/settings gap_max=abc
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-gap_max-err">not a whole number: &quot;abc&quot;</p>' "$BODY"
	post_form /partners/1/settings deposit_pct=101
	[ "$STATUS" = 400 ]
	grep -qF 'id="f-deposit_pct-err"' "$BODY"
	# nothing changed: nothing to record
	post_form /partners/1/settings cadence=weekly:MON@09:00 gap_max=14
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">Nothing to record: every value is the one agreed already.</p>' "$BODY"
	[ "$(events)" = "$before" ]
}

@test "a viewer reads the settings but cannot open or send the form" {
	demo_server
	login tom@lindenrowe.example rapport-demo
	as /partners/1/settings
	[ "$STATUS" = 403 ]
	as /settings
	csrf=$(csrf_of "$BODY")
	before=$(events)
	as /partners/1/settings --data-urlencode "csrf=$csrf" --data-urlencode gap_max=21
	[ "$STATUS" = 403 ]
	grep -qF 'Your role lets you read the record but not change it.' "$BODY"
	[ "$(events)" = "$before" ]
}

@test "a partner's user: its own relationship's form is the buyer's (403), another's a 404" {
	demo_server
	login chen.jing@evergreen.example rapport-demo
	as /partners/1/settings
	[ "$STATUS" = 403 ]
	grep -qF '设置只能由采购方的管理员和成员修改。' "$BODY"
	as /settings
	csrf=$(csrf_of "$BODY")
	before=$(events)
	as /partners/1/settings --data-urlencode "csrf=$csrf" --data-urlencode gap_max=21
	[ "$STATUS" = 403 ]
	for other in 2 3 99; do
		as "/partners/$other/settings"
		[ "$STATUS" = 404 ] || { echo "GET $other: $STATUS" >&2; return 1; }
		as "/partners/$other/settings" --data-urlencode "csrf=$csrf" --data-urlencode gap_max=21
		[ "$STATUS" = 404 ] || { echo "POST $other: $STATUS" >&2; return 1; }
	done
	run ! grep -qF 'Saigon' "$BODY"
	[ "$(events)" = "$before" ]
}

@test "a POST without its CSRF field, or with another's, answers 403 and writes nothing" {
	demo_server
	login maya@lindenrowe.example rapport-demo
	before=$(events)
	for token in "" x; do
		as /partners/1/settings --data-urlencode gap_max=21 ${token:+--data-urlencode "csrf=$token"}
		[ "$STATUS" = 403 ]
		grep -qF 'This form has expired or did not come from this site.' "$BODY"
	done
	[ "$(events)" = "$before" ]
}
