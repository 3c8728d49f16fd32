"""``devlog:chart``: bar charts of the logs — statuses per month, estimates against time
spent, open next steps by age.

``:kind:`` says which (:data:`KINDS`); the filters select the logs as everywhere. The
numbers are counted by pure functions (:func:`status_by_month`, :func:`estimate_vs_spent`,
:func:`open_steps_by_age`), made into :class:`~.svg.Figure` s (:func:`figures`), and shown
on HTML pages as inline SVG (:mod:`.svg`) with the numbers in a table under it; other
builders get the title and the table alone.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from docutils import nodes

from ..chains import Chain, ChainResult
from ..config import DevlogConfig
from ..model import Log
from .base import Choice, Collection, View, para, table
from .coverage import coverage, coverage_text
from .filters import Filter, select_logs
from .outstanding import Outstanding
from .svg import Bar, Figure, Row, Segment, draw, table_rows

STATUS_BY_MONTH, ESTIMATE_VS_SPENT, OPEN_STEPS_BY_AGE = (
    "status-by-month",
    "estimate-vs-spent",
    "open-steps-by-age",
)
KINDS = (STATUS_BY_MONTH, ESTIMATE_VS_SPENT, OPEN_STEPS_BY_AGE)
#: the status of a log that gives none
NO_STATUS = "(none)"
#: the age buckets of open steps: (label, days below which a step falls in it)
AGES: tuple[tuple[str, int | None], ...] = (
    ("under a week", 7),
    ("1–4 weeks", 30),
    ("1–3 months", 91),
    ("3–12 months", 365),
    ("over a year", None),
)
#: the buckets of sessions that carried an open step: 1, 2, 3, 4, 5 or more
SESSIONS = ("1", "2", "3", "4", "5 or more")


def _plural(number: int, word: str, plural: str = "") -> str:
    return f"{number} {word if number == 1 else plural or word + 's'}"


def _month_after(month: str) -> str:
    year, number = int(month[:4]), int(month[5:7])
    return f"{year + number // 12:04d}-{number % 12 + 1:02d}"


def _months(first: str, last: str) -> list[str]:
    """Every month from *first* to *last* (``YYYY-MM``), both included."""
    out = [first]
    while out[-1] < last:
        out.append(_month_after(out[-1]))
    return out


# -- the numbers (pure) ----------------------------------------------------------------


@dataclass(frozen=True)
class StatusMonths:
    """Logs per month and status."""

    #: (month, count per status in :attr:`statuses`' order), every month from the first
    #: to the last dated log, in the filter's order
    months: tuple[tuple[str, tuple[int, ...]], ...]
    #: the statuses counted: the configured ones that occur, in their order, then others
    statuses: tuple[str, ...]
    #: the selected logs, and how many of them are undated (not drawn)
    logs: int
    undated: int


def status_by_month(logs: Sequence[Log], flt: Filter, statuses: Sequence[str]) -> StatusMonths:
    chosen = select_logs(logs, flt)
    counts: dict[str, dict[str, int]] = {}
    undated = 0
    for log in chosen:
        if not log.fields.date:
            undated += 1
            continue
        status = log.fields.status.lower() or NO_STATUS
        month = counts.setdefault(log.fields.date[:7], {})
        month[status] = month.get(status, 0) + 1
    seen = {s for month in counts.values() for s in month}
    known = [s for s in statuses if s in seen]
    others = sorted(seen - set(known) - {NO_STATUS})
    order = (*known, *others, *([NO_STATUS] if NO_STATUS in seen else []))
    months = _months(min(counts), max(counts)) if counts else []
    if flt.newest_first:
        months.reverse()
    return StatusMonths(
        months=tuple((m, tuple(counts.get(m, {}).get(s, 0) for s in order)) for m in months),
        statuses=order,
        logs=len(chosen),
        undated=undated,
    )


@dataclass(frozen=True)
class TimedMonth:
    """The logs of a month that give both an estimate and the time spent."""

    month: str
    logs: int
    estimate_minutes: int
    spent_minutes: int

    @property
    def ratio(self) -> float | None:
        """Spent over estimated (``None`` with nothing estimated)."""
        return self.spent_minutes / self.estimate_minutes if self.estimate_minutes else None


@dataclass(frozen=True)
class EstimateSpent:
    #: months with such logs, in the filter's order
    months: tuple[TimedMonth, ...]
    #: the selected logs; those giving both; those giving both but undated (not drawn)
    logs: int
    timed: int
    undated: int

    @property
    def total(self) -> TimedMonth:
        return TimedMonth(
            "all",
            sum(m.logs for m in self.months),
            sum(m.estimate_minutes for m in self.months),
            sum(m.spent_minutes for m in self.months),
        )


def estimate_vs_spent(logs: Sequence[Log], flt: Filter) -> EstimateSpent:
    chosen = select_logs(logs, flt)
    months: dict[str, list[int]] = {}
    timed = undated = 0
    for log in chosen:
        f = log.fields
        if f.estimate_minutes is None or f.spent_minutes is None:
            continue
        timed += 1
        if not f.date:
            undated += 1
            continue
        sums = months.setdefault(f.date[:7], [0, 0, 0])
        sums[0] += 1
        sums[1] += f.estimate_minutes
        sums[2] += f.spent_minutes
    keys = sorted(months, reverse=flt.newest_first)
    return EstimateSpent(
        months=tuple(TimedMonth(k, *months[k]) for k in keys),
        logs=len(chosen),
        timed=timed,
        undated=undated,
    )


@dataclass(frozen=True)
class OpenSteps:
    #: open steps per age bucket (:data:`AGES`) and per sessions carried (:data:`SESSIONS`)
    by_age: tuple[int, ...]
    by_sessions: tuple[int, ...]
    #: the open steps counted; those raised in an undated log (no age)
    steps: int
    undated: int
    #: the newest log's date in the project: ages count up to it
    newest: str


def age_bucket(days: int) -> int:
    """The index in :data:`AGES` of a step *days* old."""
    for index, (_, below) in enumerate(AGES):
        if below is None or days < below:
            return index
    raise AssertionError("the last bucket takes every age")


def open_steps_by_age(
    logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
) -> OpenSteps:
    """The open next steps :class:`~.outstanding.Outstanding` lists with the same filter,
    by age (days from the log that raised each to the newest log of the project, not
    today: a build gives the same page whenever it runs) and by sessions carried."""
    steps: list[Chain] = Outstanding().rows(logs, chains, flt, config)
    newest = max((log.fields.date for log in logs if log.fields.date), default="")
    by_age = [0] * len(AGES)
    by_sessions = [0] * len(SESSIONS)
    undated = 0
    end = dt.date.fromisoformat(newest) if newest else None
    for chain in steps:
        by_sessions[min(chain.sessions, len(SESSIONS)) - 1] += 1
        raised = chain.first.log.fields.date
        if not raised or end is None:
            undated += 1
            continue
        by_age[age_bucket((end - dt.date.fromisoformat(raised)).days)] += 1
    return OpenSteps(tuple(by_age), tuple(by_sessions), len(steps), undated, newest)


# -- the figures (pure) ----------------------------------------------------------------


def hours(minutes: int) -> str:
    return f"{minutes / 60:.1f}"


def ratio_text(ratio: float | None) -> str:
    return "–" if ratio is None else f"{ratio:.2f}"


def status_figure(data: StatusMonths, colours: dict[str, str]) -> Figure:
    def css(status: str) -> str:
        return colours.get(status, "unknown")

    rows = []
    for month, counts in data.months:
        total = sum(counts)
        parts = [f"{n} {s}" for s, n in zip(data.statuses, counts, strict=True) if n]
        words = (
            f"{month}: {_plural(total, 'log')} ({', '.join(parts)})."
            if total
            else (f"{month}: no logs.")
        )
        rows.append(
            Row(
                label=month,
                bars=(
                    Bar(
                        tuple(
                            Segment(n, css(s), s)
                            for s, n in zip(data.statuses, counts, strict=True)
                            if n
                        ),
                        str(total),
                    ),
                ),
                cells=(month, *map(str, counts), str(total)),
                words=words,
            )
        )
    dated = data.logs - data.undated
    span = f"{data.months[0][0]} to {data.months[-1][0]}" if data.months else ""
    return Figure(
        title="Logs per month, by status",
        summary=f"Logs per month, by status, {span}: {_plural(dated, 'log')} in all.",
        headers=("Month", *data.statuses, "Logs"),
        rows=tuple(rows),
        legend=tuple((css(s), s) for s in data.statuses),
    )


def estimate_figure(data: EstimateSpent) -> Figure:
    rows = []
    for month in data.months:
        ratio = ratio_text(month.ratio)
        est, spent = hours(month.estimate_minutes), hours(month.spent_minutes)
        rows.append(
            Row(
                label=month.month,
                bars=(
                    Bar(
                        (Segment(month.estimate_minutes / 60, "estimate", "estimated h"),),
                        f"{est} h",
                    ),
                    Bar(
                        (Segment(month.spent_minutes / 60, "spent", "spent h"),),
                        f"{spent} h (×{ratio})" if month.ratio is not None else f"{spent} h",
                    ),
                ),
                cells=(month.month, str(month.logs), est, spent, ratio),
                words=(
                    f"{month.month}: {_plural(month.logs, 'log')}, {est} hours estimated, "
                    f"{spent} hours spent"
                    + (
                        f", {ratio} times the estimate."
                        if month.ratio is not None
                        else ", nothing estimated."
                    )
                ),
            )
        )
    total = data.total
    return Figure(
        title="Hours estimated and spent per month",
        summary=(
            f"Hours estimated and spent per month, over the {_plural(total.logs, 'log')} "
            f"giving both: {hours(total.estimate_minutes)} hours estimated, "
            f"{hours(total.spent_minutes)} hours spent in all, "
            f"{ratio_text(total.ratio)} times the estimate."
        ),
        headers=("Month", "Logs", "Estimated (h)", "Spent (h)", "Spent ÷ estimated"),
        rows=tuple(rows),
        legend=(("estimate", "estimated"), ("spent", "spent")),
        extra_cells=(
            (
                "All",
                str(total.logs),
                hours(total.estimate_minutes),
                hours(total.spent_minutes),
                ratio_text(total.ratio),
            ),
        ),
    )


def steps_figures(data: OpenSteps) -> tuple[Figure, Figure]:
    aged = data.steps - data.undated
    age_rows = tuple(
        Row(
            label=label,
            bars=(Bar((Segment(n, "age", label),), str(n)),),
            cells=(label, str(n)),
            words=f"{label}: {n}.",
        )
        for (label, _), n in zip(AGES, data.by_age, strict=True)
    )
    by_age = Figure(
        title="Open next steps by age",
        summary=(
            f"Open next steps by age, counted from the session that raised each to the "
            f"newest log ({data.newest}): {_plural(aged, 'step')}."
        ),
        headers=("Age", "Open next steps"),
        rows=age_rows,
    )
    session_rows = []
    for i, (label, n) in enumerate(zip(SESSIONS, data.by_sessions, strict=True)):
        # steps carried through five sessions or more are the ones to look at
        css = "stale" if i == len(SESSIONS) - 1 else "carried"
        said = "listed in 1 session" if i == 0 else f"carried through {label} sessions"
        session_rows.append(
            Row(
                label=label,
                bars=(Bar((Segment(n, css, f"{label} sessions"),), str(n)),),
                cells=(label, str(n)),
                words=f"{said}: {n}.",
            )
        )
    by_sessions = Figure(
        title="Open next steps by sessions carried",
        summary=(
            f"Open next steps by the sessions that listed them: {_plural(data.steps, 'step')}."
        ),
        headers=("Sessions", "Open next steps"),
        rows=tuple(session_rows),
    )
    return by_age, by_sessions


@dataclass(frozen=True)
class Chart:
    """A chart's numbers, what it draws, and what it says it left out."""

    kind: str
    data: StatusMonths | EstimateSpent | OpenSteps
    figures: tuple[Figure, ...]
    #: said under the chart ("" when nothing was left out)
    note: str


