#!/usr/bin/env bats
# GET /agenda and POST /agenda/snooze on the demo record: the items are
# `rapport agenda --json`'s at the same instant (RAPPORT_NOW) for the same
# author, side and partner; a buyer's user sees every partner, a partner's
# user its own relationship; viewers read but do not snooze; a refused
# snooze shows the message beside its field and writes nothing. And the
# dashboard's counts per partner.

load helper

# The demo (one buyer, three partners, two years to 2026-11-25, web
# logins with the password rapport-demo), made once for the file.
setup_file() {
	export RAPPORT_NOW="2026-11-25T10:00:00Z"
	prepared_db demo --today 2026-11-25
}

teardown_file() {
	drop_prepared_db
}

demo_server() {
	use_prepared_db
	start_server --threads 1
}

# sign_in EMAIL: login with the demo's password, into $JAR.
sign_in() {
	login "$1" rapport-demo
	[ "$STATUS" = 303 ]
}

# rows PAGE: the page's agenda items as JSON, each as the CLI's fields
# (id, state, owes, partner, what, command, dimension, and due_date or
# due_buyer and due_partner), in the page's order.
rows() {
	python3 - "$1" <<'PY'
import html, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
out = []
for m in re.finditer(r'<tr id="item-\d+" data-id="([^"]*)" data-state="(\w+)" data-owes="(\w+)">(.*?)</tr>', page, re.S):
    row = m.group(4)
    it = {"id": html.unescape(m.group(1)), "state": m.group(2), "owes": m.group(3)}
    it["partner"] = int(re.search(r'<a href="/partners/(\d+)">', row).group(1))
    it["what"] = html.unescape(re.search(r'<span class="what">(.*?)</span>', row).group(1))
    it["command"] = html.unescape(re.search(r"<code>(.*?)</code>", row).group(1))
    it["dimension"] = re.search(r'<td class="dimension">(.*?)</td>', row).group(1)
    times = re.findall(r'<time datetime="([^"]*)">', row)
    if len(times) == 1:
        it["due_date"] = times[0]
    else:
        it["due_buyer"], it["due_partner"] = times
    out.append(it)
print(json.dumps(out, ensure_ascii=False, indent=1))
PY
}

# cli_rows ARGS...: rapport agenda --json ARGS as rows gives them (the
# dimension as the English page writes it).
cli_rows() {
	rapport agenda --json "$@" | python3 -c '
import json, sys
out = []
for x in json.load(sys.stdin):
    it = {k: x[k] for k in ("id", "state", "owes", "partner", "what", "command")}
    it["dimension"] = x["dimension"].capitalize()
    if x.get("due_date"):
        it["due_date"] = x["due_date"]
    else:
        it["due_buyer"], it["due_partner"] = x["due_buyer"], x["due_partner"]
    out.append(it)
print(json.dumps(out, ensure_ascii=False, indent=1))'
}

@test "without a session /agenda leads to the sign-in and a snooze answers 401" {
	demo_server
	get /agenda
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fagenda" ]
	get /agenda/snooze -d item=contact:1 -d until=2026-11-30
	[ "$STATUS" = 401 ]
	[ "$(db_query "SELECT count(*) FROM snoozes")" = 0 ]
}

