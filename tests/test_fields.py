"""The header schema, and that every place deriving from it agrees with it."""

from __future__ import annotations

import dataclasses
from operator import attrgetter

import pytest

from sphinxcontrib_devlog import config, model
from sphinxcontrib_devlog.chains import build_chains
from sphinxcontrib_devlog.config import DevlogConfig
from sphinxcontrib_devlog.export import header_record, log_record
from sphinxcontrib_devlog.fields import (
    BY_NAME,
    HEADER_FIELDS,
    JSON_ORDER,
    LIST_OPTION_NAMES,
    OPTION_NAMES,
    REQUIRABLE_NAMES,
    option_rows,
)
from sphinxcontrib_devlog.model import Fields, Log, resolve_fields
from sphinxcontrib_devlog.plain.fieldnames import FIELD_NAMES, WEAK_FIELD_NAMES, field_option
from sphinxcontrib_devlog.plain.normalize import normalize_words

#: ``Fields`` attributes that hold no header field: what was read, and where
BOOKKEEPING = {"status_text", "unreadable", "lines"}
#: the annotation a field's kind gives its ``Fields`` attribute
ANNOTATIONS = {
    "status": "str",
    "date": "str",
    "text": "str",
    "list": "list[str]",
    "duration": "int | None",
}
NAME = "2024-08-26_pixi-setup-success"


def test_fields_dataclass_and_schema_agree() -> None:
    """A header field cannot be added to the ``Fields`` dataclass or the schema alone."""
    declared = {f.name: f.type for f in dataclasses.fields(Fields)}
    in_schema = {f.fields_attribute: f for f in HEADER_FIELDS if f.fields_attribute}
    assert set(declared) - BOOKKEEPING == set(in_schema)
    for attribute, spec in in_schema.items():
        assert declared[attribute] == ANNOTATIONS[spec.kind], attribute
    # the schema's order is the dataclass's, bookkeeping last
    assert list(declared)[: len(in_schema)] == list(in_schema)


def test_every_attribute_path_reads_a_log() -> None:
    log = Log("logs/x", "x", "x", "X", Fields(), summary="S")
    for spec in HEADER_FIELDS:
        attrgetter(spec.attribute)(log)  # no AttributeError
    on_log = [f.name for f in HEADER_FIELDS if f.fields_attribute is None]
    assert on_log == ["summary"]
    assert {f.name for f in dataclasses.fields(Log)} >= {
        f.attribute for f in HEADER_FIELDS if "." not in f.attribute
    }


def test_names_and_keys_are_unique() -> None:
    assert len(BY_NAME) == len(HEADER_FIELDS)
    keys = [f.json_key for f in HEADER_FIELDS]
    assert len(set(keys)) == len(keys)
    assert sorted(JSON_ORDER) == sorted(BY_NAME)


def test_derived_names_keep_the_contract() -> None:
    """The names and orders the modules used before the schema (the user contract)."""
    assert (
        model.LOG_OPTIONS
        == OPTION_NAMES
        == (
            "status",
            "date",
            "purpose",
            "dependencies",
            "target",
            "tags",
            "follows",
            "closes",
            "estimate",
            "spent",
        )
    )
    assert model.LIST_OPTIONS == LIST_OPTION_NAMES == ("tags", "follows", "closes")
    assert (
        config.REQUIRABLE_FIELDS
        == REQUIRABLE_NAMES
        == (
            "status",
            "date",
            "purpose",
            "dependencies",
            "target",
            "tags",
            "estimate",
            "spent",
            "summary",
        )
    )
    help_text = dict((n, h) for n, _d, h in config.config_table())["devlog_required_fields"]
    for name in REQUIRABLE_NAMES:
        assert f"``{name}``" in help_text


def test_lists_are_the_list_kind() -> None:
    for spec in HEADER_FIELDS:
        assert spec.is_list == (spec.name in LIST_OPTION_NAMES)
        assert bool(spec.refers_to) <= spec.is_list  # references come in lists


