"""Hostile inputs for the command line, and the one check every run must pass.

Shared by ``tests/test_cli_fuzz.py`` (a few hundred cases on every test run) and
``benchmarks/fuzz_cli.py`` (tens of thousands, by hand). Inputs: weights files
(JSON and TOML, valid, damaged or binary) and journal imports (JSON exports with
hostile records and profiles, CSV exports with hostile cells, raw bytes). The
promise checked: exit 0 with sound output, or exit 2 with one line on stderr that
names a field; never a traceback; a failed import changes nothing.
"""

from __future__ import annotations

import contextlib
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

from interview_kit.cli.main import main
from interview_kit.core.signals import CATALOG
from interview_kit.journal.exchange import csv_columns

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "interview.json"
SIGNAL_IDS = [s.id for s in CATALOG]

#: Integers at every bound the journal and SQLite care about.
EDGE_INTS = [0, 1, -1, 2**31, 2**53 - 1, 2**53, 2**63 - 1, 2**63, 2**64, -(2**63), 10**400]
#: Text with what breaks naive code: lone surrogates, controls, formula starts, RTL.
EDGE_TEXT = [
    "\ud800",
    "a\udcffb",
    "\x00",
    "\x1b[31m",
    "\u202e",
    "=1+1",
    " =cmd|x",
    "\uff1dSUM(A1)",
    "'",
    "\r\n",
    "",
    " ",
    "x" * 5000,
    "default",
    "(custom)",
]

TOML_VALUES = ["1", "2.5", "-1", "nan", "inf", "1e400", '"x"', "[]", "", "{}", "0x10"]

any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=40) | st.sampled_from(
    EDGE_TEXT
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.sampled_from(EDGE_INTS),
    st.floats(allow_nan=True, allow_infinity=True),
    any_text,
)
json_values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(any_text, inner, max_size=3),
    max_leaves=6,
)


@dataclass(frozen=True)
class Case:
    """One command line and the file it reads."""

    kind: str  # "weights" or "import"
    suffix: str  # the file's name ending: .json, .toml, .csv
    content: bytes


def _dumps(value: object) -> str:
    return json.dumps(value, allow_nan=True)  # NaN and Infinity tokens on purpose


def _base_record(n: int) -> dict:
    return {
        "schema": 1,
        "company": f"Co {n}",
        "role": "Analyst",
        "date": "2026-11-20",
        "stage": "onsite",
        "scheduled_minutes": 45,
        "actual_minutes": 50,
        "behavioral_share": 0.5,
        "signals": {"engagement": 1, "ease": -1},
        "notes": "fine",
        "outcome": None,
        "id": n + 1,
        "revision": 1,
        "profile": "default",
    }


@st.composite
def hostile_record(draw) -> dict:
    record = _base_record(draw(st.integers(0, 5)))
    for _ in range(draw(st.sampled_from([0, 0, 1, 1, 2, 3]))):
        key = draw(
            st.sampled_from([*record, "weights", "created", "updated", "outcome_date", "extra"])
        )
        record[key] = draw(json_values | st.sampled_from(EDGE_INTS))
    if draw(st.booleans()):
        record["signals"] = draw(
            st.dictionaries(st.sampled_from(SIGNAL_IDS) | any_text, scalars, max_size=3)
        )
    return record


@st.composite
def weights_cases(draw) -> Case:
    form = draw(st.sampled_from(["near", "near", "json", "toml", "text", "bytes"]))
    if form == "near":  # signal ids with numbers at the edges of what is allowed
        data = draw(
            st.dictionaries(
                st.sampled_from(SIGNAL_IDS),
                st.one_of(
                    st.floats(0, 12),
                    st.integers(0, 12),
                    st.floats(0, 1e6),
                    st.sampled_from(
                        [
                            0,
                            -0.0,
                            5e-324,
                            1e-300,
                            1e308,
                            -1e-9,
                            float("nan"),
                            float("inf"),
                            2**63,
                            True,
                            None,
                        ]
                    ),
                ),
                max_size=len(SIGNAL_IDS),
            )
        )
        suffix = draw(st.sampled_from([".json", ".toml"]))
        if suffix == ".toml":
            text = "\n".join(f"{k} = {str(v).lower()}" for k, v in data.items())
        else:
            text = _dumps(data)
        return Case("weights", suffix, text.encode("utf-8"))
    if form == "json":
        data = draw(
            st.dictionaries(
                st.sampled_from(SIGNAL_IDS) | any_text, scalars | json_values, max_size=4
            )
            | json_values
        )
        return Case("weights", ".json", _dumps(data).encode("utf-8", "surrogatepass"))
    if form == "toml":
        lines = [
            f"{draw(st.sampled_from(SIGNAL_IDS) | any_text)} = {draw(st.sampled_from(TOML_VALUES))}"
            for _ in range(draw(st.integers(0, 4)))
        ]
        return Case("weights", ".toml", "\n".join(lines).encode("utf-8", "surrogatepass"))
    if form == "text":
        return Case(
            "weights",
            draw(st.sampled_from([".json", ".toml"])),
            draw(any_text).encode("utf-8", "surrogatepass"),
        )
    return Case("weights", ".json", draw(st.binary(max_size=64)))


