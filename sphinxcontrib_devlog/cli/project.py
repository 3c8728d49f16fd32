"""What every command shares: the project (its source directory, its ``conf.py`` values
and ``[tool.sphinx-devlog]`` settings), the quiet Sphinx build, the one-line error, and
small helpers for files and text."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import tomllib
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from ..capture import WarningCapture, WarningRecord
from ..config import DevlogConfig, fields_of
from ..statusedit import undecodable


class CliError(Exception):
    """A one-line error for the user; ``code`` is the exit status."""

    def __init__(self, message: str, code: int = 2) -> None:
        super().__init__(message)
        self.code = code


# -- project settings ------------------------------------------------------------------


def tool_settings(start: Path) -> dict[str, Any]:
    """``[tool.sphinx-devlog]`` of the nearest ``pyproject.toml`` (``dir``, ``source``)."""
    for folder in (start, *start.parents):
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file():
            try:
                data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
            except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                raise CliError(f"cannot read {pyproject}: {_one_line(exc)}") from exc
            except OSError:
                return {}
            settings = data.get("tool", {}).get("sphinx-devlog", {})
            if isinstance(settings, dict):
                return {
                    k: (folder / v if k in ("dir", "source") else v) for k, v in settings.items()
                }
            return {}
    return {}


def find_sourcedir(given: str | None) -> Path:
    if given:
        path = Path(given)
    else:
        settings = tool_settings(Path.cwd())
        if "source" in settings:
            path = Path(settings["source"])
        elif (Path("docs") / "conf.py").is_file():
            path = Path("docs")
        else:
            path = Path(".")
    if not path.is_dir():
        raise CliError(f"source directory {str(path)!r} does not exist")
    if not (path / "conf.py").is_file():
        raise CliError(f"no conf.py in {str(path)!r}: not a Sphinx source directory")
    return path


def conf_values(sourcedir: Path | None) -> dict[str, Any]:
    """The values a Sphinx project's ``conf.py`` sets (``{}`` without one)."""
    if sourcedir is None or not (sourcedir / "conf.py").is_file():
        return {}
    from sphinx.config import eval_config_file
    from sphinx.util.tags import Tags

    conf_py = (sourcedir / "conf.py").resolve()
    try:
        with _quiet(), _in_dir(conf_py.parent):
            return dict(eval_config_file(conf_py, Tags()))
    except Exception as exc:  # conf.py is user code; any error is reported in one line
        raise CliError(f"cannot read {conf_py}: {_one_line(exc)}") from exc


def project_config(sourcedir: Path | None, values: dict[str, Any] | None = None) -> DevlogConfig:
    """The ``devlog_*`` values of a Sphinx project (the defaults without one)."""
    namespace = conf_values(sourcedir) if values is None else values
    return DevlogConfig.from_values({k: namespace[k] for k in fields_of() if k in namespace})[0]


#: what a document's file may end with, besides a project's ``source_suffix``
DOCUMENT_SUFFIXES = (".md", ".rst", ".txt", ".markdown", ".ipynb")


def document_suffixes(values: dict[str, Any]) -> tuple[str, ...]:
    """The suffixes a project's documents may have (its ``source_suffix`` and the usual)."""
    given = values.get("source_suffix") or ()
    if isinstance(given, str):
        given = (given,)
    extra = tuple(str(s) for s in given if isinstance(s, str))
    return tuple(dict.fromkeys((*DOCUMENT_SUFFIXES, *extra)))


def twins(path: Path, suffixes: Sequence[str]) -> list[Path]:
    """Documents named as *path* with any of *suffixes* (its own suffix too) that exist."""
    stem = path.name[: -len(path.suffix)] if path.suffix else path.name
    return [p for p in (path.with_name(stem + s) for s in suffixes) if os.path.lexists(p)]


def near_sourcedir(path: Path) -> Path | None:
    """A Sphinx source directory that holds *path*, if any."""
    for folder in (path.parent, *path.parent.parents):
        if (folder / "conf.py").is_file():
            return folder
    return None


@contextlib.contextmanager
def _in_dir(path: Path) -> Iterator[None]:
    old = Path.cwd()
    os.chdir(path)
    try:
        yield
    finally:
        os.chdir(old)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        yield


# -- building --------------------------------------------------------------------------


def build(
    sourcedir: Path,
    jobs: int = 1,
    *,
    confdir: Path | None = None,
    overrides: dict[str, Any] | None = None,
    tmp: Path | None = None,
) -> tuple[Any, list[WarningRecord]]:
    """Run Sphinx's ``dummy`` builder (no pages written) on *sourcedir*.

    Returns the application and its warnings, read from the log records themselves (not
    from Sphinx's printed text, which ``show_warning_types`` and colours change).
    """
    from sphinx.application import Sphinx
    from sphinx.errors import SphinxError, SphinxParallelError

    capture = WarningCapture().start()
    app = None
    try:
        with contextlib.ExitStack() as stack:
            if tmp is None:
                tmp = Path(
                    stack.enter_context(tempfile.TemporaryDirectory(prefix="sphinx-devlog-"))
                )
            with _quiet():
                app = Sphinx(
                    srcdir=sourcedir,
                    confdir=confdir or sourcedir,
                    outdir=tmp / "out",
                    doctreedir=tmp / "doctrees",
                    buildername="dummy",
                    status=None,
                    warning=io.StringIO(),
                    freshenv=True,
                    parallel=jobs,
                    confoverrides={"devlog_json": False, **(overrides or {})},
                )
                capture.attach(app)
                app.build()
        return app, capture.records
    except (UnicodeDecodeError, SphinxParallelError) as exc:
        raise CliError(_unreadable(app, sourcedir, exc), code=1) from exc
    except SphinxError as exc:
        raise CliError(f"Sphinx could not build {sourcedir}: {_one_line(exc)}") from exc
    except (OSError, RecursionError, MemoryError) as exc:
        raise CliError(f"Sphinx could not build {sourcedir}: {_one_line(exc)}", code=1) from exc
    finally:
        capture.stop()


def _unreadable(app: Any, sourcedir: Path, exc: Exception) -> str:
    """One line naming the source file that stopped the build (Sphinx reads every file as
    UTF-8 and stops at the first that is not)."""
    env = getattr(app, "env", None)
    if env is not None:
        encoding = app.config.source_encoding
        for docname in sorted(env.found_docs):
            path = env.doc2path(docname)
            try:
                Path(path).read_bytes().decode(encoding)
            except UnicodeDecodeError as bad:
                return undecodable(os.path.relpath(path), bad)
            except (OSError, LookupError):
                continue
    return f"Sphinx could not build {sourcedir}: {_one_line(exc)}"


def _one_line(exc: BaseException) -> str:
    """An error message on one line (Sphinx's configuration errors embed a traceback)."""
    lines = [line.strip() for line in str(exc).strip().splitlines() if line.strip()]
    if len(lines) <= 1:
        return lines[0] if lines else type(exc).__name__
    return f"{lines[0].rstrip(':')}: {lines[-1]}"


# -- files and text --------------------------------------------------------------------


def read(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise CliError(f"{path}: cannot read it: {exc.strerror or exc}", code=1) from exc


def relative(path: str) -> str:
    if not path:
        return path
    try:
        return os.path.relpath(path)
    except ValueError:  # another drive
        return path
