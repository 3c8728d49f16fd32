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

import re
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

    def children() -> bool:
        if isinstance(node, nodes.Element) and node.get(SLOT):
            return _write_entries(visitor, node, entries)
        return any(_walk(visitor, child, entries) for child in node.children[:])

    return _walkabout(visitor, node, children)


def _walkabout(visitor: nodes.NodeVisitor, node: nodes.Node, children: Callable[[], bool]) -> bool:
    """:meth:`docutils.nodes.Node.walkabout` of *node*, with *children* writing its
    children (and saying whether the walk was told to stop); whether it was."""
    depart = True
    stop = False
    try:
        try:
            visitor.dispatch_visit(node)
        except nodes.SkipNode:
            return False
        except nodes.SkipDeparture:
            depart = False
        try:
            stop = children()
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
    body: list[str] | None = getattr(visitor, "body", None)
    shapes = Shapes(visitor) if isinstance(body, list) and Shapes.apply_to(visitor) else None
    for row in rows:
        entry = entries.make(row)
        slot += entry  # in the tree while written: writers look at parents
        start = len(body) if isinstance(body, list) else 0
        stop = shapes.write(entry) if shapes is not None else bool(entry.walkabout(visitor))
        slot.children.pop()
        _let_go(entry)
        if isinstance(body, list) and len(body) - start > 1:
            # the entry's few dozen strings as one: at 1000 logs, some 200 000 strings
            # fewer held until the page is joined
            body[start:] = ["".join(body[start:])]
        if stop:
            return True
    return any(child.walkabout(visitor) for child in children)


#: the nodes an entry's HTML is taken from a template for; a table row itself is always
#: written by the translator (Sphinx counts rows, for their even and odd classes)
_TEMPLATED = (
    nodes.paragraph,
    nodes.reference,
    nodes.inline,
    nodes.entry,
    nodes.list_item,
    nodes.strong,
    nodes.emphasis,
)
#: the attributes whose values differ from entry to entry: written through ``attval``
_VALUES = ("refuri", "reftitle")
#: a value's place in an entry translated to make its template (Unicode private use)
_OPEN, _CLOSE = "\ue000", "\ue001"
_MARK = re.compile(f"{_OPEN}(\\d+){_CLOSE}")


def _methods() -> tuple[str, ...]:
    names = ["starttag", "encode", "attval", "visit_Text", "depart_Text"]
    for kind in (nodes.row, *_TEMPLATED):
        names += [f"visit_{kind.__name__}", f"depart_{kind.__name__}"]
    return tuple(names)


