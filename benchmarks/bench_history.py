"""The dashboard's History tab with 10,000 interviews: time to ready, and memory.

Run by hand: ``.venv/bin/python benchmarks/bench_history.py [--n 10000] [--repeat 5]``.
Times (medians, wall and CPU) of building :class:`HistoryPanel` and its first
render (open the journal, list, score, first table page, trend PNG), a refresh
after one save, and each part alone, next to the bare reference of
``bench_journal.py`` measured in the same run (a plain ``SELECT *`` of the same
rows). Memory: tracemalloc peak of one cold build, and this process's max RSS.
Widgets are built without a front end (no comm messages): a kernel adds the
sending of the visible page only (10 rows). Target: ready in under 1 s.
"""

from __future__ import annotations

import argparse
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_journal import make_entries

from interview_kit.charts.trend import trend_png
from interview_kit.journal.history import history_rows, trend_points
from interview_kit.journal.store import open_journal
from interview_kit.ui.history import HistoryPanel
from interview_kit.ui.session import Session


def timed(fn, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``fn()`` over ``repeat`` runs."""
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.sqlite3"
        with open_journal(path) as journal:
            journal.import_entries(make_entries(args.n))
        print(f"journal: {args.n} interviews; medians of {args.repeat} runs")
        bare = sqlite3.connect(path)

        def cold() -> HistoryPanel:  # what the first click on the History tab costs
            with open_journal(path) as fresh:
                panel = HistoryPanel(Session(fresh))
                panel.refresh()
                return panel

        journal = open_journal(path)
        warm_panel = HistoryPanel(Session(journal))
        warm_panel.refresh()
        first = journal.entries()[0]

        def after_save() -> None:  # the refresh after the user saves one edit
            journal.update(first.id, first.interview.replace(notes=f"edit {time.time()}"))
            warm_panel.refresh()

        entries = journal.entries()
        rows = history_rows(entries)
        steps = [
            ("bare SELECT * fetch (reference)",
             lambda: bare.execute("SELECT * FROM interviews").fetchall()),
            ("HistoryPanel build + first render", cold),
            ("refresh after one save", after_save),
            ("  part: journal.entries() (warm)", journal.entries),
            ("  part: history_rows", lambda: history_rows(entries)),
            ("  part: trend PNG", lambda: trend_png(trend_points(rows))),
            ("  part: sort by company", lambda: warm_panel._on_sort(None)),
            ("  part: widgets only (build)", lambda: HistoryPanel(Session(journal))),
        ]
        print(f"{'step':<38}{'wall s':>9}{'cpu s':>9}")
        for name, fn in steps:
            wall, cpu = timed(fn, args.repeat)
            print(f"{name:<38}{wall:>9.3f}{cpu:>9.3f}")
        tracemalloc.start()
        panel = cold()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(panel.rows) == args.n and panel.trend.value[:4] == b"\x89PNG"
        print(f"tracemalloc peak of one cold build + render: {peak / 2**20:.1f} MiB")
        bare.close()
        journal.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of this process (the kernel's share): {rss:.0f} MiB")
    print("target: History view ready (build + first render) in under 1 s")


if __name__ == "__main__":
    main()
