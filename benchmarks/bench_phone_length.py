"""How long the filled dashboard is on a phone (390x844), in screens.

Run by hand (never a test; it only prints figures)::

    .venv/bin/python benchmarks/bench_phone_length.py [--width 390] [--height 844]

A Voila server (started as the tests start it, on 127.0.0.1, with a scratch journal)
serves the dashboard; headless Chromium opens it at the given size and fills the form
as a user would after an interview: company, role, date, stage, both minutes, the
question mix, the six article signs, a note; then opens the Debrief and adds two
people, two questions they asked (each with an answer), two questions of yours, what
went well, the interest, a worry and both dates. Printed: the page's length (the
height its scroller scrolls through) in screens, the Debrief section's, and the
height of each debrief row (people, questions they asked, your questions).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

from interview_kit.cli.launch import DASHBOARD, start_voila, stop

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))
from chromium import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the tests' browser settings)

LOAD_TIMEOUT_MS = 120_000
UPDATE_TIMEOUT_MS = 60_000

#: The height the page scrolls through: the scroller holding the app (Voila scrolls
#: inside a panel, not the document), or the document.
LENGTH_JS = """() => {
    const app = document.querySelector('.ik-app');
    let node = app.parentElement;
    while (node && node !== document.body) {
        const s = getComputedStyle(node).overflowY;
        if ((s === 'auto' || s === 'scroll') && node.scrollHeight > node.clientHeight)
            return node.scrollHeight;
        node = node.parentElement;
    }
    return document.scrollingElement.scrollHeight;
}"""

ROWS_JS = """() => Object.fromEntries(['ik-person', 'ik-asked', 'ik-my-question'].map(c =>
    [c, [...document.querySelectorAll('.ik-debrief-row.' + c)]
        .map(e => Math.round(e.getBoundingClientRect().height))]))"""

PARTS_JS = """() => Object.fromEntries(['ik-action-bar', 'ik-form', 'ik-reading-view'].map(c =>
    [c, Math.round(document.querySelector('.' + c).getBoundingClientRect().height)]))"""


def _fill(page) -> None:
    def text(selector: str, value: str) -> None:
        page.locator(selector).fill(value)
        page.locator(selector).press("Tab")

    text(".ik-company input", "Acme Analytics")
    text(".ik-role input", "Senior data analyst")
    page.locator(".ik-date input").fill("2026-11-20")
    page.locator(".ik-stage select").select_option(index=2)
    text(".ik-scheduled input", "45")
    text(".ik-actual input", "55")
    page.locator(".ik-share select").select_option(index=7)
    for sign in ("engagement", "eye_contact", "follow_ups", "smoothness", "comfort", "ease"):
        page.locator(f".ik-signal-{sign} select").select_option(index=5)
    text(".ik-notes textarea", "They walked me through the team's roadmap.")
    page.locator(".ik-debrief .jupyter-widget-Collapse-header").click()
    page.wait_for_selector("button.ik-add-person", state="visible", timeout=UPDATE_TIMEOUT_MS)
    people = [("Ana Diaz", "Hiring manager"), ("Sam Lee", "Senior analyst")]
    for n, (name, role) in enumerate(people, start=1):
        page.locator("button.ik-add-person").click()
        page.wait_for_selector(f".ik-person:nth-child({n}) .ik-person-name input")
        text(f".ik-person:nth-child({n}) .ik-person-name input", name)
        text(f".ik-person:nth-child({n}) .ik-person-role input", role)
    asked = [
        ("Tell me about a conflict in a team", "The migration story, with numbers."),
        ("How would you model churn?", "Survival curves, then a simple baseline."),
    ]
    for n, (question, answer) in enumerate(asked, start=1):
        page.locator("button.ik-add-asked").click()
        page.wait_for_selector(f".ik-asked:nth-child({n}) .ik-asked-question input")
        text(f".ik-asked:nth-child({n}) .ik-asked-question input", question)
        text(f".ik-asked:nth-child({n}) .ik-asked-answer textarea", answer)
    for n, question in enumerate(
        ["What does a first month look like?", "How is the team's work measured?"], start=1
    ):
        page.locator("button.ik-add-my-question").click()
        page.wait_for_selector(f".ik-my-question:nth-child({n}) .ik-my-question-text input")
        text(f".ik-my-question:nth-child({n}) .ik-my-question-text input", question)
    text(".ik-went-well textarea", "The conflict story landed well.")
    page.locator(".ik-interest select").select_option(index=4)
    text(".ik-red-flags textarea", "A lot of on-call work.")
    page.locator(".ik-decision-by input").fill("2026-12-01")
    page.locator(".ik-thank-you-sent input").fill("2026-11-21")
    page.wait_for_function(
        "() => document.querySelector('.ik-debrief').innerText.includes('decision by')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    page.wait_for_timeout(1000)  # the last layout settles


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--width", type=int, default=390)
    parser.add_argument("--height", type=int, default=844)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="ik-phone-length-"))
    env = {"INTERVIEW_KIT_JOURNAL": str(folder / "journal.sqlite3")}
    process, url = start_voila(DASHBOARD, None, log=folder / "voila.log", env=env)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
            page = browser.new_page(viewport={"width": args.width, "height": args.height})
            page.set_default_timeout(UPDATE_TIMEOUT_MS)
            page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_selector(".ik-form", state="visible", timeout=LOAD_TIMEOUT_MS)
            page.wait_for_selector(".ik-overall", state="visible", timeout=LOAD_TIMEOUT_MS)
            _fill(page)
            length = page.evaluate(LENGTH_JS)
            debrief = page.locator(".ik-debrief").bounding_box()
            rows = page.evaluate(ROWS_JS)
            parts = page.evaluate(PARTS_JS)
            # The picture: the viewport grown to the whole page (Voila scrolls a panel).
            page.set_viewport_size({"width": args.width, "height": length + 200})
            page.wait_for_timeout(500)
            page.locator(".ik-debrief").screenshot(path=str(folder / "debrief.png"))
            browser.close()
    finally:
        stop(process)
    screen = args.height
    print(f"(server log and a picture of the Debrief in {folder})")
    print(f"{args.width}x{args.height}: filled page {length} px = {length / screen:.2f} screens")
    if debrief is not None:
        print(
            f"  Debrief section {debrief['height']:.0f} px = "
            f"{debrief['height'] / screen:.2f} screens"
        )
    for hook, height in parts.items():
        print(f"  {hook}: {height} px = {height / screen:.2f} screens")
    for hook, heights in rows.items():
        print(f"  {hook} rows: {heights} px")


if __name__ == "__main__":
    main()
