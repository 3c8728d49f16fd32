"""The ``devlog`` (``devlog:log``) directive: makes a document a log and renders its header."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util.docutils import SphinxDirective

from .. import render
from ..filenames import basename
from ..model import LOG_OPTIONS, Problem, resolve_fields
from ..util import devlog_config, warn

if TYPE_CHECKING:
    from collections.abc import Callable


#: ``env.current_document`` key: the document holds a ``devlog`` directive
HAS_DIRECTIVE = "devlog_has_directive"

#: characters that may start inline markup in MyST or reST (else the text is plain)
_MARKUP = re.compile(r"[*_`<>\[\]{}:|\\&!$~^=+#@]")


class LenientOptions(dict[str, Any]):
    """An option spec that accepts unknown options, so the directive can warn about
    them itself (``devlog.field``) instead of docutils dropping the whole directive."""

    def __missing__(self, key: str) -> Callable[[str | None], str]:
        return directives.unchanged


def lenient(names: tuple[str, ...]) -> LenientOptions:
    return LenientOptions({name: directives.unchanged for name in names})


def option_line(directive: SphinxDirective, option: str) -> int:
    """The source line of ``:option:`` in *directive* (its first line if absent)."""
    if option:
        pattern = re.compile(rf"^\s*:{re.escape(option)}:")
        for offset, text in enumerate(directive.block_text.splitlines()):
            if pattern.match(text):
                return directive.lineno + offset
    return directive.lineno


class LogDirective(SphinxDirective):
    """A development log's header; the document holding it becomes a log."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = lenient(LOG_OPTIONS)

    def run(self) -> list[nodes.Node]:
        docname = self.env.current_document.docname
        self.env.current_document[HAS_DIRECTIVE] = True  # not a plain log, then
        config = devlog_config(self.config)
        source, line = self.get_source_info()
        raw = {k: (v or "") for k, v in self.options.items() if k in LOG_OPTIONS}
        problems = [
            Problem(
                "field",
                f"unknown option {key!r} of the devlog directive (known: {', '.join(LOG_OPTIONS)})",
                key,
            )
            for key in self.options
            if key not in LOG_OPTIONS
        ]
        fields, _parts, checked = resolve_fields(basename(docname), raw, config)
        fields.lines = {key: self.option_line(key) for key in raw}
        problems += checked

        inline: dict[str, list[nodes.Node]] = {}
        for key in ("purpose", "dependencies", "target"):
            text = raw.get(key, "").strip()
            if not text:
                continue
            if _MARKUP.search(text):
                parsed, messages = self.parse_inline(text, lineno=self.lineno)
            else:  # plain words: no need to run the inline parser
                parsed, messages = [nodes.Text(text)], []
            holder = nodes.inline("", "", *parsed)
            render.defuse_raw(holder)
            inline[key] = [holder, *messages]
            setattr(fields, key, " ".join(holder.astext().split()))

        summary: list[nodes.Node] = []
        if self.arguments:
            problems.append(
                Problem(
                    "structure",
                    "the devlog directive takes no argument (the log's title is the "
                    f"document's); {self.arguments[0]!r} is shown in the summary",
                )
            )
            summary.append(nodes.paragraph(self.arguments[0], self.arguments[0]))
        if self.content:
            summary += self.parse_content_to_nodes(allow_section_headings=False)
        holder = nodes.container("", *summary)
        render.defuse_raw(holder)
        summary = list(holder.children)
        summary_text = " ".join(holder.astext().split())
        if "summary" in config.devlog_required_fields and not summary:
            problems.append(Problem("field", f"log {basename(docname)!r} has no summary"))

        head = render.header(
            fields,
            config,
            docname=docname,
            source=source,
            line=line,
            inline=inline,
            summary=summary,
            option_lines={key: self.option_line(key) for key in ("follows", "closes")},
        )
        head["devlog_fields"] = fields
        head["devlog_summary"] = summary_text
        for problem in problems:
            warn(problem.subtype, problem.message, (docname, self.option_line(problem.option)))
        return [head]

    def option_line(self, option: str) -> int:
        return option_line(self, option)
