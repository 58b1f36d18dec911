#!/usr/bin/env bats
# POST /api/v1/partners/{id}/import/{kind}: a CSV file through the API is
# imported exactly as `rapport import --partner ID` imports it (compared
# with the CLI on a second database), all rows or none, the bad rows named
# with their column, a dry run writing nothing, Idempotency-Key, and the
# same roles and tenant rules as every other route.

load helper

token_for() {
	rapport token add --user "$1" --name test --json | jsonq 'x["token"]'
}

# import_csv PATH TOKEN FILE [CURL-OPTION...]
import_csv() {
	local path=$1 tok=$2 file=$3
	shift 3
	get "$path" -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: text/csv' --data-binary @"$file" "$@"
}

@test "orders imported through the API are the orders rapport import makes of the same file" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	printf '\xef\xbb\xbfpo,style,qty,price,currency,ex_factory\r\nLR-0412,"Cable crew, navy",1200,18.40,USD,2027-03-15\r\nLR-0413,"Rib ""hat""",300,4.10,EUR,2027-04-01\r\n' >orders.csv
	in_db cli rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	in_db cli rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan >/dev/null
	in_db cli rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	in_db cli rapport import --kind orders --partner 1 orders.csv 2>cli-warnings >/dev/null
	start_server
	import_csv /api/v1/partners/1/import/orders "$tok" orders.csv
	[ "$STATUS" = 201 ]
	[ "$(jsonq '[x["kind"], x["rows"], x["events"], x["dry_run"]]' <"$BODY")" = '["orders",2,18,false]' ]
	# the same warnings as the command's (each of its lines is FILE:ROW: warning: ...)
	[ "$(jsonq '"\n".join("orders.csv:%d: warning: %s" % (w["row"], w["message"]) for w in x["warnings"])' <"$BODY")" = "$(cat cli-warnings)" ]
	for what in orders payments commitments; do
		[ "$(rapport "$what" --partner 1 --json)" = "$(in_db cli rapport "$what" --partner 1 --json)" ] || { echo "$what differ"; return 1; }
	done
	[ "$(rapport score --partner 1 --json)" = "$(in_db cli rapport score --partner 1 --json)" ]
	# recorded by the token's user, on the buyer's side; the chain verifies
	[ "$(rapport log --partner 1 --json | jsonq '[(e["side"], e["author"]) for e in x if e["kind"] == "order.add"]')" = '[["buyer","maya@lindenrowe.example"],["buyer","maya@lindenrowe.example"]]' ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "a bad row refuses the whole file: 422 naming the row and column of each, nothing written" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	rapport order add --partner 1 --po LR-0001 --style S --qty 3 --price 1 --currency USD --ex-factory 2027-01-29 >/dev/null
	printf 'po,style,qty,price,currency,ex_factory\nLR-0412,S,10,1.00,USD,2027-03-15\nLR-0413,S,10,1.00,USD,31/02/2026\nLR-0412,S,1,1,USD,2027-03-01\nLR-0001,S,1,1,USD,2027-03-01\nLR-0414,S,ten,1,USD,2027-03-01\n' >bad.csv
	before=$(record_of 1)
	start_server
	import_csv /api/v1/partners/1/import/orders "$tok" bad.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["error"]["code"]' <"$BODY")" = invalid ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = ex_factory ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'row 3: column "ex_factory": not a date: "31/02/2026" (want YYYY-MM-DD) (4 bad rows; nothing was imported)' ]
	[ "$(jsonq '[(r["row"], r["field"]) for r in x["rows"]]' <"$BODY")" = '[[3,"ex_factory"],[4,"po"],[5,"po"],[6,"qty"]]' ]
	[ "$(jsonq 'x["rows"][1]["message"]' <"$BODY")" = 'order LR-0412 is already on row 2 of this file' ]
	[ "$(record_of 1)" = "$before" ]
	# a malformed file: the line and the value where it goes wrong
	printf 'by,kind,note\nbuyer,call,"Lab dips\n' >open.csv
	import_csv /api/v1/partners/1/import/contacts "$tok" open.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[(r["row"], r["field"], r["message"]) for r in x["rows"]]' <"$BODY")" = '[[2,"note","a quoted value has no closing quote"]]' ]
	# an empty body; a header without the required columns
	get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: text/csv' --data-binary ''
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'the file is empty' ]
	printf 'note\nhello\n' >nohead.csv
	import_csv /api/v1/partners/1/import/contacts "$tok" nohead.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[r["row"] for r in x["rows"]]' <"$BODY")" = '[1]' ]
	[[ "$(jsonq 'x["rows"][0]["message"]' <"$BODY")" == *'"by"'* ]]
	# a partner column naming another partner
	printf 'partner,by,kind\n2,buyer,call\n' >other.csv
	import_csv /api/v1/partners/1/import/contacts "$tok" other.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["rows"][0]["message"]' <"$BODY")" = '2, but this file is for partner 1' ]
	# a long value quoted in a message is cut whole characters short: the row is still listed
	printf 'partner,by,kind\na%s,buyer,call\n' "$(printf '中%.0s' $(seq 200))" >long.csv
	import_csv /api/v1/partners/1/import/contacts "$tok" long.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[(r["row"], r["field"]) for r in x["rows"]]' <"$BODY")" = '[[2,"partner"]]' ]
	[ "$(jsonq 'x["rows"][0]["message"]' <"$BODY")" = "not a partner id (a positive integer): \"a$(printf '中%.0s' $(seq 13))\"" ]
	[ "$(record_of 1)" = "$before" ]
}

