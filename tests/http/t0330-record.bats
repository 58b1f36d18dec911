#!/usr/bin/env bats
# Recording every kind of event from the web: /partners/ID/record lists
# the forms the user's side may use, /partners/ID/record/KIND draws each
# one from event.c's field table, and a POST appends through record.c and
# the ledger exactly as the command line does; what lands is read back
# with `rapport log` on the same database. Refusals, roles, isolation,
# escaping and the fields browser tests rely on.

load helper

BUYER=maya@lindenrowe.example
FACTORY=chen.jing@evergreen.example

# The body fields of each kind's form, by their stable names (the inputs'
# ids are f-NAME, as layout_field makes them); every form has "at" too.
declare -gA FIELDS=(
	[contact]="by kind note"
	[person.add]="side name role lang"
	[commitment.add]="side what due order milestone"
	[commitment.keep]="commitment"
	[commitment.renegotiate]="commitment due"
	[commitment.break]="commitment reason"
	[order.add]="po style qty price currency ex_factory"
	[update.submit]="status progress next blockers needs"
	[issue.raise]="title severity responsible disclosure note"
	[issue.ack]="issue"
	[issue.action]="issue owner what due"
	[issue.action_done]="action"
	[issue.resolve]="issue note"
	[issue.reopen]="issue note"
	[visit.add]="by date met note"
	[suggestion.add]="person text visit"
	[suggestion.respond]="suggestion outcome reason"
	[spec.publish]="style version production_start"
	[spec.change]="style what agreed"
	[payment.due]="amount currency due order label"
	[payment.paid]="payment amount"
	[greet]="by occasion note"
	[closure.add]="from to reason"
)
BUYER_ONLY="order.add payment.due payment.paid spec.publish spec.change"
PARTNER_ONLY="update.submit closure.add"

# A buyer, partner 1 (Dongguan, the factory) and partner 2 (Saigon), a
# member of the buyer, one of each factory and a buyer's viewer.
setup_users() {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user buyer "$BUYER" member
	add_user partner:1 "$FACTORY" member
	add_user partner:2 lan@saigonloom.example member
	add_user buyer viewer@lindenrowe.example viewer
}

# record KIND FIELD=VALUE...: fetches KIND's form of partner 1 and posts it
# (with at=2026-11-25T09:00 unless given) as $JAR's user; fails unless it
# answers 303 back to the relationship page.
record() {
	local kind=$1 at=at=2026-11-25T09:00 f
	shift
	for f in "$@"; do [[ $f == at=* ]] && at=; done
	post_form "/partners/1/record/$kind" "$@" ${at:+"$at"}
	if [ "$STATUS" != 303 ]; then
		echo "$kind: $STATUS" >&2
		grep -o '<p class="\(error\|notice\)"[^>]*>[^<]*</p>' "$BODY" >&2
		return 1
	fi
	[ "$(header location)" = /partners/1 ]
}

# last KIND EXPR: EXPR (a Python expression over the event as e) of the
# last event of KIND in partner 1's record, as `rapport log --json` has it.
last() {
	rapport log --partner 1 --json | jsonq "[($2) for e in x if e['kind'] == '$1'][-1]"
}

# id_of KIND: the id of the last event of KIND (the entity it created).
id_of() {
	last "$1" "e['id']"
}

# landed KIND SIDE AUTHOR BODY: the last event of KIND is SIDE's, by
# AUTHOR, with BODY (canonical JSON).
landed() {
	local got
	got=$(last "$1" "' '.join((e['side'], e['author'], json.dumps(e['body'], separators=(',', ':'), ensure_ascii=False)))")
	[ "$got" = "$2 $3 $4" ] || { printf '%s:\n got  %s\n want %s\n' "$1" "$got" "$2 $3 $4" >&2; return 1; }
}

# form_ok KIND: KIND's form answers 200 with every field of FIELDS by its
# id, posting back to itself.
form_ok() {
	local f
	as "/partners/1/record/$1"
	[ "$STATUS" = 200 ] || { echo "GET $1: $STATUS" >&2; return 1; }
	grep -qF "<form method=\"post\" action=\"/partners/1/record/$1\" class=\"record\" data-kind=\"$1\">" "$BODY"
	for f in ${FIELDS[$1]} at; do
		grep -qF "id=\"f-$f\"" "$BODY" || { echo "$1: no f-$f" >&2; return 1; }
	done
}

