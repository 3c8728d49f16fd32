"""The ``devlog`` directive's options, read from its own lines in MyST and reST alike.

Neither parser is asked to read them: MyST drops a whole option block over one stray
quote or a tab, and docutils drops the whole directive over an option given twice. Here
each ``:name: value`` line is read on its own, so one bad line costs nothing but a
``devlog.field`` warning at that line:

- MyST reads option values as YAML-ish strings: a quoted value (``"a: b"``) is
  unquoted as MyST unquotes it; any other value is read as written (a ``#`` is kept);
  a line MyST's own option reader rejects (an unclosed quote, a tab after the name) is
  read as written, and reported, since MyST would drop the block elsewhere.
- MyST's ``---`` YAML block is read as MyST reads it; if MyST cannot read it, its
  ``name: value`` lines are read as written, and the block is reported.
- reST values are read as docutils reads them: a field's lines joined.
- An option given twice keeps its first value, and the second is reported at its line
  (``sphinx-devlog set-status`` rewrites every ``:status:`` line).
- A list-valued option (:data:`~sphinxcontrib_devlog.model.LIST_OPTIONS`) written as a
  YAML list in MyST, ``[a, b]`` or ``- a`` lines, is read as its items, comma-separated.
- Option lines after a blank line are the summary, as MyST and docutils read them (a blank
  line ends the options in both): they are reported, since they were meant as options.

No Sphinx imports: :func:`read_options` works on the directive's lines. The other
directives (items, collections) keep docutils' option parsing, made lenient
(:class:`LenientOptions`) so that they can report unknown options themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from docutils.parsers.rst import directives

from ..model import LIST_OPTIONS, LOG_OPTIONS

if TYPE_CHECKING:
    from docutils.parsers.rst import Directive


class LenientOptions(dict[str, Any]):
    """An option spec that accepts unknown options, so the directive can warn about
    them itself (``devlog.field``) instead of docutils dropping the whole directive."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged


def option_line(directive: Directive, option: str) -> int:
    """The source line of ``:option:`` in *directive* (its first line if absent)."""
    if option:
        pattern = re.compile(rf"^\s*:{re.escape(option)}:")
        for offset, text in enumerate(directive.block_text.split("\n")):
            if pattern.match(text):
                return int(directive.lineno) + offset
    return int(directive.lineno)


#: ``:name: value`` (the value may be empty); MyST's and docutils' option line
_OPTION = re.compile(r"^(?P<indent>[ \t]*):(?P<name>[^:\s][^:]*?):(?:[ \t]+|$)(?P<value>.*)$")
#: ``name: value`` at the start of a line of MyST's ``---`` YAML block
_YAML_OPTION = re.compile(r"^(?P<name>[^\s:#][^:]*?):(?:[ \t]+|$)(?P<value>.*)$")
#: the directive's first line: ``.. devlog::`` or a MyST fence, then its argument
_FIRST_LINE = re.compile(
    r"^\s*(?:\.\.\s+\S+?::|(?P<fence>`{3,}|~{3,}|:{3,})\s*\{[^}\s]*\})(?P<argument>.*)$"
)


@dataclass(frozen=True)
class Option:
    name: str
    value: str
    #: 0-based line in the directive's block (its first line is 0)
    offset: int


@dataclass
class OptionBlock:
    """What a ``devlog`` directive's lines hold before its summary."""

    #: text on the directive's own line (the directive takes none: a warning)
    argument: str = ""
    #: each option's first occurrence, in the order written
    options: dict[str, Option] = field(default_factory=dict)
    #: how many of the content's lines the argument and the options take
    used: int = 0
    #: ``(message, block offset)``: lines that cannot be read as they should
    problems: list[tuple[str, int]] = field(default_factory=list)
    #: ``(first, again)``: an option given twice (or more: one pair each time)
    repeated: list[tuple[Option, Option]] = field(default_factory=list)


def read_options(block_text: str, content: Sequence[str]) -> OptionBlock:
    """Read the argument and options of a directive written in *block_text*.

    *content* is the directive's content as the parser gives it to a directive that
    declares neither arguments nor options: the argument (if any) and then every line
    of the directive's body, the option lines first.
    """
    block = OptionBlock()
    written = block_text.split("\n")  # the parsers join lines with "\n"; no other break counts
    match = _FIRST_LINE.match(written[0]) if written else None
    myst = bool(match and match["fence"])
    argument = match["argument"].strip() if match else ""
    lines = list(content)
    if argument and lines and lines[0].strip() == argument:
        block.argument, lines, block.used = argument, lines[1:], 1
    # where each line stands in the block: the parsers drop blank lines before the content
    at = _Offsets(written, lines)
    if myst and lines and lines[0].startswith("---"):
        used = _yaml_block(lines, at, block)
    else:
        used = _option_lines(lines, at, block, myst)
    _options_after_blank(lines, used, at, block)
    block.used += used
    return block


