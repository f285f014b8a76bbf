"""Core benchmarks, run by hand (``./dev bench``); prints figures, asserts nothing.

(a) ``interview-kit score examples/interview.json``: wall time against a bare
    ``python -c pass`` (median of 20 runs each), and which heavy modules it imports.
(b) ``score_many`` on 1,000,000 interviews against a per-record loop of ``score``
    and against a bare numpy matrix-vector product of the same size (medians).

(c) the Calibration tab's held-out (leave-one-out) check for 40 and 500 outcomes,
    against the bare reference of the same n penalised fits alone; and
    ``score_many`` on one row with weights it has not seen, against scalar ``score``.

Targets (issue 2): CLI within 0.25 s and importing neither matplotlib nor
ipywidgets; score_many at least 50x the loop and within 3x of the bare product.
Targets (issue 13): held-out check <= 0.3 s for 500 outcomes; score_many on one
row <= 100 us.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

from interview_kit import Interview, score
from interview_kit.core.batch import score_many
from interview_kit.core.signals import CATALOG, observed_signals

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "examples" / "interview.json"
HEAVY = ("matplotlib", "ipywidgets", "numpy", "pandas", "IPython")
CLI_TARGET_S = 0.25
LOOP_TARGET = 50.0
BARE_TARGET = 3.0


def wall(cmd: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1e3:8.2f} ms"


def bench_cli(runs: int) -> None:
    script = shutil.which("interview-kit", path=str(Path(sys.executable).parent))
    cli = [script] if script else [sys.executable, "-m", "interview_kit"]
    score_cmd = [*cli, "score", str(EXAMPLE)]
    wall(score_cmd, 2)  # warm the file cache
    bare = statistics.median(wall([sys.executable, "-c", "pass"], runs))
    cli_s = statistics.median(wall(score_cmd, runs))
    trace = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "interview_kit", "score", str(EXAMPLE)],
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0]
        for line in trace.splitlines()
        if line.startswith("import time:")
    }
    heavy = [name for name in HEAVY if name in imported]
    print(f"(a) CLI, median of {runs} runs each")
    print(f"    python -c pass              {ms(bare)}")
    print(
        f"    {' '.join(Path(c).name for c in cli)} score example   {ms(cli_s)}"
        f"   (+{ms(cli_s - bare).strip()} over bare python)"
    )
    print(
        f"    modules imported: {len(imported)} top-level; heavy ones: "
        f"{', '.join(heavy) if heavy else 'none'}"
    )
    verdict = (
        "met"
        if cli_s <= CLI_TARGET_S and not {"matplotlib", "ipywidgets"} & set(heavy)
        else "MISSED"
    )
    print(f"    target: <= {CLI_TARGET_S:.2f} s, no matplotlib/ipywidgets -> {verdict}")


def random_matrix(n: int, rng: np.random.Generator) -> np.ndarray:
    matrix = rng.uniform(-2.0, 2.0, (n, len(CATALOG)))
    matrix[rng.random(matrix.shape) < 0.25] = np.nan  # about a quarter not noticed
    return matrix


def random_interviews(n: int, rng: np.random.Generator) -> list[Interview]:
    ids = [s.id for s in observed_signals()]
    values = random_matrix(n, rng)
    out = []
    for row in values.tolist():
        out.append(
            Interview.create(
                scheduled_minutes=45,
                actual_minutes=None if row[0] != row[0] else 45 * (1 + row[0] / 4),
                behavioral_share=None if row[1] != row[1] else (row[1] + 2) / 4,
                signals={k: None if v != v else v for k, v in zip(ids, row[2:], strict=True)},
            )
        )
    return out


def bench_batch(n: int, sample: int, runs: int) -> None:
    rng = np.random.default_rng(2026)
    matrix = random_matrix(n, rng)
    dense = np.nan_to_num(matrix)
    vector = np.array([s.default_weight for s in CATALOG])
    records = random_interviews(sample, rng)

    score_many(matrix[:1000])  # warm up
    many_runs = timed(lambda: score_many(matrix), runs)
    bare_runs = timed(lambda: dense @ vector, runs)
    many, bare = statistics.median(many_runs), statistics.median(bare_runs)

    def loop() -> None:
        for record in records:
            score(record)

    loop_runs = max(1, min(runs, 3))
    per_record = statistics.median(timed(loop, loop_runs)) / sample
    loop_total = per_record * n

    print(
        f"(b) {n:,} interviews x {len(CATALOG)} signals, medians "
        f"(score_many and bare product: {runs} runs; loop: {loop_runs} runs)"
    )
    print(f"    score_many                      {ms(many)}   (fastest run {ms(min(many_runs))})")
    print(
        f"    bare numpy (n, {len(CATALOG)}) @ ({len(CATALOG)},)        {ms(bare)}   "
        f"(fastest run {ms(min(bare_runs))})"
    )
    print(
        f"    loop of score(), extrapolated   {ms(loop_total)}   "
        f"(timed on {sample:,} Interview objects: {per_record * 1e6:.1f} us each)"
    )
    vs_loop = loop_total / many
    vs_bare = many / bare
    print(
        f"    score_many vs loop: {vs_loop:8.1f}x faster   target >= {LOOP_TARGET:.0f}x"
        f" -> {'met' if vs_loop >= LOOP_TARGET else 'MISSED'}"
    )
    print(
        f"    score_many vs bare: {vs_bare:8.1f}x slower   target <= {BARE_TARGET:.0f}x"
        f" -> {'met' if vs_bare <= BARE_TARGET else 'MISSED'}"
    )
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    print(
        f"    ratios are of medians; numpy {np.__version__}"
        + (f", OPENBLAS_CORETYPE={coretype}" if coretype else "")
        + f"; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs"
    )


HELD_OUT_TARGET_S = 0.3
ONE_ROW_TARGET_S = 100e-6


def bench_held_out(sizes: tuple[int, ...], runs: int) -> None:
    from interview_kit.learn import calibration
    from interview_kit.learn.synthetic import synthetic_interviews

    print(f"(c) held-out check, medians of {runs} runs")
    for n in sizes:
        records = synthetic_interviews(n, seed=n)
        _, w0, total = calibration._prior(None)
        kept, y, _ = calibration._labelled(records)
        x = calibration._design(kept)

        def fits_only(x=x, y=y, w0=w0, total=total) -> None:
            """The bare reference: the n leave-one-out fits and nothing else."""
            for i in range(len(y)):
                rest = np.arange(len(y)) != i
                calibration._fit_arrays(x[rest], y[rest], w0, total, calibration.DEFAULT_STRENGTH)

        check = statistics.median(timed(lambda r=records: calibration.held_out_check(r), runs))
        bare = statistics.median(timed(fits_only, runs))
        print(
            f"    {n:>4} interviews ({len(kept)} with outcomes)  held_out_check {ms(check)}"
            f"   fits alone {ms(bare)}   ({check / bare:.2f}x)"
            + (
                f"   target <= {HELD_OUT_TARGET_S} s -> "
                f"{'met' if check <= HELD_OUT_TARGET_S else 'MISSED'}"
                if n >= 500
                else ""
            )
        )
    rng = np.random.default_rng(13)
    row = random_matrix(1, rng)
    record = random_interviews(1, rng)[0]
    fresh = [{"engagement": 1.0 + i / 1000} for i in range(200)]  # never seen before
    one = statistics.median(timed(lambda: [score_many(row, w) for w in fresh], runs)) / 200
    scalar = statistics.median(timed(lambda: [score(record, w) for w in fresh], runs)) / 200
    print(
        f"    score_many, one row, new weights {one * 1e6:8.1f} us   scalar score() "
        f"{scalar * 1e6:8.1f} us   target <= {ONE_ROW_TARGET_S * 1e6:.0f} us -> "
        f"{'met' if one <= ONE_ROW_TARGET_S else 'MISSED'}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000, help="interviews for (b)")
    parser.add_argument(
        "--sample",
        type=int,
        default=20_000,
        help="interviews scored one by one for the loop figure",
    )
    parser.add_argument("--runs", type=int, default=7, help="runs per figure in (b)")
    parser.add_argument("--cli-runs", type=int, default=20, help="runs per figure in (a)")
    args = parser.parse_args()
    bench_cli(args.cli_runs)
    bench_batch(args.n, args.sample, args.runs)
    bench_held_out((40, 500), args.runs)


if __name__ == "__main__":
    main()