@test "the list of forms: each side sees what it records, and the relationship page links to it" {
	setup_users
	start_server --threads 1
	login "$BUYER"
	as /partners/1
	grep -qF '<p class="record"><a href="/partners/1/record">Record an event</a></p>' "$BODY"
	as /partners/1/record
	[ "$STATUS" = 200 ]
	grep -qF '<h1>Record an event</h1>' "$BODY"
	for g in contacts commitments orders issues visits specs greetings people; do
		grep -qF "<section id=\"$g\">" "$BODY" || { echo "no $g" >&2; return 1; }
	done
	grep -qF '<h2>Orders and payments</h2>' "$BODY"
	grep -qF '<a href="/partners/1/contact">Log a contact with Dongguan Evergreen Knitwear</a>' "$BODY"
	grep -qF '<a href="/partners/1/record/order.add">Place an order</a>' "$BODY"
	kinds=$(sed -n 's/^<li data-kind="\([^"]*\)".*/\1/p' "$BODY" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "${!FIELDS[@]}" | grep -vxF -e update.submit -e closure.add | sort | tr '\n' ' ')
	[ "$kinds" = "$want" ] || { echo "got: $kinds"; echo "want: $want"; return 1; } >&2
	# the factory's: updates and closures, no orders, payments or specifications
	JAR=chen.jar login "$FACTORY"
	JAR=chen.jar as /partners/1/record
	[ "$STATUS" = 200 ]
	kinds=$(sed -n 's/^<li data-kind="\([^"]*\)".*/\1/p' "$BODY" | sort | tr '\n' ' ')
	want=$(printf '%s\n' "${!FIELDS[@]}" | grep -vxF -e order.add -e payment.due -e payment.paid -e spec.publish \
		-e spec.change | sort | tr '\n' ' ')
	[ "$kinds" = "$want" ] || { echo "got: $kinds"; echo "want: $want"; return 1; } >&2
	grep -qF '<section id="updates">' "$BODY"
	grep -qF '<section id="closures">' "$BODY"
	run ! grep -qF '<section id="orders">' "$BODY"
	# a viewer gets neither the link nor the list
	JAR=viewer.jar login viewer@lindenrowe.example
	JAR=viewer.jar as /partners/1
	[ "$STATUS" = 200 ]
	run ! grep -qF '/partners/1/record' "$BODY"
	JAR=viewer.jar as /partners/1/record
	[ "$STATUS" = 403 ]
}

