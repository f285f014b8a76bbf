"""Time passes between two visits: the dashboard served as on one day, then again weeks
later on the same journal (``INTERVIEW_KIT_TODAY``, what ``dashboard --today`` sets).
The page's day is the kit's day: what it records and what it says are of that day,
never the machine's, and the page agrees with ``interview-kit due`` on each day.
Real Voila on 127.0.0.1, real headless Chromium, a real SQLite journal.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import open_dashboard, served_dashboard
from playwright.sync_api import expect

from interview_kit.core.clock import TODAY_ENV
from interview_kit.core.interview import Interview
from interview_kit.journal.schema import ENV_VAR
from interview_kit.journal.store import open_journal

pytestmark = pytest.mark.browser

#: Far from the machine's date on purpose: a page that used it would say something else.
INTERVIEWED, NEXT_DAY, WEEKS_LATER = "2024-03-04", "2024-03-05", "2024-03-22"


def _due_cli(journal: Path, today: str) -> list[str]:
    """What ``interview-kit due`` lists on ``today``: the kinds, in order."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "interview_kit",
            "due",
            "--json",
            "--journal",
            str(journal),
            "--today",
            today,
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return [item["kind"] for item in json.loads(done.stdout)]


def _history(page, url: str) -> None:
    open_dashboard(page, url)
    page.get_by_role("tab", name="History").click()
    page.locator(".ik-due-summary").wait_for(state="visible")


def _visible_items(page, count: int) -> list[str]:
    """The due list's visible items, once there are ``count`` (the list is drawn one
    message at a time)."""
    items = page.locator(".ik-due-item:visible")
    expect(items).to_have_count(count)
    return items.all_inner_texts()


def test_a_journey_across_two_days_with_a_restart_between(output_dir, new_page, tmp_path):
    journal = tmp_path / "journal.sqlite3"
    with open_journal(journal) as j:
        j.add(
            Interview.create(
                company="Acme",
                role="Data analyst",
                date=INTERVIEWED,
                stage="onsite",
                scheduled_minutes=45,
                actual_minutes=50,
                decision_by="2024-03-14",
                signals={"engagement": 1},
            )
        )

    # Day 1: the thank-you is due today, and marking it sent records the page's day.
    assert _due_cli(journal, NEXT_DAY) == ["thank_you"]
    env = {ENV_VAR: str(journal), TODAY_ENV: NEXT_DAY}
    with served_dashboard(output_dir / "voila-day1.log", env) as url:
        page, watch = new_page(1280, 900)
        _history(page, url)
        items = _visible_items(page, 1)
        assert "Due today" in items[0], items
        page.get_by_role("button", name="Mark sent: the thank-you note for Acme").click()
        expect(page.locator(".ik-due-status")).to_contain_text("Recorded")
        assert not watch.errors
    with open_journal(journal) as j:
        assert j.get(1).interview.thank_you_sent == NEXT_DAY

    # Weeks later, a new server and a new page on the same journal: the thank-you is
    # done, the check-in the decision date called for is overdue, in days since it fell.
    assert _due_cli(journal, WEEKS_LATER) == ["follow_up"]
    env[TODAY_ENV] = WEEKS_LATER
    with served_dashboard(output_dir / "voila-day2.log", env) as url:
        page, watch = new_page(1280, 900)
        _history(page, url)
        items = _visible_items(page, 1)
        assert "follow up with Acme" in items[0] and "days" in items[0], items
        assert "thank-you" not in " ".join(items).lower()
        page.get_by_role("button", name="Mark followed up: a check-in to Acme").click()
        expect(page.locator(".ik-due-status")).to_contain_text("Recorded")
        page.reload()  # a reload in the middle: the list is read again from the journal
        _history(page, url)
        expect(page.locator(".ik-due-summary")).to_contain_text("Nothing is due")
        assert not watch.errors
    with open_journal(journal) as j:
        assert j.get(1).interview.followed_up == WEEKS_LATER
    assert _due_cli(journal, WEEKS_LATER) == []
