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

git runs with nothing to prompt on and nothing to fetch with (:func:`git_environment`,
:data:`_GIT_OPTIONS`): in a partial clone that lacks a file git needs, it fails instead
of fetching, and the check is off for the build. Each git runs in a process group of its
own, stopped whole on a timeout, whatever it started (:func:`_communicate`).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePath
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

#: the transports git would fetch with; refused, per protocol too, as a per-protocol
#: setting of the user's outranks ``protocol.allow``
_PROTOCOLS = ("file", "git", "ssh", "http", "https", "ext")

#: settings of the user's or the project's git configuration that would change what
#: ``git log`` prints, set back to git's defaults; and no transport allowed, so that a
#: partial clone cannot fetch what it lacks (``GIT_NO_LAZY_FETCH`` does that from git
#: 2.44 on; older gits ignore it)
_GIT_OPTIONS = (
    "--no-pager",
    "--literal-pathspecs",
    "-c",
    "log.follow=false",
    "-c",
    "log.showSignature=false",
    "-c",
    "diff.relative=false",
    "-c",
    "protocol.allow=never",
    *(arg for name in _PROTOCOLS for arg in ("-c", f"protocol.{name}.allow=never")),
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
    #: git's name of the folder asked about, relative to *top*, ``/``-separated and
    #: ending in ``/`` (``""``: the top itself)
    prefix: str
    shallow: bool


def git_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """*environ* for a git that must neither prompt nor fetch."""
    env = dict(environ)
    env.update(
        GIT_TERMINAL_PROMPT="0",  # no user name or password asked on a terminal,
        GIT_ASKPASS="",  # nor by an askpass program (empty, it outranks core.askPass and
        SSH_ASKPASS_REQUIRE="never",  # SSH_ASKPASS), nor by ssh's,
        GCM_INTERACTIVE="never",  # nor by Git Credential Manager
        GIT_NO_LAZY_FETCH="1",  # a partial clone fetches nothing (git 2.44 and later)
        GIT_OPTIONAL_LOCKS="0",  # no lock that git may do without (an index refresh)
    )
    if "GIT_SSH_COMMAND" not in env and "GIT_SSH" not in env:
        # ssh asks nothing; the user's own ssh command is theirs to make so
        env["GIT_SSH_COMMAND"] = "ssh -oBatchMode=yes"
    return env


def _communicate(
    command: Sequence[str], cwd: Path, stdin: bytes, timeout: float
) -> tuple[int, bytes, bytes]:
    """Run *command* in a process group of its own (on POSIX a session, so without a
    terminal to prompt on); on a timeout, or anything else raised while waiting, stop the
    whole group: a program git started (ssh, a credential helper) would else hold the
    output open, and live on."""
    with subprocess.Popen(
        command,
        cwd=cwd,
        env=git_environment(os.environ),
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=sys.platform != "win32",  # a session leads its process group
        creationflags=getattr(subprocess, "CREATE_NEW_PROCESS_GROUP", 0),  # 0 but on Windows
    ) as process:
        try:
            out, err = process.communicate(stdin, timeout=timeout)
        except BaseException:
            _stop(process)
            raise
        return process.returncode, out, err


def _stop(process: subprocess.Popen[bytes]) -> None:
    if sys.platform == "win32":
        process.kill()  # the group's other processes are not reachable from here
        return
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        process.kill()


def _run_git(cwd: Path, args: Sequence[str], timeout: float, stdin: bytes = b"") -> bytes:
    """git's output; :class:`NoHistoryError` when there is no git, or it fails."""
    git = shutil.which("git")
    if git is None:
        raise NoHistoryError("git is not installed (not on PATH)")
    try:
        status, out, err = _communicate([git, *_GIT_OPTIONS, *args], cwd, stdin, timeout)
    except subprocess.TimeoutExpired as exc:
        raise NoHistoryError(f"git {args[0]} took longer than {timeout} s") from exc
    except OSError as exc:
        raise NoHistoryError(f"git could not run: {exc}") from exc
    if status != 0:
        lines = err.decode("utf-8", "replace").strip().splitlines()
        why = lines[-1] if lines else f"exit status {status}"
        raise NoHistoryError(f"git {args[0]} failed: {why}")
    return out


def work_tree(folder: Path) -> WorkTree:
    """The work tree *folder* is in, git's name of *folder* in it, and whether its
    repository is a shallow clone."""
    out = _run_git(
        folder,
        ["rev-parse", "--show-toplevel", "--show-prefix", "--is-shallow-repository"],
        REV_PARSE_TIMEOUT,
    )
    lines = out.split(b"\n")
    if len(lines) != 4 or lines[3] or not lines[0]:
        raise NoHistoryError(f"{folder} is not in a git work tree")
    top, prefix, flag = lines[:3]
    # a git that does not know --is-shallow-repository echoes it: taken as shallow
    return WorkTree(Path(os.fsdecode(top)), os.fsdecode(prefix), flag.strip() != b"false")


def tree_path(path: str, src: str, prefix: str, top: str) -> str | None:
    """*path*'s name in the work tree (relative to its top, ``/``-separated), ``None``
    outside it. *path*, *src* (the source folder) and *top* (the work tree's) are real
    paths, links resolved; *prefix* is git's name of *src*.

    A path in the source folder is named from git's *prefix*, not by comparing *src* with
    *top*: on a case-insensitive file system git names the work tree in the case it has
    on disk (``/Users/me/tidewater``), while *src* keeps the case it was typed in
    (``/users/me/Tidewater/docs``). A path outside it (through a link) is compared with
    *top*, in the file system's case on Windows.
    """
    names = _below(path, src)
    if names is not None:
        return prefix + "/".join(names)
    names = _below(path, top)
    return None if names is None else "/".join(names)


def _below(path: str, folder: str) -> tuple[str, ...] | None:
    """The names leading from *folder* down to *path* as *path* spells them."""
    try:
        rel = os.path.relpath(os.path.normcase(path), os.path.normcase(folder))
    except ValueError:  # on another drive
        return None
    steps = PurePath(rel).parts
    if not steps or steps[0] == os.pardir or PurePath(rel).is_absolute():
        return None
    return PurePath(path).parts[-len(steps) :]


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
    top, src = os.path.realpath(tree.top), os.path.realpath(app.srcdir)
    folders: dict[str, str] = {}  # a folder holding logs -> its real path (once each)
    dated: list[DatedLog] = []
    for log in sorted(domain.logs.values(), key=lambda log: log.docname):
        date, source = log_date(log, config)
        if date is None:
            continue
        folder, name = os.path.split(env.doc2path(log.docname))
        if folder not in folders:
            folders[folder] = os.path.realpath(folder)
        path = tree_path(os.path.join(folders[folder], name), src, tree.prefix, top)
        if path is None:
            logger.verbose("devlog: %s is outside the git work tree %s", log.docname, top)
            continue
        dated.append(DatedLog(log.docname, path, date, source))
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
