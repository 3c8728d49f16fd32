"""Commit hashes in a log's text (``devlog_commit_url``): which words are hashes.

Pure: no Sphinx. The log pages (:mod:`.sourcelinks`) and the collections' item links
(:mod:`.collections.links`) apply the same rule to the same text, so an item's hash is a
link on its log's page and wherever a collection shows the item.

The rule. Text is cut into words at white space; a word may be wrapped in brackets or
quotes and followed by punctuation (``(3f2a9c1)``, ``"3f2a9c1",``, ``3f2a9c1.``), which
are no part of it. The word is a commit hash when it is

- 7 to 40 hex digits (git's short hashes are 7 or more; a full SHA-1 is 40),
- holding at least one digit and at least one of the letters a-f (``1234567`` is a
  number, ``deadbeef`` a word),
- in one case (``3f2a9c1`` or ``3F2A9C1``, not ``3f2A9c1``),
- and nothing else: a hex run inside a longer word is no hash, nor is one joined to
  anything by a ``-``, ``/``, ``.``, ``:``, ``#``, ``=``, ``@`` or ``_`` (a UUID, a
  ``#c0ffee1`` colour, ``0x1f2e3d4c``, a path, a URL, ``v1.2-3-g3f2a9c1``, a git range
  ``3f2a9c1..8e4b0d2``).
"""

from __future__ import annotations

import re

#: what may come before a hash in its word: opening brackets and quotes
OPENERS = "([{<\"'\u201c\u2018\u00ab"
#: what may come after it: closing brackets, quotes and punctuation
CLOSERS = ")]}>\"'\u201d\u2019\u00bb.,;:!?\u2026"

SHORTEST = 7
LONGEST = 40

_WORD = re.compile(r"\S+")
_HEX = re.compile(rf"[0-9a-f]{{{SHORTEST},{LONGEST}}}|[0-9A-F]{{{SHORTEST},{LONGEST}}}")
#: text that holds no hash at all (most text): no run of 7 hex digits
_HEX_RUN = re.compile(rf"[0-9A-Fa-f]{{{SHORTEST}}}")


def is_hash(word: str) -> bool:
    """Whether *word*, all of it, is a commit hash by the module's rule."""
    if _HEX.fullmatch(word) is None:
        return False
    digits = sum(c.isdigit() for c in word)
    return 0 < digits < len(word)


def may_hold_hash(text: str) -> bool:
    """Whether *text* has a run of 7 hex digits (most text has none: no hash there)."""
    return _HEX_RUN.search(text) is not None


def find_hashes(text: str) -> list[tuple[int, int]]:
    """The ``(start, end)`` of every commit hash in *text*, in order."""
    if not may_hold_hash(text):
        return []
    spans = []
    for match in _WORD.finditer(text):
        start, end = match.span()
        while start < end and text[start] in OPENERS:
            start += 1
        while end > start and text[end - 1] in CLOSERS:
            end -= 1
        if is_hash(text[start:end]):
            spans.append((start, end))
    return spans


def commit_url(template: str, sha: str) -> str:
    """*template* (``devlog_commit_url``) with the hash in it, in lower case as git
    writes hashes."""
    return template.format_map({"sha": sha.lower()})