class Shapes:
    """Entries written from templates, one template per shape of entry.

    Entries of one collection come in a few shapes: the same nodes with the same
    classes, differing only in their texts, link targets and link titles. The first
    entry of a shape is translated with a mark in place of each of those values, which
    makes the shape's template; later entries of that shape are the template with their
    own values, escaped as the translator escapes them (``encode``, ``attval``). The
    second entry of each shape is translated as usual and compared with its template:
    a template that gives anything else is never used again.

    Only for translators that write these nodes, texts and attributes with Sphinx's own
    methods (:meth:`apply_to`): a theme's translator that writes any of them its own way
    gets every entry translated. Entries holding anything else (code, images, a
    ``mailto:`` link) are translated too.
    """

    def __init__(self, visitor: nodes.NodeVisitor) -> None:
        self.visitor: Any = visitor
        #: per shape: the template's parts (text, then a value's index, alternately), or
        #: ``None`` when the shape is translated; and whether the template was checked
        self.templates: dict[tuple[Any, ...], tuple[list[str | int] | None, bool]] = {}

    @staticmethod
    def apply_to(visitor: nodes.NodeVisitor) -> bool:
        from sphinx.writers.html5 import HTML5Translator

        if not isinstance(visitor, HTML5Translator):
            return False
        cls, own = type(visitor), vars(visitor)
        for name in _methods():
            method = getattr(HTML5Translator, name, None)
            if name in own or getattr(cls, name, None) is not method:
                return False  # a handler of another extension (add_node), or a subclass's
            module = getattr(method, "__module__", "") or ""
            if not module.startswith(("sphinx.writers.", "docutils.writers.")):
                return False  # a method put on Sphinx's class by someone else
        return True

    def write(self, node: nodes.Node) -> bool:
        """Write *node* (an entry, or a part of one); whether the walk was told to stop.

        A table row is written by the translator, its cells from one template. Anything
        else of a shape a template may write is written from one; if it may not (it holds
        code, say), the translator writes the node itself and this writes its children,
        so that the parts of it that can come from templates do.
        """
        visitor = self.visitor
        if isinstance(node, nodes.row):
            return _walkabout(visitor, node, lambda: bool(self._write_nodes(list(node.children))))
        if isinstance(node, nodes.Text):  # a text alone: translated (a mailto: link's
            return bool(node.walkabout(visitor))  # words are cloaked, say)
        written = self._write_nodes([node])
        if written is not None:
            return written
        if isinstance(node, _TEMPLATED) or isinstance(node, nodes.bullet_list):
            return _walkabout(visitor, node, lambda: any(self.write(c) for c in node.children[:]))
        return bool(node.walkabout(visitor))

    def _write_nodes(self, roots: list[nodes.Node]) -> bool | None:
        """Write *roots* from their shape's template, or translated (the row's cells);
        ``None`` when no template may write them (and nothing was written)."""
        visitor = self.visitor
        shape = _shape(roots) if roots else None
        if shape is None:
            if roots and isinstance(roots[0].parent, nodes.row):
                return any(root.walkabout(visitor) for root in roots)
            return None
        key, slots, values = shape
        key = (*key, _state(visitor), _place(roots[0]))
        known = self.templates.get(key)
        if known is None:  # the first of its shape: translated with marks
            made = self._make(roots, slots)
            self.templates[key] = (made, False)
            if made is None:
                return any(root.walkabout(visitor) for root in roots)
            visitor.body.append(self._fill(made, values))
            return False
        parts, checked = known
        if parts is None:
            return any(root.walkabout(visitor) for root in roots)
        if checked:
            visitor.body.append(self._fill(parts, values))
            return False
        start = len(visitor.body)  # the second of its shape: translated, and compared
        stop = any(root.walkabout(visitor) for root in roots)
        good = "".join(visitor.body[start:]) == self._fill(parts, values)
        self.templates[key] = (parts if good else None, True)
        return stop

    def _make(self, roots: list[nodes.Node], slots: list[_Slot]) -> list[str | int] | None:
        """Translate *roots* with a mark in place of each value (into a body of its own;
        the entry is as it was afterwards); the template, or ``None`` if the marks did not
        come out as written, once each."""
        visitor = self.visitor
        # what translating writes on the nodes themselves (a row counts its cells in
        # ``column``), put back afterwards with the values: should the template fail,
        # the entry is translated as if this never happened
        touched = [root.parent for root in roots[:1] if root.parent is not None]
        touched += [node for root in roots for node in root.findall(nodes.Element)]
        saved = [(node, dict(node.__dict__), _copied(node.attributes)) for node in touched]
        texts: list[tuple[nodes.Element, nodes.Text, nodes.Text]] = []  # parent, mark, text
        for i, (node, name) in enumerate(slots):
            mark = f"{_OPEN}{i}{_CLOSE}"
            if name is None:
                marked = nodes.Text(mark)
                texts.append((node.parent, marked, node))
                node.parent.replace(node, marked)
            else:
                node[name] = mark  # put back with the rest of the attributes
        body, visitor.body = visitor.body, []
        try:
            for root in roots:
                root.walkabout(visitor)
            written = "".join(visitor.body)
        finally:
            visitor.body = body
            for parent, marked, text in texts:
                parent.replace(marked, text)
            for node, state, attributes in saved:
                node.__dict__.clear()
                node.__dict__.update(state)
                node.attributes.clear()
                node.attributes.update(attributes)
        pieces = _MARK.split(written)
        parts: list[str | int] = [int(piece) if i % 2 else piece for i, piece in enumerate(pieces)]
        marks = sorted(part for part in parts[1::2] if isinstance(part, int))
        if marks != list(range(len(slots))) or _OPEN in written.replace(_OPEN, "", len(slots)):
            return None
        if _CLOSE in "".join(part for part in parts if isinstance(part, str)):
            return None
        return parts

    def _fill(self, parts: list[str | int], values: list[tuple[bool, str]]) -> str:
        """The template with *values* (``(is a text, value)``) escaped in."""
        visitor = self.visitor
        filled = [
            visitor.encode(value) if text else visitor.attval(value) for text, value in values
        ]
        return "".join(filled[part] if isinstance(part, int) else part for part in parts)


