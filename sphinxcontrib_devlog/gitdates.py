"""Log dates checked against the history (``devlog_check_git_dates``): a filename date far
from the day the file was first committed is ``devlog.date``.

Run once every document is read, on every build (``env-updated``: the history changes
without any source changing, so an incremental build that read nothing checks too). One
``git rev-parse`` finds the work tree, one ``git log`` reads the history of the logs'
folders; only when that finds dates to report, one more ``git log`` over those few
commits, without the folder limit, tells a file moved in from elsewhere (its history is
not known) from a new one. Without git, outside a work tree, when git fails or takes too
long, nothing is checked and nothing is reported but an info line. The rules themselves
are in :mod:`.githistory`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sphinx.util import logging

from .config import devlog_config
from .filenames import parse_date, parse_filename
from .githistory import (
    LOG_FORMAT,
    DatedLog,
    GitOutputError,
    Judgement,
    first_commits,
    judge,
    moved_in,
    parse_log,
)
from .warnings_ import DevlogWarning, warn

if TYPE_CHECKING:
    import datetime as dt

    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

    from .config import DevlogConfig
    from .model import Log

logger = logging.getLogger(__name__)

#: seconds git may take to find the work tree, and to read the history
REV_PARSE_TIMEOUT = 10
LOG_TIMEOUT = 60
#: pathspecs longer than this (in characters) are replaced by the folder holding them all
MAX_PATHSPEC_CHARS = 30_000

#: settings of the user's or the project's git configuration that would change what
#: ``git log`` prints, set back to git's defaults
_GIT_OPTIONS = (
    "--no-pager",
    "--literal-pathspecs",
    "-c",
    "log.follow=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "diff.relative=false",
)
#: what ``git log`` prints of each commit: its header, then its added, deleted, renamed
#: and copied files, NUL-separated, renames detected
_SHOW_OPTIONS = (
    "--no-color",
    "--no-ext-diff",
    "-z",
    "--name-status",
    "-M",
    "--diff-filter=ADRC",
    f"--format={LOG_FORMAT}",
)
#: the history: oldest first, parents before their children (merges add nothing)
_LOG_OPTIONS = ("--topo-order", "--reverse", "--no-merges", *_SHOW_OPTIONS)


class NoHistoryError(Exception):
    """No history to check against; the message says why (an info line)."""


@dataclass(frozen=True)
class WorkTree:
    top: Path
    shallow: bool


def _run_git(cwd: Path, args: Sequence[str], timeout: float, stdin: bytes = b"") -> bytes:
    """git's output; :class:`NoHistoryError` when there is no git, or it fails."""
    git = shutil.which("git")
    if git is None:
        raise NoHistoryError("git is not installed (not on PATH)")
    env = dict(os.environ)
    # never ask for credentials (a partial clone may fetch the renamed logs' contents)
    env.update(GIT_TERMINAL_PROMPT="0", GIT_OPTIONAL_LOCKS="0")
    try:
        done = subprocess.run(
            [git, *_GIT_OPTIONS, *args],
            cwd=cwd,
            input=stdin,
            capture_output=True,
            timeout=timeout,
            env=env,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise NoHistoryError(f"git {args[0]} took longer than {timeout} s") from exc
    except OSError as exc:
        raise NoHistoryError(f"git could not run: {exc}") from exc
    if done.returncode != 0:
        lines = done.stderr.decode("utf-8", "replace").strip().splitlines()
        why = lines[-1] if lines else f"exit status {done.returncode}"
        raise NoHistoryError(f"git {args[0]} failed: {why}")
    return done.stdout


def work_tree(folder: Path) -> WorkTree:
    """The work tree *folder* is in, and whether its repository is a shallow clone."""
    out = _run_git(
        folder, ["rev-parse", "--show-toplevel", "--is-shallow-repository"], REV_PARSE_TIMEOUT
    )
    top, _, flag = out.rstrip(b"\n").rpartition(b"\n")
    if not top:
        raise NoHistoryError(f"{folder} is not in a git work tree")
    # a git that does not know --is-shallow-repository echoes it: taken as shallow
    return WorkTree(Path(os.fsdecode(top)), flag.strip() != b"false")


def pathspecs(paths: Sequence[str]) -> list[str]:
    """The folders holding *paths* (relative to the work tree's top, ``/``-separated),
    none inside another; ``["."]`` for the whole tree."""
    folders = sorted({path.rpartition("/")[0] for path in paths})
    kept: list[str] = []
    for folder in folders:
        if not folder:
            return ["."]
        if not any(folder.startswith(f"{k}/") for k in kept):
            kept.append(folder)
    if sum(len(k) + 1 for k in kept) > MAX_PATHSPEC_CHARS:
        common = os.path.commonpath(kept)
        return [common or "."]
    return kept


def check_history(
    tree: WorkTree, logs: Sequence[DatedLog], limit: int
) -> tuple[Judgement, list[DatedLog]]:
    """Read the history of *logs*' folders and judge their dates.

    Returns the judgement, less the logs found moved in from elsewhere, and those logs.
    """
    out = _run_git(
        tree.top, ["log", *_LOG_OPTIONS, "--", *pathspecs([log.path for log in logs])], LOG_TIMEOUT
    )
    origins = first_commits(parse_log(out), shallow=tree.shallow)
    result = judge(logs, origins, limit)
    if not result.far:
        return result, []
    # the first history is limited to the logs' folders: a file moved in from elsewhere
    # looks added there; the commits that "added" the logs to report, read whole, say
    shas = sorted({far.commit.sha for far in result.far})
    out = _run_git(
        tree.top,
        ["log", "--stdin", "--no-walk=unsorted", *_SHOW_OPTIONS],
        LOG_TIMEOUT,
        stdin="".join(f"{sha}\n" for sha in shas).encode("ascii"),
    )
    moves = moved_in(parse_log(out))
    moved = [far.log for far in result.far if (far.commit.sha, far.added_as) in moves]
    result.far = [far for far in result.far if (far.commit.sha, far.added_as) not in moves]
    return result, moved


def log_date(log: Log, config: DevlogConfig) -> tuple[dt.date | None, str]:
    """A log's date from its filename, else from its ``date`` field, and which it is."""
    parts = parse_filename(log.name, config.devlog_filename_pattern, config.devlog_statuses)
    if parts is not None and parts.date is not None:
        return parts.date, "filename"
    if parts is not None and parts.date_text:
        return None, ""  # an impossible date in the filename: reported as such
    return parse_date(log.fields.date), "date field"


def check_git_dates(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: report the logs dated far from their file's first commit."""
    from .domain import devlog_domain

    config = devlog_config(env)
    limit = config.git_date_days
    if limit is None:
        return
    domain = devlog_domain(env)
    if not domain.logs:
        return
    try:
        tree = work_tree(Path(app.srcdir))
    except NoHistoryError as exc:
        logger.info("devlog: log dates not checked against the history: %s", exc)
        return
    top = os.path.realpath(tree.top)
    folders: dict[str, str] = {}  # a folder holding logs -> its real path (once each)
    dated: list[DatedLog] = []
    for log in sorted(domain.logs.values(), key=lambda log: log.docname):
        date, source = log_date(log, config)
        if date is None:
            continue
        folder, name = os.path.split(env.doc2path(log.docname))
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        try:
            path = os.path.relpath(os.path.join(folders[folder], name), top)
        except ValueError:  # on another drive
            path = os.pardir
        if path == os.pardir or path.startswith(os.pardir + os.sep):
            logger.verbose("devlog: %s is outside the git work tree %s", log.docname, top)
            continue
        dated.append(DatedLog(log.docname, Path(path).as_posix(), date, source))
    if not dated:
        return
    try:
        result, moved = check_history(tree, dated, limit)
    except (NoHistoryError, GitOutputError) as exc:
        logger.info("devlog: log dates not checked against the history: %s", exc)
        return
    skipped = [
        *((d, "is not committed yet") for d in result.uncommitted),
        *((d, "was added before the history this clone holds") for d in result.unknown),
        *((d, f"came with an import of older logs, {c.short}") for d, c in result.imported),
        *((d, "was moved in from outside its folder") for d in moved),
    ]
    for skip, why in skipped:
        logger.verbose("devlog: %s %s: its date is not checked", skip.path, why)
    for far in result.far:
        line = domain.logs[far.log.key].line
        warn(DevlogWarning.DATE, far.message(), (far.log.key, line))


def setup_gitdates(app: Sphinx) -> None:
    app.connect("env-updated", check_git_dates)
