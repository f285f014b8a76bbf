"""``interview-kit profile | calibrate | sensitivity`` and ``score --profile``, run as
real subprocesses against real journal files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from journal_helpers import digest

from interview_kit.core.signals import signal_ids
from interview_kit.core.weights import default_weights
from interview_kit.journal.store import open_journal

ROOT = Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-c", "from interview_kit.cli.main import run; run()"]
EXAMPLE = ROOT / "examples" / "interview.json"


def run(*args, stdin=None, env_journal=None):
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_KIT_JOURNAL"}
    if env_journal is not None:
        env["INTERVIEW_KIT_JOURNAL"] = str(env_journal)
    return subprocess.run(
        [*CLI, *map(str, args)], capture_output=True, text=True, env=env, input=stdin, timeout=120
    )


def one_line_error(out, *words):
    assert out.returncode == 2, (out.stdout, out.stderr)
    assert out.stderr.count("\n") == 1 and "Traceback" not in out.stderr, out.stderr
    for word in words:
        assert word in out.stderr, out.stderr


@pytest.fixture
def jpath(tmp_path):
    return tmp_path / "j.sqlite3"


@pytest.fixture
def wfile(tmp_path):
    path = tmp_path / "w.json"
    path.write_text('{"ease": 2, "eye_contact": 0}')
    return path


def test_profile_save_list_show_delete(jpath, wfile):
    out = run(
        "profile", "save", "strict", "--weights", wfile, "--note", "by hand", "--journal", jpath
    )
    assert out.returncode == 0 and out.stdout == "saved profile strict\n", out.stderr
    listed = run("profile", "list", "--json", "--journal", jpath)
    records = json.loads(listed.stdout)
    assert [(r["name"], r["builtin"]) for r in records] == [("default", True), ("strict", False)]
    assert records[1]["weights"] == {**default_weights(), "ease": 2.0, "eye_contact": 0.0}
    assert records[1]["note"] == "by hand"
    text = run("profile", "list", "--journal", jpath).stdout
    assert text.splitlines()[0].startswith("default") and "by hand" in text
    shown = json.loads(run("profile", "show", "strict", "--json", "--journal", jpath).stdout)
    assert shown == records[1]
    table = run("profile", "show", "strict", "--journal", jpath).stdout
    assert "Answering" in table and "*" in table

    added = run("journal", "add", EXAMPLE, "--profile", "strict", "--journal", jpath)
    assert added.returncode == 0, added.stderr
    out = run("profile", "delete", "strict", "--journal", jpath)
    assert out.returncode == 0 and "1 saved interview keeps its weights" in out.stdout
    entry = json.loads(
        run("journal", "show", added.stdout.strip(), "--json", "--journal", jpath).stdout
    )
    assert entry["profile"] == "strict" and entry["weights"]["ease"] == 2.0
    one_line_error(
        run("profile", "show", "strict", "--journal", jpath),
        "profile",
        "'strict'",
        "no such profile",
    )


def test_profile_refusals_are_one_line(jpath, wfile, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"ease": -1}')
    one_line_error(
        run("profile", "save", "ok", "--weights", bad, "--journal", jpath), "weights.ease", "-1"
    )
    one_line_error(
        run("profile", "save", "no/slash", "--weights", wfile, "--journal", jpath),
        "profile",
        "'no/slash'",
    )
    one_line_error(
        run("profile", "save", "default", "--weights", wfile, "--journal", jpath), "built-in"
    )
    one_line_error(
        run("profile", "delete", "default", "--journal", jpath), "built-in", "cannot be deleted"
    )
    names = [
        r["name"] for r in json.loads(run("profile", "list", "--json", "--journal", jpath).stdout)
    ]
    assert names == ["default"]


def test_score_with_a_profile(jpath, wfile):
    assert run("profile", "save", "strict", "--weights", wfile, "--journal", jpath).returncode == 0
    by_profile = run("score", EXAMPLE, "--profile", "strict", "--json", "--journal", jpath)
    by_file = run("score", EXAMPLE, "--weights", wfile, "--json")
    assert by_profile.returncode == 0, by_profile.stderr
    assert json.loads(by_profile.stdout) == json.loads(by_file.stdout)
    assert json.loads(by_profile.stdout) != json.loads(run("score", EXAMPLE, "--json").stdout)
    one_line_error(
        run("score", EXAMPLE, "--profile", "nope", "--journal", jpath),
        "profile",
        "'nope'",
        "no such profile",
    )
    both = run("score", EXAMPLE, "--profile", "strict", "--weights", wfile, "--journal", jpath)
    assert both.returncode == 2 and "not allowed with" in both.stderr
    one_line_error(
        run("journal", "add", EXAMPLE, "--profile", "nope", "--journal", jpath), "profile", "'nope'"
    )


def test_calibrate_demo_has_enough_data_and_says_it_is_synthetic(tmp_path):
    real = tmp_path / "real.sqlite3"
    out = run("calibrate", "--demo", env_journal=real)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert text.startswith("Synthetic demo data")
    assert "Held out one at a time" in text and "50% would be chance" in text
    assert "Answering" in text and "±" in text and "Nothing was changed" in text
    assert not real.exists()  # the user's journal is not touched (not even created)

    data = json.loads(run("calibrate", "--demo", "--json").stdout)
    assert data["synthetic"] is True and "Synthetic" in data["notice"]
    assert data["enough_data"] and data["held_out"]["n"] == data["n_good"] + data["n_bad"]
    assert set(data["offered_weights"]) == set(signal_ids())
    assert data["saved_profile"] is None

    one_line_error(
        run("calibrate", "--demo", "--save-profile", "mine"), "save-profile", "synthetic"
    )


def test_calibrate_a_tiny_journal_says_how_many_more(jpath):
    with open_journal(jpath) as journal:
        for outcome in ("offer", "rejected", "withdrawn", None):
            journal.add(json.loads(EXAMPLE.read_text()) | {"outcome": outcome})
    before = digest(jpath)
    out = run("calibrate", "--journal", jpath)
    assert out.returncode == 0, out.stderr
    text = " ".join(out.stdout.split())
    assert "Not enough outcomes yet" in text and "6 more are needed" in text
    data = json.loads(run("calibrate", "--json", "--journal", jpath).stdout)
    assert data["enough_data"] is False and data["offered_weights"] is None
    one_line_error(
        run("calibrate", "--save-profile", "fitted", "--journal", jpath),
        "save-profile",
        "'fitted'",
        "nothing was saved",
    )
    assert digest(jpath) == before  # nothing written
    with open_journal(jpath) as journal:
        assert [p.name for p in journal.profiles()] == ["default"]


def test_calibrate_save_profile_stores_exactly_the_offered_weights(jpath):
    from interview_kit.learn.demo import demo_text

    with open_journal(jpath) as journal:
        journal.import_json(demo_text())
    shown = json.loads(run("calibrate", "--json", "--journal", jpath).stdout)
    out = run("calibrate", "--json", "--save-profile", "fitted 1", "--journal", jpath)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["saved_profile"] == "fitted 1"
    assert data["offered_weights"] == shown["offered_weights"]  # deterministic
    with open_journal(jpath) as journal:
        profile = journal.get_profile("fitted 1")
    assert dict(profile.weights) == data["offered_weights"]
    assert profile.note.startswith(f"fitted from {data['n_good'] + data['n_bad']} outcomes on ")
    text = run("calibrate", "--save-profile", "fitted 2", "--journal", jpath).stdout
    assert "Saved as profile fitted 2" in " ".join(text.split())


def test_calibrate_options_exclude_each_other(jpath):
    out = run("calibrate", "--demo", "--journal", jpath)
    assert out.returncode == 2 and "not allowed with" in out.stderr


def test_sensitivity_json_shape(jpath, wfile):
    out = run("sensitivity", EXAMPLE, "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) == {"overall", "profile", "weights", "rows", "text"}
    assert data["profile"] is None and data["weights"] == default_weights()
    assert [r["signal"] for r in data["rows"]] == list(signal_ids())
    for row in data["rows"]:
        assert set(row) == {"signal", "label", "weight", "value", "delta_double", "delta_zero"}
        assert row["delta_double"] * row["delta_zero"] <= 0  # never the same sign
    assert "matters most" in data["text"]

    run("profile", "save", "strict", "--weights", wfile, "--journal", jpath)
    by_profile = json.loads(
        run("sensitivity", EXAMPLE, "--profile", "strict", "--json", "--journal", jpath).stdout
    )
    by_file = json.loads(run("sensitivity", EXAMPLE, "--weights", wfile, "--json").stdout)
    assert by_profile["profile"] == "strict"
    assert by_profile["rows"] == by_file["rows"] and by_profile["weights"]["ease"] == 2.0
    eye = next(r for r in by_profile["rows"] if r["signal"] == "eye_contact")
    assert eye["delta_double"] == eye["delta_zero"] == 0  # weight 0 moves nothing
    text = run("sensitivity", EXAMPLE).stdout
    assert "doubled" in text and "Overall now" in text
    one_line_error(
        run("sensitivity", EXAMPLE, "--profile", "nope", "--journal", jpath), "profile", "'nope'"
    )


def test_start_up_stays_light():
    code = (
        "import sys; from interview_kit.cli.main import build_parser; build_parser(); "
        "print([m for m in ('numpy', 'matplotlib', 'pandas', 'ipywidgets') "
        "if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr


def test_journal_export_import_carries_profiles(jpath, wfile, tmp_path):
    run("profile", "save", "strict", "--weights", wfile, "--journal", jpath)
    run("journal", "add", EXAMPLE, "--profile", "strict", "--journal", jpath)
    export = tmp_path / "export.json"
    assert run("journal", "export", export, "--journal", jpath).returncode == 0
    copy = tmp_path / "copy.sqlite3"
    out = run("journal", "import", export, "--journal", copy)
    assert out.returncode == 0, out.stderr
    assert "1 new, 0 already there; 1 new weight profile(s)" in out.stdout
    again = run("journal", "export", "--journal", copy)
    assert again.stdout == export.read_text()
