"""``interview-kit journal ...`` run as a real subprocess against a real journal file."""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import CLI, digest, run_cli, sample

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "interview.json"


def run(*args, journal=None, env_journal=None, stdin=None):
    return run_cli("journal", *args, journal=journal, env_journal=env_journal, stdin=stdin)


@pytest.fixture
def jpath(tmp_path):
    return tmp_path / "cli.sqlite3"


def test_add_list_show_outcome_delete(jpath, tmp_path):
    out = run("add", EXAMPLE, journal=jpath)
    assert out.returncode == 0, out.stderr
    id_ = int(out.stdout)
    second = tmp_path / "second.json"
    second.write_text(
        json.dumps(
            {
                **sample(3),
                "company": "Acme",
                "role": "Data analyst",
                "date": "2026-11-27",
                "stage": "final",
            }
        )
    )
    id2 = int(run("add", second, journal=jpath).stdout)

    listed = run("list", journal=jpath)
    assert listed.returncode == 0
    assert "Acme / Data analyst / onsite" in listed.stdout and "pending" in listed.stdout
    records = json.loads(run("list", "--json", journal=jpath).stdout)
    assert [r["id"] for r in records] == [id_, id2]

    done = run("outcome", id_, "next_round", "--date", "2026-11-25", journal=jpath)
    assert done.returncode == 0 and "next_round on 2026-11-25" in done.stdout
    shown = json.loads(run("show", id_, "--json", journal=jpath).stdout)
    assert shown["outcome"] == "next_round" and shown["revision"] == 2
    assert shown["assessment"]["verdict"] in ("promising", "mixed", "concerning", "unclear")
    assert shown["rounds"] == [id_, id2]
    text = run("show", id_, journal=jpath).stdout
    flat = " ".join(text.split())
    assert "Rounds with this company and role" in flat and "out of 100" in flat
    assert "Outcome: next round." in flat  # the outcome leads; the verdict is "at the time"
    assert flat.count("Outcome:") == 1 and "next_round" not in flat  # said once, in words
    assert "Outcome recorded for 2026-11-25" in text

    refused = run("delete", id2, journal=jpath)  # not a terminal: needs --yes
    assert refused.returncode == 2 and "--yes" in refused.stderr
    assert run("delete", id2, "--yes", journal=jpath).returncode == 0
    assert [r["id"] for r in json.loads(run("list", "--json", journal=jpath).stdout)] == [id_]


def test_env_variable_and_option_before_subcommand(tmp_path):
    env_path = tmp_path / "env.sqlite3"
    assert run("add", EXAMPLE, env_journal=env_path).returncode == 0
    assert env_path.exists()
    argv = [*CLI, "journal", "--journal", str(tmp_path / "opt.sqlite3"), "add", str(EXAMPLE)]
    assert subprocess.run(argv, capture_output=True, timeout=60).returncode == 0
    assert stat.S_IMODE((tmp_path / "opt.sqlite3").stat().st_mode) == 0o600


def test_export_import_round_trip(jpath, tmp_path):
    for k in range(5):
        f = tmp_path / f"i{k}.json"
        f.write_text(json.dumps(sample(k)))
        assert run("add", f, journal=jpath).returncode == 0
    for fmt in ("json", "csv"):
        target = tmp_path / f"export.{fmt}"
        assert run("export", "--format", fmt, target, journal=jpath).returncode == 0
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
        again = run("export", "--format", fmt, target, journal=jpath)
        assert again.returncode == 2 and "already exists" in again.stderr
        copy = tmp_path / f"copy-{fmt}.sqlite3"
        imported = run("import", target, journal=copy)
        assert imported.returncode == 0, imported.stderr
        assert "5 new" in imported.stdout
        copied, original = (json.loads(run("export", journal=j).stdout) for j in (copy, jpath))
        assert copied["interviews"] == original["interviews"]
        # JSON carries the journal's id (a restore keeps its calendar UIDs); CSV does not
        assert (copied["journal_uid"] == original["journal_uid"]) == (fmt == "json")


