"""The quickstart (``docs/quickstart.md``), run as written: its files (the code blocks
captioned with a path) are written where the caption says, its commands are run in the
project's folder in page order, and what a ``console`` block shows is what the command
prints. The README's Quickstart shows the same files and commands."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

DOCS = Path(__file__).parent.parent / "docs"
QUICKSTART = DOCS / "quickstart.md"
README = Path(__file__).parent.parent / "README.md"

#: a fenced block of MyST: its fence, its info string, its options (``:caption: ...``), its text
_FENCE = re.compile(r"^(?P<fence>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)\n(?P=fence)$", re.S | re.M)
#: lines of a ``bash`` block that set up the machine, not the project: not run here
_SET_UP = ("python3 -m venv ", "git clone ", "pip install ")


@dataclass
class Block:
    info: str
    caption: str
    text: str


def blocks(markdown: str) -> list[Block]:
    """The outermost fenced blocks of *markdown*, in order."""
    found = []
    for match in _FENCE.finditer(markdown):
        body, caption = match["body"], ""
        if match["info"].startswith("{code-block}"):
            options, _, body = body.partition("\n\n")
            caption = re.search(r"^:caption: (.+)$", options, re.M)[1]  # type: ignore[index]
        found.append(Block(match["info"].strip(), caption, body))
    return found


def files(markdown: str) -> dict[str, str]:
    return {block.caption: block.text for block in blocks(markdown) if block.caption}


def readme_files() -> dict[str, str]:
    """The README's Quickstart blocks marked ``<!-- path -->``, by path."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index("## Quickstart\n") : text.index("## Set up\n")]
    marked = re.finditer(r"^<!-- (\S+) -->\n(`{3,})[^\n]*\n(.*?)\n\2$", section, re.S | re.M)
    return {m[1]: m[3] for m in marked}