def _options_after_blank(lines: list[str], used: int, at: _Offsets, block: OptionBlock) -> None:
    """Report option lines that a blank line parts from the options: both parsers end the
    options at a blank line, so they are the summary's first lines, whatever was meant."""
    index = used
    while index < len(lines) and not lines[index].strip():
        index += 1
    if index == used:
        return  # no blank line: the options ended at a line that is no option
    names = []
    for line in lines[index:]:
        match = _OPTION.match(line)
        if match is None:
            break
        names.append(match["name"].strip())
    if any(name in LOG_OPTIONS for name in names):
        written = ", ".join(f":{name}:" for name in names)
        block.problems.append(
            (
                f"option lines after a blank line ({written}) are read as the summary, as "
                "MyST and docutils read them: remove the blank line to make them options",
                at[index],
            )
        )


class _Offsets:
    """The block offset of each of a directive's content lines, found as they are asked for.

    The content lines are the block's lines after the first, in order, dedented, perhaps
    without some blank lines (the parsers drop those before the content).
    """

    def __init__(self, written: list[str], lines: list[str]) -> None:
        self.written, self.lines = written, lines
        self.found: list[int] = []

    def __getitem__(self, index: int) -> int:
        while len(self.found) <= index:
            start = self.found[-1] + 1 if self.found else 1
            text = self.lines[len(self.found)].strip()
            self.found.append(
                next(
                    (k for k in range(start, len(self.written)) if self.written[k].strip() == text),
                    start,
                )
            )
        return self.found[index]


def _add(block: OptionBlock, name: str, value: str, offset: int) -> None:
    option = Option(name, value, offset)
    first = block.options.setdefault(name, option)
    if first is not option:
        block.repeated.append((first, option))


def _option_lines(lines: list[str], at: _Offsets, block: OptionBlock, myst: bool) -> int:
    """Read ``:name: value`` lines from the top of *lines*; return how many were read."""
    index = 0
    current: tuple[str, list[str], int, str] | None = None  # name, values, offset, indent

    def close() -> None:
        if current is not None:
            name, values, offset, _indent = current
            _add(block, name, "\n".join(values).strip(), offset)

    while index < len(lines):
        line = lines[index]
        offset = at[index]
        match = _OPTION.match(line)
        if match is None:
            if (
                not myst
                and current is not None
                and line.strip()
                and len(line) - len(line.lstrip()) > len(current[3])
            ):
                current[1].append(line.strip())  # a reST field's next line
                index += 1
                continue
            stripped = line.lstrip()
            if stripped.startswith(":") and not stripped.startswith(":::"):
                block.problems.append(
                    (
                        f"cannot read the option line {line.strip()!r} (write :name: value): "
                        "it is shown with the summary",
                        offset,
                    )
                )
            break
        close()
        value = match["value"].strip()
        if myst:
            value = _myst_value(line, match, offset, block)
        current = (match["name"].strip(), [value], offset, match["indent"])
        index += 1
    close()
    return index


#: an option name MyST's option reader takes as it is written
_PLAIN_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*\Z")
#: what makes MyST's option reader read a value otherwise than as the words written: a
#: quote, a block scalar or a comment, and characters that end its words (tabs, breaks)
_NOT_PLAIN = frozenset("#\t\r\n\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029")


def _plain_value(line: str, match: re.Match[str]) -> str | None:
    """The value of an option line that MyST's option reader would read as written (the
    words between the spaces), without running it; ``None`` when it might not."""
    if not _PLAIN_NAME.match(match["name"]):
        return None
    rest = line[match.end("name") + 1 :]
    value = rest.strip(" ")
    if value[:1] in ("'", '"', "|", ">") or not _NOT_PLAIN.isdisjoint(rest):
        return None
    return value if value == match["value"].strip() else None


def _myst_value(line: str, match: re.Match[str], offset: int, block: OptionBlock) -> str:
    """The value of a MyST option line, as MyST reads it where it can.

    Nearly every value is words MyST takes as written: those are read without its
    option reader (about 0.15 ms a line); the tests check the two agree.
    """
    value = _plain_value(line, match)
    if value is not None:
        return _list_value(match, value, offset, block)
    return _myst_value_read(line, match, offset, block)


def _list_value(match: re.Match[str], written: str, offset: int, block: OptionBlock) -> str:
    if match["name"].strip() in LIST_OPTIONS:
        items = _yaml_list(written)
        if items is not None:
            return _joined(items, match["name"].strip(), offset, block)
    return written


def _myst_value_read(line: str, match: re.Match[str], offset: int, block: OptionBlock) -> str:
    """:func:`_myst_value` through MyST's own option reader."""
    written = match["value"].strip()
    try:
        from myst_parser.parsers.options import TokenizeError, options_to_tokens
    except ImportError:  # pragma: no cover - a MyST document without MyST
        return written
    text = f"{match['name']}:{line[match.end('name') + 1 :]}"
    try:
        tokens, _state = options_to_tokens(text)
    except TokenizeError as error:
        block.problems.append(
            (
                f"MyST cannot read the option line {line.strip()!r} ({_why(line, written, error)}),"
                " and would drop every option of the directive: it is read as written",
                offset,
            )
        )
        return written
    if len(tokens) == 1 and tokens[0][1] is not None and tokens[0][1].style in ("'", '"'):
        return str(tokens[0][1].value)  # a quoted value: MyST unquotes it
    return _list_value(match, written, offset, block)