def test_errors_are_one_line_exit_2(jpath, tmp_path):
    run("add", EXAMPLE, journal=jpath)
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(
            {
                "format": "interview_kit.journal",
                "version": 1,
                "interviews": [sample(1), {**sample(2), "behavioral_share": 4}],
            }
        )
    )
    before = run("export", journal=jpath).stdout
    out = run("import", bad, journal=jpath)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "interviews[1].behavioral_share" in out.stderr
    assert "4" in out.stderr and "Traceback" not in out.stderr
    assert run("export", journal=jpath).stdout == before

    for args, words in [
        (("show", 99), "id"),
        (("outcome", 1, "hired"), "invalid choice"),
        (("outcome", 1, "offer", "--date", "tomorrow"), "tomorrow"),
        (("outcome", 1, "offer", "--date", "2026-02-30"), "2026-02-30"),
        (("outcome", 1, "pending", "--date", "2026-11-30"), "pending"),
        (("show", "x"), "invalid int"),
    ]:
        out = run(*args, journal=jpath)
        assert out.returncode == 2 and words in out.stderr and "Traceback" not in out.stderr

    foreign = tmp_path / "notes.txt"
    foreign.write_text("my private notes\n")
    before = digest(foreign)
    out = run("list", journal=foreign)
    assert out.returncode == 2 and "not an interview_kit journal" in out.stderr
    assert str(foreign) in out.stderr and digest(foreign) == before


def _dated(tmp_path, day):
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / f"interview-{day}.json"
    path.write_text(json.dumps({**data, "date": day.isoformat()}), encoding="utf-8")
    return path


def test_remind_writes_an_ics(jpath, tmp_path):
    day = dt.date.today() + dt.timedelta(days=3)
    id_ = int(run("add", _dated(tmp_path, day), journal=jpath).stdout)
    ics = tmp_path / "r.ics"
    told = day + dt.timedelta(days=4)
    out = run("remind", id_, "--told", told.isoformat(), "--ics", ics, journal=jpath)
    assert out.returncode == 0, out.stderr
    assert (day + dt.timedelta(days=1)).isoformat() in out.stdout
    # The date they named is the decision date: the follow-up is the day after it
    # (core/due's one rule), not a week later as the old planner had it.
    assert (told + dt.timedelta(days=1)).isoformat() in out.stdout
    assert (told + dt.timedelta(days=7)).isoformat() not in out.stdout
    data = ics.read_bytes()
    assert data.startswith(b"BEGIN:VCALENDAR\r\n") and data.endswith(b"END:VCALENDAR\r\n")
    uid = re.search(rb"UID:journal-([0-9a-f]{16})-1-follow_up@interview-kit.local", data)
    assert uid, data
    # another journal's reminders for its interview #1 get other UIDs (a calendar keeps both)
    other = tmp_path / "other.sqlite3"
    run("add", _dated(tmp_path, day), journal=other)
    assert run("remind", "1", "--ics", tmp_path / "o.ics", journal=other).returncode == 0
    assert b"-1-follow_up@" in (tmp_path / "o.ics").read_bytes()
    assert uid.group(0) not in (tmp_path / "o.ics").read_bytes()


