"""Links from logs to the work: Files Modified paths link to their files
(``devlog_source_url``), commit hashes to their commits (``devlog_commit_url``); listed
files missing from the project are ``devlog.file`` (``devlog_source_root``)."""

from __future__ import annotations

import re
import shutil
import string
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import copy_root, devlog_warnings, outputs, warnings_of
from corpus import write_project
from hypothesis import given
from hypothesis import strategies as st
from test_incremental import comparable

from sphinxcontrib_devlog import sourcepaths
from sphinxcontrib_devlog.commits import CLOSERS, OPENERS, find_hashes, is_hash
from sphinxcontrib_devlog.domain import DevlogDomain
from sphinxcontrib_devlog.sourcepaths import Survey, classify, expand_braces, source_url

SOURCE = "https://example.org/tidewater/blob/main/"
COMMIT = "https://example.org/tidewater/commit/"
LINKS = "logs/2024-03-04_links-success"
PLAIN = "logs/2024-03-05_plain-notes-partial"
RST = "logs/2024-03-06_rst-log-success"
FORMS = "logs/2024-03-07_plain-forms-complete"


# -- the hash finder, without Sphinx ------------------------------------------------------


def hashes(text: str) -> list[str]:
    return [text[start:end] for start, end in find_hashes(text)]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("fixed in 3f2a9c1", ["3f2a9c1"]),
        ("fixed in 3f2a9c1.", ["3f2a9c1"]),
        ("(3f2a9c1), [8e4b0d2c]; '5d6e7f8'!", ["3f2a9c1", "8e4b0d2c", "5d6e7f8"]),
        ("\u201c3f2a9c1\u201d", ["3f2a9c1"]),
        ("UPPER 3F2A9C1E too", ["3F2A9C1E"]),
        ("full " + "3f2a9c1e" * 5, ["3f2a9c1e" * 5]),  # 40: a full SHA-1
        ("3f2a9c1", ["3f2a9c1"]),
    ],
)
def test_hashes_found(text: str, found: list[str]) -> None:
    assert hashes(text) == found


@pytest.mark.parametrize(
    "text",
    [
        "3f2a9c",  # 6: too short
        "3f2a9c1e" * 5 + "a",  # 41: longer than a SHA-1 (a SHA-256 is no git hash here)
        "deadbeef cafebabe",  # words: no digit
        "1234567 20240304",  # numbers: no letter
        "3f2A9c1",  # two cases
        "123e4567-e89b-12d3-a456-426614174000",  # a UUID
        "#c0ffee1",  # a colour
        "0x1f2e3d4c",  # a hex number
        "src/3f2a9c1.py 3f2a9c1/ /3f2a9c1",  # paths
        "https://example.org/commit/3f2a9c1",  # a URL
        "3f2a9c1..8e4b0d2 3f2a9c1...8e4b0d2",  # git ranges
        "v1.2-3-g3f2a9c1 3f2a9c1-dirty",  # git describe
        "x3f2a9c1 3f2a9c1x 3f2a9c1_ _3f2a9c1",  # inside words
        "sha=3f2a9c1 3f2a9c1@main a:3f2a9c1",
    ],
)
def test_no_hash(text: str) -> None:
    assert hashes(text) == []


HEX = "0123456789abcdef"
_TEXT = st.text(alphabet=HEX + "ABCDEFxyz_-/.:#()'\" \n", max_size=80)


@given(_TEXT)
def test_hashes_stand_alone(text: str) -> None:
    """Every hash found is a whole word, bar the brackets, quotes and punctuation
    around it, and a hash by the rule."""
    for start, end in find_hashes(text):
        assert is_hash(text[start:end])
        word_start, word_end = start, end
        while word_start > 0 and not text[word_start - 1].isspace():
            word_start -= 1
            assert text[word_start] in OPENERS, text
        while word_end < len(text) and not text[word_end].isspace():
            assert text[word_end] in CLOSERS, text
            word_end += 1


@given(
    st.text(alphabet=HEX, min_size=41, max_size=90),
    st.text(alphabet=HEX + "g- .(", max_size=20),
    st.text(alphabet=HEX + "g- .)", max_size=20),
)
def test_never_inside_a_longer_hex_run(run: str, before: str, after: str) -> None:
    text = before + run + after
    start = len(before)
    for found_start, found_end in find_hashes(text):
        assert found_end <= start or found_start >= start + len(run), (text, found_start)


@given(
    st.text(alphabet=string.ascii_letters + string.digits + "_", min_size=1, max_size=8).filter(
        lambda word: any(c not in string.hexdigits for c in word)
    ),
    st.text(alphabet=HEX, min_size=7, max_size=40),
    st.booleans(),
)
def test_never_inside_a_word(word: str, run: str, prefix: bool) -> None:
    text = f"see {word}{run} now" if prefix else f"see {run}{word} now"
    inside = (4, len(text) - 4)
    assert all(not (inside[0] <= s and e <= inside[1]) for s, e in find_hashes(text))


