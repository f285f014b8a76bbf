"""The dashboard's History tab with 10,000 interviews with debriefs, against the same
page with 100, in the same run: time to the first render, search, what is due,
applications, and memory.

Run by hand: ``.venv/bin/python benchmarks/bench_history.py [--n 10000] [--small 100]
[--repeat 5]``. Two journals are generated here into temporary SQLite files (``--small``
and ``--n`` interviews): every interview has a debrief (people met, four questions with
answers, your questions, a decision date for some, a thank-you date for some); the
last 60 are dated in the last two weeks so the due list has items. Times are medians
(wall and CPU) of ``--repeat`` runs.

* **History first render**: building :class:`HistoryPanel` and its first render (open
  the journal, list it from its columns, the due list, the first table page, read
  and scored), cold (a new journal connection, as the first click on the tab pays
  it), for both journals, with their ratio; and in a new process (as a new kernel
  pays it). The work the panel does just after it (every row scored, the trend
  drawn: it runs when the kernel's event loop is next free) is held back here and
  timed on its own ("completed after the first render");
* a search: typing a query into the search box -> the filtered first page;
* the due list (the core's rule alone, and the list drawn);
* the applications: grouping, and the view's first page;
* each part alone, and a refresh after one save;

next to bare references measured in the same run: a plain ``SELECT`` of the same
rows, the same ``SELECT`` plus a Python substring filter of the stored text (what a
search costs with no layer at all), and a bare dict grouping by company and role.
Memory: tracemalloc peak of one cold build, and this process's max RSS. Widgets are
built without a front end (no comm messages): a kernel adds the sending of the
visible page only. Target: first render at most 0.3 s with 10,000 interviews; a
search well under 0.1 s.
"""

from __future__ import annotations

import argparse
import datetime as dt
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_journal import make_entries

from interview_kit.charts.trend import trend_png
from interview_kit.core.applications import group_applications
from interview_kit.core.due import due_list
from interview_kit.journal.history import filter_rows, history_rows, trend_points
from interview_kit.journal.records import Entry
from interview_kit.journal.store import Journal, open_journal
from interview_kit.ui.history import APPLICATIONS, INTERVIEWS, HistoryPanel
from interview_kit.ui.session import Session

#: A query that hits debrief answers of some interviews only (and no company or role).
QUERY = "migration story 7"
TOPICS = ("a migration", "an outage", "a hiring plan", "a roadmap", "a code review")


def with_debriefs(entries: list[Entry], today: dt.date) -> list[Entry]:
    """The benchmark journal's entries, each given a debrief; the last 60 are recent
    and pending (thank-you notes and follow-ups due)."""
    out = []
    for k, e in enumerate(entries):
        recent = k >= len(entries) - 60
        date = (today - dt.timedelta(days=k % 14)).isoformat() if recent else e.date
        interview = e.interview.replace(
            date=date,
            outcome=None if recent else e.interview.outcome,
            went_well=f"Explained {TOPICS[k % 5]} clearly",
            interviewers=(
                {"name": f"Person {k % 97}", "role": "Hiring manager"},
                {"name": f"Person {(k + 13) % 97}", "role": "Engineer"},
            ),
            questions=tuple(
                {
                    "question": f"Tell me about {TOPICS[(k + j) % 5]} (#{j})",
                    "answer": f"I told the {TOPICS[(k + j) % 5][2:]} story "
                    f"{k % 10}: what I did, what changed, what I learned.",
                }
                for j in range(4)
            ),
            my_questions=(
                "What does success look like in six months?",
                "How is the team organised?",
            ),
            decision_by=(
                None if k % 3 else (dt.date.fromisoformat(date) + dt.timedelta(days=10)).isoformat()
            ),
            thank_you_sent=date if k % 2 else None,
            my_read={"interest": 1 + k % 5, "red_flags": "" if k % 4 else "Long hours"},
        )
        out.append(
            Entry(
                id=e.id,
                interview=interview,
                created=e.created,
                updated=e.updated,
                revision=e.revision,
                weights=e.weights,
                outcome_date=None if interview.outcome is None else e.outcome_date,
            )
        )
    return out


