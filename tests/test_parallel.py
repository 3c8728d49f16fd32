"""``-j 2`` gives what a serial build gives: same pages, same devlog.json, same warnings."""

from __future__ import annotations

import pytest
from conftest import copy_root, outputs, warnings_of
from corpus import write_project

from sphinxcontrib_devlog.domain import DevlogDomain


@pytest.fixture
def merged(monkeypatch) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    """The chunks of documents merged back from -j worker processes."""
    chunks: list[frozenset[str]] = []
    original = DevlogDomain.merge_domaindata

    def counting(self, docnames, otherdata):  # type: ignore[no-untyped-def]
        chunks.append(frozenset(docnames))
        return original(self, docnames, otherdata)

    monkeypatch.setattr(DevlogDomain, "merge_domaindata", counting)
    return chunks


@pytest.mark.parametrize("root", ["myst", "bad-myst", "bad-rst", "drift"])
@pytest.mark.parametrize("builder", ["html", "text"])
def test_parallel_equals_serial(make_app, tmp_path, merged, root: str, builder: str) -> None:  # type: ignore[no-untyped-def]
    results = {}
    for jobs in (1, 2):
        srcdir = copy_root(root, tmp_path / f"j{jobs}")
        app = make_app(builder, srcdir=srcdir, freshenv=True, parallel=jobs)
        app.build()
        app.cleanup()
        results[jobs] = (
            outputs(app.outdir),
            sorted(warnings_of(app), key=repr),
        )
    assert len(merged) >= 2, "the -j 2 build did not read in parallel"
    serial, parallel = results[1], results[2]
    assert parallel[1] == serial[1]
    assert parallel[0].keys() == serial[0].keys()
    for name in serial[0]:
        assert parallel[0][name] == serial[0][name], name
    assert "devlog.json" in serial[0]
    assert "devlog-brief.md" in serial[0]


@pytest.mark.parametrize("builder", ["html", "text"])
def test_parallel_large_project(make_app, tmp_path, merged, builder: str) -> None:  # type: ignore[no-untyped-def]
    """Tens of documents, so that -j 2 reads them in several chunks in two processes."""
    results = {}
    for jobs in (1, 2):
        srcdir = write_project(tmp_path / f"j{jobs}", 48)
        app = make_app(builder, srcdir=srcdir, freshenv=True, parallel=jobs)
        app.build()
        app.cleanup()
        results[jobs] = (outputs(app.outdir), warnings_of(app))
    assert len(merged) >= 4, merged  # several chunks came back from worker processes
    assert sum(len(chunk) for chunk in merged) >= 48
    assert results[1][1] == [] and results[2][1] == []
    assert results[2][0] == results[1][0]
    collections = results[1][0]["collections.html" if builder == "html" else "collections.txt"]
    assert b"Follow up on the" in collections
