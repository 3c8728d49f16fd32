"""The built site in a real browser: headless Chromium, driven by Playwright, against
pages served on localhost, in light and dark mode, in every supported theme.

Skips (with the reason) when Chromium or Playwright is not installed; CI installs both.
Screenshots go to ``test-artifacts/`` (or ``$DEVLOG_ARTIFACTS``).
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from docsbuild import THEMES, build_docs

CHROMIUM = os.environ.get("DEVLOG_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARTIFACTS = Path(
    os.environ.get("DEVLOG_ARTIFACTS", Path(__file__).resolve().parent.parent / "test-artifacts")
)
FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOG_PAGE = "logs/2024-01-15_harmonic-fit-partial.html"


# relative luminance and contrast of computed CSS colours, per WCAG 2: an element's colour
# property (``color`` for HTML text; ``fill`` for an SVG chart's texts, through
# currentColor, and bars) against the background behind it
def _contrast_js(colour: str) -> str:
    return """
(selector) => {
  const parse = (c) => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const background = (el) => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0.5)) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  return [...document.querySelectorAll(selector)].map((el) => {
    const fg = parse(getComputedStyle(el).COLOUR).slice(0, 3);
    const bg = background(el);
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const box = el.getBoundingClientRect();
    return {text: el.textContent.trim(), ratio: (a + 0.05) / (b + 0.05),
            width: box.width, height: box.height};
  });
}
""".replace("COLOUR", colour)


CONTRAST_JS = _contrast_js("color")
SVG_CONTRAST_JS = _contrast_js("fill")


def _unavailable(reason: str) -> None:
    # CI installs Chromium and sets DEVLOG_REQUIRE_BROWSER, so that a missing browser
    # fails there instead of skipping quietly
    if os.environ.get("DEVLOG_REQUIRE_BROWSER"):
        pytest.fail(reason)
    pytest.skip(reason)


def _playwright():  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        _unavailable(
            f"Chromium is not installed ({CHROMIUM}); apt-get install chromium to run the browser tests"
        )
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is not installed; pip install playwright to run the browser tests")
    return sync_playwright


@pytest.fixture(scope="session")
def docs_root(tmp_path_factory):  # type: ignore[no-untyped-def]
    return tmp_path_factory.mktemp("docs-themes")


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    sync_playwright = _playwright()
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=FLAGS)
        yield instance
        instance.close()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def served(docs_root) -> Iterator[dict[str, str]]:  # type: ignore[no-untyped-def]
    """Every theme's build, each on its own localhost port."""
    urls: dict[str, str] = {}
    servers = []
    for theme in THEMES:
        out, result = build_docs(theme, docs_root)
        assert result.returncode == 0, result.stderr
        handler = functools.partial(_QuietHandler, directory=str(out))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        urls[theme] = f"http://127.0.0.1:{server.server_address[1]}/"
    yield urls
    for server in servers:
        server.shutdown()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_site_in_the_browser(browser, served, docs_root, theme: str, scheme: str) -> None:  # type: ignore[no-untyped-def]
    base = served[theme]
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on(
        "console",
        lambda msg: (
            errors.append(f"console {msg.type}: {msg.text}") if msg.type == "error" else None
        ),
    )
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    page.on(
        "response",
        lambda res: errors.append(f"HTTP {res.status}: {res.url}") if res.status >= 400 else None,
    )
    shots = ARTIFACTS / "browser"
    shots.mkdir(parents=True, exist_ok=True)
    try:
        # a log: badges visible and readable, checkboxes show their state
        page.goto(base + LOG_PAGE, wait_until="load")
        badges = page.evaluate(CONTRAST_JS, ".devlog-header .sd-badge")
        assert badges and badges[0]["text"] == "partial"
        for badge in badges:
            assert badge["width"] > 10 and badge["height"] > 10, badge
            assert badge["ratio"] >= 3, (theme, scheme, badge)
        for text in page.evaluate(
            CONTRAST_JS, ".devlog-header .devlog-fields dd p, .devlog-header .devlog-date"
        ):
            assert text["ratio"] >= 4.5, (theme, scheme, text)
        data = json.loads((docs_root / theme / "devlog.json").read_text(encoding="utf-8"))
        log = next(
            entry for entry in data["logs"] if entry["name"] == "2024-01-15_harmonic-fit-partial"
        )
        for kind, key in (("goal", "goals"), ("step", "next_steps")):
            states = page.eval_on_selector_all(
                f"li.devlog-{kind} input.devlog-checkbox", "els => els.map(e => e.checked)"
            )
            assert states == [item["done"] for item in log[key]], (kind, states)
            visible = page.eval_on_selector_all(
                f"li.devlog-{kind} input.devlog-checkbox",
                "els => els.map(e => e.getBoundingClientRect().width > 0)",
            )
            assert all(visible)
        page.screenshot(path=str(shots / f"{theme}-{scheme}-log.png"), full_page=True)

        # the outstanding list: each link lands on the step's anchor in its log
        page.goto(base + "collections/outstanding.html", wait_until="load")
        cells = page.evaluate(CONTRAST_JS, ".devlog-outstanding td")
        assert cells and all(c["ratio"] >= 4.5 for c in cells), (theme, scheme)
        link = page.locator(".devlog-outstanding tbody tr td:first-child a").first
        href = link.get_attribute("href") or ""
        anchor = href.split("#", 1)[1]
        assert re.fullmatch(r"devlog-(step|goal)-\d+", anchor), href
        link.click()
        page.wait_for_load_state("load")
        assert page.url.endswith("#" + anchor), page.url
        target = page.locator(f"#{anchor}")
        assert target.count() == 1 and target.is_visible()
        box = target.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box  # scrolled into view
        page.screenshot(path=str(shots / f"{theme}-{scheme}-anchor.png"))

        # the charts: drawn, fitting the column, texts readable, bars told from the page
        page.goto(base + "collections/chart.html", wait_until="load")
        charts = page.locator("svg.devlog-chart-svg")
        assert charts.count() >= 4
        width = page.evaluate("document.documentElement.clientWidth")
        for i in range(charts.count()):
            box = charts.nth(i).bounding_box()
            assert box is not None and 200 < box["width"] <= width and box["height"] > 50, box
        texts = page.evaluate(SVG_CONTRAST_JS, "svg.devlog-chart-svg text")
        assert texts and all(t["ratio"] >= 4.5 for t in texts), (theme, scheme, texts[:3])
        bars = page.evaluate(SVG_CONTRAST_JS, "svg.devlog-chart-svg .devlog-chart-bar")
        assert bars and all(b["ratio"] >= 3 for b in bars), (theme, scheme, bars[:3])
        page.screenshot(path=str(shots / f"{theme}-{scheme}-charts.png"), full_page=True)

        # the graph: drawn, and a click on a node lands on its log
        page.goto(base + "collections/graph.html", wait_until="load")
        image = page.locator("img.devlog-graph-image").first
        image.evaluate("(img) => img.scrollIntoView({block: 'center', behavior: 'instant'})")
        assert image.is_visible()
        natural = image.evaluate("(img) => img.naturalWidth")
        box = image.bounding_box()
        assert box is not None and box["width"] > 100 and natural > 0, box
        usemap = (image.get_attribute("usemap") or "").lstrip("#")
        areas = page.locator(f'map[name="{usemap}"] area')
        scale = box["width"] / natural
        # a node in view, not under a theme's fixed header: what the reader can click
        for i in range(areas.count()):
            x1, y1, x2, y2 = (float(v) for v in areas.nth(i).get_attribute("coords").split(","))
            x, y = box["x"] + (x1 + x2) / 2 * scale, box["y"] + (y1 + y2) / 2 * scale
            hit = page.evaluate(
                "([x, y]) => { const e = document.elementFromPoint(x, y);"
                " return !!e && (e.tagName === 'AREA' || e.classList.contains('devlog-graph-image')); }",
                [x, y],
            )
            if hit:
                href = areas.nth(i).get_attribute("href") or ""
                break
        else:
            raise AssertionError(f"no node of the graph can be clicked ({theme}, {scheme})")
        with page.expect_navigation(wait_until="load"):
            page.mouse.click(x, y)
        assert page.url.endswith(href.removeprefix("../")), (page.url, href)
        assert page.locator(".devlog-header").count() == 1  # a log's page
        page.screenshot(path=str(shots / f"{theme}-{scheme}-graph-click.png"))

        page.goto(base + "index.html", wait_until="load")
        page.screenshot(path=str(shots / f"{theme}-{scheme}-index.png"), full_page=True)
        assert errors == [], errors
    finally:
        context.close()


