#!/usr/bin/env bats
# rapport export and rapport verify --bundle: a partner's record as one
# document anyone can check with no database; every change to its events,
# checkpoints or signatures is named (docs/verify.md).

load helper

# Partner 1: 6 events, a checkpoint at 6 signed by both sides, 2 more
# events, a checkpoint at 8 signed by the buyer; exported to b.json.
bundle() {
	init_db
	for k in video call message email meeting; do
		rapport contact --partner 1 --by buyer --kind "$k" --at 2026-11-20T09:00Z >/dev/null
	done
	rapport checkpoint --partner 1 >cp6.txt
	rapport checkpoint cosign cp6.txt --as partner >/dev/null
	rapport contact --partner 1 --by partner --kind call >/dev/null
	rapport contact --partner 1 --by partner --kind message >/dev/null
	rapport checkpoint --partner 1 >/dev/null
	rapport export --partner 1 --out b.json >/dev/null
}

uid() {
	db_query "SELECT uid FROM relationships WHERE id = 1"
}

# edit OUT PYTHON: b.json changed by the Python statements (b is the bundle)
edit() {
	python3 -c "
import json
b = json.load(open('b.json'))
$2
json.dump(b, open('$1', 'w'), ensure_ascii=False, indent=1)"
}

# tampered FILE MESSAGE: verify --bundle, with no database, exits 1 and says so.
tampered() {
	run --separate-stderr env RAPPORT_DB=/nonexistent/r.db "$RAPPORT" verify --bundle "$1"
	[ "$status" -eq 1 ] || { echo "exit $status: $output $stderr" >&2; return 1; }
	[ "$stderr" = "" ]
	[ "$output" = "TAMPERED: $1: $2" ] || { echo "said: $output" >&2; return 1; }
}

@test "export writes the record, both keys and every checkpoint; verify --bundle checks it with no database" {
	bundle
	run --separate-stderr rapport export --partner 1 --out again.json
	[ "$status" -eq 0 ]
	[ "$output" = "exported 8 events and 2 checkpoints of Dongguan Evergreen Knitwear to again.json" ]
	cmp b.json again.json
	# the events are the log's, the keys key show's, the checkpoints the stored notes
	python3 -c '
import json, subprocess, sys
b = json.load(open("b.json"))
log = json.loads(subprocess.run(["'"$RAPPORT"'", "log", "--partner", "1", "--json"], capture_output=True).stdout)
assert [e["hash"] for e in b["events"]] == [e["hash"] for e in log]
assert [e["prev_hash"] for e in b["events"]] == [e["prev_hash"] for e in log]
assert [json.loads(e["event"])["body"] for e in b["events"]] == [e["body"] for e in log]
cps = json.loads(subprocess.run(["'"$RAPPORT"'", "checkpoints", "--partner", "1", "--json"], capture_output=True).stdout)
assert b["checkpoints"] == [c["note"] for c in cps]
assert b["format"] == "rapport-bundle/1"
'
	[ "$(json_get '["keys"]["buyer"]' <b.json)" = "$(rapport key show --json | json_get '["vkey"]')" ]
	[ "$(json_get '["keys"]["partner"]' <b.json)" = "$(rapport key show --partner 1 --json | json_get '["vkey"]')" ]
	run --separate-stderr env RAPPORT_DB=/nonexistent/r.db "$RAPPORT" verify --bundle b.json
	[ "$status" -eq 0 ]
	bid=$(rapport key show --json | json_get '["key_id"]')
	pid=$(rapport key show --partner 1 --json | json_get '["key_id"]')
	[ "$output" = "ok: rapport.example/linden-rowe/$(uid): 8 events, the chain is intact; 2 checkpoints and 3 signatures hold (buyer key rapport.example/linden-rowe+$bid, partner key rapport.example/linden-rowe/$(uid)/partner+$pid)" ]
	[ ! -e /nonexistent/r.db ]
	run rapport verify --bundle b.json --json
	echo "$output" | json_is '[v["ok"], v["events"], v["checkpoints"], v["signatures"]]' '[true, 8, 2, 3]'
}

