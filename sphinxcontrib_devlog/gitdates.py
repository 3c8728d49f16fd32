"""Log dates checked against the history (``devlog_check_git_dates``): a filename date far
from the day the file was first committed is ``devlog.date``."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def setup_gitdates(app: Sphinx) -> None:
    """Registers nothing yet."""
