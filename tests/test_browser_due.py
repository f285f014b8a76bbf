"""History's "What is due" list and Applications view in a real browser: a thank-you
due for a recent interview is marked sent by keyboard alone and leaves the list (the
journal file records today's date); the Applications view shows one application's
rounds in order. Real Voila on 127.0.0.1, real headless Chromium, axe-core; dates
relative to today. Screenshots land in ``test-output/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import XSS, full_screenshot, open_dashboard, run_axe, served_dashboard
from playwright.sync_api import expect

from interview_kit.core.debrief import Exchange
from interview_kit.core.interview import Interview
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser

TODAY = dt.date.today()


def _ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def _interview(company: str, role: str, days_ago: int, stage: str, **kw) -> Interview:
    return Interview.create(
        company=company,
        role=role,
        date=_ago(days_ago),
        stage=stage,
        scheduled_minutes=45,
        actual_minutes=50,
        signals={"engagement": 1, "comfort": 1},
        **kw,
    )


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("due") / "journal.sqlite3"
    with open_journal(path) as journal:
        journal.add(
            _interview("Northwind", "Data analyst", 20, "phone_screen", outcome="next_round")
        )
        journal.add(
            _interview(
                "Northwind",
                "Data analyst",
                9,
                "technical",
                outcome="next_round",
                thank_you_sent=_ago(8),
            )
        )
        journal.add(
            _interview(
                "Northwind ",
                "Data  analyst",
                1,
                "onsite",  # yesterday
                questions=[
                    Exchange("Walk me through a dashboard you built", "The churn dashboard")
                ],
            )
        )
        journal.add(_interview(XSS, "Designer", 30, "onsite", outcome="rejected"))
    return path


@pytest.fixture(scope="module")
def due_url(output_dir: Path, journal_path: Path) -> Iterator[str]:
    with served_dashboard(output_dir / "voila-due.log", {ENV_VAR: str(journal_path)}) as url:
        yield url


#: What has the keyboard focus: inside which hook, and the focus ring it shows.
FOCUS_JS = """sel => { const e = document.activeElement;
    if (!e || !e.closest(sel)) return null;
    const s = getComputedStyle(e);
    return {text: e.innerText || '', outline: s.outlineStyle,
            width: parseFloat(s.outlineWidth)}; }"""

THANK_YOU = "send a thank-you note for your interview with Northwind"


def _open_history(page, url: str) -> None:
    open_dashboard(page, url)
    page.get_by_role("tab", name="History").click()
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 4")
    page.locator(".ik-due-summary").wait_for(state="visible")


def test_a_due_thank_you_is_marked_sent_by_keyboard_and_leaves_the_list(
    due_url, new_page, output_dir, journal_path
):
    page, watch = new_page(1366, 900)
    _open_history(page, due_url)
    item = page.locator(".ik-due-item", has_text=THANK_YOU)
    item.wait_for(state="visible")
    words = item.inner_text()
    assert "Due today" in words and "Northwind, Data analyst" in words, words
    assert "2 things are due" in page.inner_text(".ik-due-summary")
    # The user's text is text: the rejected XSS interview is not due, and nothing ran.
    assert page.locator(".ik-app img[src='x']").count() == 0
    full_screenshot(page, output_dir / "due-list-1366.png")
    violations = run_axe(page)
    (output_dir / "axe-violations-due.json").write_text(json.dumps(violations, indent=2))
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)

    # By keyboard only: from the History tab, Tab until the button has the focus.
    page.get_by_role("tab", name="History").focus()
    for _ in range(40):
        now = page.evaluate(FOCUS_JS, ".ik-due-sent")
        if now is not None:
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("the Mark sent button is not reached by Tab")
    assert "Mark sent" in now["text"]
    name = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert name.startswith("Mark sent: the thank-you note for Northwind"), name
    assert now["outline"] != "none" and now["width"] >= 2, f"no visible focus: {now}"
    page.keyboard.press("Enter")
    page.wait_for_function(
        "t => ![...document.querySelectorAll('.ik-due-item')]"
        ".some(e => e.offsetParent !== null && e.innerText.includes(t))",
        arg=THANK_YOU,
    )
    assert "Recorded: thank-you note for Northwind" in page.inner_text(".ik-due-status")
    with open_journal(journal_path) as journal:
        assert journal.get(3).interview.thank_you_sent == TODAY.isoformat()
    # The follow-up of the same interview is still there: only the thank-you left. The
    # list's places are redrawn one message at a time: wait for the last to arrive.
    expect(page.locator(".ik-due-item", has_text="follow up with Northwind")).to_have_count(1)
    full_screenshot(page, output_dir / "due-list-after-sent.png")
    assert not watch.dialogs and not watch.errors


def test_a_due_item_drafts_its_note_without_leaving_the_due_list(due_url, new_page, output_dir):
    page, watch = new_page(1366, 900)
    _open_history(page, due_url)
    button = page.get_by_role("button", name=re.compile("Draft check-in for Northwind"))
    button.click()  # one click: the draft opens under its item, the keyboard in it
    draft = page.locator(".ik-due-draft textarea").first
    expect(draft).to_be_visible()
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.ik-due-draft')"
    )
    assert draft.evaluate("e => e.readOnly")
    assert "check in" in draft.input_value()
    assert page.get_by_role("tab", name="History", selected=True).count() == 1
    expect(page.locator(".ik-due-item", has_text="follow up with Northwind")).to_be_visible()
    full_screenshot(page, output_dir / "due-draft-1366.png")
    violations = run_axe(page)
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)
    # The dashboard is the page's main landmark: nothing is left outside one.
    assert page.locator("main, [role=main]").count() == 1
    region = [v for v in violations if v["id"] == "region"]
    assert not region, f"content outside a landmark: {region}"
    assert not watch.dialogs and not watch.errors


def test_applications_show_one_application_s_rounds_in_order(due_url, new_page, output_dir):
    page, watch = new_page(1366, 900)
    _open_history(page, due_url)
    page.locator(".ik-history-view button", has_text="Applications").click()
    block = page.locator(".ik-application", has_text="Data analyst").first
    block.wait_for(state="visible")
    text = block.inner_text()
    assert "Status: Interviewing" in text and "3 rounds" in text, text
    rounds = block.locator("tbody tr").all_inner_texts()
    assert [r.split("\t")[0] for r in rounds] == ["Round 1 (#1)", "Round 2 (#2)", "Round 3 (#3)"], (
        rounds
    )
    stages = [r.split("\t")[2] for r in rounds]
    assert stages == ["Phone screen", "Technical", "Onsite"], rounds
    assert page.get_by_role("columnheader", name="Stage").count() >= 1
    full_screenshot(page, output_dir / "applications-1366.png")
    violations = run_axe(page)
    (output_dir / "axe-violations-applications.json").write_text(json.dumps(violations, indent=2))
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)
    # "New round of this application": the form, with company and role only.
    page.locator(".ik-application-new-round").first.click()
    page.get_by_role("tab", name="Reading", selected=True).wait_for()
    company = page.locator(".ik-company input")
    page.wait_for_function("() => document.querySelector('.ik-company input').value.trim() !== ''")
    assert company.input_value().strip() == "Northwind"
    assert page.locator(".ik-notes textarea").input_value() == ""
    assert not watch.dialogs and not watch.errors


#: Everything pinned on screen (fixed or sticky, visible): its rectangles.
PINNED_JS = """() => [...document.querySelectorAll('.ik-app *')].filter(e => {
    const p = getComputedStyle(e).position;
    return (p === 'fixed' || p === 'sticky') && e.offsetParent !== null
      && !e.parentElement.closest('[style*="position"]');
  }).map(e => e.getBoundingClientRect()).filter(r => r.height > 0 && r.bottom > 0
    && r.top < innerHeight).map(r => ({top: r.top, bottom: r.bottom}))"""


def test_on_a_phone_save_is_on_screen_at_the_end_of_the_form(due_url, new_page, output_dir):
    page, watch = new_page(390, 844)
    open_dashboard(page, due_url)
    end = page.locator(".ik-notes textarea")
    end.scroll_into_view_if_needed()
    end.focus()
    page.keyboard.press("End")
    save = page.locator("button.ik-save").bounding_box()
    assert save is not None and 0 <= save["y"] and save["y"] + save["height"] <= 844, save
    rects = page.evaluate(PINNED_JS)
    # The union of what is pinned, top to bottom.
    covered, last = 0.0, -1.0
    for r in sorted(rects, key=lambda r: r["top"]):
        top, bottom = max(r["top"], last, 0), min(r["bottom"], 844)
        covered += max(0.0, bottom - top)
        last = max(last, bottom)
    assert covered <= 0.2 * 844, f"pinned bars take {covered:.0f} px of 844: {rects}"
    full_screenshot(page, output_dir / "phone-end-of-form-390.png")
    assert not watch.errors
