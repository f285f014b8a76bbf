"""The OS's dark mode is followed when the address names no theme: the page asks for
its dark self once (the kit's template), and Voila's CSS and the chart both turn dark.
An address that names a theme is the user's choice and stays as it is."""

from __future__ import annotations

import pytest
from conftest import open_dashboard

pytestmark = pytest.mark.browser


def _page(chromium, scheme: str):
    context = chromium.new_context(viewport={"width": 1280, "height": 800}, color_scheme=scheme)
    return context, context.new_page()


def _chart_theme(page) -> str:
    return page.inner_text(".ik-chart-theme .mod-active").strip()


def test_a_dark_os_gets_the_dark_page_and_chart(chromium, dashboard_url):
    context, page = _page(chromium, "dark")
    try:
        open_dashboard(page, dashboard_url)
        assert "theme=dark" in page.url
        assert page.get_attribute("body", "data-jp-theme-light") == "false"
        assert _chart_theme(page) == "Dark chart"
    finally:
        context.close()


def test_a_named_theme_wins_over_the_os(chromium, dashboard_url):
    context, page = _page(chromium, "dark")
    try:
        sep = "&" if "?" in dashboard_url else "?"
        open_dashboard(page, f"{dashboard_url}{sep}theme=light")
        assert "theme=dark" not in page.url
        assert _chart_theme(page) == "Light chart"
    finally:
        context.close()
