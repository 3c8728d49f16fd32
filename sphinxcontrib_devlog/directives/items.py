"""Item containers: ``devlog:goals``, ``devlog:lessons``, ``devlog:next-steps``, ``devlog:files``.

Each list item becomes a :class:`~sphinxcontrib_devlog.nodes.devlog_item` carrying
its text and checkbox state; numbering and anchors are given once the whole
document is read (:meth:`DevlogDomain.process_doc`), when it is known whether
the document is a log.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, MutableMapping
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from mdit_py_plugins.wordcount import basic_count
from sphinx.util.docutils import SphinxDirective

from ..model import KIND_NAMES, collapse, is_blank, split_checkbox, split_file_entry
from ..nodes import checkbox, devlog_item, devlog_items, words
from ..template import item_message, placeholder_item
from ..warnings_ import DevlogWarning, warn
from .options import LenientOptions, option_line

#: directive name -> item kind
CONTAINERS = {"goals": "goal", "lessons": "lesson", "next-steps": "step", "files": "file"}
#: kinds whose items are a checklist
CHECKLIST_KINDS = ("goal", "step")


def _first_paragraph(item: nodes.Element) -> nodes.paragraph | None:
    for child in item.children:
        if isinstance(child, nodes.paragraph):
            return child
    return None


def take_checkbox(para: nodes.paragraph) -> bool | None:
    """Remove a checkbox from the start of *para* and return its state.

    Handles MyST's ``tasklist`` extension (a raw HTML ``<input>``) and a literal
    ``[ ]`` / ``[x]`` (reST, or MyST without the extension).
    """
    if not para.children:
        return None
    first = para.children[0]
    if isinstance(first, nodes.raw) and "checkbox" in first.astext():
        para.remove(first)
        return 'checked="checked"' in first.astext() or " checked" in first.astext()
    if isinstance(first, nodes.Text):
        checked, rest = split_checkbox(str(first))
        if checked is not None:
            if rest:
                para.replace(first, nodes.Text(rest))
            else:
                para.remove(first)
            return checked
    return None


#: one item of a simple MyST list: bullet, optional checkbox, then words and code spans
_CODE = r"`[^`\s\x00-\x1f\x7f](?:[^`\s\x00-\x1f\x7f]| )*(?<! )`(?!`)"
_SIMPLE_ITEM = re.compile(
    r"(?P<bullet>[-*+]) (?:\[(?P<box>[ x])\] )?"
    rf"(?P<text>(?:[A-Za-z]|{_CODE})(?:[A-Za-z0-9,.;:()'/%=?!+-]| (?! )|{_CODE})*)(?<! )"
)
_CODE_SPAN = re.compile(r"`([^`]+)`")
#: MyST extensions known to leave such plain words alone (none of their syntax can
#: occur in them); with any other one enabled, lists go to the parser
_PLAIN_WORD_EXTENSIONS = frozenset(
    {
        "amsmath",
        "attrs_block",
        "attrs_inline",
        "colon_fence",
        "deflist",
        "dollarmath",
        "fieldlist",
        "html_admonition",
        "html_image",
        "strikethrough",
        "tasklist",
    }
)


_BOX = re.compile(r"^\[[ x]\] ")


def _count_words(text: str, tasklist: bool) -> int:
    """Words as MyST's word count counts them, without a checkbox the tasklist took."""
    return basic_count(_BOX.sub("", text) if tasklist else text)


#: the myst-parser releases :func:`myst_markdown_env` was checked against: from the first
#: up to, not including, the second (5.1 and 5.2: the tests compare the fast path with the
#: parser there; under 5.0 a task list item's paragraph keeps another inline source)
MYST_CHECKED = ((5, 1), (5, 3))


def _release(version: str) -> tuple[int, int]:
    """``(major, minor)`` of a version string such as ``5.2.0`` or ``5.3.0rc1``."""
    match = re.match(r"(\d+)\.(\d+)", version)
    return (int(match[1]), int(match[2])) if match else (0, 0)


