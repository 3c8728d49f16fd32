"""Files Modified paths against the project (``devlog_source_url``, ``devlog_source_root``).

Pure: no Sphinx. :func:`classify` says what a Files Modified path is — a path relative
to the project, a glob, an absolute path (perhaps from another machine), or no path at
all (the plain reader takes the first word of an item when it has no inline literal:
*Updated*, *Various*, *None*). :class:`Survey` looks the paths up in the project's
folder: one ``stat`` a path, each path once a build.
"""

from __future__ import annotations

import glob
import os
import posixpath
import re
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
_BRACES = re.compile(r"\{([^{}]*,[^{}]*)\}")


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
        if not parts or ".." in parts or _GLOB_CHARS.search(rest):
            return None  # an absolute glob, or one that climbs: not looked for
        return SourcePath(written, "absolute", parts=parts)
    if "\\" in text and "/" not in text:
        text = text.replace("\\", "/")  # ``src\a.py``
    is_glob = _GLOB_CHARS.search(text) is not None
    if not is_path(_GLOB_CHARS.sub("x", expand_braces(text)[0]) if is_glob else text):
        return None
    normal = posixpath.normpath(text)
    if normal in (".", "/"):
        return None
    return SourcePath(written, "glob" if is_glob else "relative", normal)


def expand_braces(pattern: str) -> list[str]:
    """``src/{a,b}.py`` -> ``src/a.py``, ``src/b.py`` (globs know no braces)."""
    match = _BRACES.search(pattern)
    if match is None:
        return [pattern]
    head, tail = pattern[: match.start()], pattern[match.end() :]
    return [out for choice in match[1].split(",") for out in expand_braces(head + choice + tail)]


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
        """What stands for *source* in the project: the relative path (``relative``:
        itself; ``absolute``: its longest tail that exists; ``glob``: the pattern), or
        ``None`` when nothing does."""
        key = source.written
        if key not in self.found:
            self.found[key] = self._look(source)
        return self.found[key]

    def _look(self, source: SourcePath) -> str | None:
        if source.kind == "relative":
            return source.path if os.path.exists(self.root / source.path) else None
        if source.kind == "glob":
            for pattern in expand_braces(source.path):
                try:
                    hit = next(glob.iglob(pattern, root_dir=self.root, recursive=True), None)
                except (OSError, ValueError):
                    hit = None
                if hit is not None:
                    return source.path
            return None
        names = self.names()
        for start, first in enumerate(source.parts):
            if first in names:
                tail = "/".join(source.parts[start:])
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
    (normalised), an absolute path by the tail found in the project; never a glob, nor
    a path that leaves the project."""
    if source.kind == "relative":
        return None if source.outside else source.path
    if source.kind == "absolute":
        return found
    return None
