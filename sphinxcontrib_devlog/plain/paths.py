"""File paths in the items of a files section (``src/a.py``, ``.env``, ``Makefile``,
``a.py:56``)."""

from __future__ import annotations

import re

from ..model import split_file_entry

_PATH_LIKE = re.compile(
    r"^(?:[\w.~@+-]*/[\w./~@+*{}()\[\]-]*|[\w@+-][\w.@+-]*\.[A-Za-z][A-Za-z0-9]{0,7}|\.\w[\w.-]*|"
    r"(?:Makefile|Dockerfile|Containerfile|Justfile|Procfile|Gemfile|Rakefile|"
    r"README|LICENSE|CHANGELOG|CONTRIBUTING|NOTICE|AUTHORS|Vagrantfile)(?:\.\w+)?)$"
)
#: words that look like paths but are not
_NOT_PATHS = frozenset({"e.g", "i.e", "etc", "vs", "n/a", "and/or", "w/o", "i/o", "a/b"})

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


def file_paths(literals: list[str], text: str) -> list[tuple[str, str]]:
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
