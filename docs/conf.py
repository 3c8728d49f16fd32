"""Documentation of sphinxcontrib-devlog, built with the extension itself."""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

from sphinxcontrib_devlog import __version__

project = "sphinxcontrib-devlog"
author = "sphinxcontrib-devlog maintainers"
copyright = "2026, sphinxcontrib-devlog maintainers"
version = release = __version__

extensions = [
    "myst_parser",
    "sphinxcontrib_devlog",
    "devlog_docs",
]
myst_enable_extensions = ["colon_fence", "tasklist", "deflist"]
exclude_patterns = ["_build", "examples"]
devlog_plain_logs = ["logs/2*"]
html_theme = "alabaster"
html_title = "sphinxcontrib-devlog"
html_static_path: list[str] = []