@test "every form as the buyer: each kind recorded once, in rapport log with the body the form built" {
	setup_users
	start_server --threads 1
	login "$BUYER"
	for kind in "${!FIELDS[@]}"; do
		[[ " $PARTNER_ONLY " == *" $kind "* ]] && continue
		form_ok "$kind"
	done
	B="buyer $BUYER"
	# now on the buyer's clock (London is on UTC in November)
	as /partners/1/record/greet
	grep -qF 'value="2026-11-25T10:00">' "$BODY"
	grep -qF '<p class="hint" id="f-at-hint">Local time in Europe/London.</p>' "$BODY"

	record person.add side=partner "name=Chen Jing" role=qc lang=zh
	landed person.add $B '{"lang":"zh","name":"Chen Jing","role":"qc","side":"partner"}'
	[ "$(last person.add "e['at']")" = 2026-11-25T09:00:00Z ]
	P1=$(id_of person.add)
	record person.add side=partner "name=Li Wei" role=manager
	P2=$(id_of person.add)

	# an order brings its milestones and payments, as rapport order add does
	record order.add po=LR-2027-014 "style=Cable crew W27" qty=2400 price=18.40 currency=USD ex_factory=2027-03-15
	landed order.add $B '{"currency":"USD","ex_factory":"2027-03-15","po":"LR-2027-014","price":"18.40","qty":2400,"style":"Cable crew W27"}'
	O=$(id_of order.add)
	run rapport commitments --partner 1 --json
	[ "$(jsonq '[c["due"] for c in x if c["order"] is not None]' <<<"$output")" = '["2027-01-14","2027-01-29","2027-02-13","2027-03-01","2027-03-12","2027-03-15"]' ]
	run rapport payments --partner 1 --json
	[ "$(jsonq '[(p["label"], p["amount"], p["due"]) for p in x]' <<<"$output")" = '[["deposit","13248.00","2026-12-02"],["balance","30912.00","2027-04-14"]]' ]

	as /partners/1/record/commitment.add
	grep -qF "<option value=\"$O\">LR-2027-014: Cable crew W27, ex-factory 2027-03-15</option>" "$BODY"
	record commitment.add side=buyer "what=Approve the lab dips" due=2026-12-04 order=$O "milestone=lab dips"
	landed commitment.add $B "{\"due\":\"2026-12-04\",\"milestone\":\"lab dips\",\"order\":$O,\"side\":\"buyer\",\"what\":\"Approve the lab dips\"}"
	C=$(id_of commitment.add)
	as /partners/1/record/commitment.renegotiate
	grep -qF "<option value=\"$C\">#$C Approve the lab dips (due 2026-12-04, Linden &amp; Rowe)</option>" "$BODY"
	record commitment.renegotiate commitment=$C due=2026-12-11
	landed commitment.renegotiate $B "{\"commitment\":$C,\"due\":\"2026-12-11\"}"
	record commitment.keep commitment=$C
	landed commitment.keep $B "{\"commitment\":$C}"
	# a kept promise is no longer offered
	as /partners/1/record/commitment.break
	run ! grep -qF "<option value=\"$C\">" "$BODY"
	record commitment.add side=partner "what=Send the trims" due=2026-12-01
	C2=$(id_of commitment.add)
	record commitment.break commitment=$C2 "reason=Trims supplier closed"
	landed commitment.break $B "{\"commitment\":$C2,\"reason\":\"Trims supplier closed\"}"

	record payment.due amount=500.00 currency=USD due=2026-12-20 order=$O "label=Sample fee"
	landed payment.due $B "{\"amount\":\"500.00\",\"currency\":\"USD\",\"due\":\"2026-12-20\",\"label\":\"Sample fee\",\"order\":$O}"
	PAY=$(id_of payment.due)
	as /partners/1/record/payment.paid
	grep -qF "<option value=\"$PAY\">#$PAY 500.00 USD due 2026-12-20 (Sample fee)</option>" "$BODY"
	record payment.paid payment=$PAY amount=450.00
	landed payment.paid $B "{\"amount\":\"450.00\",\"payment\":$PAY}"

	record issue.raise "title=Dye lot shade variation" severity=major responsible=partner disclosure=discovered "note=Lot 3 is darker"
	landed issue.raise $B '{"disclosure":"discovered","note":"Lot 3 is darker","responsible":"partner","severity":"major","title":"Dye lot shade variation"}'
	I=$(id_of issue.raise)
	as /partners/1/record/issue.ack
	grep -qF "<option value=\"$I\">#$I Dye lot shade variation (Major)</option>" "$BODY"
	record issue.ack issue=$I
	landed issue.ack $B "{\"issue\":$I}"
	record issue.action issue=$I owner=partner "what=Re-dye lot 3" due=2026-12-02
	landed issue.action $B "{\"due\":\"2026-12-02\",\"issue\":$I,\"owner\":\"partner\",\"what\":\"Re-dye lot 3\"}"
	A=$(id_of issue.action)
	record issue.action_done action=$A
	landed issue.action_done $B "{\"action\":$A}"
	record issue.resolve issue=$I "note=Re-dyed; shade approved"
	landed issue.resolve $B "{\"issue\":$I,\"note\":\"Re-dyed; shade approved\"}"
	as /partners/1/record/issue.reopen
	grep -qF "<option value=\"$I\">#$I Dye lot shade variation (Major)</option>" "$BODY"
	record issue.reopen issue=$I "note=Shade drifted in lot 4"
	landed issue.reopen $B "{\"issue\":$I,\"note\":\"Shade drifted in lot 4\"}"

	# the people met are ticked, one box each
	as /partners/1/record/visit.add
	grep -qF "<input type=\"checkbox\" id=\"f-met-$P1\" name=\"met\" value=\"$P1\"><label for=\"f-met-$P1\">Chen Jing (Quality control, Dongguan Evergreen Knitwear)</label>" "$BODY"
	grep -qF "id=\"f-met-$P2\"" "$BODY"
	record visit.add by=buyer date=2026-11-18 met=$P1 met=$P2 "note=Line 3 audit"
	landed visit.add $B "{\"by\":\"buyer\",\"date\":\"2026-11-18\",\"met\":[$P1,$P2],\"note\":\"Line 3 audit\"}"
	V=$(id_of visit.add)
	record suggestion.add person=$P1 "text=Pre-shrink the rib trims" visit=$V
	landed suggestion.add $B "{\"person\":$P1,\"text\":\"Pre-shrink the rib trims\",\"visit\":$V}"
	S=$(id_of suggestion.add)
	record suggestion.respond suggestion=$S outcome=adopted
	landed suggestion.respond $B "{\"outcome\":\"adopted\",\"suggestion\":$S}"

	record spec.publish "style=Cable crew W27" version=3 production_start=2027-02-10
	landed spec.publish $B '{"production_start":"2027-02-10","style":"Cable crew W27","version":"3"}'
	record spec.change "style=Cable crew W27" "what=Neck rib 2x2" agreed=1
	landed spec.change $B '{"agreed":true,"style":"Cable crew W27","what":"Neck rib 2x2"}'
	record greet by=buyer "occasion=Spring Festival 2027" "note=Wishing you a prosperous year"
	landed greet $B '{"by":"buyer","note":"Wishing you a prosperous year","occasion":"Spring Festival 2027"}'
	record contact by=partner kind=email "note=Sent the trims card"
	landed contact $B '{"by":"partner","kind":"email","note":"Sent the trims card"}'

	# nothing but the forms' events, and the chain holds
	[ "$(rapport log --partner 1 --json | jsonq 'len(set(e["kind"] for e in x)) - 1')" = 21 ]
	run rapport verify
	[ "$status" -eq 0 ]
	# the partner's kinds are not the buyer's to record: the form and its POST
	for kind in $PARTNER_ONLY; do
		as "/partners/1/record/$kind"
		[ "$STATUS" = 403 ] || { echo "GET $kind: $STATUS" >&2; return 1; }
		grep -qF 'Your side does not record this kind of event: the other side does.' "$BODY"
		as /partners/1/record
		csrf=$(csrf_of "$BODY")
		as "/partners/1/record/$kind" --data-urlencode "csrf=$csrf" --data-urlencode status=on_track \
			--data-urlencode progress=10 --data-urlencode at=2026-11-25T09:00
		[ "$STATUS" = 403 ]
	done
	[ "$(db_query "SELECT count(*) FROM events WHERE kind IN ('update.submit', 'closure.add')")" = 0 ]
}

