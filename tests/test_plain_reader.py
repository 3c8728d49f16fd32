"""The plain-log reader without Sphinx: heading words, statuses, dates, and the reader on
the drift corpus and on generated Markdown."""

from __future__ import annotations

import datetime as dt

import pytest
from conftest import ROOTS, read_file
from drift import EXPECTED, NOT_LOGS
from hypothesis import given, settings
from hypothesis import strategies as st

from sphinxcontrib_devlog.config import DEFAULT_STATUSES
from sphinxcontrib_devlog.dates import read_date
from sphinxcontrib_devlog.filenames import parse_filename, title_from_name
from sphinxcontrib_devlog.plain.parse import read_text
from sphinxcontrib_devlog.plain.sections import SectionWords
from sphinxcontrib_devlog.plain.status import resolve_status

DRIFT = ROOTS / "test-drift" / "logs"
WORDS = SectionWords.make()


# -- heading words ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Lessons Learned", "lesson"),
        ("Key Lessons Learned", "lesson"),
        ("Key Learnings", "lesson"),
        ("Insights", "lesson"),
        ("Technical Insights", "lesson"),
        ("📚 **Lessons Learned**", "lesson"),
        ("Lessons learned from the cache rewrite", "lesson"),
        ("Lessons Learned & Best Practices", "lesson"),
        ("Takeaways", "lesson"),
        ("Next Steps", "step"),
        ("🎯 NEXT STEPS", "step"),
        ("7. Next Steps (priority order)", "step"),
        ("Phase 4: Next steps", "step"),
        ("Future Enhancements", "step"),
        ("Future Work", "step"),
        ("Future Considerations", "step"),
        ("Follow-up", "step"),
        ("Follow-ups", "step"),
        ("Remaining Work", "step"),
        ("Recommendations", "step"),
        ("Recommendations for the next session", "step"),
        ("Immediate Actions", "step"),
        ("Action Items", "step"),
        ("TODO", "step"),
        ("What's next", "step"),
        ("Next Session", "step"),
        ("Files Modified", "file"),
        ("Modified Files", "file"),
        ("Files Created/Modified", "file"),
        ("New Files", "file"),
        ("Files Changed", "file"),
        ("Files", "file"),
        ("Files Touched", "file"),
        ("Files with significant session changes", "file"),
        ("Configuration Files", "file"),
        ("New Artifacts Created", "file"),
        ("Testing Files Created", "file"),
        ("Session Goals", "goal"),
        ("Test Objectives", "goal"),
        ("Objective", "goal"),
        ("References", ""),
        ("Documentation Consulted", ""),
        # named nothing: these hold no items of any kind
        ("Outcomes", None),
        ("✅ Completed", None),
        ("Implementation Log", None),
        ("Code Changes Summary", None),
        ("Key Improvements", None),
        ("Key Files", None),
        ("Artifacts", None),  # what a run wrote
        ("Related Files", None),
        ("Files to Review", None),
        ("Files for later", None),
        ("File Structure", None),
        ("Files Reviewed", None),
        ("File: src/kestrel/fetch.py", None),
        ("Updating the configuration files", None),
        ("Step 3: Updating the configuration files", None),
        ("API Documentation & Best Practices", None),
        ("Option 1: Git submodules (future consideration)", None),
        ("Success Criteria", None),
        ("Test Results", None),
        ("Known Issues", None),
        ("Summary", None),
    ],
)
def test_heading_words(heading: str, kind: str | None) -> None:
    assert WORDS.kind_of(heading) == kind


def test_project_words_extend_and_override() -> None:
    words = SectionWords.make({"Parking lot": "step", "Future Work": "", "Gotchas": "lesson"})
    assert words.kind_of("Parking Lot") == "step"
    assert words.kind_of("Parking lot for later") == "step"
    assert words.kind_of("Future Work") == ""  # this project's Future Work is no to-do list
    assert words.kind_of("Future Enhancements") == "step"


