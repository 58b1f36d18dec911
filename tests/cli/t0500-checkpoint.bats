#!/usr/bin/env bats
# Signing keys, signed checkpoints, countersignatures and Merkle proofs
# (docs/verify.md). Roots are recomputed in Python from `rapport log --json`,
# signatures are checked with the openssl command line, and proofs with the
# RFC 9162 verifiers of tests/unit/merkle_ref.py: none of it is rapport's code.

load helper

REF="$BATS_TEST_DIRNAME/../unit"

# Partner 1 with events 1..6: the opening, then five contacts.
record() {
	init_db
	for k in video call message email meeting; do
		rapport contact --partner 1 --by buyer --kind "$k" --at 2026-11-20T09:00Z >/dev/null
	done
}

uid() {
	db_query "SELECT uid FROM relationships WHERE id = ${1:-1}"
}

# py_root N [hex]: the RFC 6962 root over the chain hashes of partner 1's
# first N events, as base64 (or hex), straight from the definition.
py_root() {
	rapport log --partner 1 --json | python3 -c '
import base64, hashlib, json, sys
n, form = int(sys.argv[1]), sys.argv[2]
leaves = [bytes.fromhex(e["hash"]) for e in json.load(sys.stdin)][:n]
H = lambda b: hashlib.sha256(b).digest()
def mth(d):
    if len(d) == 1:
        return H(b"\x00" + d[0])
    k = 1
    while 2 * k < len(d):
        k *= 2
    return H(b"\x01" + mth(d[:k]) + mth(d[k:]))
r = mth(leaves)
print(r.hex() if form == "hex" else base64.b64encode(r).decode())
' "$1" "${2:-b64}"
}

# py_ids N: the digest of the rapport-ids line over the ids of partner
# 1's first N events (8 bytes big-endian each, in seq order), as base64.
py_ids() {
	rapport log --partner 1 --json | python3 -c '
import base64, hashlib, json, struct, sys
ids = [e["id"] for e in json.load(sys.stdin)][:int(sys.argv[1])]
print(base64.b64encode(hashlib.sha256(b"".join(struct.pack(">q", i) for i in ids)).digest()).decode())
' "$1"
}

# key_json [--partner ID]: key show --json
key_field() {
	local field=$1
	shift
	rapport key show "$@" --json | json_get "[\"$field\"]"
}

# sig_ok NOTE LINE PUBKEY_B64: the signature on line LINE of the signed note
# in file NOTE verifies, by OpenSSL, over the note's text (its lines before
# the blank line), with the Ed25519 public key; prints the key id it carries.
sig_ok() {
	local note=$1 line=$2 pub=$3 dir
	dir=$(mktemp -d)
	python3 - "$note" "$line" "$dir" <<'PY'
import base64, sys
note, line, d = open(sys.argv[1], encoding="utf-8").read(), int(sys.argv[2]), sys.argv[3]
text = note[:note.rindex("\n\n") + 1]
sig = note.split("\n")[line - 1]
assert sig.startswith("\u2014 "), sig
raw = base64.b64decode(sig.split(" ")[2], validate=True)
open(d + "/text", "w", encoding="utf-8").write(text)
open(d + "/sig", "wb").write(raw[4:])
print(raw[:4].hex())
PY
	printf '302a300506032b6570032100%s' "$(printf '%s' "$pub" | base64 -d | xxd -p -c 64)" | xxd -r -p >"$dir/pub.der"
	openssl pkey -pubin -inform DER -in "$dir/pub.der" -out "$dir/pub.pem" 2>/dev/null &&
		openssl pkeyutl -verify -pubin -inkey "$dir/pub.pem" -rawin -in "$dir/text" -sigfile "$dir/sig" >/dev/null
	local rc=$?
	rm -rf "$dir"
	return $rc
}

# resign TEXT OUT: the note text in file TEXT signed by OpenSSL with the
# buyer's private key file, as a signed note in OUT.
resign() {
	local dir seed name id keys=${RAPPORT_KEYS:-$RAPPORT_DB.keys}
	dir=$(mktemp -d)
	seed=$(cut -d+ -f5- "$keys/buyer.key" | base64 -d | tail -c 32 | xxd -p -c 64)
	printf '302e020100300506032b657004220420%s' "$seed" | xxd -r -p >"$dir/key.der"
	openssl pkey -inform DER -in "$dir/key.der" -out "$dir/key.pem" 2>/dev/null &&
		openssl pkeyutl -sign -inkey "$dir/key.pem" -rawin -in "$1" -out "$dir/sig" || return 1
	name=$(cut -d+ -f3 "$keys/buyer.key")
	id=$(cut -d+ -f4 "$keys/buyer.key")
	{ cat "$1"; echo; printf '— %s %s\n' "$name" "$({ printf '%s' "$id" | xxd -r -p; cat "$dir/sig"; } | base64 -w0)"; } >"$2"
	rm -rf "$dir"
}

