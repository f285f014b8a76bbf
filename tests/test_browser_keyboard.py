"""The whole dashboard journey with the keyboard only: fill, save, outcome, new,
open, compare, delete; at a desktop and a phone width, in the light and the dark
theme. Real Voila on 127.0.0.1 with a scratch journal, real headless Chromium.

No click and no ``fill``: every control is reached with Tab (or Shift+Tab) and
worked with keys, and every stop on the way must show a focus ring of at least
2 px and 3:1 contrast. After each step the SQLite file itself is read (not the
page) and compared with what the step should have stored. A screenshot of each
step lands in ``test-output/journey-<size>-<theme>-<nn>-<step>.png``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest
from conftest import LOAD_TIMEOUT_MS, UPDATE_TIMEOUT_MS, overall_text, run_axe, served_dashboard

from interview_kit.journal.schema import ENV_VAR

# Recent dates: a follow-up is offered only for days still ahead, and an outcome may
# not be dated before its interview.
INTERVIEW_DAY = (dt.date.today() - dt.timedelta(days=1)).isoformat()
OUTCOME_DAY = dt.date.today().isoformat()

pytestmark = pytest.mark.browser

#: What the focused element is, where it sits, and how its focus ring looks.
FOCUS_JS = """sel => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const cs = getComputedStyle(e);
  const rgb = text => (text.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = c => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let node = e.parentElement, back = [255, 255, 255];
  while (node) {
    const c = rgb(getComputedStyle(node).backgroundColor);
    if (c.length >= 3 && (c.length === 3 || c[3] > 0.5)) { back = c.slice(0, 3); break; }
    node = node.parentElement;
  }
  const ring = rgb(cs.outlineColor).slice(0, 3);
  const [hi, lo] = [lum(ring), lum(back)].sort((a, b) => b - a);
  const app = document.querySelector('.ik-app').getBoundingClientRect();
  const area = e.closest('.ik-action-bar') ? 'bar' : e.closest('.ik-form') ? 'form'
    : e.closest('.ik-reading-view') ? 'reading' : e.closest('.ik-tabs') ? 'tabs' : 'other';
  return {match: !!e.closest(sel), tag: e.tagName, cls: (e.closest('[class*="ik-"]') || e)
            .className.toString().slice(-60), area, top: e.getBoundingClientRect().top - app.top,
          width: parseFloat(cs.outlineWidth) || 0, style: cs.outlineStyle,
          contrast: (hi + 0.05) / (lo + 0.05),
          text: (e.closest('.ik-history-row') || e.closest('.ik-history-pick') || e)
            .innerText || ''};
}"""

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}


class Journey:
    """One browser page walked by keyboard, with the journal file beside it."""

    def __init__(self, page, journal: Path, shots: Path, name: str) -> None:
        self.page, self.journal, self.shots, self.name = page, journal, shots, name
        self.step = 0
        self.stops: list[dict] = []

    # -- the keyboard ----------------------------------------------------------------
    def focused(self, selector: str = "#none") -> dict | None:
        return self.page.evaluate(FOCUS_JS, selector)

    def tab_to(
        self, selector: str, *, text: str | None = None, back: bool = False, limit: int = 160
    ) -> None:
        """Press Tab (Shift+Tab) until the focus is in ``selector`` (in a table row
        containing ``text``); every stop on the way must show its focus ring."""
        for _ in range(limit):
            now = self.focused(selector)
            if now is not None:
                self.stops.append(now)
                assert now["style"] != "none" and now["width"] >= 2, f"no focus ring: {now}"
                assert now["contrast"] >= 3, f"focus ring below 3:1: {now}"
                if now["match"] and (text is None or text in now["text"]):
                    return
            self.page.keyboard.press("Shift+Tab" if back else "Tab")
        pytest.fail(f"{selector} {text or ''} not reached by keyboard ({self.name})")

    def type_into(self, selector: str, text: str, **kw) -> None:
        self.tab_to(selector, **kw)
        self.page.keyboard.press("Control+A")
        self.page.keyboard.type(text)
        self.page.keyboard.press("Tab")  # leaving the box sends it to the kernel

    def choose(self, selector: str, label: str, **kw) -> None:
        """Arrow keys through a closed menu until its shown choice starts with ``label``."""
        self.tab_to(selector, **kw)
        for key in ("Home", *["ArrowDown"] * 12):
            self.page.keyboard.press(key)
            shown = self.page.evaluate("() => document.activeElement.selectedOptions[0].text")
            if shown.replace("\xa0", " ").startswith(label):
                return
        pytest.fail(f"{label!r} not among {selector}'s choices")

    def open_tab(self, title: str) -> None:
        """Shift+Tab back to the tab bar, arrow keys to ``title``, Enter."""
        self.tab_to(".ik-tabs .lm-TabBar-tab", back=True, limit=400)
        for _ in range(6):
            if self.page.evaluate("() => document.activeElement.innerText.trim()") == title:
                self.page.keyboard.press("Enter")
                return
            self.page.keyboard.press("ArrowRight")
        pytest.fail(f"no tab {title!r} reached with the arrow keys")

    def press(self, selector: str, key: str = "Enter", **kw) -> None:
        self.tab_to(selector, **kw)
        self.page.keyboard.press(key)

    # -- what the page and the file say ------------------------------------------------
    def wait_text(self, selector: str, part: str) -> None:
        try:
            self.page.wait_for_function(
                "([sel, part]) => [...document.querySelectorAll(sel)]"
                ".some(e => e.innerText.replace(/\\u00a0/g, ' ').includes(part))",
                arg=[selector, part],
                timeout=UPDATE_TIMEOUT_MS,
            )
        except Exception:
            self.shot("timed-out")  # what the page showed instead
            raise

    def value(self, selector: str) -> str:
        return self.page.eval_on_selector(selector, "e => e.value")

    def choice(self, selector: str) -> str:
        """The text of a menu's shown choice."""
        return self.page.eval_on_selector(selector, "e => e.selectedOptions[0].text").replace(
            "\xa0", " "
        )

    def rows(self) -> list[dict]:
        """The journal file's rows, read with SQLite directly (not through the page)."""
        if not self.journal.exists():
            return []
        with sqlite3.connect(f"file:{self.journal}?mode=ro", uri=True) as conn:
            found = conn.execute(
                "SELECT id, company, role, date, outcome, outcome_date, "
                "revision, data FROM interviews ORDER BY id"
            ).fetchall()
        keys = ("id", "company", "role", "date", "outcome", "outcome_date", "revision")
        return [
            {**dict(zip(keys, row[:7], strict=True)), "data": json.loads(row[7])} for row in found
        ]

    def shot(self, step: str) -> None:
        self.step += 1
        self.page.screenshot(
            path=str(self.shots / f"journey-{self.name}-{self.step:02d}-{step}.png")
        )

    def no_axe_problems(self, where: str) -> None:
        violations = run_axe(self.page)
        (self.shots / f"axe-journey-{self.name}-{where}.json").write_text(
            json.dumps(violations, indent=2)
        )
        bad = [v for v in violations if v["impact"] in ("critical", "serious")]
        assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)


