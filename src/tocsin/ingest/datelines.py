"""Datelines: "Friday, 02 April 2021 1:41 PM", "April 2, 2021 14:05 GMT", "2021-04-02",
"03.02.2021 09:30", "15 Apr 2021 | 18:05 UTC", "Saturday, 13 February 2021 | 25 Bahman 1399 | 11:20".

A dateline is a short line that is mostly a date. The date part is found by shape (ISO, day-month-
year, month-day-year, dotted or slashed day.month.year), the clock time anywhere on the line (12- or
24-hour); a second calendar on the same line (Solar Hijri dates on Iranian sites) is ignored because
its month names are not English. Time zones are dropped: the time is the outlet's local time as
printed.
"""

from __future__ import annotations

import re
from datetime import datetime

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "oct": 10, "nov": 11, "dec": 12,
}
_M = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
      r"sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_SHAPES = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b"),
    re.compile(rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+{_M},?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(rf"\b{_M}\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", re.I),
    re.compile(r"\b(?P<d>\d{1,2})[./](?P<m>\d{1,2})[./](?P<y>\d{4})\b"),
]
_TIME = re.compile(r"(?<![\d.])(?P<h>\d{1,2}):(?P<mi>\d{2})(?::\d{2})?\s*(?P<ap>[ap]\.?m\.?)?(?![\d])",
                   re.I)


def find_date(text: str) -> tuple[datetime, tuple[int, int]] | None:
    """The first calendar date in `text` (no time), with its character span."""
    best = None
    for shape in _SHAPES:
        m = shape.search(text)
        if m and (best is None or m.start() < best[1][0]):
            g = m.groupdict()
            month = MONTHS[g["mon"][:3].lower()] if g.get("mon") else int(g["m"])
            try:
                dt = datetime(int(g["y"]), month, int(g["d"]))
            except ValueError:
                continue
            best = (dt, m.span())
    return best


def looks_like_dateline(line: str) -> bool:
    s = line.strip()
    return 6 <= len(s) <= 80 and find_date(s) is not None


def parse_dateline(line: str) -> datetime | None:
    """Parse a dateline; None when the line holds no date."""
    s = line.strip()
    found = find_date(s)
    if found is None:
        return None
    dt, (start, end) = found
    rest = s[:start] + " " + s[end:]
    t = _TIME.search(rest)
    if t:
        hour, minute = int(t.group("h")), int(t.group("mi"))
        ap = (t.group("ap") or "").lower().replace(".", "")
        if ap == "pm" and hour < 12:
            hour += 12
        elif ap == "am" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            dt = dt.replace(hour=hour, minute=minute)
    return dt


def parse_iso(value: str | None) -> datetime | None:
    """ISO timestamps from metadata; the time zone is dropped (local time of the outlet)."""
    if not value:
        return None
    v = value.strip()
    try:
        dt = datetime.fromisoformat(v.replace("Z", "+00:00"))
    except ValueError:
        return parse_dateline(v)
    return dt.replace(tzinfo=None)
