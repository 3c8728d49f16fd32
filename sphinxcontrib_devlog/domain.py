"""The ``devlog`` domain: per-document storage, cross-references, ``objects.inv``.

Stored data is keyed by docname and holds only plain dataclasses, so purging and
merging after parallel reads is a matter of dict entries. Cross-document views
(the name index) are derived from it lazily and dropped whenever it changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxRole
from sphinx.util.nodes import make_refnode

from . import render
from .chains import ChainResult, build_chains, follows_cycles
from .directives.collection import COLLECTIONS, devlog_collection, make_collection_directive
from .directives.items import BLANK, CONTAINERS, make_items_directive
from .directives.log import LogDirective
from .filenames import basename, stable_name
from .model import ITEM_KINDS, Item, Log
from .nodes import devlog_backlinks, devlog_header, devlog_item, devlog_items
from .util import devlog_config, warn

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

#: item kind -> the name used in messages
KIND_WORDS = {"goal": "goal", "lesson": "lesson", "step": "next step", "file": "file"}
#: which item an ``any`` reference ``LOG#N`` means, in order of preference
ANY_ORDER = ("step", "lesson", "goal", "file")
#: item kind -> its container directive
KIND_DIRECTIVES = {kind: f"devlog:{name}" for name, kind in CONTAINERS.items()}


class DevlogXRefRole(XRefRole):
    """``{devlog}`` and the domain's reference roles; always in the devlog domain."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain, sep, reftype = self.name.partition(":")
        if not sep:
            reftype = "log" if domain == "devlog" else domain
        self.refdomain, self.reftype = "devlog", reftype
        self.classes = ["xref", "devlog", f"devlog-{reftype}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()


class StatusRole(SphinxRole):
    """``{devlog:status}`success``: the status badge."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        config = devlog_config(self.config)
        status = " ".join(self.text.split())
        key = status.lower()
        if key not in config.devlog_statuses:
            warn(
                "field",
                f"unknown status {status!r} in devlog:status "
                f"(known: {', '.join(config.devlog_statuses)})",
                self.get_location(),
            )
            return [render.badge(status, config)], []
        return [render.badge(key, config)], []


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

_PROCESSED = (devlog_header, devlog_items, addnodes.pending_xref, devlog_collection)


def _is_processed(node: nodes.Node) -> bool:
    return isinstance(node, _PROCESSED)


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


class DevlogDomain(Domain):
    """Development-session logs and their goals, lessons, next steps and files."""

    name = "devlog"
    label = "Development log"
    object_types: ClassVar[dict[str, ObjType]] = {
        "log": ObjType("log", "log"),
        # items are prose, like Sphinx's glossary terms and labels: they stay out of
        # the search index's objects (the full text of their log is indexed anyway)
        "goal": ObjType("goal", "goal", searchprio=-1),
        "lesson": ObjType("lesson", "lesson", searchprio=-1),
        "step": ObjType("next step", "step", searchprio=-1),
        "file": ObjType("file", "file", searchprio=-1),
    }
    directives: ClassVar[dict[str, Any]] = {
        "log": LogDirective,
        **{name: make_items_directive(name, kind) for name, kind in CONTAINERS.items()},
        **{name: make_collection_directive(name) for name in COLLECTIONS},
    }
    roles: ClassVar[dict[str, Any]] = {
        "log": DevlogXRefRole(),
        "goal": DevlogXRefRole(),
        "lesson": DevlogXRefRole(),
        "step": DevlogXRefRole(),
        "file": DevlogXRefRole(),
        "status": StatusRole(),
    }
    initial_data: ClassVar[dict[str, Any]] = {
        "logs": {},  # docname -> Log
        "refs": {},  # docname -> sorted referenced log keys (``LOG#``: one of its items)
        "collections": {},  # docname -> sorted kinds of the collections it holds
        "snapshot": {},  # log key -> (docname, fingerprint, title, items) at the last build
        "followers_snapshot": {},  # docname -> the logs that followed it at the last build
    }
    data_version = 4

    _index_cache: dict[str, str] | None = None
    _chains_cache: ChainResult | None = None
    _followers_cache: dict[str, list[str]] | None = None

    # -- storage -------------------------------------------------------------------

    @property
    def logs(self) -> dict[str, Log]:
        return self.data.setdefault("logs", {})

    @property
    def refs(self) -> dict[str, list[str]]:
        return self.data.setdefault("refs", {})

    @property
    def collections(self) -> dict[str, list[str]]:
        return self.data.setdefault("collections", {})

    def _changed(self) -> None:
        self._index_cache = None
        self._chains_cache = None
        self._followers_cache = None

    def clear_doc(self, docname: str) -> None:
        if self.logs.pop(docname, None) is not None:
            self._changed()
        self.refs.pop(docname, None)
        self.collections.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["logs"]:
                self.logs[docname] = otherdata["logs"][docname]
            if docname in otherdata["refs"]:
                self.refs[docname] = otherdata["refs"][docname]
            if docname in otherdata["collections"]:
                self.collections[docname] = otherdata["collections"][docname]
        self._changed()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        # one walk of the document for the four kinds of node read here
        found: dict[type, list[Any]] = {kind: [] for kind in _PROCESSED}
        for node in document.findall(_is_processed):
            found[type(node) if type(node) in found else _kind_of(node)].append(node)
        headers: list[devlog_header] = found[devlog_header]
        log: Log | None = None
        if headers:
            first = headers[0]
            for extra in headers[1:]:
                warn(
                    "structure",
                    "a second devlog directive in one document: only the first makes the "
                    "document a log; this one is shown but not recorded",
                    extra,
                )
                extra["classes"].append("devlog-header-extra")
                for placeholder in list(extra.findall(devlog_backlinks)):
                    field = placeholder.parent.parent.parent  # paragraph, body, field
                    field.parent.remove(field)
            config = devlog_config(env.config)
            name = basename(docname)
            log = Log(
                docname=docname,
                name=name,
                stable_name=stable_name(
                    name, config.devlog_filename_pattern, config.devlog_statuses
                ),
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
                    "structure",
                    f"{KIND_DIRECTIVES[container['kind']]} inside another item directive "
                    f"({KIND_DIRECTIVES[outer['kind']]}, line {outer.line}): write it after "
                    "that one; its items are counted once",
                    container,
                )
            if log is None:
                if not container.get("devlog_nolist"):
                    warn(
                        "structure",
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
        if log is not None:
            log.digest = log.fingerprint()
            log.items_digest = log.items_fingerprint()
            self.logs[docname] = log
            self._changed()
        # ``LOG`` for a reference to a log, ``LOG#`` to one of its items
        keys = {
            _ref_key(ref["reftarget"]) + ("#" if "#" in ref["reftarget"] else "")
            for ref in found[addnodes.pending_xref]
            if ref.get("refdomain") == "devlog" or ref.get("reftype") == "any"
        }
        if keys:
            self.refs[docname] = sorted(keys)
        kinds = {node["kind"] for node in found[devlog_collection]}
        if kinds:
            self.collections[docname] = sorted(kinds)

    # -- lookups -------------------------------------------------------------------

    @property
    def index(self) -> dict[str, str]:
        """Every name a log answers to -> its docname (docname, then name, then stable name)."""
        if self._index_cache is None:
            index: dict[str, str] = {}
            ordered = sorted(self.logs.values(), key=lambda log: log.docname)
            for log in ordered:
                index.setdefault(log.docname, log.docname)
            for log in ordered:
                index.setdefault(log.name, log.docname)
            for log in ordered:
                index.setdefault(log.stable_name, log.docname)
            self._index_cache = index
        return self._index_cache

    def find_log(self, target: str) -> Log | None:
        docname = self.index.get(target.strip().lstrip("/"))
        return self.logs[docname] if docname is not None else None

    def find_item(self, kind: str, target: str) -> tuple[Log, Item] | None:
        log_part, sep, number = target.rpartition("#")
        if not sep or not number.strip().isdigit():
            return None
        log = self.find_log(log_part)
        if log is None:
            return None
        item = log.item(kind, int(number))
        return (log, item) if item is not None else None

    def resolve_step(self, target: str) -> tuple[str, int] | None:
        found = self.find_item("step", target)
        return (found[0].docname, found[1].number) if found is not None else None

    @property
    def chains(self) -> ChainResult:
        """Next-step chains over every log, computed once after reading."""
        if self._chains_cache is None:
            self._chains_cache = build_chains(list(self.logs.values()), self.resolve_step)
        return self._chains_cache

    @property
    def followers(self) -> dict[str, list[str]]:
        """docname -> docnames of the logs whose ``:follows:`` name it, by date."""
        if self._followers_cache is None:
            followers: dict[str, list[str]] = {}
            for log in self.sorted_logs():
                for target in dict.fromkeys(log.fields.follows):
                    followed = self.find_log(target)
                    if followed is not None and followed.docname != log.docname:
                        entry = followers.setdefault(followed.docname, [])
                        if log.docname not in entry:
                            entry.append(log.docname)
            self._followers_cache = followers
        return self._followers_cache

    def sorted_logs(self) -> list[Log]:
        """All logs by date, then name."""
        return sorted(self.logs.values(), key=lambda log: log.sort_key)

    def snapshot(self) -> dict[str, tuple[str, str, str, str]]:
        """Every key a reference may use -> its log's docname, fingerprint, title and items'
        fingerprint."""
        snapshot = {}
        for key, docname in self.index.items():
            log = self.logs[docname]
            snapshot[key] = (docname, log.digest, log.title, log.items_digest)
        return snapshot

    # -- checks --------------------------------------------------------------------

    def check_consistency(self) -> None:
        seen_name: dict[str, str] = {}
        seen_stable: dict[str, str] = {}
        for log in sorted(self.logs.values(), key=lambda log: log.docname):
            other = seen_name.get(log.name)
            if other is not None:
                warn(
                    "duplicate",
                    f"log name {log.name!r} is also used by {other!r}; references by "
                    "name go to the first; use the full docname to reach this one",
                    (log.docname, log.line),
                )
            else:
                other = seen_stable.get(log.stable_name)
                if other is not None and log.stable_name != log.name:
                    warn(
                        "duplicate",
                        f"log stable name {log.stable_name!r} is also used by {other!r}; "
                        "references by stable name go to the first",
                        (log.docname, log.line),
                    )
            seen_name.setdefault(log.name, log.docname)
            seen_stable.setdefault(log.stable_name, log.docname)
        self._check_pointing_back()

    def _check_pointing_back(self) -> None:
        """``follows`` and ``closes`` that lead back to their own log: a log following
        itself, or logs following one another in a cycle, or closing its own step.

        Run after every read, on every log: a cycle needs every log to be seen, and the
        warning goes (or comes) with the edit that breaks (or makes) it.
        """
        ordered = self.sorted_logs()
        follows: dict[str, list[str]] = {}
        for log in ordered:
            lines = log.fields.lines
            targets = follows[log.docname] = []
            for target in dict.fromkeys(log.fields.follows):
                followed = self.find_log(target)
                if followed is None:
                    continue  # reported where the link is rendered
                if followed.docname == log.docname:
                    warn(
                        "ref",
                        f"log {log.name!r} follows itself ({target!r}): follows names the "
                        "earlier sessions this one continues",
                        (log.docname, lines.get("follows", log.line)),
                    )
                elif followed.docname not in targets:
                    targets.append(followed.docname)
            for target in dict.fromkeys(log.fields.closes):
                found = self.find_item("step", target)
                if found is not None and found[0].docname == log.docname:
                    warn(
                        "ref",
                        f"log {log.name!r} closes its own next step {found[1].number} "
                        f"({target!r}): check it ([x]) instead; closes names steps of "
                        "earlier sessions",
                        (log.docname, lines.get("closes", log.line)),
                    )
        for cycle in follows_cycles(follows, [log.docname for log in ordered]):
            first = self.logs[cycle[0]]
            names = [self.logs[docname].name for docname in [*cycle, cycle[0]]]
            warn(
                "ref",
                f"logs follow one another in a cycle: {' follows '.join(names)}; a session "
                "follows earlier ones, so one of these follows is wrong",
                (first.docname, first.fields.lines.get("follows", first.line)),
            )

    def missing_reference_message(self, typ: str, target: str) -> str:
        if typ == "log":
            return f"unknown devlog {target!r} (no log has this name, stable name or docname)"
        word = KIND_WORDS.get(typ, typ)
        log_part, sep, number = target.rpartition("#")
        if not sep or not number.strip().isdigit():
            return f"bad {word} reference {target!r}: write LOG#N, e.g. 2024-08-26_pixi-setup#2"
        log = self.find_log(log_part)
        if log is None:
            return f"unknown devlog {log_part!r} in {word} reference {target!r}"
        if int(number) in log.blanks.get(typ, []):
            return (
                f"{word} {int(number)} of log {log.name!r} is an empty item, which is no "
                f"{word}, in reference {target!r}: give the item its text, or refer to another"
            )
        items = log.items.get(typ, [])
        count = len(items)
        numbered = ""
        if any(item.number != index for index, item in enumerate(items, start=1)):
            numbers = [f"#{item.number}" for item in items[:10]]
            numbered = f": {', '.join(numbers)}{', …' if count > 10 else ''}"
        return (
            f"log {log.name!r} has no {word} {number} (it has {count}{numbered}) in "
            f"reference {target!r}"
        )

    # -- references ----------------------------------------------------------------

    def _resolve(
        self,
        builder: Builder,
        fromdocname: str,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        explicit = node.get("refexplicit", False)
        if typ == "log":
            log = self.find_log(target)
            if log is None:
                return None
            text, anchor, title = log.title, None, log.title
        elif typ in ITEM_KINDS:
            found = self.find_item(typ, target)
            if found is None:
                return None
            log, item = found
            text, anchor = item.text, item.anchor
            title = f"{log.title}: {item.text}"
        else:
            return None
        if not explicit:
            contnode = nodes.inline(text, text, classes=contnode.get("classes", []))
        return make_refnode(builder, fromdocname, log.docname, anchor, contnode, title)

    def resolve_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        typ: str,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> nodes.reference | None:
        return self._resolve(builder, fromdocname, typ, target, node, contnode)

    def resolve_any_xref(
        self,
        env: BuildEnvironment,
        fromdocname: str,
        builder: Builder,
        target: str,
        node: addnodes.pending_xref,
        contnode: nodes.Element,
    ) -> list[tuple[str, nodes.reference]]:
        # ``LOG#N`` names a goal, a lesson, a step and a file alike: the first kind
        # in ANY_ORDER that has item N wins, so ``any`` never reports an ambiguity
        kinds: Iterable[str] = ANY_ORDER if "#" in target else ("log",)
        for kind in kinds:
            ref = self._resolve(builder, fromdocname, kind, target, node, contnode)
            if ref is not None:
                return [(f"devlog:{kind}", ref)]
        return []

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        # priority -1 keeps an object out of the search index's objects but not out of
        # ``objects.inv``: a log's stable name, and every item (see ``object_types``)
        for log in sorted(self.logs.values(), key=lambda log: log.docname):
            names = [log.name]
            yield log.name, log.title, "log", log.docname, "", 1
            if log.stable_name != log.name:
                names.append(log.stable_name)
                yield log.stable_name, log.title, "log", log.docname, "", -1
            for kind in ITEM_KINDS:
                for item in log.items[kind]:
                    for name in names:
                        yield item.ident(name), item.text, kind, log.docname, item.anchor, -1

    def get_full_qualified_name(self, node: nodes.Element) -> str | None:
        return node.get("reftarget")
