// check.mjs - reads a rapport calendar feed with ical.js (the parser
// Thunderbird uses) and prints what it read as JSON, for
// tests/cli/t0430-calendar.bats to assert on. Fails (exit 1) when a
// component in the text was not read, a line does not end in CRLF, an
// event lacks UID, DTSTAMP, DTSTART or SUMMARY, two events share a UID, or
// a TZID names no VTIMEZONE in the file. A feed of several relationships
// has a cadence each: "cadences" lists every recurring event by UID (with
// its instants); "cadence" is the only one, null when there are more.
//
// usage: node check.mjs FEED.ics [FROM TO]
// FROM and TO (ISO-8601 UTC) bound the cadence instants listed.
import { readFileSync } from 'node:fs';
import ICAL from 'ical.js';

const [file, from, to] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const fail = (msg) => {
  console.error(`check.mjs: ${msg}`);
  process.exit(1);
};

if (/(^|[^\r])\n/.test(text)) fail('a line ends in LF without CR');
if (!text.endsWith('END:VCALENDAR\r\n')) fail('the text does not end with END:VCALENDAR and CRLF');

const cal = new ICAL.Component(ICAL.parse(text));

// Every BEGIN: line of the text must be a component ical.js read.
const inText = {};
for (const m of text.matchAll(/^BEGIN:([A-Z-]+)\r$/gm)) inText[m[1]] = (inText[m[1]] || 0) + 1;
const read = {};
(function walk(c) {
  const n = c.name.toUpperCase();
  read[n] = (read[n] || 0) + 1;
  for (const s of c.getAllSubcomponents()) walk(s);
})(cal);
if (JSON.stringify(Object.entries(inText).sort()) !== JSON.stringify(Object.entries(read).sort()))
  fail(`components in the text ${JSON.stringify(inText)}, read ${JSON.stringify(read)}`);

const uids = new Set();
const out = {
  components: read,
  events: 0,
  all_day: 0,
  alarms: {},
  categories: {},
  summaries: {},
  cadence: null,
  cadences: {},
};
for (const v of cal.getAllSubcomponents('vevent')) {
  const ev = new ICAL.Event(v);
  for (const p of ['uid', 'dtstamp', 'dtstart', 'summary'])
    if (!v.hasProperty(p)) fail(`an event has no ${p.toUpperCase()}: ${v.toString()}`);
  if (uids.has(ev.uid)) fail(`two events have the UID ${ev.uid}`);
  uids.add(ev.uid);
  out.events++;
  out.summaries[ev.uid] = ev.summary;
  for (const c of v.getAllProperties('categories').flatMap((p) => p.getValues()))
    out.categories[c] = (out.categories[c] || 0) + 1;
  if (ev.startDate.isDate) {
    out.all_day++;
    // an all-day event ends the next day
    const end = ev.startDate.clone();
    end.adjust(1, 0, 0, 0);
    if (ev.endDate.compare(end) !== 0) fail(`${ev.uid} does not end the day after it starts`);
  }
  for (const a of v.getAllSubcomponents('valarm'))
    out.alarms[ev.uid] = `${a.getFirstPropertyValue('action')} ${a.getFirstPropertyValue('trigger').toString()}`;
  const tzid = v.getFirstProperty('dtstart').getParameter('tzid');
  if (tzid) {
    const zone = cal.getTimeZoneByID(tzid);
    if (!zone) fail(`${ev.uid}: no VTIMEZONE for TZID ${tzid}`);
    if (ev.startDate.zone.tzid !== tzid) fail(`${ev.uid}: its start was read in ${ev.startDate.zone.tzid}`);
  }
  if (ev.isRecurring()) {
    const rrule = v.getFirstPropertyValue('rrule');
    const cad = { uid: ev.uid, tzid, rrule: rrule.toString(), start: ev.startDate.toString(), instants: [] };
    if (from && to) {
      const lo = new Date(from), hi = new Date(to);
      const it = ev.iterator();
      for (let next; (next = it.next()); ) {
        const at = next.toJSDate();
        if (at > hi) break;
        if (at >= lo) cad.instants.push(at.toISOString().replace('.000Z', 'Z'));
      }
    }
    out.cadences[ev.uid] = cad;
  }
}
const cads = Object.values(out.cadences);
out.cadence = cads.length === 1 ? cads[0] : null;
console.log(JSON.stringify(out, null, 1));
