"""Files Modified paths against the project (``devlog_source_url``, ``devlog_source_root``).

Pure: no Sphinx. :func:`classify` says what a Files Modified path is — a path relative
to the project, a glob, an absolute path (perhaps from another machine), or no path at
all (the plain reader takes the first word of an item when it has no inline literal:
*Updated*, *Various*, *None*, *Next.js*). :func:`said_gone` says whether an item says
its file is gone (deleted, renamed ...): such a path is neither looked for nor linked.
:class:`Survey` looks the paths up in the project's folder: one ``stat`` a path, each
path once a build.

Brackets. Next.js, Nuxt and SvelteKit name routes with brackets (``app/[slug]/page.tsx``),
so a path whose only glob characters are brackets is a path (``relative``); and any
pattern, brackets or not, that exists as written is that file. A bracketed path that
does not exist but matches as a glob (``tests/test_[ab].py``) is a glob: found, not
linked; one that matches nothing is a path that does not exist.
"""

from __future__ import annotations

import glob
import itertools
import os
import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from .plain.paths import is_path, without_lines

Kind = Literal["relative", "glob", "absolute"]

#: ``C:\...``, ``C:/...``, ``\\server\share\...``
_WINDOWS_ABSOLUTE = re.compile(r"^(?:[A-Za-z]:[\\/]|\\\\[^\\/]+[\\/][^\\/]+[\\/]?)")
_SPACE = re.compile(r"\s")
_GLOB_CHARS = re.compile(r"[*?\[\]{}]")
#: glob characters besides brackets: a glob, not a bracketed route
_WILDCARDS = re.compile(r"[*?{}]")
_BRACES = re.compile(r"\{([^{}]*,[^{}]*)\}")
#: the most expansions of a pattern's braces looked at (``{a,b}`` 22 times is 4 million)
EXPANSIONS = 64

#: names of frameworks and libraries, which a plain log's item may start with
#: (``- Next.js app router migration``): no file of the project, when written alone
FRAMEWORKS = frozenset(
    """
    next.js nuxt.js nest.js vue.js node.js react.js angular.js express.js ember.js
    backbone.js alpine.js solid.js svelte.js preact.js meteor.js knockout.js three.js d3.js
    chart.js p5.js moment.js day.js socket.io htmx.org asp.net ado.net vb.net
    """.split()
)

