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

Two other ways were tried and measured worse or unsafe: setting the older objects
aside (:func:`gc.freeze`) made the next full pass after :func:`gc.unfreeze` come far
too early (+1.5 s at 1000 logs); taking the written page's tree apart emptied nodes
that other extensions keep in the environment (``sphinx.ext.todo``'s todos).

A collector the user had turned off stays off. The collector is turned on again by
``build-finished`` (connected first), also when the build failed; only an interrupt
(KeyboardInterrupt) in the middle of such a page can leave it off.
"""

from __future__ import annotations

import gc

#: whether the collector was running when :func:`pause` stopped it
_paused: list[bool] = []


def pause() -> None:
    """Pause the collector (if it runs) until :func:`resume`."""
    if not _paused:
        _paused.append(gc.isenabled())
        gc.disable()


def resume(*_args: object) -> None:
    """Resume the collector paused by :func:`pause`."""
    if _paused and _paused.pop():
        gc.enable()
