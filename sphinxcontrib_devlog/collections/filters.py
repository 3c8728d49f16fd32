"""Which logs a collection looks at: the filter options every collection takes.

Pure functions; the collection directives and the command line use them, so a filter
means the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TypeVar

from ..filenames import parse_date
from ..model import Log, Problem, split_list

#: the options every collection takes
FILTER_OPTIONS = ("status", "tags", "since", "until", "limit", "sort")
SORTS = ("date", "-date")
T = TypeVar("T")


@dataclass(frozen=True)
class Filter:
    """Which logs a collection looks at, in which order, and how many entries it lists."""

    statuses: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    since: str = ""
    until: str = ""
    limit: int | None = None
    sort: str = "date"

    def matches(self, log: Log) -> bool:
        f = log.fields
        if self.statuses and f.status.lower() not in self.statuses:
            return False
        if self.tags and not {t.casefold() for t in f.tags} & set(self.tags):
            return False
        if self.since and (not f.date or f.date < self.since):
            return False
        return not (self.until and (not f.date or f.date > self.until))

    @property
    def newest_first(self) -> bool:
        return self.sort == "-date"

    @property
    def filtered(self) -> bool:
        """Whether the filter leaves logs out (its sort aside)."""
        return self != Filter(sort=self.sort)


def parse_filter(
    options: Mapping[str, str], statuses: Iterable[str], default_sort: str = "date"
) -> tuple[Filter, list[Problem]]:
    """Read the filter options of a collection; bad values are reported and dropped."""
    problems: list[Problem] = []
    known = list(statuses)
    wanted = [s.lower() for s in split_list(options.get("status", ""))]
    bad = [s for s in wanted if s not in known]
    if bad:
        problems.append(
            Problem(
                "field",
                f"unknown status {', '.join(map(repr, bad))} in :status: (known: "
                f"{', '.join(known)}); "
                + (
                    "the others are used"
                    if len(bad) < len(wanted)
                    else "the status filter is not applied"
                ),
                "status",
            )
        )
    status_filter = tuple(s for s in wanted if s in known)
    tags = tuple(t.casefold() for t in split_list(options.get("tags", "")))
    dates: dict[str, str] = {}
    for option in ("since", "until"):
        text = options.get(option, "").strip()
        if not text:
            continue
        parsed = parse_date(text)
        if parsed is None:
            problems.append(
                Problem(
                    "date",
                    f"invalid date {text!r} in :{option}: (expected YYYY-MM-DD); not applied",
                    option,
                )
            )
        else:
            dates[option] = parsed.isoformat()
    limit: int | None = None
    limit_text = options.get("limit", "").strip()
    if limit_text:
        if limit_text.isdigit() and int(limit_text) > 0:
            limit = int(limit_text)
        else:
            problems.append(
                Problem(
                    "field",
                    f"invalid :limit: {limit_text!r} (a whole number above 0); not applied",
                    "limit",
                )
            )
    sort = default_sort
    sort_text = options.get("sort", "").strip()
    if sort_text:
        if sort_text in SORTS:
            sort = sort_text
        else:
            problems.append(
                Problem(
                    "field",
                    f"invalid :sort: {sort_text!r} (use date or -date); using {default_sort}",
                    "sort",
                )
            )
    if "since" in dates and "until" in dates and dates["since"] > dates["until"]:
        problems.append(
            Problem(
                "date",
                f":since: {dates['since']} is after :until: {dates['until']}; nothing can match",
                "since",
            )
        )
    return (
        Filter(
            statuses=status_filter,
            tags=tags,
            since=dates.get("since", ""),
            until=dates.get("until", ""),
            limit=limit,
            sort=sort,
        ),
        problems,
    )


def limited(items: list[T], limit: int | None) -> list[T]:
    return items if limit is None else items[:limit]


def select_logs(logs: Iterable[Log], flt: Filter) -> list[Log]:
    """The matching logs, in the filter's order (date, then name), limited."""
    chosen = sorted((log for log in logs if flt.matches(log)), key=lambda log: log.sort_key)
    if flt.newest_first:
        chosen.reverse()
    return limited(chosen, flt.limit)
