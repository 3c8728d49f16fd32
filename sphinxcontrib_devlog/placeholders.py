"""Filling what a page holds until every log is read, when the page is resolved.

Two things wait: the collections (:mod:`sphinxcontrib_devlog.collections`) and each
log's "Followed by" field (:mod:`sphinxcontrib_devlog.header`). Both derive from the
logs of every document, which are known only once all are read; the views they show
(next-step chains, followers) are derived once, on ``env-updated``
(:meth:`~sphinxcontrib_devlog.domain.DevlogDomain.derive`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .collections.directive import devlog_collection
from .collections.fill import fill
from .collections.links import Linker
from .collections.stream import streams
from .config import devlog_config
from .domain import devlog_domain
from .header import fill_followed_by
from .nodes import devlog_backlinks, devlog_placeholder

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx


def fill_placeholders(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: fill the collections and "Followed by" fields of a page."""
    placeholders = list(doctree.findall(devlog_placeholder))  # one walk, by class
    if not placeholders:
        return  # most pages hold neither
    domain = devlog_domain(app.env)
    link = Linker(app.builder, docname)
    config = devlog_config(app.env)
    streamed = streams(app)
    for placeholder in placeholders:
        if isinstance(placeholder, devlog_backlinks):
            fill_followed_by(domain, link, placeholder, docname)
        elif isinstance(placeholder, devlog_collection):
            fill(domain, config, link, placeholder, streamed=streamed)


def setup_placeholders(app: Sphinx) -> None:
    app.connect("doctree-resolved", fill_placeholders)
