"""The form on a phone (390x844), filled as a user fills it straight after an interview:
the page shows it in the order of the list it is built from (what you noticed first),
Save stays on screen at the end of the form, the pinned bars take at most a fifth of
the screen, and a debrief row stays compact (its controls on one or two lines, the
Remove button on the last of them, reached by Tab with a visible focus). User text
is shown as text, never as markup; axe-core finds nothing serious. Real Voila on
127.0.0.1 (the shared dashboard server, its scratch journal) and real headless Chromium.
"""

from __future__ import annotations

import pytest
from conftest import UPDATE_TIMEOUT_MS, commit_text, full_screenshot, open_dashboard, run_axe

from interview_kit.ui.form import simple_fields
from interview_kit.ui.form_order import MORE_SIGNS, SIGNS, form_plan

pytestmark = pytest.mark.browser

WIDTH, HEIGHT = 390, 844
NAME = "<b>Ana</b>"

#: Everything pinned on screen (fixed or sticky, visible): its rectangles.
PINNED_JS = """() => [...document.querySelectorAll('.ik-app *')].filter(e => {
    const p = getComputedStyle(e).position;
    return (p === 'fixed' || p === 'sticky') && e.offsetParent !== null
      && !e.parentElement.closest('[style*="position"]');
  }).map(e => e.getBoundingClientRect()).filter(r => r.height > 0 && r.bottom > 0
    && r.top < innerHeight).map(r => ({top: r.top, bottom: r.bottom}))"""

#: A row's box and those of its cells (a control with its label) and Remove button.
ROW_JS = """sel => { const row = document.querySelector(sel);
  const box = e => { const r = e.getBoundingClientRect();
                     return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
  return {row: box(row), cells: [...row.querySelectorAll('.ik-row-cell')].map(box),
          remove: box(row.querySelector('.ik-remove-row'))}; }"""


