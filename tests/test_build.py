"""Real builds of the example projects, in MyST and reST, with html, text and latex."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import devlog_warnings, warnings_of
from sphinx.util.inventory import InventoryFile

PARSER = "logs/2024-03-04_tide-table-parser-success"
FIT = "logs/2024-03-05_harmonic-fit-partial"
GAUGE = "logs/2024-03-09_gauge-api-blocked"

ROOTS = ["myst", "rst"]


def uri(item) -> str:  # type: ignore[no-untyped-def]
    """An inventory entry's URI (an attribute since Sphinx 8.2's successors, else a tuple)."""
    return item.uri if hasattr(item, "uri") else item[2]


def display(item) -> str:  # type: ignore[no-untyped-def]
    return item.display_name if hasattr(item, "display_name") else item[3]


def html(app, docname: str) -> str:  # type: ignore[no-untyped-def]
    return (Path(app.outdir) / f"{docname}.html").read_text(encoding="utf-8")


@pytest.mark.parametrize("root", ROOTS)
def test_html_header(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    assert warnings_of(app) == []
    page = html(app, PARSER)
    header = page[
        page.index('class="devlog-header') : page.index("</div>", page.index("devlog-summary"))
    ]
    assert re.search(r'class="[^"]*sd-badge[^"]*sd-bg-success[^"]*">success</span>', header)
    assert '<span class="devlog-date">2024-03-04</span>' in header
    assert "Parse the harbour authority’s <strong>tide tables</strong>" in header or (
        "Parse the harbour authority's <strong>tide tables</strong>" in header
    )
    assert "pandas" in header and "developers, AI assistants" in header
    assert ">parsing</span>" in header and ">data</span>" in header
    assert "2h estimated, 1h30m spent" in header
    assert "First working parser for the fixed-width tide tables." in header

    fit = html(app, FIT)
    assert "1h30m estimated, 1h30m spent" in fit
    follows = re.search(r"Follows<.*?</dd>", fit, re.S)
    assert follows and 'href="2024-03-04_tide-table-parser-success.html"' in follows.group(0)
    assert ">Tide table parser<" in follows.group(0)
    closes = re.search(r"Closes<.*?</dd>", fit, re.S)
    assert (
        closes
        and 'href="2024-03-04_tide-table-parser-success.html#devlog-step-1"' in closes.group(0)
    )
    assert ">Fit harmonic constituents<" in closes.group(0)

    gauge = html(app, GAUGE)  # status and date come from the filename
    assert re.search(r'sd-bg-secondary[^"]*">blocked</span>', gauge)
    assert '<span class="devlog-date">2024-03-09</span>' in gauge
    assert "Waiting for API keys" in gauge


@pytest.mark.parametrize("root", ROOTS)
@pytest.mark.parametrize("tasklist", [True, False])
def test_html_items(build, root: str, tasklist: bool) -> None:  # type: ignore[no-untyped-def]
    overrides = {} if tasklist or root == "rst" else {"myst_enable_extensions": ["colon_fence"]}
    app = build(root, confoverrides=overrides)
    assert devlog_warnings(app) == []
    page = html(app, PARSER)
    items = dict(re.findall(r'<li class="([^"]*)" id="(devlog-[a-z]+-\d+)"', page))
    ids = re.findall(r'id="(devlog-[a-z]+-\d+)"', page)
    assert ids == [
        "devlog-goal-1",
        "devlog-goal-2",
        "devlog-lesson-1",
        "devlog-lesson-2",
        "devlog-step-1",
        "devlog-step-2",
        "devlog-file-1",
        "devlog-file-2",
    ]
    assert items  # every item is an <li> with its own id
    boxes = [
        (anchor, 'checked="checked"' in tag)
        for anchor, tag in re.findall(
            r'<li[^>]*id="(devlog-(?:goal|step)-\d)"[^>]*>(?:<p>)?(<input [^>]*>)', page
        )
    ]
    assert boxes == [
        ("devlog-goal-1", True),
        ("devlog-goal-2", True),
        ("devlog-step-1", False),
        ("devlog-step-2", True),
    ]
    assert "[x]" not in page and "[ ]" not in page
    fit = html(app, FIT)
    assert re.search(r'<ol class="[^"]*devlog-list[^"]*"', fit)  # numbered next steps stay numbered
    gauge = html(app, GAUGE)  # a plain bullet gets no checkbox, but is a step
    assert re.search(r'id="devlog-step-1"[^>]*>(<p>)?Ask again on Monday', gauge)


@pytest.mark.parametrize("root", ROOTS)
def test_roles(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    page = html(app, "refs")
    links = re.findall(
        r'<a class="reference internal" href="([^"]+)"[^>]*><span class="[^"]*">([^<]+)</span></a>',
        page,
    )
    assert links == [
        ("logs/2024-03-04_tide-table-parser-success.html", "Tide table parser"),
        ("logs/2024-03-05_harmonic-fit-partial.html", "Harmonic fit 🌊 — first try"),
        ("logs/2024-03-04_tide-table-parser-success.html", "Tide table parser"),
        ("logs/2024-03-04_tide-table-parser-success.html", "the parser session"),
        (
            "logs/2024-03-04_tide-table-parser-success.html#devlog-lesson-1",
            "The archive mixes UTC and local time; always normalise first.",
        ),
        ("logs/2024-03-05_harmonic-fit-partial.html#devlog-step-2", "Try the Rayleigh criterion"),
        ("logs/2024-03-05_harmonic-fit-partial.html#devlog-goal-1", "Fit harmonic constituents"),
        (
            "logs/2024-03-04_tide-table-parser-success.html#devlog-file-1",
            "tidewater/parse.py - the parser",
        ),
        ("logs/2024-03-05_harmonic-fit-partial.html", "Harmonic fit 🌊 — first try"),
        # any: LOG#N prefers a next step, then a lesson, a goal, a file
        (
            "logs/2024-03-05_harmonic-fit-partial.html#devlog-step-1",
            "Collect a full year of observations",
        ),
    ]
    assert re.search(r'sd-bg-success[^"]*">success</span>', page)
    assert re.search(r'sd-bg-secondary[^"]*">blocked</span>', page)


@pytest.mark.parametrize("root", ROOTS)
def test_objects_inv(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    with open(Path(app.outdir) / "objects.inv", "rb") as stream:
        inv = InventoryFile.load(
            stream, "https://example.org/tide", lambda base, uri: f"{base}/{uri}"
        )
    logs = inv["devlog:log"]
    assert uri(logs["2024-03-04_tide-table-parser-success"]) == (
        "https://example.org/tide/logs/2024-03-04_tide-table-parser-success.html"
    )
    assert display(logs["2024-03-04_tide-table-parser-success"]) == "Tide table parser"
    assert "2024-03-04_tide-table-parser" in logs  # stable name, for links that survive renames
    steps = inv["devlog:step"]
    assert uri(steps["2024-03-05_harmonic-fit-partial#2"]).endswith(
        "logs/2024-03-05_harmonic-fit-partial.html#devlog-step-2"
    )
    assert display(steps["2024-03-05_harmonic-fit-partial#2"]) == "Try the Rayleigh criterion"
    assert "2024-03-05_harmonic-fit#2" in steps
    assert set(inv) >= {"devlog:log", "devlog:goal", "devlog:lesson", "devlog:step", "devlog:file"}
    assert len(inv["devlog:lesson"]) == 3 * 2  # three lessons, by name and stable name


@pytest.mark.parametrize("root", ROOTS)
def test_search_index_objects(build, root: str) -> None:  # type: ignore[no-untyped-def]
    """Logs are search objects; items are prose, indexed as their log's text, not as objects."""
    app = build(root)
    script = (Path(app.outdir) / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(script[script.index("(") + 1 : script.rindex(")")])
    types = {tuple(entry[:2]) for entry in index["objnames"].values()}
    assert ("devlog", "log") in types
    assert not {kind for domain, kind in types if domain == "devlog"} - {"log"}
    # each entry ends with the display name: a log's title, once (the stable name is
    # inventory-only), and no item text
    objects = sorted(name for entries in index["objects"].values() for *_, name in entries)
    assert objects == ["Gauge API access", "Harmonic fit 🌊 — first try", "Tide table parser"]
    # an item's words are still found, on its log's page
    assert "rayleigh" in index["terms"]


@pytest.mark.parametrize("root", ROOTS)
def test_text_output(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root, "text")
    assert warnings_of(app) == []
    text = (Path(app.outdir) / f"{PARSER}.txt").read_text(encoding="utf-8")
    assert "success 2024-03-04 parsing data" in text
    assert "2h estimated, 1h30m spent" in text
    assert "[x] Read the fixed-width format" in text
    assert "[ ] Fit harmonic constituents" in text
    assert "[x] Publish the parser" in text
    refs = (Path(app.outdir) / "refs.txt").read_text(encoding="utf-8")
    assert "Tide table parser" in refs and "Try the Rayleigh criterion" in refs


@pytest.mark.parametrize("root", ROOTS)
def test_latex_output(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root, "latex")
    assert warnings_of(app) == []
    tex = next(Path(app.outdir).glob("*.tex")).read_text(encoding="utf-8")
    label = r"\label{\detokenize{logs/2024-03-05_harmonic-fit-partial:devlog-step-2}}"
    assert label in tex
    assert r"\hyperref[\detokenize{logs/2024-03-05_harmonic-fit-partial:devlog-step-2}]" in tex
    assert "{[}x{]} }Read the fixed" in tex
    assert "{[} {]} }Fit harmonic constituents" in tex
    assert "sd-bg-success" in tex


def test_json_same_for_myst_and_rst(build) -> None:  # type: ignore[no-untyped-def]
    myst = (Path(build("myst").outdir) / "devlog.json").read_bytes()
    rst = (Path(build("rst").outdir) / "devlog.json").read_bytes()
    assert myst == rst
    data = json.loads(myst)
    assert data["version"] == 1
    assert [log["name"] for log in data["logs"]] == [
        "2024-03-04_tide-table-parser-success",
        "2024-03-05_harmonic-fit-partial",
        "2024-03-09_gauge-api-blocked",
    ]
    parser, fit, gauge = data["logs"]
    assert parser["stable_name"] == "2024-03-04_tide-table-parser"
    assert parser["docname"] == PARSER
    assert parser["purpose"] == "Parse the harbour authority's tide tables"
    assert parser["tags"] == ["parsing", "data"]
    assert (parser["estimate_minutes"], parser["spent_minutes"]) == (120, 90)
    assert parser["goals"] == [
        {
            "id": "2024-03-04_tide-table-parser-success#1",
            "text": "Read the fixed-width format",
            "done": True,
        },
        {
            "id": "2024-03-04_tide-table-parser-success#2",
            "text": "Handle daylight-saving shifts",
            "done": True,
        },
    ]
    assert parser["files"][0] == {
        "id": "2024-03-04_tide-table-parser-success#1",
        "path": "tidewater/parse.py",
        "description": "the parser",
    }
    assert fit["follows"] == ["2024-03-04_tide-table-parser-success"]
    assert fit["closes"] == ["2024-03-04_tide-table-parser-success#1"]
    assert fit["title"] == "Harmonic fit 🌊 — first try"
    assert fit["next_steps"][0] == {
        "id": "2024-03-05_harmonic-fit-partial#1",
        "text": "Collect a full year of observations",
        "done": False,
        "open": True,
    }
    assert (gauge["status"], gauge["date"], gauge["summary"]) == (
        "blocked",
        "2024-03-09",
        "Waiting for API keys from the harbour authority.",
    )
    assert gauge["next_steps"][0]["text"] == "Ask again on Monday"
    assert json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n" == myst.decode()


@pytest.mark.parametrize("builder", ["text", "latex", "dummy", "xml", "man", "singlehtml"])
def test_json_written_by_every_builder(build, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = build("myst", builder)
    assert warnings_of(app) == []
    assert (Path(app.outdir) / "devlog.json").is_file()


def test_json_can_be_turned_off(build) -> None:  # type: ignore[no-untyped-def]
    app = build("myst", confoverrides={"devlog_json": False})
    assert not (Path(app.outdir) / "devlog.json").exists()


def test_custom_statuses(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = build(
        "myst",
        confoverrides={
            "devlog_statuses": {"Success": "info", "partial": "warning", "blocked": "dark"}
        },
    )
    assert devlog_warnings(app) == []
    page = html(app, PARSER)
    assert re.search(r'sd-bg-info[^"]*">success</span>', page)
    gauge = html(app, GAUGE)
    assert re.search(r'sd-bg-dark[^"]*">blocked</span>', gauge)


def test_required_fields(build) -> None:  # type: ignore[no-untyped-def]
    app = build(
        "myst", confoverrides={"devlog_required_fields": ["purpose", "summary", "estimate"]}
    )
    found = sorted((w.path, w.message) for w in devlog_warnings(app))
    assert found == [
        (
            "logs/2024-03-05_harmonic-fit-partial.md",
            "log '2024-03-05_harmonic-fit-partial' has no summary",
        ),
        (
            "logs/2024-03-09_gauge-api-blocked.md",
            "log '2024-03-09_gauge-api-blocked' has no estimate",
        ),
        (
            "logs/2024-03-09_gauge-api-blocked.md",
            "log '2024-03-09_gauge-api-blocked' has no purpose",
        ),
    ]


def test_custom_filename_pattern(build) -> None:  # type: ignore[no-untyped-def]
    """A pattern that no log matches: every log is reported, and nothing else breaks."""
    pattern = r"(?P<status>[a-z]+)--(?P<date>\d{4}-\d{2}-\d{2})--(?P<slug>.+)"
    app = build("myst", confoverrides={"devlog_filename_pattern": pattern})
    found = sorted((w.path, w.type) for w in devlog_warnings(app))
    assert found == [
        ("logs/2024-03-04_tide-table-parser-success.md", "devlog.filename"),
        ("logs/2024-03-05_harmonic-fit-partial.md", "devlog.filename"),
        ("logs/2024-03-05_harmonic-fit-partial.md", "devlog.ref"),  # follows, by stable name
        ("logs/2024-03-05_harmonic-fit-partial.md", "devlog.ref"),  # closes, by stable name
        ("logs/2024-03-09_gauge-api-blocked.md", "devlog.field"),  # no status
        ("logs/2024-03-09_gauge-api-blocked.md", "devlog.field"),  # no date
        ("logs/2024-03-09_gauge-api-blocked.md", "devlog.filename"),
        ("logs/2024-03-09_gauge-api-blocked.md", "devlog.ref"),  # follows, by stable name
        # the six references by stable name no longer find their log (any stays quiet)
        ("refs.md", "devlog.ref"),
        ("refs.md", "devlog.ref"),
        ("refs.md", "devlog.ref"),
        ("refs.md", "devlog.ref"),
        ("refs.md", "devlog.ref"),
        ("refs.md", "devlog.ref"),
    ]


def test_status_first_filenames(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "status-first"
    (src / "logs").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'devlog_filename_pattern = r"(?P<status>[a-z]+)--(?P<date>\\d{4}-\\d{2}-\\d{2})--(?P<slug>.+)"\n'
    )
    (src / "index.md").write_text(
        "# Index\n\n```{toctree}\n:glob:\nlogs/*\n```\n\n{devlog}`2024-06-01--cache-warmup`\n"
    )
    (src / "logs/failed--2024-06-01--cache-warmup.md").write_text(
        "# Cache warm-up\n\n```{devlog}\n```\n"
    )
    app = build("", srcdir=src)
    assert devlog_warnings(app) == []
    data = json.loads((Path(app.outdir) / "devlog.json").read_text())
    log = data["logs"][0]
    assert (log["status"], log["date"], log["stable_name"]) == (
        "failed",
        "2024-06-01",
        "2024-06-01--cache-warmup",
    )
    assert ">Cache warm-up</span></a>" in html(app, "index")
