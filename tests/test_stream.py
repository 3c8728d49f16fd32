"""Collections on HTML pages: entries made one at a time as the page is written.

The HTML a streamed collection gives must be exactly what the same nodes give when they
are all in the page (as other builders get them); and the build must not touch the
garbage collector.
"""

from __future__ import annotations

import gc
import re
import weakref
from html import unescape
from pathlib import Path

import pytest
from conftest import copy_root
from docutils import nodes

from sphinxcontrib_devlog.collections import stream

COLLECTION_PAGES = [
    "outstanding-all",
    "lessonlist-all",
    "logtable-all",
    "timeline-all",
    "stats-all",
    "filehistory-all",
]


def _pages(app) -> dict[str, str]:  # type: ignore[no-untyped-def]
    out = Path(app.outdir)
    return {
        p.relative_to(out).as_posix(): p.read_text(encoding="utf-8") for p in out.rglob("*.html")
    }


@pytest.mark.parametrize("builder", ["html", "singlehtml", "dirhtml", "epub"])
@pytest.mark.parametrize("parallel", [1, 2])
def test_streamed_html_is_the_html_of_the_whole_tree(
    build, monkeypatch, tmp_path, builder, parallel
) -> None:  # type: ignore[no-untyped-def]
    streamed_calls: list[int] = []
    original = stream._write_entries

    def counting(visitor, slot, entries):  # type: ignore[no-untyped-def]
        streamed_calls.append(len(entries.rows))
        return original(visitor, slot, entries)

    monkeypatch.setattr(stream, "_write_entries", counting)
    filled: list[int] = []
    original_fill = stream.Shapes._fill

    def counting_fill(self, parts, values):  # type: ignore[no-untyped-def]
        filled.append(len(values))
        return original_fill(self, parts, values)

    monkeypatch.setattr(stream.Shapes, "_fill", counting_fill)
    streamed = _pages(build("collections", builder, parallel=parallel))
    if parallel == 1:  # parallel writers count in their own processes
        assert streamed_calls and sum(streamed_calls) > 20
        # entries came from templates (Sphinx's own translator, for every builder here):
        # the first and third and later of each shape; the second is translated
        assert len(filled) >= 10

    # the same project with every entry in the page at once
    def whole(entries, streamed):  # type: ignore[no-untyped-def]
        return entries.filled()

    monkeypatch.setattr("sphinxcontrib_devlog.collections.base.place", whole)
    src = copy_root("collections", tmp_path / "whole")
    at_once = _pages(build("collections", builder, srcdir=src, parallel=parallel))
    assert streamed.keys() == at_once.keys()
    for name in streamed:
        assert streamed[name] == at_once[name], name


def test_every_entry_is_written(build) -> None:  # type: ignore[no-untyped-def]
    """Each lesson of the project is one entry of the streamed lesson list, in order."""
    app = build("collections", "html")
    domain = app.env.domains["devlog"]
    lessons = [
        item.text
        for log in sorted(domain.logs.values(), key=lambda log: log.sort_key)
        for item in log.lessons
    ]
    assert len(lessons) >= 3
    html = (Path(app.outdir) / "cases" / "lessonlist-all.html").read_text(encoding="utf-8")
    listed = re.findall(r'class="devlog-lesson-link reference internal"[^>]*>([^<]*)</a>', html)
    assert [unescape(text) for text in listed] == lessons


