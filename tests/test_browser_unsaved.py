"""Never lose a word, in a real browser: Save saves the outcome picked, "Unsaved
changes" shows and clears, New and Open ask first, a reload (and a closed tab) offers
the draft back, a change made by the CLI survives the page's Save, and two tabs
saving the same interview never silently drop either's change.

Real Voila on 127.0.0.1 with a scratch journal of this module, real headless
Chromium; the journal is read on disk to check what was written.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    UPDATE_TIMEOUT_MS,
    commit_text,
    open_dashboard,
    run_axe,
    served_dashboard,
)

from interview_kit.core.interview import Interview
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser

YESTERDAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("unsaved") / "journal.sqlite3"


@pytest.fixture(scope="module")
def url(output_dir: Path, journal_path: Path) -> Iterator[str]:
    with served_dashboard(
        output_dir / "voila-unsaved.log", {ENV_VAR: str(journal_path)}
    ) as address:
        yield address


@pytest.fixture
def tabs(chromium):
    """Factory: a new tab in one browser context (tabs share localStorage, each has
    its own sessionStorage). Dialogs are recorded; "leave the page?" is accepted."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900})
    seen: list[str] = []
    errors: list[str] = []

    def on_dialog(dialog) -> None:
        seen.append(dialog.type)
        dialog.accept()

    def make():
        page = context.new_page()
        page.set_default_timeout(UPDATE_TIMEOUT_MS)
        page.on("dialog", on_dialog)
        page.on("pageerror", lambda error: errors.append(str(error)))
        return page

    make.dialogs = seen  # type: ignore[attr-defined]
    make.errors = errors  # type: ignore[attr-defined]
    yield make
    context.close()


def _add(path: Path, company: str) -> int:
    with open_journal(path) as journal:
        return journal.add(
            Interview.create(
                company=company, date=YESTERDAY, scheduled_minutes=45, notes="first notes"
            )
        )


def _status(page) -> str:
    return page.inner_text(".ik-saved-status").strip()


def _wait_status(page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('.ik-saved-status').innerText.includes(t)", arg=text
    )


def _wait_value(page, selector: str, value: str) -> None:
    page.wait_for_function(
        "([s, v]) => { const e = document.querySelector(s); return !!e && e.value === v; }",
        arg=[selector, value],
    )


def _open(page, url: str, company: str) -> None:
    """Open the dashboard, then the interview of ``company`` from History."""
    open_dashboard(page, url)
    _open_from_history(page, company)
    _wait_status(page, "Saved as #")


def _open_from_history(page, company: str) -> None:
    page.get_by_role("tab", name="History").click()
    row = page.locator(".ik-history-pick:visible", has_text=company)
    row.wait_for()
    picks = page.locator(".ik-history-pick:visible input")
    for n in range(picks.count()):
        picks.nth(n).uncheck()
    row.locator("input").check()
    page.locator("button.ik-history-open").click()


