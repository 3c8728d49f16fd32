"""The brief (``sphinx-devlog brief``, ``devlog-brief.md``): what it selects, its exact
text, its bound on length, and the build and the command giving the same page."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_devlog.brief import (
    LATEST_LESSONS,
    RECENT_SESSIONS,
    brief_record,
    code,
    fit,
    make_brief,
    md,
    render_markdown,
)
from sphinxcontrib_devlog.chains import build_chains
from sphinxcontrib_devlog.collections.filters import Filter
from sphinxcontrib_devlog.config import DEFAULT_STATUSES
from sphinxcontrib_devlog.model import Fields, Item, Log, split_checkbox

CLI = [sys.executable, "-m", "sphinxcontrib_devlog.cli"]


def make_log(  # type: ignore[no-untyped-def]
    name: str,
    date: str,
    status: str = "success",
    *,
    steps=(),
    lessons=(),
    files=(),
    tags=(),
    closes=(),
    purpose: str = "",
    summary: str = "",
    status_text: str = "",
) -> Log:
    fields = Fields(
        status=status,
        date=date,
        purpose=purpose,
        tags=list(tags),
        closes=list(closes),
        status_text=status_text,
    )
    log = Log(f"logs/{date}_{name}", f"{date}_{name}", f"{date}_{name}", name.title(), fields)
    log.summary = summary
    for number, raw in enumerate(steps, start=1):
        checked, text = split_checkbox(raw)
        log.items["step"].append(Item("step", number, text, checked, f"devlog-step-{number}"))
    for number, text in enumerate(lessons, start=1):
        log.items["lesson"].append(Item("lesson", number, text, None, f"devlog-lesson-{number}"))
    for number, path in enumerate(files, start=1):
        log.items["file"].append(Item("file", number, path, None, "", path=path))
    for kind in ("step", "lesson", "file"):
        log.sections[kind] = 1 if log.items[kind] else 0
    return log


def resolver(logs):  # type: ignore[no-untyped-def]
    by_name = {log.name: log for log in logs}

    def resolve(target: str):  # type: ignore[no-untyped-def]
        name, _, number = target.partition("#")
        log = by_name.get(name)
        if log is None or not number.isdigit():
            return None
        return (log.docname, int(number))

    return resolve


def brief_of(logs, flt=None, project="Tidewater"):  # type: ignore[no-untyped-def]
    return make_brief(logs, build_chains(logs, resolver(logs)), DEFAULT_STATUSES, flt, project)


def project_logs() -> list[Log]:
    """Four sessions: a step carried through three of them, one closed by reference, one
    done; lessons tied to the open steps' logs by a tag and by a file."""
    return [
        make_log(
            "parser",
            "2024-01-08",
            steps=["[ ] Handle leap seconds", "[ ] Write the parser's docs"],
            lessons=["Read the format's spec before the samples"],
            files=["src/parse.py"],
            tags=["parser"],
            purpose="Parse the tide tables",
        ),
        make_log(
            "gauges",
            "2024-01-10",
            "blocked",
            steps=["[ ] Handle leap seconds", "[x] Ask for an API key"],
            lessons=["Ask for keys early: the authority takes weeks"],
            tags=["external"],
            status_text="BLOCKED - waiting for the gauge API key",
            purpose="Download the gauge readings",
        ),
        make_log(
            "fit",
            "2024-01-15",
            "failed",
            lessons=[
                "Scale the inputs before fitting",
                "Read the format's spec before the samples",
            ],
            files=["src/fit.py", "src/parse.py"],
            closes=["2024-01-08_parser#2"],
            summary="The solver diverged on every harbour.",
        ),
        make_log(
            "docs",
            "2024-01-22",
            "partial",
            steps=["[ ] Handle leap seconds", "[ ] Publish the docs"],
            lessons=["Docs <take> *longer* than [planned](x)"],
            tags=["docs"],
        ),
    ]


