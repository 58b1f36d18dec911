#!/usr/bin/env bats
# GET and POST /partners/{id}/import: a CSV file uploaded from the browser
# (multipart/form-data) is imported as `rapport import --partner ID`
# imports it (compared with the CLI on a second database): checked first
# with the file kept byte for byte in the page, then imported; bad rows
# shown with their row and column and nothing written; roles, tenants,
# CSRF and sizes as every other form.

load helper

# upload PATH FIELD... : a multipart POST with the cookies in $JAR and the
# csrf field of the import page (fetched first); each FIELD as curl -F takes it.
upload() {
	local path=$1 csrf args=() f
	shift
	as "$path"
	csrf=$(csrf_of "$BODY")
	for f in "$@"; do args+=(-F "$f"); done
	as "$path" -F "csrf=$csrf" "${args[@]}"
}

# the value of the hidden field NAME in $BODY
hidden() {
	sed -n 's/.*<input type="hidden" name="'"$1"'" value="\([^"]*\)".*/\1/p' "$BODY" | head -1
}

@test "check, then import: the rows rapport import makes of the same bytes, and the page says so" {
	two_partners_users zh-CN
	# CRLF line ends, a byte order mark and a note over two lines (LF inside
	# the quotes): bytes a text field would not keep
	printf '\xef\xbb\xbfby,kind,note,at\r\nbuyer,call,"Lab dips:\nshade 3 approved",2026-11-20 09:00\r\npartner,email,Trims,2026-11-21T10:00+08:00\r\n' >contacts.csv
	in_db cli rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	in_db cli rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan >/dev/null
	in_db cli rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	in_db cli rapport import --kind contacts --partner 1 contacts.csv >/dev/null
	before=$(record_of 1)
	start_server
	login maya@lindenrowe.example
	upload /partners/1/import kind=contacts check=1 file=@contacts.csv
	[ "$STATUS" = 200 ]
	grep -qF '<p>contacts.csv: 2 rows would be imported (2 events). Nothing has been recorded yet.</p>' "$BODY"
	[ "$(hidden csv64 | base64 -d | sha256sum)" = "$(sha256sum <contacts.csv | cut -d' ' -f1)  -" ]
	[ "$(record_of 1)" = "$before" ]
	upload /partners/1/import kind=contacts name=contacts.csv "csv64=$(hidden csv64)"
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /partners/1 ]
	# (ids aside: PostgreSQL's sequences do not roll back with the check's dry run)
	no_ids='[{k: v for k, v in c.items() if k != "id"} for c in x]'
	[ "$(rapport contacts --partner 1 --json | jsonq "$no_ids")" = "$(in_db cli rapport contacts --partner 1 --json | jsonq "$no_ids")" ]
	[ "$(rapport contacts --partner 1 --json | jsonq 'x[0]["note"]')" = "$(printf 'Lab dips:\nshade 3 approved')" ]
	[ "$(rapport log --partner 1 --json | jsonq '[(e["side"], e["author"]) for e in x if e["kind"] == "contact"]')" = '[["buyer","maya@lindenrowe.example"],["buyer","maya@lindenrowe.example"]]' ]
	as /partners/1
	grep -qF '<div class="notice flash" role="status"><p>Imported 2 rows from contacts.csv (2 events).</p></div>' "$BODY"
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "orders imported at once; the relationship page links the form and says what landed, warnings counted" {
	two_partners_users zh-CN
	printf 'po,style,qty,price,currency,ex_factory\nLR-0412,"Cable crew, navy",1200,18.40,USD,2027-03-15\n' >orders.csv
	start_server
	login maya@lindenrowe.example
	as /partners/1
	grep -qF '<a href="/partners/1/import">Import from a CSV file</a>' "$BODY"
	upload /partners/1/import kind=orders file=@orders.csv
	[ "$STATUS" = 303 ]
	[ "$(rapport orders --partner 1 --json | jsonq '[(o["po"], o["style"], o["qty"]) for o in x]')" = '[["LR-0412","Cable crew, navy",1200]]' ]
	[ "$(rapport commitments --partner 1 --json | jsonq 'str(len(x))')" = 6 ]
	as /partners/1
	# production start falls on 2027-02-13, in the factory's Spring Festival closure
	grep -qF '<p>Imported 1 row from orders.csv (9 events).</p><p>1 warning (nothing was refused for it):</p><p>Row 2: &quot;LR-0412: production start&quot; due 2027-02-13 falls on a day off at Dongguan Evergreen Knitwear (CN: Spring Festival factory closure); their next working day is 2027-02-16</p></div>' "$BODY"
	# many warnings: the first four, then how many more (the CLI lists them all)
	printf 'po,style,qty,price,currency,ex_factory\nLR-0501,S,10,1.00,USD,2027-02-10\nLR-0502,S,10,1.00,USD,2027-02-13\nLR-0503,S,10,1.00,USD,2027-02-14\n' >more.csv
	in_db cli rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	in_db cli rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai --city Dongguan >/dev/null
	n=$(in_db cli rapport import --kind orders --partner 1 more.csv 2>&1 >/dev/null | grep -c ': warning: ')
	[ "$n" -gt 5 ]
	upload /partners/1/import kind=orders file=@more.csv
	[ "$STATUS" = 303 ]
	as /partners/1
	flash=$(grep -o '<div class="notice flash" role="status">.*</div>' "$BODY")
	[ "$(grep -o '<p>Row [0-9]*: ' <<<"$flash" | wc -l)" = 4 ]
	[[ "$flash" == *"<p>$n warnings (nothing was refused for them):</p>"* ]]
	[[ "$flash" == *"<p>and $((n - 4)) more like these</p></div>" ]]
	# long warnings: as many as the message holds, and still how many more
	what=$(printf 'Approve the lab dips for every colourway of the W27 cable crew %.0s' 1 2 3)
	{ echo 'side,what,due'; for d in 08 09 10 11 12 13; do echo "partner,$what $d,2027-02-$d"; done; } >long.csv
	upload /partners/1/import kind=commitments file=@long.csv
	[ "$STATUS" = 303 ]
	as /partners/1
	flash=$(grep -o '<div class="notice flash" role="status">.*</div>' "$BODY")
	shown=$(grep -o '<p>Row [0-9]*: ' <<<"$flash" | wc -l)
	[ "$shown" -ge 1 ]
	[ "$shown" -lt 4 ]
	[[ "$flash" == *"<p>6 warnings (nothing was refused for them):</p>"* ]]
	[[ "$flash" == *"<p>and $((6 - shown)) more like these</p></div>" ]]
}

