"""The ``interview-kit`` command, run as a real subprocess."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "interview.json"
CONTRACT_KEYS = {
    "overall",
    "verdict",
    "confidence",
    "categories",
    "contributions",
    "strengths",
    "concerns",
    "advice",
}


def run(*args, stdin=None, cwd=None):
    return subprocess.run(
        [sys.executable, "-m", "interview_kit", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
        cwd=cwd,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )


def assert_user_error(result, *words):
    assert result.returncode == 2, result
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in lines[0], (word, lines[0])
    return lines[0]


def test_score_json_matches_the_contract():
    result = run("score", EXAMPLE, "--json")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert CONTRACT_KEYS <= set(data)
    assert 0 <= data["overall"] <= 100
    assert data["verdict"] in {"promising", "mixed", "concerning", "unclear"}
    assert 0 <= data["confidence"] <= 1
    assert set(data["categories"]) == {"body_language", "duration", "questions", "flow"}
    for c in data["contributions"]:
        assert {"signal", "category", "value", "points"} <= set(c)
    points = [abs(c["points"]) for c in data["contributions"]]
    assert points == sorted(points, reverse=True)
    assert all(isinstance(x, str) for x in data["strengths"] + data["concerns"] + data["advice"])


def test_score_json_keys_are_exactly_the_contract():
    """DESIGN.md's keys, plus the documented additions (README): ``weights``, each
    contribution's ``weight``, and the reading's ``coverage``, ``headline``, ``focus``,
    ``note`` and ``prompt``. A renamed or dropped key fails here."""
    data = json.loads(run("score", EXAMPLE, "--json").stdout)
    assert set(data) == CONTRACT_KEYS | {
        "weights",
        "coverage",
        "headline",
        "focus",
        "note",
        "prompt",
        "outcome",
        "verdict_is",
    }
    assert (data["outcome"], data["verdict_is"]) == (None, "the reading now")
    assert data["coverage"] == {"signs_noted": 8, "signs_total": 8, "text": "based on 8 of 8 signs"}
    assert list(data["categories"]) == ["body_language", "duration", "questions", "flow"]
    assert data["contributions"], "the example notes every signal"
    for c in data["contributions"]:
        assert set(c) == {"signal", "category", "value", "points", "weight"}
    from interview_kit.core.signals import signal_ids

    assert list(data["weights"]) == list(signal_ids())
    # the example notes every article sign: each contributes, largest first (the signs
    # beyond the article, left out, neither count nor lower the coverage)
    from interview_kit.core.signals import ARTICLE_SIGNS

    assert {c["signal"] for c in data["contributions"]} == {s.id for s in ARTICLE_SIGNS}
    keys = [(-abs(c["points"]), -c["points"]) for c in data["contributions"]]
    assert keys == sorted(keys)


def test_too_little_observed_is_unclear_in_the_json(tmp_path):
    thin = tmp_path / "thin.json"
    thin.write_text(json.dumps({"scheduled_minutes": 45, "signals": {"engagement": 2}}))
    data = json.loads(run("score", thin, "--json").stdout)
    assert data["verdict"] == "unclear" and data["confidence"] < 0.4
    assert data["overall"] == 100.0  # the one sign is strong; the verdict still says unclear
    assert data["categories"]["flow"] is None and data["categories"]["duration"] is None


def test_human_report_by_default():
    result = run("score", EXAMPLE)
    assert result.returncode == 0, result.stderr
    assert "Overall" in result.stdout and "Categories" in result.stdout
    assert "What went well" in result.stdout
    assert result.stdout.index("What went well") < result.stdout.index("Next steps")


def test_stdin_dash():
    result = run("score", "-", "--json", stdin=EXAMPLE.read_text())
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == json.loads(run("score", EXAMPLE, "--json").stdout)
    bad = run("score", "-", stdin="{")
    assert_user_error(bad, "stdin", "malformed JSON")


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ('{"scheduled_minutes": 0}', ["scheduled_minutes", "0"]),
        ('{"scheduled_minutes": 45, "signals": {"ease": 3}}', ["signals.ease", "3"]),
        ('{"scheduled_minutes": 45, "signals": {"charm": 1}}', ["signals", "charm"]),
        ('{"scheduled_minutes": 45, "behavioral_share": 2}', ["behavioral_share", "2"]),
        ('{"scheduled_minutes": 45, "outcome": "hired"}', ["outcome", "hired"]),
        ('{"scheduled_minutes": 1e999}', ["scheduled_minutes", "inf"]),
        ('{"scheduled_minutes": NaN}', ["scheduled_minutes", "nan"]),
        ('{"scheduled_minutes": true}', ["scheduled_minutes", "True"]),
        ("[1, 2]", ["interview", "[1, 2]"]),
        ('{"scheduled_minutes": 45,}', ["bad.json", "malformed JSON", "line 1"]),
        ("", ["bad.json", "malformed JSON"]),
        ("[" * 50_000, ["bad.json", "malformed JSON"]),
    ],
)
def test_bad_interview_files_exit_2_with_one_line(tmp_path, content, words):
    path = tmp_path / "bad.json"
    path.write_text(content)
    assert_user_error(run("score", path), *words)
    assert_user_error(run("score", path, "--json"), *words)
    assert path.read_text() == content  # never overwritten


def test_unreadable_inputs(tmp_path):
    assert_user_error(run("score", tmp_path / "missing.json"), "file", "missing.json")
    assert_user_error(run("score", tmp_path), "file", "cannot read")
    binary = tmp_path / "binary.json"
    binary.write_bytes(b"\xff\xfe\x00junk")
    assert_user_error(run("score", binary), "file", "UTF-8")
    big = tmp_path / "big.json"
    big.write_text(" " * 1_000_001)
    assert_user_error(run("score", big), "file", "larger")


def test_byte_order_mark_is_accepted(tmp_path):
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + EXAMPLE.read_bytes())
    assert run("score", path, "--json").returncode == 0


def test_weights_json_and_toml(tmp_path):
    base = json.loads(run("score", EXAMPLE, "--json").stdout)
    as_json = tmp_path / "w.json"
    as_json.write_text(json.dumps({"ease": 0, "comfort": 0}))
    as_toml = tmp_path / "w.toml"
    as_toml.write_text("ease = 0\ncomfort = 0\n")
    results = []
    for path in (as_json, as_toml):
        result = run("score", EXAMPLE, "--weights", path, "--json")
        assert result.returncode == 0, result.stderr
        results.append(json.loads(result.stdout))
    assert results[0] == results[1]
    assert results[0]["overall"] != base["overall"]
    signals = {c["signal"] for c in results[0]["contributions"]}
    assert "ease" not in signals and "comfort" not in signals


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("w.json", '{"ease": -1}', ["weights.ease", "-1"]),
        ("w.json", '{"ease": "heavy"}', ["weights.ease", "heavy"]),
        ("w.json", '{"charm": 1}', ["weights", "charm"]),
        ("w.json", "[1, 2]", ["weights", "[1, 2]"]),
        ("w.json", '{"ease": 1e400}', ["weights.ease", "inf"]),
        (
            "w.json",
            '{"ease": 1e7}',
            ["weights.ease", "Weight of Answering", "to 1000000", "relative"],
        ),
        ("w.json", "{nope", ["weights", "malformed JSON"]),
        ("w.toml", "ease = -2", ["weights.ease", "-2"]),
        ("w.toml", "ease = = 1", ["weights", "malformed TOML"]),
        ("w.toml", "ease = nan", ["weights.ease", "nan"]),
        ("w.toml", "[ease]\nx = 1", ["weights.ease", "must be a number"]),
    ],
)
def test_bad_weights_files(tmp_path, name, content, words):
    path = tmp_path / name
    path.write_text(content)
    assert_user_error(run("score", EXAMPLE, "--weights", path), *words)


def test_missing_weights_file(tmp_path):
    assert_user_error(
        run("score", EXAMPLE, "--weights", tmp_path / "nope.toml"), "weights", "nope.toml"
    )


def test_signals_lists_the_catalog():
    from interview_kit.core.signals import CATALOG

    text = run("signals")
    assert text.returncode == 0
    for s in CATALOG:
        assert s.id in text.stdout
    data = json.loads(run("signals", "--json").stdout)
    assert [d["id"] for d in data] == [s.id for s in CATALOG]


@pytest.mark.parametrize("args", [[], ["score"], ["signals"], ["dashboard"], ["lab"]])
def test_help_everywhere(args):
    result = run(*args, "--help")
    assert result.returncode == 0
    assert "usage:" in result.stdout and result.stderr == ""


@pytest.mark.parametrize(
    "args", [[], ["score"], ["frobnicate"], ["score", str(EXAMPLE), "--colour"]]
)
def test_usage_errors_are_one_line(args):
    result = run(*args)
    assert_user_error(result, "error")


def test_console_script_is_installed():
    script = Path(sys.executable).with_name("interview-kit")
    if not script.exists():
        pytest.fail(f"console script missing at {script}: reinstall the kit")
    result = subprocess.run(
        [script, "score", EXAMPLE, "--json"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0 and json.loads(result.stdout)["verdict"]


def test_a_terminal_that_cannot_show_a_character_gets_it_escaped(tmp_path):
    named = tmp_path / "named.json"
    named.write_text(
        json.dumps({"scheduled_minutes": 45, "company": "東京 Café", "signals": {"ease": 1}}),
        encoding="utf-8",
    )
    result = subprocess.run(
        [sys.executable, "-m", "interview_kit", "score", str(named)],
        capture_output=True,
        timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert result.returncode == 0, result.stderr
    assert b"\\u6771\\u4eac Caf\\xe9" in result.stdout and b"Traceback" not in result.stderr


def test_score_json_says_a_verdict_after_an_outcome_is_the_one_at_the_time(tmp_path):
    """An outcome in the file: the JSON says so, and that the verdict is what the signs
    read at the time (as the text reading does), not a forecast after the answer."""
    data = json.loads(Path(EXAMPLE).read_text(encoding="utf-8"))
    data["outcome"] = "rejected"
    path = tmp_path / "rejected.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    scored = json.loads(run("score", str(path), "--json").stdout)
    assert (scored["outcome"], scored["verdict_is"]) == ("rejected", "at the time")
    assert scored["verdict"] == "promising"  # the same numbers: the day never moves them
    text = run("score", str(path)).stdout
    assert "At the time, the signs read promising" in " ".join(text.split())
