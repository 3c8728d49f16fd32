"""Reading a plain log from its document tree: what a person reads in it.

The one reader of plain logs. The build hands it the tree MyST (or docutils) just made;
the command line parses the file with MyST first (:mod:`.parse`). It imports docutils but
not Sphinx, and never raises, whatever the tree.

What it reads:

* **the title**: the first level-1 heading that is not ``HEADER``; without one, none (the
  caller takes the filename's description), never a section heading;
* **header fields** (``**Status**: x``, ``Status: x``, ``- **Date:** x``, a two-column
  table, front matter) from a ``HEADER`` section, from the title's section before its
  first subsection, and above the title;
* **items**: sections nest — a section's kind (:class:`~.words.SectionWords`) applies to
  its subsections until one names another kind. In such a section, every top-level list
  item is an item; a *category* item (``- **Core modules:**`` with a nested list) gives its
  nested items instead; a bold label (``**Files Changed**:``) names the kind of the list
  after it; a bold label with text after it (``**Next Steps**: deploy``) is one item; a
  table gives one item a row. Code, HTML and comments never give items.
* **done markers**: ``[x]``, ✅ ✔ ☑ ✓ before or after the text, strike-through, ``DONE:``.

What it cannot read it says (:attr:`PlainLog.notes`): a section that names a kind and
yields no item, an empty item.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from docutils import nodes

from ..model import KIND_NAMES, collapse, is_blank, split_file_entry
from ..nodes import devlog_items
from .words import CHANGED_WORDS, WEAK_FIELD_NAMES, SectionWords, field_option, normalize_words

#: the kinds whose empty sections are reported (goals are often prose)
REPORTED_KINDS = ("lesson", "step", "file")

_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?P<name>[A-Za-z][A-Za-z /\-]{0,30}?)\s*"
    r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$"
)
_HEADING_MARK = re.compile(r"^\s{0,3}(#{1,6})(?:\s|$)")
_HEADER_WORDS = frozenset(
    {
        "header",
        "metadata",
        "meta",
        "session info",
        "session information",
        "session details",
        "session metadata",
        "log header",
    }
)
_DONE_MARKS = "✅✔☑✓🗹"
_OPEN_MARKS = "⬜☐🔲◻▫□⭕❌✗✘"
_MARK_CHARS = _DONE_MARKS + _OPEN_MARKS + "\ufe0f "
_CHECKBOX = re.compile(r"^\s*\[([ xX✓✔])\]\s*")
_DONE_WORD = re.compile(r"^\s*(?:\(done\)|\[done\]|done\s*[:\-–—])\s*", re.IGNORECASE)
_DONE_SUFFIX = re.compile(r"\s*(?:\((?:done|completed|fixed)\)|[✅✔☑✓]\ufe0f?)\s*$", re.IGNORECASE)
_STRIKE = re.compile(r"^~~(.+)~~$", re.DOTALL)
#: what a section says when it has nothing to list: "None.", "Nothing this time.", "N/A"
_NOTHING = re.compile(
    r"^(?:none|nothing|n/?a|no|tbd|not applicable|-+|—)(?:\W.{0,80})?$", re.IGNORECASE
)
_PATH_LIKE = re.compile(
    r"^(?:[\w.~@+-]*/[\w./~@+*{}-]*|[\w@+-][\w.@+-]*\.[A-Za-z][A-Za-z0-9]{0,7}|\.\w[\w.-]*|"
    r"(?:Makefile|Dockerfile|Containerfile|Justfile|Procfile|Gemfile|Rakefile|"
    r"README|LICENSE|CHANGELOG|CONTRIBUTING|NOTICE|AUTHORS|Vagrantfile)(?:\.\w+)?)$"
)
#: words that look like paths but are not
_NOT_PATHS = frozenset({"e.g", "i.e", "etc", "vs", "n/a", "and/or", "w/o", "i/o", "a/b"})
_CATEGORY_WORDS_MAX = 8


@dataclass
class PlainField:
    option: str
    value: str
    line: int  # 1-based
    #: the field's name as written
    name: str = ""
    #: how it is written: ``line`` (``Name: value``), ``heading`` (the value under a
    #: ``## Status`` heading) or ``cell`` (a row of a two-column table)
    form: str = "line"


@dataclass
class PlainItem:
    kind: str
    text: str
    checked: bool | None
    line: int
    path: str = ""
    description: str = ""
    #: how the state was written: "box" ([ ] / [x]), "mark" (✅, strike-through), ""
    marker: str = ""
    #: the node the item was read from (a list item, paragraph or table row)
    node: nodes.Element | None = field(default=None, repr=False, compare=False)
    #: its number among the items of its kind, from 1, counting empty items (which are no
    #: items but keep their numbers); given when the item is recorded
    number: int = 0


@dataclass
class PlainSection:
    """A section, label or category that names a kind."""

    kind: str
    title: str
    line: int
    items: int = 0
    #: it says there is nothing (``None``, ``N/A``)
    says_none: bool = False


@dataclass
class PlainLog:
    """What the reader found in one plain log."""

    title: str = ""
    title_line: int = 0
    #: the section of the title, and a HEADER section above it (moved under it on the page)
    title_section: nodes.section | None = field(default=None, repr=False, compare=False)
    header_section: nodes.section | None = field(default=None, repr=False, compare=False)
    #: 1-based line of a ``HEADER`` heading (0: none)
    header_line: int = 0
    fields: dict[str, PlainField] = field(default_factory=dict)
    items: dict[str, list[PlainItem]] = field(
        default_factory=lambda: {"goal": [], "lesson": [], "step": [], "file": []}
    )
    sections: list[PlainSection] = field(default_factory=list)
    #: kind -> the numbers of its empty items, which are no items (see PlainItem.number)
    blanks: dict[str, list[int]] = field(default_factory=dict)
    #: what could not be read: ``(subtype, message, line)``
    notes: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def looks_like_a_log(self) -> bool:
        return bool(self.header_line or "status" in self.fields or "date" in self.fields)

    def options(self) -> dict[str, str]:
        return {name: f.value for name, f in self.fields.items()}

    def all_items(self) -> list[PlainItem]:
        return sorted(
            (item for items in self.items.values() for item in items), key=lambda i: i.line
        )


# -- inline text ------------------------------------------------------------------------


def _line_of(node: nodes.Node) -> int:
    current: nodes.Node | None = node
    while current is not None:
        line = getattr(current, "line", None)
        if line:
            return int(line)
        current = current.parent
    return 0


def _raw_html(node: nodes.Node) -> str:
    """The HTML of a raw HTML node (``""`` for anything else)."""
    if isinstance(node, nodes.raw) and node.get("format") == "html" and node.children:
        return str(node.children[0])
    return ""


def _is_break(node: nodes.Node) -> bool:
    """A hard line break (two spaces or a backslash at the end of a line), which MyST
    renders as raw ``<br />`` and a newline; not an inline ``<br>`` in the text."""
    return _raw_html(node).startswith("<br") and _raw_html(node).endswith("\n")


def _is_checkbox(node: nodes.Node) -> bool:
    return "checkbox" in _raw_html(node)


def markup_lines(para: nodes.Element) -> list[tuple[int, str]]:
    """The lines of a paragraph as Markdown-like text (``**bold**``, ``` `code` ```), with
    their source lines: how a header field line is read. An inline ``<br>`` starts a new
    line of text on the same source line."""
    start = _line_of(para) or 0
    lines: list[tuple[int, list[str]]] = [(0, [])]

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            parts = str(node).split("\n")
            lines[-1][1].append(parts[0])
            for part in parts[1:]:
                lines.append((lines[-1][0] + 1, [part]))
        elif _is_break(node):
            lines.append((lines[-1][0] + 1, []))
        elif _raw_html(node).lower().startswith("<br"):
            lines.append((lines[-1][0], []))
        elif _is_checkbox(node):
            lines[-1][1].append("[x] " if "checked" in _raw_html(node) else "[ ] ")
        elif isinstance(node, (nodes.raw, nodes.system_message, nodes.comment)):
            return
        elif isinstance(node, nodes.strong):
            lines[-1][1].append("**" + node.astext() + "**")
        elif isinstance(node, nodes.literal):
            lines[-1][1].append("`" + node.astext() + "`")
        elif isinstance(node, nodes.Element):
            for child in node.children:
                visit(child)

    for child in para.children:
        visit(child)
    return [(start + offset, "".join(parts)) for offset, parts in lines]


def plain_text(node: nodes.Element) -> str:
    """The words of an inline span: markup, the parser's messages and raw HTML dropped."""
    out: list[str] = []

    def visit(current: nodes.Node) -> None:
        if isinstance(current, nodes.Text):
            out.append(str(current))
        elif isinstance(current, (nodes.raw, nodes.system_message, nodes.comment)):
            return
        elif isinstance(current, nodes.Element):
            for child in current.children:
                visit(child)

    visit(node)
    return collapse("".join(out))


