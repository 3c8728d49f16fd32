"""A collection's entries, made one at a time while the HTML page is written.

A collection of 1000 logs is tens of thousands of nodes. Made when the page is
resolved, they would all live until it is written: long enough for the garbage
collector to move them to its oldest generation, so that they count towards, and are
freed only by, full passes — passes that walk the whole environment, at 1000 logs
about a second each.

So a collection's list or table is kept in the page as its *frame* (the table with its
head and an empty body, or the list) holding one sample entry, with the rows it lists
as plain data (:class:`Entries`). When the page's HTML translator reaches it, it
writes the frame as usual and, in its place, each entry: made, written by the same
translator, and let go before the next is made. Only one entry lives at a time, and
what the translator decides for the whole list (a compact list or not) it decides on
the sample, an entry made like every other.

Other builders (LaTeX, text, man, …) get the whole frame filled at once
(:meth:`Entries.filled`): their writers see a plain docutils tree.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


@dataclass
class Entries:
    """A list or table whose entries are made from rows, one row an entry."""

    #: a table or a list, complete but for its entries
    frame: nodes.Element
    #: where the entries go: the table's body, or the list itself
    slot: nodes.Element
    rows: Sequence[Any]
    #: makes the entry (a table row, a list item) of one row
    make: Callable[[Any], nodes.Element]

    def filled(self) -> nodes.Element:
        """The frame with every entry in it."""
        self.slot.extend(self.make(row) for row in self.rows)
        return self.frame


class devlog_entries(nodes.General, nodes.Element):  # noqa: N801 - docutils naming
    """A frame whose entries the HTML translator makes as it writes them (``entries``)."""


def place(entries: Entries, streamed: bool) -> nodes.Element:
    """The node that shows *entries*: the filled frame, or (``streamed``) a
    :class:`devlog_entries` holding the frame with one sample entry."""
    if not streamed or not entries.rows:
        return entries.filled()
    entries.slot += entries.make(entries.rows[0])
    node = devlog_entries(entries=entries)
    node += entries.frame
    return node


def _visit_html(self: Any, node: devlog_entries) -> None:
    entries: Entries = node["entries"]
    _walk(self, entries.frame, entries)
    raise nodes.SkipNode


def _walk(visitor: nodes.NodeVisitor, node: nodes.Node, entries: Entries) -> None:
    """:meth:`docutils.nodes.Node.walkabout`, writing the entries at the slot."""
    depart = True
    try:
        visitor.dispatch_visit(node)
    except nodes.SkipNode:
        return
    except nodes.SkipDeparture:
        depart = False
    if node is entries.slot:
        _write_entries(visitor, entries)
    else:
        for child in node.children[:]:
            _walk(visitor, child, entries)
    if depart:
        visitor.dispatch_departure(node)


def _write_entries(visitor: nodes.NodeVisitor, entries: Entries) -> None:
    slot = entries.slot
    sample = slot[0]
    sample.walkabout(visitor)
    for row in entries.rows[1:]:
        slot.remove(slot[0])
        entry = entries.make(row)
        slot += entry  # in the tree while written: writers look at parents
        entry.walkabout(visitor)


def _refuse(self: Any, node: devlog_entries) -> None:  # pragma: no cover - never made
    raise NotImplementedError("devlog_entries is made for HTML builders only")


def setup_stream(app: Sphinx) -> None:
    app.add_node(devlog_entries, html=(_visit_html, _refuse))
