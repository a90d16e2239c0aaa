#!/usr/bin/env python3
"""The calendars through a real iCalendar parser (the `icalendar` package from PyPI): every sample's
`accord timeline --format ics` parses, each key date is one all-day event with a unique UID, the
lines are CRLF and at most 75 octets, and a revision that moves a date keeps the event's UID.

usage: python3 .ci/calendar_check.py ACCORD
"""
import datetime
import glob
import os
import subprocess
import sys
import tempfile

import icalendar

ACCORD = os.path.abspath(sys.argv[1])
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
failures = []


def calendar(path):
    run = subprocess.run([ACCORD, "timeline", "--format", "ics", path], capture_output=True, cwd=ROOT)
    return run.returncode, run.stdout, run.stderr.decode()


def events(raw):
    cal = icalendar.Calendar.from_ical(raw)
    return cal, [c for c in cal.walk("VEVENT")]


def main():
    checked = 0
    for sample in sorted(glob.glob(os.path.join(ROOT, "Samples", "*.brief.*"))):
        name = os.path.basename(sample)
        status, raw, err = calendar(sample)
        if status != 0:
            if "has no dates" not in err:
                failures.append(f"{name}: exit {status}: {err[:200]}")
            continue
        lines = raw.split(b"\r\n")
        if lines[-1] != b"" or any(b"\n" in line for line in lines):
            failures.append(f"{name}: lines do not all end in CRLF")
        if any(len(line) > 75 for line in lines):
            failures.append(f"{name}: a line longer than 75 octets")
        cal, found = events(raw)
        if cal.get("VERSION") != "2.0" or not cal.get("PRODID"):
            failures.append(f"{name}: no VERSION 2.0 or PRODID")
        uids = [str(e.get("UID")) for e in found]
        if len(set(uids)) != len(uids) or not found:
            failures.append(f"{name}: UIDs not unique, or no event: {uids}")
        for e in found:
            start, end = e.decoded("DTSTART"), e.decoded("DTEND")
            if isinstance(start, datetime.datetime) or end - start != datetime.timedelta(days=1):
                failures.append(f"{name}: {e.get('SUMMARY')} is not one all-day event")
            if not e.get("DTSTAMP") or not e.get("SUMMARY"):
                failures.append(f"{name}: an event without DTSTAMP or SUMMARY")
        checked += 1
    # A revision: the launch moves, and the event with it.
    with tempfile.TemporaryDirectory() as work:
        text = open(os.path.join(ROOT, "Samples", "aurora.brief.toml"), encoding="utf-8").read()
        moved = os.path.join(work, "moved.brief.toml")
        open(moved, "w", encoding="utf-8").write(text.replace("launch = 2026-03-20", "launch = 2026-03-27"))
        before = {str(e.get("UID")): e.decoded("DTSTART") for e in events(calendar(os.path.join(ROOT, "Samples", "aurora.brief.toml"))[1])[1]}
        after = {str(e.get("UID")): e.decoded("DTSTART") for e in events(calendar(moved)[1])[1]}
        launch = [u for u in before if u.startswith("launch-")]
        if before.keys() != after.keys() or not launch or after[launch[0]] != datetime.date(2026, 3, 27):
            failures.append("a revision that moves the launch does not keep the UIDs or move the event")
    for f in failures:
        print("FAIL", f)
    print(f"calendar: {checked} calendars parsed by icalendar {icalendar.__version__}, {len(failures)} problems")
    return 1 if failures or checked == 0 else 0


if __name__ == "__main__":
    sys.exit(main())
