"""A build's warnings as records, not as printed text.

``sphinx-devlog check`` and the tests need every warning with its type, subtype, file
and line. Sphinx's printed warnings depend on the project's settings
(``show_warning_types``, colours, ``-q``), so they are read from the log records
themselves, through a :mod:`logging` handler:

- on the extension's own logger while the application starts, so that the checks run
  then (``devlog.config``) are seen — Sphinx replaces the handlers of its own logger when
  an application starts;
- on Sphinx's logger once the application exists, so that the warnings of every other
  extension, and those that parallel reading processes send back, are seen too.

A record reaching the handler twice is kept once; ``suppress_warnings`` is honoured as
Sphinx honours it.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.logging import NAMESPACE, get_node_location, is_suppressed_warning

if TYPE_CHECKING:
    from sphinx.application import Sphinx

#: the logger :func:`sphinxcontrib_devlog.warnings_.warn` writes to
EXTENSION_LOGGER = f"{NAMESPACE}.sphinxcontrib_devlog"


@dataclass(frozen=True)
class WarningRecord:
    """One warning: ``path`` is the source file ('' when none), ``type`` the full
    ``type.subtype`` shown in brackets by Sphinx (``devlog.field``)."""

    path: str
    line: int | None
    message: str
    type: str


class WarningCapture(logging.Handler):
    """Collects the warnings of one Sphinx application (see the module's text)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.app: Sphinx | None = None
        #: each record, with its message and location as they were when it arrived
        self._records: list[tuple[logging.LogRecord, str, Any]] = []
        self._seen: set[int] = set()

    # -- the handler ------------------------------------------------------------------

    def emit(self, record: logging.LogRecord) -> None:
        if id(record) in self._seen:  # the record is kept, so its id stays unique
            return
        self._seen.add(id(record))
        # Sphinx's own handler may have run first: it appends " [type.subtype]" to the
        # message (show_warning_types) and rewrites the location, in the record itself
        message = logging.LogRecord.getMessage(record)
        kind = getattr(record, "type", None) or ""
        subtype = getattr(record, "subtype", None) or ""
        for shown in (f" [{kind}.{subtype}]", f" [{kind}]"):
            if kind and message.endswith(shown):
                message = message[: -len(shown)]
                break
        self._records.append((record, message, getattr(record, "location", None)))

    def start(self) -> WarningCapture:
        """Listen on the extension's logger (before an application exists)."""
        logging.getLogger(EXTENSION_LOGGER).addHandler(self)
        return self

    def attach(self, app: Sphinx) -> WarningCapture:
        """Listen on Sphinx's logger instead, for *app*'s warnings (after it started): every
        record reaches it. Sphinx removes the handler when another application starts, so
        an earlier application's capture never sees a later one's warnings."""
        self.app = app
        logging.getLogger(NAMESPACE).addHandler(self)
        logging.getLogger(EXTENSION_LOGGER).removeHandler(self)
        return self

    def stop(self) -> None:
        for name in (EXTENSION_LOGGER, NAMESPACE):
            logging.getLogger(name).removeHandler(self)

    def clear(self) -> None:
        self._records.clear()
        self._seen.clear()

    # -- the records ------------------------------------------------------------------

    @property
    def records(self) -> list[WarningRecord]:
        """The warnings so far, in the order they were emitted, without suppressed ones."""
        suppressed = list(getattr(self.app.config, "suppress_warnings", ()) if self.app else ())
        found = []
        for record, message, location in self._records:
            kind = getattr(record, "type", None) or ""
            subtype = getattr(record, "subtype", None) or ""
            if is_suppressed_warning(kind, subtype, suppressed):
                continue
            path, line = self._where(location)
            found.append(
                WarningRecord(
                    path=path,
                    line=line,
                    message=message,
                    type=f"{kind}.{subtype}" if kind and subtype else kind,
                )
            )
        return found

    def _where(self, location: Any) -> tuple[str, int | None]:
        """``(path, line)`` of a record's location, before or after Sphinx translated it
        (``(docname, line)``, a node, a docname, or ``"path:line"``)."""
        env = getattr(self.app, "env", None) if self.app is not None else None
        if isinstance(location, tuple):
            docname, line = location
            if not docname:
                return "", None
            path = str(env.doc2path(docname)) if env is not None else str(docname)
            return path, line or None
        if isinstance(location, nodes.Node):
            location = get_node_location(location)
        if not location:
            return "", None
        text = str(location)
        head, sep, tail = text.rpartition(":")
        if sep and tail.isdigit():
            return head, int(tail)
        if env is not None and not os.path.isabs(text) and text in env.found_docs:
            return str(env.doc2path(text)), None
        return text, None
