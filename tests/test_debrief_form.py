"""The form's Debrief section without a browser: built on first opening, every value
through the one update funnel into the Interview, messages in the user's words at
the very control, saved and re-opened through a real SQLite journal, the thank-you
draft as plain text; and the workbook's debrief tables."""

import datetime as dt
import html
import json
import warnings

import ipywidgets as w
import pytest

from interview_kit import Interview
from interview_kit.core.debrief import MAX_INTERVIEWERS, QUESTION_LIMIT
from interview_kit.core.thank_you import DRAFT_NOTE, thank_you_draft
from interview_kit.journal.store import open_journal
from interview_kit.ui.app import App
from interview_kit.ui.debrief import DRAFT_HIDE, DRAFT_SHOW, EMPTY_TITLE, NOT_SURE
from interview_kit.ui.workbook import due_table, journal_date, repeated_questions_table

HOSTILE = "<b>Ana</b><img src=x onerror=alert(1)>"

DEBRIEFED = Interview.create(
    company="Acme",
    role="Data analyst",
    date="2026-11-20",
    scheduled_minutes=45,
    signals={"engagement": 1},
    went_well="my roadmap question",
    decision_by="2026-12-04",
    thank_you_sent="2026-11-21",
    interviewers=[{"name": "Ana Diaz", "role": "hiring manager"}, {"name": "Bo"}],
    questions=[
        {"question": "Tell me about a conflict", "answer": "the STAR one"},
        {"question": "Why us?"},
    ],
    my_questions=["What does success look like?"],
    my_read={"interest": 4, "red_flags": "long hours"},
)


def _models() -> int:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        return len(w.Widget.widgets)


@pytest.fixture
def app():
    return App()


def _open(app):
    app.form.debrief.accordion.selected_index = 0  # as the user opens it
    return app.form.debrief


def test_the_section_is_collapsed_unbuilt_and_opening_builds_it_once(app):
    section = app.form.debrief
    assert section.accordion.selected_index is None and not section.built
    assert section.accordion.titles == (EMPTY_TITLE,)
    assert section.accordion in app.form.container.children
    assert "ik-debrief" in section.accordion._dom_classes
    before = _models()
    _open(app)
    assert section.built and _models() > before
    box = section.accordion.children[0]
    built = _models()
    section.accordion.selected_index = None
    section.accordion.selected_index = 0
    assert section.accordion.children[0] is box and _models() == built
    assert app.interview == Interview.create(scheduled_minutes=45)  # opening changes nothing


def test_every_debrief_value_flows_into_the_interview(app):
    section = _open(app)
    person = section.people.add()
    person.controls["name"].value = "Ana Diaz"
    person.controls["role"].value = "hiring manager"
    section.people.add().controls["name"].value = "Bo"
    asked = section.asked.add()
    asked.controls["question"].value = "Tell me about a conflict"
    asked.controls["answer"].value = "the STAR one"
    section.asked.add().controls["question"].value = "Why us?"
    section.mine.add().controls["text"].value = "What does success look like?"
    section.went_well.value = "my roadmap question"
    section.interest.value = 4
    section.red_flags.value = "long hours"
    section.decision_by.value = dt.date(2026, 12, 4)
    section.thank_you_sent.value = dt.date(2026, 11, 21)
    for name in ("company", "role"):
        getattr(app.form, name).value = getattr(DEBRIEFED, name)
    app.form.date.value = dt.date(2026, 11, 20)
    app.form.signal_controls["engagement"].value = 1.0
    assert app.error == ""
    assert app.interview == DEBRIEFED
    assert section.accordion.titles[0].startswith("Debrief: 2 people, 2 questions they asked")
    section.interest.value = NOT_SURE  # "not sure" is no number, not a 3
    assert app.interview.my_read.interest is None


def test_a_blank_row_is_no_item_and_never_an_error(app):
    section = _open(app)
    for rows in (section.people, section.asked, section.mine):
        rows.add()
    section.asked.rows[0].controls["answer"].value = "   "
    assert app.error == "" and not app.interview.has_debrief


