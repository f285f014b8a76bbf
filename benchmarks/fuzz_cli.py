"""Fuzz the command line's file inputs by hand: many hostile weights files and journal
imports, each run in-process and checked (exit 0 with sound output, or exit 2 and
one line; never a traceback; a refused import changes nothing).

    .venv/bin/python benchmarks/fuzz_cli.py --cases 10000

Not a test (it takes minutes): ``tests/test_cli_fuzz.py`` runs the same generators
and check on a few hundred cases every time. Prints the counts per input kind and
outcome, and every failure with the input that caused it.
"""

from __future__ import annotations

import argparse
import collections
import sys
import tempfile
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from cli_fuzz import cases, check_case  # noqa: E402  (the tests' generators and check)

#: A journal that grew past this many records (successful imports) starts afresh,
#: so each case stays cheap.
RESET_AFTER = 300


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=10_000, help="inputs to try")
    parser.add_argument("--seed", type=int, default=12, help="hypothesis seed")
    args = parser.parse_args(argv)

    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    failures: list[tuple[object, str]] = []
    imported = 0
    start = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="ik-fuzz-") as scratch:
        folder = Path(scratch)

        @settings(max_examples=args.cases, deadline=None, database=None, derandomize=False,
                  suppress_health_check=list(HealthCheck))
        @given(case=cases)
        def one(case) -> None:
            nonlocal imported
            try:
                outcome = check_case(case, folder)
            except Exception:  # a broken promise: keep it and go on
                counts[(case.kind, "FAILED")] += 1
                failures.append((case, traceback.format_exc(limit=3)))
                return
            counts[(case.kind, outcome)] += 1
            if case.kind == "import" and outcome == "ok":
                imported += 1
                if imported % RESET_AFTER == 0:
                    for path in folder.glob("journal.sqlite3*"):
                        path.unlink()

        from hypothesis import seed

        seed(args.seed)(one)()

    took = time.perf_counter() - start
    total = sum(counts.values())
    print(f"{total} cases in {took:.0f} s ({total / took:.0f}/s), seed {args.seed}")
    for kind in ("weights", "import"):
        row = {o: counts[(kind, o)] for o in ("ok", "refused", "FAILED")}
        print(f"  {kind:<8} ok {row['ok']:>6}   refused (exit 2, one line) "
              f"{row['refused']:>6}   failed {row['FAILED']:>4}")
    for case, trace in failures[:10]:
        print(f"\nFAILED {case!r}\n{trace}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
