"""Documentation of sphinxcontrib-devlog, built with the extension itself."""

from __future__ import annotations

import os
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
    "sphinx_design",  # these pages use its grids and tabs; the extension does not load it
    "devlog_docs",
]
myst_enable_extensions = ["colon_fence", "tasklist", "deflist"]
exclude_patterns = ["_build", "examples"]
devlog_plain_logs = ["logs/2*"]
# the example project's files and commits link to its (fictional) repository
devlog_source_url = "https://example.org/tidewater/blob/main/{path}"
devlog_commit_url = "https://example.org/tidewater/commit/{sha}"

# the docs look right in the themes people use; the tests build them with each
html_theme = os.environ.get("DEVLOG_DOCS_THEME", "alabaster")
html_title = "sphinxcontrib-devlog"
html_static_path = ["_static"]
html_favicon = "_static/favicon.svg"
if html_theme in ("pydata_sphinx_theme", "sphinx_book_theme"):
    html_theme_options = {"navigation_with_keys": False}
    html_context = {"default_mode": "auto"}  # follow the reader's light or dark setting