def run(command: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """A command of the page: ``sphinx-devlog`` and ``sphinx-build`` as this Python has them."""
    words = shlex.split(command)
    programs = {
        "sphinx-devlog": [sys.executable, "-m", "sphinxcontrib_devlog.cli"],
        "sphinx-build": [sys.executable, "-m", "sphinx"],
    }
    assert words[0] in programs, command
    env = dict(os.environ, NO_COLOR="1", PYTHONIOENCODING="utf-8")
    env.pop("GIT_DIR", None)
    return subprocess.run(
        [*programs[words[0]], *words[1:]],
        cwd=cwd,
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=300,
    )


def test_quickstart_as_written(tmp_path: Path) -> None:
    project = tmp_path / "my-project"
    project.mkdir()
    commands: list[str] = []
    for block in blocks(QUICKSTART.read_text(encoding="utf-8")):
        if block.caption:  # a file: written, over what ``new`` wrote
            path = project / block.caption
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(block.text + "\n", encoding="utf-8")
        elif block.info == "bash":
            for line in block.text.splitlines():
                if line.startswith(_SET_UP):
                    continue
                result = run(line, project)
                assert result.returncode == 0, line + "\n" + result.stdout + result.stderr
                commands.append(line)
        elif block.info == "console":
            command, *shown = block.text.splitlines()
            assert command.startswith("$ ")
            result = run(command[2:], project)
            assert (result.stdout + result.stderr).splitlines() == shown, command
            problems = any(line.endswith("devlog problems") for line in shown)
            assert result.returncode == (1 if problems else 0)
            commands.append(command[2:])

    build = "sphinx-build -W -b html docs docs/_build/html"
    assert commands == [
        'sphinx-devlog new "Pixi setup" --status success --date 2024-08-26 --dir docs/logs',
        "sphinx-devlog check",
        build,
        'sphinx-devlog new "Pre-commit hooks" --status success --date 2024-08-27 --dir docs/logs',
        "sphinx-devlog list",
        "sphinx-devlog brief",
    ]
    # both logs filled in: nothing to report, and the site builds with -W
    check = run("sphinx-devlog check", project)
    assert (check.returncode, check.stdout, check.stderr) == (0, "", "")
    built = run(build, project)
    assert built.returncode == 0, built.stderr

    brief = run("sphinx-devlog brief", project).stdout
    assert brief.startswith("# Brief: My project\n\n2 logs, 2024-08-26 to 2024-08-27; 2 next")
    assert "- Pin the Python version (`2024-08-26_pixi-setup-success#1`)" in brief
    out = project / "docs/_build/html"
    assert (out / "devlog-brief.md").read_text(encoding="utf-8") == brief
    data = json.loads((out / "devlog.json").read_text(encoding="utf-8"))
    assert [log["name"] for log in data["logs"]] == [
        "2024-08-26_pixi-setup-success",
        "2024-08-27_pre-commit-hooks-success",
    ]
    assert [(o["text"], o["first_raised"]) for o in data["outstanding"]] == [
        ("Pin the Python version", "2024-08-26_pixi-setup-success"),
        ("Run the hooks in CI", "2024-08-27_pre-commit-hooks-success"),
    ]
    index = (out / "index.html").read_text(encoding="utf-8")
    still = index[index.index('id="still-to-do"') : index.index('class="toctree-wrapper')]
    assert re.search(r'class="[^"]*\bdevlog-outstanding\b', still)
    assert "Pin the Python version" in still and "Run the hooks in CI" in still
    assert "Add pre-commit hooks" not in still  # closed by the second log
    assert 'href="logs/2024-08-26_pixi-setup-success.html#devlog-step-1"' in still
    first = (out / "logs/2024-08-26_pixi-setup-success.html").read_text(encoding="utf-8")
    assert re.search(r'sd-bg-success[^"]*">success</span>', first)
    assert 'id="devlog-step-2"' in first
    assert "2024-08-27_pre-commit-hooks-success.html" in first  # followed by the second
    second = (out / "logs/2024-08-27_pre-commit-hooks-success.html").read_text(encoding="utf-8")
    assert 'href="2024-08-26_pixi-setup-success.html#devlog-step-2"' in second  # :closes:


def test_the_pyproject_setting_of_the_quickstart(tmp_path: Path) -> None:
    """With the ``[tool.sphinx-devlog]`` table the page shows, ``new`` needs no ``--dir``."""
    [setting] = [b.text for b in blocks(QUICKSTART.read_text(encoding="utf-8")) if b.info == "toml"]
    (tmp_path / "pyproject.toml").write_text(setting + "\n", encoding="utf-8")
    result = run('sphinx-devlog new "Pixi setup" --date 2024-08-26', tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "docs/logs/2024-08-26_pixi-setup-partial.md").is_file()


def test_the_layout_shown_is_the_files_written() -> None:
    text = QUICKSTART.read_text(encoding="utf-8")
    [tree] = [b.text for b in blocks(text) if b.info == "text"]
    shown = {line.strip("│├└─ ").rstrip("/") for line in tree.splitlines()}
    written = files(text)
    assert len(written) == 4
    for path in written:
        assert set(path.split("/")) <= shown, path


def test_the_readme_agrees_with_the_quickstart() -> None:
    quickstart = QUICKSTART.read_text(encoding="utf-8")
    page = files(quickstart)
    shown = readme_files()
    assert set(shown) >= {"docs/conf.py", "docs/index.md"}
    for path, text in shown.items():
        assert text == page[path], path
    # every command the README gives is one the quickstart gives
    readme = README.read_text(encoding="utf-8")
    section = readme[readme.index("## Quickstart\n") : readme.index("## Set up\n")]
    page_lines = {
        line.removeprefix("$ ")
        for block in blocks(quickstart)
        if block.info in ("bash", "console")
        for line in block.text.splitlines()
    }
    for block in blocks(section):
        if block.info == "bash":
            for line in block.text.splitlines():
                assert line.split("  #")[0].strip() in page_lines, line
    for text in (quickstart, section):
        assert "pip install sphinxcontrib-devlog" not in text  # not on an index yet
