#!/usr/bin/env bats
# Orders with their milestones and payments.

load helper

@test "an order brings its milestones worked back from ex-factory and the buyer's payments" {
	init_db
	run --separate-stderr rapport order add --partner 1 --po LR-2027-014 --style "Cable crew W27" --qty 2400 \
		--price 18.40 --currency USD --ex-factory 2027-03-15 --at 2026-11-20T10:00Z --json
	[ "$status" -eq 0 ]
	[ "$(echo "$output" | json_get '["id"]')" = "2" ]
	# production start, 30 days before ex-factory, falls in the Spring Festival closure
	[ "$stderr" = 'rapport: warning: "LR-2027-014: production start" due 2027-02-13 falls on a day off at Dongguan Evergreen Knitwear (CN: Spring Festival factory closure); their next working day is 2027-02-16' ]
	[ "$(echo "$output" | json_get '["milestones"]')" = "[3, 4, 5, 6, 7, 8]" ]
	run rapport commitments --json
	# 60, 45, 30, 14, 3 and 0 days before 2027-03-15
	[ "$(echo "$output" | python3 -c 'import json,sys; print(" ".join(c["due"] for c in json.load(sys.stdin)))')" = \
		"2027-01-14 2027-01-29 2027-02-13 2027-03-01 2027-03-12 2027-03-15" ]
	[ "$(echo "$output" | json_get '[0]["what"]')" = "LR-2027-014: sample approval" ]
	[ "$(echo "$output" | json_get '[0]["side"]')" = "partner" ]
	run rapport payments --json
	# 2400 x 18.40 = 44160.00; 30 % deposit a week after the order; balance 30 days after ex-factory
	[ "$(echo "$output" | json_get '[0]["amount"]')" = "13248.00" ]
	[ "$(echo "$output" | json_get '[0]["due"]')" = "2026-11-27" ]
	[ "$(echo "$output" | json_get '[1]["amount"]')" = "30912.00" ]
	[ "$(echo "$output" | json_get '[1]["due"]')" = "2027-04-14" ]
	[ "$(echo "$output" | json_get '[1]["label"]')" = "balance" ]
}

@test "payment terms and deposit come from the settings" {
	init_db
	rapport settings --partner 1 --payment-terms 60 --deposit-pct 0
	rapport order add --partner 1 --po P1 --style S --qty 3 --price 0.3333 --currency EUR --ex-factory 2027-01-31
	run rapport payments --json
	[ "$(echo "$output" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = "1" ]
	# 3 x 0.3333 = 0.9999, rounded to cents
	[ "$(echo "$output" | json_get '[0]["amount"]')" = "1.00" ]
	[ "$(echo "$output" | json_get '[0]["due"]')" = "2027-04-01" ]
}

@test "a bad order writes nothing at all" {
	init_db
	refuses 2 'currency: "usd" is not an ISO 4217 currency code' order add --partner 1 --po P --style S --qty 1 \
		--price 1 --currency usd --ex-factory 2027-01-31
	refuses 2 'price: not a positive decimal with at most 4 places (e.g. 12.50): "12,50"' order add --partner 1 --po P \
		--style S --qty 1 --price 12,50 --currency USD --ex-factory 2027-01-31
	refuses 2 '--qty: not a whole number: "ten"' order add --partner 1 --po P --style S --qty ten --price 1 \
		--currency USD --ex-factory 2027-01-31
	rapport order add --partner 1 --po P --style S --qty 1 --price 1 --currency USD --ex-factory 2027-01-31
	refuses 2 "po: order P already exists (#2)" order add --partner 1 --po P --style S --qty 1 --price 1 \
		--currency USD --ex-factory 2027-01-31
}

@test "a payment is paid once; paid late shows the days" {
	init_db
	run rapport payment due --partner 1 --amount 5000.00 --currency USD --due 2026-11-01 --label "sample run"
	[ "$output" = "2" ]
	rapport payment paid 2 --at 2026-11-21
	refuses 2 "payment: #2 is already paid" payment paid 2
	run rapport payments --json
	[ "$(echo "$output" | json_get '[0]["days_late"]')" = "20" ]
	[ "$(echo "$output" | json_get '[0]["paid_amount"]')" = "5000.00" ]
	run rapport payments --open --json
	[ "$output" = "[]" ]
}
