"""Reminders for what is due, as data and as ``.ics``.

The dates come from :mod:`interview_kit.core.due` and nowhere else: the thank-you
note the day after the interview (not once one is sent), the follow-up the day
after the date they said they would decide by, or a week after the interview when
they named none; nothing once an outcome is recorded. :func:`to_ics` writes RFC
5545 text (CRLF line endings, lines folded at 75 octets, TEXT values escaped) that
any calendar imports. User text (company, role) only ever appears escaped.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from ..core import clock
from ..core.due import KIND_WORDS, follow_up_due, thank_you_due
from ..core.errors import InputError
from ..core.fields import DATE, DECISION_BY
from ..core.interview import Interview, check_date
from ..core.outcomes import outcome_words

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


#: The reminder settings as the user knows them (the CLI calls ``told`` --told).
_LABELS = {
    DATE.key: "Interview date",
    "told": "Date they said they would decide by",
    DECISION_BY.key: DECISION_BY.label,
}


def _error(field: str, value: object, reason: str) -> InputError:
    """An InputError naming a reminder setting by its label (and its key)."""
    return InputError(field, value, reason, label=_LABELS[field])


def with_told(interview: Interview, told: str | _dt.date | None) -> Interview:
    """``interview`` with ``told`` (a date they named, given beside the record) as its
    decision date; None keeps the record's own. A date before the interview is
    refused by name (a typo, most likely)."""
    try:
        told_text = check_date("told", told)
    except InputError as error:
        raise _error("told", told, error.reason) from None
    if told_text is None:
        return interview
    if interview.date is not None and told_text < interview.date:
        raise _error("told", told, f"is before the interview ({interview.date})")
    return interview.replace(decision_by=told_text)


def plan(interview: Interview, *, key: str = "interview") -> list[Reminder]:
    """The reminders still to come for ``interview``, whatever today is: the dates
    :mod:`interview_kit.core.due` gives (none once an outcome is recorded).

    ``key`` makes the calendar UIDs stable (e.g. the journal id), so importing the
    file again updates the events instead of duplicating them.
    """
    if not interview.date:
        raise _error(DATE.key, interview.date, "is needed to plan reminders")
    day = interview.date
    who = (
        " / ".join(x for x in (interview.company.strip(), interview.role.strip()) if x)
        or "the interview"
    )
    # What core/due leaves out on purpose; any other None is a date past year 9999.
    settled = {
        "thank_you": bool(interview.thank_you_sent or interview.outcome),
        "follow_up": bool(interview.outcome is not None or interview.followed_up),
    }
    reminders = []
    for kind, when in (
        ("thank_you", thank_you_due(interview)),
        ("follow_up", follow_up_due(interview)),
    ):
        if when is None and settled[kind]:
            continue
        if when is None or when > _LAST_DAY:  # the .ics event also needs the day after
            told = kind == "follow_up" and interview.decision_by
            raise _error(
                DECISION_BY.key if told else DATE.key,
                told or day,
                "is too far in the future to plan reminders",
            )
        if kind == "thank_you":
            text = (
                f"Send a short thank-you note for the interview on {day}: "
                "mention one thing you enjoyed talking about."
            )
        elif interview.decision_by:
            text = (
                f"They said they would decide by {interview.decision_by}: with no news "
                "since, a polite note asking about next steps is fine."
            )
        else:
            text = (
                f"No news a week after the interview ({day}): a polite note asking "
                "about next steps is fine. Waiting a few weeks is normal."
            )
        reminders.append(
            Reminder(
                kind, when, f"{KIND_WORDS[kind]}: {who}", text, f"{key}-{kind}@interview-kit.local"
            )
        )
    return reminders


@dataclass(frozen=True)
class FollowUpOffer:
    """The reminders worth offering for one interview; when there are none,
    ``reason`` says why in a sentence."""

    reminders: tuple[Reminder, ...]
    reason: str = ""

    def __bool__(self) -> bool:
        return bool(self.reminders)


def follow_up_offer(
    interview: Interview,
    *,
    today: _dt.date | None = None,
    told: str | _dt.date | None = None,
    key: str = "interview",
) -> FollowUpOffer:
    """The reminders (and their ``.ics``) to offer for one interview: what
    :func:`plan` gives, for days not yet past (``today``: the local date by default).
    ``told``, a date they named given beside the record, counts as its decision date."""
    if interview.outcome is not None:
        return FollowUpOffer(
            (), f"No reminders: the outcome is recorded ({outcome_words(interview.outcome)})."
        )
    if not interview.date:
        return FollowUpOffer((), "Set the interview's date to plan reminders.")
    reminders = plan(with_told(interview, told), key=key)
    day = today or clock.today()
    ahead = tuple(r for r in reminders if r.date >= day)
    if not ahead:
        return FollowUpOffer((), "No reminders: their dates have already passed.")
    return FollowUpOffer(ahead)


def escape_text(value: str) -> str:
    """RFC 5545 TEXT escaping: backslash, semicolon, comma, newline; every other control
    character (NUL, vertical tab, ESC, DEL, C1 controls) is dropped, which TEXT does
    not allow and a calendar might act on, and a lone surrogate becomes U+FFFD."""
    escaped = (
        value.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\r", "\\n")
        .replace("\n", "\\n")
    )
    return "".join(
        "\ufffd" if unicodedata.category(ch) == "Cs" else ch
        for ch in escaped
        if ch == "\t" or unicodedata.category(ch) != "Cc"
    )


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


def to_ics(
    reminders: Iterable[Reminder], *, stamp: _dt.datetime | None = None, alarm: bool = True
) -> str:
    """A VCALENDAR with one all-day VEVENT (and a 09:00 VALARM) per reminder."""
    now = (stamp or _dt.datetime.now(_dt.UTC)).astimezone(_dt.UTC)
    dtstamp = f"{ics_date(now.date())}T{now:%H%M%S}Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ]
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
            lines += [
                "BEGIN:VALARM",
                "ACTION:DISPLAY",
                f"TRIGGER;RELATED=START:{ALARM_TRIGGER}",
                f"DESCRIPTION:{escape_text(r.summary)}",
                "END:VALARM",
            ]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
