"""The words of a heading, label or line as the tables of plain logs hold them: lower
case, markup, punctuation and emoji dropped."""

from __future__ import annotations

import re
import unicodedata

_WORD_RUN = re.compile(r"[^\W_]+")


def normalize_words(text: str) -> str:
    """Lower-case words only: emoji, punctuation and markup dropped, spaces collapsed.

    Hyphens and apostrophes join nothing: ``follow-up`` is ``follow up``.
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    return " ".join(_WORD_RUN.findall(text.lower()))


def phrase_words(phrase: str) -> tuple[str, ...]:
    """The normalised words of a key phrase."""
    return tuple(normalize_words(phrase).split())