EXPECTED = """\
# Brief: Tidewater

4 logs, 2024-01-08 to 2024-01-22; 2 next steps open.

## Open next steps, oldest first

Read from 4 logs. 1 of them has no next-steps section.

- Handle leap seconds (`2024-01-22_docs#1`): raised in 2024-01-08 *Parser* (`2024-01-08_parser`), carried through 3 sessions.
- Publish the docs (`2024-01-22_docs#2`): raised in 2024-01-22 *Docs*.

## Lessons worth re-reading

- Docs \\<take\\> \\*longer\\* than \\[planned\\](x) (`2024-01-22_docs#1`), from 2024-01-22 *Docs*: latest.
- Scale the inputs before fitting (`2024-01-15_fit#1`), from 2024-01-15 *Fit*: latest.
- Read the format's spec before the samples (`2024-01-15_fit#2`), from 2024-01-15 *Fit*: latest.
- Ask for keys early: the authority takes weeks (`2024-01-10_gauges#1`), from 2024-01-10 *Gauges*: latest.

## Latest sessions, newest first

- 2024-01-22 *Docs* (`2024-01-22_docs`): **partial**. Left 2 next steps open.
- 2024-01-15 *Fit* (`2024-01-15_fit`): **failed**. Summary: The solver diverged on every harbour.
- 2024-01-10 *Gauges* (`2024-01-10_gauges`): **blocked**. Download the gauge readings. Why: waiting for the gauge API key.
- 2024-01-08 *Parser* (`2024-01-08_parser`): **success**. Parse the tide tables.
"""


def test_brief_exact_text() -> None:
    brief = brief_of(project_logs())
    assert render_markdown(brief) == EXPECTED
    assert fit(brief, None)[1] == EXPECTED
    assert fit(brief, len(EXPECTED))[1] == EXPECTED


def test_lessons_latest_then_related_by_tag_and_file() -> None:
    logs = [
        make_log("unrelated", "2024-01-01", lessons=["Nothing to do with it"], tags=["ops"]),
        make_log("by-tag", "2024-01-02", lessons=["Tagged alike"], tags=["surge"]),
        make_log("by-file", "2024-01-03", lessons=["Same file"], files=["./src/surge.py"]),
        make_log(
            "open",
            "2024-01-04",
            steps=["[ ] Fit the surge model"],
            tags=["Surge"],
            files=["src/surge.py"],
        ),
        make_log("recent", "2024-01-05", lessons=[f"Recent lesson {n}" for n in range(1, 7)]),
    ]
    brief = brief_of(logs)
    texts = [(lesson.item.text, lesson.reasons) for lesson in brief.lessons]
    assert texts[:LATEST_LESSONS] == [(f"Recent lesson {n}", ("latest",)) for n in range(1, 6)]
    # a shared file counts more than a shared tag; the unrelated log gives nothing
    assert texts[LATEST_LESSONS:] == [
        ("Same file", ("shares files src/surge.py with open steps' logs",)),
        ("Tagged alike", ("shares tags surge with open steps' logs",)),
    ]


def test_filters() -> None:
    logs = project_logs()
    since = brief_of(logs, Filter(since="2024-01-15"))
    assert [s.log.name for s in since.sessions] == ["2024-01-22_docs", "2024-01-15_fit"]
    assert [c.text for c in since.steps] == ["Handle leap seconds", "Publish the docs"]
    text = render_markdown(since)
    assert text.splitlines()[2] == (
        "2 logs, 2024-01-15 to 2024-01-22 (only logs dated 2024-01-15 or later); 2 next steps open."
    )
    tagged = brief_of(logs, Filter(tags=("external",)))
    assert [s.log.name for s in tagged.sessions] == ["2024-01-10_gauges"]
    assert tagged.steps == []
    # its "Handle leap seconds" is open, listed now in a later log the filter leaves out
    assert (
        "No open next steps in 1 selected log: 1 of their 2 next steps is still open, "
        "listed now in a later log that the filter leaves out."
    ) in render_markdown(tagged)
    nothing = brief_of(logs, Filter(tags=("nope",)))
    assert render_markdown(nothing) == (
        "# Brief: Tidewater\n\nNo logs (only logs tagged nope).\n\n"
        "## Open next steps, oldest first\n\nNo logs match the filter.\n\n"
        "## Lessons worth re-reading\n\nNo lessons in these logs.\n\n"
        "## Latest sessions, newest first\n\nNo sessions.\n"
    )


def test_an_unread_section_is_said_not_hidden() -> None:
    log = make_log("drifted", "2024-02-01", lessons=["One"])
    log.sections["step"] = 1
    log.unread["step"] = 1  # a next-steps section with no list the reader could use
    text = render_markdown(brief_of([log]))
    assert "No open next steps in 1 log. 1 next-steps section was not read" in text