# -- statuses --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "filename", "status", "doubt"),
    [
        ("success", "", "success", False),
        ("SUCCESS", "", "success", False),
        ("✅ COMPLETE SUCCESS", "complete", "complete", False),
        ("✅ COMPLETE SUCCESS", "success", "success", False),
        ("✅ **COMPLETED SUCCESSFULLY**", "success", "success", False),
        ("✅ PRODUCTION READY", "success", "success", False),
        ("✅ SUCCESS - Root cause identified", "complete", "complete", False),
        ("Completed (pending repo commit)", "", "complete", False),
        ("⚠️ Partially done", "", "partial", False),
        ("Partial Success", "", "partial", False),
        ("🟡 Mostly working", "", "partial", False),
        ("IN PROGRESS", "", "partial", False),
        ("❌ FAILED", "", "failed", False),
        ("❌ Failed - API down", "success", "failed", False),
        ("CRITICAL - pattern not working as documented", "success", "failed", False),
        ("CRITICAL - pattern not working as documented", "blocked", "blocked", False),
        ("Not working: discovery misses links", "", "failed", False),
        ("not fully complete", "", "partial", False),
        ("Failed – regression not fixed", "", "failed", False),
        ("Blocked on the FTS5 build flag", "", "blocked", False),
        ("⛔ Blocked", "", "blocked", False),
        ("on hold until Monday", "", "blocked", False),
        ("Shipped 🚀", "", "complete", False),
        ("✅ RESOLVED - critical bug fixed", "success", "success", False),
        ("no errors", "", "success", False),
        ("Completed with errors", "success", "partial", True),
        ("❌ FINISHED", "complete", "partial", True),
        ("Completed with errors", "partial", "partial", False),
        ("Unable to complete the migration", "success", "partial", False),
        ("Completed with failures", "success", "partial", True),
        ("Done; critical bug", "success", "partial", True),
        ("Complete but CRITICAL issues", "complete", "partial", True),
        ("Resolved: no", "success", "failed", False),
        ("Success: false", "success", "failed", False),
        ("Fixed? No.", "success", "failed", False),
        ("Aborted after timeout", "success", "failed", False),
        ("Didn't work", "success", "failed", False),
        ("Crashing", "success", "failed", False),
        ("Success, but slow", "success", "success", False),
        ("[success/partial/failed/blocked/complete]", "partial", "partial", False),
        ("see below", "success", None, True),
        ("", "success", None, True),
    ],
)
def test_resolve_status(text: str, filename: str, status: str | None, doubt: bool) -> None:
    reading = resolve_status(text, DEFAULT_STATUSES, {"shipped": "complete"}, filename)
    assert (reading.status, bool(reading.doubt)) == (status, doubt)


@given(st.text(max_size=60), st.sampled_from(["", *DEFAULT_STATUSES]))
@settings(deadline=None)
def test_a_bad_word_never_reads_as_a_good_outcome(text: str, filename: str) -> None:
    """Whatever else it says, and whatever the filename, a line that says something went
    wrong never reads as a good outcome."""
    for bad in ("❌ ", "not working ", "FAILED ", "CRITICAL - not fixed. "):
        reading = resolve_status(bad + text, DEFAULT_STATUSES, {}, filename)
        assert reading.status not in ("success", "complete"), (bad + text, reading)


# -- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "hint", "date"),
    [
        ("2025-07-09", None, "2025-07-09"),
        ("2025-07-09 22:52:00", None, "2025-07-09"),
        ("2025/07/09", None, "2025-07-09"),
        ("July 9, 2025", None, "2025-07-09"),
        ("Jul 9 2025", None, "2025-07-09"),
        ("9 July 2025", None, "2025-07-09"),
        ("9th of July, 2025", None, "2025-07-09"),
        ("Wednesday, July 9th, 2025", None, "2025-07-09"),
        ("August 4th, 2025", None, "2025-08-04"),
        ("13/07/2025", None, "2025-07-13"),
        ("07/09/2025", dt.date(2025, 7, 9), "2025-07-09"),
        ("07/09/2025", dt.date(2025, 9, 7), "2025-09-07"),
        ("07/09/2025", None, None),  # reads both ways
        ("2024-02-30", None, None),
        ("February 30, 2024", None, None),
        ("[YYYY-MM-DD]", None, None),
        ("soon", None, None),
    ],
)
def test_read_date(text: str, hint: dt.date | None, date: str | None) -> None:
    reading = read_date(text, hint)
    assert (reading.date.isoformat() if reading.date else None) == date
    assert bool(reading.problem) == (date is None)


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2199, 12, 31)))
@settings(deadline=None)
def test_dates_in_words_read_back(date: dt.date) -> None:
    for text in (
        date.isoformat(),
        f"{date:%B} {date.day}, {date.year}",
        f"{date.day} {date:%B} {date.year}",
        f"{date:%b} {date.day} {date.year}",
        f"{date:%d/%m/%Y}",
    ):
        assert read_date(text, date).date == date, text


