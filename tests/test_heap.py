"""The collector waits only while a collection page is written, then resumes."""

from __future__ import annotations

import gc
import weakref
from pathlib import Path

import pytest
from conftest import copy_root
from docutils import nodes

from sphinxcontrib_devlog import heap


@pytest.mark.parametrize("builder", ["html", "singlehtml", "text", "latex"])
@pytest.mark.parametrize("parallel", [1, 2])
def test_collector_resumes(build, builder, parallel) -> None:  # type: ignore[no-untyped-def]
    assert gc.isenabled()
    enabled_during: list[bool] = []
    original = heap.pause

    def spy() -> None:
        original()
        enabled_during.append(gc.isenabled())

    heap.pause = spy  # type: ignore[assignment]
    try:
        build("collections", builder, parallel=parallel)
    finally:
        heap.pause = original  # type: ignore[assignment]
    assert enabled_during and not any(enabled_during)
    assert gc.isenabled()


def test_collector_resumes_when_a_later_handler_fails(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("latex", srcdir=copy_root("collections", tmp_path), freshenv=True)

    def fail(app, exception):  # type: ignore[no-untyped-def]
        raise RuntimeError("another extension failed")

    app.connect("build-finished", fail, priority=100)
    with pytest.raises(Exception, match="another extension failed"):
        app.build()
    app.cleanup()
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(build) -> None:  # type: ignore[no-untyped-def]
    """A build run with the collector off (as some tools do) leaves it off."""
    gc.disable()
    try:
        build("collections", "html")
        assert not gc.isenabled()
    finally:
        gc.enable()


def _with_a_todo(tmp_path: Path, *, todolist: bool) -> Path:
    """The collections root with sphinx.ext.todo and a todo on a collection page."""
    src = copy_root("collections", tmp_path)
    conf = src / "conf.py"
    conf.write_text(
        conf.read_text() + '\nextensions.append("sphinx.ext.todo")\ntodo_include_todos = True\n'
    )
    page = src / "cases" / "lessonlist-all.md"
    extra = "\n```{todo}\nWrite the *migration* notes.\n```\n"
    if todolist:
        extra += "\n```{todolist}\n```\n"
    page.write_text(page.read_text() + extra)
    return src


def test_nodes_other_extensions_keep_are_left_alone(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A todo on a collection page still shows in a todolist written after it."""
    src = _with_a_todo(tmp_path, todolist=False)
    (src / "zz-todos.md").write_text("# Todos\n\n```{todolist}\n```\n")
    index = src / "index.md"
    index.write_text(index.read_text().replace("```{toctree}\n", "```{toctree}\nzz-todos\n", 1))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    html = (Path(app.outdir) / "zz-todos.html").read_text(encoding="utf-8")
    assert "migration" in html and "Todo" in html


@pytest.mark.parametrize("builder", ["html", "singlehtml", "text", "latex"])
@pytest.mark.parametrize("parallel", [1, 2])
def test_written_collections_are_released(build, builder, parallel) -> None:  # type: ignore[no-untyped-def]
    """Serial builds free each written collection at once; parallel ones leave it be."""
    released: list[tuple[str, int]] = []
    original = heap.release

    def spy(made) -> None:  # type: ignore[no-untyped-def]
        before = sum(1 for _ in made.findall(include_self=False))
        original(made)
        assert not made.children
        released.append((made["classes"][1], before))

    heap.release = spy  # type: ignore[assignment]
    try:
        app = build("collections", builder, parallel=parallel)
    finally:
        heap.release = original  # type: ignore[assignment]
    assert not heap._made
    if app.builder.parallel_ok:
        # the main process resolves a batch of pages before the workers write them
        assert released == []
    else:
        kinds = {kind for kind, _ in released}
        assert {"devlog-outstanding", "devlog-lessonlist", "devlog-logtable"} <= kinds
        assert all(count > 0 for _, count in released)


def test_release_frees_the_nodes_without_the_collector() -> None:
    page = nodes.section()
    made = nodes.container()
    page += made
    made += nodes.paragraph("", "", nodes.reference("", "a log", refuri="a.html"))
    made += nodes.bullet_list("", nodes.list_item("", nodes.paragraph("", "a step")))
    refs = [weakref.ref(node) for node in made.findall(include_self=False)]
    gc.disable()
    try:
        heap.release(made)
        assert all(ref() is None for ref in refs)
    finally:
        gc.enable()
    assert page.children == [made] and not made.children


def test_a_page_resolved_again_keeps_its_collections(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A todolist on a collection page resolves that page again before it is written."""
    src = _with_a_todo(tmp_path, todolist=True)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    html = (Path(app.outdir) / "cases" / "lessonlist-all.html").read_text(encoding="utf-8")
    collection = html.split("devlog-collection devlog-lessonlist", 1)[1]
    assert "devlog-lesson-link" in collection.split("</div>", 1)[0]
    assert "migration" in html
    assert not heap._made and not heap._page
