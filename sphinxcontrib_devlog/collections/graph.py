"""``devlog:graph``: the sessions as a graph, drawn by Graphviz.

Every log is a node, filled in its status's colour and linked to its page; an edge
runs from a log to an earlier log it builds on:

* ``follows`` (solid): the log's ``:follows:`` names the other;
* ``closes`` (dashed): the log's ``:closes:`` names a next step of the other;
* carried next steps (dotted): a next step of the other is taken up again in this log
  (consecutive mentions of one chain, :mod:`sphinxcontrib_devlog.chains`), one edge per
  pair of logs, labelled with how many steps when more than one.

Only edges between the logs the filter selects are drawn. The dot source is made here
(:func:`dot_source`, pure and sorted) and drawn by :mod:`sphinx.ext.graphviz`: a PNG with
an image map or an SVG in HTML, a PDF in LaTeX, the alt text in text output. Where the
``dot`` program is missing the graph is a list of the logs, each with its edges, and
one ``devlog.graph`` warning says so.
"""

from __future__ import annotations

import hashlib
import shutil
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import TYPE_CHECKING

from docutils import nodes

from ..badges import badge
from ..chains import ChainResult
from ..config import DevlogConfig
from ..model import Log
from ..warnings_ import DevlogWarning, warn
from .base import Collection, View, date_of, para
from .filters import Filter, select_logs

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: edge kinds, in the order the dot source and the lists give them
KINDS = ("follows", "closes", "carries")
STYLES = {"follows": "solid", "closes": "dashed", "carries": "dotted"}

#: badge colour -> (fill, text colour): light fills with dark text, dark ones with white;
#: each reads on a light page and a dark one, as the node is drawn on its own fill
FILLS: Mapping[str, tuple[str, str]] = {
    "primary": ("#9ec5fe", "#212529"),
    "secondary": ("#ced4da", "#212529"),
    "success": ("#a3cfbb", "#212529"),
    "info": ("#9eeaf9", "#212529"),
    "warning": ("#ffe69c", "#212529"),
    "danger": ("#f1aeb5", "#212529"),
    "light": ("#f8f9fa", "#212529"),
    "muted": ("#dee2e6", "#212529"),
    "dark": ("#495057", "#ffffff"),
    "white": ("#ffffff", "#212529"),
    "black": ("#212529", "#ffffff"),
}
#: a log without a known status
NO_STATUS = ("#e9ecef", "#212529")
#: lines and their labels: a mid grey, seen on white and on near-black alike
LINE = "#868e96"
#: an edge's label ("3 steps"): dark text on a light box (10.9 : 1), on any page background
LABEL_FILL = "#f8f9fa"
LABEL_TEXT = "#343a40"
BORDER = "#6c757d"
FONT = "Helvetica,Arial,sans-serif"
#: how wide a line of a node's title may be, in characters
WRAP = 28
#: up to this many logs are drawn side by side (a row fits the content column)
ROW = 3
#: the most logs drawn when no ``:limit:`` is given: more make a picture no one can read
#: (at 1000 logs dot shrinks the image to a strip 73 pixels wide)
DRAWN = 60


@dataclass(frozen=True)
class Edge:
    """From a log to an earlier one it builds on (docnames)."""

    kind: str
    tail: str
    head: str
    #: closed or carried steps (1 for ``follows``)
    count: int = 1

    @property
    def label(self) -> str:
        return f"{self.count} steps" if self.count > 1 else ""


def name_index(logs: Iterable[Log]) -> dict[str, Log]:
    """Every name a log answers to -> the log, as the domain looks logs up (docname,
    then name, then stable name)."""
    ordered = sorted(logs, key=lambda log: log.docname)
    index: dict[str, Log] = {}
    for attribute in ("docname", "name", "stable_name"):
        for log in ordered:
            index.setdefault(getattr(log, attribute), log)
    return index


def find(index: Mapping[str, Log], target: str) -> Log | None:
    return index.get(target.strip().lstrip("/"))


def edges(shown: Sequence[Log], every: Iterable[Log], chains: ChainResult) -> list[Edge]:
    """The edges among the *shown* logs (names resolved among *every* log), sorted:
    by kind, then tail and head in date order."""
    index = name_index(every)
    shown_names = {log.docname for log in shown}
    counts: dict[tuple[str, str, str], int] = {}

    def add(kind: str, tail: str, head: str) -> None:
        if tail != head and tail in shown_names and head in shown_names:
            counts[(kind, tail, head)] = counts.get((kind, tail, head), 0) + 1

    for log in shown:
        # one edge however many names of the other log its :follows: gives
        followed = {found.docname for t in log.fields.follows if (found := find(index, t))}
        for other in followed:
            add("follows", log.docname, other)
        for target in dict.fromkeys(log.fields.closes):
            log_part, sep, number = target.rpartition("#")
            closed = find(index, log_part) if sep and number.strip().isdigit() else None
            if closed is not None and closed.item("step", int(number)) is not None:
                add("closes", log.docname, closed.docname)
    for chain in chains.chains:
        pairs = set()
        previous = None
        for mention in chain.mentions:
            docname = mention.log.docname
            if docname not in shown_names:
                continue
            if previous is not None and previous != docname:
                pairs.add((docname, previous))
            previous = docname
        for tail, head in pairs:
            add("carries", tail, head)
    position = {log.docname: i for i, log in enumerate(sorted(shown, key=lambda g: g.sort_key))}
    return sorted(
        (Edge(kind, tail, head, n) for (kind, tail, head), n in counts.items()),
        key=lambda e: (KINDS.index(e.kind), position[e.tail], position[e.head]),
    )


