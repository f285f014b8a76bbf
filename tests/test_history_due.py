"""History's due list, Applications view, and search in the debrief, without a browser.

Every test uses a real journal file in a temporary folder; dates are relative to
today (the due list works from this computer's date).
"""

from __future__ import annotations

import datetime as dt
import warnings
from pathlib import Path

import ipywidgets as w
import pytest

from interview_kit.core.applications import application_key, group_applications
from interview_kit.core.debrief import Exchange, Person
from interview_kit.core.interview import Interview
from interview_kit.journal.history import (
    ANY_OUTCOME,
    TrendPoint,
    filter_rows,
    history_rows,
    searchable_text,
)
from interview_kit.journal.store import open_journal
from interview_kit.ui.app import App
from interview_kit.ui.applications import APPS_PAGE
from interview_kit.ui.due import DUE_STEP, summary_html, when_words
from interview_kit.ui.events import JournalChanged
from interview_kit.ui.history import APPLICATIONS, INTERVIEWS
from interview_kit.ui.session import READING_TAB

XSS = "<img src=x onerror=alert(1)>"
TODAY = dt.date.today()


def ago(days: int) -> str:
    return (TODAY - dt.timedelta(days=days)).isoformat()


def make(company: str = "Acme", role: str = "Analyst", days_ago: int = 1, **kw) -> Interview:
    return Interview.create(
        company=company, role=role, date=ago(days_ago), stage="onsite", scheduled_minutes=45, **kw
    )


def _app(path: Path, *interviews: Interview) -> App:
    with open_journal(path) as journal:
        for interview in interviews:
            journal.add(interview)
    app = App(journal=path)
    app.show("History")
    return app


def _texts(app: App) -> list[str]:
    due = app.history.due
    return [s.text.value for s in due._slots[: len(due.shown())]]


def _buttons(app: App) -> list[w.Button]:
    due = app.history.due
    return [s.buttons["sent"] for s in due._slots[: len(due.shown())]]


def _models() -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return len(w.Widget.widgets)


# -- the due list ------------------------------------------------------------------------


def test_due_list_says_what_for_whom_when_and_overdue(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3",
        make("Acme", days_ago=1),  # thank-you due today
        make("Beta", "Engineer", days_ago=4, decision_by=ago(-2)),  # thank-you late
        make("Gamma", days_ago=2, outcome="rejected"),  # decided: nothing due
        make("Delta", days_ago=3, thank_you_sent=ago(2)),
    )  # sent: follow-up only
    due = app.history.due
    assert [(d.company, d.kind) for d in due.items] == [
        ("Beta", "thank_you"),
        ("Acme", "thank_you"),
        ("Beta", "follow_up"),
        ("Delta", "follow_up"),
        ("Acme", "follow_up"),
    ]
    assert len(_texts(app)) == DUE_STEP == 3 and "Showing the first 3" in due.summary.value
    due.more_button.click()
    texts = _texts(app)
    assert "Overdue: was due" in texts[0] and "3 days ago" in texts[0]
    assert "send a thank-you note for your interview with Beta, Engineer" in texts[0]
    assert "Due today" in texts[1] and "Acme, Analyst" in texts[1]
    assert f"they said they would decide by {(TODAY + dt.timedelta(days=2)):%a}" in texts[2]
    assert "no decision date named; 7 days after the interview" in texts[3]
    assert "ik-overdue" in app.history.due._slots[0].text._dom_classes
    assert "ik-overdue" not in app.history.due._slots[1].text._dom_classes
    assert not any("Gamma" in t for t in texts)
    # Only thank-you items have Mark sent; its name says what it records, for whom.
    shown = [b.layout.display != "none" for b in _buttons(app)]
    assert shown == [True, True, False, False, False]
    assert all(b.description == "Mark sent" for b in _buttons(app)[:2])
    assert _buttons(app)[0].tooltip.startswith("Mark sent: the thank-you note for Beta, Eng")
    assert "5 things are due" in due.summary.value and "(1 overdue)" in due.summary.value


