#!/usr/bin/env bats
# The web app's languages: the Simplified Chinese catalog is complete and
# current, and a page is written in the user's setting, else the language
# switch's choice, else the browser's Accept-Language, else English, with
# dates, numbers and country names as that language writes them.

load helper

ROOT=$BATS_TEST_DIRNAME/../..

@test "po/zh_CN.po translates every message: none untranslated, none fuzzy" {
	run --separate-stderr msgfmt --check --statistics -o /dev/null "$ROOT/po/zh_CN.po"
	[ "$status" -eq 0 ]
	echo "$stderr"
	[[ "$stderr" =~ ^([0-9]+)\ translated\ messages\.$ ]]
	# every message of the template is in it
	n=$(msgattrib --no-obsolete "$ROOT/po/rapport.pot" | grep -c '^msgid "..*"\|^msgid ""$' || true)
	[ "${BASH_REMATCH[1]}" -ge $((n - 1)) ]
	# no empty translation hides in a plural form either
	run msgattrib --untranslated --no-obsolete "$ROOT/po/zh_CN.po"
	[ -z "$output" ]
	run msgattrib --only-fuzzy --no-obsolete "$ROOT/po/zh_CN.po"
	[ -z "$output" ]
}

@test "the catalogs hold every string the web app's sources mark for translation" {
	# extracted afresh as `make po` does: a string added to a page without
	# its translation fails here
	opts=$(make -s --no-print-directory -C "$ROOT" -f Makefile -f - <<<'print-xgettext-opts: ; @echo $(XGETTEXT_OPTS)' print-xgettext-opts)
	[ -n "$opts" ]
	# shellcheck disable=SC2086
	srcs=$(make -s --no-print-directory -C "$ROOT" -f Makefile -f - <<<'print-po-srcs: ; @echo $(PO_SRCS)' print-po-srcs)
	[[ "$srcs" == *src/web/page_home.c*src/agenda.c* ]]
	# shellcheck disable=SC2086
	(cd "$ROOT" && xgettext $opts -o "$BATS_TEST_TMPDIR/now.pot" $srcs)
	run msgcmp --use-untranslated "$ROOT/po/rapport.pot" "$BATS_TEST_TMPDIR/now.pot"
	echo "$output"
	[ "$status" -eq 0 ]
	run msgcmp "$ROOT/po/zh_CN.po" "$BATS_TEST_TMPDIR/now.pot"
	echo "$output"
	[ "$status" -eq 0 ]
}

@test "GET /login with Accept-Language: zh-CN is in Chinese" {
	init_db
	start_server --threads 1
	get /login -H 'Accept-Language: zh-CN'
	[ "$STATUS" = 200 ]
	grep -qF '<html lang="zh-CN">' "$BODY"
	grep -qF '<title>登录 - Rapport</title>' "$BODY"
	grep -qF '<h1>登录</h1>' "$BODY"
	grep -qF '<label for="f-email">邮箱地址</label>' "$BODY"
	grep -qF '<label for="f-password">密码</label>' "$BODY"
	grep -qF '<button type="submit">登录</button>' "$BODY"
	grep -qF '<label for="lang-switch">语言</label>' "$BODY"
	grep -qF '<option value="zh-CN" lang="zh-CN" selected>中文（简体）</option>' "$BODY"
	run ! grep -qF 'Password' "$BODY"
	# an error page too
	get /nowhere -H 'Accept-Language: zh-CN'
	[ "$STATUS" = 404 ]
	grep -qF '<h1>404 页面不存在</h1>' "$BODY"
	grep -qF '此网址没有对应的页面。' "$BODY"
}

@test "Accept-Language: the highest q-value among the languages offered wins; others fall back to English" {
	init_db
	start_server --threads 2
	lang_of() {
		get /login -H "Accept-Language: $1"
		sed -n 's/^<html lang="\([^"]*\)">$/\1/p' "$BODY"
	}
	[ "$(lang_of 'zh-CN,zh;q=0.9,en;q=0.8')" = zh-CN ]
	[ "$(lang_of 'en-GB,en;q=0.9,zh-CN;q=0.8')" = en ]
	[ "$(lang_of 'fr-FR, en;q=0.5, zh;q=0.7')" = zh-CN ]
	[ "$(lang_of 'fr-FR, zh;q=0.4, en;q=0.5')" = en ]
	[ "$(lang_of 'zh-Hans-CN')" = zh-CN ]
	[ "$(lang_of 'ZH-cn')" = zh-CN ]
	[ "$(lang_of 'zh-TW')" = en ]
	[ "$(lang_of 'zh-TW, zh-CN;q=0.5')" = zh-CN ]
	[ "$(lang_of 'zh-CN;q=0, en;q=0.1')" = en ]
	[ "$(lang_of 'zh-CN;q=0')" = en ]
	[ "$(lang_of 'fr, de')" = en ]
	[ "$(lang_of '*')" = en ]
	[ "$(lang_of ';;,,=q')" = en ]
	get /login
	grep -qF '<html lang="en">' "$BODY"
}

