"""``devlog_sphinx_design``: only the badges' styles (the default), or sphinx-design loaded
with the extension."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import copy_root, warnings_of

PAGE = "logs/2024-03-05_harmonic-fit-partial.html"


def _badges(html: str) -> list[str]:
    return re.findall(r'<span class="([^"]*sd-badge[^"]*)"', html)


def test_not_loaded_by_default(build) -> None:  # type: ignore[no-untyped-def]
    app = build("myst", "html")
    assert "sphinx_design" not in app.extensions
    out = Path(app.outdir)
    assert "_static/devlog-badges.css" in (out / PAGE).read_text(encoding="utf-8")
    assert (out / "_static/devlog-badges.css").is_file()
    assert not (out / "_static/sphinx-design.min.css").exists()


def test_loaded_when_asked(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    default = build("myst", "html")
    design = build(
        "myst",
        "html",
        srcdir=copy_root("myst", tmp_path / "design"),
        confoverrides={"devlog_sphinx_design": True},
    )
    assert "sphinx_design" in design.extensions
    assert warnings_of(design) == []
    out = Path(design.outdir)
    page = (out / PAGE).read_text(encoding="utf-8")
    assert "devlog-badges.css" not in page and "sphinx-design.min.css" in page
    assert not (out / "_static/devlog-badges.css").exists()
    # the badges carry the same classes either way, and every class a badge carries that
    # sphinx-design styles is styled by the extension's copy of its badge styles
    badges = _badges(page)
    lean = Path(default.outdir)
    assert badges == _badges((lean / PAGE).read_text(encoding="utf-8"))
    css = (lean / "_static/devlog-badges.css").read_text(encoding="utf-8")
    classes = {c for badge in badges for c in badge.split() if c.startswith("sd-")}
    assert {"sd-badge", "sd-bg-warning", "sd-bg-text-warning"} <= classes
    for cls in classes:
        assert f".{cls}" in css, cls
    # the same logs, items and links either way
    assert (out / "devlog.json").read_bytes() == (lean / "devlog.json").read_bytes()


def test_every_status_colour_is_styled() -> None:
    from sphinxcontrib_devlog.badges import BADGES_CSS, STATIC
    from sphinxcontrib_devlog.config import BADGE_COLOURS

    css = (STATIC / "badges" / BADGES_CSS).read_text(encoding="utf-8")
    for colour in BADGE_COLOURS:
        assert f".sd-bg-{colour}{{" in css and f".sd-bg-text-{colour}{{" in css, colour
        assert f"--sd-color-{colour}:" in css and f"--sd-color-{colour}-text:" in css, colour


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders_without_sphinx_design(build, builder: str) -> None:  # type: ignore[no-untyped-def]
    app = build("myst", builder)
    assert "sphinx_design" not in app.extensions
    assert warnings_of(app) == []
    data = json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))
    assert data["logs"]


def test_listed_by_the_project_it_stays(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("myst", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + '\nextensions.append("sphinx_design")\n')
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    assert "sphinx_design" in app.extensions
    assert warnings_of(app) == []
    assert not (Path(app.outdir) / "_static/devlog-badges.css").exists()


def test_a_wrong_value_keeps_the_default(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    src = copy_root("myst", tmp_path)
    conf = src / "conf.py"
    conf.write_text(conf.read_text() + '\ndevlog_sphinx_design = "sometimes"\n')
    app = build("myst", "html", srcdir=src)
    assert "sphinx_design" not in app.extensions
    warnings = [w for w in warnings_of(app) if w.type == "devlog.config"]
    assert len(warnings) == 1 and "devlog_sphinx_design" in warnings[0].message


@pytest.mark.parametrize("name", ["devlog_sphinx_design", "devlog_json"])
def test_a_command_line_value_sphinx_cannot_read(build, name: str) -> None:  # type: ignore[no-untyped-def]
    """``-D devlog_json=sometimes``: a devlog.config warning and the default, no traceback."""
    app = build("myst", "html", confoverrides={name: "sometimes"})
    warnings = [w for w in warnings_of(app) if w.type == "devlog.config"]
    assert len(warnings) == 1 and f"-D {name}" in warnings[0].message
    assert "sphinx_design" not in app.extensions
    assert (Path(app.outdir) / "devlog.json").is_file()


@pytest.mark.parametrize("design", [True, False])
def test_epub_packs_the_stylesheets(build, design: bool) -> None:  # type: ignore[no-untyped-def]
    """The stylesheets are in ``_static`` before EPUB packs its files."""
    import zipfile

    app = build("myst", "epub", confoverrides={"devlog_sphinx_design": design})
    (epub,) = Path(app.outdir).glob("*.epub")
    names = set(zipfile.ZipFile(epub).namelist())
    assert "_static/devlog.css" in names
    assert ("_static/devlog-badges.css" in names) is not design


def test_turning_it_on_between_builds_gives_a_fresh_builds_pages(build, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An incremental build after changing the value writes what a fresh build writes."""
    from conftest import outputs

    src = copy_root("myst", tmp_path / "toggled")
    build("myst", "html", srcdir=src)
    toggled = build(
        "myst", "html", srcdir=src, freshenv=False, confoverrides={"devlog_sphinx_design": True}
    )
    fresh = build(
        "myst",
        "html",
        srcdir=copy_root("myst", tmp_path / "fresh"),
        confoverrides={"devlog_sphinx_design": True},
    )
    assert "sphinx_design" in toggled.extensions
    assert outputs(Path(toggled.outdir)) == outputs(Path(fresh.outdir))
