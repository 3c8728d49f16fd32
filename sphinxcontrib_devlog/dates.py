"""Dates as people write them in logs: ``2024-08-26``, ``July 9, 2025``, ``9 July 2025``.

Pure functions. :func:`read_date` finds the one date a field's text gives, or says why
it cannot: no date at all, an impossible one (``February 30``), or a numeric date such
as ``07/09/2025`` that reads both ways and that nothing decides.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"

#: ``2024-08-26``, ``2024/08/26``, ``2024.08.26`` (also followed by a time)
_ISO = re.compile(r"(?<!\d)(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})(?!\d)")
#: ``July 9, 2025``, ``Jul 9th 2025``, ``July 9 2025``
_MONTH_FIRST = re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE)
#: ``9 July 2025``, ``9th of July, 2025``
_DAY_FIRST = re.compile(rf"\b{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE)
#: ``07/09/2025`` or ``7.9.2025``: day and month in either order
_NUMERIC = re.compile(r"(?<![\d/.-])(?P<a>\d{1,2})([/.])(?P<b>\d{1,2})\2(?P<year>\d{4})(?![\d/.-])")


@dataclass(frozen=True)
class DateReading:
    """What a text says as a date: the date, or why there is none."""

    date: dt.date | None
    #: ``""`` when read; otherwise a short reason for a warning
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.date is not None


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def read_date(text: str, hint: dt.date | None = None) -> DateReading:
    """The date a text gives (the first one written), in any of the usual forms.

    *hint* (the filename's date) decides a numeric date that reads both ways.
    """
    found: list[tuple[int, DateReading]] = []
    match = _ISO.search(text)
    if match:
        date = _make(int(match["year"]), int(match["month"]), int(match["day"]))
        found.append(
            (match.start(), DateReading(date, "" if date else f"{match[0]!r} is no such date"))
        )
    for pattern in (_MONTH_FIRST, _DAY_FIRST):
        match = pattern.search(text)
        if match:
            month = MONTHS[match["month"].lower()]
            date = _make(int(match["year"]), month, int(match["day"]))
            found.append(
                (match.start(), DateReading(date, "" if date else f"{match[0]!r} is no such date"))
            )
    match = _NUMERIC.search(text)
    if match:
        a, b, year = int(match["a"]), int(match["b"]), int(match["year"])
        readings = {d for d in (_make(year, b, a), _make(year, a, b)) if d is not None}
        if len(readings) == 1:
            found.append((match.start(), DateReading(readings.pop())))
        elif hint is not None and hint in readings:
            found.append((match.start(), DateReading(hint)))
        elif readings:
            found.append(
                (
                    match.start(),
                    DateReading(
                        None, f"{match[0]!r} reads as day/month and as month/day; write YYYY-MM-DD"
                    ),
                )
            )
        else:
            found.append((match.start(), DateReading(None, f"{match[0]!r} is no such date")))
    if not found:
        return DateReading(None, "no date in it")
    return min(found, key=lambda pair: pair[0])[1]
