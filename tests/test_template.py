"""The template of ``sphinx-devlog new``, and template text left in a log: it is no item
(nor a purpose or dependencies), in no collection and not in ``devlog.json``; each is a
warning with its file and line, so ``sphinx-devlog check`` lists what is left to fill in."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import devlog_warnings
from hypothesis import given
from hypothesis import strategies as st
from test_incremental import comparable

from sphinxcontrib_devlog import template
from sphinxcontrib_devlog.domain import DevlogDomain
from sphinxcontrib_devlog.template import is_placeholder, placeholder_item

CLI = [sys.executable, "-m", "sphinxcontrib_devlog.cli"]
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): \[(?P<type>devlog\.\w+)\] (?P<message>.+)$")
TEMPLATE_TEXT = "template text left in the log"

CONF = (
    'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
    'myst_enable_extensions = ["colon_fence", "tasklist"]\n'
    'exclude_patterns = ["_build"]\n'
)
INDEX = """\
# Project

## Outstanding

```{devlog:outstanding}
```

## Lessons

```{devlog:lessonlist}
```

## Files

```{devlog:filehistory}
```

```{toctree}
:glob:

logs/*
```
"""

#: every placeholder of the template -> what a user writes over it
FILLED = {
    template.PURPOSE: "Read the gauge feed",
    template.DEPENDENCIES: "requests 2.32",
    template.GOAL: "Parse the feed",
    template.LESSON: "The feed repeats its last line",
    template.STEP: "Handle gaps in the feed",
    template.FILE_PATH: "src/feed.py",
    template.FILE_DESCRIPTION: "the parser",
}
#: the placeholders a warning names, with the subtype of its warning
REPORTED = {
    template.PURPOSE: "devlog.field",
    template.DEPENDENCIES: "devlog.field",
    template.GOAL: "devlog.structure",
    template.LESSON: "devlog.structure",
    template.STEP: "devlog.structure",
    template.FILE_PATH: "devlog.structure",
}

#: the MyST template ``new`` wrote before this one, which logs made with it still hold
EARLIER_MYST = """\
# Gauge feed

```{devlog}
:status: partial
:date: 2024-05-07
:purpose: What this session attempts
:dependencies: What was needed
:target: AI assistants, developers
```

## Session Goals

```{devlog:goals}
- [ ] Goal 1
- [x] Read the feed
```

## Implementation Log

### 09:00 - Start

What was done, the commands run and what happened.

## Lessons Learned

```{devlog:lessons}
- Key insight 1
```

## Next Steps

```{devlog:next-steps}
- [ ] Follow-up task 1
- [ ] Calibrate the gauge
```

## Files Modified

```{devlog:files}
- `path/to/file.py` - what changed
```

Still to do: {devlog:step}`2024-05-07_gauge-feed#2`.
"""

#: a plain log (no directives) written from the plain template, partly filled in
PLAIN = """\
# Gauge alerts

## HEADER
- **Purpose**: [What was attempted]
- **Status**: partial
- **Date**: 2024-05-08
- **Dependencies**: the gauge feed

## Session Goals
- [x] Send an alert above the threshold

## Lessons Learned
- [Key insight 1]
- Alerts need a cool-down

## Next Steps
- [ ] Follow-up task 1
- [ ] Page the on-call person

