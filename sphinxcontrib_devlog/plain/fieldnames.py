"""The names of header fields in plain logs: which devlog option a header line
(``Status: x``, ``**Date**: x``, a table row, front matter) sets, by the field's name as
written (:data:`FIELD_NAMES`); which names give way to a more specific one
(:data:`WEAK_FIELD_NAMES`); which may stand as a heading (:data:`FIELD_HEADINGS`).

The words themselves are declared with each field in the header schema
(:mod:`sphinxcontrib_devlog.fields`); this module turns them into the reader's lookups:
:mod:`.fields` reads the lines with them, ``sphinx-devlog set-status`` finds a value
through them.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from ..fields import plain_words, weak_plain_words
from .normalize import normalize_words

#: header field names as written (normalised) -> devlog option, from the header schema
FIELD_NAMES: Mapping[str, str] = MappingProxyType(plain_words())
#: fields a later, more specific name may replace (``Created`` gives way to ``Date``)
WEAK_FIELD_NAMES = weak_plain_words()

#: field names that may stand as a heading with the value under it (``## Status``)
FIELD_HEADINGS = frozenset(
    {"status", "final status", "session status", "outcome", "date", "session date"}
)


def field_option(name: str) -> str | None:
    """The devlog option a field name as written sets, or ``None``."""
    return FIELD_NAMES.get(normalize_words(name))
