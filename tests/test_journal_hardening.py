"""Every bound enforced before SQLite sees it, every refusal leaves the file untouched,
every journal error one line: ids and revisions, text SQLite cannot store, a newer
journal with a leftover ``-wal``, hand-damaged rows, a full disk, ``.ics`` text and
the CSV formula guard."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import digest, sample

from interview_kit import InputError, Interview
from interview_kit.journal.exchange import export_csv, guard_cell, parse_export_csv
from interview_kit.journal.records import MAX_IMPORT_ID, entry_from_record
from interview_kit.journal.reminders import plan, to_ics
from interview_kit.journal.schema import SCHEMA_VERSION, JournalError
from interview_kit.journal.store import open_journal

CLI = [sys.executable, "-c", "from interview_kit.cli.main import run; run()"]


def cli(*args: object, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, input=stdin, timeout=60
    )


def one_line(result: subprocess.CompletedProcess, *words: str) -> str:
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def export_of(*records: dict) -> str:
    return json.dumps(
        {"format": "interview_kit.journal", "version": 1, "interviews": list(records)}
    )


# --------------------------------------------------------------------------- bounds


def test_an_id_near_sqlites_maximum_is_refused_and_no_id_past_json_is_given(tmp_path):
    path = tmp_path / "j.sqlite3"
    for big in (2**63 - 1, 2**63, MAX_IMPORT_ID + 1):
        one_line(
            cli(
                "journal",
                "import",
                "-",
                "--journal",
                path,
                stdin=export_of({**sample(1), "id": big}),
            ),
            "id",
            "too large",
        )
    # The largest id an import may bring is taken; the kit never hands out an id its own
    # import would refuse: the next save is refused in one line, and the journal's export
    # still imports into a new journal, exactly.
    assert (
        cli(
            "journal",
            "import",
            "-",
            "--journal",
            path,
            stdin=export_of({**sample(1), "id": MAX_IMPORT_ID}),
        ).returncode
        == 0
    )
    with open_journal(path) as journal:
        with pytest.raises(InputError, match="largest id") as refused:
            journal.add(sample(2))
        assert "\n" not in str(refused.value) and len(journal) == 1
    line = one_line(
        cli("journal", "add", "-", "--journal", path, stdin=json.dumps(sample(2))),
        "nothing was written",
    )
    assert str(MAX_IMPORT_ID) in line
    exported = cli("journal", "export", "--journal", path)
    copy = tmp_path / "copy.sqlite3"
    assert cli("journal", "import", "-", "--journal", copy, stdin=exported.stdout).returncode == 0
    assert cli("journal", "export", "--journal", copy).stdout == exported.stdout
    # Once that record is gone, saving gives the next id after the largest one left.
    with open_journal(path) as journal:
        journal.delete(MAX_IMPORT_ID)
        assert journal.add(sample(3)) == 1


def test_a_journal_stuck_at_the_maximum_id_saves_again_once_that_record_is_gone(tmp_path):
    """What an older version let happen: an imported id of 2^63-1 left AUTOINCREMENT
    with no id to give, even after the record was deleted."""
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        first = journal.add(sample(1))
        stuck = entry_from_record(sample(2))
        journal._conn.execute("BEGIN IMMEDIATE")
        journal._insert(journal._conn, dataclasses.replace(stuck, id=2**63 - 1), keep_id=True)
        journal._conn.execute("COMMIT")
        journal.delete(2**63 - 1)
        assert journal.add(sample(3)) == first + 1


@pytest.mark.parametrize("revision", [2**63, 2**64 + 5, MAX_IMPORT_ID + 1, 0])
def test_a_revision_out_of_range_is_one_line(tmp_path, revision):
    one_line(
        cli(
            "journal",
            "import",
            "-",
            "--journal",
            tmp_path / "j.sqlite3",
            stdin=export_of({**sample(1), "revision": revision}),
        ),
        "revision",
    )


@pytest.mark.parametrize("field", ["profile", "company", "notes"])
def test_a_lone_surrogate_is_one_line_naming_the_field(tmp_path, field):
    record = json.dumps({**sample(1), field: "PLACEHOLDER"}).replace(
        '"PLACEHOLDER"', '"bad \\ud800 text"'
    )
    line = one_line(
        cli(
            "journal",
            "import",
            "-",
            "--journal",
            tmp_path / "j.sqlite3",
            stdin=f'{{"format": "interview_kit.journal", "version": 1, "interviews": [{record}]}}',
        ),
        "cannot be stored",
    )
    assert field in line


def test_every_text_of_a_record_is_checked_for_storable_characters():
    with pytest.raises(InputError, match="cannot be stored"):
        entry_from_record({**sample(1), "profile": "x\udc80"})


# --------------------------------------------------------------------------- refuse untouched


def _leave_newer_schema_in_wal(path: Path) -> None:
    """A newer interview_kit wrote schema 99 and died: the change is still in the -wal."""
    script = f"""
