#!/usr/bin/env bats
# rapport import-bundle: a factory keeps its own copy of a record from the
# bundles the buyer exports; a later bundle must extend it (RFC 6962
# consistency proof), and a fork is refused with both signed checkpoints
# as evidence, checked here with OpenSSL and tests/unit/merkle_ref.py
# (docs/verify.md).

load helper

REF="$BATS_TEST_DIRNAME/../unit"

# contacts N KIND...: partner 1 gets one contact of each KIND
contacts() {
	local k
	for k in "$@"; do
		rapport contact --partner 1 --by buyer --kind "$k" --at 2026-11-20T09:00Z >/dev/null
	done
}

# The buyer's record: 6 events, a checkpoint at 6 signed by both sides, 2
# more, a checkpoint at 8 by the buyer; exported to b.json.
buyer_record() {
	init_db
	contacts video call message email meeting
	rapport checkpoint --partner 1 >cp6.txt
	rapport checkpoint cosign cp6.txt --as partner >/dev/null
	contacts call message
	rapport checkpoint --partner 1 >/dev/null
	rapport export --partner 1 --out b.json >/dev/null
}

# fork_copy: a second database of the buyer's (B.db, with its keys), as it
# stands now: what a buyer who rewrites its record behind the factory's
# back would keep.
fork_copy() {
	cp "$RAPPORT_DB" B.db
	cp -r "$RAPPORT_DB.keys" B.db.keys
}

# factory ARGS...: rapport on the factory's database.
factory() {
	RAPPORT_DB="$BATS_TEST_TMPDIR/f.db" rapport "$@"
}

uid() {
	db_query "SELECT uid FROM relationships WHERE id = 1"
}

# sig_ok NOTE_TEXT PUBKEY_B64: every signature line of the signed note
# verifies by OpenSSL over the note's text with the Ed25519 public key.
sig_ok() {
	local dir
	dir=$(mktemp -d)
	printf '%s' "$1" >"$dir/note"
	python3 - "$dir" <<'PY' || return 1
import base64, sys
d = sys.argv[1]
note = open(d + "/note", encoding="utf-8").read()
text = note[:note.rindex("\n\n") + 1]
sigs = [l for l in note[len(text) + 1:].split("\n") if l]
assert sigs
open(d + "/text", "w", encoding="utf-8").write(text)
for i, l in enumerate(sigs):
    open(d + "/sig%d" % i, "wb").write(base64.b64decode(l.split(" ")[2], validate=True)[4:])
print(len(sigs))
PY
	printf '302a300506032b6570032100%s' "$(printf '%s' "$2" | base64 -d | xxd -p -c 64)" | xxd -r -p >"$dir/pub.der"
	openssl pkey -pubin -inform DER -in "$dir/pub.der" -out "$dir/pub.pem" 2>/dev/null || return 1
	local s rc=0
	for s in "$dir"/sig*; do
		openssl pkeyutl -verify -pubin -inkey "$dir/pub.pem" -rawin -in "$dir/text" -sigfile "$s" >/dev/null || rc=1
	done
	rm -rf "$dir"
	return $rc
}

# py_root DB N: the RFC 6962 root (hex) of partner 1's first N events in DB,
# from the definition.
py_root() {
	RAPPORT_DB="$1" rapport log --partner 1 --json | python3 -c '
import hashlib, json, sys
n = int(sys.argv[1])
leaves = [bytes.fromhex(e["hash"]) for e in json.load(sys.stdin)][:n]
H = lambda b: hashlib.sha256(b).digest()
def mth(d):
    if len(d) == 1:
        return H(b"\x00" + d[0])
    k = 1
    while 2 * k < len(d):
        k *= 2
    return H(b"\x01" + mth(d[:k]) + mth(d[k:]))
print(mth(leaves).hex())' "$2"
}

