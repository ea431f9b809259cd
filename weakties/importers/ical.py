"""iCalendar (``.ics``; Google Calendar's export zip holds one per calendar): who met whom.

Each VEVENT's ORGANIZER and ATTENDEEs become the co-participation table of
:data:`~weakties.importers.base.PARTICIPATION_COLUMNS` (kind ``meeting``, role ``organizer`` or
``attendee``). RFC 5545 content lines are unfolded first (a fold may split an address, or a
UTF-8 character: unfolding works on bytes). An attendee's address is its ``EMAIL=`` parameter,
else its ``mailto:`` value; its name is ``CN=``.

Not participants, and counted: attendees who declined (``PARTSTAT=DECLINED``), rooms and
resources (``CUTYPE=ROOM``/``RESOURCE``, Google's ``@resource.calendar.google.com``), ATTENDEE
lines inside a VALARM (who gets the reminder), cancelled events (``STATUS:CANCELLED``) and a
VEVENT never closed by ``END:VEVENT`` (a cut file).

**Recurring events are one event.** A series (``RRULE``) and its moved or changed occurrences
(``RECURRENCE-ID``, same UID) are one event: its pairs get 1/(n-1) once, not once per
occurrence, so a weekly stand-up held for three years does not outweigh every other meeting; the
series is counted in the notes. Dates are DTSTART as written (UTC when it ends in ``Z``, else
the local time of its TZID), naive.

Written by hand rather than with the ``icalendar`` package: that one parses a whole file or
raises at the first damage, and every damaged event here must be counted, not fatal.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import TYPE_CHECKING

from weakties.importers.base import COLUMNS, FileTable, Format, no_header

if TYPE_CHECKING:  # annotations only: parsers import pandas when they parse (see base.py)
    import pandas as pd

__all__ = ["ICAL_FORMATS", "parse_ics", "sniff_ics"]

_EMAIL = re.compile(r"[^@\s<>\"]+@[^@\s<>\"]+\.[^@\s<>\"]+")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def sniff_ics(head: bytes, path: str) -> bool:
    """An iCalendar file starts with ``BEGIN:VCALENDAR`` (after a BOM or blank lines).

    >>> sniff_ics(b"\\xef\\xbb\\xbfBEGIN:VCALENDAR\\r\\nVERSION:2.0\\r\\n", "c.ics")
    True
    """
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper() == b"BEGIN:VCALENDAR"


def _content_line(line: str) -> tuple[str, dict[str, str], str]:
    """``NAME;P=V;Q="x:y":value`` -> (NAME, {P: V, Q: x:y}, value); a colon or semicolon inside
    quotes belongs to a parameter. One pass, linear in the line's length.

    >>> _content_line('ATTENDEE;CN="Doe: Jane";PARTSTAT=ACCEPTED:mailto:j@x.org')
    ('ATTENDEE', {'CN': 'Doe: Jane', 'PARTSTAT': 'ACCEPTED'}, 'mailto:j@x.org')
    """
    if ";" not in line.partition(":")[0]:  # the common case: no parameters
        name, colon, value = line.partition(":")
        return (name.strip().upper(), {}, value) if colon else ("", {}, "")
    quoted = False
    cuts = []
    for i, ch in enumerate(line):
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch == ";":
            cuts.append(i)
        elif not quoted and ch == ":":
            break
    else:
        return "", {}, ""
    value = line[i + 1:]
    bounds = [-1, *cuts, i]
    parts = [line[a + 1:b] for a, b in zip(bounds, bounds[1:], strict=False)]
    params = {}
    for part in parts[1:]:
        key, _, val = part.partition("=")
        params[key.strip().upper()] = val.strip().strip('"')
    return parts[0].strip().upper(), params, value


def _unfolded(data: bytes):
    """(physical line number, unfolded text) of every content line. Unfolding joins bytes, so
    a fold inside a UTF-8 character or an address leaves it whole."""
    start, parts = 0, []
    for number, physical in enumerate(data.split(b"\n"), 1):
        physical = physical.rstrip(b"\r")
        if physical[:1] in (b" ", b"\t") and parts:
            parts.append(physical[1:])
            continue
        if parts:
            yield start, b"".join(parts).decode("utf-8", "replace")
        start, parts = number, [physical]
    if parts:
        yield start, b"".join(parts).decode("utf-8", "replace")


def _person(params: dict[str, str], value: str) -> tuple[str, str]:
    """(name, case-folded email or "") of an ORGANIZER or ATTENDEE."""
    email = params.get("EMAIL", "")
    if not email:
        email = re.sub(r"(?i)^mailto:", "", value.strip())
    email = email.strip().casefold()
    if not _EMAIL.fullmatch(email):
        email = ""
    name = _CONTROL.sub(" ", params.get("CN", "")).strip()
    if name.casefold() == email:
        name = ""
    return name, email


def parse_ics(data: bytes, path: str) -> FileTable:
    """The participants of every VEVENT of an iCalendar file."""
    import numpy as np
    import pandas as pd

    skipped: Counter[str] = Counter()
    data = data.removeprefix(b"\xef\xbb\xbf")
    owner = ""
    rows: list[tuple] = []
    stack: list[str] = []
    event: dict | None = None
    events = recurring = 0
    series: set[str] = set()
    for physical, line in _unfolded(data):
        name, params, value = _content_line(line)
        if name == "BEGIN":
            comp = value.strip().upper()
            if comp == "VEVENT":
                if event is not None:
                    skipped["VEVENT not closed by END:VEVENT (skipped)"] += 1
                    stack = [c for c in stack if c != "VEVENT"]
                event = {"line": physical, "uid": "", "start": "", "rrule": False,
                         "cancelled": False, "people": []}
            stack.append(comp)
        elif name == "END":
            comp = value.strip().upper()
            if comp in stack:
                while stack and stack.pop() != comp:
                    pass
            if comp == "VEVENT" and event is not None:
                events += 1
                if event["cancelled"]:
                    skipped["cancelled events"] += 1
                else:
                    rows.extend(_rows(event, skipped))
                    if event["rrule"] and event["uid"] not in series:
                        recurring += 1
                        series.add(event["uid"])
                event = None
        elif name == "X-WR-CALNAME" and not stack[1:] and _EMAIL.fullmatch(value.strip()):
            owner = value.strip().casefold()
        elif event is not None and stack and stack[-1] == "VEVENT":
            if name == "UID":
                event["uid"] = value.strip()
            elif name == "DTSTART":
                event["start"] = value.strip()
            elif name == "RRULE":
                event["rrule"] = True
            elif name == "STATUS" and value.strip().upper() == "CANCELLED":
                event["cancelled"] = True
            elif name in ("ORGANIZER", "ATTENDEE"):
                event["people"].append((name.lower(), params, value, physical))
        elif event is not None and name == "ATTENDEE":
            skipped["attendees inside an alarm (who is reminded, not a participant)"] += 1
    if event is not None:
        skipped["VEVENT not closed by END:VEVENT (skipped)"] += 1
    frame = pd.DataFrame(rows, columns=["event", "role", "name", "email", "start", "line"])
    frame = frame.assign(kind="meeting", phone="", handle="",
                         owner=(frame["email"] == owner) & (owner != ""),
                         date=_dates(frame["start"]))
    frame["line"] = frame["line"].astype(np.int64)
    frame = frame[COLUMNS["icalendar"]].reset_index(drop=True)
    notes = [f"{events:,} events read"]
    if recurring:
        notes.append(f"{recurring:,} recurring series, each counted as one event")
    if owner:
        notes.append(f"calendar of '{owner}'")
    return FileTable(path=path, format="icalendar", frame=frame, rows=len(frame),
                     skipped=Counter({k: v for k, v in skipped.items() if v}), notes=notes)


def _rows(event: dict, skipped: Counter[str]) -> list[tuple]:
    uid = event["uid"] or f"line{event['line']}"
    out = []
    for role, params, value, _line in event["people"]:
        cutype = params.get("CUTYPE", "").upper()
        name, email = _person(params, value)
        if cutype in ("ROOM", "RESOURCE") or email.endswith("@resource.calendar.google.com"):
            skipped["rooms and resources (not people)"] += 1
            continue
        if role == "attendee" and params.get("PARTSTAT", "").upper() == "DECLINED":
            skipped["attendees who declined"] += 1
            continue
        if not email and not name:
            skipped["attendees without address or name"] += 1
            continue
        out.append((uid, role, name, email, event["start"], event["line"]))
    if not out:
        skipped["events without participants (personal entries)"] += 1
    return out


def _dates(starts: pd.Series) -> pd.Series:
    """DTSTART values (``20240101T100000Z``, ``20240101T100000``, ``20240101``) as naive
    timestamps; unreadable ones NaT."""
    import pandas as pd

    if starts.empty:
        return pd.Series(pd.NaT, index=starts.index, dtype="datetime64[ns]")
    s = starts.astype(str).str.upper().str.rstrip("Z")
    full = pd.to_datetime(s, format="%Y%m%dT%H%M%S", errors="coerce")
    day = pd.to_datetime(s.str[:8], format="%Y%m%d", errors="coerce")
    return full.fillna(day).astype("datetime64[ns]")


ICAL_FORMATS = [
    Format("icalendar", "iCalendar (.ics; Google Calendar export)", "first line BEGIN:VCALENDAR",
           no_header, parse_ics, sniff_bytes=sniff_ics),
]
