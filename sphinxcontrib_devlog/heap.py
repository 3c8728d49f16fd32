"""Keep the garbage collector off the environment while a collection page is written.

A collection page holds tens of thousands of nodes (60 000 for 1000 logs). Made and
written while the whole environment is in memory, its allocations start the
collector's full passes, and every pass walks the environment again: at 1000 logs
those passes cost more than building the page (measured: 1.9 s of a 2.1 s fill).

So while such a page is filled and written, the objects that existed before it are
set aside (:func:`gc.freeze`); the page's own objects are still collected. They are
given back (:func:`gc.unfreeze`) when the HTML page is rendered, when the next page
is resolved, or at the end of the build. Once the HTML of the page is made, its tree
is taken apart, so that reference counting frees it at once instead of leaving
hundreds of thousands of cyclic objects to the next full pass.
"""

from __future__ import annotations

import gc
from typing import Any

from docutils import nodes

_frozen: list[bool] = []
#: marks a page whose tree may be taken apart once its HTML is made
RELEASE = "devlog_release"


def set_aside() -> None:
    """Exempt every object alive now from the collector's passes."""
    if not _frozen:
        gc.freeze()
        _frozen.append(True)


def give_back(*_args: object) -> None:
    """Return the objects set aside by :func:`set_aside` to the collector."""
    if _frozen:
        gc.unfreeze()
        _frozen.clear()


def page_rendered(
    app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``html-page-context`` (run late): the page's body is HTML now."""
    give_back()
    if isinstance(doctree, nodes.document) and doctree.get(RELEASE):
        dismantle(doctree)


def dismantle(doctree: nodes.document) -> None:
    """Break the parent/child cycles of *doctree*; its nodes are freed as it is dropped."""
    for node in list(doctree.findall()):
        if isinstance(node, nodes.Element):
            node.children = []
        node.parent = None
