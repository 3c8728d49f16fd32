"""``devlog:graph``: the dot source, its drawing by sphinx.ext.graphviz in every builder,
and the list in its place where Graphviz's dot is missing."""

from __future__ import annotations

import html as html_lib
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import devlog_warnings, outputs, warnings_of
from corpus import write_project
from hypothesis import given
from hypothesis import strategies as st
from test_incremental import comparable

from sphinxcontrib_devlog.collections import COLLECTIONS
from sphinxcontrib_devlog.collections.graph import quoted, rankdir

DOT = shutil.which("dot")
needs_dot = pytest.mark.skipif(
    DOT is None and not os.environ.get("DEVLOG_REQUIRE_DOT"),
    reason="Graphviz's dot is not installed (set DEVLOG_REQUIRE_DOT to require it)",
)

CONF = """\
project = "Graphs"
extensions = ["myst_parser", "sphinxcontrib_devlog"]
myst_enable_extensions = ["colon_fence", "tasklist"]
exclude_patterns = ["_build"]
smartquotes = False  # the titles' quotes stay as written
"""

LOGS = {
    "2024-01-01_alpha-success": """\
# Alpha

```{devlog}
:tags: core
```

```{devlog:next-steps}
- [ ] Step one
- [ ] Step two
- [ ] Step three
```
""",
    "2024-01-02_beta-partial": """\
# Beta "quoted" <b>bold</b> & \\n back\\slash

```{devlog}
:tags: core
:follows: 2024-01-01_alpha
```

```{devlog:goals}
- [x] Step one
- [x] Step two
```

```{devlog:next-steps}
- [ ] Step four
```
""",
    "2024-01-03_gamma-failed": """\
# Gamma

```{devlog}
:follows: 2024-01-02_beta, 2024-01-02_beta-partial
:closes: 2024-01-01_alpha#3
```

```{devlog:goals}
- [ ] Step four
```
""",
    "2024-01-04_delta-blocked": """\
# Delta

```{devlog}
```
""",
}

GRAPH_PAGE = """\
# Graph

```{devlog:graph}
```

```{devlog:graph}
:tags: core
```
"""


