#!/usr/bin/env bats
# rapport log: the chain with sequence numbers and hashes.

load helper

ZEROS=0000000000000000000000000000000000000000000000000000000000000000

# Partner 1 with a relationship.open and two contacts.
three_events() {
	init_db
	rapport contact --partner 1 --by buyer --kind video --at 2026-11-20T09:00Z --note "Lab dips" >/dev/null
	rapport contact --partner 1 --by partner --kind email --at 2026-11-21T09:00+08:00 --note $'Trims\nsecond line' >/dev/null
}

@test "log --json lists every event with its fields, seq 1..n, each linked to the one before" {
	three_events
	run --separate-stderr rapport log --partner 1 --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'len(v)' '3'
	echo "$output" | json_is '[sorted(e) for e in v]' \
		'[["at", "author", "body", "hash", "id", "kind", "prev_hash", "recorded", "seq", "side"],
		  ["at", "author", "body", "hash", "id", "kind", "prev_hash", "recorded", "seq", "side"],
		  ["at", "author", "body", "hash", "id", "kind", "prev_hash", "recorded", "seq", "side"]]'
	echo "$output" | json_is '[e["seq"] for e in v]' '[1, 2, 3]'
	echo "$output" | json_is '[e["kind"] for e in v]' '["relationship.open", "contact", "contact"]'
	echo "$output" | json_is '[e["at"] for e in v]' '["2026-11-25T10:00:00Z", "2026-11-20T09:00:00Z", "2026-11-21T01:00:00Z"]'
	echo "$output" | json_is '[e["recorded"] for e in v]' '["2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z", "2026-11-25T10:00:00Z"]'
	echo "$output" | json_is '[[e["side"], e["author"]] for e in v]' \
		'[["buyer", "Maya Okafor"], ["buyer", "Maya Okafor"], ["buyer", "Maya Okafor"]]'
	echo "$output" | json_is 'v[2]["body"]' '{"by": "partner", "kind": "email", "note": "Trims\nsecond line"}'
	echo "$output" | json_is 'v[0]["prev_hash"]' "\"$ZEROS\""
	echo "$output" | json_is '[v[i]["prev_hash"] == v[i - 1]["hash"] for i in (1, 2)]' '[true, true]'
	echo "$output" | json_is 'all(len(e["hash"]) == 64 and set(e["hash"]) <= set("0123456789abcdef") for e in v)' 'true'
	echo "$output" | json_is 'len(set(e["hash"] for e in v))' '3'
}

@test "log prints a table: seq, time in UTC, kind, side/author, the hash's first 12 digits, a summary" {
	three_events
	json=$(rapport log --partner 1 --json)
	h1=$(echo "$json" | json_get '[0]["hash"]' | cut -c1-12)
	h2=$(echo "$json" | json_get '[1]["hash"]' | cut -c1-12)
	h3=$(echo "$json" | json_get '[2]["hash"]' | cut -c1-12)
	run --separate-stderr rapport log --partner 1
	[ "$status" -eq 0 ]
	[ "${#lines[@]}" -eq 4 ]
	[ "${lines[0]}" = "SEQ  AT (UTC)              KIND               RECORDED BY        HASH          SUMMARY" ]
	[ "${lines[1]}" = "1    2026-11-25T10:00:00Z  relationship.open  buyer/Maya Okafor  $h1  relationship opened: Linden & Rowe and Dongguan Evergreen Knitwear (CN, Asia/Shanghai)" ]
	[ "${lines[2]}" = "2    2026-11-20T09:00:00Z  contact            buyer/Maya Okafor  $h2  video by buyer: Lab dips" ]
	# a note's first line only
	[ "${lines[3]}" = "3    2026-11-21T01:00:00Z  contact            buyer/Maya Okafor  $h3  email by partner: Trims" ]
}

