from __future__ import annotations

import datetime as dt
import re

from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_devlog.filenames import (
    DEFAULT_FILENAME_PATTERN,
    MAX_SLUG,
    basename,
    make_filename,
    parse_date,
    parse_filename,
    slugify,
    stable_name,
)

STATUSES = ["success", "partial", "failed", "blocked", "complete"]
slugs = st.from_regex(r"[a-z0-9]+(-[a-z0-9]+){0,4}", fullmatch=True)
dates = st.dates(min_value=dt.date(1970, 1, 1), max_value=dt.date(2999, 12, 31))


def test_parse_example() -> None:
    parts = parse_filename("2024-08-26_pixi-setup-success")
    assert parts is not None
    assert parts.date == dt.date(2024, 8, 26)
    assert parts.slug == "pixi-setup"
    assert parts.status == "success"
    assert parts.stable_name == "2024-08-26_pixi-setup"


def test_status_case_is_folded() -> None:
    parts = parse_filename("2024-08-26_pixi-setup-SUCCESS")
    assert parts is not None and parts.status == "success"


def test_impossible_date_keeps_text() -> None:
    parts = parse_filename("2024-02-30_leap-failed")
    assert parts is not None
    assert parts.date is None
    assert parts.date_text == "2024-02-30"


def test_names_outside_the_pattern() -> None:
    for name in ("notes", "2024-08-26-pixi-success", "24-08-26_x-success", "2024-08-26_success"):
        assert parse_filename(name) is None, name
        assert stable_name(name) == name


def test_custom_pattern_without_status_suffix() -> None:
    pattern = r"(?P<status>[a-z]+)--(?P<date>\d{4}-\d{2}-\d{2})--(?P<slug>.+)"
    parts = parse_filename("failed--2024-01-02--cache", pattern)
    assert parts is not None
    assert (parts.status, parts.slug, parts.date) == ("failed", "cache", dt.date(2024, 1, 2))
    assert parts.stable_name == "2024-01-02--cache"


def test_custom_pattern_with_status_in_the_middle() -> None:
    pattern = r"(?P<date>\d{4}-\d{2}-\d{2})_(?P<status>[a-z]+)_(?P<slug>.+)"
    parts = parse_filename("2024-01-02_partial_cache-warmup", pattern)
    assert parts is not None
    assert parts.stable_name == "2024-01-02_cache-warmup"


def test_basename() -> None:
    assert basename("logs/2024/2024-08-26_x-success") == "2024-08-26_x-success"
    assert basename("top") == "top"


@given(dates, slugs, st.sampled_from(STATUSES))
def test_round_trip(date: dt.date, slug: str, status: str) -> None:
    name = f"{date.isoformat()}_{slug}-{status}"
    parts = parse_filename(name)
    assert parts is not None
    assert (parts.date, parts.slug, parts.status) == (date, slug, status)
    assert parts.stable_name == f"{date.isoformat()}_{slug}"
    assert stable_name(name) == parts.stable_name


@given(st.text(max_size=60))
def test_never_raises(text: str) -> None:
    parts = parse_filename(text)
    if parts is not None:
        assert re.fullmatch(DEFAULT_FILENAME_PATTERN, text)
        assert text.startswith(parts.stable_name)


@given(st.text(max_size=20))
def test_parse_date_is_strict(text: str) -> None:
    result = parse_date(text)
    if result is not None:
        assert result.isoformat() == text.strip()


@given(dates, st.text(max_size=40), st.sampled_from(STATUSES))
def test_make_filename_parses_back(date: dt.date, title: str, status: str) -> None:
    name = make_filename(date, title, status)
    parts = parse_filename(name)
    assert parts is not None
    assert (parts.date, parts.status) == (date, status)
    assert parts.slug == slugify(title)


@given(st.text(max_size=400))
def test_slug_is_bounded_and_made_of_whole_words(title: str) -> None:
    slug = slugify(title)
    full = slugify(title, max_length=10_000)
    assert 0 < len(slug) <= MAX_SLUG
    assert not slug.startswith("-") and not slug.endswith("-")
    if full != "session":
        # a prefix of the whole slug, cut between words (or inside one over-long word)
        assert full.startswith(slug)
        assert len(full) == len(slug) or full[len(slug)] == "-" or "-" not in slug


def test_long_title_gives_a_short_name() -> None:
    name = make_filename(dt.date(2024, 5, 1), "word " * 60, "partial")
    assert len(name.encode()) < 100
    assert name == "2024-05-01_" + "-".join(["word"] * 12) + "-partial"