def _date_keys(iso: str) -> str:
    """What a keyboard types into Chromium's en-US date box: month, day, year."""
    year, month, day = iso.split("-")
    return f"{month}{day}{year}"


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_the_whole_journey_by_keyboard(size, theme, new_page, output_dir, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    width, height = SIZES[size]
    with served_dashboard(
        output_dir / f"voila-journey-{size}-{theme}.log", {ENV_VAR: str(journal)}
    ) as url:
        page, watch = new_page(width, height)
        query = "theme=dark" if theme == "dark" else ""
        page.goto(
            url + (("&" if "?" in url else "?") + query if query else ""),
            wait_until="commit",
            timeout=LOAD_TIMEOUT_MS,
        )
        page.wait_for_selector(".ik-form", state="visible", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_selector(".ik-overall", state="visible", timeout=LOAD_TIMEOUT_MS)
        page.wait_for_function(
            "() => [...document.querySelectorAll('.jupyter-widget-Collapse-header')]"
            ".every(h => h.tabIndex === 0)",
            timeout=LOAD_TIMEOUT_MS,
        )
        if theme == "dark":
            assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false"
        j = Journey(page, journal, output_dir, f"{size}-{theme}")
        _journey(j, size)
        assert not watch.dialogs and not watch.errors


def _journey(j: Journey, size: str) -> None:
    page = j.page
    # 0. The first screen: the score, Save, New, the outcome, all above the fold;
    # tab order is reading order (tabs, the bar, the form top to bottom, the reading).
    for selector in (".ik-overall", "button.ik-save", "button.ik-new", ".ik-outcome select"):
        box = page.locator(selector).bounding_box()
        assert box is not None and box["y"] + box["height"] <= page.viewport_size["height"], (
            f"{selector} is not in the first screen"
        )
    j.shot("first-screen")
    j.tab_to(".jupyter-widget-Collapse-header", text="Weights")
    areas = [s["area"] for s in j.stops if s["area"] != "other"]
    order = ["tabs", "bar", "form", "reading"]
    assert areas == sorted(areas, key=order.index), areas
    form_tops = [s["top"] for s in j.stops if s["area"] == "form"]
    assert form_tops == sorted(form_tops), "the form's tab order is not top to bottom"
    assert len(form_tops) >= 15
    assert j.rows() == []

    # 1. Fill: text, a typed date, minutes as people write them, two signs.
    j.type_into(".ik-company input", "Acme Analytics", back=True)
    j.type_into(".ik-role input", "Data analyst")
    j.tab_to(".ik-date input")
    page.keyboard.type(_date_keys(INTERVIEW_DAY))
    j.type_into(".ik-scheduled input", "1h")
    j.type_into(".ik-actual input", "forty")  # refused, marked at the field
    page.wait_for_function(
        "() => document.querySelector('.ik-actual input').getAttribute('aria-invalid') === 'true'",
        timeout=UPDATE_TIMEOUT_MS,
    )
    message_id = page.get_attribute(".ik-actual input", "aria-describedby")
    assert "Actual minutes" in page.inner_text(f"#{message_id}")
    j.wait_text(".ik-overall", "out of date")
    j.shot("field-error")
    j.type_into(".ik-actual input", "1h 5", back=True)  # 65 minutes
    page.wait_for_function(
        "() => !document.querySelector('.ik-actual input').hasAttribute('aria-invalid')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.choose(".ik-signal-engagement select", "+2")
    j.choose(".ik-signal-comfort select", "+1")
    # "About comfort", folded under its menu, opens and closes with Enter in the page.
    j.tab_to(".ik-info-comfort > summary")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.ik-info-comfort').open", timeout=UPDATE_TIMEOUT_MS
    )
    assert "What it suggests" in page.inner_text(".ik-info-comfort")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => !document.querySelector('.ik-info-comfort').open", timeout=UPDATE_TIMEOUT_MS
    )
    j.wait_text(".ik-chart-summary", "Overall")
    page.wait_for_function(
        "() => document.querySelector('.ik-followup').innerText.includes('thank-you')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.wait_text(".ik-overall", "/ 100")
    assert j.rows() == []  # nothing is written before Save
    j.no_axe_problems("filled")
    j.shot("filled")

    # 2. Save (Shift+Tab back up to the bar).
    j.press("button.ik-save", back=True)
    j.wait_text(".ik-saved-status", "revision 1")
    [row] = j.rows()
    assert (row["company"], row["role"], row["date"], row["outcome"], row["revision"]) == (
        "Acme Analytics",
        "Data analyst",
        INTERVIEW_DAY,
        None,
        1,
    )
    assert (row["data"]["scheduled_minutes"], row["data"]["actual_minutes"]) == (60, 65)
    assert (row["data"]["signals"]["engagement"], row["data"]["signals"]["comfort"]) == (2, 1)
    # Saving again with no change makes no revision.
    page.keyboard.press("Enter")
    j.wait_text(".ik-saved-status", "No changes since revision 1")
    assert [r["revision"] for r in j.rows()] == [1]
    j.shot("saved")

    # 3. Outcome: Rejected on a typed date; the reading re-reads at once.
    advice_before = page.inner_text(".ik-reading")
    j.choose(".ik-outcome select", "Rejected")
    j.tab_to(".ik-outcome-date input")
    page.keyboard.type(_date_keys(OUTCOME_DAY))
    # The kernel has the date (the button names it) before Record is pressed: a
    # click's message can overtake a value ipywidgets is still holding back.
    page.wait_for_function(
        "() => (document.querySelector('button.ik-outcome-save').title || '')"
        f".includes('Rejected on {OUTCOME_DAY}')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.press("button.ik-outcome-save")
    j.wait_text(".ik-saved-status", f"Rejected on {OUTCOME_DAY}")
    page.wait_for_function(
        "t => document.querySelector('.ik-reading').innerText !== t",
        arg=advice_before,
        timeout=UPDATE_TIMEOUT_MS,
    )
    [row] = j.rows()
    assert (row["outcome"], row["outcome_date"], row["revision"]) == ("rejected", OUTCOME_DAY, 2)
    first_id = row["id"]
    j.shot("outcome")

    # 4. New interview: nothing carries over, not the outcome, not its date.
    j.press("button.ik-new", back=True)
    j.wait_text(".ik-saved-status", "every field is empty")
    assert [
        j.value(s)
        for s in (
            ".ik-company input",
            ".ik-role input",
            ".ik-date input",
            ".ik-actual input",
            ".ik-outcome-date input",
        )
    ] == [""] * 5
    assert j.choice(".ik-outcome select") == "Pending (no news yet)"
    assert j.choice(".ik-signal-engagement select") == "Didn't notice"
    j.type_into(".ik-company input", "Beta Labs")
    j.choose(".ik-signal-engagement select", "−1")
    j.wait_text(".ik-overall", overall_text(signals={"engagement": -1}))
    j.press("button.ik-save", back=True)
    j.wait_text(".ik-saved-status", "revision 1")
    first, second = j.rows()
    assert first["outcome"] == "rejected" and first["revision"] == 2
    assert (second["company"], second["outcome"], second["outcome_date"], second["date"]) == (
        "Beta Labs",
        None,
        None,
        None,
    )
    assert second["data"]["signals"]["comfort"] is None and second["data"]["notes"] == ""
    j.shot("new-saved")

    # 5. Keyboard into the weights: the section opens with Enter; a bad weight is
    # marked beside it; Reset (Enter) puts the defaults back.
    j.press(".jupyter-widget-Collapse-header", text="Weights")
    page.wait_for_selector(
        ".ik-weight-engagement input", state="visible", timeout=UPDATE_TIMEOUT_MS
    )
    j.type_into(".ik-weight-engagement input", "-1")
    page.wait_for_function(
        "() => document.querySelector('.ik-weight-engagement input')"
        ".getAttribute('aria-invalid') === 'true'",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.wait_text(".ik-weights .ik-field-message", "Weight of Engagement")
    j.shot("weight-error")
    j.press("button.ik-weights-reset")
    page.wait_for_function(
        "() => !document.querySelector('.ik-weight-engagement input').hasAttribute('aria-invalid')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.wait_text(".ik-overall", "/ 100")

    # 6. History (the tab bar by keyboard), tick the first interview, Open it.
    j.open_tab("History")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ik-history-row')]"
        ".filter(r => r.offsetParent !== null).length === 2",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.press(".ik-history-pick input", " ", text="Acme Analytics")
    j.press("button.ik-history-open")
    page.wait_for_function(
        "() => document.querySelector('.ik-company input').value === 'Acme Analytics'",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.wait_text(".ik-saved-status", f"#{first_id} ")
    assert j.choice(".ik-outcome select") == "Rejected"
    # The date's own message may follow the others: wait for it, never read early.
    page.wait_for_function(
        "([sel, want]) => document.querySelector(sel).value === want",
        arg=[".ik-outcome-date input", OUTCOME_DAY],
        timeout=UPDATE_TIMEOUT_MS,
    )
    assert [r["revision"] for r in j.rows()] == [2, 1]  # opening writes nothing
    j.shot("opened")

    # 7. Compare: back to History, tick both, the comparison radar appears.
    j.open_tab("History")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ik-history-row')]"
        ".filter(r => r.offsetParent !== null).length === 2",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.press(".ik-history-pick input", " ", text="Beta Labs")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ik-history-pick input')]"
        ".filter(i => i.checked).length === 2",
        timeout=UPDATE_TIMEOUT_MS,
    )
    page.wait_for_function(
        "() => (document.querySelector('.ik-overlay').getAttribute('title') || '')"
        ".startsWith('Radar comparing')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    j.no_axe_problems("history")
    j.shot("compared")

    # 8. Delete Beta Labs: untick Acme, Delete asks first, confirm with the keyboard.
    j.press(".ik-history-pick input", " ", text="Acme Analytics", back=True)
    j.press("button.ik-history-delete")
    page.wait_for_selector("button.ik-history-confirm", state="visible", timeout=UPDATE_TIMEOUT_MS)
    # The question puts the focus on its safe answer (Cancel) once it is shown (a Tab
    # pressed before that is not undone: tests/test_browser_focus_walk.py).
    page.wait_for_function(
        "() => document.activeElement && document.activeElement.closest('.ik-history-cancel')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    assert [r["company"] for r in j.rows()] == ["Acme Analytics", "Beta Labs"]
    j.press("button.ik-history-confirm")
    j.wait_text(".ik-history-status", "Deleted")
    assert [(r["id"], r["company"], r["outcome"], r["revision"]) for r in j.rows()] == [
        (first_id, "Acme Analytics", "rejected", 2)
    ]
    j.shot("deleted")
    assert len(j.stops) > 40
