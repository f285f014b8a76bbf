"""Follow-up planner: the thank-you note and the follow-up, as data and as ``.ics``.

Plain dates in, plain reminders out; :func:`to_ics` writes RFC 5545 text (CRLF
line endings, lines folded at 75 octets, TEXT values escaped) that any calendar
imports. User text (company, role) only ever appears escaped.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..core.errors import InputError
from ..core.interview import Interview, check_date
from ..core.outcomes import outcome_words
from ..core.wording import AWAITING

#: Days after the interview for the thank-you note ("within a day").
THANK_YOU_DAYS = 1
#: Days after the date they said they would answer (or after the interview) to follow up.
FOLLOW_UP_DAYS = 7
MAX_FOLLOW_UP_DAYS = 365
PRODID = "-//interview_kit//journal reminders//EN"
#: Alarm at 09:00 on the reminder's day (all-day events start at midnight).
ALARM_TRIGGER = "PT9H"
#: The last day a reminder can fall on (an all-day event also needs the day after).
_LAST_DAY = _dt.date.max - _dt.timedelta(days=1)


@dataclass(frozen=True)
class Reminder:
    """One thing to do on one day."""

    kind: str  # "thank_you" | "follow_up"
    date: _dt.date
    summary: str
    description: str
    uid: str


#: The reminder settings as the user knows them (the CLI calls two of them --told, --days).
_LABELS = {"date": "Interview date", "told": "Date they said they would decide by",
           "follow_up_days": "Days to wait before following up"}


def _error(field: str, value: object, reason: str) -> InputError:
    """An InputError naming a reminder setting by its label (and its key)."""
    return InputError(field, value, reason, label=_LABELS[field])


def _as_date(field: str, value: str | _dt.date | None) -> _dt.date | None:
    try:
        text = check_date(field, value)
    except InputError as error:
        raise _error(field, value, error.reason) from None
    return None if text is None else _dt.date.fromisoformat(text)


def plan(interview_date: str | _dt.date | None, *, company: str = "", role: str = "",
         told: str | _dt.date | None = None, follow_up_days: int = FOLLOW_UP_DAYS,
         key: str = "interview") -> list[Reminder]:
    """The thank-you note (the day after) and the follow-up.

    ``told`` is the date they said they would answer by; the follow-up comes
    ``follow_up_days`` after it, or after the interview when they said nothing.
    ``key`` makes the calendar UIDs stable (e.g. the journal id), so importing
    the file again updates the events instead of duplicating them.
    """
    day = _as_date("date", interview_date)
    if day is None:
        raise _error("date", interview_date, "is needed to plan reminders")
    told_day = _as_date("told", told)
    if told_day is not None and told_day < day:
        raise _error("told", told, f"is before the interview ({day.isoformat()})")
    if isinstance(follow_up_days, bool) or not isinstance(follow_up_days, int) or not (
            1 <= follow_up_days <= MAX_FOLLOW_UP_DAYS):
        raise _error("follow_up_days", follow_up_days,
                         f"must be a whole number from 1 to {MAX_FOLLOW_UP_DAYS}")
    who = " / ".join(x for x in (company.strip(), role.strip()) if x) or "the interview"
    base = told_day or day
    since = "the date they gave" if told_day else "the interview"
    # Date arithmetic past the year 9999 overflows: refuse such a date by name.
    if day > _LAST_DAY - _dt.timedelta(days=THANK_YOU_DAYS):
        raise _error("date", interview_date, "is too far in the future to plan reminders")
    if base > _LAST_DAY - _dt.timedelta(days=follow_up_days):
        raise _error("told" if told_day else "date", told if told_day else interview_date,
                         "is too far in the future to plan reminders")
    return [
        Reminder("thank_you", day + _dt.timedelta(days=THANK_YOU_DAYS),
                 f"Thank-you note: {who}",
                 f"Send a short thank-you note for the interview on {day.isoformat()}: "
                 "mention one thing you enjoyed talking about.",
                 f"{key}-thank_you@interview-kit.local"),
        Reminder("follow_up", base + _dt.timedelta(days=follow_up_days),
                 f"Follow up: {who}",
                 f"No news {follow_up_days} days after {since} ({base.isoformat()}): a polite "
                 "note asking about next steps is fine. Waiting a few weeks is normal.",
                 f"{key}-follow_up@interview-kit.local"),
    ]


@dataclass(frozen=True)
class FollowUpOffer:
    """The reminders worth offering for one interview; when there are none,
    ``reason`` says why in a sentence."""

    reminders: tuple[Reminder, ...]
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.reminders)


def follow_up_offer(interview: Interview, *, today: _dt.date | None = None,
                    told: str | _dt.date | None = None,
                    follow_up_days: int = FOLLOW_UP_DAYS,
                    key: str = "interview") -> FollowUpOffer:
    """The one place that decides whether a thank-you / follow-up reminder (and its
    ``.ics``) is offered: only while no outcome is recorded (never after a decision,
    a next round or giving up on an answer), only with an interview date, and only
    for days not yet past (``today``: the local date by default)."""
    if interview.outcome not in AWAITING:
        return FollowUpOffer((), f"No reminders: the outcome is recorded "
                                 f"({outcome_words(interview.outcome)}).")
    if not interview.date:
        return FollowUpOffer((), "Set the interview's date to plan reminders.")
    reminders = plan(interview.date, company=interview.company, role=interview.role,
                     told=told, follow_up_days=follow_up_days, key=key)
    day = today or _dt.date.today()
    ahead = tuple(r for r in reminders if r.date >= day)
    if not ahead:
        return FollowUpOffer((), "No reminders: their dates have already passed.")
    return FollowUpOffer(ahead)


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma, newline; every other control
    character (NUL, vertical tab, ESC, DEL, C1 controls) is dropped, which TEXT does
    not allow and a calendar might act on, and a lone surrogate becomes U+FFFD."""
    escaped = (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
               .replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n"))
    return "".join("\ufffd" if unicodedata.category(ch) == "Cs" else ch for ch in escaped
                   if ch == "\t" or unicodedata.category(ch) != "Cc")


def ics_date(day: _dt.date) -> str:
    """``YYYYMMDD`` with a four-digit year (``strftime('%Y')`` drops the zeros of 999)."""
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def fold(line: str, limit: int = 75) -> str:
    """Fold one content line at ``limit`` octets (UTF-8), never inside a character."""
    data = line.encode("utf-8")
    if len(data) <= limit:
        return line
    parts: list[str] = []
    start, width = 0, limit
    while start < len(data):
        end = min(start + width, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, width = end, limit - 1  # continuation lines start with one space
    return "\r\n ".join(parts)


def to_ics(reminders: Iterable[Reminder], *, stamp: _dt.datetime | None = None,
           alarm: bool = True) -> str:
    """A VCALENDAR with one all-day VEVENT (and a 09:00 VALARM) per reminder."""
    now = (stamp or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    dtstamp = f"{ics_date(now.date())}T{now:%H%M%S}Z"
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH"]
    for r in reminders:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(r.uid)}",
            f"DTSTAMP:{dtstamp}",
            f"DTSTART;VALUE=DATE:{ics_date(r.date)}",
            f"DTEND;VALUE=DATE:{ics_date(r.date + _dt.timedelta(days=1))}",
            f"SUMMARY:{escape_text(r.summary)}",
            f"DESCRIPTION:{escape_text(r.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if alarm:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER;RELATED=START:{ALARM_TRIGGER}",
                      f"DESCRIPTION:{escape_text(r.summary)}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
