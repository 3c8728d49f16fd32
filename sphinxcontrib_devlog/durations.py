"""Durations such as ``90m``, ``2h``, ``1h30m``, ``1.5h``. Pure functions."""

from __future__ import annotations

import re

_UNITS = {
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
_PART = re.compile(r"\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*", re.IGNORECASE)


def parse_duration(text: str) -> int:
    """Return the duration in whole minutes.

    Accepts one or more ``<number><unit>`` parts (units ``d`` = 8 working hours,
    ``h``/``hr``/``hours``, ``m``/``min``/``minutes``), e.g. ``90m``, ``2h``,
    ``1h30m``, ``1.5h``, ``1h 30min``. Raises :class:`ValueError` otherwise.
    """
    source = text.strip()
    if not source:
        raise ValueError("empty duration")
    pos = 0
    total = 0.0
    seen: set[int] = set()
    while pos < len(source):
        match = _PART.match(source, pos)
        if match is None or match.end() == pos:
            raise ValueError(f"cannot read duration {text!r} (use e.g. 90m, 2h, 1h30m, 1.5h)")
        unit = _UNITS.get(match.group(2).lower())
        if unit is None:
            raise ValueError(
                f"unknown unit {match.group(2)!r} in duration {text!r} (use d, h or m)"
            )
        if unit in seen:
            raise ValueError(f"unit repeated in duration {text!r}")
        seen.add(unit)
        total += float(match.group(1)) * unit
        pos = match.end()
    return round(total)


def format_duration(minutes: int) -> str:
    """Format minutes the way users write them: ``45m``, ``2h``, ``1h30m``."""
    hours, mins = divmod(int(minutes), 60)
    if hours and mins:
        return f"{hours}h{mins:02d}m"
    if hours:
        return f"{hours}h"
    return f"{mins}m"
