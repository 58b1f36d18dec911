#!/usr/bin/env bats
# rapport digest: the agenda by e-mail, sent to a real SMTP server on a
# loopback port (tests/smtp/sink.py, Debian's python3-aiosmtpd) that each
# test starts and stops; the message received is read back with Python's
# email package. Also: refused connections and recipients, retries,
# --dry-run and bad addresses.

load helper

# The Python that has Debian's aiosmtpd (pyenv's python3 may come first
# on PATH and lack it).
sink_python() {
	local p
	for p in /usr/bin/python3 python3; do
		if "$p" -c 'import aiosmtpd' 2>/dev/null; then
			echo "$p"
			return 0
		fi
	done
	echo "no python3 with aiosmtpd: apt-get install python3-aiosmtpd" >&2
	return 1
}

# start_sink [USER:PASSWORD]: starts the sink (requiring AUTH with those);
# sets SINK (its directory) and PORT.
start_sink() {
	local py i
	py=$(sink_python) || return 1
	SINK="$BATS_TEST_TMPDIR/sink"
	"$py" "$BATS_TEST_DIRNAME/../smtp/sink.py" "$SINK" "$@" 3>&- &
	SINK_PID=$!
	for i in $(seq 100); do
		[ -e "$SINK/port" ] && break
		sleep 0.1
	done
	PORT=$(cat "$SINK/port") || return 1
}

teardown() {
	if [ -n "${SINK_PID:-}" ]; then
		kill "$SINK_PID" 2>/dev/null || true
		wait "$SINK_PID" 2>/dev/null || true
	fi
	pg_drop_db
}

