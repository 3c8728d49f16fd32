"""``devlog:logtable``: a table of the logs — date, title, status, purpose, open steps."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docutils import nodes

from ..badges import badge
from ..chains import ChainResult
from ..config import DevlogConfig
from ..export import build
from ..model import Log
from .base import Collection, View, date_of, para, table_frame, table_row
from .filters import Filter, select_logs
from .stream import Entries


@dataclass(frozen=True)
class LogRow:
    log: Log
    open_steps: int


class LogTable(Collection):
    name = "logtable"
    order = 30
    example = ":sort: -date"
    cli_option = "logs"
    cli_help = "every log"
    cli_headers = ("Date", "Status", "Title", "Open", "Name")

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[LogRow]:
        return [
            LogRow(log, sum(1 for s in log.steps if chains.step_open(log, s)))
            for log in select_logs(logs, flt)
        ]

    def content(self, rows: list[LogRow], view: View) -> list[nodes.Node]:
        link, config = view.link, view.config

        def entry(row: LogRow) -> nodes.row:
            f = row.log.fields
            return table_row(
                [
                    para(date_of(row.log)),
                    para(link.log(row.log)),
                    para(badge(f.status, config)) if f.status else para(""),
                    para(f.purpose),
                    para(str(row.open_steps)),
                ]
            )

        frame, body = table_frame(
            ["Date", "Log", "Status", "Purpose", "Open steps"], [14, 28, 12, 36, 10]
        )
        return [view.entries(Entries(frame, body, rows, entry))]

    def cli_cells(self, row: LogRow) -> list[str]:
        f = row.log.fields
        return [f.date or "", f.status, row.log.title, str(row.open_steps), row.log.name]

    def cli_records(
        self, logs: Sequence[Log], chains: ChainResult, config: DevlogConfig
    ) -> list[Any]:
        return build(logs, chains)["logs"]  # every field, as devlog.json has them


COLLECTION = LogTable()
