"""What every collection is: a name, the rows it selects, the nodes that show them,
and what the command line prints of them.

A collection module defines one subclass of :class:`Collection` and an instance of it,
``COLLECTION``; :mod:`sphinxcontrib_devlog.collections` registers them all.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes

from .coverage import coverage, coverage_text
from .filters import Filter
from .stream import Entries, place

if TYPE_CHECKING:
    from ..chains import ChainResult
    from ..config import DevlogConfig
    from ..model import Log
    from .links import Linker


@dataclass
class View:
    """What a collection on one page is made from."""

    logs: Sequence[Log]
    chains: ChainResult
    flt: Filter
    config: DevlogConfig
    link: Linker
    #: whether entries are made while the page is written (HTML) or at once
    streamed: bool = False
    #: whether the builder writes HTML (raw HTML, such as an inline SVG, is shown)
    html: bool = False
    #: the collection's own options (:attr:`Collection.options`), checked: every one
    #: declared, a default in place of a missing or bad value
    options: Mapping[str, str] = field(default_factory=dict)
    #: an id unique on the page, to name what the collection holds (``<ident>-title``)
    ident: str = ""

    def entries(self, entries: Entries) -> nodes.Element:
        return place(entries, self.streamed)


@dataclass(frozen=True)
class Choice:
    """An option of one collection whose value is one of a few words (``:kind:``)."""

    choices: tuple[str, ...]
    #: used when the value is missing (reported if :attr:`required`) or not a choice
    default: str
    required: bool = False

    def parse(self, name: str, value: str | None) -> tuple[str, str]:
        """The value to use, and what is wrong with the given one (``""``: nothing)."""
        known = ", ".join(self.choices)
        text = (value or "").strip()
        if not text:
            if self.required:
                return self.default, f"no :{name}: given (one of {known}); using {self.default}"
            return self.default, ""
        if text in self.choices:
            return text, ""
        return self.default, f"invalid :{name}: {text!r} (one of {known}); using {self.default}"


class Collection:
    """A collection directive (``devlog:<name>``) and its command-line listing."""

    #: the directive's name after ``devlog:``; the ``devlog-<name>`` class of its wrapper
    name: ClassVar[str]
    #: where it comes among the collections (the docs', ``sphinx-devlog list``'s)
    order: ClassVar[int]
    #: the options of the example its docs page opens with (``:sort: -date``)
    example: ClassVar[str] = ""
    #: the order of its entries unless ``:sort:`` says otherwise
    default_sort: ClassVar[str] = "date"
    #: the item kind it lists, for what it says it read (``None``: it lists logs)
    item_kind: ClassVar[str | None] = None
    #: in place of an empty listing of logs
    empty_text: ClassVar[str] = "No logs."
    filtered_empty_text: ClassVar[str] = "No logs match the filter."
    #: the command line: ``sphinx-devlog list --<cli_option>`` lists this collection
    #: (``None``: it is not listed there)
    cli_option: ClassVar[str | None] = None
    cli_help: ClassVar[str] = ""
    #: the command line's table: its column headers
    cli_headers: ClassVar[tuple[str, ...]] = ()
    #: options of its own, besides the filters (``:kind:``), by name; checked by the
    #: directive (a ``devlog.field`` warning at the option's line) and given to
    #: :meth:`select` and :meth:`content` as :attr:`View.options`
    options: ClassVar[Mapping[str, Choice]] = {}

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Any]:
        """What the collection lists, in order (pure: no nodes)."""
        raise NotImplementedError

    def content(self, rows: list[Any], view: View) -> list[nodes.Node]:
        """The nodes that show *rows* (never empty: :meth:`empty` shows none)."""
        raise NotImplementedError

    def cli_cells(self, row: Any) -> list[str]:
        """One row of the command line's table."""
        raise NotImplementedError

    def cli_record(self, row: Any) -> Any:
        """One row of the command line's ``--json`` listing."""
        raise NotImplementedError

    # -- shown ----------------------------------------------------------------------

    def select(self, view: View) -> list[Any]:
        """What the collection shows on a page: :meth:`rows`, unless its own options
        change what it selects."""
        return self.rows(view.logs, view.chains, view.flt, view.config)

    def render(self, view: View) -> list[nodes.Node]:
        rows = self.select(view)
        if not rows:
            return self.empty(view)
        return [*self.content(rows, view), *self.said(view, empty=False)]

    def empty(self, view: View) -> list[nodes.Node]:
        if self.item_kind is not None:
            return self.said(view, empty=True)
        text = self.filtered_empty_text if view.flt.filtered else self.empty_text
        return [para(text, classes=["devlog-empty"])]

    def said(self, view: View, *, empty: bool) -> list[nodes.Node]:
        """What a collection of items looked at: in place of an empty list, or under a
        list when some logs have nothing of the kind, or could not be read."""
        text = self.coverage_text(view.logs, view.chains, view.flt, empty=empty)
        if not text:
            return []
        return [para(text, classes=["devlog-empty" if empty else "devlog-coverage"])]

    def coverage_text(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, *, empty: bool
    ) -> str:
        if self.item_kind is None:
            return ""
        cov = coverage(logs, flt, self.item_kind, chains if self.item_kind == "step" else None)
        return coverage_text(cov, flt.filtered, empty)

    # -- the command line -----------------------------------------------------------

    def cli_text(self, logs: Sequence[Log], chains: ChainResult, config: DevlogConfig) -> str:
        """The listing as a text table, with what was read when that matters."""
        flt = Filter(sort=self.default_sort)
        rows = self.rows(logs, chains, flt, config)
        table = text_table(self.cli_headers, [self.cli_cells(r) for r in rows]) if rows else ""
        if self.item_kind is None:
            return table or self.empty_text
        said = self.coverage_text(logs, chains, flt, empty=not rows)
        return "\n\n".join(part for part in (table, said) if part)

    def cli_records(
        self, logs: Sequence[Log], chains: ChainResult, config: DevlogConfig
    ) -> list[Any]:
        rows = self.rows(logs, chains, Filter(sort=self.default_sort), config)
        return [self.cli_record(row) for row in rows]


