"""A collection's entries, made one at a time while the HTML page is written.

A collection of 1000 logs is tens of thousands of nodes. Made when the page is
resolved, they would all live until it is written: long enough for the garbage
collector to move them to its oldest generation, so that they count towards, and are
freed only by, full passes — passes that walk the whole environment, at 1000 logs
about a second each.

So on HTML pages a collection's list or table stays in the page as its *frame* (the
table with its head, or the list) holding one sample entry, with the rows it lists as
plain data (:class:`Entries`, in a :class:`devlog_entries` node). When the page's HTML
translator reaches it, it writes the frame as usual, and in the sample's place each
entry: made, written by that same translator (a theme's own translator included), and
let go — its links to its parents cut, so that reference counting frees it — before the
next is made. What the translator decides for the whole list (compact or not) it decides
on the sample, an entry made like every other. Afterwards the frame holds the sample
again, so the page can be written twice alike.

What others see: an extension reading the doctree of an HTML page after it is resolved
(``html-page-context``, a later ``doctree-resolved`` handler) finds the frame with the
sample; every row is in ``node["entries"].rows``. Other builders (LaTeX, text, man, …),
and HTML builders whose translators would not get this node's visitor, get the whole
frame filled at once (:meth:`Entries.filled`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import sphinx
from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: marks the frame's node that holds the entries, and the sample entry in it
SLOT, SAMPLE = "devlog_slot", "devlog_sample"


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
    sample = entries.make(entries.rows[0])
    sample[SAMPLE] = True
    entries.slot[SLOT] = True
    entries.slot += sample
    node = devlog_entries(entries=entries)
    node += entries.frame
    return node


def streams(app: Sphinx) -> bool:
    """Whether the HTML pages of this build write entries one at a time: whether the
    builder's translator gets :class:`devlog_entries`' visitor.

    Sphinx gives a translator the node visitors registered for its builder's name, or,
    when none are, those for its format; :func:`setup_stream` registers for the format
    (``html``). Sphinx has no public way to ask which applies, so this reads its
    registry, for the Sphinx versions checked; for any other version, or when another
    extension registered visitors under the builder's own name (the EPUB builder, say),
    the page gets the whole tree.
    """
    if app.builder.format != "html" or not (8, 2) <= sphinx.version_info[:2] < (10, 0):
        return False
    handlers = getattr(app.registry, "translation_handlers", None)
    if not isinstance(handlers, dict):
        return False
    chosen = handlers.get(app.builder.name)
    if chosen is None:
        chosen = handlers.get(app.builder.format, {})
    return devlog_entries.__name__ in chosen


def _visit_html(self: nodes.NodeVisitor, node: devlog_entries) -> None:
    entries: Entries = node["entries"]
    for child in node.children[:]:
        if _walk(self, child, entries):
            raise nodes.StopTraversal
    raise nodes.SkipNode


def _depart_html(self: nodes.NodeVisitor, node: devlog_entries) -> None:
    """Never called: the visit writes the frame and skips the node."""


def _walk(visitor: nodes.NodeVisitor, node: nodes.Node, entries: Entries) -> bool:
    """:meth:`docutils.nodes.Node.walkabout`, writing the entries at the slot; whether
    the walk was told to stop."""
    depart = True
    stop = False
    try:
        try:
            visitor.dispatch_visit(node)
        except nodes.SkipNode:
            return stop
        except nodes.SkipDeparture:
            depart = False
        try:
            if isinstance(node, nodes.Element) and node.get(SLOT):
                stop = _write_entries(visitor, node, entries)
            else:
                for child in node.children[:]:
                    if _walk(visitor, child, entries):
                        stop = True
                        break
        except nodes.SkipSiblings:
            pass
    except nodes.SkipChildren:
        pass
    except nodes.StopTraversal:
        stop = True
    if depart:
        visitor.dispatch_departure(node)
    return stop


def _write_entries(visitor: nodes.NodeVisitor, slot: nodes.Element, entries: Entries) -> bool:
    """Write the slot's entries: the sample for the first row, one made entry for each
    other row, then whatever else the slot holds; the slot is left as it was."""
    children = list(slot.children)
    rows = entries.rows
    if children and children[0].get(SAMPLE):
        if children[0].walkabout(visitor):
            return True
        children, rows = children[1:], rows[1:]
    for row in rows:
        entry = entries.make(row)
        slot += entry  # in the tree while written: writers look at parents
        stop = entry.walkabout(visitor)
        slot.children.pop()
        _let_go(entry)
        if stop:
            return True
    return any(child.walkabout(visitor) for child in children)


def _let_go(entry: nodes.Element) -> None:
    """Cut a written entry's links to its parents: nothing else refers to it, so
    reference counting frees it at once, without waiting for the collector."""
    for node in entry.findall():
        node.parent = None


def setup_stream(app: Sphinx) -> None:
    app.add_node(devlog_entries, html=(_visit_html, _depart_html))
