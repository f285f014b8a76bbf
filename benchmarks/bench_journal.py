"""Journal with 10,000 interviews: History rows (list + score), JSON and CSV export.

Run by hand: ``.venv/bin/python benchmarks/bench_journal.py [--n 10000] [--repeat 5]``.
Prints medians next to bare references measured in the same run (a plain
``SELECT *`` fetch of the same rows; ``json.dumps`` / ``csv.writer`` of records
already in memory) and the memory peak (tracemalloc) of each step.
Targets: History rows under 1 s, export of 10,000 under 1 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import resource
import sqlite3
import statistics
import tempfile
import time
import tracemalloc
from pathlib import Path
from types import MappingProxyType

from interview_kit.core.interview import Interview
from interview_kit.core.signals import observed_signals
from interview_kit.core.weights import default_weights
from interview_kit.journal.history import history_rows
from interview_kit.journal.records import Entry, now_utc
from interview_kit.journal.store import open_journal


def make_entries(n: int) -> list[Entry]:
    values = (-2, -1, -0.5, 0, 0.5, 1, 2, None)
    weights = MappingProxyType(default_weights())
    stamp = now_utc()
    out = []
    for k in range(n):
        interview = Interview.from_dict(
            {
                "company": f"Company {k % 400}",
                "role": ("Analyst", "Engineer")[k % 2],
                "date": f"20{24 + k % 3}-{1 + k % 12:02d}-{1 + k % 28:02d}",
                "stage": ("phone_screen", "technical", "onsite")[k % 3],
                "scheduled_minutes": 30 + k % 60,
                "actual_minutes": 25 + k % 70,
                "behavioral_share": (k % 11) / 10,
                "signals": {
                    s.id: values[(k + 3 * j) % len(values)]
                    for j, s in enumerate(observed_signals())
                },
                "notes": f"Interview {k}: talked about the product, the team and next steps.",
                "outcome": (None, "offer", "rejected", "no_response")[k % 4],
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


def median_time(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def peak_mib(fn) -> float:
    tracemalloc.start()
    fn()
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        journal = open_journal(path)
        start = time.perf_counter()
        journal.import_entries(make_entries(args.n))
        fill = time.perf_counter() - start
        size = path.stat().st_size + sum(p.stat().st_size for p in Path(folder).glob("*-wal"))
        print(
            f"journal: {args.n} interviews, {size / 2**20:.1f} MiB, filled in {fill:.2f} s "
            f"(one transaction); medians of {args.repeat} runs"
        )

        bare = sqlite3.connect(path)
        records = [e.to_record() for e in journal.entries()]
        csv_rows = [list(r.values()) for r in records]

        def bare_csv() -> str:
            out = io.StringIO()
            csv.writer(out).writerows(csv_rows)
            return out.getvalue()

        def reopen() -> None:
            open_journal(path).close()

        def cold_list() -> None:
            with open_journal(path) as fresh:
                fresh.entries()

        def cold_history() -> None:
            with open_journal(path) as fresh:
                history_rows(fresh.entries())

        journal.entries()  # fills the journal's cache of parsed rows
        first = journal.entries()[0]

        def warm_history() -> None:  # the dashboard's refresh after saving one edit
            journal.update(first.id, first.interview.replace(notes=f"edit {time.time()}"))
            history_rows(journal.entries())

        steps = [
            ("open_journal() (quick_check)", reopen),
            ("bare SELECT * fetch", lambda: bare.execute("SELECT * FROM interviews").fetchall()),
            ("journal.entries() (cold)", cold_list),
            ("history_rows (cold: open+list)", cold_history),
            ("history_rows (warm: after a save)", warm_history),
            ("bare json.dumps(records)", lambda: json.dumps(records, ensure_ascii=False)),
            ("journal.export_json()", journal.export_json),
            ("bare csv.writer(rows)", bare_csv),
            ("journal.export_csv()", journal.export_csv),
        ]
        print(f"{'step':<36}{'median s':>10}{'peak MiB':>10}")
        for name, fn in steps:
            seconds, _ = median_time(fn, args.repeat)
            print(f"{name:<36}{seconds:>10.3f}{peak_mib(fn):>10.1f}")
        rows = history_rows(journal.entries())
        assert (
            len(rows) == args.n and len(json.loads(journal.export_json())["interviews"]) == args.n
        )
        bare.close()
        journal.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of this process: {rss:.0f} MiB")
    print("targets: history_rows < 1 s, export_json / export_csv of 10,000 < 1 s")


if __name__ == "__main__":
    main()