@test "every form as the factory's user: its side, its clock, each kind recorded once" {
	setup_users
	start_server --threads 1
	login "$FACTORY"
	for kind in "${!FIELDS[@]}"; do
		[[ " $BUYER_ONLY " == *" $kind "* ]] && continue
		form_ok "$kind"
	done
	F="partner $FACTORY"
	# the factory's clock: 10:00 UTC is 18:00 in Dongguan; who acts defaults to the factory
	as /partners/1/record/visit.add
	grep -qF 'value="2026-11-25T18:00">' "$BODY"
	grep -qF '<p class="hint" id="f-at-hint">Local time in Asia/Shanghai.</p>' "$BODY"
	grep -qF '<option value="partner" selected>Dongguan Evergreen Knitwear</option>' "$BODY"

	record person.add side=partner "name=Zhou Min" role=line_worker at=2026-11-25T17:00
	landed person.add $F '{"name":"Zhou Min","role":"line_worker","side":"partner"}'
	[ "$(last person.add "e['at']")" = 2026-11-25T09:00:00Z ]
	P=$(id_of person.add)
	record commitment.add side=partner "what=Ship the salesman samples" due=2026-12-09
	landed commitment.add $F '{"due":"2026-12-09","side":"partner","what":"Ship the salesman samples"}'
	C=$(id_of commitment.add)
	record commitment.renegotiate commitment=$C due=2026-12-16
	landed commitment.renegotiate $F "{\"commitment\":$C,\"due\":\"2026-12-16\"}"
	record commitment.keep commitment=$C
	landed commitment.keep $F "{\"commitment\":$C}"
	record commitment.add side=buyer "what=Approve the colourway" due=2026-11-30
	C2=$(id_of commitment.add)
	record commitment.break commitment=$C2
	landed commitment.break $F "{\"commitment\":$C2}"

	record update.submit status=at_risk progress=40 "next=Bulk knitting" "blockers=Yarn is late" "needs=Approve the lab dips"
	landed update.submit $F '{"blockers":"Yarn is late","needs":"Approve the lab dips","next":"Bulk knitting","progress":40,"status":"at_risk"}'
	record issue.raise "title=Needle breakage on line 2" severity=minor responsible=partner disclosure=self
	landed issue.raise $F '{"disclosure":"self","responsible":"partner","severity":"minor","title":"Needle breakage on line 2"}'
	I=$(id_of issue.raise)
	record issue.ack issue=$I
	landed issue.ack $F "{\"issue\":$I}"
	record issue.action issue=$I owner=partner "what=Replace the needle bed" due=2026-12-03
	A=$(id_of issue.action)
	landed issue.action $F "{\"due\":\"2026-12-03\",\"issue\":$I,\"owner\":\"partner\",\"what\":\"Replace the needle bed\"}"
	record issue.action_done action=$A
	landed issue.action_done $F "{\"action\":$A}"
	record issue.resolve issue=$I
	landed issue.resolve $F "{\"issue\":$I}"
	record issue.reopen issue=$I "note=Broke again"
	landed issue.reopen $F "{\"issue\":$I,\"note\":\"Broke again\"}"
	record visit.add by=partner date=2026-11-20 met=$P
	landed visit.add $F "{\"by\":\"partner\",\"date\":\"2026-11-20\",\"met\":[$P]}"
	record suggestion.add person=$P "text=Bigger cartons"
	landed suggestion.add $F "{\"person\":$P,\"text\":\"Bigger cartons\"}"
	S=$(id_of suggestion.add)
	record suggestion.respond suggestion=$S outcome=declined "reason=The freight rate is per carton"
	landed suggestion.respond $F "{\"outcome\":\"declined\",\"reason\":\"The freight rate is per carton\",\"suggestion\":$S}"
	record greet by=partner "occasion=Christmas 2026"
	landed greet $F '{"by":"partner","occasion":"Christmas 2026"}'
	record closure.add from=2027-01-25 to=2027-02-05 "reason=Spring Festival shutdown"
	landed closure.add $F '{"from":"2027-01-25","reason":"Spring Festival shutdown","to":"2027-02-05"}'
	post_form /partners/1/contact by=buyer kind=call at=2026-11-25T16:30
	[ "$STATUS" = 303 ]
	landed contact $F '{"by":"buyer","kind":"call"}'
	run rapport verify
	[ "$status" -eq 0 ]
	# the buyer's kinds are not the factory's to record
	events=$(db_query "SELECT count(*) FROM events")
	for kind in $BUYER_ONLY; do
		as "/partners/1/record/$kind"
		[ "$STATUS" = 403 ] || { echo "GET $kind: $STATUS" >&2; return 1; }
	done
	as /partners/1/record
	csrf=$(csrf_of "$BODY")
	as /partners/1/record/payment.due --data-urlencode "csrf=$csrf" --data-urlencode amount=9.00 \
		--data-urlencode currency=USD --data-urlencode due=2026-12-01 --data-urlencode at=2026-11-25T17:00
	[ "$STATUS" = 403 ]
	[ "$(db_query "SELECT count(*) FROM events")" = "$events" ]
}

