"""The extension's docutils nodes.

Each subclasses a standard node, so every builder renders it through the
standard visitor (Sphinx dispatches along the class hierarchy); only HTML
(checkboxes) and LaTeX (item anchors) get visitors of their own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class devlog_header(nodes.container):  # noqa: N801 - docutils naming
    """The rendered header of a log; carries the log's checked fields."""


class devlog_items(nodes.container):  # noqa: N801
    """An item container (goals, lessons, next steps, files); ``kind`` attribute."""


class devlog_item(nodes.list_item):  # noqa: N801
    """One item of a container, with its own anchor."""


class devlog_placeholder:  # noqa: N801
    """What a page holds until it is written: filled from every log read.

    A common base, so that finding a page's placeholders is one walk, by class (docutils'
    fast path), on every page written. It has no visitor of its own: writers dispatch
    past it to the node class that follows it.
    """


class devlog_backlinks(devlog_placeholder, nodes.inline):  # noqa: N801
    """Placeholder for the logs that follow this one, filled once all are read."""


class devlog_checkbox(nodes.inline):  # noqa: N801
    """A checklist box; its text (``[x] `` / ``[ ] ``) is what non-HTML output shows."""


def checkbox(checked: bool) -> devlog_checkbox:
    text = "[x] " if checked else "[ ] "
    return devlog_checkbox(text, text, checked=checked, classes=["devlog-checkbox"])


def words(node: nodes.Element) -> str:
    """The text of *node*, leaving out the parser's messages placed inside it."""
    if not any(node.findall(nodes.system_message)):
        return node.astext()
    copy = node.deepcopy()
    for message in list(copy.findall(nodes.system_message)):
        message.parent.remove(message)
    return copy.astext()


def _html_visit_checkbox(self: Any, node: devlog_checkbox) -> None:
    checked = ' checked="checked"' if node.get("checked") else ""
    self.body.append(
        '<input class="task-list-item-checkbox devlog-checkbox" type="checkbox" '
        f'disabled="disabled"{checked} aria-label="{"done" if checked else "not done"}"> '
    )
    raise nodes.SkipNode


def _latex_visit_item(self: Any, node: devlog_item) -> None:
    self.body.append(r"\item {}" + self.hypertarget_to(node, anchor=True) + " ")


def _latex_depart_item(self: Any, node: devlog_item) -> None:
    self.body.append("\n")


def _noop(self: Any, node: nodes.Node) -> None:
    pass


def setup_nodes(app: Sphinx) -> None:
    app.add_node(devlog_header)
    app.add_node(devlog_items)
    app.add_node(
        devlog_item,
        latex=(_latex_visit_item, _latex_depart_item),
    )
    app.add_node(devlog_checkbox, html=(_html_visit_checkbox, _noop))
    app.add_node(devlog_backlinks)
