"""``devlog:timeline``: the logs month by month, newest first."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes

from ..badges import badge
from ..chains import ChainResult
from ..config import DevlogConfig
from ..model import Log
from .base import Collection, View, date_of, para
from .filters import Filter, select_logs
from .stream import Entries


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


class Timeline(Collection):
    name = "timeline"
    order = 40
    example = ":since: 2024-03-01"
    default_sort = "-date"

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Month]:
        """Logs grouped by month, in the filter's order (newest first unless told)."""
        months: dict[str, list[Log]] = {}
        for log in select_logs(logs, flt):
            months.setdefault(log.fields.date[:7], []).append(log)
        return [Month(key, group) for key, group in months.items()]

    def content(self, rows: list[Month], view: View) -> list[nodes.Node]:
        link, config = view.link, view.config

        def entry(log: Log) -> nodes.list_item:
            line = para()
            if log.fields.status:
                line += badge(log.fields.status, config)
                line += nodes.Text(" ")
            line += nodes.Text(f"{date_of(log)} ")
            line += link.log(log)
            return nodes.list_item("", line)

        out: list[nodes.Node] = []
        for month in rows:
            out.append(nodes.rubric(month.label, month.label, classes=["devlog-month"]))
            lst = nodes.bullet_list(classes=["devlog-timeline-month"])
            out.append(view.entries(Entries(lst, lst, month.logs, entry)))
        return out


COLLECTION = Timeline()