@test "the factory raises an issue it disclosed itself and submits an update: the fields browser tests use" {
	setup_users
	start_server --threads 1
	login "$FACTORY"
	as /partners/1/record/issue.raise
	[ "$STATUS" = 200 ]
	grep -qF '<title>Raise an issue - Rapport</title>' "$BODY"
	grep -qF '<input type="text" id="f-title" name="title" required>' "$BODY"
	grep -qF '<select id="f-severity" name="severity" required>' "$BODY"
	grep -qF '<option value="">Choose...</option>' "$BODY" # nothing taken for granted
	grep -qF '<select id="f-responsible" name="responsible" required>' "$BODY"
	grep -qF '<select id="f-disclosure" name="disclosure" required>' "$BODY"
	grep -qF '<option value="self">Disclosed by the side responsible</option>' "$BODY"
	grep -qF '<textarea id="f-note" name="note" aria-describedby="f-note-hint"></textarea>' "$BODY"
	grep -qF '<input type="datetime-local" id="f-at" name="at" required aria-describedby="f-at-hint" value="2026-11-25T18:00">' "$BODY"
	grep -qF '<button type="submit">Raise the issue</button>' "$BODY"
	post_form /partners/1/record/issue.raise "title=Shade variation in dye lot 3" severity=major responsible=partner \
		disclosure=self "note=Found at final inspection" at=2026-11-25T17:30
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /partners/1 ]
	landed issue.raise "partner" "$FACTORY" '{"disclosure":"self","note":"Found at final inspection","responsible":"partner","severity":"major","title":"Shade variation in dye lot 3"}'
	[ "$(last issue.raise "e['at']")" = 2026-11-25T09:30:00Z ]
	run rapport issues --partner 1 --json
	[ "$(jsonq '[(i["disclosure"], i["responsible"], i["state"]) for i in x]' <<<"$output")" = '[["self","partner","open"]]' ]

	as /partners/1/record/update.submit
	[ "$STATUS" = 200 ]
	grep -qF '<select id="f-status" name="status" required>' "$BODY"
	grep -qF '<option value="on_track">On track</option>' "$BODY"
	grep -qF '<input type="number" id="f-progress" name="progress" required min="0" max="100" aria-describedby="f-progress-hint">' "$BODY"
	grep -qF '<textarea id="f-next" name="next" aria-describedby="f-next-hint"></textarea>' "$BODY"
	grep -qF '<textarea id="f-blockers" name="blockers"' "$BODY"
	grep -qF '<textarea id="f-needs" name="needs"' "$BODY"
	grep -qF '<button type="submit">Submit the update</button>' "$BODY"
	post_form /partners/1/record/update.submit status=on_track progress=65 "next=Linking and washing" at=2026-11-25T17:45
	[ "$STATUS" = 303 ]
	landed update.submit "partner" "$FACTORY" '{"next":"Linking and washing","progress":65,"status":"on_track"}'
	# back on the relationship page, both are in the timeline
	as /partners/1
	grep -qF 'issue: Shade variation in dye lot 3 (major, partner, self)' "$BODY"
	grep -qF 'update: on_track, 65 %; next: Linking and washing' "$BODY"
}

