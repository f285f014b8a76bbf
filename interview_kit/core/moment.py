"""Where one interview stands on one day: the facts every word of a reading follows.

The reading, the thank-you draft and the check-in draft all read the same
:class:`Moment`, so they agree on how long ago the interview was, whether the note
went out, whether the date they named has passed, who was in the room and how you
felt about them.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from . import clock
from .due import follow_up_due, thank_you_due
from .interview import Interview

#: The typical length of a hiring process the kit cites (Glassdoor's 2017 US study:
#: about 24 days on average); silence shorter than this is still ordinary.
TYPICAL_DAYS = 24
#: Interest (1-5) at or below this is "low": you were not keen on them.
LOW_INTEREST = 2
#: Comfort at or below this (a -1 or -2) is nerves worth putting in proportion.
NERVES_AT = -0.5
#: After this many days a late thank-you note is no longer worth suggesting.
LATE_THANKS_DAYS = 14


def _day(text: str | None) -> _dt.date | None:
    try:
        return None if not text else _dt.date.fromisoformat(text)
    except ValueError:
        return None


@dataclass(frozen=True)
class Moment:
    """The facts of one interview on ``today`` (dates None when unknown)."""

    today: _dt.date
    date: _dt.date | None
    outcome: str | None
    thanks_sent: _dt.date | None
    thanks_due: _dt.date | None
    decide_by: _dt.date | None
    check_in: _dt.date | None
    panel: bool
    interest: int | None
    red_flags: str
    nerves: bool

    @property
    def days_since(self) -> int | None:
        """Days from the interview to today (None without a date; 0 on the day)."""
        return None if self.date is None else (self.today - self.date).days

    @property
    def ahead(self) -> bool:
        """The interview is still to come (a date after today)."""
        return self.date is not None and self.date > self.today

    @property
    def doubts(self) -> bool:
        """Your own read of them was lukewarm or worried (low interest, red flags)."""
        return (self.interest is not None and self.interest <= LOW_INTEREST) or bool(
            self.red_flags.strip()
        )

    @property
    def keen(self) -> bool:
        """You said you still want the job (interest 4 or 5)."""
        return self.interest is not None and self.interest > 3

    def words(self, day: _dt.date) -> str:
        """A date said relative to today: "today", "tomorrow", "yesterday", "21 Nov"."""
        gap = (day - self.today).days
        if gap in (-1, 0, 1):
            return ("yesterday", "today", "tomorrow")[gap + 1]
        return clock.day_words(day, self.today)

    def on(self, day: _dt.date) -> str:
        """``on 21 Nov``, or "today", "yesterday", "tomorrow" (no "on" before those)."""
        words = self.words(day)
        return words if words in ("today", "yesterday", "tomorrow") else f"on {words}"

    @property
    def they(self) -> str:
        """Who was across the table: "the panel" or "the interviewer"."""
        return "the panel" if self.panel else "the interviewer"


def moment_of(interview: Interview, today: _dt.date | None = None) -> Moment:
    """The facts of ``interview`` on ``today`` (default: the kit's clock)."""
    comfort = interview.signal_values().get("comfort")
    return Moment(
        today=clock.resolve(today),
        date=_day(interview.date),
        outcome=interview.outcome,
        thanks_sent=_day(interview.thank_you_sent),
        thanks_due=thank_you_due(interview),
        decide_by=_day(interview.decision_by),
        check_in=follow_up_due(interview),
        panel=len(interview.interviewers) > 1,
        interest=interview.my_read.interest,
        red_flags=interview.my_read.red_flags,
        nerves=comfort is not None and comfort <= NERVES_AT,
    )
