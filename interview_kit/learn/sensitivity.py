"""Which weights matter for this interview: the overall score's change when each
weight is doubled or switched off (set to 0), everything else unchanged.

Plain Python on top of :func:`interview_kit.core.scoring.score`; no numpy. A signal
that was not noticed, or whose weight is already 0, moves nothing either way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.interview import Interview
from ..core.scoring import score
from ..core.signals import all_signals
from ..core.weights import MAX_WEIGHT, Weights, validate_weights


@dataclass(frozen=True)
class SensitivityRow:
    """One signal's effect on the overall score (in points, out of 100)."""

    signal: str
    label: str
    weight: float
    value: float | None  # None: not noticed
    delta_double: float  # overall with this weight doubled, minus the overall now
    delta_zero: float  # overall with this weight set to 0, minus the overall now

    def to_dict(self) -> dict[str, Any]:
        return {
            "signal": self.signal,
            "label": self.label,
            "weight": self.weight,
            "value": self.value,
            "delta_double": round(self.delta_double, 2),
            "delta_zero": round(self.delta_zero, 2),
        }


def sensitivity(interview: Interview, weights: Weights | None = None) -> list[SensitivityRow]:
    """One row per catalog signal, in catalog order.

    Doubling a weight pulls the score toward that signal's own reading (50 + 25 x
    value); switching it off pushes it away, so the two deltas never share a sign.
    """
    weights = validate_weights(weights)
    base = score(interview, weights).overall
    values = interview.signal_values()
    rows = []
    for signal in all_signals():
        w = weights[signal.id]
        if 2.0 * w <= MAX_WEIGHT:
            doubled = score(interview, {**weights, signal.id: 2.0 * w}).overall
        else:  # the same reading (weights are relative): halve every other weight instead
            halved = {k: v if k == signal.id else v / 2.0 for k, v in weights.items()}
            doubled = score(interview, halved).overall
        zeroed = score(interview, {**weights, signal.id: 0.0}).overall
        rows.append(
            SensitivityRow(
                signal.id, signal.label, w, values[signal.id], doubled - base, zeroed - base
            )
        )
    return rows


def most_influential(rows: list[SensitivityRow]) -> SensitivityRow | None:
    """The row whose weight moves the score most either way (None if nothing moves)."""
    best = max(rows, key=lambda r: max(abs(r.delta_double), abs(r.delta_zero)), default=None)
    if best is None or max(abs(best.delta_double), abs(best.delta_zero)) == 0.0:
        return None
    return best


def describe(rows: list[SensitivityRow]) -> str:
    """A sentence saying which weight matters most here, for a chart's text alternative."""
    best = most_influential(rows)
    if best is None:
        return (
            "No single weight changes this interview's score: too little was noted, "
            "or every noted sign sits at the same level."
        )
    return (
        f"For this interview the {best.label.lower()} weight matters most: doubling it "
        f"moves the overall score by {best.delta_double:+.1f} points and switching it off "
        f"by {best.delta_zero:+.1f}. Signs not noticed, or with weight 0, move nothing."
    )
