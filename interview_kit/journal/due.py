"""The journal's side of what is due: one indexed query, then :mod:`interview_kit.core.due`.

The SQL only narrows the rows (pending, dated, early enough to fall due by the
horizon, from the ``decision_by`` and ``thank_you_sent`` columns, without parsing
any stored record); which of them is due, and when, is decided by
:func:`interview_kit.core.due.due_list` and nowhere else.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from ..core.due import (
    AFTER_DECISION_DAYS,
    DEFAULT_DAYS,
    NO_DATE_FOLLOW_UP_DAYS,
    THANK_YOU_DAYS,
    Due,
    due_list,
)
from ..core.errors import show_value
from ..core.fields import DECISION_BY, FOLLOWED_UP

#: The columns the due rules read (every one kept in step with the stored record).
#: The check-in date has no column (no migration): it is read from the stored JSON.
DUE_COLUMNS = (
    "id, company, role, date, outcome, decision_by, thank_you_sent, "
    f"json_extract(data, '$.{FOLLOWED_UP.json_key}')"
)

#: Rows that can fall due on or before the horizon: each bound is the horizon less
#: the rule's own delay (a necessary condition; core/due decides the rest).
DUE_SQL = (
    f"SELECT {DUE_COLUMNS} FROM interviews "
    "WHERE outcome IS NULL AND date IS NOT NULL AND ("
    " (thank_you_sent IS NULL AND date <= :thank_you_by)"
    " OR (decision_by IS NULL AND date <= :follow_up_by)"
    " OR (decision_by IS NOT NULL AND date <= :decision_by AND decision_by <= :decision_by))"
)


class DamagedRow(ValueError):
    """A due column holds what no saved record would (a hand-edited file)."""


@dataclass(frozen=True)
class DueFacts:
    """What the due rules read of an interview, straight from the journal's columns."""

    company: str
    role: str
    date: str | None
    outcome: str | None
    decision_by: str | None
    thank_you_sent: str | None
    followed_up: str | None = None


def _before(day: _dt.date, days: int) -> str:
    """``day`` less ``days`` as ISO text (the calendar's first day at the least)."""
    try:
        return (day - _dt.timedelta(days=days)).isoformat()
    except OverflowError:
        return "0000-00-00"  # sorts before every date: nothing is that early


def due_params(today: _dt.date, days: int) -> dict[str, str]:
    """The query's bounds for everything due up to ``days`` after ``today``."""
    try:
        horizon = today + _dt.timedelta(days=days)
    except OverflowError:
        horizon = _dt.date.max
    return {
        "thank_you_by": _before(horizon, THANK_YOU_DAYS),
        "follow_up_by": _before(horizon, NO_DATE_FOLLOW_UP_DAYS),
        DECISION_BY.key: _before(horizon, AFTER_DECISION_DAYS),
    }


def due_from_rows(
    rows: list[tuple[object, ...]], *, today: _dt.date, days: int = DEFAULT_DAYS
) -> list[Due]:
    """The due list of the query's rows, decided by the core's one rule; a row with a
    value of the wrong kind (a hand-edited file) is a :class:`DamagedRow` naming its id."""
    facts: list[tuple[int | None, DueFacts]] = []
    for id_, company, role, date, outcome, decision_by, thank_you_sent, followed in rows:
        if not (
            isinstance(id_, int)
            and isinstance(company, str)
            and isinstance(role, str)
            and isinstance(outcome, str | None)
        ):
            raise DamagedRow(f"record {id_} is damaged (a column holds the wrong kind of value)")
        facts.append(
            (
                id_,
                DueFacts(
                    company,
                    role,
                    _date(id_, date),
                    outcome,
                    _date(id_, decision_by),
                    _date(id_, thank_you_sent),
                    _date(id_, followed),
                ),
            )
        )
    return due_list(facts, today=today, days=days)


def _date(id_: int, value: object) -> str | None:
    """A date column's text, checked: ISO date or NULL."""
    if value is None:
        return None
    try:
        if isinstance(value, str) and _dt.date.fromisoformat(value):
            return value
    except ValueError:
        pass
    raise DamagedRow(
        f"record {id_} is damaged (a date column holds {show_value(value)}, not a date)"
    )
