"""Simple item lists are built without MyST's nested parse: the result must not differ.

``ItemsDirective.fast_path`` builds lists of one-line, plain-word items directly.
These tests build the same generated logs with it on and off and compare every
node (tag, attributes, source, line, text), every HTML page, devlog.json and MyST's
word count; check that it is taken for plain lists, and not under a MyST release it
was not checked against (where the parser gives the same nodes); and check, without
Sphinx, that whatever the fast path accepts is, for MyST's own parser, one paragraph
of text and code spans.
"""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import myst_parser
import pytest
from conftest import outputs
from corpus import write_project as write_corpus
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from sphinxcontrib_devlog.directives import items as items_module
from sphinxcontrib_devlog.directives.items import (
    _SIMPLE_ITEM,
    MYST_CHECKED,
    ItemsDirective,
    _release,
)

WORDS = ["Measure", "the", "cache", "again", "(3)", "v2.1", "50%", "a/b", "x=1", "why?", "ok!"]
WORDS += ["it's", "re-run", "tests;", "now:", "+1", "`src/app.py`", "`a b`", "`x`"]
#: items the fast path must leave to the parser (markup, structure, odd spacing)
TRICKY = [
    "*emphasis* here",
    "__strong__ words",
    "a [link](https://example.org)",
    "1. nested number",
    "- nested bullet",
    "two  spaces",
    "` spaced code `",
    "<b>html</b>",
    "&amp; entity",
    "escaped \\*star",
    "see https://example.org",
    "(c) and -- and ...",
    '"quoted" words',
    "{sub} braces",
    "$x$ maths",
    "~~struck~~",
    "trailing space ",
    "# heading",
    "> quote",
]
DIRECTIVES = ["goals", "lessons", "next-steps", "files"]


def _item(rng: random.Random) -> str:
    if rng.random() < 0.15:
        return rng.choice(TRICKY)
    words = [rng.choice(WORDS) for _ in range(rng.randint(1, 6))]
    text = " ".join(words)
    return text if text[0].isalpha() or text[0] == "`" else "Do " + text


def _list(rng: random.Random) -> list[str]:
    bullet = rng.choice("-*+")
    lines = []
    for _ in range(rng.randint(1, 5)):
        box = rng.choice(["", "[ ] ", "[x] "])
        mark = bullet if rng.random() > 0.05 else rng.choice("-*+")
        lines.append(f"{mark} {box}{_item(rng)}")
    if rng.random() < 0.05:
        lines.append("  continued on a second line")
    return lines


def write_project(
    root: Path, extensions: list[str], count: int, seed: int, extra: str = ""
) -> None:
    rng = random.Random(seed)
    (root / "logs").mkdir(parents=True)
    (root / "conf.py").write_text(
        f'extensions = ["myst_parser", "sphinxcontrib_devlog"]\nmyst_enable_extensions = {extensions!r}\n'
        'exclude_patterns = ["parts"]\n' + extra
    )
    # lists in an included file: their source and lines are the included file's
    (root / "parts").mkdir()
    (root / "parts" / "lists.md").write_text(
        "Included.\n\n```{devlog:lessons}\n- First included lesson\n- [x] Second one\n```\n"
    )
    (root / "index.md").write_text("# Logs\n\n```{toctree}\n:glob:\n\nlogs/*\n```\n")
    for n in range(count):
        body = [f"# Session {n}\n", "```{devlog}\n:status: success\n:date: 2024-01-01\n```\n"]
        for directive in DIRECTIVES:
            body.append(f"## {directive}\n\n```{{devlog:{directive}}}")
            body.extend(_list(rng))
            body.append("```\n")
        if n == 0:
            body.append("```{include} ../parts/lists.md\n```\n")
            # reST inside MyST: docutils' parser, never the fast path
            body.append("```{eval-rst}\n.. devlog:lessons::\n\n   - A reST lesson\n```\n")
        # MyST's word count, as a page shows it: every list's words are in it
        body.append("{sub-ref}`wordcount-words` words, {sub-ref}`wordcount-minutes` min\n")
        (root / "logs" / f"2024-01-01_session-{n:03d}-success.md").write_text("\n".join(body))


def dump(node: nodes.Node, src: Path) -> list[tuple]:
    """Every node of a tree, with what a writer or a warning could see of it."""
    out = []
    for n in node.findall():
        if isinstance(n, nodes.Text):
            out.append(("#text", str(n)))
        else:
            attrs = sorted((k, repr(v).replace(str(src), "SRC")) for k, v in n.attributes.items())
            source = (n.source or "").replace(str(src), "SRC")
            out.append((n.tagname, attrs, source, n.line, n.rawsource))
    return out