@test "a buyer's admin sees the buyer's items for every partner, exactly rapport agenda --side buyer's" {
	demo_server
	sign_in maya@lindenrowe.example
	as /agenda
	[ "$STATUS" = 200 ]
	grep -qF '<title>Agenda - Rapport</title>' "$BODY"
	grep -qF '<li><a href="/agenda" aria-current="page">Agenda</a></li>' "$BODY"
	rows "$BODY" >page.json
	cli_rows --side buyer --author maya@lindenrowe.example >cli.json
	diff cli.json page.json
	# the demo has items in more than one state and from every partner
	[ "$(jsonq 'len(x)' <page.json)" -ge 4 ]
	[ "$(jsonq 'sorted({i["partner"] for i in x})' <page.json)" = "[1,2,3]" ]
	# grouped: each state's heading with its count
	for s in overdue due upcoming; do
		n=$(jsonq "len([i for i in x if i['state'] == '$s'])" <page.json)
		grep -qF "<span class=\"count\">($n)</span></h2>" "$BODY"
	done
	grep -qF '<h2 id="overdue">Overdue <span class="count">' "$BODY"
	grep -qF '<h2 id="upcoming">Upcoming <span class="count">' "$BODY"
	# every item has its snooze form
	[ "$(grep -c 'name="until"' "$BODY")" = "$(jsonq 'len(x)' <page.json)" ]
	# a time as the language writes it beside the ISO one: contact:2 is due
	# on 2 December at 07:00 in London, 14:00 in Ho Chi Minh City (ICU puts
	# a narrow no-break space, U+202F, before AM and PM)
	nnbsp=$'\u202f'
	grep -qF "<span class=\"when\">Linden &amp; Rowe: <time datetime=\"2026-12-02T07:00:00+00:00\">Dec 2, 2026, 7:00${nnbsp}AM</time> <span class=\"offset\">+00:00</span></span>" "$BODY"
	grep -qF "<span class=\"when\">Saigon Loom Garments JSC: <time datetime=\"2026-12-02T14:00:00+07:00\">Dec 2, 2026, 2:00${nnbsp}PM</time> <span class=\"offset\">+07:00</span></span>" "$BODY"
}

@test "the filters: one partner, the other side, both sides, each as the CLI's" {
	demo_server
	sign_in maya@lindenrowe.example
	as '/agenda?partner=2'
	[ "$STATUS" = 200 ]
	grep -qF '<option value="2" selected>Saigon Loom Garments JSC</option>' "$BODY"
	diff <(cli_rows --side buyer --partner 2 --author maya@lindenrowe.example) <(rows "$BODY")
	as '/agenda?side=partner'
	grep -qF '<option value="partner" selected>Owed by the partners</option>' "$BODY"
	diff <(cli_rows --side partner --author maya@lindenrowe.example) <(rows "$BODY")
	as '/agenda?side=both&partner=3'
	diff <(cli_rows --partner 3 --author maya@lindenrowe.example) <(rows "$BODY")
	[ "$(rows "$BODY" | jsonq 'sorted({i["owes"] for i in x})')" != '["buyer"]' ]
	# the snooze forms keep the filters, for the way back
	grep -qF '<form method="post" action="/agenda/snooze?partner=3&amp;side=both">' "$BODY"
	# a side that is none, a partner that is not there
	as '/agenda?side=nobody'
	[ "$STATUS" = 400 ]
	grep -qF 'side: choose the buyer, the partner or both.' "$BODY"
	for bad in 99 0 x -1; do
		as "/agenda?partner=$bad"
		[ "$STATUS" = 404 ] || { echo "$bad: $STATUS" >&2; return 1; }
	done
}

@test "a snooze hides the item from the user's agenda through the day, as rapport agenda snooze does" {
	demo_server
	sign_in maya@lindenrowe.example
	as '/agenda?partner=1'
	item=$(rows "$BODY" | jsonq 'x[0]["id"]')
	[ "$item" = suggestion:339 ] # the demo's: Wang Fang's, unanswered since July
	post_from '/agenda?partner=1' '/agenda/snooze?partner=1' "item=$item" until=2026-11-30
	[ "$STATUS" = 303 ]
	[ "$(header location)" = '/agenda?partner=1' ]
	[ "$(db_query "SELECT author, item, until FROM snoozes")" = "maya@lindenrowe.example|$item|2026-11-30" ]
	as '/agenda?partner=1'
	run ! grep -qF "data-id=\"$item\"" "$BODY"
	diff <(cli_rows --side buyer --partner 1 --author maya@lindenrowe.example) <(rows "$BODY")
	# the CLI hides it for the same author, and for no one else
	rapport agenda --json --side buyer --partner 1 --author maya@lindenrowe.example | grep -vqF "\"$item\""
	rapport agenda --json --side buyer --partner 1 --author tom@lindenrowe.example | grep -qF "\"$item\""
	# after the day it is back: on 1 December Wang Fang's suggestion is
	# still unanswered
	RAPPORT_NOW=2026-12-01T10:00:00Z rapport agenda --json --side buyer --partner 1 --author maya@lindenrowe.example |
		grep -qF "\"$item\""
}

