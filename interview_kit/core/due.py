"""What is due, and when: the one place that decides it.

Two things can fall due for an interview: a ``thank_you`` note (the day after the
interview, until one is recorded as sent or an outcome is recorded) and a
``follow_up`` (the day after the date they said they would decide by, or a week
after the interview when they named none, until an outcome or a check-in sent is
recorded). The due
list, the calendar export and the reminders all ask this module, so they agree.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from .fields import COMPANY, ROLE


class Dated(Protocol):
    """What the rules read of an interview (an :class:`~.interview.Interview`, or the
    journal's columns for it, so the due list needs no stored record parsed)."""

    @property
    def company(self) -> str: ...
    @property
    def role(self) -> str: ...
    @property
    def date(self) -> str | None: ...
    @property
    def outcome(self) -> str | None: ...
    @property
    def decision_by(self) -> str | None: ...
    @property
    def thank_you_sent(self) -> str | None: ...
    @property
    def followed_up(self) -> str | None: ...


#: Days after the interview the thank-you note is due.
THANK_YOU_DAYS = 1
#: Days after the decision date they named before following up.
AFTER_DECISION_DAYS = 1
#: Days after the interview to follow up when they named no date.
NO_DATE_FOLLOW_UP_DAYS = 7
#: How far ahead the due list looks by default (days, inclusive).
DEFAULT_DAYS = 7
KINDS = ("thank_you", "follow_up")
#: Each kind as the user reads it.
KIND_WORDS = {"thank_you": "Thank-you note", "follow_up": "Follow up"}


@dataclass(frozen=True)
class Due:
    """One thing due for one interview (``id``: its journal id, or None)."""

    id: int | None
    kind: str  # one of KINDS
    due: _dt.date
    company: str
    role: str

    def overdue(self, today: _dt.date) -> bool:
        return self.due < today

    def to_dict(self) -> dict[str, object]:
        """The ``interview-kit due --json`` object."""
        return {
            "id": self.id,
            "kind": self.kind,
            "due": self.due.isoformat(),
            COMPANY.json_key: self.company,
            ROLE.json_key: self.role,
        }


def _day(text: str | None) -> _dt.date | None:
    return None if text is None else _dt.date.fromisoformat(text)


def _after(day: _dt.date, days: int) -> _dt.date | None:
    """``day`` plus ``days``; None past the calendar's end (year 9999)."""
    try:
        return day + _dt.timedelta(days=days)
    except OverflowError:
        return None


def thank_you_due(interview: Dated) -> _dt.date | None:
    """When the thank-you note is due; None when it is not (sent, decided, no date)."""
    day = _day(interview.date)
    if day is None or interview.outcome is not None or interview.thank_you_sent:
        return None
    return _after(day, THANK_YOU_DAYS)


def follow_up_due(interview: Dated) -> _dt.date | None:
    """When to follow up; None once an outcome or a check-in sent is recorded, or
    without an interview date.

    Never before the day after ``decision_by``: following up before the date they
    gave reads as impatience."""
    day = _day(interview.date)
    if day is None or interview.outcome is not None or interview.followed_up:
        return None
    told = _day(interview.decision_by)
    if told is not None:
        return _after(max(told, day), AFTER_DECISION_DAYS)
    return _after(day, NO_DATE_FOLLOW_UP_DAYS)


def due_for(interview: Dated, id: int | None = None) -> list[Due]:
    """Everything still to do for one interview, whatever the date."""
    out = []
    for kind, when in (
        ("thank_you", thank_you_due(interview)),
        ("follow_up", follow_up_due(interview)),
    ):
        if when is not None:
            out.append(Due(id, kind, when, interview.company, interview.role))
    return out


def due_list(
    interviews: Iterable[tuple[int | None, Dated]], *, today: _dt.date, days: int = DEFAULT_DAYS
) -> list[Due]:
    """What is due up to ``days`` after ``today`` (inclusive), overdue first, then by
    date (then thank-you before follow-up, then by id)."""
    if isinstance(days, bool) or not isinstance(days, int) or days < 0:
        raise ValueError(f"days must be a whole number >= 0, got {days!r}")
    horizon = _after(today, days) or _dt.date.max
    items = [d for id, interview in interviews for d in due_for(interview, id) if d.due <= horizon]
    return sorted(items, key=lambda d: (d.due, KINDS.index(d.kind), -1 if d.id is None else d.id))
