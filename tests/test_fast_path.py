"""Simple item lists are built without MyST's nested parse: the result must not differ.

``ItemsDirective.fast_path`` builds lists of one-line, plain-word items directly.
These tests build the same generated logs with it on and off and compare every
node (tag, attributes, source, line, text), every HTML page and devlog.json; and
check, without Sphinx, that whatever the fast path accepts is, for MyST's own
parser, one paragraph of text and code spans.
"""

from __future__ import annotations

import json
import pickle
import random
from pathlib import Path

import pytest
from conftest import outputs
from docutils import nodes
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from sphinxcontrib_devlog.directives import items as items_module
from sphinxcontrib_devlog.directives.items import _SIMPLE_ITEM, ItemsDirective

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
    "replacements": (["tasklist", "replacements"], "", False),
    "autolink": (["tasklist", "gfm_autolink"], "", False),
    "checkboxes": (["tasklist"], "myst_enable_checkboxes = True\n", False),
    "disabled-syntax": (["tasklist"], 'myst_disable_syntax = ["backticks"]\n', False),
}


@pytest.mark.parametrize("setting", list(SETTINGS))
def test_fast_path_gives_the_parsers_nodes(make_app, tmp_path, monkeypatch, setting):
    extensions, extra, fast_allowed = SETTINGS[setting]
    used: list[bool] = []
    original = items_module.simple_list

    def counting(directive):  # type: ignore[no-untyped-def]
        result = original(directive)
        used.append(result is not None)
        return result

    monkeypatch.setattr(items_module, "simple_list", counting)
    results = {}
    for fast in (True, False):
        src = tmp_path / f"fast-{fast}"
        write_project(src, extensions, count=40, seed=11, extra=extra)
        monkeypatch.setattr(ItemsDirective, "fast_path", fast)
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
        results[fast] = (doctrees, pages, warnings, wordcounts)
    fast, slow = results[True], results[False]
    assert len(fast[0]) == 40
    for name in fast[0]:
        assert fast[0][name] == slow[0][name], name
    assert fast[1] == slow[1]
    assert fast[2] == slow[2]
    assert fast[3] == slow[3]
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
    if not fast_allowed:
        assert not any(used)
    else:
        assert used.count(True) > 60, used.count(True)
        assert used.count(False) > 10, used.count(False)


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
