"""Save: everything on the page, based on the revision the page loaded, merged when
the journal moved on meanwhile.

Why here and not in the button's handler: the rule (add or update, which outcome
date, what a refused stale write turns into) is data in, data out, and is tested
without a page. The journal refuses a write based on an older revision
(:class:`StaleRevision`, with what it holds now); the page's edit and the other
writer's are then merged field by field (:func:`~interview_kit.core.merge.merge_records`),
saved at once when they touch different fields, and handed back as :class:`Ask`
where both changed the same field.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core.errors import InputError
from ..core.fields import OUTCOME
from ..core.merge import Conflict, Merge, merge_records
from ..core.outcomes import get_outcome
from ..journal.records import Entry
from ..journal.store import Journal, StaleRevision
from .record import OUTCOME_DATE, PageRecord, outcome_date_to_save

#: A save that keeps meeting newer revisions gives up after this many merges.
MAX_MERGES = 5


@dataclass(frozen=True)
class Saved:
    """Written (or nothing differed): the entry as the journal holds it now;
    ``merged`` when another writer's change was merged in."""

    entry: Entry
    changed: bool
    merged: bool = False


@dataclass(frozen=True)
class Ask:
    """Both sides changed the same fields: the page asks which to keep, then saves
    :meth:`Merge.resolved` based on ``current``."""

    merge: Merge
    current: Entry


def _write(
    journal: Journal,
    page: PageRecord,
    linked: Entry | None,
    weights: Mapping[str, float],
    profile: str | None,
) -> Entry:
    outcome_date = outcome_date_to_save(page, linked)
    if linked is None:
        return journal.get(journal.add(page.interview, weights, profile, outcome_date=outcome_date))
    return journal.update(
        linked.id,
        page.interview,
        weights,
        profile,
        based_on=linked.revision,
        outcome_date=outcome_date,
    )


def save_page(
    journal: Journal,
    page: PageRecord,
    linked: Entry | None,
    weights: Mapping[str, float],
    profile: str | None,
    *,
    merged: bool = False,
) -> Saved | Ask:
    """Add the page's record, or update ``linked`` (the entry the page loaded) based
    on its revision. Raises InputError (JournalError too) when the journal refuses
    for any reason but a newer revision."""
    for _ in range(MAX_MERGES):
        try:
            entry = _write(journal, page, linked, weights, profile)
        except StaleRevision as stale:
            base = PageRecord.of(linked) if linked is not None else page
            current: Entry = stale.current
            merge = merge_records(base.to_dict(), page.to_dict(), PageRecord.of(current).to_dict())
            if merge.conflicts:
                return Ask(merge, current)
            page, linked, merged = PageRecord.from_dict(merge.record), current, True
            continue
        changed = linked is None or entry.revision != linked.revision
        return Saved(entry, changed, merged)
    raise InputError(
        "revision",
        getattr(linked, "revision", None),
        "keeps changing elsewhere: nothing was written, try Save again",
    )


def save_answer(
    journal: Journal,
    page: PageRecord,
    linked: Entry | None,
    ask: Ask,
    take_theirs: set[str],
    weights: Mapping[str, float],
    profile: str | None,
) -> Saved | Ask:
    """Save with the page's answers: the page as it is now (edits made while the
    question was open count) merged again with what the journal held when asked,
    theirs for ``take_theirs`` and mine for every other conflict, based on that
    revision."""
    base = PageRecord.of(linked) if linked is not None else page
    merge = merge_records(base.to_dict(), page.to_dict(), PageRecord.of(ask.current).to_dict())
    resolved = PageRecord.from_dict(merge.resolved(take_theirs))
    return save_page(journal, resolved, ask.current, weights, profile, merged=True)


def conflict_label(conflict: Conflict) -> str:
    """The conflicting field in the words the user sees."""
    return "Outcome date" if conflict.key == OUTCOME_DATE else conflict.label


def conflict_words(key: str, value: Any) -> str:
    """A conflicting value in plain words for the question (never markup)."""
    if value is None or value == "":
        return "(empty)"
    if key == OUTCOME.key:
        return get_outcome(value).choice
    if isinstance(value, float) and value.is_integer():
        return f"{value:g}"
    if isinstance(value, list | tuple):
        return f"{len(value)} item{'s' if len(value) != 1 else ''}"
    text = str(value)
    return text if len(text) <= 80 else text[:79] + "…"
