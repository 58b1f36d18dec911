#!/usr/bin/env bats
# docs/openapi.yaml: a valid OpenAPI 3.1 document (checked by
# @seriousme/openapi-schema-validator from npm), with every route of the
# API's table and nothing else, and the answers a real server gives match
# its schemas (Ajv, JSON Schema 2020-12).

load helper

ROOT="$BATS_TEST_DIRNAME/../.."
DOC="$ROOT/docs/openapi.yaml"

check_doc() {
	node "$ROOT/tests/api/check.mjs" "$1" "$ROOT/src/web/api.c"
}

# answer METHOD PATTERN: the last answer ($STATUS, $BODY) against the document
answer() {
	node "$ROOT/tests/api/answer.mjs" "$DOC" "$1" "$2" "$STATUS" "$BODY"
}

@test "docs/openapi.yaml is valid OpenAPI 3.1 and documents exactly the route table" {
	run check_doc "$DOC"
	[ "$status" -eq 0 ]
	[[ "$output" == "valid OpenAPI 3.1; "*" routes, each documented" ]]
}

@test "the check fails on an undocumented route, an extra path and an invalid document" {
	sed '/^  \/api\/v1\/agenda:$/,$ { /^  \/api\/v1\/agenda:$/d; /^    get:$/,/^components:$/ { /^components:$/!d } }' "$DOC" >missing.yaml
	run check_doc missing.yaml
	[ "$status" -eq 1 ]
	[[ "$output" == *"GET /api/v1/agenda: in the route table, not in missing.yaml"* ]]
	sed 's|^  /api/v1/partners/{id}/contacts:$|  /api/v1/partners/{id}/contacts:\n    $ref: "#/components/pathItems/Listing"\n  /api/v1/partners/{id}/gossip:|' "$DOC" >extra.yaml
	run check_doc extra.yaml
	[ "$status" -eq 1 ]
	[[ "$output" == *"GET /api/v1/partners/{id}/gossip: in extra.yaml, not in the route table"* ]]
	sed 's/^      type: http$/      type: sideways/' "$DOC" >invalid.yaml
	run check_doc invalid.yaml
	[ "$status" -eq 1 ]
	[[ "$output" == *"not a valid OpenAPI document"* ]]
}

@test "a live server's answers match the document: every GET, a 201, and each error status" {
	init_db
	rapport order add --partner 1 --po P1 --style S --qty 3 --price 1 --currency USD --ex-factory 2027-01-29 >/dev/null
	rapport issue raise --partner 1 --title "Shade" --severity minor --disclosure self --responsible partner >/dev/null
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00Z >/dev/null
	add_user buyer maya@lindenrowe.example admin
	add_user buyer tom@lindenrowe.example viewer
	tok=$(rapport token add --user maya@lindenrowe.example --json | jsonq 'x["token"]')
	view=$(rapport token add --user tom@lindenrowe.example --json | jsonq 'x["token"]')
	start_server
	H=(-H "Authorization: Bearer $tok")
	n=0
	while read -r m p; do
		[ "$m" = GET ] || continue
		path=${p//\{id\}/1}
		path=${path//\{event\}/1}
		get "$path" "${H[@]}"
		[ "$STATUS" = 200 ] || { echo "$path: $STATUS"; return 1; }
		answer GET "$p"
		n=$((n + 1))
	done < <(sed -n 's/^[[:space:]]*{"\(GET\|POST\)", "\(\/api\/v1\/[^"]*\)".*/\1 \2/p' "$ROOT/src/web/api.c")
	[ "$n" -ge 20 ]
	J=(-H 'Content-Type: application/json')
	get /api/v1/partners/1/events "${H[@]}" "${J[@]}" --data-binary '{"kind":"contact","body":{"by":"buyer","kind":"call"}}'
	[ "$STATUS" = 201 ]
	answer POST "/api/v1/partners/{id}/events"
	get /api/v1/partners/1/events "${H[@]}" "${J[@]}" --data-binary '{"kind":"contact","body":{"by":"nobody","kind":"call"}}'
	[ "$STATUS" = 422 ]
	answer POST "/api/v1/partners/{id}/events"
	get /api/v1/partners/1/events "${H[@]}" "${J[@]}" --data-binary '{"kind":"order.add","body":{"po":"P1","style":"S","qty":1,"price":"1","currency":"USD","ex_factory":"2027-02-01"}}'
	[ "$STATUS" = 409 ]
	answer POST "/api/v1/partners/{id}/events"
	get /api/v1/partners/1/events "${H[@]}" "${J[@]}" --data-binary '{'
	[ "$STATUS" = 400 ]
	answer POST "/api/v1/partners/{id}/events"
	get /api/v1/partners/1/events "${H[@]}" --data-binary 'kind=contact'
	[ "$STATUS" = 415 ]
	answer POST "/api/v1/partners/{id}/events"
	get /api/v1/partners/1/events -H "Authorization: Bearer $view" "${J[@]}" --data-binary '{"kind":"contact","body":{"by":"buyer","kind":"call"}}'
	[ "$STATUS" = 403 ]
	answer POST "/api/v1/partners/{id}/events"
	get /api/v1/partners/9 "${H[@]}"
	[ "$STATUS" = 404 ]
	answer GET "/api/v1/partners/{id}"
	get /api/v1/partners
	[ "$STATUS" = 401 ]
	answer GET "/api/v1/partners"
	get /api/v1/partners/1/events?limit=0 "${H[@]}"
	[ "$STATUS" = 400 ]
	answer GET "/api/v1/partners/{id}/events"
	C=(-H 'Content-Type: text/csv')
	printf 'by,kind,note,at\nbuyer,call,Lab dips,2026-11-20 09:00\n' >contacts.csv
	get '/api/v1/partners/1/import/contacts?dry_run=true' "${H[@]}" "${C[@]}" --data-binary @contacts.csv
	[ "$STATUS" = 200 ]
	answer POST "/api/v1/partners/{id}/import/{kind}"
	get /api/v1/partners/1/import/contacts "${H[@]}" "${C[@]}" --data-binary @contacts.csv
	[ "$STATUS" = 201 ]
	answer POST "/api/v1/partners/{id}/import/{kind}"
	printf 'by,kind\nsomeone,call\n' >bad.csv
	get /api/v1/partners/1/import/contacts "${H[@]}" "${C[@]}" --data-binary @bad.csv
	[ "$STATUS" = 422 ]
	answer POST "/api/v1/partners/{id}/import/{kind}"
	get /api/v1/partners/1/import/contacts "${H[@]}" "${J[@]}" --data-binary @bad.csv
	[ "$STATUS" = 415 ]
	answer POST "/api/v1/partners/{id}/import/{kind}"
}
