"""Plain-template logs: the lenient reader (no Sphinx) and real builds of a corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOTS, devlog_warnings
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_devlog.config import DEFAULT_STATUSES
from sphinxcontrib_devlog.filenames import parse_filename
from sphinxcontrib_devlog.plain.parse import read_text
from sphinxcontrib_devlog.plain.reader import PlainLog
from sphinxcontrib_devlog.plain.words import SectionWords
from sphinxcontrib_devlog.plain.words import resolve_status as resolve_reading


def read_plain(text: str) -> PlainLog:
    return read_text(text)


def resolve_status(text, statuses, aliases, filename=""):  # type: ignore[no-untyped-def]
    return resolve_reading(text, statuses, aliases, filename).status


def section_kind(title: str) -> str | None:
    return SectionWords.make().kind_of(title) or None

CORPUS = ROOTS / "test-plain" / "logs"
ALIASES = {"shipped": "complete"}

# name: (title, status as resolved, date as written, goals, lessons, steps, files)
EXPECTED = {
    "2024-08-26_pixi-setup-success": ("Pixi setup", "success", "2024-08-26", 3, 2, 2, 2),
    "2024-08-27_exif-reader-partial": ("EXIF reader", "partial", "2024-08-27", 2, 1, 2, 1),
    "2024-08-28_thumbnail-cache-failed": ("Thumbnail cache", "failed", "2024-08-28", 1, 2, 2, 0),
    "2024-08-29_album-export-complete": ("Album export", "complete", "2024-08-29", 2, 1, 2, 2),
    "2024-09-02_face-detection-blocked": ("Face detection", "blocked", "2024-09-02", 1, 1, 2, 0),
    "2024-09-03_cli-polish-complete": ("CLI polish", "complete", "2024-09-03", 2, 1, 1, 1),
    "2024-09-04_zip-export-partial": ("Zip export", "partial", "2024-09-04", 2, 1, 1, 0),
    "2024-09-05_duplicate-finder-complete": (
        "Duplicate finder",
        "complete",
        "2024-09-05",
        2,
        1,
        1,
        1,
    ),
    "2024-09-06_date-fix-success": ("Date fix", "success", "2024-09-07", 1, 1, 1, 0),
    "2024-09-09_search-index-partial": ("Search index", "partial", "2024-09-09", 2, 1, 2, 2),
    "2024-09-10_place-names-success": ("Place names", "success", "2024-09-10", 1, 1, 1, 1),
    "2024-09-11_backup-sync-failed": ("Backup sync", "failed", "2024-09-11", 1, 1, 1, 0),
    "2024-09-12_release-success": ("Release 0.1", "failed", "2024-09-12", 1, 1, 1, 1),
    "2024-09-13_docs-site-complete": ("Docs site", None, "2024-09-13", 1, 0, 1, 0),
    "2024-09-16_template-left-blank-partial": (
        "[Session Title]",
        "partial",
        "[YYYY-MM-DD]",
        1,
        1,
        1,
        0,
    ),
    "2024-09-17_shipped-viewer-complete": ("Photo viewer", "complete", "2024-09-17", 2, 1, 2, 1),
}

# what the build makes of them: status and date after the filename fallback
BUILT = {
    name: (
        status or parse_filename(name).status,
        date if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date) else name[:10],
    )  # type: ignore[union-attr]
    for name, (_t, status, date, *_counts) in EXPECTED.items()
}


def test_corpus_is_large_enough() -> None:
    assert len(EXPECTED) >= 15
    assert {p.stem for p in CORPUS.glob("2*.md")} == set(EXPECTED) | {
        "2024-09-18_directive-log-success"
    }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_reader(name: str) -> None:
    title, status, date, goals, lessons, steps, files = EXPECTED[name]
    log = read_plain((CORPUS / f"{name}.md").read_text(encoding="utf-8"))
    assert log.title == title
    written = log.fields["status"].value if "status" in log.fields else ""
    resolved = resolve_status(written, DEFAULT_STATUSES, ALIASES, parse_filename(name).status)  # type: ignore[union-attr]
    assert resolved == status
    assert log.fields["date"].value == date
    counts = tuple(len(log.items[k]) for k in ("goal", "lesson", "step", "file"))
    assert counts == (goals, lessons, steps, files)


def test_reader_details() -> None:
    pixi = read_plain((CORPUS / "2024-08-26_pixi-setup-success.md").read_text(encoding="utf-8"))
    assert [(i.text, i.checked) for i in pixi.items["goal"]] == [
        ("Install pixi", True),
        ("Create the environment", True),
        ("Pin the Python version", False),
    ]
    assert [(i.path, i.description) for i in pixi.items["file"]] == [
        ("pixi.toml", "new manifest"),
        ("pixi.lock", "lock file"),
    ]
    assert pixi.fields["dependencies"].value == "pixi 0.27, Python 3.12"
    assert pixi.fields["status"].line == 5
    album = read_plain((CORPUS / "2024-08-29_album-export-complete.md").read_text(encoding="utf-8"))
    assert album.header_line and album.title == "Album export"
    assert [i.text for i in album.items["step"]] == ["Export to zip files", "Add a progress bar"]
    assert [i.checked for i in album.items["step"]] == [None, None]
    face = read_plain((CORPUS / "2024-09-02_face-detection-blocked.md").read_text(encoding="utf-8"))
    assert (
        face.header_line == 0
        and face.fields["dependencies"].value == "a licence for the detection model"
    )
    viewer = read_plain(
        (CORPUS / "2024-09-17_shipped-viewer-complete.md").read_text(encoding="utf-8")
    )
    assert (
        viewer.items["step"][1].text == "Zoom with the mouse wheel"
    )  # nested bullets are not items
    assert viewer.fields["tags"].value == "ui, viewer"
    index = read_plain((CORPUS / "index.md").read_text(encoding="utf-8"))
    assert not index.looks_like_a_log


@pytest.mark.parametrize(
    ("text", "filename", "status"),
    [
        ("success", "", "success"),
        ("SUCCESS", "", "success"),
        ("✅ COMPLETE SUCCESS", "complete", "complete"),
        ("✅ COMPLETE SUCCESS", "success", "success"),
        ("✅ COMPLETE SUCCESS", "", "complete"),
        ("⚠️ Partially done", "", "partial"),
        ("Completed", "", "complete"),
        ("Done!", "", "complete"),
        ("WIP", "", "partial"),
        ("❌ Failed - API down", "success", "failed"),
        ("on hold until Monday", "", "blocked"),
        ("Shipped 🚢", "", "complete"),
        ("see below", "success", None),
        ("", "success", None),
        ("🎉", "", "success"),
    ],
)
def test_resolve_status(text: str, filename: str, status: str | None) -> None:
    assert resolve_status(text, DEFAULT_STATUSES, ALIASES, filename) == status


def test_user_aliases_only_map_to_known_statuses() -> None:
    assert resolve_status("parked", DEFAULT_STATUSES, {"parked": "blocked"}) == "blocked"
    assert resolve_status("parked", DEFAULT_STATUSES, {"parked": "nonsense"}) is None


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Session Goals", "goal"),
        ("🎯 Goals", "goal"),
        ("Lessons Learned", "lesson"),
        ("Lessons", "lesson"),
        ("Next Steps", "step"),
        ("Next steps:", "step"),
        ("Files Modified", "file"),
        ("Modified Files", "file"),
        ("Files Changed", "file"),
        ("Outcomes", None),
        ("✅ Completed", None),
        ("Implementation Log", None),
    ],
)
def test_section_kind(title: str, kind: str | None) -> None:
    assert section_kind(title) == kind


markdownish = st.lists(
    st.one_of(
        st.text(max_size=40),
        st.sampled_from(
            [
                "# HEADER",
                "## HEADER",
                "# Title",
                "## Next Steps",
                "## Lessons",
                "```",
                "```bash",
                "- [ ] x",
                "- [x] y",
                "1. z",
                "  - nested",
                "**Status**: ✅ done",
                "Status:",
                "- **Date**: 2024-02-30",
                "## Files Modified",
                "- `a.py` - b",
                "",
                "    indented",
                "#",
                "-",
                "* ",
                "[ ]",
            ]
        ),
    ),
    max_size=40,
)


@settings(max_examples=400)
@given(markdownish)
def test_reading_never_raises(lines: list[str]) -> None:
    log = read_plain("\n".join(lines))
    for items in log.items.values():
        for item in items:
            assert item.line >= 1
    status = log.fields.get("status")
    if status is not None:
        resolve_status(status.value, DEFAULT_STATUSES, ALIASES, "success")


@given(st.text(max_size=400))
def test_reading_arbitrary_text_never_raises(text: str) -> None:
    read_plain(text)


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    from io import StringIO

    from conftest import copy_root
    from sphinx.testing.util import SphinxTestApp

    result = {}
    srcdir = copy_root("plain", tmp_path_factory.mktemp("plain"))
    for builder in ("text", "html"):
        app = SphinxTestApp(
            builder, srcdir=srcdir, status=StringIO(), warning=StringIO(), freshenv=True
        )
        try:
            app.build()
        finally:
            app.cleanup()
        result[builder] = app
    return result


def test_build_reads_every_plain_log(built) -> None:  # type: ignore[no-untyped-def]
    app = built["text"]
    data = json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))
    logs = {log["name"]: log for log in data["logs"]}
    assert set(logs) == set(EXPECTED) | {"2024-09-18_directive-log-success"}  # not logs/index
    for name, (title, _status, _date, goals, lessons, steps, files) in EXPECTED.items():
        log = logs[name]
        assert log["title"] == title
        assert (log["status"], log["date"]) == BUILT[name], name
        counts = tuple(len(log[k]) for k in ("goals", "lessons", "next_steps", "files"))
        assert counts == (goals, lessons, steps, files), name
    assert logs["2024-08-26_pixi-setup-success"]["purpose"] == "Initial project setup with Pixi"
    assert logs["2024-09-17_shipped-viewer-complete"]["follows"] == [
        "2024-09-05_duplicate-finder-complete"
    ]
    # items of the directive log are not read from its sections
    assert logs["2024-09-18_directive-log-success"]["goals"] == []
    outstanding = [o["text"] for o in data["outstanding"]]
    assert "Let users review duplicates before deleting" in outstanding
    assert "Pin the Python version" not in outstanding  # done in the next session
    assert "Index places" not in outstanding  # done as a goal later


def test_checks_apply_to_plain_logs(built) -> None:  # type: ignore[no-untyped-def]
    found = sorted((w.path, w.line, w.type) for w in devlog_warnings(built["text"]))
    assert found == [
        ("logs/2024-09-06_date-fix-success.md", 6, "devlog.date"),
        ("logs/2024-09-11_backup-sync-failed.md", 7, "devlog.ref"),
        ("logs/2024-09-12_release-success.md", 5, "devlog.status"),
        ("logs/2024-09-13_docs-site-complete.md", 5, "devlog.field"),
        ("logs/2024-09-16_template-left-blank-partial.md", 6, "devlog.date"),
    ]


def _plain_words(text: str) -> str:
    text = re.sub(r"\[[ xX]\]", " ", text)
    text = re.sub(r"[*`\"#|]", " ", text)
    text = re.sub(r"(?m)^\s*(?:[-+]|\d+[.)])\s", " ", text)
    return " ".join(text.split())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_rendered_page_keeps_every_line(built, name: str) -> None:  # type: ignore[no-untyped-def]
    rendered = _plain_words(
        (Path(built["text"].outdir) / "logs" / f"{name}.txt").read_text(encoding="utf-8")
    )
    source = (CORPUS / f"{name}.md").read_text(encoding="utf-8")
    for line in source.splitlines():
        if not line.strip() or line.strip().startswith("```"):
            continue
        assert _plain_words(line) in rendered, line


def test_html_header_and_anchors(built) -> None:  # type: ignore[no-untyped-def]
    out = Path(built["html"].outdir)
    page = (out / "logs/2024-08-26_pixi-setup-success.html").read_text(encoding="utf-8")
    assert page.count('class="devlog-header') == 1
    assert re.search(r'sd-bg-success[^"]*">success</span>', page)
    assert re.findall(r'id="(devlog-step-\d)"', page) == ["devlog-step-1", "devlog-step-2"]
    assert 'id="devlog-file-2"' in page
    # the Outcomes lists are not items
    assert "Environment created" in page
    assert not re.search(r"<li[^>]*devlog-item[^>]*>(<p>)?Environment created", page)
    album = (out / "logs/2024-08-29_album-export-complete.html").read_text(encoding="utf-8")
    assert "<title>Album export" in album  # the HEADER above the title is not the title
    index = (out / "index.html").read_text(encoding="utf-8")
    assert ">Album export</a>" in index
    directive = (out / "logs/2024-09-18_directive-log-success.html").read_text(encoding="utf-8")
    assert directive.count('class="devlog-header') == 1 and "devlog-goal-1" not in directive
