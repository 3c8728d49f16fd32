"""The title of a plain log and its ``HEADER`` section, the words of a section's title,
and a heading's Markdown level."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes

from .normalize import normalize_words
from .state import ReadState
from .text import line_of, plain_text

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


def title_text(section: nodes.section, state: ReadState) -> str:
    """A section's title in words (read once: the fields and the items both ask)."""
    text = state.titles.get(id(section))
    if text is None:
        title = _title_of(section)
        text = state.titles[id(section)] = plain_text(title) if title is not None else ""
    return text


def is_header_title(text: str) -> bool:
    return normalize_words(text) in _HEADER_WORDS


def find_title(document: nodes.document, state: ReadState) -> None:
    """Find the log's title (the first level-1 heading that is not ``HEADER``) and its
    ``HEADER`` section: a top-level one, or else one right under the title."""
    log = state.log
    top = [c for c in document.children if isinstance(c, nodes.section)]
    for section in top:
        text = title_text(section, state)
        line = line_of(section.children[0]) if section.children else 0
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
            if isinstance(section, nodes.section) and is_header_title(title_text(section, state)):
                log.header_section = section
                log.header_line = line_of(section.children[0])
                break
