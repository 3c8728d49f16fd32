"""Durations such as ``90m``, ``2h``, ``1h30m``, ``1.5h`` — and as people write them in
logs: ``~2 hours``, ``about 45 min``, ``2-3 hours``, ``half an hour``, ``14:00-16:30``.
Pure functions."""

from __future__ import annotations

import math
import re

#: the longest duration one session can take: a year (365 days of 24 hours), in minutes
LONGEST = 365 * 24 * 60

_UNITS = {
    "w": 5 * 8 * 60,  # a working week
    "wk": 5 * 8 * 60,
    "wks": 5 * 8 * 60,
    "week": 5 * 8 * 60,
    "weeks": 5 * 8 * 60,
    "d": 8 * 60,  # a working day
    "day": 8 * 60,
    "days": 8 * 60,
    "h": 60,
    "hr": 60,
    "hrs": 60,
    "hour": 60,
    "hours": 60,
    "m": 1,
    "min": 1,
    "mins": 1,
    "minute": 1,
    "minutes": 1,
}
#: numbers written as words (``about two hours``, ``an hour``, ``half a day``)
_NUMBER_WORDS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "forty-five": 45,
    "ninety": 90,
    "half": 0.5,
    "half a": 0.5,
    "half an": 0.5,
    "a half": 0.5,
    "a couple of": 2,
    "couple of": 2,
}
_NUMBER = (
    r"(?:\d+(?:\.\d+)?|"
    + "|".join(re.escape(w) for w in sorted(_NUMBER_WORDS, key=len, reverse=True))
    + r")"
)
#: words that only say the figure is not exact: ``~2h``, ``about 2 hours``
_APPROXIMATE = re.compile(
    r"^(?:~|≈|\+/-|±|c\.|ca\.|circa|about|around|roughly|approximately|approx\.?|nearly|almost"
    r"|some|over|under|less than|more than|at least|at most|estimated|est\.?|total(?: of)?)\s*",
    re.IGNORECASE,
)
_PART = re.compile(rf"(?P<number>{_NUMBER})\s*(?P<unit>[a-z]+)(?![a-z])\.?", re.IGNORECASE)
_JOIN = re.compile(r"\s*(?:,|and|\+)?\s*", re.IGNORECASE)
_RANGE = re.compile(  # in figures: "forty-five minutes" is no range
    r"(?P<low>\d+(?:\.\d+)?)\s*(?P<lowunit>[a-z]+)?\s*(?:-|–|—|to)\s*(?P<high>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>[a-z]+)(?![a-z])\.?",
    re.IGNORECASE,
)
_CLOCK = r"(?P<{0}h>\d{{1,2}}):(?P<{0}m>[0-5]\d)"
_CLOCK_RANGE = re.compile(
    _CLOCK.format("a") + r"\s*(?:-|–|—|to)\s*" + _CLOCK.format("b") + r"(?![\d:])"
)
_HOURS_MINUTES = re.compile(r"(?P<h>\d{1,3}):(?P<m>[0-5]\d)\s*(?:h|hrs?|hours?)(?![a-z])\.?", re.I)
#: what may follow a duration: nothing, or a remark after a space or a bracket
_REMARK = re.compile(r"^(?:\s*|[\s(\[,;].*[A-Za-z].*)$", re.DOTALL)
_BARE_MINUTES = re.compile(r"(?P<m>[0-5]?\d)(?![\d.:])")


def _number(text: str) -> float:
    word = " ".join(text.lower().split())
    if word in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[word])
    return float(text)


def _unit(text: str, source: str) -> int:
    unit = _UNITS.get(text.lower())
    if unit is None:
        raise ValueError(
            f"unknown unit {text!r} in duration {source!r} (use e.g. 90m, 2h, 1h30m, 1.5h)"
        )
    return unit


def _rest_is_a_remark(rest: str, source: str) -> None:
    if not _REMARK.match(rest):
        raise ValueError(f"cannot read duration {source!r} (use e.g. 90m, 2h, 1h30m, 1.5h)")


