"""Follow-up planner dates and the .ics file: well-formed RFC 5545, parsed back."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from interview_kit import InputError
from interview_kit.journal.reminders import escape_text, fold, plan, to_ics

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


def test_dates_default_and_with_told():
    thank, follow = plan("2026-11-20")
    assert (thank.kind, thank.date) == ("thank_you", dt.date(2026, 11, 21))
    assert (follow.kind, follow.date) == ("follow_up", dt.date(2026, 11, 27))
    _, follow = plan("2026-11-20", told="2026-12-01")
    assert follow.date == dt.date(2026, 12, 8)
    _, follow = plan("2026-11-20", follow_up_days=3)
    assert follow.date == dt.date(2026, 11, 23)


@pytest.mark.parametrize(("kwargs", "field"), [
    ({"interview_date": None}, "date"),
    ({"interview_date": "20/11/2026"}, "date"),
    ({"interview_date": "2026-11-20", "told": "2026-11-01"}, "told"),
    ({"interview_date": "2026-11-20", "follow_up_days": 0}, "follow_up_days"),
])
def test_bad_input(kwargs, field):
    with pytest.raises(InputError) as info:
        plan(**kwargs)
    assert info.value.field == field


def test_ics_is_well_formed_and_user_text_escaped():
    company = 'Acme, Inc; "R&D" \\ Zürich\nline two ' + "é" * 60
    reminders = plan("2026-11-20", company=company, role="Analyst", key="journal-7")
    text = to_ics(reminders, stamp=STAMP)
    for line in text.split("\r\n"):
        assert len(line.encode("utf-8")) <= 75
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "VERSION:2.0" in lines and any(x.startswith("PRODID:") for x in lines)
    events = parse(text)
    assert len(events) == 2
    assert [e["UID"] for e in events] == ["journal-7-thank_you@interview-kit.local",
                                          "journal-7-follow_up@interview-kit.local"]
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

    from interview_kit import Interview
    from interview_kit.core.outcomes import OUTCOMES
    from interview_kit.journal.reminders import follow_up_offer

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
