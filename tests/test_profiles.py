"""Weight profiles in the journal: save/get/list/delete, what saved interviews
record, export/import, the schema 1 -> 2 migration, and the demo journal."""

from __future__ import annotations

import json
import shutil
import sqlite3
import stat
from pathlib import Path

import pytest
from journal_helpers import digest, sample

from interview_kit import InputError
from interview_kit.core.weights import default_weights
from interview_kit.journal.exchange import parse_export
from interview_kit.journal.records import CUSTOM_PROFILE, DEFAULT_PROFILE
from interview_kit.journal.schema import SCHEMA_VERSION, JournalError
from interview_kit.journal.store import open_journal

FIXTURES = Path(__file__).resolve().parent / "fixtures"
STRICT = {"ease": 2.0, "eye_contact": 0.0}


@pytest.fixture
def journal(tmp_path):
    with open_journal(tmp_path / "j.sqlite3") as j:
        yield j


def test_default_profile_is_built_in_and_listed_first(journal):
    profiles = journal.profiles()
    assert [p.name for p in profiles] == [DEFAULT_PROFILE]
    assert profiles[0].builtin and dict(profiles[0].weights) == default_weights()
    assert journal.get_profile("default") == profiles[0]
    conn = sqlite3.connect(journal.path)
    assert conn.execute("SELECT count(*) FROM profiles").fetchone()[0] == 0  # never stored
    conn.close()


def test_save_get_list_replace_delete(journal):
    saved = journal.save_profile("strict", STRICT, note="hand made")
    assert saved.weights == {**default_weights(), **STRICT}  # completed with the defaults
    assert saved.note == "hand made" and saved.created == saved.updated
    assert journal.get_profile("strict") == saved
    journal.save_profile("a-first_one 2", {})
    assert [p.name for p in journal.profiles()] == ["default", "a-first_one 2", "strict"]

    again = journal.save_profile("Strict", {"ease": 3.0})  # same name, ASCII case ignored
    assert again.name == "Strict" and again.weights["ease"] == 3.0
    assert again.created == saved.created and again.updated > saved.updated
    assert len(journal.profiles()) == 3

    journal.delete_profile("strict")
    assert [p.name for p in journal.profiles()] == ["default", "a-first_one 2"]
    with pytest.raises(InputError) as info:
        journal.get_profile("strict")
    assert "no such profile" in str(info.value) and "'strict'" in str(info.value)
    for gone in ("strict", None, ["strict"]):
        with pytest.raises(InputError):
            journal.delete_profile(gone)


def names(message: str, field: str) -> bool:
    """The message starts by naming ``field``: as its key, or as a label with the key
    alongside ("Weight of Answering (weights.ease): ...")."""
    return message.startswith(f"{field}:") or (
        f"({field}):" in message and message.index(f"({field}):") < message.index(":")
    )


@pytest.mark.parametrize(
    ("weights", "field", "value"),
    [
        ({"ease": -1}, "weights.ease", "-1"),
        ({"ease": float("nan")}, "weights.ease", "nan"),
        ({"ease": "heavy"}, "weights.ease", "heavy"),
        ({"charm": 1.0}, "weights", "charm"),
        ([1, 2], "weights", "[1, 2]"),
    ],
)
def test_bad_weight_is_refused_naming_field_and_value(journal, weights, field, value):
    with pytest.raises(InputError) as info:
        journal.save_profile("p", weights)
    message = str(info.value)
    assert names(message, field) and value in message and "\n" not in message
    assert [p.name for p in journal.profiles()] == ["default"]


@pytest.mark.parametrize(
    "name",
    [
        "",
        "x" * 41,
        "bad!",
        "semi;colon",
        "tab\there",
        " lead",
        "trail ",
        "default",
        "DEFAULT",
        None,
        7,
    ],
)
def test_bad_names_are_refused(journal, name):
    with pytest.raises(InputError) as info:
        journal.save_profile(name, {})
    assert str(info.value).startswith("profile:") and "\n" not in str(info.value)


def test_names_may_use_letters_digits_space_dash_underscore(journal):
    for name in ("x", "x" * 40, "Zürich strict-v2_ß", "2026 fitted"):
        assert journal.save_profile(name, {}).name == name


def test_deleting_the_default_is_refused(journal):
    for name in ("default", "Default"):
        with pytest.raises(InputError) as info:
            journal.delete_profile(name)
        assert "built-in" in str(info.value) and "cannot be deleted" in str(info.value)
    assert journal.profiles()[0].name == "default"


