"""The collections: content, filters, empty results, bad filter values, all builders."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from conftest import built_once, captured_app, copy_root, devlog_warnings
from sphinx.testing.util import SphinxTestApp

from sphinxcontrib_devlog.config import DevlogConfig


def case(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """The text output of ``cases/<name>`` between its "Before." and "After." lines."""
    text = (Path(app.outdir) / "cases" / f"{name}.txt").read_text(encoding="utf-8")
    return text[text.index("Before.") + len("Before.") : text.index("After.")].strip()


def table_rows(text: str) -> list[list[str]]:
    """Rows of a text-builder grid table (continuation lines joined)."""
    rows: list[list[str]] = []
    current: list[str] | None = None
    for line in text.splitlines():
        if line.startswith(("+", "|=")):  # a row border, or the header's
            if current is not None:
                rows.append([" ".join(c.split()) for c in current])
            current = None
        elif line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            current = (
                cells
                if current is None
                else [f"{a} {b}" for a, b in zip(current, cells, strict=True)]
            )
    return rows[1:]  # without the header


@pytest.fixture(scope="module")
def text_app(tmp_path_factory):  # type: ignore[no-untyped-def]
    """One text build of the collections project, shared by the tests reading it."""
    return built_once("collections", tmp_path_factory.mktemp("c"), ("text",))["text"]


def test_outstanding(text_app) -> None:  # type: ignore[no-untyped-def]
    assert table_rows(case(text_app, "outstanding-all")) == [
        ["carry ME.", "2024-01-01 Alpha", "2024-01-01 Beta", "2"],
        ["reopened later", "2024-02-10 Gamma", "2024-03-05 Delta", "2"],
    ]


@pytest.mark.parametrize(
    ("name", "texts"),
    [
        ("outstanding-status", ["carry ME."]),
        ("outstanding-tags", ["reopened later"]),
        ("outstanding-since", ["reopened later"]),
        ("outstanding-until", ["carry ME."]),
        ("outstanding-limit", ["carry ME."]),
        ("outstanding-sort", ["reopened later", "carry ME."]),
    ],
)
def test_outstanding_filters(text_app, name: str, texts: list[str]) -> None:  # type: ignore[no-untyped-def]
    assert [row[0] for row in table_rows(case(text_app, name))] == texts


def test_empty_results_say_so(text_app, make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    assert case(text_app, "outstanding-empty") == (
        "No open next steps in 1 selected log. It has no next-steps section."
    )
    src = tmp_path / "empty"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib_devlog"]\n')
    (src / "index.md").write_text(
        "# Nothing yet\n\n"
        + "".join(
            f"```{{devlog:{kind}}}\n```\n\n"
            for kind in (
                "outstanding",
                "lessonlist",
                "logtable",
                "timeline",
                "filehistory",
                "stats",
            )
        )
    )
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    text = (Path(app.outdir) / "index.txt").read_text(encoding="utf-8")
    assert text.count("No logs.") == 5  # outstanding, lessons, logs, timeline, files
    assert "| Logs" in text and "0 open, 0 done" in text
    assert json.loads((Path(app.outdir) / "devlog.json").read_text()) == {
        "logs": [],
        "outstanding": [],
        "version": 1,
    }


def test_logtable(text_app) -> None:  # type: ignore[no-untyped-def]
    assert table_rows(case(text_app, "logtable-all")) == [
        ["2024-01-01", "Alpha", "success", "", "1"],
        ["2024-01-01", "Beta", "partial", "", "1"],
        ["2024-02-10", "Gamma", "failed", "", "1"],  # its step 2 was reopened by Delta
        ["2024-03-05", "Delta", "blocked", "", "1"],
        ["2024-03-20", "Epsilon", "complete", "", "0"],
    ]
    assert [r[1] for r in table_rows(case(text_app, "logtable-tags"))] == ["Alpha", "Gamma"]
    assert [r[1] for r in table_rows(case(text_app, "logtable-sort-limit"))] == ["Epsilon", "Delta"]


def test_lessonlist(text_app) -> None:  # type: ignore[no-untyped-def]
    assert case(text_app, "lessonlist-all").split("\n\n") == [
        "* Alpha lesson — Alpha (2024-01-01)",
        "* Beta lesson — Beta (2024-01-01)",
        "* Gamma lesson — Gamma (2024-02-10)",
        "Read from 5 logs. 2 of them have no lessons section.",
    ]
    assert case(text_app, "lessonlist-status").split("\n\n") == [
        "* Alpha lesson — Alpha (2024-01-01)",
        "* Beta lesson — Beta (2024-01-01)",
    ]


def test_timeline(text_app) -> None:  # type: ignore[no-untyped-def]
    assert case(text_app, "timeline-all").split("\n\n") == [
        "-[ March 2024 ]-",
        "* complete 2024-03-20 Epsilon",
        "* blocked 2024-03-05 Delta",
        "-[ February 2024 ]-",
        "* failed 2024-02-10 Gamma",
        "-[ January 2024 ]-",
        "* partial 2024-01-01 Beta",
        "* success 2024-01-01 Alpha",
    ]
    assert case(text_app, "timeline-since").startswith("-[ March 2024 ]-")
    assert "January" not in case(text_app, "timeline-since")
    assert case(text_app, "timeline-sort").split("\n\n")[:3] == [
        "-[ January 2024 ]-",
        "* success 2024-01-01 Alpha",
        "* partial 2024-01-01 Beta",
    ]


def test_stats(text_app) -> None:  # type: ignore[no-untyped-def]
    assert table_rows(case(text_app, "stats-all")) == [
        ["Logs", "5"],
        ["success", "1"],
        ["complete", "1"],
        ["partial", "1"],
        ["failed", "1"],
        ["blocked", "1"],
        ["Lessons", "3"],
        ["Next steps", "4 open, 3 done"],
        ["Goals", "2 of 2 done"],
        ["Estimate against spent", "2h estimated, 3h spent (1h over; 2 logs give both)"],
        ["Time spent in all", "3h"],
    ]
    rows = dict((r[0], r[1]) for r in table_rows(case(text_app, "stats-tags")))
    assert rows["Logs"] == "2" and rows["Next steps"] == "2 open, 3 done"


def test_filehistory(text_app) -> None:  # type: ignore[no-untyped-def]
    assert case(text_app, "filehistory-all").split("\n\n") == [
        '* "src/a.py"',
        "  * 2024-01-01 Alpha — first",
        "  * 2024-01-01 Beta — second",
        '* "src/b.py"',
        "  * 2024-03-05 Delta — third",
        "Read from 5 logs. 2 of them have no files section.",
    ]
    assert "src/b.py" not in case(text_app, "filehistory-limit")
    assert "src/b.py" not in case(text_app, "filehistory-until")


def test_bad_filter_values_warn_and_the_build_goes_on(text_app) -> None:  # type: ignore[no-untyped-def]
    found = sorted((w.path, w.line, w.type, w.message) for w in devlog_warnings(text_app))
    expected = [
        (
            "cases/bad-partly.md",
            6,
            "devlog.field",
            "devlog:logtable: unknown status 'sideways' in :status:",
        ),
        (
            "cases/bad-partly.md",
            7,
            "devlog.date",
            "devlog:logtable: invalid date 'yesterday' in :until:",
        ),
        (
            "cases/bad-values.md",
            6,
            "devlog.field",
            "devlog:outstanding: unknown status 'finished' in :status:",
        ),
        (
            "cases/bad-values.md",
            7,
            "devlog.date",
            "devlog:outstanding: invalid date '2024-13-01' in :since:",
        ),
        ("cases/bad-values.md", 8, "devlog.field", "devlog:outstanding: invalid :limit: '-3'"),
        ("cases/bad-values.md", 9, "devlog.field", "devlog:outstanding: invalid :sort: 'newest'"),
        (
            "cases/bad-values.md",
            10,
            "devlog.field",
            "unknown option 'colour' of devlog:outstanding",
        ),
        # alpha and gamma follow each other (the chains work anyway)
        (
            "logs/2024-01-01_alpha-success.md",
            5,
            "devlog.ref",
            "logs follow one another in a cycle: 2024-01-01_alpha-success follows "
            "2024-02-10_gamma-failed follows 2024-01-01_alpha-success",
        ),
        # :closes: naming a missing step
        (
            "logs/2024-03-20_epsilon-complete.md",
            4,
            "devlog.ref",
            "log '2024-01-01_alpha-success' has no next step 9",
        ),
    ]
    assert [f[:3] for f in found] == [e[:3] for e in expected]
    for (*_, message), (*_, prefix) in zip(found, expected, strict=True):
        assert message.startswith(prefix), (message, prefix)
    # bad values are dropped: the list is the unfiltered one
    assert [r[0] for r in table_rows(case(text_app, "bad-values"))] == [
        "carry ME.",
        "reopened later",
    ]
    assert [r[1] for r in table_rows(case(text_app, "bad-partly"))] == ["Beta"]


@pytest.mark.parametrize("root", ["myst", "rst"])
def test_html_collections_link_to_exact_anchors(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    page = (Path(app.outdir) / "collections.html").read_text(encoding="utf-8")
    for kind in ("outstanding", "lessonlist", "logtable", "timeline", "stats", "filehistory"):
        assert re.search(rf'<div class="devlog-collection devlog-{kind}( [^"]*)?">', page), kind
    outstanding = page[page.index("devlog-outstanding") : page.index("devlog-lessonlist")]
    assert 'href="logs/2024-03-05_harmonic-fit-partial.html#devlog-step-1"' in outstanding
    assert 'href="logs/2024-03-05_harmonic-fit-partial.html#devlog-step-2"' in outstanding
    assert 'href="logs/2024-03-09_gauge-api-blocked.html#devlog-step-1"' in outstanding
    assert "Fit harmonic constituents" not in outstanding  # closed twice over
    lessons = page[page.index("devlog-lessonlist") : page.index("devlog-logtable")]
    assert lessons.count("#devlog-lesson-") == 3
    logtable = page[page.index("devlog-logtable") : page.index("devlog-timeline")]
    assert re.search(r'sd-bg-warning[^"]*">partial</span>', logtable)
    files = page[page.index("devlog-filehistory") :]
    assert 'href="logs/2024-03-04_tide-table-parser-success.html#devlog-file-1"' in files


@pytest.mark.parametrize("root", ["myst", "rst"])
def test_followed_by(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    out = Path(app.outdir)
    parser = (out / "logs/2024-03-04_tide-table-parser-success.html").read_text(encoding="utf-8")
    followed = re.search(r"Followed by<.*?</dd>", parser, re.S)
    assert followed and 'href="2024-03-05_harmonic-fit-partial.html"' in followed.group(0)
    gauge = (out / "logs/2024-03-09_gauge-api-blocked.html").read_text(encoding="utf-8")
    assert "Followed by" not in gauge  # nobody follows the last session


def test_follows_cycle(build) -> None:  # type: ignore[no-untyped-def]
    app = build("collections")
    out = Path(app.outdir)
    alpha = (out / "logs/2024-01-01_alpha-success.html").read_text(encoding="utf-8")
    gamma = (out / "logs/2024-02-10_gamma-failed.html").read_text(encoding="utf-8")
    # alpha follows gamma and gamma follows alpha: both show the other, nothing loops
    assert re.search(r"Follows<.*?2024-02-10_gamma-failed.html.*?</dd>", alpha, re.S)
    assert re.search(
        r"Followed by<.*?2024-01-01_beta-partial.html.*?2024-02-10_gamma-failed.html.*?</dd>",
        alpha,
        re.S,
    )
    assert re.search(r"Followed by<.*?2024-01-01_alpha-success.html.*?</dd>", gamma, re.S)


@pytest.mark.parametrize("root", ["myst", "rst"])
def test_latex_collections(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root, "latex")
    assert devlog_warnings(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    assert r"\begin{sphinxuseclass}{devlog-outstanding}" in tex
    assert r"\hyperref[\detokenize{logs/2024-03-05_harmonic-fit-partial:devlog-step-1}]" in tex
    assert "Nothing outstanding" not in tex
    assert "March 2024" in tex
    # the parser session is followed by the fit session, also in the one LaTeX document
    assert re.search(r"Followed by.*?Harmonic fit", tex, re.S)
    assert tex.count("Followed by") == 2  # the parser and the fit sessions


def test_outstanding_in_json(build) -> None:  # type: ignore[no-untyped-def]
    app = build("collections")
    data = json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))
    assert data["outstanding"] == [
        {
            "id": "2024-01-01_beta-partial#1",
            "kind": "step",
            "text": "carry ME.",
            "log": "2024-01-01_beta-partial",
            "date": "2024-01-01",
            "first_raised": "2024-01-01_alpha-success",
            "first_raised_date": "2024-01-01",
            "first_id": "2024-01-01_alpha-success#1",
            "sessions": 2,
        },
        {
            "id": "2024-03-05_delta-blocked#1",
            "kind": "step",
            "text": "reopened later",
            "log": "2024-03-05_delta-blocked",
            "date": "2024-03-05",
            "first_raised": "2024-02-10_gamma-failed",
            "first_raised_date": "2024-02-10",
            "first_id": "2024-02-10_gamma-failed#2",
            "sessions": 2,
        },
    ]
    steps = {s["id"]: (s["done"], s["open"]) for log in data["logs"] for s in log["next_steps"]}
    assert steps["2024-01-01_alpha-success#1"] == (False, True)  # carried, still open
    assert steps["2024-01-01_alpha-success#3"] == (False, False)  # closed by :closes:
    assert steps["2024-02-10_gamma-failed#1"] == (False, False)  # done as a later goal
    assert steps["2024-02-10_gamma-failed#2"] == (True, True)  # done, then reopened


def test_two_projects_in_one_process_keep_their_own_settings(tmp_path) -> None:
    """The checked devlog_* values are cached; a second app's own order must win."""
    order = {"blocked": "secondary", "failed": "danger", "partial": "warning"}
    order |= {"complete": "primary", "success": "success"}
    shown = []
    for n, overrides in enumerate([{}, {"devlog_statuses": order}]):
        srcdir = copy_root("collections", tmp_path / str(n))
        app = captured_app(
            SphinxTestApp,
            "text",
            srcdir=srcdir,
            status=StringIO(),
            warning=StringIO(),
            freshenv=True,
            confoverrides=overrides,
        )
        try:
            app.build()
        finally:
            app.cleanup()
        rows = table_rows(case(app, "stats-all"))
        shown.append([r[0] for r in rows if r[0] in order])
    default = list(DevlogConfig().devlog_statuses)
    assert len(shown[0]) >= 3
    assert shown[0] == [s for s in default if s in shown[0]]
    assert shown[1] == [s for s in order if s in shown[1]]
    assert shown[0] != shown[1]


