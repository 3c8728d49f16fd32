"""The sphinx-devlog command, run in a subprocess on temporary projects."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOTS

CLI = [sys.executable, "-m", "sphinxcontrib_devlog.cli"]
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>\d+): \[(?P<type>devlog\.\w+)\] (?P<message>.+)$")


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env.pop("GIT_DIR", None)
    return subprocess.run(
        [*CLI, *args], cwd=cwd, capture_output=True, text=True, env=env, check=False, timeout=300
    )


def project(tmp_path: Path, root: str) -> Path:
    target = tmp_path / root
    shutil.copytree(ROOTS / f"test-{root}", target)
    return target


@pytest.mark.parametrize("command", [[], ["new"], ["check"], ["list"], ["show"], ["set-status"]])
def test_help(tmp_path: Path, command: list[str]) -> None:
    result = run(*command, "--help", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("usage: sphinx-devlog")
    if command == ["new"]:
        for option in ("--status", "--date", "--dir", "--format"):
            assert option in result.stdout


def test_no_command_is_a_usage_error(tmp_path: Path) -> None:
    result = run(cwd=tmp_path)
    assert result.returncode == 2 and "usage:" in result.stderr


# -- new -------------------------------------------------------------------------------


def _only_placeholders(check: subprocess.CompletedProcess[str]) -> bool:
    """Whether ``check`` reported a log made by ``new`` and nothing else: the six
    placeholders left to fill in (see test_template.py)."""
    lines = check.stdout.splitlines()
    return (
        check.returncode == 1
        and len(lines) == 6
        and all("] template text left in the log: " in line for line in lines)
    )


def test_new_writes_a_log_whose_only_problems_are_its_placeholders(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    result = run(
        "new",
        "Tide alerts: first try",
        "--status",
        "SUCCESS",
        "--date",
        "2024-03-20",
        "--dir",
        "logs",
        cwd=src,
    )
    assert result.returncode == 0, result.stderr
    path = src / "logs/2024-03-20_tide-alerts-first-try-success.md"
    assert result.stdout.strip() == "logs/2024-03-20_tide-alerts-first-try-success.md"
    text = path.read_text(encoding="utf-8")
    assert text.startswith(
        "# Tide alerts: first try\n\n```{devlog}\n:status: success\n:date: 2024-03-20\n"
    )
    for directive in ("devlog:goals", "devlog:lessons", "devlog:next-steps", "devlog:files"):
        assert f"```{{{directive}}}" in text
    check = run("check", ".", cwd=src)
    assert _only_placeholders(check), check.stdout + check.stderr


def test_new_rst(tmp_path: Path) -> None:
    src = project(tmp_path, "rst")
    result = run(
        "new",
        "Gauge outage 🌊",
        "--format",
        "rst",
        "--date",
        "2024-03-21",
        "--dir",
        "logs",
        "--status",
        "blocked",
        cwd=src,
    )
    assert result.returncode == 0, result.stderr
    text = (src / "logs/2024-03-21_gauge-outage-blocked.rst").read_text(encoding="utf-8")
    assert text.startswith("Gauge outage 🌊\n===============\n\n.. devlog::\n   :status: blocked\n")
    check = run("check", ".", cwd=src)
    assert _only_placeholders(check), check.stdout + check.stderr


def test_new_defaults(tmp_path: Path) -> None:
    configured = tmp_path / "configured"
    (configured / "src").mkdir(parents=True)
    (configured / "pyproject.toml").write_text('[tool.sphinx-devlog]\ndir = "docs/logs"\n')
    result = run("new", "Pixi setup", cwd=configured / "src")  # found from a subfolder too
    assert result.returncode == 0, result.stderr
    today = dt.date.today().isoformat()
    assert (configured / f"docs/logs/{today}_pixi-setup-partial.md").is_file()
    bare = tmp_path / "bare"
    bare.mkdir()
    assert run("new", "Here", "--date", "2024-01-02", cwd=bare).returncode == 0
    assert (bare / "2024-01-02_here-partial.md").is_file()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--status", "finished"], "unknown status 'finished'"),
        (["--date", "2024-02-30"], "invalid date '2024-02-30'"),
        (["--date", "yesterday"], "invalid date 'yesterday'"),
    ],
)
def test_new_refuses_bad_values(tmp_path: Path, args: list[str], message: str) -> None:
    result = run("new", "Pixi setup", *args, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_new_never_overwrites(tmp_path: Path) -> None:
    assert run("new", "Pixi setup", "--date", "2024-08-26", cwd=tmp_path).returncode == 0
    path = tmp_path / "2024-08-26_pixi-setup-partial.md"
    path.write_text("my notes\n")
    result = run("new", "Pixi setup", "--date", "2024-08-26", cwd=tmp_path)
    assert result.returncode == 1 and "exists" in result.stderr
    assert path.read_text() == "my notes\n"
    # the same log in the other format counts too
    result = run("new", "Pixi setup", "--date", "2024-08-26", "--format", "rst", cwd=tmp_path)
    assert result.returncode == 1 and not (tmp_path / "2024-08-26_pixi-setup-partial.rst").exists()


def test_new_uses_the_projects_statuses(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    with (src / "conf.py").open("a") as conf:
        conf.write('devlog_statuses = {"done": "success", "stuck": "danger"}\n')
    assert (
        run(
            "new", "A", "--status", "stuck", "--dir", "logs", "--date", "2024-05-01", cwd=src
        ).returncode
        == 0
    )
    result = run("new", "B", "--status", "success", "--dir", "logs", cwd=src)
    assert result.returncode == 2 and "(known: done, stuck)" in result.stderr


# -- check -------------------------------------------------------------------------------


def test_check_clean(tmp_path: Path) -> None:
    result = run("check", "myst", cwd=project(tmp_path, "myst").parent)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_check_reports_every_problem(tmp_path: Path) -> None:
    src = project(tmp_path, "bad-myst")
    result = run("check", "bad-myst", cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    parsed = [LINE.match(line) for line in lines]
    assert all(parsed), lines
    assert len(lines) == 24
    assert {m["type"] for m in parsed if m} == {
        "devlog.date",
        "devlog.field",
        "devlog.status",
        "devlog.structure",
        "devlog.filename",
        "devlog.duplicate",
        "devlog.ref",
    }
    assert (
        "bad-myst/logs/2024-04-03_mismatch-partial.md:4: [devlog.status] status 'success' differs"
        in result.stdout
    )
    assert result.stderr.strip() == "24 devlog problems"
    assert src.is_dir() and not (src / "_build").exists()  # no pages written


def test_check_default_sourcedir_is_docs(tmp_path: Path) -> None:
    shutil.copytree(ROOTS / "test-bad-rst", tmp_path / "docs")
    result = run("check", cwd=tmp_path)
    assert result.returncode == 1 and result.stdout.startswith("docs/")


@pytest.mark.parametrize("where", ["missing", "no-conf"])
def test_check_refuses_a_missing_source_dir(tmp_path: Path, where: str) -> None:
    (tmp_path / "no-conf").mkdir()
    result = run("check", where, cwd=tmp_path)
    assert result.returncode == 2
    assert result.stderr.startswith("sphinx-devlog: error: ") and result.stderr.count("\n") == 1


def test_check_a_broken_conf_py(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text("raise RuntimeError('oops')\n")
    result = run("check", ".", cwd=tmp_path)
    assert result.returncode == 2 and "oops" in result.stderr and "Traceback" not in result.stderr


# -- list ---------------------------------------------------------------------------------


def test_list(tmp_path: Path) -> None:
    src = project(tmp_path, "collections")
    table = run("list", str(src), cwd=tmp_path)
    assert table.returncode == 0, table.stderr
    rows = table.stdout.splitlines()
    assert rows[0].split() == ["Raised", "Next", "step", "Listed", "in", "Sessions", "Id"]
    assert "carry ME." in rows[2] and "Beta" in rows[2] and "2024-01-01_beta-partial#1" in rows[2]
    assert "reopened later" in rows[3] and "Delta" in rows[3]
    # what it read: Epsilon lists no next steps
    assert rows[4:] == ["", "Read from 5 logs. 1 of them has no next-steps section."]
    as_json = json.loads(run("list", str(src), "--outstanding", "--json", cwd=tmp_path).stdout)
    assert [o["id"] for o in as_json] == ["2024-01-01_beta-partial#1", "2024-03-05_delta-blocked#1"]
    lessons = run("list", str(src), "--lessons", cwd=tmp_path).stdout.splitlines()
    assert [line.split()[1] for line in lessons[2:5]] == ["Alpha", "Beta", "Gamma"]
    assert lessons[5:] == ["", "Read from 5 logs. 2 of them have no lessons section."]
    lessons_json = json.loads(run("list", str(src), "--lessons", "--json", cwd=tmp_path).stdout)
    assert lessons_json[0] == {
        "id": "2024-01-01_alpha-success#1",
        "text": "Alpha lesson",
        "log": "2024-01-01_alpha-success",
        "date": "2024-01-01",
    }
    logs = run("list", str(src), "--logs", cwd=tmp_path).stdout.splitlines()
    assert [line.split()[2] for line in logs[2:]] == ["Alpha", "Beta", "Gamma", "Delta", "Epsilon"]
    logs_json = json.loads(run("list", str(src), "--logs", "--json", cwd=tmp_path).stdout)
    assert [log["name"] for log in logs_json][:2] == [
        "2024-01-01_alpha-success",
        "2024-01-01_beta-partial",
    ]


def test_list_options_exclude_each_other(tmp_path: Path) -> None:
    result = run("list", "--logs", "--lessons", cwd=tmp_path)
    assert result.returncode == 2 and "not allowed with" in result.stderr


def test_list_nothing(tmp_path: Path) -> None:
    (tmp_path / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib_devlog"]\n')
    (tmp_path / "index.md").write_text("# Empty\n")
    result = run("list", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (0, "No logs.\n")
    logs = tmp_path / "logs"
    logs.mkdir()
    (logs / "2024-05-01_quiet-success.md").write_text(
        "# Quiet\n\n```{devlog}\n```\n\n## Next Steps\n\n```{devlog:next-steps}\n"
        "- [x] Ship it\n```\n",
        encoding="utf-8",
    )
    (logs / "2024-05-02_silent-success.md").write_text("# Silent\n\n```{devlog}\n```\n")
    (tmp_path / "index.md").write_text("# Empty\n\n```{toctree}\n:glob:\nlogs/*\n```\n")
    result = run("list", ".", cwd=tmp_path)
    assert (result.returncode, result.stdout) == (
        0,
        "No open next steps in 2 logs: the 1 next step is done. "
        "1 of them has no next-steps section.\n",
    )


# -- show ------------------------------------------------------------------------------------


def test_show_prints_what_the_build_reads(tmp_path: Path) -> None:
    src = project(tmp_path, "drift")
    result = run("show", "logs/2025-06-03_feed-parser-partial.md", cwd=src)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "logs/2025-06-03_feed-parser-partial.md: a plain log (devlog_plain_logs)"
    assert "  title         Feed parser" in lines
    assert "  status        partial  (line 3)" in lines
    assert "  date          2025-06-03  (line 4)" in lines
    assert "lessons: 4 from 2 sections" in lines  # Lessons Learned, Key Insights
    assert (
        "  line 16    #1       Dates are a mess: feeds use RFC 822, ISO 8601 and worse, "
        "so parse leniently" in lines
    )
    assert "next steps: 4 from 3 sections" in lines
    assert "  line 26    #1   [ ] Choose a feed parsing library" not in lines  # no box written
    assert "  line 26    #1       Choose a feed parsing library" in lines
    assert "  line 36    #1       src/kestrel/parse.py — the entry model and parsers" in lines
    assert "problems:" not in lines


def test_show_reports_problems_and_unread_sections(tmp_path: Path) -> None:
    src = project(tmp_path, "drift")
    result = run("show", "logs/2025-07-10_mobile-layout-partial.md", cwd=src)
    assert result.returncode == 0, result.stderr
    assert "next steps: 0 from 1 section, 1 not read (no list)" in result.stdout
    assert result.stdout.rstrip().endswith(
        "logs/2025-07-10_mobile-layout-partial.md:11: [devlog.structure] no next steps read "
        "from 'Next Steps': write them as a list (bulleted, numbered or a checklist) or say "
        "'None'"
    )
    data = json.loads(
        run("show", "logs/2025-06-24_websub-push-success.md", "--json", cwd=src).stdout
    )
    assert data["form"] == "plain"
    assert data["items"]["goal"][0] == {
        "id": "2025-06-24_websub-push-success#1",
        "line": 9,
        "text": "Verify hub signatures",
        "done": True,
    }
    assert data["items"]["file"][0]["path"] == "src/kestrel/websub.py"


@pytest.mark.parametrize(
    ("file", "says"),
    [
        (
            "logs/README.md",
            "not a log: it has no devlog directive, and it is not read as a "
            "plain log: devlog_plain_exclude holds 'readme*'",
        ),
        (
            "index.md",
            "not a log: it has no devlog directive, and it is not read as a plain "
            "log: it does not match devlog_plain_logs (logs/*)",
        ),
    ],
)
def test_show_says_why_a_file_is_no_log(tmp_path: Path, file: str, says: str) -> None:
    src = project(tmp_path, "drift")
    result = run("show", file, cwd=src)
    assert (result.returncode, result.stdout.strip()) == (0, f"{file}: {says}")


def test_show_directive_and_rst_logs_and_files_outside_a_project(tmp_path: Path) -> None:
    src = project(tmp_path, "rst")
    result = run("show", "logs/2024-03-05_harmonic-fit-partial.rst", cwd=src)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("logs/2024-03-05_harmonic-fit-partial.rst: a directive log")
    loose = tmp_path / "loose"
    loose.mkdir()
    shutil.copy(ROOTS / "test-drift/logs/2025-06-06_sqlite-locking-failed.md", loose)
    result = run("show", "2025-06-06_sqlite-locking-failed.md", cwd=loose)
    assert result.returncode == 0, result.stderr
    assert "  status        failed  (line 4)" in result.stdout
    assert "files: 2 from 1 section" in result.stdout
    missing = run("show", "nope.md", cwd=loose)
    assert (missing.returncode, missing.stderr.strip()) == (
        2,
        "sphinx-devlog: error: nope.md is not a file",
    )


# -- set-status -----------------------------------------------------------------------------


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.mark.parametrize("in_git", [True, False], ids=["git", "no-git"])
def test_set_status_renames_and_keeps_stable_references(tmp_path: Path, in_git: bool) -> None:
    src = project(tmp_path, "myst")
    (src / "refs.md").write_text(
        "# References\n\n- {devlog}`2024-03-05_harmonic-fit`\n- {devlog:step}`2024-03-05_harmonic-fit#2`\n"
    )
    if in_git:
        git("init", "-q", cwd=src)
        git("add", "-A", cwd=src)
        git("commit", "-qm", "logs", cwd=src)
    result = run("set-status", "logs/2024-03-05_harmonic-fit-partial.md", "Success", cwd=src)
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.splitlines()[0]
        == "logs/2024-03-05_harmonic-fit-partial.md -> logs/2024-03-05_harmonic-fit-success.md"
    )
    assert not (src / "logs/2024-03-05_harmonic-fit-partial.md").exists()
    text = (src / "logs/2024-03-05_harmonic-fit-success.md").read_text(encoding="utf-8")
    assert ":status: success\n" in text and ":status: partial" not in text
    if in_git:
        status = git("status", "--porcelain", cwd=src)
        assert (
            "RM logs/2024-03-05_harmonic-fit-partial.md -> logs/2024-03-05_harmonic-fit-success.md"
            in status
        )
    else:
        assert not (src / ".git").exists()
    check = run("check", ".", cwd=src)
    assert (check.returncode, check.stdout) == (0, ""), check.stdout


def test_set_status_notes_references_by_the_old_name(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    result = run("set-status", "logs/2024-03-05_harmonic-fit-partial.md", "failed", cwd=src)
    assert result.returncode == 0
    assert "note: refs.md:4 refers to '2024-03-05_harmonic-fit-partial'" in result.stdout


def test_set_status_adds_a_missing_status_option(tmp_path: Path) -> None:
    src = project(tmp_path, "rst")
    result = run("set-status", "logs/2024-03-09_gauge-api-blocked.rst", "complete", cwd=src)
    assert result.returncode == 0, result.stderr
    text = (src / "logs/2024-03-09_gauge-api-complete.rst").read_text(encoding="utf-8")
    assert text.startswith(
        "Gauge API access\n================\n\n.. devlog::\n   :status: complete\n   :follows:"
    )


def test_set_status_on_a_plain_log(tmp_path: Path) -> None:
    src = project(tmp_path, "plain")
    result = run("set-status", "logs/2024-09-04_zip-export-partial.md", "complete", cwd=src)
    assert result.returncode == 0, result.stderr
    text = (src / "logs/2024-09-04_zip-export-complete.md").read_text(encoding="utf-8")
    assert "- **Status**: complete\n" in text and "Partially" not in text
    assert text.count("\n") == (
        ROOTS / "test-plain/logs/2024-09-04_zip-export-partial.md"
    ).read_text().count("\n")


@pytest.mark.parametrize(
    ("name", "target"),
    [
        # no outcome word: one is added, the description keeps every word
        (
            "2025-06-12_thumbnail-proxy-investigation-analysis",
            "2025-06-12_thumbnail-proxy-investigation-analysis-partial",
        ),
        ("2025-06-17_e2e-test-results", "2025-06-17_e2e-test-results-partial"),
        # an outcome, even misspelt, is replaced
        ("2025-06-17_e2e-tests-sucess", "2025-06-17_e2e-tests-partial"),
    ],
)
def test_set_status_adds_an_outcome_to_a_name_without_one(
    tmp_path: Path, name: str, target: str
) -> None:
    src = project(tmp_path, "drift")
    source = src / "logs" / f"{name}.md"
    if not source.exists():
        (src / "logs/2025-06-17_e2e-test-results.md").rename(source)
    result = run("set-status", f"logs/{name}.md", "partial", cwd=src)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == f"logs/{name}.md -> logs/{target}.md"
    text = (src / "logs" / f"{target}.md").read_text(encoding="utf-8")
    assert "**Status**: partial\n" in text


def test_set_status_where_plain_logs_write_it(tmp_path: Path) -> None:
    """The status line the build reads is the one rewritten: under a Status heading, in
    an executive summary, in a HEADER."""
    src = project(tmp_path, "drift")
    cases = [
        ("2025-06-30_migration-tool-blocked", "complete", "## Status\n\ncomplete\n"),
        (
            "2025-06-27_reader-ui-keyboard-success",
            "partial",
            "**Status**: partial\n**Impact**",
        ),
        ("2025-07-03_i18n-strings-partial", "complete", "- **Status**: complete\n"),
    ]
    for name, status, written in cases:
        result = run("set-status", f"logs/{name}.md", status, cwd=src)
        assert result.returncode == 0, result.stderr
        stem = name.rsplit("-", 1)[0] + f"-{status}"
        data = (src / "logs" / f"{stem}.md").read_text(encoding="utf-8-sig")
        assert written in data, (name, data[:200])
    check = run("show", "logs/2025-06-30_migration-tool-complete.md", "--json", cwd=src)
    assert json.loads(check.stdout)["fields"]["status"] == "complete"


@pytest.mark.parametrize(
    ("name", "before", "after"),
    [
        (
            "2024-01-01_front-partial.md",
            "---\nstatus: partial\ndate: 2024-01-01\n---\n\n# Front\n\nText\n",
            "---\nstatus: failed\ndate: 2024-01-01\n---\n\n# Front\n\nText\n",
        ),
        (
            "2024-01-02_tab-partial.md",
            "# Tab\n\n| Field | Value |\n|---|---|\n| Status | partial |\n| Date | 2024-01-02 |\n",
            "# Tab\n\n| Field | Value |\n|---|---|\n| Status | failed |\n| Date | 2024-01-02 |\n",
        ),
        (
            "2024-01-03_br-partial.md",
            "# Br\n\n**Date**: 2024-01-03<br>**Status**: partial\n\nKeep this line\n",
            "# Br\n\n**Date**: 2024-01-03<br>**Status**: failed\n\nKeep this line\n",
        ),
        (
            "2024-01-04_below-partial.md",
            "# Below\n\n- **Date**: 2024-01-04\n- **Status**:\n  partial work\n\nKeep\n",
            "# Below\n\n- **Date**: 2024-01-04\n- **Status**:\n  failed\n\nKeep\n",
        ),
        (
            "2024-01-05_rest-partial.rst",
            "Rest\n====\n\n:Status: partial\n:Date: 2024-01-05\n\nText.\n",
            "Rest\n====\n\n:Status: failed\n:Date: 2024-01-05\n\nText.\n",
        ),
    ],
)
def test_set_status_rewrites_the_status_where_it_is(
    tmp_path: Path, name: str, before: str, after: str
) -> None:
    """Only the status value changes, wherever a plain log writes it."""
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\ndevlog_plain_logs = ["logs/*"]\n'
    )
    (tmp_path / "logs").mkdir()
    (tmp_path / "logs" / name).write_text(before, encoding="utf-8")
    result = run("set-status", f"logs/{name}", "failed", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    target = tmp_path / "logs" / name.replace("-partial", "-failed")
    assert target.read_text(encoding="utf-8") == after


@pytest.mark.parametrize(
    ("file", "status", "code", "message"),
    [
        (
            "logs/2024-03-04_tide-table-parser-success.md",
            "finished",
            2,
            "unknown status 'finished'",
        ),
        ("logs/2024-03-04_tide-table-parser-success.md", "partial", 1, "exists; not renaming"),
        ("index.md", "failed", 1, "is not a log"),
        ("logs/nowhere.md", "failed", 2, "is not a file"),
    ],
)
def test_set_status_refusals(
    tmp_path: Path, file: str, status: str, code: int, message: str
) -> None:
    src = project(tmp_path, "myst")
    (src / "logs/2024-03-04_tide-table-parser-partial.md").write_text("# In the way\n")
    before = {p: p.read_bytes() for p in src.rglob("*") if p.is_file()}
    result = run("set-status", file, status, cwd=src)
    assert result.returncode == code
    assert message in result.stderr and result.stderr.count("\n") == 1
    assert {p: p.read_bytes() for p in src.rglob("*") if p.is_file()} == before  # nothing touched
