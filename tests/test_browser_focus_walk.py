"""Tab through the whole page: every stop shows a focus you can see, on screen.

Issue 25.4's test. Real Voila on 127.0.0.1 (a scratch journal holding two interviews,
so History has rows to tick), real headless Chromium, in the light and the dark
theme, at a desktop and a 390×844 phone size. Each tab is opened in turn, with every
collapsible section in it opened (Debrief, the JSON, Weights, ...), and Tab is
pressed from the start until the focus comes back to the first stop (the walk
wraps). At every stop:

* the focused element is on screen: inside the viewport, under no pinned bar
  (the sticky action bar, the phone's pinned score line and Save), and it is what a
  pointer at its centre would hit;
* its focus indicator is not clipped: the outline's box lies inside every ancestor
  that clips (``overflow`` other than visible);
* the focus is visible, measured on pixels: a screenshot of the element and a few
  pixels around it with the focus, and again after ``blur()``; the pixels that
  changed must contrast at least 3:1 with what was there before (WCAG 2.4.11 /
  1.4.11, the measure of 2.4.13) over an area of at least the element's perimeter
  (a 1 px line all the way round: a ring clipped on two sides fails).

Every failing stop is reported, by its accessible name and reason, not only the
first; the walk is written to ``test-output/focus-walk-<size>-<theme>.json``.

A second test presses Tab at once after Delete in History: the question's late
focus move must not undo that Tab.
"""

from __future__ import annotations

import contextlib
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import LOAD_TIMEOUT_MS, UPDATE_TIMEOUT_MS, served_dashboard
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from interview_kit.core.interview import Interview
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser

SIZES = {"desktop": (1366, 900), "phone": (390, 844)}
#: Pixels around the element in each screenshot (an outline with its offset is 5).
MARGIN = 8
#: The most Tab presses one walk may take before it must have wrapped.
LIMIT = 500