def test_the_collector_is_left_alone(build, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """No switch of the collector, on or off, during a build with collections."""
    calls: list[str] = []
    for name in ("disable", "enable", "freeze", "unfreeze", "set_threshold"):
        original = getattr(gc, name)

        def spy(*args, _name=name, _original=original):  # type: ignore[no-untyped-def]
            calls.append(_name)
            return _original(*args)

        monkeypatch.setattr(gc, name, spy)
    for builder in ("html", "text", "latex"):
        build("collections", builder)
    assert calls == []
    assert gc.isenabled()


def test_only_entries_being_written_are_alive(build, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Entries are made while the page is written, not all when it is resolved."""
    made_before_writing: list[int] = []
    writing = [False]
    original_make = stream.Entries.filled
    original_write = stream._write_entries

    def filled(self):  # type: ignore[no-untyped-def]
        made_before_writing.append(len(self.rows))
        return original_make(self)

    def write(visitor, slot, entries):  # type: ignore[no-untyped-def]
        writing[0] = True
        return original_write(visitor, slot, entries)

    monkeypatch.setattr(stream.Entries, "filled", filled)
    monkeypatch.setattr(stream, "_write_entries", write)
    build("collections", "html")
    assert writing[0]
    assert made_before_writing == []  # no HTML page had its entries made at once


def _frame() -> tuple[stream.Entries, nodes.Element]:
    """A streamed list of three rows, in a document."""
    from docutils.frontend import get_default_settings
    from docutils.parsers.rst import Parser
    from docutils.utils import new_document

    document = new_document("test", get_default_settings(Parser))
    lst = nodes.bullet_list()
    entries = stream.Entries(
        lst, lst, ["a", "b", "c"], lambda row: nodes.list_item("", nodes.paragraph(row, row))
    )
    node = stream.place(entries, streamed=True)
    document += node
    return entries, node


class _Recorder(nodes.SparseNodeVisitor):
    """Records the words it visits; raises what it is told to at a node class."""

    def __init__(self, document, raise_at=None, error=None):  # type: ignore[no-untyped-def]
        super().__init__(document)
        self.seen: list[str] = []
        self.departed: list[str] = []
        self.raise_at, self.error = raise_at, error

    def dispatch_visit(self, node):  # type: ignore[no-untyped-def]
        if isinstance(node, nodes.Text):
            self.seen.append(str(node))
        if self.raise_at is not None and isinstance(node, self.raise_at):
            raise self.error
        if isinstance(node, stream.devlog_entries):
            stream._visit_html(self, node)

    def dispatch_departure(self, node):  # type: ignore[no-untyped-def]
        self.departed.append(type(node).__name__)


def test_every_row_is_written_once_and_the_frame_is_left_as_it_was() -> None:
    entries, node = _frame()
    for _ in range(2):  # the same page written twice gives the same
        visitor = _Recorder(node.document)
        node.document.walkabout(visitor)
        assert visitor.seen == ["a", "b", "c"]
        assert [item.astext() for item in entries.slot] == ["a"]  # the sample again


def test_the_walk_honours_what_translators_raise() -> None:
    """SkipChildren on the list: its departure is still written, nothing escapes."""
    _, node = _frame()
    visitor = _Recorder(node.document, nodes.bullet_list, nodes.SkipChildren())
    node.document.walkabout(visitor)
    assert visitor.seen == [] and "bullet_list" in visitor.departed
    visitor = _Recorder(node.document, nodes.bullet_list, nodes.SkipDeparture())
    node.document.walkabout(visitor)
    assert visitor.seen == ["a", "b", "c"] and "bullet_list" not in visitor.departed
    visitor = _Recorder(node.document, nodes.paragraph, nodes.StopTraversal())
    node.document.walkabout(visitor)
    assert visitor.seen == []  # stopped at the first entry's paragraph


def test_written_entries_are_freed_without_the_collector() -> None:
    freed: list[str] = []
    entries, node = _frame()
    made = entries.make

    def make(row):  # type: ignore[no-untyped-def]
        entry = made(row)
        weakref.finalize(entry, freed.append, row)
        return entry

    entries.make = make
    gc.disable()
    try:
        node.document.walkabout(_Recorder(node.document))
        assert freed == ["b", "c"]  # the sample ("a") stays in the page
    finally:
        gc.enable()


@pytest.mark.parametrize("why", ["another extension's epub visitors", "an unknown Sphinx"])
def test_without_the_visitor_pages_get_the_whole_tree(build, monkeypatch, tmp_path, why) -> None:  # type: ignore[no-untyped-def]
    """Where the translator would not get the node's visitor, nothing is streamed, and
    every entry is still written."""
    src = copy_root("collections", tmp_path)
    if why == "an unknown Sphinx":
        monkeypatch.setattr(stream.sphinx, "version_info", (10, 0, 0, "final", 0))
    else:  # visitors registered under the builder's name hide those of its format
        (src / "other_ext.py").write_text(
            "from docutils import nodes\n"
            "class other(nodes.Element): pass\n"
            "def setup(app):\n"
            "    app.add_node(other, epub=(lambda s, n: None, lambda s, n: None))\n"
            "    return {'parallel_read_safe': True}\n"
        )
        conf = src / "conf.py"
        conf.write_text(
            "import sys, os\nsys.path.insert(0, os.path.dirname(__file__))\n"
            + conf.read_text()
            + "\nextensions.append('other_ext')\n"
        )
    builder = "epub" if why != "an unknown Sphinx" else "html"
    written: list[int] = []
    monkeypatch.setattr(stream, "_write_entries", lambda *a: written.append(1))
    app = build("collections", builder, srcdir=src)
    assert written == []
    name = "cases/lessonlist-all.xhtml" if builder == "epub" else "cases/lessonlist-all.html"
    html = (Path(app.outdir) / name).read_text(encoding="utf-8")
    assert html.count('class="devlog-lesson-link') >= 3


def test_templates_only_for_sphinx_own_writing() -> None:
    """A translator that writes any node of an entry its own way gets every entry
    translated: a template would skip its method."""
    from docutils import nodes as docutils_nodes
    from sphinx.writers.html5 import HTML5Translator

    class Themed(HTML5Translator):
        def visit_reference(self, node: docutils_nodes.Element) -> None:
            super().visit_reference(node)

    class Escaping(HTML5Translator):
        def encode(self, text: str) -> str:
            return super().encode(text)

    class Plain(HTML5Translator):
        pass

    assert stream.Shapes.apply_to(object.__new__(Plain))
    assert not stream.Shapes.apply_to(object.__new__(Themed))
    assert not stream.Shapes.apply_to(object.__new__(Escaping))
    assert not stream.Shapes.apply_to(object())
    # a handler another extension registered for the node (Sphinx sets it on the
    # translator itself), and a method put on Sphinx's own class
    hooked = object.__new__(Plain)
    hooked.visit_reference = lambda node: None  # type: ignore[method-assign]
    assert not stream.Shapes.apply_to(hooked)


def test_a_method_put_on_sphinx_class_turns_templates_off(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sphinx.writers.html5 import HTML5Translator

    original = HTML5Translator.visit_reference

    def visit_reference(self, node):  # type: ignore[no-untyped-def]
        original(self, node)

    monkeypatch.setattr(HTML5Translator, "visit_reference", visit_reference)
    assert not stream.Shapes.apply_to(object.__new__(HTML5Translator))


def test_a_template_that_cannot_be_made_leaves_the_entry_as_it_was(  # type: ignore[no-untyped-def]
    build, monkeypatch, tmp_path
) -> None:
    """When the marks do not come out (a translator writing a value twice, say), the
    entry is translated as it is: no mark in the page, the same HTML as the whole tree."""
    import re as regex

    monkeypatch.setattr(stream, "_MARK", regex.compile("(?!)"))
    streamed = _pages(build("collections", "html"))
    for name, html in streamed.items():
        assert stream._OPEN not in html and stream._CLOSE not in html, name

    def whole(entries, streamed):  # type: ignore[no-untyped-def]
        return entries.filled()

    monkeypatch.setattr("sphinxcontrib_devlog.collections.base.place", whole)
    src = copy_root("collections", tmp_path / "whole")
    at_once = _pages(build("collections", "html", srcdir=src))
    assert streamed == at_once


def test_a_template_that_writes_otherwise_is_dropped(build, monkeypatch, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The second entry of each shape is translated and compared with its template; a
    template that would write anything else is never used again."""
    original_make = stream.Shapes._make

    def wrong(self, roots, slots):  # type: ignore[no-untyped-def]
        parts = original_make(self, roots, slots)
        return None if parts is None else ["<!-- wrong -->", *parts]

    checked: list[bool] = []
    original_write = stream.Shapes._write_nodes

    def watching(self, roots):  # type: ignore[no-untyped-def]
        result = original_write(self, roots)
        checked.extend(parts is None for parts, done in self.templates.values() if done)
        return result

    monkeypatch.setattr(stream.Shapes, "_make", wrong)
    monkeypatch.setattr(stream.Shapes, "_write_nodes", watching)
    pages = _pages(build("collections", "html"))
    assert checked and all(checked)  # every checked template was dropped
    html = pages["cases/lessonlist-all.html"]
    # only the first entry of each shape came from the wrong template
    assert 0 < html.count("<!-- wrong -->") < html.count("<li")
