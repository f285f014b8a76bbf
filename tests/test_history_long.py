"""History with a long journal: the first render reads the journal's columns and one
page, yet shows what a full read would (first page, order across pages, filter
counts over every interview), the trend and its text alternative follow without any
action, and the filters' words say what they keep. No timings here (see
benchmarks/bench_history.py)."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

import pytest

from interview_kit.core.interview import Interview
from interview_kit.core.weights import default_weights
from interview_kit.journal.history import Listed, history_rows, listed_rows
from interview_kit.journal.records import Entry
from interview_kit.journal.store import open_journal
from interview_kit.ui.history import PAGE_SIZE, HistoryPanel, shown_rows
from interview_kit.ui.history_filters import found_words
from interview_kit.ui.history_table import COLUMNS
from interview_kit.ui.session import Session

N = 10_000
OUTCOMES = (None, "offer", "rejected", "next_round")


def _interview(k: int) -> Interview:
    return Interview.create(
        company=f"Company {k % 400:03d}",
        role="Analyst",
        date=None if k % 97 == 0 else f"20{20 + k % 6}-{1 + k % 12:02d}-{1 + k % 28:02d}",
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=30 + k % 40,
        outcome=OUTCOMES[k % 4],
        signals={"engagement": k % 5 - 2, "comfort": k % 3 - 1},
    )


@pytest.fixture(scope="module")
def long_path(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / "journal.sqlite3"
    weights = MappingProxyType(default_weights())
    stamp = "2026-11-01T00:00:00+00:00"
    with open_journal(path) as journal:
        journal.import_entries(
            [
                Entry(
                    id=k + 1,
                    interview=_interview(k),
                    created=stamp,
                    updated=stamp,
                    revision=1,
                    weights=weights,
                )
                for k in range(N)
            ]
        )
    return path


def _held(path: Path) -> tuple[HistoryPanel, list]:
    """A panel after its first render, the work after it held back."""
    held: list = []
    journal = open_journal(path)
    panel = HistoryPanel(Session(journal), later=held.append)
    panel.refresh()
    return panel, held


def _full(path: Path):
    with open_journal(path) as journal:
        return history_rows(journal.entries(), sort="date", descending=True)


def test_first_render_lists_from_columns_and_scores_only_the_page(long_path: Path):
    panel, held = _held(long_path)
    assert held and len(panel.all_rows) == N
    assert all(isinstance(r, Listed) for r in panel.all_rows)  # nothing parsed yet
    assert len(panel._scores) == PAGE_SIZE  # only the page was scored
    full = _full(long_path)
    assert [int(r[0]) for r in shown_rows(panel)] == [r.id for r in full[:PAGE_SIZE]]
    scores = [r[COLUMNS.index("Score")] for r in shown_rows(panel)]
    assert scores == [f"{r.score:.0f}" for r in full[:PAGE_SIZE]]
    assert "1–10 of 10000" in panel.page_label.value and panel.found.value == ""
    panel.finish()  # what the event loop does next
    assert all(not isinstance(r, Listed) for r in panel.all_rows)
    assert [int(r[0]) for r in shown_rows(panel)] == [r.id for r in full[:PAGE_SIZE]]


def test_order_across_pages_matches_a_full_read(long_path: Path):
    panel, _held_steps = _held(long_path)
    full = _full(long_path)
    panel.show_page(537)
    assert [int(r[0]) for r in shown_rows(panel)] == [
        r.id for r in full[537 * PAGE_SIZE : 538 * PAGE_SIZE]
    ]
    panel.sort.value = "company"
    panel.direction.value = False
    by_company = sorted(full, key=lambda r: r.id)
    by_company = sorted(by_company, key=lambda r: r.company.casefold())
    panel.show_page(3)
    assert [int(r[0]) for r in shown_rows(panel)] == [
        r.id for r in by_company[3 * PAGE_SIZE : 4 * PAGE_SIZE]
    ]
    panel.sort.value = "score"  # needs every row scored: done on demand
    by_score = [r for r in sorted(full, key=lambda r: r.id)]
    by_score.sort(key=lambda r: r.score)
    panel.show_page(0)
    assert [int(r[0]) for r in shown_rows(panel)] == [r.id for r in by_score[:PAGE_SIZE]]


def test_filter_counts_are_over_every_interview(long_path: Path):
    panel, _held_steps = _held(long_path)
    full = _full(long_path)
    panel.status_filter.value = "offer"
    offers = [r for r in full if r.status == "offer"]
    assert len(panel.rows) == len(offers) and 0 < len(offers) < N
    assert panel.found.value == (
        f"{len(offers)} of your {N} interviews are in applications whose status is Offer."
    )
    assert "matches the search" not in panel.found.value + panel.page_label.value
    assert f"of {len(offers)} (of {N} saved)" in panel.page_label.value
    panel.outcome_filter.value = "pending"
    pending_offers = [r for r in offers if r.outcome is None]
    assert len(panel.rows) == len(pending_offers)
    panel.search.value = "company 007"  # a search: every row scored, then searched
    found = [
        r for r in full if r.company == "Company 007" and r.status == "offer" and r.outcome is None
    ]
    assert sorted(r.id for r in panel.rows) == sorted(r.id for r in found)


def test_the_trend_and_its_words_follow_without_any_action(long_path: Path):
    panel, held = _held(long_path)
    assert panel.trend_chart.image.value == b""  # not drawn in the first render
    assert "Drawing the chart" in panel.trend_chart.text.value
    while held:  # the event loop, step by step
        held.pop(0)()
    image = panel.trend_chart.image
    assert image.value[:4] == b"\x89PNG" and image.layout.display == "block"
    words = panel.trend_chart.text.value
    assert image.tooltip == words and f"{N - N // 97 - 1} dated interviews" in words


def test_the_trend_lists_its_points_in_words(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        journal.add(_interview(1).replace(company="Acme", date="2026-11-02"))
        journal.add(_interview(2).replace(company="Beta", date="2026-11-09"))
    panel = HistoryPanel(Session(open_journal(path)))
    panel.refresh()  # no event loop here: the work after the render runs at once
    words = panel.trend_text.value
    assert "2 dated interviews" in words and "Acme" in words and "Beta" in words
    assert "2026-11-02" in words and "2026-11-09" in words


def test_a_refresh_scores_only_what_changed(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        for k in range(30):
            journal.add(_interview(k))
    panel = HistoryPanel(Session(open_journal(path)))
    panel.refresh()
    before = dict(panel._scores)
    with open_journal(path) as journal:
        journal.update(5, journal.get(5).interview.replace(notes="edited"))
    panel.refresh()
    changed = set(panel._scores) - set(before)
    assert [k[0] for k in changed] == [5] and len(panel._scores) == 30


def test_listed_rows_decide_the_status_as_the_applications_do(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        for k in range(200):
            journal.add(_interview(k).replace(company=f"Co {k % 7}"))
        listed = {r.id: r.status for r in listed_rows(journal.listing())}
        full = {r.id: r.status for r in history_rows(journal.entries())}
    assert listed == full


# -- the filters' words ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("kept", "total", "words"),
    [
        (0, 12, "None of your 12 interviews is in an application whose status is Offer."),
        (1, 12, "1 of your 12 interviews is in an application whose status is Offer."),
        (3, 12, "3 of your 12 interviews are in applications whose status is Offer."),
        (12, 12, "All 12 of your interviews are in applications whose status is Offer."),
        (1, 1, "Your 1 interview is in an application whose status is Offer."),
        (0, 1, "Your 1 interview is not one that is in an application whose status is Offer."),
    ],
)
def test_status_filter_words_agree_in_number_and_never_mention_a_search(kept, total, words):
    assert found_words(kept, total, "", status="offer") == words
    assert found_words(kept, total, "   ", status="offer") == words  # spaces: no search


@pytest.mark.parametrize(
    ("kept", "words"),
    [
        (
            0,
            'None of your 12 interviews matches the search "acme" and is in an application '
            "whose status is Waiting.",
        ),
        (
            1,
            '1 of your 12 interviews matches the search "acme" and is in an application '
            "whose status is Waiting.",
        ),
        (
            2,
            '2 of your 12 interviews match the search "acme" and are in applications whose '
            "status is Waiting.",
        ),
    ],
)
def test_status_filter_words_with_a_search(kept, words, monkeypatch):
    monkeypatch.setitem(
        __import__("interview_kit.core.applications", fromlist=["x"]).STATUS_WORDS,
        "waiting",
        "Waiting",
    )
    assert found_words(kept, 12, " acme ", status="waiting") == words


def test_outcome_words_and_no_filter():
    assert found_words(2, 5, outcome="pending") == "2 of your 5 interviews have no outcome yet."
    assert found_words(1, 5, outcome="offer") == "1 of your 5 interviews has the outcome Offer."
    assert found_words(5, 5) == "" and found_words(0, 0, status="offer") == ""


def test_the_panel_says_what_the_status_filter_keeps(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        for k, outcome in enumerate(["offer", "rejected", "rejected", None]):
            journal.add(_interview(k).replace(company=f"Co {k}", outcome=outcome))
    panel = HistoryPanel(Session(open_journal(path)))
    panel.refresh()
    panel.status_filter.value = "withdrawn"
    assert panel.page_label.value == (
        "None of your 4 interviews is in an application whose status is Withdrawn."
    )
    panel.status_filter.value = "offer"
    assert panel.found.value == "1 of your 4 interviews is in an application whose status is Offer."
    panel.status_filter.value = "rejected"
    assert panel.found.value.startswith("2 of your 4 interviews are in applications")
    assert "search" not in panel.found.value + panel.page_label.value + panel.table.value
    panel.search.value = "co 1"
    assert panel.found.value == (
        '1 of your 4 interviews matches the search "co 1" and is '
        "in an application whose status is Rejected."
    )


@pytest.mark.parametrize(
    "damage",
    [
        "UPDATE interviews SET data = 'not json' WHERE id = 2",
        "UPDATE interviews SET company = x'41' WHERE id = 2",
    ],
)
def test_a_damaged_record_is_said_after_the_first_render_too(tmp_path: Path, damage: str):
    import sqlite3

    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        for k in range(3):
            journal.add(_interview(k))
    with sqlite3.connect(path) as conn:
        conn.execute(damage)
    conn.close()
    panel, _steps = _held(path)
    panel.finish()
    assert "The journal cannot be read" in panel.status.value
    assert "record 2 is damaged" in panel.status.value
    assert panel.rows == [] and shown_rows(panel) == []
    assert "cannot be worked out" in panel.due.summary.value


def test_in_a_kernel_the_chart_follows_on_the_event_loop(tmp_path: Path):
    """With an event loop running (a kernel), the first render returns before the
    rows are scored and the chart drawn; the loop does both next, step by step."""
    import asyncio

    path = tmp_path / "j.sqlite3"
    with open_journal(path) as journal:
        for k in range(25):
            journal.add(_interview(k))

    async def visit() -> tuple[bool, bytes, bytes, bool]:
        panel = HistoryPanel(Session(open_journal(path)))
        panel.refresh()
        first = (all(isinstance(r, Listed) for r in panel.all_rows), panel.trend_chart.image.value)
        for _ in range(5):
            await asyncio.sleep(0)
        return (
            *first,
            panel.trend_chart.image.value,
            all(not isinstance(r, Listed) for r in panel.all_rows),
        )

    listed, before, after, scored = asyncio.run(visit())
    assert listed and before == b""
    assert after[:4] == b"\x89PNG" and scored