def test_reading_commands_never_create_a_journal(tmp_path):
    missing = tmp_path / "nothing-here.sqlite3"
    for command in (["list"], ["show", "1"], ["export"], ["remind", "1"]):
        done = run(*command, journal=missing)
        assert done.returncode == 0, (command, done.stderr)
        assert (
            done.stdout == ""
            and done.stderr.strip() == f"interview-kit: no journal yet at {missing}"
        ), (command, done.stderr)
    for command in (["due"], ["thank-you", "1"], ["follow-up", "1"]):
        done = subprocess.run(
            [*CLI, *command, "--journal", str(missing)], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0 and done.stdout == "", (command, done.stderr)
        assert "no journal yet at" in done.stderr
    assert not missing.exists() and list(tmp_path.iterdir()) == []


def test_remind_offers_nothing_after_an_outcome_or_for_past_days(jpath, tmp_path):
    past = int(run("add", _dated(tmp_path, dt.date(2020, 3, 2)), journal=jpath).stdout)
    ics = tmp_path / "none.ics"
    out = run("remind", past, "--ics", ics, journal=jpath)
    assert out.returncode == 0 and "passed" in out.stdout and not ics.exists()
    soon = dt.date.today() + dt.timedelta(days=2)
    decided = int(run("add", _dated(tmp_path, soon), journal=jpath).stdout)
    run("outcome", decided, "rejected", "--date", soon.isoformat(), journal=jpath)
    out = run("remind", decided, "--ics", ics, journal=jpath)
    assert out.returncode == 0 and "Rejected" in out.stdout and not ics.exists()
    shown = run("show", decided, journal=jpath).stdout
    assert "thank-you" not in shown and "check-in" not in shown and "Glassdoor" not in shown


def test_list_does_not_import_numpy(jpath):
    run("add", EXAMPLE, journal=jpath)
    code = (
        "import sys; from interview_kit.cli.main import main; "
        f"main(['journal', 'list', '--journal', {str(jpath)!r}]); "
        "print([m for m in ('numpy', 'matplotlib', 'pandas', 'ipywidgets') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_cli_upgrades_an_old_journal_and_says_so(tmp_path):
    import shutil

    old = tmp_path / "old.sqlite3"
    shutil.copy(ROOT / "tests" / "fixtures" / "journal-schema0.sqlite3", old)
    out = run("list", "--json", journal=old)
    assert out.returncode == 0, out.stderr
    assert "upgraded the journal from schema 0" in out.stderr
    assert [r["id"] for r in json.loads(out.stdout)] == [1, 2, 4]
    again = run("list", journal=old)
    assert again.returncode == 0 and again.stderr == ""


def test_user_text_never_drives_the_terminal(jpath, tmp_path):
    """Escape codes typed into (or imported with) an interview are shown, not acted on."""
    hostile = tmp_path / "hostile.json"
    hostile.write_text(
        json.dumps(
            {
                **sample(1),
                "date": "2026-11-20",
                "company": "Evil\x1b[31mRED\x1b]0;title\x07",
                "role": "analyst\r\x1b[2K",
                "stage": "on\x1b[1msite",
                "notes": "first line\n\x1b[2Jcleared\nthird \u202eline",
            }
        )
    )
    id_ = int(run("add", hostile, journal=jpath).stdout)
    for args in (("list",), ("show", id_), ("remind", id_)):
        out = run(*args, journal=jpath)
        assert out.returncode == 0, out.stderr
        for raw in ("\x1b", "\x07", "\r", "\u202e"):
            assert raw not in out.stdout, (args, raw)
    shown = run("show", id_, journal=jpath).stdout
    assert "Evil\\x1b[31mRED" in shown and "\\x1b[2Jcleared" in shown
    assert "  first line\n" in shown  # the notes keep their line breaks


def test_out_of_range_input_is_one_line_not_a_traceback(jpath, tmp_path):
    late = tmp_path / "late.json"
    late.write_text(json.dumps({**sample(1), "date": "9999-12-31"}))
    id_ = int(run("add", EXAMPLE, journal=jpath).stdout)
    late_id = int(run("add", late, journal=jpath).stdout)
    cases = [
        (run("show", 10**22, journal=jpath), "id"),
        (run("remind", id_, "--told", "9999-12-31", journal=jpath), "told"),
        (run("remind", late_id, journal=jpath), "date"),
        (run("list", env_journal="~no-such-user-here/j.sqlite3"), "INTERVIEW_KIT_JOURNAL"),
        (run("list", journal="~no-such-user-here/j.sqlite3"), "journal"),
        (run("list", env_journal=tmp_path), "is a folder"),
    ]
    for out, words in cases:
        assert out.returncode == 2, out
        assert "Traceback" not in out.stderr and out.stderr.count("\n") == 1, out.stderr
        assert words in out.stderr, out.stderr


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("deep.json", "[" * 50_000, ["json", "nested too deeply"]),
        (
            "long.json",
            '{"format": "interview_kit.journal", "version": 1, "interviews": '
            '[{"scheduled_minutes": ' + "1" * 5000 + "}]}",
            ["json", "malformed JSON"],
        ),
        # A cell past the csv module's default limit is read (a full debrief's questions
        # make one), then refused by the field's own limit.
        (
            "big.csv",
            'notes,scheduled_minutes\n"' + "x" * 200_000 + '",45\n',
            ["notes", "at most 10000 characters"],
        ),
        ("twice.csv", "scheduled_minutes,scheduled_minutes\n30,45\n", ["csv", "appears twice"]),
    ],
    ids=["deep.json", "long.json", "big.csv", "twice.csv"],
)  # not the 200 KB content: the id
# goes into PYTEST_CURRENT_TEST, and an environment that big cannot start a subprocess
def test_hostile_imports_are_one_line_and_change_nothing(jpath, tmp_path, name, content, words):
    run("add", EXAMPLE, journal=jpath)
    before = run("export", journal=jpath).stdout
    path = tmp_path / name
    path.write_text(content)
    out = run("import", path, journal=jpath)
    assert out.returncode == 2 and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" not in out.stderr and all(w in out.stderr for w in words), out.stderr
    assert run("export", journal=jpath).stdout == before


def test_a_pipe_or_device_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "journal.fifo"
    os.mkfifo(fifo)
    for path in (fifo, "/dev/null"):
        out = run("list", journal=path)  # run() times out (fails) if it blocks
        assert out.returncode == 2 and "not a regular file" in out.stderr, out.stderr