def write(root: Path, graph_page: str = GRAPH_PAGE) -> Path:
    (root / "logs").mkdir(parents=True)
    (root / "conf.py").write_text(CONF, encoding="utf-8")
    (root / "index.md").write_text(
        "# Graphs\n\n```{toctree}\n:glob:\n\nlogs/*\ngraph\n```\n", encoding="utf-8"
    )
    (root / "graph.md").write_text(graph_page, encoding="utf-8")
    for name, text in LOGS.items():
        (root / "logs" / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def dot_codes(app) -> list[str]:  # type: ignore[no-untyped-def]
    """The dot source of every graph on the graph page, as resolved for *app*'s builder."""
    from sphinx.ext.graphviz import graphviz

    doctree = app.env.get_and_resolve_doctree("graph", app.builder, tags=app.builder.tags)
    return [node["code"] for node in doctree.findall(graphviz)]


HEAD = """\
digraph devlog_NAME {
  graph [bgcolor="transparent", rankdir="BT", size="7.5,1000", nodesep="0.25", \
ranksep="0.3", fontname="Helvetica,Arial,sans-serif"];
  node [shape="box", style="rounded,filled", color="#6c757d", \
fontname="Helvetica,Arial,sans-serif", fontsize="10", margin="0.12,0.05", target="_top"];
  edge [color="#868e96", fontcolor="#868e96", fontname="Helvetica,Arial,sans-serif", \
fontsize="9", arrowsize="0.7"];
"""

EXPECTED = (
    HEAD
    + """\
  log0 [label="2024-01-01\\nAlpha", fillcolor="#a3cfbb", fontcolor="#212529", \
URL="logs/2024-01-01_alpha-success.html", tooltip="2024-01-01 Alpha (success)"];
  log1 [label="2024-01-02\\nBeta \\"quoted\\" <b>bold</b> &amp;\\n\\\\n back\\\\slash", \
fillcolor="#ffe69c", fontcolor="#212529", URL="logs/2024-01-02_beta-partial.html", \
tooltip="2024-01-02 Beta \\"quoted\\" <b>bold</b> &amp; \\\\n back\\\\slash (partial)"];
  log2 [label="2024-01-03\\nGamma", fillcolor="#f1aeb5", fontcolor="#212529", \
URL="logs/2024-01-03_gamma-failed.html", tooltip="2024-01-03 Gamma (failed)"];
  log3 [label="2024-01-04\\nDelta", fillcolor="#ced4da", fontcolor="#212529", \
URL="logs/2024-01-04_delta-blocked.html", tooltip="2024-01-04 Delta (blocked)"];
  log1 -> log0 [style=invis];
  log2 -> log1 [style=invis];
  log3 -> log2 [style=invis];
  log1 -> log0 [style="solid"];
  log2 -> log1 [style="solid"];
  log2 -> log0 [style="dashed"];
  log1 -> log0 [style="dotted", label=<<table border="0" cellborder="0" cellpadding="1" \
bgcolor="#f8f9fa"><tr><td><font color="#343a40">2 steps</font></td></tr></table>>];
  log2 -> log1 [style="dotted"];
}
"""
)

#: the second graph: only the logs tagged core (Alpha and Beta), side by side
EXPECTED_TAGGED_EDGES = """\
  log1 -> log0 [style=invis];
  log1 -> log0 [style="solid"];
  log1 -> log0 [style="dotted", label=<<table border="0" cellborder="0" cellpadding="1" \
bgcolor="#f8f9fa"><tr><td><font color="#343a40">2 steps</font></td></tr></table>>];
}
"""


# -- pure ----------------------------------------------------------------------------


def test_registered() -> None:
    assert "graph" in COLLECTIONS


def unquote(dot: str) -> str:
    """A dot string read back as Graphviz shows it (``\\n`` a line break)."""
    assert dot.startswith('"') and dot.endswith('"')
    out, chars = [], iter(dot[1:-1])
    for char in chars:
        if char == "\\":
            escaped = next(chars)
            out.append("\n" if escaped == "n" else escaped)
        else:
            assert char != '"', "a quote ends the string early"
            out.append(char)
    return "".join(out).replace("&amp;", "&")


@given(st.text())
def test_quoted_reads_back_as_written(text: str) -> None:
    out = quoted(text)
    assert "\n" not in out and "\r" not in out
    assert unquote(out) == text.replace("\r\n", "\n").replace("\r", "\n")


def test_rankdir() -> None:
    assert rankdir(3, True) == "RL" and rankdir(3, False) == "LR"
    assert rankdir(4, True) == "BT" and rankdir(4, False) == "TB"


# -- builds --------------------------------------------------------------------------


@needs_dot
def test_dot_source_and_png(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=write(tmp_path / "p"), freshenv=True)
    app.build()
    assert devlog_warnings(app) == []
    assert [w for w in warnings_of(app) if "graphviz" in w.message.lower()] == []
    first, tagged = dot_codes(app)
    name = re.match(r"digraph devlog_([0-9a-f]{12}) \{", first)
    assert name is not None
    assert first == EXPECTED.replace("NAME", name.group(1))
    assert 'rankdir="RL"' in tagged and "log2" not in tagged
    assert tagged.endswith(EXPECTED_TAGGED_EDGES)
    html = (app.outdir / "graph.html").read_text(encoding="utf-8")
    images = re.findall(r'<img src="(_images/graphviz-[0-9a-f]+\.png)" alt="([^"]*)"', html)
    assert [alt for _, alt in images] == [
        "Graph of 4 logs and 5 edges (2 follows, 1 closes, 2 carried next steps)",
        "Graph of 2 logs and 2 edges (1 follows, 0 closes, 1 carried next steps)",
    ]
    for src, _ in images:
        assert (app.outdir / src).is_file()
    # each image has a map of its own: the links of the second graph are its own
    maps = re.findall(r'usemap="#([^"]+)"', html)
    assert len(maps) == 2 and len(set(maps)) == 2
    assert all(f'<map id="{m}" name="{m}">' in html for m in maps)
    areas = re.findall(r'<area shape="rect" id="[^"]*" href="([^"]*)" target="_top"', html)
    assert sorted(set(areas)) == [f"logs/{name}.html" for name in sorted(LOGS)]
    for href in areas:
        assert (app.outdir / href).is_file()
    # the title's markup is text in the map, never markup
    assert "<b>bold" not in html
    app.cleanup()


@needs_dot
def test_svg_links_from_images_folder(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write(tmp_path / "p")
    (src / "sub").mkdir()
    (src / "sub" / "graph.md").write_text(GRAPH_PAGE, encoding="utf-8")
    (src / "index.md").write_text(
        "# Graphs\n\n```{toctree}\n:glob:\n\nlogs/*\ngraph\nsub/graph\n```\n", encoding="utf-8"
    )
    app = make_app(
        "html", srcdir=src, freshenv=True, confoverrides={"graphviz_output_format": "svg"}
    )
    app.build()
    assert warnings_of(app) == []
    for page in ("graph", "sub/graph"):
        html = (app.outdir / f"{page}.html").read_text(encoding="utf-8")
        data = re.findall(r'<object data="([^"]+\.svg)"', html)
        assert len(data) == 2
        svg_path = (app.outdir / page).parent / data[0]
        svg = svg_path.read_text(encoding="utf-8")
        hrefs = re.findall(r'href="([^"]+)"', svg)
        # relative to the image's folder (_images), each a log's page
        assert sorted(set(hrefs)) == [f"../logs/{name}.html" for name in sorted(LOGS)]
        for href in hrefs:
            assert (svg_path.parent / href).resolve().is_file()
        assert 'target="_top"' in svg
        assert "&lt;b&gt;bold&lt;/b&gt;" in svg and "<b>" not in svg
    app.cleanup()


@needs_dot
@pytest.mark.parametrize("builder", ["text", "latex"])
def test_text_and_latex(make_app, tmp_path, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(builder, srcdir=write(tmp_path / "p"), freshenv=True)
    app.build()
    assert warnings_of(app) == []
    if builder == "text":
        text = (app.outdir / "graph.txt").read_text(encoding="utf-8")
        assert "[graph: Graph of 4 logs and 5 edges" in " ".join(text.split())
    else:
        tex = next(app.outdir.glob("*.tex")).read_text(encoding="utf-8")
        pdfs = re.findall(r"\\sphinxincludegraphics\[\]\{(graphviz-[0-9a-f]+\.pdf)\}", tex)
        assert len(pdfs) == 2
        assert all((app.outdir / pdf).is_file() for pdf in pdfs)
    app.cleanup()


@pytest.mark.parametrize("builder", ["html", "text"])
def test_missing_dot_gives_a_list_and_one_warning(make_app, tmp_path, builder: str) -> None:  # type: ignore[no-untyped-def]
    src = write(tmp_path / "p")
    (src / "other.md").write_text("# Other\n\n```{devlog:graph}\n```\n", encoding="utf-8")
    (src / "index.md").write_text(
        "# Graphs\n\n```{toctree}\n:glob:\n\nlogs/*\ngraph\nother\n```\n", encoding="utf-8"
    )
    app = make_app(
        builder, srcdir=src, freshenv=True, confoverrides={"graphviz_dot": "/nonexistent/dot"}
    )
    app.build()
    warnings = warnings_of(app)
    assert [(w.type, w.path, w.line) for w in warnings] == [("devlog.graph", "graph.md", 3)]
    assert "/nonexistent/dot" in warnings[0].message
    if builder == "text":
        text = (app.outdir / "graph.txt").read_text(encoding="utf-8")
        assert "2024-01-03 Gamma; follows Beta" in " ".join(text.split())
        assert "[graph" not in text
        return
    html = (app.outdir / "graph.html").read_text(encoding="utf-8")
    assert "graphviz" not in html.split('<div class="body"', 1)[1]
    lists = re.findall(r'<ul class="devlog-graph-list[^"]*">(.*?)</ul>', html, re.S)
    assert len(lists) == 2
    items = re.findall(r"<li>(.*?)</li>", lists[0], re.S)
    assert len(items) == 4
    gamma = " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", items[2])).split())
    beta = 'Beta "quoted" <b>bold</b> & \\n back\\slash'
    assert gamma == (
        f"failed 2024-01-03 Gamma; follows {beta}; closes steps of Alpha; "
        f"carries on steps of {beta}"
    )
    assert 'href="logs/2024-01-03_gamma-failed.html"' in items[2]
    assert "carries on steps of" in items[1] and "(2)" in items[1]
    assert "<b>bold</b>" not in html
    app.cleanup()


