"""``sphinx-devlog list``: the outstanding next steps, the lessons or the logs, as a table
or JSON."""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from typing import Any

from .. import export, selection
from .project import build, find_sourcedir, width


def _table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    widths = [width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], width(cell))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])


def cmd_list(args: argparse.Namespace) -> int:
    sourcedir = find_sourcedir(args.sourcedir)
    app, _text = build(sourcedir, jobs=args.jobs)
    domain = app.env.domains["devlog"]
    logs = list(domain.logs.values())
    chains = domain.chains
    everything = selection.Filter()
    if args.lessons:
        rows = selection.lessons(logs, everything)
        if args.json:
            data: Any = [
                {
                    "id": item.ident(log.name),
                    "text": item.text,
                    "log": log.name,
                    "date": log.fields.date or None,
                }
                for log, item in rows
            ]
        else:
            table = [[log.fields.date or "", item.text, log.title] for log, item in rows]
            text = _with_coverage(
                _table(["Date", "Lesson", "Log"], table) if table else "", logs, "lesson", chains
            )
    elif args.logs:
        if args.json:
            data = export.build(logs, chains)["logs"]
        else:
            table = [
                [
                    row.log.fields.date or "",
                    row.log.fields.status,
                    row.log.title,
                    str(row.open_steps),
                    row.log.name,
                ]
                for row in selection.logtable(logs, everything, chains)
            ]
            text = (
                _table(["Date", "Status", "Title", "Open", "Name"], table) if table else "No logs."
            )
    else:
        outstanding = selection.outstanding(chains, everything)
        if args.json:
            data = [export.outstanding_record(chain) for chain in outstanding]
        else:
            table = [
                [
                    c.first.log.fields.date or "",
                    c.text,
                    c.latest.log.title,
                    str(c.sessions),
                    c.latest.ident,
                ]
                for c in outstanding
            ]
            text = _with_coverage(
                _table(["Raised", "Next step", "Listed in", "Sessions", "Id"], table)
                if table
                else "",
                logs,
                "step",
                chains,
            )
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(text)
    return 0


def _with_coverage(text: str, logs: list[Any], kind: str, chains: Any) -> str:
    """A listing, or what was looked at when it is empty; and what could not be read."""
    cov = selection.coverage(logs, selection.Filter(), kind, chains)
    said = selection.coverage_text(cov, False, not text)
    return "\n\n".join(part for part in (text, said) if part)
