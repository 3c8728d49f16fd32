"""``devlog:chart``: the numbers of each kind, the SVG, the tables other builders get,
bad options, filters, and incremental and ``-j 2`` builds equal to fresh serial ones."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import devlog_warnings, outputs, warnings_of
from corpus import write_project
from hypothesis import given
from hypothesis import strategies as st
from test_incremental import comparable
from test_parallel import merged  # noqa: F401 - a fixture

from sphinxcontrib_devlog.chains import build_chains
from sphinxcontrib_devlog.collections.base import Choice
from sphinxcontrib_devlog.collections.chart import (
    AGES,
    KINDS,
    EstimateSpent,
    OpenSteps,
    TimedMonth,
    age_bucket,
    estimate_vs_spent,
    open_steps_by_age,
    status_by_month,
    status_figure,
    steps_figures,
)
from sphinxcontrib_devlog.collections.filters import Filter
from sphinxcontrib_devlog.collections.svg import Bar, Figure, Row, Segment, draw
from sphinxcontrib_devlog.config import DevlogConfig
from sphinxcontrib_devlog.model import Fields, Item, Log

SVG = "{http://www.w3.org/2000/svg}"
STATUSES = list(DevlogConfig().devlog_statuses)


# -- a small project, as logs (pure) and as files (built) ----------------------------

#: (name, title, header options, next steps); "Step A" is carried through five
#: sessions, from 2023-02-01 (403 days before the newest log, 2024-03-10)
LOGS = (
    ("2023-02-01_origin-blocked", "Origin", "", ("[ ] Step A",)),
    ("2024-01-03_alpha-success", "Alpha", ":estimate: 2h\n:spent: 3h\n", ("[ ] Step A",)),
    (
        "2024-01-20_beta-partial",
        "Beta",
        ":estimate: 1h\n:spent: 1h\n",
        ("[ ] Step A", "[ ] Step B"),
    ),
    ("2024-02-20_epsilon-complete", "Epsilon", ":estimate: 1h\n", ("[ ] Step A", "[ ] Mid step")),
    ("2024-03-05_gamma-failed", "Gamma", ":tags: api\n", ("[ ] Step A", "[x] Step C")),
    (
        "2024-03-10_delta-success",
        "Delta",
        ":tags: api\n:estimate: 30m\n:spent: 1h\n",
        ("[ ] Fresh step",),
    ),
)
_MINUTES = {"2h": 120, "3h": 180, "1h": 60, "30m": 30}


def as_log(name: str, title: str, options: str, steps: tuple[str, ...]) -> Log:
    found = dict(re.findall(r"^:(\w+): (.*)$", options, re.M))
    date, rest = name.split("_", 1)
    fields = Fields(
        status=rest.rsplit("-", 1)[1],
        date=date,
        tags=[found["tags"]] if "tags" in found else [],
        estimate_minutes=_MINUTES.get(found.get("estimate", "")),
        spent_minutes=_MINUTES.get(found.get("spent", "")),
    )
    log = Log(f"logs/{name}", name, name, title, fields)
    for number, step in enumerate(steps, 1):
        log.items["step"].append(Item("step", number, step[4:], checked=step[1] == "x"))
    log.sections["step"] = 1
    return log


def small_logs() -> list[Log]:
    return [as_log(*spec) for spec in LOGS]


def write_chart_project(root: Path, pages: dict[str, str]) -> Path:
    """The small project under *root*, with *pages* (name: Markdown) beside its logs."""
    (root / "logs").mkdir(parents=True)
    (root / "conf.py").write_text(
        'project = "Charts"\nextensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'myst_enable_extensions = ["colon_fence", "tasklist"]\nexclude_patterns = ["_build"]\n',
        encoding="utf-8",
    )
    toctree = "\n".join(["logs/*", *pages])
    (root / "index.md").write_text(
        f"# Charts\n\n```{{toctree}}\n:glob:\n\n{toctree}\n```\n", encoding="utf-8"
    )
    for name, title, options, steps in LOGS:
        body = f"# {title}\n\n```{{devlog}}\n{options}```\n\n```{{devlog:next-steps}}\n"
        body += "".join(f"- {step}\n" for step in steps) + "```\n"
        (root / "logs" / f"{name}.md").write_text(body, encoding="utf-8")
    for name, text in pages.items():
        (root / f"{name}.md").write_text(text, encoding="utf-8")
    return root


def chart(kind: str | None, options: str = "") -> str:
    kind_line = f":kind: {kind}\n" if kind is not None else ""
    return f"```{{devlog:chart}}\n{kind_line}{options}```\n"


def all_charts(options: str = "") -> str:
    return "# All\n\n" + "\n".join(f"## {k}\n\n{chart(k, options)}" for k in KINDS)


# -- the numbers ------------------------------------------------------------------------


def test_status_by_month_counts_every_month_between_the_first_and_the_last() -> None:
    data = status_by_month(small_logs(), Filter(), STATUSES)
    assert data.statuses == ("success", "complete", "partial", "failed", "blocked")
    assert data.logs == 6 and data.undated == 0
    months = dict(data.months)
    assert list(months) == [f"2023-{m:02d}" for m in range(2, 13)] + [
        "2024-01",
        "2024-02",
        "2024-03",
    ]
    assert months["2023-02"] == (0, 0, 0, 0, 1)
    assert all(months[f"2023-{m:02d}"] == (0, 0, 0, 0, 0) for m in range(3, 13))
    assert months["2024-01"] == (1, 0, 1, 0, 0)
    assert months["2024-02"] == (0, 1, 0, 0, 0)
    assert months["2024-03"] == (1, 0, 0, 1, 0)


def test_status_by_month_follows_the_filter() -> None:
    logs = small_logs()
    newest = status_by_month(logs, Filter(sort="-date", since="2024-01-01"), STATUSES)
    assert [m for m, _ in newest.months] == ["2024-03", "2024-02", "2024-01"]
    latest_two = status_by_month(logs, Filter(sort="-date", limit=2), STATUSES)
    assert latest_two.months == (("2024-03", (1, 1)),)
    assert latest_two.statuses == ("success", "failed")
    assert status_by_month(logs, Filter(tags=("nothing",)), STATUSES).months == ()


def test_status_by_month_keeps_undated_logs_and_odd_statuses_apart() -> None:
    logs = small_logs()
    logs[0].fields.date = ""
    logs[1].fields.status = "Zebra"
    logs[2].fields.status = ""
    data = status_by_month(logs, Filter(), STATUSES)
    assert data.undated == 1 and data.logs == 6
    assert data.statuses == ("success", "complete", "failed", "zebra", "(none)")
    assert data.months[0] == ("2024-01", (0, 0, 0, 1, 1))


def test_estimate_vs_spent() -> None:
    data = estimate_vs_spent(small_logs(), Filter())
    assert data == EstimateSpent(
        months=(TimedMonth("2024-01", 2, 180, 240), TimedMonth("2024-03", 1, 30, 60)),
        logs=6,
        timed=3,
        undated=0,
    )
    assert data.months[0].ratio == pytest.approx(4 / 3)
    assert data.total == TimedMonth("all", 3, 210, 300)
    assert TimedMonth("2024-05", 1, 0, 30).ratio is None
    api = estimate_vs_spent(small_logs(), Filter(tags=("api",)))
    assert api.months == (TimedMonth("2024-03", 1, 30, 60),) and api.logs == 2


def test_open_steps_by_age_and_sessions() -> None:
    logs = small_logs()
    chains = build_chains(logs, lambda target: None)
    data = open_steps_by_age(logs, chains, Filter(), DevlogConfig())
    # Fresh step 0 days, Mid step 19, Step B 50, Step A 403 (five sessions)
    assert data == OpenSteps((1, 1, 1, 0, 1), (3, 0, 0, 0, 1), 4, 0, "2024-03-10")
    # the steps listed now in an api log; their age still counts to the project's newest
    api = open_steps_by_age(logs, chains, Filter(tags=("api",)), DevlogConfig())
    assert api == OpenSteps((1, 0, 0, 0, 1), (1, 0, 0, 0, 1), 2, 0, "2024-03-10")
    early = open_steps_by_age(logs, chains, Filter(until="2024-01-31"), DevlogConfig())
    assert early == OpenSteps((0, 0, 1, 0, 0), (1, 0, 0, 0, 0), 1, 0, "2024-03-10")


def test_age_buckets() -> None:
    assert [age_bucket(d) for d in (0, 6, 7, 29, 30, 90, 91, 364, 365, 5000)] == [
        0,
        0,
        1,
        1,
        2,
        2,
        3,
        3,
        4,
        4,
    ]
    assert len(AGES) == 5


@given(st.integers(0, 4000), st.integers(0, 4000))
def test_age_buckets_rise_with_age(a: int, b: int) -> None:
    younger, older = sorted((a, b))
    assert age_bucket(younger) <= age_bucket(older)


_dates = st.one_of(st.just(""), st.dates().map(lambda d: d.isoformat()))


@given(
    st.lists(
        st.tuples(
            _dates,
            st.sampled_from([*STATUSES, "", "odd"]),
            st.one_of(st.none(), st.integers(0, 600)),
            st.one_of(st.none(), st.integers(0, 600)),
            st.lists(st.sampled_from(["Do x", "Do y", "Do z"]), max_size=3),
        ),
        max_size=12,
    )
)
def test_every_log_and_step_is_counted_once(specs) -> None:  # type: ignore[no-untyped-def]
    logs = []
    for i, (date, status, estimate, spent, steps) in enumerate(specs):
        fields = Fields(status=status, date=date, estimate_minutes=estimate, spent_minutes=spent)
        log = Log(f"l{i}", f"l{i}", f"l{i}", "t", fields)
        log.items["step"] = [Item("step", n, s) for n, s in enumerate(steps, 1)]
        logs.append(log)
    months = status_by_month(logs, Filter(), STATUSES)
    assert sum(sum(c) for _, c in months.months) + months.undated == len(logs)
    timed = estimate_vs_spent(logs, Filter())
    both = [
        log for log in logs if None not in (log.fields.estimate_minutes, log.fields.spent_minutes)
    ]
    assert timed.timed == len(both)
    assert timed.total.spent_minutes + sum(
        log.fields.spent_minutes or 0 for log in both if not log.fields.date
    ) == sum(log.fields.spent_minutes or 0 for log in both)
    chains = build_chains(logs, lambda target: None)
    steps = open_steps_by_age(logs, chains, Filter(), DevlogConfig())
    assert steps.steps == len(chains.outstanding())
    assert sum(steps.by_sessions) == steps.steps == sum(steps.by_age) + steps.undated


def test_choice() -> None:
    kind = Choice(KINDS, "status-by-month", required=True)
    assert kind.parse("kind", "estimate-vs-spent") == ("estimate-vs-spent", "")
    value, message = kind.parse("kind", None)
    assert value == "status-by-month" and message.startswith("no :kind: given")
    value, message = kind.parse("kind", "pie")
    assert value == "status-by-month" and "invalid :kind: 'pie'" in message
    assert Choice(KINDS, "status-by-month").parse("kind", "") == ("status-by-month", "")


# -- the SVG ----------------------------------------------------------------------------


def test_svg_is_well_formed_named_and_described() -> None:
    data = status_by_month(small_logs(), Filter(), STATUSES)
    figure = status_figure(data, DevlogConfig().devlog_statuses)
    svg = ET.fromstring(draw(figure, "c1"))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img" and svg.get("viewBox", "").startswith("0 0 480 ")
    assert svg.get("width") == "100%" and svg.get("fill") == "currentColor"
    assert svg.get("aria-labelledby") == "c1-title c1-desc"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "c1-title"
    assert desc is not None and desc.get("id") == "c1-desc"
    assert title.text == "Logs per month, by status"
    assert desc.text is not None
    assert "2024-01: 2 logs (1 success, 1 partial)." in desc.text
    assert "2023-03: no logs." in desc.text
    bars = [r for r in svg.iter(f"{SVG}rect") if "devlog-chart-bar" in r.get("class", "")]
    # one bar segment per month and status that has logs
    assert [b.findtext(f"{SVG}title") for b in bars] == [
        "2023-02, blocked: 1",
        "2024-01, success: 1",
        "2024-01, partial: 1",
        "2024-02, complete: 1",
        "2024-03, success: 1",
        "2024-03, failed: 1",
    ]
    assert {b.get("class") for b in bars[1:3]} == {
        "devlog-chart-bar devlog-chart-success",
        "devlog-chart-bar devlog-chart-warning",
    }
    keys = [
        r.get("class") for r in svg.iter(f"{SVG}rect") if "devlog-chart-key" in r.get("class", "")
    ]
    assert len(keys) == 5
    labels = [t.text for t in svg.iter(f"{SVG}text") if t.get("class") == "devlog-chart-label"]
    assert labels == [m for m, _ in data.months]
    assert draw(figure, "c1") == draw(figure, "c1")


def test_svg_escapes_every_text() -> None:
    nasty = '<script>alert("x")</script> & co'
    figure = Figure(
        title=nasty,
        summary=nasty,
        headers=("a", "b"),
        rows=(
            Row(nasty, (Bar((Segment(2, 'x" onload="y', nasty),), nasty),), (nasty, "2"), nasty),
        ),
        legend=(("x", nasty),),
    )
    text = draw(figure, 'id"><b')
    svg = ET.fromstring(text)  # well-formed: nothing got out of its text or attribute
    assert "<script>" not in text and '"><b' not in text
    assert svg.get("aria-labelledby") == 'id"><b-title id"><b-desc'
    assert svg.findtext(f"{SVG}title") == nasty
    assert [t.text for t in svg.iter(f"{SVG}text")] == [nasty, nasty, nasty]
    rect = next(r for r in svg.iter(f"{SVG}rect") if "devlog-chart-bar" in r.get("class", ""))
    assert rect.get("class") == 'devlog-chart-bar devlog-chart-x" onload="y'
    assert rect.get("onload") is None


def test_steps_figures_mark_five_sessions() -> None:
    by_age, by_sessions = steps_figures(OpenSteps((1, 1, 1, 0, 1), (3, 0, 0, 0, 1), 4, 0, "d"))
    assert [r.cells for r in by_age.rows] == [
        ("under a week", "1"),
        ("1–4 weeks", "1"),
        ("1–3 months", "1"),
        ("3–12 months", "0"),
        ("over a year", "1"),
    ]
    svg = ET.fromstring(draw(by_sessions, "s"))
    bars = [r.get("class") for r in svg.iter(f"{SVG}rect")]
    assert bars == ["devlog-chart-bar devlog-chart-carried", "devlog-chart-bar devlog-chart-stale"]
    assert "carried through 5 or more sessions: 1." in by_sessions.description


# -- the stylesheet ------------------------------------------------------------------


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_bar_colours_keep_three_to_one_in_light_and_dark_themes() -> None:
    css = (
        Path(__file__).parent.parent / "sphinxcontrib_devlog/static/devlog/devlog.css"
    ).read_text(encoding="utf-8")
    palettes = [
        dict(re.findall(r"--devlog-chart-([a-z]+):\s*(#[0-9a-f]{6})", block))
        for block in re.findall(r"\{([^{}]*--devlog-chart-[a-z]+:[^{}]*)\}", css)
    ]
    assert len(palettes) == 3  # light; dark by attribute; dark by the system's setting
    light, dark, system_dark = palettes
    assert dark == system_dark and light.keys() == dark.keys()
    # every class a chart draws with: sphinx-design's colours, and the charts' own
    needed = {*DevlogConfig().devlog_statuses.values(), "unknown", "estimate", "spent"}
    needed |= {"age", "carried", "stale", "light", "dark", "info", "muted"}
    assert needed <= light.keys()
    for name in light:
        assert f".devlog-chart-{name} {{ fill: var(--devlog-chart-{name}); }}" in css
        # non-text contrast (WCAG 1.4.11) against white, and furo's and pydata's dark
        assert _contrast(light[name], "#ffffff") >= 3, name
        for background in ("#131416", "#14181e"):
            assert _contrast(dark[name], background) >= 3, name
    assert 'body[data-theme="dark"] .devlog-chart' in css
    assert 'html[data-theme="dark"] .devlog-chart' in css


# -- built pages ------------------------------------------------------------------------


def _svgs(page: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg .*?</svg>", page, re.S)]


def _text(app, name: str) -> str:  # type: ignore[no-untyped-def]
    """A page written by *app*; a text page with its lines joined."""
    text = (Path(app.outdir) / name).read_text(encoding="utf-8")
    return text if name.endswith(".html") else re.sub(r"(?<=[^\n])\n(?=[^\n+|])", " ", text)


def test_html_draws_each_kind_with_its_numbers_below(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write_chart_project(tmp_path / "p", {"charts": all_charts()})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert warnings_of(app) == []
    page = _text(app, "charts.html")
    svgs = _svgs(page)
    assert len(svgs) == 4  # statuses, estimates, and the steps by age and by sessions
    ids = [e.get("id") for svg in svgs for e in svg.iter() if e.get("id")]
    assert len(ids) == len(set(ids)) == 8
    for svg in svgs:
        first, second = svg.get("aria-labelledby", "").split()
        assert svg.find(f"{SVG}title").get("id") == first  # type: ignore[union-attr]
        assert svg.find(f"{SVG}desc").get("id") == second  # type: ignore[union-attr]
    status, timed, ages, sessions = (svg.findtext(f"{SVG}desc") for svg in svgs)
    assert "2024-03: 2 logs (1 success, 1 failed)." in status  # type: ignore[operator]
    assert (
        "2024-01: 2 logs, 3.0 hours estimated, 4.0 hours spent, 1.33 times the estimate." in timed  # type: ignore[operator]
    )
    assert "3.5 hours estimated, 5.0 hours spent in all, 1.43 times the estimate" in timed  # type: ignore[operator]
    assert "newest log (2024-03-10): 4 steps. under a week: 1. 1–4 weeks: 1." in ages  # type: ignore[operator]
    assert "listed in 1 session: 3." in sessions  # type: ignore[operator]
    assert page.count('<details class="devlog-chart-numbers"><summary>The numbers') == 4
    assert page.count("</details>") >= 4
    assert "<td><p>1.43</p></td>" in page
    assert "From 3 of 6 logs: the others do not give both an estimate" in page
    assert (
        page.count('<div class="devlog-collection devlog-chart no-search docutils container">') == 3
    )
    assert page.count('<div class="devlog-chart-figure devlog-chart-open-steps-by-age') == 2


def test_text_and_latex_get_the_numbers_as_tables(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write_chart_project(tmp_path / "p", {"charts": all_charts()})
    pages = {}
    for builder in ("text", "latex"):
        app = make_app(builder, srcdir=src, freshenv=True)
        app.build()
        app.cleanup()
        assert warnings_of(app) == [], builder
        pages[builder] = "\n".join(
            p.read_text(encoding="utf-8")
            for p in Path(app.outdir).iterdir()
            if p.suffix in (".txt", ".tex")
        )
    text, latex = pages["text"], pages["latex"]
    for out in (text, latex):
        assert "<svg" not in out and "details" not in out
        assert "Logs per month, by status" in out
        assert "Open next steps by sessions carried" in out
    assert re.search(r"\| 2024-01 +\| 1 +\| 0 +\| 1 +\| 0 +\| 0 +\| 2 +\|", text)
    assert re.search(r"\| All +\| 3 +\| 3\.5 +\| 5\.0 +\| 1\.43 +\|", text)
    assert re.search(r"\| 5 or more +\| 1 +\|", text)
    assert re.search(r"\| over a year +\| 1 +\|", text)
    assert "2024\\sphinxhyphen{}01" in latex or "2024-01" in latex
    assert "1.43" in latex and "5 or more" in latex


@pytest.mark.parametrize(
    ("options", "message", "line"),
    [
        (":kind: pie\n", "devlog:chart: invalid :kind: 'pie' (one of status-by-month", 4),
        ("", "devlog:chart: no :kind: given (one of status-by-month", 3),
        (":kind:\n", "devlog:chart: no :kind: given", 4),
    ],
)
def test_bad_or_missing_kind_warns_and_draws_statuses(  # type: ignore[no-untyped-def]
    make_app, tmp_path, options: str, message: str, line: int
) -> None:
    page = f"# Bad\n\n```{{devlog:chart}}\n{options}:tags: api\n```\n"
    src = write_chart_project(tmp_path / "p", {"bad": page})
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    found = devlog_warnings(app)
    assert len(found) == 1, found
    assert found[0].type == "devlog.field" and found[0].path == "bad.md"
    assert found[0].line == line and message in found[0].message
    assert "using status-by-month" in found[0].message
    assert "Logs per month, by status" in _text(app, "bad.txt")


def test_unknown_option_names_the_charts_own(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    page = "# Bad\n\n```{devlog:chart}\n:kind: status-by-month\n:colour: red\n```\n"
    src = write_chart_project(tmp_path / "p", {"bad": page})
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    (found,) = devlog_warnings(app)
    assert found.line == 5 and "unknown option 'colour'" in found.message
    assert found.message.endswith("limit, sort, kind)")


def test_filters_and_empty_selections(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    pages = {
        "api": all_charts(":tags: api\n"),
        "none": all_charts(":since: 2030-01-01\n"),
        "blocked": all_charts(":status: blocked\n"),
        "everything": "# E\n\n"
        + chart("estimate-vs-spent", ":status: failed\n")
        + "\n"
        + chart("open-steps-by-age", ":status: complete\n:since: 2024-03-01\n")
        + "\n"
        + chart("open-steps-by-age", ":status: failed\n"),
    }
    src = write_chart_project(tmp_path / "p", pages)
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert warnings_of(app) == []
    api = _text(app, "api.txt")
    assert re.search(r"\| 2024-03 +\| 1 +\| 1 +\| 2 +\|", api)  # success, failed, both
    assert "2024-01" not in api
    assert re.search(r"\| All +\| 1 +\| 0\.5 +\| 1\.0 +\| 2\.00 +\|", api)
    assert "From 1 of 2 selected logs" in api
    assert re.search(r"\| under a week +\| 1 +\|", api)
    assert re.search(r"\| over a year +\| 1 +\|", api)
    none = _text(app, "none.txt")
    assert none.count("No logs match the filter.") == 3
    blocked = _text(app, "blocked.txt")
    assert "No log gives both an estimate and the time spent, among 1 selected log." in blocked
    # the step raised in the blocked log is listed now in a later one
    assert (
        "No open next steps listed now in 1 selected log: 1 open step raised in it is "
        "listed now in a later log that the filter leaves out." in blocked
    )
    assert "Logs per month, by status" in blocked
    assert "No log gives both an estimate and the time spent, among 1 selected log." in _text(
        app, "everything.txt"
    )
    assert "No logs match the filter." in _text(app, "everything.txt")
    # Step C of the failed log is done; its Step A is open: one step is counted
    assert re.search(r"\| 5 or more +\| 1 +\|", _text(app, "everything.txt"))


def test_builds_are_deterministic_and_incremental_equals_fresh(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = write_chart_project(tmp_path / "incremental" / "p", {"charts": all_charts()})
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    before = comparable(app.outdir)

    again = tmp_path / "again" / "p"
    shutil.copytree(src, again, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=again, freshenv=True)
    app.build()
    app.cleanup()
    assert comparable(app.outdir) == before

    # a log gains a status-changing rename's worth of changes: time, a step, a month
    delta = src / "logs/2024-03-10_delta-success.md"
    delta.write_text(
        delta.read_text(encoding="utf-8").replace(":spent: 1h", ":spent: 2h"), encoding="utf-8"
    )
    (src / "logs/2024-04-02_omega-partial.md").write_text(
        "# Omega\n\n```{devlog}\n:estimate: 1h\n:spent: 1h\n```\n\n"
        "```{devlog:next-steps}\n- [x] Step A\n```\n",
        encoding="utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=False)
    app.build()
    app.cleanup()
    incremental = comparable(app.outdir)

    fresh = tmp_path / "fresh" / "p"
    shutil.copytree(src, fresh, ignore=shutil.ignore_patterns("_build"))
    app = make_app("html", srcdir=fresh, freshenv=True)
    app.build()
    app.cleanup()
    expected = comparable(app.outdir)
    assert incremental["charts.html"] == expected["charts.html"]
    assert incremental["charts.html"] != before["charts.html"]
    for name, data in expected.items():
        assert incremental.get(name) == data, name
    page = (Path(app.outdir) / "charts.html").read_text(encoding="utf-8")
    assert "2024-04: 1 log (1 partial)." in page
    assert "carried through 5 or more sessions: 0." in page  # Step A is done


@pytest.mark.parametrize("builder", ["html", "text"])
def test_parallel_equals_serial(make_app, tmp_path, merged, builder: str) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    results = {}
    for jobs in (1, 2):
        srcdir = write_project(tmp_path / f"j{jobs}", 40)
        (srcdir / "collections.md").write_text(all_charts(), encoding="utf-8")
        app = make_app(builder, srcdir=srcdir, freshenv=True, parallel=jobs)
        app.build()
        app.cleanup()
        results[jobs] = (outputs(app.outdir), warnings_of(app))
    assert len(merged) >= 2
    assert results[1][1] == [] and results[2][1] == []
    assert results[2][0] == results[1][0]
    page = results[1][0][f"collections.{'html' if builder == 'html' else 'txt'}"]
    assert b"Open next steps by sessions carried" in page
    assert (b"<svg " in page) == (builder == "html")
