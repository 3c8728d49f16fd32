"""Malformed logs: each gets a clear devlog.<subtype> warning with file and line,
the build goes on, and nothing the author wrote is lost."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import devlog_warnings, warnings_of

SUFFIX = {"bad-myst": ".md", "bad-rst": ".rst"}

# (document, subtype, message pattern, (marker, occurrence)): the warning's line is
# the line of the marker's n-th occurrence in the source
EXPECTED = [
    (
        "logs/2024-02-30_impossible-date-failed",
        "date",
        r"date '2024-02-30' in filename .* is impossible",
        ("devlog", 1),
    ),
    (
        "logs/2024-02-30_impossible-date-failed",
        "date",
        r"cannot read the date '2024-02-31': '2024-02-31' is no such date",
        (":date:", 1),
    ),
    (
        "logs/2024-04-01_unknown-status-success",
        "field",
        r"unknown status 'finished' \(known: success, complete, partial, failed, blocked\)",
        (":status:", 1),
    ),
    (
        "logs/2024-04-03_mismatch-partial",
        "status",
        r"status 'success' differs from the outcome 'partial' in the filename",
        (":status:", 1),
    ),
    (
        "logs/2024-04-03_mismatch-partial",
        "date",
        r"date 2024-04-04 differs from the date 2024-04-03 in the filename",
        (":date:", 1),
    ),
    (
        "logs/2024-04-05_two-headers-complete",
        "structure",
        r"a second devlog directive in one document",
        ("devlog", 2),
    ),
    (
        "logs/2024-04-06_no-list-failed",
        "structure",
        r"devlog:lessons holds no list",
        ("devlog:lessons", 1),
    ),
    (
        "logs/2024-04-06_no-list-failed",
        "structure",
        r"devlog:next-steps is empty",
        ("devlog:next-steps", 1),
    ),
    (
        "logs/2024-04-10_durations-partial",
        "field",
        r"unknown option 'colour' of the devlog directive",
        (":colour:", 1),
    ),
    (
        "logs/2024-04-10_durations-partial",
        "field",
        r"spent: cannot read duration 'two-ish hours'",
        (":spent:", 1),
    ),
    (
        "logs/2024-04-10_durations-partial",
        "ref",
        r"unknown devlog '2024-01-01_nowhere'",
        (":follows:", 1),
    ),
    (
        "logs/2024-04-10_durations-partial",
        "ref",
        r"log '2024-04-01_unknown-status-success' has no next step 9 \(it has 0\)",
        (":closes:", 1),
    ),
    (
        "logs/notes-about-things",
        "filename",
        r"log filename 'notes-about-things' does not match devlog_filename_pattern",
        ("devlog", 1),
    ),
    (
        "logs/2024-04-11_arguments-success",
        "structure",
        r"the devlog directive takes no argument .* 'A title in the wrong place' is shown in the summary",
        ("devlog", 1),
    ),
    (
        "logs/2024-04-11_arguments-success",
        "structure",
        r"devlog:lessons takes no argument; 'Lessons' is shown as a paragraph",
        ("devlog:lessons", 1),
    ),
    (
        "logs/2024-04-11_arguments-success",
        "field",
        r"unknown option 'colour' of devlog:lessons",
        (":colour: red", 1),
    ),
    ("orphan-items", "structure", r"devlog:goals outside a log", ("devlog:goals", 1)),
    (
        "b/2024-04-07_same-name-success",
        "duplicate",
        r"log name '2024-04-07_same-name-success' is also used by 'a/2024-04-07_same-name-success'",
        ("devlog", 1),
    ),
    (
        "c/2024-04-08_stable-dup-success",
        "duplicate",
        r"log stable name '2024-04-08_stable-dup' is also used by 'c/2024-04-08_stable-dup-failed'",
        ("devlog", 1),
    ),
    ("refs", "field", r"unknown status 'sideways' in devlog:status", ("Missing log", 1)),
    ("refs", "ref", r"unknown devlog 'no-such-log' \(no log has this name", ("Missing log", 1)),
    (
        "refs",
        "ref",
        r"log '2024-04-09_markup-success' has no lesson 5 \(it has 1\)",
        ("Missing log", 1),
    ),
    (
        "refs",
        "ref",
        r"unknown devlog 'no-such-log' in next step reference 'no-such-log#1'",
        ("Missing log", 1),
    ),
    (
        "refs",
        "ref",
        r"bad next step reference '2024-04-09_markup': write LOG#N",
        ("Missing log", 1),
    ),
]


def marker_line(path: Path, marker: str, occurrence: int) -> int:
    seen = 0
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if marker in line:
            seen += 1
            if seen == occurrence:
                return number
    raise AssertionError(f"{marker!r} #{occurrence} not in {path}")


@pytest.fixture(params=["bad-myst", "bad-rst"])
def root(request) -> str:  # type: ignore[no-untyped-def]
    return request.param  # type: ignore[no-any-return]


def test_every_problem_is_reported_where_it_is(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    warnings = devlog_warnings(app)
    unmatched = list(warnings)
    for doc, subtype, pattern, (marker, occurrence) in EXPECTED:
        path = Path(app.srcdir) / f"{doc}{SUFFIX[root]}"
        line = marker_line(path, marker, occurrence)
        hits = [
            w
            for w in unmatched
            if w.path == f"{doc}{SUFFIX[root]}"
            and w.type == f"devlog.{subtype}"
            and re.search(pattern, w.message)
        ]
        assert len(hits) == 1, (doc, subtype, pattern, warnings)
        assert hits[0].line == line, (doc, pattern, hits[0].line, line)
        unmatched.remove(hits[0])
    assert unmatched == []  # "SUCCESS" in capitals, among others, gave no warning
    # nothing but devlog warnings, and no traceback
    assert [w for w in warnings_of(app) if not w.type.startswith("devlog")] == []
    assert "Traceback" not in app.warning.getvalue()


def test_content_is_kept(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root)
    out = Path(app.outdir)

    def page(doc: str) -> str:
        return (out / f"{doc}.html").read_text(encoding="utf-8")

    assert "Body of the unknown-status log." in page("logs/2024-04-01_unknown-status-success")
    assert re.search(
        r'devlog-status-unknown">finished</span>', page("logs/2024-04-01_unknown-status-success")
    )
    assert "Text of the impossible-date log." in page("logs/2024-02-30_impossible-date-failed")
    assert ">2024-02-31</span>" in page("logs/2024-02-30_impossible-date-failed")
    assert "the second header stays visible" in page("logs/2024-04-05_two-headers-complete")
    assert "An orphan goal that must still show" in page("orphan-items")
    assert "A paragraph where a list belongs, kept as written." in page(
        "logs/2024-04-06_no-list-failed"
    )
    durations = page("logs/2024-04-10_durations-partial")
    assert "1h30m estimated, two-ish hours spent" in durations
    assert "2024-01-01_nowhere" in durations and "2024-04-01_unknown-status#9" in durations
    refs = page("refs")
    for text in (
        "no-such-log",
        "2024-04-09_markup#5",
        "no-such-log#1",
        "2024-04-09_markup",
        "sideways",
    ):
        assert text in refs
    arguments = page("logs/2024-04-11_arguments-success")
    for text in ("A title in the wrong place", "Lessons", "A lesson under an argument"):
        assert text in arguments
    assert 'id="devlog-lesson-1"' in arguments
    # duplicate logs both render
    assert "Same name A" in page("a/2024-04-07_same-name-success")
    assert "Same name B" in page("b/2024-04-07_same-name-success")


#: MyST shows raw HTML as text with these; reST has no inline HTML
AS_TEXT = {"bad-myst": {"myst_disable_syntax": ["html_inline", "html_block"]}, "bad-rst": {}}


def test_markup_is_escaped(build, root: str) -> None:  # type: ignore[no-untyped-def]
    """Where the page's parser shows raw HTML as text, so do the title and the header."""
    app = build(root, confoverrides=AS_TEXT[root])
    page = (Path(app.outdir) / "logs/2024-04-09_markup-success.html").read_text(encoding="utf-8")
    body = page[page.index("<h1") :]
    assert "<script>alert" not in body
    assert "<img src=x" not in body and "<b>tag" not in body
    assert "&lt;script&gt;alert(" in body  # the purpose, and the title
    assert "&lt;img src=x onerror=alert(1)&gt;" in body
    assert "&lt;b&gt;tag&lt;/b&gt;" in body
    assert "ünïcödé 🚀" in body and "日本語" in body and "émoji 🚀" in body
    index = (Path(app.outdir) / "index.html").read_text(encoding="utf-8")
    assert "<script>alert(" not in index[index.index("<body") :]
    text_app = build(root, "text", confoverrides=AS_TEXT[root])
    text = (Path(text_app.outdir) / "logs/2024-04-09_markup-success.txt").read_text(
        encoding="utf-8"
    )
    assert '<script>alert("purpose")</script>' in text  # shown, as text
    assert "Unicode survives: ünïcödé 🚀" in text