@pytest.mark.parametrize(
    ("rows", "part", "value", "words"),
    [
        ("people", "role", "lead", "Person 2, name: must not be empty"),
        ("asked", "question", "x" * (QUESTION_LIMIT + 1), "Question 2, question: must be at most"),
        ("asked", "answer", "notes only", "Question 2, question: must not be empty"),
        ("mine", "text", "y" * (QUESTION_LIMIT + 1), "Your question 2: must be at most"),
    ],
)
def test_a_bad_row_is_marked_at_its_control_in_the_users_words(app, rows, part, value, words):
    section = _open(app)
    listing = getattr(section, rows)
    first, second = listing.add(), listing.add()
    first_part = next(iter(first.controls))
    first.controls[first_part].value = "fine"
    second.controls[part].value = value
    assert app.error and "out of date" in app.error_box.value
    assert "Debrief section" in app.error_box.value
    marked = [
        (row, key)
        for row in listing.rows
        for key in row.controls
        if "ik-invalid" in row.controls[key]._dom_classes
    ]
    [(row, key)] = marked
    assert row is second
    slot = row.messages.slot(key)
    message = html.unescape(slot.value)
    assert words in message and "role='alert'" in slot.value
    assert "[1]" not in message and "interviewers" not in message  # no internal names
    assert app.aid.invalid == {row.messages.hooks[key]: row.messages.message_ids[key]}
    # Removing the row removes the problem, the mark and the message with it.
    listing.remove(second)
    assert app.error == "" and app.aid.invalid == {}
    assert [r for r in listing.rows] == [first]


def test_messages_follow_the_rows_numbers_after_a_removal(app):
    section = _open(app)
    rows = [section.asked.add() for _ in range(3)]
    for n, row in enumerate(rows, start=1):
        row.controls["question"].value = f"question {n}"
    section.asked.remove(rows[0])
    assert [r.controls["question"].description for r in section.asked.rows] == [
        "Question 1",
        "Question 2",
    ]
    assert rows[2].remove_button.description == "Remove question 2"
    rows[2].controls["question"].value = ""
    rows[2].controls["answer"].value = "orphan notes"
    assert "Question 2, question: must not be empty" in html.unescape(
        rows[2].messages.slot("question").value
    )
    assert app.interview.questions == (
        Interview.create(scheduled_minutes=45, questions=["question 2"]).questions
    )  # the last valid one


def test_a_blank_row_before_a_bad_one_does_not_shift_the_mark(app):
    section = _open(app)
    blank, bad = section.people.add(), section.people.add()
    bad.controls["role"].value = "recruiter"
    assert "ik-invalid" in bad.controls["name"]._dom_classes
    assert "ik-invalid" not in blank.controls["name"]._dom_classes
    assert "Person 2, name" in html.unescape(bad.messages.slot("name").value)


def test_single_fields_are_marked_too_and_a_removed_row_frees_its_widgets(app):
    section = _open(app)
    section.accordion.selected_index = None  # closed again: a mistake re-opens it
    section.red_flags.value = "z" * 5000
    assert section.accordion.selected_index == 0
    slot = section._messages.slot("my_read.red_flags")
    assert "Anything that worried you: must be at most" in html.unescape(slot.value)
    assert "ik-invalid" in section.red_flags._dom_classes
    section.red_flags.value = ""
    assert app.error == "" and slot.value == ""
    before = _models()
    row = section.asked.add()
    row.controls["question"].value = "kept?"
    section.asked.remove(row)
    assert _models() == before


def test_the_keyboard_focus_follows_the_rows_through_the_page_aid(app):
    section = _open(app)
    section.asked.add_button.click()
    first = section.asked.rows[0]
    assert app.aid.focus_hook == first.messages.hooks["question"]  # into the new row
    assert app.aid.focus_hook in first.controls["question"]._dom_classes
    section.asked.add_button.click()
    second = section.asked.rows[1]
    first.remove_button.click()
    assert app.aid.focus_hook == second.messages.hooks["question"]  # the row in its place
    second.remove_button.click()
    assert app.aid.focus_hook in section.asked.add_button._dom_classes  # none left
    section.draft.button.click()
    assert app.aid.focus_hook in section.draft.text._dom_classes


def test_the_limit_holds_even_when_a_client_clicks_a_disabled_button(app):
    section = _open(app)
    for _ in range(MAX_INTERVIEWERS):
        section.people.add_button.click()
    assert section.people.add_button.disabled
    section.people.add_button.click()  # a browser can still send the click
    assert len(section.people.rows) == MAX_INTERVIEWERS


