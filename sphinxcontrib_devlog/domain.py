"""The ``devlog`` domain: per-document storage, cross-references, ``objects.inv``.

Stored data is keyed by docname and holds only plain dataclasses, so purging and
merging after parallel reads is a matter of dict entries. What a document holds is
recorded by :mod:`sphinxcontrib_devlog.record`. Cross-document views (the name index,
the next-step chains, who follows whom) are derived once every document is read
(:meth:`DevlogDomain.derive`, on ``env-updated``) and dropped whenever the data changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Set
from typing import TYPE_CHECKING, Any, ClassVar, cast

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.util.nodes import make_refnode

from .chains import ChainResult, build_chains
from .checks import check_logs
from .directives.items import CONTAINERS, make_items_directive
from .directives.log import LogDirective
from .model import ITEM_KINDS, Item, Log
from .record import record
from .references import DevlogXRefRole, StatusRole, warn_missing_reference

if TYPE_CHECKING:
    from sphinx import addnodes
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .config import DevlogConfig

#: which item an ``any`` reference ``LOG#N`` means, in order of preference
ANY_ORDER = ("step", "lesson", "goal", "file")


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
        # documents of devlog_plain_logs that were not read as logs (a page of notes)
        "not_logs": {},  # docname -> True
    }
    data_version = 6

    _config: DevlogConfig | None = None
    _index_cache: dict[str, str] | None = None
    _chains_cache: ChainResult | None = None
    _followers_cache: dict[str, list[str]] | None = None
    _per_build: dict[str, Any] | None = None

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

    @property
    def not_logs(self) -> dict[str, bool]:
        """Documents matching ``devlog_plain_logs`` that were not read as logs."""
        return self.data.setdefault("not_logs", {})

    def changed(self) -> None:
        """Drop the derived views: the stored logs changed."""
        self._index_cache = None
        self._chains_cache = None
        self._followers_cache = None

    def clear_doc(self, docname: str) -> None:
        if self.logs.pop(docname, None) is not None:
            self.changed()
        self.refs.pop(docname, None)
        self.collections.pop(docname, None)
        self.not_logs.pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            if docname in otherdata["logs"]:
                self.logs[docname] = otherdata["logs"][docname]
            if docname in otherdata["refs"]:
                self.refs[docname] = otherdata["refs"][docname]
            if docname in otherdata["collections"]:
                self.collections[docname] = otherdata["collections"][docname]
            if docname in otherdata.get("not_logs", {}):
                self.not_logs[docname] = otherdata["not_logs"][docname]
        self.changed()

    def process_doc(self, env: BuildEnvironment, docname: str, document: nodes.document) -> None:
        from .plain.transform import NOT_A_LOG

        if env.current_document.get(NOT_A_LOG):
            self.not_logs[docname] = True
        record(self, env, docname, document)

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
    def config(self) -> DevlogConfig:
        """The checked ``devlog_*`` values, made once for the environment's build.

        Bad values were reported and replaced by their defaults on ``config-inited``;
        a domain lives as long as its environment in one build.
        """
        if self._config is None:
            from .config import DevlogConfig, fields_of

            values = {name: getattr(self.env.config, name) for name in fields_of()}
            self._config = DevlogConfig.from_values(values)[0]
        return self._config

    @property
    def per_build(self) -> dict[str, Any]:
        """What the pages' collections work out once per build (whether Graphviz's
        ``dot`` is there): a domain is made anew for every build, and this is never
        stored with the environment."""
        if self._per_build is None:
            self._per_build = {}
        return self._per_build

    def derive(self) -> None:
        """Derive the views over every log, once all are read (``env-updated``)."""
        self._chains_cache = build_chains(list(self.logs.values()), self.resolve_step)
        followers: dict[str, list[str]] = {}
        for log in self.sorted_logs():
            for target in dict.fromkeys(log.fields.follows):
                followed = self.find_log(target)
                if followed is not None and followed.docname != log.docname:
                    entry = followers.setdefault(followed.docname, [])
                    if log.docname not in entry:
                        entry.append(log.docname)
        self._followers_cache = followers

    @property
    def chains(self) -> ChainResult:
        """Next-step chains over every log (derived once after reading)."""
        if self._chains_cache is None:
            self.derive()
        assert self._chains_cache is not None
        return self._chains_cache

    @property
    def followers(self) -> dict[str, list[str]]:
        """docname -> docnames of the logs whose ``:follows:`` name it, by date."""
        if self._followers_cache is None:
            self.derive()
        assert self._followers_cache is not None
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
        check_logs(self)

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


def devlog_domain(env: BuildEnvironment) -> DevlogDomain:
    return cast("DevlogDomain", env.domains["devlog"])


def _derive(app: Sphinx, env: BuildEnvironment) -> None:
    devlog_domain(env).derive()


def setup_domain(app: Sphinx) -> None:
    app.add_domain(DevlogDomain)
    app.add_directive("devlog", LogDirective)
    app.add_role("devlog", DevlogXRefRole())
    app.connect("env-updated", _derive)
    app.connect("warn-missing-reference", warn_missing_reference)
