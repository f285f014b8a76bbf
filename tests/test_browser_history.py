"""The History tab in a real browser: the comparison appears in view when two
interviews are ticked, its legend is whole, search and export work, the phone layout
keeps every column on screen, every chart is dark on a dark page and its text is
readable on a phone. Real Voila on 127.0.0.1 (its journal a scratch file filled
beforehand), real headless Chromium, axe-core. Screenshots land in ``test-output/``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    CHART_LOADED_JS,
    XSS,
    full_screenshot,
    open_dashboard,
    run_axe,
    served_dashboard,
)

from interview_kit.charts.calibration import outcome_figure, weights_figure
from interview_kit.charts.radar import RadarChart, overlay_figure
from interview_kit.charts.sensitivity import sensitivity_figure
from interview_kit.charts.theme import MIN_TEXT_PX, THEMES, smallest_text_px
from interview_kit.charts.trend import trend_figure
from interview_kit.cli.launch import page_url
from interview_kit.core.interview import Interview
from interview_kit.journal.history import TrendPoint
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal
from interview_kit.learn.calibration import fit_weights
from interview_kit.learn.sensitivity import sensitivity

pytestmark = pytest.mark.browser

LONG = "Acme Analytics International Holdings"


def _interview(company: str, role: str, date: str, value: int, outcome=None) -> Interview:
    return Interview.create(
        company=company,
        role=role,
        date=date,
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=50,
        outcome=outcome,
        signals={"engagement": value, "comfort": -value, "ease": value},
    )


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("history") / "journal.sqlite3"
    with open_journal(path) as journal:
        journal.add(_interview(LONG, "Senior data analyst", "2026-11-02", 2, "next_round"))
        journal.add(_interview("Beta", "Engineer", "2026-11-05", -1, "rejected"))
        journal.add(_interview(LONG, "Senior data analyst", "2026-11-12", 1))
        journal.add(_interview(XSS, "Designer", "2026-11-15", 0))
    return path


@pytest.fixture(scope="module")
def history_url(output_dir: Path, journal_path: Path) -> Iterator[str]:
    with served_dashboard(output_dir / "voila-history.log", {ENV_VAR: str(journal_path)}) as url:
        yield url


def _open_history(page, url: str) -> None:
    open_dashboard(page, url)
    page.get_by_role("tab", name="History").click()
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 4")
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-trend")


def _tick(page, *names: str) -> None:
    for name in names:
        page.locator(".ik-history-pick:visible", has_text=name).first.locator("input").check()
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-overlay")
    page.wait_for_function(
        "n => document.querySelectorAll('.ik-overlay-legend tbody tr').length === n", arg=len(names)
    )


def _in_view(page, selector: str) -> dict:
    return page.evaluate(
        """sel => { const r = document.querySelector(sel).getBoundingClientRect();
            return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
                    height: window.innerHeight, width: window.innerWidth}; }""",
        selector,
    )


#: The colour of a chart's corner pixel, read by drawing the <img> on a canvas.
CORNER_JS = """sel => { const img = document.querySelector(sel);
    const c = document.createElement('canvas'); c.width = 8; c.height = 8;
    const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
    return Array.from(ctx.getImageData(2, 2, 1, 1).data.slice(0, 3)); }"""


def _assert_axe(page, output_dir: Path, name: str) -> None:
    violations = run_axe(page)
    (output_dir / f"axe-violations-{name}.json").write_text(json.dumps(violations, indent=2))
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(f"{v['id']}: {v['targets']}" for v in bad)


def test_comparison_in_view_with_a_whole_legend_search_and_export(
    history_url, new_page, output_dir, journal_path
):
    page, watch = new_page(1366, 900)
    _open_history(page, history_url)
    # The table is a table: headers, and the user's text as text.
    assert page.get_by_role("columnheader", name="Company").count() == 1
    assert page.get_by_role("rowheader", name=XSS).count() == 1
    assert page.locator(".ik-history img[src='x']").count() == 0
    assert str(journal_path) in page.inner_text(".ik-history-footer")

    _tick(page, "Beta", "2026-11-12")
    box = _in_view(page, ".ik-overlay")
    assert box["top"] < box["height"] - 150, f"the comparison is out of view: {box}"
    assert box["left"] > page.locator(".ik-history-table").bounding_box()["x"]  # beside it
    names = page.locator(".ik-overlay-legend tbody th").all_inner_texts()
    assert any(LONG in n and "Senior data analyst" in n for n in names), names
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('.ik-overlay-legend th, .ik-overlay-legend td')]"
        ".filter(e => e.scrollWidth > e.clientWidth + 1).length"
    )
    assert clipped == 0
    _assert_axe(page, output_dir, "history-compare")
    page.screenshot(path=str(output_dir / "history-compare-1366.png"))

    # Search by company, filter by outcome, export what is shown.
    page.locator(".ik-history-search input").fill("beta")
    page.locator(".ik-history-search input").press("Tab")
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 1")
    assert "Beta" in page.inner_text(".ik-history-row")
    page.locator(".ik-history-search input").fill("")
    page.locator(".ik-history-search input").press("Tab")
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 4")
    page.select_option(".ik-history-outcome-filter select", label="Next round")
    page.wait_for_function("() => document.querySelectorAll('.ik-history-row').length === 1")
    assert "Next round" in page.inner_text(".ik-history-row")
    with page.expect_download() as download:  # one click: the download starts
        page.locator("button.ik-history-export-csv").click()
    day = dt.date.today().isoformat()
    assert re.fullmatch(
        rf"interview-journal(-[A-Za-z0-9-]+)?-{day}\.csv", download.value.suggested_filename
    ), download.value.suggested_filename
    text = Path(download.value.path()).read_text(encoding="utf-8")
    assert text.startswith("id,") and LONG in text and "Beta" not in text
    assert text.splitlines()[0].endswith(",score,verdict,coverage")
    assert "Download 1 interview as CSV again" in page.inner_text(".ik-history-download")
    assert not watch.dialogs and not watch.errors


def test_every_chart_is_dark_on_a_dark_page(history_url, new_page, output_dir):
    page, watch = new_page(1366, 900)
    _open_history(page, page_url(history_url, theme="dark"))
    _tick(page, "Beta", "2026-11-02")
    dark = [round(255 * int(THEMES["dark"].background[i : i + 2], 16) / 255) for i in (1, 3, 5)]

    def is_dark(selector: str) -> None:
        page.wait_for_function(CHART_LOADED_JS, arg=selector)
        corner = page.evaluate(CORNER_JS, selector)
        assert all(abs(a - b) <= 3 for a, b in zip(corner, dark, strict=True)), (selector, corner)

    is_dark(".ik-trend")
    is_dark(".ik-overlay")
    _assert_axe(page, output_dir, "history-dark")
    full_screenshot(page, output_dir / "history-dark.png")
    page.get_by_role("tab", name="Calibration").click()
    page.locator("button.ik-calibration-demo").click()
    is_dark(".ik-calibration-weights")
    is_dark(".ik-calibration-outcomes")
    full_screenshot(page, output_dir / "calibration-dark.png")
    page.get_by_role("tab", name="Reading").click()
    page.select_option(".ik-signal-engagement select", index=5)
    page.locator(".ik-weights .jupyter-widget-Collapse-header").click()
    is_dark(".ik-sensitivity")
    is_dark(".ik-chart")
    assert not watch.errors


def _readable(page, figures: dict) -> None:
    """Each chart's smallest text, at the width the page shows its picture, is at
    least MIN_TEXT_PX (the font sizes come from the same chart code, in Python)."""
    for selector, figure in figures.items():
        shown = page.evaluate("s => document.querySelector(s).clientWidth", selector)
        px = smallest_text_px(figure, shown)
        assert px >= MIN_TEXT_PX - 0.1, f"{selector}: {px:.1f} CSS px at {shown} px wide"


def test_history_on_a_phone(history_url, new_page, output_dir, journal_path):
    page, watch = new_page(390, 844)
    _open_history(page, history_url)
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 8, f"the page scrolls sideways by {overflow}px"
    off = page.evaluate(
        """() => [...document.querySelectorAll('.ik-history-grid tbody th, '
                                               + '.ik-history-grid td')]
            .filter(e => e.offsetParent !== null)
            .filter(e => { const r = e.getBoundingClientRect();
                           return r.width > 0 && (r.right > window.innerWidth + 1 || r.left < 0); })
            .map(e => e.innerText)"""
    )
    assert off == [], f"off-screen cells at 390 px: {off}"
    headers = page.evaluate(  # the column headers: visually hidden, still read out
        "() => [...document.querySelectorAll('.ik-history-grid thead th')]"
        ".map(e => e.getBoundingClientRect().width)"
    )
    assert len(headers) == 8 and max(headers) <= 1
    for heading in ("Score", "Verdict", "Outcome"):  # each row says what its cells are
        assert page.locator(f".ik-history-row [data-label='{heading}']").count() == 4
    picks = page.locator(".ik-history-side").bounding_box()
    table = page.locator(".ik-history-table").bounding_box()
    assert picks["y"] < table["y"]  # on a phone the ticks and comparison come first
    _tick(page, "Beta", "2026-11-12")
    box = _in_view(page, ".ik-overlay")
    assert box["top"] < box["height"] - 100 and box["right"] <= box["width"] + 1, box
    full_screenshot(page, output_dir / "history-390.png")
    _assert_axe(page, output_dir, "history-phone")

    # Chart text at the size the phone shows each picture.
    points = [TrendPoint(n, f"2026-10-{n + 1:02d}", 50, None, "A", "r") for n in range(3)]
    one = _interview("A", "r", "2026-10-01", 1)
    figures = {
        ".ik-trend": trend_figure(points),
        ".ik-overlay": overlay_figure([("a", one), ("b", one)]),
    }
    _readable(page, figures)
    with open_journal(journal_path) as journal:
        interviews = [e.interview for e in journal.entries()]
    calibration = fit_weights(interviews)
    page.get_by_role("tab", name="Calibration").click()
    page.locator("button.ik-calibration-demo").click()
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-calibration-outcomes")
    _readable(
        page,
        {
            ".ik-calibration-weights": weights_figure(calibration),
            ".ik-calibration-outcomes": outcome_figure(interviews, None, calibration),
        },
    )
    page.get_by_role("tab", name="Reading").click()
    page.select_option(".ik-signal-engagement select", index=5)
    page.locator(".ik-weights .jupyter-widget-Collapse-header").click()
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-sensitivity")
    _readable(
        page,
        {".ik-sensitivity": sensitivity_figure(sensitivity(one)), ".ik-chart": RadarChart().figure},
    )
    full_screenshot(page, output_dir / "reading-390-weights-open.png")
    assert not watch.errors