## Files Modified
- `src/file1.py` - [Changes made]
- `src/alerts.py` - the alert rule
"""


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=300
    )


def make_project(where: Path, *, plain: bool = False) -> Path:
    where.mkdir(parents=True)
    conf = CONF + ('devlog_plain_logs = ["logs/*"]\n' if plain else "")
    (where / "conf.py").write_text(conf, encoding="utf-8")
    (where / "index.md").write_text(INDEX, encoding="utf-8")
    return where


def new_log(src: Path, title: str, fmt: str, date: str = "2024-05-06") -> Path:
    result = run("new", title, "--date", date, "--dir", "logs", "--format", fmt, cwd=src)
    assert result.returncode == 0, result.stderr
    return src / result.stdout.strip()


def fill_in(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    for placeholder, words in FILLED.items():
        assert placeholder in text, placeholder
        text = text.replace(placeholder, words)
    path.write_text(text, encoding="utf-8")


def line_of(path: Path, text: str) -> int:
    """The (only) line of *path* holding *text*, from 1."""
    lines = [n for n, line in enumerate(path.read_text("utf-8").splitlines(), 1) if text in line]
    assert len(lines) == 1, (text, lines)
    return lines[0]


def build(make_app, src: Path, builder: str = "html", **kwargs):  # type: ignore[no-untyped-def]
    kwargs.setdefault("freshenv", True)
    app = make_app(builder, srcdir=src, **kwargs)
    app.build()
    app.cleanup()
    return app


def exported(app) -> dict:  # type: ignore[no-untyped-def,type-arg]
    return json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))


def collections_text(app) -> str:  # type: ignore[no-untyped-def]
    page = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    return page[page.index('id="outstanding"') : page.index('class="toctree-wrapper')]


# -- the placeholders, without Sphinx --------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("purpose", template.PURPOSE),
        ("purpose", "What this session attempts"),
        ("purpose", "[What was attempted]"),
        ("dependencies", template.DEPENDENCIES),
        ("dependencies", "What was needed"),
        ("goal", template.GOAL),
        ("goal", "Goal 1"),
        ("goal", "Goal 12"),
        ("lesson", template.LESSON),
        ("lesson", "Key insight 1"),
        ("lesson", "[Key insight 2]"),
        ("step", template.STEP),
        ("step", "Follow-up task 1"),
        ("file", template.FILE_PATH),
        ("file", "path/to/file.py"),
        ("file", "src/file1.py"),
    ],
)
def test_placeholders(name: str, text: str) -> None:
    assert is_placeholder(name, text)


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("goal", "Goal: parse the feed"),
        ("goal", "Goal 1b"),
        ("goal", "Goals 1"),
        ("goal", "Key insight 1"),  # a lesson's placeholder, not a goal's
        ("step", "Follow-up task 1: calibrate the gauge"),
        ("step", "(calibrate the gauge)"),
        ("file", "src/file.py"),
        ("file", "path/to/file.py.bak"),
        ("purpose", "What this session attempts to fix: the parser"),
        ("dependencies", ""),
        ("target", "AI assistants, developers"),  # a sensible value, never reported
    ],
)
def test_real_text_is_no_placeholder(name: str, text: str) -> None:
    assert not is_placeholder(name, text)


def test_a_file_is_a_placeholder_by_its_path() -> None:
    assert placeholder_item("file", "path/to/file.py - what changed", "path/to/file.py")
    assert not placeholder_item("file", "src/app.py - see path/to/file.py", "src/app.py")
    assert not placeholder_item("step", "path/to/file.py")


_PLACEHOLDER_TEXTS = st.sampled_from(
    [
        ("goal", template.GOAL),
        ("goal", "Goal 3"),
        ("lesson", "Key insight 1"),
        ("step", template.STEP),
        ("step", "Follow-up task 2"),
        ("purpose", "What this session attempts"),
    ]
)


@given(
    _PLACEHOLDER_TEXTS,
    st.sampled_from(["{}", "[{}]", "({})", "{}.", "  {}  ", "[{}]."]),
    st.booleans(),
    st.sampled_from([" ", "  ", "\n   "]),
)
def test_placeholders_are_found_as_people_change_them(
    placeholder: tuple[str, str], wrapping: str, upper: bool, space: str
) -> None:
    """Case, spacing, a trailing period and brackets around it (the plain template's
    ``[Key insight 1]``) change nothing."""
    name, text = placeholder
    text = space.join(text.strip("()").split())
    text = wrapping.format(text.upper() if upper else text)
    assert is_placeholder(name, text)


@given(_PLACEHOLDER_TEXTS, st.text(st.characters(categories=["L", "N"]), min_size=1))
def test_a_word_added_makes_a_real_item(placeholder: tuple[str, str], word: str) -> None:
    """Text written before or after a placeholder makes it the user's own."""
    name, text = placeholder
    assert not is_placeholder(name, f"{word} {text}")
    assert not is_placeholder(name, f"{text} {word}")