@test "a refused snooze: the message beside its field, what was typed kept, nothing written" {
	demo_server
	sign_in maya@lindenrowe.example
	as /agenda
	item=$(rows "$BODY" | jsonq 'x[0]["id"]')
	post_from /agenda /agenda/snooze "item=$item" 'until=30/11/2026'
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">The item was not snoozed: see the message beside it.</p>' "$BODY"
	grep -qF '<div class="field invalid"><label for="until-1">Snooze until</label><input type="date" id="until-1" name="until" required aria-invalid="true" aria-describedby="until-1-err" value="30/11/2026"><p class="error" id="until-1-err">Give a date as YYYY-MM-DD.</p></div>' "$BODY"
	[ "$(grep -c 'class="error"' "$BODY")" = 1 ]
	post_from /agenda /agenda/snooze "item=$item" until=2026-02-30
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="until-1-err">Give a date as YYYY-MM-DD.</p>' "$BODY"
	# today (London) is 25 November: the day before has passed, today has not
	post_from /agenda /agenda/snooze "item=$item" until=2026-11-24
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="until-1-err">That date has passed: today is 2026-11-25.</p>' "$BODY"
	post_from /agenda /agenda/snooze "item=$item" until=
	[ "$STATUS" = 400 ]
	post_from /agenda /agenda/snooze item=commitment:999999 until=2026-11-30
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">That item is not on your agenda.</p>' "$BODY"
	post_from /agenda /agenda/snooze until=2026-11-30
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">Say which item to snooze.</p>' "$BODY"
	[ "$(db_query "SELECT count(*) FROM snoozes")" = 0 ]
	# the CLI refuses the same
	run rapport agenda snooze "$item" --until 2026-11-24 --author maya@lindenrowe.example
	[ "$status" -eq 2 ]
	# and today itself is accepted
	post_from /agenda /agenda/snooze "item=$item" until=2026-11-25
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /agenda ]
}

@test "a snooze without the CSRF field, or with a wrong one, answers 403 and writes nothing" {
	demo_server
	sign_in maya@lindenrowe.example
	as /agenda
	item=$(rows "$BODY" | jsonq 'x[0]["id"]')
	as /agenda/snooze --data-urlencode "item=$item" --data-urlencode until=2026-11-30
	[ "$STATUS" = 403 ]
	as /agenda/snooze --data-urlencode "item=$item" --data-urlencode until=2026-11-30 --data-urlencode csrf=x
	[ "$STATUS" = 403 ]
	[ "$(db_query "SELECT count(*) FROM snoozes")" = 0 ]
}

@test "a buyer's viewer reads the agenda but cannot snooze" {
	demo_server
	sign_in tom@lindenrowe.example
	as /agenda
	[ "$STATUS" = 200 ]
	diff <(cli_rows --side buyer --author tom@lindenrowe.example) <(rows "$BODY")
	run ! grep -qF 'name="until"' "$BODY"
	run ! grep -qF '<th>Snooze</th>' "$BODY"
	item=$(rows "$BODY" | jsonq 'x[0]["id"]')
	csrf=$(csrf_of "$BODY")
	as /agenda/snooze --data-urlencode "csrf=$csrf" --data-urlencode "item=$item" --data-urlencode until=2026-11-30
	[ "$STATUS" = 403 ]
	grep -qF 'Your role lets you read the record but not change it.' "$BODY"
	[ "$(db_query "SELECT count(*) FROM snoozes")" = 0 ]
}