def _strip_markdown(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    return collapse(text)


# -- the reader ---------------------------------------------------------------------------


@dataclass
class _State:
    log: PlainLog
    words: SectionWords
    lines: Sequence[str]
    #: the paths of the file items so far
    seen_paths: set[str] = field(default_factory=set)
    #: paragraphs and lists read as header fields: not items
    field_nodes: set[int] = field(default_factory=set)
    #: items found so far
    found: int = 0
    #: kind -> the number of its last item or empty item
    numbers: dict[str, int] = field(default_factory=dict)
    #: section -> its title's words
    titles: dict[int, str] = field(default_factory=dict)


def heading_level(lines: Sequence[str], line: int) -> int | None:
    """The Markdown level of the heading on 1-based *line* (ATX or setext), if known."""
    if not 1 <= line <= len(lines):
        return None
    match = _HEADING_MARK.match(lines[line - 1])
    if match:
        return len(match.group(1))
    if line < len(lines):
        under = lines[line].strip()
        if under and set(under) == {"="}:
            return 1
        if under and set(under) == {"-"}:
            return 2
    return None


def _title_of(section: nodes.section) -> nodes.title | None:
    if section.children and isinstance(section.children[0], nodes.title):
        return section.children[0]
    return None


def _title_text(section: nodes.section, state: _State) -> str:
    """A section's title in words (read once: the fields and the items both ask)."""
    text = state.titles.get(id(section))
    if text is None:
        title = _title_of(section)
        text = state.titles[id(section)] = plain_text(title) if title is not None else ""
    return text


def is_header_title(text: str) -> bool:
    return normalize_words(text) in _HEADER_WORDS


def read_document(
    document: nodes.document,
    lines: Sequence[str] = (),
    words: SectionWords | None = None,
) -> PlainLog:
    """Read a plain log from its document tree (and its source *lines*, for heading
    levels). Never raises."""
    state = _State(PlainLog(), words or SectionWords.make(), lines)
    try:
        _read(document, state)
    except Exception as exc:
        state.log.notes.append(("structure", f"the log could not be read in full: {exc!r}", 1))
    return state.log


def _read(document: nodes.document, state: _State) -> None:
    log = state.log
    top = [c for c in document.children if isinstance(c, nodes.section)]
    # -- title and HEADER ----------------------------------------------------------------
    for section in top:
        text = _title_text(section, state)
        line = _line_of(section.children[0]) if section.children else 0
        if is_header_title(text):
            if log.header_section is None:
                log.header_section, log.header_line = section, line
            continue
        if log.title_section is not None:
            continue
        level = heading_level(state.lines, line) if state.lines else None
        if level == 1 or (level is None and not state.lines):
            log.title, log.title_line, log.title_section = text, line, section
    if log.header_section is None and log.title_section is not None:
        for section in log.title_section.children:
            if isinstance(section, nodes.section) and is_header_title(_title_text(section, state)):
                log.header_section = section
                log.header_line = _line_of(section.children[0])
                break

    # -- header fields -------------------------------------------------------------------
    for docinfo in document.children:  # front matter: a docinfo is the document's child
        if isinstance(docinfo, nodes.docinfo):
            _docinfo_fields(docinfo, state)
    regions: list[nodes.Element] = []
    if log.header_section is not None:
        regions.append(log.header_section)
    regions.append(document)  # above the first section
    if log.title_section is not None:
        regions.append(log.title_section)
    for region in regions:
        for child in region.children:
            if isinstance(child, nodes.section):
                break
            _fields_in(child, state)
    _body_fields(document, state)

    # -- items ---------------------------------------------------------------------------
    _blocks(document.children, None, state, None)
    for section in log.sections:
        if section.items or section.says_none or section.kind not in REPORTED_KINDS:
            continue
        log.notes.append(
            (
                "structure",
                f"no {KIND_NAMES[section.kind]} read from {section.title!r}: write them as a "
                "list (bulleted, numbered or a checklist) or say 'None'",
                section.line,
            )
        )


def _field_line(text: str, line: int, state: _State) -> bool:
    """Read one header line; whether it is a field."""
    match = _FIELD.match(text)
    if match is None:
        return False
    option = field_option(match["name"])
    if option is None:
        return False
    value = _strip_markdown(match["value"])
    name = normalize_words(match["name"])
    current = state.log.fields.get(option)
    if current is None or (_weak(current.name) and not _weak(name)):
        state.log.fields[option] = PlainField(option, value, line, name)
    return True


def field_value_span(line: str, name: str = "") -> tuple[int, int] | None:
    """Where the value of a header field starts and ends on a source line (for rewriting
    it): the field *name* (normalised words), or the line's first field. The value runs
    to the end of the line, or to an inline ``<br>`` before the next field."""
    if not name:
        match = _FIELD.match(line)
        return match.span("value") if match and field_option(match["name"]) else None
    words = r"[\W_]+".join(re.escape(word) for word in name.split())
    label = re.compile(
        rf"(?:^|(?<=[>\s:])|(?<=\*\*)|(?<=__))(?:\*\*|__)?\s*{words}\s*"
        r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)[ \t]*",
        re.IGNORECASE,
    )
    match = label.search(line)
    if match is None:
        return None
    end = line.lower().find("<br", match.end())
    end = len(line) if end < 0 else end
    value = line[match.end() : end].rstrip()
    return (match.end(), match.end() + len(value)) if value else None


