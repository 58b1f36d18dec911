#!/usr/bin/env bats
# Changing the trust model's weights from the web: the buyer's admins
# record one weights.set in every partner's record, as `rapport weights set`
# does; a refusal keeps what was typed and records nothing; nobody else may.

load helper

two_partners() {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
}

# events_in ID: how many events partner ID's record holds
events_in() {
	rapport log --partner "$1" --json | jsonq 'str(len(x))'
}

@test "an admin of the buyer changes a weight: one weights.set in each partner's record, as rapport weights set" {
	two_partners
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	login maya@lindenrowe.example
	as /settings
	grep -qF '<a href="/settings/weights">Change a weight</a>' "$BODY"
	as /settings/weights
	[ "$STATUS" = 200 ]
	grep -qF '<option value="issue.discovered">issue.discovered</option>' "$BODY"
	grep -qF '<option value="half_life.hidden">half_life.hidden</option>' "$BODY"
	grep -qF '<option value="overall.transparency">overall.transparency</option>' "$BODY"
	post_form /settings/weights key=issue.discovered value=-10
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/settings#weights" ]
	[ "$(rapport weights --json | jsonq '[w["value"] for w in x if w["key"] == "issue.discovered"]')" = '[-10.0]' ]
	for id in 1 2; do
		[ "$(rapport log --partner $id --json | jsonq '[e["kind"], e["side"], e["author"], e["body"]] if (e := x[-1]) else 0')" = \
			'["weights.set","buyer","maya@lindenrowe.example",{"key":"issue.discovered","value":"-10"}]' ]
	done
	as /settings
	grep -qF 'data-key="issue.discovered" data-value="-10"' "$BODY"
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "a value that is not a number is refused beside its field, what was typed kept, nothing recorded" {
	two_partners
	add_user buyer maya@lindenrowe.example admin
	start_server --threads 1
	login maya@lindenrowe.example
	before="$(events_in 1) $(events_in 2)"
	post_form /settings/weights key=visit 'value=a lot <b>'
	[ "$STATUS" = 400 ]
	grep -F 'id="f-value"' "$BODY" | grep -qF 'value="a lot &lt;b&gt;"'
	grep -qF 'not a number with at most 4 places (e.g. -1.5): &quot;a lot &lt;b&gt;&quot;' "$BODY"
	grep -qF '<option value="visit" selected>visit</option>' "$BODY"
	run ! grep -qF '<b>' "$BODY"
	# a key the form does not offer, sent by hand
	post_form /settings/weights key=nonsense value=1
	[ "$STATUS" = 400 ]
	grep -qF 'nonsense: no such weight' "$BODY"
	[ "$(events_in 1) $(events_in 2)" = "$before" ]
}

@test "only the buyer's admins change the weights: members, viewers and a partner's users get 403; a form without CSRF 403" {
	two_partners
	add_user buyer maya@lindenrowe.example admin
	add_user buyer sam@lindenrowe.example member
	add_user buyer tom@lindenrowe.example viewer
	add_user partner:1 chen.jing@evergreen.example admin
	start_server --threads 1
	before="$(events_in 1) $(events_in 2)"
	for who in sam@lindenrowe.example tom@lindenrowe.example chen.jing@evergreen.example; do
		JAR="$BATS_TEST_TMPDIR/$who.jar" login "$who"
		JAR="$BATS_TEST_TMPDIR/$who.jar" as /settings/weights
		[ "$STATUS" = 403 ] || { echo "$who: GET $STATUS"; return 1; }
		JAR="$BATS_TEST_TMPDIR/$who.jar" as /settings
		run ! grep -qF '/settings/weights' "$BODY"
		JAR="$BATS_TEST_TMPDIR/$who.jar" post_from /settings /settings/weights key=visit value=9
		[ "$STATUS" = 403 ] || { echo "$who: POST $STATUS"; return 1; }
	done
	login maya@lindenrowe.example
	as /settings/weights --data-urlencode key=visit --data-urlencode value=9
	[ "$STATUS" = 403 ]
	[ "$(events_in 1) $(events_in 2)" = "$before" ]
}
