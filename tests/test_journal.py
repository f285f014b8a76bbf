"""The journal's storage: records, outcomes, rounds, export/import, refusals, permissions."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from journal_helpers import digest, sample

from interview_kit import InputError, Interview, score
from interview_kit.journal.exchange import export_json
from interview_kit.journal.schema import (
    APPLICATION_ID,
    SCHEMA_VERSION,
    JournalError,
    default_path,
)
from interview_kit.journal.store import open_journal

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def journal(tmp_path):
    with open_journal(tmp_path / "j.sqlite3") as j:
        yield j


def fill(journal, n=12):
    return [journal.add(sample(k)) for k in range(n)]


def test_add_get_update_revision_and_times(journal):
    data = sample(1)
    journal.save_profile("strict", {"ease": 2.0})
    id_ = journal.add(data, profile="strict")
    entry = journal.get(id_)
    assert entry.interview == Interview.from_dict(data)
    assert entry.revision == 1 and entry.created == entry.updated
    assert entry.created.endswith("+00:00")
    assert entry.weights["ease"] == 2.0 and entry.profile == "strict"
    assert entry.pending and entry.outcome_date is None

    changed = entry.interview.replace(notes="second thoughts")
    updated = journal.update(id_, changed)
    assert updated.revision == 2 and updated.updated > updated.created
    assert updated.created == entry.created
    assert updated.interview.notes == "second thoughts"
    assert updated.weights == entry.weights  # None keeps the weights
    assert journal.update(id_, changed, {"ease": 0.5}).weights["ease"] == 0.5


def test_saving_or_recording_without_a_change_makes_no_revision(journal):
    journal.save_profile("strict", {"ease": 2.0})
    id_ = journal.add(sample(1), profile="strict")
    entry = journal.get(id_)
    # The same interview, weights and profile again: nothing written, not even the time.
    assert journal.update(id_, entry.interview) == entry
    assert journal.update(id_, entry.interview, dict(entry.weights), "strict") == entry
    assert journal.get(id_) == entry
    # A changed weight, profile or field is a change.
    custom = journal.update(id_, entry.interview, {"ease": 2.0, "comfort": 0.5})
    assert custom.revision == 2 and custom.profile == "(custom)"
    assert journal.update(id_, entry.interview.replace(notes="x")).revision == 3
    # The same outcome on the same date twice: one revision; another date: a second.
    outcome = journal.set_outcome(id_, "offer", "2026-04-01")
    assert outcome.revision == 4
    assert journal.set_outcome(id_, "offer", "2026-04-01") == outcome
    assert journal.set_outcome(id_, "offer", "2026-04-02").revision == 5
    assert journal.set_outcome(id_, "pending").revision == 6
    assert journal.set_outcome(id_, None).revision == 6


def test_outcomes_with_dates_and_pending(journal):
    id_ = journal.add(sample(2))  # dated 2026-03-03
    entry = journal.set_outcome(id_, "no_response", "2026-04-01")
    assert (entry.outcome, entry.outcome_date, entry.revision) == ("no_response", "2026-04-01", 2)
    assert journal.entries(pending=False) == [entry]
    assert journal.entries(outcome="no_response") == [entry]
    assert journal.set_outcome(id_, "pending").outcome_date is None
    assert journal.get(id_).pending
    # "pending" as an outcome filter means no outcome yet (never SQL's `outcome = NULL`)
    assert [e.id for e in journal.entries(outcome="pending")] == [id_]
    assert journal.entries(outcome="no_response") == []
    with pytest.raises(InputError) as info:
        journal.set_outcome(id_, "hired")
    assert info.value.field == "outcome"
    with pytest.raises(InputError) as info:
        journal.set_outcome(id_, "offer", "2026-01-01")
    assert info.value.field == "date"
    with pytest.raises(InputError) as info:
        journal.set_outcome(id_, "offer", "soon")
    assert (info.value.field, info.value.value) == ("date", "soon")
    assert journal.set_outcome(id_, "offer").outcome_date is not None  # today


def test_bad_records_are_refused_with_the_field(journal):
    with pytest.raises(InputError) as info:
        journal.add({**sample(1), "signals": {"ease": 7}})
    assert info.value.field == "signals.ease"
    with pytest.raises(InputError) as info:
        journal.add(sample(1), {"ease": -1})
    assert info.value.field.startswith("weights")
    with pytest.raises(InputError):
        journal.add(sample(1), profile="")
    with pytest.raises(InputError) as info:
        journal.get(999)
    assert info.value.field == "id"
    assert len(journal) == 0


def test_list_is_ordered_by_date_and_rounds_stay_linked(journal):
    ids = fill(journal)
    listed = journal.entries()
    assert sorted(e.id for e in listed) == sorted(ids)
    dated = [e.date for e in listed if e.date]
    assert dated == sorted(dated)
    assert all(e.date is None for e in listed[len(dated) :])

    a = journal.add(
        {
            **sample(100, company="Initech"),
            "stage": "phone_screen",
            "date": "2026-05-01",
            "role": "Analyst",
        }
    )
    b = journal.add(
        {
            **sample(101, company=" initech"),
            "stage": "onsite",
            "date": "2026-05-20",
            "role": "analyst",
        }
    )
    journal.add({**sample(102, company="Initech"), "role": "Engineer"})
    rounds = journal.rounds("Initech", "Analyst")
    assert [(e.id, e.stage) for e in rounds] == [(a, "phone_screen"), (b, "onsite")]
    assert ("initech", "analyst", 2) in journal.threads()


def test_delete(journal):
    a, b = fill(journal, 2)
    journal.delete(a)
    assert [e.id for e in journal.entries()] == [b]
    with pytest.raises(InputError):
        journal.delete(a)


def test_json_export_round_trips_exactly(journal, tmp_path):
    ids = fill(journal, 20)
    journal.set_outcome(ids[0], "offer", "2026-12-01")
    journal.update(ids[1], sample(50), {"comfort": 0})
    journal.delete(ids[2])
    text = journal.export_json()
    data = json.loads(text)
    assert data["format"] == "interview_kit.journal" and data["version"] == 1
    first = data["interviews"][0]
    assert {
        "id",
        "created",
        "updated",
        "revision",
        "weights",
        "profile",
        "outcome_date",
        "schema",
        "signals",
        "scheduled_minutes",
    } <= set(first)

    by_id = sorted(journal.entries(), key=lambda e: e.id)
    # the fast path writes what the entries say
    assert text == export_json(by_id, uid=journal.journal_uid)
    assert data["interviews"] == [e.to_record() for e in by_id]
    with open_journal(tmp_path / "copy.sqlite3") as copy:
        assert copy.import_json(text) == [r["id"] for r in data["interviews"]]
        assert copy.export_json() == text
        assert copy.entries() == journal.entries()
        # importing the same file again adds nothing
        copy.import_json(text)
        assert len(copy) == len(journal)


def test_csv_export_round_trips_exactly(journal, tmp_path):
    ids = fill(journal, 15)
    journal.set_outcome(ids[3], "rejected", "2026-12-24")
    text = journal.export_csv()
    header = text.splitlines()[0].split(",")
    assert "signal_engagement" in header and "weight_ease" in header
    assert len(text.splitlines()) > 15  # notes hold newlines: quoted, still one row each
    with open_journal(tmp_path / "copy.sqlite3") as copy:
        copy.import_csv(text)  # CSV carries no journal id: the copy keeps its own
        assert (
            json.loads(copy.export_json())["interviews"]
            == json.loads(journal.export_json())["interviews"]
        )
        assert copy.export_csv() == text


def test_import_is_all_or_nothing_and_names_the_record(journal, tmp_path):
    fill(journal, 5)
    data = json.loads(journal.export_json())
    data["interviews"][3]["signals"]["comfort"] = 3
    with open_journal(tmp_path / "target.sqlite3") as target:
        target.add(sample(99))
        before = target.export_json()
        with pytest.raises(InputError) as info:
            target.import_json(json.dumps(data))
        assert (
            info.value.field == f"interviews[3] (id {data['interviews'][3]['id']}).signals.comfort"
        )
        assert "\n" not in str(info.value)
        assert target.export_json() == before

        for bad, field in [
            ('{"format": "x"}', "format"),
            ("[1, 2", "json"),
            ('{"format": "interview_kit.journal", "version": 9}', "version"),
        ]:
            with pytest.raises(InputError) as info:
                target.import_json(bad)
            assert info.value.field == field
        rows = list(csv.DictReader(io.StringIO(journal.export_csv())))
        rows[2]["signal_ease"] = "often"
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
        with pytest.raises(InputError) as info:
            target.import_csv(out.getvalue())
        assert info.value.field == "line 4.signal_ease" and info.value.value == "often"
        assert target.export_json() == before


def test_id_collisions_on_import_get_new_ids(journal, tmp_path):
    fill(journal, 3)
    text = journal.export_json()
    with open_journal(tmp_path / "other.sqlite3") as other:
        taken = other.add(sample(77))
        ids = other.import_json(text)
        assert taken in [e.id for e in other.entries()]
        assert len(set(ids)) == 3 and taken not in ids
        assert len(other) == 4


# ------------------------------------------------------------------- files and refusals


def test_new_journal_is_private(tmp_path):
    path = tmp_path / "fresh" / "deeper" / "journal.sqlite3"
    with open_journal(path) as j:
        j.add(sample(1))
        for p in [path, *path.parent.glob("journal.sqlite3-*")]:
            assert stat.S_IMODE(p.stat().st_mode) == 0o600, p
        assert {p.name for p in path.parent.iterdir()} >= {"journal.sqlite3"}
        assert not list(path.parent.glob(".*.new"))
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_default_path_env_and_user_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(tmp_path / "env.sqlite3"))
    assert default_path() == tmp_path / "env.sqlite3"
    with open_journal() as j:
        assert j.path == tmp_path / "env.sqlite3"
    monkeypatch.delenv("INTERVIEW_KIT_JOURNAL")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert default_path() == tmp_path / "xdg" / "interview_kit" / "journal.sqlite3"


def _foreign_sqlite(path):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")
    conn.execute("INSERT INTO notes VALUES ('mine')")
    conn.commit()
    conn.close()


def _newer(path):
    with open_journal(path) as j:
        j.add(sample(1))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()


def _damaged(path):
    with open_journal(path) as j:
        for k in range(200):
            j.add(sample(k))
    raw = bytearray(path.read_bytes())
    page = 4096
    for offset in range(2 * page, len(raw), page):  # smash every b-tree page header
        raw[offset : offset + 12] = b"\xde\xad\xbe\xef" * 3
    path.write_bytes(bytes(raw))


def _truncated(path):
    _damaged(path)
    with open_journal(path.with_name("full.sqlite3")) as j:
        for k in range(200):
            j.add(sample(k))
    path.write_bytes(path.with_name("full.sqlite3").read_bytes()[: 3 * 4096 + 100])


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda p: p.write_text("name,company\nme,Acme\n"), "not an SQLite database"),
        (lambda p: p.write_bytes(b""), "empty file"),
        (_foreign_sqlite, "another program"),
        (_newer, "newer interview_kit"),
        (_damaged, "damaged"),
        (_truncated, "damaged"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\x00" * 30), "damaged"),
    ],
)
def test_refused_files_stay_byte_for_byte(tmp_path, make, words):
    path = tmp_path / "journal.sqlite3"
    make(path)
    before = digest(path)
    with pytest.raises(JournalError) as info:
        open_journal(path)
    message = str(info.value)
    assert words in message and str(path) in message and "\n" not in message
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("journal")) == [
        "journal.sqlite3"
    ]


def test_damaged_record_is_reported_not_hidden(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as j:
        id_ = j.add(sample(1))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE interviews SET data = '{\"scheduled_minutes\": -4}' WHERE id = ?", (id_,))
    conn.commit()
    conn.close()
    with open_journal(path) as j, pytest.raises(JournalError) as info:
        j.entries()
    assert f"record {id_}" in str(info.value)


# ------------------------------------------------------------------- migrations


def test_schema0_fixture_migrates_after_a_backup(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "journal-schema0.sqlite3", path)
    original = digest(path)
    with open_journal(path) as j:
        assert j.migrated_from == 0
        assert j.backup is not None and j.backup.parent == tmp_path
        entries = j.entries()
        assert [e.id for e in entries] == [1, 2, 4]
        assert entries[0].outcome == "next_round" and entries[0].revision == 1
        assert entries[0].created == entries[0].updated == "2026-10-02T19:00:00+00:00"
        assert entries[2].interview.notes == "Ünïcødé ✓"
        assert [e.stage for e in j.rounds("acme", "DATA ANALYST")] == ["phone_screen", "onsite"]
        new = j.add(sample(3))
        assert new == 5  # ids never reuse the old ones
        assert j.integrity_check() == "ok"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    conn.close()
    assert stat.S_IMODE(j.backup.stat().st_mode) == 0o600
    backup = sqlite3.connect(j.backup)
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 0
    assert backup.execute("SELECT count(*) FROM interviews").fetchone()[0] == 3
    backup.close()
    assert digest(path) != original
    with open_journal(path) as again:  # second open: nothing to migrate
        assert again.migrated_from is None and len(again) == 4


def test_migration_with_a_bad_record_changes_nothing(tmp_path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "journal-schema0.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE interviews SET data = '{\"scheduled_minutes\": 0}' WHERE id = 2")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(JournalError) as info:
        open_journal(path)
    assert "record 2" in str(info.value)
    assert digest(path) == before


def test_scores_match_the_core(journal):
    from interview_kit.journal.history import history_rows

    ids = fill(journal, 30)
    journal.update(ids[0], sample(0), {"engagement": 0, "ease": 3})
    entries = journal.entries()
    rows = history_rows(entries)
    assert sorted(r.id for r in rows) == sorted(ids)
    by_id = {e.id: e for e in entries}
    for row in rows:
        a = score(by_id[row.id].interview, by_id[row.id].weights)
        assert (row.score, row.verdict, row.confidence) == (a.overall, a.verdict, a.confidence)
    same = history_rows(entries, weights={})
    a = score(by_id[ids[0]].interview)
    assert next(r for r in same if r.id == ids[0]).score == a.overall


def test_history_rows_sorting():
    from interview_kit.journal.history import history_rows

    assert history_rows([]) == []
    with pytest.raises(InputError):
        history_rows([], sort="colour")


def test_history_sort_orders(journal):
    from interview_kit.journal.history import history_rows

    fill(journal, 25)
    rows = history_rows(journal.entries())
    dates = [r.date for r in rows]
    assert [d for d in dates if d] == sorted(d for d in dates if d)
    assert dates[-1] is None
    by_score = history_rows(journal.entries(), sort="score", descending=True)
    assert [r.score for r in by_score] == sorted((r.score for r in rows), reverse=True)
    by_company = history_rows(journal.entries(), sort="company")
    names = [r.company.casefold() for r in by_company]
    assert names == sorted(names)


def test_load_dataframe(journal):
    from interview_kit.journal.frames import load_dataframe

    ids = fill(journal, 10)
    journal.set_outcome(ids[0], "offer", "2026-12-30")
    frame = load_dataframe(journal)
    assert sorted(frame.index) == sorted(ids)
    assert {"score", "verdict", "outcome", "signal_ease", "date"} <= set(frame.columns)
    assert frame.loc[ids[0], "outcome"] == "offer"
    assert str(frame["date"].dtype).startswith("datetime64")


def test_module_imports_no_heavy_stack():
    import subprocess
    import sys

    code = (
        "import sys, interview_kit.journal.store, interview_kit.journal.reminders, "
        "interview_kit.cli.journal, interview_kit.journal.history, "
        "interview_kit.journal.frames;"
        "print([m for m in ('numpy','matplotlib','ipywidgets','pandas') "
        "if m in sys.modules])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}
    )
    assert out.stdout.strip() == "[]"


def test_lone_surrogates_are_refused_not_a_traceback(journal):
    data = json.loads('{"scheduled_minutes": 30, "notes": "bad \\ud800 text"}')
    with pytest.raises(InputError) as info:
        journal.add(data)
    assert info.value.field == "notes"
    assert len(journal) == 0


def test_two_open_journals_see_each_others_saves(tmp_path):
    path = tmp_path / "shared.sqlite3"
    with open_journal(path) as kernel_a, open_journal(path) as kernel_b:
        a = kernel_a.add(sample(1))
        b = kernel_b.add(sample(2))
        kernel_b.set_outcome(a, "offer", "2026-12-01")
        kernel_a.update(b, sample(3))
        assert kernel_a.entries() == kernel_b.entries()
        assert kernel_a.get(a).outcome == "offer" and kernel_b.get(b).revision == 2


def test_trend_points_are_dated_and_ordered(journal):
    from interview_kit.journal.history import history_rows, trend_points

    ids = fill(journal, 12)
    journal.set_outcome(ids[1], "rejected", "2026-12-30")
    rows = history_rows(journal.entries(), sort="score")
    points = trend_points(rows)
    assert [p.date for p in points] == sorted(r.date for r in rows if r.date)
    assert len(points) == sum(1 for r in rows if r.date) < len(rows)
    assert {p.id: p.outcome for p in points}[ids[1]] == "rejected"


def test_listing_sees_changes_made_elsewhere(tmp_path):
    """The parsed-row cache never hides an edit from another handle (another kernel)."""
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as mine, open_journal(path) as theirs:
        a, b = mine.add(sample(1)), mine.add(sample(2))
        assert len(mine.entries()) == 2
        theirs.update(a, sample(3))
        theirs.delete(b)
        c = theirs.add(sample(4))
        listed = mine.entries()
        assert {e.id for e in listed} == {a, c}
        assert mine.get(a).interview == Interview.from_dict(sample(3))
        assert next(e for e in listed if e.id == a).revision == 2


def test_csv_export_is_safe_in_a_spreadsheet_and_still_exact(journal, tmp_path):
    """Text that a spreadsheet would run as a formula is written inert (one ' in
    front), and read back exactly; an older export's leading ' is kept as it was."""
    from interview_kit.journal.exchange import guard_cell, unguard_cell

    hostile = [
        '=HYPERLINK("http://x","y")',
        "+1+1",
        "-2+3",
        "@SUM(A1)",
        "\tx",
        "'quoted",
        "''",
        "'",
        "plain",
        "",
        "a=b",
    ]
    for text in hostile:
        assert unguard_cell(guard_cell(text)) == text
    assert unguard_cell("'plain") == "'plain"  # a guard that protects nothing is data
    for n, text in enumerate(hostile[:6]):
        journal.add({**sample(n), "company": text, "notes": text, "role": text})
    exported = journal.export_csv()
    for row in csv.DictReader(io.StringIO(exported)):
        for column in ("company", "role", "notes"):
            assert not row[column].startswith(("=", "+", "-", "@", "\t", "\r")), row[column]
    with open_journal(tmp_path / "copy.sqlite3") as copy:
        copy.import_csv(exported)
        assert (
            json.loads(copy.export_json())["interviews"]
            == json.loads(journal.export_json())["interviews"]
        )  # each journal its own id
        assert [e.company for e in copy.entries()] == [e.company for e in journal.entries()]


@pytest.mark.parametrize("weights", ['{"ease": -1}', '{"ease": NaN}', '{"charm": 1}', "[1]"])
def test_a_stored_bad_weight_is_damage_not_a_score(tmp_path, weights):
    path = tmp_path / "edited.sqlite3"
    with open_journal(path) as journal:
        id_ = journal.add(sample(1))
    conn = sqlite3.connect(path)
    conn.execute("UPDATE interviews SET weights = ? WHERE id = ?", (weights, id_))
    conn.commit()
    conn.close()
    with open_journal(path) as journal, pytest.raises(JournalError) as info:
        journal.get(id_)
    assert f"record {id_} is damaged" in str(info.value) and "\n" not in str(info.value)


def test_went_well_is_kept_exported_and_imported_exactly(journal, tmp_path):
    """The schema-2 field travels with its interview: saved, listed, JSON and CSV."""
    words = '=I asked about "the team", and it went well\n✓'
    plain = journal.add(sample(1))
    mine = journal.add({**sample(2), "schema": 2, "went_well": words})
    assert journal.get(mine).interview.went_well == words
    assert journal.get(plain).interview.to_dict()["schema"] == 1
    records = {r["id"]: r for r in json.loads(journal.export_json())["interviews"]}
    assert records[mine]["schema"] == 2 and records[mine]["went_well"] == words
    assert "went_well" not in records[plain]
    csv_text = journal.export_csv()
    assert csv_text.splitlines()[0].endswith(
        ",went_well,decision_by,thank_you_sent,interviewers,questions,my_questions,my_read"
        ",followed_up,score,verdict,coverage"
    )
    for n, text in enumerate((journal.export_json(), csv_text)):
        with open_journal(tmp_path / f"copy{n}.sqlite3") as copy:
            (copy.import_csv if n else copy.import_json)(text)
            assert (
                json.loads(copy.export_json())["interviews"]
                == json.loads(journal.export_json())["interviews"]
            )  # each journal its own id
            assert copy.get(mine).interview.went_well == words


def test_each_journal_has_its_own_id_and_a_json_restore_keeps_it(tmp_path):
    from interview_kit.journal.identity import UID_PATTERN

    with open_journal(tmp_path / "a.sqlite3") as a, open_journal(tmp_path / "b.sqlite3") as b:
        assert UID_PATTERN.fullmatch(a.journal_uid) and a.journal_uid != b.journal_uid
        a.add(sample(60))
        text = a.export_json()
        with open_journal(tmp_path / "restored.sqlite3") as restored:
            restored.import_json(text)
            assert restored.journal_uid == a.journal_uid
        b.add(sample(40))
        b.import_json(text)  # into a journal that holds interviews: its own id stays
        assert b.journal_uid != a.journal_uid


def test_a_journal_made_before_the_id_gets_a_stable_one(tmp_path):
    import sqlite3

    path = tmp_path / "old.sqlite3"
    with open_journal(path):
        pass
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM meta WHERE key = 'uid'")
    conn.close()
    with open_journal(path) as journal:
        first = journal.journal_uid
    with open_journal(path) as journal:
        assert journal.journal_uid == first
