"""The interview record: each bad input is one clear InputError; JSON round-trips."""

import json
import math

import pytest

from interview_kit import InputError, Interview
from interview_kit.core.errors import show_value
from interview_kit.core.interview import (
    FIELD_LABELS,
    MAX_MINUTES,
    TEXT_LIMITS,
    duration_value,
    parse_json,
    questions_value,
)
from interview_kit.core.outcomes import OUTCOMES
from interview_kit.core.signals import observed_signals

FULL = {
    "schema": 1,
    "company": "Acme",
    "role": "Data analyst",
    "date": "2026-11-20",
    "stage": "onsite",
    "scheduled_minutes": 45,
    "actual_minutes": 55,
    "behavioral_share": 0.6,
    "signals": {
        "engagement": 2,
        "eye_contact": 1,
        "follow_ups": 2,
        "smoothness": 1,
        "comfort": 0,
        "ease": -1,
    },
    "notes": "Talked about the migration project.",
    "outcome": None,
}


def one_error(data, field):
    with pytest.raises(InputError) as info:
        Interview.from_dict(data)
    error = info.value
    assert error.field == field
    message = str(error)
    assert "\n" not in message and "\r" not in message
    # Named as the user sees it (the form's label), with the file's key alongside.
    named = (
        f"{error.label} ({field})"
        if error.label and error.label.casefold() != field.casefold()
        else field
    )
    assert message.startswith(f"{named}: ")
    if field in FIELD_LABELS or field.startswith("signals."):
        assert error.label and error.label != field
    return error


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"scheduled_minutes": 0}, "scheduled_minutes"),
        ({"scheduled_minutes": -5}, "scheduled_minutes"),
        ({"scheduled_minutes": -0.0}, "scheduled_minutes"),
        ({"scheduled_minutes": MAX_MINUTES + 1}, "scheduled_minutes"),
        ({"scheduled_minutes": None}, "scheduled_minutes"),
        ({"scheduled_minutes": "45"}, "scheduled_minutes"),
        ({"scheduled_minutes": True}, "scheduled_minutes"),
        ({"scheduled_minutes": float("nan")}, "scheduled_minutes"),
        ({"scheduled_minutes": float("inf")}, "scheduled_minutes"),
        ({"scheduled_minutes": 10**400}, "scheduled_minutes"),
        ({"actual_minutes": -1}, "actual_minutes"),
        ({"actual_minutes": 601}, "actual_minutes"),
        ({"actual_minutes": [55]}, "actual_minutes"),
        ({"behavioral_share": 1.01}, "behavioral_share"),
        ({"behavioral_share": -0.01}, "behavioral_share"),
        ({"behavioral_share": False}, "behavioral_share"),
        ({"signals": {"charm": 1}}, "signals"),
        ({"signals": {"duration": 1}}, "signals"),  # derived: set through the minutes
        ({"signals": {"ease": 2.5}}, "signals.ease"),
        ({"signals": {"ease": -2.0001}}, "signals.ease"),
        ({"signals": {"ease": "2"}}, "signals.ease"),
        ({"signals": {"ease": True}}, "signals.ease"),
        ({"signals": {"ease": float("nan")}}, "signals.ease"),
        ({"signals": [1, 2]}, "signals"),
        ({"outcome": "hired"}, "outcome"),
        ({"outcome": ["offer"]}, "outcome"),
        ({"company": "x" * (TEXT_LIMITS["company"] + 1)}, "company"),
        ({"notes": "x" * (TEXT_LIMITS["notes"] + 1)}, "notes"),
        ({"role": 7}, "role"),
        ({"date": "20 Nov 2026"}, "date"),
        ({"date": 20261120}, "date"),
        ({"schema": 3}, "schema"),
        ({"schema": True}, "schema"),
        ({"colour": "blue"}, "colour"),
    ],
)
def test_each_bad_field_is_named(changes, field):
    error = one_error({**FULL, **changes}, field)
    assert "got " in str(error)


def test_top_level_must_be_an_object():
    for data in ([1, 2], "text", 3, None):
        one_error(data, "interview")


def test_malformed_json_names_the_place():
    with pytest.raises(InputError) as info:
        Interview.from_json('{"scheduled_minutes": 45,}', field="meeting.json")
    assert info.value.field == "meeting.json"
    assert "line 1" in str(info.value) and "\n" not in str(info.value)


@pytest.mark.parametrize(
    "text",
    ["", "{", "[" * 100_000, '{"scheduled_minutes": 1' + "0" * 5000 + "}", "nul", "\ufeff{}"],
)
def test_hostile_json_is_an_input_error(text):
    with pytest.raises(InputError) as info:
        Interview.from_json(text)
    assert "\n" not in str(info.value)


def test_parse_json_rejects_non_text():
    with pytest.raises(InputError):
        parse_json(b"{}")


def test_json_round_trip_is_exact():
    interview = Interview.from_dict(FULL)
    again = Interview.from_json(interview.to_json())
    assert again == interview
    assert json.loads(interview.to_json()) == {
        **FULL,
        "scheduled_minutes": 45.0,
        "actual_minutes": 55.0,
    }