@pytest.mark.parametrize(
    ("suppress", "gone"),
    [
        (["devlog.status"], {"devlog.status"}),
        (["devlog.ref", "devlog.duplicate"], {"devlog.ref", "devlog.duplicate"}),
        (
            ["devlog"],
            {
                "devlog.status",
                "devlog.ref",
                "devlog.duplicate",
                "devlog.field",
                "devlog.date",
                "devlog.filename",
                "devlog.structure",
            },
        ),
    ],
)
def test_suppress_warnings(build, root: str, suppress: list[str], gone: set[str]) -> None:  # type: ignore[no-untyped-def]
    everything = {w.type for w in devlog_warnings(build(root))}
    assert gone <= everything
    app = build(root, confoverrides={"suppress_warnings": suppress})
    left = {w.type for w in devlog_warnings(app)}
    assert left == everything - gone


def test_filename_checks_off(build, root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(root, confoverrides={"devlog_check_filename": False})
    types = {w.type for w in devlog_warnings(app)}
    assert "devlog.filename" not in types and "devlog.status" not in types
    assert "devlog.field" in types  # the other checks still run


def test_bad_config_is_reported_and_replaced(build) -> None:  # type: ignore[no-untyped-def]
    app = build(
        "myst",
        confoverrides={
            "devlog_filename_pattern": "(?P<date>",
            "devlog_statuses": {"success": "green"},
        },
    )
    config_warnings = [w for w in warnings_of(app) if w.type == "devlog.config"]
    assert len(config_warnings) == 2
    assert [w for w in devlog_warnings(app) if w.type != "devlog.config"] == []


# -- odd input: option blocks, nesting, empty items, references, durations, raw HTML ------

INPUT_SUFFIX = {"input-myst": ".md", "input-rst": ".rst"}


@pytest.fixture(params=["input-myst", "input-rst"])
def input_root(request) -> str:  # type: ignore[no-untyped-def]
    return request.param  # type: ignore[no-any-return]


def exported(app, name: str) -> dict:  # type: ignore[no-untyped-def,type-arg]
    """The log *name* (``YYYY-MM-DD_slug``) in the build's devlog.json."""
    data = json.loads((Path(app.outdir) / "devlog.json").read_text(encoding="utf-8"))
    found = [log for log in data["logs"] if log["stable_name"] == name]
    assert len(found) == 1, (name, [log["name"] for log in data["logs"]])
    return found[0]  # type: ignore[no-any-return]


def texts(items: list[dict]) -> list[str]:  # type: ignore[type-arg]
    return [item["text"] for item in items]


def warnings_in(app, path: str) -> list[tuple[str, int | None, str]]:  # type: ignore[no-untyped-def]
    """``(type, line, message)`` of every warning about *path*, devlog's or not."""
    return sorted((w.type, w.line, w.message) for w in warnings_of(app) if w.path == path)


def line_of(app, path: str, marker: str, occurrence: int = 1) -> int:  # type: ignore[no-untyped-def]
    return marker_line(Path(app.srcdir) / path, marker, occurrence)


def no_traceback(app) -> None:  # type: ignore[no-untyped-def]
    assert "Traceback" not in app.warning.getvalue()
    assert not [w for w in warnings_of(app) if w.type.startswith("myst")]


def test_option_block_myst_cannot_read_is_read_line_by_line(build) -> None:  # type: ignore[no-untyped-def]
    """A stray quote or a tab made MyST drop the whole option block, silently."""
    app = build("input-myst")
    no_traceback(app)
    quote = exported(app, "2024-05-01_stray-quote")
    assert quote["purpose"] == '"Fix the parser'
    assert quote["tags"] == ["parser", "quotes"]
    assert quote["follows"] == ["2024-05-02_tab-after-tags-success"]
    assert quote["closes"] == ["2024-05-02_tab-after-tags-success#1"]
    assert quote["summary"] == "The summary stays."
    path = "logs/2024-05-01_stray-quote-success.md"
    ((kind, line, message),) = warnings_in(app, path)
    assert (kind, line) == ("devlog.field", line_of(app, path, ":purpose:"))
    assert "MyST" in message and "quote" in message, message

    tab = exported(app, "2024-05-02_tab-after-tags")
    assert tab["tags"] == ["parser"]
    assert tab["purpose"] == "Quoted: read as MyST reads it"  # quotes MyST can read are its
    assert tab["follows"] == ["2024-05-03_yaml-block-success"]
    path = "logs/2024-05-02_tab-after-tags-success.md"
    ((kind, line, message),) = warnings_in(app, path)
    assert (kind, line) == ("devlog.field", line_of(app, path, ":tags:"))
    assert "tab" in message, message
    # the closed step is closed: the quote log's :closes: was read
    assert [s["open"] for s in tab["next_steps"]] == [False]


def test_option_block_in_yaml_is_read(build) -> None:  # type: ignore[no-untyped-def]
    app = build("input-myst")
    log = exported(app, "2024-05-03_yaml-block")
    assert log["purpose"] == "Options in a YAML block"
    assert log["tags"] == ["yaml", "options"]
    assert log["spent_minutes"] == 120
    assert log["summary"] == "The summary after a YAML block."
    assert warnings_in(app, "logs/2024-05-03_yaml-block-success.md") == []


def test_nested_item_directive_is_reported_and_counted_once(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    no_traceback(app)
    log = exported(app, "2024-05-04_nested-items")
    assert texts(log["next_steps"]) == ["Outer step", "Inner step"]
    assert [s["id"] for s in log["next_steps"]] == [
        "2024-05-04_nested-items-success#1",
        "2024-05-04_nested-items-success#2",
    ]
    assert texts(log["goals"]) == ["Inner goal"]
    assert texts(log["lessons"]) == ["Outer lesson"]
    path = f"logs/2024-05-04_nested-items-success{INPUT_SUFFIX[input_root]}"
    found = warnings_in(app, path)
    assert [(kind, line) for kind, line, _message in found] == [
        ("devlog.structure", line_of(app, path, "devlog:next-steps", 2)),
        ("devlog.structure", line_of(app, path, "devlog:goals")),
    ]
    assert all("inside another item directive" in message for _k, _l, message in found)
    page = (Path(app.outdir) / "logs/2024-05-04_nested-items-success.html").read_text("utf-8")
    for anchor in ("devlog-step-1", "devlog-step-2", "devlog-goal-1", "devlog-lesson-1"):
        assert page.count(f'id="{anchor}"') == 1, anchor
    assert "devlog-step-3" not in page


def test_nested_item_directive_in_a_plain_log(build) -> None:  # type: ignore[no-untyped-def]
    app = build("input-myst")
    log = exported(app, "2024-06-01_plain-nested")
    assert texts(log["next_steps"]) == ["Outer plain step", "Inner plain step"]
    path = "plain/2024-06-01_plain-nested-success.md"
    nested = [w for w in warnings_in(app, path) if "inside another" in w[2]]
    assert [(kind, line) for kind, line, _m in nested] == [
        ("devlog.structure", line_of(app, path, "devlog:next-steps", 2))
    ]


def test_an_item_directive_holding_only_another_counts_its_items(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    """Plain logs read nothing from it (and said "no next steps read"); both said the
    outer directive "holds no list"."""
    app = build(input_root)
    no_traceback(app)
    logs = [("logs/2024-05-12_only-nested-success", "Inner only step")]
    if input_root == "input-myst":
        logs.append(("plain/2024-06-02_plain-only-nested-success", "Inner only plain step"))
    for doc, text in logs:
        log = exported(app, doc.split("/")[1].rsplit("-", 1)[0])
        assert [(s["id"].split("#")[1], s["text"]) for s in log["next_steps"]] == [("1", text)]
        path = f"{doc}{INPUT_SUFFIX[input_root]}"
        found = warnings_in(app, path)
        assert [(kind, line) for kind, line, _message in found] == [
            ("devlog.structure", line_of(app, path, "devlog:next-steps", 2))
        ], found
        assert "inside another item directive" in found[0][2]
        env_log = app.env.domains["devlog"].logs[doc]
        assert env_log.unread == {}, env_log.unread


def test_an_item_with_an_empty_first_paragraph_is_its_words(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    no_traceback(app)
    logs = [("2024-05-13_empty-first-paragraph", "Second paragraph says what to do.")]
    if input_root == "input-myst":
        logs.append(("2024-06-03_plain-empty", "A plain second paragraph says what to do."))
    for name, text in logs:
        (first, _after) = exported(app, name)["next_steps"]
        assert first["text"] == text


def test_an_empty_item_keeps_its_number(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    """Skipping it renumbered the items after it: references to them changed meaning."""
    app = build(input_root)
    suffix = INPUT_SUFFIX[input_root]
    logs = [("logs/2024-05-13_empty-first-paragraph-success", "The step after an empty one")]
    if input_root == "input-myst":
        logs.append(("plain/2024-06-03_plain-empty-success", "The plain step after an empty one"))
    for doc, text in logs:
        log = exported(app, doc.split("/")[1].rsplit("-", 1)[0])
        assert [(s["id"].split("#")[1], s["text"]) for s in log["next_steps"]][1] == ("3", text)
        path = f"{doc}{suffix}"
        lines = (Path(app.srcdir) / path).read_text(encoding="utf-8").splitlines()
        empty = [n for n, line in enumerate(lines, start=1) if line.strip() == "- [ ]"][1]
        assert warnings_in(app, path) == [
            ("devlog.structure", empty, "an empty next step item is skipped")
        ]
        page = (Path(app.outdir) / f"{doc}.html").read_text("utf-8")
        assert [page.count(f'id="devlog-step-{n}"') for n in (1, 2, 3)] == [1, 0, 1]
        assert app.env.domains["devlog"].logs[doc].blanks == {"step": [2]}
    # a :closes: and a reference to #3 still mean the step after the empty one
    closer = exported(app, "2024-05-14_refers-past-empty")
    assert closer["closes"] == ["2024-05-13_empty-first-paragraph-success#3"]
    steps = exported(app, "2024-05-13_empty-first-paragraph")["next_steps"]
    assert steps[1]["open"] is False
    page = (Path(app.outdir) / "logs/2024-05-14_refers-past-empty-success.html").read_text("utf-8")
    assert "2024-05-13_empty-first-paragraph-success.html#devlog-step-3" in page
    # ... and one to #2 is an unknown step, which says why
    path = f"logs/2024-05-14_refers-past-empty-success{suffix}"
    ((kind, _line, message),) = warnings_in(app, path)
    assert kind == "devlog.ref"
    assert "next step 2 of log '2024-05-13_empty-first-paragraph-success' is an empty item" in (
        message
    )


def test_option_lines_after_a_blank_line_are_reported(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    """They are the summary, as MyST and docutils read them; they were dropped silently."""
    app = build(input_root)
    no_traceback(app)
    log = exported(app, "2024-05-15_blank-in-options")
    assert log["date"] == "2024-05-15"
    assert (log["purpose"], log["status"]) == ("", "partial")  # the status is the filename's
    assert "the purpose" in log["summary"] and "The summary." in log["summary"]
    path = f"logs/2024-05-15_blank-in-options-partial{INPUT_SUFFIX[input_root]}"
    ((kind, line, message),) = warnings_in(app, path)
    assert (kind, line) == ("devlog.field", line_of(app, path, ":purpose:"))
    assert ":purpose:, :status:" in message and "remove the blank line" in message


def test_yaml_lists_in_the_option_block(build) -> None:  # type: ignore[no-untyped-def]
    """``tags: [a, b, A]`` gave the tags '[a', 'b', 'A]'."""
    app = build("input-myst")
    no_traceback(app)
    log = exported(app, "2024-05-16_yaml-lists")
    assert log["tags"] == ["a", "b"]
    assert log["follows"] == ["2024-05-03_yaml-block-success", "2024-05-12_only-nested-success"]
    assert log["closes"] == ["2024-05-13_empty-first-paragraph-success#1"]
    path = "logs/2024-05-16_yaml-lists-success.md"
    ((kind, line, message),) = warnings_in(app, path)  # the tag given twice, as 'A'
    assert (kind, line) == ("devlog.field", line_of(app, path, "tags:"))
    assert "'a'" in message and "'A'" in message, message


def test_duplicate_option_keeps_the_log_and_the_first_value(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    no_traceback(app)
    log = exported(app, "2024-05-05_twice-status")
    assert log["status"] == "partial"  # the first; the filename agrees, so no devlog.status
    assert log["purpose"] == "A status given twice"
    assert texts(log["goals"]) == ["Keep the log"]
    path = f"logs/2024-05-05_twice-status-partial{INPUT_SUFFIX[input_root]}"
    ((kind, line, message),) = warnings_in(app, path)  # no docutils error either
    assert (kind, line) == ("devlog.field", line_of(app, path, ":status:", 2))
    assert "'status'" in message and "'partial'" in message, message


EMPTY_ITEMS = ("- [ ]", "-", "- ` `", "- ``")


def test_empty_items_are_reported_and_skipped(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    no_traceback(app)
    log = exported(app, "2024-05-06_empty-items")
    assert [(g["id"], g["text"], g["done"]) for g in log["goals"]] == [
        ("2024-05-06_empty-items-success#2", "A real goal", True)  # numbered by position
    ]
    assert log["lessons"] == []
    path = f"logs/2024-05-06_empty-items-success{INPUT_SUFFIX[input_root]}"
    lines = (Path(app.srcdir) / path).read_text(encoding="utf-8").splitlines()
    empty = [n for n, text in enumerate(lines, start=1) if text.strip() in EMPTY_ITEMS]
    expected = [
        (
            "devlog.structure",
            n,
            f"an empty {'lesson' if n == empty[-1] else 'goal'} item is skipped",
        )
        for n in empty
    ]
    assert warnings_in(app, path) == expected  # and no "holds no list" for the lessons
    page = (Path(app.outdir) / "logs/2024-05-06_empty-items-success.html").read_text("utf-8")
    assert 'id="devlog-goal-2"' in page
    assert "devlog-goal-1" not in page and "devlog-goal-3" not in page


def test_plain_reader_skips_empty_items(build) -> None:  # type: ignore[no-untyped-def]
    app = build("input-myst")
    log = exported(app, "2024-06-01_plain-nested")
    assert texts(log["lessons"]) == ["A plain lesson"]
    path = "plain/2024-06-01_plain-nested-success.md"
    lines = (Path(app.srcdir) / path).read_text(encoding="utf-8").splitlines()
    empty = [n for n, text in enumerate(lines, start=1) if text.strip() in EMPTY_ITEMS]
    assert [w[:2] for w in warnings_in(app, path) if "empty" in w[2]] == [
        ("devlog.structure", n) for n in empty
    ]


def test_follows_and_closes_that_point_back(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    no_traceback(app)
    suffix = INPUT_SUFFIX[input_root]
    a, b = f"logs/2024-05-07_cycle-a-success{suffix}", f"logs/2024-05-08_cycle-b-success{suffix}"
    ((kind, line, message),) = warnings_in(app, a)  # one warning for the cycle, where it starts
    assert (kind, line) == ("devlog.ref", line_of(app, a, ":follows:"))
    assert "cycle" in message and "2024-05-08_cycle-b" in message, message
    assert warnings_in(app, b) == []
    path = f"logs/2024-05-09_self-success{suffix}"
    found = warnings_in(app, path)
    assert ("devlog.ref", line_of(app, path, ":follows:")) in [w[:2] for w in found]
    assert ("devlog.ref", line_of(app, path, ":closes:")) in [w[:2] for w in found]
    assert any("follows itself" in w[2] for w in found), found
    assert any("its own" in w[2] for w in found), found
    # the step still counts as done: the log says so, if in the wrong place
    assert [s["open"] for s in exported(app, "2024-05-09_self")["next_steps"]] == [False]


def test_duplicate_tags_are_reported_and_kept_once(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    log = exported(app, "2024-05-09_self")
    assert log["tags"] == ["alpha", "beta"]  # tags match case-insensitively, as filters do
    path = f"logs/2024-05-09_self-success{INPUT_SUFFIX[input_root]}"
    tags = [w for w in warnings_in(app, path) if w[1] == line_of(app, path, ":tags:")]
    assert [(kind, "'alpha'" in message) for kind, _line, message in tags] == [
        ("devlog.field", True),
        ("devlog.field", True),
    ]


def test_absurd_durations_are_reported_not_accepted(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    app = build(input_root)
    no_traceback(app)
    suffix = INPUT_SUFFIX[input_root]
    log = exported(app, "2024-05-09_self")
    assert (log["estimate_minutes"], log["spent_minutes"]) == (120, None)
    path = f"logs/2024-05-09_self-success{suffix}"
    spent = [w for w in warnings_in(app, path) if w[1] == line_of(app, path, ":spent:")]
    assert [w[0] for w in spent] == ["devlog.field"] and "year" in spent[0][2], spent
    page = (Path(app.outdir) / "logs/2024-05-09_self-success.html").read_text("utf-8")
    assert "2h estimated, 99999999999d spent" in page  # shown as written
    log = exported(app, "2024-05-10_overflow")
    assert (log["estimate_minutes"], log["spent_minutes"]) == (None, 60)
    path = f"logs/2024-05-10_overflow-success{suffix}"
    assert [w[:2] for w in warnings_in(app, path)] == [
        ("devlog.field", line_of(app, path, ":estimate:"))
    ]


def test_statuses_differing_only_in_case_are_reported(build) -> None:  # type: ignore[no-untyped-def]
    statuses = {"success": "success", "partial": "warning", "Success": "danger"}
    app = build("input-myst", confoverrides={"devlog_statuses": statuses})
    config = [w for w in devlog_warnings(app) if w.type == "devlog.config"]
    assert len(config) == 1, config
    assert "'success'" in config[0].message and "'Success'" in config[0].message
    page = (Path(app.outdir) / "logs/2024-05-09_self-success.html").read_text("utf-8")
    assert "sd-bg-success" in page and "sd-bg-danger" not in page  # the first one counts


def raw_page(app) -> str:  # type: ignore[no-untyped-def]
    page = (Path(app.outdir) / "logs/2024-05-11_raw-html-success.html").read_text("utf-8")
    return page[page.index("<h1") :]


RAW_SPANS = ('<span class="raw-purpose">', '<span class="raw-summary">', '<span class="raw-item">')


def test_raw_html_passes_where_the_parser_lets_it(build, input_root: str) -> None:  # type: ignore[no-untyped-def]
    """One rule for header fields, summary and items: the page's own."""
    app = build(input_root)
    page = raw_page(app)
    for span in RAW_SPANS:
        assert span in page, span
    log = exported(app, "2024-05-11_raw-html")
    assert log["purpose"] == 'A <span class="raw-purpose">purpose</span>'
    assert texts(log["lessons"]) == ['A <span class="raw-item">lesson</span>']


def assert_shown_as_text(page: str) -> None:
    for span in RAW_SPANS:
        assert span not in page, span
        # escaped, its quotes perhaps made curly by smartquotes
        assert re.search(r"&lt;span class=\W+" + span[13:-2], page), span


def test_raw_html_is_text_where_myst_shows_it_as_text(build) -> None:  # type: ignore[no-untyped-def]
    app = build("input-myst", confoverrides={"myst_disable_syntax": ["html_inline", "html_block"]})
    assert_shown_as_text(raw_page(app))


def test_raw_html_is_text_where_docutils_disables_raw(build, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    conf = tmp_path / "docutils.conf"
    conf.write_text("[general]\nraw_enabled: no\n", encoding="utf-8")
    monkeypatch.setenv("DOCUTILSCONFIG", str(conf))
    app = build("input-rst")
    page = raw_page(app)
    for span in RAW_SPANS:
        assert span not in page, span
        assert span[13:-2] in page  # the role's text is shown


def test_summary_text_leaves_out_the_parsers_messages(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    src = tmp_path / "summary"
    (src / "logs").mkdir(parents=True)
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinxcontrib_devlog"]\n')
    (src / "index.md").write_text("# Logs\n\n```{toctree}\n:glob:\nlogs/*\n```\n")
    (src / "logs/2024-05-12_summary-success.md").write_text(
        "# Summary\n\n```{devlog}\n:purpose: p\n\nA {nosuchrole}`x` summary.\n```\n"
    )
    app = build("summary", srcdir=src)
    assert [w.type for w in warnings_of(app)] == ["myst.role_unknown"]
    assert exported(app, "2024-05-12_summary")["summary"] == "A summary."
