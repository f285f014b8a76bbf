"""Drafts: the page's unsaved work kept in the journal (schema 4's ``drafts`` table).

Saved, replaced, listed newest first, read back and discarded; a damaged row is
skipped with one line; a draft that cannot be written is the one-line JournalError;
drafts never show in listings, History, the due list, exports or calibration; and a
schema 3 journal opens, upgraded in place after one backup."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from journal_helpers import run_cli, sample

from interview_kit.core.errors import InputError
from interview_kit.journal.drafts import DRAFT_LIMIT
from interview_kit.journal.history import history_rows
from interview_kit.journal.schema import SCHEMA_VERSION, JournalError
from interview_kit.journal.store import Draft, open_journal
from interview_kit.learn.calibration import readiness

FIXTURES = Path(__file__).resolve().parent / "fixtures"
HALF_TYPED = {
    "company": "Acme",
    "scheduled_minutes": "4",
    "signals": {"engagement": 2},
    "notes": 'Ünïcødé ✓ "quotes"\nline two',
    "actual_minutes": -7,
}


@pytest.fixture
def journal(tmp_path):
    with open_journal(tmp_path / "j.sqlite3") as j:
        yield j


def test_a_draft_is_kept_replaced_read_back_and_discarded(journal):
    saved = journal.save_draft("tab-1", HALF_TYPED)
    assert isinstance(saved, Draft) and dict(saved.data) == HALF_TYPED
    assert (saved.entry_id, saved.based_on) == (None, None)
    assert journal.get_draft("tab-1") == saved
    id_ = journal.add(sample(1))
    newer = journal.save_draft("tab-1", {"notes": "more"}, entry_id=id_, based_on=1)
    assert journal.get_draft("tab-1") == newer and newer.updated >= saved.updated
    assert [d.key for d in journal.drafts()] == ["tab-1"]  # replaced, not added
    journal.discard_draft("tab-1")
    journal.discard_draft("tab-1")  # twice: nothing to do
    assert journal.get_draft("tab-1") is None and journal.drafts() == []
    assert journal.draft_problems == []


def test_each_page_keeps_its_own_draft_newest_first(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as one, open_journal(path) as two:
        one.save_draft("a", {"notes": "first"})
        two.save_draft("b", {"notes": "second"})
        one.save_draft("c", {"notes": "third"})
        assert [d.key for d in two.drafts()] == ["c", "b", "a"]
    with open_journal(path) as again:  # survives the process that wrote it
        assert again.get_draft("b").data["notes"] == "second"


def test_a_date_is_kept_as_iso_text(journal):
    draft = journal.save_draft("t", {"date": dt.date(2026, 11, 20)})
    assert draft.data["date"] == "2026-11-20" == journal.get_draft("t").data["date"]


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda j: j.save_draft("", {}), "draft key"),
        (lambda j: j.save_draft("x" * 65, {}), "draft key"),
        (lambda j: j.save_draft("tab 1", {}), "draft key"),
        (lambda j: j.save_draft("../etc", {}), "draft key"),
        (lambda j: j.get_draft(None), "draft key"),
        (lambda j: j.discard_draft(3), "draft key"),
        (lambda j: j.save_draft("t", ["not", "an", "object"]), "draft"),
        (lambda j: j.save_draft("t", {"x": float("nan")}), "draft"),
        (lambda j: j.save_draft("t", {"x": object()}), "draft"),
        (lambda j: j.save_draft("t", {1: "int key"}), "draft"),
        (lambda j: j.save_draft("t", {"x": "lone \ud800"}), "draft.x"),
        (lambda j: j.save_draft("t", {"x": "y" * DRAFT_LIMIT}), "draft"),
        (lambda j: j.save_draft("t", {}, entry_id=0), "entry_id"),
        (lambda j: j.save_draft("t", {}, entry_id=True), "entry_id"),
        (lambda j: j.save_draft("t", {}, entry_id=1, based_on=0), "based_on"),
        (lambda j: j.save_draft("t", {}, based_on=2), "based_on"),
    ],
)
def test_bad_draft_arguments_are_one_line_and_write_nothing(journal, call, field):
    with pytest.raises(InputError) as info:
        call(journal)
    assert info.value.field == field and "\n" not in str(info.value)
    assert journal.drafts() == []


def test_damaged_draft_rows_are_skipped_with_one_line_each(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.save_draft("good", {"notes": "kept"})
    damaged = [
        ("notjson", None, None, "{half", "2026-12-01T00:00:00+00:00"),
        ("list", None, None, "[1, 2]", "2026-12-01T00:00:00+00:00"),
        ("number", None, None, 5, "2026-12-01T00:00:00+00:00"),
        ("blob", None, None, b"\xff\xfe", "2026-12-01T00:00:00+00:00"),
        ("badid", "seven", None, "{}", "2026-12-01T00:00:00+00:00"),
        ("negid", -1, None, "{}", "2026-12-01T00:00:00+00:00"),
        ("orphan", None, 3, "{}", "2026-12-01T00:00:00+00:00"),
        ("when", None, None, "{}", 12),
        ("deep", None, None, "[" * 100_000 + "]" * 100_000, "2026-12-01T00:00:00+00:00"),
        ("bad key\x1b[31m", None, None, "{}", "2026-12-01T00:00:00+00:00"),
        (b"\xff", None, None, "{}", "2026-12-01T00:00:00+00:00"),
    ]
    conn = sqlite3.connect(path)
    with conn:
        conn.executemany("INSERT INTO drafts VALUES (?, ?, ?, ?, ?)", damaged)
        # invalid UTF-8 stored as TEXT (a hand edit): cannot even be decoded by SQLite
        conn.execute(
            "INSERT INTO drafts VALUES ('utf8', NULL, NULL, "
            "CAST(x'7b22ff22' AS TEXT), '2026-12-01T00:00:00+00:00')"
        )
    conn.close()
    with open_journal(path) as journal:
        assert [d.key for d in journal.drafts()] == ["good"]
        problems = journal.draft_problems
        assert len(problems) == len(damaged) + 1
        assert all("\n" not in p and "\x1b" not in p and "skipped" in p for p in problems)
        assert any("notjson" in p and "not a JSON object" in p for p in problems)
        assert journal.get_draft("notjson") is None and len(journal.draft_problems) == 1
        assert journal.get_draft("good").data == {"notes": "kept"}
        assert journal.draft_problems == []
        journal.save_draft("notjson", {"fixed": True})  # a damaged draft can be replaced
        assert journal.get_draft("notjson").data == {"fixed": True}


def test_a_draft_that_cannot_be_written_is_one_line_and_the_journal_keeps_working(journal):
    journal.save_draft("t", {"notes": "before"})
    journal._conn.execute("PRAGMA query_only = ON")  # a read-only journal
    with pytest.raises(JournalError) as info:
        journal.save_draft("t", {"notes": "after"})
    assert "read-only" in str(info.value) and "\n" not in str(info.value)
    journal._conn.execute("PRAGMA query_only = OFF")
    pages = journal._conn.execute("PRAGMA page_count").fetchone()[0]
    journal._conn.execute(f"PRAGMA max_page_count = {pages}")  # a full disk
    with pytest.raises(JournalError) as full:
        journal.save_draft("t", {"notes": "x" * 200_000})
    assert "disk is full" in str(full.value) and "damaged" not in str(full.value)
    assert journal.get_draft("t").data == {"notes": "before"}  # nothing half-written
    assert journal.drafts()[0].data == {"notes": "before"}


def test_drafts_never_show_in_listings_history_due_exports_or_calibration(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        id_ = journal.add({**sample(1), "date": "2026-11-20", "outcome": "offer"})
        before = (journal.export_json(), journal.export_csv(), journal.threads())
        draft = {
            **sample(2),
            "company": "DraftCo",
            "date": "2026-11-21",
            "decision_by": "2026-11-25",
            "outcome": "rejected",
        }
        journal.save_draft("new-page", draft)
        journal.save_draft("edit-page", {**draft, "notes": "edited"}, entry_id=id_, based_on=1)
        assert [e.id for e in journal.entries()] == [id_] and len(journal) == 1
        assert journal.entries(search="DraftCo") == []
        assert (journal.export_json(), journal.export_csv(), journal.threads()) == before
        assert journal.due(today=dt.date(2026, 11, 22), days=30) == []
        assert [r.id for r in history_rows(journal.entries())] == [id_]
        ready = readiness(e.interview for e in journal.entries())
        assert (ready.n_good, ready.n_bad) == (1, 0)
        assert journal.get(id_).revision == 1  # a draft is no edit
    listed = run_cli("journal", "list", "--json", journal=path)
    assert [r["id"] for r in json.loads(listed.stdout)] == [id_]
    due = run_cli("due", "--json", "--today", "2026-11-22", "--days", "30", journal=path)
    assert "DraftCo" not in due.stdout and due.returncode == 0


def test_a_schema3_journal_is_upgraded_to_4_after_one_backup(tmp_path):
    path = tmp_path / "v3.sqlite3"
    shutil.copy(FIXTURES / "journal-schema3.sqlite3", path)
    with open_journal(path) as j:
        assert j.migrated_from == 3 and j.backup is not None and j.backup.parent == tmp_path
        assert [(e.id, e.revision) for e in j.entries()] == [(1, 2), (2, 3)]
        assert j.drafts() == []
        j.save_draft("tab", {"notes": "kept"}, entry_id=2, based_on=3)
        assert j.integrity_check() == "ok"
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak" in p.name) == [j.backup.name]
    assert stat.S_IMODE(j.backup.stat().st_mode) == 0o600
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
        assert [r[1] for r in conn.execute("PRAGMA table_info(drafts)")] == [
            "key",
            "entry_id",
            "based_on",
            "data",
            "updated",
        ]
    finally:
        conn.close()
    backup = sqlite3.connect(j.backup)  # the schema 3 journal as it was
    fixture = sqlite3.connect(FIXTURES / "journal-schema3.sqlite3")
    try:
        assert backup.execute("PRAGMA user_version").fetchone()[0] == 3
        rows = "SELECT * FROM interviews ORDER BY id"
        assert backup.execute(rows).fetchall() == fixture.execute(rows).fetchall()
        assert (
            backup.execute("SELECT name FROM sqlite_master WHERE name = 'drafts'").fetchone()
            is None
        )
    finally:
        backup.close()
        fixture.close()
    with open_journal(path) as again:  # upgraded once: no second backup
        assert again.migrated_from is None and again.get_draft("tab").based_on == 3
    assert len([p for p in tmp_path.iterdir() if ".bak" in p.name]) == 1


@pytest.mark.parametrize(
    "fixture", ["journal-schema0.sqlite3", "journal-schema1.sqlite3", "journal-schema2.sqlite3"]
)
def test_older_journals_get_the_drafts_table_too(tmp_path, fixture):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / fixture, path)
    with open_journal(path) as j:
        assert j.migrated_from == int(fixture[len("journal-schema")]) and j.drafts() == []
        assert j.save_draft("t", {"a": 1}).data == {"a": 1}


# -- properties

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(st.characters(blacklist_categories=("Cs",)), max_size=10), inner, max_size=4
        )
    ),
    max_leaves=20,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.text(st.characters(blacklist_categories=("Cs",)), max_size=12), json_values, max_size=6
    ),
    st.from_regex(r"[A-Za-z0-9_-]{1,64}", fullmatch=True),
)
def test_any_json_object_round_trips_through_a_draft(data, key):
    with tempfile.TemporaryDirectory() as folder:
        with open_journal(Path(folder) / "j.sqlite3") as journal:
            saved = journal.save_draft(key, data)
            assert saved.data == data == journal.get_draft(key).data
            assert journal.drafts() == [saved] and journal.draft_problems == []