def test_nothing_due_says_so(tmp_path: Path):
    app = _app(tmp_path / "j.sqlite3", make(days_ago=1, outcome="offer"))
    due = app.history.due
    assert due.items == [] and _texts(app) == []
    assert "Nothing is due" in due.summary.value and "next 7 days" in due.summary.value
    assert due.more_button.layout.display == "none"


def test_an_interview_still_ahead_has_no_button_yet(tmp_path: Path):
    app = _app(tmp_path / "j.sqlite3", make(days_ago=-3))  # in three days
    assert [d.kind for d in app.history.due.items] == ["thank_you"]
    assert "Due " in _texts(app)[0] and "(in 4 days)" in _texts(app)[0]
    assert _buttons(app)[0].layout.display == "none"


def test_marking_sent_records_today_through_the_journal_and_leaves_the_list(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make(XSS, days_ago=2), make("Beta", days_ago=1))
    heard = []
    app.session.on(JournalChanged, lambda _event: heard.append(True))
    before = open_journal(path).get(1)
    assert [d.company for d in app.history.due.items if d.kind == "thank_you"] == [XSS, "Beta"]
    _buttons(app)[0].click()
    with open_journal(path) as journal:
        after = journal.get(1)
    assert after.interview.thank_you_sent == TODAY.isoformat()
    assert after.revision == before.revision + 1  # the normal update path: a new revision
    assert after.interview.replace(thank_you_sent=None) == before.interview  # nothing else
    assert heard  # the journal-change funnel: every view re-reads
    kinds = [(d.company, d.kind) for d in app.history.due.items]
    assert (XSS, "thank_you") not in kinds and ("Beta", "thank_you") in kinds
    status = app.history.due.status.value
    assert "Recorded: thank-you note for &lt;img" in status and "<img" not in status
    # The table redrew too (the History tab is on screen): its row is still there.
    assert len(app.history.all_rows) == 2


def test_marking_sent_keeps_the_form_linked_to_the_new_revision(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make("Acme", days_ago=2))
    with open_journal(path) as journal:
        entry = journal.get(1)
    app.session.begin(entry.interview, entry)  # the form shows #1
    app.show("History")
    app.history.due.mark_sent(app.history.due.items[0])
    assert app.state.linked is not None and app.state.linked.revision == entry.revision + 1
    assert app.state.linked.interview.thank_you_sent == TODAY.isoformat()


def test_marking_twice_changes_nothing_the_second_time(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make(days_ago=2))
    item = app.history.due.items[0]
    app.history.due.mark_sent(item)
    revision = open_journal(path).get(1).revision
    app.history.due.mark_sent(item)  # a stale list in another window, say
    assert open_journal(path).get(1).revision == revision
    assert "already recorded as sent" in app.history.due.status.value


def test_a_long_due_list_shows_a_few_then_more(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3", *(make(f"Company {n}", days_ago=2 + n % 3) for n in range(8))
    )
    due = app.history.due
    assert len(due.items) == 16 and len(due.shown()) == DUE_STEP
    assert f"Showing the first {DUE_STEP}" in due.summary.value
    assert due.more_button.layout.display == "" and "more" in due.more_button.description
    due.more_button.click()
    assert len(due.shown()) == 2 * DUE_STEP and len(_texts(app)) == 2 * DUE_STEP


def test_when_words_and_summary_are_plain():
    day = dt.date(2026, 11, 30)
    assert when_words(day - dt.timedelta(days=1), day).startswith("Overdue: was due Sun")
    assert "1 day ago" in when_words(day - dt.timedelta(days=1), day)
    assert when_words(day, day) == "Due today (Mon 2026-11-30)"
    assert when_words(day + dt.timedelta(days=1), day) == "Due tomorrow (Tue 2026-12-01)"
    assert "(in 5 days)" in when_words(day + dt.timedelta(days=5), day)
    assert "Nothing is due" in summary_html([], 0, day, 7)


# -- search and filters --------------------------------------------------------------------


