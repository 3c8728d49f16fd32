"""What each collection lists: filters and views over the logs. Pure functions.

The collection directives, ``devlog.json`` and the command line all use these,
so a filter means the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import TypeVar

from .chains import Chain, ChainResult
from .filenames import parse_date
from .model import Item, Log, Problem, split_list

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


def _limited(items: list[T], limit: int | None) -> list[T]:
    return items if limit is None else items[:limit]


def select_logs(logs: Iterable[Log], flt: Filter) -> list[Log]:
    """The matching logs, in the filter's order (date, then name), limited."""
    chosen = sorted((log for log in logs if flt.matches(log)), key=lambda log: log.sort_key)
    if flt.newest_first:
        chosen.reverse()
    return _limited(chosen, flt.limit)


# -- views ---------------------------------------------------------------------------


@dataclass(frozen=True)
class LogRow:
    log: Log
    open_steps: int


def logtable(logs: Iterable[Log], flt: Filter, chains: ChainResult) -> list[LogRow]:
    return [
        LogRow(log, sum(1 for s in log.steps if chains.step_open(log, s)))
        for log in select_logs(logs, flt)
    ]


def lessons(logs: Iterable[Log], flt: Filter) -> list[tuple[Log, Item]]:
    chosen = select_logs(logs, replace(flt, limit=None))
    rows = [(log, item) for log in chosen for item in log.lessons]
    return _limited(rows, flt.limit)


def outstanding(chains: ChainResult, flt: Filter) -> list[Chain]:
    """Open chains whose current log matches, oldest first (``-date``: newest first)."""
    rows = [c for c in chains.outstanding() if flt.matches(c.latest.log)]
    if flt.newest_first:
        rows.sort(key=lambda c: (c.first.log.sort_key, c.first.item.number), reverse=True)
    return _limited(rows, flt.limit)


@dataclass(frozen=True)
class Month:
    key: str  # YYYY-MM, or "" for undated logs
    logs: list[Log]

    @property
    def label(self) -> str:
        if not self.key:
            return "Undated"
        year, month = self.key.split("-")
        return dt.date(int(year), int(month), 1).strftime("%B %Y")


def timeline(logs: Iterable[Log], flt: Filter) -> list[Month]:
    """Logs grouped by month, in the filter's order (the timeline's default: newest first)."""
    months: dict[str, list[Log]] = {}
    for log in select_logs(logs, flt):
        months.setdefault(log.fields.date[:7], []).append(log)
    return [Month(key, group) for key, group in months.items()]


@dataclass
class Stats:
    logs: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    lessons: int = 0
    steps_open: int = 0
    steps_done: int = 0
    goals: int = 0
    goals_done: int = 0
    estimate_minutes: int = 0
    spent_minutes: int = 0
    #: logs that give both an estimate and the time spent
    timed_logs: int = 0
    timed_estimate_minutes: int = 0
    timed_spent_minutes: int = 0


def stats(logs: Iterable[Log], flt: Filter, chains: ChainResult, statuses: Sequence[str]) -> Stats:
    out = Stats(by_status=dict.fromkeys(statuses, 0))
    for log in select_logs(logs, flt):
        f = log.fields
        out.logs += 1
        out.by_status[f.status or "(none)"] = out.by_status.get(f.status or "(none)", 0) + 1
        out.lessons += len(log.lessons)
        for step in log.steps:
            if chains.step_open(log, step):
                out.steps_open += 1
            else:
                out.steps_done += 1
        out.goals += len(log.goals)
        out.goals_done += sum(1 for g in log.goals if g.done)
        out.estimate_minutes += f.estimate_minutes or 0
        out.spent_minutes += f.spent_minutes or 0
        if f.estimate_minutes is not None and f.spent_minutes is not None:
            out.timed_logs += 1
            out.timed_estimate_minutes += f.estimate_minutes
            out.timed_spent_minutes += f.spent_minutes
    return out


@dataclass(frozen=True)
class FileHistory:
    path: str
    touches: list[tuple[Log, Item]]


def file_history(logs: Iterable[Log], flt: Filter) -> list[FileHistory]:
    """Every modified file (by path) and the sessions that touched it, in the filter's order."""
    chosen = select_logs(logs, replace(flt, limit=None))
    files: dict[str, list[tuple[Log, Item]]] = {}
    for log in chosen:
        for item in log.files:
            if item.path:
                files.setdefault(item.path, []).append((log, item))
    rows = [FileHistory(path, files[path]) for path in sorted(files)]
    return _limited(rows, flt.limit)


# -- what a collection looked at ----------------------------------------------------------

#: collection -> the item kind it lists
COLLECTION_KINDS = {"outstanding": "step", "lessonlist": "lesson", "filehistory": "file"}
_SECTION_WORDS = {"step": "next-steps", "lesson": "lessons", "file": "files"}
_ITEM_WORDS = {"step": "open next steps", "lesson": "lessons", "file": "modified files"}


@dataclass(frozen=True)
class Coverage:
    """What a collection of one kind of item looked at among the selected logs."""

    kind: str
    logs: int
    #: logs with no section (or item directive) of the kind
    without: int
    #: sections of the kind that held something, but no item could be read from them
    unread: int
    #: items of the kind in the selected logs, and how many are done (next steps)
    items: int = 0
    done: int = 0


def coverage(
    logs: Iterable[Log], flt: Filter, kind: str, chains: ChainResult | None = None
) -> Coverage:
    chosen = [log for log in logs if flt.matches(log)]
    items = sum(len(log.items[kind]) for log in chosen)
    done = 0
    if kind == "step" and chains is not None:
        done = sum(1 for log in chosen for s in log.steps if not chains.step_open(log, s))
    return Coverage(
        kind=kind,
        logs=len(chosen),
        without=sum(1 for log in chosen if not log.sections.get(kind)),
        unread=sum(log.unread.get(kind, 0) for log in chosen),
        items=items,
        done=done,
    )


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def coverage_text(cov: Coverage, filtered: bool, empty: bool) -> str:
    """What a collection says about what it read: for an empty one, in place of a bare
    "nothing outstanding"; for others, when some logs could not give what it lists
    (``""`` when all could)."""
    section = f"{_SECTION_WORDS[cov.kind]} section"
    if cov.logs == 0:
        return "No logs match the filter." if filtered else "No logs."
    parts = []
    logs = _count(cov.logs, "selected log" if filtered else "log")
    if empty:
        first = f"No {_ITEM_WORDS[cov.kind]} in {logs}"
        if cov.kind == "step" and cov.items:
            first += f": {'the' if cov.items == 1 else 'all'} {_count(cov.items, 'next step')}"
            first += f" {'is' if cov.items == 1 else 'are'} done"
        parts.append(first + ".")
    elif cov.without or cov.unread:
        parts.append(f"Read from {logs}.")
    if cov.without:
        if cov.logs == 1:
            parts.append(f"It has no {section}.")
        elif cov.without == cov.logs:
            parts.append(f"None of them has a {section}.")
        else:
            verb = "has" if cov.without == 1 else "have"
            parts.append(f"{cov.without} of them {verb} no {section}.")
    if cov.unread:
        verb = "was" if cov.unread == 1 else "were"
        parts.append(
            f"{_count(cov.unread, section)} {verb} not read: nothing in "
            f"{'it' if cov.unread == 1 else 'them'} is a list (see the build's "
            "devlog.structure warnings)."
        )
    return " ".join(parts)