@test "a field left empty: 400, its message beside it, the other values kept, nothing written" {
	setup_users
	start_server --threads 1
	login "$BUYER"
	events=$(db_query "SELECT count(*) FROM events")
	post_form /partners/1/record/order.add po= "style=Cable crew W27" qty=2400 price=18.40 currency=USD \
		ex_factory=2027-03-15 at=2026-11-25T09:00
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">Nothing was recorded: see the message below.</p>' "$BODY"
	grep -qF '<input type="text" id="f-po" name="po" required aria-invalid="true" aria-describedby="f-po-err" value="">' "$BODY"
	grep -qF '<p class="error" id="f-po-err">Fill in this field.</p>' "$BODY"
	grep -qF 'id="f-style" name="style" required aria-describedby="f-style-hint" value="Cable crew W27">' "$BODY"
	grep -qF 'id="f-qty" name="qty" required min="1" max="100000000" aria-describedby="f-qty-hint" value="2400">' "$BODY"
	grep -qF 'value="18.40">' "$BODY"
	grep -qF 'id="f-ex_factory" name="ex_factory" required aria-describedby="f-ex_factory-hint" value="2027-03-15">' "$BODY"
	grep -qF 'value="2026-11-25T09:00">' "$BODY"
	[ "$(grep -c 'class="error"' "$BODY")" = 1 ]
	# several left empty: each told beside its own, "when" too
	post_form /partners/1/record/issue.raise "title=Shade" severity= responsible=partner disclosure= at=
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-severity-err">Choose one.</p>' "$BODY"
	grep -qF '<p class="error" id="f-disclosure-err">Choose one.</p>' "$BODY"
	grep -qF '<p class="error" id="f-at-err">Say when it happened.</p>' "$BODY"
	grep -qF '<option value="partner" selected>Dongguan Evergreen Knitwear</option>' "$BODY"
	grep -qF 'value="Shade">' "$BODY"
	# the ledger's refusals land beside their field as on the command line
	post_form /partners/1/record/order.add po=LR-1 "style=Cable crew" qty=many price=18.40 currency=USD \
		ex_factory=2027-03-15 at=2026-11-25T09:00
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-qty-err">not a whole number: &quot;many&quot;</p>' "$BODY"
	post_form /partners/1/record/order.add po=LR-1 "style=Cable crew" qty=10 price=18.40 currency=XXY \
		ex_factory=2027-03-15 at=2026-11-25T09:00
	grep -qF '<p class="error" id="f-currency-err">&quot;XXY&quot; is not an ISO 4217 currency code (e.g. USD)</p>' "$BODY"
	post_form /partners/1/record/greet by=buyer "occasion=New Year" at=2026-12-01T09:00
	grep -qF '<p class="error" id="f-at-err">in the future; record events once they have happened</p>' "$BODY"
	record person.add side=partner "name=Chen Jing" role=qc
	P=$(id_of person.add)
	record suggestion.add person=$P "text=Bigger cartons"
	S=$(id_of suggestion.add)
	events=$(db_query "SELECT count(*) FROM events")
	post_form /partners/1/record/suggestion.respond suggestion=$S outcome=declined at=2026-11-25T09:00
	[ "$STATUS" = 400 ]
	grep -qF '<p class="error" id="f-reason-err">required when a suggestion is declined</p>' "$BODY"
	grep -qF "<option value=\"$S\" selected>#$S Bigger cartons (from Chen Jing)</option>" "$BODY"
	grep -qF '<option value="declined" selected>Declined</option>' "$BODY"
	run rapport suggestion respond "$S" --outcome declined
	[ "$status" -eq 2 ]
	[[ "$output" == *"reason: required when a suggestion is declined"* ]]
	# a payment paid twice: the second is refused
	record payment.due amount=100.00 currency=USD due=2026-12-20
	PAY=$(id_of payment.due)
	record payment.paid payment=$PAY
	events=$(db_query "SELECT count(*) FROM events")
	post_form /partners/1/record/payment.paid payment=$PAY at=2026-11-25T09:00
	[ "$STATUS" = 400 ]
	grep -qF "<p class=\"error\" id=\"f-payment-err\">#$PAY is already paid</p>" "$BODY"
	grep -qF "<option value=\"$PAY\" selected>$PAY</option>" "$BODY" # no longer offered, kept as sent
	[ "$(db_query "SELECT count(*) FROM events")" = "$events" ]
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "a due date on the factory's day off is recorded and the warning shown once on the relationship page" {
	setup_users
	start_server --threads 1
	login "$BUYER"
	# 2027-02-13 falls in the Spring Festival closure (as in the CLI's test)
	post_form /partners/1/record/commitment.add side=buyer "what=Approve the <b>lab dips</b>" due=2027-02-13 \
		at=2026-11-25T09:00
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /partners/1 ]
	[[ "$(header set-cookie)" == "rapport_flash="*"; Path=/partners/1; Max-Age=60; HttpOnly; SameSite=Lax" ]]
	as /partners/1
	grep -qF '<div class="notice flash" role="status"><p>Recorded, with a warning:</p><p>&quot;Approve the &lt;b&gt;lab dips&lt;/b&gt;&quot; due 2027-02-13 falls on a day off at Dongguan Evergreen Knitwear (CN: Spring Festival factory closure); their next working day is 2027-02-16</p></div>' "$BODY"
	[ "$(header set-cookie)" = "rapport_flash=; Path=/partners/1; Max-Age=0; HttpOnly; SameSite=Lax" ]
	as /partners/1
	run ! grep -qF 'notice flash' "$BODY"
	# an order's milestone on a day off: the same
	post_form /partners/1/record/order.add po=LR-2027-014 "style=Cable crew W27" qty=2400 price=18.40 currency=USD \
		ex_factory=2027-03-15 at=2026-11-25T09:00
	[ "$STATUS" = 303 ]
	as /partners/1
	grep -qF '<p>&quot;LR-2027-014: production start&quot; due 2027-02-13 falls on a day off' "$BODY"
	# a working day: no warning, no cookie
	post_form /partners/1/record/commitment.add side=buyer "what=Approve the trims" due=2026-12-02 at=2026-11-25T09:00
	[ "$STATUS" = 303 ]
	[ -z "$(header set-cookie)" ]
	# a message another site planted is not shown
	as /partners/1 -H 'Cookie: rapport_flash=SGFja2Vk.AAAA'
	run ! grep -qF 'Hacked' "$BODY"
	run ! grep -qF 'notice flash' "$BODY"
}

