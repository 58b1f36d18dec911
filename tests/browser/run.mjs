// run.mjs - the web app in a real browser: Debian's chromium, driven by
// playwright-core, against a real `rapport serve` (the ASan build, $RAPPORT)
// on a demo database with the clock pinned. Each scenario signs in through
// the sign-in form and works the pages as a person would; every page it
// visits is saved as a full-page screenshot in build/browser-shots/ (or
// $BROWSER_SHOTS). Prints TAP (ok / not ok / # SKIP), which tests/run
// counts; exits 1 when a test failed. The server and the browser are
// stopped at the end whatever happened.
//
//   node tests/browser/run.mjs [FILTER]   runs the scenarios whose name holds FILTER

import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { chromium } from 'playwright-core';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const RAPPORT = process.env.RAPPORT || path.join(ROOT, 'build/asan/rapport');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = path.resolve(process.env.BROWSER_SHOTS || path.join(ROOT, 'build/browser-shots'));
const NOW = '2026-11-25T10:00:00Z'; // the demo's last day, 10:00 in London (UTC in November)
const PASSWORD = 'rapport-demo';
const BUYER = 'maya@lindenrowe.example';
const FACTORY = 'chen.jing@evergreen.example'; // partner 1, language zh-CN
const PHONE = { width: 390, height: 844 };

// --- the Simplified Chinese catalog, to know what the pages should say ----------

/* msgid -> msgstr (the first form of a plural) of a .po file. */
function readPo(file) {
	const out = new Map();
	const str = (lines) => lines.map((l) => JSON.parse(l.replace(/^[a-z_[\]0-9]+ /, ''))).join('');
	for (const entry of fs.readFileSync(file, 'utf8').split(/\n\s*\n/)) {
		const lines = entry.split('\n').filter((l) => l && !l.startsWith('#'));
		const parts = {};
		let cur = null;
		for (const l of lines) {
			const m = /^(msgid_plural|msgid|msgstr(?:\[0\])?|msgstr\[\d+\]) /.exec(l);
			if (m) cur = m[1];
			if (cur) (parts[cur] ||= []).push(l);
		}
		if (parts.msgid) out.set(str(parts.msgid), str(parts.msgstr || parts['msgstr[0]'] || ['""']));
	}
	return out;
}
const ZH = readPo(path.join(ROOT, 'po/zh_CN.po'));
function zh(msgid) {
	const s = ZH.get(msgid);
	assert.ok(s, `po/zh_CN.po translates "${msgid}"`);
	return s;
}

// --- the server ----------------------------------------------------------------

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'rapport-browser-'));
const db = path.join(tmp, 'demo.db');
const env = {
	...process.env,
	RAPPORT_NOW: NOW,
	RAPPORT_AUTHOR: 'Browser tests',
	LSAN_OPTIONS: process.env.LSAN_OPTIONS || `suppressions=${path.join(ROOT, 'tests/lsan.supp')}:print_suppressions=0`,
};
delete env.TZ;
delete env.RAPPORT_DB;

function makeDemo() {
	const r = spawnSync(RAPPORT, ['demo', '--db', db, '--today', NOW.slice(0, 10)], { env, encoding: 'utf8' });
	if (r.status !== 0) throw new Error(`rapport demo exited ${r.status}: ${r.stderr}${r.error || ''}`);
}

/* Starts `rapport serve` on a port the kernel picks; resolves to
 * { url, proc, log, exited } once /healthz answers. */