@test "every altered, removed or reordered event of a bundle is named" {
	bundle
	edit t1.json 'b["events"][2]["event"] = b["events"][2]["event"].replace("\"call\"", "\"visit\"")'
	tampered t1.json "event 3 does not match its hash (altered)"
	edit t2.json 'del b["events"][3]'
	tampered t2.json "event 4 is missing (found 5)"
	# swapped: where event 5 should be, event 6 is (as rapport verify, a larger seq is a missing event)
	edit t3.json 'b["events"][4], b["events"][5] = b["events"][5], b["events"][4]'
	tampered t3.json "event 5 is missing (found 6)"
	edit t3b.json 'b["events"][5]["seq"] = 5'
	tampered t3b.json "event 6 is out of order (found 5)"
	edit t4.json 'b["events"][6]["prev_hash"] = b["events"][4]["hash"]'
	tampered t4.json "event 7 does not link to event 6 (removed, reordered or altered)"
	# the ids later events refer to by are not hashed: they must at least rise with seq
	edit t4b.json 'b["events"][3]["id"] = b["events"][2]["id"]'
	tampered t4b.json "event 4: its id 3 is not above event 3's (3): the ids were altered"
	# the last two events removed: the checkpoint at 8 still names them
	edit t5.json 'del b["events"][6:]'
	tampered t5.json "checkpoint 2 is of 8 events but the bundle holds 6: events were removed"
	# an event moved to another relationship's name, rehashed: its envelope no longer says this record
	python3 -c '
import hashlib, json
b = json.load(open("b.json"))
e = b["events"][7]
env = json.loads(e["event"]); env["seq"] = 9
e["event"] = json.dumps(env, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
e["hash"] = hashlib.sha256(bytes.fromhex(e["prev_hash"]) + e["event"].encode()).hexdigest()
json.dump(b, open("t6.json", "w"))'
	tampered t6.json "event 8 does not match its hash (altered)"
}

@test "a rewritten record, an altered checkpoint or signature, or other keys are named" {
	bundle
	# the record rewritten from event 3 on, every hash recomputed: only the checkpoints can tell
	python3 -c '
import hashlib, json
b = json.load(open("b.json"))
prev = None
for e in b["events"]:
    if e["seq"] == 3:
        e["event"] = e["event"].replace("\"call\"", "\"visit\"")
    if prev is not None:
        e["prev_hash"] = prev
    e["hash"] = hashlib.sha256(bytes.fromhex(e["prev_hash"]) + e["event"].encode()).hexdigest()
    prev = e["hash"]
json.dump(b, open("t1.json", "w"))'
	tampered t1.json "checkpoint 1: the root at 6 events is not the signed one: the record or the checkpoint was altered"
	edit t2.json 'b["checkpoints"][0] = b["checkpoints"][0].replace("\n6\n", "\n5\n")'
	tampered t2.json "checkpoint 1: the root at 5 events is not the signed one: the record or the checkpoint was altered"
	bid=$(rapport key show --json | json_get '["key_id"]')
	python3 -c '
import json
b = json.load(open("b.json"))
lines = b["checkpoints"][0].split("\n")
name, sig = lines[5].rsplit(" ", 1)
lines[5] = name + " " + sig[:30] + ("A" if sig[30] != "A" else "B") + sig[31:]
b["checkpoints"][0] = "\n".join(lines)
json.dump(b, open("t3.json", "w"))'
	tampered t3.json "checkpoint 1: line 6: the signature of rapport.example/linden-rowe+$bid does not verify"
	# another buyer key in the bundle: the buyer's signatures are then by a key the bundle
	# does not hold, which is a changed signature or key, not one to pass over
	edit t4.json 'b["keys"]["buyer"] = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"'
	tampered t4.json "checkpoint 1: line 6: signed by rapport.example/linden-rowe+$bid, which is neither the buyer's nor the partner's key in the bundle"
	# a signer's name changed by one letter: the countersigned checkpoint must not pass as signed once
	python3 -c '
import json
b = json.load(open("b.json"))
b["checkpoints"][0] = b["checkpoints"][0].replace("\u2014 rapport.example/linden-rowe ", "\u2014 rapport.example/linden-rowf ")
json.dump(b, open("t4b.json", "w"))'
	tampered t4b.json "checkpoint 1: line 6: signed by rapport.example/linden-rowf+$bid, which is neither the buyer's nor the partner's key in the bundle"
	# a key the format does not know
	edit t4c.json 'b["keys"]["buyeR"] = b["keys"].pop("buyer")'
	run --separate-stderr rapport verify --bundle t4c.json
	[ "$status" -eq 2 ]
	[ "$stderr" = 'rapport: t4c.json: "keys"."buyeR": a bundle holds the "buyer" and the "partner" key only' ]
	# a hash in capitals is not the hash export wrote
	edit t4d.json 'b["events"][0]["hash"] = b["events"][0]["hash"].upper()'
	run --separate-stderr rapport verify --bundle t4d.json
	[ "$status" -eq 2 ]
	[ "$stderr" = 'rapport: t4d.json: event 1: "hash" is not a SHA-256 hash (64 hex digits)' ]
	edit t5.json 'b["checkpoints"][0] = b["checkpoints"][0].replace("rapport.example/linden-rowe/", "rapport.example/other/", 1)'
	tampered t5.json "checkpoint 1: its origin rapport.example/other/$(uid) is not the bundle's"
}

@test "the checkpoints sign the events' ids: ids moved together are named, and so is an altered ids line" {
	bundle
	# every id raised by 1000: still rising with seq, and every hash holds
	edit i1.json 'for e in b["events"]: e["id"] += 1000'
	tampered i1.json "checkpoint 1: the events' ids at 6 events are not the signed ones: the ids or the checkpoint were altered"
	# only the two events after the last checkpoint but one: checkpoint 2 (at 8 events) names them
	edit i2.json 'b["events"][7]["id"] += 5'
	tampered i2.json "checkpoint 2: the events' ids at 8 events are not the signed ones: the ids or the checkpoint were altered"
	# the digest itself, as Python works it out from the bundle's ids
	python3 -c '
import base64, hashlib, json, struct
b = json.load(open("b.json"))
for k, n in ((0, 6), (1, 8)):
    d = hashlib.sha256(b"".join(struct.pack(">q", e["id"]) for e in b["events"][:n])).digest()
    line = b["checkpoints"][k].split("\n")[3]
    assert line == "rapport-ids " + base64.b64encode(d).decode(), (k, line)'
	# a bundle without ids cannot stand for checkpoints that sign them
	edit i3.json 'for e in b["events"]: del e["id"]'
	tampered i3.json "checkpoint 1: it signs the events' ids, which the bundle does not hold"
	# the ids line changed in the checkpoint: the root holds, the ids do not
	python3 -c '
import json
b = json.load(open("b.json"))
lines = b["checkpoints"][0].split("\n")
lines[3] = "rapport-ids " + "A" * 43 + "="
b["checkpoints"][0] = "\n".join(lines)
json.dump(b, open("i4.json", "w"))'
	tampered i4.json "checkpoint 1: the events' ids at 6 events are not the signed ones: the ids or the checkpoint were altered"
	run rapport verify --bundle b.json
	[ "$status" -eq 0 ]
}

@test "a file that is not a bundle exits 2 naming the line or the field" {
	bundle
	malformed() {
		run --separate-stderr rapport verify --bundle "$1"
		[ "$status" -eq 2 ] || { echo "exit $status: $output $stderr" >&2; return 1; }
		[ "$stderr" = "rapport: $2" ] || { echo "stderr: $stderr" >&2; return 1; }
	}
	# cut inside line 6 (the partner's key)
	head -5 b.json >cut.json
	sed -n 6p b.json | head -c 20 >>cut.json
	malformed cut.json "cut.json: line 6: premature end of input near '\"rapport.'"
	edit f.json 'b["format"] = "rapport-bundle/9"'
	malformed f.json 'f.json: "format": not a rapport bundle ("rapport-bundle/1")'
	edit k.json 'b["keys"]["partner"] = "not a key"'
	malformed k.json 'k.json: "keys"."partner": verifier key: not NAME+ID+KEY'
	edit h.json 'b["events"][1]["hash"] = "xyz"'
	malformed h.json 'h.json: event 2: "hash" is not a SHA-256 hash (64 hex digits)'
	edit c.json 'b["checkpoints"][1] = "no signatures\n"'
	malformed c.json 'c.json: checkpoint 2: line 2: no blank line and signature lines after the text'
	malformed none.json "none.json: cannot read: No such file or directory"
	refuses 2 "--bundle: a bundle is one partner's record already; leave out --partner" verify --bundle b.json --partner 1
}

@test "export refuses a bad partner or place and leaves no file" {
	bundle
	refuses 2 "--partner: no partner with id 9" export --partner 9 --out x.json
	refuses 2 "--out: required" export --partner 1
	refuses 2 "--out: cannot write $BATS_TEST_TMPDIR/no/such/x.json.tmp" export --partner 1 --out "$BATS_TEST_TMPDIR/no/such/x.json"
	[ ! -e x.json ]
	[ -z "$(ls "$BATS_TEST_TMPDIR" | grep '\.tmp$')" ]
}