# -- paths, without Sphinx ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "kind", "path"),
    [
        ("src/tide.py", "relative", "src/tide.py"),
        ("./src/tide.py", "relative", "src/tide.py"),
        ("src//a/./b.py", "relative", "src/a/b.py"),
        ("docs/", "relative", "docs"),
        ("pyproject.toml", "relative", "pyproject.toml"),
        ("Makefile", "relative", "Makefile"),
        ("src/tide.py:56", "relative", "src/tide.py"),
        ("src\\tide.py", "relative", "src/tide.py"),
        ("../elsewhere/x.py", "relative", "../elsewhere/x.py"),
        ("tests/*.py", "glob", "tests/*.py"),
        ("*.py", "glob", "*.py"),
        ("src/{a,b}.py", "glob", "src/{a,b}.py"),
    ],
)
def test_classify_paths(written: str, kind: str, path: str) -> None:
    source = classify(written)
    assert source is not None
    assert (source.kind, source.path) == (kind, path)


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("/home/alice/proj/src/x.py", ("home", "alice", "proj", "src", "x.py")),
        ("~/proj/src/x.py", ("proj", "src", "x.py")),
        ("C:\\Users\\bob\\proj\\x.py", ("Users", "bob", "proj", "x.py")),
        ("C:/Users/bob/proj/x.py", ("Users", "bob", "proj", "x.py")),
        ("\\\\server\\share\\proj\\x.py", ("proj", "x.py")),
    ],
)
def test_classify_absolute(written: str, parts: tuple[str, ...]) -> None:
    source = classify(written)
    assert source is not None
    assert (source.kind, source.parts) == ("absolute", parts)


@pytest.mark.parametrize(
    "written",
    ["Updated", "Various", "None", "N/A", "n/a", "and/or", "", "a few files", "https://x.org/a.py"],
)
def test_classify_no_path(written: str) -> None:
    assert classify(written) is None


def test_source_url_quotes_the_path() -> None:
    assert source_url(SOURCE + "{path}", "src/a+b @x.py") == SOURCE + "src/a%2Bb%20%40x.py"
    assert source_url("https://x.org/{path}?plain=1", "docs/é.md") == (
        "https://x.org/docs/%C3%A9.md?plain=1"
    )


def test_expand_braces() -> None:
    assert expand_braces("src/{a,b}/{c,d}.py") == [
        "src/a/c.py",
        "src/a/d.py",
        "src/b/c.py",
        "src/b/d.py",
    ]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "proj"
    for name in ("src/x.py", "x.py", "tests/test_x.py", "docs/conf.py"):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("src/x.py", "src/x.py"),
        ("./src/x.py", "src/x.py"),
        ("docs/", "docs"),
        ("src/y.py", None),
        ("tests/*.py", ""),  # a glob that matches: found, nothing to link to
        ("tests/*.rs", None),
        ("{lib,src}/x.py", ""),
        ("**/conf.py", ""),
        ("/home/alice/proj/src/x.py", "src/x.py"),  # the longest tail that exists
        ("/home/alice/proj/lib/x.py", None),  # a bare name: only after the project's folder
        ("/home/alice/proj/x.py", "x.py"),
        ("C:\\Users\\bob\\proj\\docs\\conf.py", "docs/conf.py"),
        ("/home/alice/proj/src/nothing.py", None),
    ],
)
def test_survey_finds(project: Path, written: str, found: str | None) -> None:
    source = classify(written)
    assert source is not None
    assert Survey(project).find(source) == found


