"""Changing one log's status in its file, for ``sphinx-devlog set-status``.

A user's file is changed only where it must be, byte for byte: the status value (or one
inserted ``:status:`` line) and nothing else — line endings, a byte-order mark, trailing
spaces and the last line's missing newline stay as they were.

The status is located through the parsers the build uses, never by a pattern over the
text: markdown-it (as MyST configures it) for Markdown, docutils for reStructuredText, and
the plain-log reader for logs without a directive. A ``{devlog}`` block shown inside a
fenced example or a literal block is text, not the log's header, and is left alone.

Nothing here renames or writes files; see :func:`sphinxcontrib_devlog.cli.cmd_set_status`.
"""

from __future__ import annotations

import codecs
import io
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .plain.words import SectionWords

#: the directive names of a log's header
LOG_DIRECTIVES = ("devlog", "devlog:log")

#: MyST directives whose body is Markdown that the build parses (a ``{devlog}`` inside
#: one is a real directive); a body of any other directive may be literal text
MARKDOWN_CONTAINERS = frozenset(
    {
        "admonition",
        "attention",
        "caution",
        "danger",
        "error",
        "hint",
        "important",
        "note",
        "seealso",
        "tip",
        "warning",
        "topic",
        "sidebar",
        "container",
        "div",
        "only",
        "dropdown",
        "card",
        "grid",
        "grid-item",
        "grid-item-card",
        "tab-set",
        "tab-item",
        "tab-set-code",
    }
)

#: a line of Markdown, as markdown-it splits them (``\r\n``, ``\r`` or ``\n``)
_MD_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
_END = re.compile(r"(?:\r\n|\r|\n)\Z")


class EditError(Exception):
    """The status cannot be changed safely; the message says why (one line)."""


@dataclass(frozen=True)
class Decoded:
    """A file's text, and what is needed to write it back byte for byte."""

    text: str
    bom: bool


def decode(data: bytes, name: str) -> Decoded:
    """The UTF-8 text of a file (its BOM noted); :class:`EditError` when it is no UTF-8."""
    bom = data.startswith(codecs.BOM_UTF8)
    body = data[len(codecs.BOM_UTF8) :] if bom else data
    try:
        return Decoded(body.decode("utf-8"), bom)
    except UnicodeDecodeError as exc:
        raise EditError(undecodable(name, exc)) from exc


def undecodable(name: str, exc: UnicodeDecodeError) -> str:
    byte = exc.object[exc.start : exc.start + 1]
    line = exc.object[: exc.start].count(b"\n") + 1
    return (
        f"{name}:{line}: not UTF-8 text (byte 0x{byte.hex()} at offset {exc.start}); "
        "save the file as UTF-8"
    )


def encode(decoded: Decoded, text: str) -> bytes:
    return (codecs.BOM_UTF8 if decoded.bom else b"") + text.encode("utf-8")


# -- lines ----------------------------------------------------------------------------


def markdown_lines(text: str) -> list[str]:
    """Lines with their endings, split where markdown-it splits them."""
    return _MD_LINE.findall(text)


def rst_lines(text: str) -> list[str]:
    """Lines with their endings, split where docutils splits them."""
    return text.splitlines(keepends=True)


def _body(line: str) -> tuple[str, str]:
    """A line without its ending, and the ending."""
    match = _END.search(line)
    return (line[: match.start()], match.group()) if match else (line, "")


# -- locating the status ----------------------------------------------------------------


@dataclass(frozen=True)
class Spot:
    """Where the status goes: ``[start, end)`` of line *index* (0-based) is replaced by
    *lead* and the status; or, when *insert* is set, the line *insert* (``{status}`` in it
    standing for the status) is inserted before line *index*."""

    index: int
    start: int = 0
    end: int = 0
    lead: str = ""
    insert: str = ""


def set_status(spots: Iterable[Spot], lines: list[str], status: str) -> str:
    """The text of *lines* with the status at *spots* set to *status*; every other byte
    kept. An inserted line ends as the line before it does."""
    lines = list(lines)
    for spot in sorted(spots, key=lambda s: s.index, reverse=True):
        if spot.insert:
            ending = _body(lines[spot.index - 1])[1] if 0 < spot.index <= len(lines) else ""
            lines.insert(spot.index, spot.insert.replace("{status}", status) + (ending or "\n"))
        else:
            line = lines[spot.index]
            lines[spot.index] = line[: spot.start] + spot.lead + status + line[spot.end :]
    return "".join(lines)


