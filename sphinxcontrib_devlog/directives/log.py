"""The ``devlog`` (``devlog:log``) directive: makes a document a log and renders its header."""

from __future__ import annotations

import re
from typing import Any, ClassVar

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.parsing import nested_parse_to_nodes

from ..config import devlog_config
from ..fields import TEXT_OPTION_NAMES
from ..filenames import basename
from ..header import header
from ..model import LOG_OPTIONS, Problem, resolve_fields
from ..nodes import words
from ..warnings_ import DevlogWarning, warn
from .options import read_options

#: ``env.current_document`` key: the document holds a ``devlog`` directive
HAS_DIRECTIVE = "devlog_has_directive"

#: characters that may start inline markup in MyST or reST (else the text is plain)
_MARKUP = re.compile(r"[*_`<>\[\]{}:|\\&!$~^=+#@]")


class LogDirective(SphinxDirective):
    """A development log's header; the document holding it becomes a log."""

    has_content = True
    required_arguments = 0
    optional_arguments = 0
    final_argument_whitespace = True
    #: none for the parsers: the directive reads its options itself (:mod:`.options`),
    #: so that one bad line never makes MyST or docutils drop them all
    option_spec: ClassVar[dict[str, Any] | None] = None
    #: option -> the source line it is written on
    lines: dict[str, int]

    def run(self) -> list[nodes.Node]:
        docname = self.env.current_document.docname
        self.env.current_document[HAS_DIRECTIVE] = True  # not a plain log, then
        config = devlog_config(self.env)
        source, line = self.get_source_info()
        block = read_options(self.block_text, self.content)
        self.lines = {name: self.lineno + o.offset for name, o in block.options.items()}
        for message, offset in block.problems:
            warn(DevlogWarning.FIELD, message, (docname, self.lineno + offset))
        for first, again in block.repeated:
            warn(
                DevlogWarning.FIELD,
                f"option {again.name!r} is given again (first on line "
                f"{self.lineno + first.offset}): the first value, {first.value!r}, is used",
                (docname, self.lineno + again.offset),
            )
        raw = {k: o.value for k, o in block.options.items() if k in LOG_OPTIONS}
        problems = [
            Problem(
                "field",
                f"unknown option {key!r} of the devlog directive (known: {', '.join(LOG_OPTIONS)})",
                key,
            )
            for key in block.options
            if key not in LOG_OPTIONS
        ]
        fields, _parts, checked = resolve_fields(basename(docname), raw, config)
        fields.lines = {key: self.option_line(key) for key in raw}
        problems += checked

        inline: dict[str, list[nodes.Node]] = {}
        for key in TEXT_OPTION_NAMES:
            text = raw.get(key, "").strip()
            if not text:
                continue
            if _MARKUP.search(text):
                parsed, messages = self.parse_inline(text, lineno=self.option_line(key))
            else:  # plain words: no need to run the inline parser
                parsed, messages = [nodes.Text(text)], []
            holder = nodes.inline("", "", *parsed)
            inline[key] = [holder, *messages]
            setattr(fields, key, " ".join(holder.astext().split()))

        summary: list[nodes.Node] = []
        if block.argument:
            problems.append(
                Problem(
                    "structure",
                    "the devlog directive takes no argument (the log's title is the "
                    f"document's); {block.argument!r} is shown in the summary",
                )
            )
            summary.append(nodes.paragraph(block.argument, block.argument))
        body = self.content[block.used :]
        offset = self.content_offset + block.used
        while body and not body[0].strip():
            body, offset = body[1:], offset + 1
        if body:
            summary += nested_parse_to_nodes(
                self.state, body, offset=offset, allow_section_headings=False
            )
        summary_text = " ".join(words(nodes.container("", *summary)).split())
        if "summary" in config.devlog_required_fields and not summary:
            problems.append(Problem("field", f"log {basename(docname)!r} has no summary"))

        head = header(
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
            warn(
                DevlogWarning.of(problem.subtype),
                problem.message,
                (docname, self.option_line(problem.option)),
            )
        return [head]

    def option_line(self, option: str) -> int:
        """The source line of ``:option:`` (its first, if given twice), else the directive's."""
        line = self.lines.get(option)
        return line if line is not None else int(self.lineno)
