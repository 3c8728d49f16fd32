"""``devlog.atom``: an Atom feed (RFC 4287) of the latest logs, for HTML builds.

With ``devlog_feed`` on and ``html_baseurl`` set, HTML builders write the feed beside the
pages when the build finishes (from the domain's logs, as ``devlog.json`` is written, so
incremental and parallel builds give the feed a fresh build gives) and every page
announces it with ``<link rel="alternate" type="application/atom+xml">``.

The feed is byte-stable: its ``updated`` is the newest log's date, never the clock.
Undated logs are not in it. Every text goes through :mod:`xml.etree.ElementTree`, so
markup in a title is text, never markup.

:func:`latest_logs` and :func:`feed_text` are pure; the rest is the Sphinx glue.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote, urlsplit

from .model import Log

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder

#: the feed's file, in the output directory
FEED_FILE = "devlog.atom"
ATOM_NS = "http://www.w3.org/2005/Atom"
FEED_TYPE = "application/atom+xml"
#: ``updated`` of a feed that holds no dated log (RFC 4287 requires one)
NO_DATE = "1970-01-01"

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: characters XML 1.0 cannot hold, even escaped
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def latest_logs(logs: Iterable[Log], count: int) -> list[Log]:
    """The *count* latest dated logs, newest first (by date, then name)."""
    dated = [log for log in logs if _ISO_DATE.fullmatch(log.fields.date)]
    return sorted(dated, key=lambda log: log.sort_key, reverse=True)[: max(count, 0)]


def atom_date(date: str) -> str:
    """``2024-03-05`` as an Atom date: ``2024-03-05T00:00:00Z``."""
    return f"{date}T00:00:00Z"


def summary_text(log: Log) -> str:
    """A log's status (with its status line as written, when that says more) and its
    purpose, as plain text on one line."""
    status = log.fields.status
    said = " ".join(log.fields.status_text.split())
    purpose = " ".join(log.fields.purpose.split())
    parts = []
    if status:
        parts.append(f"Status: {status}" + (f" ({said})" if said and said != status else ""))
    if purpose:
        parts.append(purpose)
    return ". ".join(part.rstrip(".") for part in parts) + ("." if parts else "")


def categories(log: Log) -> list[str]:
    """The status, then each tag, once each."""
    terms = [log.fields.status, *log.fields.tags]
    return [term for term in dict.fromkeys(terms) if term.strip()]


@dataclass(frozen=True)
class FeedInfo:
    """What the feed says of itself."""

    title: str
    author: str
    feed_url: str
    site_url: str


def feed_text(info: FeedInfo, logs: list[Log], page_url: Callable[[Log], str]) -> str:
    """The Atom document of *logs* (already chosen and ordered), *page_url* giving each
    log's absolute URL."""

    def add(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, tag, {k: _xml_text(v) for k, v in attrs.items()})
        if text is not None:
            element.text = _xml_text(text)
        return element

    # the namespace as a plain attribute: ElementTree's prefixes are process-wide
    root = ET.Element("feed", xmlns=ATOM_NS)
    add(root, "id", info.feed_url)
    add(root, "title", info.title)
    add(root, "updated", atom_date(logs[0].fields.date if logs else NO_DATE))
    add(root, "link", rel="self", type=FEED_TYPE, href=info.feed_url)
    add(root, "link", rel="alternate", type="text/html", href=info.site_url)
    author = add(root, "author")
    add(author, "name", info.author)
    add(root, "generator", "sphinxcontrib-devlog")
    for log in logs:
        url = page_url(log)
        entry = add(root, "entry")
        add(entry, "id", url)
        add(entry, "title", log.title)
        add(entry, "updated", atom_date(log.fields.date))
        add(entry, "link", rel="alternate", type="text/html", href=url)
        summary = summary_text(log)
        if summary:
            add(entry, "summary", summary)
        for term in categories(log):
            add(entry, "category", term=term)
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return f'<?xml version="1.0" encoding="utf-8"?>\n{body}\n'


def _xml_text(text: str) -> str:
    return _NOT_XML.sub("", text)