@test "a file with bad rows: 422, a table of row, column and problem, nothing written" {
	two_partners_users zh-CN
	rapport order add --partner 1 --po LR-0001 --style S --qty 3 --price 1 --currency USD --ex-factory 2027-01-29 >/dev/null
	printf 'po,style,qty,price,currency,ex_factory\nLR-0412,S,10,1.00,USD,2027-03-15\nLR-0413,S,10,1.00,USD,31/02/2026\nLR-0001,S,1,1,USD,2027-03-01\n' >bad.csv
	before=$(record_of 1)
	start_server
	login maya@lindenrowe.example
	upload /partners/1/import kind=orders file=@bad.csv
	[ "$STATUS" = 422 ]
	grep -qF '<p class="notice" role="alert">bad.csv: 2 bad rows, shown below; nothing was imported.</p>' "$BODY"
	grep -qF '<tr><td>3</td><td>ex_factory</td><td>not a date: &quot;31/02/2026&quot; (want YYYY-MM-DD)</td></tr>' "$BODY"
	grep -qF '<tr><td>4</td><td>po</td><td>order LR-0001 already exists (#3)</td></tr>' "$BODY"
	# the kind stays chosen for the next try
	grep -qF '<option value="orders" selected>' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	# a file imported twice
	rapport order add --partner 1 --po LR-0002 --style S --qty 3 --price 1 --currency USD --ex-factory 2027-01-29 >/dev/null
	printf 'po,style,qty,price,currency,ex_factory\nLR-0001,S,1,1,USD,2027-03-01\nLR-0002,S,1,1,USD,2027-03-01\n' >again.csv
	before=$(record_of 1)
	upload /partners/1/import kind=orders check=1 file=@again.csv
	[ "$STATUS" = 422 ]
	grep -qF 'again.csv: nothing was imported: each row is an order recorded already. Was this file imported before?' "$BODY"
	printf 'po,style,qty,price,currency,ex_factory\nLR-0002,S,1,1,USD,2027-03-01\n' >once.csv
	upload /partners/1/import kind=orders file=@once.csv
	[ "$STATUS" = 422 ]
	grep -qF 'once.csv: nothing was imported: its row is an order recorded already. Was this file imported before?' "$BODY"
	# a malformed file: the row where the quote opens
	printf 'by,kind,note\nbuyer,call,"Lab dips\n' >open.csv
	upload /partners/1/import kind=contacts file=@open.csv
	[ "$STATUS" = 422 ]
	grep -qF '<tr><td>2</td><td>note</td><td>a quoted value has no closing quote</td></tr>' "$BODY"
	# a long value quoted in a message is cut whole characters short
	printf 'partner,by,kind\na%s,buyer,call\n' "$(printf '中%.0s' $(seq 200))" >long.csv
	upload /partners/1/import kind=contacts file=@long.csv
	[ "$STATUS" = 422 ]
	grep -qF '<p class="notice" role="alert">long.csv: 1 bad row, shown below; nothing was imported.</p>' "$BODY"
	grep -qF "<tr><td>2</td><td>partner</td><td>not a partner id (a positive integer): &quot;a$(printf '中%.0s' $(seq 13))&quot;</td></tr>" "$BODY"
	[ "$(record_of 1)" = "$before" ]
}

