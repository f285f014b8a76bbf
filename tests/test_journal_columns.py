"""The interviews table's own columns come from the field table (``sql_fields()``):
every write stores each SQL field's value in its column, and a field added to a copy
of the table (with the column its migration would add) is written without other edits."""

from __future__ import annotations

import dataclasses
import sqlite3

import pytest
from debrief_helpers import FULL, with_debrief
from journal_helpers import sample

from interview_kit.core import fields
from interview_kit.core.interview import Interview
from interview_kit.journal.records import entry_from_record
from interview_kit.journal.store import open_journal


def _columns(path, id_):
    names = [f.sql_column for f in fields.sql_fields()]
    conn = sqlite3.connect(path)
    try:
        row = conn.execute(
            f"SELECT {', '.join(names)} FROM interviews WHERE id = ?", (id_,)
        ).fetchone()
    finally:
        conn.close()
    return dict(zip(names, row, strict=True))


def _expected(interview: Interview):
    return {f.sql_column: interview.value(f.key) for f in fields.sql_fields()}


def test_every_write_stores_each_sql_field_in_its_column(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        id_ = journal.add(with_debrief(1, FULL, date="2026-11-20"))
        assert _columns(path, id_) == _expected(journal.get(id_).interview)
        edited = journal.get(id_).interview.replace(company="Globex", stage="final")
        journal.update(id_, edited, based_on=1, outcome_date=None)
        assert _columns(path, id_)["company"] == "Globex"
        journal.set_outcome(id_, "offer", "2026-11-30")
        journal.set_thank_you_sent(id_, "2026-11-21")
        assert _columns(path, id_) == _expected(journal.get(id_).interview)
        [copied] = journal.import_entries(
            [entry_from_record({**journal.get(id_).to_record(), "id": None})]
        )
        assert _columns(path, copied) == _columns(path, id_)


def test_a_field_added_to_a_copy_of_the_table_gets_its_column_written(tmp_path, monkeypatch):
    path = tmp_path / "j.sqlite3"
    open_journal(path).close()
    conn = sqlite3.connect(path)  # what the new field's migration step would add
    conn.execute("ALTER TABLE interviews ADD COLUMN referral TEXT")
    conn.close()
    extra = dataclasses.replace(
        fields.NOTES,
        key="referral",
        json_key="referral",
        sql_column="referral",
        csv_header="referral",
        label="Referred by",
        limit=200,
    )
    monkeypatch.setattr(fields, "FIELDS", (*fields.FIELDS, extra))
    with open_journal(path) as journal:
        id_ = journal.add({**sample(1), "referral": "a friend"})
        assert _columns(path, id_)["referral"] == "a friend"
        entry = journal.get(id_)
        journal.update(
            id_, {**entry.interview.to_dict(), "referral": "a recruiter"}, based_on=entry.revision
        )
        assert _columns(path, id_)["referral"] == "a recruiter"
        assert journal.get(id_).interview.value("referral") == "a recruiter"


@pytest.mark.parametrize("dropped", ["stage", "decision_by"])
def test_a_column_the_table_no_longer_names_is_not_written(tmp_path, monkeypatch, dropped):
    path = tmp_path / "j.sqlite3"
    keep = tuple(
        f if f.key != dropped else dataclasses.replace(f, sql_column=None) for f in fields.FIELDS
    )
    monkeypatch.setattr(fields, "FIELDS", keep)
    with open_journal(path) as journal:
        id_ = journal.add(with_debrief(1, FULL, date="2026-11-20"))
        conn = sqlite3.connect(path)
        try:
            stored = conn.execute(
                f"SELECT {dropped} FROM interviews WHERE id = ?", (id_,)
            ).fetchone()[0]
        finally:
            conn.close()
        assert stored in ("", None)  # the column's default: the field lives in data only
        assert journal.get(id_).interview.value(dropped)  # ... and is kept there
