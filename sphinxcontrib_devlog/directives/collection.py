"""The collection directives: ``devlog:outstanding``, ``devlog:lessonlist``,
``devlog:logtable``, ``devlog:timeline``, ``devlog:stats``, ``devlog:filehistory``.

Each leaves a placeholder at read time; it is filled once every document is read
(:func:`sphinxcontrib_devlog.events.fill_collections`), and every page holding one
is written again whenever any log changes.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..nodes import devlog_placeholder
from ..selection import FILTER_OPTIONS, parse_filter
from ..util import devlog_config, warn
from .log import LenientOptions, option_line

#: collection directive name -> its default sort
COLLECTIONS = {
    "outstanding": "date",
    "lessonlist": "date",
    "logtable": "date",
    "timeline": "-date",
    "stats": "date",
    "filehistory": "date",
}


class devlog_collection(devlog_placeholder, nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for a collection; ``kind`` and ``filter`` attributes."""


class CollectionDirective(SphinxDirective):
    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = LenientOptions(
        {name: directives.unchanged for name in (*FILTER_OPTIONS, "class")}
    )
    kind: ClassVar[str] = ""

    def run(self) -> list[nodes.Node]:
        docname = self.env.current_document.docname
        config = devlog_config(self.config)
        raw = {k: v or "" for k, v in self.options.items()}
        flt, problems = parse_filter(raw, config.devlog_statuses, COLLECTIONS[self.kind])
        for problem in problems:
            line = option_line(self, problem.option)
            warn(problem.subtype, f"{self.name}: {problem.message}", (docname, line))
        for option in sorted(set(raw) - {*FILTER_OPTIONS, "class"}):
            warn(
                "field",
                f"unknown option {option!r} of {self.name} (known: {', '.join(FILTER_OPTIONS)})",
                (docname, option_line(self, option)),
            )
        node = devlog_collection(kind=self.kind, filter=flt)
        node["classes"] += directives.class_option(raw.get("class", "")) if raw.get("class") else []
        self.set_source_info(node)
        return [node]


def make_collection_directive(kind: str) -> type[CollectionDirective]:
    return type(f"{kind.title()}Directive", (CollectionDirective,), {"kind": kind})
