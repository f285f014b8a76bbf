"""Every backup restores, and reading never changes a journal (issue 22, journal side):
export/import at any size a journal holds, ids within what JSON carries exactly, a
damaged journal with a live ``-wal`` byte for byte unchanged by every command, one
backup per upgrade attempt, read-only journals listed and exported, a full disk."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from cli_fuzz import run_cli
from journal_helpers import sample

from interview_kit.journal import access, exchange, store
from interview_kit.journal.records import entry_from_record
from interview_kit.journal.schema import JournalError
from interview_kit.journal.store import open_journal

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLE = ROOT / "examples" / "interview.json"


def one_line(result: tuple[int, str, str], code: int = 2, *words: str) -> str:
    got, _out, err = result
    lines = err.strip().splitlines()
    assert got == code and len(lines) == 1 and "Traceback" not in err, result
    for word in words:
        assert word in lines[0], lines[0]
    return lines[0]


def files(path: Path) -> dict[str, bytes | None]:
    """The journal's three files, as bytes (None: absent)."""
    return {
        suffix: (Path(f"{path}{suffix}").read_bytes() if Path(f"{path}{suffix}").exists() else None)
        for suffix in ("", "-wal", "-shm")
    }


# --------------------------------------------------------------------------- size


def test_a_3000_interview_export_imports_into_an_empty_journal_and_again_exactly(tmp_path):
    """The README's promise past the old 1 MB cap: ~2 MB of JSON, and the CSV too."""
    seed = tmp_path / "seed.json"
    records = [{**sample(n), "id": n + 1} for n in range(3000)]
    seed.write_text(
        json.dumps(
            {"format": "interview_kit.journal", "version": 1, "interviews": records},
            ensure_ascii=False,
        )
    )
    first, second, third = (tmp_path / f"{n}.sqlite3" for n in "abc")
    assert run_cli(["journal", "import", str(seed), "--journal", str(first)])[0] == 0
    exported = tmp_path / "export.json"
    assert run_cli(["journal", "export", str(exported), "--journal", str(first)])[0] == 0
    assert exported.stat().st_size > 1_500_000  # well past the old 1 MB cap
    code, out, err = run_cli(["journal", "import", str(exported), "--journal", str(second)])
    assert (code, err) == (0, "") and "3000 new" in out
    again = tmp_path / "again.json"
    assert run_cli(["journal", "export", str(again), "--journal", str(second)])[0] == 0
    assert _records(again.read_text()) == _records(exported.read_text())
    as_csv = tmp_path / "export.csv"
    assert (
        run_cli(["journal", "export", "--format", "csv", str(as_csv), "--journal", str(second)])[0]
        == 0
    )
    assert run_cli(["journal", "import", str(as_csv), "--journal", str(third)])[0] == 0
    assert _records(run_cli(["journal", "export", "--journal", str(third)])[1]) == _records(
        run_cli(["journal", "export", "--journal", str(second)])[1]
    )


def _records(text: str) -> str:
    """An export from its interviews on (the header before them carries each journal's
    own ``journal_uid``), exactly as written."""
    return text[text.index('"interviews": [') :]


def test_an_import_past_the_cap_says_the_cap(tmp_path, monkeypatch):
    monkeypatch.setattr(exchange, "MAX_IMPORT_BYTES", 1000)
    big = tmp_path / "big.json"
    big.write_text(
        json.dumps(
            {
                "format": "interview_kit.journal",
                "version": 1,
                "interviews": [sample(n) for n in range(10)],
            }
        )
    )
    line = one_line(
        run_cli(["journal", "import", str(big), "--journal", str(tmp_path / "j.sqlite3")]),
        2,
        "larger than 1,000 bytes",
        "the most a journal import reads",
    )
    assert "90,000 interviews" in line
    assert exchange.MAX_IMPORT_BYTES == 1000 and 64 * 2**20 > 30 * 1_000_000


def test_a_full_debrief_survives_the_csv_round_trip(tmp_path):
    """100 questions with long answers make one CSV cell of ~600,000 characters: the
    csv module's default cell limit (131,072) refused the kit's own export."""
    record = {
        **sample(1),
        "schema": 2,
        "questions": [{"question": "q" * 1000, "answer": "a" * 5000}] * 100,
    }
    with open_journal(tmp_path / "a.sqlite3") as journal:
        journal.add(record)
        text = journal.export_csv()
    assert len(text) > 600_000  # nearly all of it the questions' one cell
    limit = csv.field_size_limit()
    with open_journal(tmp_path / "b.sqlite3") as journal:
        journal.import_csv(text)
        assert journal.export_csv() == text
    assert csv.field_size_limit() == limit  # the module's limit is left as it was


