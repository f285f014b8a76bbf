"""Score many interviews at once with numpy, bit-for-bit equal to :func:`score`.

Kept apart from ``scoring`` so that scoring one interview (the CLI, a test)
never imports numpy.

How it stays exact and fast: which signals a row noticed is one of ``2**k``
patterns (2,048 for the 11 built-in signs, at most 2**14 with signs of your own).
Everything that depends only on that pattern (the observed weight per category
and overall, the confidence, whether the verdict must be "unclear") is computed
once per pattern that occurs, by the very same Python function the scalar path uses
(``scoring.observed_weights``), kept per weight vector, and looked up by a
per-row pattern code. What depends on the values, the
weighted sums, is done with elementwise numpy operations in the scalar path's
order (catalog order inside a category, then category order), in row blocks
that stay in cache. No BLAS, no fused multiply-add: every float is rounded
exactly where Python rounds it.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import numpy as np

from .assessment import CONCERNING_AT, MIN_CONFIDENCE, NEUTRAL, PROMISING_AT, SCALE, VERDICTS
from .errors import InputError
from .interview import Interview
from .scoring import observed_weights
from .signals import CATEGORIES, HIGH, LOW, all_signals, current
from .weights import Weights, validate_weights

#: Rows per block: a block's intermediates stay in the CPU cache.
BLOCK = 16_384
#: Above this many signals the per-pattern tables (2**k rows) would be too big.
MAX_TABLE_SIGNALS = 16

_PROMISING, _MIXED, _CONCERNING, _UNCLEAR = (
    VERDICTS.index(v) for v in ("promising", "mixed", "concerning", "unclear")
)
if (_PROMISING, _MIXED, _CONCERNING, _UNCLEAR) != (0, 1, 2, 3):  # pragma: no cover
    raise RuntimeError("_score_block's verdict arithmetic needs VERDICTS in this order")
# Gathers the lowest bit of each of 8 bytes into the top byte of a uint64.
_GATHER_BITS = np.uint64(0x0102040810204080)


@dataclass(frozen=True)
class BatchScores:
    """Scores of n interviews: arrays of length n (NaN where a category is null).

    ``overall`` and the category arrays are column views of one (n, 5) array.
    """

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
    ids = [s.id for s in all_signals()]
    rows = [
        [np.nan if v is None else v for v in map(i.signal_values().get, ids)] for i in interviews
    ]
    return np.asarray(rows, dtype=np.float64).reshape(-1, len(ids))


def _pattern_codes(missing: np.ndarray) -> np.ndarray:
    """One integer per row of a boolean (rows, k) 'not observed' mask."""
    rows, k = missing.shape
    if k == 8 and missing.flags.c_contiguous:
        # The 8 booleans of a row are the 8 bytes of one uint64: gather their bits.
        packed = missing.view(np.uint64).reshape(rows)
        return ((packed * _GATHER_BITS) >> np.uint64(56)).view(np.int64)
    return missing.astype(np.int64) @ (np.int64(1) << np.arange(k, dtype=np.int64))


@functools.lru_cache(maxsize=4)
def _code_masks(k: int) -> np.ndarray:
    """``masks[code]``: which signals a pattern code leaves unnoticed, for every code.

    Built by running every possible mask through :func:`_pattern_codes` itself, so
    the lookup can never disagree with the codes the rows get.
    """
    patterns = np.arange(2**k, dtype=np.int64)
    masks = ((patterns[:, None] >> np.arange(k)) & 1).astype(bool)
    by_code = np.empty_like(masks)
    by_code[_pattern_codes(np.ascontiguousarray(masks))] = masks
    return by_code


class _PatternTables:
    """Per-pattern lookup tables for one set of weights, filled on demand.

    ``divisors[code]`` holds each category's observed weight, then the overall one
    (as ``_score_block`` lays out its sums); ``confidence[code]``; ``unclear[code]``
    is the "unclear" verdict code or 0. Each entry comes from the scalar path's own
    ``observed_weights``. Only the patterns rows actually have are computed: one row
    needs one call, not 256 (the calibration's held-out check scores one row per
    fold, each with its own weights).
    """

    def __init__(self, weights: Mapping[str, float]) -> None:
        self.masks = _code_masks(len(weights))
        size = len(self.masks)
        self.weights = dict(weights)
        self.divisors = np.zeros((size, len(CATEGORIES) + 1))
        self.confidence = np.zeros(size)
        self.unclear = np.zeros(size, dtype=np.int8)
        self.filled = np.zeros(size, dtype=bool)

    def cover(self, codes: np.ndarray) -> None:
        """Fill the entries of every code in ``codes`` not filled yet."""
        present = np.bincount(codes, minlength=len(self.filled)).astype(bool)
        missing = np.flatnonzero(present & ~self.filled)
        ids = list(self.weights)
        for code in missing.tolist():
            noticed = {
                sid for sid, gone in zip(ids, self.masks[code].tolist(), strict=True) if not gone
            }
            by_category, observed, conf = observed_weights(self.weights, noticed)
            # A category with nothing counted divides by NaN (-> null); the overall score
            # with nothing counted divides 0 by 1.0 (-> NEUTRAL), as the scalar path says.
            self.divisors[code, :-1] = [
                by_category[c.id] if by_category[c.id] > 0.0 else np.nan for c in CATEGORIES
            ]
            self.divisors[code, -1] = observed if observed > 0.0 else 1.0
            self.confidence[code] = conf
            self.unclear[code] = _UNCLEAR if conf < MIN_CONFIDENCE else 0
        self.filled[missing] = True


@functools.lru_cache(maxsize=16)
def _tables_for(
    ids: tuple[str, ...], weights: tuple[float, ...], _catalog: object = None
) -> _PatternTables:
    """The tables of one weight vector (catalog order), kept for the next call:
    the History panel and the sensitivity view score again and again with the same
    weights. ``_catalog`` (the active catalog) is part of the key: the coverage rule
    depends on which signs are optional."""
    return _PatternTables(dict(zip(ids, weights, strict=True)))


class _Buffers:
    """Scratch arrays reused from block to block (no allocation, no page faults)."""

    def __init__(self, w: np.ndarray, rows: int) -> None:
        k = len(w)
        self.weights = np.tile(w, rows)  # the weight row repeated: one flat multiply
        self.products = np.empty(rows * k)
        self.keep = np.empty(rows * k, dtype=np.int64)
        self.sums = np.empty((rows, len(CATEGORIES) + 1))
        self.divisors = np.empty((rows, len(CATEGORIES) + 1))


def _score_block(
    matrix: np.ndarray,
    tables: _PatternTables,
    columns: list[list[int]],
    scores: np.ndarray,
    confidence: np.ndarray,
    verdict: np.ndarray,
    buf: _Buffers,
) -> None:
    """Score ``matrix`` (rows, k): category scores then the overall score into the
    contiguous ``scores`` (rows, categories + 1), and ``confidence`` and ``verdict``.
    """
    rows, k = matrix.shape
    size = rows * k
    missing = np.isnan(matrix)
    code = _pattern_codes(missing)
    tables.cover(code)
    divisor_table, confidence_table, unclear_table = (
        tables.divisors,
        tables.confidence,
        tables.unclear,
    )
    # weight * value for every cell, then every unnoticed (NaN) cell set to 0.0 with a
    # bit mask: all ones where noticed, zero where not. Flat, contiguous, no branches.
    products = np.multiply(matrix.reshape(size), buf.weights[:size], out=buf.products[:size])
    keep = np.subtract(missing.reshape(size).view(np.int8), 1, out=buf.keep[:size], dtype=np.int64)
    as_bits = products.view(np.int64)
    np.bitwise_and(as_bits, keep, out=as_bits)
    products = products.reshape(rows, k)

    # Weighted sums: each category over its signals in catalog order, then the
    # overall sum over the categories in category order (scoring.score's order).
    sums = buf.sums[:rows]
    for index, cols in enumerate(columns):
        column = sums[:, index]
        if len(cols) == 1:
            np.copyto(column, products[:, cols[0]])
        else:
            np.add(products[:, cols[0]], products[:, cols[1]], out=column)
            for j in cols[2:]:
                np.add(column, products[:, j], out=column)
    overall_sum = sums[:, -1]
    if len(columns) == 1:
        np.copyto(overall_sum, sums[:, 0])
    else:
        np.add(sums[:, 0], sums[:, 1], out=overall_sum)
        for index in range(2, len(columns)):
            np.add(overall_sum, sums[:, index], out=overall_sum)

    # NEUTRAL + SCALE * (sum / observed weight), all the scores at once (contiguous).
    divisors = divisor_table.take(code, axis=0, out=buf.divisors[:rows], mode="clip")
    np.divide(sums, divisors, out=scores)
    np.multiply(scores, SCALE, out=scores)
    np.add(scores, NEUTRAL, out=scores)
    confidence_table.take(code, out=confidence, mode="clip")

    overall = scores[:, -1]
    np.subtract(overall <= CONCERNING_AT, overall >= PROMISING_AT, out=verdict, dtype=np.int8)
    verdict += _MIXED  # -1 / 0 / +1 -> promising / mixed / concerning
    np.maximum(verdict, unclear_table.take(code, mode="clip"), out=verdict)


def _check_shape(matrix: np.ndarray) -> None:
    if matrix.ndim != 2 or matrix.shape[1] != len(all_signals()):
        raise InputError(
            "matrix",
            matrix.shape,
            f"must have shape (n, {len(all_signals())}), one column per signal",
        )


def _in_range(block: np.ndarray) -> bool:
    """Every value in [LOW, HIGH] or NaN: NaN-ignoring min and max, no temporary."""
    flat = block.reshape(-1)
    return flat.size == 0 or not (np.fmin.reduce(flat) < LOW or np.fmax.reduce(flat) > HIGH)


def _raise_first_bad(matrix: np.ndarray, offset: int) -> None:
    with np.errstate(invalid="ignore"):
        bad = (matrix < LOW) | (matrix > HIGH)
    row, col = np.argwhere(bad)[0]
    raise InputError(
        f"matrix[{offset + row}, {all_signals()[col].id}]",
        float(matrix[row, col]),
        f"must be in [{LOW:g}, {HIGH:g}] or NaN (not observed)",
    )


def score_many(
    interviews: Iterable[Interview] | np.ndarray, weights: Weights | None = None
) -> BatchScores:
    """Score a sequence of interviews, or an (n, signals) matrix from :func:`signal_matrix`.

    Returns the overall score, confidence, verdict and category scores of each
    row, equal bit for bit to what :func:`interview_kit.score` gives record by record.
    """
    if isinstance(interviews, np.ndarray):
        matrix = np.ascontiguousarray(interviews, dtype=np.float64)
    else:
        matrix = signal_matrix(interviews)
    _check_shape(matrix)
    if len(all_signals()) > MAX_TABLE_SIGNALS:  # pragma: no cover - a catalog holds at most 14
        raise NotImplementedError("score_many supports up to 16 signals")

    weights = validate_weights(weights)
    w = np.array([weights[s.id] for s in all_signals()])
    tables = _tables_for(tuple(s.id for s in all_signals()), tuple(float(x) for x in w), current())
    columns = [[j for j, s in enumerate(all_signals()) if s.category == c.id] for c in CATEGORIES]
    n = matrix.shape[0]
    # One row per interview: the category scores, then the overall score. The arrays
    # handed back are column views of it (no copy).
    scores = np.empty((n, len(CATEGORIES) + 1))
    confidence = np.empty(n)
    verdict = np.empty(n, dtype=np.int8)
    buffers = _Buffers(w, min(n, BLOCK))
    for start in range(0, n, BLOCK):
        rows = slice(start, min(start + BLOCK, n))
        if not _in_range(matrix[rows]):  # checked block by block, while it is in cache
            _raise_first_bad(matrix[rows], start)
        _score_block(
            matrix[rows], tables, columns, scores[rows], confidence[rows], verdict[rows], buffers
        )
    return BatchScores(
        overall=scores[:, -1],
        confidence=confidence,
        verdict_code=verdict,
        categories={c.id: scores[:, index] for index, c in enumerate(CATEGORIES)},
    )
