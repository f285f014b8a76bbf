"""Dashboard vs a bare reference, side by side in one Voila run, in headless Chromium.

Run by hand (never a test; it only prints figures)::

    .venv/bin/python benchmarks/bench_dashboard.py [--runs 9] [--updates 5] [--no-preheat]

One Voila server (started exactly as the tests start it, on 127.0.0.1) serves the
repository folder, so ``notebooks/dashboard.ipynb`` and
``benchmarks/bare_reference.ipynb`` (one slider, one matplotlib polar chart as PNG
in an ``Image``) run under the same server, kernel spec and machine load. Runs
alternate between the two (and which goes first), and medians are quoted:

- time to interactive: from navigation to the form visible and the chart's PNG decoded;
- update: from a control change to the new chart ``<img>`` decoded in the page.

Targets: time to interactive within 1.3x the bare reference, update within 1.5x.

By default the server runs as ``interview-kit dashboard`` runs it, with Voila's
``--preheat_kernel`` (a pool of one executed kernel per notebook): correct only
because neither notebook reads the query string, and it rules out progressive
rendering. The pool refills in the background after each page, so the script
waits for the refill between runs. ``--no-preheat`` measures kernels started on
demand.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from interview_kit.cli.launch import PREHEAT_FLAGS, page_url, start_voila, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser settings)

LOAD_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 60_000

CHART_READY_JS = """([sel, old]) => {
    const img = document.querySelector(sel);
    return !!img && !!img.getAttribute('src') && img.getAttribute('src') !== old
        && img.complete && img.naturalWidth > 0;
}"""


class Target:
    """One notebook: where it is, what "the form" is, and how to change a control."""

    def __init__(self, name: str, path: str, form: str) -> None:
        self.name, self.path, self.form = name, path, form

    def change(self, page, step: int) -> None:
        raise NotImplementedError


class Dashboard(Target):
    def change(self, page, step: int) -> None:
        # Cycle the first signal through its five levels (option 0 is "didn't notice").
        page.select_option(".ik-signal-engagement select", index=1 + step % 5)


class Bare(Target):
    def change(self, page, step: int) -> None:
        handle = page.locator(".ik-bare-slider .noUi-handle")
        handle.focus()
        handle.press("ArrowRight" if step % 8 < 4 else "ArrowLeft")


TARGETS = (
    Dashboard("dashboard", "notebooks/dashboard.ipynb", ".ik-form"),
    Bare("bare reference", "benchmarks/bare_reference.ipynb", ".ik-bare-slider"),
)


def measure(browser, base_url: str, target: Target, updates: int) -> tuple[float, list[float]]:
    """(time to interactive, [update times]) in seconds for one fresh page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        start = time.perf_counter()
        page.goto(page_url(base_url, f"voila/render/{target.path}"), wait_until="commit",
                  timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(target.form, state="visible", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(CHART_READY_JS, arg=[".ik-chart", ""], timeout=LOAD_TIMEOUT_MS)
        tti = time.perf_counter() - start
        times = []
        for step in range(updates):
            old = page.get_attribute(".ik-chart", "src") or ""
            start = time.perf_counter()
            target.change(page, step)
            page.wait_for_function(CHART_READY_JS, arg=[".ik-chart", old],
                                   timeout=UPDATE_TIMEOUT_MS)
            times.append(time.perf_counter() - start)
        return tti, times
    finally:
        page.close(run_before_unload=True)  # lets Voila shut the page's kernel down
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9, help="page loads per notebook")
    parser.add_argument("--updates", type=int, default=5, help="control changes per page")
    parser.add_argument("--no-preheat", action="store_true",
                        help="start kernels on demand (no --preheat_kernel)")
    parser.add_argument("--pause", type=float, default=None,
                        help="seconds between runs (default 6 preheated, 1 otherwise)")
    args = parser.parse_args(argv)
    args.preheat = not args.no_preheat
    pause = args.pause if args.pause is not None else (6.0 if args.preheat else 1.0)
    extra = list(PREHEAT_FLAGS) if args.preheat else []

    log = ROOT / "test-output" / "voila-bench.log"
    log.parent.mkdir(exist_ok=True)
    process, base_url = start_voila(ROOT, None, *extra, log=log)
    tti: dict[str, list[float]] = {t.name: [] for t in TARGETS}
    upd: dict[str, list[float]] = {t.name: [] for t in TARGETS}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM,
                                                 args=list(CHROMIUM_ARGS))
            if args.preheat:
                time.sleep(pause * 2)  # let the first pools fill
            for target in TARGETS:  # warm-up: disk caches, imports, the browser
                measure(browser, base_url, target, 1)
            for run in range(args.runs):
                order = TARGETS if run % 2 == 0 else TARGETS[::-1]
                for target in order:
                    time.sleep(pause)
                    first, times = measure(browser, base_url, target, args.updates)
                    tti[target.name].append(first)
                    upd[target.name].extend(times)
                    print(f"run {run + 1:2d} {target.name:15s} tti {first:6.2f} s   "
                          f"update median {statistics.median(times) * 1000:6.0f} ms",
                          flush=True)
            browser.close()
    finally:
        stop(process)

    dash, bare = TARGETS[0].name, TARGETS[1].name
    mode = ", preheated" if args.preheat else ""
    print(f"\n{'':15s} {'TTI median':>12s} {'update median':>15s}   "
          f"({args.runs} loads, {args.updates} updates each{mode})")
    for name in (dash, bare):
        print(f"{name:15s} {statistics.median(tti[name]):10.2f} s "
              f"{statistics.median(upd[name]) * 1000:12.0f} ms")
    tti_ratio = statistics.median(tti[dash]) / statistics.median(tti[bare])
    upd_ratio = statistics.median(upd[dash]) / statistics.median(upd[bare])
    print(f"ratio TTI    {tti_ratio:5.2f}x (target <= 1.3x)  "
          f"{'ok' if tti_ratio <= 1.3 else 'OVER'}")
    print(f"ratio update {upd_ratio:5.2f}x (target <= 1.5x)  "
          f"{'ok' if upd_ratio <= 1.5 else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