def test_why_comes_from_the_status_line_or_the_summary() -> None:
    logs = [
        make_log("a", "2024-01-01", "blocked", status_text="blocked: waiting for review"),
        make_log("b", "2024-01-02", "failed", status_text="Failed", summary="It broke."),
        make_log("c", "2024-01-03", "success", summary="All good."),
        make_log("d", "2024-01-04", "partial", status_text="Partially complete"),
    ]
    why = {s.log.name: (s.why, s.summary) for s in brief_of(logs).sessions}
    assert why == {
        "2024-01-01_a": ("waiting for review", ""),
        "2024-01-02_b": ("", "It broke."),  # no reason on the status line: the summary
        "2024-01-03_c": ("", ""),  # a good outcome needs no reason
        "2024-01-04_d": ("", ""),  # no words after the status, no summary
    }


def test_recent_sessions_are_bounded() -> None:
    logs = [make_log(f"s{n}", f"2024-03-{n:02d}") for n in range(1, 10)]
    sessions = brief_of(logs).sessions
    assert len(sessions) == RECENT_SESSIONS
    assert sessions[0].log.fields.date == "2024-03-09"


def test_markdown_escapes() -> None:
    assert md("<script>alert(1)</script>") == "\\<script\\>alert(1)\\</script\\>"
    assert md("snake_case and _emphasis_ `code` *star* [link](x) a|b") == (
        "snake_case and \\_emphasis\\_ \\`code\\` \\*star\\* \\[link\\](x) a\\|b"
    )
    assert md("two\nlines") == "two lines"
    assert md("fix __init__.py & __slots__") == "fix \\_\\_init\\_\\_.py \\& \\_\\_slots\\_\\_"
    assert md("&lt;b&gt; a_b_c 1_000") == "\\&lt;b\\&gt; a_b_c 1_000"
    assert code("a#1") == "`a#1`"
    assert code("a`b") == "`` a`b ``"
    assert code("``x") == "``` ``x ```"


@st.composite
def logs_strategy(draw):  # type: ignore[no-untyped-def]
    words = st.text(
        alphabet=st.sampled_from("abc XYZ_*`<>[]|#\\é-"), min_size=1, max_size=30
    ).filter(lambda t: t.strip())
    count = draw(st.integers(0, 12))
    logs = []
    for n in range(count):
        steps = draw(st.lists(words, max_size=4))
        logs.append(
            make_log(
                f"s{n}",
                f"2024-01-{n + 1:02d}",
                draw(st.sampled_from(sorted(DEFAULT_STATUSES))),
                steps=[f"[{draw(st.sampled_from(' x'))}] {t}" for t in steps],
                lessons=draw(st.lists(words, max_size=3)),
                files=draw(st.lists(st.sampled_from(["a.py", "b/c.py"]), max_size=2)),
                tags=draw(st.lists(st.sampled_from(["x", "y"]), max_size=2, unique=True)),
                summary=draw(words),
            )
        )
    return logs


@settings(deadline=None, max_examples=150)
@given(logs=logs_strategy(), max_chars=st.integers(1, 3000))
def test_fit_keeps_within_the_bound_and_counts_what_it_leaves(logs, max_chars) -> None:  # type: ignore[no-untyped-def]
    brief = brief_of(logs)
    fitted, text = fit(brief, max_chars)
    assert len(text) <= max_chars
    assert fit(brief_of(logs), max_chars)[1] == text  # deterministic
    whole = render_markdown(brief)
    if len(whole) <= max_chars:
        assert text == whole
        return
    if fitted.cut:
        assert text.endswith(f"(cut at {max_chars} characters)\n") or len(text) == max_chars
        return
    assert len(fitted.steps) + fitted.omitted["steps"] == len(brief.steps)
    assert len(fitted.lessons) + fitted.omitted["lessons"] == len(brief.lessons)
    assert len(fitted.sessions) + fitted.omitted["sessions"] == len(brief.sessions)
    # kept steps are still listed oldest first; lessons and sessions are prefixes
    order = {id(c): i for i, c in enumerate(brief.steps)}
    positions = [order[id(c)] for c in fitted.steps]
    assert positions == sorted(positions)
    assert fitted.lessons == brief.lessons[: len(fitted.lessons)]
    assert fitted.sessions == brief.sessions[: len(fitted.sessions)]
    for kind, word in (
        ("steps", "more; `sphinx-devlog list` lists every open step"),
        ("lessons", "more; `sphinx-devlog list --lessons` lists every lesson"),
    ):
        if fitted.omitted[kind]:
            assert f"… and {fitted.omitted[kind]} more" in text and word in text


