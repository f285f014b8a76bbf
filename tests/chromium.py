"""Debian's Chromium, which Playwright cannot download here, and the flags it needs to
run headless as root and offline. Shared by the browser tests and
``benchmarks/bench_dashboard.py``; test settings, so they live beside the tests."""

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
)
