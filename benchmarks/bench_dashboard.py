"""Dashboard vs a bare reference in one run: preheated and fresh kernels, in Chromium.

Run by hand (never a test; it only prints figures)::

    .venv/bin/python benchmarks/bench_dashboard.py [--runs 7] [--updates 5]

Two Voila servers (started as the tests start them, on 127.0.0.1, with a token)
serve the repository folder: one exactly as ``interview-kit dashboard`` runs it
(``PREHEAT_FLAGS``: a pool of one executed kernel per notebook), one starting a
fresh kernel per page. Each serves ``notebooks/dashboard.ipynb`` and
``benchmarks/bare_reference.ipynb`` (one control, one 8-spoke polar chart as a PNG),
so both notebooks meet the same server, kernel spec and machine load. Runs are
interleaved (each round: both servers, both notebooks, the order alternating) and
medians are quoted:

- time to interactive: navigation to the form visible and the chart's PNG decoded;
- control -> chart: a control changed by a real key press (Playwright's ``press``
  on the focused menu or slider handle, the same driver call for both: a trusted
  ``keydown``), timed in the page from that ``keydown`` to the new chart ``<img>``
  decoded (seen on an animation frame): what a person waits for after pressing a
  key. Taken once the page has settled: ``--settle`` seconds after its first
  changes, as a person reads before changing anything (meanwhile a preheating server
  refills its pool, which competes for the CPU). Those first changes, made as soon
  as the page is interactive, while its scripts may still be settling, are printed
  too ("at load"). The same presses timed
  from Python ("from Python") add the driver's delivery of the key and its polling
  for the picture, 15-20 ms that are the same for both notebooks and no user's: they
  are printed, with no target (``probe_keypress.py`` splits them out);
- input -> chart, in the page: the same change made by an input event dispatched
  in the page, timed there (``performance.now()``) until the new chart ``<img>`` is
  decoded, polled every animation frame: what a user waits for, with no driver
  round trip in it (the same code for both notebooks);
- widget models at load: how many models the page's widget manager holds once the
  page is interactive (``widgetManager.get_state()``, the manager's public API:
  every model the page created, whether it came as a comm or in the preheated
  state). The same figure is counted in the kernel (``Widget.widgets`` after
  building the App in a plain process) as a check that needs no browser;
- kernel RSS after load: the resident memory of the page's own kernel (found by
  the kernel id in the page's websocket URL), read once the page is interactive.

Targets (medians vs the bare reference): preheated time to interactive <= 1.25x,
fresh <= 1.1x, control -> chart <= 0.6x, kernel RSS <= 1.1x, <= 350 models.
The preheated pool refills in the background after each page; ``--pause`` waits
for it before every load, of either server (a refill of one server's pool slows a
page of the other just as much: no user runs two servers).
"""

from __future__ import annotations

import argparse
import math
import re
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil
from playwright.sync_api import sync_playwright

from interview_kit.cli.launch import PREHEAT_FLAGS, page_url, start_voila, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser settings)

LOAD_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 60_000
KERNEL_ID = re.compile(r"/api/kernels/([0-9a-f-]{36})/channels")

CHART_READY_JS = """([sel, old]) => {
    const img = document.querySelector(sel);
    return !!img && !!img.getAttribute('src') && img.getAttribute('src') !== old
        && img.complete && img.naturalWidth > 0;
}"""

MODELS_JS = """async () => {
    const manager = window.jupyterapp && window.jupyterapp.widgetManager;
    if (!manager) { return -1; }
    const state = await manager.get_state();
    return Object.keys(state.state).length;
}"""

KERNEL_COUNT = """
import os, tempfile, warnings
warnings.simplefilter("ignore")
os.environ["INTERVIEW_KIT_JOURNAL"] = os.path.join(tempfile.mkdtemp(), "journal.jsonl")
import ipywidgets
from interview_kit.ui.app import App
before = len(ipywidgets.Widget.widgets)
App()
print(len(ipywidgets.Widget.widgets) - before)
"""