@given(st.text(max_size=40))
@settings(deadline=None)
def test_read_date_never_raises(text: str) -> None:
    read_date(text)


# -- the drift corpus ----------------------------------------------------------------------------


def test_drift_corpus_is_large_enough() -> None:
    assert len(EXPECTED) >= 30
    on_disk = {p.stem for p in DRIFT.glob("*.md")}
    assert on_disk == set(EXPECTED) | set(NOT_LOGS)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_drift_log_is_read_as_a_person_reads_it(name: str) -> None:
    expected = EXPECTED[name]
    log = read_file(DRIFT / f"{name}.md")
    parts = parse_filename(name, statuses=DEFAULT_STATUSES)
    assert parts is not None
    assert (log.title or title_from_name(name, statuses=DEFAULT_STATUSES)) == expected.title
    written = log.fields.get("status")
    status = None
    if written is not None:
        status = resolve_status(written.value, DEFAULT_STATUSES, {}, parts.status).status
    assert (status or parts.status) == expected.status
    date = log.fields.get("date")
    if date is not None:
        assert read_date(date.value, parts.date).date == dt.date.fromisoformat(expected.date)
    assert [(i.text, bool(i.checked)) for i in log.items["goal"]] == expected.goals
    assert [i.text for i in log.items["lesson"]] == expected.lessons
    assert [(i.text, bool(i.checked)) for i in log.items["step"]] == expected.steps
    assert [i.path for i in log.items["file"]] == expected.files
    structure = [("structure", line) for subtype, _m, line in log.notes if subtype == "structure"]
    assert structure == [w for w in expected.warnings if w[0] == "structure"]
    for items in log.items.values():
        for item in items:
            assert item.line >= 1


def test_items_and_fields_carry_their_source_lines() -> None:
    log = read_file(DRIFT / "2025-06-03_feed-parser-partial.md")
    assert log.fields["status"].line == 3 and log.fields["spent"].line == 5
    assert [i.line for i in log.items["lesson"]] == [16, 17, 20, 21]
    assert [i.line for i in log.items["step"]] == [26, 27, 30, 31]
    crlf = read_file(DRIFT / "2025-07-02_cache-headers-complete.md")
    assert crlf.fields["status"].line == 5 and crlf.items["step"][0].line == 16


def test_files_keep_their_descriptions() -> None:
    log = read_file(DRIFT / "2025-06-24_websub-push-success.md")
    assert [(i.path, i.description) for i in log.items["file"]] == [
        ("src/kestrel/websub.py", "signature check"),
        ("tests/test_websub.py", "lease renewal"),
    ]
    table = read_file(DRIFT / "2025-06-19_docker-image-partial.md")
    assert [(i.path, i.description) for i in table.items["file"]] == [
        ("Dockerfile", "multi-stage build"),
        ("compose.yaml", "example deployment"),
    ]


def test_a_template_looks_like_a_log_and_is_excluded_by_name() -> None:
    """The template has a HEADER and a status line: read alone, it looks like a log; the
    build never reads it as one (``devlog_plain_exclude``), which ``test_plain`` checks."""
    template = read_file(DRIFT / "session-template.md")
    assert template.looks_like_a_log


# -- generated Markdown --------------------------------------------------------------------------

_LINES = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        [
            "# HEADER",
            "## HEADER",
            "# Title",
            "Title",
            "=====",
            "-----",
            "## Next Steps",
            "### Future Work",
            "## Lessons",
            "**Files Changed**:",
            "- **Core:**",
            "  - nested",
            "```",
            "```python",
            "~~~",
            "- [ ] x",
            "- [x] y",
            "- ✅ done",
            "- ~~struck~~",
            "1. z",
            "1) z",
            "**Status**: ✅ done",
            "Status:",
            "- **Date**: July 9, 2025",
            "## Files Modified",
            "- `a.py` - b",
            "| File | Change |",
            "|---|---|",
            "| `b.py` | c |",
            "<!-- comment -->",
            "---",
            "",
            "    indented",
            "> quoted",
            "#",
            "-",
            "* ",
            "[ ]",
            "**Next Steps**: deploy",
        ]
    ),
)


@given(st.lists(_LINES, max_size=40))
@settings(max_examples=300, deadline=None)
def test_reading_never_raises(lines: list[str]) -> None:
    log = read_text("\n".join(lines))
    assert not [n for n in log.notes if "could not be read in full" in n[1]]
    for items in log.items.values():
        for item in items:
            assert item.line >= 1 and item.text


