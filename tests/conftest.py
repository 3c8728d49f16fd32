from __future__ import annotations

import dataclasses
import os
import shutil
import weakref
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

from sphinxcontrib_devlog.capture import WarningCapture, WarningRecord

if TYPE_CHECKING:
    from sphinxcontrib_devlog.plain.log import PlainLog

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"


def read_file(path: Path) -> PlainLog:
    """The plain reader's reading of a log file (its BOM dropped)."""
    from sphinxcontrib_devlog.plain.parse import read_text

    return read_text(path.read_text(encoding="utf-8-sig"), str(path))


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


#: each test application's warnings, captured as log records
_CAPTURES: weakref.WeakKeyDictionary[object, WarningCapture] = weakref.WeakKeyDictionary()


@pytest.fixture
def make_app(make_app):  # type: ignore[no-untyped-def]
    """sphinx.testing's ``make_app``, with every application's warnings captured as log
    records (what ``sphinx-devlog check`` reads), whatever the project prints."""
    started: list[WarningCapture] = []

    def make(*args, **kwargs):  # type: ignore[no-untyped-def]
        return captured_app(make_app, *args, started=started, **kwargs)

    yield make
    for capture in started:
        capture.stop()


def captured_app(factory, *args, started: list[WarningCapture] | None = None, **kwargs):  # type: ignore[no-untyped-def]
    """``factory(*args, **kwargs)`` (``SphinxTestApp`` or ``make_app``), its warnings
    captured from its start."""
    capture = WarningCapture().start()
    if started is not None:
        started.append(capture)
    try:
        app = factory(*args, **kwargs)
    except BaseException:
        capture.stop()
        raise
    _CAPTURES[app] = capture.attach(app)
    return app


def built_once(name: str, dest: Path, builders: tuple[str, ...]) -> dict:  # type: ignore[type-arg]
    """A private copy of ``tests/roots/test-<name>`` built once with each builder (for
    module-scoped fixtures): ``{builder: app}``, warnings captured."""
    from io import StringIO

    from sphinx.testing.util import SphinxTestApp

    srcdir = copy_root(name, dest)
    apps = {}
    for builder in builders:
        app = captured_app(
            SphinxTestApp,
            builder,
            srcdir=srcdir,
            status=StringIO(),
            warning=StringIO(),
            freshenv=True,
        )
        try:
            app.build()
        finally:
            app.cleanup()  # docutils' registries are global: leave them clean
        apps[builder] = app
    return apps


def warnings_of(app) -> list[WarningRecord]:  # type: ignore[no-untyped-def]
    """The warnings of *app*'s builds so far (paths relative to its source directory)."""
    prefix = str(app.srcdir).rstrip("/") + "/"
    return [
        dataclasses.replace(w, path=w.path.removeprefix(prefix)) for w in _CAPTURES[app].records
    ]


def devlog_warnings(app) -> list[WarningRecord]:  # type: ignore[no-untyped-def]
    return [w for w in warnings_of(app) if w.type.startswith("devlog")]


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` that a test may edit."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def outputs(
    outdir: Path, suffixes: tuple[str, ...] = (".html", ".txt", ".tex", ".json", ".md")
) -> dict[str, bytes]:
    """Every output file of a build (with the given suffixes), by relative path."""
    result = {}
    for path in sorted(Path(outdir).rglob("*")):
        if path.is_file() and path.suffix in suffixes and "_static" not in path.parts:
            result[path.relative_to(outdir).as_posix()] = path.read_bytes()
    return result


@pytest.fixture
def build(make_app, tmp_path):  # type: ignore[no-untyped-def]
    """Build a private copy of a test root: ``build("myst", "html", parallel=2, ...)``."""
    copies: dict[str, Path] = {}

    def run(name: str, builder: str = "html", *, srcdir: Path | None = None, **kwargs):  # type: ignore[no-untyped-def]
        if srcdir is None:
            if name not in copies:
                copies[name] = copy_root(name, tmp_path)
            srcdir = copies[name]
        kwargs.setdefault("freshenv", True)
        app = make_app(builder, srcdir=srcdir, **kwargs)
        app.build()
        app.cleanup()  # docutils' registries are global: leave them clean for the next app
        return app

    return run


# Hypothesis: no deadline. The examples are small, but a shared machine under load can
# take longer than any deadline for one of them, which would fail a correct test.
settings.register_profile("devlog", deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "devlog"))
