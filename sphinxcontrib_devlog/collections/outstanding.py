"""``devlog:outstanding``: every next step still open, oldest first.

A step is open until a later log marks it done, closes it or drops it
(:mod:`sphinxcontrib_devlog.chains`); a step carried from log to log is one row,
raised in the first log and listed now in the latest.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from docutils import nodes

from ..chains import Chain, ChainResult
from ..config import DevlogConfig
from ..export import outstanding_record
from ..model import Log
from .base import Collection, View, date_of, para, table_frame, table_row
from .filters import Filter, limited
from .stream import Entries


class Outstanding(Collection):
    name = "outstanding"
    order = 10
    item_kind = "step"
    cli_option = "outstanding"  # the first listed: the default of ``sphinx-devlog list``
    cli_help = "open next steps (default)"
    cli_headers = ("Raised", "Next step", "Listed in", "Sessions", "Id")

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Chain]:
        """Open chains whose current log matches, oldest first (``-date``: newest first)."""
        rows = [c for c in chains.outstanding() if flt.matches(c.latest.log)]
        if flt.newest_first:
            rows.sort(key=lambda c: (c.first.log.sort_key, c.first.item.number), reverse=True)
        return limited(rows, flt.limit)

    def content(self, rows: list[Chain], view: View) -> list[nodes.Node]:
        link = view.link

        def entry(chain: Chain) -> nodes.row:
            first, latest = chain.first, chain.latest
            now = para(f"{date_of(latest.log)} ", link.log(latest.log))
            if latest.item.kind == "goal":
                now += nodes.Text(" (as a goal)")
            return table_row(
                [
                    para(link.item(latest.log, latest.item, chain.text)),
                    para(f"{date_of(first.log)} ", link.log(first.log)),
                    now,
                    para(str(chain.sessions)),
                ]
            )

        frame, body = table_frame(
            ["Next step", "Raised", "Listed now", "Sessions"], [40, 25, 25, 10]
        )
        return [view.entries(Entries(frame, body, rows, entry))]

    def cli_cells(self, row: Chain) -> list[str]:
        return [
            row.first.log.fields.date or "",
            row.text,
            row.latest.log.title,
            str(row.sessions),
            row.latest.ident,
        ]

    def cli_record(self, row: Chain) -> dict[str, Any]:
        return outstanding_record(row)


COLLECTION = Outstanding()