def table_value_span(line: str) -> tuple[int, int] | None:
    """Where the value cell of a two-column table row (``| Status | Partial |``) starts and
    ends, without the spaces around it."""
    bars = [i for i, char in enumerate(line) if char == "|"]
    if not bars:
        return None
    if line[: bars[0]].strip():  # a row without a leading bar: | only between the cells
        first, second = -1, bars[0]
    elif len(bars) > 1:
        first, second = bars[0], bars[1]
    else:
        return None
    third = next((b for b in bars if b > second), len(line))
    cell = line[second + 1 : third]
    if not cell.strip() or not field_option(line[first + 1 : second].strip()):
        return None
    start = second + 1 + (len(cell) - len(cell.lstrip()))
    return start, start + len(cell.strip())


def _weak(name: str) -> bool:
    return name in WEAK_FIELD_NAMES


def _field_lines(para: nodes.Element, state: _State) -> bool:
    """Read the field lines of a paragraph; whether there was one. A field with no value
    on its own line takes the next line (``- **Status**:`` then ``  partial work``)."""
    lines = markup_lines(para)
    found = False
    for index, (line, text) in enumerate(lines):
        if not _field_line(text, line, state):
            continue
        found = True
        match = _FIELD.match(text)
        option = field_option(match["name"]) if match else None
        field = state.log.fields.get(option) if option else None
        if field is not None and field.line == line and not field.value and index + 1 < len(lines):
            following, value = lines[index + 1]
            if value.strip() and not _FIELD.match(value):
                field.value, field.line, field.form = _strip_markdown(value), following, "heading"
    return found


