"""The README's picture, taken from the real dashboard: ``docs/dashboard.png``.

    .venv/bin/python scripts/screenshot.py        # after ./dev test has installed Chromium

Starts the dashboard the way the browser tests do (Voila on 127.0.0.1 with a scratch
journal, Debian's headless Chromium with the tests' flags), fills in an example
interview as a person would, waits for the radar to redraw, and saves the visible page
as a palette PNG (small enough for the repository). Run it again whenever the page
changes: the picture is never drawn by hand.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright

from interview_kit.cli.launch import start_voila, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser settings)

CHART_LOADED = """([sel, old]) => {
    const img = document.querySelector(sel);
    return !!img && img.complete && img.naturalWidth > 0 && img.getAttribute('src') !== old;
}"""
#: What the example interview's form gets: (selector, option index) for the signs.
SIGNS = {
    "engagement": 5,
    "eye_contact": 4,
    "follow_ups": 5,
    "smoothness": 4,
    "comfort": 3,
    "ease": 2,
}


def _fill(page) -> None:
    for selector, text in (
        (".ik-company input", "Acme Analytics"),
        (".ik-role input", "Data analyst"),
        (".ik-actual input", "55"),
    ):
        if page.locator(selector).count():
            page.locator(selector).fill(text)
            page.locator(selector).press("Tab")
    page.select_option(".ik-share select", index=7)
    for signal, index in SIGNS.items():
        old = page.get_attribute(".ik-chart", "src") or ""
        page.select_option(f".ik-signal-{signal} select", index=index)
        page.wait_for_function(CHART_LOADED, arg=[".ik-chart", old], timeout=30_000)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    page.wait_for_timeout(800)  # the reading's text settles with the last chart


def take(out: Path, width: int = 1280, height: int = 960, colours: int = 128) -> int:
    """Save the screenshot to ``out``; returns its size in bytes."""
    with tempfile.TemporaryDirectory(prefix="ik-shot-") as scratch:
        env = {"INTERVIEW_KIT_JOURNAL": str(Path(scratch) / "journal.sqlite3")}
        process, url = start_voila(None, None, log=Path(scratch) / "voila.log", env=env)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
                )
                page = browser.new_page(
                    viewport={"width": width, "height": height}, color_scheme="light"
                )
                page.goto(url, timeout=90_000)
                page.wait_for_selector(".ik-form", state="visible", timeout=90_000)
                page.wait_for_function(CHART_LOADED, arg=[".ik-chart", ""], timeout=90_000)
                _fill(page)
                shot = page.screenshot()
                browser.close()
        finally:
            stop(process)
    image = Image.open(io.BytesIO(shot)).convert("RGB")
    palette = image.quantize(colors=colours, method=Image.Quantize.MEDIANCUT)
    out.parent.mkdir(parents=True, exist_ok=True)
    palette.save(out, optimize=True)
    return out.stat().st_size


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "dashboard.png")
    args = parser.parse_args()
    size = take(args.out)
    print(f"wrote {args.out} ({size / 1024:.0f} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
