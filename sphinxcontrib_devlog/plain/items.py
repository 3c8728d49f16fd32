"""Items: from the items of a list, the rows of a table, labelled lines (``**Next
Steps**: deploy it``) and paths on lines of their own; each recorded with its number and
done state, files once per path."""

from __future__ import annotations

import re

from docutils import nodes

from ..model import KIND_NAMES, collapse, is_blank, split_file_entry
from ..template import item_message, placeholder_item
from .labels import item_label, kind_prefix, pure_label
from .log import PlainItem, PlainSection
from .marks import DONE_CELLS, DONE_MARKS, state_of
from .normalize import normalize_words
from .paths import file_paths, is_path, without_lines
from .state import ReadState
from .text import (
    code_spans,
    first_paragraph,
    line_of,
    markup_lines,
    plain_text,
    row_line,
    strip_markdown,
)

#: the lists whose items are items
LISTS = (nodes.bullet_list, nodes.enumerated_list)


def new_section(state: ReadState, kind: str, title: str, line: int) -> PlainSection:
    """Record a section (heading, label or category) that names a kind."""
    entry = PlainSection(kind, title, line)
    state.log.sections.append(entry)
    return entry


def add_item(
    node: nodes.Element,
    para: nodes.Element | None,
    kind: str,
    state: ReadState,
    *,
    text_override: str | None = None,
    description: str = "",
    checked: bool | None = None,
    line: int = 0,
    literals: list[str] | None = None,
    words: str | None = None,
) -> None:
    """Read an item of *kind* from *node* (a list item, paragraph, section or table row)
    and *para*, its first paragraph: its done marker, its text (or *text_override*), for
    files its paths; an empty one is a note and keeps its number."""
    line = line or line_of(para if para is not None else node) or line_of(node)
    if text_override is not None:
        raw = text_override
    elif words is not None:  # the paragraph's words, read already
        raw = words
    else:
        raw = plain_text(para) if para is not None else ""
    found, text, marker = state_of(raw, para if text_override is None else None)
    if checked is None:
        checked = found
    elif found is not None:
        checked = checked or found
    text = collapse(text)
    if is_blank(text) and para is not None and node is not para and text_override is None:
        # nothing but a checkbox in the first paragraph: the item's text is its words
        rest = [c for c in node.children if c is not para and isinstance(c, nodes.Element)]
        text = collapse(" ".join(plain_text(child) for child in rest))
        if literals is None and kind == "file":
            literals = [lit for c in rest for lit in code_spans(c)]
    if is_blank(text):
        state.log.notes.append(
            ("structure", f"an empty {KIND_NAMES[kind].rstrip('s')} item is skipped", line)
        )
        number = state.numbers[kind] = state.numbers.get(kind, 0) + 1
        state.log.blanks.setdefault(kind, []).append(number)
        return
    if kind == "file":
        if literals is None:
            literals = code_spans(para) if para is not None and text_override is None else []
        paths = file_paths(literals, text)
        if not paths:
            return  # a remark in a files list, not a file
        for path, desc in paths:
            record(
                state,
                PlainItem(kind, text, None, line, path, desc or description, marker, node),
            )
        return
    record(state, PlainItem(kind, text, checked, line, "", "", marker, node))


def record(state: ReadState, item: PlainItem) -> None:
    """Count an item and give it its number; a file listed again is not recorded, and a
    template's placeholder (:mod:`sphinxcontrib_devlog.template`) is a note and keeps
    its number, as an empty item does."""
    state.found += 1  # (its section is read, even when it holds only a placeholder)
    if item.kind == "file":
        if item.path in state.seen_paths:
            return  # listed again (in a summary, say): one file
        state.seen_paths.add(item.path)
    number = state.numbers[item.kind] = state.numbers.get(item.kind, 0) + 1
    if placeholder_item(item.kind, item.text, item.path):
        state.log.notes.append(("structure", item_message(item.kind, item.text), item.line))
        state.log.blanks.setdefault(item.kind, []).append(number)
        return
    item.number = number
    state.log.items[item.kind].append(item)


def _has_list(item: nodes.Element) -> bool:
    return any(isinstance(c, LISTS) for c in item.children)


