"""The domain's roles, and what a reference that goes nowhere says.

``{devlog}`LOG``` and ``{devlog:step}`LOG#N``` (and the other item roles) are
resolved by :class:`~sphinxcontrib_devlog.domain.DevlogDomain`; ``{devlog:status}``
draws a badge.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from docutils import nodes
from sphinx.roles import XRefRole
from sphinx.util.docutils import SphinxRole

from .badges import badge
from .config import devlog_config
from .warnings_ import DevlogWarning, warn

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.domains import Domain

    from .domain import DevlogDomain

#: item kind -> the name used in messages
KIND_WORDS = {"goal": "goal", "lesson": "lesson", "step": "next step", "file": "file"}


class DevlogXRefRole(XRefRole):
    """``{devlog}`` and the domain's reference roles; always in the devlog domain."""

    def __init__(self) -> None:
        super().__init__(innernodeclass=nodes.inline, warn_dangling=True)

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        domain, sep, reftype = self.name.partition(":")
        if not sep:
            reftype = "log" if domain == "devlog" else domain
        self.refdomain, self.reftype = "devlog", reftype
        self.classes = ["xref", "devlog", f"devlog-{reftype}"]
        if self.disabled:
            return self.create_non_xref_node()
        return self.create_xref_node()


class StatusRole(SphinxRole):
    """``{devlog:status}`success``: the status badge."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        config = devlog_config(self.env)
        status = " ".join(self.text.split())
        key = status.lower()
        if key not in config.devlog_statuses:
            warn(
                DevlogWarning.FIELD,
                f"unknown status {status!r} in devlog:status "
                f"(known: {', '.join(config.devlog_statuses)})",
                self.get_location(),
            )
            return [badge(status, config)], []
        return [badge(key, config)], []


def missing_reference_message(domain: DevlogDomain, typ: str, target: str) -> str:
    """Why a reference of type *typ* to *target* goes nowhere, in words."""
    if typ == "log":
        return f"unknown devlog {target!r} (no log has this name, stable name or docname)"
    word = KIND_WORDS.get(typ, typ)
    log_part, sep, number = target.rpartition("#")
    if not sep or not number.strip().isdigit():
        return f"bad {word} reference {target!r}: write LOG#N, e.g. 2024-08-26_pixi-setup#2"
    log = domain.find_log(log_part)
    if log is None:
        return f"unknown devlog {log_part!r} in {word} reference {target!r}"
    if int(number) in log.blanks.get(typ, []):
        return (
            f"{word} {int(number)} of log {log.name!r} is an empty item, which is no "
            f"{word}, in reference {target!r}: give the item its text, or refer to another"
        )
    items = log.items.get(typ, [])
    count = len(items)
    numbered = ""
    if any(item.number != index for index, item in enumerate(items, start=1)):
        numbers = [f"#{item.number}" for item in items[:10]]
        numbered = f": {', '.join(numbers)}{', …' if count > 10 else ''}"
    return (
        f"log {log.name!r} has no {word} {number} (it has {count}{numbered}) in "
        f"reference {target!r}"
    )


def warn_missing_reference(app: Sphinx, domain: Domain, node: nodes.Element) -> bool | None:
    """``warn-missing-reference``: an unresolved devlog reference is ``devlog.ref``
    (the text stays)."""
    if domain is None or domain.name != "devlog":
        return None
    message = missing_reference_message(
        cast("DevlogDomain", domain), node["reftype"], node["reftarget"]
    )
    warn(DevlogWarning.REF, message, node)
    return True
