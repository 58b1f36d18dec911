#!/usr/bin/env bats
# The JSON API under /api/v1/: tokens, every route without one, tenant
# isolation, roles, cursor pages, appending with the CLI's validation,
# errors in one shape, ETags and Idempotency-Key. Answers are compared with
# what the CLI prints from the same database.

load helper

# The API's routes, "METHOD PATTERN" a line, read from its table.
api_routes() {
	sed -n 's/^[[:space:]]*{"\(GET\|POST\)", "\(\/api\/v1\/[^"]*\)".*/\1 \2/p' "$BATS_TEST_DIRNAME/../../src/web/api.c"
}

# token_for EMAIL: a new token of the user, on stdout.
token_for() {
	rapport token add --user "$1" --name test --json | jsonq 'x["token"]'
}

# api METHOD PATH TOKEN [CURL-OPTION...]: sets STATUS, BODY, HEADERS.
api() {
	local m=$1 path=$2 tok=$3
	shift 3
	get "$path" -X "$m" ${tok:+-H "Authorization: Bearer $tok"} "$@"
}

# post_event PATH TOKEN JSON [CURL-OPTION...]
post_event() {
	local path=$1 tok=$2 json=$3
	shift 3
	api POST "$path" "$tok" -H 'Content-Type: application/json' --data-binary "$json" "$@"
}

# Two partners, some events on the first, users of each organisation.
two_partners() {
	init_db
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00Z >/dev/null
	rapport order add --partner 1 --po P1 --style S --qty 3 --price 1 --currency USD --ex-factory 2027-01-29 >/dev/null
	rapport update submit --partner 1 --status on_track --progress 40 --at 2026-11-23T09:30+08:00 >/dev/null
	rapport contact --partner 2 --by partner --kind email --at 2026-11-21T09:00Z >/dev/null
	add_user buyer maya@lindenrowe.example admin
	add_user buyer tom@lindenrowe.example viewer
	add_user partner:1 chen.jing@evergreen.example member
	add_user partner:2 lan.nguyen@saigonloom.example member
}

# the number of events in partner 1's record
events_of_1() {
	rapport log --partner 1 --json | jsonq 'str(len(x))'
}

@test "token add shows the token once; only its SHA-256 is kept; list and revoke" {
	init_db
	add_user buyer maya@lindenrowe.example admin
	run rapport token add --user maya@lindenrowe.example --name "ERP sync"
	[ "$status" -eq 0 ]
	tok=$(sed -n 2p <<<"$output")
	[[ "$tok" =~ ^rpt_[A-Za-z0-9_-]{43}$ ]]
	[ "$(db_query 'SELECT token_hash FROM api_tokens')" = "$(printf '%s' "$tok" | sha256sum | cut -d' ' -f1)" ]
	[ "$(db_query "SELECT count(*) FROM api_tokens WHERE token_hash LIKE '%$tok%'")" = 0 ]
	run rapport token list --json
	[ "$(jsonq '[(t["id"], t["user"], t["name"], t["revoked"]) for t in x]' <<<"$output")" = '[[1,"maya@lindenrowe.example","ERP sync",null]]' ]
	[[ "$output" != *"$tok"* ]]
	run rapport token revoke --id 1
	[ "$status" -eq 0 ]
	run rapport token revoke --id 1
	[ "$status" -eq 2 ]
	[[ "$output" == *"--id: no working token 1"* ]]
	run rapport token add --user nobody@example.com
	[ "$status" -eq 2 ]
	[[ "$output" == *'--user: no user with the e-mail address "nobody@example.com"'* ]]
}

