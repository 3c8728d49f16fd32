"""What the reader found in a plain log: :class:`PlainLog`, with its header fields,
items and the sections that named a kind."""

from __future__ import annotations

from dataclasses import dataclass, field

from docutils import nodes


@dataclass
class PlainField:
    option: str
    value: str
    line: int  # 1-based
    #: the field's name as written, in normalised words
    name: str = ""
    #: how it is written: ``line`` (``Name: value``), ``heading`` (the value under a
    #: ``## Status`` heading) or ``cell`` (a row of a two-column table)
    form: str = "line"


@dataclass
class PlainItem:
    kind: str
    text: str
    checked: bool | None
    line: int
    path: str = ""
    description: str = ""
    #: how the state was written: "box" ([ ] / [x]), "mark" (✅, strike-through), ""
    marker: str = ""
    #: the node the item was read from (a list item, paragraph or table row)
    node: nodes.Element | None = field(default=None, repr=False, compare=False)
    #: its number among the items of its kind, from 1, counting empty items (which are no
    #: items but keep their numbers); given when the item is recorded
    number: int = 0


@dataclass
class PlainSection:
    """A section, label or category that names a kind."""

    kind: str
    title: str
    line: int
    items: int = 0
    #: it says there is nothing (``None``, ``N/A``)
    says_none: bool = False


@dataclass
class PlainLog:
    """What the reader found in one plain log."""

    title: str = ""
    title_line: int = 0
    #: the section of the title, and a HEADER section above it (moved under it on the page)
    title_section: nodes.section | None = field(default=None, repr=False, compare=False)
    header_section: nodes.section | None = field(default=None, repr=False, compare=False)
    #: 1-based line of a ``HEADER`` heading (0: none)
    header_line: int = 0
    fields: dict[str, PlainField] = field(default_factory=dict)
    items: dict[str, list[PlainItem]] = field(
        default_factory=lambda: {"goal": [], "lesson": [], "step": [], "file": []}
    )
    sections: list[PlainSection] = field(default_factory=list)
    #: kind -> the numbers of its empty items, which are no items (see PlainItem.number)
    blanks: dict[str, list[int]] = field(default_factory=dict)
    #: what could not be read: ``(subtype, message, line)``
    notes: list[tuple[str, str, int]] = field(default_factory=list)

    @property
    def looks_like_a_log(self) -> bool:
        return bool(self.header_line or "status" in self.fields or "date" in self.fields)

    def options(self) -> dict[str, str]:
        return {name: f.value for name, f in self.fields.items()}