def _fields_in(node: nodes.Node, state: _State) -> None:
    if isinstance(node, nodes.paragraph):
        if _field_lines(node, state):
            state.field_nodes.add(id(node))
    elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        for item in node.children:
            para = _first_paragraph(item)
            if para is not None and _field_lines(para, state):
                state.field_nodes.add(id(item))
    elif isinstance(node, nodes.table):
        for index, row in enumerate(node.findall(nodes.row)):
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            if len(entries) == 2:
                name, value = plain_text(entries[0]), plain_text(entries[1])
                line = _row_line(node, index, state)
                if _field_line(f"{name}: {value}", line, state):
                    option = field_option(name)
                    if option and state.log.fields[option].line == line:
                        state.log.fields[option].form = "cell"
    elif isinstance(node, nodes.field_list):
        for fld in node.children:
            if isinstance(fld, nodes.field) and len(fld.children) == 2:
                _field_line(
                    f"{fld.children[0].astext()}: {plain_text(fld.children[1])}",
                    _line_of(fld),
                    state,
                )
    elif isinstance(node, (nodes.block_quote, nodes.container, nodes.compound)):
        for child in node.children:
            _fields_in(child, state)


_SUMMARY_WORDS = frozenset(
    {
        "summary",
        "executive summary",
        "overview",
        "session overview",
        "session summary",
        "tl dr",
        "tldr",
        "context",
        "session context",
        "at a glance",
        "status",
        "session",
    }
)
_FIELD_HEADINGS = frozenset(
    {"status", "final status", "session status", "outcome", "date", "session date"}
)


def _body_fields(document: nodes.document, state: _State) -> None:
    """Fields the header lacks, from where logs also state them: a summary section
    right under the title (``## Executive Summary`` / ``**Status**: ...``), a heading
    named after the field (``## Status`` then the value), the footer after the last
    rule (``---``)."""
    log = state.log
    top = log.title_section if log.title_section is not None else document
    sections = [c for c in top.children if isinstance(c, nodes.section)]
    for section in sections[:2]:
        if normalize_words(_title_text(section, state)) in _SUMMARY_WORDS:
            for child in section.children:
                if isinstance(child, nodes.section):
                    break
                _fields_in(child, state)
    for section in sections:
        name = normalize_words(_title_text(section, state))
        option = field_option(name) if name in _FIELD_HEADINGS else None
        if option is None or option in log.fields:
            continue
        para = next((c for c in section.children if isinstance(c, nodes.paragraph)), None)
        if para is not None:
            line, text = markup_lines(para)[0]
            log.fields[option] = PlainField(option, _strip_markdown(text), line, name, "heading")
    last = sections[-1] if sections else top
    footer_parent = last if isinstance(last, nodes.section) else top
    rules = [i for i, c in enumerate(footer_parent.children) if isinstance(c, nodes.transition)]
    if rules:
        for child in footer_parent.children[rules[-1] + 1 :]:
            if not isinstance(child, nodes.section):
                _fields_in(child, state)


def _docinfo_fields(docinfo: nodes.docinfo, state: _State) -> None:
    for child in docinfo.children:
        if isinstance(child, nodes.field) and len(child.children) == 2:
            name, value = child.children[0].astext(), plain_text(child.children[1])
        elif isinstance(child, nodes.Element):
            name, value = child.tagname, plain_text(child)
        else:
            continue
        if normalize_words(name) == "title" and not state.log.title:
            state.log.title = value
            continue
        _field_line(f"{name}: {value}", _front_matter_line(name, state), state)


def _front_matter_line(name: str, state: _State) -> int:
    """The line of ``name: value`` in the YAML front matter (0 when it cannot be told)."""
    lines = state.lines
    if not lines or lines[0].strip() != "---":
        return 0
    key = re.compile(rf"^{re.escape(name)}\s*:", re.IGNORECASE)
    for number, text in enumerate(lines[1:], start=2):
        if text.strip() in ("---", "..."):
            break
        if key.match(text):
            return number
    return 0


def _row_line(table: nodes.table, index: int, state: _State) -> int:
    """The source line of row *index* (0: the header row) of a pipe table: MyST gives
    every row the table's first line; one row is one line, the rule is the second."""
    start = _line_of(table)
    line = start + index + (1 if index else 0)
    if state.lines and 1 <= line <= len(state.lines) and "|" in state.lines[line - 1]:
        return line
    return start