# py_proof FILE: merkle_ref.py's RFC 9162 verifiers accept the proof file,
# and for an inclusion proof SHA-256(prev-hash || event) is its event-hash.
py_proof() {
	PYTHONPATH="$REF" python3 - "$1" <<'PY'
import hashlib, sys
from merkle_ref import verify_inclusion, verify_consistency
lines = open(sys.argv[1]).read().split("\n")
f, path = {}, []
for l in lines[1:]:
    if l:
        k, v = l.split(" ", 1)
        if k in ("path", "node"):
            path.append(bytes.fromhex(v))
        else:
            f[k] = v
h = lambda k: bytes.fromhex(f[k])
if lines[0] == "rapport inclusion proof":
    assert hashlib.sha256(h("prev-hash") + f["event"].encode()).digest() == h("event-hash")
    leaf = hashlib.sha256(b"\x00" + h("event-hash")).digest()
    assert verify_inclusion(int(f["seq"]) - 1, int(f["tree-size"]), leaf, path, h("root"))
else:
    m, n = int(f["old-size"]), int(f["new-size"])
    if m == n:
        assert not path and f["old-root"] == f["new-root"]
    else:
        assert verify_consistency(m, n, path, h("old-root"), h("new-root"))
PY
}

# rewrite FROM: someone with the file rewrites partner 1's record from event
# FROM on ("call" becomes "visit") and rehashes the rest of the chain and its
# head, so that the chain alone verifies.
rewrite() {
	python3 - "$RAPPORT_DB" "$1" <<'PY'
import hashlib, json, sqlite3, sys
db, frm = sqlite3.connect(sys.argv[1]), int(sys.argv[2])
db.executescript("DROP TRIGGER events_append_only_update; DROP TRIGGER events_append_only_delete;")
uid, = db.execute("SELECT uid FROM relationships WHERE id = 1").fetchone()
prev, changed = None, 0
for seq, kind, at, rec, side, author, body, ph in db.execute(
        "SELECT seq, kind, at, recorded, side, author, body, prev_hash FROM events WHERE rel = 1 ORDER BY seq").fetchall():
    if seq == frm:
        body = body.replace('"call"', '"visit"')
    prev = ph if prev is None else prev
    env = json.dumps({"at": at, "author": author, "body": json.loads(body), "kind": kind, "recorded": rec,
                      "rel": uid, "seq": seq, "side": side}, separators=(",", ":"), sort_keys=True, ensure_ascii=False)
    h = hashlib.sha256(prev + env.encode()).digest()
    if seq >= frm:
        changed += db.execute("UPDATE events SET body = ?, prev_hash = ?, hash = ? WHERE rel = 1 AND seq = ?",
                              (body, prev, h, seq)).rowcount
    prev = h
db.execute("UPDATE relationships SET head_hash = ? WHERE id = 1", (prev,))
db.commit()
assert changed > 0
PY
}

@test "init and partner add create each side's key: private halves 0600 beside the database, public halves in it" {
	sqlite_only "the default keys directory beside the SQLite file"
	run --separate-stderr rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	[ "$status" -eq 0 ]
	id=$(key_field key_id)
	[ "${lines[1]}" = "Signing key rapport.example/linden-rowe+$id; its private half is in $RAPPORT_DB.keys/buyer.key (keep it secret; back it up)." ]
	run --separate-stderr rapport partner add --name "Dongguan Evergreen Knitwear" --country CN --tz Asia/Shanghai
	[ "$status" -eq 0 ]
	[ "$output" = "1" ]
	[ "$stderr" = "" ]
	[ "$(stat -c %a "$RAPPORT_DB.keys")" = 700 ]
	[ "$(stat -c %a "$RAPPORT_DB.keys/buyer.key")" = 600 ]
	[ "$(stat -c %a "$RAPPORT_DB.keys/partner-1.key")" = 600 ]
	[ "$(db_query 'SELECT org, name, length(public) FROM org_keys ORDER BY org')" = \
		"0|rapport.example/linden-rowe|32
1|rapport.example/linden-rowe/$(uid)/partner|32" ]
	# each private key file derives, by OpenSSL, the public key the database holds
	for org in buyer partner-1; do
		seed=$(cut -d+ -f5- "$RAPPORT_DB.keys/$org.key" | base64 -d | tail -c 32 | xxd -p -c 64)
		derived=$(printf '302e020100300506032b657004220420%s' "$seed" | xxd -r -p |
			openssl pkey -inform DER -pubout -outform DER | tail -c 32 | base64)
		if [ "$org" = buyer ]; then want=$(key_field public_key); else want=$(key_field public_key --partner 1); fi
		[ "$derived" = "$want" ] || { echo "$org: $derived != $want" >&2; return 1; }
		# and is in golang.org/x/mod/sumdb/note's form, with the key's name and id
		name=$(sed -n 1p "$RAPPORT_DB.keys/$org.key" | cut -d+ -f3)
		[[ "$(cat "$RAPPORT_DB.keys/$org.key")" == "PRIVATE+KEY+$name+"* ]]
	done
}

@test "key show prints the key name, its C2SP key id and the verifier key, as text and JSON" {
	init_db
	for who in "" "--partner 1"; do
		# $who is empty or two words: split on purpose
		run --separate-stderr rapport key show $who --json
		[ "$status" -eq 0 ]
		# key id = SHA-256(name || 0x0A || 0x01 || public key)[:4]; vkey = name+id+base64(0x01 || key)
		echo "$output" | python3 -c '
import base64, hashlib, json, sys
k = json.load(sys.stdin)
pub = base64.b64decode(k["public_key"])
assert len(pub) == 32
kid = hashlib.sha256(k["name"].encode() + b"\n\x01" + pub).digest()[:4].hex()
assert k["key_id"] == kid, (k["key_id"], kid)
assert k["vkey"] == "%s+%s+%s" % (k["name"], kid, base64.b64encode(b"\x01" + pub).decode()), k["vkey"]
assert k["created"] == "2026-11-25T10:00:00Z"
'
	done
	run --separate-stderr rapport key show
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "name:         rapport.example/linden-rowe" ]
	[ "${lines[1]}" = "key id:       $(key_field key_id)" ]
	[ "${lines[2]}" = "public key:   $(key_field public_key)" ]
	[ "${lines[3]}" = "verifier key: $(key_field vkey)" ]
	[ "${#lines[@]}" -eq 4 ]
	rapport key show --partner 1 --json | json_is '[v["side"], v["partner"], v["name"]]' \
		"[\"partner\", 1, \"rapport.example/linden-rowe/$(uid)/partner\"]"
}