#: The focused element: who it is, where it is, and whether anything hides it.
STOP_JS = """() => {
  const e = document.activeElement;
  if (!e || e === document.body || e === document.documentElement) return null;
  window.__ikSeen = window.__ikSeen || [];
  let index = window.__ikSeen.indexOf(e);
  const fresh = index < 0;
  if (fresh) { window.__ikSeen.push(e); index = window.__ikSeen.length - 1; }
  const text = s => (s || '').replace(/\\s+/g, ' ').trim();
  const byIds = ids => ids.split(/\\s+/).map(id => document.getElementById(id))
    .filter(Boolean).map(n => n.innerText).join(' ');
  let name = text(e.getAttribute('aria-label'))
    || text(e.getAttribute('aria-labelledby') ? byIds(e.getAttribute('aria-labelledby')) : '')
    || text(e.labels && e.labels.length ? [...e.labels].map(l => l.innerText).join(' ') : '')
    || (['INPUT', 'SELECT', 'TEXTAREA'].includes(e.tagName) ? '' : text(e.innerText))
    || text(e.getAttribute('title')) || text(e.getAttribute('placeholder'));
  const hook = [...(e.closest('[class*="ik-"]') || e).classList]
    .filter(c => c.startsWith('ik-')).join('.');
  if (!name) name = `(unnamed ${e.tagName.toLowerCase()} in .${hook})`;
  const r = e.getBoundingClientRect();
  const vw = window.innerWidth, vh = window.innerHeight;
  const problems = [];
  if (r.width < 1 || r.height < 1) problems.push('has no size on screen');
  if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) {
    problems.push('off screen');
  } else if (r.top < -0.5 || r.left < -0.5 || r.right > vw + 0.5
             || (r.bottom > vh + 0.5 && r.height < vh)) {
    problems.push('partly off screen');
  }
  // Pinned bars (position fixed or sticky) that do not hold the element.
  for (const bar of window.__ikBars || []) {
    if (!bar.isConnected || bar.contains(e)) continue;
    const b = bar.getBoundingClientRect();
    if (b.width < 1 || b.height < 1) continue;
    const x = Math.min(r.right, b.right) - Math.max(r.left, b.left);
    const y = Math.min(r.bottom, b.bottom) - Math.max(r.top, b.top);
    // Under it: what a pointer hits in the part they share is the bar.
    const hit = x > 1 && y > 1 && document.elementFromPoint(
      (Math.max(r.left, b.left) + Math.min(r.right, b.right)) / 2,
      (Math.max(r.top, b.top) + Math.min(r.bottom, b.bottom)) / 2);
    if (hit && bar.contains(hit)) {
      problems.push(`under the pinned ${[...bar.classList].filter(c => c.startsWith('ik-'))
                    .join('.') || bar.className}`);
    }
  }
  if (!problems.length) {
    const x = Math.min(Math.max((r.left + r.right) / 2, 1), vw - 1);
    const y = Math.min(Math.max((r.top + r.bottom) / 2, 1), vh - 1);
    const hit = document.elementFromPoint(x, y);
    const label = e.closest('label');
    if (hit && !e.contains(hit) && !(label && label.contains(hit))) {
      const who = hit.closest('[class*="ik-"]') || hit;
      problems.push(`covered by ${hit.tagName.toLowerCase()} in .${[...who.classList]
                    .join('.')}`);
    }
  }
  // The outline's box (its offset may be negative: drawn inside) within every
  // ancestor that clips what overflows it.
  const cs = getComputedStyle(e);
  if (cs.outlineStyle !== 'none') {
    const grow = (parseFloat(cs.outlineOffset) || 0) + (parseFloat(cs.outlineWidth) || 0);
    const o = {left: r.left - grow, top: r.top - grow, right: r.right + grow,
               bottom: r.bottom + grow};
    // (Nothing above a fixed box clips it: its containing block is the screen.)
    let fixed = cs.position === 'fixed';
    for (let node = e.parentElement; node && node !== document.body && !fixed;
         node = node.parentElement) {
      const s = getComputedStyle(node);
      fixed = s.position === 'fixed';
      if (s.overflowX === 'visible' && s.overflowY === 'visible') continue;
      const c = node.getBoundingClientRect();
      const bl = parseFloat(s.borderLeftWidth) || 0, bt = parseFloat(s.borderTopWidth) || 0;
      const inner = {left: c.left + bl, top: c.top + bt,
                     right: c.left + bl + node.clientWidth, bottom: c.top + bt + node.clientHeight};
      const cut = (s.overflowX !== 'visible' && (o.left < inner.left - 0.5
                    || o.right > inner.right + 0.5))
        || (s.overflowY !== 'visible' && (o.top < inner.top - 0.5
                    || o.bottom > inner.bottom + 0.5));
      // A box that scrolls cuts only what is not scrolled into view; the page's own
      // scroller has it in view by now.
      if (cut && node.scrollHeight <= node.clientHeight + 1
          && node.scrollWidth <= node.clientWidth + 1) {
        const who = [...node.classList].filter(k => !k.startsWith('lm-mod')).join('.');
        problems.push(`ring clipped by ${node.tagName.toLowerCase()}.${who}`);
        break;
      }
    }
  }
  const area = e.closest('.ik-action-bar') ? 'action bar'
    : e.closest('.lm-TabBar') ? 'tab bar' : (e.closest('.ik-form') ? 'form' : '');
  return {index, fresh, name: name.slice(0, 90), tag: e.tagName.toLowerCase(), hook, area,
          rect: {x: r.left, y: r.top, width: r.width, height: r.height}, problems,
          outline: `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
          shadow: cs.boxShadow, vw, vh};
}"""

#: Two frames: the scrolling and painting that follow a focus move are done.
FRAMES_JS = "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))"

#: Pinned bars, found once per walk (the stylesheet makes them fixed or sticky).
BARS_JS = """() => {
  window.__ikBars = [...document.querySelectorAll('.ik-app *')].filter(n => {
    const p = getComputedStyle(n).position;
    return p === 'fixed' || p === 'sticky';
  });
  window.__ikSeen = [];
  return window.__ikBars.length;
}"""

#: The page's content in the tab on screen: no "Loading…" left, every chart decoded
#: (a chart arriving above a field later moves it off screen).
SETTLED_JS = """() => ![...document.querySelectorAll('.ik-app .ik-loading')]
  .some(n => n.getClientRects().length > 0)
  && [...document.querySelectorAll('.ik-app img')]
  .every(i => i.getClientRects().length === 0 || !i.getAttribute('src')
              || (i.complete && i.naturalWidth > 0))"""

