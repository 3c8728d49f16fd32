"""Reading log filenames such as ``2024-08-26_pixi-setup-success``.

Pure functions: nothing here imports Sphinx, so the command line and the tests
use them directly.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache

#: The default of ``devlog_filename_pattern``: date ``_`` slug ``-`` status.
DEFAULT_FILENAME_PATTERN = r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>[^/]+?)-(?P<status>[A-Za-z]+)"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: a YYYY-MM-DD date anywhere in a text
ISO_DATE_IN_TEXT = re.compile(r"(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)")


@dataclass(frozen=True)
class FilenameParts:
    """What a log's base name says about it."""

    name: str
    #: the date as written, or ``""`` when the pattern has no ``date`` group
    date_text: str
    #: the date, or ``None`` when it is written but impossible (``2024-02-30``)
    date: dt.date | None
    slug: str
    #: the outcome, lower-cased, or ``""``
    status: str
    #: the name without its outcome suffix
    stable_name: str


@lru_cache(maxsize=64)
def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a filename pattern once (raises :class:`re.error` when invalid)."""
    return re.compile(pattern)


def parse_date(text: str) -> dt.date | None:
    """Parse a strict ``YYYY-MM-DD`` date; ``None`` when the text is no such date."""
    text = text.strip()
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None


def basename(docname: str) -> str:
    """The log's name: the last part of its docname."""
    return docname.rsplit("/", 1)[-1]


def parse_filename(name: str, pattern: str = DEFAULT_FILENAME_PATTERN) -> FilenameParts | None:
    """Read *name* (a base name without suffix) with *pattern*.

    Returns ``None`` when the name does not match the whole pattern.
    """
    match = compile_pattern(pattern).fullmatch(name)
    if match is None:
        return None
    groups = match.groupdict()
    date_text = groups.get("date") or ""
    status = (groups.get("status") or "").lower()
    stable = name
    if groups.get("status"):
        stable = _without_span(name, match.start("status"), match.end("status")) or name
    return FilenameParts(
        name=name,
        date_text=date_text,
        date=parse_date(date_text) if date_text else None,
        slug=groups.get("slug") or "",
        status=status,
        stable_name=stable,
    )


_SEPARATORS = "-_. "


def _without_span(name: str, start: int, end: int) -> str:
    """*name* without ``name[start:end]`` and the separator that joined it."""
    before, after = name[:start], name[end:]
    if not after:
        return before.rstrip(_SEPARATORS)
    if not before:
        return after.lstrip(_SEPARATORS)
    return (
        before.rstrip(_SEPARATORS)
        + before[len(before.rstrip(_SEPARATORS)) :][:1]
        + after.lstrip(_SEPARATORS)
    )


def stable_name(name: str, pattern: str = DEFAULT_FILENAME_PATTERN) -> str:
    """The name without its outcome suffix (the name itself when it does not match)."""
    parts = parse_filename(name, pattern)
    return parts.stable_name if parts else name


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """A filename slug for a title: lower-case ASCII words joined by hyphens."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", ascii_title.lower()).strip("-")
    return slug or "session"


def make_filename(date: dt.date, title: str, status: str) -> str:
    """The base name of a new log: ``YYYY-MM-DD_slug-status``."""
    return f"{date.isoformat()}_{slugify(title)}-{status.lower()}"