@test "a database made before keys gets them with key create; a second create is refused" {
	sqlite_only "the default keys directory beside the SQLite file"
	init_db
	db_query "DELETE FROM org_keys"
	rm -r "$RAPPORT_DB.keys"
	refuses 2 "the buyer has no signing key yet (create one with: rapport key create)" key show
	refuses 2 "partner 1 has no signing key yet (create one with: rapport key create --partner 1)" key show --partner 1
	refuses 2 "the buyer has no signing key (create one with: rapport key create)" checkpoint --partner 1
	run --separate-stderr rapport key create
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "name:         rapport.example/linden-rowe" ]
	[ "${lines[4]}" = "private key:  $RAPPORT_DB.keys/buyer.key (keep it secret; back it up)" ]
	[ "$(stat -c %a "$RAPPORT_DB.keys/buyer.key")" = 600 ]
	run --separate-stderr rapport key create --partner 1 --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is '[v["side"], v["private_key_file"]]' "[\"partner\", \"$RAPPORT_DB.keys/partner-1.key\"]"
	refuses 2 "the buyer already has a key (rapport.example/linden-rowe, key id $(key_field key_id))" key create
	refuses 2 "the partner already has a key" key create --partner 1
	refuses 2 "--partner: no partner with id 9" key create --partner 9
	rapport checkpoint --partner 1 >/dev/null
}

@test "--keys and \$RAPPORT_KEYS choose the directory of private keys" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London --keys "$BATS_TEST_TMPDIR/vault" >/dev/null
	RAPPORT_KEYS="$BATS_TEST_TMPDIR/factory" rapport partner add --name "Dongguan Evergreen Knitwear" --country CN \
		--tz Asia/Shanghai >/dev/null
	[ -f "$BATS_TEST_TMPDIR/vault/buyer.key" ]
	[ -f "$BATS_TEST_TMPDIR/factory/partner-1.key" ]
	[ ! -e "$RAPPORT_DB.keys" ]
	refuses 2 "cannot read buyer's private key $RAPPORT_DB.keys/buyer.key: No such file or directory" checkpoint --partner 1
	run --separate-stderr rapport checkpoint --partner 1 --keys "$BATS_TEST_TMPDIR/vault"
	[ "$status" -eq 0 ]
	RAPPORT_KEYS="$BATS_TEST_TMPDIR/factory" run --separate-stderr rapport checkpoint --partner 1 --as partner
	[ "$status" -eq 0 ]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT group_concat(side) FROM checkpoint_signatures')" = "buyer,partner" ]
}

@test "init never overwrites a key file, and then leaves no database" {
	sqlite_only "checks that no SQLite file was made"
	mkdir "$RAPPORT_DB.keys"
	echo "someone else's key" >"$RAPPORT_DB.keys/buyer.key"
	run --separate-stderr rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London
	[ "$status" -eq 2 ]
	[ "$stderr" = "rapport: key file $RAPPORT_DB.keys/buyer.key already exists (from another database?): move it away or choose another directory with --keys" ]
	no_database
	[ "$(cat "$RAPPORT_DB.keys/buyer.key")" = "someone else's key" ]
}

@test "a key file others can read, or another organisation's key, is refused" {
	sqlite_only "the default keys directory beside the SQLite file"
	record
	chmod 644 "$RAPPORT_DB.keys/buyer.key"
	refuses 2 "key file $RAPPORT_DB.keys/buyer.key can be read by others (mode 0644): chmod 600 $RAPPORT_DB.keys/buyer.key" \
		checkpoint --partner 1
	chmod 600 "$RAPPORT_DB.keys/buyer.key"
	cp -p "$RAPPORT_DB.keys/partner-1.key" "$RAPPORT_DB.keys/buyer.key"
	refuses 2 "key file $RAPPORT_DB.keys/buyer.key is not buyer's key rapport.example/linden-rowe+" checkpoint --partner 1
	echo "PRIVATE+KEY+garbage" >"$RAPPORT_DB.keys/buyer.key"
	refuses 2 "key file $RAPPORT_DB.keys/buyer.key: not a private key" checkpoint --partner 1
}