@test "the form's own refusals: no kind, no file, an empty file, a header alone, too large, a forged csv64" {
	two_partners_users zh-CN
	before=$(record_of 1)
	start_server
	login maya@lindenrowe.example
	printf 'by,kind\nbuyer,call\n' >one.csv
	: >empty.csv
	printf 'by,kind\n' >header.csv
	upload /partners/1/import file=@one.csv
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">Choose what the rows are.</p>' "$BODY"
	upload /partners/1/import kind=contacts
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">Choose a file.</p>' "$BODY"
	upload /partners/1/import kind=contacts file=@empty.csv
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">The file is empty.</p>' "$BODY"
	upload /partners/1/import kind=contacts file=@header.csv
	[ "$STATUS" = 422 ]
	grep -qF '<p class="notice" role="alert">header.csv has a header row but no rows under it: nothing to import.</p>' "$BODY"
	upload /partners/1/import kind=contacts name=x.csv 'csv64=not base64!'
	[ "$STATUS" = 400 ]
	grep -qF 'The form could not be read.' "$BODY"
	{ echo 'by,kind,note'; yes 'buyer,call,a note long enough to fill a megabyte of contacts quickly' | head -20000; } >big.csv
	upload /partners/1/import kind=contacts file=@big.csv
	[ "$STATUS" = 413 ]
	# a body that is not the multipart form it says it is
	as /partners/1/import
	csrf=$(csrf_of "$BODY")
	as /partners/1/import -H 'Content-Type: multipart/form-data; boundary=XYZ' --data-binary "csrf=$csrf"
	[ "$STATUS" = 400 ]
	[ "$(record_of 1)" = "$before" ]
}