def test_saves_record_profile_and_its_weights(journal):
    journal.save_profile("strict", STRICT)
    by_profile = journal.get(journal.add(sample(1), profile="strict"))
    assert by_profile.profile == "strict"
    assert dict(by_profile.weights) == {**default_weights(), **STRICT}
    plain = journal.get(journal.add(sample(2)))
    assert plain.profile == DEFAULT_PROFILE and dict(plain.weights) == default_weights()
    custom = journal.get(journal.add(sample(3), {"ease": 0.5}))
    assert custom.profile == CUSTOM_PROFILE and custom.weights["ease"] == 0.5
    same = journal.get(journal.add(sample(4), STRICT, profile="strict"))  # agreeing: fine
    assert same.profile == "strict"

    moved = journal.update(plain.id, plain.interview, profile="strict")
    assert moved.profile == "strict" and moved.weights["ease"] == 2.0
    kept = journal.update(plain.id, plain.interview.replace(notes="x"))
    assert kept.profile == "strict" and kept.weights == moved.weights
    outcome = journal.set_outcome(plain.id, "offer", "2026-12-01")
    assert outcome.profile == "strict"


def test_unknown_profile_or_disagreeing_weights_refused_on_save(journal):
    with pytest.raises(InputError) as info:
        journal.add(sample(1), profile="nope")
    assert str(info.value).startswith("profile:") and "nope" in str(info.value)
    journal.save_profile("strict", STRICT)
    with pytest.raises(InputError) as info:
        journal.add(sample(1), {"ease": 1.5}, profile="strict")
    assert "differ from profile 'strict'" in str(info.value)
    id_ = journal.add(sample(1))
    with pytest.raises(InputError):
        journal.update(id_, sample(1), profile="nope")
    assert len(journal) == 1 and journal.get(id_).revision == 1


def test_deleting_a_used_profile_keeps_the_interviews_weights(journal):
    journal.save_profile("strict", STRICT)
    id_ = journal.add(sample(1), profile="strict")
    before = journal.get(id_)
    journal.delete_profile("strict")
    after = journal.get(id_)
    assert after == before and after.profile == "strict"
    assert journal.update(id_, sample(1).copy() | {"notes": "edited"}).profile == "strict"


def test_profiles_survive_export_and_import(tmp_path):
    with open_journal(tmp_path / "a.sqlite3") as a:
        a.save_profile("strict", STRICT, note="hand made ✓")
        a.save_profile("calm", {"comfort": 2.0})
        a.add(sample(1), profile="strict")
        a.add(sample(2))
        a.delete_profile("calm")
        a.save_profile("calm", {"comfort": 1.5})
        text = a.export_json()
        profiles = a.profiles()
    data = json.loads(text)
    assert [p["name"] for p in data["profiles"]] == ["calm", "strict"]  # never "default"
    assert data["profiles"][1] == {**profiles[2].to_record()}
    with open_journal(tmp_path / "b.sqlite3") as b:
        b.import_json(text)
        assert b.profiles() == profiles
        assert b.export_json() == text  # exact round-trip
        b.import_json(text)  # twice: nothing new
        assert b.profiles() == profiles and len(b) == 2


def test_import_refuses_a_clashing_profile_and_adds_nothing(tmp_path):
    with open_journal(tmp_path / "a.sqlite3") as a:
        a.save_profile("strict", STRICT)
        a.add(sample(1))
        text = a.export_json()
    with open_journal(tmp_path / "b.sqlite3") as b:
        b.save_profile("STRICT", {"ease": 0.1})
        with pytest.raises(InputError) as info:
            b.import_json(text)
        assert str(info.value).startswith("profiles[0].name:")
        assert len(b) == 0 and b.get_profile("strict").weights["ease"] == 0.1


def test_old_exports_without_profiles_still_import(tmp_path):
    with open_journal(tmp_path / "a.sqlite3") as a:
        a.add(sample(1))
        text = a.export_json()
    assert '"profiles"' not in text  # no saved profiles: the export looks as before
    entries, profiles = parse_export(text)
    assert len(entries) == 1 and profiles == []
    from interview_kit.learn.demo import demo_text

    assert len(parse_export(demo_text())[0]) == 40


@pytest.mark.parametrize(
    ("profiles", "field"),
    [
        ([{"name": "default", "weights": {}}], "profiles[0].name"),
        ([{"name": "ok", "weights": {"ease": -2}}], "profiles[0].weights.ease"),
        ([{"name": "ok"}], "profiles[0].weights"),
        ([{"name": "ok", "weights": {}, "colour": "red"}], "profiles[0].colour"),
        ([{"name": "ok", "weights": {}}, {"name": "OK", "weights": {}}], "profiles[1].name"),
        ({"name": "ok"}, "profiles"),
    ],
)
def test_bad_profiles_in_an_export_are_named(journal, profiles, field):
    text = json.dumps(
        {
            "format": "interview_kit.journal",
            "version": 1,
            "profiles": profiles,
            "interviews": [sample(1)],
        }
    )
    with pytest.raises(InputError) as info:
        journal.import_json(text)
    assert names(str(info.value), field)
    assert len(journal) == 0 and len(journal.profiles()) == 1


