"""The text of a log's nodes as the reader reads it: the words of an inline span, the
lines of a paragraph with their markup, the source line a node (or a table row) is on."""

from __future__ import annotations

import re
from collections.abc import Sequence

from docutils import nodes

from ..model import collapse


def line_of(node: nodes.Node) -> int:
    """The source line of a node, or of the nearest ancestor that has one (0: none)."""
    current: nodes.Node | None = node
    while current is not None:
        line = getattr(current, "line", None)
        if line:
            return int(line)
        current = current.parent
    return 0


def raw_html(node: nodes.Node) -> str:
    """The HTML of a raw HTML node (``""`` for anything else)."""
    if isinstance(node, nodes.raw) and node.get("format") == "html" and node.children:
        return str(node.children[0])
    return ""


def _is_break(node: nodes.Node) -> bool:
    """A hard line break (two spaces or a backslash at the end of a line), which MyST
    renders as raw ``<br />`` and a newline; not an inline ``<br>`` in the text."""
    return raw_html(node).startswith("<br") and raw_html(node).endswith("\n")


def _is_checkbox(node: nodes.Node) -> bool:
    return "checkbox" in raw_html(node)


def markup_lines(para: nodes.Element) -> list[tuple[int, str]]:
    """The lines of a paragraph as Markdown-like text (``**bold**``, ``` `code` ```), with
    their source lines: how a header field line is read. An inline ``<br>`` starts a new
    line of text on the same source line."""
    start = line_of(para) or 0
    lines: list[tuple[int, list[str]]] = [(0, [])]

    def visit(node: nodes.Node) -> None:
        if isinstance(node, nodes.Text):
            parts = str(node).split("\n")
            lines[-1][1].append(parts[0])
            for part in parts[1:]:
                lines.append((lines[-1][0] + 1, [part]))
        elif _is_break(node):
            lines.append((lines[-1][0] + 1, []))
        elif raw_html(node).lower().startswith("<br"):
            lines.append((lines[-1][0], []))
        elif _is_checkbox(node):
            lines[-1][1].append("[x] " if "checked" in raw_html(node) else "[ ] ")
        elif isinstance(node, (nodes.raw, nodes.system_message, nodes.comment)):
            return
        elif isinstance(node, nodes.strong):
            lines[-1][1].append("**" + node.astext() + "**")
        elif isinstance(node, nodes.literal):
            lines[-1][1].append("`" + node.astext() + "`")
        elif isinstance(node, nodes.Element):
            for child in node.children:
                visit(child)

    for child in para.children:
        visit(child)
    return [(start + offset, "".join(parts)) for offset, parts in lines]


def plain_text(node: nodes.Element) -> str:
    """The words of an inline span: markup, the parser's messages and raw HTML dropped."""
    out: list[str] = []

    def visit(current: nodes.Node) -> None:
        if isinstance(current, nodes.Text):
            out.append(str(current))
        elif isinstance(current, (nodes.raw, nodes.system_message, nodes.comment)):
            return
        elif isinstance(current, nodes.Element):
            for child in current.children:
                visit(child)

    visit(node)
    return collapse("".join(out))


def strip_markdown(text: str) -> str:
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"`+([^`]*)`+", r"\1", text)
    return collapse(text)


def inline_children(para: nodes.Element) -> list[nodes.Node]:
    """A paragraph's children without the parser's messages and blank text at either end."""
    children = [c for c in para.children if not isinstance(c, nodes.system_message)]
    while children and isinstance(children[0], nodes.Text) and not children[0].strip():
        children.pop(0)
    while children and isinstance(children[-1], nodes.Text) and not children[-1].strip():
        children.pop()
    return children


def first_paragraph(item: nodes.Node) -> nodes.paragraph | None:
    if isinstance(item, nodes.Element):
        for child in item.children:
            if isinstance(child, nodes.paragraph):
                return child
    return None


def code_spans(para: nodes.Element) -> list[str]:
    """The texts of the code spans (``` `src/a.py` ```) in an element."""
    return [lit.astext().strip() for lit in para.findall(nodes.literal)]


def row_line(table: nodes.table, index: int, lines: Sequence[str]) -> int:
    """The source line of row *index* (0: the header row) of a pipe table: MyST gives
    every row the table's first line; one row is one line, the rule is the second."""
    start = line_of(table)
    line = start + index + (1 if index else 0)
    if lines and 1 <= line <= len(lines) and "|" in lines[line - 1]:
        return line
    return start