@test "who may import: a viewer neither sees nor uses the form; a factory's user imports its own kinds into its own record only" {
	two_partners_users zh-CN
	printf 'by,kind,note\npartner,call,Weekly call\n' >one.csv
	before=$(record_of 1)
	start_server
	login tom@lindenrowe.example
	as /partners/1
	run ! grep -qF '/partners/1/import' "$BODY"
	as /partners/1/import
	[ "$STATUS" = 403 ]
	as /partners/1/import -F kind=contacts -F file=@one.csv
	[ "$STATUS" = 403 ]
	[ "$(record_of 1)" = "$before" ]
	rm -f "$JAR"
	login chen.jing@evergreen.example
	as /partners/2/import
	[ "$STATUS" = 404 ]
	# the form's csrf field is the session's: a POST to another partner's form with it
	as /partners/1/import
	csrf=$(csrf_of "$BODY")
	as /partners/2/import -F "csrf=$csrf" -F kind=contacts -F file=@one.csv
	[ "$STATUS" = 404 ]
	# nor through a partner column naming the other
	printf 'partner,by,kind\n2,partner,call\n' >two.csv
	upload /partners/1/import kind=contacts file=@two.csv
	[ "$STATUS" = 422 ]
	grep -qF '<tr><td>2</td><td>partner</td><td>2, but this file is for partner 1</td></tr>' "$BODY"
	# orders and payments are the buyer's to record, on the web as in its forms
	as /partners/1/import
	run ! grep -qF '<option value="orders"' "$BODY"
	run ! grep -qF '<option value="payments"' "$BODY"
	grep -qF '<option value="contacts"' "$BODY"
	grep -qF '<option value="commitments"' "$BODY"
	printf 'po,style,qty,price,currency,ex_factory\nLR-0412,S,10,1.00,USD,2027-03-15\n' >orders.csv
	upload /partners/1/import kind=orders file=@orders.csv
	[ "$STATUS" = 403 ]
	upload /partners/1/import kind=payments check=1 file=@orders.csv
	[ "$STATUS" = 403 ]
	# without the form's csrf field
	as /partners/1/import -F kind=contacts -F file=@one.csv
	[ "$STATUS" = 403 ]
	[ "$(record_of 1)" = "$before" ]
	# in the user's language; recorded on the factory's side
	upload /partners/1/import kind=contacts check=1 file=@one.csv
	[ "$STATUS" = 200 ]
	grep -qxF '<html lang="zh-CN">' "$BODY"
	grep -qF '<h1>从 CSV 文件导入</h1>' "$BODY"
	upload /partners/1/import kind=contacts file=@one.csv
	[ "$STATUS" = 303 ]
	[ "$(rapport log --partner 1 --json | jsonq '[(e["side"], e["author"]) for e in x if e["kind"] == "contact"]')" = '[["partner","chen.jing@evergreen.example"]]' ]
	# not signed in
	rm -f "$JAR"
	get /partners/1/import -F kind=contacts -F file=@one.csv
	[ "$STATUS" = 401 ]
}

@test "a file in the factory's own encoding: chosen on the form, kept through the check, refused with its row when wrong" {
	two_partners_users zh-CN
	# Excel's plain CSV on a Chinese Windows: GB18030 (陈静 B3C2 BEB2, 王伟 CDF5 CEB0)
	printf 'side,name,role,lang\r\npartner,\xb3\xc2\xbe\xb2,qc,zh\r\npartner,\xcd\xf5\xce\xb0,manager,zh\r\n' >gbk.csv
	before=$(record_of 1)
	start_server
	login chen.jing@evergreen.example
	as /partners/1/import
	grep -qF '<option value="gb18030">简体中文（GB18030、GBK）</option>' "$BODY"
	# read as UTF-8 (the form's first choice), each name is a bad row
	upload /partners/1/import kind=people check=1 file=@gbk.csv encoding=utf-8
	[ "$STATUS" = 422 ]
	grep -qF '<tr><td>2</td><td>name</td><td>not valid UTF-8 (byte 1 of the value): save the file as CSV UTF-8, or name its encoding</td></tr>' "$BODY"
	# checked as GB18030: the page keeps the choice with the file's own bytes
	upload /partners/1/import kind=people check=1 file=@gbk.csv encoding=gb18030
	[ "$STATUS" = 200 ]
	[ "$(hidden encoding)" = gb18030 ]
	[ "$(hidden csv64 | base64 -d | sha256sum)" = "$(sha256sum <gbk.csv | cut -d' ' -f1)  -" ]
	grep -qF '<option value="gb18030" selected>' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	upload /partners/1/import kind=people name=gbk.csv "encoding=$(hidden encoding)" "csv64=$(hidden csv64)"
	[ "$STATUS" = 303 ]
	rapport people --partner 1 --json | jsonq '",".join(sorted(p["name"] for p in x if p["side"] == "partner"))' >names
	[[ "$(cat names)" == *"王伟"*"陈静"* ]]
	# a byte Windows-1252 has no character for: its row, nothing written
	printf 'by,kind,note\npartner,call,ok\npartner,call,caf\x81\n' >cp.csv
	before=$(record_of 1)
	upload /partners/1/import kind=contacts file=@cp.csv encoding=windows-1252
	[ "$STATUS" = 422 ]
	grep -qF '<tr><td>3</td><td></td><td>byte 46 of the file is not windows-1252 text</td></tr>' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	# an encoding the form does not offer
	upload /partners/1/import kind=contacts file=@cp.csv encoding=klingon
	[ "$STATUS" = 400 ]
	[ "$(record_of 1)" = "$before" ]
}

