from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sphinxcontrib_devlog.durations import format_duration, parse_duration


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("90m", 90),
        ("2h", 120),
        ("1h30m", 90),
        ("1.5h", 90),
        ("1h 30min", 90),
        ("2 hours", 120),
        ("45 minutes", 45),
        ("1d", 480),
        ("0.25h", 15),
        ("  3H  ", 180),
        # as logs write them
        ("~2 hours", 120),
        ("~30 minutes", 30),
        ("about 45 min", 45),
        ("approximately 1.5 hours", 90),
        ("about two hours", 120),
        ("forty-five minutes", 45),
        ("an hour", 60),
        ("half an hour", 30),
        ("half a day", 240),
        ("2-3 hours", 150),
        ("2 to 3 hours", 150),
        ("1h30", 90),
        ("1:30h", 90),
        ("14:00-16:30", 150),
        ("23:30-00:15", 45),
        ("2 hours and 15 minutes", 135),
        ("2 hours (with the review)", 120),
        ("3h total", 180),
        ("1 week", 2400),
    ],
)
def test_parse(text: str, minutes: int) -> None:
    assert parse_duration(text) == minutes


@pytest.mark.parametrize(
    "text",
    [
        "",
        "soon",
        "90",
        "2x",
        "h2",
        "1h1h",
        "two-ish hours",
        "1.5.h",
        "-2h",
        "2h-",
        "3-2 hours",
        "2 hours-ish",
        "~",
        "about",
        "25:00-26:00",
    ],
)
def test_garbage(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


@pytest.mark.parametrize(
    ("minutes", "text"), [(0, "0m"), (45, "45m"), (60, "1h"), (90, "1h30m"), (605, "10h05m")]
)
def test_format(minutes: int, text: str) -> None:
    assert format_duration(minutes) == text


@given(st.integers(min_value=0, max_value=100_000))
def test_format_parses_back(minutes: int) -> None:
    assert parse_duration(format_duration(minutes)) == minutes


@given(st.text(max_size=30))
def test_never_raises_anything_but_valueerror(text: str) -> None:
    try:
        assert parse_duration(text) >= 0
    except ValueError:
        pass


@pytest.mark.parametrize(
    "text",
    ["99999999999d", "9" * 400 + "h", "9" * 400 + "-" + "9" * 401 + " hours", "600000m"],
)
def test_longer_than_a_year_is_refused(text: str) -> None:
    with pytest.raises(ValueError, match=r"year|cannot read"):
        parse_duration(text)


def test_a_year_is_the_longest() -> None:
    assert parse_duration("525600m") == 365 * 24 * 60
    with pytest.raises(ValueError, match="longer than a year"):
        parse_duration("525601m")


@given(st.text(alphabet="0123456789", min_size=1, max_size=800), st.sampled_from(["h", "d", "w"]))
def test_long_figures_raise_valueerror(digits: str, unit: str) -> None:
    try:
        assert 0 <= parse_duration(digits + unit) <= 365 * 24 * 60
    except ValueError:
        pass