@test "the language switch: a cookie before sign-in, the user's setting after, which then wins" {
	init_db
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	JAR=$BATS_TEST_TMPDIR/jar
	# before sign-in: the choice is remembered in a cookie and beats the browser
	post_from /login /lang lang=zh-CN next=/login
	[ "$STATUS" = 303 ]
	[ "$(header location)" = /login ]
	[ "$(header set-cookie)" = "rapport_lang=zh-CN; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax" ]
	as /login -H 'Accept-Language: en'
	grep -qF '<h1>登录</h1>' "$BODY"
	# the next it goes back to must be a path here
	post_from /login /lang lang=zh-CN next=//evil.example/
	[ "$(header location)" = / ]
	post_from /login /lang lang=fr next=/
	[ "$STATUS" = 400 ]
	# signed in, a switch to English is stored as the user's setting
	login maya@lindenrowe.example
	post_from / /lang lang=en next=/
	[ "$STATUS" = 303 ]
	run rapport user list --json
	[ "$(jsonq 'x[0]["lang"]' <<<"$output")" = en ]
	# and the setting wins over both the cookie and the browser
	as / -H 'Accept-Language: zh-CN' -H 'Cookie: rapport_lang=zh-CN'
	grep -qF '<html lang="en">' "$BODY"
}

@test "a user set to zh-CN gets the dashboard in Chinese: headings, dates and country names" {
	init_db
	rapport partner add --name "Saigon Loom Garments" --country VN --tz Asia/Ho_Chi_Minh >/dev/null
	add_user partner:1 chen.jing@evergreen.example member zh-CN
	add_user buyer maya@lindenrowe.example member zh-CN
	start_server --threads 1
	login chen.jing@evergreen.example
	as / -H 'Accept-Language: en'
	[ "$STATUS" = 200 ]
	grep -qF '<title>概览 - Rapport</title>' "$BODY"
	grep -qF '<h2>合作关系</h2>' "$BODY"
	grep -qF '<th>名称</th><th>国家/地区</th><th>城市</th><th>合作始于</th><th>工厂得分</th><th>品牌方得分</th><th>上次联系</th><th>待办</th><th>操作</th>' "$BODY"
	# RAPPORT_NOW 10:00 UTC is 18:00 in Dongguan, the same day; the factory's
	# agenda holds the first weekly update and the first contact
	row=$(grep '^<tr><td><a href="/partners/1">' "$BODY" | perl -pe 's/ <svg[^>]*>.*?<\/svg>//g; s/<td class="score".*?<\/td>//g')
	[ "$row" = '<tr><td><a href="/partners/1">Dongguan Evergreen Knitwear</a></td><td>中国</td><td>Dongguan</td><td>2026年11月25日</td><td class="gap gap-ok" data-days="0">0 天前<br><span class="hint">联系正常</span></td><td class="agenda"><a href="/agenda?partner=1"><span class="overdue" data-count="0">0 项逾期</span>, <span class="due" data-count="0">0 项到期</span>, <span class="upcoming" data-count="2">2 项即将到期</span></a></td><td><a href="/partners/1/contact">记录联系</a></td></tr>' ]
	# the sparklines' labels are in Chinese too
	grep -qF '<title>Dongguan Evergreen Knitwear：工厂得分，最近 12 周</title>' "$BODY"
	grep -qF '<a href="/" aria-current="page">概览</a>' "$BODY"
	grep -qF '<button type="submit">退出登录</button>' "$BODY"
	JAR=maya.jar login maya@lindenrowe.example
	JAR=maya.jar as /
	grep -qF '<h2>合作工厂</h2>' "$BODY"
	grep -qF '<td>越南</td>' "$BODY"
	# the contact form and its refusals are in Chinese too
	JAR=maya.jar post_form /partners/1/contact by=buyer kind=call at=
	grep -qF '<label for="f-by">由哪一方联系</label>' "$BODY"
	grep -qF '<option value="video">视频通话</option>' "$BODY"
	grep -qF '<p class="notice" role="alert">联系未能记录，请查看下方的提示。</p>' "$BODY"
	grep -qF '<p class="error" id="f-at-err">请填写联系的时间。</p>' "$BODY"
}

@test "the login limit is told in Chinese with the minutes left" {
	init_db
	add_user buyer maya@lindenrowe.example member
	start_server --threads 1
	for i in 1 2 3 4 5; do
		login maya@lindenrowe.example "wrong password $i"
	done
	get /login -c "$JAR" -b "$JAR" -H 'Accept-Language: zh-CN'
	get /login -b "$JAR" -H 'Accept-Language: zh-CN' --data-urlencode email=maya@lindenrowe.example \
		--data-urlencode "password=$PASSWORD" --data-urlencode "csrf=$(csrf_of "$BODY")"
	[ "$STATUS" = 429 ]
	grep -qF '<p class="notice" role="alert">登录失败次数过多，请15分钟后再试。</p>' "$BODY"
	# and the wrong password in Chinese
	add_user buyer tom@lindenrowe.example member
	get /login -c t.jar -b t.jar -H 'Accept-Language: zh-CN'
	get /login -b t.jar -H 'Accept-Language: zh-CN' --data-urlencode email=tom@lindenrowe.example \
		--data-urlencode password=nope --data-urlencode "csrf=$(csrf_of "$BODY")"
	grep -qF '邮箱地址或密码错误。' "$BODY"
}

@test "without its catalogs the server says so and serves English" {
	init_db
	mkdir empty
	RAPPORT_LOCALEDIR=$PWD/empty start_server --threads 1
	grep -q ' warn RAPPORT_LOCALEDIR holds no compiled catalogs' "$LOG"
	get /login -H 'Accept-Language: zh-CN'
	[ "$STATUS" = 200 ]
	grep -qF '<html lang="en">' "$BODY"
	grep -qF '<h1>Sign in</h1>' "$BODY"
	stop_server
	# and a directory that has them is used
	RAPPORT_LOCALEDIR=$ROOT/build/locale start_server --threads 1
	run ! grep -q ' warn ' "$LOG"
	get /login -H 'Accept-Language: zh-CN'
	grep -qF '<h1>登录</h1>' "$BODY"
}
