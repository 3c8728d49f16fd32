"""sphinxcontrib-devlog: development-session logs as first-class Sphinx documentation."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.util.typing import ExtensionMetadata


def setup(app: Sphinx) -> ExtensionMetadata:
    from dataclasses import fields  # here: the package's attribute is the .fields module

    from . import events, heap
    from .config import DevlogConfig
    from .directives.log import LogDirective
    from .domain import DevlogDomain, DevlogXRefRole
    from .nodes import setup_nodes
    from .plain.transform import PlainLogTransform, keep_source

    defaults = DevlogConfig()
    for f in fields(DevlogConfig):
        app.add_config_value(f.name, getattr(defaults, f.name), "env")
    if _loads_sphinx_design(app):
        app.setup_extension("sphinx_design")
    setup_nodes(app)
    app.add_domain(DevlogDomain)
    app.add_directive("devlog", LogDirective)
    app.add_role("devlog", DevlogXRefRole())
    app.add_transform(PlainLogTransform)
    app.connect("source-read", keep_source, priority=900)  # after those that change it
    app.connect("config-inited", events.check_config)
    app.connect("builder-inited", events.add_css)
    app.connect("env-get-updated", events.pages_to_rewrite)
    app.connect("warn-missing-reference", events.warn_missing_reference)
    app.connect("doctree-resolved", events.fill_placeholders)
    app.connect("build-finished", heap.build_finished, priority=0)  # first, whatever follows
    app.connect("build-finished", events.finish)
    return {
        "version": __version__,
        "env_version": 4,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }


def _loads_sphinx_design(app: Sphinx) -> bool:
    """Whether to load sphinx-design (``devlog_sphinx_design``).

    The value from ``conf.py`` or ``-D`` is already readable here: Sphinx reads the
    configuration file before it sets up extensions, and a value registered with
    :meth:`~sphinx.application.Sphinx.add_config_value` is looked up there on first use.
    A value that is not a boolean keeps the default; ``config-inited`` reports it.
    """
    from sphinx.errors import ConfigError

    from .config import ConfigValueError, _check_bool

    try:
        return _check_bool(app.config.devlog_sphinx_design)
    except (ConfigValueError, ConfigError):
        return True
