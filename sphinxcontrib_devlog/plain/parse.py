"""Parse a Markdown log into a document tree outside a Sphinx build, for the command line
and the tests: MyST's docutils parser, as quiet as possible.

The build reads the tree MyST makes for it; this makes the same tree (the same parser,
headings as sections, the first heading not promoted to a document title), so both see
the same log.
"""

from __future__ import annotations

import io

from docutils import nodes

from .log import PlainLog
from .reader import read_document
from .sections import SectionWords


def parse_markdown(text: str, source: str = "<log>") -> nodes.document:
    """The docutils tree MyST makes of *text* (directives and roles unknown here stay as
    error nodes, which the reader ignores)."""
    from docutils.core import publish_doctree
    from myst_parser.parsers.docutils_ import Parser

    return publish_doctree(
        text,
        source_path=source,
        parser=Parser(),
        settings_overrides={
            "report_level": 5,
            "halt_level": 5,
            "warning_stream": io.StringIO(),
            "doctitle_xform": False,
            "docinfo_xform": True,
            "file_insertion_enabled": False,
            "raw_enabled": True,
            "myst_enable_extensions": ["tasklist", "strikethrough"],
            "myst_suppress_warnings": ["myst"],
            "myst_all_links_external": True,  # keep a link's text, whatever its target
        },
    )


def parse_rst(text: str, source: str = "<log>") -> nodes.document:
    """The docutils tree of a reStructuredText log (directives unknown here stay as error
    nodes, which the reader ignores)."""
    from docutils.core import publish_doctree

    return publish_doctree(
        text,
        source_path=source,
        settings_overrides={
            "report_level": 5,
            "halt_level": 5,
            "warning_stream": io.StringIO(),
            "doctitle_xform": False,
            "file_insertion_enabled": False,
            "raw_enabled": False,
        },
    )


def read_text(text: str, source: str = "<log>", words: SectionWords | None = None) -> PlainLog:
    """Read a plain log from its text: reStructuredText for a ``.rst`` source, else
    Markdown (as the build reads them)."""
    if source.endswith((".rst", ".rest", ".txt")):
        return read_document(parse_rst(text, source), (), words)
    document = parse_markdown(text, source)
    return read_document(document, text.splitlines(), words)
