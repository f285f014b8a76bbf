"""The reading, derived from the page's values by one pure function.

Why pure: the page's state (what the user typed and picked, the weights) is the
source; the interview, its validation and its score follow from it and nothing
else, so the same values always give the same reading, a test needs no widgets,
and "what differs from the saved record" is a comparison of values, not of
widgets read back at some moment. :func:`derive` never raises for bad input: a
value the core refuses is the reading's ``error``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..core import fields
from ..core.assessment import Assessment
from ..core.durations import parse_minutes
from ..core.errors import InputError
from ..core.interview import Interview, field_error
from ..core.scoring import score
from ..core.weights import validate_weights


@dataclass(frozen=True)
class Reading:
    """What the values say: the interview and its assessment under the weights, or
    the one value to fix (``error``), never both."""

    interview: Interview | None = None
    weights: Mapping[str, float] | None = None
    assessment: Assessment | None = None
    error: InputError | None = None


def typed_minutes(field: str, text: Any, *, required: bool) -> Any:
    """Minutes typed in a text box ("45", "45 min", "1h 30"); blank is None. Range
    checks stay in the core."""
    if text is None:
        return None
    if not isinstance(text, str):
        return text  # a number (or anything else) goes to the core as is
    try:
        minutes = parse_minutes(text)
    except ValueError as error:
        raise field_error(field, text, str(error)) from None
    if minutes is None and required:
        raise field_error(field, text, "is required (the minutes booked, e.g. 45)")
    return minutes


def contract_values(values: Mapping[str, Any]) -> dict[str, Any]:
    """The page's values as the contract holds them: typed minutes read as numbers
    (raises InputError naming the field)."""
    out = dict(values)
    for f in fields.FIELDS:  # read when called: a row added to the table counts
        if f.control == fields.Control.MINUTES and f.key in out:
            out[f.key] = typed_minutes(f.key, out[f.key], required=f.required)
    return out


def derive(values: Mapping[str, Any], weights: Mapping[str, Any]) -> Reading:
    """The reading of the page's ``values`` (the form as typed, the outcome picked)
    under ``weights``: validated by the core, then scored. Weights are checked first
    (a wrong weight is named even while the form is half-typed)."""
    try:
        checked = validate_weights(dict(weights))
        interview = Interview.from_dict(contract_values(values))
        return Reading(interview, checked, score(interview, checked))
    except InputError as error:
        return Reading(error=error)