def _first_paragraph(item: nodes.Node) -> nodes.paragraph | None:
    if isinstance(item, nodes.Element):
        for child in item.children:
            if isinstance(child, nodes.paragraph):
                return child
    return None


# -- sections, lists, items ---------------------------------------------------------------

_LISTS = (nodes.bullet_list, nodes.enumerated_list)
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

    def owner(self, state: _State, fallback: PlainSection | None) -> PlainSection | None:
        """The label as a section, once something under it is read."""
        if not self.named:
            return fallback
        if self.entry is None:
            self.entry = _new_section(state, self.kind, self.title, self.line)
            self.start = state.found
        return self.entry

    def close(self, state: _State) -> None:
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
                _add_item(self.para, None, self.kind, state, text_override=text)


def _blocks(
    children: Sequence[nodes.Node],
    kind: str | None,
    state: _State,
    owner: PlainSection | None,
) -> None:
    """Read a run of sibling blocks whose kind is *kind* (``None``: no item section)."""
    labelled = [
        (child, _label(child)) if isinstance(child, nodes.paragraph) else (child, None)
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
                label = _plain_label(child, state)
            if label is not None and not label[1]:
                pending = _pending_label(child, label[0], kind, labels_are_items, state)
            elif _line_items(child, state):  # **Next Steps**: deploy it
                pass
            elif kind == "file":
                _path_lines(child, state)  # paths on lines of their own
            elif owner is not None and _NOTHING.match(plain_text(child)):
                owner.says_none = True
        elif isinstance(child, _LISTS):
            _list(child, current, state, target())  # a label may head several lists
        elif isinstance(child, nodes.table):
            if current:
                target()  # the label over the table counts as a section
                _table(child, current, state)
        elif isinstance(child, devlog_items):  # an item directive in a plain log
            _directive_items(child, state)
        elif isinstance(child, _WRAPPERS):
            _blocks(child.children, current, state, target())
        elif not isinstance(child, _TRANSPARENT):
            close()
    close()


def _directive_items(container: devlog_items, state: _State) -> None:
    """The items of a ``devlog:lessons`` (...) directive: a section of its kind."""
    kind = str(container.get("kind", ""))
    if kind not in KIND_NAMES:
        return
    # an empty one was reported by the directive: no section to report again
    entry = (
        None
        if container.get("devlog_nolist")
        else _new_section(state, kind, f"devlog:{kind}", _line_of(container))
    )
    start = state.found
    for child in container.children:
        if isinstance(child, _LISTS):
            _list(child, kind, state, entry)
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
    state: _State,
) -> _Label | None:
    """What a label paragraph makes of the lists after it (``None``: it is an item)."""
    line = _line_of(para)
    if kind == "file":
        paths = _paths(_literals(para), text)
        if paths:  # **1. scripts/setup.ps1** in a files section: a file
            for path, description in paths:
                _record(state, PlainItem("file", text, None, line, path, description, "", para))
            return None
    named = state.words.kind_of(text)
    colon = plain_text(para).rstrip().endswith(":")
    if named and _item_label(named, text):
        return _Label(named, text, line, True, para, colon)
    if named == "file":  # **Files**: in a review, the files a problem is in: details
        named = ""
    if named is None and kind is not None and not labels_are_items:
        return _Label(kind, text, line, False, para, colon)  # a category of the items
    return _Label("", text, line, False, para, colon)  # details under a label: not items


def _path_lines(para: nodes.paragraph, state: _State) -> None:
    """Paths written one a line in a paragraph of a files section."""
    for line, text in markup_lines(para):
        plain = _NUMBERED.sub("", _strip_markdown(text))
        words = plain.split()
        first = words[0].strip("*:,;()") if words else ""
        if is_path(first):
            path, description = split_file_entry(plain, first)
            _record(
                state,
                PlainItem(
                    "file",
                    plain,
                    None,
                    line,
                    without_lines(path),
                    description.strip("() "),
                    "",
                    para,
                ),
            )


_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*+•])\s+")


_LINE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?\*\*(?P<label>[^*]+?)(?::\*\*|\*\*\s*:)\s*(?P<rest>\S.*)$"
)
_PLAIN_LABEL_WORDS = 10


def _line_items(para: nodes.paragraph, state: _State) -> bool:
    """Items written as labelled lines: ``**Next Steps**: deploy it``, ``**Lesson**: ...``;
    whether there was one."""
    found = False
    for line, text in markup_lines(para):
        match = _LINE_LABEL.match(text)
        if match is None:
            continue
        name = match["label"].strip()
        named = state.words.kind_of(name)
        if not named or not _item_label(named, name):
            continue
        entry = _new_section(state, named, name, line)
        start = state.found
        _add_item(
            para,
            None,
            named,
            state,
            text_override=_strip_markdown(match["rest"]),
            line=line,
            literals=_literals(para),
        )
        entry.items = state.found - start
        found = True
    return found


def _literals(para: nodes.Element) -> list[str]:
    return [lit.astext().strip() for lit in para.findall(nodes.literal)]


