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
    lists and tables as it writes them (:func:`.stream.streams`).
    """
    from . import COLLECTIONS

    collection = COLLECTIONS[node["kind"]]
    flt: Filter = node["filter"]
    view = View(list(domain.logs.values()), domain.chains, flt, config, link, streamed)
    # no-search: every entry is found on its own log's page already
    wrapper = nodes.container(
        "",
        *collection.render(view),
        classes=["devlog-collection", f"devlog-{collection.name}", "no-search", *node["classes"]],
    )
    wrapper.source, wrapper.line = node.source, node.line
    node.replace_self(wrapper)
