"""The ``devlog.<subtype>`` warnings, documented in one place, and :func:`warn`.

The docs' warning table is rendered from :class:`DevlogWarning`.
"""

from __future__ import annotations

from enum import Enum
from typing import Any

from sphinx.util import logging

logger = logging.getLogger("sphinxcontrib_devlog")


class DevlogWarning(Enum):
    """Every warning the extension emits is ``type="devlog"`` with one of these subtypes."""

    STATUS = (
        "status",
        "The ``status`` option differs from the outcome in the filename.",
    )
    FILENAME = (
        "filename",
        "A log's filename does not match ``devlog_filename_pattern``, its outcome is not a "
        "known status (a misspelt one is named), or it ends in no outcome word at all "
        "(``…-investigation-analysis``).",
    )
    DATE = (
        "date",
        "A date that cannot be read (in an option, a plain log's date line or the "
        "filename): impossible, no date at all, or ``07/09/2025`` with nothing to say which "
        "way it reads; or a date that differs from the filename's date; or, with "
        "``devlog_check_git_dates``, a filename date far from the day the file was first "
        "committed.",
    )
    FIELD = (
        "field",
        "An unknown status, an unknown option, an option given twice (the first value is "
        "used), an option line MyST cannot read (read as written), option lines after a "
        "blank line (read as the summary), a list item holding a comma, a tag given twice, a "
        "missing required field, an option value that cannot be read (a duration such as "
        "``2 hours-ish``, or one longer than a year), a plain log's status line that "
        "cannot be read, or reads as both a good and a bad outcome; a purpose or "
        "dependencies still holding the template's text (``What this session attempts``, "
        "``What was needed``, or ``sphinx-devlog new``'s text in parentheses), which is "
        "not recorded.",
    )
    DUPLICATE = (
        "duplicate",
        "Two logs with the same name or stable name (e.g. in different folders).",
    )
    REF = (
        "ref",
        "A devlog role, ``follows`` or ``closes`` target that does not exist (an empty "
        "item's number among them); a log that "
        "follows itself, logs that follow one another in a cycle, or a ``closes`` naming "
        "a step of its own log.",
    )
    STRUCTURE = (
        "structure",
        "A second ``devlog`` directive in one document, an item directive outside a log, "
        "an item directive inside another, an item directive without a list, or an empty "
        "one; an empty item (``- [ ]``, ``-``, an empty code span); an item still holding "
        "the template's text (``Goal 1``, ``Key insight 1``, ``Follow-up task 1``, "
        "``path/to/file.py``, or ``sphinx-devlog new``'s text in parentheses), which is "
        "no item and is in no collection nor ``devlog.json``; in a plain log, a section "
        "that names lessons, next steps or files but holds no list.",
    )
    FILE = (
        "file",
        "A Files Modified path that does not exist under ``devlog_source_root`` (when it "
        "is set), or a glob there that matches nothing; an absolute path is looked for by "
        "its tail inside the project.",
    )
    CONFIG = (
        "config",
        "A ``devlog_*`` configuration value that cannot be used; its default is used "
        "instead. Two ``devlog_statuses`` keys that differ only in case: the first is "
        "used.",
    )
    GRAPH = (
        "graph",
        "A ``devlog:graph`` where Graphviz's ``dot`` program (``graphviz_dot``) is not "
        "found: the graph is shown as a list of the logs, each with what it follows, "
        "closes and carries on. Reported once per build; "
        "``suppress_warnings = ['devlog.graph']`` silences it on machines without "
        "Graphviz.",
    )

    def __init__(self, subtype: str, description: str) -> None:
        self.subtype = subtype
        self.description = description

    @property
    def name_with_type(self) -> str:
        return f"devlog.{self.subtype}"

    @classmethod
    def of(cls, subtype: str) -> DevlogWarning:
        """The warning of a subtype (``"date"``), as pure code reports problems."""
        for warning in cls:
            if warning.subtype == subtype:
                return warning
        raise ValueError(f"no devlog warning {subtype!r}")


def warn(warning: DevlogWarning, message: str, location: Any) -> None:
    """Emit a ``devlog.<subtype>`` warning at *location* (a node or ``(docname, line)``)."""
    logger.warning(message, type="devlog", subtype=warning.subtype, location=location)