@test "a partner's user sees only its relationship's items, owed by the partner, in Chinese" {
	demo_server
	sign_in chen.jing@evergreen.example
	as /agenda
	[ "$STATUS" = 200 ]
	grep -qF '<html lang="zh-CN">' "$BODY"
	grep -qF '<title>待办 - Rapport</title>' "$BODY"
	grep -qF '<h2 id="overdue">已逾期 <span class="count">' "$BODY"
	grep -qF '<h2 id="upcoming">即将到期 <span class="count">' "$BODY"
	# no partner filter for a partner's user, and no other partner's name
	run ! grep -qF 'name="partner"' "$BODY"
	run ! grep -qF 'Saigon' "$BODY"
	run ! grep -qF 'Padma' "$BODY"
	rows "$BODY" >page.json
	cli_rows --side partner --partner 1 --author chen.jing@evergreen.example >cli.json
	# the dimension and what an item says are written in Chinese here (the
	# English page's are the CLI's word for word, above; the Chinese texts
	# are checked below)
	diff <(jsonq '[{k: v for k, v in i.items() if k not in ("dimension", "what")} for i in x]' <cli.json) \
		<(jsonq '[{k: v for k, v in i.items() if k not in ("dimension", "what")} for i in x]' <page.json)
	[ "$(jsonq 'len(x)' <page.json)" -ge 1 ]
	[ "$(jsonq 'sorted({i["partner"] for i in x})' <page.json)" = "[1]" ]
	[ "$(jsonq 'sorted({i["owes"] for i in x} - {"partner", "both"})' <page.json)" = "[]" ]
	# its own partner's id is fine, another's is missing
	as '/agenda?partner=1'
	[ "$STATUS" = 200 ]
	as '/agenda?partner=2'
	[ "$STATUS" = 404 ]
	# another relationship's item cannot be snoozed
	other=$(rapport agenda --json --partner 2 | jsonq 'x[0]["id"]')
	post_from /agenda /agenda/snooze "item=$other" until=2026-11-30
	[ "$STATUS" = 400 ]
	[ "$(db_query "SELECT count(*) FROM snoozes")" = 0 ]
	# its own can
	item=$(jsonq 'x[0]["id"]' <page.json)
	post_from /agenda /agenda/snooze "item=$item" until=2026-11-30
	[ "$STATUS" = 303 ]
	[ "$(db_query "SELECT author FROM snoozes")" = chen.jing@evergreen.example ]
}

@test "text from the record renders inert on the agenda" {
	use_prepared_db
	rapport commitment add --partner 1 --side buyer --what '<script>alert("x")</script> & more' --due 2026-11-27 >/dev/null
	start_server --threads 1
	sign_in maya@lindenrowe.example
	as /agenda
	grep -qF '<span class="what">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more</span>' "$BODY"
	run ! grep -qF '<script>' "$BODY"
	diff <(cli_rows --side buyer --author maya@lindenrowe.example) <(rows "$BODY")
}

@test "the dashboard counts each partner's agenda items by state, for the user's side" {
	demo_server
	sign_in maya@lindenrowe.example
	as /
	[ "$STATUS" = 200 ]
	grep -qF '<th>Agenda</th>' "$BODY"
	for p in 1 2 3; do
		for s in overdue due upcoming; do
			n=$(rapport agenda --json --side buyer --partner "$p" --author maya@lindenrowe.example |
				jsonq "len([i for i in x if i['state'] == '$s'])")
			grep -qF "<span class=\"$s\" data-count=\"$n\">$n $s</span>" <(sed -n "/href=\"\/agenda?partner=$p\"/p" "$BODY") ||
				{ echo "partner $p $s: want $n" >&2; return 1; }
		done
	done
	# a partner's user: its own row, counted for its side
	JAR=$BATS_TEST_TMPDIR/chen.jar sign_in chen.jing@evergreen.example
	JAR=$BATS_TEST_TMPDIR/chen.jar as /
	n=$(rapport agenda --json --side partner --partner 1 --author chen.jing@evergreen.example | jsonq 'len([i for i in x if i["state"] == "upcoming"])')
	grep -qF "<a href=\"/agenda?partner=1\">" "$BODY"
	grep -qF "<span class=\"upcoming\" data-count=\"$n\">$n 项即将到期</span>" "$BODY"
	run ! grep -qF 'agenda?partner=2' "$BODY"
}

