"""Building the documentation site with a given theme, once per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

DOCS = Path(__file__).resolve().parent.parent / "docs"
THEMES = ("alabaster", "furo", "pydata_sphinx_theme", "sphinx_book_theme")
_built: dict[str, tuple[Path, subprocess.CompletedProcess[str]]] = {}


def build_docs(theme: str, root: Path) -> tuple[Path, subprocess.CompletedProcess[str]]:
    """``sphinx-build -b html`` of docs/ with *theme* (cached for the session)."""
    if theme not in _built:
        out = root / theme
        env = dict(os.environ, DEVLOG_DOCS_THEME=theme, NO_COLOR="1")
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", str(DOCS), str(out)],
            capture_output=True,
            text=True,
            env=env,
            check=False,
            timeout=900,
        )
        _built[theme] = (out, result)
    return _built[theme]