def test_missing_dot_suppressed(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    app = make_app(
        "html",
        srcdir=write(tmp_path / "p"),
        freshenv=True,
        confoverrides={"graphviz_dot": "/nonexistent/dot", "suppress_warnings": ["devlog.graph"]},
    )
    app.build()
    assert warnings_of(app) == []
    assert "devlog-graph-list" in (app.outdir / "graph.html").read_text(encoding="utf-8")
    app.cleanup()


@needs_dot
def test_filters(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = (
        "# Graph\n\n```{devlog:graph}\n:since: 2024-01-02\n:until: 2024-01-03\n:sort: -date\n```\n\n"
        "```{devlog:graph}\n:status: blocked\n```\n\n"
        "```{devlog:graph}\n:status: nothing\n:limit: 2\n```\n"
    )
    app = make_app("html", srcdir=write(tmp_path / "p", page), freshenv=True)
    app.build()
    assert [w.type for w in warnings_of(app)] == ["devlog.field"]  # the unknown status
    window, blocked, limited = dot_codes(app)
    assert 'rankdir="LR"' in window  # two logs, newest first
    assert re.findall(r"^  (log\d) \[label=\"([^\\]+)", window, re.M) == [
        ("log0", "2024-01-03"),
        ("log1", "2024-01-02"),
    ]
    # Gamma -> Beta: follows and one carried step, no edge to Alpha (filtered out)
    assert window.endswith(
        '  log0 -> log1 [style=invis];\n  log0 -> log1 [style="solid"];\n'
        '  log0 -> log1 [style="dotted"];\n}\n'
    )
    assert "Delta" in blocked and "->" not in blocked
    assert limited.count("[label=") == 2 and "Alpha" in limited and "Beta" in limited
    app.cleanup()


@needs_dot
def test_empty_graph(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = "# Graph\n\n```{devlog:graph}\n:since: 2030-01-01\n```\n"
    app = make_app("html", srcdir=write(tmp_path / "p", page), freshenv=True)
    app.build()
    html = (app.outdir / "graph.html").read_text(encoding="utf-8")
    assert "No logs match the filter." in html and "<img" not in html
    app.cleanup()


# -- incremental and parallel ---------------------------------------------------------


@needs_dot
def test_incremental_equals_fresh(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write(tmp_path / "inc")
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    # Delta now follows Gamma, and Beta's title changes
    delta = src / "logs" / "2024-01-04_delta-blocked.md"
    delta.write_text(
        delta.read_text().replace("```{devlog}\n", "```{devlog}\n:follows: 2024-01-03_gamma\n")
    )
    beta = src / "logs" / "2024-01-02_beta-partial.md"
    beta.write_text(beta.read_text().replace("# Beta", "# Beta renamed"))
    app = make_app("html", srcdir=src)
    app.build()
    incremental = comparable(app.outdir)
    assert 'log3 -> log2 [style="solid"]' in dot_codes(app)[0]
    app.cleanup()
    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=fresh_src, freshenv=True)
    app.build()
    assert comparable(app.outdir) == incremental
    app.cleanup()


@needs_dot
def test_parallel_equals_serial(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    results = {}
    for jobs in (1, 2):
        src = write_project(tmp_path / f"j{jobs}", 24)
        with (src / "collections.md").open("a", encoding="utf-8") as page:
            page.write("\n```{devlog:graph}\n```\n")
        app = make_app("html", srcdir=src, freshenv=True, parallel=jobs)
        app.build()
        app.cleanup()
        results[jobs] = (outputs(app.outdir, (".html", ".png", ".map")), warnings_of(app))
    assert results[1][1] == [] and results[2][1] == []
    assert results[2][0] == results[1][0]
    assert any(name.endswith(".png") for name in results[1][0])


@needs_dot
def test_many_logs_draw_the_latest(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Past DRAWN logs and with no :limit:, the latest are drawn and the page says so; a
    :limit: draws what it asks."""
    from sphinxcontrib_devlog.collections.graph import DRAWN

    src = write_project(tmp_path / "src", DRAWN + 5)
    (src / "graph.md").write_text(
        "# Graph\n\n```{devlog:graph}\n```\n\n```{devlog:graph}\n:limit: 62\n```\n", "utf-8"
    )
    index = src / "index.md"
    index.write_text(index.read_text("utf-8").replace("collections\n", "collections\ngraph\n"))
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    first, second = dot_codes(app)
    assert first.count("URL=") == DRAWN and second.count("URL=") == 62
    page = (Path(app.outdir) / "graph.html").read_text(encoding="utf-8")
    assert page.count(f"The {DRAWN} latest of {DRAWN + 5} logs are drawn") == 1
    names = sorted(p.stem for p in (src / "logs").glob("*.md"))
    assert names[-1] in first and names[4] not in first  # the latest, not the oldest
