"""Log dates against the day each log file was first committed: the pure part.

Nothing here runs git or imports Sphinx. :func:`parse_log` reads the output of the one
``git log`` that :mod:`.gitdates` runs (``-z --name-status`` with :data:`LOG_FORMAT`),
:func:`first_commits` follows every file through renames to the commit that added it,
and :func:`judge` compares each log's date with that commit's day.

The rules, documented in ``docs/checks.md`` ("Dates against the history"):

- a renamed file's first commit is that of its earliest name (``sphinx-devlog set-status``
  renames logs with ``git mv``); a file deleted and added again keeps its first commit;
- in a shallow clone, a file first seen in a boundary commit (one whose parents were cut
  off, so it looks parentless) has no known first commit and is not checked;
- a commit that adds :data:`IMPORT_SIZE` or more logs, more than half of them dated
  beyond the limit, is an import of logs written earlier: its logs are not checked;
- a log whose first commit moved it in from outside the folders the history was read
  for (:func:`moved_in`) has no known first commit either.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

#: ``git log --format`` of one commit: a marker no status letter starts with, the hash,
#: the parents (space-separated), the author date in the author's own time zone
LOG_FORMAT = "%x01%H%x00%P%x00%aI"
_MARK = "\x01"

#: a commit adding this many logs or more, most (more than half) dated beyond the limit,
#: is an import: two logs both dated far off are a project adopting its older logs, one of
#: two is a mistake
IMPORT_SIZE = 2


class GitOutputError(ValueError):
    """Output of ``git log`` that is not what :data:`LOG_FORMAT` gives."""


@dataclass(frozen=True)
class Change:
    """One entry of ``--name-status``: ``A`` added, ``D`` deleted, ``M`` modified, ``T``
    type changed, ``R`` renamed from *old_path*, ``C`` copied from *old_path*."""

    status: str
    path: str
    old_path: str = ""


@dataclass(frozen=True)
class Commit:
    sha: str
    parents: tuple[str, ...]
    #: strict ISO 8601 with the author's offset (``2024-07-15T23:30:00+02:00``)
    author_date: str
    changes: tuple[Change, ...] = ()

    @property
    def day(self) -> dt.date:
        """The day the author saw: the date in the author's own time zone."""
        return dt.date.fromisoformat(self.author_date[:10])

    @property
    def short(self) -> str:
        return self.sha[:7]


def parse_log(data: bytes) -> list[Commit]:
    """The commits of ``git log -z --name-status --format=LOG_FORMAT`` output, in the
    order given. Paths are decoded as the file system's names are (``os.fsdecode``'s
    UTF-8 with surrogate escapes), so they compare equal to the paths Python lists.

    Raises :class:`GitOutputError` on output of another shape.
    """
    tokens = data.split(b"\0")
    if tokens[-1] == b"":
        tokens.pop()  # each field ends in NUL, the last one too
    commits: list[Commit] = []
    header: tuple[str, tuple[str, ...], str] | None = None
    changes: list[Change] = []
    i = 0

    def close() -> None:
        if header is not None:
            commits.append(Commit(*header, changes=tuple(changes)))

    while i < len(tokens):
        token = tokens[i]
        i += 1
        if token.startswith(_MARK.encode()):
            close()
            if i + 1 >= len(tokens):
                raise GitOutputError("a commit's header is cut short")
            sha = token[1:].decode("ascii", "replace").strip()
            parents = tuple(tokens[i].decode("ascii", "replace").split())
            author_date = tokens[i + 1].decode("ascii", "replace").strip()
            i += 2
            if not sha or not _is_iso_day(author_date):
                raise GitOutputError(f"not a commit header: {token!r}")
            header, changes = (sha, parents, author_date), []
            continue
        status = token.lstrip(b"\n").decode("ascii", "replace")
        if not status:
            continue  # the empty line between a commit's header and its files
        if header is None or not status[0].isupper():
            raise GitOutputError(f"not a file status: {token!r}")
        kind = status[0]
        count = 2 if kind in "RC" else 1
        if i + count > len(tokens):
            raise GitOutputError(f"the path of status {status!r} is missing")
        paths = [_decode_path(t) for t in tokens[i : i + count]]
        i += count
        if not all(paths):
            raise GitOutputError(f"an empty path for status {status!r}")
        if kind in "RC":
            changes.append(Change(kind, paths[1], paths[0]))
        else:
            changes.append(Change(kind, paths[0]))
    close()
    return commits


def _decode_path(raw: bytes) -> str:
    return raw.decode("utf-8", "surrogateescape")


def _is_iso_day(text: str) -> bool:
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Origin:
    """Where a file's history starts."""

    #: the commit that added it (``None``: before a shallow clone's boundary)
    commit: Commit | None
    #: the name it was added under
    path: str
    #: its place in the walk (the earliest of two origins wins)
    order: int = field(default=0, compare=False)