def test_survey_looks_once_a_path(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One stat a distinct path however often it is asked for; an absolute path's tails
    only from a name the project's folder holds."""
    calls: list[str] = []
    real = sourcepaths.os.path.exists

    def exists(path):  # type: ignore[no-untyped-def]
        calls.append(str(path))
        return real(path)

    monkeypatch.setattr(sourcepaths.os.path, "exists", exists)
    survey = Survey(project)
    for _ in range(3):
        for written in ("src/x.py", "src/y.py", "/home/alice/proj/src/x.py"):
            source = classify(written)
            assert source is not None
            survey.find(source)
    assert len(calls) == 3, calls


# -- in a build ----------------------------------------------------------------------------


class _Links(HTMLParser):
    """The links of a page: ``(id of the nearest element with one, class, href, text)``."""

    VOID = frozenset({"input", "br", "img", "hr", "meta", "link", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.stack: list[str | None] = []
        self.links: list[list[str]] = []
        self.open: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        found = dict(attrs)
        ident = found.get("id")
        self.stack.append(ident)
        if ident:
            self.ids.append(ident)
        if tag == "a":
            where = self.ids[-1] if self.ids else ""
            self.open = [where, found.get("class") or "", found.get("href") or "", ""]
            self.links.append(self.open)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.VOID:
            return
        if tag == "a":
            self.open = None
        if self.stack and self.stack.pop():
            self.ids.pop()

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open[3] += data


def links(app, page: str, cls: str) -> list[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    """``(id, href, text)`` of every link of class *cls* on *page* (HTML)."""
    parser = _Links()
    parser.feed((Path(app.outdir) / f"{page}.html").read_text(encoding="utf-8"))
    return [(i, href, text) for i, c, href, text in parser.links if cls in c.split()]


@pytest.fixture
def html_app(build):  # type: ignore[no-untyped-def]
    return build("sources", "html")


def test_file_links(html_app) -> None:  # type: ignore[no-untyped-def]
    """Each path links to its file: relative ones as written (normalised), absolute ones
    by the tail found in the project; never a glob, a word, N/A, or an absolute path
    found nowhere."""
    assert links(html_app, LINKS, "devlog-source-link") == [
        ("devlog-file-1", SOURCE + "src/tide.py", "src/tide.py"),
        ("devlog-file-2", SOURCE + "src/harmonics.py", "./src/harmonics.py"),
        (
            "devlog-file-3",
            SOURCE + "tests/test_tide.py",
            "/home/alice/tidewater/tests/test_tide.py",
        ),
        ("devlog-file-4", SOURCE + "docs/conf.py", "C:\\Users\\bob\\tidewater\\docs\\conf.py"),
        # 5: tests/*.py, a glob
        ("devlog-file-6", SOURCE + "src/missing.py", "src/missing.py"),  # reported, linked
        # 7: /home/alice/elsewhere/gone.py, nowhere in the project
        ("devlog-file-8", SOURCE + "docs", "docs/"),
        # 9: "Updated the README wording", 10: N/A
    ]
    assert links(html_app, PLAIN, "devlog-source-link") == [
        ("devlog-file-1", SOURCE + "pyproject.toml", "pyproject.toml"),
        ("devlog-file-2", SOURCE + "src/tide.py", "src/tide.py"),  # a word, not code
        ("devlog-file-3", SOURCE + "src/absent.py", "src/absent.py"),
    ]
    assert links(html_app, RST, "devlog-source-link") == [
        ("devlog-file-1", SOURCE + "src/tide.py", "src/tide.py"),
        ("devlog-file-2", SOURCE + "tests", "tests/"),
    ]
    # a plain log's files in a table, and on lines of a paragraph
    assert [(href, text) for _, href, text in links(html_app, FORMS, "devlog-source-link")] == [
        (SOURCE + "src/harmonics.py", "src/harmonics.py"),
        (SOURCE + "tests/test_tide.py", "tests/test_tide.py"),
        (SOURCE + "src/tide.py", "src/tide.py"),
        (SOURCE + "docs/conf.py", "docs/conf.py"),
    ]


def test_file_links_in_the_file_history(html_app) -> None:  # type: ignore[no-untyped-def]
    history = [
        (href, text) for _, href, text in links(html_app, "collections", "devlog-source-link")
    ]
    assert history == [
        (SOURCE + "src/harmonics.py", "./src/harmonics.py"),
        (SOURCE + "tests/test_tide.py", "/home/alice/tidewater/tests/test_tide.py"),
        (SOURCE + "docs/conf.py", "C:\\Users\\bob\\tidewater\\docs\\conf.py"),
        (SOURCE + "docs", "docs/"),
        (SOURCE + "docs/conf.py", "docs/conf.py"),
        (SOURCE + "pyproject.toml", "pyproject.toml"),
        (SOURCE + "src/absent.py", "src/absent.py"),
        (SOURCE + "src/harmonics.py", "src/harmonics.py"),
        (SOURCE + "src/missing.py", "src/missing.py"),
        (SOURCE + "src/tide.py", "src/tide.py"),
        (SOURCE + "tests", "tests/"),
        (SOURCE + "tests/test_tide.py", "tests/test_tide.py"),
    ]
    page = (Path(html_app.outdir) / "collections.html").read_text(encoding="utf-8")
    for unlinked in ("tests/*.py", "/home/alice/elsewhere/gone.py"):
        assert f'<span class="pre">{unlinked}</span></code></p>' in page


def test_commit_links(html_app) -> None:  # type: ignore[no-untyped-def]
    """Hashes in a log's text and code become links; nothing in the line of false
    positives, in a link, a code block or a title does."""
    assert links(html_app, LINKS, "devlog-commit-link") == [
        ("links-to-the-work", COMMIT + "3f2a9c1", "3f2a9c1"),  # in the purpose
        ("links-to-the-work", COMMIT + "8e4b0d2c", "8e4b0d2c"),  # inline code
        ("links-to-the-work", COMMIT + "3f2a9c1e", "3F2A9C1E"),  # upper case
        ("devlog-lesson-1", COMMIT + "5d6e7f8", "5d6e7f8"),
        ("devlog-lesson-2", COMMIT + "3f2a9c1", "3f2a9c1"),  # inside `git revert 3f2a9c1`
        ("devlog-step-1", COMMIT + "9a8b7c6", "9a8b7c6"),
        ("devlog-file-1", COMMIT + "5d6e7f8", "5d6e7f8"),  # in a file's description
    ]
    assert links(html_app, PLAIN, "devlog-commit-link") == [
        ("devlog-lesson-1", COMMIT + "a1b2c3d", "a1b2c3d")
    ]
    assert [href for _, href, _ in links(html_app, RST, "devlog-commit-link")] == [
        COMMIT + "c0ffee42",
        COMMIT + "7e8f9a0b",
        COMMIT + "0b1c2d3e",
    ]
    page = (Path(html_app.outdir) / f"{LINKS}.html").read_text(encoding="utf-8")
    assert "3f2a9c1 in a code block" in page
    assert '<a class="reference external" href="https://example.org/x">a link 3f2a9c1</a>' in page
    # the code around a hash stays code
    assert '<code class="docutils literal notranslate"><span class="pre">git</span>' in page


def test_commit_links_in_collections(html_app) -> None:  # type: ignore[no-untyped-def]
    """A collection showing an item's text links its hashes as the log's page does; the
    words around them still link to the item."""
    parser = _Links()
    parser.feed((Path(html_app.outdir) / "collections.html").read_text(encoding="utf-8"))
    shown = [(c.split()[0], href, text) for _, c, href, text in parser.links if c]
    lesson = f"{LINKS}.html#devlog-lesson-1"
    step = f"{LINKS}.html#devlog-step-1"
    for triple in (
        [
            ("devlog-lesson-link", lesson, "Bisecting found"),  # devlog:lessonlist
            ("devlog-commit-link", COMMIT + "5d6e7f8", "5d6e7f8"),
            ("devlog-lesson-link", lesson, "as the culprit."),
        ],
        [
            ("devlog-step-link", step, "Port"),  # devlog:outstanding
            ("devlog-commit-link", COMMIT + "9a8b7c6", "9a8b7c6"),
            ("devlog-step-link", step, "to the release branch"),
        ],
    ):
        start = shown.index(triple[0])
        assert shown[start : start + 3] == triple
    # the file history's descriptions too
    assert ("devlog-commit-link", COMMIT + "0b1c2d3e", "0b1c2d3e") in shown
    assert ("devlog-file-link", f"{LINKS}.html#devlog-file-1", "the parser, see") in shown


def test_file_warnings(html_app) -> None:  # type: ignore[no-untyped-def]
    """A listed path missing from the project, at its item's line; nothing for what
    exists (files, folders, globs that match, absolute paths found by their tail), nor
    for what is no path."""
    assert [(w.path, w.line, w.type) for w in devlog_warnings(html_app)] == [
        (f"{LINKS}.md", 40, "devlog.file"),
        (f"{LINKS}.md", 41, "devlog.file"),
        (f"{PLAIN}.md", 16, "devlog.file"),
    ]
    messages = [w.message for w in devlog_warnings(html_app)]
    assert messages[0] == (
        "Files Modified: 'src/missing.py' does not exist under devlog_source_root ('project')"
    )
    assert "'/home/alice/elsewhere/gone.py' is not in the project" in messages[1]


@pytest.mark.parametrize("builder", ["text", "latex"])
def test_other_builders(build, builder: str) -> None:  # type: ignore[no-untyped-def]
    """An ordinary reference: the text builder shows the words, LaTeX an \\href."""
    app = build("sources", builder)
    assert [w.type for w in warnings_of(app)] == ["devlog.file"] * 3
    out = outputs(app.outdir, (".txt", ".tex"))
    if builder == "text":
        page = out[f"{LINKS}.txt"].decode("utf-8")
        assert '"src/tide.py" - the parser, see 5d6e7f8' in page
        assert "example.org" not in page
    else:
        tex = b"".join(out.values()).decode("utf-8")
        assert r"\sphinxhref{https://example.org/tidewater/commit/5d6e7f8}{5d6e7f8}" in tex
        assert (
            r"\sphinxhref{https://example.org/tidewater/blob/main/src/tide.py}"
            r"{\sphinxcode{\sphinxupquote{src/tide.py}}}"
        ) in tex


def test_no_links_without_templates(build) -> None:  # type: ignore[no-untyped-def]
    app = build("sources", "html", confoverrides={"devlog_source_url": "", "devlog_commit_url": ""})
    page = (Path(app.outdir) / f"{LINKS}.html").read_text(encoding="utf-8")
    collections = (Path(app.outdir) / "collections.html").read_text(encoding="utf-8")
    for html in (page, collections):
        assert "devlog-source-link" not in html and "devlog-commit-link" not in html
    assert len(devlog_warnings(app)) == 3  # the check needs only devlog_source_root


def test_no_check_without_root(build) -> None:  # type: ignore[no-untyped-def]
    app = build("sources", "html", confoverrides={"devlog_source_root": ""})
    assert devlog_warnings(app) == []
    # relative paths link all the same; an absolute one cannot be found
    assert [i for i, _, _ in links(app, LINKS, "devlog-source-link")] == [
        "devlog-file-1",
        "devlog-file-2",
        "devlog-file-6",
        "devlog-file-8",
    ]


def test_root_not_a_folder(build) -> None:  # type: ignore[no-untyped-def]
    app = build("sources", "html", confoverrides={"devlog_source_root": "nowhere"})
    found = [(w.type, w.path, w.line) for w in warnings_of(app)]
    assert found == [("devlog.config", "conf.py", 8)]
    assert "'nowhere' is not a folder" in warnings_of(app)[0].message


# -- files come and go between builds ------------------------------------------------------


def _build(make_app, srcdir: Path, fresh: bool):  # type: ignore[no-untyped-def]
    app = make_app("html", srcdir=srcdir, freshenv=fresh)
    app.build()
    app.cleanup()
    return app


def _fresh(make_app, src: Path, dest: Path):  # type: ignore[no-untyped-def]
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_build"))
    return _build(make_app, dest, True)


def _missing(app) -> list[str]:  # type: ignore[no-untyped-def]
    return [re.findall(r"'([^']+)'", w.message)[0] for w in devlog_warnings(app)]


def test_files_come_and_go(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """No source changes between the builds, only the project's files: the warning goes
    when the file comes, and comes back when it goes; each incremental build gives what
    a fresh one gives, links included."""
    src = copy_root("sources", tmp_path / "inc")
    first = _build(make_app, src, True)
    assert _missing(first) == ["src/missing.py", "/home/alice/elsewhere/gone.py", "src/absent.py"]

    (src / "project/src/missing.py").write_text("", encoding="utf-8")
    (src / "project/elsewhere").mkdir()
    (src / "project/elsewhere/gone.py").write_text("", encoding="utf-8")  # found by its tail
    second = _build(make_app, src, False)
    assert _missing(second) == ["src/absent.py"]
    fresh = _fresh(make_app, src, tmp_path / "fresh1" / "sources")
    assert comparable(second.outdir) == comparable(fresh.outdir)
    assert ("devlog-file-7", SOURCE + "elsewhere/gone.py", "/home/alice/elsewhere/gone.py") in (
        links(second, LINKS, "devlog-source-link")
    )
    assert (SOURCE + "elsewhere/gone.py") in [
        h for _, h, _ in links(second, "collections", "devlog-source-link")
    ]

    (src / "project/src/missing.py").unlink()
    shutil.rmtree(src / "project/elsewhere")
    third = _build(make_app, src, False)
    assert _missing(third) == ["src/missing.py", "/home/alice/elsewhere/gone.py", "src/absent.py"]
    fresh = _fresh(make_app, src, tmp_path / "fresh2" / "sources")
    assert comparable(third.outdir) == comparable(fresh.outdir)

    fourth = _build(make_app, src, False)  # nothing changed: nothing read, nothing said
    assert _missing(fourth) == []
    assert comparable(fourth.outdir) == comparable(fresh.outdir)


def test_root_goes(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The project's folder gone between two builds: the next build says so."""
    src = copy_root("sources", tmp_path)
    _build(make_app, src, True)
    shutil.rmtree(src / "project")
    app = _build(make_app, src, False)
    assert [(w.type, w.path) for w in warnings_of(app)] == [("devlog.config", "conf.py")]
    # the absolute paths (items 3 and 4) link nowhere now
    linked = [i for i, _, _ in links(app, LINKS, "devlog-source-link")]
    assert linked == ["devlog-file-1", "devlog-file-2", "devlog-file-6", "devlog-file-8"]


def test_edit_equals_fresh(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A log edited to list other files and hashes: the incremental build gives the
    fresh build's pages and warnings."""
    src = copy_root("sources", tmp_path / "inc")
    _build(make_app, src, True)
    log = src / f"{LINKS}.md"
    log.write_text(
        log.read_text(encoding="utf-8")
        .replace("`src/missing.py`", "`src/tide.py:12`")
        .replace("5d6e7f8 as", "7a6b5c4 as"),
        encoding="utf-8",
    )
    incremental = _build(make_app, src, False)
    fresh = _fresh(make_app, src, tmp_path / "fresh" / "sources")
    assert comparable(incremental.outdir) == comparable(fresh.outdir)
    assert devlog_warnings(incremental) == devlog_warnings(fresh)
    assert _missing(fresh) == ["/home/alice/elsewhere/gone.py", "src/absent.py"]


# -- -j 2 -------------------------------------------------------------------------------------


@pytest.fixture
def merged(monkeypatch) -> list[frozenset[str]]:  # type: ignore[no-untyped-def]
    chunks: list[frozenset[str]] = []
    original = DevlogDomain.merge_domaindata

    def counting(self, docnames, otherdata):  # type: ignore[no-untyped-def]
        chunks.append(frozenset(docnames))
        return original(self, docnames, otherdata)

    monkeypatch.setattr(DevlogDomain, "merge_domaindata", counting)
    return chunks


@pytest.mark.parametrize("builder", ["html", "text"])
def test_parallel_equals_serial(make_app, tmp_path, merged, builder: str) -> None:  # type: ignore[no-untyped-def]
    results = {}
    for jobs in (1, 2):
        srcdir = copy_root("sources", tmp_path / f"j{jobs}")
        app = make_app(builder, srcdir=srcdir, freshenv=True, parallel=jobs)
        app.build()
        app.cleanup()
        results[jobs] = (outputs(app.outdir), sorted(warnings_of(app), key=repr))
    assert merged, "the -j 2 build did not read in parallel"
    assert results[2][1] == results[1][1]
    assert len(results[1][1]) == 3
    assert results[2][0] == results[1][0]


# -- a project whose files all exist ---------------------------------------------------------


def test_nothing_fires_when_the_files_exist(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The generated corpus, its listed files all made: no warning; with -j 2 too."""
    results = {}
    for jobs in (1, 2):
        src = write_project(tmp_path / f"j{jobs}" / "corpus", 24)
        listed = set()
        for log in (src / "logs").glob("*.md"):
            listed.update(re.findall(r"^- `([^`]+)`", log.read_text(encoding="utf-8"), re.M))
        assert listed
        for name in listed:
            (src / "work" / name).parent.mkdir(parents=True, exist_ok=True)
            (src / "work" / name).write_text("", encoding="utf-8")
        with (src / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write(
                'devlog_source_root = "work"\n'
                'devlog_source_url = "https://example.org/r/{path}"\n'
                'exclude_patterns = ["work"]\n'
            )
        app = make_app("text", srcdir=src, freshenv=True, parallel=jobs)
        app.build()
        app.cleanup()
        results[jobs] = (outputs(app.outdir), warnings_of(app))
        assert results[jobs][1] == []
    assert results[1][0] == results[2][0]


# -- hashes: what looks like one but is something else -------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "facade1 decade42 1facade deadbeef9",  # a word of letters a-f, with a number
        "d41d8cd98f00b204e9800998ecf8427e",  # an MD5 (32)
        "507f1f77bcf86cd799439011",  # a MongoDB ObjectId (24)
        "4bf92f3577b34da6a3ce929d0e0e4736 00f067aa0ba902b7",  # a trace id, a span id
        "3f2a9c1e3f2a9",  # 13: neither a short hash nor a full one
        "3f2a9c1e" * 8,  # 64: a SHA-256 repository's hash is not looked for
        "1e100000 2e10000 12E34567",  # numbers in e-notation
        "md5 3f2a9c1e, MD5: 3f2a9c1e, sha1=3f2a9c1e, SHA-1 3f2a9c1e",
        "sha256 3f2a9c1e sha-256: 3f2a9c1e checksum 3f2a9c1e etag: 3f2a9c1e",
        "uuid 3f2a9c1e GUID= 3f2a9c1e objectid 3f2a9c1e ObjectId: 3f2a9c1e",
        "trace 3f2a9c1e span: 3f2a9c1e trace id 3f2a9c1e span-id: 3f2a9c1e",
        '"etag": "3f2a9c1e"',  # JSON
        "colour ff5733aa, rgba: ff5733aa",
    ],
)
def test_no_hash_lookalikes(text: str) -> None:
    assert hashes(text) == []


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("12 digits 3f2a9c1e5d6e", ["3f2a9c1e5d6e"]),
        ("md5 was wrong in 3f2a9c1", ["3f2a9c1"]),  # a label names the word right after
        ("the span of 5d6e7f8", ["5d6e7f8"]),
        ("1e2b3c4 2e1000a", ["1e2b3c4", "2e1000a"]),  # not e-notation: other letters
        ("ca1fe23 a1b2c3d", ["ca1fe23", "a1b2c3d"]),  # letters, but not a run of six
    ],
)
def test_hashes_beside_lookalikes(text: str, found: list[str]) -> None:
    assert hashes(text) == found


LABELS = "md5 sha1 sha-1 sha256 sha-256 checksum etag uuid guid objectid trace span".split()
_SHORT_HASH = st.text(alphabet=HEX, min_size=7, max_size=12).filter(is_hash)


@given(
    st.sampled_from(LABELS),
    st.sampled_from(["", ":", "=", " :", " = "]),
    st.sampled_from([str.lower, str.upper, str.title]),
    _SHORT_HASH,
)
def test_never_after_a_label(label: str, between: str, case, word: str) -> None:  # type: ignore[no-untyped-def]
    """A hash right after a label naming another kind of hex is that kind, not a commit;
    the same word after other words is a commit."""
    assert hashes(f"see {word} now") == [word]
    assert hashes(f"the {case(label)}{between} {word} now") == []


@given(st.text(alphabet=HEX + "ABCDEF", min_size=1, max_size=70))
def test_hash_lengths(word: str) -> None:
    """Only git's short hashes (7 to 12) and full SHA-1s (40) are hashes."""
    if is_hash(word):
        assert 7 <= len(word) <= 12 or len(word) == 40


@given(st.integers(1, 10**6), st.integers(1, 10**6))
def test_never_e_notation(mantissa: int, exponent: int) -> None:
    for e in "eE":
        assert not is_hash(f"{mantissa}{e}{exponent}")


# -- bracketed routes, framework names, files that went, other projects, many braces --------


@pytest.mark.parametrize(
    "written",
    [
        "app/[slug]/page.tsx",
        "pages/[id].tsx",
        "src/routes/[...rest]/+page.svelte",
        "pages/[[...all]].vue",
        "app/(marketing)/about/page.tsx",
    ],
)
def test_classify_bracketed_routes(written: str) -> None:
    """Next.js, SvelteKit and Nuxt name routes with brackets: a path, not a glob."""
    source = classify(written)
    assert source is not None
    assert (source.kind, source.path) == ("relative", written)


@pytest.mark.parametrize(
    "written",
    [
        "Next.js",
        "next.js",
        "Vue.js",
        "NODE.JS",
        "Nuxt.js",
        "React.js",
        "Express.js",
        "Three.js",
        "D3.js",
        "Socket.io",
        "ASP.NET",
        "p5.js",
        "htmx.org",
        "Node.js:12",
    ],
)
def test_framework_names_are_no_paths(written: str) -> None:
    assert classify(written) is None


@pytest.mark.parametrize(
    "written", ["App.js", "README.md", "Gruntfile.js", "src/next.js", "lib/node.js", "index.js"]
)
def test_files_named_like_frameworks_are_paths(written: str) -> None:
    source = classify(written)
    assert source is not None and source.kind == "relative"


@pytest.fixture
def routes(tmp_path: Path) -> Path:
    root = tmp_path / "tidewater"
    for name in (
        "app/[slug]/page.tsx",
        "pages/[id].tsx",
        "src/routes/[...rest]/+page.svelte",
        "tests/test_a.py",
        "pyproject.toml",
    ):
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text("", encoding="utf-8")
    return root


@pytest.mark.parametrize(
    ("written", "found", "target"),
    [
        # exists as written: a path, linked
        ("app/[slug]/page.tsx", "app/[slug]/page.tsx", "app/[slug]/page.tsx"),
        ("pages/[id].tsx", "pages/[id].tsx", "pages/[id].tsx"),
        (
            "src/routes/[...rest]/+page.svelte",
            "src/routes/[...rest]/+page.svelte",
            "src/routes/[...rest]/+page.svelte",
        ),
        # brackets alone, not there, but matching as a glob: a glob, found, not linked
        ("tests/test_[ab].py", "", None),
        # brackets alone, matching nothing: a path that does not exist, linked as written
        ("app/[id]/page.tsx", None, "app/[id]/page.tsx"),
        # other glob characters: a glob, unless it exists as written
        ("tests/*.py", "", None),
        ("app/*/page.tsx", "", None),
        ("app/{x,y}/page.tsx", None, None),
    ],
)
def test_survey_bracketed(routes: Path, written: str, found: str | None, target) -> None:  # type: ignore[no-untyped-def]
    source = classify(written)
    assert source is not None
    assert Survey(routes).find(source) == found
    assert sourcepaths.link_target(source, found) == target


def test_survey_glob_that_exists_as_written(tmp_path: Path) -> None:
    """A name with glob characters that exists as written is that file: found, linked."""
    name = "{{cookiecutter.name}}/setup.py"
    (tmp_path / name).parent.mkdir(parents=True)
    (tmp_path / name).write_text("", encoding="utf-8")
    source = classify(name)
    assert source is not None and source.kind == "glob"
    found = Survey(tmp_path).find(source)
    assert found == name
    assert sourcepaths.link_target(source, found) == name


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("/Users/alice/tidewater/pyproject.toml", "pyproject.toml"),  # the project's folder
        ("C:\\Users\\bob\\tidewater\\pyproject.toml", "pyproject.toml"),
        ("/home/bob/otherproj/pyproject.toml", None),  # a bare name from another project
        ("/pyproject.toml", None),
        ("~/pyproject.toml", None),
        ("/home/bob/otherproj/tests/test_a.py", "tests/test_a.py"),  # two parts: as before
        ("/home/bob/tidewater/tests/test_a.py", "tests/test_a.py"),
    ],
)
def test_survey_bare_names(routes: Path, written: str, found: str | None) -> None:
    """A tail of one part (a bare file name) matches only after a folder named as the
    project's folder."""
    source = classify(written)
    assert source is not None
    assert Survey(routes).find(source) == found


@pytest.mark.parametrize(
    ("text", "description", "gone"),
    [
        ("src/legacy.py - deleted", "deleted", True),
        ("src/legacy.py - Deleted.", "Deleted.", True),
        ("src/legacy.py (removed)", "(removed)", True),
        ("src/legacy.py - [DELETED]", "[DELETED]", True),
        ("src/legacy.py - file removed", "file removed", True),
        ("src/legacy.py - was deleted because nothing used it", "", True),
        ("src/legacy.py - removed, superseded by the parser", "", True),
        ("src/legacy.py - removed from the repository", "", True),
        ("src/legacy.py - renamed to src/tide.py", "", True),
        ("src/legacy.py - moved into tidewater/", "", True),
        ("src/legacy.py - moved", "moved", True),
        ("src/legacy.py - dropped", "dropped", True),
        ("src/legacy.py - deletion", "deletion", True),
        ("Deleted: src/legacy.py", "", True),
        ("Removed src/legacy.py", "", True),
        ("Deleted file: src/legacy.py", "", True),
        ("src/legacy.py - removed dead code", "", False),
        ("src/legacy.py - Deleted unused helpers", "", False),
        ("src/legacy.py - moved the helpers into utils", "", False),
        ("src/legacy.py - dropped Python 3.8 support", "", False),
        ("src/legacy.py - renamed from src/old.py", "", False),
        ("src/legacy.py - moved from lib/", "", False),
        ("src/legacy.py - the parser; removes a step", "", False),
        ("src/legacy.py - every test renamed", "", False),
        ("src/removed_things.py - tidied", "tidied", False),
        ("Updated src/legacy.py", "", False),
    ],
)
def test_said_gone(text: str, description: str, gone: bool) -> None:
    """An item saying its file was deleted, removed, renamed, moved or dropped; not one
    saying what was removed from the file."""
    path = re.findall(r"src/\S+\.py", text)[0]
    description = description or text.partition(" - ")[2]
    assert sourcepaths.said_gone(path, text, description) is gone


def test_expand_braces_bounded() -> None:
    """Braces expand lazily, at most 64 ways: not 2**n."""
    assert len(expand_braces("src/" + "{a,b}" * 16 + ".py")) == sourcepaths.EXPANSIONS == 64
    assert expand_braces("src/" + "{a,b}" * 40 + ".py")[:2] == [
        "src/" + "a" * 40 + ".py",
        "src/" + "a" * 39 + "b.py",
    ]


def test_survey_globs_at_most_64_expansions(routes: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    real = sourcepaths.glob.iglob

    def iglob(pattern, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(pattern)
        return real(pattern, **kwargs)

    monkeypatch.setattr(sourcepaths.glob, "iglob", iglob)
    source = classify("src/" + "{a,b}" * 12 + ".py")
    assert source is not None and source.kind == "glob"
    assert Survey(routes).find(source) is None
    assert len(calls) == 64


# -- in a build: routes, framework names, files that went, another project's files --------

_ROUTES_LOG = """\
# Routes

```{devlog}
:status: success
:date: 2024-04-01
:purpose: Move the site to the app router
```

Not commits: md5 d41d8cd98f00b204e9800998ecf8427e, trace: 4bf92f3577b34da6, 1e100000,
facade1, 507f1f77bcf86cd799439011; a commit: 3f2a9c1.

## Files Modified

```{devlog:files}
- `app/[slug]/page.tsx` - a route
- `pages/[id].tsx` - another
- `src/routes/[...rest]/+page.svelte` - a catch-all
- `app/[id]/page.tsx` - not there
- `src/legacy.py` - deleted
- Removed: `src/old.py`
- `src/tide.py` - removed dead code
- `src/gone.py` - removed dead code
- `/home/bob/otherproj/pyproject.toml` - another project's
- `/Users/alice/tidewater/pyproject.toml` - this project's
- `src/{BRACES}.py` - many braces
```
"""

_PLAIN_LOG = """\
# Plain routes

## HEADER

- **Status:** success
- **Date:** 2024-04-02

## Files Modified

- Next.js app router migration
- Updated Vue.js components
- Socket.io upgrade
- `pages/[id].tsx` - in a plain log
- src/legacy.py (deleted)
"""

ROUTES = "logs/2024-04-01_routes-success"
PLAIN_ROUTES = "logs/2024-04-02_plain-routes-success"


def _routes_project(srcdir: Path) -> Path:
    (srcdir / "logs").mkdir(parents=True)
    (srcdir / "conf.py").write_text(
        'project = "Tidewater"\n'
        'extensions = ["myst_parser", "sphinxcontrib_devlog"]\n'
        'exclude_patterns = ["_build", "tidewater"]\n'
        'devlog_plain_logs = ["logs/*"]\n'
        f'devlog_source_url = "{SOURCE}{{path}}"\n'
        f'devlog_commit_url = "{COMMIT}{{sha}}"\n'
        'devlog_source_root = "tidewater"\n',
        encoding="utf-8",
    )
    (srcdir / "index.md").write_text(
        "# Index\n\n```{toctree}\n:glob:\nlogs/*\ncollections\n```\n", encoding="utf-8"
    )
    (srcdir / "collections.md").write_text(
        "# Collections\n\n```{devlog:filehistory}\n```\n", encoding="utf-8"
    )
    log = _ROUTES_LOG.replace("{BRACES}", "{a,b}" * 22)
    (srcdir / f"{ROUTES}.md").write_text(log, encoding="utf-8")
    (srcdir / f"{PLAIN_ROUTES}.md").write_text(_PLAIN_LOG, encoding="utf-8")
    for name in (
        "app/[slug]/page.tsx",
        "pages/[id].tsx",
        "src/routes/[...rest]/+page.svelte",
        "src/tide.py",
        "src/legacy.py",  # listed as deleted, and still there: no matter
        "pyproject.toml",
    ):
        (srcdir / "tidewater" / name).parent.mkdir(parents=True, exist_ok=True)
        (srcdir / "tidewater" / name).write_text("", encoding="utf-8")
    return srcdir


def test_routes_frameworks_and_files_that_went(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Bracketed routes that exist link and are found; framework names in a plain log are
    no paths; a file said to be deleted is neither checked nor linked; another project's
    bare file name is not this project's; 22 brace groups cost 64 looks."""
    src = _routes_project(tmp_path / "routes")
    app = _build(make_app, src, True)
    assert [(w.path, w.line, w.message) for w in devlog_warnings(app)] == [
        (
            f"{ROUTES}.md",
            18,
            "Files Modified: 'app/[id]/page.tsx' does not exist under "
            "devlog_source_root ('tidewater')",
        ),
        (
            f"{ROUTES}.md",
            22,
            "Files Modified: 'src/gone.py' does not exist under devlog_source_root ('tidewater')",
        ),
        (
            f"{ROUTES}.md",
            23,
            "Files Modified: '/home/bob/otherproj/pyproject.toml' is not "
            "in the project: no tail of it exists under devlog_source_root ('tidewater')",
        ),
        (
            f"{ROUTES}.md",
            25,
            f"Files Modified: 'src/{'{a,b}' * 22}.py' matches no file "
            "under devlog_source_root ('tidewater')",
        ),
    ]
    assert links(app, ROUTES, "devlog-source-link") == [
        ("devlog-file-1", SOURCE + "app/%5Bslug%5D/page.tsx", "app/[slug]/page.tsx"),
        ("devlog-file-2", SOURCE + "pages/%5Bid%5D.tsx", "pages/[id].tsx"),
        (
            "devlog-file-3",
            SOURCE + "src/routes/%5B...rest%5D/%2Bpage.svelte",
            "src/routes/[...rest]/+page.svelte",
        ),
        ("devlog-file-4", SOURCE + "app/%5Bid%5D/page.tsx", "app/[id]/page.tsx"),
        # 5, 6: deleted, removed
        ("devlog-file-7", SOURCE + "src/tide.py", "src/tide.py"),
        ("devlog-file-8", SOURCE + "src/gone.py", "src/gone.py"),
        # 9: another project's
        ("devlog-file-10", SOURCE + "pyproject.toml", "/Users/alice/tidewater/pyproject.toml"),
    ]
    assert [(h, t) for _, h, t in links(app, ROUTES, "devlog-commit-link")] == [
        (COMMIT + "3f2a9c1", "3f2a9c1")
    ]
    assert [(h, t) for _, h, t in links(app, PLAIN_ROUTES, "devlog-source-link")] == [
        (SOURCE + "pages/%5Bid%5D.tsx", "pages/[id].tsx")
    ]
    history = [t for _, _, t in links(app, "collections", "devlog-source-link")]
    assert "pages/[id].tsx" in history and "app/[slug]/page.tsx" in history
    assert "src/legacy.py" not in history and "src/old.py" not in history
    assert "Next.js" not in history


def test_route_comes_and_goes(make_app, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A bracketed route that appears between builds: its warning goes, and the build
    gives what a fresh one gives."""
    src = _routes_project(tmp_path / "inc" / "routes")
    first = _build(make_app, src, True)
    assert "app/[id]/page.tsx" in _missing(first)
    (src / "tidewater/app/[id]").mkdir()
    (src / "tidewater/app/[id]/page.tsx").write_text("", encoding="utf-8")
    second = _build(make_app, src, False)
    assert "app/[id]/page.tsx" not in _missing(second)
    fresh = _fresh(make_app, src, tmp_path / "fresh" / "routes")
    assert _missing(fresh) == _missing(second)
    assert comparable(second.outdir) == comparable(fresh.outdir)