#: The first render in a fresh process, as a new kernel pays it (imports warmed on an
#: empty journal first, so only the journal's share is timed; the work after the first
#: render is held back, as the kernel's event loop runs it after the page is sent).
FRESH = """
import sys, tempfile, time
from pathlib import Path
from interview_kit.journal.store import open_journal
from interview_kit.ui.history import HistoryPanel
from interview_kit.ui.session import Session
with open_journal(Path(tempfile.mkdtemp()) / "empty.sqlite3") as empty:
    HistoryPanel(Session(empty)).refresh()
wall, cpu = time.perf_counter(), time.process_time()
with open_journal(sys.argv[1]) as journal:
    try:
        panel = HistoryPanel(Session(journal), later=lambda _step: None)
    except TypeError:  # a panel from before the work after the first render
        panel = HistoryPanel(Session(journal))
    panel.refresh()
    print(time.perf_counter() - wall, time.process_time() - cpu)
"""


def fresh_first_render(path: Path, repeat: int) -> tuple[float, float]:
    """Median wall and CPU seconds of History's first render, each in a new process."""
    runs = [
        subprocess.run(
            [sys.executable, "-c", FRESH, str(path)], check=True, capture_output=True, text=True
        ).stdout.split()
        for _ in range(repeat)
    ]
    return (
        statistics.median(float(r[0]) for r in runs),
        statistics.median(float(r[1]) for r in runs),
    )


def make_journal(path: Path, n: int, today: dt.date) -> None:
    with open_journal(path) as journal:
        journal.import_entries(with_debriefs(make_entries(n), today))


def held_panel(journal: Journal) -> HistoryPanel:
    """A panel whose work after the first render waits (for :meth:`HistoryPanel.finish`).
    A panel from before that work was split off does all of it in its first render:
    it is measured as it is (``PYTHONPATH=<an older checkout>`` compares the two)."""
    try:
        return HistoryPanel(Session(journal), later=lambda _step: None)
    except TypeError:
        return HistoryPanel(Session(journal))


