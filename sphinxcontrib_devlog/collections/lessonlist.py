"""``devlog:lessonlist``: every lesson learned, log by log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from docutils import nodes

from ..chains import ChainResult
from ..config import DevlogConfig
from ..model import Item, Log
from .base import Collection, View, date_of, para
from .filters import Filter, limited, select_logs
from .stream import Entries

Row = tuple[Log, Item]


class LessonList(Collection):
    name = "lessonlist"
    order = 20
    example = ":status: failed, blocked"
    item_kind = "lesson"
    cli_option = "lessons"
    cli_help = "every lesson"
    cli_headers = ("Date", "Lesson", "Log")

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Row]:
        chosen = select_logs(logs, replace(flt, limit=None))
        return limited([(log, item) for log in chosen for item in log.lessons], flt.limit)

    def content(self, rows: list[Row], view: View) -> list[nodes.Node]:
        link = view.link

        def entry(row: Row) -> nodes.list_item:
            log, item = row
            return nodes.list_item(
                "", para(link.item(log, item), " — ", link.log(log), f" ({date_of(log)})")
            )

        lst = nodes.bullet_list(classes=["devlog-lessonlist-items"])
        return [view.entries(Entries(lst, lst, rows, entry))]

    def cli_cells(self, row: Row) -> list[str]:
        log, item = row
        return [log.fields.date or "", item.text, log.title]

    def cli_record(self, row: Row) -> dict[str, Any]:
        log, item = row
        return {
            "id": item.ident(log.name),
            "text": item.text,
            "log": log.name,
            "date": log.fields.date or None,
        }


COLLECTION = LessonList()
