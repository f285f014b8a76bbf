"""The kit's one clock: what day it is for every word the reading says.

A reading is opened again days and weeks after the interview, so "today" is part of
it: a date ahead is a plan, a date passed is said as passed. Every command, panel and
test asks :func:`today` (or passes a day explicitly), never ``date.today()`` itself,
so one fixed day (``--today`` on the command line, :func:`fixed_today` in tests)
changes every word at once. A served dashboard's kernels take the day from
``INTERVIEW_KIT_TODAY`` (what ``interview-kit dashboard --today`` sets), so a page
can be read as it will read on a later day.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterator
from contextlib import contextmanager

#: The environment variable that fixes the day for a whole process (a served kernel).
TODAY_ENV = "INTERVIEW_KIT_TODAY"

_fixed: list[_dt.date] = []


def env_today(value: str) -> _dt.date:
    """The day ``INTERVIEW_KIT_TODAY`` names; a ValueError that names the variable and
    the value otherwise (the launcher checks it before any kernel reads it)."""
    try:
        return _dt.date.fromisoformat(value.strip())
    except ValueError:
        raise ValueError(f"{TODAY_ENV}={value!r}: must be a date like 2026-11-20") from None


def today() -> _dt.date:
    """The day the kit reads as today: the fixed one while :func:`fixed_today` holds,
    else the day ``INTERVIEW_KIT_TODAY`` names, else the local date."""
    if _fixed:
        return _fixed[-1]
    named = os.environ.get(TODAY_ENV, "").strip()
    return env_today(named) if named else _dt.date.today()


def resolve(day: _dt.date | None) -> _dt.date:
    """``day`` when given, else :func:`today` (the one default every function uses)."""
    return today() if day is None else day


@contextmanager
def fixed_today(day: _dt.date) -> Iterator[_dt.date]:
    """Within the block, :func:`today` is ``day`` (tests; a command's ``--today``)."""
    _fixed.append(day)
    try:
        yield day
    finally:
        _fixed.pop()


def day_words(day: _dt.date, today: _dt.date) -> str:
    """A date as a person says it: "21 Nov" (with the year when it is not this year's)."""
    text = f"{day.day} {day.strftime('%b')}"
    return text if day.year == today.year else f"{text} {day.year}"


def span_words(days: int) -> str:
    """A length of time in days, then weeks: "1 day", "6 days", "a week", "3 weeks"."""
    if days < 7:
        return f"{days} day{'s' if days != 1 else ''}"
    weeks = days // 7
    if weeks == 1:
        return "a week" if days == 7 else "over a week"
    return f"{weeks} weeks" if days % 7 == 0 else f"over {weeks} weeks"