def test_round_trip_of_minimal_record_keeps_nulls():
    interview = Interview.from_dict({"scheduled_minutes": 30})
    data = json.loads(interview.to_json())
    assert data["schema"] == 1
    assert data["actual_minutes"] is None and data["behavioral_share"] is None
    assert data["signals"] == {s.id: None for s in observed_signals() if not s.optional}
    assert data["outcome"] is None and data["date"] is None
    assert Interview.from_dict(data) == interview


def test_negative_zero_is_stored_as_zero():
    interview = Interview.create(scheduled_minutes=30, actual_minutes=-0.0, signals={"ease": -0.0})
    assert math.copysign(1.0, interview.actual_minutes) == 1.0
    assert math.copysign(1.0, interview.signals["ease"]) == 1.0
    assert "-0.0" not in interview.to_json()


def test_outcomes_and_boundaries_are_accepted():
    for outcome in (*OUTCOMES, None):
        assert Interview.create(scheduled_minutes=600, outcome=outcome).outcome == outcome
    edge = Interview.create(
        scheduled_minutes=0.001,
        actual_minutes=0,
        behavioral_share=1,
        signals={"ease": -2, "comfort": 2},
    )
    assert edge.signals["ease"] == -2.0 and edge.behavioral_share == 1.0


def test_replace_and_with_signal_validate():
    interview = Interview.from_dict(FULL)
    with pytest.raises(InputError) as info:
        interview.replace(scheduled_minutes=0)
    assert info.value.field == "scheduled_minutes"
    with pytest.raises(InputError) as info:
        interview.replace(mood="good")
    assert info.value.field == "mood"
    with pytest.raises(InputError) as info:
        interview.with_signal("ease", 3)
    assert info.value.field == "signals.ease"
    assert interview.with_signal("ease", None).signals["ease"] is None
    assert interview.signals["ease"] == -1.0  # the original is untouched


def test_derived_signals_are_monotone_and_bounded():
    assert duration_value(45, None) is None
    assert duration_value(45, 45) == 0.0
    assert math.copysign(1.0, duration_value(45, 44)) == 1.0  # on time: +0.0
    assert duration_value(45, 600) == 2.0 and duration_value(45, 0) == -2.0
    minutes = [m / 4 for m in range(0, 2401)]
    values = [duration_value(45, m) for m in minutes]
    assert values == sorted(values)
    assert questions_value(0) == -2.0 and questions_value(1) == 2.0
    assert questions_value(0.5) == 0.0 and questions_value(None) is None


def test_error_text_stays_one_short_line():
    error = InputError("signals.a\nb", "x\n" * 1000, "bad\nvalue")
    assert "\n" not in str(error) and len(str(error)) < 250
    assert show_value(10**5000)  # repr would refuse this int; still shown


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"actual_minutes": 700}, "Actual minutes (actual_minutes): must be from 0 to 600 minutes"),
        ({"scheduled_minutes": 0}, "Booked minutes (scheduled_minutes): must be more than 0"),
        ({"behavioral_share": 2}, "Question mix (behavioral_share): must be a share from 0"),
        ({"signals": {"ease": 3}}, "Answering (signals.ease): must be a number from -2"),
        ({"went_well": "x" * 2001}, "One thing that went well (went_well): must be at most"),
    ],
)
def test_messages_name_the_label_and_the_range_in_words(changes, words):
    with pytest.raises(InputError) as info:
        Interview.from_dict({**FULL, **changes})
    assert str(info.value).startswith(words)


def test_an_unknown_sign_names_the_closest_and_labels_are_aliases():
    with pytest.raises(InputError) as info:
        Interview.from_dict({**FULL, "signals": {"answerng": 1}})
    assert "did you mean 'ease' (Answering)?" in str(info.value)
    assert all(s.id in str(info.value) for s in observed_signals())
    by_label = Interview.from_dict({**FULL, "signals": {"Answering": 1, "eye contact": -1}})
    assert by_label.signals["ease"] == 1 and by_label.signals["eye_contact"] == -1
    with pytest.raises(InputError, match="twice"):
        Interview.from_dict({**FULL, "signals": {"Answering": 1, "ease": 1}})
    with pytest.raises(InputError, match="did you mean 'scheduled_minutes'"):
        Interview.from_dict({**FULL, "sheduled_minutes": 45})


def test_went_well_is_schema_2_and_round_trips_exactly():
    plain = Interview.from_dict(FULL)
    assert plain.to_dict()["schema"] == 1 and "went_well" not in plain.to_dict()
    mine = plain.replace(went_well="Explained the migration well ✓\nand asked about the team")
    data = mine.to_dict()
    assert data["schema"] == 2 and data["went_well"] == mine.went_well
    assert Interview.from_json(mine.to_json()) == mine
    assert Interview.from_dict({**FULL, "schema": 2, "went_well": "x"}).went_well == "x"
