#!/usr/bin/env bats
# GET /settings: every relationship's agreed rules, as `rapport settings`
# shows them on the same database, and the trust model's weights, as
# `rapport weights` does; who sees which relationships; escaping.

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

# page_rules FILE PARTNER: "rule=value" lines of a relationship's section.
page_rules() {
	sed -n "/<section class=\"rel\" id=\"partner-$2\"/,/<\/section>/p" "$1" |
		sed -n 's/^<tr data-rule="\([a-z_]*\)" data-value="\([^"]*\)">.*/\1=\2/p'
}

# cli_rules PARTNER: the same lines from rapport settings --json.
cli_rules() {
	rapport settings --partner "$1" --json | jsonq '"\n".join([
		"cadence=" + x["cadence"], "gap=%d %d" % (x["gap_ideal"], x["gap_max"]), "ack_sla=%d" % x["ack_sla"],
		"freeze_days=%d" % x["freeze_days"], "payment=%d %d" % (x["deposit_pct"], x["payment_terms"]),
		"partner_week=%s %s%s" % (x["partner_week"]["days"], x["partner_week"]["hours"], " agreed" if x["partner_week"]["agreed"] else ""),
		"buyer_week=%s %s%s" % (x["buyer_week"]["days"], x["buyer_week"]["hours"], " agreed" if x["buyer_week"]["agreed"] else "")])'
}

@test "without a session /settings goes to the sign-in page" {
	init_db
	start_server --threads 1
	get /settings
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fsettings" ]
}

@test "the buyer's admin sees every relationship's rules as rapport settings shows them, and the weights" {
	rapport demo --today 2026-11-25 >/dev/null
	# rules agreed for one of them, from the command line
	rapport settings --partner 2 --cadence weekly:MON,THU@15:30 --gap-max 21 --ack-sla 24 --workweek MON-FRI \
		--buyer-hours 08:00-16:30 >/dev/null
	start_server --threads 1
	login maya@lindenrowe.example rapport-demo
	as /settings
	[ "$STATUS" = 200 ]
	grep -qF '<title>Settings - Rapport</title>' "$BODY"
	grep -qF '<a href="/settings" aria-current="page">Settings</a>' "$BODY"
	for p in 1 2 3; do
		[ "$(page_rules "$BODY" $p)" = "$(cli_rules $p)" ] || { diff <(page_rules "$BODY" $p) <(cli_rules $p); return 1; }
	done
	# in words, by hand
	grep -qF '<td>every week on Mon, Thu at 15:30 (Asia/Ho_Chi_Minh time)</td>' "$BODY"
	grep -qF '<td>every 7 days, never more than 21 days without contact</td>' "$BODY"
	grep -qF '<td>acknowledged within 24 hours</td>' "$BODY"
	grep -qF '<th scope="row">Saigon Loom Garments JSC works</th><td>Mon-Fri, 09:00-18:00, Asia/Ho_Chi_Minh time (as agreed)</td>' "$BODY"
	grep -qF '<td>Mon-Fri, 08:00-16:30, Europe/London time (its country&#39;s week)</td>' "$BODY"
	grep -qF '<td>deposit 30% a week after the order, balance 30 days after ex-factory</td>' "$BODY"
	grep -qF '<th scope="row">Padma Knit Composite Ltd. works</th><td>Sat-Thu, 09:00-18:00, Asia/Dhaka time (its country&#39;s week)</td>' "$BODY"
	# the weights: every key of rapport weights with its value now
	want=$(rapport weights --json | jsonq '"\n".join("%s %r" % (w["key"], float(w["value"])) for w in x)')
	got=$(python3 -c 'import re, sys
for k, v in re.findall(r"<tr data-key=\"([a-z_.]*)\" data-value=\"([^\"]*)\">", open(sys.argv[1]).read()):
    print("%s %r" % (k, float(v)))' "$BODY")
	[ -n "$want" ]
	[ "$got" = "$want" ]
	grep -qF '<tr data-key="issue.discovered" data-value="-8"><td>a problem hidden, then discovered by the other side <code>issue.discovered</code></td><td>Transparency</td><td class="num">-8.00</td><td class="num">-8.00</td></tr>' "$BODY"
	grep -qF '<td class="num">270</td><td class="num">270 days</td>' "$BODY"
}

@test "a viewer reads the settings; a partner's user only its own, in Chinese" {
	demo_server
	login tom@lindenrowe.example rapport-demo
	as /settings
	[ "$STATUS" = 200 ]
	[ "$(grep -c '^<section class="rel"' "$BODY")" = 3 ]
	run ! grep -qF 'Change these settings' "$BODY"
	JAR=chen.jar login chen.jing@evergreen.example rapport-demo
	JAR=chen.jar as /settings
	[ "$STATUS" = 200 ]
	[ "$(grep -c '^<section class="rel"' "$BODY")" = 1 ]
	grep -qF '<section class="rel" id="partner-1" data-partner="1">' "$BODY"
	run ! grep -qF 'Saigon' "$BODY"
	run ! grep -qF 'Padma' "$BODY"
	[ "$(page_rules "$BODY" 1)" = "$(cli_rules 1)" ]
	grep -qF '<title>设置 - Rapport</title>' "$BODY"
	grep -qF '<td>每周周一 09:00（Asia/Shanghai 时间）</td>' "$BODY"
	grep -qF '<td>周一-周六，09:00-18:00，Asia/Shanghai 时间（按所在国家/地区的工作周）</td>' "$BODY"
	grep -qF '<td>可靠性</td>' "$BODY"
	run ! grep -qF 'Change these settings' "$BODY"
	run ! grep -qF '修改这些设置' "$BODY"
}

@test "a partner's name is escaped" {
	init_db
	rapport partner add --name '<script>alert(1)</script>' --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user buyer maya@lindenrowe.example viewer
	start_server --threads 1
	login maya@lindenrowe.example
	as /settings
	[ "$STATUS" = 200 ]
	grep -qF '<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2>' "$BODY"
	grep -qF '<th scope="row">&lt;script&gt;alert(1)&lt;/script&gt; works</th>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
}
