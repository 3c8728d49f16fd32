"""The collections: lists of what every log holds, each on the page that asks for it.

One module per collection, each defining a :class:`~.base.Collection` as
``COLLECTION``: what it selects (pure), the nodes that show it, its empty text, what
``sphinx-devlog list`` prints of it, and the example its docs page shows.
:data:`COLLECTIONS` is made from the modules of this package that define one, in the
order of their ``order``: a new collection is one module here, plus its test and its
docs page (``docs/collections/<name>.md``).

====================  =====================================================
``outstanding``       open next steps, oldest first (:mod:`.outstanding`)
``lessonlist``        lessons learned (:mod:`.lessonlist`)
``logtable``          the logs as a table (:mod:`.logtable`)
``timeline``          the logs month by month (:mod:`.timeline`)
``stats``             counts: statuses, steps, goals, time (:mod:`.stats`)
``filehistory``       modified files and who touched them (:mod:`.filehistory`)
``chart``             bar charts drawn as SVG (:mod:`.chart`, drawing: :mod:`.svg`)
``graph``             the sessions as a graph of their links (:mod:`.graph`)
====================  =====================================================

Shared parts: the filter options (:mod:`.filters`), what a collection read
(:mod:`.coverage`), links to logs (:mod:`.links`), entries made while HTML is written
(:mod:`.stream`), the directive and its placeholder (:mod:`.directive`), and filling
the placeholder (:mod:`.fill`). A collection may have options of its own
(``Collection.options``, e.g. the chart's ``:kind:``) and a ``setup_collection(app)``
(the graph's sets up ``sphinx.ext.graphviz``).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING

from .base import Collection

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def _collections() -> list[Collection]:
    found = []
    for info in pkgutil.iter_modules(__path__):
        module = importlib.import_module(f"{__name__}.{info.name}")
        collection = getattr(module, "COLLECTION", None)
        if isinstance(collection, Collection):
            found.append(collection)
    return sorted(found, key=lambda c: (c.order, c.name))


#: every collection, by name, in the order the docs list them (read-only)
COLLECTIONS: Mapping[str, Collection] = MappingProxyType({c.name: c for c in _collections()})


def setup_collections(app: Sphinx) -> None:
    from .directive import devlog_collection, directive_for
    from .stream import setup_stream

    app.add_node(devlog_collection)
    setup_stream(app)
    for name, collection in COLLECTIONS.items():
        app.add_directive_to_domain("devlog", name, directive_for(collection))
        # what a collection needs of Sphinx (the graph: sphinx.ext.graphviz)
        hook = getattr(
            importlib.import_module(type(collection).__module__), "setup_collection", None
        )
        if hook is not None:
            hook(app)
