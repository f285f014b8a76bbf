"""The dashboard as a person uses it: real Voila on 127.0.0.1, real headless Chromium.

Controls are found by the CSS classes the app documents (``ik-*`` in
``interview_kit/app.py``). Screenshots land in ``test-output/`` for a human look.
"""

from __future__ import annotations

import json
import re

import nbformat
import pytest
from conftest import (
    XSS,
    chart_src,
    commit_text,
    full_screenshot,
    open_dashboard,
    overall_text,
    run_axe,
    wait_for_new_chart,
    wait_for_text,
)

from interview_kit.cli.launch import DASHBOARD, page_url
from interview_kit.core.signals import observed_signals as _all_observed


def observed_signals():
    """The article's signs a user sets (the others sit folded under "More signs")."""
    return tuple(s for s in _all_observed() if not s.optional)


pytestmark = pytest.mark.browser


def _select(page, signal_id: str, index: int) -> None:
    page.select_option(f".ik-signal-{signal_id} select", index=index)


def _verdict(page) -> str:
    return page.inner_text(".ik-verdict").strip()


def _no_broken_widgets(page) -> None:
    errors = page.eval_on_selector_all(".jupyter-widgets-error-widget", "es => es.length")
    assert errors == 0, "a widget failed to render (Voila shows 'javascript error')"


def test_change_controls_updates_chart_and_verdict(dashboard_url, new_page, output_dir):
    page, watch = new_page(1280, 800)
    open_dashboard(page, dashboard_url)
    _no_broken_widgets(page)
    # Nothing noticed yet: too little to say.
    assert "unclear" in _verdict(page).lower()
    src = chart_src(page)
    overall = page.inner_text(".ik-overall").strip()

    # One signal at its best end: the radar redraws.
    _select(page, "engagement", 5)  # options: Didn't notice, -2, -1, 0, +1, +2
    src = wait_for_new_chart(page, src)

    # Minutes: ran 20 minutes over the booking.
    commit_text(page, ".ik-actual input", "65")
    src = wait_for_new_chart(page, src)

    # Every other observed signal at +2 as well: the verdict becomes promising.
    for signal in observed_signals():
        if signal.id != "engagement":
            _select(page, signal.id, 5)
    page.select_option(".ik-share select", index=8)  # 70% about experience
    best = {s.id: 2 for s in observed_signals()}
    # The exact final reading: the kernel has caught up with every change.
    wait_for_text(
        page, ".ik-overall", overall_text(actual_minutes=65, behavioral_share=0.7, signals=best)
    )
    assert page.inner_text(".ik-overall").strip() != overall
    # Each label is its own widget message: wait for each, not only for the first.
    wait_for_text(page, ".ik-verdict", "Verdict: promising")
    wait_for_text(page, ".ik-confidence", "Based on 8 of 8 signs")
    src = wait_for_new_chart(page, src)

    # ... and at the worst end: concerning.
    for signal in observed_signals():
        _select(page, signal.id, 1)
    commit_text(page, ".ik-actual input", "20")
    page.select_option(".ik-share select", index=1)  # 0%: all technical
    worst = {s.id: -2 for s in observed_signals()}
    wait_for_text(
        page, ".ik-overall", overall_text(actual_minutes=20, behavioral_share=0.0, signals=worst)
    )
    wait_for_text(page, ".ik-verdict", "Verdict: concerning")
    wait_for_new_chart(page, src)
    assert page.inner_text(".ik-error").strip() == ""
    full_screenshot(page, output_dir / "dashboard-filled-full.png")
    assert not watch.dialogs