@test "each item links to what settles it: the form of its event with its entity chosen, or the page to read" {
	demo_server
	sign_in maya@lindenrowe.example
	as /agenda
	[ "$STATUS" = 200 ]
	# every buyer's item of a kind with a form links to it; the links are
	# worked out from the item's id (kind:ID) and kind
	python3 - "$BODY" <<'PY'
import html, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
want = {"commitment": "/record/commitment.keep?commitment=", "milestone": "/record/commitment.keep?commitment=",
        "payment": "/record/payment.paid?payment=", "ack": "/record/issue.ack?issue=",
        "action": "/record/issue.action_done?action=", "suggestion": "/record/suggestion.respond?suggestion="}
seen = 0
for m in re.finditer(r'<tr id="item-\d+" data-id="([^"]*)" data-state="\w+" data-owes="(\w+)">(.*?)</tr>', page, re.S):
    item, row = html.unescape(m.group(1)), m.group(3)
    kind, _, ident = item.partition(":")
    rel = re.search(r'<a href="/partners/(\d+)">', row).group(1)
    link = re.search(r'<a class="do" href="([^"]*)">', row)
    if kind in want:
        assert link and html.unescape(link.group(1)) == "/partners/" + rel + want[kind] + ident, (item, link and link.group(1))
        seen += 1
    elif kind == "contact":
        assert link and link.group(1) == "/partners/" + rel + "/contact", item
    elif kind == "score":
        assert link and link.group(1) == "/partners/" + rel, item
assert seen > 0, "no item with an entity on the buyer's agenda"
print(seen)
PY
	# following such a link gives its form with that entity chosen
	link=$(grep -o '<a class="do" href="/partners/[0-9]*/record/[a-z._]*?[a-z]*=[0-9]*">' "$BODY" | head -1 | sed 's/.*href="\([^"]*\)".*/\1/')
	[ -n "$link" ]
	as "$link"
	[ "$STATUS" = 200 ]
	grep -qF "<option value=\"${link##*=}\" selected>" "$BODY"
}

@test "a viewer sees the pages to read but no form links; a factory's user no link to the buyer's forms" {
	demo_server
	JAR=tom.jar sign_in tom@lindenrowe.example
	JAR=tom.jar as /agenda
	[ "$STATUS" = 200 ]
	run ! grep -qF '/record/' "$BODY"
	JAR=chen.jar sign_in chen.jing@evergreen.example
	JAR=chen.jar as '/agenda?side=both'
	[ "$STATUS" = 200 ]
	run ! grep -qF '/record/payment.paid' "$BODY"
}

@test "in Chinese the agenda says what each item asks in Chinese, the same items as in English" {
	demo_server
	JAR=chen.jar sign_in chen.jing@evergreen.example
	JAR=chen.jar as '/agenda?side=both'
	[ "$STATUS" = 200 ]
	grep -qF '<html lang="zh-CN">' "$BODY"
	rows "$BODY" >zh.json
	JAR=chen.jar as '/agenda?side=both' -H 'Cookie: rapport_lang=en'
	# the same items (ids, states, times) as rapport agenda gives; only what they say differs
	[ "$(jsonq '[(i["id"], i["state"], i["owes"]) for i in x]' <zh.json)" = \
		"$(RAPPORT_AUTHOR=chen.jing@evergreen.example cli_rows --partner 1 | jsonq '[(i["id"], i["state"], i["owes"]) for i in x]')" ]
	python3 - zh.json <<'PY'
import json, sys
items = json.load(open(sys.argv[1], encoding="utf-8"))
english = ("Weekly update", "Last contact", "No contact", "Pay ", "Acknowledge the", "Answer ", "Milestone:",
           "Corrective action", "Spec change", "The partner's", "The buyer's", "The factory", "The office")
chinese = {"update": ("每周进度更新", "错过了每周进度更新"), "contact": ("上次联系在", "尚无联系记录"),
           "milestone": ("节点：",), "ack": ("确认",), "payment": ("支付",), "suggestion": ("答复",)}
assert items, "no items"
for it in items:
    assert not it["what"].startswith(english), it
    kind = it["id"].split(":")[0]
    if kind in chinese:
        assert it["what"].startswith(chinese[kind]), it
print(len(items))
PY
}
