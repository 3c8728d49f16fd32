from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest_plugins = ("sphinx.testing.fixtures",)

ROOTS = Path(__file__).parent / "roots"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")
_WARNING = re.compile(
    r"^(?:(?P<path>.+?):(?:(?P<line>\d+):)? )?WARNING: (?P<message>.*) \[(?P<type>[\w.-]+)\]$"
)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@dataclass(frozen=True)
class WarningRecord:
    path: str
    line: int | None
    message: str
    type: str


def parse_warnings(text: str, srcdir: Path | str | None = None) -> list[WarningRecord]:
    """Parse Sphinx's warning stream into records (paths relative to *srcdir*)."""
    found = []
    for raw in _ANSI.sub("", text).splitlines():
        match = _WARNING.match(raw.strip())
        if not match:
            continue
        path = match["path"] or ""
        if srcdir is not None:
            path = path.replace(str(srcdir).rstrip("/") + "/", "")
        line = int(match["line"]) if match["line"] else None
        found.append(WarningRecord(path, line, match["message"], match["type"]))
    return found


def devlog_warnings(app) -> list[WarningRecord]:  # type: ignore[no-untyped-def]
    return [
        w for w in parse_warnings(app.warning.getvalue(), app.srcdir) if w.type.startswith("devlog")
    ]


def copy_root(name: str, dest: Path) -> Path:
    """A private copy of ``tests/roots/test-<name>`` that a test may edit."""
    target = dest / name
    shutil.copytree(ROOTS / f"test-{name}", target)
    return target


def outputs(
    outdir: Path, suffixes: tuple[str, ...] = (".html", ".txt", ".tex", ".json")
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
