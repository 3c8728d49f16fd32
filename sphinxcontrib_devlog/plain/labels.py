"""Labels: paragraphs that stand for a heading (``**Files Changed**:``, ``Core
modules:``, ``Proposed next steps``) and items written ``Kind: text``."""

from __future__ import annotations

import re

from docutils import nodes

from ..model import collapse
from .normalize import normalize_words
from .sections import CHANGED_WORDS
from .state import ReadState
from .text import inline_children, plain_text

#: the most words a category label (``- **Core modules:**`` over a nested list) has
_CATEGORY_WORDS_MAX = 8
#: the most words a paragraph of plain words standing for a heading has
_PLAIN_LABEL_WORDS = 10


def bold_label(para: nodes.Node) -> tuple[str, str] | None:
    """``(label, rest)`` when a paragraph starts with a bold label (``**Files**:``)."""
    if not isinstance(para, nodes.Element):
        return None
    children = inline_children(para)
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


def pure_label(para: nodes.paragraph | None) -> str | None:
    """The label of a paragraph that is only a label (``**Core modules:**``, ``Core:``)."""
    if para is None:
        return None
    text = plain_text(para)
    if not text or len(text.split()) > _CATEGORY_WORDS_MAX:
        return None
    label = bold_label(para)
    if label is not None:
        if label[1]:
            return None
        strong = inline_children(para)[0]
        literal_only = isinstance(strong, nodes.Element) and all(
            isinstance(c, nodes.literal) or not c.astext().strip() for c in strong.children
        )
        return None if literal_only else label[0]
    if text.endswith(":") and not any(isinstance(c, nodes.literal) for c in para.children):
        return text[:-1].strip()
    return None


def plain_label(para: nodes.paragraph, state: ReadState) -> tuple[str, str] | None:
    """A short paragraph of plain words that names a kind (``Proposed next steps``),
    standing for a heading."""
    text = plain_text(para)
    if not text or len(text.split()) > _PLAIN_LABEL_WORDS or "\n" in para.astext().strip():
        return None
    name = text[:-1].strip() if text.endswith(":") else text
    if state.words.kind_of(name) is not None:
        return name, ""
    return None


def item_label(kind: str, label: str) -> bool:
    """Whether ``**<label>**: text`` is an item of *kind*: for files, only when the label
    says they were changed (``**Files changed**: a.py``), not where a problem lies
    (``**Files**: a.py (lines 8-9)``, ``**File**: b.py``)."""
    if kind != "file":
        return True
    return not CHANGED_WORDS.isdisjoint(normalize_words(label).split())


_PREFIX = re.compile(r"^(?P<name>[A-Za-z][\w /'&-]{0,40}?)\s*:\s+(?P<rest>\S.*)$", re.DOTALL)


def kind_prefix(para: nodes.paragraph, state: ReadState) -> tuple[str, str, str] | None:
    """``(kind, name, rest)`` for an item written ``Kind: text`` (bold or not)."""
    label = bold_label(para)
    if label is not None and label[1]:
        name, rest = label
    else:
        match = _PREFIX.match(plain_text(para))
        if match is None:
            return None
        name, rest = match["name"], match["rest"]
    named = state.words.kind_of(name)
    if not named or not item_label(named, name):
        return None
    return named, name, rest
