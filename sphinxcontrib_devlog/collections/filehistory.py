"""``devlog:filehistory``: every modified file, and the sessions that touched it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from docutils import nodes

from ..chains import ChainResult
from ..config import DevlogConfig
from ..model import Item, Log
from ..sourcelinks import source_reference, source_uri
from .base import Collection, View, date_of, para
from .filters import Filter, limited, select_logs
from .stream import Entries


@dataclass(frozen=True)
class FileHistory:
    path: str
    touches: list[tuple[Log, Item]]


class FileHistoryCollection(Collection):
    name = "filehistory"
    order = 60
    item_kind = "file"

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[FileHistory]:
        """Every modified file (by path) and the sessions that touched it, in the filter's
        order."""
        files: dict[str, list[tuple[Log, Item]]] = {}
        for log in select_logs(logs, replace(flt, limit=None)):
            for item in log.files:
                if item.path:
                    files.setdefault(item.path, []).append((log, item))
        return limited([FileHistory(path, files[path]) for path in sorted(files)], flt.limit)

    def content(self, rows: list[FileHistory], view: View) -> list[nodes.Node]:
        link = view.link
        env = link.builder.env

        def entry(row: FileHistory) -> nodes.list_item:
            touches = nodes.bullet_list()
            for log, item in row.touches:
                line = para(f"{date_of(log)} ", link.log(log))
                if item.description:
                    line += nodes.Text(" — ")
                    line += link.item(log, item, item.description)
                touches += nodes.list_item("", line)
            path: nodes.Element = nodes.literal(row.path, row.path)
            latest = max(row.touches, key=lambda touch: touch[0].sort_key)[1]
            uri = source_uri(env, view.config, row.path, latest)  # devlog_source_url
            if uri is not None:
                path = source_reference(path, uri)
            return nodes.list_item("", para(path), touches)

        lst = nodes.bullet_list(classes=["devlog-filehistory-files"])
        return [view.entries(Entries(lst, lst, rows, entry))]


COLLECTION = FileHistoryCollection()