@test "every route in the table answers 401 without a token, with a bad one and with a revoked one" {
	two_partners
	tok=$(token_for maya@lindenrowe.example)
	rapport token revoke --id 1 >/dev/null
	start_server
	n=0
	while read -r m p; do
		path=${p//\{id\}/1}
		path=${path//\{event\}/1}
		path=${path//\{kind\}/contacts}
		for t in "" "rpt_notatoken" "$tok"; do
			extra=()
			[ "$m" = POST ] && extra=(--data-binary '{}')
			api "$m" "$path" "$t" -H 'Content-Type: application/json' "${extra[@]}"
			[ "$STATUS" = 401 ] || { echo "$m $path with '$t': $STATUS"; return 1; }
			[ "$(header www-authenticate)" = 'Bearer realm="rapport"' ]
			[ "$(jsonq 'x["error"]["code"]' <"$BODY")" = unauthorized ]
		done
		n=$((n + 1))
	done < <(api_routes)
	[ "$n" -ge 20 ]
}

@test "who the token is; a disabled user's token stops working" {
	two_partners
	tok=$(token_for chen.jing@evergreen.example)
	start_server
	api GET /api/v1/me "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq '[x["email"], x["role"], x["org"], x["partner"]]' <"$BODY")" = '["chen.jing@evergreen.example","member","partner",1]' ]
	rapport user disable --email chen.jing@evergreen.example >/dev/null
	api GET /api/v1/me "$tok"
	[ "$STATUS" = 401 ]
}

@test "a partner's token sees only its own relationship: another's ids answer 404 on every partner route" {
	two_partners
	tok=$(token_for chen.jing@evergreen.example)
	start_server
	api GET /api/v1/partners "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq '[p["id"] for p in x["partners"]]' <"$BODY")" = '[1]' ]
	while read -r m p; do
		[[ "$p" == */partners/\{id\}* ]] || continue
		path=${p//\{id\}/2}
		path=${path//\{event\}/5}
		path=${path//\{kind\}/contacts}
		if [ "$m" = POST ]; then
			post_event "$path" "$tok" '{"kind":"contact","body":{"by":"partner","kind":"call"}}'
		else
			api GET "$path" "$tok"
		fi
		[ "$STATUS" = 404 ] || { echo "$m $path: $STATUS"; return 1; }
		[ "$(jsonq 'x["error"]["code"]' <"$BODY")" = not_found ]
	done < <(api_routes)
	# its own record, but not another record's event through it (event 2
	# opened partner 2's record)
	[ "$(rapport log --partner 2 --json | jsonq 'str(x[0]["id"])')" = 2 ]
	api GET /api/v1/partners/1/events/2 "$tok"
	[ "$STATUS" = 404 ]
	api GET /api/v1/agenda?partner=2 "$tok"
	[ "$STATUS" = 404 ]
	[ "$(rapport log --partner 2 --json | jsonq 'str(len(x))')" = 2 ] # nothing appended to 2
}

@test "a viewer's token reads but cannot append (403); the buyer's sees every partner" {
	two_partners
	view=$(token_for tom@lindenrowe.example)
	admin=$(token_for maya@lindenrowe.example)
	start_server
	api GET /api/v1/partners "$view"
	[ "$(jsonq '[p["id"] for p in x["partners"]]' <"$BODY")" = '[1,2]' ]
	before=$(events_of_1)
	post_event /api/v1/partners/1/events "$view" '{"kind":"contact","body":{"by":"buyer","kind":"call"}}'
	[ "$STATUS" = 403 ]
	[ "$(jsonq 'x["error"]["code"]' <"$BODY")" = forbidden ]
	[ "$(events_of_1)" = "$before" ]
	api GET /api/v1/partners/2 "$admin"
	[ "$STATUS" = 200 ]
	[ "$(jsonq '[x["name"], x["country"], x["tz"], x["buyer"]["name"], x["events"]]' <"$BODY")" = '["Saigon Loom","VN","Asia/Ho_Chi_Minh","Linden & Rowe",2]' ]
}

@test "each side appends through the API only what its users record on the web: 403 for the other side's kinds" {
	two_partners
	add_user buyer sam@lindenrowe.example member
	factory=$(token_for chen.jing@evergreen.example)
	admin=$(token_for maya@lindenrowe.example)
	member=$(token_for sam@lindenrowe.example)
	start_server
	before=$(events_of_1)
	local kind
	# the buyer's: orders, payments, specifications, the settings, the weights
	for kind in order.add payment.due payment.paid spec.publish spec.change; do
		post_event /api/v1/partners/1/events "$factory" "{\"kind\":\"$kind\",\"body\":{}}"
		[ "$STATUS" = 403 ]
		[ "$(jsonq '[x["error"][k] for k in ("code", "field", "message")]' <"$BODY")" = "[\"forbidden\",\"kind\",\"$kind events are recorded by the buyer's users\"]" ]
	done
	post_event /api/v1/partners/1/events "$factory" '{"kind":"settings","body":{"payment_terms":10}}'
	[ "$STATUS" = 403 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = "the settings are changed by the buyer's admins and members" ]
	for tok in "$factory" "$member"; do
		post_event /api/v1/partners/1/events "$tok" '{"kind":"weights.set","body":{"key":"payment.late","value":"-2"}}'
		[ "$STATUS" = 403 ]
		[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = "the trust model's weights are changed by the buyer's admins" ]
	done
	# the factory's: its status updates and its closures
	for kind in update.submit closure.add; do
		post_event /api/v1/partners/1/events "$admin" "{\"kind\":\"$kind\",\"body\":{}}"
		[ "$STATUS" = 403 ]
		[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = "$kind events are recorded by the factory's users" ]
	done
	# a correction of the other side's event (seq 2, the buyer's call)
	post_event /api/v1/partners/1/events "$factory" '{"kind":"correct","body":{"seq":2,"reason":"Never happened","void":true}}'
	[ "$STATUS" = 403 ]
	[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = "[\"body.seq\",\"event 2 was recorded by the buyer: only its own side corrects it\"]" ]
	# and a factory's file of orders or payments
	printf 'po,style,qty,price,currency,ex_factory\nP9,S,1,1,USD,2027-06-01\n' >orders.csv
	for kind in orders payments; do
		api POST "/api/v1/partners/1/import/$kind" "$factory" -H 'Content-Type: text/csv' --data-binary @orders.csv
		[ "$STATUS" = 403 ]
		[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = "[\"kind\",\"$kind are the buyer's to record: a factory's users import contacts, people and commitments\"]" ]
	done
	[ "$(events_of_1)" = "$before" ]
	# what each side does record still lands: the factory corrects its own
	post_event /api/v1/partners/1/events "$factory" '{"kind":"contact","at":"2026-11-24T09:00Z","body":{"by":"partner","kind":"email"}}'
	[ "$STATUS" = 201 ]
	seq=$(jsonq 'x["event"]["seq"]' <"$BODY")
	post_event /api/v1/partners/1/events "$factory" "{\"kind\":\"correct\",\"body\":{\"seq\":$seq,\"reason\":\"Sent to the wrong person\",\"void\":true}}"
	[ "$STATUS" = 201 ]
	post_event /api/v1/partners/1/events "$admin" '{"kind":"weights.set","body":{"key":"payment.late","value":"-2"}}'
	[ "$STATUS" = 201 ]
	# a weight refused names the member at fault, whatever the weight is
	# called, and the message names the weight
	local key want
	for key in value kind at charm; do
		post_event /api/v1/partners/1/events "$admin" "{\"kind\":\"weights.set\",\"body\":{\"key\":\"$key\",\"value\":\"1\"}}"
		[ "$STATUS" = 422 ]
		want="[\"body.key\",\"$key: no such weight (see rapport weights)\"]"
		[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = "$want" ]
	done
	post_event /api/v1/partners/1/events "$admin" '{"kind":"weights.set","body":{"key":"payment.late","value":"3"}}'
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = '["body.value","payment.late: bad evidence keeps its sign: from -100 to 0"]' ]
}

@test "events: cursor pages walk the whole record oldest first, as rapport log; filters by kind and time" {
	two_partners
	for i in $(seq 1 7); do rapport contact --partner 1 --by buyer --kind call --at "2026-11-0${i}T09:00Z" >/dev/null; done
	tok=$(token_for maya@lindenrowe.example)
	start_server
	want=$(rapport log --partner 1 --json | jsonq '[[e["seq"], e["kind"], e["hash"]] for e in x]')
	got='[]' after=0 pages=0
	while :; do
		api GET "/api/v1/partners/1/events?limit=3&after=$after" "$tok"
		[ "$STATUS" = 200 ]
		got=$(python3 -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.load(open(sys.argv[2])); print(json.dumps(a+[[e["seq"],e["kind"],e["hash"]] for e in b["events"]], separators=(",",":")))' "$got" "$BODY")
		pages=$((pages + 1))
		after=$(jsonq 'x["next_after"] or ""' <"$BODY")
		[ -n "$after" ] || break
	done
	[ "$got" = "$want" ]
	n=$(events_of_1) # 19: the order added two milestones and payments
	[ "$pages" = $(((n + 2) / 3)) ]
	api GET "/api/v1/partners/1/events?kind=contact&from=2026-11-03&to=2026-11-05T23:59:59Z" "$tok"
	[ "$(jsonq '[e["at"] for e in x["events"]]' <"$BODY")" = '["2026-11-03T09:00:00Z","2026-11-04T09:00:00Z","2026-11-05T09:00:00Z"]' ]
	# a local time is the user's: the buyer's London (UTC in November), the
	# factory's Shanghai (UTC+8) for its user
	api GET "/api/v1/partners/1/events?kind=contact&from=2026-11-03T09:30&to=2026-11-05T09:00" "$tok"
	[ "$(jsonq '[e["at"] for e in x["events"]]' <"$BODY")" = '["2026-11-04T09:00:00Z","2026-11-05T09:00:00Z"]' ]
	api GET "/api/v1/partners/1/events?kind=contact&from=2026-11-03T09:30&to=2026-11-05T09:00" "$(token_for chen.jing@evergreen.example)"
	[ "$(jsonq '[e["at"] for e in x["events"]]' <"$BODY")" = '["2026-11-03T09:00:00Z","2026-11-04T09:00:00Z"]' ]
	# a date in to takes in that whole day, in the user's zone: the
	# factory's 4 November is 2026-11-03T16:00Z to 2026-11-04T15:59:59Z
	api GET "/api/v1/partners/1/events?kind=contact&from=2026-11-03&to=2026-11-05" "$tok"
	[ "$(jsonq '[e["at"] for e in x["events"]]' <"$BODY")" = '["2026-11-03T09:00:00Z","2026-11-04T09:00:00Z","2026-11-05T09:00:00Z"]' ]
	api GET "/api/v1/partners/1/events?kind=contact&from=2026-11-04&to=2026-11-04" "$(token_for chen.jing@evergreen.example)"
	[ "$(jsonq '[e["at"] for e in x["events"]]' <"$BODY")" = '["2026-11-04T09:00:00Z"]' ]
	# RFC 3339 with a fraction of a second, as JavaScript writes it
	api GET "/api/v1/partners/1/events?kind=contact&from=2026-11-04T09:00:00.000Z&to=2026-11-04T09:00:00.999Z" "$tok"
	[ "$(jsonq '[e["at"] for e in x["events"]]' <"$BODY")" = '["2026-11-04T09:00:00Z"]' ]
	api GET "/api/v1/partners/1/events?kind=update" "$tok"
	[ "$(jsonq '[e["kind"] for e in x["events"]]' <"$BODY")" = '["update.submit"]' ]
	oid=$(rapport log --partner 1 --json | jsonq 'str([e["id"] for e in x if e["kind"] == "order.add"][0])')
	api GET "/api/v1/partners/1/events/$oid" "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq '[x["kind"], x["body"]["po"]]' <"$BODY")" = '["order.add","P1"]' ]
	for bad in "limit=0:limit" "limit=1001:limit" "after=x:after" "kind=nonsense:kind" "from=yesterday:from" \
	           "kind=%ff:kind" "limit=10&limit=abc:limit" "limit=%2B5:limit" "limit=%205:limit"; do
		api GET "/api/v1/partners/1/events?${bad%%:*}" "$tok"
		[ "$STATUS" = 400 ] || { echo "$bad: $STATUS"; return 1; }
		[ "$(jsonq '[x["error"]["code"], x["error"]["field"]]' <"$BODY")" = "[\"bad_request\",\"${bad##*:}\"]" ]
	done
	api GET "/api/v1/partners/1/events?kind=%ff" "$tok"
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = "the query string: not UTF-8 text" ]
	api GET "/api/v1/partners/1/events?$(printf 'a=1&%.0s' $(seq 600))" "$tok"
	[ "$STATUS" = 400 ]
	[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = '[null,"the query string: more than 512 fields"]' ]
}

@test "POST an event: appended once by the token's user on its side, as the CLI would, chain intact" {
	two_partners
	tok=$(token_for chen.jing@evergreen.example)
	start_server
	seq=$(($(events_of_1) + 1))
	post_event /api/v1/partners/1/events "$tok" \
		'{"kind":"issue.raise","at":"2026-11-25T09:00","body":{"title":"Shade <b>variation</b>","severity":"major","disclosure":"self","responsible":"partner"}}'
	[ "$STATUS" = 201 ]
	[ "$(jsonq '[x["event"][k] for k in ("seq", "kind", "side", "author", "at", "recorded")]' <"$BODY")" = \
		"[$seq,\"issue.raise\",\"partner\",\"chen.jing@evergreen.example\",\"2026-11-25T01:00:00Z\",\"2026-11-25T10:00:00Z\"]" ]
	run rapport log --partner 1 --json
	[ "$(jsonq 'x[-1]["hash"]' <<<"$output")" = "$(jsonq 'x["event"]["hash"]' <"$BODY")" ]
	run rapport issues --partner 1 --json
	[ "$(jsonq '[i["title"] for i in x]' <<<"$output")" = '["Shade <b>variation</b>"]' ]
	run rapport verify
	[ "$status" -eq 0 ]
	# the server ends cleanly: nothing an answer was made of is left behind
	stop_server
	[ "$SERVER_STATUS" -eq 0 ]
}

@test "a refused POST names the field, answers 400/409/415/422 and appends nothing" {
	two_partners
	tok=$(token_for maya@lindenrowe.example)
	start_server
	before=$(events_of_1)
	check() { # STATUS CODE FIELD
		[ "$STATUS" = "$1" ] || { echo "status $STATUS, wanted $1: $(cat "$BODY")"; return 1; }
		[ "$(jsonq '[x["error"]["code"], x["error"]["field"]]' <"$BODY")" = "[\"$2\",$3]" ] || { cat "$BODY"; return 1; }
		[ "$(events_of_1)" = "$before" ]
	}
	post_event /api/v1/partners/1/events "$(token_for chen.jing@evergreen.example)" '{"kind":"update.submit","body":{"status":"sideways","progress":41}}'
	check 422 invalid '"body.status"'
	post_event /api/v1/partners/1/events "$tok" '{"kind":"order.add","body":{"po":"P1","style":"S","qty":1,"price":"1","currency":"USD","ex_factory":"2027-02-01"}}'
	check 409 conflict '"body.po"'
	grep -qF 'order P1 already exists' "$BODY"
	post_event /api/v1/partners/1/events "$tok" '{"kind":"contact", "body":'
	check 400 bad_request null
	grep -qF 'the request is not JSON: at byte 26' "$BODY"
	post_event /api/v1/partners/1/events "$tok" '{"kind":"contact","kind":"contact","body":{"by":"buyer","kind":"call"}}'
	check 400 bad_request null
	grep -qF 'the request is not JSON: at byte 24: duplicate object key' "$BODY"
	post_event /api/v1/partners/1/events "$tok" '{"kind":"teleport","body":{}}'
	check 422 invalid '"kind"'
	# a contact's own kind is the body's
	post_event /api/v1/partners/1/events "$tok" '{"kind":"contact","body":{"by":"buyer","kind":"fax"}}'
	check 422 invalid '"body.kind"'
	# acting on a resolved issue contradicts the record, as a kept promise kept again
	iid=$(rapport issue raise --partner 1 --title Shade --severity minor --disclosure self --responsible partner)
	rapport issue resolve "$iid" >/dev/null
	before=$(events_of_1)
	post_event /api/v1/partners/1/events "$tok" "{\"kind\":\"issue.ack\",\"body\":{\"issue\":$iid}}"
	check 409 conflict '"body.issue"'
	grep -qF "is resolved; reopen it first" "$BODY"
	post_event /api/v1/partners/1/events "$tok" '{"kind":"contact","body":{"by":"buyer","kind":"call"},"side":"partner"}'
	check 400 bad_request '"side"'
	post_event /api/v1/partners/1/events "$tok" '{"kind":"contact","at":"next week","body":{"by":"buyer","kind":"call"}}'
	check 422 invalid '"at"'
	api POST /api/v1/partners/1/events "$tok" --data-urlencode 'kind=contact'
	check 415 unsupported_media_type null
	api DELETE /api/v1/partners/1/events "$tok"
	check 405 method_not_allowed null
	api GET /api/v1/nothing/here "$tok"
	check 404 not_found null
	api GET /api/v1/partners/1%00/events "$tok"
	check 400 bad_request null
	grep -qF 'the path holds a NUL byte' "$BODY"
}

@test "an order POSTed gets its six milestones and two payments, as rapport order add gives them" {
	two_partners
	tok=$(token_for maya@lindenrowe.example)
	start_server
	before=$(events_of_1)
	post_event /api/v1/partners/1/events "$tok" '{"kind":"order.add","at":"2026-11-24T10:00:00Z","body":{"po":"API-1","style":"Crew tee","qty":500,"price":"3.20","currency":"USD","ex_factory":"2027-03-01"}}'
	[ "$STATUS" = 201 ] || { cat "$BODY"; false; }
	[ "$(events_of_1)" = $((before + 9)) ]
	[ "$(jsonq '[x["event"]["kind"], len(x["milestones"]), len(x["payments"])]' <"$BODY")" = '["order.add",6,2]' ]
	# the answer names the commitments and payments made for it
	oid=$(jsonq 'str(x["event"]["id"])' <"$BODY")
	[ "$(jsonq '",".join(str(i) for i in x["milestones"])' <"$BODY")" = \
	  "$(db_query "SELECT id FROM commitments WHERE order_id = $oid ORDER BY id" | paste -sd,)" ]
	[ "$(jsonq '",".join(str(i) for i in x["payments"])' <"$BODY")" = \
	  "$(db_query "SELECT id FROM payments WHERE order_id = $oid ORDER BY id" | paste -sd,)" ]
	# the same order from the command line, at the same time: the same
	# milestones and due dates, the same deposit and balance (500 x 3.20 =
	# 1600.00: 30 % a week after the order, the rest 30 days after ex-factory)
	rapport order add --partner 1 --po CLI-1 --style "Crew tee" --qty 500 --price 3.20 --currency USD \
		--ex-factory 2027-03-01 --at 2026-11-24T10:00:00Z >/dev/null
	of() { # PO: its milestones, then its payments
		db_query "SELECT c.milestone, c.due, c.side FROM commitments c JOIN orders o ON o.id = c.order_id
		          WHERE o.po = '$1' ORDER BY c.due, c.id"
		db_query "SELECT p.label, p.amount, p.currency, p.due FROM payments p JOIN orders o ON o.id = p.order_id
		          WHERE o.po = '$1' ORDER BY p.due"
	}
	[ "$(of API-1)" = "$(of CLI-1)" ]
	[ "$(of API-1 | tail -2)" = "$(printf 'deposit|480.00|USD|2026-12-01\nbalance|1120.00|USD|2027-03-31')" ]
	[ "$(of API-1 | head -1)" = "sample approval|2026-12-31|partner" ]
}

@test "the request itself: its media type, its size, JSON that is not an object, the methods a path takes" {
	two_partners
	tok=$(token_for maya@lindenrowe.example)
	start_server
	before=$(events_of_1)
	ev='{"kind":"contact","body":{"by":"buyer","kind":"call"}}'
	# application/json in any case, with parameters; nothing else
	api POST /api/v1/partners/1/events "$tok" -H 'Content-Type: Application/JSON; charset=utf-8' --data-binary "$ev"
	[ "$STATUS" = 201 ] || { cat "$BODY"; false; }
	api POST /api/v1/partners/1/events "$tok" -H 'Content-Type: application/json;charset="utf8"' --data-binary "$ev"
	[ "$STATUS" = 201 ] || { cat "$BODY"; false; }
	for t in application/jsonfoo application/json-patch+json text/plain 'application/json; charset=latin1' \
	         'application/json; charset' 'application/json; charset=us-ascii'; do
		api POST /api/v1/partners/1/events "$tok" -H "Content-Type: $t" --data-binary "$ev"
		[ "$STATUS" = 415 ] || { echo "$t: $STATUS"; false; }
	done
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = "the body must be application/json, in UTF-8" ]
	[ "$(events_of_1)" = $((before + 2)) ]
	# a body over 1 MiB is refused before it is read as JSON
	head -c 1048577 /dev/zero | tr '\0' ' ' >big.json
	api POST /api/v1/partners/1/events "$tok" -H 'Content-Type: application/json' --data-binary @big.json
	[ "$STATUS" = 413 ]
	[ "$(jsonq '[x["error"]["code"], x["error"]["message"]]' <"$BODY")" = \
	  '["too_large","the body is longer than 1048576 bytes"]' ]
	# JSON, but not the object a request is
	post_event /api/v1/partners/1/events "$tok" '"contact"'
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'the request is not a JSON object: send {"kind": ..., "body": {...}}' ]
	post_event /api/v1/partners/1/events "$tok" '[1]'
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'the request is not a JSON object: send {"kind": ..., "body": {...}}' ]
	post_event /api/v1/partners/1/events "$tok" '{"kind":"contact","body":{"by":"buyer","kind":"call","note":"a\u0000b"}}'
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'the request is not JSON this API takes: the string that ends at byte 70 holds \u0000' ]
	printf '\0{}' >nul.json
	api POST /api/v1/partners/1/events "$tok" -H 'Content-Type: application/json' --data-binary @nul.json
	[ "$STATUS" = 400 ]
	[[ "$(jsonq 'x["error"]["message"]' <"$BODY")" == "the request is not JSON: at byte "* ]]
	[ "$(events_of_1)" = $((before + 2)) ]
	# 405 says which methods the path takes
	api POST /api/v1/partners "$tok"
	[ "$STATUS" = 405 ]
	[ "$(header allow)" = "GET, HEAD" ]
	api DELETE /api/v1/partners/1/events "$tok"
	[ "$STATUS" = 405 ]
	[ "$(header allow)" = "GET, HEAD, POST" ]
	# listings: open=true where there is an open state, nothing else
	api GET "/api/v1/partners/1/commitments?open=true" "$tok"
	[ "$STATUS" = 200 ]
	api GET "/api/v1/partners/1/commitments?open=yes" "$tok"
	[ "$STATUS" = 400 ]
	[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = '["open","true or false, not \"yes\""]' ]
	api GET "/api/v1/partners/1/contacts?open=true" "$tok"
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'contacts have no open or closed state' ]
	# a time range the wrong way round
	api GET "/api/v1/partners/1/events?from=2026-11-05&to=2026-11-01" "$tok"
	[ "$STATUS" = 400 ]
	[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = '["to","before from"]' ]
}