# A port nobody listens on.
closed_port() {
	python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# A buyer, a Vietnamese and a Chinese partner; on 2026-11-25 the first
# owes lab dips (overdue since the 20th), the buyer owes the second a
# deposit due that day.
setup_ledger() {
	rapport init --buyer "Linden & Rowe" --country GB --tz Europe/London >/dev/null
	rapport partner add --name "Nguyễn Thị Lan Garment" --country VN --tz Asia/Ho_Chi_Minh --at 2026-10-01T00:00Z >/dev/null
	rapport partner add --name "陈 Knitwear" --country CN --tz Asia/Shanghai --at 2026-10-01T00:00Z >/dev/null
	rapport commitment add --partner 1 --side partner --what 'Lab dips <script>alert("x")</script>' --due 2026-11-20 \
		--at 2026-10-20 >/dev/null
	rapport payment due --partner 2 --amount 500.00 --currency USD --due 2026-11-25 --label deposit \
		--at 2026-10-20 >/dev/null
}

# check_mail EML AGENDA_JSON SUBJECT_NAME TO: the message parses; its
# headers, its two UTF-8 parts and every agenda item in both parts (the
# HTML escaped) are as they should be. Prints what is wrong.
check_mail() {
	python3 - "$@" <<'EOF'
import email, html, json, sys
from email import policy
eml, agenda, name, to = sys.argv[1:5]
raw = open(eml, "rb").read()
items = json.load(open(agenda))
m = email.message_from_bytes(raw, policy=policy.default)
bad = []
def expect(ok, what):
    if not ok:
        bad.append(what)
for h in ("Date", "Message-ID", "From", "To", "Subject", "MIME-Version"):
    expect(m[h] is not None, "no %s header" % h)
expect(m["MIME-Version"] == "1.0", "MIME-Version")
expect(m["From"].addresses[0].addr_spec == "rapport@localhost", "From: %s" % m["From"])
expect(m["To"].addresses[0].addr_spec == to, "To: %s" % m["To"])
expect(m["To"].addresses[0].display_name == name, "To display name: %r" % m["To"].addresses[0].display_name)
n = {s: sum(1 for i in items if i["state"] == s) for s in ("overdue", "due", "upcoming")}
subject = "Rapport 2026-11-25: %d overdue, %d due, %d upcoming for %s" % (n["overdue"], n["due"], n["upcoming"], name)
expect(str(m["Subject"]) == subject, "Subject %r, wanted %r" % (str(m["Subject"]), subject))
expect(m.get_content_type() == "multipart/alternative", m.get_content_type())
parts = list(m.iter_parts())
expect([p.get_content_type() for p in parts] == ["text/plain", "text/html"], "parts %s" % [p.get_content_type() for p in parts])
for p in parts:
    expect(p.get_content_charset() == "utf-8", "charset %s" % p.get_content_charset())
    expect(p["Content-Transfer-Encoding"] in ("quoted-printable", "base64"), "encoding")
text, page = parts[0].get_content(), parts[1].get_content()
expect(len(items) > 0, "an empty agenda")
for i in items:
    expect(i["what"] in text, "text part lacks %r" % i["what"])
    expect(html.escape(i["what"], quote=True).replace("&#x27;", "&#39;") in page, "HTML part lacks %r escaped" % i["what"])
    expect(i["partner_name"] in text and html.escape(i["partner_name"]) in page, "no %r" % i["partner_name"])
    expect(html.escape(i["command"], quote=True).replace("&#x27;", "&#39;") in page, "HTML lacks the command %r" % i["command"])
expect("<script>" not in page, "raw <script> in the HTML part")
expect(all(len(l) <= 998 for l in raw.split(b"\r\n")), "a line longer than 998 octets")
if bad:
    print("\n".join(bad), file=sys.stderr)
    sys.exit(1)
EOF
}

@test "a buyer's digest arrives with its headers, both parts, the partners' names and every item" {
	setup_ledger
	start_sink
	rapport agenda --side buyer --date 2026-11-25 --json >agenda.json
	before=$(dump)
	run --separate-stderr rapport digest --side buyer --to sourcing@linden.example --smtp "smtp://127.0.0.1:$PORT" \
		--date 2026-11-25
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	[ "$output" = "sent the buyer agenda (3 items) to sourcing@linden.example" ]
	[ "$before" = "$(dump)" ] # the digest writes nothing
	json_is 'v' '{"mail_from": "rapport@localhost", "rcpt_tos": ["sourcing@linden.example"], "tls": false}' <"$SINK/msg1.json"
	check_mail "$SINK/msg1.eml" agenda.json "Linden & Rowe" sourcing@linden.example
	# contact with both partners (overdue since October) and the payment owed to the Chinese one
	json_is 'sorted(i["id"] for i in v)' '["contact:1", "contact:2", "payment:4"]' <agenda.json
	python3 -c '
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
text = m.get_body(("plain",)).get_content()
assert "Nguyễn Thị Lan Garment" in text and "陈 Knitwear" in text, text
assert "Pay 500.00 USD (deposit)" in text, text
' "$SINK/msg1.eml"
	[ ! -e "$SINK/msg2.eml" ]
}

@test "a partner's digest: UTF-8 name in an encoded-word Subject and To, its items only, <script> escaped" {
	setup_ledger
	start_sink
	rapport agenda --side partner --partner 1 --date 2026-11-25 --json >agenda.json
	run --separate-stderr rapport digest --side partner --partner 1 --to lan@garment.example \
		--smtp "smtp://127.0.0.1:$PORT" --date 2026-11-25
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	check_mail "$SINK/msg1.eml" agenda.json "Nguyễn Thị Lan Garment" lan@garment.example
	grep -q '^Subject: =?UTF-8?B?' "$SINK/msg1.eml"
	grep -q '^To: =?UTF-8?B?' "$SINK/msg1.eml"
	json_is '"commitment:3" in [i["id"] for i in v]' 'true' <agenda.json
	json_is 'sorted(set(i["owes"] for i in v))' '["both", "partner"]' <agenda.json
	json_is 'sorted(set(i["partner"] for i in v))' '[1]' <agenda.json
	python3 -c '
import email, sys
from email import policy
m = email.message_from_binary_file(open(sys.argv[1], "rb"), policy=policy.default)
page = m.get_body(("html",)).get_content()
assert "Lab dips &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page, page
' "$SINK/msg1.eml"
}

@test "the Chinese partner's name round-trips through the headers" {
	setup_ledger
	start_sink
	rapport agenda --side partner --partner 2 --date 2026-11-25 --json >agenda.json
	rapport digest --side partner --partner 2 --to chen@knit.example --smtp "smtp://127.0.0.1:$PORT" --date 2026-11-25
	check_mail "$SINK/msg1.eml" agenda.json "陈 Knitwear" chen@knit.example
}

@test "a refused connection exits 3 with curl's message" {
	setup_ledger
	port=$(closed_port)
	refuses 3 "Couldn't connect to server" digest --side buyer --to a@example.com --smtp "smtp://127.0.0.1:$port"
	[[ "$stderr" == *"smtp://127.0.0.1:$port failed after 1 attempt: "* ]]
}

@test "a rejected recipient exits 3 with the server's 550 reply, and nothing is delivered" {
	setup_ledger
	start_sink
	refuses 3 "550 5.1.1 <reject@example.com>: no such mailbox here" \
		digest --side buyer --to reject@example.com --smtp "smtp://127.0.0.1:$PORT" --retries 2
	# a permanent refusal is not tried again
	[[ "$stderr" == *"after 1 attempt: "* ]]
	[ ! -e "$SINK/msg1.eml" ]
}

@test "--retries 2 against a closed port tries three times, then exits 3" {
	setup_ledger
	port=$(closed_port)
	refuses 3 "failed after 3 attempts: " digest --side buyer --to a@example.com --smtp "smtp://127.0.0.1:$port" \
		--retries 2
	[[ "$stderr" == *"Couldn't connect to server"* ]]
}

@test "--dry-run prints the whole message and contacts nothing" {
	setup_ledger
	start_sink
	run --separate-stderr rapport digest --side buyer --to sourcing@linden.example --smtp "smtp://127.0.0.1:$PORT" \
		--date 2026-11-25 --dry-run
	[ "$status" -eq 0 ]
	printf '%s' "$output" >msg.eml
	rapport agenda --side buyer --date 2026-11-25 --json >agenda.json
	check_mail msg.eml agenda.json "Linden & Rowe" sourcing@linden.example
	sleep 0.2
	[ ! -e "$SINK/sessions" ]
	[ ! -e "$SINK/msg1.eml" ]
}

@test "bad addresses, URLs and counts exit 2 naming the option" {
	setup_ledger
	refuses 2 "--to: not an e-mail address" digest --side buyer --to nobody --dry-run
	refuses 2 "--to: the address holds a control character" digest --side buyer \
		--to $'a@example.com\r\nBcc: victim@example.com' --dry-run
	refuses 2 "--to: the address holds a control character" digest --side buyer --to $'a@example.com\n' --dry-run
	refuses 2 "--from: '<' cannot appear" digest --side buyer --to a@example.com --from '<x@y.z>' --dry-run
	refuses 2 "--from: ' ' cannot appear" digest --side buyer --to a@example.com --from 'x y@z.example' --dry-run
	refuses 2 "--smtp: smtp://HOST:PORT" digest --side buyer --to a@example.com --smtp http://127.0.0.1:25
	refuses 2 "--smtp: the port" digest --side buyer --to a@example.com --smtp smtp://127.0.0.1:99999
	refuses 2 "--retries: a whole number from 0 to 10" digest --side buyer --to a@example.com --retries 11
	refuses 2 "--side: buyer or partner" digest --side both --to a@example.com --dry-run
	refuses 2 "--side" digest --to a@example.com --dry-run
	refuses 2 "--to" digest --side buyer --dry-run
	refuses 2 "--partner" digest --side partner --partner 9 --to a@example.com --dry-run
}

@test "the password in --smtp never shows in a message" {
	setup_ledger
	port=$(closed_port)
	refuses 3 "smtp://rapport:***@127.0.0.1:$port" digest --side buyer --to a@example.com \
		--smtp "smtp://rapport:s3cret@127.0.0.1:$port"
	[[ "$stderr" != *s3cret* ]]
}

@test "user:password in --smtp logs in; a wrong password exits 3 with the server's 535" {
	setup_ledger
	start_sink rapport:s3cret
	refuses 3 "535" digest --side buyer --to a@example.com --smtp "smtp://rapport:wrong@127.0.0.1:$PORT"
	[[ "$stderr" == *"smtp://rapport:***@127.0.0.1:$PORT"* && "$stderr" != *wrong* ]]
	[ ! -e "$SINK/msg1.eml" ]
	run --separate-stderr rapport digest --side buyer --to a@example.com --smtp "smtp://rapport:s3cret@127.0.0.1:$PORT"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	grep -q '^AUTH .* rapport$' "$SINK/sessions"
	[ -e "$SINK/msg1.eml" ]
}

# A throwaway certificate for 127.0.0.1 (self-signed: its own authority).
make_cert() {
	openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=127.0.0.1 \
		-addext "subjectAltName=IP:127.0.0.1" \
		-keyout "$BATS_TEST_TMPDIR/key.pem" -out "$BATS_TEST_TMPDIR/cert.pem" 2>/dev/null
}

@test "STARTTLS: the digest and the password go over TLS, checked against --cacert; an unknown authority exits 3" {
	setup_ledger
	make_cert
	start_sink rapport:s3cret --starttls "$BATS_TEST_TMPDIR/cert.pem" "$BATS_TEST_TMPDIR/key.pem"
	refuses 3 "certificate" digest --side buyer --to a@example.com --smtp "smtp://rapport:s3cret@127.0.0.1:$PORT"
	[ ! -e "$SINK/msg1.eml" ]
	run --separate-stderr rapport digest --side buyer --to a@example.com \
		--smtp "smtp://rapport:s3cret@127.0.0.1:$PORT" --cacert "$BATS_TEST_TMPDIR/cert.pem"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	grep -q '^AUTH .* rapport$' "$SINK/sessions"
	json_is 'v["tls"]' 'true' <"$SINK/msg1.json"
	grep -q '^Subject: ' "$SINK/msg1.eml"
}

@test "smtps:// speaks TLS from the first byte" {
	setup_ledger
	make_cert
	start_sink --smtps "$BATS_TEST_TMPDIR/cert.pem" "$BATS_TEST_TMPDIR/key.pem"
	run --separate-stderr rapport digest --side partner --partner 1 --to lan@example.com \
		--smtp "smtps://127.0.0.1:$PORT" --cacert "$BATS_TEST_TMPDIR/cert.pem"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	json_is '[v["rcpt_tos"], v["tls"]]' '[["lan@example.com"], true]' <"$SINK/msg1.json"
}

@test "a plain sink gets no TLS; --cacert must be readable" {
	setup_ledger
	start_sink
	run --separate-stderr rapport digest --side buyer --to a@example.com --smtp "smtp://127.0.0.1:$PORT"
	[ "$status" -eq 0 ] || { echo "$stderr"; false; }
	json_is 'v["tls"]' 'false' <"$SINK/msg1.json"
	refuses 2 "--cacert: cannot read $BATS_TEST_TMPDIR/none.pem" digest --side buyer --to a@example.com \
		--smtp "smtp://127.0.0.1:$PORT" --cacert "$BATS_TEST_TMPDIR/none.pem"
}
