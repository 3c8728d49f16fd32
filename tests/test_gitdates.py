"""``devlog_check_git_dates``: log dates against the day each file was first committed.

The pure part (:mod:`sphinxcontrib_devlog.githistory`) is tested without git and without
Sphinx, on git's output written by :func:`render`; the rest builds projects in real
temporary repositories whose commits are back-dated with ``GIT_AUTHOR_DATE`` and
``GIT_COMMITTER_DATE``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import devlog_warnings, warnings_of
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_devlog import gitdates
from sphinxcontrib_devlog.domain import DevlogDomain
from sphinxcontrib_devlog.githistory import (
    IMPORT_SIZE,
    Change,
    Commit,
    DatedLog,
    GitOutputError,
    Origin,
    first_commits,
    judge,
    moved_in,
    parse_log,
    question,
)

# -- git's output, written as git writes it ---------------------------------------------


def render(commits: list[Commit]) -> bytes:
    """What ``git log -z --name-status --format=LOG_FORMAT`` prints for *commits*."""
    out = b""
    for c in commits:
        out += f"\x01{c.sha}\0{' '.join(c.parents)}\0{c.author_date}\0".encode()
        first = True
        for ch in c.changes:
            status = ch.status + ("100" if ch.status in "RC" else "")
            out += (b"\n" if first else b"") + status.encode() + b"\0"
            first = False
            if ch.status in "RC":
                out += ch.old_path.encode("utf-8", "surrogateescape") + b"\0"
            out += ch.path.encode("utf-8", "surrogateescape") + b"\0"
    return out


def commit(n: int, *changes: Change, day: str = "2024-07-15", parents: int = 1) -> Commit:
    sha = f"{n:040x}"
    return Commit(
        sha,
        tuple(f"{n - 1 - p:040x}" for p in range(parents)) if n else (),
        f"{day}T10:00:00+02:00",
        changes,
    )


def test_parse_log_reads_gits_bytes() -> None:
    data = (
        b"\x01"
        + b"a" * 40
        + b"\0\0"
        + b"2024-07-15T23:30:00+02:00\0\nA\0logs/a b.md\0A\0logs/n\nl.md\0"
        b"\x01" + b"b" * 40 + b"\0" + b"a" * 40 + b" " + b"c" * 40 + b"\0"
        b"2024-07-16T00:30:00-05:00\0"  # a merge: no files
        b"\x01" + b"d" * 40 + b"\0" + b"b" * 40 + b"\0" + b"2024-07-17T09:00:00+00:00\0"
        b"\nR087\0logs/a b.md\0logs/caf\xc3\xa9.md\0D\0logs/n\nl.md\0"
    )
    commits = parse_log(data)
    assert [c.sha[0] for c in commits] == ["a", "b", "d"]
    assert commits[0].parents == () and len(commits[1].parents) == 2
    assert commits[0].changes == (Change("A", "logs/a b.md"), Change("A", "logs/n\nl.md"))
    assert commits[1].changes == ()
    assert commits[2].changes == (
        Change("R", "logs/café.md", "logs/a b.md"),
        Change("D", "logs/n\nl.md"),
    )
    # the day the author saw, not the day in UTC
    assert commits[0].day == dt.date(2024, 7, 15)
    assert commits[1].day == dt.date(2024, 7, 16)
    assert commits[0].short == "a" * 7


@pytest.mark.parametrize(
    "data",
    [
        b"A\0logs/x.md\0",  # a file before any commit
        b"\x01" + b"a" * 40 + b"\0\0not a date\0",
        b"\x01" + b"a" * 40 + b"\0",  # header cut short
        b"\x01" + b"a" * 40 + b"\0\0" + b"2024-07-15T10:00:00+00:00\0\nR100\0only-one.md\0",
        b"\x01" + b"a" * 40 + b"\0\0" + b"2024-07-15T10:00:00+00:00\0\nwhat\0x.md\0",
    ],
)
def test_parse_log_refuses_other_output(data: bytes) -> None:
    with pytest.raises(GitOutputError):
        parse_log(data)


def test_parse_log_of_nothing() -> None:
    assert parse_log(b"") == []


#: file names as they come: spaces, newlines, non-ASCII, the header's marker, undecodable
#: bytes (held as surrogate escapes)
paths = st.text(
    st.characters(blacklist_characters="\0", blacklist_categories=("Cs",))
    | st.sampled_from(["\udcff", "\x01", "\n", " "]),
    min_size=1,
    max_size=20,
)
changes = st.one_of(
    st.builds(Change, st.sampled_from("ADMT"), paths),
    st.builds(Change, st.sampled_from("RC"), paths, paths),
)


@given(st.lists(st.tuples(st.lists(changes, max_size=5), st.integers(0, 2)), max_size=8))
def test_parse_log_round_trip(history: list[tuple[list[Change], int]]) -> None:
    commits = [commit(n, *chs, parents=min(p, n)) for n, (chs, p) in enumerate(history)]
    assert parse_log(render(commits)) == commits


@given(
    names=st.lists(paths, min_size=1, max_size=6, unique=True),
    first=st.integers(0, 3),
    gaps=st.lists(st.integers(1, 3), min_size=6, max_size=6),
)
def test_a_rename_chain_keeps_the_first_commit(
    names: list[str], first: int, gaps: list[int]
) -> None:
    """A file added, then renamed through every name of *names*, other files added and
    removed around it: its origin is the commit that added it, under its first name."""
    history: list[Commit] = [commit(n, Change("A", f"noise-{n}")) for n in range(first)]
    n = first
    history.append(commit(n, Change("A", names[0]), Change("A", f"noise-{n}")))
    for old, new, gap in zip(names, names[1:], gaps, strict=False):
        for _ in range(gap - 1):
            n += 1
            history.append(commit(n, Change("D", f"noise-{n - 1}"), Change("A", f"noise-{n}")))
        n += 1
        history.append(commit(n, Change("R", new, old), Change("A", f"noise-{n}")))
    origins = first_commits(parse_log(render(history)), shallow=False)
    origin = origins[names[-1]]
    assert origin.commit is not None and origin.commit.sha == f"{first:040x}"
    assert origin.path == names[0]
    assert all(name not in origins for name in names[:-1])


def test_first_commits_rules() -> None:
    history = [
        commit(0, Change("A", "gone.md"), Change("A", "kept.md")),
        commit(1, Change("D", "gone.md"), Change("M", "kept.md")),
        commit(2, Change("A", "gone.md")),  # restored: keeps its first commit
        commit(3, Change("C", "copy.md", "kept.md")),  # a copy is a new file
        commit(4, Change("M", "seen-late.md")),  # added before what is shown
        commit(5, Change("R", "renamed.md", "unseen.md")),  # renamed from one never added
    ]
    origins = first_commits(history, shallow=False)
    assert origins["gone.md"].commit == history[0]
    assert origins["kept.md"].commit == history[0]
    assert origins["copy.md"].commit == history[3]
    assert origins["seen-late.md"].commit is None
    assert origins["renamed.md"] == Origin(None, "unseen.md")


def test_first_commits_in_a_shallow_clone() -> None:
    """A parentless commit of a shallow clone is its boundary: what it adds is older."""
    history = [
        commit(0, Change("A", "old.md"), day="2024-09-01"),
        commit(1, Change("A", "new.md")),
        commit(2, Change("R", "old-renamed.md", "old.md")),
    ]
    shallow = first_commits(history, shallow=True)
    assert shallow["old-renamed.md"].commit is None
    assert shallow["new.md"].commit == history[1]
    assert first_commits(history, shallow=False)["old-renamed.md"].commit == history[0]


def log(path: str, date: str, source: str = "filename") -> DatedLog:
    return DatedLog(path, path, dt.date.fromisoformat(date), source)


def origins_of(*pairs: tuple[str, Commit | None]) -> dict[str, Origin]:
    return {path: Origin(c, path) for path, c in pairs}


def test_judge_limits_and_directions() -> None:
    july, july2, july3 = (commit(n, day="2024-07-15") for n in (1, 2, 3))  # one log each
    logs = [
        log("within.md", "2024-07-01"),  # 14 days: allowed
        log("before.md", "2024-06-30"),  # 15 days before
        log("after.md", "2025-07-15"),  # a year after
        log("new.md", "2024-01-15"),
        log("shallow.md", "2024-01-15"),
    ]
    origins = origins_of(
        ("within.md", july), ("before.md", july2), ("after.md", july3), ("shallow.md", None)
    )
    result = judge(logs, origins, 14)
    assert [(f.log.path, f.days) for f in result.far] == [("before.md", -15), ("after.md", 365)]
    assert [d.path for d in result.uncommitted] == ["new.md"]
    assert [d.path for d in result.unknown] == ["shallow.md"]
    assert judge(logs, origins, 0).far[0].log.path == "within.md"


@pytest.mark.parametrize(
    ("dates", "imported"),
    [
        (["2024-01-10", "2024-02-10", "2024-07-10"], True),  # most beyond the limit
        (["2024-01-10"] * 3 + ["2024-07-10"] * 2, True),
        (["2024-01-10", "2024-07-10", "2024-07-12"], False),  # one beyond: a mistake
        (["2024-01-10"] * 2 + ["2024-07-10"] * 2, False),  # half is not most
        (["2024-05-10", "2024-05-20"], True),  # two logs adopted, both older
        (["2024-05-10", "2024-07-10"], False),  # one of two beyond: a mistake
        (["2024-05-10"], False),  # one log is no import
    ],
)
def test_judge_import_rule(dates: list[str], imported: bool) -> None:
    july = commit(1, day="2024-07-15")
    logs = [log(f"{n}.md", date) for n, date in enumerate(dates)]
    result = judge(logs, origins_of(*((d.path, july) for d in logs)), 14)
    beyond = [d.path for d in logs if d.date.month < 7]
    if imported:
        assert result.far == [] and len(result.imported) == len(dates) >= IMPORT_SIZE
    else:
        assert [f.log.path for f in result.far] == beyond and result.imported == []


def test_judge_import_is_per_commit() -> None:
    """An import commit does not hide a misdated log added by another commit."""
    imports, later = commit(1, day="2024-07-15"), commit(2, day="2024-07-20")
    logs = [log(f"{n}.md", "2024-01-10") for n in range(4)]
    origins = origins_of(*((d.path, imports) for d in logs[:3]), (logs[3].path, later))
    result = judge(logs, origins, 14)
    assert [f.log.path for f in result.far] == ["3.md"]
    assert len(result.imported) == 3


def test_message() -> None:
    july = commit(0xABCDEF1, day="2024-07-15")
    far = judge(
        [log("logs/2024-01-15_a-success.md", "2024-01-15")],
        {"logs/2024-01-15_a-success.md": Origin(july, "logs/2024-01-15_a-partial.md")},
        14,
    ).far[0]
    assert far.message() == (
        "filename date 2024-01-15 is 182 days before the file's first commit, 0000000 on "
        "2024-07-15 (as logs/2024-01-15_a-partial.md): assistants often get the month or "
        "year wrong; is the month right?"
    )
    field = judge([log("a.md", "2024-07-16", "date field")], origins_of(("a.md", july)), 0)
    assert (
        field.far[0]
        .message()
        .startswith(
            "date 2024-07-16 (the filename has none) is 1 day after the file's first commit"
        )
    )


@pytest.mark.parametrize(
    ("written", "committed", "asked"),
    [
        ("2024-01-15", "2024-07-15", "is the month right?"),
        ("2023-07-15", "2024-07-15", "is the year right?"),
        ("2023-01-15", "2024-07-15", "are the month and year right?"),
        ("2024-07-01", "2024-07-29", "is the day right?"),
    ],
)
def test_question(written: str, committed: str, asked: str) -> None:
    assert question(dt.date.fromisoformat(written), dt.date.fromisoformat(committed)) == asked


def test_moved_in() -> None:
    history = [commit(1, Change("R", "docs/logs/a.md", "notes/a.md"), Change("A", "b.md"))]
    assert moved_in(history) == {(f"{1:040x}", "docs/logs/a.md")}


@pytest.mark.parametrize(
    ("given_paths", "specs"),
    [
        (["logs/a.md", "logs/b.md"], ["logs"]),
        (["docs/logs/a.md", "docs/logs/old/b.md", "notes/c.md"], ["docs/logs", "notes"]),
        (["logs/a.md", "logs-2/b.md"], ["logs", "logs-2"]),
        (["a.md", "logs/b.md"], ["."]),
    ],
)
def test_pathspecs(given_paths: list[str], specs: list[str]) -> None:
    assert gitdates.pathspecs(given_paths) == specs


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX paths")
@pytest.mark.parametrize(
    ("path", "src", "prefix", "top", "named"),
    [
        ("/w/proj/docs/logs/a.md", "/w/proj/docs", "docs/", "/w/proj", "docs/logs/a.md"),
        ("/w/proj/logs/a.md", "/w/proj", "", "/w/proj", "logs/a.md"),
        # typed in another case than git's on-disk name of the work tree
        ("/w/Proj/docs/logs/a.md", "/w/Proj/docs", "docs/", "/w/proj", "docs/logs/a.md"),
        ("/w/Proj/logs/a.md", "/w/Proj", "", "/w/proj", "logs/a.md"),
        # a folder of logs linked from the source folder to elsewhere in the work tree
        ("/w/proj/kept/a.md", "/w/proj/docs", "docs/", "/w/proj", "kept/a.md"),
        ("/w/proj/docs-old/a.md", "/w/proj/docs", "docs/", "/w/proj", "docs-old/a.md"),
        # outside the work tree
        ("/elsewhere/a.md", "/w/proj/docs", "docs/", "/w/proj", None),
        ("/w/project/a.md", "/w/proj/docs", "docs/", "/w/proj", None),
    ],
)
def test_tree_path(path: str, src: str, prefix: str, top: str, named: str | None) -> None:
    assert gitdates.tree_path(path, src, prefix, top) == named


def test_pathspecs_too_long_is_their_common_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gitdates, "MAX_PATHSPEC_CHARS", 20)
    assert gitdates.pathspecs(["docs/logs/a/x.md", "docs/logs/b/y.md"]) == ["docs/logs"]
    assert gitdates.pathspecs(["logs-of-2023/x.md", "logs-of-2024/y.md"]) == ["."]


# -- real repositories ------------------------------------------------------------------

needs_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")

#: the log header's line in every log these tests write
LINE = 3
CONF = 'project = "T"\nextensions = ["myst_parser", "sphinxcontrib_devlog"]\n'


@pytest.fixture(autouse=True)
def _own_git_config(monkeypatch: pytest.MonkeyPatch) -> None:
    """No user or system git configuration, no repository from the caller's environment."""
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", os.devnull)
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    for name in ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_CEILING_DIRECTORIES"):
        monkeypatch.delenv(name, raising=False)


