"""The names the words of plain logs had in one module, for the modules that import them
from here. Each lives in a module named for what it holds:

* :mod:`.sections`: which kind of item a heading names (:class:`SectionWords`, the key
  phrases, qualifiers and the headings that hold no items);
* :mod:`.fieldnames`: which header field a line sets (``FIELD_NAMES``);
* :mod:`.status`: which status a free-text status line means (:func:`resolve_status`);
* :mod:`.normalize`: the words of a heading or line as those tables hold them.
"""

from __future__ import annotations

from .fieldnames import FIELD_NAMES, WEAK_FIELD_NAMES, field_option
from .normalize import normalize_words, phrase_words
from .sections import (
    CHANGED_WORDS,
    FILE_DONE,
    FILE_THINGS,
    KEY_PHRASES,
    NO_ITEMS,
    PREPOSITIONS,
    QUALIFIERS,
    SectionWords,
)
from .status import (
    BAD,
    DEFAULT_STATUS_ALIASES,
    EMOJI,
    GOOD,
    MIDDLE,
    NEGATIONS,
    POLARITY,
    SEVERITY,
    StatusReading,
    resolve_status,
    status_side,
)

__all__ = [
    "BAD",
    "CHANGED_WORDS",
    "DEFAULT_STATUS_ALIASES",
    "EMOJI",
    "FIELD_NAMES",
    "FILE_DONE",
    "FILE_THINGS",
    "GOOD",
    "KEY_PHRASES",
    "MIDDLE",
    "NEGATIONS",
    "NO_ITEMS",
    "POLARITY",
    "PREPOSITIONS",
    "QUALIFIERS",
    "SEVERITY",
    "WEAK_FIELD_NAMES",
    "SectionWords",
    "StatusReading",
    "field_option",
    "normalize_words",
    "phrase_words",
    "resolve_status",
    "status_side",
]