# what a badge looks like: every computed property that shows
BADGE_STYLE_JS = """
(selector) => [...document.querySelectorAll(selector)].map((el) => {
  const s = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  const props = ["color", "background-color", "border-top-color", "border-top-width",
    "border-top-style", "border-radius", "padding-top", "padding-left", "font-size",
    "font-weight", "font-family", "line-height", "display", "vertical-align",
    "white-space", "text-align"];
  const out = {text: el.textContent.trim(), width: Math.round(box.width * 10) / 10,
               height: Math.round(box.height * 10) / 10};
  for (const p of props) out[p] = s.getPropertyValue(p);
  return out;
})
"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("theme", THEMES)
def test_badges_look_as_sphinx_design_draws_them(  # type: ignore[no-untyped-def]
    browser, tmp_path_factory, theme: str, scheme: str
) -> None:
    """Without sphinx-design (the default) the badges look exactly as with it, in every
    theme: the extension's copy of its badge styles is complete."""
    import subprocess
    import sys

    from conftest import copy_root

    root = tmp_path_factory.mktemp(f"badges-{theme}-{scheme}")
    styles = {}
    for design in (False, True):
        src = copy_root("myst", root / f"src-{design}")
        out = root / f"out-{design}"
        result = subprocess.run(
            [sys.executable, "-m", "sphinx", "-q", "-E", "-b", "html", "-D",
             f"html_theme={theme}", "-D", f"devlog_sphinx_design={int(design)}",
             str(src), str(out)],
            capture_output=True, text=True, check=False, timeout=600,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        page_html = (out / "logs/2024-03-05_harmonic-fit-partial.html").read_text("utf-8")
        assert ("sphinx-design.min.css" in page_html) is design
        context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.goto((out / "logs/2024-03-05_harmonic-fit-partial.html").as_uri(), wait_until="load")
        styles[design] = page.evaluate(BADGE_STYLE_JS, ".devlog-header .sd-badge")
        context.close()
    assert styles[True] and styles[True][0]["text"] == "partial"
    assert styles[False] == styles[True]
