"""The names of header fields in plain logs: which devlog option a header line
(``Status: x``, ``**Date**: x``, a table row, front matter) sets, by the field's name as
written (:data:`FIELD_NAMES`); which names give way to a more specific one
(:data:`WEAK_FIELD_NAMES`); which may stand as a heading (:data:`FIELD_HEADINGS`).

The plain reader's only table of field names: :mod:`.fields` reads the lines with it,
``sphinx-devlog set-status`` finds a value through it. (The header schema,
``sphinxcontrib_devlog/fields.py``, holds a copy that ``tests/test_fields.py`` checks
against this one.)
"""

from __future__ import annotations

from .normalize import normalize_words

#: header field names as written (normalised) -> devlog option
FIELD_NAMES = {
    "purpose": "purpose",
    "goal": "purpose",
    "objective": "purpose",
    "summary": "purpose",
    "description": "purpose",
    "status": "status",
    "session status": "status",
    "final status": "status",
    "overall status": "status",
    "current status": "status",
    "outcome": "status",
    "result": "status",
    "date": "date",
    "session date": "date",
    "created": "date",
    "created on": "date",
    "created at": "date",
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "depends on": "dependencies",
    "requirements": "dependencies",
    "prerequisites": "dependencies",
    "target": "target",
    "target audience": "target",
    "audience": "target",
    "for": "target",
    "tags": "tags",
    "follows": "follows",
    "closes": "closes",
    "estimate": "estimate",
    "estimated": "estimate",
    "estimated time": "estimate",
    "time estimate": "estimate",
    "spent": "spent",
    "time spent": "spent",
    "actual time": "spent",
    "duration": "spent",
    "session duration": "spent",
    "time taken": "spent",
    "total time": "spent",
}
#: fields a later, more specific name may replace (``Created`` gives way to ``Date``)
WEAK_FIELD_NAMES = frozenset(
    {
        "created",
        "created on",
        "created at",
        "summary",
        "description",
        "goal",
        "objective",
        "result",
        "outcome",
    }
)

#: field names that may stand as a heading with the value under it (``## Status``)
FIELD_HEADINGS = frozenset(
    {"status", "final status", "session status", "outcome", "date", "session date"}
)


def field_option(name: str) -> str | None:
    """The devlog option a field name as written sets, or ``None``."""
    return FIELD_NAMES.get(normalize_words(name))