@test "a file imported again: refused as recorded already, or its new rows alone when asked to leave the others out" {
	two_partners_users
	printf 'by,kind,note,at\nbuyer,call,Lab dips,2026-11-20T09:00Z\n' >first.csv
	printf 'by,kind,note,at\nbuyer,call,Lab dips,2026-11-20T09:00Z\nbuyer,video,Bulk fabric,2026-11-21T08:00Z\n' >again.csv
	start_server
	login maya@lindenrowe.example
	upload /partners/1/import kind=contacts file=@first.csv
	[ "$STATUS" = 303 ]
	before=$(record_of 1)
	upload /partners/1/import kind=contacts file=@first.csv
	[ "$STATUS" = 422 ]
	grep -qF 'first.csv: nothing was imported: its row is recorded already. Was this file imported before? &quot;Leave out rows recorded before&quot; imports only the new ones.' "$BODY"
	grep -qF '<td>2</td><td></td><td>recorded already: contact #' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	# checked with the box ticked: the page says so and keeps the choice
	upload /partners/1/import kind=contacts check=1 skip_recorded=1 file=@again.csv
	[ "$STATUS" = 200 ]
	grep -qF '<p>again.csv: 1 row would be imported (1 event). Nothing has been recorded yet.</p>' "$BODY"
	grep -qF '<p>1 row recorded before will be left out.</p>' "$BODY"
	grep -qF '<input type="hidden" name="skip_recorded" value="1">' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	upload /partners/1/import kind=contacts name=again.csv skip_recorded=1 "csv64=$(hidden csv64)"
	[ "$STATUS" = 303 ]
	as /partners/1
	grep -qF 'Imported 1 row from again.csv (1 event). 1 row recorded before was left out.' "$BODY"
	[ "$(rapport contacts --partner 1 --json | jsonq '[c["note"] for c in x]')" = '["Lab dips","Bulk fabric"]' ]
	# every row recorded already, left out: nothing to import
	upload /partners/1/import kind=contacts skip_recorded=1 file=@first.csv
	[ "$STATUS" = 200 ]
	grep -qF 'Every row of first.csv is recorded already: nothing to import.' "$BODY"
	run ! grep -qF 'name="csv64"' "$BODY"
}

