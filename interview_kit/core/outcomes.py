"""The outcome table: what can happen after an interview, as data.

Every view reads this one table: the record's checks, the journal's outcome menu
and table cells, the trend chart's markers, the calibration's good/not-good labels
and the command line's choices. Adding an outcome is a change here (and a line of
advice for it), nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Outcome:
    """One thing that can happen next. ``id`` None is "pending": no news yet."""

    id: str | None
    label: str  # short words: a table cell, a chart legend
    choice: str  # how a menu offers it
    good: bool | None  # calibration: True good, False not good, None left out
    colour: str  # Okabe-Ito palette: distinguishable with colour-blindness
    marker: str  # matplotlib marker: the trend chart reads without colour


#: What the command line and the outcome menu call "no outcome yet".
PENDING = "pending"

OUTCOME_TABLE: tuple[Outcome, ...] = (
    Outcome("offer", "Offer", "Offer", True, "#009E73", "*"),
    Outcome("next_round", "Next round", "Next round", True, "#0072B2", "^"),
    Outcome("withdrawn", "Withdrawn", "Withdrawn", None, "#CC79A7", "D"),
    Outcome("rejected", "Rejected", "Rejected", False, "#D55E00", "X"),
    Outcome("no_response", "No response", "No response (ghosted)", False, "#E69F00", "s"),
)
#: The row for an interview with no outcome recorded (silence is not a verdict).
PENDING_OUTCOME = Outcome(None, "Pending", "Pending (no news yet)", None, "#7a7a7a", "o")

#: The data contract's outcome values, in table order.
OUTCOMES: tuple[str, ...] = tuple(o.id for o in OUTCOME_TABLE if o.id is not None)
_BY_ID = {o.id: o for o in (*OUTCOME_TABLE, PENDING_OUTCOME)}


def get_outcome(outcome_id: str | None) -> Outcome:
    """The table row of an outcome (None or "pending": the pending row); KeyError if none."""
    return _BY_ID[None if outcome_id == PENDING else outcome_id]


def outcome_words(outcome_id: str | None) -> str:
    """The short words for an outcome; an unknown value is shown as it is."""
    row = _BY_ID.get(None if outcome_id == PENDING else outcome_id)
    return row.label if row is not None else str(outcome_id)


def outcome_label(outcome_id: str | None) -> int | None:
    """1 for a good outcome, 0 for a not-good one, None when calibration leaves it out."""
    row = _BY_ID.get(outcome_id)
    return None if row is None or row.good is None else int(row.good)
