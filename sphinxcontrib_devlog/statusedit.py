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

    from .directives.options import OptionBlock
    from .plain.sections import SectionWords

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
        "epigraph",
        "highlights",
        "pull-quote",
        "compound",
        "margin",
        "todo",
        "versionadded",
        "versionchanged",
        "versionremoved",
        "deprecated",
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
    newline = next((_body(line)[1] for line in lines if _body(line)[1]), "\n")
    for spot in sorted(spots, key=lambda s: s.index, reverse=True):
        if spot.insert:
            ending = newline
            if 0 < spot.index <= len(lines):
                before, ending = _body(lines[spot.index - 1])
                if not ending:  # the text's last line, without an ending: it gets one,
                    lines[spot.index - 1] = before + newline  # and the new line goes without
            lines.insert(spot.index, spot.insert.replace("{status}", status) + ending)
        else:
            line = lines[spot.index]
            lines[spot.index] = line[: spot.start] + spot.lead + status + line[spot.end :]
    return "".join(lines)


def markdown_directive_spots(text: str, extensions: Iterable[str] = ()) -> list[Spot] | None:
    """Where the status of the first ``{devlog}`` directive of a Markdown text is (every
    ``status`` option the build reads, or where one is inserted); ``None`` without one."""
    found = _find_md_directive(text, 0, set(extensions))
    if found is None:
        return None
    lines = markdown_lines(text)
    opening, body_end = found
    if body_end == -1:  # a reST directive in an eval-rst block
        return _directive_spots(lines, opening, _rst_block_end(lines, opening), rst=True)
    return _directive_spots(lines, opening, body_end, rst=False)


def _is_closing(line: str, markup: str) -> bool:
    fence = line.strip().lstrip(">").strip()
    return bool(markup) and len(fence) >= len(markup) and set(fence) == {markup[0]}


def _find_md_directive(text: str, offset: int, extensions: set[str]) -> tuple[int, int] | None:
    """The 0-based line of the first log directive's opening fence, and the line where its
    body ends (its closing fence, or the end of the text); ``-1`` for the second when the
    directive is reST (in an ``eval-rst`` block)."""
    from markdown_it.renderer import RendererHTML
    from myst_parser.config.main import MdParserConfig
    from myst_parser.parsers.mdit import create_md_parser

    lines = markdown_lines(text)
    config = MdParserConfig(enable_extensions=extensions & _MYST_EXTENSIONS)
    for token in create_md_parser(config, RendererHTML).parse(text):
        if token.type not in ("fence", "colon_fence") or not token.map:
            continue
        info = token.info.strip()
        if not (info.startswith("{") and "}" in info):
            continue
        name = info[1 : info.index("}")].strip().lower()  # as docutils looks names up
        start, end = token.map
        if name in LOG_DIRECTIVES:
            # the body ends before the closing fence, or with the text when there is none
            closed = _is_closing(lines[end - 1] if end - 1 < len(lines) else "", token.markup)
            return offset + start, offset + (end - 1 if closed and end - 1 > start else end)
        if name == "eval-rst":
            inner = _find_rst_directive(token.content)
            if inner is not None:
                return offset + start + 1 + inner, -1
        elif name in MARKDOWN_CONTAINERS:
            # an options block of the container is part of its body; it holds no fence
            found = _find_md_directive(token.content, offset + start + 1, extensions)
            if found is not None:
                return found
    return None


#: MyST extensions that change where fences are (the others cannot)
_MYST_EXTENSIONS = frozenset({"colon_fence", "dollarmath", "amsmath", "fieldlist", "deflist"})
#: what may stand before a directive on its lines: indentation, a blockquote's marks
_PREFIX = re.compile(r"^[ \t>]*")


def _directive_spots(lines: list[str], opening: int, body_end: int, *, rst: bool) -> list[Spot]:
    """The spots of the directive written on ``lines[opening:body_end]``, read by the
    build's own option reader, so that both agree on which line holds the status."""
    from .directives.options import read_options

    written = [_body(line)[0] for line in lines[opening:body_end]]
    prefix = _PREFIX.match(written[0])
    assert prefix is not None  # the pattern matches any line
    lead = prefix.group()
    if not rst:  # MyST's lines, as the parser gives them: without the fence's indentation
        written = [_unprefix(line, lead) for line in written]
    written[0] = written[0].lstrip(" \t>")
    content = _content(written[1:], rst)
    block = read_options("\n".join(written), content)
    found = [option for option in block.options.values() if option.name == "status"]
    found += [again for first, again in block.repeated if first.name == "status"]
    if found:
        return [_status_spot(lines, opening, option.offset, option.value, lead) for option in found]
    return [_insert_spot(lines, opening, block, written, lead, rst)]


