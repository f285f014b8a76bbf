"""Personal calibration: learn weights from the outcomes in a journal.

The model is a logistic regression of "good outcome" (offer, next round) against
"not good" (rejected, no response) on the signals' values, catalog order. A
signal nobody noticed enters as 0, the neutral middle of the scale: it pushes
neither way, just as it adds nothing to the score's weighted sum. The
coefficients are pulled toward a scaled copy of the prior (default) weights by
an L2 penalty, so a handful of outcomes barely moves them; they are fitted by
Newton's method (deterministic), clipped at 0 and rescaled so they sum to the
prior's total, which leaves every score's meaning unchanged. Uncertainty comes
from the Laplace approximation (the inverse Hessian at the optimum).

numpy only; the CLI imports this module lazily. Fitted weights are offered, never
applied: :meth:`Calibration.profile_weights` returns a dict ready to save as a profile.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..core.batch import score_many, signal_matrix
from ..core.errors import InputError
from ..core.interview import Interview
from ..core.outcomes import outcome_label
from ..core.signals import all_signals
from ..core.weights import Weights, validate_weights

#: Fewest labelled outcomes before a fit is attempted (both kinds must be present).
MIN_OUTCOMES = 8
#: Below this many labelled outcomes the held-out check is called a rough indication.
ROUGH_BELOW = 30
#: How many interviews' worth of evidence the prior counts for (see ``_penalty``).
DEFAULT_STRENGTH = 300.0
#: Prior slope: log-odds per unit of the weighted mean value (25 score points).
PRIOR_SLOPE = 1.0
#: Penalty on the intercept: tiny, only to keep Newton's steps finite.
_INTERCEPT_PENALTY = 1e-3
_MAX_ITER = 100
_TOL = 1e-10


class NotEnoughData(ValueError):
    """Raised when fitted weights are asked for without enough outcomes behind them."""


@dataclass(frozen=True)
class Readiness:
    """Whether there are enough outcomes for a fit, and if not what is missing."""

    enough: bool
    n_good: int
    n_bad: int
    more_needed: int  # further labelled outcomes needed in all
    more_good: int  # of which at least this many good ones
    more_bad: int  # and at least this many not-good ones
    message: str


def readiness(interviews: Iterable[Interview]) -> Readiness:
    """Count the usable outcomes and say plainly how many more a fit needs."""
    labels = [outcome_label(i.outcome) for i in interviews]
    good = sum(1 for y in labels if y == 1)
    bad = sum(1 for y in labels if y == 0)
    more_good = 1 if good == 0 else 0
    more_bad = 1 if bad == 0 else 0
    more = max(MIN_OUTCOMES - good - bad, more_good + more_bad, 0)
    if more == 0:
        return Readiness(
            True,
            good,
            bad,
            0,
            0,
            0,
            f"{good + bad} interviews with a known outcome: enough to try a fit.",
        )
    parts = [
        f"Not enough outcomes yet: {good + bad} interview"
        f"{'' if good + bad == 1 else 's'} with a known outcome "
        f"({good} good, {bad} not), and a fit needs at least {MIN_OUTCOMES}, "
        "with both kinds present."
    ]
    kinds = []
    if more_good:
        kinds.append("at least one good outcome (an offer or a next round)")
    if more_bad:
        kinds.append("at least one rejection or no response")
    need = f"{more} more {'is' if more == 1 else 'are'} needed"
    if kinds:
        need += ", including " + " and ".join(kinds)
    parts.append(need + ". Withdrawn and pending interviews do not count.")
    return Readiness(False, good, bad, more, more_good, more_bad, " ".join(parts))


@dataclass(frozen=True)
class HeldOutCheck:
    """Leave-one-out ranking check: how often a good outcome's held-out reading
    ranked above a not-good one's (0.5 is chance, 1 is always)."""

    n: int
    n_good: int
    n_bad: int
    concordance: float  # with weights fitted without the held-out interview
    concordance_default: float  # with the prior weights
    interval: tuple[float, float]  # approximate 95% interval of ``concordance``
    interval_default: tuple[float, float]
    rough: bool  # too few outcomes to call it more than a rough indication
    scores: tuple[float, ...]  # each held-out interview's overall score, fitted weights
    labels: tuple[int, ...]

    def describe(self) -> str:
        """The check in words, never claiming more than the numbers support."""
        text = (
            f"Held out one at a time, a good outcome's reading ranked above a not-good "
            f"one's {self.concordance:.0%} of the time with the fitted weights "
            f"(roughly {self.interval[0]:.0%} to {self.interval[1]:.0%}) and "
            f"{self.concordance_default:.0%} with the default weights "
            f"(roughly {self.interval_default[0]:.0%} to {self.interval_default[1]:.0%}); "
            f"50% would be chance. Based on {self.n} outcomes "
            f"({self.n_good} good, {self.n_bad} not)"
        )
        if self.rough:
            return text + ", so this is only a rough indication, not a measure of accuracy."
        return text + "; the ranges show how much this could move with other interviews."

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "n_good": self.n_good,
            "n_bad": self.n_bad,
            "concordance": round(self.concordance, 3),
            "concordance_default": round(self.concordance_default, 3),
            "interval": [round(x, 3) for x in self.interval],
            "interval_default": [round(x, 3) for x in self.interval_default],
            "rough": self.rough,
            "text": self.describe(),
        }


