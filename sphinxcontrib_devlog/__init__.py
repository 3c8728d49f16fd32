"""sphinxcontrib-devlog: development-session logs as first-class Sphinx documentation.

Each part of the extension registers itself with a ``setup_<part>(app)`` of its own
module; ``ARCHITECTURE.md`` draws how they fit together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from .badges import setup_badges
    from .collections import setup_collections
    from .config import setup_config, wants_sphinx_design
    from .domain import setup_domain
    from .export import setup_export
    from .feed import setup_feed
    from .gitdates import setup_gitdates
    from .nodes import setup_nodes
    from .placeholders import setup_placeholders
    from .plain.transform import setup_plain
    from .rewrites import setup_rewrites
    from .sources import setup_sources

    setup_config(app)
    if wants_sphinx_design(app):
        app.setup_extension("sphinx_design")
    setup_nodes(app)
    setup_domain(app)
    setup_collections(app)
    setup_plain(app)
    setup_badges(app)
    setup_placeholders(app)
    setup_rewrites(app)
    setup_sources(app)
    setup_gitdates(app)
    setup_export(app)
    setup_feed(app)
    return {
        "version": __version__,
        "env_version": 6,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