def _unprefix(line: str, prefix: str) -> str:
    if line.startswith(prefix):
        return line[len(prefix) :]
    return "" if not line.strip(" \t>") else line.lstrip(" \t>")


def _content(body: list[str], rst: bool) -> list[str]:
    """A directive's content lines as the parser hands them over: leading blank lines
    dropped, and, in reST, the block's common indentation removed."""
    while body and not body[0].strip():
        body = body[1:]
    if rst:
        indents = [len(line) - len(line.lstrip()) for line in body if line.strip()]
        cut = min(indents, default=0)
        body = [line[cut:] for line in body]
    return body


_OPTION_NAME = re.compile(
    r"^(?P<lead>[ \t>]*):[^:]+:|^(?P<yaml>[ \t>]*(?:\"[^\"]*\"|'[^']*'|[^\s:#][^:]*?)[ \t]*:)"
)


def _status_spot(lines: list[str], opening: int, offset: int, value: str, lead: str) -> Spot:
    """Where the value *value* of the status option that starts on block line *offset* is
    written: on its own line, or, when the line holds only the name, on the next one."""
    index = opening + offset
    line = _body(lines[index])[0]
    name = _OPTION_NAME.match(line)
    start = name.end() if name else len(lead)
    rest = line[start:]
    if value and value in rest:
        at = start + rest.index(value)
        end = at + len(value)
        if at > 0 and end < len(line) and line[at - 1] == line[end] and line[end] in "'\"":
            at, end = at - 1, end + 1  # the quotes go with the old value
        return Spot(index, at, end)
    if not value:  # an empty value: filled in, after one space if the name ends the line
        return Spot(index, len(line), len(line), lead="" if rest else " ")
    # the value on the next line(s) (a reST field, a YAML value): one word, replaced there
    following = index + 1
    if following < len(lines) and _body(lines[following])[0].strip() == value:
        text = _body(lines[following])[0]
        at = len(text) - len(text.lstrip())
        return Spot(following, at, at + len(value))
    raise EditError(
        f"{index + 1}: the status {' '.join(value.split())!r} is written over several lines; "
        "set-status cannot rewrite it safely: change it by hand"
    )


def _insert_spot(
    lines: list[str], opening: int, block: OptionBlock, written: list[str], lead: str, rst: bool
) -> Spot:
    """Where a ``status`` option goes in a directive that has none: before its first option
    (written as the others are), or right after its first line."""
    options = sorted(block.options.values(), key=lambda o: o.offset)
    content = [line for line in written[1:] if line.strip()]
    if content and content[0].startswith("---") and not rst:  # a YAML block: after '---'
        where = next(i for i, line in enumerate(written) if i and line.startswith("---"))
        return Spot(opening + where + 1, insert=f"{lead}status: {{status}}")
    if options:
        first = options[0].offset
        text = _body(lines[opening + first])[0]
        indent = text[: len(text) - len(text.lstrip(" \t>"))]
        return Spot(opening + first, insert=f"{indent}:status: {{status}}")
    indent = lead + "   " if rst else lead
    return Spot(opening + 1, insert=f"{indent}:status: {{status}}")


# -- reStructuredText ----------------------------------------------------------------------


def rst_directive_spots(text: str) -> list[Spot] | None:
    """Where the status of the first ``.. devlog::`` directive of a reST text is; ``None``
    without one (a directive in a literal block is none)."""
    index = _find_rst_directive(text)
    if index is None:
        return None
    lines = rst_lines(text)
    return _directive_spots(lines, index, _rst_block_end(lines, index), rst=True)


def _rst_block_end(lines: list[str], index: int) -> int:
    """The end of the reST directive block whose marker is line *index*: the first line
    after it that is not blank and not indented past the marker."""
    marker = _body(lines[index])[0]
    column = len(marker) - len(marker.lstrip(" \t>"))
    end = index + 1
    last = index + 1
    while end < len(lines):
        text = _body(lines[end])[0]
        if text.strip():
            if len(text) - len(text.lstrip()) <= column:
                break
            last = end + 1
        end += 1
    return last


def _find_rst_directive(text: str) -> int | None:
    """The 0-based line of the first log directive docutils finds in *text*."""
    from docutils.core import publish_doctree
    from docutils.parsers.rst import Directive, directives
    from sphinx.util.docutils import docutils_namespace

    found: list[int] = []

    class Stub(Directive):
        # no option spec: the options stay text, as the log directive reads them itself
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
    try:
        spots = rst_directive_spots(text) if rst else markdown_directive_spots(text, extensions)
    except EditError as exc:
        raise EditError(f"{source}:{exc}") from exc
    if spots is None:
        spots = [plain_spot(text, source, words)]
    return set_status(spots, lines, status)
