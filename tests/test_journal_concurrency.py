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
from journal_helpers import sample

from interview_kit import Interview
from interview_kit.journal import open_journal

WRITER = Path(__file__).resolve().parent / "journal_writer.py"

pytestmark = pytest.mark.slow


def _committed(lines: str) -> list[tuple[int, int]]:
    """(id, n) pairs from complete lines only (a kill can cut the last one short)."""
    if not lines.endswith("\n"):
        lines = lines[: lines.rfind("\n") + 1]
    return [(int(a), int(b)) for a, b in (line.split() for line in lines.splitlines())]


def test_four_processes_saving_at_once_lose_nothing(tmp_path):
    path = tmp_path / "shared.sqlite3"
    open_journal(path).close()
    per, tags = 250, [f"writer {k}" for k in range(4)]
    procs = [subprocess.Popen([sys.executable, str(WRITER), str(path), tag, str(per)],
                              stdout=subprocess.PIPE, text=True) for tag in tags]
    outputs = [p.communicate(timeout=120)[0] for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0]

    with open_journal(path) as journal:
        assert len(journal) == 4 * per
        assert journal.integrity_check() == "ok"
        for tag, out in zip(tags, outputs, strict=True):
            pairs = _committed(out)
            assert [n for _, n in pairs] == list(range(per))
            for id_, n in pairs:
                assert journal.get(id_).interview == Interview.from_dict(sample(n, company=tag))
        assert len({e.id for e in journal.list()}) == 4 * per


def test_writer_killed_at_random_points_keeps_every_commit(tmp_path):
    path = tmp_path / "crash.sqlite3"
    open_journal(path).close()
    rng = random.Random(20261126)
    committed: dict[int, tuple[str, int]] = {}
    kills = 30
    for k in range(kills):
        log = tmp_path / f"log{k}"
        tag = f"crash {k}"
        proc = subprocess.Popen([sys.executable, str(WRITER), str(path), tag, "100000",
                                 str(log)])
        deadline = time.monotonic() + 30
        while not log.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        time.sleep(rng.uniform(0.0, 0.08))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
        assert proc.returncode == -signal.SIGKILL
        for id_, n in _committed(log.read_text()):
            committed[id_] = (tag, n)

    assert len(committed) > kills  # the writers got well into their loops
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    with open_journal(path) as journal:
        stored = {e.id: e for e in journal.list()}
        for id_, (tag, n) in committed.items():
            assert stored[id_].interview == Interview.from_dict(sample(n, company=tag))
        # at most one save per kill was committed but not yet reported
        assert len(committed) <= len(stored) <= len(committed) + kills
