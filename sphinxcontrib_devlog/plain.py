"""Reading logs written from the plain Markdown template, without directives.

Pure functions: nothing here imports Sphinx. The reader is lenient — real logs
drift from the template — and never raises, whatever the text.

What it copes with:

* header fields as ``- **Status**: x``, ``**Status:** x`` or ``Status: x``, with or
  without list bullets, under ``# HEADER`` / ``## HEADER`` (also a HEADER placed
  above the real title), or without any HEADER, as bold lines under the title;
* free text and emoji in the status (``✅ COMPLETE SUCCESS``, ``Completed``),
  resolved through aliases and then the filename (:func:`resolve_status`);
* section-name variants (*Lessons Learned* / *Lessons*, *Files Modified* /
  *Modified Files* / *Files Changed*, *Session Goals* / *Goals*, ...);
* next steps as task lists, plain bullets or numbered lists;
* code blocks (a ``# comment`` in a bash block is no heading) and the Outcomes
  block with its ✅ / ⚠️ / ❌ subsections (not taken for any item kind).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .model import collapse, split_checkbox, split_file_entry

#: header field names as written (normalised) -> devlog option
FIELD_NAMES = {
    "purpose": "purpose",
    "goal": "purpose",
    "objective": "purpose",
    "status": "status",
    "outcome": "status",
    "result": "status",
    "date": "date",
    "session date": "date",
    "dependencies": "dependencies",
    "dependency": "dependencies",
    "depends on": "dependencies",
    "requirements": "dependencies",
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
}

#: section titles (normalised) -> item kind ("" for sections read for no items)
SECTION_NAMES = {
    "session goals": "goal",
    "goals": "goal",
    "session goal": "goal",
    "objectives": "goal",
    "lessons learned": "lesson",
    "lessons learnt": "lesson",
    "lessons": "lesson",
    "key learnings": "lesson",
    "learnings": "lesson",
    "takeaways": "lesson",
    "next steps": "step",
    "next step": "step",
    "follow up": "step",
    "follow ups": "step",
    "follow-up": "step",
    "todo": "step",
    "to do": "step",
    "files modified": "file",
    "modified files": "file",
    "files changed": "file",
    "changed files": "file",
    "files": "file",
    "files touched": "file",
}

#: words (and short phrases) in free-text statuses -> status; users add theirs
DEFAULT_STATUS_ALIASES: dict[str, str] = {
    "success": "success",
    "successful": "success",
    "successfully": "success",
    "succeeded": "success",
    "works": "success",
    "working": "success",
    "fixed": "success",
    "resolved": "success",
    "complete": "complete",
    "completed": "complete",
    "done": "complete",
    "finished": "complete",
    "partial": "partial",
    "partially": "partial",
    "partly": "partial",
    "incomplete": "partial",
    "in progress": "partial",
    "wip": "partial",
    "ongoing": "partial",
    "failed": "failed",
    "fail": "failed",
    "failure": "failed",
    "broken": "failed",
    "abandoned": "failed",
    "blocked": "blocked",
    "blocker": "blocked",
    "stuck": "blocked",
    "waiting": "blocked",
    "on hold": "blocked",
}

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
_BULLET = re.compile(r"^(\s*)(?:[-*+]|\d{1,3}[.)])\s+(.*)$")
# a field line: optional bullet, then **Name**: value / **Name:** value / Name: value
_FIELD = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?\s*(?P<name>[A-Za-z][A-Za-z \-]{0,30}?)\s*"
    r"(?::\s*(?:\*\*|__)|(?:\*\*|__)\s*:|:)\s*(?P<value>.*?)\s*$"
)
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)?")


def normalize_words(text: str) -> str:
    """Lower-case words only: emoji, punctuation and markup dropped, spaces collapsed."""
    kept = []
    for char in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(char)
        if category[0] in "LN":
            kept.append(char.lower())
        elif char in "-_":
            kept.append(char)
        else:
            kept.append(" ")
    return " ".join("".join(kept).split())


def strip_inline_markup(text: str) -> str:
    """Plain text of a Markdown inline span: emphasis, code ticks and link syntax dropped."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])[*_](?!\s)(.+?)(?<!\s)[*_](?![\w*])", r"\1", text)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    return collapse(text)


@dataclass
class PlainField:
    option: str
    value: str
    line: int  # 1-based


@dataclass
class PlainItem:
    text: str
    checked: bool | None
    line: int
    path: str = ""
    description: str = ""


@dataclass
class PlainLog:
    """What the reader found in one plain log."""

    title: str = ""
    title_line: int = 0
    #: 1-based line of a ``HEADER`` heading (0: none)
    header_line: int = 0
    #: whether the HEADER heading stands above the real title
    header_above_title: bool = False
    fields: dict[str, PlainField] = field(default_factory=dict)
    items: dict[str, list[PlainItem]] = field(
        default_factory=lambda: {"goal": [], "lesson": [], "step": [], "file": []}
    )
    #: the line of each section read for items, by kind
    sections: dict[str, list[int]] = field(default_factory=dict)

    @property
    def looks_like_a_log(self) -> bool:
        return bool(self.header_line or self.fields)

    def options(self) -> dict[str, str]:
        return {name: f.value for name, f in self.fields.items()}


def section_kind(title: str) -> str | None:
    """The item kind a section title stands for, or ``None``."""
    return SECTION_NAMES.get(normalize_words(title))


def is_header_title(title: str) -> bool:
    return normalize_words(title) == "header"


def _field(line: str) -> tuple[str, str] | None:
    match = _FIELD.match(line)
    if match is None:
        return None
    option = FIELD_NAMES.get(normalize_words(match["name"]))
    if option is None:
        return None
    return option, strip_inline_markup(match["value"].strip())