@test "checkpoint signs the record's size and RFC 6962 root, as Python and OpenSSL check" {
	record
	run --separate-stderr rapport checkpoint --partner 1
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	echo "$output" >cp.txt
	[ "$(wc -l <cp.txt)" -eq 6 ]
	[ "$(sed -n 1p cp.txt)" = "rapport.example/linden-rowe/$(uid)" ]
	[ "$(sed -n 2p cp.txt)" = "6" ]
	[ "$(sed -n 3p cp.txt)" = "$(py_root 6)" ]
	[ "$(sed -n 4p cp.txt)" = "rapport-ids $(py_ids 6)" ]
	[ "$(sed -n 5p cp.txt)" = "" ]
	[[ "$(sed -n 6p cp.txt)" == "— rapport.example/linden-rowe "* ]]
	run sig_ok cp.txt 6 "$(key_field public_key)"
	[ "$status" -eq 0 ]
	[ "$output" = "$(key_field key_id)" ]
	# signing again at the same size gives the same note and stores nothing new
	before=$(dump)
	[ "$(rapport checkpoint --partner 1)" = "$(cat cp.txt)" ]
	[ "$(dump)" = "$before" ]
	[ "$(db_query 'SELECT count(*) FROM checkpoints')" = 1 ]
	rapport checkpoint --partner 1 --json | json_is '[v["id"], v["partner"], v["size"], v["root"], v["root_hex"], v["note"]]' \
		"[1, 1, 6, \"$(py_root 6)\", \"$(py_root 6 hex)\", $(python3 -c 'import json; print(json.dumps(open("cp.txt").read()))')]"
}

@test "without --partner every partner's record is signed" {
	record
	rapport partner add --name "Saigon Loom" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	run --separate-stderr rapport checkpoint --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is '[(c["partner"], c["size"]) for c in v]' '[[1, 6], [2, 1]]'
	[ "$(db_query 'SELECT rel, size FROM checkpoints ORDER BY rel')" = "1|6
2|1" ]
}

@test "cosign: the partner checks the tree itself and adds its signature; both verify; checkpoints lists them" {
	record
	rapport checkpoint --partner 1 >cp.txt
	run --separate-stderr rapport checkpoint cosign cp.txt --as partner
	[ "$status" -eq 0 ]
	[ "$stderr" = "" ]
	echo "$output" >cp2.txt
	[ "$(head -6 cp2.txt)" = "$(cat cp.txt)" ]
	[ "$(wc -l <cp2.txt)" -eq 7 ]
	[[ "$(sed -n 7p cp2.txt)" == "— rapport.example/linden-rowe/$(uid)/partner "* ]]
	run sig_ok cp2.txt 7 "$(key_field public_key --partner 1)"
	[ "$status" -eq 0 ]
	[ "$output" = "$(key_field key_id --partner 1)" ]
	run sig_ok cp2.txt 6 "$(key_field public_key)"
	[ "$status" -eq 0 ]
	run --separate-stderr rapport checkpoints --partner 1
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "ID  SIZE  ROOT                                          SIGNED BY       CREATED" ]
	[ "${lines[1]}" = "1   6     $(py_root 6)  buyer, partner  2026-11-25T10:00:00Z" ]
	rapport checkpoints --partner 1 --json | json_is '[[s["side"] for s in v[0]["signatures"]], v[0]["note"] == open("cp2.txt").read()]' \
		'[["buyer", "partner"], true]'
	run rapport verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 6 events; every chain is intact; 1 checkpoint and 2 signatures hold" ]
	rapport verify --json | json_is 'v' '{"ok": true, "relationships": 1, "events": 6, "checkpoints": 1, "signatures": 2}'
	# cosigning again changes nothing
	before=$(dump)
	[ "$(rapport checkpoint cosign cp2.txt --as partner)" = "$(cat cp2.txt)" ]
	[ "$(dump)" = "$before" ]
}

@test "a checkpoint signed before the ids' line existed still holds; signing its size again signs that text" {
	record
	printf 'rapport.example/linden-rowe/%s\n6\n%s\n' "$(uid)" "$(py_root 6)" >old-text.txt
	resign old-text.txt old.txt
	run --separate-stderr rapport checkpoint cosign old.txt --as partner
	[ "$status" -eq 0 ]
	[ "$(head -5 <<<"$output")" = "$(cat old.txt)" ]
	# the buyer signs at the same size: the text both sides sign stays the stored one
	run --separate-stderr rapport checkpoint --partner 1
	[ "$status" -eq 0 ]
	[ "$(head -4 <<<"$output")" = "$(head -4 old.txt)" ]
	[ "$(db_query 'SELECT count(*) FROM checkpoints')" = 1 ]
	run rapport verify
	[ "$status" -eq 0 ]
	[ "$output" = "ok: 1 relationship, 6 events; every chain is intact; 1 checkpoint and 2 signatures hold; 1 signed without the event ids' line" ]
	rapport verify --json | json_is 'v["checkpoints_without_ids"]' '1'
	# a newer checkpoint carries the line
	rapport contact --partner 1 --by partner --kind call >/dev/null
	rapport checkpoint --partner 1 >cp7.txt
	[ "$(sed -n 4p cp7.txt)" = "rapport-ids $(py_ids 7)" ]
	rapport export --partner 1 --out b.json >/dev/null
	run rapport verify --bundle b.json
	[ "$status" -eq 0 ]
	[[ "$output" == "ok: rapport.example/linden-rowe/$(uid): 7 events, the chain is intact; 2 checkpoints and 3 signatures hold; 1 signed without the event ids' line (buyer key "* ]]
	# the same checkpoint presented in the other form is refused, naming the stored one
	sed -n 1,4p cp7.txt | sed '2s/7/6/; 3s|.*|'"$(py_root 6)"'|; 4s|.*|rapport-ids '"$(py_ids 6)"'|' >new-text.txt
	resign new-text.txt new.txt
	refuses 1 "checkpoint #1 at 6 events is stored with another text (without the event ids' line): sign that one" \
		checkpoint cosign new.txt --as partner
}