def _plain_label(para: nodes.paragraph, state: _State) -> tuple[str, str] | None:
    """A short paragraph of plain words that names a kind (``Proposed next steps``),
    standing for a heading."""
    text = plain_text(para)
    if not text or len(text.split()) > _PLAIN_LABEL_WORDS or "\n" in para.astext().strip():
        return None
    name = text[:-1].strip() if text.endswith(":") else text
    if state.words.kind_of(name) is not None:
        return name, ""
    return None


def _item_label(kind: str, label: str) -> bool:
    """Whether ``**<label>**: text`` is an item of *kind*: for files, only when the label
    says they were changed (``**Files changed**: a.py``), not where a problem lies
    (``**Files**: a.py (lines 8-9)``, ``**File**: b.py``)."""
    if kind != "file":
        return True
    return not CHANGED_WORDS.isdisjoint(normalize_words(label).split())


def _new_section(state: _State, kind: str, title: str, line: int) -> PlainSection:
    entry = PlainSection(kind, title, line)
    state.log.sections.append(entry)
    return entry


def _section(
    section: nodes.section, inherited: str | None, state: _State, owner: PlainSection | None
) -> None:
    header = state.log.header_section
    if header is not None and section is header:  # fields; its subsections may hold items
        _blocks([c for c in section.children if isinstance(c, nodes.section)], None, state, None)
        return
    title = _title_text(section, state)
    # the log's own title names no kind: "# Follow-up: fix the CI" holds the whole log
    is_title = section is state.log.title_section
    named = state.words.kind_of(title) if title and not is_title else None
    if named == "goal" and inherited == "step":
        named = "step"  # the goals of sessions to come are next steps
    if named == "":  # References, Examples: no items, whatever the section above
        _blocks(section.children, None, state, None)
        return
    if named is None:
        start = state.found
        _blocks(section.children, inherited, state, owner)
        if (
            inherited in _TOPIC_KINDS
            and state.found == start
            and not is_title
            and not any(isinstance(c, nodes.section) for c in section.children)
        ):
            _heading_item(section, title, inherited, state)
        return
    line = _line_of(section.children[0]) if section.children else _line_of(section)
    entry = _new_section(state, named, title, line)
    start = state.found
    _blocks(section.children, named, state, entry)
    entry.items = state.found - start


def _content(para: nodes.Element) -> list[nodes.Node]:
    """A paragraph's children without the parser's messages and blank text at either end."""
    children = [c for c in para.children if not isinstance(c, nodes.system_message)]
    while children and isinstance(children[0], nodes.Text) and not children[0].strip():
        children.pop(0)
    while children and isinstance(children[-1], nodes.Text) and not children[-1].strip():
        children.pop()
    return children


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


def _heading_item(section: nodes.section, title: str, kind: str, state: _State) -> None:
    """A subsection of lessons or next steps with no list of its own is one item."""
    text = _topic(title)
    if text:
        line = _line_of(section.children[0]) if section.children else _line_of(section)
        _add_item(section, None, kind, state, text_override=text, line=line)


def _label(para: nodes.Node) -> tuple[str, str] | None:
    """``(label, rest)`` when a paragraph starts with a bold label (``**Files**:``)."""
    if not isinstance(para, nodes.Element):
        return None
    children = _content(para)
    if not children or not isinstance(children[0], nodes.strong):
        return None
    label = plain_text(children[0])
    rest = "".join(c.astext() if not isinstance(c, nodes.raw) else "" for c in children[1:]).strip()
    if label.endswith(":"):
        label = label[:-1].strip()
    elif rest.startswith(":"):
        rest = rest[1:].strip()
    elif rest:
        return None  # bold words in a sentence
    return label, collapse(rest)


def _pure_label(para: nodes.paragraph | None) -> str | None:
    """The label of a paragraph that is only a label (``**Core modules:**``, ``Core:``)."""
    if para is None:
        return None
    text = plain_text(para)
    if not text or len(text.split()) > _CATEGORY_WORDS_MAX:
        return None
    label = _label(para)
    if label is not None:
        if label[1]:
            return None
        strong = _content(para)[0]
        literal_only = isinstance(strong, nodes.Element) and all(
            isinstance(c, nodes.literal) or not c.astext().strip() for c in strong.children
        )
        return None if literal_only else label[0]
    if text.endswith(":") and not any(isinstance(c, nodes.literal) for c in para.children):
        return text[:-1].strip()
    return None


def _has_list(item: nodes.Element) -> bool:
    return any(isinstance(c, _LISTS) for c in item.children)