async function startServer() {
	const logFile = path.join(tmp, 'server.log');
	const proc = spawn(RAPPORT, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--threads', '2'], {
		env,
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	const srv = { proc, log: '', logFile, url: null, status: null, signal: null };
	srv.exited = new Promise((resolve) =>
		proc.on('exit', (code, signal) => {
			srv.status = code;
			srv.signal = signal;
			resolve();
		}),
	);
	proc.on('error', (e) => (srv.log += `spawn: ${e.message}\n`));
	proc.stderr.on('data', (d) => {
		srv.log += d;
		fs.appendFileSync(logFile, d);
	});
	for (let i = 0; i < 400 && !srv.url; i++) {
		const m = /info listening on (http:\/\/127\.0\.0\.1:\d+) /.exec(srv.log);
		if (m) srv.url = m[1];
		else if (srv.status !== null || srv.signal) break;
		else await sleep(50);
	}
	if (!srv.url) throw new Error(`rapport serve never said where it listens:\n${srv.log}`);
	for (let i = 0; i < 200; i++) {
		try {
			const res = await fetch(`${srv.url}/healthz`);
			if (res.ok) return srv;
		} catch {
			/* not yet */
		}
		await sleep(50);
	}
	throw new Error(`${srv.url}/healthz never answered`);
}

async function stopServer(srv) {
	if (!srv || srv.status !== null || srv.signal) return;
	srv.proc.kill('SIGTERM');
	const timer = setTimeout(() => srv.proc.kill('SIGKILL'), 15000);
	await srv.exited;
	clearTimeout(timer);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// --- what every scenario does ----------------------------------------------------

class Skip extends Error {}

/* The context a scenario works in: its browser context's pages, a
 * screenshot of each page visited, and the server's address. */
class Scenario {
	constructor(n, browser, url) {
		this.n = n;
		this.browser = browser;
		this.url = url;
		this.contexts = [];
		this.shots = 0;
	}

	async context(options = {}) {
		const c = await this.browser.newContext({ locale: 'en-GB', ...options });
		c.setDefaultTimeout(20000);
		this.contexts.push(c);
		return c;
	}

	async page(options) {
		return (await this.context(options)).newPage();
	}

	/* A full-page screenshot: NN-MM-label.png. */
	async shot(page, label) {
		this.shots++;
		const name = `${String(this.n).padStart(2, '0')}-${String(this.shots).padStart(2, '0')}-${label}.png`;
		await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
	}

	/* Goes to a path of the site and checks the answer. */
	async goto(page, p, label, status = 200) {
		const res = await page.goto(this.url + p);
		assert.equal(res.status(), status, `GET ${p}`);
		await this.shot(page, label);
		return res;
	}

	/* Submits the form holding the button, waits for the page it leads to
	 * and screenshots it; returns the response. */
	async submit(page, button, label) {
		const [res] = await Promise.all([page.waitForNavigation(), page.locator(button).click()]);
		await this.shot(page, label);
		return res;
	}

	/* Signs in through the form, as a person does; lands on the dashboard. */
	async signIn(page, email) {
		await this.goto(page, '/login', 'login');
		await page.locator('#f-email').fill(email);
		await page.locator('#f-password').fill(PASSWORD);
		const res = await this.submit(page, 'main form button[type=submit]', 'dashboard');
		assert.equal(res.status(), 200);
		assert.equal(new URL(page.url()).pathname, '/', 'the sign-in leads to the dashboard');
	}

	/* Opens partner id's relationship page from where the page is: its
	 * link when the page has one, else by its address. */
	async openPartner(page, id, label) {
		const link = page.locator(`main a[href="/partners/${id}"]`).first();
		if (await link.count()) {
			const res = await this.submit(page, `main a[href="/partners/${id}"] >> nth=0`, label);
			assert.equal(res.status(), 200);
		} else {
			await this.goto(page, `/partners/${id}`, label);
		}
		assert.equal(new URL(page.url()).pathname, `/partners/${id}`);
	}

	async close() {
		for (const c of this.contexts) await c.close().catch(() => {});
	}
}

/* The contact-gap clock on a relationship page. */
async function gapClock(page) {
	const gap = page.locator('.page-head .gap');
	assert.equal(await gap.count(), 1, 'the relationship page shows the contact-gap clock');
	assert.ok(await gap.isVisible(), 'the contact-gap clock is visible');
	return {
		last: await gap.getAttribute('data-last'),
		days: Number(await gap.getAttribute('data-days')),
		cls: await gap.getAttribute('class'),
		text: (await gap.innerText()).trim(),
	};
}

/* The newest event of the timeline: its kind and summary. */
async function newestEvent(page) {
	const row = page.locator('#timeline tbody tr').first();
	return { kind: (await row.locator('td').nth(2).innerText()).trim(), summary: (await row.locator('td').last().innerText()).trim() };
}

/* The score shown for (dir, dim) on a relationship page. */
async function score(page, dir, dim) {
	const cell = page.locator(`td.score[data-dir="${dir}"][data-dim="${dim}"]`);
	assert.equal(await cell.count(), 1, `a ${dir} ${dim} score`);
	return Number(await cell.getAttribute('data-score'));
}

/* Whether the record forms are built: 404 when they are not. */
async function recordFormsBuilt(t, page) {
	const res = await page.request.get(`${t.url}/partners/1/record/update.submit`, { maxRedirects: 0 });
	return res.status() !== 404;
}

/* No horizontal page overflow on the phone. A mobile browser widens the
 * layout to fit content wider than the screen (innerWidth grows with
 * it), so both are checked against the phone's width too. */
async function noOverflow(page, what) {
	const m = await page.evaluate(() => ({
		scroll: document.scrollingElement.scrollWidth,
		inner: window.innerWidth,
	}));
	assert.ok(m.scroll <= m.inner && m.inner === PHONE.width,
		`${what}: the page is ${m.scroll} px wide in a ${m.inner} px window on a ${PHONE.width} px screen`);
}

// --- the scenarios ------------------------------------------------------------

const scenarios = [
	{
		name: 'the buyer signs in, sees the contact-gap clock, logs a contact and the clock resets to it',
		async run(t) {
			const page = await t.page();
			await t.signIn(page, BUYER);
			assert.equal(await page.locator('html').getAttribute('lang'), 'en');
			assert.equal((await page.locator('h1').innerText()).trim(), 'Linden & Rowe');
			await t.openPartner(page, 1, 'partner');
			assert.equal((await page.locator('h1').innerText()).trim(), 'Dongguan Evergreen Knitwear Co., Ltd.');
			const before = await gapClock(page);
			assert.match(before.last, /^\d{4}-\d\d-\d\d \d\d:\d\d$/);
			assert.ok(before.last < '2026-11-25 09:30', `the demo's last contact (${before.last}) is before the one logged here`);
			assert.match(before.text, /Last contact .*days? ago/);

			// the form, from the dashboard's link
			await t.goto(page, '/', 'dashboard-again');
			const [res0] = await Promise.all([page.waitForNavigation(), page.locator('main a[href="/partners/1/contact"]').click()]);
			assert.equal(res0.status(), 200);
			await t.shot(page, 'contact-form');
			await page.locator('#f-by').selectOption('buyer');
			await page.locator('#f-kind').selectOption('video');
			await page.locator('#f-at').fill('2026-11-25T09:30');
			await page.locator('#f-note').fill('Reviewed the lab dips for W27 on video');
			const res = await t.submit(page, 'main form button[type=submit]', 'partner-after-contact');
			assert.equal(res.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/partners/1', 'a logged contact returns to the relationship page');

			const after = await gapClock(page);
			assert.equal(after.last, '2026-11-25 09:30', 'the last contact is the one just logged (09:30 London is 09:30 UTC)');
			assert.equal(after.days, 0);
			assert.match(after.cls, /\bgap-ok\b/);
			assert.match(after.text, /Contact on track/);
			assert.match(after.text, /0 days ago/);
			assert.notEqual(after.text, before.text);
			const ev = await newestEvent(page);
			assert.equal(ev.kind, 'contact');
			assert.equal(ev.summary, 'video by buyer: Reviewed the lab dips for W27 on video');
		},
	},
	{
		name: 'the factory signs in and gets the dashboard and its relationship page in Chinese',
		async run(t) {
			const page = await t.page(); // the browser asks for en-GB: the user's setting wins
			await t.signIn(page, FACTORY);
			assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
			assert.equal((await page.locator('main h2').first().innerText()).trim(), zh('Your relationship'));
			assert.equal((await page.locator('nav a[aria-current=page]').innerText()).trim(), zh('Dashboard'));
			assert.equal(await page.title(), `${zh('Dashboard')} - Rapport`);
			assert.ok((await page.locator('main').innerText()).includes('中国'), 'the country in Chinese');
			await t.openPartner(page, 1, 'partner-zh');
			assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
			const h2 = (await page.locator('main h2').allInnerTexts()).map((s) => s.trim());
			assert.deepEqual(h2, [zh('Trust'), zh('What moved these scores'), zh('Timeline'), zh('The shared record')]);
			const gap = await gapClock(page);
			assert.ok(gap.text.includes(zh('Agreed: every %lld days, never more than %lld.').split('%lld')[0]), gap.text);
			assert.ok(
				(await page.locator('#chain .chain-status').innerText()).startsWith(zh('Verified: %lld events, each linked to the one before by its hash; nothing was altered, removed or reordered (checked within the last minute).').split('%lld')[0]),
			);
			assert.equal((await page.locator('tr[data-dim=transparency] th').innerText()).trim(), zh('Transparency'));
			// nothing left in English on the page's own headings and labels
			const text = await page.locator('main').innerText();
			for (const en of ['Trust', 'Timeline', 'The shared record', 'Dimension', 'Every event', 'Local time there'])
				assert.ok(!text.includes(en), `"${en}" is translated`);
		},
	},
	{
		name: 'the factory submits a structured update through its form',
		async run(t) {
			const page = await t.page();
			await t.signIn(page, FACTORY);
			if (!(await recordFormsBuilt(t, page))) throw new Skip('forms not built');
			await t.goto(page, '/partners/1/record/update.submit', 'update-form');
			// the fields of update.submit's body (src/event.c, update_fields)
			await page.locator('#f-status').selectOption('on_track');
			await page.locator('#f-progress').fill('40');
			await page.locator('#f-next').fill('Bulk knitting of W27 starts on Monday');
			await page.locator('#f-needs').fill('Final trim approval');
			const res = await t.submit(page, 'main form button[type=submit]', 'after-update');
			assert.ok(res.status() < 400, `the update was recorded (${res.status()})`);
			assert.equal(await page.locator('.notice[role=alert]').count(), 0);
			await t.goto(page, '/partners/1', 'partner-after-update');
			const ev = await newestEvent(page);
			assert.equal(ev.kind, 'update.submit');
			assert.match(ev.summary, /on_track, 40 %; next: Bulk knitting of W27 starts on Monday/);
		},
	},
	{
		name: 'the factory raises a problem it discloses itself and the buyer sees its transparency rise',
		async run(t) {
			const factory = await t.page();
			await t.signIn(factory, FACTORY);
			if (!(await recordFormsBuilt(t, factory))) throw new Skip('forms not built');
			const buyer = await t.page();
			await t.signIn(buyer, BUYER);
			await t.openPartner(buyer, 1, 'buyer-partner-before');
			// how transparent the partner has been to the buyer (docs/trust.md:
			// a problem disclosed by the side responsible, +2 to its transparency)
			const before = await score(buyer, 'partner', 'transparency');

			await t.goto(factory, '/partners/1/record/issue.raise', 'issue-form');
			// the fields of issue.raise's body (src/event.c, issue_fields)
			await factory.locator('#f-title').fill('Yarn for W27 delivered a week late');
			await factory.locator('#f-severity').selectOption('major');
			await factory.locator('#f-responsible').selectOption('partner');
			await factory.locator('#f-disclosure').selectOption('self');
			await factory.locator('#f-note').fill('Our spinner missed the date; we are moving the knitting plan');
			const res = await t.submit(factory, 'main form button[type=submit]', 'after-issue');
			assert.ok(res.status() < 400, `the problem was recorded (${res.status()})`);
			assert.equal(await factory.locator('.notice[role=alert]').count(), 0);

			await buyer.reload();
			await t.shot(buyer, 'buyer-partner-after');
			const ev = await newestEvent(buyer);
			assert.equal(ev.kind, 'issue.raise');
			assert.match(ev.summary, /Yarn for W27 delivered a week late \(major, partner, self\)/);
			const after = await score(buyer, 'partner', 'transparency');
			assert.ok(after > before, `the partner's transparency rose: ${before} -> ${after}`);
		},
	},
	{
		name: 'the factory imports contacts from a CSV file in Chinese: checks it, then imports what was checked',
		async run(t) {
			const page = await t.page();
			await t.signIn(page, FACTORY);
			await t.openPartner(page, 1, 'import-partner');
			const res0 = await t.submit(page, 'main a[href="/partners/1/import"]', 'import-form');
			assert.equal(res0.status(), 200);
			assert.equal((await page.locator('h1').innerText()).trim(), zh('Import from a CSV file'));
			// what a spreadsheet saves: a byte order mark, CRLF, a note over two
			// lines inside quotes, Chinese text
			const csv = '\ufeffby,kind,note,at\r\npartner,call,"样衣已寄出\n请查收",2026-11-25 08:00\r\n' +
				'partner,email,Trims approved,2026-11-25T16:30+08:00\r\n';
			await page.locator('#f-kind').selectOption('contacts');
			await page.locator('#f-file').setInputFiles({ name: '联系记录.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
			const res1 = await t.submit(page, 'main form button[name=check]', 'import-checked');
			assert.equal(res1.status(), 200);
			assert.equal((await page.locator('section.checked h2').innerText()).trim(), zh('The file is ready'));
			const ready = (await page.locator('section.checked p').first().innerText()).trim();
			assert.equal(ready, zh('%s: %zu row would be imported (%s). Nothing has been recorded yet.')
				.replace('%s', '联系记录.csv').replace('%zu', '2').replace('%s', zh('%zu event').replace('%zu', '2')));
			const res2 = await t.submit(page, 'section.checked form button[type=submit]', 'import-done');
			assert.equal(res2.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/partners/1');
			const flash = (await page.locator('.notice.flash').innerText()).trim();
			assert.equal(flash, zh('Imported %zu row from %s (%s).')
				.replace('%zu', '2').replace('%s', '联系记录.csv').replace('%s', zh('%zu event').replace('%zu', '2')));
			// recorded on the factory's side, the note exactly as sent (its LF
			// kept), the local times read in the buyer's zone (London, UTC now)
			const r = spawnSync(RAPPORT, ['contacts', '--db', db, '--partner', '1', '--json'], { env, encoding: 'utf8' });
			assert.equal(r.status, 0, r.stderr);
			const mine = JSON.parse(r.stdout).filter((c) => c.note === '样衣已寄出\n请查收' || c.note === 'Trims approved');
			assert.deepEqual(mine.map((c) => [c.by, c.kind, c.at]).sort(),
				[['partner', 'call', '2026-11-25T08:00:00Z'], ['partner', 'email', '2026-11-25T08:30:00Z']]);
		},
	},
	{
		name: 'without JavaScript: sign in, the dashboard, a contact logged through the form',
		async run(t) {
			const page = await t.page({ javaScriptEnabled: false });
			// the browser runs no script indeed
			await page.setContent('<p id="js">off</p><script>document.getElementById("js").textContent = "on"</script>');
			assert.equal(await page.locator('#js').innerText(), 'off');
			await t.signIn(page, BUYER);
			const link = 'main a[href="/partners/3/contact"]';
			assert.equal(await page.locator(link).count(), 1);
			const [res0] = await Promise.all([page.waitForNavigation(), page.locator(link).click()]);
			assert.equal(res0.status(), 200);
			await t.shot(page, 'contact-form-nojs');
			// the form comes filled with now in the buyer's zone
			assert.equal(await page.locator('#f-at').inputValue(), '2026-11-25T10:00');
			await page.locator('#f-kind').selectOption('message');
			await page.locator('#f-note').fill('Sent the revised size chart, no script needed');
			const res = await t.submit(page, 'main form button[type=submit]', 'partner-after-contact-nojs');
			assert.equal(res.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/partners/3');
			const ev = await newestEvent(page);
			assert.equal(ev.kind, 'contact');
			assert.equal(ev.summary, 'message by buyer: Sent the revised size chart, no script needed');
			const gap = await gapClock(page);
			assert.equal(gap.last, '2026-11-25 10:00');
			assert.equal(gap.days, 0);
			// the language switch works without script too
			await page.locator('#lang-switch').selectOption('zh-CN');
			const res2 = await t.submit(page, 'header .tools form[action="/lang"] button', 'partner-zh-nojs');
			assert.equal(res2.status(), 200);
			assert.equal(new URL(page.url()).pathname, '/partners/3');
			assert.equal(await page.locator('html').getAttribute('lang'), 'zh-CN');
			await page.locator('#lang-switch').selectOption('en');
			await t.submit(page, 'header .tools form[action="/lang"] button', 'partner-en-nojs');
			assert.equal(await page.locator('html').getAttribute('lang'), 'en');
		},
	},
	{
		name: 'on a phone (390x844) the dashboard and the relationship page fit the width',
		async run(t) {
			const phone = { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
			const page = await t.page(phone);
			await t.signIn(page, BUYER);
			await noOverflow(page, 'the dashboard');
			await t.openPartner(page, 1, 'partner-phone');
			await noOverflow(page, 'the relationship page');
			await t.goto(page, '/partners/1/contact', 'contact-form-phone');
			await noOverflow(page, 'the contact form');
			const zhPage = await t.page(phone);
			await t.signIn(zhPage, FACTORY);
			await noOverflow(zhPage, 'the dashboard in Chinese');
			await t.openPartner(zhPage, 1, 'partner-phone-zh');
			await noOverflow(zhPage, 'the relationship page in Chinese');
		},
	},
	{
		name: 'every page of the navigation and of a relationship opens, in English and in Chinese, and fits a phone',
		async run(t) {
			// the pages of the header's navigation, reached by its links
			const nav = ['/agenda', '/holidays', '/people', '/settings'];
			const others = ['/partners/1/slots', '/partners/1/record', '/partners/1/record/commitment.add',
				'/partners/1/record/payment.due', '/partners/1/record/issue.raise', '/partners/1/record/visit.add',
				'/partners/1/settings', '/settings/weights', '/calendar', '/partners/1/import',
				'/holidays?partner=1&month=2027-02'];
			const desktop = await t.page();
			await t.signIn(desktop, BUYER);
			for (const p of nav) {
				const res = await t.submit(desktop, `header nav a[href="${p}"]`, `buyer${p.replace(/\W+/g, '-')}`);
				assert.equal(res.status(), 200, p);
				assert.equal(await desktop.locator(`header nav a[href="${p}"]`).getAttribute('aria-current'), 'page', p);
			}
			for (const p of others)
				await t.goto(desktop, p, `buyer${p.replace(/\W+/g, '-')}`);
			// the agenda's links lead to forms that open with their entity chosen
			await t.goto(desktop, '/agenda', 'buyer-agenda-again');
			const link = desktop.locator('a.do[href*="/record/"]').first();
			if (await link.count()) {
				const href = await link.getAttribute('href');
				const res = await t.submit(desktop, `a.do[href="${href}"] >> nth=0`, 'buyer-agenda-action');
				assert.equal(res.status(), 200, href);
			}
			const phone = { viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
			const zh = await t.page(phone);
			await t.signIn(zh, FACTORY);
			for (const p of [...nav, '/partners/1/slots', '/partners/1/record', '/partners/1/record/update.submit',
				'/partners/1/import', '/calendar']) {
				await t.goto(zh, p, `factory-phone${p.replace(/\W+/g, '-')}`);
				assert.equal(await zh.locator('html').getAttribute('lang'), 'zh-CN', p);
				await noOverflow(zh, `${p} in Chinese`);
			}
			// the factory's agenda says what is due in Chinese
			await t.goto(zh, '/agenda?side=both', 'factory-phone-agenda-both');
			const what = await zh.locator('.what').allInnerTexts();
			assert.ok(what.length > 0, 'the factory has items on its agenda');
			for (const w of what)
				assert.ok(!/^(Weekly update|Last contact|No contact|Pay |Acknowledge|Answer |Milestone)/.test(w), w);
		},
	},
];

// --- the run --------------------------------------------------------------------

const filter = process.argv[2] || '';
const chosen = scenarios.filter((s) => s.name.includes(filter));
let n = 0;
let failed = 0;
function report(ok, name, detail) {
	n++;
	if (ok === 'skip') console.log(`ok ${n} ${name} # SKIP ${detail}`);
	else console.log(`${ok ? 'ok' : 'not ok'} ${n} ${name}`);
	if (ok === false) {
		failed++;
		for (const l of String(detail).split('\n')) console.log(`# ${l}`);
	}
}

console.log(`1..${chosen.length + 1}`);
fs.mkdirSync(SHOTS, { recursive: true });
for (const f of fs.readdirSync(SHOTS)) if (/^\d\d-\d\d-[\w-]+\.png$/.test(f)) fs.unlinkSync(path.join(SHOTS, f));

let server = null;
let browser = null;
try {
	makeDemo();
	server = await startServer();
	browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
	for (const [i, s] of chosen.entries()) {
		const t = new Scenario(i + 1, browser, server.url);
		try {
			await s.run(t);
			report(true, s.name);
		} catch (e) {
			if (e instanceof Skip) report('skip', s.name, e.message);
			else report(false, s.name, e.stack || e);
		} finally {
			await t.close();
		}
	}
} catch (e) {
	// the set-up failed: every scenario not run counts as failed
	while (n < chosen.length) report(false, chosen[n].name, `not run: ${e.stack || e}`);
} finally {
	if (browser) await browser.close().catch(() => {});
	await stopServer(server);
}

// The server ends cleanly: status 0 on SIGTERM, no sanitizer report.
if (server && server.status === 0 && !/ERROR: (Address|Leak|Undefined)Sanitizer|runtime error:/.test(server.log)) {
	report(true, 'the server stops on SIGTERM with status 0 and no sanitizer report');
} else {
	report(false, 'the server stops on SIGTERM with status 0 and no sanitizer report',
		server ? `status ${server.status}, signal ${server.signal}\n${server.log.split('\n').filter((l) => !/ access /.test(l)).join('\n')}` : 'never started');
}
console.log(`# screenshots in ${SHOTS}`);
fs.rmSync(tmp, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
