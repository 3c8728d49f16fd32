"""Sphinx glue for plain logs: a document matching ``devlog_plain_logs`` without a
``devlog`` directive is read by :func:`~.reader.read_document` and given the header, item
anchors and data a directive log has."""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import patmatch

from ..config import DevlogConfig, devlog_config
from ..directives.items import take_checkbox
from ..directives.log import HAS_DIRECTIVE
from ..fields import BY_NAME, TEXT_OPTION_NAMES
from ..filenames import basename, parse_filename, title_from_name
from ..header import header
from ..model import ITEM_KINDS, Fields, Item, Problem, collapse, resolve_fields
from ..nodes import checkbox, devlog_item
from ..warnings_ import DevlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .reader import PlainItem, PlainLog

# the reader (``.reader``, ``.status`` and the modules they use) is imported when a
# document is read as a plain log: a project without plain logs never loads it

#: ``env.current_document`` key of the text the parser read
SOURCE_KEY = "devlog_source_text"
#: ``env.current_document`` key: a document of ``devlog_plain_logs`` not read as a log
NOT_A_LOG = "devlog_not_a_log"
#: a status line longer than this that cannot be read is prose, not a status
_STATUS_WORDS = 8
#: names that announce a status line: the status field's words, less the weak ones (``Outcome``
#: and ``Result`` often head prose)
_STATUS_NAMES = frozenset(set(BY_NAME["status"].words) - set(BY_NAME["status"].weak_words))


def plain_candidate(docname: str, config: DevlogConfig) -> tuple[bool, str]:
    """Whether a document is to be read as a plain log (when it has no directive), and
    if not, why: the one rule of the build and ``sphinx-devlog show``."""
    if not config.devlog_plain_logs:
        return False, "devlog_plain_logs is empty"
    if not any(patmatch(docname, glob) for glob in config.devlog_plain_logs):
        return False, f"it does not match devlog_plain_logs ({', '.join(config.devlog_plain_logs)})"
    name = basename(docname).lower()
    for pattern in config.devlog_plain_exclude:
        subject = docname.lower() if "/" in pattern else name
        if fnmatch.fnmatchcase(subject, pattern.lower()):
            return False, f"devlog_plain_exclude holds {pattern!r}"
    return True, ""


def keep_source(app: Sphinx, docname: str, source: list[str]) -> None:
    """``source-read`` (last): keep the text the parser reads, for the heading levels."""
    if plain_candidate(docname, devlog_config(app.env))[0]:
        app.env.current_document[SOURCE_KEY] = source[0]


