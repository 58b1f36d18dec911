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
	run --separate-stderr rapport holidays --country XX --year 2026
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"--country: no holidays for XX in this rapport yet (it knows BD CN DE FR GB ID IN IT JP KH LK MX PK PT TR US VN)"* ]]
	run --separate-stderr rapport holidays --country CN --year 1999
	[ "$status" -eq 2 ]
	[[ "$stderr" == *'--year: a year from 2000 to 2040: "1999"'* ]]
}

@test "holidays --country KH and LK: the same shape, local names in Khmer, Sinhala and Tamil" {
	run rapport holidays --country KH --year 2026 --json
	[ "$status" -eq 0 ]
	echo "$output" | python3 -c '
import json, sys
days = json.load(sys.stdin)
dates = [d["date"] for d in days]
assert dates == sorted(set(dates)), "sorted, one a day"
assert all(d["kind"] in ("public", "observance", "closure", "workday") for d in days)
by = {d["date"]: d for d in days}
assert [by["2026-04-%02d" % d]["name"] for d in (14, 15, 16)] == ["Khmer New Year"] * 3
assert by["2026-04-14"]["local_name"] == "ពិធីបុណ្យចូលឆ្នាំថ្មីប្រពៃណីជាតិ"
assert by["2026-04-14"]["estimated"] is False
assert [by["2026-11-%02d" % d]["kind"] for d in (23, 24, 25)] == ["public"] * 3
assert by["2026-05-01"]["name"] == "Visak Bochea", "Visak Bochea names the day it shares with Labour Day"
'
	run rapport holidays --country LK --year 2026 --json
	[ "$status" -eq 0 ]
	echo "$output" | python3 -c '
import json, sys
days = json.load(sys.stdin)
by = {d["date"]: d for d in days}
assert by["2026-05-30"]["name"] == "Adhi Poson Full Moon Poya Day"
assert by["2026-05-30"]["local_name"] == "අධි පොසොන් පුර පසළොස්වක පෝය දිනය"
assert by["2026-01-15"]["local_name"] == "தமிழ் தைப்பொங்கல் தினம்"
poya = [d for d in days if d["name"].endswith("Full Moon Poya Day") and not d["name"].startswith("Day after")]
assert len(poya) == 13, "twelve Poya days and an Adhi one"
assert by["2026-05-01"]["name"] == "Vesak Full Moon Poya Day", "Vesak names the day it shares with May Day"
'
	run rapport holidays --country LK --year 2030
	[ "$status" -eq 0 ]
	[[ "$output" != *"Poya"* ]]
	[[ "$output" == *"2030-04-14  Sun  public  Sinhala and Tamil New Year"*"estimated"* ]]
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
