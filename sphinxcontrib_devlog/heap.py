"""Keep the garbage collector waiting while a collection page is written.

A collection page holds tens of thousands of nodes (about 70 000 for 1000 logs). Made
and written while the whole environment is in memory, its allocations start the
collector's full passes, and every pass walks the environment again: at 1000 logs
those passes cost more than building the page (measured: 1.9 s of a 2.1 s fill).
And once written, the page's nodes — by then promoted to the oldest generation —
were freed only by a later full pass (1.5 s).

So the collector waits (:func:`gc.disable`) from the moment such a page is resolved
until the next page is resolved, or the build ends. By then the page is written and
dropped, and the first, young-generation pass frees it.

Once the page is written, the collection's own nodes are released (:func:`resume`): their
links to their parents are cut, so they are freed at once by reference counting and the
collector's first pass has nothing of theirs to walk (about 0.2 s per rebuild at 1000
logs). Only nodes the extension made for the collection are touched — every one is new,
made from text while the page was resolved, and kept by nothing else — never the page's
own nodes, which other extensions may keep (``sphinx.ext.todo`` keeps its todos). When
the builder writes in parallel, the main process resolves a batch of pages before the
worker processes write them, so nothing is released there: the collector frees them. A
worker forked while the collector waits writes its batch with the collector off, and
gives its memory back when it exits.

Two other ways were tried and measured worse or unsafe: setting the older objects
aside (:func:`gc.freeze`) made the next full pass after :func:`gc.unfreeze` come far
too early (+1.5 s at 1000 logs); taking the whole written page apart emptied nodes
that other extensions keep in the environment (``sphinx.ext.todo``'s todos).

A collector the user had turned off stays off. The collector is turned on again by
``build-finished`` (connected first), also when the build failed; only an interrupt
(KeyboardInterrupt) in the middle of such a page can leave it off.
"""

from __future__ import annotations

import gc
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx

#: whether the collector was running when :func:`pause` stopped it
_paused: list[bool] = []

#: the collections made for the page being written, released by :func:`resume`
_made: list[nodes.Element] = []

#: the page being written (its docname), while the collector waits or its collections
#: wait to be released
_page: list[str] = []


def pause() -> None:
    """Pause the collector (if it runs) until :func:`resume` is called for another page."""
    if not _paused:
        _paused.append(gc.isenabled())
        gc.disable()


def release_when_written(page: str, made: list[nodes.Element]) -> None:
    """Have :func:`resume` release ``made``, the collections made for ``page``."""
    _page[:] = [page]
    _made.extend(made)


def resume(app: Sphinx, page: str | None = None) -> None:
    """Release the collections of the page just written and resume the collector.

    Called when a page is resolved — the page before it is written by then, unless the
    builder writes in parallel — and when the build ends (``page`` is None). The same
    page resolved again changes nothing: it is still being written
    (``sphinx.ext.todo``'s ``todolist`` resolves each todo in a document of its own under
    the page's docname, before the page is written).
    """
    if page is not None and _page and page == _page[0]:
        return
    _page.clear()
    if _made:
        if not getattr(app.builder, "parallel_ok", False):
            for made in _made:
                release(made)
        _made.clear()
    if _paused and _paused.pop():
        gc.enable()


def build_finished(app: Sphinx, _exception: BaseException | None) -> None:
    """Release what is left and resume the collector, whether the build failed or not."""
    resume(app)


def release(made: nodes.Element) -> None:
    """Cut the links from ``made``'s descendants to their parents, and empty it.

    Nothing else refers to them, so reference counting frees them as ``made`` lets go.
    ``made`` itself stays in its page, empty.
    """
    for node in made.findall(include_self=False):
        node.parent = None
    made.children = []
