"""Keep the garbage collector waiting while a collection page is written.

A collection page holds tens of thousands of nodes (60 000 for 1000 logs). Made and
written while the whole environment is in memory, its allocations start the
collector's full passes, and every pass walks the environment again: at 1000 logs
those passes cost more than building the page (measured: 1.9 s of a 2.1 s fill).

So the collector waits while such a page is filled and written (:func:`gc.disable`),
and resumes when the HTML of the page is rendered, when the next page is resolved,
or at the end of the build. Once the HTML of the page is made, its tree is taken
apart, so that reference counting frees it at once instead of leaving hundreds of
thousands of cyclic objects to the collector.

Setting the older objects aside instead (:func:`gc.freeze`) was tried and measured
worse: after :func:`gc.unfreeze` the collector's next full pass comes far too early,
its threshold having been set while most objects were frozen (+1.5 s at 1000 logs).
"""

from __future__ import annotations

import gc
from typing import Any

from docutils import nodes

#: whether the collector was running when :func:`set_aside` paused it
_paused: list[bool] = []
#: marks a page whose tree may be taken apart once its HTML is made
RELEASE = "devlog_release"


def set_aside() -> None:
    """Pause the collector (if it runs) until :func:`give_back`."""
    if not _paused:
        _paused.append(gc.isenabled())
        gc.disable()


def give_back(*_args: object) -> None:
    """Resume the collector paused by :func:`set_aside`."""
    if _paused:
        if _paused.pop():
            gc.enable()


def page_rendered(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (run late): the page's body is HTML now."""
    if isinstance(doctree, nodes.document) and doctree.get(RELEASE):
        dismantle(doctree)
    give_back()


def dismantle(doctree: nodes.document) -> None:
    """Break the parent/child cycles of *doctree*; its nodes are freed as it is dropped."""
    for node in list(doctree.findall()):
        if isinstance(node, nodes.Element):
            node.children = []
        node.parent = None