def timed_split(path: Path, repeat: int) -> tuple[float, float, float]:
    """Medians of the first render (wall and CPU seconds) and of the work just after
    it (wall), each cold: a new connection, nothing read or scored yet."""
    firsts, cpus, afters = [], [], []
    for _ in range(repeat):
        with open_journal(path) as journal:
            wall, cpu = time.perf_counter(), time.process_time()
            panel = held_panel(journal)
            panel.refresh()
            firsts.append(time.perf_counter() - wall)
            cpus.append(time.process_time() - cpu)
            wall = time.perf_counter()
            getattr(panel, "finish", lambda: None)()
            afters.append(time.perf_counter() - wall)
    return statistics.median(firsts), statistics.median(cpus), statistics.median(afters)


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
    parser.add_argument("--small", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    today = dt.date.today()

    with tempfile.TemporaryDirectory() as folder:
        small_path = Path(folder) / "small.sqlite3"
        make_journal(small_path, args.small, today)
        path = Path(folder) / "bench.sqlite3"
        make_journal(path, args.n, today)
        size = path.stat().st_size + sum(p.stat().st_size for p in Path(folder).glob("*-wal"))
        print(
            f"journals: {args.small} and {args.n} interviews with debriefs "
            f"({size / 2**20:.1f} MiB); medians of {args.repeat} runs"
        )
        print(
            f"{'History, the same page':<40}{f'n={args.small}':>10}{f'n={args.n}':>10}{'ratio':>8}"
        )
        split = {
            n: timed_split(p, args.repeat) for n, p in ((args.small, small_path), (args.n, path))
        }
        fresh = {
            n: fresh_first_render(p, args.repeat)[0]
            for n, p in ((args.small, small_path), (args.n, path))
        }
        for name, values in [
            ("first render (cold), wall s", {n: v[0] for n, v in split.items()}),
            ("first render (cold), CPU s", {n: v[1] for n, v in split.items()}),
            ("first render (a new process), wall s", fresh),
            ("completed after it (scores, trend) s", {n: v[2] for n, v in split.items()}),
        ]:
            a, b = values[args.small], values[args.n]
            print(f"{name:<40}{a:>10.3f}{b:>10.3f}{b / a:>8.1f}")
        print()
        bare = sqlite3.connect(path)

        def bare_search() -> list[int]:  # no layer at all: fetch, fold, substring test
            needle = " ".join(QUERY.casefold().split())
            return [
                row[0]
                for row in bare.execute("SELECT id, data FROM interviews")
                if needle in " ".join(row[1].casefold().split())
            ]

        def bare_group() -> dict:
            groups: dict = {}
            for id_, company, role in bare.execute("SELECT id, company, role FROM interviews"):
                groups.setdefault((company.casefold(), role.casefold()), []).append(id_)
            return groups

        def cold() -> HistoryPanel:  # the first click on the tab, and the work after it
            with open_journal(path) as fresh:
                panel = HistoryPanel(Session(fresh))
                panel.refresh()
                return panel

        journal = open_journal(path)
        panel = HistoryPanel(Session(journal))
        panel.refresh()
        entries = journal.entries()
        rounds = [(e.id, e.interview) for e in entries]
        rows = history_rows(entries)
        first = entries[0]
        queries = iter(range(10**9))

        def type_query() -> None:  # one keystroke: the box's value changes, page 1 redraws
            panel.search.value = f"{QUERY}{'' if next(queries) % 2 else ' '}"

        def after_save() -> None:  # the refresh after the user saves one edit
            journal.update(first.id, first.interview.replace(notes=f"edit {time.time()}"))
            panel.refresh()

        def applications_view() -> None:
            panel.view.value = INTERVIEWS
            panel._applications = None  # grouped again, as after a refresh
            panel.view.value = APPLICATIONS

        steps = [
            (
                "bare SELECT * fetch (reference)",
                lambda: bare.execute("SELECT * FROM interviews").fetchall(),
            ),
            ("bare SELECT + substring filter (ref.)", bare_search),
            ("bare dict grouping (reference)", bare_group),
            ("first render + the work after (cold)", cold),
            ("search: type a query -> first page", type_query),
            ("  part: filter_rows alone", lambda: filter_rows(rows, QUERY)),
            ("due list: core due_list", lambda: due_list(rounds, today=today)),
            ("due list: drawn (DueList.show)", lambda: panel.due.show(rounds)),
            ("applications: group_applications", lambda: group_applications(rounds)),
            ("applications: view, first page", applications_view),
            ("refresh after one save", after_save),
            ("  part: journal.entries() (warm)", journal.entries),
            ("  part: history_rows", lambda: history_rows(entries)),
            ("  part: trend PNG", lambda: trend_png(trend_points(rows))),
            ("  part: widgets only (build)", lambda: HistoryPanel(Session(journal))),
        ]
        print(f"{'step (n=' + str(args.n) + ')':<40}{'wall s':>9}{'cpu s':>9}")
        for name, fn in steps:
            wall, cpu = timed(fn, args.repeat)
            print(f"{name:<40}{wall:>9.3f}{cpu:>9.3f}")
        panel.view.value = INTERVIEWS
        found = filter_rows(rows, QUERY)
        assert sorted(r.id for r in found) == sorted(bare_search()), "search disagrees"
        print(
            f"the query {QUERY!r} finds {len(found)} of {args.n}; "
            f"{len(panel.due.items)} things due; "
            f"{len(group_applications(rounds))} applications"
        )
        tracemalloc.start()
        cold_panel = cold()
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert len(cold_panel.rows) == args.n and cold_panel.trend.value[:4] == b"\x89PNG"
        print(f"tracemalloc peak of one cold build + render: {peak / 2**20:.1f} MiB")
        bare.close()
        journal.close()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"max RSS of this process (the kernel's share): {rss:.0f} MiB")
    print(
        "target: History's first render at most 0.3 s with 10,000 interviews; a search "
        "well under 0.1 s"
    )


if __name__ == "__main__":
    main()
