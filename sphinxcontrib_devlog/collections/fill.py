"""Filling a page's collections once every log is read."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

from .base import View
from .filters import Filter

if TYPE_CHECKING:
    from ..config import DevlogConfig
    from ..domain import DevlogDomain
    from .directive import devlog_collection
    from .links import Linker


def fill(
    domain: DevlogDomain,
    config: DevlogConfig,
    link: Linker,
    node: devlog_collection,
    *,
    streamed: bool,
) -> None:
    """Replace the placeholder *node* with its collection, in a wrapper that says which.

    ``streamed``: the page is written by an HTML translator that makes the entries of
    lists and tables as it writes them (:func:`.stream.streams`). Whether the builder
    writes HTML (:attr:`.View.html`) is its format's.
    """
    from . import COLLECTIONS

    collection = COLLECTIONS[node["kind"]]
    flt: Filter = node["filter"]
    document = node.document
    # an id unique on the page, for what the collection names inside itself (a chart's
    # title and description)
    if document is not None:
        ident = document.set_id(node, suggested_prefix=f"devlog-{collection.name}")
        node["ids"].remove(ident)  # taken, but not shown: the wrapper would get it
    else:
        ident = f"devlog-{collection.name}-{node.line or 0}"
    view = View(
        list(domain.logs.values()),
        domain.chains,
        flt,
        config,
        link,
        streamed,
        html=link.builder.format == "html",
        options=node.get("options", {}),
        ident=ident,
    )
    # no-search: every entry is found on its own log's page already
    wrapper = nodes.container(
        "",
        *collection.render(view),
        classes=["devlog-collection", f"devlog-{collection.name}", "no-search", *node["classes"]],
    )
    wrapper.source, wrapper.line = node.source, node.line
    node.replace_self(wrapper)
