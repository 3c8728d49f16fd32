"""Item containers: ``devlog:goals``, ``devlog:lessons``, ``devlog:next-steps``, ``devlog:files``.

Each list item becomes a :class:`~sphinxcontrib_devlog.nodes.devlog_item` carrying
its text and checkbox state; numbering and anchors are given once the whole
document is read (:meth:`DevlogDomain.process_doc`), when it is known whether
the document is a log.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..model import collapse, split_checkbox, split_file_entry
from ..nodes import checkbox, devlog_item, devlog_items
from ..util import warn
from .log import LenientOptions, option_line

#: directive name -> item kind
CONTAINERS = {"goals": "goal", "lessons": "lesson", "next-steps": "step", "files": "file"}
#: kinds whose items are a checklist
CHECKLIST_KINDS = ("goal", "step")


def _first_paragraph(item: nodes.Element) -> nodes.paragraph | None:
    for child in item.children:
        if isinstance(child, nodes.paragraph):
            return child
    return None


def take_checkbox(para: nodes.paragraph) -> bool | None:
    """Remove a checkbox from the start of *para* and return its state.

    Handles MyST's ``tasklist`` extension (a raw HTML ``<input>``) and a literal
    ``[ ]`` / ``[x]`` (reST, or MyST without the extension).
    """
    if not para.children:
        return None
    first = para.children[0]
    if isinstance(first, nodes.raw) and "checkbox" in first.astext():
        para.remove(first)
        return 'checked="checked"' in first.astext() or " checked" in first.astext()
    if isinstance(first, nodes.Text):
        checked, rest = split_checkbox(str(first))
        if checked is not None:
            if rest:
                para.replace(first, nodes.Text(rest))
            else:
                para.remove(first)
            return checked
    return None


def convert_list(lst: nodes.Element, kind: str) -> int:
    """Turn the items of *lst* into ``devlog_item`` nodes; return how many."""
    count = 0
    for old in list(lst.children):
        if not isinstance(old, nodes.list_item):
            continue
        item = devlog_item()
        item.update_all_atts(old)
        item.source, item.line = old.source, old.line
        item.extend(list(old.children))
        old.replace_self(item)
        para = _first_paragraph(item)
        checked = take_checkbox(para) if para is not None else None
        text_source = para if para is not None else item
        text = collapse(text_source.astext())
        if checked is not None and para is not None:
            para.insert(0, checkbox(checked))
            item["classes"].append("devlog-task")
        item["devlog_kind"] = kind
        item["devlog_checked"] = checked
        item["devlog_text"] = text
        if kind == "file":
            literal = next(iter(text_source.findall(nodes.literal)), None)
            path, description = split_file_entry(text, literal.astext() if literal else None)
            item["devlog_path"], item["devlog_description"] = path, description
        item["classes"] += ["devlog-item", f"devlog-{kind}"]
        count += 1
    if count:
        lst["classes"] += ["devlog-list"] + (
            ["devlog-checklist", "contains-task-list"] if kind in CHECKLIST_KINDS else []
        )
    return count


class ItemsDirective(SphinxDirective):
    """A list whose items become goals, lessons, next steps or files of the log."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = LenientOptions({"class": directives.class_option})
    kind: ClassVar[str] = ""

    def run(self) -> list[nodes.Node]:
        name = self.name
        location = (self.env.current_document.docname, self.lineno)
        container = devlog_items(kind=self.kind, classes=["devlog-items", f"devlog-{self.kind}s"])
        container["classes"] += self.options.get("class", [])
        self.set_source_info(container)
        for option in sorted(set(self.options) - {"class"}):
            warn(
                "field",
                f"unknown option {option!r} of {name} (it takes only :class:)",
                (location[0], option_line(self, option)),
            )
        if self.arguments:
            warn(
                "structure",
                f"{name} takes no argument; {self.arguments[0]!r} is shown as a paragraph",
                location,
            )
            container += nodes.paragraph(self.arguments[0], self.arguments[0])
        if not self.content:
            warn("structure", f"{name} is empty: it needs a list of items", location)
            return [container] if self.arguments else []
        container.extend(self.parse_content_to_nodes(allow_section_headings=False))
        lists = [
            child
            for child in container.children
            if isinstance(child, (nodes.bullet_list, nodes.enumerated_list))
        ]
        total = sum(convert_list(lst, self.kind) for lst in lists)
        if not total:
            warn(
                "structure",
                f"{name} holds no list: write its items as a bullet, numbered or task list"
                " (the content is shown as written)",
                location,
            )
            container["devlog_nolist"] = True
        return [container]


def make_items_directive(directive: str, kind: str) -> type[ItemsDirective]:
    return type(f"{kind.title()}ItemsDirective", (ItemsDirective,), {"kind": kind})
