#!/usr/bin/env bats
# rapport user: who may log in to the web app. The password printed once
# logs in (rapport user check) and is stored only as an argon2id hash at
# libsodium's interactive cost; bad input exits 2 naming the option and
# writes nothing; a new password or disabling a user ends their sessions;
# users are not ledger events; the demo prints logins that work.

load helper

# The password `rapport user add ... --json` printed.
add_user() {
	rapport user add --json "$@" | json_get '["password"]'
}

# A session row for user $1, as the web app writes them.
add_session() {
	db_query "INSERT INTO sessions (token_hash, user_id, created, expires, csrf_key)
		VALUES ('$(openssl rand -hex 32)', $1, 1795600800, 1796205600, '$(openssl rand -hex 32)')"
}

sessions() {
	db_query "SELECT count(*) FROM sessions WHERE user_id = $1"
}

@test "user add prints a password that logs in once; only its argon2id hash is kept" {
	init_db
	run --separate-stderr rapport user add --org buyer --email Maya@LindenRowe.example --role admin
	[ "$status" -eq 0 ]
	[ "${lines[0]}" = "user 1 added: Maya@LindenRowe.example, admin at buyer (Linden & Rowe)" ]
	[[ "${lines[1]}" =~ ^password:\ ([2-9a-hjkmnp-z]{4}-){4}[2-9a-hjkmnp-z]{4}$ ]]
	pw=${lines[1]#password: }
	run rapport user check --email maya@lindenrowe.example <<<"$pw"
	[ "$status" -eq 0 ]
	[ "$output" = "" ]
	run --separate-stderr rapport user check --email maya@lindenrowe.example <<<"${pw}x"
	[ "$status" -eq 1 ]
	[ "$stderr" = "rapport: Maya@LindenRowe.example: wrong password" ]
	# the hash, at 2 passes over 64 MiB, and nowhere the password
	[[ "$(db_query 'SELECT password FROM users')" == '$argon2id$v=19$m=65536,t=2,p=1$'* ]]
	[ "$(dump | grep -cF "$pw")" = "0" ]
	[ "$(rapport user list | grep -cF "$pw")" = "0" ]
	[ "$(rapport user list --json | grep -cF 'argon2')" = "0" ]
}

@test "user list shows each user's organisation, role and language, buyer users first" {
	init_db
	add_user --org partner:1 --email chen.jing@evergreen.example --role member --lang zh-CN >/dev/null
	add_user --org buyer --email tom@lindenrowe.example --role viewer >/dev/null
	run rapport user list --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v' '[
		{"id": 2, "email": "tom@lindenrowe.example", "org": "buyer", "partner": null,
		 "org_name": "Linden & Rowe", "role": "viewer", "lang": null,
		 "created": "2026-11-25T10:00:00Z", "disabled": false},
		{"id": 1, "email": "chen.jing@evergreen.example", "org": "partner:1", "partner": 1,
		 "org_name": "Dongguan Evergreen Knitwear", "role": "member", "lang": "zh-CN",
		 "created": "2026-11-25T10:00:00Z", "disabled": false}]'
	run rapport user list
	[ "${lines[0]}" = "ID  EMAIL                        ORG        NAME                         ROLE    LANG   CREATED     STATUS" ]
	[ "${lines[1]}" = "2   tom@lindenrowe.example       buyer      Linden & Rowe                viewer  -      2026-11-25  active" ]
	[ "${lines[2]}" = "1   chen.jing@evergreen.example  partner:1  Dongguan Evergreen Knitwear  member  zh-CN  2026-11-25  active" ]
	run rapport user add --json --org partner:1 --email lan@evergreen.example --role admin
	echo "$output" | json_is '{k: v[k] for k in v if k != "password"}' \
		'{"id": 3, "email": "lan@evergreen.example", "org": "partner:1", "partner": 1, "role": "admin", "lang": null}'
}

@test "an empty list says how to add a user" {
	init_db
	run rapport user list
	[ "$output" = "No users yet. Add one with: rapport user add --org buyer --email E --role admin" ]
	run rapport user list --json
	[ "$output" = "[]" ]
}

@test "bad input exits 2 naming the option and adds nobody" {
	init_db
	add_user --org buyer --email maya@lindenrowe.example --role admin >/dev/null
	refuses 2 '--org: no partner with id 2 (see rapport partner list)' \
		user add --org partner:2 --email x@evergreen.example --role admin
	refuses 2 '--org: buyer or partner:ID (e.g. partner:1): "factory"' \
		user add --org factory --email x@evergreen.example --role admin
	refuses 2 '--org: buyer or partner:ID (e.g. partner:1): "partner:0"' \
		user add --org partner:0 --email x@evergreen.example --role admin
	refuses 2 '--email: not an e-mail address (name@example.com): "maya@lindenrowe"' \
		user add --org buyer --email maya@lindenrowe --role admin
	refuses 2 '--email: not an e-mail address (name@example.com): "maya lindenrowe.example"' \
		user add --org buyer --email "maya lindenrowe.example" --role admin
	refuses 2 '--email: user 1 already has the e-mail address "maya@lindenrowe.example"' \
		user add --org partner:1 --email MAYA@LindenRowe.Example --role viewer
	refuses 2 '--role: admin, member or viewer: "owner"' \
		user add --org buyer --email x@lindenrowe.example --role owner
	refuses 2 '--lang: en or zh-CN: "zh"' \
		user add --org buyer --email x@lindenrowe.example --role member --lang zh
	refuses 2 '--email: required' user add --org buyer --role member
	refuses 2 '--email: no user with the e-mail address "x@lindenrowe.example" (see rapport user list)' \
		user disable --email x@lindenrowe.example
	refuses 2 '--email: no user with the e-mail address "x@lindenrowe.example"' \
		user passwd --email x@lindenrowe.example --generate
	run --separate-stderr rapport user check --email x@lindenrowe.example <<<"whatever"
	[ "$status" -eq 2 ]
	[ "$(db_query 'SELECT count(*) FROM users')" = "1" ]
}

@test "without a database there is nobody to add" {
	sqlite_only "checks that no SQLite file was made"
	refuses 2 "--db: no database at $RAPPORT_DB (create one with: rapport init)" \
		user add --org buyer --email x@lindenrowe.example --role admin
	no_database
}

@test "user passwd reads the new password from stdin, checks it and ends the user's sessions" {
	init_db
	old=$(add_user --org buyer --email maya@lindenrowe.example --role admin)
	add_session 1
	add_session 1
	[ "$(sessions 1)" = "2" ]
	refuses 2 'stdin: a password needs at least 12 characters (this one has 11)' \
		user passwd --email maya@lindenrowe.example <<<"abcdefghijk"
	refuses 2 'stdin: no password (give it on standard input, or use --generate)' \
		user passwd --email maya@lindenrowe.example </dev/null
	refuses 2 'stdin: the password holds a control character (byte 7)' \
		user passwd --email maya@lindenrowe.example < <(printf 'correct\thorse battery\n')
	run rapport user passwd --email maya@lindenrowe.example <<<"绿色毛衣在东莞的工厂里编织"
	[ "$status" -eq 0 ]
	[ "$output" = "password changed for maya@lindenrowe.example" ]
	[ "$(sessions 1)" = "0" ]
	run rapport user check --email maya@lindenrowe.example <<<"$old"
	[ "$status" -eq 1 ]
	rapport user check --email maya@lindenrowe.example <<<"绿色毛衣在东莞的工厂里编织"
	# CRLF line ends (a file written on Windows) are not part of the password
	printf 'correct horse battery staple\r\n' | rapport user passwd --email maya@lindenrowe.example >/dev/null
	rapport user check --email maya@lindenrowe.example <<<"correct horse battery staple"
}

@test "user passwd --generate prints a new random password" {
	init_db
	old=$(add_user --org buyer --email maya@lindenrowe.example --role admin)
	add_session 1
	run rapport user passwd --email maya@lindenrowe.example --generate
	[ "$status" -eq 0 ]
	[[ "$output" =~ ^password:\ ([2-9a-hjkmnp-z]{4}-){4}[2-9a-hjkmnp-z]{4}$ ]]
	new=${output#password: }
	[ "$new" != "$old" ]
	[ "$(sessions 1)" = "0" ]
	rapport user check --email maya@lindenrowe.example <<<"$new"
	run rapport user check --email maya@lindenrowe.example <<<"$old"
	[ "$status" -eq 1 ]
	run rapport user passwd --email maya@lindenrowe.example --generate --json
	echo "$output" | json_is 'sorted(v)' '["email", "id", "password"]'
	echo "$output" | json_is 'v["id"]' '1'
}

@test "a disabled user cannot log in and loses their sessions until enabled again" {
	init_db
	pw=$(add_user --org partner:1 --email chen.jing@evergreen.example --role admin)
	add_session 1
	run rapport user disable --email Chen.Jing@evergreen.example
	[ "$status" -eq 0 ]
	[ "$output" = "disabled: chen.jing@evergreen.example" ]
	[ "$(sessions 1)" = "0" ]
	run --separate-stderr rapport user check --email chen.jing@evergreen.example <<<"$pw"
	[ "$status" -eq 1 ]
	[ "$stderr" = "rapport: chen.jing@evergreen.example: the password is right but the user is disabled" ]
	rapport user list --json | json_is 'v[0]["disabled"]' 'true'
	[ "$(rapport user list | awk 'NR == 2 {print $NF}')" = "disabled" ]
	run rapport user enable --email chen.jing@evergreen.example --json
	echo "$output" | json_is 'v' '{"id": 1, "email": "chen.jing@evergreen.example", "disabled": false}'
	rapport user check --email chen.jing@evergreen.example <<<"$pw"
}

@test "users are not ledger events: the chain, verify and rebuild leave them alone" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	init_db
	before=$(sqlite3 "$RAPPORT_DB" 'SELECT count(*) || hex(head_hash) FROM relationships')
	add_user --org buyer --email maya@lindenrowe.example --role admin >/dev/null
	add_user --org partner:1 --email chen.jing@evergreen.example --role member >/dev/null
	rapport user disable --email chen.jing@evergreen.example >/dev/null
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT count(*) || hex(head_hash) FROM relationships')" = "$before" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT count(*) FROM events')" = "1" ]
	rapport verify >/dev/null
	users=$(sqlite3 "$RAPPORT_DB" 'SELECT * FROM users')
	rapport rebuild >/dev/null
	[ "$(sqlite3 "$RAPPORT_DB" 'SELECT * FROM users')" = "$users" ]
}

