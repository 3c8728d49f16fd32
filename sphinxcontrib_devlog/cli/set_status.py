"""``sphinx-devlog set-status``: change a log's status in its file and rename the file to
match, as one change that is undone on any failure (``git mv`` when git tracks the file)."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import stat
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ..filenames import compile_pattern, parse_filename
from ..statusedit import EditError, decode, encode, rewrite_status
from .project import (
    CliError,
    conf_values,
    document_suffixes,
    near_sourcedir,
    project_config,
    read,
    relative,
    twins,
)


def cmd_set_status(args: argparse.Namespace) -> int:
    """Set a log's status in its file and rename the file to match.

    Only the status changes, byte for byte; the new content is written to a temporary file
    beside the log and moved over it atomically, then the file is renamed (``git mv`` when
    git tracks it). On any failure everything is put back as it was.
    """
    path = Path(args.file)
    if not path.is_file():
        raise CliError(f"{path} is not a file")
    # the project: the nearest conf.py above the file as named; the file: its folder as
    # the system finds it (links and '..' resolved in order), its own name kept
    sourcedir = near_sourcedir(Path(os.path.abspath(path)))
    here = Path(os.path.realpath(path.parent)) / path.name
    real = _inside_project(path, here, sourcedir)
    values = conf_values(sourcedir)
    config = project_config(None, values)
    status = args.status.lower()
    if status not in config.devlog_statuses:
        raise CliError(
            f"unknown status {args.status!r} (known: {', '.join(config.devlog_statuses)})"
        )
    data = read(real)
    try:
        decoded = decode(data, str(path))
        text = rewrite_status(
            decoded.text,
            str(path),
            status,
            extensions=_myst_extensions(values, sourcedir),
            words=config.section_words,
        )
    except EditError as exc:
        raise CliError(str(exc), code=1) from exc
    new_data = encode(decoded, text)

    target = here
    parts = parse_filename(path.stem, config.devlog_filename_pattern, config.devlog_statuses)
    if parts is not None and (parts.status or parts.not_an_outcome):
        match = compile_pattern(config.devlog_filename_pattern).fullmatch(path.stem)
        assert match is not None  # parse_filename matched it
        if parts.status:  # replace the outcome
            stem = path.stem[: match.start("status")] + status + path.stem[match.end("status") :]
        else:  # no outcome yet: add one, keeping every word of the description
            stem = f"{path.stem}-{status}"
        target = here.with_name(stem + path.suffix)
    if target != here:
        existing = [p for p in twins(target, document_suffixes(values)) if p != here]
        if existing:
            raise CliError(
                f"{relative(str(existing[0]))} exists; not renaming {path} to "
                f"{target.name} (two documents would have one name)",
                code=1,
            )
    if new_data == data and target == here:
        print(f"{path}: status {status} (unchanged)")
        return 0
    _change(here, real, data, new_data, target, str(path))
    if target != here:
        print(f"{path} -> {relative(str(target))}")
        if sourcedir is not None and parts is not None:
            for where in _references_to(sourcedir, path.stem):
                print(
                    f"note: {where} refers to {path.stem!r}, which no longer exists; "
                    f"refer to the stable name {parts.stable_name!r} instead"
                )
    else:
        print(f"{path}: status {status}")
    return 0


def _inside_project(path: Path, here: Path, sourcedir: Path | None) -> Path:
    """The file *path* names, links followed; a one-line refusal when a link leads out of
    the project (the source directory, or the file's own folder outside one)."""
    root = (sourcedir or here.parent).resolve()
    real = here.resolve()
    if not (real.is_relative_to(root) and here.parent.is_relative_to(root)):
        raise CliError(
            f"{path} is a link to {real}, outside {root}; not changing a file outside the project",
            code=1,
        )
    return real


def _myst_extensions(values: dict[str, Any], sourcedir: Path | None) -> set[str]:
    """The MyST extensions a project enables (``colon_fence`` outside a project)."""
    if sourcedir is None:
        return {"colon_fence"}
    given = values.get("myst_enable_extensions") or ()
    return {str(name) for name in given} if not isinstance(given, str) else {given}


def _change(here: Path, real: Path, old: bytes, new: bytes, target: Path, shown: str) -> None:
    """Write *new* over the file *real* and rename *here* to *target*, as one change:
    on any failure, the file, its name and git's index are as they were."""
    info = real.stat()
    if not info.st_mode & stat.S_IWUSR:
        raise CliError(f"{shown} is read-only; not changing it", code=1)
    undo: list[Callable[[], object]] = []
    try:
        _replace(real, new, info)
        undo.append(lambda: _replace(real, old, info, times=True))
        if target != here:
            if _tracked(here):
                # the rename is staged; the content is not (the user's own unstaged edits
                # of the file stay unstaged, as the new status does)
                # undone even when interrupted right after the move
                undo.append(lambda: _git_checked(here.parent, "mv", "--", target.name, here.name))
                _git_checked(here.parent, "mv", "--", here.name, target.name)
            else:
                if os.path.lexists(target):
                    raise CliError(f"{target} exists; not renaming {here.name} onto it", code=1)
                undo.append(lambda: os.rename(target, here) if target.exists() else None)
                os.rename(here, target)
    except BaseException as exc:
        for step in reversed(undo):
            with contextlib.suppress(Exception):
                step()
        if isinstance(exc, CliError):
            raise
        if isinstance(exc, OSError):
            raise CliError(
                f"{shown}: cannot change it: {exc.strerror or exc}; left as it was", code=1
            ) from exc
        raise


def _replace(path: Path, data: bytes, info: os.stat_result, *, times: bool = False) -> None:
    """Write *data* to a new file beside *path* and move it over *path* (atomic: a reader
    sees the old file or the new one, never a part). The file keeps its permissions, and,
    with *times*, its access and modification times."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(name, stat.S_IMODE(info.st_mode))
        if hasattr(os, "chown"):
            with contextlib.suppress(OSError):  # only the owner or root may give it away
                os.chown(name, info.st_uid, info.st_gid)
        if times:
            os.utime(name, ns=(info.st_atime_ns, info.st_mtime_ns))
        os.replace(name, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(name)
        raise


def _references_to(sourcedir: Path, name: str) -> Iterator[str]:
    """``file:line`` of each source line under *sourcedir* that mentions *name*."""
    pattern = re.compile(rf"(?<![\w-]){re.escape(name)}(?![\w-])")
    for path in sorted(sourcedir.rglob("*")):
        if path.suffix not in (".md", ".rst", ".txt") or "_build" in path.parts:
            continue
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue
        for number, line in enumerate(lines, start=1):
            if pattern.search(line):
                yield f"{os.path.relpath(path)}:{number}"


# -- git -------------------------------------------------------------------------------


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str] | None:
    git = shutil.which("git")
    if git is None:
        return None
    return subprocess.run(
        [git, "-C", str(folder), *args], capture_output=True, text=True, check=False
    )


def _git_checked(folder: Path, *args: str) -> None:
    done = _git(folder, *args)
    if done is None or done.returncode != 0:
        why = done.stderr.strip().splitlines()[-1] if done and done.stderr.strip() else "no git"
        raise CliError(f"git {args[0]} failed: {why}", code=1)


def _tracked(path: Path) -> bool:
    """Whether git tracks *path* (False without git or outside a work tree)."""
    done = _git(path.parent, "ls-files", "--error-unmatch", "--", path.name)
    return done is not None and done.returncode == 0
