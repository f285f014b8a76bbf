"""Several processes saving at once lose nothing; a writer killed mid-write loses
nothing it committed and leaves a journal that opens and passes integrity_check."""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from journal_writer import OUTCOME_DATE, expected

from interview_kit.journal.store import open_journal

WRITER = Path(__file__).resolve().parent / "journal_writer.py"

pytestmark = pytest.mark.slow


def _committed(lines: str) -> list[tuple[int, int, int]]:
    """(stage, id, n) from complete lines only (a kill can cut the last one short)."""
    if not lines.endswith("\n"):
        lines = lines[: lines.rfind("\n") + 1]
    return [tuple(map(int, line.split())) for line in lines.splitlines()]


def test_four_processes_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    open_journal(path).close()
    per, tags = 250, [f"writer {k}" for k in range(4)]
    procs = [
        subprocess.Popen(
            [sys.executable, str(WRITER), str(path), tag, str(per)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for tag in tags
    ]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]

    with open_journal(path) as journal:
        assert len(journal) == 4 * per
        assert journal.integrity_check() == "ok"
        for tag, out in zip(tags, outputs, strict=True):
            reported = _committed(out)
            assert [n for _, _, n in reported] == list(range(per))
            for _, id_, n in reported:
                assert journal.get(id_).interview == expected(tag, n)
        assert len({e.id for e in journal.entries()}) == 4 * per


def test_writer_killed_at_random_points_keeps_every_commit(tmp_path):
    """Adds, updates and outcomes, each killed at random: every record is in a state
    some committed transaction left it in, never older than the last reported one."""
    path = tmp_path / "crash.sqlite3"
    open_journal(path).close()
    rng = random.Random(20261126)
    last_stage: dict[int, tuple[str, int, int]] = {}
    kills = 30
    for k in range(kills):
        log = tmp_path / f"log{k}"
        tag = f"crash {k}"
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(path), tag, "100000", str(log), "edit"]
        )
        deadline = time.monotonic() + 30
        while not log.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        for stage, id_, n in _committed(log.read_text()):
            last_stage[id_] = (tag, n, stage)

    assert len(last_stage) > kills  # the writers got well into their loops
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_journal(path) as journal:
        stored = {e.id: e for e in journal.entries()}
        unreported = 0
        for id_, (tag, n, stage) in last_stage.items():
            entry = stored[id_]
            assert entry.revision >= stage  # nothing reported committed was lost
            assert entry.revision <= stage + 1  # at most the one write in flight
            unreported += entry.revision > stage
            assert entry.interview == expected(tag, n, entry.revision)
            assert entry.outcome_date == (OUTCOME_DATE if entry.revision == 3 else None)
        # at most one write per kill was committed but not yet reported
        new_records = len(stored) - len(last_stage)
        assert 0 <= new_records and unreported + new_records <= kills
