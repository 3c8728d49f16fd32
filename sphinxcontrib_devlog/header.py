"""A log's rendered header: status, date and tags, then its fields as a field list.

The "Followed by" field can only be known once every log is read: the header holds a
placeholder for it, filled (or removed) when the page is resolved
(:func:`fill_followed_by`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from docutils import nodes
from sphinx import addnodes

from .badges import badge, tag_badge
from .model import Fields, time_text
from .nodes import devlog_backlinks, devlog_header

if TYPE_CHECKING:
    from .collections.links import Linker
    from .config import DevlogConfig
    from .domain import DevlogDomain


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


def fill_followed_by(
    domain: DevlogDomain, link: Linker, placeholder: devlog_backlinks, docname: str
) -> None:
    """Fill a "followed by" field, or remove it when no log follows."""
    # the log's own docname: LaTeX and singlehtml resolve one doctree of all pages
    followers = domain.followers.get(placeholder.get("docname", docname), [])
    field = placeholder.parent.parent.parent  # paragraph, field body, field
    if not followers:
        field_list = field.parent
        field_list.remove(field)
        if not len(field_list):
            field_list.parent.remove(field_list)
        return
    links: list[nodes.Node] = []
    for i, follower in enumerate(followers):
        if i:
            links.append(nodes.Text(", "))
        links.append(link.log(domain.logs[follower]))
    placeholder.replace_self(links)