def test_a_saved_debrief_is_held_unbuilt_then_fills_the_rows(app):
    before = _models()
    app.load(DEBRIEFED)
    assert not app.form.debrief.built and _models() - before < 5
    assert app.interview == DEBRIEFED  # held values, not lost
    assert app.form.debrief.accordion.titles[0].startswith("Debrief: 2 people")
    section = _open(app)
    assert [r.values() for r in section.people.rows] == [
        {"name": "Ana Diaz", "role": "hiring manager"},
        {"name": "Bo", "role": ""},
    ]
    assert [r.controls["answer"].value for r in section.asked.rows] == ["the STAR one", ""]
    assert section.mine.rows[0].controls["text"].value == "What does success look like?"
    assert (section.interest.value, section.red_flags.value) == (4, "long hours")
    assert section.decision_by.value == dt.date(2026, 12, 4)
    assert section.went_well.value == "my roadmap question"
    assert app.interview == DEBRIEFED


def test_new_interview_clears_the_section_and_another_load_rebuilds_the_rows(app):
    app.load(DEBRIEFED)
    section = _open(app)
    section.asked.add()  # a blank row: cleared too
    app.journal_controls.new()
    app.confirm.discard_button.click()  # it was never saved: New asks first
    assert [len(r.rows) for r in (section.people, section.asked, section.mine)] == [0, 0, 0]
    assert (section.went_well.value, section.interest.value, section.decision_by.value) == (
        "",
        NOT_SURE,
        None,
    )
    assert section.accordion.titles == (EMPTY_TITLE,)
    assert not app.interview.has_debrief
    app.load(DEBRIEFED.replace(interviewers=[{"name": "Cy"}]))
    assert [r.controls["name"].value for r in section.people.rows] == ["Cy"]


def test_save_and_reopen_through_a_real_journal(tmp_path):
    path = tmp_path / "journal.sqlite3"
    app = App(journal=path)
    app.load(DEBRIEFED)
    section = _open(app)
    section.people.rows[1].controls["name"].value = HOSTILE
    entry = app.journal_controls.save()
    assert entry is not None and app.session.state.linked == entry
    with open_journal(path) as journal:
        stored = journal.get(entry.id).interview
    assert stored == app.interview and stored.interviewers[1].name == HOSTILE
    assert stored.questions == DEBRIEFED.questions and stored.my_read.interest == 4
    # Rows that hold exactly what was saved are kept (no churn, no lost focus).
    assert section.people.rows[1].controls["name"].value == HOSTILE
    # A new page on the same journal opens it from History: the section is filled.
    again = App(journal=path)
    again.history.shown()
    again.history.pick(entry.id)
    again.history.open_selected()
    assert again.interview == stored and again.session.state.linked.id == entry.id
    reopened = _open(again)
    assert reopened.people.rows[1].controls["name"].value == HOSTILE


def test_the_thank_you_draft_is_plain_text_that_follows_the_debrief(app):
    section = _open(app)
    draft = section.draft
    assert not draft.shown and draft.button.description == DRAFT_SHOW
    app.form.company.value = "Acme"
    section.people.add().controls["name"].value = HOSTILE
    draft.button.click()
    assert draft.shown and draft.button.description == DRAFT_HIDE
    assert draft.text.value == thank_you_draft(app.interview)
    assert HOSTILE.split("<img")[0] in draft.text.value  # the name, as typed
    assert isinstance(draft.text, w.Textarea) and "ik-readonly" in draft.text._dom_classes
    assert html.escape(DRAFT_NOTE) in draft.note.value
    section.asked.add().controls["question"].value = "Tell me about a conflict"
    assert "about a conflict" in draft.text.value  # it follows, as a topic
    for widget in (draft.note, app.reading, app.error_box, *app.form.messages._slots.values()):
        assert "<img" not in widget.value and "<b>Ana" not in widget.value
    draft.button.click()
    assert not draft.shown and draft.button.description == DRAFT_SHOW


def test_the_check_in_draft_sits_beside_the_thank_you_draft(app):
    from interview_kit.core.check_in import check_in_draft

    app.load(DEBRIEFED)
    section = _open(app)
    box = section.check_in
    assert not box.shown and box.container in section.accordion.children[0].children
    box.button.click()
    assert box.shown and box.text.value == check_in_draft(app.interview)
    assert "ik-readonly" in box.text._dom_classes and "ik-check-in" in box.text._dom_classes
    assert html.escape(DRAFT_NOTE) in box.note.value


