"""Shared data for the journal tests (an importable helper, not a test module)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

from interview_kit.core.signals import observed_signals


def sample(n: int, *, company: str | None = None) -> dict:
    """A deterministic, valid contract interview that differs with ``n``."""
    values = (-2, -1.5, -1, -0.5, 0, 0.5, 1, 1.5, 2, None)
    signals = {
        s.id: values[(n * 7 + k * 3) % len(values)] for k, s in enumerate(observed_signals())
    }
    return {
        "schema": 1,
        "company": company if company is not None else f"Company {n % 13}",
        "role": ("Analyst", "Engineer", "Data analyst")[n % 3],
        "date": None if n % 11 == 5 else f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}",
        "stage": ("phone_screen", "technical", "onsite", "")[n % 4],
        "scheduled_minutes": 30 + n % 60,
        "actual_minutes": None if n % 5 == 0 else 20 + n % 80,
        "behavioral_share": None if n % 4 == 1 else (n % 10) / 10,
        "signals": signals,
        "notes": f'note {n}: commas, "quotes"; new\nline ✓',
        "outcome": None,
    }


def digest(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


#: The CLI as a fresh process runs it (the console script's entry point).
CLI = [sys.executable, "-c", "from interview_kit.cli.main import run; run()"]


def run_cli(
    *args: object,
    journal: Path | None = None,
    env_journal: Path | None = None,
    stdin: str | None = None,
) -> subprocess.CompletedProcess:
    """``interview-kit *args`` in a process of its own, away from the user's journal:
    ``--journal`` appended when given, ``$INTERVIEW_KIT_JOURNAL`` only if given."""
    env = {k: v for k, v in os.environ.items() if k != "INTERVIEW_KIT_JOURNAL"}
    if env_journal is not None:
        env["INTERVIEW_KIT_JOURNAL"] = str(env_journal)
    argv = [*CLI, *map(str, args)]
    if journal is not None:
        argv += ["--journal", str(journal)]
    return subprocess.run(argv, capture_output=True, text=True, env=env, input=stdin, timeout=60)
