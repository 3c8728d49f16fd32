"""Sphinx glue for plain-template logs: a transform that gives a matching document
without a ``devlog`` directive the same header and items a directive log has."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher

from . import render
from .directives.items import convert_list
from .filenames import ISO_DATE_IN_TEXT, basename, parse_filename
from .model import Problem, resolve_fields
from .nodes import devlog_header, devlog_items
from .plain import PlainLog, is_header_title, read_plain, resolve_status, section_kind
from .util import devlog_config, warn

_matchers: dict[tuple[str, ...], Matcher] = {}


def _matches(docname: str, globs: list[str]) -> bool:
    key = tuple(globs)
    if key not in _matchers:
        _matchers[key] = Matcher(list(globs))
    return _matchers[key](docname)


class PlainLogTransform(SphinxTransform):
    """Read a document matching ``devlog_plain_logs`` as a log (before the domain sees it)."""

    default_priority = 800  # after parsing, before the domains' process_doc (850)

    def apply(self, **kwargs: Any) -> None:
        config = devlog_config(self.config)
        docname = self.env.current_document.docname
        if not config.devlog_plain_logs or not _matches(docname, config.devlog_plain_logs):
            return
        if next(iter(self.document.findall(devlog_header)), None) is not None:
            return  # a directive log
        source = self.document.get("source", "")
        try:
            text = Path(source).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            return
        plain = read_plain(text)
        name = basename(docname)
        parts = parse_filename(name, config.devlog_filename_pattern)
        if parts is None and not plain.looks_like_a_log:
            return  # e.g. an index page among the logs
        self.make_log(plain, docname, source, parts.status if parts else "")

    def make_log(self, plain: PlainLog, docname: str, source: str, file_status: str) -> None:
        config = devlog_config(self.config)
        raw = plain.options()
        problems: list[Problem] = []
        if "status" in raw:
            written = raw["status"]
            status = resolve_status(
                written, config.devlog_statuses, config.devlog_status_aliases, file_status
            )
            if status is None:
                del raw["status"]
                problems.append(
                    Problem(
                        "field",
                        f"cannot read a status from {written!r} (add it to "
                        "devlog_status_aliases); using the filename's",
                        "status",
                    )
                )
            else:
                raw["status"] = status
        if "date" in raw:
            found = ISO_DATE_IN_TEXT.search(raw["date"])
            if found:
                raw["date"] = found.group(0)
        fields, _parts, checked = resolve_fields(basename(docname), raw, config)
        problems += checked
        fallback = plain.header_line or plain.title_line or 1
        for problem in problems:
            line = plain.fields[problem.option].line if problem.option in plain.fields else fallback
            warn(problem.subtype, problem.message, (docname, line))

        title_section = self.title_section()
        inline = {
            key: [nodes.Text(getattr(fields, key))]
            for key in ("purpose", "dependencies", "target")
            if getattr(fields, key)
        }
        head = render.header(
            fields,
            config,
            docname=docname,
            source=source,
            line=fallback,
            inline=inline,
            option_lines={k: f.line for k, f in plain.fields.items()},
        )
        head["classes"].append("devlog-plain")
        head["devlog_fields"] = fields
        head["devlog_summary"] = ""
        if title_section is None:
            self.document.insert(0, head)
        else:
            title_section.insert(1, head)
        for section in list(self.document.findall(nodes.section)):
            title = section.next_node(nodes.title)
            kind = section_kind(title.astext()) if title is not None else None
            if kind is None:
                continue
            for child in list(section.children):
                if isinstance(child, (nodes.bullet_list, nodes.enumerated_list)):
                    if convert_list(child, kind):
                        container = devlog_items(
                            kind=kind, classes=["devlog-items", f"devlog-{kind}s"]
                        )
                        container.source, container.line = child.source, child.line
                        child.replace_self(container)
                        container += child

    def title_section(self) -> nodes.section | None:
        """The section of the real title; a HEADER section above it is moved into it."""
        sections = [c for c in self.document.children if isinstance(c, nodes.section)]
        if not sections:
            return None
        first = sections[0]
        title = first.next_node(nodes.title)
        if title is not None and is_header_title(title.astext()) and len(sections) > 1:
            real = sections[1]
            self.document.remove(first)
            real.insert(1, first)
            return real
        return first
