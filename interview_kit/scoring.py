"""Turn an interview's signs into a transparent score.

The overall score is a weighted mean of the observed signals, mapped from
[-2, 2] to [0, 100] (50 = no sign either way), so each signal's share of it,
its *points*, adds up: ``overall = 50 + sum(points)`` (to rounding). A signal nobody
noticed is left out of the mean (it lowers the confidence, never the score).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .interview import Interview
from .signals import CATALOG, CATEGORIES, HIGH
from .weights import Weights, validate_weights

NEUTRAL = 50.0
#: Points per unit of a signal's value when it is the only evidence (50 / HIGH).
SCALE = NEUTRAL / HIGH
#: Below this share of the weighted evidence the verdict is "unclear".
MIN_CONFIDENCE = 0.4
PROMISING_AT = 60.0
CONCERNING_AT = 40.0
VERDICTS = ("promising", "mixed", "concerning", "unclear")


@dataclass(frozen=True)
class Contribution:
    """One observed signal's signed share of the overall score."""

    signal: str
    category: str
    value: float
    weight: float
    points: float


@dataclass(frozen=True)
class Assessment:
    """The reading of one interview. ``to_dict`` gives the contract's JSON."""

    overall: float
    verdict: str
    confidence: float
    categories: Mapping[str, float | None]
    contributions: tuple[Contribution, ...]
    strengths: tuple[str, ...] = ()
    concerns: tuple[str, ...] = ()
    advice: tuple[str, ...] = ()
    weights: Mapping[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object; numbers rounded for people (never ``-0.0``)."""
        return {
            "overall": _round(self.overall, 1),
            "verdict": self.verdict,
            "confidence": _round(self.confidence, 2),
            "categories": {
                key: None if value is None else _round(value, 1)
                for key, value in self.categories.items()
            },
            "contributions": [
                {
                    "signal": c.signal,
                    "category": c.category,
                    "value": _round(c.value, 2),
                    "weight": c.weight,
                    "points": _round(c.points, 1),
                }
                for c in self.contributions
            ],
            "strengths": list(self.strengths),
            "concerns": list(self.concerns),
            "advice": list(self.advice),
            "weights": dict(self.weights),
        }


def _round(value: float, digits: int) -> float:
    return round(value, digits) + 0.0  # + 0.0 turns a rounded -0.0 into 0.0


def verdict_for(overall: float, confidence: float) -> str:
    """Name the reading; too little evidence is 'unclear', never a guess."""
    if confidence < MIN_CONFIDENCE:
        return "unclear"
    if overall >= PROMISING_AT:
        return "promising"
    if overall <= CONCERNING_AT:
        return "concerning"
    return "mixed"


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


def possible_weight(weights: Mapping[str, float]) -> float:
    """The weight of all the evidence there could be.

    Summed in the same grouping as ``observed_weights`` (by category, catalog order
    within), so that an observed subset can never round above it: confidence <= 1.
    """
    possible = 0.0
    for cat in CATEGORIES:
        _, cat_possible = _sums((weights[s.id], 0.0) for s in CATALOG if s.category == cat.id)
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
        _, cat_observed = _sums((weights[s.id], 0.0) for s in CATALOG
                                if s.category == cat.id and s.id in observed)
        by_category[cat.id] = cat_observed
        overall += cat_observed
    possible = possible_weight(weights)
    confidence = min(overall / possible, 1.0) if possible > 0.0 else 0.0
    return by_category, overall, confidence


def score(interview: Interview, weights: Weights | None = None) -> Assessment:
    """Score one interview with the catalog's weights, or ``weights`` overrides.

    Each category's weighted sum runs over its signals in catalog order; the
    overall sum adds the category sums in category order. ``batch.score_many``
    follows exactly these steps.
    """
    from .advice import write_advice  # advice reads Assessment; import here avoids a cycle

    weights = validate_weights(weights)
    values = interview.signal_values()
    seen = [(s, weights[s.id], values[s.id]) for s in CATALOG if values[s.id] is not None]
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
    )
    return write_advice(bare, interview)


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

    def score_many(self, interviews: Any) -> Any:
        """:func:`interview_kit.batch.score_many` with these weights (imports numpy)."""
        from .batch import score_many

        return score_many(interviews, self.weights)

    def __repr__(self) -> str:
        return f"Scorer(weights={self.weights!r})"
