"""Status and tag badges, and the stylesheets that draw them.

A badge is a plain ``nodes.inline`` with sphinx-design's badge classes, so every
builder copes; HTML builds without sphinx-design (the default: it is loaded only when
listed in ``extensions`` or with ``devlog_sphinx_design = True``) get a copy of just
those badge styles.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx

    from .config import DevlogConfig

STATIC = Path(__file__).parent / "static"
#: the status badges' styles, for builds without sphinx-design (``devlog_sphinx_design``)
BADGES_CSS = "devlog-badges.css"


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


def add_css(app: Sphinx) -> None:
    """Link the stylesheets, and have the builder copy them with its static files.

    Through ``html_static_path``, as sphinx-design does, so that they are in
    ``_static`` before the builder packs its output (EPUB, HTML Help).
    """
    if app.builder.format != "html":
        return
    static = [STATIC / "devlog"]
    app.add_css_file("devlog.css")
    if "sphinx_design" not in app.extensions:  # nor the styles of its badges
        static.append(STATIC / "badges")
        app.add_css_file(BADGES_CSS)
    app.config.html_static_path = [*app.config.html_static_path, *map(str, static)]


def setup_badges(app: Sphinx) -> None:
    app.connect("builder-inited", add_css)
