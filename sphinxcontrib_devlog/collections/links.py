"""Links from a collection's page to logs and items."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes
from sphinx.util.nodes import make_refnode

from ..config import devlog_config
from ..sourcelinks import commit_linked

if TYPE_CHECKING:
    from sphinx.builders import Builder

    from ..model import Item, Log


class Linker:
    """References from one page to logs and items.

    A collection links to every log, often several times: the relative URI of each
    log's page is worked out once (as :func:`sphinx.util.nodes.make_refnode` does)
    and reused for the next link.
    """

    def __init__(self, builder: Builder, fromdocname: str) -> None:
        self.builder = builder
        self.fromdocname = fromdocname
        self._uris: dict[str, str] = {}
        self.commit_url = devlog_config(builder.env).devlog_commit_url

    def uri(self, docname: str) -> str:
        """The URI of *docname*'s page, relative to this page."""
        uri = self._uris.get(docname)
        if uri is None:
            uri = self._uris[docname] = self.builder.get_relative_uri(self.fromdocname, docname)
        return uri

    def _ref(
        self, docname: str, anchor: str | None, text: str, title: str, cls: str
    ) -> nodes.reference:
        if docname == self.fromdocname and anchor:
            ref = make_refnode(
                self.builder, self.fromdocname, docname, anchor, nodes.Text(text), title
            )
            ref["classes"].append(cls)
            return ref
        uri = self.uri(docname)
        # the class sits on the link itself: a collection holds thousands of links,
        # and a wrapper node for each made the page a fifth larger to build and write
        return nodes.reference(
            text,
            text,
            internal=True,
            reftitle=title,
            refuri=f"{uri}#{anchor}" if anchor else uri,
            classes=[cls],
        )

    def log(self, log: Log, text: str | None = None) -> nodes.reference:
        label = text if text is not None else log.title
        return self._ref(log.docname, None, label, log.title, "devlog-log-link")

    def item(self, log: Log, item: Item, text: str | None = None) -> nodes.Element:
        """A link to *item*; the commit hashes in its text are links of their own
        (``devlog_commit_url``), as on its log's page."""
        label = text if text is not None else item.text
        title, cls = f"{log.title}: {item.text}", f"devlog-{item.kind}-link"
        if self.commit_url:
            linked = commit_linked(
                label,
                self.commit_url,
                lambda words: self._ref(log.docname, item.anchor, words, title, cls),
            )
            if linked is not None:
                return linked
        return self._ref(log.docname, item.anchor, label, title, cls)
