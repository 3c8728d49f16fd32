"""Plain logs in real builds: the first-round corpus (``test-plain``) and the drift
corpus (``test-drift``, expectations in ``tests/drift.py``), with the text, HTML and LaTeX
builders."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOTS, built_once, copy_root, devlog_warnings, read_file
from drift import EXPECTED as DRIFT_EXPECTED
from drift import NOT_LOGS

from sphinxcontrib_devlog.config import DEFAULT_STATUSES
from sphinxcontrib_devlog.filenames import parse_filename
from sphinxcontrib_devlog.plain.status import resolve_status

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
    # left as the template wrote it: its placeholders are no items
    "2024-09-16_template-left-blank-partial": (
        "[Session Title]",
        "partial",
        "[YYYY-MM-DD]",
        0,
        0,
        0,
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
    log = read_file(CORPUS / f"{name}.md")
    assert log.title == title
    written = log.fields["status"].value if "status" in log.fields else ""
    resolved = resolve_status(written, DEFAULT_STATUSES, ALIASES, parse_filename(name).status)  # type: ignore[union-attr]
    assert resolved.status == status
    assert log.fields["date"].value == date
    counts = tuple(len(log.items[k]) for k in ("goal", "lesson", "step", "file"))
    assert counts == (goals, lessons, steps, files)


def test_reader_details() -> None:
    pixi = read_file(CORPUS / "2024-08-26_pixi-setup-success.md")
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
    album = read_file(CORPUS / "2024-08-29_album-export-complete.md")
    assert album.header_line and album.title == "Album export"
    assert [i.text for i in album.items["step"]] == ["Export to zip files", "Add a progress bar"]
    assert [i.checked for i in album.items["step"]] == [None, None]
    face = read_file(CORPUS / "2024-09-02_face-detection-blocked.md")
    assert (
        face.header_line == 0
        and face.fields["dependencies"].value == "a licence for the detection model"
    )
    viewer = read_file(CORPUS / "2024-09-17_shipped-viewer-complete.md")
    assert (
        viewer.items["step"][1].text == "Zoom with the mouse wheel"
    )  # nested bullets are not items
    assert viewer.fields["tags"].value == "ui, viewer"
    index = read_file(CORPUS / "index.md")
    assert not index.looks_like_a_log


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    return built_once("plain", tmp_path_factory.mktemp("plain"), ("text", "html"))


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
        # the plain template's placeholders: purpose, dependencies, goal, lesson, step
        ("logs/2024-09-16_template-left-blank-partial.md", 4, "devlog.field"),
        ("logs/2024-09-16_template-left-blank-partial.md", 6, "devlog.date"),
        ("logs/2024-09-16_template-left-blank-partial.md", 7, "devlog.field"),
        ("logs/2024-09-16_template-left-blank-partial.md", 11, "devlog.structure"),
        ("logs/2024-09-16_template-left-blank-partial.md", 14, "devlog.structure"),
        ("logs/2024-09-16_template-left-blank-partial.md", 17, "devlog.structure"),
    ]


def _plain_words(text: str) -> str:
    text = re.sub(r"\[[ xX]\]", " ", text)
    text = re.sub(r"[*`\"#|>]", " ", text)
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


# -- the drift corpus, built -----------------------------------------------------------------

DRIFT = ROOTS / "test-drift"


@pytest.fixture(scope="module")
def drift(tmp_path_factory):  # type: ignore[no-untyped-def]
    """The drift corpus built with the text, HTML and LaTeX builders."""
    return built_once("drift", tmp_path_factory.mktemp("drift"), ("text", "html", "latex"))


def _json(app) -> dict:  # type: ignore[no-untyped-def]
    return json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("builder", ["text", "html", "latex"])
def test_drift_json_holds_what_a_person_reads(drift, builder: str) -> None:  # type: ignore[no-untyped-def]
    logs = {log["name"]: log for log in _json(drift[builder])["logs"]}
    assert set(logs) == set(DRIFT_EXPECTED)  # neither the README nor the template
    for name, expected in DRIFT_EXPECTED.items():
        log = logs[name]
        assert (log["title"], log["status"], log["date"]) == (
            expected.title,
            expected.status,
            expected.date,
        ), name
        assert [(g["text"], g["done"]) for g in log["goals"]] == expected.goals, name
        assert [lesson["text"] for lesson in log["lessons"]] == expected.lessons, name
        assert [(s["text"], s["done"]) for s in log["next_steps"]] == expected.steps, name
        assert [f["path"] for f in log["files"]] == expected.files, name
        assert (log["estimate_minutes"], log["spent_minutes"]) == (
            expected.estimate,
            expected.spent,
        ), name


def test_drift_warnings_are_exactly_the_deserved_ones(drift) -> None:  # type: ignore[no-untyped-def]
    found = sorted((w.path, w.type, w.line) for w in devlog_warnings(drift["text"]))
    expected = sorted(
        (f"logs/{name}.md", f"devlog.{subtype}", line)
        for name, e in DRIFT_EXPECTED.items()
        for subtype, line in e.warnings
    )
    assert found == expected


def test_drift_next_steps_chain_across_sessions(drift) -> None:  # type: ignore[no-untyped-def]
    data = _json(drift["text"])
    open_steps = {o["text"]: o for o in data["outstanding"]}
    # closed later: as a ✅ goal, a ✔ goal, a [x] step, a ✅ goal of the release
    for done in (
        "Enable FTS5 in the bundled SQLite",
        "Scan anchors in the body for feed URLs",
        "Export subscriptions back to OPML",
        "Publish a dev container",
        "Add a health check endpoint",
        "Keyboard shortcuts for next and previous entry",
    ):
        assert done not in open_steps, done
    carried = (
        open_steps["Choose a feed parsing library"]
        if "Choose a feed parsing library" in (open_steps)
        else None
    )
    assert carried is None  # checked in the OPML session
    assert open_steps["Detect duplicate entries across feeds"]["first_raised"] == (
        "2025-06-03_feed-parser-partial"
    )


def test_drift_collections_say_what_they_read(drift) -> None:  # type: ignore[no-untyped-def]
    index = (Path(drift["text"].outdir) / "index.txt").read_text(encoding="utf-8")
    text = " ".join(index.split())
    # one log's next steps are prose: the list of open steps says so
    assert (
        "Read from 33 logs. 1 next-steps section was not read: nothing in it is a list (see "
        "the build's devlog.structure warnings)." in text
    )
    assert "Read from 33 logs. 4 of them have no lessons section." in text


def test_drift_titles_and_pages(drift) -> None:  # type: ignore[no-untyped-def]
    out = Path(drift["html"].outdir)
    # no H1: the page is titled from the filename, not from its first section
    opml = (out / "logs/2025-06-05_opml-import-complete.html").read_text(encoding="utf-8")
    assert "<title>Opml import" in opml and "<h1>Opml import" in opml
    # the HEADER above the title is not the title
    parser = (out / "logs/2025-06-03_feed-parser-partial.html").read_text(encoding="utf-8")
    assert "<title>Feed parser" in parser
    # front matter titles a log without a heading
    auth = (out / "logs/2025-06-20_auth-middleware-complete.html").read_text(encoding="utf-8")
    assert "<title>Authentication middleware" in auth
    for name in NOT_LOGS:
        page = (out / f"logs/{name}.html").read_text(encoding="utf-8")
        assert "devlog-header" not in page, name


def test_drift_items_are_anchored_where_they_stand(drift) -> None:  # type: ignore[no-untyped-def]
    out = Path(drift["html"].outdir)
    # list items, a table row, a labelled footer line
    docker = (out / "logs/2025-06-19_docker-image-partial.html").read_text(encoding="utf-8")
    assert re.search(
        r'<tr class="devlog-item devlog-file[^"]*"><td><p><span class="target" '
        r'id="devlog-file-1"></span>',
        docker,
    )
    keys = (out / "logs/2025-06-27_reader-ui-keyboard-success.html").read_text(encoding="utf-8")
    assert re.search(
        r'<p class="devlog-item devlog-step"><span class="target" '
        r'id="devlog-step-1"></span><strong>Next Steps</strong>',
        keys,
    )
    assert keys.count('type="checkbox"') == 2  # the two goals; the footer step has none
    struck = (out / "logs/2025-06-24_websub-push-success.html").read_text(encoding="utf-8")
    assert re.search(
        r'<li class="devlog-item devlog-goal" id="devlog-goal-1"><p>~~Verify hub '
        r"signatures~~</p></li>",
        struck,
    )
    tex = next(Path(drift["latex"].outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert "logs/2025-06-19_docker-image-partial:devlog-file-2" in tex
    assert "logs/2025-06-27_reader-ui-keyboard-success:devlog-step-1" in tex


@pytest.mark.parametrize("name", sorted(DRIFT_EXPECTED))
def test_drift_page_keeps_every_line(drift, name: str) -> None:  # type: ignore[no-untyped-def]
    rendered = _plain_words(
        (Path(drift["text"].outdir) / "logs" / f"{name}.txt").read_text(encoding="utf-8")
    )
    source = (DRIFT / "logs" / f"{name}.md").read_text(encoding="utf-8-sig")
    in_comment = False
    for line in source.splitlines():
        stripped = line.strip()
        if stripped.startswith("<!--"):
            in_comment = not stripped.endswith("-->")
            continue
        if in_comment:
            in_comment = not stripped.endswith("-->")
            continue
        words = _plain_words(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", line))
        if not words or set(stripped) <= set("-=|~`") or stripped.startswith("```"):
            continue
        if stripped in ("---",) or (
            re.fullmatch(r"\w+: .*", stripped) and name.endswith("auth-middleware-complete")
        ):
            continue  # front matter becomes the page's metadata
        assert "".join(words.split()) in "".join(rendered.split()), line


def test_section_words_and_exclusions_are_configurable(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("drift", tmp_path)
    app = make_app(
        "text",
        srcdir=src,
        freshenv=True,
        confoverrides={
            "devlog_section_words": {"Findings": "lesson", "Future Work": ""},
            "devlog_plain_exclude": ["readme*", "*template*", "*-analysis"],
        },
    )
    app.build()
    app.cleanup()
    logs = {log["name"]: log for log in _json(app)["logs"]}
    assert "2025-06-12_thumbnail-proxy-investigation-analysis" not in logs
    assert [lesson["text"] for lesson in logs["2025-06-30_migration-tool-blocked"]["lessons"]] == [
        "Two of the three readers we target export OPML only",
        "The third needs an API key we do not have yet",
        "Ask for API access in the first week, not when the code is ready",
    ]
    assert logs["2025-06-10_fts-search-success"]["next_steps"] == []


def _tiny_project(tmp_path: Path, logs: dict[str, str]) -> Path:
    src = tmp_path / "tiny"
    (src / "logs").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\ndevlog_plain_logs = ["logs/*"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Tiny\n\n```{toctree}\n:glob:\nlogs/*\n```\n", encoding="utf-8")
    for name, text in logs.items():
        (src / "logs" / name).write_text(text, encoding="utf-8")
    return src


def test_a_title_made_from_the_filename_has_its_own_id(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = _tiny_project(
        tmp_path, {"2025-02-01_deploy-success.md": "## Deploy\n\nSteps.\n\n## Next Steps\n- a\n"}
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    page = (Path(app.outdir) / "logs/2025-02-01_deploy-success.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    assert "<h1>Deploy" in page and "<h2>Deploy" in page


def test_item_directives_in_a_plain_log_are_read(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = _tiny_project(
        tmp_path,
        {
            "2025-02-02_mixed-partial.md": (
                "# Mixed\n\n## HEADER\n- **Status**: partial\n\n## Notes\n\n"
                "```{devlog:lessons}\n- A lesson in a directive\n```\n\n"
                "## Next Steps\n- [ ] A plain step\n"
            )
        },
    )
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    log = _json(app)["logs"][0]
    assert [lesson["text"] for lesson in log["lessons"]] == ["A lesson in a directive"]
    assert [step["text"] for step in log["next_steps"]] == ["A plain step"]
    assert devlog_warnings(app) == []
