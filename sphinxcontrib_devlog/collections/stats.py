"""``devlog:stats``: counts over the logs — statuses, lessons, steps, goals, time."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from docutils import nodes

from ..badges import badge
from ..chains import ChainResult
from ..config import DevlogConfig
from ..durations import format_duration
from ..model import Log
from .base import Collection, View, para, table
from .filters import Filter, select_logs


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


def count(logs: Sequence[Log], flt: Filter, chains: ChainResult, statuses: Sequence[str]) -> Stats:
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


class StatsCollection(Collection):
    name = "stats"
    order = 50

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Stats]:
        """One row: the counts (shown even when no log matches)."""
        return [count(logs, flt, chains, list(config.devlog_statuses))]

    def content(self, rows: list[Stats], view: View) -> list[nodes.Node]:
        data, config = rows[0], view.config
        cells: list[list[nodes.Node]] = [[para("Logs"), para(str(data.logs))]]
        for status, number in data.by_status.items():
            if number:
                cells.append([para(badge(status, config)), para(str(number))])
        cells.append([para("Lessons"), para(str(data.lessons))])
        cells.append([para("Next steps"), para(f"{data.steps_open} open, {data.steps_done} done")])
        cells.append([para("Goals"), para(f"{data.goals_done} of {data.goals} done")])
        if data.timed_logs:
            over = data.timed_spent_minutes - data.timed_estimate_minutes
            verdict = (
                f"{format_duration(over)} over"
                if over > 0
                else f"{format_duration(-over)} under"
                if over < 0
                else "on estimate"
            )
            cells.append(
                [
                    para("Estimate against spent"),
                    para(
                        f"{format_duration(data.timed_estimate_minutes)} estimated, "
                        f"{format_duration(data.timed_spent_minutes)} spent ({verdict}; "
                        f"{data.timed_logs} log{'s' if data.timed_logs != 1 else ''} give both)"
                    ),
                ]
            )
        cells.append([para("Time spent in all"), para(format_duration(data.spent_minutes))])
        return [table(["Measure", "Value"], cells, [40, 60])]


COLLECTION = StatsCollection()