@test "dry_run=true checks every row and writes nothing; the import that follows writes them" {
	two_partners_users
	tok=$(token_for chen.jing@evergreen.example)
	printf 'by,kind,note,at\npartner,call,Lab dips,2026-11-20 09:00\npartner,email,Trims,2026-11-21T10:00+08:00\n' >contacts.csv
	before=$(record_of 1)
	start_server
	import_csv '/api/v1/partners/1/import/contacts?dry_run=true' "$tok" contacts.csv
	[ "$STATUS" = 200 ]
	[ "$(jsonq '[x["rows"], x["events"], x["dry_run"]]' <"$BODY")" = '[2,2,true]' ]
	[ "$(record_of 1)" = "$before" ]
	import_csv '/api/v1/partners/1/import/contacts?dry_run=maybe' "$tok" contacts.csv
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = dry_run ]
	import_csv '/api/v1/partners/1/import/contacts?dry_run=false' "$tok" contacts.csv
	[ "$STATUS" = 201 ]
	# the partner's user records on the partner's side; a time without an
	# offset is the buyer's (London, UTC in November)
	[ "$(rapport log --partner 1 --json | jsonq '[(e["side"], e["author"], e["at"]) for e in x if e["kind"] == "contact"]')" = '[["partner","chen.jing@evergreen.example","2026-11-20T09:00:00Z"],["partner","chen.jing@evergreen.example","2026-11-21T02:00:00Z"]]' ]
	# the same file again: 422, each row recorded already; skip_recorded=true
	# imports the new row of a longer file and counts the others
	before=$(record_of 1)
	import_csv /api/v1/partners/1/import/contacts "$tok" contacts.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[r["row"] for r in x["rows"]]' <"$BODY")" = '[2,3]' ]
	[[ "$(jsonq 'x["error"]["message"]' <"$BODY")" == *"recorded already: was this file imported before? skip_recorded=true imports only the new rows"* ]]
	[ "$(record_of 1)" = "$before" ]
	printf 'partner,video,Bulk fabric,2026-11-22 08:00
' >>contacts.csv
	import_csv '/api/v1/partners/1/import/contacts?skip_recorded=true' "$tok" contacts.csv
	[ "$STATUS" = 201 ]
	[ "$(jsonq '[x["rows"], x["skipped"]]' <"$BODY")" = '[1,2]' ]
	[ "$(rapport log --partner 1 --json | jsonq 'len([e for e in x if e["kind"] == "contact"])')" = 3 ]
	import_csv '/api/v1/partners/1/import/contacts?skip_recorded=perhaps' "$tok" contacts.csv
	[ "$STATUS" = 400 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = skip_recorded ]
}

@test "a payments file sent again through the API records a payment paid since, counted in closed; one paid otherwise is 422" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	start_server
	printf 'amount,currency,due,label,at,paid\n500.00,USD,2026-12-01,sample run,2026-11-02,\n' >owed.csv
	printf 'amount,currency,due,label,at,paid\n500.00,USD,2026-12-01,sample run,2026-11-02,2026-11-20\n' >paid.csv
	printf 'amount,currency,due,label,at,paid\n500.00,USD,2026-12-01,sample run,2026-11-02,2026-11-21\n' >other.csv
	import_csv /api/v1/partners/1/import/payments "$tok" owed.csv
	[ "$STATUS" = 201 ]
	id=$(jsonq 'x["id"]' <<<"$(rapport payments --partner 1 --json | jsonq 'x[0]')")
	import_csv /api/v1/partners/1/import/payments "$tok" paid.csv
	[ "$STATUS" = 201 ]
	[ "$(jsonq '[x["rows"], x["events"], x["closed"], x["renegotiated"], x["skipped"]]' <"$BODY")" = '[1,1,1,0,0]' ]
	[ "$(rapport payments --partner 1 --json | jsonq '[(p["id"], p["paid"]) for p in x]')" = "[[$id,\"2026-11-20T00:00:00Z\"]]" ]
	before=$(record_of 1)
	import_csv '/api/v1/partners/1/import/payments?skip_recorded=true' "$tok" other.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[(r["row"], r["field"], r["message"]) for r in x["rows"]]' <"$BODY")" = "[[2,\"paid\",\"payment #$id is recorded paid already, at 2026-11-20T00:00:00+00:00\"]]" ]
	[ "$(record_of 1)" = "$before" ]
}

