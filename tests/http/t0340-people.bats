#!/usr/bin/env bats
# GET /people on the demo record: the people of every relationship the
# user may see, grouped by partner, each with side, role, language, when
# added and the suggestions they made with what became of them: exactly
# `rapport people --json` and `rapport suggestions --json`. A partner's
# user sees its own relationship only. The page only reads: it has no
# form, so no CSRF or viewer refusal applies to it.

load helper

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

sign_in() {
	login "$1" rapport-demo
	[ "$STATUS" = 303 ]
}

# people PAGE: the page's people as JSON, by partner heading: id, partner,
# side, name, role, lang, added, and their suggestions' ids and outcomes.
people() {
	python3 - "$1" <<'PY'
import html, json, re, sys
page = open(sys.argv[1], encoding="utf-8").read()
out = []
for part in re.split(r'(?=<h2 id="partner-)', page)[1:]:
    partner = int(re.match(r'<h2 id="partner-(\d+)">', part).group(1))
    for m in re.finditer(r'<tr id="person-(\d+)" data-side="(\w+)" data-role="(\w+)"><td>(.*?)</td><td>(.*?)</td>'
                         r'<td>(.*?)</td><td>(.*?)</td><td><time datetime="([^"]*)">.*?</time></td>'
                         r'<td class="suggestions">(.*?)</td></tr>', part):
        out.append({"id": int(m.group(1)), "partner": partner, "side": m.group(2), "role": m.group(3),
                    "name": html.unescape(m.group(4)), "lang": m.group(7) or None, "added": m.group(8),
                    "suggestions": [[int(i), html.unescape(t)] for i, t in
                                    re.findall(r'<li data-id="(\d+)">(.*?) <small class="outcome">', m.group(9))]})
print(json.dumps(out, ensure_ascii=False, indent=1))
PY
}

# cli_people [--partner N]: the same from the CLI, in the page's order
# (by partner, then side and name, as rapport people lists them).
cli_people() {
	rapport people --json "$@" >people.json
	rapport suggestions --json "$@" >suggestions.json
	python3 - <<'PY'
import json
people = json.load(open("people.json"))
sugg = json.load(open("suggestions.json"))
out = []
for p in people:
    out.append({"id": p["id"], "partner": p["partner"], "side": p["side"], "role": p["role"], "name": p["name"],
                "lang": p["lang"], "added": p["added"],
                "suggestions": [[s["id"], s["text"]] for s in sugg if s["person"] == p["id"]]})
print(json.dumps(out, ensure_ascii=False, indent=1))
PY
}

@test "without a session /people leads to the sign-in" {
	demo_server
	get /people
	[ "$STATUS" = 303 ]
	[ "$(header location)" = "/login?next=%2Fpeople" ]
}

@test "a buyer's admin sees every partner's people, as rapport people and rapport suggestions list them" {
	demo_server
	sign_in maya@lindenrowe.example
	as /people
	[ "$STATUS" = 200 ]
	grep -qF '<title>People - Rapport</title>' "$BODY"
	grep -qF '<li><a href="/people" aria-current="page">People</a></li>' "$BODY"
	grep -qF '<h2 id="partner-1"><a href="/partners/1">Dongguan Evergreen Knitwear Co., Ltd.</a></h2>' "$BODY"
	grep -qF '<h2 id="partner-2"><a href="/partners/2">Saigon Loom Garments JSC</a></h2>' "$BODY"
	grep -qF '<h2 id="partner-3"><a href="/partners/3">Padma Knit Composite Ltd.</a></h2>' "$BODY"
	people "$BODY" >page.json
	cli_people >cli.json
	diff cli.json page.json
	[ "$(jsonq 'len(x)' <page.json)" -ge 10 ]
	# hand-checked rows of the demo: Li Wei, a line worker at Dongguan, whose
	# suggestion on rib trims was adopted and the one on a cheaper yarn declined
	grep -qF '<td>Li Wei</td><td>Dongguan Evergreen Knitwear Co., Ltd.</td><td>Line worker</td><td>zh</td>' "$BODY"
	grep -qF '<li data-id="54">Pre-shrink the rib trims before linking <small class="outcome">(Adopted)</small></li>' "$BODY"
	grep -qF '<li data-id="205">Switch to a cheaper yarn for the body <small class="outcome">(Declined)</small></li>' "$BODY"
	# an unanswered one says so
	[ "$(rapport suggestions --json --partner 1 | jsonq '[s["outcome"] for s in x if s["id"] == 339]')" = '[null]' ]
	grep -qF '<li data-id="339">Add a second inline inspection for dark shades <small class="outcome">(Not answered yet)</small></li>' "$BODY"
	# the buyer's own people in the relationship, named by the buyer
	grep -qF '<td>Maya Okafor</td><td>Linden &amp; Rowe</td><td>Sourcing</td>' "$BODY"
	# one partner
	as '/people?partner=2'
	[ "$STATUS" = 200 ]
	diff <(cli_people --partner 2) <(people "$BODY")
	run ! grep -qF 'partner-1' "$BODY"
	for bad in 99 0 x; do
		as "/people?partner=$bad"
		[ "$STATUS" = 404 ] || { echo "$bad: $STATUS" >&2; return 1; }
	done
}

@test "a buyer's viewer reads the people too" {
	demo_server
	sign_in tom@lindenrowe.example
	as /people
	[ "$STATUS" = 200 ]
	diff <(cli_people) <(people "$BODY")
	run ! grep -qF '<form method="post" action="/people' "$BODY"
}

@test "a partner's user sees only its own relationship's people, in Chinese; another partner's is missing" {
	demo_server
	sign_in chen.jing@evergreen.example
	as /people
	[ "$STATUS" = 200 ]
	grep -qF '<html lang="zh-CN">' "$BODY"
	grep -qF '<h1>联系人</h1>' "$BODY"
	grep -qF '<td>Li Wei</td><td>Dongguan Evergreen Knitwear Co., Ltd.</td><td>产线工人</td>' "$BODY"
	grep -qF '<small class="outcome">(已采纳)</small>' "$BODY"
	diff <(cli_people --partner 1) <(people "$BODY")
	run ! grep -qF 'Saigon' "$BODY"
	run ! grep -qF 'partner-2' "$BODY"
	as '/people?partner=1'
	[ "$STATUS" = 200 ]
	as '/people?partner=2'
	[ "$STATUS" = 404 ]
	run ! grep -qF 'Saigon' "$BODY"
}

@test "names and suggestions from the record render inert" {
	use_prepared_db
	id=$(rapport person add --partner 1 --side partner --name '<script>alert("x")</script>' --role qc --json | jsonq 'x["id"]')
	rapport suggestion add --partner 1 --person "$id" --text 'Use <b>bold</b> & "quotes"' >/dev/null
	start_server --threads 1
	sign_in maya@lindenrowe.example
	as /people
	grep -qF '<td>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;</td>' "$BODY"
	grep -qF 'Use &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quotes&quot; <small class="outcome">' "$BODY"
	run ! grep -qF '<script>' "$BODY"
	diff <(cli_people) <(people "$BODY")
}
