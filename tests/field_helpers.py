"""A field added to a copy of the field table (an importable helper, not a test module).

A new field of the interview record is meant to be a one-place change: a row in
:mod:`interview_kit.core.fields`. The tests put such a row into a copy of the table
(monkeypatched, so the real one is untouched) and look for it everywhere the record
goes: checks, JSON, CSV, ``journal show`` (and the form, in the page's tests).
"""

from __future__ import annotations

import pytest

from interview_kit.core import fields
from interview_kit.core.fields import Control, Field, Kind

#: A free-text debrief field: who referred you.
REFERRAL = Field(
    "referral",
    "Referred by",
    Kind.TEXT,
    Control.TEXT,
    "",
    2,
    "referral",
    None,
    "referral",
    limit=100,
    words="must be at most 100 characters",
    placeholder="e.g. a former colleague",
    help="Who referred you",
)
#: A date debrief field: the day you applied.
APPLIED_ON = Field(
    "applied_on",
    "Applied on",
    Kind.DATE,
    Control.DATE,
    None,
    2,
    "applied_on",
    None,
    "applied_on",
    words="must be a date like 2026-11-20",
    unset="not said",
)
NEW_FIELDS = (REFERRAL, APPLIED_ON)


def add_field(monkeypatch: pytest.MonkeyPatch, *rows: Field) -> tuple[Field, ...]:
    """The table with ``rows`` appended, for the rest of the test."""
    table = (*fields.FIELDS, *rows)
    monkeypatch.setattr(fields, "FIELDS", table)
    return table
