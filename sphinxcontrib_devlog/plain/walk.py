"""The walk over a log's sections and blocks: which kind of item applies where.

Sections nest: a section's kind applies to its subsections until one names another kind;
a label over lists stands for a heading; a subsection or bold line of lessons or next
steps with no list of its own is one item. The items themselves are read by
:mod:`.items`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes

from ..model import KIND_NAMES, collapse
from ..nodes import devlog_items
from .items import (
    LISTS,
    add_item,
    line_items,
    list_items,
    new_section,
    path_lines,
    record,
    table_items,
)
from .labels import bold_label, item_label, plain_label
from .log import PlainItem, PlainSection
from .paths import file_paths
from .state import ReadState
from .text import code_spans, line_of, plain_text
from .titles import title_text

#: blocks whose blocks are read as if they stood in their place
_WRAPPERS = (
    nodes.block_quote,
    nodes.container,
    nodes.Admonition,
    nodes.compound,
    nodes.topic,
    nodes.sidebar,
)
#: blocks that neither hold items nor end the lists a label heads
_TRANSPARENT = (
    nodes.literal_block,
    nodes.raw,
    nodes.comment,
    nodes.target,
    nodes.system_message,
    nodes.title,
    nodes.transition,
)
#: what a section says when it has nothing to list: "None.", "Nothing this time.", "N/A"
_NOTHING = re.compile(
    r"^(?:none|nothing|n/?a|no|tbd|not applicable|-+|—)(?:\W.{0,80})?$", re.IGNORECASE
)


@dataclass
class _Label:
    """A bold (or short plain) label standing for a heading over the lists after it."""

    #: what the lists after it hold: a kind, or "" for details that are no items
    kind: str
    title: str
    line: int
    #: whether the label names its kind (``**Files changed:**``) rather than inheriting it
    named: bool
    #: the label's paragraph, and whether a colon ends it (``**Context**:``)
    para: nodes.paragraph | None = None
    colon: bool = False
    #: whether a list (table, quote) came after it
    consumed: bool = False
    entry: PlainSection | None = None
    start: int = 0

    def owner(self, state: ReadState, fallback: PlainSection | None) -> PlainSection | None:
        """The label as a section, once something under it is read."""
        if not self.named:
            return fallback
        if self.entry is None:
            self.entry = new_section(state, self.kind, self.title, self.line)
            self.start = state.found
        return self.entry

    def close(self, state: ReadState) -> None:
        if self.entry is not None:
            self.entry.items = state.found - self.start
        if (
            not self.consumed
            and not self.named
            and not self.colon
            and self.kind in _TOPIC_KINDS
            and self.para is not None
        ):
            text = _topic(self.title)  # **1. Test the timestamps** under Next Steps
            if text:
                add_item(self.para, None, self.kind, state, text_override=text)


def read_blocks(
    children: Sequence[nodes.Node],
    kind: str | None,
    state: ReadState,
    owner: PlainSection | None,
) -> None:
    """Read a run of sibling blocks whose kind is *kind* (``None``: no item section)."""
    labelled = [
        (child, bold_label(child)) if isinstance(child, nodes.paragraph) else (child, None)
        for child in children
    ]
    # "**Lesson**: text" paragraphs are the items; lists under other labels are details
    labels_are_items = bool(kind) and any(
        label is not None and label[1] and state.words.kind_of(label[0]) == kind
        for _child, label in labelled
    )
    pending: _Label | None = None  # the label over the next lists

    def close() -> None:
        nonlocal pending
        if pending is not None:
            pending.close(state)
        pending = None

    def target() -> PlainSection | None:
        """Where what is read now counts: the label over it, or the section."""
        if pending is None:
            return owner
        pending.consumed = True
        return pending.owner(state, owner) if pending.kind else owner

    for child, label in labelled:
        current = kind if pending is None else (pending.kind or None)
        if isinstance(child, nodes.section):
            close()
            _section(child, kind, state, owner)
        elif isinstance(child, nodes.paragraph):
            close()
            if id(child) in state.field_nodes:
                continue
            if label is None:
                label = plain_label(child, state)
            if label is not None and not label[1]:
                pending = _pending_label(child, label[0], kind, labels_are_items, state)
            elif line_items(child, state):  # **Next Steps**: deploy it
                pass
            elif kind == "file":
                path_lines(child, state)  # paths on lines of their own
            elif owner is not None and _NOTHING.match(plain_text(child)):
                owner.says_none = True
        elif isinstance(child, LISTS):
            list_items(child, current, state, target())  # a label may head several lists
        elif isinstance(child, nodes.table):
            if current:
                target()  # the label over the table counts as a section
                table_items(child, current, state)
        elif isinstance(child, devlog_items):  # an item directive in a plain log
            _directive_items(child, state)
        elif isinstance(child, _WRAPPERS):
            read_blocks(child.children, current, state, target())
        elif not isinstance(child, _TRANSPARENT):
            close()
    close()


def _directive_items(container: devlog_items, state: ReadState) -> None:
    """The items of a ``devlog:lessons`` (...) directive: a section of its kind."""
    kind = str(container.get("kind", ""))
    if kind not in KIND_NAMES:
        return
    # an empty one was reported by the directive: no section to report again
    entry = (
        None
        if container.get("devlog_nolist")
        else new_section(state, kind, f"devlog:{kind}", line_of(container))
    )
    start = state.found
    for child in container.children:
        if isinstance(child, LISTS):
            list_items(child, kind, state, entry)
    # one inside this one (reported by the domain): its items count too, once, and are
    # this one's (which may hold nothing else)
    for inner in container.findall(devlog_items, include_self=False):
        if _enclosing(inner) is container:
            _directive_items(inner, state)
    if entry is not None:
        entry.items = state.found - start


def _enclosing(node: nodes.Element) -> devlog_items | None:
    parent = node.parent
    while parent is not None and not isinstance(parent, devlog_items):
        parent = parent.parent
    return parent


def _pending_label(
    para: nodes.paragraph,
    text: str,
    kind: str | None,
    labels_are_items: bool,
    state: ReadState,
) -> _Label | None:
    """What a label paragraph makes of the lists after it (``None``: it is an item)."""
    line = line_of(para)
    if kind == "file":
        paths = file_paths(code_spans(para), text)
        if paths:  # **1. scripts/setup.ps1** in a files section: a file
            for path, description in paths:
                record(state, PlainItem("file", text, None, line, path, description, "", para))
            return None
    named = state.words.kind_of(text)
    colon = plain_text(para).rstrip().endswith(":")
    if named and item_label(named, text):
        return _Label(named, text, line, True, para, colon)
    if named == "file":  # **Files**: in a review, the files a problem is in: details
        named = ""
    if named is None and kind is not None and not labels_are_items:
        return _Label(kind, text, line, False, para, colon)  # a category of the items
    return _Label("", text, line, False, para, colon)  # details under a label: not items


def _section(
    section: nodes.section, inherited: str | None, state: ReadState, owner: PlainSection | None
) -> None:
    """A section: of the kind its title names, else of the kind *inherited* from the
    section above (``None``: no item section)."""
    header = state.log.header_section
    if header is not None and section is header:  # fields; its subsections may hold items
        read_blocks(
            [c for c in section.children if isinstance(c, nodes.section)], None, state, None
        )
        return
    title = title_text(section, state)
    # the log's own title names no kind: "# Follow-up: fix the CI" holds the whole log
    is_title = section is state.log.title_section
    named = state.words.kind_of(title) if title and not is_title else None
    if named == "goal" and inherited == "step":
        named = "step"  # the goals of sessions to come are next steps
    if named == "":  # References, Examples: no items, whatever the section above
        read_blocks(section.children, None, state, None)
        return
    if named is None:
        start = state.found
        read_blocks(section.children, inherited, state, owner)
        if (
            inherited in _TOPIC_KINDS
            and state.found == start
            and not is_title
            and not any(isinstance(c, nodes.section) for c in section.children)
        ):
            _heading_item(section, title, inherited, state)
        return
    line = line_of(section.children[0]) if section.children else line_of(section)
    entry = new_section(state, named, title, line)
    start = state.found
    read_blocks(section.children, named, state, entry)
    entry.items = state.found - start


#: kinds whose items may be written as headings or bold lines of their own
_TOPIC_KINDS = ("lesson", "step")
_NUMBERED_TOPIC = re.compile(r"^\s*(?:\d{1,3}[.)]|step\s+\d+[.:)]?|#\d+)\s*", re.IGNORECASE)
_TOPIC_WORDS = 4


def _topic(text: str) -> str | None:
    """The item a heading or bold line stands for, under lessons or next steps: a
    numbered one (``### 1. Cache the feed``), or one of a few words at least (not
    *Notes*, *Summary*)."""
    numbered = _NUMBERED_TOPIC.match(text)
    words = text[numbered.end() :] if numbered else text
    if text.rstrip().endswith(":"):
        return None
    if numbered or len(words.split()) >= _TOPIC_WORDS:
        return collapse(words)
    return None


def _heading_item(section: nodes.section, title: str, kind: str, state: ReadState) -> None:
    """A subsection of lessons or next steps with no list of its own is one item."""
    text = _topic(title)
    if text:
        line = line_of(section.children[0]) if section.children else line_of(section)
        add_item(section, None, kind, state, text_override=text, line=line)