def chart(
    kind: str,
    logs: Sequence[Log],
    chains: ChainResult,
    flt: Filter,
    config: DevlogConfig,
) -> Chart | None:
    """The chart of *kind* over the logs the filter selects (``None``: nothing to draw;
    :func:`empty_text` says why)."""
    selected = "selected logs" if flt.filtered else "logs"
    if kind == ESTIMATE_VS_SPENT:
        timed = estimate_vs_spent(logs, flt)
        if not timed.months:
            return None
        notes = []
        if timed.timed < timed.logs:
            notes.append(
                f"From {timed.timed} of {timed.logs} {selected}: the others do not give both "
                "an estimate and the time spent."
            )
        if timed.undated:
            notes.append(f"{_plural(timed.undated, 'undated log')} not drawn.")
        return Chart(kind, timed, (estimate_figure(timed),), " ".join(notes))
    if kind == OPEN_STEPS_BY_AGE:
        steps = open_steps_by_age(logs, chains, flt, config)
        if not steps.steps:
            return None
        notes = [coverage_text(coverage(logs, flt, "step", chains), flt.filtered, empty=False)]
        if steps.undated:
            notes.append(
                f"{_plural(steps.undated, 'step')} raised in an undated log "
                f"{'has' if steps.undated == 1 else 'have'} no age."
            )
        return Chart(kind, steps, steps_figures(steps), " ".join(n for n in notes if n))
    months = status_by_month(logs, flt, list(config.devlog_statuses))
    if not months.months:
        return None
    note = f"{_plural(months.undated, 'undated log')} not drawn." if months.undated else ""
    return Chart(kind, months, (status_figure(months, dict(config.devlog_statuses)),), note)


