"""What a write is based on: the revision of the entry the writer last read.

Two writers (two pages, a page and the CLI) that read revision 2 and both write would
otherwise each store their whole copy, and the second would silently undo the first.
A write that names ``based_on`` is refused with :class:`StaleRevision` unless the
entry is still at that revision; the refusal carries what the journal holds now, so
the writer can merge and try again. ``based_on=None`` keeps the unconditional write.

Also the rule for the day an outcome came (:func:`outcome_date_rule`), which a whole
save (outcome and date together) and the quick "record outcome" path share.
"""

from __future__ import annotations

import datetime as _dt
import enum
from typing import Any

from ..core.errors import InputError
from ..core.interview import Interview, check_date
from .records import MAX_REVISION, Entry, today_utc


class Keep(enum.Enum):
    """A typed "not given" for ``update(outcome_date=...)``, where None means "none"."""

    KEEP = "keep"


#: ``update(..., outcome_date=KEEP)``: an unchanged outcome keeps its date, a new one
#: gets today's, none has none (the rule before a save could carry the date).
KEEP = Keep.KEEP

#: An outcome date as a caller may give it: ISO text, a date, None, or :data:`KEEP`.
OutcomeDate = str | _dt.date | None | Keep


class StaleRevision(InputError):
    """A write based on a revision the entry has moved past: nothing was written.

    ``current`` is the entry as the journal holds it now (its fields and revision), so
    the caller can merge its change into it and write again based on that revision.
    """

    def __init__(self, entry_id: int, based_on: int, current: Entry) -> None:
        reason = (
            f"changed elsewhere since revision {based_on} (it is at revision "
            f"{current.revision} now): nothing was written"
        )
        super().__init__("based_on", based_on, reason)
        self.entry_id = entry_id
        self.based_on = based_on
        self.current = current
        self.args = (f"interview #{entry_id} {reason}",)


def check_based_on(value: Any, field: str = "based_on") -> int | None:
    """None (no condition) or a revision a stored entry can have."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_REVISION:
        raise InputError(
            field, value, f"must be a revision: a whole number from 1 to {MAX_REVISION}"
        )
    return value


def check_fresh(current: Entry, based_on: int | None) -> None:
    """Refuse a write whose ``based_on`` is not ``current``'s revision (inside the
    write's transaction, so no other writer can slip in between check and write)."""
    if based_on is not None and based_on != current.revision:
        raise StaleRevision(current.id, based_on, current)


def check_room(current: Entry) -> None:
    """A revision stays within what JSON tools keep exactly (as ids do)."""
    if current.revision >= MAX_REVISION:
        raise InputError(
            "revision",
            current.revision,
            f"is the largest a record can reach ({MAX_REVISION}): interview "
            f"#{current.id} cannot be changed again; nothing was written",
        )


def outcome_date_rule(interview: Interview, old: Entry, given: OutcomeDate) -> str | None:
    """The outcome date to store with ``interview`` replacing ``old``.

    :data:`KEEP`: an unchanged outcome keeps its date, a new outcome gets today's, no
    outcome has none. A date given is stored as given once checked: a real date, not
    before the interview's date, and None only when there is no outcome.
    """
    if isinstance(given, Keep):
        if interview.outcome == old.outcome:
            return old.outcome_date
        return None if interview.outcome is None else today_utc()
    when = check_date("outcome_date", given)
    if interview.outcome is None:
        if when is not None:
            raise InputError("outcome_date", when, "is set but there is no outcome")
        return None
    if when is None:
        raise InputError(
            "outcome_date",
            given,
            f"is needed with the outcome {interview.outcome}: the day it came",
        )
    if interview.date is not None and when < interview.date:
        raise InputError("outcome_date", when, f"is before the interview's date ({interview.date})")
    return when