_MD_OPTION = re.compile(r"^(?P<prefix>[ \t>]*):(?P<name>[\w.-]+):(?:[ \t]+|$)")
_YAML_KEY = re.compile(r"^(?P<prefix>[ \t>]*)(?P<name>[\w.-]+)[ \t]*:(?:[ \t]+|$)")
_VALUE = re.compile(r"[ \t]*(?P<value>.*?)[ \t]*$")


def markdown_directive_spots(text: str, extensions: Iterable[str] = ()) -> list[Spot] | None:
    """Where the status of the first ``{devlog}`` directive of a Markdown text is (every
    ``:status:`` line of its options, or where one is inserted); ``None`` without one."""
    lines = markdown_lines(text)
    found = _find_md_directive(text, 0, set(extensions))
    if found is None:
        return None
    opening, closing = found
    return _option_spots(lines, opening, closing)


def _is_closing(line: str, markup: str) -> bool:
    fence = line.strip().lstrip(">").strip()
    return bool(markup) and len(fence) >= len(markup) and set(fence) == {markup[0]}


def _find_md_directive(text: str, offset: int, extensions: set[str]) -> tuple[int, int] | None:
    """The 0-based line of the first log directive's opening fence, and the line where its
    body ends (its closing fence, or the end of the text); ``-1`` for the second when the
    directive is reST (in an ``eval-rst`` block)."""
    lines = markdown_lines(text)
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    config = MdParserConfig(enable_extensions=extensions & _MYST_EXTENSIONS)
    for token in create_md_parser(config, RendererHTML).parse(text):
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        info = token.info.strip()
        if not (info.startswith("{") and "}" in info):
            continue
        name = info[1 : info.index("}")].strip()
        start, end = token.map
        if name in LOG_DIRECTIVES:
            # the body ends before the closing fence, or with the text when there is none
            closed = _is_closing(lines[end - 1] if end - 1 < len(lines) else "", token.markup)
            return offset + start, offset + (end - 1 if closed and end - 1 > start else end)
        if name in MARKDOWN_CONTAINERS or name == "eval-rst":
            body_offset = offset + start + 1
            if name == "eval-rst":
                inner = _find_rst_directive(token.content)
                if inner is not None:
                    return body_offset + inner, -1
                continue
            # an options block of the container is part of its body; it holds no fence
            found = _find_md_directive(token.content, body_offset, extensions)
            if found is not None:
                return found
    return None


#: MyST extensions that change where fences are (the others cannot)
_MYST_EXTENSIONS = frozenset({"colon_fence", "dollarmath", "amsmath", "fieldlist", "deflist"})


def _option_spots(lines: list[str], opening: int, closing: int) -> list[Spot]:
    """Spots in the options of a Markdown directive opened at line *opening*."""
    if closing == -1:  # an eval-rst block: the directive is reST
        return rst_option_spots(lines, opening)
    first = opening + 1
    last = closing
    body = [_body(lines[i])[0] for i in range(first, min(last, len(lines)))]
    spots: list[Spot] = []
    if body and body[0].strip().lstrip("> \t") == "---":  # a YAML block of options
        prefix = body[0][: len(body[0]) - len(body[0].lstrip(" \t>"))]
        for offset, line in enumerate(body[1:], start=1):
            if line.strip().lstrip("> \t") == "---":
                if not spots:
                    spots.append(Spot(first + offset, insert=f"{prefix}status: {{status}}"))
                return spots
            match = _YAML_KEY.match(line)
            if match and match["name"] == "status":
                spots.append(_value_spot(first + offset, line, match.end()))
        # an unclosed block: MyST reads options to the end of the directive
        return spots or [Spot(first + len(body), insert=f"{prefix}status: {{status}}")]
    prefix = ""
    for offset, line in enumerate(body):
        match = _MD_OPTION.match(line)
        if not match:
            break
        prefix = match["prefix"]
        if match["name"] == "status":
            spots.append(_value_spot(first + offset, line, match.end()))
    if not spots:
        if not prefix:
            opening_line = _body(lines[opening])[0]
            prefix = opening_line[: len(opening_line) - len(opening_line.lstrip(" \t>"))]
        spots.append(Spot(first, insert=f"{prefix}:status: {{status}}"))
    return spots


def _value_spot(index: int, line: str, start: int) -> Spot:
    """The value after the name that ends at *start*: replaced, or, when empty, filled
    (after one space when the name is the end of the line)."""
    match = _VALUE.match(line, start)
    assert match is not None  # the pattern matches any rest of a line
    lead = " " if start == len(line) and not line[start - 1 : start].isspace() else ""
    return Spot(index, match.start("value"), match.end("value"), lead=lead)


