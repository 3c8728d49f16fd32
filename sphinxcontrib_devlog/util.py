"""Sphinx glue shared by the directives, the domain and the builders."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sphinx.util import logging

from .config import DevlogConfig, fields_of
from .warnings_ import DevlogWarning

if TYPE_CHECKING:
    from sphinx.config import Config

logger = logging.getLogger("sphinxcontrib_devlog")

_SUBTYPES = {w.subtype for w in DevlogWarning}


def warn(subtype: str, message: str, location: Any) -> None:
    """Emit a ``devlog.<subtype>`` warning at *location* (a node or ``(docname, line)``)."""
    assert subtype in _SUBTYPES, subtype
    logger.warning(message, type="devlog", subtype=subtype, location=location)


def devlog_config(config: Config) -> DevlogConfig:
    """The checked ``devlog_*`` values of a Sphinx config.

    Bad values were reported and replaced by their defaults on ``config-inited``,
    so checking again here finds no problems. Every directive asks for them, so the
    last answer is kept while the values stay equal.
    """
    values = {name: getattr(config, name) for name in fields_of()}
    # repr, not ==: the order of devlog_statuses is shown, and 0 == False
    key = repr(values)
    if _last and _last[0][0] == key:
        return _last[0][1]
    checked, _problems = DevlogConfig.from_values(values)
    _last[:] = [(key, checked)]
    return checked


#: the values last checked (their repr) and their result
_last: list[tuple[str, DevlogConfig]] = []
