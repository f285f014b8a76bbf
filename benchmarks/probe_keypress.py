"""Where one key press's time goes, dashboard vs the bare reference (run by hand).

    python benchmarks/probe_keypress.py [--presses 12] [--rounds 2] [--pause 200]

One preheated Voila server (as ``interview-kit dashboard`` starts it). For each
notebook, key presses on its control (the same Playwright call as
``bench_dashboard.py``), each timed from Python and, in the page, split into: the
driver delivering the key (Python's call -> the page's ``keydown``), ``keydown`` ->
``change``, and ``keydown`` -> the new chart decoded. Medians per round. It shows how
much of the Playwright-driven "control -> chart" figure is the driver, the same for
both notebooks.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time

from bench_dashboard import (
    ARM_JS,
    CHART_READY_JS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PREHEAT_FLAGS,
    ROOT,
    STAMPS_JS,
    TARGETS,
    Target,
    page_url,
    start_voila,
    stop,
)
from playwright.sync_api import sync_playwright


def probe(browser, url: str, target: Target, presses: int, pause_ms: int) -> list[float]:
    """Medians (ms): total from Python, driver delivery, keydown -> change, keydown -> chart."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    try:
        page.goto(
            page_url(url, f"voila/render/{target.path}"), wait_until="commit", timeout=120_000
        )
        page.wait_for_selector(target.form, state="visible", timeout=120_000)
        page.wait_for_function(CHART_READY_JS, arg=[".ik-chart", ""], timeout=120_000)
        page.evaluate(STAMPS_JS)
        rows = []
        for step in range(presses):
            if pause_ms:
                page.wait_for_timeout(pause_ms)
            old = page.get_attribute(".ik-chart", "src") or ""
            page.evaluate(ARM_JS, old)
            start = time.perf_counter()
            target.change(page, step)
            page.wait_for_function(CHART_READY_JS, arg=[".ik-chart", old], timeout=60_000)
            total = (time.perf_counter() - start) * 1000
            ik = page.evaluate("() => window.__ik")
            key = ik["key"]
            rows.append(
                (
                    total,
                    key - ik["t0"],
                    ik.get("change", key) - key,
                    ik.get("done", float("nan")) - key,
                )
            )
        return [statistics.median(column) for column in zip(*rows, strict=True)]
    finally:
        page.close(run_before_unload=True)
        context.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=12)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--pause",
        type=int,
        default=200,
        help="ms between presses (0: back to back, as bench_dashboard.py)",
    )
    args = parser.parse_args(argv)
    process, url = start_voila(
        ROOT, None, *PREHEAT_FLAGS, log=ROOT / "test-output" / "voila-probe.log"
    )
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            time.sleep(12)  # the preheated pool fills
            print(
                f"{'':15s} {'total':>7s} {'driver':>7s} {'key->chg':>9s} {'key->chart':>11s}"
                "   (ms, medians)"
            )
            for _round in range(args.rounds):
                for target in TARGETS:
                    total, driver, change, chart = probe(
                        browser, url, target, args.presses, args.pause
                    )
                    print(
                        f"{target.name:15s} {total:7.1f} {driver:7.1f} {change:9.1f} {chart:11.1f}",
                        flush=True,
                    )
                    time.sleep(6)
            browser.close()
    finally:
        stop(process)
    return 0


if __name__ == "__main__":
    sys.exit(main())