def test_every_collection_has_its_directive_docs_page_and_listing() -> None:
    """A collection is one module in the registry: its directive, its docs page."""
    from sphinxcontrib_devlog.collections import COLLECTIONS
    from sphinxcontrib_devlog.collections.directive import directive_for

    docs = Path(__file__).parent.parent / "docs" / "collections"
    assert list(COLLECTIONS) == [
        "outstanding",
        "lessonlist",
        "logtable",
        "timeline",
        "stats",
        "filehistory",
        "chart",
        "graph",
    ]
    for name, collection in COLLECTIONS.items():
        assert collection.name == name
        assert (docs / f"{name}.md").is_file(), name
        assert f"devlog:{name}" in (docs / f"{name}.md").read_text(encoding="utf-8")
        assert directive_for(collection).collection is collection


def test_empty_outstanding_never_calls_an_open_step_done() -> None:
    """A step carried into a later log that the filter leaves out is open, not done."""
    from sphinxcontrib_devlog.collections.coverage import Coverage, coverage_text

    carried = Coverage(kind="step", logs=1, without=0, unread=0, items=2, done=1)
    assert coverage_text(carried, True, True) == (
        "No open next steps in 1 selected log: 1 of their 2 next steps is still open, "
        "listed now in a later log that the filter leaves out."
    )
    done = Coverage(kind="step", logs=1, without=0, unread=0, items=2, done=2)
    assert coverage_text(done, True, True) == (
        "No open next steps in 1 selected log: all 2 next steps are done."
    )
