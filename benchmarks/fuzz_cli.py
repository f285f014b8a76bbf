"""Fuzz the command line's file inputs by hand: many hostile weights files and journal
imports, each run in-process and checked (exit 0 with sound output, or exit 2 and
one line; never a traceback; a refused import changes nothing).

    .venv/bin/python benchmarks/fuzz_cli.py --cases 10000
    .venv/bin/python benchmarks/fuzz_cli.py --command-lines 10000 [--seed 22]
    .venv/bin/python benchmarks/fuzz_cli.py --processes 200 [--seed 7]

``--command-lines``: every command and flag (``tests/cli_argv_fuzz.py``) in-process,
each broken promise counted by its cause; ``--processes``: the same as real processes.

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
    parser.add_argument(
        "--command-lines",
        type=int,
        default=0,
        metavar="N",
        help="fuzz N command lines in-process instead",
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        metavar="N",
        help="fuzz N command lines as real processes instead",
    )
    args = parser.parse_args(argv)
    if args.command_lines:
        return command_lines(args.command_lines, args.seed)
    if args.processes:
        return processes(args.processes, args.seed)

    counts: collections.Counter[tuple[str, str]] = collections.Counter()
    failures: list[tuple[object, str]] = []
    imported = 0
    start = time.perf_counter()

    with tempfile.TemporaryDirectory(prefix="ik-fuzz-") as scratch:
        folder = Path(scratch)

        @settings(
            max_examples=args.cases,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )
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
        print(
            f"  {kind:<8} ok {row['ok']:>6}   refused (exit 2, one line) "
            f"{row['refused']:>6}   failed {row['FAILED']:>4}"
        )
    for case, trace in failures[:10]:
        print(f"\nFAILED {case!r}\n{trace}")
    return 1 if failures else 0


def _cause(error: BaseException) -> str:
    """A broken promise said by its cause, for counting."""
    if isinstance(error, AssertionError):
        return "broken: " + str(error).split(": ")[-1].splitlines()[0][:70]
    return f"traceback: {type(error).__name__}: {str(error)[:50]}"


def command_lines(n: int, seed: int) -> int:
    """Every command and flag, ``n`` command lines in-process; counts by outcome and cause."""
    import shutil

    import cli_argv_fuzz as fuzz

    counts: collections.Counter[str] = collections.Counter()
    start = time.perf_counter()
    with fuzz.scratch() as scratch:
        scene = fuzz.Scene.make(Path(scratch))
        for case in fuzz.cases(seed, n):
            paths = fuzz.Paths(scene, Path(scratch) / "case")
            try:
                code, _out, err = fuzz.run_in_process(case, paths)
                counts[fuzz.check_case(case, paths, code, err)] += 1
            except Exception as error:  # counted: the run goes on
                counts[_cause(error)] += 1
            shutil.rmtree(paths.work)
    took = time.perf_counter() - start
    print(f"{n} command lines in-process in {took:.0f} s, seed {seed}")
    for outcome, count in counts.most_common():
        print(f"  {count:>6}  {outcome}")
    return 1 if any(k.startswith(("broken", "traceback")) for k in counts) else 0


def processes(n: int, seed: int) -> int:
    """``n`` command lines as real processes (a real full disk when one can be mounted)."""
    import cli_argv_fuzz as fuzz

    start = time.perf_counter()
    with fuzz.scratch() as scratch:
        counts, disk = fuzz.fuzz_processes(Path(scratch), seed, n, strict=False)
    print(
        f"{n} command lines as processes in {time.perf_counter() - start:.0f} s, seed "
        f"{seed}, real full disk: {'yes' if disk else 'no'}"
    )
    for outcome, count in sorted(counts.items(), key=lambda item: -item[1]):
        print(f"  {count:>6}  {outcome}")
    return 1 if any(k.startswith("broken") for k in counts) else 0


if __name__ == "__main__":
    sys.exit(main())