# --------------------------------------------------------------------------- damaged + -wal


def _crashed(folder: Path, name: str = "crashed.sqlite3") -> tuple[Path, int]:
    """A journal as a crash leaves it: main file, a live ``-wal`` and its ``-shm``."""
    live_path = folder / "live.sqlite3"
    with open_journal(live_path) as journal:
        journal.import_entries([entry_from_record(sample(n)) for n in range(300)])
    live = sqlite3.connect(live_path, isolation_level=None)
    live.execute("PRAGMA wal_autocheckpoint = 0")
    live.execute(
        "UPDATE interviews SET updated = ? WHERE id % 97 = 0", ("2026-12-01T00:00:00.000000+00:00",)
    )  # pages the -wal holds anew
    target = folder / name
    for suffix in ("", "-wal", "-shm"):
        shutil.copyfile(f"{live_path}{suffix}", f"{target}{suffix}")
    live.close()
    return target, os.path.getsize(target) // 4096


def _damage(path: Path, page: int) -> None:
    with open(path, "r+b") as handle:
        handle.seek(page * 4096 + 8)
        handle.write(b"\xff" * 300)


COMMANDS = [
    ["journal", "list"],
    ["journal", "list", "--json", "--company", "x"],
    ["journal", "show", "1"],
    ["journal", "export"],
    ["journal", "export", "--format", "csv"],
    ["journal", "add", str(EXAMPLE)],
    ["journal", "outcome", "1", "offer"],
    ["journal", "sent", "1"],
    ["journal", "delete", "1", "--yes"],
    ["journal", "remind", "1"],
    ["journal", "import", str(ROOT / "examples" / "interview.json")],
    ["due"],
    ["thank-you", "1"],
    ["profile", "list"],
    ["profile", "show", "default"],
    ["profile", "delete", "x"],
    ["calibrate"],
    ["score", str(EXAMPLE), "--profile", "x"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=[" ".join(c[:2]) for c in COMMANDS])
def test_a_damaged_journal_with_a_wal_is_unchanged_by_every_command(tmp_path, command):
    path, _pages = _crashed(tmp_path)
    _damage(path, 3)
    before = files(path)
    assert before["-wal"] and before["-shm"]
    result = run_cli([*command, "--journal", str(path)])
    one_line(result, 2, "damaged")
    assert files(path) == before


def test_damage_anywhere_leaves_main_wal_and_shm_as_they_were(tmp_path):
    """Eleven damaged positions (the issue's count: 9 of 11 were rewritten)."""
    template, pages = _crashed(tmp_path, "template.sqlite3")
    refused = 0
    for k in range(11):
        path = tmp_path / f"d{k}.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            shutil.copyfile(f"{template}{suffix}", f"{path}{suffix}")
        _damage(path, 1 + pages * k // 11)
        before = files(path)
        for command in (["journal", "list"], ["journal", "export"], ["due"]):
            code, _out, err = run_cli([*command, "--journal", str(path)])
            refused += code != 0
            if code:  # a page the -wal holds anew reads as healthy: exported as usual
                assert "damaged" in err and len(err.strip().splitlines()) == 1, err
            assert files(path) == before, (k, command)
    assert refused >= 15


def test_a_wal_without_its_shm_is_read_from_a_private_copy(tmp_path):
    path, _pages = _crashed(tmp_path)
    Path(f"{path}-shm").unlink()
    before = files(path)
    with open_journal(path, read_only=True) as journal:
        assert journal.read_only and len(journal) == 300
        assert journal._read_only is not None and journal._read_only.how == "copy"
        copy = journal._read_only.copy
        assert copy is not None and copy.exists()
    assert not copy.exists() and files(path) == before


# --------------------------------------------------------------------------- upgrades


def _failing_v2(folder: Path) -> Path:
    path = folder / "v2.sqlite3"
    shutil.copyfile(FIXTURES / "journal-schema2.sqlite3", path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("UPDATE interviews SET data = '{\"scheduled_minutes\": -4}' WHERE id = 2")
        conn.commit()
    return path


def _backups(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".bak"))


def test_a_failing_upgrade_writes_no_backup_however_often_it_is_tried(tmp_path):
    path = _failing_v2(tmp_path)
    before = files(path)
    for _ in range(3):
        with pytest.raises(JournalError, match="record 2 cannot be upgraded"):
            open_journal(path)
        one_line(run_cli(["journal", "list", "--journal", str(path)]), 2, "record 2")
    assert _backups(tmp_path) == [] and files(path) == before


def test_an_upgrade_that_fails_after_its_backup_removes_it(tmp_path, monkeypatch):
    """A step failing on the real file (after the rehearsal passed): rolled back, and
    its backup, a copy of what the journal still is, goes too."""
    from interview_kit.journal import migrations

    path = tmp_path / "v2.sqlite3"
    shutil.copyfile(FIXTURES / "journal-schema2.sqlite3", path)
    monkeypatch.setattr(migrations, "rehearse", lambda *args: None)

    def broken(conn, where):
        raise JournalError(where, "cannot be upgraded (test); left as it is")

    monkeypatch.setitem(migrations.STEPS, 2, broken)
    for _ in range(2):
        with pytest.raises(JournalError, match="test"):
            open_journal(path)
    assert _backups(tmp_path) == []
    monkeypatch.undo()
    with open_journal(path) as journal:
        assert journal.migrated_from == 2
    assert len(_backups(tmp_path)) == 1


# --------------------------------------------------------------------------- read-only


def _readable_journal(folder: Path) -> Path:
    path = folder / "j.sqlite3"
    with open_journal(path) as journal:
        journal.import_entries([entry_from_record(sample(n)) for n in range(5)])
    return path


def test_a_journal_this_process_may_not_write_is_listed_and_exported(tmp_path, monkeypatch):
    """Root passes every permission check, so the test says "not writable" where the
    kit asks (``os.access``); the real case, run as another user, is the next test."""
    path = _readable_journal(tmp_path)
    monkeypatch.setattr(access.os, "access", lambda *args, **kwargs: False)
    before = files(path)
    code, out, err = run_cli(["journal", "list", "--json", "--journal", str(path)])
    assert (code, err) == (0, "") and len(json.loads(out)) == 5
    code, out, err = run_cli(["journal", "export", "--journal", str(path)])
    assert code == 0 and len(json.loads(out)["interviews"]) == 5
    one_line(
        run_cli(["journal", "add", str(EXAMPLE), "--journal", str(path)]),
        2,
        "read-only",
        "nothing was changed",
    )
    assert files(path) == before


@pytest.mark.skipif(
    os.geteuid() != 0 or shutil.which("setpriv") is None, reason="needs root to become another user"
)
def test_a_read_only_file_in_a_read_only_folder_as_another_user():
    """Really read-only: the journal and its folder belong to uid 65534 and are
    read-only to it (0400 and 0500); no ``-wal`` or ``-shm`` can be made."""
    import tempfile

    outer = Path(tempfile.mkdtemp(prefix="ik-ro-"))  # in /tmp, reachable by that user
    outer.chmod(0o755)
    box = outer / "ro"
    box.mkdir()
    path = _readable_journal(box)
    for p in (box, path):
        os.chown(p, 65534, 65534)
    path.chmod(0o400)
    box.chmod(0o500)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("INTERVIEW_KIT_JOURNAL", None)

    def as_nobody(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [
                "setpriv",
                "--reuid=65534",
                "--regid=65534",
                "--clear-groups",
                sys.executable,
                "-c",
                "from interview_kit.cli.main import run; run()",
                *args,
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            cwd="/",
        )

    probe = as_nobody("journal", "list", "--journal", str(path))
    if "No module named" in probe.stderr or "Permission denied" in probe.stderr:
        pytest.skip("the kit is not readable by uid 65534 here")
    assert probe.returncode == 0 and probe.stderr == "", probe.stderr
    exported = as_nobody("journal", "export", "--journal", str(path))
    assert exported.returncode == 0 and len(json.loads(exported.stdout)["interviews"]) == 5
    added = as_nobody("journal", "add", str(EXAMPLE), "--journal", str(path))
    assert added.returncode == 2 and "read-only" in added.stderr
    assert sorted(p.name for p in box.iterdir()) == ["j.sqlite3"]
    box.chmod(0o700)
    shutil.rmtree(outer)


def test_a_read_only_journal_that_needs_an_upgrade_says_so(tmp_path, monkeypatch):
    path = tmp_path / "v3.sqlite3"
    shutil.copyfile(FIXTURES / "journal-schema3.sqlite3", path)
    monkeypatch.setattr(access.os, "access", lambda *args, **kwargs: False)
    one_line(
        run_cli(["journal", "list", "--journal", str(path)]), 2, "needs an upgrade", "read-only"
    )
    assert _backups(tmp_path) == []


# --------------------------------------------------------------------------- full disk


def _disk_full(*args, **kwargs):
    error = sqlite3.OperationalError("database or disk is full")
    error.sqlite_errorcode = 13  # type: ignore[attr-defined]
    raise error


def test_on_a_full_disk_export_works_and_writes_fail_in_one_line(tmp_path, monkeypatch):
    """In-process: every read-write connection fails as on a full disk (the real one,
    a full tmpfs, is in the command-line fuzz test's real processes)."""
    path = _readable_journal(tmp_path)
    monkeypatch.setattr(store, "connect", _disk_full)
    out = tmp_path / "elsewhere" / "export.json"
    out.parent.mkdir()
    assert run_cli(["journal", "export", str(out), "--journal", str(path)])[0] == 0
    assert len(json.loads(out.read_text())["interviews"]) == 5
    one_line(
        run_cli(["journal", "add", str(EXAMPLE), "--journal", str(path)]), 1, "the disk is full"
    )


def test_creating_a_journal_on_a_full_disk_is_one_line_and_exit_1(tmp_path, monkeypatch):
    from interview_kit.journal import schema

    monkeypatch.setattr(schema, "connect", _disk_full)
    line = one_line(
        run_cli(["journal", "add", str(EXAMPLE), "--journal", str(tmp_path / "new.sqlite3")]),
        1,
        "cannot be created",
        "the disk is full",
    )
    assert "new.sqlite3" in line
    assert [p.name for p in tmp_path.iterdir()] == []  # no half-made file left behind


# --------------------------------------------------------------------------- the CLI


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_csv_export_to_a_terminal_escapes_control_characters(tmp_path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.add({**sample(1), "notes": "bell\x07 and \x1b]0;title\x07 and \x1b[2J"})
    shown = Terminal()
    with contextlib.redirect_stdout(shown):
        from interview_kit.cli.main import main

        assert main(["journal", "export", "--format", "csv", "--journal", str(path)]) == 0
    text = shown.getvalue()
    assert "\x1b" not in text and "\x07" not in text and "\\x1b[2J" in text
    assert text.count("\n") >= 2  # its lines are still lines
    exact = tmp_path / "out.csv"  # a file keeps the exact bytes
    assert (
        run_cli(["journal", "export", "--format", "csv", str(exact), "--journal", str(path)])[0]
        == 0
    )
    assert "\x1b[2J" in exact.read_text()


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["dashboard", "--port", "70000"], "port number from 0 to 65535"),
        (["lab", "--port=-1"], "port number from 0 to 65535"),
        (["journal", "list", "--company", "a\udcffb"], "--company: is not valid UTF-8"),
        (["profile", "show", "\udcff"], "name: is not valid UTF-8"),
        (["due", "--today", ""], "--today: must be a date"),
    ],
)
def test_the_four_causes_of_tracebacks_are_one_line(tmp_path, argv, words):
    line = one_line(
        run_cli(
            [
                *argv,
                *(
                    ["--journal", str(tmp_path / "j.sqlite3")]
                    if argv[0] not in ("dashboard", "lab")
                    else []
                ),
            ]
        ),
        2,
    )
    assert words in line


def test_a_journal_named_in_bytes_that_are_not_utf8_opens(tmp_path):
    path = tmp_path / "odd\udcff.sqlite3"
    assert run_cli(["journal", "add", str(EXAMPLE), "--journal", str(path)])[0] == 0
    code, out, _err = run_cli(["journal", "export", "--journal", str(path)])
    assert code == 0 and len(json.loads(out)["interviews"]) == 1
    assert os.fsencode(path) in [os.fsencode(p) for p in tmp_path.iterdir()]
