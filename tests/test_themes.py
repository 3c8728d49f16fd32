"""The documentation site builds without a warning in each supported theme."""

from __future__ import annotations

import json

import pytest
from docsbuild import THEMES, build_docs


@pytest.fixture(scope="session")
def docs_root(tmp_path_factory):  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("docs-themes")


@pytest.mark.parametrize("theme", THEMES)
def test_docs_build_cleanly(docs_root, theme: str) -> None:  # type: ignore[no-untyped-def]
    out, result = build_docs(theme, docs_root)
    assert result.returncode == 0, result.stderr
    assert result.stderr == "", result.stderr  # no warning at all
    page = (out / "logs/2024-01-15_harmonic-fit-partial.html").read_text(encoding="utf-8")
    assert 'class="devlog-header' in page and "sd-badge" in page
    assert "devlog.css" in page  # the extension's stylesheet is linked in every theme
    assert (out / "_static/devlog.css").is_file()
    data = json.loads((out / "devlog.json").read_text(encoding="utf-8"))
    assert len(data["logs"]) >= 15
    assert {log["status"] for log in data["logs"]} == {
        "success",
        "complete",
        "partial",
        "failed",
        "blocked",
    }