@test "Idempotency-Key: a retry is answered again without a second append; another request with the key is 422" {
	two_partners
	tok=$(token_for chen.jing@evergreen.example)
	other=$(token_for lan.nguyen@saigonloom.example)
	start_server
	before=$(events_of_1)
	ev='{"kind":"update.submit","body":{"status":"on_track","progress":50}}'
	post_event /api/v1/partners/1/events "$tok" "$ev" -H 'Idempotency-Key: 7f1c-retry'
	[ "$STATUS" = 201 ]
	first=$(cat "$BODY")
	[ -z "$(header idempotent-replayed)" ]
	post_event /api/v1/partners/1/events "$tok" "$ev" -H 'Idempotency-Key: 7f1c-retry'
	[ "$STATUS" = 201 ]
	[ "$(cat "$BODY")" = "$first" ]
	[ "$(header idempotent-replayed)" = true ]
	[ "$(events_of_1)" = $((before + 1)) ]
	post_event /api/v1/partners/1/events "$tok" '{"kind":"update.submit","body":{"status":"on_track","progress":51}}' -H 'Idempotency-Key: 7f1c-retry'
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = Idempotency-Key ]
	# the same key of another user is another key
	post_event /api/v1/partners/2/events "$other" "$ev" -H 'Idempotency-Key: 7f1c-retry'
	[ "$STATUS" = 201 ]
	post_event /api/v1/partners/1/events "$tok" "$ev" -H 'Idempotency-Key: '"$(printf 'k%.0s' $(seq 256))"
	[ "$STATUS" = 400 ]
	[ "$(jsonq '[x["error"]["field"], x["error"]["message"]]' <"$BODY")" = '["Idempotency-Key","1 to 255 visible ASCII characters"]' ]
	post_event /api/v1/partners/1/events "$tok" "$ev" -H 'Idempotency-Key: two words'
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = Idempotency-Key ]
	# the header is read before the body: its error comes first
	post_event /api/v1/partners/1/events "$tok" '{"kind":"teleport"' -H 'Idempotency-Key: two words'
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = Idempotency-Key ]
	[ "$(events_of_1)" = $((before + 1)) ]
	# an answer is kept 24 hours: a retry a day and a second later appends
	db_query "UPDATE api_idempotency SET created = created - 86401" >/dev/null
	post_event /api/v1/partners/1/events "$tok" "$ev" -H 'Idempotency-Key: 7f1c-retry'
	[ "$STATUS" = 201 ]
	[ -z "$(header idempotent-replayed)" ]
	[ "$(events_of_1)" = $((before + 2)) ]
	post_event /api/v1/partners/1/events "$tok" "$ev" -H 'Idempotency-Key: 7f1c-retry'
	[ "$(header idempotent-replayed)" = true ]
	[ "$(events_of_1)" = $((before + 2)) ]
}

