"""Reading log filenames such as ``2024-08-26_pixi-setup-success``.

Pure functions: nothing here imports Sphinx, so the command line and the tests
use them directly.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass

#: The default of ``devlog_filename_pattern``: date ``_`` slug ``-`` status.
DEFAULT_FILENAME_PATTERN = r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<slug>[^/]+?)-(?P<status>[A-Za-z]+)"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


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
    #: the word in the outcome's place when it is no outcome (``…-analysis``): the name
    #: has no outcome, and that word belongs to the description
    not_an_outcome: str = ""


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """Compile a filename pattern (raises :class:`re.error` when invalid); :mod:`re` keeps
    the compiled patterns it was last asked for."""
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


def parse_filename(
    name: str,
    pattern: str = DEFAULT_FILENAME_PATTERN,
    statuses: Iterable[str] | None = None,
) -> FilenameParts | None:
    """Read *name* (a base name without suffix) with *pattern*.

    Returns ``None`` when the name does not match the whole pattern. With *statuses*, a
    word in the outcome's place that is no status and not a misspelt one
    (``…-investigation-analysis``) is part of the description: the name has no outcome.
    """
    match = compile_pattern(pattern).fullmatch(name)
    if match is None:
        return None
    groups = match.groupdict()
    date_text = groups.get("date") or ""
    status = (groups.get("status") or "").lower()
    if status and statuses is not None and not is_outcome_word(status, statuses):
        slug = groups.get("slug") or ""
        if slug and match.start("slug") < match.start("status"):
            slug = name[match.start("slug") : match.end("status")]  # the word is the slug's
        return FilenameParts(
            name=name,
            date_text=date_text,
            date=parse_date(date_text) if date_text else None,
            slug=slug,
            status="",
            stable_name=name,
            not_an_outcome=groups["status"],
        )
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


def is_outcome_word(word: str, statuses: Iterable[str]) -> bool:
    """Whether a filename's last word is meant as an outcome: a status, or one misspelt
    (``sucess``), as opposed to a word of the description (``analysis``)."""
    word = word.lower()
    known = [s.lower() for s in statuses]
    if word in known:
        return True
    return bool(difflib.get_close_matches(word, known, n=1, cutoff=0.8))


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


def stable_name(
    name: str, pattern: str = DEFAULT_FILENAME_PATTERN, statuses: Iterable[str] | None = None
) -> str:
    """The name without its outcome suffix (the name itself when it does not match)."""
    parts = parse_filename(name, pattern, statuses)
    return parts.stable_name if parts else name


def title_from_name(
    name: str, pattern: str = DEFAULT_FILENAME_PATTERN, statuses: Iterable[str] | None = None
) -> str:
    """A log's title when it has none: its filename's description in words
    (``2025-10-04_untrack-dotenv`` -> ``Untrack dotenv``)."""
    parts = parse_filename(name, pattern, statuses)
    words = parts.slug if parts and parts.slug else name
    words = " ".join(re.split(r"[-_\s]+", words)).strip()
    return (words[:1].upper() + words[1:]) if words else name


_SLUG_DROP = re.compile(r"[^a-z0-9]+")


#: the longest slug a new log's name gets: file names stay well under the 255 bytes
#: file systems allow, and readable in a listing
MAX_SLUG = 60


def slugify(title: str, max_length: int = MAX_SLUG) -> str:
    """A filename slug for a title: lower-case ASCII words joined by hyphens, cut after
    the last whole word that fits in *max_length* characters."""
    import unicodedata

    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode("ascii")
    slug = _SLUG_DROP.sub("-", ascii_title.lower()).strip("-")
    if len(slug) > max_length:
        cut = slug[: max_length + 1]
        slug = cut[: cut.rfind("-")] if "-" in cut else slug[:max_length]
        slug = slug.strip("-")
    return slug or "session"


def make_filename(date: dt.date, title: str, status: str) -> str:
    """The base name of a new log: ``YYYY-MM-DD_slug-status``."""
    return f"{date.isoformat()}_{slugify(title)}-{status.lower()}"