# -- nodes shared by the collections ---------------------------------------------------


def para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    out = nodes.paragraph(classes=list(classes))
    for child in children:
        out += nodes.Text(child) if isinstance(child, str) else child
    return out


def table_frame(headers: Sequence[str], widths: Sequence[int]) -> tuple[nodes.table, nodes.tbody]:
    """A table with its head and an empty body, and that body."""
    table = nodes.table(classes=["devlog-table"])
    group = nodes.tgroup(cols=len(headers))
    table += group
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    row = nodes.row()
    for text in headers:
        row += nodes.entry("", para(text))
    head += row
    group += head
    body = nodes.tbody()
    group += body
    return table, body


def table_row(cells: Sequence[nodes.Node]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        row += nodes.entry("", cell)
    return row


def table(
    headers: Sequence[str], rows: Sequence[Sequence[nodes.Node]], widths: Sequence[int]
) -> nodes.table:
    """A whole table of standard nodes."""
    frame, body = table_frame(headers, widths)
    body.extend(table_row(cells) for cells in rows)
    return frame


def date_of(log: Log) -> str:
    return log.fields.date or "undated"


def display_width(text: str) -> int:
    """Columns *text* takes in a terminal (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    """Rows as a plain-text table, columns padded to their widest cell."""
    widths = [display_width(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], display_width(cell))

    def line(cells: Sequence[str]) -> str:
        return "  ".join(
            c + " " * (w - display_width(c)) for c, w in zip(cells, widths, strict=True)
        ).rstrip()

    return "\n".join([line(headers), line(["-" * w for w in widths]), *(line(r) for r in rows)])