#: The visible collapsed sections, opened (once each: a section opened may hold more).
OPEN_SECTIONS_JS = """() => {
  let opened = 0;
  for (const header of document.querySelectorAll('.ik-app .jupyter-widget-Collapse-header')) {
    if (header.getClientRects().length === 0) continue;
    if (!header.parentElement.classList.contains('jupyter-widget-Collapse-open')) {
      header.click();
      opened += 1;
    }
  }
  return opened;
}"""

#: No transitions or animations between the two screenshots of a stop.
STILL_CSS = "*, *::before, *::after { transition: none !important; animation: none !important; }"


def _luminance(rgb):
    import numpy as np

    c = rgb.astype(float) / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def _pixels(png: bytes):
    import numpy as np
    from PIL import Image

    return np.asarray(Image.open(io.BytesIO(png)).convert("RGB"))


def focus_change(focused: bytes, unfocused: bytes) -> tuple[int, float]:
    """How many pixels changed with at least 3:1 contrast against what was there
    unfocused, and the best contrast among the changed pixels."""
    import numpy as np

    a, b = _pixels(focused), _pixels(unfocused)
    if a.shape != b.shape:
        return 0, 1.0
    changed = np.abs(a.astype(int) - b.astype(int)).max(axis=2) > 8
    if not changed.any():
        return 0, 1.0
    la, lb = _luminance(a[changed]), _luminance(b[changed])
    ratio = (np.maximum(la, lb) + 0.05) / (np.minimum(la, lb) + 0.05)
    return int((ratio >= 3).sum()), float(ratio.max())


def _needed(rect: dict, vw: int, vh: int) -> float:
    """The element's perimeter on screen: the edges the viewport does not cut."""
    left, top = rect["x"], rect["y"]
    right, bottom = left + rect["width"], top + rect["height"]
    width = max(0.0, min(right, vw) - max(left, 0))
    height = max(0.0, min(bottom, vh) - max(top, 0))
    edges = 0.0
    edges += width if top >= 0 else 0
    edges += width if bottom <= vh else 0
    edges += height if left >= 0 else 0
    edges += height if right <= vw else 0
    return edges


def _clip(rect: dict, vw: int, vh: int) -> dict | None:
    left = max(0, int(rect["x"]) - MARGIN)
    top = max(0, int(rect["y"]) - MARGIN)
    right = min(vw, int(rect["x"] + rect["width"]) + MARGIN + 1)
    bottom = min(vh, int(rect["y"] + rect["height"]) + MARGIN + 1)
    if right - left < 2 or bottom - top < 2:
        return None
    return {"x": left, "y": top, "width": right - left, "height": bottom - top}


def check_stop(page, stop: dict) -> list[str]:
    """The stop's problems: those the page reported, and the pixels' verdict."""
    problems = list(stop["problems"])
    clip = _clip(stop["rect"], stop["vw"], stop["vh"])
    if clip is None:
        return problems or ["nothing on screen to see"]
    for attempt in range(2):
        focused = page.screenshot(clip=clip, animations="disabled", caret="hide")
        page.evaluate(
            "() => { window.__ikNow = document.activeElement; document.activeElement.blur(); }"
        )
        unfocused = page.screenshot(clip=clip, animations="disabled", caret="hide")
        page.evaluate("() => window.__ikNow.focus({preventScroll: true})")
        count, best = focus_change(focused, unfocused)
        if count or attempt:
            break
        # Not one pixel changed: the kernel redrew the control under the first
        # screenshot (leaving History's search refilters the list). Once more.
        page.wait_for_timeout(500)
    need = _needed(stop["rect"], stop["vw"], stop["vh"])
    stop["changed_3to1"], stop["best_contrast"], stop["needed"] = count, round(best, 2), need
    if count < need:
        problems.append(
            f"focus change too faint: {count} px at >= 3:1 (needs {need:.0f}), best {best:.2f}:1"
        )
    return problems