#: Installed in each page: the time of the last ``keydown`` (capture phase, before any
#: widget sees it) and of the first animation frame showing a new, decoded chart after
#: ``window.__ik.src`` (the picture before the key), as ``probe_keypress.py`` reads them.
STAMPS_JS = """() => {
  window.__ik = {};
  document.addEventListener('keydown', () => { window.__ik.key = performance.now(); }, true);
  document.addEventListener('change', () => { window.__ik.change = performance.now(); }, true);
  const watch = () => {
    const img = document.querySelector('.ik-chart');
    if (window.__ik.src !== undefined && window.__ik.done === undefined && img
        && img.getAttribute('src') !== window.__ik.src && img.complete && img.naturalWidth > 0) {
      window.__ik.done = performance.now();
    }
    requestAnimationFrame(watch);
  };
  requestAnimationFrame(watch);
}"""
#: Before each key press: forget the last one's stamps, remember the picture shown.
ARM_JS = """(src) => { window.__ik = {src, t0: performance.now()}; }"""

#: Run in the page: ``input(step)`` (the target's own input event), then resolve with
#: the milliseconds until the chart ``<img>`` shows a new, decoded picture.
IN_PAGE_JS = """async ([input, step]) => {
    const old = document.querySelector('.ik-chart').getAttribute('src');
    const start = performance.now();
    (new Function('step', input))(step);
    return await new Promise((resolve, reject) => {
        const limit = start + 60000;
        const check = () => {
            const img = document.querySelector('.ik-chart');
            if (img && img.getAttribute('src') !== old && img.complete && img.naturalWidth > 0) {
                resolve(performance.now() - start);
            } else if (performance.now() > limit) {
                reject(new Error('no new chart'));
            } else {
                requestAnimationFrame(check);
            }
        };
        check();
    });
}"""


class Target:
    """One notebook: where it is, what "the form" is, and how to change a control
    (through Playwright, and by an input event dispatched in the page)."""

    #: JavaScript run in the page with ``step``: the input event a user's change makes.
    input_js = ""

    def __init__(self, name: str, path: str, form: str) -> None:
        self.name, self.path, self.form = name, path, form

    def change(self, page, step: int) -> None:
        raise NotImplementedError


class Dashboard(Target):
    # Cycle the first signal through its five levels (option 0 is "didn't notice").
    input_js = """const menu = document.querySelector('.ik-signal-engagement select');
        menu.selectedIndex = 1 + step % 5;
        menu.dispatchEvent(new Event('change', {bubbles: true}));"""

    def change(self, page, step: int) -> None:
        # A key press on the focused menu, as a keyboard user changes it and as the
        # bare slider is driven: Playwright's select_option would add its own waits
        # (the menu visible and stable for two animation frames) to this figure only.
        menu = page.locator(".ik-signal-engagement select")
        menu.focus()
        menu.press("ArrowDown" if step % 8 < 4 else "ArrowUp")


class Bare(Target):
    input_js = """const handle = document.querySelector('.ik-bare-slider .noUi-handle');
        const key = step % 8 < 4 ? 'ArrowRight' : 'ArrowLeft';
        handle.dispatchEvent(new KeyboardEvent('keydown', {key, bubbles: true}));
        handle.dispatchEvent(new KeyboardEvent('keyup', {key, bubbles: true}));"""

    def change(self, page, step: int) -> None:
        handle = page.locator(".ik-bare-slider .noUi-handle")
        handle.focus()
        handle.press("ArrowRight" if step % 8 < 4 else "ArrowLeft")


TARGETS = (
    Dashboard("dashboard", "notebooks/dashboard.ipynb", ".ik-form"),
    Bare("bare reference", "benchmarks/bare_reference.ipynb", ".ik-bare-slider"),
)