@dataclass(frozen=True)
class Calibration:
    """The result of :func:`fit_weights`: fitted weights beside the prior ones.

    With ``enough_data`` False, ``weights`` equals the prior and ``message`` says
    what is missing; :meth:`profile_weights` then raises :class:`NotEnoughData`.
    """

    enough_data: bool
    message: str
    n_good: int
    n_bad: int
    n_left_out: int  # withdrawn or still pending
    prior_weights: Mapping[str, float]
    weights: Mapping[str, float]  # fitted, on the prior's scale (same total)
    std_errors: Mapping[str, float]  # approximate, on the weights' scale
    observed: Mapping[str, int]  # labelled interviews in which each signal was noted
    strength: float
    intercept: float = 0.0
    coefficients: Mapping[str, float] = field(default_factory=dict)  # raw log-odds per unit
    held_out: HeldOutCheck | None = None
    offered: bool = True  # False when the outcomes ran against every sign
    caution: str = ""  # a warning to show beside the fitted weights, if any

    @property
    def n(self) -> int:
        return self.n_good + self.n_bad

    def profile_weights(self) -> dict[str, float]:
        """The fitted weights, rounded, ready to save as a named profile."""
        if not (self.enough_data and self.offered):
            raise NotEnoughData(self.message)
        return {key: round(value, 3) for key, value in self.weights.items()}

    def describe(self, *, held_out: bool = True) -> str:
        """A few plain sentences: what was fitted, what moved, how sure it is.

        ``held_out=False`` leaves out the held-out check, for views that show it
        under a heading of its own."""
        if not (self.enough_data and self.offered):
            return self.message
        moved = sorted(self.weights, key=lambda k: -abs(self.weights[k] - self.prior_weights[k]))
        top = moved[0]
        parts = [self.caution] if self.caution else []
        parts += [
            f"Fitted on {self.n} outcomes ({self.n_good} good, {self.n_bad} not), pulled "
            f"toward the default weights with the weight of about {self.strength:g} "
            "interviews, so with few outcomes they move little."
        ]
        shift = self.weights[top] - self.prior_weights[top]
        if abs(shift) >= 0.05:
            parts.append(
                f"The largest change is {_label(top)}: {self.prior_weights[top]:g} -> "
                f"{self.weights[top]:.2f} (give or take {self.std_errors[top]:.2f})."
            )
        else:
            parts.append("No weight moved noticeably from its default.")
        never = [k for k, c in self.observed.items() if c == 0]
        if never:
            parts.append(
                "Never noted, so left at the prior: " + ", ".join(_label(k) for k in never) + "."
            )
        if held_out and self.held_out is not None:
            parts.append(self.held_out.describe())
        parts.append("These weights are only a suggestion: save them as a profile to use them.")
        return " ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        return {
            "enough_data": self.enough_data,
            "offered": self.offered,
            "message": self.message,
            "caution": self.caution,
            "n_good": self.n_good,
            "n_bad": self.n_bad,
            "n_left_out": self.n_left_out,
            "prior_weights": dict(self.prior_weights),
            "weights": {k: round(v, 4) for k, v in self.weights.items()},
            "std_errors": {k: round(v, 4) for k, v in self.std_errors.items()},
            "observed": dict(self.observed),
            "strength": self.strength,
            "held_out": None if self.held_out is None else self.held_out.to_dict(),
            "text": self.describe(),
        }


def _label(signal_id: str) -> str:
    return next(s.label for s in all_signals() if s.id == signal_id)


def _labelled(interviews: Iterable[Interview]) -> tuple[list[Interview], np.ndarray, int]:
    kept, labels, left_out = [], [], 0
    for interview in interviews:
        y = outcome_label(interview.outcome)
        if y is None:
            left_out += 1
        else:
            kept.append(interview)
            labels.append(y)
    return kept, np.asarray(labels, dtype=np.float64), left_out


def _prior(prior_weights: Weights | None) -> tuple[dict[str, float], np.ndarray, float]:
    weights = validate_weights(prior_weights, field="prior_weights")
    w = np.array([weights[s.id] for s in all_signals()])
    total = float(w.sum())
    if total <= 0.0:
        raise InputError("prior_weights", weights, "at least one weight must be above 0")
    return weights, w, total


