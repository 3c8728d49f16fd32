"""Done markers: whether an item is done, open or neither, and its text without the
marker (``[x]``, ✅ ✔ ☑ ✓ before or after the text, ❌ ⬜, strike-through, ``DONE:``)."""

from __future__ import annotations

import re

from docutils import nodes

from ..model import collapse
from .text import inline_children, raw_html

DONE_MARKS = "✅✔☑✓🗹"
_OPEN_MARKS = "⬜☐🔲◻▫□⭕❌✗✘"
_MARK_CHARS = DONE_MARKS + _OPEN_MARKS + "\ufe0f "
_CHECKBOX = re.compile(r"^\s*\[([ xX✓✔])\]\s*")
_DONE_WORD = re.compile(r"^\s*(?:\(done\)|\[done\]|done\s*[:\-–—])\s*", re.IGNORECASE)
_DONE_SUFFIX = re.compile(r"\s*(?:\((?:done|completed|fixed)\)|[✅✔☑✓]\ufe0f?)\s*$", re.IGNORECASE)
_STRIKE = re.compile(r"^~~(.+)~~$", re.DOTALL)
#: table cells that say a row is done
DONE_CELLS = frozenset({"done", "complete", "completed", "fixed", "yes", "resolved"})


def _strike_text(para: nodes.Element, text: str) -> str | None:
    """The text of a paragraph (whose words are *text*) struck through as a whole."""
    match = _STRIKE.match(text)  # ~~words~~, without MyST's strikethrough extension
    if match:
        return collapse(match.group(1))
    children = inline_children(para)
    if (
        len(children) >= 3
        and raw_html(children[0]).strip() == "<s>"
        and raw_html(children[-1]).strip() == "</s>"
    ):
        return text
    return None


def state_of(text: str, para: nodes.Element | None) -> tuple[bool | None, str, str]:
    """``(checked, text without the marker, marker kind)``."""
    first = raw_html(para.children[0]) if para is not None and para.children else ""
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
        if any(m in DONE_MARKS for m in marks):
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
