"""The command line and the user's files: ``set-status`` changes only the status, byte for
byte, atomically, inside the project; every failure is one line and leaves the folder as it
was; ``new`` survives any title; ``check`` reads warnings as records."""

from __future__ import annotations

import codecs
import errno
import os
import stat
import subprocess
from pathlib import Path

import pytest
from conftest import warnings_of
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_cli import git, project, run

from sphinxcontrib_devlog import cli
from sphinxcontrib_devlog.cli import set_status
from sphinxcontrib_devlog.statusedit import decode, encode, rewrite_status

LOG = "logs/2024-03-05_harmonic-fit-partial.md"
RENAMED = "logs/2024-03-05_harmonic-fit-failed.md"


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under *folder*: its bytes and permission bits (git's own files aside:
    its index is compared through git)."""
    found = {}
    for path in sorted(folder.rglob("*")):
        if ".git" in path.relative_to(folder).parts:
            continue
        if path.is_file() and not path.is_symlink():
            found[path.relative_to(folder).as_posix()] = (
                path.read_bytes(),
                stat.S_IMODE(path.stat().st_mode),
            )
    return found


def one_line_error(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert "Traceback" not in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("sphinx-devlog: error: ")
    for word in words:
        assert word in result.stderr, result.stderr


# -- 1. atomic: on any failure, the folder as it was ----------------------------------------


@pytest.mark.parametrize("in_git", [False, True], ids=["no-git", "git"])
@pytest.mark.parametrize("fails", ["write", "rename"])
def test_a_failure_leaves_everything_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, in_git: bool, fails: str
) -> None:
    src = project(tmp_path, "myst")
    if in_git:
        git("init", "-q", cwd=src)
        git("add", "-A", cwd=src)
        git("commit", "-qm", "logs", cwd=src)
    before = snapshot(src)
    index = git("ls-files", "-s", cwd=src) if in_git else ""
    mtime = (src / LOG).stat().st_mtime_ns

    def full_disk(*args: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if fails == "write":
        monkeypatch.setattr(os, "fsync", full_disk)
    elif in_git:
        real_git = set_status._git

        def interrupted_after_git_mv(folder: Path, *args: str) -> object:
            done = real_git(folder, *args)
            if args[0] == "mv" and args[-1].endswith("-failed.md"):
                raise KeyboardInterrupt  # after the move, before anything else
            return done

        monkeypatch.setattr(set_status, "_git", interrupted_after_git_mv)
    else:
        monkeypatch.setattr(os, "rename", full_disk)
    monkeypatch.chdir(src)
    assert cli.main(["set-status", LOG, "failed"]) == (130 if fails == "rename" and in_git else 1)
    assert snapshot(src) == before
    assert (src / LOG).stat().st_mtime_ns == mtime
    assert not list(src.rglob("*.tmp"))
    if in_git:
        assert git("status", "--porcelain", cwd=src) == ""
        assert git("ls-files", "-s", cwd=src) == index


def test_a_read_only_log_is_refused(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    (src / LOG).chmod(0o444)
    before = snapshot(src)
    result = run("set-status", LOG, "failed", cwd=src)
    assert result.returncode == 1
    one_line_error(result, "read-only")
    assert snapshot(src) == before


def test_the_file_keeps_its_permissions(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    (src / LOG).chmod(0o640)
    assert run("set-status", LOG, "failed", cwd=src).returncode == 0
    assert stat.S_IMODE((src / RENAMED).stat().st_mode) == 0o640
    assert not list(src.rglob("*.tmp"))


# -- 2. byte for byte --------------------------------------------------------------------------


@pytest.mark.parametrize("bom", [False, True], ids=["no-bom", "bom"])
@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"], ids=["crlf", "lf", "cr"])
def test_only_the_status_changes(tmp_path: Path, bom: bool, newline: str) -> None:
    src = project(tmp_path, "myst")
    text = (src / LOG).read_text(encoding="utf-8")
    text = text.replace("\n", newline) + "trailing line, no newline  "
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    (src / LOG).write_bytes(data)
    result = run("set-status", LOG, "failed", cwd=src)
    assert result.returncode == 0, result.stderr
    expected = data.replace(b":status: partial", b":status: failed")
    assert (src / RENAMED).read_bytes() == expected


def test_an_inserted_status_line_ends_as_its_neighbours(tmp_path: Path) -> None:
    src = project(tmp_path, "rst")
    log = src / "logs/2024-03-09_gauge-api-blocked.rst"
    data = log.read_bytes().replace(b"\n", b"\r\n")
    log.write_bytes(data)
    assert (
        run("set-status", "logs/2024-03-09_gauge-api-blocked.rst", "failed", cwd=src).returncode
        == 0
    )
    new = (src / "logs/2024-03-09_gauge-api-failed.rst").read_bytes()
    assert new == data.replace(b".. devlog::\r\n", b".. devlog::\r\n   :status: failed\r\n", 1)


# -- 3. links ----------------------------------------------------------------------------------


def test_a_link_out_of_the_project_is_refused(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    outside = tmp_path / "elsewhere" / "2024-03-06_secret-partial.md"
    outside.parent.mkdir()
    outside.write_bytes((src / LOG).read_bytes())
    link = src / "logs/2024-03-06_secret-partial.md"
    link.symlink_to(outside)
    before = snapshot(tmp_path)
    result = run("set-status", "logs/2024-03-06_secret-partial.md", "failed", cwd=src)
    assert result.returncode == 1
    one_line_error(result, "outside")
    assert snapshot(tmp_path) == before
    assert link.is_symlink()
    # a folder linked from outside counts too
    (src / "linked").symlink_to(outside.parent, target_is_directory=True)
    result = run("set-status", "linked/2024-03-06_secret-partial.md", "failed", cwd=src)
    assert result.returncode == 1 and snapshot(tmp_path) == before


def test_dot_dot_through_a_linked_folder_is_where_the_system_goes(tmp_path: Path) -> None:
    # docs/logs/out -> ../../outside: "logs/out/../X.md" is outside/../X.md, not logs/X.md
    src = project(tmp_path, "myst")
    (tmp_path / "outside").mkdir()
    (src / "logs/out").symlink_to(Path("../../outside"), target_is_directory=True)
    (tmp_path / "2024-03-05_harmonic-fit-partial.md").write_bytes((src / LOG).read_bytes())
    before = snapshot(tmp_path)
    result = run("set-status", "logs/out/../2024-03-05_harmonic-fit-partial.md", "failed", cwd=src)
    assert result.returncode == 1
    one_line_error(result, "outside")
    assert snapshot(tmp_path) == before


def test_a_link_inside_the_project_is_followed(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    real = src / "archive" / "harmonic.md"
    real.parent.mkdir()
    (src / LOG).rename(real)
    (src / LOG).symlink_to(Path("../archive/harmonic.md"))
    result = run("set-status", LOG, "failed", cwd=src)
    assert result.returncode == 0, result.stderr
    assert (src / RENAMED).is_symlink() and not os.path.lexists(src / LOG)
    assert ":status: failed" in real.read_text(encoding="utf-8")


# -- 4. the real directive, through the parser -------------------------------------------------

FENCED_EXAMPLE = """\
# Harmonic fit

