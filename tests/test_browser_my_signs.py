"""Signs of one's own in a real browser: a journal that holds one shows it under
"More signs"; another is added from the weights panel; noting it moves the reading.
Voila on 127.0.0.1, headless Chromium, axe-core; screenshots in ``test-output/``."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CHART_LOADED_JS, full_screenshot, open_dashboard, run_axe, served_dashboard

from interview_kit.core.my_signs import make_sign
from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def signs_url(output_dir: Path, tmp_path_factory) -> Iterator[tuple[str, Path]]:
    path = tmp_path_factory.mktemp("signs") / "journal.sqlite3"
    with open_journal(path) as journal:
        journal.add_sign(
            make_sign(
                "salary",
                "Salary range named",
                "flow",
                "avoided the topic",
                "named a generous range",
            )
        )
    from interview_kit.core import signals

    signals.reset()
    with served_dashboard(
        output_dir / "voila-signs.log", {"INTERVIEW_KIT_JOURNAL": str(path)}
    ) as url:
        yield url, path


def test_a_sign_of_ones_own_in_the_page(signs_url, new_page, output_dir):
    url, path = signs_url
    page, watch = new_page(1280, 900)
    open_dashboard(page, url)
    page.locator(".ik-more-signs .jupyter-widget-Collapse-header").first.click()
    page.locator(".ik-signal-salary select").wait_for(state="visible")
    page.select_option(".ik-signal-salary select", index=5)  # +2
    page.wait_for_function(
        "() => document.querySelector('.ik-reading').innerText.includes('generous range')"
    )
    page.wait_for_function(CHART_LOADED_JS, arg=".ik-chart")

    page.locator(".ik-weights .jupyter-widget-Collapse-header").first.click()
    page.locator(".ik-my-signs").wait_for(state="visible")
    for name, value in (
        ("id", "tour"),
        ("label", "Office tour"),
        ("low", "none at all"),
        ("high", "a long tour of every floor"),
    ):
        page.fill(f".ik-my-sign-{name} input", value)
        page.press(f".ik-my-sign-{name} input", "Tab")
    page.locator(".ik-add-sign").click()
    page.wait_for_function(
        "() => document.querySelector('.ik-add-sign-status').innerText.includes('Added')"
    )
    page.locator(".ik-signal-tour select").wait_for(state="visible")
    bad = [v for v in run_axe(page) if v["impact"] in ("critical", "serious")]
    assert not bad, "axe-core: " + "; ".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {v['targets']}" for v in bad
    )
    full_screenshot(page, output_dir / "dashboard-my-signs.png")
    coord = Path("/work/coord")
    if coord.is_dir():  # the session's closing note shows it
        full_screenshot(page, coord / "signs26-page.png")
    with open_journal(path) as journal:
        assert [s.id for s in journal.signs()] == ["salary", "tour"]
    assert not watch.errors and not watch.dialogs
