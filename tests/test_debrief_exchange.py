"""Export and import carry every debrief field exactly: JSON and CSV, random debriefs
with separators, quotes, line breaks, non-ASCII and formula-looking text."""

from __future__ import annotations

import csv
import io
import json

import pytest
from debrief_helpers import FULL, debriefs, with_debrief
from hypothesis import given, settings
from hypothesis import strategies as st

from interview_kit import InputError
from interview_kit.journal.exchange import (
    DERIVED_COLUMNS,
    JSON_COLUMNS,
    csv_columns,
    export_csv,
    export_json,
    guard_cell,
    parse_export,
    parse_export_csv,
)
from interview_kit.journal.records import entry_from_record
from interview_kit.journal.store import open_journal


def _entries(items):
    return [
        entry_from_record({**with_debrief(n, debrief), "id": n + 1}, f"case {n}")
        for n, debrief in enumerate(items)
    ]


@settings(max_examples=150, deadline=None)
@given(items=st.lists(debriefs, min_size=1, max_size=4))
def test_random_debriefs_survive_json_and_csv_exactly(items):
    entries = _entries(items)
    records = [e.to_record() for e in entries]
    back, _ = parse_export(export_json(entries))
    assert [e.to_record() for e in back] == records
    text = export_csv(entries)
    assert [e.to_record() for e in parse_export_csv(text)] == records
    # Every cell a spreadsheet reads starts inertly: no formula, whatever the debrief.
    for row in list(csv.reader(io.StringIO(text)))[1:]:
        for cell in row:
            assert guard_cell(cell) == cell or cell.startswith("'") or cell[:1] in "0123456789-"


def test_csv_columns_after_went_well_hold_compact_json():
    (entry,) = _entries([FULL])
    header, row = list(csv.reader(io.StringIO(export_csv([entry]))))
    assert header[header.index("went_well") :] == [
        "went_well",
        "decision_by",
        "thank_you_sent",
        *JSON_COLUMNS,
        "followed_up",
        *DERIVED_COLUMNS,
    ]
    cells = dict(zip(header, row, strict=True))
    assert cells["decision_by"] == "2026-11-27" and cells["thank_you_sent"] == ""
    assert json.loads(cells["interviewers"]) == FULL["interviewers"]
    assert cells["my_questions"] == '["How is success measured?"]'  # compact, readable
    assert cells["my_read"] == '{"interest":4,"red_flags":"On-call, every other week"}'


def test_a_csv_without_the_debrief_columns_still_imports(tmp_path):
    """An export written before schema 2's columns (ending at went_well, or before it)."""
    (entry,) = _entries([{}])
    rows = list(csv.reader(io.StringIO(export_csv([entry]))))
    for last in ("went_well", "weight_ease"):
        keep = csv_columns().index(last) + 1
        out = io.StringIO()
        csv.writer(out, lineterminator="\r\n").writerows(r[:keep] for r in rows)
        (back,) = parse_export_csv(out.getvalue())
        assert back.to_record() == entry.to_record()
        with open_journal(tmp_path / f"{last}.sqlite3") as j:
            assert j.import_csv(out.getvalue()) == [entry.id]


@pytest.mark.parametrize(
    ("column", "cell", "field"),
    [
        ("my_read", '{"interest":9}', "my_read.interest"),
        ("my_read", "{not json", "my_read"),
        ("questions", '[{"question":"Q","answer":1}]', "questions[0].answer"),
        ("interviewers", '[{"who":"x"}]', "interviewers[0].who"),
        ("decision_by", "2026-02-30", "decision_by"),
    ],
)
def test_a_bad_debrief_cell_names_the_line_and_the_field(column, cell, field):
    (entry,) = _entries([FULL])
    header, row = list(csv.reader(io.StringIO(export_csv([entry]))))
    row[header.index(column)] = cell
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows([header, row])
    with pytest.raises(InputError) as info:
        parse_export_csv(out.getvalue())
    message = str(info.value)
    assert message.count("line 2") == 1 and f".{field}" in message, message
    assert "\n" not in message


def test_the_csv_carries_the_reading_and_import_reads_past_it(tmp_path):
    """score, verdict and coverage: the reading at export time, for a spreadsheet;
    derived, so an import ignores them (even edited by hand)."""
    (entry,) = _entries([FULL])
    text = export_csv([entry])
    header, row = list(csv.reader(io.StringIO(text)))
    cells = dict(zip(header, row, strict=True))
    assert header[-3:] == list(DERIVED_COLUMNS) == ["score", "verdict", "coverage"]
    assert 0 <= float(cells["score"]) <= 100 and cells["verdict"] in (
        "promising",
        "mixed",
        "concerning",
        "unclear",
    )
    assert 0 <= float(cells["coverage"]) <= 1
    edited = text.replace(f",{cells['verdict']},", ",whatever,")
    (back,) = parse_export_csv(edited)
    assert back.to_record() == entry.to_record()
