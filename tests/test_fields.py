"""The field table (core/fields): one row per field of the interview record, in the
contract's order, each with a consistent kind, control, default and places."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from field_helpers import NEW_FIELDS, add_field
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from interview_kit.cli.main import main
from interview_kit.core import fields
from interview_kit.core.errors import InputError
from interview_kit.core.fields import (
    CONTROLS,
    FIELDS,
    KINDS,
    Field,
    Kind,
    csv_fields,
    get_field,
    sql_fields,
)
from interview_kit.core.interview import Interview, label_of
from interview_kit.core.signals import observed_signals
from interview_kit.core.weights import default_weights
from interview_kit.journal.exchange import (
    DERIVED_COLUMNS,
    csv_columns,
    export_csv,
    parse_export_csv,
)
from interview_kit.journal.records import Entry
from interview_kit.journal.store import open_journal

CONTRACT_ORDER = (
    "company role date stage scheduled_minutes actual_minutes behavioral_share signals "
    "notes outcome went_well decision_by thank_you_sent interviewers questions "
    "my_questions my_read followed_up"
).split()


def test_the_table_holds_the_contract_fields_in_order() -> None:
    assert fields.keys() == tuple(CONTRACT_ORDER)
    assert len(set(fields.keys())) == len(FIELDS)


def test_every_field_is_an_interview_attribute() -> None:
    attributes = {f.name for f in dataclasses.fields(Interview)}
    assert set(fields.keys()) <= attributes


@pytest.mark.parametrize("row", FIELDS, ids=lambda f: f.key)
def test_each_row_is_consistent(row: Field) -> None:
    assert row.kind in KINDS
    assert row.control in CONTROLS
    assert row.label and row.label[0].isupper()
    assert row.json_key == row.key
    assert row.schema in (1, 2)
    if row.kind == "text":
        assert row.limit and row.default == ""
    if row.kind == "number":
        assert row.low is not None and row.high is not None and row.low < row.high
        assert row.words
    if row.required:
        assert row.default is None and row.suggested is not None


def test_sql_columns_are_todays_interviews_table() -> None:
    assert [f.sql_column for f in sql_fields()] == [
        "company",
        "role",
        "date",
        "stage",
        "outcome",
        "decision_by",
        "thank_you_sent",
    ]


def test_every_field_has_a_csv_column() -> None:
    assert csv_fields() == FIELDS


def test_debrief_is_schema_two() -> None:
    assert [f.key for f in fields.later_fields()] == CONTRACT_ORDER[
        CONTRACT_ORDER.index("went_well") :
    ]


def test_get_field_and_a_copy_of_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_field("decision_by") is fields.DECISION_BY
    with pytest.raises(KeyError, match="not a field"):
        get_field("referal")
    extra = dataclasses.replace(
        fields.NOTES,
        key="referral",
        json_key="referral",
        csv_header="referral",
        label="Referred by",
    )
    monkeypatch.setattr(fields, "FIELDS", (*FIELDS, extra))
    assert get_field("referral") is extra
    assert fields.find_field("referral") is extra


# -- a new field is a one-place change ------------------------------------------------

#: A good value of each new field, and bad ones with the words that refuse them.
NEW_VALUES: dict[str, tuple[Any, tuple[tuple[Any, str], ...]]] = {
    "referral": (
        "Ann \u00d6, =team lead",
        ((7, "must be text"), ("x" * 101, "must be at most 100 characters")),
    ),
    "applied_on": (
        "2026-11-02",
        (("2026-02-30", "must be a real date"), (20261102, "must be a date like")),
    ),
}


@pytest.fixture(params=NEW_FIELDS, ids=lambda f: f.key)
def new_field(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Field:
    add_field(monkeypatch, request.param)
    return request.param


def test_a_new_field_is_checked_and_named(new_field: Field) -> None:
    for value, words in NEW_VALUES[new_field.key][1]:
        with pytest.raises(InputError, match=words) as caught:
            Interview.from_dict({"scheduled_minutes": 45, new_field.key: value})
        assert caught.value.field == new_field.key
        assert caught.value.label == new_field.label
        assert str(caught.value).startswith(f"{new_field.label} ({new_field.key}): ")
        assert len(str(caught.value).splitlines()) == 1
    with pytest.raises(InputError, match=new_field.key):  # listed among the known fields
        Interview.from_dict({"scheduled_minutes": 45, "nonsense": 1})
    assert label_of(new_field.key) == new_field.label


def test_a_new_field_goes_through_json(new_field: Field) -> None:
    good = NEW_VALUES[new_field.key][0]
    interview = Interview.from_dict({"scheduled_minutes": 45, new_field.key: good})
    assert interview.value(new_field.key) == good
    data = interview.to_dict()
    assert data[new_field.json_key] == good and data["schema"] == new_field.schema
    assert interview.has_debrief and interview.debrief_dict() == {new_field.key: good}
    assert Interview.from_json(interview.to_json()) == interview
    assert interview.replace(**{new_field.key: None}).value(new_field.key) == new_field.default
    empty = Interview.from_dict({"scheduled_minutes": 45})
    assert new_field.json_key not in empty.to_dict() and empty.to_dict()["schema"] == 1


def test_a_new_field_goes_through_csv(new_field: Field) -> None:
    good = NEW_VALUES[new_field.key][0]
    # Later fields last (before the derived reading): old files import.
    assert csv_columns()[-1 - len(DERIVED_COLUMNS)] == new_field.csv_header
    entry = _entry(Interview.from_dict({"scheduled_minutes": 45, new_field.key: good}))
    text = export_csv([entry])
    back = parse_export_csv(text)[0]
    assert back.interview == entry.interview
    assert back.interview.value(new_field.key) == good


def test_a_new_field_is_in_the_journal_and_journal_show(
    new_field: Field, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = NEW_VALUES[new_field.key][0]
    path = tmp_path / "journal.sqlite3"
    with open_journal(path) as journal:
        entry_id = journal.add(
            Interview.from_dict({"scheduled_minutes": 45, new_field.key: good, "company": "Acme"})
        )
        assert journal.get(entry_id).interview.value(new_field.key) == good
        exported = journal.export_json()
    assert json.loads(exported)["interviews"][0][new_field.json_key] == good
    assert main(["journal", "show", str(entry_id), "--journal", str(path)]) == 0
    assert f"{new_field.label}: {good}" in capsys.readouterr().out
    # Left empty, a field with words for "none" says so; one without is left out.
    with open_journal(path) as journal:
        journal.update(
            entry_id,
            Interview.from_dict(
                {"scheduled_minutes": 45, new_field.key: None, "went_well": "the demo"}
            ),
        )
    assert main(["journal", "show", str(entry_id), "--journal", str(path)]) == 0
    out = capsys.readouterr().out
    assert (f"{new_field.label}: {new_field.unset}" in out) == bool(new_field.unset)


def _entry(interview: Interview) -> Entry:
    return Entry(
        id=1,
        interview=interview,
        created="2026-11-20T10:00:00Z",
        updated="2026-11-20T10:00:00Z",
        revision=1,
        weights=default_weights(),
    )


# -- every field round-trips -----------------------------------------------------------


def _text(limit: int, *, required: bool = False) -> st.SearchStrategy[str]:
    text = st.text(st.characters(exclude_categories=("Cs",)), max_size=min(limit, 24))
    return text.filter(lambda t: t.strip() != "") if required else text


def _parts(row: Field) -> st.SearchStrategy[dict[str, str]]:
    return st.fixed_dictionaries(
        {p.key: _text(p.limit or 0, required=p.required) for p in row.parts}
    )


def field_values(row: Field) -> st.SearchStrategy[Any]:
    """Valid values of one field, from its row alone (so a new field of a known kind is
    covered without a change here)."""
    optional = st.none() if row.optional else st.nothing()
    kind = row.kind
    if kind == Kind.TEXT:
        return st.none() | _text(row.limit or 0)
    if kind == Kind.NUMBER:
        return (
            optional
            | st.floats(row.low, row.high, allow_nan=False, exclude_min=row.low_open)
            | st.integers(int(row.low or 0) + row.low_open, int(row.high or 0))
        )
    if kind == Kind.DATE:
        return st.none() | st.dates().map(lambda d: d.isoformat())
    if kind == Kind.CHOICE:
        return st.sampled_from((None, *row.choices))
    if kind == Kind.SIGNALS:
        return st.fixed_dictionaries(
            {
                s.id: st.none() | st.floats(-2, 2, allow_nan=False) | st.integers(-2, 2)
                for s in observed_signals()
            }
        )
    if kind in (Kind.PEOPLE, Kind.EXCHANGES):
        return st.lists(_parts(row), max_size=3)
    if kind == Kind.LINES:
        return st.lists(_text(row.item_limit or 0, required=True), max_size=3)
    if kind == Kind.MY_READ:
        interest, flags = row.parts
        return st.fixed_dictionaries(
            {
                interest.key: st.none() | st.integers(int(row.low or 0), int(row.high or 0)),
                flags.key: _text(flags.limit or 0),
            }
        )
    raise AssertionError(f"no values for the kind {kind!r}: add them here")


@st.composite
def records(draw: st.DrawFn) -> dict[str, Any]:
    return {row.json_key: draw(field_values(row)) for row in fields.FIELDS}


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_every_field_round_trips_through_json_and_csv(record: dict[str, Any]) -> None:
    interview = Interview.from_dict(record)
    again = Interview.from_json(interview.to_json())
    assert again == interview
    back = parse_export_csv(export_csv([_entry(interview)]))[0].interview
    assert back == interview
    for row in fields.FIELDS:
        assert again.value(row.key) == interview.value(row.key)
        assert back.value(row.key) == interview.value(row.key), row.key


def test_a_field_of_a_new_schema_version_makes_it_known(monkeypatch: pytest.MonkeyPatch) -> None:
    later = dataclasses.replace(NEW_FIELDS[0], schema=3)
    with pytest.raises(InputError, match="expected 1 or 2"):
        Interview.from_dict({"schema": 3, "scheduled_minutes": 45})
    add_field(monkeypatch, later)
    interview = Interview.from_dict({"schema": 3, "scheduled_minutes": 45, later.key: "Ann"})
    assert interview.to_dict()["schema"] == 3
    assert Interview.from_dict({"scheduled_minutes": 45, "went_well": "x"}).to_dict()["schema"] == 2


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(records())
def test_every_field_round_trips_through_the_journal_and_its_sql_columns(
    record: dict[str, Any],
) -> None:
    interview = Interview.from_dict(record)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "journal.sqlite3"
        with open_journal(path) as journal:
            entry_id = journal.add(interview)
            assert journal.get(entry_id).interview == interview
        columns = sql_fields()
        with contextlib.closing(sqlite3.connect(path)) as conn:
            row = conn.execute(
                f"SELECT {', '.join(f.sql_column or '' for f in columns)} "
                "FROM interviews WHERE id = ?",
                (entry_id,),
            ).fetchone()
    for field, stored in zip(columns, row, strict=True):
        assert stored == interview.value(field.key), field.key
