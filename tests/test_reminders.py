"""Follow-up planner dates and the .ics file: well-formed RFC 5545, parsed back."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from interview_kit import InputError, Interview
from interview_kit.core.due import due_for, follow_up_due
from interview_kit.journal.reminders import (
    escape_text,
    fold,
    follow_up_offer,
    plan,
    to_ics,
    with_told,
)

STAMP = dt.datetime(2026, 11, 26, 4, 0, tzinfo=dt.UTC)


def unfold(text: str) -> list[str]:
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    assert text.endswith("\r\n")
    return text.replace("\r\n ", "").replace("\r\n\t", "").split("\r\n")[:-1]


def unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def parse(text: str) -> list[dict[str, str]]:
    """A small independent reader: VEVENTs as {name(with params): value}."""
    events, current, depth = [], None, []
    for line in unfold(text):
        name, _, value = line.partition(":")
        if name == "BEGIN":
            depth.append(value)
            if value == "VEVENT":
                current = {}
        elif name == "END":
            assert depth.pop() == value
            if value == "VEVENT":
                events.append(current)
        elif current is not None and depth[-1] == "VEVENT":
            current[name] = value
    assert depth == []
    return events


def _iv(date="2026-11-20", **fields):
    return Interview.create(scheduled_minutes=45, date=date, **fields)


def test_dates_come_from_core_due():
    """The planner asks core/due: thank-you the day after; follow-up a week after the
    interview when they named no date, else the day after the date they named (it was
    "7 days after the date they gave": the rule now lives in one module)."""
    thank, follow = plan(_iv())
    assert (thank.kind, thank.date) == ("thank_you", dt.date(2026, 11, 21))
    assert (follow.kind, follow.date) == ("follow_up", dt.date(2026, 11, 27))
    _, follow = plan(_iv(decision_by="2026-12-01"))
    assert follow.date == dt.date(2026, 12, 2) == follow_up_due(_iv(decision_by="2026-12-01"))
    assert "2026-12-01" in follow.description
    (follow,) = plan(_iv(thank_you_sent="2026-11-20"))  # sent: no thank-you reminder
    assert follow.kind == "follow_up"
    assert plan(_iv(outcome="offer")) == []  # decided: nothing is due


@given(
    day=st.dates(dt.date(2000, 1, 1), dt.date(2100, 1, 1)),
    told=st.none() | st.integers(-5, 60),
    sent=st.booleans(),
    outcome=st.sampled_from([None, "offer", "rejected"]),
)
def test_plan_and_the_due_list_agree(day, told, sent, outcome):
    """Property: the reminders are exactly core/due's items for the interview."""
    iv = _iv(
        day.isoformat(),
        outcome=outcome,
        decision_by=None if told is None else (day + dt.timedelta(days=told)).isoformat(),
        thank_you_sent=day.isoformat() if sent else None,
    )
    assert [(r.kind, r.date) for r in plan(iv)] == [(d.kind, d.due) for d in due_for(iv)]


def test_told_counts_as_the_decision_date():
    offer = follow_up_offer(
        _iv(decision_by="2026-11-25"), today=dt.date(2026, 11, 20), told="2026-12-01"
    )
    assert [r.date for r in offer.reminders] == [dt.date(2026, 11, 21), dt.date(2026, 12, 2)]
    assert with_told(_iv(), None) == _iv()
    assert with_told(_iv(), dt.date(2026, 11, 30)).decision_by == "2026-11-30"


@pytest.mark.parametrize(
    ("interview", "told", "field"),
    [
        (_iv(None), None, "date"),
        (_iv("9999-12-31"), None, "date"),
        (_iv(), "20/11/2026", "told"),
        (_iv(), "2026-11-01", "told"),
        (_iv(decision_by="9999-12-30"), None, "decision_by"),
    ],
)
def test_bad_input(interview, told, field):
    with pytest.raises(InputError) as info:
        plan(with_told(interview, told))
    assert info.value.field == field and "\n" not in str(info.value)


def test_ics_is_well_formed_and_user_text_escaped():
    company = 'Acme, Inc; "R&D" \\ Zürich\nline two ' + "é" * 60
    reminders = plan(_iv(company=company, role="Analyst"), key="journal-7")
    text = to_ics(reminders, stamp=STAMP)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events = parse(text)
    assert len(events) == 2
    assert [e["UID"] for e in events] == [
        "journal-7-thank_you@interview-kit.local",
        "journal-7-follow_up@interview-kit.local",
    ]
    assert all(e["DTSTAMP"] == "20261126T040000Z" for e in events)
    assert events[0]["DTSTART;VALUE=DATE"] == "20261121"
    assert events[0]["DTEND;VALUE=DATE"] == "20261122"
    assert events[1]["DTSTART;VALUE=DATE"] == "20261127"
    assert unescape(events[0]["SUMMARY"]) == f"Thank-you note: {company.strip()} / Analyst"
    # no raw separator survives in a value: every , ; is escaped
    assert re.search(r"(?<!\\)[,;]", events[0]["SUMMARY"]) is None
    assert "BEGIN:VALARM" in lines and "ACTION:DISPLAY" in lines
    assert "BEGIN:VALARM" not in to_ics(reminders, stamp=STAMP, alarm=False)


def test_fold_never_splits_a_character():
    line = "SUMMARY:" + "ü✓" * 100
    folded = fold(line)
    parts = folded.split("\r\n")
    assert all(len(p.encode()) <= 75 for p in parts)
    assert all(p.startswith(" ") for p in parts[1:])
    assert folded.replace("\r\n ", "") == line
    assert fold("short") == "short"


def test_escape_text():
    assert escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"


def test_follow_up_offer_only_while_waiting_and_for_days_ahead():
    """The one rule for the CLI and the dashboard: reminders (and their .ics) only
    with no outcome recorded, and only for days not yet past."""
    import datetime as _dt

    from interview_kit.core.outcomes import OUTCOMES

    iv = Interview.create(scheduled_minutes=45, date="2026-11-20", company="Acme")
    before = follow_up_offer(iv, today=_dt.date(2026, 11, 20))
    assert [r.kind for r in before.reminders] == ["thank_you", "follow_up"] and before
    later = follow_up_offer(iv, today=_dt.date(2026, 11, 23))  # the thank-you day is past
    assert [r.kind for r in later.reminders] == ["follow_up"]
    gone = follow_up_offer(iv, today=_dt.date(2026, 12, 1))
    assert not gone and "passed" in gone.reason
    for outcome in OUTCOMES:
        decided = follow_up_offer(iv.replace(outcome=outcome), today=_dt.date(2026, 11, 20))
        assert not decided and "outcome" in decided.reason
    undated = follow_up_offer(iv.replace(date=None), today=_dt.date(2026, 11, 20))
    assert not undated and "date" in undated.reason