def test_every_item_of_the_templates_is_a_placeholder() -> None:
    """The templates hold no item that could be taken for a real one."""
    for text, item in (
        (template.MYST_TEMPLATE, r"^- (?:\[ \] )?(.*)$"),
        (template.RST_TEMPLATE, r"^   - (?:\[ \] )?(.*)$"),
    ):
        items = re.findall(item, text, re.MULTILINE)
        assert items == [
            template.GOAL,
            template.LESSON,
            template.STEP,
            items[3],
        ]
        assert items[3].replace("`", "") == f"{template.FILE_PATH} - {template.FILE_DESCRIPTION}"


def test_the_template_the_docs_show(tmp_path: Path) -> None:
    """docs/cli.md shows what ``new`` writes."""
    docs = (Path(__file__).parent.parent / "docs" / "cli.md").read_text(encoding="utf-8")
    match = re.search(
        r"^(`{4,})\{code-block\} markdown\n:caption: (\S+)\n\n(.*?)\n\1$", docs, re.S | re.M
    )
    assert match is not None
    result = run("new", "Tide alerts", "--date", "2024-06-17", cwd=tmp_path)
    assert result.stdout.strip() == match[2]
    assert (tmp_path / match[2]).read_text(encoding="utf-8") == match[3] + "\n"


def test_plain_reader_leaves_placeholders_out() -> None:
    """The reader of plain logs, as the command line uses it: placeholders keep their
    numbers and are notes, the items after them keep theirs."""
    from sphinxcontrib_devlog.plain.parse import read_text

    log = read_text(PLAIN, "2024-05-08_gauge-alerts-partial.md")
    assert [(i.number, i.text) for i in log.items["step"]] == [(2, "Page the on-call person")]
    assert [i.text for i in log.items["lesson"]] == ["Alerts need a cool-down"]
    assert [i.path for i in log.items["file"]] == ["src/alerts.py"]
    assert log.blanks == {"lesson": [1], "step": [1], "file": [1]}
    assert sorted((line, subtype) for subtype, _message, line in log.notes) == [
        (13, "structure"),
        (17, "structure"),
        (21, "structure"),
    ]


# -- a log made by ``new`` -------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["md", "rst"])
def test_new_log_left_as_it_is(make_app, tmp_path: Path, fmt: str) -> None:  # type: ignore[no-untyped-def]
    src = make_project(tmp_path / "project")
    path = new_log(src, "Gauge feed", fmt)
    app = build(make_app, src)

    expected = sorted(
        (f"logs/{path.name}", line_of(path, text), kind) for text, kind in REPORTED.items()
    )
    found = devlog_warnings(app)
    assert sorted((w.path, w.line, w.type) for w in found) == expected
    assert all(w.message.startswith(TEMPLATE_TEXT) for w in found)
    assert any(f"the goal '{template.GOAL}' is not counted" in w.message for w in found)

    data = exported(app)
    [log] = data["logs"]
    assert [log[k] for k in ("goals", "lessons", "next_steps", "files")] == [[], [], [], []]
    assert (log["purpose"], log["dependencies"]) == ("", "")
    assert data["outstanding"] == []
    shown = collections_text(app)
    for placeholder in FILLED:
        assert placeholder not in shown
    assert "No open next steps in 1 log." in shown
    # nothing is dropped from the log's own page: the placeholders show as written
    page = (Path(app.outdir) / "logs" / f"{path.stem}.html").read_text(encoding="utf-8")
    for placeholder in (template.GOAL, template.LESSON, template.STEP, template.FILE_PATH):
        assert placeholder in page
    assert 'id="devlog-step-1"' not in page