def test_header_record() -> None:
    fields = Fields(
        status="partial",
        date="2024-08-26",
        purpose="P",
        dependencies="D",
        target="T",
        tags=["a", "b"],
        follows=["2024-08-01_x"],
        closes=["2024-08-01_x#2"],
        estimate_minutes=120,
        spent_minutes=0,
    )
    log = Log("logs/y", "y", "y", "Y", fields, summary="S")
    record = header_record(log, lambda t: f"log:{t}", lambda t: f"step:{t}")
    assert record == {
        "date": "2024-08-26",
        "status": "partial",
        "purpose": "P",
        "dependencies": "D",
        "target": "T",
        "summary": "S",
        "tags": ["a", "b"],
        "follows": ["log:2024-08-01_x"],
        "closes": ["step:2024-08-01_x#2"],
        "estimate_minutes": 120,
        "spent_minutes": 0,
    }
    # the order ``sphinx-devlog list --json`` prints (devlog.json sorts the keys)
    assert list(record) == [
        "date",
        "status",
        "purpose",
        "dependencies",
        "target",
        "summary",
        "tags",
        "follows",
        "closes",
        "estimate_minutes",
        "spent_minutes",
    ]
    assert record["tags"] is not fields.tags  # a copy: the stored log stays as it was


def test_header_record_of_an_empty_log() -> None:
    log = Log("logs/z", "z", "z", "Z", Fields())
    record = header_record(log, str, str)
    assert record == {
        "date": None,
        "status": None,
        "purpose": "",
        "dependencies": "",
        "target": "",
        "summary": "",
        "tags": [],
        "follows": [],
        "closes": [],
        "estimate_minutes": None,
        "spent_minutes": None,
    }


def test_log_record_holds_the_header_between_identity_and_items() -> None:
    log = Log("logs/z", "z", "z", "Z", Fields())
    record = log_record(log, build_chains([log], lambda t: None), str, str)
    keys = list(record)
    header = [BY_NAME[name].json_key for name in JSON_ORDER]
    assert keys[:4] == ["name", "stable_name", "docname", "title"]
    assert keys[4 : 4 + len(header)] == header
    assert keys[4 + len(header) :] == ["goals", "lessons", "next_steps", "files"]


@pytest.mark.parametrize("required", [n for n in REQUIRABLE_NAMES if n != "summary"])
def test_each_requirable_field_is_checked(required: str) -> None:
    """Required and absent: reported; required and given: not (summary: the caller's)."""
    config = DevlogConfig(devlog_required_fields=[required], devlog_check_filename=False)
    _, _, problems = resolve_fields("notes", {}, config)
    assert [(p.subtype, p.option) for p in problems] == [("field", required)]
    value = {"date": "2024-08-26", "estimate": "0m", "spent": "0m"}.get(required, "success")
    _, _, problems = resolve_fields("notes", {required: value}, config)
    assert problems == []


def test_status_and_date_may_come_from_the_filename() -> None:
    config = DevlogConfig(devlog_required_fields=["status", "date"])
    _, _, problems = resolve_fields(NAME, {}, config)
    assert problems == []
    _, _, problems = resolve_fields("notes", {}, DevlogConfig(devlog_check_filename=False))
    assert [p.message for p in problems] == [
        f"log 'notes' has no {name} (from the options or the filename)"
        for name in ("status", "date")
    ]
    assert [f.name for f in HEADER_FIELDS if f.from_filename] == ["status", "date"]


def test_the_plain_reader_reads_the_schemas_words() -> None:
    """Every word of the schema, written as people write it, sets its field in a plain
    log; and only those words do."""
    words = [w for f in HEADER_FIELDS for w in f.words]
    assert len(set(words)) == len(words)  # a word names one field
    for spec in HEADER_FIELDS:
        for word in spec.words:
            assert field_option(word.title()) == spec.name, word
            assert field_option(f"**{word.upper()}**".strip("*")) == spec.name, word
    assert field_option("Weather") is None
    assert set(FIELD_NAMES) == set(words)
    assert WEAK_FIELD_NAMES == {w for f in HEADER_FIELDS for w in f.weak_words}
    for spec in HEADER_FIELDS:
        assert set(spec.weak_words) <= set(spec.words)
        for word in spec.words:
            assert normalize_words(word) == word
        if spec.is_option:
            assert spec.name in spec.words  # a plain log may write the option's name


def test_option_rows_cover_every_option_once() -> None:
    rows = option_rows()
    names = [name for row in rows for name in row[0]]
    keys = [key for row in rows for key in row[3]]
    assert names == list(OPTION_NAMES)
    assert keys == [BY_NAME[name].json_key for name in OPTION_NAMES]
    # neighbours with the same help share a row
    assert [row[0] for row in rows] == [
        ("status",),
        ("date",),
        ("purpose", "dependencies", "target"),
        ("tags",),
        ("follows",),
        ("closes",),
        ("estimate", "spent"),
    ]