def _why(line: str, written: str, error: Exception) -> str:
    """Why MyST cannot read an option line, in the writer's terms."""
    if re.match(r"^\s*:[^:]+:\t", line):
        return "a tab after the option name; write a space"
    if written and written[0] in "'\"":
        if written.count(written[0]) < 2 or not written.endswith(written[0]):
            if "end of stream" in str(error):
                return f"an unclosed quote {written[0]}"
            return f"text after the closing quote {written[0]}"
    return str(getattr(error, "problem", error))


def _yaml_block(lines: list[str], at: _Offsets, block: OptionBlock) -> int:
    """Read MyST's ``---`` option block from the top of *lines*; return how many lines
    it takes."""
    end = next((i for i in range(1, len(lines)) if lines[i].startswith("---")), len(lines))
    body = lines[1:end]
    used = min(end + 1, len(lines))
    try:
        from myst_parser.parsers.options import TokenizeError, options_to_tokens
    except ImportError:  # pragma: no cover - a MyST document without MyST
        _yaml_lines(body, at, block)
        return used
    try:
        tokens, _state = options_to_tokens("\n".join(body))
    except TokenizeError as error:
        mark = error.context_mark or error.problem_mark
        block.problems.append(
            (
                f"MyST cannot read the options block ({error.problem}), and would drop "
                "every option of the directive: its name: value lines are read as written",
                at[min(1 + mark.line, len(lines) - 1)],
            )
        )
        _yaml_lines(body, at, block)
        return used
    text = "\n".join(body)
    for key, value in tokens:
        offset = at[min(1 + key.start.line, len(lines) - 1)]
        read = value.value if value is not None else ""
        if key.value in LIST_OPTIONS and value is not None and value.style is None:
            items = _yaml_list(text[value.start.index : value.end.index])
            if items is not None:
                read = _joined(items, key.value, offset, block)
        _add(block, key.value, read, offset)
    return used


def _yaml_lines(body: list[str], at: _Offsets, block: OptionBlock) -> None:
    """The ``name: value`` lines of a ``---`` block, read as written (the ``- item``
    lines under a list-valued option as its items)."""
    index = 0
    while index < len(body):
        match = _YAML_OPTION.match(body[index])
        start, index = index, index + 1
        if not match:
            continue
        name, value = match["name"].strip(), match["value"].strip()
        if name in LIST_OPTIONS:
            while index < len(body) and body[index].lstrip().startswith("-"):
                index += 1  # its ``- item`` lines
            items = _yaml_list("\n".join([value, *body[start + 1 : index]]).strip())
            if items is not None:
                value = _joined(items, name, at[1 + start], block)
        _add(block, name, value, at[1 + start])


#: a YAML flow list's item: quoted (``'it''s'``, ``"a, b"``) or plain, up to a comma
_FLOW_ITEM = re.compile(r"""\s*('(?:[^']|'')*'|"(?:[^"\\]|\\.)*"|[^,]*?)\s*(?:,|$)""")


def _yaml_list(written: str) -> list[str] | None:
    """The items of a YAML list as written, ``[a, b]`` or ``- a`` lines; ``None`` for
    anything else. The items are read as MyST reads a value: quoted ones unquoted."""
    text = written.strip()
    if text.startswith("[") and text.endswith("]"):
        inner = " ".join(text[1:-1].split())
        items = [m[1] for m in _FLOW_ITEM.finditer(inner)]
    elif text.startswith("-") and (len(text) == 1 or text[1] in " \t\n"):
        items = []
        for line in text.splitlines():
            stripped = line.strip()
            if stripped == "-" or stripped.startswith(("- ", "-\t")):
                items.append(stripped[1:].strip())
            elif items:
                items[-1] = f"{items[-1]} {stripped}".strip()  # an item's next line
    else:
        return None
    return [_unquoted(item) for item in items if item.strip()]


def _unquoted(item: str) -> str:
    if len(item) >= 2 and item[0] == item[-1] == "'":
        return item[1:-1].replace("''", "'")
    if len(item) >= 2 and item[0] == item[-1] == '"':
        return re.sub(r"\\(.)", r"\1", item[1:-1])
    return item


def _joined(items: list[str], name: str, offset: int, block: OptionBlock) -> str:
    """A list option's items as its comma-separated value; an item holding a comma is
    reported, since it is read as several."""
    for item in items:
        if "," in item:
            block.problems.append(
                (
                    f"{name}: the item {item!r} holds a comma, which separates {name}: it is "
                    "read as several; write them as separate items",
                    offset,
                )
            )
    return ", ".join(items)