@dataclass
class Figures:
    """What the runs of one notebook under one server gave."""

    tti: list[float] = field(default_factory=list)
    at_load: list[float] = field(default_factory=list)  # control -> chart, at once
    updates: list[float] = field(default_factory=list)  # control -> chart, settled
    driven: list[float] = field(default_factory=list)  # the settled ones, from Python
    in_page: list[float] = field(default_factory=list)  # seconds
    models: list[int] = field(default_factory=list)
    rss: list[float] = field(default_factory=list)  # MiB


def kernel_rss(kernel_id: str) -> float | None:
    """Resident memory (MiB) of the kernel process started for ``kernel_id``."""
    for process in psutil.process_iter(["cmdline", "memory_info"]):
        cmdline = process.info.get("cmdline") or []
        if any(kernel_id in part for part in cmdline):
            return process.info["memory_info"].rss / 2**20
    return None


def changes(
    page, target: Target, steps: range, into: list[float], driven: list[float] | None = None
) -> None:
    """Change the control once per step by a key press; add each key -> chart time,
    timed in the page, to ``into`` (and the same press timed from Python to ``driven``)."""
    for step in steps:
        old = page.get_attribute(".ik-chart", "src") or ""
        page.evaluate(ARM_JS, old)
        start = time.perf_counter()
        target.change(page, step)
        page.wait_for_function(CHART_READY_JS, arg=[".ik-chart", old], timeout=UPDATE_TIMEOUT_MS)
        elapsed = time.perf_counter() - start
        stamps = page.wait_for_function(
            "() => window.__ik.done !== undefined && window.__ik",
            timeout=UPDATE_TIMEOUT_MS,
        ).json_value()
        into.append((stamps["done"] - stamps["key"]) / 1000)
        if driven is not None:
            driven.append(elapsed)