def parse_duration(text: str) -> int:
    """Return the duration in whole minutes.

    Accepts one or more ``<number><unit>`` parts (units ``w`` = 5 working days, ``d`` =
    8 working hours, ``h``/``hr``/``hours``, ``m``/``min``/``minutes``), e.g. ``90m``,
    ``2h``, ``1h30m``, ``1.5h``, ``1h 30min``, ``2 hours and 15 minutes``; small numbers
    in words (``two hours``, ``an hour``, ``half a day``); ``h:mm`` hours
    (``1:30h``); a range, read as its middle (``2-3 hours`` is 2h30m); a span of clock
    times (``14:00-16:30``). A leading ``~``, ``about``, ``approximately`` and the like,
    and a remark after the figure (``2h (with review)``), are allowed. Raises
    :class:`ValueError` otherwise, and for a duration longer than a year
    (:data:`LONGEST`), which no session takes.
    """
    minutes = _minutes(text)
    if not math.isfinite(minutes) or minutes > LONGEST:
        shown = text.strip() if len(text.strip()) <= 40 else f"{text.strip()[:30]}…"
        raise ValueError(
            f"duration {shown!r} is longer than a year; one session cannot take that long"
        )
    return round(minutes)


def _minutes(text: str) -> float:
    """The duration *text* in minutes, not yet rounded (perhaps infinite)."""
    source = text.strip()
    if not source:
        raise ValueError("empty duration")
    body = _APPROXIMATE.sub("", source, count=1).strip()
    if not body:
        raise ValueError(f"cannot read duration {text!r} (use e.g. 90m, 2h, 1h30m, 1.5h)")

    clock = _CLOCK_RANGE.match(body)
    if clock:
        start = int(clock["ah"]) * 60 + int(clock["am"])
        end = int(clock["bh"]) * 60 + int(clock["bm"])
        if start > 24 * 60 or end > 24 * 60:
            raise ValueError(f"cannot read the times in duration {text!r}")
        _rest_is_a_remark(body[clock.end() :], text)
        return (end - start) % (24 * 60)

    hours_minutes = _HOURS_MINUTES.match(body)
    if hours_minutes:
        _rest_is_a_remark(body[hours_minutes.end() :], text)
        return int(hours_minutes["h"]) * 60 + int(hours_minutes["m"])

    span = _RANGE.match(body)
    if span:
        unit = _unit(span["unit"], text)
        low_unit = _unit(span["lowunit"], text) if span["lowunit"] else unit
        low, high = _number(span["low"]) * low_unit, _number(span["high"]) * unit
        if high < low:
            raise ValueError(f"the range in duration {text!r} runs backwards")
        _rest_is_a_remark(body[span.end() :], text)
        return (low + high) / 2

    pos = 0
    total = 0.0
    seen: set[int] = set()
    while True:
        match = _PART.match(body, pos)
        if match is None:
            break
        unit = _unit(match["unit"], text)
        if unit in seen:
            raise ValueError(f"unit repeated in duration {text!r}")
        seen.add(unit)
        total += _number(match["number"]) * unit
        pos = match.end()
        joined = _JOIN.match(body, pos)
        if joined is None or joined.end() == len(body):
            break
        if not _PART.match(body, joined.end()):
            if unit == 60 and 1 not in seen:  # 1h30: the minutes without their unit
                bare = _BARE_MINUTES.match(body, joined.end())
                if bare and joined.end() == pos:
                    total += int(bare["m"])
                    pos = bare.end()
            break
        pos = joined.end()
    if not seen:
        raise ValueError(f"cannot read duration {text!r} (use e.g. 90m, 2h, 1h30m, 1.5h)")
    _rest_is_a_remark(body[pos:], text)
    return total


def format_duration(minutes: int) -> str:
    """Format minutes the way users write them: ``45m``, ``2h``, ``1h30m``."""
    hours, mins = divmod(int(minutes), 60)
    if hours and mins:
        return f"{hours}h{mins:02d}m"
    if hours:
        return f"{hours}h"
    return f"{mins}m"
