"""The data of a log: plain, picklable dataclasses with no Sphinx imports.

:func:`resolve_fields` turns a log's raw option strings and its name into checked
values plus the problems found, so the directive, plain-log reader and command
line share one set of rules.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field, fields

from .config import DevlogConfig
from .dates import read_date
from .durations import format_duration, parse_duration
from .fields import (
    BY_NAME,
    DURATION_OPTION_NAMES,
    LIST_OPTION_NAMES,
    OPTION_NAMES,
    TEXT_OPTION_NAMES,
)
from .filenames import FilenameParts, parse_filename

#: Item kinds, in the order they appear in a log and in ``devlog.json``.
ITEM_KINDS = ("goal", "lesson", "step", "file")
#: item kind -> its name in messages and listings, plural
KIND_NAMES = {"goal": "goals", "lesson": "lessons", "step": "next steps", "file": "files"}

#: The options the ``devlog`` directive accepts (from :mod:`.fields`).
LOG_OPTIONS = OPTION_NAMES
#: The options that hold a list, comma-separated or a YAML list in MyST (from :mod:`.fields`).
LIST_OPTIONS = LIST_OPTION_NAMES


@dataclass(slots=True)
class Item:
    """One goal, lesson, next step or modified file of a log (with ``__slots__``: a log
    holds many, and the environment holds every log)."""

    kind: str
    number: int
    text: str
    #: checkbox state for goals and steps (``None``: no checkbox was written)
    checked: bool | None = None
    anchor: str = ""
    line: int | None = None
    #: for files: the path and its description
    path: str = ""
    description: str = ""

    @property
    def done(self) -> bool:
        return bool(self.checked)

    def ident(self, log_name: str) -> str:
        return f"{log_name}#{self.number}"


@dataclass(frozen=True)
class Problem:
    """A check that failed: a ``devlog.<subtype>`` warning to emit."""

    subtype: str
    message: str
    #: the option the problem is about, so a caller can point at its line
    option: str = ""


@dataclass(slots=True)
class Fields:
    """A log's header values once checked and completed from the filename.

    One attribute per field of :data:`.fields.HEADER_FIELDS` that ``Log.fields`` holds
    (``tests/test_fields.py`` checks), then the bookkeeping below them.
    """

    status: str = ""
    date: str = ""
    purpose: str = ""
    dependencies: str = ""
    target: str = ""
    tags: list[str] = field(default_factory=list)
    follows: list[str] = field(default_factory=list)
    closes: list[str] = field(default_factory=list)
    estimate_minutes: int | None = None
    spent_minutes: int | None = None
    #: a plain log's status line as written, when it says more than the status
    #: (``BLOCKED - waiting for credentials``)
    status_text: str = ""
    #: option values that could not be read, kept to be shown as written
    unreadable: dict[str, str] = field(default_factory=dict)
    #: the source line of each option as written (for ``sphinx-devlog show``)
    lines: dict[str, int] = field(default_factory=dict)


@dataclass(slots=True)
class Log:
    """One development-session log, as stored in the environment (with ``__slots__``, as
    its fields and items: the environment holds every log)."""

    docname: str
    name: str
    stable_name: str
    title: str
    fields: Fields
    summary: str = ""
    line: int | None = None
    #: the anchor of the log's header in its document
    anchor: str = ""
    items: dict[str, list[Item]] = field(default_factory=lambda: {k: [] for k in ITEM_KINDS})
    #: kind -> how many sections (or item directives) of that kind the log has
    sections: dict[str, int] = field(default_factory=dict)
    #: kind -> how many of them gave no item although they hold something
    unread: dict[str, int] = field(default_factory=dict)
    #: kind -> the numbers of its empty items (``- [ ]``): no items, but they keep their
    #: numbers, so the items after them keep theirs
    blanks: dict[str, list[int]] = field(default_factory=dict)
    #: how the log was read: ``directive`` or ``plain``
    form: str = "directive"
    #: :meth:`fingerprint` and :meth:`items_fingerprint`, stored once the log is complete
    digest: str = ""
    items_digest: str = ""

    @property
    def goals(self) -> list[Item]:
        return self.items["goal"]

    @property
    def lessons(self) -> list[Item]:
        return self.items["lesson"]

    @property
    def steps(self) -> list[Item]:
        return self.items["step"]

    @property
    def files(self) -> list[Item]:
        return self.items["file"]

    @property
    def sort_key(self) -> tuple[str, str, str]:
        """Date, then name, then docname (two folders may hold the same name)."""
        return (self.fields.date or "9999-99-99", self.name, self.docname)

    def item(self, kind: str, number: int) -> Item | None:
        """The item numbered *number* (``None`` for a number no item has, an empty item's)."""
        items = self.items.get(kind, [])
        # numbers rise with the position, and skip only empty items: look from there back
        for index in range(min(number, len(items)) - 1, -1, -1):
            if items[index].number == number:
                return items[index]
            if items[index].number < number:
                break
        return None

    def fingerprint(self) -> str:
        """A digest of everything other pages may show of this log."""
        data = repr(
            (
                self.docname,
                self.name,
                self.stable_name,
                self.title,
                self.summary,
                self.line,
                self.anchor,
                # where a field was written shows nowhere but in sphinx-devlog show
                {k: v for k, v in _as_dict(self.fields).items() if k != "lines"},
                [[_as_dict(item) for item in self.items[kind]] for kind in ITEM_KINDS],
                sorted(self.sections.items()),
                sorted(self.unread.items()),
                sorted(self.blanks.items()),
                self.form,
            )
        )
        return _digest(data)

    def items_fingerprint(self) -> str:
        """A digest of what a reference to one of the log's items shows and links to.

        With the docname and the title, all that references show of a log: a page that
        only links to it need not be written again when its status, fields or body change.
        """
        data = repr(
            [[(item.text, item.anchor) for item in self.items[kind]] for kind in ITEM_KINDS]
        )
        return _digest(data)


def _as_dict(data: Item | Fields) -> dict[str, object]:
    """What ``vars(data)`` gave before these classes had slots: the fields, in order."""
    return {f.name: getattr(data, f.name) for f in fields(data)}


def _digest(data: str) -> str:
    return hashlib.blake2b(data.encode("utf-8"), digest_size=12).hexdigest()


def split_list(text: str) -> list[str]:
    """Split a comma-separated option, dropping empty entries and surrounding space."""
    return [part.strip() for part in text.split(",") if part.strip()]


_WS = re.compile(r"\s+")


def resolve_fields(
    name: str, raw: dict[str, str], config: DevlogConfig
) -> tuple[Fields, FilenameParts | None, list[Problem]]:
    """Check a log's raw options against each other, its filename and the config.

    Returns the completed fields, what the filename said (``None`` when it does not
    match the pattern) and the problems, in a stable order.
    """
    problems: list[Problem] = []
    statuses = config.devlog_statuses
    check_filename = config.devlog_check_filename
    parts = parse_filename(name, config.devlog_filename_pattern, statuses)
    out = Fields()

    # -- the filename ------------------------------------------------------------
    file_status = ""
    file_date = ""
    if parts is None:
        if check_filename:
            problems.append(
                Problem(
                    "filename",
                    f"log filename {name!r} does not match devlog_filename_pattern "
                    "(expected YYYY-MM-DD_description-outcome, e.g. "
                    "2024-08-26_pixi-setup-success)",
                )
            )
    else:
        if parts.status:
            if parts.status in statuses:
                file_status = parts.status
            elif check_filename:
                near = difflib.get_close_matches(parts.status, list(statuses), n=1, cutoff=0.8)
                problems.append(
                    Problem(
                        "filename",
                        f"the outcome {parts.status!r} in filename {name!r} is not a "
                        f"known status ({', '.join(statuses)})"
                        + (f"; did you mean {near[0]!r}?" if near else ""),
                    )
                )
        elif parts.not_an_outcome and check_filename:
            problems.append(
                Problem(
                    "filename",
                    f"filename {name!r} ends in no outcome ({parts.not_an_outcome!r} is part "
                    f"of the description); name it …-{'|'.join(statuses)}, e.g. with "
                    "sphinx-devlog set-status",
                )
            )
        if parts.date_text:
            if parts.date is not None:
                file_date = parts.date.isoformat()
            elif check_filename:
                problems.append(
                    Problem(
                        "date", f"the date {parts.date_text!r} in filename {name!r} is impossible"
                    )
                )

    # -- status ------------------------------------------------------------------
    raw_status = _WS.sub(" ", raw.get("status", "")).strip()
    if raw_status:
        key = raw_status.lower()
        if key in statuses:
            out.status = key
            if check_filename and file_status and file_status != key:
                problems.append(
                    Problem(
                        "status",
                        f"status {key!r} differs from the outcome {file_status!r} in the "
                        f"filename; rename the file to end in -{key} or fix the status",
                        "status",
                    )
                )
        else:
            out.status = raw_status
            problems.append(
                Problem(
                    "field",
                    f"unknown status {raw_status!r} (known: {', '.join(statuses)})",
                    "status",
                )
            )
    elif file_status:
        out.status = file_status

    # -- date --------------------------------------------------------------------
    raw_date = raw.get("date", "").strip()
    if raw_date:
        reading = read_date(raw_date, parts.date if parts is not None else None)
        parsed = reading.date
        if parsed is None:
            out.unreadable["date"] = raw_date
            problems.append(
                Problem(
                    "date",
                    f"cannot read the date {raw_date!r}: {reading.problem} "
                    "(write YYYY-MM-DD, or e.g. July 9, 2025)",
                    "date",
                )
            )
            out.date = file_date
        else:
            out.date = parsed.isoformat()
            if check_filename and file_date and file_date != out.date:
                problems.append(
                    Problem(
                        "date",
                        f"date {out.date} differs from the date {file_date} in the filename",
                        "date",
                    )
                )
    else:
        out.date = file_date

    # -- text, lists, durations ---------------------------------------------------
    for option in TEXT_OPTION_NAMES:
        setattr(out, option, raw.get(option, "").strip())
    out.tags = []
    kept: dict[str, str] = {}  # tags compare case-insensitively, as the :tags: filter does
    for tag in split_list(raw.get("tags", "")):
        first = kept.get(tag.casefold())
        if first is None:
            kept[tag.casefold()] = tag
            out.tags.append(tag)
            continue
        again = "again" if tag == first else f"again as {tag!r} (tags ignore case)"
        problems.append(
            Problem("field", f"tag {first!r} is given {again}: it is kept once", "tags")
        )
    out.follows = split_list(raw.get("follows", ""))
    out.closes = split_list(raw.get("closes", ""))
    for option in DURATION_OPTION_NAMES:
        text = raw.get(option, "").strip()
        if not text:
            continue
        try:
            minutes = parse_duration(text)
        except ValueError as exc:
            out.unreadable[option] = text
            problems.append(Problem("field", f"{option}: {exc}", option))
        else:
            setattr(out, _attribute(option), minutes)

    # -- required fields ------------------------------------------------------------
    for required in config.devlog_required_fields:
        spec = BY_NAME.get(required)
        attribute = spec.fields_attribute if spec is not None and spec.requirable else None
        if spec is None or attribute is None:
            continue  # the summary is checked by the caller, which sees the content
        if _given(getattr(out, attribute)) or required in out.unreadable:
            continue
        where = " (from the options or the filename)" if spec.from_filename else ""
        problems.append(Problem("field", f"log {name!r} has no {required}{where}", required))
    return out, parts, problems


def _attribute(option: str) -> str:
    """The attribute of :class:`Fields` that holds *option*'s value."""
    attribute = BY_NAME[option].fields_attribute
    assert attribute is not None, option
    return attribute


def _given(value: object) -> bool:
    """Whether a :class:`Fields` value says something (``0`` minutes does)."""
    return value is not None and value != "" and value != []


def time_text(fields: Fields) -> str:
    """``2h estimated, 3h30m spent`` (or whichever is known), for headers."""
    parts = []
    if fields.estimate_minutes is not None:
        parts.append(f"{format_duration(fields.estimate_minutes)} estimated")
    elif "estimate" in fields.unreadable:
        parts.append(f"{fields.unreadable['estimate']} estimated")
    if fields.spent_minutes is not None:
        parts.append(f"{format_duration(fields.spent_minutes)} spent")
    elif "spent" in fields.unreadable:
        parts.append(f"{fields.unreadable['spent']} spent")
    return ", ".join(parts)


_CHECKBOX = re.compile(r"^\s*\[([ xX])\](?:\s+|$)")
_FILE_SEP = re.compile(r"^[\s:\-\u2013\u2014]+")


def split_checkbox(text: str) -> tuple[bool | None, str]:
    """Split a leading ``[ ]`` / ``[x]`` off an item's text.

    Returns ``(checked, rest)``; ``checked`` is ``None`` when there is no box.
    """
    match = _CHECKBOX.match(text)
    if match is None:
        return None, text
    return match.group(1) in "xX", text[match.end() :]


def split_file_entry(text: str, literal: str | None = None) -> tuple[str, str]:
    """Split a modified-file item into ``(path, description)``.

    The path is *literal* (the item's first inline literal) when given, else the
    first word; the description is what follows, without a leading separator.
    """
    text = _WS.sub(" ", text).strip()
    if literal:
        path = literal.strip()
        index = text.find(path)
        rest = text[index + len(path) :] if index >= 0 else text
    else:
        path, _, rest = text.partition(" ")
        path = path.rstrip(":,;")
    return path, _FILE_SEP.sub("", rest).strip()


def is_blank(text: str) -> bool:
    """Whether an item's text says nothing: empty, spaces, or backticks alone (an empty
    code span)."""
    return not text.replace("`", "").strip()


def collapse(text: str) -> str:
    """Collapse runs of whitespace to one space."""
    return " ".join(text.split())
