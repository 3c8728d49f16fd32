"""Docutils nodes for the collections, built from :mod:`sphinxcontrib_devlog.selection`.

Only standard nodes (tables, lists, rubrics, references), so HTML, text and LaTeX
all render them; every entry links to the exact anchor of its log or item.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from . import selection
from .chains import ChainResult
from .config import DevlogConfig
from .durations import format_duration
from .model import Item, Log
from .render import badge

if TYPE_CHECKING:
    from sphinx.builders import Builder

EMPTY = {
    "logtable": "No logs.",
    "timeline": "No logs.",
}
FILTERED_EMPTY = {
    "logtable": "No logs match the filter.",
    "timeline": "No logs match the filter.",
}


class Linker:
    """References from one page to logs and items.

    A collection links to every log, often several times: the relative URI of each
    log's page is worked out once (as :func:`sphinx.util.nodes.make_refnode` does)
    and reused for the next link.
    """

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.builder = builder
        self.fromdocname = fromdocname
        self._uris: dict[str, str] = {}

    def _ref(
        self, docname: str, anchor: str | None, text: str, title: str, cls: str
    ) -> nodes.reference:
        if docname == self.fromdocname and anchor:
            ref = make_refnode(
                self.builder, self.fromdocname, docname, anchor, nodes.Text(text), title
            )
            ref["classes"].append(cls)
            return ref
        uri = self._uris.get(docname)
        if uri is None:
            uri = self._uris[docname] = self.builder.get_relative_uri(self.fromdocname, docname)
        # the class sits on the link itself: a collection holds thousands of links,
        # and a wrapper node for each made the page a fifth larger to build and write
        return nodes.reference(
            text,
            text,
            internal=True,
            reftitle=title,
            refuri=f"{uri}#{anchor}" if anchor else uri,
            classes=[cls],
        )

    def log(self, log: Log, text: str | None = None) -> nodes.reference:
        label = text if text is not None else log.title
        return self._ref(log.docname, None, label, log.title, "devlog-log-link")

    def item(self, log: Log, item: Item, text: str | None = None) -> nodes.reference:
        label = text if text is not None else item.text
        return self._ref(
            log.docname, item.anchor, label, f"{log.title}: {item.text}", f"devlog-{item.kind}-link"
        )


def _para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    para = nodes.paragraph(classes=list(classes))
    for child in children:
        para += nodes.Text(child) if isinstance(child, str) else child
    return para


def table(
    headers: Sequence[str], rows: Sequence[Sequence[nodes.Node]], widths: Sequence[int]
) -> nodes.table:
    table = nodes.table(classes=["devlog-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for text in headers:
        row += nodes.entry("", _para(text))
    head += row
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for cell in cells:
            row += nodes.entry("", cell)
        body += row
    group += body
    return table


def _date(log: Log) -> str:
    return log.fields.date or "undated"


def _filtered(flt: selection.Filter) -> bool:
    return flt != selection.Filter(sort=flt.sort)


def _empty(kind: str, flt: selection.Filter) -> nodes.paragraph:
    text = (FILTERED_EMPTY if _filtered(flt) else EMPTY)[kind]
    return _para(text, classes=["devlog-empty"])


def _said(
    collection: str,
    logs: Sequence[Log],
    flt: selection.Filter,
    empty: bool,
    chains: ChainResult | None = None,
) -> list[nodes.Node]:
    """What a collection of items looked at: in place of an empty list, or under a list
    when some logs have nothing of the kind, or could not be read."""
    cov = selection.coverage(logs, flt, selection.COLLECTION_KINDS[collection], chains)
    text = selection.coverage_text(cov, _filtered(flt), empty)
    if not text:
        return []
    return [_para(text, classes=["devlog-empty" if empty else "devlog-coverage"])]


def outstanding(
    logs: Sequence[Log],
    chains: ChainResult,
    flt: selection.Filter,
    link: Linker,
    config: DevlogConfig,
) -> list[nodes.Node]:
    rows = selection.outstanding(chains, flt)
    if not rows:
        return _said("outstanding", logs, flt, True, chains)
    table_rows = []
    for chain in rows:
        first, latest = chain.first, chain.latest
        now = _para(f"{_date(latest.log)} ", link.log(latest.log))
        if latest.item.kind == "goal":
            now += nodes.Text(" (as a goal)")
        table_rows.append(
            [
                _para(link.item(latest.log, latest.item, chain.text)),
                _para(f"{_date(first.log)} ", link.log(first.log)),
                now,
                _para(str(chain.sessions)),
            ]
        )
    return [
        table(["Next step", "Raised", "Listed now", "Sessions"], table_rows, [40, 25, 25, 10]),
        *_said("outstanding", logs, flt, False, chains),
    ]


def lessonlist(
    logs: Sequence[Log], flt: selection.Filter, link: Linker, config: DevlogConfig
) -> list[nodes.Node]:
    rows = selection.lessons(logs, flt)
    if not rows:
        return _said("lessonlist", logs, flt, True)
    lst = nodes.bullet_list(classes=["devlog-lessonlist-items"])
    for log, item in rows:
        lst += nodes.list_item(
            "",
            _para(link.item(log, item), " — ", link.log(log), f" ({_date(log)})"),
        )
    return [lst, *_said("lessonlist", logs, flt, False)]


def logtable(
    logs: Sequence[Log],
    flt: selection.Filter,
    chains: ChainResult,
    link: Linker,
    config: DevlogConfig,
) -> list[nodes.Node]:
    rows = selection.logtable(logs, flt, chains)
    if not rows:
        return [_empty("logtable", flt)]
    table_rows = []
    for row in rows:
        f = row.log.fields
        table_rows.append(
            [
                _para(_date(row.log)),
                _para(link.log(row.log)),
                _para(badge(f.status, config)) if f.status else _para(""),
                _para(f.purpose),
                _para(str(row.open_steps)),
            ]
        )
    return [
        table(["Date", "Log", "Status", "Purpose", "Open steps"], table_rows, [14, 28, 12, 36, 10])
    ]


def timeline(
    logs: Sequence[Log], flt: selection.Filter, link: Linker, config: DevlogConfig
) -> list[nodes.Node]:
    months = selection.timeline(logs, flt)
    if not months:
        return [_empty("timeline", flt)]
    out: list[nodes.Node] = []
    for month in months:
        out.append(nodes.rubric(month.label, month.label, classes=["devlog-month"]))
        lst = nodes.bullet_list(classes=["devlog-timeline-month"])
        for log in month.logs:
            para = _para()
            if log.fields.status:
                para += badge(log.fields.status, config)
                para += nodes.Text(" ")
            para += nodes.Text(f"{_date(log)} ")
            para += link.log(log)
            lst += nodes.list_item("", para)
        out.append(lst)
    return out


def stats(
    logs: Sequence[Log],
    flt: selection.Filter,
    chains: ChainResult,
    link: Linker,
    config: DevlogConfig,
) -> list[nodes.Node]:
    data = selection.stats(logs, flt, chains, list(config.devlog_statuses))
    rows: list[list[nodes.Node]] = [[_para("Logs"), _para(str(data.logs))]]
    for status, count in data.by_status.items():
        if count:
            rows.append([_para(badge(status, config)), _para(str(count))])
    rows.append([_para("Lessons"), _para(str(data.lessons))])
    rows.append([_para("Next steps"), _para(f"{data.steps_open} open, {data.steps_done} done")])
    rows.append([_para("Goals"), _para(f"{data.goals_done} of {data.goals} done")])
    if data.timed_logs:
        over = data.timed_spent_minutes - data.timed_estimate_minutes
        verdict = (
            f"{format_duration(over)} over"
            if over > 0
            else f"{format_duration(-over)} under"
            if over < 0
            else "on estimate"
        )
        rows.append(
            [
                _para("Estimate against spent"),
                _para(
                    f"{format_duration(data.timed_estimate_minutes)} estimated, "
                    f"{format_duration(data.timed_spent_minutes)} spent ({verdict}; "
                    f"{data.timed_logs} log{'s' if data.timed_logs != 1 else ''} give both)"
                ),
            ]
        )
    rows.append([_para("Time spent in all"), _para(format_duration(data.spent_minutes))])
    return [table(["Measure", "Value"], rows, [40, 60])]


def filehistory(
    logs: Sequence[Log], flt: selection.Filter, link: Linker, config: DevlogConfig
) -> list[nodes.Node]:
    rows = selection.file_history(logs, flt)
    if not rows:
        return _said("filehistory", logs, flt, True)
    lst = nodes.bullet_list(classes=["devlog-filehistory-files"])
    for row in rows:
        touches = nodes.bullet_list()
        for log, item in row.touches:
            para = _para(f"{_date(log)} ", link.log(log))
            if item.description:
                para += nodes.Text(" — ")
                para += link.item(log, item, item.description)
            touches += nodes.list_item("", para)
        lst += nodes.list_item("", _para(nodes.literal(row.path, row.path)), touches)
    return [lst, *_said("filehistory", logs, flt, False)]
