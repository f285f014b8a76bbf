"""Shared fixtures: a real Voila server on 127.0.0.1 and a real headless Chromium.

The browser is Debian's ``/usr/bin/chromium`` driven by Playwright. If it is
missing the browser tests fail (they never skip): a dashboard nobody opened in
a browser is not tested. Waits are on the page's own elements (the form, the
chart's ``<img>`` decoded), never on "network idle", which says nothing about the
kernel's widgets having arrived.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from chromium import CHROMIUM, CHROMIUM_ARGS

from interview_kit.cli.launch import (
    DASHBOARD,
    PREHEAT_FLAGS,
    start_voila,
    stop,
)

ROOT = Path(__file__).resolve().parent.parent
OUTPUT = ROOT / "test-output"
AXE = ROOT / ".cache" / "node" / "node_modules" / "axe-core" / "axe.min.js"

#: How long a first render may take on a busy 2-core machine (kernel start + imports).
LOAD_TIMEOUT_MS = 90_000
#: How long one round trip (control change -> kernel -> new chart) may take.
UPDATE_TIMEOUT_MS = 30_000

CHART_LOADED_JS = """sel => {
    const img = document.querySelector(sel);
    return !!img && img.complete && img.naturalWidth > 0 && !!img.getAttribute('src');
}"""


@pytest.fixture(autouse=True)
def _builtin_signs():
    """Every test starts, and ends, with the built-in sign catalog active: a test that
    activates a user's own signs never leaks them into the next."""
    from interview_kit.core import signals

    signals.reset()
    yield
    signals.reset()


@pytest.fixture(autouse=True)
def _scratch_default_journal(tmp_path_factory, monkeypatch) -> None:
    """No test, and no kernel a test starts (they inherit it), ever opens the user's
    real journal: the default journal is a scratch file unless a test sets its own."""
    folder = tmp_path_factory.mktemp("default-journal")
    monkeypatch.setenv("INTERVIEW_KIT_JOURNAL", str(folder / "journal.sqlite3"))


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT


def scratch_journal_env(folder: Path) -> dict[str, str]:
    """Point a server at a fresh journal file of its own, never the user's real one."""
    import tempfile

    scratch = Path(tempfile.mkdtemp(prefix="ik-journal-", dir=folder))
    return {"INTERVIEW_KIT_JOURNAL": str(scratch / "journal.sqlite3")}


@pytest.fixture(autouse=True)
def _no_leaked_event_loop(request) -> Iterator[None]:
    """Playwright's sync API (the session's shared Chromium) leaves its event loop
    marked as running in the main thread between its calls. A test that runs no browser
    must see what a script sees, no loop at all: else code that hands work to "the loop,
    when there is one" (the draft keeper's timer, History's work after its first
    render) would hand it to a loop that never runs again, and ``asyncio.run`` would
    refuse. The marker is put back afterwards for the browser tests that follow."""
    import asyncio.events as events

    leaked = events._get_running_loop()
    if leaked is None or "chromium" in request.fixturenames:
        yield
        return
    events._set_running_loop(None)
    try:
        yield
    finally:
        events._set_running_loop(leaked)


class SharedChromium:
    """One headless Chromium shared by the session's browser tests, launched again if it
    has gone away: a browser that dies under load fails the test it died in, not every
    browser test after it. Each relaunch is logged to ``test-output/chromium.log``."""

    def __init__(self, playwright, log: Path) -> None:
        self._playwright = playwright
        self._log = log
        self._browser = None

    def _live(self):
        if self._browser is not None and self._browser.is_connected():
            return self._browser
        if self._browser is not None:
            test = os.environ.get("PYTEST_CURRENT_TEST", "?")
            with self._log.open("a", encoding="utf-8") as log:
                log.write(
                    f"{time.strftime('%H:%M:%S')} Chromium had gone away; "
                    f"launched again for {test}\n"
                )
        self._browser = self._playwright.chromium.launch(
            executable_path=CHROMIUM, args=list(CHROMIUM_ARGS)
        )
        return self._browser

    def _live_or_none(self):
        """The browser if it is still there, else None (it is launched again on use)."""
        alive = self._browser is not None and self._browser.is_connected()
        return self._browser if alive else None

    def __getattr__(self, name: str):
        return getattr(self._live(), name)

    def close(self) -> None:
        if self._browser is not None and self._browser.is_connected():
            self._browser.close()