@test "a viewer gets 403 for every form and its POST" {
	setup_users
	start_server --threads 1
	login viewer@lindenrowe.example
	as /
	csrf=$(csrf_of "$BODY")
	for kind in "${!FIELDS[@]}"; do
		as "/partners/1/record/$kind"
		[ "$STATUS" = 403 ] || { echo "GET $kind: $STATUS" >&2; return 1; }
		as "/partners/1/record/$kind" --data-urlencode "csrf=$csrf" --data-urlencode at=2026-11-25T09:00
		[ "$STATUS" = 403 ] || { echo "POST $kind: $STATUS" >&2; return 1; }
		grep -qF 'Your role lets you read the record but not change it.' "$BODY"
	done
	[ "$(db_query "SELECT count(*) FROM events WHERE seq > 1")" = 0 ]
}

@test "another factory's user: 404 for the relationship and for an entity of another, as for none at all" {
	setup_users
	rapport person add --partner 1 --side partner --name "Chen Jing" --role qc >/dev/null
	rapport commitment add --partner 1 --side partner --what "Ship samples" --due 2026-12-09 >/dev/null
	P1=$(id_of person.add)
	C1=$(id_of commitment.add)
	start_server --threads 1
	JAR=lan.jar login lan@saigonloom.example
	for path in /partners/1/record /partners/1/record/issue.raise /partners/1/record/commitment.keep; do
		JAR=lan.jar as "$path"
		[ "$STATUS" = 404 ] || { echo "$path: $STATUS" >&2; return 1; }
		run ! grep -qF 'Dongguan' "$BODY"
	done
	JAR=lan.jar as /partners/1/record/issue.raise
	cp "$BODY" other.html
	JAR=lan.jar as /partners/99/record/issue.raise
	[ "$STATUS" = 404 ]
	diff <(sed 's/value="[^"]*"/V/g' other.html) <(sed 's/value="[^"]*"/V/g' "$BODY")
	JAR=lan.jar as /partners/2/record/issue.raise
	[ "$STATUS" = 200 ]
	csrf=$(csrf_of "$BODY")
	JAR=lan.jar as /partners/1/record/issue.raise --data-urlencode "csrf=$csrf" --data-urlencode title=x \
		--data-urlencode severity=minor --data-urlencode responsible=partner --data-urlencode disclosure=self \
		--data-urlencode at=2026-11-25T09:00
	[ "$STATUS" = 404 ]
	# partner 1's entities named on partner 2's forms: in the address and in a POST
	JAR=lan.jar as "/partners/2/record/commitment.keep?commitment=$C1"
	[ "$STATUS" = 404 ]
	cp "$BODY" foreign.html
	JAR=lan.jar as "/partners/2/record/commitment.keep?commitment=999999"
	[ "$STATUS" = 404 ]
	diff <(sed 's/value="[^"]*"/V/g' foreign.html) <(sed 's/value="[^"]*"/V/g' "$BODY")
	JAR=lan.jar as "/partners/2/record/commitment.keep?commitment=abc"
	[ "$STATUS" = 404 ]
	JAR=lan.jar as "/partners/2/record/visit.add?met=$P1"
	[ "$STATUS" = 404 ]
	JAR=lan.jar as /partners/2/record/commitment.keep --data-urlencode "csrf=$csrf" --data-urlencode "commitment=$C1" \
		--data-urlencode at=2026-11-25T09:00
	[ "$STATUS" = 404 ]
	JAR=lan.jar as /partners/2/record/visit.add --data-urlencode "csrf=$csrf" --data-urlencode by=partner \
		--data-urlencode date=2026-11-20 --data-urlencode "met=$P1" --data-urlencode at=2026-11-25T09:00
	[ "$STATUS" = 404 ]
	run ! grep -qF 'Chen' "$BODY"
	[ "$(db_query "SELECT count(*) FROM events WHERE rel = 2 AND seq > 1")" = 0 ]
	# an entity of its own, named in the address, is chosen in the form
	login "$FACTORY"
	as "/partners/1/record/commitment.keep?commitment=$C1"
	[ "$STATUS" = 200 ]
	grep -qF "<option value=\"$C1\" selected>#$C1 Ship samples (due 2026-12-09, Dongguan Evergreen Knitwear)</option>" "$BODY"
	# the kinds without a form, and none at all
	for kind in relationship.open settings weights.set correct nonsense contact.add update; do
		as "/partners/1/record/$kind"
		[ "$STATUS" = 404 ] || { echo "$kind: $STATUS" >&2; return 1; }
	done
	# the contact's form is also one of them
	as /partners/1/record/contact
	[ "$STATUS" = 200 ]
	grep -qF '<h1>Log a contact with Dongguan Evergreen Knitwear</h1>' "$BODY"
}

