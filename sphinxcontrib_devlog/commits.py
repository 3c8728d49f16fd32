"""Commit hashes in a log's text (``devlog_commit_url``): which words are hashes.

Pure: no Sphinx. The log pages (:mod:`.sourcelinks`) and the collections' item links
(:mod:`.collections.links`) apply the same rule to the same text, so an item's hash is a
link on its log's page and wherever a collection shows the item.

The rule. Text is cut into words at white space; a word may be wrapped in brackets or
quotes and followed by punctuation (``(3f2a9c1)``, ``"3f2a9c1",``, ``3f2a9c1.``), which
are no part of it. The word is a commit hash when it is

- 7 to 12 hex digits (git's short hashes), or exactly 40 (a full SHA-1); other lengths
  are other things: an MD5 or a trace id (32), an ObjectId (24), a span id (16), and
  the 64 digits of a repository using SHA-256, which are not looked for,
- holding at least one digit and at least one of the letters a-f (``1234567`` is a
  number, ``deadbeef`` a word),
- in one case (``3f2a9c1`` or ``3F2A9C1``, not ``3f2A9c1``),
- not a number in e-notation (digits, one ``e``, digits: ``1e100000``),
- if short, without six letters in a row (``facade1``, ``deadbeef42``: a word and a
  number; such a run is in one 7-digit hash in 280, one 12-digit hash in 75, which are
  missed),
- not right after a word naming another kind of hex (:data:`LABELS`: ``md5``,
  ``sha256``, ``etag``, ``trace`` ..., maybe followed by ``id`` and by ``:`` or ``=``:
  ``md5: d41d8cd9``, ``trace id 4bf92f35``, ``colour ff5733aa``),
- and nothing else: a hex run inside a longer word is no hash, nor is one joined to
  anything by a ``-``, ``/``, ``.``, ``:``, ``#``, ``=``, ``@`` or ``_`` (a UUID, a
  ``#c0ffee1`` colour, ``0x1f2e3d4c``, a path, a URL, ``v1.2-3-g3f2a9c1``, a git range
  ``3f2a9c1..8e4b0d2``).

A bare ``ff5733aa`` (a colour without its ``#``) cannot be told from a hash, and is one.
"""

from __future__ import annotations

import re

#: what may come before a hash in its word: opening brackets and quotes
OPENERS = "([{<\"'\u201c\u2018\u00ab"
#: what may come after it: closing brackets, quotes and punctuation
CLOSERS = ")]}>\"'\u201d\u2019\u00bb.,;:!?\u2026"

SHORTEST = 7
#: the longest short hash looked for (git writes 7 to 12 digits, as the project needs)
SHORT_LONGEST = 12
#: a full SHA-1
FULL = 40
#: words after which a hex word is something else: a checksum, an id, a colour
LABELS = (
    "md5",
    "sha1",
    "sha-1",
    "sha256",
    "sha-256",
    "checksum",
    "etag",
    "uuid",
    "guid",
    "objectid",
    "trace",
    "span",
    "color",
    "colour",
    "rgb",
    "rgba",
)

_WORD = re.compile(r"\S+")
_HEX = re.compile(
    rf"[0-9a-f]{{{SHORTEST},{SHORT_LONGEST}}}|[0-9A-F]{{{SHORTEST},{SHORT_LONGEST}}}"
    rf"|[0-9a-f]{{{FULL}}}|[0-9A-F]{{{FULL}}}"
)
#: text that holds no hash at all (most text): no run of 7 hex digits
_HEX_RUN = re.compile(rf"[0-9A-Fa-f]{{{SHORTEST}}}")
#: a number in e-notation
_E_NUMBER = re.compile(r"\d+[eE]\d+")
#: a word in a short hash: six letters a-f in a row
_LETTERS = re.compile(r"[a-fA-F]{6}")
#: a label (:data:`LABELS`) at the end of the text before a word: ``md5``, ``etag:``,
#: ``"etag": "``, ``trace id =``
_LABEL = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(label) for label in LABELS)
    + r")(?:[\s_-]?id)?[\"'\u201d\u2019)\]]?\s*[:=]?\s*$",
    re.IGNORECASE,
)
#: how far before a word a label is looked for
_LABEL_REACH = 32


def is_hash(word: str) -> bool:
    """Whether *word*, all of it, is a commit hash by the module's rule (the words
    before it aside: :func:`find_hashes` looks at those)."""
    if _HEX.fullmatch(word) is None or _E_NUMBER.fullmatch(word) is not None:
        return False
    if len(word) <= SHORT_LONGEST and _LETTERS.search(word) is not None:
        return False
    digits = sum(c.isdigit() for c in word)
    return 0 < digits < len(word)


def after_label(text: str, start: int) -> bool:
    """Whether the word at *start* in *text* comes right after a label (:data:`LABELS`)."""
    return _LABEL.search(text, max(0, start - _LABEL_REACH), start) is not None


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
        if is_hash(text[start:end]) and not after_label(text, match.start()):
            spans.append((start, end))
    return spans


def commit_url(template: str, sha: str) -> str:
    """*template* (``devlog_commit_url``) with the hash in it, in lower case as git
    writes hashes."""
    return template.format_map({"sha": sha.lower()})