@test "a promise sheet sent again with a new date: the page says it will record it, in English and in Chinese, then moves the promise" {
	two_partners_users zh-CN
	printf 'side,what,due,at\npartner,Send the trims card,2026-12-01,2026-11-02\n' >open.csv
	printf 'side,what,due,at,first_due,renegotiated\npartner,Send the trims card,2026-12-08,2026-11-02,2026-12-01,2026-12-08 on 2026-11-20\n' >moved.csv
	start_server
	login maya@lindenrowe.example
	upload /partners/1/import kind=commitments file=@open.csv
	[ "$STATUS" = 303 ]
	before=$(record_of 1)
	upload /partners/1/import kind=commitments check=1 file=@moved.csv
	[ "$STATUS" = 200 ]
	grep -qF '<p>moved.csv: 1 row would be imported (1 event). Nothing has been recorded yet.</p>' "$BODY"
	grep -qF '<p>1 of them will record new due dates agreed for a promise made before.</p>' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	# the factory's manager sees the same in Chinese
	rm -f "$JAR"
	login chen.jing@evergreen.example
	upload /partners/1/import kind=commitments check=1 file=@moved.csv
	[ "$STATUS" = 200 ]
	grep -qF '<p>其中 1 行将为此前已记录的承诺补记商定的新截止日期。</p>' "$BODY"
	rm -f "$JAR"
	login maya@lindenrowe.example
	upload /partners/1/import kind=commitments file=@moved.csv
	[ "$STATUS" = 303 ]
	as /partners/1
	grep -qF 'Imported 1 row from moved.csv (1 event). 1 of them recorded new due dates agreed for a promise made before.' "$BODY"
	[ "$(rapport commitments --partner 1 --json | jsonq '[(c["due"], c["renegotiations"]) for c in x]')" = '[["2026-12-08",1]]' ]
	# sent once more: nothing new, and the page says so
	upload /partners/1/import kind=commitments file=@moved.csv
	[ "$STATUS" = 422 ]
	grep -qF 'moved.csv: nothing was imported: its row is recorded already. Was this file imported before?' "$BODY"
}

@test "a payments file sent again once one was paid: the page says it will record that, then records it on the payment" {
	two_partners_users
	printf 'amount,currency,due,label,at,paid\n500.00,USD,2026-12-01,sample run,2026-11-02,\n80.00,USD,2026-12-05,courier,2026-11-03,\n' >owed.csv
	printf 'amount,currency,due,label,at,paid\n500.00,USD,2026-12-01,sample run,2026-11-02,2026-11-20\n80.00,USD,2026-12-05,courier,2026-11-03,\n' >paid.csv
	start_server
	login maya@lindenrowe.example
	upload /partners/1/import kind=payments file=@owed.csv
	[ "$STATUS" = 303 ]
	before=$(record_of 1)
	# without the box: the unchanged row is the file imported again ...
	upload /partners/1/import kind=payments file=@paid.csv
	[ "$STATUS" = 422 ]
	grep -qF 'paid.csv: nothing was imported: its row is recorded already. Was this file imported before?' "$BODY"
	# ... or, with a new row too, a file sent again with more
	printf '45.00,USD,2026-12-20,customs,2026-11-22,\n' >>paid.csv
	upload /partners/1/import kind=payments file=@paid.csv
	[ "$STATUS" = 422 ]
	grep -qF 'paid.csv: nothing was imported: 1 row is recorded already, shown below. &quot;Leave out rows recorded before&quot; imports the others.' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	head -3 paid.csv >paid2.csv && mv paid2.csv paid.csv
	upload /partners/1/import kind=payments check=1 skip_recorded=1 file=@paid.csv
	[ "$STATUS" = 200 ]
	grep -qF '<p>paid.csv: 1 row would be imported (1 event). Nothing has been recorded yet.</p>' "$BODY"
	grep -qF '<p>1 of them will record the outcome (paid, kept, broken) of a record made before.</p>' "$BODY"
	grep -qF '<p>1 row recorded before will be left out.</p>' "$BODY"
	[ "$(record_of 1)" = "$before" ]
	upload /partners/1/import kind=payments name=paid.csv skip_recorded=1 "csv64=$(hidden csv64)"
	[ "$STATUS" = 303 ]
	as /partners/1
	grep -qF 'Imported 1 row from paid.csv (1 event). 1 of them recorded the outcome (paid, kept, broken) of a record made before. 1 row recorded before was left out.' "$BODY"
	[ "$(rapport payments --partner 1 --json | jsonq '[(p["label"], p["paid"]) for p in x]')" = '[["sample run","2026-11-20T00:00:00Z"],["courier",null]]' ]
}
