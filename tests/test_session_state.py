"""What the page holds as the user moves between interviews: New interview, Next
round, Save, a recorded outcome and History's Open all go through Session.begin,
so nothing carries over unless asked. A real journal file in a temporary folder;
state is checked in the widgets and in the file itself."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path

import pytest

from interview_kit.core.interview import Interview
from interview_kit.core.scoring import score
from interview_kit.core.weights import default_weights
from interview_kit.journal.records import DEFAULT_PROFILE
from interview_kit.journal.store import open_journal
from interview_kit.ui.app import App
from interview_kit.ui.events import ReadingChanged
from interview_kit.ui.form import UNSET
from interview_kit.ui.journal import PENDING
from interview_kit.ui.kit import local_time
from interview_kit.ui.session import NEW_MINUTES, new_interview


def _interview(**kw) -> Interview:
    fields = dict(
        company="Acme",
        role="Analyst",
        date="2026-11-20",
        stage="onsite",
        scheduled_minutes=45,
        actual_minutes=52.5,
        behavioral_share=0.37,
        signals={"engagement": 1.5, "comfort": 2},
        notes="went fine",
    )
    return Interview.create(**{**fields, **kw})


@pytest.fixture
def path(tmp_path: Path) -> Path:
    return tmp_path / "journal.sqlite3"


@pytest.fixture
def app(path: Path) -> App:
    return App(journal=path)


def _saved_with_outcome(app: App):
    app.load(_interview())
    entry = app.journal_controls.save()
    app.journal_controls.outcome.value = "offer"
    app.journal_controls.outcome_date.value = dt.date(2026, 11, 28)
    return app.journal_controls.record_outcome() or entry


def _assert_blank(app: App) -> None:
    form = app.form
    assert (
        form.company.value,
        form.role.value,
        form.date.value,
        form.stage.value,
        form.actual.value,
        form.share.value,
        form.notes.value,
    ) == ("", "", None, "", "", UNSET, "")
    assert form.scheduled.value == f"{NEW_MINUTES:g}"
    assert all(c.value == UNSET for c in form.signal_controls.values())
    # The in-between values the last interview offered are gone from the menus too.
    assert all(
        isinstance(v, str) or float(v).is_integer()
        for c in form.signal_controls.values()
        for _, v in c.options
    )
    assert 0.37 not in [v for _, v in form.share.options]
    assert app.interview == new_interview()
    controls = app.journal_controls
    assert controls.linked is None and app.state.linked is None
    assert controls.outcome.value == PENDING and controls.outcome_date.value is None
    assert controls.outcome_button.disabled


def test_new_interview_carries_nothing_over(app: App, path: Path):
    first = _saved_with_outcome(app)
    assert first.outcome == "offer" and first.outcome_date == "2026-11-28"
    app.journal_controls.new()
    _assert_blank(app)
    assert "nothing is saved yet" in app.journal_controls.status.value
    # Saved as it stands: no outcome and no outcome date from the last one.
    app.form.company.value = "Beta"
    second = app.journal_controls.save()
    with open_journal(path) as journal:
        stored = journal.get(second.id)
        assert journal.get(first.id).outcome == "offer"
    assert (stored.interview.company, stored.outcome, stored.outcome_date) == ("Beta", None, None)
    assert stored.interview.signals["engagement"] is None and stored.interview.notes == ""


def test_next_round_keeps_company_and_role_only(app: App):
    _saved_with_outcome(app)
    assert "company" in app.journal_controls.next_round_button.description
    app.journal_controls.next_round()
    assert app.interview == new_interview(_interview())
    assert (app.form.company.value, app.form.role.value) == ("Acme", "Analyst")
    assert app.form.date.value is None and app.form.notes.value == ""
    assert app.interview.outcome is None and app.journal_controls.linked is None
    assert app.journal_controls.outcome_date.value is None
    assert "company and role kept" in app.journal_controls.status.value


def test_recording_an_outcome_rereads_at_once(app: App):
    app.load(_interview())
    app.journal_controls.save()
    readings = []
    app.session.on(ReadingChanged, lambda _e: readings.append(app.state.assessment))
    before = app.reading.value
    app.journal_controls.outcome.value = "rejected"
    entry = app.journal_controls.record_outcome()
    # No other control touched: the reading already follows the outcome.
    assert readings and app.interview.outcome == "rejected"
    assert app.assessment.advice == score(entry.interview, app.weights).advice
    assert app.reading.value != before
    assert app.assessment.advice != score(_interview(), app.weights).advice
    # Open it again later: the form carries the outcome, a save keeps it.
    app.journal_controls.new()
    app.journal_controls.save()
    app.history.refresh()
    app.history.pick(entry.id)
    app.history.open_selected()
    assert app.interview.outcome == "rejected" and app.journal_controls.linked.id == entry.id
    assert app.journal_controls.outcome.value == "rejected"
    assert app.journal_controls.outcome_date.value == dt.date.fromisoformat(entry.outcome_date)


def test_saving_without_a_change_makes_no_revision(app: App, path: Path):
    app.load(_interview())
    first = app.journal_controls.save()
    again = app.journal_controls.save()
    assert again.revision == first.revision == 1
    assert "No changes since revision 1" in app.journal_controls.status.value
    # The same outcome recorded twice: one revision for it.
    app.journal_controls.outcome.value = "offer"
    app.journal_controls.outcome_date.value = dt.date(2026, 11, 28)
    assert app.journal_controls.record_outcome().revision == 2
    assert app.journal_controls.record_outcome().revision == 2
    app.form.notes.value = "second thoughts"
    assert app.journal_controls.save().revision == 3
    with open_journal(path) as journal:
        assert journal.get(first.id).revision == 3


def test_outcome_date_left_blank_is_todays_local_date(app: App):
    app.load(_interview(date=None))
    app.journal_controls.save()
    app.journal_controls.outcome.value = "offer"
    entry = app.journal_controls.record_outcome()
    assert entry.outcome_date == dt.date.today().isoformat()


def test_reset_names_the_default_profile(app: App):
    app.weights_panel.profiles.save("strict")
    app.session.set_weights({"engagement": 3.0})
    app.weights_panel.profiles.save("strict2")
    app.weights_panel.profiles.load("strict2")
    assert app.weights_panel.profile == "strict2"
    app.weights_panel.reset_button.click()
    assert app.weights_panel.profile == DEFAULT_PROFILE == app.state.profile
    assert app.weights == default_weights()


@pytest.fixture
def paris(monkeypatch):
    monkeypatch.setenv("TZ", "Europe/Paris")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_times_are_shown_in_local_time(app: App, paris):
    assert local_time("2026-11-20T17:05:09.123456+00:00") == "2026-11-20 18:05"
    app.load(_interview())
    entry = app.journal_controls.save()
    status = app.journal_controls.status.value
    assert local_time(entry.updated) in status and "UTC" not in status


# -- the page's state is the source: unsaved, Save saves everything, ask, merge, drafts --


def _status(app: App) -> str:
    return app.journal_controls.status.value


def test_an_outcome_picked_then_saved_is_kept_with_its_date(app: App, path: Path):
    app.load(_interview())
    first = app.journal_controls.save()
    app.journal_controls.outcome.value = "no_response"
    app.journal_controls.outcome_date.value = dt.date(2026, 11, 27)
    assert app.state.unsaved and "Unsaved changes" in _status(app)
    assert app.interview.outcome == "no_response"  # the reading follows the page
    entry = app.journal_controls.save()
    assert entry.revision == first.revision + 1
    assert (entry.outcome, entry.outcome_date) == ("no_response", "2026-11-27")
    # The menu keeps what was saved; nothing is unsaved now.
    assert app.journal_controls.outcome.value == "no_response"
    assert not app.state.unsaved and "Unsaved" not in _status(app)
    with open_journal(path) as journal:
        assert journal.get(first.id).outcome_date == "2026-11-27"


def test_unsaved_shows_and_clears_when_the_change_is_undone(app: App):
    app.load(_interview())
    app.journal_controls.save()
    assert not app.state.unsaved
    app.form.signal_controls["eye_contact"].value = 2.0
    assert app.state.unsaved and "Unsaved changes" in _status(app)
    assert app.aid.unsaved  # the browser asks before a reload or a closed tab
    assert "ik-unsaved" in app.journal_controls.status._dom_classes
    app.form.signal_controls["eye_contact"].value = UNSET
    assert not app.state.unsaved and "Unsaved" not in _status(app)
    assert "Saved as #" in _status(app) and not app.aid.unsaved
    assert "ik-unsaved" not in app.journal_controls.status._dom_classes
    # A new, untouched interview has nothing unsaved; typing makes it so.
    app.journal_controls.new()
    assert not app.state.unsaved
    app.form.company.value = "Beta"
    assert app.state.unsaved


def test_a_refusal_in_the_status_goes_once_the_value_is_fixed(app: App):
    app.form.scheduled.value = "soon"
    app.journal_controls.save()
    assert "fix the value" in _status(app)
    app.form.scheduled.value = "45"
    assert "fix the value" not in _status(app)
    assert app.error_box.value == ""


def test_new_and_open_ask_before_discarding(app: App):
    app.load(_interview())
    saved = app.journal_controls.save()
    app.form.notes.value = "not saved yet"
    app.journal_controls.new()
    assert app.confirm.asking and app.form.notes.value == "not saved yet"
    assert app.aid.focus_hook == "ik-confirm-keep"  # the focus moves into the question
    app.confirm.keep_button.click()
    assert not app.confirm.asking and app.form.notes.value == "not saved yet"
    assert app.aid.focus_hook == "ik-new"  # and back to the button that asked
    app.history.refresh()
    app.history.pick(saved.id)
    app.history.open_selected()
    assert app.confirm.asking and app.form.notes.value == "not saved yet"
    app.confirm.discard_button.click()
    assert app.form.notes.value == "went fine" and not app.state.unsaved
    # Nothing unsaved: no question.
    app.journal_controls.new()
    assert not app.confirm.asking and app.form.company.value == ""


def test_a_change_made_elsewhere_survives_the_pages_save(app: App, path: Path):
    app.load(_interview())
    first = app.journal_controls.save()
    with open_journal(path) as journal:  # the CLI records an outcome meanwhile
        journal.set_outcome(first.id, "offer", "2026-11-28")
        journal.set_thank_you_sent(first.id, "2026-11-21")
    app.form.notes.value = "a note typed in the page"
    entry = app.journal_controls.save()
    assert entry is not None and entry.revision == 4
    stored = entry.interview
    assert (stored.notes, stored.outcome, stored.thank_you_sent, entry.outcome_date) == (
        "a note typed in the page",
        "offer",
        "2026-11-21",
        "2026-11-28",
    )
    assert "merged" in _status(app)
    assert app.journal_controls.outcome.value == "offer" and not app.state.unsaved


def test_the_same_field_changed_on_both_sides_is_asked(app: App, path: Path):
    app.load(_interview())
    first = app.journal_controls.save()
    with open_journal(path) as journal:
        journal.update(first.id, first.interview.replace(notes="theirs"))
    app.form.notes.value = "mine"
    app.form.company.value = "Acme Ltd"
    assert app.journal_controls.save() is None
    question = app.journal_controls.conflicts
    assert question.asking
    ((conflict, choice),) = question._choices
    assert (conflict.key, conflict.mine, conflict.theirs) == ("notes", "mine", "theirs")
    choice.value = "theirs"
    app.form.role.value = "typed while asked"  # an edit made while the question is open
    question.save_button.click()
    with open_journal(path) as journal:
        stored = journal.get(first.id)
    assert (stored.interview.notes, stored.interview.company) == ("theirs", "Acme Ltd")
    assert stored.interview.role == "typed while asked"
    assert stored.revision == 3 and not app.state.unsaved


def test_unsaved_work_is_kept_as_a_draft_and_offered_back(path: Path):
    first = App(journal=path)
    first.aid.hello = {"tab": "tab-one", "live": []}
    first.form.company.value = "Draft Co"
    first.form.scheduled.value = "4x"  # half-typed: kept as typed
    first.journal_controls.outcome.value = "offer"
    with open_journal(path) as journal:
        (draft,) = journal.drafts()
        assert draft.key == "tab-one" and journal.entries() == []
    # A reload of the same tab (a new kernel): its own draft is offered.
    again = App(journal=path)
    again.aid.hello = {"tab": "tab-one", "live": []}
    assert again.drafts.offer.layout.display != "none"
    assert "Restore the unsaved interview from" in again.drafts.restore_button.description
    again.drafts.restore_button.click()
    assert again.form.company.value == "Draft Co" and again.form.scheduled.value == "4x"
    assert again.journal_controls.outcome.value == "offer" and again.state.unsaved
    # Another tab still open keeps its own draft; a closed tab's draft is offered.
    other = App(journal=path)
    other.aid.hello = {"tab": "tab-two", "live": ["tab-one"]}
    assert other.drafts.offer.layout.display == "none"
    closed = App(journal=path)
    closed.aid.hello = {"tab": "tab-three", "live": []}
    assert closed.drafts.offer.layout.display != "none"
    # Saving removes the draft.
    again.form.scheduled.value = "45"
    assert again.journal_controls.save() is not None
    with open_journal(path) as journal:
        assert journal.drafts() == []


def test_a_draft_that_cannot_be_written_says_so(app: App, monkeypatch):
    app.aid.hello = {"tab": "tab-x", "live": []}
    journal = app.session.journal()

    def refuse(*_args, **_kw):
        raise OSError("disk full")

    monkeypatch.setattr(journal, "save_draft", refuse)
    app.form.company.value = "Still working"
    assert "could not be kept as a draft" in app.drafts.status.value
    assert app.state.unsaved and app.interview.company == "Still working"


def test_the_reading_is_derived_from_the_values_alone():
    from interview_kit.ui.derive import derive

    values = {**_interview().to_dict(), "scheduled_minutes": "1h 30", "outcome": None}
    first, again = derive(values, default_weights()), derive(dict(values), default_weights())
    assert first == again and first.error is None
    assert first.interview.scheduled_minutes == 90
    assert first.assessment == score(first.interview, default_weights())
    wrong = derive({**values, "scheduled_minutes": "soon"}, default_weights())
    assert wrong.interview is None and wrong.error.field == "scheduled_minutes"
    # A wrong weight is named even while the form is half-typed.
    both = derive({**values, "scheduled_minutes": "soon"}, {"engagement": -1})
    assert both.error.field.startswith("weights")


def test_unsaved_is_a_comparison_of_records_and_save_dates_a_new_outcome():
    from interview_kit.ui.record import PageRecord, differs, outcome_date_to_save

    saved = PageRecord(_interview())
    assert not differs(PageRecord(_interview()), saved)
    assert differs(PageRecord(_interview(notes="more")), saved)
    assert differs(PageRecord(_interview(), "2026-11-28"), saved)
    assert differs(None, saved)  # a value being fixed is never "saved"
    today = dt.date(2026, 11, 30)
    offer = PageRecord(_interview(outcome="offer"))
    assert outcome_date_to_save(offer, None, today) == "2026-11-30"
    assert (
        outcome_date_to_save(PageRecord(_interview(outcome="offer"), "2026-11-25"), None, today)
        == "2026-11-25"
    )
    assert outcome_date_to_save(saved, None, today) is None


def test_events_are_classes_and_tabs_come_from_the_registry(app: App):
    from interview_kit.ui.events import JournalChanged
    from interview_kit.ui.panels import PANELS
    from interview_kit.ui.session import Session

    with pytest.raises(TypeError):
        app.session.on("journal", print)  # a string topic would never be heard
    heard = []
    app.session.on(JournalChanged, heard.append)
    app.session.announce(JournalChanged())
    assert heard == [JournalChanged()]
    assert list(app.tabs.titles)[1:] == [spec.title for spec in PANELS]
    Session().load(_interview())  # a request with no App to carry it out: nothing


def test_the_draft_offered_is_this_tabs_own_else_a_closed_tabs():
    from interview_kit.journal.store import Draft
    from interview_kit.ui.drafts import pick_offer

    def draft(key):
        return Draft(key, {}, None, None, "2026-11-20T10:00:00+00:00")

    newest_first = [draft("open-tab"), draft("closed-tab"), draft("me")]
    assert pick_offer(newest_first, "me", ["open-tab"]).key == "me"
    assert pick_offer(newest_first, "new", ["open-tab"]).key == "closed-tab"
    assert pick_offer(newest_first[:1], "new", ["open-tab"]) is None


def test_a_fixed_weight_takes_its_refusals_with_it(app: App):
    weight = app.weights_panel.controls["engagement"]
    weight.value = -1.0
    app.weights_panel.profiles.save("broken")
    assert "Not saved" in app.weights_panel.profiles.message.value
    app.journal_controls.save()
    assert "fix the value" in _status(app)
    weight.value = 1.0
    assert app.weights_panel.profiles.message.value == ""
    assert "fix the value" not in _status(app) and app.error_box.value == ""


def test_typing_before_answering_the_offer_never_overwrites_the_draft(path: Path):
    first = App(journal=path)
    first.aid.hello = {"tab": "tabA", "live": []}
    first.form.company.value = "Kept Co"
    again = App(journal=path)  # the same tab, reloaded
    again.aid.hello = {"tab": "tabA", "live": []}
    again.form.company.value = "Typed first"  # before answering the offer
    with open_journal(path) as journal:
        assert {d.data["page"]["values"]["company"] for d in journal.drafts()} == {
            "Kept Co",
            "Typed first",
        }
    again.drafts.restore_button.click()
    assert again.form.company.value == "Kept Co"
    with open_journal(path) as journal:
        (kept,) = journal.drafts()  # the restored one, under this page's key
    assert kept.data["page"]["values"]["company"] == "Kept Co"


def test_the_conflict_question_names_an_outcome_in_words(app: App, path: Path):
    app.load(_interview())
    first = app.journal_controls.save()
    with open_journal(path) as journal:
        journal.set_outcome(first.id, "offer", "2026-11-28")
    app.journal_controls.outcome.value = "rejected"
    app.journal_controls.outcome_date.value = dt.date(2026, 11, 29)
    assert app.journal_controls.save() is None
    words = [row.children[0].value for row in app.journal_controls.conflicts.rows.children]
    assert words == [
        "Outcome: here “Rejected” · elsewhere “Offer”",
        "Outcome date: here “2026-11-29” · elsewhere “2026-11-28”",
    ]


def test_moving_on_withdraws_an_open_merge_question(app: App, path: Path):
    app.load(_interview())
    first = app.journal_controls.save()
    with open_journal(path) as journal:
        journal.update(first.id, first.interview.replace(notes="theirs"))
    app.form.notes.value = "mine"
    assert app.journal_controls.save() is None and app.journal_controls.conflicts.asking
    app.journal_controls.new()
    app.confirm.discard_button.click()
    assert not app.journal_controls.conflicts.asking
    assert app.journal_controls.conflicts.container.layout.display == "none"