def test_weights_panel_changes_the_reading(dashboard_url, new_page, output_dir):
    page, _ = new_page(1280, 800)
    open_dashboard(page, dashboard_url)
    _select(page, "engagement", 5)
    _select(page, "ease", 4)  # +1 (with -2 the two cancel out to 50, the starting value)
    noticed = {"engagement": 2, "ease": 1}
    overall = overall_text(signals=noticed)
    wait_for_text(page, ".ik-overall", overall)  # the final reading, not one in between
    weight = page.locator(".ik-weight-engagement input")
    assert not weight.is_visible(), "the weights panel should start collapsed"
    page.locator(".ik-weights .jupyter-widget-Collapse-header").first.click()
    weight.wait_for(state="visible")

    commit_text(page, ".ik-weight-engagement input", "0")  # switch engagement off
    overall_off = overall_text({"engagement": 0}, signals=noticed)
    number = re.compile(r"(\d+) / 100")
    assert int(number.search(overall_off)[1]) < int(number.search(overall)[1])
    wait_for_text(page, ".ik-overall", overall_off)
    page.locator(".ik-weights").scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "dashboard-weights.png"))

    page.locator(".ik-weights-reset").click()
    wait_for_text(page, ".ik-overall", overall)
    assert float(weight.input_value()) > 0


def test_page_shows_no_source_code_or_traceback(dashboard_url, new_page):
    page, _ = new_page(1280, 800)
    open_dashboard(page, dashboard_url)
    html = page.content()
    text = page.inner_text("body")
    notebook = nbformat.read(DASHBOARD, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            for line in cell.source.splitlines():
                if line.strip():
                    assert line.strip() not in text, f"source shown: {line!r}"
                    assert line.strip() not in html, f"source in the page: {line!r}"
    code_inputs = ".jp-CodeCell .jp-InputArea, .jp-InputArea-editor, .cm-editor, .CodeMirror"
    assert page.locator(code_inputs).count() == 0
    assert "Traceback" not in text

    # A bad value typed by the user is a message in the page, not a traceback.
    # It sits beside the field, in the user's words, and the field is marked.
    commit_text(page, ".ik-scheduled input", "-5")
    page.wait_for_function(
        "() => document.querySelector('.ik-scheduled input')"
        ".getAttribute('aria-invalid') === 'true'"
    )
    described = page.get_attribute(".ik-scheduled input", "aria-describedby")
    message = page.inner_text(f"#{described}")
    assert "Booked minutes" in message and "-5" in message
    assert "scheduled_minutes" not in page.inner_text("body")
    assert "out of date" in page.inner_text(".ik-error")
    assert "Traceback" not in page.inner_text("body")


def test_user_text_is_shown_as_text_and_never_run(dashboard_url, new_page):
    page, watch = new_page(1280, 800)
    open_dashboard(page, dashboard_url)
    src = chart_src(page)
    commit_text(page, ".ik-company input", XSS)
    src = wait_for_new_chart(page, src)  # the company is the chart's title: the kernel got it
    commit_text(page, ".ik-notes textarea", f"Went well. {XSS}")
    # A later change's exact reading proves the kernel has handled the notes too
    # (messages arrive in order), so any echo of the text has happened by now.
    _select(page, "comfort", 4)
    wait_for_text(page, ".ik-overall", overall_text(company=XSS, signals={"comfort": 1}))

    assert page.locator(".ik-company input").input_value() == XSS
    assert XSS in page.locator(".ik-notes textarea").input_value()
    injected = page.evaluate("() => document.querySelectorAll('img[src=\"x\"], [onerror]').length")
    assert injected == 0, "user text was inserted as HTML"
    assert watch.dialogs == [], f"the payload ran: {watch.dialogs}"
    assert watch.errors == [], f"uncaught page errors: {watch.errors}"
    # The exported JSON carries the company as data, still inert (the view is
    # built when first opened, as a user opens it).
    page.locator(".ik-json-view .jupyter-widget-Collapse-header").click()
    exported = json.loads(page.locator(".ik-json textarea").input_value())
    assert "overall" in exported


def test_accessibility_axe_finds_no_serious_violation(dashboard_url, new_page, output_dir):
    page, _ = new_page(1280, 800)
    open_dashboard(page, dashboard_url)
    violations = run_axe(page)
    (output_dir / "axe-violations.json").write_text(json.dumps(violations, indent=2))
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}" for v in bad
    )
    alt = page.evaluate(
        "() => { const i = document.querySelector('.ik-chart');"
        " return i.getAttribute('alt') || i.getAttribute('title') || i.getAttribute('aria-label')"
        " || ''; }"
    )
    assert "By category" in alt and "signs" in alt, "the chart needs the reading as its text"


