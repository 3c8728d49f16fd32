"""The collector waits only while a collection page is written, then resumes."""

from __future__ import annotations

import gc

import pytest
from docutils import nodes

from sphinxcontrib_devlog import heap


@pytest.mark.parametrize("builder", ["html", "singlehtml", "text", "latex"])
def test_collector_is_given_back(build, builder) -> None:  # type: ignore[no-untyped-def]
    assert gc.isenabled()
    enabled_during: list[bool] = []
    original = heap.set_aside

    def spy() -> None:
        original()
        enabled_during.append(gc.isenabled())

    heap.set_aside = spy  # type: ignore[assignment]
    try:
        build("collections", builder)
    finally:
        heap.set_aside = original  # type: ignore[assignment]
    assert enabled_during and not any(enabled_during)
    assert gc.isenabled()


def test_other_extensions_see_the_whole_page(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A page-context handler at the default priority sees the filled tree; the tree
    of a collection page is taken apart only after every such handler ran."""
    from conftest import copy_root

    seen: dict[int, dict[str, int]] = {500: {}, 950: {}}

    def counter(priority: int):  # type: ignore[no-untyped-def]
        def count(app, pagename, templatename, context, doctree):  # type: ignore[no-untyped-def]
            if doctree is not None:
                seen[priority][pagename] = sum(1 for n in doctree.findall(nodes.reference))

        return count

    app = make_app("html", srcdir=copy_root("collections", tmp_path), freshenv=True)
    for priority in seen:
        app.connect("html-page-context", counter(priority), priority=priority)
    app.build()
    app.cleanup()
    for page in ("cases/lessonlist-all", "cases/outstanding-all", "cases/logtable-all"):
        assert seen[500][page] > 3, page
        assert seen[950][page] == 0, page  # taken apart, after the others
    # a log page (no collection) is left as it is
    logs = [name for name in seen[500] if name.startswith("logs/")]
    assert logs and all(seen[950][name] == seen[500][name] for name in logs)
    assert gc.isenabled()


def test_a_paused_collector_stays_paused(build) -> None:  # type: ignore[no-untyped-def]
    """A build run with the collector off (as some tools do) leaves it off."""
    gc.disable()
    try:
        build("collections", "html")
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_dismantle_frees_without_the_collector() -> None:
    doc = nodes.document(None, None)  # type: ignore[arg-type]
    section = nodes.section()
    doc += section
    section += nodes.paragraph("", "words")
    probe = nodes.paragraph("", "probe")
    section += probe
    heap.dismantle(doc)
    assert probe.parent is None and not section.children and not doc.children