def field_value_span(line: str) -> tuple[int, int] | None:
    """Where the value of a header field line starts and ends (for rewriting it)."""
    match = _FIELD.match(line)
    return match.span("value") if match else None


def _lines_outside_code(text: str) -> list[tuple[int, str, bool]]:
    """``(line number, text, in_code)`` for every line."""
    out = []
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0] * len(match.group(1))
            out.append((number, line, True))
            continue
        if fence is not None:
            if line.strip().startswith(fence[0] * len(fence)) and not line.strip().strip(fence[0]):
                fence = None
            out.append((number, line, True))
            continue
        out.append((number, line, False))
    return out


def read_plain(text: str) -> PlainLog:
    """Read a plain-template log. Never raises."""
    log = PlainLog()
    lines = _lines_outside_code(text)
    headings = []  # (index in lines, level, title)
    for index, (_number, line, in_code) in enumerate(lines):
        if in_code:
            continue
        match = _HEADING.match(line)
        if match:
            headings.append((index, len(match.group(1)), (match.group(2) or "").strip()))

    # -- title and HEADER -------------------------------------------------------------
    for index, _level, title in headings:
        if is_header_title(title):
            if not log.header_line:
                log.header_line = lines[index][0]
                log.header_above_title = not log.title
            continue
        if not log.title and title:
            log.title = strip_inline_markup(title)
            log.title_line = lines[index][0]
    title_index = next((i for i, _l, t in headings if t and not is_header_title(t)), -1)

    # -- header fields ------------------------------------------------------------------
    if log.header_line:
        start = next(i for i, _l, t in headings if is_header_title(t)) + 1
        end = next((i for i, _l, t in headings if i >= start and not is_header_title(t)), None)
        if end is not None and end == title_index:  # HEADER above the title: read to the
            end = next((i for i, _l, _t in headings if i > title_index), len(lines))  # next one
            region = list(range(start, title_index)) + list(range(title_index + 1, end))
        else:
            region = list(range(start, end if end is not None else len(lines)))
    else:
        start = title_index + 1 if title_index >= 0 else 0
        end = next((i for i, _l, _t in headings if i >= start), len(lines))
        region = list(range(start, end))
    for index in region:
        number, line, in_code = lines[index]
        if in_code or not line.strip():
            continue
        found = _field(line)
        if found is not None and found[0] not in log.fields:
            log.fields[found[0]] = PlainField(found[0], found[1], number)

    # -- sections -------------------------------------------------------------------------
    for position, (index, _level, title) in enumerate(headings):
        kind = section_kind(title)
        if kind is None:
            continue
        # items stop at the next heading, whatever its level
        end = headings[position + 1][0] if position + 1 < len(headings) else len(lines)
        log.sections.setdefault(kind, []).append(lines[index][0])
        log.items[kind].extend(_items(lines[index + 1 : end], kind))
    return log


def _items(lines: list[tuple[int, str, bool]], kind: str) -> list[PlainItem]:
    """Top-level list items of a section; an item's text is its first paragraph.

    Nested lists, later paragraphs and code blocks inside an item belong to it
    but not to its text, as in the rendered document.
    """
    items: list[PlainItem] = []
    indent: int | None = None  # the indentation of this list's items
    current: list[str] = []
    current_line = 0
    in_first_paragraph = False

    def flush() -> None:
        if not current:
            return
        raw = collapse(" ".join(current))
        checked, rest = split_checkbox(raw)
        literal = re.search(r"`([^`]+)`", rest)
        plain = strip_inline_markup(rest)
        if plain or checked is not None:
            item = PlainItem(plain, checked, current_line)
            if kind == "file":
                item.path, item.description = split_file_entry(
                    plain, literal.group(1) if literal else None
                )
            items.append(item)
        current.clear()

    for number, line, in_code in lines:
        if in_code:
            in_first_paragraph = False
            continue
        if not line.strip():
            in_first_paragraph = False
            continue
        bullet = _BULLET.match(line)
        leading = len(line) - len(line.lstrip())
        if bullet and (indent is None or leading <= indent):
            flush()
            indent = leading
            current.append(bullet.group(2))
            current_line = number
            in_first_paragraph = True
        elif indent is not None and (bullet or leading > indent):
            if in_first_paragraph and not bullet:
                current.append(line.strip())  # a continuation line of the item's text
            else:
                in_first_paragraph = False  # a nested list or a later paragraph
        elif in_first_paragraph:
            current.append(line.strip())  # lazy continuation
        else:
            flush()  # a paragraph after the list ends it
            indent = None
    flush()
    return items


def resolve_status(
    text: str,
    statuses: Iterable[str],
    aliases: Mapping[str, str],
    filename_status: str = "",
) -> str | None:
    """The status a free-text status line means, or ``None`` when it cannot tell.

    Tried in order: the text is a status; the whole text is an alias; its words (and
    two-word phrases) name exactly one status; several, and the filename's outcome is
    one of them; several, the first.
    """
    known = list(statuses)
    table = {**DEFAULT_STATUS_ALIASES, **{normalize_words(k): v for k, v in aliases.items()}}
    table = {k: v for k, v in table.items() if v in known}
    words = normalize_words(text)
    if not words:
        return None
    if words in known:
        return words
    if words in table:
        return table[words]
    tokens = _WORD.findall(words)
    found: list[str] = []
    for i, token in enumerate(tokens):
        for candidate in (" ".join(tokens[i : i + 2]), token):
            status = candidate if candidate in known else table.get(candidate)
            if status is not None:
                if status not in found:
                    found.append(status)
                break
    if not found:
        return None
    if len(found) > 1 and filename_status in found:
        return filename_status
    return found[0]