How a log header looks:

````markdown
```{devlog}
:status: partial
```
````

```{devlog}
:date: 2024-03-05
:status: partial
```
"""

TRICKY_MARKDOWN = {
    # a fenced example before the real directive
    "fenced": (FENCED_EXAMPLE, 13),
    # a ~~~ example, and an indented code block
    "tilde": (
        "# T\n\n~~~\n```{devlog}\n:status: partial\n```\n~~~\n\n"
        "    ```{devlog}\n    :status: partial\n\n"
        "```{devlog}\n:status: partial\n```\n",
        13,
    ),
    # the directive in an admonition, and in a list item
    "nested": ("# T\n\n````{note}\n```{devlog}\n:status: partial\n```\n````\n", 5),
    "in a list": ("# T\n\n- first\n\n  ```{devlog}\n  :status: partial\n  ```\n", 6),
    # a colon fence, YAML options, no status yet
    "colon": ("# T\n\n:::{devlog}\n:date: 2024-03-05\n:status: partial\n:::\n", 5),
    "yaml": ("# T\n\n```{devlog}\n---\ndate: 2024-03-05\nstatus: partial\n---\n```\n", 6),
    "yaml, unclosed": ("# T\n\n```{devlog}\n---\ndate: 2024-03-05\nstatus: partial\n```\n", 6),
    "missing": ("# T\n\n```{devlog}\n:date: 2024-03-05\n```\n", 4),
    # reST in an eval-rst block; a fence left open to the end of the file
    "eval-rst": ("# T\n\n```{eval-rst}\n.. devlog::\n   :status: partial\n```\n", 5),
    "unclosed": ("# T\n\n```{devlog}\n:date: 2024-03-05\n:status: partial\n", 5),
}


TRICKY_MARKDOWN.update(
    {
        # options after a blank line (the build reads them), YAML fences of four dashes
        "blank line": ("# B\n\n```{devlog}\n\n:date: 2024-03-05\n:status: partial\n```\n", 6),
        "long dashes": (
            "# B\n\n```{devlog}\n----\ndate: 2024-03-05\nstatus: partial\n-----\n"
            "The old status: partial\n\nstatus: kept as text\n```\n",
            6,
        ),
        # the value on the next line; a quoted value; a quoted YAML key; a comment
        "next line": ("# B\n\n```{devlog}\n---\nstatus:\n  partial\n---\n```\n", 6),
        "quoted": ('# B\n\n```{devlog}\n:status: "partial"\n```\n', 4),
        "quoted key": ('# B\n\n```{devlog}\n---\n"status": partial # was blocked\n---\n```\n', 5),
        "yaml text": (
            "# B\n\n```{devlog}\n---\npurpose: |\n  status: a line of the purpose\n"
            "status: partial\n---\n```\n",
            7,
        ),
        # a name the build reads as an option, though it has a space; the name's case
        "spaced name": ("# B\n\n```{devlog}\n:see also: x\n:status: partial\n```\n", 5),
        "name case": ("# B\n\n```{DevLog}\n:status: partial\n```\n", 4),
        "in a todo": (
            "# B\n\n````{versionadded} 1.0\n```{devlog}\n:status: partial\n```\n````\n",
            5,
        ),
        # the end of the file, with no newline
        "end of file": ("# B\n\n```{devlog}", 4),
    }
)

TRICKY_RST = {
    "blank line": ("B\n=\n\n.. devlog::\n\n   :date: 2024-03-05\n   :status: partial\n", 7),
    "next line": ("B\n=\n\n.. devlog::\n   :status:\n      partial\n   :date: 2024-03-05\n", 6),
    "missing": ("B\n=\n\n.. devlog::\n\n   A summary.\n", 5),
    "end of file": ("B\n=\n\n.. devlog::", 5),
    "in a note": ("B\n=\n\n.. note::\n\n   .. devlog::\n      :status: partial\n", 7),
}


@pytest.mark.parametrize(
    ("suffix", "case"),
    [(".md", case) for case in sorted(TRICKY_MARKDOWN)]
    + [(".rst", case) for case in sorted(TRICKY_RST)],
)
def test_the_status_of_the_directive_the_build_reads(
    suffix: str,
    case: str,
    make_app,  # type: ignore[no-untyped-def]
    tmp_path: Path,
) -> None:
    text, line = (TRICKY_MARKDOWN if suffix == ".md" else TRICKY_RST)[case]
    new = rewrite_status(text, f"x{suffix}", "failed", extensions={"colon_fence"})
    old_lines, new_lines = text.split("\n"), new.split("\n")
    changed = [n for n, (a, b) in enumerate(zip(old_lines, new_lines, strict=False), 1) if a != b]
    if len(new_lines) == len(old_lines):  # a value rewritten: that line alone changed
        assert changed == [line], new
    else:  # a line inserted there, nothing else changed
        assert new_lines[: line - 1] + new_lines[line:] == old_lines, new
    assert new.count("failed") == 1
    # and the build agrees: the log's status is the new one, and nothing is amiss with it
    src = tmp_path / "src"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'myst_enable_extensions = ["colon_fence"]\n'
    )
    (src / "index.rst").write_text("Index\n=====\n\n.. toctree::\n\n   2024-03-05_x-failed\n")
    (src / f"2024-03-05_x-failed{suffix}").write_text(new, encoding="utf-8")
    app = make_app("dummy", srcdir=src, freshenv=True)
    app.build()
    log = app.env.domains["devlog"].logs["2024-03-05_x-failed"]
    assert log.fields.status == "failed"
    assert log.fields.lines["status"] in (line, line - 1)  # a value on the next line
    about_status = [
        w for w in warnings_of(app) if "status" in w.message and "unknown option" not in w.message
    ]
    assert about_status == []


def test_set_status_skips_a_fenced_example(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    (src / LOG).write_text(FENCED_EXAMPLE, encoding="utf-8")
    assert run("set-status", LOG, "failed", cwd=src).returncode == 0
    assert (src / RENAMED).read_text(encoding="utf-8") == FENCED_EXAMPLE.replace(
        ":date: 2024-03-05\n:status: partial", ":date: 2024-03-05\n:status: failed"
    )


RST_EXAMPLE = """\
Gauge API
=========