def walk(page, tab: str) -> list[dict]:
    """Tab from where the focus is until it comes back to the first stop: each stop
    with its problems (empty when it passes)."""
    page.evaluate(BARS_JS)
    page.mouse.move(0, 0)
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    stops: list[dict] = []
    for _ in range(LIMIT):
        page.keyboard.press("Tab")
        page.evaluate(FRAMES_JS)
        stop = page.evaluate(STOP_JS)
        if stop is None:  # the document itself, between the last stop and the first
            continue
        if not stop["fresh"]:
            if stops and stop["index"] == stops[-1]["index"]:
                continue  # the next part of the same control (a date's month, day, year)
            if stop["index"] == 0:
                return stops
            pytest.fail(
                f"the Tab order loops without coming back to the first stop: "
                f"{stop['name']!r} again in {tab} (stop {stop['index']} after "
                f"{[s['name'] for s in stops[-4:]]})"
            )
        stop["tab"] = tab
        stop["problems"] = check_stop(page, stop)
        stops.append(stop)
    pytest.fail(f"{LIMIT} Tab presses in {tab} did not come back to the first stop")


def _interview(company: str, role: str, date: str, value: int) -> Interview:
    return Interview.create(
        company=company,
        role=role,
        date=date,
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=50,
        signals={"engagement": value, "comfort": -value},
    )


@pytest.fixture(scope="module")
def walk_url(output_dir: Path, tmp_path_factory) -> Iterator[str]:
    """The dashboard on a scratch journal with two saved interviews."""
    path = tmp_path_factory.mktemp("focus-walk") / "journal.sqlite3"
    with open_journal(path) as journal:
        journal.add(_interview("Acme Analytics", "Data analyst", "2026-11-02", 2))
        journal.add(_interview("Beta Labs", "Engineer", "2026-11-05", -1))
    with served_dashboard(output_dir / "voila-focus-walk.log", {ENV_VAR: str(path)}) as url:
        yield url


def open_page(new_page, url: str, size: str, theme: str):
    width, height = SIZES[size]
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
    page.add_style_tag(content=STILL_CSS)
    return page, watch


def open_tab(page, title: str) -> None:
    """Show the tab ``title`` with every collapsible section in it open."""
    page.locator(".ik-tabs .lm-TabBar-tab", has_text=title).first.click()
    page.wait_for_function(
        "t => [...document.querySelectorAll('.ik-tabs .lm-TabBar-tab.lm-mod-current')]"
        ".some(n => n.innerText.trim() === t)",
        arg=title,
        timeout=UPDATE_TIMEOUT_MS,
    )
    for _ in range(4):
        page.wait_for_function(SETTLED_JS, timeout=LOAD_TIMEOUT_MS)
        if not page.evaluate(OPEN_SECTIONS_JS):
            break
        page.wait_for_timeout(300)  # let the opened sections start to build
    page.wait_for_function(SETTLED_JS, timeout=LOAD_TIMEOUT_MS)


def shown_count(page, selector: str) -> int:
    return page.evaluate(
        "s => [...document.querySelectorAll(s)].filter(n => n.getClientRects().length > 0).length",
        selector,
    )


def click_all(page, selector: str) -> None:
    for index in range(shown_count(page, selector)):
        page.locator(f"{selector} >> visible=true").nth(index).click()


def open_more(page, title: str) -> None:
    """What a user opens inside a tab, so its controls are stops too: a debrief row of
    each kind and the thank-you draft (Reading); the due list's rest, a ticked
    interview and Delete's question (History)."""
    if title == "Reading":
        rows = shown_count(page, ".ik-debrief-row")
        click_all(page, "button:is(.ik-add-person, .ik-add-asked, .ik-add-my-question)")
        page.wait_for_function(
            "n => [...document.querySelectorAll('.ik-debrief-row')]"
            ".filter(r => r.getClientRects().length > 0).length >= n",
            arg=rows + 3,
            timeout=UPDATE_TIMEOUT_MS,
        )
        page.locator("button.ik-thank-you-draft").click()
        page.wait_for_selector(".ik-readonly textarea", state="visible", timeout=UPDATE_TIMEOUT_MS)
    elif title == "History":
        # The due list is drawn after the table: wait for it, then show all of it.
        page.wait_for_selector(
            "button.ik-due-draft-thanks >> visible=true", timeout=UPDATE_TIMEOUT_MS
        )
        with contextlib.suppress(PlaywrightTimeout):  # "Show N more" comes last, if at all
            page.wait_for_selector("button.ik-due-more >> visible=true", timeout=5_000)
        if shown_count(page, "button.ik-due-more"):
            page.locator("button.ik-due-more >> visible=true").first.click()
            page.wait_for_function(
                "() => ![...document.querySelectorAll('button.ik-due-more')]"
                ".some(n => n.getClientRects().length > 0)",
                timeout=UPDATE_TIMEOUT_MS,
            )
        page.locator(".ik-history-pick:visible", has_text="Beta Labs").first.locator(
            "input"
        ).check()
        page.locator("button.ik-history-delete").click()
        page.wait_for_selector(
            "button.ik-history-confirm", state="visible", timeout=UPDATE_TIMEOUT_MS
        )
    page.wait_for_function(SETTLED_JS, timeout=LOAD_TIMEOUT_MS)