#: the words that say a file is gone: deleted, removed, dropped, renamed, moved
_GONE = (
    r"(?P<verb>(?P<away>delet(?:e|ed|es|ion)|remov(?:e|ed|es|al)|drop(?:s|ped)?)"
    r"|renam(?:e|ed|es)|mov(?:e|ed|es))"
)
#: a description saying so: the word first (after ``file``, ``was`` ...), then nothing,
#: punctuation, or a word that takes no object (``renamed to``, ``removed because``);
#: ``from`` only after deleted, removed, dropped (``renamed from a.py``: this is the new
#: name)
_GONE_DESCRIPTION = re.compile(
    r"^[^\w]*(?:(?:the|this|that|file|folder|directory|module|script|was|is|has|have|"
    r"been|now|and|then)\s+)*"
    + _GONE
    + r"(?:\s*$|\s*[^\w\s]|\s+(?P<next>to|into|in|as|because|since|after|with|by|entirely|"
    r"completely|altogether|permanently|outright|now|too|also|and|from|upstream)\b)",
    re.IGNORECASE,
)
#: a label before the path (``Deleted: src/a.py``, ``Removed file src/a.py``)
_GONE_LABEL = re.compile(
    r"^[^\w]*" + _GONE + r"(?:\s+(?:files?|folders?|directory|module))?[^\w]*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SourcePath:
    """A Files Modified path, read."""

    #: as the log writes it
    written: str
    kind: Kind
    #: ``relative``: normalised (``./src/a.py`` -> ``src/a.py``); ``glob``: the pattern,
    #: normalised; ``absolute``: ``""``
    path: str = ""
    #: ``absolute``: its folders and name, without the drive, the root or ``~``
    parts: tuple[str, ...] = ()

    @property
    def bracketed(self) -> bool:
        """A path with brackets (``app/[slug]/page.tsx``): a glob when it does not exist
        as written but matches as one."""
        return self.kind == "relative" and _GLOB_CHARS.search(self.path) is not None

    @property
    def outside(self) -> bool:
        """A relative path that leaves the project (``../x``): checked, never linked."""
        return self.kind != "absolute" and (self.path == ".." or self.path.startswith("../"))


def classify(written: str) -> SourcePath | None:
    """What *written* (an item's path) is, or ``None`` when it is no path: a word, prose,
    ``N/A``, a URL."""
    text = without_lines(written.strip())
    if not text or _SPACE.search(text) or "://" in text:
        return None
    windows = _WINDOWS_ABSOLUTE.match(text)
    if windows is not None or text.startswith(("/", "~")):
        rest = text[windows.end() :] if windows is not None else text
        parts = tuple(p for p in re.split(r"[\\/]+", rest) if p and p != ".")
        if windows is None and text.startswith("~"):
            parts = parts[1:]  # ``~`` or ``~alice``
        if not parts or ".." in parts or _WILDCARDS.search(rest):
            return None  # an absolute glob, or one that climbs: not looked for
        return SourcePath(written, "absolute", parts=parts)
    if "\\" in text and "/" not in text:
        text = text.replace("\\", "/")  # ``src\a.py``
    if "/" not in text and text.lower() in FRAMEWORKS:
        return None  # ``Next.js``: a framework, not a file
    is_glob = _WILDCARDS.search(text) is not None
    shape = expand_braces(text, 1)[0] if is_glob else text
    # glob characters, and the parentheses of a route group (``app/(shop)/page.tsx``),
    # are no part of what a path looks like
    if not is_path(re.sub(r"[*?\[\]{}()]", "x", shape)):
        return None
    normal = posixpath.normpath(text)
    if normal in (".", "/"):
        return None
    return SourcePath(written, "glob" if is_glob else "relative", normal)


def expand_braces(pattern: str, limit: int = EXPANSIONS) -> list[str]:
    """``src/{a,b}.py`` -> ``src/a.py``, ``src/b.py`` (globs know no braces): the first
    *limit* expansions, made one at a time (braces in a row multiply)."""
    return list(itertools.islice(_expansions(pattern), limit))


def _expansions(pattern: str) -> Iterator[str]:
    match = _BRACES.search(pattern)
    if match is None:
        yield pattern
        return
    head, tail = pattern[: match.start()], pattern[match.end() :]
    for choice in match[1].split(","):
        yield from _expansions(head + choice + tail)


def said_gone(path: str, text: str, description: str) -> bool:
    """Whether a Files Modified item says its file is gone: its *description* starts with
    deleted, removed, dropped, renamed or moved, with no object after it (``deleted``,
    ``(removed)``, ``renamed to b.py``, ``moved into lib/``; not ``removed dead code``,
    nor ``renamed from a.py``), or its *text* has such a word as a label before the
    *path* (``Deleted: src/a.py``)."""
    match = _GONE_DESCRIPTION.match(description.strip())
    if match is not None and not (match["next"] == "from" and not match["away"]):
        return True
    before = text.find(path)
    return before > 0 and _GONE_LABEL.match(text[:before]) is not None


def source_url(template: str, path: str) -> str:
    """*template* (``devlog_source_url``) with *path* (relative, ``/``-separated) in it,
    quoted for a URL."""
    return template.format_map({"path": quote(path, safe="/")})


@dataclass
class Survey:
    """The project's folder, and what was found there of each path asked for.

    One per build: files come and go between builds. Each path is looked for once
    (:meth:`find` remembers); an absolute path's tails are tried only from a folder or
    file the project's folder holds (one listing of that folder a build), so that it
    costs one ``stat`` too, as a rule.
    """

    root: Path
    found: dict[str, str | None] = field(default_factory=dict)
    _names: frozenset[str] | None = field(default=None, init=False, repr=False)

    def find(self, source: SourcePath) -> str | None:
        """What stands for *source* in the project: the relative path it links to
        (``relative``, and a glob or bracketed path that exists as written: itself;
        ``absolute``: its longest tail that exists), ``""`` for a glob that matches
        something (nothing to link to), or ``None`` when nothing is found."""
        key = source.written
        if key not in self.found:
            self.found[key] = self._look(source)
        return self.found[key]

    def _look(self, source: SourcePath) -> str | None:
        if source.kind == "absolute":
            return self._tail(source.parts)
        if os.path.exists(self.root / source.path):
            return source.path  # as written, whatever glob characters it holds
        if source.kind == "glob" or source.bracketed:
            return "" if self._matches(source.path) else None
        return None

    def _matches(self, pattern: str) -> bool:
        """Whether *pattern* (braces expanded, the first :data:`EXPANSIONS` ways) matches
        a file or folder."""
        for expanded in expand_braces(pattern):
            try:
                if next(glob.iglob(expanded, root_dir=self.root, recursive=True), None):
                    return True
            except (OSError, ValueError):
                pass
        return False

    def _tail(self, parts: tuple[str, ...]) -> str | None:
        """The longest tail of *parts* that exists in the project. A tail of one part (a
        bare name: ``pyproject.toml``) only after a folder named as the project's
        (``/Users/alice/tidewater/pyproject.toml``): any project has a ``pyproject.toml``."""
        names = self.names()
        last = len(parts) - 1
        for start, first in enumerate(parts):
            if first not in names:
                continue
            if start == last and (start == 0 or parts[start - 1] != self.root.name):
                continue
            tail = "/".join(parts[start:])
            if os.path.exists(self.root / tail):
                return tail
        return None

    def names(self) -> frozenset[str]:
        """What the project's folder holds (its first level only)."""
        if self._names is None:
            try:
                self._names = frozenset(os.listdir(self.root))
            except OSError:
                self._names = frozenset()
        return self._names


def link_target(source: SourcePath, found: str | None) -> str | None:
    """The relative path a Files Modified item links to: a relative path as written
    (normalised), unless it is bracketed and was found only as a glob; a glob, only when
    it exists as written; an absolute path by the tail found in the project; never a
    path that leaves the project."""
    if source.kind == "relative":
        if source.outside or (source.bracketed and found == ""):
            return None
        return source.path
    return None if source.outside else found or None
