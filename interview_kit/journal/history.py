"""The History view's data: one scored row per journal entry, sorted, no widgets.

Scoring goes through :mod:`interview_kit.core.batch` (numpy, imported when called),
bit-identical to :func:`interview_kit.score`, so 10,000 rows stay well under a second.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from ..core.assessment import VERDICTS
from ..core.errors import InputError
from ..core.weights import validate_weights
from .records import Entry

#: Columns a History table can sort by.
SORT_KEYS = ("date", "company", "role", "stage", "score", "verdict", "outcome", "id")


@dataclass(frozen=True)
class HistoryRow:
    id: int
    date: str | None
    company: str
    role: str
    stage: str
    score: float
    verdict: str
    confidence: float
    outcome: str | None
    outcome_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def history_rows(entries: Sequence[Entry], weights: Mapping[str, float] | None = None, *,
                 sort: str = "date", descending: bool = False) -> list[HistoryRow]:
    """Score ``entries`` and return their rows, sorted (undated rows last, then by id).

    ``weights=None`` scores each entry with the weights it was saved with; a
    mapping scores all of them alike (what a trend comparison wants).
    """
    if sort not in SORT_KEYS:
        raise InputError("sort", sort, f"must be one of {', '.join(SORT_KEYS)}")
    entries = list(entries)
    if not entries:
        return []
    from ..core.batch import score_many  # numpy: paid when rows are first scored

    fixed = None if weights is None else validate_weights(weights)
    groups: dict[tuple[tuple[str, float], ...], list[int]] = {}
    seen: dict[int, tuple[tuple[str, float], ...]] = {}  # journal entries share weight maps
    for n, e in enumerate(entries):
        w = fixed if fixed is not None else e.weights
        key = seen.get(id(w))
        if key is None:
            key = seen[id(w)] = tuple(sorted(w.items()))
        groups.setdefault(key, []).append(n)
    overall = [0.0] * len(entries)
    confidence = [0.0] * len(entries)
    verdict = [""] * len(entries)
    for key, members in groups.items():
        scores = score_many([entries[n].interview for n in members], dict(key))
        for n, o, c, v in zip(members, scores.overall.tolist(), scores.confidence.tolist(),
                              scores.verdict_code.tolist(), strict=True):
            overall[n], confidence[n], verdict[n] = o, c, VERDICTS[v]
    rows = [HistoryRow(id=e.id, date=e.date, company=e.company, role=e.role, stage=e.stage,
                       score=overall[n], verdict=verdict[n], confidence=confidence[n],
                       outcome=e.outcome, outcome_date=e.outcome_date)
            for n, e in enumerate(entries)]
    return sort_rows(rows, sort, descending)


def sort_rows(rows: Sequence[HistoryRow], key: str = "date",
              descending: bool = False) -> list[HistoryRow]:
    """Rows sorted by one column; empty values (no date, no outcome) always last."""
    rows = sorted(rows, key=lambda r: r.id)
    present = [r for r in rows if _value(r, key) not in (None, "")]
    missing = [r for r in rows if _value(r, key) in (None, "")]
    present.sort(key=lambda r: _sortable(_value(r, key)), reverse=descending)
    return present + missing


def _value(row: HistoryRow, key: str) -> Any:
    return row.score if key == "score" else getattr(row, key)


def _sortable(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


#: The outcome filter's "every interview" and "no outcome yet" values.
ANY_OUTCOME, NO_OUTCOME = "any", "pending"


def filter_rows(rows: Sequence[HistoryRow], text: str = "",
                outcome: str | None = ANY_OUTCOME) -> list[HistoryRow]:
    """Rows whose company or role contains ``text`` (case and spaces ignored) and
    whose outcome is ``outcome`` (:data:`ANY_OUTCOME`, :data:`NO_OUTCOME` or an
    outcome id); the order is kept."""
    needle = " ".join(text.split()).casefold()
    wanted = (None if outcome in (None, NO_OUTCOME) else outcome)
    return [r for r in rows
            if (not needle or needle in " ".join(r.company.split()).casefold()
                or needle in " ".join(r.role.split()).casefold())
            and (outcome == ANY_OUTCOME or r.outcome == wanted)]


@dataclass(frozen=True)
class TrendPoint:
    """One dated interview on the trend chart; ``outcome`` marks it (None = pending).
    ``company`` and ``role`` name its application (the rounds of one application
    are joined on the chart, different applications never)."""

    id: int
    date: str
    score: float
    outcome: str | None
    company: str = ""
    role: str = ""

    @property
    def application(self) -> tuple[str, str]:
        """The application this round belongs to: company and role, case and spaces
        ignored (as the journal's ``rounds`` groups them)."""
        return (" ".join(self.company.split()).casefold(),
                " ".join(self.role.split()).casefold())


def trend_points(rows: Sequence[HistoryRow]) -> list[TrendPoint]:
    """Dated rows in date order, for the score-over-time chart (undated ones can't be placed)."""
    dated = sorted((r for r in rows if r.date), key=lambda r: (r.date, r.id))
    return [TrendPoint(r.id, r.date or "", r.score, r.outcome, r.company, r.role)
            for r in dated]
