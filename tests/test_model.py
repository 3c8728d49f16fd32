"""The checks on a log's options, without Sphinx."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_devlog.config import DevlogConfig, config_table
from sphinxcontrib_devlog.model import (
    Fields,
    Item,
    Log,
    resolve_fields,
    split_checkbox,
    split_file_entry,
    split_list,
    time_text,
)

CONFIG = DevlogConfig()
NAME = "2024-08-26_pixi-setup-success"


def subtypes(problems) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.subtype for p in problems]


def test_fields_from_filename_when_absent() -> None:
    fields, parts, problems = resolve_fields(NAME, {}, CONFIG)
    assert (fields.status, fields.date) == ("success", "2024-08-26")
    assert parts is not None and parts.stable_name == "2024-08-26_pixi-setup"
    assert problems == []


def test_status_case_insensitive_no_warning() -> None:
    fields, _, problems = resolve_fields(NAME, {"status": "SuCCess"}, CONFIG)
    assert fields.status == "success" and fields.status in CONFIG.devlog_statuses
    assert problems == []


def test_status_mismatch() -> None:
    fields, _, problems = resolve_fields(NAME, {"status": "partial"}, CONFIG)
    assert fields.status == "partial"
    assert subtypes(problems) == ["status"]
    assert problems[0].option == "status"


def test_unknown_status_kept_as_written() -> None:
    fields, _, problems = resolve_fields(NAME, {"status": "Finished"}, CONFIG)
    assert fields.status == "Finished"
    assert fields.status.lower() not in CONFIG.devlog_statuses
    assert [(p.subtype, p.option) for p in problems] == [("field", "status")]


def test_dates() -> None:
    _, _, problems = resolve_fields(NAME, {"date": "2024-08-27"}, CONFIG)
    assert subtypes(problems) == ["date"]
    fields, _, problems = resolve_fields(NAME, {"date": "2024-02-30"}, CONFIG)
    assert subtypes(problems) == ["date"]
    assert fields.date == "2024-08-26"  # the filename's, the bad one is kept for display
    assert fields.unreadable["date"] == "2024-02-30"
    _, _, problems = resolve_fields("2024-02-30_leap-failed", {}, CONFIG)
    assert subtypes(problems) == ["date", "field"]  # impossible, so the log has no date


def test_filename_checks_can_be_turned_off() -> None:
    config = DevlogConfig(devlog_check_filename=False)
    _, _, problems = resolve_fields("notes", {"status": "success", "date": "2024-01-01"}, config)
    assert problems == []
    _, _, problems = resolve_fields(NAME, {"status": "failed", "date": "2020-01-01"}, config)
    assert problems == []


def test_filename_outside_pattern_and_required_fields() -> None:
    fields, parts, problems = resolve_fields("notes", {}, CONFIG)
    assert parts is None
    assert subtypes(problems) == ["filename", "field", "field"]
    assert (fields.status, fields.date) == ("", "")


def test_unknown_outcome_in_filename() -> None:
    _, _, problems = resolve_fields("2024-01-01_pixi-setup", {}, CONFIG)
    assert subtypes(problems) == ["filename", "field"]  # "setup" is no status


def test_required_fields_configurable() -> None:
    config = DevlogConfig(devlog_required_fields=["purpose", "spent"])
    _, _, problems = resolve_fields(NAME, {"spent": "junk"}, config)
    # the unreadable duration is reported once; it is present, so not "missing"
    assert [(p.subtype, p.option) for p in problems] == [("field", "spent"), ("field", "purpose")]


def test_lists_and_durations() -> None:
    fields, _, problems = resolve_fields(
        NAME,
        {
            "tags": " a, b ,,c ",
            "follows": "x, y",
            "closes": "x#1",
            "estimate": "1.5h",
            "spent": "1h30m",
        },
        CONFIG,
    )
    assert problems == []
    assert fields.tags == ["a", "b", "c"]
    assert fields.follows == ["x", "y"] and fields.closes == ["x#1"]
    assert (fields.estimate_minutes, fields.spent_minutes) == (90, 90)
    assert time_text(fields) == "1h30m estimated, 1h30m spent"


def test_bad_duration_shown_as_written() -> None:
    fields, _, problems = resolve_fields(NAME, {"estimate": "a while"}, CONFIG)
    assert subtypes(problems) == ["field"]
    assert fields.estimate_minutes is None
    assert time_text(fields) == "a while estimated"


@given(
    st.dictionaries(
        st.sampled_from(["status", "date", "tags", "estimate", "spent", "purpose"]),
        st.text(max_size=20),
    ),
    st.text(max_size=40),
)
def test_resolve_never_raises(raw: dict[str, str], name: str) -> None:
    fields, _, problems = resolve_fields(name, raw, CONFIG)
    assert isinstance(fields, Fields)
    assert all(p.subtype in {"status", "date", "field", "filename"} for p in problems)


def test_split_checkbox() -> None:
    assert split_checkbox("[x] done") == (True, "done")
    assert split_checkbox("[X] done") == (True, "done")
    assert split_checkbox("[ ] open") == (False, "open")
    assert split_checkbox("[ ]") == (False, "")
    assert split_checkbox("[y] no") == (None, "[y] no")
    assert split_checkbox("plain") == (None, "plain")
    assert split_checkbox("[x]no-space") == (None, "[x]no-space")


def test_split_file_entry() -> None:
    assert split_file_entry("src/a.py - parser", "src/a.py") == ("src/a.py", "parser")
    assert split_file_entry("Changed src/a.py: parser", "src/a.py") == ("src/a.py", "parser")
    assert split_file_entry("README.md: docs") == ("README.md", "docs")
    assert split_file_entry("tests/x.py \u2014 new  tests") == ("tests/x.py", "new tests")
    assert split_file_entry("lonely") == ("lonely", "")


def test_split_list() -> None:
    assert split_list("") == []
    assert split_list(" a ,b,, ") == ["a", "b"]


def test_log_fingerprint_tracks_content() -> None:
    log = Log("logs/x", "x", "x", "X", Fields(status="success"))
    before = log.fingerprint()
    assert before == Log("logs/x", "x", "x", "X", Fields(status="success")).fingerprint()
    log.items["step"].append(Item("step", 1, "do it"))
    assert log.fingerprint() != before


@given(st.lists(st.booleans(), max_size=12))
def test_items_are_found_by_number_past_empty_ones(blank: list[bool]) -> None:
    """An empty item keeps its number: the items after it keep theirs."""
    log = Log("logs/x", "x", "x", "X", Fields())
    for number, empty in enumerate(blank, start=1):
        if not empty:
            log.items["step"].append(Item("step", number, f"step {number}"))
    for number in range(len(blank) + 2):
        item = log.item("step", number)
        if 1 <= number <= len(blank) and not blank[number - 1]:
            assert item is not None and item.number == number
        else:
            assert item is None


def test_config_checks() -> None:
    config, problems = DevlogConfig.from_values(
        {
            "devlog_statuses": {"Done": "success", "wip": "warning"},
            "devlog_filename_pattern": "(",
            "devlog_required_fields": ["status", "colour"],
            "devlog_json": "yes",
        }
    )
    assert config.devlog_statuses == {"done": "success", "wip": "warning"}
    assert config.devlog_filename_pattern == DevlogConfig().devlog_filename_pattern
    assert config.devlog_required_fields == ["status", "date"]
    assert config.devlog_json is True
    assert [name for name, _ in problems] == [
        "devlog_filename_pattern",
        "devlog_required_fields",
        "devlog_json",
    ]
    _, problems = DevlogConfig.from_values({"devlog_statuses": {"ok": "purple"}})
    assert "purple" in problems[0][1]
    _, problems = DevlogConfig.from_values({"devlog_filename_pattern": r"(?P<date>.+)"})
    assert "slug, status" in problems[0][1]


def test_config_table_lists_every_value() -> None:
    names = [row[0] for row in config_table()]
    assert names == [
        "devlog_statuses",
        "devlog_filename_pattern",
        "devlog_check_filename",
        "devlog_required_fields",
        "devlog_plain_logs",
        "devlog_status_aliases",
        "devlog_plain_exclude",
        "devlog_section_words",
        "devlog_json",
        "devlog_sphinx_design",
        "devlog_source_url",
        "devlog_commit_url",
        "devlog_source_root",
        "devlog_check_git_dates",
        "devlog_feed",
    ]


def test_aliases_must_name_known_statuses() -> None:
    config, problems = DevlogConfig.from_values(
        {"devlog_status_aliases": {"Shipped": "complete", "meh": "so-so"}}
    )
    assert config.devlog_status_aliases == {"Shipped": "complete"}
    assert [name for name, _ in problems] == ["devlog_status_aliases"]
    assert "'meh': 'so-so'" in problems[0][1]


def test_duplicate_tags_kept_once() -> None:
    fields, _, problems = resolve_fields(NAME, {"tags": "a, b, a, A, B "}, CONFIG)
    assert fields.tags == ["a", "b"]
    assert subtypes(problems) == ["field", "field", "field"]
    assert {p.option for p in problems} == {"tags"}
    assert "'a' is given again as 'A'" in problems[1].message


def test_statuses_differing_only_in_case() -> None:
    config, problems = DevlogConfig.from_values(
        {"devlog_statuses": {"done": "success", "wip": "warning", "Done": "danger"}}
    )
    assert config.devlog_statuses == {"done": "success", "wip": "warning"}
    assert [name for name, _ in problems] == ["devlog_statuses"]
    assert "'done' and 'Done'" in problems[0][1]


def test_url_templates_are_checked() -> None:
    ok, problems = DevlogConfig.from_values(
        {"devlog_source_url": "https://x/{path}", "devlog_commit_url": ""}
    )
    assert (ok.devlog_source_url, problems) == ("https://x/{path}", [])
    for bad, words in [
        ("https://x/", "has no {path}"),
        ("https://x/{path}/{ref}", "braces other than {path}"),
        ("https://x/{path}{path.x}", "braces other than {path}"),  # an attribute
        ("https://x/{path}{path[a]}", "braces other than {path}"),  # an index
        ("https://x/{path}{", "braces other than {path}"),
        (42, "URL template"),
    ]:
        checked, problems = DevlogConfig.from_values({"devlog_source_url": bad})
        assert checked.devlog_source_url == ""
        assert len(problems) == 1 and words in problems[0][1], (bad, problems)


@given(st.integers(min_value=0, max_value=12), st.integers(min_value=0, max_value=5))
def test_devlog_json_a_log_at_a_time_is_the_whole_text(count: int, closes_every: int) -> None:
    """devlog.json written a log at a time is byte for byte the text of the whole data."""
    from corpus import bench

    from sphinxcontrib_devlog.chains import build_chains
    from sphinxcontrib_devlog.export import build, chunks, dumps
    from sphinxcontrib_devlog.model import Fields, Item, Log

    logs = []
    for s in bench.sessions(count, closes_every=closes_every):
        log = Log(
            docname=f"logs/{s.name}", name=s.name, stable_name=s.stable, title=s.title,
            fields=Fields(status=s.status, date=s.date.isoformat(), purpose=s.purpose,
                          tags=list(s.tags), follows=[s.follows] if s.follows else [],
                          closes=list(s.closes)),
        )  # fmt: skip
        for n, (text, done) in enumerate(s.steps, 1):
            log.items["step"].append(Item("step", n, text, done, f"devlog-step-{n}"))
        for n, text in enumerate(s.lessons, 1):
            log.items["lesson"].append(Item("lesson", n, f'{text} ✅ "q"', None, f"l-{n}"))
        logs.append(log)
    by_name = {log.stable_name: log for log in logs}

    def resolve(target: str) -> tuple[str, int] | None:
        name, _, number = target.partition("#")
        log = by_name.get(name)
        return (log.docname, int(number)) if log and number.isdigit() else None

    chains = build_chains(logs, resolve)
    assert any(chains.outstanding()) or not count
    assert "".join(chunks(logs, chains)) == dumps(build(logs, chains))


def test_devlog_json_is_written_readable_and_through_a_link(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Written beside and moved in place: with the permissions of a new file (not the
    owner-only ones of a temporary file), nothing left beside it; a link is written
    through."""
    import os

    from sphinxcontrib_devlog.export import _write_parts

    path = tmp_path / "out" / "devlog.json"
    _write_parts(path, ["{", "}\n"])
    umask = os.umask(0)
    os.umask(umask)
    assert path.read_text(encoding="utf-8") == "{}\n"
    assert path.stat().st_mode & 0o777 == 0o666 & ~umask
    assert sorted(p.name for p in path.parent.iterdir()) == ["devlog.json"]
    target = tmp_path / "elsewhere.json"
    target.write_text("old", encoding="utf-8")
    path.unlink()
    path.symlink_to(target)
    _write_parts(path, ["new"])
    assert path.is_symlink() and target.read_text(encoding="utf-8") == "new"