def first_commits(commits: Iterable[Commit], *, shallow: bool) -> dict[str, Origin]:
    """Path -> where its history starts, from *commits* oldest first (``--reverse
    --topo-order``: parents before children).

    A rename carries the origin to the new name; a copy is a new file; a file deleted
    and added again keeps the origin it had. With *shallow*, a parentless commit is a
    boundary commit: what it adds existed before it, so its origin is unknown.
    """
    origins: dict[str, Origin] = {}
    order = 0
    for commit in commits:
        boundary = shallow and not commit.parents
        for change in commit.changes:
            order += 1
            here = Origin(None if boundary else commit, change.path, order)
            if change.status in "AC":
                # added (again: it keeps its origin); a copy is a new file
                origins[change.path] = _earlier(origins.get(change.path), here)
            elif change.status == "R":
                moved = origins.pop(change.old_path, None)
                if moved is None:  # renamed from a file added before what is shown
                    moved = Origin(None, change.old_path, order)
                origins[change.path] = _earlier(origins.get(change.path), moved)
            elif change.status != "D" and change.path not in origins:
                # changed, but added before what is shown: when is not known
                origins[change.path] = Origin(None, change.path, order)
            # D: deleted; its origin stays for when it comes back
    return origins


def _earlier(kept: Origin | None, new: Origin) -> Origin:
    if kept is None or new.order < kept.order:
        return new
    return kept


def moved_in(commits: Iterable[Commit]) -> set[tuple[str, str]]:
    """``(sha, path)`` of every file these commits renamed into *path*: read without a
    path limit, they show the moves into the logs' folders that the first history,
    limited to those folders, sees as additions."""
    return {(c.sha, ch.path) for c in commits for ch in c.changes if ch.status == "R"}


@dataclass(frozen=True)
class DatedLog:
    """A log to check: *key* names it for the caller (its docname)."""

    key: str
    #: its file, relative to the top of the work tree, with ``/``
    path: str
    date: dt.date
    #: ``"filename"`` or ``"date field"``: where *date* comes from
    source: str = "filename"


@dataclass(frozen=True)
class FarDate:
    """A log dated more than the limit away from the day its file was first committed."""

    log: DatedLog
    commit: Commit
    #: the name the file was first committed under
    added_as: str

    @property
    def days(self) -> int:
        return (self.log.date - self.commit.day).days

    def message(self) -> str:
        days = abs(self.days)
        where = "before" if self.days < 0 else "after"
        what = (
            f"filename date {self.log.date}"
            if self.log.source == "filename"
            else f"date {self.log.date} (the filename has none)"
        )
        added = f" (as {self.added_as})" if self.added_as != self.log.path else ""
        return (
            f"{what} is {days} day{'s' if days != 1 else ''} {where} the file's first "
            f"commit, {self.commit.short} on {self.commit.day}{added}: assistants often get "
            f"the month or year wrong; {question(self.log.date, self.commit.day)}"
        )


def question(written: dt.date, committed: dt.date) -> str:
    """What to ask about a date far from its commit's day, by the parts that differ."""
    if written.year != committed.year:
        if written.month != committed.month:
            return "are the month and year right?"
        return "is the year right?"
    if written.month != committed.month:
        return "is the month right?"
    return "is the day right?"


@dataclass
class Judgement:
    """What :func:`judge` found, each list in the order of the logs given."""

    far: list[FarDate] = field(default_factory=list)
    #: not in the history (new, untracked, or renamed since the last commit)
    uncommitted: list[DatedLog] = field(default_factory=list)
    #: first seen at a shallow clone's boundary
    unknown: list[DatedLog] = field(default_factory=list)
    #: added by an import commit
    imported: list[tuple[DatedLog, Commit]] = field(default_factory=list)


def judge(logs: Sequence[DatedLog], origins: dict[str, Origin], limit: int) -> Judgement:
    """Compare each log's date with its first commit's day, *limit* days allowed."""
    result = Judgement()
    known: list[tuple[DatedLog, Origin, Commit]] = []
    for log in logs:
        origin = origins.get(log.path)
        if origin is None:
            result.uncommitted.append(log)
        elif origin.commit is None:
            result.unknown.append(log)
        else:
            known.append((log, origin, origin.commit))
    added: dict[str, list[bool]] = {}
    for log, _origin, commit in known:
        added.setdefault(commit.sha, []).append(_beyond(log, commit, limit))
    imports = {
        sha
        for sha, beyond in added.items()
        if len(beyond) >= IMPORT_SIZE and sum(beyond) * 2 > len(beyond)
    }
    for log, origin, commit in known:
        if commit.sha in imports:
            result.imported.append((log, commit))
        elif _beyond(log, commit, limit):
            result.far.append(FarDate(log, commit, origin.path))
    return result


def _beyond(log: DatedLog, commit: Commit, limit: int) -> bool:
    return abs((log.date - commit.day).days) > limit