@given(st.text(max_size=400))
@settings(deadline=None)
def test_reading_arbitrary_text_never_raises(text: str) -> None:
    log = read_text(text)
    assert not [n for n in log.notes if "could not be read in full" in n[1]]


@given(
    st.lists(
        st.sampled_from(["- [ ] in code", "## Next Steps", "1. also code", "- ✅ x"]),
        min_size=1,
        max_size=8,
    ),
    st.sampled_from(["```", "~~~", "````markdown"]),
)
@settings(deadline=None)
def test_code_never_gives_items(inside: list[str], fence: str) -> None:
    close = fence.rstrip("markdown")
    text = "# Log\n\n## Next Steps\n\n" + fence + "\n" + "\n".join(inside) + "\n" + close + "\n"
    indented = "# Log\n\n## Next Steps\n\nSee:\n\n" + "".join(f"    {x}\n" for x in inside)
    for source in (text, indented):
        log = read_text(source)
        assert log.items["step"] == []
        # the section yields nothing: that is said, not hidden
        assert [n[0] for n in log.notes] == ["structure"]


def test_the_plain_reader_reads_plain_paths_in_a_files_section() -> None:
    log = read_text("# Log\n\n## Files Modified\n\nsrc/a.py\nsrc/b.py - tests\n")
    assert [(i.path, i.description) for i in log.items["file"]] == [
        ("src/a.py", ""),
        ("src/b.py", "tests"),
    ]


def test_a_path_in_a_heading_like_label_is_a_file() -> None:
    log = read_text(
        "# Log\n\n## Files Created\n\n**1. scripts/setup.ps1** (350 lines)\n- sets things up\n"
    )
    assert [i.path for i in log.items["file"]] == ["scripts/setup.ps1"]
    assert log.notes == []


def test_a_files_label_must_say_the_files_changed() -> None:
    """In a review, ``**Files**:`` lists where a problem is; ``**Files changed**:`` what a
    session changed."""
    review = read_text("# Review\n\n## 2. Fix the report name\n\n**Files**:\n- `nsys.py` line 82\n")
    assert review.items["file"] == [] and review.notes == []
    session = read_text("# Log\n\n## Summary\n\n**Files changed**:\n- `nsys.py` - report name\n")
    assert [i.path for i in session.items["file"]] == ["nsys.py"]


def test_files_listed_twice_are_one_file() -> None:
    log = read_text(
        "# Log\n\n## Files Modified\n- `a.py` - x\n\n## Summary\n\n"
        "**Files changed**:\n- `a.py` - again\n- `b.py` - y\n"
    )
    assert [i.path for i in log.items["file"]] == ["a.py", "b.py"]


def test_empty_items_are_reported_and_skipped() -> None:
    log = read_text("# Log\n\n## Next Steps\n- [ ]\n- [ ] Real step\n")
    assert [i.text for i in log.items["step"]] == ["Real step"]
    assert log.notes == [("structure", "an empty next step item is skipped", 4)]
    # it keeps its number: the step after it stays #2 (what LOG#2 named before)
    assert [i.number for i in log.items["step"]] == [2]
    assert log.blanks == {"step": [1]}


def test_an_item_with_an_empty_first_paragraph_is_its_words() -> None:
    log = read_text(
        "# Log\n\n## Next Steps\n\n- [ ]\n\n  Second paragraph says what to do.\n"
        "- [x] Done step\n\n## Files\n\n- ` `\n\n  `a.py` the file\n"
    )
    assert [(i.number, i.text, i.checked) for i in log.items["step"]] == [
        (1, "Second paragraph says what to do.", False),
        (2, "Done step", True),
    ]
    assert [(i.path, i.description) for i in log.items["file"]] == [("a.py", "the file")]
    assert log.notes == []


def test_a_section_that_says_none_is_not_a_problem() -> None:
    for said in ("None.", "N/A", "Nothing this time.", "No lessons this session."):
        log = read_text(f"# Log\n\n## Lessons Learned\n\n{said}\n")
        assert log.notes == [], said


def test_title_without_an_h1_is_left_to_the_filename() -> None:
    log = read_text("## HEADER\n- **Status**: success\n\n## Summary\n\nText.\n")
    assert log.title == ""
    assert title_from_name("2025-10-04_untrack-dotenv", statuses=DEFAULT_STATUSES) == (
        "Untrack dotenv"
    )
    assert title_from_name("2025-10-04_fix-ci-success", statuses=DEFAULT_STATUSES) == "Fix ci"