def _under_myst(directive: SphinxDirective) -> bool:
    """Whether MyST runs *directive*: MyST gives directives its documented
    :class:`myst_parser.mocking.MockState`; reST, ``{eval-rst}`` blocks included, gives
    docutils' own. (Before MyST's module is imported, no such state exists.)"""
    mocking = sys.modules.get("myst_parser.mocking")
    return mocking is not None and isinstance(directive.state, mocking.MockState)


def _settings(value: Callable[[str], Any]) -> tuple[object, ...]:
    """The MyST settings the fast path depends on, *value* giving each by its name."""
    return (
        frozenset(value("enable_extensions")),
        frozenset(value("disable_syntax")),
        bool(value("enable_checkboxes")),
        value("words_per_minute"),
    )


def myst_markdown_env(directive: SphinxDirective) -> MutableMapping[str, Any] | None:
    """The markdown-it env of the MyST parse running *directive*, or None.

    The fast path needs this env and MyST has no public way to reach it: it holds the
    document's link reference definitions (an item's ``[x]`` could name one) and its
    running word count, which MyST copies into the page metadata (``wordcount``, in
    templates ``meta.wordcount``) and the ``wordcount-words`` and ``wordcount-minutes``
    substitutions once the whole document is parsed. It is read from MyST's renderer
    (``state._renderer``) only under the releases in :data:`MYST_CHECKED`, whose
    nodes, source lines and word count the fast path reproduces. Under any other
    release this is None, and every list goes through MyST's nested parse.

    None too when the document's front matter (``myst:``) sets one of the settings
    the fast path reads from the Sphinx configuration to another value.
    """
    import myst_parser

    first, end = MYST_CHECKED
    if not first <= _release(myst_parser.__version__) < end:
        return None
    renderer = getattr(directive.state, "_renderer", None)
    document_settings = getattr(renderer, "md_config", None)
    md_env = getattr(renderer, "md_env", None)
    if document_settings is None or not isinstance(md_env, MutableMapping):
        return None
    # the same for every list of a document: asked once a document
    temp = directive.env.current_document
    same = temp.get("devlog_myst_settings")
    if same is None or same[0] is not document_settings:
        config = directive.config
        same = temp["devlog_myst_settings"] = (
            document_settings,
            _settings(lambda name: getattr(document_settings, name))
            == _settings(lambda name: config[f"myst_{name}"]),
        )
    return md_env if same[1] else None