# -- reStructuredText ----------------------------------------------------------------------


def rst_directive_spots(text: str) -> list[Spot] | None:
    """Where the status of the first ``.. devlog::`` directive of a reST text is; ``None``
    without one (a directive in a literal block is none)."""
    index = _find_rst_directive(text)
    if index is None:
        return None
    return rst_option_spots(rst_lines(text), index)


def _find_rst_directive(text: str) -> int | None:
    """The 0-based line of the first log directive docutils finds in *text*."""
    from docutils.core import publish_doctree
    from docutils.parsers.rst import Directive, directives
    from sphinx.util.docutils import docutils_namespace

    found: list[int] = []

    class Stub(Directive):
        # no option spec: the options stay text, so a duplicated one is no error here
        has_content = True
        optional_arguments = 0

        def run(self) -> list[object]:
            found.append(self.lineno - 1)
            return []

    with docutils_namespace():
        for name in LOG_DIRECTIVES:
            directives.register_directive(name, Stub)
        publish_doctree(
            text,
            settings_overrides={
                "report_level": 5,
                "halt_level": 5,
                "warning_stream": io.StringIO(),
                "file_insertion_enabled": False,
                "raw_enabled": False,
            },
        )
    return min(found) if found else None


_RST_MARKER = re.compile(r"^(?P<indent>[ \t>]*)\.\.[ \t]+devlog(?::log)?[ \t]*::")
_RST_OPTION = re.compile(r"^(?P<indent>[ \t]*):(?P<name>[^:\s][^:]*?):(?:[ \t]+|$)")


def rst_option_spots(lines: list[str], index: int) -> list[Spot]:
    """Spots in the option field list of the reST directive whose marker is line *index*."""
    marker = _body(lines[index])[0]
    found = _RST_MARKER.match(marker)
    column = len(found["indent"]) if found else len(marker) - len(marker.lstrip())
    spots: list[Spot] = []
    option_indent = ""
    first_option = None
    i = index + 1
    while i < len(lines):
        line = _body(lines[i])[0]
        if not line.strip():
            break
        indent = len(line) - len(line.lstrip())
        if indent <= column:
            break
        match = _RST_OPTION.match(line)
        if match and (first_option is None or len(match["indent"]) == len(option_indent)):
            if first_option is None:
                first_option, option_indent = i, match["indent"]
            if match["name"] == "status":
                spots.append(_value_spot(i, line, match.end()))
        elif first_option is not None and indent <= len(option_indent):
            break  # not an option, and not the continuation of one: the options ended
        i += 1
    if not spots:
        where = first_option if first_option is not None else i
        lead = option_indent or " " * (column + 3)
        spots.append(Spot(where, insert=f"{lead}:status: {{status}}"))
    return spots


# -- plain logs ------------------------------------------------------------------------------


def plain_spot(text: str, source: str, words: SectionWords | None) -> Spot:
    """Where the status line of a plain log (read as the build reads it) holds its value."""
    from .plain.parse import read_text
    from .plain.reader import field_value_span, table_value_span

    plain = read_text(text, source, words)
    field = plain.fields.get("status")
    if field is None:
        raise EditError(f"{source} is not a log: it has no devlog directive and no status line")
    lines = rst_lines(text) if source.endswith((".rst", ".rest", ".txt")) else markdown_lines(text)
    line = _body(lines[field.line - 1])[0] if 1 <= field.line <= len(lines) else ""
    span: tuple[int, int] | None
    if field.form == "heading":  # the value alone on its line (under "## Status")
        span = (len(line) - len(line.lstrip()), len(line.rstrip()))
    elif field.form == "cell":
        span = table_value_span(line)
    else:
        span = field_value_span(line, field.name)
    if span is None or not line.strip():
        raise EditError(
            f"{source}:{field.line}: cannot find the status {field.value!r} to rewrite there; "
            "change it by hand"
        )
    return Spot(field.line - 1, span[0], span[1])


def rewrite_status(
    text: str,
    source: str,
    status: str,
    *,
    extensions: Iterable[str] = (),
    words: SectionWords | None = None,
) -> str:
    """*text* (a log's, without its BOM) with its status set to *status*."""
    rst = source.endswith((".rst", ".rest", ".txt"))  # as the plain reader reads them
    lines = rst_lines(text) if rst else markdown_lines(text)
    spots = rst_directive_spots(text) if rst else markdown_directive_spots(text, extensions)
    if spots is None:
        spots = [plain_spot(text, source, words)]
    return set_status(spots, lines, status)
