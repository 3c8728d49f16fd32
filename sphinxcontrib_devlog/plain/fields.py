"""Header fields (``**Status**: x``, ``Status: x``, ``- **Date:** x``, a two-column
table, front matter): where they are read, how a line is read, and where a field's value
stands on its source line (for ``sphinx-devlog set-status``).

Which names are fields is in :mod:`.fieldnames`.
"""

from __future__ import annotations

import re

from docutils import nodes

from .fieldnames import FIELD_HEADINGS, WEAK_FIELD_NAMES, field_option
from .log import PlainField
from .normalize import normalize_words
from .state import ReadState
from .text import first_paragraph, line_of, markup_lines, plain_text, row_line, strip_markdown
from .titles import title_text

_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?P<name>[A-Za-z][A-Za-z /\-]{0,30}?)\s*"
    r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$"
)


def read_fields(document: nodes.document, state: ReadState) -> None:
    """The header fields: front matter, then the ``HEADER`` section, the text above the
    first section and the title's section before its first subsection, then the fields
    the header lacks from the body."""
    log = state.log
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


def _field_line(text: str, line: int, state: ReadState) -> bool:
    """Read one header line; whether it is a field."""
    match = _FIELD.match(text)
    if match is None:
        return False
    option = field_option(match["name"])
    if option is None:
        return False
    value = strip_markdown(match["value"])
    name = normalize_words(match["name"])
    current = state.log.fields.get(option)
    if current is None or (_weak(current.name) and not _weak(name)):
        state.log.fields[option] = PlainField(option, value, line, name)
    return True


def field_value_span(line: str, name: str) -> tuple[int, int] | None:
    """Where the value of the header field *name* (normalised words, as
    :attr:`PlainField.name <.log.PlainField.name>` holds it) starts and ends on a source
    line (for rewriting it). The value runs to the end of the line, or to an inline
    ``<br>`` before the next field."""
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


def _field_lines(para: nodes.Element, state: ReadState) -> bool:
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
                field.value, field.line, field.form = strip_markdown(value), following, "heading"
    return found


def _fields_in(node: nodes.Node, state: ReadState) -> None:
    if isinstance(node, nodes.paragraph):
        if _field_lines(node, state):
            state.field_nodes.add(id(node))
    elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
        for item in node.children:
            para = first_paragraph(item)
            if para is not None and _field_lines(para, state):
                state.field_nodes.add(id(item))
    elif isinstance(node, nodes.table):
        for index, row in enumerate(node.findall(nodes.row)):
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            if len(entries) == 2:
                name, value = plain_text(entries[0]), plain_text(entries[1])
                line = row_line(node, index, state.lines)
                if _field_line(f"{name}: {value}", line, state):
                    option = field_option(name)
                    if option and state.log.fields[option].line == line:
                        state.log.fields[option].form = "cell"
    elif isinstance(node, nodes.field_list):
        for fld in node.children:
            if isinstance(fld, nodes.field) and len(fld.children) == 2:
                _field_line(
                    f"{fld.children[0].astext()}: {plain_text(fld.children[1])}",
                    line_of(fld),
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


def _body_fields(document: nodes.document, state: ReadState) -> None:
    """Fields the header lacks, from where logs also state them: a summary section
    right under the title (``## Executive Summary`` / ``**Status**: ...``), a heading
    named after the field (``## Status`` then the value), the footer after the last
    rule (``---``)."""
    log = state.log
    top = log.title_section if log.title_section is not None else document
    sections = [c for c in top.children if isinstance(c, nodes.section)]
    for section in sections[:2]:
        if normalize_words(title_text(section, state)) in _SUMMARY_WORDS:
            for child in section.children:
                if isinstance(child, nodes.section):
                    break
                _fields_in(child, state)
    for section in sections:
        name = normalize_words(title_text(section, state))
        option = field_option(name) if name in FIELD_HEADINGS else None
        if option is None or option in log.fields:
            continue
        para = next((c for c in section.children if isinstance(c, nodes.paragraph)), None)
        if para is not None:
            line, text = markup_lines(para)[0]
            log.fields[option] = PlainField(option, strip_markdown(text), line, name, "heading")
    last = sections[-1] if sections else top
    footer_parent = last if isinstance(last, nodes.section) else top
    rules = [i for i, c in enumerate(footer_parent.children) if isinstance(c, nodes.transition)]
    if rules:
        for child in footer_parent.children[rules[-1] + 1 :]:
            if not isinstance(child, nodes.section):
                _fields_in(child, state)


def _docinfo_fields(docinfo: nodes.docinfo, state: ReadState) -> None:
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


def _front_matter_line(name: str, state: ReadState) -> int:
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