def empty_text(kind: str, logs: Sequence[Log], chains: ChainResult, flt: Filter) -> str:
    """What a chart with nothing to draw says it looked at."""
    chosen = select_logs(logs, flt)
    if not chosen:
        return "No logs match the filter." if flt.filtered else "No logs."
    among = _plural(len(chosen), "selected log" if flt.filtered else "log")
    if kind == ESTIMATE_VS_SPENT:
        return f"No log gives both an estimate and the time spent, among {among}."
    if kind == OPEN_STEPS_BY_AGE:
        cov = coverage(logs, flt, "step", chains)
        elsewhere = cov.items - cov.done
        if not elsewhere:
            return coverage_text(cov, flt.filtered, empty=True)
        # open steps of these logs, listed now in a later log the filter leaves out
        return (
            f"No open next steps listed now in {among}: "
            f"{_plural(elsewhere, 'open step')} raised in {'it' if len(chosen) == 1 else 'them'} "
            f"{'is' if elsewhere == 1 else 'are'} listed now in a later log "
            "that the filter leaves out."
        )
    return f"No dated logs among {among}."


# -- the collection --------------------------------------------------------------------


class ChartCollection(Collection):
    name = "chart"
    order = 70
    example = ":kind: status-by-month"
    options = MappingProxyType({"kind": Choice(KINDS, STATUS_BY_MONTH, required=True)})

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Chart]:
        """The status-by-month chart (one row; none when there is nothing to draw)."""
        return self.chart_rows(STATUS_BY_MONTH, logs, chains, flt, config)

    def chart_rows(
        self,
        kind: str,
        logs: Sequence[Log],
        chains: ChainResult,
        flt: Filter,
        config: DevlogConfig,
    ) -> list[Chart]:
        found = chart(kind, logs, chains, flt, config)
        return [found] if found is not None else []

    def select(self, view: View) -> list[Any]:
        kind = view.options.get("kind", STATUS_BY_MONTH)
        return self.chart_rows(kind, view.logs, view.chains, view.flt, view.config)

    def empty(self, view: View) -> list[nodes.Node]:
        kind = view.options.get("kind", STATUS_BY_MONTH)
        text = empty_text(kind, view.logs, view.chains, view.flt)
        return [para(text, classes=["devlog-empty"])]

    def content(self, rows: list[Chart], view: View) -> list[nodes.Node]:
        shown = rows[0]
        out: list[nodes.Node] = []
        for index, figure in enumerate(shown.figures):
            box = nodes.container(classes=["devlog-chart-figure", f"devlog-chart-{shown.kind}"])
            box += para(figure.title, classes=["devlog-chart-title"])
            cells = table_rows(figure)
            widths = [
                max(len(figure.headers[i]), *(len(row[i]) for row in cells))
                for i in range(len(figure.headers))
            ]
            numbers = table(figure.headers, [[para(cell) for cell in row] for row in cells], widths)
            if view.html:
                box += nodes.raw("", draw(figure, f"{view.ident}-{index}"), format="html")
                box += nodes.raw(
                    "",
                    '<details class="devlog-chart-numbers"><summary>The numbers</summary>',
                    format="html",
                )
                box += numbers
                box += nodes.raw("", "</details>", format="html")
            else:
                box += numbers
            out.append(box)
        if shown.note:
            out.append(para(shown.note, classes=["devlog-coverage"]))
        return out


COLLECTION = ChartCollection()