def test_search_finds_notes_questions_answers_and_people(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3",
        make("Acme", notes="Long   talk about SALARY bands"),
        make(
            "Beta",
            questions=[Exchange("Tell me about a conflict", "The migration story")],
            my_questions=["How is on-call organised?"],
            interviewers=[Person("Priya Raman", "Hiring manager")],
        ),
        make("Gamma"),
    )
    panel = app.history

    def found(query: str) -> list[str]:
        panel.search.value = query
        return sorted(r.company for r in panel.rows)

    assert found("salary bands") == ["Acme"]  # notes; case and spaces ignored
    assert found("a CONFLICT") == ["Beta"]  # a question they asked
    assert found("migration story") == ["Beta"]  # your answer
    assert found("on-call") == ["Beta"]  # your own question
    assert found("priya") == ["Beta"]  # someone you met
    assert found("conflict the migration") == []  # never across two fields
    assert found("") == ["Acme", "Beta", "Gamma"]


def test_status_filter_keeps_the_rounds_of_applications_with_that_status(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3",
        make("Acme", days_ago=9, outcome="next_round"),
        make("acme ", days_ago=2),
        make("Beta", days_ago=5, outcome="offer"),
        make("Gamma", outcome="rejected"),
    )
    panel = app.history
    assert {r.company.strip(): r.status for r in panel.all_rows} == {
        "Acme": "interviewing",
        "acme": "interviewing",
        "Beta": "offer",
        "Gamma": "rejected",
    }
    panel.status_filter.value = "interviewing"  # both rounds of Acme: its latest is pending
    assert sorted(r.id for r in panel.rows) == [1, 2]
    panel.outcome_filter.value = "next_round"  # with the outcome filter beside it
    assert [r.id for r in panel.rows] == [1]
    panel.outcome_filter.value = ANY_OUTCOME
    panel.status_filter.value = "offer"
    assert [r.company for r in panel.rows] == ["Beta"]
    labels = [label for label, _ in panel.status_filter.options]
    assert labels[0] == "Any application status" and "No response" in labels


def test_search_text_is_row_data_folded_once():
    interview = make(
        "ACME  Corp", notes="Line one\n\nLine   two", questions=[Exchange("Why us?", "")]
    )
    text = searchable_text(interview)
    assert "acme corp" in text and "line one line two" in text and "why us?" in text
    rows = history_rows([_entry(1, interview)])
    assert rows[0].search_text == text
    assert "search_text" not in rows[0].to_dict() and rows[0].to_dict()["status"]
    assert filter_rows(rows, "  why   US ") == rows
    assert filter_rows(rows, "corp\x00analyst") == []  # the field break is no query's


def _entry(id: int, interview: Interview):
    from types import MappingProxyType

    from interview_kit.core.weights import default_weights
    from interview_kit.journal.records import Entry

    return Entry(
        id=id,
        interview=interview,
        created="2026-11-01T00:00:00+00:00",
        updated="2026-11-01T00:00:00+00:00",
        revision=1,
        weights=MappingProxyType(default_weights()),
    )


def test_trend_and_applications_share_one_grouping_rule():
    for company, role in [("Acme  Corp", " Data analyst"), ("ÄCME", "Straße")]:
        point = TrendPoint(1, "2026-11-01", 50.0, None, company, role)
        assert point.application == application_key(company, role)


# -- applications --------------------------------------------------------------------------


def test_applications_view_shows_each_application_s_rounds_in_order(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3",
        make("Acme", "Data analyst", days_ago=20, outcome="next_round"),
        make("Beta", "Engineer", days_ago=10, outcome="rejected"),
        make("acme", "data  analyst", days_ago=5, decision_by=ago(-3)),
        make(XSS, "Designer", days_ago=30),
    )
    panel = app.history
    before = _models()
    assert panel._apps_view is None  # built when first chosen
    panel.view.value = APPLICATIONS
    assert _models() > before and panel.main.layout.display == "none"
    view = panel.applications
    names = [a.company for a in view.visible()]
    assert names == ["acme", "Beta", XSS]  # the most recently active first
    acme = view._slots[0].text.value
    assert acme.index("Round 1 (#1)") < acme.index("Round 2 (#3)")
    assert "Status: Interviewing · 2 rounds · from" in acme
    assert f"decision expected by {ago(-3)}" in acme
    assert "Next round" in acme and "Pending" in acme
    assert "<img" not in view._slots[2].text.value and "&lt;img" in view._slots[2].text.value
    assert "Applications 1–3 of 3" in view.summary.value
    # The filters apply: only applications with a round that is kept.
    panel.status_filter.value = "rejected"
    assert [a.company for a in view.visible()] == ["Beta"]
    panel.status_filter.value = "any"
    panel.view.value = INTERVIEWS
    assert panel.main.layout.display == "flex" and panel.apps_holder.layout.display == "none"