# ------------------------------------------------------------------- migrations


def test_schema1_fixture_migrates_to_current_after_a_backup(tmp_path):
    path = tmp_path / "v1.sqlite3"
    shutil.copy(FIXTURES / "journal-schema1.sqlite3", path)
    original = path.read_bytes()
    with open_journal(path) as j:
        assert j.migrated_from == 1 and j.backup is not None
        entries = j.entries()
        assert [(e.id, e.profile, e.revision) for e in entries] == [
            (1, "default", 2),
            (2, "strict v1", 1),
        ]
        assert entries[1].weights["ease"] == 2.0 and entries[1].weights["eye_contact"] == 0.0
        assert entries[0].outcome_date == "2026-09-08"
        assert entries[1].interview.notes == 'Ünïcødé ✓, "quotes"'
        assert [p.name for p in j.profiles()] == ["default"]  # names are not invented
        j.save_profile("strict v1", {"ease": 2.0, "eye_contact": 0.0})
        assert j.add(sample(1), profile="strict v1") == 3
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION >= 4
    conn.close()
    assert stat.S_IMODE(j.backup.stat().st_mode) == 0o600
    backup = sqlite3.connect(j.backup)  # the backup is the schema 1 journal as it was
    assert backup.execute("PRAGMA user_version").fetchone()[0] == 1
    assert (
        backup.execute("SELECT name FROM sqlite_master WHERE name = 'profiles'").fetchone() is None
    )
    fixture = sqlite3.connect(FIXTURES / "journal-schema1.sqlite3")
    rows = "SELECT * FROM interviews ORDER BY id"
    assert backup.execute(rows).fetchall() == fixture.execute(rows).fetchall()
    backup.close()
    fixture.close()
    assert path.read_bytes() != original
    with open_journal(path) as again:
        assert again.migrated_from is None and len(again.profiles()) == 2


def test_schema0_fixture_migrates_all_the_way(tmp_path):
    path = tmp_path / "v0.sqlite3"
    shutil.copy(FIXTURES / "journal-schema0.sqlite3", path)
    with open_journal(path) as j:
        assert j.migrated_from == 0
        assert [e.id for e in j.entries()] == [1, 2, 4]
        assert j.save_profile("after", {"ease": 1.5}).name == "after"
        assert j.integrity_check() == "ok"
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"meta", "interviews", "profiles"} <= tables and "interviews_v0" not in tables
    conn.close()


def test_a_newer_schema_is_still_refused(tmp_path):
    path = tmp_path / "v3.sqlite3"
    shutil.copy(FIXTURES / "journal-schema1.sqlite3", path)
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(JournalError) as info:
        open_journal(path)
    assert "newer interview_kit" in str(info.value)
    assert digest(path) == before
    assert [p.name for p in tmp_path.iterdir()] == ["v3.sqlite3"]


# ------------------------------------------------------------------- demo


def test_open_demo_journal_is_a_fresh_file_in_the_given_folder(tmp_path, monkeypatch):
    from interview_kit.learn.demo import SYNTHETIC_NOTICE, demo_note, open_demo_journal

    real = tmp_path / "real.sqlite3"
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(real))
    with open_demo_journal(tmp_path / "demo") as demo:
        assert demo.path.parent == tmp_path / "demo"
        entries = demo.entries()
        assert len(entries) == 40
        assert all(e.company.startswith("Example Co") for e in entries)
    with open_demo_journal(tmp_path / "demo") as second:  # never reuses the first file
        assert second.path != demo.path and len(second) == 40
    assert not real.exists()
    assert "synthetic" in SYNTHETIC_NOTICE.lower() and "Synthetic" in demo_note()


def test_all_zero_weights_are_refused_in_one_sentence(journal):
    zeros = {s: 0 for s in default_weights()}
    with pytest.raises(InputError, match="every weight is 0") as caught:
        journal.save_profile("nothing", zeros)
    assert "\n" not in str(caught.value)
    assert [p.name for p in journal.profiles()] == [DEFAULT_PROFILE]
    journal.save_profile("one left", {**zeros, "ease": 1})  # one sign above 0 is enough