@pytest.mark.parametrize(("width", "height"), [(390, 844), (1280, 800)])
def test_readable_at_phone_and_laptop_width(dashboard_url, new_page, output_dir, width, height):
    page, _ = new_page(width, height)
    open_dashboard(page, dashboard_url)
    _no_broken_widgets(page)
    page.screenshot(path=str(output_dir / f"dashboard-{width}x{height}.png"))
    full_screenshot(page, output_dir / f"dashboard-{width}-full.png")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 8, f"the page scrolls sideways by {overflow}px at {width}px"
    box = page.locator(".ik-chart").bounding_box()
    assert box is not None and box["width"] >= min(280, width - 60)
    assert box["x"] + box["width"] <= width + 1


def _chart_colours(page) -> str:
    """The chart-colours toggle's chosen button, as the page shows it."""
    return page.inner_text(".ik-chart-theme .mod-active").strip()


def test_dark_theme_renders(dashboard_url, new_page, output_dir):
    page, _ = new_page(1280, 800)
    # Voila 0.5 takes the theme from ``?theme=`` (``voila-theme`` is ignored there).
    open_dashboard(page, page_url(dashboard_url, theme="dark"))
    _no_broken_widgets(page)
    page.screenshot(path=str(output_dir / "dashboard-dark.png"))
    background = page.evaluate(
        "() => getComputedStyle(document.body).backgroundColor.match(/\\d+/g).slice(0, 3)"
        ".map(Number)"
    )
    assert sum(background) < 3 * 100, f"dark theme background is light: {background}"
    assert page.evaluate("() => document.body.dataset.jpThemeLight") == "false"
    assert _chart_colours(page) == "Dark chart"  # no white block on a dark page


#: The bytes of the picture an ``<img>`` shows now, as a list of numbers.
PICTURE_BYTES_JS = """async (sel) => {
    const response = await fetch(document.querySelector(sel).src);
    return Array.from(new Uint8Array(await response.arrayBuffer()));
}"""


def test_save_chart_saves_the_chart_on_screen(dashboard_url, new_page):
    """ "Save chart as PNG" saves the picture shown, by mouse or by keyboard, after
    every change, though the kernel sends the picture only once (as the image)."""
    page, watch = new_page(1280, 800)
    open_dashboard(page, dashboard_url)
    link = page.locator(".ik-save-png a")
    for step, (signal, index) in enumerate((("engagement", 5), ("ease", 1))):
        src = chart_src(page)
        _select(page, signal, index)
        wait_for_new_chart(page, src)
        shown = bytes(page.evaluate(PICTURE_BYTES_JS, ".ik-chart"))
        with page.expect_download() as download:
            if step == 0:
                link.click()
            else:
                link.focus()
                page.keyboard.press("Enter")
        assert download.value.suggested_filename == "interview-radar.png"
        saved = download.value.path().read_bytes()
        assert saved[:8] == b"\x89PNG\r\n\x1a\n" and saved == shown
    assert not watch.errors


def test_preheated_kernel_serves_fresh_working_pages(preheated_dashboard_url, new_page):
    """The launcher preheats: each page still gets its own kernel, and themes still apply."""
    for query, light in (({}, "true"), ({}, "true"), ({"theme": "dark"}, "false")):
        page, watch = new_page(1280, 800)
        open_dashboard(page, page_url(preheated_dashboard_url, **query))
        _no_broken_widgets(page)
        assert page.evaluate("() => document.body.dataset.jpThemeLight") == light
        assert _chart_colours(page) == ("Light chart" if light == "true" else "Dark chart")
        # A fresh form (the previous page's choice is not carried over), and it reacts.
        assert page.locator(".ik-signal-engagement select").input_value() == page.eval_on_selector(
            ".ik-signal-engagement select", "s => s.options[0].value"
        )
        src = chart_src(page)
        _select(page, "engagement", 5)
        wait_for_new_chart(page, src)
        assert watch.errors == []
        page.close(run_before_unload=True)
