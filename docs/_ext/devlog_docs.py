"""Docs-only directives: tables rendered from the extension's own code.

``devlog-config-table``   every ``devlog_*`` value, its default and meaning
``devlog-option-table``   every option of the ``devlog`` directive (the header fields)
``devlog-warning-table``  every ``devlog.<subtype>`` warning
``devlog-check-example``  runs ``sphinx-build`` on an example folder in a
                          subprocess and shows the warnings it prints
``devlog-feed-example``   builds the example logs as a site with a feed and
                          shows the ``devlog.atom`` it writes
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from sphinxcontrib_devlog.collections import COLLECTIONS
from sphinxcontrib_devlog.collections.base import table
from sphinxcontrib_devlog.config import config_table
from sphinxcontrib_devlog.fields import option_rows
from sphinxcontrib_devlog.plain.sections import (
    FILE_DONE,
    FILE_THINGS,
    KEY_PHRASES,
    NO_ITEMS,
    QUALIFIERS,
)
from sphinxcontrib_devlog.plain.status import DEFAULT_STATUS_ALIASES, EMOJI
from sphinxcontrib_devlog.warnings_ import DevlogWarning


class _RstCellMixin(SphinxDirective):
    def rst_para(self, text: str) -> nodes.Node:
        parsed, _messages = self.parse_inline(text)
        return nodes.paragraph("", "", *parsed)


class ConfigTable(_RstCellMixin):
    def run(self) -> list[nodes.Node]:
        rows = [
            [
                nodes.paragraph("", "", nodes.literal(name, name)),
                nodes.literal_block(default, default, language="python"),
                self.rst_para(help_text),
            ]
            for name, default, help_text in config_table()
        ]
        return [table(["value", "default", "meaning"], rows, [20, 35, 45])]


class OptionTable(_RstCellMixin):
    """The ``devlog`` directive's options, from the header schema (:mod:`.fields`)."""

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                _literals(names),
                self.rst_para(value),
                self.rst_para(absent),
                _literals(keys),
            ]
            for names, value, absent, keys in option_rows()
        ]
        return [table(["option", "value", "when absent", "in devlog.json"], rows, [18, 47, 15, 20])]


def _literals(words: tuple[str, ...]) -> nodes.paragraph:
    """``a``, ``b``: each word a literal, comma-separated."""
    para = nodes.paragraph()
    for index, word in enumerate(words):
        if index:
            para += nodes.Text(", ")
        para += nodes.literal(word, word)
    return para


class WarningTable(_RstCellMixin):
    def run(self) -> list[nodes.Node]:
        rows = [
            [
                nodes.paragraph("", "", nodes.literal(w.name_with_type, w.name_with_type)),
                self.rst_para(w.description),
            ]
            for w in DevlogWarning
        ]
        return [table(["warning", "when"], rows, [25, 75])]


class AliasTable(_RstCellMixin):
    def run(self) -> list[nodes.Node]:
        by_status: dict[str, list[str]] = {}
        for alias, status in DEFAULT_STATUS_ALIASES.items():
            by_status.setdefault(status, []).append(alias)
        rows = [
            [
                nodes.paragraph("", "", nodes.literal(status, status)),
                nodes.paragraph("", ", ".join(aliases)),
            ]
            for status, aliases in by_status.items()
        ]
        return [table(["status", "words that mean it"], rows, [20, 80])]


class SectionWordsTable(_RstCellMixin):
    """The built-in heading words of each item kind, and the words around them."""

    def run(self) -> list[nodes.Node]:
        kinds = {"goal": "goals", "lesson": "lessons", "step": "next steps", "file": "files"}
        combos = {f"{what} {done}" for what in FILE_THINGS for done in FILE_DONE}
        rows = []
        for kind, phrases in KEY_PHRASES.items():
            text = ", ".join(p for p in phrases if p not in combos)
            if kind == "file":
                text += (
                    f"; {', '.join(FILE_THINGS)} followed by {', '.join(FILE_DONE)} "
                    "(*Scripts added*). *Key files*, *Files reviewed* and a single *File:* are "
                    "not files the session changed"
                )
            rows.append([nodes.paragraph("", kinds[kind]), self.rst_para(text)])
        rows.append([nodes.paragraph("", "no items"), nodes.paragraph("", ", ".join(NO_ITEMS))])
        words = nodes.paragraph(
            "",
            "Words that may stand around them: " + ", ".join(sorted(QUALIFIERS)) + ".",
        )
        return [table(["a heading names", "when it holds"], rows, [20, 80]), words]


class EmojiTable(_RstCellMixin):
    """The emoji that state an outcome in a status line."""

    def run(self) -> list[nodes.Node]:
        by_side: dict[str, list[str]] = {}
        for emoji, side in EMOJI.items():
            by_side.setdefault(side, []).append(emoji)
        rows = [
            [nodes.paragraph("", side), nodes.paragraph("", " ".join(emoji))]
            for side, emoji in by_side.items()
        ]
        return [table(["reads as", "emoji"], rows, [30, 70])]