def simple_list(directive: SphinxDirective) -> list[nodes.Node] | None:
    """The nodes MyST would give for a list of one-line items in plain words, or None.

    Nearly every item list is a run of ``- [x] words`` lines, and MyST's nested parse
    of each directive's content was the largest part of the extension's reading
    time. Such content is built here directly — the same nodes, classes, lines and
    sources as MyST makes (tests compare the two on generated lists). Anything
    else (markup, several lines an item, nesting, reST, a MyST release not in
    :data:`MYST_CHECKED`) goes to the parser.

    MyST's settings come from the Sphinx configuration, where MyST documents them
    (``myst_enable_extensions``, ``myst_disable_syntax``, ``myst_enable_checkboxes``,
    ``myst_words_per_minute``; under ``myst_commonmark_only`` or ``myst_gfm_only`` no
    directive runs).
    """
    if not _under_myst(directive):
        return None  # reST
    md_env = myst_markdown_env(directive)
    if md_env is None or md_env.get("references"):
        return None  # an unchecked release, or link definitions that a [x] could name
    config = directive.config
    extensions = set(config.myst_enable_extensions)
    if (
        not extensions <= _PLAIN_WORD_EXTENSIONS
        or config.myst_disable_syntax
        or config.myst_enable_checkboxes
    ):
        return None
    matches = [_SIMPLE_ITEM.fullmatch(line) for line in directive.content]
    if not matches or None in matches:
        return None
    bullets = {m["bullet"] for m in matches if m}
    if len(bullets) != 1:
        return None
    tasklist = "tasklist" in extensions
    source = directive.state.document["source"]
    first = directive.lineno + directive.content_offset + 1  # MyST: offset from lineno
    lst = nodes.bullet_list(bullet=bullets.pop())
    lst.source, lst.line = source, first
    words = 0
    for number, match in enumerate(matches):
        assert match is not None
        line = first + number
        item = nodes.list_item()
        box, words_only = match["box"], match["text"]
        # the text as written; convert_list reads the checkbox from it
        text = words_only if box is None else f"[{box}] {words_only}"
        if box is not None and tasklist:
            item["classes"].append("task-list-item")
            if "contains-task-list" not in lst["classes"]:
                lst["classes"].append("contains-task-list")
        # the inline source, as MyST keeps it (translations are keyed on it); its
        # tasklist takes the checkbox out
        para = nodes.paragraph(words_only if tasklist else text)
        for node in (item, para):
            node.source, node.line = source, line
        start = 0
        for span in _CODE_SPAN.finditer(text):
            if span.start() > start:
                para += nodes.Text(text[start : span.start()])
                words += _count_words(text[start : span.start()], tasklist)
            literal = nodes.literal(span[1], span[1])
            literal.source, literal.line = source, line
            para += literal
            start = span.end()
        if start < len(text):
            para += nodes.Text(text[start:])
            words += _count_words(text[start:], tasklist)
        item += para
        lst += item
    # MyST counts the words of every parse (``meta.wordcount`` in templates)
    count = md_env.setdefault("wordcount", {})
    count["words"] = count.get("words", 0) + words
    count["minutes"] = int(round(count["words"] / config.myst_words_per_minute))  # noqa: RUF046
    return [lst]


def _unboxed(para: nodes.paragraph | None, words: str) -> str:
    """*words* (a paragraph's text) without the checkbox :func:`take_checkbox` would take."""
    first = para.children[0] if para is not None and para.children else None
    if isinstance(first, nodes.raw) and "checkbox" in first.astext():
        return words[len(first.astext()) :]
    if isinstance(first, nodes.Text):
        checked, rest = split_checkbox(first.astext())
        if checked is not None:
            return rest + words[len(first.astext()) :]
    return words


#: attribute of a list item that says nothing: its kind (it keeps its number, see
#: :meth:`DevlogDomain.process_doc`, so that the items after it keep theirs)
BLANK = "devlog_blank"


def convert_list(lst: nodes.Element, kind: str) -> tuple[int, int, int]:
    """Turn the items of *lst* into ``devlog_item`` nodes; return how many, how many were
    left as they are because they say nothing, and how many because they are a template's
    placeholder text (:mod:`sphinxcontrib_devlog.template`; each a warning, and marked
    :data:`BLANK`)."""
    count = skipped = placeholders = 0
    for old in list(lst.children):
        if not isinstance(old, nodes.list_item):
            continue
        para = _first_paragraph(old)
        text_source: nodes.Element = para if para is not None else old
        text = collapse(_unboxed(para, words(text_source)))
        if is_blank(text) and para is not None:
            # nothing but a checkbox in the first paragraph: the item's text is its words
            rest = [c for c in old.children if c is not para and isinstance(c, nodes.Element)]
            text = collapse(" ".join(words(child) for child in rest))
            text_source = old
        if is_blank(text):
            warn(
                DevlogWarning.STRUCTURE,
                f"an empty {KIND_NAMES[kind].rstrip('s')} item is skipped",
                old,
            )
            old[BLANK] = kind
            skipped += 1
            continue
        path = description = ""
        if kind == "file":
            literal = next(
                (lit for lit in text_source.findall(nodes.literal) if lit.astext().strip()), None
            )
            path, description = split_file_entry(text, literal.astext() if literal else None)
        if placeholder_item(kind, text, path):
            # template text: no item either, but the directive holds what it should
            warn(DevlogWarning.STRUCTURE, item_message(kind, text), old)
            old[BLANK] = kind
            placeholders += 1
            continue
        item = devlog_item()
        item.update_all_atts(old)
        item.source, item.line = old.source, old.line
        item.extend(list(old.children))
        old.replace_self(item)
        checked = take_checkbox(para) if para is not None else None
        if checked is not None and para is not None:
            box = checkbox(checked)
            box.source, box.line = para.source, para.line
            para.insert(0, box)
            item["classes"].append("devlog-task")
        item["devlog_kind"] = kind
        item["devlog_checked"] = checked
        item["devlog_text"] = text
        if kind == "file":
            item["devlog_path"], item["devlog_description"] = path, description
        item["classes"] += ["devlog-item", f"devlog-{kind}"]
        count += 1
    if count:
        added = ["devlog-list"]
        if kind in CHECKLIST_KINDS:
            added += ["devlog-checklist", "contains-task-list"]
        lst["classes"] += [name for name in added if name not in lst["classes"]]
    return count, skipped, placeholders


