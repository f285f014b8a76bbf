"""Journal with 10,000 interviews with debriefs: the due list and the journal's search.

Run by hand: ``.venv/bin/python benchmarks/bench_due.py [--n 10000] [--repeat 5]``.
Prints medians beside references measured in the same run: a bare ``SELECT`` of the
same columns (the floor), and the naive way (open the journal, parse every stored
record, ask :func:`interview_kit.core.due.due_list` / search each in Python), which
is what ``Journal.due`` and ``Journal.entries(search=...)`` avoid. Also the whole
``interview-kit due --json`` command, as a user runs it.
Target: ``interview-kit due`` on 10,000 interviews well under 1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path
from types import MappingProxyType

from interview_kit.core.due import due_list
from interview_kit.core.interview import Interview
from interview_kit.core.weights import default_weights
from interview_kit.journal.due import DUE_COLUMNS
from interview_kit.journal.records import Entry, now_utc
from interview_kit.journal.store import open_journal

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_journal import median_time

TODAY = dt.date(2026, 6, 15)
QUESTIONS = (
    "Tell me about a conflict.",
    "Why this role?",
    "A project you are proud of?",
    "How do you prioritise?",
    "Your first month?",
)


def make_entries(n: int) -> list[Entry]:
    """Interviews over three years, a quarter pending, each with a debrief."""
    weights = MappingProxyType(default_weights())
    stamp = now_utc()
    start = TODAY - dt.timedelta(days=1000)
    out = []
    for k in range(n):
        day = start + dt.timedelta(days=k * 1010 // n)
        interview = Interview.from_dict(
            {
                "schema": 2,
                "company": f"Company {k % 400}",
                "role": ("Analyst", "Engineer")[k % 2],
                "date": day.isoformat(),
                "scheduled_minutes": 45,
                "notes": f"Interview {k}: talked about the product and the team.",
                "outcome": (None, "offer", "rejected", "no_response")[k % 4],
                "interviewers": [{"name": f"Person {k % 50}", "role": "Lead"}],
                "questions": [
                    {"question": QUESTIONS[(k + j) % 5], "answer": f"Answer {k}.{j}"}
                    for j in range(3)
                ],
                "decision_by": (day + dt.timedelta(days=10)).isoformat() if k % 3 else None,
                "thank_you_sent": (day + dt.timedelta(days=1)).isoformat() if k % 2 else None,
            }
        )
        out.append(
            Entry(
                id=k + 1,
                interview=interview,
                created=stamp,
                updated=stamp,
                revision=1,
                weights=weights,
                outcome_date=None if interview.outcome is None else "2027-01-15",
            )
        )
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        with open_journal(path) as journal:
            journal.import_entries(make_entries(args.n))
        print(
            f"journal: {args.n} interviews with debriefs; medians of {args.repeat} runs; "
            f"today = {TODAY}, 7 days ahead"
        )
        bare = sqlite3.connect(path)

        def sql_due() -> list:
            with open_journal(path) as j:
                return j.due(today=TODAY, days=7)

        def naive_due() -> list:
            with open_journal(path) as j:
                return due_list([(e.id, e.interview) for e in j.entries()], today=TODAY)

        def sql_search() -> list:
            with open_journal(path) as j:
                return [e.id for e in j.entries(search="answer 77")]

        def naive_search() -> list:
            with open_journal(path) as j:
                return [
                    e.id
                    for e in j.entries()
                    if any(
                        "answer 77" in text.casefold()
                        for text in (
                            e.company,
                            e.role,
                            e.interview.notes,
                            *(q.question for q in e.interview.questions),
                            *(q.answer for q in e.interview.questions),
                        )
                    )
                ]

        def cli_due() -> str:
            return subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "interview_kit",
                    "due",
                    "--json",
                    "--today",
                    TODAY.isoformat(),
                    "--journal",
                    str(path),
                ],
                capture_output=True,
                text=True,
                check=True,
            ).stdout

        steps = [
            (
                "bare SELECT of the due columns",
                lambda: bare.execute(f"SELECT {DUE_COLUMNS} FROM interviews").fetchall(),
            ),
            ("journal.due() (open + query + core)", sql_due),
            ("naive: parse all + due_list", naive_due),
            ("journal.entries(search=) (open+query)", sql_search),
            ("naive: parse all + search in Python", naive_search),
            ("interview-kit due --json (process)", cli_due),
        ]
        print(f"{'step':<42}{'median s':>10}")
        results = {}
        for name, fn in steps:
            seconds, results[name] = median_time(fn, args.repeat)
            print(f"{name:<42}{seconds:>10.3f}")
        assert (
            results["journal.due() (open + query + core)"] == results["naive: parse all + due_list"]
        )
        assert (
            results["journal.entries(search=) (open+query)"]
            == results["naive: parse all + search in Python"]
        )
        print(
            f"due items: {len(results['naive: parse all + due_list'])}; search hits: "
            f"{len(results['naive: parse all + search in Python'])} (both ways agree)"
        )
        bare.close()


if __name__ == "__main__":
    main()