def test_reading_a_file_the_test_corpus_of_the_first_round_still_reads() -> None:
    old = ROOTS / "test-plain" / "logs"
    for path in sorted(old.glob("2*.md")):
        log = read_file(path)
        # the log left as the plain template wrote it: its placeholder items, and no more
        left = 3 if path.name.startswith("2024-09-16_template-left-blank") else 0
        assert log.title and len(log.notes) == left, path.name
        assert all(m.startswith("template text left in the log") for _s, m, _l in log.notes)


def test_reader_does_not_need_sphinx() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from sphinxcontrib_devlog.plain.parse import read_text; "
        "read_text('# T\\n\\n## Next Steps\\n- [ ] x\\n'); "
        "print(any(m == 'sphinx' or m.startswith('sphinx.') for m in sys.modules))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


# -- what a first review of the reader found ---------------------------------------------------


def test_the_title_names_no_kind() -> None:
    """A title such as "Follow-up: ..." holds the whole log: its lists are not next steps."""
    log = read_text("# Follow-up: fix flaky CI tests\n\n## What was done\n- Pinned the runner\n")
    assert log.items["step"] == [] and log.notes == []


def test_a_list_that_says_none_is_no_item() -> None:
    for said in ("None", "N/A", "- None yet.", "Nothing so far"):
        item = said if said.startswith("- ") else f"- {said}"
        log = read_text(f"# Log\n\n## Next Steps\n{item}\n")
        assert log.items["step"] == [] and log.notes == [], said


def test_table_items_come_from_the_column_that_holds_them() -> None:
    text = (
        "# Log\n\n## Next Steps\n\n| Priority | Task | Owner |\n|---|---|---|\n"
        "| High | Add alerts | ops |\n| Low | ✅ Drop Python 3.8 | dev |\n"
    )
    log = read_text(text)
    assert [(i.text, i.checked, i.line) for i in log.items["step"]] == [
        ("Add alerts", None, 7),
        ("Drop Python 3.8", True, 8),
    ]
    untitled = read_text(
        "# Log\n\n## Next Steps\n\n| # | | |\n|---|---|---|\n| 1 | P1 | Add alerts |\n"
    )
    assert [i.text for i in untitled.items["step"]] == ["Add alerts"]


def test_headings_and_numbered_lines_as_items() -> None:
    """Lessons written as numbered subsections, steps as numbered bold lines: items; a
    subsection of prose named in a word or two is not."""
    text = (
        "# Log\n\n## Lessons Learned\n\n### 1. Event loops starve timers\n\nWhy it happened.\n\n"
        "### 2. Measure before tuning\n\nMore prose.\n\n### Notes\n\nAside.\n\n"
        "## Next Steps\n\n**1. Test the timestamp fix**\n\nAfter the restart.\n\n"
        "**2. Set up symlinks** (as administrator)\n\n**Context**:\n\nNot a step.\n"
    )
    log = read_text(text)
    assert [i.text for i in log.items["lesson"]] == [
        "Event loops starve timers",
        "Measure before tuning",
    ]
    assert [i.text for i in log.items["step"]] == ["Test the timestamp fix"]


def test_a_cross_is_an_open_mark() -> None:
    log = read_text("# Log\n\n## Session Goals\n- ❌ Goal two\n- ✅ Goal one\n")
    assert [(i.text, i.checked) for i in log.items["goal"]] == [
        ("Goal two", False),
        ("Goal one", True),
    ]


def test_field_lines_are_where_the_fields_are() -> None:
    """What set-status rewrites: front matter, a table row, a field after an inline <br>,
    a value on the line after its name."""
    front = read_text("---\ntitle: T\nstatus: partial\n---\n\n# T\n")
    assert (front.fields["status"].line, front.fields["status"].form) == (3, "line")
    table = read_text(
        "# T\n\n| Field | Value |\n|---|---|\n| Date | 2024-01-02 |\n| Status | partial |\n"
    )
    assert (table.fields["status"].line, table.fields["status"].form) == (6, "cell")
    br = read_text("# T\n\n**Date**: 2024-01-03<br>**Status**: partial\n\nKeep\n")
    assert (br.fields["status"].line, br.fields["status"].value) == (3, "partial")
    assert br.fields["date"].value == "2024-01-03"
    below = read_text("# T\n\n- **Date**: 2024-01-04\n- **Status**:\n  partial work\n")
    assert (below.fields["status"].line, below.fields["status"].value) == (5, "partial work")
