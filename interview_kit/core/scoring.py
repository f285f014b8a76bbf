"""Turn an interview's signs into a transparent score.

The overall score is a weighted mean of the observed signals, mapped from
[-2, 2] to [0, 100] (50 = no sign either way), so each signal's share of it,
its *points*, adds up: ``overall = 50 + sum(points)`` (to rounding). A signal nobody
noticed is left out of the mean (it lowers the confidence, never the score).
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from .advice import write_advice
from .assessment import NEUTRAL, SCALE, Assessment, Contribution, verdict_for
from .interview import Interview
from .signals import CATEGORIES, all_signals, counted
from .weights import Weights, validate_weights


def _sums(pairs: Iterable[tuple[float, float]]) -> tuple[float, float]:
    """(sum of weight * value, sum of weight) of (weight, value) pairs, left to right."""
    total = 0.0
    observed = 0.0
    for weight, value in pairs:
        total += weight * value
        observed += weight
    return total, observed


def _to_score(total: float, observed: float) -> float:
    """The weighted mean ``total / observed`` mapped from [-2, 2] to [0, 100]."""
    if observed <= 0.0:
        return NEUTRAL
    return NEUTRAL + SCALE * (total / observed)


def possible_weight(weights: Mapping[str, float], observed: Collection[str] | None = None) -> float:
    """The weight of all the evidence there could be: every article sign, and each
    sign beyond the article only if it is in ``observed`` (those count only where
    noted, so leaving one out never lowers the confidence). ``observed=None``: the
    article's signs only.

    Summed in the same grouping as ``observed_weights`` (by category, catalog order
    within), so that an observed subset can never round above it: confidence <= 1.
    """
    noted = observed if observed is not None else ()
    possible = 0.0
    for cat in CATEGORIES:
        _, cat_possible = _sums(
            (weights[s.id], 0.0)
            for s in all_signals()
            if s.category == cat.id and counted(s, s.id in noted)
        )
        possible += cat_possible
    return possible


def observed_weights(
    weights: Mapping[str, float], observed: Collection[str]
) -> tuple[dict[str, float], float, float]:
    """(observed weight per category, overall observed weight, confidence) when the
    signals in ``observed`` were noticed.

    The order of the sums here (catalog order within a category, then category
    order) is the contract with ``batch.score_many``, which calls this same
    function for every pattern of noticed signals, so its numbers match bit for bit.
    """
    by_category: dict[str, float] = {}
    overall = 0.0
    for cat in CATEGORIES:
        _, cat_observed = _sums(
            (weights[s.id], 0.0) for s in all_signals() if s.category == cat.id and s.id in observed
        )
        by_category[cat.id] = cat_observed
        overall += cat_observed
    possible = possible_weight(weights, observed)
    confidence = min(overall / possible, 1.0) if possible > 0.0 else 0.0
    return by_category, overall, confidence


def score(
    interview: Interview, weights: Weights | None = None, *, today: _dt.date | None = None
) -> Assessment:
    """Score one interview with the catalog's weights, or ``weights`` overrides.

    Each category's weighted sum runs over its signals in catalog order; the
    overall sum adds the category sums in category order. ``batch.score_many``
    follows exactly these steps. The words are those of ``today`` (default: the
    kit's clock, :mod:`core.clock`); the numbers never depend on the day.
    """
    weights = validate_weights(weights)
    values = interview.signal_values()
    seen = [(s, weights[s.id], v) for s in all_signals() if (v := values[s.id]) is not None]
    cat_observed, observed, confidence = observed_weights(weights, {s.id for s, _, _ in seen})

    categories: dict[str, float | None] = {}
    total = 0.0
    for cat in CATEGORIES:
        cat_total, _ = _sums((w, v) for s, w, v in seen if s.category == cat.id)
        total += cat_total
        cat_weight = cat_observed[cat.id]
        categories[cat.id] = _to_score(cat_total, cat_weight) if cat_weight > 0.0 else None
    overall = _to_score(total, observed)

    contributions = tuple(
        sorted(
            (
                Contribution(s.id, s.category, v, w, SCALE * w * v / observed)
                for s, w, v in seen
                if w > 0.0
            ),
            key=lambda c: (-abs(c.points), -c.points),
        )
    )
    bare = Assessment(
        overall=overall,
        verdict=verdict_for(overall, confidence),
        confidence=confidence,
        categories=categories,
        contributions=contributions,
        weights=weights,
        signs_noted=len(contributions),
        signs_total=sum(
            1 for s in all_signals() if weights[s.id] > 0.0 and counted(s, values[s.id] is not None)
        ),
    )
    return write_advice(bare, interview, today)


class Scorer:
    """A reusable scorer with tweakable weights (scikit-learn style parameters).

    ``weights`` is stored as given and validated when used, so a notebook cell
    can set it, re-run, and compare.
    """

    def __init__(self, weights: Weights | None = None) -> None:
        self.weights = weights

    def get_params(self) -> dict[str, Any]:
        """The parameters as given (not validated), scikit-learn style."""
        return {"weights": self.weights}

    def set_params(self, **params: Any) -> Scorer:
        """Replace parameters (only ``weights``); validated when next used."""
        for key, value in params.items():
            if key != "weights":
                raise ValueError(f"Scorer has no parameter {key!r}")
            self.weights = value
        return self

    def effective_weights(self) -> dict[str, float]:
        """The weights every signal gets: defaults updated with ``weights``."""
        return validate_weights(self.weights)

    def score(self, interview: Interview) -> Assessment:
        """:func:`score` with this scorer's weights."""
        return score(interview, self.weights)

    def __repr__(self) -> str:
        return f"Scorer(weights={self.weights!r})"