@test "a factory's copy: the record, its projections, the checkpoints with their signatures and the public keys" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	buyer_record
	run --separate-stderr factory import-bundle b.json
	[ "$status" -eq 0 ] || { echo "$output $stderr" >&2; false; }
	[ "$output" = "imported b.json into partner 1 (Dongguan Evergreen Knitwear): 8 new events, 2 new checkpoints, 3 new signatures" ]
	run factory verify
	[ "$output" = "ok: 1 relationship, 8 events; every chain is intact; 2 checkpoints and 3 signatures hold" ]
	# the same events, projections and public keys; no private key
	[ "$(factory log --partner 1 --json)" = "$(rapport log --partner 1 --json)" ]
	[ "$(factory contacts --partner 1 --json)" = "$(rapport contacts --partner 1 --json)" ]
	[ "$(factory partner list --json)" = "$(rapport partner list --json)" ]
	[ "$(factory key show --json | json_get '["vkey"]')" = "$(rapport key show --json | json_get '["vkey"]')" ]
	[ "$(factory key show --partner 1 --json | json_get '["vkey"]')" = "$(rapport key show --partner 1 --json | json_get '["vkey"]')" ]
	[ ! -e f.db.keys ]
	# what it keeps is what it was given: its own export is the same bundle, byte for byte
	factory export --partner 1 --out again.json >/dev/null
	cmp b.json again.json
	# and the projections are the ones rebuild gives
	before=$(sqlite3 f.db "SELECT * FROM contacts ORDER BY event_id")
	factory rebuild >/dev/null
	[ "$(sqlite3 f.db "SELECT * FROM contacts ORDER BY event_id")" = "$before" ]
	# the same bundle again: nothing new
	run factory import-bundle b.json
	[ "$status" -eq 0 ]
	[ "$output" = "imported b.json into partner 1 (Dongguan Evergreen Knitwear): 0 new events (8 held, 8 in the bundle), 0 new checkpoints, 0 new signatures; the roots at 8 events agree" ]
}

@test "a later bundle must extend the copy: the consistency proof is checked and only the new events are appended" {
	buyer_record
	factory import-bundle b.json >/dev/null
	contacts video meeting
	rapport checkpoint --partner 1 >cp10.txt
	rapport export --partner 1 --out b10.json >/dev/null
	first8() { python3 -c 'import json, sys; print([e["hash"] for e in json.load(sys.stdin)][:8])'; }
	before=$(factory log --partner 1 --json | first8)
	# PROOF(8, D[0:10]) is one hash, MTH(D[8:10]): 8 is a power of two (RFC 6962 2.1.2)
	run --separate-stderr factory import-bundle b10.json --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is '[v["ok"], v["partner"], v["created"], v["held"], v["events"], v["appended"], v["checkpoints"], v["signatures"]]' '[true, 1, false, 8, 10, 2, 1, 1]'
	run factory import-bundle b.json
	[ "$output" = "imported b.json into partner 1 (Dongguan Evergreen Knitwear): 0 new events (10 held, 8 in the bundle), 0 new checkpoints, 0 new signatures; the consistency proof from 8 to 10 events holds (1 hash)" ]
	# the first 8 events are the ones held before, untouched
	[ "$(factory log --partner 1 --json | first8)" = "$before" ]
	[ "$(factory log --partner 1 --json)" = "$(rapport log --partner 1 --json)" ]
	run factory verify
	[ "$output" = "ok: 1 relationship, 10 events; every chain is intact; 3 checkpoints and 4 signatures hold" ]
	# the factory, now holding the checkpoint of 10 events, signs nothing: it has no private key
	run factory checkpoints --partner 1 --json
	echo "$output" | json_is '[[c["size"], [s["side"] for s in c["signatures"]]] for c in v]' '[[6, ["buyer", "partner"]], [8, ["buyer"]], [10, ["buyer"]]]'
	[ "$(echo "$output" | json_get '[2]["root_hex"]')" = "$(py_root "$RAPPORT_DB" 10)" ]
	# a countersignature added on the buyer's side later reaches the copy with the next bundle
	rapport checkpoint cosign cp10.txt --as partner >/dev/null
	rapport export --partner 1 --out b10s.json >/dev/null
	run factory import-bundle b10s.json
	[ "$output" = "imported b10s.json into partner 1 (Dongguan Evergreen Knitwear): 0 new events (10 held, 10 in the bundle), 0 new checkpoints, 1 new signature; the roots at 10 events agree" ]
}