@test "the partner may sign first; the buyer countersigns, and its line still comes first" {
	record
	rapport --author-side partner checkpoint --partner 1 >cp.txt
	[[ "$(sed -n 6p cp.txt)" == "— rapport.example/linden-rowe/$(uid)/partner "* ]]
	run --separate-stderr rapport checkpoint cosign cp.txt
	[ "$status" -eq 0 ]
	[[ "${lines[4]}" == "— rapport.example/linden-rowe "* ]]
	[[ "${lines[5]}" == "— rapport.example/linden-rowe/$(uid)/partner "* ]]
	[ "$(db_query 'SELECT side FROM checkpoint_signatures ORDER BY at, side')" = "buyer
partner" ]
}

@test "cosign refuses a checkpoint the local record does not match, or a bad signature: exit 1, nothing written" {
	record
	rapport checkpoint --partner 1 >cp.txt
	sed "3s|.*|$(py_root 5)|" cp.txt >root.txt
	refuses 1 "root.txt: line 3: the root at 6 events is not the local record's: the records differ" \
		checkpoint cosign root.txt --as partner
	sed "2s/.*/7/" cp.txt >size.txt
	refuses 1 "size.txt: line 2: the checkpoint is of 7 events; the local record has 6" checkpoint cosign size.txt --as partner
	# one base64 character of the signature (not of the key id) changed
	python3 -c '
import sys
t = open("cp.txt").read().split("\n")
n, sig = t[5].rsplit(" ", 1)
c = "A" if sig[30] != "A" else "B"
t[5] = n + " " + sig[:30] + c + sig[31:]
open("sig.txt", "w").write("\n".join(t))'
	refuses 1 "sig.txt: line 6: the signature of rapport.example/linden-rowe+$(key_field key_id) does not verify" \
		checkpoint cosign sig.txt --as partner
	# signed by a key this record does not know: ignored, so nobody known signed
	sed "6s|rapport.example/linden-rowe |someone.example/else |" cp.txt >unknown.txt
	refuses 1 "unknown.txt: no signature by the buyer's or the partner's key" checkpoint cosign unknown.txt --as partner
	# the ids of another record (every id one higher), re-signed by the buyer: the root holds, the ids do not
	sed "4s|.*|rapport-ids $(python3 -c 'import base64, hashlib, struct; print(base64.b64encode(hashlib.sha256(b"".join(struct.pack(">q", i) for i in range(2, 8))).digest()).decode())')|" cp.txt | head -4 >ids-text.txt
	resign ids-text.txt ids.txt
	run sig_ok ids.txt 6 "$(key_field public_key)"
	[ "$status" -eq 0 ]
	refuses 1 "ids.txt: line 4: the event ids at 6 events are not the local record's: the records differ" \
		checkpoint cosign ids.txt --as partner
	[ "$(db_query 'SELECT count(*) FROM checkpoint_signatures')" = 1 ]
}

@test "cosign refuses a file that is not a signed checkpoint with exit 2, naming the line" {
	record
	rapport checkpoint --partner 1 >cp.txt
	refuses 2 "nofile.txt: cannot read: No such file or directory" checkpoint cosign nofile.txt
	head -3 cp.txt >text-only.txt
	refuses 2 "text-only.txt: line 4: no blank line and signature lines after the text" checkpoint cosign text-only.txt
	sed "2s/.*/06/" cp.txt >zero.txt
	refuses 2 "zero.txt: line 2: the tree size is not a decimal number without leading zeros" checkpoint cosign zero.txt
	sed "3s/.*/not-base64/" cp.txt >root.txt
	refuses 2 "root.txt: line 3: the root hash is not the base64 of 32 bytes" checkpoint cosign root.txt
	sed "1s/$(uid)/00000000-0000-4000-8000-000000000000/" cp.txt >origin.txt
	refuses 2 "origin.txt: line 1: origin rapport.example/linden-rowe/00000000-0000-4000-8000-000000000000 names no relationship in this database" \
		checkpoint cosign origin.txt
	sed "1s/linden-rowe/someone-else/" cp.txt >other.txt
	refuses 2 "other.txt: line 1: origin rapport.example/someone-else/$(uid) is not this record's (rapport.example/linden-rowe/$(uid))" \
		checkpoint cosign other.txt
	sed "3a extension" cp.txt >ext.txt
	refuses 2 "ext.txt: line 4: a rapport checkpoint has no extension line but rapport-ids ..." checkpoint cosign ext.txt
	sed "4a extension" cp.txt >ext5.txt
	refuses 2 "ext5.txt: line 5: a rapport checkpoint has no extension line but rapport-ids ..." checkpoint cosign ext5.txt
	sed "4s/=\$//" cp.txt >ids.txt
	refuses 2 "ids.txt: line 4: the event ids' digest is not the base64 of 32 bytes" checkpoint cosign ids.txt
	sed "6s/^— /-- /" cp.txt >dash.txt
	refuses 2 "dash.txt: line 6: not a signature line" checkpoint cosign dash.txt
	printf '%s\t\n' "$(cat cp.txt)" | sed '1s/$/\t/' >tab.txt
	refuses 2 "tab.txt: line 1: a control character (0x09)" checkpoint cosign tab.txt
	refuses 2 "--as: buyer or partner: \"factory\"" checkpoint cosign cp.txt --as factory
}

@test "a record rewritten after a signed checkpoint is caught by verify, and nothing more is signed over it" {
	sqlite_only "rewrite alters the SQLite file with sqlite3"
	record
	rapport checkpoint --partner 1 >cp.txt
	rapport checkpoint cosign cp.txt --as partner >/dev/null
	rapport prove --partner 1 --seq 2 >/dev/null   # the Merkle cache is filled
	rewrite 3
	run --separate-stderr rapport verify
	[ "$status" -eq 1 ]
	[ "$output" = "TAMPERED: relationship 1 (Dongguan Evergreen Knitwear): checkpoint #1: the record's root at 6 events is not the one signed: the record was rewritten after the checkpoint" ]
	run rapport verify --json
	[ "$status" -eq 1 ]
	echo "$output" | json_is 'v' '{"ok": false, "partner": 1, "partner_name": "Dongguan Evergreen Knitwear", "checkpoint": 1,
		"reason": "checkpoint #1: the record'"'"'s root at 6 events is not the one signed: the record was rewritten after the checkpoint"}'
	refuses 1 "refusing to sign: the Merkle cache of relationship 1 disagrees with its events (see rapport verify)" \
		checkpoint --partner 1
	refuses 1 "cp.txt: line 3: the root at 6 events is not the local record's: the records differ" \
		checkpoint cosign cp.txt --as partner
}

@test "an event id changed after a signed checkpoint is caught by verify and by cosign" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	record
	rapport checkpoint --partner 1 >cp.txt
	# the last event's id moved up: the ids still rise with seq and every hash holds
	sqlite3 "$RAPPORT_DB" "PRAGMA foreign_keys = OFF; DROP TRIGGER events_append_only_update;
		UPDATE events SET id = id + 100 WHERE rel = 1 AND seq = 6"
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT id FROM events WHERE rel = 1 AND seq = 6')" -gt 100 ]
	run --separate-stderr rapport verify
	[ "$status" -eq 1 ]
	[ "$output" = "TAMPERED: relationship 1 (Dongguan Evergreen Knitwear): checkpoint #1: the record's event ids at 6 events are not the ones signed: ids were changed after the checkpoint" ]
	refuses 1 "cp.txt: line 4: the event ids at 6 events are not the local record's: the records differ" \
		checkpoint cosign cp.txt --as partner
}