@test "a long summary is cut at 60 bytes without splitting a character" {
	init_db
	# "a" and 25 three-byte characters: byte 60 falls inside the 20th
	# character, so the cut keeps "a" and 19 characters (58 bytes)
	rapport contact --partner 1 --by partner --kind message --note "a$(printf '长%.0s' {1..25})"
	run rapport log --partner 1
	[[ "${lines[2]}" == *"  message by partner: a$(printf '长%.0s' {1..19})..." ]]
	# the JSON body keeps all of it
	rapport log --partner 1 --json | json_is 'len(v[1]["body"]["note"])' '26'
}

@test "every stored hash is SHA-256 of the previous hash and the canonical envelope" {
	three_events
	rapport partner add --name "东莞长青针织" --country CN --tz Asia/Shanghai >/dev/null
	rapport contact --partner 2 --by partner --kind call --note $'样衣\t"已寄出"\\' --author "陈静" --author-side partner >/dev/null
	for p in 1 2; do
		uid=$(db_query "SELECT uid FROM relationships WHERE id = $p")
		# RFC 8785 for these bodies (strings and small integers): keys
		# sorted, no spaces, only the JSON escapes, UTF-8 as is
		rapport log --partner "$p" --json | python3 -c '
import calendar, hashlib, json, sys, time
uid = sys.argv[1]
def secs(iso):
    return calendar.timegm(time.strptime(iso, "%Y-%m-%dT%H:%M:%SZ"))
prev = "0" * 64
for e in json.load(sys.stdin):
    env = {"at": secs(e["at"]), "author": e["author"], "body": e["body"], "kind": e["kind"],
           "recorded": secs(e["recorded"]), "rel": uid, "seq": e["seq"], "side": e["side"]}
    text = json.dumps(env, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    want = hashlib.sha256(bytes.fromhex(prev) + text.encode()).hexdigest()
    assert e["prev_hash"] == prev, (e["seq"], "prev_hash")
    assert e["hash"] == want, (e["seq"], text)
    prev = e["hash"]
' "$uid"
	done
}

@test "a stored hash matches one worked out with sha256sum" {
	init_db
	rapport contact --partner 1 --by buyer --kind call --at 2026-11-20T09:00Z
	json=$(rapport log --partner 1 --json)
	uid=$(db_query 'SELECT uid FROM relationships WHERE id = 1')
	prev=$(echo "$json" | json_get '[1]["prev_hash"]')
	# at 2026-11-20T09:00Z and recorded 2026-11-25T10:00Z in seconds
	env='{"at":1795165200,"author":"Maya Okafor","body":{"by":"buyer","kind":"call"},"kind":"contact","recorded":1795600800,"rel":"'$uid'","seq":2,"side":"buyer"}'
	want=$( (printf '%s' "$prev" | xxd -r -p; printf '%s' "$env") | sha256sum | cut -c1-64)
	[ "$(echo "$json" | json_get '[1]["hash"]')" = "$want" ]
}

@test "log shows one partner's chain only" {
	three_events
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	rapport contact --partner 2 --by buyer --kind call >/dev/null
	run rapport log --partner 2 --json
	echo "$output" | json_is '[[e["id"], e["seq"], e["kind"]] for e in v]' '[[4, 1, "relationship.open"], [5, 2, "contact"]]'
	echo "$output" | json_is 'v[0]["body"]["name"]' '"Saigon Loom"'
	echo "$output" | json_is 'v[0]["prev_hash"]' "\"$ZEROS\""
	rapport log --partner 1 --json | json_is 'len(v)' '3'
}

@test "log needs a known partner and writes nothing" {
	init_db
	refuses 2 "--partner: no partner with id 5 (see rapport partner list)" log --partner 5
	refuses 2 "--partner: required (see rapport log --help)" log
	refuses 2 '--partner: not an id (a positive integer): "x"' log --partner x
	refuses 2 "log: unknown option --since" log --partner 1 --since 2026-01-01
	refuses 2 'log: unexpected argument "1"' log 1
}
