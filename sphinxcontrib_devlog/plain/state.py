"""What the reader keeps while it walks a log's tree (:class:`ReadState`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .log import PlainLog
from .sections import SectionWords


@dataclass
class ReadState:
    """The log being filled, the words and source lines it is read with, and counts."""

    log: PlainLog
    words: SectionWords
    lines: Sequence[str]
    #: the paths of the file items so far
    seen_paths: set[str] = field(default_factory=set)
    #: paragraphs and lists read as header fields: not items
    field_nodes: set[int] = field(default_factory=set)
    #: items found so far
    found: int = 0
    #: kind -> the number of its last item or empty item
    numbers: dict[str, int] = field(default_factory=dict)
    #: section -> its title's words
    titles: dict[int, str] = field(default_factory=dict)