#: what the HTML translators of docutils and Sphinx decide for a list or table as a
#: whole and keep while they write its items (besides the nodes' own shape)
_STATE = ("compact_simple", "compact_p", "compact_field_list", "protect_literal_text", "in_mailto")


def _state(visitor: Any) -> tuple[Any, ...]:
    return tuple(getattr(visitor, name, None) for name in _STATE)


def _place(node: nodes.Node) -> tuple[Any, ...]:
    """Where *node* sits: what its parent is and how many children it has (a paragraph
    ends with a line break or not by its parent's length). Not its place among them: the
    items of one list share their templates."""
    parent = node.parent
    if parent is None:
        return ()
    return (type(parent), len(parent))


def _copied(attributes: dict[str, Any]) -> dict[str, Any]:
    return {k: v.copy() if isinstance(v, (list, dict)) else v for k, v in attributes.items()}


#: where an entry's value is: a text node (``None``), or an attribute of an element
_Slot = tuple[Any, "str | None"]


def _shape(
    roots: list[nodes.Node],
) -> tuple[tuple[Any, ...], list[_Slot], list[tuple[bool, str]]] | None:
    """What makes entries alike (node types, their other attributes, their places), where
    the values that differ are and what they are; ``None`` for an entry no template may
    write."""
    key: list[Any] = []
    slots: list[_Slot] = []
    values: list[tuple[bool, str]] = []
    stack = roots[::-1]
    while stack:  # preorder, as the translator goes
        node = stack.pop()
        if isinstance(node, nodes.Text):
            text = node.astext()
            if _OPEN in text or _CLOSE in text:
                return None
            slots.append((node, None))
            values.append((True, text))
            key.append(None)
            continue
        if type(node) not in _TEMPLATED:
            return None
        atts: list[Any] = []
        for name, value in node.attributes.items():
            if not value and isinstance(value, list):
                continue  # ids, names, ... (a missing list reads as an empty one)
            if name in _VALUES:
                if not isinstance(value, str) or not value or value.startswith("mailto:"):
                    return None
                if _OPEN in value or _CLOSE in value:
                    return None
                slots.append((node, name))
                values.append((False, value))
                atts.append(name)
            elif isinstance(value, list):
                atts.append((name, tuple(value)))
            elif isinstance(value, (str, int, float, bool, type(None))):
                atts.append((name, value))
            else:
                return None
        key.append((type(node), len(node.children), tuple(atts)))
        stack.extend(node.children[::-1])
    return tuple(key), slots, values


def _let_go(entry: nodes.Element) -> None:
    """Cut a written entry's links to its parents: nothing else refers to it, so
    reference counting frees it at once, without waiting for the collector."""
    for node in entry.findall():
        node.parent = None


def setup_stream(app: Sphinx) -> None:
    app.add_node(devlog_entries, html=(_visit_html, _depart_html))
