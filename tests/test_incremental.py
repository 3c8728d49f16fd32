"""After editing, adding, removing or renaming a log, an incremental build gives
exactly what a fresh build of the same sources gives."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from conftest import copy_root, devlog_warnings, outputs
from corpus import sessions, write_project

PARSER = "logs/2024-03-04_tide-table-parser-success.md"
FIT = "logs/2024-03-05_harmonic-fit-partial.md"

_HTML_BODY = re.compile(r'<div class="body" role="main">(.*?)<div class="sphinxsidebar"', re.S)


def comparable(outdir: Path) -> dict[str, bytes]:
    """The text pages, the body of each HTML page, devlog.json and the brief."""
    result = {}
    for name, data in outputs(outdir, (".html", ".txt", ".json", ".md")).items():
        if name.endswith(".html"):
            if name in ("genindex.html", "search.html"):
                continue
            match = _HTML_BODY.search(data.decode("utf-8"))
            assert match, name
            data = match.group(1).encode("utf-8")
        result[name] = data
    return result


def _add_reference_to_future_log(src: Path) -> None:
    refs = src / "refs.md"
    refs.write_text(
        refs.read_text(encoding="utf-8") + "- a later session: {devlog}`2024-03-20_tide-alerts`\n",
        encoding="utf-8",
    )


def edit_title(src: Path) -> None:
    path = src / PARSER
    path.write_text(
        path.read_text(encoding="utf-8").replace("# Tide table parser", "# Tide-table parser, v2"),
        encoding="utf-8",
    )


def edit_items(src: Path) -> None:
    path = src / FIT
    text = path.read_text(encoding="utf-8")
    text = text.replace(
        "2. [ ] Try the Rayleigh criterion", "2. [x] Try the Rayleigh criterion, done"
    )
    path.write_text(text, encoding="utf-8")


def edit_body(src: Path) -> None:
    """A field and the prose change; the title and the items do not."""
    path = src / FIT
    text = path.read_text(encoding="utf-8")
    text = text.replace(":purpose: Fit the main", ":purpose: Fit the four main")
    text = text.replace(":spent: 1.5h", ":spent: 2h")
    path.write_text(text, encoding="utf-8")


def add_log(src: Path) -> None:
    (src / "logs/2024-03-20_tide-alerts-success.md").write_text(
        "# Tide alerts\n\n```{devlog}\n:follows: 2024-03-09_gauge-api\n```\n", encoding="utf-8"
    )


def delete_log(src: Path) -> None:
    (src / FIT).unlink()


def rename_log(src: Path) -> None:
    path = src / PARSER
    path.rename(src / "logs/2024-03-04_tide-table-parser-complete.md")


CHANGES: dict[str, Callable[[Path], None]] = {
    "edit-title": edit_title,
    "edit-items": edit_items,
    "edit-body": edit_body,
    "add": add_log,
    "delete": delete_log,
    "rename": rename_log,
}


@pytest.mark.parametrize("builder", ["html", "text"])
@pytest.mark.parametrize("change", list(CHANGES))
def test_incremental_equals_fresh(make_app, tmp_path, builder: str, change: str) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("myst", tmp_path / "incremental")
    _add_reference_to_future_log(src)
    app = make_app(builder, srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    before = comparable(app.outdir)

    CHANGES[change](src)
    app = make_app(builder, srcdir=src, freshenv=False)
    app.build()
    app.cleanup()
    incremental = comparable(app.outdir)

    fresh_src = tmp_path / "fresh" / "myst"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    app = make_app(builder, srcdir=fresh_src, freshenv=True)
    app.build()
    app.cleanup()
    fresh = comparable(app.outdir)

    # removed pages stay behind in an incremental build's output, as Sphinx does;
    # every page of the fresh build must be identical
    for name, data in fresh.items():
        assert incremental.get(name) == data, name
    assert incremental["devlog.json"] == fresh["devlog.json"]
    assert incremental["devlog-brief.md"] == fresh["devlog-brief.md"]
    assert before["devlog.json"] != fresh["devlog.json"]
    changed_pages = {n for n in fresh if before.get(n) != fresh[n]} - {
        "devlog.json",
        "devlog-brief.md",
    }
    assert changed_pages, "the change should show somewhere"


GAUGE = "logs/2024-03-09_gauge-api-blocked"  # follows FIT: links to the log, not its items
WATCHED = {"refs", GAUGE, FIT[:-3], PARSER[:-3]}


@pytest.mark.parametrize(
    ("change", "rewritten"),
    [
        ("edit-body", {FIT[:-3]}),
        ("edit-items", {FIT[:-3], "refs"}),  # refs names FIT's step 2; GAUGE only FIT
        ("edit-title", {PARSER[:-3], "refs", FIT[:-3]}),  # FIT follows PARSER
        ("delete", {"refs", GAUGE, PARSER[:-3]}),  # PARSER was followed by FIT
    ],
)
def test_pages_written_again(make_app, tmp_path, change: str, rewritten: set[str]) -> None:  # type: ignore[no-untyped-def]
    """Collections are written again on any change; a page that only links to a log,
    when what the link shows (the title, an item's text) or where it goes changes."""
    src = copy_root("myst", tmp_path)
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    CHANGES[change](src)
    app = make_app("html", srcdir=src, freshenv=False)
    written: list[str] = []
    app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
    app.build()
    app.cleanup()
    assert "collections" in written
    assert set(written) & WATCHED == rewritten


#: the sessions of the generated project of the many-logs test
MANY = sessions(30)


def _corpus_log(src: Path, index: int) -> Path:
    return src / "logs" / f"{MANY[index].name}.md"


def _corpus_edit(src: Path) -> None:
    """Check a step that stays open (no later session takes it up): it is done now."""
    path = _corpus_log(src, 14)
    text = path.read_text(encoding="utf-8")
    assert "- [ ] Follow up on the cache after session 13" in text
    path.write_text(
        text.replace("- [ ] Follow up on the cache", "- [x] Follow up on the cache"),
        encoding="utf-8",
    )


def _corpus_delete(src: Path) -> None:
    """Remove a log that the next one follows, and that closes a step by reference."""
    assert MANY[16].closes and MANY[17].follows == MANY[16].stable
    _corpus_log(src, 16).unlink()


def _corpus_add(src: Path) -> None:
    """A new log after session 14 that writes its open step again (in other case, with a
    period: the same step)."""
    (src / "logs/2022-01-11_extra-partial.md").write_text(
        f"# Extra\n\n```{{devlog}}\n:follows: {MANY[14].stable}\n```\n\n"
        "```{devlog:next-steps}\n- [ ] follow up on the cache after session 13.\n"
        "- [ ] Something new\n```\n",
        encoding="utf-8",
    )


@pytest.mark.parametrize(
    "change", [_corpus_edit, _corpus_delete, _corpus_add], ids=["edit", "delete", "add"]
)
def test_incremental_equals_fresh_on_many_logs(make_app, tmp_path, change) -> None:  # type: ignore[no-untyped-def]
    src = write_project(tmp_path / "incremental" / "corpus", 30)
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    before = comparable(app.outdir)
    change(src)
    app = make_app("text", srcdir=src, freshenv=False)
    app.build()
    app.cleanup()
    incremental = comparable(app.outdir)
    fresh_src = tmp_path / "fresh" / "corpus"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    app = make_app("text", srcdir=fresh_src, freshenv=True)
    app.build()
    app.cleanup()
    fresh = comparable(app.outdir)
    for name, data in fresh.items():
        assert incremental.get(name) == data, name
    assert before["collections.txt"] != fresh["collections.txt"]


# -- plain logs ----------------------------------------------------------------------------

DRIFT_LOG = "logs/2025-06-23_websub-push-partial.md"


def _plain_edit_items(src: Path) -> None:
    path = src / DRIFT_LOG
    path.write_text(
        path.read_text(encoding="utf-8").replace("- [ ] Verify hub", "- [x] Verify hub"),
        encoding="utf-8",
    )


def _plain_rename_section(src: Path) -> None:
    """A heading that no longer names lessons: the lessons go, and the list says so."""
    path = src / DRIFT_LOG
    path.write_text(
        path.read_text(encoding="utf-8").replace("## 📚 Lessons Learned", "## Musings"),
        encoding="utf-8",
    )


def _plain_add(src: Path) -> None:
    (src / "logs/2025-08-06_sync-api-partial.md").write_text(
        "## HEADER\n- **Status**: WIP\n- **Date**: August 6, 2025\n\n"
        "## Next Steps\n- [ ] Verify hub signatures\n- [ ] Design the sync API\n",
        encoding="utf-8",
    )


def _plain_delete(src: Path) -> None:
    (src / "logs/2025-06-24_websub-push-success.md").unlink()


def _plain_readme(src: Path) -> None:
    path = src / "logs/README.md"
    path.write_text(path.read_text(encoding="utf-8") + "\n## Status\n\nsuccess\n")


@pytest.mark.parametrize(
    "change",
    [_plain_edit_items, _plain_rename_section, _plain_add, _plain_delete, _plain_readme],
    ids=["edit-items", "rename-section", "add", "delete", "readme"],
)
def test_incremental_equals_fresh_on_plain_logs(make_app, tmp_path, change) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("drift", tmp_path / "incremental")
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    before = comparable(app.outdir)
    change(src)
    app = make_app("text", srcdir=src, freshenv=False)
    app.build()
    app.cleanup()
    incremental = comparable(app.outdir)
    fresh_src = tmp_path / "fresh" / "drift"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    app = make_app("text", srcdir=fresh_src, freshenv=True)
    app.build()
    app.cleanup()
    fresh = comparable(app.outdir)
    for name, data in fresh.items():
        assert incremental.get(name) == data, name
    if change is _plain_readme:  # not a log: nothing the collections show changes
        assert before["devlog.json"] == fresh["devlog.json"]
    else:
        assert before["devlog.json"] != fresh["devlog.json"]
    if change in (_plain_rename_section, _plain_add, _plain_delete):
        assert before["index.txt"] != fresh["index.txt"]


# -- checks that need every log --------------------------------------------------------------


def _cycle_warnings(app) -> list[tuple[str, int | None, str]]:  # type: ignore[no-untyped-def]
    return [
        (w.path, w.line, w.message)
        for w in devlog_warnings(app)
        if w.type == "devlog.ref" and "cycle" in w.message
    ]


def test_follows_cycle_comes_and_goes_with_edits(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A cycle is reported after the edit that makes it, as a fresh build reports it, and
    no longer after the edit that breaks it, whichever log the edit is in."""
    src = copy_root("myst", tmp_path / "incremental")
    parser = src / PARSER
    original = parser.read_text(encoding="utf-8")

    def build(srcdir: Path, fresh: bool):  # type: ignore[no-untyped-def]
        app = make_app("html", srcdir=srcdir, freshenv=fresh)
        app.build()
        app.cleanup()
        return app

    assert _cycle_warnings(build(src, True)) == []
    # the parser session now follows the fit, which follows it
    parser.write_text(
        original.replace(":tags: parsing", ":follows: 2024-03-05_harmonic-fit\n:tags: parsing"),
        encoding="utf-8",
    )
    incremental = _cycle_warnings(build(src, False))
    fresh_src = tmp_path / "fresh" / "myst"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = _cycle_warnings(build(fresh_src, True))
    assert incremental == fresh
    follows_line = (
        parser.read_text(encoding="utf-8").splitlines().index(":follows: 2024-03-05_harmonic-fit")
    )
    assert [(path, line) for path, line, _message in fresh] == [(PARSER, follows_line + 1)]
    # the fit no longer follows the parser: the cycle is gone, although the parser's
    # own source, which holds the warning's line, did not change
    fit = src / FIT
    fit.write_text(
        fit.read_text(encoding="utf-8").replace(":follows: 2024-03-04_tide-table-parser\n", ""),
        encoding="utf-8",
    )
    assert _cycle_warnings(build(src, False)) == []