@pytest.fixture(scope="session")
def chromium(output_dir: Path) -> Iterator[object]:
    """A headless Chromium for the whole session; a missing browser is a failure."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"{CHROMIUM} not found: install Debian's chromium (./dev test does)", pytrace=False
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = SharedChromium(playwright, output_dir / "chromium.log")
        try:
            yield browser
        finally:
            browser.close()


@contextlib.contextmanager
def served_dashboard(log: Path, env: dict[str, str], *flags: str) -> Iterator[str]:
    """The real dashboard notebook served by Voila on a free 127.0.0.1 port: its URL;
    the server is stopped afterwards. ``env`` must name a scratch journal."""
    process, url = start_voila(DASHBOARD, None, *flags, log=log, env=env)
    try:
        yield url
    finally:
        stop(process)


@pytest.fixture(scope="session")
def dashboard_url(output_dir: Path) -> Iterator[str]:
    """The real dashboard notebook served by Voila on a free 127.0.0.1 port."""
    with served_dashboard(
        output_dir / "voila-dashboard.log", scratch_journal_env(output_dir)
    ) as url:
        yield url


@pytest.fixture(scope="session")
def preheated_dashboard_url(output_dir: Path) -> Iterator[str]:
    """The dashboard as ``interview-kit dashboard`` serves it: with a preheated kernel."""
    with served_dashboard(
        output_dir / "voila-dashboard-preheated.log",
        scratch_journal_env(output_dir),
        *PREHEAT_FLAGS,
    ) as url:
        yield url


@pytest.fixture(scope="session")
def journal_dashboard(output_dir: Path, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    """The dashboard with ``INTERVIEW_KIT_JOURNAL`` set to a scratch journal file:
    ``(url, journal path)``. The user's own journal is never touched."""
    from interview_kit.journal.schema import ENV_VAR

    path = tmp_path_factory.mktemp("journal") / "journal.sqlite3"
    with served_dashboard(output_dir / "voila-dashboard-journal.log", {ENV_VAR: str(path)}) as url:
        yield url, path


class PageWatch:
    """What a page did behind our back: dialogs opened, uncaught errors."""

    def __init__(self, page) -> None:
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("dialog", self._on_dialog)
        page.on("pageerror", lambda error: self.errors.append(str(error)))

    def _on_dialog(self, dialog) -> None:
        self.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()


@pytest.fixture
def new_page(chromium):
    """Factory: ``new_page(width, height) -> (page, watch)``; contexts closed afterwards."""
    contexts = []

    def make(width: int = 1280, height: int = 800):
        context = chromium.new_context(viewport={"width": width, "height": height})
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(UPDATE_TIMEOUT_MS)
        return page, PageWatch(page)

    yield make
    for context in contexts:
        try:
            context.close()
        except Exception:
            # The test has passed; a browser that died after it (logged when it is
            # launched again) leaves nothing to close. Anything else is an error.
            if chromium._live_or_none() is not None:
                raise


#: A note or company that would run script if it were ever inserted as HTML.
XSS = "<img src=x onerror=alert(1)>"


def overall_text(weights: dict | None = None, **fields) -> str:
    """What ``.ik-overall`` reads once the kernel has scored exactly these fields
    (the core computes the expectation; the page must show exactly that)."""
    from interview_kit.core.interview import Interview
    from interview_kit.core.scoring import score
    from interview_kit.ui.reading import score_label

    fields.setdefault("scheduled_minutes", 45)
    return score_label(score(Interview.create(**fields), weights))


def commit_text(page, selector: str, text: str) -> None:
    """Type into a text control and leave it (the app syncs on Enter/blur)."""
    field = page.locator(selector)
    field.fill(text)
    field.press("Tab")


def open_dashboard(page, url: str) -> None:
    """Navigate and wait until the form is visible and the radar PNG has decoded."""
    page.goto(url, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(".ik-form", state="visible", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-chart", timeout=LOAD_TIMEOUT_MS)


def chart_src(page) -> str:
    return page.get_attribute(".ik-chart", "src") or ""


def wait_for_new_chart(page, old_src: str) -> str:
    """Wait until the chart's ``src`` differs from ``old_src`` and the new PNG decoded."""
    page.wait_for_function(
        """([sel, old]) => {
            const img = document.querySelector(sel);
            return !!img && img.getAttribute('src') !== old && img.complete
                && img.naturalWidth > 0;
        }""",
        arg=[".ik-chart", old_src],
        timeout=UPDATE_TIMEOUT_MS,
    )
    return chart_src(page)


def wait_for_text(page, selector: str, expected: str) -> None:
    """Wait until ``selector``'s text is exactly ``expected``: the final state, never
    one in between two changes the kernel has not caught up with."""
    page.wait_for_function(
        "([sel, want]) => { const e = document.querySelector(sel);"
        " return !!e && e.innerText.trim() === want; }",
        arg=[selector, expected],
        timeout=UPDATE_TIMEOUT_MS,
    )


def full_screenshot(page, path: Path) -> None:
    """The whole app: Voila scrolls inside a panel, so grow the viewport to fit, then restore."""
    size = page.viewport_size
    # The app's own height plus room for the page title above it.
    height = page.evaluate(
        "() => Math.ceil(document.querySelector('.ik-app').getBoundingClientRect().height + 250)"
    )
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    page.wait_for_timeout(300)  # let the layout settle at the new height
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def run_axe(page) -> list[dict]:
    """axe-core's violations in the page (installed by ``./dev test``; missing = failure)."""
    if not AXE.is_file():
        pytest.fail(f"{AXE} missing: run ./dev test (it installs axe-core)", pytrace=False)
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')),
            }));
        }"""
    )