def test_new_round_of_an_application_prefills_company_and_role_only(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3",
        make("Acme", "Data analyst", days_ago=5, notes="secret notes", signals={"engagement": 2}),
    )
    app.history.view.value = APPLICATIONS
    app.history.applications._slots[0].button.click()
    assert app.state.tab == READING_TAB
    assert app.state.linked is None  # a new, unsaved interview
    form = app.interview
    assert (form.company, form.role) == ("Acme", "Data analyst")
    assert form.notes == "" and form.date is None and form.signals["engagement"] is None
    assert "company and role kept" in app.journal_controls.status.value


def test_applications_page_through_many(tmp_path: Path):
    app = _app(
        tmp_path / "j.sqlite3",
        *(make(f"Company {n}", days_ago=n + 1) for n in range(APPS_PAGE + 2)),
    )
    app.history.view.value = APPLICATIONS
    view = app.history.applications
    assert len(view.visible()) == APPS_PAGE and view.prev_button.disabled
    view.next_button.click()
    assert len(view.visible()) == 2 and view.next_button.disabled
    assert [s.button.layout.display for s in view._slots][2:] == ["none"] * (APPS_PAGE - 2)


def test_grouping_matches_the_core(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make("Acme", days_ago=3), make("ACME", days_ago=1), make("Beta"))
    app.history.view.value = APPLICATIONS
    with open_journal(path) as journal:
        core = group_applications((e.id, e.interview) for e in journal.entries())
    assert app.history.applications.applications == core


@pytest.mark.parametrize("journal_text", [b"not a journal\n"])
def test_refused_journal_shows_an_empty_due_list_and_no_traceback(
    tmp_path: Path, journal_text: bytes
):
    path = tmp_path / "j.sqlite3"
    path.write_bytes(journal_text)
    app = App(journal=path)
    app.show("History")
    assert app.history.due.items == [] and _texts(app) == []
    summary = app.history.due.summary.value
    assert "cannot be worked out" in summary and "Nothing is due" not in summary
    assert app.history.error_box.value
    assert path.read_bytes() == journal_text


def test_every_view_names_an_interview_the_same_way_without_stray_spaces():
    from interview_kit.journal.history import HistoryRow
    from interview_kit.ui.history_table import row_name
    from interview_kit.ui.kit import who_words

    assert who_words(" Northwind ", "Data analyst ") == "Northwind, Data analyst"
    assert who_words("  ", "") == "(no company)"
    fields = HistoryRow.__dataclass_fields__
    row = HistoryRow(
        **{name: None for name in fields}
        | {"company": "Northwind ", "role": " Data analyst", "date": "2026-11-20"}
    )
    assert row_name(row) == "Northwind, Data analyst · 2026-11-20"


# -- the due list's actions ------------------------------------------------------------


def _offered(slot) -> list[str]:
    return [k for k, b in slot.buttons.items() if b.layout.display != "none"]


def test_each_item_offers_its_actions_named_with_its_item(tmp_path: Path):
    app = _app(tmp_path / "j.sqlite3", make("Acme", "Data analyst", days_ago=8))
    due = app.history.due
    assert [d.kind for d in due.items] == ["thank_you", "follow_up"]
    thanks, follow = due._slots[:2]
    assert _offered(thanks) == ["draft_thanks", "open", "sent"]
    assert _offered(follow) == ["draft_check_in", "open", "followed"]
    assert thanks.buttons["draft_thanks"].tooltip == "Draft thank-you for Acme, Data analyst"
    assert follow.buttons["draft_check_in"].tooltip == "Draft check-in for Acme, Data analyst"
    assert thanks.buttons["open"].tooltip == "Open Acme, Data analyst in the form"
    assert follow.outcome.tooltip == "Record outcome for Acme, Data analyst"
    # Only Open repeats (both items open the same interview): the rest tell apart.
    names = [
        b.tooltip
        for s in due._slots[:2]
        for b in s.buttons.values()
        if b.layout.display != "none" and "Open" not in b.tooltip
    ]
    assert len(names) == len(set(names)) == 4
    assert all("ik-named" in b._dom_classes for b in thanks.buttons.values())