@test "a promise file sent again through the API records a new due date, counted in renegotiated; another is 422" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	start_server
	printf 'side,what,due,at\nbuyer,Approve the lab dips,2026-12-01,2026-11-02\n' >open.csv
	printf 'side,what,due,at,first_due,renegotiated\nbuyer,Approve the lab dips,2026-12-08,2026-11-02,2026-12-01,2026-12-08 on 2026-11-20\n' >moved.csv
	printf 'side,what,due,at,first_due,renegotiated\nbuyer,Approve the lab dips,2026-12-09,2026-11-02,2026-12-01,2026-12-09 on 2026-11-20\n' >other.csv
	import_csv /api/v1/partners/1/import/commitments "$tok" open.csv
	[ "$STATUS" = 201 ]
	id=$(rapport commitments --partner 1 --json | jsonq 'x[0]["id"]')
	import_csv /api/v1/partners/1/import/commitments "$tok" moved.csv
	[ "$STATUS" = 201 ]
	[ "$(jsonq '[x["rows"], x["events"], x["closed"], x["renegotiated"], x["skipped"]]' <"$BODY")" = '[1,1,0,1,0]' ]
	[ "$(rapport commitments --partner 1 --json | jsonq '[(c["id"], c["due"], c["renegotiations"]) for c in x]')" = "[[$id,\"2026-12-08\",1]]" ]
	before=$(record_of 1)
	import_csv '/api/v1/partners/1/import/commitments?skip_recorded=true' "$tok" other.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq '[(r["row"], r["field"], r["message"]) for r in x["rows"]]' <"$BODY")" = "[[2,\"renegotiated\",\"entry 1: commitment #$id was renegotiated to 2026-12-08 at 2026-11-20T00:00:00+00:00 in this record\"]]" ]
	[ "$(record_of 1)" = "$before" ]
}

@test "a file with a header and no rows imports nothing and says so in a warning" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	start_server
	printf 'by,kind\n' >empty.csv
	before=$(record_of 1)
	import_csv /api/v1/partners/1/import/contacts "$tok" empty.csv
	[ "$STATUS" = 201 ]
	[ "$(jsonq '[x["rows"], x["events"], x["warnings"], x["more_warnings"]]' <"$BODY")" = '[0,0,[{"row":1,"message":"no rows under the header: nothing to import"}],0]' ]
	[ "$(record_of 1)" = "$before" ]
}

@test "Idempotency-Key: a retried import lands once; the key with another file is 422; a dry run keeps no key" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	printf 'by,kind\nbuyer,call\n' >one.csv
	printf 'by,kind\nbuyer,video\n' >two.csv
	start_server
	import_csv '/api/v1/partners/1/import/contacts?dry_run=true' "$tok" one.csv -H 'Idempotency-Key: erp-42'
	[ "$STATUS" = 200 ]
	import_csv /api/v1/partners/1/import/contacts "$tok" one.csv -H 'Idempotency-Key: erp-42'
	[ "$STATUS" = 201 ]
	[ -z "$(header idempotent-replayed)" ]
	first=$(cat "$BODY")
	n=$(rapport log --partner 1 --json | jsonq 'str(len(x))')
	import_csv /api/v1/partners/1/import/contacts "$tok" one.csv -H 'Idempotency-Key: erp-42'
	[ "$STATUS" = 201 ]
	[ "$(header idempotent-replayed)" = true ]
	[ "$(cat "$BODY")" = "$first" ]
	import_csv /api/v1/partners/1/import/contacts "$tok" two.csv -H 'Idempotency-Key: erp-42'
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = Idempotency-Key ]
	[ "$(rapport log --partner 1 --json | jsonq 'str(len(x))')" = "$n" ]
	# a dry run after the import, with its key: checked, not answered from the key
	import_csv '/api/v1/partners/1/import/contacts?dry_run=true' "$tok" two.csv -H 'Idempotency-Key: erp-42'
	[ "$STATUS" = 200 ]
	[ -z "$(header idempotent-replayed)" ]
	[ "$(jsonq '[x["dry_run"], x["rows"]]' <"$BODY")" = '[true,1]' ]
	[ "$(rapport log --partner 1 --json | jsonq 'str(len(x))')" = "$n" ]
}

