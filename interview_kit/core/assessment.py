"""What a reading is: the :class:`Assessment` and :class:`Contribution` types and the
verdict thresholds, shared by scoring, advice and batch scoring (none imports another
for them)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .signals import HIGH

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
    #: Coverage: signs noted (with a weight above 0) out of all signs that count.
    signs_noted: int = 0
    signs_total: int = 0
    headline: str = ""  # the reading in one or two sentences, chosen from what was entered
    focus: str = ""  # what the interviewer focused on (the question mix); "" if not noted
    note: str = ""  # how far to trust the signs above: said once per reading
    prompt: str = ""  # an invitation (e.g. to name one thing that went well); "" if none
    #: The outcome recorded when the reading was written: the verdict is then said as
    #: what the signs read at the time, never as a forecast after the fact.
    outcome: str | None = None

    @property
    def coverage(self) -> str:
        """What ``confidence`` measures, in words: "based on 6 of 8 signs"."""
        return f"based on {self.signs_noted} of {self.signs_total} signs"

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
            "coverage": {
                "signs_noted": self.signs_noted,
                "signs_total": self.signs_total,
                "text": self.coverage,
            },
            "headline": self.headline,
            "focus": self.focus or None,
            "note": self.note or None,
            "prompt": self.prompt or None,
            # With an outcome recorded, the verdict is what the signs read at the time.
            "outcome": self.outcome,
            "verdict_is": "at the time" if self.outcome else "the reading now",
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