@test "a POST without the CSRF field, or another session's, answers 403 and writes nothing" {
	setup_users
	start_server --threads 1
	JAR=other.jar login "$FACTORY"
	JAR=other.jar as /
	others=$(csrf_of "$BODY")
	login "$BUYER"
	events=$(db_query "SELECT count(*) FROM events")
	for token in "" "$others" x; do
		as /partners/1/record/greet --data-urlencode by=buyer --data-urlencode occasion=Diwali \
			--data-urlencode at=2026-11-25T09:00 ${token:+--data-urlencode "csrf=$token"}
		[ "$STATUS" = 403 ]
		grep -qF 'This form has expired or did not come from this site.' "$BODY"
	done
	[ "$(db_query "SELECT count(*) FROM events")" = "$events" ]
}

@test "<script> typed into every text field is inert on the refused form and on the relationship page" {
	setup_users
	start_server --threads 1
	X='<script>alert(1)</script>'
	for who in "$BUYER" "$FACTORY"; do
		JAR=$BATS_TEST_TMPDIR/$who.jar login "$who"
	done
	# every form, each text field and textarea holding it, refused ("when" left empty)
	forms=0
	for kind in "${!FIELDS[@]}"; do
		[[ " $PARTNER_ONLY " == *" $kind "* ]] && JAR=$BATS_TEST_TMPDIR/$FACTORY.jar || JAR=$BATS_TEST_TMPDIR/$BUYER.jar
		as "/partners/1/record/$kind"
		texts=$(sed -n 's/.*<\(input type="text"\|textarea\) id="f-\([a-z_]*\)".*/\2/p' "$BODY")
		args=()
		for f in $texts; do args+=("$f=$X"); done
		[ "${#args[@]}" -gt 0 ] || continue
		post_form "/partners/1/record/$kind" "${args[@]}" at=
		[ "$STATUS" = 400 ] || { echo "$kind: $STATUS" >&2; return 1; }
		run ! grep -qF '<script>' "$BODY"
		for f in $texts; do
			grep -qF "id=\"f-$f\"" "$BODY"
			[ "$(grep -cF '&lt;script&gt;alert(1)&lt;/script&gt;' "$BODY")" -ge 1 ]
		done
		n=$(grep -oF '&lt;script&gt;alert(1)&lt;/script&gt;' "$BODY" | wc -l)
		[ "$n" -ge "$(wc -w <<<"$texts")" ] || { echo "$kind: $n of $(wc -w <<<"$texts") kept" >&2; return 1; }
		forms=$((forms + 1))
	done
	[ "$forms" -ge 19 ] # every kind with a text field
	# recorded with it, then shown on the relationship page and in the next forms' lists
	JAR=$BATS_TEST_TMPDIR/$FACTORY.jar
	record person.add side=partner "name=$X" role=qc
	record commitment.add side=partner "what=$X" due=2026-12-09 "milestone=$X"
	record issue.raise "title=$X" severity=minor responsible=partner disclosure=self "note=$X"
	record update.submit status=on_track progress=5 "next=$X" "blockers=$X" "needs=$X"
	record greet by=partner "occasion=$X" "note=$X"
	record closure.add from=2027-01-25 to=2027-01-26 "reason=$X"
	record contact by=partner kind=call "note=$X"
	JAR=$BATS_TEST_TMPDIR/$BUYER.jar
	record spec.publish "style=$X" "version=$X" production_start=2027-02-10
	record spec.change "style=$X" "what=$X"
	record payment.due amount=1.00 currency=USD due=2026-12-20 "label=$X"
	as /partners/1
	[ "$STATUS" = 200 ]
	grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$BODY"
	run ! grep -qF '<script>' "$BODY"
	for kind in visit.add commitment.keep issue.ack payment.paid suggestion.add; do
		as "/partners/1/record/$kind"
		grep -qF '&lt;script&gt;alert(1)&lt;/script&gt;' "$BODY"
		run ! grep -qF '<script>' "$BODY"
	done
	run rapport verify
	[ "$status" -eq 0 ]
}

@test "the forms in Chinese: labels, choices, buttons and the refusal" {
	setup_users
	add_user partner:1 wang@evergreen.example member zh-CN
	start_server --threads 1
	login wang@evergreen.example
	as /partners/1/record
	grep -qF '<h1>记录事项</h1>' "$BODY"
	grep -qF '<h2>问题与整改</h2>' "$BODY"
	grep -qF '<a href="/partners/1/record/update.submit">提交进度更新</a>' "$BODY"
	as /partners/1/record/issue.raise
	grep -qF '<label for="f-title">出了什么问题</label>' "$BODY"
	grep -qF '<option value="self">由责任方主动披露</option>' "$BODY"
	grep -qF '<option value="critical">严重</option>' "$BODY"
	grep -qF '<button type="submit">提出问题</button>' "$BODY"
	post_form /partners/1/record/update.submit status= progress=40 at=2026-11-25T17:00
	[ "$STATUS" = 400 ]
	grep -qF '<p class="notice" role="alert">未能记录，请查看下方的提示。</p>' "$BODY"
	grep -qF '<p class="error" id="f-status-err">请选择一项。</p>' "$BODY"
	grep -qF '<option value="at_risk">有风险</option>' "$BODY"
}
