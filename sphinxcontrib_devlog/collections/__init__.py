"""The collections: lists of what every log holds, each on the page that asks for it.

One module per collection, each defining a :class:`~.base.Collection` as
``COLLECTION``: what it selects (pure), the nodes that show it, its empty text and
what ``sphinx-devlog list`` prints of it. :data:`COLLECTIONS` below is the only list of
them: a new collection is one module here, named in it, plus its test and docs page.

====================  =====================================================
``outstanding``       open next steps, oldest first (:mod:`.outstanding`)
``lessonlist``        lessons learned (:mod:`.lessonlist`)
``logtable``          the logs as a table (:mod:`.logtable`)
``timeline``          the logs month by month (:mod:`.timeline`)
``stats``             counts: statuses, steps, goals, time (:mod:`.stats`)
``filehistory``       modified files and who touched them (:mod:`.filehistory`)
====================  =====================================================

Shared parts: the filter options (:mod:`.filters`), what a collection read
(:mod:`.coverage`), links to logs (:mod:`.links`), entries made while HTML is written
(:mod:`.stream`), the directive and its placeholder (:mod:`.directive`), and filling
the placeholder (:mod:`.fill`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from . import filehistory, lessonlist, logtable, outstanding, stats, timeline
from .base import Collection

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: every collection, by name, in the order the docs list them
COLLECTIONS: dict[str, Collection] = {
    module.COLLECTION.name: module.COLLECTION
    for module in (outstanding, lessonlist, logtable, timeline, stats, filehistory)
}


def setup_collections(app: Sphinx) -> None:
    from .directive import devlog_collection, directive_for
    from .stream import setup_stream

    app.add_node(devlog_collection)
    setup_stream(app)
    for name, collection in COLLECTIONS.items():
        app.add_directive_to_domain("devlog", name, directive_for(collection))