@test "a database of schema version 5 gains the user tables when opened" {
	sqlite_only "reads or alters the SQLite file with sqlite3"
	init_db
	latest=$(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version')
	# back to version 5: without the user tables (6), the verifiable record's (7),
	# the API's (8), the web app's keys (9), the people's index (10) and the
	# orders' records' (11)
	sqlite3 "$RAPPORT_DB" 'DROP INDEX commitments_order; DROP INDEX payments_order; DROP INDEX people_rel; DROP TABLE web_keys; DROP TABLE api_idempotency; DROP TABLE api_tokens;
		DROP TABLE login_attempts; DROP TABLE sessions; DROP TABLE users;
		DROP TABLE checkpoint_signatures; DROP TABLE checkpoints; DROP TABLE org_keys;
		DROP TABLE merkle_nodes; DROP TABLE merkle_trees; PRAGMA user_version = 5'
	run rapport user list --json
	[ "$status" -eq 0 ]
	[ "$output" = "[]" ]
	[ "$(sqlite3 "$RAPPORT_DB" 'PRAGMA user_version')" = "$latest" ]
	add_user --org buyer --email maya@lindenrowe.example --role admin >/dev/null
}

@test "the demo prints its web logins, and each logs in with the demo password" {
	run rapport demo --today 2026-11-25
	[ "$status" -eq 0 ]
	[[ "$output" == *"Web logins (rapport serve), all with the password rapport-demo:"* ]]
	[[ "$output" == *"  maya@lindenrowe.example        admin at Linden & Rowe"* ]]
	[[ "$output" == *"  tom@lindenrowe.example         viewer at Linden & Rowe"* ]]
	[[ "$output" == *"  chen.jing@evergreen.example    admin at Dongguan Evergreen Knitwear Co., Ltd."* ]]
	[[ "$output" == *"  lan.nguyen@saigonloom.example  admin at Saigon Loom Garments JSC"* ]]
	[[ "$output" == *"  rahim.uddin@padmaknit.example  admin at Padma Knit Composite Ltd."* ]]
	for email in maya@lindenrowe.example tom@lindenrowe.example chen.jing@evergreen.example \
		lan.nguyen@saigonloom.example rahim.uddin@padmaknit.example; do
		rapport user check --email "$email" <<<"rapport-demo" || { echo "$email does not log in" >&2; return 1; }
	done
	rapport user list --json | json_is '[(u["email"], u["org"], u["role"], u["lang"]) for u in v]' '[
		["maya@lindenrowe.example", "buyer", "admin", "en"],
		["tom@lindenrowe.example", "buyer", "viewer", "en"],
		["chen.jing@evergreen.example", "partner:1", "admin", "zh-CN"],
		["lan.nguyen@saigonloom.example", "partner:2", "admin", null],
		["rahim.uddin@padmaknit.example", "partner:3", "admin", null]]'
	# one hash for all of them, made once
	[ "$(db_query 'SELECT count(DISTINCT password) FROM users')" = "1" ]
}

@test "a scaled demo has an admin per partner and lists the first logins" {
	run rapport demo --today 2026-11-25 --scale 2 --json
	[ "$status" -eq 0 ]
	echo "$output" | json_is 'v["password"]' '"rapport-demo"'
	echo "$output" | json_is '[l["email"] for l in v["logins"]][5:]' \
		'["chen.jing+2@evergreen.example", "lan.nguyen+2@saigonloom.example", "rahim.uddin+2@padmaknit.example"]'
	[ "$(db_query "SELECT partner FROM users WHERE email = 'rahim.uddin+2@padmaknit.example'")" = "6" ]
	run rapport user check --email lan.nguyen+2@saigonloom.example <<<"rapport-demo"
	[ "$status" -eq 0 ]
}