@test "checkpoint refuses to sign a chain that does not verify; verify names an altered signature" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	record
	rapport checkpoint --partner 1 >/dev/null
	sqlite3 "$RAPPORT_DB" "DROP TRIGGER checkpoint_signatures_append_only_update;
		UPDATE checkpoint_signatures SET signature = zeroblob(64) WHERE side = 'buyer'"
	run --separate-stderr rapport verify
	[ "$status" -eq 1 ]
	[ "$output" = "TAMPERED: relationship 1 (Dongguan Evergreen Knitwear): checkpoint #1: the buyer's signature does not verify" ]
	sqlite3 "$RAPPORT_DB" "DROP TRIGGER events_append_only_update;
		UPDATE events SET body = replace(body, 'call', 'visit') WHERE rel = 1 AND seq = 3"
	refuses 1 "refusing to sign: relationship 1, event 3: event 3 does not match its hash (altered) (see rapport verify)" \
		checkpoint --partner 1
}

@test "checkpoints and their signatures are append-only in the database" {
	record
	rapport checkpoint --partner 1 >/dev/null
	run db_query "UPDATE checkpoints SET size = 5"
	[[ "$output" == *"checkpoints are append-only"* ]]
	run db_query "DELETE FROM checkpoint_signatures"
	[[ "$output" == *"checkpoint signatures are append-only"* ]]
	rapport checkpoints --partner 1 | grep -q "buyer"
}

