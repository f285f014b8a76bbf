"""The thank-you and check-in drafts fit the moment (issue 23): the outcome, the note
sent or not, your interest, the days passed, the decision date; a topic phrased as a
topic; no phrase twice; ``interview-kit follow-up ID`` prints the check-in draft."""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from interview_kit.core.check_in import check_in_draft, check_in_status
from interview_kit.core.draft_parts import topic_of
from interview_kit.core.interview import Interview
from interview_kit.core.outcomes import OUTCOMES
from interview_kit.core.thank_you import thank_you_draft, thank_you_status

DAY = dt.date(2026, 11, 20)
ENTHUSIASM = re.compile(r"keen|look forward|very interested|even more", re.I)


def make(**fields):
    fields.setdefault("date", DAY.isoformat())
    return Interview.create(scheduled_minutes=45, **fields)


def repeated_phrase(text: str, n: int = 4) -> str | None:
    """A run of ``n`` words said twice in ``text`` (None when nothing repeats)."""
    words = re.findall(r"[\w']+", text.lower())
    seen: set[tuple[str, ...]] = set()
    for i in range(len(words) - n + 1):
        gram = tuple(words[i : i + n])
        if gram in seen:
            return " ".join(gram)
        seen.add(gram)
    return None


@settings(max_examples=200, deadline=None)
@given(
    outcome=st.sampled_from([None, *OUTCOMES]),
    later=st.integers(-2, 90),
    interest=st.none() | st.integers(1, 5),
    role=st.sampled_from(["", "Analyst"]),
    company=st.sampled_from(["", "Acme"]),
    told=st.none() | st.integers(0, 30),
    sent=st.booleans(),
    people=st.integers(0, 3),
    asked=st.sampled_from([[], ["Why should we hire you?"], ["How would you model churn?"]]),
)
def test_no_phrase_twice_and_enthusiasm_only_when_noted(
    outcome, later, interest, role, company, told, sent, people, asked
):
    interview = make(
        outcome=outcome,
        role=role,
        company=company,
        my_read={"interest": interest},
        decision_by=None if told is None else (DAY + dt.timedelta(told)).isoformat(),
        thank_you_sent=DAY.isoformat() if sent else None,
        interviewers=[{"name": n} for n in ["Ana", "Bo", "Cy"][:people]],
        questions=asked,
    )
    today = DAY + dt.timedelta(later)
    for draft in (thank_you_draft(interview, today), check_in_draft(interview, today)):
        assert repeated_phrase(draft) is None, draft
        assert draft.count("the role") <= 1
        assert "\u201c" not in draft  # never a question quoted
        if interest is not None and interest <= 2:
            assert not ENTHUSIASM.search(draft), draft
        if outcome in ("rejected", "withdrawn", "no_response"):
            assert "look forward" not in draft and "next steps" not in draft


def test_an_empty_form_names_the_role_once():
    draft = thank_you_draft(Interview.create(scheduled_minutes=30), DAY)
    assert draft.count("role") == 1


def test_after_a_rejection_the_thank_you_thanks_and_the_check_in_asks_for_feedback():
    interview = make(outcome="rejected", role="Analyst", my_read={"interest": 5})
    thanks = thank_you_draft(interview, DAY + dt.timedelta(10))
    assert "letting me know" in thanks and "next steps" not in thanks
    assert "feedback" in check_in_draft(interview, DAY + dt.timedelta(10))


def test_a_sent_note_is_not_asked_for_again_and_the_check_in_is_offered():
    interview = make(thank_you_sent="2026-11-21")
    status = thank_you_status(interview, DAY + dt.timedelta(3))
    assert "went out" in status and "check-in" in status


def test_the_check_in_waits_for_the_date_they_named():
    interview = make(decision_by="2026-12-04", my_read={"interest": 4})
    early = check_in_status(interview, dt.date(2026, 11, 25))
    assert "early" in early and "4 Dec" in early and "5 Dec" in early
    assert check_in_status(interview, dt.date(2026, 12, 6)) == ""
    draft = check_in_draft(interview, dt.date(2026, 12, 6))
    assert "answer by 4 Dec" in draft and "still very interested" in draft
    weeks = check_in_draft(interview, dt.date(2027, 1, 10))
    assert "7 weeks" in weeks and "filled" in weeks


def test_nothing_to_follow_up_after_withdrawing():
    interview = make(outcome="withdrawn")
    assert check_in_draft(interview, DAY) == ""
    assert "nothing to follow up" in check_in_status(interview, DAY)


def test_topics_are_phrased_as_topics():
    assert topic_of("How would you deploy a model that drifts?") == (
        "how to deploy a model that drifts"
    )
    assert topic_of("Tell me about a time you led a project") == "a time I led a project"
    assert topic_of("Why should we hire you?") is None
    assert topic_of("What keeps you up at night?") is None  # no known shape: not quoted
    assert topic_of("data pipelines") == "data pipelines"


def test_follow_up_prints_the_check_in_draft(tmp_path):
    import json
    import subprocess
    import sys

    journal = tmp_path / "j.sqlite"
    record = tmp_path / "i.json"
    record.write_text(
        json.dumps(
            {
                "schema": 2,
                "scheduled_minutes": 45,
                "company": "Acme",
                "role": "Analyst",
                "date": "2026-11-20",
                "interviewers": [{"name": "Ana Ruiz"}],
            }
        )
    )

    def ik(*args):
        command = "from interview_kit.cli.main import run; run()"
        return subprocess.run(
            [sys.executable, "-c", command, *args, "--journal", str(journal)],
            capture_output=True,
            text=True,
        )

    added = ik("journal", "add", str(record))
    assert added.returncode == 0, added.stderr
    id_ = added.stdout.strip()
    out = ik("follow-up", id_, "--today", "2026-12-01")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("Hi Ana,") and "where things stand" in out.stdout
    assert "never sends anything" in " ".join(out.stdout.split())
    early = ik("follow-up", id_, "--today", "2026-11-21")
    assert "It is early" in early.stdout
    bad = ik("follow-up", id_, "--today", "soon")
    assert bad.returncode == 2 and "--today" in bad.stderr