def _list(lst: nodes.Element, kind: str | None, state: _State, owner: PlainSection | None) -> None:
    items = [c for c in lst.children if isinstance(c, nodes.list_item)]
    paras = [_first_paragraph(item) for item in items]
    labels = [_pure_label(p) if _has_list(i) else None for i, p in zip(items, paras, strict=True)]
    # a list of categories: every item with a nested list is a pure label; otherwise the
    # nested lists are the details of items (``1. **Deploy** (after review)`` + steps)
    categories = all(
        label is not None for item, label in zip(items, labels, strict=True) if _has_list(item)
    )
    for item, para, label in zip(items, paras, labels, strict=True):
        if id(item) in state.field_nodes:
            continue
        if label is not None and (categories or state.words.kind_of(label) is not None):
            named = state.words.kind_of(label)
            if named == "goal" and kind == "step":
                named = "step"
            if named == "":  # - **Examples:** with a nested list
                continue
            entry = owner
            start = state.found
            if named and named != kind:
                entry = _new_section(state, named, label, _line_of(item))
            for nested in item.children:
                if isinstance(nested, _LISTS):
                    _list(nested, named or kind, state, entry)
            if entry is not owner and entry is not None:
                entry.items = state.found - start
            continue
        if kind is None:
            prefixed = _kind_prefix(para, state) if para is not None else None
            if prefixed is not None:  # - **Files changed:** a.py, b.py / - Lesson: ...
                named, title, rest = prefixed
                entry = _new_section(state, named, title, _line_of(item))
                start = state.found
                _add_item(item, para, named, state, text_override=rest, literals=_literals(para))
                entry.items = state.found - start
                continue
            for nested in item.children:  # a category may sit deeper
                if isinstance(nested, _LISTS):
                    _list(nested, None, state, None)
            continue
        words = plain_text(para) if para is not None else ""
        if _NOTHING_ITEM.match(words):
            if owner is not None:
                owner.says_none = True  # - None, - N/A
            continue
        _add_item(item, para, kind, state, words=words)


_NOTHING_ITEM = re.compile(
    r"^(?:none|n/a|nothing|tbd|-+|—)(?:\s+(?:yet|so far|for now|identified|found|this "
    r"(?:time|session)))?[.!]?$",
    re.IGNORECASE,
)


