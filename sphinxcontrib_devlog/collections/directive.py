"""The collection directives (``devlog:<name>``) and the placeholder they leave.

A collection directive reads its filter options and leaves a placeholder; the
placeholder is filled when the page is resolved, once every log is read
(:mod:`sphinxcontrib_devlog.collections.fill`), and a page holding one is written again
whenever any log changes (:mod:`sphinxcontrib_devlog.rewrites`).
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from ..config import devlog_config
from ..directives.options import LenientOptions, option_line
from ..nodes import devlog_placeholder
from ..warnings_ import DevlogWarning, warn
from .base import Collection
from .filters import FILTER_OPTIONS, parse_filter


class devlog_collection(devlog_placeholder, nodes.General, nodes.Element):  # noqa: N801
    """Placeholder for a collection; ``kind``, ``filter`` and ``options`` (the
    collection's own, checked) attributes."""


class CollectionDirective(SphinxDirective):
    has_content = False
    required_arguments = 0
    optional_arguments = 0
    option_spec: ClassVar[dict[str, Any]] = LenientOptions(
        {name: directives.unchanged for name in (*FILTER_OPTIONS, "class")}
    )
    collection: ClassVar[Collection]

    def run(self) -> list[nodes.Node]:
        docname = self.env.current_document.docname
        config = devlog_config(self.env)
        raw = {k: v or "" for k, v in self.options.items()}
        flt, problems = parse_filter(raw, config.devlog_statuses, self.collection.default_sort)
        for problem in problems:
            line = option_line(self, problem.option)
            warn(
                DevlogWarning.of(problem.subtype),
                f"{self.name}: {problem.message}",
                (docname, line),
            )
        own = self.collection.options
        chosen: dict[str, str] = {}
        for option, choice in own.items():
            chosen[option], message = choice.parse(option, raw.get(option))
            if message:
                warn(
                    DevlogWarning.FIELD,
                    f"{self.name}: {message}",
                    (docname, option_line(self, option if option in raw else "")),
                )
        known = (*FILTER_OPTIONS, *own)
        for option in sorted(set(raw) - {*known, "class"}):
            warn(
                DevlogWarning.FIELD,
                f"unknown option {option!r} of {self.name} (known: {', '.join(known)})",
                (docname, option_line(self, option)),
            )
        node = devlog_collection(kind=self.collection.name, filter=flt, options=chosen)
        node["classes"] += directives.class_option(raw.get("class", "")) if raw.get("class") else []
        self.set_source_info(node)
        return [node]


def directive_for(collection: Collection) -> type[CollectionDirective]:
    return type(
        f"{collection.name.title()}Directive", (CollectionDirective,), {"collection": collection}
    )