# -- dot -----------------------------------------------------------------------------


def quoted(text: str) -> str:
    """*text* as a dot string that shows as written: backslashes and quotes escaped,
    ``&`` kept from reading as an entity, each line break a centred one."""
    text = text.replace("\\", "\\\\").replace('"', '\\"').replace("&", "&amp;")
    return '"' + "\\n".join(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")) + '"'


def attributes(pairs: Mapping[str, str]) -> str:
    return ", ".join(f"{key}={quoted(value)}" for key, value in pairs.items())


def fill_of(log: Log, config: DevlogConfig) -> tuple[str, str]:
    colour = config.devlog_statuses.get(log.fields.status.lower())
    return FILLS.get(colour or "", NO_STATUS)


def label_of(log: Log) -> str:
    title = " ".join(log.title.split()) or log.name
    return "\n".join([date_of(log), *textwrap.wrap(title, WRAP, break_on_hyphens=False)])


def tooltip_of(log: Log) -> str:
    status = f" ({log.fields.status})" if log.fields.status else ""
    return f"{date_of(log)} {' '.join(log.title.split())}{status}"


def rankdir(count: int, oldest_first: bool) -> str:
    """Side by side when the logs fit in a row of the content column, else one above
    the other; the oldest log first (left, top) unless sorted newest first."""
    if count <= ROW:
        return "RL" if oldest_first else "LR"
    return "BT" if oldest_first else "TB"


def dot_source(
    logs: Sequence[Log],
    graph_edges: Sequence[Edge],
    config: DevlogConfig,
    uri: Callable[[str], str],
    *,
    oldest_first: bool = True,
) -> str:
    """The dot source of the graph of *logs* (in the order given) and *graph_edges*;
    *uri* gives the link of a log's page from its docname.

    Edges run from a log to an earlier one, so the layout puts later logs on earlier
    ranks; an invisible edge from each log to the one before it in date order keeps every
    log on a rank of its own, in date order.
    """
    ids = {log.docname: f"log{i}" for i, log in enumerate(logs)}
    lines = [
        "digraph devlog {",
        "  graph ["
        + attributes(
            {
                "bgcolor": "transparent",
                "rankdir": rankdir(len(logs), oldest_first),
                "size": "7.5,1000",
                "nodesep": "0.25",
                "ranksep": "0.3",
                "fontname": FONT,
            }
        )
        + "];",
        "  node ["
        + attributes(
            {
                "shape": "box",
                "style": "rounded,filled",
                "color": BORDER,
                "fontname": FONT,
                "fontsize": "10",
                "margin": "0.12,0.05",
                "target": "_top",
            }
        )
        + "];",
        "  edge ["
        + attributes(
            {
                "color": LINE,
                "fontcolor": LINE,
                "fontname": FONT,
                "fontsize": "9",
                "arrowsize": "0.7",
            }
        )
        + "];",
    ]
    for log in logs:
        fill, text = fill_of(log, config)
        pairs = {
            "label": label_of(log),
            "fillcolor": fill,
            "fontcolor": text,
            "URL": uri(log.docname),
            "tooltip": tooltip_of(log),
        }
        lines.append(f"  {ids[log.docname]} [{attributes(pairs)}];")
    by_date = sorted(logs, key=lambda log: log.sort_key)
    for earlier, later in pairwise(by_date):
        lines.append(f"  {ids[later.docname]} -> {ids[earlier.docname]} [style=invis];")
    for edge in graph_edges:
        style = attributes({"style": STYLES[edge.kind]})
        if edge.label:
            # on a light box of its own: the page's background may be light or dark
            style += (
                f', label=<<table border="0" cellborder="0" cellpadding="1" '
                f'bgcolor="{LABEL_FILL}"><tr><td><font color="{LABEL_TEXT}">'
                f"{edge.label}</font></td></tr></table>>"
            )
        lines.append(f"  {ids[edge.tail]} -> {ids[edge.head]} [{style}];")
    lines.append("}")
    source = "\n".join(lines) + "\n"
    # the graph's name names its image map in HTML: two graphs on one page need two maps
    name = hashlib.sha1(source.encode("utf-8"), usedforsecurity=False).hexdigest()[:12]
    return source.replace("digraph devlog {", f"digraph devlog_{name} {{", 1)


def alt_text(count: int, graph_edges: Sequence[Edge]) -> str:
    """What the graph shows, for the image's alt text (and text output)."""
    by_kind = {kind: sum(1 for e in graph_edges if e.kind == kind) for kind in KINDS}
    logs = f"{count} log" + ("" if count == 1 else "s")
    edge_count = len(graph_edges)
    said = f"{edge_count} edge" + ("" if edge_count == 1 else "s")
    if edge_count:
        said += (
            f" ({by_kind['follows']} follows, {by_kind['closes']} closes, "
            f"{by_kind['carries']} carried next steps)"
        )
    return f"Graph of {logs} and {said}"


# -- the collection ------------------------------------------------------------------


def dot_found(view: View) -> bool:
    """Whether Graphviz's ``dot`` (``graphviz_dot``) can be run: looked up once per
    build."""
    from ..domain import devlog_domain

    builder = view.link.builder
    facts = devlog_domain(builder.env).per_build
    if "dot" not in facts:
        program = builder.config.graphviz_dot
        facts["dot"] = bool(program) and shutil.which(program) is not None
    return bool(facts["dot"])


class Graph(Collection):
    name = "graph"
    order = 80

    def rows(
        self, logs: Sequence[Log], chains: ChainResult, flt: Filter, config: DevlogConfig
    ) -> list[Log]:
        """The logs drawn, in the filter's order."""
        return select_logs(logs, flt)

    def content(self, rows: list[Log], view: View) -> list[nodes.Node]:
        said: list[nodes.Node] = []
        if view.flt.limit is None and len(rows) > DRAWN:
            # the latest logs, wherever the sort puts them
            kept = rows[:DRAWN] if view.flt.newest_first else rows[-DRAWN:]
            said.append(
                para(
                    f"The {DRAWN} latest of {len(rows)} logs are drawn; :limit:, :since: "
                    "or :tags: choose others.",
                    classes=["devlog-graph-note"],
                )
            )
            rows = kept
        return said + self.picture(rows, view)

    def picture(self, rows: list[Log], view: View) -> list[nodes.Node]:
        graph_edges = edges(rows, view.logs, view.chains)
        if not dot_found(view):
            return [edge_list(rows, graph_edges, view)]
        from sphinx.ext.graphviz import graphviz

        node = graphviz()
        node["code"] = dot_source(
            rows, graph_edges, view.config, view.link.uri, oldest_first=not view.flt.newest_first
        )
        node["options"] = {"docname": view.link.fromdocname}
        node["alt"] = alt_text(len(rows), graph_edges)
        node["classes"] = ["devlog-graph-image"]
        return [node]


def edge_list(logs: Sequence[Log], graph_edges: Sequence[Edge], view: View) -> nodes.Element:
    """The graph as a list: each log with the logs it follows, closes steps of and
    carries steps on from."""
    by_docname = {log.docname: log for log in logs}
    out_of: dict[str, list[Edge]] = {}
    for edge in graph_edges:
        out_of.setdefault(edge.tail, []).append(edge)
    words = {"follows": "follows", "closes": "closes steps of", "carries": "carries on steps of"}
    lst = nodes.bullet_list(classes=["devlog-graph-list"])
    for log in logs:
        line = para()
        if log.fields.status:
            line += badge(log.fields.status, view.config)
            line += nodes.Text(" ")
        line += nodes.Text(f"{date_of(log)} ")
        line += view.link.log(log)
        for kind in KINDS:
            targets = [e for e in out_of.get(log.docname, []) if e.kind == kind]
            if not targets:
                continue
            line += nodes.Text(f"; {words[kind]} ")
            for i, edge in enumerate(targets):
                if i:
                    line += nodes.Text(", ")
                line += view.link.log(by_docname[edge.head])
                if edge.count > 1:
                    line += nodes.Text(f" ({edge.count})")
        lst += nodes.list_item("", line)
    return lst


def warn_missing_dot(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``, after the collections are filled: the first graph drawn as
    a list in this build says why, once."""
    from ..domain import devlog_domain

    domain = devlog_domain(app.env)
    facts = domain.per_build
    if "graph" not in domain.collections.get(docname, ()) or facts.get("dot", True):
        return
    if facts.get("warned"):
        return
    for wrapper in doctree.findall(nodes.container):
        if "devlog-graph" in wrapper["classes"] and any(
            "devlog-graph-list" in n["classes"] for n in wrapper.findall(nodes.bullet_list)
        ):
            facts["warned"] = True
            warn(
                DevlogWarning.GRAPH,
                f"devlog:graph: Graphviz's dot program ({app.config.graphviz_dot!r}, "
                "graphviz_dot) was not found: graphs are shown as lists of the logs "
                "(install Graphviz, or set graphviz_dot to where dot is)",
                (docname, wrapper.line),
            )
            return


def setup_collection(app: Sphinx) -> None:
    app.setup_extension("sphinx.ext.graphviz")
    app.connect("doctree-resolved", warn_missing_dot, priority=600)


COLLECTION = Graph()
