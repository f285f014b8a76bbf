"""The journal in the dashboard as a person uses it: save, History, compare, open,
outcome, delete. Real Voila on 127.0.0.1 with ``INTERVIEW_KIT_JOURNAL`` pointing at
a scratch file, real headless Chromium; the journal is checked on disk afterwards.
"""

from __future__ import annotations

import datetime as dt
import json

import pytest
from conftest import (
    CHART_LOADED_JS,
    XSS,
    commit_text,
    full_screenshot,
    open_dashboard,
    overall_text,
    run_axe,
    wait_for_text,
)

from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser


def _fill(page, company: str, date: str, level: int) -> None:
    """Company, date and two signals; waits for the kernel to have scored them."""
    commit_text(page, ".ik-company input", company)
    page.locator(".ik-date input").fill(date)
    page.locator(".ik-date input").press("Tab")
    page.select_option(".ik-signal-engagement select", index=level)
    page.select_option(".ik-signal-comfort select", index=level)
    value = level - 3  # options: Didn't notice, -2, -1, 0, +1, +2
    # The exact reading of the last change: every earlier one has been handled too.
    wait_for_text(
        page, ".ik-overall", overall_text(signals={"engagement": value, "comfort": value})
    )
    page.wait_for_function(
        "() => document.querySelector('.ik-followup').innerText.includes('thank-you')"
    )


def _status(page) -> str:
    return page.inner_text(".ik-saved-status").strip()


def _wait_status(page, text: str) -> None:
    page.wait_for_function(
        "t => document.querySelector('.ik-saved-status').innerText.includes(t)", arg=text
    )


def _tab(page, title: str) -> None:
    page.get_by_role("tab", name=title).click()


def _rows(page) -> list[str]:
    return [t.strip() for t in page.locator(".ik-history-row").all_inner_texts() if t.strip()]


def test_save_history_compare_open_outcome_delete(journal_dashboard, new_page, output_dir):
    url, path = journal_dashboard
    page, watch = new_page(1280, 900)
    open_dashboard(page, url)

    # Save one interview, then save again: the same entry; no change, no revision.
    # Recent dates: reminders are offered only for days still ahead, and an outcome
    # (dated today) may not come before its interview.
    yesterday = (dt.date.today() - dt.timedelta(days=1)).isoformat()
    _fill(page, XSS, yesterday, 5)
    assert page.locator(".ik-ics a").get_attribute("download").endswith(f"{yesterday}.ics")
    page.locator("button.ik-save").click()
    _wait_status(page, "revision 1")
    page.locator("button.ik-save").click()
    _wait_status(page, "No changes since revision 1")
    first_id = int(_status(page).split("#")[1].split(" ")[0])

    # A second interview, unlinked by "New interview".
    page.locator("button.ik-new").click()
    _wait_status(page, "nothing is saved yet")
    _fill(page, "Beta", dt.date.today().isoformat(), 1)
    page.locator("button.ik-save").click()
    _wait_status(page, "revision 1")

    # History: both rows, user text shown as text.
    _tab(page, "History")
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 2")
    rows = _rows(page)
    assert len(rows) == 2 and any(XSS in r for r in rows) and any("Beta" in r for r in rows)
    assert page.locator(".ik-history img[src='x']").count() == 0
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-trend")
    page.wait_for_function(
        "() => (document.querySelector('.ik-trend').getAttribute('title') || '')"
        ".includes('2 dated interviews')"
    )

    # Sort by company, oldest/lowest first: XSS ("<...") sorts before "Beta".
    page.select_option(".ik-history-sort select", label="Company")
    page.select_option(".ik-history-direction select", index=1)
    page.wait_for_function(
        "() => document.querySelector('.ik-history-row').innerText.includes('<img')"
    )

    # Tick both: the overlay radar appears with a text alternative.
    picks = page.locator(".ik-history-pick:visible input")
    picks.nth(0).check()
    picks.nth(1).check()
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-overlay")
    page.wait_for_function(
        "() => (document.querySelector('.ik-overlay').getAttribute('title') || '')"
        ".startsWith('Radar comparing')"
    )
    assert "Beta" in page.get_attribute(".ik-overlay", "title")
    violations = run_axe(page)
    (output_dir / "axe-violations-history.json").write_text(json.dumps(violations, indent=2))
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)
    full_screenshot(page, output_dir / "dashboard-history.png")

    # Delete asks first; Cancel keeps it.
    picks.nth(0).uncheck()
    page.locator("button.ik-history-delete").click()
    page.locator("button.ik-history-confirm").wait_for(state="visible")
    page.locator("button.ik-history-cancel").click()
    page.locator("button.ik-history-confirm").wait_for(state="hidden")

    # Open the first interview (the XSS one, first row) back into the form.
    picks.nth(1).uncheck()
    picks.nth(0).check()
    page.locator("button.ik-history-open").click()
    page.wait_for_function("v => document.querySelector('.ik-company input').value === v", arg=XSS)
    _wait_status(page, f"#{first_id} ")
    assert page.locator(".ik-form").is_visible()

    # Record an outcome for it.
    page.select_option(".ik-outcome select", label="Offer")
    page.locator("button.ik-outcome-save").click()
    _wait_status(page, "Offer")
    assert "revision 2" in _status(page)
    # The reading follows the outcome at once: no thank-you, no follow-up calendar file.
    page.wait_for_function(
        "() => document.querySelector('.ik-followup').innerText.includes('outcome')"
    )
    assert page.locator(".ik-ics a").count() == 0
    assert "thank-you" not in page.inner_text(".ik-reading")
    full_screenshot(page, output_dir / "dashboard-journal-saved.png")

    # Delete the other one, confirming.
    _tab(page, "History")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ik-history-row')]"
        ".some(r => r.innerText.includes('Offer'))"
    )
    picks = page.locator(".ik-history-pick:visible input")
    for n in range(picks.count()):
        picks.nth(n).uncheck()
    page.locator(".ik-history-pick:visible", has_text="Beta").locator("input").check()
    page.locator("button.ik-history-delete").click()
    page.locator("button.ik-history-confirm").click()
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 1")
    assert "Deleted" in page.inner_text(".ik-history-status")
    full_screenshot(page, output_dir / "dashboard-history-after-delete.png")
    assert not watch.dialogs and not watch.errors

    with open_journal(path) as journal:
        entries = journal.entries()
    assert [(e.id, e.company, e.outcome, e.revision) for e in entries] == [
        (first_id, XSS, "offer", 2)
    ]
