#!/usr/bin/env bats
# rapport holidays: the contract's JSON shape and refusals.

load helper

@test "holidays --json: one sorted entry a day with date, name, kind and estimated" {
	run rapport holidays --country CN --year 2026 --json
	[ "$status" -eq 0 ]
	echo "$output" | python3 -c '
import json, sys
days = json.load(sys.stdin)
dates = [d["date"] for d in days]
assert dates == sorted(set(dates)), "sorted, one a day"
assert all(set(d) >= {"date", "name", "kind", "estimated"} for d in days)
assert all(d["kind"] in ("public", "observance", "closure", "workday") for d in days)
by = {d["date"]: d for d in days}
assert by["2026-02-14"]["kind"] == "workday" and by["2026-02-28"]["kind"] == "workday"
assert [by["2026-02-%02d" % d]["kind"] for d in range(15, 24)] == ["public"] * 9
assert by["2026-10-10"]["kind"] == "workday" and by["2026-09-20"]["kind"] == "workday"
assert by["2026-02-15"]["estimated"] is False
assert by["2026-02-15"]["local_name"] == "春节"
'
}

@test "holidays as a table" {
	run rapport holidays --country VN --year 2026
	[ "$status" -eq 0 ]
	[[ "${lines[0]}" == "DATE"*"DAY"*"KIND"*"NAME"*"LOCAL NAME"* ]]
	[[ "$output" == *"2026-04-30  Thu  public      Reunification Day"* ]]
}

@test "holidays refuses what it does not know" {
	run --separate-stderr rapport holidays --country KH --year 2026
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--country: no holidays for KH in this rapport yet (it knows BD CN DE FR GB ID IN IT JP MX PK PT TR US VN)"* ]]
	run --separate-stderr rapport holidays --country CN --year 1999
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'--year: a year from 2000 to 2040: "1999"'* ]]
}

@test "holidays --json: Viet Nam's announced breaks and the Saturday worked for them" {
	run rapport holidays --country VN --year 2025 --json
	[ "$status" -eq 0 ]
	echo "$output" | python3 -c '
import json, sys
by = {d["date"]: d for d in json.load(sys.stdin)}
assert [by["2025-%s" % d]["kind"] for d in ("01-25", "01-31", "02-02")] == ["public"] * 3
assert by["2025-04-26"]["kind"] == "workday" and by["2025-04-26"]["estimated"] is False
assert [by["2025-05-%02d" % d]["kind"] for d in range(1, 5)] == ["public"] * 4
'
	run rapport holidays --country VN --year 2033 --json
	[ "$status" -eq 0 ]
	echo "$output" | python3 -c '
import json, sys
by = {d["date"]: d for d in json.load(sys.stdin)}
d = by["2033-05-02"]
assert d["name"] == "Reunification Day (observed)" and d["estimated"] is True, d
'
}