import os, sqlite3
conn = sqlite3.connect({str(path)!r}, isolation_level=None)
conn.execute("PRAGMA wal_autocheckpoint = 0")
conn.execute("BEGIN IMMEDIATE")
conn.execute("CREATE TABLE newer_things (x)")
conn.execute("PRAGMA user_version = 99")
conn.execute("COMMIT")
os._exit(0)  # no close: no checkpoint, the -wal and -shm stay
"""
    subprocess.run([sys.executable, "-c", script], check=True, timeout=30)


def _files(path: Path) -> dict[str, str]:
    return {
        p.name: digest(p) for p in sorted(path.parent.iterdir()) if p.name.startswith(path.name)
    }


def test_a_newer_journal_with_a_leftover_wal_is_refused_byte_for_byte(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.add(sample(1))
    _leave_newer_schema_in_wal(path)
    before = _files(path)
    assert {"j.sqlite3", "j.sqlite3-wal", "j.sqlite3-shm"} <= set(before)
    with pytest.raises(JournalError, match="newer interview_kit") as refused:
        open_journal(path)
    assert "\n" not in str(refused.value)
    assert _files(path) == before
    result = cli("journal", "list", "--journal", path)
    one_line(result, "schema 99")
    assert _files(path) == before


def test_a_damaged_journal_is_refused_untouched_in_one_line(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.import_entries(entry_from_record(sample(n)) for n in range(400))
    data = bytearray(path.read_bytes())
    page = 4096
    data[3 * page + 8 : 3 * page + 400] = bytes(392)  # wipe cells of an inner page
    data[6 * page : 6 * page + 40] = b"\xff" * 40
    path.write_bytes(bytes(data))
    before = _files(path)
    result = cli("journal", "list", "--journal", path)
    one_line(result, "damaged", "left as it is")
    assert _files(path) == before


def test_a_journal_error_is_one_line_even_when_sqlite_says_more():
    error = JournalError(
        "/tmp/j.sqlite3",
        "is damaged (*** in database main ***\n"
        "Page 4: btreeInitPage() returns error code 11\n"
        "Page 5: never used); left as it is",
    )
    assert "\n" not in str(error) and "Page 5: never used" in str(error)


# --------------------------------------------------------------------------- damaged rows


@pytest.mark.parametrize(
    ("column", "value"),
    [
        ("created", b"\x00\x01"),
        ("profile", b"\xff"),
        ("revision", "three"),
        ("data", b'{"schema": 1}'),
        ("weights", 7),
        ("outcome_date", b"2026"),
        ("updated", b"x"),
        ("weights", b"{}"),
    ],
)
def test_a_wrong_type_in_any_column_is_a_damaged_row_in_one_line(tmp_path, column, value):
    """A hand-edited row (SQLite's TEXT affinity turns a number into text, so what
    survives is a BLOB, or text in an INTEGER column) is reported by column, never a
    traceback, by every command that reads it."""
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        id_ = journal.add(sample(1))
    with sqlite3.connect(path) as conn:
        conn.execute(f"UPDATE interviews SET {column} = ? WHERE id = ?", (value, id_))
    conn.close()
    for args in (
        ("export",),
        ("export", "--format", "csv"),
        ("list",),
        ("list", "--json"),
        ("show", id_),
    ):
        line = one_line(cli("journal", *args, "--journal", path), "damaged")
        assert f"record {id_}" in line and column in line, (args, line)


def test_a_wrong_type_in_a_profile_is_one_line(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.save_profile("Mine", {"ease": 2})
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE profiles SET weights = ?", (b"\x00",))
    conn.close()
    one_line(cli("profile", "list", "--journal", path), "damaged", "weights")


# --------------------------------------------------------------------------- full disk


def test_a_healthy_journal_on_a_full_disk_is_not_called_damaged(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.add(sample(1))
        pages = journal._conn.execute("PRAGMA page_count").fetchone()[0]
        journal._conn.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow
        with pytest.raises(JournalError) as full:
            journal.import_entries(
                entry_from_record({**sample(n), "notes": "x" * 2000}) for n in range(50)
            )
        message = str(full.value)
        assert "disk is full" in message and "damaged" not in message, message
        assert "\n" not in message
        assert len(journal) == 1  # nothing half-written
    assert SCHEMA_VERSION >= 2


# --------------------------------------------------------------------------- .ics and CSV


def test_ics_text_carries_no_control_characters_and_old_years_keep_four_digits():
    reminders = plan(
        Interview.create(
            scheduled_minutes=30,
            date="0999-05-01",
            company="Acme\x00\x0b\x1b[31m\x7f\x85 Ltd",
            role="Role;\r\nwith, breaks",
        )
    )
    text = to_ics(reminders)
    body = text.replace("\r\n", "")
    assert not any(ord(ch) < 32 or 0x7F <= ord(ch) <= 0x9F for ch in body), repr(body)
    assert "SUMMARY:Thank-you note: Acme[31m Ltd / Role\\;\\nwith\\, breaks" in body
    assert "DTSTART;VALUE=DATE:09990502" in text
    assert "DTSTART;VALUE=DATE:09990508" in text
    for line in text.split("\r\n"):
        if line.startswith(("DTSTART", "DTEND")):
            assert len(line.rpartition(":")[2]) == 8, line


@pytest.mark.parametrize(
    "text",
    [
        ' =HYPERLINK("http://x")',
        "\n=1+1",
        "\r\n@SUM(A1)",
        "\u3000=1",
        "\uff1d1+1",
        "\uff0bcmd",
        "\uff0d1",
        "\uff20A1",
        "|calc",
        "  -2+3",
        "\t=1",
        "'=1",
        "\uff5ccmd",
    ],
)
def test_the_csv_guard_covers_whitespace_full_width_and_pipe(text):
    assert guard_cell(text).startswith("'")
    entry = entry_from_record({**sample(1), "id": 1, "company": text, "notes": text})
    row = export_csv([entry]).split("\r\n", 1)[1]
    assert f",'{text[:1]}" in row or f",\"'{text[:1]}" in row, row
    (back,) = parse_export_csv(export_csv([entry]))
    assert back.interview.company == text and back.interview.notes == text
    assert guard_cell("Acme") == "Acme" and guard_cell(" Acme") == " Acme"
