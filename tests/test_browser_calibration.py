"""The Calibration tab and the weights panel's profiles and sensitivity chart, in a real
browser: Voila on 127.0.0.1 with ``INTERVIEW_KIT_JOURNAL`` pointing at a scratch file,
headless Chromium, axe-core. Screenshots land in ``test-output/``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import (
    CHART_LOADED_JS,
    full_screenshot,
    open_dashboard,
    overall_text,
    run_axe,
    served_dashboard,
    wait_for_text,
)

from interview_kit.cli.launch import page_url
from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def journal_path(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("calview") / "journal.sqlite3"


@pytest.fixture(scope="module")
def calview_url(output_dir: Path, journal_path: Path) -> Iterator[str]:
    """The dashboard on a free port, its journal a fresh temporary file."""
    with served_dashboard(
        output_dir / "voila-calibration.log", {"INTERVIEW_KIT_JOURNAL": str(journal_path)}
    ) as url:
        yield url


def _open_calibration(page) -> None:
    page.get_by_role("tab", name="Calibration").click()
    page.locator(".ik-calibration").wait_for(state="visible")


def _img_loaded(page, selector: str) -> None:
    page.wait_for_function(CHART_LOADED_JS, arg=selector)


def test_calibration_tab_with_demo_data(calview_url, new_page, output_dir, journal_path):
    page, watch = new_page(1280, 800)
    open_dashboard(page, calview_url)
    _open_calibration(page)
    # The scratch journal is empty: the panel says so plainly.
    page.wait_for_function(
        "() => document.querySelector('.ik-calibration-status').innerText.includes('Not enough')"
    )
    assert "more are needed" in page.inner_text(".ik-calibration-status")

    page.locator(".ik-calibration-demo").click()
    page.wait_for_function(
        "() => document.querySelector('.ik-calibration').innerText.includes('SYNTHETIC')"
    )
    _img_loaded(page, ".ik-calibration-weights")
    _img_loaded(page, ".ik-calibration-outcomes")
    held_out = page.inner_text(".ik-calibration-held-out")
    assert "50% would be chance" in held_out
    for selector in (".ik-calibration-weights", ".ik-calibration-outcomes"):
        assert page.get_attribute(selector, "title"), f"{selector} needs a text alternative"
    assert page.locator(".ik-calibration-save").is_disabled()  # never for demo data

    violations = run_axe(page)
    (output_dir / "axe-calibration.json").write_text(json.dumps(violations, indent=2))
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}" for v in bad
    )
    full_screenshot(page, output_dir / "dashboard-calibration.png")
    assert not watch.errors and not watch.dialogs
    # The demo went to a temporary journal, not the dashboard's.
    with open_journal(journal_path) as journal:
        assert len(journal) == 0


def test_weights_panel_profiles_and_sensitivity(calview_url, new_page, output_dir, journal_path):
    page, watch = new_page(1280, 800)
    open_dashboard(page, calview_url)
    page.select_option(".ik-signal-engagement select", index=5)  # +2
    wait_for_text(page, ".ik-overall", overall_text(signals={"engagement": 2}))
    page.locator(".ik-weights .jupyter-widget-Collapse-header").first.click()
    page.locator(".ik-sensitivity").wait_for(state="visible")
    _img_loaded(page, ".ik-sensitivity")
    assert "matters most" in (page.get_attribute(".ik-sensitivity", "title") or "")

    page.fill(".ik-weight-duration input", "0.25")
    page.press(".ik-weight-duration input", "Tab")
    page.fill(".ik-profile-name input", "browser profile")
    page.press(".ik-profile-name input", "Tab")
    page.locator(".ik-profile-save").click()
    page.wait_for_function(
        "() => document.querySelector('.ik-profile-message').innerText.includes('Saved')"
    )
    options = page.eval_on_selector_all(
        ".ik-profile-select option", "os => os.map(o => o.textContent.replace(/\u00a0/g, ' '))"
    )
    assert "browser profile" in options
    page.locator(".ik-profiles").scroll_into_view_if_needed()
    page.screenshot(path=str(output_dir / "dashboard-profiles.png"))
    bad = [v for v in run_axe(page) if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core (weights panel open): " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}" for v in bad
    )
    with open_journal(journal_path) as journal:
        assert journal.get_profile("browser profile").weights["duration"] == 0.25
    assert not watch.errors and not watch.dialogs


def test_calibration_tab_on_a_phone_in_the_dark_theme(calview_url, new_page, output_dir):
    page, watch = new_page(390, 844)
    open_dashboard(page, page_url(calview_url, theme="dark"))
    _open_calibration(page)
    page.locator(".ik-calibration-demo").click()
    _img_loaded(page, ".ik-calibration-weights")
    _img_loaded(page, ".ik-calibration-outcomes")
    page.locator(".ik-calibration-weights").wait_for(state="visible")
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 8, f"the page scrolls sideways by {overflow}px on a phone"
    box = page.locator(".ik-calibration-weights").bounding_box()
    assert box is not None and box["x"] + box["width"] <= 391
    violations = run_axe(page)
    bad = [v for v in violations if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}" for v in bad
    )
    full_screenshot(page, output_dir / "dashboard-calibration-390-dark.png")
    assert not watch.errors and not watch.dialogs
