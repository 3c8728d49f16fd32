"""The links themselves: a log's Files Modified items to their files
(``devlog_source_url``), commit hashes in its text to their commits
(``devlog_commit_url``).

A log's page gets them when it is read (:func:`link_log`, from :mod:`.sources`); a
collection, when it is written: :func:`commit_linked` for the item text it shows (an item
link around it), :func:`source_uri` for the files of ``devlog:filehistory``. Every link
is an ordinary docutils reference to a URL, which every builder renders in its way (an
``<a>``, ``\\href``, the text alone).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator, Set
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .commits import commit_url, find_hashes, may_hold_hash
from .nodes import devlog_checkbox, devlog_item, devlog_items
from .plain.paths import without_lines
from .sourcepaths import SourcePath, classify, link_target, said_gone, source_url

if TYPE_CHECKING:
    from sphinx.environment import BuildEnvironment

    from .config import DevlogConfig
    from .model import Item, Log

#: the classes of the links made here
SOURCE_CLASS = "devlog-source-link"
COMMIT_CLASS = "devlog-commit-link"

#: the environment's attribute holding, from the build that read last, what the project
#: folder held of each Files Modified path: ``(root, {path as written: found})``
SURVEY_ATTRIBUTE = "devlog_source_survey"

#: what is never linked into, nor looked into: links, code blocks, raw markup,
#: titles (a heading stays a heading), targets, comments and the like
_SKIP: tuple[type[nodes.Node], ...] = (
    nodes.reference,
    addnodes.pending_xref,
    nodes.FixedTextElement,
    nodes.Invisible,
    nodes.title,
    nodes.subtitle,
    nodes.math,
    nodes.image,
    nodes.footnote_reference,
    nodes.citation_reference,
    nodes.substitution_reference,
    nodes.problematic,
    nodes.system_message,
    devlog_checkbox,
)

FoundLookup = Callable[[SourcePath], "str | None"]


def stored_survey(env: BuildEnvironment) -> dict[str, str | None]:
    """What the last survey found of each Files Modified path (empty: none was made)."""
    stored = getattr(env, SURVEY_ATTRIBUTE, None)
    return stored[1] if stored is not None else {}


def file_uri(config: DevlogConfig, path: str, found: FoundLookup | None) -> str | None:
    """The URL a Files Modified *path* links to, or ``None``: no ``devlog_source_url``, no
    path, a glob (unless it exists as written), a path leaving the project, or an
    absolute path not found in it (*found* looks one up; ``None``: no
    ``devlog_source_root``)."""
    if not config.devlog_source_url:
        return None
    source = classify(path)
    if source is None:
        return None
    looked = source.kind != "relative" or source.bracketed
    matched = found(source) if found is not None and looked else None
    target = link_target(source, matched)
    return source_url(config.devlog_source_url, target) if target else None


def item_gone(item: Item) -> bool:
    """Whether a Files Modified *item* says its file is gone (deleted, renamed ...): its
    path is neither looked for nor linked."""
    return said_gone(item.path, item.text, item.description)


def source_uri(
    env: BuildEnvironment, config: DevlogConfig, path: str, latest: Item | None = None
) -> str | None:
    """:func:`file_uri` once every log is read (for a collection): an absolute path is
    looked up in this build's survey. ``None`` too when the *latest* item listing the
    path says the file is gone."""
    if latest is not None and item_gone(latest):
        return None
    survey = stored_survey(env)
    return file_uri(config, path, lambda source: survey.get(source.written))


def source_reference(child: nodes.Node, uri: str) -> nodes.reference:
    return nodes.reference("", "", child, refuri=uri, classes=[SOURCE_CLASS])


def commit_reference(child: nodes.Node, template: str, sha: str) -> nodes.reference:
    return nodes.reference("", "", child, refuri=commit_url(template, sha), classes=[COMMIT_CLASS])


# -- a log's page ---------------------------------------------------------------------


def link_log(
    document: nodes.document,
    log: Log,
    uri_of: Callable[[str], str | None] | None,
    commit_template: str,
) -> None:
    """Make *log*'s Files Modified paths links (*uri_of*: the URL of a path, if any) —
    each item's first inline literal that is its path, else the path's first mention
    in its words; not a file said to be gone — and then every commit hash in the text
    of its page (*commit_template*: ``devlog_commit_url``, if set). One walk of the
    page."""
    uris: dict[str, str] = {}
    if uri_of is not None:
        for item in log.files:
            uri = uri_of(item.path) if item.path and not item_gone(item) else None
            if uri is not None:
                uris[item.anchor] = uri
    if not uris and not commit_template:
        return
    units: list[nodes.Element] = []
    holders: dict[str, nodes.Element] = {}
    _scan(document, uris.keys(), units, holders)
    for item in log.files:
        holder = holders.get(item.anchor)
        if holder is not None and item.anchor in uris:
            _link_path(holder, item.path, uris[item.anchor])
    if commit_template:
        for unit in units:
            _link_unit(unit, commit_template)


def _scan(
    node: nodes.Element,
    anchors: Set[str],
    units: list[nodes.Element],
    holders: dict[str, nodes.Element],
) -> None:
    """Collect the elements that hold a run of text (paragraphs, terms, ...) outside
    what :data:`_SKIP` names, and the node of each item anchor in *anchors*: the item
    (a list item), or where the anchor's target stands (a paragraph, a table row, a
    section)."""
    for child in node.children:
        if not isinstance(child, nodes.Element):
            continue
        if anchors and child["ids"]:
            _note_anchors(child, anchors, holders)
        if isinstance(child, _SKIP):
            continue
        if isinstance(child, nodes.TextElement) and not isinstance(child, nodes.Inline):
            units.append(child)
            if anchors:  # a plain log's item: a target at the start of its paragraph
                for inner in child.children:
                    if isinstance(inner, nodes.target) and inner["ids"]:
                        _note_anchors(inner, anchors, holders)
        else:
            _scan(child, anchors, units, holders)


def _note_anchors(
    node: nodes.Element, anchors: Set[str], holders: dict[str, nodes.Element]
) -> None:
    if not isinstance(node, (devlog_item, nodes.target)):
        return
    for anchor in node["ids"]:
        if anchor in anchors:
            holders[anchor] = node if isinstance(node, devlog_item) else _holder(node)


def _holder(target: nodes.Element) -> nodes.Element:
    parent = target.parent
    node = parent
    while node is not None and not isinstance(node, (nodes.section, nodes.document)):
        if isinstance(node, nodes.row):
            return node  # an item in a table: its row
        node = node.parent
    return parent


def _own_nodes(holder: nodes.Element) -> Iterator[nodes.Node]:
    """The nodes of an item, in order, leaving out what :data:`_SKIP` names and the nodes
    of other items inside it."""
    for child in holder.children:
        if isinstance(child, _SKIP) or isinstance(child, (devlog_item, devlog_items)):
            continue
        yield child
        if isinstance(child, nodes.Element) and not isinstance(child, nodes.literal):
            yield from _own_nodes(child)


def _link_path(holder: nodes.Element, path: str, uri: str) -> None:
    own = list(_own_nodes(holder))
    for node in own:
        if isinstance(node, nodes.literal):
            text = node.astext().strip()
            if text == path or without_lines(text) == path:
                ref = nodes.reference("", "", refuri=uri, classes=[SOURCE_CLASS])
                ref.source, ref.line = node.source, node.line
                node.parent.replace(node, ref)
                ref += node
                return
    pattern = re.compile(rf"(?<![\w./\\~-]){re.escape(path)}(?![\w/\\-]|\.\w)")
    for node in own:
        if isinstance(node, nodes.Text):
            match = pattern.search(str(node))
            if match is not None:
                text = str(node)
                pieces: list[nodes.Node] = []
                if match.start():
                    pieces.append(nodes.Text(text[: match.start()]))
                ref = source_reference(nodes.Text(match[0]), uri)
                ref.source, ref.line = holder.source, holder.line
                pieces.append(ref)
                if match.end() < len(text):
                    pieces.append(nodes.Text(text[match.end() :]))
                node.parent.replace(node, pieces)
                return


# -- commit hashes ----------------------------------------------------------------------


def _leaves(node: nodes.Element, linkable: bool, out: list[tuple[nodes.Text, bool]]) -> None:
    """The text nodes of *node* in order, each with whether a hash in it may be linked
    (not in a link, raw markup, ...; in inline code, only code that is text alone)."""
    for child in node.children:
        if isinstance(child, nodes.Text):
            out.append((child, linkable))
        elif isinstance(child, nodes.literal):
            plain = len(child.children) == 1 and isinstance(child[0], nodes.Text)
            _leaves(child, linkable and plain, out)
        elif isinstance(child, nodes.Element):
            _leaves(child, linkable and not isinstance(child, _SKIP), out)


def _link_unit(unit: nodes.Element, template: str) -> None:
    if not may_hold_hash(unit.astext()):
        return
    leaves: list[tuple[nodes.Text, bool]] = []
    _leaves(unit, True, leaves)
    starts: list[int] = []
    position = 0
    for leaf, _ in leaves:
        starts.append(position)
        position += len(leaf)
    text = "".join(str(leaf) for leaf, _ in leaves)
    spans = find_hashes(text)
    if not spans:
        return
    by_leaf: dict[int, list[tuple[int, int]]] = {}
    for start, end in spans:
        index = bisect.bisect_right(starts, start) - 1
        leaf, linkable = leaves[index]
        offset = starts[index]
        if linkable and end - offset <= len(leaf):  # (a hash across two nodes: none)
            by_leaf.setdefault(index, []).append((start - offset, end - offset))
    for index, local in by_leaf.items():
        leaf = leaves[index][0]
        parent = leaf.parent
        if isinstance(parent, nodes.literal):
            _split_literal(parent, local, template)
        else:
            _split_text(leaf, local, template, unit)


def _split_text(
    leaf: nodes.Text, spans: list[tuple[int, int]], template: str, unit: nodes.Element
) -> None:
    text = str(leaf)
    pieces: list[nodes.Node] = []
    position = 0
    for start, end in spans:
        if start > position:
            pieces.append(nodes.Text(text[position:start]))
        ref = commit_reference(nodes.Text(text[start:end]), template, text[start:end])
        ref.source, ref.line = unit.source, unit.line
        pieces.append(ref)
        position = end
    if position < len(text):
        pieces.append(nodes.Text(text[position:]))
    leaf.parent.replace(leaf, pieces)


def _split_literal(literal: nodes.literal, spans: list[tuple[int, int]], template: str) -> None:
    """Inline code holding hashes: the code around each hash stays code; each hash is a
    link around code of its own."""
    text = literal.astext()
    parent = literal.parent

    def code(part: str, first: bool) -> nodes.literal:
        piece = literal.copy()
        piece.rawsource = part
        if not first:
            piece["ids"] = []
        piece += nodes.Text(part)
        piece.source, piece.line = literal.source, literal.line
        return piece

    pieces: list[nodes.Node] = []
    position = 0
    for start, end in spans:
        if start > position:
            pieces.append(code(text[position:start], not pieces))
        ref = commit_reference(code(text[start:end], not pieces), template, text[start:end])
        ref.source, ref.line = literal.source, literal.line
        pieces.append(ref)
        position = end
    if position < len(text):
        pieces.append(code(text[position:], False))
    parent.replace(literal, pieces)


def commit_linked(
    text: str, template: str, link: Callable[[str], nodes.Node]
) -> nodes.inline | None:
    """*text* with a link to its commit for each hash in it, and *link* (``link(words)``:
    a link to what the text is, an item) around the words between them; ``None`` when
    it holds no hash, or nothing besides (an item's link keeps words of its own)."""
    spans = find_hashes(text)
    if not spans:
        return None
    pieces: list[tuple[str, bool]] = []
    position = 0
    for start, end in [*spans, (len(text), len(text))]:
        if start > position:
            pieces.append((text[position:start], False))
        if end > start:
            pieces.append((text[start:end], True))
        position = end
    if not any(re.search(r"\w", piece) for piece, sha in pieces if not sha):
        return None
    out = nodes.inline()
    for piece, sha in pieces:
        if sha:
            out += commit_reference(nodes.Text(piece), template, piece)
            continue
        # the spaces around the words stay out of the link
        match = re.fullmatch(r"(\s*)(.*?)(\s*)", piece, re.DOTALL)
        assert match is not None
        before, words, after = match.groups()
        if before:
            out += nodes.Text(before)
        if words:
            out += link(words)
        if after:
            out += nodes.Text(after)
    return out