def test_check_lists_what_is_left_to_fill_in(tmp_path: Path) -> None:
    src = make_project(tmp_path / "project")
    paths = [new_log(src, "Gauge feed", "md"), new_log(src, "Gauge alerts", "rst")]
    result = run("check", ".", cwd=src)
    assert result.returncode == 1
    lines = [LINE.match(line) for line in result.stdout.splitlines()]
    assert all(lines), result.stdout
    assert sorted((m["path"], int(m["line"]), m["type"]) for m in lines if m) == sorted(
        (f"logs/{path.name}", line_of(path, text), kind)
        for path in paths
        for text, kind in REPORTED.items()
    )
    assert all(m["message"].startswith(TEMPLATE_TEXT) for m in lines if m)
    assert (
        f"logs/{paths[0].name}:{line_of(paths[0], template.STEP)}: [devlog.structure] "
        f"template text left in the log: the next step '{template.STEP}' is not counted "
        "(write over it, or delete it)"
    ) in result.stdout.splitlines()

    for path in paths:
        fill_in(path)
    result = run("check", ".", cwd=src)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr
    listed = run("list", ".", cwd=src)
    # the same step in both logs: one chain, raised by the first
    assert re.search(r"Handle gaps in the feed +Gauge feed +2 ", listed.stdout), listed.stdout


@pytest.mark.parametrize("builder", ["html", "text"])
def test_filled_in_incrementally_equals_fresh(make_app, tmp_path: Path, builder: str) -> None:  # type: ignore[no-untyped-def]
    """The usual session: ``new``, a build, the log filled in, an incremental build."""
    src = make_project(tmp_path / "project")
    path = new_log(src, "Gauge feed", "md")
    build(make_app, src, builder)

    fill_in(path)
    incremental = build(make_app, src, builder, freshenv=False)
    assert devlog_warnings(incremental) == []
    fresh_src = tmp_path / "fresh"
    shutil.copytree(src, fresh_src, ignore=shutil.ignore_patterns("_build"))
    fresh = build(make_app, fresh_src, builder)
    assert devlog_warnings(fresh) == []
    expected = comparable(fresh.outdir)
    got = comparable(incremental.outdir)
    for name, data in expected.items():
        assert got.get(name) == data, name

    [log] = exported(fresh)["logs"]
    assert [item["text"] for item in log["next_steps"]] == ["Handle gaps in the feed"]
    assert [(f["path"], f["description"]) for f in log["files"]] == [("src/feed.py", "the parser")]
    assert (log["purpose"], log["dependencies"]) == ("Read the gauge feed", "requests 2.32")
    assert [o["text"] for o in exported(fresh)["outstanding"]] == ["Handle gaps in the feed"]


# -- logs written from earlier templates -----------------------------------------------------