def test_a_draft_opens_in_place_read_only_and_the_same_button_hides_it(tmp_path: Path):
    app = _app(tmp_path / "j.sqlite3", make("Acme", "Data analyst", days_ago=8))
    due = app.history.due
    thanks, follow = due._slots[:2]
    thanks.buttons["draft_thanks"].click()
    assert thanks.draft.layout.display == "" and "ik-readonly" in thanks.draft_text._dom_classes
    assert "Thank you" in thanks.draft_text.value
    assert thanks.buttons["draft_thanks"].description == "Hide draft"
    assert app.aid.focus_hook == thanks.draft_hook  # the keyboard lands on the draft
    follow.buttons["draft_check_in"].click()
    assert "check in" in follow.draft_text.value
    thanks.buttons["draft_thanks"].click()
    assert thanks.draft.layout.display == "none"
    assert thanks.buttons["draft_thanks"].description == "Draft thank-you"
    assert thanks.buttons["draft_thanks"].tooltip == "Draft thank-you for Acme, Data analyst"


def test_mark_followed_up_records_the_date_and_ends_that_reminder(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make("Acme", days_ago=8, thank_you_sent=ago(7)))
    due = app.history.due
    before = open_journal(path).get(1)
    assert [d.kind for d in due.items] == ["follow_up"]
    due._slots[0].buttons["followed"].click()
    with open_journal(path) as journal:
        after = journal.get(1)
    assert after.interview.followed_up == TODAY.isoformat()
    assert after.revision == before.revision + 1
    assert due.items == [] and "Recorded: followed up with Acme" in due.status.value
    with open_journal(path) as journal:  # the journal's own query agrees (JSON only)
        assert journal.due(today=TODAY) == []


def test_record_outcome_from_the_list_ends_the_item(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make("Acme", days_ago=8))
    slot = app.history.due._slots[0]
    slot.outcome.value = "next_round"
    with open_journal(path) as journal:
        assert journal.get(1).interview.outcome == "next_round"
    assert app.history.due.items == [] and slot.outcome.value == ""


def test_a_write_based_on_an_old_revision_is_refused_not_overwritten(tmp_path: Path):
    path = tmp_path / "j.sqlite3"
    app = _app(path, make("Acme", days_ago=8))
    with open_journal(path) as journal:  # another window saves in between
        old = journal.get(1)
        journal.update(1, old.interview.replace(notes="from elsewhere"))
    app.history.due._slots[1].buttons["followed"].click()
    with open_journal(path) as journal:
        now = journal.get(1)
    assert now.interview.followed_up is None and now.interview.notes == "from elsewhere"
    assert "Not recorded" in app.history.due.status.value


def test_open_moves_the_form_to_the_item(tmp_path: Path):
    app = _app(tmp_path / "j.sqlite3", make("Acme", days_ago=8))
    app.history.due._slots[0].buttons["open"].click()
    assert app.state.linked is not None and app.state.linked.id == 1


def test_focus_goes_somewhere_sensible_after_open_and_delete(tmp_path: Path):
    app = _app(tmp_path / "j.sqlite3", make("Acme", days_ago=8), make("Beta", days_ago=3))
    panel = app.history
    panel.selected = [1]
    panel.open_selected()
    assert app.state.linked is not None and app.aid.focus_hook == "ik-company"
    app.show("History")
    panel.selected = [2]
    panel.ask_delete()
    assert app.aid.focus_hook == "ik-history-cancel"  # the safe answer first
    panel.cancel_delete(panel.cancel_button)
    assert app.aid.focus_hook == "ik-history-delete"
    panel.ask_delete()
    panel.confirm_delete(panel.confirm_button)
    assert app.aid.focus_hook == "ik-history-search"  # never the page's body