@test "GETs carry an ETag: If-None-Match answers 304 until the record changes" {
	two_partners
	tok=$(token_for maya@lindenrowe.example)
	start_server
	api GET /api/v1/partners/1/events "$tok"
	tag=$(header etag)
	[[ "$tag" =~ ^\"[0-9a-f]{32}\"$ ]]
	rm -f "$BODY"
	api GET /api/v1/partners/1/events "$tok" -H "If-None-Match: W/\"x\", $tag"
	[ "$STATUS" = 304 ]
	[ ! -s "$BODY" ]
	# the tags of several lines are one list; a tab separates as a space does
	api GET /api/v1/partners/1/events "$tok" -H 'If-None-Match: "x"' -H "If-None-Match: $tag"
	[ "$STATUS" = 304 ]
	api GET /api/v1/partners/1/events "$tok" -H "$(printf 'If-None-Match: "x",\t%s' "$tag")"
	[ "$STATUS" = 304 ]
	api GET /api/v1/partners/1/events "$tok" -H 'If-None-Match: "x"' -H 'If-None-Match: "y"'
	[ "$STATUS" = 200 ]
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-24T09:00Z >/dev/null
	api GET /api/v1/partners/1/events "$tok" -H "If-None-Match: $tag"
	[ "$STATUS" = 200 ]
	[ "$(header etag)" != "$tag" ]
	# the same on the other GETs: a listing, the scores, the agenda
	for path in /api/v1/partners/1/orders "/api/v1/partners/1/scores?as_of=2026-11-24" /api/v1/agenda; do
		api GET "$path" "$tok"
		[ "$STATUS" = 200 ] || { echo "$path: $STATUS"; false; }
		tag=$(header etag)
		[ -n "$tag" ]
		api GET "$path" "$tok" -H "If-None-Match: $tag"
		[ "$STATUS" = 304 ] || { echo "$path: $STATUS"; false; }
	done
}

@test "listings, scores and agenda answer what the CLI prints" {
	two_partners
	tok=$(token_for maya@lindenrowe.example)
	start_server
	for l in people commitments orders updates issues actions visits suggestions specs payments greetings closures contacts; do
		api GET "/api/v1/partners/1/$l" "$tok"
		[ "$STATUS" = 200 ] || { echo "$l: $STATUS"; return 1; }
		[ "$(jsonq "x['$l']" <"$BODY")" = "$(rapport "$l" --partner 1 --json | jsonq 'x')" ] || { echo "$l differs"; return 1; }
	done
	api GET "/api/v1/partners/1/orders" "$tok"
	[ "$(jsonq '[o["po"] for o in x["orders"]]' <"$BODY")" = '["P1"]' ]
	api GET "/api/v1/partners/1/scores?as_of=2026-11-24" "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq 'x["directions"]' <"$BODY")" = "$(rapport score --partner 1 --as-of 2026-11-24 --explain --json | jsonq 'x["directions"]')" ]
	api GET "/api/v1/partners/1/scores?as_of=24/11/2026" "$tok"
	[ "$STATUS" = 400 ]
	api GET "/api/v1/partners/1/scores/series?from=2026-10-01&to=2026-11-24&step=week" "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq 'x["series"]' <"$BODY")" = "$(rapport score --partner 1 --series --from 2026-10-01 --to 2026-11-24 --step week --json | jsonq 'x["series"]')" ]
	[ "$(jsonq 'len(x["series"])' <"$BODY")" = 8 ] # Oct 1, 8, ..., Nov 19
	api GET "/api/v1/partners/1/scores/series?from=2010-01-01&to=2026-11-24" "$tok"
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = from ]
	api GET "/api/v1/partners/1/scores/series?step=day" "$tok"
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = step ]
	rapport closure add --partner 1 --from 2027-02-03 --to 2027-02-05 --reason "Boiler service" >/dev/null
	api GET "/api/v1/partners/1/holidays?year=2027" "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq 'x["partner"]["days"]' <"$BODY")" = "$(rapport holidays --partner 1 --year 2027 --json | jsonq 'x')" ]
	[ "$(jsonq 'x["buyer"]["days"]' <"$BODY")" = "$(rapport holidays --country GB --year 2027 --json | jsonq 'x')" ]
	[ "$(jsonq '[x["partner"]["country"], x["buyer"]["country"]]' <"$BODY")" = '["CN","GB"]' ]
	[ "$(jsonq '[(d["date"], d["kind"]) for d in x["partner"]["days"] if d["name"] == "Boiler service"]' <"$BODY")" = \
		'[["2027-02-03","closure"],["2027-02-04","closure"]]' ] # Feb 5 is already the Spring Festival holiday
	[ "$(jsonq '[d["kind"] for d in x["partner"]["days"] if d["date"] == "2027-02-05"]' <"$BODY")" = '["public"]' ]
	api GET "/api/v1/partners/1/holidays" "$tok"
	[ "$(jsonq 'x["year"]' <"$BODY")" = 2026 ]
	api GET "/api/v1/partners/1/holidays?year=1999" "$tok"
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = year ]
	api GET "/api/v1/partners/1/slots?from=2027-03-22&days=10" "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq 'x["slots"]' <"$BODY")" = "$(rapport slots --partner 1 --from 2027-03-22 --days 10 --json | jsonq 'x')" ]
	[ "$(jsonq '[x["from"], x["days"], len(x["slots"]) > 0]' <"$BODY")" = '["2027-03-22",10,true]' ]
	api GET "/api/v1/partners/1/slots" "$tok"
	[ "$(jsonq '[x["from"], x["days"]]' <"$BODY")" = '["2026-11-25",7]' ]
	[ "$(jsonq 'x["slots"]' <"$BODY")" = "$(rapport slots --partner 1 --json | jsonq 'x')" ]
	for bad in "days=0:days" "days=93:days" "from=2099-01-01:from" "from=soon:from"; do
		api GET "/api/v1/partners/1/slots?${bad%%:*}" "$tok"
		[ "$STATUS" = 400 ] || { echo "$bad: $STATUS"; return 1; }
		[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = "${bad##*:}" ]
	done
	api GET "/api/v1/agenda" "$tok"
	[ "$STATUS" = 200 ]
	[ "$(jsonq 'x["items"]' <"$BODY")" = "$(RAPPORT_AUTHOR=maya@lindenrowe.example rapport agenda --side buyer --json | jsonq 'x')" ]
	api GET "/api/v1/agenda?side=partner&partner=1" "$tok"
	[ "$(jsonq 'x["items"]' <"$BODY")" = "$(RAPPORT_AUTHOR=maya@lindenrowe.example rapport agenda --side partner --partner 1 --json | jsonq 'x')" ]
	api GET "/api/v1/agenda?side=both" "$tok"
	[ "$STATUS" = 400 ]
	# a partner that does not exist is 404, as for one the user may not see
	api GET "/api/v1/agenda?partner=999" "$tok"
	[ "$STATUS" = 404 ]
	[ "$(jsonq '[x["error"]["code"], x["error"]["message"]]' <"$BODY")" = '["not_found","no such partner"]' ]
}
