"""The browser tests' shared Chromium: one that goes away is launched again, so a crash
fails the test it happened in and not every browser test after it."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_a_browser_that_went_away_is_launched_again(chromium, output_dir):
    log = output_dir / "chromium.log"
    before = log.read_text(encoding="utf-8") if log.exists() else ""
    chromium._live().close()  # what a crash looks like to Playwright: disconnected

    context = chromium.new_context()
    try:
        page = context.new_page()
        page.set_content("<p id=x>still here</p>")
        assert page.inner_text("#x") == "still here"
    finally:
        context.close()
    after = log.read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "launched again for tests/test_browser_harness.py" in after[len(before) :]