class ItemsDirective(SphinxDirective):
    """A list whose items become goals, lessons, next steps or files of the log."""

    has_content = True
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = LenientOptions({"class": directives.class_option})
    kind: ClassVar[str] = ""
    #: build simple lists without the parser (off only to compare the two in tests)
    fast_path: ClassVar[bool] = True

    def run(self) -> list[nodes.Node]:
        name = self.name
        location = (self.env.current_document.docname, self.lineno)
        container = devlog_items(kind=self.kind, classes=["devlog-items", f"devlog-{self.kind}s"])
        container["classes"] += self.options.get("class", [])
        self.set_source_info(container)
        for option in sorted(set(self.options) - {"class"}):
            warn(
                DevlogWarning.FIELD,
                f"unknown option {option!r} of {name} (it takes only :class:)",
                (location[0], option_line(self, option)),
            )
        if self.arguments:
            warn(
                DevlogWarning.STRUCTURE,
                f"{name} takes no argument; {self.arguments[0]!r} is shown as a paragraph",
                location,
            )
            container += nodes.paragraph(self.arguments[0], self.arguments[0])
        if not self.content:
            warn(DevlogWarning.STRUCTURE, f"{name} is empty: it needs a list of items", location)
            return [container] if self.arguments else []
        simple = simple_list(self) if self.fast_path else None
        if simple is not None:
            container.extend(simple)  # one list of words: no directive inside
        else:
            container.extend(self.parse_content_to_nodes(allow_section_headings=False))
        lists = [
            child
            for child in container.children
            if isinstance(child, (nodes.bullet_list, nodes.enumerated_list))
        ]
        total = skipped = placeholders = 0
        for lst in lists:
            converted, empty, template = convert_list(lst, self.kind)
            total, skipped = total + converted, skipped + empty
            placeholders += template
        # an item directive inside this one (ran already; the domain reports it): its
        # items are this one's too, and it is no missing list
        nested = (
            None
            if simple is not None
            else next(iter(container.findall(devlog_items, include_self=False)), None)
        )
        if not total and not placeholders:  # a template's list is read, though no item
            if not skipped and nested is None:  # (empty items were reported one by one)
                warn(
                    DevlogWarning.STRUCTURE,
                    f"{name} holds no list: write its items as a bullet, numbered or task list"
                    " (the content is shown as written)",
                    location,
                )
            if nested is None or next(iter(container.findall(devlog_item)), None) is None:
                container["devlog_nolist"] = True
        return [container]


def make_items_directive(directive: str, kind: str) -> type[ItemsDirective]:
    return type(f"{kind.title()}ItemsDirective", (ItemsDirective,), {"kind": kind})
