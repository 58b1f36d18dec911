#!/usr/bin/env bats
# Logging a contact from the web: one ledger append on the server's writer,
# checked exactly as `rapport contact` checks it; a refusal shows the form
# again with the message beside its field and what was typed kept, and
# writes nothing.

load helper

@test "a buyer's user logs a contact: one event, by the user, in the buyer's zone, chain intact" {
	init_db
	add_user buyer maya@lindenrowe.example member
	start_server --threads 2
	login maya@lindenrowe.example
	as /partners/1/contact
	[ "$STATUS" = 200 ]
	grep -qF '<title>Log a contact with Dongguan Evergreen Knitwear - Rapport</title>' "$BODY"
	# now on the buyer's clock (London is on UTC in November), a call by the buyer
	grep -qF '<input type="datetime-local" id="f-at" name="at" required aria-describedby="f-at-hint" value="2026-11-25T10:00">' "$BODY"
	grep -qF '<p class="hint" id="f-at-hint">Local time in Europe/London.</p>' "$BODY"
	grep -qF '<option value="buyer" selected>Linden &amp; Rowe</option>' "$BODY"
	grep -qF '<option value="call" selected>Call</option>' "$BODY"
	grep -qF '<label for="f-note">Note</label>' "$BODY"
	post_form /partners/1/contact by=partner kind=video at=2026-11-24T09:30 "note=Lab dips approved; bulk fabric next week"
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /partners/1 ] # back to the relationship page
	run rapport contacts --partner 1 --json
	[ "$(jsonq '[{k: c[k] for k in ("by", "kind", "at", "note")} for c in x]' <<<"$output")" = '[{"by":"partner","kind":"video","at":"2026-11-24T09:30:00Z","note":"Lab dips approved; bulk fabric next week"}]' ]
	run rapport log --partner 1 --json
	[ "$(jsonq '" ".join(str(x[-1][k]) for k in ("side", "author", "kind", "recorded"))' <<<"$output")" = "buyer maya@lindenrowe.example contact 2026-11-25T10:00:00Z" ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "a partner's user logs a contact on its own side, read in the factory's zone" {
	init_db
	add_user partner:1 chen.jing@evergreen.example member
	start_server --threads 1
	login chen.jing@evergreen.example
	as /partners/1/contact
	grep -qF 'value="2026-11-25T18:00">' "$BODY" # 10:00 UTC is 18:00 in Dongguan
	grep -qF '<option value="partner" selected>Dongguan Evergreen Knitwear</option>' "$BODY"
	post_form /partners/1/contact by=partner kind=message at=2026-11-25T17:00
	[ "$STATUS" = 303 ]
	run rapport log --partner 1 --json
	[ "$(jsonq '" ".join(str(x[-1][k]) for k in ("side", "author", "at"))' <<<"$output")" = "partner chen.jing@evergreen.example 2026-11-25T09:00:00Z" ]
}

@test "a refused contact shows the form again: the message beside its field, the values kept, nothing written" {
	init_db
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	login maya@lindenrowe.example
	events=$(db_query "SELECT count(*) FROM events")
	# a kind the ledger does not know (event.c's message, as the CLI's)
	post_form /partners/1/contact by=partner kind=fax at=2026-11-24T09:30 'note=<b>kept</b>'
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">The contact was not logged: see the message below.</p>' "$BODY"
	grep -qF '<div class="field invalid">' "$BODY"
	grep -qF '<select id="f-kind" name="kind" required aria-invalid="true" aria-describedby="f-kind-err">' "$BODY"
	grep -qF '<p class="error" id="f-kind-err">must be one of call|video|message|email|meeting|visit</p>' "$BODY"
	grep -qF '<option value="partner" selected>Dongguan Evergreen Knitwear</option>' "$BODY"
	grep -qF 'value="2026-11-24T09:30">' "$BODY"
	grep -qF '<textarea id="f-note" name="note" aria-describedby="f-note-hint">&lt;b&gt;kept&lt;/b&gt;</textarea>' "$BODY"
	run rapport contact --partner 1 --by partner --kind fax
	[ "$status" -eq 2 ]
	[[ "$output" == *"kind: must be one of call|video|message|email|meeting|visit"* ]]
	# a time in the future: the ledger's rule
	post_form /partners/1/contact by=buyer kind=call at=2026-12-01T09:00
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-at-err">in the future; record events once they have happened</p>' "$BODY"
	# a time that does not read, and none at all
	post_form /partners/1/contact by=buyer kind=call at=yesterday
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-at-err">not an ISO-8601 time' "$BODY"
	post_form /partners/1/contact by=buyer kind=call at=
	grep -qF '<p class="error" id="f-at-err">Say when the contact took place.</p>' "$BODY"
	# a note past 4000 bytes
	post_form /partners/1/contact by=buyer kind=call at=2026-11-24T09:30 "note=$(printf 'x%.0s' $(seq 4001))"
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-note-err">longer than 4000 bytes</p>' "$BODY"
	# a side that is not one
	post_form /partners/1/contact by=both kind=call at=2026-11-24T09:30
	grep -qF '<p class="error" id="f-by-err">must be one of buyer|partner</p>' "$BODY"
	[ "$(db_query "SELECT count(*) FROM events")" = "$events" ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "writes from two threads at once all land, each as its own event" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	init_db
	add_user buyer maya@lindenrowe.example member
	start_server --threads 2
	login maya@lindenrowe.example
	as /partners/1/contact
	csrf=$(csrf_of "$BODY")
	# 20 posts on separate connections, 10 at a time (waiting for the
	# clients only: the server is a background job of this shell too)
	pids=()
	for i in $(seq 20); do
		curl -s -o /dev/null -w '%{http_code}\n' -b "$JAR" "$URL/partners/1/contact" \
			--data-urlencode "csrf=$csrf" --data-urlencode by=buyer --data-urlencode kind=call \
			--data-urlencode at=2026-11-25T09:00 --data-urlencode "note=call $i" >>codes.txt &
		pids+=($!)
		if [ $((i % 10)) -eq 0 ]; then
			wait "${pids[@]}"
			pids=()
		fi
	done
	sort codes.txt | uniq -c
	[ "$(sort codes.txt | uniq -c | awk '{print $1, $2}')" = "20 303" ]
	[ "$(sqlite3 "$RAPPORT_DB" "SELECT count(*) FROM events WHERE kind = 'contact'")" = 20 ]
	[ "$(sqlite3 "$RAPPORT_DB" "SELECT count(DISTINCT json_extract(body, '\$.note')) FROM events WHERE kind = 'contact'")" = 20 ]
	grep -q ' thread=1$' "$LOG"
	grep -q ' thread=2$' "$LOG"
	run rapport verify
	[ "$status" -eq 0 ]
}
