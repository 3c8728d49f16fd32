"""Links from logs to the work: Files Modified items and commit hashes become links
(``devlog_source_url``, ``devlog_commit_url``), and listed files are checked against the
project (``devlog_source_root``, ``devlog.file``)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_sources(app: Sphinx) -> None:
    """Registers nothing yet."""
