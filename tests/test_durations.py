"""Minutes as people type them (core/durations): the spellings a form box accepts."""

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_kit.core.durations import parse_minutes


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("45", 45),
        (" 45 ", 45),
        ("45.5", 45.5),
        ("45,5", 45.5),
        (".5", 0.5),
        ("45 min", 45),
        ("45min", 45),
        ("45 mins", 45),
        ("45 minutes", 45),
        ("45m", 45),
        ("1h", 60),
        ("1 h", 60),
        ("1 hr", 60),
        ("2 hours", 120),
        ("1.5h", 90),
        ("1,5 h", 90),
        ("1h 30", 90),
        ("1h30", 90),
        ("1h30m", 90),
        ("1 h 30 min", 90),
        ("1 hour and 30 minutes", 90),
        ("2 HRS 5 MINS", 125),
        ("1:30", 90),
        ("0:45", 45),
        ("90 minutes", 90),
        ("-5", -5),
        ("1e3", 1000),
    ],
)
def test_common_spellings(text, minutes):
    assert parse_minutes(text) == minutes


@pytest.mark.parametrize("text", ["", "   ", "\t"])
def test_blank_is_not_noted(text):
    assert parse_minutes(text) is None


@pytest.mark.parametrize(
    "text",
    [
        "forty",
        "nan",
        "inf",
        "-inf",
        "h",
        "min",
        "and 30",
        "45 min 3",
        "1h 90",
        "1:75",
        "30 min 1h",
        "1h1h",
        "--5",
        "45 seconds",
        "4 5",
    ],
)
def test_anything_else_is_refused_in_words(text):
    with pytest.raises(ValueError, match="minutes"):
        parse_minutes(text)


@given(st.integers(0, 48), st.integers(0, 59))
def test_hours_and_minutes_add_up(hours, minutes):
    expected = hours * 60 + minutes
    for text in (
        f"{hours}h {minutes}",
        f"{hours}h{minutes}m",
        f"{hours} hours {minutes} min",
        f"{hours}:{minutes:02d}",
    ):
        assert parse_minutes(text) == expected


@given(st.floats(0, 10_000, allow_nan=False))
def test_a_number_comes_back_exactly(value):
    assert parse_minutes(repr(value)) == value
    if "e" not in repr(value):
        assert parse_minutes(f"{value!r} min") == value


@given(st.text(max_size=30))
def test_never_anything_but_a_number_none_or_value_error(text):
    try:
        result = parse_minutes(text)
    except ValueError:
        return
    assert result is None or (isinstance(result, float) and not math.isnan(result))