def git(repo: Path, *args: str, when: str = "2024-07-15T10:00:00+02:00") -> str:
    env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    return subprocess.run(
        ["git", "-c", "commit.gpgsign=false", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def project(root: Path, conf: str = "devlog_check_git_dates = True\n", repo: bool = True) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "conf.py").write_text(CONF + conf, encoding="utf-8")
    (root / "index.md").write_text("# T\n\n```{toctree}\n:glob:\n\nlogs/*\n```\n", encoding="utf-8")
    (root / "logs").mkdir(exist_ok=True)
    if repo:
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.name", "Test")
        git(root, "config", "user.email", "test@example.org")
    return root


def write_log(src: Path, name: str, purpose: str = "Something") -> Path:
    path = src / "logs" / f"{name}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f"- Measured the harbour gauge {n} against the tide table.\n" for n in range(12))
    path.write_text(
        f"# {name}\n\n```{{devlog}}\n:purpose: {purpose}\n```\n\n## Implementation Log\n\n{body}",
        encoding="utf-8",
    )
    return path


def commit_all(src: Path, when: str, message: str = "logs") -> None:
    git(src, "add", "-A")
    git(src, "commit", "-q", "-m", message, when=when)


def date_warnings(make_app, src: Path, **kwargs) -> list[tuple[str, int | None, str]]:  # type: ignore[no-untyped-def]
    kwargs.setdefault("freshenv", True)
    app = make_app("dummy", srcdir=src, **kwargs)
    app.build()
    app.cleanup()
    return [(w.path, w.line, w.message) for w in devlog_warnings(app) if w.type == "devlog.date"]


@needs_git
def test_a_log_named_for_january_committed_in_july(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p")
    write_log(src, "2024-01-15_tide-alerts-success")
    write_log(src, "2024-07-08_harmonic-fit-success")  # a week before: within the limit
    write_log(src, "2024-07-15_gezeiten-übersicht-partial")  # non-ASCII, same day
    commit_all(src, "2024-07-15T10:00:00+02:00")
    sha = git(src, "rev-parse", "--short=7", "HEAD").strip()
    assert date_warnings(make_app, src) == [
        (
            "logs/2024-01-15_tide-alerts-success.md",
            LINE,
            f"filename date 2024-01-15 is 182 days before the file's first commit, {sha} on "
            "2024-07-15: assistants often get the month or year wrong; is the month right?",
        )
    ]


@needs_git
def test_the_number_of_days_and_off(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p", "devlog_check_git_dates = 200\n")
    write_log(src, "2024-01-15_tide-alerts-success")
    write_log(src, "2023-07-15_gauge-api-success")
    commit_all(src, "2024-07-15T10:00:00+02:00")
    found = date_warnings(make_app, src)
    assert [p for p, _, _ in found] == ["logs/2023-07-15_gauge-api-success.md"]
    assert found[0][2].endswith(
        "366 days before the file's first commit, "
        f"{git(src, 'rev-parse', '--short=7', 'HEAD').strip()} on 2024-07-15: assistants often "
        "get the month or year wrong; is the year right?"
    )
    assert date_warnings(make_app, src, confoverrides={"devlog_check_git_dates": False}) == []


GAUGE, ALERTS = "logs/2023-07-15_gauge-api-success.md", "logs/2024-01-15_tide-alerts-success.md"


@needs_git
@pytest.mark.parametrize(
    ("given", "reported", "problem"),
    [
        ("200", [GAUGE], ""),  # a number of days
        ("1", [GAUGE, ALERTS], ""),  # on, as for any Sphinx boolean: 14 days
        ("0", [], ""),  # off
        ("many", [], "devlog_check_git_dates must be True, False or a number of days"),
    ],
)
def test_the_number_of_days_from_the_command_line(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, given: str, reported: list[str], problem: str
) -> None:
    """``-D`` gives Sphinx a string: a number of days is taken, not refused as a boolean
    that is neither ``0`` nor ``1``; what is none of these is a ``devlog.config`` warning."""
    src = project(tmp_path / "p", conf="")
    for path in (ALERTS, GAUGE):  # one commit each: no import
        write_log(src, Path(path).stem)
        commit_all(src, "2024-07-15T10:00:00+02:00", path)
    overrides = {"devlog_check_git_dates": given}
    app = make_app("dummy", srcdir=src, freshenv=True, confoverrides=overrides)
    app.build()
    app.cleanup()
    assert [w.path for w in devlog_warnings(app) if w.type == "devlog.date"] == reported
    config_warnings = [w.message for w in warnings_of(app) if w.type != "devlog.date"]
    assert config_warnings == ([f"{problem} (0 or more); using the default"] if problem else [])


@needs_git
def test_the_authors_day_in_the_authors_time_zone(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Committed 16 July at 00:30 in UTC+2 (15 July in UTC), and by a committer on 1 July:
    the day that counts is the author's 16 July, 15 days after the log's date."""
    src = project(tmp_path / "p")
    write_log(src, "2024-07-01_tide-alerts-success")
    git(src, "add", "-A")
    env = dict(
        os.environ,
        GIT_AUTHOR_DATE="2024-07-16T00:30:00+02:00",
        GIT_COMMITTER_DATE="2024-07-01T12:00:00+00:00",
    )
    subprocess.run(
        ["git", "-c", "commit.gpgsign=false", "commit", "-qm", "log"], cwd=src, env=env, check=True
    )
    found = date_warnings(make_app, src)
    assert len(found) == 1 and "15 days before" in found[0][2] and "on 2024-07-16" in found[0][2]


@needs_git
def test_a_renamed_log_keeps_its_first_commit(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """``set-status`` renames logs with ``git mv`` and edits them: the earliest name's
    commit counts, through a chain of renames and edits."""
    src = project(tmp_path / "p")
    write_log(src, "2024-03-04_tide-parser-partial")
    write_log(src, "2024-01-10_harmonic-fit-partial")  # misdated from the start
    commit_all(src, "2024-03-04T18:00:00+01:00")
    git(
        src,
        "mv",
        "logs/2024-03-04_tide-parser-partial.md",
        "logs/2024-03-04_tide-parser-blocked.md",
    )
    git(
        src,
        "mv",
        "logs/2024-01-10_harmonic-fit-partial.md",
        "logs/2024-01-10_harmonic-fit-failed.md",
    )
    commit_all(src, "2024-06-01T10:00:00+02:00")
    git(
        src,
        "mv",
        "logs/2024-03-04_tide-parser-blocked.md",
        "logs/2024-03-04_tide-parser-success.md",
    )
    write_log(src, "2024-03-04_tide-parser-success", purpose="Parse the tide tables, at last")
    commit_all(src, "2024-09-20T10:00:00+02:00")
    found = date_warnings(make_app, src)
    assert [(p, line) for p, line, _ in found] == [("logs/2024-01-10_harmonic-fit-failed.md", LINE)]
    assert "54 days before" in found[0][2]  # 10 January to 4 March 2024
    assert "(as logs/2024-01-10_harmonic-fit-partial.md)" in found[0][2]


@needs_git
def test_the_cli_check_reports_it(tmp_path: Path) -> None:
    src = project(tmp_path / "p")
    write_log(src, "2024-01-15_tide-alerts-success")
    write_log(src, "2024-07-15_harmonic-fit-success")
    commit_all(src, "2024-07-15T10:00:00+02:00")
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "sphinxcontrib_devlog.cli", "check", "."],
        cwd=src,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        f"logs/2024-01-15_tide-alerts-success.md:{LINE}: [devlog.date] filename date "
        "2024-01-15 is 182 days before the file's first commit, "
        f"{git(src, 'rev-parse', '--short=7', 'HEAD').strip()} on 2024-07-15: assistants "
        "often get the month or year wrong; is the month right?"
    ]


@needs_git
def test_uncommitted_logs_are_silent(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p")
    write_log(src, "2024-07-15_harmonic-fit-success")
    commit_all(src, "2024-07-15T10:00:00+02:00")
    write_log(src, "2023-01-15_untracked-success")
    write_log(src, "2023-01-16_staged-success")
    git(src, "add", "logs/2023-01-16_staged-success.md")
    git(src, "mv", "logs/2024-07-15_harmonic-fit-success.md", "logs/2022-07-15_renamed-success.md")
    app = make_app("dummy", srcdir=src, freshenv=True, verbosity=1)
    app.build()
    app.cleanup()
    assert [w for w in devlog_warnings(app) if w.type == "devlog.date"] == []
    assert "2023-01-15_untracked-success.md is not committed yet" in app.status.getvalue()


@needs_git
def test_the_history_changing_between_builds_is_seen(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """An incremental build that reads nothing still checks: committing a log changes
    its history, not its source."""
    src = project(tmp_path / "p")
    write_log(src, "2024-07-15_harmonic-fit-success")
    commit_all(src, "2024-07-15T10:00:00+02:00")
    write_log(src, "2024-01-15_tide-alerts-success")
    assert date_warnings(make_app, src) == []  # not committed yet
    commit_all(src, "2024-07-20T10:00:00+02:00")
    again = date_warnings(make_app, src, freshenv=False)
    assert [(p, line) for p, line, _ in again] == [("logs/2024-01-15_tide-alerts-success.md", LINE)]
    assert date_warnings(make_app, src, freshenv=False) == again  # and on every build
    assert date_warnings(make_app, src) == again  # as a fresh build


@needs_git
def test_parallel_equals_serial(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    merged: list[str] = []  # the documents read by -j 2 worker processes
    original = DevlogDomain.merge_domaindata

    def counting(self, docnames, otherdata):  # type: ignore[no-untyped-def]
        merged.extend(docnames)
        return original(self, docnames, otherdata)

    monkeypatch.setattr(DevlogDomain, "merge_domaindata", counting)
    src = project(tmp_path / "p")
    for day in range(1, 25):
        write_log(src, f"2024-01-{day:02d}_session-{day}-success")
        month = "07" if day % 2 == 0 else "01"  # every other one committed in July
        commit_all(src, f"2024-{month}-{day:02d}T10:00:00+01:00", f"session {day}")
    serial = date_warnings(make_app, src)
    assert [int(p[13:15]) for p, _, _ in serial] == list(range(2, 25, 2))
    assert merged == []
    assert date_warnings(make_app, src, parallel=2) == serial
    assert len(merged) > 1


@needs_git
def test_no_git_on_path_is_silent(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p")
    write_log(src, "2024-01-15_tide-alerts-success")
    commit_all(src, "2024-07-15T10:00:00+02:00")
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    app = make_app("dummy", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert devlog_warnings(app) == []
    assert "not checked against the history: git is not installed" in app.status.getvalue()


def test_not_a_repository_is_silent(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # wherever tmp_path is
    src = project(tmp_path / "p", repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    app = make_app("dummy", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert devlog_warnings(app) == []
    if shutil.which("git") is not None:
        assert "not checked against the history: git rev-parse failed" in app.status.getvalue()


@needs_git
def test_a_repository_without_commits_is_silent(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p")
    write_log(src, "2024-01-15_tide-alerts-success")
    assert date_warnings(make_app, src) == []


@needs_git
def test_an_import_of_old_logs_is_silent(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p")
    write_log(src, "2023-11-02_tide-parser-success")
    write_log(src, "2024-01-15_tide-alerts-success")
    write_log(src, "2024-03-04_harmonic-fit-partial")
    write_log(src, "2024-07-14_gauge-api-success")
    commit_all(src, "2024-07-15T10:00:00+02:00", "import the logs kept elsewhere")
    write_log(src, "2024-02-20_misdated-success")
    commit_all(src, "2024-07-20T10:00:00+02:00", "a log of this week")
    assert [p for p, _, _ in date_warnings(make_app, src)] == [
        "logs/2024-02-20_misdated-success.md"
    ]


@needs_git
def test_adopting_two_older_logs_is_silent(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The first commit of a project adopting the check adds its two logs of two months
    ago: an import, not two mistakes. One of two dated far off is still reported."""
    src = project(tmp_path / "p")
    write_log(src, "2024-05-13_tide-parser-success")
    write_log(src, "2024-05-20_tide-alerts-success")
    commit_all(src, "2024-07-15T10:00:00+02:00", "adopt the logs")
    write_log(src, "2024-02-01_gauge-api-success")
    write_log(src, "2024-08-01_harmonic-fit-success")
    commit_all(src, "2024-08-02T10:00:00+02:00", "two logs, one misdated")
    assert [p for p, _, _ in date_warnings(make_app, src)] == [
        "logs/2024-02-01_gauge-api-success.md"
    ]


@needs_git
@pytest.mark.parametrize("depth", [1, 2])
def test_a_shallow_clone(make_app, tmp_path: Path, depth: int) -> None:  # type: ignore[no-untyped-def]
    """A log first seen in the clone's boundary commit is not checked: its first commit
    may be older. One added after the boundary is."""
    origin = project(tmp_path / "origin")
    write_log(origin, "2024-01-15_tide-alerts-success")
    commit_all(origin, "2024-01-15T10:00:00+01:00")
    write_log(origin, "2024-01-16_harmonic-fit-success", purpose="Edited much later")
    commit_all(origin, "2024-07-15T10:00:00+02:00")  # the boundary at depth 1
    write_log(origin, "2024-02-01_gauge-api-success")
    commit_all(origin, "2024-07-20T10:00:00+02:00")
    assert [p for p, _, _ in date_warnings(make_app, origin)] == [
        "logs/2024-01-16_harmonic-fit-success.md",
        "logs/2024-02-01_gauge-api-success.md",
    ]
    clone = tmp_path / f"clone{depth}"
    git(tmp_path, "clone", "-q", "--depth", str(depth), (origin.as_uri()), str(clone))
    expected = [] if depth == 1 else ["logs/2024-02-01_gauge-api-success.md"]
    assert [p for p, _, _ in date_warnings(make_app, clone)] == expected


@needs_git
def test_deleted_and_restored_or_moved_in(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """A log restored after its deletion keeps its first commit; a log moved into the
    logs' folder from elsewhere has a history the check did not read: neither is reported.
    """
    src = project(tmp_path / "p")
    write_log(src, "2024-01-15_tide-alerts-success")
    notes = src / "notes"
    notes.mkdir()
    (notes / "2024-01-20_gauge-api-success.md").write_text(
        "# Gauge API\n\n```{devlog}\n:purpose: Read the gauges\n```\n\nSome notes.\n",
        encoding="utf-8",
    )
    (src / "conf.py").write_text(
        CONF + 'devlog_check_git_dates = True\nexclude_patterns = ["notes"]\n', encoding="utf-8"
    )
    commit_all(src, "2024-01-15T10:00:00+01:00")
    git(src, "rm", "-q", "logs/2024-01-15_tide-alerts-success.md")
    commit_all(src, "2024-02-01T10:00:00+01:00")
    git(src, "checkout", "HEAD~1", "--", "logs/2024-01-15_tide-alerts-success.md")
    commit_all(src, "2024-08-01T10:00:00+02:00", "restore")
    git(src, "mv", "notes/2024-01-20_gauge-api-success.md", "logs/")
    commit_all(src, "2024-08-02T10:00:00+02:00", "move")
    write_log(src, "2024-03-01_control-success")
    commit_all(src, "2024-08-03T10:00:00+02:00", "a misdated log")
    assert [p for p, _, _ in date_warnings(make_app, src)] == ["logs/2024-03-01_control-success.md"]


@needs_git
def test_the_date_field_when_the_filename_has_none(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = project(
        tmp_path / "p",
        'devlog_check_git_dates = True\ndevlog_filename_pattern = r"(?P<slug>.+)-(?P<status>[a-z]+)"\n',
    )
    path = src / "logs" / "tide-alerts-success.md"
    path.write_text("# Alerts\n\n```{devlog}\n:date: 2024-01-15\n```\n", encoding="utf-8")
    commit_all(src, "2024-07-15T10:00:00+02:00")
    found = date_warnings(make_app, src)
    assert [(p, line) for p, line, _ in found] == [("logs/tide-alerts-success.md", LINE)]
    assert found[0][2].startswith("date 2024-01-15 (the filename has none) is 182 days before")


@needs_git
def test_the_projects_git_settings_change_nothing(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Settings that change what ``git log`` prints are set back for the one call."""
    repo = project(tmp_path / "repo", conf="")  # the docs in a folder of the repository
    src = project(repo / "docs", repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    write_log(src, "2024-03-04_tide-parser-partial")
    commit_all(repo, "2024-03-04T10:00:00+01:00")
    git(
        src,
        "mv",
        "logs/2024-03-04_tide-parser-partial.md",
        "logs/2024-03-04_tide-parser-success.md",
    )
    write_log(src, "2024-03-04_tide-parser-success", purpose="Parsed")
    commit_all(repo, "2024-07-15T10:00:00+02:00")
    for key, value in [
        ("log.showSignature", "true"),
        ("log.follow", "true"),
        ("log.decorate", "full"),
        ("diff.renames", "false"),
        ("diff.relative", "true"),
        ("color.ui", "always"),
        ("core.quotePath", "true"),
        ("format.pretty", "oneline"),
        ("log.date", "relative"),
    ]:
        git(src, "config", key, value)
    assert [p for p, _, _ in date_warnings(make_app, src)] == [
        "logs/2024-01-15_tide-alerts-success.md"
    ]


FAKE_GIT = """#!{python}
import json, os, subprocess, sys, time
args = sys.argv[1:]
with open({calls!r}, "a", encoding="utf-8") as calls:
    call = {{"args": args, "env": dict(os.environ), "session": os.getsid(0)}}
    calls.write(json.dumps(call) + "\\n")
if "rev-parse" in args:
    print({top!r})
    if "--show-prefix" in args:
        print({prefix!r})
    print("false"); sys.exit(0)
mode = {mode!r}
if mode == "fail":
    sys.stderr.write("fatal: something went wrong\\n"); sys.exit(128)
if mode == "slow":
    time.sleep(30)
if mode == "orphan":  # starts a program that holds git's output open, and leaves
    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    with open({pid_file!r}, "w") as pid: pid.write(str(child.pid))
    sys.exit(0)
if mode == "garbage":
    sys.stdout.write("not what git prints\\0A\\0x.md\\0")
sys.stdout.buffer.write(bytes.fromhex({log!r}))
"""


def fake_git(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mode: str,
    top: Path,
    prefix: str = "",
    log: bytes = b"",
) -> Path:
    """A ``git`` first on PATH that prints *top* and *prefix* for ``rev-parse``, acts as
    *mode* says for ``log`` (else prints *log*), and records each call as a line of JSON in
    the file it returns."""
    calls = tmp_path / "git-calls.jsonl"
    fake = tmp_path / "bin" / "git"
    fake.parent.mkdir()
    fake.write_text(
        FAKE_GIT.format(
            python=sys.executable,
            calls=str(calls),
            top=str(top),
            prefix=prefix,
            mode=mode,
            pid_file=str(tmp_path / "orphan.pid"),
            log=log.hex(),
        ),
        encoding="utf-8",
    )
    fake.chmod(fake.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(fake.parent))
    return calls


def calls_of(record: Path) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in record.read_text(encoding="utf-8").splitlines()]


def build_quietly(make_app, src: Path):  # type: ignore[no-untyped-def]
    app = make_app("dummy", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    return app


posix_fake_git = pytest.mark.skipif(sys.platform == "win32", reason="a fake git as a script")


@posix_fake_git
@pytest.mark.parametrize(
    ("mode", "said"),
    [
        ("fail", "git log failed: fatal: something went wrong"),
        ("slow", "git log took longer than 1 s"),
        ("garbage", "not a file status"),
    ],
)
def test_git_failing_is_silent(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mode: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path / "p", repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    fake_git(tmp_path, monkeypatch, mode, src)
    monkeypatch.setattr(gitdates, "LOG_TIMEOUT", 1)
    app = build_quietly(make_app, src)
    assert devlog_warnings(app) == []
    assert f"devlog: log dates not checked against the history: {said}" in app.status.getvalue()


def running(pid: int) -> bool:
    """Whether process *pid* runs (a killed one not yet reaped by its parent does not)."""
    try:
        stat_line = Path(f"/proc/{pid}/stat").read_text(encoding="ascii")
    except FileNotFoundError:
        return False
    return stat_line.rpartition(")")[2].split()[0] not in ("Z", "X")


@posix_fake_git
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_timeout_stops_what_git_started(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """git gone, a program it started (a fetch over ssh) still holding its output: the
    build goes on after the timeout, and that program is stopped with git."""
    src = project(tmp_path / "p", repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    fake_git(tmp_path, monkeypatch, "orphan", src)
    monkeypatch.setattr(gitdates, "LOG_TIMEOUT", 1)
    app = build_quietly(make_app, src)
    assert "not checked against the history: git log took longer than 1 s" in app.status.getvalue()
    pid = int((tmp_path / "orphan.pid").read_text())
    try:
        for _ in range(50):  # SIGKILL is delivered soon, not at once
            if not running(pid):
                break
            time.sleep(0.1)
        assert not running(pid)
    finally:
        if running(pid):
            os.kill(pid, signal.SIGKILL)


@posix_fake_git
@pytest.mark.parametrize(
    ("users", "ssh"),
    [
        ({}, "ssh -oBatchMode=yes"),
        ({"GIT_SSH_COMMAND": "ssh -i ~/.ssh/deploy"}, "ssh -i ~/.ssh/deploy"),
        ({"GIT_SSH": "plink"}, None),  # GIT_SSH_COMMAND would take its place
    ],
)
def test_git_never_prompts_nor_fetches(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, users: dict[str, str], ssh: str
) -> None:  # type: ignore[no-untyped-def]
    """Every git the check runs is told not to ask for anything, nor to fetch what a
    partial clone lacks, and runs in a session of its own (no terminal to prompt on)."""
    for name in ("GIT_SSH_COMMAND", "GIT_SSH", "GIT_ASKPASS", "GCM_INTERACTIVE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in users.items():
        monkeypatch.setenv(name, value)
    src = project(tmp_path / "p", repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    record = fake_git(tmp_path, monkeypatch, "log", src)
    build_quietly(make_app, src)
    calls = calls_of(record)
    assert [call["args"][-1] if "rev-parse" in call["args"] else "log" for call in calls] == [
        "--is-shallow-repository",
        "log",
    ]
    for call in calls:
        env = call["env"]
        assert env["GIT_TERMINAL_PROMPT"] == "0"
        assert env["GIT_ASKPASS"] == ""
        assert env["SSH_ASKPASS_REQUIRE"] == "never"
        assert env["GCM_INTERACTIVE"] == "never"
        assert env["GIT_NO_LAZY_FETCH"] == "1"
        assert env.get("GIT_SSH_COMMAND") == ssh
        assert env.get("GIT_SSH") == users.get("GIT_SSH")
        assert "protocol.allow=never" in call["args"]
        assert call["session"] != os.getsid(0)


@needs_git
def test_a_partial_clone_fetches_nothing(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Following a rename with an edit needs the old file's contents, which a blobless
    clone lacks: git is not let fetch them, fails, and the check is off for the build."""
    origin = project(tmp_path / "origin")
    git(origin, "config", "uploadpack.allowFilter", "true")
    write_log(origin, "2024-01-15_tide-alerts-partial")
    commit_all(origin, "2024-07-15T10:00:00+02:00")
    git(
        origin,
        "mv",
        "logs/2024-01-15_tide-alerts-partial.md",
        "logs/2024-01-15_tide-alerts-success.md",
    )
    write_log(origin, "2024-01-15_tide-alerts-success", purpose="Alerts, done")
    commit_all(origin, "2024-07-20T10:00:00+02:00")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--filter=blob:none", origin.as_uri(), str(clone))

    def missing() -> str:
        return git(clone, "rev-list", "--objects", "--all", "--missing=print")

    lacking = [line for line in missing().splitlines() if line.startswith("?")]
    assert len(lacking) == 1  # the first version of the log
    app = build_quietly(make_app, clone)
    assert devlog_warnings(app) == []
    assert "not checked against the history: git log failed" in app.status.getvalue()
    assert [line for line in missing().splitlines() if line.startswith("?")] == lacking


@posix_fake_git
@pytest.mark.parametrize("where", ["", "docs/"])
def test_the_source_folder_named_in_another_case(
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str
) -> None:  # type: ignore[no-untyped-def]
    """On a case-insensitive file system git names the work tree as it is on disk
    (``/Users/me/tidewater``), which may differ in case from the source folder as it was
    typed (``/users/me/Tidewater/docs``): the logs are named from git's prefix of the
    source folder, not by comparing the two paths. Emulated with a fake git."""
    src = project(tmp_path / "Tidewater" / where, repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    on_disk = tmp_path / "tidewater"  # here another folder; the same on such a system
    on_disk.mkdir()
    log_path = f"{where}logs/2024-01-15_tide-alerts-success.md"
    history = render([commit(1, Change("A", log_path), day="2024-07-15")])
    fake_git(tmp_path, monkeypatch, "log", on_disk, prefix=where, log=history)
    app = build_quietly(make_app, src)
    assert [(w.type, w.path, w.line) for w in devlog_warnings(app)] == [
        ("devlog.date", "logs/2024-01-15_tide-alerts-success.md", LINE)
    ]


@needs_git
@pytest.mark.skipif(sys.platform == "win32", reason="symbolic links")
def test_the_project_reached_through_symbolic_links(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    """The source folder reached through a link, and a folder of logs that is a link to
    another folder of the work tree: each log is found under its name in the history."""
    repo = project(tmp_path / "repo", conf="")
    src = project(repo / "docs", repo=False)
    write_log(src, "2024-01-15_tide-alerts-success")
    kept = repo / "kept-logs"
    kept.mkdir()
    (kept / "2024-02-01_gauge-api-success.md").write_text(
        "# Gauge API\n\n```{devlog}\n:purpose: Read the gauges\n```\n", encoding="utf-8"
    )
    (src / "logs" / "kept").symlink_to(kept, target_is_directory=True)
    (src / "index.md").write_text(
        "# T\n\n```{toctree}\n:glob:\n\nlogs/*\nlogs/kept/*\n```\n", encoding="utf-8"
    )
    for path, when in [
        ("docs/logs/2024-01-15_tide-alerts-success.md", "2024-07-15T10:00:00+02:00"),
        ("kept-logs", "2024-07-16T10:00:00+02:00"),
        (".", "2024-07-17T10:00:00+02:00"),
    ]:
        git(repo, "add", path)
        git(repo, "commit", "-q", "-m", path, when=when)
    link = tmp_path / "link"
    link.symlink_to(src, target_is_directory=True)
    assert sorted(p for p, _, _ in date_warnings(make_app, link)) == [
        "logs/2024-01-15_tide-alerts-success.md",
        "logs/kept/2024-02-01_gauge-api-success.md",
    ]