def _cli(path: Path, *args: str) -> None:
    env = {**os.environ, ENV_VAR: str(path)}
    done = subprocess.run(
        [sys.executable, "-m", "interview_kit", "journal", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr


def _draft_keys(path: Path) -> list[str]:
    with open_journal(path) as journal:
        return [d.key for d in journal.drafts()]


def _wait_for_draft(path: Path, company: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        with open_journal(path) as journal:
            if any(
                d.data.get("page", {}).get("values", {}).get("company") == company
                for d in journal.drafts()
            ):
                return
        time.sleep(0.3)
    raise AssertionError(f"no draft for {company!r} was written")


def test_outcome_picked_then_save_keeps_it_and_unsaved_shows(url, journal_path, tabs):
    entry_id = _add(journal_path, "Outcome Co")
    page = tabs()
    _open(page, url, "Outcome Co")
    assert "Unsaved" not in _status(page)
    page.select_option(".ik-outcome select", label="No response (ghosted)")
    _wait_status(page, "Unsaved changes")
    page.locator("button.ik-save").click()
    _wait_status(page, "revision 2")
    assert "No response" in _status(page) and "Unsaved" not in _status(page)
    assert page.locator(".ik-outcome select").evaluate("s => s.value") == "No response (ghosted)"
    # An edit after the save shows "Unsaved changes"; undoing it clears it.
    page.select_option(".ik-signal-eye_contact select", index=5)
    _wait_status(page, "Unsaved changes")
    page.select_option(".ik-signal-eye_contact select", index=0)
    page.wait_for_function(
        "() => !document.querySelector('.ik-saved-status').innerText.includes('Unsaved')"
    )
    with open_journal(journal_path) as journal:
        stored = journal.get(entry_id)
    assert (stored.outcome, stored.revision) == ("no_response", 2)
    assert stored.outcome_date == dt.date.today().isoformat()
    assert not tabs.errors


def test_new_and_open_ask_before_discarding(url, journal_path, tabs):
    _add(journal_path, "Ask Co")
    page = tabs()
    open_dashboard(page, url)
    commit_text(page, ".ik-company input", "Typed Co")
    _wait_status(page, "Unsaved changes")
    page.locator("button.ik-new").click()
    keep = page.locator("button.ik-confirm-keep")
    keep.wait_for(state="visible")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('button.ik-confirm-keep')"
    )
    assert page.locator(".ik-confirm").get_attribute("role") == "alertdialog"
    assert "unsaved changes" in page.locator(".ik-confirm").get_attribute("aria-label")
    bad = [v for v in run_axe(page) if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)
    page.keyboard.press("Escape")  # Escape keeps editing; the focus goes back
    keep.wait_for(state="hidden")
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.matches('button.ik-new')"
    )
    assert page.locator(".ik-company input").input_value() == "Typed Co"
    # Open from History asks too; "Discard changes" goes on.
    _open_from_history(page, "Ask Co")
    page.locator("button.ik-confirm-discard").click()
    _wait_value(page, ".ik-company input", "Ask Co")
    _wait_status(page, "Saved as #")
    assert "Unsaved" not in _status(page) and not tabs.errors


def _crash_kernels(path: Path) -> int:
    """Kill (SIGKILL, as a crash or a cull would leave it) every kernel of this module's
    server: the kernels whose environment names this module's scratch journal."""
    import signal

    killed = 0
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            environ = (proc / "environ").read_bytes().split(b"\0")
            cmdline = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"ipykernel" in cmdline and f"{ENV_VAR}={path}".encode() in environ:
            os.kill(int(proc.name), signal.SIGKILL)
            killed += 1
    return killed


def test_a_crash_a_reload_and_a_closed_tab_offer_the_draft_back(url, journal_path, tabs):
    page = tabs()
    open_dashboard(page, url)
    commit_text(page, ".ik-company input", "Draft Co")
    page.select_option(".ik-signal-engagement select", index=5)
    _wait_status(page, "Unsaved changes")
    _wait_for_draft(journal_path, "Draft Co")
    # The kernel dies (a crash, or culled while idle): the work is in the draft.
    assert _crash_kernels(journal_path) >= 1
    # A reload: the browser asks first ("leave the page?"), then the page offers the
    # draft back in one click.
    page.reload(wait_until="commit")
    assert "beforeunload" in tabs.dialogs
    page.wait_for_selector(".ik-form", state="visible", timeout=90_000)
    restore = page.locator("button.ik-draft-restore")
    restore.wait_for(state="visible", timeout=90_000)
    assert restore.inner_text().startswith("Restore the unsaved interview from")
    restore.click()
    _wait_value(page, ".ik-company input", "Draft Co")
    assert page.locator(".ik-signal-engagement select").evaluate("s => s.selectedIndex") == 5
    _wait_status(page, "Unsaved changes")
    # The journey goes on after the reload: typed more, then the tab is closed.
    commit_text(page, ".ik-role input", "Analyst after reload")
    _wait_for_draft(journal_path, "Draft Co")
    page.wait_for_timeout(2500)  # the debounced draft write of the last change
    page.close(run_before_unload=True)
    other = tabs()
    open_dashboard(other, url)
    restore = other.locator("button.ik-draft-restore")
    restore.wait_for(state="visible")
    restore.click()
    _wait_value(other, ".ik-company input", "Draft Co")
    _wait_value(other, ".ik-role input", "Analyst after reload")
    other.locator("button.ik-save").click()
    _wait_status(other, "revision 1")
    page_drafts = _draft_keys(journal_path)
    with open_journal(journal_path) as journal:
        assert any(
            e.company == "Draft Co" and e.role == "Analyst after reload" for e in journal.entries()
        )
    assert len(page_drafts) == 0, page_drafts  # saving removed it
    assert not tabs.errors


def test_an_outcome_recorded_by_the_cli_survives_the_pages_save(url, journal_path, tabs):
    entry_id = _add(journal_path, "CLI Co")
    page = tabs()
    _open(page, url, "CLI Co")
    _cli(journal_path, "outcome", str(entry_id), "offer", "--date", dt.date.today().isoformat())
    _cli(journal_path, "sent", str(entry_id), "--date", YESTERDAY)
    commit_text(page, ".ik-notes textarea", "a note typed in the page")
    page.locator("button.ik-save").click()
    _wait_status(page, "merged")
    with open_journal(journal_path) as journal:
        stored = journal.get(entry_id)
    assert stored.revision == 4
    assert (stored.interview.notes, stored.outcome, stored.interview.thank_you_sent) == (
        "a note typed in the page",
        "offer",
        YESTERDAY,
    )
    assert page.locator(".ik-outcome select").evaluate("s => s.value") == "Offer"
    assert not tabs.errors


def test_two_tabs_saving_one_interview_drop_nothing(url, journal_path, tabs):
    entry_id = _add(journal_path, "Two Tabs Co")
    first, second = tabs(), tabs()
    _open(first, url, "Two Tabs Co")
    _open(second, url, "Two Tabs Co")
    # Different fields: merged without a question.
    commit_text(first, ".ik-notes textarea", "notes from tab one")
    first.locator("button.ik-save").click()
    _wait_status(first, "revision 2")
    commit_text(second, ".ik-role input", "Role from tab two")
    second.locator("button.ik-save").click()
    _wait_status(second, "merged")
    # The same field: the second tab is asked, with both values.
    commit_text(first, ".ik-notes textarea", "tab one again")
    first.locator("button.ik-save").click()
    _wait_status(first, "revision 4")
    commit_text(second, ".ik-notes textarea", "tab two's words")
    second.locator("button.ik-save").click()
    question = second.locator(".ik-conflicts")
    question.wait_for(state="visible")
    words = second.inner_text(".ik-conflict-values")
    assert "tab one again" in words and "tab two's words" in words
    bad = [v for v in run_axe(second) if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)
    second.locator(".ik-conflict-choice").get_by_label("Take theirs (saved elsewhere)").check()
    second.locator("button.ik-conflict-save").click()
    _wait_status(second, "revision")
    question.wait_for(state="hidden")
    with open_journal(journal_path) as journal:
        stored = journal.get(entry_id)
    assert (stored.interview.notes, stored.interview.role) == ("tab one again", "Role from tab two")
    assert not tabs.errors


def test_two_open_tabs_keep_a_draft_each(url, journal_path, tabs):
    first = tabs()
    open_dashboard(first, url)
    commit_text(first, ".ik-company input", "Tab A Co")
    _wait_for_draft(journal_path, "Tab A Co")
    second = tabs()  # the first is still open: its draft is not offered here
    open_dashboard(second, url)
    commit_text(second, ".ik-company input", "Tab B Co")
    _wait_for_draft(journal_path, "Tab B Co")
    assert not second.locator("button.ik-draft-restore").is_visible()
    with open_journal(journal_path) as journal:
        mine = {
            d.data["page"]["values"]["company"]: d.key
            for d in journal.drafts()
            if d.data["page"]["values"]["company"] in ("Tab A Co", "Tab B Co")
        }
        assert len(mine) == 2 and len(set(mine.values())) == 2  # one key per tab
        for key in mine.values():
            journal.discard_draft(key)
    assert not tabs.errors