def _penalty(strength: float, k: int) -> np.ndarray:
    """Diagonal of the penalty: intercept first (tiny), then one per signal.

    A value in [-2, 2] with spread about 1 at p near 1/2 brings about 1/4 unit of
    information per interview, so ``strength / 4`` makes the prior count as much
    as ``strength`` interviews.
    """
    return np.concatenate([[_INTERCEPT_PENALTY], np.full(k, strength / 4.0)])


def _fit(
    x: np.ndarray, y: np.ndarray, centre: np.ndarray, lam: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Penalised logistic regression by Newton's method with step halving.

    ``x`` carries a leading column of ones. Returns (coefficients, Hessian).
    The objective is strictly convex, so the optimum is unique and the result
    depends only on the inputs.
    """

    def objective(beta: np.ndarray) -> float:
        eta = x @ beta
        return float(
            np.sum(np.logaddexp(0.0, eta) - y * eta) + 0.5 * np.sum(lam * (beta - centre) ** 2)
        )

    beta = centre.copy()
    current = objective(beta)
    hessian = np.eye(len(beta))
    for _ in range(_MAX_ITER):
        p = 0.5 * (1.0 + np.tanh(0.5 * (x @ beta)))  # stable logistic
        grad = x.T @ (p - y) + lam * (beta - centre)
        hessian = (x * (p * (1.0 - p))[:, None]).T @ x + np.diag(lam)
        step = np.linalg.solve(hessian, grad)
        t = 1.0
        while True:
            candidate = beta - t * step
            value = objective(candidate)
            if value <= current or t < 1e-8:
                break
            t *= 0.5
        beta, previous, current = candidate, current, value
        if np.max(np.abs(t * step)) < _TOL or previous - current < 1e-14:
            break
    p = 0.5 * (1.0 + np.tanh(0.5 * (x @ beta)))
    hessian = (x * (p * (1.0 - p))[:, None]).T @ x + np.diag(lam)
    return beta, hessian


def _design(interviews: list[Interview]) -> np.ndarray:
    matrix = signal_matrix(interviews)
    values = np.where(np.isnan(matrix), 0.0, matrix)  # not noticed = neutral
    return np.hstack([np.ones((len(interviews), 1)), values])


def _to_weights(
    beta: np.ndarray, cov: np.ndarray, total: float, prior: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Clip the signal coefficients at 0 and rescale them to the prior's total.

    Standard errors by the delta method (clipped ones keep their raw spread).
    """
    b = beta[1:]
    c = cov[1:, 1:]
    positive = np.maximum(b, 0.0)
    s = float(positive.sum())
    if s <= 0.0:  # the outcomes ran against every sign: nothing sensible to offer
        return prior.copy(), np.sqrt(np.diag(c)) * total / max(float(np.abs(b).sum()), 1e-12)
    on = (b > 0.0).astype(np.float64)
    w = total * positive / s
    jac = total * (np.diag(on) / s - np.outer(positive, on) / s**2)
    var = np.diag(jac @ c @ jac.T).copy()
    off = b <= 0.0
    var[off] = np.diag(c)[off] * (total / s) ** 2
    return w, np.sqrt(np.maximum(var, 0.0))


def _fit_arrays(
    x: np.ndarray, y: np.ndarray, w0: np.ndarray, total: float, strength: float
) -> tuple[np.ndarray, np.ndarray]:
    centre = np.concatenate([[0.0], PRIOR_SLOPE * w0 / total])
    return _fit(x, y, centre, _penalty(strength, len(w0)))


def _check_strength(strength: Any) -> float:
    if (
        isinstance(strength, bool)
        or not isinstance(strength, (int, float))
        or not math.isfinite(strength)
        or strength <= 0
    ):
        raise InputError("strength", strength, "must be a finite number above 0")
    return float(strength)


def fit_weights(
    interviews: Iterable[Interview],
    prior_weights: Weights | None = None,
    strength: float = DEFAULT_STRENGTH,
    *,
    held_out: bool = True,
) -> Calibration:
    """Fit personal weights from the interviews' outcomes (see the module docstring).

    ``strength``: how many interviews' worth of evidence the prior counts for.
    ``held_out``: also run the leave-one-out check (one extra fit per outcome).
    Below :data:`MIN_OUTCOMES` (or with one kind missing) returns a result with
    ``enough_data=False`` and a message saying how many more are needed.
    """
    strength = _check_strength(strength)
    prior, w0, total = _prior(prior_weights)
    kept, y, left_out = _labelled(interviews)
    ready = readiness(kept)
    ids = [s.id for s in all_signals()]
    zeros = dict.fromkeys(ids, 0.0)
    if not ready.enough:
        observed = dict.fromkeys(ids, 0)
        if kept:
            seen = ~np.isnan(signal_matrix(kept))
            observed = {k: int(c) for k, c in zip(ids, seen.sum(axis=0), strict=True)}
        return Calibration(
            False,
            ready.message,
            ready.n_good,
            ready.n_bad,
            left_out,
            prior,
            dict(prior),
            zeros,
            observed,
            strength,
        )

    x = _design(kept)
    beta, hessian = _fit_arrays(x, y, w0, total, strength)
    cov = np.linalg.inv(hessian)
    w, se = _to_weights(beta, cov, total, w0)
    observed_counts = (~np.isnan(signal_matrix(kept))).sum(axis=0)
    message, caution = ready.message, ""
    offered = float(np.maximum(beta[1:], 0.0).sum()) > 0.0
    clipped = int(np.sum(beta[1:] <= 0.0))
    if not offered:
        message += (
            " The outcomes ran against every sign, so no fitted weights are "
            "offered; the prior weights are kept."
        )
    elif clipped > len(all_signals()) // 2:
        caution = (
            f"The outcomes ran against {clipped} of the {len(all_signals())} signs, so "
            "the fitted weights lean on a few signals: treat them with care."
        )
    check = _held_out(kept, x, y, w0, total, strength) if held_out else None
    return Calibration(
        enough_data=True,
        message=message,
        n_good=ready.n_good,
        n_bad=ready.n_bad,
        n_left_out=left_out,
        prior_weights=prior,
        weights={k: float(v) for k, v in zip(ids, w, strict=True)},
        std_errors={k: float(v) for k, v in zip(ids, se, strict=True)},
        observed={k: int(c) for k, c in zip(ids, observed_counts, strict=True)},
        strength=strength,
        intercept=float(beta[0]),
        coefficients={k: float(v) for k, v in zip(ids, beta[1:], strict=True)},
        held_out=check,
        offered=offered,
        caution=caution,
    )


def concordance(scores: np.ndarray, labels: np.ndarray) -> float:
    """Share of (good, not good) pairs where the good one scored higher; ties count half."""
    scores = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(labels)
    good = scores[labels == 1]
    bad = scores[labels == 0]
    if len(good) == 0 or len(bad) == 0:
        raise ValueError("concordance needs both good and not-good outcomes")
    diff = good[:, None] - bad[None, :]
    return float((np.sum(diff > 0) + 0.5 * np.sum(diff == 0)) / diff.size)


def concordance_interval(auc: float, n_good: int, n_bad: int) -> tuple[float, float]:
    """Approximate 95% interval from the Hanley-McNeil standard error, kept in [0, 1]."""
    q1 = auc / (2.0 - auc)
    q2 = 2.0 * auc * auc / (1.0 + auc)
    var = (auc * (1 - auc) + (n_good - 1) * (q1 - auc * auc) + (n_bad - 1) * (q2 - auc * auc)) / (
        n_good * n_bad
    )
    se = math.sqrt(max(var, 0.0))
    return max(0.0, auc - 1.96 * se), min(1.0, auc + 1.96 * se)


def _held_out(
    kept: list[Interview],
    x: np.ndarray,
    y: np.ndarray,
    w0: np.ndarray,
    total: float,
    strength: float,
) -> HeldOutCheck:
    n = len(kept)
    matrix = signal_matrix(kept)
    ids = [s.id for s in all_signals()]
    scores = np.empty(n)
    for i in range(n):
        rest = np.arange(n) != i
        beta, hessian = _fit_arrays(x[rest], y[rest], w0, total, strength)
        w, _ = _to_weights(beta, np.linalg.inv(hessian), total, w0)
        weights = dict(zip(ids, w.tolist(), strict=True))
        scores[i] = score_many(matrix[i : i + 1], weights).overall[0]
    default = score_many(matrix, dict(zip(ids, w0.tolist(), strict=True))).overall
    n_good = int(y.sum())
    n_bad = n - n_good
    auc = concordance(scores, y)
    auc_default = concordance(default, y)
    return HeldOutCheck(
        n=n,
        n_good=n_good,
        n_bad=n_bad,
        concordance=auc,
        concordance_default=auc_default,
        interval=concordance_interval(auc, n_good, n_bad),
        interval_default=concordance_interval(auc_default, n_good, n_bad),
        rough=n < ROUGH_BELOW,
        scores=tuple(float(s) for s in scores),
        labels=tuple(int(v) for v in y),
    )


def held_out_check(
    interviews: Iterable[Interview],
    prior_weights: Weights | None = None,
    strength: float = DEFAULT_STRENGTH,
) -> HeldOutCheck | None:
    """Only the leave-one-out check (None when there are not enough outcomes)."""
    strength = _check_strength(strength)
    _, w0, total = _prior(prior_weights)
    kept, y, _ = _labelled(interviews)
    if not readiness(kept).enough:
        return None
    return _held_out(kept, _design(kept), y, w0, total, strength)
