"""The journal keeps the whole debrief: schema 3's date columns (and their migration
from every older journal), the due query, filters and rounds, each against the core."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from debrief_helpers import FULL, with_debrief
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journal_helpers import digest, sample

from interview_kit import InputError, Interview
from interview_kit.core.applications import application_key, group_applications
from interview_kit.core.due import due_list
from interview_kit.journal.due import DUE_SQL, due_params
from interview_kit.journal.schema import SCHEMA_VERSION, JournalError
from interview_kit.journal.store import open_journal

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def journal(tmp_path):
    with open_journal(tmp_path / "j.sqlite3") as j:
        yield j


def columns(path, id_):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT data, decision_by, thank_you_sent FROM interviews WHERE id = ?", (id_,)
        ).fetchone()
    finally:
        conn.close()


# ------------------------------------------------------------------- storage


def test_the_stored_record_is_the_whole_schema_2_record(journal):
    id_ = journal.add(with_debrief(1, FULL, date="2026-11-20"))
    data, decision_by, sent = columns(journal.path, id_)
    interview = journal.get(id_).interview
    assert data == interview.to_json(indent=None)  # `data` holds interview.to_json
    assert json.loads(data)["schema"] == 2 and json.loads(data)["my_read"]["interest"] == 4
    assert (decision_by, sent) == ("2026-11-27", None)
    journal.set_thank_you_sent(id_, "2026-11-21")
    assert columns(journal.path, id_)[1:] == ("2026-11-27", "2026-11-21")
    journal.update(id_, journal.get(id_).interview.replace(decision_by=None))
    assert columns(journal.path, id_)[1:] == (None, "2026-11-21")


def test_every_read_path_keeps_the_debrief(journal, tmp_path):
    id_ = journal.add(with_debrief(1, FULL, date="2026-11-20"))
    want = Interview.from_dict(with_debrief(1, FULL, date="2026-11-20")).debrief_dict()
    assert journal.get(id_).interview.debrief_dict() == want
    assert [e.interview.debrief_dict() for e in journal.entries()] == [want]
    assert (
        journal.rounds(journal.get(id_).company, journal.get(id_).role)[0].interview.debrief_dict()
        == want
    )
    assert journal.entries(search="MIGRATION")[0].interview.debrief_dict() == want
    record = json.loads(journal.export_json())["interviews"][0]
    assert {k: record[k] for k in want} == want
    for n, text in enumerate((journal.export_json(), journal.export_csv())):
        with open_journal(tmp_path / f"copy{n}.sqlite3") as copy:
            (copy.import_csv if n else copy.import_json)(text)
            assert copy.get(id_).interview.debrief_dict() == want
            assert (
                json.loads(copy.export_json())["interviews"]
                == json.loads(journal.export_json())["interviews"]
            )  # each journal its own id
            assert columns(copy.path, id_)[1] == "2026-11-27"


def test_thank_you_sent_is_checked_and_counts_as_a_change(journal):
    id_ = journal.add(with_debrief(1, {}, date="2026-11-20"))
    entry = journal.set_thank_you_sent(id_, dt.date(2026, 11, 20))
    assert entry.interview.thank_you_sent == "2026-11-20" and entry.revision == 2
    assert journal.set_thank_you_sent(id_, "2026-11-20").revision == 2  # no change
    for bad in ("2026-11-19", "2026-02-30", "soon"):
        with pytest.raises(InputError) as info:
            journal.set_thank_you_sent(id_, bad)
        assert info.value.field == "date"
    assert journal.get(id_).interview.thank_you_sent == "2026-11-20"
    assert journal.set_thank_you_sent(id_, None).interview.thank_you_sent is None


# ------------------------------------------------------------------- migrations


def _schema3_columns(path):
    conn = sqlite3.connect(path)
    try:
        names = {r[1] for r in conn.execute("PRAGMA table_info(interviews)")}
        indexes = {
            r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'index'")
        }
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        rows = conn.execute(
            "SELECT id, decision_by, thank_you_sent FROM interviews ORDER BY id"
        ).fetchall()
    finally:
        conn.close()
    assert {"decision_by", "thank_you_sent"} <= names and "interviews_due" in indexes
    assert version == SCHEMA_VERSION >= 4
    return rows


def test_schema2_fixture_migrates_to_3_after_a_backup(tmp_path):
    path = tmp_path / "v2.sqlite3"
    shutil.copy(FIXTURES / "journal-schema2.sqlite3", path)
    with open_journal(path) as j:
        assert j.migrated_from == 2 and j.backup is not None and j.backup.parent == tmp_path
        entries = j.entries()
        assert [e.id for e in entries] == [1, 2, 3]
        second = entries[1].interview
        assert [p.name for p in second.interviewers] == ["Åsa Berg", "Bo"]
        assert second.questions[0].answer == "The migration, line one\nline two"
        assert second.my_read.interest == 4 and second.went_well == "The SQL exercise"
        assert [p.name for p in j.profiles()] == ["default", "strict"]
        # The due list comes from the new columns: #2's note is sent, #3's is not.
        due = j.due(today=dt.date(2026, 10, 1), days=30)
        assert [(d.id, d.kind, d.due.isoformat()) for d in due] == [
            (2, "follow_up", "2026-09-26"),
            (3, "thank_you", "2026-10-02"),
            (3, "follow_up", "2026-10-11"),
        ]
        assert j.integrity_check() == "ok"
    assert _schema3_columns(path) == [
        (1, None, None),
        (2, "2026-09-25", "2026-09-16"),
        (3, "2026-10-10", None),
    ]
    assert stat.S_IMODE(j.backup.stat().st_mode) == 0o600
    backup = sqlite3.connect(j.backup)  # the backup is the schema 2 journal as it was
    fixture = sqlite3.connect(FIXTURES / "journal-schema2.sqlite3")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 2
        rows = "SELECT * FROM interviews ORDER BY id"
        assert backup.execute(rows).fetchall() == fixture.execute(rows).fetchall()
    finally:
        backup.close()
        fixture.close()
    with open_journal(path) as again:
        assert again.migrated_from is None and len(again) == 3


@pytest.mark.parametrize(
    ("fixture", "ids"),
    [("journal-schema0.sqlite3", [1, 2, 4]), ("journal-schema1.sqlite3", [1, 2])],
)
def test_older_fixtures_migrate_all_the_way_to_3(tmp_path, fixture, ids):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / fixture, path)
    with open_journal(path) as j:
        assert j.migrated_from in (0, 1) and j.backup is not None
        assert [e.id for e in j.entries()] == ids
        new = j.add(with_debrief(1, FULL, date="2026-11-20"))
        assert j.set_thank_you_sent(new, "2026-11-21").revision == 2
    rows = _schema3_columns(path)
    assert rows[:-1] == [(i, None, None) for i in ids]  # schema-1 records: no debrief
    assert rows[-1] == (new, "2026-11-27", "2026-11-21")


def test_a_bad_record_stops_the_upgrade_and_changes_nothing(tmp_path):
    path = tmp_path / "v2.sqlite3"
    shutil.copy(FIXTURES / "journal-schema2.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute(
        "UPDATE interviews SET data = ? WHERE id = 3",
        (json.dumps({"schema": 2, "scheduled_minutes": 30, "my_read": {"interest": 9}}),),
    )
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(JournalError) as info:
        open_journal(path)
    message = str(info.value)
    assert "record 3" in message and "my_read.interest" in message and "\n" not in message
    assert digest(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 2
    conn.close()


# ------------------------------------------------------------------- due, in SQL

_due_records = st.lists(
    st.tuples(
        st.none() | st.integers(-40, 40),  # interview day, relative to today
        st.none() | st.integers(-10, 30),  # decision date, relative to the interview
        st.booleans(),  # thank-you sent the day after
        st.sampled_from([None, None, "offer", "rejected", "next_round"]),
    ),
    max_size=8,
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(records=_due_records, days=st.integers(0, 20))
def test_the_due_query_gives_what_core_due_gives_over_every_record(tmp_path_factory, records, days):
    """Property: the SQL only narrows; the list equals due_list over all parsed entries."""
    today = dt.date(2026, 6, 15)
    path = tmp_path_factory.mktemp("due") / "j.sqlite3"
    with open_journal(path) as j:
        for n, (day, told, sent, outcome) in enumerate(records):
            date = None if day is None else today + dt.timedelta(days=day)
            j.add(
                with_debrief(
                    n,
                    {},
                    date=date and date.isoformat(),
                    outcome=outcome,
                    decision_by=None
                    if date is None or told is None
                    else (date + dt.timedelta(days=told)).isoformat(),
                    thank_you_sent=(date + dt.timedelta(days=1)).isoformat()
                    if date and sent
                    else None,
                )
            )
        everything = due_list([(e.id, e.interview) for e in j.entries()], today=today, days=days)
        assert j.due(today=today, days=days) == everything


def test_a_hand_damaged_date_column_is_reported(journal):
    id_ = journal.add(with_debrief(1, {}, date="2026-11-20"))
    journal._conn.execute("UPDATE interviews SET decision_by = 'soon' WHERE id = ?", (id_,))
    with pytest.raises(JournalError) as info:
        journal.due(today=dt.date(2026, 11, 20))
    assert f"record {id_} is damaged" in str(info.value)


def test_the_due_query_reads_the_index(journal):
    plan = journal._query("EXPLAIN QUERY PLAN " + DUE_SQL, due_params(dt.date(2026, 1, 1), 7))
    assert any("interviews_due" in str(row) for row in plan), plan


# ------------------------------------------------------------------- filters and rounds


def test_filters_by_company_outcome_and_search(journal):
    acme = journal.add(with_debrief(1, FULL, company="Acme  Corp", role="Analyst"))
    other = journal.add(
        {
            **sample(2),
            "company": "ÉCOLE",
            "role": "Analyst",
            "notes": "Straße café",
            "outcome": "rejected",
        }
    )
    third = journal.add(
        with_debrief(
            3,
            {"questions": [{"question": "Why ÜBER?", "answer": "Because"}]},
            company="acme corp",
            role="Engineer",
        )
    )
    ids = lambda **f: [e.id for e in journal.entries(**f)]  # noqa: E731
    assert ids(company=" ACME corp ") == [acme, third]  # case and spacing ignored
    assert ids(company="école") == [other] and ids(company="Acme") == []
    assert ids(outcome="pending") == [acme, third] and ids(outcome="rejected") == [other]
    assert ids(search="migration") == [acme]  # an answer
    assert ids(search="über") == [third]  # a question, Unicode case folded
    assert ids(search="STRASSE") == [other]  # notes, ß folds to ss
    assert ids(search="analyst") == [acme, other]  # role
    assert ids(search="acme", outcome="pending", company="ACME CORP") == [acme, third]
    assert ids(search="   ") == ids() and ids(search="nothing like it") == []
    assert ids(search="%") == [] and ids(search="_") == []  # no LIKE wildcards


def test_rounds_and_threads_group_as_the_core_does(journal):
    spellings = [
        ("Acme", "Data  analyst"),
        ("ACME ", "data analyst"),
        ("acme", "Data analyst"),
        ("Åcme", "Data analyst"),
        ("ÅCME", "DATA ANALYST"),
        ("Other", ""),
    ]
    ids = [
        journal.add({**sample(n), "company": c, "role": r}) for n, (c, r) in enumerate(spellings)
    ]
    entries = journal.entries()
    apps = group_applications([(e.id, e.interview) for e in entries])
    by_key = {application_key(a.company, a.role): sorted(i for i, _ in a.rounds) for a in apps}
    for company, role in spellings:
        rounds = sorted(e.id for e in journal.rounds(company, role))
        assert rounds == by_key[application_key(company, role)]
    threads = journal.threads()
    assert sorted(n for _, _, n in threads) == sorted(len(r) for r in by_key.values())
    assert threads[0] == ("acme", "Data analyst", 3)  # the newest row's spelling
    assert len(ids) == 6


_words = st.sampled_from(
    [
        "Acme",
        "acme  corp",
        "Straße",
        "über",
        "Ana",
        "SQL joins",
        "on-call",
        "roadmap",
        "  ",
        "budget",
    ]
)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    texts=st.lists(st.tuples(_words, _words, _words, _words, _words), min_size=1, max_size=5),
    query=_words,
)
def test_the_command_line_search_finds_what_the_history_search_finds(
    tmp_path_factory, texts, query
):
    """One meaning of "search": SQL for `journal list --search`, Python for History."""
    from interview_kit.journal.history import filter_rows, history_rows

    path = tmp_path_factory.mktemp("search") / "j.sqlite3"
    with open_journal(path) as journal:
        for company, went_well, mine, person, answer in texts:
            journal.add(
                Interview.create(
                    scheduled_minutes=30,
                    company=company,
                    went_well=went_well,
                    my_questions=[mine] if mine.strip() else [],
                    interviewers=[{"name": person}] if person.strip() else [],
                    questions=[{"question": "Why?", "answer": answer}],
                )
            )
        in_sql = [e.id for e in journal.entries(search=query)]
        rows = history_rows(journal.entries())
        in_history = sorted(r.id for r in filter_rows(rows, query))
    assert sorted(in_sql) == in_history