class CollectionExample(SphinxDirective):
    """A collection's example, from its module (``Collection.example``): the Markdown
    that asks for it, and what it gives here."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        collection = COLLECTIONS[self.arguments[0]]
        options = f"{collection.example}\n" if collection.example else ""
        text = f"```{{devlog:{collection.name}}}\n{options}```"
        shown = nodes.literal_block(text, text, language="markdown")
        self.set_source_info(shown)
        return [shown, *self.parse_text_to_nodes(text)]


class CheckExample(SphinxDirective):
    """Build a folder of (bad) logs in a subprocess and show what it prints."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        srcdir = (Path(self.env.srcdir) / self.arguments[0]).resolve()
        for path in sorted(srcdir.rglob("*")):
            if path.is_file():
                self.env.note_dependency(str(path))
        with tempfile.TemporaryDirectory() as out:
            env = dict(os.environ, NO_COLOR="1")
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", "-b", "dummy", "-q", "-E", str(srcdir), out],
                capture_output=True,
                text=True,
                env=env,
                check=False,
            )
        lines = [
            re.sub(r"^.*?/" + re.escape(srcdir.name) + "/", "", line)
            for line in result.stderr.splitlines()
            if "WARNING" in line
        ]
        text = "$ sphinx-build -b dummy -q {} _build\n{}".format(
            self.arguments[0], "\n".join(lines)
        )
        return [nodes.literal_block(text, text, language="text")]


def example_project(directive: SphinxDirective, project: Path, conf: str = "") -> Path:
    """Write the example project into *project*: a copy of the example logs (each a
    dependency of the page), ``conf.py`` (with *conf* added) and ``index.md``."""
    logs = Path(directive.env.srcdir) / "logs"
    (project / "logs").mkdir(parents=True)
    for path in sorted(logs.glob("2*")):
        directive.env.note_dependency(str(path))
        shutil.copy(path, project / "logs" / path.name)
    (project / "conf.py").write_text(
        'project = "Tidewater"\n'
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'myst_enable_extensions = ["colon_fence", "tasklist"]\n'
        'devlog_plain_logs = ["logs/2*"]\n' + conf,
        encoding="utf-8",
    )
    (project / "index.md").write_text(
        "# Tidewater\n\n```{toctree}\n:glob:\nlogs/*\n```\n", encoding="utf-8"
    )
    return project


class CliSession(SphinxDirective):
    """Run ``sphinx-devlog`` commands in a fresh project made of the example logs and
    show them with their output, as a terminal session.

    Each content line is a command line starting with ``sphinx-devlog``; the project
    is ``logs/`` (a copy of the example logs), with ``conf.py`` and ``index.md``.
    Option ``:git:`` makes the project a git repository first.
    """

    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {
        "git": directives.flag,
        "head": directives.positive_int,
    }

    def run(self) -> list[nodes.Node]:
        out: list[str] = []
        with tempfile.TemporaryDirectory() as tmp:
            example_project(self, Path(tmp) / "docs")
            env = dict(os.environ, NO_COLOR="1", COLUMNS="100")
            if "git" in self.options:
                for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "logs"]):
                    subprocess.run(
                        ["git", "-c", "user.name=docs", "-c", "user.email=docs@example.org", *args],
                        cwd=tmp,
                        check=True,
                        capture_output=True,
                    )
            for command in self.content:
                words = shlex.split(command)
                if not words or words[0] != "sphinx-devlog":
                    continue
                result = subprocess.run(
                    [sys.executable, "-m", "sphinxcontrib_devlog.cli", *words[1:]],
                    cwd=tmp,
                    capture_output=True,
                    text=True,
                    env=env,
                    check=False,
                )
                out.append(f"$ {command}")
                lines = (result.stdout + result.stderr).splitlines()
                head = self.options.get("head")
                if head and len(lines) > head:
                    lines = [*lines[:head], f"... ({len(lines) - head} more lines)"]
                out.extend(lines)
                if result.returncode:
                    out.append(f"[exit {result.returncode}]")
        text = "\n".join(out)
        return [nodes.literal_block(text, text, language="console")]


class FeedExample(SphinxDirective):
    """Build the example logs as a site with ``devlog_feed`` and ``html_baseurl`` in a
    subprocess, and show the ``devlog.atom`` it writes (these docs set no
    ``html_baseurl``: it would add a canonical link to every page)."""

    option_spec: ClassVar[dict[str, Any]] = {"entries": directives.positive_int}

    def run(self) -> list[nodes.Node]:
        with tempfile.TemporaryDirectory() as tmp:
            project = example_project(
                self,
                Path(tmp) / "docs",
                'author = "The Tidewater team"\n'
                f"devlog_feed = {self.options.get('entries', 5)}\n"
                'html_baseurl = "https://docs.example.org/tidewater/"\n',
            )
            out = Path(tmp) / "html"
            result = subprocess.run(
                [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-E", str(project), str(out)],
                capture_output=True,
                text=True,
                env=dict(os.environ, NO_COLOR="1"),
                check=False,
            )
            feed = out / "devlog.atom"
            if result.returncode or not feed.is_file():
                raise self.error(f"the example feed was not written:\n{result.stderr}")
            text = feed.read_text(encoding="utf-8")
        return [nodes.literal_block(text, text, language="xml")]


def setup(app: Sphinx) -> dict[str, object]:
    app.add_directive("devlog-config-table", ConfigTable)
    app.add_directive("devlog-option-table", OptionTable)
    app.add_directive("devlog-collection-example", CollectionExample)
    app.add_directive("devlog-warning-table", WarningTable)
    app.add_directive("devlog-check-example", CheckExample)
    app.add_directive("devlog-alias-table", AliasTable)
    app.add_directive("devlog-section-words-table", SectionWordsTable)
    app.add_directive("devlog-emoji-table", EmojiTable)
    app.add_directive("devlog-cli-session", CliSession)
    app.add_directive("devlog-feed-example", FeedExample)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
