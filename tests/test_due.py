"""What is due (core/due), applications (core/applications) and the thank-you draft."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from interview_kit.core.applications import group_applications
from interview_kit.core.due import due_for, due_list, follow_up_due, thank_you_due
from interview_kit.core.interview import Interview
from interview_kit.core.outcomes import OUTCOMES
from interview_kit.core.thank_you import thank_you_draft

TODAY = dt.date(2026, 11, 30)
days = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2100, 12, 31))


def make(**fields):
    return Interview.create(scheduled_minutes=45, company="Acme", role="Analyst", **fields)


@given(
    day=days,
    told=st.none() | days,
    sent=st.none() | days,
    outcome=st.sampled_from((None, *OUTCOMES)),
)
def test_due_rules_hold_for_any_dates(day, told, sent, outcome):
    interview = make(
        date=day.isoformat(),
        outcome=outcome,
        decision_by=told and told.isoformat(),
        thank_you_sent=sent and sent.isoformat(),
    )
    items = due_for(interview, 7)
    if outcome is not None:  # nothing is due after an outcome
        assert items == []
        return
    kinds = {d.kind: d.due for d in items}
    assert ("thank_you" in kinds) == (sent is None)
    if sent is None:
        assert kinds["thank_you"] == day + dt.timedelta(days=1)
    follow = kinds["follow_up"]
    assert follow > day
    if told is not None:  # never before the decision date; the day after it
        assert follow > told and follow == max(told, day) + dt.timedelta(days=1)
    else:
        assert follow == day + dt.timedelta(days=7)


@given(
    st.lists(st.tuples(days, st.none() | days, st.sampled_from((None, "offer"))), max_size=12),
    st.integers(0, 60),
)
def test_due_list_is_the_window_overdue_first_then_by_date(rows, window):
    interviews = [
        (i, make(date=d.isoformat(), decision_by=t and t.isoformat(), outcome=o))
        for i, (d, t, o) in enumerate(rows)
    ]
    items = due_list(interviews, today=TODAY, days=window)
    every = [d for i, interview in interviews for d in due_for(interview, i)]
    assert sorted(items, key=repr) == sorted(
        [d for d in every if d.due <= TODAY + dt.timedelta(days=window)], key=repr
    )
    assert [d.due for d in items] == sorted(d.due for d in items)
    overdue = [d.overdue(TODAY) for d in items]
    assert overdue == sorted(overdue, reverse=True)


def test_no_date_nothing_due_and_the_json_shape():
    assert due_for(make()) == []
    assert thank_you_due(make()) is None and follow_up_due(make()) is None
    item = due_list([(3, make(date="2026-11-29"))], today=TODAY)[0]
    assert item.to_dict() == {
        "id": 3,
        "kind": "thank_you",
        "due": "2026-11-30",
        "company": "Acme",
        "role": "Analyst",
    }


def test_rounds_group_by_company_and_role_ignoring_case_with_the_latest_status():
    rounds = [
        (1, make(date="2026-11-02", outcome="next_round")),
        (
            2,
            Interview.create(
                scheduled_minutes=30, company=" acme", role="ANALYST", date="2026-11-20"
            ),
        ),
        (3, make(date="2026-10-01", outcome="next_round")),
        (
            4,
            Interview.create(
                scheduled_minutes=30,
                company="Beta",
                role="Analyst",
                date="2026-09-01",
                outcome="rejected",
            ),
        ),
    ]
    acme, beta = group_applications(rounds)
    assert [i for i, _ in acme.rounds] == [3, 1, 2]
    assert acme.status == "interviewing" and acme.status_words == "Interviewing"
    assert (acme.first_date, acme.last_date) == ("2026-10-01", "2026-11-20")
    assert beta.status == "rejected" and beta.status_words == "Rejected"


def test_the_draft_names_people_role_company_and_one_topic_as_plain_text():
    interview = make(
        interviewers=[{"name": "Ana Ruiz"}, {"name": "<b>Bo</b>"}],
        questions=[{"question": "How would you test a pipeline?"}],
    )
    draft = thank_you_draft(interview, TODAY)
    assert draft.startswith("Hi Ana and <b>Bo</b>,")
    assert "the Analyst role at Acme" in draft
    assert "about how to test a pipeline" in draft  # a topic, not the question quoted
    assert thank_you_draft(Interview.create(scheduled_minutes=30), TODAY).startswith("Hello,")


def test_the_draft_mentions_a_topic_and_never_quotes_a_generic_question():
    generic = make(
        questions=["Why should we hire you?", "Tell me about yourself"], my_questions=["Team size?"]
    )
    draft = thank_you_draft(generic, TODAY)
    assert "hire you" not in draft and "yourself" not in draft and "\u201c" not in draft
    assert "answering my questions" in draft
    asked = make(questions=["Why should we hire you?", "Tell me about a time you failed"])
    assert "about a time I failed" in thank_you_draft(asked, TODAY)
    assert "especially" not in thank_you_draft(make(), TODAY)


def test_a_check_in_sent_ends_the_follow_up_but_not_the_thank_you() -> None:
    """``followed_up`` (a date) settles the follow-up reminder, as ``thank_you_sent``
    settles the thank-you; the journal's query reads it from the stored JSON."""
    import datetime as dt

    from interview_kit.core.due import due_list
    from interview_kit.core.interview import Interview

    base = Interview.create(scheduled_minutes=45, company="Acme", role="Analyst", date="2026-11-20")
    today = dt.date(2026, 12, 6)
    assert [d.kind for d in due_list([(1, base)], today=today)] == ["thank_you", "follow_up"]
    done = base.replace(followed_up="2026-12-01")
    assert [d.kind for d in due_list([(1, done)], today=today)] == ["thank_you"]
    assert Interview.from_dict(done.to_dict()).followed_up == "2026-12-01"