@test "the request: its kind, media type and size; a viewer's token 403; another partner's 404" {
	two_partners_users
	admin=$(token_for maya@lindenrowe.example)
	view=$(token_for tom@lindenrowe.example)
	chen=$(token_for chen.jing@evergreen.example)
	printf 'by,kind\nbuyer,call\n' >one.csv
	before=$(record_of 1)
	start_server
	import_csv /api/v1/partners/1/import/invoices "$admin" one.csv
	[ "$STATUS" = 404 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'no such kind of import: "invoices" (orders, payments, contacts, people or commitments)' ]
	get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: application/json' --data-binary @one.csv
	[ "$STATUS" = 415 ]
	get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: text/csv; charset=klingon' --data-binary @one.csv
	[ "$STATUS" = 415 ]
	[ "$(jsonq 'x["error"]["field"]' <"$BODY")" = charset ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = '"klingon" is not an encoding this server reads (utf-8, gb18030, big5, windows-1258, windows-1252, utf-16, ...)' ]
	for t in 'text/csv; charset=utf-8//TRANSLIT' 'text/csv; charset=utf-8; charset=gb18030' 'text/csv; charset='; do
		get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $admin" -H "Content-Type: $t" --data-binary @one.csv
		[ "$STATUS" = 415 ] || { echo "$t: $STATUS"; false; }
	done
	get '/api/v1/partners/1/import/contacts?dry_run=true' -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: text/csv; charset=US-ASCII' --data-binary @one.csv
	[ "$STATUS" = 200 ]
	get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: text/csv; charset=utf-8x' --data-binary @one.csv
	[ "$STATUS" = 415 ]
	get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $admin" -H 'Content-Type: text/csv; charset="UTF-8"' --data-binary @one.csv '-o' /dev/null
	[ "$STATUS" = 201 ]
	before=$(record_of 1)
	{ echo 'by,kind,note'; yes 'buyer,call,a note long enough to fill a megabyte of contacts quickly' | head -20000; } >big.csv
	[ "$(stat -c %s big.csv)" -gt 1048576 ]
	import_csv /api/v1/partners/1/import/contacts "$admin" big.csv
	[ "$STATUS" = 413 ]
	[ "$(jsonq 'x["error"]["code"]' <"$BODY")" = too_large ]
	import_csv /api/v1/partners/1/import/contacts "$view" one.csv
	[ "$STATUS" = 403 ]
	import_csv /api/v1/partners/2/import/contacts "$chen" one.csv
	[ "$STATUS" = 404 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'no such partner' ]
	get /api/v1/partners/1/import/contacts -H "Authorization: Bearer $admin"
	[ "$STATUS" = 405 ]
	[ "$(header allow)" = POST ]
	[ "$(record_of 1)" = "$before" ]
}

