#!/usr/bin/python3
"""check.py - reads a rapport calendar feed with python3-icalendar and
prints what it read as JSON, for tests/cli/t0430-calendar.bats. Fails when
a component in the text was not read, a line is longer than 75 octets or
not UTF-8 on its own (folded inside a character), two events share a UID,
or an event lacks UID, DTSTAMP, DTSTART or SUMMARY. The cadence's instants
are expanded with dateutil's rrule over the DTSTART's local time and
converted with the system zoneinfo (zoneinfo.ZoneInfo), independently of
the file's VTIMEZONE. A feed of several relationships has a cadence each:
"cadences" lists every recurring event by UID; "cadence" is the only one.

usage: check.py FEED.ics [FROM TO]

Run by /usr/bin/python3 (the shebang): python3-icalendar is a Debian
package, installed for the system Python only.
"""
import collections
import datetime
import json
import re
import sys
import zoneinfo

import icalendar
from dateutil import rrule


def fail(msg):
    print("check.py: " + msg, file=sys.stderr)
    sys.exit(1)


path = sys.argv[1]
raw = open(path, "rb").read()
for n, line in enumerate(raw.split(b"\r\n")[:-1], 1):
    if len(line) > 75:
        fail("line %d has %d octets" % (n, len(line)))
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        fail("line %d is not UTF-8 on its own: folded inside a character" % n)
cal = icalendar.Calendar.from_ical(raw)

in_text = collections.Counter(m.decode() for m in re.findall(rb"^BEGIN:([A-Z-]+)\r$", raw, re.M))
read = collections.Counter(c.name for c in cal.walk())
if in_text != read:
    fail("components in the text %s, read %s" % (dict(in_text), dict(read)))

out = {"components": dict(read), "events": 0, "categories": {}, "summaries": {}, "cadence": None, "cadences": {}}
uids = set()
for ev in cal.walk("VEVENT"):
    for p in ("UID", "DTSTAMP", "DTSTART", "SUMMARY"):
        if p not in ev:
            fail("an event has no %s" % p)
    uid = str(ev["UID"])
    if uid in uids:
        fail("two events have the UID " + uid)
    uids.add(uid)
    out["events"] += 1
    out["summaries"][uid] = str(ev["SUMMARY"])
    cats = ev.get("CATEGORIES")
    for prop in cats if isinstance(cats, list) else [cats] if cats else []:
        for c in prop.cats:
            out["categories"][str(c)] = out["categories"].get(str(c), 0) + 1
    if "RRULE" in ev:
        start = ev["DTSTART"]
        tzid = start.params.get("TZID")
        local = start.dt.replace(tzinfo=None)
        zone = zoneinfo.ZoneInfo(tzid)
        rule = rrule.rrulestr(ev["RRULE"].to_ical().decode(), dtstart=local)
        cad = {"uid": uid, "tzid": tzid, "rrule": ev["RRULE"].to_ical().decode(), "instants": []}
        if len(sys.argv) == 4:
            lo = datetime.datetime.fromisoformat(sys.argv[2].replace("Z", "+00:00"))
            hi = datetime.datetime.fromisoformat(sys.argv[3].replace("Z", "+00:00"))
            for t in rule:
                at = t.replace(tzinfo=zone).astimezone(datetime.timezone.utc)
                if at > hi:
                    break
                if at >= lo:
                    cad["instants"].append(at.strftime("%Y-%m-%dT%H:%M:%SZ"))
        out["cadences"][uid] = cad
# a feed of several relationships has a cadence each: "cadence" is the
# only one, None when there are more
if len(out["cadences"]) == 1:
    out["cadence"] = next(iter(out["cadences"].values()))
print(json.dumps(out, indent=1, ensure_ascii=False))