def list_items(
    lst: nodes.Element, kind: str | None, state: ReadState, owner: PlainSection | None
) -> None:
    """The items of a list in a section of *kind* (``None``: items only where a
    category or a ``Kind: text`` prefix names a kind)."""
    items = [c for c in lst.children if isinstance(c, nodes.list_item)]
    paras = [first_paragraph(item) for item in items]
    labels = [pure_label(p) if _has_list(i) else None for i, p in zip(items, paras, strict=True)]
    # a list of categories: every item with a nested list is a pure label; otherwise the
    # nested lists are the details of items (``1. **Deploy** (after review)`` + steps)
    categories = all(
        label is not None for item, label in zip(items, labels, strict=True) if _has_list(item)
    )
    for item, para, label in zip(items, paras, labels, strict=True):
        if id(item) in state.field_nodes:
            continue
        if label is not None and (categories or state.words.kind_of(label) is not None):
            named = state.words.kind_of(label)
            if named == "goal" and kind == "step":
                named = "step"
            if named == "":  # - **Examples:** with a nested list
                continue
            entry = owner
            start = state.found
            if named and named != kind:
                entry = new_section(state, named, label, line_of(item))
            for nested in item.children:
                if isinstance(nested, LISTS):
                    list_items(nested, named or kind, state, entry)
            if entry is not owner and entry is not None:
                entry.items = state.found - start
            continue
        if kind is None:
            prefixed = kind_prefix(para, state) if para is not None else None
            if prefixed is not None:  # - **Files changed:** a.py, b.py / - Lesson: ...
                named, title, rest = prefixed
                entry = new_section(state, named, title, line_of(item))
                start = state.found
                add_item(item, para, named, state, text_override=rest, literals=code_spans(para))
                entry.items = state.found - start
                continue
            for nested in item.children:  # a category may sit deeper
                if isinstance(nested, LISTS):
                    list_items(nested, None, state, None)
            continue
        words = plain_text(para) if para is not None else ""
        if _NOTHING_ITEM.match(words):
            if owner is not None:
                owner.says_none = True  # - None, - N/A
            continue
        add_item(item, para, kind, state, words=words)


_NOTHING_ITEM = re.compile(
    r"^(?:none|n/a|nothing|tbd|-+|—)(?:\s+(?:yet|so far|for now|identified|found|this "
    r"(?:time|session)))?[.!]?$",
    re.IGNORECASE,
)


#: the header of the column that holds the items, by kind
_ITEM_COLUMNS = {
    "file": ("file", "files", "path", "paths", "name"),
    "step": ("step", "next step", "task", "action", "item", "todo", "what", "description"),
    "lesson": ("lesson", "insight", "learning", "takeaway", "what", "description"),
    "goal": ("goal", "objective", "task", "item", "description"),
}
#: cells that give a row's priority or state, never its item
_TAG_CELL = re.compile(
    r"^(?:p[0-4]|high|medium|low|critical|minor|major|\d+|[✅❌⬜⚠️✔☑✓\ufe0f\s-]*|"
    r"done|open|todo|yes|no|pending|complete|completed|in progress|blocked)$",
    re.IGNORECASE,
)


def table_items(table: nodes.table, kind: str, state: ReadState) -> None:
    """One item a row: from the column whose header names the kind, else the first cell
    that is not a number, a priority or a state."""
    heads = [
        normalize_words(plain_text(e))
        for head in table.findall(nodes.thead)
        for row in head.findall(nodes.row)
        for e in row.children
    ]
    column = next((i for i, h in enumerate(heads) if h in _ITEM_COLUMNS.get(kind, ())), None)
    index = 0
    for body in table.findall(nodes.tbody):
        for row in body.children:
            if not isinstance(row, nodes.row):
                continue
            index += 1
            entries = [e for e in row.children if isinstance(e, nodes.entry)]
            cells = [plain_text(e) for e in entries]
            first = (
                column
                if column is not None and column < len(cells) and cells[column]
                else (next((i for i, c in enumerate(cells) if c and not _TAG_CELL.match(c)), None))
            )
            if first is None:
                continue
            done = any(
                c and (c[0] in DONE_MARKS or normalize_words(c) in DONE_CELLS) for c in cells
            )
            rest = " - ".join(c for i, c in enumerate(cells) if c and i != first)
            add_item(
                row,
                entries[first],
                kind,
                state,
                text_override=cells[first],
                description=rest,
                checked=True if done else None,
                line=row_line(table, index, state.lines),
            )


_LINE_LABEL = re.compile(
    r"^\s*(?:[-*+]\s+)?\*\*(?P<label>[^*]+?)(?::\*\*|\*\*\s*:)\s*(?P<rest>\S.*)$"
)


def line_items(para: nodes.paragraph, state: ReadState) -> bool:
    """Items written as labelled lines: ``**Next Steps**: deploy it``, ``**Lesson**: ...``;
    whether there was one."""
    found = False
    for line, text in markup_lines(para):
        match = _LINE_LABEL.match(text)
        if match is None:
            continue
        name = match["label"].strip()
        named = state.words.kind_of(name)
        if not named or not item_label(named, name):
            continue
        entry = new_section(state, named, name, line)
        start = state.found
        add_item(
            para,
            None,
            named,
            state,
            text_override=strip_markdown(match["rest"]),
            line=line,
            literals=code_spans(para),
        )
        entry.items = state.found - start
        found = True
    return found


def path_lines(para: nodes.paragraph, state: ReadState) -> None:
    """Paths written one a line in a paragraph of a files section."""
    for line, text in markup_lines(para):
        plain = _NUMBERED.sub("", strip_markdown(text))
        words = plain.split()
        first = words[0].strip("*:,;()") if words else ""
        if is_path(first):
            path, description = split_file_entry(plain, first)
            record(
                state,
                PlainItem(
                    "file",
                    plain,
                    None,
                    line,
                    without_lines(path),
                    description.strip("() "),
                    "",
                    para,
                ),
            )


_NUMBERED = re.compile(r"^\s*(?:\d{1,3}[.)]|[-*+•])\s+")