def test_fit_keeps_the_latest_sessions_steps_first() -> None:
    logs = [
        make_log("old", "2024-01-01", steps=[f"[ ] Old step number {n}" for n in range(20)]),
        make_log("new", "2024-01-02", steps=["[ ] The step the last session left"]),
    ]
    brief = brief_of(logs)
    fitted, text = fit(brief, 900)
    assert "The step the last session left" in text
    assert fitted.omitted["steps"] > 0
    assert text.index("Old step number 0") < text.index("The step the last session left")


def test_record_holds_what_the_markdown_holds() -> None:
    brief, _text = fit(brief_of(project_logs()), 900)
    record = brief_record(brief)
    assert record["version"] == 1
    assert [s["text"] for s in record["open_steps"]] == [c.text for c in brief.steps]
    assert record["open_steps"][0]["sessions"] == 3
    assert record["open_steps"][0]["first_raised"] == "2024-01-08_parser"
    assert record["omitted"] == brief.omitted
    assert sum(record["omitted"].values()) > 0
    assert json.loads(json.dumps(record)) == record


# -- the build and the command -----------------------------------------------------------


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=300
    )


@pytest.fixture(scope="module")
def built(tmp_path_factory):  # type: ignore[no-untyped-def]
    """A generated project of 40 sessions, built once (html)."""
    from corpus import write_project
    from sphinx.testing.util import SphinxTestApp

    root = tmp_path_factory.mktemp("brief")
    src = write_project(root / "src", 40)
    app = SphinxTestApp("html", srcdir=src, freshenv=True)
    try:
        app.build()
    finally:
        app.cleanup()
    return src, Path(app.outdir)


