"""What the page holds, as one comparable record: the interview (its outcome included)
and the outcome's date, the two things Save writes.

Why a record of its own: "unsaved" is a comparison (the page against what was last
saved: the linked entry, or an empty new interview), and the three-way merge of a
save that raced another writer compares three of them. Both need one plain value
that means the same on every side; the journal's :class:`Entry` has the date beside
the interview, so it is added here under :data:`OUTCOME_DATE`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.interview import Interview
from ..journal.records import Entry

#: The record's key for the outcome's date (an :class:`Entry` attribute, not an
#: interview field: the journal keeps it beside the interview).
OUTCOME_DATE = "outcome_date"


@dataclass(frozen=True)
class PageRecord:
    """The interview on the page and its outcome date (None: none picked)."""

    interview: Interview
    outcome_date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The contract dict with the outcome date beside it (for a merge)."""
        return {**self.interview.to_dict(), OUTCOME_DATE: self.outcome_date}

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> PageRecord:
        """Back from :meth:`to_dict` (validated by the core: raises InputError)."""
        data = dict(record)
        day = data.pop(OUTCOME_DATE, None)
        return cls(Interview.from_dict(data), day if isinstance(day, str) else None)

    @classmethod
    def of(cls, entry: Entry) -> PageRecord:
        """What a saved entry is, as the page holds it."""
        return cls(entry.interview, entry.outcome_date)


def differs(page: PageRecord | None, saved: PageRecord | None) -> bool:
    """Whether the page differs from what was last saved. A page with a value being
    fixed (None) differs: what was saved was valid."""
    if page is None or saved is None:
        return page is not saved
    return page.to_dict() != saved.to_dict()


def outcome_date_to_save(
    page: PageRecord, linked: Entry | None, today: _dt.date | None = None
) -> str | None:
    """The outcome date Save writes: the one picked; else the linked entry's when its
    outcome is unchanged; else today, the user's (a new outcome is dated when it is
    saved); None with no outcome."""
    if page.interview.outcome is None:
        return None
    if page.outcome_date:
        return page.outcome_date
    if linked is not None and linked.outcome == page.interview.outcome and linked.outcome_date:
        return linked.outcome_date
    return (today or _dt.date.today()).isoformat()
