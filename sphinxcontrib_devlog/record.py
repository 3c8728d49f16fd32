"""What the devlog domain records of each document it reads.

A log's header (from the ``devlog`` directive or the plain-log reader) carries its
checked fields; its item directives carry their items. Here they become one
:class:`~sphinxcontrib_devlog.model.Log` in the environment: items numbered and given
their anchors, the logs the page refers to, the collections it holds. The doctree keeps
only what it shows.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx import addnodes

from .collections.directive import devlog_collection
from .config import devlog_config
from .directives.items import BLANK, CONTAINERS
from .filenames import basename, stable_name
from .model import ITEM_KINDS, Item, Log
from .nodes import devlog_backlinks, devlog_header, devlog_item, devlog_items
from .template import PLACEHOLDER_OPTIONS, field_message, is_placeholder
from .warnings_ import DevlogWarning, warn

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .domain import DevlogDomain

#: item kind -> its container directive
KIND_DIRECTIVES = {kind: f"devlog:{name}" for name, kind in CONTAINERS.items()}


def document_title(document: nodes.document) -> str:
    section = document.next_node(nodes.section)
    if section is not None:
        title = section.next_node(nodes.title)
        if title is not None:
            return " ".join(title.astext().split())
    return ""


def _ref_key(target: str) -> str:
    """The log part of a reference target (``LOG#N`` -> ``LOG``)."""
    return target.split("#", 1)[0].strip().lstrip("/")


#: what a header carries from the directive or the plain-log reader to :meth:`process_doc`
_HEADER_DATA = (
    "devlog_fields",
    "devlog_summary",
    "devlog_title",
    "devlog_items",
    "devlog_sections",
    "devlog_unread",
    "devlog_blanks",
)

#: what an item directive's item carries to :func:`record`
_ITEM_DATA = ("devlog_kind", "devlog_text", "devlog_checked", "devlog_path", "devlog_description")

_PROCESSED = (devlog_header, devlog_items, addnodes.pending_xref, devlog_collection)


def _kind_of(node: nodes.Node) -> type:
    """Which of :data:`_PROCESSED` a node (perhaps of a subclass) counts as."""
    return next(kind for kind in _PROCESSED if isinstance(node, kind))


def _is_item(node: nodes.Node) -> bool:
    """An item, or a list item left as it is because it says nothing (it keeps its
    number: the items after it keep theirs, and so do references to them)."""
    return isinstance(node, devlog_item) or (
        isinstance(node, nodes.list_item) and BLANK in node.attributes
    )


def _enclosing_items(node: nodes.Element) -> devlog_items | None:
    """The item directive *node* sits in, if any."""
    parent = node.parent
    while parent is not None:
        if isinstance(parent, devlog_items):
            return parent
        parent = parent.parent
    return None


def _drop_placeholder_fields(log: Log) -> None:
    """A purpose or dependencies that is a template's placeholder text is reported and not
    recorded (the header shows it as written). Its items' placeholders are no items
    already: the item directives and the plain reader leave them out."""
    for option in PLACEHOLDER_OPTIONS:
        value = getattr(log.fields, option)
        if is_placeholder(option, value):
            line = log.fields.lines.get(option) or log.line
            warn(DevlogWarning.FIELD, field_message(option, value), (log.docname, line))
            setattr(log.fields, option, "")


def record(
    domain: DevlogDomain, env: BuildEnvironment, docname: str, document: nodes.document
) -> None:
    """Record the log a document holds (if any), the logs it refers to and the
    collections it holds, in *domain*'s data."""
    # one walk of the document for the four kinds of node read here, in document order
    found: dict[type, list[Any]] = {kind: [] for kind in _PROCESSED}
    stack: list[nodes.Node] = [document]
    while stack:
        node = stack.pop()
        if isinstance(node, _PROCESSED):
            found[type(node) if type(node) in found else _kind_of(node)].append(node)
        if isinstance(node, nodes.Element):
            stack.extend(reversed(node.children))
    headers: list[devlog_header] = found[devlog_header]
    log: Log | None = None
    if headers:
        first = headers[0]
        for extra in headers[1:]:
            warn(
                DevlogWarning.STRUCTURE,
                "a second devlog directive in one document: only the first makes the "
                "document a log; this one is shown but not recorded",
                extra,
            )
            extra["classes"].append("devlog-header-extra")
            for placeholder in list(extra.findall(devlog_backlinks)):
                field = placeholder.parent.parent.parent  # paragraph, body, field
                field.parent.remove(field)
        config = devlog_config(env)
        name = basename(docname)
        log = Log(
            docname=docname,
            name=name,
            stable_name=stable_name(name, config.devlog_filename_pattern, config.devlog_statuses),
            title=first.get("devlog_title") or document_title(document) or name,
            fields=first["devlog_fields"],
            summary=first["devlog_summary"],
            line=first.line,
        )
        if "devlog_items" in first:  # a plain log: the reader found its items
            log.form = "plain"
            log.items = first["devlog_items"]
            log.sections = first["devlog_sections"]
            log.unread = first["devlog_unread"]
            log.blanks = first["devlog_blanks"]
        _drop_placeholder_fields(log)
    for head in headers:  # the data now lives in the environment, not the doctree
        for key in _HEADER_DATA:
            if key in head:
                del head[key]
    counters = dict.fromkeys(ITEM_KINDS, 0)
    seen: set[int] = set()
    for container in found[devlog_items]:
        outer = _enclosing_items(container)
        if outer is not None:
            warn(
                DevlogWarning.STRUCTURE,
                f"{KIND_DIRECTIVES[container['kind']]} inside another item directive "
                f"({KIND_DIRECTIVES[outer['kind']]}, line {outer.line}): write it after "
                "that one; its items are counted once",
                container,
            )
        if log is None:
            if not container.get("devlog_nolist"):
                warn(
                    DevlogWarning.STRUCTURE,
                    f"{KIND_DIRECTIVES[container['kind']]} outside a log: the document "
                    "has no devlog directive, so its items are shown as a plain list",
                    container,
                )
            continue
        if log.form == "plain":
            continue
        kind = container["kind"]
        log.sections[kind] = log.sections.get(kind, 0) + 1
        if container.get("devlog_nolist"):
            log.unread[kind] = log.unread.get(kind, 0) + 1
        for node in container.findall(_is_item):
            if id(node) in seen:
                continue  # an item directive inside another: its items count once
            seen.add(id(node))
            if not isinstance(node, devlog_item):  # an empty item: no item, its number
                kind = node[BLANK]
                counters[kind] += 1
                log.blanks.setdefault(kind, []).append(counters[kind])
                continue
            kind = node["devlog_kind"]
            counters[kind] += 1
            number = counters[kind]
            anchor = f"devlog-{kind}-{number}"
            node["ids"].append(anchor)
            log.items[kind].append(
                Item(
                    kind=kind,
                    number=number,
                    text=node["devlog_text"],
                    checked=node["devlog_checked"],
                    anchor=anchor,
                    line=node.line,
                    path=node.get("devlog_path", ""),
                    description=node.get("devlog_description", ""),
                )
            )
            # the item now lives in the environment; the doctree keeps only what it shows
            # (Sphinx holds every doctree read until it is written)
            for key in _ITEM_DATA:
                node.attributes.pop(key, None)
    if log is not None:
        log.digest = log.fingerprint()
        log.items_digest = log.items_fingerprint()
        domain.logs[docname] = log
        domain.changed()
    # ``LOG`` for a reference to a log, ``LOG#`` to one of its items
    keys = {
        _ref_key(ref["reftarget"]) + ("#" if "#" in ref["reftarget"] else "")
        for ref in found[addnodes.pending_xref]
        if ref.get("refdomain") == "devlog" or ref.get("reftype") == "any"
    }
    if keys:
        domain.refs[docname] = sorted(keys)
    kinds = {node["kind"] for node in found[devlog_collection]}
    if kinds:
        domain.collections[docname] = sorted(kinds)
