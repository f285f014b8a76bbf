"""The debrief fields of schema 2: checked once, named by place, round-tripped exactly."""

from __future__ import annotations

import pytest

from interview_kit.core.debrief import Exchange, MyRead, Person, repeated_questions
from interview_kit.core.errors import InputError
from interview_kit.core.interview import Interview

DEBRIEF = {
    "decision_by": "2026-12-05",
    "thank_you_sent": "2026-11-21",
    "interviewers": [{"name": "Ana Ruiz", "role": "Team lead"}, {"name": "Bo", "role": ""}],
    "questions": [
        {"question": "Why this team?", "answer": "Spoke about the data platform"},
        {"question": "A hard bug", "answer": ""},
    ],
    "my_questions": ["How is on-call shared?"],
    "went_well": "The system design part",
    "my_read": {"interest": 4, "red_flags": "Vague about the budget"},
}


def test_a_full_debrief_is_schema_2_and_round_trips_exactly():
    interview = Interview.create(scheduled_minutes=45, **DEBRIEF)
    data = interview.to_dict()
    assert data["schema"] == 2
    assert {k: data[k] for k in DEBRIEF} == DEBRIEF
    assert Interview.from_json(interview.to_json()) == interview
    assert interview.interviewers[0] == Person("Ana Ruiz", "Team lead")
    assert interview.questions[1] == Exchange("A hard bug")
    assert interview.my_read == MyRead(4, "Vague about the budget")


def test_no_debrief_stays_schema_1_and_empty_parts_are_not_written():
    plain = Interview.create(scheduled_minutes=45, interviewers=[], my_read={"interest": None})
    assert plain.to_dict()["schema"] == 1 and not plain.has_debrief
    assert not set(plain.to_dict()) & set(DEBRIEF)


def test_plain_strings_are_a_name_and_a_question():
    interview = Interview.create(
        scheduled_minutes=30, interviewers=["Ana"], questions=["Why us?"], my_read={"interest": 3.0}
    )
    assert interview.interviewers == (Person("Ana"),)
    assert interview.questions == (Exchange("Why us?"),)
    assert interview.my_read.interest == 3 and isinstance(interview.my_read.interest, int)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"my_read": {"interest": 6}},
            "Still interested (1-5) (my_read.interest): must be a whole",
        ),
        ({"my_read": {"interest": 2.5}}, "(my_read.interest): must be a whole number from 1"),
        ({"my_read": {"interest": True}}, "(my_read.interest)"),
        (
            {"my_read": {"mood": 1}},
            "my_read.mood: is not a part of it (parts: interest, red_flags)",
        ),
        ({"my_read": "fine"}, "Your read of them (my_read): must be an object"),
        ({"interviewers": [{"name": " "}]}, "Person 1, name (interviewers[0].name): must not be"),
        ({"interviewers": "Ana"}, "Who you met (interviewers): must be a list"),
        ({"interviewers": [{"name": "a" * 201}]}, "must be at most 200 characters"),
        ({"interviewers": [{"name": "A"}] * 21}, "must hold at most 20 items (got '21 items')"),
        (
            {"questions": [{"question": "q", "answer": 3}]},
            "Question 1, your answer (questions[0].answer): must be text (got 3)",
        ),
        ({"questions": [7]}, "Question 1 (questions[0]): must be an object with question and"),
        ({"my_questions": ["ok", ""]}, "Your question 2 (my_questions[1]): must not be empty"),
        ({"decision_by": "2026-02-30"}, "Decision expected by (decision_by): must be a real date"),
        ({"thank_you_sent": 20261121}, "Thank-you sent on (thank_you_sent): must be a date"),
    ],
)
def test_a_bad_debrief_value_is_one_line_naming_its_place(change, message):
    with pytest.raises(InputError) as caught:
        Interview.create(scheduled_minutes=45, **change)
    assert message in str(caught.value) and "\n" not in str(caught.value)


def test_repeated_questions_count_each_interview_once_ignoring_case_and_spacing():
    asked = [
        [Exchange("Why this company?"), Exchange("why this  company")],
        [Exchange("Why this company"), Exchange("Tell me about a conflict")],
        [Exchange("tell me about a conflict."), Exchange("Salary?")],
        [Exchange("WHY THIS COMPANY?")],
    ]
    assert repeated_questions(asked) == [("Why this company?", 3), ("Tell me about a conflict", 2)]
    assert repeated_questions(asked, at_least=4) == []