def test_earlier_template_text(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = make_project(tmp_path / "project")
    path = src / "logs" / "2024-05-07_gauge-feed-partial.md"
    path.parent.mkdir()
    path.write_text(EARLIER_MYST, encoding="utf-8")
    app = build(make_app, src)

    placeholders = {
        "What this session attempts": "devlog.field",
        "What was needed": "devlog.field",
        "Goal 1": "devlog.structure",
        "Key insight 1": "devlog.structure",
        "Follow-up task 1": "devlog.structure",
        "path/to/file.py": "devlog.structure",
    }
    found = devlog_warnings(app)
    assert sorted((w.path, w.line, w.type) for w in found) == sorted(
        (f"logs/{path.name}", line_of(path, text), kind) for text, kind in placeholders.items()
    )
    assert all(w.message.startswith(TEMPLATE_TEXT) for w in found)

    data = exported(app)
    [log] = data["logs"]
    # the real items keep their numbers: a placeholder before them keeps its own
    assert [(g["id"], g["text"]) for g in log["goals"]] == [
        ("2024-05-07_gauge-feed-partial#2", "Read the feed")
    ]
    assert [(s["id"], s["text"]) for s in log["next_steps"]] == [
        ("2024-05-07_gauge-feed-partial#2", "Calibrate the gauge")
    ]
    assert log["lessons"] == [] and log["files"] == []
    assert [o["text"] for o in data["outstanding"]] == ["Calibrate the gauge"]
    shown = collections_text(app)
    assert "Calibrate the gauge" in shown
    for text in placeholders:
        assert text not in shown
    page = (Path(app.outdir) / "logs" / f"{path.stem}.html").read_text(encoding="utf-8")
    assert 'href="#devlog-step-2"' in page  # the reference to step 2 resolves


def test_plain_log_from_the_plain_template(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = make_project(tmp_path / "project", plain=True)
    path = src / "logs" / "2024-05-08_gauge-alerts-partial.md"
    path.parent.mkdir()
    path.write_text(PLAIN, encoding="utf-8")
    app = build(make_app, src)

    found = devlog_warnings(app)
    assert sorted((w.path, w.line, w.type) for w in found) == sorted(
        [
            (f"logs/{path.name}", line_of(path, "[What was attempted]"), "devlog.field"),
            (f"logs/{path.name}", line_of(path, "[Key insight 1]"), "devlog.structure"),
            (f"logs/{path.name}", line_of(path, "Follow-up task 1"), "devlog.structure"),
            (f"logs/{path.name}", line_of(path, "src/file1.py"), "devlog.structure"),
        ]
    )
    assert all(w.message.startswith(TEMPLATE_TEXT) for w in found)
    data = exported(app)
    [log] = data["logs"]
    assert log["purpose"] == "" and log["dependencies"] == "the gauge feed"
    assert [s["text"] for s in log["next_steps"]] == ["Page the on-call person"]
    assert [f["path"] for f in log["files"]] == ["src/alerts.py"]
    assert [o["text"] for o in data["outstanding"]] == ["Page the on-call person"]
    assert "Follow-up task 1" not in collections_text(app)


def test_parallel_equals_serial(make_app, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Placeholders in many logs, read in two processes: what a serial build gives."""
    chunks: list[frozenset[str]] = []
    original = DevlogDomain.merge_domaindata

    def counting(self, docnames, otherdata):  # type: ignore[no-untyped-def]
        chunks.append(frozenset(docnames))
        return original(self, docnames, otherdata)

    monkeypatch.setattr(DevlogDomain, "merge_domaindata", counting)
    source = make_project(tmp_path / "source", plain=True)
    for day, fmt in enumerate(["md", "rst", "md", "rst", "md", "md"], start=10):
        path = new_log(source, f"Session {day}", fmt, date=f"2024-05-{day}")
        if day % 2:
            fill_in(path)
    (source / "logs" / "2024-05-20_gauge-alerts-partial.md").write_text(
        PLAIN.replace("2024-05-08", "2024-05-20"), encoding="utf-8"
    )
    (source / "logs" / "2024-05-21_gauge-feed-partial.md").write_text(
        EARLIER_MYST.replace("2024-05-07", "2024-05-21"), encoding="utf-8"
    )
    results = []
    for jobs in (1, 2):
        src = tmp_path / f"j{jobs}"
        shutil.copytree(source, src)
        app = build(make_app, src, parallel=jobs)
        results.append(
            (comparable(app.outdir), sorted((w.path, w.line, w.type) for w in devlog_warnings(app)))
        )
    assert chunks, "the -j 2 build did not read in parallel"
    assert results[1] == results[0]
    assert len(results[0][1]) == 3 * 6 + 4 + 6  # three untouched logs, the plain, the earlier