@test "prove and verify-proof: every event and every pair of sizes round-trip, text and JSON, with no database" {
	record
	rapport checkpoint --partner 1 >cp.txt
	root=$(py_root 6 hex)
	origin="rapport.example/linden-rowe/$(uid)"
	for seq in 1 2 3 4 5 6; do
		rapport prove --partner 1 --seq "$seq" >"p$seq.txt"
		run --separate-stderr env RAPPORT_DB=/nonexistent/r.db "$RAPPORT" verify-proof "p$seq.txt"
		[ "$status" -eq 0 ] || { echo "seq $seq: $output $stderr" >&2; return 1; }
		[ "$output" = "ok: event $seq is in the record $origin of 6 events with root $root" ]
		py_proof "p$seq.txt"
		[ "$(sed -n 5p "p$seq.txt")" = "seq $seq" ]
		# the event is the one the log holds
		[ "$(sed -n 8p "p$seq.txt")" = "event-hash $(rapport log --partner 1 --json | json_get "[$((seq - 1))][\"hash\"]")" ]
		rapport prove --partner 1 --seq "$seq" --json >"p$seq.json"
		run rapport verify-proof "p$seq.json"
		[ "$status" -eq 0 ]
	done
	for m in 1 2 3 4 5 6; do
		for n in $(seq "$m" 6); do
			rapport prove --partner 1 --from "$m" --to "$n" >c.txt
			run rapport verify-proof c.txt
			[ "$status" -eq 0 ] || { echo "$m to $n: $output" >&2; return 1; }
			[ "$output" = "ok: the record $origin of $m events (root $(py_root "$m" hex)) is a prefix of the record of $n events (root $(py_root "$n" hex))" ]
			py_proof c.txt
		done
	done
	# in a smaller tree
	rapport prove --partner 1 --seq 2 --size 3 >p.txt
	[ "$(sed -n 3,4p p.txt)" = "tree-size 3
root $(py_root 3 hex)" ]
	py_proof p.txt
	rapport verify-proof p.txt --json | json_is 'v' "{\"ok\": true, \"type\": \"inclusion\", \"origin\": \"$origin\"}"
}

@test "the proof formats are the documented ones" {
	record
	run rapport prove --partner 1 --seq 6
	[ "${lines[0]}" = "rapport inclusion proof" ]
	[ "${lines[1]}" = "origin rapport.example/linden-rowe/$(uid)" ]
	[ "${lines[2]}" = "tree-size 6" ]
	[[ "${lines[3]}" =~ ^root\ [0-9a-f]{64}$ ]]
	[ "${lines[4]}" = "seq 6" ]
	[ "${lines[5]}" = "prev-hash $(rapport log --partner 1 --json | json_get '[4]["hash"]')" ]
	[[ "${lines[6]}" == 'event {"at":1795165200,"author":"Maya Okafor","body":{"by":"buyer","kind":"meeting"},"kind":"contact","recorded":1795600800,"rel":"'"$(uid)"'","seq":6,"side":"buyer"}' ]]
	[[ "${lines[7]}" =~ ^event-hash\ [0-9a-f]{64}$ ]]
	# leaf 5 of 6: its sibling is leaf 4, then the subtree of leaves 0-3
	[ "${#lines[@]}" -eq 10 ]
	[[ "${lines[8]}" =~ ^path\ [0-9a-f]{64}$ ]]
	run rapport prove --partner 1 --from 4 --to 6 --json
	echo "$output" | json_is 'sorted(v)' '["new_root", "new_size", "old_root", "old_size", "origin", "proof", "type"]'
	echo "$output" | json_is '[v["type"], v["old_size"], v["new_size"], len(v["proof"])]' '["consistency", 4, 6, 1]'
}

@test "a consistency proof links two signed checkpoints" {
	record
	rapport checkpoint --partner 1 >cp6.txt
	rapport contact --partner 1 --by partner --kind call >/dev/null
	rapport contact --partner 1 --by partner --kind message >/dev/null
	rapport checkpoint --partner 1 >cp8.txt
	[ "$(sed -n 2p cp8.txt)" = 8 ]
	rapport prove --partner 1 --from 6 --to 8 >c.txt
	hex() { python3 -c 'import base64,sys; print(base64.b64decode(sys.argv[1]).hex())' "$1"; }
	[ "$(sed -n 4p c.txt)" = "old-root $(hex "$(sed -n 3p cp6.txt)")" ]
	[ "$(sed -n 6p c.txt)" = "new-root $(hex "$(sed -n 3p cp8.txt)")" ]
	run rapport verify-proof c.txt
	[ "$status" -eq 0 ]
	py_proof c.txt
	run rapport verify
	[ "$output" = "ok: 1 relationship, 8 events; every chain is intact; 2 checkpoints and 2 signatures hold" ]
}

# bad_proof FILE STEP: verify-proof exits 1, naming the failing step on stdout.
bad_proof() {
	run --separate-stderr rapport verify-proof "$1"
	[ "$status" -eq 1 ] || { echo "exit $status: $output $stderr" >&2; return 1; }
	[ "$stderr" = "" ]
	[ "$output" = "$2" ] || { echo "said: $output" >&2; return 1; }
}

@test "a tampered proof is rejected with exit 1 naming the failing step" {
	record
	rapport prove --partner 1 --seq 3 >p.txt
	# one hex digit of the first path hash changed
	python3 -c '
t = open("p.txt").read().split("\n")
d = t[8][10]
t[8] = t[8][:10] + ("0" if d != "0" else "1") + t[8][11:]
open("path.txt", "w").write("\n".join(t))'
	! cmp -s p.txt path.txt
	bad_proof path.txt "BAD PROOF (inclusion): 2.1.3.2 step 5: the root the path leads to is not the proof's root"
	sed '7s/"call"/"visit"/' p.txt >event.txt
	bad_proof event.txt "BAD PROOF (inclusion): event: SHA-256(prev-hash || event) is not event-hash: the event or its link was altered"
	sed '5s/.*/seq 4/' p.txt >seq.txt
	bad_proof seq.txt "BAD PROOF (inclusion): event: the event is number 3 of its record, not 4 as the proof says"
	sed '$d' p.txt >short.txt
	bad_proof short.txt "BAD PROOF (inclusion): 2.1.3.2 step 5: the path has 2 hashes, too few for leaf 2 of a tree of 6 leaves"
	{ cat p.txt; tail -1 p.txt; } >long.txt
	bad_proof long.txt "BAD PROOF (inclusion): 2.1.3.2 step 4a: the path has 4 hashes, more than a tree of 6 leaves needs (3)"
	sed '3s/.*/tree-size 2/' p.txt >size.txt
	bad_proof size.txt "BAD PROOF (inclusion): 2.1.3.2 step 1: leaf index 2 is not below the tree size 2"
	rapport prove --partner 1 --from 3 --to 6 >c.txt
	sed "4s/.*/old-root $(py_root 2 hex)/" c.txt >old.txt
	bad_proof old.txt "BAD PROOF (consistency): 2.1.4.2 step 7: the old root the proof leads to is not the proof's old root"
	# 3 to 6 takes leaf 2, leaf 3, the subtree of leaves 0-1 and that of 4-5 (RFC 6962 2.1.2)
	[ "$(grep -c '^node ' c.txt)" -eq 4 ]
	sed '$d' c.txt >cshort.txt
	bad_proof cshort.txt "BAD PROOF (consistency): 2.1.4.2 step 7: the proof has 3 hashes, too few for 3 to 6 leaves"
	run rapport verify-proof old.txt --json
	[ "$status" -eq 1 ]
	echo "$output" | json_is 'v' '{"ok": false, "type": "consistency", "origin": "'"rapport.example/linden-rowe/$(uid)"'",
		"step": "2.1.4.2 step 7", "reason": "the old root the proof leads to is not the proof'"'"'s old root"}'
}

@test "a malformed proof exits 2 naming the line" {
	record
	rapport prove --partner 1 --seq 3 >p.txt
	malformed() {
		run --separate-stderr rapport verify-proof "$1"
		[ "$status" -eq 2 ] || { echo "exit $status: $output $stderr" >&2; return 1; }
		[ "$output" = "" ]
		[ "$stderr" = "rapport: $2" ] || { echo "stderr: $stderr" >&2; return 1; }
	}
	: >empty.txt
	malformed empty.txt "empty.txt: line 1: the file is empty"
	sed '1s/.*/rapport proof/' p.txt >head.txt
	malformed head.txt 'head.txt: line 1: not a rapport proof ("rapport inclusion proof" or "rapport consistency proof")'
	sed '4s/.*/root xyz/' p.txt >root.txt
	malformed root.txt 'root.txt: line 4: root: not a SHA-256 hash (64 hex digits): "xyz"'
	sed '3s/.*/tree-size 06/' p.txt >size.txt
	malformed size.txt 'size.txt: line 3: tree-size: not a positive whole number: "06"'
	head -5 p.txt >cut.txt
	malformed cut.txt 'cut.txt: line 6: the proof ends before its "prev-hash" line'
	awk 'NR == 4 { root = $0; next } NR == 5 { print; print root; next } { print }' p.txt >order.txt
	malformed order.txt 'order.txt: line 4: expected "root ...", found "seq 3"'
	sed '7s/.*/event not json/' p.txt >event.txt
	malformed event.txt 'event.txt: line 7: event: not an event envelope (a JSON object with rel and seq)'
	sed '10s/.*/node 00/' p.txt >node.txt
	malformed node.txt 'node.txt: line 10: expected "path ...", found "node 00"'
	printf '{\n"type": "inclusion"\n"origin": "x"\n}\n' >syntax.json
	malformed syntax.json "syntax.json: line 3: '}' expected near '\"origin\"'"
	echo '{"type": "consistency"}' >missing.json
	malformed missing.json 'missing.json: field "origin": missing'
	rapport prove --partner 1 --from 2 --to 5 --json | python3 -c '
import json, sys
v = json.load(sys.stdin); v["extra"] = 1; print(json.dumps(v))' >extra.json
	malformed extra.json 'extra.json: field "extra": not a field of a consistency proof'
	malformed none.txt "none.txt: cannot read: No such file or directory"
}

@test "prove refuses bad options and writes nothing" {
	record
	refuses 2 "prove: either --seq N (an inclusion proof) or --from SIZE1 (a consistency proof)" prove --partner 1
	refuses 2 "prove: either --seq N" prove --partner 1 --seq 1 --from 1
	refuses 2 "--seq: 7 is not an event of the tree of 6 events" prove --partner 1 --seq 7
	refuses 2 "--seq: 4 is not an event of the tree of 3 events" prove --partner 1 --seq 4 --size 3
	refuses 2 "--size: the record has 6 events: 9 is not from 1 to 6" prove --partner 1 --seq 1 --size 9
	refuses 2 "--to: the record has 6 events: 7 is not from 1 to 6" prove --partner 1 --from 1 --to 7
	refuses 2 "--from: 5 is not from 1 to --to (4)" prove --partner 1 --from 5 --to 4
	refuses 2 '--seq: not an id (a positive integer): "0"' prove --partner 1 --seq 0
	refuses 2 "--to: goes with --from, not --seq (use --size)" prove --partner 1 --seq 1 --to 3
	refuses 2 "--size: goes with --seq, not --from (use --to)" prove --partner 1 --from 1 --size 3
	refuses 2 "--partner: no partner with id 9" prove --partner 9 --seq 1
	refuses 2 "--partner: required" prove --seq 1
	refuses 2 "--partner: no partner with id 9" checkpoints --partner 9
	refuses 2 "--partner: no partner with id 9" checkpoint --partner 9
	run rapport checkpoints --partner 1
	[ "$output" = "No checkpoints yet. Sign one with: rapport checkpoint --partner 1" ]
}