_PREFIX = re.compile(r"^(?P<name>[A-Za-z][\w /'&-]{0,40}?)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)


def _kind_prefix(para: nodes.paragraph, state: _State) -> tuple[str, str, str] | None:
    """``(kind, name, rest)`` for an item written ``Kind: text`` (bold or not)."""
    label = _label(para)
    if label is not None and label[1]:
        name, rest = label
    else:
        match = _PREFIX.match(plain_text(para))
        if match is None:
            return None
        name, rest = match["name"], match["rest"]
    named = state.words.kind_of(name)
    if not named or not _item_label(named, name):
        return None
    return named, name, rest


#: the header of the column that holds the items, by kind
_ITEM_COLUMNS = {
    "file": ("file", "files", "path", "paths", "name"),
    "step": ("step", "next step", "task", "action", "item", "todo", "what", "description"),
    "lesson": ("lesson", "insight", "learning", "takeaway", "what", "description"),
    "goal": ("goal", "objective", "task", "item", "description"),
}
#: cells that give a row's priority or state, never its item
_TAG_CELL = re.compile(
    r"^(?:p[0-4]|high|medium|low|critical|minor|major|\d+|[✅❌⬜⚠️✔☑✓\ufe0f\s-]*|"
    r"done|open|todo|yes|no|pending|complete|completed|in progress|blocked)$",
    re.IGNORECASE,
)


def _table(table: nodes.table, kind: str, state: _State) -> None:
    """One item a row: from the column whose header names the kind, else the first cell
    that is not a number, a priority or a state."""
    heads = [
        normalize_words(plain_text(e))
        for head in table.findall(nodes.thead)
        for row in head.findall(nodes.row)
        for e in row.children
    ]
    column = next((i for i, h in enumerate(heads) if h in _ITEM_COLUMNS.get(kind, ())), None)
    index = 0
    for body in table.findall(nodes.tbody):
        for row in body.children:
            if not isinstance(row, nodes.row):
                continue
            index += 1
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            cells = [plain_text(e) for e in entries]
            first = (
                column
                if column is not None and column < len(cells) and cells[column]
                else (next((i for i, c in enumerate(cells) if c and not _TAG_CELL.match(c)), None))
            )
            if first is None:
                continue
            done = any(
                c and (c[0] in _DONE_MARKS or normalize_words(c) in _DONE_CELLS) for c in cells
            )
            rest = " - ".join(c for i, c in enumerate(cells) if c and i != first)
            _add_item(
                row,
                entries[first],
                kind,
                state,
                text_override=cells[first],
                description=rest,
                checked=True if done else None,
                line=_row_line(table, index, state),
            )


_DONE_CELLS = frozenset({"done", "complete", "completed", "fixed", "yes", "resolved"})


def _strike_text(para: nodes.Element, text: str) -> str | None:
    """The text of a paragraph (whose words are *text*) struck through as a whole."""
    match = _STRIKE.match(text)  # ~~words~~, without MyST's strikethrough extension
    if match:
        return collapse(match.group(1))
    children = _content(para)
    if (
        len(children) >= 3
        and _raw_html(children[0]).strip() == "<s>"
        and _raw_html(children[-1]).strip() == "</s>"
    ):
        return text
    return None


def _state_of(text: str, para: nodes.Element | None) -> tuple[bool | None, str, str]:
    """``(checked, text without the marker, marker kind)``."""
    first = _raw_html(para.children[0]) if para is not None and para.children else ""
    if "checkbox" in first:
        return "checked" in first, text, "box"
    match = _CHECKBOX.match(text)
    if match:
        return match.group(1) != " ", text[match.end() :].strip(), "box"
    if para is not None:
        struck = _strike_text(para, text)
        if struck is not None:
            return True, struck, "mark"
    stripped = text.lstrip(_MARK_CHARS)
    if stripped != text:
        marks = text[: len(text) - len(stripped)]
        if any(m in _DONE_MARKS for m in marks):
            return True, stripped.strip(), "mark"
        if any(m in _OPEN_MARKS for m in marks):
            return False, stripped.strip(), "mark"
    match = _DONE_WORD.match(text)
    if match:
        return True, text[match.end() :].strip(), "mark"
    match = _DONE_SUFFIX.search(text)
    if match and match.start() > 0:
        return True, text[: match.start()].strip(), "mark"
    return None, text, ""


def _add_item(
    node: nodes.Element,
    para: nodes.Element | None,
    kind: str,
    state: _State,
    *,
    text_override: str | None = None,
    description: str = "",
    checked: bool | None = None,
    line: int = 0,
    literals: list[str] | None = None,
    words: str | None = None,
) -> None:
    line = line or _line_of(para if para is not None else node) or _line_of(node)
    if text_override is not None:
        raw = text_override
    elif words is not None:  # the paragraph's words, read already
        raw = words
    else:
        raw = plain_text(para) if para is not None else ""
    found, text, marker = _state_of(raw, para if text_override is None else None)
    if checked is None:
        checked = found
    elif found is not None:
        checked = checked or found
    text = collapse(text)
    if is_blank(text) and para is not None and node is not para and text_override is None:
        # nothing but a checkbox in the first paragraph: the item's text is its words
        rest = [c for c in node.children if c is not para and isinstance(c, nodes.Element)]
        text = collapse(" ".join(plain_text(child) for child in rest))
        if literals is None and kind == "file":
            literals = [lit for c in rest for lit in _literals(c)]
    if is_blank(text):
        state.log.notes.append(
            ("structure", f"an empty {KIND_NAMES[kind].rstrip('s')} item is skipped", line)
        )
        number = state.numbers[kind] = state.numbers.get(kind, 0) + 1
        state.log.blanks.setdefault(kind, []).append(number)
        return
    if kind == "file":
        if literals is None:
            literals = _literals(para) if para is not None and text_override is None else []
        paths = _paths(literals, text)
        if not paths:
            return  # a remark in a files list, not a file
        for path, desc in paths:
            _record(
                state,
                PlainItem(kind, text, None, line, path, desc or description, marker, node),
            )
        return
    _record(state, PlainItem(kind, text, checked, line, "", "", marker, node))


def _record(state: _State, item: PlainItem) -> None:
    state.found += 1
    if item.kind == "file":
        if item.path in state.seen_paths:
            return  # listed again (in a summary, say): one file
        state.seen_paths.add(item.path)
    item.number = state.numbers[item.kind] = state.numbers.get(item.kind, 0) + 1
    state.log.items[item.kind].append(item)


_LINE_SUFFIX = re.compile(r"(?::\d+(?:[-:]\d+)?|#L\d+(?:-L?\d+)?)$")


def without_lines(path: str) -> str:
    """A path without a line reference: ``a.py:56``, ``a.py:10-20``, ``a.py#L3``."""
    return _LINE_SUFFIX.sub("", path)


def is_path(word: str) -> bool:
    """Whether a word looks like a file path (``src/a.py``, ``.env``, ``Makefile``)."""
    word = without_lines(word)
    return (
        bool(_PATH_LIKE.match(word))
        and word.lower() not in _NOT_PATHS
        and "://" not in word
        and not word.startswith("http")
    )


def _paths(literals: list[str], text: str) -> list[tuple[str, str]]:
    """The file paths an item of a files list names, each with its description."""
    written = [p for p in literals if is_path(p)]
    paths = [without_lines(p) for p in written]
    if paths:
        cut = text.find(written[-1])
        rest = text[cut + len(written[-1]) :] if cut >= 0 else ""
        description = re.sub(r"^[\s:,\-–—)]+", "", rest).strip()
        if len(paths) > 1:
            between = text[text.find(paths[0]) : cut] if cut >= 0 else ""
            if re.search(r"[A-Za-z]{4,}", re.sub("|".join(map(re.escape, paths)), "", between)):
                return [split_file_entry(text, paths[0])]  # a path, then a description
        return [(p, description) for p in dict.fromkeys(paths)]
    words = [w.strip("*:,;()[]'\"") for w in text.split()]
    if words and is_path(words[0]):
        path, description = split_file_entry(text, words[0])
        return [(without_lines(path), description)]
    # paths in a sentence: only words that cannot be anything else (``app.py``,
    # ``src/a/b``, ``docs/``), not ``before/after``
    found = [without_lines(w.rstrip(".")) for w in words]
    found = [
        w
        for w in found
        if is_path(w) and ("." in w.rsplit("/", 1)[-1] or w.count("/") >= 2 or w.endswith("/"))
    ]
    return [(w, "") for w in dict.fromkeys(found)]