def absolute_url(baseurl: str, uri: str, root_page: str) -> str:
    """*uri* (a builder's target URI, maybe with a ``#fragment``) under *baseurl*, as
    Sphinx joins them for canonical links; a URI that is only a fragment (the single-page
    builder's) is on *root_page*."""
    path, _, fragment = uri.partition("#")
    if fragment and not path:
        path = root_page
    url = posixpath.join(baseurl, quote(path, safe="/"))
    return f"{url}#{quote(fragment, safe='/')}" if fragment else url


# -- in a Sphinx build ------------------------------------------------------------------


def writes_feed(builder: Builder) -> bool:
    """HTML builders that make a site: not the embedded ones (epub, HTML help)."""
    return builder.format == "html" and not getattr(builder, "embedded", False)


def _entries(app: Sphinx) -> int:
    """How many logs the build's feed holds (``0``: no feed)."""
    from .config import devlog_config

    if not writes_feed(app.builder) or not app.config.html_baseurl:
        return 0
    return devlog_config(app.env).feed_entries


def feed_title(app: Sphinx) -> str:
    from .export import project_name

    name = project_name(app)
    return f"{name} development logs" if name else "Development logs"


def feed_url(app: Sphinx) -> str:
    return posixpath.join(app.config.html_baseurl, FEED_FILE)


def _author(app: Sphinx) -> str:
    from sphinx.config import Config

    from .export import project_name

    author = str(app.config.author or "")
    if author == getattr(Config.config_values.get("author"), "default", None):
        author = ""
    return author or project_name(app) or urlsplit(app.config.html_baseurl).netloc or "-"


def _page_url(app: Sphinx) -> Callable[[Log], str]:
    builder = app.builder
    root_page = f"{app.config.root_doc}{getattr(builder, 'out_suffix', '.html')}"

    def page_url(log: Log) -> str:
        uri = builder.get_target_uri(log.docname)
        if log.anchor:
            uri = f"{uri.partition('#')[0]}#{log.anchor}"
        return absolute_url(app.config.html_baseurl, uri, root_page)

    return page_url


def write_feed(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: write ``devlog.atom``, unless it already holds exactly that."""
    from .domain import devlog_domain
    from .export import _write

    count = _entries(app)
    if exception is not None or not count:
        return
    page_url = _page_url(app)
    root_uri = app.builder.get_target_uri(app.config.root_doc).partition("#")[0]
    info = FeedInfo(
        title=feed_title(app),
        author=_author(app),
        feed_url=feed_url(app),
        site_url=absolute_url(app.config.html_baseurl, root_uri, ""),
    )
    logs = latest_logs(devlog_domain(app.env).logs.values(), count)
    _write(Path(app.outdir) / FEED_FILE, feed_text(info, logs, page_url))


def announce(
    app: Sphinx,
    pagename: str,
    templatename: str,
    context: dict[str, Any],
    doctree: nodes.document | None,
) -> None:
    """``html-page-context``: the page's head links to the feed."""
    if not _entries(app):
        return
    link = (
        f'<link rel="alternate" type="{FEED_TYPE}" title="{escape(feed_title(app))}" '
        f'href="{escape(feed_url(app))}" />'
    )
    metatags = context.get("metatags") or ""
    context["metatags"] = f"{metatags}\n{link}" if metatags else link


def check_baseurl(app: Sphinx) -> None:
    """``builder-inited``: a feed asked for, by a builder that would write it, without
    ``html_baseurl`` (a feed's links are absolute) is a ``devlog.config`` warning."""
    from .config import conf_location, devlog_config
    from .warnings_ import DevlogWarning, warn

    if not writes_feed(app.builder) or app.config.html_baseurl:
        return
    if devlog_config(app.env).feed_entries:
        warn(
            DevlogWarning.CONFIG,
            "devlog_feed needs html_baseurl (the site's address, e.g. "
            "'https://docs.example.org/project/'): no feed is written",
            conf_location(app, "devlog_feed"),
        )


def setup_feed(app: Sphinx) -> None:
    app.connect("builder-inited", check_baseurl)
    app.connect("html-page-context", announce)
    app.connect("build-finished", write_feed)
