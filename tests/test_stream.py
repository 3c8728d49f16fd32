"""Collections on HTML pages: entries made one at a time as the page is written.

The HTML a streamed collection gives must be exactly what the same nodes give when they
are all in the page (as other builders get them); and the build must not touch the
garbage collector.
"""

from __future__ import annotations

import gc
import re
from html import unescape
from pathlib import Path

import pytest
from conftest import copy_root

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


@pytest.mark.parametrize("builder", ["html", "singlehtml", "dirhtml"])
@pytest.mark.parametrize("parallel", [1, 2])
def test_streamed_html_is_the_html_of_the_whole_tree(
    build, monkeypatch, tmp_path, builder, parallel
) -> None:  # type: ignore[no-untyped-def]
    streamed_calls: list[int] = []
    original = stream._write_entries

    def counting(visitor, entries):  # type: ignore[no-untyped-def]
        streamed_calls.append(len(entries.rows))
        original(visitor, entries)

    monkeypatch.setattr(stream, "_write_entries", counting)
    streamed = _pages(build("collections", builder, parallel=parallel))
    if parallel == 1:  # parallel writers count in their own processes
        assert streamed_calls and sum(streamed_calls) > 20

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

    def write(visitor, entries):  # type: ignore[no-untyped-def]
        writing[0] = True
        original_write(visitor, entries)

    monkeypatch.setattr(stream.Entries, "filled", filled)
    monkeypatch.setattr(stream, "_write_entries", write)
    build("collections", "html")
    assert writing[0]
    assert made_before_writing == []  # no HTML page had its entries made at once
