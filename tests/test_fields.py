"""The field table (core/fields): one row per field of the interview record, in the
contract's order, each with a consistent kind, control, default and places."""

from __future__ import annotations

import dataclasses

import pytest

from interview_kit.core import fields
from interview_kit.core.fields import (
    CONTROLS,
    FIELDS,
    KINDS,
    Field,
    csv_fields,
    get_field,
    sql_fields,
)
from interview_kit.core.interview import Interview

CONTRACT_ORDER = (
    "company role date stage scheduled_minutes actual_minutes behavioral_share signals "
    "notes outcome went_well decision_by thank_you_sent interviewers questions "
    "my_questions my_read").split()


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
        "company", "role", "date", "stage", "outcome", "decision_by", "thank_you_sent"]


def test_every_field_has_a_csv_column() -> None:
    assert csv_fields() == FIELDS


def test_debrief_is_schema_two() -> None:
    assert [f.key for f in fields.later_fields()] == CONTRACT_ORDER[CONTRACT_ORDER.index(
        "went_well"):]


def test_get_field_and_a_copy_of_the_table(monkeypatch: pytest.MonkeyPatch) -> None:
    assert get_field("decision_by") is fields.DECISION_BY
    with pytest.raises(KeyError, match="not a field"):
        get_field("referal")
    extra = dataclasses.replace(fields.NOTES, key="referral", json_key="referral",
                                csv_header="referral", label="Referred by")
    monkeypatch.setattr(fields, "FIELDS", (*FIELDS, extra))
    assert get_field("referral") is extra
    assert fields.find_field("referral") is extra