def _top(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, f"{selector} is not shown"
    return box["y"]


def _plan_selectors() -> list[str]:
    """A selector for each step of the form's plan (headings left out)."""
    out = []
    for kind, value in form_plan(simple_fields()):
        if kind == SIGNS:
            out.append(".ik-signal-row")
        elif kind == MORE_SIGNS:
            out.append(".ik-more-signs")
        elif kind == "field":
            out.append(".ik-share" if value == "behavioral_share" else f".ik-{value.split('_')[0]}")
    return out


def _covered(rects: list[dict]) -> float:
    """The height of the union of ``rects`` within the screen."""
    covered, last = 0.0, -1.0
    for r in sorted(rects, key=lambda r: r["top"]):
        top, bottom = max(r["top"], last, 0), min(r["bottom"], HEIGHT)
        covered += max(0.0, bottom - top)
        last = max(last, bottom)
    return covered


#: The focused control's ring (outline style and width) and the form's boxes that cut
#: it (each with how far it cuts on the left, top, right and bottom): none may.
FOCUS_RING_JS = """() => { const e = document.activeElement; const cs = getComputedStyle(e);
  const width = parseFloat(cs.outlineWidth) || 0;
  const grow = width + Math.max(0, parseFloat(cs.outlineOffset) || 0);
  const r = e.getBoundingClientRect();
  const ring = {l: r.left - grow, t: r.top - grow, r: r.right + grow, b: r.bottom + grow};
  const cuts = [];
  for (let n = e.parentElement; n && !n.classList.contains('ik-form'); n = n.parentElement) {
    const s = getComputedStyle(n);
    if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
    const b = n.getBoundingClientRect();
    const cut = [b.left - ring.l, b.top - ring.t, ring.r - b.right, ring.b - b.bottom];
    if (cut.some(x => x > 0.5)) cuts.push([n.className.slice(0, 60), cut]);
  }
  return {cls: e.className, style: cs.outlineStyle, width, cuts}; }"""


def _focus_ring(page) -> dict:
    return page.evaluate(FOCUS_RING_JS)


def test_the_form_on_a_phone(dashboard_url, new_page, output_dir):
    page, watch = new_page(WIDTH, HEIGHT)
    open_dashboard(page, dashboard_url)

    # The page shows the form in the order of its list, what you noticed first.
    tops = [_top(page, selector) for selector in _plan_selectors()]
    assert tops == sorted(tops), list(zip(_plan_selectors(), tops, strict=True))
    assert _top(page, ".ik-signal-engagement") < _top(page, ".ik-company")

    # Filled in that order: the signs, the question mix, the time, a note, then who.
    for sign in ("engagement", "eye_contact", "smoothness", "ease"):
        page.locator(f".ik-signal-{sign} select").select_option(index=5)
    page.locator(".ik-share select").select_option(index=7)
    commit_text(page, ".ik-actual input", "55")
    commit_text(page, ".ik-notes textarea", "They showed me the team's roadmap.")
    commit_text(page, ".ik-company input", "Acme")
    commit_text(page, ".ik-role input", "Data analyst")

    # The Debrief: a person (a name holding markup), a question they asked, one of yours.
    page.locator(".ik-debrief .jupyter-widget-Collapse-header").click()
    page.locator("button.ik-add-person").click()
    page.wait_for_function(
        "() => document.activeElement.closest('.ik-person-name')", timeout=UPDATE_TIMEOUT_MS
    )
    page.keyboard.type(NAME)
    page.keyboard.press("Tab")
    page.wait_for_function("() => document.activeElement.closest('.ik-person-role')")
    page.keyboard.type("Hiring manager")
    rings = [_focus_ring(page)]
    page.keyboard.press("Tab")  # the row's Remove button, next by Tab, its focus seen
    page.wait_for_function("() => document.activeElement.matches('.ik-remove-row')")
    rings.append(_focus_ring(page))
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Shift+Tab")
    page.wait_for_function("() => document.activeElement.closest('.ik-person-name')")
    rings.append(_focus_ring(page))
    for ring in rings:  # a ring of 2 px at least, not cut by the row or its boxes
        assert ring["style"] != "none" and ring["width"] >= 2 and ring["cuts"] == [], ring
    page.locator("button.ik-add-asked").click()
    page.wait_for_selector(".ik-asked-question input")
    commit_text(page, ".ik-asked-question input", "Tell me about a conflict in a team")
    commit_text(page, ".ik-asked-answer textarea", "The migration story, with numbers.")
    page.locator("button.ik-add-my-question").click()
    page.wait_for_selector(".ik-my-question-text input")
    commit_text(page, ".ik-my-question-text input", "What does a first month look like?")
    page.wait_for_function(
        "() => document.querySelector('.ik-debrief').innerText.includes('1 you asked')",
        timeout=UPDATE_TIMEOUT_MS,
    )

    # Remove is named for its row (its words stay its name while it shows its bin).
    assert page.get_by_role("button", name="Remove person 1").count() == 1
    rendered = page.evaluate(
        "() => [...document.querySelectorAll('.ik-app b')]"
        ".filter(e => e.textContent.trim() === 'Ana').length"
    )
    assert rendered == 0, "user text was rendered as HTML"

    # Each row compact: its cells (a label above its box) on one line for a person
    # and for your question, two at most for a question they asked (the question,
    # then your answer beside Remove); Remove on the row's last line. Its height is
    # bounded by its lines (each as tall as its tallest cell, plus 16 px of margins)
    # and by a fifth of the screen, so that four rows or more show at once.
    for hook, lines in (("ik-person", 1), ("ik-asked", 2), ("ik-my-question", 1)):
        found = page.evaluate(ROW_JS, f".ik-debrief-row.{hook}")
        cells, remove, row = found["cells"], found["remove"], found["row"]
        tops: list[float] = []
        for cell in cells:
            if not any(abs(cell["top"] - top) <= 4 for top in tops):
                tops.append(cell["top"])
        assert len(tops) <= lines, (hook, found)
        tallest = max(c["bottom"] - c["top"] for c in cells)
        height = row["bottom"] - row["top"]
        assert height <= lines * tallest + 16, (hook, height, tallest)
        assert height <= 0.2 * HEIGHT, (hook, height)
        last = cells[-1]
        assert remove["top"] < last["bottom"] and remove["bottom"] > last["top"], (hook, found)
        assert row["right"] <= WIDTH, (hook, found)

    # At the end of the form (the Debrief's last control), Save is on screen and
    # nothing covers it; the pinned bars take at most a fifth of the height.
    end = page.locator(".ik-form button").last
    end.scroll_into_view_if_needed()
    end.focus()
    save = page.locator("button.ik-save").bounding_box()
    assert save is not None and 0 <= save["y"] and save["y"] + save["height"] <= HEIGHT, save
    on_top = page.evaluate(
        "([x, y]) => !!document.elementFromPoint(x, y)?.closest('button.ik-save')",
        [save["x"] + save["width"] / 2, save["y"] + save["height"] / 2],
    )
    assert on_top, "something covers Save"
    rects = page.evaluate(PINNED_JS)
    assert _covered(rects) <= 0.2 * HEIGHT, f"pinned bars: {rects}"
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 8, f"the page scrolls sideways by {overflow}px"
    bad = [v for v in run_axe(page) if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)
    full_screenshot(page, output_dir / "phone-form-filled-390.png")
    assert not watch.dialogs and not watch.errors