@st.composite
def import_cases(draw) -> Case:
    form = draw(st.sampled_from(["export", "export", "bare", "csv", "bytes"]))
    if form in ("export", "bare"):
        records = draw(st.lists(hostile_record(), max_size=3))
        if form == "bare":
            return Case("import", ".json", _dumps(records).encode("utf-8", "surrogatepass"))
        doc = {"format": "interview_kit.journal", "version": 1, "interviews": records}
        if draw(st.booleans()):
            doc["profiles"] = [
                {"name": draw(any_text), "weights": draw(json_values), "note": draw(any_text)}
                for _ in range(draw(st.integers(1, 2)))
            ]
        for _ in range(draw(st.integers(0, 1))):
            doc[draw(st.sampled_from(["format", "version", "interviews", "profiles"]))] = draw(
                json_values
            )
        return Case("import", ".json", _dumps(doc).encode("utf-8", "surrogatepass"))
    if form == "csv":
        columns = csv_columns()
        rows = [",".join(columns)]
        for n in range(draw(st.integers(0, 3))):
            cells = {"id": str(n + 1), "scheduled_minutes": "45", "company": "Co"}
            for _ in range(draw(st.integers(0, 3))):
                cells[draw(st.sampled_from(columns))] = draw(
                    any_text | st.sampled_from([str(i) for i in EDGE_INTS])
                )
            rows.append(",".join(json.dumps(cells.get(c, ""), ensure_ascii=False) for c in columns))
        return Case("import", ".csv", "\r\n".join(rows).encode("utf-8", "surrogatepass"))
    return Case("import", draw(st.sampled_from([".json", ".csv"])), draw(st.binary(max_size=64)))


cases = weights_cases() | import_cases()


def run_cli(argv: list[str]) -> tuple[int, str, str]:
    """Run the command in this process: (exit code, stdout, stderr). Anything but a
    clean exit (a traceback) propagates to the caller."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv)
        except SystemExit as stop:  # argparse's own usage errors
            code = stop.code if isinstance(stop.code, int) else 2
    return code, out.getvalue(), err.getvalue()


def _finite_numbers(value: object) -> bool:
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite_numbers(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite_numbers(v) for v in value)
    return True


def check_case(case: Case, folder: Path) -> str:
    """Run ``case`` and check the promise; returns ``"ok"`` or ``"refused"``."""
    path = folder / f"input{case.suffix}"
    path.write_bytes(case.content)
    journal = folder / "journal.sqlite3"
    if case.kind == "weights":
        argv = ["score", str(EXAMPLE), "--weights", str(path), "--json"]
        before = None
    else:
        argv = ["journal", "import", str(path), "--journal", str(journal)]
        if not journal.exists():  # an export never creates one; the import would
            from interview_kit.journal.store import open_journal

            open_journal(journal).close()
        before = run_cli(["journal", "export", "--journal", str(journal)])
        assert before[0] == 0, before
    code, out, err = run_cli(argv)
    if code == 2:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("interview-kit"), err
        assert "Traceback" not in err
        if before is not None:  # all or nothing: a refused import changed nothing
            assert run_cli(["journal", "export", "--journal", str(journal)]) == before
        return "refused"
    assert code == 0, (code, err)
    assert err == "", err
    if case.kind == "weights":
        result = json.loads(out)
        assert _finite_numbers(result) and 0 <= result["overall"] <= 100, out
    else:
        after = run_cli(["journal", "export", "--journal", str(journal)])
        assert after[0] == 0, after
        json.loads(after[1])  # the journal still exports as valid JSON
        csv_out = run_cli(["journal", "export", "--format", "csv", "--journal", str(journal)])
        assert csv_out[0] == 0, csv_out
    return "ok"