def measure(
    browser, base_url: str, target: Target, updates: int, into: Figures, settle: float = 0.0
) -> None:
    """Load ``target`` in a fresh page; add its figures to ``into``."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    kernels: list[str] = []
    page.on("websocket", lambda ws: kernels.extend(KERNEL_ID.findall(ws.url)))
    try:
        start = time.perf_counter()
        page.goto(
            page_url(base_url, f"voila/render/{target.path}"),
            wait_until="commit",
            timeout=LOAD_TIMEOUT_MS,
        )
        page.wait_for_selector(target.form, state="visible", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(CHART_READY_JS, arg=[".ik-chart", ""], timeout=LOAD_TIMEOUT_MS)
        into.tti.append(time.perf_counter() - start)
        page.evaluate(STAMPS_JS)
        into.models.append(int(page.evaluate(MODELS_JS)))
        rss = kernel_rss(kernels[0]) if kernels else None
        if rss is not None:
            into.rss.append(rss)
        changes(page, target, range(updates), into.at_load)
        page.wait_for_timeout(settle * 1000)
        changes(page, target, range(updates, 2 * updates), into.updates, into.driven)
        for step in range(2 * updates, 3 * updates):
            page.wait_for_timeout(200)  # the last change has settled
            into.in_page.append(page.evaluate(IN_PAGE_JS, [target.input_js, step]) / 1000)
    finally:
        page.close(run_before_unload=True)  # lets Voila shut the page's kernel down
        context.close()


#: Why a figure is printed with no target, by the end of its name.
NO_TARGET = {
    "at load": "the page may still be settling",
    "from Python": "adds the driver's own delivery and polling",
}


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def report(mode: str, figures: dict[str, Figures], runs: int) -> list[tuple[str, float, float]]:
    """Print one server's table; return (figure, ratio, target) rows."""
    dash, bare = figures[TARGETS[0].name], figures[TARGETS[1].name]
    print(f"\n{mode} ({runs} loads each)")
    print(
        f"{'':15s} {'TTI':>9s} {'ctl->chart':>11s} {'at load':>9s} {'from Py':>9s} "
        f"{'in page':>9s} {'models':>7s} {'RSS MiB':>8s}"
    )
    for name, f in figures.items():
        print(
            f"{name:15s} {median(f.tti):7.2f} s {median(f.updates) * 1000:8.0f} ms "
            f"{median(f.at_load) * 1000:6.0f} ms {median(f.driven) * 1000:6.0f} ms "
            f"{median(f.in_page) * 1000:6.0f} ms {median(f.models):7.0f} {median(f.rss):8.1f}"
        )
    return [
        (
            f"{mode}: time to interactive",
            median(dash.tti) / median(bare.tti),
            1.25 if mode == "preheated" else 1.1,
        ),
        (f"{mode}: control -> chart", median(dash.updates) / median(bare.updates), 0.6),
        (
            f"{mode}: control -> chart, at load",
            median(dash.at_load) / median(bare.at_load),
            float("nan"),
        ),
        (
            f"{mode}: control -> chart, from Python",
            median(dash.driven) / median(bare.driven),
            float("nan"),
        ),
        (f"{mode}: input -> chart, in page", median(dash.in_page) / median(bare.in_page), 0.6),
        (f"{mode}: kernel RSS", median(dash.rss) / median(bare.rss), 1.1),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="page loads per notebook and server")
    parser.add_argument("--updates", type=int, default=5, help="control changes per page")
    parser.add_argument(
        "--pause",
        type=float,
        default=6.0,
        help="seconds before each load (a preheated pool refills)",
    )
    parser.add_argument(
        "--settle",
        type=float,
        default=6.0,
        help="seconds between the page's first changes and the settled ones",
    )
    args = parser.parse_args(argv)

    in_kernel = int(
        subprocess.run(
            [sys.executable, "-c", KERNEL_COUNT], check=True, capture_output=True, text=True
        ).stdout.split()[-1]
    )
    log_dir = ROOT / "test-output"
    log_dir.mkdir(exist_ok=True)
    modes = {"preheated": list(PREHEAT_FLAGS), "fresh kernel": []}
    servers = {
        mode: start_voila(ROOT, None, *flags, log=log_dir / f"voila-bench-{i}.log")
        for i, (mode, flags) in enumerate(modes.items())
    }
    figures = {mode: {t.name: Figures() for t in TARGETS} for mode in modes}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            time.sleep(args.pause * 2)  # let the first pools fill
            for _process, url in servers.values():  # warm-up: caches, the browser
                for target in TARGETS:
                    measure(browser, url, target, 1, Figures())
            for run in range(args.runs):
                for mode, (_process, url) in servers.items():
                    order = TARGETS if run % 2 == 0 else TARGETS[::-1]
                    for target in order:
                        time.sleep(args.pause)
                        into = figures[mode][target.name]
                        measure(browser, url, target, args.updates, into, args.settle)
                        print(
                            f"run {run + 1:2d} {mode:12s} {target.name:15s} "
                            f"tti {into.tti[-1]:5.2f} s  models {into.models[-1]:5d}  "
                            f"rss {into.rss[-1] if into.rss else float('nan'):6.1f} MiB",
                            flush=True,
                        )
            browser.close()
    finally:
        for process, _url in servers.values():
            stop(process)

    rows = [row for mode in modes for row in report(mode, figures[mode], args.runs)]
    models = median([float(m) for m in figures["preheated"]["dashboard"].models])
    print(
        f"\nwidget models at load: page {models:.0f}, kernel {in_kernel} (target <= 350)  "
        f"{'ok' if max(models, in_kernel) <= 350 else 'OVER'}"
    )
    for name, ratio, target in rows:
        verdict = (
            f"(no target: {NO_TARGET[name.split(', ')[-1]]})"
            if math.isnan(target)
            else f"(target <= {target}x)  {'ok' if ratio <= target else 'OVER'}"
        )
        print(f"{name:36s} {ratio:5.2f}x {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
