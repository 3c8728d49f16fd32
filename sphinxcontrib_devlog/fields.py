"""The header fields of a log, declared once.

Each :class:`HeaderField` says what a field is called as a ``devlog`` option, what its
value is, whether ``devlog_required_fields`` may name it, where a :class:`~.model.Log`
keeps it, its key in ``devlog.json``, its help text in the docs and the words that name
it in a plain log's header. The option lists, the requirable fields, the header part of
a log's ``devlog.json`` record and the docs' table of options are derived from
:data:`HEADER_FIELDS`; ``tests/test_fields.py`` checks that the ``Fields`` dataclass
holds the same fields.

No Sphinx imports, and none from the rest of the package: everything may import this.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Literal

#: what a field's value is: how it is read, stored and exported
#:
#: - ``status``, ``date``, ``text``: a string (``""`` when unknown)
#: - ``list``: comma-separated (or a YAML list in MyST), stored as a list of strings
#: - ``duration``: read as a duration, stored as whole minutes (``None`` when unknown)
#: - ``content``: not an option, the directive's content (a plain log's summary section)
Kind = Literal["status", "date", "text", "list", "duration", "content"]


@dataclass(frozen=True)
class HeaderField:
    """One header field of a log."""

    #: the option's name; also its name in ``devlog_required_fields`` and in messages
    name: str
    kind: Kind
    #: where a ``Log`` keeps the value: an attribute path from the log
    attribute: str
    #: its key in the log's record in ``devlog.json``
    json_key: str
    #: the docs' table of options: what the value is, and what happens without one
    value_help: str
    absent_help: str
    #: whether ``devlog_required_fields`` may name it
    requirable: bool = True
    #: for a list of references: what its entries name (``log`` or ``step``), so that
    #: ``devlog.json`` gives them resolved
    refers_to: Literal["", "log", "step"] = ""
    #: whether ``devlog.json`` gives ``null`` for an empty value (else the value as stored)
    null_when_empty: bool = False
    #: whether the filename may give the value when no option does
    from_filename: bool = False
    #: the names of the field in a plain log's header, normalised (lower-case words)
    words: tuple[str, ...] = ()
    #: those of :attr:`words` that a later, more specific name may replace
    #: (``Created`` gives way to ``Date``)
    weak_words: tuple[str, ...] = ()

    @property
    def is_option(self) -> bool:
        """Whether the ``devlog`` directive takes it as an option."""
        return self.kind != "content"

    @property
    def is_list(self) -> bool:
        """Whether its value is a list (comma-separated, or a YAML list in MyST)."""
        return self.kind == "list"

    @property
    def fields_attribute(self) -> str | None:
        """Its attribute on ``Log.fields``; ``None`` when the log itself holds it."""
        head, _, rest = self.attribute.partition(".")
        return rest if head == "fields" and rest else None


_INLINE_TEXT = "inline text (markup allowed; raw HTML as on the rest of the page)"
_DURATION = "durations: ``90m``, ``2h``, ``1h30m``, ``1.5h``, ``1h 30min``, ``1d`` (8 h)"
_IN_MYST_A_LIST = "(in MyST also a YAML list)"

#: Every header field, in the order the docs and messages list them.
HEADER_FIELDS: tuple[HeaderField, ...] = (
    HeaderField(
        "status",
        "status",
        "fields.status",
        "status",
        value_help="a key of ``devlog_statuses``, case-insensitive",
        absent_help="taken from the filename's outcome",
        null_when_empty=True,
        from_filename=True,
        words=(
            "status",
            "session status",
            "final status",
            "overall status",
            "current status",
            "outcome",
            "result",
        ),
        weak_words=("result", "outcome"),
    ),
    HeaderField(
        "date",
        "date",
        "fields.date",
        "date",
        value_help="``YYYY-MM-DD``",
        absent_help="taken from the filename's date",
        null_when_empty=True,
        from_filename=True,
        words=("date", "session date", "created", "created on", "created at"),
        weak_words=("created", "created on", "created at"),
    ),
    HeaderField(
        "purpose",
        "text",
        "fields.purpose",
        "purpose",
        value_help=_INLINE_TEXT,
        absent_help="not shown",
        words=("purpose", "goal", "objective", "summary", "description"),
        weak_words=("summary", "description", "goal", "objective"),
    ),
    HeaderField(
        "dependencies",
        "text",
        "fields.dependencies",
        "dependencies",
        value_help=_INLINE_TEXT,
        absent_help="not shown",
        words=("dependencies", "dependency", "depends on", "requirements", "prerequisites"),
    ),
    HeaderField(
        "target",
        "text",
        "fields.target",
        "target",
        value_help=_INLINE_TEXT,
        absent_help="not shown",
        words=("target", "target audience", "audience", "for"),
    ),
    HeaderField(
        "tags",
        "list",
        "fields.tags",
        "tags",
        value_help=f"comma-separated words {_IN_MYST_A_LIST}",
        absent_help="none",
        words=("tags",),
    ),
    HeaderField(
        "follows",
        "list",
        "fields.follows",
        "follows",
        value_help="comma-separated log references: the sessions this one continues "
        + _IN_MYST_A_LIST,
        absent_help="none",
        requirable=False,
        refers_to="log",
        words=("follows",),
    ),
    HeaderField(
        "closes",
        "list",
        "fields.closes",
        "closes",
        value_help="comma-separated next-step references (``LOG#N``) done by this session "
        + _IN_MYST_A_LIST,
        absent_help="none",
        requirable=False,
        refers_to="step",
        words=("closes",),
    ),
    HeaderField(
        "estimate",
        "duration",
        "fields.estimate_minutes",
        "estimate_minutes",
        value_help=_DURATION,
        absent_help="none",
        words=("estimate", "estimated", "estimated time", "time estimate"),
    ),
    HeaderField(
        "spent",
        "duration",
        "fields.spent_minutes",
        "spent_minutes",
        value_help=_DURATION,
        absent_help="none",
        words=(
            "spent",
            "time spent",
            "actual time",
            "duration",
            "session duration",
            "time taken",
            "total time",
        ),
    ),
    HeaderField(
        "summary",
        "content",
        "summary",
        "summary",
        value_help="the directive's content, shown in the log's header",
        absent_help="not shown",
    ),
)

#: name -> field
BY_NAME: Mapping[str, HeaderField] = MappingProxyType({f.name: f for f in HEADER_FIELDS})

#: The order of the header keys in a log's record: ``devlog.json`` sorts its keys, but
#: ``sphinx-devlog list --json`` prints them in this order. Field names, each once
#: (``tests/test_fields.py`` checks).
JSON_ORDER = (
    "date",
    "status",
    "purpose",
    "dependencies",
    "target",
    "summary",
    "tags",
    "follows",
    "closes",
    "estimate",
    "spent",
)

#: The options the ``devlog`` directive accepts.
OPTION_NAMES = tuple(f.name for f in HEADER_FIELDS if f.is_option)
#: The options that hold a list (comma-separated, or a YAML list in MyST).
LIST_OPTION_NAMES = tuple(f.name for f in HEADER_FIELDS if f.is_list)
#: The options of inline text (markup allowed), rendered as the directive parses them.
TEXT_OPTION_NAMES = tuple(f.name for f in HEADER_FIELDS if f.kind == "text")
#: The options read as durations.
DURATION_OPTION_NAMES = tuple(f.name for f in HEADER_FIELDS if f.kind == "duration")
#: Fields ``devlog_required_fields`` may name.
REQUIRABLE_NAMES = tuple(f.name for f in HEADER_FIELDS if f.requirable)


def plain_words() -> dict[str, str]:
    """Plain-log header word -> field name, the words as :attr:`HeaderField.words`."""
    return {word: f.name for f in HEADER_FIELDS for word in f.words}


def weak_plain_words() -> frozenset[str]:
    """The plain-log header words that a later, more specific name may replace."""
    return frozenset(word for f in HEADER_FIELDS for word in f.weak_words)


def option_rows() -> list[tuple[tuple[str, ...], str, str, tuple[str, ...]]]:
    """``(options, value, when absent, devlog.json keys)`` rows for the docs' table of
    the directive's options; neighbours with the same help share a row."""
    rows: list[tuple[tuple[str, ...], str, str, tuple[str, ...]]] = []
    for f in HEADER_FIELDS:
        if not f.is_option:
            continue
        if rows and rows[-1][1:3] == (f.value_help, f.absent_help):
            names, value, absent, keys = rows[-1]
            rows[-1] = ((*names, f.name), value, absent, (*keys, f.json_key))
        else:
            rows.append(((f.name,), f.value_help, f.absent_help, (f.json_key,)))
    return rows
