"""Core smoke tests: the contract example scores, bad input is one clear error."""

import json
import sys
from pathlib import Path

import pytest

from interview_kit import InputError, Interview, score

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "interview.json"


def test_contract_example_round_trips_and_scores():
    interview = Interview.from_json(EXAMPLE.read_text())
    assert Interview.from_json(interview.to_json()) == interview
    result = score(interview).to_dict()
    assert 50 < result["overall"] <= 100
    assert result["verdict"] == "promising"
    assert result["confidence"] == 1.0
    assert set(result["categories"]) == {"body_language", "duration", "questions", "flow"}
    points = [abs(c["points"]) for c in result["contributions"]]
    assert points == sorted(points, reverse=True)


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"scheduled_minutes": 0}, "scheduled_minutes"),
        ({"scheduled_minutes": 45, "signals": {"charm": 1}}, "signals"),
        ({"scheduled_minutes": 45, "signals": {"ease": 2.5}}, "signals.ease"),
        ({"scheduled_minutes": 45, "behavioral_share": 1.5}, "behavioral_share"),
        ({"scheduled_minutes": 45, "outcome": "hired"}, "outcome"),
        ({}, "scheduled_minutes"),
    ],
)
def test_bad_input_names_the_field(data, field):
    with pytest.raises(InputError) as info:
        Interview.from_dict(data)
    assert info.value.field == field
    assert "\n" not in str(info.value)


def test_core_import_pays_for_no_gui_stack():
    import subprocess

    # The CLI's whole start-up path: every command module registered.
    code = (
        "import sys, interview_kit, interview_kit.cli.main; interview_kit.cli.main.build_parser();"
        "print(sorted(m for m in ('numpy','matplotlib','ipywidgets','pandas','sqlite3')"
        " if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout.replace("'", '"')) == []