#: (myst_enable_extensions, other conf.py lines, whether the fast path may be taken)
SETTINGS = {
    "tasklist": (["tasklist"], "", True),
    "none": ([], "", True),
    "more": (["tasklist", "colon_fence", "deflist", "dollarmath", "strikethrough"], "", True),
    "slow-readers": (["tasklist"], "myst_words_per_minute = 7\n", True),
    "replacements": (["tasklist", "replacements"], "", False),
    "autolink": (["tasklist", "gfm_autolink"], "", False),
    "checkboxes": (["tasklist"], "myst_enable_checkboxes = True\n", False),
    "disabled-syntax": (["tasklist"], 'myst_disable_syntax = ["backticks"]\n', False),
}


@pytest.fixture
def taken(monkeypatch) -> list[tuple[str, bool]]:  # type: ignore[no-untyped-def]
    """(document, whether the fast path built the list) for every list, as they are read."""
    used: list[tuple[str, bool]] = []
    original = items_module.simple_list

    def counting(directive):  # type: ignore[no-untyped-def]
        result = original(directive)
        used.append((directive.env.docname, result is not None))
        return result

    monkeypatch.setattr(items_module, "simple_list", counting)
    return used


@pytest.fixture
def parsed(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    """The document of every item directive whose content went through MyST's parse."""
    docs: list[str] = []
    original = ItemsDirective.parse_content_to_nodes

    def counting(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        docs.append(self.env.docname)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ItemsDirective, "parse_content_to_nodes", counting)
    return docs


def build_logs(make_app, src: Path) -> tuple:  # type: ignore[no-untyped-def, type-arg]
    """Build *src* fresh: (doctrees of the logs, pages, warnings, word counts)."""
    app = make_app("html", srcdir=src, freshenv=True)
    app.build()
    app.cleanup()
    doctrees = {
        p.name: dump(pickle.loads(p.read_bytes()), src)
        for p in sorted(Path(app.doctreedir, "logs").glob("*.doctree"))
    }
    warnings = app.warning.getvalue().replace(str(src), "SRC")
    # MyST's word count of each page (templates show it as meta.wordcount)
    wordcounts = {d: m.get("wordcount") for d, m in sorted(app.env.metadata.items())}
    pages = {k: v.replace(str(src).encode(), b"SRC") for k, v in outputs(app.outdir).items()}
    return doctrees, pages, warnings, wordcounts


def assert_same(fast: tuple, slow: tuple) -> None:  # type: ignore[type-arg]
    for name in fast[0]:
        assert fast[0][name] == slow[0][name], name
    assert fast[0].keys() == slow[0].keys()
    assert fast[1] == slow[1]
    assert fast[2] == slow[2]
    assert fast[3] == slow[3]


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_fast_path_gives_the_parsers_nodes(make_app, tmp_path, monkeypatch, taken, setting):  # type: ignore[no-untyped-def]
    extensions, extra, fast_allowed = SETTINGS[setting]
    results = {}
    for fast in (True, False):
        src = tmp_path / f"fast-{fast}"
        write_project(src, extensions, count=40, seed=11, extra=extra)
        monkeypatch.setattr(ItemsDirective, "fast_path", fast)
        results[fast] = build_logs(make_app, src)
    fast, slow = results[True], results[False]
    assert len(fast[0]) == 40
    assert_same(fast, slow)
    # MyST counted each log's words (every log has the words of its lists and more)
    assert all(fast[3][f"logs/{name[: -len('.doctree')]}"]["words"] > 10 for name in fast[0])
    data = json.loads(fast[1]["devlog.json"])
    assert sum(len(log["lessons"]) for log in data["logs"]) > 40
    assert b"WARNING" not in fast[1]["devlog.json"]  # parser messages are not item text
    included = [
        n
        for n in fast[0]["2024-01-01_session-000-success.doctree"]
        if len(n) > 2 and n[2].endswith("lists.md")
    ]
    assert len(included) >= 4, included  # the included list kept its own source
    # the comparison means something only if both paths were taken
    used = [fast for _doc, fast in taken]
    if not fast_allowed:
        assert not any(used)
    else:
        assert used.count(True) > 60, used.count(True)
        assert used.count(False) > 10, used.count(False)


def test_fast_path_builds_every_plain_list(make_app, tmp_path, taken, parsed) -> None:  # type: ignore[no-untyped-def]
    """The generated corpus (the benchmarks' one) holds only plain lists: MyST parses
    none of them, under the MyST release installed here."""
    assert MYST_CHECKED[0] <= _release(myst_parser.__version__) < MYST_CHECKED[1], (
        "a MyST release the fast path was not checked against: run these tests and "
        "widen MYST_CHECKED if they pass"
    )
    build_logs(make_app, write_corpus(tmp_path / "corpus", 12))
    assert len(taken) == 12 * 4
    assert all(fast for _doc, fast in taken), taken
    assert parsed == []


@pytest.mark.parametrize("version", ["5.0.0", "5.3.0", "6.0.0", "unknown"])
def test_unchecked_myst_release_gives_the_same_nodes_through_the_parser(  # type: ignore[no-untyped-def]
    make_app, tmp_path, monkeypatch, taken, parsed, version
):
    """Under a MyST release not in MYST_CHECKED, MyST's internals are not read: every
    list goes through MyST's parse, and the result is what the fast path gives."""
    results = {}
    for release in (myst_parser.__version__, version):
        monkeypatch.setattr(myst_parser, "__version__", release)
        src = tmp_path / release
        write_project(src, ["tasklist"], count=16, seed=5)
        taken.clear()
        parsed.clear()
        results[release] = build_logs(make_app, src)
        fast = [f for _doc, f in taken]
        if release == version:
            assert not any(fast)
            assert len(parsed) == len(taken)  # (every one of them had content)
        else:
            assert fast.count(True) > 30, fast.count(True)
    assert_same(results[version], results[myst_parser.__version__])


def test_settings_of_a_documents_front_matter(make_app, tmp_path, monkeypatch, taken) -> None:  # type: ignore[no-untyped-def]
    """A document's front matter can change MyST's settings for it alone: its lists go
    through MyST's parse then, the others' do not."""
    front = {
        "replacements": "  enable_extensions: [tasklist, replacements]\n",
        "checkboxes": "  enable_checkboxes: true\n",
        "slow": "  words_per_minute: 3\n",
    }
    results = {}
    for fast in (True, False):
        src = tmp_path / f"fast-{fast}"
        write_project(src, ["tasklist"], count=6, seed=3)
        for n, matter in enumerate(front.values(), 1):
            log = next((src / "logs").glob(f"*_session-{n:03d}-*.md"))
            text = log.read_text() + "\n```{devlog:lessons}\n- [x] Give (c) to it\n```\n"
            log.write_text(f"---\nmyst:\n{matter}---\n{text}")
        monkeypatch.setattr(ItemsDirective, "fast_path", fast)
        taken.clear()
        results[fast] = build_logs(make_app, src)
        if fast:
            by_doc: dict[str, set[bool]] = {}
            for doc, used in taken:
                by_doc.setdefault(doc.rsplit("_session-", 1)[-1][:3], set()).add(used)
            assert by_doc["001"] == by_doc["002"] == by_doc["003"] == {False}, by_doc
            assert True in by_doc["000"] | by_doc["004"] | by_doc["005"], by_doc
    assert_same(results[True], results[False])
    # the front matter was read: MyST's replacements made (c) a sign there
    assert "©".encode() in results[True][1]["logs/2024-01-01_session-001-success.html"]


def test_release_numbers() -> None:
    assert _release("5.2.0") == (5, 2)
    assert _release("5.3.0rc1") == (5, 3)
    assert _release("10.12") == (10, 12)
    assert _release("unknown") == (0, 0)


def _inline_children(text: str, extensions: set[str]) -> list[tuple[str, str]] | None:
    """MyST's own tokens for *text* as a one-item list: the item's inline children."""
    md = create_md_parser(MdParserConfig(enable_extensions=extensions), RendererHTML)
    tokens = md.parse(text + "\n")
    kinds = [t.type for t in tokens]
    expected = [
        "bullet_list_open",
        "list_item_open",
        "paragraph_open",
        "inline",
        "paragraph_close",
        "list_item_close",
        "bullet_list_close",
    ]
    if kinds != expected:
        return None
    return [(child.type, child.content) for child in tokens[3].children or []]


@settings(max_examples=300, deadline=None)
@given(st.from_regex(_SIMPLE_ITEM, fullmatch=True), st.sampled_from(["tasklist", ""]))
def test_what_the_fast_path_accepts_is_plain_words_for_myst(line, extension):
    match = _SIMPLE_ITEM.fullmatch(line)
    assert match is not None
    children = _inline_children(line, {extension} - {""})
    assert children is not None, line
    assert {kind for kind, _ in children} <= {"text", "code_inline"}, (line, children)
    text = match["text"]
    if match["box"] is not None and extension != "tasklist":
        text = f"[{match['box']}] {text}"
    rebuilt = "".join(f"`{c}`" if kind == "code_inline" else c for kind, c in children)
    assert rebuilt == text, (line, children)