def close_more(page, title: str) -> None:
    """Put back what :func:`open_more` asked (nothing is ever deleted)."""
    if title == "History":
        page.locator("button.ik-history-cancel").click()
        page.wait_for_selector(
            "button.ik-history-confirm", state="hidden", timeout=UPDATE_TIMEOUT_MS
        )


@pytest.mark.parametrize("theme", ["light", "dark"])
@pytest.mark.parametrize("size", ["desktop", "phone"])
def test_every_tab_stop_shows_a_visible_focus(size, theme, walk_url, new_page, output_dir):
    page, watch = open_page(new_page, walk_url, size, theme)
    titles = page.evaluate(
        "() => [...document.querySelectorAll('.ik-tabs .lm-TabBar-tab')]"
        ".map(t => t.innerText.trim())"
    )
    assert len(titles) >= 3, titles
    stops: list[dict] = []
    for title in titles:
        open_tab(page, title)
        open_more(page, title)
        stops += walk(page, title)
        close_more(page, title)
    # History's other view: the applications, each with its next round.
    open_tab(page, "History")
    page.locator(".ik-history-view button", has_text="Applications").click()
    page.wait_for_selector(".ik-applications", state="visible", timeout=UPDATE_TIMEOUT_MS)
    page.wait_for_function(SETTLED_JS, timeout=LOAD_TIMEOUT_MS)
    stops += walk(page, "History: applications")
    report = output_dir / f"focus-walk-{size}-{theme}.json"
    report.write_text(json.dumps(stops, indent=1, ensure_ascii=False))
    failing = [s for s in stops if s["problems"]]
    assert len(stops) >= 100, f"only {len(stops)} stops: the walk missed most of the page"
    assert not failing, (
        f"{len(failing)} of {len(stops)} stops fail ({size}, {theme}; see {report.name}):\n"
        + "\n".join(
            f"  [{s['tab']}] {s['name']!r} <{s['tag']}> .{s['hook']}: " + "; ".join(s["problems"])
            for s in failing
        )
    )
    assert not watch.errors


def test_a_tab_right_after_delete_is_not_undone(walk_url, new_page):
    """Delete asks first and puts the focus on Cancel, a round trip after the key:
    a Tab pressed at once must land in the question, on the control that Tab reaches
    from Delete ("Really delete?"), and stay there."""
    page, watch = open_page(new_page, walk_url, "desktop", "light")
    open_tab(page, "History")
    page.locator(".ik-history-pick:visible", has_text="Beta Labs").first.locator("input").check()
    page.wait_for_function(
        "() => [...document.querySelectorAll('.ik-history-pick input')]"
        ".filter(i => i.checked).length === 1",
        timeout=UPDATE_TIMEOUT_MS,
    )
    page.locator("button.ik-history-delete").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")  # before the question is even shown
    page.wait_for_selector("button.ik-history-confirm", state="visible", timeout=UPDATE_TIMEOUT_MS)
    page.wait_for_function(
        "() => document.querySelector('.ik-history-status').innerText.includes('Delete #')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    on = "() => (document.activeElement.closest('button') || {}).className || ''"
    # The question's own focus move comes a moment after it is shown: give it time to
    # come (a wait, not a timed assertion: the answer must be the same at any speed).
    for _ in range(3):
        page.wait_for_timeout(500)
        assert "ik-history-confirm" in page.evaluate(on), page.evaluate(
            "() => document.activeElement.outerHTML.slice(0, 120)"
        )
    # The next Tab is Cancel, the question's other answer: nothing is deleted.
    page.keyboard.press("Tab")
    assert "ik-history-cancel" in page.evaluate(on)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelector('.ik-history-status').innerText.includes('Nothing')",
        timeout=UPDATE_TIMEOUT_MS,
    )
    assert not watch.errors
