"""Reading a plain log from its document tree: what a person reads in it.

The one reader of plain logs. The build hands it the tree MyST (or docutils) just made;
the command line parses the file with MyST first (:mod:`.parse`). It imports docutils but
not Sphinx, and never raises, whatever the tree.

What it reads:

* **the title**: the first level-1 heading that is not ``HEADER``; without one, none (the
  caller takes the filename's description), never a section heading;
* **header fields** (``**Status**: x``, ``Status: x``, ``- **Date:** x``, a two-column
  table, front matter) from a ``HEADER`` section, from the title's section before its
  first subsection, and above the title;
* **items**: sections nest — a section's kind (:class:`~.sections.SectionWords`) applies to
  its subsections until one names another kind. In such a section, every top-level list
  item is an item; a *category* item (``- **Core modules:**`` with a nested list) gives its
  nested items instead; a bold label (``**Files Changed**:``) names the kind of the list
  after it; a bold label with text after it (``**Next Steps**: deploy``) is one item; a
  table gives one item a row. Code, HTML and comments never give items.
* **done markers**: ``[x]``, ✅ ✔ ☑ ✓ before or after the text, strike-through, ``DONE:``.

What it cannot read it says (:attr:`PlainLog.notes`): a section that names a kind and
yields no item, an empty item.

Where each part is read:

* :mod:`.titles`: the title and the ``HEADER`` section;
* :mod:`.fields`: header fields (their names: :mod:`.fieldnames`);
* :mod:`.walk`: which kind applies to which section, label and block (the kinds a
  heading names: :mod:`.sections`);
* :mod:`.items`: items from lists, tables and labelled lines (with :mod:`.labels`,
  :mod:`.marks` for done markers, :mod:`.paths` for file paths);
* :mod:`.text`: the words and source lines of nodes.

What it found is a :class:`~.log.PlainLog`. Which status a status line means is for
:mod:`.status` to say, when the build (:mod:`.transform`) asks; the reader does not.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes

from ..model import KIND_NAMES
from .fields import field_value_span, read_fields, table_value_span
from .log import PlainItem, PlainLog
from .sections import SectionWords
from .state import ReadState
from .titles import find_title
from .walk import read_blocks

#: what other modules import from here: the build (transform) and ``sphinx-devlog
#: set-status`` (statusedit)
__all__ = [
    "REPORTED_KINDS",
    "PlainItem",
    "PlainLog",
    "field_value_span",
    "read_document",
    "table_value_span",
]

#: the kinds whose empty sections are reported (goals are often prose)
REPORTED_KINDS = ("lesson", "step", "file")


def read_document(
    document: nodes.document,
    lines: Sequence[str] = (),
    words: SectionWords | None = None,
) -> PlainLog:
    """Read a plain log from its document tree (and its source *lines*, for heading
    levels). Never raises."""
    state = ReadState(PlainLog(), words or SectionWords.make(), lines)
    try:
        _read(document, state)
    except Exception as exc:
        state.log.notes.append(("structure", f"the log could not be read in full: {exc!r}", 1))
    return state.log


def _read(document: nodes.document, state: ReadState) -> None:
    log = state.log
    find_title(document, state)
    read_fields(document, state)
    read_blocks(document.children, None, state, None)
    for section in log.sections:
        if section.items or section.says_none or section.kind not in REPORTED_KINDS:
            continue
        log.notes.append(
            (
                "structure",
                f"no {KIND_NAMES[section.kind]} read from {section.title!r}: write them as a "
                "list (bulleted, numbered or a checklist) or say 'None'",
                section.line,
            )
        )
