"""Links from logs to the work: Files Modified items and commit hashes become links
(``devlog_source_url``, ``devlog_commit_url``), and listed files are checked against the
project (``devlog_source_root``, ``devlog.file``).

When each build looks at what:

- ``env-get-outdated`` (before reading): the files listed at the last build are looked
  for again; a log whose listed file came or went is read again — its absolute paths
  may link elsewhere now, and the build then checks the logs again (Sphinx checks only
  when something was read or is to be written). So do the pages of
  ``devlog:filehistory``, when an absolute path is found elsewhere.
- ``doctree-read`` (each log read): its Files Modified paths and commit hashes become
  links (:func:`.sourcelinks.link_log`); an absolute path links when found in the project.
- ``env-updated`` (every document read): every listed path is looked for, once; what
  was found is kept in the environment for the next build and for the collections.
- ``env-check-consistency``, with the other checks over all logs: a listed path not
  found is ``devlog.file``, at its item's line.

An item saying its file is gone (``- `src/old.py` - deleted``,
:func:`~.sourcepaths.said_gone`) is neither looked for nor linked.

A build looks for each distinct path once (:class:`~.sourcepaths.Survey`, one per build,
held by the application's :class:`SourceLinks`: nothing process-wide).
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from .config import conf_location, devlog_config
from .domain import devlog_domain
from .sourcelinks import SURVEY_ATTRIBUTE, file_uri, item_gone, link_log, stored_survey
from .sourcepaths import SourcePath, Survey, classify
from .warnings_ import DevlogWarning, warn

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment


class SourceLinks:
    """One application's links to the work: its handlers, and this build's survey."""

    def __init__(self) -> None:
        #: this build's survey (``None`` with :attr:`looked`: no folder to look in)
        self.survey: Survey | None = None
        self.looked = False

    def root(self, app: Sphinx) -> Path | None:
        """The project's folder (``devlog_source_root`` from ``conf.py``'s folder), or
        ``None``: not set, or not a folder."""
        setting = devlog_config(app.env).devlog_source_root
        if not setting:
            return None
        root = Path(app.confdir, setting).resolve()
        return root if root.is_dir() else None

    def current(self, app: Sphinx) -> Survey | None:
        """This build's survey of the project's folder (``None``: no folder to look in)."""
        if not self.looked:
            root = self.root(app)
            self.survey = Survey(root) if root is not None else None
            self.looked = True
        return self.survey

    def found(self, app: Sphinx, source: SourcePath) -> str | None:
        """What this build finds of *source* in the project (``None``: nothing, or no
        folder to look in)."""
        survey = self.current(app)
        return survey.find(source) if survey is not None else None

    # -- handlers ---------------------------------------------------------------------

    def outdated(
        self,
        app: Sphinx,
        env: BuildEnvironment,
        added: set[str],
        changed: set[str],
        removed: set[str],
    ) -> list[str]:
        """``env-get-outdated``: the logs whose listed files came or went since the last
        build (and, when an absolute path is found elsewhere now, the file histories)."""
        self.survey, self.looked = None, False  # a new build: files come and go
        stored = getattr(env, SURVEY_ATTRIBUTE, None)
        if stored is None:
            return []  # nothing to compare with
        survey = self.current(app)  # (None: the folder is gone; nothing is found there)
        if survey is not None and stored[0] != str(survey.root):
            return []  # another folder: a changed setting reads every document again
        moved: set[str] = set()
        for path, found in stored[1].items():
            source = classify(path)
            if source is not None and self.found(app, source) != found:
                moved.add(path)
        if not moved:
            return []
        domain = devlog_domain(env)
        docnames = {
            log.docname
            for log in domain.logs.values()
            if any(item.path in moved for item in log.files)
        }
        if any(classify(path).kind == "absolute" for path in moved):  # type: ignore[union-attr]
            docnames.update(d for d, kinds in domain.collections.items() if "filehistory" in kinds)
        return sorted(docnames)

    def read(self, app: Sphinx, document: nodes.document) -> None:
        """``doctree-read``: a log's files and commit hashes become links."""
        config = devlog_config(app.env)
        if not config.devlog_source_url and not config.devlog_commit_url:
            return
        log = devlog_domain(app.env).logs.get(app.env.current_document.docname)
        if log is None:
            return  # links are made in logs only
        uri_of = None
        if config.devlog_source_url and log.files:
            found = partial(self.found, app)  # (absolute paths only)
            uri_of = partial(file_uri, config, found=found)
        link_log(document, log, uri_of, config.devlog_commit_url)

    def updated(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: look for every listed path (bar files said to be gone); keep
        what was found."""
        survey = self.current(app)
        if survey is None:
            if hasattr(env, SURVEY_ATTRIBUTE):
                delattr(env, SURVEY_ATTRIBUTE)
            return
        found: dict[str, str | None] = {}
        for log in devlog_domain(env).logs.values():
            for item in log.files:
                if item.path not in found and not item_gone(item):
                    source = classify(item.path)
                    if source is not None:
                        found[item.path] = survey.find(source)
        setattr(env, SURVEY_ATTRIBUTE, (str(survey.root), found))

    def check(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-check-consistency``: every listed path not found is ``devlog.file``."""
        setting = devlog_config(env).devlog_source_root
        if not setting:
            return
        root = self.root(app)
        if root is None:
            warn(
                DevlogWarning.CONFIG,
                f"devlog_source_root {setting!r} is not a folder (from conf.py's folder: "
                f"{Path(app.confdir, setting)}); the Files Modified paths are not checked",
                conf_location(app, "devlog_source_root"),
            )
            return
        survey = stored_survey(env)
        for log in sorted(devlog_domain(env).logs.values(), key=lambda log: log.docname):
            for item in log.files:
                source = classify(item.path)
                if source is None or item_gone(item) or survey.get(item.path) is not None:
                    continue
                if source.kind == "glob":  # (a bracketed path: a path that is not there)
                    problem = "matches no file"
                elif source.kind == "absolute":
                    problem = "is not in the project: no tail of it exists"
                else:
                    problem = "does not exist"
                warn(
                    DevlogWarning.FILE,
                    f"Files Modified: {item.path!r} {problem} under devlog_source_root "
                    f"({setting!r})",
                    (log.docname, item.line or log.line),
                )


def setup_sources(app: Sphinx) -> None:
    sources = SourceLinks()
    app.connect("env-get-outdated", sources.outdated)
    app.connect("doctree-read", sources.read)
    app.connect("env-updated", sources.updated)
    app.connect("env-check-consistency", sources.check)