@test "a fork of the same size is refused with both signed checkpoints; the copy is unchanged" {
	sqlite_only "fork_copy copies the SQLite file and the keys beside it"
	init_db
	contacts video call message email meeting
	rapport checkpoint --partner 1 >cp6.txt
	rapport checkpoint cosign cp6.txt --as partner >/dev/null
	fork_copy
	contacts call message
	rapport checkpoint --partner 1 >/dev/null
	rapport export --partner 1 --out a.json >/dev/null
	# the other history: from event 7 on, other contacts, signed by the same buyer key
	RAPPORT_DB=B.db contacts visit email
	RAPPORT_DB=B.db rapport checkpoint --partner 1 >/dev/null
	RAPPORT_DB=B.db rapport export --partner 1 --out b.json >/dev/null
	factory import-bundle a.json >/dev/null
	before=$(RAPPORT_DB=f.db dump)
	run --separate-stderr factory import-bundle b.json --evidence fork.json
	[ "$status" -eq 1 ] || { echo "exit $status: $output $stderr" >&2; false; }
	[ "$stderr" = "" ]
	[ "$(RAPPORT_DB=f.db dump)" = "$before" ]
	ra=$(py_root "$RAPPORT_DB" 8) rb=$(py_root B.db 8)
	[ "$ra" != "$rb" ]
	[ "${lines[0]}" = "FORK: b.json: the bundle has as many events as the copy held here (8) but another root (${rb:0:16}… in the bundle, ${ra:0:16}… here): one of the two records was rewritten from event 7 on" ]
	[[ "$output" == *"Nothing was imported. The evidence is in fork.json."* ]]
	# the evidence: both checkpoints of 8 events, with their roots, signed by the buyer's key
	json_is '[v["format"], v["fork"], v["first_difference"], v["relationship"], v["stored"]["size"], v["bundle"]["size"], v["stored"]["root"], v["bundle"]["root"], "proof" in v]' \
		"[\"rapport-fork/1\", \"same-size\", 7, \"$(uid)\", 8, 8, \"$ra\", \"$rb\", false]" <fork.json
	pub=$(rapport key show --json | json_get '["public_key"]')
	for side in stored bundle; do
		note=$(json_get "[\"$side\"][\"checkpoint\"]" <fork.json)
		[[ "$note" == "rapport.example/linden-rowe/$(uid)"$'\n'"8"$'\n'* ]]
		# the root the note signs is the root of that side's 8 events
		root=$(printf '%s' "$note" | sed -n 3p | base64 -d | xxd -p -c 64)
		[ "$root" = "$(json_get "[\"$side\"][\"root\"]" <fork.json)" ]
		sig_ok "$note" "$pub"
	done
	[[ "$output" == *"$(json_get '["stored"]["checkpoint"]' <fork.json)"* ]]
	[[ "$output" == *"$(json_get '["bundle"]["checkpoint"]' <fork.json)"* ]]
	# the event that differs, from each side
	json_is '[v["stored"]["event"]["seq"], v["bundle"]["event"]["seq"], v["stored"]["event"]["prev_hash"] == v["bundle"]["event"]["prev_hash"]]' '[7, 7, true]' <fork.json
	[ "$(json_get '["stored"]["event"]["hash"]' <fork.json)" = "$(rapport log --partner 1 --json | json_get '[6]["hash"]')" ]
	[ "$(json_get '["bundle"]["event"]["hash"]' <fork.json)" = "$(RAPPORT_DB=B.db rapport log --partner 1 --json | json_get '[6]["hash"]')" ]
}

@test "a rewritten past is refused: the bundle's first events do not hash to the root held here, and the proof shows it" {
	sqlite_only "makes a second database as a SQLite file beside the first"
	init_db
	contacts video call message email meeting
	rapport checkpoint --partner 1 >cp6.txt
	rapport checkpoint cosign cp6.txt --as partner >/dev/null
	fork_copy
	contacts call message
	rapport checkpoint --partner 1 >/dev/null
	rapport export --partner 1 --out a.json >/dev/null
	RAPPORT_DB=B.db contacts visit email meeting
	RAPPORT_DB=B.db rapport checkpoint --partner 1 >/dev/null
	RAPPORT_DB=B.db rapport export --partner 1 --out b.json >/dev/null
	factory import-bundle a.json >/dev/null
	before=$(RAPPORT_DB=f.db dump)
	run --separate-stderr factory import-bundle b.json --evidence fork.json
	[ "$status" -eq 1 ]
	[ "$(RAPPORT_DB=f.db dump)" = "$before" ]
	[[ "${lines[0]}" == "FORK: b.json: the bundle's first 8 events do not hash to the root held here: the consistency proof from 8 to 9 events fails (RFC 9162 2.1.4.2 step "*"); the record was rewritten from event 7 on" ]]
	# the pair: the checkpoint of 8 events signed here, the bundle's of 9; in the
	# bundle's tree the first 8 events have another root than the one signed here
	json_is '[v["fork"], v["first_difference"], v["proof"]["type"], v["proof"]["old_size"], v["proof"]["new_size"]]' '["rewritten", 7, "consistency", 8, 9]' <fork.json
	PYTHONPATH="$REF" python3 - <<'PY'
import base64, json
from merkle_ref import verify_consistency
f = json.load(open("fork.json"))
p = f["proof"]
root = lambda note: base64.b64decode(note.split("\n")[2]).hex()
stored, bundle = f["stored"]["checkpoint"], f["bundle"]["checkpoint"]
assert stored.split("\n")[1] == "8" and bundle.split("\n")[1] == "9"
assert p["new_root"] == root(bundle)
assert p["old_root"] != root(stored)
assert verify_consistency(8, 9, [bytes.fromhex(h) for h in p["proof"]], bytes.fromhex(p["old_root"]), bytes.fromhex(p["new_root"]))
PY
	[ "$(json_get '["proof"]["old_root"]' <fork.json)" = "$(py_root B.db 8)" ]
	pub=$(rapport key show --json | json_get '["public_key"]')
	sig_ok "$(json_get '["stored"]["checkpoint"]' <fork.json)" "$pub"
	sig_ok "$(json_get '["bundle"]["checkpoint"]' <fork.json)" "$pub"
	# the proof file verifies with rapport verify-proof too
	json_get '["proof"]' <fork.json >proof.json
	run rapport verify-proof proof.json
	[ "$status" -eq 0 ]
	# an older bundle that is not a prefix of the copy (the other history's first 7
	# events, its checkpoint of 6): refused the same way
	RAPPORT_DB=f2.db rapport import-bundle a.json >/dev/null
	python3 -c '
import json
b = json.load(open("b.json"))
del b["events"][7:]
b["checkpoints"] = [c for c in b["checkpoints"] if c.split("\n")[1] == "6"]
json.dump(b, open("b7.json", "w"), indent=1)'
	before=$(RAPPORT_DB=f2.db dump)
	run env RAPPORT_DB=f2.db "$RAPPORT" import-bundle b7.json
	[ "$status" -eq 1 ]
	[[ "${lines[0]}" == "FORK: b7.json: the bundle's 7 events are not the first 7 held here: the consistency proof from 7 to 8 events fails (RFC 9162 "*"); the record was rewritten from event 7 on" ]]
	[[ "$output" == *"the bundle has no signed checkpoint that covers event 7"* ]]
	[ "$(RAPPORT_DB=f2.db dump)" = "$before" ]
}

@test "a tampered or malformed bundle, or one that is not this database's record, changes nothing" {
	sqlite_only "checks that no SQLite file was made"
	buyer_record
	python3 -c '
import json
b = json.load(open("b.json"))
b["events"][2]["event"] = b["events"][2]["event"].replace("\"call\"", "\"visit\"")
json.dump(b, open("t.json", "w"), indent=1)'
	run --separate-stderr factory import-bundle t.json
	[ "$status" -eq 1 ]
	[ "$output" = "TAMPERED: t.json: event 3 does not match its hash (altered)" ]
	no_database f.db
	run --separate-stderr factory import-bundle nothing.json
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: nothing.json: cannot read: No such file or directory" ]
	no_database f.db
	python3 -c '
import json
b = json.load(open("b.json"))
b["events"][1]["hash"] = "xyz"
json.dump(b, open("m.json", "w"), indent=1)'
	run --separate-stderr factory import-bundle m.json
	[ "$status" -eq 2 ]
	[ "$stderr" = 'rapport: m.json: event 2: "hash" is not a SHA-256 hash (64 hex digits)' ]
	no_database f.db
	# the last event rewritten with JSON that hashes but is not canonical, and no checkpoint
	# left to cover it: verify --bundle accepts it, but the database could not reproduce its hash
	python3 -c '
import hashlib, json
b = json.load(open("b.json"))
b["checkpoints"] = []
e = b["events"][7]
e["event"] = json.dumps(json.loads(e["event"]), sort_keys=True)
e["hash"] = hashlib.sha256(bytes.fromhex(e["prev_hash"]) + e["event"].encode()).hexdigest()
json.dump(b, open("nc.json", "w"), indent=1)
e["event"] = e["event"].replace("\"kind\": \"message\"", "\"kind\": \"telepathy\"").replace(", ", ",").replace(": ", ":")
e["hash"] = hashlib.sha256(bytes.fromhex(e["prev_hash"]) + e["event"].encode()).hexdigest()
json.dump(b, open("bad.json", "w"), indent=1)'
	run rapport verify --bundle nc.json
	[ "$status" -eq 0 ]
	run --separate-stderr factory import-bundle nc.json
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: nc.json: event 8: its fields, written canonically, do not hash to its hash" ]
	no_database f.db
	run --separate-stderr factory import-bundle bad.json
	[ "$status" -eq 2 ]
	[[ "$stderr" == "rapport: bad.json: event 8: kind: "* ]] || { echo "$stderr" >&2; false; }
	no_database f.db
	# another buyer's database
	RAPPORT_DB=f.db rapport init --buyer "Other Brand" --country GB --tz Europe/London >/dev/null
	RAPPORT_DB="$BATS_TEST_TMPDIR/f.db" refuses 2 "b.json: \"origin\": rapport.example/linden-rowe/$(uid) is not this record's origin here (rapport.example/other-brand/$(uid)): this database keeps the records of Other Brand" import-bundle b.json
	# a bundle whose keys are not the ones held for this record
	factory() { RAPPORT_DB="$BATS_TEST_TMPDIR/g.db" rapport "$@"; }
	factory import-bundle b.json >/dev/null
	python3 -c '
import json
b = json.load(open("b.json"))
del b["keys"]["partner"]
b["checkpoints"] = []
json.dump(b, open("nokey.json", "w"), indent=1)'
	# (a bundle may lack a key, with nothing signed by it: the copy keeps the one it has)
	run factory import-bundle nokey.json
	[ "$status" -eq 0 ]
	rm -rf other.db other.db.keys
	RAPPORT_DB=other.db rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	python3 -c '
import json, subprocess
b = json.load(open("b.json"))
b["keys"]["buyer"] = json.loads(subprocess.run(["'"$RAPPORT"'", "--db", "other.db", "key", "show", "--json"], capture_output=True).stdout)["vkey"]
b["checkpoints"] = []
json.dump(b, open("otherkey.json", "w"), indent=1)'
	before=$(RAPPORT_DB=g.db dump)
	run --separate-stderr factory import-bundle otherkey.json
	[ "$status" -eq 1 ]
	[[ "$output" == "REFUSED: otherkey.json: the bundle's buyer key rapport.example/linden-rowe+"*" is not the one this database holds (rapport.example/linden-rowe+"*"): a record's keys do not change" ]]
	[ "$(RAPPORT_DB=g.db dump)" = "$before" ]
}

@test "the factory countersigns in its own copy with its own key file, and the buyer stores that signature" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	init_db
	contacts video call
	rapport checkpoint --partner 1 >cp3.txt
	rapport export --partner 1 --out b.json >/dev/null
	factory import-bundle b.json >/dev/null
	# the copy holds no private key: it can check, not sign
	run --separate-stderr factory checkpoint cosign cp3.txt --as partner
	[ "$status" -eq 2 ]
	[[ "$stderr" == *"$BATS_TEST_TMPDIR/f.db.keys/partner-1.key"* ]]
	# the factory keeps its key beside its own database
	mkdir -m 700 "$BATS_TEST_TMPDIR/f.db.keys"
	mv "$RAPPORT_DB.keys/partner-1.key" "$BATS_TEST_TMPDIR/f.db.keys/partner-1.key"
	run --separate-stderr factory checkpoint cosign cp3.txt --as partner
	[ "$status" -eq 0 ]
	echo "$output" >signed.txt
	[ "$(head -6 signed.txt)" = "$(cat cp3.txt)" ]
	[[ "$(sed -n 7p signed.txt)" == "— rapport.example/linden-rowe/$(uid)/partner "* ]]
	# the buyer, without the factory's private key, takes the signature from the file
	run --separate-stderr rapport checkpoint cosign signed.txt
	[ "$status" -eq 0 ]
	[ "$output" = "$(cat signed.txt)" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT side FROM checkpoint_signatures ORDER BY side')" = "buyer
partner" ]
	run rapport verify
	[ "$output" = "ok: 1 relationship, 3 events; every chain is intact; 1 checkpoint and 2 signatures hold" ]
	run factory verify
	[ "$output" = "ok: 1 relationship, 3 events; every chain is intact; 1 checkpoint and 2 signatures hold" ]
}