class PlainLogTransform(SphinxTransform):
    """Read a document matching ``devlog_plain_logs`` as a log (before the domain sees it).

    Before smart quotes (750), so the items' words are the ones written, as a directive
    log's are, and as the command line reads them.
    """

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        config = devlog_config(self.env)
        docname = self.env.current_document.docname
        candidate, _why = plain_candidate(docname, config)
        if not candidate:
            return
        if self.env.current_document.get(HAS_DIRECTIVE):
            return  # a directive log
        text = self.env.current_document.get(SOURCE_KEY)
        if not isinstance(text, str):
            try:
                text = Path(self.document["source"]).read_text(encoding="utf-8-sig")
            except (OSError, UnicodeDecodeError, KeyError):
                text = ""
        from .reader import read_document

        markdown = str(self.document.get("source", "")).endswith((".md", ".markdown"))
        plain = read_document(
            self.document, text.splitlines() if markdown else (), config.section_words
        )
        name = basename(docname)
        parts = parse_filename(name, config.devlog_filename_pattern, config.devlog_statuses)
        if parts is None and not plain.looks_like_a_log:
            # e.g. a page of notes among the logs: a page, which the brief counts
            self.env.current_document[NOT_A_LOG] = True
            return
        self.make_log(plain, docname, parts.status if parts else "")

    def make_log(self, plain: PlainLog, docname: str, file_status: str) -> None:
        config = devlog_config(self.env)
        source = self.document.get("source", "")
        fields, problems = self.read_fields(plain, docname, file_status, config)
        fallback = plain.header_line or plain.title_line or 1
        for problem in problems:
            field = plain.fields.get(problem.option)
            warn(
                DevlogWarning.of(problem.subtype),
                problem.message,
                (docname, field.line if field else fallback),
            )
        for subtype, message, line in plain.notes:
            warn(DevlogWarning.of(subtype), message, (docname, line or fallback))

        title = plain.title or title_from_name(
            basename(docname), config.devlog_filename_pattern, config.devlog_statuses
        )
        section = self.title_section(plain, title)
        inline = {
            key: [nodes.Text(getattr(fields, key))]
            for key in TEXT_OPTION_NAMES
            if getattr(fields, key)
        }
        head = header(
            fields,
            config,
            docname=docname,
            source=source,
            line=fallback,
            inline=inline,
            option_lines=fields.lines,
        )
        head["classes"].append("devlog-plain")
        head["devlog_fields"] = fields
        head["devlog_summary"] = ""
        head["devlog_title"] = title
        head["devlog_items"] = self.mark_items(plain)
        head["devlog_blanks"] = {kind: list(numbers) for kind, numbers in plain.blanks.items()}
        head["devlog_sections"], head["devlog_unread"] = _coverage(plain)
        section.insert(1, head)

    def read_fields(
        self, plain: PlainLog, docname: str, file_status: str, config: DevlogConfig
    ) -> tuple[Fields, list[Problem]]:
        from .status import resolve_status

        raw = plain.options()
        problems: list[Problem] = []
        written = raw.pop("status", None)
        if written is not None:
            reading = resolve_status(
                written, config.devlog_statuses, config.devlog_status_aliases, file_status
            )
            where = plain.fields["status"]
            if reading.status is None:
                # "Outcome: <a paragraph of prose>" is a story, not a status line
                if where.name in _STATUS_NAMES or len(written.split()) <= _STATUS_WORDS:
                    problems.append(
                        Problem(
                            "field",
                            f"cannot read a status from {written!r} ({reading.doubt}); using "
                            "the filename's (add the words to devlog_status_aliases)",
                            "status",
                        )
                    )
            else:
                raw["status"] = reading.status
                if reading.doubt:
                    problems.append(
                        Problem(
                            "field",
                            f"the status {written!r} is unclear ({reading.doubt}); shown as "
                            f"{reading.status!r}",
                            "status",
                        )
                    )
        fields, _parts, checked = resolve_fields(basename(docname), raw, config)
        fields.lines = {option: f.line for option, f in plain.fields.items()}
        if written is not None and collapse(written).casefold() != fields.status.casefold():
            fields.status_text = collapse(written)
        if problems and problems[0].option == "status" and "status" not in raw:
            # the unreadable status line is the problem; "has no status" would say it twice
            checked = [p for p in checked if not (p.option == "status" and p.subtype == "field")]
        return fields, problems + checked

    def title_section(self, plain: PlainLog, title: str) -> nodes.Element:
        """The section the header goes in: the title's. A HEADER section above the title
        is moved into it; a log without a title heading gets one (its filename's words),
        so that its page is not titled after its first section."""
        section = plain.title_section
        if section is not None and section.parent is self.document:
            header = plain.header_section
            if (
                header is not None
                and header.parent is self.document
                and self.document.index(header) < self.document.index(section)
            ):
                self.document.remove(header)
                section.insert(1, header)
            return section
        new = nodes.section("", nodes.title(title, title))
        new["names"].append(nodes.fully_normalize_name(title))
        self.document.note_implicit_target(new, new)  # a unique id, as a heading gets
        moving = [
            child
            for child in self.document.children
            if not isinstance(child, (nodes.docinfo, nodes.decoration))
        ]
        for child in moving:
            self.document.remove(child)
        new.extend(moving)
        new.source, new.line = self.document.get("source"), 1
        self.document.append(new)
        return new

    def mark_items(self, plain: PlainLog) -> dict[str, list[Item]]:
        """Anchor every item where it stands; return them numbered, by kind."""
        out: dict[str, list[Item]] = {kind: [] for kind in ITEM_KINDS}
        converted: dict[int, nodes.Element] = {}
        for found in (item for kind in ITEM_KINDS for item in plain.items[kind]):
            # by position: an empty item before it keeps its number (and is no item)
            number = found.number or len(out[found.kind]) + 1
            anchor = f"devlog-{found.kind}-{number}"
            out[found.kind].append(
                Item(
                    kind=found.kind,
                    number=number,
                    text=found.text,
                    checked=found.checked,
                    anchor=anchor,
                    line=found.line,
                    path=found.path,
                    description=found.description,
                )
            )
            node = found.node
            if node is None:
                continue
            target = converted.get(id(node))
            if target is None:
                target = converted[id(node)] = _mark(node, found)
            if isinstance(target, devlog_item):
                target["ids"].append(anchor)
            else:
                _anchor_into(target, anchor)
        return out


def _mark(node: nodes.Element, found: PlainItem) -> nodes.Element:
    """Make an item's node a :class:`devlog_item` (a list item) or class it (others)."""
    classes = ["devlog-item", f"devlog-{found.kind}"]
    if isinstance(node, nodes.list_item) and node.parent is not None:
        # the list item becomes a devlog_item where it stands: the same node, its children
        # and attributes untouched, only its class (which adds no state of its own)
        node.__class__ = devlog_item
        item = node
        if found.marker == "box":
            para = next((c for c in item.children if isinstance(c, nodes.paragraph)), None)
            if para is not None and take_checkbox(para) is not None:
                box = checkbox(bool(found.checked))
                box.source, box.line = para.source, para.line
                para.insert(0, box)
                item["classes"].append("devlog-task")
        item["classes"] += classes
        lst = item.parent
        if lst is not None:
            added = ["devlog-list"]
            if found.kind in ("goal", "step") and found.marker == "box":
                added += ["devlog-checklist", "contains-task-list"]
            lst["classes"] += [c for c in added if c not in lst["classes"]]
        return item
    node["classes"] += [c for c in classes if c not in node["classes"]]
    return node


def _anchor_into(node: nodes.Element, anchor: str) -> None:
    """An anchor at the start of a paragraph, a table row or a section that is an item (a
    target, which every builder renders as a link destination)."""
    target = nodes.target("", "", ids=[anchor])
    if isinstance(node, nodes.section):  # right under its title
        target.source, target.line = node.source, node.line
        node.insert(1 if node.children and isinstance(node[0], nodes.title) else 0, target)
        return
    holder: nodes.Element = node
    if isinstance(node, nodes.row):
        holder = next(iter(node.findall(nodes.paragraph)), node)
    target.source, target.line = holder.source, holder.line
    holder.insert(0, target)


def _coverage(plain: PlainLog) -> tuple[dict[str, int], dict[str, int]]:
    from .reader import REPORTED_KINDS

    sections: dict[str, int] = {}
    unread: dict[str, int] = {}
    for section in plain.sections:
        sections[section.kind] = sections.get(section.kind, 0) + 1
        if not section.items and not section.says_none and section.kind in REPORTED_KINDS:
            unread[section.kind] = unread.get(section.kind, 0) + 1
    return sections, unread


def setup_plain(app: Sphinx) -> None:
    app.add_transform(PlainLogTransform)
    app.connect("source-read", keep_source, priority=900)  # after those that change it