@test "a file in another encoding names it in its charset; bytes that are not that encoding are 422 with their row" {
	two_partners_users
	tok=$(token_for chen.jing@evergreen.example)
	# Excel's CSV on a Chinese Windows: GB18030 (陈静 B3C2 BEB2, 王伟 CDF5 CEB0)
	printf 'side,name,role,lang\r\npartner,\xb3\xc2\xbe\xb2,qc,zh\r\npartner,\xcd\xf5\xce\xb0,manager,zh\r\n' >gbk.csv
	before=$(record_of 1)
	start_server
	# as UTF-8 (no charset) each name is refused, and the message says why
	import_csv /api/v1/partners/1/import/people "$tok" gbk.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["rows"][0]["message"]' <"$BODY")" = 'not valid UTF-8 (byte 1 of the value): save the file as CSV UTF-8, or name its encoding' ]
	[ "$(record_of 1)" = "$before" ]
	get /api/v1/partners/1/import/people -X POST -H "Authorization: Bearer $tok" \
		-H 'Content-Type: text/csv; charset=GB18030' --data-binary @gbk.csv
	[ "$STATUS" = 201 ]
	[ "$(jsonq 'str(x["rows"])' <"$BODY")" = 2 ]
	rapport people --partner 1 --json | jsonq '",".join(sorted(p["name"] for p in x if p["side"] == "partner"))' >names
	[[ "$(cat names)" == *"王伟"* ]]
	[[ "$(cat names)" == *"陈静"* ]]
	# a byte Windows-1252 has no character for, on the file's third line
	printf 'by,kind,note\npartner,call,ok\npartner,call,caf\x81\n' >cp.csv
	before=$(record_of 1)
	get /api/v1/partners/1/import/contacts -X POST -H "Authorization: Bearer $tok" \
		-H 'Content-Type: text/csv; charset="windows-1252"' --data-binary @cp.csv
	[ "$STATUS" = 422 ]
	[ "$(jsonq 'x["error"]["message"]' <"$BODY")" = 'row 3: byte 46 of the file is not windows-1252 text (nothing was imported: is the file in another encoding?)' ]
	[ "$(jsonq 'x["rows"]' <"$BODY")" = '[{"row":3,"field":null,"message":"byte 46 of the file is not windows-1252 text"}]' ]
	[ "$(record_of 1)" = "$before" ]
	# UTF-16 is read by its byte order mark, without a charset
	printf 'by,kind,note\npartner,call,陈静\n' | iconv -f UTF-8 -t UTF-16 >u16.csv
	import_csv /api/v1/partners/1/import/contacts "$tok" u16.csv
	[ "$STATUS" = 201 ]
	[ "$(rapport contacts --partner 1 --json | jsonq 'str("陈静" in [c["note"] for c in x])')" = True ]
}

@test "one import at a time: another, from the API or the web page, is told to retry (429, Retry-After)" {
	two_partners_users
	tok=$(token_for maya@lindenrowe.example)
	# 1 MiB of orders: seconds of work for the ASan build
	awk 'BEGIN { print "po,style,qty,price,currency,ex_factory"; for (i = 0; i < 19600; i++) printf "LR-%07d,Style %d,%d,3.%02d,USD,2027-%02d-%02d\n", i, i % 40, 100 + i % 9000, i % 100, 1 + i % 12, 1 + i % 28 }' >big.csv
	[ "$(stat -c %s big.csv)" -le 1048576 ]
	printf 'by,kind\nbuyer,call\n' >one.csv
	start_server --threads 2
	login maya@lindenrowe.example
	as /partners/1/import
	csrf=$(csrf_of "$BODY")
	curl -s -o big.json -w '%{http_code}\n' -H "Authorization: Bearer $tok" -H 'Content-Type: text/csv' \
		--data-binary @big.csv "$URL/api/v1/partners/1/import/orders?dry_run=true" >big.status &
	big=$!
	sleep 0.5
	# while it runs, small checks from both doors; each door's requests go
	# to either serving thread, and one of each finds the other free to answer
	pids=()
	for i in $(seq 16); do
		curl -s -D "api$i.h" -o "api$i.json" -w '%{http_code}\n' -H "Authorization: Bearer $tok" -H 'Content-Type: text/csv' \
			--data-binary @one.csv "$URL/api/v1/partners/1/import/contacts?dry_run=true" >"api$i.status" &
		pids+=($!)
		curl -s -D "web$i.h" -o "web$i.html" -w '%{http_code}\n' -b "$JAR" -F "csrf=$csrf" -F kind=contacts -F check=1 \
			-F file=@one.csv "$URL/partners/1/import" >"web$i.status" &
		pids+=($!)
		sleep 0.1
	done
	wait "$big"
	[ "$(cat big.status)" = 200 ]
	[ "$(jsonq 'x["rows"]' <big.json)" = 19600 ]
	wait "${pids[@]}"
	api429=$(grep -l '^429$' api*.status | head -1)
	web429=$(grep -l '^429$' web*.status | head -1)
	[ -n "$api429" ]
	[ -n "$web429" ]
	n=${api429#api}; n=${n%.status}
	[ "$(jsonq '[x["error"]["code"], x["error"]["message"]]' <"api$n.json")" = '["too_many_requests","another file is being imported: try again in a few seconds (Retry-After)"]' ]
	grep -qix 'retry-after: 5' <(tr -d '\r' <"api$n.h")
	n=${web429#web}; n=${n%.status}
	grep -qF '<p class="notice" role="alert">Another file is being imported right now. Try again in a few seconds.</p>' "web$n.html"
	grep -qix 'retry-after: 5' <(tr -d '\r' <"web$n.h")
	# every other answer was the check's own, and once the import is done the door is open
	[ -z "$(cat api*.status web*.status | grep -vx '200\|429')" ]
	import_csv '/api/v1/partners/1/import/contacts?dry_run=true' "$tok" one.csv
	[ "$STATUS" = 200 ]
}
