"""Docutils nodes for headers, badges and references.

Everything is built from standard nodes, so text is escaped by the writers and
the HTML, LaTeX, text and man builders all work.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes

from .config import DevlogConfig
from .model import Fields, time_text
from .nodes import devlog_backlinks, devlog_header


def badge(status: str, config: DevlogConfig) -> nodes.inline:
    """A sphinx-design badge for *status* (no colour when the status is unknown)."""
    key = status.lower()
    colour = config.devlog_statuses.get(key)
    classes = ["sd-sphinx-override", "sd-badge", "devlog-status"]
    if colour:
        classes += [f"sd-bg-{colour}", f"sd-bg-text-{colour}", f"devlog-status-{key}"]
    else:
        classes += ["devlog-status-unknown"]
    return nodes.inline(status, status, classes=classes)


def tag_badge(tag: str) -> nodes.inline:
    return nodes.inline(
        tag,
        tag,
        classes=[
            "sd-sphinx-override",
            "sd-badge",
            "sd-outline-muted",
            "sd-text-muted",
            "devlog-tag",
        ],
    )


def pending_ref(
    reftype: str, target: str, docname: str, source: str | None, line: int | None
) -> addnodes.pending_xref:
    """A reference to a log or item, resolved by the devlog domain."""
    ref = addnodes.pending_xref(
        "",
        refdomain="devlog",
        reftype=reftype,
        reftarget=target,
        refexplicit=False,
        refwarn=True,
        refdoc=docname,
    )
    ref += nodes.inline(target, target, classes=["xref", "devlog", f"devlog-{reftype}"])
    ref.source, ref.line = source, line
    return ref


def _joined(parts: Iterable[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for i, part in enumerate(parts):
        if i:
            out.append(nodes.Text(sep))
        out.append(part)
    return out


def _field(name: str, body: Sequence[nodes.Node], key: str) -> nodes.field:
    para = nodes.paragraph("", "", *body)
    return nodes.field(
        "",
        nodes.field_name(name, name),
        nodes.field_body("", para),
        classes=[f"devlog-field-{key}"],
    )


def header(
    fields: Fields,
    config: DevlogConfig,
    *,
    docname: str,
    source: str | None,
    line: int | None,
    inline: dict[str, list[nodes.Node]],
    summary: Sequence[nodes.Node] = (),
    option_lines: dict[str, int] | None = None,
) -> devlog_header:
    """Render a log header.

    *inline* maps ``purpose``, ``dependencies`` and ``target`` to their parsed
    inline nodes; *summary* is the parsed summary content; *option_lines* gives
    the source line of each option, for the references' warnings.
    """
    lines = option_lines or {}
    head = devlog_header(classes=["devlog-header"])
    head.source, head.line = source, line

    meta = nodes.paragraph(classes=["devlog-meta"])
    if fields.status:
        meta += badge(fields.status, config)
    date_text = fields.date or fields.unreadable.get("date", "")
    if date_text:
        if len(meta):
            meta += nodes.Text(" ")
        meta += nodes.inline(date_text, date_text, classes=["devlog-date"])
    for tag in fields.tags:
        meta += nodes.Text(" ")
        meta += tag_badge(tag)
    if len(meta):
        head += meta

    flist = nodes.field_list(classes=["devlog-fields"])
    for key, label in (
        ("purpose", "Purpose"),
        ("dependencies", "Dependencies"),
        ("target", "Target"),
    ):
        body = inline.get(key)
        if body:
            flist += _field(label, body, key)
    time = time_text(fields)
    if time:
        flist += _field("Time", [nodes.Text(time)], "time")
    if fields.follows:
        refs = [
            pending_ref("log", t, docname, source, lines.get("follows", line))
            for t in fields.follows
        ]
        flist += _field("Follows", _joined(refs), "follows")
    if fields.closes:
        refs = [
            pending_ref("step", t, docname, source, lines.get("closes", line))
            for t in fields.closes
        ]
        flist += _field("Closes", _joined(refs, "; "), "closes")
    # filled (or removed) once every log is read: which logs follow this one
    flist += _field("Followed by", [devlog_backlinks(docname=docname)], "followed-by")
    head += flist
    if summary:
        head += nodes.container("", *summary, classes=["devlog-summary"])
    return head


def words(node: nodes.Element) -> str:
    """The text of *node*, leaving out the parser's messages placed inside it."""
    if not any(node.findall(nodes.system_message)):
        return node.astext()
    copy = node.deepcopy()
    for message in list(copy.findall(nodes.system_message)):
        message.parent.remove(message)
    return copy.astext()