def test_build_writes_the_brief_the_command_prints(built) -> None:  # type: ignore[no-untyped-def]
    src, outdir = built
    written = (outdir / "devlog-brief.md").read_text(encoding="utf-8")
    result = cli("brief", str(src), cwd=src.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout == written
    assert "## Open next steps, oldest first" in written
    data = json.loads((outdir / "devlog.json").read_text(encoding="utf-8"))
    assert f"{len(data['outstanding'])} next steps open." in written.splitlines()[2]
    first = data["outstanding"][0]
    assert written.count("\n- ") >= len(data["outstanding"])
    assert f"(`{first['id']}`): raised in {first['first_raised_date']}" in written


def test_command_options(built) -> None:  # type: ignore[no-untyped-def]
    src, _outdir = built
    result = cli("brief", str(src), "--format", "json", "--max-chars", "1500", cwd=src.parent)
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert record["omitted"]["steps"] > 0
    bounded = cli("brief", str(src), "--max-chars", "1500", cwd=src.parent)
    assert len(bounded.stdout) <= 1500
    assert f"- … and {record['omitted']['steps']} more" in bounded.stdout
    since = cli("brief", str(src), "--since", "2030-01-01", cwd=src.parent)
    assert "No logs (only logs dated 2030-01-01 or later)." in since.stdout
    bad = cli("brief", str(src), "--since", "2024-02-30", cwd=src.parent)
    assert bad.returncode == 2
    assert bad.stderr.startswith("sphinx-devlog: error: invalid date '2024-02-30' for --since")
    zero = cli("brief", str(src), "--max-chars", "0", cwd=src.parent)
    assert zero.returncode == 2 and "--max-chars" in zero.stderr


def test_plain_logs_reason_reaches_the_brief(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A plain log's status line gives the reason; the text build writes the brief too."""
    src = tmp_path / "src"
    (src / "logs").mkdir(parents=True)
    (src / "conf.py").write_text(
        'project = "Harbour <b>ops</b>"\n'
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'devlog_plain_logs = ["logs/*"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Ops\n\n```{toctree}\n:glob:\nlogs/*\n```\n", "utf-8")
    (src / "logs" / "2025-03-02_gauge-feed-blocked.md").write_text(
        "# Gauge feed\n\n- **Status**: ❌ BLOCKED - waiting for the authority's API key\n"
        "- **Date**: March 2, 2025\n\n## Next Steps\n\n- [ ] Chase the key\n",
        encoding="utf-8",
    )
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    brief = (Path(app.outdir) / "devlog-brief.md").read_text(encoding="utf-8")
    assert brief.startswith("# Brief: Harbour \\<b\\>ops\\</b\\>\n")
    assert (
        "- 2025-03-02 *Gauge feed* (`2025-03-02_gauge-feed-blocked`): **blocked**. "
        "Why: waiting for the authority's API key. Left 1 next step open."
    ) in brief
    assert "- Chase the key (`2025-03-02_gauge-feed-blocked#1`)" in brief
    # without a project name in conf.py, no stand-in name
    conf = src / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('project = "Harbour <b>ops</b>"\n', ""))
    app = make_app("text", srcdir=src, freshenv=True)
    app.build()
    brief = (Path(app.outdir) / "devlog-brief.md").read_text(encoding="utf-8")
    assert brief.startswith("# Brief\n\n1 log, 2025-03-02; 1 next step open.\n")


@pytest.mark.parametrize("excluded", [True, False])
def test_a_brief_inside_the_sources_is_not_read_as_a_page(make_app, tmp_path, excluded) -> None:  # type: ignore[no-untyped-def]
    """Built into docs/_build/html, the brief is not read back as a page the next time,
    whether or not the project excludes its output folder; nor by the command line,
    which builds elsewhere; a page of that name at the top is still a page."""
    from corpus import write_project

    src = write_project(tmp_path / "src", 3)
    if excluded:
        conf = src / "conf.py"
        conf.write_text(conf.read_text("utf-8") + 'exclude_patterns = ["_build"]\n', "utf-8")
    for fresh in (True, False, True):
        app = make_app(
            "html", srcdir=src, builddir=src / "_build", freshenv=fresh, warningiserror=False
        )
        app.build()
        assert (Path(app.outdir) / "devlog-brief.md").is_file()
        assert not [d for d in app.env.found_docs if "devlog-brief" in d]
        assert "devlog-brief" not in app.warning.getvalue()
        expected = ["_build"] if excluded else []
        assert app.config.exclude_patterns == [*expected, "**/devlog-brief.md"]
        app.cleanup()
    from sphinxcontrib_devlog.cli.project import build

    cli_app, _warnings = build(src)  # the command line's build, into a folder of its own
    assert not [d for d in cli_app.env.found_docs if "devlog-brief" in d]
    (src / "devlog-brief.md").write_text("# A page of that name\n", encoding="utf-8")
    app = make_app("html", srcdir=src, builddir=src / "_build", freshenv=True)
    app.build()
    assert "devlog-brief" in app.env.found_docs


def test_pages_not_read_as_logs_are_said(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A page among the plain logs that is no log is named, never passed over in silence;
    it goes when it becomes a log, in an incremental build as in a fresh one, and -j 2
    finds the same."""
    src = tmp_path / "src"
    (src / "logs").mkdir(parents=True)
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\ndevlog_plain_logs = ["logs/*"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# Ops\n\n```{toctree}\n:glob:\nlogs/*\n```\n", "utf-8")
    notes = src / "logs" / "2026-06-15-followups.md"
    notes.write_text("# State of the site\n\nFive more PRs.\n\n## Next\n\n- Deploy\n", "utf-8")
    for n in range(1, 8):
        (src / "logs" / f"notes-{n}.md").write_text(f"# Notes {n}\n\nText.\n", "utf-8")

    def brief(fresh: bool, parallel: int = 1) -> str:
        app = make_app("html", srcdir=src, freshenv=fresh, parallel=parallel)
        app.build()
        return (Path(app.outdir) / "devlog-brief.md").read_text(encoding="utf-8")

    text = brief(True)
    assert (
        "8 documents among the logs (`devlog_plain_logs`) were not read as logs, so they are "
        "not in this brief: `logs/2026-06-15-followups`, `logs/notes-1`, `logs/notes-2`, "
        "`logs/notes-3`, `logs/notes-4` and 3 more. `sphinx-devlog show FILE` says why."
    ) in text
    assert brief(True, parallel=2) == text
    notes.write_text(
        "# State of the site\n\n**Status**: partial\n\n## Next Steps\n\n- [ ] Deploy\n"
    )
    text = brief(False)
    assert text == brief(True)
    assert "7 documents among the logs" in text
    assert "- Deploy (`2026-06-15-followups#1`)" in text


def _directive_log(
    title: str, options: str, steps: str = "", lessons: str = "", files: str = ""
) -> str:
    parts = [f"# {title}\n\n```{{devlog}}\n{options}```\n"]
    for heading, kind, body in (
        ("Lessons Learned", "lessons", lessons),
        ("Next Steps", "next-steps", steps),
        ("Files Modified", "files", files),
    ):
        if body:
            parts.append(f"## {heading}\n\n```{{devlog:{kind}}}\n{body}```\n")
    return "\n".join(parts)


def test_brief_of_a_built_project_exact(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The brief the build writes for a small MyST project, whole: a step closed by a later
    log, a step carried into a later log and still open, a summary as a failed session's
    words, markup in a lesson escaped."""
    src = tmp_path / "src"
    logs = src / "logs"
    logs.mkdir(parents=True)
    (src / "conf.py").write_text(
        'project = "Tidewater"\nextensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'myst_enable_extensions = ["tasklist"]\n',
        encoding="utf-8",
    )
    (src / "index.md").write_text("# T\n\n```{toctree}\n:glob:\nlogs/*\n```\n", "utf-8")
    (logs / "2024-03-01_parser-success.md").write_text(
        _directive_log(
            "Tide-table parser",
            ":purpose: Read the admiralty tables\n:tags: parser\n",
            steps="- [ ] Handle leap seconds\n- [ ] Parse the 1990s format\n",
            lessons="- The `__init__.py` exports matter\n",
            files="- `tidewater/parse.py` - the parser\n",
        ),
        "utf-8",
    )
    (logs / "2024-03-05_fit-failed.md").write_text(
        _directive_log(
            "Harmonic fit",
            ":purpose: Fit the constituents\n:follows: 2024-03-01_parser\n\n"
            "The solver diverged on every harbour.\n",
            steps="- [ ] Handle leap seconds\n",
            lessons="- Scale the inputs before fitting\n",
            files="- `tidewater/fit.py` - the fit\n",
        ),
        "utf-8",
    )
    (logs / "2024-03-09_formats-success.md").write_text(
        _directive_log(
            "Old formats",
            ":purpose: Read the old tables\n:closes: 2024-03-01_parser#2\n:tags: parser\n",
            lessons="- Keep a sample of every format under test\n",
            files="- `tidewater/parse.py` - the 1990s format\n",
        ),
        "utf-8",
    )
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    assert app.warning.getvalue() == ""
    assert (Path(app.outdir) / "devlog-brief.md").read_text(encoding="utf-8") == (
        "# Brief: Tidewater\n"
        "\n"
        "3 logs, 2024-03-01 to 2024-03-09; 1 next step open.\n"
        "\n"
        "## Open next steps, oldest first\n"
        "\n"
        "Read from 3 logs. 1 of them has no next-steps section.\n"
        "\n"
        "- Handle leap seconds (`2024-03-05_fit-failed#1`): raised in 2024-03-01 "
        "*Tide-table parser* (`2024-03-01_parser-success`), carried through 2 sessions.\n"
        "\n"
        "## Lessons worth re-reading\n"
        "\n"
        "- Keep a sample of every format under test (`2024-03-09_formats-success#1`), from "
        "2024-03-09 *Old formats*: latest.\n"
        "- Scale the inputs before fitting (`2024-03-05_fit-failed#1`), from 2024-03-05 "
        "*Harmonic fit*: latest.\n"
        "- The \\_\\_init\\_\\_.py exports matter (`2024-03-01_parser-success#1`), from "
        "2024-03-01 *Tide-table parser*: latest.\n"
        "\n"
        "## Latest sessions, newest first\n"
        "\n"
        "- 2024-03-09 *Old formats* (`2024-03-09_formats-success`): **success**. Read the old "
        "tables.\n"
        "- 2024-03-05 *Harmonic fit* (`2024-03-05_fit-failed`): **failed**. Fit the "
        "constituents. Summary: The solver diverged on every harbour. Left 1 next step open.\n"
        "- 2024-03-01 *Tide-table parser* (`2024-03-01_parser-success`): **success**. Read the "
        "admiralty tables.\n"
    )
