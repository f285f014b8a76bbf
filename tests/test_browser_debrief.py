"""The Debrief section in a real page, by keyboard only: open it, add who you met
(a name holding HTML), a question with your answer, your interest and the decision
date; the thank-you draft shows the name as literal text, never as markup, and
follows the form; the reading keeps updating. Real Voila on 127.0.0.1 (the shared
dashboard server, its scratch journal) and real headless Chromium.
"""

from __future__ import annotations

import itertools
import json

import pytest
from conftest import LOAD_TIMEOUT_MS, UPDATE_TIMEOUT_MS, open_dashboard, overall_text
from test_browser_keyboard import Journey, _date_keys

from interview_kit.core.thank_you import DRAFT_NOTE

pytestmark = pytest.mark.browser

NAME = "<b>Ana</b>"
QUESTION = "Tell me about a <i>conflict</i>"
DECISION_DAY = "2026-12-15"


def _wait_focus_in(page, selector: str) -> None:
    """Wait until the keyboard focus is inside ``selector`` (the kernel moved it)."""
    page.wait_for_function(
        "sel => !!document.activeElement.closest(sel)", arg=selector, timeout=UPDATE_TIMEOUT_MS
    )


def test_debrief_and_thank_you_draft_by_keyboard(dashboard_url, new_page, output_dir, tmp_path):
    page, watch = new_page(1280, 900)
    open_dashboard(page, dashboard_url)
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jupyter-widget-Collapse-header')]"
        ".every(h => h.tabIndex === 0)",
        timeout=LOAD_TIMEOUT_MS,
    )
    j = Journey(page, tmp_path / "unused.sqlite3", output_dir, "debrief")
    header = ".ik-debrief .jupyter-widget-Collapse-header"
    assert page.get_attribute(header, "aria-expanded") == "false"
    assert page.locator(".ik-debrief .ik-went-well").count() == 0  # built on opening

    # Open the section with Enter on its header (a real disclosure control).
    j.press(header, text="Debrief")
    page.wait_for_selector("button.ik-add-person", state="visible", timeout=UPDATE_TIMEOUT_MS)
    assert page.get_attribute(header, "aria-expanded") == "true"

    # Who you met: Add moves the focus into the new row's name box.
    j.press("button.ik-add-person")
    _wait_focus_in(page, ".ik-person-name")
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    _wait_focus_in(page, ".ik-person-role")
    page.keyboard.type("Hiring manager")
    page.keyboard.press("Tab")

    # A question they asked, and how you answered.
    j.press("button.ik-add-asked")
    _wait_focus_in(page, ".ik-asked-question")
    page.keyboard.type(QUESTION)
    page.keyboard.press("Tab")
    _wait_focus_in(page, ".ik-asked-answer")
    page.keyboard.type("The migration story, with numbers.")
    page.keyboard.press("Tab")

    # Your read and the date they named.
    j.choose(".ik-interest select", "4")
    j.tab_to(".ik-decision-by input")
    page.keyboard.type(_date_keys(DECISION_DAY))
    page.keyboard.press("Tab")
    j.wait_text(header, f"decision by {DECISION_DAY}")
    j.wait_text(header, "1 person, 1 question they asked, your read")
    j.shot("filled")

    # The draft: the name and the question as literal text, the note beside it.
    j.press("button.ik-thank-you-draft")
    page.wait_for_selector(".ik-draft textarea", state="visible", timeout=UPDATE_TIMEOUT_MS)
    page.wait_for_function(
        "t => document.querySelector('.ik-draft textarea').value.includes(t)",
        arg=f"Hi {NAME},",
        timeout=UPDATE_TIMEOUT_MS,
    )
    draft = page.locator(".ik-draft textarea").input_value()
    assert "about a <i>conflict</i>" in draft  # the question as a topic, tags literal
    assert page.eval_on_selector(".ik-draft textarea", "e => e.readOnly")
    assert DRAFT_NOTE in page.inner_text(".ik-draft-note")
    _wait_focus_in(page, ".ik-draft")  # the draft is where the keyboard lands, to copy
    rendered = page.evaluate(
        "() => [...document.querySelectorAll('.ik-app b, .ik-app i')]"
        ".filter(e => ['Ana', 'conflict'].includes(e.textContent.trim())).length"
    )
    assert rendered == 0, "user text was rendered as HTML"
    j.no_axe_problems("debrief")
    j.shot("draft")

    # The reading still updates, and the draft follows the form (the company, which
    # comes after the signs: Shift+Tab reaches it first).
    j.type_into(".ik-company input", "Acme", back=True)
    j.choose(".ik-signal-engagement select", "+2", back=True)
    j.wait_text(".ik-overall", overall_text(company="Acme", signals={"engagement": 2}))
    page.wait_for_function(
        "() => document.querySelector('.ik-draft textarea').value.includes('at Acme')",
        timeout=UPDATE_TIMEOUT_MS,
    )

    # What Save would store: the interview JSON holds the debrief exactly.
    page.locator(".ik-json-view .jupyter-widget-Collapse-header").click()
    page.wait_for_function(
        "() => (document.querySelector('.ik-interview-json textarea') || {}).value"
        "?.includes('Acme')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    record = json.loads(page.locator(".ik-interview-json textarea").input_value())
    assert record["interviewers"] == [{"name": NAME, "role": "Hiring manager"}]
    assert record["questions"] == [
        {"question": QUESTION, "answer": "The migration story, with numbers."}
    ]
    assert record["my_read"]["interest"] == 4 and record["decision_by"] == DECISION_DAY
    assert not watch.dialogs and not watch.errors


#: What the section draws (labels, boxes, buttons, text), each with its rectangle: a box
#: that overflows its widget overlaps another one here.
_BOXES_JS = """() => [...document.querySelectorAll(
    '.ik-debrief .jupyter-widget-Collapse-contents :is(label, input, textarea, select,'
    + ' button, p)')]
  .filter(e => e.offsetParent !== null)
  .map(e => { const r = e.getBoundingClientRect();
              return {cls: e.className.slice(-40), top: r.top, bottom: r.bottom,
                      left: r.left, right: r.right}; })"""


def test_debrief_on_a_phone_nothing_overlaps_or_spills(dashboard_url, new_page, output_dir):
    page, watch = new_page(390, 844)
    open_dashboard(page, dashboard_url)
    page.locator(".ik-debrief .jupyter-widget-Collapse-header").click()
    for button in ("ik-add-person", "ik-add-asked", "ik-add-my-question"):
        page.locator(f"button.{button}").click()
    page.wait_for_selector(".ik-my-question-text input", timeout=UPDATE_TIMEOUT_MS)
    page.locator("button.ik-thank-you-draft").click()
    page.wait_for_selector(".ik-draft textarea", state="visible", timeout=UPDATE_TIMEOUT_MS)
    boxes = page.evaluate(_BOXES_JS)
    assert len(boxes) >= 15
    # On a phone a label sits above its box, a row's controls side by side: no two
    # overlap (a pixel of rounding allowed).
    for one, other in itertools.combinations(boxes, 2):
        apart = (
            one["bottom"] <= other["top"] + 1
            or other["bottom"] <= one["top"] + 1
            or one["right"] <= other["left"] + 1
            or other["right"] <= one["left"] + 1
        )
        assert apart, (one, other)
    assert max(b["right"] for b in boxes) <= 390
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 8, f"the page scrolls sideways by {overflow}px"
    page.locator(".ik-debrief").scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "dashboard-debrief-phone.png"), full_page=True)
    assert not watch.dialogs and not watch.errors