def test_the_draft_opened_first_thing_drafts_the_interview_on_screen(app):
    app.load(DEBRIEFED)
    section = _open(app)
    section.draft.button.click()  # no change since opening: still the loaded one
    assert section.draft.text.value == thank_you_draft(DEBRIEFED)
    assert "Hi Ana and Bo," in section.draft.text.value


def test_the_json_view_shows_the_debrief(app):
    app.load(DEBRIEFED)
    app.json_view.selected_index = 0
    shown = json.loads(app.record_text.value)
    assert shown["schema"] == 2 and shown["interviewers"][0]["name"] == "Ana Diaz"
    assert shown["my_read"] == {"interest": 4, "red_flags": "long hours"}
    _open(app).people.rows[0].controls["name"].value = "Ana D."
    assert json.loads(app.record_text.value)["interviewers"][0]["name"] == "Ana D."


# -- the workbook's debrief tables ------------------------------------------------


def _journal_with_repeats(tmp_path):
    journal = open_journal(tmp_path / "repeats.sqlite3")
    asked = [
        ["Tell me about a conflict", "Why us?", "Where do you see yourself?"],
        ["tell me about  a CONFLICT?", "Why us"],
        ["Tell me about a conflict.", "What is your salary expectation?"],
        [],
    ]
    for n, questions in enumerate(asked):
        journal.add(
            Interview.create(
                company=f"Co {n}",
                role="Analyst",
                date=f"2026-11-{10 + n:02d}",
                scheduled_minutes=45,
                questions=questions,
                thank_you_sent="2026-11-11" if n == 0 else None,
                decision_by="2026-11-20" if n == 1 else None,
                outcome="rejected" if n == 2 else None,
            )
        )
    return journal


def test_repeated_questions_table_counts_interviews_not_mentions(tmp_path):
    with _journal_with_repeats(tmp_path) as journal:
        table = repeated_questions_table(journal.entries())
    assert table.rows == (("Tell me about a conflict", "3"), ("Why us?", "2"))
    assert table.caption.startswith("Questions asked in more than one interview")
    assert "3 of 4 interviews" in table.caption
    assert "<td style='text-align:left'>Why us?</td>" in table._repr_html_()


def test_repeated_questions_table_says_so_when_none_came_up_twice(tmp_path):
    with open_journal(tmp_path / "plain.sqlite3") as journal:
        journal.add(Interview.create(scheduled_minutes=45, questions=["<b>only once</b>"]))
        table = repeated_questions_table(journal.entries())
    assert table.rows == ()
    assert table.caption.startswith("No question came up in more than one interview yet")
    assert "<b>" not in table._repr_html_()


def test_due_table_is_the_core_rule_as_of_the_journals_date(tmp_path):
    with _journal_with_repeats(tmp_path) as journal:
        entries = journal.entries()
    assert journal_date(entries) == dt.date(2026, 11, 13)
    table = due_table(entries)
    assert table.caption.startswith("What is due as of 2026-11-13")
    # Co 0: thanked, follow-up a week on; Co 1: thank-you overdue, follow-up after
    # the named date; Co 2: decided (nothing); Co 3: thank-you tomorrow.
    assert [(r[0], r[1], r[2], r[3]) for r in table.rows] == [
        ("2026-11-12", "overdue", "Thank-you note", "Co 1"),
        ("2026-11-14", "due", "Thank-you note", "Co 3"),
        ("2026-11-17", "due", "Follow up", "Co 0"),
        ("2026-11-20", "due", "Follow up", "Co 3"),
    ]
    later = due_table(entries, today=dt.date(2026, 12, 31), days=0)
    assert [(r[3], r[2]) for r in later.rows] == [
        ("Co 1", "Thank-you note"),
        ("Co 3", "Thank-you note"),
        ("Co 0", "Follow up"),
        ("Co 3", "Follow up"),
        ("Co 1", "Follow up"),
    ]
    assert {r[1] for r in later.rows} == {"overdue"}
    assert due_table([], today=dt.date(2026, 1, 1)).caption.startswith("Nothing is due")
