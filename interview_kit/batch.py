"""Score many interviews at once with numpy, bit-for-bit equal to :func:`score`.

Kept apart from ``scoring`` so that scoring one interview (the CLI, a test)
never imports numpy. Sums run over the signals left to right, as in
``scoring._mean_score``, so every float matches the per-record result exactly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .interview import Interview
from .scoring import CONCERNING_AT, MIN_CONFIDENCE, NEUTRAL, PROMISING_AT, SCALE, VERDICTS
from .signals import CATALOG, CATEGORIES
from .weights import Weights, validate_weights

#: Rows per block: a block's columns stay in cache while they are summed.
BLOCK = 16_384


@dataclass(frozen=True)
class BatchScores:
    """Scores of n interviews: arrays of length n (NaN where a category is null)."""

    overall: np.ndarray
    confidence: np.ndarray
    verdict_code: np.ndarray  # index into VERDICTS
    categories: Mapping[str, np.ndarray]

    @property
    def verdict(self) -> np.ndarray:
        return np.asarray(VERDICTS, dtype=object)[self.verdict_code]

    def __len__(self) -> int:
        return len(self.overall)


def signal_matrix(interviews: Iterable[Interview]) -> np.ndarray:
    """An (n, signals) float matrix in catalog order; NaN = not observed."""
    ids = [s.id for s in CATALOG]
    rows = [[np.nan if v is None else v for v in map(i.signal_values().get, ids)]
            for i in interviews]
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(ids))


def _weighted_mean(values: np.ndarray, observed: np.ndarray, w: np.ndarray,
                   columns: list[int]) -> tuple[np.ndarray, np.ndarray]:
    n = values.shape[0]
    total = np.zeros(n)
    seen = np.zeros(n)
    for j in columns:
        total += values[:, j] * w[j]
        seen += observed[:, j] * w[j]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = NEUTRAL + SCALE * (total / seen)
    return np.where(seen > 0.0, mean, NEUTRAL), seen


def _score_block(matrix: np.ndarray, w: np.ndarray, possible: float,
                 out: dict[str, np.ndarray], rows: slice) -> None:
    observed = ~np.isnan(matrix)
    values = np.where(observed, matrix, 0.0)
    k = len(CATALOG)
    overall, seen = _weighted_mean(values, observed, w, list(range(k)))
    out["overall"][rows] = overall
    out["confidence"][rows] = seen / possible if possible > 0.0 else 0.0
    for cat in CATEGORIES:
        cols = [j for j, s in enumerate(CATALOG) if s.category == cat.id]
        mean, cat_seen = _weighted_mean(values, observed, w, cols)
        out[cat.id][rows] = np.where(cat_seen > 0.0, mean, np.nan)


def score_many(interviews: Iterable[Interview] | np.ndarray,
               weights: Weights | None = None) -> BatchScores:
    """Score a sequence of interviews, or an (n, signals) matrix from :func:`signal_matrix`.

    Returns the overall score, confidence, verdict and category scores of each
    row, equal to what :func:`interview_kit.score` gives record by record.
    """
    matrix = interviews if isinstance(interviews, np.ndarray) else signal_matrix(interviews)
    matrix = np.asarray(matrix, dtype=np.float64)
    if matrix.ndim != 2 or matrix.shape[1] != len(CATALOG):
        raise ValueError(f"expected an (n, {len(CATALOG)}) matrix, got shape {matrix.shape}")
    finite = np.isfinite(matrix) | np.isnan(matrix)
    if not finite.all() or (np.abs(np.nan_to_num(matrix)) > 2.0).any():
        raise ValueError("signal values must be in [-2, 2] or NaN (not observed)")

    weights = validate_weights(weights)
    w = np.array([weights[s.id] for s in CATALOG])
    possible = 0.0
    for value in w.tolist():
        possible += value
    n = matrix.shape[0]
    out = {name: np.empty(n) for name in ("overall", "confidence", *(c.id for c in CATEGORIES))}
    for start in range(0, n, BLOCK):
        rows = slice(start, min(start + BLOCK, n))
        _score_block(matrix[rows], w, possible, out, rows)

    overall, confidence = out["overall"], out["confidence"]
    code = np.select(
        [confidence < MIN_CONFIDENCE, overall >= PROMISING_AT, overall <= CONCERNING_AT],
        [VERDICTS.index("unclear"), VERDICTS.index("promising"), VERDICTS.index("concerning")],
        default=VERDICTS.index("mixed"),
    ).astype(np.int8)
    return BatchScores(
        overall=overall,
        confidence=confidence,
        verdict_code=code,
        categories={c.id: out[c.id] for c in CATEGORIES},
    )