A header looks like this::

   .. devlog::
      :status: blocked

.. code-block:: rst

   .. devlog::
      :status: blocked

.. devlog::
   :date: 2024-03-09
   :status: blocked
"""


def test_set_status_skips_a_literal_block_in_rst(tmp_path: Path) -> None:
    src = project(tmp_path, "rst")
    log = src / "logs/2024-03-09_gauge-api-blocked.rst"
    log.write_text(RST_EXAMPLE, encoding="utf-8")
    result = run("set-status", "logs/2024-03-09_gauge-api-blocked.rst", "failed", cwd=src)
    assert result.returncode == 0, result.stderr
    assert (src / "logs/2024-03-09_gauge-api-failed.rst").read_text(
        encoding="utf-8"
    ) == RST_EXAMPLE.replace("2024-03-09\n   :status: blocked", "2024-03-09\n   :status: failed")


# -- 5. two documents with one name --------------------------------------------------------------


def test_a_twin_with_another_suffix_is_refused(tmp_path: Path) -> None:
    src = project(tmp_path, "myst")
    (src / "logs/2024-03-05_harmonic-fit-failed.rst").write_text("Other\n=====\n")
    before = snapshot(src)
    result = run("set-status", LOG, "failed", cwd=src)
    assert result.returncode == 1
    one_line_error(result, "2024-03-05_harmonic-fit-failed.rst exists")
    assert snapshot(src) == before


# -- 6. every error one line ----------------------------------------------------------------------


def test_new_with_a_very_long_title(tmp_path: Path) -> None:
    title = "Investigate the intermittent tide gauge timeout " * 7  # over 300 characters
    result = run("new", title, "--date", "2024-05-01", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    (path,) = tmp_path.iterdir()
    assert len(path.name) < 100
    assert path.read_text(encoding="utf-8").startswith(f"# {' '.join(title.split())}\n")


@pytest.mark.parametrize("form", ["md", "rst"])
def test_new_escapes_markup_in_the_title(tmp_path: Path, make_app, form: str) -> None:  # type: ignore[no-untyped-def]
    src = project(tmp_path, "myst" if form == "md" else "rst")
    title = "Fix {devlog}`x` *and* _this_ <b>bold</b> |sub| `code` & [link](x) # $1 ~~no~~ \\ end_"
    result = run("new", title, "--format", form, "--date", "2024-05-01", "--dir", "logs", cwd=src)
    assert result.returncode == 0, result.stderr
    # the only problems of the new log are the template's placeholders, still to fill in
    check = run("check", ".", cwd=src)
    lines = check.stdout.splitlines()
    assert (check.returncode, check.stderr) == (1, "6 devlog problems\n"), check.stdout
    assert len(lines) == 6
    assert all("template text left in the log" in line for line in lines), lines
    app = make_app("dummy", srcdir=src, freshenv=True)
    app.build()
    (log,) = [
        log for log in app.env.domains["devlog"].logs.values() if log.fields.date == "2024-05-01"
    ]
    assert log.title == title
    messages = [w.message for w in warnings_of(app)]
    assert len(messages) == 6
    assert all("template text left in the log" in m for m in messages), messages


def test_new_reports_an_unwritable_folder_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder")
    result = run("new", "A", "--dir", "file/logs", cwd=tmp_path)
    assert result.returncode == 1
    one_line_error(result, "file/logs")


@pytest.mark.parametrize(
    "command",
    [["check", "."], ["list", "."], ["set-status", LOG, "failed"], ["show", LOG]],
    ids=["check", "list", "set-status", "show"],
)
def test_a_log_that_is_no_utf8(tmp_path: Path, command: list[str]) -> None:
    src = project(tmp_path, "myst")
    data = (src / LOG).read_bytes().replace(b"Harmonic", b"Harm\xf6nic")
    (src / LOG).write_bytes(data)
    before = snapshot(src)
    result = run(*command, cwd=src)
    assert result.returncode == 1
    one_line_error(result, "2024-03-05_harmonic-fit-partial.md", "not UTF-8")
    assert snapshot(src) == before


def test_an_unreadable_pyproject_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.sphinx-devlog]\ndir = "caf\xe9"\n')
    for command in (["new", "Hello"], ["check"], ["list"]):
        result = run(*command, cwd=tmp_path)
        assert result.returncode == 2
        one_line_error(result, "pyproject.toml")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pyproject.toml"]


# -- 7. check reads records, not printed text ------------------------------------------------------


@pytest.mark.parametrize("setting", ["show_warning_types = False", "show_warning_types = True"])
def test_check_whatever_sphinx_prints(tmp_path: Path, setting: str) -> None:
    src = project(tmp_path, "bad-myst")
    plain = run("check", ".", cwd=src)
    with (src / "conf.py").open("a") as conf:
        conf.write(f"\n{setting}\n")
    result = run("check", ".", cwd=src)
    assert result.returncode == 1
    assert result.stdout == plain.stdout
    assert result.stdout.count("[devlog.") >= 10


def test_check_honours_suppress_warnings(tmp_path: Path) -> None:
    src = project(tmp_path, "bad-myst")
    with (src / "conf.py").open("a") as conf:
        conf.write('\nsuppress_warnings = ["devlog.date"]\n')
    result = run("check", ".", cwd=src)
    assert result.returncode == 1
    assert "[devlog.date]" not in result.stdout and "[devlog.field]" in result.stdout


def test_check_counts_parallel_warnings(tmp_path: Path) -> None:
    src = project(tmp_path, "bad-myst")
    serial = run("check", ".", cwd=src)
    parallel = run("check", ".", "-j", "2", cwd=src)
    assert parallel.stdout == serial.stdout and parallel.returncode == 1


# -- a property: whatever else the file holds, only the status changes ------------------------------

line_text = st.text(
    # no line breaks: neither Markdown's nor the others Python's str.splitlines() knows,
    # at which MyST splits a directive's content (the build then reads other lines)
    alphabet=st.characters(
        blacklist_categories=("Cs",),
        blacklist_characters="\r\n`:~\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    ),
    max_size=30,
)
endings = st.sampled_from(["\n", "\r\n", "\r"])


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    before=st.lists(st.tuples(line_text, endings), max_size=5),
    after=st.lists(st.tuples(line_text, endings), max_size=5),
    options=st.lists(
        st.tuples(st.sampled_from(["date", "tags", "purpose"]), line_text, endings), max_size=3
    ),
    old=st.sampled_from(["partial", "", "Partial ", "success"]),
    new=st.sampled_from(["failed", "complete"]),
    bom=st.booleans(),
    ending=endings,
)
def test_property_only_the_status_bytes_change(
    before: list[tuple[str, str]],
    after: list[tuple[str, str]],
    options: list[tuple[str, str, str]],
    old: str,
    new: str,
    bom: bool,
    ending: str,
) -> None:
    head = "".join(f"x{t}{e}" for t, e in before)  # never a fence: each line starts with x
    opts = "".join(f":{name}: {value.strip()}{e}" for name, value, e in options)
    tail = "".join(f"x{t}{e}" for t, e in after)
    prefix = f"{head}\n```{{devlog}}{ending}{opts}:status: "
    suffix = f"{ending}```{ending}{tail}"
    text = prefix + old + suffix
    result = rewrite_status(text, "x.md", new)
    assert result == prefix + new + old[len(old.rstrip()) :] + suffix
    data = (codecs.BOM_UTF8 if bom else b"") + text.encode("utf-8")
    decoded = decode(data, "x.md")
    assert encode(decoded, decoded.text) == data
